# Tests for text helpers: placeholders, masking, redirect targets (the C unit test t/unit/text-test.c)
use strict;
use warnings;
my $bin = ($ENV{CERTDESK_BUILD} // '.') . '/t/unit/text-test';
exec $bin or die "cannot run $bin: $!";
