/* xml.c: the one libxml2 file: untrusted XML parsed with no DTD, no entities, no network, and a document builder */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "xml.h"

/* Set by the SAX hooks below while a document is parsed; one parse at a time per process. */
static int doctype_seen;

/*
 * libxml2 calls these as soon as it has read "<!DOCTYPE name [ids]" (or, in
 * a document that somehow got past that, an entity declaration or an
 * external entity to resolve): stop before anything is declared or loaded.
 */
static void
on_subset(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	doctype_seen = 1;
	xmlStopParser((xmlParserCtxtPtr)ctx);
}

static void
on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id, const xmlChar *system_id,
    xmlChar *content)
{
	doctype_seen = 1;
	xmlStopParser((xmlParserCtxtPtr)ctx);
}

static xmlParserInputPtr
on_resolve(void *ctx, const xmlChar *public_id, const xmlChar *system_id)
{
	doctype_seen = 1;
	xmlStopParser((xmlParserCtxtPtr)ctx);
	return NULL;
}

static void
set_err(char *err, size_t errsz, const char *msg)
{
	if (err != NULL && errsz > 0)
		snprintf(err, errsz, "%s", msg);
}

void
xml_flat_free(struct xml_flat *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->path[i]);
		free(f->text[i]);
	}
	free(f->path);
	free(f->text);
	memset(f, 0, sizeof(*f));
}

static int
add_leaf(struct xml_flat *f, const char *path, const char *text)
{
	size_t a, b;
	char **p, **t;

	if (f->n >= XML_LEAVES_MAX)
		return -1;
	if ((f->n & (f->n - 1)) == 0) {	/* grow at 0, 1, 2, 4, 8 ... */
		p = realloc(f->path, (f->n == 0 ? 1 : 2 * f->n) * sizeof(*p));
		if (p == NULL)
			return -1;
		f->path = p;
		t = realloc(f->text, (f->n == 0 ? 1 : 2 * f->n) * sizeof(*t));
		if (t == NULL)
			return -1;
		f->text = t;
	}
	/* Trim blanks around the text. */
	a = strspn(text, " \t\r\n");
	b = strlen(text);
	while (b > a && strchr(" \t\r\n", text[b - 1]) != NULL)
		b--;
	f->path[f->n] = strdup(path);
	f->text[f->n] = strndup(text + a, b - a);
	if (f->path[f->n] == NULL || f->text[f->n] == NULL) {
		free(f->path[f->n]);
		free(f->text[f->n]);
		return -1;
	}
	f->n++;
	return 0;
}

/* Flatten el (at depth) into f: leaves become path/text pairs. 0 or -1 with err. */
static int
walk(xmlNodePtr el, const char *parent, int depth, struct xml_flat *f, char *err, size_t errsz)
{
	char path[1024];
	xmlNodePtr c;
	xmlChar *text;
	int leaf = 1, n, rc;

	if (depth > XML_DEPTH_MAX) {
		set_err(err, errsz, "XML nested too deeply");
		return -1;
	}
	n = parent[0] != '\0' ? snprintf(path, sizeof(path), "%s/%s", parent, (const char *)el->name) :
	    snprintf(path, sizeof(path), "%s", (const char *)el->name);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		set_err(err, errsz, "XML path too long");
		return -1;
	}
	for (c = el->children; c != NULL; c = c->next) {
		if (c->type == XML_ENTITY_REF_NODE) {
			set_err(err, errsz, "entity references are not allowed");
			return -1;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		leaf = 0;
		if (walk(c, path, depth + 1, f, err, errsz) != 0)
			return -1;
	}
	if (!leaf)
		return 0;
	text = xmlNodeGetContent(el);
	rc = add_leaf(f, path, text != NULL ? (const char *)text : "");
	xmlFree(text);
	if (rc != 0)
		set_err(err, errsz, "XML has too many elements");
	return rc;
}

int
xml_parse(const char *buf, size_t len, struct xml_flat *f, char *err, size_t errsz)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	xmlNodePtr root;
	int rc = -1;

	memset(f, 0, sizeof(*f));
	set_err(err, errsz, "");
	if (buf == NULL || len == 0) {
		set_err(err, errsz, "empty document");
		return -1;
	}
	if (len > XML_INPUT_MAX) {
		set_err(err, errsz, "document too large");
		return -1;
	}
	/* Before parsing: the plain (ASCII-compatible) case is refused without libxml2 seeing it. */
	if (memmem(buf, len, "<!DOCTYPE", 9) != NULL) {
		set_err(err, errsz, "DOCTYPE is not allowed");
		return -1;
	}
	xmlInitParser();
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		set_err(err, errsz, "out of memory");
		return -1;
	}
	/* During parsing, whatever the encoding: the hooks stop at a DOCTYPE. */
	ctxt->sax->internalSubset = on_subset;
	ctxt->sax->externalSubset = on_subset;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->resolveEntity = on_resolve;
	doctype_seen = 0;
	/* Never XML_PARSE_NOENT (substitute entities) or XML_PARSE_DTDLOAD. */
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (doctype_seen || (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL))) {
		set_err(err, errsz, "DOCTYPE is not allowed");
	} else if (doc == NULL || !ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[160];

		snprintf(msg, sizeof(msg), "not well-formed XML (line %d)", e != NULL ? e->line : 0);
		set_err(err, errsz, msg);
	} else if ((root = xmlDocGetRootElement(doc)) == NULL) {
		set_err(err, errsz, "not well-formed XML (no root element)");
	} else {
		rc = walk(root, "", 1, f, err, errsz);
	}
	if (doc != NULL)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	if (rc != 0)
		xml_flat_free(f);
	return rc;
}

