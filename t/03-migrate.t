# Tests for certdesk-admin migrate: idempotent, recorded, safe from two processes at once
use strict;
use warnings;
use Test::More;
use lib 't/lib';
use Certdesk::Test qw(stack sql admin_cmd);

my $s = stack();
my @files = sort map { m{/([^/]+)$} } glob "$s->{src}/schema/[0-9]*.sql";
ok(@files >= 1, 'there are migrations');

my ($rc, $out) = admin_cmd(['migrate']);
is($rc, 0, 'migrate on a migrated database succeeds');
like($out, qr/^0 migrations applied$/m, 'it applies nothing');
my $before = sql('SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version');
($rc, $out) = admin_cmd(['migrate']);
is($rc, 0, 'migrate a second time succeeds');
is(sql('SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version'), $before,
	'the second run changed nothing');
is(sql('SELECT COUNT(*) FROM schema_migrations') + 0, scalar @files, 'every file is recorded once');

# A fresh database migrated by two processes at once: each file applied exactly once.
sql('DROP DATABASE IF EXISTS certdesk_migtest');
sql('CREATE DATABASE certdesk_migtest CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
sql("GRANT ALL PRIVILEGES ON certdesk_migtest.* TO 'certdesk'\@'localhost'");
my $conf = "$s->{var}/migtest.hdf";
open(my $fh, '>', $conf) or die;
print $fh do { local (@ARGV, $/) = ("$s->{var}/certdesk-local.hdf"); <> }, "DB.name = certdesk_migtest\n";
close $fh;
chmod 0644, $conf;
my @kids;
for (1 .. 2) {
	my $pid = fork // die;
	if (!$pid) {
		my ($code) = admin_cmd(['migrate'], CERTDESK_CONF => $conf);
		exit $code;
	}
	push @kids, $pid;
}
my @codes = map { waitpid($_, 0); $? >> 8 } @kids;
is_deeply(\@codes, [0, 0], 'two concurrent migrations both succeed');
is(sql('SELECT COUNT(*) FROM certdesk_migtest.schema_migrations') + 0, scalar @files,
	'each migration was recorded once');
is(sql('SELECT COUNT(*) FROM (SELECT version FROM certdesk_migtest.schema_migrations GROUP BY version HAVING COUNT(*) > 1) d') + 0,
	0, 'no migration recorded twice');
like(sql("SHOW TABLES FROM certdesk_migtest LIKE 'audit_log'"), qr/audit_log/, 'the tables exist');
sql('DROP DATABASE certdesk_migtest');
unlink $conf;

($rc, $out) = admin_cmd(['nonsense']);
is($rc, 2, 'an unknown command exits 2');
like($out, qr/usage: certdesk-admin/, 'and prints the usage');

done_testing;
