/*
 * pg_accessors.c — plain-column views of a ptarget for BI tools and
 * triggers, constructors, unit conversion and range conversions.
 */
#include "pg_ptarget.h"

#include <float.h>

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "lib/stringinfo.h"
#include "utils/date.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

static const char *
kind_name(pt_kind kind)
{
	switch (kind)
	{
		case PT_KIND_QUANTITY:
			return "quantity";
		case PT_KIND_DATE:
			return "date";
		default:
			return "label";
	}
}

#define RETURN_UTF8_TEXT(s, n) PG_RETURN_TEXT_P(pg_ptarget_text((s), (n)))

PG_FUNCTION_INFO_V1(ptarget_kind);
Datum
ptarget_kind(PG_FUNCTION_ARGS)
{
	pt_target	t;

	PG_GETARG_PTARGET(0, &t);
	PG_RETURN_TEXT_P(cstring_to_text(kind_name(t.kind)));
}

PG_FUNCTION_INFO_V1(ptarget_operator);
Datum
ptarget_operator(PG_FUNCTION_ARGS)
{
	pt_target	t;
	const char *op;

	PG_GETARG_PTARGET(0, &t);
	if (t.kind == PT_KIND_LABEL)
		PG_RETURN_NULL();
	op = pt_op_symbol(t.op);
	RETURN_UTF8_TEXT(op, strlen(op));
}

/* magnitude(t) and magnitude_upper(t): as written, in the written unit */
static Datum
written_magnitude(FunctionCallInfo fcinfo, bool upper)
{
	pt_target	t;
	pt_decimal	m;

	PG_GETARG_PTARGET(0, &t);
	if (t.kind != PT_KIND_QUANTITY || !pt_written_magnitude(&t, upper, &m))
		PG_RETURN_NULL();
	return pg_decimal_to_numeric(&m, t.places[upper ? 1 : 0]);
}

PG_FUNCTION_INFO_V1(ptarget_magnitude);
Datum
ptarget_magnitude(PG_FUNCTION_ARGS)
{
	return written_magnitude(fcinfo, false);
}

PG_FUNCTION_INFO_V1(ptarget_magnitude_upper);
Datum
ptarget_magnitude_upper(PG_FUNCTION_ARGS)
{
	return written_magnitude(fcinfo, true);
}

PG_FUNCTION_INFO_V1(ptarget_unit);
Datum
ptarget_unit(PG_FUNCTION_ARGS)
{
	pt_target	t;
	char		buf[2 * PT_UNIT_MAX_BYTES + 16];
	size_t		n;

	PG_GETARG_PTARGET(0, &t);
	if (t.kind != PT_KIND_QUANTITY)
		PG_RETURN_NULL();
	n = pt_format_unit(&t, buf, sizeof(buf));
	RETURN_UTF8_TEXT(buf, n);
}

PG_FUNCTION_INFO_V1(ptarget_base_unit);
Datum
ptarget_base_unit(PG_FUNCTION_ARGS)
{
	pt_target	t;

	PG_GETARG_PTARGET(0, &t);
	if (t.kind != PT_KIND_QUANTITY)
		PG_RETURN_NULL();
	/* the dimension key is the base unit's spelling, with any /denominators */
	RETURN_UTF8_TEXT(t.unit_key, t.unit_key_len);
}

PG_FUNCTION_INFO_V1(ptarget_dimension);
Datum
ptarget_dimension(PG_FUNCTION_ARGS)
{
	pt_target	t;
	char		buf[2 * PT_UNIT_MAX_BYTES + 16];
	size_t		n;

	PG_GETARG_PTARGET(0, &t);
	n = pt_format_dimension(&t, buf, sizeof(buf));
	RETURN_UTF8_TEXT(buf, n);
}

/* lower(t) / upper(t): quantity bounds in the base unit; NULL when unbounded */
static Datum
bound_value(FunctionCallInfo fcinfo, bool upper)
{
	pt_target	t;
	const pt_bound *b;

	PG_GETARG_PTARGET(0, &t);
	b = upper ? &t.upper : &t.lower;
	if (t.kind != PT_KIND_QUANTITY || b->infinite)
		PG_RETURN_NULL();
	return pg_decimal_to_numeric(&b->value, 0);
}

PG_FUNCTION_INFO_V1(ptarget_lower);
Datum
ptarget_lower(PG_FUNCTION_ARGS)
{
	return bound_value(fcinfo, false);
}

PG_FUNCTION_INFO_V1(ptarget_upper);
Datum
ptarget_upper(PG_FUNCTION_ARGS)
{
	return bound_value(fcinfo, true);
}

