# Tests for the outbox worker: exactly-once claims across workers, exec retries with backoff, a worker killed mid-batch, sendmail MIME, /admin/outbox
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/helpers";
use Test::More;
use Encode qw(decode);
use File::Temp qw(tempdir);
use POSIX ();
use Certdesk::Test qw(stack ua get post csrf_from sql register_applicant staff_login admin_url admin_cmd wait_until);
use Certdesk::Fulfil qw(invoiced_order one mime_parts);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $s = stack();
my $var = $s->{var};

# ---- an invoiced order, made while the stack's own worker delivers ------------------------------------------
my ($ua) = register_applicant();
my $operator = staff_login("op61_$$", 'operator');
my $finance = staff_login("fin61_$$", 'finance');
my $admin = staff_login("adm61_$$", 'admin');
my $o = invoiced_order($ua, $operator, $finance);
ok(wait_until(20, sub { one("SELECT COUNT(*) FROM outbox WHERE state = 'pending'") == 0 }),
	'the stack\'s worker has delivered everything');

# ---- from here our own workers deliver, with test transports; the stack's worker is held ---------------------
my $dir = tempdir('outbox-XXXXXX', TMPDIR => 1, CLEANUP => 1);
my ($uid, $gid) = $> == 0 ? (getpwnam('certdesk'))[2, 3] : ($>, $) + 0);
chown $uid, $gid, $dir;
chmod 0755, $dir;

