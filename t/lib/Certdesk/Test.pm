# Certdesk::Test: the tests' access to a running stack: HTTP clients, CSRF, SQL, logs
package Certdesk::Test;
use strict;
use warnings;
use utf8;
use Exporter 'import';
use File::Temp qw(tempdir);
use File::Temp ();
use HTTP::Cookies;
use HTTP::Request;
use IO::Socket::INET;
use LWP::UserAgent;
use Test::More ();

our @EXPORT_OK = qw(stack ua get post post_multipart csrf_from sql sql_rows app_url admin_url
	free_ports wait_until admin_cmd app_pids register_applicant sms_code staff_login staff_password
	uscc_check registry_enterprise);

my $src = $ENV{CERTDESK_SRC} // do { my $d = __FILE__; $d =~ s{/t/lib/Certdesk/Test\.pm$}{}; $d };
my $own;	# a stack this test file started itself (run alone with prove)

# Ports nothing listens on now.
sub free_ports {
	my ($n) = @_;
	my (@socks, @ports);
	for (1 .. $n) {
		my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0, Listen => 1, ReuseAddr => 1)
			or die "no free port: $!";
		push @socks, $s;
		push @ports, $s->sockport;
	}
	close $_ for @socks;
	return @ports;
}

# The stack under test: started by run-suite.pl, or here for a file run on its own.
sub stack {
	if (!$ENV{CERTDESK_TEST_VAR}) {
		my $tmp = tempdir('certdesk-t-XXXXXX', TMPDIR => 1, CLEANUP => 1);
		chmod 0711, $tmp;
		@ENV{qw(CERTDESK_PORT CERTDESK_ADMIN_PORT)} = free_ports(2);
		$ENV{CERTDESK_AUTH_RATE} //= '6000r/m';
		$ENV{CERTDESK_AUTH_BURST} //= 200;
		system("$src/scripts/stack", 'start', "$tmp/var") == 0
			or Test::More::BAIL_OUT('the stack did not start');
		$ENV{CERTDESK_TEST_VAR} = "$tmp/var";
		$own = "$tmp/var";
	}
	return {
		var => $ENV{CERTDESK_TEST_VAR},
		src => $src,
		build => $ENV{CERTDESK_BUILD} // $src,
		port => $ENV{CERTDESK_PORT},
		admin_port => $ENV{CERTDESK_ADMIN_PORT},
	};
}

END { system("$src/scripts/stack", 'stop', $own) if $own }

sub app_url { my ($path) = @_; stack(); return "https://127.0.0.1:$ENV{CERTDESK_PORT}$path" }
sub admin_url { my ($path) = @_; stack(); return "https://127.0.0.1:$ENV{CERTDESK_ADMIN_PORT}$path" }

# A browser-like client: cookies kept, redirects not followed, the self-signed certificate accepted.
sub ua {
	my $ua = LWP::UserAgent->new(
		cookie_jar => HTTP::Cookies->new,
		max_redirect => 0,
		timeout => 30,
		ssl_opts => { verify_hostname => 0, SSL_verify_mode => 0 },
		agent => 'certdesk-tests',
	);
	return $ua;
}

