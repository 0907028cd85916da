/*
 * pt_ooxml.h — what the .docx and .xlsx readers share (internal to
 * pt_read_docx.c, pt_read_xlsx.c and their tests): the zip package read with
 * libzip, its XML parts streamed through expat, and Excel's number formats
 * (pt_numfmt.c).
 *
 * Why these libraries: libzip reads an archive straight from a memory buffer
 * (no temporary file), reports each member's declared and compressed size
 * before anything is inflated, inflates in chunks and checks each member's
 * CRC; expat is a streaming (SAX) parser, so memory stays bounded by one
 * chunk plus the open elements, it never loads a DTD or an external entity,
 * and a handler can refuse a DOCTYPE before any entity is declared.  Both are
 * small, long-maintained C libraries in Debian main (libzip-dev,
 * libexpat1-dev) with few dependencies of their own.
 *
 * Limits (pt_cells.h): a member's declared size and the bytes actually
 * inflated count against PT_CELLS_MAX_EXPANDED for all parts together; a
 * member that inflates beyond 1 MiB may not expand more than
 * PT_CELLS_MAX_RATIO times its compressed size; at most PT_OOXML_MAX_MEMBERS
 * members; XML nested at most PT_OOXML_MAX_DEPTH elements deep; no DOCTYPE.
 * Every limit is an error with code PT_DOC_ERR_LIMIT (a DOCTYPE and damaged
 * data: PT_DOC_ERR_INVALID) naming the zip member.
 *
 * Plain C, no PostgreSQL headers; libzip and expat allocate with malloc and
 * everything they hold is released by pt_ooxml_close() on every path (the
 * core never longjmps: the glue's allocator returns NULL instead).
 */
#ifndef PT_OOXML_H
#define PT_OOXML_H

#include <stdbool.h>
#include <stddef.h>

#include "pt_cells.h"

#define PT_OOXML_MAX_MEMBERS    10000   /* entries of the zip's central directory */
#define PT_OOXML_MAX_DEPTH      256     /* open XML elements */
#define PT_OOXML_RATIO_FLOOR    ((size_t) 1024 * 1024)  /* parts smaller than this may compress better */
#define PT_OOXML_MAX_NAME       512     /* bytes of a part name */

/* Namespaces of the elements and attributes the readers look at. */
typedef enum pt_xml_ns
{
    PT_NS_NONE = 0,             /* no namespace (unprefixed attributes) */
    PT_NS_W,                    /* WordprocessingML main (transitional or strict) */
    PT_NS_M,                    /* Office Math */
    PT_NS_MC,                   /* markup compatibility (mc:AlternateContent) */
    PT_NS_S,                    /* SpreadsheetML main */
    PT_NS_R,                    /* officeDocument relationships (r:id) */
    PT_NS_PR,                   /* package relationships (_rels/.rels) */
    PT_NS_XML,                  /* the xml: prefix */
    PT_NS_OTHER
} pt_xml_ns;

/* Handlers of one XML part.  depth: 1 for the root element.  atts as expat
 * gives them (name, value, ..., NULL), names namespace-expanded: use
 * pt_xml_attr().  text: character data, UTF-8, not NUL-terminated. */
typedef struct pt_xml_handlers
{
    void        (*start) (void *ud, pt_xml_ns ns, const char *local, const char **atts, int depth);
    void        (*end) (void *ud, pt_xml_ns ns, const char *local, int depth);
    void        (*text) (void *ud, const char *s, int len);
} pt_xml_handlers;

typedef struct pt_ooxml
{
    void       *zip;            /* zip_t */
    void       *parser;         /* XML_Parser of the part being read, or NULL */
    pt_doc_error *err;
    const char *kind;           /* "Word document (.docx)", for messages */
    size_t      expanded;       /* bytes inflated so far, all parts */
    int         depth;          /* open elements of the part being read */
    bool        failed;         /* *err is filled */
    char        member[PT_OOXML_MAX_NAME];  /* the part being read */
    const pt_xml_handlers *handlers;
    void       *ud;
} pt_ooxml;

/* Open the package in data[0..len) (not copied: it must outlive the reader).
 * 0, or -1 with *err filled (not a zip, damaged, too many members). */
int         pt_ooxml_open(pt_ooxml *z, const char *data, size_t len, const char *kind, pt_doc_error *err);
void        pt_ooxml_close(pt_ooxml *z);

