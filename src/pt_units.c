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
 * The catalog: X(id, spelling, dimension, base, factor, exp10, latin), the
 * rows 1.0 read and then the rows later releases added (each row records its
 * release, so that the reading of text 1.0 knew can be reproduced exactly:
 * 5周岁 was no value for 1.0, which read 周 as weeks).  Rows are listed (and
 * documented, test/tools/units_table) in this order.
 */
#define PT_UNIT_CATALOG_1_0(X) \
	/* percent */ \
	X(1, "%", "percent", "%", 1, 0, false) \
	X(2, "百分比", "percent", "%", 1, 0, false) \
	X(3, "‰", "percent", "%", 1, -1, false) \
	/* money (CNY); 万元, 亿元, 千元 are scale words + 元 */ \
	X(4, "元", "money", "元", 1, 0, false) \
	/* duration in seconds; days are calendar days */ \
	X(5, "秒", "duration", "秒", 1, 0, false) \
	X(6, "分钟", "duration", "秒", 60, 0, false) \
	X(7, "小时", "duration", "秒", 3600, 0, false) \
	X(8, "个小时", "duration", "秒", 3600, 0, false) \
	X(9, "天", "duration", "秒", 86400, 0, false) \
	X(10, "日", "duration", "秒", 86400, 0, false) \
	X(11, "自然日", "duration", "秒", 86400, 0, false) \
	X(12, "周", "duration", "秒", 604800, 0, false) \
	/* working days do not convert to days */ \
	X(13, "工作日", "workday", "工作日", 1, 0, false) \
	X(14, "个工作日", "workday", "工作日", 1, 0, false) \
	/* calendar months: 1年 = 12月 */ \
	X(15, "月", "month", "月", 1, 0, false) \
	X(16, "个月", "month", "月", 1, 0, false) \
	X(17, "年", "month", "月", 12, 0, false) \
	X(18, "季度", "month", "月", 3, 0, false) \
	/* energy in kWh */ \
	X(19, "度", "energy", "kWh", 1, 0, false) \
	X(20, "kWh", "energy", "kWh", 1, 0, true) \
	X(21, "千瓦时", "energy", "kWh", 1, 0, false) \
	X(22, "MWh", "energy", "kWh", 1, 3, true) \
	/* area in square metres */ \
	X(23, "平方米", "area", "平方米", 1, 0, false) \
	X(24, "平米", "area", "平方米", 1, 0, false) \
	X(25, "㎡", "area", "平方米", 1, 0, false) \
	X(26, "m²", "area", "平方米", 1, 0, true) \
	X(27, "公顷", "area", "平方米", 1, 4, false) \
	X(28, "平方公里", "area", "平方米", 1, 6, false) \
	X(29, "km²", "area", "平方米", 1, 6, true) \
	/* length in metres */ \
	X(30, "米", "length", "米", 1, 0, false) \
	X(31, "m", "length", "米", 1, 0, true) \
	X(32, "km", "length", "米", 1, 3, true) \
	X(33, "公里", "length", "米", 1, 3, false) \
	X(34, "千米", "length", "米", 1, 3, false) \
	X(35, "cm", "length", "米", 1, -2, true) \
	X(36, "厘米", "length", "米", 1, -2, false) \
	X(37, "mm", "length", "米", 1, -3, true) \
	X(38, "毫米", "length", "米", 1, -3, false) \
	/* data in bytes (decimal prefixes); T as written in the seeds means TB */ \
	X(39, "B", "data", "B", 1, 0, true) \
	X(40, "KB", "data", "B", 1, 3, true) \
	X(41, "MB", "data", "B", 1, 6, true) \
	X(42, "GB", "data", "B", 1, 9, true) \
	X(43, "TB", "data", "B", 1, 12, true) \
	X(44, "T", "data", "B", 1, 12, true) \
	X(45, "PB", "data", "B", 1, 15, true) \
	/* mass in grams */ \
	X(46, "克", "mass", "克", 1, 0, false) \
	X(47, "kg", "mass", "克", 1, 3, true) \
	X(48, "千克", "mass", "克", 1, 3, false) \
	X(49, "公斤", "mass", "克", 1, 3, false) \
	X(50, "吨", "mass", "克", 1, 6, false) \
	/* volume in litres */ \
	X(51, "升", "volume", "升", 1, 0, false) \
	X(52, "L", "volume", "升", 1, 0, true) \
	X(53, "毫升", "volume", "升", 1, -3, false) \
	X(54, "立方米", "volume", "升", 1, 3, false) \
	X(55, "m³", "volume", "升", 1, 3, true) \
	/* known measure words: each is its own dimension */ \
	X(100, "个", NULL, NULL, 1, 0, false) \
	X(101, "次", NULL, NULL, 1, 0, false) \
	X(102, "人", NULL, NULL, 1, 0, false) \
	X(103, "人次", NULL, NULL, 1, 0, false) \
	X(104, "条", NULL, NULL, 1, 0, false) \
	X(105, "起", NULL, NULL, 1, 0, false) \
	X(106, "辆", NULL, NULL, 1, 0, false) \
	X(107, "卷", NULL, NULL, 1, 0, false) \
	X(108, "张", NULL, NULL, 1, 0, false) \
	X(109, "副", NULL, NULL, 1, 0, false) \
	X(110, "笔", NULL, NULL, 1, 0, false) \
	X(111, "项", NULL, NULL, 1, 0, false) \
	X(112, "种", NULL, NULL, 1, 0, false) \
	X(113, "区", NULL, NULL, 1, 0, false) \
	X(114, "处", NULL, NULL, 1, 0, false) \
	X(115, "例", NULL, NULL, 1, 0, false) \
	X(116, "套", NULL, NULL, 1, 0, false) \
	X(117, "台", NULL, NULL, 1, 0, false) \
	X(118, "路", NULL, NULL, 1, 0, false) \
	X(119, "台（套）", NULL, NULL, 1, 0, false) \
	X(120, "件", NULL, NULL, 1, 0, false) \
	X(121, "家", NULL, NULL, 1, 0, false) \
	X(122, "户", NULL, NULL, 1, 0, false) \
	X(123, "名", NULL, NULL, 1, 0, false) \
	X(124, "份", NULL, NULL, 1, 0, false) \
	X(125, "场", NULL, NULL, 1, 0, false) \
	X(126, "批", NULL, NULL, 1, 0, false) \
	X(127, "期", NULL, NULL, 1, 0, false) \
	X(128, "座", NULL, NULL, 1, 0, false) \
	X(129, "篇", NULL, NULL, 1, 0, false) \
	X(130, "分", NULL, NULL, 1, 0, false) \
	X(131, "户次", NULL, NULL, 1, 0, false) \
	X(132, "架次", NULL, NULL, 1, 0, false)

