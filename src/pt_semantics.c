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

#include "pt_abbrev.h"
#include "pt_fold.h"

/* Same kind and dimension: the precondition of every set relation. */
static bool
same_dimension(const pt_target *a, const pt_target *b)
{
	return a->kind == b->kind &&
		(a->kind != PT_KIND_QUANTITY ||
		 (a->unit_key_len == b->unit_key_len &&
		  memcmp(a->unit_key, b->unit_key, a->unit_key_len) == 0));
}

/* The order's first keys, shared by both orders: kind, then a label's text
 * (all of a label's order) or a quantity's dimension key. */
static int
compare_kind_and_key(const pt_target *a, const pt_target *b)
{
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->kind == PT_KIND_LABEL)
		return pt_bytes_cmp(a->label, a->label_len, b->label, b->label_len);
	if (a->kind == PT_KIND_QUANTITY)
		return pt_bytes_cmp(a->unit_key, a->unit_key_len, b->unit_key, b->unit_key_len);
	return 0;
}

int
pt_compare(const pt_target *a, const pt_target *b)
{
	int			c;

	if ((c = compare_kind_and_key(a, b)) != 0 || a->kind == PT_KIND_LABEL)
		return c;
	if ((c = pt_lower_cmp(a->kind, &a->lower, &b->lower)) != 0)
		return c;
	return pt_upper_cmp(a->kind, &a->upper, &b->upper);
}

int
pt_compare_grouped(const pt_target *a, const pt_target *b)
{
	int			c;

	if ((c = compare_kind_and_key(a, b)) != 0 || a->kind == PT_KIND_LABEL)
		return c;
	if ((c = pt_abbrev_open_ends(a) - pt_abbrev_open_ends(b)) != 0)
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

uint64_t
pt_abbreviate(const pt_target *t)
{
	return pt_abbrev_key(t);
}

uint64_t
pt_abbreviate_grouped(const pt_target *t)
{
	return pt_abbrev_key_grouped(t);
}
