# Tests for review (SPEC §5): automated review on submit, the staff console's queue, order page and manual review
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(decode_utf8);
use lib 't/lib';
use Certdesk::Test qw(stack ua get post post_multipart csrf_from sql sql_rows admin_url wait_until register_applicant
	staff_login uscc_check registry_enterprise);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $s = stack();
my $tag = $$ % 100000;
my $png = do { open(my $h, '<:raw', "$s->{src}/t/fixtures/python.png") or die; local $/; <$h> };
my ($ua, $phone) = register_applicant();

my %step2 = (
	org_id_type => 'uscc', legal_id_type => 'id_card', legal_id_no => '11010519491231002X',
	agent_name => '李四', agent_id_type => 'id_card', agent_id_no => '350102198506121235',
	agent_phone => $phone, agent_email => 'lisi@example.com', agent_address => '福建省福州市鼓楼区测试路1号',
	agent_dept => '财务部', same_person => 1,
);
my %step3 = (
	invoice_tax_no => '91350100M000100Y43', invoice_address => '福建省福州市鼓楼区测试路1号',
	invoice_bank => '中国工商银行福州分行', invoice_account => '6222020200112233445', invoice_phone => '0591-87654321',
	ship_name => '李四', ship_address => '福建省福州市鼓楼区测试路1号', ship_phone => '13700137000',
);

