/*
 * pt_decimal.c — exact decimal arithmetic on a 128-bit coefficient.
 */
#include "pt_decimal.h"

#include <string.h>

/* 10^0 .. 10^38 fit in a signed 128-bit integer. */
#define POW10_COUNT 39

/* Powers of ten, built once: comparisons multiply and compare, never divide. */
static const pt_int128 *
pow10_table(void)
{
	static pt_int128 table[POW10_COUNT];
	static bool ready = false;
	int			i;

	if (!ready)
	{
		table[0] = 1;
		for (i = 1; i < POW10_COUNT; i++)
			table[i] = table[i - 1] * 10;
		ready = true;
	}
	return table;
}

static pt_int128
pow10_i128(int n)
{
	return pow10_table()[n];
}

/* Decimal digits of |v| (1 for 0). */
static int
digit_count(pt_int128 v)
{
	const pt_int128 *p = pow10_table();
	/* unsigned, so that even the most negative value has a magnitude */
	unsigned __int128 u = v < 0 ? -(unsigned __int128) v : (unsigned __int128) v;
	int			n = 1;

	/* most coefficients fit in 64 bits: compare in 64 bits */
	if ((u >> 64) == 0)
	{
		uint64_t	u64 = (uint64_t) u,
					p10 = 10;

		while (n < 20 && u64 >= p10)
		{
			n++;
			if (n < 20)
				p10 *= 10;
		}
		return n;
	}
	/* walk up from 10 */
	while (n < POW10_COUNT && u >= (unsigned __int128) p[n])
		n++;
	return n;
}

void
pt_decimal_normalize(pt_decimal *d)
{
	if (d->coef == 0)
	{
		d->exp = 0;
		return;
	}
	/* 128-bit division is slow; most coefficients fit in 64 bits */
	if (d->coef > INT64_MIN && d->coef <= INT64_MAX)
	{
		int64_t		c = (int64_t) d->coef;

		while (c % 10 == 0)
		{
			c /= 10;
			d->exp++;
		}
		d->coef = c;
		return;
	}
	while (d->coef % 10 == 0)
	{
		d->coef /= 10;
		d->exp++;
	}
}

static bool
exp_in_range(const pt_decimal *d)
{
	return d->exp >= -PT_DECIMAL_MAX_EXP && d->exp <= PT_DECIMAL_MAX_EXP;
}

/*
 * Digits are read into the coefficient as they come, except zeros after the
 * last nonzero digit of the integer part: those wait in *pending and count as
 * significant only when a digit follows them (1000.5, 1005), so 10^28 has one
 * significant digit and never overflows the coefficient.
 */
static pt_decimal_status
take_digit(pt_int128 *coef, int *significant, int *pending, int digit)
{
	int			i;

	if (*significant + *pending + 1 > PT_DECIMAL_MAX_DIGITS)
		return PT_DECIMAL_TOO_PRECISE;
	for (i = 0; i < *pending; i++)
		*coef *= 10;
	*coef = *coef * 10 + digit;
	*significant += *pending + 1;
	*pending = 0;
	return PT_DECIMAL_OK;
}

/*
 * The common case: at most 18 digits in all, where no limit can be reached.
 * The same reading as below in 64-bit arithmetic (every digit into the
 * coefficient, then normalized: the same value, exponent and places).
 * Returns false to let the general reading decide.
 */
