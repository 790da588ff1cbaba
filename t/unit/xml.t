# Tests for fcgi/xml.c: safe parsing of untrusted XML and the document builder (the C unit test t/unit/xml-test.c)
use strict;
use warnings;
my $bin = ($ENV{CERTDESK_BUILD} // '.') . '/t/unit/xml-test';
exec $bin or die "cannot run $bin: $!";
