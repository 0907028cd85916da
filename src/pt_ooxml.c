/*
 * pt_ooxml.c — the zip package and its XML parts, for the .docx and .xlsx
 * readers (pt_ooxml.h): libzip reads the archive from memory, expat parses
 * each part as it is inflated, chunk by chunk, so neither a whole part nor
 * a tree of it is ever held in memory.
 *
 * Defences (pt_cells.h limits): the central directory's member count is
 * checked before libzip builds its table; each member's declared size, and
 * the bytes actually inflated, count against the 256 MiB for all parts; a
 * member expanding beyond 1 MiB may do so at most 200 times its compressed
 * size (a zip bomb is stopped while inflating, whatever its header says);
 * libzip checks each member's CRC at its end; expat never reads a DTD, and a
 * DOCTYPE is refused outright (no entity can be declared, so none can
 * expand); elements may nest 256 deep.  No recursion here; expat itself
 * keeps its open elements on a heap stack.
 */
#include "pt_ooxml.h"
#include "pt_i18n.h"

#include <expat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define CHUNK 65536

static const char DAMAGED_HINT[] =
    PT_N_("The file is damaged or incomplete: open it in Word, Excel or WPS, save it again and import "
    "the saved file.");
static const char LIMIT_HINT[] = PT_N_("Split the document into smaller files.");

int
pt_utf8_prefix(const char *s, int max)
{
    int         n = 0;

    while (n < max && s[n] != '\0')
        n++;
    if (n == max && s[n] != '\0')
        while (n > 0 && ((unsigned char) s[n] & 0xC0) == 0x80)
            n--;
    return n;
}

/* A message cut by snprintf: without the character it cut. */
static const char *
whole_characters(const char *message, char *buf, size_t cap)
{
    size_t      n = strlen(message);
    size_t      i = 0;

    while (i < n)
    {
        size_t      k = pt_utf8_char_length((const unsigned char *) message + i, n - i);

        if (k == 0)
            break;
        i += k;
    }
    if (i == n)
        return message;
    if (i >= cap)
        i = cap - 1;
    memcpy(buf, message, i);
    buf[i] = '\0';
    return buf;
}

bool
pt_ooxml_fail(pt_ooxml *z, int code, const char *part, int row,
              const char *message, const char *hint)
{
    char        buf[1024];
    char        part_buf[PT_OOXML_MAX_NAME];

    if (z->failed)
        return false;
    message = whole_characters(message, buf, sizeof(buf));
    part = whole_characters(part != NULL ? part : z->member, part_buf, sizeof(part_buf));
    pt_cells_fail(z->err, 0, part, row, message, hint);
    if (z->err != NULL)
        z->err->code = code;
    z->failed = true;
    if (z->parser != NULL)
        XML_StopParser((XML_Parser) z->parser, XML_FALSE);
    return false;
}

bool
pt_ooxml_stop(pt_ooxml *z)
{
    z->failed = true;
    if (z->parser != NULL)
        XML_StopParser((XML_Parser) z->parser, XML_FALSE);
    return false;
}

int
pt_buf_put(pt_buf *b, const char *s, size_t n, size_t limit)
{
    if (n > limit || b->len > limit - n)
        return -1;
    if (b->len + n > b->cap)
    {
        size_t      cap = b->cap > 0 ? b->cap : 256;
        char       *p;

        while (cap < b->len + n)
            cap *= 2;
        p = realloc(b->p, cap);
        if (p == NULL)
            return -2;
        b->p = p;
        b->cap = cap;
    }
    if (n > 0)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

void
pt_buf_free(pt_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof(*b));
}

/* ------------------------------------------------------------------------
 * The archive
 * ------------------------------------------------------------------------ */

static unsigned
le16(const unsigned char *p)
{
    return (unsigned) p[0] | ((unsigned) p[1] << 8);
}

/*
 * The member count of the end-of-central-directory record, or -1 when there
 * is none (libzip then says what is wrong).  Only a limit check before libzip
 * allocates a table entry per member; libzip reads the archive.
 */
static long
declared_members(const unsigned char *u, size_t len)
{
    size_t      lowest;
    size_t      i;

    if (len < 22)
        return -1;
    lowest = len > 22 + 65535 ? len - 22 - 65535 : 0;
    for (i = len - 22 + 1; i-- > lowest;)
        if (u[i] == 'P' && u[i + 1] == 'K' && u[i + 2] == 5 && u[i + 3] == 6 &&
            i + 22 + le16(u + i + 20) == len)
            return (long) le16(u + i + 10);
    return -1;
}

