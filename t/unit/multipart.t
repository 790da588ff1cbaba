# Tests for the multipart/form-data parser (the C unit test t/unit/multipart-test.c)
use strict;
use warnings;
my $bin = ($ENV{CERTDESK_BUILD} // '.') . '/t/unit/multipart-test';
exec $bin or die "cannot run $bin: $!";
