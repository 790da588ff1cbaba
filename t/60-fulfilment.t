# Tests for fulfilment (SPEC §8): production through the RA, shipping, the e-invoice, completion, the agent's notifications, roles
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/helpers";
use Test::More;
use Encode qw(decode encode_utf8);
use XML::Parser;
use Certdesk::Test qw(stack ua get post csrf_from sql sql_rows register_applicant staff_login admin_url wait_until);
use Certdesk::Payment qw(order_state order_id events);
use Certdesk::Fulfil qw(unpaid_order paid_order staff_post one agent_sms mime_parts);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

stack();
my ($ua) = register_applicant();
my $operator = staff_login("op$$", 'operator');
my $finance = staff_login("fin$$", 'finance');
my $reviewer = staff_login("rev$$", 'reviewer');

sub certs { my ($no) = @_; return one("SELECT COUNT(*) FROM certificates WHERE order_id = " . order_id($no)) }
sub ra_states {
	my ($no) = @_;
	return one("SELECT GROUP_CONCAT(state ORDER BY position) FROM ra_requests WHERE order_id = " . order_id($no));
}
sub snapshot {
	my ($no) = @_;
	return one("SELECT CONCAT_WS('|', o.state, o.version, IFNULL(o.tracking_no, '-'), (SELECT COUNT(*) FROM order_events e"
		. " WHERE e.order_id = o.id), (SELECT COUNT(*) FROM invoices i WHERE i.order_id = o.id),"
		. " (SELECT GROUP_CONCAT(invoice_no) FROM invoices i WHERE i.order_id = o.id), (SELECT COUNT(*) FROM outbox))"
		. " FROM orders o WHERE o.order_no = '$no'");
}

# ---- an order paid through the real pages (deposit, the sandbox cashier's signed notification) ----------
my $o = paid_order($ua);
my $no = $o->{no};
is(order_state($no), 'production', 'the paid order is 制作中');
like(get($ua, "/orders/$no")->decoded_content, qr/data-order-state="production"/, 'and says so on its page');

# ---- each role only its own actions ----------------------------------------------------------------------
is(staff_post($reviewer, "/admin/orders/$no/produce")->code, 403, 'a reviewer cannot produce');
is(staff_post($finance, "/admin/orders/$no/produce")->code, 403, 'finance cannot produce');
is(staff_post($finance, "/admin/orders/$no/ship", [tracking_no => 'SF1234567890123'])->code, 403, 'finance cannot ship');
is(staff_post($operator, "/admin/orders/$no/invoice")->code, 403, 'an operator cannot issue an invoice');
is(staff_post($reviewer, "/admin/orders/$no/invoice")->code, 403, 'nor can a reviewer');
is($reviewer->get(admin_url('/admin/production'))->code, 403, "a reviewer has no operator's queue");
is($operator->get(admin_url('/admin/invoicing'))->code, 403, "an operator has no finance queue");
is($operator->get(admin_url('/admin/outbox'))->code, 403, 'the outbox is for administrators');
is(certs($no), 0, 'refused actions produced nothing');
is(ua()->get(admin_url("/admin/orders/$no/fulfilment"))->code, 303, 'the fulfilment page needs a staff login');

# ---- production ---------------------------------------------------------------------------------------------
like($operator->get(admin_url('/admin/production'))->decoded_content, qr/data-order-no="$no"/,
	'the paid order is in the operator\'s queue');
is(staff_post($operator, "/admin/orders/$no/ship", [tracking_no => 'SF1234567890123'])->code, 409,
	'shipping before the certificates exist is refused');
