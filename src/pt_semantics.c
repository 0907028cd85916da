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

void
pt_bounds_from_op(pt_target *t)
{
	t->lower.infinite = (t->op == PT_OP_LE || t->op == PT_OP_LT);
	t->upper.infinite = (t->op == PT_OP_GE || t->op == PT_OP_GT);
	t->lower.inclusive = (t->op != PT_OP_GT) && !t->lower.infinite;
	t->upper.inclusive = (t->op != PT_OP_LT) && !t->upper.infinite;
}

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
 *   2 bits kind | 8 bits dimension key code | 16 unused | 38 bits bound code
 * The key code (pt_unit_key_code) orders the catalog's keys exactly; a key
 * the catalog does not know shares its code with others, so its bound code
 * is left 0 and the full comparison decides.
 * Bound code: values with an infinite lower bound come first, ordered by
 * their upper bound, in [0, 2^37); the others follow, ordered by their lower
 * bound, in [2^37, 2^38).  Labels use 62 bits of their text instead.
 */
#define ABBREV_BOUND_BITS 38
#define VALUE_CODE_BITS 37
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

/* Order-preserving code of |v| > 0 in 34 bits: magnitude (7), 8 leading digits (27). */
static uint64_t
magnitude_code(const pt_decimal *d)
{
	pt_int128	c = d->coef < 0 ? -d->coef : d->coef;
	int			digits = 1;
	int			adjusted;
	pt_int128	p = 10;

	if (c < (pt_int128) 1000000000000000000)
	{
		/* most coefficients: the same in 64-bit arithmetic */
		uint64_t	c64 = (uint64_t) c,
					p64 = 10;

		while (digits < 19 && c64 >= p64)
		{
			p64 *= 10;
			digits++;
		}
		adjusted = digits + d->exp;
		if (adjusted < -63)
			adjusted = -63;
		if (adjusted > 64)
			adjusted = 64;
		for (; digits > MANTISSA_DIGITS; digits--)
			c64 /= 10;
		for (; digits < MANTISSA_DIGITS; digits++)
			c64 *= 10;
		return ((uint64_t) (adjusted + 63) << 27) | (c64 - 10000000);
	}
	while (digits < 38 && c >= p)
	{
		p *= 10;
		digits++;
	}
	adjusted = digits + d->exp;	/* |v| lies in [10^(adjusted-1), 10^adjusted) */
	if (adjusted < -63)
		adjusted = -63;
	if (adjusted > 64)
		adjusted = 64;
	while (digits > MANTISSA_DIGITS)
	{
		c /= 10;
		digits--;
	}
	while (digits < MANTISSA_DIGITS)
	{
		c *= 10;
		digits++;
	}
	/* c is now in [10^7, 10^8) */
	return ((uint64_t) (adjusted + 63) << 27) | (uint64_t) (c - 10000000);
}

/* Order-preserving code of a finite bound value in VALUE_CODE_BITS bits. */
static uint64_t
value_code(pt_kind kind, const pt_bound *b)
{
	const uint64_t zero = (uint64_t) 1 << (VALUE_CODE_BITS - 1);

	if (b->infinite)
		return ((uint64_t) 1 << VALUE_CODE_BITS) - 1;
	if (kind == PT_KIND_DATE)
		return (uint64_t) ((int64_t) b->day + ((int64_t) 1 << 31));
	if (b->value.coef == 0)
		return zero;
	if (b->value.coef > 0)
		return zero + 1 + magnitude_code(&b->value);
	return zero - 1 - magnitude_code(&b->value);
}

static uint64_t
bound_code(const pt_target *t)
{
	if (t->lower.infinite)
		return value_code(t->kind, &t->upper);
	return ((uint64_t) 1 << VALUE_CODE_BITS) | value_code(t->kind, &t->lower);
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
		uint64_t	code = pt_unit_key_code(t->unit_key, t->unit_key_len, &known);

		return kind | (code << 54) | (known ? bound_code(t) : 0);
	}
}
