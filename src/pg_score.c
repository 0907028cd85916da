/*
 * pg_score.c - year-end self-evaluation in SQL: ptarget_met,
 * ptarget_completion, ptarget_score, ptarget_evaluate, ptarget_grade, the
 * budget execution rate, the exact rescaling of totals, the trigger function
 * ptarget_check_actual and the guard of the configuration tables.
 *
 * The arithmetic is in pt_score.c.  This file reads rules from the rules
 * table (<extension schema>.ptarget_rule, through SPI, cached for the
 * statement), moves values in and out and turns core statuses into errors.
 */
#include "pg_ptarget.h"

#include "pt_score.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "storage/proc.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/rangetypes.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

/* ---------------------------------------------------------------- numbers */

/* A numeric argument as an exact decimal; `what` names it in errors. */
static void
numeric_decimal(Datum value, const char *what, pt_decimal *d)
{
	Numeric		n = DatumGetNumeric(value);
	char	   *text;
	size_t		len,
				used = 0;
	int			places;

	if (numeric_is_nan(n) || numeric_is_inf(n))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot score with %s %s", pg_ptarget_gettext(what),
						DatumGetCString(DirectFunctionCall1(numeric_out, value))),
				 errhint("A %s must be a finite number.", pg_ptarget_gettext(what))));
	text = DatumGetCString(DirectFunctionCall1(numeric_out, value));
	len = strlen(text);
	if (pt_decimal_scan(text, len, d, &places, &used) != PT_DECIMAL_OK || used != len)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s %s has too many digits to score exactly", pg_ptarget_gettext(what), pg_ptarget_quote(text, len)),
				 errdetail("Scoring keeps up to 28 significant digits and 60 decimal places.")));
}

static Datum
decimal_numeric(const pt_decimal *d)
{
	return pg_decimal_to_numeric(d, PT_SCORE_PLACES);
}

/* ---------------------------------------------------------------- rules */

static Oid
extension_schema(FunctionCallInfo fcinfo)
{
	return get_func_namespace(fcinfo->flinfo->fn_oid);
}

static const char *
text_value(HeapTuple tup, TupleDesc desc, const char *column, bool *isnull)
{
	Datum		d = SPI_getbinval(tup, desc, SPI_fnumber(desc, column), isnull);

	return *isnull ? NULL : TextDatumGetCString(d);
}

/* One numeric column; false when NULL. */
static bool
numeric_value(HeapTuple tup, TupleDesc desc, const char *column, pt_decimal *d)
{
	bool		isnull;
	Datum		v = SPI_getbinval(tup, desc, SPI_fnumber(desc, column), &isnull);

	if (isnull)
		return false;
	numeric_decimal(v, column, d);
	return true;
}

/* A numeric[] column into out[]; returns the count, or -1 when it has NULLs or too many. */
static int
numeric_array(HeapTuple tup, TupleDesc desc, const char *column, pt_decimal *out, int max)
{
	bool		isnull;
	Datum		v = SPI_getbinval(tup, desc, SPI_fnumber(desc, column), &isnull);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;

	if (isnull)
		return -1;
	deconstruct_array(DatumGetArrayTypeP(v), NUMERICOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	if (n > max)
		return -1;
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
			return -1;
		numeric_decimal(elems[i], column, &out[i]);
	}
	return n;
}

static bool
parse_shape(const char *s, pt_shape *shape)
{
	if (s == NULL)
		return false;
	if (strcmp(s, "proportional") == 0)
		*shape = PT_SHAPE_PROPORTIONAL;
	else if (strcmp(s, "linear") == 0)
		*shape = PT_SHAPE_LINEAR;
	else if (strcmp(s, "zero") == 0)
		*shape = PT_SHAPE_ZERO;
	else if (strcmp(s, "steps") == 0)
		*shape = PT_SHAPE_STEPS;
	else
		return false;
	return true;
}

/*
 * Reads one row of the rules table into *r.  Returns NULL, or what is wrong
 * with it (for the guard trigger and for a row that bypassed it).
 */
