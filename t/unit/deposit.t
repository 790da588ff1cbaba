# Tests for reading a micro-deposit amount in yuan (the C unit test t/unit/deposit-test.c)
use strict;
use warnings;
my $bin = ($ENV{CERTDESK_BUILD} // '.') . '/t/unit/deposit-test';
exec $bin or die "cannot run $bin: $!";
