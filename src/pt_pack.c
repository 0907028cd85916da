/*
 * pt_pack.c — the on-disk form of a target (the varlena payload).
 *
 *   byte 0  format version (PT_FORMAT_VERSION)
 *   byte 1  kind            byte 2  op            byte 3  flags
 *   quantity: unit id, scale, places[0], places[1], key length, key bytes,
 *             then the stored bounds as decimals:
 *             exponent (int8), length|sign (bit 7), coefficient bytes (LE)
 *   date:     the stored bounds as int32 (little endian) day numbers
 *   label:    the normalized text to the end
 *
 * Which bounds are stored follows from the op: GE/GT/EQ store the lower one,
 * LE/LT the upper one, RANGE both.  A typical quantity (≥95%, ≤50万元) takes
 * 13 to 18 bytes plus the varlena header.
 */
#include "ptarget_core.h"

#include <string.h>

#include "pt_abbrev.h"
#include "pt_date.h"
#include "pt_fold.h"

#define HEADER_BYTES 4
#define QUANTITY_FIXED 5
#define MAX_COEF_BYTES 16

/* a bound packs into 2 + its coefficient bytes: at most 18 (PT_PACKED_MAX_NON_LABEL) */
_Static_assert(PT_PACKED_MAX_NON_LABEL >= HEADER_BYTES + QUANTITY_FIXED + PT_UNIT_MAX_BYTES + 2 * (2 + MAX_COEF_BYTES),
			   "PT_PACKED_MAX_NON_LABEL holds every quantity");
#define PT_PACKED_MAX_DIGITS 36

static bool
stores_lower(pt_op op)
{
	return op == PT_OP_GE || op == PT_OP_GT || op == PT_OP_EQ || op == PT_OP_RANGE;
}

static bool
stores_upper(pt_op op)
{
	return op == PT_OP_LE || op == PT_OP_LT || op == PT_OP_RANGE;
}

static size_t
coef_bytes(pt_int128 coef)
{
	unsigned __int128 m = coef < 0 ? (unsigned __int128) -coef : (unsigned __int128) coef;
	size_t		n = 0;

	if ((m >> 64) == 0)
	{
		/* most coefficients: the bytes of a 64-bit integer */
		uint64_t	m64 = (uint64_t) m;

		return m64 == 0 ? 0 : 8 - (size_t) (__builtin_clzll(m64) / 8);
	}
	while (m > 0)
	{
		m >>= 8;
		n++;
	}
	return n;
}

static size_t
decimal_size(const pt_decimal *d)
{
	return 2 + coef_bytes(d->coef);
}

static uint8_t *
put_decimal(uint8_t *p, const pt_decimal *d)
{
	size_t		n = coef_bytes(d->coef);
	unsigned __int128 m = d->coef < 0 ? (unsigned __int128) -d->coef : (unsigned __int128) d->coef;
	size_t		i;

	*p++ = (uint8_t) (int8_t) d->exp;
	*p++ = (uint8_t) (n | (d->coef < 0 ? 0x80 : 0));
	if (n <= 8)
	{
		uint64_t	m64 = (uint64_t) m;

		for (i = 0; i < n; i++)
		{
			*p++ = (uint8_t) (m64 & 0xFF);
			m64 >>= 8;
		}
		return p;
	}
	for (i = 0; i < n; i++)
	{
		*p++ = (uint8_t) (m & 0xFF);
		m >>= 8;
	}
	return p;
}

static uint8_t *
put_day(uint8_t *p, int32_t day)
{
	uint32_t	u = (uint32_t) day;

	p[0] = (uint8_t) u;
	p[1] = (uint8_t) (u >> 8);
	p[2] = (uint8_t) (u >> 16);
	p[3] = (uint8_t) (u >> 24);
	return p + 4;
}

size_t
pt_packed_size(const pt_target *t)
{
	size_t		n = HEADER_BYTES;

	switch (t->kind)
	{
		case PT_KIND_QUANTITY:
			n += QUANTITY_FIXED + t->unit_key_len;
			if (stores_lower(t->op))
				n += decimal_size(&t->lower.value);
			if (stores_upper(t->op))
				n += decimal_size(&t->upper.value);
			break;
		case PT_KIND_DATE:
			n += (stores_lower(t->op) ? 4 : 0) + (stores_upper(t->op) ? 4 : 0);
			break;
		case PT_KIND_LABEL:
			n += t->label_len;
			break;
	}
	return n;
}

