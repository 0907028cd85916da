/*
 * fuzz_unpack.c — libFuzzer target: arbitrary bytes as a stored (packed)
 * value, i.e. what a damaged page or a hostile extension could hand to the
 * glue.  pt_unpack must reject or accept without reading out of bounds; an
 * accepted value must survive every reader: pt_format (within
 * pt_format_size), pt_compare, pt_contains, pt_overlaps, pt_hash_key, the
 * accessors, and a re-parse of its text.  pt_unpack accepts only canonical
 * bytes, so pack(unpack(x)) == x.
 *
 * With -DPACK_SEEDS this file instead builds a tool that reads target texts
 * (files named on the command line) and writes their packed forms into a
 * directory: the seed corpus of this target (see run.sh).
 *
 * pt_probe_test (the filters on packed values) reads any bytes without going
 * out of bounds; it answers -1 only for bytes pt_unpack refuses, and for bytes
 * pt_unpack accepts it answers as the relations on the unpacked value do.  So
 * do the sorts' readers of packed values (pt_packed_compare, the abbreviated
 * keys, and their grouped forms for GiST builds): any bytes, in bounds; on
 * bytes pt_unpack accepts, the order of the unpacked values.
 *
 * Bytes starting with PT_GIST_KEY_MARK are read as a stored inner GiST key
 * instead (pt_gist_key_unpack); an accepted key must survive pack, union,
 * consistency checks against fixed queries, penalty and order.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "pt_gist.h"

#ifndef PACK_SEEDS

/* Queries of every kind, parsed once. */
static pt_target queries[8];
static int	n_queries;

static void
load_queries(void)
{
	static const char *const texts[] = {"≥95%", "≤50万元", "5~10个", "2025年全年", "≤2025年9月30日",
	"普遍满意", "<-0.000001秒", "≥1000000000000000000000000000万亿PB"};
	static char scratch[8][256];
	size_t		i;
	pt_error	err;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (pt_parse(texts[i], strlen(texts[i]), &queries[n_queries], scratch[n_queries], &err) == PT_OK)
			n_queries++;
}

