/*
 * test_score.c - unit tests of year-end scoring (src/pt_score.c): exact
 * arithmetic, every rule and edge with hand-computed answers, and properties
 * over generated targets and actuals.
 * Usage: test_score [PROPERTY_CASES]   (default 20000)
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pt_date.h"
#include "pt_score.h"

/* ---------------------------------------------------------------- helpers */

typedef struct parsed
{
	pt_target	t;
	char		scratch[4096];
} parsed;

static parsed *
parse(const char *s)
{
	parsed	   *p = calloc(1, sizeof(parsed));
	pt_error	err;
	pt_status	st = pt_parse(s, strlen(s), &p->t, p->scratch, &err);

	CHECK(st == PT_OK, "parse %s: %s", s, err.message);
	return p;
}

static pt_decimal
num(const char *s)
{
	pt_decimal	d = {0, 0};
	int			places;
	size_t		used;
	pt_decimal_status st = pt_decimal_scan(s, strlen(s), &d, &places, &used);

	CHECK(st == PT_DECIMAL_OK && used == strlen(s), "number %s", s);
	return d;
}

/* d written with two places, for comparing with hand-computed answers */
static const char *
two(const pt_decimal *d, char *buf)
{
	pt_decimal_format(d, 2, buf);
	return buf;
}

static void
expect_muldiv(const char *a, const char *b, const char *c, int places, const char *want)
{
	pt_decimal	x = num(a),
				y = num(b),
				z = num(c),
				r;
	char		buf[PT_DECIMAL_TEXT_MAX];
	bool		ok = pt_score_muldiv(&x, &y, &z, places, &r);

	if (want == NULL)
	{
		CHECK(!ok, "%s × %s ÷ %s should fail", a, b, c);
		return;
	}
	CHECK(ok, "%s × %s ÷ %s failed", a, b, c);
	if (ok)
	{
		pt_decimal_format(&r, places, buf);
		CHECK(strcmp(buf, want) == 0, "%s × %s ÷ %s = %s, want %s", a, b, c, buf, want);
	}
}

typedef struct expected
{
	int			met;			/* -1: do not check */
	const char *completion;		/* NULL: none */
	const char *score;			/* the top of the band */
	const char *low;			/* NULL: same as score */
	const char *reason;			/* a fragment the reason holds, or NULL */
} expected;

static pt_evaluation ev;		/* large: keep it off the stack */

static void
expect_eval(const char *target, const char *actual, const char *weight, const pt_score_rule *rule,
			pt_direction dir, expected e)
{
	parsed	   *t = parse(target),
			   *a = parse(actual);
	pt_decimal	w = num(weight);
	char		buf[PT_DECIMAL_TEXT_MAX];
	pt_score_status st = pt_evaluate(&t->t, &a->t, &w, rule, dir, &ev);

	CHECK(st == PT_SCORE_OK, "%s / %s: status %d: %s", target, actual, st, ev.message);
	if (st != PT_SCORE_OK)
		goto done;
	if (e.met >= 0)
		CHECK(ev.met == (e.met == 1), "%s / %s: met %d", target, actual, ev.met);
	if (e.completion == NULL)
		CHECK(!ev.has_completion, "%s / %s: completion %s, want none", target, actual,
			  two(&ev.completion, buf));
	else
		CHECK(ev.has_completion && strcmp(two(&ev.completion, buf), e.completion) == 0,
			  "%s / %s: completion %s, want %s", target, actual, two(&ev.completion, buf), e.completion);
	CHECK(ev.has_score && strcmp(two(&ev.score, buf), e.score) == 0,
		  "%s / %s: score %s, want %s (%s)", target, actual, two(&ev.score, buf), e.score, ev.reason);
	CHECK(strcmp(two(&ev.band_low, buf), e.low ? e.low : e.score) == 0,
		  "%s / %s: band low %s, want %s", target, actual, two(&ev.band_low, buf), e.low ? e.low : e.score);
	if (e.reason)
		CHECK(strstr(ev.reason, e.reason) != NULL, "%s / %s: reason \"%s\" lacks \"%s\"", target, actual,
			  ev.reason, e.reason);
done:
	free(t);
	free(a);
}

static void
expect_status(const char *target, const char *actual, const pt_score_rule *rule, pt_score_status want,
			  const char *fragment)
{
	parsed	   *t = parse(target),
			   *a = parse(actual);
	pt_decimal	w = num("10");
	pt_score_status st = pt_evaluate(&t->t, &a->t, &w, rule, PT_DIRECTION_RULE, &ev);

	CHECK(st == want, "%s / %s: status %d, want %d", target, actual, st, want);
	CHECK(fragment == NULL || strstr(ev.message, fragment) != NULL, "%s / %s: message \"%s\" lacks \"%s\"",
		  target, actual, ev.message, fragment);
	free(t);
	free(a);
}

/* ---------------------------------------------------------------- arithmetic */

