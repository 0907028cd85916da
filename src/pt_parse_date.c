/*
 * pt_parse_date.c — the date grammar.
 *
 *   date   := [约] [op | 截至 … | 于 | 在] period [之前 | 前 | 以后 …] [verb] [左右]
 *           | [约] [于 | 在] period sep period [verb]
 *   period := yyyy年[M月[份][D日|D号|底|末|上旬|中旬|下旬] | 底 | 年底 | 全年
 *                   | [第]Q季度[末|底] | 上半年 | 下半年 | M-M'月]
 *           | yyyy-MM-dd | yyyy.M.d | yyyy/M/d | yyyy.MM (a month, years 1900..2199)
 *   the second period of a range may leave out what the first one gives:
 *           2024年3月-8月, 2024年3月1日-15日, 2024.3.1-11.30
 *
 * Read from 1.1 only (see pt_grammar.h): 于/在 before a date, quarters and
 * halves, 月份, M-M'月, the shortened second sides but 2024年3月-8月, a verb
 * ending the date (完成, 拨付到位 …), and dates without a year when the
 * context gives one (10月前 in a 2024 table).  A verb adds nothing:
 * 2024年11月完成 is the month, 2024年10月31日前完成 the deadline.
 *
 * A period is a span of days; a deadline word or 底 makes it "on or before
 * its last day", 以后/起 "on or after its first".  Dates are discrete, so
 * exclusive bounds become inclusive ones (<D is ≤ the day before D).
 */
#include "pt_grammar.h"

#include "pt_date.h"
#include "pt_i18n.h"

/* A day or a period: [first, last] days, and whether 底 implies "on or before". */
typedef struct period
{
	int32_t		first,
				last;
	bool		implies_deadline;
	int			year;			/* of the period's first day */
	int			month;			/* 0 when the period is no month or day */
	bool		has_day;		/* written down to the day */
	char		numeric_sep;	/* '-', '.', '/' for 2025.9.30; 0 for the Chinese forms */
} period;

int
pt_scan_small_int(cursor *c, int min_digits, int max_digits)
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
	PT_N_("January"), PT_N_("February"), PT_N_("March"), PT_N_("April"), PT_N_("May"), PT_N_("June"), PT_N_("July"), PT_N_("August"),
	PT_N_("September"), PT_N_("October"), PT_N_("November"), PT_N_("December")
};

/* A month outside 1..12; the hint is about months, not about days. */
static scan_outcome
impossible_month(pt_error *err)
{
	pt_grammar_fail(err, PT_ERR_DATE, PT_N_("The month does not exist in the calendar."), PT_N_("Months run from 1 to 12."));
	return SCAN_ERROR;
}

/* A day the month does not have; the hint gives that month's real length. */
static scan_outcome
impossible_day(int year, int month, int day, pt_error *err)
{
	char		hint[160];
	int			days = pt_date_days_in_month(year, month);

	if (month == 2 && day == 29)
		snprintf(hint, sizeof(hint), "%s", PT_("Check the year, month and day: February has 29 days only in leap years."));
	else if (month == 2)
		snprintf(hint, sizeof(hint), PT_("February has %d days in %d%s."), days, year,
				 days == 28 ? PT_(" (29 in leap years)") : "");
	else
		snprintf(hint, sizeof(hint), PT_("%s has %d days."), PT_(month_names[month - 1]), days);
	if (day == 0)
	{
		char		with_start[200];

		snprintf(with_start, sizeof(with_start), PT_("Days start at 1: %s"), hint);
		pt_grammar_fail(err, PT_ERR_DATE, PT_N_("The day does not exist in the calendar."), with_start);
	}
	else
		pt_grammar_fail(err, PT_ERR_DATE, PT_N_("The day does not exist in the calendar."), hint);
	return SCAN_ERROR;
}

