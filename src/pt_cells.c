/*
 * pt_cells.c — building the document model (pt_cells.h): the builder every
 * reader uses, error filling, format names.
 *
 * Arrays grow by doubling inside the caller's arena (the old block is simply
 * left behind: arenas free everything at once), so appending is amortised
 * constant time and a document of n cells costs O(n) memory.
 */
#include "pt_cells.h"
#include "pt_i18n.h"

#include <stdint.h>
#include <string.h>

static const char EMPTY[] = "";

static pt_doc_text
text_of(const char *ptr, size_t len)
{
    pt_doc_text t;

    t.ptr = (ptr != NULL && len > 0) ? ptr : EMPTY;
    t.len = (ptr != NULL) ? len : 0;
    return t;
}

/* ------------------------------------------------------------------------
 * Text helpers
 * ------------------------------------------------------------------------ */

pt_doc_text
pt_text(const char *ptr, size_t len)
{
    return text_of(ptr, len);
}

size_t
pt_text_space_at(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *) s;

    if (n == 0)
        return 0;
    if (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' || u[0] == '\f' || u[0] == '\v')
        return 1;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
        return 3;
    return 0;
}

size_t
pt_text_space_before(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *) s;

    if (n == 0)
        return 0;
    if (u[n - 1] == ' ' || u[n - 1] == '\t' || u[n - 1] == '\r' ||
        u[n - 1] == '\f' || u[n - 1] == '\v')
        return 1;
    if (n >= 2 && u[n - 2] == 0xC2 && u[n - 1] == 0xA0)
        return 2;
    if (n >= 3 && u[n - 3] == 0xE3 && u[n - 2] == 0x80 && u[n - 1] == 0x80)
        return 3;
    return 0;
}

pt_doc_text
pt_text_trim(pt_doc_text t)
{
    size_t      k;

    while ((k = pt_text_space_at(t.ptr, t.len)) > 0)
    {
        t.ptr += k;
        t.len -= k;
    }
    while ((k = pt_text_space_before(t.ptr, t.len)) > 0)
        t.len -= k;
    return text_of(t.ptr, t.len);
}

bool
pt_text_starts_with(pt_doc_text t, const char *prefix)
{
    size_t      n = strlen(prefix);

    return t.len >= n && memcmp(t.ptr, prefix, n) == 0;
}

bool
pt_text_ends_with(pt_doc_text t, const char *suffix)
{
    size_t      n = strlen(suffix);

    return t.len >= n && memcmp(t.ptr + t.len - n, suffix, n) == 0;
}

bool
pt_text_equals(pt_doc_text t, const char *s)
{
    return t.len == strlen(s) && memcmp(t.ptr, s, t.len) == 0;
}

