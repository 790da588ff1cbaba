# Tests for payment (SPEC §7): the payment page, the sandbox cashier, signed notifications, transfers, closing unpaid orders
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/helpers";
use Test::More;
use Encode qw(decode_utf8);
use Errno qw(ENXIO);
use Fcntl qw(O_WRONLY O_NONBLOCK);
use File::Temp qw(tempdir);
use IO::Socket::INET;
use POSIX qw(mkfifo);
use Certdesk::Test qw(stack ua get post csrf_from sql register_applicant staff_login admin_url app_url wait_until);
use Certdesk::Orders qw(wizard_order);
use Certdesk::Payment qw(payment_order order_state order_id events sign notify_xml notify notification run_parallel);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

stack();
my ($ua) = register_applicant();
sub one { my ($q) = @_; chomp(my $v = decode_utf8(sql($q))); return $v }
sub total { my ($no) = @_; return one("SELECT total_fen FROM orders WHERE order_no = '$no'") }
sub payments { my ($no) = @_; return one("SELECT COUNT(*) FROM payments WHERE order_id = " . order_id($no)) }
sub latest { my ($no) = @_; return one("SELECT CONCAT_WS(' ', out_trade_no, method, amount_fen, state) FROM payments"
	. " WHERE order_id = " . order_id($no) . " ORDER BY id DESC LIMIT 1") }