static bool
scan_short(const char *s, size_t len, pt_decimal *out, int *places, size_t *consumed)
{
	size_t		i = 0;
	bool		negative = false;
	int			digits = 0,
				fraction_digits = 0;
	uint64_t	coef = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		negative = (s[i++] == '-');
	if (i >= len || s[i] < '0' || s[i] > '9')
		return false;
	for (;;)
	{
		while (i < len && s[i] >= '0' && s[i] <= '9')
		{
			if (++digits > 18)
				return false;
			coef = coef * 10 + (uint64_t) (s[i++] - '0');
		}
		if (i + 3 < len && s[i] == ',' &&
			s[i + 1] >= '0' && s[i + 1] <= '9' &&
			s[i + 2] >= '0' && s[i + 2] <= '9' &&
			s[i + 3] >= '0' && s[i + 3] <= '9' &&
			(i + 4 >= len || s[i + 4] < '0' || s[i + 4] > '9'))
		{
			i++;
			continue;
		}
		break;
	}
	if (i + 1 < len && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')
	{
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
		{
			if (++digits > 18)
				return false;
			coef = coef * 10 + (uint64_t) (s[i++] - '0');
			fraction_digits++;
		}
	}
	/* normalized here, in 64 bits: no trailing zero digits, exponent 0 for zero */
	out->exp = -fraction_digits;
	if (coef == 0)
		out->exp = 0;
	else
		while (coef % 10 == 0)
		{
			coef /= 10;
			out->exp++;
		}
	out->coef = negative ? -(pt_int128) coef : (pt_int128) coef;
	*places = fraction_digits;
	*consumed = i;
	return true;
}

pt_decimal_status
pt_decimal_scan(const char *s, size_t len, pt_decimal *out, int *places,
				size_t *consumed)
{
	size_t		i = 0;
	bool		negative = false;
	int			significant = 0;	/* digits in coef */
	int			pending = 0;	/* integer zeros after them, not yet in coef */
	int			fraction_digits = 0;
	pt_int128	coef = 0;
	pt_decimal_status st;

	if (scan_short(s, len, out, places, consumed))
		return PT_DECIMAL_OK;
	if (i < len && (s[i] == '+' || s[i] == '-'))
	{
		negative = (s[i] == '-');
		i++;
	}
	if (i >= len || s[i] < '0' || s[i] > '9')
		return PT_DECIMAL_NONE;

	/* integer part, with optional thousands separators */
	for (;;)
	{
		while (i < len && s[i] >= '0' && s[i] <= '9')
		{
			if (s[i] != '0')
			{
				if ((st = take_digit(&coef, &significant, &pending, s[i] - '0')) != PT_DECIMAL_OK)
					return st;
			}
			else if (coef != 0)
			{
				/* digits before the point: significant + pending, at most MAX_EXP */
				if (significant + pending + 1 > PT_DECIMAL_MAX_EXP)
					return PT_DECIMAL_TOO_LARGE;
				pending++;
			}
			i++;
		}
		/* a separator must be followed by exactly three digits */
		if (i + 3 < len + 0 && s[i] == ',' &&
			s[i + 1] >= '0' && s[i + 1] <= '9' &&
			s[i + 2] >= '0' && s[i + 2] <= '9' &&
			s[i + 3] >= '0' && s[i + 3] <= '9' &&
			(i + 4 >= len || s[i + 4] < '0' || s[i + 4] > '9'))
		{
			i++;
			continue;
		}
		break;
	}

	/* fraction: every digit after the first nonzero one is significant, zeros too */
	if (i + 1 < len && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')
	{
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
		{
			if (coef != 0 || s[i] != '0')
			{
				if ((st = take_digit(&coef, &significant, &pending, s[i] - '0')) != PT_DECIMAL_OK)
					return st;
			}
			fraction_digits++;
			i++;
		}
	}
	if (fraction_digits > PT_DECIMAL_MAX_EXP)
		return PT_DECIMAL_OUT_OF_RANGE;

	out->coef = negative ? -coef : coef;
	out->exp = pending - fraction_digits;	/* pending > 0 only without a fraction */
	pt_decimal_normalize(out);
	*places = fraction_digits;
	*consumed = i;
	return PT_DECIMAL_OK;
}

bool
pt_decimal_readable(const pt_decimal *d, int places, pt_decimal_status *why)
{
	int			digits = pt_decimal_magnitude(d);	/* before the point */
	int			significant;

	if (places < pt_decimal_min_places(d))
		places = pt_decimal_min_places(d);
	/* as pt_decimal_scan counts: from the first nonzero digit to the last nonzero
	 * digit of the integer part, or to the last digit written after the point */
	significant = d->coef == 0 ? 0 : places > 0 ? digits + places : digits - d->exp;
	*why = significant > PT_DECIMAL_MAX_DIGITS ? PT_DECIMAL_TOO_PRECISE :
		digits > PT_DECIMAL_MAX_EXP ? PT_DECIMAL_TOO_LARGE :
		places > PT_DECIMAL_MAX_EXP ? PT_DECIMAL_OUT_OF_RANGE : PT_DECIMAL_OK;
	return *why == PT_DECIMAL_OK;
}

int
pt_decimal_cmp(const pt_decimal *a, const pt_decimal *b)
{
	int			sa = (a->coef > 0) - (a->coef < 0);
	int			sb = (b->coef > 0) - (b->coef < 0);
	int			adjusted_a,
				adjusted_b;
	pt_int128	ca = a->coef,
				cb = b->coef;

	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (sa == 0)
		return 0;
	/* the common case: both written with the same exponent */
	if (a->exp == b->exp)
		return (ca > cb) - (ca < cb);
	/*
	 * Coefficients below 10^18 whose exponents differ by at most 18: aligned,
	 * they stay below 10^36, inside 128 bits.
	 */
	if (ca < (pt_int128) 1000000000000000000 && ca > -(pt_int128) 1000000000000000000 &&
		cb < (pt_int128) 1000000000000000000 && cb > -(pt_int128) 1000000000000000000 &&
		a->exp - b->exp <= 18 && b->exp - a->exp <= 18)
	{
		static const int64_t p10[19] = {
			1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
			10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
			1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000
		};

		if (a->exp > b->exp)
			ca *= p10[a->exp - b->exp];
		else
			cb *= p10[b->exp - a->exp];
		return (ca > cb) - (ca < cb);
	}

	/* compare orders of magnitude first, so aligning below cannot overflow */
	adjusted_a = digit_count(ca) + a->exp;
	adjusted_b = digit_count(cb) + b->exp;
	if (adjusted_a != adjusted_b)
		return (adjusted_a > adjusted_b ? 1 : -1) * sa;

	if (a->exp > b->exp)
		ca *= pow10_i128(a->exp - b->exp);
	else if (b->exp > a->exp)
		cb *= pow10_i128(b->exp - a->exp);
	return (ca > cb) - (ca < cb);
}

bool
pt_decimal_scale(pt_decimal *d, int64_t factor, int exp10)
{
	if (d->coef == 0)
		return true;
	if (factor == 1)
	{
		/* a power of ten only moves the exponent (the same digit limit as below) */
		if (digit_count(d->coef) + 1 > PT_DECIMAL_MAX_DIGITS + 8)
			return false;
		d->exp += exp10;
		pt_decimal_normalize(d);
		return exp_in_range(d);
	}
	/* coefficients stay below 10^(MAX_DIGITS + 7), far from the int128 limit */
	if (digit_count(d->coef) + digit_count(factor) > PT_DECIMAL_MAX_DIGITS + 8)
		return false;
	d->coef *= factor;
	d->exp += exp10;
	pt_decimal_normalize(d);
	return exp_in_range(d);
}

bool
pt_decimal_unscale(pt_decimal *d, int64_t factor, int exp10)
{
	pt_int128	coef = d->coef;
	int32_t		exp = d->exp - exp10;
	int			guard = 0;

	if (coef == 0)
		return true;
	if (factor == 1)
	{
		/* a power of ten only moves the exponent */
		d->exp = exp;
		pt_decimal_normalize(d);
		return exp_in_range(d);
	}
	/*
	 * Most coefficients are small: while the borrowing stays below 2^62,
	 * the same steps in 64-bit arithmetic (a 128-bit division is a call).
	 */
	if (coef > 0 && coef < ((pt_int128) 1 << 62) && factor > 0)
	{
		int64_t		c = (int64_t) coef;

		while (c % factor != 0 && c < ((int64_t) 1 << 58))
		{
			if (++guard > 40)
				return false;
			c *= 10;
			exp--;
		}
		if (c % factor == 0)
		{
			d->coef = c / factor;
			d->exp = exp;
			pt_decimal_normalize(d);
			return exp_in_range(d);
		}
		/* not exact yet in 64 bits: go on in 128 bits from here */
		coef = c;
	}
	/* borrow powers of ten until the division is exact (factor has few 2s and 5s) */
	while (coef % factor != 0)
	{
		if (++guard > 40 || digit_count(coef) >= POW10_COUNT - 2)
			return false;
		coef *= 10;
		exp--;
	}
	d->coef = coef / factor;
	d->exp = exp;
	pt_decimal_normalize(d);
	return exp_in_range(d);
}

int
pt_decimal_magnitude(const pt_decimal *d)
{
	return d->coef == 0 ? 0 : digit_count(d->coef) + d->exp;
}

int
pt_decimal_min_places(const pt_decimal *d)
{
	return d->exp < 0 ? -d->exp : 0;
}

static size_t format_general(const pt_decimal *d, int places, char *buf);

size_t
pt_decimal_format(const pt_decimal *d, int places, char *buf)
{
	/*
	 * The common case, a coefficient of at most 18 digits written with at
	 * least its own places (exp <= 0): the digits, a point, zeros after them.
	 * The same text as the general writing below.
	 */
	if (d->exp <= 0 && d->coef > -(pt_int128) 1000000000000000000 && d->coef < (pt_int128) 1000000000000000000)
	{
		uint64_t	v = (uint64_t) (d->coef < 0 ? -d->coef : d->coef);
		char		rev[20];
		int			nd = 0,
					frac = -d->exp,	/* coefficient digits after the point */
					whole,
					i;
		size_t		n = 0;

		do
		{
			rev[nd++] = (char) ('0' + (int) (v % 10));
			v /= 10;
		} while (v > 0);
		if (places < frac)
			places = frac;
		if (d->coef < 0)
			buf[n++] = '-';
		whole = nd - frac;		/* coefficient digits before the point */
		if (whole <= 0)
			buf[n++] = '0';
		for (i = nd - 1; i >= frac; i--)
			buf[n++] = rev[i];
		if (places > 0)
		{
			buf[n++] = '.';
			for (i = 0; i < -whole; i++)
				buf[n++] = '0';	/* 0.05: zeros before the first digit */
			for (i = (whole < 0 ? nd : frac) - 1; i >= 0; i--)
				buf[n++] = rev[i];
			for (i = frac; i < places; i++)
				buf[n++] = '0';	/* places written beyond the coefficient */
		}
		buf[n] = '\0';
		return n;
	}
	return format_general(d, places, buf);
}

static size_t
format_general(const pt_decimal *d, int places, char *buf)
{
	char		digits[POW10_COUNT + 1];
	int			ndigits = 0;
	pt_int128	v = d->coef < 0 ? -d->coef : d->coef;
	size_t		n = 0;
	int			point;			/* digits before the decimal point */
	int			i;

	if (places < pt_decimal_min_places(d))
		places = pt_decimal_min_places(d);

	if ((v >> 64) == 0)
	{
		/* 64-bit division is far cheaper than 128-bit */
		uint64_t	v64 = (uint64_t) v;

		do
		{
			digits[ndigits++] = (char) ('0' + (int) (v64 % 10));
			v64 /= 10;
		} while (v64 > 0);
	}
	else
		do
		{
			digits[ndigits++] = (char) ('0' + (int) (v % 10));
			v /= 10;
		} while (v > 0);
	/* digits[] holds the coefficient reversed; append zeros for a positive exp */
	if (d->coef < 0)
		buf[n++] = '-';

	point = ndigits + d->exp;	/* position of the point in the digit string */
	if (point <= 0)
	{
		buf[n++] = '0';
	}
	else
	{
		for (i = 0; i < point; i++)
		{
			int			k = ndigits - 1 - i;

			buf[n++] = (k >= 0) ? digits[k] : '0';
		}
	}
	if (places > 0)
	{
		buf[n++] = '.';
		for (i = 0; i < places; i++)
		{
			int			pos = point + i;	/* index into the digit string */
			int			k = ndigits - 1 - pos;

			buf[n++] = (pos >= 0 && k >= 0) ? digits[k] : '0';
		}
	}
	buf[n] = '\0';
	return n;
}
