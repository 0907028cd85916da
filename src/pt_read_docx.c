/*
 * pt_read_docx.c — the .docx reader (contract at pt_read_docx() in
 * pt_cells.h): word/document.xml streamed through expat (pt_ooxml.c), one
 * pass, no tree, no recursion.
 *
 *   body paragraph   w:p outside any table: a `before` paragraph of the next
 *                    table (numbered among the body's paragraphs), or `after`
 *   w:tbl            a table; the rows' cells by grid column:
 *                      w:gridBefore n    n empty cells first
 *                      w:gridSpan n      the cell, then n-1 PT_MERGE_LEFT
 *                      w:vMerge          "restart" a cell; continued (no
 *                                        value, or "continue") an empty cell
 *                                        becomes PT_MERGE_ABOVE per column
 *                      w:hMerge continue PT_MERGE_LEFT (Word 97 merges)
 *                    a row deleted with tracked changes (w:trPr/w:del) is
 *                    left out; row numbers count the rows kept
 *   nested w:tbl     text of the enclosing cell: each nested row on a line of
 *                    its own, its cells separated by TAB, a nested cell's
 *                    paragraphs by a space
 *   cell text        its non-empty paragraphs joined by '\n'
 *   run text         w:t; w:tab and w:ptab TAB; w:br and w:cr '\n';
 *                    w:noBreakHyphen '-'; w:sym its character (Symbol font
 *                    mapped: F0B3 → ≥); m:t of equations; fields show their
 *                    result (the w:instrText of a field is not text)
 *   left out         deleted text (w:del, w:moveFrom), earlier properties of
 *                    tracked changes (w:*PrChange), mc:Fallback (the same
 *                    content as its mc:Choice), text boxes (w:txbxContent, part
 *                    of a drawing, not of the text flow), ruby text (w:rt)
 *
 * A header row that Word repeats on each page is one row of the XML; a
 * header written again after a manual split stays a row (the layout step
 * skips repeated header rows and continues a table split in two).
 */
#include "pt_ooxml.h"
#include "pt_i18n.h"

#include <stdlib.h>
#include <string.h>

#define KIND PT_N_("Word document (.docx)")

enum vmerge
{
    VMERGE_NONE = 0,
    VMERGE_RESTART,
    VMERGE_CONTINUE
};

typedef struct docx
{
    pt_ooxml    z;
    pt_cells_builder b;
    int         skip_root;      /* depth of the element whose subtree is left out; 0 none */
    int         tables;         /* open w:tbl */
    int         runs;           /* open w:r, m:r */
    int         text_depth;     /* depth of the open w:t / m:t; 0 none */
    int         paragraphs;     /* body paragraphs so far */
    pt_buf      para;           /* the body paragraph being read */
    pt_buf      cell;           /* the top-level table's cell being read */
    char        pending;        /* separator due before the cell's next text */
    /* the top-level table's row */
    int         tr_depth;
    int         trpr_depth;     /* depth of its open w:trPr; 0 none */
    int         tcpr_depth;     /* depth of the cell's open w:tcPr; 0 none */
    bool        row_started;
    int         row_number;
    int         grid_before;
    /* its cell */
    int         span;
    int         vmerge;
    bool        hmerge_continue;
    bool        nested_first_cell;
} docx;

/* The elements the reader acts on, found once per element by its first
 * letter (most elements, w:rPr, w:sz, w:jc ..., are E_OTHER after one or two
 * comparisons). */
typedef enum element
{
    E_OTHER = 0,
    E_SKIP,                     /* content that is not shown text: left out */
    E_DEL,                      /* w:del: deleted text, or a deleted row in w:trPr */
    E_P, E_R, E_T, E_TAB, E_BR, E_HYPHEN, E_SYM,
    E_TBL, E_TR, E_TC, E_TRPR, E_TCPR,
    E_GRID_BEFORE, E_GRID_SPAN, E_VMERGE, E_HMERGE
} element;

static bool
is(const char *local, const char *name)
{
    return strcmp(local, name) == 0;
}

/* Left out (see the comment at the top): w:del, w:moveFrom, w:txbxContent,
 * w:rt, field codes, deleted text, the properties before a tracked change. */
