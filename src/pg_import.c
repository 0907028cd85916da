/*
 * pg_import.c — reading whole performance target documents (绩效目标表).
 *
 *   ptarget_parse_document(document text, lenient)                 1.0: rows, no side effects
 *   ptarget_import(document text, source, schema, lenient)         1.0: the same rows, loaded
 *   ptarget_parse_document(document bytea, source, lenient)        1.1: any format, more columns
 *   ptarget_import(document bytea, source, schema, lenient)        1.1: the same rows, loaded
 *
 * The plain-C core reads the document (pt_cells.h: detect the format, a
 * reader per format yields tables of cells, the layout step makes projects
 * and indicators); this file parses each target and actual value as a
 * ptarget and, for an import, writes ordinary user tables with SPI
 * (pg_import_tables.c decides which tables are safe to write, creates them
 * and migrates those of an earlier release).  The import runs with the
 * caller's rights, under search_path = pg_catalog, with every name it builds
 * quoted and schema-qualified.
 *
 * The text functions keep 1.0's twelve result columns and behaviour: the
 * text is the seeds' text export (or, when it is not one but clearly
 * delimited text, CSV/TSV); errors are 22P02.  The bytea functions detect
 * the format from the bytes and return the 1.1 columns.
 */
#include "pg_import.h"

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "common/hashfn.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/resowner.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "pt_cells.h"
#include "pt_cell_target.h"

/* Columns of the rows the functions return (see ptarget--1.0.sql and
 * sql/1.1/30_documents.sql): the first twelve are 1.0's. */
enum
{
	COL_DEPT_CODE,
	COL_DEPT_NAME,
	COL_PROJECT,
	COL_POSITION,
	COL_LEVEL1,
	COL_LEVEL2,
	COL_LEVEL3,
	COL_DESCRIPTION,
	COL_VALUE_TEXT,
	COL_TARGET,
	COL_NOTE,
	COL_LINE,
	N_COLS_1_0,
	COL_YEAR = N_COLS_1_0,
	COL_LEVEL1_WEIGHT,
	COL_LEVEL2_WEIGHT,
	COL_DIRECTION,
	COL_UNIT_TEXT,
	COL_WEIGHT,
	COL_ACTUAL_TEXT,
	COL_ACTUAL,
	COL_RECORDED_SCORE,
	COL_DEVIATION_REASON,
	COL_SCORING_STANDARD,
	COL_PERFORMANCE_STANDARD,
	COL_OTHER_CELLS,
	COL_SOURCE_FORMAT,
	COL_SOURCE_PART,
	COL_SOURCE_ROW,
	COL_EXTRACTED,
	N_COLS
};

/* One parsed indicator: the document's cells plus the values read as targets. */
typedef struct indicator_row
{
	const pt_doc_project *project;
	const pt_doc_indicator *cells;
	int			project_index;
	Datum		target;			/* ptarget, or 0 when the value is not one */
	pt_kind		kind;
	Datum		actual;			/* ptarget, or 0 */
	Datum	   *extracted;		/* ptargets a cell of prose states, or NULL */
	int			n_extracted;
	char	   *note;			/* NULL when the row needed none */
} indicator_row;

typedef struct parsed_document
{
	pt_document doc;
	indicator_row *rows;
	int			n_rows;
	const char *content;		/* the bytes whose SHA-256 identifies the document */
	size_t		content_len;
	pt_source_format format;
	bool		v1_1;			/* the 1.1 functions: all columns, SQLSTATEs by kind */
} parsed_document;

