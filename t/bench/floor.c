/* floor.c: the benchmark's FastCGI floor: a bare libfcgi loop answering every request with a fixed body */
/*
 * Built by scripts/bench only, never part of certdesk: it measures what
 * nginx + libfcgi cost before any application work. usage: floor BYTES
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

int
main(int argc, char **argv)
{
	FCGX_Request fr;
	char head[256], *body;
	long len;
	int n;

	len = argc == 2 ? strtol(argv[1], NULL, 10) : 8192;
	if (len < 1 || len > (1L << 24))
		return 2;
	body = malloc((size_t)len);
	if (body == NULL)
		return 1;
	memset(body, 'x', (size_t)len);
	n = snprintf(head, sizeof(head),
	    "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %ld\r\n"
	    "Cache-Control: no-store\r\n\r\n", len);
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, 0, 0) != 0)
		return 1;
	/* libfcgi's own handler only sets a flag that a blocked accept never sees. */
	signal(SIGTERM, SIG_DFL);
	while (FCGX_Accept_r(&fr) >= 0) {
		FCGX_PutStr(head, n, fr.out);
		FCGX_PutStr(body, (int)len, fr.out);
		FCGX_Finish_r(&fr);
	}
	return 0;
}
