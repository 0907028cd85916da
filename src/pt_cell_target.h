/*
 * pt_cell_target.h — how the import reads a target (or actual) cell.
 *
 * The type never guesses; the import knows more than the text: the year of
 * the table and the unit its column header gives, and that a cell of prose
 * in the 指标值 column states the indicator's level somewhere in it.  So a
 * cell is read, in this order:
 *
 *   1. on its own, as the cast reads it (pt_parse);
 *   2. when it lacks a year or a unit the document gives, with them
 *      (pt_parse_context: 10月前 in a 2024 table, a bare 85 under 指标值(%));
 *   3. when it is still a label, the constraints it states (pt_extract):
 *      exactly one becomes the target (合格率不低于90% → ≥90%); several
 *      are kept beside the label, which stays the target.
 *
 * Every reading other than the first says what was done in a note (English:
 * notes are data).  Plain C11, no PostgreSQL headers; memory from the
 * caller's arena (pt_document.h).
 */
#ifndef PT_CELL_TARGET_H
#define PT_CELL_TARGET_H

#include "pt_document.h"
#include "ptarget_core.h"

typedef enum pt_cell_reading
{
    PT_CELL_INVALID = 0,        /* not a valid target: err says why */
    PT_CELL_OWN,                /* read on its own (a label that states no constraint included) */
    PT_CELL_CONTEXT,            /* completed with the document's year or the column's unit */
    PT_CELL_EXTRACTED,          /* prose stating one constraint: the target is that constraint */
    PT_CELL_SEVERAL             /* prose stating several: the target stays the label */
} pt_cell_reading;

/* What the document says about the cell's values. */
typedef struct pt_cell_context
{
    int         year;           /* the table's budget year; 0 = unknown */
    pt_doc_text unit;           /* the unit the column header gives (指标值（%）); empty = none */
} pt_cell_context;

typedef struct pt_cell_target
{
    pt_cell_reading reading;
    pt_target   target;         /* unless PT_CELL_INVALID; points into the arena */
    pt_extracted *extracted;    /* PT_CELL_EXTRACTED, PT_CELL_SEVERAL: the constraints in
                                 * the order the text states them; else NULL */
    size_t      n_extracted;
    pt_doc_text note;           /* what was done, when not read on its own, or why a label has
                                 * digits; empty otherwise.  Not for PT_CELL_INVALID */
    pt_error    err;            /* PT_CELL_INVALID: why */
} pt_cell_target;

/*
 * Reads text (UTF-8, trimmed by the caller) as above.  ctx may be NULL.
 * Returns 0, or -1 when the allocator fails.
 */
int         pt_read_cell_target(pt_doc_text text, const pt_cell_context *ctx,
                                const pt_allocator *alloc, pt_cell_target *out);

#endif                          /* PT_CELL_TARGET_H */
