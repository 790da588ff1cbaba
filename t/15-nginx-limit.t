# Tests for nginx's own limit on login, registration and reset, and for a configuration without the sandbox (a second stack)
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
my $error = wait_until(10, sub {
	open(my $q, '-|', 'mariadb', '--no-defaults', "--socket=$tmp/var/run/mysqld.sock", '-u', 'root', '-N', '-B',
		'certdesk', '-e', "SELECT last_error FROM outbox WHERE recipient = '13800138000' AND last_error IS NOT NULL")
		or die "mariadb: $!";
	local $/;
	my $v = <$q> // '';
	close $q;
	$v =~ s/\s+$//;
	return $v;
});
is($error, 'SMS.transport sandbox needs Sandbox.enabled = 1',
	'but not into a sandbox nobody reads: the outbox keeps it, with the reason');

done_testing();
