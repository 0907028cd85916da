/*
 * pt_decimal.h — exact decimal numbers for target magnitudes.
 *
 * A value is coef * 10^exp with a 128-bit integer coefficient, so a written
 * magnitude of up to PT_DECIMAL_MAX_DIGITS significant digits stays exact even
 * after multiplication by a unit factor such as 86400 (seconds per day).
 * No binary floating point is used anywhere.
 *
 * Plain C: no PostgreSQL headers, so it can be unit-tested and fuzzed alone.
 */
#ifndef PT_DECIMAL_H
#define PT_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * 8-byte alignment, not the 16 the ABI gives __int128: PostgreSQL's palloc
 * guarantees only 8, and an aligned move on a misaligned address crashes.
 * (PostgreSQL's own int128 typedef lowers the alignment the same way.)
 */
typedef __int128 pt_int128 __attribute__((aligned(8)));

/*
 * Significant digits accepted in one written magnitude: from the first nonzero
 * digit to the last nonzero digit of the integer part, or to the last digit
 * written after the point (10000 has one, 10000.0 has six, 0.050 has two).
 */
#define PT_DECIMAL_MAX_DIGITS 28
/*
 * Largest |exp| of a normalized value; keeps every value far inside int128.
 * A written magnitude also has at most this many digits before the point and
 * this many after it.
 */
#define PT_DECIMAL_MAX_EXP 60
/*
 * Bytes of the longest formatted decimal (sign, digits, point, zeros): up to
 * 38 coefficient digits shifted by |exp| <= 60, plus up to 100 places when a
 * division by a unit factor borrows digits.
 */
#define PT_DECIMAL_TEXT_MAX 512

typedef struct pt_decimal
{
	pt_int128	coef;			/* normalized: no trailing zero digits */
	int32_t		exp;			/* power of ten; 0 when coef is 0 */
} pt_decimal;

typedef enum pt_decimal_status
{
	PT_DECIMAL_OK = 0,
	PT_DECIMAL_NONE,			/* no number at this position */
	PT_DECIMAL_TOO_PRECISE,		/* more than PT_DECIMAL_MAX_DIGITS significant digits */
	PT_DECIMAL_OUT_OF_RANGE,	/* more than PT_DECIMAL_MAX_EXP decimal places */
	PT_DECIMAL_TOO_LARGE		/* more than PT_DECIMAL_MAX_EXP digits before the point */
} pt_decimal_status;

/*
 * Reads a plain decimal ("-12", "1,265,822.78", "0.55") at s[0..len).
 * Thousands separators are accepted only in well-formed groups of three.
 * On success stores the value, the count of decimal places as written, and
 * the number of bytes read.
 */
pt_decimal_status pt_decimal_scan(const char *s, size_t len, pt_decimal *out,
								  int *places, size_t *consumed);

/*
 * Would d, written with `places` decimal places (at least the ones it needs),
 * read back through pt_decimal_scan?  *why says which limit it passes.
 */
bool		pt_decimal_readable(const pt_decimal *d, int places, pt_decimal_status *why);

/* Strips trailing zero digits so equal values have equal representations. */
void		pt_decimal_normalize(pt_decimal *d);

/* Sign-aware total order: -1, 0 or 1. */
int			pt_decimal_cmp(const pt_decimal *a, const pt_decimal *b);

/*
 * pt_decimal_cmp with the common case in line (sorts, index keys and filters
 * compare bounds all the time): coefficients below 10^9 whose exponents
 * differ by at most 9 align exactly in 64 bits.
 */
static inline int
pt_decimal_cmp_inline(const pt_decimal *a, const pt_decimal *b)
{
	static const int64_t p10[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
	int			d = a->exp - b->exp;

	if (a->coef > -1000000000 && a->coef < 1000000000 && b->coef > -1000000000 && b->coef < 1000000000 &&
		d >= -9 && d <= 9)
	{
		int64_t		ca = (int64_t) a->coef,
					cb = (int64_t) b->coef;

		if (d > 0)
			ca *= p10[d];
		else
			cb *= p10[-d];
		return (ca > cb) - (ca < cb);
	}
	return pt_decimal_cmp(a, b);
}

/* d *= factor * 10^exp10; false when the result leaves the supported range. */
bool		pt_decimal_scale(pt_decimal *d, int64_t factor, int exp10);

/* d /= factor * 10^exp10; false when the quotient is not an exact decimal. */
bool		pt_decimal_unscale(pt_decimal *d, int64_t factor, int exp10);

/* Order of magnitude: |d| lies in [10^(m-1), 10^m) (0 for d = 0). */
int			pt_decimal_magnitude(const pt_decimal *d);

/* Digits after the point needed to write d exactly. */
int			pt_decimal_min_places(const pt_decimal *d);

/*
 * Writes d with max(places, pt_decimal_min_places(d)) decimal places, no
 * separators.  buf must hold PT_DECIMAL_TEXT_MAX bytes; returns the length.
 */
size_t		pt_decimal_format(const pt_decimal *d, int places, char *buf);

#endif
