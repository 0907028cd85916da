/*
 * pt_lexicon.c — the words of target text (one table) and the predicates
 * the parser and the formatter share.
 */
#include "pt_lexicon.h"

#include <string.h>

#include "pt_fold.h"
#include "ptarget_core.h"

/* ---------------------------------------------------------------- the words */

#define WORD(text, cls, value, since) {text, sizeof(text) - 1, cls, value, since}
#define V10(text, cls, value) WORD(text, cls, value, PT_SINCE_1_0)
#define V11(text, cls, value) WORD(text, cls, value, PT_SINCE_1_1)

/*
 * Folded spellings (pt_fold has already turned ≧ ≦ ═ and full-width signs
 * into ≥ ≤ = and ASCII, and dashes into ~).  Chinese legal usage decides
 * inclusiveness: 以上, 以下, 以内 include the number, 超过, 不满, 以外
 * exclude it; deadlines (之前, 以后 …) include the day.
 */
static const pt_word words[] = {
	/* comparison signs */
	V10(">=", PT_WORD_OP_SIGN, PT_OP_GE), V10("=>", PT_WORD_OP_SIGN, PT_OP_GE),
	V10("≥", PT_WORD_OP_SIGN, PT_OP_GE),
	V10("<=", PT_WORD_OP_SIGN, PT_OP_LE), V10("=<", PT_WORD_OP_SIGN, PT_OP_LE),
	V10("≤", PT_WORD_OP_SIGN, PT_OP_LE),
	V10("==", PT_WORD_OP_SIGN, PT_OP_EQ), V10("=", PT_WORD_OP_SIGN, PT_OP_EQ),
	V10(">", PT_WORD_OP_SIGN, PT_OP_GT), V10("<", PT_WORD_OP_SIGN, PT_OP_LT),

	/* words before the number */
	V10("不低于", PT_WORD_OP_PREFIX, PT_OP_GE), V10("不少于", PT_WORD_OP_PREFIX, PT_OP_GE),
	V10("不小于", PT_WORD_OP_PREFIX, PT_OP_GE), V10("不得低于", PT_WORD_OP_PREFIX, PT_OP_GE),
	V10("不得少于", PT_WORD_OP_PREFIX, PT_OP_GE), V10("至少", PT_WORD_OP_PREFIX, PT_OP_GE),
	V10("大于等于", PT_WORD_OP_PREFIX, PT_OP_GE), V10("大于或等于", PT_WORD_OP_PREFIX, PT_OP_GE),
	V10("高于或等于", PT_WORD_OP_PREFIX, PT_OP_GE), V10("达到", PT_WORD_OP_PREFIX, PT_OP_GE),
	V10("不超过", PT_WORD_OP_PREFIX, PT_OP_LE), V10("不高于", PT_WORD_OP_PREFIX, PT_OP_LE),
	V10("不大于", PT_WORD_OP_PREFIX, PT_OP_LE), V10("不多于", PT_WORD_OP_PREFIX, PT_OP_LE),
	V10("不得超过", PT_WORD_OP_PREFIX, PT_OP_LE), V10("不得高于", PT_WORD_OP_PREFIX, PT_OP_LE),
	V10("至多", PT_WORD_OP_PREFIX, PT_OP_LE), V10("最多", PT_WORD_OP_PREFIX, PT_OP_LE),
	V10("小于等于", PT_WORD_OP_PREFIX, PT_OP_LE), V10("小于或等于", PT_WORD_OP_PREFIX, PT_OP_LE),
	V10("低于或等于", PT_WORD_OP_PREFIX, PT_OP_LE),
	V10("大于", PT_WORD_OP_PREFIX, PT_OP_GT), V10("高于", PT_WORD_OP_PREFIX, PT_OP_GT),
	V10("超过", PT_WORD_OP_PREFIX, PT_OP_GT), V10("多于", PT_WORD_OP_PREFIX, PT_OP_GT),
	V10("小于", PT_WORD_OP_PREFIX, PT_OP_LT), V10("低于", PT_WORD_OP_PREFIX, PT_OP_LT),
	V10("少于", PT_WORD_OP_PREFIX, PT_OP_LT), V10("不足", PT_WORD_OP_PREFIX, PT_OP_LT),
	V10("不满", PT_WORD_OP_PREFIX, PT_OP_LT), V10("未满", PT_WORD_OP_PREFIX, PT_OP_LT),
	V10("不到", PT_WORD_OP_PREFIX, PT_OP_LT),
	V10("等于", PT_WORD_OP_PREFIX, PT_OP_EQ),

	/* words after a quantity */
	V10("及以上", PT_WORD_OP_SUFFIX, PT_OP_GE), V10("或以上", PT_WORD_OP_SUFFIX, PT_OP_GE),
	V10("以上", PT_WORD_OP_SUFFIX, PT_OP_GE),
	V10("及其以下", PT_WORD_OP_SUFFIX, PT_OP_LE), V10("及以下", PT_WORD_OP_SUFFIX, PT_OP_LE),
	V10("或以下", PT_WORD_OP_SUFFIX, PT_OP_LE), V10("以下", PT_WORD_OP_SUFFIX, PT_OP_LE),
	V10("以内", PT_WORD_OP_SUFFIX, PT_OP_LE), V10("之内", PT_WORD_OP_SUFFIX, PT_OP_LE),
	V10("内", PT_WORD_OP_SUFFIX, PT_OP_LE),
	V10("以外", PT_WORD_OP_SUFFIX, PT_OP_GT),

	/* words before a date */
	V10("截至", PT_WORD_DATE_PREFIX, PT_OP_LE), V10("截止", PT_WORD_DATE_PREFIX, PT_OP_LE),
	V10("截止到", PT_WORD_DATE_PREFIX, PT_OP_LE),
	V10("不晚于", PT_WORD_DATE_PREFIX, PT_OP_LE), V10("不迟于", PT_WORD_DATE_PREFIX, PT_OP_LE),
	V10("最迟", PT_WORD_DATE_PREFIX, PT_OP_LE),
	V10("不早于", PT_WORD_DATE_PREFIX, PT_OP_GE),

	/* words after a date */
	V10("之前", PT_WORD_DATE_SUFFIX, PT_OP_LE), V10("以前", PT_WORD_DATE_SUFFIX, PT_OP_LE),
	V10("前", PT_WORD_DATE_SUFFIX, PT_OP_LE),
	V10("为止", PT_WORD_DATE_SUFFIX, PT_OP_LE), V10("止", PT_WORD_DATE_SUFFIX, PT_OP_LE),
	V10("之后", PT_WORD_DATE_SUFFIX, PT_OP_GE), V10("以后", PT_WORD_DATE_SUFFIX, PT_OP_GE),
	V10("后", PT_WORD_DATE_SUFFIX, PT_OP_GE), V10("起", PT_WORD_DATE_SUFFIX, PT_OP_GE),

	/* approximation, kept for display */
	V10("大约", PT_WORD_APPROX_PREFIX, 0), V10("约为", PT_WORD_APPROX_PREFIX, 0),
	V10("约", PT_WORD_APPROX_PREFIX, 0),
	V10("左右", PT_WORD_APPROX_SUFFIX, 0),

	/* range separators (— ～ 〜 fold to ~) */
	V10("--", PT_WORD_RANGE, 0), V10("~", PT_WORD_RANGE, 0), V10("-", PT_WORD_RANGE, 0),
	V10("至", PT_WORD_RANGE, 0), V10("到", PT_WORD_RANGE, 0),

	/*
	 * Added in 1.1 (read only where 1.0 read no value).  Traditional
	 * characters and variants of the words above (於 于, 內 内, 過 过, 後 后,
	 * 為 为, 約 约, 達 达, 滿 满, 遲 迟) — not as units: 1.0 read 萬元, 億元,
	 * 個 as measure words of their own, and stored them so.
	 */
	V11("﹦", PT_WORD_OP_SIGN, PT_OP_EQ),
	V11("不低於", PT_WORD_OP_PREFIX, PT_OP_GE), V11("不少於", PT_WORD_OP_PREFIX, PT_OP_GE),
	V11("不小於", PT_WORD_OP_PREFIX, PT_OP_GE), V11("不得低於", PT_WORD_OP_PREFIX, PT_OP_GE),
	V11("不得少於", PT_WORD_OP_PREFIX, PT_OP_GE), V11("大於等於", PT_WORD_OP_PREFIX, PT_OP_GE),
	V11("大於或等於", PT_WORD_OP_PREFIX, PT_OP_GE), V11("高於或等於", PT_WORD_OP_PREFIX, PT_OP_GE),
	V11("達到", PT_WORD_OP_PREFIX, PT_OP_GE),
	V11("不超過", PT_WORD_OP_PREFIX, PT_OP_LE), V11("不高於", PT_WORD_OP_PREFIX, PT_OP_LE),
	V11("不大於", PT_WORD_OP_PREFIX, PT_OP_LE), V11("不多於", PT_WORD_OP_PREFIX, PT_OP_LE),
	V11("不得超過", PT_WORD_OP_PREFIX, PT_OP_LE), V11("不得高於", PT_WORD_OP_PREFIX, PT_OP_LE),
	V11("小於等於", PT_WORD_OP_PREFIX, PT_OP_LE), V11("小於或等於", PT_WORD_OP_PREFIX, PT_OP_LE),
	V11("低於或等於", PT_WORD_OP_PREFIX, PT_OP_LE),
	V11("大於", PT_WORD_OP_PREFIX, PT_OP_GT), V11("高於", PT_WORD_OP_PREFIX, PT_OP_GT),
	V11("超過", PT_WORD_OP_PREFIX, PT_OP_GT), V11("多於", PT_WORD_OP_PREFIX, PT_OP_GT),
	V11("小於", PT_WORD_OP_PREFIX, PT_OP_LT), V11("低於", PT_WORD_OP_PREFIX, PT_OP_LT),
	V11("少於", PT_WORD_OP_PREFIX, PT_OP_LT), V11("不滿", PT_WORD_OP_PREFIX, PT_OP_LT),
	V11("未滿", PT_WORD_OP_PREFIX, PT_OP_LT), V11("等於", PT_WORD_OP_PREFIX, PT_OP_EQ),
	/* 不应/不能/不得 + comparison: obligations, read like 不低于 */
	V11("不应低于", PT_WORD_OP_PREFIX, PT_OP_GE), V11("不应少于", PT_WORD_OP_PREFIX, PT_OP_GE),
	V11("不应小于", PT_WORD_OP_PREFIX, PT_OP_GE), V11("不能低于", PT_WORD_OP_PREFIX, PT_OP_GE),
	V11("不能少于", PT_WORD_OP_PREFIX, PT_OP_GE), V11("不得小于", PT_WORD_OP_PREFIX, PT_OP_GE),
	V11("不应超过", PT_WORD_OP_PREFIX, PT_OP_LE), V11("不应高于", PT_WORD_OP_PREFIX, PT_OP_LE),
	V11("不应大于", PT_WORD_OP_PREFIX, PT_OP_LE), V11("不能超过", PT_WORD_OP_PREFIX, PT_OP_LE),
	V11("不能高于", PT_WORD_OP_PREFIX, PT_OP_LE), V11("不得大于", PT_WORD_OP_PREFIX, PT_OP_LE),
	V11("以內", PT_WORD_OP_SUFFIX, PT_OP_LE), V11("之內", PT_WORD_OP_SUFFIX, PT_OP_LE),
	V11("內", PT_WORD_OP_SUFFIX, PT_OP_LE),
	V11("不晚於", PT_WORD_DATE_PREFIX, PT_OP_LE), V11("不遲於", PT_WORD_DATE_PREFIX, PT_OP_LE),
	V11("不迟於", PT_WORD_DATE_PREFIX, PT_OP_LE), V11("最遲", PT_WORD_DATE_PREFIX, PT_OP_LE),
	V11("不早於", PT_WORD_DATE_PREFIX, PT_OP_GE), V11("截止至", PT_WORD_DATE_PREFIX, PT_OP_LE),
	V11("以後", PT_WORD_DATE_SUFFIX, PT_OP_GE), V11("之後", PT_WORD_DATE_SUFFIX, PT_OP_GE),
	V11("後", PT_WORD_DATE_SUFFIX, PT_OP_GE), V11("為止", PT_WORD_DATE_SUFFIX, PT_OP_LE),
	V11("約", PT_WORD_APPROX_PREFIX, 0), V11("大約", PT_WORD_APPROX_PREFIX, 0),
	V11("約為", PT_WORD_APPROX_PREFIX, 0),
	/* —— folds to ~~ */
	V11("~~", PT_WORD_RANGE, 0),

	/* (含) after a bound makes it inclusive, (不含) exclusive (full-width brackets are not folded) */
	V11("（含）", PT_WORD_INCLUSION, 1), V11("(含)", PT_WORD_INCLUSION, 1),
	V11("（含本数）", PT_WORD_INCLUSION, 1), V11("(含本数)", PT_WORD_INCLUSION, 1),
	V11("（不含）", PT_WORD_INCLUSION, 0), V11("(不含)", PT_WORD_INCLUSION, 0),
	V11("（不含本数）", PT_WORD_INCLUSION, 0), V11("(不含本数)", PT_WORD_INCLUSION, 0),

	/* 控制在 5%以内: a ceiling, said with 以内 (or 以下, 之内, 内) after the quantity, or a range */
	V11("控制在", PT_WORD_KEEP_WITHIN, 0),

	/* 于 2024年9月底前: at, by (the date keeps its own operator) */
	V11("于", PT_WORD_DATE_AT, 0), V11("於", PT_WORD_DATE_AT, 0), V11("在", PT_WORD_DATE_AT, 0),

	/*
	 * Verbs a deadline may end with (2024年10月31日前完成): the event the date
	 * is for.  They add nothing to the date: 2024年11月完成 is 2024年11月.  A
	 * verb followed by more prose is prose (…前完成项目资金阶段性支付 is a label).
	 */
	V11("完成", PT_WORD_VERB, 0), V11("全部完成", PT_WORD_VERB, 0), V11("基本完成", PT_WORD_VERB, 0),
	V11("完工", PT_WORD_VERB, 0), V11("竣工", PT_WORD_VERB, 0), V11("到位", PT_WORD_VERB, 0),
	V11("拨付", PT_WORD_VERB, 0), V11("拨付到位", PT_WORD_VERB, 0), V11("拨付完毕", PT_WORD_VERB, 0),
	V11("支付", PT_WORD_VERB, 0), V11("支付到位", PT_WORD_VERB, 0), V11("支付完毕", PT_WORD_VERB, 0),
	V11("完成支付", PT_WORD_VERB, 0), V11("完成拨付", PT_WORD_VERB, 0),
	V11("验收", PT_WORD_VERB, 0), V11("完成验收", PT_WORD_VERB, 0), V11("通过验收", PT_WORD_VERB, 0),
	V11("办结", PT_WORD_VERB, 0), V11("结束", PT_WORD_VERB, 0), V11("实施", PT_WORD_VERB, 0),
	V11("实施完毕", PT_WORD_VERB, 0), V11("实施完成", PT_WORD_VERB, 0), V11("执行完毕", PT_WORD_VERB, 0),
	V11("落实", PT_WORD_VERB, 0), V11("落实到位", PT_WORD_VERB, 0), V11("开工", PT_WORD_VERB, 0),
	V11("启动", PT_WORD_VERB, 0), V11("上线", PT_WORD_VERB, 0), V11("交付", PT_WORD_VERB, 0),
	V11("交付使用", PT_WORD_VERB, 0), V11("投入使用", PT_WORD_VERB, 0), V11("发放", PT_WORD_VERB, 0),
	V11("发放到位", PT_WORD_VERB, 0), V11("下达", PT_WORD_VERB, 0), V11("提交", PT_WORD_VERB, 0),
	V11("报送", PT_WORD_VERB, 0),

	/* a change, not a level: 比上年增加5个 (prose only; 提高到95% is a level) */
	V11("增加", PT_WORD_CHANGE, 0), V11("减少", PT_WORD_CHANGE, 0), V11("提高", PT_WORD_CHANGE, 0),
	V11("降低", PT_WORD_CHANGE, 0), V11("增长", PT_WORD_CHANGE, 0), V11("下降", PT_WORD_CHANGE, 0),
	V11("上升", PT_WORD_CHANGE, 0), V11("提升", PT_WORD_CHANGE, 0), V11("缩短", PT_WORD_CHANGE, 0),
	V11("压缩", PT_WORD_CHANGE, 0), V11("节约", PT_WORD_CHANGE, 0), V11("节省", PT_WORD_CHANGE, 0),
	V11("增幅为", PT_WORD_CHANGE, 0), V11("增多", PT_WORD_CHANGE, 0), V11("多出", PT_WORD_CHANGE, 0),
	/* a comparison earlier in the clause: 比上年多5个, 较去年提高2个百分点 */
	V11("比上年", PT_WORD_COMPARED, 0), V11("比上一年", PT_WORD_COMPARED, 0),
	V11("比去年", PT_WORD_COMPARED, 0), V11("比前", PT_WORD_COMPARED, 0),
	V11("比同期", PT_WORD_COMPARED, 0), V11("较上年", PT_WORD_COMPARED, 0),
	V11("较上一年", PT_WORD_COMPARED, 0), V11("较去年", PT_WORD_COMPARED, 0),
	V11("较前", PT_WORD_COMPARED, 0), V11("较同期", PT_WORD_COMPARED, 0),
	V11("同比", PT_WORD_COMPARED, 0), V11("环比", PT_WORD_COMPARED, 0),

	/* multiplication signs between units: 人·次 = 人次, 元/人·月 = 元/人/月 */
	V11("·", PT_WORD_TIMES, 0), V11("*", PT_WORD_TIMES, 0), V11("×", PT_WORD_TIMES, 0),
	V11("•", PT_WORD_TIMES, 0), V11("・", PT_WORD_TIMES, 0), V11("‧", PT_WORD_TIMES, 0),
	V11("⋅", PT_WORD_TIMES, 0), V11("∙", PT_WORD_TIMES, 0),

	/* units written without their brackets: 台套 = 台（套） (catalog id) */
	V11("台套", PT_WORD_UNIT_ALIAS, 119), V11("个百分点", PT_WORD_UNIT_ALIAS, 135),

	/* halves and quarters of a year */
	V11("上半年", PT_WORD_HALF, 1), V11("下半年", PT_WORD_HALF, 2),
	V11("一", PT_WORD_QUARTER, 1), V11("二", PT_WORD_QUARTER, 2), V11("三", PT_WORD_QUARTER, 3),
	V11("四", PT_WORD_QUARTER, 4), V11("1", PT_WORD_QUARTER, 1), V11("2", PT_WORD_QUARTER, 2),
	V11("3", PT_WORD_QUARTER, 3), V11("4", PT_WORD_QUARTER, 4),
};

