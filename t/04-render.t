# Tests for rendering with templates parsed once per process and the shared dataset lent to each request
use strict;
use warnings;
use utf8;
use Encode qw(decode_utf8);
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use Certdesk::Test qw(stack ua get post csrf_from register_applicant);

my $var = stack()->{var};
open(my $log, '<', "$var/log/app.log") or die "app.log: $!";
seek($log, 0, 2);	# only what this file causes

# Two applicants, each page many times: every worker renders both through the same parse trees.
my ($ua1, undef, $name1) = register_applicant();
my ($ua2, undef, $name2) = register_applicant();
my ($mine, $theirs) = (0, 0);
for my $i (1 .. 16) {
	for ([$ua1, $name1, $name2], [$ua2, $name2, $name1]) {
		my ($ua, $me, $other) = @$_;
		my $c = get($ua, '/orders/new?project=ZQYL')->decoded_content // '';
		$mine++ if index($c, $me) >= 0;
		$theirs++ if index($c, $other) >= 0;
	}
}
is($mine, 32, 'each applicant sees their own name on every page');
is($theirs, 0, 'nobody sees the other applicant');

# A value typed into a form comes back escaped, inside the form macros, on every render.
my $anon = ua();
my $csrf = csrf_from(get($anon, '/login'));
my $evil = '<b id="x">' . "'&";
my $escaped = 0;
for my $i (1 .. 3) {
	my $r = post($anon, '/login', [login => "$evil$i", password => "wrong-$i-Qz!"], csrf => $csrf);
	my $c = $r->decoded_content // '';
	$escaped++ if index($c, "&lt;b id=&quot;x&quot;&gt;&#39;&amp;$i") >= 0 && index($c, '<b id=') < 0;
}
is($escaped, 3, 'a typed value is html-escaped in the re-rendered form each time');

# Pages that set: their own labels (registration's steps) and pages using the shared ones (the wizard).
my $steps_register = qr/注册步骤.*手机号验证.*输入验证码.*填写用户信息/s;
my $steps_wizard = qr/申请步骤.*证书信息.*机构\/经办人信息.*发票信息/s;
my $ok = 0;
for my $i (1 .. 8) {
	my $reg = get(ua(), '/register')->decoded_content // '';
	my $wiz = get($ua1, '/orders/new?project=ZQYL')->decoded_content // '';
	$ok++ if $reg =~ $steps_register && $wiz =~ $steps_wizard && $wiz !~ /注册步骤/;
}
is($ok, 8, 'step labels set by one page never show on another');

my @changed = grep { /changed the shared dataset/ } map { decode_utf8($_) } <$log>;
is(scalar @changed, 0, 'no request wrote into the shared dataset') or diag(@changed);

done_testing();