static void
test_arithmetic(void)
{
	pt_decimal	a,
				b,
				r;
	char		buf[PT_DECIMAL_TEXT_MAX];

	expect_muldiv("4520", "10", "4700", 2, "9.62");	/* 9.6170… */
	expect_muldiv("5600", "10", "6100", 2, "9.18");	/* 9.1803… */
	expect_muldiv("1", "1", "3", 2, "0.33");
	expect_muldiv("2", "1", "3", 2, "0.67");
	expect_muldiv("0.125", "1", "1", 2, "0.13");	/* half rounds up */
	expect_muldiv("-0.125", "1", "1", 2, "-0.13");	/* and away from zero */
	expect_muldiv("0.124999999999999999999999", "1", "1", 2, "0.12");
	expect_muldiv("1", "1", "8", 2, "0.13");
	expect_muldiv("1", "1", "-8", 2, "-0.13");
	expect_muldiv("4699", "10", "4700", 2, "10.00");	/* 9.99787…: rounding reaches the weight */
	expect_muldiv("1000000000000000000000000000000", "100000", "1000000000000000000000000000000000", 2, "100.00");
	expect_muldiv("1", "1", "10000000000000000000000000000000000000000", 2, "0.00");
	expect_muldiv("100000000000000000000000000000000000", "100000", "1", 2, NULL);	/* 41 digits */
	expect_muldiv("1", "1", "0", 2, NULL);
	expect_muldiv("0", "5", "7", 2, "0.00");
	expect_muldiv("1234567890123456789012345678", "9876543210987654321098765432", "1234567890123456789012345678",
				  0, "9876543210987654321098765432");
	expect_muldiv("3", "0.000001", "7", 8, "0.00000043");	/* 0.000000428571… */

	a = num("0.1");
	b = num("0.2");
	CHECK(pt_score_add(&a, &b, &r) && strcmp(two(&r, buf), "0.30") == 0, "0.1 + 0.2 = %s", buf);
	a = num("1000000000000000000000000000000000000");	/* 10^36 */
	b = num("0.1");
	CHECK(!pt_score_add(&a, &b, &r), "10^36 + 0.1 needs 38 digits");
	a = num("12345678901234567");
	b = num("98765432109876543");
	CHECK(pt_score_mul(&a, &b, &r), "17 × 17 digits");
	pt_decimal_format(&r, 0, buf);
	CHECK(strcmp(buf, "1219326311370217861743636654061881") == 0, "product %s", buf);
	a = num("1234567890123456789012345678");
	CHECK(!pt_score_mul(&a, &a, &r), "56 digits");
	a = num("16.666");
	pt_score_truncate(&a, 2, &r);
	CHECK(strcmp(two(&r, buf), "16.66") == 0, "truncate %s", buf);
	a = num("-16.669");
	pt_score_truncate(&a, 2, &r);
	CHECK(strcmp(two(&r, buf), "-16.66") == 0, "truncate toward zero %s", buf);
}

/* ---------------------------------------------------------------- rules and edges */

