/*
 * pt_semantics.c — what targets mean to each other: order, equality,
 * containment, overlap and the bytes equal values hash by.
 *
 * A quantity or date target is a set of allowed values on one dimension.
 * Order is total and uses only stable keys: kind, then the dimension key
 * (the base unit's spelling, bytewise), then the bounds as range types order
 * them, then the label text (bytewise).  Nothing here allocates or looks up
 * a unit: bounds were converted to the base unit at input.
 */
#include "ptarget_core.h"

#include <string.h>

#include "pt_fold.h"

/* Finite bound values of one kind. */
static int
value_cmp(pt_kind kind, const pt_bound *a, const pt_bound *b)
{
	if (kind == PT_KIND_DATE)
		return (a->day > b->day) - (a->day < b->day);
	return pt_decimal_cmp(&a->value, &b->value);
}

/* Lower bounds: -inf first; at one value an inclusive bound comes first. */
int
pt_lower_cmp(pt_kind kind, const pt_bound *a, const pt_bound *b)
{
	int			c;

	if (a->infinite || b->infinite)
		return b->infinite - a->infinite;
	if ((c = value_cmp(kind, a, b)) != 0)
		return c;
	return b->inclusive - a->inclusive;
}

/* Upper bounds: +inf last; at one value an exclusive bound comes first. */
int
pt_upper_cmp(pt_kind kind, const pt_bound *a, const pt_bound *b)
{
	int			c;

	if (a->infinite || b->infinite)
		return a->infinite - b->infinite;
	if ((c = value_cmp(kind, a, b)) != 0)
		return c;
	return a->inclusive - b->inclusive;
}

/* Same kind and dimension: the precondition of every set relation. */
static bool
same_dimension(const pt_target *a, const pt_target *b)
{
	return a->kind == b->kind &&
		(a->kind != PT_KIND_QUANTITY ||
		 (a->unit_key_len == b->unit_key_len &&
		  memcmp(a->unit_key, b->unit_key, a->unit_key_len) == 0));
}

int
pt_compare(const pt_target *a, const pt_target *b)
{
	int			c;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->kind == PT_KIND_LABEL)
		return pt_bytes_cmp(a->label, a->label_len, b->label, b->label_len);
	if (a->kind == PT_KIND_QUANTITY &&
		(c = pt_bytes_cmp(a->unit_key, a->unit_key_len, b->unit_key, b->unit_key_len)) != 0)
		return c;
	if ((c = pt_lower_cmp(a->kind, &a->lower, &b->lower)) != 0)
		return c;
	return pt_upper_cmp(a->kind, &a->upper, &b->upper);
}

/* Which ends are open: finite 0, [a, +inf) 1, (-inf, b] 2 (the grouped order). */
static int
open_ends(const pt_target *t)
{
	return (t->lower.infinite ? 2 : 0) | (t->upper.infinite ? 1 : 0);
}

int
pt_compare_grouped(const pt_target *a, const pt_target *b)
{
	int			c;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->kind == PT_KIND_LABEL)
		return pt_bytes_cmp(a->label, a->label_len, b->label, b->label_len);
	if (a->kind == PT_KIND_QUANTITY &&
		(c = pt_bytes_cmp(a->unit_key, a->unit_key_len, b->unit_key, b->unit_key_len)) != 0)
		return c;
	if ((c = open_ends(a) - open_ends(b)) != 0)
		return c;
	if ((c = pt_lower_cmp(a->kind, &a->lower, &b->lower)) != 0)
		return c;
	return pt_upper_cmp(a->kind, &a->upper, &b->upper);
}

bool
pt_equal(const pt_target *a, const pt_target *b)
{
	return pt_compare(a, b) == 0;
}

bool
pt_contains(const pt_target *a, const pt_target *b)
{
	if (!same_dimension(a, b))
		return false;
	if (a->kind == PT_KIND_LABEL)
		return pt_compare(a, b) == 0;
	return pt_lower_cmp(a->kind, &a->lower, &b->lower) <= 0 &&
		pt_upper_cmp(a->kind, &b->upper, &a->upper) <= 0;
}

bool
pt_upper_reaches_lower(pt_kind kind, const pt_bound *u, const pt_bound *l)
{
	int			c;

	if (u->infinite || l->infinite)
		return true;
	c = value_cmp(kind, u, l);
	return c > 0 || (c == 0 && u->inclusive && l->inclusive);
}

bool
pt_overlaps(const pt_target *a, const pt_target *b)
{
	if (!same_dimension(a, b))
		return false;
	if (a->kind == PT_KIND_LABEL)
		return pt_compare(a, b) == 0;
	return pt_upper_reaches_lower(a->kind, &a->upper, &b->lower) &&
		pt_upper_reaches_lower(a->kind, &b->upper, &a->lower);
}

/* Is the point p (a finite, inclusive bound) inside t's set? */
static bool
contains_point(const pt_target *t, const pt_bound *p)
{
	return pt_lower_cmp(t->kind, &t->lower, p) <= 0 && pt_upper_cmp(t->kind, p, &t->upper) <= 0;
}