#define WORD_COUNT (sizeof(words) / sizeof(words[0]))

_Static_assert(WORD_COUNT < 65535, "the word index counts in 16 bits");

size_t
pt_word_count(void)
{
	return WORD_COUNT;
}

const pt_word *
pt_word_nth(size_t i)
{
	return i < WORD_COUNT ? &words[i] : NULL;
}

/* ---------------------------------------------------------------- index */

/*
 * Words in buckets by their first character: an ASCII byte is its own bucket,
 * a multibyte character hashes into the rest.  Within a bucket the longest
 * words come first, so the first word of the asked class that matches is the
 * longest one.  Built once, on first use.
 */
#define N_BUCKETS 512

typedef struct word_index
{
	uint16_t	start[N_BUCKETS + 1];
	uint16_t	order[WORD_COUNT];
} word_index;

/* classes of the words starting with a byte (pt_word_may_start) */
uint32_t	pt_word_first_byte_classes[256];
bool		pt_words_ready = false;

_Static_assert(PT_WORD_CLASS_COUNT <= 32, "word classes are bits of a 32-bit mask");

static word_index words_index;

static unsigned
bucket_of(const unsigned char *s, size_t len)
{
	unsigned	h;

	if (s[0] < 0x80)
		return s[0];
	h = s[0];
	if (len > 1)
		h = h * 131u + s[1];
	if (len > 2 && s[0] >= 0xE0)
		h = h * 131u + s[2];
	return 128 + h % (N_BUCKETS - 128);
}