static void
test_standard(void)
{
	pt_score_rule std;

	pt_score_rule_standard(&std);
	/* met exactly, exceeded, just missed, missed */
	expect_eval("≥4700人", "4700人", "10", &std, 0, (expected) {1, "100.00", "10.00", NULL, "met: 4700人 satisfies ≥4700人"});
	expect_eval("≥4700人", "4800人", "10", &std, 0, (expected) {1, "102.13", "10.00", NULL, NULL});
	expect_eval("≥95%", "94.9%", "10", &std, 0, (expected) {0, "99.89", "9.99", NULL, "94.9 ÷ 95 × 10 = 9.99"});
	/* the sheet's wrong full marks: 4520人 against ≥4700人 is 9.62, not 10 */
	expect_eval("≥4700人", "4520人", "10", &std, 0, (expected) {0, "96.17", "9.62", NULL, "4520 ÷ 4700 × 10 = 9.62"});
	/* rounding half-up can give a just-missed target its whole weight */
	expect_eval("≥4700人", "4699人", "10", &std, 0, (expected) {0, "99.98", "10.00", NULL, NULL});
	/* ceilings: 6100元/户 against ≤5600元/户 is 9.18, not 10 */
	expect_eval("≤5600元/户", "6100元/户", "10", &std, 0, (expected) {0, "91.80", "9.18", NULL, "5600 ÷ 6100 × 10 = 9.18"});
	expect_eval("≤5600元/户", "5600元/户", "10", &std, 0, (expected) {1, "100.00", "10.00", NULL, NULL});
	expect_eval("≤5600元/户", "4000元/户", "10", &std, 0, (expected) {1, "140.00", "10.00", NULL, NULL});
	/* exclusive bounds: missed at the bound itself, completion 100, the ratio gives the weight */
	expect_eval(">90%", "90%", "10", &std, 0, (expected) {0, "100.00", "10.00", NULL, "missed"});
	expect_eval(">90%", "90.01%", "10", &std, 0, (expected) {1, "100.01", "10.00", NULL, NULL});
	expect_eval("<5次", "5次", "4", &std, 0, (expected) {0, "100.00", "4.00", NULL, NULL});
	expect_eval("<5次", "6次", "4", &std, 0, (expected) {0, "83.33", "3.33", NULL, "5 ÷ 6 × 4 = 3.33"});
	/* target 0 */
	expect_eval("≤0起", "0起", "5", &std, 0, (expected) {1, "100.00", "5.00", NULL, NULL});
	expect_eval("≤0起", "2起", "5", &std, 0, (expected) {0, "0.00", "0.00", NULL, "a ceiling of 0 missed scores 0"});
	expect_eval("0起", "2起", "5", &std, 0, (expected) {0, "0.00", "0.00", NULL, "read as a ceiling"});
	expect_eval("0起", "0起", "5", &std, 0, (expected) {1, "100.00", "5.00", NULL, NULL});
	expect_eval("≥0%", "3%", "5", &std, 0, (expected) {1, "100.00", "5.00", NULL, NULL});
	expect_eval("≥0%", "-3%", "5", &std, 0, (expected) {0, "0.00", "0.00", NULL, "a floor of 0 missed scores 0"});
	/* negative actuals */
	expect_eval("≥100人", "-5人", "10", &std, 0, (expected) {0, "-5.00", "0.00", NULL, "not below 0"});
	expect_eval("≤5600元", "-100元", "10", &std, 0, (expected) {1, "100.00", "10.00", NULL, NULL});
	/* 万元 ↔ 元 */
	expect_eval("≤50万元", "600000元", "10", &std, 0, (expected) {0, "83.33", "8.33", NULL, "600000元 is above the ceiling of ≤50万元"});
	expect_eval("≥50万元", "480000元", "10", &std, 0, (expected) {0, "96.00", "9.60", NULL, "48 ÷ 50 × 10 = 9.60"});
	expect_eval("≥0.55万元", "5500.00元", "10", &std, 0, (expected) {1, "100.00", "10.00", NULL, NULL});
	expect_eval("≤1年", "13个月", "6", &std, 0, (expected) {0, "92.31", "5.54", NULL, NULL});	/* 12 ÷ 13 × 6 = 5.538… */
	/* point targets: a floor unless the direction says otherwise */
	expect_eval("6区", "7区", "10", &std, 0, (expected) {0, "116.67", "10.00", NULL, "met as a floor"});
	expect_eval("6区", "5区", "10", &std, 0, (expected) {0, "83.33", "8.33", NULL, "5 ÷ 6 × 10 = 8.33"});
	expect_eval("50万元", "55万元", "10", &std, PT_DIRECTION_CEILING, (expected) {0, "90.91", "9.09", NULL, "read as a ceiling"});
	expect_eval("100%", "105%", "10", &std, PT_DIRECTION_EXACT, (expected) {0, "95.24", "9.52", NULL, NULL});
	expect_eval("100%", "100%", "10", &std, PT_DIRECTION_EXACT, (expected) {1, "100.00", "10.00", NULL, NULL});
	/* ranges: 100 inside, relative to the nearer bound outside */
	expect_eval("5~10个", "7个", "10", &std, 0, (expected) {1, "100.00", "10.00", NULL, NULL});
	expect_eval("5~10个", "4个", "10", &std, 0, (expected) {0, "80.00", "8.00", NULL, NULL});
	expect_eval("5~10个", "12个", "10", &std, 0, (expected) {0, "83.33", "8.33", NULL, NULL});
	/* an actual written as a set: the value that decides */
	expect_eval("≥95%", "≥98%", "10", &std, 0, (expected) {1, "103.16", "10.00", NULL, NULL});
	/* weights: zero, more places than a score has */
	expect_eval("≥4700人", "4520人", "0", &std, 0, (expected) {0, "96.17", "0.00", NULL, NULL});
	expect_eval("≥4700人", "4800人", "16.666", &std, 0, (expected) {1, "102.13", "16.66", NULL, NULL});
	/* deadlines: met → whole weight, missed → 0 */
	expect_eval("2025年9月30日之前", "2025年9月15日", "5", &std, 0, (expected) {1, NULL, "5.00", NULL, "met"});
	expect_eval("2025年9月30日之前", "2025年9月30日", "5", &std, 0, (expected) {1, NULL, "5.00", NULL, NULL});
	expect_eval("2025年9月30日之前", "2025年10月15日", "5", &std, 0, (expected) {0, NULL, "0.00", NULL, "15 days after 2025年9月30日"});
	expect_eval("2025年全年", "2026年1月2日", "5", &std, 0, (expected) {0, NULL, "0.00", NULL, "2 days after"});
}

