/*
 * property.c — property tests of the ptarget core (no server).
 *
 *   property [CASES [SEED]]      (default 300000 cases, seed 20250101)
 *   PROPERTY_SHOW=N property …   also prints the first N generated inputs
 *
 * A deterministic generator (xorshift64*) writes VALID target texts of every
 * kind — quantities with every operator and spelling, signs, magnitudes at the
 * edges of precision, every dimensioned unit of the catalog, scale words,
 * measure words, compound units, 约/左右; dates of every form across the years
 * 1000–9999 (Feb 29 of leap years included); labels, plain and quoted — and
 * knows, independently of the parser, what each text means.  Every case
 * checks:
 *   grammar     the parsed kind, operator and bounds equal the generator's
 *               own computation (a separate decimal and calendar implementation)
 *   text        parse -> format -> parse is equal, with identical text
 *   pack        pack -> unpack is equal, same text, same bytes
 *   hash        equal values have equal hash-key bytes
 *   pairs       the same value written differently (X万元 / X0000元, X年 /
 *               12X月, X小时 / 60X分钟, scale moved into the magnitude, other
 *               operator spellings, full-width characters, a date written in
 *               another form) compares equal and hashes equal
 *   order       sign(pt_compare) agrees with an independent comparator built
 *               from the README's definition; antisymmetry and transitivity on
 *               random triples; qsort of a pool, then every pair in order
 *   contains    @> and && agree with an independent interval implementation on
 *               the pt_bound fields; a@>b && b@>a <=> a=b for quantities/dates
 *   abbrev      pt_abbreviate agrees with pt_compare wherever two keys differ,
 *               and equal values abbreviate equally (sorted pool is monotone)
 *   gist        inner GiST keys (unions of pool slices, packed and unpacked)
 *               never exclude a subtree holding a value that matches the
 *               query, for =, @>, <@ and &&
 *   convert     pt_convert to another unit of the dimension is exact (or
 *               refused exactly when inexact), reversible, equal, and its
 *               output text reads back as the same value
 * Each check is counted under its property (the names in brackets of the
 * failure lines, e.g. "hash", "order-spec"); failures print the inputs.  Every
 * property is one test case: it passes when all its checks passed.  The output
 * lists the properties with their check counts, then "checks: X passed, Y
 * failed" (information), and ends with "N passed, M failed" counting
 * properties; the exit status is 1 when anything failed.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ptarget_core.h"
#include "pt_gist.h"

/* ==================================================================== checks */

static long n_passed,
			n_failed;

#define MAX_CHECK_KINDS 64
static struct
{
	const char *name;
	long		passed,
				failed;
}			kinds[MAX_CHECK_KINDS];
static int	n_kinds;

#define PRINT_PER_KIND 8

