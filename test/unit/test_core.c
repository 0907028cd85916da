/*
 * test_core.c — unit tests of the plain-C core (no server): decimals, dates,
 * the grammar and canonical output, packing, and the semantics.
 * Usage: test_core SEED_CELLS_TSV
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pt_date.h"
#include "ptarget_core.h"

/* A parsed target with its own scratch, so tests can keep several. */
typedef struct parsed
{
	pt_target	t;
	pt_error	err;
	pt_status	status;
	char		scratch[4096];
	char		text[1024];
} parsed;

static parsed *
parse(const char *s)
{
	parsed	   *p = calloc(1, sizeof(parsed));

	p->status = pt_parse(s, strlen(s), &p->t, p->scratch, &p->err);
	if (p->status == PT_OK)
		pt_format(&p->t, p->text, sizeof(p->text));
	return p;
}

static void
expect_canonical(const char *input, pt_kind kind, const char *canonical)
{
	parsed	   *p = parse(input);

	CHECK(p->status == PT_OK, "%s: %s", input, p->err.message);
	CHECK(p->t.kind == kind, "%s: kind %d", input, p->t.kind);
	CHECK(strcmp(p->text, canonical) == 0, "%s: got %s, want %s", input, p->text, canonical);
	free(p);
}

static void
expect_error(const char *input, pt_status status)
{
	parsed	   *p = parse(input);

	CHECK(p->status == status, "%s: status %d, want %d", input, p->status, status);
	free(p);
}

static int
compare_texts(const char *a, const char *b)
{
	parsed	   *pa = parse(a),
			   *pb = parse(b);
	int			c = pt_compare(&pa->t, &pb->t);

	free(pa);
	free(pb);
	return c;
}

static void
test_decimal(void)
{
	pt_decimal	d,
				e;
	int			places;
	size_t		used;
	char		buf[PT_DECIMAL_TEXT_MAX];

	CHECK(pt_decimal_scan("1,265,822.78", 12, &d, &places, &used) == PT_DECIMAL_OK && used == 12 &&
		  places == 2 && d.coef == 126582278 && d.exp == -2, "thousands separators");
	CHECK(pt_decimal_scan("12,34", 5, &d, &places, &used) == PT_DECIMAL_OK && used == 2,
		  "a separator must be followed by three digits");
	CHECK(pt_decimal_scan("5500.00", 7, &d, &places, &used) == PT_DECIMAL_OK && d.coef == 55 &&
		  d.exp == 2 && places == 2, "normalized, places kept");
	CHECK(pt_decimal_scan("12345678901234567890123456789", 29, &d, &places, &used) ==
		  PT_DECIMAL_TOO_PRECISE, "29 digits");
	CHECK(pt_decimal_scan("abc", 3, &d, &places, &used) == PT_DECIMAL_NONE, "no number");
	pt_decimal_scan("0.55", 4, &d, &places, &used);
	CHECK(pt_decimal_scale(&d, 1, 4) && d.coef == 55 && d.exp == 2, "0.55 * 10^4 = 5500");
	CHECK(pt_decimal_unscale(&d, 3600, 0) == false || pt_decimal_format(&d, 0, buf) > 0,
		  "unscale by 3600 of 5500");
	pt_decimal_scan("5400", 4, &d, &places, &used);
	CHECK(pt_decimal_unscale(&d, 3600, 0) && pt_decimal_format(&d, 0, buf) && strcmp(buf, "1.5") == 0,
		  "5400 s = 1.5 h, got %s", buf);
	pt_decimal_scan("60", 2, &d, &places, &used);
	CHECK(!pt_decimal_unscale(&d, 3600, 0), "60 s is no exact decimal of hours");
	pt_decimal_scan("-0.5", 4, &d, &places, &used);
	pt_decimal_scan("0.50", 4, &e, &places, &used);
	CHECK(pt_decimal_cmp(&d, &e) < 0 && pt_decimal_cmp(&e, &d) > 0, "sign order");
	e.coef = -e.coef;
	CHECK(pt_decimal_cmp(&d, &e) == 0, "-0.5 = -0.50");
	pt_decimal_format(&d, 3, buf);
	CHECK(strcmp(buf, "-0.500") == 0, "format with places: %s", buf);
	d.coef = 12;
	d.exp = 3;
	pt_decimal_format(&d, 0, buf);
	CHECK(strcmp(buf, "12000") == 0, "format positive exponent: %s", buf);
}

static void
test_dates(void)
{
	int			y,
				m,
				d;
	int32_t		day;

	CHECK(pt_date_to_days(2000, 1, 1) == 0, "epoch");
	CHECK(pt_date_to_days(2025, 9, 30) == 9404, "2025-09-30 = %d (PostgreSQL: date - date)", pt_date_to_days(2025, 9, 30));
	CHECK(!pt_date_valid(2025, 2, 29) && pt_date_valid(2024, 2, 29) && !pt_date_valid(1900, 2, 29) &&
		  pt_date_valid(2000, 2, 29), "leap years");
	for (day = pt_date_to_days(1000, 1, 1); day <= pt_date_to_days(9999, 12, 31); day += 37)
	{
		pt_date_from_days(day, &y, &m, &d);
		if (pt_date_to_days(y, m, d) != day || !pt_date_valid(y, m, d))
		{
			CHECK(0, "day %d does not round trip", day);
			return;
		}
	}
	CHECK(1, "day numbers round trip from year 1000 to 9999");
}

