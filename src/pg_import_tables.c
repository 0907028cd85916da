/*
 * pg_import_tables.c — where an import may write, and the tables it makes.
 *
 * The import runs with the caller's rights.  Whatever it writes to runs code
 * its owner chose (triggers, rules, row security policies), so it writes only
 * to tables it made for the caller or for a role the caller belongs to, and
 * refuses anything else with 42501 (README "Rights" and "Importing into a
 * shared schema").  Membership is checked without the superuser shortcut: a
 * superuser "may" act as every role, which is exactly how a planted table
 * would make its owner a superuser.
 */
#include "pg_import.h"

#include "catalog/namespace.h"
#include "access/htup_details.h"
#include "catalog/pg_class.h"
#include "catalog/pg_namespace.h"
#include "utils/array.h"
#include "utils/syscache.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

static void
spi_exec(const char *sql, int expected)
{
	int			rc = SPI_execute(sql, false, 0);

	if (rc != expected)
		elog(ERROR, "ptarget import: SPI_execute returned %d for: %s", rc, sql);
}

static bool
is_callers_role(Oid owner)
{
	return is_member_of_role_nosuper(GetUserId(), owner);
}

/* ------------------------------------------------------------ the schema */

/* 42501 for a schema chosen by default that is not safe to write into */
static void
refuse_default_schema(const char *schema, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("will not import into schema \"%s\" by default", schema),
			 errdetail("%s", pg_ptarget_gettext(why)),
			 errhint("Name the schema to import into: ptarget_import(document, source, schema => '…'), "
					 "one that you or your group own (README \"Importing into a shared schema\").")));
}

static Oid
default_schema(const char **name)
{
	List	   *path = fetch_search_path(false);
	Oid			nsp;
	HeapTuple	tuple;
	Form_pg_namespace form;
	Acl		   *acl;
	bool		isnull;
	Datum		acl_datum;
	int			i;

	if (path == NIL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_SCHEMA),
				 errmsg("no schema has been selected to import into"),
				 errhint("Pass the schema to ptarget_import, or set search_path.")));
	nsp = linitial_oid(path);
	*name = get_namespace_name(nsp);
	tuple = SearchSysCache1(NAMESPACEOID, ObjectIdGetDatum(nsp));
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for schema %u", nsp);
	form = (Form_pg_namespace) GETSTRUCT(tuple);
	if (!is_callers_role(form->nspowner))
		refuse_default_schema(*name, psprintf(pg_ptarget_gettext("It belongs to role \"%s\", not to you or a role you are a member of."),
											  GetUserNameFromId(form->nspowner, false)));
	acl_datum = SysCacheGetAttr(NAMESPACEOID, tuple, Anum_pg_namespace_nspacl, &isnull);
	if (!isnull)
	{
		acl = DatumGetAclP(acl_datum);
		for (i = 0; i < ACL_NUM(acl); i++)
		{
/* ACL_DAT expands to PostgreSQL's ARR_DATA_PTR, which mixes signedness */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare"
			AclItem    *item = &ACL_DAT(acl)[i];
#pragma GCC diagnostic pop

			if ((ACLITEM_GET_PRIVS(*item) & ACL_CREATE) && item->ai_grantee != form->nspowner)
				refuse_default_schema(*name, psprintf(pg_ptarget_gettext("%s may create objects in it."),
													  item->ai_grantee == ACL_ID_PUBLIC ? pg_ptarget_gettext("Every role (PUBLIC)") :
													  psprintf(pg_ptarget_gettext("Role \"%s\""), GetUserNameFromId(item->ai_grantee, false))));
		}
	}
	ReleaseSysCache(tuple);
	return nsp;
}

void
import_resolve_names(FunctionCallInfo fcinfo, int target_column, Name schema_arg, import_names *n)
{
	TupleDesc	desc = ((ReturnSetInfo *) fcinfo->resultinfo)->expectedDesc;

	if (schema_arg == NULL)
		n->schema_oid = default_schema(&n->schema_name);
	else
	{
		n->schema_name = pstrdup(NameStr(*schema_arg));
		n->schema_oid = get_namespace_oid(n->schema_name, true);
		if (!OidIsValid(n->schema_oid))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_SCHEMA),
					 errmsg("schema \"%s\" does not exist", n->schema_name),
					 errhint("Create the schema first, or import into an existing one.")));
	}
	n->schema = quote_identifier(n->schema_name);
	/* this function lives in the extension's schema, beside the type */
	n->ext_schema = quote_identifier(get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid)));
	n->ptarget_type = TupleDescAttr(desc, target_column)->atttypid;
}