static int
kind_index(const char *name)
{
	int			i;

	for (i = 0; i < n_kinds; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return i;
	if (n_kinds == MAX_CHECK_KINDS)
		abort();
	kinds[n_kinds].name = name;
	return n_kinds++;
}

/* Counts one check; on failure prints the message (a few per kind). */
static bool
check(bool ok, const char *kind, const char *fmt, ...)
{
	int			k = kind_index(kind);

	if (ok)
	{
		n_passed++;
		kinds[k].passed++;
		return true;
	}
	n_failed++;
	if (kinds[k].failed++ < PRINT_PER_KIND)
	{
		va_list		ap;

		printf("FAILED [%s] ", kind);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
		if (kinds[k].failed == PRINT_PER_KIND)
			printf("  (further [%s] failures are counted, not printed)\n", kind);
	}
	return false;
}

/* ==================================================================== random */

static uint64_t rng_state;

static uint64_t
rnd(void)
{
	uint64_t	x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static uint32_t
below(uint32_t n)
{
	return n == 0 ? 0 : (uint32_t) ((rnd() >> 32) % n);
}

static bool
chance(int percent)
{
	return below(100) < (uint32_t) percent;
}

#define PICK(arr) ((arr)[below(sizeof(arr) / sizeof((arr)[0]))])

/* ==================================================================== text */

typedef struct sbuf
{
	char		s[1024];
	size_t		len;
} sbuf;

static void
sb_reset(sbuf *b)
{
	b->len = 0;
	b->s[0] = '\0';
}

static void
sb_add(sbuf *b, const char *s)
{
	size_t		n = strlen(s);

	if (b->len + n >= sizeof(b->s))
		abort();
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

static void
sb_addf(sbuf *b, const char *fmt, ...)
{
	char		tmp[512];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	sb_add(b, tmp);
}

static void
sb_spaces(sbuf *b, int percent)
{
	if (chance(percent))
		sb_add(b, chance(80) ? " " : "  ");
}

/* Full-width form of ASCII digits, %, ., ~ and signs (the parser folds them). */
static void
to_fullwidth(const char *in, char *out, size_t cap)
{
	size_t		n = 0;

	for (; *in; in++)
	{
		unsigned char c = (unsigned char) *in;

		if (n + 4 >= cap)
			break;
		if ((c >= '0' && c <= '9') || c == '%' || c == '.' || c == '~' || c == '>' || c == '<')
		{
			unsigned	cp = 0xFF00 + (c - 0x20);

			out[n++] = (char) (0xE0 | (cp >> 12));
			out[n++] = (char) (0x80 | ((cp >> 6) & 0x3F));
			out[n++] = (char) (0x80 | (cp & 0x3F));
		}
		else
			out[n++] = (char) c;
	}
	out[n] = '\0';
}

/* ==================================================================== bigdec */

/*
 * An independent exact decimal: sign * digits * 10^exp, digits most
 * significant first, normalized (no leading or trailing zeros; zero has no
 * digits).  Shares no code with pt_decimal.
 */
typedef struct bigdec
{
	int			sign;
	int			n;
	int			exp;
	char		d[200];
} bigdec;

static void
bd_norm(bigdec *a)
{
	int			lead = 0;

	while (lead < a->n && a->d[lead] == 0)
		lead++;
	if (lead > 0)
	{
		memmove(a->d, a->d + lead, (size_t) (a->n - lead));
		a->n -= lead;
	}
	while (a->n > 0 && a->d[a->n - 1] == 0)
	{
		a->n--;
		a->exp++;
	}
	if (a->n == 0)
	{
		a->sign = 0;
		a->exp = 0;
	}
}

/* Reads the generator's own number text: [+-]digits[,ddd][.digits] */
static bigdec
bd_parse(const char *s)
{
	bigdec		a;
	bool		frac = false;

	memset(&a, 0, sizeof(a));
	a.sign = 1;
	if (*s == '-' || *s == '+')
		a.sign = (*s++ == '-') ? -1 : 1;
	for (; *s; s++)
	{
		if (*s == ',')
			continue;
		if (*s == '.')
		{
			frac = true;
			continue;
		}
		if (*s < '0' || *s > '9')
			break;
		a.d[a.n++] = (char) (*s - '0');
		if (frac)
			a.exp--;
	}
	bd_norm(&a);
	return a;
}

static bigdec
bd_from_pt(const pt_decimal *p)
{
	bigdec		a;
	unsigned __int128 m;
	char		rev[64];
	int			k = 0,
				i;

	memset(&a, 0, sizeof(a));
	a.sign = p->coef < 0 ? -1 : (p->coef > 0);
	m = p->coef < 0 ? (unsigned __int128) 0 - (unsigned __int128) p->coef : (unsigned __int128) p->coef;
	while (m > 0)
	{
		rev[k++] = (char) (m % 10);
		m /= 10;
	}
	for (i = 0; i < k; i++)
		a.d[i] = rev[k - 1 - i];
	a.n = k;
	a.exp = p->exp;
	bd_norm(&a);
	return a;
}

static int
bd_cmp(const bigdec *a, const bigdec *b)
{
	int			adj_a,
				adj_b,
				i,
				m;

	if (a->sign != b->sign)
		return a->sign < b->sign ? -1 : 1;
	if (a->sign == 0)
		return 0;
	adj_a = a->n + a->exp;
	adj_b = b->n + b->exp;
	if (adj_a != adj_b)
		return (adj_a > adj_b ? 1 : -1) * a->sign;
	m = a->n > b->n ? a->n : b->n;
	for (i = 0; i < m; i++)
	{
		int			da = i < a->n ? a->d[i] : 0;
		int			db = i < b->n ? b->d[i] : 0;

		if (da != db)
			return (da > db ? 1 : -1) * a->sign;
	}
	return 0;
}

static void
bd_mul_small(bigdec *a, uint64_t f)
{
	int			i;
	unsigned __int128 carry = 0;
	char		out[200];
	int			k = 0;
	char		rev[200];

	if (a->sign == 0)
		return;
	for (i = a->n - 1; i >= 0; i--)
	{
		unsigned __int128 v = (unsigned __int128) a->d[i] * f + carry;

		rev[k++] = (char) (v % 10);
		carry = v / 10;
	}
	while (carry > 0)
	{
		rev[k++] = (char) (carry % 10);
		carry /= 10;
	}
	for (i = 0; i < k; i++)
		out[i] = rev[k - 1 - i];
	memcpy(a->d, out, (size_t) k);
	a->n = k;
	bd_norm(a);
}

/* Divides the integer coefficient by g; false when not exact. */
static bool
bd_div_small_exact(bigdec *a, uint64_t g)
{
	unsigned __int128 rem = 0;
	int			i;

	if (a->sign == 0)
		return true;
	for (i = 0; i < a->n; i++)
	{
		unsigned __int128 cur = rem * 10 + (unsigned) a->d[i];

		a->d[i] = (char) (cur / g);
		rem = cur % g;
	}
	bd_norm(a);
	return rem == 0;
}

/* a / (f * 10^e) when that is a finite decimal. */
static bool
bd_div_exact(bigdec *a, uint64_t f, int e)
{
	uint64_t	g = f;
	int			twos = 0,
				fives = 0,
				m;

	while (g % 2 == 0)
		g /= 2, twos++;
	while (g % 5 == 0)
		g /= 5, fives++;
	if (!bd_div_small_exact(a, g))
		return false;
	m = twos > fives ? twos : fives;
	while (twos < m)
		bd_mul_small(a, 2), twos++;
	while (fives < m)
		bd_mul_small(a, 5), fives++;
	a->exp -= m + e;
	bd_norm(a);
	return true;
}

/* Plain decimal text (no exponent), e.g. 500000, 0.0055, -12.5. */
static void
bd_text(const bigdec *a, char *out)
{
	int			i,
				k = 0;

	if (a->sign == 0)
	{
		strcpy(out, "0");
		return;
	}
	if (a->sign < 0)
		out[k++] = '-';
	if (a->exp >= 0)
	{
		for (i = 0; i < a->n; i++)
			out[k++] = (char) ('0' + a->d[i]);
		for (i = 0; i < a->exp; i++)
			out[k++] = '0';
	}
	else
	{
		int			point = a->n + a->exp;	/* digits before the point */

		if (point <= 0)
		{
			out[k++] = '0';
			out[k++] = '.';
			for (i = 0; i < -point; i++)
				out[k++] = '0';
			for (i = 0; i < a->n; i++)
				out[k++] = (char) ('0' + a->d[i]);
		}
		else
		{
			for (i = 0; i < a->n; i++)
			{
				if (i == point)
					out[k++] = '.';
				out[k++] = (char) ('0' + a->d[i]);
			}
		}
	}
	out[k] = '\0';
}

/* Significant digits of bd_text's output as the parser counts them. */
static int
bd_written_digits(const bigdec *a)
{
	if (a->sign == 0)
		return 0;
	return a->exp >= 0 ? a->n + a->exp : a->n;
}

static int
bd_places(const bigdec *a)
{
	return a->exp < 0 ? -a->exp : 0;
}

static void
bd_show(const bigdec *a, char *out)
{
	bd_text(a, out);
}

/* ==================================================================== calendar */

/* An independent calendar: days since 2000-01-01 by counting, not the era method. */
static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

static long
days_before_year(int y)		/* days from 0001-01-01 to y-01-01 */
{
	long		p = y - 1;

	return 365 * p + p / 4 - p / 100 + p / 400;
}

static int32_t
civil_days(int y, int m, int d)
{
	int			doy = d - 1,
				i;

	for (i = 1; i < m; i++)
		doy += month_days(y, i);
	return (int32_t) (days_before_year(y) + doy - days_before_year(2000));
}

static const int32_t MIN_DAY_YEAR = 1000,
			MAX_DAY_YEAR = 9999;

/* ==================================================================== expected values */

typedef struct xbound
{
	bool		infinite;
	bool		inclusive;
	bigdec		value;
	int32_t		day;
} xbound;

typedef struct expected
{
	pt_kind		kind;
	pt_op		op;
	bool		approx;
	char		key[PT_UNIT_MAX_BYTES + 8];	/* dimension key */
	xbound		lower,
				upper;
	char		label[1024];
	size_t		label_len;
	/* for conversions and pairs */
	const pt_unit *row;			/* dimensioned unit row, or NULL */
	int			scale;
	char		denoms[64];
	bool		has_unit;
	char		word[32];		/* measure word when not dimensioned */
	bigdec		mag[2];			/* written magnitudes, lower and upper */
	int			places[2];
	bool		dates_in_range;	/* every day of the set lies in 1000..9999 */
} expected;

typedef struct gen_case
{
	sbuf		text;
	expected	x;
	/* an equal value written differently ("" when none) */
	sbuf		alt;
	const char *alt_kind;
} gen_case;

/* ==================================================================== units */

static const char *const scale_words[] = {"", "千", "万", "百万", "千万", "亿", "万亿"};
static const int scale_exps[] = {0, 3, 4, 6, 7, 8, 12};

/* Measure words the catalog does not know (none starts a catalog spelling,
 * a scale word, an operator word or a stop word). */
static const char *const unknown_words[] = {
	"匹", "艘", "棵", "株", "头", "只", "本", "册", "栋", "所", "村", "片", "根", "盏",
	"枚", "颗", "箱", "袋", "瓶", "双", "幅", "首", "部", "支", "匹马", "棵树", "栋楼",
	"箱货", "所学校"
};

static const char *const denominators[] = {"/人", "/月", "/年", "/户", "/次", "/人/月", "/天", "/辆", "/校"};

static int	n_units;
static const pt_unit *units[256];
static unsigned unit_cursor;
static long unit_cases[256];	/* quantity cases per catalog row */
static long scale_cases[7];		/* quantity cases per scale word */

static void
load_units(void)
{
	size_t		i;

	for (i = 0; i < pt_unit_count(); i++)
		units[n_units++] = pt_unit_at(i);
}

/* Latin spellings are matched case-insensitively: vary the case. */
static void
write_unit_spelling(sbuf *b, const pt_unit *u)
{
	char		tmp[32];
	size_t		i;

	snprintf(tmp, sizeof(tmp), "%s", u->spelling);
	if (u->latin && chance(30))
		for (i = 0; tmp[i]; i++)
		{
			if (tmp[i] >= 'a' && tmp[i] <= 'z' && chance(50))
				tmp[i] = (char) (tmp[i] - 'a' + 'A');
			else if (tmp[i] >= 'A' && tmp[i] <= 'Z' && chance(50))
				tmp[i] = (char) (tmp[i] - 'A' + 'a');
		}
	sb_add(b, tmp);
}

/* ==================================================================== numbers */

typedef struct number
{
	char		text[128];		/* as written */
	bigdec		value;
	int			places;
	bool		yearlike;		/* exactly 4 integer digits 1000-9999, unsigned, no separators */
} number;

/*
 * A magnitude of at most 28 significant digits and at most max_frac decimal
 * places.  dense: small values, so that generated targets overlap often.
 */
static void
gen_number(number *nb, int max_frac, bool dense, bool allow_negative)
{
	char		digits[64];
	char	   *t = nb->text;
	int			shape = (int) below(100);
	int			int_len = 0,
				frac_len = 0,
				lead_zeros = 0,
				i;
	bool		neg = allow_negative && chance(8);
	char		intpart[64],
				fracpart[80];

	if (max_frac < 0)
		max_frac = 0;
	if (dense)
	{
		static const char *const vals[] = {"0", "1", "2", "3", "5", "5.0", "5.00", "10", "10.5", "50",
		"90", "95", "95.0", "100", "0.5", "2.5", "12", "60", "1000", "7"};

		snprintf(nb->text, sizeof(nb->text), "%s%s", neg && chance(30) ? "-" : "", PICK(vals));
		goto done;
	}
	if (shape < 30)
	{
		/* a small integer */
		snprintf(digits, sizeof(digits), "%u", below(chance(50) ? 101 : 100000));
		snprintf(intpart, sizeof(intpart), "%s", digits);
		fracpart[0] = '\0';
	}
	else if (shape < 55)
	{
		/* an ordinary decimal */
		int_len = 1 + (int) below(8);
		frac_len = (int) below(5);
		if (frac_len > max_frac)
			frac_len = max_frac;
		for (i = 0; i < int_len; i++)
			intpart[i] = (char) ('0' + (i == 0 ? 1 + below(9) : below(10)));
		intpart[int_len] = '\0';
		for (i = 0; i < frac_len; i++)
			fracpart[i] = (char) ('0' + below(10));
		fracpart[frac_len] = '\0';
	}
	else if (shape < 70)
	{
		/* many significant digits: up to 28, split around the point */
		int			sig = 20 + (int) below(9);

		int_len = 1 + (int) below((uint32_t) sig);
		frac_len = sig - int_len;
		if (frac_len > max_frac)
			frac_len = max_frac;
		for (i = 0; i < int_len; i++)
			intpart[i] = (char) ('0' + (i == 0 ? 1 + below(9) : below(10)));
		intpart[int_len] = '\0';
		for (i = 0; i < frac_len; i++)
			fracpart[i] = (char) ('0' + below(10));
		fracpart[frac_len] = '\0';
	}
	else if (shape < 85)
	{
		/* tiny: 0.000…ddd with up to max_frac places */
		int			sig = 1 + (int) below(chance(30) ? 28 : 4);

		if (sig > max_frac)
			sig = max_frac;
		if (sig == 0)
		{
			snprintf(intpart, sizeof(intpart), "%u", below(10));
			fracpart[0] = '\0';
		}
		else
		{
			lead_zeros = (int) below((uint32_t) (max_frac - sig + 1));
			strcpy(intpart, "0");
			for (i = 0; i < lead_zeros; i++)
				fracpart[i] = '0';
			for (i = 0; i < sig; i++)
				fracpart[lead_zeros + i] = (char) ('0' + (i == 0 ? 1 + below(9) : below(10)));
			fracpart[lead_zeros + sig] = '\0';
		}
	}
	else if (shape < 95)
	{
		/* huge: up to 28 integer digits, often ending in zeros */
		int_len = 1 + (int) below(28);
		for (i = 0; i < int_len; i++)
			intpart[i] = (char) ('0' + (i == 0 ? 1 + below(9) : (chance(40) ? 0 : below(10))));
		intpart[int_len] = '\0';
		fracpart[0] = '\0';
	}
	else
	{
		/* trailing zeros kept as decimal places: 5500.00 */
		snprintf(intpart, sizeof(intpart), "%u", 1 + below(9999));
		frac_len = 1 + (int) below(4);
		if (frac_len > max_frac)
			frac_len = max_frac;
		for (i = 0; i < frac_len; i++)
			fracpart[i] = '0';
		fracpart[frac_len] = '\0';
	}

	t[0] = '\0';
	if (neg)
		strcat(t, "-");
	else if (allow_negative && chance(3))
		strcat(t, "+");
	/* thousands separators in well-formed groups */
	if (strlen(intpart) > 3 && chance(15))
	{
		int			len = (int) strlen(intpart);
		int			first = len % 3 == 0 ? 3 : len % 3;
		size_t		k = strlen(t);

		for (i = 0; i < len; i++)
		{
			if (i > 0 && (i - first) % 3 == 0 && i >= first)
				t[k++] = ',';
			t[k++] = intpart[i];
		}
		t[k] = '\0';
	}
	else
		strcat(t, intpart);
	if (fracpart[0] != '\0')
	{
		strcat(t, ".");
		strcat(t, fracpart);
	}
done:
	nb->value = bd_parse(nb->text);
	{
		const char *dot = strchr(nb->text, '.');

		nb->places = dot ? (int) strlen(dot + 1) : 0;
	}
	{
		const char *s = nb->text;
		size_t		n = strspn(s, "0123456789");

		nb->yearlike = n == 4 && s[0] != '0';
	}
}

/* ==================================================================== quantities */

typedef struct op_spelling
{
	const char *text;
	pt_op		op;
	bool		suffix;			/* written after the quantity */
} op_spelling;

static const op_spelling quantity_ops[] = {
	{"≥", PT_OP_GE, false}, {">=", PT_OP_GE, false}, {"=>", PT_OP_GE, false}, {"≧", PT_OP_GE, false},
	{"不低于", PT_OP_GE, false}, {"不少于", PT_OP_GE, false}, {"至少", PT_OP_GE, false},
	{"大于等于", PT_OP_GE, false}, {"达到", PT_OP_GE, false}, {"以上", PT_OP_GE, true},
	{"及以上", PT_OP_GE, true},
	{">", PT_OP_GT, false}, {"＞", PT_OP_GT, false}, {"大于", PT_OP_GT, false}, {"超过", PT_OP_GT, false},
	{"高于", PT_OP_GT, false}, {"多于", PT_OP_GT, false}, {"以外", PT_OP_GT, true},
	{"≤", PT_OP_LE, false}, {"<=", PT_OP_LE, false}, {"≦", PT_OP_LE, false}, {"不超过", PT_OP_LE, false},
	{"不高于", PT_OP_LE, false}, {"至多", PT_OP_LE, false}, {"最多", PT_OP_LE, false},
	{"以下", PT_OP_LE, true}, {"以内", PT_OP_LE, true}, {"及以下", PT_OP_LE, true}, {"内", PT_OP_LE, true},
	{"<", PT_OP_LT, false}, {"＜", PT_OP_LT, false}, {"小于", PT_OP_LT, false}, {"低于", PT_OP_LT, false},
	{"少于", PT_OP_LT, false}, {"不足", PT_OP_LT, false}, {"不满", PT_OP_LT, false}, {"未满", PT_OP_LT, false},
	{"", PT_OP_EQ, false}, {"", PT_OP_EQ, false}, {"", PT_OP_EQ, false}, {"=", PT_OP_EQ, false},
	{"==", PT_OP_EQ, false}, {"等于", PT_OP_EQ, false},
};

static const op_spelling *
pick_op(pt_op want)
{
	for (;;)
	{
		const op_spelling *o = &PICK(quantity_ops);

		if (want == PT_OP_NONE || o->op == want)
			return o;
	}
}

/* The unit part of a quantity: scale word, unit, denominators. */
typedef struct unit_choice
{
	const pt_unit *row;			/* catalog row (dimensioned or measure word) or NULL */
	const char *word;			/* unknown measure word, or NULL */
	int			scale_index;
	const char *denoms;
} unit_choice;

static void
pick_unit(unit_choice *u, bool dense)
{
	memset(u, 0, sizeof(*u));
	u->denoms = "";
	if (dense)
	{
		static const char *const dense_units[] = {"%", "个", "元", "天", "小时", "次"};
		const char *want = PICK(dense_units);
		int			i;

		for (i = 0; i < n_units; i++)
			if (strcmp(units[i]->spelling, want) == 0)
				u->row = units[i];
		if (strcmp(want, "元") == 0 && chance(50))
			u->scale_index = 2;	/* 万元 */
		return;
	}
	switch (below(10))
	{
		case 0:
			break;				/* no unit */
		case 1:
			u->word = PICK(unknown_words);
			break;
		default:
			/* every catalog row in turn, so each one is exercised */
			{
				unsigned	idx = unit_cursor++ % (unsigned) n_units;

				u->row = units[idx];
				unit_cases[idx]++;
			}
			break;
	}
	if (chance(25))
		u->scale_index = 1 + (int) below(6);
	/* 千 before 米 or 克 spells the catalog units 千米 and 千克 */
	if (u->scale_index == 1 && u->row &&
		(strcmp(u->row->spelling, "米") == 0 || strcmp(u->row->spelling, "克") == 0))
		u->scale_index = 0;
	scale_cases[u->scale_index]++;
	if ((u->row != NULL || u->word != NULL) && chance(8))
		u->denoms = PICK(denominators);
}

static int
unit_exp(const unit_choice *u)
{
	return scale_exps[u->scale_index] +
		(u->row && u->row->dimension ? u->row->exp10 : 0);
}

static void
write_unit(sbuf *b, const unit_choice *u)
{
	sb_add(b, scale_words[u->scale_index]);
	if (u->row)
	{
		sb_spaces(b, 5);
		write_unit_spelling(b, u->row);
	}
	else if (u->word)
		sb_add(b, u->word);
	sb_add(b, u->denoms);
}

static bool
unit_starts_with_year(const unit_choice *u)
{
	return u->scale_index == 0 && u->row != NULL && strncmp(u->row->spelling, "年", 3) == 0;
}

/* magnitude as written -> value in the base unit */
static bigdec
to_base(const bigdec *mag, const unit_choice *u)
{
	bigdec		v = *mag;

	v.exp += scale_exps[u->scale_index];
	if (u->row && u->row->dimension)
	{
		bd_mul_small(&v, (uint64_t) u->row->factor);
		v.exp += u->row->exp10;
	}
	bd_norm(&v);
	return v;
}

static void
fill_unit_expectation(expected *x, const unit_choice *u)
{
	x->row = (u->row && u->row->dimension) ? u->row : NULL;
	x->scale = scale_exps[u->scale_index];
	snprintf(x->denoms, sizeof(x->denoms), "%s", u->denoms);
	x->has_unit = u->row != NULL || u->word != NULL;
	x->word[0] = '\0';
	if (u->row && !u->row->dimension)
		snprintf(x->word, sizeof(x->word), "%s", u->row->spelling);
	else if (u->word)
		snprintf(x->word, sizeof(x->word), "%s", u->word);
	if (x->row)
		snprintf(x->key, sizeof(x->key), "%s%s", x->row->base, u->denoms);
	else if (x->has_unit)
		snprintf(x->key, sizeof(x->key), "%s%s", x->word, u->denoms);
	else
		x->key[0] = '\0';
}

/* Significant digits of a number text as the parser counts them. */
static int
text_sig_digits(const char *s)
{
	int			n = 0;
	bool		started = false;

	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
		{
			if (*s != '0')
				started = true;
			if (started)
				n++;
		}
	return n;
}

/* Would "number + unit" be read as a date (2025年, a bare 2025.5)? */
static bool
reads_as_date(const char *num, const unit_choice *u)
{
	const char *dot;

	if (strspn(num, "0123456789") != 4 || num[0] == '0' || u->scale_index != 0)
		return false;
	if (unit_starts_with_year(u))
		return true;
	dot = strchr(num, '.');
	/* 2025.05 is May 2025 (two month digits, years 1900-2199; 1420.5 is a
	 * number); 起 after it is the date suffix "from" */
	return dot != NULL && strlen(dot + 1) == 2 && atoi(num) >= 1900 && atoi(num) <= 2199 &&
		((!u->row && !u->word) || (u->row && strcmp(u->row->spelling, "起") == 0));
}

/*
 * A quantity.  Texts the grammar reads as dates are avoided on purpose: a
 * 4-digit number followed by 年 (2025年) or a bare 2025.5 / 2025.12.
 */
static void
gen_quantity(gen_case *c, bool dense)
{
	expected   *x = &c->x;
	unit_choice u;
	number		lo,
				hi;
	const op_spelling *op;
	bool		range = chance(20);
	bool		unit_both = false;
	sbuf		unit_text;
	int			max_frac;
	int			attempt;

	for (attempt = 0;; attempt++)
	{
		pick_unit(&u, dense);
		/* keep every bound within 10^-60 in the base unit */
		max_frac = 60 + unit_exp(&u);
		if (max_frac > 60)
			max_frac = 60;
		gen_number(&lo, max_frac, dense, true);
		if (range)
		{
			gen_number(&hi, max_frac, dense, true);
			if (bd_cmp(&lo.value, &hi.value) > 0)
			{
				number		tmp = lo;

				lo = hi;
				hi = tmp;
			}
		}
		if (reads_as_date(lo.text, &u) || (range && reads_as_date(hi.text, &u)))
			continue;
		break;
	}

	memset(x, 0, sizeof(*x));
	x->kind = PT_KIND_QUANTITY;
	fill_unit_expectation(x, &u);
	sb_reset(&unit_text);
	write_unit(&unit_text, &u);
	sb_reset(&c->text);
	sb_spaces(&c->text, 5);
	if (chance(8))
	{
		sb_add(&c->text, chance(50) ? "约" : "大约");
		x->approx = true;
	}
	if (range)
	{
		const char *sep;

		/* "-" and "--" before a negative upper end would read as one separator */
		do
			sep = PICK(((const char *[]) {"~", "-", "--", "至", "到", "～", "—"}));
		while (hi.text[0] == '-' && (sep[0] == '-' || strcmp(sep, "—") == 0));
		if (hi.text[0] == '+' && sep[0] == '-')
			memmove(hi.text, hi.text + 1, strlen(hi.text));
		unit_both = (u.row || u.word) && chance(25);
		sb_add(&c->text, lo.text);
		if (unit_both)
			sb_add(&c->text, unit_text.s);	/* both ends in the very same spelling */
		else if (u.scale_index > 0 && chance(30))
			sb_add(&c->text, scale_words[u.scale_index]);	/* 5万-10万元 */
		sb_spaces(&c->text, 5);
		sb_add(&c->text, sep);
		sb_spaces(&c->text, 5);
		sb_add(&c->text, hi.text);
		sb_add(&c->text, unit_text.s);
		x->op = PT_OP_RANGE;
		x->lower.value = to_base(&lo.value, &u);
		x->upper.value = to_base(&hi.value, &u);
		x->mag[0] = lo.value;
		x->mag[1] = hi.value;
		x->places[0] = lo.places;
		x->places[1] = hi.places;
	}
	else
	{
		op = pick_op(PT_OP_NONE);
		if (!op->suffix)
		{
			sb_add(&c->text, op->text);
			sb_spaces(&c->text, 10);
		}
		sb_add(&c->text, lo.text);
		sb_spaces(&c->text, 5);
		sb_add(&c->text, unit_text.s);
		if (op->suffix)
			sb_add(&c->text, op->text);
		else if (op->op != PT_OP_EQ && chance(5))
		{
			/* a redundant suffix agreeing with the sign: ≥95%以上 */
			if (op->op == PT_OP_GE)
				sb_add(&c->text, "以上");
			else if (op->op == PT_OP_LE)
				sb_add(&c->text, "以下");
		}
		x->op = op->op;
		x->lower.value = x->upper.value = to_base(&lo.value, &u);
		x->mag[0] = x->mag[1] = lo.value;
		x->places[0] = x->places[1] = lo.places;
	}
	if (chance(5))
	{
		sb_add(&c->text, "左右");
		x->approx = true;
	}
	sb_spaces(&c->text, 5);
	x->lower.infinite = (x->op == PT_OP_LE || x->op == PT_OP_LT);
	x->upper.infinite = (x->op == PT_OP_GE || x->op == PT_OP_GT);
	x->lower.inclusive = !x->lower.infinite && x->op != PT_OP_GT;
	x->upper.inclusive = !x->upper.infinite && x->op != PT_OP_LT;

	/* an equal value written differently */
	sb_reset(&c->alt);
	c->alt_kind = NULL;
	{
		int			which = (int) below(5);
		char		a[256],
					b2[256];
		const char *opsym = x->op == PT_OP_GE ? "≥" : x->op == PT_OP_GT ? ">" :
			x->op == PT_OP_LE ? "≤" : x->op == PT_OP_LT ? "<" : "";

		if (which == 0 && u.scale_index > 0)
		{
			/* the scale word moved into the magnitude: X万元 = X0000元 */
			bigdec		m0 = lo.value,
						m1 = range ? hi.value : lo.value;

			m0.exp += scale_exps[u.scale_index];
			m1.exp += scale_exps[u.scale_index];
			bd_norm(&m0);
			bd_norm(&m1);
			if (bd_written_digits(&m0) <= 28 && bd_written_digits(&m1) <= 28)
			{
				unit_choice u2 = u;

				u2.scale_index = 0;
				bd_text(&m0, a);
				bd_text(&m1, b2);
				if (!reads_as_date(a, &u2) && !reads_as_date(b2, &u2))
				{
					if (range)
						sb_addf(&c->alt, "%s~%s", a, b2);
					else
						sb_addf(&c->alt, "%s%s", opsym, a);
					write_unit(&c->alt, &u2);
					c->alt_kind = "pair-scale";
				}
			}
		}
		else if (which == 1 && x->row != NULL)
		{
			/* another unit of the dimension with an integer ratio: X年 = 12X月 */
			int			i,
						tries;

			for (tries = 0; tries < 8 && c->alt_kind == NULL; tries++)
			{
				const pt_unit *v = units[below((uint32_t) n_units)];
				bigdec		m0,
							m1;

				if (v->dimension == NULL || strcmp(v->dimension, x->row->dimension) != 0)
					continue;
				m0 = to_base(&lo.value, &u);
				m1 = to_base(range ? &hi.value : &lo.value, &u);
				if (!bd_div_exact(&m0, (uint64_t) v->factor, v->exp10) ||
					!bd_div_exact(&m1, (uint64_t) v->factor, v->exp10))
					continue;
				if (bd_written_digits(&m0) > 28 || bd_written_digits(&m1) > 28 ||
					bd_places(&m0) > 60 || bd_places(&m1) > 60)
					continue;
				bd_text(&m0, a);
				bd_text(&m1, b2);
				/* a 4-digit whole number before 年 would read as a date */
				if (strncmp(v->spelling, "年", 3) == 0 &&
					((strspn(a, "0123456789") == 4 && a[0] != '0') ||
					 (strspn(b2, "0123456789") == 4 && b2[0] != '0')))
					continue;
				if (range)
					sb_addf(&c->alt, "%s~%s", a, b2);
				else
					sb_addf(&c->alt, "%s%s", opsym, a);
				sb_add(&c->alt, v->spelling);
				sb_add(&c->alt, u.denoms);
				c->alt_kind = "pair-unit";
				(void) i;
			}
		}
		else if (which == 2 && !range)
		{
			/* trailing zeros (more decimal places), another spelling of the operator */
			const op_spelling *o2 = pick_op(x->op);

			if (x->approx)
				sb_add(&c->alt, "约");
			if (!o2->suffix)
				sb_add(&c->alt, o2->text);
			sb_add(&c->alt, lo.text);
			/* more decimal places, within 28 significant digits and max_frac places */
			if (text_sig_digits(lo.text) + 3 <= 28 && lo.places + 3 <= max_frac)
				sb_add(&c->alt, strchr(lo.text, '.') ? "000" : ".000");
			write_unit(&c->alt, &u);
			if (o2->suffix)
				sb_add(&c->alt, o2->text);
			c->alt_kind = "pair-spelling";
		}
		else if (which == 3)
		{
			/* full-width digits and signs */
			char		fw[1024];

			to_fullwidth(c->text.s, fw, sizeof(fw));
			sb_add(&c->alt, fw);
			c->alt_kind = "pair-fullwidth";
		}
	}
}

/* ==================================================================== dates */

typedef struct date_spelling
{
	const char *text;
	pt_op		op;
} date_spelling;

static const date_spelling date_prefixes[] = {
	{"≥", PT_OP_GE}, {"≤", PT_OP_LE}, {">", PT_OP_GT}, {"<", PT_OP_LT}, {">=", PT_OP_GE},
	{"<=", PT_OP_LE}, {"截至", PT_OP_LE}, {"截止", PT_OP_LE}, {"不晚于", PT_OP_LE},
	{"不迟于", PT_OP_LE}, {"最迟", PT_OP_LE}, {"不早于", PT_OP_GE},
};
static const date_spelling date_suffixes[] = {
	{"之前", PT_OP_LE}, {"以前", PT_OP_LE}, {"前", PT_OP_LE}, {"为止", PT_OP_LE}, {"止", PT_OP_LE},
	{"之后", PT_OP_GE}, {"以后", PT_OP_GE}, {"后", PT_OP_GE}, {"起", PT_OP_GE},
};

static int
gen_year(bool dense)
{
	if (dense)
		return 2024 + (int) below(2);
	switch (below(10))
	{
		case 0:
			return chance(50) ? MIN_DAY_YEAR : MAX_DAY_YEAR;
		case 1:
			return 4 * (250 + (int) below(2250));	/* a multiple of 4: leap unless century */
		case 2:
			return 100 * (10 + (int) below(90));	/* centuries */
		default:
			return 1000 + (int) below(9000);
	}
}

/* A period of one day, month, year or 旬, written in one of its forms. */
typedef struct period
{
	char		text[128];
	int32_t		first,
				last;
	bool		deadline;		/* 底 / 末: means "on or before" without an operator */
	int			year;
	bool		whole_year_only;	/* written as "YYYY年" (range ends may use "YYYY-YYYY年") */
} period;

static void
gen_period(period *p, bool dense, bool allow_deadline)
{
	int			y = gen_year(dense);
	int			m = 1 + (int) below(12);
	int			d;
	int			form = (int) below(100);

	memset(p, 0, sizeof(*p));
	p->year = y;
	if (chance(10) && leap(y))
		m = 2;
	d = 1 + (int) below((uint32_t) month_days(y, m));
	if (m == 2 && leap(y) && chance(40))
		d = 29;
	if (chance(5))
		d = month_days(y, m);
	if (chance(3) && (y == MIN_DAY_YEAR || y == MAX_DAY_YEAR))
	{
		/* the very first and last days */
		m = y == MIN_DAY_YEAR ? 1 : 12;
		d = y == MIN_DAY_YEAR ? 1 : 31;
	}

	if (form < 40)
	{
		static const char *const fmts[] = {"%d年%d月%d日", "%d年%d月%d号", "%d-%02d-%02d",
		"%d.%d.%d", "%d/%d/%d", "%d年%02d月%02d日", "%d-%d-%d"};

		snprintf(p->text, sizeof(p->text), PICK(fmts), y, m, d);
		p->first = p->last = civil_days(y, m, d);
	}
	else if (form < 60)
	{
		static const char *const fmts[] = {"%d年%d月", "%d.%02d", "%d-%02d", "%d年%02d月"};
		const char *fmt = PICK(fmts);

		/* a bare month (2023.07, 2023-07) is a date only for the years 1900-2199 */
		if (strstr(fmt, "年") == NULL && (y < 1900 || y > 2199))
		{
			if (chance(50))
				y = 1900 + (int) below(300);
			else
				fmt = "%d年%d月";
		}
		snprintf(p->text, sizeof(p->text), fmt, y, m);
		p->first = civil_days(y, m, 1);
		p->last = civil_days(y, m, month_days(y, m));
	}
	else if (form < 72)
	{
		snprintf(p->text, sizeof(p->text), chance(70) ? "%d年" : "%d年全年", y);
		p->first = civil_days(y, 1, 1);
		p->last = civil_days(y, 12, 31);
		p->whole_year_only = strstr(p->text, "全年") == NULL;
	}
	else if (form < 84)
	{
		static const char *const xun[] = {"上旬", "中旬", "下旬"};
		int			k = (int) below(3);

		snprintf(p->text, sizeof(p->text), "%d年%d月%s", y, m, xun[k]);
		p->first = civil_days(y, m, k == 0 ? 1 : k == 1 ? 11 : 21);
		p->last = civil_days(y, m, k == 0 ? 10 : k == 1 ? 20 : month_days(y, m));
	}
	else if (allow_deadline)
	{
		if (chance(50))
		{
			snprintf(p->text, sizeof(p->text), "%d年%d月%s", y, m, chance(80) ? "底" : "末");
			p->first = p->last = civil_days(y, m, month_days(y, m));
		}
		else
		{
			snprintf(p->text, sizeof(p->text), chance(50) ? "%d年底" : "%d年年底", y);
			p->first = p->last = civil_days(y, 12, 31);
		}
		p->deadline = true;
	}
	else
	{
		snprintf(p->text, sizeof(p->text), "%d年%d月%d日", y, m, d);
		p->first = p->last = civil_days(y, m, d);
	}
}

static bool
day_in_range(int32_t day)
{
	return day >= civil_days(MIN_DAY_YEAR, 1, 1) && day <= civil_days(MAX_DAY_YEAR, 12, 31);
}

static void
write_day(sbuf *b, int32_t day, bool iso)
{
	/* independent inverse of civil_days: walk years and months */
	int			y = 2000,
				m = 1;
	int32_t		rest;

	while (day < civil_days(y, 1, 1))
		y -= (day < civil_days(y - 100, 1, 1)) ? 100 : 1;
	while (day >= civil_days(y + 1, 1, 1))
		y += (day >= civil_days(y + 100, 1, 1)) ? 100 : 1;
	rest = day - civil_days(y, 1, 1);
	while (rest >= month_days(y, m))
		rest -= month_days(y, m++);
	if (iso)
		sb_addf(b, "%d-%02d-%02d", y, m, (int) rest + 1);
	else
		sb_addf(b, "%d年%d月%d日", y, m, (int) rest + 1);
}

static void
gen_date(gen_case *c, bool dense)
{
	expected   *x = &c->x;
	period		a,
				b;
	pt_op		op = PT_OP_NONE;
	int			form = (int) below(100);

	memset(x, 0, sizeof(*x));
	x->kind = PT_KIND_DATE;
	sb_reset(&c->text);
	sb_spaces(&c->text, 5);
	if (chance(4))
	{
		sb_add(&c->text, "约");
		x->approx = true;
	}
	if (form < 20)
	{
		/* a range of two periods */
		static const char *const seps[] = {"~", "至", "到", "～", "—", "-"};
		const char *sep = PICK(seps);

		gen_period(&a, dense, false);
		gen_period(&b, dense, false);
		if (a.first > b.last)
		{
			period		t = a;

			a = b;
			b = t;
		}
		if (a.first > b.last)
			b = a;
		/* "2024-2025年" is a range of years; a "-" after a year needs one written with 年 */
		if (strcmp(sep, "-") == 0 && (strchr(a.text, '-') || strchr(b.text, '-')))
			sep = "~";
		sb_add(&c->text, a.text);
		sb_spaces(&c->text, 5);
		sb_add(&c->text, sep);
		sb_spaces(&c->text, 5);
		sb_add(&c->text, b.text);
		x->op = PT_OP_RANGE;
		x->lower.day = a.first;
		x->upper.day = b.last;
	}
	else if (form < 26)
	{
		/* 2025年1月至3月: the second end in the first one's year */
		int			y = gen_year(dense),
					m1 = 1 + (int) below(12),
					m2 = m1 + (int) below((uint32_t) (13 - m1));

		sb_addf(&c->text, "%d年%d月%s%d月", y, m1, chance(50) ? "至" : "~", m2);
		x->op = PT_OP_RANGE;
		x->lower.day = civil_days(y, m1, 1);
		x->upper.day = civil_days(y, m2, month_days(y, m2));
	}
	else if (form < 30)
	{
		/* 2024-2025年 */
		int			y1 = gen_year(dense),
					y2 = gen_year(dense);

		if (y1 > y2)
		{
			int			t = y1;

			y1 = y2;
			y2 = t;
		}
		sb_addf(&c->text, "%d%s%d年", y1, PICK(((const char *[]) {"-", "~", "至"})), y2);
		x->op = PT_OP_RANGE;
		x->lower.day = civil_days(y1, 1, 1);
		x->upper.day = civil_days(y2, 12, 31);
	}
	else
	{
		/* one period, with an operator before it, a word after it, or neither */
		int			how = (int) below(100);
		const char *suffix = NULL;

		gen_period(&a, dense, true);
		if (how < 30)
		{
			const date_spelling *s = &PICK(date_prefixes);

			sb_add(&c->text, s->text);
			sb_spaces(&c->text, 5);
			op = s->op;
		}
		else if (how < 60)
		{
			const date_spelling *s = &PICK(date_suffixes);

			suffix = s->text;
			op = s->op;
		}
		sb_add(&c->text, a.text);
		if (suffix)
		{
			sb_spaces(&c->text, 5);
			sb_add(&c->text, suffix);
		}
		if (op == PT_OP_NONE && a.deadline)
			op = PT_OP_LE;
		switch (op)
		{
			case PT_OP_GE:
				x->op = PT_OP_GE;
				x->lower.day = a.first;
				break;
			case PT_OP_GT:
				x->op = PT_OP_GE;
				x->lower.day = a.last + 1;
				break;
			case PT_OP_LE:
				x->op = PT_OP_LE;
				x->upper.day = a.last;
				break;
			case PT_OP_LT:
				x->op = PT_OP_LE;
				x->upper.day = a.first - 1;
				break;
			default:
				x->op = a.first == a.last ? PT_OP_EQ : PT_OP_RANGE;
				x->lower.day = a.first;
				x->upper.day = a.last;
				break;
		}
	}
	if (x->approx == false && chance(3))
	{
		sb_add(&c->text, "左右");
		x->approx = true;
	}
	x->lower.infinite = x->op == PT_OP_LE;
	x->upper.infinite = x->op == PT_OP_GE;
	if (x->op == PT_OP_GE)
		x->upper.day = x->lower.day;
	if (x->op == PT_OP_LE)
		x->lower.day = x->upper.day;
	x->lower.inclusive = !x->lower.infinite;
	x->upper.inclusive = !x->upper.infinite;
	x->dates_in_range = (x->lower.infinite || day_in_range(x->lower.day)) &&
		(x->upper.infinite || day_in_range(x->upper.day));

	/* the same set written in another form (one day beyond the bound only
	 * when that day is still a valid date) */
	sb_reset(&c->alt);
	c->alt_kind = x->dates_in_range ? "pair-date" : NULL;
	if (x->approx)
		sb_add(&c->alt, "约");
	switch (x->op)
	{
		case PT_OP_GE:
			if (chance(50) || !day_in_range(x->lower.day - 1))
			{
				sb_add(&c->alt, "≥");
				write_day(&c->alt, x->lower.day, chance(50));
			}
			else
			{
				/* > the day before */
				sb_add(&c->alt, ">");
				write_day(&c->alt, x->lower.day - 1, chance(50));
			}
			break;
		case PT_OP_LE:
			if (chance(50) || !day_in_range(x->upper.day + 1))
			{
				write_day(&c->alt, x->upper.day, chance(50));
				sb_add(&c->alt, "之前");
			}
			else
			{
				/* < the day after */
				sb_add(&c->alt, "<");
				write_day(&c->alt, x->upper.day + 1, chance(50));
			}
			break;
		case PT_OP_EQ:
			write_day(&c->alt, x->lower.day, chance(50));
			break;
		default:
			write_day(&c->alt, x->lower.day, chance(50));
			sb_add(&c->alt, "至");
			write_day(&c->alt, x->upper.day, chance(50));
			break;
	}
}

/* ==================================================================== labels */

static const char *const label_chars[] = {
	"普", "遍", "满", "意", "明", "显", "提", "高", "良", "好", "有", "效", "推", "动", "合", "格",
	"持", "续", "改", "善", "完", "成", "目", "标", "任", "务", "群", "众", "安", "全", "质", "量",
	"稳", "步", "加", "强", "降", "低", "减", "少", "达", "到", "按", "时", "进", "度", "优",
	"，", "。", "、", "“", "”", "：", "（", "）",
};

static void
gen_label(gen_case *c)
{
	expected   *x = &c->x;
	sbuf		content;
	int			n = 1 + (int) below(chance(80) ? 8 : 60),
				i;
	bool		quoted = chance(40);
	bool		pending_space = false;

	memset(x, 0, sizeof(*x));
	x->kind = PT_KIND_LABEL;
	sb_reset(&content);
	x->label_len = 0;
	for (i = 0; i < n; i++)
	{
		char		piece[16];
		int			what = (int) below(100);

		if (what < 10 && i > 0)
		{
			pending_space = true;	/* collapsed to one space, trimmed at the ends */
			sb_add(&content, chance(70) ? " " : chance(50) ? "  " : "\t");
			continue;
		}
		if (quoted && what < 30)
			snprintf(piece, sizeof(piece), "%u", below(1000));
		else if (quoted && what < 36)
			strcpy(piece, "\"");
		else if (what < 40 && chance(20))
			strcpy(piece, PICK(((const char *[]) {"ok", "A", "information"})));
		else
			strcpy(piece, PICK(label_chars));
		if (i == 0 && !quoted && strcmp(piece, "“") == 0)
			strcpy(piece, "普");
		if (pending_space && x->label_len > 0)
			x->label[x->label_len++] = ' ';
		pending_space = false;
		memcpy(x->label + x->label_len, piece, strlen(piece));
		x->label_len += strlen(piece);
		sb_add(&content, piece);
	}
	if (x->label_len == 0)
	{
		sb_add(&content, "好");
		memcpy(x->label, "好", 3);
		x->label_len = 3;
	}
	sb_reset(&c->text);
	sb_spaces(&c->text, 10);
	if (quoted)
	{
		size_t		k;

		sb_add(&c->text, "\"");
		for (k = 0; k < content.len; k++)
		{
			char		ch[2] = {content.s[k], '\0'};

			sb_add(&c->text, ch);
			if (ch[0] == '"')
				sb_add(&c->text, "\"");
		}
		sb_add(&c->text, "\"");
	}
	else
		sb_add(&c->text, content.s);
	sb_spaces(&c->text, 10);

	/* the same label written the other way */
	sb_reset(&c->alt);
	c->alt_kind = NULL;
	if (!quoted)
	{
		size_t		k;

		sb_add(&c->alt, "\"");
		for (k = 0; k < content.len; k++)
		{
			char		ch[2] = {content.s[k], '\0'};

			sb_add(&c->alt, ch);
			if (ch[0] == '"')
				sb_add(&c->alt, "\"");
		}
		sb_add(&c->alt, "\"");
		c->alt_kind = "pair-label";
	}
}

/* ==================================================================== helpers */

typedef struct value
{
	pt_target	t;
	char	   *scratch;
	char		text[1100];		/* the input it came from */
} value;

static bool
parse(const char *text, value *v, pt_error *err)
{
	size_t		len = strlen(text);

	v->scratch = malloc(pt_parse_scratch_size(len));
	snprintf(v->text, sizeof(v->text), "%s", text);
	return pt_parse(text, len, &v->t, v->scratch, err) == PT_OK;
}

static void
release(value *v)
{
	free(v->scratch);
	v->scratch = NULL;
}

static char *
format(const pt_target *t)
{
	size_t		cap = pt_format_size(t) + 1;
	char	   *buf = malloc(cap);

	pt_format(t, buf, cap);
	return buf;
}

static bool
same_hash(const pt_target *a, const pt_target *b)
{
	uint8_t		ba[PT_HASH_KEY_MAX],
				bb[PT_HASH_KEY_MAX];
	const uint8_t *ka,
			   *kb;
	size_t		la = pt_hash_key(a, ba, &ka),
				lb = pt_hash_key(b, bb, &kb);

	return la == lb && memcmp(ka, kb, la) == 0;
}

static int
sign(int v)
{
	return (v > 0) - (v < 0);
}

static const char *
kind_name(pt_kind k)
{
	return k == PT_KIND_QUANTITY ? "quantity" : k == PT_KIND_DATE ? "date" :
		k == PT_KIND_LABEL ? "label" : "?";
}

/* ==================================================================== independent semantics */

static bool
same_dim(const pt_target *a, const pt_target *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind != PT_KIND_QUANTITY)
		return true;
	return a->unit_key_len == b->unit_key_len &&
		memcmp(a->unit_key, b->unit_key, a->unit_key_len) == 0;
}

static int
val_cmp(pt_kind kind, const pt_bound *a, const pt_bound *b)
{
	bigdec		x,
				y;

	if (kind == PT_KIND_DATE)
		return (a->day > b->day) - (a->day < b->day);
	x = bd_from_pt(&a->value);
	y = bd_from_pt(&b->value);
	return bd_cmp(&x, &y);
}

/* Is the set of lower bound a a superset (on its side) of lower bound b's? */
static bool
lower_allows_more(pt_kind k, const pt_bound *a, const pt_bound *b)
{
	int			c;

	if (a->infinite)
		return true;
	if (b->infinite)
		return false;
	c = val_cmp(k, a, b);
	return c < 0 || (c == 0 && (a->inclusive || !b->inclusive));
}

static bool
upper_allows_more(pt_kind k, const pt_bound *a, const pt_bound *b)
{
	int			c;

	if (a->infinite)
		return true;
	if (b->infinite)
		return false;
	c = val_cmp(k, a, b);
	return c > 0 || (c == 0 && (a->inclusive || !b->inclusive));
}

static bool
my_contains(const pt_target *a, const pt_target *b)
{
	if (!same_dim(a, b))
		return false;
	if (a->kind == PT_KIND_LABEL)
		return a->label_len == b->label_len && memcmp(a->label, b->label, a->label_len) == 0;
	return lower_allows_more(a->kind, &a->lower, &b->lower) &&
		upper_allows_more(a->kind, &a->upper, &b->upper);
}

static bool
my_overlaps(const pt_target *a, const pt_target *b)
{
	const pt_bound *lo,
			   *hi;
	int			c;

	if (!same_dim(a, b))
		return false;
	if (a->kind == PT_KIND_LABEL)
		return my_contains(a, b);
	/* the tighter lower bound and the tighter upper bound */
	lo = lower_allows_more(a->kind, &a->lower, &b->lower) ? &b->lower : &a->lower;
	hi = upper_allows_more(a->kind, &a->upper, &b->upper) ? &b->upper : &a->upper;
	if (lo->infinite || hi->infinite)
		return true;
	c = val_cmp(a->kind, lo, hi);
	return c < 0 || (c == 0 && lo->inclusive && hi->inclusive);
}

static int
bytes_order(const char *a, size_t al, const char *b, size_t bl)
{
	size_t		i;

	for (i = 0; i < al && i < bl; i++)
		if ((unsigned char) a[i] != (unsigned char) b[i])
			return (unsigned char) a[i] < (unsigned char) b[i] ? -1 : 1;
	return (al > bl) - (al < bl);
}

/* The README's order: kind; dimension key bytewise; lower bound (-inf first,
 * inclusive before exclusive); upper bound (exclusive before inclusive, +inf
 * last); label bytes. */
static int
my_compare(const pt_target *a, const pt_target *b)
{
	int			c;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->kind == PT_KIND_LABEL)
		return bytes_order(a->label, a->label_len, b->label, b->label_len);
	if (a->kind == PT_KIND_QUANTITY &&
		(c = bytes_order(a->unit_key, a->unit_key_len, b->unit_key, b->unit_key_len)) != 0)
		return c;
	if (a->lower.infinite != b->lower.infinite)
		return a->lower.infinite ? -1 : 1;
	if (!a->lower.infinite)
	{
		if ((c = val_cmp(a->kind, &a->lower, &b->lower)) != 0)
			return c;
		if (a->lower.inclusive != b->lower.inclusive)
			return a->lower.inclusive ? -1 : 1;
	}
	if (a->upper.infinite != b->upper.infinite)
		return a->upper.infinite ? 1 : -1;
	if (!a->upper.infinite)
	{
		if ((c = val_cmp(a->kind, &a->upper, &b->upper)) != 0)
			return c;
		if (a->upper.inclusive != b->upper.inclusive)
			return a->upper.inclusive ? 1 : -1;
	}
	return 0;
}

/* ==================================================================== per-value checks */

static bool
bound_matches(pt_kind kind, const pt_bound *got, const xbound *want, char *why, size_t cap)
{
	if (got->infinite != want->infinite || (!got->infinite && got->inclusive != want->inclusive))
	{
		snprintf(why, cap, "infinite/inclusive %d/%d, want %d/%d", got->infinite, got->inclusive,
				 want->infinite, want->inclusive);
		return false;
	}
	if (got->infinite)
		return true;
	if (kind == PT_KIND_DATE)
	{
		if (got->day != want->day)
		{
			snprintf(why, cap, "day %d, want %d", (int) got->day, (int) want->day);
			return false;
		}
		return true;
	}
	{
		bigdec		g = bd_from_pt(&got->value);
		char		gs[256],
					ws[256];

		if (bd_cmp(&g, &want->value) != 0)
		{
			bd_show(&g, gs);
			bd_show(&want->value, ws);
			snprintf(why, cap, "value %s, want %s", gs, ws);
			return false;
		}
	}
	return true;
}

static void
check_grammar(const value *v, const expected *x)
{
	const pt_target *t = &v->t;
	char		why[600] = "";
	bool		ok = t->kind == x->kind;

	if (!ok)
		snprintf(why, sizeof(why), "kind %s, want %s", kind_name(t->kind), kind_name(x->kind));
	if (ok && t->kind != PT_KIND_LABEL && t->op != x->op)
	{
		ok = false;
		snprintf(why, sizeof(why), "op %d, want %d", t->op, x->op);
	}
	if (ok && ((t->flags & PT_FLAG_APPROXIMATE) != 0) != x->approx)
	{
		ok = false;
		snprintf(why, sizeof(why), "approximate flag %d, want %d", t->flags, x->approx);
	}
	if (ok && t->kind == PT_KIND_QUANTITY &&
		(t->unit_key_len != strlen(x->key) || memcmp(t->unit_key, x->key, t->unit_key_len) != 0))
	{
		ok = false;
		snprintf(why, sizeof(why), "dimension key \"%.*s\", want \"%s\"", (int) t->unit_key_len,
				 t->unit_key, x->key);
	}
	if (ok && t->kind != PT_KIND_LABEL)
		ok = bound_matches(t->kind, &t->lower, &x->lower, why, sizeof(why)) &&
			bound_matches(t->kind, &t->upper, &x->upper, why, sizeof(why));
	if (ok && t->kind == PT_KIND_LABEL &&
		(t->label_len != x->label_len || memcmp(t->label, x->label, x->label_len) != 0))
	{
		ok = false;
		snprintf(why, sizeof(why), "label \"%.*s\", want \"%.*s\"", (int) t->label_len, t->label,
				 (int) x->label_len, x->label);
	}
	check(ok, "grammar", "input \"%s\": %s", v->text, why);
}

/* text and pack round trips, hash agreement; returns the canonical text */
static char *
check_round_trips(const value *a)
{
	char	   *text1 = format(&a->t);
	value		b;
	pt_error	err;

	if (check(parse(text1, &b, &err), "text-round-trip", "input \"%s\": canonical \"%s\" does not parse: %s",
			  a->text, text1, err.message))
	{
		char	   *text2 = format(&b.t);

		check(pt_compare(&a->t, &b.t) == 0 && pt_compare(&b.t, &a->t) == 0, "text-round-trip",
			  "input \"%s\": canonical \"%s\" parses to another value (\"%s\")", a->text, text1, text2);
		check(strcmp(text1, text2) == 0, "text-identical",
			  "input \"%s\": canonical \"%s\" reprints as \"%s\"", a->text, text1, text2);
		check(same_hash(&a->t, &b.t), "hash", "input \"%s\": hash key changes across the text round trip",
			  a->text);
		free(text2);
	}
	release(&b);

	{
		size_t		n = pt_packed_size(&a->t);
		uint8_t    *p = malloc(n),
				   *q = malloc(n);
		pt_target	u;

		pt_pack(&a->t, p);
		if (check(pt_unpack(p, n, &u), "pack-round-trip", "input \"%s\" (\"%s\"): pt_unpack rejects its packed form",
				  a->text, text1))
		{
			char	   *text3 = format(&u);

			check(pt_compare(&a->t, &u) == 0, "pack-round-trip", "input \"%s\": unpacked value differs",
				  a->text);
			check(strcmp(text1, text3) == 0, "pack-round-trip",
				  "input \"%s\": unpacked value prints \"%s\", not \"%s\"", a->text, text3, text1);
			check(same_hash(&a->t, &u), "hash", "input \"%s\": hash key changes across pack/unpack",
				  a->text);
			check(pt_packed_size(&u) == n, "pack-round-trip", "input \"%s\": packed size changes", a->text);
			pt_pack(&u, q);
			check(memcmp(p, q, n) == 0, "pack-round-trip", "input \"%s\": repacked bytes differ", a->text);
			free(text3);
		}
		free(q);
		free(p);
	}
	return text1;
}

static void
check_pair(const value *a, const char *alt, const char *kind)
{
	value		b;
	pt_error	err;

	if (!check(parse(alt, &b, &err), kind, "\"%s\" parses but its equal spelling \"%s\" does not: %s",
			   a->text, alt, err.message))
	{
		release(&b);
		return;
	}
	if (check(pt_compare(&a->t, &b.t) == 0 && pt_compare(&b.t, &a->t) == 0, kind,
			  "\"%s\" and \"%s\" should be equal", a->text, alt))
		check(same_hash(&a->t, &b.t), "hash", "\"%s\" = \"%s\" but their hash keys differ", a->text, alt);
	release(&b);
}

/* pt_convert to another unit of the same dimension, and back */
static void
check_convert(const value *a, const expected *x, const char *canonical)
{
	char		unit[128],
				back_unit[128];
	const pt_unit *v = NULL;
	int			s = (int) below(7),
				tries;
	pt_target	out,
				back;
	pt_error	err;
	char	   *scratch,
			   *scratch2;
	pt_status	st;
	bigdec		want[2];
	bool		exact = true,
				comfortable = true;
	int			i;

	if (x->row != NULL)
	{
		for (tries = 0; tries < 20; tries++)
		{
			const pt_unit *w = units[below((uint32_t) n_units)];

			if (w->dimension && strcmp(w->dimension, x->row->dimension) == 0)
			{
				v = w;
				break;
			}
		}
		if (v == NULL)
			return;
		/* 千 + 米 and 千 + 克 spell other catalog units: no scale word before those */
		if (s == 1 && (strcmp(v->spelling, "米") == 0 || strcmp(v->spelling, "克") == 0))
			s = 0;
		snprintf(unit, sizeof(unit), "%s%s%s", scale_words[s], v->spelling, x->denoms);
	}
	else
		snprintf(unit, sizeof(unit), "%s%s%s", scale_words[s], x->word, x->has_unit ? x->denoms : "");

	/* the magnitudes in the new unit, computed independently */
	for (i = 0; i < 2; i++)
	{
		const xbound *bd = i == 0 ? &x->lower : &x->upper;

		want[i] = bd->value;
		if (bd->infinite)
			want[i] = i == 0 ? x->upper.value : x->lower.value;
		if (!bd_div_exact(&want[i], v ? (uint64_t) v->factor : 1,
						  (v ? v->exp10 : 0) + scale_exps[s]))
			exact = false;
		else if (bd_written_digits(&want[i]) > 28 || want[i].exp < -60 || want[i].exp > 60 ||
				 want[i].n > 28)
			comfortable = false;
	}

	scratch = malloc(pt_parse_scratch_size(strlen(unit)));
	st = pt_convert(&a->t, unit, strlen(unit), &out, scratch, &err);
	if (!exact)
	{
		check(st != PT_OK, "convert-exact", "pt_convert(\"%s\", \"%s\") accepted an inexact conversion",
			  a->text, unit);
		free(scratch);
		return;
	}
	if (st != PT_OK)
	{
		check(!comfortable, "convert-exact", "pt_convert(\"%s\", \"%s\") refused an exact conversion: %s",
			  a->text, unit, err.message);
		free(scratch);
		return;
	}
	check(pt_compare(&a->t, &out) == 0, "convert-equal", "pt_convert(\"%s\", \"%s\") changed the value",
		  a->text, unit);
	check(same_hash(&a->t, &out), "hash", "pt_convert(\"%s\", \"%s\") changed the hash key", a->text, unit);
	for (i = 0; i < 2; i++)
	{
		pt_decimal	m;
		bigdec		got;
		char		gs[256],
					ws[256];

		if (!check(pt_written_magnitude(&out, i == 1, &m), "convert-exact",
				   "pt_convert(\"%s\", \"%s\"): no written magnitude", a->text, unit))
			continue;
		got = bd_from_pt(&m);
		bd_show(&got, gs);
		bd_show(&want[i], ws);
		check(bd_cmp(&got, &want[i]) == 0, "convert-exact",
			  "pt_convert(\"%s\", \"%s\"): magnitude %s, want %s", a->text, unit, gs, ws);
	}
	/* the converted value's text is valid input for the same value */
	{
		char	   *text = format(&out);
		value		r;

		if (check(parse(text, &r, &err), "convert-text",
				  "pt_convert(\"%s\", \"%s\") prints \"%s\", which does not parse: %s", a->text, unit,
				  text, err.message))
			check(pt_compare(&r.t, &out) == 0, "convert-text",
				  "pt_convert(\"%s\", \"%s\") prints \"%s\", which reads back as another value",
				  a->text, unit, text);
		release(&r);
		free(text);
	}
	/* and back to the unit it was written in */
	{
		size_t		n = pt_format_unit(&a->t, back_unit, sizeof(back_unit));

		scratch2 = malloc(pt_parse_scratch_size(n));
		st = pt_convert(&out, back_unit, n, &back, scratch2, &err);
		if (check(st == PT_OK, "convert-reversible", "pt_convert(\"%s\", \"%s\") then back to \"%s\" failed: %s",
				  a->text, unit, back_unit, err.message))
		{
			char	   *text = format(&back);

			check(pt_compare(&a->t, &back) == 0, "convert-reversible",
				  "pt_convert(\"%s\", \"%s\") and back is another value", a->text, unit);
			/* same magnitude as written (decimal places may differ) */
			for (i = 0; i < 2; i++)
			{
				pt_decimal	m1,
							m2;

				if (pt_written_magnitude(&a->t, i == 1, &m1) && pt_written_magnitude(&back, i == 1, &m2))
				{
					bigdec		g1 = bd_from_pt(&m1),
								g2 = bd_from_pt(&m2);

					check(bd_cmp(&g1, &g2) == 0, "convert-reversible",
						  "pt_convert(\"%s\", \"%s\") and back prints \"%s\" (was \"%s\")", a->text, unit,
						  text, canonical);
				}
			}
			free(text);
		}
		free(scratch2);
	}
	free(scratch);
}

/* ==================================================================== pool */

#define POOL 256

typedef struct pooled
{
	uint8_t    *packed;
	size_t		len;
	pt_target	t;
	char		text[1100];
} pooled;

static pooled pool[POOL];
static int	pool_n;

static void
pool_add(const value *v)
{
	size_t		len = pt_packed_size(&v->t);
	uint8_t    *packed = malloc(len);
	pt_target	t;
	pooled	   *p;

	pt_pack(&v->t, packed);
	if (!pt_unpack(packed, len, &t))
	{
		free(packed);			/* counted by the pack check */
		return;
	}
	p = &pool[pool_n < POOL ? pool_n++ : (int) below(POOL)];
	free(p->packed);
	p->packed = packed;
	p->len = len;
	p->t = t;
	snprintf(p->text, sizeof(p->text), "%s", v->text);
}

static void
check_relations(const pt_target *a, const char *at, const pt_target *b, const char *bt)
{
	int			c1 = sign(pt_compare(a, b)),
				c2 = sign(pt_compare(b, a)),
				mc = sign(my_compare(a, b));
	bool		eq = c1 == 0;

	{
		uint64_t	ka = pt_abbreviate(a),
					kb = pt_abbreviate(b);

		check(ka == kb || (ka < kb) == (c1 < 0), "abbrev",
			  "abbreviated keys of \"%s\" and \"%s\" are %016llx, %016llx but cmp = %d", at, bt,
			  (unsigned long long) ka, (unsigned long long) kb, c1);
		if (eq)
			check(ka == kb, "abbrev", "\"%s\" = \"%s\" but their abbreviated keys differ", at, bt);
	}
	{
		/* the grouped order of GiST builds: the same equal values, keys never contradicting it */
		int			g = sign(pt_compare_grouped(a, b));
		uint64_t	ka = pt_abbreviate_grouped(a),
					kb = pt_abbreviate_grouped(b);

		check((g == 0) == eq && g == -sign(pt_compare_grouped(b, a)), "abbrev",
			  "grouped order of \"%s\" and \"%s\" is %d, pt_compare says %d", at, bt, g, c1);
		check(ka == kb || (ka < kb) == (g < 0), "abbrev",
			  "grouped keys of \"%s\" and \"%s\" are %016llx, %016llx but cmp = %d", at, bt,
			  (unsigned long long) ka, (unsigned long long) kb, g);
	}
	check(c1 == -c2, "order-antisymmetric", "cmp(\"%s\", \"%s\") = %d but the reverse is %d", at, bt, c1, c2);
	check(c1 == mc, "order-spec", "cmp(\"%s\", \"%s\") = %d, the README's order says %d", at, bt, c1, mc);
	if (eq)
		check(same_hash(a, b), "hash", "\"%s\" = \"%s\" but their hash keys differ", at, bt);
	check(pt_equal(a, b) == eq, "order-spec", "pt_equal(\"%s\", \"%s\") disagrees with pt_compare", at, bt);
	check(pt_contains(a, b) == my_contains(a, b), "contains",
		  "\"%s\" @> \"%s\" is %d, the bounds say %d", at, bt, pt_contains(a, b), my_contains(a, b));
	check(pt_overlaps(a, b) == my_overlaps(a, b), "overlaps",
		  "\"%s\" && \"%s\" is %d, the bounds say %d", at, bt, pt_overlaps(a, b), my_overlaps(a, b));
	check(pt_overlaps(a, b) == pt_overlaps(b, a), "overlaps", "&& is not symmetric for \"%s\", \"%s\"", at, bt);
	if (a->kind != PT_KIND_LABEL)
	{
		bool		both = pt_contains(a, b) && pt_contains(b, a);

		check(both == eq, "contains-equal", "\"%s\" @> \"%s\" both ways is %d, but equality is %d",
			  at, bt, both, eq);
		if (pt_contains(a, b))
			check(pt_overlaps(a, b), "overlaps", "\"%s\" @> \"%s\" but they do not overlap", at, bt);
	}
}

static void
check_triple(const pooled *a, const pooled *b, const pooled *c)
{
	int			ab = sign(pt_compare(&a->t, &b->t)),
				bc = sign(pt_compare(&b->t, &c->t)),
				ac = sign(pt_compare(&a->t, &c->t));

	if (ab <= 0 && bc <= 0)
		check(ac <= 0 && (ac < 0 || (ab == 0 && bc == 0)), "order-transitive",
			  "\"%s\" <= \"%s\" <= \"%s\" but cmp(first, last) = %d", a->text, b->text, c->text, ac);
	if (ab >= 0 && bc >= 0)
		check(ac >= 0 && (ac > 0 || (ab == 0 && bc == 0)), "order-transitive",
			  "\"%s\" >= \"%s\" >= \"%s\" but cmp(first, last) = %d", a->text, b->text, c->text, ac);
	if (ab == 0)
		check(bc == ac, "order-transitive", "\"%s\" = \"%s\" but they compare differently with \"%s\"",
			  a->text, b->text, c->text);
}

static bool
relation_holds(int strategy, const pt_target *v, const pt_target *q)
{
	switch (strategy)
	{
		case PT_GIST_CONTAINS:
			return pt_contains(v, q);
		case PT_GIST_CONTAINED_BY:
			return pt_contains(q, v);
		case PT_GIST_OVERLAPS:
			return pt_overlaps(v, q);
		default:
			return pt_compare(v, q) == 0;
	}
}

/*
 * Inner GiST keys over slices of the sorted pool (what picksplit makes) and
 * over random subsets: a key must admit every query some member matches.
 */
static void
check_gist(const pooled *const *sorted, int n)
{
	static const int strategies[] = {PT_GIST_OVERLAPS, PT_GIST_CONTAINS, PT_GIST_CONTAINED_BY,
	PT_GIST_EQUAL};
	int			round;

	for (round = 0; round < 24 && n > 0; round++)
	{
		const pooled *members[32];
		int			m = 1 + (int) below(round < 12 ? 8 : 32),
					i,
					j,
					st;
		pt_gist_key acc,
					k,
					unpacked;
		uint8_t    *bytes;
		size_t		size;
		bool		ok = true;

		if (round < 12)
		{
			/* a slice of consecutive values, mostly of one dimension */
			int			start = (int) below((uint32_t) n);

			if (start + m > n)
				m = n - start;
			for (i = 0; i < m; i++)
				members[i] = sorted[start + i];
		}
		else
			for (i = 0; i < m; i++)
				members[i] = sorted[below((uint32_t) n)];

		pt_gist_key_of(&members[0]->t, &acc);
		for (i = 1; i < m; i++)
		{
			pt_gist_key_of(&members[i]->t, &k);
			pt_gist_key_union(&acc, &k);
		}
		/* the key as the index stores it */
		size = pt_gist_key_size(&acc);
		bytes = malloc(size);
		pt_gist_key_pack(&acc, bytes);
		if (!check(pt_gist_is_key(bytes, size) && pt_gist_key_unpack(bytes, size, &unpacked) &&
				   pt_gist_key_equal(&acc, &unpacked) && pt_gist_key_equal(&unpacked, &acc), "gist",
				   "GiST key of %d values (first \"%s\") does not survive pack/unpack", m, members[0]->text))
		{
			free(bytes);
			continue;
		}
		/* queries: the members themselves and random pool values */
		for (j = 0; j < m + 8 && ok; j++)
		{
			const pooled *q = j < m ? members[j] : sorted[below((uint32_t) n)];

			for (st = 0; st < 4 && ok; st++)
				for (i = 0; i < m && ok; i++)
					if (relation_holds(strategies[st], &members[i]->t, &q->t) &&
						!pt_gist_key_consistent(&unpacked, strategies[st], &q->t))
					{
						ok = false;
						check(false, "gist", "a GiST key over %d values excludes \"%s\" (strategy %d), "
							  "which member \"%s\" matches", m, q->text, strategies[st], members[i]->text);
					}
		}
		for (i = 0; i < m && ok && unpacked.has_bounds; i++)
		{
			pt_gist_key_of(&members[i]->t, &k);
			if (pt_gist_penalty(&unpacked, &k) != 0.0)
			{
				ok = false;
				check(false, "gist", "penalty of member \"%s\" under its own union is not 0",
					  members[i]->text);
			}
		}
		if (ok)
			check(true, "gist", "");
		free(bytes);
	}
}

static int
qsort_cmp(const void *x, const void *y)
{
	const pooled *a = *(const pooled *const *) x;
	const pooled *b = *(const pooled *const *) y;

	return pt_compare(&a->t, &b->t);
}

static void
check_sorted_pool(void)
{
	const pooled *sorted[POOL];
	int			i,
				j;
	bool		ok = true;

	for (i = 0; i < pool_n; i++)
		sorted[i] = &pool[i];
	qsort(sorted, (size_t) pool_n, sizeof(sorted[0]), qsort_cmp);
	for (i = 0; i < pool_n && ok; i++)
		for (j = i + 1; j < pool_n && ok; j++)
			if (pt_compare(&sorted[i]->t, &sorted[j]->t) > 0 ||
				pt_compare(&sorted[j]->t, &sorted[i]->t) < 0)
			{
				ok = false;
				check(false, "order-sort", "after qsort, \"%s\" (position %d) > \"%s\" (position %d)",
					  sorted[i]->text, i, sorted[j]->text, j);
			}
	if (ok)
		check(true, "order-sort", "");

	/* abbreviated keys never decrease along the sorted order */
	ok = true;
	for (i = 0; i + 1 < pool_n && ok; i++)
	{
		uint64_t	k1 = pt_abbreviate(&sorted[i]->t),
					k2 = pt_abbreviate(&sorted[i + 1]->t);
		int			c = pt_compare(&sorted[i]->t, &sorted[i + 1]->t);

		if (k1 > k2 || (c == 0 && k1 != k2))
		{
			ok = false;
			check(false, "abbrev", "sorted \"%s\" then \"%s\" (cmp %d) abbreviate to %016llx, %016llx",
				  sorted[i]->text, sorted[i + 1]->text, c, (unsigned long long) k1,
				  (unsigned long long) k2);
		}
	}
	if (ok)
		check(true, "abbrev", "");

	check_gist(sorted, pool_n);
}

/* ==================================================================== main */

int
main(int argc, char **argv)
{
	long		cases = argc > 1 ? atol(argv[1]) : 300000;
	uint64_t	seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 20250101;
	long		i;
	long		per_kind[4] = {0};
	long		dense_cases = 0;
	int			k;
	long		show = getenv("PROPERTY_SHOW") ? atol(getenv("PROPERTY_SHOW")) : 0;

	rng_state = seed ? seed : 1;
	load_units();
	printf("property: %ld cases, seed %llu, %d catalog units\n", cases, (unsigned long long) seed, n_units);

	for (i = 0; i < cases; i++)
	{
		gen_case	c;
		value		v;
		pt_error	err;
		bool		dense = chance(30);
		int			what = (int) below(100);
		char	   *canonical;

		dense_cases += dense;
		memset(&c, 0, sizeof(c));
		if (what < 60)
			gen_quantity(&c, dense);
		else if (what < 85)
			gen_date(&c, dense);
		else
			gen_label(&c);
		per_kind[c.x.kind]++;
		if (i < show)
			printf("case %ld: %s%s%s\n", i, c.text.s, c.alt_kind ? "   =   " : "", c.alt_kind ? c.alt.s : "");

		/* a set reaching past 1000..9999 (>9999年) is no date: refused, or read as years */
		if (c.x.kind == PT_KIND_DATE && !c.x.dates_in_range)
		{
			bool		parsed = parse(c.text.s, &v, &err);

			check(!parsed || v.t.kind != PT_KIND_DATE, "date-range",
				  "\"%s\" reaches past the years 1000..9999 but was read as a date", c.text.s);
			release(&v);
			continue;
		}
		if (!check(parse(c.text.s, &v, &err), "parse", "valid input \"%s\" rejected: %s (%s)",
				   c.text.s, err.message, kind_name(c.x.kind)))
		{
			release(&v);
			continue;
		}
		check_grammar(&v, &c.x);
		canonical = check_round_trips(&v);

		/* reflexive relations */
		check(pt_compare(&v.t, &v.t) == 0, "order-reflexive", "\"%s\" is not equal to itself", v.text);
		if (v.t.kind != PT_KIND_LABEL)
			check(pt_contains(&v.t, &v.t) && pt_overlaps(&v.t, &v.t), "contains",
				  "\"%s\" does not contain itself", v.text);

		if (c.alt_kind != NULL && c.alt.len > 0)
			check_pair(&v, c.alt.s, c.alt_kind);
		if (v.t.kind == PT_KIND_QUANTITY && c.x.kind == PT_KIND_QUANTITY)
			check_convert(&v, &c.x, canonical);

		/* relations with values seen before */
		if (pool_n > 2)
		{
			const pooled *p = &pool[below((uint32_t) pool_n)],
					   *q = &pool[below((uint32_t) pool_n)];

			check_relations(&v.t, v.text, &p->t, p->text);
			check_relations(&p->t, p->text, &q->t, q->text);
			check_triple(p, q, &pool[below((uint32_t) pool_n)]);
		}
		pool_add(&v);
		if ((i + 1) % POOL == 0)
			check_sorted_pool();

		free(canonical);
		release(&v);
	}
	for (k = 0; k < pool_n; k++)
		free(pool[k].packed);

	/* every catalog unit and every scale word was exercised */
	if (cases >= 20000)
	{
		for (k = 0; k < n_units; k++)
			check(unit_cases[k] > 0, "catalog-coverage", "unit %s never generated", units[k]->spelling);
		for (k = 1; k < 7; k++)
			check(scale_cases[k] > 0, "catalog-coverage", "scale word %s never generated", scale_words[k]);
	}

	printf("cases: %ld quantities, %ld dates, %ld labels (%ld from the dense palette)\n",
		   per_kind[PT_KIND_QUANTITY], per_kind[PT_KIND_DATE], per_kind[PT_KIND_LABEL], dense_cases);
	/* one test case per property; the checks are information */
	{
		int			props_passed = 0,
					props_failed = 0;

		for (k = 0; k < n_kinds; k++)
		{
			if (kinds[k].failed == 0)
			{
				props_passed++;
				printf("ok   %-20s %9ld checks\n", kinds[k].name, kinds[k].passed);
			}
			else
			{
				props_failed++;
				printf("FAIL %-20s %9ld of %ld checks failed\n", kinds[k].name, kinds[k].failed,
					   kinds[k].passed + kinds[k].failed);
			}
		}
		printf("checks: %ld passed, %ld failed\n", n_passed, n_failed);
		printf("%d passed, %d failed\n", props_passed, props_failed);
		return n_failed > 0 || props_failed > 0 ? 1 : 0;
	}
}
