# Tests for staff accounts and sessions: certdesk-admin staff add, /admin/login, roles, idle timeout, lockout, listeners
use strict;
use warnings;
use utf8;
use Test::More;
use lib 't/lib';
use Certdesk::Test qw(stack ua get post csrf_from sql admin_url app_url admin_cmd register_applicant
	staff_login staff_password);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

stack();
my $tag = $$ % 100000;

sub admin_get { my ($ua, $path) = @_; return $ua->get(admin_url($path)) }
sub admin_post { my ($ua, $path, $fields, %opt) = @_; return post($ua, admin_url($path), $fields, %opt) }
sub audit_count {
	my ($where) = @_;
	return sql("SELECT COUNT(*) FROM audit_log WHERE $where") + 0;
}
sub login_form {
	my ($ua, $username, $password, @extra) = @_;
	my $csrf = csrf_from(admin_get($ua, '/admin/login'));
	return admin_post($ua, '/admin/login', [username => $username, password => $password, @extra], csrf => $csrf);
}

# --- certdesk-admin staff add ---
my $name = "rev$tag";
my ($rc, $out) = admin_cmd(['staff', 'add', $name, 'reviewer'], stdin => staff_password($name) . "\n");
is($rc, 0, 'staff add creates a reviewer') or diag($out);
like($out, qr/added/, 'and says so');
unlike($out, qr/\Q${\ staff_password($name)}\E/, 'without printing the password');
is(sql("SELECT CONCAT(roles, ' ', active) FROM staff WHERE username = '$name'"), "reviewer 1\n", 'stored with its role, active');
like(sql("SELECT password_hash FROM staff WHERE username = '$name'"), qr/^\$argon2id\$/, 'the password is an Argon2id hash');
is(audit_count("action = 'staff_add' AND subject = '$name' AND actor_kind = 'system'"), 1, 'the addition is audited');
($rc, $out) = admin_cmd(['staff', 'add', $name, 'reviewer'], stdin => "Another!pass99\n");
is($rc, 1, 'the same name twice is refused');
like($out, qr/already exists/, 'saying it exists');
($rc, $out) = admin_cmd(['staff', 'add', uc($name), 'finance'], stdin => "Another!pass99\n");
is($rc, 1, 'names ignore case');
for my $bad (
	[["bad$tag", 'boss'], "Good!pass$tag", 'an unknown role'],
	[["bad$tag", ''], "Good!pass$tag", 'an empty role'],
	[["bad$tag", 'reviewer,'], "Good!pass$tag", 'a trailing comma'],
	[['ab', 'reviewer'], "Good!pass$tag", 'a short username'],
	[['12345678', 'reviewer'], "Good!pass$tag", 'an all-digit username'],
	[["bad$tag", 'reviewer'], 'password', 'a common password'],
	[["bad$tag", 'reviewer'], 'short', 'a short password'],
	[["bad$tag", 'reviewer'], "bad$tag", 'the username as password'],
	[["bad$tag", 'reviewer'], undef, 'no password on stdin'],
) {
	my ($args, $pw, $what) = @$bad;
	($rc, $out) = admin_cmd(['staff', 'add', @$args], defined $pw ? (stdin => "$pw\n") : ());
	isnt($rc, 0, "staff add refuses $what");
}
is(sql("SELECT COUNT(*) FROM staff WHERE username IN ('bad$tag', 'ab', '12345678')") + 0, 0, 'and adds nobody');
($rc, $out) = admin_cmd(['staff', 'add', "multi$tag", 'finance,admin'], stdin => staff_password("multi$tag") . "\n");
is($rc, 0, 'several roles, comma-separated');
is(sql("SELECT roles FROM staff WHERE username = 'multi$tag'"), "finance,admin\n", 'are all stored');

