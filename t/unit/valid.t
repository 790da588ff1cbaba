# Tests for validation and normalisation (the C unit test t/unit/valid-test.c)
use strict;
use warnings;
my $src = $ENV{CERTDESK_SRC} // '.';
my $bin = ($ENV{CERTDESK_BUILD} // '.') . '/t/unit/valid-test';
exec $bin, "$src/conf/common-passwords.txt" or die "cannot run $bin: $!";