# The exec transport's program: logs "time parent-pid result recipient text" per attempt.
# flaky-* fails its first two attempts; doomed-* fails until the file "forgive" exists;
# block-* waits for the file "release" (a delivery in progress).
sub write_program {
	my ($name, $code) = @_;
	open(my $fh, '>', "$dir/$name") or die "$name: $!";
	print $fh "#!/usr/bin/perl\nuse strict;\nuse warnings;\nmy \$dir = '$dir';\n$code";
	close $fh;
	chmod 0755, "$dir/$name";
}
write_program('sink', <<'PERL');
use Fcntl qw(:flock);
use Time::HiRes qw(time sleep);
my $to = $ARGV[0] // '';
my $text = do { local $/; <STDIN> } // '';
sub logline {
	open(my $fh, '>>', "$dir/sink.log") or die "log: $!";
	flock($fh, LOCK_EX);
	printf $fh "%.3f %d %s %s %s\n", time, getppid(), $_[0], $to, $text;
	close $fh;
}
if ($text =~ /^flaky-/) {
	my $log = '';
	if (open(my $fh, '<', "$dir/sink.log")) { local $/; $log = <$fh> // '' }
	my $tries = () = $log =~ /^\S+ \d+ fail \S+ \Q$text\E$/mg;
	if ($tries < 2) { logline('fail'); exit 1 }
}
if ($text =~ /^doomed-/ && !-e "$dir/forgive") { logline('fail'); exit 3 }
if ($text =~ /^block-/) {
	logline('start');
	for (1 .. 1200) { last if -e "$dir/release"; sleep 0.05 }
}
logline('ok');
exit 0;
PERL
# sendmail: keeps its arguments and the message, one file per mail.
write_program('sendmail', <<'PERL');
my $msg = do { local $/; <STDIN> };
my $name = sprintf('%s/mail-%d-%d', $dir, time, $$);
open(my $fh, '>', "$name.tmp") or die "mail: $!";
print $fh join(' ', @ARGV), "\n", $msg;
close $fh;
rename "$name.tmp", "$name.eml" or die "rename: $!";
exit 0;
PERL

my $conf = "$dir/worker.hdf";
{
	open(my $in, '<', "$var/certdesk-local.hdf") or die "local config: $!";
	open(my $out, '>', $conf) or die "$conf: $!";
	print $out $_ while <$in>;
	print $out <<"HDF";
SMS.transport = exec
SMS.exec_program = $dir/sink
SMS.exec_timeout_seconds = 30
Mail.transport = sendmail
Mail.sendmail_program = $dir/sendmail
Outbox.backoff_seconds = 1
Outbox.claim_seconds = 5
Outbox.max_attempts = 3
Outbox.batch = 10
Worker.poll_ms = 50
Worker.jobs_seconds = 3600
Worker.cleanup_seconds = 3600
HDF
	close $out;
	chown $uid, $gid, $conf;
	chmod 0600, $conf;
}

# The stack's worker processes (its supervisor restarts them unless run/worker.hold exists).
sub stack_workers {
	open(my $fh, '<', "$var/run/worker.pgid") or return ();
	chomp(my $pgid = <$fh> // '');
	my @pids;
	for my $stat (glob '/proc/[0-9]*/stat') {
		open(my $st, '<', $stat) or next;
		my $line = <$st> // next;
		push @pids, $1 if $line =~ /^(\d+) \(certdesk-worke\w*\) [^Z] \d+ (\d+) / && $2 == $pgid;
	}
	return @pids;
}
my @ours;
sub start_worker {
	my $pid = fork() // die "fork: $!";
	if (!$pid) {
		open(STDOUT, '>>', "$dir/worker.log");
		open(STDERR, '>&', \*STDOUT);
		$ENV{CERTDESK_HOME} = $s->{src};
		$ENV{CERTDESK_CONF} = $conf;
		if ($> == 0) {
			POSIX::setgid($gid);
			POSIX::setuid($uid);
		}
		exec "$s->{build}/fcgi/certdesk-worker" or POSIX::_exit(127);
	}
	push @ours, $pid;
	return $pid;
}
sub stop_worker {
	my ($pid, $signal) = @_;
	kill $signal // 'TERM', $pid;
	waitpid($pid, 0);
	@ours = grep { $_ != $pid } @ours;
}
END {
	kill 'TERM', @ours;
	waitpid($_, 0) for @ours;
	unlink "$var/run/worker.hold" if $var;
}

open(my $hold, '>', "$var/run/worker.hold") or die "hold: $!";
close $hold;
kill 'TERM', stack_workers();
ok(wait_until(15, sub { !stack_workers() }), "the stack's worker is held");

sub sink_lines {
	open(my $fh, '<:encoding(UTF-8)', "$dir/sink.log") or return ();
	return map { chomp; [split / /, $_, 5] } <$fh>;	# time, ppid, result, recipient, text
}
sub delivered { my ($text) = @_; return scalar grep { $_->[2] eq 'ok' && $_->[4] eq $text } sink_lines() }
sub row { my ($text_recipient, $cols) = @_; return one("SELECT CONCAT_WS(' ', $cols) FROM outbox WHERE $text_recipient") }
sub queue_sms {
	my ($phone, @texts) = @_;
	my ($rc, $out) = admin_cmd(['outbox', 'sms', $phone], stdin => join('', map { "$_\n" } @texts));
	return $rc == 0 && $out =~ /^(\d+) SMS queued/ ? $1 : -1;
}
my $n = 0;
sub phone { return sprintf('139%04d%04d', $$ % 10000, ++$n) }

# ---- two workers at once over 200 messages: each delivered exactly once -------------------------------------
my $bulk = phone();
is(queue_sms($bulk, map { sprintf('bulk-%03d', $_) } 1 .. 200), 200, '200 messages queued');
my @two = (start_worker(), start_worker());
ok(wait_until(60, sub { one("SELECT COUNT(*) FROM outbox WHERE recipient = '$bulk' AND state = 'sent'") == 200 }),
	'two workers deliver all 200');
my @ok = grep { $_->[2] eq 'ok' && $_->[3] eq $bulk } sink_lines();
is(scalar @ok, 200, 'the transport ran 200 times, no more');
my %times;
$times{ $_->[4] }++ for @ok;
is(scalar(grep { $times{ sprintf('bulk-%03d', $_) } // 0 } 1 .. 200), 200, 'every message arrived');
is(scalar(grep { $_ != 1 } values %times), 0, 'and none twice');
my %by;
$by{ $_->[1] }++ for @ok;
is(scalar(grep { $by{$_} > 0 } @two), 2, 'both workers delivered some (' . join('/', map { $by{$_} // 0 } @two) . ')');
is(one("SELECT COUNT(*) FROM outbox WHERE recipient = '$bulk' AND attempts = 1"), 200, 'each in one attempt');

# ---- exec: no shell; a program failing twice, then succeeding, delivers once after backoff ----------------------
my $shell = phone();
queue_sms($shell, "shell-\$(touch $dir/pwned);`touch $dir/pwned2`|x");
ok(wait_until(15, sub { delivered("shell-\$(touch $dir/pwned);`touch $dir/pwned2`|x") }), 'a text with shell syntax is delivered as is');
ok(!-e "$dir/pwned" && !-e "$dir/pwned2", 'and nothing of it ran: no shell');
my $flaky = phone();
queue_sms($flaky, 'flaky-1');
ok(wait_until(30, sub { row("recipient = '$flaky'", 'state') eq 'sent' }), 'the flaky message is delivered in the end');
my @tries = grep { $_->[4] eq 'flaky-1' } sink_lines();
is(join(',', map { $_->[2] } @tries), 'fail,fail,ok', 'after two failures (non-zero exits) and a success');
is(delivered('flaky-1'), 1, 'delivered exactly once');
cmp_ok($tries[1][0] - $tries[0][0], '>=', 0.95, 'the second try waited the backoff (1 s)') if @tries == 3;
cmp_ok($tries[2][0] - $tries[1][0], '>=', 1.95, 'the third waited twice as long (2 s)') if @tries == 3;
is(row("recipient = '$flaky'", 'attempts'), 3, 'three attempts recorded');

# ---- a message failing every attempt: failed, listed at /admin/outbox, retried by an administrator ----------------
my $doomed = phone();
queue_sms($doomed, 'doomed-1');
ok(wait_until(30, sub { row("recipient = '$doomed'", 'state') eq 'failed' }), 'after Outbox.max_attempts it is failed');
my $id = row("recipient = '$doomed'", 'id');
is(row("id = $id", 'attempts'), 3, 'after three attempts');
like(row("id = $id", 'last_error'), qr/exited with status 3/, 'with the last error');
my $page = $admin->get(admin_url('/admin/outbox'));
is($page->code, 200, 'an administrator opens /admin/outbox');
like($page->decoded_content, qr/data-outbox-id="$id"/, 'the failed message is listed');
like($page->decoded_content, qr/data-outbox-error>exited with status 3</, 'with its error');
is($finance->get(admin_url('/admin/outbox'))->code, 403, 'finance may not');
my $csrf = csrf_from($page);
is(post($finance, admin_url("/admin/outbox/$id/retry"), [], csrf => csrf_from($finance->get(admin_url('/admin'))))->code,
	403, 'nor retry');
open(my $forgive, '>', "$dir/forgive") or die;
close $forgive;
my $r = post($admin, admin_url("/admin/outbox/$id/retry"), [], csrf => $csrf);
is($r->code, 303, 'the administrator retries it');
ok(wait_until(15, sub { row("id = $id", 'state') eq 'sent' }), 'and it is delivered');
is(delivered('doomed-1'), 1, 'once');
is(post($admin, admin_url("/admin/outbox/$id/retry"), [], csrf => $csrf)->code, 404, 'a delivered message cannot be retried');
is(post($admin, admin_url('/admin/outbox/99999999/retry'), [], csrf => $csrf)->code, 404, 'nor an unknown one');
like(one("SELECT result FROM audit_log WHERE action = 'outbox_retry' AND subject = '$id' ORDER BY id LIMIT 1"), qr/ok/,
	'the retry is audited');

# ---- a worker killed mid-batch loses nothing ------------------------------------------------------------------------
stop_worker($_) for @two;
my $batch = phone();
my @texts = ('kb-1', 'kb-2', 'block-3', 'kb-4', 'kb-5', 'kb-6');
queue_sms($batch, @texts);
my $w = start_worker();
ok(wait_until(15, sub { grep { $_->[2] eq 'start' && $_->[4] eq 'block-3' } sink_lines() }), 'a worker is delivering block-3');
is(one("SELECT COUNT(*) FROM outbox WHERE recipient = '$batch' AND state = 'pending' AND claim IS NOT NULL"), 4,
	'its batch holds the four messages not yet done');
stop_worker($w, 'KILL');
open(my $release, '>', "$dir/release") or die;
close $release;
my $w2 = start_worker();
ok(wait_until(30, sub { one("SELECT COUNT(*) FROM outbox WHERE recipient = '$batch' AND state = 'sent'") == 6 }),
	'once the dead claim lapses, another worker delivers the rest');
is(scalar(grep { delivered($_) >= 1 } @texts), 6, 'nothing was lost');
is(scalar(grep { delivered($_) == 1 } grep { !/^block/ } @texts), 5, 'what was not in flight arrived exactly once');
cmp_ok(delivered('block-3'), '<=', 2, 'the one in flight when the worker died at most twice (at least once)');
is(one("SELECT GROUP_CONCAT(attempts ORDER BY id) FROM (SELECT id, attempts FROM outbox WHERE recipient = '$batch'"
	. " ORDER BY id LIMIT 3 OFFSET 3) t"), '1,1,1',
	'the messages the dead worker never tried lost no attempt');

# ---- sendmail: the invoice as a MIME attachment -------------------------------------------------------------------
my ($rc, $out) = admin_cmd(['invoice', 'resend', $o->{no}]);
is($rc, 0, 'the invoice mail is queued again (certdesk-admin invoice resend)') or diag($out);
my $file = wait_until(15, sub { (glob "$dir/mail-*.eml")[0] });
ok($file, 'the sendmail program received a message');
my $raw = do { local $/; open(my $fh, '<:raw', $file) or die; <$fh> } // '';
my ($args, $msg) = split /\n/, $raw, 2;
is($args, '-t -i', 'as sendmail -t -i');
my ($head, @parts) = eval { mime_parts($msg) };
ok($head, 'a valid MIME message') or diag($@);
is($head->{'mime-version'}, '1.0', 'MIME-Version 1.0');
is($head->{to}, $o->{email}, 'to the agent');
like($head->{date} // '', qr/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0800$/, 'dated');
like($head->{'message-id'} // '', qr/^<[0-9a-f]+@[\w.-]+>$/, 'with a Message-ID');
like(decode('MIME-Header', $head->{subject} // ''), qr/\Q$o->{invoice}\E/, 'its subject (RFC 2047) names the invoice');
like($head->{'content-type'} // '', qr{^multipart/mixed; boundary="}, 'multipart/mixed');
is(scalar @parts, 2, 'a text and an attachment');
like($parts[0]{headers}{'content-type'} // '', qr{^text/plain; charset=UTF-8}, 'the text is UTF-8');
like(decode('UTF-8', $parts[0]{body}), qr/\Q$o->{no}\E/, 'and names the order');
like($parts[1]{headers}{'content-disposition'} // '', qr/^attachment; filename="invoice-$o->{invoice}\.xml"$/,
	'the attachment is the invoice file');
like($parts[1]{headers}{'content-type'} // '', qr{^application/xml}, 'as XML');
is($parts[1]{body}, $finance->get(admin_url("/admin/orders/$o->{no}/invoice.xml"))->content,
	'byte for byte the stored invoice');

# ---- the stack's worker back for the next tests ---------------------------------------------------------------------
stop_worker($w2);
unlink "$var/run/worker.hold";
ok(wait_until(15, sub { scalar stack_workers() }), "the stack's worker runs again");

done_testing();