/* Is there a member of that name (ASCII case ignored, as OOXML part names)? */
bool        pt_ooxml_has(pt_ooxml *z, const char *member);

/* Stream the member through expat into the handlers.  0 when read, 1 when
 * there is no such member, -1 on failure (*err filled; also when a handler
 * called pt_ooxml_fail()). */
int         pt_ooxml_parse(pt_ooxml *z, const char *member, const pt_xml_handlers *h, void *ud);

/* From a handler: stop reading with this error (code PT_DOC_ERR_*); part and
 * row as given, or the member being read when part is NULL.  Later calls
 * keep the first error.  Returns false. */
bool        pt_ooxml_fail(pt_ooxml *z, int code, const char *part, int row,
                          const char *message, const char *hint);

/* From a handler, after a builder call failed (the builder filled *err):
 * stop reading.  Returns false. */
bool        pt_ooxml_stop(pt_ooxml *z);

/* Bytes of s to print with "%.*s" for at most max bytes without cutting a
 * UTF-8 character. */
int         pt_utf8_prefix(const char *s, int max);

/* The value of the attribute ns:local, or NULL. */
const char *pt_xml_attr(const char **atts, pt_xml_ns ns, const char *local);

/* The target of the package relationship whose type ends in type_suffix
 * ("/officeDocument") in rels member rels (e.g. "_rels/.rels"), resolved
 * against base (the directory of the source part, "" or "xl/") into
 * out[cap]: 0 found, 1 none (or no such member), -1 error. */
int         pt_ooxml_relationship(pt_ooxml *z, const char *rels, const char *base,
                                  const char *type_suffix, char *out, size_t cap);

/* Does a relationship's Type name this kind ("/worksheet", "/styles")?  Types
 * are URIs of several vocabularies (transitional, strict) ending in the kind. */
bool        pt_ooxml_rel_type_is(const char *type, const char *kind);

/* Resolve target (relative to base, or absolute with a leading '/') into
 * out[cap], "." and ".." segments removed; false when it does not fit or
 * leaves the package. */
bool        pt_ooxml_resolve(const char *base, const char *target, char *out, size_t cap);

/* A growing byte buffer (malloc; the readers free it on every path). */
typedef struct pt_buf
{
    char       *p;
    size_t      len;
    size_t      cap;
} pt_buf;

/* Append n bytes, keeping len <= limit: 0, or -1 beyond the limit, -2 out of memory. */
int         pt_buf_put(pt_buf *b, const char *s, size_t n, size_t limit);
void        pt_buf_free(pt_buf *b);

/* ------------------------------------------------------------------------
 * Excel number formats (pt_numfmt.c)
 * ------------------------------------------------------------------------ */

typedef struct pt_numfmt pt_numfmt;

/* The format code of built-in id (0-163), as Excel in a Chinese (zh-CN)
 * locale shows it; NULL for ids with no built-in code (General). */
const char *pt_numfmt_builtin(int id);

/* Compile a format code into the arena; NULL when out of memory.  Any code
 * compiles: what is not understood is shown literally. */
pt_numfmt  *pt_numfmt_compile(const char *code, size_t len, const pt_allocator *alloc);

/* Does the format show numbers as dates or times? */
bool        pt_numfmt_is_date(const pt_numfmt *f);

/* The text Excel shows for the number written as decimal text v[0..vlen)
 * (as stored in the sheet: "0.95", "-1.5E-3") in format f (NULL: General),
 * into out[cap] (cap >= PT_NUMFMT_OUT): its length.  Exact: decimal
 * arithmetic on the written digits, no floating point.  Text that is no
 * number is shown as it is; a date format on a number that is no date
 * (negative, after 9999) shows it in General. */
#define PT_NUMFMT_OUT 2048
size_t      pt_numfmt_number(const pt_numfmt *f, const char *v, size_t vlen, bool date1904,
                             char *out, size_t cap);

/* A date-time as ISO 8601 text (a cell of type "d") in format f; when f
 * shows no date or the text is no date, the text as it is. */
size_t      pt_numfmt_iso_date(const pt_numfmt *f, const char *v, size_t vlen,
                               char *out, size_t cap);

/* Text in format f: its text section ('@' replaced by the text, "@\"元\"")
 * when it has one, else the text unchanged. */
size_t      pt_numfmt_text(const pt_numfmt *f, const char *s, size_t len, char *out, size_t cap);

#endif                          /* PT_OOXML_H */
