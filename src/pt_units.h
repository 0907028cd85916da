/*
 * pt_units.h — the one catalog of units, dimensions and scale words, and
 * conversion between a written unit and its dimension's base unit.
 *
 * Every unit spelling the parser knows is one row of the catalog.  A row's id
 * is stored on disk inside ptarget values, so ids are append-only: never
 * renumber or reuse a row.  Rows whose dimension is NULL are known measure
 * words (个, 次, 人次 …): like unknown measure words, each is its own
 * dimension, spelled inline in the value.
 */
#ifndef PT_UNITS_H
#define PT_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pt_decimal.h"

/* Unit ids with a special meaning (catalog rows start at 1). */
#define PT_UNIT_NONE 0			/* bare number, no unit */
#define PT_UNIT_WORD 255		/* a measure word, spelled in the value */

/* Longest unit text (measure word plus any /denominators) in bytes. */
#define PT_UNIT_MAX_BYTES 64
/* Longest unknown measure word, in characters: longer runs are prose. */
#define PT_WORD_MAX_CHARS 4
/* Longest catalog spelling in bytes, and the largest |exp10| of a row. */
#define PT_UNIT_SPELLING_MAX 16
#define PT_UNIT_EXP10_MAX 24

typedef struct pt_unit
{
	uint8_t		id;				/* stable on-disk id */
	const char *spelling;		/* canonical spelling, written back on output */
	const char *dimension;		/* dimension name, NULL for a measure word */
	const char *base;			/* spelling of the dimension's base unit */
	int64_t		factor;			/* one unit = factor * 10^exp10 base units */
	int			exp10;
	bool		latin;			/* matched ASCII-case-insensitively */
	uint8_t		len;			/* strlen(spelling) */
	uint8_t		since;			/* the release that added the row: 10 = 1.0, 11 = 1.1 */
	uint8_t		base_len;		/* strlen(base), 0 for a measure word */
} pt_unit;

typedef struct pt_scale_word
{
	const char *spelling;
	int			exp10;
} pt_scale_word;

/* The catalog row with this id, or NULL. */
const pt_unit *pt_unit_by_id(uint8_t id);

/*
 * Longest catalog spelling at the start of s[0..len) (folded text).
 * Returns the row and sets *consumed, or NULL.
 */
const pt_unit *pt_unit_match(const char *s, size_t len, size_t *consumed);
/* The same among the rows 1.0 had (only_1_0) or all rows. */
const pt_unit *pt_unit_match_since(const char *s, size_t len, size_t *consumed, bool only_1_0);

/* Longest scale-word sequence (万, 亿, 千, 百万, 千万, 万亿 …) at s. */
bool		pt_scale_match(const char *s, size_t len, int *exp10, size_t *consumed);

/* Spelling of a scale exponent ("" for 0), NULL when none exists. */
const char *pt_scale_spelling(int exp10);

/*
 * A magnitude written with the scale word 10^scale and the unit row (NULL or
 * a measure word: factor 1) to the dimension's base unit, and back; false
 * when the result leaves the decimal range or, back, is no exact decimal.
 */
bool		pt_unit_to_base(const pt_unit *row, int scale, pt_decimal *d);
bool		pt_unit_from_base(const pt_unit *row, int scale, pt_decimal *d);

/*
 * Order-preserving code of a dimension key (a base unit's spelling, a
 * measure word, or "" for none) among the keys the catalog knows (and a few
 * common keys with /denominators such as 元/人/月): 2*rank+1
 * for a known key, 2*(number of known keys below it) for any other.  Codes
 * fit in 8 bits; *known tells which case applies.
 */
unsigned	pt_unit_key_code(const char *key, size_t len, bool *known);
/* The same for a value's key written with unit row id (the base's code is kept). */
unsigned	pt_unit_id_key_code(uint8_t id, const char *key, size_t len, bool *known);

/* Iteration for documentation tools and tests. */
size_t		pt_unit_count(void);
const pt_unit *pt_unit_at(size_t index);

#endif
