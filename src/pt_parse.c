/*
 * pt_parse.c — the one grammar of target text.
 *
 * Input is folded first (pt_fold), then read as a date, then as a quantity;
 * whatever is neither becomes a label or an error:
 *
 *   target   := '"' label '"' | date | quantity | label
 *   quantity := [约] [op] number [scale] [unit] [suffix] [左右]
 *             | [约] number [scale] [unit] sep number [scale] [unit] [左右]
 *   date     := [op | 截至 …] day-or-period [之前 | 前 | 以后 …]
 *             | day-or-period sep day-or-period
 *   unit     := (catalog unit | measure word) ('/' (catalog unit | measure word))*
 *
 * Text that is not a complete target is a label when it has no digit, does
 * not start like a target, or is a complete target followed by prose.
 * Otherwise it is an error: something that looks like a target but is not.
 */
#include "ptarget_core.h"

#include <stdio.h>
#include <string.h>

#include "pt_date.h"
#include "pt_fold.h"

/* ---------------------------------------------------------------- words */

typedef struct op_word
{
	const char *text;
	size_t		len;			/* strlen(text), computed at compile time */
	pt_op		op;
} op_word;

#define W(text, op) {text, sizeof(text) - 1, op}

/* Comparison signs (after folding ≧ ≦ ═ and full-width forms). */
static const op_word op_signs[] = {
	W(">=", PT_OP_GE), W("=>", PT_OP_GE), W("≥", PT_OP_GE),
	W("<=", PT_OP_LE), W("=<", PT_OP_LE), W("≤", PT_OP_LE),
	W("==", PT_OP_EQ), W("=", PT_OP_EQ),
	W(">", PT_OP_GT), W("<", PT_OP_LT),
};

/* Words before the number.  Chinese legal usage decides inclusiveness. */
static const op_word op_prefix_words[] = {
	W("不低于", PT_OP_GE), W("不少于", PT_OP_GE), W("不小于", PT_OP_GE),
	W("不得低于", PT_OP_GE), W("不得少于", PT_OP_GE), W("至少", PT_OP_GE),
	W("大于等于", PT_OP_GE), W("大于或等于", PT_OP_GE), W("高于或等于", PT_OP_GE),
	W("达到", PT_OP_GE),
	W("不超过", PT_OP_LE), W("不高于", PT_OP_LE), W("不大于", PT_OP_LE),
	W("不多于", PT_OP_LE), W("不得超过", PT_OP_LE), W("不得高于", PT_OP_LE),
	W("至多", PT_OP_LE), W("最多", PT_OP_LE), W("小于等于", PT_OP_LE),
	W("小于或等于", PT_OP_LE), W("低于或等于", PT_OP_LE),
	W("大于", PT_OP_GT), W("高于", PT_OP_GT), W("超过", PT_OP_GT), W("多于", PT_OP_GT),
	W("小于", PT_OP_LT), W("低于", PT_OP_LT), W("少于", PT_OP_LT),
	W("不足", PT_OP_LT), W("不满", PT_OP_LT), W("未满", PT_OP_LT), W("不到", PT_OP_LT),
	W("等于", PT_OP_EQ),
};

/* Words after a quantity: 以上/以下/以内 include the number, 以外 excludes it. */
static const op_word op_suffix_words[] = {
	W("及以上", PT_OP_GE), W("或以上", PT_OP_GE), W("以上", PT_OP_GE),
	W("及其以下", PT_OP_LE), W("及以下", PT_OP_LE), W("或以下", PT_OP_LE),
	W("以下", PT_OP_LE), W("以内", PT_OP_LE), W("之内", PT_OP_LE), W("内", PT_OP_LE),
	W("以外", PT_OP_GT),
};

/* Words before a date. */
static const op_word date_prefix_words[] = {
	W("截至", PT_OP_LE), W("截止", PT_OP_LE), W("截止到", PT_OP_LE),
	W("不晚于", PT_OP_LE), W("不迟于", PT_OP_LE), W("最迟", PT_OP_LE),
	W("不早于", PT_OP_GE),
};

/* Words after a date: deadlines include the day, like 以前/以后 in law. */
static const op_word date_suffix_words[] = {
	W("之前", PT_OP_LE), W("以前", PT_OP_LE), W("前", PT_OP_LE),
	W("为止", PT_OP_LE), W("止", PT_OP_LE),
	W("之后", PT_OP_GE), W("以后", PT_OP_GE), W("后", PT_OP_GE), W("起", PT_OP_GE),
};

/* Plain words (the op field is unused). */
static const op_word approx_prefixes[] = {W("大约", PT_OP_NONE), W("约为", PT_OP_NONE), W("约", PT_OP_NONE)};
static const char *const approx_suffix = "左右";
/* Range separators after folding (— ～ 〜 fold to ~). */
static const op_word range_separators[] = {W("--", PT_OP_NONE), W("~", PT_OP_NONE), W("-", PT_OP_NONE),
W("至", PT_OP_NONE), W("到", PT_OP_NONE)};

#define LENGTHOF(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- cursor */

typedef struct cursor
{
	const char *s;				/* folded text */
	size_t		len;
	size_t		pos;
} cursor;

static void
skip_spaces(cursor *c)
{
	while (c->pos < c->len && c->s[c->pos] == ' ')
		c->pos++;
}

static bool
at_end(cursor *c)
{
	skip_spaces(c);
	return c->pos >= c->len;
}

static bool
looking_at_n(const cursor *c, const char *word, size_t n)
{
	return c->len - c->pos >= n && c->s[c->pos] == word[0] && memcmp(c->s + c->pos, word, n) == 0;
}

static bool
looking_at(const cursor *c, const char *word)
{
	return looking_at_n(c, word, strlen(word));
}

static bool
accept(cursor *c, const char *word)
{
	skip_spaces(c);
	if (!looking_at(c, word))
		return false;
	c->pos += strlen(word);
	return true;
}