static const char *
rule_from_tuple(HeapTuple tup, TupleDesc desc, pt_score_rule *r)
{
	const char *dir;
	bool		isnull;
	int			n,
				i,
				j;
	pt_decimal	bands[3];
	static char why[200];

	memset(r, 0, sizeof(*r));
	dir = text_value(tup, desc, "point_direction", &isnull);
	if (dir && strcmp(dir, "floor") == 0)
		r->point_direction = PT_DIRECTION_FLOOR;
	else if (dir && strcmp(dir, "ceiling") == 0)
		r->point_direction = PT_DIRECTION_CEILING;
	else if (dir && strcmp(dir, "exact") == 0)
		r->point_direction = PT_DIRECTION_EXACT;
	else
		return PT_("point_direction must be floor, ceiling or exact");
	if (!parse_shape(text_value(tup, desc, "floor_shape", &isnull), &r->floor_shape))
		return PT_("floor_shape must be proportional, linear, zero or steps");
	if (!parse_shape(text_value(tup, desc, "ceiling_shape", &isnull), &r->ceiling_shape))
		return PT_("ceiling_shape must be proportional, linear, zero or steps");
	if (!numeric_value(tup, desc, "floor_zero_at", &r->floor_zero_at))
		return PT_("floor_zero_at must not be NULL");
	if (!numeric_value(tup, desc, "ceiling_zero_at", &r->ceiling_zero_at))
		return PT_("ceiling_zero_at must not be NULL");
	r->has_missed_cap = numeric_value(tup, desc, "missed_cap", &r->missed_cap);
	r->has_tolerance = numeric_value(tup, desc, "tolerance", &r->tolerance);
	n = numeric_array(tup, desc, "step_at", r->step_at, PT_SCORE_MAX_STEPS);
	if (n < 0 || numeric_array(tup, desc, "step_points", r->step_points, PT_SCORE_MAX_STEPS) != n)
		return PT_("step_at and step_points must be arrays of the same length (at most 16), without NULLs");
	r->nsteps = n;
	/* steps in any order: highest threshold first */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && pt_decimal_cmp(&r->step_at[j], &r->step_at[j - 1]) > 0; j--)
		{
			pt_decimal	x = r->step_at[j],
						y = r->step_points[j];

			r->step_at[j] = r->step_at[j - 1];
			r->step_points[j] = r->step_points[j - 1];
			r->step_at[j - 1] = x;
			r->step_points[j - 1] = y;
		}
	{
		Datum		v = SPI_getbinval(tup, desc, SPI_fnumber(desc, "step_share"), &isnull);

		r->step_share = !isnull && DatumGetBool(v);
	}
	if (numeric_array(tup, desc, "qualitative_bands", bands, 3) != 2)
		return PT_("qualitative_bands must be two numbers: where 达成 and 部分达成 start, in percent of the weight (80, 60)");
	r->achieved_at = bands[0];
	r->partial_at = bands[1];
	if (numeric_array(tup, desc, "grade_bands", r->grade_at, 3) != 3)
		return PT_("grade_bands must be three numbers: where 优, 良 and 中 start (90, 80, 60)");
	if (pt_score_rule_check(r, why, sizeof(why)) != PT_SCORE_OK)
	{
		/* the core's check says it in ascending words; duplicates look the same */
		return why;
	}
	return NULL;
}

/* Rules read in this statement, by name. */
#define RULE_CACHE_SIZE 8

typedef struct rule_entry
{
	char	   *name;
	char	   *source;
	pt_score_rule rule;
} rule_entry;

typedef struct rule_cache
{
	LocalTransactionId lxid;
	CommandId	cid;
	uint64		completions;
	int			count;
	int			next;
	rule_entry	entries[RULE_CACHE_SIZE];
} rule_cache;

static LocalTransactionId
current_lxid(void)
{
#if PG_VERSION_NUM >= 170000
	return MyProc->vxid.lxid;
#else
	return MyProc->lxid;
#endif
}

/*
 * The rule named `name`, read from the rules table with the statement's
 * snapshot and kept for the rest of the statement.  NULL when there is no
 * such rule (and raise_missing is false).
 */
static const rule_entry *
find_rule(FunctionCallInfo fcinfo, const char *name, bool raise_missing)
{
	rule_cache *cache = (rule_cache *) fcinfo->flinfo->fn_extra;
	Snapshot	snap = ActiveSnapshotSet() ? GetActiveSnapshot() : NULL;
	rule_entry *e;
	int			i;
	Oid			nsp;
	char	   *sql;
	Datum		arg;
	Oid			argtype = TEXTOID;
	const char *bad;
	pt_score_rule rule;
	MemoryContext old;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(rule_cache));
		fcinfo->flinfo->fn_extra = cache;
	}
	/* a rule is read once per statement (and again after a change in this transaction) */
	if (snap == NULL || cache->lxid != current_lxid() || cache->cid != snap->curcid ||
		cache->completions != snap->snapXactCompletionCount)
	{
		for (i = 0; i < cache->count; i++)
		{
			pfree(cache->entries[i].name);
			pfree(cache->entries[i].source);
		}
		cache->count = cache->next = 0;
		cache->lxid = current_lxid();
		cache->cid = snap ? snap->curcid : InvalidCommandId;
		cache->completions = snap ? snap->snapXactCompletionCount : 0;
	}
	for (i = 0; i < cache->count; i++)
		if (strcmp(cache->entries[i].name, name) == 0)
			return &cache->entries[i];

	nsp = extension_schema(fcinfo);
	sql = psprintf("SELECT * FROM %s.ptarget_rule WHERE name OPERATOR(pg_catalog.=) $1",
				   quote_identifier(get_namespace_name(nsp)));
	arg = CStringGetTextDatum(name);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args(sql, 1, &argtype, &arg, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "reading the scoring rule failed");
	if (SPI_processed == 0)
	{
		SPI_finish();
		if (!raise_missing)
			return NULL;
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown scoring rule %s", pg_ptarget_quote(name, strlen(name))),
				 errhint("Rules are the rows of %s.ptarget_rule: standard and linear are built in; "
						 "add your own with INSERT.", quote_identifier(get_namespace_name(nsp)))));
	}
	bad = rule_from_tuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, &rule);
	if (bad != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scoring rule %s is not valid", pg_ptarget_quote(name, strlen(name))),
				 errdetail("%s.", pg_ptarget_message_text(bad))));
	{
		bool		isnull;
		const char *src = text_value(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, "source", &isnull);

		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		if (cache->count < RULE_CACHE_SIZE)
			e = &cache->entries[cache->count++];
		else
		{
			e = &cache->entries[cache->next];
			cache->next = (cache->next + 1) % RULE_CACHE_SIZE;
			pfree(e->name);
			pfree(e->source);
		}
		e->name = pstrdup(name);
		e->source = pstrdup(src ? src : "");
		e->rule = rule;
		MemoryContextSwitchTo(old);
	}
	SPI_finish();
	return e;
}

