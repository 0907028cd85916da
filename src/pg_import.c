/*
 * pg_import.c — reading whole performance target documents (绩效目标表).
 *
 *   ptarget_parse_document(document, lenient)  rows, no side effects
 *   ptarget_import(document, source, schema, lenient)  the same rows, loaded
 *
 * The plain-C parser (pt_document.c) finds projects and cells; this file
 * parses each 指标值 cell as a ptarget and, for an import, writes ordinary
 * user tables with SPI (pg_import_tables.c decides which tables are safe to
 * write and creates them).  The import runs with the caller's rights, under
 * search_path = pg_catalog, with every name it builds quoted and
 * schema-qualified.
 */
#include "pg_import.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/resowner.h"

#include "pt_document.h"

/* Columns of the rows both functions return (see ptarget--1.0.sql). */
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
	N_COLS
};

/* One parsed indicator: the document's cells plus the value read as a target. */
typedef struct indicator_row
{
	const pt_doc_project *project;
	const pt_doc_indicator *cells;
	Datum		target;			/* ptarget, or 0 when the value is not one */
	pt_kind		kind;
	char	   *note;			/* NULL when the value needed none */
} indicator_row;

typedef struct parsed_document
{
	pt_document doc;
	indicator_row *rows;
	int			n_rows;
	char	   *utf8;			/* the document in UTF-8 (rows point into it) */
	size_t		utf8_len;
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

/* Reads one 指标值 cell: a ptarget, or a note saying why it is none. */
static void
read_value(indicator_row *row)
{
	pt_doc_text v = row->cells->value;
	char	   *scratch = palloc(pt_parse_scratch_size(v.len));
	pt_target	t;
	pt_error	err;

	if (pt_parse(v.ptr, v.len, &t, scratch, &err) != PT_OK)
	{
		row->note = psprintf("not a valid target, kept as text: %s", pg_ptarget_message_text(err.message));
		return;
	}
	row->target = pg_ptarget_datum(&t);
	row->kind = t.kind;
	if (t.kind == PT_KIND_LABEL && pt_label_needs_quotes(t.label, t.label_len))
		row->note = pstrdup("read as a label: the text contains digits but is not a target");
}

static void
report_document_error(const pt_doc_error *err)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 err->line > 0
			 ? errmsg("invalid performance target document at line %d%s%s%s", err->line,
					  err->project_title[0] ? " (project " : "",
					  err->project_title[0] ? pg_ptarget_quote_utf8(err->project_title, strlen(err->project_title)) : "",
					  err->project_title[0] ? ")" : "")
			 : errmsg("invalid performance target document"),
			 errdetail("%s", pg_ptarget_message_text(err->message)),
			 errhint("%s", pg_ptarget_message_text(err->hint))));
}

/* Within one document a project may appear once: it is identified by code and name. */
typedef struct seen_project
{
	uint64		key;			/* hash of department code and name */
	int			index;			/* first project with that hash */
} seen_project;

static bool
same_project(const pt_doc_project *a, const pt_doc_project *b)
{
	return a->name.len == b->name.len && memcmp(a->name.ptr, b->name.ptr, a->name.len) == 0 &&
		a->dept_code.len == b->dept_code.len &&
		memcmp(a->dept_code.ptr, b->dept_code.ptr, a->dept_code.len) == 0;
}

static void
check_unique_projects(const pt_document *doc)
{
	HASHCTL		ctl = {0};
	HTAB	   *seen;
	int			i;

	ctl.keysize = sizeof(uint64);
	ctl.entrysize = sizeof(seen_project);
	seen = hash_create("ptarget projects", Max(doc->n_projects, 16), &ctl, HASH_ELEM | HASH_BLOBS);
	for (i = 0; i < doc->n_projects; i++)
	{
		const pt_doc_project *p = &doc->projects[i];
		uint64		key = hash_bytes_extended((const unsigned char *) p->name.ptr, (int) p->name.len,
											  hash_bytes((const unsigned char *) p->dept_code.ptr,
														 (int) p->dept_code.len));
		bool		found;
		seen_project *entry = hash_search(seen, &key, HASH_ENTER, &found);

		if (!found)
			entry->index = i;
		else if (same_project(&doc->projects[entry->index], p))	/* not a hash collision */
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid performance target document at line %d (project %s)",
							p->first_line, pg_ptarget_quote_utf8(p->title.ptr, p->title.len)),
					 errdetail("The project %s %s already appears at line %d.",
							   pg_ptarget_message_text(doc_cstring(p->dept_code)),
							   pg_ptarget_quote_utf8(p->name.ptr, p->name.len),
							   doc->projects[entry->index].first_line),
					 errhint("A document lists each project once; split it into two documents.")));
	}
	hash_destroy(seen);
}

