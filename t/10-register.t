# Tests for registration (SPEC §2): the three screens end to end, then bad input on every field of each screen
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/helpers";
use Test::More;
use Certdesk::Test qw(get post csrf_from sql);
use Certdesk::Accounts qw(client fresh_phone fresh_name fresh_password code_for register errors
	session_cookie shown_user);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $ip = '127.0.10.1';
my $ua = client($ip);
sub count { my ($q) = @_; chomp(my $n = sql($q)); return $n }

# ---- the good path ------------------------------------------------------
my $r = get($ua, '/register');
is($r->code, 200, 'register page');
my $page = $r->decoded_content;
like($page, qr/账号注册/, 'title in chinese');
like($page, qr/name="phone"/, 'phone field');
like($page, qr/name="agree" value="1"/, 'agreement tick');
like($page, qr{href="/agreement"[^>]*>《电子证书下载用户协议》}, 'agreement links to its own page');
like($page, qr/name="action" value="send_code"[^>]*>发送手机验证码</, 'send code button');
unlike($page, qr/name="sms_code"/, 'no code field before a code is sent');
is(get($ua, '/agreement')->code, 200, 'agreement page exists');

my $phone = fresh_phone();
my $csrf = csrf_from($r);
$r = post($ua, '/register', [phone => " +86 ${\ substr($phone, 0, 3)} ${\ substr($phone, 3)} ", agree => 1,
	action => 'send_code'], csrf => $csrf);
is($r->code, 200, 'send code: 200');
$page = $r->decoded_content;
my $masked = substr($phone, 0, 3) . '****' . substr($phone, 7);
like($page, qr/验证码已发送至\Q$masked\E/, 'says where the code went, masked');
like($page, qr/name="sms_code"/, 'screen 2 asks for the code');
like($page, qr/name="action" value="verify"[^>]*>验证</, 'verify button');
like($page, qr/data-countdown-remaining="60"/, 'resend button counts down 60 s');
like($page, qr/name="phone" value="\Q$phone\E"/, 'phone shown normalised (+86 and spaces gone)');

