/*
 * fuzz_doc_checks.h — the invariants the document harnesses (fuzz_document.c,
 * fuzz_delimited.c, fuzz_layout.c, fuzz_docx.c, fuzz_xlsx.c) check on every
 * result: a reader's pt_cells_doc, a pt_document, a pt_doc_error.  A violated
 * one prints what and calls abort(), which libFuzzer reports as a crash.
 */
#ifndef PT_FUZZ_DOC_CHECKS_H
#define PT_FUZZ_DOC_CHECKS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_cells.h"
#include "pt_cell_target.h"
#include "../unit/valid_utf8.h"

static size_t g_size;

static inline void
fail(const char *what, const char *detail)
{
	fprintf(stderr, "\n*** invariant violated: %s%s%s (input of %zu bytes)\n", what,
			detail ? ": " : "", detail ? detail : "", g_size);
	abort();
}

#define CHECK(cond, detail) do { if (!(cond)) fail(#cond, (detail)); } while (0)

static volatile unsigned sink;

static inline void
check_text(pt_doc_text t, const char *field)
{
	size_t		i;
	unsigned	sum = 0;

	CHECK(t.ptr != NULL, field);
	for (i = 0; i < t.len; i++)	/* ASan: every byte must be readable */
		sum += (unsigned char) t.ptr[i];
	sink = sum;
	CHECK(valid_utf8(t.ptr, t.len), field);
}

static inline void
check_cstring(const char *s, size_t cap, bool nonempty, const char *field)
{
	const char *nul = memchr(s, '\0', cap);

	CHECK(nul != NULL, field);
	if (nonempty)
		CHECK(nul != s, field);
	CHECK(valid_utf8(s, (size_t) (nul - s)), field);
}

static inline void
check_error(const pt_doc_error *err)
{
	check_cstring(err->message, sizeof(err->message), true, "error message");
	check_cstring(err->hint, sizeof(err->hint), false, "error hint");
	check_cstring(err->project_title, sizeof(err->project_title), false, "error project_title");
	check_cstring(err->part, sizeof(err->part), false, "error part");
	CHECK(err->line >= 0 && err->row >= 0, "error position");
	CHECK(err->code >= PT_DOC_ERR_INVALID && err->code <= PT_DOC_ERR_MEMORY, "error code");
}

static inline void
check_cells(const pt_cells_doc *d)
{
	int			t,
				r,
				c;

	CHECK(d->n_tables >= 0 && (d->n_tables == 0 || d->tables != NULL), "tables");
	for (t = 0; t < d->n_tables; t++)
	{
		const pt_cell_table *tab = &d->tables[t];

		CHECK(tab->number == t + 1, "table numbers");
		check_text(tab->sheet, "sheet");
		for (r = 0; r < tab->n_before; r++)
		{
			check_text(tab->before[r].text, "paragraph");
			CHECK(tab->before[r].text.len > 0, "empty paragraph");
		}
		for (r = 0; r < tab->n_rows; r++)
		{
			const pt_cell_row *row = &tab->rows[r];

			CHECK(row->n_cells >= 0 && row->n_cells <= tab->n_columns, "row width");
			CHECK(r == 0 || row->source_row >= tab->rows[r - 1].source_row, "rows in order");
			for (c = 0; c < row->n_cells; c++)
			{
				check_text(row->cells[c].text, "cell");
				CHECK(row->cells[c].merged <= PT_MERGE_LEFT, "merge flag");
			}
		}
	}
}