static void *
palloc_alloc(void *ctx, size_t size)
{
	return palloc_extended(size, MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
}

/* A document text as a server-encoding text datum. */
static Datum
text_datum(pt_doc_text t)
{
	return PointerGetDatum(pg_ptarget_text(t.ptr, t.len));
}

static char *
doc_cstring(pt_doc_text t)
{
	return pnstrdup(t.ptr, t.len);
}

/* numeric of a decimal text ("50.00"), or NULL when empty */
static Datum
number_datum(pt_doc_text t, bool *isnull)
{
	*isnull = (t.len == 0);
	if (*isnull)
		return (Datum) 0;
	return DirectFunctionCall3(numeric_in, CStringGetDatum(doc_cstring(t)),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* ------------------------------------------------------------ notes */

typedef struct notes
{
	StringInfoData buf;
	bool		any;
} notes;

static void
note_add(notes *n, const char *text)
{
	if (!n->any)
		initStringInfo(&n->buf);
	else
		appendStringInfoString(&n->buf, "; ");
	appendStringInfoString(&n->buf, text);
	n->any = true;
}

static void
note_add_doc(notes *n, pt_doc_text t)
{
	if (t.len > 0)
		note_add(n, pg_ptarget_cstring(t.ptr, t.len));
}

/*
 * Reads a target or actual cell (pt_cell_target.h: on its own, with the
 * table's year and the column's unit, the constraints prose states): a
 * ptarget datum, or 0 with a note saying why not.  *extracted gets the
 * constraints of a cell that states several (when extracted is not NULL).
 */
static Datum
read_target(pt_doc_text text, const pt_cell_context *ctx, const char *what, pt_kind *kind,
			Datum **extracted, int *n_extracted, notes *n, MemoryContext scratch)
{
	pt_allocator alloc = {palloc_alloc, NULL};
	pt_cell_target r;
	Datum		d;
	size_t		i;
	MemoryContext old = MemoryContextSwitchTo(scratch);	/* reset by the caller */
	int			rc;

	pg_ptarget_nls_pause();		/* notes are data: in English, whatever lc_messages says */
	rc = pt_read_cell_target(text, ctx, &alloc, &r);
	pg_ptarget_nls_resume();
	MemoryContextSwitchTo(old);
	if (rc != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory while reading the document")));
	if (r.reading == PT_CELL_INVALID)
	{
		note_add(n, psprintf("%snot a valid target, kept as text: %s", what,
							 pg_ptarget_message_text(r.err.message)));
		return (Datum) 0;
	}
	d = pg_ptarget_datum(&r.target);
	if (kind != NULL)
		*kind = r.target.kind;
	if (r.note.len > 0)
		note_add(n, psprintf("%s%s", what, pg_ptarget_cstring(r.note.ptr, r.note.len)));
	if (extracted != NULL && r.n_extracted > 0)
	{
		*extracted = palloc(r.n_extracted * sizeof(Datum));
		for (i = 0; i < r.n_extracted; i++)
			(*extracted)[i] = pg_ptarget_datum(&r.extracted[i].target);
		*n_extracted = (int) r.n_extracted;
	}
	return d;
}

/* Reads the target and actual of one row, and says what needed saying;
 * scratch is a memory context for the parsers' work, reset here. */
static void
read_values(indicator_row *row, MemoryContext scratch)
{
	const pt_doc_indicator *c = row->cells;
	pt_cell_context target_ctx = {row->project->year, c->target_unit};
	/* an actual is measured in the target's unit, whether the target's cell or its header gives it */
	pt_cell_context actual_ctx = {row->project->year, c->target_unit};
	notes		n = {{0}};

	note_add_doc(&n, c->target_note);
	row->target = read_target(c->target_text, &target_ctx, "", &row->kind,
							  &row->extracted, &row->n_extracted, &n, scratch);
	if ((c->columns & PT_COL_ACTUAL) && pt_text_trim(c->actual_text).len > 0)
	{
		note_add_doc(&n, c->actual_note);
		row->actual = read_target(pt_text_trim(c->actual_text), &actual_ctx, "actual value: ", NULL,
								  NULL, NULL, &n, scratch);
	}
	if ((c->columns & PT_COL_WEIGHT) && c->weight.len > 0 && c->weight_value.len == 0)
		note_add(&n, psprintf("the weight %s is not a number, kept in this note",
							  pg_ptarget_quote_utf8(c->weight.ptr, c->weight.len)));
	if ((c->columns & PT_COL_SCORE) && c->score.len > 0 && c->score_value.len == 0)
		note_add(&n, psprintf("the recorded score %s is not a number, kept in this note",
							  pg_ptarget_quote_utf8(c->score.ptr, c->score.len)));
	row->note = n.any ? n.buf.data : NULL;
	MemoryContextReset(scratch);
}

/* The constraints of a row as an array of the column's type, or 0 when none. */
static Datum
extracted_array(const indicator_row *r, Oid array_type, bool *isnull)
{
	Oid			element = get_element_type(array_type);

	*isnull = r->n_extracted == 0;
	if (*isnull)
		return (Datum) 0;
	if (!OidIsValid(element))
		elog(ERROR, "ptarget import: the extracted column is not an array");
	return PointerGetDatum(construct_array(r->extracted, r->n_extracted, element, -1, false, TYPALIGN_INT));
}

/* ------------------------------------------------------------ errors */

/* Where the error is: "at line 12", "in table 2, row 5", "in sheet "绩效", row 5". */
static char *
error_place(const pt_doc_error *err)
{
	if (err->part[0] != '\0')
		return err->row > 0
			? psprintf(pg_ptarget_gettext(" in %s, row %d"), pg_ptarget_message_text(err->part), err->row)
			: psprintf(pg_ptarget_gettext(" in %s"), pg_ptarget_message_text(err->part));
	if (err->line > 0)
		return psprintf(pg_ptarget_gettext(" at line %d"), err->line);
	return "";
}

static void
report_document_error(const pt_doc_error *err, bool v1_1)
{
	int			code = ERRCODE_INVALID_TEXT_REPRESENTATION;
	const char *title = err->project_title[0]
		? pg_ptarget_quote_utf8(err->project_title, strlen(err->project_title)) : NULL;

	if (v1_1 && err->code == PT_DOC_ERR_LIMIT)
		code = ERRCODE_PROGRAM_LIMIT_EXCEEDED;
	else if (err->code == PT_DOC_ERR_MEMORY)
		code = ERRCODE_OUT_OF_MEMORY;
	if (err->code == PT_DOC_ERR_UNSUPPORTED)
		ereport(ERROR,
				(errcode(code),
				 errmsg("cannot read the document: %s", pg_ptarget_message_text(err->message)),
				 errhint("%s", pg_ptarget_message_text(err->hint))));
	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid performance target document%s%s", error_place(err),
					title ? psprintf(pg_ptarget_gettext(" (project %s)"), title) : ""),
			 errdetail("%s", pg_ptarget_message_text(err->message)),
			 errhint("%s", pg_ptarget_message_text(err->hint))));
}

/* Where a project starts, for messages. */
static char *
project_place(const pt_doc_project *p, pt_source_format format)
{
	if (format == PT_FORMAT_DOCX || format == PT_FORMAT_XLSX)
	{
		if (p->sheet.len > 0)
			return psprintf(pg_ptarget_gettext("sheet \"%s\", row %d"), pg_ptarget_cstring(p->sheet.ptr, p->sheet.len),
							p->first_line);
		return psprintf(pg_ptarget_gettext("table %d"), p->table);
	}
	return psprintf(pg_ptarget_gettext("line %d"), p->first_line);
}

/* The project's title (or name), quoted and bounded, for messages. */
static const char *
project_title(const pt_doc_project *p)
{
	pt_doc_text t = p->title.len > 0 ? p->title : p->name;

	return pg_ptarget_quote_utf8(t.ptr, t.len);
}

/*
 * Within one document a project appears once.  It is identified by its
 * department code and name; a document without codes (other provinces)
 * identifies it by department name, project name and year.
 */
typedef struct seen_project
{
	uint64		key;			/* hash of the identity */
	int			index;			/* first project with that hash */
} seen_project;

static bool
has_code(const pt_doc_project *p)
{
	return p->dept_code.len > 0;
}

static bool
same_project(const pt_doc_project *a, const pt_doc_project *b)
{
	if (has_code(a) != has_code(b) || !pt_text_same(a->name, b->name))
		return false;
	if (has_code(a))
		return pt_text_same(a->dept_code, b->dept_code);
	return pt_text_same(a->dept_name, b->dept_name) && a->year == b->year;
}

static uint64
project_key(const pt_doc_project *p)
{
	uint64		h = hash_bytes_extended((const unsigned char *) p->name.ptr, (int) p->name.len,
										has_code(p) ? 1 : 2);

	if (has_code(p))
		return hash_bytes_extended((const unsigned char *) p->dept_code.ptr, (int) p->dept_code.len, h);
	return hash_bytes_extended((const unsigned char *) p->dept_name.ptr, (int) p->dept_name.len,
							   h ^ (uint64) (uint32) p->year);
}

static void
check_unique_projects(const parsed_document *pd)
{
	const pt_document *doc = &pd->doc;
	HASHCTL		ctl = {0};
	HTAB	   *seen;
	int			i;

	ctl.keysize = sizeof(uint64);
	ctl.entrysize = sizeof(seen_project);
	seen = hash_create("ptarget projects", Max(doc->n_projects, 16), &ctl, HASH_ELEM | HASH_BLOBS);
	for (i = 0; i < doc->n_projects; i++)
	{
		const pt_doc_project *p = &doc->projects[i];
		uint64		key = project_key(p);
		bool		found;
		seen_project *entry = hash_search(seen, &key, HASH_ENTER, &found);
		const pt_doc_project *first;

		if (!found)
		{
			entry->index = i;
			continue;
		}
		first = &doc->projects[entry->index];
		if (!same_project(first, p))
			continue;			/* a hash collision */
		if (has_code(p))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid performance target document at %s (project %s)",
							project_place(p, pd->format), project_title(p)),
					 errdetail("The project %s %s already appears at %s.",
							   pg_ptarget_message_text(doc_cstring(p->dept_code)),
							   pg_ptarget_quote_utf8(p->name.ptr, p->name.len),
							   project_place(first, pd->format)),
					 errhint("A document lists each project once; split it into two documents.")));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid performance target document at %s (project %s)",
						project_place(p, pd->format), project_title(p)),
				 errdetail("The project %s%s%s already appears at %s.",
						   pg_ptarget_quote_utf8(p->name.ptr, p->name.len),
						   p->dept_name.len > 0
						   ? psprintf(pg_ptarget_gettext(" of %s"), pg_ptarget_quote_utf8(p->dept_name.ptr, p->dept_name.len))
						   : "",
						   p->year > 0 ? psprintf(" (%d)", p->year) : "",
						   project_place(first, pd->format)),
				 errhint("A project without a department code is identified by its department, name "
						 "and year; a document lists each once.  Give the tables different titles "
						 "or 项目名称, or split the document.")));
	}
	hash_destroy(seen);
}