# --- Listeners: the console only on its own, and nothing else there ---
my $anon = ua();
is(get($anon, '/admin')->code, 404, '/admin is 404 on the applicant listener');
is(get($anon, '/admin/login')->code, 404, '/admin/login is 404 on the applicant listener');
is(get($anon, '/admin/orders')->code, 404, '/admin/orders is 404 on the applicant listener');
is(admin_get($anon, '/login')->code, 404, 'the applicant login is 404 on the admin listener');
is(admin_get($anon, '/orders/new?project=ZQYL')->code, 404, 'applicant pages are 404 on the admin listener');
is(admin_get($anon, '/healthz')->code, 200, 'but the health check answers there');

# --- Login ---
my $r = admin_get($anon, '/admin');
is($r->code, 303, 'the dashboard needs a staff login');
is($r->header('Location'), '/admin/login?next=/admin', 'and comes back after it');
$r = admin_get($anon, '/admin/login');
is($r->code, 200, 'the login page renders');
like($r->decoded_content, qr/name="username".*name="password"/s, 'with username and password');
is(admin_post($anon, '/admin/login', [username => $name, password => staff_password($name)])->code, 403,
	'a login without csrf is 403');

my $ua = ua();
$r = login_form($ua, $name, 'Wrong!pass123');
is($r->code, 422, 'a wrong password is 422');
like($r->decoded_content, qr/data-error-for="password"[^>]*>.*用户名或密码错误/s, 'saying 用户名或密码错误');
my $unknown = login_form($ua, "nobody$tag", 'Wrong!pass123');
is($unknown->code, 422, 'an unknown name is 422 too');
like($unknown->decoded_content, qr/用户名或密码错误/, 'with the same message');
$r = login_form($ua, '', '');
is($r->code, 422, 'empty fields are 422');
like($r->decoded_content, qr/data-error-for="username"/, 'with a message at username');
like($r->decoded_content, qr/data-error-for="password"/, 'and at password');
$r = login_form($ua, 'x' x 40, 'Wrong!pass123');
is($r->code, 422, 'a too long name is 422');