static void
parse_document(text *document, bool lenient, parsed_document *out)
{
	char	   *server = text_to_cstring(document);
	size_t		len = strlen(server);
	pt_allocator alloc = {palloc_alloc, NULL};
	pt_doc_error err;
	int			i,
				j,
				n = 0;

	memset(out, 0, sizeof(*out));
	out->utf8 = (char *) pg_do_encoding_conversion((unsigned char *) server, (int) len,
												   GetDatabaseEncoding(), PG_UTF8);
	out->utf8_len = (out->utf8 == server) ? len : strlen(out->utf8);
	if (pt_document_parse(out->utf8, out->utf8_len, lenient, &alloc, &out->doc, &err) != 0)
		report_document_error(&err);
	check_unique_projects(&out->doc);

	for (i = 0; i < out->doc.n_projects; i++)
		n += out->doc.projects[i].n_indicators;
	out->rows = palloc0_array(indicator_row, Max(n, 1));
	for (i = 0; i < out->doc.n_projects; i++)
	{
		const pt_doc_project *p = &out->doc.projects[i];

		for (j = 0; j < p->n_indicators; j++)
		{
			indicator_row *row = &out->rows[out->n_rows++];

			CHECK_FOR_INTERRUPTS();
			row->project = p;
			row->cells = &p->indicators[j];
			read_value(row);
		}
	}
}