size_t
pt_pack(const pt_target *t, uint8_t *p)
{
	uint8_t    *start = p;

	*p++ = PT_FORMAT_VERSION;
	*p++ = (uint8_t) t->kind;
	*p++ = (uint8_t) t->op;
	*p++ = t->flags;
	switch (t->kind)
	{
		case PT_KIND_QUANTITY:
			*p++ = t->unit_id;
			*p++ = t->scale;
			*p++ = t->places[0];
			*p++ = t->places[1];
			*p++ = t->unit_key_len;
			memcpy(p, t->unit_key, t->unit_key_len);
			p += t->unit_key_len;
			if (stores_lower(t->op))
				p = put_decimal(p, &t->lower.value);
			if (stores_upper(t->op))
				p = put_decimal(p, &t->upper.value);
			break;
		case PT_KIND_DATE:
			if (stores_lower(t->op))
				p = put_day(p, t->lower.day);
			if (stores_upper(t->op))
				p = put_day(p, t->upper.day);
			break;
		case PT_KIND_LABEL:
			memcpy(p, t->label, t->label_len);
			p += t->label_len;
			break;
	}
	return (size_t) (p - start);
}

/* ---------------------------------------------------------------- reading */

typedef struct reader
{
	const uint8_t *p;
	size_t		left;
	const uint8_t *start;		/* the packed value's first byte */
} reader;

static bool
get_byte(reader *r, uint8_t *v)
{
	if (r->left < 1)
		return false;
	*v = *r->p++;
	r->left--;
	return true;
}

static bool get_decimal_general(reader *r, pt_decimal *d);

/*
 * A stored decimal.  Most have a nonzero coefficient of at most 8 bytes:
 * read here in line with the general reader's checks (canonical length, no
 * trailing zero digit, exponent in range); the rest by get_decimal_general.
 */
static inline bool
get_decimal(reader *r, pt_decimal *d)
{
	size_t		n;

	if (r->left >= 2 && (n = r->p[1] & 0x7F) >= 1 && n <= 8 && n <= r->left - 2)
	{
		const uint8_t *c = r->p + 2;
		int8_t		exp = (int8_t) r->p[0];
		uint64_t	m64 = 0;
		size_t		i;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		if (c + n >= r->start + 8)
		{
			/* one load of the 8 bytes that end with the coefficient (no loop to mispredict) */
			uint64_t	w;

			memcpy(&w, c + n - 8, 8);
			m64 = w >> (8 * (8 - n));
		}
		else
#endif
			for (i = n; i-- > 0;)
				m64 = (m64 << 8) | c[i];
		if (c[n - 1] == 0 || m64 % 10 == 0 || exp < -PT_DECIMAL_MAX_EXP || exp > PT_DECIMAL_MAX_EXP)
			return false;
		d->coef = (r->p[1] & 0x80) ? -(pt_int128) m64 : (pt_int128) m64;
		d->exp = exp;
		r->p += 2 + n;
		r->left -= 2 + n;
		return true;
	}
	return get_decimal_general(r, d);
}

static bool
get_decimal_general(reader *r, pt_decimal *d)
{
	uint8_t		exp_byte,
				len_byte;
	size_t		n,
				i;
	unsigned __int128 m = 0;

	if (!get_byte(r, &exp_byte) || !get_byte(r, &len_byte))
		return false;
	n = len_byte & 0x7F;
	if (n > MAX_COEF_BYTES || n > r->left)
		return false;
	if (n <= 8)
	{
		/* most coefficients: a 64-bit integer, with the same checks in 64 bits */
		uint64_t	m64 = 0;

		for (i = 0; i < n; i++)
			m64 |= (uint64_t) r->p[i] << (8 * i);
		r->p += n;
		r->left -= n;
		if ((n > 0 && r->p[-1] == 0) || (n == 0 && len_byte != 0))
			return false;
		d->coef = (len_byte & 0x80) ? -(pt_int128) m64 : (pt_int128) m64;
		d->exp = (int8_t) exp_byte;
		if (d->exp < -PT_DECIMAL_MAX_EXP || d->exp > PT_DECIMAL_MAX_EXP)
			return false;
		/* at most 20 digits: within PT_PACKED_MAX_DIGITS */
		return m64 == 0 ? d->exp == 0 : m64 % 10 != 0;
	}
	else
		for (i = 0; i < n; i++)
			m |= (unsigned __int128) r->p[i] << (8 * i);
	r->p += n;
	r->left -= n;
	/* canonical only: minimal length, no sign on zero, normalized, in range */
	if ((n > 0 && r->p[-1] == 0) || (n == 0 && len_byte != 0) || (m >> 126) != 0)
		return false;
	d->coef = (len_byte & 0x80) ? -(pt_int128) m : (pt_int128) m;
	d->exp = (int8_t) exp_byte;
	if (d->exp < -PT_DECIMAL_MAX_EXP || d->exp > PT_DECIMAL_MAX_EXP)
		return false;
	if ((d->coef == 0 && d->exp != 0) || (d->coef != 0 && d->coef % 10 == 0))
		return false;
	/* no parsed value needs more: 28 written digits times a unit factor */
	return d->coef == 0 || pt_decimal_magnitude(d) - d->exp <= PT_PACKED_MAX_DIGITS;
}

