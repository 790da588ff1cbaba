# Tests for the applicant journey in a real browser: t/browser/journey.js in headless chromium prints the TAP
#
# Outside CI a missing chromium, node or npm skips the file; with CI=true it fails,
# because CI must have everything (scripts/test installs the "browser" set).
# node_modules comes from `npm ci` on first use (package-lock.json pins it).
# On a failure the page's screenshot and HTML go to $CERTDESK_TEST_ARTIFACTS/browser
# (t/browser/failures without it).
use strict;
use warnings;

my $ci = ($ENV{CI} // '') eq 'true';
my $dir = do { my $d = __FILE__; $d =~ s{/[^/]+$}{}; $d };

sub missing {
	my ($why) = @_;
	if ($ci) {
		print "1..1\nnot ok 1 - the browser suite can run in CI\n# $why\n";
		exit 1;
	}
	print "1..0 # SKIP $why\n";
	exit 0;
}

sub have { my ($cmd) = @_; return system("command -v $cmd >/dev/null 2>&1") == 0 }

my $chromium = $ENV{CERTDESK_CHROMIUM} // '/usr/bin/chromium';
-x $chromium or missing("no chromium at $chromium (scripts/deps browser installs it)");
have('node') && have('npm') or missing('node and npm are needed (scripts/deps browser installs them)');
my ($major) = (`node --version` // '') =~ /^v(\d+)/;
($major // 0) >= 20 or missing('playwright-core needs node 20 or later');
if (!-d "$dir/node_modules/playwright-core" || !-d "$dir/node_modules/axe-core") {
	system("npm ci --prefix '$dir' --no-audit --no-fund --loglevel=error >&2") == 0
		or missing('npm ci in t/browser failed');
}

$ENV{CERTDESK_CHROMIUM} = $chromium;
# node prints the TAP; with-stack.pl gives it the stack and the enterprises it applies for.
system($^X, '-I', "$dir/../lib", "$dir/with-stack.pl", 'node', "$dir/journey.js");
exit($? == 0 ? 0 : 1);