/* No word of the grammar's tables starts with an ASCII digit or letter. */
static bool
cannot_start_word(const cursor *c)
{
	unsigned char b = (unsigned char) c->s[c->pos];

	return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

/* Longest word of the table at the cursor; moves past it. */
static bool
accept_op_word(cursor *c, const op_word *table, size_t n, pt_op *op)
{
	size_t		best = 0,
				i;

	skip_spaces(c);
	if (c->pos >= c->len || cannot_start_word(c))
		return false;
	for (i = 0; i < n; i++)
		if (table[i].len > best && looking_at_n(c, table[i].text, table[i].len))
		{
			best = table[i].len;
			*op = table[i].op;
		}
	c->pos += best;
	return best > 0;
}

/* The first (in table order) word of the table at the cursor. */
static bool
accept_any(cursor *c, const op_word *words, size_t n)
{
	size_t		i;

	skip_spaces(c);
	if (c->pos >= c->len || cannot_start_word(c))
		return false;
	for (i = 0; i < n; i++)
		if (looking_at_n(c, words[i].text, words[i].len))
		{
			c->pos += words[i].len;
			return true;
		}
	return false;
}

static bool
is_digit_at(const cursor *c, size_t pos)
{
	return pos < c->len && c->s[pos] >= '0' && c->s[pos] <= '9';
}

/* The code point at pos, with its byte length (0 at the end). */
static size_t
char_at(const cursor *c, size_t pos, unsigned *cp)
{
	if (pos >= c->len)
		return 0;
	return pt_utf8_char_len(c->s + pos, c->len - pos, cp);
}

/* ---------------------------------------------------------------- errors */

static pt_status
fail(pt_error *err, pt_status status, const char *message, const char *hint)
{
	err->status = status;
	snprintf(err->message, sizeof(err->message), "%s", message);
	snprintf(err->hint, sizeof(err->hint), "%s", hint);
	return status;
}

static const char *const HINT_FORMS =
"Write a target such as ≥95%, ≤50万元, <5次, 5~10个, 2025年9月30日之前, "
"or a label without digits such as 普遍满意; quote a label that contains "
"digits (\"完成2个\").";

/* ---------------------------------------------------------------- units */

/* Unit text parsed at the cursor: the written unit and its dimension key. */
typedef struct unit_parse
{
	uint8_t		unit_id;		/* catalog id, PT_UNIT_NONE or PT_UNIT_WORD */
	const pt_unit *row;			/* catalog row of a dimensioned unit */
	char		key[PT_UNIT_MAX_BYTES + 1];	/* base spelling + /denominators */
	size_t		key_len;
	size_t		start,
				end;			/* written text span in the cursor */
} unit_parse;

static bool
at_stop_word(const cursor *c)
{
	cursor		probe = *c;
	pt_op		op;

	return accept_op_word(&probe, op_suffix_words, LENGTHOF(op_suffix_words), &op) ||
		looking_at(c, approx_suffix) || looking_at(c, "至") || looking_at(c, "到");
}

/*
 * One unit name at the cursor: a catalog spelling, or a measure word (a run
 * of ideographs or Latin letters of at most PT_WORD_MAX_CHARS characters).
 * Longer runs are prose, not units, and nothing is consumed.
 */
static bool
scan_unit_name(cursor *c, const pt_unit **row, size_t *start, size_t *end)
{
	size_t		consumed;
	size_t		pos;
	int			chars = 0;
	unsigned	cp;

	skip_spaces(c);
	*start = c->pos;
	*row = pt_unit_match(c->s + c->pos, c->len - c->pos, &consumed);
	if (*row != NULL)
	{
		c->pos += consumed;
		*end = c->pos;
		return true;
	}
	/* 千瓦 is 千 + 瓦: a word never starts with a scale word (it would print ambiguously) */
	{
		int			exp10;
		size_t		scale_len;

		if (pt_scale_match(c->s + c->pos, c->len - c->pos, &exp10, &scale_len))
			return false;
	}
	pos = c->pos;
	for (;;)
	{
		cursor		here = {c->s, c->len, pos};
		size_t		clen = char_at(c, pos, &cp);
		bool		letter = (cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));

		if (clen == 0 || !(letter || pt_is_ideograph(cp)) || at_stop_word(&here))
			break;
		pos += clen;
		chars++;
	}
	if (chars == 0 || chars > PT_WORD_MAX_CHARS)
		return false;
	c->pos = pos;
	*end = pos;
	*row = NULL;
	return true;
}

static bool
key_append(unit_parse *u, const char *text, size_t n)
{
	if (u->key_len + n > PT_UNIT_MAX_BYTES)
		return false;
	memcpy(u->key + u->key_len, text, n);
	u->key_len += n;
	u->key[u->key_len] = '\0';
	return true;
}

/*
 * A unit with optional /denominators.  Returns false when there is no unit
 * (the cursor is unchanged); *too_long is set when the unit text exceeds
 * PT_UNIT_MAX_BYTES.
 */
static bool
scan_unit(cursor *c, unit_parse *u, bool *too_long)
{
	const pt_unit *row;
	size_t		start,
				end;
	cursor		save = *c;

	*too_long = false;
	memset(u, 0, sizeof(*u));
	if (!scan_unit_name(c, &row, &start, &end))
		return false;
	u->start = start;
	if (row != NULL && row->dimension != NULL)
	{
		u->row = row;
		u->unit_id = row->id;
		key_append(u, row->base, strlen(row->base));
	}
	else
	{
		u->unit_id = PT_UNIT_WORD;
		if (!key_append(u, c->s + start, end - start))
			*too_long = true;
	}
	/* compound units: 元/人/月, 次/年 — each denominator is kept as written */
	for (;;)
	{
		cursor		probe = *c;

		if (!accept(&probe, "/") || !scan_unit_name(&probe, &row, &start, &end))
			break;
		if (!key_append(u, "/", 1) || !key_append(u, probe.s + start, end - start))
			*too_long = true;
		*c = probe;
	}
	u->end = c->pos;
	if (*too_long)
	{
		*c = save;
		return false;
	}
	return true;
}

/* ---------------------------------------------------------------- numbers */

typedef struct number_parse
{
	pt_decimal	value;			/* as written, scale word applied */
	int			places;
	int			scale;			/* scale word exponent */
	bool		has_unit;
	unit_parse	unit;
	size_t		glued_start,	/* a spaced unit dropped because, joined to */
				glued_end;		/* the scale word, it would read otherwise */
} number_parse;

typedef enum non_finite
{
	FINITE,
	NOT_A_NUMBER,
	INFINITE
} non_finite;

/* NaN, Infinity, inf or ∞ (optionally signed) as a whole word at the cursor. */
static non_finite
at_non_finite(const cursor *c)
{
	static const char *const words[] = {"infinity", "inf", "nan"};
	size_t		pos = c->pos;
	size_t		i,
				j;

	while (pos < c->len && c->s[pos] == ' ')
		pos++;
	if (pos < c->len && (c->s[pos] == '+' || c->s[pos] == '-'))
		pos++;
	if (c->len - pos >= strlen("∞") && memcmp(c->s + pos, "∞", strlen("∞")) == 0)
		return INFINITE;
	for (i = 0; i < LENGTHOF(words); i++)
	{
		size_t		n = strlen(words[i]);

		if (c->len - pos < n)
			continue;
		for (j = 0; j < n; j++)
			if ((c->s[pos + j] | 0x20) != words[i][j])
				break;
		if (j < n)
			continue;
		if (pos + n < c->len && ((c->s[pos + n] | 0x20) >= 'a' && (c->s[pos + n] | 0x20) <= 'z'))
			continue;			/* a longer word, such as "information" */
		return words[i][0] == 'n' ? NOT_A_NUMBER : INFINITE;
	}
	return FINITE;
}

