# Certdesk::Payment: helpers of the deposit and payment tests: orders awaiting deposit or payment, the sandbox bank, signed notifications
package Certdesk::Payment;
use strict;
use warnings;
use utf8;
use Digest::SHA qw(hmac_sha256_hex);
use Exporter 'import';
use HTTP::Request;
use Certdesk::Test qw(stack ua get post csrf_from sql sql_rows wait_until app_url);
use Certdesk::Orders qw(wizard_order);

our @EXPORT_OK = qw(fresh_uscc fresh_account deposit_order request_deposit deposit_amount verify_deposit payment_order
	order_state order_id events gateway_secret sign notify_xml notify notification run_parallel);

# A unified social credit code no other test uses, with a valid GB 32100-2015 check character.
my @alphabet = split //, '0123456789ABCDEFGHJKLMNPQRTUWXY';
my @weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28);
my $seq = 0;
sub fresh_uscc {
	my %value = map { $alphabet[$_] => $_ } 0 .. $#alphabet;
	my $body = sprintf('91350100MA%04d%03d', $$ % 10000, ++$seq % 1000);
	my $sum = 0;
	$sum += $value{ substr($body, $_, 1) } * $weights[$_] for 0 .. 16;
	return $body . $alphabet[(31 - $sum % 31) % 31];
}

# A bank account number no other test uses (19 digits).
sub fresh_account { return sprintf('6222%07d%08d', $$ % 10000000, int(rand(1e8))) }

sub order_state { my ($no) = @_; chomp(my $s = sql("SELECT state FROM orders WHERE order_no = '$no'")); return $s }
sub order_id { my ($no) = @_; chomp(my $s = sql("SELECT id FROM orders WHERE order_no = '$no'")); return $s }

# The order's events as "event:from>to:actor" joined by commas.
sub events {
	my ($no) = @_;
	chomp(my $e = sql("SELECT GROUP_CONCAT(CONCAT(e.event, ':', IFNULL(e.from_state, ''), '>', IFNULL(e.to_state, ''),"
		. " ':', e.actor_kind) ORDER BY e.id) FROM order_events e JOIN orders o ON o.id = e.order_id"
		. " WHERE o.order_no = '$no'"));
	return $e;
}

# A submitted order of a fresh organisation, in `deposit`. Where the tree
# has automated review and the sandbox registry (Certdesk::Test's
# registry_enterprise), the organisation is one of its own there, so review
# passes and sends the order to `deposit` by itself. Otherwise (or should
# review not pass), the test moves the order there directly in the
# database, as review passing would: an event row (reason 'test') and the
# state.
sub deposit_order {
	my ($ua) = @_;
	my $e = Certdesk::Test->can('registry_enterprise') ? Certdesk::Test::registry_enterprise() : undef;
	my $code = $e ? $e->{code} : fresh_uscc();
	my %org = $e ? (org_name => $e->{name}, legal_name => $e->{legal}) : ();
	my $no = wizard_order($ua, step2 => { %org, org_id_no => $code },
		step3 => { invoice_tax_no => $code, $e ? (invoice_title => $e->{name}) : () });
	if (order_state($no) ne 'deposit') {
		my $id = order_id($no);
		sql("INSERT INTO order_events (order_id, created_at, actor_kind, from_state, to_state, event, reason)"
			. " SELECT $id, UTC_TIMESTAMP(3), 'system', state, 'deposit', 'review_passed', 'test' FROM orders WHERE id = $id;"
			. " UPDATE orders SET state = 'deposit', version = version + 1 WHERE id = $id;"
			. " UPDATE accounts SET orders_version = orders_version + 1"
			. " WHERE id = (SELECT applicant_id FROM orders WHERE id = $id)");
	}
	return $no;
}

# 【获取打款金额】 for an order; returns the response.
sub request_deposit {
	my ($ua, $no, %f) = @_;
	my $csrf = csrf_from(get($ua, "/orders/$no/deposit"));
	return post($ua, "/orders/$no/deposit", [bank_name => $f{bank_name} // '中国工商银行福州分行',
		bank_account => $f{bank_account}, action => 'request'], csrf => $csrf);
}