/* ------------------------------------------------------------ reading */

/* The rows of a read document: every indicator with its values parsed. */
static void
read_rows(parsed_document *pd)
{
	int			i,
				j,
				n = 0;

	MemoryContext scratch = AllocSetContextCreate(CurrentMemoryContext, "ptarget cell reading",
												  ALLOCSET_SMALL_SIZES);

	check_unique_projects(pd);
	for (i = 0; i < pd->doc.n_projects; i++)
		n += pd->doc.projects[i].n_indicators;
	pd->rows = palloc0_array(indicator_row, Max(n, 1));
	for (i = 0; i < pd->doc.n_projects; i++)
	{
		const pt_doc_project *p = &pd->doc.projects[i];

		for (j = 0; j < p->n_indicators; j++)
		{
			indicator_row *row = &pd->rows[pd->n_rows++];

			CHECK_FOR_INTERRUPTS();
			row->project = p;
			row->project_index = i;
			row->cells = &p->indicators[j];
			read_values(row, scratch);
		}
	}
	MemoryContextDelete(scratch);
}

/* The 1.0 functions: the document as text. */
static void
parse_text_document(text *document, text *source, bool lenient, parsed_document *out)
{
	char	   *server = text_to_cstring(document);
	size_t		len = strlen(server);
	pt_allocator alloc = {palloc_alloc, NULL};
	pt_doc_error err;
	char	   *utf8;
	size_t		utf8_len;

	memset(out, 0, sizeof(*out));
	utf8 = (char *) pg_do_encoding_conversion((unsigned char *) server, (int) len,
											  GetDatabaseEncoding(), PG_UTF8);
	utf8_len = (utf8 == server) ? len : strlen(utf8);
	out->content = utf8;
	out->content_len = utf8_len;
	out->format = PT_FORMAT_TEXT_EXPORT;
	if (pt_document_parse(utf8, utf8_len, lenient, &alloc, &out->doc, &err) != 0)
	{
		/*
		 * Not a text export that reads (1.0 read nothing else): text shaped
		 * like CSV or TSV reads as such, and its errors are those of
		 * delimited text; anything else keeps the text export's error.
		 */
		pt_source_format shape = pt_detect_format(utf8, utf8_len);
		pt_doc_error delimited_err;
		pt_read_request req = {0};

		if (shape != PT_FORMAT_CSV && shape != PT_FORMAT_TSV)
			report_document_error(&err, false);
		req.lenient = lenient;
		req.source = pt_text(NULL, 0);
		if (source != NULL)
		{
			size_t		len;
			char	   *s = pg_ptarget_utf8(source, &len);

			req.source = pt_text(s, len);
		}
		req.only = shape;
		if (pt_document_read(utf8, utf8_len, &req, &alloc, &out->doc, &out->format, &delimited_err) != 0)
			report_document_error(&delimited_err, false);
	}
	read_rows(out);
}

/* The 1.1 functions: the document's bytes, in any format. */
static void
parse_bytes_document(bytea *document, text *source, bool lenient, parsed_document *out)
{
	pt_allocator alloc = {palloc_alloc, NULL};
	pt_read_request req = {0};
	pt_doc_error err;

	memset(out, 0, sizeof(*out));
	out->v1_1 = true;
	out->content = VARDATA_ANY(document);
	out->content_len = VARSIZE_ANY_EXHDR(document);
	req.lenient = lenient;
	req.only = PT_FORMAT_UNKNOWN;
	if (source != NULL)
	{
		size_t		len;
		char	   *s = pg_ptarget_utf8(source, &len);

		req.source = pt_text(s, len);
	}
	else
		req.source = pt_text(NULL, 0);
	if (pt_document_read(out->content, out->content_len, &req, &alloc, &out->doc, &out->format, &err) != 0)
		report_document_error(&err, true);
	read_rows(out);
}

/* ------------------------------------------------------------ result rows */

static Datum
maybe_text(pt_doc_text t, bool present, bool *isnull)
{
	*isnull = !present;
	return present ? text_datum(t) : (Datum) 0;
}

static const char *
part_name(const pt_doc_indicator *c, const pt_doc_project *p, pt_source_format format)
{
	if (format != PT_FORMAT_DOCX && format != PT_FORMAT_XLSX)
		return NULL;
	if (p->sheet.len > 0)
		return pg_ptarget_cstring(p->sheet.ptr, p->sheet.len);
	return psprintf("table %d", c->table);
}

