/*
 * pt_read_xlsx.c — the .xlsx reader (contract at pt_read_xlsx() in
 * pt_cells.h): the workbook's parts streamed through expat (pt_ooxml.c) in
 * this order, each once:
 *
 *   _rels/.rels                the workbook part (xl/workbook.xml)
 *   xl/_rels/workbook.xml.rels sheets, shared strings and styles by Id
 *   xl/workbook.xml            sheets in workbook order (name, r:id), date1904
 *   xl/styles.xml              numFmts and cellXfs: each style's number format
 *   xl/sharedStrings.xml       the strings (si: t, rich text runs r/t; phonetic
 *                              runs rPh left out; _xHHHH_ escapes decoded)
 *   each worksheet             sheetData/row/c (r, t, s; v, f, is) and
 *                              mergeCells; its cells are kept until the end
 *                              of the sheet (merged ranges come after the
 *                              data in the XML), then laid into rows
 *
 * A cell shows what Excel shows (pt_numfmt.c): shared or inline strings
 * (with a text format "@\"元\"" applied), numbers through their style's
 * number format, booleans TRUE / FALSE, errors (#N/A) as written, dates of
 * type "d" through their format, a formula's cached value.  A formula
 * without a cached value fails in strict mode, naming the sheet and cell;
 * in lenient mode its cell is left empty and reported.
 *
 * Rows: every row with a cell that shows text, and every row a merged range
 * with a non-empty first cell covers, in row order; cells from column A on
 * (empty cells where the sheet has none).  A merged range's covered cells
 * are PT_MERGE_LEFT in its first row and PT_MERGE_ABOVE below, with the
 * first cell's text; ranges are cut to the sheet's last row and column with
 * text, so a range like A1:XFD1048576 allocates nothing.  The <dimension>
 * element is not used.  Chart sheets are tables without rows.
 */
#include "pt_ooxml.h"
#include "pt_i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KIND PT_N_("Excel workbook (.xlsx)")
#define MAX_ROW 1048576
#define MAX_COL 16384
#define FORMULA_QUOTE 60

enum part
{
    PART_RELS,
    PART_WORKBOOK,
    PART_STYLES,
    PART_STRINGS,
    PART_SHEET
};

enum cover
{
    COVER_NONE = 0,
    COVER_LEFT,
    COVER_ABOVE,
    COVER_BLANK                 /* covered by a range whose first cell is empty */
};

typedef struct rel
{
    char       *id;
    char       *target;         /* resolved part name */
    char        kind;           /* 'w' worksheet, 'c' other sheet, 's' strings, 'y' styles, 0 other */
} rel;

typedef struct sheet
{
    char       *name;
    char       *rid;
} sheet;

typedef struct numfmt_entry
{
    int         id;
    char       *code;
    pt_numfmt  *compiled;
} numfmt_entry;

typedef struct xcell
{
    int         row;
    int         col;
    unsigned    seq;
    pt_doc_text text;
} xcell;

typedef struct xmerge
{
    int         r1,
                c1,
                r2,
                c2;
    bool        origin_text;
} xmerge;

typedef struct xlsx
{
    pt_ooxml    z;
    pt_cells_builder b;
    const pt_allocator *alloc;
    pt_doc_error *err;
    bool        lenient;
    bool        date1904;
    char        base[PT_OOXML_MAX_NAME];    /* directory of the workbook part */
    enum part   part;

    rel        *rels;
    int         n_rels,
                cap_rels;
    sheet      *sheets;
    int         n_sheets,
                cap_sheets;
    pt_doc_text *sst;
    long        n_sst,
                cap_sst;
    int        *xf_fmt;         /* cellXfs: numFmtId of each style */
    long        n_xf,
                cap_xf;
    pt_numfmt **xf_cache;       /* each style's compiled format, once used */
    numfmt_entry *fmts;
    int         n_fmts,
                cap_fmts;
    pt_numfmt  *builtin[164];

    /* reading a part */
    int         container_depth;    /* si / c / numFmts / cellXfs being read; 0 none */
    int         t_depth;        /* open t; 0 none */
    int         rph_depth;      /* open rPh; 0 none */
    int         v_depth;
    int         f_depth;
    int         is_depth;
    pt_buf      text;           /* si, is */
    pt_buf      value;          /* v */
    pt_buf      formula;        /* f, for messages (cut) */

    /* the sheet */
    int         sheet_number;
    const char *sheet_name;
    int         row;            /* current row (1-based), 0 before the first */
    int         col;            /* last cell's column in the row */
    char        ctype[12];
    long        cstyle;
    bool        has_f;
    bool        has_v;
    bool        has_is;
    xcell      *cells;
    size_t      n_cells,
                cap_cells;
    bool        unsorted;
    long        total_cells;
    xmerge     *merges;
    size_t      n_merges,
                cap_merges;
    char        buf[PT_NUMFMT_OUT];
} xlsx;

static const char MEMORY_MESSAGE[] = PT_N_("out of memory while reading the document");
static const char MEMORY_HINT[] = PT_N_("Free memory or split the document.");

/* ------------------------------------------------------------------------
 * Memory
 * ------------------------------------------------------------------------ */

static bool
no_memory(xlsx *x)
{
    return pt_ooxml_fail(&x->z, PT_DOC_ERR_MEMORY, "", 0, MEMORY_MESSAGE, MEMORY_HINT);
}

