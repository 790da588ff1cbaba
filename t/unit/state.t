# Tests for the order state machine's transition table (the C unit test t/unit/state-test.c)
use strict;
use warnings;
my $bin = ($ENV{CERTDESK_BUILD} // '.') . '/t/unit/state-test';
exec $bin or die "cannot run $bin: $!";
