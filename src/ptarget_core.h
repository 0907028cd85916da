/*
 * ptarget_core.h — the plain-C heart of ptarget: one performance target.
 *
 * Everything here is free of PostgreSQL headers so it can be unit-tested,
 * fuzzed and benchmarked on its own.  The PostgreSQL glue (pg_*.c) only
 * moves bytes in and out and turns pt_error into ereport().
 *
 * A target is a quantity (operator, exact magnitude, unit), a date
 * constraint, or a label.  Quantities and dates denote a set of allowed values
 * on one dimension, held as two bounds in the dimension's base unit (or in
 * days since 2000-01-01 for dates), computed once at input.
 */
#ifndef PTARGET_CORE_H
#define PTARGET_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pt_decimal.h"
#include "pt_units.h"

/* Stored in every packed value, so later releases can read today's data. */
#define PT_FORMAT_VERSION 1

typedef enum pt_kind
{
	PT_KIND_QUANTITY = 1,
	PT_KIND_DATE = 2,
	PT_KIND_LABEL = 3
} pt_kind;

/* Operators as written; the order of the values is part of the disk format. */
typedef enum pt_op
{
	PT_OP_NONE = 0,				/* labels */
	PT_OP_EQ = 1,				/* a, =a        [a, a] */
	PT_OP_GE = 2,				/* ≥a           [a, +inf) */
	PT_OP_GT = 3,				/* >a           (a, +inf) */
	PT_OP_LE = 4,				/* ≤a           (-inf, a] */
	PT_OP_LT = 5,				/* <a           (-inf, a) */
	PT_OP_RANGE = 6				/* a~b          [a, b] */
} pt_op;

#define PT_FLAG_APPROXIMATE 0x01	/* written with 约 / 左右: display only */

typedef struct pt_bound
{
	bool		infinite;
	bool		inclusive;
	pt_decimal	value;			/* quantities: in the base unit */
	int32_t		day;			/* dates: days since 2000-01-01 */
} pt_bound;

typedef struct pt_target
{
	pt_kind		kind;
	pt_op		op;
	uint8_t		flags;

	/* quantities */
	uint8_t		unit_id;		/* written unit: catalog id, NONE or WORD */
	uint8_t		scale;			/* written scale word exponent (万 = 4) */
	uint8_t		places[2];		/* decimal places written, lower and upper */
	const char *unit_key;		/* dimension key: base unit spelling plus any
								 * /denominators, e.g. "元/人/月"; "" = none */
	uint8_t		unit_key_len;

	/* quantities and dates: the allowed set */
	pt_bound	lower;
	pt_bound	upper;

	/* labels: normalized text, not NUL-terminated */
	const char *label;
	size_t		label_len;
} pt_target;

typedef enum pt_status
{
	PT_OK = 0,
	PT_ERR_SYNTAX,				/* SQLSTATE 22P02 */
	PT_ERR_DATE,				/* SQLSTATE 22008 */
	PT_ERR_RANGE,				/* SQLSTATE 22003 */
	PT_ERR_INVALID,				/* SQLSTATE 22023: a valid value, a wrong request */
	PT_ERR_CORRUPT				/* SQLSTATE XX001: bad packed bytes */
} pt_status;

typedef struct pt_error
{
	pt_status	status;
	char		message[200];
	char		hint[300];
} pt_error;

/*
 * Scratch space a parse needs: the parser writes folded text, the unit key
 * and the label into it, and the result points into it.  Size it with
 * pt_parse_scratch_size(input length).
 */
size_t		pt_parse_scratch_size(size_t len);

/* Parses UTF-8 text into *out.  Returns PT_OK or fills *err. */
pt_status	pt_parse(const char *text, size_t len, pt_target *out,
					 char *scratch, pt_error *err);

/*
 * What a document says about its values (the year of the table, the unit of
 * a column), for values that lack it.  The context never changes what a text
 * reads as on its own: the year applies only to text that reads as no value
 * or as a label without it (10月前, 第四季度末前; 10月 stays ten months), the
 * unit only to a bare quantity (85, ≥85, 5~10: no unit, no /denominator).
 */