static const pt_score_rule *
standard_rule(void)
{
	static pt_score_rule r;
	static bool ready = false;

	if (!ready)
	{
		pt_score_rule_standard(&r);
		ready = true;
	}
	return &r;
}

/*
 * A direction as indicator tables write it (指标方向, 指标性质, 计算符号 cells;
 * surrounding spaces ignored); false when unknown.  An operator cell says
 * which way the target counts; "=" and 定量/定性 say nothing more than the
 * target does, so the rule reads point targets.
 */
static bool
parse_direction(const char *s, pt_direction *d)
{
	static const struct
	{
		const char *word;
		pt_direction dir;
	}			words[] = {
		{"", PT_DIRECTION_RULE}, {"定量", PT_DIRECTION_RULE}, {"定性", PT_DIRECTION_RULE},
		{"定量指标", PT_DIRECTION_RULE}, {"定性指标", PT_DIRECTION_RULE},
		{"=", PT_DIRECTION_RULE}, {"＝", PT_DIRECTION_RULE}, {"等于", PT_DIRECTION_RULE},
		{"floor", PT_DIRECTION_FLOOR}, {"正向", PT_DIRECTION_FLOOR}, {"正向指标", PT_DIRECTION_FLOOR}, {"正", PT_DIRECTION_FLOOR},
		{"≥", PT_DIRECTION_FLOOR}, {">=", PT_DIRECTION_FLOOR}, {"＞＝", PT_DIRECTION_FLOOR}, {"≧", PT_DIRECTION_FLOOR},
		{">", PT_DIRECTION_FLOOR}, {"＞", PT_DIRECTION_FLOOR}, {"大于", PT_DIRECTION_FLOOR}, {"大于等于", PT_DIRECTION_FLOOR},
		{"不低于", PT_DIRECTION_FLOOR}, {"不少于", PT_DIRECTION_FLOOR}, {"越大越好", PT_DIRECTION_FLOOR}, {"越高越好", PT_DIRECTION_FLOOR},
		{"ceiling", PT_DIRECTION_CEILING}, {"反向", PT_DIRECTION_CEILING}, {"反向指标", PT_DIRECTION_CEILING}, {"反", PT_DIRECTION_CEILING},
		{"≤", PT_DIRECTION_CEILING}, {"<=", PT_DIRECTION_CEILING}, {"＜＝", PT_DIRECTION_CEILING}, {"≦", PT_DIRECTION_CEILING},
		{"<", PT_DIRECTION_CEILING}, {"＜", PT_DIRECTION_CEILING}, {"小于", PT_DIRECTION_CEILING}, {"小于等于", PT_DIRECTION_CEILING},
		{"不高于", PT_DIRECTION_CEILING}, {"不超过", PT_DIRECTION_CEILING}, {"越小越好", PT_DIRECTION_CEILING}, {"越低越好", PT_DIRECTION_CEILING},
		{"exact", PT_DIRECTION_EXACT}, {"双向", PT_DIRECTION_EXACT},
	};
	size_t		i,
				len = strlen(s);

	/* ASCII and ideographic spaces around the word */
	while (len > 0 && s[len - 1] == ' ')
		len--;
	while (len >= 3 && memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0)
		len -= 3;
	while (len > 0 && s[0] == ' ')
		s++, len--;
	while (len >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
		s += 3, len -= 3;
	for (i = 0; i < lengthof(words); i++)
		if (strlen(words[i].word) == len && memcmp(s, words[i].word, len) == 0)
		{
			*d = words[i].dir;
			return true;
		}
	return false;
}

static pt_direction
direction_arg(FunctionCallInfo fcinfo, int argno)
{
	size_t		len;
	char	   *s;
	pt_direction d;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return PT_DIRECTION_RULE;
	s = pg_ptarget_utf8(PG_GETARG_TEXT_PP(argno), &len);
	if (!parse_direction(s, &d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown direction %s", pg_ptarget_quote_utf8(s, len)),
				 errhint("%s", pg_ptarget_message_text(
					 PT_("Write floor (正向, ≥: more is better), ceiling (反向, ≤: less is better), "
						 "exact (=: both ways count) or NULL for the rule's reading of point targets.")))));
	return d;
}

/* ---------------------------------------------------------------- actual values */

typedef enum actual_type
{
	ACTUAL_PTARGET,
	ACTUAL_NUMERIC,
	ACTUAL_DATE
} actual_type;

static void
actual_from_number(const pt_target *t, Datum number, pt_target *a)
{
	pt_decimal	n;

	numeric_decimal(number, "actual", &n);
	if (!pt_score_actual_number(t, &n, a))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("actual %s is out of range for its target's unit",
						DatumGetCString(DirectFunctionCall1(numeric_out, number)))));
}

