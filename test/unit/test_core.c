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
	/* the calendar's ends as pt_pack.c's readers spell them */
	CHECK(pt_date_to_days(1000, 1, 1) == -365242 && pt_date_to_days(9999, 12, 31) == 2921939,
		  "first and last day numbers");
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

/* ---------------------------------------------------------------- issue 8 */

/* What a text parses to, or its error's status, message and hint. */
static void
expect_message(const char *input, pt_status status, const char *message, const char *hint)
{
	parsed	   *p = parse(input);

	CHECK(p->status == status, "%s: status %d, want %d", input, p->status, status);
	if (p->status == status && status != PT_OK)
	{
		CHECK(strcmp(p->err.message, message) == 0, "%s: message \"%s\", want \"%s\"", input,
			  p->err.message, message);
		CHECK(hint == NULL || strcmp(p->err.hint, hint) == 0, "%s: hint \"%s\", want \"%s\"", input,
			  p->err.hint, hint);
	}
	free(p);
}

/*
 * pt_decimal_scan as 1.0 shipped it (every digit after the first nonzero one
 * counted as significant), kept as the reference: whatever it accepted must
 * scan to the same coefficient, exponent, places and length today, so that
 * values 1.0 stored pack and hash as before.
 */
static pt_decimal_status
scan_1_0(const char *s, size_t len, pt_decimal *out, int *places, size_t *consumed)
{
	size_t		i = 0;
	bool		negative = false;
	int			significant = 0,
				fraction_digits = 0;
	pt_int128	coef = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		negative = (s[i++] == '-');
	if (i >= len || s[i] < '0' || s[i] > '9')
		return PT_DECIMAL_NONE;
	for (;;)
	{
		while (i < len && s[i] >= '0' && s[i] <= '9')
		{
			if (coef != 0 || s[i] != '0')
				significant++;
			if (significant > PT_DECIMAL_MAX_DIGITS)
				return PT_DECIMAL_TOO_PRECISE;
			coef = coef * 10 + (s[i++] - '0');
		}
		if (i + 3 < len && s[i] == ',' && s[i + 1] >= '0' && s[i + 1] <= '9' &&
			s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9' &&
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
			if (coef != 0 || s[i] != '0')
				significant++;
			if (significant > PT_DECIMAL_MAX_DIGITS)
				return PT_DECIMAL_TOO_PRECISE;
			coef = coef * 10 + (s[i++] - '0');
			fraction_digits++;
		}
	}
	if (fraction_digits > PT_DECIMAL_MAX_EXP)
		return PT_DECIMAL_OUT_OF_RANGE;
	out->coef = negative ? -coef : coef;
	out->exp = -fraction_digits;
	pt_decimal_normalize(out);
	*places = fraction_digits;
	*consumed = i;
	return PT_DECIMAL_OK;
}

static uint32_t rng_state = 8;

static uint32_t
rng(uint32_t n)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return (rng_state >> 8) % n;
}

/* A random number text: runs of zeros, separators, points and signs included. */
static size_t
random_number(char *buf)
{
	size_t		n = 0;
	int			parts = 1 + (int) rng(4),
				i,
				k;

	if (rng(8) == 0)
		buf[n++] = rng(2) ? '-' : '+';
	for (i = 0; i < parts; i++)
	{
		int			run = 1 + (int) rng(rng(4) == 0 ? 70 : 12);
		int			kind = (int) rng(6);

		for (k = 0; k < run; k++)
			buf[n++] = kind == 0 ? '0' : kind == 1 ? '9' : (char) ('0' + rng(10));
		k = (int) rng(10);
		if (k == 0)
			buf[n++] = '.';
		else if (k == 1)
			buf[n++] = ',';
	}
	buf[n] = '\0';
	return n;
}