int
pt_ooxml_open(pt_ooxml *z, const char *data, size_t len, const char *kind, pt_doc_error *err)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t      *za;
    long        members;

    memset(z, 0, sizeof(*z));
    z->err = err;
    z->kind = kind;
    members = declared_members((const unsigned char *) data, len);
    if (members > PT_OOXML_MAX_MEMBERS || members == 0xFFFF)
    {
        char        message[160];

        snprintf(message, sizeof(message), PT_("the %s has more than %d zip members"), PT_(kind), PT_OOXML_MAX_MEMBERS);
        return pt_ooxml_fail(z, PT_DOC_ERR_LIMIT, "", 0, message, LIMIT_HINT), -1;
    }
    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    if (src == NULL)
    {
        zip_error_fini(&ze);
        return pt_ooxml_fail(z, PT_DOC_ERR_MEMORY, "", 0, PT_N_("out of memory while reading the document"),
                             PT_N_("Free memory or split the document.")), -1;
    }
    za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (za == NULL)
    {
        int         code = zip_error_code_zip(&ze);
        char        message[200];

        zip_source_free(src);
        zip_error_fini(&ze);
        if (code == ZIP_ER_MEMORY)
            return pt_ooxml_fail(z, PT_DOC_ERR_MEMORY, "", 0, PT_N_("out of memory while reading the document"),
                                 PT_N_("Free memory or split the document.")), -1;
        if (code == ZIP_ER_NOZIP)
            snprintf(message, sizeof(message),
                     PT_("the %s is not a complete zip archive: its end (the central directory) is missing "
                     "— the file was cut short or is damaged"), PT_(kind));
        else
            snprintf(message, sizeof(message), PT_("the %s is a damaged zip archive (%s)"), kind,
                     code == ZIP_ER_INCONS ? PT_("inconsistent central directory")
                     : code == ZIP_ER_MULTIDISK ? PT_("split over several files") : PT_("unreadable"));
        return pt_ooxml_fail(z, PT_DOC_ERR_INVALID, "", 0, message, DAMAGED_HINT), -1;
    }
    zip_error_fini(&ze);
    if (zip_get_num_entries(za, 0) > PT_OOXML_MAX_MEMBERS)
    {
        char        message[160];

        zip_discard(za);
        snprintf(message, sizeof(message), PT_("the %s has more than %d zip members"), PT_(kind), PT_OOXML_MAX_MEMBERS);
        return pt_ooxml_fail(z, PT_DOC_ERR_LIMIT, "", 0, message, LIMIT_HINT), -1;
    }
    z->zip = za;
    return 0;
}

void
pt_ooxml_close(pt_ooxml *z)
{
    if (z->parser != NULL)
    {
        XML_ParserFree((XML_Parser) z->parser);
        z->parser = NULL;
    }
    if (z->zip != NULL)
    {
        zip_discard((zip_t *) z->zip);
        z->zip = NULL;
    }
}

bool
pt_ooxml_has(pt_ooxml *z, const char *member)
{
    return z->zip != NULL && zip_name_locate((zip_t *) z->zip, member, ZIP_FL_NOCASE) >= 0;
}

/* ------------------------------------------------------------------------
 * XML
 * ------------------------------------------------------------------------ */

static bool
uri_is(const char *uri, size_t n, const char *s)
{
    return n == strlen(s) && memcmp(uri, s, n) == 0;
}

/* "uri local" (expat, separator ' ') → namespace and local name */
static pt_xml_ns
classify(const char *name, const char **local)
{
    const char *sp = strchr(name, ' ');
    size_t      n;

    if (sp == NULL)
    {
        *local = name;
        return PT_NS_NONE;
    }
    *local = sp + 1;
    n = (size_t) (sp - name);
    if (uri_is(name, n, "http://schemas.openxmlformats.org/wordprocessingml/2006/main") ||
        uri_is(name, n, "http://purl.oclc.org/ooxml/wordprocessingml/main"))
        return PT_NS_W;
    if (uri_is(name, n, "http://schemas.openxmlformats.org/spreadsheetml/2006/main") ||
        uri_is(name, n, "http://purl.oclc.org/ooxml/spreadsheetml/main"))
        return PT_NS_S;
    if (uri_is(name, n, "http://schemas.openxmlformats.org/officeDocument/2006/relationships") ||
        uri_is(name, n, "http://purl.oclc.org/ooxml/officeDocument/relationships"))
        return PT_NS_R;
    if (uri_is(name, n, "http://schemas.openxmlformats.org/package/2006/relationships"))
        return PT_NS_PR;
    if (uri_is(name, n, "http://schemas.openxmlformats.org/officeDocument/2006/math") ||
        uri_is(name, n, "http://purl.oclc.org/ooxml/officeDocument/math"))
        return PT_NS_M;
    if (uri_is(name, n, "http://schemas.openxmlformats.org/markup-compatibility/2006"))
        return PT_NS_MC;
    if (uri_is(name, n, "http://www.w3.org/XML/1998/namespace"))
        return PT_NS_XML;
    return PT_NS_OTHER;
}

