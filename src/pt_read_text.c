/*
 * pt_read_text.c — reader of the seeds' format: the plain-text export of a
 * Word performance target document (绩效目标表), one reader among several
 * (pt_cells.h).  It turns the text into tables of cells; pt_layout.c makes
 * projects and indicators of them, as for every other format.
 *
 * Each table cell is one line starting with a TAB; other lines are classified
 * as:
 *   blank        only whitespace (spaces, NBSP, U+3000, ...)
 *   page number  only 1 to 6 ASCII digits (page footers between projects)
 *   title        ends with 绩效目标表 (after trimming)
 *   text         anything else: a further paragraph of the cell above it
 *                (goals "2.…", "3.…"), also across blank lines (empty
 *                paragraphs, left out of the text).  Only after a page
 *                number, or before a project's first cell, is it out of place.
 * Word bookmark markers "[bookmark: name]" are export artefacts and are
 * removed from cell and title text.
 *
 * A project is:
 *   title line       [bookmark: _Toc…] ordinal? title…绩效目标表
 *   department       TAB 6-digit code, department name
 *   unit             TAB 单位：万元
 *   header cells     项目名称 name, 预算规模及资金用途, 预算数 amount,
 *                    其中：财政资金 amount, 其他资金 amount, (empty) purpose,
 *                    绩效目标 goals
 *   table header     一级指标 二级指标 三级指标 绩效指标描述 指标值
 *   rows             5 cells each; an empty 一级指标 repeats the row above's
 * Blank lines and page numbers may appear anywhere between cells.  Text before
 * the first title (a preamble) is ignored.
 *
 * The export has no row marks, so this reader forms the rows of the Word
 * table by the fixed layout and checks them as it goes (a missing cell shifts
 * every later cell: 一级/二级指标 must then be categories, …指标):
 *   paragraphs   the title line, the department line, the unit line
 *   row          项目名称 | name
 *   row          预算规模及资金用途 | 预算数 | amount | 其中：财政资金 | amount | 其他资金 | amount
 *   row          (the merged 预算规模及资金用途, shown empty) | purpose
 *   row          绩效目标 | goals
 *   row          一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值
 *   rows         the indicators, 5 cells each
 * one table per project, flagged PT_TABLE_ROWS_COUNTED.
 *
 * Safety: every access is bounded by an explicit length, the input is
 * validated as UTF-8 text first, there is no recursion, and each line is
 * looked at a small constant number of times, so time is linear.
 */
#include "pt_cells.h"
#include "pt_i18n.h"

#include <stdint.h>
#include <string.h>

/* Lenient mode gives up after this many skipped parts: the input is not a
 * target document, and the list of skips must stay small. */
#define MAX_SKIPS 10000
/* Longest bookmark name removed as a marker (Word allows 40 characters). */
#define MAX_BOOKMARK_NAME 255
/* Longest excerpt of the document quoted in an error message, in bytes. */
#define CELLS_PER_ROW 5

static const char EMPTY[] = "";
static const char TITLE_SUFFIX[] = "绩效目标表";
static const char CATEGORY_SUFFIX[] = "指标";
static const char MARKER_OPEN[] = "[bookmark: ";

/* ------------------------------------------------------------------------
 * Text slices and characters
 * ------------------------------------------------------------------------ */