static void
gist_key_input(const uint8_t *data, size_t size, const uint8_t *copy)
{
	pt_gist_key k,
				again,
				acc;
	uint8_t    *bytes;
	size_t		n;
	int			i,
				st;

	if (!pt_gist_key_unpack(copy, size, &k))
		return;
	n = pt_gist_key_size(&k);
	FUZZ_CHECK(n == size, data, size, "GiST key size %zu for %zu bytes", n, size);
	bytes = malloc(n);
	pt_gist_key_pack(&k, bytes);
	FUZZ_CHECK(pt_gist_key_unpack(bytes, n, &again), data, size, "repacked GiST key rejected");
	pt_gist_key_equal(&k, &again);
	pt_gist_key_cmp(&k, &again);
	for (i = 0; i < n_queries; i++)
	{
		pt_gist_key qk;

		for (st = 0; st < 20; st++)
			pt_gist_key_consistent(&k, st, &queries[i]);
		pt_gist_key_of(&queries[i], &qk);
		pt_gist_penalty(&k, &qk);
		pt_gist_penalty(&qk, &k);
		pt_gist_key_cmp(&k, &qk);
		pt_gist_same_dimension(&k, &qk);
		acc = qk;
		pt_gist_key_union(&acc, &k);
		acc = k;
		pt_gist_key_union(&acc, &qk);
	}
	free(bytes);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t    *copy;
	pt_target	t;
	char	   *text;
	size_t		len;
	uint8_t		kbuf[PT_HASH_KEY_MAX];
	const uint8_t *key;
	size_t		klen;
	pt_decimal	m;
	bool		comparable;
	char		buf[512];

	if (size > 4096)
		return 0;
	/* an exact-size copy, so ASan catches any read past the end */
	copy = malloc(size > 0 ? size : 1);
	memcpy(copy, data, size);
	if (n_queries == 0)
		load_queries();
	if (pt_gist_is_key(copy, size))
	{
		/* known: GiST keys accept any coefficient, exponent and day (UB in readers) */
		if (!fuzz_known("gist-keys"))
			gist_key_input(data, size, copy);
		free(copy);
		return 0;
	}
	{
		/* the filters on packed values, against every query and operation */
		bool		valid = pt_unpack(copy, size, &t);
		int			q,
					k;

		for (q = 0; q < n_queries; q++)
			for (k = 0; k < 4; k++)
			{
				pt_probe	probe;
				int			got;

				pt_probe_prepare(&probe, &queries[q], (pt_probe_op) k);
				got = pt_probe_test(&probe, copy, size);
				FUZZ_CHECK(got == 0 || got == 1 || (got == -1 && !valid), data, size,
						   "pt_probe_test says %d (pt_unpack %s)", got, valid ? "accepts" : "refuses");
				if (k == 0)
				{
					/* packed order against each query: as pt_compare, or the bytes do not read */
					uint8_t		qp[512];
					size_t		qn = pt_packed_size(&queries[q]);
					bool		ok;
					int			c;
					uint64_t	ab;

					pt_pack(&queries[q], qp);
					c = pt_packed_compare(copy, size, qp, qn, &ok);
					FUZZ_CHECK(!valid || (ok && (c > 0) == (pt_compare(&t, &queries[q]) > 0) &&
										  (c < 0) == (pt_compare(&t, &queries[q]) < 0)),
							   data, size, "pt_packed_compare %d (valid %d) disagrees with pt_compare", c, ok);
					ab = pt_packed_abbreviate(copy, size, &ok);
					FUZZ_CHECK(!valid || (ok && ab == pt_abbreviate(&t)), data, size,
							   "pt_packed_abbreviate disagrees with pt_abbreviate");
					/* the GiST build's order (grouped by shape), read in place the same way */
					c = pt_packed_compare_grouped(copy, size, qp, qn, &ok);
					FUZZ_CHECK(!valid || (ok && (c > 0) == (pt_compare_grouped(&t, &queries[q]) > 0) &&
										  (c < 0) == (pt_compare_grouped(&t, &queries[q]) < 0)),
							   data, size, "pt_packed_compare_grouped %d (valid %d) disagrees with pt_compare_grouped",
							   c, ok);
					ab = pt_packed_abbreviate_grouped(copy, size, &ok);
					FUZZ_CHECK(!valid || (ok && ab == pt_abbreviate_grouped(&t)), data, size,
							   "pt_packed_abbreviate_grouped disagrees with pt_abbreviate_grouped");
				}
				if (valid)
				{
					bool		want = k == PT_PROBE_CONTAINS ? pt_contains(&t, &queries[q]) :
						k == PT_PROBE_CONTAINED_BY ? pt_contains(&queries[q], &t) :
						k == PT_PROBE_OVERLAPS ? pt_overlaps(&t, &queries[q]) : pt_compare(&t, &queries[q]) == 0;

					FUZZ_CHECK(got == (want ? 1 : 0), data, size,
							   "pt_probe_test %d against query %d says %d, the relation %d", k, q, got, want);
				}
			}
	}
	if (!pt_unpack(copy, size, &t))
	{
		free(copy);
		return 0;
	}

	/* known: coefficients past 10^36 with 60 places overflow pt_decimal_format */
	if (t.kind == PT_KIND_QUANTITY && fuzz_known("format-overflow"))
	{
		pt_int128	lim = 1;
		int			i;

		for (i = 0; i < 36; i++)
			lim *= 10;
		if (t.lower.value.coef >= lim || -t.lower.value.coef >= lim ||
			t.upper.value.coef >= lim || -t.upper.value.coef >= lim)
		{
			free(copy);
			return 0;
		}
	}
	FUZZ_CHECK(pt_packed_size(&t) == size, data, size, "accepted with packed size %zu",
			   pt_packed_size(&t));
	{
		uint8_t    *repacked = malloc(size);

		pt_pack(&t, repacked);
		FUZZ_CHECK(memcmp(repacked, copy, size) == 0, data, size,
				   "pt_unpack accepted non-canonical bytes");
		free(repacked);
	}

	text = fuzz_format(&t, &len);
	FUZZ_CHECK(pt_compare(&t, &t) == 0, data, size, "not equal to itself");
	pt_contains(&t, &t);
	pt_overlaps(&t, &t);
	klen = pt_hash_key(&t, kbuf, &key);
	if (t.kind != PT_KIND_LABEL)
		FUZZ_CHECK(klen <= PT_HASH_KEY_MAX, data, size, "hash key of %zu bytes", klen);
	pt_format_unit(&t, buf, sizeof(buf));
	pt_format_dimension(&t, buf, sizeof(buf));
	pt_written_magnitude(&t, false, &m);
	pt_written_magnitude(&t, true, &m);
	m.coef = 5;
	m.exp = 0;
	pt_contains_number(&t, &m, &comparable);
	pt_contains_day(&t, 9000);
	pt_abbreviate(&t);
	{
		int			i;
		pt_gist_key k;

		for (i = 0; i < n_queries; i++)
		{
			pt_compare(&t, &queries[i]);
			pt_contains(&queries[i], &t);
			pt_overlaps(&t, &queries[i]);
		}
		pt_gist_key_of(&t, &k);
		for (i = 0; i < n_queries; i++)
			pt_gist_key_consistent(&k, PT_GIST_OVERLAPS, &queries[i]);
	}

	/* the text must re-parse without crashing (it need not be accepted) */
	{
		char	   *scratch = malloc(pt_parse_scratch_size(len));
		pt_target	u;
		pt_error	err;

		if (pt_parse(text, len, &u, scratch, &err) == PT_OK)
		{
			pt_compare(&t, &u);
			pt_compare(&u, &t);
			pt_contains(&t, &u);
			pt_overlaps(&u, &t);
		}
		free(scratch);
	}
	free(text);
	free(copy);
	return 0;
}

#else							/* PACK_SEEDS */

#include <stdio.h>

int
main(int argc, char **argv)
{
	int			i,
				written = 0;

	if (argc < 3)
	{
		fprintf(stderr, "usage: %s OUTDIR TEXTFILE...\n", argv[0]);
		return 2;
	}
	for (i = 2; i < argc; i++)
	{
		FILE	   *f = fopen(argv[i], "rb");
		char		text[4096];
		size_t		len;
		pt_target	t;
		pt_error	err;
		char	   *scratch;

		if (f == NULL)
			continue;
		len = fread(text, 1, sizeof(text), f);
		fclose(f);
		scratch = malloc(pt_parse_scratch_size(len));
		if (pt_parse(text, len, &t, scratch, &err) == PT_OK)
		{
			size_t		n = pt_packed_size(&t);
			uint8_t    *p = malloc(n);
			char		path[4096];
			const char *base = strrchr(argv[i], '/');

			pt_pack(&t, p);
			snprintf(path, sizeof(path), "%s/packed-%s", argv[1], base ? base + 1 : argv[i]);
			f = fopen(path, "wb");
			if (f != NULL)
			{
				fwrite(p, 1, n, f);
				fclose(f);
				written++;
			}
			free(p);
		}
		free(scratch);
	}
	printf("%d packed seeds\n", written);
	return 0;
}

#endif
