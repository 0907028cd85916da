/*
 * pt_cell_target.c — how the import reads a target or actual cell: on its
 * own, with the document's year and column unit, and the constraints prose
 * states (pt_cell_target.h says why, in this order).
 */
#include "pt_cell_target.h"

#include <stdio.h>
#include <string.h>

/* results asked of pt_extract first; a cell with more is read again with room for all */
#define EXTRACT_FIRST 8
/* words quoted in a note: at most this many bytes each, and this many constraints */
#define NOTE_QUOTE_BYTES 120
#define NOTE_MAX_LISTED 8

typedef struct note_buf
{
    char       *buf;
    size_t      len;
    size_t      cap;
} note_buf;

static void
note_add(note_buf *n, const char *s, size_t len)
{
    if (n->len + len >= n->cap)
        len = n->cap - n->len - 1;     /* sized by the caller: never reached */
    memcpy(n->buf + n->len, s, len);
    n->len += len;
    n->buf[n->len] = '\0';
}

static void
note_str(note_buf *n, const char *s)
{
    note_add(n, s, strlen(s));
}

/* "words" quoted, cut at a character boundary after NOTE_QUOTE_BYTES with "…" */
static void
note_quote(note_buf *n, const char *s, size_t len)
{
    bool        cut = len > NOTE_QUOTE_BYTES;

    if (cut)
    {
        len = NOTE_QUOTE_BYTES;
        while (len > 0 && ((unsigned char) s[len] & 0xC0) == 0x80)
            len--;
    }
    note_str(n, "\"");
    note_add(n, s, len);
    note_str(n, cut ? "…\"" : "\"");
}

static void *
allocate(const pt_allocator *a, size_t size)
{
    return a->alloc(a->ctx, size > 0 ? size : 1);
}

/* The constraints the text states, all of them (pt_extract, asked again when
 * there are more than EXTRACT_FIRST).  -1: out of memory. */
static int
extract_all(pt_doc_text text, const pt_allocator *a, pt_extracted **found, size_t *count)
{
    size_t      max = EXTRACT_FIRST;

    for (;;)
    {
        pt_extracted *f = allocate(a, max * sizeof(pt_extracted));
        char       *scratch = allocate(a, pt_extract_scratch_size(text.len, max));
        size_t      n;

        if (f == NULL || scratch == NULL)
            return -1;
        n = pt_extract(text.ptr, text.len, f, max, scratch);
        if (n <= max)
        {
            *found = f;
            *count = n;
            return 0;
        }
        max = n;
    }
}

int
pt_read_cell_target(pt_doc_text text, const pt_cell_context *cell_ctx,
                    const pt_allocator *alloc, pt_cell_target *out)
{
    pt_context  ctx = {0, NULL, 0};
    const pt_context *use = NULL;
    unsigned    applied = 0;
    char       *scratch;
    pt_status   st;
    note_buf    note;
    char        note_space[200 + (NOTE_MAX_LISTED + 2) * (NOTE_QUOTE_BYTES + 16)];
    size_t      i;

    memset(out, 0, sizeof(*out));
    out->note = (pt_doc_text) {"", 0};
    if (cell_ctx != NULL && (cell_ctx->year != 0 || cell_ctx->unit.len > 0))
    {
        ctx.year = cell_ctx->year;
        ctx.unit = cell_ctx->unit.len > 0 ? cell_ctx->unit.ptr : NULL;
        ctx.unit_len = cell_ctx->unit.len;
        use = &ctx;
    }

    scratch = allocate(alloc, pt_parse_context_scratch_size(text.len, use));
    if (scratch == NULL)
        return -1;
    st = pt_parse_context(text.ptr, text.len, use, &out->target, scratch, &out->err, &applied);
    if (st == PT_ERR_INVALID && use != NULL)
    {
        /* a context the parser cannot use (the layout checks units; a year out
         * of range): the text on its own */
        use = NULL;
        applied = 0;
        st = pt_parse(text.ptr, text.len, &out->target, scratch, &out->err);
    }
    if (st != PT_OK)
    {
        out->reading = PT_CELL_INVALID;
        return 0;
    }
    out->reading = applied ? PT_CELL_CONTEXT : PT_CELL_OWN;

    if (out->target.kind == PT_KIND_LABEL &&
        extract_all(text, alloc, &out->extracted, &out->n_extracted) != 0)
        return -1;

    /* the note, written here and copied to the arena at its length */
    note.cap = sizeof(note_space);
    note.buf = note_space;
    note.len = 0;
    note.buf[0] = '\0';

    if (out->reading == PT_CELL_CONTEXT)
    {
        char        year[40];

        if (applied & PT_CONTEXT_YEAR)
        {
            snprintf(year, sizeof(year), "read with the table's year %d", ctx.year);
            note_str(&note, year);
        }
        if (applied & PT_CONTEXT_UNIT)
        {
            note_str(&note, note.len > 0 ? "; " : "");
            note_str(&note, "read in the unit ");
            note_quote(&note, ctx.unit, ctx.unit_len);
            note_str(&note, " of the target column's header");
        }
    }
    else if (out->n_extracted == 1)
    {
        const pt_extracted *e = &out->extracted[0];

        out->reading = PT_CELL_EXTRACTED;
        out->target = e->target;
        note_str(&note, "read as the constraint ");
        note_quote(&note, text.ptr + e->start, e->end - e->start);
        note_str(&note, " stated in the text");
    }
    else if (out->n_extracted > 1)
    {
        char        count[40];

        out->reading = PT_CELL_SEVERAL;
        snprintf(count, sizeof(count), "the text states %zu constraints: ", out->n_extracted);
        note_str(&note, count);
        for (i = 0; i < out->n_extracted && i < NOTE_MAX_LISTED; i++)
        {
            note_str(&note, i > 0 ? ", " : "");
            note_quote(&note, text.ptr + out->extracted[i].start,
                       out->extracted[i].end - out->extracted[i].start);
        }
        note_str(&note, i < out->n_extracted ? ", …" : "");
        note_str(&note, "; kept as a label");
    }
    else if (out->target.kind == PT_KIND_LABEL &&
             pt_label_needs_quotes(out->target.label, out->target.label_len))
        note_str(&note, "read as a label: the text contains digits but is not a target");

    if (out->reading != PT_CELL_EXTRACTED && out->reading != PT_CELL_SEVERAL)
    {
        out->extracted = NULL;
        out->n_extracted = 0;
    }
    if (note.len > 0)
    {
        char       *copy = allocate(alloc, note.len);

        if (copy == NULL)
            return -1;
        memcpy(copy, note.buf, note.len);
        out->note = (pt_doc_text) {copy, note.len};
    }
    return 0;
}