const char *
pt_xml_attr(const char **atts, pt_xml_ns ns, const char *local)
{
    int         i;

    for (i = 0; atts != NULL && atts[i] != NULL; i += 2)
    {
        const char *l;

        if (classify(atts[i], &l) == ns && strcmp(l, local) == 0)
            return atts[i + 1];
    }
    return NULL;
}

static void XMLCALL
on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    pt_ooxml   *z = ud;
    const char *local;
    pt_xml_ns   ns;

    if (z->failed)
        return;
    if (++z->depth > PT_OOXML_MAX_DEPTH)
    {
        char        message[160];

        snprintf(message, sizeof(message), PT_("the XML of the %s nests elements more than %d deep"),
                 z->kind, PT_OOXML_MAX_DEPTH);
        pt_ooxml_fail(z, PT_DOC_ERR_LIMIT, NULL, 0, message, PT_N_("Check the file: Word and Excel never "
                      "nest that deep; save it again in Word, Excel or WPS."));
        return;
    }
    ns = classify(name, &local);
    if (z->handlers->start != NULL)
        z->handlers->start(z->ud, ns, local, (const char **) atts, z->depth);
}

static void XMLCALL
on_end(void *ud, const XML_Char *name)
{
    pt_ooxml   *z = ud;
    const char *local;
    pt_xml_ns   ns;

    if (z->failed)
        return;
    ns = classify(name, &local);
    if (z->handlers->end != NULL)
        z->handlers->end(z->ud, ns, local, z->depth);
    z->depth--;
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{
    pt_ooxml   *z = ud;

    if (!z->failed && z->handlers->text != NULL)
        z->handlers->text(z->ud, s, len);
}

static void XMLCALL
on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid, int has_internal)
{
    pt_ooxml   *z = ud;
    char        message[200];

    (void) name;
    (void) sysid;
    (void) pubid;
    (void) has_internal;
    snprintf(message, sizeof(message), PT_("the XML of the %s has a document type declaration (DOCTYPE), "
             "which Word and Excel never write: refused, its entities are not expanded"), PT_(z->kind));
    pt_ooxml_fail(z, PT_DOC_ERR_INVALID, NULL, 0, message,
                  PT_N_("Open the file in Word, Excel or WPS, save it again and import the saved file."));
}

static void XMLCALL
on_entity(void *ud, const XML_Char *name, int pe, const XML_Char *value, int value_len,
          const XML_Char *base, const XML_Char *sysid, const XML_Char *pubid, const XML_Char *notation)
{
    (void) name;
    (void) pe;
    (void) value;
    (void) value_len;
    (void) base;
    (void) sysid;
    (void) pubid;
    (void) notation;
    on_doctype(ud, NULL, NULL, NULL, 0);
}

static int
zip_failure(pt_ooxml *z, zip_error_t *ze)
{
    int         code = zip_error_code_zip(ze);
    char        message[200];

    if (code == ZIP_ER_MEMORY)
        return pt_ooxml_fail(z, PT_DOC_ERR_MEMORY, NULL, 0, PT_N_("out of memory while reading the document"),
                             PT_N_("Free memory or split the document.")), -1;
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
    {
        snprintf(message, sizeof(message), PT_("the %s is a zip archive with encrypted members"), PT_(z->kind));
        pt_ooxml_fail(z, PT_DOC_ERR_UNSUPPORTED, NULL, 0, message,
                      PT_N_("Save the document again without a password, then import that file."));
        return -1;
    }
    snprintf(message, sizeof(message), PT_("the %s is damaged: %s"), PT_(z->kind),
             code == ZIP_ER_CRC ? PT_("a zip member's checksum (CRC) does not match its data")
             : code == ZIP_ER_ZLIB ? PT_("a zip member's compressed data is invalid")
             : code == ZIP_ER_COMPNOTSUPP ? PT_("a zip member uses an unknown compression method")
             : code == ZIP_ER_INCONS ? PT_("the zip archive is inconsistent")
             : code == ZIP_ER_EOF ? PT_("a zip member ends early") : PT_("a zip member cannot be read"));
    return pt_ooxml_fail(z, PT_DOC_ERR_INVALID, NULL, 0, message, DAMAGED_HINT), -1;
}