/* ------------------------------------------------------------ the tables */

/*
 * The import's relations, in the order they are created (each refers to the
 * one before), with the shapes a safe existing one may have: its columns as
 * "name type, …" (format_type spelling; %s is the ptarget type).  The 1.1
 * shape is the one of the CREATE statements in create_relation(): 1.0's
 * columns, then those 1.1 adds at the end.
 *
 * Across versions (README "Import tables across versions"): a table of the
 * current shape is used as it is; a table of an earlier release's shape
 * (here: 1.0's) is migrated by the import, in its transaction, by adding the
 * new columns (ALTER TABLE … ADD COLUMN, and for ptarget_project the index
 * that identifies projects without a department code) — only after it passed
 * every check below (owner, no trigger, rule or row security); a table of any
 * other shape is refused.  A view of 1.0's columns is replaced by the
 * current one (CREATE OR REPLACE VIEW appends the new columns); a view of
 * other columns the caller owns is left as it is.
 */
typedef struct import_relation
{
	const char *name;
	char		relkind;
	const char *shape;			/* current (1.1) columns */
	const char *shape_1_0;		/* 1.0's columns */
	const char *migrate_1_0;	/* statements that make a 1.0 table current (%s: schema, twice
								 * where the ptarget type appears: then the extension's schema) */
} import_relation;

static const import_relation import_relations[] = {
	{"ptarget_document", RELKIND_RELATION,
	 "id bigint, source text, content_sha256 text, imported_at timestamp with time zone, projects integer, "
	 "indicators integer, quantities integer, dates integer, labels integer, unparsed integer, format text",
	 "id bigint, source text, content_sha256 text, imported_at timestamp with time zone, projects integer, "
	 "indicators integer, quantities integer, dates integer, labels integer, unparsed integer",
	 "ALTER TABLE %1$s.ptarget_document ADD COLUMN format text"},
	{"ptarget_project", RELKIND_RELATION,
	 "id bigint, department_code text, department_name text, name text, title text, ordinal text, "
	 "budget_unit text, budget_total numeric, fiscal_funds numeric, other_funds numeric, purpose text, "
	 "goals text, title_line integer, document_id bigint, year integer, source_part text, other_cells text",
	 "id bigint, department_code text, department_name text, name text, title text, ordinal text, "
	 "budget_unit text, budget_total numeric, fiscal_funds numeric, other_funds numeric, purpose text, "
	 "goals text, title_line integer, document_id bigint",
	 "ALTER TABLE %1$s.ptarget_project ALTER COLUMN department_code DROP NOT NULL,"
	 " ADD COLUMN year integer, ADD COLUMN source_part text, ADD COLUMN other_cells text;"
	 " CREATE UNIQUE INDEX ptarget_project_uncoded_key ON %1$s.ptarget_project"
	 " (department_name, name, year) NULLS NOT DISTINCT WHERE department_code IS NULL"},
	{"ptarget_indicator", RELKIND_RELATION,
	 "project_id bigint, position integer, level1 text, level1_written text, level2 text, level3 text, "
	 "description text, value_text text, target %s, note text, value_line integer, "
	 "level1_weight numeric, level2_weight numeric, direction text, unit_text text, weight numeric, "
	 "actual_text text, actual %s, recorded_score numeric, deviation_reason text, scoring_standard text, "
	 "performance_standard text, other_cells text, source_part text, source_row integer, extracted %s[]",
	 "project_id bigint, position integer, level1 text, level1_written text, level2 text, level3 text, "
	 "description text, value_text text, target %s, note text, value_line integer",
	 "ALTER TABLE %1$s.ptarget_indicator ADD COLUMN level1_weight numeric, ADD COLUMN level2_weight numeric,"
	 " ADD COLUMN direction text, ADD COLUMN unit_text text, ADD COLUMN weight numeric,"
	 " ADD COLUMN actual_text text, ADD COLUMN actual %2$s.ptarget, ADD COLUMN recorded_score numeric,"
	 " ADD COLUMN deviation_reason text, ADD COLUMN scoring_standard text,"
	 " ADD COLUMN performance_standard text, ADD COLUMN other_cells text, ADD COLUMN source_part text,"
	 " ADD COLUMN source_row integer, ADD COLUMN extracted %2$s.ptarget[]"},
	{"ptarget_indicators", RELKIND_VIEW,
	 NULL,
	 "department_code text, department_name text, project text, position integer, level1 text, level2 text, "
	 "level3 text, description text, value_text text, kind text, operator text, magnitude numeric, "
	 "magnitude_upper numeric, unit text, base_unit text, dimension text, lower_bound numeric, "
	 "lower_inclusive boolean, upper_bound numeric, upper_inclusive boolean, first_day date, last_day date, "
	 "label text, target_text text, note text, value_line integer, source text, "
	 "imported_at timestamp with time zone",
	 NULL},
};