void
pt_lex_init(void)
{
	word_index *index = &words_index;
	uint16_t	count[N_BUCKETS] = {0};
	uint16_t	fill[N_BUCKETS];
	size_t		i;
	unsigned	b;

	for (i = 0; i < WORD_COUNT; i++)
	{
		count[bucket_of((const unsigned char *) words[i].text, words[i].len)]++;
		pt_word_first_byte_classes[(unsigned char) words[i].text[0]] |= 1u << words[i].cls;
	}
	index->start[0] = 0;
	for (b = 0; b < N_BUCKETS; b++)
	{
		index->start[b + 1] = (uint16_t) (index->start[b] + count[b]);
		fill[b] = index->start[b];
	}
	for (i = 0; i < WORD_COUNT; i++)
	{
		unsigned	k;

		b = bucket_of((const unsigned char *) words[i].text, words[i].len);
		/* insertion by length, longest first */
		k = fill[b]++;
		while (k > index->start[b] && words[index->order[k - 1]].len < words[i].len)
		{
			index->order[k] = index->order[k - 1];
			k--;
		}
		index->order[k] = (uint16_t) i;
	}
	pt_words_ready = true;
}

const pt_word *
pt_word_at(const char *s, size_t len, pt_word_class cls, bool only_1_0)
{
	unsigned	b,
				k,
				end;

	/* most lookups fail: no word of the class starts with this byte */
	if (!pt_word_may_start(s, len, cls))
		return NULL;
	b = bucket_of((const unsigned char *) s, len);
	end = words_index.start[b + 1];
	for (k = words_index.start[b]; k < end; k++)
	{
		const pt_word *w = &words[words_index.order[k]];

		if (w->cls == cls && w->len <= len && (!only_1_0 || w->since == PT_SINCE_1_0))
		{
			unsigned	j = 0;

			while (j < w->len && s[j] == w->text[j])
				j++;
			if (j == w->len)
				return w;
		}
	}
	return NULL;
}