static pt_doc_text
slice(const char *ptr, size_t len)
{
    return pt_text(ptr, len);
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool
all_digits(pt_doc_text t)
{
    size_t      i;

    for (i = 0; i < t.len; i++)
        if (!is_digit(t.ptr[i]))
            return false;
    return t.len > 0;
}

static pt_doc_text
drop_prefix(pt_doc_text t, size_t n)
{
    return slice(t.ptr + n, t.len - n);
}

static bool
is_bookmark_name_char(char c)
{
    return is_digit(c) || c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Length of a Word bookmark marker "[bookmark: name]" at s[0..n), or 0. */
static size_t
marker_at(const char *s, size_t n)
{
    size_t      open = sizeof(MARKER_OPEN) - 1;
    size_t      i;

    if (n < open + 2 || memcmp(s, MARKER_OPEN, open) != 0)
        return 0;
    for (i = open; i < n && i <= open + MAX_BOOKMARK_NAME; i++)
    {
        if (s[i] == ']')
            return i > open ? i + 1 : 0;
        if (!is_bookmark_name_char(s[i]))
            return 0;
    }
    return 0;
}

/* Skip whitespace and bookmark markers at the start of t. */
static pt_doc_text
skip_leading_markers(pt_doc_text t)
{
    size_t      k;

    for (;;)
    {
        t = pt_text_trim(t);
        k = marker_at(t.ptr, t.len);
        if (k == 0)
            return t;
        t = drop_prefix(t, k);
    }
}

/* Compare a header cell with its expected label, ignoring whitespace
 * anywhere ("其中：财政    资金") and accepting ':' for '：'. */
static bool
label_equals(pt_doc_text cell, const char *label)
{
    static const char FULLWIDTH_COLON[] = "：";
    size_t      colon_len = sizeof(FULLWIDTH_COLON) - 1;
    size_t      label_len = strlen(label);
    size_t      i = 0;
    size_t      j = 0;

    while (i < cell.len)
    {
        size_t      k = pt_text_space_at(cell.ptr + i, cell.len - i);

        if (k > 0)
            i += k;
        else if (cell.ptr[i] == ':' && label_len - j >= colon_len &&
                 memcmp(label + j, FULLWIDTH_COLON, colon_len) == 0)
        {
            i++;
            j += colon_len;
        }
        else if (j < label_len && cell.ptr[i] == label[j])
        {
            i++;
            j++;
        }
        else
            return false;
    }
    return j == label_len;
}

/* "123" or "123.45": what the caller can convert to numeric unchanged. */
static bool
is_decimal(pt_doc_text t)
{
    size_t      i = 0;
    size_t      int_digits;
    size_t      frac_digits = 0;

    while (i < t.len && is_digit(t.ptr[i]))
        i++;
    int_digits = i;
    if (i < t.len && t.ptr[i] == '.')
    {
        i++;
        while (i < t.len && is_digit(t.ptr[i]))
        {
            i++;
            frac_digits++;
        }
        if (frac_digits == 0)
            return false;
    }
    return int_digits > 0 && i == t.len;
}

/* ------------------------------------------------------------------------
 * Parser state, memory, error messages
 * ------------------------------------------------------------------------ */

typedef struct parser
{
    const char *text;           /* document without its byte order mark */
    size_t      len;
    int         last_line;      /* number of the last line, for errors at the end */
    bool        lenient;
    const pt_allocator *alloc;
    pt_doc_error *err;
    bool        fatal;          /* the error must stop lenient mode too */
    pt_doc_text title;          /* project being read, for error messages */
    int         last_cell_line; /* line of the last cell read */
    pt_cells_builder *b;        /* where the cells go */
    pt_cells_doc *out;
} parser;

/* Start describing a failure at `line`; returns the builder of its message. */
static pt_msg
fail_at(parser *p, int line)
{
    pt_msg         title = pt_msg_start(p->err->project_title, sizeof(p->err->project_title));

    pt_msg_add(&title, p->title.ptr, p->title.len);
    pt_msg_start(p->err->hint, sizeof(p->err->hint));
    p->err->line = line;
    return pt_msg_start(p->err->message, sizeof(p->err->message));
}

static bool
fail_with_hint(parser *p, const char *hint)
{
    pt_msg         m = pt_msg_start(p->err->hint, sizeof(p->err->hint));

    pt_msg_str(&m, PT_(hint));
    return false;
}

/* Failures that lenient mode cannot skip: encoding, size, memory, ... */
static bool
fail_document(parser *p, int line, const char *message, const char *hint)
{
    pt_msg         m = fail_at(p, line);

    pt_msg_str(&m, PT_(message));
    p->fatal = true;
    return fail_with_hint(p, hint);
}

static void *
allocate(parser *p, size_t count, size_t size)
{
    void       *block;

    if (count == 0)
        count = 1;
    if (count > SIZE_MAX / size)
        block = NULL;
    else
        block = p->alloc->alloc(p->alloc->ctx, count * size);
    if (block == NULL)
    {
        fail_document(p, 0, PT_N_("out of memory while reading the document"),
                      PT_N_("Free memory or split the document."));
        p->err->code = PT_DOC_ERR_MEMORY;       /* 53200, not an unreadable document */
        return NULL;
    }
    return block;
}

/* ------------------------------------------------------------------------
 * Input validation
 * ------------------------------------------------------------------------ */

static bool
fail_encoding(parser *p, int line, const char *message, unsigned char byte)
{
    static const char hex[] = "0123456789ABCDEF";
    pt_msg         m = fail_at(p, line);

    pt_msg_str(&m, PT_(message));
    pt_msg_str(&m, PT_(" (byte 0x"));
    pt_msg_add(&m, &hex[byte >> 4], 1);
    pt_msg_add(&m, &hex[byte & 15], 1);
    pt_msg_str(&m, ")");
    p->fatal = true;
    return fail_with_hint(p, PT_N_("The document must be plain text in UTF-8, "
                          "e.g. saved from Word as \"Plain Text\" with Unicode (UTF-8) encoding."));
}

/* Check that the document is UTF-8 text, and count its lines.  Afterwards
 * the parser can rely on: no NUL or control bytes other than TAB, LF, FF,
 * VT, and CR only as part of a CR LF pair or at the very end. */
static bool
check_text(parser *p)
{
    const unsigned char *s = (const unsigned char *) p->text;
    size_t      i = 0;
    int         line = 1;

    while (i < p->len)
    {
        unsigned char c = s[i];

        if (c == '\n')
        {
            line++;
            i++;
            continue;
        }
        if (c == 0)
            return fail_encoding(p, line, PT_N_("NUL byte in the document"), c);
        if (c == '\r' && i + 1 < p->len && s[i + 1] != '\n')
            return fail_encoding(p, line, PT_N_("carriage return that does not end a line"), c);
        if ((c < 0x20 && c != '\t' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F)
            return fail_encoding(p, line, PT_N_("control character in the document: this looks like binary data"), c);
        if (c < 0x80)
        {
            i++;
            continue;
        }
        {
            size_t      k = pt_utf8_char_length(s + i, p->len - i);

            if (k == 0)
                return fail_encoding(p, line, PT_N_("invalid UTF-8"), c);
            i += k;
        }
    }
    /* A final line without a line feed still counts. */
    p->last_line = (p->len > 0 && p->text[p->len - 1] != '\n') ? line : line - 1;
    return true;
}

static bool
is_blank_document(const parser *p)
{
    size_t      i = 0;

    while (i < p->len)
    {
        size_t      k = pt_text_space_at(p->text + i, p->len - i);

        if (k == 0 && p->text[i] != '\n')
            return false;
        i += k > 0 ? k : 1;
    }
    return true;
}

/* ------------------------------------------------------------------------
 * Lines
 * ------------------------------------------------------------------------ */

typedef enum line_kind
{
    LINE_BLANK,
    LINE_PAGE_NUMBER,
    LINE_CELL,
    LINE_TITLE,
    LINE_TEXT,
    LINE_END                    /* past the last line */
} line_kind;

typedef struct text_line
{
    const char *ptr;            /* content, without the line terminator */
    size_t      len;
    int         number;         /* 1-based */
    line_kind   kind;
} text_line;

/* Position of the next line to read. */
typedef struct cursor
{
    size_t      pos;            /* offset of its first byte */
    int         number;         /* its 1-based line number */
} cursor;

static line_kind
classify(const char *s, size_t n)
{
    pt_doc_text t;

    if (n > 0 && s[0] == '\t')
        return LINE_CELL;
    t = pt_text_trim(slice(s, n));
    if (t.len == 0)
        return LINE_BLANK;
    if (t.len <= 6 && all_digits(t))
        return LINE_PAGE_NUMBER;
    if (pt_text_ends_with(t, TITLE_SUFFIX))
        return LINE_TITLE;
    return LINE_TEXT;
}

/* Read the line at *cur and advance; at the end, kind is LINE_END. */
static text_line
read_line(const parser *p, cursor *cur)
{
    text_line   ln;
    const char *start;
    const char *newline;
    size_t      rest;

    ln.number = cur->number;
    if (cur->pos >= p->len)
    {
        ln.ptr = EMPTY;
        ln.len = 0;
        ln.number = p->last_line;
        ln.kind = LINE_END;
        return ln;
    }
    start = p->text + cur->pos;
    rest = p->len - cur->pos;
    newline = memchr(start, '\n', rest);
    ln.ptr = start;
    ln.len = newline ? (size_t) (newline - start) : rest;
    cur->pos += newline ? ln.len + 1 : ln.len;
    cur->number++;
    if (ln.len > 0 && start[ln.len - 1] == '\r')
        ln.len--;
    ln.kind = classify(ln.ptr, ln.len);
    return ln;
}

static text_line
peek_line(const parser *p, cursor cur)
{
    return read_line(p, &cur);
}

/* Advance past blank lines and page numbers. */
static void
skip_insignificant_lines(const parser *p, cursor *cur)
{
    for (;;)
    {
        text_line   ln = peek_line(p, *cur);

        if (ln.kind != LINE_BLANK && ln.kind != LINE_PAGE_NUMBER)
            return;
        read_line(p, cur);
    }
}

/* Lenient mode: resume at the next title line (or the end). */
static void
skip_to_next_title(const parser *p, cursor *cur)
{
    for (;;)
    {
        line_kind   kind = peek_line(p, *cur).kind;

        if (kind == LINE_TITLE || kind == LINE_END)
            return;
        read_line(p, cur);
    }
}

/* ------------------------------------------------------------------------
 * Cells
 * ------------------------------------------------------------------------ */

/* A cell: its TAB line plus the paragraphs (text lines) below it.  The raw
 * bytes start..end are contiguous in the input. */
typedef struct cell
{
    const char *start;          /* first byte after the TAB */
    const char *end;            /* end of its last line, terminator excluded */
    int         line;           /* line of the TAB */
} cell;

/* Read the next cell, skipping blank lines and page numbers.  When the next
 * significant line is not a cell, it is left unread and returned in *stop. */
static bool
next_cell(parser *p, cursor *cur, cell *out, text_line *stop)
{
    text_line   ln;

    skip_insignificant_lines(p, cur);
    ln = peek_line(p, *cur);
    if (ln.kind != LINE_CELL)
    {
        *stop = ln;
        return false;
    }
    read_line(p, cur);
    out->start = ln.ptr + 1;
    out->end = ln.ptr + ln.len;
    out->line = ln.number;
    for (;;)
    {
        /* Word writes empty paragraphs of a cell as blank lines. */
        cursor      ahead = *cur;

        do
            ln = read_line(p, &ahead);
        while (ln.kind == LINE_BLANK);
        if (ln.kind != LINE_TEXT)
            break;
        *cur = ahead;
        out->end = ln.ptr + ln.len;
    }
    p->last_cell_line = out->line;
    return true;
}

static bool
has_marker(pt_doc_text t)
{
    const char *s = t.ptr;
    const char *end = t.ptr + t.len;

    while ((s = memchr(s, '[', (size_t) (end - s))) != NULL)
    {
        if (marker_at(s, (size_t) (end - s)) > 0)
            return true;
        s++;
    }
    return false;
}

/* Text of raw input bytes: its lines without bookmark markers and without
 * the CR of CR LF, blank ones left out (empty Word paragraphs), joined by
 * '\n'.  A slice of the input when that changes nothing. */
static bool
clean_text(parser *p, pt_doc_text raw, pt_doc_text *out)
{
    char       *copy;
    size_t      n = 0;
    size_t      i = 0;

    if (memchr(raw.ptr, '\n', raw.len) == NULL && !has_marker(raw))
    {
        *out = raw;
        return true;
    }
    copy = allocate(p, raw.len + 1, 1);
    if (copy == NULL)
        return false;
    for (;;)
    {
        const char *newline = memchr(raw.ptr + i, '\n', raw.len - i);
        size_t      line_end = newline ? (size_t) (newline - raw.ptr) : raw.len;
        size_t      kept = n;       /* output length before this line */
        size_t      content;

        if (n > 0)
            copy[n++] = '\n';
        content = n;
        while (i < line_end)
        {
            size_t      k = raw.ptr[i] == '[' ? marker_at(raw.ptr + i, line_end - i) : 0;

            if (k > 0)
                i += k;
            else if (raw.ptr[i] == '\r')
                i++;
            else
                copy[n++] = raw.ptr[i++];
        }
        if (pt_text_trim(slice(copy + content, n - content)).len == 0)
            n = kept;
        if (newline == NULL)
            break;
        i = line_end + 1;
    }
    copy[n] = '\0';
    *out = slice(copy, n);
    return true;
}

static bool
cell_text(parser *p, const cell *c, pt_doc_text *out)
{
    return clean_text(p, slice(c->start, (size_t) (c->end - c->start)), out);
}

static bool
cell_trimmed(parser *p, const cell *c, pt_doc_text *out)
{
    if (!cell_text(p, c, out))
        return false;
    *out = pt_text_trim(*out);
    return true;
}

/* Describe why the cell `what` could not be read: the project ended, or
 * text stands outside any cell. */
static bool
fail_missing_cell(parser *p, text_line stop, const char *what, const char *hint)
{
    pt_msg         m = fail_at(p, stop.number);

    if (stop.kind == LINE_TEXT)
    {
        pt_msg_str(&m, PT_("text outside any table cell: "));
        pt_msg_quote(&m, slice(stop.ptr, stop.len));
        pt_msg_str(&m, PT_("; expected "));
    }
    else if (stop.kind == LINE_TITLE)
        pt_msg_str(&m, PT_("the next project starts before "));
    else
        pt_msg_str(&m, PT_("the document ends before "));
    pt_msg_str(&m, PT_(what));
    return fail_with_hint(p, hint);
}

static const char HEADER_HINT[] =
    PT_N_("A project starts with its title, the department line (TAB, 6-digit code, name) "
    "and the unit line (单位：万元).");
static const char CELLS_HINT[] =
    PT_N_("Project cells must come in this order: 项目名称, 预算规模及资金用途, 预算数, "
    "其中：财政资金, 其他资金, an empty cell, 绩效目标; check for a missing or moved cell.");
static const char TABLE_HEADER_HINT[] =
    PT_N_("The indicator table must start with the cells 一级指标, 二级指标, 三级指标, "
    "绩效指标描述, 指标值.");
static const char ROW_HINT[] =
    PT_N_("Each indicator row has 5 cells: 一级指标, 二级指标, 三级指标, 绩效指标描述, 指标值; "
    "check for a missing or extra cell.");

/* ------------------------------------------------------------------------
 * Project header
 * ------------------------------------------------------------------------ */

/* The builder failed (memory, a limit) and filled the error: stop, also in
 * lenient mode. */
static bool
fail_builder(parser *p)
{
    p->fatal = true;
    return false;
}

/* Emit a cell of the current row: its cleaned text, not trimmed. */
static bool
emit_cell(parser *p, const cell *c, pt_merge merged)
{
    pt_doc_text t;

    if (!cell_text(p, c, &t))
        return false;
    if (!pt_cells_cell(p->b, t.ptr, t.len, c->line, merged))
        return fail_builder(p);
    return true;
}

static bool
emit_row(parser *p, int line)
{
    return pt_cells_row(p->b, line) || fail_builder(p);
}

/* The title line "[bookmark: _Toc…]13. title…绩效目标表": the title for
 * messages (after the ordinal: a separator followed by a digit, "1.5G…",
 * belongs to the title), and the whole line, cleaned, as the table's first
 * paragraph (pt_layout.c reads the ordinal again). */
static bool
parse_title(parser *p, text_line ln, pt_doc_text *line_text)
{
    static const char *const separators[] = {".", "．", "、"};
    pt_doc_text t = skip_leading_markers(slice(ln.ptr, ln.len));
    pt_doc_text line;
    size_t      digits = 0;
    size_t      i;

    if (!clean_text(p, t, &line))
        return false;
    *line_text = pt_text_trim(line);
    while (digits < t.len && is_digit(t.ptr[digits]))
        digits++;
    for (i = 0; i < sizeof(separators) / sizeof(separators[0]); i++)
    {
        size_t      ordinal_len = digits + strlen(separators[i]);

        if (pt_text_starts_with(drop_prefix(t, digits), separators[i]) &&
            !(ordinal_len < t.len && is_digit(t.ptr[ordinal_len])))
        {
            t = pt_text_trim(drop_prefix(t, ordinal_len));
            break;
        }
    }
    if (!clean_text(p, t, &p->title))
        return false;
    p->title = pt_text_trim(p->title);
    return true;
}

/* TAB 374101天津市公安交通管理局警务保障处 */
static bool
parse_department(parser *p, cursor *cur, pt_doc_text *out, int *line)
{
    cell        c;
    text_line   stop;
    pt_doc_text t;
    pt_msg         m;

    if (!next_cell(p, cur, &c, &stop))
        return fail_missing_cell(p, stop, PT_N_("the department line"), HEADER_HINT);
    if (!cell_trimmed(p, &c, &t))
        return false;
    if (t.len >= 6 && all_digits(slice(t.ptr, 6)) && (t.len == 6 || !is_digit(t.ptr[6])))
    {
        *out = t;
        *line = c.line;
        return true;
    }
    m = fail_at(p, c.line);
    pt_msg_str(&m, PT_("expected the department line (a 6-digit code and the department name) but found "));
    pt_msg_quote(&m, t);
    return fail_with_hint(p, HEADER_HINT);
}

/* TAB 单位：万元 */
static bool
parse_budget_unit(parser *p, cursor *cur, pt_doc_text *out, int *line)
{
    cell        c;
    text_line   stop;
    pt_doc_text t;
    pt_doc_text rest;
    pt_msg         m;

    if (!next_cell(p, cur, &c, &stop))
        return fail_missing_cell(p, stop, PT_N_("the unit line (单位：万元)"), HEADER_HINT);
    if (!cell_trimmed(p, &c, &t))
        return false;
    if (pt_text_starts_with(t, "单位"))
    {
        rest = pt_text_trim(drop_prefix(t, strlen("单位")));
        if (pt_text_starts_with(rest, "：") || pt_text_starts_with(rest, ":"))
        {
            *out = t;
            *line = c.line;
            return true;
        }
    }
    m = fail_at(p, c.line);
    pt_msg_str(&m, PT_("expected the unit line (单位：万元) but found "));
    pt_msg_quote(&m, t);
    return fail_with_hint(p, HEADER_HINT);
}

typedef enum header_value
{
    NO_VALUE,                   /* a label only */
    TEXT_VALUE,                 /* label, then a text cell */
    AMOUNT_VALUE                /* label, then a decimal amount or an empty cell */
} header_value;

typedef struct header_cell
{
    const char *label;          /* expected label, without whitespace */
    const char *display;        /* how messages name it */
    const char *hint;
    header_value value;
    bool        new_row;        /* the label starts a row of the Word table */
    pt_merge    merged;         /* how the label cell is merged */
} header_cell;

static bool
expect_label(parser *p, cursor *cur, const header_cell *h)
{
    cell        c;
    text_line   stop;
    pt_doc_text t;
    pt_msg         m;

    if (!next_cell(p, cur, &c, &stop))
        return fail_missing_cell(p, stop, h->display, h->hint);
    if (!cell_trimmed(p, &c, &t))
        return false;
    if (label_equals(t, h->label))
        return (!h->new_row || emit_row(p, c.line)) && emit_cell(p, &c, h->merged);
    m = fail_at(p, c.line);
    pt_msg_str(&m, PT_("expected "));
    pt_msg_str(&m, PT_(h->display));
    pt_msg_str(&m, PT_(" but found "));
    pt_msg_quote(&m, t);
    return fail_with_hint(p, h->hint);
}

static bool
read_header_value(parser *p, cursor *cur, const header_cell *h)
{
    cell        c;
    text_line   stop;
    pt_doc_text value;
    pt_msg         m;

    if (!next_cell(p, cur, &c, &stop))
    {
        m = fail_at(p, stop.number);
        pt_msg_str(&m, PT_("the value cell after "));
        pt_msg_str(&m, PT_(h->display));
        pt_msg_str(&m, PT_(" is missing"));
        return fail_with_hint(p, h->hint);
    }
    if (!cell_trimmed(p, &c, &value))
        return false;
    if (h->value != AMOUNT_VALUE || value.len == 0 || is_decimal(value))
        return emit_cell(p, &c, PT_MERGE_NONE);
    m = fail_at(p, c.line);
    pt_msg_str(&m, PT_("the amount after "));
    pt_msg_str(&m, PT_(h->display));
    pt_msg_str(&m, PT_(" is not a decimal number: "));
    pt_msg_quote(&m, value);
    return fail_with_hint(p, PT_N_("Amounts are written like 50.00 or 3004.53, without thousands "
                          "separators; check for a missing or moved cell."));
}

/* From 项目名称 down to the indicator table header. */
static bool
parse_header_cells(parser *p, cursor *cur)
{
    static const header_cell cells[] = {
        {"项目名称", PT_N_("cell \"项目名称\""), CELLS_HINT, TEXT_VALUE, true, PT_MERGE_NONE},
        {"预算规模及资金用途", PT_N_("cell \"预算规模及资金用途\""), CELLS_HINT, NO_VALUE, true, PT_MERGE_NONE},
        {"预算数", PT_N_("cell \"预算数\""), CELLS_HINT, AMOUNT_VALUE, false, PT_MERGE_NONE},
        {"其中：财政资金", PT_N_("cell \"其中：财政资金\""), CELLS_HINT, AMOUNT_VALUE, false, PT_MERGE_NONE},
        {"其他资金", PT_N_("cell \"其他资金\""), CELLS_HINT, AMOUNT_VALUE, false, PT_MERGE_NONE},
        /* the merged 预算规模及资金用途 continues into the purpose's row */
        {"", PT_N_("the empty cell before the fund purpose"), CELLS_HINT, TEXT_VALUE, true, PT_MERGE_ABOVE},
        {"绩效目标", PT_N_("cell \"绩效目标\""), CELLS_HINT, TEXT_VALUE, true, PT_MERGE_NONE},
        {"一级指标", PT_N_("the indicator table header \"一级指标\""), TABLE_HEADER_HINT, NO_VALUE, true, PT_MERGE_NONE},
        {"二级指标", PT_N_("the indicator table header \"二级指标\""), TABLE_HEADER_HINT, NO_VALUE, false, PT_MERGE_NONE},
        {"三级指标", PT_N_("the indicator table header \"三级指标\""), TABLE_HEADER_HINT, NO_VALUE, false, PT_MERGE_NONE},
        {"绩效指标描述", PT_N_("the indicator table header \"绩效指标描述\""), TABLE_HEADER_HINT, NO_VALUE, false, PT_MERGE_NONE},
        {"指标值", PT_N_("the indicator table header \"指标值\""), TABLE_HEADER_HINT, NO_VALUE, false, PT_MERGE_NONE},
    };
    size_t      i;

    for (i = 0; i < sizeof(cells) / sizeof(cells[0]); i++)
    {
        if (!expect_label(p, cur, &cells[i]))
            return false;
        if (cells[i].value != NO_VALUE && !read_header_value(p, cur, &cells[i]))
            return false;
    }
    return true;
}

/* ------------------------------------------------------------------------
 * Indicator table
 * ------------------------------------------------------------------------ */

/* 一级指标 and 二级指标 are categories such as 产出指标 or 数量指标; any other
 * text there means cells went missing and the columns shifted. */
static bool
check_category(parser *p, const cell *c, pt_doc_text t, int row, const char *column)
{
    pt_msg         m;

    if (pt_text_ends_with(t, CATEGORY_SUFFIX))
        return true;
    m = fail_at(p, c->line);
    pt_msg_str(&m, PT_("indicator row "));
    pt_msg_count(&m, row);
    pt_msg_str(&m, ": ");
    pt_msg_str(&m, column);
    pt_msg_str(&m, " ");
    pt_msg_quote(&m, t);
    pt_msg_str(&m, PT_(" is not an indicator category (…指标); cells are missing or shifted"));
    return fail_with_hint(p, ROW_HINT);
}

static bool
fail_truncated_row(parser *p, int row, int row_line, int cells_read, text_line stop)
{
    pt_msg         m = fail_at(p, row_line);

    pt_msg_str(&m, PT_("indicator row "));
    pt_msg_count(&m, row);
    pt_msg_str(&m, PT_(" is truncated: it has "));
    pt_msg_count(&m, cells_read);
    pt_msg_str(&m, PT_(" of 5 cells before "));
    if (stop.kind == LINE_TITLE)
        pt_msg_str(&m, PT_("the next project"));
    else if (stop.kind == LINE_END)
        pt_msg_str(&m, PT_("the end of the document"));
    else
        pt_msg_str(&m, PT_("text outside the table"));
    return fail_with_hint(p, ROW_HINT);
}

static bool
parse_indicator_row(parser *p, cursor *cur, int row)
{
    cell        cells[CELLS_PER_ROW];
    pt_doc_text level1;
    pt_doc_text level2;
    text_line   stop;
    pt_msg         m;
    int         i;

    for (i = 0; i < CELLS_PER_ROW; i++)
        if (!next_cell(p, cur, &cells[i], &stop))
            return fail_truncated_row(p, row, i > 0 ? cells[0].line : stop.number, i, stop);

    if (!cell_trimmed(p, &cells[0], &level1) || !cell_trimmed(p, &cells[1], &level2))
        return false;
    if (level1.len > 0)
    {
        if (!check_category(p, &cells[0], level1, row, "一级指标"))
            return false;
    }
    else if (row == 1)
    {
        m = fail_at(p, cells[0].line);
        pt_msg_str(&m, PT_("the first indicator row has no 一级指标 to repeat in the rows below"));
        return fail_with_hint(p, PT_N_("Write the 一级指标 (e.g. 产出指标) in the first row of the table."));
    }
    if (level2.len > 0 && !check_category(p, &cells[1], level2, row, "二级指标"))
        return false;

    if (!emit_row(p, cells[0].line))
        return false;
    for (i = 0; i < CELLS_PER_ROW; i++)
        if (!emit_cell(p, &cells[i], PT_MERGE_NONE))
            return false;
    return true;
}

/* Rows of 5 cells until the project ends (title, text or end of document). */
static bool
parse_indicator_table(parser *p, cursor *cur)
{
    int         header_line = p->last_cell_line;
    int         rows = 0;
    pt_msg         m;

    for (;;)
    {
        skip_insignificant_lines(p, cur);
        if (peek_line(p, *cur).kind != LINE_CELL)
            break;
        if (!parse_indicator_row(p, cur, rows + 1))
            return false;
        rows++;
    }
    if (rows > 0)
        return true;
    m = fail_at(p, header_line);
    pt_msg_str(&m, PT_("the indicator table has no rows"));
    return fail_with_hint(p, ROW_HINT);
}

/* Parse the project whose title line is at *cur into one table. */
static bool
parse_project(parser *p, cursor *cur, int *title_line)
{
    text_line   title = read_line(p, cur);
    pt_doc_text title_text;
    pt_doc_text dept = slice(NULL, 0);
    pt_doc_text unit = slice(NULL, 0);
    int         dept_line = 0;
    int         unit_line = 0;

    *title_line = title.number;
    p->title = slice(NULL, 0);
    if (!parse_title(p, title, &title_text))
        return false;
    if (!parse_department(p, cur, &dept, &dept_line) || !parse_budget_unit(p, cur, &unit, &unit_line))
        return false;
    /* the three lines before the table, then the table */
    if (!pt_cells_paragraph(p->b, title_text.ptr, title_text.len, title.number) ||
        !pt_cells_paragraph(p->b, dept.ptr, dept.len, dept_line) ||
        !pt_cells_paragraph(p->b, unit.ptr, unit.len, unit_line) ||
        !pt_cells_table(p->b, NULL, 0))
        return fail_builder(p);
    p->b->doc.tables[p->b->doc.n_tables - 1].flags |= PT_TABLE_ROWS_COUNTED;
    return parse_header_cells(p, cur) && parse_indicator_table(p, cur);
}

/* ------------------------------------------------------------------------
 * Document
 * ------------------------------------------------------------------------ */

/* Lenient mode: forget the failed project's paragraphs and table. */
static void
discard_project(parser *p, int n_tables)
{
    pt_cells_builder *b = p->b;

    b->doc.n_tables = n_tables;
    b->pending = NULL;
    b->n_pending = 0;
    b->pending_capacity = 0;
    b->row_capacity = 0;
    b->cell_capacity = 0;
}

/* Lenient mode: keep the current error as a skip record. */
static bool
record_skip(parser *p, int title_line, pt_doc_text title)
{
    if (p->b->doc.n_skipped >= MAX_SKIPS)
    {
        pt_msg         m = fail_at(p, p->err->line);

        pt_msg_str(&m, PT_("too many problems: more than "));
        pt_msg_count(&m, MAX_SKIPS);
        pt_msg_str(&m, PT_(" parts of the document were skipped"));
        p->fatal = true;
        return fail_with_hint(p, PT_N_("This does not look like a performance target document."));
    }
    if (!pt_cells_skip(p->b, title_line, p->err->line, title, p->err->message, p->err->hint))
        return fail_builder(p);
    return true;
}

static bool
fail_stray_text(parser *p, text_line ln)
{
    pt_msg         m = fail_at(p, ln.number);

    pt_msg_str(&m, PT_("text outside any project: "));
    pt_msg_quote(&m, slice(ln.ptr, ln.len));
    return fail_with_hint(p, PT_N_("Between projects only blank lines and page numbers may appear; "
                          "a project starts with a title line ending in 绩效目标表."));
}

static bool
parse_document(parser *p)
{
    cursor      cur = {0, 1};
    bool        seen_title = false;

    for (;;)
    {
        text_line   ln;

        skip_insignificant_lines(p, &cur);
        ln = peek_line(p, cur);
        if (ln.kind == LINE_END)
            break;
        if (ln.kind == LINE_TITLE)
        {
            int         n_tables = p->b->doc.n_tables;
            int         title_line = ln.number;

            seen_title = true;
            if (parse_project(p, &cur, &title_line))
                continue;
            if (!p->lenient || p->fatal)
                return false;
            discard_project(p, n_tables);
            if (!record_skip(p, title_line, p->title))
                return false;
        }
        else if (!seen_title)
        {
            read_line(p, &cur);     /* a preamble before the first project */
            continue;
        }
        else
        {
            /* After a project's table, only a title may follow. */
            fail_stray_text(p, ln);
            read_line(p, &cur);
            if (!p->lenient || !record_skip(p, 0, slice(NULL, 0)))
                return false;
        }
        skip_to_next_title(p, &cur);
    }
    if (!seen_title)
        return fail_document(p, 0, PT_N_("no project found: no line ends with 绩效目标表"),
                             PT_N_("Each project starts with its title line (…绩效目标表), "
                             "followed by the department line and the table cells, "
                             "each cell on a line that starts with a TAB."));
    return true;
}

/* Whole-document checks, then the projects. */
static bool
parse_text(parser *p)
{
    static const char BOM[] = "\xEF\xBB\xBF";

    if (p->alloc == NULL || p->alloc->alloc == NULL || p->out == NULL)
        return fail_document(p, 0, PT_N_("no allocator or no result given"),
                             PT_N_("Pass an allocator and a pt_document to fill."));
    if (p->len > PT_DOC_MAX_BYTES)
    {
        fail_document(p, 0, PT_N_("the document is too large: the limit is 64 MiB"),
                      PT_N_("Split the document into smaller files."));
        p->err->code = PT_DOC_ERR_LIMIT;
        return false;
    }
    if (p->len >= 3 && memcmp(p->text, BOM, 3) == 0)
    {
        p->text += 3;
        p->len -= 3;
    }
    if (!check_text(p))
        return false;
    if (is_blank_document(p))
        return fail_document(p, 0, PT_N_("the document is empty"),
                             PT_N_("Pass the text of a performance target document (绩效目标表)."));
    return parse_document(p);
}

int
pt_read_text_export(const char *text, size_t len, bool lenient,
                    const pt_allocator *alloc, pt_cells_doc *out, pt_doc_error *err)
{
    pt_doc_error scratch;
    pt_cells_builder b;
    parser      p;

    if (err == NULL)
        err = &scratch;
    memset(err, 0, sizeof(*err));
    if (out != NULL)
        memset(out, 0, sizeof(*out));

    memset(&p, 0, sizeof(p));
    p.text = text != NULL ? text : EMPTY;
    p.len = text != NULL ? len : 0;
    p.lenient = lenient;
    p.alloc = alloc;
    p.err = err;
    p.title = slice(NULL, 0);
    p.b = &b;
    pt_cells_begin(&b, PT_FORMAT_TEXT_EXPORT, alloc, err);
    b.doc.encoding = "UTF-8";

    p.out = out;
    if (!parse_text(&p))
    {
        b.failed = true;
        pt_cells_finish(&b, out);
        return -1;
    }
    if (p.len < len)
        b.doc.encoding = "UTF-8 BOM";
    return pt_cells_finish(&b, out);
}
