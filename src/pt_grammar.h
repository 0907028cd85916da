/*
 * pt_grammar.h — what the parts of the grammar share (private to the core):
 * the cursor over folded text, scan outcomes, errors.  The quantity grammar
 * and the entry points are in pt_parse.c, the date grammar in
 * pt_parse_date.c, constraints inside prose in pt_extract.c; the words they
 * read are in pt_lexicon.c, the units in pt_units.c.
 *
 * Every grammar function reads in one of two modes (cursor.v11): 1.0's
 * spellings only, or also the spellings 1.1 added.  pt_parse reads text in
 * 1.0's mode first and keeps that reading when it is a complete target, so a
 * text 1.0 read as a value is read as the same value; 1.1's spellings are
 * tried only for text 1.0 read as a label or refused.
 */
#ifndef PT_GRAMMAR_H
#define PT_GRAMMAR_H

#include <stdio.h>
#include <string.h>

#include "pt_fold.h"
#include "pt_lexicon.h"
#include "ptarget_core.h"

typedef struct cursor
{
	const char *s;				/* folded text */
	size_t		len;
	size_t		pos;
	bool		v11;			/* read 1.1's spellings too */
	bool		used_v11;		/* set when a 1.1 spelling was read */
	int			year;			/* the context's year for dates written without one; 0 = none */
	/* the last catalog lookup: scale words and units look at one place twice */
	bool		unit_memo;
	size_t		unit_memo_pos,
				unit_memo_len;
	const struct pt_unit *unit_memo_row;
} cursor;

/* A cursor at pos of folded text s[0..len), reading 1.1's spellings or not, with a context year. */
#define CURSOR(s, len, pos, v11, year) ((cursor) {(s), (len), (pos), (v11), false, (year), false, 0, 0, NULL})

/* The longest catalog unit at the cursor's position (no spaces skipped), in its mode. */
static inline const struct pt_unit *
unit_at(cursor *c, size_t *consumed)
{
	if (!c->unit_memo || c->unit_memo_pos != c->pos)
	{
		c->unit_memo_row = pt_unit_match_since(c->s + c->pos, c->len - c->pos, &c->unit_memo_len, !c->v11);
		c->unit_memo_pos = c->pos;
		c->unit_memo = true;
	}
	*consumed = c->unit_memo_len;
	return c->unit_memo_row;
}

typedef enum scan_outcome
{
	SCAN_NONE,					/* does not start like this kind of target */
	SCAN_PARTIAL,				/* a complete target followed by more text */
	SCAN_FULL,					/* the whole text is this target */
	SCAN_ERROR					/* looks like one but is wrong: err is filled */
} scan_outcome;

static inline void
skip_spaces(cursor *c)
{
	while (c->pos < c->len && c->s[c->pos] == ' ')
		c->pos++;
}

static inline bool
at_end(cursor *c)
{
	skip_spaces(c);
	return c->pos >= c->len;
}

static inline bool
looking_at_n(const cursor *c, const char *word, size_t n)
{
	return c->len - c->pos >= n && c->s[c->pos] == word[0] && memcmp(c->s + c->pos, word, n) == 0;
}

/* literal words: their length is known at compile time */
#define LOOKING_AT(c, literal) looking_at_n((c), "" literal, sizeof(literal) - 1)

static inline bool
accept_n(cursor *c, const char *word, size_t n)
{
	skip_spaces(c);
	if (!looking_at_n(c, word, n))
		return false;
	c->pos += n;
	return true;
}

#define ACCEPT(c, literal) accept_n((c), "" literal, sizeof(literal) - 1)

/*
 * The longest word of a class at the cursor (after spaces), in the cursor's
 * mode; moves past it.  NULL (cursor after the spaces) when there is none.
 */
static inline const pt_word *
accept_word(cursor *c, pt_word_class cls)
{
	const pt_word *w;

	skip_spaces(c);
	if (!pt_word_may_start(c->s + c->pos, c->len - c->pos, cls))
		return NULL;
	w = pt_word_at(c->s + c->pos, c->len - c->pos, cls, !c->v11);
	if (w == NULL)
		return NULL;
	if (w->since != PT_SINCE_1_0)
		c->used_v11 = true;
	c->pos += w->len;
	return w;
}

static inline bool
is_digit_at(const cursor *c, size_t pos)
{
	return pos < c->len && c->s[pos] >= '0' && c->s[pos] <= '9';
}

/* The code point at pos, with its byte length (0 at the end). */
static inline size_t
char_at(const cursor *c, size_t pos, unsigned *cp)
{
	if (pos >= c->len)
		return 0;
	return pt_utf8_char_len(c->s + pos, c->len - pos, cp);
}

/* Fills err; returns status. */
pt_status	pt_grammar_fail(pt_error *err, pt_status status, const char *message, const char *hint);

extern const char *const PT_HINT_FORMS;

/* Does the rest of the text start with prose (two or more ideographs)? */
bool		pt_grammar_followed_by_prose(cursor *c);

/* ---------------------------------------------------------------- quantities (pt_parse.c) */

/* A quantity at the cursor; key_out (PT_UNIT_MAX_BYTES + 1) gets the unit key. */
scan_outcome pt_scan_quantity(cursor *c, pt_target *t, char *key_out, pt_error *err);

/* NaN or an infinity where a number should be: an error, else PT_OK. */
pt_status	pt_grammar_reject_non_finite(cursor *c, pt_error *err);

/* ---------------------------------------------------------------- dates (pt_parse_date.c) */

/* A date at the cursor (a four-digit year, or a month and the context's year). */
scan_outcome pt_scan_date(cursor *c, pt_target *t, pt_error *err);

/* Exactly min..max ASCII digits (not followed by another); the number or -1. */
int			pt_scan_small_int(cursor *c, int min_digits, int max_digits);

#endif
