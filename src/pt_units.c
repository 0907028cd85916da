/*
 * pt_units.c — the unit catalog, the scale words, and conversion between a
 * written unit and its dimension's base unit.  One table; ids are part of
 * the on-disk format (append-only).  Factors are exact: factor * 10^exp10
 * base units.  The limits the stored format and the abbreviated keys rely on
 * are checked at compile time (see the static assertions below the table).
 */
#include "pt_units.h"

#include <stdlib.h>
#include <string.h>

#include "pt_fold.h"

/*
 * The catalog: XD(id, spelling, dimension, base, factor, exp10, latin) for a
 * unit of a dimension, XW(id, spelling) for a known measure word (its own
 * dimension, spelled in the value).  The rows 1.0 read and then the rows
 * later releases added (each row records its
 * release, so that the reading of text 1.0 knew can be reproduced exactly:
 * 5周岁 was no value for 1.0, which read 周 as weeks).  Rows are listed (and
 * documented, test/tools/units_table) in this order.
 */
#define PT_UNIT_CATALOG_1_0(XD, XW) \
	/* percent */ \
	XD(1, "%", "percent", "%", 1, 0, false) \
	XD(2, "百分比", "percent", "%", 1, 0, false) \
	XD(3, "‰", "percent", "%", 1, -1, false) \
	/* money (CNY); 万元, 亿元, 千元 are scale words + 元 */ \
	XD(4, "元", "money", "元", 1, 0, false) \
	/* duration in seconds; days are calendar days */ \
	XD(5, "秒", "duration", "秒", 1, 0, false) \
	XD(6, "分钟", "duration", "秒", 60, 0, false) \
	XD(7, "小时", "duration", "秒", 3600, 0, false) \
	XD(8, "个小时", "duration", "秒", 3600, 0, false) \
	XD(9, "天", "duration", "秒", 86400, 0, false) \
	XD(10, "日", "duration", "秒", 86400, 0, false) \
	XD(11, "自然日", "duration", "秒", 86400, 0, false) \
	XD(12, "周", "duration", "秒", 604800, 0, false) \
	/* working days do not convert to days */ \
	XD(13, "工作日", "workday", "工作日", 1, 0, false) \
	XD(14, "个工作日", "workday", "工作日", 1, 0, false) \
	/* calendar months: 1年 = 12月 */ \
	XD(15, "月", "month", "月", 1, 0, false) \
	XD(16, "个月", "month", "月", 1, 0, false) \
	XD(17, "年", "month", "月", 12, 0, false) \
	XD(18, "季度", "month", "月", 3, 0, false) \
	/* energy in kWh */ \
	XD(19, "度", "energy", "kWh", 1, 0, false) \
	XD(20, "kWh", "energy", "kWh", 1, 0, true) \
	XD(21, "千瓦时", "energy", "kWh", 1, 0, false) \
	XD(22, "MWh", "energy", "kWh", 1, 3, true) \
	/* area in square metres */ \
	XD(23, "平方米", "area", "平方米", 1, 0, false) \
	XD(24, "平米", "area", "平方米", 1, 0, false) \
	XD(25, "㎡", "area", "平方米", 1, 0, false) \
	XD(26, "m²", "area", "平方米", 1, 0, true) \
	XD(27, "公顷", "area", "平方米", 1, 4, false) \
	XD(28, "平方公里", "area", "平方米", 1, 6, false) \
	XD(29, "km²", "area", "平方米", 1, 6, true) \
	/* length in metres */ \
	XD(30, "米", "length", "米", 1, 0, false) \
	XD(31, "m", "length", "米", 1, 0, true) \
	XD(32, "km", "length", "米", 1, 3, true) \
	XD(33, "公里", "length", "米", 1, 3, false) \
	XD(34, "千米", "length", "米", 1, 3, false) \
	XD(35, "cm", "length", "米", 1, -2, true) \
	XD(36, "厘米", "length", "米", 1, -2, false) \
	XD(37, "mm", "length", "米", 1, -3, true) \
	XD(38, "毫米", "length", "米", 1, -3, false) \
	/* data in bytes (decimal prefixes); T as written in the seeds means TB */ \
	XD(39, "B", "data", "B", 1, 0, true) \
	XD(40, "KB", "data", "B", 1, 3, true) \
	XD(41, "MB", "data", "B", 1, 6, true) \
	XD(42, "GB", "data", "B", 1, 9, true) \
	XD(43, "TB", "data", "B", 1, 12, true) \
	XD(44, "T", "data", "B", 1, 12, true) \
	XD(45, "PB", "data", "B", 1, 15, true) \
	/* mass in grams */ \
	XD(46, "克", "mass", "克", 1, 0, false) \
	XD(47, "kg", "mass", "克", 1, 3, true) \
	XD(48, "千克", "mass", "克", 1, 3, false) \
	XD(49, "公斤", "mass", "克", 1, 3, false) \
	XD(50, "吨", "mass", "克", 1, 6, false) \
	/* volume in litres */ \
	XD(51, "升", "volume", "升", 1, 0, false) \
	XD(52, "L", "volume", "升", 1, 0, true) \
	XD(53, "毫升", "volume", "升", 1, -3, false) \
	XD(54, "立方米", "volume", "升", 1, 3, false) \
	XD(55, "m³", "volume", "升", 1, 3, true) \
	/* known measure words: each is its own dimension */ \
	XW(100, "个") \
	XW(101, "次") \
	XW(102, "人") \
	XW(103, "人次") \
	XW(104, "条") \
	XW(105, "起") \
	XW(106, "辆") \
	XW(107, "卷") \
	XW(108, "张") \
	XW(109, "副") \
	XW(110, "笔") \
	XW(111, "项") \
	XW(112, "种") \
	XW(113, "区") \
	XW(114, "处") \
	XW(115, "例") \
	XW(116, "套") \
	XW(117, "台") \
	XW(118, "路") \
	XW(119, "台（套）") \
	XW(120, "件") \
	XW(121, "家") \
	XW(122, "户") \
	XW(123, "名") \
	XW(124, "份") \
	XW(125, "场") \
	XW(126, "批") \
	XW(127, "期") \
	XW(128, "座") \
	XW(129, "篇") \
	XW(130, "分") \
	XW(131, "户次") \
	XW(132, "架次")