const char *
xml_get_nth(const struct xml_flat *f, const char *path, int nth)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->path[i], path) == 0 && nth-- == 0)
			return f->text[i];
	return NULL;
}

const char *
xml_get(const struct xml_flat *f, const char *path)
{
	return xml_get_nth(f, path, 0);
}

int
xml_count(const struct xml_flat *f, const char *path)
{
	size_t i;
	int n = 0;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->path[i], path) == 0)
			n++;
	return n;
}

struct xml_builder {
	xmlDocPtr doc;
	xmlNodePtr root, cur;
	int failed;
};

static int
name_ok(const char *name)
{
	return name != NULL && name[0] != '\0' && xmlValidateName((const xmlChar *)name, 0) == 0;
}

/* Valid UTF-8 with no character XML 1.0 cannot carry (controls other than tab, CR, LF). */
static int
text_ok(const char *s)
{
	const unsigned char *p;

	if (xmlCheckUTF8((const unsigned char *)s) == 0)
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
	return 1;
}

static int
fail(struct xml_builder *b)
{
	if (b != NULL)
		b->failed = 1;
	return -1;
}

struct xml_builder *
xml_new(const char *root)
{
	struct xml_builder *b;

	if (!name_ok(root))
		return NULL;
	b = calloc(1, sizeof(*b));
	if (b == NULL)
		return NULL;
	xmlInitParser();
	b->doc = xmlNewDoc((const xmlChar *)"1.0");
	b->root = b->doc != NULL ? xmlNewDocNode(b->doc, NULL, (const xmlChar *)root, NULL) : NULL;
	if (b->root == NULL) {
		xml_free(b);
		return NULL;
	}
	xmlDocSetRootElement(b->doc, b->root);
	b->cur = b->root;
	return b;
}

int
xml_open(struct xml_builder *b, const char *name)
{
	xmlNodePtr el;

	if (b == NULL || b->failed || !name_ok(name))
		return fail(b);
	el = xmlNewChild(b->cur, NULL, (const xmlChar *)name, NULL);
	if (el == NULL)
		return fail(b);
	b->cur = el;
	return 0;
}

int
xml_close(struct xml_builder *b)
{
	if (b == NULL || b->failed || b->cur == b->root)
		return fail(b);
	b->cur = b->cur->parent;
	return 0;
}

int
xml_text(struct xml_builder *b, const char *name, const char *text)
{
	if (b == NULL || b->failed || !name_ok(name) || (text != NULL && !text_ok(text)))
		return fail(b);
	/* xmlNewTextChild escapes the text (xmlNewChild would take it as markup). */
	if (xmlNewTextChild(b->cur, NULL, (const xmlChar *)name, (const xmlChar *)text) == NULL)
		return fail(b);
	return 0;
}

int
xml_attr(struct xml_builder *b, const char *name, const char *value)
{
	if (b == NULL || b->failed || !name_ok(name) || value == NULL || !text_ok(value))
		return fail(b);
	if (xmlSetProp(b->cur, (const xmlChar *)name, (const xmlChar *)value) == NULL)
		return fail(b);
	return 0;
}

int
xml_finish(struct xml_builder *b, char **out, size_t *len)
{
	xmlChar *mem = NULL;
	int size = 0, rc = -1;

	*out = NULL;
	*len = 0;
	if (b != NULL && !b->failed) {
		xmlDocDumpMemoryEnc(b->doc, &mem, &size, "UTF-8");
		if (mem != NULL && size > 0 && (*out = malloc((size_t)size + 1)) != NULL) {
			memcpy(*out, mem, (size_t)size);
			(*out)[size] = '\0';
			*len = (size_t)size;
			rc = 0;
		}
		xmlFree(mem);
	}
	xml_free(b);
	return rc;
}

void
xml_free(struct xml_builder *b)
{
	if (b == NULL)
		return;
	if (b->doc != NULL)
		xmlFreeDoc(b->doc);
	free(b);
}
