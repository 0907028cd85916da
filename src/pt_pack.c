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

#include "pt_date.h"

#define HEADER_BYTES 4
#define QUANTITY_FIXED 5
#define MAX_COEF_BYTES 16
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

void
pt_pack(const pt_target *t, uint8_t *p)
{
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
			break;
	}
}

/* ---------------------------------------------------------------- reading */

typedef struct reader
{
	const uint8_t *p;
	size_t		left;
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

static bool
get_decimal(reader *r, pt_decimal *d)
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

static bool
get_day(reader *r, int32_t *day)
{
	if (r->left < 4)
		return false;
	*day = (int32_t) ((uint32_t) r->p[0] | ((uint32_t) r->p[1] << 8) |
					  ((uint32_t) r->p[2] << 16) | ((uint32_t) r->p[3] << 24));
	r->p += 4;
	r->left -= 4;
	if (*day < pt_date_to_days(PT_DATE_MIN_YEAR, 1, 1) ||
		*day > pt_date_to_days(PT_DATE_MAX_YEAR, 12, 31))
		return false;
	return true;
}

static bool
valid_unit(const pt_target *t)
{
	const pt_unit *row = pt_unit_by_id(t->unit_id);

	if (pt_scale_spelling(t->scale) == NULL || t->places[0] > PT_DECIMAL_MAX_EXP ||
		t->places[1] > PT_DECIMAL_MAX_EXP || t->unit_key_len > PT_UNIT_MAX_BYTES)
		return false;
	/* no unit, or (from 1.1) only /denominators: ≤15.5/棵 */
	if (t->unit_id == PT_UNIT_NONE)
		return t->unit_key_len == 0 || (t->unit_key_len > 1 && t->unit_key[0] == '/');
	if (t->unit_id == PT_UNIT_WORD)
		return t->unit_key_len > 0;
	/* a dimensioned unit's key starts with its base unit's spelling */
	return row != NULL && row->dimension != NULL &&
		strlen(row->base) <= t->unit_key_len &&
		memcmp(t->unit_key, row->base, strlen(row->base)) == 0;
}

bool
pt_unpack(const uint8_t *src, size_t len, pt_target *t)
{
	reader		r = {src, len};
	uint8_t		version,
				kind,
				op,
				key_len;

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
			if (op < PT_OP_EQ || op > PT_OP_RANGE)
				return false;
			if (!get_byte(&r, &t->unit_id) || !get_byte(&r, &t->scale) ||
				!get_byte(&r, &t->places[0]) || !get_byte(&r, &t->places[1]) ||
				!get_byte(&r, &key_len) || key_len > r.left)
				return false;
			t->unit_key = (const char *) r.p;
			t->unit_key_len = key_len;
			r.p += key_len;
			r.left -= key_len;
			if (!valid_unit(t))
				return false;
			if (stores_lower(t->op) && !get_decimal(&r, &t->lower.value))
				return false;
			if (stores_upper(t->op) && !get_decimal(&r, &t->upper.value))
				return false;
			if (!stores_upper(t->op))
				t->upper.value = t->lower.value;
			if (!stores_lower(t->op))
				t->lower.value = t->upper.value;
			if (pt_decimal_cmp(&t->lower.value, &t->upper.value) > 0)
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