bool
pt_contains_number(const pt_target *t, const pt_decimal *n, bool *comparable)
{
	pt_bound	p = {false, true, *n, 0};

	*comparable = (t->kind == PT_KIND_QUANTITY);
	if (!*comparable)
		return false;
	/* the number is in the target's written unit, scale word included */
	if (!pt_unit_to_base(pt_unit_by_id(t->unit_id), t->scale, &p.value))
		return false;			/* far outside any finite target bound */
	return contains_point(t, &p);
}

bool
pt_contains_day(const pt_target *t, int32_t day)
{
	pt_bound	p = {false, true, {0, 0}, day};

	return t->kind == PT_KIND_DATE && contains_point(t, &p);
}

static uint8_t *
put_bound_key(uint8_t *p, pt_kind kind, const pt_bound *b)
{
	*p++ = (uint8_t) ((b->infinite ? 2 : 0) | (b->inclusive ? 1 : 0));
	if (b->infinite)
		return p;
	if (kind == PT_KIND_DATE)
	{
		memcpy(p, &b->day, sizeof(b->day));
		return p + sizeof(b->day);
	}
	memcpy(p, &b->value.coef, sizeof(b->value.coef));
	p += sizeof(b->value.coef);
	*p++ = (uint8_t) (int8_t) b->value.exp;
	return p;
}

size_t
pt_hash_key(const pt_target *t, uint8_t *buf, const uint8_t **key)
{
	uint8_t    *p = buf;

	if (t->kind == PT_KIND_LABEL)
	{
		*key = (const uint8_t *) t->label;
		return t->label_len;
	}
	*p++ = (uint8_t) t->kind;
	if (t->kind == PT_KIND_QUANTITY)
	{
		*p++ = t->unit_key_len;
		memcpy(p, t->unit_key, t->unit_key_len);
		p += t->unit_key_len;
	}
	p = put_bound_key(p, t->kind, &t->lower);
	p = put_bound_key(p, t->kind, &t->upper);
	*key = buf;
	return (size_t) (p - buf);
}

/* ---------------------------------------------------------------- abbreviation */

/*
 * Layout (unsigned order = pt_compare order where keys differ):
 *   2 bits kind | 8 bits dimension key code | 54 bits bounds
 * The key code (pt_unit_key_code) orders the catalog's keys exactly; a key
 * the catalog does not know shares its code with others, so its bounds are
 * left 0 and the full comparison decides.  Labels use 62 bits of their text.
 * Bounds, in pt_compare's order of fields:
 *   1 bit   lower bound finite (values with an infinite lower bound first)
 *   37 bits value code of the lower bound, or of the upper one when the
 *           lower is infinite (8 leading digits, and whether that is exact)
 *   16 bits only when that code is exact (else 0: the full comparison
 *           decides between equal codes): finite lower: exclusive (1 bit),
 *           then the upper bound coarsened (15 bits, +inf last); infinite
 *           lower: the upper bound inclusive (1 bit), 15 bits 0.
 * Equal abbreviations leave only equal values and values whose codes are
 * inexact to the full comparison.
 */
#define VALUE_CODE_BITS 37
#define TAIL_BITS 16
#define UPPER_CODE_BITS 15
#define MANTISSA_DIGITS 8

/* Big-endian bytes of s, zero-padded: memcmp order as an integer. */
static uint64_t
prefix_bits(const char *s, size_t len, int bytes)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < bytes; i++)
		v = (v << 8) | (uint64_t) (i < (int) len ? (unsigned char) s[i] : 0);
	return v;
}

static const uint64_t pow10_u64[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
	1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
	1000000000000000000ULL, 10000000000000000000ULL
};

/*
 * Order-preserving code of |v| > 0 in 35 bits: magnitude (7), 8 leading
 * digits (27), then 1 when those do not hold all of v (v lies strictly
 * between two codes of exact values), 0 when they do (*exact).
 */
static uint64_t
magnitude_code(const pt_decimal *d, bool *exact)
{
	pt_int128	c = d->coef < 0 ? -d->coef : d->coef;
	int			digits = 1;
	int			adjusted;
	uint64_t	lead;

	if (c < (pt_int128) 1000000000000000000)
	{
		/* most coefficients: 64-bit arithmetic */
		uint64_t	c64 = (uint64_t) c;

		while (digits < 19 && c64 >= pow10_u64[digits])
			digits++;
		/* normalized coefficients have no trailing zeros: more digits are inexact */
		*exact = digits <= MANTISSA_DIGITS;
		lead = digits > MANTISSA_DIGITS ? c64 / pow10_u64[digits - MANTISSA_DIGITS]
			: c64 * pow10_u64[MANTISSA_DIGITS - digits];
	}
	else
	{
		pt_int128	p = 10;
		int			kept;

		while (digits < 38 && c >= p)
		{
			p *= 10;
			digits++;
		}
		*exact = false;
		kept = digits;
		/* to 19 digits, then 8 (truncating in steps truncates as once) */
		for (; kept > 19; kept--)
			c /= 10;
		lead = (uint64_t) c / pow10_u64[kept - MANTISSA_DIGITS];
	}
	adjusted = (digits + d->exp);	/* |v| lies in [10^(adjusted-1), 10^adjusted) */
	if (adjusted < -63)
	{
		adjusted = -63;
		*exact = false;
	}
	if (adjusted > 64)
	{
		adjusted = 64;
		*exact = false;
	}
	/* lead is now in [10^7, 10^8) */
	return ((((uint64_t) (adjusted + 63) << 27) | (lead - 10000000)) << 1) | (*exact ? 0 : 1);
}