static void
actual_from_date(DateADT day, pt_target *a)
{
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot score an infinite date as an actual"),
				 errhint("Give the day the work was done.")));
	pt_score_actual_day(day, a);
}

/* Target (argument 0) and actual (argument 1, of type `at`). */
static void
read_pair(FunctionCallInfo fcinfo, actual_type at, pt_target *t, pt_target *a)
{
	PG_GETARG_PTARGET(0, t);
	if (at == ACTUAL_PTARGET)
		PG_GETARG_PTARGET(1, a);
	else if (at == ACTUAL_NUMERIC)
		actual_from_number(t, PG_GETARG_DATUM(1), a);
	else
		actual_from_date(PG_GETARG_DATEADT(1), a);
}

static void
report(const pt_evaluation *ev)
{
	const char *hint;

	switch (ev->status)
	{
		case PT_SCORE_MISMATCH:
			hint = PT_("An actual must be of its target's kind and dimension: give it in a unit of the "
					   "target's dimension, or pass a plain number, which is read in the target's written unit.");
			break;
		case PT_SCORE_NOT_GRADE:
			hint = PT_("A qualitative target is scored by a grade: 达成年度指标 (or 达成预期指标), "
					   "部分达成年度指标…, 未达成年度指标…, 优, 良, 中 or 差, or the target's own words.");
			break;
		case PT_SCORE_UNBOUNDED:
			hint = PT_("Give the actual as one value (4520人), not as a range or a bound.");
			break;
		default:
			hint = NULL;
	}
	ereport(ERROR,
			(errcode(ev->status == PT_SCORE_OVERFLOW ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
					 : ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s", pg_ptarget_message_text(ev->message)),
			 hint ? errhint("%s", pg_ptarget_message_text(hint)) : 0));
}

static pt_evaluation *
evaluate_or_raise(const pt_target *t, const pt_target *a, const pt_decimal *w,
				  const pt_score_rule *rule, pt_direction dir)
{
	pt_evaluation *ev = palloc(sizeof(pt_evaluation));

	if (pt_evaluate(t, a, w, rule, dir, ev) != PT_SCORE_OK)
		report(ev);
	return ev;
}

/* ---------------------------------------------------------------- met, completion */

static Datum
met(FunctionCallInfo fcinfo, actual_type at)
{
	pt_target	t,
				a;
	pt_evaluation *ev;

	read_pair(fcinfo, at, &t, &a);
	ev = evaluate_or_raise(&t, &a, NULL, standard_rule(), PT_DIRECTION_RULE);
	if (ev->not_applicable)
		PG_RETURN_NULL();		/* 不适用: neither met nor missed */
	PG_RETURN_BOOL(ev->met);
}

PG_FUNCTION_INFO_V1(ptarget_met);
Datum
ptarget_met(PG_FUNCTION_ARGS)
{
	return met(fcinfo, ACTUAL_PTARGET);
}

PG_FUNCTION_INFO_V1(ptarget_met_numeric);
Datum
ptarget_met_numeric(PG_FUNCTION_ARGS)
{
	return met(fcinfo, ACTUAL_NUMERIC);
}

PG_FUNCTION_INFO_V1(ptarget_met_date);
Datum
ptarget_met_date(PG_FUNCTION_ARGS)
{
	return met(fcinfo, ACTUAL_DATE);
}

static Datum
completion(FunctionCallInfo fcinfo, actual_type at)
{
	pt_target	t,
				a;
	pt_evaluation *ev;

	read_pair(fcinfo, at, &t, &a);
	ev = evaluate_or_raise(&t, &a, NULL, standard_rule(), PT_DIRECTION_RULE);
	if (!ev->has_completion)
		PG_RETURN_NULL();
	return decimal_numeric(&ev->completion);
}

PG_FUNCTION_INFO_V1(ptarget_completion);
Datum
ptarget_completion(PG_FUNCTION_ARGS)
{
	return completion(fcinfo, ACTUAL_PTARGET);
}

PG_FUNCTION_INFO_V1(ptarget_completion_numeric);
Datum
ptarget_completion_numeric(PG_FUNCTION_ARGS)
{
	return completion(fcinfo, ACTUAL_NUMERIC);
}

/* ---------------------------------------------------------------- score */

/* (target, actual, weight, rule, direction): NULL when any of the first four is */
static Datum
score(FunctionCallInfo fcinfo, actual_type at)
{
	pt_target	t,
				a;
	pt_decimal	w;
	const rule_entry *rule;
	pt_direction dir;
	pt_evaluation *ev;
	int			i;

	for (i = 0; i < 4; i++)
		if (PG_ARGISNULL(i))
			PG_RETURN_NULL();
	read_pair(fcinfo, at, &t, &a);
	numeric_decimal(PG_GETARG_DATUM(2), gettext_noop("weight"), &w);
	rule = find_rule(fcinfo, text_to_cstring(PG_GETARG_TEXT_PP(3)), true);
	dir = direction_arg(fcinfo, 4);
	ev = evaluate_or_raise(&t, &a, &w, &rule->rule, dir);
	if (!ev->has_score)
		PG_RETURN_NULL();		/* 不适用: the indicator is left out */
	return decimal_numeric(&ev->score);
}

PG_FUNCTION_INFO_V1(ptarget_score);
Datum
ptarget_score(PG_FUNCTION_ARGS)
{
	return score(fcinfo, ACTUAL_PTARGET);
}

PG_FUNCTION_INFO_V1(ptarget_score_numeric);
Datum
ptarget_score_numeric(PG_FUNCTION_ARGS)
{
	return score(fcinfo, ACTUAL_NUMERIC);
}

PG_FUNCTION_INFO_V1(ptarget_score_date);
Datum
ptarget_score_date(PG_FUNCTION_ARGS)
{
	return score(fcinfo, ACTUAL_DATE);
}

/* ---------------------------------------------------------------- evaluate */

enum
{
	EV_MET,
	EV_COMPLETION,
	EV_SCORE,
	EV_BAND,
	EV_APPLIES,
	EV_RULE_SOURCE,
	EV_REASON,
	EV_COLUMNS
};

static Datum
band_range(const pt_evaluation *ev)
{
	TypeCacheEntry *typcache = lookup_type_cache(NUMRANGEOID, TYPECACHE_RANGE_INFO);
	RangeBound	lo,
				hi;

	lo.val = decimal_numeric(&ev->band_low);
	lo.infinite = false;
	lo.inclusive = true;
	lo.lower = true;
	hi.val = decimal_numeric(&ev->score);
	hi.infinite = false;
	hi.inclusive = ev->band_high_inclusive ||
		pt_decimal_cmp(&ev->band_low, &ev->score) == 0;
	hi.lower = false;
	return PointerGetDatum(make_range(typcache, &lo, &hi, false));
}

/*
 * The whole story of one indicator, for views: never an error for the row's
 * own values (a mismatch, an unknown grade, a bad direction or rule name are
 * told in `reason`, with NULL met and score), so one odd row cannot stop a
 * report.  A missing actual scores 0; a missing weight gives no score.
 */
static Datum
evaluate(FunctionCallInfo fcinfo, actual_type at)
{
	TupleDesc	desc;
	Datum		values[EV_COLUMNS];
	bool		nulls[EV_COLUMNS];
	pt_target	t,
				a;
	pt_decimal	w;
	const rule_entry *rule = NULL;
	pt_direction dir = PT_DIRECTION_RULE;
	pt_evaluation *ev = palloc0(sizeof(pt_evaluation));
	const char *why = NULL;
	const char *note = NULL;
	char	   *rule_name = PG_ARGISNULL(3) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(3));

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "ptarget_evaluate must return a record");
	desc = BlessTupleDesc(desc);
	memset(nulls, true, sizeof(nulls));
	values[EV_APPLIES] = BoolGetDatum(true);
	nulls[EV_APPLIES] = false;

	if (rule_name == NULL)
		why = "no rule";
	else if ((rule = find_rule(fcinfo, rule_name, false)) == NULL)
		why = psprintf("unknown scoring rule \"%s\"", rule_name);
	else
	{
		values[EV_RULE_SOURCE] = CStringGetTextDatum(rule->source);
		nulls[EV_RULE_SOURCE] = false;
	}
	if (why == NULL && !PG_ARGISNULL(4))
	{
		size_t		len;
		char	   *s = pg_ptarget_utf8(PG_GETARG_TEXT_PP(4), &len);

		/* a direction cell the scorer does not know: the rule reads the target, and says so */
		if (!parse_direction(s, &dir))
			note = psprintf(" (direction \"%s\" not understood: read as the rule says)", s);
	}
	if (why == NULL && PG_ARGISNULL(0))
		why = "no target";
	if (why == NULL && PG_ARGISNULL(1))
	{
		/* nothing reported: no points, and the weight still counts */
		why = "no actual value (实际完成值) reported: 0";
		values[EV_SCORE] = decimal_numeric(&(pt_decimal) {0, 0});
		nulls[EV_SCORE] = false;
		if (!PG_ARGISNULL(2))
		{
			ev->score = ev->band_low = (pt_decimal) {0, 0};
			ev->band_high_inclusive = true;
			values[EV_BAND] = band_range(ev);
			nulls[EV_BAND] = false;
		}
		else
			nulls[EV_SCORE] = true;
	}
	if (why == NULL)
	{
		read_pair(fcinfo, at, &t, &a);
		if (!PG_ARGISNULL(2))
			numeric_decimal(PG_GETARG_DATUM(2), gettext_noop("weight"), &w);
		if (pt_evaluate(&t, &a, PG_ARGISNULL(2) ? NULL : &w, &rule->rule, dir, ev) != PT_SCORE_OK)
			why = psprintf("cannot score: %s", ev->message);
		else
		{
			why = ev->reason;
			values[EV_APPLIES] = BoolGetDatum(!ev->not_applicable);
			if (!ev->not_applicable)
			{
				values[EV_MET] = BoolGetDatum(ev->met);
				nulls[EV_MET] = false;
			}
			if (ev->has_completion)
			{
				values[EV_COMPLETION] = decimal_numeric(&ev->completion);
				nulls[EV_COMPLETION] = false;
			}
			if (ev->has_score)
			{
				values[EV_SCORE] = decimal_numeric(&ev->score);
				nulls[EV_SCORE] = false;
				values[EV_BAND] = band_range(ev);
				nulls[EV_BAND] = false;
			}
			else if (!ev->not_applicable)
				why = psprintf("%s; no weight, no score", ev->reason);
		}
	}
	if (note != NULL)
		why = psprintf("%s%s", why, note);
	values[EV_REASON] = PointerGetDatum(pg_ptarget_text(why, strlen(why)));
	nulls[EV_REASON] = false;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

