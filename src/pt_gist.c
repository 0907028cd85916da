/*
 * pt_gist.c — GiST keys of ptarget: summaries of subtrees, their union,
 * consistency with a query, penalty and order.  No PostgreSQL headers.
 *
 * Packed inner key:
 *   PT_GIST_KEY_MARK, kind_lo, kind_hi, has_bounds,
 *   dim_lo_len, dim_lo, dim_hi_len, dim_hi,
 *   [has_bounds] lower, upper: flags (1 infinite, 2 inclusive), then a
 *   quantity's coefficient (16 bytes) and exponent (1), or a date's day (4)
 */
#include "pt_gist.h"

#include <string.h>

#include "pt_fold.h"

#include "pt_date.h"

static void
dimension_of(const pt_target *t, const char **dim, uint8_t *len)
{
	/* dates share one dimension; labels one range (equality is checked at the leaf) */
	*dim = t->kind == PT_KIND_QUANTITY ? t->unit_key : "";
	*len = t->kind == PT_KIND_QUANTITY ? t->unit_key_len : 0;
}

/* (kind, dimension) order; most pairs a build compares are of one dimension */
static inline int
dim_cmp(pt_kind ka, const char *da, size_t la, pt_kind kb, const char *db, size_t lb)
{
	size_t		i;

	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (la == lb)
	{
		for (i = 0; i < la && da[i] == db[i]; i++)
			;
		if (i == la)
			return 0;
	}
	return pt_bytes_cmp(da, la, db, lb);
}

bool
pt_gist_is_key(const uint8_t *bytes, size_t len)
{
	return len > 0 && bytes[0] == PT_GIST_KEY_MARK;
}

void
pt_gist_key_of(const pt_target *t, pt_gist_key *key)
{
	memset(key, 0, sizeof(*key));
	key->kind_lo = key->kind_hi = t->kind;
	dimension_of(t, &key->dim_lo, &key->dim_lo_len);
	key->dim_hi = key->dim_lo;
	key->dim_hi_len = key->dim_lo_len;
	key->has_bounds = (t->kind != PT_KIND_LABEL);
	key->lower = t->lower;
	key->upper = t->upper;
}

