/* registry.h: the enterprise registry adapter automated review asks (SPEC §5): one interface, a sandbox behind it */
#ifndef CERTDESK_REGISTRY_H
#define CERTDESK_REGISTRY_H

/* What the registry holds for one organisation. */
struct registry_entry {
	char credit_code[19];
	char name[129];
	char legal_name[65];
	char status[16];	/* active (存续), revoked (吊销), deregistered (注销) */
};

enum registry_result {
	REGISTRY_FOUND,
	REGISTRY_NOT_FOUND,
	REGISTRY_UNAVAILABLE,	/* no answer: review cannot pass, a person decides */
};

/*
 * One implementation of the registry. lookup fills out for a credit code
 * (18 characters, already normalised). Requests never wait on a network
 * service other than MariaDB, so a production adapter answers from a copy
 * or cache its own job keeps fresh, behind this same interface.
 */
struct registry_adapter {
	const char *name;
	enum registry_result (*lookup)(const char *credit_code, struct registry_entry *out);
};

/* Look credit_code up with the adapter named by Registry.adapter (default sandbox). */
enum registry_result registry_lookup(const char *credit_code, struct registry_entry *out);

#endif