/* added in 1.1 (measure words: each is its own dimension) */
#define PT_UNIT_CATALOG_1_1(XD, XW) \
	XW(133, "周岁") \
	XW(134, "批次") \
	XW(135, "百分点")

#define PT_UNIT_CATALOG(XD, XW) PT_UNIT_CATALOG_1_0(XD, XW) PT_UNIT_CATALOG_1_1(XD, XW)

/* ---------------------------------------------------------------- compile-time checks */

/* a duplicate id is a duplicate enumerator: a compile error */
#define UNIT_ID_ENUM(id, spelling, ...) unit_id_##id = id,
enum unit_ids
{
	PT_UNIT_CATALOG(UNIT_ID_ENUM, UNIT_ID_ENUM)
};

/* every id is a real row id (0 = none and 255 = word are reserved), every spelling fits */
#define UNIT_ROW_CHECKS(id, spelling) \
	_Static_assert((id) > PT_UNIT_NONE && (id) < PT_UNIT_WORD, "unit id " #id " is reserved or too large"); \
	_Static_assert(sizeof(spelling) > 1 && sizeof(spelling) - 1 <= PT_UNIT_SPELLING_MAX, \
				   "unit " #id ": empty or longer than PT_UNIT_SPELLING_MAX bytes");
#define UNIT_DIMENSION_CHECKS(id, spelling, dimension, base, factor, exp10, latin) \
	UNIT_ROW_CHECKS(id, spelling) \
	_Static_assert(sizeof(base) > 1 && sizeof(base) - 1 <= PT_UNIT_SPELLING_MAX, \
				   "unit " #id ": base unit empty or too long"); \
	_Static_assert((factor) > 0 && (exp10) >= -PT_UNIT_EXP10_MAX && (exp10) <= PT_UNIT_EXP10_MAX, \
				   "unit " #id ": factor or power of ten out of range");
PT_UNIT_CATALOG(UNIT_DIMENSION_CHECKS, UNIT_ROW_CHECKS)

#define UNIT_COUNT_ONE(...) +1
enum
{
	CATALOG_SIZE = 0 PT_UNIT_CATALOG(UNIT_COUNT_ONE, UNIT_COUNT_ONE)
};

/*
 * Abbreviated keys give each dimension key the catalog knows an 8-bit code
 * 2*rank+1 (pt_unit_key_code): at most one key per row, "" (none) and the
 * compound keys below, so 127 keys at most.
 */
#define COMPOUND_KEY_COUNT (sizeof(compound_keys) / sizeof(compound_keys[0]))

/*
 * Keys with /denominators the seed documents write (元/人/月, 次/年): known to
 * the abbreviation too, so a sort orders their values by the bounds in the
 * key instead of comparing each in full.  Only the order of keys matters
 * here (nothing is stored): the list may grow while the codes fit.
 */
static const char *const compound_keys[] = {
	"元/人", "元/人/月", "元/人/年", "元/人/天", "元/人次", "元/月", "元/年", "元/天", "元/次",
	"元/户", "元/平方米", "元/吨", "次/年", "次/月", "次/周", "次/天", "人次/年", "人次/月",
	"个/年", "人/年", "天/年", "小时/年"
};

_Static_assert(CATALOG_SIZE + 1 + sizeof(compound_keys) / sizeof(compound_keys[0]) <= 127,
			   "too many catalog rows for 8-bit dimension key codes");

/* ---------------------------------------------------------------- the table */

#define UNIT_DIMENSION_ROW(since, id, spelling, dimension, base, factor, exp10, latin) \
	[id] = {id, spelling, dimension, base, factor, exp10, latin, sizeof(spelling) - 1, since, sizeof(base) - 1},
#define UNIT_WORD_ROW(since, id, spelling) \
	[id] = {id, spelling, NULL, NULL, 1, 0, false, sizeof(spelling) - 1, since, 0},
#define UNIT_DIMENSION_1_0(...) UNIT_DIMENSION_ROW(10, __VA_ARGS__)
#define UNIT_WORD_1_0(...) UNIT_WORD_ROW(10, __VA_ARGS__)
#define UNIT_DIMENSION_1_1(...) UNIT_DIMENSION_ROW(11, __VA_ARGS__)
#define UNIT_WORD_1_1(...) UNIT_WORD_ROW(11, __VA_ARGS__)
static const pt_unit by_id[PT_UNIT_WORD + 1] = {
	PT_UNIT_CATALOG_1_0(UNIT_DIMENSION_1_0, UNIT_WORD_1_0)
	PT_UNIT_CATALOG_1_1(UNIT_DIMENSION_1_1, UNIT_WORD_1_1)
};

#define UNIT_LISTED(id, ...) &by_id[id],
static const pt_unit *const catalog[CATALOG_SIZE] = {
	PT_UNIT_CATALOG(UNIT_LISTED, UNIT_LISTED)
};

/* Scale words, longest spellings first so 万亿 wins over 万. */
static const pt_scale_word scale_words[] = {
	{"万亿", 12},
	{"千万", 7},
	{"百万", 6},
	{"亿", 8},
	{"万", 4},
	{"千", 3},
};

#define SCALE_COUNT (sizeof(scale_words) / sizeof(scale_words[0]))

/* every scale word is one or two ideographs of three bytes (pt_scale_match) */
_Static_assert(sizeof("万亿") == 7 && sizeof("千万") == 7 && sizeof("百万") == 7 && sizeof("亿") == 4 &&
			   sizeof("万") == 4 && sizeof("千") == 4, "scale words are one or two ideographs");

/* the stored scale byte and the base unit's exponent stay far inside int8 */
_Static_assert(PT_UNIT_EXP10_MAX + 12 < 60, "scale word and unit exponent out of the decimal range");

const pt_unit *
pt_unit_by_id(uint8_t id)
{
	return by_id[id].id == id && id != PT_UNIT_NONE ? &by_id[id] : NULL;
}

/* ASCII-case-insensitive for Latin spellings; n = strlen(spelling) <= len */
static inline bool
prefix_matches(const char *s, size_t len, const pt_unit *u)
{
	size_t		n = u->len;
	size_t		i;

	if (!u->latin)
	{
		for (i = 0; i < n; i++)
			if (s[i] != u->spelling[i])
				return false;
		return true;
	}
	for (i = 0; i < n; i++)
	{
		unsigned char a = (unsigned char) s[i];
		unsigned char b = (unsigned char) u->spelling[i];

		if (a >= 'A' && a <= 'Z')
			a = (unsigned char) (a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (unsigned char) (b - 'A' + 'a');
		if (a != b)
			return false;
	}
	/* a Latin unit must not run on into more letters ("m" in "min") */
	if (n < len && ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z')))
		return false;
	return true;
}

/*
 * Catalog rows in buckets, built once: an ASCII spelling by its lowercased
 * first byte (spellings of different lengths share only that), a multibyte
 * one by its first character (three bytes: every one has them).  Within a
 * bucket the longest spellings come first, so the first match is the longest.
 */
#define N_BUCKETS 256

typedef struct catalog_buckets
{
	uint8_t		count[N_BUCKETS];
	uint8_t		rows[N_BUCKETS][CATALOG_SIZE];
} catalog_buckets;

static unsigned char
fold_ascii(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char) (c - 'A' + 'a') : c;
}

static unsigned
bucket_of(const char *s, size_t len)
{
	unsigned char b0 = (unsigned char) s[0];

	if (b0 < 0x80)
		return fold_ascii(b0);
	/* every multibyte spelling starts with a three-byte character */
	if (len < 3)
		return 128;
	return 128 + (((b0 * 31u + (unsigned char) s[1]) * 31u + (unsigned char) s[2]) % 128u);
}

static const catalog_buckets *
catalog_index(void)
{
	static catalog_buckets index;
	static bool ready = false;
	size_t		i;

	if (!ready)
	{
		for (i = 0; i < CATALOG_SIZE; i++)
		{
			unsigned	b = bucket_of(catalog[i]->spelling, catalog[i]->len);
			int			k = index.count[b]++;

			/* insertion by length, longest first */
			while (k > 0 && catalog[index.rows[b][k - 1]]->len < catalog[i]->len)
			{
				index.rows[b][k] = index.rows[b][k - 1];
				k--;
			}
			index.rows[b][k] = (uint8_t) i;
		}
		ready = true;
	}
	return &index;
}

const pt_unit *
pt_unit_match(const char *s, size_t len, size_t *consumed)
{
	return pt_unit_match_since(s, len, consumed, false);
}

const pt_unit *
pt_unit_match_since(const char *s, size_t len, size_t *consumed, bool only_1_0)
{
	const catalog_buckets *index = catalog_index();
	unsigned	b;
	int			k;

	*consumed = 0;
	if (len == 0)
		return NULL;
	b = bucket_of(s, len);
	for (k = 0; k < index->count[b]; k++)
	{
		const pt_unit *u = catalog[index->rows[b][k]];

		if (u->len <= len && prefix_matches(s, len, u) && (!only_1_0 || u->since == 10))
		{
			*consumed = u->len;
			return u;
		}
	}
	return NULL;
}

/* The three bytes of an ideograph as one number. */
static inline uint32_t
char3(const char *s)
{
	return ((uint32_t) (unsigned char) s[0] << 16) | ((uint32_t) (unsigned char) s[1] << 8) |
		(uint32_t) (unsigned char) s[2];
}

bool
pt_scale_match(const char *s, size_t len, int *exp10, size_t *consumed)
{
	static uint32_t first[SCALE_COUNT],
				second[SCALE_COUNT];	/* 0 for a one-character word */
	static bool ready = false;
	uint32_t	c0;
	size_t		i;

	if (!ready)
	{
		for (i = 0; i < SCALE_COUNT; i++)
		{
			first[i] = char3(scale_words[i].spelling);
			second[i] = scale_words[i].spelling[3] ? char3(scale_words[i].spelling + 3) : 0;
		}
		ready = true;
	}
	/* every scale word is one or two ideographs of three bytes */
	if (len < 3 || (unsigned char) s[0] < 0xE4 || (unsigned char) s[0] > 0xE9)
		return false;
	c0 = char3(s);
	for (i = 0; i < SCALE_COUNT; i++)
	{
		size_t		n = second[i] ? 6 : 3;

		if (c0 == first[i] && n <= len && (n == 3 || char3(s + 3) == second[i]))
		{
			*exp10 = scale_words[i].exp10;
			*consumed = n;
			return true;
		}
	}
	return false;
}

const char *
pt_scale_spelling(int exp10)
{
	switch (exp10)
	{
		case 0:
			return "";
		case 3:
			return "千";
		case 4:
			return "万";
		case 6:
			return "百万";
		case 7:
			return "千万";
		case 8:
			return "亿";
		case 12:
			return "万亿";
		default:
			return NULL;
	}
}

/* ---------------------------------------------------------------- conversion */

/* (d is normalized: multiplying by 1 × 10^0 changes nothing and is skipped) */
bool
pt_unit_to_base(const pt_unit *row, int scale, pt_decimal *d)
{
	if (scale != 0 && !pt_decimal_scale(d, 1, scale))
		return false;
	if (row != NULL && row->dimension != NULL && (row->factor != 1 || row->exp10 != 0))
		return pt_decimal_scale(d, row->factor, row->exp10);
	return true;
}

bool
pt_unit_from_base(const pt_unit *row, int scale, pt_decimal *d)
{
	if (row != NULL && row->dimension != NULL && (row->factor != 1 || row->exp10 != 0) &&
		!pt_decimal_unscale(d, row->factor, row->exp10))
		return false;
	return scale == 0 || pt_decimal_unscale(d, 1, scale);
}

/* ---------------------------------------------------------------- key codes */

#define MAX_KEYS (CATALOG_SIZE + 1 + COMPOUND_KEY_COUNT)

static int
key_qsort_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *) a;
	const char *y = *(const char *const *) b;

	return pt_bytes_cmp(x, strlen(x), y, strlen(y));
}

/* The distinct dimension keys of the catalog, sorted bytewise (built once). */
static const char *const *
known_keys(size_t *count, const size_t **lengths)
{
	static const char *keys[MAX_KEYS];
	static size_t key_len[MAX_KEYS];
	static size_t n = 0;
	static bool ready = false;
	size_t		i,
				j;

	if (!ready)
	{
		const char *all[MAX_KEYS];
		size_t		m = 0;

		all[m++] = "";
		for (i = 0; i < CATALOG_SIZE; i++)
			all[m++] = catalog[i]->dimension ? catalog[i]->base : catalog[i]->spelling;
		for (i = 0; i < COMPOUND_KEY_COUNT; i++)
			all[m++] = compound_keys[i];
		qsort(all, m, sizeof(all[0]), key_qsort_cmp);
		for (i = 0, j = 0; i < m; i++)
			if (j == 0 || strcmp(all[i], keys[j - 1]) != 0)
			{
				key_len[j] = strlen(all[i]);
				keys[j++] = all[i];
			}
		n = j;
		ready = true;
	}
	*count = n;
	*lengths = key_len;
	return keys;
}

/* Known keys by hash (built once): a sort asks for the code of every value. */
#define KEY_SLOTS 512

_Static_assert(KEY_SLOTS > 2 * MAX_KEYS, "the key table stays sparse");

static unsigned
key_hash(const char *key, size_t len)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char) key[i]) * 16777619u;
	return h % KEY_SLOTS;
}

