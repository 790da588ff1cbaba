# Tests for the order page (SPEC §9): masked fields, images, timeline and what comes next, cancel, address change, privacy
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/helpers";
use Encode qw(decode_utf8);
use Test::More;
use Certdesk::Test qw(stack get post csrf_from sql);
use Certdesk::Accounts qw(client register errors login_password);
use Certdesk::Orders qw(wizard_order insert_orders order_state event_count %STEP2 %STEP3);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

stack();
my $ua = client('127.0.51.1');
my $acc_a = register($ua);
my $ub = client('127.0.51.2');
my $acc_b = register($ub);
sub version { my ($no) = @_; return sql("SELECT version FROM orders WHERE order_no = '$no'") + 0 }
sub set_state {
	my ($no, $state, %o) = @_;
	my $tracking = defined $o{tracking_no} ? "'$o{tracking_no}'" : 'NULL';
	sql("UPDATE orders SET state = '$state', tracking_no = $tracking, version = version + 1 WHERE order_no = '$no';"
		. " UPDATE accounts SET orders_version = orders_version + 1"
		. " WHERE id = (SELECT applicant_id FROM orders WHERE order_no = '$no')");
}
sub add_event {
	my ($no, $from, $to, $event, $reason, $actor) = @_;
	sql("INSERT INTO order_events (order_id, created_at, actor_kind, from_state, to_state, event, reason)"
		. " SELECT id, UTC_TIMESTAMP(3), '" . ($actor // 'staff') . "', '$from', '$to', '$event', "
		. (defined $reason ? "'$reason'" : 'NULL') . " FROM orders WHERE order_no = '$no'");
}

# --- A submitted order, as the applicant sees it ---
my $no = wizard_order($ua);
my $r = get($ua, "/orders/$no");
is($r->code, 200, 'the order page answers');
my $c = $r->decoded_content;
is(scalar(() = $c =~ /data-order-state="/g), 1, 'data-order-state on one element');
like($c, qr/data-order-no="$no" data-order-state="manual_review"/, 'with the number and the state code');
like($c, qr/<a href="\/orders" aria-current="page">我的订单<\/a>/, 'under 我的订单 in the header');

# Masking (SPEC §9): 110101********1234, 138****1234, ****1234; the full numbers appear nowhere.
like($c, qr/110105\*{8}002X/, 'legal ID masked 6 + 4');
like($c, qr/350102\*{8}1235/, 'agent ID masked 6 + 4');
like($c, qr/138\*{4}8000/, 'agent phone masked 3 + 4');
like($c, qr/137\*{4}7000/, 'shipping phone masked 3 + 4');
like($c, qr/139\*{4}9000/, 'invoice phone masked 3 + 4');
like($c, qr/\*{4}3445/, 'bank account masked to its last four');
for my $secret ($STEP2{legal_id_no}, $STEP2{agent_id_no}, $STEP2{agent_phone}, $STEP3{invoice_account},
	$STEP3{invoice_phone}, $STEP3{ship_phone}) {
	unlike($c, qr/\Q$secret\E/, "no full $secret in the page");
}
like($c, qr{<dt>项目名称</dt><dd>中企云链证书申请项目</dd>}, 'the project by its name');
like($c, qr{<dt>证书类型</dt><dd>企业普通证书</dd>}, 'the certificate type by its name');
like($c, qr{<dt>Key类型</dt><dd>中企云链标准一代KEY</dd>}, 'the key type by its name');
like($c, qr/\Q$STEP2{org_id_no}\E/, 'the credit code is public and shown');
like($c, qr/福建测试科技有限公司/, 'the organisation is shown');
like($c, qr/福建省福州市鼓楼区测试路1号/, 'the addresses are shown');

# Images: thumbnails that open the full image.
like($c, qr{<a href="/orders/$no/files/license" target="_blank"[^>]*><img src="/orders/$no/files/license"[^>]*class="thumb"},
	'the licence as a thumbnail linking to the full image');
like($c, qr{<img src="/orders/$no/files/authorization"}, 'the authorisation letter too');
$r = get($ua, "/orders/$no/files/license");
is($r->code, 200, 'the full image is served');
is($r->header('Content-Type'), 'image/png', 'as the image it is');

# Timeline and what comes next.
like($c, qr/data-event="created".*data-event="submitted"/s, 'the timeline lists the events, oldest first');
like($c, qr/<time class="timeline-time">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d<\/time>/, 'each with its time');
like($c, qr/等待CA审核员人工审核/, 'says who the order waits for');
like($c, qr/审核通过后，您需要进行企业打款验证/, 'and what happens next');
unlike($c, qr/data-action="cancel"/, 'manual review: no cancel');
like($c, qr/data-action="address"/, 'manual review: the address can change');
unlike($c, qr/id="certificates"|id="invoice"/, 'no certificate or invoice section before they exist');
like($c, qr/发货后显示/, 'the tracking number is announced for later');

# A rejection shows its reason, and the actions of 审核未通过.
set_state($no, 'rejected');
add_event($no, 'manual_review', 'rejected', 'rejected', '营业执照照片不清晰，请重新上传');
$c = get($ua, "/orders/$no")->decoded_content;
like($c, qr/data-order-state="rejected"/, 'now rejected');
like($c, qr/class="alert alert-error status-reason".*营业执照照片不清晰/s, 'the reason stands out');
like($c, qr/class="timeline-reason">原因：营业执照照片不清晰/, 'and is in the timeline');
like($c, qr/等待您修改后重新提交/, 'the order waits for the applicant');
is(join(',', sort($c =~ /class="actions status-actions".*?<\/div>/s ? ($& =~ /data-action="(\w+)"/g) : ())),
	'address,cancel,edit', 'rejected: edit, cancel and address');

# Payment shows a deadline.
set_state($no, 'payment');
add_event($no, 'deposit', 'payment', 'deposit_verified', undef, 'applicant');
$c = get($ua, "/orders/$no")->decoded_content;
like($c, qr/请在 <strong>\d{4}-\d\d-\d\d \d\d:\d\d<\/strong> 前完成支付/, 'payment: the date it closes unpaid');
like($c, qr/data-action="pay"/, 'payment: pay');

# --- Cancel ---
$r = get($ua, "/orders/$no/cancel");
is($r->code, 200, 'cancel asks first');
$c = $r->decoded_content;
like($c, qr{<form[^>]*method="post" action="/orders/$no/cancel"}, 'with a form that works without JavaScript');
like($c, qr/确定要取消这个订单吗/, 'and a question');
my $csrf = csrf_from($r);
my $v = version($no);
my $events = event_count($no);
is(post($ua, "/orders/$no/cancel", [version => $v])->code, 403, 'cancel without the CSRF field: 403');
is(post($ua, "/orders/$no/cancel", [version => $v], csrf => 'f' x 64)->code, 403, 'with a wrong one: 403');
is(order_state($no), 'payment', 'and nothing changed');
is(post($ub, "/orders/$no/cancel", [version => $v], csrf => csrf_from(get($ub, '/orders')))->code, 404,
	"another applicant's cancel: 404");
is(post($ua, "/orders/$no/cancel", [version => $v - 1], csrf => $csrf)->code, 409, 'an outdated form: 409');
is(order_state($no), 'payment', 'still payment');
$r = post($ua, "/orders/$no/cancel", [version => $v], csrf => $csrf);
is($r->code, 303, 'cancel: 303');
is($r->header('Location'), "/orders/$no?done=cancelled", 'back to the order');
is(order_state($no), 'cancelled', 'the order is cancelled');
is(event_count($no, 'cancelled'), 1, 'one cancelled event');
$c = get($ua, "/orders/$no?done=cancelled")->decoded_content;
like($c, qr/订单已取消。/, 'the order page says so');
like($c, qr/data-order-state="cancelled"/, 'and shows the new state');
like($c, qr/data-event="cancelled"/, 'in the timeline too');
unlike($c, qr/data-action=/, 'cancelled: no action left');
$r = post($ua, "/orders/$no/cancel", [version => $v], csrf => $csrf);
is($r->code, 409, 'the same POST again: 409');
$r = post($ua, "/orders/$no/cancel", [], csrf => $csrf);
is($r->code, 409, 'without a version too');
like($r->decoded_content, qr/当前状态的订单不能取消/, 'saying why');
is(event_count($no, 'cancelled'), 1, 'still one cancelled event');
is(event_count($no), $events + 1, 'and nothing else recorded');

# Forbidden states: refused, nothing changed.
my @forbidden = qw(manual_review deposit production shipped completed closed);
my @f = insert_orders($acc_a->{id}, map { +{ state => $_, ($_ eq 'shipped' || $_ eq 'completed' ? (tracking_no => 'SF0000000001') : ()) } } @forbidden);
for my $k (0 .. $#forbidden) {
	my ($n, $st) = ($f[$k], $forbidden[$k]);
	is(get($ua, "/orders/$n/cancel")->code, 409, "$st: the cancel page refuses");
	is(post($ua, "/orders/$n/cancel", [], csrf => $csrf)->code, 409, "$st: cancel refused");
	is(order_state($n), $st, "$st: unchanged");
	is(event_count($n), 1, "$st: nothing recorded");
}
for my $st (qw(draft rejected payment)) {
	my ($n) = insert_orders($acc_a->{id}, { state => $st });
	is(post($ua, "/orders/$n/cancel", [], csrf => $csrf)->code, 303, "$st: can be cancelled");
	is(order_state($n), 'cancelled', "$st: cancelled");
}

# --- Address change ---
my ($ship) = insert_orders($acc_a->{id}, { state => 'production' });
$r = get($ua, "/orders/$ship/address");
is($r->code, 200, 'the address form answers in production');
$c = $r->decoded_content;
like($c, qr/name="ship_name" value="王五"/, 'with the current name');
like($c, qr/name="ship_phone" value="13600136000"/, 'phone');
like($c, qr/name="ship_address" value="北京市海淀区测试路2号"/, 'and address');
$csrf = csrf_from($r);
$v = version($ship);
my %good = (ship_name => '  赵六 ', ship_address => '上海市浦东新区世纪大道100号', ship_phone => '１３９ ００１３ ９００１');
is(post($ua, "/orders/$ship/address", [%good, version => $v])->code, 403, 'address without the CSRF field: 403');
is(post($ub, "/orders/$ship/address", [%good], csrf => csrf_from(get($ub, '/orders')))->code, 404,
	"another applicant's address change: 404");
$r = post($ua, "/orders/$ship/address", [ship_name => '', ship_address => '短', ship_phone => '12345', version => $v],
	csrf => $csrf);
is($r->code, 422, 'bad values: 422');
is_deeply([sort keys %{ errors($r) }], [qw(ship_address ship_name ship_phone)], 'a message at each wrong field');
like($r->decoded_content, qr/name="ship_address" value="短"/, 'what was typed is kept');
is(decode_utf8(sql("SELECT ship_name FROM orders WHERE order_no = '$ship'")), "王五\n", 'nothing stored');
$r = post($ua, "/orders/$ship/address", [%good, version => $v], csrf => $csrf);
is($r->code, 303, 'a good address: 303');
is($r->header('Location'), "/orders/$ship?done=address", 'back to the order');
is(decode_utf8(sql("SELECT CONCAT_WS('|', ship_name, ship_address, ship_phone, state) FROM orders WHERE order_no = '$ship'")),
	"赵六|上海市浦东新区世纪大道100号|13900139001|production\n", 'stored normalised as on step ③, state unchanged');
is(event_count($ship, 'address_changed'), 1, 'recorded once in the timeline');
$c = get($ua, "/orders/$ship?done=address")->decoded_content;
like($c, qr/收件地址已修改/, 'the order page says so');
like($c, qr/data-event="address_changed".*修改了收件地址/s, 'and the timeline shows it');
unlike($c, qr/13900139001/, 'the new phone masked too');
is(post($ua, "/orders/$ship/address", [%good, version => $v], csrf => $csrf)->code, 409, 'the same POST again: 409');
is(event_count($ship, 'address_changed'), 1, 'still one change recorded');
$r = post($ua, "/orders/$ship/address", [%good], csrf => $csrf);
is($r->header('Location') // '', "/orders/$ship?done=unchanged", 'the same address again: nothing to do');
is(event_count($ship, 'address_changed'), 1, 'and nothing recorded');

# Every state until a tracking number exists; then refused with a clear message.
for my $st (qw(draft manual_review rejected deposit payment)) {
	my ($n) = insert_orders($acc_a->{id}, { state => $st });
	is(post($ua, "/orders/$n/address", [%good], csrf => $csrf)->code, 303, "$st: the address can change");
}
set_state($ship, 'production', tracking_no => 'SF1000000001');
$r = get($ua, "/orders/$ship/address");
is($r->code, 409, 'a tracking number exists: the form is refused');
like($r->decoded_content, qr/订单已发货或已结束，收件地址不能再修改/, 'with a clear message');
unlike($r->decoded_content, qr/name="ship_name"/, 'and no form');
for my $st (qw(shipped completed cancelled closed)) {
	set_state($ship, $st, tracking_no => $st eq 'shipped' || $st eq 'completed' ? 'SF1000000001' : undef);
	$r = post($ua, "/orders/$ship/address", [ship_name => '钱七', ship_address => '上海市黄浦区南京路1号',
		ship_phone => '13900139002'], csrf => $csrf);
	is($r->code, 409, "$st: the change is refused");
}
is(decode_utf8(sql("SELECT ship_name FROM orders WHERE order_no = '$ship'")), "赵六\n", 'nothing changed');
is(event_count($ship, 'address_changed'), 1, 'nothing recorded');
$c = get($ua, "/orders/$ship")->decoded_content;
unlike($c, qr/data-action="address"/, 'the order page no longer offers it');

# A shipped order shows its tracking number.
set_state($ship, 'shipped', tracking_no => 'SF1000000001');
like(get($ua, "/orders/$ship")->decoded_content, qr/data-tracking-no="SF1000000001"/, 'the tracking number is shown');

# --- Other people's orders ---
for my $path ("/orders/$ship", "/orders/$ship/cancel", "/orders/$ship/address", "/orders/$ship/files/license") {
	is(get($ub, $path)->code, 404, "another applicant: GET $path is 404");
}
my ($open) = insert_orders($acc_a->{id}, { state => 'draft' });
$v = version($open);
my $bcsrf = csrf_from(get($ub, '/orders'));
is(post($ub, "/orders/$open/cancel", [], csrf => $bcsrf)->code, 404, 'another applicant: cancel is 404');
is(post($ub, "/orders/$open/address", [%good], csrf => $bcsrf)->code, 404, 'another applicant: address is 404');
is(order_state($open), 'draft', 'the order is untouched');
is(version($open), $v, 'not even its version moved');
is(get($ua, '/orders/ZQYL20000101000000000000')->code, 404, 'an order that does not exist: 404');
is(get(client('127.0.51.9'), "/orders/$open")->code, 303, 'anonymous: to the login page');

# --- Where login leads: 我的订单 with orders, 订单申请 without ---
is(login_password(client('127.0.51.3'), $acc_a->{username}, $acc_a->{password})->header('Location'), '/orders',
	'an applicant with orders lands on 我的订单');
is(login_password(client('127.0.51.4'), $acc_b->{username}, $acc_b->{password})->header('Location'), '/projects',
	'one without lands on 订单申请');

done_testing();
