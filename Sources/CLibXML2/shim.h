#ifndef MAILSIFT_CLIBXML2_SHIM_H
#define MAILSIFT_CLIBXML2_SHIM_H

/* Debian's libxml2 headers pull in system ICU, which clashes with the ICU bundled
   in Foundation; nothing here needs libxml2's ICU API. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>

/* libxml2 reports encoding trouble through the generic handler even with
   HTML_PARSE_NOERROR; a message must never write to our stderr. */
static void mailsift_xml_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

static inline void mailsift_xml_silence(void) {
    xmlSetGenericErrorFunc(NULL, mailsift_xml_silent);
    xmlThrDefSetGenericErrorFunc(NULL, mailsift_xml_silent);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlThrDefSetStructuredErrorFunc(NULL, NULL);
}

/* xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state. */
static inline void mailsift_xml_free(void *p) { xmlFree(p); }

/* No external entity, DTD or URL is ever loaded: every load request fails. */
static xmlParserInputPtr mailsift_no_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt; return NULL;
}
static inline void mailsift_xml_no_network(void) {
    xmlSetExternalEntityLoader(mailsift_no_loader);
}

#include <string.h>
#include <libxml/encoding.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>

typedef void (*mailsift_start_fn)(void *user, const xmlChar *name, const xmlChar **atts);
typedef void (*mailsift_end_fn)(void *user, const xmlChar *name);
typedef void (*mailsift_chars_fn)(void *user, const xmlChar *ch, int len);

/* Streams an HTML document through SAX callbacks: no tree is built, so memory stays small and
   no recursion depends on the document's depth. The input must already be UTF-8: the MIME layer
   decoded it, and a stale <meta charset> must not win. Returns 0, or -1 when no parser could be
   made. */
static inline int mailsift_html_sax_parse(const char *buf, int len, int options,
                                          mailsift_start_fn start, mailsift_end_fn end,
                                          mailsift_chars_fn chars, void *user) {
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(buf, len);
    if (ctxt == NULL) return -1;
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof(sax));
    sax.startElement = start;
    sax.endElement = end;
    sax.characters = chars;
    sax.cdataBlock = NULL;
    sax.initialized = 1;
    if (ctxt->sax != NULL) xmlFree(ctxt->sax);
    ctxt->sax = (htmlSAXHandlerPtr) xmlMalloc(sizeof(htmlSAXHandler));
    if (ctxt->sax == NULL) { htmlFreeParserCtxt(ctxt); return -1; }
    memcpy(ctxt->sax, &sax, sizeof(sax));
    ctxt->userData = user;
    htmlCtxtUseOptions(ctxt, options);
    /* The input is UTF-8 whatever a <meta charset> claims: libxml2's HTML parser otherwise
       guesses from the meta tag or falls back to Latin-1 (measured: HTML_PARSE_IGNORE_ENC alone
       does not stop it). */
    xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
    if (utf8 != NULL) xmlSwitchToEncoding(ctxt, utf8);
    htmlParseDocument(ctxt);
    if (ctxt->myDoc != NULL) { xmlFreeDoc(ctxt->myDoc); ctxt->myDoc = NULL; }
    htmlFreeParserCtxt(ctxt);
    return 0;
}

/* RFC 3986 reference resolution, or NULL. Free the result with mailsift_xml_free. */
static inline char *mailsift_build_uri(const char *ref, const char *base) {
    return (char *) xmlBuildURI((const xmlChar *) ref, (const xmlChar *) base);
}

#endif
