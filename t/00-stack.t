# Tests for the running stack: health, static files, errors, security headers, the FastCGI socket
use strict;
use warnings;
use utf8;
use Test::More;
binmode(Test::More->builder->$_, ":encoding(UTF-8)") for qw(output failure_output todo_output);
use IO::Socket::INET;
use lib 't/lib';
use Certdesk::Test qw(stack ua get app_url admin_url);

my $s = stack();
my $ua = ua();

my $r = get($ua, '/healthz');
is($r->code, 200, 'healthz answers 200 over tls');
is($r->decoded_content, "ok\n", 'healthz says ok');
like($r->header('X-Request-Id') // '', qr/^[0-9a-f]{32}$/, 'app response carries a request id');

# Static files come from nginx, not from the application.
$r = get($ua, '/static/css/certdesk.css');
is($r->code, 200, 'stylesheet is served');
like($r->header('Content-Type') // '', qr{text/css}, 'stylesheet has its type');
ok(!defined $r->header('X-Request-Id'), 'static file has no app request id');
is($r->header('X-Content-Type-Options'), 'nosniff', 'static file carries nosniff');
$r = get($ua, '/static/');
is($r->code, 404, 'directory listing is off');
unlike($r->decoded_content, qr/Index of/i, 'no index page');
for my $p ('/.git/', '/.git/config', '/conf/', '/conf/certdesk.hdf', '/var/', '/var/keys/session.key',
	'/static/../conf/certdesk.hdf', '/schema/001-foundation.sql') {
	is(get($ua, $p)->code, 404, "$p is 404");
}

# Errors: the application's own pages, with the request id shown and logged.
$r = get($ua, '/no-such-page');
is($r->code, 404, 'unknown route is 404');
my $rid = $r->header('X-Request-Id') // '';
like($r->decoded_content, qr/\Q$rid\E/, '404 page shows the request id');
like($r->decoded_content, qr/页面不存在/, '404 page says what happened');
my $log = do { local (@ARGV, $/) = ("$s->{var}/log/app.log"); <> };
like($log, qr/\Q$rid\E GET \/no-such-page 404/, 'the same request id is in the log line');

$r = $ua->request(HTTP::Request->new(DELETE => app_url('/')));
is($r->code, 405, 'wrong method is 405');
like($r->decoded_content, qr/405/, '405 page names the status');
$r = $ua->request(HTTP::Request->new(PUT => app_url('/healthz')));
is($r->code, 405, 'put on healthz is 405');

# Every response, 4xx included, carries the security headers and no server version.
for my $case (['/', 200], ['/healthz', 200], ['/no-such-page', 404], ['/static/css/certdesk.css', 200],
	['/static/nope.css', 404], ['/admin', 404]) {
	my ($path, $code) = @$case;
	my $res = get($ua, $path);
	is($res->code, $code, "$path status $code");
	like($res->header('Content-Security-Policy') // '', qr/frame-ancestors 'none'/, "$path has csp");
	is($res->header('X-Content-Type-Options'), 'nosniff', "$path has nosniff");
	is($res->header('Referrer-Policy'), 'same-origin', "$path has referrer policy");
	like($res->header('Strict-Transport-Security') // '', qr/max-age=\d+/, "$path has hsts");
	is($res->header('Server'), 'nginx', "$path shows no server version");
}
unlike(get($ua, '/')->header('Content-Security-Policy'), qr/unsafe-inline/, 'csp allows no inline script');

# The home page and the content pages render.
$r = get($ua, '/');
like($r->decoded_content, qr/<html lang="zh-CN">/, 'home page is chinese');
like($r->decoded_content, qr/京ICP备/, 'footer shows the configured icp line');
unlike($r->decoded_content, qr/<script>|\son[a-z]+="/, 'no inline script or handlers');
is(get($ua, $_)->code, 200, "$_ renders") for qw(/service /faq /agreement);

# The staff console exists only on its own listener.
is(get($ua, '/admin')->code, 404, 'applicant listener answers 404 for /admin');
is(get($ua, '/admin/login')->code, 404, 'applicant listener answers 404 for /admin/login');
is(get($ua, admin_url('/healthz'))->code, 200, 'admin listener is up');

# TLS: only 1.2 and 1.3.
SKIP: {
	skip 'openssl missing', 2 unless -x '/usr/bin/openssl';
	my $old = `echo | openssl s_client -connect 127.0.0.1:$s->{port} -tls1_1 2>&1`;
	unlike($old, qr/Protocol\s*:\s*TLSv1\.1\b.*Cipher\s*:\s*[A-Z]/s, 'tls 1.1 is refused');
	my $new = `echo | openssl s_client -connect 127.0.0.1:$s->{port} -tls1_2 2>&1`;
	like($new, qr/TLSv1\.2/, 'tls 1.2 is accepted');
}

# The FastCGI socket: a unix socket, mode 0660, nothing on TCP.
my $sock = "$s->{var}/run/certdesk.sock";
ok(-S $sock, 'fastcgi socket is a unix socket');
is((stat $sock)[2] & 07777, 0660, 'fastcgi socket mode is 0660');
my $listen = `ss -ltnp 2>/dev/null`;
unlike($listen, qr/certdesk\.fcgi|multiwatch/, 'no certdesk process listens on tcp');
my @tcp = grep { /:$s->{port}\b|:$s->{admin_port}\b/ } split /\n/, $listen;
ok(!grep({ !/nginx/ } @tcp), 'only nginx listens on the public ports');

done_testing;
