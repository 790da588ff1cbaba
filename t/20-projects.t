# Tests for the project catalogue: the import command and the picker (/projects)
use strict;
use warnings;
use utf8;
use Test::More;
binmode(Test::More->builder->$_, ":encoding(UTF-8)") for qw(output failure_output todo_output);
use Encode qw(decode_utf8);
use lib 't/lib';
use Certdesk::Test qw(stack ua get sql admin_cmd);

my $s = stack();
my $ua = ua();

# The demo projects were imported when the stack started.
is(decode_utf8(sql("SELECT name FROM projects WHERE code = 'ZQYL'")), "中企云链证书申请项目\n",
	'ZQYL is there');
is(sql("SELECT CONCAT(qty_min, '-', qty_max) FROM projects WHERE code = 'ZQYL'"), "2-2\n", 'ZQYL is fixed at 2 certificates');
is(sql("SELECT GROUP_CONCAT(years ORDER BY years) FROM project_years y JOIN projects p ON p.id = y.project_id WHERE p.code = 'ZQYL'"),
	"1,2,3\n", 'ZQYL offers 1-3 years');
is(sql("SELECT COUNT(*) FROM project_roles r JOIN projects p ON p.id = r.project_id WHERE p.code = 'ZQYL'"), "2\n", 'ZQYL has two roles');
is(sql("SELECT CONCAT(requires_seal, requires_uid) FROM projects WHERE code = 'ZWFW'"), "11\n", 'one project requires seal and uid');
like(decode_utf8(sql("SELECT t.name FROM project_cert_types t JOIN projects p ON p.id = t.project_id WHERE p.code = 'GRZS'")),
	qr/个人证书/, 'one project sells personal certificates');

# Import is safe to run again, and updates in place.
my $before = sql('SELECT id, code, name, qty_min, qty_max, created_at FROM projects ORDER BY id');
my ($rc, $out) = admin_cmd(['project', 'import', "$s->{src}/schema/demo/projects.hdf"]);
is($rc, 0, 'importing the demo projects again succeeds');
like($out, qr/3 projects imported/, 'it says how many');
is(sql('SELECT id, code, name, qty_min, qty_max, created_at FROM projects ORDER BY id'), $before, 'nothing changed');
is(sql('SELECT COUNT(*) FROM project_cert_types') + 0, 4, 'child rows are replaced, not duplicated');

my $file = "$s->{var}/import-test.hdf";
sub import_text {
	my ($text) = @_;
	open(my $fh, '>:utf8', $file) or die;
	print $fh $text;
	close $fh;
	chmod 0644, $file;
	return admin_cmd(['project', 'import', $file]);
}
my $good = <<'HDF';
Projects.TEST {
  code = TEST
  name = 测试项目
  initial = C
  quantity.min = 1
  quantity.max = 3
  years = 1
  cert_types.0.code = enterprise
  cert_types.0.name = 企业普通证书
  cert_types.0.fen_per_year = 100
  key_types.0.code = k
  key_types.0.name = 钥匙
  key_types.0.fen = 1
}
HDF
($rc) = import_text($good);
is($rc, 0, 'a new project imports');
is(sql("SELECT qty_max FROM projects WHERE code = 'TEST'"), "3\n", 'with its values');
($rc) = import_text($good =~ s/quantity.max = 3/quantity.max = 5/r);
is(sql("SELECT qty_max FROM projects WHERE code = 'TEST'"), "5\n", 'a second import updates it');
for my $bad (
	[code => 'code = test', 'lower-case code'],
	[code => 'code = T', 'one-letter code'],
	[code => 'code = TOOLONGCODE', 'code over 8 letters'],
	[initial => 'initial = 1', 'initial not a letter'],
	[qty => "quantity.min = 4", 'min above max'],
	[years => 'years = 0', 'zero years'],
	[fen => 'fen_per_year = -1', 'negative price'],
	[name => 'name = X', 'one-character name'],
) {
	my ($what, $line, $name) = @$bad;
	my $text = $good;
	my $re = $what eq 'fen' ? qr/fen_per_year = 100/ : $what eq 'qty' ? qr/quantity.min = 1/ :
		$what eq 'years' ? qr/years = 1/ : $what eq 'initial' ? qr/initial = C/ : $what eq 'name' ? qr/name = 测试项目/ : qr/code = TEST/;
	$text =~ s/$re/$line/;
	my ($code, $msg) = import_text($text);
	isnt($code, 0, "import refuses $name");
	like($msg, qr/project/, "and says why ($name)");
}
is(sql("SELECT qty_max FROM projects WHERE code = 'TEST'"), "5\n", 'refused imports changed nothing');
sql("UPDATE projects SET active = 0 WHERE code = 'TEST'");

# The picker.
my $r = get($ua, '/projects');
is($r->code, 200, 'picker answers');
my $html = $r->decoded_content;
like($html, qr/最新项目/, 'shows newest projects');
like($html, qr/中企云链证书申请项目/, 'lists ZQYL');
like($html, qr{href="/orders/new\?project=ZQYL"}, 'links to step one of ZQYL');
unlike($html, qr/测试项目/, 'retired projects are hidden');
for my $g (qw(ABCDE FGHIJ KLMNO PQRST UVWXYZ)) {
	like($html, qr/\Q$g\E/, "index shows $g");
}

$r = get($ua, '/projects?letter=UVWXYZ');
is($r->code, 200, 'letter group answers');
like($r->decoded_content, qr/中企云链/, 'Z is in UVWXYZ');
unlike($r->decoded_content, qr/个人数字证书/, 'G is not');
$r = get($ua, '/projects?letter=G');
like($r->decoded_content, qr/个人数字证书/, 'a single letter works');
unlike($r->decoded_content, qr/中企云链证书申请项目/, 'and filters');

$r = get($ua, '/projects?q=' . '%E4%BA%91%E9%93%BE');	# 云链
like($r->decoded_content, qr/中企云链证书申请项目/, 'name search finds ZQYL');
unlike($r->decoded_content, qr/电子政务/, 'and only what matches');
$r = get($ua, '/projects?q=%20%E4%BA%91%E9%93%BE%E3%80%80');	# pasted blanks around
like($r->decoded_content, qr/中企云链证书申请项目/, 'search ignores surrounding blanks');
$r = get($ua, '/projects?q=%25');
unlike($r->decoded_content, qr/中企云链证书申请项目/, 'a percent sign is literal, not a wildcard');
like($r->decoded_content, qr/没有找到/, 'no match shows an empty state');
$r = get($ua, '/projects?q=%3Cscript%3E');
unlike($r->decoded_content, qr/<script>/, 'the search term is escaped');

is(get($ua, '/projects?letter=abc')->code, 400, 'a letter outside the index is 400');
is(get($ua, '/projects?letter=%C3%A9')->code, 400, 'a non-ascii letter is 400');
is(get($ua, '/projects?q=' . ('x' x 65))->code, 400, 'a search term over 64 characters is 400');
is(get($ua, '/projects?q=%FF%FE')->code, 400, 'invalid utf-8 is 400');

done_testing;