/* The rows the functions return: one per indicator, then one per skipped part. */
static void
emit_rows(FunctionCallInfo fcinfo, const parsed_document *pd)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			ncols = pd->v1_1 ? N_COLS : N_COLS_1_0;
	const char *format = pt_format_name(pd->format);
	int			i;

	for (i = 0; i < pd->n_rows; i++)
	{
		const indicator_row *r = &pd->rows[i];
		const pt_doc_indicator *c = r->cells;
		const pt_doc_project *p = r->project;
		Datum		values[N_COLS];
		bool		nulls[N_COLS] = {0};

		values[COL_DEPT_CODE] = maybe_text(p->dept_code, p->dept_code.len > 0 || !pd->v1_1, &nulls[COL_DEPT_CODE]);
		values[COL_DEPT_NAME] = text_datum(p->dept_name);
		values[COL_PROJECT] = text_datum(p->name);
		values[COL_POSITION] = Int32GetDatum(c->position);
		values[COL_LEVEL1] = text_datum(c->level1);
		values[COL_LEVEL2] = text_datum(c->level2);
		values[COL_LEVEL3] = text_datum(c->level3);
		values[COL_DESCRIPTION] = text_datum(c->description);
		values[COL_VALUE_TEXT] = text_datum(c->value);
		values[COL_TARGET] = r->target;
		nulls[COL_TARGET] = (r->target == (Datum) 0);
		values[COL_NOTE] = r->note ? CStringGetTextDatum(r->note) : (Datum) 0;
		nulls[COL_NOTE] = (r->note == NULL);
		values[COL_LINE] = Int32GetDatum(c->line);
		nulls[COL_LINE] = pd->v1_1 && c->line == 0;
		if (pd->v1_1)
		{
			const char *part = part_name(c, p, pd->format);

			values[COL_YEAR] = Int32GetDatum(p->year);
			nulls[COL_YEAR] = p->year == 0;
			values[COL_LEVEL1_WEIGHT] = number_datum(c->level1_weight, &nulls[COL_LEVEL1_WEIGHT]);
			values[COL_LEVEL2_WEIGHT] = number_datum(c->level2_weight, &nulls[COL_LEVEL2_WEIGHT]);
			values[COL_DIRECTION] = maybe_text(c->direction, c->columns & PT_COL_DIRECTION, &nulls[COL_DIRECTION]);
			values[COL_UNIT_TEXT] = maybe_text(c->unit, c->columns & PT_COL_UNIT, &nulls[COL_UNIT_TEXT]);
			values[COL_WEIGHT] = number_datum(c->weight_value, &nulls[COL_WEIGHT]);
			values[COL_ACTUAL_TEXT] = maybe_text(c->actual, c->columns & PT_COL_ACTUAL, &nulls[COL_ACTUAL_TEXT]);
			values[COL_ACTUAL] = r->actual;
			nulls[COL_ACTUAL] = r->actual == (Datum) 0;
			values[COL_RECORDED_SCORE] = number_datum(c->score_value, &nulls[COL_RECORDED_SCORE]);
			values[COL_DEVIATION_REASON] = maybe_text(c->reason, c->columns & PT_COL_REASON, &nulls[COL_DEVIATION_REASON]);
			values[COL_SCORING_STANDARD] = maybe_text(c->standard, c->columns & PT_COL_STANDARD, &nulls[COL_SCORING_STANDARD]);
			values[COL_PERFORMANCE_STANDARD] = maybe_text(c->benchmark, c->columns & PT_COL_BENCHMARK,
														  &nulls[COL_PERFORMANCE_STANDARD]);
			values[COL_OTHER_CELLS] = maybe_text(c->extra, c->extra.len > 0, &nulls[COL_OTHER_CELLS]);
			values[COL_SOURCE_FORMAT] = CStringGetTextDatum(format);
			values[COL_SOURCE_PART] = part ? CStringGetTextDatum(part) : (Datum) 0;
			nulls[COL_SOURCE_PART] = part == NULL;
			values[COL_SOURCE_ROW] = Int32GetDatum(c->source_row);
			values[COL_EXTRACTED] = extracted_array(r, TupleDescAttr(rsinfo->setDesc, COL_EXTRACTED)->atttypid,
													&nulls[COL_EXTRACTED]);
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	for (i = 0; i < pd->doc.n_skipped; i++)
	{
		const pt_doc_skip *s = &pd->doc.skipped[i];
		Datum		values[N_COLS] = {0};
		bool		nulls[N_COLS];

		memset(nulls, true, sizeof(nulls));
		values[COL_PROJECT] = text_datum(s->title);
		nulls[COL_PROJECT] = (s->title.len == 0);
		values[COL_NOTE] = CStringGetTextDatum(pg_ptarget_message_text(psprintf("skipped: %s (%s)",
																		   doc_cstring(s->message),
																		   doc_cstring(s->hint))));
		nulls[COL_NOTE] = false;
		if (s->part.len == 0)
		{
			values[COL_LINE] = Int32GetDatum(s->line);
			nulls[COL_LINE] = false;
		}
		if (pd->v1_1)
		{
			values[COL_SOURCE_FORMAT] = CStringGetTextDatum(format);
			nulls[COL_SOURCE_FORMAT] = false;
			if (s->part.len > 0)
			{
				values[COL_SOURCE_PART] = text_datum(s->part);
				nulls[COL_SOURCE_PART] = false;
			}
			values[COL_SOURCE_ROW] = Int32GetDatum(s->line);
			nulls[COL_SOURCE_ROW] = s->line == 0;
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	(void) ncols;
}

PG_FUNCTION_INFO_V1(ptarget_parse_document);
Datum
ptarget_parse_document(PG_FUNCTION_ARGS)
{
	parsed_document pd;

	InitMaterializedSRF(fcinfo, 0);
	parse_text_document(PG_GETARG_TEXT_PP(0), NULL, PG_GETARG_BOOL(1), &pd);
	emit_rows(fcinfo, &pd);
	return (Datum) 0;
}

/* ptarget_parse_document(document bytea, source text, lenient bool) */
PG_FUNCTION_INFO_V1(ptarget_parse_document_bytes);
Datum
ptarget_parse_document_bytes(PG_FUNCTION_ARGS)
{
	parsed_document pd;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	parse_bytes_document(PG_GETARG_BYTEA_PP(0), PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1),
						 !PG_ARGISNULL(2) && PG_GETARG_BOOL(2), &pd);
	emit_rows(fcinfo, &pd);
	return (Datum) 0;
}

/* ---------------------------------------------------------------- import */

/* A column of values for unnest(): Datums gathered, one array at the end. */
typedef struct column
{
	Oid			type;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *values;
	bool	   *nulls;
	int			n;
} column;

static void
column_init(column *c, Oid type, int capacity)
{
	c->type = type;
	get_typlenbyvalalign(type, &c->typlen, &c->typbyval, &c->typalign);
	c->values = palloc_array(Datum, Max(capacity, 1));
	c->nulls = palloc_array(bool, Max(capacity, 1));
	c->n = 0;
}

static void
column_add(column *c, Datum value, bool isnull)
{
	c->values[c->n] = value;
	c->nulls[c->n] = isnull;
	c->n++;
}

static Datum
column_array(column *c)
{
	int			dims[1] = {c->n};
	int			lbs[1] = {1};

	return PointerGetDatum(construct_md_array(c->values, c->nulls, 1, dims, lbs, c->type,
											  c->typlen, c->typbyval, c->typalign));
}

static int64
upsert_document(const import_names *n, const parsed_document *pd, text *source, const int counts[5])
{
	Oid			types[9] = {TEXTOID, BYTEAOID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, TEXTOID};
	Datum		values[9];
	char		nulls[9] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
	bytea	   *content = palloc(VARHDRSZ + pd->content_len);
	bool		isnull;
	int			rc;

	SET_VARSIZE(content, VARHDRSZ + pd->content_len);
	memcpy(VARDATA(content), pd->content, pd->content_len);
	values[0] = PointerGetDatum(source);
	nulls[0] = source ? ' ' : 'n';
	values[1] = PointerGetDatum(content);
	values[2] = Int32GetDatum(pd->doc.n_projects);
	values[3] = Int32GetDatum(pd->n_rows);
	values[4] = Int32GetDatum(counts[PT_KIND_QUANTITY]);
	values[5] = Int32GetDatum(counts[PT_KIND_DATE]);
	values[6] = Int32GetDatum(counts[PT_KIND_LABEL]);
	values[7] = Int32GetDatum(counts[0]);	/* values that are no target */
	values[8] = CStringGetTextDatum(pt_format_name(pd->format));
	rc = SPI_execute_with_args(psprintf(
										"INSERT INTO %s.ptarget_document AS d (source, content_sha256, projects,"
										" indicators, quantities, dates, labels, unparsed, format)"
										" VALUES ($1, pg_catalog.encode(pg_catalog.sha256($2), 'hex'), $3, $4, $5, $6, $7, $8, $9)"
										" ON CONFLICT (content_sha256) DO UPDATE SET imported_at = pg_catalog.now(),"
										" source = COALESCE(EXCLUDED.source, d.source), format = EXCLUDED.format"
										" RETURNING id", n->schema),
							   9, types, values, nulls, false, 0);
	if (rc != SPI_OK_INSERT_RETURNING || SPI_processed != 1)
		elog(ERROR, "ptarget import: could not record the document");
	return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
}

/* Ids of upserted projects, found again by their identity. */
typedef struct project_id_entry
{
	uint64		key;			/* project_key() */
	int64		id;
} project_id_entry;

#define PROJECT_COLUMNS 16

/*
 * Inserts or updates the document's projects — those with a department code
 * (coded = true) or those without — in one statement, and records their ids
 * in ids[] by document order.  (A document names each project once —
 * check_unique_projects — so no row is upserted twice.)
 */
static void
upsert_projects(const import_names *n, const parsed_document *pd, int64 document_id, bool coded,
				int64 *ids)
{
	const pt_document *doc = &pd->doc;
	column		cols[PROJECT_COLUMNS];
	Oid			elem[PROJECT_COLUMNS] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, NUMERICOID,
		NUMERICOID, NUMERICOID, TEXTOID, TEXTOID, INT4OID, INT4OID, TEXTOID, TEXTOID, INT4OID};
	Oid			types[PROJECT_COLUMNS + 1];
	Datum		values[PROJECT_COLUMNS + 1];
	HASHCTL		ctl = {0};
	HTAB	   *by_key;
	uint64		r;
	int			i,
				k,
				count = 0;

	for (k = 0; k < PROJECT_COLUMNS; k++)
		column_init(&cols[k], elem[k], doc->n_projects);
	for (i = 0; i < doc->n_projects; i++)
	{
		const pt_doc_project *p = &doc->projects[i];
		Datum		v[PROJECT_COLUMNS];
		bool		isnull[PROJECT_COLUMNS] = {0};
		const char *part = NULL;

		if (has_code(p) != coded)
			continue;
		count++;
		if (pd->format == PT_FORMAT_DOCX || pd->format == PT_FORMAT_XLSX)
			part = p->sheet.len > 0 ? pg_ptarget_cstring(p->sheet.ptr, p->sheet.len)
				: psprintf("table %d", p->table);
		v[0] = coded ? text_datum(p->dept_code) : (Datum) 0;
		isnull[0] = !coded;
		v[1] = text_datum(p->dept_name);
		v[2] = text_datum(p->name);
		v[3] = text_datum(p->title);
		v[4] = text_datum(p->ordinal);
		v[5] = text_datum(p->budget_unit);
		v[6] = number_datum(p->budget_total, &isnull[6]);
		v[7] = number_datum(p->fiscal_funds, &isnull[7]);
		v[8] = number_datum(p->other_funds, &isnull[8]);
		v[9] = text_datum(p->purpose);
		v[10] = text_datum(p->goals);
		v[11] = Int32GetDatum(p->first_line);
		v[12] = Int32GetDatum(p->year);
		isnull[12] = p->year == 0;
		v[13] = part ? CStringGetTextDatum(part) : (Datum) 0;
		isnull[13] = part == NULL;
		v[14] = text_datum(p->extra);
		isnull[14] = p->extra.len == 0;
		v[15] = Int32GetDatum(i);
		for (k = 0; k < PROJECT_COLUMNS; k++)
			column_add(&cols[k], v[k], isnull[k]);
	}
	if (count == 0)
		return;
	for (k = 0; k < PROJECT_COLUMNS; k++)
	{
		types[k] = get_array_type(elem[k]);
		values[k] = column_array(&cols[k]);
	}
	types[PROJECT_COLUMNS] = INT8OID;
	values[PROJECT_COLUMNS] = Int64GetDatum(document_id);
	if (SPI_execute_with_args(psprintf(
									   "INSERT INTO %s.ptarget_project AS p (department_code, department_name, name,"
									   " title, ordinal, budget_unit, budget_total, fiscal_funds, other_funds,"
									   " purpose, goals, title_line, year, source_part, other_cells, document_id)"
									   " SELECT c, dn, nm, t, o, u, bt, ff, of, pu, g, tl, y, sp, oc, $17"
									   " FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
									   " AS i(c, dn, nm, t, o, u, bt, ff, of, pu, g, tl, y, sp, oc)"
									   " ON CONFLICT %s DO UPDATE SET"
									   " department_name = EXCLUDED.department_name, title = EXCLUDED.title,"
									   " ordinal = EXCLUDED.ordinal, budget_unit = EXCLUDED.budget_unit,"
									   " budget_total = EXCLUDED.budget_total, fiscal_funds = EXCLUDED.fiscal_funds,"
									   " other_funds = EXCLUDED.other_funds, purpose = EXCLUDED.purpose,"
									   " goals = EXCLUDED.goals, title_line = EXCLUDED.title_line,"
									   " year = EXCLUDED.year, source_part = EXCLUDED.source_part,"
									   " other_cells = EXCLUDED.other_cells, document_id = EXCLUDED.document_id"
									   " RETURNING id, department_code, department_name, name, year", n->schema,
									   coded ? "(department_code, name)"
									   : "(department_name, name, year) WHERE department_code IS NULL"),
							  PROJECT_COLUMNS + 1, types, values, NULL, false, 0) != SPI_OK_INSERT_RETURNING ||
		SPI_processed != (uint64) count)
		elog(ERROR, "ptarget import: could not record the projects");

	/* RETURNING promises no order: match the rows back by identity */
	ctl.keysize = sizeof(uint64);
	ctl.entrysize = sizeof(project_id_entry);
	by_key = hash_create("ptarget project ids", Max(count, 16), &ctl, HASH_ELEM | HASH_BLOBS);
	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		pt_doc_project key_of = {0};
		bool		isnull;
		char	   *s;
		project_id_entry *e;
		uint64		key;

		/* the identity as the core sees it: UTF-8 texts */
		s = SPI_getvalue(tuple, desc, 2);
		s = s ? (char *) pg_do_encoding_conversion((unsigned char *) s, (int) strlen(s),
												   GetDatabaseEncoding(), PG_UTF8) : "";
		key_of.dept_code = pt_text(s, strlen(s));
		s = SPI_getvalue(tuple, desc, 3);
		s = (char *) pg_do_encoding_conversion((unsigned char *) s, (int) strlen(s), GetDatabaseEncoding(), PG_UTF8);
		key_of.dept_name = pt_text(s, strlen(s));
		s = SPI_getvalue(tuple, desc, 4);
		s = (char *) pg_do_encoding_conversion((unsigned char *) s, (int) strlen(s), GetDatabaseEncoding(), PG_UTF8);
		key_of.name = pt_text(s, strlen(s));
		key_of.year = DatumGetInt32(SPI_getbinval(tuple, desc, 5, &isnull));
		if (isnull)
			key_of.year = 0;
		key = project_key(&key_of);
		e = hash_search(by_key, &key, HASH_ENTER, NULL);
		e->id = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
	}
	for (i = 0; i < doc->n_projects; i++)
	{
		uint64		key;
		project_id_entry *e;

		if (has_code(&doc->projects[i]) != coded)
			continue;
		key = project_key(&doc->projects[i]);
		e = hash_search(by_key, &key, HASH_FIND, NULL);
		if (e == NULL)
			elog(ERROR, "ptarget import: project \"%s\" was not recorded", project_title(&doc->projects[i]));
		ids[i] = e->id;
	}
	hash_destroy(by_key);
}