static void
test_grammar(void)
{
	expect_canonical(">=95%", PT_KIND_QUANTITY, "≥95%");
	expect_canonical("≧95％", PT_KIND_QUANTITY, "≥95%");
	expect_canonical("不超过50万元", PT_KIND_QUANTITY, "≤50万元");
	expect_canonical("90%以上", PT_KIND_QUANTITY, "≥90%");
	expect_canonical("超过100人", PT_KIND_QUANTITY, ">100人");
	expect_canonical("3个工作日以内", PT_KIND_QUANTITY, "≤3个工作日");
	expect_canonical("5万-10万元", PT_KIND_QUANTITY, "5~10万元");
	expect_canonical("约5个", PT_KIND_QUANTITY, "约5个");
	expect_canonical("≥48万次/年", PT_KIND_QUANTITY, "≥48万次/年");
	expect_canonical("2025年9月30日之前", PT_KIND_DATE, "≤2025年9月30日");
	expect_canonical("2025年3月底前", PT_KIND_DATE, "≤2025年3月31日");
	expect_canonical("2025年全年", PT_KIND_DATE, "2025年");
	expect_canonical("2023.07", PT_KIND_DATE, "2023年7月");
	expect_canonical("2023.13万元", PT_KIND_QUANTITY, "2023.13万元");
	/* a bare month needs two digits and a plausible year: these are numbers */
	expect_canonical("1420.5", PT_KIND_QUANTITY, "1420.5");
	expect_canonical("≤1156.06", PT_KIND_QUANTITY, "≤1156.06");
	expect_canonical("2023-07", PT_KIND_DATE, "2023年7月");
	/* quantities that would print as dates keep a leading zero */
	expect_canonical("2,025年", PT_KIND_QUANTITY, "02025年");
	expect_canonical("02023.07", PT_KIND_QUANTITY, "02023.07");
	expect_canonical("≤1156.06", PT_KIND_QUANTITY, "≤1156.06");
	/* a spaced scale word that would glue into another unit keeps no unit */
	expect_canonical("2千 瓦时", PT_KIND_LABEL, "\"2千 瓦时\"");
	expect_canonical("12万 元", PT_KIND_QUANTITY, "12万元");
	expect_error("<1000年1月1日", PT_ERR_DATE);
	expect_error("\"\xe2\x80\x89\"", PT_ERR_SYNTAX);
	expect_canonical("普遍满意", PT_KIND_LABEL, "普遍满意");
	expect_canonical("完成2个", PT_KIND_LABEL, "\"完成2个\"");
	expect_canonical("\"≥95%\"", PT_KIND_LABEL, "\"≥95%\"");
	expect_canonical("2025年12月底之前完成项目资金阶段性支付", PT_KIND_LABEL,
					 "\"2025年12月底之前完成项目资金阶段性支付\"");
	expect_error("", PT_ERR_SYNTAX);
	expect_error("≥95%%", PT_ERR_SYNTAX);
	expect_error("≥NaN%", PT_ERR_SYNTAX);
	expect_error("≥∞", PT_ERR_RANGE);
	expect_error("2025年2月29日之前", PT_ERR_DATE);
	expect_error("12345678901234567890123456789元", PT_ERR_RANGE);
	expect_error("10~5个", PT_ERR_SYNTAX);
	expect_error("\xff\xfe", PT_ERR_SYNTAX);
}

static void
test_semantics(void)
{
	CHECK(compare_texts("≤0.55万元", "≤5500元") == 0, "equal across scale words");
	CHECK(compare_texts("1年", "12月") == 0, "a year is twelve months");
	CHECK(compare_texts("≥5人", "≥5人次") != 0, "人 and 人次 differ");
	CHECK(compare_texts("<90%", "≤90%") < 0 && compare_texts("≥90%", ">90%") < 0,
		  "inclusive lower bounds first, exclusive upper bounds first");
	CHECK(compare_texts("≥95%", "2025年") < 0 && compare_texts("2025年", "合格") < 0, "kinds order");
	{
		parsed	   *a = parse("≥95%"),
				   *b = parse("≥98%"),
				   *c = parse("<5次"),
				   *d = parse("5次");
		pt_decimal	n = {965, -1};
		bool		comparable;

		CHECK(pt_contains(&a->t, &b->t) && !pt_contains(&b->t, &a->t), "≥95%% @> ≥98%%");
		CHECK(!pt_contains(&c->t, &d->t) && !pt_overlaps(&c->t, &d->t), "<5次 vs 5次");
		CHECK(pt_contains_number(&a->t, &n, &comparable) && comparable, "≥95%% @> 96.5");
		free(a);
		free(b);
		free(c);
		free(d);
	}
}

