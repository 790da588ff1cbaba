# Certdesk::Accounts: helpers of the account tests: clients on their own address, fresh numbers and names, registration, field errors, secrets
package Certdesk::Accounts;
use strict;
use warnings;
use utf8;
use Exporter 'import';
use Certdesk::Test qw(ua get post csrf_from sql stack sms_code);
use Test::More ();

our @EXPORT_OK = qw(client fresh_phone fresh_name fresh_password code_for register login_password
	errors session_cookie shown_user secret secrets_file);

# A browser on its own loopback address: the per-address limits (SMS sends,
# login failures) then count only what this test file does.
sub client {
	my ($ip) = @_;
	my $ua = ua();
	$ua->local_address($ip);
	return $ua;
}

my $n = 0;
# 199 + 8 digits, unique per test process.
sub fresh_phone { return sprintf('199%04d%04d', $$ % 10000, ++$n) }
sub fresh_name { my ($prefix) = @_; return sprintf('%s%d_%d', $prefix // 'u', $$, ++$n) }

# Every password and code a test types is written down, so that t/19-nothing-leaks.t
# can look for it in the logs and in a database dump.
sub secrets_file { return stack()->{var} . '/test-secrets.txt' }

sub secret {
	open(my $fh, '>>:encoding(UTF-8)', secrets_file()) or die "secrets: $!";
	print $fh "$_\n" for grep { defined && length } @_;
	close $fh;
	return $_[0];
}

sub fresh_password {
	my @c = ('a' .. 'z', 'A' .. 'Z', 0 .. 9);
	return secret('Tq#' . join('', map { $c[rand @c] } 1 .. 13));
}

# The code of the newest SMS to phone, waiting for one other than the last seen
# for that phone (the worker delivers within a second); written down as a secret.
my %last_code;
sub code_for {
	my ($ua, $phone) = @_;
	my $code = sms_code($ua, $phone, $last_code{$phone});
	return undef unless defined $code;
	$last_code{$phone} = $code;
	return secret($code);
}

# Register through the three screens; dies unless every step answers as it should.
# Returns { phone, username, password, id }; $ua is logged in afterwards.
sub register {
	my ($ua, %o) = @_;
	my $phone = $o{phone} // fresh_phone();
	my $username = $o{username} // fresh_name('user');
	my $password = $o{password} // fresh_password();
	my $csrf = csrf_from(get($ua, '/register'));
	my $r = post($ua, '/register', [phone => $phone, agree => 1, action => 'send_code'], csrf => $csrf);
	die 'send_code: ' . $r->code unless $r->code == 200;
	my $code = code_for($ua, $phone) or die "no SMS code for $phone";
	$r = post($ua, '/register', [phone => $phone, agree => 1, sms_code => $code, action => 'verify'], csrf => $csrf);
	die 'verify: ' . $r->code unless $r->code == 303;
	$csrf = csrf_from(get($ua, '/register/profile'));
	$r = post($ua, '/register/profile', [username => $username, email => "$username\@example.com",
		password => $password, password2 => $password], csrf => $csrf);
	die 'profile: ' . $r->code unless $r->code == 303;
	chomp(my $id = sql("SELECT id FROM accounts WHERE phone = '$phone'"));
	return { phone => $phone, username => $username, password => $password, id => $id };
}

sub login_password {
	my ($ua, $login, $password) = @_;
	my $csrf = csrf_from(get($ua, '/login'));
	return post($ua, '/login', [login => $login, password => $password], csrf => $csrf);
}

# The messages next to fields: { field => text } from data-error-for elements.
sub errors {
	my ($res) = @_;
	my %e;
	my $c = $res->decoded_content // '';
	while ($c =~ /data-error-for="([^"]+)"[^>]*>(.*?)<\/p>/gs) {
		my ($field, $text) = ($1, $2);
		$text =~ s/<[^>]*>//g;
		$text =~ s/^\s+|\s+$//g;
		$e{$field} = $text;
	}
	return \%e;
}

sub session_cookie {
	my ($ua) = @_;
	my $v;
	$ua->cookie_jar->scan(sub { $v = $_[2] if $_[1] eq '__Host-cd_session' });
	return $v;
}

# The username the page header shows, or undef when nobody is logged in.
sub shown_user {
	my ($ua) = @_;
	my $c = get($ua, '/')->decoded_content // '';
	return $c =~ /class="account-user"[^>]*>.*?<span class="visually-hidden">[^<]*<\/span>([^<]+)<\/span>/s ? $1 : undef;
}

1;
