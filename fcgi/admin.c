/* admin.c: certdesk-admin, the administrators' command line: migrate, keys, data loading */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "migrate.h"
#include "project.h"
#include "staff.h"
#include "valid.h"

static void
usage(FILE *f)
{
	fputs("usage: certdesk-admin COMMAND\n"
	    "  keys            create missing key files under Paths.keys (mode 0600)\n"
	    "  migrate         apply pending schema/ migrations, in order, each once\n"
	    "  load DIR        run every .sql file of DIR (idempotent data, e.g. schema/demo)\n"
	    "  project import FILE   create or update the projects of an HDF file (see schema/demo/projects.hdf)\n"
	    "  staff add USER ROLE   a staff account; ROLE reviewer, operator, finance or admin (or several,\n"
	    "                  comma-separated); the password is read from the first line of stdin\n"
	    "environment: CERTDESK_HOME (source tree), CERTDESK_CONF (override file)\n", f);
}

/* staff add USER ROLE: the password comes from stdin, never from the command line (ps, history). */
static int
staff_add(const char *username, const char *roles)
{
	char password[1100];
	size_t len;
	int why, rc;

	if (password_list_load(config_path("Paths.common_passwords", "conf/common-passwords.txt")) != 0) {
		fputs("certdesk-admin: cannot load the common-password list\n", stderr);
		return 1;
	}
	if (fgets(password, sizeof(password), stdin) == NULL) {
		fputs("certdesk-admin: give the password on stdin\n", stderr);
		return 1;
	}
	len = strcspn(password, "\r\n");
	password[len] = '\0';
	switch (staff_create(username, staff_roles_parse(roles), password, &why)) {
	case STAFF_CREATED:
		printf("staff %s added (%s)\n", username, roles);
		rc = 0;
		break;
	case STAFF_EXISTS:
		fprintf(stderr, "certdesk-admin: staff %s already exists\n", username);
		rc = 1;
		break;
	case STAFF_BAD_USERNAME:
		fputs("certdesk-admin: a username is 4-32 of A-Z a-z 0-9 _, not all digits\n", stderr);
		rc = 2;
		break;
	case STAFF_BAD_ROLE:
		fputs("certdesk-admin: ROLE is reviewer, operator, finance or admin (comma-separated)\n", stderr);
		rc = 2;
		break;
	case STAFF_BAD_PASSWORD:
		fprintf(stderr, "certdesk-admin: password refused: %s\n", valid_strerror(why));
		rc = 2;
		break;
	default:
		fputs("certdesk-admin: cannot add the staff member (see the log)\n", stderr);
		rc = 1;
		break;
	}
	explicit_bzero(password, sizeof(password));
	return rc;
}

int
main(int argc, char **argv)
{
	const char *keys;
	char dir[4096], err[256];
	int n, rc;

	log_set_program("certdesk-admin");
	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (config_load() != 0)
		return 1;
	keys = config_path("Paths.keys", "var/keys");
	if (strcmp(argv[1], "keys") == 0)
		return crypto_keys_create(keys) == 0 ? 0 : 1;
	if (crypto_init(keys) != 0)
		return 1;
	if (strcmp(argv[1], "migrate") == 0) {
		snprintf(dir, sizeof(dir), "%s/schema", config_home());
		n = migrate_run(dir, 1);
		if (n >= 0)
			printf("%d migration%s applied\n", n, n == 1 ? "" : "s");
		rc = n < 0 ? 1 : 0;
	} else if (strcmp(argv[1], "project") == 0 && argc == 4 && strcmp(argv[2], "import") == 0) {
		n = project_import_file(argv[3], err, sizeof(err));
		if (n < 0)
			fprintf(stderr, "certdesk-admin: %s\n", err);
		else
			printf("%d project%s imported\n", n, n == 1 ? "" : "s");
		rc = n < 0 ? 1 : 0;
	} else if (strcmp(argv[1], "staff") == 0 && argc == 5 && strcmp(argv[2], "add") == 0) {
		rc = staff_add(argv[3], argv[4]);
	} else if (strcmp(argv[1], "load") == 0 && argc == 3) {
		rc = migrate_load_dir(argv[2]) == 0 ? 0 : 1;
	} else {
		usage(stderr);
		rc = 2;
	}
	db_close();
	return rc;
}