static void
test_significant_digits(void)
{
	pt_decimal	d;
	pt_decimal_status why;
	int			places,
				i,
				same = 0,
				newly = 0;
	size_t		used;
	char		buf[512];
	static const char *const one_e28 = "10000000000000000000000000000";

	/* zeros that end a whole number are not significant */
	CHECK(pt_decimal_scan(one_e28, strlen(one_e28), &d, &places, &used) == PT_DECIMAL_OK &&
		  d.coef == 1 && d.exp == 28 && places == 0 && used == 29, "1e28 has one significant digit");
	memset(buf, '0', 61);
	buf[0] = '1';
	CHECK(pt_decimal_scan(buf, 60, &d, &places, &used) == PT_DECIMAL_OK && d.coef == 1 && d.exp == 59,
		  "60 digits before the point");
	CHECK(pt_decimal_scan(buf, 61, &d, &places, &used) == PT_DECIMAL_TOO_LARGE, "61 digits before the point");
	CHECK(pt_decimal_scan("1,000,000,000,000,000,000,000,000,000,000", 41, &d, &places, &used) ==
		  PT_DECIMAL_OK && d.coef == 1 && d.exp == 30 && used == 41, "1e30 with separators");
	/* zeros written after the point are significant; zeros between digits too */
	CHECK(pt_decimal_scan("1.0000000000000000000000000000", 30, &d, &places, &used) ==
		  PT_DECIMAL_TOO_PRECISE, "1 and 28 zeros after the point: 29 significant digits");
	CHECK(pt_decimal_scan("10000000000000000000000000000.5", 31, &d, &places, &used) ==
		  PT_DECIMAL_TOO_PRECISE, "1e28 + 0.5: 30 significant digits");
	CHECK(pt_decimal_scan("10000000000000000000000000001", 29, &d, &places, &used) ==
		  PT_DECIMAL_TOO_PRECISE, "1e28 + 1: 29 significant digits");
	CHECK(pt_decimal_scan("1000000000000000000000000000.0", 30, &d, &places, &used) ==
		  PT_DECIMAL_TOO_PRECISE, "1e27 written with one place: 29 significant digits");
	CHECK(pt_decimal_scan("100000000000000000000000000.0", 29, &d, &places, &used) == PT_DECIMAL_OK &&
		  d.coef == 1 && d.exp == 26 && places == 1, "1e26 written with one place: 28 digits");

	/* what pt_decimal_readable says matches what the scanner reads */
	d.coef = 1;
	d.exp = 28;
	CHECK(pt_decimal_readable(&d, 0, &why), "1e28 readable");
	CHECK(!pt_decimal_readable(&d, 1, &why) && why == PT_DECIMAL_TOO_PRECISE, "1e28 with a place: too precise");
	d.exp = 60;
	CHECK(!pt_decimal_readable(&d, 0, &why) && why == PT_DECIMAL_TOO_LARGE, "1e60 has 61 digits");
	d.exp = -61;
	CHECK(!pt_decimal_readable(&d, 0, &why) && why == PT_DECIMAL_OUT_OF_RANGE, "1e-61 has 61 places");
	d.coef = 1;
	d.exp = -59;
	CHECK(pt_decimal_readable(&d, 60, &why) && !pt_decimal_readable(&d, 61, &why) &&
		  why == PT_DECIMAL_OUT_OF_RANGE, "places bound");

	/* the 1.0 scanner is the reference for everything it accepted */
	for (i = 0; i < 200000; i++)
	{
		size_t		len = random_number(buf),
					used_old = 0,
					used_new = 0;
		pt_decimal	old,
					now;
		int			places_old = -1,
					places_new = -1;
		pt_decimal_status st_old = scan_1_0(buf, len, &old, &places_old, &used_old);
		pt_decimal_status st_new = pt_decimal_scan(buf, len, &now, &places_new, &used_new);

		if (st_old == PT_DECIMAL_OK)
		{
			if (st_new != PT_DECIMAL_OK || old.coef != now.coef || old.exp != now.exp ||
				places_old != places_new || used_old != used_new)
			{
				CHECK(0, "%s: 1.0 read it differently", buf);
				return;
			}
			same++;
		}
		else if (st_new == PT_DECIMAL_OK)
		{
			char		text[PT_DECIMAL_TEXT_MAX];
			pt_decimal	back;
			int			back_places;
			size_t		back_used;

			/* newly accepted: 1.0 refused it as too precise; it prints and reads back */
			pt_decimal_format(&now, places_new, text);
			if (st_old != PT_DECIMAL_TOO_PRECISE || !pt_decimal_readable(&now, places_new, &why) ||
				pt_decimal_scan(text, strlen(text), &back, &back_places, &back_used) != PT_DECIMAL_OK ||
				pt_decimal_cmp(&back, &now) != 0 || back_places != places_new)
			{
				CHECK(0, "%s: newly accepted but %s does not read back", buf, text);
				return;
			}
			newly++;
		}
		else if (st_old == PT_DECIMAL_NONE)
			CHECK(st_new == PT_DECIMAL_NONE, "%s: no number, both", buf);
	}
	CHECK(same > 10000 && newly > 1000, "random numbers: %d read as in 1.0, %d newly accepted", same, newly);
}