typedef struct pt_context
{
	int			year;			/* 0 = none; 1000..9999 */
	const char *unit;			/* UTF-8 unit text such as "%" or "万元"; NULL = none */
	size_t		unit_len;
} pt_context;

#define PT_CONTEXT_YEAR 0x01	/* *applied: the context's year was used */
#define PT_CONTEXT_UNIT 0x02	/* *applied: the context's unit was used */

/* Scratch for pt_parse_context (at least pt_parse_scratch_size(len)). */
size_t		pt_parse_context_scratch_size(size_t len, const pt_context *ctx);

/*
 * pt_parse with a context (ctx may be NULL).  *applied says what the context
 * supplied (PT_CONTEXT_*), for the caller's note; an unreadable context unit
 * or year out of range is PT_ERR_INVALID.
 */
pt_status	pt_parse_context(const char *text, size_t len, const pt_context *ctx,
							 pt_target *out, char *scratch, pt_error *err, unsigned *applied);

/* A short note of what was applied ("year 2024 from the context"); its length. */
size_t		pt_context_note(unsigned applied, const pt_context *ctx, char *buf, size_t cap);

/*
 * The constraints a sentence states, in order (ptarget_extract): 合格率不低于90%
 * gives ≥90%, 培训人员30人以上,补助资金2.5万元以内 gives ≥30人 and ≤2.5万元,
 * 比上年增加5个 gives nothing (a change is no level).  A text that is a target
 * on its own gives that target, as pt_parse reads it.  Each result's bytes
 * [start, end) of the text are the words it was read from.  Stores at most
 * max results and returns how many there are (call again with more room
 * when that is more than max).  Results point into scratch,
 * pt_extract_scratch_size(len, max) bytes.  Text that is not UTF-8 gives none.
 */
typedef struct pt_extracted
{
	pt_target	target;
	size_t		start,
				end;
} pt_extracted;

#define PT_EXTRACT_API 1		/* (for code built against several releases) */

size_t		pt_extract_scratch_size(size_t len, size_t max);
size_t		pt_extract(const char *text, size_t len, pt_extracted *found, size_t max, char *scratch);

/*
 * Builds a quantity from parts (constructor): operator text such as "≥" or
 * "不低于", a decimal magnitude, and a unit text such as "万元".
 */
pt_status	pt_build(const char *op, size_t op_len, const pt_decimal *magnitude,
					 int places, const char *unit, size_t unit_len,
					 pt_target *out, char *scratch, pt_error *err);

/* Would this label read back as something else unless written in quotes? */
bool		pt_label_needs_quotes(const char *label, size_t len);

/* Canonical text.  Returns the length; writes at most cap bytes + NUL. */
size_t		pt_format(const pt_target *t, char *buf, size_t cap);
/* Upper bound of pt_format's length for this value. */
size_t		pt_format_size(const pt_target *t);

/* Written parts, for accessors. */
const char *pt_op_symbol(pt_op op);
size_t		pt_format_unit(const pt_target *t, char *buf, size_t cap);
size_t		pt_format_dimension(const pt_target *t, char *buf, size_t cap);
/* The magnitude (lower end for ranges) in the written unit. */
bool		pt_written_magnitude(const pt_target *t, bool upper, pt_decimal *out);

/* Packed on-disk form (the payload of the varlena). */
size_t		pt_packed_size(const pt_target *t);
/* Writes pt_packed_size(t) bytes to dst and returns that size. */
size_t		pt_pack(const pt_target *t, uint8_t *dst);
/* The most a quantity or a date packs into (a label packs into 4 + its length). */
#define PT_PACKED_MAX_NON_LABEL (4 + 5 + PT_UNIT_MAX_BYTES + 2 * 18)
/* Reads packed bytes; pointers in *out point into src.  false if malformed. */
bool		pt_unpack(const uint8_t *src, size_t len, pt_target *out);

