/*
 * pt_format.c — the canonical text of a target, and its written parts.
 *
 * Canonical forms (documented in README.md):
 *   quantity  [约]≥95%   ≤50万元   <5次   365天   5~10个   ≤1000元/人/月
 *   date      [约]2025年12月2日   ≤2025年9月30日   ≥2025年1月1日
 *             2025年3月 (whole month)   2025年 (whole year)
 *             2025年1月1日~2025年3月5日
 *   label     普遍满意   "完成2个" (quoted when it holds digits)
 */
#include "ptarget_core.h"

#include <string.h>

#include "pt_date.h"
#include "pt_lexicon.h"

#define Min(a, b) ((a) < (b) ? (a) : (b))

/* Appends text to buf while keeping the total length; never writes past cap. */
typedef struct out_buf
{
	char	   *buf;
	size_t		cap;
	size_t		len;
} out_buf;

static inline void
put(out_buf *o, const char *s, size_t n)
{
	if (o->len + n <= o->cap)
	{
		/* the pieces are short: a loop beats a call */
		char	   *d = o->buf + o->len;
		size_t		i;

		for (i = 0; i < n; i++)
			d[i] = s[i];
	}
	else if (o->len < o->cap)
		memcpy(o->buf + o->len, s, o->cap - o->len);
	o->len += n;
}

static void
puts_(out_buf *o, const char *s)
{
	put(o, s, strlen(s));
}