bool
pt_text_same(pt_doc_text a, pt_doc_text b)
{
    return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

static int
ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

bool
pt_ascii_starts_ci(const char *s, size_t n, const char *prefix)
{
    size_t      k = strlen(prefix);
    size_t      i;

    if (n < k)
        return false;
    for (i = 0; i < k; i++)
        if (ascii_lower((unsigned char) s[i]) != ascii_lower((unsigned char) prefix[i]))
            return false;
    return true;
}

bool
pt_text_is_decimal(pt_doc_text t)
{
    size_t      i = 0;
    size_t      int_digits;
    size_t      frac_digits = 0;

    while (i < t.len && t.ptr[i] >= '0' && t.ptr[i] <= '9')
        i++;
    int_digits = i;
    if (i < t.len && t.ptr[i] == '.')
    {
        i++;
        while (i < t.len && t.ptr[i] >= '0' && t.ptr[i] <= '9')
        {
            i++;
            frac_digits++;
        }
        if (frac_digits == 0)
            return false;
    }
    return int_digits > 0 && i == t.len;
}

size_t
pt_utf8_char_length(const unsigned char *s, size_t n)
{
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    size_t      length;
    size_t      i;

    if (n == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        length = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
    {
        length = 3;
        if (s[0] == 0xE0)
            lo = 0xA0;
        if (s[0] == 0xED)
            hi = 0x9F;
    }
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
    {
        length = 4;
        if (s[0] == 0xF0)
            lo = 0x90;
        if (s[0] == 0xF4)
            hi = 0x8F;
    }
    else
        return 0;
    if (n < length || s[1] < lo || s[1] > hi)
        return 0;
    for (i = 2; i < length; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return length;
}

const char *
pt_format_name(pt_source_format format)
{
    switch (format)
    {
        case PT_FORMAT_TEXT_EXPORT:
            return "text export";
        case PT_FORMAT_CSV:
            return "csv";
        case PT_FORMAT_TSV:
            return "tsv";
        case PT_FORMAT_DOCX:
            return "docx";
        case PT_FORMAT_XLSX:
            return "xlsx";
        case PT_FORMAT_ZIP_OTHER:
            return "zip";
        case PT_FORMAT_OLE2_DOC:
            return "doc";
        case PT_FORMAT_OLE2_XLS:
            return "xls";
        case PT_FORMAT_OLE2_ENCRYPTED:
            return "encrypted office file";
        case PT_FORMAT_OLE2_OTHER:
            return "ole2";
        case PT_FORMAT_PDF:
            return "pdf";
        case PT_FORMAT_RTF:
            return "rtf";
        case PT_FORMAT_HTML:
            return "html";
        case PT_FORMAT_BINARY:
            return "binary";
        case PT_FORMAT_UNKNOWN:
            break;
    }
    return "unknown";
}

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

/* Copy s into buf[cap], cut at a UTF-8 character boundary. */
static void
copy_message(char *buf, size_t cap, const char *s)
{
    size_t      n = s ? strlen(s) : 0;

    if (n > cap - 1)
    {
        n = cap - 1;
        while (n > 0 && ((unsigned char) s[n] & 0xC0) == 0x80)
            n--;
    }
    if (n > 0)
        memcpy(buf, s, n);
    buf[n] = '\0';
}

int
pt_cells_fail(pt_doc_error *err, int line, const char *part, int row,
              const char *message, const char *hint)
{
    if (err == NULL)
        return -1;
    memset(err, 0, sizeof(*err));
    err->line = line;
    err->row = row;
    copy_message(err->part, sizeof(err->part), part);
    /* messages and hints are marked PT_N_ where they are written (pt_i18n.h) */
    copy_message(err->message, sizeof(err->message), PT_(message));
    copy_message(err->hint, sizeof(err->hint), PT_(hint));
    return -1;
}

/* ------------------------------------------------------------------------
 * The builder
 * ------------------------------------------------------------------------ */

static bool
builder_fail(pt_cells_builder *b, int code, const char *message, const char *hint)
{
    int         row = 0;
    int         line = 0;
    char        part[PT_CELLS_PART_MAX] = "";

    if (b->failed)
        return false;
    if (b->doc.n_tables > 0)
    {
        const pt_cell_table *t = &b->doc.tables[b->doc.n_tables - 1];

        if (t->n_rows > 0)
            row = t->rows[t->n_rows - 1].source_row;
        if (b->doc.format == PT_FORMAT_DOCX || b->doc.format == PT_FORMAT_XLSX)
            pt_cells_part_name(t, part, sizeof(part));
        else
        {
            line = row;
            row = 0;
        }
    }
    pt_cells_fail(b->err, line, part, row, message, hint);
    if (b->err != NULL)
        b->err->code = code;
    b->failed = true;
    return false;
}

size_t
pt_cells_part_name(const pt_cell_table *t, char *buf, size_t cap)
{
    char        digits[16];
    int         n = t->number > 0 ? t->number : 0;
    int         d = 0;
    size_t      k = 0;

    if (cap == 0)
        return 0;
    if (t->sheet.len > 0)
    {
        /* sheet "name", the name cut at a character boundary */
        size_t      room = cap > 12 ? cap - 12 : 0;
        size_t      len = t->sheet.len < room ? t->sheet.len : room;

        while (len > 0 && len < t->sheet.len && ((unsigned char) t->sheet.ptr[len] & 0xC0) == 0x80)
            len--;
        if (cap < 12)
        {
            buf[0] = '\0';
            return 0;
        }
        memcpy(buf, "sheet \"", 7);
        k = 7;
        memcpy(buf + k, t->sheet.ptr, len);
        k += len;
        buf[k++] = '"';
        buf[k] = '\0';
        return k;
    }
    do
    {
        digits[d++] = (char) ('0' + n % 10);
        n /= 10;
    } while (n > 0 && d < 15);
    if (cap < 7 + (size_t) d)
    {
        buf[0] = '\0';
        return 0;
    }
    memcpy(buf, "table ", 6);
    k = 6;
    while (d > 0)
        buf[k++] = digits[--d];
    buf[k] = '\0';
    return k;
}

static void *
builder_alloc(pt_cells_builder *b, size_t count, size_t size)
{
    void       *block;

    if (b->failed)
        return NULL;
    if (count == 0)
        count = 1;
    block = count > SIZE_MAX / size ? NULL : b->alloc->alloc(b->alloc->ctx, count * size);
    if (block == NULL)
        builder_fail(b, PT_DOC_ERR_MEMORY, PT_N_("out of memory while reading the document"),
                     PT_N_("Free memory or split the document."));
    return block;
}

/* array with room for one more element (doubling), or NULL */
static void *
grow(pt_cells_builder *b, void *array, int count, int *capacity, size_t elem_size, int first)
{
    void       *bigger;
    int         new_capacity;

    if (count < *capacity)
        return array;
    if (*capacity > INT32_MAX / 2)
    {
        builder_fail(b, PT_DOC_ERR_LIMIT, PT_N_("the document has too many parts"),
                     PT_N_("Split the document into smaller files."));
        return NULL;
    }
    new_capacity = *capacity > 0 ? *capacity * 2 : first;
    bigger = builder_alloc(b, (size_t) new_capacity, elem_size);
    if (bigger == NULL)
        return NULL;
    if (count > 0)
        memcpy(bigger, array, (size_t) count * elem_size);
    *capacity = new_capacity;
    return bigger;
}

void
pt_cells_begin(pt_cells_builder *b, pt_source_format format,
               const pt_allocator *alloc, pt_doc_error *err)
{
    memset(b, 0, sizeof(*b));
    b->alloc = alloc;
    b->err = err;
    b->doc.format = format;
    if (alloc == NULL || alloc->alloc == NULL)
    {
        pt_cells_fail(err, 0, "", 0, PT_N_("no allocator given"), PT_N_("Pass an allocator."));
        b->failed = true;
    }
}

static bool
add_paragraph(pt_cells_builder *b, const char *text, size_t len, int line, bool copy)
{
    pt_paragraph *p;
    char       *owned;

    if (b->failed)
        return false;
    if (len > PT_CELLS_MAX_CELL_BYTES)
        return builder_fail(b, PT_DOC_ERR_LIMIT, PT_N_("a paragraph is longer than 1 MiB"),
                            PT_N_("Split the document into smaller files."));
    {
        /* paragraphs are kept trimmed; empty ones are left out */
        pt_doc_text t = pt_text_trim(text_of(text, len));

        if (t.len == 0)
            return true;
        text = t.ptr;
        len = t.len;
    }
    p = grow(b, b->pending, b->n_pending, &b->pending_capacity, sizeof(pt_paragraph), 4);
    if (p == NULL)
        return false;
    b->pending = p;
    if (copy && len > 0)
    {
        owned = builder_alloc(b, len + 1, 1);
        if (owned == NULL)
            return false;
        memcpy(owned, text, len);
        owned[len] = '\0';
        text = owned;
    }
    p[b->n_pending].text = text_of(text, len);
    p[b->n_pending].line = line;
    b->n_pending++;
    return true;
}

bool
pt_cells_paragraph(pt_cells_builder *b, const char *text, size_t len, int line)
{
    return add_paragraph(b, text, len, line, false);
}

bool
pt_cells_paragraph_copy(pt_cells_builder *b, const char *text, size_t len, int line)
{
    return add_paragraph(b, text, len, line, true);
}

bool
pt_cells_table(pt_cells_builder *b, const char *sheet, size_t sheet_len)
{
    pt_cell_table *tables;
    pt_cell_table *t;

    if (b->failed)
        return false;
    if (b->doc.n_tables >= PT_CELLS_MAX_TABLES)
        return builder_fail(b, PT_DOC_ERR_LIMIT, PT_N_("the document has more than 100000 tables"),
                            PT_N_("Split the document into smaller files."));
    tables = grow(b, b->doc.tables, b->doc.n_tables, &b->table_capacity, sizeof(pt_cell_table), 4);
    if (tables == NULL)
        return false;
    b->doc.tables = tables;
    t = &tables[b->doc.n_tables++];
    memset(t, 0, sizeof(*t));
    t->number = b->doc.n_tables;
    t->sheet = text_of(NULL, 0);
    if (sheet != NULL && sheet_len > 0)
    {
        /* copied: readers name sheets from temporary buffers */
        char       *copy;

        if (sheet_len > PT_CELLS_MAX_CELL_BYTES)
            return builder_fail(b, PT_DOC_ERR_LIMIT, PT_N_("a sheet name is longer than 1 MiB"),
                                PT_N_("Check the file."));
        copy = builder_alloc(b, sheet_len + 1, 1);
        if (copy == NULL)
            return false;
        memcpy(copy, sheet, sheet_len);
        copy[sheet_len] = '\0';
        t->sheet = text_of(copy, sheet_len);
    }
    t->before = b->pending;
    t->n_before = b->n_pending;
    b->pending = NULL;
    b->n_pending = 0;
    b->pending_capacity = 0;
    b->row_capacity = 0;
    b->cell_capacity = 0;
    return true;
}

bool
pt_cells_row(pt_cells_builder *b, int source_row)
{
    pt_cell_table *t;
    pt_cell_row *rows;

    if (b->failed)
        return false;
    if (b->doc.n_tables == 0 && !pt_cells_table(b, NULL, 0))
        return false;
    t = &b->doc.tables[b->doc.n_tables - 1];
    rows = grow(b, t->rows, t->n_rows, &b->row_capacity, sizeof(pt_cell_row), 16);
    if (rows == NULL)
        return false;
    t->rows = rows;
    rows[t->n_rows].cells = NULL;
    rows[t->n_rows].n_cells = 0;
    rows[t->n_rows].source_row = source_row;
    t->n_rows++;
    b->cell_capacity = 0;
    return true;
}

static bool
add_cell(pt_cells_builder *b, const char *text, size_t len, int line, pt_merge merged, bool copy)
{
    pt_cell_table *t;
    pt_cell_row *row;
    pt_cell    *cells;
    pt_cell    *c;

    if (b->failed)
        return false;
    if (b->doc.n_tables == 0 || b->doc.tables[b->doc.n_tables - 1].n_rows == 0)
    {
        if (!pt_cells_row(b, line))
            return false;
    }
    t = &b->doc.tables[b->doc.n_tables - 1];
    row = &t->rows[t->n_rows - 1];
    if (b->total_cells >= PT_CELLS_MAX_CELLS)
        return builder_fail(b, PT_DOC_ERR_LIMIT, PT_N_("the document has more than 10000000 cells"),
                            PT_N_("Split the document into smaller files."));
    if (row->n_cells >= PT_CELLS_MAX_COLUMNS)
        return builder_fail(b, PT_DOC_ERR_LIMIT, PT_N_("a row has more than 1000 cells"),
                            PT_N_("Check the file: a table of performance targets has a few columns."));
    if (len > PT_CELLS_MAX_CELL_BYTES)
        return builder_fail(b, PT_DOC_ERR_LIMIT, PT_N_("a cell holds more than 1 MiB of text"),
                            PT_N_("Check the file: split very long cells."));
    cells = grow(b, row->cells, row->n_cells, &b->cell_capacity, sizeof(pt_cell), 8);
    if (cells == NULL)
        return false;
    row->cells = cells;
    c = &cells[row->n_cells];
    c->line = line;
    c->merged = (unsigned char) merged;
    if (merged == PT_MERGE_LEFT)
        c->text = row->n_cells > 0 ? cells[row->n_cells - 1].text : text_of(NULL, 0);
    else if (merged == PT_MERGE_ABOVE)
    {
        const pt_cell_row *above = t->n_rows >= 2 ? &t->rows[t->n_rows - 2] : NULL;

        c->text = (above != NULL && row->n_cells < above->n_cells)
            ? above->cells[row->n_cells].text : text_of(NULL, 0);
    }
    else
    {
        if (copy && len > 0)
        {
            char       *owned = builder_alloc(b, len + 1, 1);

            if (owned == NULL)
                return false;
            memcpy(owned, text, len);
            owned[len] = '\0';
            text = owned;
        }
        c->text = text_of(text, len);
    }
    row->n_cells++;
    if (row->n_cells > t->n_columns)
        t->n_columns = row->n_cells;
    b->total_cells++;
    return true;
}

bool
pt_cells_cell(pt_cells_builder *b, const char *text, size_t len, int line, pt_merge merged)
{
    return add_cell(b, text, len, line, merged, false);
}

bool
pt_cells_cell_copy(pt_cells_builder *b, const char *text, size_t len, int line, pt_merge merged)
{
    return add_cell(b, text, len, line, merged, true);
}

bool
pt_cells_skip(pt_cells_builder *b, int title_line, int line, pt_doc_text title,
              const char *message, const char *hint)
{
    pt_doc_skip *skips;
    pt_doc_skip *s;
    size_t      mlen = strlen(message);
    size_t      hlen = strlen(hint);
    char       *copy;

    if (b->failed)
        return false;
    skips = grow(b, b->doc.skipped, b->doc.n_skipped, &b->skip_capacity, sizeof(pt_doc_skip), 4);
    if (skips == NULL)
        return false;
    b->doc.skipped = skips;
    copy = builder_alloc(b, mlen + hlen + 2, 1);
    if (copy == NULL)
        return false;
    memcpy(copy, message, mlen + 1);
    memcpy(copy + mlen + 1, hint, hlen + 1);
    s = &skips[b->doc.n_skipped++];
    memset(s, 0, sizeof(*s));
    s->title_line = title_line;
    s->line = line;
    s->title = title.ptr != NULL ? title : text_of(NULL, 0);
    s->part = text_of(NULL, 0);
    s->message = text_of(copy, mlen);
    s->hint = text_of(copy + mlen + 1, hlen);
    return true;
}

int
pt_cells_finish(pt_cells_builder *b, pt_cells_doc *out)
{
    if (b->failed)
    {
        if (out != NULL)
            memset(out, 0, sizeof(*out));
        return -1;
    }
    b->doc.after = b->pending;
    b->doc.n_after = b->n_pending;
    b->pending = NULL;
    b->n_pending = 0;
    if (out != NULL)
        *out = b->doc;
    return 0;
}

/* ---------------------------------------------------------------- messages */

pt_msg
pt_msg_start(char *buf, size_t cap)
{
    pt_msg      m;

    m.buf = buf;
    m.cap = cap;
    m.len = 0;
    buf[0] = '\0';
    return m;
}

void
pt_msg_add(pt_msg *m, const char *s, size_t n)
{
    size_t      room = m->cap - 1 - m->len;

    if (n > room)
    {
        n = room;
        while (n > 0 && ((unsigned char) s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(m->buf + m->len, s, n);
    m->len += n;
    m->buf[m->len] = '\0';
}

void
pt_msg_str(pt_msg *m, const char *s)
{
    pt_msg_add(m, s, strlen(s));
}

void
pt_msg_count(pt_msg *m, long count)
{
    char        digits[24];
    size_t      n = 0;
    unsigned long v = count > 0 ? (unsigned long) count : 0;

    do
    {
        digits[sizeof(digits) - ++n] = (char) ('0' + v % 10);
        v /= 10;
    } while (v > 0);
    pt_msg_add(m, digits + sizeof(digits) - n, n);
}

void
pt_msg_quote(pt_msg *m, pt_doc_text t)
{
    const char *newline = memchr(t.ptr, '\n', t.len);
    size_t      n = newline ? (size_t) (newline - t.ptr) : t.len;
    bool        shortened = newline != NULL;

    if (n > PT_MSG_QUOTE_MAX)
    {
        n = PT_MSG_QUOTE_MAX;
        while (n > 0 && ((unsigned char) t.ptr[n] & 0xC0) == 0x80)
            n--;
        shortened = true;
    }
    pt_msg_str(m, "\"");
    pt_msg_add(m, t.ptr, n);
    pt_msg_str(m, shortened ? "…\"" : "\"");
}