/*
 * The fields of a packed value that say which set it is (kind, op, flags,
 * dimension key, bounds, label) for order and GiST keys, read in place; the
 * other fields are left as they were.  Bytes pt_unpack refuses give false,
 * except a quantity's unit, scale and places, which are not read.
 */
bool		pt_unpack_set(const uint8_t *src, size_t len, pt_target *out);

/*
 * Bound order as range types have it: lower bounds put -inf first and, at
 * one value, inclusive before exclusive; upper bounds put +inf last and, at
 * one value, exclusive before inclusive.
 */
/* (in line: every sort, index and filter compares bounds) */
static inline int
pt_bound_value_cmp(pt_kind kind, const pt_bound *a, const pt_bound *b)
{
	if (kind == PT_KIND_DATE)
		return (a->day > b->day) - (a->day < b->day);
	return pt_decimal_cmp_inline(&a->value, &b->value);
}

static inline int
pt_lower_cmp(pt_kind kind, const pt_bound *a, const pt_bound *b)
{
	int			c;

	if (a->infinite || b->infinite)
		return b->infinite - a->infinite;
	if ((c = pt_bound_value_cmp(kind, a, b)) != 0)
		return c;
	return b->inclusive - a->inclusive;
}

static inline int
pt_upper_cmp(pt_kind kind, const pt_bound *a, const pt_bound *b)
{
	int			c;

	if (a->infinite || b->infinite)
		return a->infinite - b->infinite;
	if ((c = pt_bound_value_cmp(kind, a, b)) != 0)
		return c;
	return a->inclusive - b->inclusive;
}

/* Does the upper bound u reach the lower bound l (do the sets touch)? */
static inline bool
pt_upper_reaches_lower(pt_kind kind, const pt_bound *u, const pt_bound *l)
{
	int			c;

	if (u->infinite || l->infinite)
		return true;
	c = pt_bound_value_cmp(kind, u, l);
	return c > 0 || (c == 0 && u->inclusive && l->inclusive);
}

/* Sets the bounds' infinite/inclusive flags from t->op (in line: every unpack does). */
static inline void
pt_bounds_from_op(pt_target *t)
{
	t->lower.infinite = (t->op == PT_OP_LE || t->op == PT_OP_LT);
	t->upper.infinite = (t->op == PT_OP_GE || t->op == PT_OP_GT);
	t->lower.inclusive = (t->op != PT_OP_GT) && !t->lower.infinite;
	t->upper.inclusive = (t->op != PT_OP_LT) && !t->upper.infinite;
}

/* Semantics (pt_semantics.c): all on unpacked values, no allocation. */
int			pt_compare(const pt_target *a, const pt_target *b);
bool		pt_equal(const pt_target *a, const pt_target *b);
bool		pt_contains(const pt_target *a, const pt_target *b);
bool		pt_overlaps(const pt_target *a, const pt_target *b);
/* Is a number, taken in t's written unit, inside t? */
bool		pt_contains_number(const pt_target *t, const pt_decimal *n, bool *comparable);
bool		pt_contains_day(const pt_target *t, int32_t day);

/*
 * A query's constant target, prepared once and tested against many packed
 * values (sequential @>, <@, && and = filters): a value of another kind or
 * dimension is answered from its first bytes, without unpacking it.  The
 * probe's pointers point where t's did (keep those bytes alive).
 */
typedef enum pt_probe_op
{
	PT_PROBE_CONTAINS,			/* value @> probe */
	PT_PROBE_CONTAINED_BY,		/* value <@ probe */
	PT_PROBE_OVERLAPS,			/* value && probe */
	PT_PROBE_EQUAL				/* value = probe */
} pt_probe_op;

typedef struct pt_probe
{
	pt_target	t;
	pt_probe_op op;
} pt_probe;

#define PT_PROBE_API 1			/* (for code built against several releases) */

void		pt_probe_prepare(pt_probe *p, const pt_target *t, pt_probe_op op);
/* The answer for a packed value: 1 true, 0 false, -1 bytes pt_unpack refuses. */
int			pt_probe_test(const pt_probe *p, const uint8_t *packed, size_t len);
/* The same for a quantity whose header and dimension key were checked and are the probe's. */
int			pt_probe_test_quantity(const pt_probe *p, const uint8_t *packed, size_t len);

