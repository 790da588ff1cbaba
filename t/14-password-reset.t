# Tests for the forgotten password (SPEC §2): code, new password twice, 密码修改成功, every session ended, an SMS notice, bad input
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/helpers";
use Test::More;
use Certdesk::Test qw(get post csrf_from sql);
use Certdesk::Accounts qw(client fresh_phone fresh_password code_for register login_password errors
	shown_user secret);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $ip = '127.0.14.1';
sub count { my ($q) = @_; chomp(my $n = sql($q)); return $n }
my $desk = client($ip);
my $acct = register($desk);	# stays logged in: a reset must end this session too
my $laptop = client($ip);
is(login_password($laptop, $acct->{username}, $acct->{password})->code, 303, 'logged in on a second browser');
is(count("SELECT COUNT(*) FROM sessions WHERE account_id = $acct->{id}"), 2, 'two sessions');
my $hash = sql("SELECT password_hash FROM accounts WHERE id = $acct->{id}");

# ---- the code -----------------------------------------------------------------------------
my $ua = client($ip);
my $r = get($ua, '/password/forgot');
is($r->code, 200, 'forgot password page');
like($r->decoded_content, qr/忘记密码/, 'title');
like($r->decoded_content, qr/name="phone"/, 'asks for the mobile number');
like(get($ua, '/login')->decoded_content, qr{href="/password/forgot">忘记密码<}, 'linked from the login page');
my $csrf = csrf_from($r);
sub forgot { return post($ua, '/password/forgot', [@_], csrf => $csrf) }

$r = forgot(phone => '', action => 'send_code');
is($r->code, 422, 'empty phone: 422');
is(errors($r)->{phone}, '不能为空，请输入', 'empty phone: message');
$r = forgot(phone => '2345', action => 'send_code');
is($r->code, 422, 'malformed phone: 422');
is(errors($r)->{phone}, '格式不正确', 'malformed phone: message');

$r = forgot(phone => $acct->{phone}, action => 'send_code');
is($r->code, 200, 'code sent');
like($r->decoded_content, qr/验证码已发送至/, 'says so');
like($r->decoded_content, qr/data-countdown-remaining="60"/, 'countdown');
my $code = code_for($ua, $acct->{phone});
like(get($ua, "/sandbox/sms?phone=$acct->{phone}")->decoded_content, qr/^[^\n]*您正在找回密码/, 'a reset SMS');

$r = forgot(phone => $acct->{phone}, sms_code => '', action => 'verify');
is($r->code, 422, 'empty code: 422');
is(errors($r)->{sms_code}, '不能为空，请输入', 'empty code: message');
$r = forgot(phone => $acct->{phone}, sms_code => sprintf('%06d', ($code + 3) % 1000000), action => 'verify');
is($r->code, 422, 'wrong code: 422');
is(errors($r)->{sms_code}, '验证码错误', 'wrong code: message');
$r = forgot(action => 'reset', password => 'Whatever-9#x', password2 => 'Whatever-9#x');
is($r->code, 422, 'a new password before the code: 422');
like($r->decoded_content, qr/手机号验证已失效/, 'asks to verify the phone first');
is(sql("SELECT password_hash FROM accounts WHERE id = $acct->{id}"), $hash, 'password unchanged');

$r = forgot(phone => $acct->{phone}, sms_code => $code, action => 'verify');
is($r->code, 303, 'right code: 303');
is($r->header('Location'), '/password/forgot', 'back to the page');
$r = get($ua, '/password/forgot');
like($r->decoded_content, qr/name="password"[^>]*autocomplete="new-password"/, 'now asks for the new password');
like($r->decoded_content, qr/name="password2"/, 'twice');