/* Values 1.0 accepted pack and hash as 1.0 packed and hashed them. */
static void
test_stored_format_unchanged(void)
{
	static const char *const golden[][3] = {
		/* input, packed bytes, hash key (as 1.0 computed them) */
		{"≥95%", "0101020001000000012500015f", "010125015f0000000000000000000000000000000002"},
		{"≤50万元", "010104000404000003e58583050105", "0103e5858302010500000000000000000000000000000005"},
		{"≤1265822.78万元", "010104000404020203e585830204067e8b07", "0103e585830201067e8b0700000000000000000000000002"},
		{"1234567890123456789012345678万元", "010101000404000003e58583040c4ef338be917a796deb35fd03",
		"0103e58583014ef338be917a796deb35fd030000000004014ef338be917a796deb35fd030000000004"},
		{"0.000000000000000000000000000000000000000000000000000000000001元", "0101010004003c3c03e58583c40101",
		"0103e585830101000000000000000000000000000000c40101000000000000000000000000000000c4"},
		{"≤5500.00元", "010104000400020203e58583020137", "0103e5858302013700000000000000000000000000000002"},
		{"-5~-1%", "01010600010000000125008105008101",
		"01012501fbffffffffffffffffffffffffffffff0001ffffffffffffffffffffffffffffffff00"},
		{"约5个", "01010101ff00000003e4b8aa000105",
		"0103e4b8aa010500000000000000000000000000000000010500000000000000000000000000000000"},
		{"≥20万人次", "01010200ff04000006e4babae6aca1050102", "0106e4babae6aca101020000000000000000000000000000000502"},
		{"1000000000000000000000000000", "0101010000000000001b0101",
		"010001010000000000000000000000000000001b01010000000000000000000000000000001b"},
		{"≤1000元/人/月", "01010400040000000be585832fe4baba2fe69c88030101",
		"010be585832fe4baba2fe69c8802010100000000000000000000000000000003"},
		{"365天", "010101000900000003e7a7920302307b",
		"0103e7a79201307b00000000000000000000000000000301307b000000000000000000000000000003"},
		{"2025年1月1日~2025年3月5日", "01020600ac230000eb230000", "0201ac23000001eb230000"},
		{"\"完成2个\"", "01030000e5ae8ce6889032e4b8aa", "e5ae8ce6889032e4b8aa"},
		{"≥1.5万亿PB", "010102002d0c010101421a010f", "010142010f0000000000000000000000000000001a02"},
	};
	size_t		i,
				k;

	for (i = 0; i < sizeof(golden) / sizeof(golden[0]); i++)
	{
		parsed	   *p = parse(golden[i][0]);
		uint8_t		packed[1024],
					keybuf[PT_HASH_KEY_MAX];
		const uint8_t *key;
		char		hex[2 * 1024 + 1];
		size_t		size,
					klen;

		CHECK(p->status == PT_OK, "%s: %s", golden[i][0], p->err.message);
		if (p->status != PT_OK)
		{
			free(p);
			continue;
		}
		size = pt_packed_size(&p->t);
		pt_pack(&p->t, packed);
		for (k = 0; k < size; k++)
			sprintf(hex + 2 * k, "%02x", packed[k]);
		hex[2 * size] = '\0';
		CHECK(strcmp(hex, golden[i][1]) == 0, "%s packs as %s, 1.0 packed %s", golden[i][0], hex, golden[i][1]);
		klen = pt_hash_key(&p->t, keybuf, &key);
		for (k = 0; k < klen; k++)
			sprintf(hex + 2 * k, "%02x", key[k]);
		hex[2 * klen] = '\0';
		CHECK(strcmp(hex, golden[i][2]) == 0, "%s hash key %s, 1.0 had %s", golden[i][0], hex, golden[i][2]);
		free(p);
	}
}