/* NaN and infinities are never magnitudes; say so instead of "bad syntax". */
static pt_status
reject_non_finite(cursor *c, pt_error *err)
{
	switch (at_non_finite(c))
	{
		case NOT_A_NUMBER:
			return fail(err, PT_ERR_SYNTAX, "NaN is not a magnitude.",
						"A target's magnitude must be a finite decimal number.");
		case INFINITE:
			return fail(err, PT_ERR_RANGE, "An infinite magnitude is out of range.",
						"Leave the bound open instead: ≥5 already means [5, +∞).");
		default:
			return PT_OK;
	}
}

/*
 * Written without the space, would the scale word and the unit read as
 * something else (a catalog unit such as 千瓦时, or a longer scale word such
 * as 万亿)?  Output joins them, so such a spelling cannot be kept.
 */
static bool
glued_reads_otherwise(const cursor *c, const number_parse *n)
{
	char		joined[PT_UNIT_MAX_BYTES + 16];
	const char *scale = pt_scale_spelling(n->scale);
	size_t		scale_len = strlen(scale),
				unit_len = n->unit.end - n->unit.start,
				consumed;
	int			exp10;

	if (scale_len + unit_len > sizeof(joined))
		return true;
	memcpy(joined, scale, scale_len);
	memcpy(joined + scale_len, c->s + n->unit.start, unit_len);
	if (pt_unit_match(joined, scale_len + unit_len, &consumed) != NULL)
		return true;
	return pt_scale_match(joined, scale_len + unit_len, &exp10, &consumed) &&
		(consumed != scale_len || exp10 != n->scale);
}

/*
 * [scale word] [unit] at the cursor, into n->scale and n->unit: the one rule
 * for numbers in text and for unit arguments (ptarget(), ptarget_convert()).
 */
static void
scan_scaled_unit(cursor *c, number_parse *n, bool *too_long)
{
	size_t		scale_len,
				unit_len;
	cursor		before_unit;

	/* a catalog unit may start like a scale word (千米, 千瓦时): try it first */
	skip_spaces(c);
	if (pt_unit_match(c->s + c->pos, c->len - c->pos, &unit_len) == NULL &&
		pt_scale_match(c->s + c->pos, c->len - c->pos, &n->scale, &scale_len))
		c->pos += scale_len;
	before_unit = *c;
	n->has_unit = scan_unit(c, &n->unit, too_long);
	/* "2千 瓦时" would print as 2千瓦时 (kWh): such a unit is no unit here */
	if (n->has_unit && n->scale != 0 && before_unit.pos < before_unit.len &&
		before_unit.s[before_unit.pos] == ' ' && glued_reads_otherwise(c, n))
	{
		*c = before_unit;
		n->has_unit = false;
		n->glued_start = n->unit.start;
		n->glued_end = n->unit.end;
		memset(&n->unit, 0, sizeof(n->unit));
	}
}

static const char *const HINT_DIGITS =
"ptarget keeps up to 28 significant digits (zeros ending a whole number do not count: "
"10000 has one), at most 60 digits before the decimal point and 60 after it.";

/* A written magnitude beyond what ptarget keeps: say which limit it passes. */
static pt_status
magnitude_out_of_range(pt_decimal_status ds, pt_error *err)
{
	return fail(err, PT_ERR_RANGE,
				ds == PT_DECIMAL_TOO_PRECISE ? "The magnitude has more than 28 significant digits." :
				ds == PT_DECIMAL_TOO_LARGE ? "The magnitude has more than 60 digits before the decimal point." :
				"The magnitude has more than 60 decimal places.",
				HINT_DIGITS);
}

/*
 * number [scale] [unit].  Returns PT_OK and fills *n, or PT_ERR_* with err
 * filled, or PT_ERR_SYNTAX with err->status == PT_OK meaning "no number".
 */
static pt_status
scan_number(cursor *c, number_parse *n, pt_error *err)
{
	size_t		consumed = 0;
	pt_decimal_status ds;
	bool		too_long;
	pt_status	st;

	memset(n, 0, sizeof(*n));
	skip_spaces(c);
	/* NaN and ∞ are only worth a look where no digit follows */
	if (!is_digit_at(c, c->pos) && !is_digit_at(c, c->pos + 1) &&
		(st = reject_non_finite(c, err)) != PT_OK)
		return st;
	ds = pt_decimal_scan(c->s + c->pos, c->len - c->pos, &n->value, &n->places, &consumed);
	if (ds == PT_DECIMAL_NONE)
	{
		err->status = PT_OK;
		return PT_ERR_SYNTAX;
	}
	if (ds != PT_DECIMAL_OK)
		return magnitude_out_of_range(ds, err);
	c->pos += consumed;

	scan_scaled_unit(c, n, &too_long);
	if (too_long)
		return fail(err, PT_ERR_SYNTAX, "The unit is too long.",
					"A unit, with its /denominators, is at most 64 bytes.");
	return PT_OK;
}

/* Bytes of the unit as written, e.g. "万元/人/月" minus the scale word. */
static bool
same_written_unit(const cursor *c, const number_parse *a, const number_parse *b)
{
	size_t		la = a->unit.end - a->unit.start;
	size_t		lb = b->unit.end - b->unit.start;

	return a->scale == b->scale && a->has_unit == b->has_unit && la == lb &&
		a->unit.unit_id == b->unit.unit_id &&
		memcmp(c->s + a->unit.start, c->s + b->unit.start, la) == 0;
}

/* Magnitude as written -> bound in the base unit. */
static bool
to_base(const number_parse *n, pt_decimal *out)
{
	*out = n->value;
	if (!pt_decimal_scale(out, 1, n->scale))
		return false;
	if (n->unit.row != NULL)
		return pt_decimal_scale(out, n->unit.row->factor, n->unit.row->exp10);
	return true;
}

/* ---------------------------------------------------------------- quantity */

typedef enum scan_outcome
{
	SCAN_NONE,					/* does not start like this kind of target */
	SCAN_PARTIAL,				/* a complete target followed by more text */
	SCAN_FULL,					/* the whole text is this target */
	SCAN_ERROR					/* looks like one but is wrong: err is filled */
} scan_outcome;

static bool
accept_range_separator(cursor *c)
{
	cursor		probe = *c;

	if (!accept_any(&probe, range_separators, LENGTHOF(range_separators)))
		return false;
	skip_spaces(&probe);
	/* a separator must be followed by a number (maybe signed) */
	if (!is_digit_at(&probe, probe.pos) &&
		!((looking_at(&probe, "-") || looking_at(&probe, "+")) && is_digit_at(&probe, probe.pos + 1)))
		return false;
	*c = probe;
	return true;
}