static Datum
bound_day(FunctionCallInfo fcinfo, bool upper)
{
	pt_target	t;
	const pt_bound *b;

	PG_GETARG_PTARGET(0, &t);
	b = upper ? &t.upper : &t.lower;
	if (t.kind != PT_KIND_DATE || b->infinite)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT((DateADT) b->day);
}

PG_FUNCTION_INFO_V1(ptarget_lower_date);
Datum
ptarget_lower_date(PG_FUNCTION_ARGS)
{
	return bound_day(fcinfo, false);
}

PG_FUNCTION_INFO_V1(ptarget_upper_date);
Datum
ptarget_upper_date(PG_FUNCTION_ARGS)
{
	return bound_day(fcinfo, true);
}

static Datum
bound_inclusive(FunctionCallInfo fcinfo, bool upper)
{
	pt_target	t;

	PG_GETARG_PTARGET(0, &t);
	if (t.kind == PT_KIND_LABEL)
		PG_RETURN_NULL();
	PG_RETURN_BOOL(upper ? t.upper.inclusive : t.lower.inclusive);
}

PG_FUNCTION_INFO_V1(ptarget_lower_inclusive);
Datum
ptarget_lower_inclusive(PG_FUNCTION_ARGS)
{
	return bound_inclusive(fcinfo, false);
}

PG_FUNCTION_INFO_V1(ptarget_upper_inclusive);
Datum
ptarget_upper_inclusive(PG_FUNCTION_ARGS)
{
	return bound_inclusive(fcinfo, true);
}

PG_FUNCTION_INFO_V1(ptarget_label);
Datum
ptarget_label(PG_FUNCTION_ARGS)
{
	pt_target	t;

	PG_GETARG_PTARGET(0, &t);
	if (t.kind != PT_KIND_LABEL)
		PG_RETURN_NULL();
	RETURN_UTF8_TEXT(t.label, t.label_len);
}

PG_FUNCTION_INFO_V1(ptarget_is_approximate);
Datum
ptarget_is_approximate(PG_FUNCTION_ARGS)
{
	pt_target	t;

	PG_GETARG_PTARGET(0, &t);
	PG_RETURN_BOOL((t.flags & PT_FLAG_APPROXIMATE) != 0);
}

/* ---------------------------------------------------------------- construction */

static void
report_if_failed(pt_status st, const pt_error *err, const char *what)
{
	if (st != PT_OK)
		pg_ptarget_report(err, what, NULL);
}

PG_FUNCTION_INFO_V1(ptarget_from_numeric);
Datum
ptarget_from_numeric(PG_FUNCTION_ARGS)
{
	pt_decimal	m;
	int			places;
	pt_target	t;
	pt_error	err;
	char		scratch[256];

	pg_numeric_to_decimal(PG_GETARG_DATUM(0), &m, &places);
	report_if_failed(pt_build("", 0, &m, places, "", 0, &t, scratch, &err), &err,
					 DatumGetCString(DirectFunctionCall1(numeric_out, PG_GETARG_DATUM(0))));
	PG_RETURN_DATUM(pg_ptarget_datum(&t));
}

/*
 * Integers become targets exactly as the same number does through numeric:
 * an exact magnitude with no decimal places (5::ptarget = 5::numeric::ptarget).
 */
static Datum
from_integer(int64 value)
{
	pt_decimal	m;
	pt_target	t;
	pt_error	err;
	char		scratch[256];

	m.coef = value;
	m.exp = 0;
	pt_decimal_normalize(&m);
	report_if_failed(pt_build("", 0, &m, 0, "", 0, &t, scratch, &err), &err,
					 psprintf(INT64_FORMAT, value));
	PG_RETURN_DATUM(pg_ptarget_datum(&t));
}

PG_FUNCTION_INFO_V1(ptarget_from_int2);
Datum
ptarget_from_int2(PG_FUNCTION_ARGS)
{
	return from_integer(PG_GETARG_INT16(0));
}

PG_FUNCTION_INFO_V1(ptarget_from_int4);
Datum
ptarget_from_int4(PG_FUNCTION_ARGS)
{
	return from_integer(PG_GETARG_INT32(0));
}

PG_FUNCTION_INFO_V1(ptarget_from_int8);
Datum
ptarget_from_int8(PG_FUNCTION_ARGS)
{
	return from_integer(PG_GETARG_INT64(0));
}

/*
 * Binary floating point has no exact decimal value for most numbers people
 * write (0.1 is 0.1000000000000000055511151231257827…), so there is no
 * float cast that could be exact.  These cast functions exist only to answer
 * a cast or a ptarget(x) call with what to write instead.
 */