static element
w_element(const char *l)
{
    switch (l[0])
    {
        case 'p':
            return l[1] == '\0' ? E_P : is(l, "ptab") ? E_TAB : is(l, "pPrChange") ? E_SKIP : E_OTHER;
        case 'r':
            return l[1] == '\0' ? E_R : is(l, "rt") || is(l, "rPrChange") ? E_SKIP : E_OTHER;
        case 't':
            if (l[1] == '\0')
                return E_T;
            if (is(l, "tc"))
                return E_TC;
            if (is(l, "tr"))
                return E_TR;
            if (is(l, "tab"))
                return E_TAB;
            if (is(l, "tbl"))
                return E_TBL;
            if (is(l, "tcPr"))
                return E_TCPR;
            if (is(l, "trPr"))
                return E_TRPR;
            if (is(l, "txbxContent") || is(l, "tblPrChange") || is(l, "trPrChange") || is(l, "tcPrChange") ||
                is(l, "tblGridChange") || is(l, "tblPrExChange"))
                return E_SKIP;
            return E_OTHER;
        case 'b':
            return is(l, "br") ? E_BR : E_OTHER;
        case 'c':
            return is(l, "cr") ? E_BR : E_OTHER;
        case 'd':
            return is(l, "del") ? E_DEL : is(l, "delText") || is(l, "delInstrText") ? E_SKIP : E_OTHER;
        case 'g':
            return is(l, "gridSpan") ? E_GRID_SPAN : is(l, "gridBefore") ? E_GRID_BEFORE : E_OTHER;
        case 'h':
            return is(l, "hMerge") ? E_HMERGE : E_OTHER;
        case 'i':
            return is(l, "instrText") ? E_SKIP : E_OTHER;
        case 'm':
            return is(l, "moveFrom") ? E_SKIP : E_OTHER;
        case 'n':
            return is(l, "noBreakHyphen") ? E_HYPHEN : is(l, "numberingChange") ? E_SKIP : E_OTHER;
        case 's':
            return is(l, "sym") ? E_SYM : is(l, "sectPrChange") ? E_SKIP : E_OTHER;
        case 'v':
            return is(l, "vMerge") ? E_VMERGE : E_OTHER;
        default:
            return E_OTHER;
    }
}

static element
element_of(pt_xml_ns ns, const char *local)
{
    if (ns == PT_NS_W)
        return w_element(local);
    if (ns == PT_NS_M)
        return local[0] == 'r' && local[1] == '\0' ? E_R : local[0] == 't' && local[1] == '\0' ? E_T : E_OTHER;
    if (ns == PT_NS_MC)
        return is(local, "Fallback") ? E_SKIP : E_OTHER;
    return E_OTHER;
}

static int
rank(char sep)
{
    return sep == '\n' ? 3 : sep == '\t' ? 2 : sep == ' ' ? 1 : 0;
}

static void
want_separator(docx *d, char sep)
{
    if (rank(sep) > rank(d->pending))
        d->pending = sep;
}

static void
buffer_failed(docx *d, int rc)
{
    char        part[PT_CELLS_PART_MAX] = "";

    if (rc == -2)
    {
        pt_ooxml_fail(&d->z, PT_DOC_ERR_MEMORY, "", 0, PT_N_("out of memory while reading the document"),
                      PT_N_("Free memory or split the document."));
        return;
    }
    if (d->tables > 0 && d->b.doc.n_tables > 0)
        pt_cells_part_name(&d->b.doc.tables[d->b.doc.n_tables - 1], part, sizeof(part));
    pt_ooxml_fail(&d->z, PT_DOC_ERR_LIMIT, part, d->tables > 0 ? d->row_number : 0,
                  d->tables > 0 ? PT_N_("a cell holds more than 1 MiB of text") : PT_N_("a paragraph is longer than 1 MiB"),
                  PT_N_("Check the file: split very long cells."));
}

/* Shown text: into the body paragraph, or the top-level cell. */
static void
append(docx *d, const char *s, size_t n)
{
    size_t      i = 0;

    while (i < n && !d->z.failed)
    {
        /* carriage returns (only from &#13;) are no line ends of their own */
        size_t      j = i;
        int         rc;

        while (j < n && s[j] != '\r')
            j++;
        if (j > i)
        {
            if (d->tables == 0)
                rc = pt_buf_put(&d->para, s + i, j - i, PT_CELLS_MAX_CELL_BYTES);
            else
            {
                rc = 0;
                if (d->pending != 0 && d->cell.len > 0)
                    rc = pt_buf_put(&d->cell, &d->pending, 1, PT_CELLS_MAX_CELL_BYTES);
                d->pending = 0;
                if (rc == 0)
                    rc = pt_buf_put(&d->cell, s + i, j - i, PT_CELLS_MAX_CELL_BYTES);
            }
            if (rc != 0)
            {
                buffer_failed(d, rc);
                return;
            }
        }
        i = j < n ? j + 1 : j;
    }
}

