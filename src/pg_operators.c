/*
 * pg_operators.c — comparison, hashing and set operators for ptarget.
 * Each is a one-line call into pt_semantics.c.
 */
#include "pg_ptarget.h"

#include "common/hashfn.h"
#include "utils/date.h"

#define PTARGET_BINARY_PREDICATE(sqlname, expr) \
PG_FUNCTION_INFO_V1(sqlname); \
Datum \
sqlname(PG_FUNCTION_ARGS) \
{ \
	pt_target	a, b; \
	PG_GETARG_PTARGET(0, &a); \
	PG_GETARG_PTARGET(1, &b); \
	PG_RETURN_BOOL(expr); \
}

PTARGET_BINARY_PREDICATE(ptarget_eq, pt_compare(&a, &b) == 0)
PTARGET_BINARY_PREDICATE(ptarget_ne, pt_compare(&a, &b) != 0)
PTARGET_BINARY_PREDICATE(ptarget_lt, pt_compare(&a, &b) < 0)
PTARGET_BINARY_PREDICATE(ptarget_le, pt_compare(&a, &b) <= 0)
PTARGET_BINARY_PREDICATE(ptarget_gt, pt_compare(&a, &b) > 0)
PTARGET_BINARY_PREDICATE(ptarget_ge, pt_compare(&a, &b) >= 0)
PTARGET_BINARY_PREDICATE(ptarget_contains, pt_contains(&a, &b))
PTARGET_BINARY_PREDICATE(ptarget_contained_by, pt_contains(&b, &a))
PTARGET_BINARY_PREDICATE(ptarget_overlaps, pt_overlaps(&a, &b))

PG_FUNCTION_INFO_V1(ptarget_cmp);
Datum
ptarget_cmp(PG_FUNCTION_ARGS)
{
	pt_target	a,
				b;

	PG_GETARG_PTARGET(0, &a);
	PG_GETARG_PTARGET(1, &b);
	PG_RETURN_INT32(pt_compare(&a, &b));
}

static uint64
hash_target(Datum datum, uint64 seed)
{
	pt_target	t;
	uint8_t		buf[PT_HASH_KEY_MAX];
	const uint8_t *key;
	size_t		len;

	pg_ptarget_unpack(datum, &t);
	len = pt_hash_key(&t, buf, &key);
	return DatumGetUInt64(hash_any_extended(key, (int) len, seed));
}

PG_FUNCTION_INFO_V1(ptarget_hash);
Datum
ptarget_hash(PG_FUNCTION_ARGS)
{
	/* the low 32 bits of the seed-0 extended hash, as the contract requires */
	PG_RETURN_INT32((int32) hash_target(PG_GETARG_DATUM(0), 0));
}

PG_FUNCTION_INFO_V1(ptarget_hash_extended);
Datum
ptarget_hash_extended(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64((int64) hash_target(PG_GETARG_DATUM(0), (uint64) PG_GETARG_INT64(1)));
}

/* ---------------------------------------------------------------- numbers and dates */

static bool
contains_numeric(Datum target, Datum number)
{
	pt_target	t;
	pt_decimal	n;
	int			places;
	bool		comparable;

	pg_ptarget_unpack(target, &t);
	/* a number lies in no date or label target, like values of other dimensions */
	if (t.kind != PT_KIND_QUANTITY)
		return false;
	pg_ptarget_numeric_decimal(number, PG_PTARGET_TESTED, &n, &places);
	return pt_contains_number(&t, &n, &comparable);
}

PG_FUNCTION_INFO_V1(ptarget_contains_numeric);
Datum
ptarget_contains_numeric(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(contains_numeric(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

PG_FUNCTION_INFO_V1(numeric_contained_by_ptarget);
Datum
numeric_contained_by_ptarget(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(contains_numeric(PG_GETARG_DATUM(1), PG_GETARG_DATUM(0)));
}

static bool
contains_date(Datum target, DateADT day)
{
	pt_target	t;

	pg_ptarget_unpack(target, &t);
	if (t.kind != PT_KIND_DATE)
		return false;
	/* -infinity and infinity lie outside every finite deadline */
	if (DATE_NOT_FINITE(day))
		return (DATE_IS_NOBEGIN(day) && t.lower.infinite) || (DATE_IS_NOEND(day) && t.upper.infinite);
	return pt_contains_day(&t, day);
}

PG_FUNCTION_INFO_V1(ptarget_contains_date);
Datum
ptarget_contains_date(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(contains_date(PG_GETARG_DATUM(0), PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(date_contained_by_ptarget);
Datum
date_contained_by_ptarget(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(contains_date(PG_GETARG_DATUM(1), PG_GETARG_DATEADT(0)));
}
