# Tests for request parsing: urlencoded with charset, multipart with random boundaries, exact file bytes
use strict;
use warnings;
use utf8;
use Test::More;
binmode(Test::More->builder->$_, ":encoding(UTF-8)") for qw(output failure_output todo_output);
use Digest::SHA qw(sha256_hex);
use Encode qw(encode_utf8);
use lib 't/lib';
use Certdesk::Test qw(stack ua get post post_multipart csrf_from);

stack();
my $ua = ua();
my $r = get($ua, '/sandbox/echo');
is($r->code, 200, 'sandbox echo is on in the test stack');
my $csrf = csrf_from($r);
ok($csrf, 'echo gives a csrf token');

sub fields_of {
	my ($res) = @_;
	my %f;
	for (split /\n/, $res->decoded_content // '') {
		$f{$2} = { len => $3, sha => $4 } if /^(field) (\S+) (\d+) ([0-9a-f]{64})$/;
		$f{"file:$2"} = { len => $3, sha => $4, oversize => $5 } if /^(file) (\S+) (\d+) ([0-9a-f]{64}) oversize=(\d)$/;
	}
	return \%f;
}

# urlencoded, with and without "; charset=UTF-8".
for my $ct ('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=UTF-8',
	'application/x-www-form-urlencoded;charset=utf-8') {
	my $res = post($ua, '/sandbox/echo', [name => '中企云链', addr => '北京市 海淀区'], csrf => $csrf,
		content_type => $ct);
	is($res->code, 200, "urlencoded post ok ($ct)");
	my $f = fields_of($res);
	is($f->{name}{sha}, sha256_hex(encode_utf8('中企云链')), "chinese field kept ($ct)");
	is($f->{addr}{sha}, sha256_hex(encode_utf8('北京市 海淀区')), "inner space kept ($ct)");
}

# CSRF on every POST.
is(post($ua, '/sandbox/echo', [a => 1])->code, 403, 'post without csrf is 403');
is(post($ua, '/sandbox/echo', [a => 1], csrf => 'f' x 64)->code, 403, 'post with a wrong csrf is 403');
is(ua()->request(do {
	my $q = HTTP::Request->new(POST => Certdesk::Test::app_url('/sandbox/echo'));
	$q->header('Content-Type' => 'application/x-www-form-urlencoded');
	$q->content("csrf=$csrf");
	$q;
})->code, 403, 'a token without its cookie is 403');

# Multipart: 200 posts with random boundaries to a pool of 4 workers never lose a field.
my $lost = 0;
for my $i (1 .. 200) {
	my $blen = 1 + int rand 70;
	my @chars = ('0' .. '9', 'a' .. 'z', 'A' .. 'Z', "'", '(', ')', '+', '_', ',', '-', '.', '/', ':', '=', '?');
	my $b = join '', map { $chars[rand @chars] } 1 .. $blen;
	$b =~ s/[\s]$//;
	my $quoted = $b =~ /[()<>@,;:\\"\/\[\]?=]/;
	my $n = 1 + int rand 6;
	my @parts = map { ["f$_" => "值$_-" . ('x' x int rand 300)] } 1 .. $n;
	my $blob = join '', map { chr int rand 256 } 1 .. int rand 5000;
	push @parts, [upload => { filename => 'a.bin', content => $blob }];
	my $req = HTTP::Request->new(POST => Certdesk::Test::app_url('/sandbox/echo'));
	my $body = '';
	for my $p (['csrf' => $csrf], @parts) {
		my ($name, $v) = @$p;
		if (ref $v) {
			$body .= "--$b\r\nContent-Disposition: form-data; name=\"$name\"; filename=\"$v->{filename}\"\r\n"
				. "Content-Type: application/octet-stream\r\n\r\n$v->{content}\r\n";
		} else {
			$body .= "--$b\r\nContent-Disposition: form-data; name=\"$name\"\r\n\r\n" . encode_utf8($v) . "\r\n";
		}
	}
	$body .= "--$b--\r\n";
	$req->header('Content-Type' => 'multipart/form-data; boundary=' . ($quoted ? "\"$b\"" : $b));
	$req->content($body);
	my $res = $ua->request($req);
	my $f = fields_of($res);
	my $ok = $res->code == 200;
	for my $p (@parts) {
		my ($name, $v) = @$p;
		if (ref $v) {
			$ok &&= ($f->{"file:$name"}{sha} // '') eq sha256_hex($v->{content});
		} else {
			$ok &&= ($f->{$name}{sha} // '') eq sha256_hex(encode_utf8($v));
		}
	}
	$lost++ unless $ok;
}
is($lost, 0, '200 multipart posts with random boundaries lost nothing');

# Files arrive byte-identical, including sizes around the 4 KiB reads of the kit's parser.
for my $size (0, 1, 4095, 4096, 4097, 8191, 8192, 1048576) {
	my $content = join '', map { chr(($_ * 7 + 13) % 256) } 0 .. $size - 1;
	$content =~ s/\A(.{0,})\z/$1/s;
	substr($content, -1, 1) = "\r" if $size > 0;	# a CR right before the closing delimiter
	my $res = post_multipart($ua, '/sandbox/echo', [[csrf => $csrf], [doc => { filename => '文件.png', content => $content }], [after => '后']]);
	my $f = fields_of($res);
	is($f->{'file:doc'}{len}, $size, "file of $size bytes has its length");
	is($f->{'file:doc'}{sha}, sha256_hex($content), "file of $size bytes is byte-identical");
	is($f->{after}{sha}, sha256_hex(encode_utf8('后')), "field after a $size-byte file is kept");
}

# A file over 1 MiB is flagged, not an error; the fields still arrive.
my $res = post_multipart($ua, '/sandbox/echo', [[csrf => $csrf], [doc => { filename => 'big.jpg', content => 'x' x (1048576 + 1) }], [note => '备注']]);
is($res->code, 200, 'oversize file is not a failed request');
is(fields_of($res)->{'file:doc'}{oversize}, 1, 'oversize file is flagged');
is(fields_of($res)->{note}{sha}, sha256_hex(encode_utf8('备注')), 'field after an oversize file is kept');

# Malformed bodies are a 400, not a crash.
my $bad = HTTP::Request->new(POST => Certdesk::Test::app_url('/sandbox/echo'));
$bad->header('Content-Type' => 'multipart/form-data; boundary=zzz');
$bad->content("--zzz\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n$csrf\r\n--zzz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated");
is($ua->request($bad)->code, 400, 'multipart without its closing delimiter is 400');
$bad->header('Content-Type' => 'multipart/form-data');
is($ua->request($bad)->code, 400, 'multipart without a boundary is 400');
is(get($ua, '/healthz')->code, 200, 'the pool still answers after bad bodies');

# nginx refuses bodies over the per-location limit.
$res = post($ua, '/sandbox/echo', [csrf => $csrf, big => 'x' x (5 * 1024 * 1024)]);
is($res->code, 413, 'a body over 4 MiB is refused with 413');
$res = post($ua, '/', [csrf => $csrf, big => 'x' x (100 * 1024)]);
is($res->code, 413, 'a 100 KiB body where 64 KiB is allowed is 413');

done_testing;