static scan_outcome
make_period(int year, int month, int day_first, int day_last, period *p, pt_error *err)
{
	if (year < PT_DATE_MIN_YEAR || year > PT_DATE_MAX_YEAR)
	{
		pt_grammar_fail(err, PT_ERR_DATE, PT_N_("The year is out of range."), PT_N_("Years from 1000 to 9999 are accepted."));
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

/* [第]Q季度[末|底] (1.1): the quarter Q of the year, or its last day */
static scan_outcome
scan_quarter(cursor *c, int year, period *p, pt_error *err)
{
	cursor		probe = *c;
	const pt_word *q;
	scan_outcome r;

	ACCEPT(&probe, "第");
	if ((q = accept_word(&probe, PT_WORD_QUARTER)) == NULL || !ACCEPT(&probe, "季度"))
		return SCAN_NONE;
	*c = probe;
	c->used_v11 = true;
	if ((r = make_period(year, 3 * q->value - 2, 1, 1, p, err)) != SCAN_FULL)
		return r;
	p->last = pt_date_to_days(year, 3 * q->value, pt_date_days_in_month(year, 3 * q->value));
	p->month = 0;
	if (ACCEPT(c, "末") || ACCEPT(c, "底"))
	{
		p->implies_deadline = true;
		p->first = p->last;
	}
	return SCAN_FULL;
}

/* 上半年 | 下半年 [末|底] (1.1) */
static scan_outcome
scan_half(cursor *c, int year, period *p, pt_error *err)
{
	const pt_word *h = accept_word(c, PT_WORD_HALF);
	scan_outcome r;

	if (h == NULL)
		return SCAN_NONE;
	c->used_v11 = true;
	if ((r = make_period(year, h->value == 1 ? 1 : 7, 1, 1, p, err)) != SCAN_FULL)
		return r;
	p->last = pt_date_to_days(year, h->value == 1 ? 6 : 12, h->value == 1 ? 30 : 31);
	p->month = 0;
	if (ACCEPT(c, "末") || ACCEPT(c, "底"))
	{
		p->implies_deadline = true;
		p->first = p->last;
	}
	return SCAN_FULL;
}

/*
 * 2025年[M月[D日|底|上旬|中旬|下旬]] | 2025年底 | 2025年全年 (the cursor after
 * 年).  yearless: the year came from the context and something after it must
 * say which part of the year (10月前, 第四季度), or it is no date.
 */
static scan_outcome
scan_chinese_date(cursor *c, int year, period *p, pt_error *err, bool yearless)
{
	cursor		probe;
	int			month,
				day;
	scan_outcome r;

	p->year = year;
	if (ACCEPT(c, "全年"))
		return whole_year(year, p, err);
	if (ACCEPT(c, "年底") || (!yearless && ACCEPT(c, "底")))
	{
		p->implies_deadline = true;
		return make_period(year, 12, 31, 31, p, err);
	}
	if (c->v11 && ((r = scan_quarter(c, year, p, err)) != SCAN_NONE ||
				   (r = scan_half(c, year, p, err)) != SCAN_NONE))
		return r;
	probe = *c;
	skip_spaces(&probe);
	month = pt_scan_small_int(&probe, 1, 2);
	if (month >= 0 && c->v11 && !LOOKING_AT(&probe, "月"))
	{
		/* 2024年3—8月: the months 3 to 8 (1.1) */
		cursor		range = probe;
		int			last;

		if (accept_word(&range, PT_WORD_RANGE) != NULL &&
			(skip_spaces(&range), (last = pt_scan_small_int(&range, 1, 2)) >= 0) && ACCEPT(&range, "月"))
		{
			period		end;

			ACCEPT(&range, "份");
			if ((r = make_period(year, month, 1, 0, p, err)) != SCAN_FULL ||
				(r = make_period(year, last, 1, 0, &end, err)) != SCAN_FULL)
				return r;
			if (p->first > end.last)
			{
				pt_grammar_fail(err, PT_ERR_SYNTAX, PT_N_("The first month of the range is after the second."),
								PT_N_("Write the earlier month first: 2024年3—8月."));
				return SCAN_ERROR;
			}
			p->last = end.last;
			p->month = 0;
			*c = range;
			c->used_v11 = true;
			return SCAN_FULL;
		}
	}
	if (month < 0 || !ACCEPT(&probe, "月"))
	{
		if (yearless)
			return SCAN_NONE;
		return whole_year(year, p, err);
	}
	*c = probe;
	p->month = month;
	if (c->v11 && ACCEPT(c, "份"))
		c->used_v11 = true;
	if (ACCEPT(c, "底") || ACCEPT(c, "末"))
	{
		if (month < 1 || month > 12)
			return impossible_month(err);
		p->implies_deadline = true;
		day = pt_date_days_in_month(year, month);
		return make_period(year, month, day, day, p, err);
	}
	if (ACCEPT(c, "上旬"))
		return make_period(year, month, 1, 10, p, err);
	if (ACCEPT(c, "中旬"))
		return make_period(year, month, 11, 20, p, err);
	if (ACCEPT(c, "下旬"))
		return make_period(year, month, 21, 0, p, err);
	probe = *c;
	skip_spaces(&probe);
	day = pt_scan_small_int(&probe, 1, 2);
	if (day >= 0 && (ACCEPT(&probe, "日") || ACCEPT(&probe, "号")))
	{
		*c = probe;
		p->has_day = true;
		return make_period(year, month, day, day, p, err);
	}
	return make_period(year, month, 1, 0, p, err);
}

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
	size_t		month_start = c->pos;

	month = pt_scan_small_int(c, 1, 2);
	if (month < 0)
		return SCAN_NONE;
	p->year = year;
	p->month = month;
	p->numeric_sep = sep;
	if (looking_at_n(c, &sep, 1) && is_digit_at(c, c->pos + 1))
	{
		c->pos++;
		day = pt_scan_small_int(c, 1, 2);
		if (day < 0)
			return SCAN_NONE;
		p->has_day = true;
		return make_period(year, month, day, day, p, err);
	}
	if (c->pos - month_start != 2 || year < PT_BARE_MONTH_MIN_YEAR || year > PT_BARE_MONTH_MAX_YEAR)
		return SCAN_NONE;
	return make_period(year, month, 1, 0, p, err);
}

/* A range separator, then a four-digit year written with 年. */
static bool
year_follows_separator(const cursor *c)
{
	cursor		probe = *c;

	return accept_word(&probe, PT_WORD_RANGE) != NULL &&
		(skip_spaces(&probe), pt_scan_small_int(&probe, 4, 4) >= 0) && LOOKING_AT(&probe, "年");
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
	if (pt_scan_small_int(&probe, 1, 2) < 0 || !LOOKING_AT(&probe, "月"))
		return SCAN_NONE;
	pt_date_from_days(first_day, &year, &month, &day);
	memset(p, 0, sizeof(*p));
	return scan_chinese_date(c, year, p, err, false);
}

/*
 * The second end of a range that leaves out more (1.1): 2024.3.1-11.30 (a
 * month and day in the first end's year, with its separator) and
 * 2024年3月1日-15日 (a day in the first end's month).
 */
static scan_outcome
scan_shortened_end(cursor *c, const period *a, period *p, pt_error *err)
{
	cursor		probe = *c;
	int			month,
				day;

	skip_spaces(&probe);
	memset(p, 0, sizeof(*p));
	if (a->numeric_sep != 0 && a->has_day)
	{
		month = pt_scan_small_int(&probe, 1, 2);
		if (month < 0 || !looking_at_n(&probe, &a->numeric_sep, 1) || !is_digit_at(&probe, probe.pos + 1))
			return SCAN_NONE;
		probe.pos++;
		if ((day = pt_scan_small_int(&probe, 1, 2)) < 0)
			return SCAN_NONE;
	}
	else if (a->numeric_sep == 0 && a->has_day)
	{
		month = a->month;
		if ((day = pt_scan_small_int(&probe, 1, 2)) < 0 || !(ACCEPT(&probe, "日") || ACCEPT(&probe, "号")))
			return SCAN_NONE;
	}
	else
		return SCAN_NONE;
	*c = probe;
	c->used_v11 = true;
	return make_period(a->year, month, day, day, p, err);
}

static scan_outcome
scan_period(cursor *c, period *p, pt_error *err)
{
	int			year;
	cursor		probe;

	memset(p, 0, sizeof(*p));
	skip_spaces(c);
	probe = *c;
	year = pt_scan_small_int(&probe, 4, 4);
	if (year < 0)
	{
		/* 10月前 in a table of 2024: the year from the context (1.1) */
		scan_outcome r;

		if (c->year == 0 || !c->v11)
			return SCAN_NONE;
		probe = *c;
		r = scan_chinese_date(&probe, c->year, p, err, true);
		if (r != SCAN_NONE)
		{
			*c = probe;
			c->used_v11 = true;
		}
		return r;
	}
	if (ACCEPT(&probe, "年"))
	{
		*c = probe;
		return scan_chinese_date(c, year, p, err, false);
	}
	if (year_follows_separator(&probe))
	{
		/* 2024-2025年: a bare year opening a range of years */
		*c = probe;
		return whole_year(year, p, err);
	}
	if ((LOOKING_AT(&probe, "-") || LOOKING_AT(&probe, ".") || LOOKING_AT(&probe, "/")) &&
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

scan_outcome
pt_scan_date(cursor *c, pt_target *t, pt_error *err)
{
	pt_op		op = PT_OP_NONE;
	const pt_word *w;
	period		a,
				b;
	scan_outcome r;

	memset(t, 0, sizeof(*t));
	if (accept_word(c, PT_WORD_APPROX_PREFIX))
		t->flags |= PT_FLAG_APPROXIMATE;
	if ((w = accept_word(c, PT_WORD_OP_SIGN)) != NULL ||
		(w = accept_word(c, PT_WORD_DATE_PREFIX)) != NULL ||
		(w = accept_word(c, PT_WORD_OP_PREFIX)) != NULL)
		op = (pt_op) w->value;
	else if (c->v11)
		accept_word(c, PT_WORD_DATE_AT);	/* 于2024年9月底前 */

	r = scan_period(c, &a, err);
	if (r != SCAN_FULL)
		return r;
	t->kind = PT_KIND_DATE;

	{
		cursor		probe = *c;

		if (op == PT_OP_NONE && accept_word(&probe, PT_WORD_RANGE))
		{
			r = scan_period(&probe, &b, err);
			if (r == SCAN_NONE)
				r = scan_period_in_year(&probe, a.first, &b, err);
			if (r == SCAN_NONE && c->v11)
				r = scan_shortened_end(&probe, &a, &b, err);
			if (r == SCAN_ERROR)
				return r;
			if (r == SCAN_FULL)
			{
				*c = probe;
				if (a.first > b.last)
				{
					pt_grammar_fail(err, PT_ERR_SYNTAX, PT_N_("The first date of the range is after the second."),
									PT_N_("Write the earlier date first: 2025年1月1日~2025年3月31日."));
					return SCAN_ERROR;
				}
				t->op = PT_OP_RANGE;
				t->lower.day = a.first;
				t->upper.day = b.last;
				goto done;
			}
		}
	}
	if ((w = accept_word(c, PT_WORD_DATE_SUFFIX)) != NULL)
	{
		if (op != PT_OP_NONE && op != (pt_op) w->value)
		{
			pt_grammar_fail(err, PT_ERR_SYNTAX, PT_N_("The operator before the date contradicts the word after it."),
							PT_N_("之前 and 前 mean on or before; 之后 and 以后 mean on or after."));
			return SCAN_ERROR;
		}
		op = (pt_op) w->value;
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
		pt_grammar_fail(err, PT_ERR_DATE, PT_N_("The date lies outside the years 1000 to 9999."),
						PT_N_("Years from 1000 to 9999 are accepted."));
		return SCAN_ERROR;
	}
done:
	pt_bounds_from_op(t);
	if (accept_word(c, PT_WORD_APPROX_SUFFIX))
		t->flags |= PT_FLAG_APPROXIMATE;
	if (c->v11)
	{
		/* a verb ends the text: 2024年10月31日前完成, 于2024年9月底前拨付到位 (1.1) */
		cursor		probe = *c;

		if (accept_word(&probe, PT_WORD_VERB) != NULL && (ACCEPT(&probe, "。"), at_end(&probe)))
			*c = probe;
	}
	return at_end(c) ? SCAN_FULL : SCAN_PARTIAL;
}
