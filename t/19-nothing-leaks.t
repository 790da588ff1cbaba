# Tests that no password, SMS code or session token appears in any log or in a database dump (after the account tests)
use strict;
use warnings;
use utf8;
use Encode qw(encode_utf8);
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/helpers";
use Test::More;
use Certdesk::Test qw(get post csrf_from stack);
use Certdesk::Accounts qw(client fresh_password code_for register login_password session_cookie secret
	secrets_file);

my $ip = '127.0.19.1';
my $var = stack()->{var};

# ---- a whole journey of its own, so that this file means something when run alone ----------------
my $ua = client($ip);
my $acct = register($ua);
secret(session_cookie($ua));
my $wrong = secret(fresh_password());
is(login_password(client($ip), $acct->{username}, $wrong)->code, 422, 'a wrong password');
my $c = client($ip);
is(login_password($c, $acct->{phone}, $acct->{password})->code, 303, 'a login');
secret(session_cookie($c));
my $csrf = csrf_from(get($c, '/login'));
post($c, '/login', [phone => $acct->{phone}, action => 'send_code'], csrf => $csrf);
my $code = code_for($c, $acct->{phone});
is(post($c, '/login', [phone => $acct->{phone}, sms_code => $code, action => 'login'], csrf => $csrf)->code, 303,
	'an SMS login');
secret(session_cookie($c));
my $r = client($ip);
$csrf = csrf_from(get($r, '/password/forgot'));
post($r, '/password/forgot', [phone => $acct->{phone}, action => 'send_code'], csrf => $csrf);
$code = code_for($r, $acct->{phone});
my $res = post($r, '/password/forgot', [phone => $acct->{phone}, sms_code => $code, action => 'verify'], csrf => $csrf);
is($res->code, 303, 'a reset code');
$r->cookie_jar->scan(sub { secret($_[2]) if $_[1] eq '__Host-cd_proof' });
my $new = fresh_password();
is(post($r, '/password/forgot', [password => $new, password2 => $new, action => 'reset'], csrf => $csrf)->code, 303,
	'a reset');
is(login_password(client($ip), $acct->{username}, $new)->code, 303, 'a login with the new password');

# ---- every secret the account tests typed or were given ---------------------------------------------
open(my $fh, '<:encoding(UTF-8)', secrets_file()) or die "secrets: $!";
chomp(my @secrets = <$fh>);
close $fh;
my %seen;
@secrets = grep { length && !$seen{$_}++ } @secrets;
my @codes = grep { /^\d{6}$/ } @secrets;
my @others = grep { !/^\d{6}$/ } @secrets;
cmp_ok(scalar @codes, '>=', 2, scalar(@codes) . ' SMS codes to look for');
cmp_ok(scalar @others, '>=', 6, scalar(@others) . ' passwords and tokens to look for');

# Six digits can occur by chance inside hashes, request ids and process ids: look for the
# code as a number of its own, in text with those taken out.
sub without_noise {
	my ($text) = @_;
	$text =~ s/\$argon2id\$[^'\s]*//g;
	$text =~ s/[0-9a-fA-F]{16,}//g;
	$text =~ s/\[\d+\]//g;
	return $text;
}

sub leaks {
	my ($text) = @_;
	my $plain = without_noise($text);
	return (grep({ index($text, encode_utf8($_)) >= 0 } @others), grep({ $plain =~ /(?<!\d)$_(?!\d)/ } @codes));
}

for my $log (sort glob("$var/log/*.log")) {
	open(my $lf, '<:raw', $log) or die "$log: $!";
	local $/;
	my $text = <$lf> // '';
	close $lf;
	my @found = leaks($text);
	is(scalar @found, 0, 'nothing in ' . ($log =~ s{.*/}{}r)) or diag('found: ' . join(' ', @found));
}

open(my $dump, '-|', 'mariadb-dump', '--no-defaults', "--socket=$var/run/mysqld.sock", '-u', 'root',
	'--skip-comments', 'certdesk') or die "mariadb-dump: $!";
binmode $dump;
my $sql = do { local $/; <$dump> } // '';
close $dump;
cmp_ok(length $sql, '>', 10000, 'a database dump');
like($sql, qr/INSERT INTO `accounts`/, 'with the accounts in it');
my @found = leaks($sql);
is(scalar @found, 0, 'no password, code or token in the database') or diag('found: ' . join(' ', @found));

done_testing();
