/* xml.c: XML messages over libxml2 (the only file that includes it): the flat <xml><key>value</key>…</xml> of payment gateways */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "xml.h"

/* Set by the SAX hook below: the document being parsed has a DOCTYPE. One parse at a time per process. */
static int doctype_seen;

/*
 * libxml2 calls this as soon as it has read "<!DOCTYPE name [PUBLIC|SYSTEM ids]",
 * before any internal subset, entity declaration or external subset: stop there.
 */
static void
refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	doctype_seen = 1;
	xmlStopParser((xmlParserCtxtPtr)ctx);
}

/* Never resolve an entity from outside the document (defence in depth: the parse stops first). */
static xmlParserInputPtr
refuse_entity(void *ctx, const xmlChar *public_id, const xmlChar *system_id)
{
	doctype_seen = 1;
	xmlStopParser((xmlParserCtxtPtr)ctx);
	return NULL;
}

static int
key_ok(const char *k)
{
	size_t i, n = strlen(k);

	if (n == 0 || n > XML_KEY_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= 'A' && k[i] <= 'Z') || (k[i] >= '0' && k[i] <= '9') ||
		    k[i] == '_'))
			return 0;
	return 1;
}

const char *
xml_field(const struct xml_fields *f, const char *key)
{
	unsigned int i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->key[i], key) == 0)
			return f->value[i];
	return NULL;
}

int
xml_field_add(struct xml_fields *f, const char *key, const char *value)
{
	if (f->n >= XML_FIELDS_MAX || !key_ok(key) || strlen(value) > XML_VALUE_MAX)
		return -1;
	memcpy(f->key[f->n], key, strlen(key) + 1);
	memcpy(f->value[f->n], value, strlen(value) + 1);
	f->n++;
	return 0;
}

/* One child element of the root: its text only (text and CDATA nodes), into out. */
static enum xml_result
read_field(xmlNodePtr el, struct xml_fields *out)
{
	xmlNodePtr c;
	char value[XML_VALUE_MAX + 1];
	size_t len = 0, n;

	if (!key_ok((const char *)el->name) || xml_field(out, (const char *)el->name) != NULL)
		return XML_MALFORMED;
	for (c = el->children; c != NULL; c = c->next) {
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			return XML_MALFORMED;	/* nested elements, entity references, PIs */
		n = c->content != NULL ? strlen((const char *)c->content) : 0;
		if (n > XML_VALUE_MAX - len)
			return XML_MALFORMED;
		memcpy(value + len, c->content, n);
		len += n;
	}
	value[len] = '\0';
	return xml_field_add(out, (const char *)el->name, value) == 0 ? XML_OK : XML_MALFORMED;
}

enum xml_result
xml_flat_parse(const char *buf, size_t len, const char *root, struct xml_fields *out)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	xmlNodePtr top, c;
	enum xml_result rc = XML_OK;

	memset(out, 0, sizeof(*out));
	/* A NUL could hide a second document from a byte scan; UTF-16 is not what gateways send. */
	if (len == 0 || len > 65536 || memchr(buf, '\0', len) != NULL)
		return XML_MALFORMED;
	xmlInitParser();
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		return XML_MALFORMED;
	ctxt->sax->internalSubset = refuse_doctype;
	ctxt->sax->externalSubset = refuse_doctype;
	ctxt->sax->resolveEntity = refuse_entity;
	doctype_seen = 0;
	/* Never XML_PARSE_NOENT or XML_PARSE_DTDLOAD; the encoding is fixed, whatever the prolog says. */
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (doctype_seen || (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)))
		rc = XML_DOCTYPE;
	else if (doc == NULL || !ctxt->wellFormed)
		rc = XML_MALFORMED;
	top = rc == XML_OK ? xmlDocGetRootElement(doc) : NULL;
	if (rc == XML_OK && (top == NULL || strcmp((const char *)top->name, root) != 0))
		rc = XML_MALFORMED;
	for (c = top != NULL ? top->children : NULL; rc == XML_OK && c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			rc = read_field(c, out);
		else if (c->type == XML_TEXT_NODE && c->content != NULL &&
		    strspn((const char *)c->content, " \t\r\n") == strlen((const char *)c->content))
			continue;	/* indentation between fields */
		else if (c->type != XML_COMMENT_NODE)
			rc = XML_MALFORMED;
	}
	if (doc != NULL)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	if (rc != XML_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}

int
xml_flat_build(const struct xml_fields *f, const char *root, char **out, size_t *len)
{
	xmlDocPtr doc;
	xmlNodePtr top, el, text;
	xmlBufferPtr buf;
	unsigned int i;
	int rc = -1;

	*out = NULL;
	*len = 0;
	xmlInitParser();
	doc = xmlNewDoc((const xmlChar *)"1.0");
	buf = xmlBufferCreate();
	if (doc == NULL || buf == NULL)
		goto done;
	top = xmlNewDocNode(doc, NULL, (const xmlChar *)root, NULL);
	if (top == NULL)
		goto done;
	xmlDocSetRootElement(doc, top);
	for (i = 0; i < f->n; i++) {
		el = xmlNewChild(top, NULL, (const xmlChar *)f->key[i], NULL);
		/* "]]>" cannot sit in a CDATA section: such a value goes as escaped text. */
		if (strstr(f->value[i], "]]>") != NULL)
			text = xmlNewDocText(doc, (const xmlChar *)f->value[i]);
		else
			text = xmlNewCDataBlock(doc, (const xmlChar *)f->value[i], (int)strlen(f->value[i]));
		if (el == NULL || text == NULL || xmlAddChild(el, text) == NULL)
			goto done;
	}
	if (xmlNodeDump(buf, doc, top, 0, 0) < 0)
		goto done;
	*len = (size_t)xmlBufferLength(buf);
	*out = malloc(*len + 1);
	if (*out == NULL)
		goto done;
	memcpy(*out, xmlBufferContent(buf), *len);
	(*out)[*len] = '\0';
	rc = 0;
done:
	if (buf != NULL)
		xmlBufferFree(buf);
	if (doc != NULL)
		xmlFreeDoc(doc);
	return rc;
}