static scan_outcome
finish_quantity(pt_target *t, number_parse *lo, number_parse *hi, pt_op op,
				char *key_out, pt_error *err, const cursor *c)
{
	const number_parse *unit_from = hi ? hi : lo;
	bool		lower_ok;

	t->kind = PT_KIND_QUANTITY;
	t->op = op;
	t->scale = (uint8_t) unit_from->scale;
	t->unit_id = unit_from->has_unit ? unit_from->unit.unit_id : PT_UNIT_NONE;
	memcpy(key_out, unit_from->unit.key, unit_from->unit.key_len + 1);
	t->unit_key = key_out;
	t->unit_key_len = (uint8_t) unit_from->unit.key_len;
	pt_bounds_from_op(t);
	if (hi != NULL)
	{
		/* 5-10万元: the lower end takes the unit written at the upper end */
		if (!lo->has_unit && (lo->scale == 0 || lo->scale == hi->scale))
		{
			lo->scale = hi->scale;
			lo->has_unit = hi->has_unit;
			lo->unit = hi->unit;
		}
		else if (!same_written_unit(c, lo, hi))
		{
			fail(err, PT_ERR_SYNTAX, "The two ends of the range are written in different units.",
				 "Write both ends in one unit, or the unit once at the end: 5~10万元.");
			return SCAN_ERROR;
		}
	}
	lower_ok = to_base(lo, &t->lower.value);
	if (!lower_ok || (hi && !to_base(hi, &t->upper.value)))
	{
		/* the failed bound's exponent says which way it left the range */
		const pt_decimal *bad = lower_ok ? &t->upper.value : &t->lower.value;

		if (bad->exp < 0)
			fail(err, PT_ERR_RANGE, "In its base unit the magnitude would have more than 60 decimal places.",
				 "ptarget keeps at most 60 decimal places in a base unit (1mm is 0.001米): write fewer decimal places.");
		else
			fail(err, PT_ERR_RANGE, "In its base unit the magnitude would end in more than 60 zeros.",
				 "ptarget keeps at most 60 zeros after the last nonzero digit in a base unit (1万亿元 is 10^12元): write a smaller magnitude.");
		return SCAN_ERROR;
	}
	t->places[0] = (uint8_t) lo->places;
	t->places[1] = (uint8_t) (hi ? hi->places : lo->places);
	if (hi == NULL)
	{
		t->upper.value = t->lower.value;
	}
	else if (pt_decimal_cmp(&t->lower.value, &t->upper.value) > 0)
	{
		fail(err, PT_ERR_SYNTAX, "The lower end of the range is above its upper end.",
			 "Write the smaller number first: 5~10个.");
		return SCAN_ERROR;
	}
	/* one-sided targets keep a single meaningful bound */
	if (op == PT_OP_LE || op == PT_OP_LT)
		t->lower.value = t->upper.value;
	return SCAN_FULL;
}

static scan_outcome
scan_quantity(cursor *c, pt_target *t, char *key_out, pt_error *err)
{
	pt_op		op = PT_OP_NONE,
				suffix_op = PT_OP_NONE;
	number_parse lo,
				hi;
	bool		is_range = false;
	pt_status	st;

	memset(t, 0, sizeof(*t));
	if (accept_any(c, approx_prefixes, LENGTHOF(approx_prefixes)))
		t->flags |= PT_FLAG_APPROXIMATE;
	if (!accept_op_word(c, op_signs, LENGTHOF(op_signs), &op))
		accept_op_word(c, op_prefix_words, LENGTHOF(op_prefix_words), &op);

	st = scan_number(c, &lo, err);
	if (st != PT_OK)
		return err->status == PT_OK ? SCAN_NONE : SCAN_ERROR;

	if (accept_range_separator(c))
	{
		if (op != PT_OP_NONE)
		{
			fail(err, PT_ERR_SYNTAX, "A range cannot also have a comparison operator.",
				 "Write either ≥5 or 5~10, not both.");
			return SCAN_ERROR;
		}
		st = scan_number(c, &hi, err);
		if (st != PT_OK)
			return err->status == PT_OK ? SCAN_NONE : SCAN_ERROR;
		is_range = true;
	}
	if (!is_range && accept_op_word(c, op_suffix_words, LENGTHOF(op_suffix_words), &suffix_op))
	{
		if (op != PT_OP_NONE && op != suffix_op)
		{
			fail(err, PT_ERR_SYNTAX, "The operator before the number contradicts the word after it.",
				 "以上 means ≥, 以下 and 以内 mean ≤, 以外 means >.");
			return SCAN_ERROR;
		}
		op = suffix_op;
	}
	if (accept(c, approx_suffix))
		t->flags |= PT_FLAG_APPROXIMATE;
	if (op == PT_OP_NONE)
		op = is_range ? PT_OP_RANGE : PT_OP_EQ;

	if (finish_quantity(t, &lo, is_range ? &hi : NULL, op, key_out, err, c) == SCAN_ERROR)
		return SCAN_ERROR;
	return at_end(c) ? SCAN_FULL : SCAN_PARTIAL;
}

/* ---------------------------------------------------------------- dates */

/* A day or a period: [first, last] days, and whether 底 implies "on or before". */
typedef struct period
{
	int32_t		first,
				last;
	bool		implies_deadline;
} period;

/* Exactly n1..n2 ASCII digits; returns the number or -1. */
static int
scan_small_int(cursor *c, int min_digits, int max_digits)
{
	int			value = 0,
				digits = 0;

	while (digits < max_digits && is_digit_at(c, c->pos))
	{
		value = value * 10 + (c->s[c->pos] - '0');
		c->pos++;
		digits++;
	}
	if (digits < min_digits || is_digit_at(c, c->pos))
		return -1;
	return value;
}

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"
};

/* A month outside 1..12; the hint is about months, not about days. */
static scan_outcome
impossible_month(pt_error *err)
{
	fail(err, PT_ERR_DATE, "The month does not exist in the calendar.", "Months run from 1 to 12.");
	return SCAN_ERROR;
}

/* A day the month does not have; the hint gives that month's real length. */
static scan_outcome
impossible_day(int year, int month, int day, pt_error *err)
{
	char		hint[160];
	int			days = pt_date_days_in_month(year, month);

	if (month == 2 && day == 29)
		snprintf(hint, sizeof(hint), "Check the year, month and day: February has 29 days only in leap years.");
	else if (month == 2)
		snprintf(hint, sizeof(hint), "February has %d days in %d%s.", days, year,
				 days == 28 ? " (29 in leap years)" : "");
	else
		snprintf(hint, sizeof(hint), "%s has %d days.", month_names[month - 1], days);
	if (day == 0)
	{
		char		with_start[200];

		snprintf(with_start, sizeof(with_start), "Days start at 1: %s", hint);
		fail(err, PT_ERR_DATE, "The day does not exist in the calendar.", with_start);
	}
	else
		fail(err, PT_ERR_DATE, "The day does not exist in the calendar.", hint);
	return SCAN_ERROR;
}

static scan_outcome
make_period(int year, int month, int day_first, int day_last, period *p, pt_error *err)
{
	if (year < PT_DATE_MIN_YEAR || year > PT_DATE_MAX_YEAR)
	{
		fail(err, PT_ERR_DATE, "The year is out of range.", "Years from 1000 to 9999 are accepted.");
		return SCAN_ERROR;
	}
	if (month < 1 || month > 12)
		return impossible_month(err);
	if (day_last == 0)			/* whole month */
		day_last = pt_date_days_in_month(year, month);
	if (!pt_date_valid(year, month, day_first))
		return impossible_day(year, month, day_first, err);
	if (!pt_date_valid(year, month, day_last))
		return impossible_day(year, month, day_last, err);
	p->first = pt_date_to_days(year, month, day_first);
	p->last = pt_date_to_days(year, month, day_last);
	return SCAN_FULL;
}

