/* migrate.h: applies the numbered SQL files of schema/ in order, each once */
#ifndef CERTDESK_MIGRATE_H
#define CERTDESK_MIGRATE_H

/* Apply pending migrations from dir. Returns how many were applied, or -1. */
int migrate_run(const char *dir, int verbose);
/* Run every .sql file of dir (trusted, idempotent data such as demo projects). 0 or -1. */
int migrate_load_dir(const char *dir);

#endif