sub get {
	my ($ua, $path) = @_;
	return $ua->get($path =~ m{^https?://} ? $path : app_url($path));
}

# The CSRF token of the first form on a page (or of the sandbox echo's "csrf" line).
sub csrf_from {
	my ($res) = @_;
	my $c = $res->decoded_content // '';
	return $1 if $c =~ /name="csrf"\s+value="([0-9a-f]{64})"/;
	return $1 if $c =~ /value="([0-9a-f]{64})"\s+name="csrf"/;
	return $1 if $c =~ /^csrf ([0-9a-f]{64})$/m;
	return undef;
}

# POST urlencoded fields (array ref keeps order). csrf is added from $opt{csrf} when given.
sub post {
	my ($ua, $path, $fields, %opt) = @_;
	my @f = ref $fields eq 'HASH' ? %$fields : @$fields;
	push @f, csrf => $opt{csrf} if defined $opt{csrf};
	my $body = join '&', map { _enc($f[2 * $_]) . '=' . _enc($f[2 * $_ + 1]) } 0 .. @f / 2 - 1;
	my $req = HTTP::Request->new(POST => ($path =~ m{^https?://} ? $path : app_url($path)));
	$req->header('Content-Type' => $opt{content_type} // 'application/x-www-form-urlencoded');
	$req->content($body);
	return $ua->request($req);
}

sub _enc {
	my ($s) = @_;
	utf8::encode($s) if utf8::is_utf8($s);
	$s =~ s/([^A-Za-z0-9\-._~])/sprintf('%%%02X', ord $1)/ge;
	return $s;
}

# POST multipart/form-data built by hand so tests choose the boundary.
# parts: [name => value] for fields, [name => {filename, type, content}] for files.
sub post_multipart {
	my ($ua, $path, $parts, %opt) = @_;
	my $b = $opt{boundary} // ('----certdesk' . join '', map { int rand 10 } 1 .. 16);
	my $body = '';
	for my $p (@$parts) {
		my ($name, $v) = @$p;
		if (ref $v) {
			my $fn = $v->{filename};
			utf8::encode($fn) if utf8::is_utf8($fn);
			$body .= "--$b\r\nContent-Disposition: form-data; name=\"$name\"; filename=\"$fn\"\r\n"
				. 'Content-Type: ' . ($v->{type} // 'application/octet-stream') . "\r\n\r\n$v->{content}\r\n";
		} else {
			my $val = $v;
			utf8::encode($val) if utf8::is_utf8($val);
			$body .= "--$b\r\nContent-Disposition: form-data; name=\"$name\"\r\n\r\n$val\r\n";
		}
	}
	$body .= "--$b--\r\n";
	my $req = HTTP::Request->new(POST => ($path =~ m{^https?://} ? $path : app_url($path)));
	$req->header('Content-Type' => "multipart/form-data; boundary=$b");
	$req->content($body);
	return $ua->request($req);
}

# Run SQL as the database's root over the private socket; returns the raw output.
sub sql {
	my ($query) = @_;
	my $var = stack()->{var};
	open(my $fh, '-|', 'mariadb', '--no-defaults', "--socket=$var/run/mysqld.sock", '-u', 'root',
		'-N', '-B', 'certdesk', '-e', $query) or die "mariadb: $!";
	local $/;
	my $out = <$fh> // '';
	close $fh;
	return $out;
}

sub sql_rows {
	my ($query) = @_;
	return map { [split /\t/, $_, -1] } grep { length } split /\n/, sql($query);
}

# The code in the newest SMS sent to phone (polls the sandbox page, which the
# worker fills); with $after, waits for a code other than that one.
sub sms_code {
	my ($ua, $phone, $after) = @_;
	return wait_until(10, sub {
		my ($newest) = split /\n/, get($ua, "/sandbox/sms?phone=$phone")->decoded_content // '';
		my ($code) = ($newest // '') =~ /验证码\D*(\d{6})/;
		return defined $code && (!defined $after || $code ne $after) ? $code : undef;
	});
}

# Register a new applicant through the real screens; returns ($ua, $phone, $username, $password).
my $applicants = 0;
sub register_applicant {
	my $ua = ua();
	# Each applicant comes from its own loopback address, as real applicants do: the
	# per-IP SMS and login limits then hold for the suite without being loosened.
	$ua->local_address(sprintf('127.%d.%d.%d', 100 + $$ % 100, int(($applicants + 1) / 250) % 250, 1 + ($applicants + 1) % 250));
	my $phone = sprintf('13%d%08d', 5 + $$ % 5, ($$ * 100 + ++$applicants + int(rand 1000) * 10000) % 100000000);
	my $username = sprintf('app%d_%d', $$, $applicants);
	my $password = 'Qx7!vR2m#Lp9' . $applicants;
	my $r = get($ua, '/register');
	my $csrf = csrf_from($r);
	$r = post($ua, '/register', [phone => $phone, agree => 1, action => 'send_code'], csrf => $csrf);
	my $code = sms_code($ua, $phone) or die "no SMS code for $phone";
	$r = post($ua, '/register', [phone => $phone, sms_code => $code, action => 'verify'], csrf => $csrf);
	die 'verify failed: ' . $r->code unless $r->code == 303;
	$r = get($ua, '/register/profile');
	$csrf = csrf_from($r);
	$r = post($ua, '/register/profile', [username => $username, email => "$username\@example.com",
		password => $password, password2 => $password], csrf => $csrf);
	die 'profile failed: ' . $r->code unless $r->code == 303;
	return ($ua, $phone, $username, $password);
}

# Run certdesk-admin as the application user with the stack's configuration.
# Returns (exit status, combined output). %env adds environment variables.
sub admin_cmd {
	my ($args, %env) = @_;
	my $s = stack();
	local $ENV{CERTDESK_HOME} = $s->{src};
	local $ENV{CERTDESK_CONF} = $env{CERTDESK_CONF} // "$s->{var}/certdesk-local.hdf";
	my @cmd = ("$s->{build}/fcgi/certdesk-admin", @$args);
	unshift @cmd, 'runuser', '-u', 'certdesk', '--' if $> == 0;
	my ($infh, $infile);
	if (defined $env{stdin}) {
		($infh, $infile) = File::Temp::tempfile(UNLINK => 1);
		print $infh $env{stdin};
		close $infh;
	}
	my $pid = open(my $fh, '-|') // die "fork: $!";
	if (!$pid) {
		open(STDERR, '>&', \*STDOUT);
		open(STDIN, '<', $infile // '/dev/null') or die "stdin: $!";
		exec @cmd or die "exec: $!";
	}
	local $/;
	my $out = <$fh> // '';
	close $fh;
	return ($? >> 8, $out);
}

# The password staff_login gives a staff member: derived from the name, so a
# second call for the same name (another test file) logs in again.
sub staff_password { my ($username) = @_; return "Staff!${username}#7q" }

# A staff member with $role (reviewer, operator, finance, admin, or several
# comma-separated) made with `certdesk-admin staff add` (password on stdin) if
# new, logged in through /admin/login on the admin listener. Returns a ua
# whose staff session is on; admin_url('/admin/...') are its pages.
sub staff_login {
	my ($username, $role) = @_;
	my $password = staff_password($username);
	my ($rc, $out) = admin_cmd(['staff', 'add', $username, $role], stdin => "$password\n");
	die "staff add $username $role: $out" if $rc != 0 && $out !~ /already exists/;
	my $ua = ua();
	my $r = $ua->get(admin_url('/admin/login'));
	my $csrf = csrf_from($r) // die 'no csrf on /admin/login: ' . $r->code;
	$r = post($ua, admin_url('/admin/login'), [username => $username, password => $password], csrf => $csrf);
	die "staff login $username: " . $r->code unless $r->code == 303;
	return $ua;
}

# A credit code's GB 32100-2015 check character appended to its first 17 characters.
sub uscc_check {
	my ($first17) = @_;
	my $alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
	my @w = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28);
	my $sum = 0;
	$sum += index($alphabet, substr($first17, $_, 1)) * $w[$_] for 0 .. 16;
	return $first17 . substr($alphabet, (31 - $sum % 31) % 31, 1);
}

# A made-up enterprise of its own in the sandbox registry, so that automated
# review passes for it and no other test's orders are open for it. Returns
# { name, code, legal } (a valid credit code; %opt status => 'revoked' ...).
my $enterprises = 0;
sub registry_enterprise {
	my (%opt) = @_;
	my $alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';	# a code's 11th character may be a letter
	my $n = sprintf('%05d%03d', $$ % 100000, ++$enterprises);
	my $code = uscc_check('91350102MA' . substr($alphabet, int(rand 31), 1) . substr($n, 2));
	my %e = (code => $code, name => "福州测例${n}科技有限公司", legal => $opt{legal} // '陈测例');
	my $status = $opt{status} // 'active';
	# Names as hex: the client's character set cannot garble them.
	my ($name, $legal) = map { my $b = $_; utf8::encode($b); 'CONVERT(X' . "'" . unpack('H*', $b) . "'" . ' USING utf8mb4)' }
		@e{qw(name legal)};
	sql("INSERT INTO registry_sandbox (credit_code, name, legal_name, status, note) VALUES"
		. " ('$e{code}', $name, $legal, '$status', 'test') ON DUPLICATE KEY UPDATE name = VALUES(name),"
		. " legal_name = VALUES(legal_name), status = VALUES(status)");
	return \%e;
}

# The pids of the stack's certdesk.fcgi processes.
sub app_pids {
	my $var = stack()->{var};
	open(my $fh, '<', "$var/run/app.pgid") or return ();
	my $pgid = <$fh>;
	chomp $pgid;
	my @pids;
	for my $stat (glob '/proc/[0-9]*/stat') {
		open(my $s, '<', $stat) or next;
		my $line = <$s> // next;
		# pid (comm) state ppid pgrp ...
		next unless $line =~ /^(\d+) \((.*)\) \S+ \d+ (\d+) /;
		push @pids, $1 if $2 eq 'certdesk.fcgi' && $3 == $pgid;
	}
	return sort { $a <=> $b } @pids;
}

# Poll until $cond returns true (every 50 ms, at most $seconds). Returns the last result.
sub wait_until {
	my ($seconds, $cond) = @_;
	my $deadline = time + $seconds;
	my $r;
	while (1) {
		$r = $cond->();
		return $r if $r || time > $deadline;
		select(undef, undef, undef, 0.05);
	}
}

1;
