# Tests for the staff console's missing parts of SPEC §10: 对公转账待确认 (the queue and 确认到账 on the order page),
# the audit log (/admin/audit), staff accounts (/admin/staff),
# projects and prices (/admin/projects)
use strict;
use warnings;
use utf8;
use Test::More;
use lib 't/lib', 't/helpers';
use Encode qw(decode_utf8);
use Certdesk::Test qw(stack ua get post csrf_from sql admin_url register_applicant staff_login);
use Certdesk::Payment qw(payment_order order_state);
use Certdesk::Orders qw(insert_orders order_nos);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

stack();
my $tag = $$ % 100000;

sub admin_get { my ($ua, $path) = @_; return $ua->get(admin_url($path)) }
sub admin_post { my ($ua, $path, $fields, %opt) = @_; return post($ua, admin_url($path), $fields, %opt) }
sub one { my ($q) = @_; chomp(my $v = decode_utf8(sql($q))); return $v }
sub audit_count { my ($where) = @_; return one("SELECT COUNT(*) FROM audit_log WHERE $where") + 0 }

# --- 对公转账待确认 ---
my ($ua) = register_applicant();
my $no = payment_order($ua);
my $r = post($ua, "/orders/$no/pay", [method => 'transfer'], csrf => csrf_from(get($ua, "/orders/$no/pay")));
is($r->code, 303, 'the applicant chooses a bank transfer');
my $ref = one("SELECT out_trade_no FROM payments p JOIN orders o ON o.id = p.order_id"
	. " WHERE o.order_no = '$no' AND p.method = 'transfer' AND p.state = 'pending'");
like($ref, qr/^P\d+$/, 'an open transfer with its reference');
my $online = payment_order($ua);	# awaits payment, no transfer chosen: not in the queue

my $finance = staff_login("fin$tag", 'finance');
my $reviewer = staff_login("rvw$tag", 'reviewer');
my $operator = staff_login("opr$tag", 'operator');
my $admin = staff_login("adm$tag", 'admin');

$r = admin_get($finance, '/admin/transfers');
is($r->code, 200, 'finance sees the transfer queue');
my $page = $r->decoded_content;
like($page, qr/对公转账待确认/, 'titled 对公转账待确认');
like($page, qr/data-order-no="$no" data-transfer-reference="$ref"/, 'the order is listed with its reference');
like($page, qr{href="/admin/orders/$no#transfer"}, 'linking to its order page');
unlike($page, qr/data-order-no="$online"/, 'an order awaiting an online payment is not');
like($page, qr{href="/admin/transfers" aria-current="page"}, 'the menu offers the queue, current');
is(admin_get($admin, '/admin/transfers')->code, 200, 'an administrator sees it too');
is(admin_get($reviewer, '/admin/transfers')->code, 403, 'a reviewer gets 403');
is(admin_get($operator, '/admin/transfers')->code, 403, 'an operator gets 403');
unlike(admin_get($reviewer, '/admin')->decoded_content, qr{href="/admin/transfers"}, 'nor is it in a reviewer\'s menu');
is(ua()->get(admin_url('/admin/transfers'))->code, 303, 'without a session: to the login');

