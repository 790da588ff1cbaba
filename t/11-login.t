# Tests for login and logout (SPEC §2): password or SMS code, identical failures for unknown accounts, lockout, per-address throttle, rehash
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/helpers";
use Test::More;
use Certdesk::Test qw(get post csrf_from sql);
use Certdesk::Accounts qw(client fresh_phone fresh_name fresh_password code_for register login_password
	errors session_cookie shown_user secret);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $ip = '127.0.11.1';
sub count { my ($q) = @_; chomp(my $n = sql($q)); return $n }
my $acct = register(client($ip));
my $other = register(client($ip));

# ---- the page -------------------------------------------------------------------
my $ua = client($ip);
my $r = get($ua, '/login');
is($r->code, 200, 'login page');
my $page = $r->decoded_content;
like($page, qr/用户登录/, 'title');
like($page, qr/name="login"[^>]*autocomplete="username"/, 'login field for password managers');
like($page, qr/name="password" value="" type="password" autocomplete="current-password"/, 'password field');
like($page, qr/name="phone"/, 'phone field of the SMS form');
like($page, qr/name="action" value="send_code"[^>]*>发送手机验证码</, 'send code button');
like($page, qr/>登录</, 'login button');
like($page, qr{href="/password/forgot">忘记密码<}, 'forgot password link');

# ---- password login, both ways ---------------------------------------------------
$r = login_password($ua, uc $acct->{username}, $acct->{password});
is($r->code, 303, 'username (other case) and password: 303');
is($r->header('Location'), '/projects', 'no orders yet: lands on 订单申请');
is(shown_user($ua), $acct->{username}, 'logged in');
is(count("SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND result = 'success' AND actor_id = $acct->{id}"
	. " AND ip = '$ip' AND detail = 'password'"), 1, 'audit row: login success');

$ua = client($ip);
my $spaced = '+86 ' . join(' ', unpack('A3 A4 A4', $acct->{phone}));
$r = login_password($ua, $spaced, $acct->{password});
is($r->code, 303, 'mobile number (+86, spaces) and password: 303');
is(shown_user($ua), $acct->{username}, 'logged in by phone');

# ---- failures say nothing about the account ---------------------------------------
$ua = client($ip);
my $wrong = secret(fresh_password());
my %answer;
for my $case (['wrong password', $acct->{username}], ['unknown username', fresh_name('nobody')],
	['unknown phone', fresh_phone()], ['not a possible name', 'x y']) {
	$r = login_password($ua, $case->[1], $wrong);
	is($r->code, 422, "$case->[0]: 422");
	is(errors($r)->{password}, '用户名或密码错误', "$case->[0]: 用户名或密码错误");
	$answer{$case->[0]} = join '|', map { "$_=" . errors($r)->{$_} } sort keys %{errors($r)};
	is(session_cookie($ua), undef, "$case->[0]: no session");
}
is(scalar(keys %{{ reverse %answer }}), 1, 'the same answer for all four');
is(count("SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND result = 'failure' AND ip = '$ip'"), 4,
	'audit rows: four failures');
is(count("SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND result = 'failure' AND ip = '$ip'"
	. ' AND actor_id IS NULL AND subject IS NULL'), 3, 'unknown names are not written down');

$r = post($ua, '/login', [login => '', password => ''], csrf => csrf_from(get($ua, '/login')));
is($r->code, 422, 'empty fields: 422');
is_deeply(errors($r), { login => '不能为空，请输入', password => '不能为空，请输入' }, 'empty fields: messages');
$r = login_password($ua, $acct->{username}, 'p' x 200);
is($r->code, 422, 'overlong password: 422');
is(errors($r)->{password}, '密码长度不能超过128个字符', 'overlong password: message');

# ---- where login leads ----------------------------------------------------------------
$ua = client($ip);
$r = get($ua, '/login?next=/orders/ZQYL1');
like($r->decoded_content, qr{name="next" value="/orders/ZQYL1"}, 'next kept in the form');
$r = post($ua, '/login', [login => $acct->{username}, password => $acct->{password}, next => '/orders/ZQYL1'],
	csrf => csrf_from($r));
is($r->header('Location'), '/orders/ZQYL1', 'back to next after login');
$ua = client($ip);
$r = post($ua, '/login', [login => $acct->{username}, password => $acct->{password}, next => '//evil.example/'],
	csrf => csrf_from(get($ua, '/login')));