static inline void
check_document(const pt_document *doc, bool lenient)
{
	int			i,
				j;

	CHECK(doc->n_projects >= 0 && doc->n_skipped >= 0, "counts");
	CHECK(doc->n_projects == 0 || doc->projects != NULL, "projects array");
	CHECK(doc->n_skipped == 0 || doc->skipped != NULL, "skipped array");
	if (!lenient)
		CHECK(doc->n_projects >= 1, "strict success without a project");
	for (i = 0; i < doc->n_projects; i++)
	{
		const pt_doc_project *p = &doc->projects[i];
		pt_doc_text texts[] = {p->ordinal, p->title, p->dept_code, p->dept_name, p->budget_unit,
			p->name, p->budget_total, p->fiscal_funds, p->other_funds, p->purpose, p->goals,
		p->sheet, p->extra};
		size_t		k;

		for (k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
			check_text(texts[k], "project text");
		CHECK(p->name.len > 0, "a project has a name");
		CHECK(pt_text_is_decimal(p->budget_total) || p->budget_total.len == 0, "budget_total");
		CHECK(pt_text_is_decimal(p->fiscal_funds) || p->fiscal_funds.len == 0, "fiscal_funds");
		CHECK(pt_text_is_decimal(p->other_funds) || p->other_funds.len == 0, "other_funds");
		CHECK(p->year == 0 || (p->year >= 1990 && p->year <= 2099), "year");
		CHECK(p->n_indicators >= 1 && p->indicators != NULL, "at least one indicator");
		for (j = 0; j < p->n_indicators; j++)
		{
			const pt_doc_indicator *r = &p->indicators[j];
			pt_doc_text itexts[] = {r->level1, r->level1_written, r->level2, r->level3, r->description,
				r->value, r->target_text, r->target_note, r->level1_weight, r->level2_weight,
				r->direction, r->unit, r->weight, r->weight_value, r->actual, r->actual_text,
				r->actual_note, r->score, r->score_value, r->reason, r->standard, r->benchmark,
			r->extra};

			CHECK(r->position == j + 1, "indicator position");
			for (k = 0; k < sizeof(itexts) / sizeof(itexts[0]); k++)
				check_text(itexts[k], "indicator text");
			CHECK(pt_text_is_decimal(r->weight_value) || r->weight_value.len == 0, "weight value");
			CHECK(pt_text_is_decimal(r->score_value) || r->score_value.len == 0, "score value");
			CHECK(pt_text_is_decimal(r->level1_weight) || r->level1_weight.len == 0, "level1 weight");
			CHECK(r->target_note.len == 0 || r->target_text.len > 0, "a note without a target text");
			CHECK(r->line >= 0 && r->source_row >= 0 && r->table >= 0, "positions");
		}
	}
	for (i = 0; i < doc->n_skipped; i++)
	{
		const pt_doc_skip *s = &doc->skipped[i];

		CHECK(s->line >= 0 && s->title_line >= 0, "skip lines");
		check_text(s->title, "skip title");
		check_text(s->part, "skip part");
		check_text(s->message, "skip message");
		CHECK(s->message.len > 0, "skip message non-empty");
		check_text(s->hint, "skip hint");
	}
}

/* Every target and actual cell read as the import reads it (pt_cell_target.h),
 * with the project's year and the column's unit: a reading in range, a
 * formattable target, the constraints it reports, a valid note. */
static inline void
check_cell_reading(pt_doc_text text, int year, pt_doc_text unit, const pt_allocator *alloc)
{
	pt_cell_context ctx = {year, unit};
	pt_cell_target r;
	char		buf[4096];
	size_t		i;

	if (pt_read_cell_target(text, &ctx, alloc, &r) != 0)
		return;					/* out of memory: allowed */
	CHECK(r.reading >= PT_CELL_INVALID && r.reading <= PT_CELL_SEVERAL, "cell reading");
	check_text(r.note, "cell note");
	CHECK(r.reading != PT_CELL_EXTRACTED || r.n_extracted == 1, "one constraint extracted");
	CHECK(r.reading != PT_CELL_SEVERAL || (r.n_extracted >= 2 && r.target.kind == PT_KIND_LABEL),
		  "several constraints beside a label");
	CHECK(r.reading == PT_CELL_EXTRACTED || r.reading == PT_CELL_SEVERAL || r.n_extracted == 0,
		  "constraints only from prose");
	CHECK(r.reading == PT_CELL_OWN || r.reading == PT_CELL_INVALID || r.note.len > 0,
		  "a reading other than the text's own has a note");
	if (r.reading == PT_CELL_INVALID)
		return;
	CHECK(pt_format_size(&r.target) < sizeof(buf) || r.target.kind == PT_KIND_LABEL, "format size");
	if (pt_format_size(&r.target) < sizeof(buf))
		CHECK(valid_utf8(buf, pt_format(&r.target, buf, sizeof(buf))), "formatted target");
	for (i = 0; i < r.n_extracted; i++)
	{
		CHECK(r.extracted[i].start < r.extracted[i].end && r.extracted[i].end <= text.len, "extracted words");
		CHECK(r.extracted[i].target.kind != PT_KIND_LABEL, "an extracted constraint is no label");
		if (pt_format_size(&r.extracted[i].target) < sizeof(buf))
			CHECK(valid_utf8(buf, pt_format(&r.extracted[i].target, buf, sizeof(buf))), "formatted constraint");
	}
}

static inline void
check_cell_readings(const pt_document *doc, const pt_allocator *alloc)
{
	int			i,
				j;

	for (i = 0; i < doc->n_projects; i++)
		for (j = 0; j < doc->projects[i].n_indicators; j++)
		{
			const pt_doc_indicator *r = &doc->projects[i].indicators[j];

			check_text(r->target_unit, "target unit");
			check_cell_reading(pt_text_trim(r->target_text), doc->projects[i].year, r->target_unit, alloc);
			if (r->actual_text.len > 0)
				check_cell_reading(pt_text_trim(r->actual_text), doc->projects[i].year, r->target_unit, alloc);
		}
}

/* What a reader returned: true with cells to lay out (checked), or false
 * after a clean error. */
static inline bool
check_read(int rc, const pt_cells_doc *cells, const pt_doc_error *err)
{
	CHECK(rc == 0 || rc == -1, "reader return code");
	if (rc != 0)
	{
		check_error(err);
		CHECK(cells->n_tables == 0 && cells->tables == NULL, "*out emptied on error");
		return false;
	}
	check_cells(cells);
	return true;
}

/* The layout step on cells, strict or lenient, and what it returns checked. */
static inline int
lay_out_checked(const pt_cells_doc *cells, bool lenient, const char *source, const pt_allocator *alloc,
				pt_document *doc, pt_doc_error *err)
{
	pt_read_request req;
	int			rc;

	memset(&req, 0, sizeof(req));
	req.lenient = lenient;
	req.source = pt_text(source, strlen(source));
	rc = pt_layout(cells, &req, alloc, doc, err);
	CHECK(rc == 0 || rc == -1, "layout return code");
	if (rc == 0)
		check_document(doc, lenient);
	else
	{
		check_error(err);
		CHECK(doc->n_projects == 0 && doc->projects == NULL, "*out emptied on error");
	}
	return rc;
}

#endif
