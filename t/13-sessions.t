# Tests for sessions and CSRF (DESIGN.md security): cookie flags, rotation at login, replay after logout, idle and absolute expiry
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/helpers";
use Test::More;
use Certdesk::Test qw(get post csrf_from sql);
use Certdesk::Accounts qw(client fresh_phone fresh_name register login_password session_cookie shown_user);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $ip = '127.0.13.1';
sub count { my ($q) = @_; chomp(my $n = sql($q)); return $n }
my $acct = register(client($ip));
my $sessions = "SELECT COUNT(*) FROM sessions WHERE account_id = $acct->{id}";

# A browser holding only this session cookie.
sub with_cookie {
	my ($token) = @_;
	my $ua = client($ip);
	$ua->cookie_jar->set_cookie(0, '__Host-cd_session', $token, '/', '127.0.0.1', undef, 1, 1);
	return $ua;
}

# ---- CSRF on every POST: missing or wrong is a 403 that changes nothing ------------------
my $ua = client($ip);
login_password($ua, $acct->{username}, $acct->{password});
my $good = csrf_from(get($ua, '/'));
my $anon = client($ip);
my $anon_good = csrf_from(get($anon, '/register'));
my $stranger = csrf_from(get(client($ip), '/register'));
my $phone = fresh_phone();
my $name = fresh_name('csrf');
my %posts = (
	'register send_code' => ['/register', [phone => $phone, agree => 1, action => 'send_code']],
	'register verify' => ['/register', [phone => $phone, agree => 1, sms_code => '123456', action => 'verify']],
	'register profile' => ['/register/profile', [username => $name, email => 'c@example.com', password => 'Zz9#csrf-pass',
		password2 => 'Zz9#csrf-pass']],
	'login' => ['/login', [login => $acct->{username}, password => $acct->{password}]],
	'login send_code' => ['/login', [phone => $acct->{phone}, action => 'send_code']],
	'forgot send_code' => ['/password/forgot', [phone => $acct->{phone}, action => 'send_code']],
	'forgot reset' => ['/password/forgot', [password => 'Zz9#csrf-pass', password2 => 'Zz9#csrf-pass', action => 'reset']],
);
my $state = sub { join ',', map { count($_) } 'SELECT COUNT(*) FROM sms_codes', 'SELECT COUNT(*) FROM accounts',
	'SELECT COUNT(*) FROM sessions', 'SELECT COUNT(*) FROM phone_proofs',
	"SELECT password_hash FROM accounts WHERE id = $acct->{id}" };
my $before = $state->();
for my $case (sort keys %posts) {
	my ($path, $fields) = @{$posts{$case}};
	is(post($anon, $path, $fields)->code, 403, "$case without csrf: 403");
	is(post($anon, $path, $fields, csrf => 'f' x 64)->code, 403, "$case with a made-up csrf: 403");
	is(post($anon, $path, $fields, csrf => $stranger)->code, 403, "$case with another visitor's csrf: 403");
	is(post($ua, $path, $fields, csrf => $anon_good)->code, 403, "$case logged in, with a pre-login csrf: 403");
}
is(post($ua, '/logout', [], csrf => '')->code, 403, 'logout with an empty csrf: 403');
is(post($ua, '/logout', [csrf => 'f' x 64])->code, 403, 'logout with a wrong csrf: 403');
is(post($ua, '/logout', [csrf => $anon_good])->code, 403, 'logout with a pre-login csrf: 403');
is($state->(), $before, 'nothing changed: codes, accounts, sessions, proofs, password');
is(shown_user($ua), $acct->{username}, 'still logged in');
is(post($ua, '/logout', [csrf => $good])->code, 303, 'the right token logs out');

