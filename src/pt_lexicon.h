/*
 * pt_lexicon.h — the words of target text and what they say, for every part
 * of the core that reads or writes targets: the grammar (pt_parse.c, dates in
 * pt_parse_date.c, prose in pt_extract.c) and the canonical text
 * (pt_format.c).  Neither of those includes the other; both ask here.
 *
 * A word belongs to one class (an operator sign, an operator word before or
 * after a number, a word before or after a date, an approximation, a range
 * separator …) and carries a value (the operator it means, …).  Words are
 * matched on folded text (pt_fold) and the longest word of the asked class
 * wins.  Every word records the release that first read it: the predicates
 * that decide how text which is *not* a complete target reads (label or
 * error, and so whether a stored label prints quoted) use the words of 1.0
 * only, so that a release that learns new spellings never changes what a
 * stored 1.0 label prints as, nor turns a 1.0 label into an error.
 */
#ifndef PT_LEXICON_H
#define PT_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pt_decimal.h"

typedef enum pt_word_class
{
	PT_WORD_OP_SIGN,			/* ≥ >= > = …             value: pt_op */
	PT_WORD_OP_PREFIX,			/* 不低于 超过 …          value: pt_op */
	PT_WORD_OP_SUFFIX,			/* 以上 以内 以外 …       value: pt_op */
	PT_WORD_DATE_PREFIX,		/* 截至 不晚于 …          value: pt_op */
	PT_WORD_DATE_SUFFIX,		/* 之前 前 以后 起 …      value: pt_op */
	PT_WORD_APPROX_PREFIX,		/* 约 大约 */
	PT_WORD_APPROX_SUFFIX,		/* 左右 */
	PT_WORD_RANGE,				/* ~ - -- 至 到 */
	PT_WORD_INCLUSION,			/* （含） (不含)           value: 1 inclusive, 0 exclusive */
	PT_WORD_KEEP_WITHIN,		/* 控制在 (needs 以内 or a range after the quantity) */
	PT_WORD_DATE_AT,			/* 于 在 before a date */
	PT_WORD_VERB,				/* 完成 拨付到位 … ending a date */
	PT_WORD_CHANGE,				/* 增加 下降 … before a number in prose: a change, not a level */
	PT_WORD_COMPARED,			/* 比上年 同比 … earlier in a clause: its numbers are differences */
	PT_WORD_TIMES,				/* · * × between the units of a product */
	PT_WORD_UNIT_ALIAS,			/* 台套 = 台（套）         value: catalog id */
	PT_WORD_HALF,				/* 上半年 下半年          value: 1, 2 */
	PT_WORD_QUARTER,			/* 一 二 三 四 1 2 3 4 before 季度  value: 1..4 */
	PT_WORD_CLASS_COUNT
} pt_word_class;

/* The release that first read a word. */
#define PT_SINCE_1_0 10
#define PT_SINCE_1_1 11

typedef struct pt_word
{
	const char *text;			/* folded spelling */
	uint8_t		len;			/* strlen(text), at compile time */
	uint8_t		cls;			/* pt_word_class */
	uint8_t		value;
	uint8_t		since;			/* PT_SINCE_* */
} pt_word;

/*
 * The longest word of class cls at s[0..len) (folded text), or NULL.  With
 * only_1_0, only words 1.0 read.
 */
const pt_word *pt_word_at(const char *s, size_t len, pt_word_class cls, bool only_1_0);

/*
 * Could a word of class cls start at s?  (A bit per class for each first
 * byte: most lookups fail here, without a call.)
 */
extern uint32_t pt_word_first_byte_classes[256];
extern bool pt_words_ready;
void		pt_lex_init(void);

static inline bool
pt_word_may_start(const char *s, size_t len, pt_word_class cls)
{
	if (!pt_words_ready)
		pt_lex_init();
	return len > 0 && ((pt_word_first_byte_classes[(unsigned char) s[0]] >> cls) & 1) != 0;
}

/* Iteration over every word (tests, documentation). */
size_t		pt_word_count(void);
const pt_word *pt_word_nth(size_t i);

/*
 * Does a measure word (a run of ideographs or letters read as a unit) stop
 * before s?  The words that end one are 1.0's: its suffix operators, 左右,
 * 至 and 到.  They are frozen, because 1.0 stored every run it read as a unit
 * (95以內 is a count of 以內 for 1.0, so it must stay one).  Text 1.0 read
 * as no value is read with 1.1's words too (only_1_0 false).
 */
bool		pt_lex_stops_measure_word(const char *s, size_t len, bool only_1_0);

/*
 * Does folded text begin like a target (1.0's rule, frozen)?  An operator
 * sign, a number, or an operator or date word followed by a number, after an
 * optional 约; NaN and infinities count as numbers here.  Text that is not a
 * complete target is an error when it starts like one and a label otherwise.
 */
bool		pt_lex_starts_like_target(const char *folded, size_t len);

/*
 * Would a quantity's magnitude, written as pt_decimal_format writes it,
 * read back as a date?  A positive number with four integer digits and no
 * scale word does before a year unit (2400年), or with two decimals in the
 * years PT_BARE_MONTH_MIN_YEAR..MAX (2023.07 is a month).  Such magnitudes
 * are written with a leading zero (02400年, 02023.07).
 */
bool		pt_lex_magnitude_reads_as_date(const pt_decimal *m, int places, int scale,
										   bool year_unit);

/*
 * NaN, Infinity, inf or ∞, optionally signed, as a whole word after spaces at
 * s: PT_LEX_NAN, PT_LEX_INFINITE, or PT_LEX_FINITE (none of them).
 */
typedef enum pt_lex_non_finite
{
	PT_LEX_FINITE = 0,
	PT_LEX_NAN,
	PT_LEX_INFINITE
} pt_lex_non_finite;
pt_lex_non_finite pt_lex_non_finite_at(const char *s, size_t len);

/* Does a unit text (measure word or catalog spelling) begin with 年? */
bool		pt_lex_is_year_unit(const char *unit, size_t len);

/* A month written without a day (2023.07) is read only in these years. */
#define PT_BARE_MONTH_MIN_YEAR 1900
#define PT_BARE_MONTH_MAX_YEAR 2199

#endif