/* Deletes the indicators of the document's projects (they are replaced). */
static void
delete_indicators(const import_names *n, const parsed_document *pd, const int64 *project_ids)
{
	column		projects;
	int			i;

	column_init(&projects, INT8OID, pd->doc.n_projects);
	for (i = 0; i < pd->doc.n_projects; i++)
		column_add(&projects, Int64GetDatum(project_ids[i]), false);
	if (SPI_execute_with_args(psprintf("DELETE FROM %s.ptarget_indicator"
									   " WHERE project_id OPERATOR(pg_catalog.=) ANY ($1)", n->schema),
							  1, (Oid[]) {INT8ARRAYOID},
							  (Datum[]) {column_array(&projects)}, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "ptarget import: could not replace indicators");
}

#define INDICATOR_COLUMNS 26

/*
 * Is t the import's own foreign key, ptarget_indicator(project_id) →
 * ptarget_project(id)?
 */
static bool
is_project_foreign_key(Oid constraint, Oid relid, Oid project_relid)
{
	HeapTuple	tuple = SearchSysCache1(CONSTROID, ObjectIdGetDatum(constraint));
	Form_pg_constraint con;
	bool		isnull;
	bool		ours = false;

	if (!HeapTupleIsValid(tuple))
		return false;
	con = (Form_pg_constraint) GETSTRUCT(tuple);
	if (con->contype == CONSTRAINT_FOREIGN && con->conrelid == relid && con->confrelid == project_relid)
	{
		ArrayType  *conkey = DatumGetArrayTypeP(SysCacheGetAttr(CONSTROID, tuple, Anum_pg_constraint_conkey, &isnull));
		ArrayType  *confkey = DatumGetArrayTypeP(SysCacheGetAttr(CONSTROID, tuple, Anum_pg_constraint_confkey, &isnull));

		/* one-column keys, without NULLs (the catalog writes none) */
		ours = ARR_NDIM(conkey) == 1 && ARR_DIMS(conkey)[0] == 1 && !ARR_HASNULL(conkey) &&
			ARR_NDIM(confkey) == 1 && ARR_DIMS(confkey)[0] == 1 && !ARR_HASNULL(confkey) &&
			((int16 *) ((char *) conkey + ARR_OVERHEAD_NONULLS(1)))[0] == get_attnum(relid, "project_id") &&
			((int16 *) ((char *) confkey + ARR_OVERHEAD_NONULLS(1)))[0] == get_attnum(project_relid, "id");
	}
	ReleaseSysCache(tuple);
	return ours;
}

/*
 * The per-row check of the import's own foreign key is redundant: every
 * project_id written is the id of a project row this import inserted or
 * updated moments before, in this transaction (ids from its RETURNING), so
 * the row exists and stays locked until commit.  When that key's triggers
 * are the table's only row triggers, the inserts fire none (COPY-like speed:
 * the check was a fifth of the import's time); any other (a foreign key a
 * user added) keeps every trigger firing.
 */
static bool
only_project_foreign_key(const TriggerDesc *td, Oid relid, Oid project_relid)
{
	int			i;

	if (td == NULL)
		return true;
	if (!OidIsValid(project_relid))
		return false;
	for (i = 0; i < td->numtriggers; i++)
	{
		const Trigger *t = &td->triggers[i];

		if (!t->tgisinternal || !OidIsValid(t->tgconstraint) ||
			!is_project_foreign_key(t->tgconstraint, relid, project_relid))
			return false;
	}
	return true;
}

/*
 * Inserts rows [from, to) into ptarget_indicator the way COPY does: one
 * executor state, the table's indexes, constraints and (foreign key)
 * triggers, with the caller's INSERT right checked as for an INSERT
 * statement; no SQL statement, no arrays.  The table has the import's shape
 * (import_prepare_tables checked it): its columns, dropped ones aside, are in
 * the order below.  row_project[i] is the id of row i's project.
 */
static void
insert_indicators(const import_names *n, const parsed_document *pd, const int64 *row_project,
				  int from, int to)
{
	Oid			relid = get_relname_relid("ptarget_indicator", n->schema_oid);
	RangeTblEntry *rte;
	EState	   *estate;
	ResultRelInfo *rri;
	Relation	rel;
	TupleDesc	desc;
	TupleTableSlot *slot;
	BulkInsertState bistate;
	CommandId	cid;
	int			attnum[INDICATOR_COLUMNS];
	int			i,
				k,
				a;

	if (!OidIsValid(relid))
		elog(ERROR, "ptarget import: %s.ptarget_indicator disappeared", n->schema_name);
	rte = makeNode(RangeTblEntry);
	rte->rtekind = RTE_RELATION;
	rte->relid = relid;
	rte->relkind = RELKIND_RELATION;
	rte->rellockmode = RowExclusiveLock;
	rte->requiredPerms = ACL_INSERT;
	estate = CreateExecutorState();
	ExecInitRangeTable(estate, list_make1(rte));
	rri = makeNode(ResultRelInfo);
	ExecInitResultRelation(estate, rri, 1);
	rel = rri->ri_RelationDesc;
	desc = RelationGetDescr(rel);

	/* the shape's columns in the table, and the rights an INSERT of them needs */
	k = 0;
	for (a = 0; a < desc->natts; a++)
	{
		if (TupleDescAttr(desc, a)->attisdropped)
			continue;
		if (k >= INDICATOR_COLUMNS)
			elog(ERROR, "ptarget import: %s.ptarget_indicator has more columns than it should",
				 n->schema_name);
		attnum[k++] = a;
		rte->insertedCols = bms_add_member(rte->insertedCols, a + 1 - FirstLowInvalidHeapAttributeNumber);
	}
	if (k != INDICATOR_COLUMNS)
		elog(ERROR, "ptarget import: %s.ptarget_indicator has fewer columns than it should", n->schema_name);
	ExecCheckRTPerms(list_make1(rte), true);
	CheckValidResultRel(rri, CMD_INSERT);
	ExecOpenIndices(rri, false);
	if (only_project_foreign_key(rri->ri_TrigDesc, relid,
								 get_relname_relid("ptarget_project", n->schema_oid)))
		rri->ri_TrigDesc = NULL;

	estate->es_snapshot = GetActiveSnapshot();
	cid = GetCurrentCommandId(true);
	estate->es_output_cid = cid;
	slot = table_slot_create(rel, &estate->es_tupleTable);
	bistate = GetBulkInsertState();
	AfterTriggerBeginQuery();

	for (i = from; i < to; i++)
	{
		const indicator_row *r = &pd->rows[i];
		const pt_doc_indicator *c = r->cells;
		const char *part;
		Datum		v[INDICATOR_COLUMNS];
		bool		isnull[INDICATOR_COLUMNS] = {0};
		MemoryContext old = MemoryContextSwitchTo(GetPerTupleMemoryContext(estate));
		List	   *recheck;

		CHECK_FOR_INTERRUPTS();
		part = part_name(c, r->project, pd->format);
		v[0] = Int64GetDatum(row_project[i]);
		v[1] = Int32GetDatum(c->position);
		v[2] = text_datum(c->level1);
		v[3] = text_datum(c->level1_written);
		v[4] = text_datum(c->level2);
		v[5] = text_datum(c->level3);
		v[6] = text_datum(c->description);
		v[7] = text_datum(c->value);
		v[8] = r->target;
		isnull[8] = r->target == (Datum) 0;
		v[9] = r->note ? CStringGetTextDatum(r->note) : (Datum) 0;
		isnull[9] = r->note == NULL;
		v[10] = Int32GetDatum(c->line);
		v[11] = number_datum(c->level1_weight, &isnull[11]);
		v[12] = number_datum(c->level2_weight, &isnull[12]);
		v[13] = maybe_text(c->direction, c->columns & PT_COL_DIRECTION, &isnull[13]);
		v[14] = maybe_text(c->unit, c->columns & PT_COL_UNIT, &isnull[14]);
		v[15] = number_datum(c->weight_value, &isnull[15]);
		v[16] = maybe_text(c->actual, c->columns & PT_COL_ACTUAL, &isnull[16]);
		v[17] = r->actual;
		isnull[17] = r->actual == (Datum) 0;
		v[18] = number_datum(c->score_value, &isnull[18]);
		v[19] = maybe_text(c->reason, c->columns & PT_COL_REASON, &isnull[19]);
		v[20] = maybe_text(c->standard, c->columns & PT_COL_STANDARD, &isnull[20]);
		v[21] = maybe_text(c->benchmark, c->columns & PT_COL_BENCHMARK, &isnull[21]);
		v[22] = maybe_text(c->extra, c->extra.len > 0, &isnull[22]);
		v[23] = part ? CStringGetTextDatum(part) : (Datum) 0;
		isnull[23] = part == NULL;
		v[24] = Int32GetDatum(c->source_row);
		v[25] = extracted_array(r, TupleDescAttr(desc, attnum[25])->atttypid, &isnull[25]);

		ExecClearTuple(slot);
		for (a = 0; a < desc->natts; a++)
		{
			slot->tts_values[a] = (Datum) 0;
			slot->tts_isnull[a] = true;
		}
		for (k = 0; k < INDICATOR_COLUMNS; k++)
		{
			slot->tts_values[attnum[k]] = v[k];
			slot->tts_isnull[attnum[k]] = isnull[k];
		}
		ExecStoreVirtualTuple(slot);
		if (rel->rd_att->constr)
			ExecConstraints(rri, slot, estate);
		table_tuple_insert(rel, slot, cid, 0, bistate);
		recheck = ExecInsertIndexTuples(rri, slot, estate, false, false, NULL, NIL);
		ExecARInsertTriggers(estate, rri, slot, recheck, NULL);
		list_free(recheck);
		MemoryContextSwitchTo(old);
		ResetPerTupleExprContext(estate);
	}

	FreeBulkInsertState(bistate);
	AfterTriggerEndQuery(estate);		/* the foreign key checks */
	ExecResetTupleTable(estate->es_tupleTable, false);
	ExecCloseResultRelations(estate);
	ExecCloseRangeTableRelations(estate);
	FreeExecutorState(estate);
	CommandCounterIncrement();
}

/*
 * Runs insert_indicators(from, to) in a subtransaction.  On an error that a
 * row's data may have caused, rolls it back and returns the error; errors
 * that must stop the import (cancel, shutdown, out of resources) go on.
 */
static ErrorData *
try_insert_indicators(const import_names *n, const parsed_document *pd, const int64 *row_project,
					  int from, int to)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	ErrorData  *volatile error = NULL;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		insert_indicators(n, pd, row_project, from, to);
		ReleaseCurrentSubTransaction();
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(cxt);
		error = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		if (error->sqlerrcode == ERRCODE_QUERY_CANCELED ||
			ERRCODE_TO_CATEGORY(error->sqlerrcode) == ERRCODE_OPERATOR_INTERVENTION ||
			ERRCODE_TO_CATEGORY(error->sqlerrcode) == ERRCODE_INSUFFICIENT_RESOURCES)
			ReThrowError(error);
	}
	PG_END_TRY();
	MemoryContextSwitchTo(cxt);
	CurrentResourceOwner = owner;
	return error;
}

