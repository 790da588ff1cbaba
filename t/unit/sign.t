# Tests for the payment signature (fcgi/gateway.c, md5.c) against the public test vector (the C unit test t/unit/sign-test.c)
use strict;
use warnings;
my $bin = ($ENV{CERTDESK_BUILD} // '.') . '/t/unit/sign-test';
exec $bin or die "cannot run $bin: $!";
