/* page-projects.c: the project picker (SPEC §3): newest projects, the A-Z index, name search */
#include <string.h>

#include "log.h"
#include "pages.h"
#include "project.h"
#include "render.h"
#include "valid.h"

static const char *const groups[] = { "ABCDE", "FGHIJ", "KLMNO", "PQRST", "UVWXYZ" };

/* letter is one capital letter or one of the index groups; "" for all. */
static int
letter_valid(const char *s)
{
	size_t i;

	if (s[0] == '\0' || (s[0] >= 'A' && s[0] <= 'Z' && s[1] == '\0'))
		return 1;
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (strcmp(s, groups[i]) == 0)
			return 1;
	return 0;
}

/*
 * GET /projects?q=&letter=: 200, or 400 for a letter that is not in the
 * index or a search term that is too long or not text.
 */
int
page_projects(struct req *r)
{
	char q[260], letter[8], key[64];
	const char *raw_q = req_value(r, "q"), *raw_letter = req_value(r, "letter");
	size_t i;

	if (raw_q == NULL)
		raw_q = "";
	if (raw_letter == NULL)
		raw_letter = "";
	if (norm_text(raw_q, q, sizeof(q)) != 0 || utf8_length(q) < 0 || utf8_length(q) > 64 ||
	    norm_code(raw_letter, letter, sizeof(letter)) != 0 || !letter_valid(letter)) {
		req_set(r, "Page.error_text", hdf_get_value(r->hdf, "Lang.projects.bad_search", ""));
		return render_error(r, 400);
	}
	req_set(r, "Page.nav", "apply");
	req_set(r, "Page.title", hdf_get_value(r->hdf, "Lang.projects.title", ""));
	req_set(r, "Page.q", q);
	req_set(r, "Page.letter", letter);
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		snprintf(key, sizeof(key), "Page.groups.%zu.letters", i);
		req_set(r, key, groups[i]);
		snprintf(key, sizeof(key), "Page.groups.%zu.active", i);
		req_set(r, key, letter[0] != '\0' && strstr(groups[i], letter) != NULL ? "1" : "0");
	}
	if (project_picker_hdf(r->hdf, "Page", q, letter) != 0)
		return render_error(r, 500);
	return render_page(r, 200, "order/projects.cs");
}
