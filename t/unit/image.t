# Tests for image sniffing (the C unit test t/unit/image-test.c)
use strict;
use warnings;
my $bin = ($ENV{CERTDESK_BUILD} // '.') . '/t/unit/image-test';
exec $bin or die "cannot run $bin: $!";