static void
test_qualitative(void)
{
	pt_score_rule std,
				hubei;

	pt_score_rule_standard(&std);
	pt_score_rule_standard(&hubei);
	hubei.partial_at = num("50");
	/* 10号 bands: 100-80 % (含80 %), 80-60 % (含60 %), 60-0 % */
	expect_eval("普遍满意", "达成预期指标", "10", &std, 0, (expected) {1, NULL, "10.00", "8.00", "band 80%-100%"});
	expect_eval("普遍满意", "达成年度指标", "10", &std, 0, (expected) {1, NULL, "10.00", "8.00", NULL});
	expect_eval("普遍满意", "部分达成年度指标并具有一定效果", "10", &std, 0, (expected) {0, NULL, "8.00", "6.00", NULL});
	expect_eval("普遍满意", "未达成年度指标且效果较差", "10", &std, 0, (expected) {0, NULL, "6.00", "0.00", NULL});
	expect_eval("普遍满意", "普遍满意", "10", &std, 0, (expected) {1, NULL, "10.00", "8.00", NULL});
	expect_eval("明显提高", "优", "10", &std, 0, (expected) {1, NULL, "10.00", "9.00", NULL});
	expect_eval("明显提高", "良", "10", &std, 0, (expected) {1, NULL, "9.00", "8.00", NULL});
	expect_eval("明显提高", "中", "10", &std, 0, (expected) {0, NULL, "8.00", "6.00", NULL});
	expect_eval("明显提高", "差", "10", &std, 0, (expected) {0, NULL, "6.00", "0.00", NULL});
	expect_eval("明显提高", "部分达成", "7", &std, 0, (expected) {0, NULL, "5.60", "4.20", NULL});
	/* Hubei: 80/50 */
	expect_eval("普遍满意", "部分达成年度指标", "10", &hubei, 0, (expected) {0, NULL, "8.00", "5.00", NULL});
	expect_eval("普遍满意", "未达成", "10", &hubei, 0, (expected) {0, NULL, "5.00", "0.00", NULL});
	CHECK(ev.band_high_inclusive == false, "the lower bands are open at the top");
	expect_status("普遍满意", "很好", &std, PT_SCORE_NOT_GRADE, "is not a grade");
	expect_status("普遍满意", "95%", &std, PT_SCORE_MISMATCH, "cannot be compared with the qualitative target");
}