/*
 * pt_probe_test with its commonest answer in line (a filter asks for every
 * row): a value of another kind, or a quantity of another dimension key, is
 * false.  The bytes read here get pt_probe_test's checks (packed layout:
 * pt_pack.c; a quantity's key length is byte 8, its key follows).
 */
static inline int
pt_probe_test_inline(const pt_probe *p, const uint8_t *src, size_t len)
{
	/* a quantity probe and a quantity of a valid header (version, kind, flags): its key decides */
	if (p->t.kind == PT_KIND_QUANTITY && len >= 9 && src[0] == PT_FORMAT_VERSION &&
		src[1] == PT_KIND_QUANTITY && (src[3] & ~PT_FLAG_APPROXIMATE) == 0 && src[8] <= len - 9 &&
		src[8] <= PT_UNIT_MAX_BYTES)
	{
		size_t		key_len = src[8],
					i;

		if (key_len != p->t.unit_key_len)
			return 0;
		for (i = 0; i < key_len; i++)
			if (src[9 + i] != (uint8_t) p->t.unit_key[i])
				return 0;
		return pt_probe_test_quantity(p, src, len);
	}
	/* a value of another kind (its header valid) */
	else if (len >= 4 && src[0] == PT_FORMAT_VERSION && src[1] >= PT_KIND_QUANTITY && src[1] <= PT_KIND_LABEL &&
			 (src[3] & ~PT_FLAG_APPROXIMATE) == 0 && src[1] != (uint8_t) p->t.kind)
		return 0;
	return pt_probe_test(p, src, len);
}

/*
 * pt_compare and pt_abbreviate of packed values (sorts, btree builds): a
 * value's kind and dimension key are compared in place, the bounds read in
 * place when they decide.  *valid is false for bytes pt_unpack refuses (as
 * far as they were read; the caller reports them), and the result is then 0.
 */
#define PT_PACKED_COMPARE 1		/* (for code built against several releases) */

int			pt_packed_compare(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen, bool *valid);
uint64_t	pt_packed_abbreviate(const uint8_t *p, size_t len, bool *valid);

/*
 * A 64-bit key whose unsigned order agrees with pt_compare wherever the keys
 * differ (abbreviated keys for sorting): kind, the dimension key's code,
 * then the bounds (the first to eight digits; when those are exact, its
 * inclusiveness and the upper bound coarsened).  Layout in pt_semantics.c.
 */
uint64_t	pt_abbreviate(const pt_target *t);

/*
 * Another total order for grouping values into index pages (GiST sorted
 * builds): pt_compare's, except that within a kind and dimension the values
 * come in groups by which ends are open — finite, [a, +inf), (-inf, b] —
 * so that a page holds one shape and a query skips the shapes it cannot
 * match.  With its abbreviated keys (consistent as pt_abbreviate's).
 */
int			pt_compare_grouped(const pt_target *a, const pt_target *b);
uint64_t	pt_abbreviate_grouped(const pt_target *t);
/* The same of packed values (as pt_packed_compare and pt_packed_abbreviate). */
int			pt_packed_compare_grouped(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen, bool *valid);
uint64_t	pt_packed_abbreviate_grouped(const uint8_t *p, size_t len, bool *valid);

/*
 * Bytes that identify the value's set (kind, dimension, bounds; a label's
 * text): equal values give equal bytes, so the glue hashes these.  *key
 * points into buf (PT_HASH_KEY_MAX bytes) or into the label.
 */
#define PT_HASH_KEY_MAX (8 + PT_UNIT_MAX_BYTES + 2 * 24)
size_t		pt_hash_key(const pt_target *t, uint8_t *buf, const uint8_t **key);

/* Re-expresses a quantity in another unit of its dimension, exactly. */
pt_status	pt_convert(const pt_target *t, const char *unit, size_t unit_len,
					   pt_target *out, char *scratch, pt_error *err);

#endif