/* Where a row is, for messages: "line 34" or "table 2, row 5". */
static char *
row_place(const indicator_row *r, pt_source_format format)
{
	const char *part = part_name(r->cells, r->project, format);

	if (part != NULL)
		return r->project->sheet.len > 0
			? psprintf(pg_ptarget_gettext("the indicator in sheet \"%s\", row %d"), part, r->cells->source_row)
			: psprintf(pg_ptarget_gettext("the indicator in %s, row %d"), part, r->cells->source_row);
	return psprintf(pg_ptarget_gettext("the indicator at line %d"), r->cells->line > 0 ? r->cells->line : r->cells->source_row);
}

/*
 * Inserts the document's indicators, all in one statement.  Should that
 * fail, finds the row that fails alone and names its line and project; in
 * lenient mode such a row is stored without a target, with the error as its
 * note (its cells are kept), and the function returns true.
 */
static bool
store_indicators(const import_names *n, parsed_document *pd, const int64 *project_ids, bool lenient)
{
	int64	   *row_project = palloc_array(int64, Max(pd->n_rows, 1));
	bool		demoted = false;
	int			i;

	for (i = 0; i < pd->n_rows; i++)
		row_project[i] = project_ids[pd->rows[i].project_index];
	if (try_insert_indicators(n, pd, row_project, 0, pd->n_rows) == NULL)
		return false;

	for (i = 0; i < pd->n_rows; i++)
	{
		indicator_row *r = &pd->rows[i];
		ErrorData  *error = try_insert_indicators(n, pd, row_project, i, i + 1);

		if (error == NULL)
			continue;
		if (!lenient || (r->target == (Datum) 0 && r->actual == (Datum) 0))
		{
			error->context = psprintf(pg_ptarget_gettext("ptarget_import: %s (project %s)%s%s"),
									  row_place(r, pd->format), project_title(r->project),
									  error->context ? "\n" : "", error->context ? error->context : "");
			ReThrowError(error);
		}
		r->target = (Datum) 0;
		r->actual = (Datum) 0;
		r->note = psprintf("not stored as a target, kept as text: %s", error->message);
		insert_indicators(n, pd, row_project, i, i + 1);
		demoted = true;
	}
	return demoted;
}

