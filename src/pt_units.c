/*
 * pt_units.c — the unit catalog.  One table; ids are part of the on-disk
 * format (append-only).  Factors are exact: factor * 10^exp10 base units.
 */
#include "pt_units.h"

#include <stdlib.h>
#include <string.h>

#include "pt_fold.h"

static const pt_unit catalog[] = {
	/* percent */
	{1, "%", "percent", "%", 1, 0, false},
	{2, "百分比", "percent", "%", 1, 0, false},
	{3, "‰", "percent", "%", 1, -1, false},
	/* money (CNY); 万元, 亿元, 千元 are scale words + 元 */
	{4, "元", "money", "元", 1, 0, false},
	/* duration in seconds; days are calendar days */
	{5, "秒", "duration", "秒", 1, 0, false},
	{6, "分钟", "duration", "秒", 60, 0, false},
	{7, "小时", "duration", "秒", 3600, 0, false},
	{8, "个小时", "duration", "秒", 3600, 0, false},
	{9, "天", "duration", "秒", 86400, 0, false},
	{10, "日", "duration", "秒", 86400, 0, false},
	{11, "自然日", "duration", "秒", 86400, 0, false},
	{12, "周", "duration", "秒", 604800, 0, false},
	/* working days do not convert to days */
	{13, "工作日", "workday", "工作日", 1, 0, false},
	{14, "个工作日", "workday", "工作日", 1, 0, false},
	/* calendar months: 1年 = 12月 */
	{15, "月", "month", "月", 1, 0, false},
	{16, "个月", "month", "月", 1, 0, false},
	{17, "年", "month", "月", 12, 0, false},
	{18, "季度", "month", "月", 3, 0, false},
	/* energy in kWh */
	{19, "度", "energy", "kWh", 1, 0, false},
	{20, "kWh", "energy", "kWh", 1, 0, true},
	{21, "千瓦时", "energy", "kWh", 1, 0, false},
	{22, "MWh", "energy", "kWh", 1, 3, true},
	/* area in square metres */
	{23, "平方米", "area", "平方米", 1, 0, false},
	{24, "平米", "area", "平方米", 1, 0, false},
	{25, "㎡", "area", "平方米", 1, 0, false},
	{26, "m²", "area", "平方米", 1, 0, true},
	{27, "公顷", "area", "平方米", 1, 4, false},
	{28, "平方公里", "area", "平方米", 1, 6, false},
	{29, "km²", "area", "平方米", 1, 6, true},
	/* length in metres */
	{30, "米", "length", "米", 1, 0, false},
	{31, "m", "length", "米", 1, 0, true},
	{32, "km", "length", "米", 1, 3, true},
	{33, "公里", "length", "米", 1, 3, false},
	{34, "千米", "length", "米", 1, 3, false},
	{35, "cm", "length", "米", 1, -2, true},
	{36, "厘米", "length", "米", 1, -2, false},
	{37, "mm", "length", "米", 1, -3, true},
	{38, "毫米", "length", "米", 1, -3, false},
	/* data in bytes (decimal prefixes); T as written in the seeds means TB */
	{39, "B", "data", "B", 1, 0, true},
	{40, "KB", "data", "B", 1, 3, true},
	{41, "MB", "data", "B", 1, 6, true},
	{42, "GB", "data", "B", 1, 9, true},
	{43, "TB", "data", "B", 1, 12, true},
	{44, "T", "data", "B", 1, 12, true},
	{45, "PB", "data", "B", 1, 15, true},
	/* mass in grams */
	{46, "克", "mass", "克", 1, 0, false},
	{47, "kg", "mass", "克", 1, 3, true},
	{48, "千克", "mass", "克", 1, 3, false},
	{49, "公斤", "mass", "克", 1, 3, false},
	{50, "吨", "mass", "克", 1, 6, false},
	/* volume in litres */
	{51, "升", "volume", "升", 1, 0, false},
	{52, "L", "volume", "升", 1, 0, true},
	{53, "毫升", "volume", "升", 1, -3, false},
	{54, "立方米", "volume", "升", 1, 3, false},
	{55, "m³", "volume", "升", 1, 3, true},
	/* known measure words: each is its own dimension */
	{100, "个", NULL, NULL, 1, 0, false},
	{101, "次", NULL, NULL, 1, 0, false},
	{102, "人", NULL, NULL, 1, 0, false},
	{103, "人次", NULL, NULL, 1, 0, false},
	{104, "条", NULL, NULL, 1, 0, false},
	{105, "起", NULL, NULL, 1, 0, false},
	{106, "辆", NULL, NULL, 1, 0, false},
	{107, "卷", NULL, NULL, 1, 0, false},
	{108, "张", NULL, NULL, 1, 0, false},
	{109, "副", NULL, NULL, 1, 0, false},
	{110, "笔", NULL, NULL, 1, 0, false},
	{111, "项", NULL, NULL, 1, 0, false},
	{112, "种", NULL, NULL, 1, 0, false},
	{113, "区", NULL, NULL, 1, 0, false},
	{114, "处", NULL, NULL, 1, 0, false},
	{115, "例", NULL, NULL, 1, 0, false},
	{116, "套", NULL, NULL, 1, 0, false},
	{117, "台", NULL, NULL, 1, 0, false},
	{118, "路", NULL, NULL, 1, 0, false},
	{119, "台（套）", NULL, NULL, 1, 0, false},
	{120, "件", NULL, NULL, 1, 0, false},
	{121, "家", NULL, NULL, 1, 0, false},
	{122, "户", NULL, NULL, 1, 0, false},
	{123, "名", NULL, NULL, 1, 0, false},
	{124, "份", NULL, NULL, 1, 0, false},
	{125, "场", NULL, NULL, 1, 0, false},
	{126, "批", NULL, NULL, 1, 0, false},
	{127, "期", NULL, NULL, 1, 0, false},
	{128, "座", NULL, NULL, 1, 0, false},
	{129, "篇", NULL, NULL, 1, 0, false},
	{130, "分", NULL, NULL, 1, 0, false},
	{131, "户次", NULL, NULL, 1, 0, false},
	{132, "架次", NULL, NULL, 1, 0, false},
};

