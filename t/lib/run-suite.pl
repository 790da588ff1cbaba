# run-suite.pl: start a private stack on free ports in a temp dir, run prove over t/, tear it down
use strict;
use warnings;
use File::Copy qw(copy);
use File::Path qw(make_path remove_tree);
use File::Temp qw(tempdir);
use FindBin;
use lib "$FindBin::Bin";
use Certdesk::Test ();

my $src = $ENV{CERTDESK_SRC} // "$FindBin::Bin/../..";
my $tmp = tempdir('certdesk-test-XXXXXX', TMPDIR => 1);
chmod 0711, $tmp;
my $var = "$tmp/var";
my ($port, $admin_port) = Certdesk::Test::free_ports(2);
$ENV{CERTDESK_PORT} = $port;
$ENV{CERTDESK_ADMIN_PORT} = $admin_port;
$ENV{CERTDESK_WORKERS} //= 4;
# The suite makes many login/registration requests from one address;
# t/ tests the nginx limit on its own zone settings where it needs them.
$ENV{CERTDESK_AUTH_RATE} //= '6000r/m';
$ENV{CERTDESK_AUTH_BURST} //= 200;

my $stopped = 0;
sub stop_stack {
	return if $stopped++;
	system("$src/scripts/stack", 'stop', $var);
}
$SIG{INT} = $SIG{TERM} = sub { stop_stack(); exit 130 };

my $t0 = time;
my $status;
if (system("$src/scripts/stack", 'start', $var) != 0) {
	print STDERR "run-suite: the stack did not start\n";
	$status = 1;
} else {
	printf "# stack up in %ds on ports %d/%d (%s)\n", time - $t0, $port, $admin_port, $var;
	$ENV{CERTDESK_TEST_VAR} = $var;
	my @args = @ARGV ? @ARGV : ('-r', "$src/t");
	$status = system('prove', '-I', "$src/t/lib", @args) == 0 ? 0 : 1;
}
stop_stack();
if (my $dest = $ENV{CERTDESK_TEST_ARTIFACTS}) {
	make_path("$dest/log");
	copy($_, "$dest/log/") for glob("$var/log/*.log");
}
remove_tree($tmp) if $status == 0;
print STDERR "run-suite: logs kept in $var/log\n" if $status != 0;
exit $status;