sub step2 {
	my ($no, $org, %files) = @_;
	my $csrf = csrf_from(get($ua, "/orders/$no/edit?step=2"));
	my %f = (%step2, org_name => $org->{name}, org_id_no => $org->{code}, legal_name => $org->{legal},
		$org->{type} ? (org_id_type => $org->{type}) : ());
	my $r = post_multipart($ua, "/orders/$no/edit?step=2", [[csrf => $csrf], (map { [$_ => $f{$_}] } sort keys %f),
		[action => 'next'], map { [$_ => { filename => "$_.png", type => 'image/png', content => $png }] } sort keys %files]);
	die "step 2 of $no: " . $r->code unless $r->code == 303;
}
sub submit {
	my ($no, $org) = @_;
	my $csrf = csrf_from(get($ua, "/orders/$no/edit?step=3"));
	return post($ua, "/orders/$no/edit?step=3", [%step3, invoice_title => $org->{name}, action => 'submit'], csrf => $csrf);
}
# A ZQYL order for $org ({name, code, legal}) through the wizard, submitted. Returns its number.
sub order_for {
	my ($org) = @_;
	my $csrf = csrf_from(get($ua, '/orders/new?project=ZQYL'));
	my $r = post($ua, '/orders', [project => 'ZQYL', cert_type => 'enterprise', years => 1, key_type => 'zqyl_gen1',
		action => 'next'], csrf => $csrf);
	my ($no) = ($r->header('Location') // '') =~ m{/orders/([A-Z]+\d{20})/} or die 'step 1: ' . $r->code;
	step2($no, $org, license => 1, authorization => 1);
	$r = submit($no, $org);
	die "submit of $no: " . $r->code unless $r->code == 303;
	return $no;
}
sub state { my ($no) = @_; my $st = sql("SELECT state FROM orders WHERE order_no = '$no'"); chomp $st; return $st }
sub events {
	my ($no) = @_;
	return join ',', map { "$_->[0]:$_->[1]" } sql_rows("SELECT e.event, e.actor_kind FROM order_events e"
		. " JOIN orders o ON o.id = e.order_id WHERE o.order_no = '$no' ORDER BY e.id");
}
sub reasons {
	my ($no) = @_;
	return join ',', map { $_->[0] } sql_rows("SELECT x.code FROM review_reasons x JOIN review_runs r ON r.id = x.run_id"
		. " JOIN orders o ON o.id = r.order_id WHERE o.order_no = '$no' AND r.id = (SELECT MAX(id) FROM review_runs"
		. " WHERE order_id = o.id) ORDER BY x.position");
}
sub audits {
	my ($action, $no, $result) = @_;
	return sql("SELECT COUNT(*) FROM audit_log WHERE actor_kind = 'staff' AND action = '$action' AND subject = '$no'"
		. ($result ? " AND result = '$result'" : '')) + 0;
}
sub sms_to {
	my ($pattern) = @_;
	return wait_until(10, sub { (get($ua, "/sandbox/sms?phone=$phone")->decoded_content // '') =~ $pattern });
}
sub admin_get { my ($u, $path) = @_; return $u->get(admin_url($path)) }
sub review {
	my ($u, $no, @fields) = @_;
	my $csrf = csrf_from(admin_get($u, "/admin/orders/$no"));
	return post($u, admin_url("/admin/orders/$no/review"), \@fields, csrf => $csrf);
}
sub missing_org { return { name => "福州未登记${tag}有限公司", code => uscc_check(sprintf('91350102MA2Y%05d', $tag)), legal => '张三' } }

# --- The registry's shipped data ---
my @shipped = sql_rows("SELECT credit_code, note FROM registry_sandbox WHERE note IN ('published', 'fictional')");
ok(@shipped >= 12, 'the sandbox registry is loaded from schema/demo');
is(scalar(grep { uscc_check(substr($_->[0], 0, 17)) ne $_->[0] } @shipped), 0, 'every shipped credit code has its check character');
ok((grep { $_->[1] eq 'published' } @shipped) >= 4, 'with real published organisations');
is(decode_utf8(sql("SELECT CONCAT(name, '/', legal_name) FROM registry_sandbox WHERE credit_code = '91440300708461136T'")),
	"深圳市腾讯计算机系统有限公司/马化腾\n", 'for example Tencent, with its legal representative');

# --- Automated review passes: straight to 打款验证 ---
my $good = registry_enterprise();
my $pass = order_for($good);
is(state($pass), 'deposit', 'an order that passes every rule goes to deposit');
is(events($pass), 'created:applicant,review_passed:system', 'by the system, as review_passed');
is(sql("SELECT passed FROM review_runs r JOIN orders o ON o.id = r.order_id WHERE o.order_no = '$pass'"), "1\n",
	'the run is recorded as passed');
like(get($ua, "/orders/$pass")->decoded_content, qr/data-order-state="deposit"/, 'the applicant sees 待打款验证');

# Full-width and spaced input still matches the registry.
my $wide = registry_enterprise();
my $wide_no = order_for({ %$wide, code => join(' ', unpack('(A6)*', $wide->{code})), name => " $wide->{name} " });
is(state($wide_no), 'deposit', 'a pasted credit code with blanks still passes');

# --- Every rule that fails sends the order to 人工审核 with all its reasons ---
my $miss = order_for(missing_org());
is(state($miss), 'manual_review', 'an organisation missing from the registry goes to manual review');
is(reasons($miss), 'registry_not_found', 'with the reason recorded');
like(decode_utf8(sql("SELECT reason FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.order_no = '$miss'"
	. " AND e.to_state = 'manual_review'")), qr/自动审核未通过：企业登记信息中没有/, 'and in the event');

my $two = registry_enterprise();
my $both = order_for({ %$two, name => "福州另一家${tag}公司", legal => '王五' });
is(state($both), 'manual_review', 'a wrong name and legal representative go to manual review');
is(reasons($both), 'registry_name,registry_legal', 'both reasons are recorded');

my $revoked = registry_enterprise(status => 'revoked');
is(reasons(order_for($revoked)), 'registry_status', 'a revoked enterprise is not in business');

my $dup = order_for($good);
is(state($dup), 'manual_review', 'a second open order of the organisation in the project goes to manual review');
is(reasons($dup), 'open_order', 'because of the open order');
like(decode_utf8(sql("SELECT detail FROM review_reasons x JOIN review_runs r ON r.id = x.run_id JOIN orders o"
	. " ON o.id = r.order_id WHERE o.order_no = '$dup'")), qr/^\Q$pass\E$/, 'naming it');

my $other = order_for({ %{ registry_enterprise() }, type => 'other', code => "ORG-$tag" });
is(reasons($other), 'org_id_other', 'another kind of organisation ID cannot be checked automatically');

# Only the outcome decides: nothing else about the order changed.
is(sql("SELECT COUNT(*) FROM review_runs r JOIN orders o ON o.id = r.order_id WHERE o.order_no = '$miss'") + 0, 1,
	'one run per submit');

# --- The staff console: access ---
my $reviewer = staff_login("rev$tag", 'reviewer');
my $operator = staff_login("op$tag", 'operator');
my $finance = staff_login("fin$tag", 'finance');
my $admin = staff_login("adm$tag", 'admin');
is(get($ua, "/admin/orders/$miss")->code, 404, 'the order page is 404 on the applicant listener');
my $r = admin_get($ua, "/admin/orders/$miss");
is($r->code, 303, 'an applicant session gets the staff login on the admin listener');
$r = admin_get(ua(), '/admin/orders?state=manual_review');
like($r->header('Location') // '', qr{^/admin/login\?next=/admin/orders}, 'and so does nobody');

# --- Queue and search ---
sql("UPDATE orders SET updated_at = updated_at - INTERVAL 3 DAY WHERE order_no = '$both'");
$r = admin_get($reviewer, '/admin/orders?state=manual_review');
is($r->code, 200, 'the manual review queue renders');
my @queue = $r->decoded_content =~ /<tr data-order-no="([A-Z]+\d+)"/g;
ok((grep { $_ eq $miss } @queue), 'it lists an order waiting for review');
ok(!(grep { $_ eq $pass } @queue), 'and no order in another state');
is($queue[0], $both, 'the longest waiting first');
like($r->decoded_content, qr/aria-current="page"[^>]*>人工审核|href="\/admin\/orders\?state=manual_review" aria-current/,
	'the menu marks the queue');
for my $q ($miss, $good->{code}, lc $good->{code}, substr($good->{name}, 0, 6), $phone, "+86 $phone") {
	$r = admin_get($reviewer, '/admin/orders?q=' . join('', map { sprintf('%%%02X', ord) } split //, do { my $b = $q; utf8::encode($b); $b }));
	is($r->code, 200, "search for $q");
	ok(scalar(() = $r->decoded_content =~ /data-order-no="[A-Z]+\d+"/g) > 0, "finds orders for $q");
}
$r = admin_get($reviewer, "/admin/orders?q=$good->{code}");
like($r->decoded_content, qr/data-order-no="$pass"/, 'a credit code finds its orders');
$r = admin_get($reviewer, "/admin/orders?q=NOTHING$tag");
like($r->decoded_content, qr/empty-state/, 'a search without matches says so');
for my $bad (['state=paid', 'state'], ['q=' . ('x' x 65), 'q'], ['page=abc', 'page'], ['page=0', 'page'],
	['state=draft%27%20OR%201%3D1', 'state']) {
	$r = admin_get($reviewer, "/admin/orders?$bad->[0]");
	is($r->code, 422, "bad input $bad->[0] is 422");
	like($r->decoded_content, qr/data-error-for="$bad->[1]"/, "with a message at $bad->[1]");
}
sql("INSERT INTO orders (order_no, applicant_id, project_id, cert_type, years, key_type, quantity, unit_fen, total_fen,"
	. " state, created_at, updated_at) SELECT CONCAT('ZQYL', LPAD(seq, 20, '0')), applicant_id, project_id, cert_type, years,"
	. " key_type, quantity, unit_fen, total_fen, 'closed', created_at, updated_at FROM orders, seq_1_to_25"
	. " WHERE order_no = '$miss'");
$r = admin_get($reviewer, '/admin/orders?state=closed');
is(scalar(() = $r->decoded_content =~ /<tr data-order-no=/g), 20, 'twenty a page');
like($r->decoded_content, qr/href="\/admin\/orders\?state=closed&amp;page=2"/, 'with a link to the next page');
$r = admin_get($reviewer, '/admin/orders?state=closed&page=2');
ok(scalar(() = $r->decoded_content =~ /<tr data-order-no=/g) >= 5, 'which has the rest');

# --- The order page: everything in full, audited ---
my $views = audits('view_pii', $miss);
$r = admin_get($operator, "/admin/orders/$miss");
is($r->code, 200, 'every role sees the order page');
my $page = $r->decoded_content;
like($page, qr/data-order-state="manual_review"/, 'with its state');
like($page, qr/11010519491231002X/, 'the legal representative\'s ID number in full');
like($page, qr/350102198506121235/, 'the agent\'s ID number in full');
like($page, qr/6222020200112233445/, 'the bank account in full');
like($page, qr/data-reason="registry_not_found"/, 'the automated review\'s reason');
like($page, qr/data-event="review_passed"|data-event="submitted"/, 'the timeline');
like($page, qr{/admin/orders/$miss/files/license}, 'the images');
unlike($page, qr{action="/admin/orders/$miss/review"}, 'but no review form for an operator');
is(audits('view_pii', $miss), $views + 1, 'the view is audited');
like(admin_get($reviewer, "/admin/orders/$miss")->decoded_content, qr{action="/admin/orders/$miss/review"},
	'a reviewer gets the review form');
like(admin_get($admin, "/admin/orders/$miss")->decoded_content, qr{action="/admin/orders/$miss/review"},
	'and an administrator');
unlike(admin_get($reviewer, "/admin/orders/$pass")->decoded_content, qr{/review"}, 'not on an order outside review');
is(admin_get($reviewer, '/admin/orders/ZQYL00000000000000000000')->code, 404, 'an unknown order is 404');
is(admin_get($reviewer, '/admin/orders/../../etc')->code, 404, 'a path is not an order number');

$r = admin_get($reviewer, "/admin/orders/$miss/files/license");
is($r->code, 200, 'staff get the images');
is($r->content, $png, 'byte for byte');
is($r->header('Content-Type'), 'image/png', 'with the sniffed type');
is($r->header('X-Content-Type-Options'), 'nosniff', 'nosniff');
is($r->header('Content-Security-Policy'), 'sandbox', 'csp sandbox');
is($r->header('Cache-Control'), 'private, no-store', 'not stored');
is(audits('view_file', $miss), 1, 'and the image view is audited');
is(admin_get($reviewer, "/admin/orders/$miss/files/seal")->code, 404, 'a kind never uploaded is 404');
is(admin_get($reviewer, "/admin/orders/$miss/files/passport")->code, 404, 'an unknown kind is 404');
is(get($ua, "/admin/orders/$miss/files/license")->code, 404, 'the staff image route is 404 on the applicant listener');

# --- Review: who may, and bad input ---
my $version = sql("SELECT version FROM orders WHERE order_no = '$miss'");
is(post($reviewer, admin_url("/admin/orders/$miss/review"), [decision => 'approve'])->code, 403, 'no csrf is 403');
my $op_csrf = csrf_from(admin_get($operator, "/admin/orders/$miss"));
is(post($operator, admin_url("/admin/orders/$miss/review"), [decision => 'approve'], csrf => $op_csrf)->code, 403,
	'an operator cannot review');
is(review($finance, $miss, decision => 'approve')->code, 403, 'nor can finance');
my $app_csrf = csrf_from(get($ua, '/orders/new?project=ZQYL'));
is(post($ua, admin_url("/admin/orders/$miss/review"), [decision => 'approve'], csrf => $app_csrf)->code, 303,
	'an applicant session is sent to the staff login');
is(post($reviewer, admin_url("/admin/orders/$miss/review"), [decision => 'approve'],
	csrf => csrf_from(admin_get($operator, "/admin/orders/$miss")))->code, 403, "another member's csrf token is 403");
for my $bad (
	[[], 'decision', 'no decision'],
	[[decision => 'maybe'], 'decision', 'an unknown decision'],
	[[decision => 'reject'], 'reason', 'a rejection without a reason'],
	[[decision => 'reject', reason => '   '], 'reason', 'a rejection with only blanks'],
	[[decision => 'reject', reason_code => 'nonsense'], 'reason_code', 'a reason not on the list'],
	[[decision => 'reject', reason_code => 'presets.license_unclear'], 'reason_code', 'a path as the reason'],
	[[decision => 'reject', reason => '长' x 201], 'reason', 'a reason over 200 characters'],
	[[decision => 'reject', reason => "bad\x01char"], 'reason', 'a control character'],
	[[decision => 'reject', reason => "\xff\xfe"], 'reason', 'bytes that are not UTF-8'],
) {
	my ($fields, $field, $what) = @$bad;
	$r = review($reviewer, $miss, @$fields);
	is($r->code, 422, "refused: $what");
	like($r->decoded_content, qr/data-error-for="$field"/, "with a message at $field: $what");
}
is(state($miss), 'manual_review', 'refused reviews changed nothing');
is(sql("SELECT version FROM orders WHERE order_no = '$miss'"), $version, 'not even the version');
is(audits('review', $miss, 'invalid'), 9, 'each refused review is audited');

# --- Reject with a reason → the applicant sees it, edits and resubmits → approve → 打款验证 ---
$r = review($reviewer, $miss, decision => 'reject', reason_code => 'license_unclear', reason => '请上传清晰的营业执照');
is($r->code, 303, 'a reviewer rejects with a reason');
is($r->header('Location'), "/admin/orders/$miss?reviewed=rejected", 'and comes back to the order');
like(admin_get($reviewer, $r->header('Location'))->decoded_content, qr/已驳回/, 'which says what happened');
is(state($miss), 'rejected', 'the order is rejected');
my ($ev) = sql_rows("SELECT e.actor_kind, e.reason, s.username FROM order_events e JOIN orders o ON o.id = e.order_id"
	. " JOIN staff s ON s.id = e.actor_id WHERE o.order_no = '$miss' AND e.to_state = 'rejected'");
is($ev->[0], 'staff', 'by staff');
is($ev->[2], "rev$tag", 'by that reviewer');
is(decode_utf8($ev->[1]), '机构证件图片不清晰或未加盖公章：请上传清晰的营业执照', 'with the chosen and the typed reason');
is(audits('review_reject', $miss, 'success'), 1, 'the rejection is audited');
ok(sms_to(qr/\Q$miss\E审核未通过，原因：机构证件图片不清晰或未加盖公章：请上传清晰的营业执照/), 'the agent gets an SMS with the reason');
$r = review($reviewer, $miss, decision => 'approve');
is($r->code, 409, 'a rejected order cannot be reviewed again');
like($r->decoded_content, qr/不在人工审核中/, 'saying why');
is(state($miss), 'rejected', 'and nothing changed');
is(audits('review_approve', $miss, 'refused'), 1, 'the refused attempt is audited');

$page = get($ua, "/orders/$miss/edit?step=2")->decoded_content;
like($page, qr/请上传清晰的营业执照/, 'the applicant sees the reason while editing');
step2($miss, missing_org(), license => 1);
$r = submit($miss, missing_org());
is($r->code, 303, 'and resubmits');
is(state($miss), 'manual_review', 'automated review runs again (still not in the registry)');
like(events($miss), qr/rejected:staff,resubmitted:system$/, 'the timeline has the resubmission');
$r = review($reviewer, $miss, decision => 'approve');
is($r->code, 303, 'the reviewer approves');
is(state($miss), 'deposit', 'the order goes to deposit');
is(audits('review_approve', $miss, 'success'), 1, 'the approval is audited');
ok(sms_to(qr/\Q$miss\E已通过人工审核，请登录平台完成企业打款验证/), 'the agent gets an SMS');
is(review($reviewer, $miss, decision => 'approve')->code, 409, 'approving twice is refused');

# A rejected order corrected into the registry passes automated review on resubmission.
is(review($admin, $both, decision => 'reject', reason => '名称与营业执照不一致')->code, 303, 'an administrator may reject');
step2($both, $two);
is(submit($both, $two)->code, 303, 'the corrected order is resubmitted');
is(state($both), 'deposit', 'and passes automated review this time');

# --- Approve after the deposit failed goes to payment ---
my $dep_org = registry_enterprise();
my $dep = order_for($dep_org);
sql("UPDATE orders SET state = 'manual_review', version = version + 1 WHERE order_no = '$dep'");
sql("INSERT INTO order_events (order_id, created_at, actor_kind, from_state, to_state, event, reason)"
	. " SELECT id, UTC_TIMESTAMP(3), 'applicant', 'deposit', 'manual_review', 'deposit_failed', '打款验证未通过'"
	. " FROM orders WHERE order_no = '$dep'");
is(review($reviewer, $dep, decision => 'approve')->code, 303, 'an order whose deposit failed is approved');
is(state($dep), 'payment', 'and goes to payment');
ok(sms_to(qr/\Q$dep\E已通过人工审核，请登录平台完成支付/), 'the agent is told to pay');

# --- Two reviewers at once: one decision ---
my $race = order_for(missing_org());
my $race_csrf = csrf_from(admin_get($reviewer, "/admin/orders/$race"));
my @pids;
for my $i (1 .. 6) {
	my $pid = fork // die "fork: $!";
	if (!$pid) {
		my $res = post($reviewer, admin_url("/admin/orders/$race/review"),
			[decision => $i % 2 ? 'approve' : 'reject', reason => '并发'], csrf => $race_csrf);
		exit($res->code == 303 ? 0 : $res->code == 409 ? 1 : 2);
	}
	push @pids, $pid;
}
my %exit;
for (@pids) { waitpid($_, 0); $exit{$? >> 8}++ }
is($exit{0}, 1, 'of six parallel decisions exactly one is applied');
is($exit{1}, 5, 'the others are refused as not reviewable');
is(sql("SELECT COUNT(*) FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.order_no = '$race'"
	. " AND e.from_state = 'manual_review'") + 0, 1, 'one event row');

# --- A reviewer cannot confirm a transfer (finance's action) ---
SKIP: {
	my $probe = post(ua(), admin_url("/admin/orders/$dep/transfer"), []);
	skip 'no transfer route yet', 2 if $probe->code == 404;
	my $state = state($dep);
	my $csrf = csrf_from(admin_get($reviewer, "/admin/orders/$dep"));
	is(post($reviewer, admin_url("/admin/orders/$dep/transfer"), [], csrf => $csrf)->code, 403,
		'a reviewer cannot confirm a transfer');
	is(state($dep), $state, 'and nothing changed');
}

# --- The dashboard counts ---
$r = admin_get($reviewer, '/admin');
my ($count) = $r->decoded_content =~ /<td class="text-right" data-count="manual_review">(\d+)</;
is($count, sql("SELECT COUNT(*) FROM orders WHERE state = 'manual_review'") + 0, 'the dashboard counts orders in review');
like($r->decoded_content, qr{href="/admin/orders\?state=manual_review"}, 'and links to the queue');

done_testing;