PG_FUNCTION_INFO_V1(ptarget_evaluate);
Datum
ptarget_evaluate(PG_FUNCTION_ARGS)
{
	return evaluate(fcinfo, ACTUAL_PTARGET);
}

PG_FUNCTION_INFO_V1(ptarget_evaluate_numeric);
Datum
ptarget_evaluate_numeric(PG_FUNCTION_ARGS)
{
	return evaluate(fcinfo, ACTUAL_NUMERIC);
}

PG_FUNCTION_INFO_V1(ptarget_evaluate_date);
Datum
ptarget_evaluate_date(PG_FUNCTION_ARGS)
{
	return evaluate(fcinfo, ACTUAL_DATE);
}

/* ---------------------------------------------------------------- totals */

PG_FUNCTION_INFO_V1(ptarget_grade);
Datum
ptarget_grade(PG_FUNCTION_ARGS)
{
	pt_decimal	total;
	const rule_entry *rule = find_rule(fcinfo, text_to_cstring(PG_GETARG_TEXT_PP(1)), true);
	const char *g;

	numeric_decimal(PG_GETARG_DATUM(0), "total", &total);
	g = pt_score_grade_name(pt_score_grade(&total, &rule->rule));
	PG_RETURN_TEXT_P(pg_ptarget_text(g, strlen(g)));
}

