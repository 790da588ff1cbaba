# with-stack.pl: run a browser script against the test stack (the suite's, or one of its own), with registry enterprises
# usage: perl -It/lib t/browser/with-stack.pl COMMAND [ARGS...]
# Sets CERTDESK_PORT (and the rest of Certdesk::Test's environment) and
# CERTDESK_BROWSER_ORGS: a JSON list of four enterprises of their own in the
# sandbox registry, so that each journey's order passes automated review.
use strict;
use warnings;
use Certdesk::Test qw(stack registry_enterprise);

@ARGV or die "usage: with-stack.pl COMMAND [ARGS...]\n";
stack();
my $orgs = '[' . join(',', map {
	my $e = registry_enterprise();
	sprintf('{"code":"%s","name":"%s","legal":"%s"}', @$e{qw(code name legal)});
} 1 .. 4) . ']';
utf8::encode($orgs) if utf8::is_utf8($orgs);
$ENV{CERTDESK_BROWSER_ORGS} = $orgs;
# system(), not exec: the END block of Certdesk::Test stops a stack started here.
system(@ARGV);
exit($? == 0 ? 0 : 1);