#define N_IMPORT_RELATIONS lengthof(import_relations)

/*
 * One flat row per indicator, plain columns only, for BI tools: 1.0's
 * columns, then 1.1's at the end (so CREATE OR REPLACE VIEW turns the 1.0
 * view into this one).
 */
static char *
view_sql(const import_names *n)
{
	return psprintf("CREATE OR REPLACE VIEW %1$s.ptarget_indicators AS SELECT"
					" p.department_code, p.department_name, p.name AS project,"
					" i.position, i.level1, i.level2, i.level3, i.description, i.value_text,"
					" %2$s.ptarget_kind(i.target) AS kind, %2$s.ptarget_operator(i.target) AS operator,"
					" %2$s.ptarget_magnitude(i.target) AS magnitude,"
					" %2$s.ptarget_magnitude_upper(i.target) AS magnitude_upper,"
					" %2$s.ptarget_unit(i.target) AS unit, %2$s.ptarget_base_unit(i.target) AS base_unit,"
					" %2$s.ptarget_dimension(i.target) AS dimension,"
					" %2$s.ptarget_lower(i.target) AS lower_bound,"
					" %2$s.ptarget_lower_inclusive(i.target) AS lower_inclusive,"
					" %2$s.ptarget_upper(i.target) AS upper_bound,"
					" %2$s.ptarget_upper_inclusive(i.target) AS upper_inclusive,"
					" %2$s.ptarget_lower_date(i.target) AS first_day,"
					" %2$s.ptarget_upper_date(i.target) AS last_day,"
					" %2$s.ptarget_label(i.target) AS label,"
					" i.target::pg_catalog.text AS target_text, i.note, i.value_line,"
					" d.source, d.imported_at,"
					/* 1.1 */
					" p.year, i.level1_weight, i.level2_weight, i.direction, i.unit_text, i.weight,"
					" i.actual_text, i.actual::pg_catalog.text AS actual_target_text,"
					" %2$s.ptarget_kind(i.actual) AS actual_kind,"
					" %2$s.ptarget_magnitude(i.actual) AS actual_magnitude,"
					" %2$s.ptarget_unit(i.actual) AS actual_unit,"
					" %2$s.ptarget_lower(i.actual) AS actual_lower_bound,"
					" %2$s.ptarget_upper(i.actual) AS actual_upper_bound,"
					" %2$s.ptarget_upper_date(i.actual) AS actual_last_day,"
					" i.recorded_score, i.deviation_reason, i.scoring_standard, i.performance_standard,"
					" i.other_cells, d.format AS source_format, i.source_part, i.source_row,"
					" i.extracted::pg_catalog.text AS extracted_text"
					" FROM %1$s.ptarget_indicator i"
					" JOIN %1$s.ptarget_project p ON p.id OPERATOR(pg_catalog.=) i.project_id"
					" JOIN %1$s.ptarget_document d ON d.id OPERATOR(pg_catalog.=) p.document_id",
					n->schema, n->ext_schema);
}

/*
 * The tables are ordinary user tables owned by the caller, created on first
 * import (not extension members, so pg_dump and DROP EXTENSION treat them as
 * data).  See README "Importing documents" for the columns.
 */
