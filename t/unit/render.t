# Tests for one ClearSilver parse tree rendered with many datasets, as fcgi/render.c does (the C unit test t/unit/render-test.c)
use strict;
use warnings;
my $bin = ($ENV{CERTDESK_BUILD} // '.') . '/t/unit/render-test';
exec $bin or die "cannot run $bin: $!";
