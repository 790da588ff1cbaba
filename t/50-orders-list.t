# Tests for 我的订单 (SPEC §9): every filter alone and combined, paging, bad values, actions by state, privacy, the index
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/helpers";
use POSIX qw(strftime);
use Test::More;
use Time::Local qw(timegm_nocheck);
use Certdesk::Test qw(stack get post csrf_from sql sql_rows);
use Certdesk::Accounts qw(client register);
use Certdesk::Orders qw(insert_orders order_nos row_actions pager_links);

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $s = stack();
my $ua = client('127.0.50.1');
my $acc_a = register($ua);
my $ub = client('127.0.50.2');
my $acc_b = register($ub);
sub count_orders { return sql('SELECT COUNT(*) FROM orders') + 0 }

# --- Anonymous, navigation, empty ---
my $r = get(client('127.0.50.9'), '/orders?status=draft');
is($r->code, 303, 'the list needs a login');
like($r->header('Location') // '', qr{^/login\?next=/orders}, 'and comes back after it');
$r = get($ua, '/orders');
is($r->code, 200, 'the list answers with no orders');
my $c = $r->decoded_content;
like($c, qr{<a href="/projects"[^>]*>证书申请</a>}, 'the header links 证书申请');
like($c, qr{<a href="/orders" aria-current="page">我的订单</a>}, 'and 我的订单, marked current');
like($c, qr/class="empty-state".*您还没有证书订单/s, 'no orders: an empty state');
like($c, qr{class="btn btn-primary" href="/projects">申请证书</a>}, 'that leads to 订单申请');
unlike($c, qr/<table/, 'and no empty table');

# --- Seed: three years, three projects, every state, every business type ---
my @states = qw(draft manual_review rejected deposit payment production shipped completed cancelled closed);
my @projects = qw(ZQYL GRZS ZWFW);
my @types = qw(new renew replace revoke);
my @ages = (3, 200, 500, 900, 1300);	# days: 近一年 twice, 近两年, 近三年, older
my @seed;
my $i = 0;
for my $state (@states) {
	for my $project (@projects) {
		push @seed, { project => $project, state => $state, type => $types[$i % 4], days => $ages[$i % 5] + $i / 100,
			($state eq 'shipped' || $state eq 'completed' ? (tracking_no => sprintf('SF%010d', $i)) : ()) };
		$i++;
	}
}
# A production order whose tracking number is already entered: no address change any more.
push @seed, { project => 'ZQYL', state => 'production', type => 'new', days => 1.5, tracking_no => 'SF1234567890' };
my @nos = insert_orders($acc_a->{id}, @seed);
$seed[$_]{no} = $nos[$_] for 0 .. $#seed;
is(scalar @nos, 31, 'seeded 31 orders');

my %years = ('1y' => 1, '2y' => 2, '3y' => 3);
# What a filter should list, newest first.
sub expect {
	my (%f) = @_;
	return map { $_->{no} } sort { $a->{days} <=> $b->{days} } grep {
		(!$f{period} || $f{period} eq 'all' || $_->{days} < 365 * $years{ $f{period} })
		    && (!$f{project} || $_->{project} eq $f{project})
		    && (!$f{status} || $_->{state} eq $f{status})
		    && (!$f{type} || $_->{type} eq $f{type})
	} @seed;
}
# Every order a query lists, following the pager's own links from page to page.
sub listed {
	my ($query, $client) = @_;
	my (@all, %seen);
	my $url = "/orders?$query";
	for my $page (1 .. 20) {
		my $res = get($client // $ua, $url);
		return ("status " . $res->code) unless $res->code == 200;
		push @all, order_nos($res);
		my $next = pager_links($res)->{ $page + 1 } or last;
		(my $kept = $query) =~ s/&?period=all//;	# the default needs no parameter
		return ("pager lost the filters: $next") unless index($next, $kept) >= 0;
		$url = $next;
	}
	return @all;
}
sub q_of { my (%f) = @_; return join '&', map { "$_=$f{$_}" } sort keys %f }

is_deeply([listed('')], [expect()], 'no filter: every order, newest first');
for my $p (qw(1y 2y 3y all)) {
	is_deeply([listed("period=$p")], [expect(period => $p)], "period $p alone");
}
for my $p (@projects) {
	is_deeply([listed("project=$p")], [expect(project => $p)], "project $p alone");
}
for my $st (@states) {
	my @e = expect(status => $st);
	is_deeply([listed("status=$st")], \@e, "status $st alone (" . scalar(@e) . ')');
}
for my $t (@types) {
	is_deeply([listed("type=$t")], [expect(type => $t)], "type $t alone");
}
for my $combo (
	{ period => '2y', project => 'GRZS' },
	{ period => '1y', status => 'draft' },
	{ project => 'ZWFW', type => 'replace' },
	{ status => 'production', project => 'ZQYL' },
	{ period => '3y', project => 'ZQYL', status => 'cancelled', type => 'revoke' },
	{ period => '3y', project => 'ZQYL', type => 'new' },
) {
	my $q = q_of(%$combo);
	my @e = expect(%$combo);
	is_deeply([listed($q)], \@e, "combined $q (" . scalar(@e) . ')');
}
my @none = expect(period => '1y', status => 'closed', project => 'ZQYL');
is(scalar @none, 0, 'a combination that matches nothing');
$r = get($ua, '/orders?period=1y&status=closed&project=ZQYL');
is($r->code, 200, 'answers 200');
like($r->decoded_content, qr/没有符合条件的订单/, 'with the filtered empty state');
like($r->decoded_content, qr{href="/orders">查看所有订单</a>}, 'and a way back to all orders');

# The form is bookmarkable: a GET form with the contract's names, showing what applies.
$r = get($ua, '/orders?period=2y&project=GRZS&status=payment&type=renew');
$c = $r->decoded_content;
like($c, qr{<form class="card filters" method="get" action="/orders"}, 'the filters are a GET form');
like($c, qr{<option value="2y" selected>近两年</option>}, 'period shown as chosen');
like($c, qr{<option value="GRZS" selected>}, 'project shown as chosen');
like($c, qr{<option value="payment" selected>订单待支付</option>}, 'status shown as chosen');
like($c, qr{<option value="renew" selected>证书更新</option>}, 'type shown as chosen');
like($c, qr{name="period".*name="project".*name="status".*name="type"}s, 'under the names of SPEC §12');
like($c, qr{<option value="all"[^>]*>所有订单</option>}, 'the period offers 所有订单');

# Columns of SPEC §9.
$r = get($ua, '/orders?status=shipped&project=GRZS');
$c = $r->decoded_content;
like($c, qr/<th scope="col"[^>]*>\Q$_\E<\/th>/, "column $_") for (qw(项目名称 订单号 创建时间 业务类型), "快递单号(顺丰)", qw(订单状态 证书类型 数量 总价 操作));
my ($shipped) = grep { $_->{state} eq 'shipped' && $_->{project} eq 'GRZS' } @seed;
like($c, qr/\Q$shipped->{tracking_no}\E/, 'a shipped order shows its tracking number');
like($c, qr/¥100\.00/, 'and its total in yuan');
like($c, qr/data-state="shipped"/, 'and its state');

# --- Actions by state (SPEC §9) ---
my %want = (
	draft => 'address,cancel,edit,view', manual_review => 'address,view', rejected => 'address,cancel,edit,view',
	deposit => 'address,deposit,view', payment => 'address,cancel,pay,view', production => 'address,view',
	shipped => 'view', completed => 'view', cancelled => 'view', closed => 'view',
);
for my $st (@states) {
	my $acts = row_actions(get($ua, "/orders?status=$st"));
	my @rows = grep { $_->{state} eq $st } @seed;
	my $ok = 1;
	for my $o (@rows) {
		my $w = $o->{tracking_no} && $st eq 'production' ? 'view' : $want{$st};
		$ok = 0, diag("$o->{no} ($st): $acts->{ $o->{no} } not $w") unless ($acts->{ $o->{no} } // '') eq $w;
	}
	ok($ok && @rows, "$st: exactly " . $want{$st});
}
$c = get($ua, '/orders?status=payment')->decoded_content;
my ($pay) = grep { $_->{state} eq 'payment' } @seed;
like($c, qr{href="/orders/$pay->{no}/pay" data-action="pay"}, 'pay leads to the payment page');
like($c, qr{href="/orders/$pay->{no}/cancel" data-action="cancel"}, 'cancel leads to its confirmation');
like($c, qr{href="/orders/$pay->{no}" data-action="view"}, 'view leads to the detail page');

# --- Bad filter values: a clear 400, the list without them, nothing changed ---
my $before = count_orders();
for my $bad (
	['status=unknown', 'an unknown status'], ['status=%27%20OR%201%3D1%20--', 'an injected status'],
	['page=-1', 'page -1'], ['page=abc', 'page abc'], ['page=0', 'page 0'],
	['page=99999999999999999999', 'a page beyond any number'], ['page=1e3', 'page in exponent form'],
	['period=5y', 'an unknown period'], ['project=NOPE', 'an unknown project'],
	["project=ZQYL'%20OR%20'1'%3D'1", 'an injected project'], ['type=x%3BDROP%20TABLE%20orders', 'an injected type'],
	['status=%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'markup in a filter'],
) {
	my ($q, $name) = @$bad;
	$r = get($ua, "/orders?$q");
	is($r->code, 400, "$name: 400");
	like($r->decoded_content, qr/筛选条件不正确/, "$name: says so");
	is(scalar(order_nos($r)), 10, "$name: still lists the first page");
	unlike($r->decoded_content, qr/<script>alert/, "$name: nothing unescaped") if $q =~ /script/;
}
is(count_orders(), $before, 'bad filters changed nothing');
$r = get($ua, '/orders?status=draft&page=x');
is_deeply([order_nos($r)], [expect(status => 'draft')], 'a bad page keeps the good filters');
$r = get($ua, '/orders?page=1000000');
is($r->code, 200, 'a page far past the end: 200');
like($r->decoded_content, qr/class="empty-state".*这一页没有订单/s, 'an empty state, not an error');
like($r->decoded_content, qr{href="/orders">回到第一页</a>}, 'with the way back to page one');
$r = get($ua, '/orders?status=draft&page=2');
like($r->decoded_content, qr{href="/orders\?status=draft">回到第一页</a>}, 'keeping the filters');

# --- Page boundaries: 10, 11, 20 and 21 orders ---
my $uc = client('127.0.50.3');
my $cacc = register($uc);
my @mine;
sub add { my ($n) = @_; my $k = scalar @mine; push @mine, insert_orders($cacc->{id}, map { +{ days => 30 - ($k + $_) / 10 } } 1 .. $n) }
add(10);
$r = get($uc, '/orders');
is_deeply([order_nos($r)], [reverse @mine], '10 orders: one page, newest first');
unlike($r->decoded_content, qr/class="pager"/, '10 orders: no pager');
like($r->decoded_content, qr{共 <strong>10</strong> 个订单}, '10 orders: counted');
$r = get($uc, '/orders?page=2');
is($r->code, 200, '10 orders: page 2 answers');
like($r->decoded_content, qr/这一页没有订单/, '10 orders: page 2 is the empty state');
add(1);
$r = get($uc, '/orders');
is_deeply([order_nos($r)], [(reverse @mine)[0 .. 9]], '11 orders: ten on page 1');
is_deeply([sort keys %{ pager_links($r) }], [1, 2], '11 orders: the pager offers pages 1 and 2');
is_deeply([order_nos(get($uc, '/orders?page=2'))], [$mine[0]], '11 orders: the oldest alone on page 2');
add(9);
is_deeply([order_nos(get($uc, '/orders?page=2'))], [(reverse @mine)[10 .. 19]], '20 orders: page 2 is full');
like(get($uc, '/orders?page=2')->decoded_content, qr{共 <strong>20</strong> 个订单}, '20 orders: counted');
like(get($uc, '/orders?page=3')->decoded_content, qr/这一页没有订单/, '20 orders: page 3 is empty');
add(1);
is_deeply([order_nos(get($uc, '/orders?page=3'))], [$mine[0]], '21 orders: one on page 3');
is_deeply([sort keys %{ pager_links(get($uc, '/orders?page=3')) }], [1, 2, 3], '21 orders: three pages');
# 101 orders, 11 pages: the first, the last and two either side of the current one, gaps between.
add(80);
sub gaps { my @g = $_[0]->decoded_content =~ /class="pager-gap"/g; scalar @g }
for my $case ([1, [1, 2, 3, 11], 1], [2, [1, 2, 3, 4, 11], 1], [6, [1, 4, 5, 6, 7, 8, 11], 2],
    [9, [1, 7, 8, 9, 10, 11], 1], [11, [1, 9, 10, 11], 1]) {
	my ($p, $links, $gaps) = @$case;
	$r = get($uc, "/orders?page=$p");
	is(join(',', sort { $a <=> $b } keys %{ pager_links($r) }), join(',', @$links), "101 orders, page $p: links to @$links");
	is(gaps($r), $gaps, "101 orders, page $p: $gaps gap(s)");
	like($r->decoded_content, qr{aria-current="page" aria-label="第${p}页">$p<span class="pager-of"> / 11</span>}, "101 orders, page $p: marked current");
}

# --- 近一年 starts at the beginning of that calendar day a year ago, China time ---
{
	my $ue = client('127.0.50.5');
	my $eacc = register($ue);
	my @cst = gmtime(time + 8 * 3600);
	my $day_start = timegm_nocheck(0, 0, 0, $cst[3], $cst[4], $cst[5] + 1900 - 1) - 8 * 3600;
	my ($inside, $outside) = insert_orders($eacc->{id}, { days => (time - $day_start - 120) / 86400 },
		{ days => (time - $day_start + 120) / 86400 });
	is_deeply([order_nos(get($ue, '/orders?period=1y'))], [$inside], '近一年: from 00:00 of that day a year ago, not before');
	is_deeply([order_nos(get($ue, '/orders?period=all'))], [$inside, $outside], '所有订单: both');
}

# --- Counts each worker keeps follow every change the application makes ---
{
	my $uw = client('127.0.50.6');
	my $wacc = register($uw);
	my @drafts = insert_orders($wacc->{id}, map { +{ days => 10 + $_ / 10 } } 1 .. 12);
	my $counted = sub {
		my ($query) = @_;
		my %seen;
		# Enough requests to reach every worker of the pool, each with its own kept count.
		for (1 .. 12) {
			my ($n) = get($uw, "/orders?$query")->decoded_content =~ m{共 <strong>(\d+)</strong> 个订单};
			$seen{ $n // 'none' }++;
		}
		return join ',', sort keys %seen;
	};
	is($counted->('status=draft'), '12', '12 drafts, counted the same on every request');
	my $no = $drafts[0];
	my $form = get($uw, "/orders/$no/cancel");
	my ($v) = $form->decoded_content =~ /name="version" value="(\d+)"/;
	is(post($uw, "/orders/$no/cancel", [version => $v], csrf => csrf_from($form))->code, 303, 'one is cancelled');
	is($counted->('status=draft'), '11', 'then 11 drafts on every request, whichever worker answers');
	is($counted->('status=draft&page=2'), '11', 'on page 2 as well');
	is($counted->(''), '12', 'and still 12 orders in all');
}

# --- Other people's orders ---
$r = get($ub, '/orders');
like($r->decoded_content, qr/您还没有证书订单/, "another applicant's list is empty");
my $leak = grep { index($r->decoded_content, $_) >= 0 } @nos, @mine;
is($leak, 0, "and shows none of the others' order numbers");
is(scalar(listed('status=draft', $ub)), 0, 'not with a filter either');
is(get($ub, "/orders/$nos[0]")->code, 404, "another applicant's order is 404");

# --- The query at scale: EXPLAIN the statements as db.c has them ---
# 52,000 orders: one applicant with 2,000 (as scripts/bench has), 100 others with 500 each.
sub stmt_text {
	my ($name) = @_;
	open(my $fh, '<', "$s->{src}/fcgi/db.c") or die "db.c: $!";
	local $/;
	my $src = <$fh>;
	$src =~ /\[\Q$name\E\]\s*=\s*((?:\s*"(?:[^"\\]|\\.)*")+)\s*,/ or die "no $name in db.c";
	return join '', $1 =~ /"((?:[^"\\]|\\.)*)"/g;
}
sub explain_stmt {
	my ($name, @params) = @_;
	(my $q = stmt_text($name)) =~ s/\?/my $p = shift @params; $p =~ m{^\d+$} ? $p : "'$p'"/ge;
	return map { { table => $_->[2], type => $_->[3], key => $_->[5], rows => $_->[8], extra => $_->[9] // '' } }
		sql_rows("EXPLAIN $q");
}
my @pid = map { $_->[0] } sql_rows('SELECT id FROM projects ORDER BY id LIMIT 3');
sql("INSERT INTO accounts (username, phone, email, password_hash, created_at, password_changed_at)"
	. " SELECT CONCAT('bulk50_', seq), CONCAT('171', LPAD(seq, 8, '0')), 'bulk\@example.com', '!',"
	. " UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM seq_1_to_101");
my ($first) = map { $_->[0] } sql_rows("SELECT MIN(id) FROM accounts WHERE username LIKE 'bulk50\\_%'");
END { sql("DELETE FROM orders WHERE order_no LIKE 'BULK%'; DELETE FROM accounts WHERE username LIKE 'bulk50\\_%'") if $first }
sql("INSERT INTO orders (order_no, applicant_id, project_id, business_type, state, cert_type, years, quantity,"
	. " key_type, unit_fen, total_fen, created_at, updated_at)"
	. " SELECT CONCAT('BULK', LPAD(seq, 12, '0')), IF(seq <= 2000, $first, $first + 1 + seq MOD 100),"
	. " ELT(1 + seq MOD 3, $pid[0], $pid[1], $pid[2]), ELT(1 + seq MOD 4, 'new', 'renew', 'replace', 'revoke'),"
	. " ELT(1 + seq MOD 10, 'draft', 'manual_review', 'rejected', 'deposit', 'payment', 'production', 'shipped',"
	. " 'completed', 'cancelled', 'closed'), 'x', 1, 1, 'x', 1, 1,"
	. " UTC_TIMESTAMP() - INTERVAL (seq * 1800) SECOND, UTC_TIMESTAMP() FROM seq_1_to_52000;"
	. " UPDATE accounts SET orders_version = orders_version + 1 WHERE username LIKE 'bulk50\\_%';"
	. " ANALYZE TABLE orders");
is(sql("SELECT COUNT(*) FROM orders WHERE applicant_id = $first") + 0, 2000, 'one applicant has 2,000 orders');
my $year_ago = strftime('%Y-%m-%d %H:%M:%S', gmtime(time - 365 * 86400));
for my $case (
	['no filter', 0, '1000-01-01 00:00:00', 0, '', ''],
	['period', 0, $year_ago, 0, '', ''],
	['project', 0, '1000-01-01 00:00:00', $pid[1], '', ''],
	['status', 0, '1000-01-01 00:00:00', 0, 'payment', ''],
	['type', 0, '1000-01-01 00:00:00', 0, '', 'renew'],
	['all four', 0, $year_ago, $pid[0], 'closed', 'new'],
	['page 150', 1490, '1000-01-01 00:00:00', 0, '', ''],
) {
	my ($name, $offset, $since, $project, $state, $type) = @$case;
	my @filters = ($since, $project, $project, $state, $state, $type, $type);
	my ($page) = grep { $_->{table} eq 'orders' } explain_stmt('STMT_ORDER_LIST', $first, @filters, 10, $offset);
	is($page->{key} // '', 'orders_applicant', "list, $name: the ids come from orders_applicant");
	like($page->{extra}, qr/Using index(?! condition)/, "list, $name: from the index alone");
	unlike($page->{extra}, qr/filesort/, "list, $name: already in order");
	cmp_ok($page->{rows}, '<=', 2100, "list, $name: reads one applicant's entries at most");
	my @rest = grep { $_->{table} ne 'orders' && $_->{table} !~ /^<derived/ } explain_stmt('STMT_ORDER_LIST', $first, @filters, 10, $offset);
	is(scalar(grep { $_->{type} ne 'eq_ref' } @rest), 0, "list, $name: the page's rows by primary key");
	my ($count) = explain_stmt('STMT_ORDER_LIST_COUNT', $first, @filters);
	is($count->{key} // '', 'orders_applicant', "count, $name: orders_applicant");
	like($count->{extra}, qr/Using index(?! condition)/, "count, $name: from the index alone");
}

done_testing();