# ---- bad new passwords ------------------------------------------------------------------------
my $new = fresh_password();
my %cases = (
	'both empty' => [[password => '', password2 => ''], password => '不能为空，请输入'],
	'second empty' => [[password => $new, password2 => ''], password2 => '不能为空，请输入'],
	'mismatched' => [[password => $new, password2 => "x$new"], password2 => '两次输入的密码不一致'],
	'too short' => [[password => 'Ab3#xyz', password2 => 'Ab3#xyz'], password => '密码长度不能少于8个字符'],
	'too long' => [[password => 'k' x 129, password2 => 'k' x 129], password => '密码长度不能超过128个字符'],
	'common' => [[password => 'iloveyou', password2 => 'iloveyou'], password => '密码过于常见，请换一个'],
	'equal to the username' => [[password => uc $acct->{username}, password2 => uc $acct->{username}],
		password => '密码不能与用户名相同'],
	'equal to the phone' => [[password => $acct->{phone}, password2 => $acct->{phone}], password => '密码不能与手机号码相同'],
);
for my $case (sort keys %cases) {
	my ($fields, $field, $message) = @{$cases{$case}};
	$r = forgot(@$fields, action => 'reset');
	is($r->code, 422, "$case: 422");
	is(errors($r)->{$field}, $message, "$case: message on $field");
}
is(sql("SELECT password_hash FROM accounts WHERE id = $acct->{id}"), $hash, 'password unchanged by bad input');
is(count("SELECT COUNT(*) FROM sessions WHERE account_id = $acct->{id}"), 2, 'sessions untouched by bad input');

# ---- the reset ----------------------------------------------------------------------------------
sql("INSERT INTO login_throttle (subject, failures, locked_until, updated_at) VALUES ('account:$acct->{id}', 0,"
	. ' UTC_TIMESTAMP() + INTERVAL 10 MINUTE, UTC_TIMESTAMP())');
$r = forgot(password => $new, password2 => $new, action => 'reset');
is($r->code, 303, 'reset: 303');
is($r->header('Location'), '/password/forgot?done=1', 'to the done page');
$r = get($ua, '/password/forgot?done=1');
like($r->decoded_content, qr/密码修改成功/, '密码修改成功');
like($r->decoded_content, qr{href="/login"}, 'with a way to log in');
isnt(sql("SELECT password_hash FROM accounts WHERE id = $acct->{id}"), $hash, 'password changed');
is(count("SELECT COUNT(*) FROM sessions WHERE account_id = $acct->{id}"), 0, 'every session of the account ended');
is(shown_user($desk), undef, 'the first browser is logged out');
is(shown_user($laptop), undef, 'the second browser too');
is(count("SELECT COUNT(*) FROM phone_proofs WHERE phone = '$acct->{phone}'"), 0, 'the proof is spent');
is(count("SELECT COUNT(*) FROM audit_log WHERE action = 'password_reset' AND actor_id = $acct->{id} AND ip = '$ip'"
	. " AND result = 'success'"), 1, 'audit row: password reset');
my $notice = Certdesk::Test::wait_until(5, sub {
	my ($l) = split /\n/, get($ua, "/sandbox/sms?phone=$acct->{phone}")->decoded_content;
	return ($l // '') =~ /密码已修改成功/ ? $l : undef;
});
ok($notice, 'an SMS tells the applicant the password changed');
unlike($notice // '', qr/\Q$new\E/, 'without the password');

$r = login_password(client($ip), $acct->{username}, $acct->{password});
is($r->code, 422, 'the old password no longer works');
$r = login_password(client($ip), $acct->{username}, $new);
is($r->code, 303, 'the new one does, and the lock is lifted');

$r = forgot(password => 'Another-9#pass', password2 => 'Another-9#pass', action => 'reset');
is($r->code, 422, 'a second reset with the same proof: 422');
$r = forgot(phone => $acct->{phone}, sms_code => $code, action => 'verify');
is($r->code, 422, 'the code cannot be used again');

# ---- a number without an account learns nothing ---------------------------------------------------
my $ghost = fresh_phone();
$r = forgot(phone => $ghost, action => 'send_code');
is($r->code, 200, 'unknown number: the same 200');
like($r->decoded_content, qr/验证码已发送至/, 'the same words');
is(count("SELECT COUNT(*) FROM outbox WHERE recipient = '$ghost'"), 0, 'nothing sent');
$r = forgot(phone => $ghost, sms_code => '000000', action => 'verify');
is($r->code, 422, 'no code works for it');

done_testing();
