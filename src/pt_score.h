/*
 * pt_score.h - year-end self-evaluation (自评): an actual value scored
 * against its target, exactly.
 *
 * Plain C, no PostgreSQL headers: unit-tested alone (test/unit/test_score.c).
 * The glue (pg_score.c) reads rules from the rules table into pt_score_rule,
 * calls pt_evaluate and turns its status into an error or a reason text.
 *
 * What a score is (the rules' sources are in the rules table and the README):
 *   - met: the actual lies inside the target (agrees with @> for quantities
 *     and dates); for a qualitative target, the actual is a grade of the
 *     achieved band (or the target's own words);
 *   - completion (完成率), percent rounded half-up to 2 places: floors and
 *     point targets actual ÷ target, ceilings target ÷ actual, ranges 100
 *     inside and relative to the nearer bound outside;
 *   - score: in [0, weight], rounded half-up to 2 places; met gives the
 *     whole weight, a miss what the rule's shape gives.
 * All arithmetic is exact decimal (pt_decimal); nothing is a float.
 */
#ifndef PT_SCORE_H
#define PT_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "ptarget_core.h"

#define PT_SCORE_PLACES 2			/* scores and completion rates */
#define PT_SCORE_MAX_STEPS 16
#define PT_SCORE_REASON_MAX 1024	/* bytes of a reason, NUL included */

/* Which way a target counts when it is missed. */
typedef enum pt_direction
{
	PT_DIRECTION_RULE = 0,		/* point targets: as the rule says */
	PT_DIRECTION_FLOOR,			/* more is better (正向): =6区 read as ≥6区 */
	PT_DIRECTION_CEILING,		/* less is better (反向): =50万元 read as ≤50万元 */
	PT_DIRECTION_EXACT			/* both ways count: =100% missed above or below */
} pt_direction;

/* How a missed bound loses its weight. */
typedef enum pt_shape
{
	PT_SHAPE_PROPORTIONAL = 0,	/* floor actual ÷ target, ceiling target ÷ actual */
	PT_SHAPE_LINEAR,			/* straight line from the bound to 0 at zero_at % of it */
	PT_SHAPE_ZERO,				/* missed gives 0 */
	PT_SHAPE_STEPS				/* completion ≥ step_at[i] gives step_points[i] */
} pt_shape;

/*
 * A scoring rule: one row of the rules table.  Percentages are percent
 * numbers (80 means 80 %).
 */
typedef struct pt_score_rule
{
	pt_direction point_direction;	/* how a point target is scored; not RULE */
	pt_shape	floor_shape;	/* a missed floor (≥ >, and the low side of ranges) */
	pt_shape	ceiling_shape;	/* a missed ceiling (≤ <, and the high side) */
	pt_decimal	floor_zero_at;	/* LINEAR floors reach 0 at this % of the floor, [0, 100) */
	pt_decimal	ceiling_zero_at;	/* LINEAR ceilings reach 0 at this % of the ceiling, > 100 */
	bool		has_missed_cap;
	pt_decimal	missed_cap;		/* a missed target scores at most this % of the weight */
	bool		has_tolerance;
	pt_decimal	tolerance;		/* within ±this % of a missed bound counts as achieved */
	int			nsteps;
	pt_decimal	step_at[PT_SCORE_MAX_STEPS];	/* completion %, strictly descending */
	pt_decimal	step_points[PT_SCORE_MAX_STEPS];	/* points, or % of the weight */
	bool		step_share;		/* step_points are % of the weight */
	pt_decimal	achieved_at;	/* qualitative: 达成 band is [achieved_at, 100] % */
	pt_decimal	partial_at;		/* 部分达成 [partial_at, achieved_at), 未达成 [0, partial_at) */
	pt_decimal	grade_at[3];	/* 优 ≥ grade_at[0], 良 ≥ [1], 中 ≥ [2], else 差 */
} pt_score_rule;

typedef enum pt_score_status
{
	PT_SCORE_OK = 0,
	PT_SCORE_MISMATCH,			/* 22023: actual of another kind or dimension */
	PT_SCORE_NOT_GRADE,			/* 22023: a label actual that is no known grade */
	PT_SCORE_UNBOUNDED,			/* 22023: the actual is a set without the deciding value */
	PT_SCORE_BAD_WEIGHT,		/* 22023: negative weight */
	PT_SCORE_BAD_RULE,			/* 22023: the rule's numbers do not make sense */
	PT_SCORE_OVERFLOW			/* 22003: numbers too far apart to score exactly */
} pt_score_status;

typedef struct pt_evaluation
{
	pt_score_status status;
	char		message[PT_SCORE_REASON_MAX];	/* why, when status != OK */

	bool		met;
	bool		achieved;		/* scored as achieved: met, or met as the rule reads it */
	bool		not_applicable; /* the actual says 不适用 / 不涉及 */
	bool		has_completion; /* false for dates, labels and undefined ratios */
	pt_decimal	completion;		/* percent, PT_SCORE_PLACES places */
	bool		has_score;		/* false when no weight was given */
	pt_decimal	score;			/* the top of the band */
	pt_decimal	band_low;		/* the bottom of the band (= score for quantities) */
	bool		band_high_inclusive;	/* false for the lower qualitative bands */
	char		reason[PT_SCORE_REASON_MAX];	/* UTF-8: how the score came about */
} pt_evaluation;

/* The built-in rules (the rows the extension script inserts say the same). */
void		pt_score_rule_standard(pt_score_rule *r);	/* 财预〔2020〕10号 */
void		pt_score_rule_linear(pt_score_rule *r);	/* linear ceiling deduction */

/* Are the rule's numbers consistent?  On PT_SCORE_BAD_RULE, *why says which. */
pt_score_status pt_score_rule_check(const pt_score_rule *r, char *why, size_t cap);

/*
 * Scores actual against target.  weight may be NULL (met and completion
 * only).  direction overrides the rule's point_direction for this indicator
 * (PT_DIRECTION_RULE: the rule's).  Never allocates.
 */
pt_score_status pt_evaluate(const pt_target *target, const pt_target *actual,
							const pt_decimal *weight, const pt_score_rule *rule,
							pt_direction direction, pt_evaluation *out);

/* An actual given as a number in the target's written unit (scale word included). */
bool		pt_score_actual_number(const pt_target *target, const pt_decimal *n,
								   pt_target *out);
/* An actual given as a day (days since 2000-01-01). */
void		pt_score_actual_day(int32_t day, pt_target *out);

/* 0 优, 1 良, 2 中, 3 差 for a total score under the rule's grade bands. */
int			pt_score_grade(const pt_decimal *total, const pt_score_rule *rule);
const char *pt_score_grade_name(int grade);

/* ---------------------------------------------------------------- exact arithmetic */

/*
 * *out = a × b ÷ c rounded half away from zero (PostgreSQL's round()) to
 * `places` decimal places, exactly.  false when c is 0 or the result needs
 * more than 36 digits.
 */
bool		pt_score_muldiv(const pt_decimal *a, const pt_decimal *b, const pt_decimal *c,
							int places, pt_decimal *out);
/* Exact a × b and a + b; false past 36 digits. */
bool		pt_score_mul(const pt_decimal *a, const pt_decimal *b, pt_decimal *out);
bool		pt_score_add(const pt_decimal *a, const pt_decimal *b, pt_decimal *out);
/* d cut (toward zero) to `places` decimal places. */
void		pt_score_truncate(const pt_decimal *d, int places, pt_decimal *out);
/* A decimal from an integer. */
pt_decimal	pt_score_int(int64_t v);

#endif
