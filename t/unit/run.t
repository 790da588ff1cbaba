# Tests for running a transport program: input, status, environment, time limit (the C unit test t/unit/run-test.c)
use strict;
use warnings;
my $bin = ($ENV{CERTDESK_BUILD} // '.') . '/t/unit/run-test';
exec $bin or die "cannot run $bin: $!";