# ---- the cookie ---------------------------------------------------------------------------
$ua = client($ip);
my $r = login_password($ua, $acct->{username}, $acct->{password});
my ($set) = grep { /^__Host-cd_session=/ } $r->header('Set-Cookie');
like($set, qr/^__Host-cd_session=[0-9a-f]{64};/, 'named __Host-cd_session under TLS, 256-bit token');
like($set, qr/; Path=\/(;|$)/, 'Path=/');
like($set, qr/; HttpOnly(;|$)/, 'HttpOnly');
like($set, qr/; Secure(;|$)/, 'Secure');
like($set, qr/; SameSite=Lax(;|$)/, 'SameSite=Lax');
unlike($set, qr/Domain=/i, 'no Domain (required by __Host-)');
my $first = session_cookie($ua);
is(count("SELECT COUNT(*) FROM sessions WHERE token_hash = '$first'"), 0, 'the database does not hold the token');
like(sql("SELECT token_hash FROM sessions WHERE account_id = $acct->{id} ORDER BY created_at DESC LIMIT 1"),
	qr/^[0-9a-f]{64}$/, 'but a hash of it');

# ---- rotation at login ------------------------------------------------------------------------
$r = login_password($ua, $acct->{username}, $acct->{password});
is($r->code, 303, 'logging in again');
my $second = session_cookie($ua);
isnt($second, $first, 'the session cookie changes at login');
is(shown_user(with_cookie($first)), undef, 'the old cookie no longer works');
is(shown_user(with_cookie($second)), $acct->{username}, 'the new one does');
my $pre = client($ip);
$pre->cookie_jar->set_cookie(0, '__Host-cd_session', 'a' x 64, '/', '127.0.0.1', undef, 1, 1);
login_password($pre, $acct->{username}, $acct->{password});
isnt(session_cookie($pre), 'a' x 64, 'a cookie chosen by someone else is replaced at login');
is(shown_user(with_cookie('a' x 64)), undef, 'and never becomes a session');
is(shown_user(with_cookie('not-a-token')), undef, 'a malformed cookie is no session');

# ---- replay after logout ---------------------------------------------------------------------------
my $n = count($sessions);
$r = post($ua, '/logout', [csrf => csrf_from(get($ua, '/'))]);
is($r->code, 303, 'logout');
is(count($sessions), $n - 1, 'session row deleted');
my $replay = with_cookie($second);
$r = get($replay, '/');
unlike($r->decoded_content, qr/class="account-user"/, 'the cookie replayed after logout is rejected');
like(join("\n", $r->header('Set-Cookie')), qr/__Host-cd_session=; Path=\/; Max-Age=0/, 'and told to go away');
$r = post($replay, '/logout', [csrf => $good]);
is($r->code, 303, 'an applicant-only POST with it');
like($r->header('Location'), qr{^/login}, 'goes to the login page');

# ---- idle 30 minutes, absolute 12 hours ------------------------------------------------------------------
my $aged;	# the token_hash of the session fresh_session made last
sub fresh_session {
	my $c = client($ip);
	my %old = map { $_ => 1 } split /\n/, sql('SELECT token_hash FROM sessions');
	login_password($c, $acct->{username}, $acct->{password});
	($aged) = grep { !$old{$_} } split /\n/, sql('SELECT token_hash FROM sessions');
	return session_cookie($c);
}
sub age_session { my ($set_sql) = @_; sql("UPDATE sessions SET $set_sql WHERE token_hash = '$aged'") }

my $idle = fresh_session();
age_session('last_seen_at = UTC_TIMESTAMP() - INTERVAL 29 MINUTE');
is(shown_user(with_cookie($idle)), $acct->{username}, 'idle 29 minutes: still logged in');
is(count("SELECT COUNT(*) FROM sessions WHERE account_id = $acct->{id} AND last_seen_at < UTC_TIMESTAMP() - INTERVAL 1 MINUTE"),
	0, 'and the request counts as activity');
age_session('last_seen_at = UTC_TIMESTAMP() - INTERVAL 31 MINUTE');
is(shown_user(with_cookie($idle)), undef, 'idle 31 minutes: rejected');
is(count("SELECT COUNT(*) FROM sessions WHERE last_seen_at < UTC_TIMESTAMP() - INTERVAL 30 MINUTE"), 0,
	'and deleted');

