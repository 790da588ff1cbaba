# Tests for fcgi/invoice.c: VAT split, invoice number, capital numerals and the e-invoice XML (the C unit test t/unit/invoice-test.c)
use strict;
use warnings;
my $bin = ($ENV{CERTDESK_BUILD} // '.') . '/t/unit/invoice-test';
exec $bin or die "cannot run $bin: $!";