static void
append_code_point(docx *d, unsigned long c)
{
    char        u[4];
    size_t      n;

    if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        c = 0xFFFD;
    if (c < 0x80)
    {
        u[0] = (char) c;
        n = 1;
    }
    else if (c < 0x800)
    {
        u[0] = (char) (0xC0 | (c >> 6));
        u[1] = (char) (0x80 | (c & 0x3F));
        n = 2;
    }
    else if (c < 0x10000)
    {
        u[0] = (char) (0xE0 | (c >> 12));
        u[1] = (char) (0x80 | ((c >> 6) & 0x3F));
        u[2] = (char) (0x80 | (c & 0x3F));
        n = 3;
    }
    else
    {
        u[0] = (char) (0xF0 | (c >> 18));
        u[1] = (char) (0x80 | ((c >> 12) & 0x3F));
        u[2] = (char) (0x80 | ((c >> 6) & 0x3F));
        u[3] = (char) (0x80 | (c & 0x3F));
        n = 4;
    }
    append(d, u, n);
}

/* w:sym: a character of a symbol font.  Word writes Symbol's characters
 * at U+F000 + their code; those with a Unicode equivalent are mapped. */
static unsigned long
symbol_char(const char *font, const char *hex)
{
    static const char greek_upper[] = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    static const char greek_lower[] = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    static const struct
    {
        unsigned char code;
        unsigned short uni;
    }           high[] = {
        {0x22, 0x2200}, {0x24, 0x2203}, {0x27, 0x220B}, {0x2A, 0x2217}, {0x2D, 0x2212},
        {0x40, 0x2245}, {0x5C, 0x2234}, {0x5E, 0x22A5}, {0x7E, 0x223C}, {0xA2, 0x2032},
        {0xA3, 0x2264}, {0xA5, 0x221E}, {0xAC, 0x2190}, {0xAD, 0x2191}, {0xAE, 0x2192},
        {0xAF, 0x2193}, {0xB0, 0x00B0}, {0xB1, 0x00B1}, {0xB2, 0x2033}, {0xB3, 0x2265},
        {0xB4, 0x00D7}, {0xB5, 0x221D}, {0xB7, 0x2022}, {0xB8, 0x00F7}, {0xB9, 0x2260},
        {0xBA, 0x2261}, {0xBB, 0x2248}, {0xBC, 0x2026}, {0xD6, 0x221A}, {0xD7, 0x22C5},
    };
    unsigned long c = 0;
    unsigned    low;
    size_t      i;

    if (hex == NULL)
        return 0xFFFD;
    for (i = 0; hex[i] != '\0' && i < 8; i++)
    {
        char        h = hex[i];
        int         v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
            : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;

        if (v < 0)
            return 0xFFFD;
        c = c * 16 + (unsigned long) v;
    }
    if (i == 0 || hex[i] != '\0')
        return 0xFFFD;
    if (c < 0xF000 || c > 0xF0FF || font == NULL || strcmp(font, "Symbol") != 0)
        return c;
    low = (unsigned) (c - 0xF000);
    for (i = 0; i < sizeof(high) / sizeof(high[0]); i++)
        if (high[i].code == low)
            return high[i].uni;
    if ((low >= 'A' && low <= 'Z') || (low >= 'a' && low <= 'z'))
    {
        /* the n-th Greek letter of the table (each two UTF-8 bytes) */
        const unsigned char *g = (const unsigned char *) (low <= 'Z' ? greek_upper : greek_lower);
        unsigned    n = low <= 'Z' ? low - 'A' : low - 'a';

        return ((unsigned long) (g[2 * n] & 0x1F) << 6) | (g[2 * n + 1] & 0x3F);
    }
    if (low >= 0x20 && low < 0x7F)
        return low;
    return c;
}

static int
int_attr(const char **atts, int lo, int hi, int absent)
{
    const char *v = pt_xml_attr(atts, PT_NS_W, "val");
    long        n = 0;

    if (v == NULL)
        return absent;
    while (*v == ' ')
        v++;
    if (*v < '0' || *v > '9')
        return absent;
    while (*v >= '0' && *v <= '9')
    {
        n = n * 10 + (*v++ - '0');
        if (n > hi)
            return hi;
    }
    return n < lo ? lo : (int) n;
}