static void
refuse_binary_float(const char *type_name, const char *tenth, int digits)
{
	ereport(ERROR,
			(errcode(ERRCODE_CANNOT_COERCE),
			 errmsg("cannot cast type %s to ptarget", type_name),
			 errdetail("A binary floating-point number is not an exact decimal "
					   "(0.1 as %s is %s...), and a target's magnitude is exact.", type_name, tenth),
			 errhint("Cast it to numeric first (x::numeric::ptarget), which gives back the decimal "
					 "the client wrote when it had at most %d significant digits; "
					 "to be exact for any number, pass it as numeric or text.", digits)));
}

PG_FUNCTION_INFO_V1(ptarget_from_float4);
Datum
ptarget_from_float4(PG_FUNCTION_ARGS)
{
	refuse_binary_float("real", "0.100000001490116119", FLT_DIG);
	PG_RETURN_NULL();			/* not reached */
}

PG_FUNCTION_INFO_V1(ptarget_from_float8);
Datum
ptarget_from_float8(PG_FUNCTION_ARGS)
{
	refuse_binary_float("double precision", "0.100000000000000005551", DBL_DIG);
	PG_RETURN_NULL();			/* not reached */
}

PG_FUNCTION_INFO_V1(ptarget_build);
Datum
ptarget_build(PG_FUNCTION_ARGS)
{
	size_t		op_len,
				unit_len;
	char	   *op = pg_ptarget_utf8(PG_GETARG_TEXT_PP(0), &op_len);
	char	   *unit = pg_ptarget_utf8(PG_GETARG_TEXT_PP(2), &unit_len);
	pt_decimal	m;
	int			places;
	pt_target	t;
	pt_error	err;
	char	   *scratch = palloc(pt_parse_scratch_size(op_len + unit_len));

	pg_numeric_to_decimal(PG_GETARG_DATUM(1), &m, &places);
	report_if_failed(pt_build(op, op_len, &m, places, unit, unit_len, &t, scratch, &err), &err,
					 psprintf("%s %s %s", text_to_cstring(PG_GETARG_TEXT_PP(0)),
							  DatumGetCString(DirectFunctionCall1(numeric_out, PG_GETARG_DATUM(1))),
							  text_to_cstring(PG_GETARG_TEXT_PP(2))));
	PG_RETURN_DATUM(pg_ptarget_datum(&t));
}

PG_FUNCTION_INFO_V1(ptarget_convert);
Datum
ptarget_convert(PG_FUNCTION_ARGS)
{
	pt_target	t,
				out;
	size_t		unit_len;
	char	   *unit = pg_ptarget_utf8(PG_GETARG_TEXT_PP(1), &unit_len);
	char	   *scratch = palloc(pt_parse_scratch_size(unit_len));
	pt_error	err;

	PG_GETARG_PTARGET(0, &t);
	if (pt_convert(&t, unit, unit_len, &out, scratch, &err) != PT_OK)
	{
		char	   *target = DatumGetCString(DirectFunctionCall1(ptarget_out, PG_GETARG_DATUM(0)));
		text	   *unit_arg = PG_GETARG_TEXT_PP(1);

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot write target %s in unit %s",
						pg_ptarget_quote(target, strlen(target)),
						pg_ptarget_quote(VARDATA_ANY(unit_arg), VARSIZE_ANY_EXHDR(unit_arg))),
				 errdetail("%s", pg_ptarget_message_text(err.message)),
				 errhint("%s", pg_ptarget_message_text(err.hint))));
	}
	PG_RETURN_DATUM(pg_ptarget_datum(&out));
}

/* ---------------------------------------------------------------- ranges */

static Datum
make_range_datum(Oid range_type, Datum lower, Datum upper, const pt_target *t)
{
	TypeCacheEntry *typcache = lookup_type_cache(range_type, TYPECACHE_RANGE_INFO);
	RangeBound	lo = {lower, t->lower.infinite, t->lower.inclusive, true};
	RangeBound	hi = {upper, t->upper.infinite, t->upper.inclusive, false};

	return PointerGetDatum(make_range(typcache, &lo, &hi, false));
}

static void
require_kind(const pt_target *t, pt_kind kind, const char *range_name)
{
	if (t->kind != kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot convert a %s target to %s", kind_name(t->kind), range_name),
				 errhint("Only %s targets convert to %s.", kind_name(kind), range_name)));
}

PG_FUNCTION_INFO_V1(ptarget_to_numrange);
Datum
ptarget_to_numrange(PG_FUNCTION_ARGS)
{
	pt_target	t;

	PG_GETARG_PTARGET(0, &t);
	require_kind(&t, PT_KIND_QUANTITY, "numrange");
	return make_range_datum(NUMRANGEOID,
							t.lower.infinite ? (Datum) 0 : pg_decimal_to_numeric(&t.lower.value, 0),
							t.upper.infinite ? (Datum) 0 : pg_decimal_to_numeric(&t.upper.value, 0),
							&t);
}

