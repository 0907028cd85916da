/*
 * pg_aggregates.c — what running ptarget across servers needs (1.1):
 *
 *   - min/max over ptarget: the transition functions, which are also the
 *     combine functions, so partial and parallel aggregation work;
 *   - filters by dimension and kind that postgres_fdw can send to other
 *     servers: the "same dimension as" operator ~= (between two targets, so
 *     nothing collatable is involved), and ptarget_has_dimension /
 *     ptarget_has_kind, whose planner support function rewrites a call with
 *     a constant name into ~= or < against a constant target.
 *
 * Why the rewrite: postgres_fdw sends a comparison of text only when its
 * collation comes from a column of the foreign table, so
 * ptarget_dimension(target) = 'money' always runs locally.  An operator
 * between two ptargets has no collation and is sent when the server option
 * extensions names ptarget.
 */
#include "pg_ptarget.h"

#include "catalog/pg_type.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "parser/parse_oper.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "pt_fold.h"

/* ---------------------------------------------------------------- min / max */

/*
 * The smaller (larger) of two targets in the btree order; the transition and
 * the combine function of min (max).  Returns one of its arguments, as
 * text_smaller does.
 */
PG_FUNCTION_INFO_V1(ptarget_smaller);
Datum
ptarget_smaller(PG_FUNCTION_ARGS)
{
	pt_target	a,
				b;

	PG_GETARG_PTARGET(0, &a);
	PG_GETARG_PTARGET(1, &b);
	PG_RETURN_DATUM(pt_compare(&a, &b) <= 0 ? PG_GETARG_DATUM(0) : PG_GETARG_DATUM(1));
}

PG_FUNCTION_INFO_V1(ptarget_larger);
Datum
ptarget_larger(PG_FUNCTION_ARGS)
{
	pt_target	a,
				b;

	PG_GETARG_PTARGET(0, &a);
	PG_GETARG_PTARGET(1, &b);
	PG_RETURN_DATUM(pt_compare(&a, &b) >= 0 ? PG_GETARG_DATUM(0) : PG_GETARG_DATUM(1));
}

/* ---------------------------------------------------------------- dimension filters */

/* the (kind, dimension key) of a target, as the order and the GiST keys have it */
static void
dimension_key(const pt_target *t, const char **key, size_t *len)
{
	/* dates share one dimension, and so do labels */
	*key = t->kind == PT_KIND_QUANTITY ? t->unit_key : "";
	*len = t->kind == PT_KIND_QUANTITY ? t->unit_key_len : 0;
}

static bool
same_dimension(const pt_target *a, const pt_target *b)
{
	const char *ka,
			   *kb;
	size_t		la,
				lb;

	if (a->kind != b->kind)
		return false;
	dimension_key(a, &ka, &la);
	dimension_key(b, &kb, &lb);
	return pt_bytes_cmp(ka, la, kb, lb) == 0;
}

PG_FUNCTION_INFO_V1(ptarget_same_dimension);
Datum
ptarget_same_dimension(PG_FUNCTION_ARGS)
{
	pt_target	a,
				b;

	PG_GETARG_PTARGET(0, &a);
	PG_GETARG_PTARGET(1, &b);
	PG_RETURN_BOOL(same_dimension(&a, &b));
}

static const char *const kind_names[] = {NULL, "quantity", "date", "label"};

/* PT_KIND_* of a kind name as ptarget_kind spells it; 0 when none */
static int
kind_of_name(const char *name, size_t len)
{
	int			k;

	for (k = PT_KIND_QUANTITY; k <= PT_KIND_LABEL; k++)
		if (strlen(kind_names[k]) == len && memcmp(kind_names[k], name, len) == 0)
			return k;
	return 0;
}

/* ptarget_dimension(t) = name, compared as UTF-8 bytes */
PG_FUNCTION_INFO_V1(ptarget_has_dimension);
Datum
ptarget_has_dimension(PG_FUNCTION_ARGS)
{
	pt_target	t;
	char		buf[2 * PT_UNIT_MAX_BYTES + 16];
	size_t		n,
				name_len;
	char	   *name;

	PG_GETARG_PTARGET(0, &t);
	name = pg_ptarget_utf8(PG_GETARG_TEXT_PP(1), &name_len);
	n = pt_format_dimension(&t, buf, sizeof(buf));
	PG_RETURN_BOOL(n == name_len && memcmp(buf, name, n) == 0);
}

static void
report_unknown_kind(const char *name)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown kind of target: \"%s\"", name),
			 errhint("A target's kind is quantity, date or label.")));
}

/* ptarget_kind(t) = kind; an unknown kind name is an error, not false */
PG_FUNCTION_INFO_V1(ptarget_has_kind);
Datum
ptarget_has_kind(PG_FUNCTION_ARGS)
{
	pt_target	t;
	size_t		name_len;
	char	   *name = pg_ptarget_utf8(PG_GETARG_TEXT_PP(1), &name_len);
	int			kind = kind_of_name(name, name_len);

	if (kind == 0)
		report_unknown_kind(text_to_cstring(PG_GETARG_TEXT_PP(1)));
	PG_GETARG_PTARGET(0, &t);
	PG_RETURN_BOOL((int) t.kind == kind);
}

/*
 * A target of the dimension named as ptarget_dimension spells it, or false
 * when no target has that dimension: it is parsed from "0" and the base unit
 * (with any /denominators), and must report exactly that dimension back.
 */