static scan_outcome
whole_year(int year, period *p, pt_error *err)
{
	if (make_period(year, 1, 1, 1, p, err) != SCAN_FULL)
		return SCAN_ERROR;
	p->last = pt_date_to_days(year, 12, 31);
	return SCAN_FULL;
}

/* 2025年[M月[D日|底|上旬|中旬|下旬]] | 2025年底 | 2025年全年 */
static scan_outcome
scan_chinese_date(cursor *c, int year, period *p, pt_error *err)
{
	cursor		probe;
	int			month,
				day;

	if (accept(c, "全年"))
		return whole_year(year, p, err);
	if (accept(c, "年底") || accept(c, "底"))
	{
		p->implies_deadline = true;
		return make_period(year, 12, 31, 31, p, err);
	}
	probe = *c;
	skip_spaces(&probe);
	month = scan_small_int(&probe, 1, 2);
	if (month < 0 || !accept(&probe, "月"))
		return whole_year(year, p, err);
	*c = probe;
	if (accept(c, "底") || accept(c, "末"))
	{
		if (month < 1 || month > 12)
			return impossible_month(err);
		p->implies_deadline = true;
		day = pt_date_days_in_month(year, month);
		return make_period(year, month, day, day, p, err);
	}
	if (accept(c, "上旬"))
		return make_period(year, month, 1, 10, p, err);
	if (accept(c, "中旬"))
		return make_period(year, month, 11, 20, p, err);
	if (accept(c, "下旬"))
		return make_period(year, month, 21, 0, p, err);
	probe = *c;
	skip_spaces(&probe);
	day = scan_small_int(&probe, 1, 2);
	if (day >= 0 && (accept(&probe, "日") || accept(&probe, "号")))
	{
		*c = probe;
		return make_period(year, month, day, day, p, err);
	}
	return make_period(year, month, 1, 0, p, err);
}

/* A month written without a day (2023.07) needs a plausible year and two month digits. */
#define BARE_MONTH_MIN_YEAR 1900
#define BARE_MONTH_MAX_YEAR 2199

/*
 * 2025-09-30, 2025.9.30, 2025/9/30, and 2023.07 or 2023-07 (a month).  The
 * bare month form is close to a decimal (1420.5), so it is read as a date
 * only with a two-digit month in a year from 1900 to 2199.
 */
static scan_outcome
scan_numeric_date(cursor *c, int year, char sep, period *p, pt_error *err)
{
	int			month,
				day;
	char		sep_text[2] = {sep, '\0'};
	size_t		month_start = c->pos;

	month = scan_small_int(c, 1, 2);
	if (month < 0)
		return SCAN_NONE;
	if (looking_at(c, sep_text) && is_digit_at(c, c->pos + 1))
	{
		c->pos++;
		day = scan_small_int(c, 1, 2);
		if (day < 0)
			return SCAN_NONE;
		return make_period(year, month, day, day, p, err);
	}
	if (c->pos - month_start != 2 || year < BARE_MONTH_MIN_YEAR || year > BARE_MONTH_MAX_YEAR)
		return SCAN_NONE;
	return make_period(year, month, 1, 0, p, err);
}

/* A range separator, then a four-digit year written with 年. */
static bool
year_follows_separator(const cursor *c)
{
	cursor		probe = *c;

	return accept_any(&probe, range_separators, LENGTHOF(range_separators)) &&
		(skip_spaces(&probe), scan_small_int(&probe, 4, 4) >= 0) && looking_at(&probe, "年");
}

/* The second end of 2025年1月至3月: a month (and day) in the first end's year. */
static scan_outcome
scan_period_in_year(cursor *c, int32_t first_day, period *p, pt_error *err)
{
	cursor		probe = *c;
	int			year,
				month,
				day;

	skip_spaces(&probe);
	if (scan_small_int(&probe, 1, 2) < 0 || !looking_at(&probe, "月"))
		return SCAN_NONE;
	pt_date_from_days(first_day, &year, &month, &day);
	memset(p, 0, sizeof(*p));
	return scan_chinese_date(c, year, p, err);
}

static scan_outcome
scan_period(cursor *c, period *p, pt_error *err)
{
	int			year;
	cursor		probe;

	memset(p, 0, sizeof(*p));
	skip_spaces(c);
	probe = *c;
	year = scan_small_int(&probe, 4, 4);
	if (year < 0)
		return SCAN_NONE;
	if (accept(&probe, "年"))
	{
		*c = probe;
		return scan_chinese_date(c, year, p, err);
	}
	if (year_follows_separator(&probe))
	{
		/* 2024-2025年: a bare year opening a range of years */
		*c = probe;
		return whole_year(year, p, err);
	}
	if ((looking_at(&probe, "-") || looking_at(&probe, ".") || looking_at(&probe, "/")) &&
		is_digit_at(&probe, probe.pos + 1))
	{
		char		sep = probe.s[probe.pos];
		scan_outcome r;

		probe.pos++;
		r = scan_numeric_date(&probe, year, sep, p, err);
		if (r != SCAN_NONE)
			*c = probe;
		return r;
	}
	return SCAN_NONE;
}