/* The per-kind counts of the document's values (index 0: no target). */
static void
count_kinds(const parsed_document *pd, int counts[5])
{
	int			i;

	memset(counts, 0, sizeof(int) * 5);
	for (i = 0; i < pd->n_rows; i++)
		counts[pd->rows[i].target ? pd->rows[i].kind : 0]++;
}

/* After lenient mode demoted rows, the document's counts say so. */
static void
recount_document(const import_names *n, int64 document_id, const int counts[5])
{
	if (SPI_execute_with_args(psprintf("UPDATE %s.ptarget_document SET quantities = $2, dates = $3,"
									   " labels = $4, unparsed = $5 WHERE id OPERATOR(pg_catalog.=) $1",
									   n->schema),
							  5, (Oid[]) {INT8OID, INT4OID, INT4OID, INT4OID, INT4OID},
							  (Datum[]) {Int64GetDatum(document_id), Int32GetDatum(counts[PT_KIND_QUANTITY]),
		Int32GetDatum(counts[PT_KIND_DATE]), Int32GetDatum(counts[PT_KIND_LABEL]),
	Int32GetDatum(counts[0])}, NULL, false, 0) != SPI_OK_UPDATE)
		elog(ERROR, "ptarget import: could not record the document's counts");
}

/* Both import functions once the document is read. */
static void
import_document(FunctionCallInfo fcinfo, parsed_document *pd, const import_names *names,
				text *source, bool lenient)
{
	int			counts[5];
	int64		document_id;
	int64	   *project_ids;
	int			nest_level;

	count_kinds(pd, counts);

	/* everything below resolves only in pg_catalog or by qualified name (the
	 * multi-array unnest must be written unqualified: it is syntax) */
	nest_level = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "ptarget import: SPI_connect failed");

	/* imports into one schema run one at a time: no duplicate, no deadlock */
	DirectFunctionCall1(pg_advisory_xact_lock_int8,
						Int64GetDatum((int64) hash_bytes_extended((const unsigned char *) names->schema,
																  (int) strlen(names->schema),
																  0x70746172)));
	import_prepare_tables(names);
	document_id = upsert_document(names, pd, source, counts);
	project_ids = palloc0_array(int64, Max(pd->doc.n_projects, 1));
	upsert_projects(names, pd, document_id, true, project_ids);
	upsert_projects(names, pd, document_id, false, project_ids);
	delete_indicators(names, pd, project_ids);
	if (store_indicators(names, pd, project_ids, lenient))
	{
		count_kinds(pd, counts);
		recount_document(names, document_id, counts);
	}

	SPI_finish();
	AtEOXact_GUC(true, nest_level);
	emit_rows(fcinfo, pd);
}