static bool
dimension_probe(const char *name, size_t len, pt_target *probe)
{
	StringInfoData text;
	const char *slash = memchr(name, '/', len);
	size_t		head = slash ? (size_t) (slash - name) : len;
	char		buf[2 * PT_UNIT_MAX_BYTES + 16];
	char	   *scratch;
	pt_error	err;
	size_t		i;

	initStringInfo(&text);
	if (len == 4 && memcmp(name, "date", 4) == 0)
		appendStringInfoString(&text, "2000年");
	else if (len == 5 && memcmp(name, "label", 5) == 0)
		appendStringInfoString(&text, "label");
	else if (len == 4 && memcmp(name, "none", 4) == 0)
		appendStringInfoString(&text, "0");
	else if (len > 6 && memcmp(name, "count:", 6) == 0)
	{
		appendStringInfoChar(&text, '0');
		appendBinaryStringInfo(&text, name + 6, (int) (len - 6));
	}
	else
	{
		for (i = 0; i < pt_unit_count(); i++)
		{
			const pt_unit *u = pt_unit_at(i);

			if (u->dimension != NULL && strlen(u->dimension) == head &&
				memcmp(u->dimension, name, head) == 0)
				break;
		}
		if (i == pt_unit_count())
			return false;
		appendStringInfoChar(&text, '0');
		appendStringInfoString(&text, pt_unit_at(i)->base);
		appendBinaryStringInfo(&text, name + head, (int) (len - head));
	}
	scratch = palloc(pt_parse_scratch_size(text.len));
	if (pt_parse(text.data, text.len, probe, scratch, &err) != PT_OK)
		return false;
	return pt_format_dimension(probe, buf, sizeof(buf)) == len && memcmp(buf, name, len) == 0;
}

/* the extension's binary operator opname(ptarget, ptarget), or InvalidOid */
static Oid
ptarget_operator(Oid func, Oid type, const char *opname)
{
	char	   *schema = get_namespace_name(get_func_namespace(func));

	if (schema == NULL)
		return InvalidOid;
	return LookupOperName(NULL, list_make2(makeString(schema), makeString(pstrdup(opname))),
						  type, type, true, -1);
}

static Expr *
operator_clause(Oid func, Oid type, const char *opname, Node *arg, const pt_target *probe)
{
	Oid			opno = ptarget_operator(func, type, opname);
	OpExpr	   *op;

	if (!OidIsValid(opno))
		return NULL;
	op = (OpExpr *) make_opclause(opno, BOOLOID, false, (Expr *) arg,
								  (Expr *) makeConst(type, -1, InvalidOid, -1, pg_ptarget_datum(probe),
													 false, false),
								  InvalidOid, InvalidOid);
	set_opfuncid(op);
	return (Expr *) op;
}

/*
 * Planner support of ptarget_has_dimension and ptarget_has_kind: with a
 * constant name, the call becomes an operator between the target and a
 * constant target, which postgres_fdw sends to the shards (and a btree index
 * serves <):
 *   ptarget_has_dimension(t, 'money')  →  t ~= '0元'
 *   ptarget_has_kind(t, 'date')        →  t ~= '2000年'
 *   ptarget_has_kind(t, 'label')       →  t ~= 'label'
 *   ptarget_has_kind(t, 'quantity')    →  t < '≤1000年1月1日'  (quantities
 *       sort before dates, and that is the first date in the order)
 * A name no target has (and an unknown kind, which is an error when the call
 * runs) is left alone.
 */
PG_FUNCTION_INFO_V1(ptarget_filter_support);
Datum
ptarget_filter_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);
	SupportRequestSimplify *req;
	FuncExpr   *call;
	Const	   *name_const;
	Oid			type;
	Oid		   *argtypes;
	int			nargs;
	size_t		len;
	char	   *name;
	pt_target	probe;
	const char *probe_text = NULL;
	const char *opname = "~=";
	char	   *scratch;
	pt_error	err;

	if (!IsA(rawreq, SupportRequestSimplify))
		PG_RETURN_POINTER(NULL);
	req = (SupportRequestSimplify *) rawreq;
	call = req->fcall;
	if (list_length(call->args) != 2 || !IsA(lsecond(call->args), Const))
		PG_RETURN_POINTER(NULL);
	name_const = (Const *) lsecond(call->args);
	if (name_const->constisnull)
		PG_RETURN_POINTER(NULL);
	/* the declared ptarget type (the argument is coerced to it) */
	if (call->funcresulttype != BOOLOID ||
		get_func_signature(call->funcid, &argtypes, &nargs) != BOOLOID || nargs != 2)
		PG_RETURN_POINTER(NULL);
	type = argtypes[0];
	if (exprType((Node *) linitial(call->args)) != type)
		PG_RETURN_POINTER(NULL);
	name = pg_ptarget_utf8(DatumGetTextPP(name_const->constvalue), &len);

	if (strcmp(get_func_name(call->funcid), "ptarget_has_kind") == 0)
	{
		switch (kind_of_name(name, len))
		{
			case PT_KIND_QUANTITY:
				probe_text = "≤1000年1月1日";
				opname = "<";
				break;
			case PT_KIND_DATE:
				probe_text = "2000年";
				break;
			case PT_KIND_LABEL:
				probe_text = "label";
				break;
			default:
				PG_RETURN_POINTER(NULL);
		}
		scratch = palloc(pt_parse_scratch_size(strlen(probe_text)));
		if (pt_parse(probe_text, strlen(probe_text), &probe, scratch, &err) != PT_OK)
			PG_RETURN_POINTER(NULL);
	}
	else if (!dimension_probe(name, len, &probe))
		PG_RETURN_POINTER(NULL);
	PG_RETURN_POINTER(operator_clause(call->funcid, type, opname, linitial(call->args), &probe));
}