#define CATALOG_SIZE (sizeof(catalog) / sizeof(catalog[0]))

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

const pt_unit *
pt_unit_by_id(uint8_t id)
{
	/* an index by id, built once: values are unpacked on every comparison */
	static const pt_unit *by_id[256];
	static bool ready = false;
	size_t		i;

	if (!ready)
	{
		for (i = 0; i < CATALOG_SIZE; i++)
			by_id[catalog[i].id] = &catalog[i];
		ready = true;
	}
	return by_id[id];
}

static bool
prefix_matches(const char *s, size_t len, const char *spelling, bool latin)
{
	size_t		n = strlen(spelling);
	size_t		i;

	if (n > len)
		return false;
	if (!latin)
		return memcmp(s, spelling, n) == 0;
	for (i = 0; i < n; i++)
	{
		unsigned char a = (unsigned char) s[i];
		unsigned char b = (unsigned char) spelling[i];

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
 * one by its first two bytes (every multibyte spelling has both).  A bucket
 * can hold the whole catalog, so no row is ever left out.
 */
#define N_BUCKETS 256

typedef struct catalog_buckets
{
	uint8_t		count[N_BUCKETS];
	uint8_t		rows[N_BUCKETS][CATALOG_SIZE];
	size_t		lengths[CATALOG_SIZE];
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
			unsigned	b;

			index.lengths[i] = strlen(catalog[i].spelling);
			b = bucket_of(catalog[i].spelling, index.lengths[i]);
			index.rows[b][index.count[b]++] = (uint8_t) i;
		}
		ready = true;
	}
	return &index;
}

const pt_unit *
pt_unit_match(const char *s, size_t len, size_t *consumed)
{
	const catalog_buckets *index = catalog_index();
	const pt_unit *best = NULL;
	size_t		best_len = 0;
	unsigned	b;
	int			k;

	*consumed = 0;
	if (len == 0)
		return NULL;
	b = bucket_of(s, len);
	for (k = 0; k < index->count[b]; k++)
	{
		size_t		i = index->rows[b][k];
		size_t		n = index->lengths[i];

		if (n > best_len && prefix_matches(s, len, catalog[i].spelling, catalog[i].latin))
		{
			best = &catalog[i];
			best_len = n;
		}
	}
	*consumed = best_len;
	return best;
}

bool
pt_scale_match(const char *s, size_t len, int *exp10, size_t *consumed)
{
	size_t		i;

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
	size_t		i;

	if (exp10 == 0)
		return "";
	for (i = 0; i < SCALE_COUNT; i++)
		if (scale_words[i].exp10 == exp10)
			return scale_words[i].spelling;
	return NULL;
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
known_keys(size_t *count)
{
	static const char *keys[MAX_KEYS];
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
			all[m++] = catalog[i].dimension ? catalog[i].base : catalog[i].spelling;
		qsort(all, m, sizeof(all[0]), key_qsort_cmp);
		for (i = 0, j = 0; i < m; i++)
			if (j == 0 || strcmp(all[i], keys[j - 1]) != 0)
				keys[j++] = all[i];
		n = j;
		ready = true;
	}
	*count = n;
	return keys;
}

unsigned
pt_unit_key_code(const char *key, size_t len, bool *known)
{
	size_t		n;
	const char *const *keys = known_keys(&n);
	size_t		lo = 0,
				hi = n;

	/* binary search: lo ends as the number of known keys below key */
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;
		int			c = pt_bytes_cmp(keys[mid], strlen(keys[mid]), key, len);

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
	return index < CATALOG_SIZE ? &catalog[index] : NULL;
}
