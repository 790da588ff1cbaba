/* xml.h: the one libxml2 file: untrusted XML parsed with no DTD, no entities, no network, and a document builder */
#ifndef CERTDESK_XML_H
#define CERTDESK_XML_H

#include <stddef.h>

/* The largest document xml_parse reads (gateway notifications, RA responses). */
#define XML_INPUT_MAX 65536
/* Elements nested deeper than this are refused: nothing we read goes beyond a few levels. */
#define XML_DEPTH_MAX 16
/* At most this many leaf elements are kept. */
#define XML_LEAVES_MAX 1024

/*
 * A parsed document flattened into path/text pairs, one per leaf element
 * (an element without child elements), in document order: the path is the
 * element names from the root joined by '/' ("Response/Head/TxCode"), the
 * text its character data (CDATA included, references decoded) with
 * surrounding blanks trimmed. No libxml2 type leaves xml.c.
 */
struct xml_flat {
	size_t n;
	char **path;
	char **text;
};

/*
 * Parse untrusted bytes. Refused, with a short reason in err: empty or larger
 * than XML_INPUT_MAX; any DOCTYPE (seen by a byte scan before parsing, and by
 * a SAX hook during it, whatever the encoding), so no DTD is loaded and no
 * entity declared or expanded; anything not well-formed; deeper than
 * XML_DEPTH_MAX. The parser never touches the network (XML_PARSE_NONET) and
 * never substitutes entities. Returns 0 or -1; f is always initialised and
 * must be freed with xml_flat_free.
 */
int xml_parse(const char *buf, size_t len, struct xml_flat *f, char *err, size_t errsz);
/* The text of the first leaf at path, or NULL. */
const char *xml_get(const struct xml_flat *f, const char *path);
/* The text of the nth (from 0) leaf at path, or NULL. */
const char *xml_get_nth(const struct xml_flat *f, const char *path, int nth);
/* How many leaves are at path. */
int xml_count(const struct xml_flat *f, const char *path);
void xml_flat_free(struct xml_flat *f);

/*
 * Building a document: xml_new(root), then xml_open/xml_text/xml_attr/
 * xml_close in document order, then xml_finish. Element names must be XML
 * names; text must be valid UTF-8 without control characters (tab, CR and
 * LF allowed). The first refusal leaves the builder failed: every later call
 * returns -1 and xml_finish produces nothing.
 */
struct xml_builder;

struct xml_builder *xml_new(const char *root);
/* Open a child element of the current one; it becomes the current one. 0 or -1. */
int xml_open(struct xml_builder *b, const char *name);
/* Close the current element (never the root). 0 or -1. */
int xml_close(struct xml_builder *b);
/* A child element holding text (NULL: an empty element). 0 or -1. */
int xml_text(struct xml_builder *b, const char *name, const char *text);
/* An attribute of the current element. 0 or -1. */
int xml_attr(struct xml_builder *b, const char *name, const char *value);
/*
 * Serialise with a UTF-8 declaration into *out (malloc'd, NUL-terminated;
 * free() it) and free the builder. 0, or -1 with *out NULL.
 */
int xml_finish(struct xml_builder *b, char **out, size_t *len);
/* Free a builder that will not be finished. */
void xml_free(struct xml_builder *b);

#endif