static void
start_row(docx *d)
{
    int         i;

    if (!pt_cells_row(&d->b, ++d->row_number))
    {
        pt_ooxml_stop(&d->z);
        return;
    }
    d->row_started = true;
    for (i = 0; i < d->grid_before; i++)
        if (!pt_cells_cell(&d->b, NULL, 0, 0, PT_MERGE_NONE))
        {
            pt_ooxml_stop(&d->z);
            return;
        }
}

static void
end_cell(docx *d)
{
    bool        ok = true;
    int         i;

    if (!d->row_started)
        start_row(d);
    if (d->z.failed)
        return;
    if (d->hmerge_continue)
        for (i = 0; ok && i < d->span; i++)
            ok = pt_cells_cell(&d->b, NULL, 0, 0, PT_MERGE_LEFT);
    else if (d->vmerge == VMERGE_CONTINUE && d->cell.len == 0)
        for (i = 0; ok && i < d->span; i++)
            ok = pt_cells_cell(&d->b, NULL, 0, 0, PT_MERGE_ABOVE);
    else
    {
        ok = pt_cells_cell_copy(&d->b, d->cell.p, d->cell.len, 0, PT_MERGE_NONE);
        for (i = 1; ok && i < d->span; i++)
            ok = pt_cells_cell(&d->b, NULL, 0, 0, PT_MERGE_LEFT);
    }
    if (!ok)
        pt_ooxml_stop(&d->z);
}

static void
on_start(void *ud, pt_xml_ns ns, const char *local, const char **atts, int depth)
{
    docx       *d = ud;
    element     e;

    if (d->skip_root != 0)
        return;
    e = element_of(ns, local);
    switch (e)
    {
        case E_OTHER:
            return;
        case E_SKIP:
            d->skip_root = depth;
            return;
        case E_DEL:
            /* in w:trPr a deleted row: the rest of it is left out */
            d->skip_root = d->trpr_depth != 0 && depth == d->trpr_depth + 1 ? d->tr_depth : depth;
            return;
        case E_R:
            d->runs++;
            return;
        default:
            break;
    }

    /* a run's text */
    if (d->runs > 0)
    {
        switch (e)
        {
            case E_T:
                d->text_depth = depth;
                break;
            case E_TAB:
                append(d, "\t", 1);
                break;
            case E_BR:
                append(d, "\n", 1);
                break;
            case E_HYPHEN:
                append(d, "-", 1);
                break;
            case E_SYM:
                append_code_point(d, symbol_char(pt_xml_attr(atts, PT_NS_W, "font"),
                                                 pt_xml_attr(atts, PT_NS_W, "char")));
                break;
            default:
                break;
        }
        return;
    }

    /* structure */
    switch (e)
    {
        case E_P:
            if (d->tables == 0)
                d->para.len = 0;
            else
                want_separator(d, d->tables == 1 ? '\n' : ' ');
            break;
        case E_TBL:
            if (++d->tables == 1)
            {
                if (!pt_cells_table(&d->b, NULL, 0))
                    pt_ooxml_stop(&d->z);
                d->row_number = 0;
            }
            else
                want_separator(d, '\n');
            break;
        case E_TR:
            if (d->tables == 1)
            {
                d->tr_depth = depth;
                d->trpr_depth = 0;
                d->row_started = false;
                d->grid_before = 0;
            }
            else
            {
                want_separator(d, '\n');
                d->nested_first_cell = true;
            }
            break;
        case E_TC:
            if (d->tables == 1)
            {
                if (!d->row_started)
                    start_row(d);
                d->cell.len = 0;
                d->pending = 0;
                d->span = 1;
                d->vmerge = VMERGE_NONE;
                d->hmerge_continue = false;
                d->tcpr_depth = 0;
            }
            else if (!d->nested_first_cell)
                want_separator(d, '\t');
            else
                d->nested_first_cell = false;
            break;
        case E_TRPR:
            if (d->tables == 1 && depth == d->tr_depth + 1)
                d->trpr_depth = depth;
            break;
        case E_TCPR:
            if (d->tables == 1 && d->tcpr_depth == 0)
                d->tcpr_depth = depth;
            break;
        case E_GRID_BEFORE:
            if (d->tables == 1 && d->trpr_depth != 0 && depth == d->trpr_depth + 1)
                d->grid_before = int_attr(atts, 0, PT_CELLS_MAX_COLUMNS + 1, 0);
            break;
        case E_GRID_SPAN:
            if (d->tables == 1 && d->tcpr_depth != 0 && depth == d->tcpr_depth + 1)
                d->span = int_attr(atts, 1, PT_CELLS_MAX_COLUMNS + 1, 1);
            break;
        case E_VMERGE:
            if (d->tables == 1 && d->tcpr_depth != 0 && depth == d->tcpr_depth + 1)
            {
                const char *v = pt_xml_attr(atts, PT_NS_W, "val");

                d->vmerge = v != NULL && is(v, "restart") ? VMERGE_RESTART : VMERGE_CONTINUE;
            }
            break;
        case E_HMERGE:
            if (d->tables == 1 && d->tcpr_depth != 0 && depth == d->tcpr_depth + 1)
            {
                const char *v = pt_xml_attr(atts, PT_NS_W, "val");

                d->hmerge_continue = v == NULL || is(v, "continue");
            }
            break;
        default:
            break;
    }
}

