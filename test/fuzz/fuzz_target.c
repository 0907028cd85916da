/*
 * fuzz_target.c — libFuzzer target: arbitrary bytes as target text.
 *
 * pt_parse must never crash; when it accepts the text, the value must keep
 * every promise of the README (each violation abort()s):
 *   - pt_format's output parses back to an equal value with identical text
 *   - pt_pack -> pt_unpack gives an equal value, the same text, the same bytes
 *   - the hash key of the value equals that of the re-parsed/unpacked value
 *   - pt_compare(a, a) == 0; a @> a and a && a for quantities and dates
 *   - the written magnitude is inside the set (or just outside for > and <)
 *   - converting to the written unit and to the base unit is exact
 *   - equal values abbreviate equally (pt_abbreviate, sort support)
 *   - the value's GiST key survives pack/unpack and is consistent with the
 *     value itself for =, @>, <@ and &&
 *   - pt_extract (any input): every constraint it finds is a quantity or a
 *     date that prints and reads back equal, inside the input's bytes, in
 *     order; the count does not depend on the room given; a text that is a
 *     value on its own gives exactly that value
 *   - pt_parse_context (year 2024, unit %): a value the text is on its own
 *     stays that value (but a bare quantity takes the unit); the year only
 *     turns a label or an error into a date; results round trip
 *
 * Build: see run.sh (clang -fsanitize=fuzzer,address,undefined).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "pt_date.h"
#include "pt_gist.h"

typedef struct parsed
{
	pt_target	t;
	char	   *scratch;
} parsed;

static bool
day_in_range(int32_t day)
{
	return day >= pt_date_to_days(PT_DATE_MIN_YEAR, 1, 1) &&
		day <= pt_date_to_days(PT_DATE_MAX_YEAR, 12, 31);
}

static pt_status
parse_copy(const char *text, size_t len, parsed *p, pt_error *err)
{
	p->scratch = malloc(pt_parse_scratch_size(len));
	if (p->scratch == NULL)
		abort();
	return pt_parse(text, len, &p->t, p->scratch, err);
}

static size_t
hash_key(const pt_target *t, uint8_t *buf, const uint8_t **key)
{
	size_t		n = pt_hash_key(t, buf, key);

	if (t->kind != PT_KIND_LABEL && n > PT_HASH_KEY_MAX)
		abort();
	return n;
}

static void
check_error(const uint8_t *data, size_t size, pt_status st, const pt_error *err)
{
	FUZZ_CHECK(st == err->status, data, size, "returned %d, err->status %d", st, err->status);
	FUZZ_CHECK(st == PT_ERR_SYNTAX || st == PT_ERR_DATE || st == PT_ERR_RANGE, data, size,
			   "unexpected status %d from pt_parse", st);
	FUZZ_CHECK(memchr(err->message, '\0', sizeof(err->message)) != NULL &&
			   err->message[0] != '\0', data, size, "error message empty or unterminated");
	FUZZ_CHECK(memchr(err->hint, '\0', sizeof(err->hint)) != NULL, data, size,
			   "error hint unterminated");
}

/* Digits the larger finite bound takes to write in the base unit. */
static int
written_digits_in_base(const pt_target *t)
{
	int			most = 0,
				i;

	for (i = 0; i < 2; i++)
	{
		const pt_bound *b = i ? &t->upper : &t->lower;
		int			digits;

		if (b->infinite || b->value.coef == 0)
			continue;
		digits = pt_decimal_magnitude(&b->value) - b->value.exp;	/* coefficient */
		digits += b->value.exp > 0 ? b->value.exp : 0;	/* trailing zeros */
		if (digits > most)
			most = digits;
	}
	return most;
}