/* day numbers of 1000-01-01 and 9999-12-31 (pt_date_to_days) */
#define FIRST_DAY (-365242)
#define LAST_DAY 2921939

static bool
get_day(reader *r, int32_t *day)
{
	if (r->left < 4)
		return false;
	*day = (int32_t) ((uint32_t) r->p[0] | ((uint32_t) r->p[1] << 8) |
					  ((uint32_t) r->p[2] << 16) | ((uint32_t) r->p[3] << 24));
	r->p += 4;
	r->left -= 4;
	return *day >= FIRST_DAY && *day <= LAST_DAY;
}

static bool
valid_unit(const pt_target *t)
{
	const pt_unit *row;
	size_t		i;

	/* a scale word the catalog knows (0: none, the common case, needs no lookup) */
	if ((t->scale != 0 && pt_scale_spelling(t->scale) == NULL) || t->places[0] > PT_DECIMAL_MAX_EXP ||
		t->places[1] > PT_DECIMAL_MAX_EXP || t->unit_key_len > PT_UNIT_MAX_BYTES)
		return false;
	/* no unit, or (from 1.1) only /denominators: ≤15.5/棵 */
	if (t->unit_id == PT_UNIT_NONE)
		return t->unit_key_len == 0 || (t->unit_key_len > 1 && t->unit_key[0] == '/');
	if (t->unit_id == PT_UNIT_WORD)
		return t->unit_key_len > 0;
	/* a dimensioned unit's key starts with its base unit's spelling */
	row = pt_unit_by_id(t->unit_id);
	if (row == NULL || row->dimension == NULL || row->base_len > t->unit_key_len)
		return false;
	for (i = 0; i < row->base_len; i++)
		if (t->unit_key[i] != row->base[i])
			return false;
	return true;
}

/* A quantity's bytes after the header (t->op set): unit, key, bounds. */
static bool
read_quantity(reader *r, pt_target *t)
{
	uint8_t		key_len;

	if (t->op < PT_OP_EQ || t->op > PT_OP_RANGE)
		return false;
	if (!get_byte(r, &t->unit_id) || !get_byte(r, &t->scale) ||
		!get_byte(r, &t->places[0]) || !get_byte(r, &t->places[1]) ||
		!get_byte(r, &key_len) || key_len > r->left)
		return false;
	t->unit_key = (const char *) r->p;
	t->unit_key_len = key_len;
	r->p += key_len;
	r->left -= key_len;
	if (!valid_unit(t))
		return false;
	/* one stored bound, the set's only finite end (or both ends of =a); a range stores two */
	if (!get_decimal(r, &t->lower.value))
		return false;
	if (t->op != PT_OP_RANGE)
	{
		t->upper.value = t->lower.value;
		return true;
	}
	/* only a range has two bounds to order */
	return get_decimal(r, &t->upper.value) && pt_decimal_cmp(&t->lower.value, &t->upper.value) <= 0;
}