static void
create_relation(const import_names *n, int which)
{
	const char *s = n->schema;
	const char *x = n->ext_schema;

	switch (which)
	{
		case 0:
			spi_exec(psprintf("CREATE TABLE %s.ptarget_document ("
							  " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
							  " source text,"
							  " content_sha256 text NOT NULL UNIQUE,"
							  " imported_at timestamptz NOT NULL DEFAULT pg_catalog.now(),"
							  " projects integer NOT NULL, indicators integer NOT NULL,"
							  " quantities integer NOT NULL, dates integer NOT NULL,"
							  " labels integer NOT NULL, unparsed integer NOT NULL,"
							  " format text)", s),
					 SPI_OK_UTILITY);
			break;
		case 1:
			spi_exec(psprintf("CREATE TABLE %s.ptarget_project ("
							  " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
							  " department_code text, department_name text NOT NULL,"
							  " name text NOT NULL, title text NOT NULL, ordinal text NOT NULL,"
							  " budget_unit text NOT NULL, budget_total numeric, fiscal_funds numeric,"
							  " other_funds numeric, purpose text NOT NULL, goals text NOT NULL,"
							  " title_line integer NOT NULL,"
							  " document_id bigint NOT NULL REFERENCES %s.ptarget_document(id),"
							  " year integer, source_part text, other_cells text,"
							  " UNIQUE (department_code, name))", s, s),
					 SPI_OK_UTILITY);
			/* a project without a department code: department, name and year */
			spi_exec(psprintf("CREATE UNIQUE INDEX ptarget_project_uncoded_key ON %s.ptarget_project"
							  " (department_name, name, year) NULLS NOT DISTINCT"
							  " WHERE department_code IS NULL", s), SPI_OK_UTILITY);
			spi_exec(psprintf("CREATE INDEX ptarget_project_document_idx"
							  " ON %s.ptarget_project (document_id)", s), SPI_OK_UTILITY);
			break;
		case 2:
			spi_exec(psprintf("CREATE TABLE %s.ptarget_indicator ("
							  " project_id bigint NOT NULL REFERENCES %s.ptarget_project(id) ON DELETE CASCADE,"
							  " position integer NOT NULL, level1 text NOT NULL, level1_written text NOT NULL,"
							  " level2 text NOT NULL, level3 text NOT NULL, description text NOT NULL,"
							  " value_text text NOT NULL, target %s.ptarget, note text,"
							  " value_line integer NOT NULL,"
							  " level1_weight numeric, level2_weight numeric, direction text, unit_text text,"
							  " weight numeric, actual_text text, actual %s.ptarget, recorded_score numeric,"
							  " deviation_reason text, scoring_standard text, performance_standard text,"
							  " other_cells text, source_part text, source_row integer,"
							  " extracted %s.ptarget[],"
							  " PRIMARY KEY (project_id, position))", s, s, x, x, x),
					 SPI_OK_UTILITY);
			/* GiST serves @>, <@, && and = on the target column */
			spi_exec(psprintf("CREATE INDEX ptarget_indicator_target_idx"
							  " ON %s.ptarget_indicator USING gist (target)", s), SPI_OK_UTILITY);
			break;
		case 3:
			spi_exec(view_sql(n), SPI_OK_UTILITY);
			break;
	}
}

/* 42501: an existing relation the import will not write to or replace */
static void
refuse_relation(const import_names *n, const char *relation, const char *owner, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("ptarget_import will not use %s.%s, owned by role \"%s\"", n->schema_name, relation, owner),
			 errdetail("%s", pg_ptarget_gettext(why)),
			 errhint("Import into a schema of your own (schema => '…'), or ask the owner to drop %s.%s or to let "
					 "a group role you belong to own it (README \"Importing into a shared schema\").",
					 n->schema_name, relation)));
}

/* What the catalog says of each import relation in the schema (one query). */
static const char *const inspect_sql =
"SELECT c.oid IS NOT NULL, c.relkind, c.relowner, pg_catalog.pg_get_userbyid(c.relowner),"
" c.relrowsecurity OR EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid OPERATOR(pg_catalog.=) c.oid),"
" EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid OPERATOR(pg_catalog.=) c.oid AND NOT t.tgisinternal),"
" EXISTS (SELECT FROM pg_catalog.pg_rewrite w WHERE w.ev_class OPERATOR(pg_catalog.=) c.oid"
"         AND w.rulename OPERATOR(pg_catalog.<>) '_RETURN'),"
" (SELECT pg_catalog.string_agg(a.attname OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||)"
"         pg_catalog.format_type(a.atttypid, NULL), ', ' ORDER BY a.attnum)"
"  FROM pg_catalog.pg_attribute a WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attnum > 0"
"  AND NOT a.attisdropped)"
" FROM pg_catalog.unnest($2::pg_catalog.text[]) WITH ORDINALITY AS r(name, n)"
" LEFT JOIN pg_catalog.pg_class c ON c.relname OPERATOR(pg_catalog.=) r.name"
"  AND c.relnamespace OPERATOR(pg_catalog.=) $1"
" ORDER BY r.n";