static void
check_quantity(const uint8_t *data, size_t size, const pt_target *a, const char *text)
{
	pt_decimal	m;
	bool		comparable = false;
	bool		inside;
	char		unit[PT_UNIT_MAX_BYTES * 2 + 16];
	size_t		unit_len;
	pt_target	conv,
				back;
	char	   *scratch;
	pt_error	err;
	pt_status	st;
	int			i;

	/* the magnitude as written, at each end */
	for (i = 0; i < 2; i++)
	{
		bool		upper = (i == 1);

		FUZZ_CHECK(pt_written_magnitude(a, upper, &m), data, size,
				   "no written magnitude (upper=%d) for %s", upper, text);
		inside = pt_contains_number(a, &m, &comparable);
		FUZZ_CHECK(comparable, data, size, "quantity not comparable with a number: %s", text);
		if (a->op == PT_OP_GT || a->op == PT_OP_LT)
			FUZZ_CHECK(!inside, data, size, "%s contains its own open bound", text);
		else
			FUZZ_CHECK(inside, data, size, "%s does not contain its own magnitude (upper=%d)",
					   text, upper);
	}

	/* pt_convert to the written unit: the same value */
	unit_len = pt_format_unit(a, unit, sizeof(unit));
	FUZZ_CHECK(unit_len < sizeof(unit), data, size, "unit text too long: %zu", unit_len);
	scratch = malloc(pt_parse_scratch_size(unit_len));
	st = pt_convert(a, unit, unit_len, &conv, scratch, &err);
	FUZZ_CHECK(st == PT_OK, data, size, "pt_convert(%s, \"%s\") failed: %s", text, unit,
			   err.message);
	FUZZ_CHECK(pt_compare(a, &conv) == 0, data, size,
			   "pt_convert(%s, \"%s\") changed the value", text, unit);
	free(scratch);

	/* to the base unit (the dimension key) and back to the written unit */
	memcpy(unit, a->unit_key, a->unit_key_len);
	unit_len = a->unit_key_len;
	unit[unit_len] = '\0';
	scratch = malloc(pt_parse_scratch_size(unit_len));
	st = pt_convert(a, unit, unit_len, &conv, scratch, &err);
	/* in the base unit a magnitude may need more than 28 digits: refused, never rounded */
	if (st == PT_ERR_INVALID && written_digits_in_base(a) > PT_DECIMAL_MAX_DIGITS)
	{
		free(scratch);
		return;
	}
	FUZZ_CHECK(st == PT_OK, data, size, "pt_convert(%s, base \"%s\") failed: %s", text,
			   unit, err.message);
	FUZZ_CHECK(pt_compare(a, &conv) == 0, data, size,
			   "pt_convert(%s, base \"%s\") changed the value", text, unit);
	{
		char		written[PT_UNIT_MAX_BYTES * 2 + 16];
		size_t		wlen = pt_format_unit(a, written, sizeof(written));
		char	   *scratch2 = malloc(pt_parse_scratch_size(wlen));

		st = pt_convert(&conv, written, wlen, &back, scratch2, &err);
		FUZZ_CHECK(st == PT_OK && pt_compare(a, &back) == 0, data, size,
				   "converting %s to \"%s\" and back to \"%s\" failed: %s", text, unit,
				   written, st == PT_OK ? "changed the value" : err.message);
		free(scratch2);
	}
	free(scratch);
}


/* Does t print, read back equal with the same text, and survive pack/unpack? */
static void
check_round_trip(const uint8_t *data, size_t size, const pt_target *t, const char *what)
{
	size_t		len,
				len2,
				n = pt_packed_size(t);
	char	   *text = fuzz_format(t, &len),
			   *text2;
	parsed		back;
	pt_error	err;
	uint8_t    *packed = malloc(n);
	pt_target	u;

	FUZZ_CHECK(parse_copy(text, len, &back, &err) == PT_OK && pt_compare(t, &back.t) == 0, data, size,
			   "%s \"%s\" does not read back equal", what, text);
	text2 = fuzz_format(&back.t, &len2);
	FUZZ_CHECK(len == len2 && memcmp(text, text2, len) == 0, data, size,
			   "%s \"%s\" reads back as \"%s\"", what, text, text2);
	pt_pack(t, packed);
	FUZZ_CHECK(pt_unpack(packed, n, &u) && pt_compare(t, &u) == 0, data, size,
			   "%s \"%s\" does not survive pack/unpack", what, text);
	free(packed);
	free(text2);
	free(text);
	free(back.scratch);
}