my $r = staff_post($operator, "/admin/orders/$no/produce");
is($r->code, 303, 'the operator requests production');
like($r->header('Location') // '', qr{/admin/orders/$no/fulfilment\?done=produce$}, 'and is sent back to the order');
ok(wait_until(15, sub { certs($no) == 2 }), 'the RA (sandbox, through the worker) issues both certificates');
is(ra_states($no), 'issued,issued', 'both requests are issued');
my @certs = sql_rows("SELECT position, role, serial_no, subject_dn, not_before < not_after FROM certificates"
	. " WHERE order_id = " . order_id($no) . " ORDER BY position");
is(decode('UTF-8', join(',', map { $_->[1] } @certs)), '经办员,审核员', 'with the project\'s roles, in order');
ok((grep { $_->[2] =~ /^[1-7][0-9A-F]{31}$/ } @certs) == 2, 'real-looking serial numbers');
isnt($certs[0][2], $certs[1][2], 'one serial per certificate');
like(decode('UTF-8', $certs[0][3]), qr/^CN=\Q$o->{org}\E@\Q$o->{code}\E\@经办员,/, 'a DN naming the organisation');
ok((grep { $_->[4] eq '1' } @certs) == 2, 'validity that ends after it starts');
my $page = $operator->get(admin_url("/admin/orders/$no/fulfilment"))->decoded_content;
like($page, qr/\Q$certs[1][2]\E/, 'the operator sees the certificates');
my $before = one("SELECT GROUP_CONCAT(serial_no ORDER BY position) FROM certificates WHERE order_id = " . order_id($no));
is(staff_post($operator, "/admin/orders/$no/produce")->code, 409, 'producing again is refused: all are issued');
is(one("SELECT GROUP_CONCAT(serial_no ORDER BY position) FROM certificates WHERE order_id = " . order_id($no)), $before,
	'and the certificates are the same');
like(get($ua, "/orders/$no")->decoded_content, qr/\Q$certs[0][2]\E/, 'the applicant sees the certificates');

# ---- shipping ----------------------------------------------------------------------------------------------
is(staff_post($operator, "/admin/orders/$no/invoice")->code, 403, 'still no invoice by an operator');
is(staff_post($finance, "/admin/orders/$no/invoice")->code, 409, 'nor before shipping');
my $snap = snapshot($no);
for my $bad ('', 'SF123456789012', 'SF12345678901234', '1234567890123', '12345678901', 'SX1234567890123',
	'SF12345678901X3', '顺丰1234567890') {
	$r = staff_post($operator, "/admin/orders/$no/ship", [tracking_no => $bad]);
	is($r->code, 422, "a wrong tracking number is refused: '$bad'");
	like($r->decoded_content, qr/data-error-for="tracking_no"/, "with a message at the field: '$bad'");
}
is(snapshot($no), $snap, 'and nothing changed');
$r = staff_post($operator, "/admin/orders/$no/ship", [tracking_no => ' sf 1234 5678 90123 ']);
is($r->code, 303, 'a 顺丰 number (pasted with blanks, lower case) ships the order');
is(order_state($no), 'shipped', 'the order is 已发货');
is(one("SELECT tracking_no FROM orders WHERE order_no = '$no'"), 'SF1234567890123', 'with the number normalised');
like(events($no), qr/shipped:production>shipped:staff$/, 'a staff event in the timeline');
is(staff_post($operator, "/admin/orders/$no/ship", [tracking_no => '123456789012'])->code, 409, 'shipping twice is refused');
is(one("SELECT tracking_no FROM orders WHERE order_no = '$no'"), 'SF1234567890123', 'and keeps the first number');
like(get($ua, "/orders/$no")->decoded_content, qr/data-tracking-no="SF1234567890123"/, 'the order page shows the number');
like(get($ua, '/orders')->decoded_content, qr/SF1234567890123/, 'and so does the list');

# ---- the e-invoice -----------------------------------------------------------------------------------------
like($finance->get(admin_url('/admin/invoicing'))->decoded_content, qr/data-order-no="$no"/, 'the order waits for its invoice');
is(get($ua, "/orders/$no/invoice")->code, 404, 'no invoice page before it is issued');
$r = staff_post($finance, "/admin/orders/$no/invoice");
is($r->code, 303, 'finance issues the invoice');
my $inv = one("SELECT invoice_no FROM invoices WHERE order_id = " . order_id($no));
like($inv, qr/^\d{20}$/, 'its number has 20 digits');
unlike($finance->get(admin_url('/admin/invoicing'))->decoded_content, qr/data-order-no="$no"/, 'and leaves the queue');
$snap = snapshot($no);
is(staff_post($finance, "/admin/orders/$no/invoice")->code, 409, 'issuing it twice is refused');
is(snapshot($no), $snap, 'with nothing changed: one invoice, same number, no new message');

$r = get($ua, "/orders/$no/invoice.xml");
is($r->code, 200, 'the applicant downloads the XML');
like($r->header('Content-Type') // '', qr{^application/xml}, 'as XML');
my $xml = $r->content;
my $tree = eval { XML::Parser->new(Style => 'Tree', ParseParamEnt => 0, NoExpand => 1)->parse($xml) };
ok($tree, 'it parses') or diag($@);
# The text of every element by its path (XML::Parser gives characters), repeated paths in order.
my %at;
sub walk {
	my ($path, $content) = @_;
	my $text = '';
	for (my $i = 1; $i < @$content; $i += 2) {
		my ($tag, $c) = @$content[$i, $i + 1];
		if ($tag eq '0') { $text .= $c; next }
		walk("$path/$tag", $c);
	}
	push @{ $at{$path} }, $text =~ s/^\s+|\s+$//gr;
}
walk($tree->[0], $tree->[1]) if $tree;
sub fen { my ($s) = @_; return defined $s && $s =~ /^(\d+)\.(\d\d)$/ ? $1 * 100 + $2 : undef }
my $d = 'EInvoice/EInvoiceData';
is($at{'EInvoice/TaxSupervisionInfo/InvoiceNumber'}[0], $inv, 'the XML carries the number');
is($at{"$d/BuyerInformation/BuyerName"}[0], $o->{org}, 'the buyer is the invoice title of step ③');
is($at{"$d/BuyerInformation/BuyerIdNum"}[0], $o->{code}, 'with its tax number');
is($at{"$d/SellerInformation/SellerName"}[0], '示例数字认证股份有限公司', 'the seller is the CA');
my @lines = @{ $at{"$d/IssuItemInformation/ItemName"} // [] };
is(scalar @lines, 2, 'one item line per product (certificates, keys)');
my ($amount, $tax, $price) = (0, 0, 0);
for my $i (0 .. $#lines) {
	my ($a, $t, $p) = map { fen($at{"$d/IssuItemInformation/$_"}[$i]) } qw(Amount ComTaxAm TotaltaxIncludedAmount);
	is($a + $t, $p, "line $i: amount + tax = price, to the fen");
	is($at{"$d/IssuItemInformation/TaxRate"}[$i], '0.06', "line $i: 6% VAT");
	$amount += $a;
	$tax += $t;
	$price += $p;
}
my $total = one("SELECT total_fen FROM orders WHERE order_no = '$no'");
is(fen($at{"$d/BasicInformation/TotalAmWithoutTax"}[0]), $amount, 'the lines add up to the amount');
is(fen($at{"$d/BasicInformation/TotalTaxAm"}[0]), $tax, 'and to the tax');
is(fen($at{"$d/BasicInformation/TotalTax-includedAmount"}[0]), $price, 'and to the price');
is($amount + $tax, $total, 'amount + tax = what the order cost, to the fen');
is($price, $total, 'the price is what the order cost');
is($tax, $total - int(($total * 100 + 53) / 106), 'the tax is 6% of the price before tax, rounded to the fen');
$page = get($ua, "/orders/$no/invoice")->decoded_content;
like($page, qr/data-invoice-no="$inv"/, 'the invoice page shows the number');
like($page, qr/\Q$o->{org}\E/, 'and the buyer');
like($page, qr/href="\/orders\/$no\/invoice.xml"/, 'and links the XML');
like(get($ua, "/orders/$no")->decoded_content, qr/\Q$inv\E/, 'the order page shows the invoice');
my ($other) = register_applicant();
is(get($other, "/orders/$no/invoice")->code, 404, "another applicant cannot see it");
is(get($other, "/orders/$no/invoice.xml")->code, 404, 'nor its XML');
is(get(ua(), "/orders/$no/invoice.xml")->code, 303, 'nor can anyone logged out');
is($finance->get(admin_url("/admin/orders/$no/invoice.xml"))->content, $xml, 'staff read the same XML');
like($reviewer->get(admin_url("/admin/orders/$no/invoice"))->decoded_content, qr/\Q$inv\E/, 'and its page');

# The mail to the agent, with the XML attached, in the mail sandbox.
my $line = wait_until(15, sub { (grep { /invoice-$inv\.xml/ } split /\n/, get($ua, "/sandbox/mail?to=$o->{email}")->decoded_content)[0] });
ok($line, 'the invoice mail reached the agent\'s address (mail sandbox)');
like($line // '', qr/\Q$inv\E/, 'its subject names the invoice number');
like($line // '', qr/\Q$no\E/, 'and the order');
my ($mid) = ($line // '') =~ m{/sandbox/mail/(\d+)$};
my ($head, @parts) = eval { mime_parts(get($ua, "/sandbox/mail/$mid")->content) };
ok($head, 'the message is MIME') or diag($@);
is($head->{to}, $o->{email}, 'to the agent');
like($head->{'content-type'} // '', qr{^multipart/mixed}, 'multipart/mixed');
my ($att) = grep { ($_->{headers}{'content-disposition'} // '') =~ /^attachment/ } @parts;
is($att && $att->{body}, $xml, 'the attachment is the invoice XML, byte for byte');

# ---- completion after 15 days, by the worker ----------------------------------------------------------------
is(order_state($no), 'shipped', 'shipped with an invoice, but not yet 15 days');
sql("UPDATE orders SET shipped_at = shipped_at - INTERVAL 16 DAY WHERE order_no = '$no'");
ok(wait_until(20, sub { order_state($no) eq 'completed' }), 'fifteen days after shipping, the worker completes it');
like(events($no), qr/completed:shipped>completed:system$/, 'as the system');
like(get($ua, "/orders/$no")->decoded_content, qr/data-order-state="completed"/, 'the applicant sees 已完成');
is(staff_post($finance, "/admin/orders/$no/invoice")->code, 409, 'a completed order gets no second invoice');

# ---- every notification names the order ---------------------------------------------------------------------
my @sms;
wait_until(15, sub { @sms = agent_sms($ua, $o->{phone}); @sms >= 5 });
my %want = (
	'review passed' => qr/\Q$no\E.*通过审核/,
	'deposit sent' => qr/\Q$no\E.*验证金额/,
	'payment received' => qr/\Q$no\E.*付款/,
	'shipped, with the number' => qr/\Q$no\E.*发货.*SF1234567890123/,
	'invoice issued, with its number' => qr/\Q$no\E.*发票.*\Q$inv\E/,
);
for my $what (sort keys %want) {
	is(scalar(grep { /$want{$what}/ } @sms), 1, "the agent got one SMS: $what");
}
is(scalar(grep { !/\Q$no\E/ } @sms), 0, 'every SMS to the agent names the order number');

# ---- an unpaid order: nothing ships, nothing is produced -----------------------------------------------------
my $u = unpaid_order($ua)->{no};
$snap = snapshot($u);
is(staff_post($operator, "/admin/orders/$u/ship", [tracking_no => 'SF1234567890123'])->code, 409, 'shipping an unpaid order is refused');
is(staff_post($operator, "/admin/orders/$u/produce")->code, 409, 'producing it too');
is(staff_post($finance, "/admin/orders/$u/invoice")->code, 409, 'and invoicing it');
is(snapshot($u), $snap, 'nothing changed');
is(order_state($u), 'payment', 'it is still 订单待支付');
is(staff_post($operator, '/admin/orders/NOPE20000000000000000001/produce')->code, 404, 'an unknown order is 404');

# ---- RA failures: a failure code, a malformed answer, a DOCTYPE: each a clear error and no certificate ----
# The sandbox RA answers queued faults first (two each: the order has two certificates).
my $f = paid_order($ua)->{no};
sub ra_errors {
	my ($no) = @_;
	return map { decode('UTF-8', $_->[0]) } sql_rows("SELECT IFNULL(error, '') FROM ra_requests WHERE order_id = "
		. order_id($no) . " ORDER BY position");
}
for my $case (['code', qr/RA返回失败 5002/], ['malformed', qr/不是合法的XML/], ['doctype', qr/DOCTYPE/]) {
	my ($fault, $re) = @$case;
	sql("INSERT INTO sandbox_ra_faults (fault, created_at) VALUES ('$fault', UTC_TIMESTAMP(3)), ('$fault', UTC_TIMESTAMP(3))");
	is(staff_post($operator, "/admin/orders/$f/produce")->code, 303, "$fault: the operator requests production");
	ok(wait_until(15, sub { ra_states($f) eq 'failed,failed' && (grep { /$re/ } ra_errors($f)) == 2 }),
		"$fault: both requests fail with a clear error") or diag(join ' | ', ra_errors($f));
	is(certs($f), 0, "$fault: no certificate is stored");
	is(order_state($f), 'production', "$fault: the order stays 制作中");
	like($operator->get(admin_url("/admin/orders/$f/fulfilment"))->decoded_content, qr/data-ra-error[^>]*>[^<]*$re/,
		"$fault: the operator sees the error");
}
is(one('SELECT COUNT(*) FROM sandbox_ra_faults'), 0, 'every fault was answered');
is(staff_post($operator, "/admin/orders/$f/produce")->code, 303, 'a retry is accepted');
ok(wait_until(15, sub { certs($f) == 2 }), 'and the retry issues both certificates');
is(ra_states($f), 'issued,issued', 'the requests are issued');
is(join('', ra_errors($f)), '', 'and their errors cleared');
is(one("SELECT COUNT(DISTINCT serial_no) FROM certificates WHERE order_id = " . order_id($f)), 2, 'two distinct serials');

done_testing();