static scan_outcome
scan_date(cursor *c, pt_target *t, pt_error *err)
{
	pt_op		op = PT_OP_NONE,
				suffix_op = PT_OP_NONE;
	period		a,
				b;
	scan_outcome r;

	memset(t, 0, sizeof(*t));
	if (accept_any(c, approx_prefixes, LENGTHOF(approx_prefixes)))
		t->flags |= PT_FLAG_APPROXIMATE;
	if (!accept_op_word(c, op_signs, LENGTHOF(op_signs), &op) &&
		!accept_op_word(c, date_prefix_words, LENGTHOF(date_prefix_words), &op))
		accept_op_word(c, op_prefix_words, LENGTHOF(op_prefix_words), &op);

	r = scan_period(c, &a, err);
	if (r != SCAN_FULL)
		return r;
	t->kind = PT_KIND_DATE;

	{
		cursor		probe = *c;

		if (op == PT_OP_NONE && accept_any(&probe, range_separators, LENGTHOF(range_separators)))
		{
			r = scan_period(&probe, &b, err);
			if (r == SCAN_NONE)
				r = scan_period_in_year(&probe, a.first, &b, err);
			if (r == SCAN_ERROR)
				return r;
			if (r == SCAN_FULL)
			{
				*c = probe;
				if (a.first > b.last)
				{
					fail(err, PT_ERR_SYNTAX, "The first date of the range is after the second.",
						 "Write the earlier date first: 2025年1月1日~2025年3月31日.");
					return SCAN_ERROR;
				}
				t->op = PT_OP_RANGE;
				t->lower.day = a.first;
				t->upper.day = b.last;
				goto done;
			}
		}
	}
	if (accept_op_word(c, date_suffix_words, LENGTHOF(date_suffix_words), &suffix_op))
	{
		if (op != PT_OP_NONE && op != suffix_op)
		{
			fail(err, PT_ERR_SYNTAX, "The operator before the date contradicts the word after it.",
				 "之前 and 前 mean on or before; 之后 and 以后 mean on or after.");
			return SCAN_ERROR;
		}
		op = suffix_op;
	}
	if (op == PT_OP_NONE && a.implies_deadline)
		op = PT_OP_LE;

	/* dates are discrete: exclusive bounds become inclusive ones */
	switch (op)
	{
		case PT_OP_GE:
			t->op = PT_OP_GE;
			t->lower.day = a.first;
			break;
		case PT_OP_GT:
			t->op = PT_OP_GE;
			t->lower.day = a.last + 1;
			break;
		case PT_OP_LE:
			t->op = PT_OP_LE;
			t->upper.day = a.last;
			break;
		case PT_OP_LT:
			t->op = PT_OP_LE;
			t->upper.day = a.first - 1;
			break;
		default:
			t->op = a.first == a.last ? PT_OP_EQ : PT_OP_RANGE;
			t->lower.day = a.first;
			t->upper.day = a.last;
			break;
	}
	if (t->op == PT_OP_GE)
		t->upper.day = t->lower.day;
	if (t->op == PT_OP_LE)
		t->lower.day = t->upper.day;
	/* >9999年 would start in the year 10000 */
	if (t->lower.day < pt_date_to_days(PT_DATE_MIN_YEAR, 1, 1) ||
		t->upper.day > pt_date_to_days(PT_DATE_MAX_YEAR, 12, 31))
	{
		fail(err, PT_ERR_DATE, "The date lies outside the years 1000 to 9999.",
			 "Years from 1000 to 9999 are accepted.");
		return SCAN_ERROR;
	}
done:
	pt_bounds_from_op(t);
	if (accept(c, approx_suffix))
		t->flags |= PT_FLAG_APPROXIMATE;
	return at_end(c) ? SCAN_FULL : SCAN_PARTIAL;
}

/* ---------------------------------------------------------------- labels */

/* Does the rest of the text start with prose (two or more ideographs)? */
static bool
followed_by_prose(cursor *c)
{
	unsigned	cp1 = 0,
				cp2 = 0;
	size_t		n1;

	skip_spaces(c);
	n1 = char_at(c, c->pos, &cp1);
	if (n1 == 0 || !pt_is_ideograph(cp1))
		return false;
	return char_at(c, c->pos + n1, &cp2) > 0 && pt_is_ideograph(cp2);
}

static bool
has_four_digits(const char *s, size_t len)
{
	size_t		i,
				run = 0;

	for (i = 0; i < len; i++)
	{
		run = (s[i] >= '0' && s[i] <= '9') ? run + 1 : 0;
		if (run == 4)
			return true;
	}
	return false;
}

/* Does the text begin with an operator, a number, or an operator word + number? */
static bool
starts_like_target(const char *folded, size_t len)
{
	cursor		c = {folded, len, 0};
	pt_op		op;

	accept_any(&c, approx_prefixes, LENGTHOF(approx_prefixes));
	if (accept_op_word(&c, op_signs, LENGTHOF(op_signs), &op))
		return true;
	if (!accept_op_word(&c, op_prefix_words, LENGTHOF(op_prefix_words), &op))
		accept_op_word(&c, date_prefix_words, LENGTHOF(date_prefix_words), &op);
	skip_spaces(&c);
	if (looking_at(&c, "+") || looking_at(&c, "-") || looking_at(&c, "."))
		c.pos++;
	return is_digit_at(&c, c.pos) || at_non_finite(&c) != FINITE;
}

/* Do digits follow a digit and a run of spaces at pos (5 000)? */
static bool
digits_split_by_space(const char *folded, size_t pos)
{
	size_t		before = pos;

	while (before > 0 && folded[before - 1] == ' ')
		before--;
	return before < pos && before > 0 && folded[before - 1] >= '0' && folded[before - 1] <= '9' &&
		folded[pos] >= '0' && folded[pos] <= '9';
}

/*
 * Why text that starts like a target is not one.  date_r and r are what the
 * date and quantity grammars made of it; date_end and quantity_end are where
 * a partial read stopped.  Says the first thing that is wrong, in the order
 * a reader meets it.
 */
static pt_status
explain_incomplete(const char *folded, size_t flen, scan_outcome date_r, size_t date_end,
				   scan_outcome r, size_t quantity_end, pt_error *err)
{
	cursor		c = {folded, flen, 0};
	cursor		probe;
	pt_op		op;
	pt_status	st;
	bool		has_op;

	accept_any(&c, approx_prefixes, LENGTHOF(approx_prefixes));
	has_op = accept_op_word(&c, op_signs, LENGTHOF(op_signs), &op) ||
		accept_op_word(&c, op_prefix_words, LENGTHOF(op_prefix_words), &op) ||
		accept_op_word(&c, date_prefix_words, LENGTHOF(date_prefix_words), &op);

	/* a NaN or ∞ where the number should be */
	if ((st = reject_non_finite(&c, err)) != PT_OK)
		return st;

	/* 12月2日: a month and a day without the year */
	probe = c;
	skip_spaces(&probe);
	if (scan_small_int(&probe, 1, 2) >= 0 && accept(&probe, "月") &&
		(skip_spaces(&probe), scan_small_int(&probe, 1, 2) >= 0) &&
		(accept(&probe, "日") || accept(&probe, "号")))
		return fail(err, PT_ERR_SYNTAX, "The date has no year.",
					"Write the year with four digits: 2025年12月2日.");

	/* the number itself */
	probe = c;
	skip_spaces(&probe);
	if (looking_at(&probe, "+") || looking_at(&probe, "-"))
		probe.pos++;
	if (looking_at(&probe, ".") && is_digit_at(&probe, probe.pos + 1))
		return fail(err, PT_ERR_SYNTAX, "The number does not start with a digit.",
					"Write a digit before the decimal point: 0.5, not .5.");
	if (!is_digit_at(&probe, probe.pos))
		return fail(err, PT_ERR_SYNTAX,
					has_op ? "The operator is not followed by a number." :
					"It starts like a quantity or a date but is not a complete one.",
					HINT_FORMS);

	/* a complete date or quantity, then something that belongs to neither */
	if (date_r == SCAN_PARTIAL && date_end >= quantity_end)
		return fail(err, PT_ERR_SYNTAX, "The date is followed by text that is not part of a target.",
					"End a date target with the date or with a word such as 之前 or 以后: "
					"2025年9月30日之前.");
	if (r == SCAN_PARTIAL)
	{
		c.pos = quantity_end;
		if (looking_at(&c, ",") && is_digit_at(&c, c.pos + 1))
			return fail(err, PT_ERR_SYNTAX, "A comma in the number is not followed by a group of three digits.",
						"Group digits in threes (1,234,567) or leave the commas out; "
						"the decimal separator is a point: 12.34.");
		if (digits_split_by_space(folded, quantity_end))
			return fail(err, PT_ERR_SYNTAX, "The number has a space between its digits.",
						"Write a number without spaces: 5000 or 5,000.");
		if (looking_at(&c, "/"))
			return fail(err, PT_ERR_SYNTAX, "A / in the unit is not followed by a unit.",
						"Write a unit after every /: 元/人/月.");
		return fail(err, PT_ERR_SYNTAX, "The quantity is followed by text that is not part of a target.",
					HINT_FORMS);
	}
	return fail(err, PT_ERR_SYNTAX, "It starts like a quantity or a date but is not a complete one.",
				HINT_FORMS);
}

