/*
 * pt_extract.c — the constraints a sentence states (ptarget_extract).
 *
 * A text that is a target on its own gives that target, as the cast reads
 * it.  Any other text is read from left to right with the grammar of
 * pt_parse (1.1's spellings included); at each place where a target can
 * start (a number, an operator sign or word, 约, 控制在, 截至, 于 …) the
 * longest date or quantity is read, and it is kept when the sentence states
 * it as a level:
 *
 *   - not a change: 比上年增加5个, 同比增长5% state no level (提高到95% does:
 *     到 is no change word);
 *   - not an ordinal or a name: 第3批, G318, a number glued to digits or
 *     letters before it;
 *   - a bare number (no unit) only with an operator: 不低于90 (1.、(1), 318国道
 *     and 2-3 are no constraints);
 *   - a measure word the catalog does not know only before the end of a
 *     clause (500棵， but not 500棵树苗: the word might run on);
 *   - a date only when it ends a clause, ends with a deadline word or a verb
 *     (2024年10月底前完成…), or is the whole text: 2024年度 and 2024年完成率
 *     are no constraints.
 *
 * Nothing is guessed: a text without a stated level gives nothing.
 */
#include "pt_grammar.h"

size_t
pt_extract_scratch_size(size_t len, size_t max)
{
	/* folded text, its map to the original, pt_parse's scratch, a key per result */
	return (len + 1) + (len + 1) * sizeof(uint32_t) + pt_parse_scratch_size(len) +
		max * (PT_UNIT_MAX_BYTES + 1) + 8;
}

/* End of text, white space, or punctuation that ends a clause or opens a note. */
static bool
at_boundary(const char *s, size_t len, size_t pos)
{
	static const char *const marks[] = {
		"，", "。", "；", "：", "、", "！", "？", "）", "（", "】", "【", "」", "』", "“", "”"
	};
	size_t		i;

	if (pos >= len)
		return true;
	if (strchr(" ,;.:!?)(]}[{\"'", s[pos]) != NULL)
		return true;
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (len - pos >= strlen(marks[i]) && memcmp(s + pos, marks[i], strlen(marks[i])) == 0)
			return true;
	return false;
}

/* Does a word of class cls end exactly at pos (within the last 6 characters)? */
static bool
word_ends_at(const char *s, size_t pos, pt_word_class cls)
{
	size_t		start = pos;
	int			chars;

	for (chars = 0; chars < 6 && start > 0; chars++)
	{
		const pt_word *w;

		do
			start--;
		while (start > 0 && ((unsigned char) s[start] & 0xC0) == 0x80);
		w = pt_word_at(s + start, pos - start, cls, false);
		if (w != NULL && w->len == pos - start)
			return true;
	}
	return false;
}