static void
test_other_rules(void)
{
	pt_score_rule linear,
				steps,
				tol,
				cap,
				lf,
				zero;

	/* linear (pmkpi): a missed ceiling reaches 0 at twice the ceiling */
	pt_score_rule_linear(&linear);
	expect_eval("≤5600元/户", "6100元/户", "10", &linear, 0, (expected) {0, "91.80", "9.11", NULL,
		"10 × (11200 - 6100) ÷ (11200 - 5600) = 9.11"});
	expect_eval("≤5600元/户", "11200元/户", "10", &linear, 0, (expected) {0, "50.00", "0.00", NULL, NULL});
	expect_eval("≤5600元/户", "12000元/户", "10", &linear, 0, (expected) {0, "46.67", "0.00", NULL, NULL});
	expect_eval("≤50万元", "75万元", "8", &linear, 0, (expected) {0, "66.67", "4.00", NULL, NULL});
	expect_eval("≥4700人", "4520人", "10", &linear, 0, (expected) {0, "96.17", "9.62", NULL, NULL});	/* floors as standard */

	/* steps: ≥70% → 3分, ≥65% → 1分 */
	pt_score_rule_standard(&steps);
	steps.floor_shape = steps.ceiling_shape = PT_SHAPE_STEPS;
	steps.nsteps = 2;
	steps.step_at[0] = num("70");
	steps.step_points[0] = num("3");
	steps.step_at[1] = num("65");
	steps.step_points[1] = num("1");
	expect_eval("≥100%", "100%", "5", &steps, 0, (expected) {1, "100.00", "5.00", NULL, NULL});
	expect_eval("≥100%", "72%", "5", &steps, 0, (expected) {0, "72.00", "3.00", NULL, "≥ 70%: 3.00"});
	expect_eval("≥100%", "70%", "5", &steps, 0, (expected) {0, "70.00", "3.00", NULL, NULL});
	expect_eval("≥100%", "69.999%", "5", &steps, 0, (expected) {0, "70.00", "1.00", NULL, NULL});	/* exact, not the rounded rate */
	expect_eval("≥100%", "65%", "5", &steps, 0, (expected) {0, "65.00", "1.00", NULL, NULL});
	expect_eval("≥100%", "60%", "5", &steps, 0, (expected) {0, "60.00", "0.00", NULL, "below the lowest step"});
	expect_eval("≥100%", "72%", "2", &steps, 0, (expected) {0, "72.00", "2.00", NULL, NULL});	/* never above the weight */
	steps.step_share = true;	/* the same steps as percent of the weight */
	expect_eval("≥100%", "72%", "5", &steps, 0, (expected) {0, "72.00", "0.15", NULL, NULL});

	/* ±10% tolerance, two-sided for point targets */
	pt_score_rule_standard(&tol);
	tol.has_tolerance = true;
	tol.tolerance = num("10");
	tol.point_direction = PT_DIRECTION_EXACT;
	expect_eval("100%", "95%", "10", &tol, 0, (expected) {0, "95.00", "10.00", NULL, "within the ±10% tolerance"});
	expect_eval("100%", "90%", "10", &tol, 0, (expected) {0, "90.00", "10.00", NULL, NULL});
	expect_eval("100%", "89%", "10", &tol, 0, (expected) {0, "89.00", "8.90", NULL, NULL});
	expect_eval("100%", "108%", "10", &tol, 0, (expected) {0, "92.59", "10.00", NULL, NULL});
	expect_eval("100%", "110%", "10", &tol, 0, (expected) {0, "90.91", "10.00", NULL, NULL});
	expect_eval("100%", "115%", "10", &tol, 0, (expected) {0, "86.96", "8.70", NULL, NULL});
	expect_eval("≤50万元", "54万元", "10", &tol, 0, (expected) {0, "92.59", "10.00", NULL, NULL});
	expect_eval("≤50万元", "56万元", "10", &tol, 0, (expected) {0, "89.29", "8.93", NULL, NULL});

	/* a cap for misses: 4699 of 4700 no longer rounds to the whole weight */
	pt_score_rule_standard(&cap);
	cap.has_missed_cap = true;
	cap.missed_cap = num("90");
	expect_eval("≥4700人", "4699人", "10", &cap, 0, (expected) {0, "99.98", "9.00", NULL, "at most 90% of the weight"});
	expect_eval("≥4700人", "4700人", "10", &cap, 0, (expected) {1, "100.00", "10.00", NULL, NULL});

	/* a linear floor reaching 0 at half the target */
	pt_score_rule_standard(&lf);
	lf.floor_shape = PT_SHAPE_LINEAR;
	lf.floor_zero_at = num("50");
	expect_eval("≥100人", "75人", "10", &lf, 0, (expected) {0, "75.00", "5.00", NULL, "10 × (75 - 50) ÷ (100 - 50) = 5.00"});
	expect_eval("≥100人", "40人", "10", &lf, 0, (expected) {0, "40.00", "0.00", NULL, NULL});

	/* all or nothing */
	pt_score_rule_standard(&zero);
	zero.floor_shape = zero.ceiling_shape = PT_SHAPE_ZERO;
	expect_eval("≥95%", "94.9%", "10", &zero, 0, (expected) {0, "99.89", "0.00", NULL, NULL});
}

static void
test_errors(void)
{
	pt_score_rule std,
				bad;
	char		why[200];

	pt_score_rule_standard(&std);
	/* another dimension: named both ways */
	expect_status("≥4700人", "4520元", &std, PT_SCORE_MISMATCH,
				  "the actual 4520元 (money) cannot be compared with the target ≥4700人 (count:人)");
	expect_status("≥95%", "96", &std, PT_SCORE_MISMATCH, "(none)");
	expect_status("≥4700人", "4700人次", &std, PT_SCORE_MISMATCH, "count:人次");
	expect_status("≥95%", "2025年9月1日", &std, PT_SCORE_MISMATCH, "(date)");
	expect_status("2025年9月30日之前", "达成", &std, PT_SCORE_MISMATCH, "(label)");
	expect_status("≥95%", "≤98%", &std, PT_SCORE_UNBOUNDED, "no lowest value");
	expect_status("5~10个", "6~12个", &std, PT_SCORE_UNBOUNDED, "needs one actual value");
	{
		parsed	   *t = parse("≥95%"),
				   *a = parse("96%");
		pt_decimal	w = num("-1");

		CHECK(pt_evaluate(&t->t, &a->t, &w, &std, 0, &ev) == PT_SCORE_BAD_WEIGHT, "negative weight");
		free(t);
		free(a);
	}
	/* not applicable */
	{
		parsed	   *t = parse("≥95%"),
				   *a = parse("不适用");
		pt_decimal	w = num("10");

		CHECK(pt_evaluate(&t->t, &a->t, &w, &std, 0, &ev) == PT_SCORE_OK && ev.not_applicable && !ev.has_score,
			  "不适用: %s", ev.reason);
		free(t);
		free(a);
	}
	/* rules that make no sense */
	CHECK(pt_score_rule_check(&std, why, sizeof(why)) == PT_SCORE_OK, "standard is consistent");
	bad = std;
	bad.partial_at = num("85");
	CHECK(pt_score_rule_check(&bad, why, sizeof(why)) == PT_SCORE_BAD_RULE && strstr(why, "qualitative"), "bands");
	bad = std;
	bad.ceiling_zero_at = num("100");
	CHECK(pt_score_rule_check(&bad, why, sizeof(why)) == PT_SCORE_BAD_RULE, "zero at the ceiling");
	bad = std;
	bad.floor_shape = PT_SHAPE_STEPS;
	CHECK(pt_score_rule_check(&bad, why, sizeof(why)) == PT_SCORE_BAD_RULE, "steps without steps");
	bad.nsteps = 2;
	bad.step_at[0] = num("65");
	bad.step_at[1] = num("70");
	CHECK(pt_score_rule_check(&bad, why, sizeof(why)) == PT_SCORE_BAD_RULE && strstr(why, "descending"), "order");
}