is($r->header('Location'), '/projects', 'a foreign next is ignored');
$r = post(client($ip), '/logout', [csrf => 'none']);
is($r->code, 303, 'logout without a session: 303');
like($r->header('Location'), qr{^/login}, 'to the login page');

# ---- SMS login ----------------------------------------------------------------------
$ua = client($ip);
my $csrf = csrf_from(get($ua, '/login'));
$r = post($ua, '/login', [phone => $acct->{phone}, action => 'send_code'], csrf => $csrf);
is($r->code, 200, 'sms login: code sent');
like($r->decoded_content, qr/验证码已发送至/, 'says so');
my $code = code_for($ua, $acct->{phone});
like(get($ua, "/sandbox/sms?phone=$acct->{phone}")->decoded_content, qr/^[^\n]*您正在登录/, 'a login SMS');
$r = post($ua, '/login', [phone => $acct->{phone}, sms_code => sprintf('%06d', ($code + 7) % 1000000), action => 'login'],
	csrf => $csrf);
is($r->code, 422, 'sms login, wrong code: 422');
is(errors($r)->{sms_code}, '验证码错误', 'wrong code: message');
$r = post($ua, '/login', [phone => $acct->{phone}, sms_code => $code, action => 'login'], csrf => $csrf);
is($r->code, 303, 'sms login, right code: 303');
is(shown_user($ua), $acct->{username}, 'logged in by SMS');
is(count("SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND result = 'success' AND actor_id = $acct->{id}"
	. " AND detail = 'sms'"), 1, 'audit row: sms login');

my $ghost = fresh_phone();
$ua = client($ip);
$csrf = csrf_from(get($ua, '/login'));
$r = post($ua, '/login', [phone => $ghost, action => 'send_code'], csrf => $csrf);
is($r->code, 200, 'sms login for a number without an account: the same 200');
like($r->decoded_content, qr/验证码已发送至/, 'and the same words');
is(count("SELECT COUNT(*) FROM sms_codes WHERE phone = '$ghost'"), 1, 'counted against the limits');
is(count("SELECT COUNT(*) FROM outbox WHERE recipient = '$ghost'"), 0, 'but nothing is sent');
$r = post($ua, '/login', [phone => $ghost, sms_code => '123456', action => 'login'], csrf => $csrf);
is($r->code, 422, 'and no code works for it');
$r = post($ua, '/login', [phone => 'abc', sms_code => '', action => 'login'], csrf => $csrf);
is($r->code, 422, 'sms login, bad fields: 422');
is_deeply(errors($r), { phone => '格式不正确', sms_code => '不能为空，请输入' }, 'bad fields: messages');

# ---- lockout after 5 failures ---------------------------------------------------------
$ua = client($ip);
for my $n (1 .. 4) {
	$r = login_password($ua, $other->{username}, $wrong);
	is($r->code, 422, "failure $n: 422");
}
$r = login_password($ua, $other->{phone}, $wrong);
is($r->code, 429, 'failure 5 (by phone: the same account): 429');
like(errors($r)->{login}, qr/^密码连续输错次数过多，密码登录已锁定，请15分钟后再试/, 'locked: message');
$r = login_password($ua, $other->{username}, $other->{password});
is($r->code, 429, 'still locked with the right password');
is(session_cookie($ua), undef, 'no session while locked');
is(count("SELECT COUNT(*) FROM audit_log WHERE action = 'lockout' AND actor_id = $other->{id}"), 1, 'audit row: lockout');
is(count("SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND result = 'locked' AND actor_id = $other->{id}"), 1,
	'audit row: login refused while locked');
$csrf = csrf_from(get($ua, '/login'));
post($ua, '/login', [phone => $other->{phone}, action => 'send_code'], csrf => $csrf);
$code = code_for($ua, $other->{phone});
$r = post($ua, '/login', [phone => $other->{phone}, sms_code => $code, action => 'login'], csrf => $csrf);
is($r->code, 303, 'SMS login still works while password login is locked');

$ua = client($ip);
sql("UPDATE login_throttle SET locked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE subject = 'account:$other->{id}'");
$r = login_password($ua, $other->{username}, $other->{password});
is($r->code, 303, 'unlocked after 15 minutes (aged in the database)');
is(count("SELECT COUNT(*) FROM login_throttle WHERE subject = 'account:$other->{id}'"), 0, 'success clears the count');

