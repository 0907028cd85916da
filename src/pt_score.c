/*
 * pt_score.c - year-end self-evaluation: met, completion rate and score of an
 * actual value against its target, under a scoring rule, exactly.
 *
 * Sources of the built-in rules:
 *   standard  财预〔2020〕10号 (项目支出绩效评价管理办法) and the notes of its
 *             项目支出绩效自评表: a quantitative indicator that reaches its
 *             target gets its whole weight, one that does not gets the
 *             completion ratio of it; qualitative indicators are judged in the
 *             bands 100-80 % (含80 %), 80-60 % (含60 %), 60-0 % of the weight;
 *             total scores grade 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below.
 *   linear    the deduction budget systems (pmkpi and similar) use for
 *             ceilings: the weight falls linearly from the ceiling to 0 at
 *             twice the ceiling.
 * Every number is a pt_decimal; divisions round half away from zero once, at
 * the end, to PT_SCORE_PLACES places.  Nothing here allocates.
 */
#include "pt_score.h"
#include "pt_i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Our own results keep at most this many digits, so 10 × remainder fits. */
#define COEF_MAX_DIGITS 36
/* Beyond this exponent nothing a budget sheet holds can be meant. */
#define EXP_LIMIT 400

typedef unsigned __int128 u128;

static u128
pow10_u(int n)
{
	u128		p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

static int
digits_u(u128 u)
{
	int			n = 1;

	while (u >= 10)
	{
		u /= 10;
		n++;
	}
	return n;
}

static u128
abs_u(pt_int128 v)
{
	return v < 0 ? -(u128) v : (u128) v;
}

pt_decimal
pt_score_int(int64_t v)
{
	pt_decimal	d;

	d.coef = v;
	d.exp = 0;
	pt_decimal_normalize(&d);
	return d;
}

static bool
make(bool negative, u128 mag, int32_t exp, pt_decimal *out)
{
	if (mag == 0)
	{
		out->coef = 0;
		out->exp = 0;
		return true;
	}
	out->coef = negative ? -(pt_int128) mag : (pt_int128) mag;
	out->exp = exp;
	pt_decimal_normalize(out);
	return digits_u(abs_u(out->coef)) <= COEF_MAX_DIGITS &&
		out->exp >= -EXP_LIMIT && out->exp <= EXP_LIMIT;
}

bool
pt_score_mul(const pt_decimal *a, const pt_decimal *b, pt_decimal *out)
{
	u128		p;

	if (a->coef == 0 || b->coef == 0)
		return make(false, 0, 0, out);
	if (__builtin_mul_overflow(abs_u(a->coef), abs_u(b->coef), &p))
		return false;
	if (p >> 127)
		return false;
	return make((a->coef < 0) != (b->coef < 0), p, a->exp + b->exp, out);
}

bool
pt_score_add(const pt_decimal *a, const pt_decimal *b, pt_decimal *out)
{
	int32_t		e;
	pt_int128	ca,
				cb,
				sum;

	if (a->coef == 0)
		return make(b->coef < 0, abs_u(b->coef), b->exp, out);
	if (b->coef == 0)
		return make(a->coef < 0, abs_u(a->coef), a->exp, out);
	e = a->exp < b->exp ? a->exp : b->exp;
	if (digits_u(abs_u(a->coef)) + (a->exp - e) > COEF_MAX_DIGITS ||
		digits_u(abs_u(b->coef)) + (b->exp - e) > COEF_MAX_DIGITS)
		return false;
	ca = a->coef * (pt_int128) pow10_u(a->exp - e);
	cb = b->coef * (pt_int128) pow10_u(b->exp - e);
	sum = ca + cb;				/* |sum| < 2 × 10^36: no overflow */
	return make(sum < 0, abs_u(sum), e, out);
}

static bool
sub(const pt_decimal *a, const pt_decimal *b, pt_decimal *out)
{
	pt_decimal	nb = *b;

	nb.coef = -nb.coef;
	return pt_score_add(a, &nb, out);
}

/*
 * a × b ÷ c by long division: the digits of |a| × |b| (schoolbook) shifted by
 * the exponents, with one guard digit, divided digit by digit by |c|.  A
 * truncated quotient q with one guard digit rounds half away from zero as
 * (q + 5) ÷ 10, since the guard digit is 5 or more exactly when the
 * remainder is at least one half.
 */
bool
pt_score_muldiv(const pt_decimal *a, const pt_decimal *b, const pt_decimal *c,
				int places, pt_decimal *out)
{
	uint8_t		da[40],
				db[40],
				prod[80];
	int			na = 0,
				nb = 0,
				np,
				i,
				j,
				len;
	u128		u,
				uc,
				r = 0,
				q = 0;
	const u128	limit = pow10_u(COEF_MAX_DIGITS + 1);
	bool		negative;
	int64_t		shift;

	if (c->coef == 0)
		return false;
	if (a->coef == 0 || b->coef == 0)
		return make(false, 0, 0, out);
	uc = abs_u(c->coef);
	if (digits_u(uc) > COEF_MAX_DIGITS)
		return false;
	negative = ((a->coef < 0) != (b->coef < 0)) != (c->coef < 0);

	/* digits, least significant first */
	for (u = abs_u(a->coef); u > 0; u /= 10)
		da[na++] = (uint8_t) (u % 10);
	for (u = abs_u(b->coef); u > 0; u /= 10)
		db[nb++] = (uint8_t) (u % 10);
	np = na + nb;
	{
		unsigned	acc[80] = {0};
		unsigned	carry = 0;

		for (i = 0; i < na; i++)
			for (j = 0; j < nb; j++)
				acc[i + j] += (unsigned) da[i] * db[j];
		for (i = 0; i < np; i++)
		{
			acc[i] += carry;
			prod[i] = (uint8_t) (acc[i] % 10);
			carry = acc[i] / 10;
		}
		while (np > 1 && prod[np - 1] == 0)
			np--;
	}

	/* the numerator's integer digits: prod × 10^shift, the guard digit included */
	shift = (int64_t) a->exp + b->exp - c->exp + places + 1;
	if (shift > 4 * EXP_LIMIT)
		return false;
	len = (int) ((int64_t) np + (shift < -4 * EXP_LIMIT ? -4 * EXP_LIMIT : shift));
	for (i = 0; i < len; i++)
	{
		/* digit i from the most significant end; zeros past the product */
		int			k = np - 1 - i;
		unsigned	d = k >= 0 ? prod[k] : 0;
		u128		qd;

		r = r * 10 + d;			/* r < uc < 10^36: fits */
		qd = r / uc;
		r -= qd * uc;
		q = q * 10 + qd;
		if (q >= limit)
			return false;
	}
	q = (q + 5) / 10;
	return make(negative, q, -places, out);
}

void
pt_score_truncate(const pt_decimal *d, int places, pt_decimal *out)
{
	int			k = -places - d->exp;

	*out = *d;
	if (k <= 0)
		return;
	if (k > 38)
	{
		out->coef = 0;
		out->exp = 0;
		return;
	}
	out->coef = d->coef / (pt_int128) pow10_u(k);	/* toward zero */
	out->exp = -places;
	pt_decimal_normalize(out);
}

static int
sign(const pt_decimal *d)
{
	return (d->coef > 0) - (d->coef < 0);
}

static int
cmp_int(const pt_decimal *d, int64_t v)
{
	pt_decimal	x = pt_score_int(v);

	return pt_decimal_cmp(d, &x);
}

/* ---------------------------------------------------------------- rules */

static void
rule_common(pt_score_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->point_direction = PT_DIRECTION_FLOOR;
	r->floor_shape = PT_SHAPE_PROPORTIONAL;
	r->ceiling_shape = PT_SHAPE_PROPORTIONAL;
	r->floor_zero_at = pt_score_int(0);
	r->ceiling_zero_at = pt_score_int(200);
	r->achieved_at = pt_score_int(80);
	r->partial_at = pt_score_int(60);
	r->grade_at[0] = pt_score_int(90);
	r->grade_at[1] = pt_score_int(80);
	r->grade_at[2] = pt_score_int(60);
}

void
pt_score_rule_standard(pt_score_rule *r)
{
	rule_common(r);
}

void
pt_score_rule_linear(pt_score_rule *r)
{
	rule_common(r);
	r->ceiling_shape = PT_SHAPE_LINEAR;
}

pt_score_status
pt_score_rule_check(const pt_score_rule *r, char *why, size_t cap)
{
	const char *bad = NULL;
	int			i;

	if (r->point_direction == PT_DIRECTION_RULE)
		bad = PT_N_("the point direction must be floor, ceiling or exact");
	else if (sign(&r->floor_zero_at) < 0 || cmp_int(&r->floor_zero_at, 100) >= 0)
		bad = PT_N_("floor_zero_at must be at least 0 and below 100 (percent of the floor)");
	else if (cmp_int(&r->ceiling_zero_at, 100) <= 0)
		bad = PT_N_("ceiling_zero_at must be above 100 (percent of the ceiling)");
	else if (r->has_missed_cap && (sign(&r->missed_cap) < 0 || cmp_int(&r->missed_cap, 100) > 0))
		bad = PT_N_("missed_cap must be between 0 and 100 (percent of the weight)");
	else if (r->has_tolerance && (sign(&r->tolerance) < 0 || cmp_int(&r->tolerance, 100) >= 0))
		bad = PT_N_("tolerance must be at least 0 and below 100 (percent)");
	else if (r->nsteps < 0 || r->nsteps > PT_SCORE_MAX_STEPS)
		bad = PT_N_("a rule has at most 16 steps");
	else if ((r->floor_shape == PT_SHAPE_STEPS || r->ceiling_shape == PT_SHAPE_STEPS) && r->nsteps == 0)
		bad = PT_N_("a stepwise rule needs at least one step");
	else if (sign(&r->partial_at) <= 0 || pt_decimal_cmp(&r->partial_at, &r->achieved_at) >= 0 ||
			 cmp_int(&r->achieved_at, 100) > 0)
		bad = PT_N_("qualitative bands must satisfy 0 < partial < achieved <= 100 (percent of the weight)");
	else if (sign(&r->grade_at[2]) <= 0 || pt_decimal_cmp(&r->grade_at[2], &r->grade_at[1]) >= 0 ||
			 pt_decimal_cmp(&r->grade_at[1], &r->grade_at[0]) >= 0 || cmp_int(&r->grade_at[0], 100) > 0)
		bad = PT_N_("grade bands must satisfy 0 < 中 < 良 < 优 <= 100");
	for (i = 0; bad == NULL && i < r->nsteps; i++)
	{
		if (sign(&r->step_points[i]) < 0 || (r->step_share && cmp_int(&r->step_points[i], 100) > 0))
			bad = PT_N_("step points must be at least 0 (and at most 100 when they are percent of the weight)");
		else if (i > 0 && pt_decimal_cmp(&r->step_at[i], &r->step_at[i - 1]) >= 0)
			bad = PT_N_("step thresholds must be strictly descending");
	}
	if (bad == NULL)
		return PT_SCORE_OK;
	if (cap > 0)
		snprintf(why, cap, "%s", PT_(bad));
	return PT_SCORE_BAD_RULE;
}

/* ---------------------------------------------------------------- grades */

int
pt_score_grade(const pt_decimal *total, const pt_score_rule *rule)
{
	int			g;

	for (g = 0; g < 3; g++)
		if (pt_decimal_cmp(total, &rule->grade_at[g]) >= 0)
			return g;
	return 3;
}

const char *
pt_score_grade_name(int grade)
{
	static const char *const names[] = {"优", "良", "中", "差"};

	return grade >= 0 && grade < 4 ? names[grade] : "";
}

/* ---------------------------------------------------------------- actuals */

bool
pt_score_actual_number(const pt_target *target, const pt_decimal *n, pt_target *out)
{
	const pt_unit *row;
	pt_decimal	v = *n;

	memset(out, 0, sizeof(*out));
	out->kind = PT_KIND_QUANTITY;
	out->op = PT_OP_EQ;
	out->unit_key = "";
	out->places[0] = out->places[1] = (uint8_t) pt_decimal_min_places(n);
	if (target->kind == PT_KIND_QUANTITY)
	{
		/* the number is in the target's written unit, scale word included */
		row = pt_unit_by_id(target->unit_id);
		out->unit_id = target->unit_id;
		out->scale = target->scale;
		out->unit_key = target->unit_key;
		out->unit_key_len = target->unit_key_len;
		if (!pt_decimal_scale(&v, 1, target->scale) ||
			(row != NULL && row->dimension != NULL && !pt_decimal_scale(&v, row->factor, row->exp10)))
			return false;
	}
	out->lower.value = out->upper.value = v;
	out->lower.inclusive = out->upper.inclusive = true;
	return true;
}

void
pt_score_actual_day(int32_t day, pt_target *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = PT_KIND_DATE;
	out->op = PT_OP_EQ;
	out->unit_key = "";
	out->lower.day = out->upper.day = day;
	out->lower.inclusive = out->upper.inclusive = true;
}

/* ---------------------------------------------------------------- reasons */

typedef struct text_buf
{
	char	   *buf;
	size_t		cap;
	size_t		len;
} text_buf;

static void
say(text_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(text_buf *b, const char *fmt, ...)
{
	va_list		ap;
	int			n;

	if (b->len + 1 >= b->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t) n >= b->cap - b->len)
	{
		/* cut at a character boundary, not inside a UTF-8 sequence */
		size_t		end = b->cap - 1;

		while (end > b->len && ((unsigned char) b->buf[end] & 0xC0) == 0x80)
			end--;
		b->buf[end] = '\0';
		b->len = b->cap;
	}
	else
		b->len += (size_t) n;
}

/* A short printable spelling of a value: its canonical text, cut after ~80 bytes. */
typedef struct spelled
{
	char		text[PT_DECIMAL_TEXT_MAX + 2 * PT_UNIT_MAX_BYTES + 96];
} spelled;

#define SPELL_MAX 80

static const char *
spell(const pt_target *t, spelled *s)
{
	size_t		n;
	const size_t cap = sizeof(s->text);

	if (t->kind == PT_KIND_LABEL && t->label_len > SPELL_MAX)
	{
		size_t		end = SPELL_MAX;

		while (end > 0 && ((unsigned char) t->label[end] & 0xC0) == 0x80)
			end--;
		memcpy(s->text, t->label, end);
		strcpy(s->text + end, "…");
		return s->text;
	}
	n = pt_format(t, s->text, cap);
	if (n >= cap)
		s->text[cap - 1] = '\0';
	return s->text;
}

/* Can a base-unit value be written exactly in the target's written unit? */
static bool
writable(const pt_target *t, const pt_decimal *base, pt_decimal *written)
{
	pt_target	tmp = *t;

	tmp.lower.value = *base;
	return t->kind == PT_KIND_QUANTITY && pt_written_magnitude(&tmp, false, written);
}

/*
 * A base-unit value as a number in the target's written unit, or in the base
 * unit when in_base (numbers of one formula are all written in one unit).
 */
static const char *
number(const pt_target *t, const pt_decimal *base, bool in_base, spelled *s)
{
	pt_decimal	m;

	if (in_base || !writable(t, base, &m))
		m = *base;
	pt_decimal_format(&m, 0, s->text);
	return s->text;
}

/* Are all these base-unit values writable in the target's unit? */
static bool
need_base(const pt_target *t, const pt_decimal *a, const pt_decimal *b, const pt_decimal *c)
{
	pt_decimal	m;

	return !writable(t, a, &m) || !writable(t, b, &m) || (c != NULL && !writable(t, c, &m));
}

/* " (in 月)" after a formula written in the base unit */
static const char *
base_note(const pt_target *t, bool in_base, spelled *s)
{
	if (!in_base || t->unit_key_len == 0)
		return "";
	snprintf(s->text, sizeof(s->text), " (in %.*s)", (int) t->unit_key_len, t->unit_key);
	return s->text;
}

/* A base-unit value with its unit: the written one when exact, else the base unit. */
static const char *
quantity(const pt_target *t, const pt_decimal *base, spelled *s)
{
	size_t		n;
	pt_decimal	m;

	if (writable(t, base, &m))
	{
		pt_decimal_format(&m, 0, s->text);
		n = strlen(s->text);
		pt_format_unit(t, s->text + n, sizeof(s->text) - n);
	}
	else
	{
		pt_decimal_format(base, 0, s->text);
		n = strlen(s->text);
		snprintf(s->text + n, sizeof(s->text) - n, "%.*s", (int) t->unit_key_len, t->unit_key);
	}
	return s->text;
}

static const char *
dec(const pt_decimal *d, spelled *s)
{
	pt_decimal_format(d, 0, s->text);
	return s->text;
}

static const char *
dec2(const pt_decimal *d, spelled *s)
{
	pt_decimal_format(d, PT_SCORE_PLACES, s->text);
	return s->text;
}

/* ---------------------------------------------------------------- evaluation */

static pt_score_status
fail(pt_evaluation *out, pt_score_status st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static pt_score_status
fail(pt_evaluation *out, pt_score_status st, const char *fmt, ...)
{
	va_list		ap;

	va_start(ap, fmt);
	/* the formats are marked PT_N_ where they are written (pt_i18n.h) */
	vsnprintf(out->message, sizeof(out->message), PT_(fmt), ap);
	va_end(ap);
	out->status = st;
	return st;
}

static pt_score_status
overflow(pt_evaluation *out)
{
	return fail(out, PT_SCORE_OVERFLOW,
				PT_N_("the target and the actual are too far apart to score exactly (more than 36 digits)"));
}

/* The whole weight, cut to the score's places so that a score never exceeds it. */
static void
full_weight(const pt_decimal *w, pt_decimal *out)
{
	pt_score_truncate(w, PT_SCORE_PLACES, out);
}

/* Clamps a computed score into [0, weight] and applies the rule's cap for misses. */
static bool
clamp_missed(pt_decimal *score, const pt_decimal *w, const pt_score_rule *r, text_buf *why)
{
	pt_decimal	top,
				cap;
	spelled		s1,
				s2;

	full_weight(w, &top);
	if (sign(score) < 0)
	{
		say(why, "; not below 0: 0.00");
		*score = pt_score_int(0);
	}
	if (pt_decimal_cmp(score, &top) > 0)
		*score = top;
	if (r->has_missed_cap)
	{
		if (!pt_score_mul(w, &r->missed_cap, &cap))
			return false;
		cap.exp -= 2;
		pt_score_truncate(&cap, PT_SCORE_PLACES, &cap);
		if (pt_decimal_cmp(score, &cap) > 0)
		{
			*score = cap;
			say(why, "; a miss scores at most %s%% of the weight: %s",
				dec(&r->missed_cap, &s1), dec2(score, &s2));
		}
	}
	return true;
}

/* Both sides of one missed bound, as the rule shapes it. */
typedef struct miss
{
	bool		ceiling;		/* the ceiling side (else the floor side) */
	pt_decimal	bound;			/* b, base unit */
	pt_decimal	value;			/* v, base unit */
} miss;

/* completion = num ÷ den (den > 0) for the side, or false when undefined */
static bool
ratio_of(const miss *m, pt_decimal *num, pt_decimal *den)
{
	if (!m->ceiling)
	{
		*num = m->value;
		*den = m->bound;
		return sign(&m->bound) > 0;
	}
	*num = m->bound;
	*den = m->value;
	return sign(&m->value) > 0 && sign(&m->bound) >= 0;
}

static bool
within_tolerance(const miss *m, const pt_score_rule *r, bool *within)
{
	pt_decimal	hundred = pt_score_int(100),
				lhs,
				rhs,
				slack,
				abs_b = m->bound;

	*within = false;
	if (!r->has_tolerance)
		return true;
	if (abs_b.coef < 0)
		abs_b.coef = -abs_b.coef;
	/* floor: 100 v ≥ 100 b - |b| T;  ceiling: 100 v ≤ 100 b + |b| T */
	if (!pt_score_mul(&m->value, &hundred, &lhs) || !pt_score_mul(&m->bound, &hundred, &rhs) ||
		!pt_score_mul(&abs_b, &r->tolerance, &slack))
		return false;
	if (!m->ceiling)
		slack.coef = -slack.coef;
	if (!pt_score_add(&rhs, &slack, &rhs))
		return false;
	*within = m->ceiling ? pt_decimal_cmp(&lhs, &rhs) <= 0 : pt_decimal_cmp(&lhs, &rhs) >= 0;
	return true;
}

/* The score of a miss under the rule's shape for that side; *score in [0, w]. */
static bool
score_miss(const pt_target *t, const miss *m, const pt_decimal *w, const pt_score_rule *r,
		   pt_decimal *score, text_buf *why)
{
	pt_shape	shape = m->ceiling ? r->ceiling_shape : r->floor_shape;
	pt_decimal	hundred = pt_score_int(100);
	spelled		s1,
				s2,
				s3,
				s4;

	*score = pt_score_int(0);
	if (shape == PT_SHAPE_ZERO)
	{
		say(why, "; the rule gives a miss 0: 0.00");
		return true;
	}
	if (shape == PT_SHAPE_STEPS)
	{
		pt_decimal	num,
					den,
					lhs,
					rhs;
		int			i;

		if (!ratio_of(m, &num, &den))
		{
			say(why, "; no completion rate to step on: 0.00");
			return true;
		}
		if (!pt_score_mul(&num, &hundred, &lhs))
			return false;
		for (i = 0; i < r->nsteps; i++)
		{
			if (!pt_score_mul(&r->step_at[i], &den, &rhs))
				return false;
			if (pt_decimal_cmp(&lhs, &rhs) >= 0)
				break;
		}
		if (i == r->nsteps)
		{
			say(why, "; completion below the lowest step (%s%%): 0.00", dec(&r->step_at[r->nsteps - 1], &s1));
			return true;
		}
		if (r->step_share)
		{
			if (!pt_score_muldiv(w, &r->step_points[i], &hundred, PT_SCORE_PLACES, score))
				return false;
			say(why, "; step completion ≥ %s%%: %s%% of %s = %s", dec(&r->step_at[i], &s1),
				dec(&r->step_points[i], &s2), dec(w, &s3), dec2(score, &s4));
		}
		else
		{
			if (!pt_score_muldiv(&r->step_points[i], &hundred, &hundred, PT_SCORE_PLACES, score))
				return false;
			say(why, "; step completion ≥ %s%%: %s", dec(&r->step_at[i], &s1), dec2(score, &s2));
		}
		return clamp_missed(score, w, r, why);
	}
	if (sign(&m->bound) <= 0)
	{
		say(why, "; a %s of %s missed scores 0: 0.00", m->ceiling ? "ceiling" : "floor",
			sign(&m->bound) == 0 ? "0" : "less than 0");
		return true;
	}
	if (shape == PT_SHAPE_PROPORTIONAL)
	{
		bool		in_base = need_base(t, &m->value, &m->bound, NULL);
		spelled		s5;

		if (!m->ceiling)
		{
			if (!pt_score_muldiv(&m->value, w, &m->bound, PT_SCORE_PLACES, score))
				return false;
			say(why, "; %s ÷ %s × %s = %s%s", number(t, &m->value, in_base, &s1),
				number(t, &m->bound, in_base, &s2), dec(w, &s3), dec2(score, &s4), base_note(t, in_base, &s5));
		}
		else
		{
			if (!pt_score_muldiv(&m->bound, w, &m->value, PT_SCORE_PLACES, score))
				return false;
			say(why, "; %s ÷ %s × %s = %s%s", number(t, &m->bound, in_base, &s1),
				number(t, &m->value, in_base, &s2), dec(w, &s3), dec2(score, &s4), base_note(t, in_base, &s5));
		}
		return clamp_missed(score, w, r, why);
	}
	/* LINEAR: from the whole weight at the bound to 0 at zero_at % of it */
	{
		pt_decimal	zero_at = m->ceiling ? r->ceiling_zero_at : r->floor_zero_at,
					zb,			/* the value where the score reaches 0 */
					num,
					den;

		if (!pt_score_mul(&m->bound, &zero_at, &zb))
			return false;
		zb.exp -= 2;
		pt_decimal_normalize(&zb);
		/* floor: w (v - zb) ÷ (b - zb);  ceiling: w (zb - v) ÷ (zb - b) */
		if (!m->ceiling)
		{
			if (!sub(&m->value, &zb, &num) || !sub(&m->bound, &zb, &den))
				return false;
		}
		else
		{
			if (!sub(&zb, &m->value, &num) || !sub(&zb, &m->bound, &den))
				return false;
		}
		if (sign(&num) <= 0)
		{
			say(why, "; linear, reaching 0 at %s%% of the %s (%s): 0.00", dec(&zero_at, &s1),
				m->ceiling ? "ceiling" : "floor", quantity(t, &zb, &s2));
			return true;
		}
		if (!pt_score_muldiv(w, &num, &den, PT_SCORE_PLACES, score))
			return false;
		{
			spelled		s5,
						s6,
						s7,
						s8;
			bool		in_base = need_base(t, &m->value, &m->bound, &zb);

			if (m->ceiling)
				say(why, "; linear to 0 at %s%% of the ceiling: %s × (%s - %s) ÷ (%s - %s) = %s%s",
					dec(&zero_at, &s1), dec(w, &s2), number(t, &zb, in_base, &s3),
					number(t, &m->value, in_base, &s4), number(t, &zb, in_base, &s5),
					number(t, &m->bound, in_base, &s6), dec2(score, &s7), base_note(t, in_base, &s8));
			else
				say(why, "; linear from 0 at %s%% of the floor: %s × (%s - %s) ÷ (%s - %s) = %s%s",
					dec(&zero_at, &s1), dec(w, &s2), number(t, &m->value, in_base, &s3),
					number(t, &zb, in_base, &s4), number(t, &m->bound, in_base, &s5),
					number(t, &zb, in_base, &s6), dec2(score, &s7), base_note(t, in_base, &s8));
		}
		return clamp_missed(score, w, r, why);
	}
}

/* The one value of a point actual, or false when the actual is a set. */
static bool
point_value(const pt_target *a, pt_decimal *v)
{
	if (a->lower.infinite || a->upper.infinite || !a->lower.inclusive || !a->upper.inclusive ||
		pt_decimal_cmp(&a->lower.value, &a->upper.value) != 0)
		return false;
	*v = a->lower.value;
	return true;
}

static const char *
direction_word(pt_direction d)
{
	return d == PT_DIRECTION_CEILING ? "a ceiling" : d == PT_DIRECTION_EXACT ? "an exact value" : "a floor";
}

static pt_score_status
evaluate_quantity(const pt_target *t, const pt_target *a, const pt_decimal *w,
				  const pt_score_rule *r, pt_direction dir, pt_evaluation *out, text_buf *why)
{
	pt_target	vt = *t;		/* the target as the rule reads it */
	bool		point = (t->op == PT_OP_EQ);
	bool		two_sided;
	miss		m = {false, {0, 0}, {0, 0}};
	pt_decimal	v,
				hundred = pt_score_int(100);
	spelled		s1,
				s2,
				s3;

	if (point)
	{
		/*
		 * As a floor, a point target of 0 (`0起` accidents) would be met by
		 * every count: unless told otherwise it reads as a ceiling of 0.
		 */
		if (dir == PT_DIRECTION_RULE)
			dir = (r->point_direction == PT_DIRECTION_FLOOR && sign(&t->lower.value) == 0) ?
				PT_DIRECTION_CEILING : r->point_direction;
		if (dir == PT_DIRECTION_FLOOR)
		{
			vt.op = PT_OP_GE;
			vt.upper.infinite = true;
			vt.upper.inclusive = false;
		}
		else if (dir == PT_DIRECTION_CEILING)
		{
			vt.op = PT_OP_LE;
			vt.lower.infinite = true;
			vt.lower.inclusive = false;
		}
	}
	two_sided = !vt.lower.infinite && !vt.upper.infinite;

	out->met = pt_contains(t, a);
	out->achieved = pt_contains(&vt, a);

	/* the value that decides: a floor looks at the actual's lowest value, a ceiling at its highest */
	if (!two_sided)
	{
		const pt_bound *ab = vt.upper.infinite ? &a->lower : &a->upper;

		if (ab->infinite)
			return fail(out, PT_SCORE_UNBOUNDED, PT_N_("the actual %s has no %s value to score against the %s %s"),
						spell(a, &s1), vt.upper.infinite ? PT_("lowest") : PT_("highest"),
						vt.upper.infinite ? PT_("floor") : PT_("ceiling"), spell(t, &s2));
		m.ceiling = vt.lower.infinite;
		m.bound = m.ceiling ? vt.upper.value : vt.lower.value;
		m.value = ab->value;
	}
	else if (point_value(a, &v))
	{
		if (!out->achieved)
		{
			/* below the lower bound or above the upper one: the nearer bound decides */
			m.ceiling = !(pt_decimal_cmp(&v, &vt.lower.value) < 0 ||
						  (pt_decimal_cmp(&v, &vt.lower.value) == 0 && !vt.lower.inclusive));
			m.bound = m.ceiling ? vt.upper.value : vt.lower.value;
			m.value = v;
			}
	}
	else if (!out->achieved)
		return fail(out, PT_SCORE_UNBOUNDED, PT_N_("the actual %s is a range: a %s target %s needs one actual value"),
					spell(a, &s1), point ? PT_("point") : PT_("range"), spell(t, &s2));

	/* completion */
	if (two_sided && out->achieved)
	{
		out->has_completion = true;
		out->completion = pt_score_int(100);
	}
	else
	{
		pt_decimal	num,
					den;

		out->has_completion = true;
		if (ratio_of(&m, &num, &den))
		{
			if (!pt_score_muldiv(&num, &hundred, &den, PT_SCORE_PLACES, &out->completion))
				return overflow(out);
		}
		else
			out->completion = pt_score_int(out->achieved ? 100 : 0);
	}

	/* the reason's first part: what happened */
	if (out->achieved && out->met)
		say(why, "met: %s satisfies %s", spell(a, &s1), spell(t, &s2));
	else if (out->achieved)
		say(why, "met as %s: %s satisfies %s (the point target %s read as %s)",
			direction_word(dir), spell(a, &s1), spell(&vt, &s2), spell(t, &s3), direction_word(dir));
	else
	{
		say(why, "missed: %s is %s %s", spell(a, &s1),
			m.ceiling ? "above the ceiling of" : "below the floor of", spell(t, &s2));
		if (point)
			say(why, " (a point target, read as %s)", direction_word(dir));
	}
	if (out->has_completion)
		say(why, ", completion %s%%", dec2(&out->completion, &s1));

	/* score */
	out->has_score = (w != NULL);
	if (w == NULL)
		return PT_SCORE_OK;
	if (out->achieved)
	{
		full_weight(w, &out->score);
		say(why, "; whole weight %s", dec2(&out->score, &s1));
	}
	else
	{
		bool		within;

		if (!within_tolerance(&m, r, &within))
			return overflow(out);
		if (within)
		{
			full_weight(w, &out->score);
			say(why, "; within the ±%s%% tolerance of %s: whole weight %s", dec(&r->tolerance, &s1),
				quantity(t, &m.bound, &s2), dec2(&out->score, &s3));
		}
		else if (!score_miss(t, &m, w, r, &out->score, why))
			return overflow(out);
	}
	out->band_low = out->score;
	return PT_SCORE_OK;
}

static pt_score_status
evaluate_date(const pt_target *t, const pt_target *a, const pt_decimal *w,
			  pt_evaluation *out, text_buf *why)
{
	spelled		s1,
				s2,
				s3;

	out->met = out->achieved = pt_contains(t, a);
	if (out->met)
		say(why, "met: %s is within %s", spell(a, &s1), spell(t, &s2));
	else if (a->lower.day == a->upper.day && !t->upper.infinite && a->lower.day > t->upper.day)
	{
		pt_target	deadline;

		pt_score_actual_day(t->upper.day, &deadline);
		say(why, "missed: %s is %d day%s after %s", spell(a, &s1), (int) (a->lower.day - t->upper.day),
			a->lower.day - t->upper.day == 1 ? "" : "s", spell(&deadline, &s2));
	}
	else if (a->lower.day == a->upper.day && !t->lower.infinite && a->upper.day < t->lower.day)
	{
		pt_target	start;

		pt_score_actual_day(t->lower.day, &start);
		say(why, "missed: %s is %d day%s before %s", spell(a, &s1), (int) (t->lower.day - a->upper.day),
			t->lower.day - a->upper.day == 1 ? "" : "s", spell(&start, &s2));
	}
	else
		say(why, "missed: %s is not within %s", spell(a, &s1), spell(t, &s2));
	out->has_score = (w != NULL);
	if (w == NULL)
		return PT_SCORE_OK;
	if (out->met)
	{
		full_weight(w, &out->score);
		say(why, "; whole weight %s", dec2(&out->score, &s3));
	}
	else
	{
		out->score = pt_score_int(0);
		say(why, "; a missed date scores 0: 0.00");
	}
	out->band_low = out->score;
	return PT_SCORE_OK;
}

/* ---------------------------------------------------------------- qualitative */

typedef enum grade_class
{
	GRADE_NONE = 0,
	GRADE_ACHIEVED,				/* 达成年度指标 */
	GRADE_PARTIAL,				/* 部分达成年度指标并具有一定效果 */
	GRADE_NOT,					/* 未达成年度指标且效果较差 */
	GRADE_EXCELLENT,			/* 优 */
	GRADE_GOOD,					/* 良 */
	GRADE_FAIR,					/* 中 */
	GRADE_POOR,					/* 差 */
	GRADE_NOT_APPLICABLE		/* 不适用 */
} grade_class;

static bool
starts(const char *s, size_t n, const char *prefix)
{
	size_t		p = strlen(prefix);

	return n >= p && memcmp(s, prefix, p) == 0;
}

static bool
is(const char *s, size_t n, const char *word)
{
	return n == strlen(word) && memcmp(s, word, n) == 0;
}

/* What a label actual says, as 10号's three bands or the 优/良/中/差 scale. */
static grade_class
classify(const char *s, size_t n)
{
	static const char *const not_achieved[] = {"未达成", "未完成", "未实现", "未达到", "没有达成", NULL};
	static const char *const partial[] = {"部分达成", "部分完成", "部分实现", "基本达成", "基本完成",
	"基本实现", NULL};
	static const char *const achieved[] = {"达成", "全部达成", "全面达成", "已达成", "已全部达成", NULL};
	static const char *const achieved_words[] = {"完成", "已完成", "全部完成", "全面完成", "实现",
	"已实现", "达到", "已达到", NULL};
	int			i;

	if (is(s, n, "不适用") || is(s, n, "不涉及"))
		return GRADE_NOT_APPLICABLE;
	for (i = 0; not_achieved[i]; i++)
		if (starts(s, n, not_achieved[i]))
			return GRADE_NOT;
	for (i = 0; partial[i]; i++)
		if (starts(s, n, partial[i]))
			return GRADE_PARTIAL;
	for (i = 0; achieved[i]; i++)
		if (starts(s, n, achieved[i]))
			return GRADE_ACHIEVED;
	for (i = 0; achieved_words[i]; i++)
		if (is(s, n, achieved_words[i]))
			return GRADE_ACHIEVED;
	if (is(s, n, "优") || is(s, n, "优秀"))
		return GRADE_EXCELLENT;
	if (is(s, n, "良") || is(s, n, "良好"))
		return GRADE_GOOD;
	if (is(s, n, "中") || is(s, n, "中等") || is(s, n, "一般"))
		return GRADE_FAIR;
	if (is(s, n, "差") || is(s, n, "较差"))
		return GRADE_POOR;
	return GRADE_NONE;
}

static pt_score_status
evaluate_label(const pt_target *t, const pt_target *a, const pt_decimal *w,
			   const pt_score_rule *r, pt_evaluation *out, text_buf *why)
{
	grade_class g = classify(a->label, a->label_len);
	pt_decimal	lo,
				hi,
				hundred = pt_score_int(100),
				zero = pt_score_int(0);
	const char *band;
	spelled		s1,
				s2,
				s3,
				s4,
				s5;

	if (pt_equal(t, a) && g != GRADE_NOT && g != GRADE_PARTIAL && g != GRADE_POOR && g != GRADE_FAIR)
		g = GRADE_ACHIEVED;		/* the target's own words: achieved as written */
	switch (g)
	{
		case GRADE_ACHIEVED:
			lo = r->achieved_at, hi = hundred, band = "达成 (achieved)";
			break;
		case GRADE_PARTIAL:
			lo = r->partial_at, hi = r->achieved_at, band = "部分达成 (partly achieved)";
			break;
		case GRADE_NOT:
			lo = zero, hi = r->partial_at, band = "未达成 (not achieved)";
			break;
		case GRADE_EXCELLENT:
			lo = r->grade_at[0], hi = hundred, band = "优";
			break;
		case GRADE_GOOD:
			lo = r->grade_at[1], hi = r->grade_at[0], band = "良";
			break;
		case GRADE_FAIR:
			lo = r->grade_at[2], hi = r->grade_at[1], band = "中";
			break;
		case GRADE_POOR:
			lo = zero, hi = r->grade_at[2], band = "差";
			break;
		default:
			return fail(out, PT_SCORE_NOT_GRADE,
						PT_N_("the actual %s of the qualitative target %s is not a grade"), spell(a, &s1), spell(t, &s2));
	}
	out->met = out->achieved = pt_decimal_cmp(&lo, &r->achieved_at) >= 0;
	out->band_high_inclusive = (cmp_int(&hi, 100) == 0);
	say(why, "qualitative: %s is %s, band %s%%-%s%% of the weight", spell(a, &s1), band, dec(&lo, &s2),
		dec(&hi, &s3));
	out->has_score = (w != NULL);
	if (w == NULL)
		return PT_SCORE_OK;
	if (!pt_score_muldiv(w, &hi, &hundred, PT_SCORE_PLACES, &out->score) ||
		!pt_score_muldiv(w, &lo, &hundred, PT_SCORE_PLACES, &out->band_low))
		return overflow(out);
	full_weight(w, &hi);
	if (pt_decimal_cmp(&out->score, &hi) > 0)
		out->score = hi;
	if (pt_decimal_cmp(&out->band_low, &out->score) > 0)
		out->band_low = out->score;
	say(why, " (%s-%s); the evaluator judges within the band, the top is %s", dec2(&out->band_low, &s4),
		dec2(&out->score, &s5), dec2(&out->score, &s1));
	return PT_SCORE_OK;
}

/* ---------------------------------------------------------------- entry point */

static bool
same_dimension(const pt_target *a, const pt_target *b)
{
	return a->kind == b->kind &&
		(a->kind != PT_KIND_QUANTITY ||
		 (a->unit_key_len == b->unit_key_len && memcmp(a->unit_key, b->unit_key, a->unit_key_len) == 0));
}

pt_score_status
pt_evaluate(const pt_target *target, const pt_target *actual, const pt_decimal *weight,
			const pt_score_rule *rule, pt_direction direction, pt_evaluation *out)
{
	text_buf	why;
	pt_score_status st;
	spelled		s1,
				s2,
				s3,
				s4;

	memset(out, 0, sizeof(*out));
	out->band_high_inclusive = true;
	why.buf = out->reason;
	why.cap = sizeof(out->reason);
	why.len = 0;

	if (weight != NULL && weight->coef < 0)
		return fail(out, PT_SCORE_BAD_WEIGHT, PT_N_("a weight cannot be negative (%s)"), dec(weight, &s1));
	if (pt_score_rule_check(rule, out->message, sizeof(out->message)) != PT_SCORE_OK)
		return out->status = PT_SCORE_BAD_RULE;
	if (actual->kind == PT_KIND_LABEL && classify(actual->label, actual->label_len) == GRADE_NOT_APPLICABLE)
	{
		out->not_applicable = true;
		say(&why, "does not apply (%s): left out of the total, the other weights rescaled", spell(actual, &s1));
		return PT_SCORE_OK;
	}
	if (target->kind == PT_KIND_LABEL)
	{
		if (actual->kind != PT_KIND_LABEL)
		{
			pt_format_dimension(actual, s3.text, sizeof(s3.text));
			return fail(out, PT_SCORE_MISMATCH,
						PT_N_("the actual %s (%s) cannot be compared with the qualitative target %s: give a grade "
						"such as 达成年度指标, 部分达成年度指标, 未达成年度指标 or 优/良/中/差"),
						spell(actual, &s1), s3.text, spell(target, &s2));
		}
		st = evaluate_label(target, actual, weight, rule, out, &why);
	}
	else if (!same_dimension(target, actual))
	{
		pt_format_dimension(actual, s3.text, sizeof(s3.text));
		pt_format_dimension(target, s4.text, sizeof(s4.text));
		return fail(out, PT_SCORE_MISMATCH, PT_N_("the actual %s (%s) cannot be compared with the target %s (%s)"),
					spell(actual, &s1), s3.text, spell(target, &s2), s4.text);
	}
	else if (target->kind == PT_KIND_DATE)
		st = evaluate_date(target, actual, weight, out, &why);
	else
		st = evaluate_quantity(target, actual, weight, rule, direction, out, &why);
	return st;
}