/* Trims and collapses runs of white space (ASCII and ideographic) to one space. */
static size_t
normalize_label(const char *s, size_t len, char *out)
{
	size_t		i = 0,
				n = 0;
	bool		pending_space = false;

	while (i < len)
	{
		unsigned	cp;
		size_t		clen = pt_utf8_char_len(s + i, len - i, &cp);
		bool		space = pt_is_space(cp);

		if (space)
			pending_space = (n > 0);
		else
		{
			if (pending_space)
				out[n++] = ' ';
			pending_space = false;
			memcpy(out + n, s + i, clen);
			n += clen;
		}
		i += clen;
	}
	return n;
}

/* "…" with "" for a quote inside: the form labels with digits are written in. */
static pt_status
parse_quoted_label(const char *s, size_t len, pt_target *t, char *out, pt_error *err)
{
	size_t		i,
				n = 0;
	char	   *raw = out + len;	/* unquoted text before normalization */

	for (i = 1; i + 1 < len; i++)
	{
		if (s[i] == '"')
		{
			if (i + 2 < len && s[i + 1] == '"')
				i++;
			else
				return fail(err, PT_ERR_SYNTAX, "A quote inside a quoted label must be doubled.",
							"Write \"\" for a quote inside a label: \"他说\"\"好\"\"\".");
		}
		raw[n++] = s[i];
	}
	memset(t, 0, sizeof(*t));
	t->kind = PT_KIND_LABEL;
	t->label = out;
	t->label_len = normalize_label(raw, n, out);
	if (t->label_len == 0)
		return fail(err, PT_ERR_SYNTAX, "The quoted label is empty.", HINT_FORMS);
	return PT_OK;
}

bool
pt_label_needs_quotes(const char *label, size_t len)
{
	char		head[64 + 1];
	size_t		head_len = 0;
	size_t		i;

	if (len == 0 || label[0] == '"')
		return true;
	/* full-width digits fold to ASCII ones, so check both forms */
	for (i = 0; i < len; i++)
		if ((label[i] >= '0' && label[i] <= '9') ||
			(i + 2 < len && (unsigned char) label[i] == 0xEF &&
			 (unsigned char) label[i + 1] == 0xBC &&
			 (unsigned char) label[i + 2] >= 0x90 && (unsigned char) label[i + 2] <= 0x99))
			return true;
	/* the start decides whether text without digits reads as an error */
	while (head_len < len && head_len < 48)
	{
		unsigned	cp;
		size_t		clen = pt_utf8_char_len(label + head_len, len - head_len, &cp);

		if (clen == 0)
			break;
		head_len += clen;
	}
	head_len = pt_fold(label, head_len, head);
	return head_len != (size_t) -1 && starts_like_target(head, head_len);
}

/* ---------------------------------------------------------------- entry */

size_t
pt_parse_scratch_size(size_t len)
{
	/* folded text, then the unit key, then the label (and its raw copy) */
	return (len + 1) + (PT_UNIT_MAX_BYTES + 1) + 2 * (len + 1);
}

pt_status
pt_parse(const char *text, size_t len, pt_target *out, char *scratch, pt_error *err)
{
	char	   *folded = scratch;
	char	   *key = scratch + len + 1;
	char	   *label = key + PT_UNIT_MAX_BYTES + 1;
	size_t		flen;
	cursor		c;
	scan_outcome r,
				date_r;
	size_t		date_end;
	bool		date_prose;
	pt_error	date_err;

	err->status = PT_OK;
	flen = pt_fold(text, len, folded);
	if (flen == (size_t) -1)
		return fail(err, PT_ERR_SYNTAX, "The text is not valid UTF-8.",
					"Targets are UTF-8 text.");
	c = (cursor) {folded, flen, 0};
	if (at_end(&c))
		return fail(err, PT_ERR_SYNTAX, "A target cannot be empty.", HINT_FORMS);

	/* a quoted label: "完成2个" */
	{
		size_t		start = c.pos,
					end = flen;

		while (end > start && folded[end - 1] == ' ')
			end--;
		if (folded[start] == '"' && end - start >= 2 && folded[end - 1] == '"')
		{
			const char *s = text;
			size_t		l = len;

			/* unquote the original text, not the folded one */
			while (l > 0 && (*s == ' ' || *s == '\t'))
				s++, l--;
			while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\t' || s[l - 1] == '\n'))
				l--;
			if (l >= 2 && s[0] == '"' && s[l - 1] == '"')
				return parse_quoted_label(s, l, out, label, err);
		}
	}

	/*
	 * Read as a date and as a quantity: a complete date wins, then a complete
	 * quantity (2023.13万元 is a quantity even though 2023.13 is no month).
	 */
	/* every date has a four-digit year: without one, skip the date grammar */
	date_r = has_four_digits(folded, flen) ? scan_date(&c, out, &date_err) : SCAN_NONE;
	if (date_r == SCAN_FULL)
		return PT_OK;
	date_end = c.pos;
	date_prose = (date_r == SCAN_PARTIAL && followed_by_prose(&c));

	c.pos = 0;
	r = scan_quantity(&c, out, key, err);
	if (r == SCAN_FULL)
		return PT_OK;
	if (date_r == SCAN_ERROR)
	{
		*err = date_err;
		return err->status;
	}
	if (r == SCAN_ERROR)
		return err->status;
	if (date_prose || (r == SCAN_PARTIAL && followed_by_prose(&c)))
		goto label;

	/* text that starts like a target but is none is an error; say what is wrong */
	if (starts_like_target(folded, flen))
		return explain_incomplete(folded, flen, date_r, date_end, r, c.pos, err);
	/* anything else, digits or not, is a label such as 完成2个 */

label:
	memset(out, 0, sizeof(*out));
	out->kind = PT_KIND_LABEL;
	out->label = label;
	out->label_len = normalize_label(text, len, label);
	return PT_OK;
}

/* ---------------------------------------------------------------- build */

