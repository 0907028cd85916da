/*
 * pt_abbrev.h — the abbreviated keys of sorts (pt_abbreviate, and
 * pt_abbreviate_grouped for GiST builds), in line: pt_semantics.c exports
 * them for unpacked values, pt_pack.c computes them while reading packed
 * bytes (a sort asks for one per value), from this one definition.
 */
#ifndef PT_ABBREV_H
#define PT_ABBREV_H

#include "ptarget_core.h"

/* Which ends are open: finite 0, [a, +inf) 1, (-inf, b] 2 (the grouped order). */
static inline int
pt_abbrev_open_ends(const pt_target *t)
{
	return (t->lower.infinite ? 2 : 0) | (t->upper.infinite ? 1 : 0);
}

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
static inline uint64_t
prefix_bits(const char *s, size_t len, int bytes)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < bytes; i++)
		v = (v << 8) | (uint64_t) (i < (int) len ? (unsigned char) s[i] : 0);
	return v;
}

static const uint64_t pt_abbrev_pow10[20] = {
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
static inline __attribute__((always_inline)) uint64_t
magnitude_code(const pt_decimal *d, bool *exact)
{
	pt_int128	c = d->coef < 0 ? -d->coef : d->coef;
	int			digits = 1;
	int			adjusted;
	uint64_t	lead;

	if (c < (pt_int128) 1000000000000000000)
	{
		/* most coefficients: 64-bit arithmetic, digits from the bit length */
		uint64_t	c64 = (uint64_t) c;

		digits = ((64 - __builtin_clzll(c64)) * 1233) >> 12;	/* ⌊bits · log10 2⌋ */
		digits += c64 >= pt_abbrev_pow10[digits];
		/* normalized coefficients have no trailing zeros: more digits are inexact */
		*exact = digits <= MANTISSA_DIGITS;
		lead = digits > MANTISSA_DIGITS ? c64 / pt_abbrev_pow10[digits - MANTISSA_DIGITS]
			: c64 * pt_abbrev_pow10[MANTISSA_DIGITS - digits];
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
		lead = (uint64_t) c / pt_abbrev_pow10[kept - MANTISSA_DIGITS];
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
static inline __attribute__((always_inline)) uint64_t
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
static inline __attribute__((always_inline)) uint64_t
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
static inline __attribute__((always_inline)) uint64_t
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

static inline __attribute__((always_inline)) uint64_t
bound_code(const pt_target *t)
{
	return ((uint64_t) (t->lower.infinite ? 0 : 1) << (VALUE_CODE_BITS + TAIL_BITS)) | bounds_code(t, TAIL_BITS);
}

static inline __attribute__((always_inline)) uint64_t
pt_abbrev_key(const pt_target *t)
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
static inline __attribute__((always_inline)) uint64_t
pt_abbrev_key_grouped(const pt_target *t)
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
	return kind | (code << 54) | ((uint64_t) pt_abbrev_open_ends(t) << (VALUE_CODE_BITS + TAIL_BITS - 1)) |
		bounds_code(t, TAIL_BITS - 1);
}

#endif