# --- 确认到账 on the order page ---
$r = admin_get($finance, "/admin/orders/$no");
is($r->code, 200, 'finance opens the order');
$page = $r->decoded_content;
like($page, qr{<form method="post" action="/admin/orders/$no/transfer">}, 'with a 确认到账 form');
like($page, qr/name="csrf"/, 'carrying the CSRF token');
like($page, qr/data-transfer-reference="$ref"/, 'and the reference to check against the statement');
like($page, qr/确认到账/, 'the button says 确认到账');
unlike(admin_get($reviewer, "/admin/orders/$no")->decoded_content, qr{/transfer"}, 'a reviewer is not offered it');
unlike(admin_get($operator, "/admin/orders/$no")->decoded_content, qr{/transfer"}, 'nor an operator');
like(admin_get($admin, "/admin/orders/$online")->decoded_content, qr{action="/admin/orders/$online/transfer"},
	'an administrator may confirm a transfer on an order that awaits payment online');

is(admin_post($finance, "/admin/orders/$no/transfer", [])->code, 403, 'without the CSRF token: 403');
is(order_state($no), 'payment', 'and nothing changed');
is(admin_post($reviewer, "/admin/orders/$no/transfer", [], csrf => csrf_from(admin_get($reviewer, '/admin')))->code,
	403, 'a reviewer cannot confirm');
is(order_state($no), 'payment', 'nothing changed');

$r = admin_post($finance, "/admin/orders/$no/transfer", [], csrf => csrf_from(admin_get($finance, "/admin/orders/$no")));
is($r->code, 303, 'finance confirms the receipt');
is($r->header('Location'), "/admin/orders/$no?done=transfer", 'back to the order page');
is(order_state($no), 'production', 'the order goes to production');
is(audit_count("action = 'order.transfer_confirm' AND subject = '$no' AND result = 'success'"), 1, 'audited');
$page = admin_get($finance, "/admin/orders/$no?done=transfer")->decoded_content;
like($page, qr/已确认到账/, 'the order page says so');
unlike($page, qr{action="/admin/orders/$no/transfer"}, 'and offers no second confirmation');
unlike(admin_get($finance, '/admin/transfers')->decoded_content, qr/data-order-no="$no"/, 'the queue no longer lists it');

# --- /admin/audit ---
$r = admin_get($admin, '/admin/audit');
is($r->code, 200, 'an administrator reads the audit log');
$page = $r->decoded_content;
like($page, qr/审计日志/, 'titled 审计日志');
like($page, qr{href="/admin/audit" aria-current="page"}, 'the menu offers it, current');
my @actions = $page =~ /<tr data-action="([^"]+)"/g;
ok(@actions > 0 && @actions <= 50, 'at most 50 entries a page');
my $newest = one("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1");
is($actions[0], $newest, 'the newest first');
$r = admin_get($admin, "/admin/audit?action=order.transfer_confirm&actor=fin$tag");
$page = $r->decoded_content;
is($r->code, 200, 'filtered by action and actor');
like($page, qr{<tr data-action="order.transfer_confirm" data-actor="fin$tag">}, 'the confirmation is listed');
like($page, qr{<td class="mono">$no</td>}, 'with its order');
my @rows = $page =~ /<tr data-action="([^"]+)" data-actor="([^"]*)"/g;
my %seen = @rows;
is_deeply([keys %seen], ['order.transfer_confirm'], 'and only that action');
unlike($page, qr/data-actor="(?!fin$tag")/, 'by only that actor');
like(admin_get($admin, "/admin/audit?actor=nobody$tag")->decoded_content, qr/没有符合条件的记录/, 'an unknown actor: none');
sql("INSERT INTO audit_log (created_at, actor_kind, action, subject, result) SELECT UTC_TIMESTAMP(3), 'system',"
	. " 'test.pager$tag', CONCAT('s', seq), 'success' FROM seq_1_to_55 ORDER BY seq");
$page = admin_get($admin, "/admin/audit?action=test.pager$tag")->decoded_content;
@rows = $page =~ /<td class="mono">(s\d+)<\/td>/g;
is(scalar @rows, 50, '55 entries: 50 on the first page');
is($rows[0], 's55', 'the newest first');
like($page, qr{href="/admin/audit\?action=test.pager$tag&amp;actor=&amp;page=2" rel="next"}, 'a link to the next page');
$page = admin_get($admin, "/admin/audit?action=test.pager$tag&page=2")->decoded_content;
@rows = $page =~ /<td class="mono">(s\d+)<\/td>/g;
is_deeply(\@rows, [map { "s$_" } reverse 1 .. 5], 'the last 5 on page 2');
like($page, qr{rel="prev"}, 'which links back');
unlike($page, qr{rel="next"}, 'and not on');
for my $bad (['action', 'x' x 65, 'too long'], ['action', 'a b<', 'other characters'], ['actor', "'; --", 'quote in actor'],
	['page', 'abc', 'page not a number'], ['page', '0', 'page 0']) {
	my ($f, $v, $why) = @$bad;
	$r = admin_get($admin, "/admin/audit?$f=" . join('', map { sprintf('%%%02X', ord) } split //, $v));
	is($r->code, 422, "audit filter: $why is 422");
	like($r->decoded_content, qr/data-error-for="$f"/, 'with a message at the field');
}
is(admin_get($finance, '/admin/audit')->code, 403, 'finance gets 403');
is(admin_get($reviewer, '/admin/audit')->code, 403, 'a reviewer gets 403');
is(admin_get($operator, '/admin/audit')->code, 403, 'an operator gets 403');
unlike(admin_get($finance, '/admin')->decoded_content, qr{href="/admin/audit"}, 'nor is it in their menu');
is(admin_post($admin, '/admin/audit', [action => 'x'], csrf => csrf_from(admin_get($admin, '/admin')))->code, 405,
	'the log is read-only: no POST');

# --- /admin/staff ---
$r = admin_get($admin, '/admin/staff');
is($r->code, 200, 'an administrator sees the staff');
$page = $r->decoded_content;
like($page, qr{<tr data-username="fin$tag" data-active="1">}, 'each member, active');
like($page, qr{data-username="fin$tag".*?data-role="finance"}s, 'with their roles');
like($page, qr{href="/admin/staff" aria-current="page"}, 'the menu offers it');
unlike($page, qr{action="/admin/staff/adm$tag/active"}, 'an administrator is not offered to deactivate themselves');
my $scsrf = csrf_from($r);
for my $u ($finance, $reviewer, $operator) {
	is(admin_get($u, '/admin/staff')->code, 403, 'other roles get 403 on /admin/staff');
}
is(admin_post($reviewer, '/admin/staff', [username => "x$tag", roles => 'admin', password => 'Xx!23456789a',
	password2 => 'Xx!23456789a'], csrf => csrf_from(admin_get($reviewer, '/admin')))->code, 403,
	'a reviewer cannot add an administrator');

my $new = "new$tag";
my $pw = 'Ng!7hpq2wz8Lm';
sub staff_rows { my ($u) = @_; return one("SELECT COUNT(*) FROM staff WHERE username = '$u'") + 0 }
is(admin_post($admin, '/admin/staff', [username => $new, roles => 'operator', password => $pw, password2 => $pw])->code,
	403, 'adding without the CSRF token: 403');
is(staff_rows($new), 0, 'nothing added');
for my $bad ([[username => '', roles => 'operator', password => $pw, password2 => $pw], 'username', 'empty username'],
	[[username => 'u' x 33, roles => 'operator', password => $pw, password2 => $pw], 'username', 'username too long'],
	[[username => "fin$tag", roles => 'operator', password => $pw, password2 => $pw], 'username', 'username taken'],
	[[username => $new, password => $pw, password2 => $pw], 'roles', 'no role'],
	[[username => $new, roles => 'superuser', password => $pw, password2 => $pw], 'roles', 'wrong role name'],
	[[username => $new, roles => 'operator', roles => 'root', password => $pw, password2 => $pw], 'roles', 'one wrong role'],
	[[username => $new, roles => 'operator', password => '', password2 => ''], 'password', 'empty password'],
	[[username => $new, roles => 'operator', password => 'short', password2 => 'short'], 'password', 'weak password'],
	[[username => $new, roles => 'operator', password => $pw, password2 => "${pw}x"], 'password2', 'passwords differ']) {
	my ($fields, $f, $why) = @$bad;
	$r = admin_post($admin, '/admin/staff', $fields, csrf => $scsrf);
	is($r->code, 422, "add: $why is 422");
	like($r->decoded_content, qr/data-error-for="$f"/, "with a message at $f");
	is(staff_rows($new), 0, 'nothing added');
}
$r = admin_post($admin, '/admin/staff', [username => $new, roles => 'operator', roles => 'finance', password => $pw,
	password2 => $pw], csrf => $scsrf);
is($r->code, 303, 'an administrator adds a member');
is($r->header('Location'), '/admin/staff?done=added', 'back to the list');
is(one("SELECT CONCAT(roles, ' ', active) FROM staff WHERE username = '$new'"), 'operator,finance 1', 'with both roles, active');
is(audit_count("action = 'staff_add' AND subject = '$new' AND actor_kind = 'staff'"), 1, 'audited as the administrator');
like(admin_get($admin, '/admin/staff?done=added')->decoded_content, qr/已新增员工/, 'the list says so');
my $nu = ua();
$r = $nu->get(admin_url('/admin/login'));
$r = post($nu, admin_url('/admin/login'), [username => $new, password => $pw], csrf => csrf_from($r));
is($r->code, 303, 'the new member logs in with the initial password');
is(admin_get($nu, '/admin/production')->code, 200, 'and works as an operator');

is(admin_post($admin, "/admin/staff/$new/active", [active => 0])->code, 403, 'deactivating without CSRF: 403');
is(admin_post($admin, "/admin/staff/$new/active", [active => 2], csrf => $scsrf)->code, 422, 'a bad value: 422');
is(one("SELECT active FROM staff WHERE username = '$new'"), '1', 'still active');
is(admin_post($admin, "/admin/staff/nobody$tag/active", [active => 0], csrf => $scsrf)->code, 404, 'no such member: 404');
$r = admin_post($admin, "/admin/staff/adm$tag/active", [active => 0], csrf => $scsrf);
is($r->code, 422, 'an administrator cannot deactivate themselves');
like($r->decoded_content, qr/不能停用自己的账号/, 'saying so');
is(one("SELECT active FROM staff WHERE username = 'adm$tag'"), '1', 'and stays active');
is(audit_count("action = 'staff_deactivate' AND subject = 'adm$tag' AND result = 'refused'"), 1, 'the attempt is audited');
is(admin_post($finance, "/admin/staff/$new/active", [active => 0], csrf => csrf_from(admin_get($finance, '/admin')))->code, 403, 'finance cannot deactivate');
$r = admin_post($admin, "/admin/staff/$new/active", [active => 0], csrf => $scsrf);
is($r->code, 303, 'an administrator deactivates a member');
is(one("SELECT active FROM staff WHERE username = '$new'"), '0', 'inactive');
is(admin_get($nu, '/admin/production')->code, 303, 'whose session ends at once');
is(audit_count("action = 'staff_deactivate' AND subject = '$new' AND result = 'success'"), 1, 'audited');
like(admin_get($admin, '/admin/staff')->decoded_content, qr{<tr data-username="$new" data-active="0">}, 'listed as deactivated');
$r = admin_post($admin, "/admin/staff/$new/active", [active => 1], csrf => $scsrf);
is($r->code, 303, 'and reactivates them');
is(one("SELECT active FROM staff WHERE username = '$new'"), '1', 'active again');
is(audit_count("action = 'staff_activate' AND subject = '$new' AND result = 'success'"), 1, 'audited');

# --- /admin/projects ---
# An applicant whose list every worker has shown once: each has its catalogue before the new project.
my ($applicant, undef, $applicant_name) = register_applicant();
get($applicant, '/orders') for 1 .. 12;
my $pc = sprintf('T%05d', $tag);
sql("INSERT INTO projects (code, name, initial, qty_min, qty_max, active, created_at, updated_at)"
	. " VALUES ('$pc', 'test project $pc', 'T', 1, 10, 1, UTC_TIMESTAMP(), UTC_TIMESTAMP())");
sql("INSERT INTO project_cert_types (project_id, code, name, fen_per_year, sort) SELECT id, 'org', 'org cert', 30000, 1"
	. " FROM projects WHERE code = '$pc'");
sql("INSERT INTO project_key_types (project_id, code, name, fen, sort) SELECT id, 'std', 'std key', 6500, 1"
	. " FROM projects WHERE code = '$pc'");
# What applicants are offered, asked of every worker in the pool (each keeps the catalogue).
sub offered {
	my ($path, $re) = @_;
	my %seen;
	for (1 .. 12) {
		my $res = get($applicant, $path);
		$seen{ $res->code . ($res->decoded_content =~ $re ? ' shown' : '') }++;
	}
	return join ',', sort keys %seen;
}
# 我的订单 filtered by the new project on every worker: its page is read with the session in one
# statement, the project taken from the worker's catalogue first; a worker that did not have it yet
# must still list only that project's orders.
my ($applicant_id) = split /\n/, sql("SELECT id FROM accounts WHERE username = '$applicant_name'");
my ($in_zqyl) = insert_orders($applicant_id, { project => 'ZQYL', days => 1 });
my %listed;
$listed{ join(',', order_nos(get($applicant, "/orders?project=$pc"))) || 'none' }++ for 1 .. 12;
is(join(',', keys %listed), 'none', "the list filtered by it shows none of the other project's orders, on every worker");
is(join(',', order_nos(get($applicant, '/orders'))), $in_zqyl, 'unfiltered, the order is there');
is(offered("/orders/new?project=$pc", qr/test project $pc/), '200 shown', 'a new project is offered at once by every worker');
sql("UPDATE projects SET name = 'renamed project $pc' WHERE code = '$pc'");
is(offered("/orders/new?project=$pc", qr/renamed project $pc/), '200 shown', "and an administrator's own SQL shows at once too");
sql("UPDATE projects SET name = 'test project $pc' WHERE code = '$pc'");
$r = admin_get($admin, '/admin/projects');
is($r->code, 200, 'an administrator sees the projects');
$page = $r->decoded_content;
like($page, qr{<tr data-project="$pc" data-active="1">}, 'each project, active');
like($page, qr{data-project="$pc".*?data-price="30000">org cert <span class="money">¥300\.00</span>}s, 'with its certificate prices in yuan');
like($page, qr{data-project="$pc".*?data-price="6500">std key <span class="money">¥65\.00</span>}s, 'and key prices');
like($page, qr{href="/admin/projects" aria-current="page"}, 'the menu offers it');
is(admin_get($_, '/admin/projects')->code, 403, 'other roles get 403 on /admin/projects') for $finance, $reviewer, $operator;
my $pcsrf = csrf_from($r);
sub project_active { my ($c) = @_; return one("SELECT active FROM projects WHERE code = '$c'") }
is(admin_post($admin, "/admin/projects/$pc/active", [active => 0])->code, 403, 'retiring without CSRF: 403');
is(admin_post($reviewer, "/admin/projects/$pc/active", [active => 0], csrf => csrf_from(admin_get($reviewer, '/admin')))->code,
	403, 'a reviewer cannot retire a project');
for my $bad (['', 'empty'], ['2', 'not 0 or 1'], ['1' x 100, 'too long']) {
	$r = admin_post($admin, "/admin/projects/$pc/active", [active => $bad->[0]], csrf => $pcsrf);
	is($r->code, 422, "active $bad->[1]: 422");
	like($r->decoded_content, qr/data-error-for="active"/, 'with a message');
}
is(project_active($pc), '1', 'nothing changed');
is(admin_post($admin, "/admin/projects/NOPE/active", [active => 0], csrf => $pcsrf)->code, 404, 'no such project: 404');
$r = admin_post($admin, "/admin/projects/$pc/active", [active => 0], csrf => $pcsrf);
is($r->code, 303, 'an administrator retires a project');
is(project_active($pc), '0', 'it is retired');
is(audit_count("action = 'project_retire' AND subject = '$pc' AND actor_kind = 'staff'"), 1, 'audited');
like(admin_get($admin, '/admin/projects?done=retired')->decoded_content, qr{<tr data-project="$pc" data-active="0">},
	'listed as retired');
unlike(get(ua(), "/projects?q=$pc")->decoded_content, qr/test project $pc/, 'applicants no longer see it');
is(offered("/orders/new?project=$pc", qr/test project $pc/), '404', 'no worker offers it for a new order');
$r = admin_post($admin, "/admin/projects/$pc/active", [active => 1], csrf => $pcsrf);
is($r->code, 303, 'and offers it again');
is(project_active($pc), '1', 'active again');
is(offered("/orders/new?project=$pc", qr/test project $pc/), '200 shown', 'every worker offers it again');
is(audit_count("action = 'project_activate' AND subject = '$pc'"), 1, 'audited');
sql("DELETE FROM projects WHERE code = '$pc'");	# other test files count the projects on offer
like(offered('/orders', qr/test project $pc/), qr/^200$/, "gone from 我的订单's project filter on every worker");

done_testing();