sub pay {
	my ($no, $method, %opt) = @_;
	my $csrf = csrf_from(get($opt{ua} // $ua, "/orders/$no/pay"));
	return post($opt{ua} // $ua, "/orders/$no/pay", [defined $method ? (method => $method) : ()], csrf => $csrf);
}
# Start an online payment; returns its out-trade number.
sub start {
	my ($no, $method) = @_;
	my $r = pay($no, $method // 'wechat');
	return ($r->header('Location') // '') =~ m{^/sandbox/pay/(P\d+)$} ? $1 : undef;
}
sub success { my ($r) = @_; return $r->code == 200 && $r->decoded_content =~ m{<return_code>SUCCESS</return_code>} }
sub refused_reply { my ($r) = @_; return $r->decoded_content =~ m{<return_code>FAIL</return_code>} }

# ---- illegal: paying a draft -------------------------------------------------
my $draft = wizard_order($ua, draft => 1);
my $r = pay($draft, 'alipay');
is($r->code, 409, 'paying a draft is refused');
like($r->decoded_content, qr/data-error-for="method"/, 'with a message');
is(payments($draft), 0, 'and creates no payment');
is(order_state($draft), 'draft', 'the draft stays a draft');

# ---- the page ----------------------------------------------------------------
my $no = payment_order($ua);
is(order_state($no), 'payment', 'an order awaits payment');
SKIP: {
	skip 'no automated review in this tree', 1 unless Certdesk::Test->can('registry_enterprise');
	like(events($no), qr/^created:[^,]*,review_passed:draft>deposit:system,deposit_verified:deposit>payment:applicant$/,
		'it passed automated review on submit, then its deposit verification');
}
$r = get($ua, "/orders/$no/pay");
is($r->code, 200, 'the payment page renders');
my $page = $r->decoded_content;
like($page, qr/data-order-state="payment"/, 'with the state');
like($page, qr/支付宝.*微信支付.*银联在线.*对公转账/s, 'it offers 支付宝, 微信支付, 银联在线 and 对公转账');
my $yuan = sprintf('%d.%02d', int(total($no) / 100), total($no) % 100);
like($page, qr/¥\Q$yuan\E/, "with the order's total");

# ---- CSRF and bad input ------------------------------------------------------
is(post($ua, "/orders/$no/pay", [method => 'wechat'])->code, 403, 'paying without the CSRF token is 403');
for my $bad (['', 'an empty method'], ['bitcoin', 'an unknown method'], [undef, 'no method'], ['x' x 300, 'a long method']) {
	$r = pay($no, $bad->[0]);
	is($r->code, 422, "refused: $bad->[1]");
	like($r->decoded_content, qr/data-error-for="method"/, "with a message: $bad->[1]");
}
is(payments($no), 0, 'no payment was created');
my ($other) = register_applicant();
is(get($other, "/orders/$no/pay")->code, 404, "another applicant's payment page is 404");
is(pay($no, 'alipay', ua => $other)->code, 404, 'and so is paying it');
is(payments($no), 0, 'which created nothing');

# ---- online: the sandbox cashier and its notification ------------------------
my $otn1 = start($no, 'alipay');
like($otn1 // '', qr/^P\d{24}$/, 'an online method goes to the sandbox cashier');
is(latest($no), "$otn1 alipay " . total($no) . ' pending', "the payment has the order's total");
my $otn = start($no, 'wechat');
isnt($otn, $otn1, 'another attempt has another out-trade number');
is(one("SELECT state FROM payments WHERE out_trade_no = '$otn1'"), 'closed', 'the unfinished one is closed');
$r = get($ua, "/sandbox/pay/$otn");
is($r->code, 200, 'the cashier renders');
like($r->decoded_content, qr/¥\Q$yuan\E/, 'with the amount');
like($r->decoded_content, qr/微信支付/, 'and the method');
is(get($ua, "/sandbox/pay/P000")->code, 404, 'an unknown payment has no cashier');
is(post($ua, "/sandbox/pay/$otn", [result => 'success'])->code, 403, 'the cashier needs the CSRF token');
my $csrf = csrf_from(get($ua, "/sandbox/pay/$otn"));
is(post($ua, "/sandbox/pay/$otn", [result => 'maybe'], csrf => $csrf)->code, 400, 'and a result it knows');
is(post($ua, "/sandbox/pay/$otn1", [result => 'success'], csrf => $csrf)->code, 409, 'a closed payment cannot be paid');
is(order_state($no), 'payment', 'nothing changed');
$r = post($ua, "/sandbox/pay/$otn", [result => 'success'], csrf => $csrf);
is($r->code, 303, 'the cashier pays');
is($r->header('Location'), "/orders/$no", 'and returns the browser to the order');
ok(wait_until(15, sub { order_state($no) eq 'production' }), 'the signed notification arrives and the order is paid');
like(events($no), qr/paid:payment>production:system$/, 'an event row by the system');
like(one("SELECT CONCAT(state, ' ', transaction_id) FROM payments WHERE out_trade_no = '$otn'"), qr/^paid 4200\d{24}$/,
	'the payment is paid with the gateway transaction');
is(one("SELECT COUNT(*) FROM audit_log WHERE action = 'payment.notify' AND subject = '$otn' AND result = 'paid'"), 1,
	'the notification is audited');
like(get($ua, "/orders/$no/pay")->decoded_content, qr/订单已支付/, 'the payment page says paid');
is(post($ua, "/sandbox/pay/$otn", [result => 'success'], csrf => $csrf)->code, 409, 'the cashier will not pay twice');
is(pay($no, 'unionpay')->code, 409, 'a paid order cannot be paid again');

# 支付处理中: a payment the cashier passed whose notification has not landed.
my $waiting = payment_order($ua);
sql("INSERT INTO payments (order_id, out_trade_no, method, amount_fen, state, created_at, updated_at)"
	. " VALUES (" . order_id($waiting) . ", 'P$$" . time . "', 'alipay', " . total($waiting) . ", 'processing',"
	. " UTC_TIMESTAMP(), UTC_TIMESTAMP())");
like(get($ua, "/orders/$waiting/pay")->decoded_content, qr/支付处理中/, 'a payment in flight shows 支付处理中');
like(get($ua, "/orders/$waiting")->decoded_content, qr/支付处理中/, 'on the order page too');
is(pay($waiting, 'alipay')->code, 409, 'and no second payment starts meanwhile');

# The cashier can fail a payment: the order still awaits payment.
my $failing = payment_order($ua);
my $otnf = start($failing);
$csrf = csrf_from(get($ua, "/sandbox/pay/$otnf"));
is(post($ua, "/sandbox/pay/$otnf", [result => 'fail'], csrf => $csrf)->header('Location'), "/orders/$failing",
	'a failed payment returns to the order too');
is(one("SELECT state FROM payments WHERE out_trade_no = '$otnf'"), 'failed', 'the payment failed');
is(order_state($failing), 'payment', 'the order still awaits payment');
like(get($ua, "/orders/$failing/pay")->decoded_content, qr/上一次支付未成功/, 'and says to pay again');

# ---- notifications the test signs itself --------------------------------------
my $b = payment_order($ua);
my $otnb = start($b);
my $fee = total($b);
my $before = events($b);
my $f = notification($otnb, $fee);
$f->{total_fee} = 1;	# tampered after signing
$r = notify('wechat', notify_xml($f));
is($r->code, 400, 'a tampered total_fee is refused');
ok(refused_reply($r), 'with the FAIL reply');
$f = notification($otnb, $fee - 1);
$r = notify('wechat', notify_xml($f));
is($r->code, 400, 'a validly signed notification with the wrong amount is refused');
$f = notification($otnb, $fee, fee_type => 'USD');
is(notify('wechat', notify_xml($f))->code, 400, 'a validly signed notification in USD is refused');
$f = notification($otnb, $fee);
$f->{sign} = lc $f->{sign};
is(notify('wechat', notify_xml($f))->code, 400, 'a lower-case signature is refused');
$f = notification($otnb, $fee, sign_type => 'MD5');
is(notify('wechat', notify_xml($f))->code, 400, 'a notification choosing MD5 is refused');
$f = notification($otnb, $fee);
delete $f->{sign};
is(notify('wechat', notify_xml($f))->code, 400, 'an unsigned notification is refused');
$f = notification($otnb, $fee);
$f->{sign} = sign($f, '0' x 64);
is(notify('wechat', notify_xml($f))->code, 400, 'a notification signed with another secret is refused');
is(notify('alipay', notify_xml(notification($otnb, $fee)))->code, 404, 'a payment of another gateway is unknown');
is(notify('paypal', notify_xml(notification($otnb, $fee)))->code, 404, 'an unknown gateway is 404');
is(notify('wechat', notify_xml(notification('P1234', $fee)))->code, 404, 'an unknown payment is 404');
is(notify('wechat', '<xml><a>1</a>')->code, 400, 'XML that is not well-formed is refused');
is(notify('wechat', '')->code, 400, 'an empty body is refused');
is(notify('wechat', notify_xml(notification($otnb, $fee)), content_type => 'application/x-www-form-urlencoded')->code,
	400, 'a body that is not XML is refused');
is(get(ua(), '/pay/notify/wechat')->code, 405, 'GET is not a notification');
is(order_state($b), 'payment', 'after all that the order still awaits payment');
is(events($b), $before, 'no event was written');
is(one("SELECT state FROM payments WHERE out_trade_no = '$otnb'"), 'pending', 'and the payment is still open');

# A DOCTYPE is refused before anything it names is read: a FIFO would block the reader, a socket would see a connection.
my $dir = tempdir(CLEANUP => 1);
chmod 0755, $dir;
my $fifo = "$dir/entity";
mkfifo($fifo, 0666) or die "mkfifo: $!";
chmod 0666, $fifo;
my $listen = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0, Listen => 5, ReuseAddr => 1) or die $!;
$listen->blocking(0);
my $port = $listen->sockport;
my $body = notify_xml(notification($otnb, $fee));
for my $case (
	[qq{<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file://$fifo">]>}, '&x;', 'an external file entity'],
	[qq{<!DOCTYPE xml [<!ENTITY x SYSTEM "http://127.0.0.1:$port/e">]>}, '&x;', 'an external http entity'],
	[qq{<!DOCTYPE xml SYSTEM "http://127.0.0.1:$port/x.dtd">}, '', 'an external DTD'],
	[qq{<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>}, '&b;', 'entity expansion'],
	[qq{<!DOCTYPE xml>}, '', 'a bare DOCTYPE'],
) {
	my ($doctype, $ref, $name) = @$case;
	(my $evil = $body) =~ s{<nonce_str>}{<attach>$ref</attach><nonce_str>};
	my $t = time;
	$r = notify('wechat', $doctype . $evil);
	is($r->code, 400, "refused: $name");
	ok(time - $t < 5, "at once: $name");
	unlike($r->decoded_content, qr/root:|aaaaaaaaaa/, "nothing of it in the reply: $name");
}
ok(!sysopen(my $w, $fifo, O_WRONLY | O_NONBLOCK) && $! == ENXIO, 'nobody opened the file');
ok(!defined $listen->accept, 'nobody connected to the address');
is(order_state($b), 'payment', 'the order still awaits payment');

# An unknown extra field is part of the signature and verifies.
$f = notification($otnb, $fee, zz_gateway_added => 'new-field', attach => 'x');
my $xml = notify_xml($f);
$r = notify('wechat', $xml);
ok(success($r), 'a notification with an unknown extra field verifies: SUCCESS');
is(order_state($b), 'production', 'and marks the order paid');
my $after = events($b);
ok(success(notify('wechat', $xml)), 'the same notification again answers SUCCESS');
is(events($b), $after, 'and changes nothing');

# Ten identical notifications at once: one change, ten successes.
my $c = payment_order($ua);
my $otnc = start($c);
$xml = notify_xml(notification($otnc, total($c)));
my @replies = run_parallel(10, sub { my $x = notify('wechat', $xml); return $x->code . ' ' . (success($x) ? 'SUCCESS' : 'FAIL') });
is(scalar(grep { $_ eq '200 SUCCESS' } @replies), 10, 'ten identical notifications at once: ten SUCCESS replies');
is(order_state($c), 'production', 'the order is paid');
is(scalar(() = events($c) =~ /paid:payment>production/g), 1, 'by exactly one state change');
is(one("SELECT COUNT(*) FROM audit_log WHERE action = 'payment.notify' AND subject = '$otnc' AND result = 'paid'"), 1,
	'one notification applied it, the others were replays');

# A notification reporting a failed payment is acknowledged; the order still awaits payment.
my $d = payment_order($ua);
my $otnd = start($d);
ok(success(notify('wechat', notify_xml(notification($otnd, total($d), result_code => 'FAIL')))),
	'a failed payment notification is acknowledged');
is(one("SELECT state FROM payments WHERE out_trade_no = '$otnd'"), 'failed', 'the payment failed');
is(order_state($d), 'payment', 'the order still awaits payment');

# ---- 对公转账 and finance -----------------------------------------------------
my $e = payment_order($ua);
$r = pay($e, 'transfer');
is($r->code, 303, 'transfer is chosen');
is($r->header('Location'), "/orders/$e/pay?method=transfer", 'and shows the payment page');
$page = get($ua, "/orders/$e/pay?method=transfer")->decoded_content;
my ($ref) = $page =~ /data-transfer-reference="(P\d+)"/;
ok($ref, 'with a remittance reference');
like($page, qr/中国工商银行北京海淀支行/, "and the CA's bank");
like($page, qr/0200 0049 0920 0012 345/, "and the CA's account");
pay($e, 'transfer');
like(get($ua, "/orders/$e/pay")->decoded_content, qr/data-transfer-reference="$ref"/, 'choosing it again keeps the reference');
is(payments($e), 1, 'one transfer payment');
is(order_state($e), 'payment', 'the order awaits the transfer');
is(post($ua, app_url("/admin/orders/$e/transfer"), [], csrf => csrf_from(get($ua, "/orders/$e/pay")))->code, 404,
	'the confirmation does not exist on the applicant site');
my $reviewer = staff_login("payrev$$", 'reviewer');
my $rcsrf = csrf_from(get($reviewer, admin_url('/admin')));
is(post($reviewer, admin_url("/admin/orders/$e/transfer"), [], csrf => $rcsrf)->code, 403,
	'a reviewer cannot confirm a transfer');
is(order_state($e), 'payment', 'which changed nothing');
my $finance = staff_login("payfin$$", 'finance');
my $fcsrf = csrf_from(get($finance, admin_url('/admin')));
is(post($finance, admin_url("/admin/orders/$e/transfer"), [])->code, 403, 'finance needs the CSRF token');
is(order_state($e), 'payment', 'which changed nothing');
$r = post($finance, admin_url("/admin/orders/$e/transfer"), [], csrf => $fcsrf);
is($r->code, 303, 'finance confirms the transfer');
is(order_state($e), 'production', 'the order is paid');
like(events($e), qr/paid:payment>production:staff$/, 'by a staff event');
is(one("SELECT CONCAT(state, ' ', out_trade_no) FROM payments WHERE order_id = " . order_id($e)), "paid $ref",
	'the transfer payment is paid');
chomp(my $fin_id = sql("SELECT id FROM staff WHERE username = 'payfin$$'"));
is(one("SELECT COUNT(*) FROM audit_log WHERE action = 'order.transfer_confirm' AND subject = '$e'"
	. " AND actor_kind = 'staff' AND actor_id = $fin_id AND result = 'success'"), 1, 'and audited');
is(post($finance, admin_url("/admin/orders/$e/transfer"), [], csrf => $fcsrf)->code, 409, 'confirming twice is refused');
is(post($finance, admin_url("/admin/orders/ZQYL00000000000000000000/transfer"), [], csrf => $fcsrf)->code, 404,
	'an unknown order is 404');

# ---- cancelling a paid order ------------------------------------------------
SKIP: {
	my $cr = get($ua, "/orders/$e/cancel");
	skip 'no cancel route in this tree', 2 if $cr->code == 404;
	$before = events($e);
	$r = post($ua, "/orders/$e/cancel", [], csrf => csrf_from(get($ua, "/orders/$e")));
	ok($r->code == 409 || $r->code == 422, 'cancelling a paid order is refused');
	is(order_state($e) . events($e), 'production' . $before, 'and changes nothing');
}

# ---- unpaid for 7 days: closed by the worker ---------------------------------
my $old = payment_order($ua);
my $otno = start($old);
my $fresh = payment_order($ua);
sql("UPDATE order_events SET created_at = created_at - INTERVAL 8 DAY WHERE to_state = 'payment' AND order_id = "
	. order_id($old));
ok(wait_until(20, sub { order_state($old) eq 'closed' }), 'an order unpaid for 7 days is closed by the worker');
like(events($old), qr/closed:payment>closed:system$/, 'as a system event');
is(one("SELECT state FROM payments WHERE out_trade_no = '$otno'"), 'closed', 'its open payment is closed');
is(order_state($fresh), 'payment', 'a recent one stays open');
is(notify('wechat', notify_xml(notification($otno, total($old))))->code, 409,
	'a late notification for a closed order is refused');
is(order_state($old), 'closed', 'and changes nothing');

done_testing;