/* part × scale ÷ whole, rounded half-up to 2 places, exactly; NULL when whole is 0 */
PG_FUNCTION_INFO_V1(ptarget_rescale);
Datum
ptarget_rescale(PG_FUNCTION_ARGS)
{
	pt_decimal	part,
				whole,
				scale,
				r;

	numeric_decimal(PG_GETARG_DATUM(0), "part", &part);
	numeric_decimal(PG_GETARG_DATUM(1), "whole", &whole);
	numeric_decimal(PG_GETARG_DATUM(2), "scale", &scale);
	if (whole.coef == 0)
		PG_RETURN_NULL();
	if (!pt_score_muldiv(&part, &scale, &whole, PT_SCORE_PLACES, &r))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rescaled value is out of range"),
				 errdetail("The result needs more than 36 digits.")));
	return decimal_numeric(&r);
}

/* A floor target of the budget and the executed amount, as bare numbers. */
static void
budget_pair(FunctionCallInfo fcinfo, pt_target *t, pt_target *a, bool *defined)
{
	pt_decimal	budget,
				executed;

	numeric_decimal(PG_GETARG_DATUM(0), "budget", &budget);
	numeric_decimal(PG_GETARG_DATUM(1), "executed amount", &executed);
	*defined = budget.coef > 0;
	memset(t, 0, sizeof(*t));
	t->kind = PT_KIND_QUANTITY;
	t->op = PT_OP_GE;
	t->unit_id = PT_UNIT_NONE;
	t->unit_key = "";
	t->places[0] = t->places[1] = (uint8_t) pt_decimal_min_places(&budget);
	t->lower.value = budget;
	pt_bounds_from_op(t);
	pt_score_actual_number(t, &executed, a);
}

/* 预算执行率: executed ÷ budget in percent; NULL without a positive budget */
PG_FUNCTION_INFO_V1(ptarget_budget_execution);
Datum
ptarget_budget_execution(PG_FUNCTION_ARGS)
{
	pt_target	t,
				a;
	bool		defined;

	budget_pair(fcinfo, &t, &a, &defined);
	if (!defined)
		PG_RETURN_NULL();
	return decimal_numeric(&evaluate_or_raise(&t, &a, NULL, standard_rule(), PT_DIRECTION_RULE)->completion);
}

PG_FUNCTION_INFO_V1(ptarget_budget_score);
Datum
ptarget_budget_score(PG_FUNCTION_ARGS)
{
	pt_target	t,
				a;
	bool		defined;
	pt_decimal	w;
	const rule_entry *rule;

	budget_pair(fcinfo, &t, &a, &defined);
	numeric_decimal(PG_GETARG_DATUM(2), gettext_noop("weight"), &w);
	rule = find_rule(fcinfo, text_to_cstring(PG_GETARG_TEXT_PP(3)), true);
	if (!defined)
		PG_RETURN_NULL();
	return decimal_numeric(&evaluate_or_raise(&t, &a, &w, &rule->rule, PT_DIRECTION_RULE)->score);
}

/* ---------------------------------------------------------------- triggers */