static void
on_end(void *ud, pt_xml_ns ns, const char *local, int depth)
{
    docx       *d = ud;

    if (d->skip_root != 0)
    {
        if (depth == d->skip_root)
            d->skip_root = 0;
        return;
    }
    if (d->text_depth == depth)
    {
        d->text_depth = 0;
        return;
    }
    switch (element_of(ns, local))
    {
        case E_R:
            if (d->runs > 0)
                d->runs--;
            break;
        case E_P:
            if (d->tables == 0)
            {
                /* a page break before or after the text is no line of it */
                const char *p = d->para.p != NULL ? d->para.p : "";
                size_t      n = d->para.len;

                while (n > 0 && (p[0] == '\n' || p[0] == ' ' || p[0] == '\t'))
                {
                    p++;
                    n--;
                }
                while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == ' ' || p[n - 1] == '\t'))
                    n--;
                d->paragraphs++;
                if (!pt_cells_paragraph_copy(&d->b, p, n, d->paragraphs))
                    pt_ooxml_stop(&d->z);
                d->para.len = 0;
            }
            break;
        case E_TBL:
            if (d->tables > 0)
                d->tables--;
            break;
        case E_TC:
            if (d->tables == 1)
                end_cell(d);
            break;
        case E_TRPR:
            if (depth == d->trpr_depth)
                d->trpr_depth = 0;
            break;
        case E_TCPR:
            if (depth == d->tcpr_depth)
                d->tcpr_depth = 0;
            break;
        default:
            break;
    }
}

static void
on_text(void *ud, const char *s, int len)
{
    docx       *d = ud;

    if (d->text_depth != 0 && d->skip_root == 0)
        append(d, s, (size_t) len);
}

int
pt_read_docx(const char *data, size_t len, const pt_allocator *alloc,
             pt_cells_doc *out, pt_doc_error *err)
{
    static const pt_xml_handlers handlers = {on_start, on_end, on_text};
    pt_doc_error scratch;
    docx       *d;
    char        main_part[PT_OOXML_MAX_NAME];
    int         rc;

    if (err == NULL)
        err = &scratch;
    memset(err, 0, sizeof(*err));
    if (out != NULL)
        memset(out, 0, sizeof(*out));
    d = calloc(1, sizeof(docx));
    if (d == NULL)
    {
        pt_cells_fail(err, 0, "", 0, PT_N_("out of memory while reading the document"),
                      PT_N_("Free memory or split the document."));
        err->code = PT_DOC_ERR_MEMORY;
        return -1;
    }
    pt_cells_begin(&d->b, PT_FORMAT_DOCX, alloc, err);
    rc = d->b.failed ? -1 : pt_ooxml_open(&d->z, data != NULL ? data : "", data != NULL ? len : 0, KIND, err);
    if (rc == 0)
    {
        /* the main part, as the package's relationships name it */
        rc = pt_ooxml_relationship(&d->z, "_rels/.rels", "", "/officeDocument", main_part, sizeof(main_part));
        if (rc == 1)
            strcpy(main_part, "word/document.xml");
        if (rc >= 0)
        {
            rc = pt_ooxml_parse(&d->z, main_part, &handlers, d);
            if (rc == 1)
            {
                pt_cells_fail(err, 0, "", 0, PT_N_("the Word document (.docx) has no main part (word/document.xml)"),
                              PT_N_("The file is damaged or is no Word document: open it in Word or WPS, save it "
                              "as a Word Document (.docx) and import the saved file."));
                err->code = PT_DOC_ERR_INVALID;
                rc = -1;
            }
        }
    }
    pt_ooxml_close(&d->z);
    pt_buf_free(&d->para);
    pt_buf_free(&d->cell);
    if (rc != 0)
        d->b.failed = true;
    rc = pt_cells_finish(&d->b, out);
    free(d);
    return rc;
}
