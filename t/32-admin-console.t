# Tests for the staff console's missing parts of SPEC §10: 对公转账待确认 (the queue and 确认到账 on the order page)
use strict;
use warnings;
use utf8;
use Test::More;
use lib 't/lib', 't/helpers';
use Encode qw(decode_utf8);
use Certdesk::Test qw(stack ua get post csrf_from sql admin_url register_applicant staff_login);
use Certdesk::Payment qw(payment_order order_state);

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

done_testing();