/* A whole unit text: optional scale word, optional unit, nothing else. */
static pt_status
read_unit_text(const char *unit, size_t unit_len, char *folded, number_parse *n,
			   pt_error *err)
{
	cursor		c;
	bool		too_long;
	size_t		flen = pt_fold(unit, unit_len, folded);

	if (flen == (size_t) -1)
		return fail(err, PT_ERR_SYNTAX, "The unit is not valid UTF-8.", "Write a unit such as 万元.");
	c = (cursor) {folded, flen, 0};
	scan_scaled_unit(&c, n, &too_long);
	if (too_long)
		return fail(err, PT_ERR_SYNTAX, "The unit is longer than 64 bytes.",
					"Write a unit such as %, 万元, 人次 or 元/人/月, at most 64 bytes with its /denominators.");
	if (!at_end(&c) && n->glued_end > n->glued_start)
	{
		char		message[sizeof(err->message)],
					hint[sizeof(err->hint)];
		const char *scale = pt_scale_spelling(n->scale);
		int			unit_len = (int) (n->glued_end - n->glued_start);

		/* both parts are short: a scale word and a unit of at most 64 bytes */
		snprintf(message, sizeof(message),
				 "Written together, as output writes them, the scale word and the unit read as another unit: %s%.*s.",
				 scale, unit_len, folded + n->glued_start);
		snprintf(hint, sizeof(hint),
				 "Give the unit alone and multiply the magnitude instead: 1%s %.*s is 1%.*s%.*s.",
				 scale, unit_len, folded + n->glued_start,
				 n->scale, "000000000000000000", unit_len, folded + n->glued_start);
		return fail(err, PT_ERR_SYNTAX, message, hint);
	}
	if (!at_end(&c))
		return fail(err, PT_ERR_SYNTAX, "The unit is not a unit ptarget can read.",
					"Write a unit such as %, 万元, 人次 or 元/人/月, at most 64 bytes.");
	return PT_OK;
}

pt_status
pt_build(const char *op_text, size_t op_len, const pt_decimal *magnitude, int places,
		 const char *unit, size_t unit_len, pt_target *out, char *scratch, pt_error *err)
{
	cursor		c;
	pt_op		op = PT_OP_NONE;
	number_parse n;
	char	   *folded = scratch;
	size_t		flen;
	static const char *const op_hint = "Use ≥, >, ≤, <, = or a word such as 不低于 or 不超过.";

	err->status = PT_OK;
	memset(&n, 0, sizeof(n));

	/* the operator: a sign, a prefix word, or empty for "=" */
	flen = pt_fold(op_text, op_len, folded);
	if (flen == (size_t) -1)
		return fail(err, PT_ERR_SYNTAX, "The operator is not valid UTF-8.", op_hint);
	c = (cursor) {folded, flen, 0};
	if (!at_end(&c) &&
		!accept_op_word(&c, op_signs, LENGTHOF(op_signs), &op) &&
		!accept_op_word(&c, op_prefix_words, LENGTHOF(op_prefix_words), &op))
		return fail(err, PT_ERR_SYNTAX, "The operator is not one ptarget knows.", op_hint);
	if (!at_end(&c))
		return fail(err, PT_ERR_SYNTAX, "The operator is not one ptarget knows.", op_hint);
	if (op == PT_OP_NONE)
		op = PT_OP_EQ;
	if (places < 0 || places > PT_DECIMAL_MAX_EXP)
		return magnitude_out_of_range(PT_DECIMAL_OUT_OF_RANGE, err);

	if (read_unit_text(unit, unit_len, folded, &n, err) != PT_OK)
		return err->status;
	n.value = *magnitude;
	n.places = places;
	memset(out, 0, sizeof(*out));
	if (finish_quantity(out, &n, NULL, op, scratch + unit_len + 1, err, &c) == SCAN_ERROR)
		return err->status;
	return PT_OK;
}

/*
 * pt_written_magnitude fails both for a quotient that is no exact decimal and
 * for an exact one whose exponent leaves the range.  Exactness does not depend
 * on the exponent: divide with one that keeps every step in range, and if that
 * works, give the real quotient (exponent beyond the range, for the message).
 */
static bool
exact_beyond_range(const pt_target *t, bool upper, pt_decimal *m)
{
	pt_target	shifted = *t;
	pt_bound   *b = upper ? &shifted.upper : &shifted.lower;
	const pt_unit *row = pt_unit_by_id(t->unit_id);
	int32_t		shift = (row != NULL && row->dimension != NULL ? row->exp10 : 0) + t->scale;
	int32_t		exp = b->value.exp;

	b->value.exp = shift;
	if (b->value.coef == 0 || !pt_written_magnitude(&shifted, upper, m))
		return false;
	m->exp += exp - shift;
	return true;
}

pt_status
pt_convert(const pt_target *t, const char *unit, size_t unit_len, pt_target *out,
		   char *scratch, pt_error *err)
{
	number_parse n;
	char	   *key = scratch + unit_len + 1;
	pt_decimal	m;
	pt_decimal_status why;
	int			i;

	err->status = PT_OK;
	memset(&n, 0, sizeof(n));
	if (t->kind != PT_KIND_QUANTITY)
		return fail(err, PT_ERR_INVALID, "Only a quantity target has a unit to convert.",
					"Dates and labels have no unit.");
	if (read_unit_text(unit, unit_len, scratch, &n, err) != PT_OK)
		return err->status;
	if (n.unit.key_len != t->unit_key_len || memcmp(n.unit.key, t->unit_key, t->unit_key_len) != 0)
		return fail(err, PT_ERR_INVALID, "The unit belongs to another dimension than the target's.",
					"Convert only between units of one dimension: 万元 and 元, 小时 and 分钟, 年 and 月.");
	*out = *t;
	memcpy(key, n.unit.key, n.unit.key_len + 1);
	out->unit_key = key;
	out->unit_id = n.has_unit ? n.unit.unit_id : PT_UNIT_NONE;
	out->scale = (uint8_t) n.scale;
	for (i = 0; i < 2; i++)
	{
		if (!pt_written_magnitude(out, i == 1, &m) && !exact_beyond_range(out, i == 1, &m))
			return fail(err, PT_ERR_INVALID, "The target cannot be written exactly in that unit.",
						"Pick a unit the magnitude divides into exactly, e.g. 90分钟 is 1.5小时 but 1分钟 has no exact value in 小时.");
		/* what is written must read back */
		if (!pt_decimal_readable(&m, 0, &why))
			return fail(err, PT_ERR_INVALID,
						why == PT_DECIMAL_TOO_PRECISE ?
						"In that unit the magnitude would need more than 28 significant digits." :
						why == PT_DECIMAL_TOO_LARGE ?
						"In that unit the magnitude would need more than 60 digits before the decimal point." :
						"In that unit the magnitude would need more than 60 decimal places.",
						"Pick a unit closer to the target's own; ptarget keeps up to 28 significant digits, "
						"at most 60 digits before the decimal point and 60 after it.");
		out->places[i] = (uint8_t) pt_decimal_min_places(&m);
	}
	return PT_OK;
}