PG_FUNCTION_INFO_V1(ptarget_to_daterange);
Datum
ptarget_to_daterange(PG_FUNCTION_ARGS)
{
	pt_target	t;

	PG_GETARG_PTARGET(0, &t);
	require_kind(&t, PT_KIND_DATE, "daterange");
	return make_range_datum(DATERANGEOID, DateADTGetDatum(t.lower.day),
							DateADTGetDatum(t.upper.day), &t);
}

/* ---------------------------------------------------------------- jsonb */

static void
json_key(StringInfo buf, const char *key)
{
	if (buf->len > 1)
		appendStringInfoString(buf, ", ");
	escape_json(buf, key);
	appendStringInfoString(buf, ": ");
}

static void
json_string(StringInfo buf, const char *key, const char *utf8, size_t len, bool present)
{
	json_key(buf, key);
	if (!present)
		appendStringInfoString(buf, "null");
	else
		escape_json(buf, pg_ptarget_cstring(utf8, len));
}

static void
json_decimal(StringInfo buf, const char *key, const pt_decimal *d, int places, bool present)
{
	char		text[PT_DECIMAL_TEXT_MAX];

	json_key(buf, key);
	if (!present)
		appendStringInfoString(buf, "null");
	else
	{
		pt_decimal_format(d, places, text);
		appendStringInfoString(buf, text);		/* an exact JSON number */
	}
}

static void
json_bool(StringInfo buf, const char *key, bool value, bool present)
{
	json_key(buf, key);
	appendStringInfoString(buf, !present ? "null" : value ? "true" : "false");
}

static void
json_day(StringInfo buf, const char *key, const pt_bound *b, bool present)
{
	json_key(buf, key);
	if (!present || b->infinite)
		appendStringInfoString(buf, "null");
	else
		escape_json(buf, DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(b->day))));
}

/* Every part of the target as one jsonb object (for BI tools and APIs). */
PG_FUNCTION_INFO_V1(ptarget_to_jsonb);
Datum
ptarget_to_jsonb(PG_FUNCTION_ARGS)
{
	pt_target	t;
	StringInfoData buf;
	char		part[2 * PT_UNIT_MAX_BYTES + 16];
	size_t		len;
	pt_decimal	lo,
				hi;
	bool		quantity,
				date;
	const char *kind;

	PG_GETARG_PTARGET(0, &t);
	quantity = (t.kind == PT_KIND_QUANTITY);
	date = (t.kind == PT_KIND_DATE);
	kind = kind_name(t.kind);
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	{
		char	   *text = palloc(pt_format_size(&t) + 1);

		len = pt_format(&t, text, pt_format_size(&t) + 1);
		json_string(&buf, "text", text, len, true);
	}
	json_string(&buf, "kind", kind, strlen(kind), true);
	json_string(&buf, "operator", pt_op_symbol(t.op), strlen(pt_op_symbol(t.op)), t.kind != PT_KIND_LABEL);
	json_decimal(&buf, "magnitude", &lo, t.places[0], quantity && pt_written_magnitude(&t, false, &lo));
	json_decimal(&buf, "magnitude_upper", &hi, t.places[1], quantity && pt_written_magnitude(&t, true, &hi));
	len = pt_format_unit(&t, part, sizeof(part));
	json_string(&buf, "unit", part, len, quantity);
	json_string(&buf, "base_unit", t.unit_key, t.unit_key_len, quantity);
	len = pt_format_dimension(&t, part, sizeof(part));
	json_string(&buf, "dimension", part, len, true);
	json_decimal(&buf, "lower", &t.lower.value, 0, quantity && !t.lower.infinite);
	json_decimal(&buf, "upper", &t.upper.value, 0, quantity && !t.upper.infinite);
	json_day(&buf, "lower_date", &t.lower, date);
	json_day(&buf, "upper_date", &t.upper, date);
	json_bool(&buf, "lower_inclusive", t.lower.inclusive, t.kind != PT_KIND_LABEL);
	json_bool(&buf, "upper_inclusive", t.upper.inclusive, t.kind != PT_KIND_LABEL);
	json_string(&buf, "label", t.label, t.label_len, t.kind == PT_KIND_LABEL);
	json_bool(&buf, "approximate", (t.flags & PT_FLAG_APPROXIMATE) != 0, true);
	appendStringInfoChar(&buf, '}');
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
}
