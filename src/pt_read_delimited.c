/*
 * pt_read_delimited.c — reader of delimited text (pt_cells.h): TSV and CSV as
 * Word, Excel and WPS write them (UTF-8; pt_decode_text() converts the rest).
 *
 *   record     fields separated by the separator, ended by LF, CR LF or CR
 *   field      unquoted: any text without separator and line end, kept as is;
 *              quoted (RFC 4180): starts with '"', ends at a '"' not doubled;
 *              "" inside is one '"'; separators and line ends inside belong to
 *              the field (a cell of several lines, CR LF read as LF).  Text
 *              after the closing quote is kept, as Excel does ("a"b → ab).
 *   sep=;      a first line "sep=X" (what Excel writes on request) names the
 *              separator and is not a record
 *
 * The separator: TAB for TSV; for CSV the one of comma and semicolon that
 * splits more of the first lines into 3 or more fields.  Every record is a row
 * of one table (records of only empty fields are left out), its position the
 * line where it starts; a cell's line is where the cell starts.  Title and
 * department lines above the table are rows of one cell: the layout reads
 * them.  Errors: invalid UTF-8, NUL or other control characters (binary
 * data), a quoted field still open at the end of the text.
 *
 * One pass, no recursion; unquoted fields point into the input, quoted ones
 * with "" or line ends are copied into the arena.
 */
#include "pt_cells.h"
#include "pt_i18n.h"

#include <stdio.h>
#include <string.h>

typedef struct reader
{
    const char *s;
    size_t      n;
    size_t      pos;
    int         line;           /* line of pos */
    char        sep;
    pt_cells_builder *b;
    pt_doc_error *err;
    const pt_allocator *alloc;
} reader;

static int
fail_line(reader *r, int line, const char *message, const char *hint)
{
    pt_cells_fail(r->err, line, "", 0, message, hint);	/* translates them */
    r->b->failed = true;
    return -1;
}

static const char TEXT_HINT[] =
    PT_N_("Import text saved as CSV or \"Text (Tab delimited)\", in UTF-8, UTF-16 or GB18030.");