/* A shape with the ptarget type's name in place of each %s. */
static char *
shape_of(const char *shape, const import_names *n)
{
	const char *type = format_type_be(n->ptarget_type);

	return psprintf(shape, type, type, type);
}

/*
 * The inspection runs with a fresh snapshot (read_only = false): the caller
 * holds the schema's import lock, and a concurrent first import that created
 * the tables while we waited for it must be seen, not created again.
 */
void
import_prepare_tables(const import_names *n)
{
	Datum		names[N_IMPORT_RELATIONS];
	Datum		args[2];
	bool		missing[N_IMPORT_RELATIONS];
	bool		migrate[N_IMPORT_RELATIONS];
	int			i;

	for (i = 0; i < (int) N_IMPORT_RELATIONS; i++)
		names[i] = CStringGetTextDatum(import_relations[i].name);
	args[0] = ObjectIdGetDatum(n->schema_oid);
	args[1] = PointerGetDatum(construct_array(names, N_IMPORT_RELATIONS, TEXTOID, -1, false, TYPALIGN_INT));
	if (SPI_execute_with_args(inspect_sql, 2, (Oid[]) {OIDOID, TEXTARRAYOID}, args, NULL, false, 0) != SPI_OK_SELECT ||
		SPI_processed != N_IMPORT_RELATIONS)
		elog(ERROR, "ptarget import: could not inspect schema \"%s\"", n->schema_name);

	for (i = 0; i < (int) N_IMPORT_RELATIONS; i++)
	{
		const import_relation *rel = &import_relations[i];
		HeapTuple	row = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		char	   *owner;
		char	   *shape;

		migrate[i] = false;
		missing[i] = !DatumGetBool(SPI_getbinval(row, desc, 1, &isnull));
		if (missing[i])
			continue;
		owner = SPI_getvalue(row, desc, 4);
		if (DatumGetChar(SPI_getbinval(row, desc, 2, &isnull)) != rel->relkind)
			refuse_relation(n, rel->name, owner,
							rel->relkind == RELKIND_VIEW ? gettext_noop("It is not the view the import makes.")
							: gettext_noop("It is not an ordinary table."));
		if (!is_callers_role(DatumGetObjectId(SPI_getbinval(row, desc, 3, &isnull))))
			refuse_relation(n, rel->name, owner,
							psprintf(pg_ptarget_gettext("It is not owned by you (\"%s\") or by a role you are a member of; "
									 "its owner's triggers, rules or policies would run with your rights."),
									 GetUserNameFromId(GetUserId(), false)));
		if (DatumGetBool(SPI_getbinval(row, desc, 5, &isnull)))
			refuse_relation(n, rel->name, owner, gettext_noop("It has row level security or a policy, which the import does not make."));
		if (DatumGetBool(SPI_getbinval(row, desc, 6, &isnull)))
			refuse_relation(n, rel->name, owner, gettext_noop("It has a trigger, which the import does not make."));
		if (DatumGetBool(SPI_getbinval(row, desc, 7, &isnull)))
			refuse_relation(n, rel->name, owner, gettext_noop("It has a rule, which the import does not make."));
		shape = SPI_getvalue(row, desc, 8);
		if (shape == NULL)
			shape = "";
		if (rel->relkind == RELKIND_VIEW)
		{
			/* 1.0's view is replaced by the current one; another view of the
			 * caller's is left as it is */
			migrate[i] = strcmp(shape, rel->shape_1_0) == 0;
			continue;
		}
		if (strcmp(shape, shape_of(rel->shape, n)) == 0)
			continue;
		if (strcmp(shape, shape_of(rel->shape_1_0, n)) == 0)
		{
			migrate[i] = true;	/* made by ptarget 1.0: gets 1.1's columns below */
			continue;
		}
		refuse_relation(n, rel->name, owner,
						psprintf(pg_ptarget_gettext("Its columns are not the ones the import makes: (%s)."), shape));
	}

	/* the catalog was read above: create only what is missing (a later
	 * import needs no CREATE right on the schema), migrate what an earlier
	 * release made */
	for (i = 0; i < (int) N_IMPORT_RELATIONS; i++)
	{
		if (missing[i])
			create_relation(n, i);
		else if (migrate[i] && import_relations[i].relkind == RELKIND_VIEW)
			spi_exec(view_sql(n), SPI_OK_UTILITY);
		else if (migrate[i])
			spi_exec(psprintf(import_relations[i].migrate_1_0, n->schema, n->ext_schema), SPI_OK_UTILITY);
	}
}