/* The rows both functions return: one per indicator, then one per skipped part. */
static void
emit_rows(FunctionCallInfo fcinfo, const parsed_document *pd)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	for (i = 0; i < pd->n_rows; i++)
	{
		const indicator_row *r = &pd->rows[i];
		Datum		values[N_COLS];
		bool		nulls[N_COLS] = {0};

		values[COL_DEPT_CODE] = text_datum(r->project->dept_code);
		values[COL_DEPT_NAME] = text_datum(r->project->dept_name);
		values[COL_PROJECT] = text_datum(r->project->name);
		values[COL_POSITION] = Int32GetDatum(r->cells->position);
		values[COL_LEVEL1] = text_datum(r->cells->level1);
		values[COL_LEVEL2] = text_datum(r->cells->level2);
		values[COL_LEVEL3] = text_datum(r->cells->level3);
		values[COL_DESCRIPTION] = text_datum(r->cells->description);
		values[COL_VALUE_TEXT] = text_datum(r->cells->value);
		values[COL_TARGET] = r->target;
		nulls[COL_TARGET] = (r->target == (Datum) 0);
		values[COL_NOTE] = r->note ? CStringGetTextDatum(r->note) : (Datum) 0;
		nulls[COL_NOTE] = (r->note == NULL);
		values[COL_LINE] = Int32GetDatum(r->cells->line);
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
		values[COL_LINE] = Int32GetDatum(s->line);
		nulls[COL_LINE] = false;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

PG_FUNCTION_INFO_V1(ptarget_parse_document);
Datum
ptarget_parse_document(PG_FUNCTION_ARGS)
{
	parsed_document pd;

	InitMaterializedSRF(fcinfo, 0);
	parse_document(PG_GETARG_TEXT_PP(0), PG_GETARG_BOOL(1), &pd);
	emit_rows(fcinfo, &pd);
	return (Datum) 0;
}

/* ---------------------------------------------------------------- import */

/* Appends one element to an array under construction. */
static ArrayBuildState *
add(ArrayBuildState *a, Datum value, bool isnull, Oid type)
{
	return accumArrayResult(a, value, isnull, type, CurrentMemoryContext);
}

static Datum
finish_array(ArrayBuildState *a, Oid type)
{
	if (a == NULL)
		return PointerGetDatum(construct_empty_array(type));
	return makeArrayResult(a, CurrentMemoryContext);
}

/* numeric of an amount cell, or NULL when the cell is empty */
static Datum
amount_datum(pt_doc_text t, bool *isnull)
{
	*isnull = (t.len == 0);
	if (*isnull)
		return (Datum) 0;
	return DirectFunctionCall3(numeric_in, CStringGetDatum(doc_cstring(t)),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

static int64
upsert_document(const import_names *n, const parsed_document *pd, text *source, const int counts[5])
{
	Oid			types[8] = {TEXTOID, BYTEAOID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID};
	Datum		values[8];
	char		nulls[8] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
	bytea	   *content = palloc(VARHDRSZ + pd->utf8_len);
	bool		isnull;
	int			rc;

	SET_VARSIZE(content, VARHDRSZ + pd->utf8_len);
	memcpy(VARDATA(content), pd->utf8, pd->utf8_len);
	values[0] = PointerGetDatum(source);
	nulls[0] = source ? ' ' : 'n';
	values[1] = PointerGetDatum(content);
	values[2] = Int32GetDatum(pd->doc.n_projects);
	values[3] = Int32GetDatum(pd->n_rows);
	values[4] = Int32GetDatum(counts[PT_KIND_QUANTITY]);
	values[5] = Int32GetDatum(counts[PT_KIND_DATE]);
	values[6] = Int32GetDatum(counts[PT_KIND_LABEL]);
	values[7] = Int32GetDatum(counts[0]);	/* values that are no target */
	rc = SPI_execute_with_args(psprintf(
										"INSERT INTO %s.ptarget_document AS d (source, content_sha256, projects,"
										" indicators, quantities, dates, labels, unparsed)"
										" VALUES ($1, pg_catalog.encode(pg_catalog.sha256($2), 'hex'), $3, $4, $5, $6, $7, $8)"
										" ON CONFLICT (content_sha256) DO UPDATE SET imported_at = pg_catalog.now(),"
										" source = COALESCE(EXCLUDED.source, d.source)"
										" RETURNING id", n->schema),
							   8, types, values, nulls, false, 0);
	if (rc != SPI_OK_INSERT_RETURNING || SPI_processed != 1)
		elog(ERROR, "ptarget import: could not record the document");
	return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
}

/* Ids of upserted projects, found again by their title line. */
typedef struct project_id_entry
{
	int32		title_line;		/* hash key: unique within a document */
	int64		id;
} project_id_entry;

/*
 * Inserts or updates every project of the document in one statement and
 * returns their ids in document order.  (A document names each project
 * once — check_unique_projects — so no row is upserted twice.)
 */
static int64 *
upsert_projects(const import_names *n, const parsed_document *pd, int64 document_id)
{
	const pt_document *doc = &pd->doc;
	ArrayBuildState *cols[12] = {0};
	Oid			elem[12] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, NUMERICOID,
	NUMERICOID, NUMERICOID, TEXTOID, TEXTOID, INT4OID};
	Oid			types[13];
	Datum		values[13];
	int64	   *ids = palloc_array(int64, Max(doc->n_projects, 1));
	HASHCTL		ctl = {0};
	HTAB	   *by_line;
	uint64		r;
	int			i,
				k;

	for (i = 0; i < doc->n_projects; i++)
	{
		const pt_doc_project *p = &doc->projects[i];
		Datum		v[12];
		bool		isnull[12] = {0};

		v[0] = text_datum(p->dept_code);
		v[1] = text_datum(p->dept_name);
		v[2] = text_datum(p->name);
		v[3] = text_datum(p->title);
		v[4] = text_datum(p->ordinal);
		v[5] = text_datum(p->budget_unit);
		v[6] = amount_datum(p->budget_total, &isnull[6]);
		v[7] = amount_datum(p->fiscal_funds, &isnull[7]);
		v[8] = amount_datum(p->other_funds, &isnull[8]);
		v[9] = text_datum(p->purpose);
		v[10] = text_datum(p->goals);
		v[11] = Int32GetDatum(p->first_line);
		for (k = 0; k < 12; k++)
			cols[k] = add(cols[k], v[k], isnull[k], elem[k]);
	}
	for (k = 0; k < 12; k++)
	{
		types[k] = get_array_type(elem[k]);
		values[k] = finish_array(cols[k], elem[k]);
	}
	types[12] = INT8OID;
	values[12] = Int64GetDatum(document_id);
	if (SPI_execute_with_args(psprintf(
									   "INSERT INTO %s.ptarget_project AS p (department_code, department_name, name,"
									   " title, ordinal, budget_unit, budget_total, fiscal_funds, other_funds,"
									   " purpose, goals, title_line, document_id)"
									   " SELECT *, $13 FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
									   " ON CONFLICT (department_code, name) DO UPDATE SET"
									   " department_name = EXCLUDED.department_name, title = EXCLUDED.title,"
									   " ordinal = EXCLUDED.ordinal, budget_unit = EXCLUDED.budget_unit,"
									   " budget_total = EXCLUDED.budget_total, fiscal_funds = EXCLUDED.fiscal_funds,"
									   " other_funds = EXCLUDED.other_funds, purpose = EXCLUDED.purpose,"
									   " goals = EXCLUDED.goals, title_line = EXCLUDED.title_line,"
									   " document_id = EXCLUDED.document_id"
									   " RETURNING id, title_line", n->schema),
							  13, types, values, NULL, false, 0) != SPI_OK_INSERT_RETURNING ||
		SPI_processed != (uint64) doc->n_projects)
		elog(ERROR, "ptarget import: could not record the projects");

	/* RETURNING promises no order: match the rows back by title line */
	ctl.keysize = sizeof(int32);
	ctl.entrysize = sizeof(project_id_entry);
	by_line = hash_create("ptarget project ids", Max(doc->n_projects, 16), &ctl, HASH_ELEM | HASH_BLOBS);
	for (r = 0; r < SPI_processed; r++)
	{
		bool		isnull;
		int32		line = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2, &isnull));
		project_id_entry *e = hash_search(by_line, &line, HASH_ENTER, NULL);

		e->id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull));
	}
	for (i = 0; i < doc->n_projects; i++)
	{
		int32		line = doc->projects[i].first_line;
		project_id_entry *e = hash_search(by_line, &line, HASH_FIND, NULL);

		if (e == NULL)
			elog(ERROR, "ptarget import: project at line %d was not recorded", line);
		ids[i] = e->id;
	}
	hash_destroy(by_line);
	return ids;
}

