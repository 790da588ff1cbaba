# Tests for the order wizard: step 1 and prices, steps 2-3, normalisation, validation, uploads, privacy
use strict;
use warnings;
use utf8;
use Test::More;
binmode(Test::More->builder->$_, ":encoding(UTF-8)") for qw(output failure_output todo_output);
use Compress::Zlib qw(crc32);
use Encode qw(decode_utf8);
use lib 't/lib';
use Certdesk::Test qw(stack ua get post post_multipart csrf_from sql register_applicant);

my $s = stack();
my $fx = "$s->{src}/t/fixtures";
sub slurp { my ($f) = @_; open(my $h, '<:raw', $f) or die "$f: $!"; local $/; return scalar <$h> }
my %img = map { $_ => slurp("$fx/python.$_") } qw(jpg png gif bmp webp tiff);

# A PNG of exactly $size bytes: the fixture with a private ancillary chunk before IEND.
sub png_of_size {
	my ($size) = @_;
	my $png = $img{png};
	my $iend = substr($png, -12, 12, '');
	my $n = $size - length($png) - 12 - 12;
	my $chunk = 'prVt' . ('z' x $n);
	return $png . pack('N', $n) . $chunk . pack('N', crc32($chunk)) . $iend;
}

my ($ua, $phone) = register_applicant();
my $csrf;