/* Order-preserving code of a bound value in VALUE_CODE_BITS bits (+inf last). */
static uint64_t
value_code(pt_kind kind, const pt_bound *b, bool *exact)
{
	const uint64_t zero = (uint64_t) 1 << (VALUE_CODE_BITS - 1);

	*exact = true;
	if (b->infinite)
		return ((uint64_t) 1 << VALUE_CODE_BITS) - 1;
	if (kind == PT_KIND_DATE)
		return (uint64_t) ((int64_t) b->day + ((int64_t) 1 << 31));
	if (b->value.coef == 0)
		return zero;
	if (b->value.coef > 0)
		return zero + 1 + magnitude_code(&b->value, exact);
	return zero - 1 - magnitude_code(&b->value, exact);
}

/* The upper bound in UPPER_CODE_BITS bits, for values of one exact lower bound. */
static uint64_t
upper_code(const pt_target *t)
{
	const uint64_t top = ((uint64_t) 1 << UPPER_CODE_BITS) - 1;
	bool		exact;

	if (t->upper.infinite)
		return top;
	if (t->kind == PT_KIND_DATE)
	{
		/* the lower day is the same: the length of the span orders the upper one */
		int64_t		span = (int64_t) t->upper.day - t->lower.day;

		return span < 0 ? 0 : span >= (int64_t) top ? top - 1 : (uint64_t) span;
	}
	/* the leading bits of the value code: at most top - 1 for any finite value */
	return value_code(t->kind, &t->upper, &exact) >> (VALUE_CODE_BITS - UPPER_CODE_BITS);
}

/*
 * The first bound's code and, when it is exact, the tail of tail_bits bits
 * (the upper bound in tail_bits - 1): value code << tail_bits | tail.
 */
static uint64_t
bounds_code(const pt_target *t, int tail_bits)
{
	bool		exact;
	uint64_t	code,
				tail = 0;

	if (t->lower.infinite)
	{
		code = value_code(t->kind, &t->upper, &exact);
		if (exact)
			tail = (uint64_t) (t->upper.inclusive ? 1 : 0) << (tail_bits - 1);
		return (code << tail_bits) | tail;
	}
	code = value_code(t->kind, &t->lower, &exact);
	if (exact)
		tail = ((uint64_t) (t->lower.inclusive ? 0 : 1) << (tail_bits - 1)) |
			(upper_code(t) >> (UPPER_CODE_BITS - (tail_bits - 1)));
	return (code << tail_bits) | tail;
}

static uint64_t
bound_code(const pt_target *t)
{
	return ((uint64_t) (t->lower.infinite ? 0 : 1) << (VALUE_CODE_BITS + TAIL_BITS)) | bounds_code(t, TAIL_BITS);
}

uint64_t
pt_abbreviate(const pt_target *t)
{
	uint64_t	kind = (uint64_t) t->kind << 62;

	if (t->kind == PT_KIND_LABEL)
		return kind | (prefix_bits(t->label, t->label_len, 8) >> 2);
	if (t->kind == PT_KIND_DATE)
		return kind | bound_code(t);
	{
		bool		known;
		uint64_t	code = pt_unit_id_key_code(t->unit_id, t->unit_key, t->unit_key_len, &known);

		return kind | (code << 54) | (known ? bound_code(t) : 0);
	}
}

/*
 * For pt_compare_grouped: 2 bits kind | 8 bits dimension key code | 2 bits
 * open ends | 37 bits value code of the first bound | 15 bits tail (as above,
 * the upper bound coarsened to 14 bits).
 */
uint64_t
pt_abbreviate_grouped(const pt_target *t)
{
	uint64_t	kind = (uint64_t) t->kind << 62;
	uint64_t	code = 0;
	bool		known = true;

	if (t->kind == PT_KIND_LABEL)
		return kind | (prefix_bits(t->label, t->label_len, 8) >> 2);
	if (t->kind == PT_KIND_QUANTITY)
		code = pt_unit_id_key_code(t->unit_id, t->unit_key, t->unit_key_len, &known);
	if (!known)
		return kind | (code << 54);
	return kind | (code << 54) | ((uint64_t) open_ends(t) << (VALUE_CODE_BITS + TAIL_BITS - 1)) |
		bounds_code(t, TAIL_BITS - 1);
}
