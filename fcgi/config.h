/* config.h: process-wide configuration (conf/certdesk.hdf, overridden by $CERTDESK_CONF) */
#ifndef CERTDESK_CONFIG_H
#define CERTDESK_CONFIG_H

#include <ClearSilver.h>

/* Load the default file and the override once per process. 0 or -1 (logged). */
int config_load(void);
HDF *config_hdf(void);
const char *config_get(const char *key, const char *def);
/* An integer setting within [min, max]; the default when absent or out of range. */
long config_long(const char *key, long def, long min, long max);
/* A path setting made absolute against $CERTDESK_HOME; static buffer per key slot. */
const char *config_path(const char *key, const char *def);
const char *config_home(void);

#endif
