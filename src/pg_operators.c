/*
 * pg_operators.c — comparison, hashing and set operators for ptarget.
 * Each is a one-line call into pt_semantics.c.
 */
#include "pg_ptarget.h"

#include "common/hashfn.h"
#include "utils/date.h"
#include "utils/memutils.h"

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

/*
 * Filters with a constant: t @> '≥95%', t <@ …, t && …, t = … .  The
 * constant is unpacked once per query (fn_extra) and each row is tested in
 * its packed form (pt_probe_test_inline), which answers rows of another kind or
 * dimension from their first bytes.  Without a constant argument, or for a
 * malformed row (reported as corrupted), the plain path runs.
 */
typedef struct probe_cache
{
	int			stable;			/* 0 not known yet, 1 or 2 the constant argument, -1 none */
	int			row_arg;		/* the row's argument (0, 1) when the probe is prepared for a
								 * Const of the expression, else -1 (probe_short_row) */
	bool		watched;		/* no expression: the constant is the argument whose datum stays */
	Pointer		last[2];		/* (watched) the datums of the previous call */
	struct varlena *datum;		/* the constant's datum the bytes were taken from */
	Size		len;
	uint8	   *bytes;			/* the constant's packed bytes */
	pt_probe	probe;
} probe_cache;

/*
 * The first call, and a call with another constant: which argument is
 * constant (get_fn_expr_arg_stable), and the constant unpacked and prepared.
 * Out of line, so that the per-row path stays small.  False: no probe.
 */
static __attribute__((noinline)) probe_cache *
prepare_probe(FunctionCallInfo fcinfo, pt_probe_op op_arg2, pt_probe_op op_arg1)
{
	probe_cache *cache = (probe_cache *) fcinfo->flinfo->fn_extra;
	struct varlena *constant;
	pt_target	t;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(probe_cache));
		cache->row_arg = -1;
		fcinfo->flinfo->fn_extra = cache;
		/*
		 * Without an expression (the planner's estimate calls the operator on
		 * the column's statistics against one constant) the constant is the
		 * argument whose datum stays from one call to the next; its bytes are
		 * then compared on every call.
		 */
		cache->watched = fcinfo->flinfo->fn_expr == NULL;
		cache->stable = cache->watched ? 0 : get_fn_expr_arg_stable(fcinfo->flinfo, 1) ? 2 :
			get_fn_expr_arg_stable(fcinfo->flinfo, 0) ? 1 : -1;
	}
	if (cache->watched)
	{
		Pointer		a0 = DatumGetPointer(PG_GETARG_DATUM(0)),
					a1 = DatumGetPointer(PG_GETARG_DATUM(1));
		int			side = a1 == cache->last[1] ? 2 : a0 == cache->last[0] ? 1 : 0;

		cache->last[0] = a0;
		cache->last[1] = a1;
		if (side == 0)
			return NULL;
		if (side != cache->stable && cache->bytes != NULL)
		{
			pfree(cache->bytes);
			cache->bytes = NULL;	/* prepared for the other side: prepare again */
		}
		cache->stable = side;
	}
	cache->row_arg = -1;		/* until prepared below */
	if (cache->stable < 0)
		return NULL;
	cache->datum = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(cache->stable - 1));
	constant = PG_DETOAST_DATUM_PACKED(PointerGetDatum(cache->datum));
	if (cache->bytes != NULL && cache->len == VARSIZE_ANY_EXHDR(constant) &&
		memcmp(cache->bytes, VARDATA_ANY(constant), cache->len) == 0)
	{
		cache->row_arg = cache->watched ? -1 : 2 - cache->stable;
		return cache;			/* the same constant in another datum */
	}
	if (cache->bytes != NULL)
		pfree(cache->bytes);
	cache->len = VARSIZE_ANY_EXHDR(constant);
	cache->bytes = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, Max(cache->len, 1));
	memcpy(cache->bytes, VARDATA_ANY(constant), cache->len);
	if (!pt_unpack(cache->bytes, cache->len, &t))
	{
		pfree(cache->bytes);
		cache->bytes = NULL;
		cache->datum = NULL;
		return NULL;			/* the plain path reports it */
	}
	pt_probe_prepare(&cache->probe, &t, cache->stable == 2 ? op_arg2 : op_arg1);
	cache->row_arg = cache->watched ? -1 : 2 - cache->stable;
	return cache;
}

/*
 * The per-row path of a filter, in line: the argument is the Const the probe
 * was prepared from and the row is stored short (1-byte header, as every
 * value of a table is): the answer, 1 or 0; else -1 for probe_result and the
 * plain path (first call, another constant, a toasted or malformed row).
 */
static inline __attribute__((always_inline)) int
probe_short_row(FunctionCallInfo fcinfo)
{
	const probe_cache *cache = (const probe_cache *) fcinfo->flinfo->fn_extra;
	const uint8 *row;

	if (unlikely(cache == NULL || cache->row_arg < 0 ||
				 DatumGetPointer(PG_GETARG_DATUM(1 - cache->row_arg)) != (Pointer) cache->datum))
		return -1;
	row = (const uint8 *) DatumGetPointer(PG_GETARG_DATUM(cache->row_arg));
	if (unlikely(!VARATT_IS_SHORT(row) || VARATT_IS_EXTERNAL(row)))
		return -1;
	return pt_probe_test_inline(&cache->probe, row + VARHDRSZ_SHORT, VARSIZE_SHORT(row) - VARHDRSZ_SHORT);
}