/* ---------------------------------------------------------------- predicates */

bool
pt_lex_stops_measure_word(const char *s, size_t len, bool only_1_0)
{
	const pt_word *w;

	if (pt_word_at(s, len, PT_WORD_OP_SUFFIX, only_1_0) != NULL ||
		pt_word_at(s, len, PT_WORD_APPROX_SUFFIX, only_1_0) != NULL)
		return true;
	/* the two range words that are ideographs */
	w = pt_word_at(s, len, PT_WORD_RANGE, only_1_0);
	return w != NULL && (unsigned char) w->text[0] >= 0x80;
}

pt_lex_non_finite
pt_lex_non_finite_at(const char *s, size_t len)
{
	static const char *const names[] = {"infinity", "inf", "nan"};
	size_t		pos = 0,
				i,
				j;

	while (pos < len && s[pos] == ' ')
		pos++;
	if (pos < len && (s[pos] == '+' || s[pos] == '-'))
		pos++;
	if (len - pos >= strlen("∞") && memcmp(s + pos, "∞", strlen("∞")) == 0)
		return PT_LEX_INFINITE;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
	{
		size_t		n = strlen(names[i]);

		if (len - pos < n)
			continue;
		for (j = 0; j < n; j++)
			if ((s[pos + j] | 0x20) != names[i][j])
				break;
		if (j < n)
			continue;
		if (pos + n < len && ((s[pos + n] | 0x20) >= 'a' && (s[pos + n] | 0x20) <= 'z'))
			continue;			/* a longer word, such as "information" */
		return names[i][0] == 'n' ? PT_LEX_NAN : PT_LEX_INFINITE;
	}
	return PT_LEX_FINITE;
}