static Oid
ptarget_type(FunctionCallInfo fcinfo)
{
	Oid			typ = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum("ptarget"),
									  ObjectIdGetDatum(extension_schema(fcinfo)));

	if (!OidIsValid(typ))
		elog(ERROR, "type ptarget not found in the extension's schema");
	return typ;
}

static int
column(Relation rel, const char *name, const char *role)
{
	int			attno = SPI_fnumber(RelationGetDescr(rel), name);

	if (attno <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist", name, RelationGetRelationName(rel)),
				 errdetail("ptarget_check_actual was given it as the %s column.", role)));
	return attno;
}

/* UTF-8 spelling of a value for messages, bounded and quoted, in the database encoding */
static char *
quoted(const pt_target *t)
{
	char	   *buf = palloc(pt_format_size(t) + 1);
	size_t		n = pt_format(t, buf, pt_format_size(t) + 1);

	return pg_ptarget_quote_utf8(buf, n);
}

/*
 * CREATE TRIGGER … BEFORE INSERT OR UPDATE … FOR EACH ROW EXECUTE FUNCTION
 *   ptarget_check_actual('target_col', 'actual_col' [, 'reject' | 'flag' [, 'flag_col']])
 * reject (the default): an actual that misses its target is an error naming
 * both; flag: the row is kept and the flag column (default <actual_col>_flag,
 * text or boolean) says why (text) or true (boolean); NULL or false when met.
 * The actual may be ptarget, numeric (in the target's written unit), an
 * integer, date or text (read as a ptarget).
 */
PG_FUNCTION_INFO_V1(ptarget_check_actual);
Datum
ptarget_check_actual(PG_FUNCTION_ARGS)
{
	pt_score_status rc;
	TriggerData *td;
	Trigger    *trigger;
	Relation	rel;
	TupleDesc	desc;
	HeapTuple	tuple;
	char	  **args;
	bool		flag_mode = false;
	const char *flag_name = NULL;
	int			tcol,
				acol,
				fcol = 0;
	Oid			ttype,
				atype,
				ftype = InvalidOid;
	Datum		tval,
				aval;
	bool		tnull,
				anull;
	pt_target	t,
				a;
	pt_evaluation *ev;
	const char *flag_text = NULL;	/* NULL: met or nothing to check */

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("ptarget_check_actual: not called by the trigger manager")));
	td = (TriggerData *) fcinfo->context;
	if (!TRIGGER_FIRED_FOR_ROW(td->tg_event) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		TRIGGER_FIRED_BY_DELETE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("ptarget_check_actual must be fired BEFORE INSERT OR UPDATE, FOR EACH ROW")));
	trigger = td->tg_trigger;
	args = trigger->tgargs;
	rel = td->tg_relation;
	desc = RelationGetDescr(rel);
	tuple = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;

	if (trigger->tgnargs < 2 || trigger->tgnargs > 4)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("ptarget_check_actual takes 2 to 4 arguments, got %d", trigger->tgnargs),
				 errhint("EXECUTE FUNCTION ptarget_check_actual('target_column', 'actual_column' "
						 "[, 'reject' | 'flag' [, 'flag_column']])")));
	if (trigger->tgnargs >= 3)
	{
		if (strcmp(args[2], "flag") == 0)
			flag_mode = true;
		else if (strcmp(args[2], "reject") != 0)
			ereport(ERROR,
					(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
					 errmsg("ptarget_check_actual: mode must be 'reject' or 'flag', not \"%s\"", args[2])));
	}
	tcol = column(rel, args[0], "target");
	acol = column(rel, args[1], "actual");
	ttype = getBaseType(SPI_gettypeid(desc, tcol));
	atype = getBaseType(SPI_gettypeid(desc, acol));
	if (ttype != ptarget_type(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" of relation \"%s\" is not a ptarget", args[0], RelationGetRelationName(rel))));
	if (atype != ttype && atype != NUMERICOID && atype != INT2OID && atype != INT4OID && atype != INT8OID &&
		atype != DATEOID && atype != TEXTOID && atype != VARCHAROID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" of relation \"%s\" has a type ptarget_check_actual cannot read as an actual",
						args[1], RelationGetRelationName(rel)),
				 errhint("An actual column is ptarget, numeric (in the target's written unit), an integer, date or text.")));
	if (flag_mode)
	{
		flag_name = trigger->tgnargs == 4 ? args[3] : psprintf("%s_flag", args[1]);
		fcol = column(rel, flag_name, "flag");
		ftype = getBaseType(SPI_gettypeid(desc, fcol));
		if (ftype != TEXTOID && ftype != VARCHAROID && ftype != BOOLOID)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("flag column \"%s\" of relation \"%s\" must be text or boolean",
							flag_name, RelationGetRelationName(rel))));
	}

	tval = SPI_getbinval(tuple, desc, tcol, &tnull);
	aval = SPI_getbinval(tuple, desc, acol, &anull);
	if (!tnull && !anull)
	{
		pg_ptarget_unpack(tval, &t);
		if (atype == ttype)
			pg_ptarget_unpack(aval, &a);
		else if (atype == NUMERICOID)
			actual_from_number(&t, aval, &a);
		else if (atype == INT2OID)
			actual_from_number(&t, DirectFunctionCall1(int2_numeric, aval), &a);
		else if (atype == INT4OID)
			actual_from_number(&t, DirectFunctionCall1(int4_numeric, aval), &a);
		else if (atype == INT8OID)
			actual_from_number(&t, DirectFunctionCall1(int8_numeric, aval), &a);
		else if (atype == DATEOID)
			actual_from_date(DatumGetDateADT(aval), &a);
		else
		{
			text	   *s = DatumGetTextPP(aval);

			pg_ptarget_parse(VARDATA_ANY(s), VARSIZE_ANY_EXHDR(s), &a, NULL);
		}
		ev = palloc(sizeof(pt_evaluation));
		if (flag_mode)
			pg_ptarget_nls_pause();	/* the flag column is data: in English */
		rc = pt_evaluate(&t, &a, NULL, standard_rule(), PT_DIRECTION_RULE, ev);
		if (flag_mode)
			pg_ptarget_nls_resume();
		if (rc != PT_SCORE_OK)
		{
			if (!flag_mode)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s", pg_ptarget_message_text(ev->message)),
						 errdetail("Row of relation \"%s\": actual column \"%s\", target column \"%s\".",
								   RelationGetRelationName(rel), args[1], args[0]),
						 errtablecol(rel, acol)));
			flag_text = psprintf("cannot compare: %s", ev->message);
		}
		else if (!ev->met && !ev->not_applicable)
		{
			if (!flag_mode)
				ereport(ERROR,
						(errcode(ERRCODE_CHECK_VIOLATION),
						 errmsg("actual %s does not meet target %s", quoted(&a), quoted(&t)),
						 errdetail("Row of relation \"%s\": actual column \"%s\", target column \"%s\"; %s.",
								   RelationGetRelationName(rel), args[1], args[0],
								   pg_ptarget_message_text(ev->reason)),
						 errhint("Correct the actual, or create the trigger with 'flag' to keep such rows "
								 "and record the miss in a column."),
						 errtablecol(rel, acol)));
			flag_text = ev->reason;
		}
	}
	if (flag_mode)
	{
		Datum		value;
		bool		isnull = false;

		if (ftype == BOOLOID)
			value = BoolGetDatum(flag_text != NULL);
		else if (flag_text != NULL)
			value = PointerGetDatum(pg_ptarget_text(flag_text, strlen(flag_text)));
		else
		{
			value = (Datum) 0;
			isnull = true;
		}
		tuple = heap_modify_tuple_by_cols(tuple, desc, 1, &fcol, &value, &isnull);
	}
	return PointerGetDatum(tuple);
}

