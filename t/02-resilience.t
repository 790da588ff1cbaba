# Tests for resilience: a worker killed under load, MariaDB going away and coming back
use strict;
use warnings;
use Test::More;
use IO::Handle;
use lib 't/lib';
use Certdesk::Test qw(stack ua get app_pids wait_until);

my $s = stack();
my $ua = ua();
my @before = app_pids();
ok(@before >= 2, 'the pool has several workers (' . scalar(@before) . ')');

# kill -9 one worker while a client keeps requesting: at most the in-flight request fails.
pipe(my $rd, my $wr) or die;
my $child = fork // die;
if (!$child) {
	close $rd;
	$wr->autoflush(1);
	my $cua = ua();
	print $wr get($cua, '/')->code, "\n" for 1 .. 300;
	exit 0;
}
close $wr;
my @codes;
while (my $line = <$rd>) {
	chomp $line;
	push @codes, $line;
	kill 'KILL', $before[0] if @codes == 50;
}
waitpid $child, 0;
is(scalar @codes, 300, 'the client made all its requests');
my $failed = grep { $_ != 200 } @codes;
cmp_ok($failed, '<=', 1, "at most the in-flight request failed ($failed)");
my $next_ok = grep { get($ua, '/healthz')->code == 200 } 1 .. 20;
is($next_ok, 20, 'the next requests all succeed');
ok(wait_until(10, sub { my @p = app_pids(); @p == @before && !grep { $_ == $before[0] } @p }),
	'multiwatch replaced the killed worker');

# MariaDB goes away: /healthz says so with 503 and no worker dies; it comes back by itself.
my @pids = app_pids();
my $hold = "$s->{var}/run/mariadb.hold";
open(my $h, '>', $hold) or die;
close $h;
open(my $pf, '<', "$s->{var}/run/mysqld.pid") or die "mysqld.pid: $!";
my $dbpid = <$pf>;
chomp $dbpid;
kill 'TERM', $dbpid;
ok(wait_until(60, sub { !kill 0, $dbpid }), 'mariadb stopped');
my $r = get($ua, '/healthz');
is($r->code, 503, 'healthz is 503 without the database');
isnt($r->decoded_content, "ok\n", 'healthz does not say ok');
is(get($ua, '/healthz')->code, 503, 'still 503 on the next request') for 1 .. 4;
is(get($ua, '/')->code, 200, 'pages without data still render');
is_deeply([app_pids()], \@pids, 'no worker died while the database was down');
unlink $hold;
ok(wait_until(60, sub { get($ua, '/healthz')->code == 200 }), 'healthz is ok again once mariadb is back');
my $all_ok = grep { get($ua, '/healthz')->code == 200 } 1 .. 8;
is($all_ok, 8, 'every worker reconnected');
is_deeply([app_pids()], \@pids, 'workers reconnected without restarting');

done_testing;