static void
test_grades(void)
{
	pt_score_rule std;
	static const struct
	{
		const char *total;
		const char *grade;
	}			cases[] = {{"100", "优"}, {"90", "优"}, {"89.99", "良"}, {"80", "良"}, {"79.99", "中"},
	{"60", "中"}, {"59.99", "差"}, {"0", "差"}, {"-1", "差"}, {"120", "优"}};
	size_t		i;

	pt_score_rule_standard(&std);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		pt_decimal	d = num(cases[i].total);
		const char *g = pt_score_grade_name(pt_score_grade(&d, &std));

		CHECK(strcmp(g, cases[i].grade) == 0, "%s: %s, want %s", cases[i].total, g, cases[i].grade);
	}
}

static void
test_number_actuals(void)
{
	pt_score_rule std;
	parsed	   *t = parse("≤50万元");
	pt_target	a;
	pt_decimal	n = num("60"),
				w = num("10");
	char		buf[PT_DECIMAL_TEXT_MAX];

	pt_score_rule_standard(&std);
	/* a number is in the target's written unit: 60 means 60万元 */
	CHECK(pt_score_actual_number(&t->t, &n, &a), "60 in 万元");
	CHECK(pt_evaluate(&t->t, &a, &w, &std, 0, &ev) == PT_SCORE_OK && strcmp(two(&ev.score, buf), "8.33") == 0,
		  "60 against ≤50万元: %s", buf);
	CHECK(strstr(ev.reason, "60万元") != NULL, "reason %s", ev.reason);
	free(t);
	t = parse("2025年9月30日之前");
	pt_score_actual_day(pt_date_to_days(2025, 10, 1), &a);
	CHECK(pt_evaluate(&t->t, &a, &w, &std, 0, &ev) == PT_SCORE_OK && !ev.met && strstr(ev.reason, "1 day after"),
		  "a day: %s", ev.reason);
	free(t);
}

/* ---------------------------------------------------------------- properties */

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t
next(void)
{
	/* xorshift64*: fixed seed, same cases every run */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1Dull;
}

static int
pick(int n)
{
	return (int) (next() % (uint64_t) n);
}

/* a decimal text with up to 6 integer digits and 0-3 places, sometimes 0 or negative */
static void
random_number(char *buf, bool allow_negative)
{
	int			places = pick(4);
	long		whole = (long) (next() % 1000000);
	int			frac = places ? (int) (next() % 1000) : 0;

	if (pick(10) == 0)
		whole = pick(3);
	if (places == 0)
		sprintf(buf, "%s%ld", allow_negative && pick(8) == 0 ? "-" : "", whole);
	else
		sprintf(buf, "%s%ld.%0*d", allow_negative && pick(8) == 0 ? "-" : "", whole, places, frac % (int) (places == 1 ? 10 : places == 2 ? 100 : 1000));
}

static const char *const units[] = {"人", "%", "万元", "元", "次", "天", ""};