static void
test_messages(void)
{
	/* a month out of range is about months; a day gets its month's length */
	expect_message("2025年13月", PT_ERR_DATE, "The month does not exist in the calendar.", "Months run from 1 to 12.");
	expect_message("2025年0月底", PT_ERR_DATE, "The month does not exist in the calendar.", "Months run from 1 to 12.");
	expect_message("2025-13-01", PT_ERR_DATE, "The month does not exist in the calendar.", "Months run from 1 to 12.");
	expect_message("2025年4月31日", PT_ERR_DATE, "The day does not exist in the calendar.", "April has 30 days.");
	expect_message("2025.09.31", PT_ERR_DATE, "The day does not exist in the calendar.", "September has 30 days.");
	expect_message("2025年4月0日", PT_ERR_DATE, "The day does not exist in the calendar.",
				   "Days start at 1: April has 30 days.");
	expect_message("2025年2月30日", PT_ERR_DATE, "The day does not exist in the calendar.",
				   "February has 28 days in 2025 (29 in leap years).");
	expect_message("2024年2月30日", PT_ERR_DATE, "The day does not exist in the calendar.",
				   "February has 29 days in 2024.");
	expect_message("2025年2月29日之前", PT_ERR_DATE, "The day does not exist in the calendar.",
				   "Check the year, month and day: February has 29 days only in leap years.");
	expect_message("2024年2月29日", PT_OK, NULL, NULL);

	/* numbers: which limit, and zeros ending a whole number are free */
	expect_canonical("≥10000000000000000000000000000", PT_KIND_QUANTITY, "≥10000000000000000000000000000");
	expect_canonical("1,000,000,000,000,000,000,000,000,000,000万元", PT_KIND_QUANTITY,
					 "1000000000000000000000000000000万元");
	expect_message("≥12345678901234567890123456789", PT_ERR_RANGE,
				   "The magnitude has more than 28 significant digits.", NULL);
	expect_message("≥10000000000000000000000000000000000000000000000000000000000000", PT_ERR_RANGE,
				   "The magnitude has more than 60 digits before the decimal point.", NULL);
	expect_message("0.0000000000000000000000000000000000000000000000000000000000001", PT_ERR_RANGE,
				   "The magnitude has more than 60 decimal places.", NULL);
	expect_message("100000000000000000000000000000000000000000000000000000000000万元", PT_ERR_RANGE,
				   "In its base unit the magnitude would end in more than 60 zeros.", NULL);
	expect_message("0.000000000000000000000000000000000000000000000000000000000001mm", PT_ERR_RANGE,
				   "In its base unit the magnitude would have more than 60 decimal places.", NULL);

	/* text that starts like a target: what is wrong with it */
	expect_message("≥", PT_ERR_SYNTAX, "The operator is not followed by a number.", NULL);
	expect_message("≥abc", PT_ERR_SYNTAX, "The operator is not followed by a number.", NULL);
	expect_message("不低于95%%", PT_ERR_SYNTAX, "The quantity is followed by text that is not part of a target.", NULL);
	expect_message("≥-5%%", PT_ERR_SYNTAX, "The quantity is followed by text that is not part of a target.", NULL);
	expect_message(".5", PT_ERR_SYNTAX, "The number does not start with a digit.", NULL);
	expect_message("12,34", PT_ERR_SYNTAX, "A comma in the number is not followed by a group of three digits.", NULL);
	expect_message("5 000", PT_ERR_SYNTAX, "The number has a space between its digits.", NULL);
	expect_message("5个 000", PT_ERR_SYNTAX, "The quantity is followed by text that is not part of a target.", NULL);
	expect_message("12月2日", PT_ERR_SYNTAX, "The date has no year.", NULL);
	expect_message("截至12月31日", PT_ERR_SYNTAX, "The date has no year.", NULL);
	expect_message("≥5个/", PT_ERR_SYNTAX, "A / in the unit is not followed by a unit.", NULL);
	expect_message("2025年12月3", PT_ERR_SYNTAX, "The date is followed by text that is not part of a target.", NULL);
	expect_message("≥NaN%", PT_ERR_SYNTAX, "NaN is not a magnitude.", NULL);

	/* unit arguments of the constructor */
	{
		pt_decimal	two = {2, 0};
		pt_target	t;
		pt_error	err;
		char		scratch[1024];

		CHECK(pt_build("≥", strlen("≥"), &two, 0, "千 瓦时", strlen("千 瓦时"), &t, scratch, &err) == PT_ERR_SYNTAX &&
			  strstr(err.message, "千瓦时") != NULL && strstr(err.hint, "1千 瓦时 is 1000瓦时") != NULL,
			  "千 瓦时: %s / %s", err.message, err.hint);
		CHECK(pt_build("≥", strlen("≥"), &two, 61, "元", strlen("元"), &t, scratch, &err) == PT_ERR_RANGE &&
			  strcmp(err.message, "The magnitude has more than 60 decimal places.") == 0, "61 places: %s", err.message);
	}

	/* conversions follow the reading rule: 1e30元 is 1e26万元; 1e-60元 is no 万元 */
	{
		parsed	   *p = parse("≥1000000000000000000000000000000元");
		parsed	   *q = parse("≥0.000000000000000000000000000000000000000000000000000000000001元");
		pt_target	out;
		pt_error	err;
		char		scratch[1024],
					text[256];

		CHECK(p->status == PT_OK && pt_convert(&p->t, "万元", strlen("万元"), &out, scratch, &err) == PT_OK &&
			  pt_format(&out, text, sizeof(text)) > 0 && strcmp(text, "≥100000000000000000000000000万元") == 0,
			  "1e30元 in 万元");
		CHECK(q->status == PT_OK && pt_convert(&q->t, "万元", strlen("万元"), &out, scratch, &err) == PT_ERR_INVALID &&
			  strcmp(err.message, "In that unit the magnitude would need more than 60 decimal places.") == 0,
			  "1e-60元 in 万元: %s", err.message);
		free(p);
		free(q);
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

/*
 * pt_probe_test on packed values agrees with the relations on unpacked ones
 * for every pair and operation.
 */
static void
check_probes(parsed **values, int n)
{
	int			i,
				j,
				k,
				bad = 0,
				tests = 0;

	for (j = 0; j < n; j++)
		for (k = 0; k < 4; k++)
		{
			pt_probe	probe;

			pt_probe_prepare(&probe, &values[j]->t, (pt_probe_op) k);
			for (i = 0; i < n; i++)
			{
				uint8_t		packed[1024];
				size_t		size = pt_packed_size(&values[i]->t);
				const pt_target *a = &values[i]->t,
						   *b = &values[j]->t;
				bool		want = k == PT_PROBE_CONTAINS ? pt_contains(a, b) :
					k == PT_PROBE_CONTAINED_BY ? pt_contains(b, a) :
					k == PT_PROBE_OVERLAPS ? pt_overlaps(a, b) : pt_compare(a, b) == 0;
				int			got;

				pt_pack(a, packed);
				got = pt_probe_test(&probe, packed, size);
				tests++;
				if (got != (want ? 1 : 0) && bad++ < 5)
					CHECK(0, "probe %d of %s against %s: %d, want %d", k, values[j]->text, values[i]->text, got, want);
			}
		}
	CHECK(bad == 0 && tests > 0, "%d of %d probe tests disagree", bad, tests);
}

/* An order as the sorts use it: unpacked and packed, compared and abbreviated. */
typedef struct sort_order
{
	const char *name;
	int			(*compare) (const pt_target *a, const pt_target *b);
	uint64_t	(*abbreviate) (const pt_target *t);
	int			(*packed_compare) (const uint8_t *a, size_t alen, const uint8_t *b, size_t blen, bool *valid);
	uint64_t	(*packed_abbreviate) (const uint8_t *p, size_t len, bool *valid);
} sort_order;

/* btree's order, and the grouped order of GiST builds (pt_compare_grouped) */
static const sort_order BTREE_ORDER = {"btree", pt_compare, pt_abbreviate, pt_packed_compare, pt_packed_abbreviate};
static const sort_order GROUPED_ORDER = {"grouped", pt_compare_grouped, pt_abbreviate_grouped,
pt_packed_compare_grouped, pt_packed_abbreviate_grouped};

/*
 * An order's packed forms agree with its unpacked ones, and its abbreviations
 * never contradict it.  Returns how many pairs disagree (the first reported).
 */
static int
check_packed_forms(parsed **values, int n, const sort_order *o)
{
	int			i,
				j,
				bad = 0;
	static uint8_t packed[512][1024];
	size_t		size[512];

	for (i = 0; i < n && i < 512; i++)
	{
		bool		valid;

		size[i] = pt_packed_size(&values[i]->t);
		pt_pack(&values[i]->t, packed[i]);
		if ((o->packed_abbreviate(packed[i], size[i], &valid) != o->abbreviate(&values[i]->t) || !valid) &&
			bad++ < 5)
			CHECK(0, "%s: packed abbreviation of %s", o->name, values[i]->text);
	}
	for (i = 0; i < n && i < 512; i++)
		for (j = 0; j < n && j < 512; j++)
		{
			bool		valid;
			int			c = o->compare(&values[i]->t, &values[j]->t);
			int			p = o->packed_compare(packed[i], size[i], packed[j], size[j], &valid);
			uint64_t	ka = o->abbreviate(&values[i]->t),
						kb = o->abbreviate(&values[j]->t);

			if ((!valid || (p > 0) != (c > 0) || (p < 0) != (c < 0) || (ka != kb && (ka < kb) != (c < 0))) &&
				bad++ < 5)
				CHECK(0, "%s order of %s and %s: %d (packed %d, keys %llx %llx)", o->name, values[i]->text,
					  values[j]->text, c, p, (unsigned long long) ka, (unsigned long long) kb);
		}
	return bad;
}

/* pt_packed_compare and pt_packed_abbreviate agree with pt_compare and pt_abbreviate. */
static void
check_packed_order(parsed **values, int n)
{
	int			bad = check_packed_forms(values, n, &BTREE_ORDER);

	CHECK(bad == 0, "%d packed comparisons disagree", bad);
}

/*
 * The grouped order of GiST builds (pt_compare_grouped): a total order that
 * agrees with pt_compare on which values are equal, whose abbreviations never
 * contradict it, and whose packed forms agree with the unpacked ones.
 */
static void
check_grouped_order(parsed **values, int n)
{
	int			i,
				j,
				bad = check_packed_forms(values, n, &GROUPED_ORDER);

	for (i = 0; i < n && i < 512; i++)
		for (j = 0; j < n && j < 512; j++)
		{
			const pt_target *a = &values[i]->t,
					   *b = &values[j]->t;
			int			c = pt_compare_grouped(a, b);

			if (((c == 0) != (pt_compare(a, b) == 0) || (c > 0) != (pt_compare_grouped(b, a) < 0)) && bad++ < 5)
				CHECK(0, "grouped order of %s and %s: %d, pt_compare %d", values[i]->text, values[j]->text, c,
					  pt_compare(a, b));
		}
	CHECK(bad == 0, "%d grouped comparisons disagree", bad);
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
	"≥5匹", "≥5匹/年", "1%~2%", "≤2025年3月1日", "约2025年", "≥95%", ">95%", "95%", "<95%", "≤95%",
	"90%~95%", "95%~99%", ">2025年9月30日", "2025年9月30日", "合格", "≤15.5/棵", "5~5个", "5个"};
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
	check_probes(values, n_values);
	check_packed_order(values, n_values);
	check_grouped_order(values, n_values);
	while (n_values > 0)
		free(values[--n_values]);
	CHECK(cells == 354, "cells %d", cells);
	CHECK(kinds[PT_KIND_QUANTITY] == 297, "quantities %d", kinds[PT_KIND_QUANTITY]);
	CHECK(kinds[PT_KIND_DATE] == 7, "dates %d", kinds[PT_KIND_DATE]);
	CHECK(kinds[PT_KIND_LABEL] == 49, "labels %d", kinds[PT_KIND_LABEL]);
	CHECK(date_errors == 1 && other_errors == 0, "rejected: %d dates, %d others", date_errors, other_errors);
	CHECK(round_trips == 353, "round trips %d", round_trips);
}


/* ---------------------------------------------------------------- issue 12 */

#include "pt_lexicon.h"

/* Each spelling category: input -> kind and canonical text. */
static void
test_spellings(void)
{
	static const char *const quantities[][2] = {
		/* brackets and alternatives */
		{"≥10台(套)", "≥10台（套）"}, {"≥10台套", "≥10台（套）"}, {"≥10本(册)", "≥10本（册）"},
		{"≥500人·次", "≥500人次"},
		/* ages, lessons, batches */
		{"≥18周岁", "≥18周岁"}, {"≥40学时", "≥40学时"}, {"≥3批次", "≥3批次"}, {"不低于2个百分点", "≥2百分点"},
		/* compound units, implicit numerator */
		{"≤200元/人·月", "≤200元/人/月"}, {"≤200元/人*月", "≤200元/人/月"}, {"≤200元/人×月", "≤200元/人/月"},
		{"≤200元/(人·月)", "≤200元/人/月"}, {"≤15.5/棵", "≤15.5/棵"}, {"≤300万/年", "≤300万/年"},
		{"≤5万元/公里", "≤5万元/公里"},
		/* traditional characters */
		{"不低於95%", "≥95%"}, {"95%以內", "≤95%"}, {"不超過50万元", "≤50万元"}, {"約5个", "约5个"},
		/* operator forms */
		{"控制在5%以内", "≤5%"}, {"控制在3~5天", "3~5天"}, {"不得低于95%", "≥95%"}, {"95%（含）以上", "≥95%"},
		{"95%以上（含）", "≥95%"}, {"95%(含)以上", "≥95%"}, {">95%（含）", "≥95%"}, {"90%以上（不含）", ">90%"},
		{"≤≤5%", "≤5%"}, {"≥≥95%", "≥95%"}, {"﹦95%", "95%"}, {"═95%", "95%"}, {"＝95%", "95%"},
		/* ranges */
		{"20—35周岁", "20~35周岁"}, {"10-20天", "10~20天"}, {"10天-20天", "10~20天"}, {"10－20天", "10~20天"},
		{"10―20天", "10~20天"}, {"10至20天", "10~20天"}, {"10到20天", "10~20天"}, {"10——20天", "10~20天"},
	};
	static const char *const dates[][2] = {
		{"2024.3.1-11.30", "2024年3月1日~2024年11月30日"}, {"2024年3月-8月", "2024年3月1日~2024年8月31日"},
		{"2024年3—8月", "2024年3月1日~2024年8月31日"}, {"2024年3月1日-15日", "2024年3月1日~2024年3月15日"},
		{"2024年第二季度", "2024年4月1日~2024年6月30日"}, {"2024年下半年", "2024年7月1日~2024年12月31日"},
		{"2024年第四季度末前", "≤2024年12月31日"}, {"2024年6月底", "≤2024年6月30日"},
		{"2024年10月31日前完成", "≤2024年10月31日"}, {"2024年11月完成", "2024年11月"},
		{"于2024年9月底前拨付到位", "≤2024年9月30日"}, {"2024年11月份", "2024年11月"},
	};
	size_t		i;

	for (i = 0; i < sizeof(quantities) / sizeof(quantities[0]); i++)
		expect_canonical(quantities[i][0], PT_KIND_QUANTITY, quantities[i][1]);
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		expect_canonical(dates[i][0], PT_KIND_DATE, dates[i][1]);
	/* equal spellings: equal values */
	CHECK(compare_texts("≥10台(套)", "≥10台（套）") == 0 && compare_texts("≥10台套", "≥10台（套）") == 0,
		  "台（套） = 台(套) = 台套");
	CHECK(compare_texts("≤200元/人·月", "≤200元/人/月") == 0, "元/人·月 = 元/人/月");
	/* not read, or read as 1.0 read it */
	expect_canonical("≥5萬元", PT_KIND_QUANTITY, "≥5萬元");	/* 1.0: a count of 萬元 */
	expect_canonical("95以內", PT_KIND_QUANTITY, "95以內");	/* 1.0: a count of 以內 */
	expect_canonical("2024.12完成", PT_KIND_QUANTITY, "02024.12完成");	/* 1.0: a count of 完成 */
	expect_canonical("控制在5%", PT_KIND_LABEL, "\"控制在5%\"");	/* no ceiling said */
	expect_canonical("18周岁的人", PT_KIND_LABEL, "\"18周岁的人\"");	/* 1.0's label stays one */
	expect_canonical("第四季度末前", PT_KIND_LABEL, "第四季度末前");	/* no year, no guess */
	expect_canonical("2025年12月底之前完成项目资金阶段性支付", PT_KIND_LABEL,
					 "\"2025年12月底之前完成项目资金阶段性支付\"");
	expect_canonical("10月", PT_KIND_QUANTITY, "10月");
	expect_error("5kW·h", PT_ERR_SYNTAX);
	expect_error("5人·天", PT_ERR_SYNTAX);
	expect_error(">>5次", PT_ERR_SYNTAX);
	expect_error("5%（不含）", PT_ERR_SYNTAX);
	expect_error("2024年8—3月", PT_ERR_SYNTAX);
	expect_message("10月前", PT_ERR_SYNTAX, "The date has no year.", NULL);
	expect_message("6月底", PT_ERR_SYNTAX, "The date has no year.", NULL);
}

/* ptarget_extract's core: what it finds, in order, with its source span. */
static void
expect_extract(const char *text, const char *want)
{
	pt_extracted found[8];
	size_t		len = strlen(text);
	char	   *scratch = malloc(pt_extract_scratch_size(len, 8));
	size_t		n = pt_extract(text, len, found, 8, scratch),
				i;
	char		got[512] = "{",
				one[128];

	for (i = 0; i < n && i < 8; i++)
	{
		pt_format(&found[i].target, one, sizeof(one));
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", i ? "," : "", one);
		CHECK(found[i].start < found[i].end && found[i].end <= len, "%s: span of %s", text, one);
	}
	strcat(got, "}");
	CHECK(strcmp(got, want) == 0, "extract %s: got %s, want %s", text, got, want);
	free(scratch);
}

static void
test_extract(void)
{
	expect_extract("合格率不低于90%", "{≥90%}");
	expect_extract("培训人员30人以上,补助资金2.5万元以内", "{≥30人,≤2.5万元}");
	expect_extract("验收时间为2024年11月15日", "{2024年11月15日}");
	expect_extract("比上年增加5个", "{}");
	expect_extract("同比增长5%", "{}");
	expect_extract("满意度提高到95%以上", "{≥95%}");
	expect_extract("2025年12月底之前完成项目资金阶段性支付", "{≤2025年12月31日}");
	expect_extract("2024年度预算执行率≥95%", "{≥95%}");
	expect_extract("第3批", "{}");
	expect_extract("沿318国道", "{}");
	expect_extract("种植500棵，成活率90%以上", "{500棵,≥90%}");
	expect_extract("≥95%", "{≥95%}");
	expect_extract("95以內", "{95以內}");
	expect_extract("普遍满意", "{}");
	expect_extract("", "{}");
	expect_extract("\xff\xfe 5%", "{}");
	{
		/* the span of each constraint is the words it was read from */
		const char *text = "培训人员30人以上,补助资金2.5万元以内";
		pt_extracted found[2];
		char	   *scratch = malloc(pt_extract_scratch_size(strlen(text), 2));

		CHECK(pt_extract(text, strlen(text), found, 2, scratch) == 2 &&
			  strncmp(text + found[0].start, "30人以上", found[0].end - found[0].start) == 0 &&
			  strncmp(text + found[1].start, "2.5万元以内", found[1].end - found[1].start) == 0,
			  "spans of the constraints");
		/* too little room: the count says how many there are */
		CHECK(pt_extract(text, strlen(text), found, 1, scratch) == 2, "count beyond the room");
		free(scratch);
	}
}

static void
expect_context(const char *text, int year, const char *unit, const char *want, unsigned want_applied)
{
	pt_context	ctx = {year, unit, unit ? strlen(unit) : 0};
	char	   *scratch = malloc(pt_parse_context_scratch_size(strlen(text), &ctx));
	pt_target	t;
	pt_error	err;
	unsigned	applied;
	char		got[128];
	pt_status	st = pt_parse_context(text, strlen(text), &ctx, &t, scratch, &err, &applied);

	if (st == PT_OK)
		pt_format(&t, got, sizeof(got));
	else
		snprintf(got, sizeof(got), "error %d", st);
	CHECK(strcmp(got, want) == 0 && (st != PT_OK || applied == want_applied),
		  "%s with %d/%s: got %s (applied %u), want %s (%u)", text, year, unit ? unit : "-", got, applied,
		  want, want_applied);
	free(scratch);
}

static void
test_context(void)
{
	char		note[128];
	pt_context	ctx = {2024, "%", 1};

	expect_context("10月前", 2024, NULL, "≤2024年10月31日", PT_CONTEXT_YEAR);
	expect_context("6月底", 2024, NULL, "≤2024年6月30日", PT_CONTEXT_YEAR);
	expect_context("第四季度末前", 2024, NULL, "≤2024年12月31日", PT_CONTEXT_YEAR);
	expect_context("年底前", 2024, NULL, "≤2024年12月31日", PT_CONTEXT_YEAR);
	expect_context("10月", 2024, NULL, "10月", 0);		/* ten months on its own */
	expect_context("2025年3月底前", 2024, NULL, "≤2025年3月31日", 0);
	expect_context("普遍满意", 2024, NULL, "普遍满意", 0);
	expect_context("10月前", 0, NULL, "error 1", 0);		/* no year, no guess */
	expect_context("85", 0, "%", "85%", PT_CONTEXT_UNIT);
	expect_context("≥85", 0, "%", "≥85%", PT_CONTEXT_UNIT);
	expect_context("85~90", 0, "%", "85~90%", PT_CONTEXT_UNIT);
	expect_context("55万", 0, "人次", "55万人次", PT_CONTEXT_UNIT);
	expect_context("5万", 0, "万元", "5万", 0);			/* both have a scale word */
	expect_context("≥85个", 0, "%", "≥85个", 0);
	expect_context("1.50", 0, "元", "1.50元", PT_CONTEXT_UNIT);
	expect_context("85", 0, "米/", "error 4", 0);		/* PT_ERR_INVALID */
	expect_context("10月前", 2024, "%", "≤2024年10月31日", PT_CONTEXT_YEAR);
	CHECK(pt_context_note(PT_CONTEXT_YEAR | PT_CONTEXT_UNIT, &ctx, note, sizeof(note)) > 0 &&
		  strcmp(note, "year 2024 from the context; unit % from the context") == 0, "note: %s", note);
}

/* The lexicon's words: lengths, classes, and 1.0's frozen predicates. */
static void
test_lexicon(void)
{
	size_t		i,
				bad = 0;

	for (i = 0; i < pt_word_count(); i++)
	{
		const pt_word *w = pt_word_nth(i);
		const pt_word *found = pt_word_at(w->text, w->len, (pt_word_class) w->cls, false);

		if (strlen(w->text) != w->len || w->cls >= PT_WORD_CLASS_COUNT || found == NULL ||
			found->len < w->len || (w->since != PT_SINCE_1_0 && w->since != PT_SINCE_1_1))
			bad++;
	}
	CHECK(bad == 0, "%zu words are not found as themselves", bad);
	/* the longest word of the class wins */
	CHECK(pt_word_at("及以上5", strlen("及以上5"), PT_WORD_OP_SUFFIX, false)->len == strlen("及以上"), "longest");
	/* 1.1's words are not 1.0's */
	CHECK(pt_word_at("以內", strlen("以內"), PT_WORD_OP_SUFFIX, true) == NULL &&
		  pt_word_at("以內", strlen("以內"), PT_WORD_OP_SUFFIX, false) != NULL, "以內 is 1.1's");
	/* what starts like a target is 1.0's rule: new words do not make labels errors */
	CHECK(pt_lex_starts_like_target("≥合格", strlen("≥合格")) &&
		  !pt_lex_starts_like_target("﹦合格", strlen("﹦合格")) &&
		  !pt_lex_starts_like_target("控制在5%", strlen("控制在5%")) &&
		  pt_lex_starts_like_target("不低于 inf", strlen("不低于 inf")), "starts like a target");
	CHECK(!pt_label_needs_quotes("﹦合格", strlen("﹦合格")) && pt_label_needs_quotes("≥合格", strlen("≥合格")),
		  "labels quoted as in 1.0");
	/* 1.0's measure words run on through 1.1's words */
	CHECK(!pt_lex_stops_measure_word("以內", strlen("以內"), true) &&
		  pt_lex_stops_measure_word("以內", strlen("以內"), false), "以內 ends a word from 1.1");
}

int
main(int argc, char **argv)
{
	/* one test case each (check.h): the closing line counts cases, not assertions */
	TEST_CASE(test_decimal());
	TEST_CASE(test_dates());
	TEST_CASE(test_grammar());
	TEST_CASE(test_semantics());
	TEST_CASE(test_significant_digits());
	TEST_CASE(test_stored_format_unchanged());
	TEST_CASE(test_messages());
	TEST_CASE(check_pack_round_trip("≤1265822.78万元"));
	TEST_CASE(check_pack_round_trip("-5~-1%"));
	TEST_CASE(check_pack_round_trip("2025年1月1日~2025年3月5日"));
	TEST_CASE(check_pack_round_trip("≤15.5/棵"));
	TEST_CASE(check_pack_round_trip("≤300万/年"));
	TEST_CASE(test_spellings());
	TEST_CASE(test_extract());
	TEST_CASE(test_context());
	TEST_CASE(test_lexicon());
	if (argc > 1)
		TEST_CASE(test_seed_cells(argv[1]));
	return check_summary();
}
