# Tests for the RA messages (fcgi/ra.c), 顺丰 tracking numbers (fcgi/fulfil.c) and MIME mail (fcgi/mail.c): the C unit test t/unit/ra-test.c
use strict;
use warnings;
my $bin = ($ENV{CERTDESK_BUILD} // '.') . '/t/unit/ra-test';
exec $bin or die "cannot run $bin: $!";