static void
put_int(out_buf *o, int v)
{
	char		tmp[16];
	int			n = 0;
	unsigned	u = v < 0 ? (unsigned) -v : (unsigned) v;

	do
	{
		tmp[n++] = (char) ('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		put(o, "-", 1);
	while (n > 0)
		put(o, &tmp[--n], 1);
}

static size_t
finish(out_buf *o)
{
	if (o->cap > 0)
		o->buf[o->len < o->cap ? o->len : o->cap - 1] = '\0';
	return o->len;
}

const char *
pt_op_symbol(pt_op op)
{
	switch (op)
	{
		case PT_OP_EQ:
			return "=";
		case PT_OP_GE:
			return "≥";
		case PT_OP_GT:
			return ">";
		case PT_OP_LE:
			return "≤";
		case PT_OP_LT:
			return "<";
		case PT_OP_RANGE:
			return "~";
		default:
			return "";
	}
}

/* The /denominators part of the unit key ("" when simple). */
static const char *
denominators(const pt_target *t, size_t *len)
{
	const char *slash = memchr(t->unit_key, '/', t->unit_key_len);

	*len = slash ? (size_t) (t->unit_key + t->unit_key_len - slash) : 0;
	return slash ? slash : "";
}

static void
put_unit(out_buf *o, const pt_target *t)
{
	const pt_unit *row = pt_unit_by_id(t->unit_id);
	const char *denoms;
	size_t		denoms_len;

	if (t->scale != 0)
	{
		const char *scale = pt_scale_spelling(t->scale);

		puts_(o, scale ? scale : "");
	}
	if (t->unit_id == PT_UNIT_WORD)
	{
		put(o, t->unit_key, t->unit_key_len);
		return;
	}
	if (row != NULL)
		put(o, row->spelling, row->len);
	denoms = denominators(t, &denoms_len);
	put(o, denoms, denoms_len);
}

size_t
pt_format_unit(const pt_target *t, char *buf, size_t cap)
{
	out_buf		o = {buf, cap, 0};

	if (t->kind == PT_KIND_QUANTITY)
		put_unit(&o, t);
	return finish(&o);
}

size_t
pt_format_dimension(const pt_target *t, char *buf, size_t cap)
{
	out_buf		o = {buf, cap, 0};
	const pt_unit *row = pt_unit_by_id(t->unit_id);
	const char *denoms;
	size_t		denoms_len;

	if (t->kind == PT_KIND_DATE)
		puts_(&o, "date");
	else if (t->kind == PT_KIND_LABEL)
		puts_(&o, "label");
	else if (t->unit_id == PT_UNIT_NONE)
	{
		puts_(&o, "none");
		put(&o, t->unit_key, t->unit_key_len);	/* /denominators, from 1.1 */
	}
	else if (t->unit_id == PT_UNIT_WORD)
	{
		puts_(&o, "count:");
		put(&o, t->unit_key, t->unit_key_len);
	}
	else
	{
		puts_(&o, row ? row->dimension : "?");
		denoms = denominators(t, &denoms_len);
		put(&o, denoms, denoms_len);
	}
	return finish(&o);
}

bool
pt_written_magnitude(const pt_target *t, bool upper, pt_decimal *out)
{
	if (t->kind != PT_KIND_QUANTITY)
		return false;
	/* one-sided targets keep their magnitude in both bound slots */
	*out = (upper ? &t->upper : &t->lower)->value;
	return pt_unit_from_base(pt_unit_by_id(t->unit_id), t->scale, out);
}

/* Does the written unit start with 年 (2400年 would read as a year)? */
static bool
year_unit(const pt_target *t)
{
	const pt_unit *row = pt_unit_by_id(t->unit_id);

	if (row != NULL)
		return pt_lex_is_year_unit(row->spelling, row->len) && row->len == strlen("年");
	return t->unit_id == PT_UNIT_WORD && pt_lex_is_year_unit(t->unit_key, t->unit_key_len);
}

static void
put_magnitude(out_buf *o, const pt_target *t, bool upper)
{
	pt_decimal	m;
	char		text[PT_DECIMAL_TEXT_MAX];
	int			places = t->places[upper ? 1 : 0];

	if (!pt_written_magnitude(t, upper, &m))
		m = (upper ? t->upper : t->lower).value;	/* unreachable for valid values */
	/* (a scale word or a negative magnitude never reads as a date: no unit lookup) */
	if (t->scale == 0 && m.coef > 0 &&
		pt_lex_magnitude_reads_as_date(&m, places, t->scale, year_unit(t)))
		puts_(o, "0");
	if (o->cap - Min(o->len, o->cap) >= PT_DECIMAL_TEXT_MAX)
		o->len += pt_decimal_format(&m, places, o->buf + o->len);	/* room: write in place */
	else
		put(o, text, pt_decimal_format(&m, places, text));
}

static void
format_quantity(out_buf *o, const pt_target *t)
{
	if (t->op == PT_OP_RANGE)
	{
		put_magnitude(o, t, false);
		puts_(o, "~");
		put_magnitude(o, t, true);
	}
	else
	{
		if (t->op != PT_OP_EQ)
			puts_(o, pt_op_symbol(t->op));
		put_magnitude(o, t, t->op == PT_OP_LE || t->op == PT_OP_LT);
	}
	put_unit(o, t);
}

static void
put_day(out_buf *o, int32_t days)
{
	int			y,
				m,
				d;

	pt_date_from_days(days, &y, &m, &d);
	put_int(o, y);
	puts_(o, "年");
	put_int(o, m);
	puts_(o, "月");
	put_int(o, d);
	puts_(o, "日");
}

static void
format_date(out_buf *o, const pt_target *t)
{
	int			y1,
				m1,
				d1,
				y2,
				m2,
				d2;

	if (t->op == PT_OP_GE)
	{
		puts_(o, "≥");
		put_day(o, t->lower.day);
		return;
	}
	if (t->op == PT_OP_LE)
	{
		puts_(o, "≤");
		put_day(o, t->upper.day);
		return;
	}
	pt_date_from_days(t->lower.day, &y1, &m1, &d1);
	pt_date_from_days(t->upper.day, &y2, &m2, &d2);
	if (t->lower.day == t->upper.day)
		put_day(o, t->lower.day);
	else if (y1 == y2 && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31)
	{
		put_int(o, y1);
		puts_(o, "年");
	}
	else if (y1 == y2 && m1 == m2 && d1 == 1 && d2 == pt_date_days_in_month(y2, m2))
	{
		put_int(o, y1);
		puts_(o, "年");
		put_int(o, m1);
		puts_(o, "月");
	}
	else
	{
		put_day(o, t->lower.day);
		puts_(o, "~");
		put_day(o, t->upper.day);
	}
}

static void
format_label(out_buf *o, const pt_target *t)
{
	size_t		i,
				start = 0;

	if (!pt_label_needs_quotes(t->label, t->label_len))
	{
		put(o, t->label, t->label_len);
		return;
	}
	puts_(o, "\"");
	for (i = 0; i < t->label_len; i++)
		if (t->label[i] == '"')
		{
			put(o, t->label + start, i + 1 - start);
			puts_(o, "\"");
			start = i + 1;
		}
	put(o, t->label + start, t->label_len - start);
	puts_(o, "\"");
}

size_t
pt_format(const pt_target *t, char *buf, size_t cap)
{
	out_buf		o = {buf, cap, 0};

	if (t->flags & PT_FLAG_APPROXIMATE)
		puts_(&o, "约");
	switch (t->kind)
	{
		case PT_KIND_QUANTITY:
			format_quantity(&o, t);
			break;
		case PT_KIND_DATE:
			format_date(&o, t);
			break;
		case PT_KIND_LABEL:
			format_label(&o, t);
			break;
	}
	return finish(&o);
}

size_t
pt_format_size(const pt_target *t)
{
	if (t->kind == PT_KIND_LABEL)
		return 2 * t->label_len + 8;
	return 2 * PT_DECIMAL_TEXT_MAX + 2 * PT_UNIT_MAX_BYTES + 64;
}
