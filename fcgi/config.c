/* config.c: process-wide configuration (conf/certdesk.hdf, overridden by $CERTDESK_CONF) */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"

static HDF *config;
static char home[PATH_MAX];

static int
read_file(HDF *hdf, const char *path)
{
	NEOERR *err;
	STRING str;

	err = hdf_read_file(hdf, path);
	if (err != STATUS_OK) {
		string_init(&str);
		nerr_error_string(err, &str);
		log_error(NULL, "config: cannot read %s: %s", path, str.buf != NULL ? str.buf : "?");
		string_clear(&str);
		nerr_ignore(&err);
		return -1;
	}
	return 0;
}

int
config_load(void)
{
	const char *env, *override;
	char path[PATH_MAX];
	int n;

	if (config != NULL)
		return 0;
	env = getenv("CERTDESK_HOME");
	if (env == NULL || env[0] == '\0')
		env = ".";
	if (realpath(env, home) == NULL) {
		log_error(NULL, "config: CERTDESK_HOME %s: %s", env, strerror(errno));
		return -1;
	}
	if (hdf_init(&config) != STATUS_OK)
		return -1;
	n = snprintf(path, sizeof(path), "%s/conf/certdesk.hdf", home);
	if (n < 0 || (size_t)n >= sizeof(path) || read_file(config, path) != 0)
		return -1;
	override = getenv("CERTDESK_CONF");
	if (override != NULL && override[0] != '\0' && read_file(config, override) != 0)
		return -1;
	return 0;
}

HDF *
config_hdf(void)
{
	return config;
}

const char *
config_home(void)
{
	return home;
}

const char *
config_get(const char *key, const char *def)
{
	return hdf_get_value(config, key, def);
}

long
config_long(const char *key, long def, long min, long max)
{
	const char *s = hdf_get_value(config, key, NULL);
	char *end;
	long v;

	if (s == NULL || s[0] == '\0')
		return def;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max) {
		log_warn(NULL, "config: %s=%s is not a number in [%ld, %ld]; using %ld", key, s, min, max, def);
		return def;
	}
	return v;
}

const char *
config_path(const char *key, const char *def)
{
	/* Paths are resolved once and cached in the config tree under Resolved.<key>. */
	char rkey[256], buf[PATH_MAX];
	const char *v, *cached;
	int n;

	n = snprintf(rkey, sizeof(rkey), "Resolved.%s", key);
	if (n < 0 || (size_t)n >= sizeof(rkey))
		return NULL;
	cached = hdf_get_value(config, rkey, NULL);
	if (cached != NULL)
		return cached;
	v = hdf_get_value(config, key, def);
	if (v == NULL)
		return NULL;
	if (v[0] == '/')
		n = snprintf(buf, sizeof(buf), "%s", v);
	else
		n = snprintf(buf, sizeof(buf), "%s/%s", home, v);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return NULL;
	if (hdf_set_value(config, rkey, buf) != STATUS_OK)
		return NULL; /* only on out of memory; the error object is leaked deliberately */
	return hdf_get_value(config, rkey, NULL);
}