static size_t
skip_spaces(const char *s, size_t len, size_t pos)
{
	while (pos < len && s[pos] == ' ')
		pos++;
	return pos;
}

/* 1.0's words only: what begins like a target must never change */
static size_t
after_word(const char *s, size_t len, size_t pos, pt_word_class cls)
{
	const pt_word *w;

	pos = skip_spaces(s, len, pos);
	if (pos >= len)
		return pos;
	w = pt_word_at(s + pos, len - pos, cls, true);
	return w ? pos + w->len : pos;
}

bool
pt_lex_starts_like_target(const char *folded, size_t len)
{
	size_t		pos = after_word(folded, len, 0, PT_WORD_APPROX_PREFIX),
				next;

	if (after_word(folded, len, pos, PT_WORD_OP_SIGN) != skip_spaces(folded, len, pos))
		return true;
	next = after_word(folded, len, pos, PT_WORD_OP_PREFIX);
	if (next == skip_spaces(folded, len, pos))
		next = after_word(folded, len, pos, PT_WORD_DATE_PREFIX);
	pos = skip_spaces(folded, len, next);
	if (pos < len && (folded[pos] == '+' || folded[pos] == '-' || folded[pos] == '.'))
		pos++;
	return (pos < len && folded[pos] >= '0' && folded[pos] <= '9') ||
		pt_lex_non_finite_at(folded + pos, len - pos) != PT_LEX_FINITE;
}

