# Tests for SMS codes (SPEC §2): expiry, single use, purpose, tries, send limits, the sealed outbox, the sandbox page and delivery retries
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/helpers";
use Test::More;
use Certdesk::Test qw(get post csrf_from sql wait_until);
use Certdesk::Accounts qw(client fresh_phone code_for register errors);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $ip = '127.0.12.1';
sub count { my ($q) = @_; chomp(my $n = sql($q)); return $n }
my $ua = client($ip);
my $csrf = csrf_from(get($ua, '/register'));
my %token;
sub send_code {
	my ($phone, $who) = @_;
	$who //= $ua;
	$token{$who} //= csrf_from(get($who, '/register'));
	return post($who, '/register', [phone => $phone, agree => 1, action => 'send_code'], csrf => $token{$who});
}
sub verify {
	my ($phone, $code) = @_;
	return post($ua, '/register', [phone => $phone, agree => 1, sms_code => $code, action => 'verify'], csrf => $csrf);
}
sub other_than { my ($code) = @_; return sprintf('%06d', ($code + 1) % 1000000) }
# Pretend the codes of phone were sent $s seconds earlier.
sub age { my ($phone, $s) = @_; sql("UPDATE sms_codes SET created_at = created_at - INTERVAL $s SECOND WHERE phone = '$phone'") }
# Set the newest code's age from now, not from when it was sent: waiting for the
# worker to deliver it must not push a 59-second age past 60.
sub age_to { my ($phone, $s) = @_; sql("UPDATE sms_codes SET created_at = UTC_TIMESTAMP() - INTERVAL $s SECOND WHERE phone = '$phone' ORDER BY id DESC LIMIT 1") }

# ---- expired, reused, too many tries ---------------------------------------------
my $phone = fresh_phone();
is(send_code($phone)->code, 200, 'code sent');
my $code = code_for($ua, $phone);
sql("UPDATE sms_codes SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE phone = '$phone'");
my $r = verify($phone, $code);
is($r->code, 422, 'expired code (aged in the database): 422');
is(errors($r)->{sms_code}, '验证码已过期，请重新获取', 'expired: message');
is(count("SELECT COUNT(*) FROM phone_proofs WHERE phone = '$phone'"), 0, 'expired: no proof');

age($phone, 61);
is(send_code($phone)->code, 200, 'a new code');
$code = code_for($ua, $phone);
is(verify($phone, $code)->code, 303, 'the new code works');
$r = verify($phone, $code);
is($r->code, 422, 'the same code again: 422');
is(errors($r)->{sms_code}, '验证码已使用，请重新获取', 'reused: message');

my $phone2 = fresh_phone();
send_code($phone2);
$code = code_for($ua, $phone2);
for my $n (1 .. 5) {
	$r = verify($phone2, other_than($code));
	is($r->code, 422, "wrong try $n: 422");
	is(errors($r)->{sms_code}, '验证码错误', "wrong try $n: 验证码错误");
}
$r = verify($phone2, $code);
is($r->code, 422, '6th try, even the right code: 422');
is(errors($r)->{sms_code}, '验证码错误次数过多，请重新获取', '6th try: too many');
is(count("SELECT tries FROM sms_codes WHERE phone = '$phone2'"), 5, 'five tries counted');

$r = verify(fresh_phone(), '123456');
is($r->code, 422, 'a number no code was sent to: 422');
is(errors($r)->{sms_code}, '请先获取验证码', 'no code: message');

# ---- a code serves its own purpose only -------------------------------------------------
my $acct = register(client($ip));
my $login = client($ip);
my $lcsrf = csrf_from(get($login, '/login'));
post($login, '/login', [phone => $acct->{phone}, action => 'send_code'], csrf => $lcsrf);
my $login_code = code_for($login, $acct->{phone});
my $reset = client($ip);
my $rcsrf = csrf_from(get($reset, '/password/forgot'));
$r = post($reset, '/password/forgot', [phone => $acct->{phone}, sms_code => $login_code, action => 'verify'], csrf => $rcsrf);
is($r->code, 422, 'a login code does not reset a password');
is(errors($r)->{sms_code}, '请先获取验证码', 'other purpose: message');
post($reset, '/password/forgot', [phone => $acct->{phone}, action => 'send_code'], csrf => $rcsrf);
my $reset_code = code_for($reset, $acct->{phone});
$r = post($login, '/login', [phone => $acct->{phone}, sms_code => $reset_code, action => 'login'], csrf => $lcsrf);
is($r->code, 422, 'a reset code does not log in');
is(errors($r)->{sms_code}, '验证码错误', 'other purpose: 验证码错误');
$r = post($reset, '/password/forgot', [phone => $acct->{phone}, sms_code => $login_code, action => 'verify'], csrf => $rcsrf);
is($r->code, 422, 'nor does it once a reset code exists');