/* Equal dimension keys (short: compared in line, as union and splits ask often). */
static inline bool
dim_bytes_equal(const char *a, uint8_t alen, const char *b, uint8_t blen)
{
	uint8_t		i;

	if (alen != blen)
		return false;
	if (a == b)
		return true;
	for (i = 0; i < alen; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

bool
pt_gist_same_dimension(const pt_gist_key *a, const pt_gist_key *b)
{
	return a->kind_lo == a->kind_hi && b->kind_lo == b->kind_hi && a->kind_lo == b->kind_lo &&
		dim_bytes_equal(a->dim_lo, a->dim_lo_len, a->dim_hi, a->dim_hi_len) &&
		dim_bytes_equal(b->dim_lo, b->dim_lo_len, b->dim_hi, b->dim_hi_len) &&
		dim_bytes_equal(a->dim_lo, a->dim_lo_len, b->dim_lo, b->dim_lo_len);
}

void
pt_gist_key_union(pt_gist_key *acc, const pt_gist_key *add)
{
	bool		bounds = acc->has_bounds && add->has_bounds && pt_gist_same_dimension(acc, add);

	if (bounds)
	{
		if (pt_lower_cmp(acc->kind_lo, &add->lower, &acc->lower) < 0)
			acc->lower = add->lower;
		if (pt_upper_cmp(acc->kind_lo, &add->upper, &acc->upper) > 0)
			acc->upper = add->upper;
		return;					/* one dimension: its range stays as it is */
	}
	acc->has_bounds = false;
	if (dim_cmp(add->kind_lo, add->dim_lo, add->dim_lo_len, acc->kind_lo, acc->dim_lo, acc->dim_lo_len) < 0)
	{
		acc->kind_lo = add->kind_lo;
		acc->dim_lo = add->dim_lo;
		acc->dim_lo_len = add->dim_lo_len;
	}
	if (dim_cmp(add->kind_hi, add->dim_hi, add->dim_hi_len, acc->kind_hi, acc->dim_hi, acc->dim_hi_len) > 0)
	{
		acc->kind_hi = add->kind_hi;
		acc->dim_hi = add->dim_hi;
		acc->dim_hi_len = add->dim_hi_len;
	}
}

static bool
bound_equal(pt_kind kind, const pt_bound *a, const pt_bound *b)
{
	return pt_lower_cmp(kind, a, b) == 0;
}

bool
pt_gist_key_equal(const pt_gist_key *a, const pt_gist_key *b)
{
	if (dim_cmp(a->kind_lo, a->dim_lo, a->dim_lo_len, b->kind_lo, b->dim_lo, b->dim_lo_len) != 0 ||
		dim_cmp(a->kind_hi, a->dim_hi, a->dim_hi_len, b->kind_hi, b->dim_hi, b->dim_hi_len) != 0 ||
		a->has_bounds != b->has_bounds)
		return false;
	return !a->has_bounds ||
		(bound_equal(a->kind_lo, &a->lower, &b->lower) && pt_upper_cmp(a->kind_lo, &a->upper, &b->upper) == 0);
}

/* ---------------------------------------------------------------- packing */

#define BOUND_INFINITE 1
#define BOUND_INCLUSIVE 2

static size_t
bound_size(pt_kind kind)
{
	return 1 + (kind == PT_KIND_DATE ? 4 : sizeof(pt_int128) + 1);
}

size_t
pt_gist_key_size(const pt_gist_key *key)
{
	return 4 + 2 + key->dim_lo_len + key->dim_hi_len +
		(key->has_bounds ? 2 * bound_size(key->kind_lo) : 0);
}

static uint8_t *
put_bound(uint8_t *p, pt_kind kind, const pt_bound *b)
{
	*p++ = (uint8_t) ((b->infinite ? BOUND_INFINITE : 0) | (b->inclusive ? BOUND_INCLUSIVE : 0));
	if (kind == PT_KIND_DATE)
	{
		memcpy(p, &b->day, 4);
		return p + 4;
	}
	memcpy(p, &b->value.coef, sizeof(pt_int128));
	p += sizeof(pt_int128);
	*p++ = (uint8_t) (int8_t) b->value.exp;
	return p;
}

void
pt_gist_key_pack(const pt_gist_key *key, uint8_t *p)
{
	*p++ = PT_GIST_KEY_MARK;
	*p++ = (uint8_t) key->kind_lo;
	*p++ = (uint8_t) key->kind_hi;
	*p++ = key->has_bounds;
	*p++ = key->dim_lo_len;
	memcpy(p, key->dim_lo, key->dim_lo_len);
	p += key->dim_lo_len;
	*p++ = key->dim_hi_len;
	memcpy(p, key->dim_hi, key->dim_hi_len);
	p += key->dim_hi_len;
	if (key->has_bounds)
	{
		p = put_bound(p, key->kind_lo, &key->lower);
		put_bound(p, key->kind_lo, &key->upper);
	}
}

static const uint8_t *
get_bound(const uint8_t *p, pt_kind kind, pt_bound *b)
{
	memset(b, 0, sizeof(*b));
	b->infinite = (*p & BOUND_INFINITE) != 0;
	b->inclusive = (*p & BOUND_INCLUSIVE) != 0;
	p++;
	if (kind == PT_KIND_DATE)
	{
		memcpy(&b->day, p, 4);
		return p + 4;
	}
	memcpy(&b->value.coef, p, sizeof(pt_int128));
	p += sizeof(pt_int128);
	b->value.exp = (int8_t) *p++;
	return p;
}

/* A bound as parsing could have made it (stored keys may be damaged). */
static bool
bound_valid(pt_kind kind, const pt_bound *b)
{
	if (b->infinite)
		return true;
	if (kind == PT_KIND_DATE)
		return b->day >= pt_date_to_days(PT_DATE_MIN_YEAR, 1, 1) &&
			b->day <= pt_date_to_days(PT_DATE_MAX_YEAR, 12, 31);
	return b->value.exp >= -PT_DECIMAL_MAX_EXP && b->value.exp <= PT_DECIMAL_MAX_EXP &&
		(b->value.coef == 0 || pt_decimal_magnitude(&b->value) - b->value.exp <= 36);
}

bool
pt_gist_key_unpack(const uint8_t *p, size_t len, pt_gist_key *key)
{
	const uint8_t *end = p + len;

	memset(key, 0, sizeof(*key));
	if (len < 6 || p[0] != PT_GIST_KEY_MARK)
		return false;
	key->kind_lo = (pt_kind) p[1];
	key->kind_hi = (pt_kind) p[2];
	key->has_bounds = p[3] != 0;
	key->dim_lo_len = p[4];
	p += 5;
	if ((size_t) (end - p) < (size_t) key->dim_lo_len + 1)
		return false;
	key->dim_lo = (const char *) p;
	p += key->dim_lo_len;
	key->dim_hi_len = *p++;
	if ((size_t) (end - p) < key->dim_hi_len)
		return false;
	key->dim_hi = (const char *) p;
	p += key->dim_hi_len;
	if (key->kind_lo < PT_KIND_QUANTITY || key->kind_hi > PT_KIND_LABEL || key->kind_lo > key->kind_hi ||
		(key->has_bounds && (key->kind_lo != key->kind_hi || key->kind_lo == PT_KIND_LABEL)))
		return false;
	if (key->has_bounds)
	{
		if ((size_t) (end - p) < 2 * bound_size(key->kind_lo))
			return false;
		p = get_bound(p, key->kind_lo, &key->lower);
		p = get_bound(p, key->kind_lo, &key->upper);
		if (!bound_valid(key->kind_lo, &key->lower) || !bound_valid(key->kind_lo, &key->upper))
			return false;
	}
	return p == end;
}

/* ---------------------------------------------------------------- search */

bool
pt_gist_key_consistent(const pt_gist_key *key, int strategy, const pt_target *q)
{
	const char *qdim;
	uint8_t		qlen;
	pt_kind		kind = q->kind;

	/* every relation served holds only within one (kind, dimension) */
	dimension_of(q, &qdim, &qlen);
	if (dim_cmp(kind, qdim, qlen, key->kind_lo, key->dim_lo, key->dim_lo_len) < 0 ||
		dim_cmp(kind, qdim, qlen, key->kind_hi, key->dim_hi, key->dim_hi_len) > 0)
		return false;
	if (!key->has_bounds)
		return true;

	switch (strategy)
	{
		case PT_GIST_CONTAINS:	/* some v ⊇ q: the union must cover q */
		case PT_GIST_EQUAL:
			return pt_lower_cmp(kind, &key->lower, &q->lower) <= 0 &&
				pt_upper_cmp(kind, &q->upper, &key->upper) <= 0;
		case PT_GIST_CONTAINED_BY:	/* some v ⊆ q, or v ∩ q ≠ ∅: the union meets q */
		case PT_GIST_OVERLAPS:
			return pt_upper_reaches_lower(kind, &key->upper, &q->lower) &&
				pt_upper_reaches_lower(kind, &q->upper, &key->lower);
		default:
			return true;
	}
}

/* A rough size of the gap between two bound values (for penalties only). */
static double
gap(pt_kind kind, const pt_bound *from, const pt_bound *to)
{
	if (from->infinite || to->infinite)
		return 1e6;
	if (kind == PT_KIND_DATE)
		return (double) ((int64_t) to->day > (int64_t) from->day ? (int64_t) to->day - from->day
						 : (int64_t) from->day - to->day) + 1.0;
	{
		/* order of magnitude of the larger value: enough to rank choices */
		const pt_decimal *d = pt_decimal_cmp(&from->value, &to->value) > 0 ? &from->value : &to->value;

		return 1.0 + (double) (pt_decimal_magnitude(d) + 64);
	}
}

double
pt_gist_penalty(const pt_gist_key *key, const pt_gist_key *add)
{
	double		penalty = 0.0;

	if (dim_cmp(add->kind_lo, add->dim_lo, add->dim_lo_len, key->kind_lo, key->dim_lo, key->dim_lo_len) < 0 ||
		dim_cmp(add->kind_hi, add->dim_hi, add->dim_hi_len, key->kind_hi, key->dim_hi, key->dim_hi_len) > 0)
		return 1e9;				/* mixing dimensions costs most */
	if (!key->has_bounds || !pt_gist_same_dimension(key, add))
		return key->has_bounds ? 1e8 : 1e7;
	if (!add->has_bounds)
		return 0.0;
	if (pt_lower_cmp(key->kind_lo, &add->lower, &key->lower) < 0)
		penalty += gap(key->kind_lo, &add->lower, &key->lower);
	if (pt_upper_cmp(key->kind_lo, &add->upper, &key->upper) > 0)
		penalty += gap(key->kind_lo, &key->upper, &add->upper);
	return penalty;
}

int
pt_gist_key_open_ends(const pt_gist_key *key)
{
	return key->has_bounds ? (key->lower.infinite ? 2 : 0) | (key->upper.infinite ? 1 : 0) : 0;
}

int
pt_gist_key_cmp(const pt_gist_key *a, const pt_gist_key *b)
{
	int			c = dim_cmp(a->kind_lo, a->dim_lo, a->dim_lo_len, b->kind_lo, b->dim_lo, b->dim_lo_len);

	if (c != 0)
		return c;
	if ((c = dim_cmp(a->kind_hi, a->dim_hi, a->dim_hi_len, b->kind_hi, b->dim_hi, b->dim_hi_len)) != 0)
		return c;
	if (!a->has_bounds || !b->has_bounds)
		return a->has_bounds - b->has_bounds;
	/* grouped by which ends are open, as the sorted build orders leaves */
	if ((c = pt_gist_key_open_ends(a) - pt_gist_key_open_ends(b)) != 0)
		return c;
	if ((c = pt_lower_cmp(a->kind_lo, &a->lower, &b->lower)) != 0)
		return c;
	return pt_upper_cmp(a->kind_lo, &a->upper, &b->upper);
}

/* ---------------------------------------------------------- bounded labels */

bool
pt_gist_needs_label_key(const pt_target *t, size_t packed_len)
{
	return t->kind == PT_KIND_LABEL && packed_len > PT_GIST_LEAF_MAX;
}

size_t
pt_gist_label_key_pack(const pt_target *t, uint8_t *dst)
{
	uint32_t	full = (uint32_t) t->label_len;
	size_t		prefix = 0;
	unsigned	codepoint;

	/* whole characters only, so the prefix is valid text when inspected */
	while (prefix < t->label_len)
	{
		size_t		n = pt_utf8_char_len(t->label + prefix, t->label_len - prefix, &codepoint);

		if (n == 0 || prefix + n > PT_GIST_LABEL_PREFIX)
			break;
		prefix += n;
	}
	dst[0] = PT_GIST_LABEL_MARK;
	dst[1] = (uint8_t) full;
	dst[2] = (uint8_t) (full >> 8);
	dst[3] = (uint8_t) (full >> 16);
	dst[4] = (uint8_t) (full >> 24);
	memcpy(dst + 5, t->label, prefix);
	return 5 + prefix;
}

bool
pt_gist_is_label_key(const uint8_t *bytes, size_t len)
{
	return len > 0 && bytes[0] == PT_GIST_LABEL_MARK;
}

static uint32_t
label_key_length(const uint8_t *bytes)
{
	return (uint32_t) bytes[1] | (uint32_t) bytes[2] << 8 | (uint32_t) bytes[3] << 16 |
		(uint32_t) bytes[4] << 24;
}

bool
pt_gist_label_key_valid(const uint8_t *bytes, size_t len)
{
	return len >= 5 && bytes[0] == PT_GIST_LABEL_MARK && len - 5 <= PT_GIST_LABEL_PREFIX &&
		len - 5 <= label_key_length(bytes);
}

bool
pt_gist_label_key_consistent(const uint8_t *bytes, size_t len, const pt_target *query)
{
	size_t		prefix = len - 5;

	return query->kind == PT_KIND_LABEL && query->label_len == label_key_length(bytes) &&
		memcmp(query->label, bytes + 5, prefix) == 0;
}

void
pt_gist_label_key_summary(pt_gist_key *key)
{
	pt_target	any_label = {.kind = PT_KIND_LABEL};

	pt_gist_key_of(&any_label, key);
}