static char *
arena_copy(xlsx *x, const char *s, size_t n)
{
    char       *p = x->alloc->alloc(x->alloc->ctx, n + 1);

    if (p == NULL)
    {
        no_memory(x);
        return NULL;
    }
    if (n > 0)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* room for one more element of a malloc'd array */
static bool
grow(xlsx *x, void **array, size_t count, size_t *cap, size_t size)
{
    size_t      new_cap;
    void       *p;

    if (count < *cap)
        return true;
    new_cap = *cap > 0 ? *cap * 2 : 16;
    if (new_cap > SIZE_MAX / size)
        return no_memory(x);
    p = realloc(*array, new_cap * size);
    if (p == NULL)
        return no_memory(x);
    *array = p;
    *cap = new_cap;
    return true;
}

#define GROW(x, arr, count, cap) \
    do { size_t c_ = (size_t) (cap); \
         if (!grow((x), (void **) &(arr), (size_t) (count), &c_, sizeof(*(arr)))) return; \
         (cap) = c_; } while (0)

static void
buf_put(xlsx *x, pt_buf *b, const char *s, size_t n, const char *what)
{
    int         rc = pt_buf_put(b, s, n, PT_CELLS_MAX_CELL_BYTES);

    if (rc == -2)
        no_memory(x);
    else if (rc == -1)
    {
        char        message[120];

        snprintf(message, sizeof(message), PT_("%s holds more than 1 MiB of text"), PT_(what));
        pt_ooxml_fail(&x->z, PT_DOC_ERR_LIMIT, NULL, x->part == PART_SHEET ? x->row : 0, message,
                      PT_N_("Check the file: split very long cells."));
    }
}

/* ------------------------------------------------------------------------
 * Text
 * ------------------------------------------------------------------------ */

static int
hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static unsigned
hex4(const char *s)
{
    int         a = hexval(s[0]),
                b = hexval(s[1]),
                c = hexval(s[2]),
                d = hexval(s[3]);

    if (a < 0 || b < 0 || c < 0 || d < 0)
        return 0x110000;
    return (unsigned) ((a << 12) | (b << 8) | (c << 4) | d);
}

static size_t
put_utf8(char *o, unsigned c)
{
    if (c < 0x80)
    {
        o[0] = (char) c;
        return 1;
    }
    if (c < 0x800)
    {
        o[0] = (char) (0xC0 | (c >> 6));
        o[1] = (char) (0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000)
    {
        o[0] = (char) (0xE0 | (c >> 12));
        o[1] = (char) (0x80 | ((c >> 6) & 0x3F));
        o[2] = (char) (0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char) (0xF0 | (c >> 18));
    o[1] = (char) (0x80 | ((c >> 12) & 0x3F));
    o[2] = (char) (0x80 | ((c >> 6) & 0x3F));
    o[3] = (char) (0x80 | (c & 0x3F));
    return 4;
}

/*
 * A string as stored → as shown, into the arena: _xHHHH_ escapes (what
 * Excel writes for characters XML cannot hold, _x005F_ for '_') decoded,
 * carriage returns dropped (Alt+Enter line breaks are LF).
 */
static bool
store_text(xlsx *x, const char *s, size_t n, pt_doc_text *out)
{
    char       *p;
    size_t      i = 0;
    size_t      k = 0;

    if (memchr(s, '_', n) == NULL && memchr(s, '\r', n) == NULL)
    {
        p = arena_copy(x, s, n);
        if (p == NULL)
            return false;
        *out = pt_text(p, n);
        return true;
    }
    p = x->alloc->alloc(x->alloc->ctx, n + 1);
    if (p == NULL)
        return no_memory(x);
    while (i < n)
    {
        if (s[i] == '\r')
        {
            i++;
            continue;
        }
        if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' && s[i + 6] == '_')
        {
            unsigned    c = hex4(s + i + 2);

            if (c >= 0xD800 && c <= 0xDBFF && i + 13 < n && s[i + 7] == '_' && s[i + 8] == 'x' &&
                s[i + 13] == '_')
            {
                unsigned    lo = hex4(s + i + 9);

                if (lo >= 0xDC00 && lo <= 0xDFFF)
                {
                    k += put_utf8(p + k, 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00));
                    i += 14;
                    continue;
                }
            }
            if (c < 0x110000 && !(c >= 0xD800 && c <= 0xDFFF) && c != 0 && c != '\r')
            {
                /* at most 3 bytes for 7 written: the copy never grows */
                k += put_utf8(p + k, c);
                i += 7;
                continue;
            }
            if (c == '\r')
            {
                i += 7;
                continue;
            }
        }
        p[k++] = s[i++];
    }
    p[k] = '\0';
    *out = pt_text(p, k);
    return true;
}

/* ------------------------------------------------------------------------
 * Cell references
 * ------------------------------------------------------------------------ */

/* "B12" → row 12, column 2; "$B$12" too.  end: what follows. */
static bool
parse_ref(const char *s, int *row, int *col, const char **end)
{
    long        c = 0;
    long        r = 0;
    int         letters = 0;
    int         digits = 0;

    if (*s == '$')
        s++;
    while (((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) && letters < 4)
    {
        c = c * 26 + ((*s & 0x1F));
        s++;
        letters++;
    }
    if (*s == '$')
        s++;
    while (*s >= '0' && *s <= '9' && digits < 8)
    {
        r = r * 10 + (*s - '0');
        s++;
        digits++;
    }
    if (letters == 0 || digits == 0 || c > MAX_COL || r < 1 || r > MAX_ROW)
        return false;
    *row = (int) r;
    *col = (int) c;
    if (end != NULL)
        *end = s;
    return true;
}

static void
cell_name(int row, int col, char *out)
{
    char        letters[4];
    int         n = 0;

    while (col > 0 && n < 3)
    {
        col--;
        letters[n++] = (char) ('A' + col % 26);
        col /= 26;
    }
    while (n > 0)
        *out++ = letters[--n];
    sprintf(out, "%d", row);
}

/* ------------------------------------------------------------------------
 * Relationships, workbook, styles, shared strings
 * ------------------------------------------------------------------------ */


static void
rels_start(xlsx *x, pt_xml_ns ns, const char *local, const char **atts)
{
    const char *id;
    const char *type;
    const char *target;
    const char *mode;
    char        path[PT_OOXML_MAX_NAME];
    rel        *r;

    if (ns != PT_NS_PR || strcmp(local, "Relationship") != 0)
        return;
    id = pt_xml_attr(atts, PT_NS_NONE, "Id");
    type = pt_xml_attr(atts, PT_NS_NONE, "Type");
    target = pt_xml_attr(atts, PT_NS_NONE, "Target");
    mode = pt_xml_attr(atts, PT_NS_NONE, "TargetMode");
    if (id == NULL || type == NULL || target == NULL || (mode != NULL && strcmp(mode, "External") == 0) ||
        !pt_ooxml_resolve(x->base, target, path, sizeof(path)))
        return;
    if (x->n_rels >= PT_OOXML_MAX_MEMBERS)
        return;
    GROW(x, x->rels, x->n_rels, x->cap_rels);
    r = &x->rels[x->n_rels];
    r->id = arena_copy(x, id, strlen(id));
    r->target = arena_copy(x, path, strlen(path));
    if (r->id == NULL || r->target == NULL)
        return;
    r->kind = pt_ooxml_rel_type_is(type, "/worksheet") ? 'w'
        : pt_ooxml_rel_type_is(type, "/chartsheet") || pt_ooxml_rel_type_is(type, "/dialogsheet") || pt_ooxml_rel_type_is(type, "/xlMacrosheet")
        ? 'c' : pt_ooxml_rel_type_is(type, "/sharedStrings") ? 's' : pt_ooxml_rel_type_is(type, "/styles") ? 'y' : 0;
    x->n_rels++;
}

static void
workbook_start(xlsx *x, pt_xml_ns ns, const char *local, const char **atts)
{
    if (ns != PT_NS_S)
        return;
    if (strcmp(local, "workbookPr") == 0)
    {
        const char *v = pt_xml_attr(atts, PT_NS_NONE, "date1904");

        x->date1904 = v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    }
    else if (strcmp(local, "sheet") == 0)
    {
        const char *name = pt_xml_attr(atts, PT_NS_NONE, "name");
        const char *rid = pt_xml_attr(atts, PT_NS_R, "id");
        sheet      *s;

        if (x->n_sheets >= PT_CELLS_MAX_TABLES)
        {
            pt_ooxml_fail(&x->z, PT_DOC_ERR_LIMIT, NULL, 0, PT_N_("the workbook has more than 100000 sheets"),
                          PT_N_("Split the document into smaller files."));
            return;
        }
        GROW(x, x->sheets, x->n_sheets, x->cap_sheets);
        s = &x->sheets[x->n_sheets];
        s->name = arena_copy(x, name != NULL ? name : "", name != NULL ? strlen(name) : 0);
        s->rid = arena_copy(x, rid != NULL ? rid : "", rid != NULL ? strlen(rid) : 0);
        if (s->name != NULL && s->rid != NULL)
            x->n_sheets++;
    }
}

static long
long_attr(const char **atts, const char *name, long absent)
{
    const char *v = pt_xml_attr(atts, PT_NS_NONE, name);
    long        n = 0;

    if (v == NULL || *v < '0' || *v > '9')
        return absent;
    while (*v >= '0' && *v <= '9')
    {
        n = n * 10 + (*v++ - '0');
        if (n > 100000000)
            return absent;
    }
    return *v == '\0' ? n : absent;
}

static void
styles_start(xlsx *x, pt_xml_ns ns, const char *local, const char **atts, int depth)
{
    if (ns != PT_NS_S)
        return;
    if (depth == 2 && (strcmp(local, "numFmts") == 0 || strcmp(local, "cellXfs") == 0))
    {
        x->container_depth = depth;
        x->t_depth = local[0] == 'n' ? 1 : 2;   /* which container */
        return;
    }
    if (x->container_depth == 0 || depth != x->container_depth + 1)
        return;
    if (x->t_depth == 1 && strcmp(local, "numFmt") == 0)
    {
        long        id = long_attr(atts, "numFmtId", -1);
        const char *code = pt_xml_attr(atts, PT_NS_NONE, "formatCode");
        numfmt_entry *e;

        if (id < 0 || code == NULL || x->n_fmts >= 100000)
            return;
        GROW(x, x->fmts, x->n_fmts, x->cap_fmts);
        e = &x->fmts[x->n_fmts];
        e->id = (int) id;
        e->code = arena_copy(x, code, strlen(code));
        e->compiled = NULL;
        if (e->code != NULL)
            x->n_fmts++;
    }
    else if (x->t_depth == 2 && strcmp(local, "xf") == 0)
    {
        if (x->n_xf >= PT_CELLS_MAX_CELLS)
            return;
        GROW(x, x->xf_fmt, x->n_xf, x->cap_xf);
        x->xf_fmt[x->n_xf++] = (int) long_attr(atts, "numFmtId", 0);
    }
}

static void
strings_start(xlsx *x, pt_xml_ns ns, const char *local, int depth)
{
    if (ns != PT_NS_S)
        return;
    if (depth == 2 && strcmp(local, "si") == 0)
    {
        x->container_depth = depth;
        x->text.len = 0;
    }
    else if (x->container_depth != 0 && x->rph_depth == 0)
    {
        if (strcmp(local, "rPh") == 0)
            x->rph_depth = depth;
        else if (strcmp(local, "t") == 0)
            x->t_depth = depth;
    }
}

static void
strings_end(xlsx *x, int depth)
{
    pt_doc_text t;

    if (depth == x->t_depth)
        x->t_depth = 0;
    else if (depth == x->rph_depth)
        x->rph_depth = 0;
    else if (depth == x->container_depth)
    {
        x->container_depth = 0;
        if (x->n_sst >= PT_CELLS_MAX_CELLS)
        {
            pt_ooxml_fail(&x->z, PT_DOC_ERR_LIMIT, NULL, 0, PT_N_("the workbook has more than 10000000 shared strings"),
                          PT_N_("Split the document into smaller files."));
            return;
        }
        GROW(x, x->sst, x->n_sst, x->cap_sst);
        if (store_text(x, x->text.p != NULL ? x->text.p : "", x->text.len, &t))
            x->sst[x->n_sst++] = t;
    }
}

/* ------------------------------------------------------------------------
 * Sheets
 * ------------------------------------------------------------------------ */

static int
cmp_fmt(const void *a, const void *b)
{
    const numfmt_entry *p = a;
    const numfmt_entry *q = b;

    return p->id != q->id ? (p->id < q->id ? -1 : 1) : 0;
}

/* The number format of a style: the file's numFmts (sorted by id once the
 * styles are read, binary search) or a built-in one; kept per style. */
static pt_numfmt *
format_of(xlsx *x, long style)
{
    int         id = style >= 0 && style < x->n_xf ? x->xf_fmt[style] : 0;
    size_t      lo = 0;
    size_t      hi = (size_t) x->n_fmts;
    const char *code;

    if (style >= 0 && style < x->n_xf && x->xf_cache != NULL && x->xf_cache[style] != NULL)
        return x->xf_cache[style];
    while (lo < hi)
    {
        size_t      mid = lo + (hi - lo) / 2;

        if (x->fmts[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < (size_t) x->n_fmts && x->fmts[lo].id == id)
    {
        numfmt_entry *e = &x->fmts[lo];

        if (e->compiled == NULL)
        {
            e->compiled = pt_numfmt_compile(e->code, strlen(e->code), x->alloc);
            if (e->compiled == NULL)
                no_memory(x);
        }
        if (style >= 0 && style < x->n_xf && x->xf_cache != NULL)
            x->xf_cache[style] = e->compiled;
        return e->compiled;
    }
    if (id < 0 || id >= (int) (sizeof(x->builtin) / sizeof(x->builtin[0])))
        id = 0;
    if (x->builtin[id] == NULL)
    {
        code = pt_numfmt_builtin(id);
        if (code == NULL)
            code = "General";
        x->builtin[id] = pt_numfmt_compile(code, strlen(code), x->alloc);
        if (x->builtin[id] == NULL)
            no_memory(x);
    }
    if (style >= 0 && style < x->n_xf && x->xf_cache != NULL)
        x->xf_cache[style] = x->builtin[id];
    return x->builtin[id];
}

static void
sheet_part(xlsx *x, char *out, size_t cap)
{
    pt_cell_table t;

    memset(&t, 0, sizeof(t));
    t.number = x->sheet_number;
    t.sheet = pt_text(x->sheet_name, strlen(x->sheet_name));
    pt_cells_part_name(&t, out, cap);
}

static void
store_cell(xlsx *x, pt_doc_text text)
{
    xcell      *c;

    if (text.len == 0)
        return;
    if (x->col > PT_CELLS_MAX_COLUMNS)
    {
        char        part[PT_CELLS_PART_MAX];

        sheet_part(x, part, sizeof(part));
        pt_ooxml_fail(&x->z, PT_DOC_ERR_LIMIT, part, x->row, PT_N_("a row has more than 1000 cells"),
                      PT_N_("Check the file: a table of performance targets has a few columns."));
        return;
    }
    if (++x->total_cells > PT_CELLS_MAX_CELLS)
    {
        pt_ooxml_fail(&x->z, PT_DOC_ERR_LIMIT, NULL, 0, PT_N_("the document has more than 10000000 cells"),
                      PT_N_("Split the document into smaller files."));
        return;
    }
    GROW(x, x->cells, x->n_cells, x->cap_cells);
    if (x->n_cells > 0)
    {
        const xcell *last = &x->cells[x->n_cells - 1];

        if (x->row < last->row || (x->row == last->row && x->col <= last->col))
            x->unsorted = true;
    }
    c = &x->cells[x->n_cells];
    c->row = x->row;
    c->col = x->col;
    c->seq = (unsigned) x->n_cells;
    c->text = text;
    x->n_cells++;
}

/* </c>: what the cell shows */
static void
end_cell(xlsx *x)
{
    const char *v = x->value.p != NULL ? x->value.p : "";
    size_t      vlen = x->value.len;
    const char *t = x->ctype;
    pt_numfmt  *f;
    pt_doc_text text = pt_text(NULL, 0);
    size_t      n;

    /* no cached value: no <v>, or an empty one where only a string may be empty
     * (openpyxl writes <v></v> for the formulas it stores) */
    if (x->has_f && !x->has_is && (!x->has_v || (vlen == 0 && strcmp(t, "str") != 0 && strcmp(t, "inlineStr") != 0)))
    {
        char        part[PT_CELLS_PART_MAX];
        char        name[16];
        char        message[240];
        const char *hint = x->lenient
            ? PT_N_("The cell is left empty. Open the file in Excel or WPS and save it again: Excel stores each "
                    "formula's value when it saves, programs that write workbooks often do not.")
            : PT_N_("Open the file in Excel or WPS and save it again: Excel stores each formula's value when it "
                    "saves, programs that write workbooks often do not; or import in lenient mode to leave such "
                    "cells empty.");
        size_t      flen = x->formula.len < FORMULA_QUOTE ? x->formula.len : FORMULA_QUOTE;

        sheet_part(x, part, sizeof(part));
        cell_name(x->row, x->col, name);
        while (flen > 0 && flen < x->formula.len && ((unsigned char) x->formula.p[flen] & 0xC0) == 0x80)
            flen--;
        if (flen == 0)
            snprintf(message, sizeof(message), PT_("the cell %s holds a formula without a cached value, "
                     "so what it shows is unknown"), name);
        else
            snprintf(message, sizeof(message), PT_("the cell %s holds a formula (=%.*s%s) without a cached value, "
                     "so what it shows is unknown"), name, (int) flen, x->formula.p,
                     x->formula.len > flen ? "…" : "");
        if (!x->lenient)
        {
            pt_ooxml_fail(&x->z, PT_DOC_ERR_INVALID, part, x->row, message, hint);
            return;
        }
        if (!pt_cells_skip(&x->b, 0, x->row, pt_text(NULL, 0), message, hint))
        {
            pt_ooxml_stop(&x->z);
            return;
        }
        {
            pt_doc_skip *s = &x->b.doc.skipped[x->b.doc.n_skipped - 1];
            char       *p = arena_copy(x, part, strlen(part));

            if (p == NULL)
                return;
            s->part = pt_text(p, strlen(p));
            s->table = x->sheet_number;
        }
        return;
    }
    if (strcmp(t, "s") == 0)
    {
        long        idx = 0;
        size_t      i;

        for (i = 0; i < vlen && v[i] >= '0' && v[i] <= '9' && idx <= PT_CELLS_MAX_CELLS; i++)
            idx = idx * 10 + (v[i] - '0');
        if (i == 0 || i != vlen || idx >= x->n_sst)
        {
            char        part[PT_CELLS_PART_MAX];
            char        name[16];
            char        message[200];
            size_t      shown = vlen < 20 ? vlen : 20;

            sheet_part(x, part, sizeof(part));
            cell_name(x->row, x->col, name);

            while (shown > 0 && shown < vlen && ((unsigned char) v[shown] & 0xC0) == 0x80)
                shown--;
            snprintf(message, sizeof(message), PT_("the cell %s refers to shared string %.*s, which the "
                     "workbook does not have"), name, vlen > 0 ? (int) shown : 6, vlen > 0 ? v : "(none)");
            pt_ooxml_fail(&x->z, PT_DOC_ERR_INVALID, part, x->row, message,
                          PT_N_("The file is damaged: open it in Excel or WPS, save it again and import the saved file."));
            return;
        }
        text = x->sst[idx];
        f = format_of(x, x->cstyle);
        if (f != NULL && (n = pt_numfmt_text(f, text.ptr, text.len, x->buf, sizeof(x->buf))) != (size_t) -1)
            store_text(x, x->buf, n, &text);
    }
    else if (strcmp(t, "inlineStr") == 0)
    {
        if (x->has_is)
            store_text(x, x->text.p != NULL ? x->text.p : "", x->text.len, &text);
        else
            store_text(x, v, vlen, &text);
    }
    else if (strcmp(t, "str") == 0)
        store_text(x, v, vlen, &text);
    else if (strcmp(t, "b") == 0)
        text = vlen == 0 ? pt_text(NULL, 0) : (vlen == 1 && v[0] == '1') ? pt_text("TRUE", 4) : pt_text("FALSE", 5);
    else if (strcmp(t, "e") == 0)
        store_text(x, v, vlen, &text);
    else if (strcmp(t, "d") == 0)
    {
        f = format_of(x, x->cstyle);
        n = pt_numfmt_iso_date(f, v, vlen, x->buf, sizeof(x->buf));
        store_text(x, x->buf, n, &text);
    }
    else if (vlen > 0)
    {
        f = format_of(x, x->cstyle);
        n = pt_numfmt_number(f, v, vlen, x->date1904, x->buf, sizeof(x->buf));
        store_text(x, x->buf, n, &text);
    }
    if (!x->z.failed)
        store_cell(x, text);
}

static void
sheet_start(xlsx *x, pt_xml_ns ns, const char *local, const char **atts, int depth)
{
    if (ns != PT_NS_S)
        return;
    if (x->container_depth != 0)
    {
        /* inside a cell */
        if (x->rph_depth != 0)
            return;
        if (strcmp(local, "v") == 0 && x->v_depth == 0)
        {
            x->v_depth = depth;
            x->has_v = true;
            x->value.len = 0;
        }
        else if (strcmp(local, "f") == 0 && x->f_depth == 0)
        {
            x->f_depth = depth;
            x->has_f = true;
            x->formula.len = 0;
        }
        else if (strcmp(local, "is") == 0 && x->is_depth == 0)
        {
            x->is_depth = depth;
            x->has_is = true;
            x->text.len = 0;
        }
        else if (x->is_depth != 0 && strcmp(local, "rPh") == 0)
            x->rph_depth = depth;
        else if (x->is_depth != 0 && strcmp(local, "t") == 0)
            x->t_depth = depth;
        return;
    }
    if (strcmp(local, "row") == 0)
    {
        long        r = long_attr(atts, "r", -1);

        x->row = r >= 1 && r <= MAX_ROW ? (int) r : x->row + 1;
        x->col = 0;
    }
    else if (strcmp(local, "c") == 0)
    {
        const char *ref = pt_xml_attr(atts, PT_NS_NONE, "r");
        const char *t = pt_xml_attr(atts, PT_NS_NONE, "t");
        int         row;
        int         col;
        const char *end;

        if (ref != NULL)
        {
            if (!parse_ref(ref, &row, &col, &end) || *end != '\0')
            {
                char        part[PT_CELLS_PART_MAX];
                char        message[160];

                sheet_part(x, part, sizeof(part));
                snprintf(message, sizeof(message), PT_("a cell has the malformed reference \"%.*s\""),
                         pt_utf8_prefix(ref, 40), ref);
                pt_ooxml_fail(&x->z, PT_DOC_ERR_INVALID, part, x->row, message,
                              PT_N_("The file is damaged: open it in Excel or WPS, save it again and import the saved file."));
                return;
            }
            x->row = row;
            x->col = col;
        }
        else
        {
            if (x->row == 0)
                x->row = 1;
            x->col++;
        }
        if (x->col > MAX_COL)
            x->col = MAX_COL + 1;
        snprintf(x->ctype, sizeof(x->ctype), "%s", t != NULL ? t : "n");
        x->cstyle = long_attr(atts, "s", 0);
        x->has_f = x->has_v = x->has_is = false;
        x->value.len = 0;
        x->formula.len = 0;
        x->container_depth = depth;
    }
    else if (strcmp(local, "mergeCell") == 0)
    {
        const char *ref = pt_xml_attr(atts, PT_NS_NONE, "ref");
        const char *end;
        xmerge      m;

        if (ref == NULL)
            return;
        memset(&m, 0, sizeof(m));
        if (!parse_ref(ref, &m.r1, &m.c1, &end) ||
            (*end == ':' ? !parse_ref(end + 1, &m.r2, &m.c2, &end) || *end != '\0'
             : (*end != '\0' || (m.r2 = m.r1, m.c2 = m.c1, false))))
        {
            char        part[PT_CELLS_PART_MAX];
            char        message[160];

            sheet_part(x, part, sizeof(part));
            snprintf(message, sizeof(message), PT_("a merged range has the malformed reference \"%.*s\""),
                     pt_utf8_prefix(ref, 40), ref);
            pt_ooxml_fail(&x->z, PT_DOC_ERR_INVALID, part, 0, message,
                          PT_N_("The file is damaged: open it in Excel or WPS, save it again and import the saved file."));
            return;
        }
        if (m.r1 > m.r2)
        {
            int         k = m.r1;

            m.r1 = m.r2;
            m.r2 = k;
        }
        if (m.c1 > m.c2)
        {
            int         k = m.c1;

            m.c1 = m.c2;
            m.c2 = k;
        }
        if ((m.r1 == m.r2 && m.c1 == m.c2) || m.c1 > PT_CELLS_MAX_COLUMNS)
            return;
        if (x->n_merges >= (size_t) PT_CELLS_MAX_CELLS)
        {
            pt_ooxml_fail(&x->z, PT_DOC_ERR_LIMIT, NULL, 0, PT_N_("a sheet has more than 10000000 merged ranges"),
                          PT_N_("Split the document into smaller files."));
            return;
        }
        GROW(x, x->merges, x->n_merges, x->cap_merges);
        x->merges[x->n_merges++] = m;
    }
}

static void
sheet_end(xlsx *x, int depth)
{
    if (x->container_depth == 0)
        return;
    if (depth == x->t_depth)
        x->t_depth = 0;
    else if (depth == x->rph_depth)
        x->rph_depth = 0;
    else if (depth == x->v_depth)
        x->v_depth = 0;
    else if (depth == x->f_depth)
        x->f_depth = 0;
    else if (depth == x->is_depth)
        x->is_depth = 0;
    else if (depth == x->container_depth)
    {
        x->container_depth = 0;
        x->t_depth = x->rph_depth = x->v_depth = x->f_depth = x->is_depth = 0;
        end_cell(x);
    }
}

static void
on_start(void *ud, pt_xml_ns ns, const char *local, const char **atts, int depth)
{
    xlsx       *x = ud;

    switch (x->part)
    {
        case PART_RELS:
            rels_start(x, ns, local, atts);
            break;
        case PART_WORKBOOK:
            workbook_start(x, ns, local, atts);
            break;
        case PART_STYLES:
            styles_start(x, ns, local, atts, depth);
            break;
        case PART_STRINGS:
            strings_start(x, ns, local, depth);
            break;
        case PART_SHEET:
            sheet_start(x, ns, local, atts, depth);
            break;
    }
}

static void
on_end(void *ud, pt_xml_ns ns, const char *local, int depth)
{
    xlsx       *x = ud;

    (void) ns;
    (void) local;
    if (x->part == PART_STRINGS)
        strings_end(x, depth);
    else if (x->part == PART_SHEET)
        sheet_end(x, depth);
    else if (x->part == PART_STYLES && depth == x->container_depth)
        x->container_depth = 0;
}

static void
on_text(void *ud, const char *s, int len)
{
    xlsx       *x = ud;

    if (x->part == PART_STRINGS)
    {
        if (x->t_depth != 0 && x->rph_depth == 0)
            buf_put(x, &x->text, s, (size_t) len, PT_N_("a shared string"));
    }
    else if (x->part == PART_SHEET && x->container_depth != 0 && x->rph_depth == 0)
    {
        if (x->v_depth != 0)
            buf_put(x, &x->value, s, (size_t) len, PT_N_("a cell"));
        else if (x->t_depth != 0)
            buf_put(x, &x->text, s, (size_t) len, PT_N_("a cell"));
        else if (x->f_depth != 0 && x->formula.len < FORMULA_QUOTE + 4)
            buf_put(x, &x->formula, s, (size_t) len < FORMULA_QUOTE + 4 ? (size_t) len : FORMULA_QUOTE + 4,
                    PT_N_("a formula"));
    }
}

/* ------------------------------------------------------------------------
 * A sheet's cells → rows
 * ------------------------------------------------------------------------ */

static int
cmp_cell(const void *a, const void *b)
{
    const xcell *p = a;
    const xcell *q = b;

    if (p->row != q->row)
        return p->row < q->row ? -1 : 1;
    if (p->col != q->col)
        return p->col < q->col ? -1 : 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq;
}

static int
cmp_merge(const void *a, const void *b)
{
    const xmerge *p = a;
    const xmerge *q = b;

    return p->r1 != q->r1 ? (p->r1 < q->r1 ? -1 : 1) : (p->c1 != q->c1 ? (p->c1 < q->c1 ? -1 : 1) : 0);
}

static const xcell *
find_cell(const xlsx *x, int row, int col)
{
    size_t      lo = 0;
    size_t      hi = x->n_cells;

    while (lo < hi)
    {
        size_t      mid = lo + (hi - lo) / 2;
        const xcell *c = &x->cells[mid];

        if (c->row < row || (c->row == row && c->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < x->n_cells && x->cells[lo].row == row && x->cells[lo].col == col ? &x->cells[lo] : NULL;
}

static bool
lay_out_sheet(xlsx *x)
{
    size_t      i;
    size_t      k;
    int         max_row = 0;
    int         max_col = 0;
    size_t      ci = 0;
    size_t      mi = 0;
    size_t     *active = NULL;
    size_t      n_active = 0;
    unsigned char cover[PT_CELLS_MAX_COLUMNS + 2];
    long        marks = 0;
    int         r = 0;
    bool        ok = true;

    if (x->unsorted && x->n_cells > 1)
    {
        /* out of order (Excel never writes that): sorted, the last of equal cells kept */
        qsort(x->cells, x->n_cells, sizeof(xcell), cmp_cell);
        for (i = 0, k = 0; i < x->n_cells; i++)
        {
            if (k > 0 && x->cells[k - 1].row == x->cells[i].row && x->cells[k - 1].col == x->cells[i].col)
                k--;
            x->cells[k++] = x->cells[i];
        }
        x->n_cells = k;
    }
    for (i = 0; i < x->n_cells; i++)
    {
        if (x->cells[i].row > max_row)
            max_row = x->cells[i].row;
        if (x->cells[i].col > max_col)
            max_col = x->cells[i].col;
    }
    /* ranges cut to the cells with text */
    for (i = 0, k = 0; i < x->n_merges; i++)
    {
        xmerge      m = x->merges[i];

        if (m.r1 > max_row || m.c1 > max_col)
            continue;
        if (m.r2 > max_row)
            m.r2 = max_row;
        if (m.c2 > max_col)
            m.c2 = max_col;
        if (m.r1 == m.r2 && m.c1 == m.c2)
            continue;
        m.origin_text = find_cell(x, m.r1, m.c1) != NULL;
        x->merges[k++] = m;
    }
    x->n_merges = k;
    if (x->n_merges > 1)
        qsort(x->merges, x->n_merges, sizeof(xmerge), cmp_merge);
    if (x->n_merges > 0)
    {
        active = malloc(x->n_merges * sizeof(size_t));
        if (active == NULL)
            return no_memory(x);
    }
    for (;;)
    {
        int         next = INT32_MAX;
        int         width = 0;
        bool        visible = false;
        bool        any_cover;
        int         c;

        if (ci < x->n_cells)
            next = x->cells[ci].row;
        if (mi < x->n_merges && x->merges[mi].r1 < next)
            next = x->merges[mi].r1;
        for (i = 0, k = 0; i < n_active; i++)
            if (x->merges[active[i]].r2 > r)
                active[k++] = active[i];
        n_active = k;
        if (n_active > 0 && r + 1 < next)
            next = r + 1;
        if (next == INT32_MAX)
            break;
        r = next;
        while (mi < x->n_merges && x->merges[mi].r1 == r)
            active[n_active++] = mi++;

        /* what covers each column of row r */
        any_cover = n_active > 0;
        if (any_cover)
            memset(cover, 0, sizeof(cover));
        for (i = 0; i < n_active; i++)
        {
            const xmerge *m = &x->merges[active[i]];

            for (c = m->c1; c <= m->c2; c++)
            {
                if (r == m->r1 && c == m->c1)
                    continue;
                if (cover[c] == COVER_NONE)
                {
                    cover[c] = !m->origin_text ? COVER_BLANK : r == m->r1 ? COVER_LEFT : COVER_ABOVE;
                    if (cover[c] != COVER_BLANK)
                    {
                        visible = true;
                        if (c > width)
                            width = c;
                    }
                }
                if (++marks > 2L * PT_CELLS_MAX_CELLS)
                {
                    free(active);
                    return pt_ooxml_fail(&x->z, PT_DOC_ERR_LIMIT, "", 0,
                                         PT_N_("the merged ranges cover more than 10000000 cells"),
                                         PT_N_("Split the document into smaller files."));
                }
            }
        }
        for (k = ci; k < x->n_cells && x->cells[k].row == r; k++)
            if (!any_cover || cover[x->cells[k].col] == COVER_NONE)
            {
                visible = true;
                if (x->cells[k].col > width)
                    width = x->cells[k].col;
            }
        if (visible)
        {
            size_t      j = ci;

            ok = pt_cells_row(&x->b, r);
            for (c = 1; ok && c <= width; c++)
            {
                int         cv = any_cover ? cover[c] : COVER_NONE;

                while (j < k && x->cells[j].col < c)
                    j++;
                if (cv == COVER_LEFT)
                    ok = pt_cells_cell(&x->b, NULL, 0, 0, PT_MERGE_LEFT);
                else if (cv == COVER_ABOVE)
                    ok = pt_cells_cell(&x->b, NULL, 0, 0, PT_MERGE_ABOVE);
                else if (cv == COVER_NONE && j < k && x->cells[j].col == c)
                    ok = pt_cells_cell(&x->b, x->cells[j].text.ptr, x->cells[j].text.len, 0, PT_MERGE_NONE);
                else
                    ok = pt_cells_cell(&x->b, NULL, 0, 0, PT_MERGE_NONE);
            }
            if (!ok)
                break;
        }
        ci = k;
    }
    free(active);
    if (!ok)
        return pt_ooxml_stop(&x->z);
    return true;
}

/* ------------------------------------------------------------------------
 * The workbook
 * ------------------------------------------------------------------------ */

static int
cmp_rel(const void *a, const void *b)
{
    return strcmp(((const rel *) a)->id, ((const rel *) b)->id);
}

/* rels sorted by id once read: binary search */
static const rel *
rel_by_id(const xlsx *x, const char *id)
{
    size_t      lo = 0;
    size_t      hi = (size_t) x->n_rels;

    while (lo < hi)
    {
        size_t      mid = lo + (hi - lo) / 2;
        int         c = strcmp(x->rels[mid].id, id);

        if (c == 0)
            return &x->rels[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static const rel *
rel_by_kind(const xlsx *x, char kind)
{
    int         i;

    for (i = 0; i < x->n_rels; i++)
        if (x->rels[i].kind == kind)
            return &x->rels[i];
    return NULL;
}

static int
parse_part(xlsx *x, enum part part, const char *member)
{
    static const pt_xml_handlers handlers = {on_start, on_end, on_text};

    x->part = part;
    x->container_depth = x->t_depth = x->rph_depth = x->v_depth = x->f_depth = x->is_depth = 0;
    return pt_ooxml_parse(&x->z, member, &handlers, x);
}

static int
fail_missing(xlsx *x, const char *message)
{
    pt_ooxml_fail(&x->z, PT_DOC_ERR_INVALID, "", 0, message,
                  PT_N_("The file is damaged or is no Excel workbook: open it in Excel or WPS, save it as an "
                  "Excel Workbook (.xlsx) and import the saved file."));
    return -1;
}

static int
read_workbook(xlsx *x)
{
    char        workbook[PT_OOXML_MAX_NAME];
    char        rels[PT_OOXML_MAX_NAME * 2 + 16];
    const char *slash;
    const rel  *r;
    int         rc;
    int         i;

    rc = pt_ooxml_relationship(&x->z, "_rels/.rels", "", "/officeDocument", workbook, sizeof(workbook));
    if (rc < 0)
        return -1;
    if (rc == 1)
        strcpy(workbook, "xl/workbook.xml");
    slash = strrchr(workbook, '/');
    snprintf(x->base, sizeof(x->base), "%.*s", slash != NULL ? (int) (slash - workbook + 1) : 0, workbook);
    snprintf(rels, sizeof(rels), "%s_rels/%s.rels", x->base, slash != NULL ? slash + 1 : workbook);

    rc = parse_part(x, PART_RELS, rels);
    if (rc < 0)
        return -1;
    if (x->n_rels > 1)
        qsort(x->rels, (size_t) x->n_rels, sizeof(rel), cmp_rel);
    rc = parse_part(x, PART_WORKBOOK, workbook);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return fail_missing(x, PT_N_("the Excel workbook (.xlsx) has no workbook part (xl/workbook.xml)"));

    /* styles and shared strings first: the sheets refer to them */
    r = rel_by_kind(x, 'y');
    rc = parse_part(x, PART_STYLES, r != NULL ? r->target : "xl/styles.xml");
    if (rc < 0)
        return -1;
    if (x->n_fmts > 1)
        qsort(x->fmts, (size_t) x->n_fmts, sizeof(numfmt_entry), cmp_fmt);
    if (x->n_xf > 0)
    {
        x->xf_cache = calloc((size_t) x->n_xf, sizeof(pt_numfmt *));
        if (x->xf_cache == NULL)
            return no_memory(x), -1;
    }
    r = rel_by_kind(x, 's');
    rc = parse_part(x, PART_STRINGS, r != NULL ? r->target : "xl/sharedStrings.xml");
    if (rc < 0)
        return -1;

    for (i = 0; i < x->n_sheets; i++)
    {
        char        fallback[48];
        const char *member;

        r = rel_by_id(x, x->sheets[i].rid);
        x->sheet_number = i + 1;
        x->sheet_name = x->sheets[i].name;
        if (!pt_cells_table(&x->b, x->sheet_name, strlen(x->sheet_name)))
            return pt_ooxml_stop(&x->z), -1;
        if (r != NULL && r->kind == 'c')
            continue;           /* a chart sheet: no cells */
        if (r != NULL && r->kind == 'w')
            member = r->target;
        else if (r == NULL && x->n_rels == 0)
        {
            snprintf(fallback, sizeof(fallback), "xl/worksheets/sheet%d.xml", i + 1);
            member = fallback;
        }
        else
        {
            char        message[200];

            snprintf(message, sizeof(message), PT_("the sheet \"%.*s\" has no worksheet relationship (%.*s)"),
                     pt_utf8_prefix(x->sheet_name, 80), x->sheet_name, pt_utf8_prefix(x->sheets[i].rid, 40),
                     x->sheets[i].rid);
            return fail_missing(x, message);
        }
        x->row = x->col = 0;
        x->n_cells = 0;
        x->n_merges = 0;
        x->unsorted = false;
        rc = parse_part(x, PART_SHEET, member);
        if (rc < 0)
            return -1;
        if (rc == 1)
        {
            char        message[PT_OOXML_MAX_NAME + 120];

            snprintf(message, sizeof(message), PT_("the sheet \"%.*s\" has no part %s in the workbook"),
                     pt_utf8_prefix(x->sheet_name, 80), x->sheet_name, member);
            return fail_missing(x, message);
        }
        if (!lay_out_sheet(x))
            return -1;
    }
    return 0;
}

int
pt_read_xlsx(const char *data, size_t len, bool lenient, const pt_allocator *alloc,
             pt_cells_doc *out, pt_doc_error *err)
{
    pt_doc_error scratch;
    xlsx       *x;
    int         rc;

    if (err == NULL)
        err = &scratch;
    memset(err, 0, sizeof(*err));
    if (out != NULL)
        memset(out, 0, sizeof(*out));
    x = calloc(1, sizeof(xlsx));
    if (x == NULL)
    {
        pt_cells_fail(err, 0, "", 0, MEMORY_MESSAGE, MEMORY_HINT);
        err->code = PT_DOC_ERR_MEMORY;
        return -1;
    }
    x->alloc = alloc;
    x->err = err;
    x->lenient = lenient;
    pt_cells_begin(&x->b, PT_FORMAT_XLSX, alloc, err);
    rc = x->b.failed ? -1 : pt_ooxml_open(&x->z, data != NULL ? data : "", data != NULL ? len : 0, KIND, err);
    if (rc == 0)
        rc = read_workbook(x);
    pt_ooxml_close(&x->z);
    pt_buf_free(&x->text);
    pt_buf_free(&x->value);
    pt_buf_free(&x->formula);
    free(x->rels);
    free(x->sheets);
    free(x->sst);
    free(x->xf_fmt);
    free(x->xf_cache);
    free(x->fmts);
    free(x->cells);
    free(x->merges);
    if (rc != 0 || x->z.failed)
        x->b.failed = true;
    rc = pt_cells_finish(&x->b, out);
    free(x);
    return rc;
}