static void
test_properties(int cases)
{
	pt_score_rule rules[5];
	int			i,
				violations_weight = 0,
				violations_met = 0,
				violations_monotone = 0,
				checked_monotone = 0,
				evaluated = 0;
	static const char *const ops[] = {"≥", ">", "≤", "<", "", "~"};

	pt_score_rule_standard(&rules[0]);
	pt_score_rule_linear(&rules[1]);
	pt_score_rule_standard(&rules[2]);
	rules[2].floor_shape = rules[2].ceiling_shape = PT_SHAPE_STEPS;
	rules[2].nsteps = 2;
	rules[2].step_at[0] = num("70");
	rules[2].step_points[0] = num("3");
	rules[2].step_at[1] = num("65");
	rules[2].step_points[1] = num("1");
	pt_score_rule_standard(&rules[3]);
	rules[3].has_tolerance = true;
	rules[3].tolerance = num("10");
	rules[3].point_direction = PT_DIRECTION_EXACT;
	pt_score_rule_linear(&rules[4]);
	rules[4].floor_shape = PT_SHAPE_LINEAR;
	rules[4].floor_zero_at = num("50");
	rules[4].has_missed_cap = true;
	rules[4].missed_cap = num("90");

	for (i = 0; i < cases; i++)
	{
		char		ttext[128],
					atext[3][128],
					n1[40],
					n2[40],
					wtext[40];
		const char *unit = units[pick(7)];
		const char *op = ops[pick(6)];
		parsed	   *t,
				   *a[3];
		pt_evaluation e[3];
		pt_decimal	w;
		int			k,
					order[3] = {0, 1, 2};
		const pt_score_rule *rule = &rules[pick(5)];
		pt_error	err;

		random_number(n1, true);
		if (op[0] == '~')
		{
			/* a range with n1 < n2 */
			pt_decimal	lo,
						hi;

			random_number(n2, false);
			lo = num(n1);
			hi = num(n2);
			if (pt_decimal_cmp(&lo, &hi) >= 0)
				snprintf(ttext, sizeof(ttext), "%s~%s%s", n2, n1, unit);
			else
				snprintf(ttext, sizeof(ttext), "%s~%s%s", n1, n2, unit);
			if (pt_decimal_cmp(&lo, &hi) == 0)
				snprintf(ttext, sizeof(ttext), "%s%s", n1, unit);
		}
		else
			snprintf(ttext, sizeof(ttext), "%s%s%s", op, n1, unit);
		random_number(wtext, false);
		w = num(wtext);
		t = calloc(1, sizeof(parsed));
		if (pt_parse(ttext, strlen(ttext), &t->t, t->scratch, &err) != PT_OK || t->t.kind != PT_KIND_QUANTITY)
		{
			free(t);
			continue;
		}
		for (k = 0; k < 3; k++)
		{
			random_number(n2, true);
			snprintf(atext[k], sizeof(atext[k]), "%s%s", n2, unit);
			a[k] = calloc(1, sizeof(parsed));
			if (pt_parse(atext[k], strlen(atext[k]), &a[k]->t, a[k]->scratch, &err) != PT_OK)
				a[k]->t.kind = PT_KIND_LABEL;	/* marks "skip" */
		}
		for (k = 0; k < 3; k++)
		{
			if (a[k]->t.kind != PT_KIND_QUANTITY)
			{
				e[k].status = PT_SCORE_MISMATCH;
				continue;
			}
			pt_evaluate(&t->t, &a[k]->t, &w, rule, 0, &e[k]);
			if (e[k].status != PT_SCORE_OK)
				continue;
			evaluated++;
			/* a score never exceeds its weight and is never negative */
			if (!e[k].has_score || e[k].score.coef < 0 || pt_decimal_cmp(&e[k].score, &w) > 0)
			{
				violations_weight++;
				fprintf(stderr, "weight: %s / %s / %s\n", ttext, atext[k], wtext);
			}
			/* met agrees with @> */
			if (e[k].met != pt_contains(&t->t, &a[k]->t))
			{
				violations_met++;
				fprintf(stderr, "met: %s / %s\n", ttext, atext[k]);
			}
		}
		/* completion is monotone in the actual: sort the three actuals */
		for (k = 0; k < 3; k++)
		{
			int			j;

			for (j = k + 1; j < 3; j++)
				if (e[order[k]].status == PT_SCORE_OK && e[order[j]].status == PT_SCORE_OK &&
					pt_decimal_cmp(&a[order[j]]->t.lower.value, &a[order[k]]->t.lower.value) < 0)
				{
					int			x = order[k];

					order[k] = order[j];
					order[j] = x;
				}
		}
		for (k = 0; k + 1 < 3; k++)
		{
			const pt_evaluation *lo = &e[order[k]],
					   *hi = &e[order[k + 1]];
			const pt_decimal *vlo = &a[order[k]]->t.lower.value,
					   *vhi = &a[order[k + 1]]->t.lower.value;
			int			c;
			bool		floor_side = t->t.upper.infinite;
			bool		ceiling_side = t->t.lower.infinite;

			if (lo->status != PT_SCORE_OK || hi->status != PT_SCORE_OK)
				continue;
			c = pt_decimal_cmp(&lo->completion, &hi->completion);
			if (t->t.op == PT_OP_EQ)
			{
				/* a point target reads as the rule's direction; a point at 0 as a ceiling */
				pt_direction d = rule->point_direction;

				if (d == PT_DIRECTION_FLOOR && t->t.lower.value.coef == 0)
					d = PT_DIRECTION_CEILING;
				floor_side = (d == PT_DIRECTION_FLOOR);
				ceiling_side = (d == PT_DIRECTION_CEILING) && vlo->coef > 0;
				if (d == PT_DIRECTION_EXACT)
				{
					floor_side = pt_decimal_cmp(vhi, &t->t.lower.value) <= 0;
					ceiling_side = pt_decimal_cmp(vlo, &t->t.upper.value) >= 0 && vlo->coef > 0;
				}
			}
			else if (!floor_side && !ceiling_side)
			{
				/* points and ranges: rising up to the lower bound, falling past the upper one */
				floor_side = pt_decimal_cmp(vhi, &t->t.lower.value) <= 0;
				ceiling_side = pt_decimal_cmp(vlo, &t->t.upper.value) >= 0 && vlo->coef > 0;
			}
			else if (ceiling_side && vlo->coef <= 0)
				ceiling_side = false;	/* ceilings: a ratio only over positive actuals */
			if (floor_side)
			{
				checked_monotone++;
				if (c > 0)
				{
					violations_monotone++;
					fprintf(stderr, "monotone: %s / %s %s\n", ttext, atext[order[k]], atext[order[k + 1]]);
				}
			}
			else if (ceiling_side)
			{
				checked_monotone++;
				if (c < 0)
				{
					violations_monotone++;
					fprintf(stderr, "monotone: %s / %s %s\n", ttext, atext[order[k]], atext[order[k + 1]]);
				}
			}
		}
		for (k = 0; k < 3; k++)
			free(a[k]);
		free(t);
	}
	printf("     properties: %d scored cases, %d monotonicity pairs\n", evaluated, checked_monotone);
	CHECK(evaluated > cases, "most generated cases scored (%d)", evaluated);
	CHECK(violations_weight == 0, "%d scores outside [0, weight]", violations_weight);
	CHECK(violations_met == 0, "%d met values disagree with @>", violations_met);
	CHECK(violations_monotone == 0, "%d of %d completion pairs not monotone", violations_monotone, checked_monotone);
	CHECK(checked_monotone > cases / 2, "monotonicity checked on %d pairs", checked_monotone);
}