unsigned
pt_unit_key_code(const char *key, size_t len, bool *known)
{
	size_t		n;
	const size_t *lengths;
	const char *const *keys = known_keys(&n, &lengths);
	size_t		lo = 0,
				hi = n;
	static int16_t slot_rank[KEY_SLOTS];	/* rank + 1, 0 = empty */
	static bool hashed = false;
	unsigned	h;

	if (!hashed)
	{
		size_t		i;

		for (i = 0; i < n; i++)
		{
			h = key_hash(keys[i], lengths[i]);
			while (slot_rank[h] != 0)
				h = (h + 1) % KEY_SLOTS;
			slot_rank[h] = (int16_t) (i + 1);
		}
		hashed = true;
	}
	for (h = key_hash(key, len); slot_rank[h] != 0; h = (h + 1) % KEY_SLOTS)
	{
		size_t		i = (size_t) slot_rank[h] - 1;

		if (lengths[i] == len && memcmp(keys[i], key, len) == 0)
		{
			*known = true;
			return (unsigned) (2 * i + 1);
		}
	}

	/* unknown: binary search, lo ends as the number of known keys below key */
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;
		int			c = pt_bytes_cmp(keys[mid], lengths[mid], key, len);

		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*known = false;
	return (unsigned) (2 * lo);
}