/* Deletes the indicators of the document's projects (they are replaced). */
static void
delete_indicators(const import_names *n, const parsed_document *pd, const int64 *project_ids)
{
	ArrayBuildState *projects = NULL;
	int			i;

	for (i = 0; i < pd->doc.n_projects; i++)
		projects = add(projects, Int64GetDatum(project_ids[i]), false, INT8OID);
	if (SPI_execute_with_args(psprintf("DELETE FROM %s.ptarget_indicator"
									   " WHERE project_id OPERATOR(pg_catalog.=) ANY ($1)", n->schema),
							  1, (Oid[]) {INT8ARRAYOID},
							  (Datum[]) {finish_array(projects, INT8OID)}, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "ptarget import: could not replace indicators");
}

/*
 * Inserts rows [from, to) in one statement (arrays, not one round trip per
 * row); row_project[i] is the id of row i's project.
 */
static void
insert_indicators(const import_names *n, const parsed_document *pd, const int64 *row_project,
				  int from, int to)
{
	ArrayBuildState *cols[11] = {0};
	Oid			elem[11] = {INT8OID, INT4OID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
	n->ptarget_type, TEXTOID, INT4OID};
	Oid			types[11];
	Datum		values[11];
	int			i,
				k;

	for (i = from; i < to; i++)
	{
		const indicator_row *r = &pd->rows[i];
		Datum		v[11] = {Int64GetDatum(row_project[i]), Int32GetDatum(r->cells->position),
			text_datum(r->cells->level1), text_datum(r->cells->level1_written),
			text_datum(r->cells->level2), text_datum(r->cells->level3),
			text_datum(r->cells->description), text_datum(r->cells->value), r->target,
			r->note ? CStringGetTextDatum(r->note) : (Datum) 0, Int32GetDatum(r->cells->line)};
		bool		isnull[11] = {false, false, false, false, false, false, false, false,
			r->target == (Datum) 0, r->note == NULL, false};

		for (k = 0; k < 11; k++)
			cols[k] = add(cols[k], v[k], isnull[k], elem[k]);
	}
	for (k = 0; k < 11; k++)
	{
		types[k] = get_array_type(elem[k]);
		values[k] = finish_array(cols[k], elem[k]);
	}
	if (SPI_execute_with_args(psprintf(
									   "INSERT INTO %s.ptarget_indicator (project_id, position, level1, level1_written,"
									   " level2, level3, description, value_text, target, note, value_line)"
									   " SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
									   n->schema),
							  11, types, values, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "ptarget import: could not insert indicators");
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
	int			i,
				p = 0;

	for (i = 0; i < pd->n_rows; i++)
	{
		while (&pd->doc.projects[p] != pd->rows[i].project)
			p++;
		row_project[i] = project_ids[p];
	}
	if (try_insert_indicators(n, pd, row_project, 0, pd->n_rows) == NULL)
		return false;

	for (i = 0; i < pd->n_rows; i++)
	{
		indicator_row *r = &pd->rows[i];
		ErrorData  *error = try_insert_indicators(n, pd, row_project, i, i + 1);

		if (error == NULL)
			continue;
		if (!lenient || r->target == (Datum) 0)
		{
			error->context = psprintf("ptarget_import: the indicator at line %d (project %s)%s%s",
									  r->cells->line,
									  pg_ptarget_quote_utf8(r->project->title.ptr, r->project->title.len),
									  error->context ? "\n" : "", error->context ? error->context : "");
			ReThrowError(error);
		}
		r->target = (Datum) 0;
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

PG_FUNCTION_INFO_V1(ptarget_import);
Datum
ptarget_import(PG_FUNCTION_ARGS)
{
	parsed_document pd;
	import_names names;
	int			counts[5];
	int64		document_id;
	int64	   *project_ids;
	int			nest_level;
	bool		lenient = !PG_ARGISNULL(3) && PG_GETARG_BOOL(3);

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the document to import is NULL"),
				 errhint("Pass the document's text, e.g. pg_read_file('…') or psql's :'doc'.")));
	InitMaterializedSRF(fcinfo, 0);
	import_resolve_names(fcinfo, COL_TARGET, PG_ARGISNULL(2) ? NULL : PG_GETARG_NAME(2), &names);
	parse_document(PG_GETARG_TEXT_PP(0), lenient, &pd);
	count_kinds(&pd, counts);

	/* everything below resolves only in pg_catalog or by qualified name (the
	 * multi-array unnest must be written unqualified: it is syntax) */
	nest_level = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "ptarget import: SPI_connect failed");

	/* imports into one schema run one at a time: no duplicate, no deadlock */
	DirectFunctionCall1(pg_advisory_xact_lock_int8,
						Int64GetDatum((int64) hash_bytes_extended((const unsigned char *) names.schema,
																  (int) strlen(names.schema),
																  0x70746172)));
	import_prepare_tables(&names);
	document_id = upsert_document(&names, &pd, PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1), counts);
	project_ids = upsert_projects(&names, &pd, document_id);
	delete_indicators(&names, &pd, project_ids);
	if (store_indicators(&names, &pd, project_ids, lenient))
	{
		count_kinds(&pd, counts);
		recount_document(&names, document_id, counts);
	}

	SPI_finish();
	AtEOXact_GUC(true, nest_level);
	emit_rows(fcinfo, &pd);
	return (Datum) 0;
}