/* Check the text once: valid UTF-8, no control characters but TAB and line ends. */
static int
check_text(reader *r)
{
    const unsigned char *u = (const unsigned char *) r->s;
    size_t      i = 0;
    int         line = 1;

    while (i < r->n)
    {
        unsigned char c = u[i];

        if (c == '\n')
        {
            line++;
            i++;
            continue;
        }
        if (c < 0x80)
        {
            if ((c < 0x20 && c != '\t' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F)
            {
                static const char hex[] = "0123456789ABCDEF";
                char        message[120];
                size_t      k;

                snprintf(message, sizeof(message) - 4, "%s",
                         PT_("control character in the text: this looks like binary data (byte 0x"));
                k = strlen(message);

                message[k++] = hex[c >> 4];
                message[k++] = hex[c & 15];
                message[k++] = ')';
                message[k] = '\0';
                return fail_line(r, line, message, TEXT_HINT);
            }
            i++;
            continue;
        }
        {
            size_t      k = pt_utf8_char_length(u + i, r->n - i);

            if (k == 0)
                return fail_line(r, line, PT_N_("invalid UTF-8 in the text"), TEXT_HINT);
            i += k;
        }
    }
    return 0;
}

/* Fields of the line at s[0..n) split by sep (quotes respected). */
static int
count_fields(const char *s, size_t n, char sep)
{
    int         fields = 1;
    bool        quoted = false;
    bool        start = true;
    size_t      i;

    for (i = 0; i < n && s[i] != '\n'; i++)
    {
        if (quoted)
        {
            if (s[i] == '"')
            {
                if (i + 1 < n && s[i + 1] == '"')
                    i++;
                else
                    quoted = false;
            }
            continue;
        }
        if (s[i] == '"' && start)
        {
            quoted = true;
            start = false;
        }
        else if (s[i] == sep)
        {
            fields++;
            start = true;
        }
        else
            start = false;
    }
    return fields;
}

static char
choose_separator(const char *s, size_t n)
{
    int         comma = 0;
    int         semicolon = 0;
    int         lines = 0;
    size_t      pos = 0;

    while (pos < n && lines < 60)
    {
        const char *nl = memchr(s + pos, '\n', n - pos);
        size_t      end = nl ? (size_t) (nl - s) : n;

        comma += count_fields(s + pos, end - pos, ',') >= 3;
        semicolon += count_fields(s + pos, end - pos, ';') >= 3;
        lines++;
        pos = end + 1;
    }
    return semicolon > comma ? ';' : ',';
}

/* One field from r->pos; stops before the separator or line end. */
static int
read_field(reader *r)
{
    const char *s = r->s;
    size_t      start = r->pos;
    int         line = r->line;

    if (r->pos < r->n && s[r->pos] == '"')
    {
        /* quoted: find its end, then copy when it needs unescaping */
        size_t      i = r->pos + 1;
        size_t      close;
        bool        copy = false;
        int         lines = 0;

        for (;;)
        {
            if (i >= r->n)
                return fail_line(r, line, PT_N_("a quoted cell is not closed: the text ends inside quotes"),
                                 PT_N_("Check the file: every cell that starts with \" must end with \"; "
                                 "a \" inside a quoted cell is written \"\"."));
            if (s[i] == '"')
            {
                if (i + 1 < r->n && s[i + 1] == '"')
                {
                    copy = true;
                    i += 2;
                    continue;
                }
                break;
            }
            if (s[i] == '\n')
                lines++;
            if (s[i] == '\r')
                copy = true;
            i++;
        }
        close = i;
        /* text after the closing quote, up to the separator or line end */
        i = close + 1;
        while (i < r->n && s[i] != r->sep && s[i] != '\n' && s[i] != '\r')
        {
            copy = true;
            i++;
        }
        if (!copy)
        {
            if (!pt_cells_cell(r->b, s + start + 1, close - start - 1, line, PT_MERGE_NONE))
                return -1;
        }
        else
        {
            char       *buf = r->alloc->alloc(r->alloc->ctx, i - start + 1);
            size_t      k = 0;
            size_t      j;

            if (buf == NULL)
            {
                fail_line(r, line, PT_N_("out of memory while reading the document"),
                          PT_N_("Free memory or split the document."));
                r->err->code = PT_DOC_ERR_MEMORY;
                return -1;
            }
            for (j = start + 1; j < close; j++)
            {
                if (s[j] == '"')
                    j++;        /* the first of "" */
                if (s[j] == '\r')
                {
                    if (j + 1 < close && s[j + 1] == '\n')
                        continue;
                    buf[k++] = '\n';
                    continue;
                }
                buf[k++] = s[j];
            }
            for (j = close + 1; j < i; j++)
                buf[k++] = s[j];
            buf[k] = '\0';
            if (!pt_cells_cell(r->b, buf, k, line, PT_MERGE_NONE))
                return -1;
        }
        r->line += lines;
        r->pos = i;
        return 0;
    }
    while (r->pos < r->n && s[r->pos] != r->sep && s[r->pos] != '\n' && s[r->pos] != '\r')
        r->pos++;
    if (!pt_cells_cell(r->b, s + start, r->pos - start, line, PT_MERGE_NONE))
        return -1;
    return 0;
}

/* Is the last row made of empty cells only?  Then it is dropped. */
static void
drop_empty_row(reader *r)
{
    pt_cell_table *t;
    pt_cell_row *row;
    int         i;

    if (r->b->doc.n_tables == 0)
        return;
    t = &r->b->doc.tables[r->b->doc.n_tables - 1];
    if (t->n_rows == 0)
        return;
    row = &t->rows[t->n_rows - 1];
    for (i = 0; i < row->n_cells; i++)
        if (pt_text_trim(row->cells[i].text).len > 0)
            return;
    r->b->total_cells -= row->n_cells;
    t->n_rows--;
}

int
pt_read_delimited(const char *text, size_t len, pt_source_format format,
                  const pt_allocator *alloc, pt_cells_doc *out, pt_doc_error *err)
{
    pt_doc_error scratch;
    pt_cells_builder b;
    reader      r;

    if (err == NULL)
        err = &scratch;
    memset(err, 0, sizeof(*err));
    if (out != NULL)
        memset(out, 0, sizeof(*out));
    memset(&r, 0, sizeof(r));
    r.s = text != NULL ? text : "";
    r.n = text != NULL ? len : 0;
    r.line = 1;
    r.b = &b;
    r.err = err;
    r.alloc = alloc;
    pt_cells_begin(&b, format == PT_FORMAT_TSV ? PT_FORMAT_TSV : PT_FORMAT_CSV, alloc, err);
    if (b.failed)
        return pt_cells_finish(&b, out);
    if (r.n > PT_CELLS_MAX_EXPANDED)
    {
        fail_line(&r, 0, PT_N_("the document is too large: the limit is 256 MiB"), PT_N_("Split the document into smaller files."));
        err->code = PT_DOC_ERR_LIMIT;
        return pt_cells_finish(&b, out);
    }
    if (r.n >= 3 && memcmp(r.s, "\xEF\xBB\xBF", 3) == 0)
    {
        r.s += 3;
        r.n -= 3;
    }
    if (check_text(&r) != 0)
        return pt_cells_finish(&b, out);

    /* the separator */
    if (r.n >= 5 && memcmp(r.s, "sep=", 4) == 0 && r.s[4] != '\n' && r.s[4] != '\r' &&
        (r.n == 5 || r.s[5] == '\n' || r.s[5] == '\r'))
    {
        r.sep = r.s[4];
        r.pos = 5;
        if (r.pos < r.n && r.s[r.pos] == '\r')
            r.pos++;
        if (r.pos < r.n && r.s[r.pos] == '\n')
            r.pos++;
        r.line = 2;
    }
    else if (format == PT_FORMAT_TSV)
        r.sep = '\t';
    else
        r.sep = choose_separator(r.s, r.n);
    if (r.sep == '\t')
        b.doc.format = PT_FORMAT_TSV;

    if (!pt_cells_table(&b, NULL, 0))
        return pt_cells_finish(&b, out);
    while (r.pos < r.n)
    {
        if (!pt_cells_row(&b, r.line))
            return pt_cells_finish(&b, out);
        for (;;)
        {
            if (read_field(&r) != 0)
                return pt_cells_finish(&b, out);
            if (r.pos < r.n && r.s[r.pos] == r.sep)
            {
                r.pos++;
                continue;
            }
            break;
        }
        /* the line end */
        if (r.pos < r.n && r.s[r.pos] == '\r')
            r.pos++;
        if (r.pos < r.n && r.s[r.pos] == '\n')
            r.pos++;
        r.line++;
        drop_empty_row(&r);
    }
    return pt_cells_finish(&b, out);
}