$r = login_form($ua, $name, staff_password($name), next => '/admin/orders?state=manual_review');
is($r->code, 303, 'the right password logs in');
is($r->header('Location'), '/admin/orders?state=manual_review', 'and goes to next');
my ($cookie) = grep { /cd_staff=/ } $r->header('Set-Cookie');
like($cookie // '', qr/^__Host-cd_staff=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax; Secure/, 'a __Host- staff cookie');
is(sql("SELECT COUNT(*) FROM staff_sessions s JOIN staff t ON t.id = s.staff_id WHERE t.username = '$name'") + 0, 1,
	'one staff session stored');
my ($token) = ($cookie // '') =~ /=([0-9a-f]{64})/;
is(sql("SELECT COUNT(*) FROM staff_sessions WHERE token_hash = '$token'") + 0, 0, 'by a hash, never the token');
is(audit_count("actor_kind = 'staff' AND action = 'login' AND result = 'success' AND subject = '$name'"), 1,
	'the login is audited');
$r = admin_get($ua, '/admin');
is($r->code, 200, 'the dashboard renders');
like($r->decoded_content, qr/data-count="manual_review"/, 'with the count of each state');
like($r->decoded_content, qr/\Q$name\E/, 'and who is logged in');
is(admin_get($ua, '/admin/login')->code, 303, 'the login page sends a logged-in member on');
$r = login_form(ua(), $name, staff_password($name), next => '//evil.example/admin');
is($r->header('Location'), '/admin', 'a foreign next is ignored');
$r = login_form(ua(), $name, staff_password($name), next => '/orders');
is($r->header('Location'), '/admin', 'so is a next outside the console');

# --- Staff and applicant sessions do not mix ---
my ($app) = register_applicant();
$r = admin_get($app, '/admin');
is($r->code, 303, 'an applicant session is useless on the admin listener');
like($r->header('Location'), qr{^/admin/login}, 'it is sent to the staff login');
is(admin_post($app, '/admin/logout', [], csrf => csrf_from(get($app, '/orders/new?project=ZQYL')))->code, 303,
	'an applicant cannot act there either (login first)');
$r = get($ua, '/orders/new?project=ZQYL');
is($r->code, 303, 'a staff session is useless on the applicant site');
like($r->header('Location'), qr{^/login}, 'it is sent to the applicant login');

# --- CSRF is bound to the staff session ---
my $other = staff_login("op$tag", 'operator');
my $other_csrf = csrf_from(admin_get($other, '/admin'));
my $my_csrf = csrf_from(admin_get($ua, '/admin'));
isnt($my_csrf, $other_csrf, 'each staff session has its own csrf token');
is(admin_post($ua, '/admin/logout', [], csrf => $other_csrf)->code, 403, "another member's token is refused");
is(admin_post($ua, '/admin/logout', [])->code, 403, 'no token is refused');
is(admin_get($ua, '/admin')->code, 200, 'and the session is still on');

# --- Idle timeout (15 minutes) ---
my $idle = staff_login("idle$tag", 'finance');
sql("UPDATE staff_sessions s JOIN staff t ON t.id = s.staff_id SET s.last_seen_at = s.last_seen_at - INTERVAL 14 MINUTE"
	. " WHERE t.username = 'idle$tag'");
is(admin_get($idle, '/admin')->code, 200, 'a session idle 14 minutes is still on');
sql("UPDATE staff_sessions s JOIN staff t ON t.id = s.staff_id SET s.last_seen_at = s.last_seen_at - INTERVAL 16 MINUTE"
	. " WHERE t.username = 'idle$tag'");
$r = admin_get($idle, '/admin');
is($r->code, 303, 'a session idle 16 minutes has ended');
is(sql("SELECT COUNT(*) FROM staff_sessions s JOIN staff t ON t.id = s.staff_id WHERE t.username = 'idle$tag'") + 0, 0,
	'and is deleted');

# --- A deactivated member is out at once ---
my $gone = staff_login("gone$tag", 'reviewer');
sql("UPDATE staff SET active = 0 WHERE username = 'gone$tag'");
is(admin_get($gone, '/admin')->code, 303, 'deactivating a member ends their session');
is(login_form(ua(), "gone$tag", staff_password("gone$tag"))->code, 422, 'and they cannot log in');

# --- Lockout after five failures, as for applicants ---
my $lock = "lock$tag";
admin_cmd(['staff', 'add', $lock, 'reviewer'], stdin => staff_password($lock) . "\n");
my $lua = ua();
my @codes = map { login_form($lua, $lock, "Wrong!pass$_")->code } 1 .. 5;
is_deeply(\@codes, [422, 422, 422, 422, 429], 'the fifth failure locks');
$r = login_form($lua, $lock, staff_password($lock));
is($r->code, 429, 'then even the right password is refused');
like($r->decoded_content, qr/账号已锁定/, 'saying it is locked');
is(audit_count("action = 'lockout' AND subject = '$lock'"), 1, 'the lockout is audited');
sql("UPDATE login_throttle SET locked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND"
	. " WHERE subject = (SELECT CONCAT('staff:', id) FROM staff WHERE username = '$lock')");
is(login_form($lua, $lock, staff_password($lock))->code, 303, 'after the lock the right password works');

# --- Logout ---
my $before = audit_count("action = 'logout' AND subject = '$name'");
my $sessions = sql("SELECT COUNT(*) FROM staff_sessions s JOIN staff t ON t.id = s.staff_id WHERE t.username = '$name'");
$r = admin_post($ua, '/admin/logout', [], csrf => csrf_from(admin_get($ua, '/admin')));
is($r->code, 303, 'logout');
is($r->header('Location'), '/admin/login?logged_out=1', 'goes to the login page');
is(audit_count("action = 'logout' AND subject = '$name'"), $before + 1, 'and is audited');
is(admin_get($ua, '/admin')->code, 303, 'the session is over');
is(sql("SELECT COUNT(*) FROM staff_sessions s JOIN staff t ON t.id = s.staff_id WHERE t.username = '$name'") + 0,
	$sessions - 1, 'its row is deleted, the member\'s other sessions stay');

done_testing;