my $code = code_for($ua, $phone);
like($code // '', qr/^\d{6}$/, 'the worker delivered a 6-digit code to the sandbox');
my ($line) = split /\n/, get($ua, "/sandbox/sms?phone=$phone")->decoded_content;
like($line, qr/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \Q$phone\E 【数字证书在线申请平台】.*注册.*\Q$code\E/,
	'sandbox line: ISO time, phone, text');
is(count("SELECT COUNT(*) FROM sms_codes WHERE phone = '$phone' AND purpose = 'register'"), 1, 'one code row');
is(count("SELECT COUNT(*) FROM sms_codes WHERE code_hash LIKE '%$code%'"), 0, 'the code is stored only hashed');

$r = post($ua, '/register', [phone => $phone, agree => 1, sms_code => $code, action => 'verify'], csrf => $csrf);
is($r->code, 303, 'verify: 303');
is($r->header('Location'), '/register/profile', 'to screen 3');
like(join("\n", $r->header('Set-Cookie')), qr/__Host-cd_proof=[0-9a-f]{64}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax; Secure/,
	'the verified phone is kept server-side, named by a cookie');
is(count("SELECT COUNT(*) FROM phone_proofs WHERE phone = '$phone'"), 1, 'one phone proof');
is(session_cookie($ua), undef, 'no session yet');

$r = get($ua, '/register/profile');
is($r->code, 200, 'screen 3');
$page = $r->decoded_content;
like($page, qr/\Q$masked\E/, 'shows the verified number, masked');
like($page, qr/name="username"[^>]*autocomplete="username"/, 'username for password managers');
like($page, qr/name="password"[^>]*type="password" autocomplete="new-password"/, 'new password field');
like($page, qr/name="password2"[^>]*type="password" autocomplete="new-password"/, 'password again field');
like($page, qr/>完成</, 'finish button');

my $username = fresh_name('Reg');
my $password = fresh_password();
$csrf = csrf_from($r);
$r = post($ua, '/register/profile', [username => $username, email => 'reg@example.com', password => $password,
	password2 => $password], csrf => $csrf);
is($r->code, 303, 'profile: 303');
is($r->header('Location'), '/projects', 'lands on 订单申请 (the project picker)');
ok(session_cookie($ua), 'logged in: session cookie');
is(shown_user($ua), $username, 'header shows the username');
my ($acct) = map { [split /\t/] } split /\n/, sql("SELECT id, username, email, password_hash FROM accounts WHERE phone = '$phone'");
ok($acct, 'account stored');
is($acct->[1], $username, 'username as typed');
like($acct->[3], qr/^\$argon2id\$v=19\$m=65536,t=2,p=1\$/, 'password hashed with argon2id interactive');
is(count("SELECT COUNT(*) FROM sessions WHERE account_id = $acct->[0]"), 1, 'one session');
is(count("SELECT COUNT(*) FROM phone_proofs WHERE phone = '$phone'"), 0, 'proof spent');
is(count("SELECT COUNT(*) FROM sms_codes WHERE phone = '$phone' AND used_at IS NOT NULL"), 1, 'code used up');
is(count("SELECT COUNT(*) FROM audit_log WHERE action = 'register' AND actor_id = $acct->[0] AND ip = '$ip'"
	. " AND result = 'success' AND subject = '$username'"), 1, 'audit row: register, account, ip, result');
is(get($ua, '/register/profile')->code, 303, 'screen 3 again: proof is gone');

# ---- screen 1: phone and agreement --------------------------------------------
my $anon = client($ip);
$csrf = csrf_from(get($anon, '/register'));
my $codes_before = count('SELECT COUNT(*) FROM sms_codes');
sub send_code { return post($anon, '/register', [@_, action => 'send_code'], csrf => $csrf) }

$r = send_code(phone => '');
is($r->code, 422, 'empty phone and no tick: 422');
is(errors($r)->{phone}, '不能为空，请输入', 'empty phone: message');
is(errors($r)->{agree}, '请阅读并勾选同意《电子证书下载用户协议》', 'agreement not ticked: message');
like($r->decoded_content, qr/class="error-summary"/, 'error summary at the top');

$r = send_code(phone => fresh_phone());
is($r->code, 422, 'valid phone without the tick: 422');
is(errors($r)->{agree}, '请阅读并勾选同意《电子证书下载用户协议》', 'tick required');
is(errors($r)->{phone}, undef, 'phone itself fine');

for my $bad (['12345678901', 'starts with 12'], ['1381234567', '10 digits'], ['138123456789', '12 digits'],
	['1381234567a', 'a letter'], ['010-12345678', 'a landline'], ['1' x 300, 'far too long']) {
	$r = send_code(phone => $bad->[0], agree => 1);
	is($r->code, 422, "phone $bad->[1]: 422");
	is(errors($r)->{phone}, '格式不正确', "phone $bad->[1]: message");
}
$r = send_code(phone => $phone, agree => 1);
is($r->code, 422, 'taken phone: 422');
is(errors($r)->{phone}, '该手机号码已注册，请直接登录或找回密码', 'taken phone: message');
is(count('SELECT COUNT(*) FROM sms_codes'), $codes_before, 'no code sent for any bad input');

# ---- screen 2: the code ---------------------------------------------------------
my $phone2 = fresh_phone();
is(send_code(phone => $phone2, agree => 1)->code, 200, 'second applicant: code sent');
my $code2 = code_for($anon, $phone2);
sub verify { return post($anon, '/register', [phone => $phone2, agree => 1, @_, action => 'verify'], csrf => $csrf) }
$r = verify(sms_code => '');
is($r->code, 422, 'empty code: 422');
is(errors($r)->{sms_code}, '不能为空，请输入', 'empty code: message');
$r = verify(sms_code => '12a45');
is($r->code, 422, 'malformed code: 422');
is(errors($r)->{sms_code}, '验证码应为6位数字', 'malformed code: message');
$r = verify(sms_code => '1' x 2000);
is($r->code, 422, 'too long code: 422');
$r = verify(sms_code => sprintf('%06d', ($code2 + 1) % 1000000));
is($r->code, 422, 'wrong code: 422');
is(errors($r)->{sms_code}, '验证码错误', 'wrong code: message');
is(count("SELECT COUNT(*) FROM phone_proofs WHERE phone = '$phone2'"), 0, 'no proof after a wrong code');
$r = verify(sms_code => " ${\ join ' ', split //, $code2} ");
is($r->code, 303, 'the right code, typed with spaces: 303');

# ---- screen 3: the profile ----------------------------------------------------------
$csrf = csrf_from(get($anon, '/register/profile'));
my $name2 = fresh_name('Prof');
my $pw2 = fresh_password();
sub profile {
	my %f = (username => $name2, email => 'p@example.com', password => $pw2, password2 => $pw2, @_);
	return post($anon, '/register/profile', [%f], csrf => $csrf);
}
sub no_account { is(count("SELECT COUNT(*) FROM accounts WHERE phone = '$phone2'"), 0, "$_[0]: no account") }

$r = profile(username => '', email => '', password => '', password2 => '');
is($r->code, 422, 'every field empty: 422');
is_deeply(errors($r), { map { $_ => '不能为空，请输入' } qw(username email password password2) },
	'every field empty: a message on each');
no_account('empty');

my %cases = (
	'username too long' => [[username => 'a' x 33], username => '长度不能超过32个字符'],
	'username far too long' => [[username => 'a' x 5000], username => '长度不能超过32个字符'],
	'username too short' => [[username => 'abc'], username => '长度不能少于4个字符'],
	'username all digits' => [[username => '12345678'], username => '不能全部为数字'],
	'username with a hyphen' => [[username => 'zhang-san'], username => '只能包含字母、数字和下划线'],
	'username in chinese' => [[username => '张三用户'], username => '只能包含字母、数字和下划线'],
	'username taken' => [[username => $username], username => '该用户名已被注册，请换一个'],
	'username taken in other case' => [[username => uc $username], username => '该用户名已被注册，请换一个'],
	'email malformed' => [[email => 'not-an-email'], email => '格式不正确'],
	'email too long' => [[email => ('a' x 250) . '@example.com'], email => '长度不能超过254个字符'],
	'password too short' => [[password => 'Ab3#xyz', password2 => 'Ab3#xyz'], password => '密码长度不能少于8个字符'],
	'password too long' => [[password => 'k' x 129, password2 => 'k' x 129], password => '密码长度不能超过128个字符'],
	'passwords differ' => [[password2 => "${pw2}x"], password2 => '两次输入的密码不一致'],
	'common password' => [[password => 'password123', password2 => 'password123'], password => '密码过于常见，请换一个'],
	'password equal to the username' => [[password => lc $name2, password2 => lc $name2], password => '密码不能与用户名相同'],
	'password equal to the phone' => [[password => $phone2, password2 => $phone2], password => '密码不能与手机号码相同'],
);
for my $case (sort keys %cases) {
	my ($fields, $field, $message) = @{$cases{$case}};
	$r = profile(@$fields);
	is($r->code, 422, "$case: 422");
	is(errors($r)->{$field}, $message, "$case: message on $field");
	no_account($case);
}
$r = profile(password2 => "${pw2}x");
unlike($r->decoded_content, qr/\Q$pw2\E/, 'a password is never shown back');
like($r->decoded_content, qr/name="username" value="\Q$name2\E"/, 'the username is shown back');
is(session_cookie($anon), undef, 'no session after any bad input');

$r = profile(username => "　${name2}　");
is($r->code, 303, 'the good profile, with full-width blanks around the name: 303');
is(shown_user($anon), $name2, 'logged in as the trimmed name');

# ---- screen 3 without a proven phone ------------------------------------------------
my $stranger = client($ip);
is(get($stranger, '/register/profile')->header('Location'), '/register', 'screen 3 without a proof: back to /register');
$csrf = csrf_from(get($stranger, '/register'));
$r = post($stranger, '/register/profile', [username => fresh_name('x'), email => 'x@example.com',
	password => $pw2, password2 => $pw2], csrf => $csrf);
is($r->code, 303, 'posting screen 3 without a proof: 303');
is($r->header('Location'), '/register', 'back to /register, nothing created');
$stranger->cookie_jar->set_cookie(0, '__Host-cd_proof', 'f' x 64, '/', '127.0.0.1', undef, 1, 1);
is(get($stranger, '/register/profile')->header('Location'), '/register', 'a made-up proof token is refused');

done_testing();
