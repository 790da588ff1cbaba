# Certdesk::Orders: helpers of the order tests: orders through the wizard's pages, orders straight into the database, reading lists
package Certdesk::Orders;
use strict;
use warnings;
use utf8;
use Exporter 'import';
use Certdesk::Test qw(get post post_multipart csrf_from sql sql_rows stack);

our @EXPORT_OK = qw(wizard_order insert_orders order_nos row_actions pager_links order_state event_count
	%STEP2 %STEP3);

# Values that pass every check of steps ② and ③ (t/21-wizard.t uses the same kind).
our %STEP2 = (
	org_name => '福建测试科技有限公司', org_id_type => 'uscc', org_id_no => '91350100M000100Y43',
	legal_name => '张三', legal_id_type => 'id_card', legal_id_no => '11010519491231002X',
	agent_name => '李四', agent_id_type => 'id_card', agent_id_no => '350102198506121235',
	agent_phone => '13800138000', agent_email => 'lisi@example.com', agent_address => '福建省福州市鼓楼区测试路1号',
	agent_dept => '财务部', same_person => 1,
);
our %STEP3 = (
	invoice_title => '福建测试科技有限公司', invoice_tax_no => '91350100M000100Y43',
	invoice_address => '福建省福州市鼓楼区测试路1号', invoice_bank => '中国工商银行福州分行',
	invoice_account => '6222020200112233445', invoice_phone => '13900139000',
	ship_name => '李四', ship_address => '福建省福州市鼓楼区测试路1号', ship_phone => '13700137000',
);

sub _slurp { my ($f) = @_; open(my $h, '<:raw', $f) or die "$f: $!"; local $/; return scalar <$h> }

# A ZQYL order filled in through the three steps (images included) and, unless
# $opt{draft}, submitted. Returns its number; dies when a step does not pass.
sub wizard_order {
	my ($ua, %opt) = @_;
	my $png = _slurp(stack()->{src} . '/t/fixtures/python.png');
	my $csrf = csrf_from(get($ua, '/orders/new?project=ZQYL'));
	my $r = post($ua, '/orders', [project => 'ZQYL', cert_type => 'enterprise', years => 1, key_type => 'zqyl_gen1',
		action => 'next'], csrf => $csrf);
	my ($no) = ($r->header('Location') // '') =~ m{/orders/([A-Z]+\d{20})/} or die 'step 1: ' . $r->code;
	$csrf = csrf_from(get($ua, "/orders/$no/edit?step=2"));
	my %s2 = (%STEP2, %{ $opt{step2} // {} });
	$r = post_multipart($ua, "/orders/$no/edit?step=2", [[csrf => $csrf], (map { [$_ => $s2{$_}] } sort keys %s2),
		[action => 'next'], [license => { filename => 'l.png', type => 'image/png', content => $png }],
		[authorization => { filename => 'a.png', type => 'image/png', content => $png }]]);
	die 'step 2: ' . $r->code unless $r->code == 303;
	$csrf = csrf_from(get($ua, "/orders/$no/edit?step=3"));
	my %s3 = (%STEP3, %{ $opt{step3} // {} });
	$r = post($ua, "/orders/$no/edit?step=3", [(map { $_ => $s3{$_} } sort keys %s3),
		action => $opt{draft} ? 'save' : 'submit'], csrf => $csrf);
	die 'step 3: ' . $r->code unless $r->code == 303;
	return $no;
}

my $seq = 0;
my %project;	# code => [id, first certificate type, first key type]

# Orders straight into the database for applicant $id, one per row of @rows:
# { project => 'ZQYL', state => 'draft', type => 'new', days => age in days
# (fractions allowed), tracking_no => ... }. Each gets a 'created' event.
# Returns their numbers in the order given.
sub insert_orders {
	my ($id, @rows) = @_;
	if (!%project) {
		for (sql_rows("SELECT p.id, p.code,"
			. " (SELECT code FROM project_cert_types c WHERE c.project_id = p.id ORDER BY sort, code LIMIT 1),"
			. " (SELECT code FROM project_key_types k WHERE k.project_id = p.id ORDER BY sort, code LIMIT 1)"
			. " FROM projects p")) {
			$project{ $_->[1] } = [$_->[0], $_->[2], $_->[3]];
		}
	}
	my (@values, @nos);
	for my $o (@rows) {
		my $p = $project{ $o->{project} // 'ZQYL' } or die "no project $o->{project}";
		my $code = $o->{project} // 'ZQYL';
		# Unique: the process and a counter stand in for the six random digits.
		my $no = sprintf('%s2000%010d%06d', $code, $$ % 10000000000, ++$seq);
		my $age = sprintf('%d', ($o->{days} // 0) * 86400);
		my $tracking = defined $o->{tracking_no} ? "'$o->{tracking_no}'" : 'NULL';
		push @values, sprintf("('%s', %d, %d, '%s', '%s', '%s', 1, 1, '%s', 10000, 10000, %s,"
			. " '王五', '北京市海淀区测试路2号', '13600136000',"
			. " UTC_TIMESTAMP() - INTERVAL %s SECOND, UTC_TIMESTAMP())",
			$no, $id, $p->[0], $o->{type} // 'new', $o->{state} // 'draft', $p->[1], $p->[2], $tracking, $age);
		push @nos, $no;
	}
	sql('INSERT INTO orders (order_no, applicant_id, project_id, business_type, state, cert_type, years, quantity,'
		. ' key_type, unit_fen, total_fen, tracking_no, ship_name, ship_address, ship_phone, created_at, updated_at)'
		. ' VALUES ' . join(', ', @values));
	sql("INSERT INTO order_events (order_id, created_at, actor_kind, actor_id, to_state, event)"
		. " SELECT id, created_at, 'applicant', applicant_id, 'draft', 'created' FROM orders WHERE order_no IN ("
		. join(', ', map { "'$_'" } @nos) . ')');
	# As the application does (order.c): workers' counts of this applicant's orders are stale.
	sql("UPDATE accounts SET orders_version = orders_version + 1 WHERE id = $id");
	return @nos;
}

# The order numbers of a list page's rows, top to bottom.
sub order_nos {
	my ($res) = @_;
	my @nos = ($res->decoded_content // '') =~ /<tr data-order-no="([^"]+)"/g;
	return @nos;
}

# The actions of each row of a list page: { no => 'cancel,edit,view' } (sorted).
sub row_actions {
	my ($res) = @_;
	my %a;
	my $c = $res->decoded_content // '';
	while ($c =~ /<tr data-order-no="([^"]+)">(.*?)<\/tr>/gs) {
		my ($no, $row) = ($1, $2);
		$a{$no} = join ',', sort($row =~ /data-action="([a-z]+)"/g);
	}
	return \%a;
}

# The pager's links, HTML entities undone: { page number => href }.
sub pager_links {
	my ($res) = @_;
	my %l;
	my ($nav) = ($res->decoded_content // '') =~ /<nav class="pager".*?<\/nav>/s ? ($&) : ('');
	while ($nav =~ /href="([^"]+)"/g) {
		(my $href = $1) =~ s/&amp;/&/g;
		$l{$1} = $href if $href =~ /[?&]page=(\d+)$/;
	}
	return \%l;
}

sub order_state { my ($no) = @_; chomp(my $s = sql("SELECT state FROM orders WHERE order_no = '$no'")); return $s }

sub event_count {
	my ($no, $event) = @_;
	return sql("SELECT COUNT(*) FROM order_events e JOIN orders o ON o.id = e.order_id"
		. " WHERE o.order_no = '$no'" . (defined $event ? " AND e.event = '$event'" : '')) + 0;
}

1;
