# Tests for nginx's own limit on login, registration and reset, a configuration without the sandbox, and the exec SMS transport (a second stack)
use strict;
use warnings;
use utf8;
use File::Temp qw(tempdir);
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/helpers";
use Test::More;
use Certdesk::Test qw(stack free_ports csrf_from wait_until);
use Certdesk::Accounts qw(client);

# The suite's stack runs with a high rate (CERTDESK_AUTH_RATE) so that the
# account tests can log in often, and with the sandbox on; this one keeps the
# limit low and the sandbox off, as production does.
my $s = stack();
my $tmp = tempdir('certdesk-limit-XXXXXX', TMPDIR => 1, CLEANUP => 1);
chmod 0711, $tmp;
my ($port, $admin_port) = free_ports(2);
my $started;
{
	local $ENV{CERTDESK_PORT} = $port;
	local $ENV{CERTDESK_ADMIN_PORT} = $admin_port;
	local $ENV{CERTDESK_AUTH_RATE} = '1r/m';
	local $ENV{CERTDESK_AUTH_BURST} = 2;
	local $ENV{CERTDESK_WORKERS} = 1;
	local $ENV{CERTDESK_SANDBOX} = 0;
	local $ENV{CERTDESK_BUILD} = $s->{build};
	$started = system("$s->{src}/scripts/stack", 'start', "$tmp/var") == 0;
}
END { system("$s->{src}/scripts/stack", 'stop', "$tmp/var") if $started }
plan skip_all => 'the second stack did not start' unless $started;

sub status {
	my ($ua, $path) = @_;
	return $ua->get("https://127.0.0.1:$port$path")->code;
}

my $ua = client('127.0.15.1');
my @first = map { status($ua, '/login') } 1 .. 3;
is_deeply(\@first, [200, 200, 200], 'the rate and its burst of 2 pass');
is(status($ua, '/login'), 429, '/login past the burst: 429');
is(status($ua, '/register'), 429, '/register shares the limit: 429');
is(status($ua, '/register/profile'), 429, '/register/profile too');
is(status($ua, '/password/forgot'), 429, '/password/forgot too');
my $r = $ua->get("https://127.0.0.1:$port/login");
like($r->decoded_content, qr/操作过于频繁/, 'nginx answers with the friendly 429 page');
is(status($ua, '/healthz'), 200, 'other pages are not limited');
is(status($ua, '/'), 200, 'the home page is not limited');
is(status(client('127.0.15.2'), '/login'), 200, 'another client address has its own allowance');

# ---- without the sandbox ----------------------------------------------------------------
is(status($ua, '/sandbox/sms?phone=13800138000'), 404, 'no /sandbox/sms when the sandbox is off');
is(status($ua, '/sandbox/echo'), 404, 'no /sandbox/echo either');
my $other = client('127.0.15.3');
my $csrf = csrf_from($other->get("https://127.0.0.1:$port/register"));
$r = $other->post("https://127.0.0.1:$port/register", [phone => '13800138000', agree => 1, action => 'send_code',
	csrf => $csrf]);
is($r->code, 200, 'a code is still sent');
# SQL on this stack's database.
sub sql2 {
	my ($query) = @_;
	open(my $q, '-|', 'mariadb', '--no-defaults', "--socket=$tmp/var/run/mysqld.sock", '-u', 'root', '-N', '-B',
		'certdesk', '-e', $query) or die "mariadb: $!";
	local $/;
	my $v = <$q> // '';
	close $q;
	$v =~ s/\s+$//;
	return $v;
}
my $error = wait_until(10, sub {
	sql2("SELECT last_error FROM outbox WHERE recipient = '13800138000' AND last_error IS NOT NULL") });
is($error, 'SMS.transport sandbox needs Sandbox.enabled = 1',
	'but not into a sandbox nobody reads: the outbox keeps it, with the reason');

# ---- the exec transport delivers it ------------------------------------------------------------
# This stack's own worker is held down; one of ours runs with SMS.transport = exec
# and a program that records what it is given.
open(my $hold, '>', "$tmp/var/run/worker.hold") or die "hold: $!";
close $hold;
chomp(my $pgid = do { open(my $f, '<', "$tmp/var/run/worker.pgid") or die; <$f> });
my @pids = grep { /^\d+$/ } split /\n/, `pgrep -g $pgid -x certdesk-worker`;
kill 'TERM', @pids;
ok(wait_until(10, sub { !grep { kill 0, $_ } @pids }), "the stack's worker is down");
open(my $prog, '>', "$tmp/sms-gateway") or die;
print $prog "#!/bin/sh\ncat > '$tmp/sms-out'\nprintf ' to %s' \"\$1\" >> '$tmp/sms-out'\n";
close $prog;
chmod 0755, "$tmp/sms-gateway";
open(my $conf, '>', "$tmp/exec.hdf") or die;
print $conf do { open(my $f, '<', "$tmp/var/certdesk-local.hdf") or die; local $/; <$f> },
	"SMS.transport = exec\nSMS.exec_program = $tmp/sms-gateway\n";
close $conf;
my $worker = fork // die "fork: $!";
if (!$worker) {
	open(STDERR, '>>', "$tmp/exec-worker.log");
	$ENV{CERTDESK_HOME} = $s->{src};
	$ENV{CERTDESK_CONF} = "$tmp/exec.hdf";
	exec "$s->{build}/fcgi/certdesk-worker" or exit 127;
}
sql2("UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP(3) WHERE recipient = '13800138000'");
my $state = wait_until(10, sub { sql2("SELECT state FROM outbox WHERE recipient = '13800138000' AND state = 'sent'") });
kill 'TERM', $worker;
waitpid $worker, 0;
is($state, 'sent', 'the exec transport delivered the waiting SMS');
my $out = do { open(my $f, '<:encoding(UTF-8)', "$tmp/sms-out") or die "no output: $!"; local $/; <$f> } // '';
like($out, qr/^【数字证书在线申请平台】您正在注册账号，验证码：\d{6}，5分钟内有效。.* to 13800138000$/,
	'the program got the text on stdin and the phone as its argument');
is(sql2("SELECT payload IS NULL FROM outbox WHERE recipient = '13800138000'"), 1, 'payload cleared once delivered');

done_testing();