# The newest amount the sandbox bank paid to account ("0.37"); with $count, waits for that many payouts.
sub deposit_amount {
	my ($ua, $account, $count) = @_;
	return wait_until(10, sub {
		my @lines = split /\n/, get($ua, "/sandbox/bank?account=$account")->decoded_content // '';
		return undef if @lines < ($count // 1);
		return $lines[0] =~ /^\S+ \Q$account\E (\d\.\d\d)$/ ? $1 : undef;
	});
}

# 【验证】 with amount; returns the response.
sub verify_deposit {
	my ($ua, $no, $amount) = @_;
	my $csrf = csrf_from(get($ua, "/orders/$no/deposit"));
	return post($ua, "/orders/$no/deposit", [amount => $amount, action => 'verify'], csrf => $csrf);
}

# An order of the applicant, through deposit verification, now awaiting payment.
sub payment_order {
	my ($ua) = @_;
	my $no = deposit_order($ua);
	my $account = fresh_account();
	my $r = request_deposit($ua, $no, bank_account => $account);
	die 'deposit request: ' . $r->code unless $r->code == 303;
	my $amount = deposit_amount($ua, $account) // die 'no payout';
	$r = verify_deposit($ua, $no, $amount);
	die 'deposit verify: ' . $r->code unless $r->code == 303;
	return $no;
}

# The secret shared with the sandbox gateway: var/keys/gateway.key as 64 hex digits.
sub gateway_secret {
	open(my $fh, '<:raw', stack()->{var} . '/keys/gateway.key') or die "gateway.key: $!";
	local $/;
	return unpack('H*', scalar <$fh>);
}

# The signature of the fields (STACK-NOTES): sorted non-empty k=v, &key=SECRET, HMAC-SHA256, upper-case hex.
sub sign {
	my ($f, $secret) = @_;
	$secret //= gateway_secret();
	my $s = join '&', map { "$_=$f->{$_}" } grep { $_ ne 'sign' && length $f->{$_} } sort keys %$f;
	$s .= "&key=$secret";
	utf8::encode($s) if utf8::is_utf8($s);
	return uc hmac_sha256_hex($s, $secret);
}

sub notify_xml {
	my ($f) = @_;
	return '<xml>' . join('', map { "<$_><![CDATA[$f->{$_}]]></$_>" } sort keys %$f) . '</xml>';
}

# The fields of a successful notification of payment $otn of $fee fen, signed (extra fields in %extra).
sub notification {
	my ($otn, $fee, %extra) = @_;
	my %f = (appid => 'certdesk-sandbox', mch_id => '1900000109', nonce_str => sprintf('%08x%08x', rand(2**32), rand(2**32)),
		result_code => 'SUCCESS', return_code => 'SUCCESS', out_trade_no => $otn,
		transaction_id => sprintf('4200%024d', int(rand(1e9))), total_fee => $fee, fee_type => 'CNY',
		time_end => '20240101120000', trade_type => 'NATIVE', sign_type => 'HMAC-SHA256', %extra);
	$f{sign} = sign(\%f);
	return \%f;
}

# POST a raw notification body to /pay/notify/$gateway.
sub notify {
	my ($gateway, $body, %opt) = @_;
	my $req = HTTP::Request->new(POST => app_url("/pay/notify/$gateway"));
	$req->header('Content-Type' => $opt{content_type} // 'text/xml; charset=utf-8');
	$req->content($body);
	return ua()->request($req);
}

# Run $n copies of $code at once (forked); returns the list of what each returned (one line of text).
sub run_parallel {
	my ($n, $code) = @_;
	pipe(my $rd, my $wr) or die "pipe: $!";
	my @pids;
	for (1 .. $n) {
		my $pid = fork() // die "fork: $!";
		if (!$pid) {
			close $rd;
			my $line = eval { $code->() } // "died: $@";
			$line =~ s/\n/ /g;
			syswrite($wr, "$line\n");
			require POSIX;
			POSIX::_exit(0);
		}
		push @pids, $pid;
	}
	close $wr;
	my @out = map { chomp; $_ } <$rd>;
	waitpid($_, 0) for @pids;
	return @out;
}

1;