bool
pt_unpack(const uint8_t *src, size_t len, pt_target *t)
{
	reader		r = {src, len, src};
	uint8_t		version,
				kind,
				op;

	/* every field a kind does not set is zero, as pt_parse leaves it */
	memset(t, 0, sizeof(*t));
	if (!get_byte(&r, &version) || version != PT_FORMAT_VERSION ||
		!get_byte(&r, &kind) || !get_byte(&r, &op) || !get_byte(&r, &t->flags) ||
		(t->flags & ~PT_FLAG_APPROXIMATE) != 0)
		return false;
	t->kind = (pt_kind) kind;
	t->op = (pt_op) op;
	switch (kind)
	{
		case PT_KIND_QUANTITY:
			if (!read_quantity(&r, t))
				return false;
			break;
		case PT_KIND_DATE:
			if (op != PT_OP_EQ && op != PT_OP_GE && op != PT_OP_LE && op != PT_OP_RANGE)
				return false;
			if (stores_lower(t->op) && !get_day(&r, &t->lower.day))
				return false;
			if (stores_upper(t->op) && !get_day(&r, &t->upper.day))
				return false;
			if (!stores_upper(t->op))
				t->upper.day = t->lower.day;
			if (!stores_lower(t->op))
				t->lower.day = t->upper.day;
			if (t->lower.day > t->upper.day)
				return false;
			break;
		case PT_KIND_LABEL:
			if (op != PT_OP_NONE || r.left == 0)
				return false;
			t->label = (const char *) r.p;
			t->label_len = r.left;
			r.left = 0;
			break;
		default:
			return false;
	}
	if (t->kind != PT_KIND_LABEL)
		pt_bounds_from_op(t);
	return r.left == 0;
}

/* ---------------------------------------------------------------- probes */

void
pt_probe_prepare(pt_probe *p, const pt_target *t, pt_probe_op op)
{
	p->t = *t;
	p->op = op;
}

/*
 * Sets and order only relate values of one kind and dimension (and labels
 * only to equal labels): anything else is false for every operation, and
 * the header and the dimension key say so.  Those bytes are checked as
 * pt_unpack checks them; the rest of such a value is not read.  A value of
 * the probe's kind and dimension is unpacked and compared in full.
 */
/* A value of the probe's kind and dimension, in full. */
static __attribute__((noinline)) int
probe_full(const pt_probe *p, const uint8_t *src, size_t len)
{
	pt_target	v;
	bool		result;

	if (src[1] == PT_KIND_QUANTITY)
	{
		/*
		 * The bounds, read in place: the unit, scale and places say nothing
		 * about the set (the key does, and it is the probe's), so only the
		 * stored decimals are read, with pt_unpack's checks.
		 */
		size_t		skip = HEADER_BYTES + QUANTITY_FIXED + src[HEADER_BYTES + QUANTITY_FIXED - 1];
		reader		r = {src + skip, len - skip, src};

		v.kind = PT_KIND_QUANTITY;
		v.op = (pt_op) src[2];
		if (!get_decimal(&r, &v.lower.value))
			return -1;
		if (v.op != PT_OP_RANGE)
			v.upper.value = v.lower.value;
		else if (!get_decimal(&r, &v.upper.value) || pt_decimal_cmp(&v.lower.value, &v.upper.value) > 0)
			return -1;
		if (r.left != 0)
			return -1;
		pt_bounds_from_op(&v);
		/* one dimension already: the bounds decide */
		switch (p->op)
		{
			case PT_PROBE_CONTAINS:
				return pt_lower_cmp(PT_KIND_QUANTITY, &v.lower, &p->t.lower) <= 0 &&
					pt_upper_cmp(PT_KIND_QUANTITY, &p->t.upper, &v.upper) <= 0;
			case PT_PROBE_CONTAINED_BY:
				return pt_lower_cmp(PT_KIND_QUANTITY, &p->t.lower, &v.lower) <= 0 &&
					pt_upper_cmp(PT_KIND_QUANTITY, &v.upper, &p->t.upper) <= 0;
			case PT_PROBE_OVERLAPS:
				return pt_upper_reaches_lower(PT_KIND_QUANTITY, &v.upper, &p->t.lower) &&
					pt_upper_reaches_lower(PT_KIND_QUANTITY, &p->t.upper, &v.lower);
			default:
				return pt_lower_cmp(PT_KIND_QUANTITY, &v.lower, &p->t.lower) == 0 &&
					pt_upper_cmp(PT_KIND_QUANTITY, &v.upper, &p->t.upper) == 0;
		}
	}
	if (!pt_unpack(src, len, &v))
		return -1;
	switch (p->op)
	{
		case PT_PROBE_CONTAINS:
			result = pt_contains(&v, &p->t);
			break;
		case PT_PROBE_CONTAINED_BY:
			result = pt_contains(&p->t, &v);
			break;
		case PT_PROBE_OVERLAPS:
			result = pt_overlaps(&v, &p->t);
			break;
		default:
			result = pt_compare(&v, &p->t) == 0;
			break;
	}
	return result ? 1 : 0;
}