bool
pt_label_needs_quotes(const char *label, size_t len)
{
	char		head[64 + 1];
	size_t		head_len = 0;
	size_t		i;

	if (len == 0 || label[0] == '"')
		return true;
	/* full-width digits fold to ASCII ones, so check both forms */
	for (i = 0; i < len; i++)
		if ((label[i] >= '0' && label[i] <= '9') ||
			(i + 2 < len && (unsigned char) label[i] == 0xEF &&
			 (unsigned char) label[i + 1] == 0xBC &&
			 (unsigned char) label[i + 2] >= 0x90 && (unsigned char) label[i + 2] <= 0x99))
			return true;
	/* the start decides whether text without digits reads as an error */
	while (head_len < len && head_len < 48)
	{
		unsigned	cp;
		size_t		clen = pt_utf8_char_len(label + head_len, len - head_len, &cp);

		if (clen == 0)
			break;
		head_len += clen;
	}
	head_len = pt_fold(label, head_len, head);
	return head_len != (size_t) -1 && pt_lex_starts_like_target(head, head_len);
}

bool
pt_lex_is_year_unit(const char *unit, size_t len)
{
	return len >= strlen("年") && memcmp(unit, "年", strlen("年")) == 0;
}

bool
pt_lex_magnitude_reads_as_date(const pt_decimal *m, int places, int scale, bool year_unit)
{
	pt_decimal	bare_year_low = {PT_BARE_MONTH_MIN_YEAR, 0},
				bare_year_high = {PT_BARE_MONTH_MAX_YEAR + 1, 0};

	/* cheap tests first: most magnitudes have a scale word or no year unit and other places */
	if (scale != 0 || m->coef <= 0 || (!year_unit && places != 2) || pt_decimal_magnitude(m) != 4)
		return false;
	return year_unit || (places == 2 && pt_decimal_cmp(m, &bare_year_low) >= 0 &&
						 pt_decimal_cmp(m, &bare_year_high) < 0);
}