/* Are the constant's bytes those the probe was prepared from? */
static bool
same_constant(const probe_cache *cache, Datum datum)
{
	struct varlena *v = pg_ptarget_packed(datum);

	return cache->bytes != NULL && cache->len == VARSIZE_ANY_EXHDR(v) &&
		memcmp(cache->bytes, VARDATA_ANY(v), cache->len) == 0;
}

static inline __attribute__((always_inline)) bool
probe_result(FunctionCallInfo fcinfo, pt_probe_op op_arg2, pt_probe_op op_arg1, bool *result)
{
	probe_cache *cache = (probe_cache *) fcinfo->flinfo->fn_extra;
	struct varlena *row;
	int			r;

	/*
	 * The same constant datum as before (a Const's pointer stays): the
	 * prepared probe; a watched constant's bytes are compared too.
	 */
	if (cache == NULL || cache->stable <= 0 ||
		DatumGetPointer(PG_GETARG_DATUM(cache->stable - 1)) != (Pointer) cache->datum ||
		(cache->watched && !same_constant(cache, PG_GETARG_DATUM(cache->stable - 1))))
	{
		if (cache != NULL && cache->stable < 0)
			return false;
		if ((cache = prepare_probe(fcinfo, op_arg2, op_arg1)) == NULL)
			return false;
	}
	row = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(2 - cache->stable));
	if (VARATT_IS_EXTERNAL(row) || VARATT_IS_COMPRESSED(row))
		row = PG_DETOAST_DATUM_PACKED(PointerGetDatum(row));
	r = pt_probe_test_inline(&cache->probe, (const uint8_t *) VARDATA_ANY(row), VARSIZE_ANY_EXHDR(row));
	if (r < 0)
		return false;
	*result = (r == 1);
	return true;
}

/* (the probe's general path and the plain path out of line: the per-row path keeps a small frame) */
#define PTARGET_PROBED_PREDICATE(sqlname, op_arg2, op_arg1, expr) \
static __attribute__((noinline)) Datum \
sqlname##_plain(FunctionCallInfo fcinfo) \
{ \
	bool		result; \
	pt_target	a, b; \
	if (probe_result(fcinfo, op_arg2, op_arg1, &result)) \
		PG_RETURN_BOOL(result); \
	PG_GETARG_PTARGET(0, &a); \
	PG_GETARG_PTARGET(1, &b); \
	PG_RETURN_BOOL(expr); \
} \
PG_FUNCTION_INFO_V1(sqlname); \
Datum \
sqlname(PG_FUNCTION_ARGS) \
{ \
	int			r = probe_short_row(fcinfo); \
	if (likely(r >= 0)) \
		PG_RETURN_BOOL(r == 1); \
	return sqlname##_plain(fcinfo); \
}

PTARGET_PROBED_PREDICATE(ptarget_eq, PT_PROBE_EQUAL, PT_PROBE_EQUAL, pt_compare(&a, &b) == 0)
PTARGET_BINARY_PREDICATE(ptarget_ne, pt_compare(&a, &b) != 0)
PTARGET_BINARY_PREDICATE(ptarget_lt, pt_compare(&a, &b) < 0)
PTARGET_BINARY_PREDICATE(ptarget_le, pt_compare(&a, &b) <= 0)
PTARGET_BINARY_PREDICATE(ptarget_gt, pt_compare(&a, &b) > 0)
PTARGET_BINARY_PREDICATE(ptarget_ge, pt_compare(&a, &b) >= 0)
/* a @> b: with b constant the row a contains it; with a constant the row b lies in it */
PTARGET_PROBED_PREDICATE(ptarget_contains, PT_PROBE_CONTAINS, PT_PROBE_CONTAINED_BY, pt_contains(&a, &b))
PTARGET_PROBED_PREDICATE(ptarget_contained_by, PT_PROBE_CONTAINED_BY, PT_PROBE_CONTAINS, pt_contains(&b, &a))
PTARGET_PROBED_PREDICATE(ptarget_overlaps, PT_PROBE_OVERLAPS, PT_PROBE_OVERLAPS, pt_overlaps(&a, &b))

PG_FUNCTION_INFO_V1(ptarget_cmp);
Datum
ptarget_cmp(PG_FUNCTION_ARGS)
{
	pt_target	a,
				b;
	struct varlena *va = pg_ptarget_packed(PG_GETARG_DATUM(0)),
			   *vb = pg_ptarget_packed(PG_GETARG_DATUM(1));
	bool		valid;
	int			c = pt_packed_compare((const uint8_t *) VARDATA_ANY(va), VARSIZE_ANY_EXHDR(va),
									  (const uint8_t *) VARDATA_ANY(vb), VARSIZE_ANY_EXHDR(vb), &valid);

	if (valid)
		PG_RETURN_INT32(c);
	/* bytes that do not read: the full unpack reports them */
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
