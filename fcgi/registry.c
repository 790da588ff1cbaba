/* registry.c: the enterprise registry adapter automated review asks (SPEC §5): one interface, a sandbox behind it */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "registry.h"

/* sandbox: the registry_sandbox table, loaded from schema/demo/registry.sql. */
static enum registry_result
sandbox_lookup(const char *credit_code, struct registry_entry *out)
{
	struct db_result res;
	enum registry_result rc = REGISTRY_NOT_FOUND;

	if (db_select(STMT_REGISTRY_SANDBOX_GET, &res, "s", credit_code) != 0)
		return REGISTRY_UNAVAILABLE;
	if (res.nrows == 1) {
		snprintf(out->credit_code, sizeof(out->credit_code), "%s", db_cell(&res, 0, 0));
		snprintf(out->name, sizeof(out->name), "%s", db_cell(&res, 0, 1));
		snprintf(out->legal_name, sizeof(out->legal_name), "%s", db_cell(&res, 0, 2));
		snprintf(out->status, sizeof(out->status), "%s", db_cell(&res, 0, 3));
		rc = REGISTRY_FOUND;
	}
	db_result_free(&res);
	return rc;
}

static const struct registry_adapter adapters[] = {
	{ "sandbox", sandbox_lookup },
};

enum registry_result
registry_lookup(const char *credit_code, struct registry_entry *out)
{
	const char *name = config_get("Registry.adapter", "sandbox");
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < sizeof(adapters) / sizeof(adapters[0]); i++)
		if (strcmp(adapters[i].name, name) == 0)
			return adapters[i].lookup(credit_code, out);
	log_error(NULL, "registry: no adapter named %s (Registry.adapter)", name);
	return REGISTRY_UNAVAILABLE;
}
