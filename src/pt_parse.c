/*
 * pt_parse.c — reading target text: the entry points, the quantity grammar,
 * units, labels and the explanation of errors.  Dates are read by
 * pt_parse_date.c, the words come from pt_lexicon.c and the units from
 * pt_units.c.
 *
 * Input is folded first (pt_fold), then read as a date, then as a quantity;
 * whatever is neither becomes a label or an error:
 *
 *   target   := '"' label '"' | date | quantity | label
 *   quantity := [约] [op] number [scale] [unit] [suffix] [左右]
 *             | [约] number [scale] [unit] sep number [scale] [unit] [左右]
 *   unit     := (catalog unit | measure word) ('/' (catalog unit | measure word))*
 *
 * Text that is not a complete target is a label when it has no digit, does
 * not start like a target, or is a complete target followed by prose.
 * Otherwise it is an error: something that looks like a target but is not.
 */
#include "pt_grammar.h"

#include "pt_date.h"
#include "pt_i18n.h"

/* ---------------------------------------------------------------- errors */

pt_status
pt_grammar_fail(pt_error *err, pt_status status, const char *message, const char *hint)
{
	err->status = status;
	/* messages and hints are marked PT_N_ where they are written (pt_i18n.h) */
	snprintf(err->message, sizeof(err->message), "%s", PT_(message));
	snprintf(err->hint, sizeof(err->hint), "%s", PT_(hint));
	return status;
}

#define fail pt_grammar_fail

const char *const PT_HINT_FORMS =
PT_N_("Write a target such as ≥95%, ≤50万元, <5次, 5~10个, 2025年9月30日之前, "
"or a label without digits such as 普遍满意; quote a label that contains "
"digits (\"完成2个\").");

#define HINT_FORMS PT_HINT_FORMS

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

static bool
is_ascii_letter(unsigned cp)
{
	return cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
}

/* One unit name at the cursor: a catalog row or a measure word, and the text its key takes. */
typedef struct unit_name
{
	const pt_unit *row;			/* catalog row (dimensioned or measure word), NULL for another word */
	size_t		start,
				end;			/* written span */
	const char *key;			/* the name in a unit key: as written, or a canonical spelling */
	size_t		key_len;
	char		buf[PT_UNIT_MAX_BYTES + 1];	/* holds key when it is built */
} unit_name;

/*
 * 本(册), 台（套）: a measure word and, in brackets, the other word it is
 * counted in (one character, or a measure word of the catalog).  Written
 * with full-width brackets in the key, as the catalog writes 台（套）.
 * (含) and (不含) are no such words: they say whether a bound is included.
 */
static bool
scan_alternative(cursor *c, unit_name *n)
{
	cursor		probe = *c;
	const pt_unit *row;
	size_t		consumed,
				alt_start,
				alt_len;
	unsigned	cp;
	bool		full_width;

	if (pt_word_at(c->s + c->pos, c->len - c->pos, PT_WORD_INCLUSION, false) != NULL)
		return false;
	if (LOOKING_AT(&probe, "（"))
		probe.pos += strlen("（"), full_width = true;
	else if (LOOKING_AT(&probe, "("))
		probe.pos++, full_width = false;
	else
		return false;
	alt_start = probe.pos;
	row = pt_unit_match(probe.s + probe.pos, probe.len - probe.pos, &consumed);
	if (row != NULL && row->dimension == NULL)
		alt_len = consumed;
	else if ((alt_len = char_at(&probe, probe.pos, &cp)) == 0 || !pt_is_ideograph(cp))
		return false;
	probe.pos += alt_len;
	if (!(full_width ? LOOKING_AT(&probe, "）") : LOOKING_AT(&probe, ")")))
		return false;
	probe.pos += full_width ? strlen("）") : 1;
	if (n->key_len + alt_len + 2 * strlen("（") > PT_UNIT_MAX_BYTES)
		return false;
	if (n->key != n->buf)
		memcpy(n->buf, n->key, n->key_len);
	memcpy(n->buf + n->key_len, "（", strlen("（"));
	memcpy(n->buf + n->key_len + strlen("（"), probe.s + alt_start, alt_len);
	memcpy(n->buf + n->key_len + strlen("（") + alt_len, "）", strlen("）"));
	n->key = n->buf;
	n->key_len += alt_len + 2 * strlen("（");
	*c = probe;
	c->used_v11 = true;
	return true;
}

/*
 * One unit name at the cursor: a catalog spelling, or a measure word (a run
 * of ideographs or Latin letters of at most PT_WORD_MAX_CHARS characters).
 * Longer runs are prose, not units, and nothing is consumed.  From 1.1: the
 * catalog's 1.1 rows, spellings without brackets (台套), and a word in
 * brackets after a measure word (本(册)).
 */
