/* xml.h: XML messages over libxml2 (the only file that includes it): the flat <xml><key>value</key>…</xml> of payment gateways */
#ifndef CERTDESK_XML_H
#define CERTDESK_XML_H

#include <stddef.h>

#define XML_FIELDS_MAX 32
#define XML_KEY_MAX 32
#define XML_VALUE_MAX 512

/* A flat message: each child element of the root is one key and its text (CDATA or not). */
struct xml_fields {
	unsigned int n;
	char key[XML_FIELDS_MAX][XML_KEY_MAX + 1];
	char value[XML_FIELDS_MAX][XML_VALUE_MAX + 1];
};

enum xml_result {
	XML_OK = 0,
	XML_MALFORMED = 1,	/* not well-formed, not flat, too big, an unknown root, a duplicate key */
	XML_DOCTYPE = 2,	/* a DOCTYPE (and so any entity declaration): refused before it is read */
};

/*
 * Parse untrusted bytes (a gateway notification or reply). The parser never
 * touches the network (XML_PARSE_NONET), never loads a DTD, never substitutes
 * entities, and stops at the first sign of a DOCTYPE, so no external entity
 * or DTD is ever fetched or read. The root element must be named root, every
 * child an element holding only text, with a name of [A-Za-z0-9_] (at most
 * XML_KEY_MAX) and a value of at most XML_VALUE_MAX bytes.
 */
enum xml_result xml_flat_parse(const char *buf, size_t len, const char *root, struct xml_fields *out);
/* The value of key, or NULL. */
const char *xml_field(const struct xml_fields *f, const char *key);
/* Append key=value. 0, or -1 when it does not fit. */
int xml_field_add(struct xml_fields *f, const char *key, const char *value);
/*
 * Serialise as <root><key><![CDATA[value]]></key>…</root> (no XML
 * declaration, as gateways send it). *out is malloc'd: free() it. 0 or -1.
 */
int xml_flat_build(const struct xml_fields *f, const char *root, char **out, size_t *len);

#endif