/*
 * Guard of the configuration tables (ptarget_rule, ptarget_level_weight):
 * built-in rows come from the extension script and stay as they are (they
 * are not dumped, so a change would be lost by pg_dump); a rule row must make
 * sense (argument 'rule').  Also refuses TRUNCATE, which would drop them.
 */
PG_FUNCTION_INFO_V1(ptarget_config_guard);
Datum
ptarget_config_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td;
	TupleDesc	desc;
	const char *table;
	HeapTuple	old_row = NULL,
				new_row = NULL;
	bool		isnull;
	int			builtin;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("ptarget_config_guard: not called by the trigger manager")));
	td = (TriggerData *) fcinfo->context;
	table = RelationGetRelationName(td->tg_relation);
	desc = RelationGetDescr(td->tg_relation);
	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("cannot truncate %s: it holds the built-in rows", table),
				 errhint("DELETE FROM %s WHERE NOT builtin removes the rows you added.", table)));
	if (!TRIGGER_FIRED_FOR_ROW(td->tg_event))
		return PointerGetDatum(NULL);
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		old_row = td->tg_trigtuple;
		new_row = td->tg_newtuple;
	}
	else if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
		old_row = td->tg_trigtuple;
	else
		new_row = td->tg_trigtuple;
	builtin = SPI_fnumber(desc, "builtin");
	if ((old_row && DatumGetBool(SPI_getbinval(old_row, desc, builtin, &isnull)) && !isnull) ||
		(new_row && DatumGetBool(SPI_getbinval(new_row, desc, builtin, &isnull)) && !isnull))
	{
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("the built-in rows of %s cannot be changed", table),
				 errdetail("Built-in rows come with the extension and are not dumped by pg_dump, "
						   "so a change to them would not survive a dump and restore."),
				 errhint("Add a row of your own under another name, e.g. INSERT INTO %s SELECT … with builtin = false.",
						 table)));
	}
	if (new_row && td->tg_trigger->tgnargs > 0 && strcmp(td->tg_trigger->tgargs[0], "rule") == 0)
	{
		pt_score_rule rule;
		const char *bad = rule_from_tuple(new_row, desc, &rule);

		if (bad != NULL)
		{
			Datum		name = SPI_getbinval(new_row, desc, SPI_fnumber(desc, "name"), &isnull);

			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("scoring rule \"%s\" is not valid", isnull ? "" : TextDatumGetCString(name)),
					 errdetail("%s.", pg_ptarget_message_text(bad))));
		}
	}
	return PointerGetDatum(TRIGGER_FIRED_BY_DELETE(td->tg_event) ? old_row : new_row);
}