my $old = fresh_session();
age_session('created_at = UTC_TIMESTAMP() - INTERVAL 11 HOUR - INTERVAL 59 MINUTE');
is(shown_user(with_cookie($old)), $acct->{username}, '11 h 59 min old and active: still logged in');
age_session('created_at = UTC_TIMESTAMP() - INTERVAL 12 HOUR - INTERVAL 1 MINUTE');
is(shown_user(with_cookie($old)), undef, 'older than 12 hours, though active: rejected');

# ---- 我的订单 and the order page check the session in their own statement: the same rules ------------------
{
	my $no = sql("SELECT order_no FROM orders WHERE applicant_id = $acct->{id} LIMIT 1");
	chomp $no;
	if ($no eq '') {
		# An order of this applicant's to ask for (the list needs none).
		my ($pid) = split /\n/, sql("SELECT id FROM projects WHERE code = 'ZQYL'");
		$no = sprintf('ZQYL2000%010d%06d', $$ % 10000000000, 1);
		sql("INSERT INTO orders (order_no, applicant_id, project_id, cert_type, years, quantity, key_type, unit_fen,"
			. " total_fen, created_at, updated_at) VALUES ('$no', $acct->{id}, $pid, 'enterprise', 1, 2, 'zqyl_gen1',"
			. " 36000, 72000, UTC_TIMESTAMP(), UTC_TIMESTAMP());"
			. " UPDATE accounts SET orders_version = orders_version + 1 WHERE id = $acct->{id}");
	}
	for my $path ('/orders', "/orders/$no") {
		my $live = fresh_session();
		my $r = get(with_cookie($live), $path);
		is($r->code, 200, "$path with a live session: 200");
		like($r->decoded_content, qr/\Q$acct->{username}\E/, "$path: shows who is logged in");
		age_session('last_seen_at = UTC_TIMESTAMP() - INTERVAL 29 MINUTE');
		is(get(with_cookie($live), $path)->code, 200, "$path idle 29 minutes: 200");
		is(count("SELECT COUNT(*) FROM sessions WHERE token_hash = '$aged' AND last_seen_at < UTC_TIMESTAMP() - INTERVAL 1 MINUTE"),
			0, "$path: and the request counts as activity");
		age_session('last_seen_at = UTC_TIMESTAMP() - INTERVAL 31 MINUTE');
		$r = get(with_cookie($live), $path);
		is($r->code, 303, "$path idle 31 minutes: 303");
		is($r->header('Location'), "/login?next=$path", "$path: to the login page and back");
		like(join("\n", $r->header('Set-Cookie')), qr/__Host-cd_session=; Path=\/; Max-Age=0/, "$path: the cookie deleted");
		is(count("SELECT COUNT(*) FROM sessions WHERE token_hash = '$aged'"), 0, "$path: and the session row");
		my $old = fresh_session();
		age_session('created_at = UTC_TIMESTAMP() - INTERVAL 12 HOUR - INTERVAL 1 MINUTE');
		is(get(with_cookie($old), $path)->code, 303, "$path older than 12 hours: 303");
		$r = get(with_cookie('not-a-token'), $path);
		is($r->code, 303, "$path with a cookie that is not a token: 303");
		like(join("\n", $r->header('Set-Cookie')), qr/__Host-cd_session=; Path=\/; Max-Age=0/, "$path: which is deleted");
		is(get(with_cookie('ab' x 32), $path)->code, 303, "$path with an unknown token: 303");
		my $ended = fresh_session();
		sql("DELETE FROM sessions WHERE token_hash = '$aged'");
		is(get(with_cookie($ended), $path)->code, 303, "$path after logging out elsewhere: 303");
	}
}

# ---- the CSRF token belongs to the session -----------------------------------------------------------------
my $tok = fresh_session();
my $browser = with_cookie($tok);
my $bound = csrf_from(get($browser, '/'));
isnt($bound, $good, 'each session has its own CSRF token');
is(post(with_cookie(fresh_session()), '/logout', [csrf => $bound])->code, 403, "another session's token: 403");
is(post($browser, '/logout', [csrf => $bound])->code, 303, "the session's own token: 303");

done_testing();