/* Every value packs to at most its size, unpacks equal, and prints the same. */
static void
check_pack_round_trip(const char *input)
{
	parsed	   *p = parse(input);
	uint8_t		packed[1024];
	size_t		size;
	pt_target	u;
	char		text[1024];
	size_t		cut;

	if (p->status != PT_OK)
	{
		free(p);
		return;
	}
	size = pt_packed_size(&p->t);
	pt_pack(&p->t, packed);
	CHECK(pt_unpack(packed, size, &u) && pt_compare(&u, &p->t) == 0, "%s: unpack", input);
	pt_format(&u, text, sizeof(text));
	CHECK(strcmp(text, p->text) == 0, "%s: %s after unpack", input, text);
	/* every truncation is refused */
	for (cut = 0; cut < size; cut++)
		if (pt_unpack(packed, cut, &u) && p->t.kind != PT_KIND_LABEL)
		{
			CHECK(0, "%s: truncated to %zu bytes was accepted", input, cut);
			break;
		}
	free(p);
}

static char *
tsv_field(char *line, int index)
{
	int			i;

	for (i = 0; i < index && line; i++)
	{
		line = strchr(line, '\t');
		if (line)
			line++;
	}
	return line;
}

/*
 * Abbreviated keys must never contradict pt_compare: where two keys differ,
 * their unsigned order is the values' order.  Checked on every pair.
 */
static void
check_abbreviations(parsed **values, int n)
{
	int			i,
				j,
				bad = 0;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
		{
			uint64_t	a = pt_abbreviate(&values[i]->t),
						b = pt_abbreviate(&values[j]->t);
			int			c = pt_compare(&values[i]->t, &values[j]->t);

			if (a != b && (a < b) != (c < 0) && bad++ < 5)
				CHECK(0, "abbreviation of %s vs %s contradicts the order", values[i]->text, values[j]->text);
		}
	CHECK(bad == 0, "%d pairs with contradicting abbreviations", bad);
}

/* Every seed cell: parse, classify, round trip. */
static void
test_seed_cells(const char *path)
{
	FILE	   *f = fopen(path, "r");
	char		line[8192];
	parsed	   *values[512];
	int			n_values = 0;
	static const char *const extra[] = {"≥90元/人/月", "5000元", "≤0.001%", "-3%", "0%", "≥-5%", "5",
	"≥5匹", "≥5匹/年", "1%~2%", "≤2025年3月1日", "约2025年"};
	int			kinds[4] = {0},
				date_errors = 0,
				other_errors = 0,
				round_trips = 0,
				cells = 0;

	CHECK(f != NULL, "open %s", path);
	if (!f)
		return;
	if (!fgets(line, sizeof(line), f))	/* header */
		line[0] = '\0';
	while (fgets(line, sizeof(line), f))
	{
		char	   *value = tsv_field(line, 8);
		size_t		len;
		parsed	   *p,
				   *q;

		if (!value)
			continue;
		len = strcspn(value, "\n");
		value[len] = '\0';
		cells++;
		p = parse(value);
		if (p->status == PT_OK)
		{
			kinds[p->t.kind]++;
			q = parse(p->text);
			round_trips += (q->status == PT_OK && pt_compare(&p->t, &q->t) == 0 &&
							strcmp(p->text, q->text) == 0);
			free(q);
			check_pack_round_trip(value);
			if (n_values < 480)
				values[n_values++] = parse(value);
		}
		else if (p->status == PT_ERR_DATE)
			date_errors++;
		else
			other_errors++;
		free(p);
	}
	fclose(f);
	for (size_t k = 0; k < sizeof(extra) / sizeof(extra[0]); k++)
		values[n_values++] = parse(extra[k]);
	check_abbreviations(values, n_values);
	while (n_values > 0)
		free(values[--n_values]);
	CHECK(cells == 354, "cells %d", cells);
	CHECK(kinds[PT_KIND_QUANTITY] == 297, "quantities %d", kinds[PT_KIND_QUANTITY]);
	CHECK(kinds[PT_KIND_DATE] == 7, "dates %d", kinds[PT_KIND_DATE]);
	CHECK(kinds[PT_KIND_LABEL] == 49, "labels %d", kinds[PT_KIND_LABEL]);
	CHECK(date_errors == 1 && other_errors == 0, "rejected: %d dates, %d others", date_errors, other_errors);
	CHECK(round_trips == 353, "round trips %d", round_trips);
}

int
main(int argc, char **argv)
{
	/* one test case each (check.h): the closing line counts cases, not assertions */
	TEST_CASE(test_decimal());
	TEST_CASE(test_dates());
	TEST_CASE(test_grammar());
	TEST_CASE(test_semantics());
	TEST_CASE(check_pack_round_trip("≤1265822.78万元"));
	TEST_CASE(check_pack_round_trip("-5~-1%"));
	TEST_CASE(check_pack_round_trip("2025年1月1日~2025年3月5日"));
	if (argc > 1)
		TEST_CASE(test_seed_cells(argv[1]));
	return check_summary();
}