/* Dates: met agrees with @> and a score is the whole weight or 0. */
static void
test_date_properties(int cases)
{
	pt_score_rule std;
	int			i,
				bad = 0;
	pt_decimal	w = num("7.5");

	pt_score_rule_standard(&std);
	for (i = 0; i < cases; i++)
	{
		char		text[64];
		parsed	   *t;
		pt_target	a;
		pt_error	err;
		int			m = 1 + pick(12),
					d = 1 + pick(28);

		snprintf(text, sizeof(text), pick(2) ? "2025年%d月%d日之前" : "2025年%d月", m, d);
		t = calloc(1, sizeof(parsed));
		if (pt_parse(text, strlen(text), &t->t, t->scratch, &err) == PT_OK)
		{
			pt_score_actual_day(pt_date_to_days(2025, 1, 1) + pick(400), &a);
			if (pt_evaluate(&t->t, &a, &w, &std, 0, &ev) != PT_SCORE_OK || ev.met != pt_contains(&t->t, &a) ||
				strcmp(ev.met ? "7.50" : "0.00", (pt_decimal_format(&ev.score, 2, text), text)) != 0)
				bad++;
		}
		free(t);
	}
	CHECK(bad == 0, "%d date cases wrong", bad);
}

/* muldiv against its definition: |r × c - a × b| ≤ |c| ÷ 2 × 10^-places */
static void
test_muldiv_property(int cases)
{
	int			i,
				bad = 0;

	for (i = 0; i < cases; i++)
	{
		char		ta[40],
					tb[40],
					tc[40];
		pt_decimal	a,
					b,
					c,
					r,
					rc,
					ab,
					diff,
					half,
					two_diff;

		random_number(ta, true);
		random_number(tb, true);
		random_number(tc, true);
		a = num(ta);
		b = num(tb);
		c = num(tc);
		if (c.coef == 0)
			continue;
		if (!pt_score_muldiv(&a, &b, &c, 2, &r) || !pt_score_mul(&r, &c, &rc) || !pt_score_mul(&a, &b, &ab))
		{
			bad++;
			continue;
		}
		ab.coef = -ab.coef;
		if (!pt_score_add(&rc, &ab, &diff))
		{
			bad++;
			continue;
		}
		/* 2 |diff| ≤ |c| × 10^-2, and rounding half away from zero */
		if (diff.coef < 0)
			diff.coef = -diff.coef;
		two_diff = diff;
		two_diff.coef *= 2;
		half = c;
		if (half.coef < 0)
			half.coef = -half.coef;
		half.exp -= 2;
		if (pt_decimal_cmp(&two_diff, &half) > 0)
		{
			bad++;
			fprintf(stderr, "muldiv %s × %s ÷ %s\n", ta, tb, tc);
		}
	}
	CHECK(bad == 0, "%d muldiv results off by more than half a cent", bad);
}

int
main(int argc, char **argv)
{
	int			cases = argc > 1 ? atoi(argv[1]) : 20000;

	TEST_CASE(test_arithmetic());
	TEST_CASE(test_standard());
	TEST_CASE(test_qualitative());
	TEST_CASE(test_other_rules());
	TEST_CASE(test_errors());
	TEST_CASE(test_grades());
	TEST_CASE(test_number_actuals());
	TEST_CASE(test_properties(cases));
	TEST_CASE(test_date_properties(cases / 4));
	TEST_CASE(test_muldiv_property(cases));
	return check_summary();
}