static void
refuse_null_document(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("the document to import is NULL"),
			 errhint("Pass the document's text, e.g. pg_read_file('…') or psql's :'doc'.")));
}

PG_FUNCTION_INFO_V1(ptarget_import);
Datum
ptarget_import(PG_FUNCTION_ARGS)
{
	parsed_document pd;
	import_names names;
	bool		lenient = !PG_ARGISNULL(3) && PG_GETARG_BOOL(3);

	if (PG_ARGISNULL(0))
		refuse_null_document();
	InitMaterializedSRF(fcinfo, 0);
	import_resolve_names(fcinfo, COL_TARGET, PG_ARGISNULL(2) ? NULL : PG_GETARG_NAME(2), &names);
	parse_text_document(PG_GETARG_TEXT_PP(0), PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1), lenient, &pd);
	import_document(fcinfo, &pd, &names, PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1), lenient);
	return (Datum) 0;
}

/* ptarget_import(document bytea, source text, schema name, lenient bool) */
PG_FUNCTION_INFO_V1(ptarget_import_bytes);
Datum
ptarget_import_bytes(PG_FUNCTION_ARGS)
{
	parsed_document pd;
	import_names names;
	bool		lenient = !PG_ARGISNULL(3) && PG_GETARG_BOOL(3);
	text	   *source = PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1);

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the document to import is NULL"),
				 errhint("Pass the file's bytes, e.g. pg_read_binary_file('…'), or psql's "
						 "decode(:'doc', 'base64').")));
	InitMaterializedSRF(fcinfo, 0);
	import_resolve_names(fcinfo, COL_TARGET, PG_ARGISNULL(2) ? NULL : PG_GETARG_NAME(2), &names);
	parse_bytes_document(PG_GETARG_BYTEA_PP(0), source, lenient, &pd);
	import_document(fcinfo, &pd, &names, source, lenient);
	return (Datum) 0;
}