# ---- one code per number and purpose every 60 s ---------------------------------------------
my $phone3 = fresh_phone();
is(send_code($phone3)->code, 200, 'first code');
my $first = code_for($ua, $phone3);
age_to($phone3, 58);	# 58 or 59 s by the time the request is handled, within the same second or the next
$r = send_code($phone3);
is($r->code, 429, 'a resend in the 59th second: 429');
like(errors($r)->{phone}, qr/^验证码已发送，请[12]秒后再重新获取$/, 'says how long to wait');
like($r->decoded_content, qr/data-countdown-remaining="[12]"/, 'and the button counts down from there');
like($r->decoded_content, qr/name="sms_code"/, 'the code field stays');
age_to($phone3, 61);
$r = send_code($phone3);
is($r->code, 200, 'a resend in the 61st second: 200');
my $second = code_for($ua, $phone3);
isnt($second, $first, 'a new code');
$r = verify($phone3, $first);
is($r->code, 422, 'the older code no longer counts');
is(verify($phone3, $second)->code, 303, 'the newest one does');

# ---- 10 per number a day, 30 per address an hour ------------------------------------------------
my $phone4 = fresh_phone();
my $ok = 0;
for my $n (1 .. 10) {
	$ok++ if send_code($phone4)->code == 200;
	age($phone4, 61);
}
is($ok, 10, 'ten codes in a day');
$r = send_code($phone4);
is($r->code, 429, 'the 11th: 429');
is(errors($r)->{phone}, '该手机号今日获取验证码次数已达上限，请明天再试', 'daily cap: message');
sql("UPDATE sms_codes SET created_at = created_at - INTERVAL 1 DAY WHERE phone = '$phone4'");
is(send_code($phone4)->code, 200, 'the next day: 200');

my $busy = client('127.0.12.30');
$ok = 0;
$ok++ for grep { send_code(fresh_phone(), $busy)->code == 200 } 1 .. 30;
is($ok, 30, '30 codes from one address in an hour');
$r = send_code(fresh_phone(), $busy);
is($r->code, 429, 'the 31st: 429');
is(errors($r)->{phone}, '获取验证码过于频繁，请稍后再试', 'address cap: message');
is(send_code(fresh_phone(), client('127.0.12.31'))->code, 200, 'another address is not affected');
sql("UPDATE sms_codes SET created_at = created_at - INTERVAL 61 MINUTE WHERE ip = '127.0.12.30'");
is(send_code(fresh_phone(), $busy)->code, 200, 'an hour later: 200');

# ---- the outbox keeps nothing readable -----------------------------------------------------------
my $phone5 = fresh_phone();
send_code($phone5);
$code = code_for($ua, $phone5);
my ($state, $payload, $attempts) = split /\t/, sql("SELECT state, payload IS NULL, attempts FROM outbox WHERE recipient = '$phone5'");
is($state, 'sent', 'delivered');
is($payload, 1, 'payload cleared once delivered');
is(count("SELECT COUNT(*) FROM outbox WHERE payload LIKE '%$code%'"), 0, 'no payload holds the code in clear');
is(count("SELECT COUNT(*) FROM sandbox_sms WHERE body LIKE '%$code%'"), 0, 'the sandbox store is sealed too');

# ---- the sandbox page ------------------------------------------------------------------------------
$r = get($ua, "/sandbox/sms?phone=$phone3");
is($r->code, 200, 'sandbox page');
like($r->header('Content-Type'), qr{^text/plain; charset=utf-8}, 'plain text');
my @lines = split /\n/, $r->decoded_content;
is(scalar @lines, 2, 'one line per SMS');
like($lines[0], qr/\Q$second\E/, 'newest first');
like($lines[1], qr/\Q$first\E/, 'oldest last');
is(get($ua, '/sandbox/sms?phone=' . fresh_phone())->decoded_content, '', 'a number without SMS: empty');
like(get($ua, '/sandbox/sms?phone=%2B86%20' . $phone3)->decoded_content, qr/\Q$second\E/, 'the phone is normalised');

# ---- delivery failures are retried with backoff, then given up ------------------------------------------
sql("INSERT INTO outbox (channel, recipient, payload, next_attempt_at, created_at)"
	. " VALUES ('sms', '13900000001', 'not sealed', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
my $row = wait_until(5, sub { my $v = sql("SELECT attempts, state, last_error, next_attempt_at > UTC_TIMESTAMP(3)"
	. " FROM outbox WHERE recipient = '13900000001' AND last_error IS NOT NULL"); chomp $v; $v });
is($row, "1\tpending\tpayload does not open\t1", 'a failed attempt: counted, reason kept, retried later');
sql("UPDATE outbox SET attempts = 7, next_attempt_at = UTC_TIMESTAMP(3) WHERE recipient = '13900000001'");
$row = wait_until(5, sub { my $v = sql("SELECT attempts, state FROM outbox WHERE recipient = '13900000001'"
	. " AND state = 'failed'"); chomp $v; $v });
is($row, "8\tfailed", 'given up after the 8th attempt');

done_testing();
