# Certdesk::Fulfil: helpers of the fulfilment tests: orders taken to payment and paid through the real pages, the agent's SMS, MIME
package Certdesk::Fulfil;
use strict;
use warnings;
use utf8;
use Encode qw(decode_utf8);
use Exporter 'import';
use MIME::Base64 qw(decode_base64);
use Certdesk::Test qw(get post csrf_from sql wait_until registry_enterprise admin_url);
use Certdesk::Orders qw(wizard_order);
use Certdesk::Payment qw(request_deposit deposit_amount verify_deposit fresh_account order_state);

our @EXPORT_OK = qw(unpaid_order paid_order pay_order invoiced_order staff_post one agent_sms mime_parts);

my $n = 0;

sub one { my ($q) = @_; chomp(my $v = decode_utf8(sql($q))); return $v }

# A submitted ZQYL order of a fresh enterprise, with an agent phone and e-mail
# of its own (so the agent's SMS and mail are this order's only), through
# automated review and the micro-deposit, now awaiting payment. Returns
# { no, phone, email, org, code }.
sub unpaid_order {
	my ($ua) = @_;
	my $e = registry_enterprise();
	$n++;
	my %o = (org => $e->{name}, code => $e->{code},
		phone => sprintf('186%08d', ($$ * 100 + $n) % 100000000),
		email => sprintf('agent%d_%d@example.com', $$, $n));
	$o{no} = wizard_order($ua,
		step2 => { org_name => $e->{name}, org_id_no => $e->{code}, legal_name => $e->{legal},
			agent_phone => $o{phone}, agent_email => $o{email} },
		step3 => { invoice_title => $e->{name}, invoice_tax_no => $e->{code} });
	wait_until(10, sub { order_state($o{no}) eq 'deposit' }) or die "$o{no} did not pass review: " . order_state($o{no});
	my $account = fresh_account();
	my $r = request_deposit($ua, $o{no}, bank_account => $account);
	die 'deposit request: ' . $r->code unless $r->code == 303;
	my $amount = deposit_amount($ua, $account) // die 'no payout';
	$r = verify_deposit($ua, $o{no}, $amount);
	die 'deposit verify: ' . $r->code unless $r->code == 303;
	return \%o;
}

# unpaid_order, then paid online through the sandbox cashier: the gateway's
# signed notification moves it to production (制作中).
sub paid_order {
	my ($ua) = @_;
	my $o = unpaid_order($ua);
	pay_order($ua, $o->{no});
	return $o;
}

sub pay_order {
	my ($ua, $no) = @_;
	my $csrf = csrf_from(get($ua, "/orders/$no/pay"));
	my $r = post($ua, "/orders/$no/pay", [method => 'wechat'], csrf => $csrf);
	my ($otn) = ($r->header('Location') // '') =~ m{^/sandbox/pay/(P\d+)$} or die 'pay: ' . $r->code;
	$csrf = csrf_from(get($ua, "/sandbox/pay/$otn"));
	$r = post($ua, "/sandbox/pay/$otn", [result => 'success'], csrf => $csrf);
	wait_until(15, sub { order_state($no) eq 'production' }) or die "$no was not paid: " . order_state($no);
}

# A POST of the staff console with the member's CSRF token (from the order's fulfilment page).
sub staff_post {
	my ($staff, $path, $fields) = @_;
	my $page = $path =~ s{/(produce|ship|invoice)$}{/fulfilment}r;
	my $csrf = csrf_from($staff->get(admin_url($page))) // csrf_from($staff->get(admin_url('/admin')));
	return post($staff, admin_url($path), $fields // [], csrf => $csrf);
}

# paid_order, produced (the worker asks the sandbox RA), shipped and invoiced
# by the given operator and finance staff. Returns the order as paid_order does, plus { invoice }.
sub invoiced_order {
	my ($ua, $operator, $finance) = @_;
	my $o = paid_order($ua);
	my $no = $o->{no};
	my $r = staff_post($operator, "/admin/orders/$no/produce");
	die 'produce: ' . $r->code unless $r->code == 303;
	wait_until(15, sub { one("SELECT COUNT(*) FROM certificates c JOIN orders o ON o.id = c.order_id"
		. " WHERE o.order_no = '$no'") == 2 }) or die "$no: no certificates";
	$r = staff_post($operator, "/admin/orders/$no/ship", [tracking_no => '123456789012']);
	die 'ship: ' . $r->code unless $r->code == 303;
	$r = staff_post($finance, "/admin/orders/$no/invoice");
	die 'invoice: ' . $r->code unless $r->code == 303;
	$o->{invoice} = one("SELECT i.invoice_no FROM invoices i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$no'");
	return $o;
}

# The SMS the sandbox delivered to phone, oldest first (text only).
sub agent_sms {
	my ($ua, $phone) = @_;
	my @lines = split /\n/, get($ua, "/sandbox/sms?phone=$phone")->decoded_content // '';
	return reverse map { (split / /, $_, 3)[2] } @lines;
}

# A MIME message split the way a mail client would: headers of the top
# level, then each part of a multipart body as { headers => {lower-case
# name => value}, body => decoded bytes }. Dies on anything malformed.
sub mime_parts {
	my ($msg) = @_;
	$msg =~ s/\r\n/\n/g;
	my ($head, $body) = split /\n\n/, $msg, 2;
	die 'no header/body separator' unless defined $body;
	my %h = _headers($head);
	my ($boundary) = ($h{'content-type'} // '') =~ /boundary="([^"]+)"/ or die 'not multipart';
	my @parts;
	# split with a capture gives: preamble, (capture, part)..., where a capture of '--' closes the body
	my @chunks = split /^--\Q$boundary\E(--)?\n?/m, $body, -1;
	my $closed = 0;
	for (my $i = 1; $i < @chunks; $i += 2) {
		if (defined $chunks[$i] && $chunks[$i] eq '--') {
			$closed = 1;
			last;
		}
		my ($ph, $pb) = split /\n\n/, $chunks[$i + 1] // '', 2;
		my %ph = _headers($ph // '');
		$pb //= '';
		$pb =~ s/\n+\z//;
		$pb = decode_base64($pb) if lc($ph{'content-transfer-encoding'} // '') eq 'base64';
		push @parts, { headers => \%ph, body => $pb };
	}
	die 'no closing boundary' unless $closed;
	return (\%h, @parts);
}

sub _headers {
	my ($text) = @_;
	$text =~ s/\n[ \t]+/ /g;	# unfold
	my %h;
	for (split /\n/, $text) {
		my ($k, $v) = /^([!-9;-~]+):\s*(.*)$/ or die "bad header line: $_";
		$h{ lc $k } = $v;
	}
	return %h;
}

1;