int
pt_ooxml_parse(pt_ooxml *z, const char *member, const pt_xml_handlers *h, void *ud)
{
    zip_t      *za = z->zip;
    zip_int64_t index;
    zip_stat_t  st;
    zip_file_t *f;
    XML_Parser  p;
    size_t      declared;
    size_t      compressed;
    size_t      actual = 0;
    char        message[800];
    int         rc = 0;

    if (z->failed || za == NULL)
        return -1;
    snprintf(z->member, sizeof(z->member), "%s", member);
    index = zip_name_locate(za, member, ZIP_FL_NOCASE);
    if (index < 0)
        return 1;
    zip_stat_init(&st);
    if (zip_stat_index(za, (zip_uint64_t) index, 0, &st) != 0)
        return zip_failure(z, zip_get_error(za));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    {
        snprintf(message, sizeof(message), PT_("the %s is a zip archive with encrypted members"), PT_(z->kind));
        return pt_ooxml_fail(z, PT_DOC_ERR_UNSUPPORTED, NULL, 0, message,
                             PT_N_("Save the document again without a password, then import that file.")), -1;
    }
    declared = (st.valid & ZIP_STAT_SIZE) ? (size_t) st.size : 0;
    compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? (size_t) st.comp_size : 0;
    if (st.size > PT_CELLS_MAX_EXPANDED || declared > PT_CELLS_MAX_EXPANDED - z->expanded)
    {
        snprintf(message, sizeof(message), PT_("the %s expands to more than 256 MiB once unzipped "
                 "(the member declares %llu bytes)"), PT_(z->kind), (unsigned long long) st.size);
        return pt_ooxml_fail(z, PT_DOC_ERR_LIMIT, NULL, 0, message, LIMIT_HINT), -1;
    }
    if (declared > PT_OOXML_RATIO_FLOOR && declared / PT_CELLS_MAX_RATIO > compressed)
    {
        snprintf(message, sizeof(message), PT_("a zip member of the %s declares %zu bytes from %zu compressed, "
                 "more than %d times: refused as a zip bomb"), PT_(z->kind), declared, compressed, PT_CELLS_MAX_RATIO);
        return pt_ooxml_fail(z, PT_DOC_ERR_LIMIT, NULL, 0, message, LIMIT_HINT), -1;
    }
    f = zip_fopen_index(za, (zip_uint64_t) index, 0);
    if (f == NULL)
        return zip_failure(z, zip_get_error(za));

    p = XML_ParserCreateNS(NULL, ' ');
    if (p == NULL)
    {
        zip_fclose(f);
        return pt_ooxml_fail(z, PT_DOC_ERR_MEMORY, NULL, 0, PT_N_("out of memory while reading the document"),
                             PT_N_("Free memory or split the document.")), -1;
    }
    z->parser = p;
    z->handlers = h;
    z->ud = ud;
    z->depth = 0;
    XML_SetUserData(p, z);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetEntityDeclHandler(p, on_entity);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);

    for (;;)
    {
        void       *buf = XML_GetBuffer(p, CHUNK);
        zip_int64_t n;

        if (buf == NULL)
        {
            rc = (pt_ooxml_fail(z, PT_DOC_ERR_MEMORY, NULL, 0, PT_N_("out of memory while reading the document"),
                               PT_N_("Free memory or split the document.")), -1);
            break;
        }
        n = zip_fread(f, buf, CHUNK);
        if (n < 0)
        {
            rc = zip_failure(z, zip_file_get_error(f));
            break;
        }
        actual += (size_t) n;
        if (actual > declared)
        {
            snprintf(message, sizeof(message), PT_("a zip member of the %s inflates beyond the %zu bytes it "
                     "declares: damaged, or a zip bomb"), PT_(z->kind), declared);
            rc = (pt_ooxml_fail(z, PT_DOC_ERR_LIMIT, NULL, 0, message,
                                PT_N_("Open the file in Word, Excel or WPS, save it again and import the saved file; "
                                "a file that no program opens was made to exhaust memory.")), -1);
            break;
        }
        if (XML_ParseBuffer(p, (int) n, n == 0) == XML_STATUS_ERROR)
        {
            if (!z->failed)
            {
                snprintf(message, sizeof(message), PT_("the %s is damaged: %s is not well-formed XML "
                         "(line %lu: %s)"), PT_(z->kind), z->member,
                         (unsigned long) XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)));
                if (XML_GetErrorCode(p) == XML_ERROR_NO_MEMORY)
                    pt_ooxml_fail(z, PT_DOC_ERR_MEMORY, NULL, 0, PT_N_("out of memory while reading the document"),
                                  PT_N_("Free memory or split the document."));
                else
                    pt_ooxml_fail(z, PT_DOC_ERR_INVALID, NULL, 0, message, DAMAGED_HINT);
            }
            rc = -1;
            break;
        }
        if (z->failed)
        {
            rc = -1;
            break;
        }
        if (n == 0)
            break;
    }
    if (rc == 0 && actual < declared)
    {
        snprintf(message, sizeof(message), PT_("the %s is damaged: a zip member ends after %zu of its %zu bytes"),
                 z->kind, actual, declared);
        rc = (pt_ooxml_fail(z, PT_DOC_ERR_INVALID, NULL, 0, message, DAMAGED_HINT), -1);
    }
    z->expanded += actual;
    XML_ParserFree(p);
    z->parser = NULL;
    zip_fclose(f);
    return rc;
}

