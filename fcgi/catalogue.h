/* catalogue.h: every project and its choices, kept in each process's memory while catalogue.version stays put */
#ifndef CERTDESK_CATALOGUE_H
#define CERTDESK_CATALOGUE_H

#include <stddef.h>

#include "project.h"

/*
 * Projects change only by import, by an administrator retiring or offering
 * one again, or by an administrator's SQL, and every such change raises
 * catalogue.version in its own transaction (the triggers of
 * schema/070-versions.sql). A process keeps the whole catalogue
 * (tens of projects, a few kB each) and reloads it when the version it is
 * told differs from the one it loaded: an applicant's session row carries
 * the version (session.c calls catalogue_expect), so a logged-in page reads
 * no project rows at all. Without an expected version (staff pages, the
 * worker, the admin tool) each look-up asks the database for the version
 * first, one primary-key read.
 */

/* The version this request learned (0: none known; forget at the end of the request). */
void catalogue_expect(unsigned long long version);

/* The project with this code or id in *p: 0 found, 1 no such project, -1 database error (logged). */
int catalogue_by_code(const char *code, const struct project **p);
int catalogue_by_id(long id, const struct project **p);
/*
 * The id of the project with this code in the catalogue as this process has
 * it, without asking whether it is current (no database work); 0 when it is
 * not there. For a guess that the caller checks once the version is known.
 */
long catalogue_peek_id(const char *code);
/* Every project, active first, then by initial and name; NULL on a database error. */
const struct project *catalogue_list(size_t *n);

#endif