static bool
scan_unit_name(cursor *c, unit_name *n)
{
	size_t		consumed;
	size_t		pos;
	int			chars = 0;
	int			exp10;
	unsigned	cp;

	skip_spaces(c);
	n->start = c->pos;
	n->row = unit_at(c, &consumed);
	if (c->v11)
	{
		const pt_word *alias = pt_word_at(c->s + c->pos, c->len - c->pos, PT_WORD_UNIT_ALIAS, false);

		if (alias != NULL && alias->len > consumed && pt_unit_by_id(alias->value) != NULL)
		{
			n->row = pt_unit_by_id(alias->value);
			c->pos += alias->len;
			n->end = c->pos;
			n->key = n->row->spelling;
			n->key_len = n->row->len;
			c->used_v11 = true;
			goto alternatives;
		}
	}
	if (n->row != NULL)
	{
		if (n->row->since != 10)
			c->used_v11 = true;
		c->pos += consumed;
		n->end = c->pos;
		n->key = c->s + n->start;
		n->key_len = consumed;
		goto alternatives;
	}
	/* 千瓦 is 千 + 瓦: a word never starts with a scale word (it would print ambiguously) */
	if (pt_scale_match(c->s + c->pos, c->len - c->pos, &exp10, &consumed))
		return false;
	pos = c->pos;
	for (;;)
	{
		size_t		clen = char_at(c, pos, &cp);

		if (clen == 0 || !(is_ascii_letter(cp) || pt_is_ideograph(cp)) ||
			pt_lex_stops_measure_word(c->s + pos, c->len - pos, !c->v11))
			break;
		pos += clen;
		chars++;
	}
	if (chars == 0 || chars > PT_WORD_MAX_CHARS)
		return false;
	c->pos = pos;
	n->end = pos;
	n->row = NULL;
	n->key = c->s + n->start;
	n->key_len = pos - n->start;
alternatives:
	if (c->v11 && (n->row == NULL || n->row->dimension == NULL) && scan_alternative(c, n))
		n->end = c->pos;
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

/* A multiplication sign (人·次, 元/人·月), from 1.1. */
static bool
accept_times(cursor *c)
{
	cursor		probe = *c;

	if (!c->v11 || accept_word(&probe, PT_WORD_TIMES) == NULL)
		return false;
	*c = probe;
	return true;
}

static void scan_scaled_unit(cursor *c, number_parse *n, bool *too_long);

/*
 * Would this measure word, written after the scale word 10^scale as output
 * writes it, read back as itself?  人天 would not (人 is a catalog word and
 * 天 is left), nor 瓦时 after 千 (千瓦时 is kWh).
 */
static bool
word_reads_back(int scale, const char *word, size_t len);

/*
 * The numerator of a product of measure words, 人·次 (1.1): written together
 * it is one measure word (人次, a catalog word, or another word of at most
 * PT_WORD_MAX_CHARS characters that reads back as itself).  Units with a
 * dimension do not multiply (kW·h, 吨·公里 are not read): their product is
 * another dimension.
 */
static void
scan_product(cursor *c, unit_name *n, int scale)
{
	for (;;)
	{
		cursor		probe = *c;
		unit_name	next;
		char		joined[2 * PT_UNIT_MAX_BYTES + 2];
		size_t		consumed,
					chars = 0,
					i,
					joined_len;
		const pt_unit *row;

		if ((n->row != NULL && n->row->dimension != NULL) || !accept_times(&probe) ||
			!scan_unit_name(&probe, &next) || (next.row != NULL && next.row->dimension != NULL) ||
			n->key_len + next.key_len > PT_UNIT_MAX_BYTES)
			return;
		joined_len = n->key_len + next.key_len;
		memcpy(joined, n->key, n->key_len);
		memcpy(joined + n->key_len, next.key, next.key_len);
		for (i = 0; i < joined_len; i++)
			chars += ((unsigned char) joined[i] & 0xC0) != 0x80;
		row = pt_unit_match(joined, joined_len, &consumed);
		if (row != NULL && consumed == joined_len && row->dimension == NULL)
		{
			n->row = row;
			n->key = row->spelling;
			n->key_len = row->len;
		}
		else if (chars <= PT_WORD_MAX_CHARS && word_reads_back(scale, joined, joined_len))
		{
			memcpy(n->buf, joined, joined_len);
			n->key = n->buf;
			n->key_len = joined_len;
			n->row = NULL;
		}
		else
			return;
		n->end = next.end;
		*c = probe;
		c->used_v11 = true;
	}
}

/*
 * /denominators: each one a unit name kept as written (元/人/月, 次/年).
 * From 1.1 a product in the denominator is a denominator per factor
 * (元/人·月 = 元/(人·月) = 元/人/月).  Returns false when the key grows too long.
 */
static bool
scan_denominators(cursor *c, unit_parse *u)
{
	bool		fits = true;

	for (;;)
	{
		cursor		probe = *c;
		unit_name	name;
		bool		bracket = false;
		const char *close = NULL;

		if (!ACCEPT(&probe, "/"))
			break;
		if (c->v11)
		{
			skip_spaces(&probe);
			if (LOOKING_AT(&probe, "("))
				close = ")";
			else if (LOOKING_AT(&probe, "（"))
				close = "）";
			if (close != NULL)
			{
				probe.pos += close[0] == ')' ? 1 : strlen("（");
				bracket = true;
			}
		}
		if (!scan_unit_name(&probe, &name))
			break;
		for (;;)
		{
			cursor		before_sign = probe;

			if (!key_append(u, "/", 1) || !key_append(u, name.key, name.key_len))
				fits = false;
			if (!accept_times(&probe))
				break;
			if (!scan_unit_name(&probe, &name))
			{
				probe = before_sign;	/* the sign stays unread */
				break;
			}
		}
		if (bracket)
		{
			skip_spaces(&probe);
			if (!looking_at_n(&probe, close, strlen(close)))
				break;
			probe.pos += strlen(close);
			probe.used_v11 = true;
		}
		*c = probe;
	}
	return fits;
}

/*
 * A unit with optional /denominators.  Returns false when there is no unit
 * (the cursor is unchanged); *too_long is set when the unit text exceeds
 * PT_UNIT_MAX_BYTES.  From 1.1 the numerator may be left out: ≤15.5/棵 is a
 * bare number per 棵, ≤300万/年 one with a scale word.
 */
static bool
scan_unit(cursor *c, unit_parse *u, int scale, bool *too_long)
{
	unit_name	name;
	cursor		save = *c;

	*too_long = false;
	u->unit_id = PT_UNIT_NONE;
	u->row = NULL;
	u->key_len = 0;
	u->key[0] = '\0';
	u->start = u->end = 0;
	if (!scan_unit_name(c, &name))
	{
		cursor		probe = *c;

		skip_spaces(&probe);
		if (!c->v11 || !LOOKING_AT(&probe, "/"))
			return false;
		u->start = probe.pos;
		if (!scan_denominators(&probe, u))
			*too_long = true;
		if (u->key_len == 0)
			return false;
		probe.used_v11 = true;
		*c = probe;
		u->end = c->pos;
		if (*too_long)
		{
			*c = save;
			return false;
		}
		return true;
	}
	u->start = name.start;
	if (c->v11)
		scan_product(c, &name, scale);
	if (name.row != NULL && name.row->dimension != NULL)
	{
		u->row = name.row;
		u->unit_id = name.row->id;
		key_append(u, name.row->base, name.row->base_len);
	}
	else
	{
		u->unit_id = PT_UNIT_WORD;
		if (!key_append(u, name.key, name.key_len))
			*too_long = true;
	}
	/* compound units: 元/人/月, 次/年 — each denominator is kept as written */
	if (!scan_denominators(c, u))
		*too_long = true;
	u->end = c->pos;
	if (*too_long)
	{
		*c = save;
		return false;
	}
	return true;
}

/* ---------------------------------------------------------------- numbers */


/* NaN and infinities are never magnitudes; say so instead of "bad syntax". */
pt_status
pt_grammar_reject_non_finite(cursor *c, pt_error *err)
{
	switch (pt_lex_non_finite_at(c->s + c->pos, c->len - c->pos))
	{
		case PT_LEX_NAN:
			return fail(err, PT_ERR_SYNTAX, PT_N_("NaN is not a magnitude."),
						PT_N_("A target's magnitude must be a finite decimal number."));
		case PT_LEX_INFINITE:
			return fail(err, PT_ERR_RANGE, PT_N_("An infinite magnitude is out of range."),
						PT_N_("Leave the bound open instead: ≥5 already means [5, +∞)."));
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
	if (unit_at(c, &unit_len) == NULL &&
		pt_scale_match(c->s + c->pos, c->len - c->pos, &n->scale, &scale_len))
		c->pos += scale_len;
	else
		n->scale = 0;
	before_unit = *c;
	n->has_unit = scan_unit(c, &n->unit, n->scale, too_long);
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

static bool
word_reads_back(int scale, const char *word, size_t len)
{
	const char *spelling = pt_scale_spelling(scale);
	char		text[PT_UNIT_MAX_BYTES + 16];
	size_t		n = strlen(spelling);
	cursor		c;
	number_parse num;
	bool		too_long;

	if (n + len > sizeof(text))
		return false;
	memcpy(text, spelling, n);
	memcpy(text + n, word, len);
	c = CURSOR(text, n + len, 0, true, 0);
	memset(&num, 0, sizeof(num));
	scan_scaled_unit(&c, &num, &too_long);
	return !too_long && at_end(&c) && num.scale == scale && num.has_unit &&
		num.unit.unit_id == PT_UNIT_WORD && num.unit.key_len == len &&
		memcmp(num.unit.key, word, len) == 0;
}

static const char *const HINT_DIGITS =
PT_N_("ptarget keeps up to 28 significant digits (zeros ending a whole number do not count: "
"10000 has one), at most 60 digits before the decimal point and 60 after it.");

/* A written magnitude beyond what ptarget keeps: say which limit it passes. */
static pt_status
magnitude_out_of_range(pt_decimal_status ds, pt_error *err)
{
	return fail(err, PT_ERR_RANGE,
				ds == PT_DECIMAL_TOO_PRECISE ? PT_N_("The magnitude has more than 28 significant digits.") :
				ds == PT_DECIMAL_TOO_LARGE ? PT_N_("The magnitude has more than 60 digits before the decimal point.") :
				PT_N_("The magnitude has more than 60 decimal places."),
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

	n->scale = 0;
	n->has_unit = false;
	n->glued_start = n->glued_end = 0;
	skip_spaces(c);
	/* NaN and ∞ are only worth a look where no digit follows */
	if (!is_digit_at(c, c->pos) && !is_digit_at(c, c->pos + 1) &&
		(st = pt_grammar_reject_non_finite(c, err)) != PT_OK)
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
		return fail(err, PT_ERR_SYNTAX, PT_N_("The unit is too long."),
					PT_N_("A unit, with its /denominators, is at most 64 bytes."));
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
	return pt_unit_to_base(n->unit.row, n->scale, out);
}

/* ---------------------------------------------------------------- quantity */

static bool
accept_range_separator(cursor *c)
{
	cursor		probe = *c;

	if (!accept_word(&probe, PT_WORD_RANGE))
		return false;
	skip_spaces(&probe);
	/* a separator must be followed by a number (maybe signed) */
	if (!is_digit_at(&probe, probe.pos) &&
		!((LOOKING_AT(&probe, "-") || LOOKING_AT(&probe, "+")) && is_digit_at(&probe, probe.pos + 1)))
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
			fail(err, PT_ERR_SYNTAX, PT_N_("The two ends of the range are written in different units."),
				 PT_N_("Write both ends in one unit, or the unit once at the end: 5~10万元."));
			return SCAN_ERROR;
		}
	}
	lower_ok = to_base(lo, &t->lower.value);
	if (!lower_ok || (hi && !to_base(hi, &t->upper.value)))
	{
		/* the failed bound's exponent says which way it left the range */
		const pt_decimal *bad = lower_ok ? &t->upper.value : &t->lower.value;

		if (bad->exp < 0)
			fail(err, PT_ERR_RANGE, PT_N_("In its base unit the magnitude would have more than 60 decimal places."),
				 PT_N_("ptarget keeps at most 60 decimal places in a base unit (1mm is 0.001米): write fewer decimal places."));
		else
			fail(err, PT_ERR_RANGE, PT_N_("In its base unit the magnitude would end in more than 60 zeros."),
				 PT_N_("ptarget keeps at most 60 zeros after the last nonzero digit in a base unit (1万亿元 is 10^12元): write a smaller magnitude."));
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
		fail(err, PT_ERR_SYNTAX, PT_N_("The lower end of the range is above its upper end."),
			 PT_N_("Write the smaller number first: 5~10个."));
		return SCAN_ERROR;
	}
	/* one-sided targets keep a single meaningful bound */
	if (op == PT_OP_LE || op == PT_OP_LT)
		t->lower.value = t->upper.value;
	return SCAN_FULL;
}

/* (含) and (不含) after a bound, from 1.1: -1 when there is none. */
static int
accept_inclusion(cursor *c)
{
	const pt_word *w;

	if (!c->v11 || (w = accept_word(c, PT_WORD_INCLUSION)) == NULL)
		return -1;
	return w->value;
}

/*
 * The operator a bound's (含) or (不含) leaves: ＞5（含） is ≥5, ≥5（不含）
 * is >5; an exact number or a range has no open end to close (SCAN_ERROR).
 */
static scan_outcome
apply_inclusion(pt_op *op, int inclusive, pt_error *err)
{
	if (inclusive == 1)
		*op = *op == PT_OP_GT ? PT_OP_GE : *op == PT_OP_LT ? PT_OP_LE : *op;
	else if (inclusive == 0)
	{
		if (*op != PT_OP_GE && *op != PT_OP_GT && *op != PT_OP_LE && *op != PT_OP_LT)
		{
			fail(err, PT_ERR_SYNTAX, PT_N_("（不含） needs a bound to exclude."),
				 PT_N_("Write it after a bound: 90%以上（不含） is >90%, 5%以下（不含） is <5%."));
			return SCAN_ERROR;
		}
		*op = *op == PT_OP_GE ? PT_OP_GT : *op == PT_OP_LE ? PT_OP_LT : *op;
	}
	return SCAN_FULL;
}

scan_outcome
pt_scan_quantity(cursor *c, pt_target *t, char *key_out, pt_error *err)
{
	pt_op		op = PT_OP_NONE;
	const pt_word *w;
	number_parse lo,
				hi;
	bool		is_range = false,
				keep_within = false;
	int			inclusive = -1;
	pt_status	st;

	memset(t, 0, sizeof(*t));
	if (accept_word(c, PT_WORD_APPROX_PREFIX))
		t->flags |= PT_FLAG_APPROXIMATE;
	/* 控制在 … 以内 (1.1) */
	if (c->v11 && accept_word(c, PT_WORD_KEEP_WITHIN))
		keep_within = true;
	if ((w = accept_word(c, PT_WORD_OP_SIGN)) != NULL)
	{
		cursor		probe = *c;
		const pt_word *again;

		op = (pt_op) w->value;
		/* ≤≤5%: a doubled sign is one (1.1); >> and << mean "much more" and are not read */
		if (c->v11 && (op == PT_OP_GE || op == PT_OP_LE || op == PT_OP_EQ) &&
			(again = accept_word(&probe, PT_WORD_OP_SIGN)) != NULL && (pt_op) again->value == op)
		{
			*c = probe;
			c->used_v11 = true;
		}
	}
	else if ((w = accept_word(c, PT_WORD_OP_PREFIX)) != NULL)
		op = (pt_op) w->value;
	if (keep_within && op != PT_OP_NONE)
		return SCAN_NONE;

	st = scan_number(c, &lo, err);
	if (st != PT_OK)
		return err->status == PT_OK ? SCAN_NONE : SCAN_ERROR;

	if (accept_range_separator(c))
	{
		if (op != PT_OP_NONE)
		{
			fail(err, PT_ERR_SYNTAX, PT_N_("A range cannot also have a comparison operator."),
				 PT_N_("Write either ≥5 or 5~10, not both."));
			return SCAN_ERROR;
		}
		st = scan_number(c, &hi, err);
		if (st != PT_OK)
			return err->status == PT_OK ? SCAN_NONE : SCAN_ERROR;
		is_range = true;
	}
	inclusive = accept_inclusion(c);
	if (!is_range && (w = accept_word(c, PT_WORD_OP_SUFFIX)) != NULL)
	{
		if (op != PT_OP_NONE && op != (pt_op) w->value)
		{
			fail(err, PT_ERR_SYNTAX, PT_N_("The operator before the number contradicts the word after it."),
				 PT_N_("以上 means ≥, 以下 and 以内 mean ≤, 以外 means >."));
			return SCAN_ERROR;
		}
		op = (pt_op) w->value;
		if (inclusive < 0)
			inclusive = accept_inclusion(c);
	}
	/* 控制在 needs its ceiling said: 以内, 以下, 之内, 内, or a range */
	if (keep_within && !is_range && op != PT_OP_LE)
		return SCAN_NONE;
	if (accept_word(c, PT_WORD_APPROX_SUFFIX))
		t->flags |= PT_FLAG_APPROXIMATE;
	if (op == PT_OP_NONE)
		op = is_range ? PT_OP_RANGE : PT_OP_EQ;
	if (inclusive >= 0 && apply_inclusion(&op, inclusive, err) == SCAN_ERROR)
		return SCAN_ERROR;

	if (finish_quantity(t, &lo, is_range ? &hi : NULL, op, key_out, err, c) == SCAN_ERROR)
		return SCAN_ERROR;
	return at_end(c) ? SCAN_FULL : SCAN_PARTIAL;
}

/* ---------------------------------------------------------------- labels */

bool
pt_grammar_followed_by_prose(cursor *c)
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

/*
 * Could the date grammar read anything here?  Every date starts with a
 * four-digit year followed by 年 (2025年…, and 2024-2025年 has one too) or by
 * - . / and a digit (2025-09-30, 2023.07): without either, skip the date
 * grammar (dates without a year come only with a context's year).
 */
static bool
may_be_date(const char *s, size_t len)
{
	const char *p,
			   *end = s + len;
	bool		four = false;
	size_t		run = 0,
				i;

	/* 2025年…: 年 (E5 B9 B4) after four digits */
	for (p = s; (p = memchr(p, 0xE5, (size_t) (end - p))) != NULL; p++)
		if (end - p >= 3 && (unsigned char) p[1] == 0xB9 && (unsigned char) p[2] == 0xB4)
		{
			for (i = 0; i < len && !four; i++)
			{
				run = (s[i] >= '0' && s[i] <= '9') ? run + 1 : 0;
				four = (run >= 4);
			}
			if (four)
				return true;
			break;
		}
	/* 2025-09-30, 2025.9.30, 2025/9/30, 2023.07: four digits, a separator, a digit */
	for (i = 4; i + 1 < len; i++)
		if ((s[i] == '-' || s[i] == '.' || s[i] == '/') && s[i + 1] >= '0' && s[i + 1] <= '9' &&
			s[i - 1] >= '0' && s[i - 1] <= '9' && s[i - 2] >= '0' && s[i - 2] <= '9' &&
			s[i - 3] >= '0' && s[i - 3] <= '9' && s[i - 4] >= '0' && s[i - 4] <= '9')
			return true;
	return false;
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
	cursor		c = CURSOR(folded, flen, 0, false, 0);
	cursor		probe;
	pt_status	st;
	bool		has_op;

	accept_word(&c, PT_WORD_APPROX_PREFIX);
	has_op = accept_word(&c, PT_WORD_OP_SIGN) != NULL ||
		accept_word(&c, PT_WORD_OP_PREFIX) != NULL ||
		accept_word(&c, PT_WORD_DATE_PREFIX) != NULL;

	/* a NaN or ∞ where the number should be */
	if ((st = pt_grammar_reject_non_finite(&c, err)) != PT_OK)
		return st;

	/* the number itself */
	probe = c;
	skip_spaces(&probe);
	if (LOOKING_AT(&probe, "+") || LOOKING_AT(&probe, "-"))
		probe.pos++;
	if (LOOKING_AT(&probe, ".") && is_digit_at(&probe, probe.pos + 1))
		return fail(err, PT_ERR_SYNTAX, PT_N_("The number does not start with a digit."),
					PT_N_("Write a digit before the decimal point: 0.5, not .5."));
	if (!is_digit_at(&probe, probe.pos))
		return fail(err, PT_ERR_SYNTAX,
					has_op ? PT_N_("The operator is not followed by a number.") :
					PT_N_("It starts like a quantity or a date but is not a complete one."),
					HINT_FORMS);

	/* a complete date or quantity, then something that belongs to neither */
	if (date_r == SCAN_PARTIAL && date_end >= quantity_end)
		return fail(err, PT_ERR_SYNTAX, PT_N_("The date is followed by text that is not part of a target."),
					PT_N_("End a date target with the date or with a word such as 之前 or 以后: "
					"2025年9月30日之前."));
	if (r == SCAN_PARTIAL)
	{
		c.pos = quantity_end;
		if (LOOKING_AT(&c, ",") && is_digit_at(&c, c.pos + 1))
			return fail(err, PT_ERR_SYNTAX, PT_N_("A comma in the number is not followed by a group of three digits."),
						PT_N_("Group digits in threes (1,234,567) or leave the commas out; "
						"the decimal separator is a point: 12.34."));
		if (digits_split_by_space(folded, quantity_end))
			return fail(err, PT_ERR_SYNTAX, PT_N_("The number has a space between its digits."),
						PT_N_("Write a number without spaces: 5000 or 5,000."));
		if (LOOKING_AT(&c, "/"))
			return fail(err, PT_ERR_SYNTAX, PT_N_("A / in the unit is not followed by a unit."),
						PT_N_("Write a unit after every /: 元/人/月."));
		return fail(err, PT_ERR_SYNTAX, PT_N_("The quantity is followed by text that is not part of a target."),
					HINT_FORMS);
	}
	return fail(err, PT_ERR_SYNTAX, PT_N_("It starts like a quantity or a date but is not a complete one."),
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
				return fail(err, PT_ERR_SYNTAX, PT_N_("A quote inside a quoted label must be doubled."),
							PT_N_("Write \"\" for a quote inside a label: \"他说\"\"好\"\"\"."));
		}
		raw[n++] = s[i];
	}
	memset(t, 0, sizeof(*t));
	t->kind = PT_KIND_LABEL;
	t->label = out;
	t->label_len = normalize_label(raw, n, out);
	if (t->label_len == 0)
		return fail(err, PT_ERR_SYNTAX, PT_N_("The quoted label is empty."), HINT_FORMS);
	return PT_OK;
}

/* ---------------------------------------------------------------- entry */

size_t
pt_parse_scratch_size(size_t len)
{
	/* folded text, then the unit key, then the label (and its raw copy) */
	return (len + 1) + (PT_UNIT_MAX_BYTES + 1) + 2 * (len + 1);
}

/* Any ASCII digit (full-width digits are folded to ASCII)? */
static bool
has_digit(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return true;
	return false;
}

/*
 * Reads folded text as a date or a quantity in the cursor's mode.  Returns
 * SCAN_FULL with *out filled (key gets a quantity's unit key), or the
 * outcome of the reading that got furthest, with the data explain_incomplete
 * and the label rule need.
 */
typedef struct reading
{
	scan_outcome date_r,
				r;
	size_t		date_end,
				quantity_end;
	bool		prose;			/* a complete target followed by prose */
	pt_error	date_err,
				err;
} reading;

static scan_outcome
read_value(cursor *c, bool dates, pt_target *out, char *key, reading *rd)
{
	c->pos = 0;
	rd->date_err.status = rd->err.status = PT_OK;
	rd->date_r = dates ? pt_scan_date(c, out, &rd->date_err) : SCAN_NONE;
	if (rd->date_r == SCAN_FULL)
		return SCAN_FULL;
	rd->date_end = c->pos;
	rd->prose = (rd->date_r == SCAN_PARTIAL && pt_grammar_followed_by_prose(c));

	c->pos = 0;
	rd->r = pt_scan_quantity(c, out, key, &rd->err);
	if (rd->r == SCAN_FULL)
		return SCAN_FULL;
	/* (where the quantity stopped, after any spaces: 5 000 has a space inside the number) */
	if (rd->r == SCAN_PARTIAL && pt_grammar_followed_by_prose(c))
		rd->prose = true;
	rd->quantity_end = c->pos;
	return rd->date_r == SCAN_ERROR || rd->r == SCAN_ERROR ? SCAN_ERROR : SCAN_PARTIAL;
}

static pt_status
make_label(const char *text, size_t len, pt_target *out, char *label)
{
	memset(out, 0, sizeof(*out));
	out->kind = PT_KIND_LABEL;
	out->label = label;
	out->label_len = normalize_label(text, len, label);
	return PT_OK;
}

/*
 * The whole reading of folded text.  1.0's spellings first: a complete
 * target read so is what 1.0 read, and it is kept.  Then 1.1's spellings
 * (and the context's year): a complete target read so is the value.  Text
 * that neither reads completely is what 1.0 made of it, a label or an
 * error; an error says what 1.1's reading found wrong when it found
 * something.
 */
static pt_status
read_folded(const char *text, size_t len, const char *folded, size_t flen, int year,
			pt_target *out, char *key, char *label, pt_error *err, bool *used_year)
{
	cursor		c = CURSOR(folded, flen, 0, false, 0);
	bool		four = may_be_date(folded, flen);
	reading		r10,
				r11;
	pt_target	date11;
	bool		label10;

	*used_year = false;
	if (read_value(&c, four, out, key, &r10) == SCAN_FULL)
		return PT_OK;
	label10 = r10.date_r != SCAN_ERROR && r10.r != SCAN_ERROR &&
		(r10.prose || !pt_lex_starts_like_target(folded, flen));

	/* 1.1: without a digit nothing more reads (a year alone comes with the context) */
	if (has_digit(folded, flen) || year != 0)
	{
		cursor		c11 = CURSOR(folded, flen, 0, true, 0);

		if (read_value(&c11, four, out, key, &r11) == SCAN_FULL)
			return PT_OK;
		if (year != 0)
		{
			/* dates without a year, in the context's year */
			c11 = CURSOR(folded, flen, 0, true, year);
			if (pt_scan_date(&c11, &date11, &r11.date_err) == SCAN_FULL)
			{
				*out = date11;
				*used_year = true;
				return PT_OK;
			}
		}
		if (!label10 && r11.date_r == SCAN_ERROR && r10.date_r != SCAN_ERROR)
		{
			*err = r11.date_err;
			return err->status;
		}
		if (!label10 && r11.r == SCAN_ERROR && r10.r != SCAN_ERROR && r10.date_r != SCAN_ERROR)
		{
			*err = r11.err;
			return err->status;
		}
	}
	if (label10)
		return make_label(text, len, out, label);
	if (year == 0 && r10.date_r != SCAN_ERROR && pt_lex_non_finite_at(folded, flen) == PT_LEX_FINITE)
	{
		/* 12月2日, 10月前: a date but for its year */
		cursor		c11 = CURSOR(folded, flen, 0, true, 2000);

		if (pt_scan_date(&c11, &date11, &r11.date_err) == SCAN_FULL)
			return fail(err, PT_ERR_SYNTAX, PT_N_("The date has no year."),
						PT_N_("Write the year with four digits (2025年12月2日); an import can supply the year of "
						"its table: ptarget_parse('10月前', year => 2025)."));
	}
	if (r10.date_r == SCAN_ERROR)
	{
		*err = r10.date_err;
		return err->status;
	}
	if (r10.r == SCAN_ERROR)
	{
		*err = r10.err;
		return err->status;
	}
	/* text that starts like a target but is none is an error; say what is wrong */
	return explain_incomplete(folded, flen, r10.date_r, r10.date_end, r10.r, r10.quantity_end, err);
}

pt_status
pt_parse(const char *text, size_t len, pt_target *out, char *scratch, pt_error *err)
{
	char	   *folded = scratch;
	char	   *key = scratch + len + 1;
	char	   *label = key + PT_UNIT_MAX_BYTES + 1;
	size_t		flen;
	cursor		c;
	bool		used_year;

	err->status = PT_OK;
	flen = pt_fold(text, len, folded);
	if (flen == (size_t) -1)
		return fail(err, PT_ERR_SYNTAX, PT_N_("The text is not valid UTF-8."),
					PT_N_("Targets are UTF-8 text."));
	c = CURSOR(folded, flen, 0, false, 0);
	if (at_end(&c))
		return fail(err, PT_ERR_SYNTAX, PT_N_("A target cannot be empty."), HINT_FORMS);

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
	return read_folded(text, len, folded, flen, 0, out, key, label, err, &used_year);
}

/* ---------------------------------------------------------------- context */

size_t
pt_parse_context_scratch_size(size_t len, const pt_context *ctx)
{
	/* pt_parse's, then the unit's folded text and the new unit key */
	return pt_parse_scratch_size(len) +
		(ctx != NULL && ctx->unit != NULL ? ctx->unit_len + 1 + PT_UNIT_MAX_BYTES + 1 : 0);
}

static pt_status read_unit_text(const char *unit, size_t unit_len, char *folded, number_parse *n,
								pt_error *err);

/*
 * A bare quantity (no unit, no /denominator) in the context's unit: the
 * magnitudes as written, in that unit (85 in a % column is 85%).  A scale
 * word written in the value stays with it (55万 in a 人次 column is
 * 55万人次); a value and a unit that both have one (5万 in a 万元 column) are
 * left as they are.  Returns false when the unit does not apply.
 */
static bool
apply_unit(pt_target *t, const pt_context *ctx, char *scratch, pt_error *err, pt_status *st)
{
	number_parse unit,
				lo,
				hi;
	char	   *folded = scratch;
	char	   *key = scratch + ctx->unit_len + 1;
	cursor		c;
	pt_target	u;

	*st = PT_OK;
	if (t->kind != PT_KIND_QUANTITY || t->unit_id != PT_UNIT_NONE || t->unit_key_len != 0)
		return false;
	memset(&unit, 0, sizeof(unit));
	if ((*st = read_unit_text(ctx->unit, ctx->unit_len, folded, &unit, err)) != PT_OK)
	{
		err->status = *st = PT_ERR_INVALID;
		return false;
	}
	if (!unit.has_unit || (unit.scale != 0 && t->scale != 0))
		return false;
	lo = unit;
	if (t->scale != 0)
		lo.scale = t->scale;
	if (!pt_written_magnitude(t, false, &lo.value))
		return false;
	lo.places = t->places[0];
	hi = lo;
	if (!pt_written_magnitude(t, true, &hi.value))
		return false;
	hi.places = t->places[1];
	c = CURSOR(folded, strlen(folded), 0, true, 0);
	u = *t;
	if (finish_quantity(&u, &lo, t->op == PT_OP_RANGE ? &hi : NULL,
						t->op, key, err, &c) != SCAN_FULL)
	{
		*st = err->status;
		return false;
	}
	u.flags = t->flags;
	*t = u;
	return true;
}

pt_status
pt_parse_context(const char *text, size_t len, const pt_context *ctx, pt_target *out,
				 char *scratch, pt_error *err, unsigned *applied)
{
	char	   *folded = scratch;
	char	   *key = scratch + len + 1;
	char	   *label = key + PT_UNIT_MAX_BYTES + 1;
	size_t		flen;
	bool		used_year = false;
	pt_status	st;
	int			year = ctx != NULL ? ctx->year : 0;

	*applied = 0;
	if (year != 0 && (year < PT_DATE_MIN_YEAR || year > PT_DATE_MAX_YEAR))
		return fail(err, PT_ERR_INVALID, PT_N_("The context's year is out of range."),
					PT_N_("Give a year from 1000 to 9999."));
	/* what the text reads as on its own comes first: the context never changes it */
	st = pt_parse(text, len, out, scratch, err);
	if (year != 0 && (st != PT_OK || out->kind == PT_KIND_LABEL))
	{
		pt_error	err_year;
		pt_target	dated;

		flen = pt_fold(text, len, folded);
		if (flen != (size_t) -1 &&
			read_folded(text, len, folded, flen, year, &dated, key, label, &err_year, &used_year) == PT_OK &&
			used_year)
		{
			*out = dated;
			*applied |= PT_CONTEXT_YEAR;
			err->status = PT_OK;
			return PT_OK;
		}
		if (st == PT_OK)		/* the label again: the scratch was reused */
			st = pt_parse(text, len, out, scratch, err);
	}
	if (st != PT_OK)
		return st;
	if (ctx != NULL && ctx->unit != NULL)
	{
		if (apply_unit(out, ctx, scratch + pt_parse_scratch_size(len), err, &st))
			*applied |= PT_CONTEXT_UNIT;
		else if (st != PT_OK)
			return st;
	}
	return PT_OK;
}

size_t
pt_context_note(unsigned applied, const pt_context *ctx, char *buf, size_t cap)
{
	int			n = 0;

	if (cap > 0)
		buf[0] = '\0';
	if (ctx == NULL || applied == 0 || cap == 0)
		return 0;
	if (applied & PT_CONTEXT_YEAR)
		n = snprintf(buf, cap, "year %d from the context", ctx->year);
	if ((applied & PT_CONTEXT_UNIT) && n >= 0 && (size_t) n < cap)
		n += snprintf(buf + n, cap - (size_t) n, "%sunit %.*s from the context",
					  n > 0 ? "; " : "", (int) (ctx->unit_len > 64 ? 64 : ctx->unit_len), ctx->unit);
	return n < 0 ? 0 : (size_t) n < cap ? (size_t) n : cap - 1;
}

/* ---------------------------------------------------------------- build */

/*
 * A whole unit text: optional scale word, optional unit, nothing else; read
 * with 1.0's spellings, else with 1.1's (台套, 人·次, /棵), as values are.
 */
static pt_status
read_unit_text(const char *unit, size_t unit_len, char *folded, number_parse *n,
			   pt_error *err)
{
	cursor		c;
	bool		too_long;
	size_t		flen = pt_fold(unit, unit_len, folded);
	number_parse n11 = *n;

	if (flen == (size_t) -1)
		return fail(err, PT_ERR_SYNTAX, PT_N_("The unit is not valid UTF-8."), PT_N_("Write a unit such as 万元."));
	c = CURSOR(folded, flen, 0, false, 0);
	scan_scaled_unit(&c, n, &too_long);
	if (!too_long && at_end(&c))
		return PT_OK;
	/* a unit 1.0 did not read: with 1.1's spellings, else 1.0's error */
	c = CURSOR(folded, flen, 0, true, 0);
	scan_scaled_unit(&c, &n11, &too_long);
	if (!too_long && at_end(&c))
	{
		*n = n11;
		return PT_OK;
	}
	c = CURSOR(folded, flen, 0, false, 0);
	scan_scaled_unit(&c, n, &too_long);
	if (too_long)
		return fail(err, PT_ERR_SYNTAX, PT_N_("The unit is longer than 64 bytes."),
					PT_N_("Write a unit such as %, 万元, 人次 or 元/人/月, at most 64 bytes with its /denominators."));
	if (!at_end(&c) && n->glued_end > n->glued_start)
	{
		char		message[sizeof(err->message)],
					hint[sizeof(err->hint)];
		const char *scale = pt_scale_spelling(n->scale);
		int			glued_len = (int) (n->glued_end - n->glued_start);

		/* both parts are short: a scale word and a unit of at most 64 bytes */
		snprintf(message, sizeof(message),
				 PT_("Written together, as output writes them, the scale word and the unit read as another unit: %s%.*s."),
				 scale, glued_len, folded + n->glued_start);
		snprintf(hint, sizeof(hint),
				 PT_("Give the unit alone and multiply the magnitude instead: 1%s %.*s is 1%.*s%.*s."),
				 scale, glued_len, folded + n->glued_start,
				 n->scale, "000000000000000000", glued_len, folded + n->glued_start);
		return fail(err, PT_ERR_SYNTAX, message, hint);
	}
	if (!at_end(&c))
		return fail(err, PT_ERR_SYNTAX, PT_N_("The unit is not a unit ptarget can read."),
					PT_N_("Write a unit such as %, 万元, 人次 or 元/人/月, at most 64 bytes."));
	return PT_OK;
}

pt_status
pt_build(const char *op_text, size_t op_len, const pt_decimal *magnitude, int places,
		 const char *unit, size_t unit_len, pt_target *out, char *scratch, pt_error *err)
{
	cursor		c;
	pt_op		op = PT_OP_NONE;
	const pt_word *w;
	number_parse n;
	char	   *folded = scratch;
	size_t		flen;
	static const char *const op_hint = PT_N_("Use ≥, >, ≤, <, = or a word such as 不低于 or 不超过.");

	err->status = PT_OK;
	memset(&n, 0, sizeof(n));

	/* the operator: a sign, a prefix word, or empty for "=" */
	flen = pt_fold(op_text, op_len, folded);
	if (flen == (size_t) -1)
		return fail(err, PT_ERR_SYNTAX, PT_N_("The operator is not valid UTF-8."), op_hint);
	c = CURSOR(folded, flen, 0, false, 0);
	if (!at_end(&c))
	{
		if ((w = accept_word(&c, PT_WORD_OP_SIGN)) == NULL &&
			(w = accept_word(&c, PT_WORD_OP_PREFIX)) == NULL)
			return fail(err, PT_ERR_SYNTAX, PT_N_("The operator is not one ptarget knows."), op_hint);
		op = (pt_op) w->value;
	}
	if (!at_end(&c))
		return fail(err, PT_ERR_SYNTAX, PT_N_("The operator is not one ptarget knows."), op_hint);
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
		return fail(err, PT_ERR_INVALID, PT_N_("Only a quantity target has a unit to convert."),
					PT_N_("Dates and labels have no unit."));
	if (read_unit_text(unit, unit_len, scratch, &n, err) != PT_OK)
		return err->status;
	if (n.unit.key_len != t->unit_key_len || memcmp(n.unit.key, t->unit_key, t->unit_key_len) != 0)
		return fail(err, PT_ERR_INVALID, PT_N_("The unit belongs to another dimension than the target's."),
					PT_N_("Convert only between units of one dimension: 万元 and 元, 小时 and 分钟, 年 and 月."));
	*out = *t;
	memcpy(key, n.unit.key, n.unit.key_len + 1);
	out->unit_key = key;
	out->unit_id = n.has_unit ? n.unit.unit_id : PT_UNIT_NONE;
	out->scale = (uint8_t) n.scale;
	for (i = 0; i < 2; i++)
	{
		if (!pt_written_magnitude(out, i == 1, &m) && !exact_beyond_range(out, i == 1, &m))
			return fail(err, PT_ERR_INVALID, PT_N_("The target cannot be written exactly in that unit."),
						PT_N_("Pick a unit the magnitude divides into exactly, e.g. 90分钟 is 1.5小时 but 1分钟 has no exact value in 小时."));
		/* what is written must read back */
		if (!pt_decimal_readable(&m, 0, &why))
			return fail(err, PT_ERR_INVALID,
						why == PT_DECIMAL_TOO_PRECISE ?
						PT_N_("In that unit the magnitude would need more than 28 significant digits.") :
						why == PT_DECIMAL_TOO_LARGE ?
						PT_N_("In that unit the magnitude would need more than 60 digits before the decimal point.") :
						PT_N_("In that unit the magnitude would need more than 60 decimal places."),
						PT_N_("Pick a unit closer to the target's own; ptarget keeps up to 28 significant digits, "
						"at most 60 digits before the decimal point and 60 after it."));
		out->places[i] = (uint8_t) pt_decimal_min_places(&m);
	}
	return PT_OK;
}