/* Recent short keys and their codes (a sort asks for every value's). */
#define KEY_MEMO_SLOTS 64

typedef struct key_memo
{
	uint64_t	bytes;			/* the key's bytes, little endian, zero-padded */
	uint8_t		len;			/* 0 = empty (the key "" needs no memo) */
	uint8_t		code;
	bool		known;
} key_memo;

unsigned
pt_unit_id_key_code(uint8_t id, const char *key, size_t len, bool *known)
{
	static uint8_t base_code[256];	/* code of the row's base unit + 1; 0 = not looked up */
	static key_memo memo[KEY_MEMO_SLOTS];
	const pt_unit *row;
	size_t		i;

	/* keys of up to 8 bytes (%, 元, 个, 人次 …): remembered by their bytes */
	if (len > 0 && len <= 8)
	{
		uint64_t	bytes = 0;
		key_memo   *m;

		for (i = 0; i < len; i++)
			bytes |= (uint64_t) (unsigned char) key[i] << (8 * i);
		m = &memo[((bytes ^ len) * 0x9E3779B97F4A7C15ULL) >> 58];
		if (m->len != len || m->bytes != bytes)
		{
			m->code = (uint8_t) pt_unit_key_code(key, len, &m->known);
			m->bytes = bytes;
			m->len = (uint8_t) len;
		}
		*known = m->known;
		return m->code;
	}
	row = pt_unit_by_id(id);

	/* a dimensioned unit's key is its base unit, unless it has /denominators */
	if (row != NULL && row->dimension != NULL && len == row->base_len)
	{
		for (i = 0; i < len && key[i] == row->base[i]; i++)
			;
		if (i == len)
		{
			if (base_code[id] == 0)
				base_code[id] = (uint8_t) (pt_unit_key_code(row->base, row->base_len, known) + 1);
			*known = true;
			return base_code[id] - 1u;
		}
	}
	return pt_unit_key_code(key, len, known);
}

size_t
pt_unit_count(void)
{
	return CATALOG_SIZE;
}

const pt_unit *
pt_unit_at(size_t index)
{
	return index < CATALOG_SIZE ? catalog[index] : NULL;
}