sub step1 {
	my ($project, %f) = @_;
	my $r = get($ua, "/orders/new?project=$project");
	$csrf = csrf_from($r);
	return post($ua, '/orders', [project => $project, map { $_ => $f{$_} } sort keys %f], csrf => $csrf);
}
sub order_no { my ($r) = @_; return ($r->header('Location') // '') =~ m{/orders/([A-Z]+\d{20})/} ? $1 : undef }
sub count_orders { return sql('SELECT COUNT(*) FROM orders') + 0 }

my %step2 = (
	org_name => '福建测试科技有限公司', org_id_type => 'uscc', org_id_no => '91350100M000100Y43',
	legal_name => '张三', legal_id_type => 'id_card', legal_id_no => '11010519491231002X',
	agent_name => '李四', agent_id_type => 'id_card', agent_id_no => '11010519491231002X',
	agent_phone => '13800138000', agent_email => 'lisi@example.com', agent_address => '福建省福州市鼓楼区测试路1号',
	agent_dept => '财务部', same_person => 1, org_uid => 'UID-0001',
);
my %step3 = (
	invoice_title => '福建测试科技有限公司', invoice_tax_no => '91350100M000100Y43',
	invoice_address => '福建省福州市鼓楼区测试路1号', invoice_bank => '中国工商银行福州分行',
	invoice_account => '6222020200112233445', invoice_phone => '0591-87654321',
	ship_name => '李四', ship_address => '福建省福州市鼓楼区测试路1号', ship_phone => '13800138000',
);

sub post_step2 {
	my ($no, $fields, $files, $action) = @_;
	my $r = get($ua, "/orders/$no/edit?step=2");
	my $token = csrf_from($r);
	my @parts = ([csrf => $token], (map { [$_ => $fields->{$_}] } sort keys %$fields), [action => $action // 'next']);
	push @parts, map { [$_ => $files->{$_}] } sort keys %$files;
	return post_multipart($ua, "/orders/$no/edit?step=2", \@parts);
}
sub post_step3 {
	my ($no, $fields, $action) = @_;
	my $token = csrf_from(get($ua, "/orders/$no/edit?step=3"));
	return post($ua, "/orders/$no/edit?step=3", [(map { $_ => $fields->{$_} } sort keys %$fields), action => $action],
		csrf => $token);
}
sub file { my ($name, $content) = @_; return { filename => $name, content => $content, type => 'image/png' } }

# --- Anonymous and CSRF ---
my $anon = ua();
my $r = get($anon, '/orders/new?project=ZQYL');
is($r->code, 303, 'step one needs a login');
like($r->header('Location') // '', qr{^/login}, 'and sends to the login page');
my $before = count_orders();
$r = get($ua, '/orders/new?project=ZQYL');
is($r->code, 200, 'step one renders for an applicant');
like($r->decoded_content, qr/中企云链标准一代KEY/, 'it offers the project key');
like($r->decoded_content, qr/name="quantity" value="2"/, 'the fixed quantity is fixed');
is(post($ua, '/orders', [project => 'ZQYL', cert_type => 'enterprise', years => 1, key_type => 'zqyl_gen1'])->code,
	403, 'create without csrf is 403');
is(count_orders(), $before, 'and creates nothing');
is(get($ua, '/orders/new?project=NOPE')->code, 404, 'an unknown project is 404');
is(get($ua, '/orders/new')->code, 303, 'no project goes to the picker');
is(get($ua, '/orders/new')->header('Location'), '/projects', 'at /projects');

# --- Prices and tampering ---
my %expect = (	# project => [choices, total fen]
	ZQYL => [{ cert_type => 'enterprise', years => 2, key_type => 'zqyl_gen1' }, 2 * (2 * 30000 + 6000)],
	GRZS => [{ cert_type => 'personal', years => 1, quantity => 3, key_type => 'std_key' }, 3 * (12000 + 5000)],
	ZWFW => [{ cert_type => 'enterprise_seal', years => 3, quantity => 2, key_type => 'bio_key' }, 2 * (3 * 60000 + 15000)],
);
my %no;
for my $p (sort keys %expect) {
	$r = step1($p, %{ $expect{$p}[0] }, action => 'next');
	is($r->code, 303, "$p: step one creates a draft");
	$no{$p} = order_no($r);
	like($no{$p} // '', qr/^${p}\d{14}\d{6}$/, "$p: order number is code + time + 6 digits");
	like($r->header('Location'), qr{/edit\?step=2$}, "$p: next goes to step two");
	is(sql("SELECT CONCAT(state, ' ', total_fen) FROM orders WHERE order_no = '$no{$p}'"), "draft $expect{$p}[1]\n",
		"$p: draft with total $expect{$p}[1] fen");
}
$before = count_orders();
for my $bad (
	[{ cert_type => 'enterprise', years => 1, quantity => 3, key_type => 'zqyl_gen1' }, 'quantity', 'a quantity the fixed project does not offer'],
	[{ cert_type => 'enterprise', years => 5, key_type => 'zqyl_gen1' }, 'years', 'years not offered'],
	[{ cert_type => 'enterprise', years => 1, key_type => 'gold_key' }, 'key_type', 'a key type not offered'],
	[{ cert_type => 'personal', years => 1, key_type => 'zqyl_gen1' }, 'cert_type', 'a certificate type of another project'],
	[{ years => 1, key_type => 'zqyl_gen1' }, 'cert_type', 'no certificate type'],
	[{ cert_type => 'enterprise', years => 'x', key_type => 'zqyl_gen1' }, 'years', 'years not a number'],
) {
	my ($f, $field, $name) = @$bad;
	$r = step1('ZQYL', %$f, action => 'next');
	is($r->code, 422, "refused: $name");
	like($r->decoded_content, qr/data-error-for="$field"/, "message at $field: $name");
}
$r = step1('GRZS', cert_type => 'personal', years => 1, quantity => 11, key_type => 'std_key', action => 'next');
is($r->code, 422, 'a quantity above the maximum is refused');
$r = step1('GRZS', cert_type => 'personal', years => 1, quantity => 0, key_type => 'std_key', action => 'next');
is($r->code, 422, 'a quantity of zero is refused');
is(count_orders(), $before, 'refused step ones created nothing');

# Editing step one recomputes the price.
my $zq = $no{ZQYL};
$csrf = csrf_from(get($ua, "/orders/$zq/edit?step=1"));
$r = post($ua, "/orders/$zq/edit?step=1", [cert_type => 'enterprise', years => 3, key_type => 'zqyl_gen1', action => 'save'], csrf => $csrf);
is($r->code, 303, 'step one saves');
is(sql("SELECT total_fen FROM orders WHERE order_no = '$zq'") + 0, 2 * (3 * 30000 + 6000), 'the new total is stored');

# --- Step two: normalisation (pasted blanks, full-width) ---
my %pasted = (%step2,
	org_id_no => '９１３５ ０１００Ｍ０００ １００Ｙ４３',
	legal_id_no => ' 110105 19491231 002x ',
	agent_phone => '+86 138-0013-8000',
	org_name => '　福建测试科技有限公司 ',
);
$r = post_step2($zq, \%pasted, { license => file('license.png', $img{png}), authorization => file('auth.jpg', $img{jpg}) });
is($r->code, 303, 'step two with pasted blanks and full-width digits passes')
	or diag(join ', ', $r->decoded_content =~ /data-error-for="(\w+)"[^>]*>(?:<svg.*?<\/svg>)?([^<]*)/g);
like($r->header('Location') // '', qr/step=3/, 'and goes on to step three');
is(decode_utf8(sql("SELECT CONCAT(org_id_no, '|', org_name, '|', agent_phone) FROM orders WHERE order_no = '$zq'")),
	"91350100M000100Y43|福建测试科技有限公司|13800138000\n", 'stored normalised');
my $page = get($ua, "/orders/$zq/edit?step=2")->decoded_content;
like($page, qr/value="11010519491231002X"/, 'the ID number comes back normalised to its owner');

# --- Step two: every validator's bad input gives its message, a 422, and loses nothing ---
my $good_hash = sql("SELECT CONCAT(org_name, org_id_no, legal_id_hash, agent_email) FROM orders WHERE order_no = '$zq'");
for my $bad (
	[org_name => '', '不能为空'],
	[org_name => 'X' x 129, ''],
	[org_id_no => '91350100M000100Y44', ''],
	[org_id_no => '9135010OM000100Y43', ''],
	[legal_id_no => '110105194912310021', ''],
	[legal_id_no => '11010519490230002X', ''],
	[agent_id_no => '1101051949123100', ''],
	[agent_phone => '12800138000', ''],
	[agent_phone => '', '不能为空'],
	[agent_email => 'not-an-email', ''],
	[agent_address => '短', ''],
	[agent_address => '长' x 201, ''],
	[legal_name => '', '不能为空'],
	[same_person => '', ''],
	[org_id_type => 'passport', ''],
) {
	my ($field, $value, $message) = @$bad;
	$r = post_step2($zq, { %step2, $field => $value }, {});
	is($r->code, 422, "step two refuses $field = " . substr($value, 0, 20));
	like($r->decoded_content, qr/data-error-for="$field"/, "with a message at $field");
	like($r->decoded_content, qr/\Q$message\E/, "saying $message") if $message;
	like($r->decoded_content, qr/value="李四"/, "and keeps what was typed ($field)") unless $field eq 'agent_name';
	like($r->decoded_content, qr{/orders/$zq/files/license}, "and keeps the uploaded licence ($field)");
}
is(sql("SELECT CONCAT(org_name, org_id_no, legal_id_hash, agent_email) FROM orders WHERE order_no = '$zq'"), $good_hash,
	'refused steps changed nothing stored');
$r = post_step2($zq, { %step2, org_id_type => 'other', org_id_no => 'ABC-123' }, {});
is($r->code, 303, 'another organisation ID type takes 4-40 characters');
$r = post_step2($zq, { %step2, org_name => '' }, {}, 'save');
is($r->code, 303, '保存 keeps an incomplete draft');
is(sql("SELECT org_name FROM orders WHERE order_no = '$zq'"), "\n", 'as typed');
$r = post_step2($zq, \%step2, {}, 'next');
is($r->code, 303, 'and next works once it is complete');

# --- Uploads ---
my $gr = $no{GRZS};
for my $case (
	['exactly 1 MiB', png_of_size(1048576), 303],
	['1 MiB + 1 byte', png_of_size(1048577), 422, '图片大小不超过1M'],
	['html named .jpg', "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", 422, '支持.jpg'],
	['svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 422, '支持.jpg'],
	['pdf', "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", 422, '支持.jpg'],
	['gif/html polyglot', "GIF89a/*\x00\x00*/=1;<script>alert(1)</script>", 422, '支持.jpg'],
	['truncated png', substr($img{png}, 0, 200), 422, '支持.jpg'],
	['webp', $img{webp}, 422, '支持.jpg'],
	['tiff', $img{tiff}, 422, '支持.jpg'],
) {
	my ($name, $content, $code, $message) = @$case;
	$r = post_step2($gr, \%step2, { license => file('../../x.jpg', $content), authorization => file('a.gif', $img{gif}) });
	is($r->code, $code, "upload: $name answers $code");
	like($r->decoded_content, qr/data-error-for="license"[^>]*>.*\Q$message\E/s, "upload: $name says why") if $message;
}
is(sql("SELECT size FROM order_files f JOIN orders o ON o.id = f.order_id WHERE o.order_no = '$gr' AND kind = 'license'") + 0,
	1048576, 'the 1 MiB image is the one stored');
ok(!-e "$s->{src}/x.jpg" && !-e "$s->{var}/x.jpg", 'the filename ../../x.jpg wrote nothing anywhere');
for my $type (qw(jpg gif bmp png)) {
	$r = post_step2($gr, \%step2, { license => file("l.$type", $img{$type}) });
	is($r->code, 303, "a real .$type is accepted");
	is(sql("SELECT CONCAT(mime, ' ', width, 'x', height) FROM order_files f JOIN orders o ON o.id = f.order_id WHERE o.order_no = '$gr' AND kind = 'license'"),
		'image/' . ($type eq 'jpg' ? 'jpeg' : $type) . " 16x16\n", "stored as image/$type with its size");
}
$r = get($ua, "/orders/$gr/files/license");
is($r->code, 200, 'the owner gets the image back');
is($r->content, $img{png}, 'byte for byte');
is($r->header('Content-Type'), 'image/png', 'with the sniffed type');
is($r->header('X-Content-Type-Options'), 'nosniff', 'nosniff');
is($r->header('Content-Security-Policy'), 'sandbox', 'csp sandbox');
is($r->header('Cache-Control'), 'private, no-store', 'private, no-store');
is(get($ua, "/orders/$gr/files/seal")->code, 404, 'a kind never uploaded is 404');
is(get($ua, "/orders/$gr/files/passport")->code, 404, 'an unknown kind is 404');

# The project that requires seal and uid.
my $zw = $no{ZWFW};
$r = post_step2($zw, { %step2, org_uid => '' }, { license => file('l.png', $img{png}), authorization => file('a.png', $img{png}) });
is($r->code, 422, 'seal and uid are required where the project says so');
like($r->decoded_content, qr/data-error-for="org_uid"/, 'uid message');
like($r->decoded_content, qr/data-error-for="seal"/, 'seal message');
$r = post_step2($zw, \%step2, { seal => file('s.png', $img{png}) });
is($r->code, 303, 'with both it passes (earlier uploads kept)');

# --- Step three and submit ---
$r = post_step3($zq, { %step3, invoice_tax_no => '91350100M000100Y44' }, 'submit');
is($r->code, 422, 'a tax number with a wrong check character is refused');
like($r->decoded_content, qr/data-error-for="invoice_tax_no"/, 'with its message');
for my $bad ([invoice_account => '1234567'], [invoice_account => '1' x 33], [invoice_phone => '12345'],
	[ship_address => ''], [invoice_tax_no => '1234567890123456']) {
	$r = post_step3($zq, { %step3, @$bad }, 'submit');
	is($r->code, 422, "step three refuses $bad->[0] = $bad->[1]");
	like($r->decoded_content, qr/data-error-for="$bad->[0]"/, "message at $bad->[0]");
}
is(sql("SELECT state FROM orders WHERE order_no = '$zq'"), "draft\n", 'refused submits leave the draft');
$r = post_step3($zq, { %step3, invoice_account => '6222 0202 0011 2233 445', invoice_phone => '400-810-1234' }, 'submit');
is($r->code, 303, 'submit passes');
is($r->header('Location'), "/orders/$zq", 'and goes to the order page');
$page = get($ua, "/orders/$zq")->decoded_content;
like($page, qr/data-order-state="manual_review"/, 'the order left draft');
like($page, qr/data-order-no="$zq"/, 'the page names the order');
like($page, qr/110105\*{8}002X/, 'ID numbers are masked');
like($page, qr/138\*{4}8000/, 'phones are masked');
like($page, qr/\*{4}3445/, 'accounts are masked');
unlike($page, qr/6222020200112233445|11010519491231002X/, 'no number in the clear');
is(sql("SELECT GROUP_CONCAT(e.event ORDER BY e.id) FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.order_no = '$zq'"),
	"created,submitted\n", 'the submit is an event row');
is(get($ua, "/orders/$zq/edit?step=2")->code, 409, 'a submitted order is no longer editable');
is(post_step3($zq, \%step3, 'submit')->code, 409, 'and cannot be submitted twice');
for my $p (qw(GRZS ZWFW)) {
	$r = post_step3($no{$p}, \%step3, 'submit');
	is($r->code, 303, "$p: submits");
}
$r = step1('GRZS', cert_type => 'personal', years => 1, quantity => 1, key_type => 'std_key', action => 'next');
my $half = order_no($r);
$r = post_step3($half, \%step3, 'submit');
is($r->code, 422, 'submit from step three re-checks step two');
is(sql("SELECT state FROM orders WHERE order_no = '$half'"), "draft\n", 'and leaves an incomplete order a draft');

# --- The letter ---
$r = get($ua, "/orders/$gr/authorization-letter");
is($r->code, 200, 'the pre-filled letter renders');
like($r->decoded_content, qr/福建测试科技有限公司.*李四/s, 'with the organisation and the agent');
$r = get($ua, "/orders/$gr/authorization-letter?blank=1");
unlike($r->decoded_content, qr/李四/, 'the blank template has no data');

# --- Other people's orders are 404, never 403 ---
my ($ub) = register_applicant();
for my $path ("/orders/$gr", "/orders/$gr/edit?step=1", "/orders/$gr/edit?step=2", "/orders/$gr/files/license",
	"/orders/$gr/authorization-letter") {
	is(get($ub, $path)->code, 404, "another applicant gets 404 for $path");
}
my $bcsrf = csrf_from(get($ub, '/orders/new?project=GRZS'));
is(post($ub, "/orders/$gr/edit?step=3", [%step3, action => 'submit'], csrf => $bcsrf)->code, 404, 'and for submit');
is(post($ub, "/orders/$gr/edit?step=1", [cert_type => 'personal', years => 1, quantity => 1, key_type => 'std_key', action => 'save'],
	csrf => $bcsrf)->code, 404, 'and for saving');
is(get($ua, '/orders/ZQYL00000000000000000000')->code, 404, 'an unknown number is 404');
is(get($ua, "/orders/$half/edit?step=4")->code, 400, 'step 4 is 400');
is(get($ua, "/orders/$half/edit?step=x")->code, 400, 'a step that is not a number is 400');
is(post($ua, "/orders/$half/edit?step=2", [action => 'fly'], csrf => csrf_from(get($ua, "/orders/$half/edit?step=2")))->code,
	400, 'an unknown action is 400');

# --- Sealed at rest ---
my $dump = `mariadb-dump --no-defaults --socket=$s->{var}/run/mysqld.sock -u root certdesk 2>/dev/null`;
ok(length $dump > 10000, 'the dump has data');
unlike($dump, qr/11010519491231002X/, 'no ID number in the clear in the dump');
unlike($dump, qr/6222020200112233445/, 'no bank account in the clear in the dump');

done_testing;