/* ------------------------------------------------------------------------
 * Relationships
 * ------------------------------------------------------------------------ */

bool
pt_ooxml_resolve(const char *base, const char *target, char *out, size_t cap)
{
    char        path[PT_OOXML_MAX_NAME * 2];
    size_t      n = 0;
    const char *s;

    if (target == NULL || target[0] == '\0')
        return false;
    if (target[0] == '/')
        snprintf(path, sizeof(path), "%s", target + 1);
    else
        snprintf(path, sizeof(path), "%s%s", base, target);
    if (strlen(path) >= PT_OOXML_MAX_NAME)
        return false;
    /* segment by segment: "." dropped, ".." removes the segment before */
    s = path;
    while (*s != '\0')
    {
        const char *e = strchr(s, '/');
        size_t      len = e != NULL ? (size_t) (e - s) : strlen(s);

        if (len == 0 || (len == 1 && s[0] == '.'))
            ;
        else if (len == 2 && s[0] == '.' && s[1] == '.')
        {
            if (n == 0)
                return false;
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--;            /* the '/' before it */
        }
        else
        {
            if (n + len + 2 > cap)
                return false;
            if (n > 0)
                out[n++] = '/';
            memcpy(out + n, s, len);
            n += len;
        }
        s += len;
        if (*s == '/')
            s++;
    }
    if (n == 0)
        return false;
    out[n] = '\0';
    return true;
}

typedef struct rel_search
{
    const char *type_suffix;
    char        target[PT_OOXML_MAX_NAME];
    bool        found;
} rel_search;

bool
pt_ooxml_rel_type_is(const char *type, const char *kind)
{
    size_t      a = strlen(type);
    size_t      b = strlen(kind);

    return a >= b && memcmp(type + a - b, kind, b) == 0;
}

static void
rel_start(void *ud, pt_xml_ns ns, const char *local, const char **atts, int depth)
{
    rel_search *r = ud;
    const char *type;
    const char *target;
    const char *mode;

    (void) depth;
    if (r->found || ns != PT_NS_PR || strcmp(local, "Relationship") != 0)
        return;
    type = pt_xml_attr(atts, PT_NS_NONE, "Type");
    target = pt_xml_attr(atts, PT_NS_NONE, "Target");
    mode = pt_xml_attr(atts, PT_NS_NONE, "TargetMode");
    if (type == NULL || target == NULL || (mode != NULL && strcmp(mode, "External") == 0))
        return;
    if (pt_ooxml_rel_type_is(type, r->type_suffix) && strlen(target) < sizeof(r->target))
    {
        strcpy(r->target, target);
        r->found = true;
    }
}

int
pt_ooxml_relationship(pt_ooxml *z, const char *rels, const char *base,
                      const char *type_suffix, char *out, size_t cap)
{
    static const pt_xml_handlers h = {rel_start, NULL, NULL};
    rel_search  r;
    int         rc;

    memset(&r, 0, sizeof(r));
    r.type_suffix = type_suffix;
    rc = pt_ooxml_parse(z, rels, &h, &r);
    if (rc != 0)
        return rc;
    if (!r.found || !pt_ooxml_resolve(base, r.target, out, cap))
        return 1;
    return 0;
}