/* added in 1.1 (measure words: each is its own dimension) */
#define PT_UNIT_CATALOG_1_1(X) \
	X(133, "周岁", NULL, NULL, 1, 0, false) \
	X(134, "批次", NULL, NULL, 1, 0, false) \
	X(135, "百分点", NULL, NULL, 1, 0, false)

#define PT_UNIT_CATALOG(X) PT_UNIT_CATALOG_1_0(X) PT_UNIT_CATALOG_1_1(X)

/* ---------------------------------------------------------------- compile-time checks */

/* a duplicate id is a duplicate enumerator: a compile error */
#define UNIT_ID_ENUM(id, spelling, dimension, base, factor, exp10, latin) unit_id_##id = id,
enum unit_ids
{
	PT_UNIT_CATALOG(UNIT_ID_ENUM)
};

/* every id is a real row id (0 = none and 255 = word are reserved), every spelling fits */
#define UNIT_ROW_CHECKS(id, spelling, dimension, base, factor, exp10, latin) \
	_Static_assert((id) > PT_UNIT_NONE && (id) < PT_UNIT_WORD, "unit id " #id " is reserved or too large"); \
	_Static_assert(sizeof(spelling) > 1 && sizeof(spelling) - 1 <= PT_UNIT_SPELLING_MAX, \
				   "unit " #id ": empty or longer than PT_UNIT_SPELLING_MAX bytes"); \
	_Static_assert((factor) > 0 && (exp10) >= -PT_UNIT_EXP10_MAX && (exp10) <= PT_UNIT_EXP10_MAX, \
				   "unit " #id ": factor or power of ten out of range");
PT_UNIT_CATALOG(UNIT_ROW_CHECKS)

#define UNIT_COUNT_ONE(id, spelling, dimension, base, factor, exp10, latin) +1
enum
{
	CATALOG_SIZE = 0 PT_UNIT_CATALOG(UNIT_COUNT_ONE)
};

/*
 * Abbreviated keys give each dimension key the catalog knows an 8-bit code
 * 2*rank+1 (pt_unit_key_code): at most one key per row plus "" (none), so
 * 127 keys at most.
 */
_Static_assert(CATALOG_SIZE + 1 <= 127, "too many catalog rows for 8-bit dimension key codes");

/* ---------------------------------------------------------------- the table */

#define UNIT_BY_ID_1_0(id, spelling, dimension, base, factor, exp10, latin) \
	[id] = {id, spelling, dimension, base, factor, exp10, latin, sizeof(spelling) - 1, 10},
#define UNIT_BY_ID_1_1(id, spelling, dimension, base, factor, exp10, latin) \
	[id] = {id, spelling, dimension, base, factor, exp10, latin, sizeof(spelling) - 1, 11},
static const pt_unit by_id[PT_UNIT_WORD + 1] = {
	PT_UNIT_CATALOG_1_0(UNIT_BY_ID_1_0)
	PT_UNIT_CATALOG_1_1(UNIT_BY_ID_1_1)
};

#define UNIT_LISTED(id, spelling, dimension, base, factor, exp10, latin) &by_id[id],
static const pt_unit *const catalog[CATALOG_SIZE] = {
	PT_UNIT_CATALOG(UNIT_LISTED)
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

/* the stored scale byte and the base unit's exponent stay far inside int8 */
_Static_assert(PT_UNIT_EXP10_MAX + 12 < 60, "scale word and unit exponent out of the decimal range");

const pt_unit *
pt_unit_by_id(uint8_t id)
{
	return by_id[id].id == id && id != PT_UNIT_NONE ? &by_id[id] : NULL;
}

/* ASCII-case-insensitive for Latin spellings; n = strlen(spelling) <= len */
static bool
prefix_matches(const char *s, size_t len, const pt_unit *u)
{
	size_t		n = u->len;
	size_t		i;

	if (!u->latin)
		return memcmp(s, u->spelling, n) == 0;
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
 * one by its first two bytes (every multibyte spelling has both).  Within a
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
	return 128 + ((b0 * 7u + (len > 1 ? (unsigned char) s[1] : 0u)) % 128u);
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

bool
pt_scale_match(const char *s, size_t len, int *exp10, size_t *consumed)
{
	size_t		i;

	/* every scale word is one or two ideographs of three bytes */
	if (len < 3 || (unsigned char) s[0] < 0xE4)
		return false;
	for (i = 0; i < SCALE_COUNT; i++)
	{
		size_t		n = strlen(scale_words[i].spelling);

		if (n <= len && memcmp(s, scale_words[i].spelling, n) == 0)
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

bool
pt_unit_to_base(const pt_unit *row, int scale, pt_decimal *d)
{
	if (!pt_decimal_scale(d, 1, scale))
		return false;
	if (row != NULL && row->dimension != NULL)
		return pt_decimal_scale(d, row->factor, row->exp10);
	return true;
}

bool
pt_unit_from_base(const pt_unit *row, int scale, pt_decimal *d)
{
	if (row != NULL && row->dimension != NULL && !pt_decimal_unscale(d, row->factor, row->exp10))
		return false;
	return pt_decimal_unscale(d, 1, scale);
}

/* ---------------------------------------------------------------- key codes */

#define MAX_KEYS (CATALOG_SIZE + 1)

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

unsigned
pt_unit_key_code(const char *key, size_t len, bool *known)
{
	size_t		n;
	const size_t *lengths;
	const char *const *keys = known_keys(&n, &lengths);
	size_t		lo = 0,
				hi = n;

	/* binary search: lo ends as the number of known keys below key */
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;
		int			c = pt_bytes_cmp(keys[mid], lengths[mid], key, len);

		if (c == 0)
		{
			*known = true;
			return (unsigned) (2 * mid + 1);
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*known = false;
	return (unsigned) (2 * lo);
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