/*
 * Sets and order only relate values of one kind and dimension (and labels
 * only to equal labels): anything else is false for every operation, and
 * the header and the dimension key say so.  Those bytes are checked as
 * pt_unpack checks them; the rest of such a value is not read.  A value of
 * the probe's dimension may still be answered by which of its ends are open
 * (≥95% contains no value bounded above); else it is read in full.
 */
int
pt_probe_test_quantity(const pt_probe *p, const uint8_t *src, size_t len)
{
	pt_op		op = (pt_op) src[2];
	bool		lower_infinite,
				upper_infinite;

	if (op < PT_OP_EQ || op > PT_OP_RANGE)
		return -1;
	/* which ends are open decides many answers before any number is read */
	lower_infinite = (op == PT_OP_LE || op == PT_OP_LT);
	upper_infinite = (op == PT_OP_GE || op == PT_OP_GT);
	switch (p->op)
	{
		case PT_PROBE_CONTAINS:
			if ((p->t.lower.infinite && !lower_infinite) || (p->t.upper.infinite && !upper_infinite))
				return 0;
			break;
		case PT_PROBE_CONTAINED_BY:
			if ((lower_infinite && !p->t.lower.infinite) || (upper_infinite && !p->t.upper.infinite))
				return 0;
			break;
		case PT_PROBE_EQUAL:
			if (lower_infinite != p->t.lower.infinite || upper_infinite != p->t.upper.infinite)
				return 0;
			break;
		default:
			break;
	}
	return probe_full(p, src, len);
}

int
pt_probe_test(const pt_probe *p, const uint8_t *src, size_t len)
{
	if (len < HEADER_BYTES || src[0] != PT_FORMAT_VERSION || src[1] < PT_KIND_QUANTITY ||
		src[1] > PT_KIND_LABEL || (src[3] & ~PT_FLAG_APPROXIMATE) != 0)
		return -1;
	if (src[1] != (uint8_t) p->t.kind)
		return 0;
	if (src[1] == PT_KIND_QUANTITY)
	{
		size_t		key_len,
					i;

		if (len < HEADER_BYTES + QUANTITY_FIXED)
			return -1;
		key_len = src[HEADER_BYTES + QUANTITY_FIXED - 1];
		if (key_len > len - HEADER_BYTES - QUANTITY_FIXED || key_len > PT_UNIT_MAX_BYTES)
			return -1;
		if (key_len != p->t.unit_key_len)
			return 0;
		for (i = 0; i < key_len; i++)
			if (src[HEADER_BYTES + QUANTITY_FIXED + i] != (uint8_t) p->t.unit_key[i])
				return 0;
		return pt_probe_test_quantity(p, src, len);
	}
	else if (src[1] == PT_KIND_LABEL && p->op != PT_PROBE_OVERLAPS &&
			 (len - HEADER_BYTES != p->t.label_len || len == HEADER_BYTES))
	{
		/* labels: every relation is equality; another length is another label */
		return len == HEADER_BYTES || src[2] != PT_OP_NONE ? -1 : 0;
	}
	return probe_full(p, src, len);
}

/* ---------------------------------------------------------------- packed order */

/*
 * The fields pt_compare and pt_abbreviate read (kind, key, bounds, label),
 * read in place without clearing the rest.  A quantity's stored decimals get
 * pt_unpack's checks; its unit, scale and places say nothing about the order
 * or the set and are not read (as by probes): sorts read them for no value.
 */
static inline __attribute__((always_inline)) bool
unpack_for_order(const uint8_t *src, size_t len, pt_target *t)
{
	size_t		key_len;
	reader		r;

	if (len < HEADER_BYTES + QUANTITY_FIXED || src[1] != PT_KIND_QUANTITY)
		return pt_unpack(src, len, t);
	if (src[0] != PT_FORMAT_VERSION || (src[3] & ~PT_FLAG_APPROXIMATE) != 0)
		return false;
	t->kind = PT_KIND_QUANTITY;
	t->op = (pt_op) src[2];
	t->flags = src[3];
	key_len = src[HEADER_BYTES + QUANTITY_FIXED - 1];
	if (t->op < PT_OP_EQ || t->op > PT_OP_RANGE || key_len > len - HEADER_BYTES - QUANTITY_FIXED)
		return false;
	t->unit_id = src[HEADER_BYTES];
	t->unit_key = (const char *) src + HEADER_BYTES + QUANTITY_FIXED;
	t->unit_key_len = (uint8_t) key_len;
	r.start = src;
	r.p = src + HEADER_BYTES + QUANTITY_FIXED + key_len;
	r.left = len - HEADER_BYTES - QUANTITY_FIXED - key_len;
	/* one stored bound, the set's only finite end (or both ends of =a); a range stores two */
	if (!get_decimal(&r, &t->lower.value))
		return false;
	if (t->op != PT_OP_RANGE)
		t->upper.value = t->lower.value;
	else if (!get_decimal(&r, &t->upper.value) || pt_decimal_cmp(&t->lower.value, &t->upper.value) > 0)
		return false;
	if (r.left != 0)
		return false;
	pt_bounds_from_op(t);
	return true;
}