static bool
isalnum_ascii(unsigned c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The code point ending at pos (0 at the start). */
static unsigned
char_before(const char *s, size_t pos)
{
	size_t		start = pos;
	unsigned	cp = 0;

	if (pos == 0)
		return 0;
	do
		start--;
	while (start > 0 && ((unsigned char) s[start] & 0xC0) == 0x80);
	pt_utf8_char_len(s + start, pos - start, &cp);
	return cp;
}

/* Where a target may start: a number not glued to what comes before, or a word that opens one. */
static bool
may_start(const char *s, size_t len, size_t pos)
{
	unsigned	before = char_before(s, pos);
	size_t		digit = pos;
	static const pt_word_class openers[] = {
		PT_WORD_OP_SIGN, PT_WORD_OP_PREFIX, PT_WORD_APPROX_PREFIX, PT_WORD_KEEP_WITHIN,
		PT_WORD_DATE_PREFIX, PT_WORD_DATE_AT
	};
	size_t		i;

	if (s[pos] == '+' || s[pos] == '-')
		digit++;
	if (digit < len && s[digit] >= '0' && s[digit] <= '9')
		return !(before < 0x80 && (isalnum_ascii(before) || before == '.' || before == ',' ||
								   before == '+' || before == '-' || before == '/'));
	for (i = 0; i < sizeof(openers) / sizeof(openers[0]); i++)
		if (pt_word_at(s + pos, len - pos, openers[i], false) != NULL)
			return true;
	return false;
}

/* Is a comparison (比上年, 同比 …) written in the clause before pos? */
static bool
compared_in_clause(const char *s, size_t pos)
{
	size_t		start = pos;
	size_t		i;

	while (start > 0 && !at_boundary(s, pos, start - 1))
		start--;
	for (i = start; i < pos; i++)
		if (pt_word_at(s + i, pos - i, PT_WORD_COMPARED, false) != NULL)
			return true;
	return false;
}

/* Does the candidate [start, end) state a level, where it stands in the text? */
static bool
states_level(const char *s, size_t len, size_t start, size_t end, const pt_target *t)
{
	size_t		before = start;
	unsigned	prev;
	bool		explicit_op;
	bool		boundary = at_boundary(s, len, end);

	while (before > 0 && s[before - 1] == ' ')
		before--;
	prev = char_before(s, before);
	/* 第3批, 〔2020〕10号: ordinals and document numbers */
	if (prev == 0x7B2C /* 第 */ || prev == 0x3014 /* 〔 */ || prev == 0x3015 /* 〕 */ ||
		prev == '[' || prev == ']' || prev == '#')
		return false;
	/* 增加5个, 增加了5个, 比上年多5个: changes */
	if (prev == 0x4E86 /* 了 */)
		before -= strlen("了");
	if (word_ends_at(s, before, PT_WORD_CHANGE) || compared_in_clause(s, start))
		return false;
	explicit_op = !(s[start] >= '0' && s[start] <= '9') && s[start] != '+' && s[start] != '-';
	if (t->kind == PT_KIND_DATE)
	{
		/* a date that ends a clause, a deadline (前, 底, 以后 …), or one said with 于/截至 … */
		return boundary || t->op == PT_OP_LE || t->op == PT_OP_GE || explicit_op;
	}
	if (t->unit_id == PT_UNIT_NONE && t->unit_key_len == 0)
	{
		/* a bare number states a level only with a comparison */
		return t->op == PT_OP_GE || t->op == PT_OP_GT || t->op == PT_OP_LE || t->op == PT_OP_LT ||
			(t->op == PT_OP_EQ && explicit_op && !(t->flags & PT_FLAG_APPROXIMATE));
	}
	if (t->unit_id == PT_UNIT_WORD)
	{
		/* a measure word: the catalog's, or one character (500棵), and 号 is no measure */
		size_t		numerator = t->unit_key_len,
					consumed;
		const pt_unit *row;
		const char *slash = memchr(t->unit_key, '/', t->unit_key_len);
		unsigned	cp;

		if (slash != NULL)
			numerator = (size_t) (slash - t->unit_key);
		row = pt_unit_match(t->unit_key, numerator, &consumed);
		if (row != NULL && consumed == numerator)
			return true;
		if (numerator == strlen("号") && memcmp(t->unit_key, "号", numerator) == 0)
			return false;
		return pt_utf8_char_len(t->unit_key, numerator, &cp) == numerator;
	}
	return true;
}

size_t
pt_extract(const char *text, size_t len, pt_extracted *found, size_t max, char *scratch)
{
	char	   *folded = scratch;
	uint32_t   *origin = (uint32_t *) (scratch + ((len + 1 + 7) & ~(size_t) 7));
	char	   *parse_scratch = (char *) (origin + len + 1);
	char	   *keys = parse_scratch + pt_parse_scratch_size(len);
	size_t		flen = 0,
				i = 0,
				pos,
				count = 0;
	pt_target	t;
	pt_error	err;

	/* a target on its own: as the cast reads it */
	if (pt_parse(text, len, &t, parse_scratch, &err) == PT_OK && t.kind != PT_KIND_LABEL)
	{
		if (max > 0)
		{
			found[0].target = t;
			if (t.kind == PT_KIND_QUANTITY)
			{
				memcpy(keys, t.unit_key, t.unit_key_len);
				found[0].target.unit_key = keys;
			}
			found[0].start = 0;
			found[0].end = len;
		}
		return 1;
	}
	/* fold character by character, remembering where each folded byte came from */
	while (i < len)
	{
		unsigned	cp;
		size_t		clen = pt_utf8_char_len(text + i, len - i, &cp),
					n,
					k;

		if (clen == 0)
			return 0;			/* not UTF-8: nothing is read */
		n = pt_fold(text + i, clen, folded + flen);
		for (k = 0; k < n; k++)
			origin[flen + k] = (uint32_t) i;
		flen += n;
		i += clen;
	}
	folded[flen] = '\0';
	origin[flen] = (uint32_t) len;

	pos = 0;
	while (pos < flen)
	{
		unsigned	cp;
		size_t		step = pt_utf8_char_len(folded + pos, flen - pos, &cp);

		if (may_start(folded, flen, pos))
		{
			cursor		c = CURSOR(folded, flen, pos, true, 0);
			scan_outcome date_r,
						r;
			pt_target	date_t;
			size_t		date_end,
						end;
			pt_error	e;
			char	   *key = keys + (count < max ? count : max) * (PT_UNIT_MAX_BYTES + 1);
			char		spare_key[PT_UNIT_MAX_BYTES + 1];

			date_r = pt_scan_date(&c, &date_t, &e);
			date_end = c.pos;
			c.pos = pos;
			r = pt_scan_quantity(&c, &t, count < max ? key : spare_key, &e);
			end = c.pos;
			/* the longer reading; a date where both end together (2024年) */
			if ((date_r == SCAN_FULL || date_r == SCAN_PARTIAL) &&
				!((r == SCAN_FULL || r == SCAN_PARTIAL) && end > date_end))
			{
				t = date_t;
				end = date_end;
				r = date_r;
			}
			while (end > pos && folded[end - 1] == ' ')
				end--;
			if ((r == SCAN_FULL || r == SCAN_PARTIAL) && end > pos &&
				states_level(folded, flen, pos, end, &t))
			{
				if (count < max)
				{
					found[count].target = t;
					found[count].start = origin[pos];
					found[count].end = origin[end];
				}
				count++;
				pos = end;
				continue;
			}
		}
		pos += step > 0 ? step : 1;
	}
	return count;
}