/* ptarget_extract and ptarget_parse(text, year, unit) on any input */
static void
check_extract_and_context(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	pt_extracted found[4],
			   *all;
	char	   *scratch = malloc(pt_extract_scratch_size(size, 4)),
			   *scratch_all;
	size_t		count = pt_extract(text, size, found, 4, scratch),
				again,
				i;
	parsed		alone;
	pt_error	err;
	pt_status	st = parse_copy(text, size, &alone, &err);
	pt_context	ctx = {2024, "%", 1};
	pt_target	ct;
	unsigned	applied;
	char	   *cscratch;

	/* everything found, with room for all of it */
	all = malloc((count > 0 ? count : 1) * sizeof(pt_extracted));
	scratch_all = malloc(pt_extract_scratch_size(size, count));
	again = pt_extract(text, size, all, count, scratch_all);
	FUZZ_CHECK(again == count, data, size, "pt_extract found %zu, then %zu", count, again);
	for (i = 0; i < count; i++)
	{
		const pt_extracted *e = &all[i];

		FUZZ_CHECK(e->target.kind == PT_KIND_QUANTITY || e->target.kind == PT_KIND_DATE, data, size,
				   "pt_extract result %zu is of kind %d", i, e->target.kind);
		FUZZ_CHECK(e->start < e->end && e->end <= size && (i == 0 || all[i - 1].end <= e->start),
				   data, size, "pt_extract result %zu spans [%zu, %zu) of %zu bytes", i, e->start, e->end, size);
		if (i < 4)
			FUZZ_CHECK(pt_compare(&e->target, &found[i].target) == 0, data, size,
					   "pt_extract result %zu depends on the room given", i);
		check_round_trip(data, size, &e->target, "an extracted constraint");
	}
	if (st == PT_OK && alone.t.kind != PT_KIND_LABEL)
		FUZZ_CHECK(count == 1 && pt_compare(&all[0].target, &alone.t) == 0 && all[0].start == 0 &&
				   all[0].end == size, data, size, "a value on its own is not what pt_extract gives");

	/* the context never changes a value, except a bare quantity's unit */
	cscratch = malloc(pt_parse_context_scratch_size(size, &ctx));
	if (pt_parse_context(text, size, &ctx, &ct, cscratch, &err, &applied) == PT_OK)
	{
		if (st == PT_OK && alone.t.kind != PT_KIND_LABEL)
			FUZZ_CHECK((applied == 0 && pt_compare(&ct, &alone.t) == 0) ||
					   (applied == PT_CONTEXT_UNIT && alone.t.kind == PT_KIND_QUANTITY &&
						alone.t.unit_id == PT_UNIT_NONE && ct.unit_key_len == 1 && ct.unit_key[0] == '%'),
					   data, size, "the context changed what the text reads as on its own (applied %u)", applied);
		else
			FUZZ_CHECK((applied == 0 && ct.kind == PT_KIND_LABEL) ||
					   (applied == PT_CONTEXT_YEAR && ct.kind == PT_KIND_DATE),
					   data, size, "the context made a %d of a label or an error (applied %u)", ct.kind, applied);
		check_round_trip(data, size, &ct, "a value read with a context");
	}
	else
		FUZZ_CHECK(st != PT_OK, data, size, "the context turned a value into an error: %s", err.message);
	free(cscratch);
	free(alone.scratch);
	free(scratch_all);
	free(all);
	free(scratch);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parsed		a,
				b;
	pt_target	c;
	pt_error	err;
	pt_status	st;
	char	   *text1,
			   *text2,
			   *text3;
	size_t		len1,
				len2,
				len3;
	uint8_t    *packed,
			   *repacked;
	size_t		packed_size;
	uint8_t		kbuf_a[PT_HASH_KEY_MAX],
				kbuf_b[PT_HASH_KEY_MAX],
				kbuf_c[PT_HASH_KEY_MAX];
	const uint8_t *ka,
			   *kb,
			   *kc;
	size_t		la,
				lb,
				lc;

	if (size > 4096)
		return 0;

	check_extract_and_context(data, size);
	st = parse_copy((const char *) data, size, &a, &err);
	if (st != PT_OK)
	{
		check_error(data, size, st, &err);
		free(a.scratch);
		return 0;
	}

	/* known: <1000年1月1日, >9999年12月31日 leave the calendar */
	if (a.t.kind == PT_KIND_DATE && fuzz_known("date-range") &&
		((!a.t.lower.infinite && !day_in_range(a.t.lower.day)) ||
		 (!a.t.upper.infinite && !day_in_range(a.t.upper.day))))
	{
		free(a.scratch);
		return 0;
	}
	FUZZ_CHECK(a.t.kind == PT_KIND_QUANTITY || a.t.kind == PT_KIND_DATE ||
			   a.t.kind == PT_KIND_LABEL, data, size, "bad kind %d", a.t.kind);
	if (a.t.kind == PT_KIND_LABEL)
		FUZZ_CHECK(a.t.label_len > 0, data, size, "empty label");

	/*
	 * known: 2千 瓦时 (scale word, space, measure word) prints as 2千瓦时, which
	 * reads as 2 kWh (or as another scale word, a label, an error)
	 */
	if (a.t.kind == PT_KIND_QUANTITY && a.t.scale != 0 && a.t.unit_id == PT_UNIT_WORD &&
		fuzz_known("scale-space"))
	{
		char		joined[PT_UNIT_MAX_BYTES + 16];
		const char *sw = pt_scale_spelling(a.t.scale);
		size_t		n,
					consumed = 0;
		int			e;

		n = (size_t) snprintf(joined, sizeof(joined), "%s%.*s", sw ? sw : "",
							  (int) a.t.unit_key_len, a.t.unit_key);
		if (pt_unit_match(joined, n, &consumed) != NULL ||
			!pt_scale_match(joined, n, &e, &consumed) || e != a.t.scale)
		{
			free(a.scratch);
			return 0;
		}
	}

	/* text round trip */
	text1 = fuzz_format(&a.t, &len1);
	FUZZ_CHECK(len1 > 0, data, size, "empty canonical text");
	{
		/* a short buffer truncates safely and reports the full length */
		size_t		cap = len1 / 2;
		char	   *shortbuf = malloc(cap + 1);
		size_t		n = pt_format(&a.t, shortbuf, cap);

		FUZZ_CHECK(n == len1, data, size, "truncated pt_format returned %zu, want %zu", n, len1);
		free(shortbuf);
	}
	st = parse_copy(text1, len1, &b, &err);
	/* known: a label of only U+2002/U+2003/U+2009 prints unquoted, reads as empty */
	if (st != PT_OK && a.t.kind == PT_KIND_LABEL && fuzz_known("blank-label"))
	{
		free(text1);
		free(b.scratch);
		free(a.scratch);
		return 0;
	}
	if (st != PT_OK)
	{
		fuzz_print_target(stderr, "a", &a.t);
		FUZZ_CHECK(st == PT_OK, data, size, "canonical text \"%s\" does not parse: %s",
				   text1, err.message);
	}
	/* known: a quantity printed as 2025年 or 2025.5 reads back as a date */
	if (a.t.kind == PT_KIND_QUANTITY && b.t.kind == PT_KIND_DATE && fuzz_known("text-date"))
	{
		free(text1);
		free(b.scratch);
		free(a.scratch);
		return 0;
	}
	if (pt_compare(&a.t, &b.t) != 0 || pt_compare(&b.t, &a.t) != 0)
	{
		fuzz_print_target(stderr, "a", &a.t);
		fuzz_print_target(stderr, "b", &b.t);
		FUZZ_CHECK(0, data, size, "canonical text \"%s\" parses to another value", text1);
	}
	text2 = fuzz_format(&b.t, &len2);
	FUZZ_CHECK(len1 == len2 && memcmp(text1, text2, len1) == 0, data, size,
			   "canonical text is not stable: \"%s\" -> \"%s\"", text1, text2);

	/* pack / unpack */
	packed_size = pt_packed_size(&a.t);
	packed = malloc(packed_size);
	pt_pack(&a.t, packed);
	if (!pt_unpack(packed, packed_size, &c))
	{
		fprintf(stderr, "  packed: ");
		fuzz_print_hex(stderr, packed, packed_size);
		fprintf(stderr, "\n");
		fuzz_print_target(stderr, "a", &a.t);
		FUZZ_CHECK(0, data, size, "pt_unpack rejects the packed form of \"%s\"", text1);
	}
	FUZZ_CHECK(pt_compare(&a.t, &c) == 0, data, size, "unpacked \"%s\" is another value", text1);
	text3 = fuzz_format(&c, &len3);
	FUZZ_CHECK(len1 == len3 && memcmp(text1, text3, len1) == 0, data, size,
			   "unpacked value prints differently: \"%s\" -> \"%s\"", text1, text3);
	FUZZ_CHECK(pt_packed_size(&c) == packed_size, data, size, "packed size changed");
	repacked = malloc(packed_size);
	pt_pack(&c, repacked);
	FUZZ_CHECK(memcmp(packed, repacked, packed_size) == 0, data, size,
			   "pack(unpack(pack(x))) differs from pack(x) for \"%s\"", text1);

	/* equal values, equal hash keys */
	la = hash_key(&a.t, kbuf_a, &ka);
	lb = hash_key(&b.t, kbuf_b, &kb);
	lc = hash_key(&c, kbuf_c, &kc);
	FUZZ_CHECK(la == lb && memcmp(ka, kb, la) == 0, data, size,
			   "hash key differs after text round trip of \"%s\"", text1);
	FUZZ_CHECK(la == lc && memcmp(ka, kc, la) == 0, data, size,
			   "hash key differs after pack round trip of \"%s\"", text1);

	/* sort support: equal values, equal abbreviated keys */
	FUZZ_CHECK(pt_abbreviate(&a.t) == pt_abbreviate(&b.t) && pt_abbreviate(&a.t) == pt_abbreviate(&c),
			   data, size, "abbreviated keys of \"%s\" differ across round trips", text1);

	/* GiST: the leaf's key, stored and read back, admits the value itself */
	{
		pt_gist_key k,
					u;
		size_t		n;
		uint8_t    *bytes;
		static const int strategies[] = {PT_GIST_OVERLAPS, PT_GIST_CONTAINS,
		PT_GIST_CONTAINED_BY, PT_GIST_EQUAL};
		int			i;

		pt_gist_key_of(&a.t, &k);
		n = pt_gist_key_size(&k);
		bytes = malloc(n);
		pt_gist_key_pack(&k, bytes);
		FUZZ_CHECK(pt_gist_is_key(bytes, n) && pt_gist_key_unpack(bytes, n, &u) &&
				   pt_gist_key_equal(&k, &u), data, size, "GiST key of \"%s\" does not round trip", text1);
		for (i = 0; i < 4; i++)
			FUZZ_CHECK(pt_gist_key_consistent(&u, strategies[i], &b.t), data, size,
					   "GiST key of \"%s\" excludes the value itself (strategy %d)", text1,
					   strategies[i]);
		FUZZ_CHECK(!pt_gist_is_key(packed, packed_size), data, size,
				   "packed value of \"%s\" looks like a GiST key", text1);
		free(bytes);
	}

	/* reflexivity */
	FUZZ_CHECK(pt_compare(&a.t, &a.t) == 0 && pt_equal(&a.t, &a.t), data, size,
			   "\"%s\" is not equal to itself", text1);
	if (a.t.kind != PT_KIND_LABEL)
	{
		FUZZ_CHECK(pt_contains(&a.t, &a.t) && pt_contains(&a.t, &b.t) && pt_contains(&b.t, &a.t),
				   data, size, "\"%s\" does not contain itself", text1);
		FUZZ_CHECK(pt_overlaps(&a.t, &a.t) && pt_overlaps(&a.t, &c), data, size,
				   "\"%s\" does not overlap itself", text1);
	}
	if (a.t.kind == PT_KIND_QUANTITY)
	{
		FUZZ_CHECK(a.t.lower.infinite || a.t.upper.infinite ||
				   pt_decimal_cmp(&a.t.lower.value, &a.t.upper.value) <= 0, data, size,
				   "lower bound above upper bound in \"%s\"", text1);
		check_quantity(data, size, &a.t, text1);
	}
	if (a.t.kind == PT_KIND_DATE)
	{
		FUZZ_CHECK(a.t.lower.infinite || pt_contains_day(&a.t, a.t.lower.day), data, size,
				   "\"%s\" does not contain its first day", text1);
		FUZZ_CHECK(a.t.upper.infinite || pt_contains_day(&a.t, a.t.upper.day), data, size,
				   "\"%s\" does not contain its last day", text1);
	}

	/* accessors must not crash */
	{
		char		buf[256];

		pt_format_unit(&a.t, buf, sizeof(buf));
		pt_format_dimension(&a.t, buf, sizeof(buf));
		pt_format_dimension(&a.t, buf, 3);
	}

	free(repacked);
	free(text3);
	free(packed);
	free(text2);
	free(text1);
	free(b.scratch);
	free(a.scratch);
	return 0;
}
