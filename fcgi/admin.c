/* admin.c: certdesk-admin, the administrators' command line: migrate, keys, data loading */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "deposit.h"
#include "fulfil.h"
#include "log.h"
#include "migrate.h"
#include "outbox.h"
#include "payment.h"
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
	    "  outbox sms PHONE   queue one SMS to PHONE per line of stdin (certdesk-worker delivers them)\n"
	    "  outbox retry ID    deliver a failed outbox message again (as /admin/outbox does)\n"
	    "  jobs            run the worker's timed jobs once (close unpaid, complete shipped orders)\n"
	    "  invoice resend ORDER_NO   mail the order's e-invoice to its agent again\n"
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

/* outbox sms PHONE: one SMS per non-empty line of stdin. outbox retry ID. */
static int
outbox_command(int argc, char **argv)
{
	char line[1024];
	long long id;
	int n = 0, rc;

	if (argc == 4 && strcmp(argv[2], "sms") == 0) {
		if (valid_mobile(argv[3]) != VALID_OK) {
			fputs("certdesk-admin: not a mobile number\n", stderr);
			return 2;
		}
		while (fgets(line, sizeof(line), stdin) != NULL) {
			line[strcspn(line, "\r\n")] = '\0';
			if (line[0] == '\0')
				continue;
			if (outbox_sms(NULL, argv[3], line) != 0)
				return 1;
			n++;
		}
		printf("%d SMS queued\n", n);
		return 0;
	}
	if (argc == 4 && strcmp(argv[2], "retry") == 0 && sscanf(argv[3], "%lld", &id) == 1) {
		rc = outbox_retry(id);
		if (rc == 1)
			fputs("certdesk-admin: no failed message with that id\n", stderr);
		return rc == 0 ? 0 : 1;
	}
	usage(stderr);
	return 2;
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
	} else if (strcmp(argv[1], "outbox") == 0) {
		rc = outbox_command(argc, argv);
	} else if (strcmp(argv[1], "invoice") == 0 && argc == 4 && strcmp(argv[2], "resend") == 0) {
		rc = fulfil_invoice_resend(argv[3]);
		if (rc == 1)
			fputs("certdesk-admin: no such order, or it has no invoice\n", stderr);
		rc = rc == 0 ? 0 : 1;
	} else if (strcmp(argv[1], "jobs") == 0 && argc == 2) {
		payment_close_overdue();
		deposit_expire();
		fulfil_complete_due();
		rc = 0;
	} else if (strcmp(argv[1], "load") == 0 && argc == 3) {
		rc = migrate_load_dir(argv[2]) == 0 ? 0 : 1;
	} else {
		usage(stderr);
		rc = 2;
	}
	db_close();
	return rc;
}
