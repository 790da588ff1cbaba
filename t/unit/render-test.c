/* render-test.c: TAP tests of what fcgi/render.c relies on: one ClearSilver parse tree rendered with many datasets */
/*
 * render.c parses each template once per process, with its shared dataset
 * (proto), and renders the same tree for every request by pointing the
 * tree's hdf at that request's dataset. These cases show that nothing of one
 * render reaches the next: var:, each:, loop:, macros with arguments, set:,
 * include:, functions of cgi_register_strfuncs, and that html escaping
 * (Config.VarEscapeMode, read once at parse time) applies on every render,
 * also inside macros and after a render that failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ClearSilver.h>

#include "tap.h"

static void
spit(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
}

static NEOERR *
to_string(void *ctx, char *s)
{
	return string_append((STRING *)ctx, s);
}

/* Fails on the 9th piece of output: inside each:, in the macro it calls. */
static NEOERR *
failing(void *ctx, char *s)
{
	static int calls;

	if (++calls == 9)
		return nerr_raise(NERR_IO, "the client went away");
	return string_append((STRING *)ctx, s);
}

/* Render the tree with hdf as render.c does; returns a malloc'd string ("" on error). */
static char *
render_with(CSPARSE *cs, HDF *shared, HDF *hdf, CSOUTFUNC out)
{
	STRING str;
	NEOERR *err;

	string_init(&str);
	cs->hdf = hdf;
	err = cs_render(cs, &str, out);
	cs->hdf = shared;
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		string_clear(&str);
		return strdup("");
	}
	return str.buf != NULL ? str.buf : strdup("");
}

static HDF *
request(const char *name, const char *role, const char *item0, const char *item1)
{
	HDF *hdf;

	if (hdf_init(&hdf) != STATUS_OK)
		exit(1);
	hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	hdf_set_value(hdf, "Lang.hello", "Hello");
	hdf_set_value(hdf, "Page.name", name);
	hdf_set_value(hdf, "Page.role", role);
	if (item0 != NULL)
		hdf_set_value(hdf, "Page.items.0", item0);
	if (item1 != NULL)
		hdf_set_value(hdf, "Page.items.1", item1);
	return hdf;
}

int
main(void)
{
	char dir[] = "/tmp/render-test-XXXXXX";
	HDF *shared, *a, *b, *c;
	CSPARSE *cs = NULL;
	NEOERR *err;
	char *out;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	spit(dir, "macros.cs",
	    "<?cs def:field(label, value) ?>[<?cs var:label ?>=<?cs var:value ?>]<?cs /def ?>"
	    "<?cs def:row(item) ?><?cs set:Page.seen = Page.seen + 1 ?><li><?cs var:item ?></li><?cs /def ?>");
	spit(dir, "page.cs",
	    "<?cs include:\"macros.cs\" ?>"
	    "<?cs var:Lang.hello ?> <?cs var:Page.name ?>;"
	    "<?cs call:field(\"role\", Page.role) ?>;"
	    "<?cs if:Page.role == \"admin\" ?>A<?cs else ?>U<?cs /if ?>;"
	    "<ul><?cs each:i = Page.items ?><?cs call:row(i) ?><?cs /each ?></ul>"
	    "<?cs loop:n = 1, 2, 1 ?>#<?cs var:n ?><?cs /loop ?>;"
	    "seen=<?cs var:Page.seen ?>;"
	    "<?cs var:url_escape(Page.name) ?>;<?cs var:subcount(Page.items) ?>");

	/* The tree is parsed once, against the shared dataset, as render.c does with proto. */
	if (hdf_init(&shared) != STATUS_OK)
		return 1;
	hdf_set_value(shared, "Config.VarEscapeMode", "html");
	hdf_set_value(shared, "hdf.loadpaths.0", dir);
	err = cs_init(&cs, shared);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(cs);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, "page.cs");
	ok(err == STATUS_OK, "the page and its include parse once");
	if (err != STATUS_OK) {
		nerr_log_error(err);
		return 1;
	}

	a = request("<b>Ann</b>", "admin", "x<y", "\"q\"");
	b = request("Bob & Co", "user", "one", NULL);
	out = render_with(cs, shared, a, to_string);
	is_str(out, "Hello &lt;b&gt;Ann&lt;/b&gt;;[role=admin];A;<ul><li>x&lt;y</li><li>&quot;q&quot;</li></ul>"
	    "#1#2;seen=2;%3Cb%3EAnn%3C%2Fb%3E;2", "the first dataset renders, escaped, macros and all");
	free(out);
	out = render_with(cs, shared, b, to_string);
	is_str(out, "Hello Bob &amp; Co;[role=user];U;<ul><li>one</li></ul>#1#2;seen=1;Bob+%26+Co;1",
	    "the same tree renders the second dataset, nothing of the first");
	free(out);
	ok(hdf_get_value(shared, "Page.seen", NULL) == NULL, "set: wrote the request's dataset, not the shared one");
	is_str(hdf_get_value(b, "Page.seen", ""), "1", "set: wrote into the dataset being rendered");

	/* A render that fails half way (inside a macro in each:) leaves nothing behind either. */
	c = request("Cy", "user", "<i>", NULL);
	out = render_with(cs, shared, c, failing);
	is_str(out, "", "a failing render reports its error");
	free(out);
	hdf_destroy(&c);
	c = request("<script>alert(1)</script>", "user", "<i>", NULL);
	out = render_with(cs, shared, c, to_string);
	is_str(out, "Hello &lt;script&gt;alert(1)&lt;/script&gt;;[role=user];U;<ul><li>&lt;i&gt;</li></ul>#1#2;seen=1;"
	    "%3Cscript%3Ealert(1)%3C%2Fscript%3E;1", "after a failed render the next one is whole and escaped");
	free(out);
	hdf_destroy(&c);

	/* The first dataset again: the same bytes as the first time. */
	hdf_remove_tree(a, "Page.seen");
	out = render_with(cs, shared, a, to_string);
	is_str(out, "Hello &lt;b&gt;Ann&lt;/b&gt;;[role=admin];A;<ul><li>x&lt;y</li><li>&quot;q&quot;</li></ul>"
	    "#1#2;seen=2;%3Cb%3EAnn%3C%2Fb%3E;2", "rendering the first dataset again gives the same page");
	free(out);
	ok(cs->locals == NULL, "no local variable outlives a render");
	ok(cs->hdf == shared, "between renders the tree points at the shared dataset");

	cs_destroy(&cs);
	hdf_destroy(&a);
	hdf_destroy(&b);
	hdf_destroy(&shared);
	unlink(strcat(strcpy((char[600]){ 0 }, dir), "/macros.cs"));
	unlink(strcat(strcpy((char[600]){ 0 }, dir), "/page.cs"));
	rmdir(dir);
	return done_testing();
}