my $nobody = fresh_name('ghost');
$ua = client($ip);
$r = login_password($ua, $nobody, $wrong) for 1 .. 5;
is($r->code, 429, 'an unknown name locks after 5 failures as well');
like(errors($r)->{login}, qr/^密码连续输错次数过多/, 'with the same message');
is(count("SELECT COUNT(*) FROM login_throttle WHERE subject LIKE 'login:%' AND subject NOT LIKE '%$nobody%'"
	. ' AND locked_until > UTC_TIMESTAMP()'), 1, 'kept under a keyed hash of the name, not the name');

# ---- failures per address: checked before any hash ------------------------------------------
my $flood = '127.0.11.50';
sql('INSERT INTO audit_log (created_at, actor_kind, ip, action, result) SELECT UTC_TIMESTAMP(3), \'anonymous\','
	. " '$flood', 'login', 'failure' FROM seq_1_to_49");
$ua = client($flood);
$r = login_password($ua, fresh_name('flood'), $wrong);
is($r->code, 422, '50th failure from one address: still answered');
$r = login_password($ua, $acct->{username}, $acct->{password});
is($r->code, 429, '51st attempt, right password: 429');
is(errors($r)->{login}, '登录失败次数过多，请稍后再试。', 'throttled: message');
$csrf = csrf_from(get($ua, '/login'));
$r = post($ua, '/login', [phone => $acct->{phone}, sms_code => '123456', action => 'login'], csrf => $csrf);
is($r->code, 429, 'SMS login from that address: 429 too');
is(count("SELECT COUNT(*) FROM audit_log WHERE ip = '$flood' AND result = 'throttled'"), 2, 'audit rows: throttled');
is(login_password(client('127.0.11.51'), $acct->{username}, $acct->{password})->code, 303,
	'another address is not affected');
sql("UPDATE audit_log SET created_at = created_at - INTERVAL 16 MINUTE WHERE ip = '$flood'");
is(login_password($ua, $acct->{username}, $acct->{password})->code, 303, 'allowed again after 15 minutes');

# ---- rehash when the parameters change ---------------------------------------------------------
my $old_pw = secret('Old-params-Pw-7q!');
sql("UPDATE accounts SET password_hash = '\$argon2id\$v=19\$m=16384,t=3,p=1\$XCSN5hys4HoYSVbYbB0Gmw\$"
	. "gfHZGQ1V6+nEQNNd6na9KWyEWzwTg6/tjXyQhwg3Sr0' WHERE id = $other->{id}");
$r = login_password(client($ip), $other->{username}, $old_pw);
is($r->code, 303, 'a hash with old parameters still logs in');
like(sql("SELECT password_hash FROM accounts WHERE id = $other->{id}"), qr/^\$argon2id\$v=19\$m=65536,t=2,p=1\$/,
	'and is rehashed with the current ones');
is(login_password(client($ip), $other->{username}, $old_pw)->code, 303, 'the rehashed password works');

# ---- logout ------------------------------------------------------------------------------------
$ua = client($ip);
login_password($ua, $acct->{username}, $acct->{password});
my $before = count("SELECT COUNT(*) FROM sessions WHERE account_id = $acct->{id}");
$r = get($ua, '/');
like($r->decoded_content, qr{<form class="logout-form" method="post" action="/logout">}, 'logout is a form (POST)');
$r = post($ua, '/logout', [], csrf => csrf_from($r));
is($r->code, 303, 'logout: 303');
is($r->header('Location'), '/login?logged_out=1', 'to the login page');
like(join("\n", $r->header('Set-Cookie')), qr/__Host-cd_session=; Path=\/; Max-Age=0/, 'cookie deleted');
is(count("SELECT COUNT(*) FROM sessions WHERE account_id = $acct->{id}"), $before - 1, 'session deleted');
is(shown_user($ua), undef, 'logged out');
like(get($ua, '/login?logged_out=1')->decoded_content, qr/您已安全退出/, 'says so');
is(count("SELECT COUNT(*) FROM audit_log WHERE action = 'logout' AND actor_id = $acct->{id} AND ip = '$ip'"), 1,
	'audit row: logout');

done_testing();
