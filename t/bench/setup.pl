# setup.pl: scripts/bench's browser work on a running stack: the benchmark applicant, sessions, bodies
# usage: perl -It/lib t/bench/setup.pl DIR   (CERTDESK_TEST_VAR and CERTDESK_PORT set)
# Registers one applicant through the real pages, logs in with the password,
# and writes into DIR what the wrk scripts send (shell assignments in DIR/env):
# the session and pre-session cookies with their CSRF tokens, and request bodies.
use strict;
use warnings;
use Certdesk::Test qw(ua get post csrf_from register_applicant sql);

my $dir = shift // die "usage: setup.pl DIR\n";

sub cookie_of {
	my ($ua, $name) = @_;
	my $v;
	$ua->cookie_jar->scan(sub { $v = $_[2] if $_[1] eq $name });
	return $v // die "no cookie $name\n";
}

sub spit {
	my ($name, $data) = @_;
	open(my $fh, '>:raw', "$dir/$name") or die "$dir/$name: $!";
	print $fh $data;
	close $fh;
}

my (undef, $phone, $username, $password) = register_applicant();
my ($id) = sql("SELECT id FROM accounts WHERE username = '$username'") =~ /(\d+)/ or die "no account id\n";

# A logged-in session, through the password form like a browser.
my $ua = ua();
my $r = get($ua, '/login');
my $pre_csrf = csrf_from($r) // die "no csrf on /login\n";
$r = post($ua, '/login', [login => $username, password => $password], csrf => $pre_csrf);
die 'login failed: ' . $r->code . "\n" unless $r->code == 303;
$r = get($ua, '/orders/new?project=ZQYL');
my $csrf = csrf_from($r) // die "no csrf on /orders/new\n";
my $session = cookie_of($ua, '__Host-cd_session');

# Another browser that only saw the login page: what a login POST carries.
my $anon = ua();
$r = get($anon, '/login');
my $login_csrf = csrf_from($r) // die "no csrf on /login\n";
my $pre = cookie_of($anon, '__Host-cd_pre');

sub enc {
	my ($s) = @_;
	utf8::encode($s) if utf8::is_utf8($s);
	$s =~ s/([^A-Za-z0-9\-._~])/sprintf('%%%02X', ord $1)/ge;
	return $s;
}
sub form { my @f = @_; join '&', map { enc($f[2 * $_]) . '=' . enc($f[2 * $_ + 1]) } 0 .. $#f / 2 }

spit('login.body', form(login => $username, password => $password, csrf => $login_csrf));
# Step 2 as a browser sends it on 保存: every field, a draft kept as typed.
my @step2 = (org_name => '北京数字认证股份有限公司', org_id_type => 'uscc', org_id_no => '91110108722619411R',
	legal_name => '张三', legal_id_type => 'id_card', legal_id_no => '11010519491231002X', org_uid => '',
	agent_name => '李四', agent_id_type => 'id_card', agent_id_no => '11010519491231002X',
	agent_phone => '13800138000', agent_email => 'agent@example.com', agent_address => '北京市海淀区北四环西路68号',
	agent_dept => '信息部', same_person => '1', action => 'save', csrf => $csrf);
spit('step2.body', form(@step2));

# A 1 MiB upload: a 24-bit BMP just under 1 MiB (512 x 682) as the license, in the step 2 form.
my ($w, $h) = (512, 682);
my $pixels = $w * 3 * $h;
my $bmp = pack('A2 V v v V', 'BM', 54 + $pixels, 0, 0, 54)
	. pack('V V V v v V V V V V V', 40, $w, $h, 1, 24, 0, $pixels, 2835, 2835, 0, 0)
	. join('', map { chr(($_ * 7) & 255) x 3 } 0 .. $w * $h - 1);
my $b = '----certdeskbench7MA4YWxkTrZu0gW';
my $mp = '';
for my $i (0 .. $#step2 / 2) {
	my ($name, $value) = @step2[2 * $i, 2 * $i + 1];
	utf8::encode($value) if utf8::is_utf8($value);	# the tokens come decoded from pages; the image stays bytes
	$mp .= "--$b\r\nContent-Disposition: form-data; name=\"$name\"\r\n\r\n$value\r\n";
}
$mp .= "--$b\r\nContent-Disposition: form-data; name=\"license\"; filename=\"license.bmp\"\r\n"
	. "Content-Type: image/bmp\r\n\r\n$bmp\r\n--$b--\r\n";
spit('upload.body', $mp);

spit('env', join '', map { "$_->[0]='$_->[1]'\n" } (
	[BENCH_APPLICANT => $id], [BENCH_USERNAME => $username],
	[BENCH_SESSION => $session], [BENCH_CSRF => $csrf], [BENCH_PRE => $pre],
	[BENCH_UPLOAD_TYPE => "multipart/form-data; boundary=$b"], [BENCH_IMAGE_BYTES => length $bmp],
));