bool
pt_unpack_set(const uint8_t *src, size_t len, pt_target *t)
{
	return unpack_for_order(src, len, t);
}

/* Kind and dimension key of a packed value, checked as pt_unpack checks them. */
static inline bool
packed_head(const uint8_t *p, size_t len, uint8_t *kind, const uint8_t **key, size_t *key_len)
{
	if (len < HEADER_BYTES || p[0] != PT_FORMAT_VERSION || p[1] < PT_KIND_QUANTITY || p[1] > PT_KIND_LABEL)
		return false;
	*kind = p[1];
	*key = NULL;
	*key_len = 0;
	if (p[1] == PT_KIND_QUANTITY)
	{
		if (len < HEADER_BYTES + QUANTITY_FIXED)
			return false;
		*key_len = p[HEADER_BYTES + QUANTITY_FIXED - 1];
		if (*key_len > len - HEADER_BYTES - QUANTITY_FIXED)
			return false;
		*key = p + HEADER_BYTES + QUANTITY_FIXED;
	}
	return true;
}

int
pt_packed_compare(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen, bool *valid)
{
	uint8_t		ka,
				kb;
	const uint8_t *keya,
			   *keyb;
	size_t		lena,
				lenb;
	pt_target	ta,
				tb;
	int			c;

	/* the same bytes are the same value (a sort meets many equal targets) */
	if (alen == blen && alen >= HEADER_BYTES && a[0] == PT_FORMAT_VERSION && a[1] >= PT_KIND_QUANTITY &&
		a[1] <= PT_KIND_LABEL && (a[1] != PT_KIND_QUANTITY || alen >= HEADER_BYTES + QUANTITY_FIXED) &&
		memcmp(a, b, alen) == 0)
	{
		*valid = true;
		return 0;
	}
	*valid = packed_head(a, alen, &ka, &keya, &lena) && packed_head(b, blen, &kb, &keyb, &lenb);
	if (!*valid)
		return 0;
	/* kind, then the dimension key (pt_compare's order) */
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (ka == PT_KIND_QUANTITY && (c = pt_bytes_cmp((const char *) keya, lena, (const char *) keyb, lenb)) != 0)
		return c;
	if (!unpack_for_order(a, alen, &ta) || !unpack_for_order(b, blen, &tb))
	{
		*valid = false;
		return 0;
	}
	if (ka == PT_KIND_LABEL)
		return pt_bytes_cmp(ta.label, ta.label_len, tb.label, tb.label_len);
	/* one kind and dimension: the bounds decide */
	if ((c = pt_lower_cmp(ta.kind, &ta.lower, &tb.lower)) != 0)
		return c;
	return pt_upper_cmp(ta.kind, &ta.upper, &tb.upper);
}

uint64_t
pt_packed_abbreviate(const uint8_t *p, size_t len, bool *valid)
{
	pt_target	t;

	*valid = unpack_for_order(p, len, &t);
	return *valid ? pt_abbrev_key(&t) : 0;
}

int
pt_packed_compare_grouped(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen, bool *valid)
{
	pt_target	ta,
				tb;
	uint8_t		kind;
	const uint8_t *key;
	size_t		key_len;

	/* the same bytes are the same value (a build meets many equal targets) */
	if (alen == blen && memcmp(a, b, alen) == 0 && packed_head(a, alen, &kind, &key, &key_len))
	{
		*valid = true;
		return 0;
	}
	*valid = unpack_for_order(a, alen, &ta) && unpack_for_order(b, blen, &tb);
	return *valid ? pt_compare_grouped(&ta, &tb) : 0;
}

uint64_t
pt_packed_abbreviate_grouped(const uint8_t *p, size_t len, bool *valid)
{
	pt_target	t;

	*valid = unpack_for_order(p, len, &t);
	return *valid ? pt_abbrev_key_grouped(&t) : 0;
}
