/*
 * core_bench.c — the plain-C core alone, per value: what the server's text
 * input, text output, sort comparison and @> filter cost without the server.
 *
 *   core_bench OPERATION FILE [REPS]
 *
 * FILE holds one target per line (test/bench/core.sh writes the benchmark's
 * generated targets).  OPERATION is one of
 *   parse     pt_parse + pt_packed_size + pt_pack (what ptarget_in does)
 *   format    pt_unpack + pt_format of the packed values (ptarget_out)
 *   abbreviate the abbreviated key of every packed value (what a sort does first)
 *   compare   two neighbouring packed values compared (a sort comparison)
 *   contains  the @> filter of the benchmark: a fixed probe ≥P% (the value
 *             whose containment about 1 % of the rows satisfy) against every
 *             packed value, as the operator's C function does it
 *   extract   ptarget_extract over every line
 *   none      reads the file and packs it, nothing measured (callgrind baseline)
 * and prints the time per value.  Instructions per value are what
 * `valgrind --tool=callgrind` counts for the whole run minus the run of the
 * same file with `none`, divided by values × REPS (core.sh does that).
 * Built -O2 like the server module: make test/bench/core_bench.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ptarget_core.h"

typedef struct value
{
	const char *text;
	size_t		len;
	uint8_t    *packed;
	size_t		packed_len;
} value;

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static value *
load(const char *path, size_t *count)
{
	FILE	   *f = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0,
				n = 0,
				room = 1024;
	ssize_t		len;
	value	   *v = malloc(room * sizeof(value));
	char	   *scratch = malloc(1 << 16);

	if (f == NULL)
	{
		perror(path);
		exit(2);
	}
	while ((len = getline(&line, &cap, f)) >= 0)
	{
		pt_target	t;
		pt_error	err;

		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (len == 0 || (size_t) len > 4096)
			continue;
		if (n == room)
			v = realloc(v, (room *= 2) * sizeof(value));
		v[n].text = strndup(line, (size_t) len);
		v[n].len = (size_t) len;
		if (pt_parse(v[n].text, v[n].len, &t, scratch, &err) != PT_OK)
		{
			fprintf(stderr, "%s: %s\n", v[n].text, err.message);
			continue;
		}
		v[n].packed_len = pt_packed_size(&t);
		v[n].packed = malloc(v[n].packed_len);
		pt_pack(&t, v[n].packed);
		n++;
	}
	fclose(f);
	free(line);
	free(scratch);
	*count = n;
	return v;
}

static int
decimal_qsort_cmp(const void *a, const void *b)
{
	return pt_decimal_cmp(a, b);
}

/* The benchmark's probe: ≥P% that about 1 % of the rows contain. */
static void
make_probe(const value *v, size_t n, char *text, size_t cap)
{
	pt_decimal *lo = malloc(n * sizeof(pt_decimal));
	size_t		m = 0,
				i;
	char		digits[PT_DECIMAL_TEXT_MAX];
	pt_decimal	fallback = {95, 0};

	for (i = 0; i < n; i++)
	{
		pt_target	t;

		if (pt_unpack(v[i].packed, v[i].packed_len, &t) && t.kind == PT_KIND_QUANTITY &&
			t.unit_key_len == 1 && t.unit_key[0] == '%' && (t.op == PT_OP_GE || t.op == PT_OP_GT))
			lo[m++] = t.lower.value;
	}
	qsort(lo, m, sizeof(pt_decimal), decimal_qsort_cmp);
	pt_decimal_format(m > 0 ? &lo[m < n / 100 ? m - 1 : (n / 100 > 0 ? n / 100 - 1 : 0)] : &fallback, 0, digits);
	snprintf(text, cap, "≥%s%%", digits);
	free(lo);
}

int
main(int argc, char **argv)
{
	size_t		n,
				i;
	int			reps,
				r;
	value	   *v;
	char	   *scratch = malloc(1 << 16);
	char		out[1 << 14];
	uint8_t		packed[1 << 14];
	double		t0,
				t1;
	long		sink = 0;
	const char *op;

	if (argc < 3)
	{
		fprintf(stderr, "usage: core_bench parse|format|compare|contains|extract|none FILE [REPS]\n");
		return 2;
	}
	op = argv[1];
	reps = argc > 3 ? atoi(argv[3]) : 5;
	v = load(argv[2], &n);
	t0 = now_ns();
	if (strcmp(op, "parse") == 0)
	{
		for (r = 0; r < reps; r++)
			for (i = 0; i < n; i++)
			{
				pt_target	t;
				pt_error	err;

				if (pt_parse(v[i].text, v[i].len, &t, scratch, &err) == PT_OK)
				{
					sink += (long) pt_packed_size(&t);
					pt_pack(&t, packed);
				}
			}
	}
	else if (strcmp(op, "format") == 0)
	{
		for (r = 0; r < reps; r++)
			for (i = 0; i < n; i++)
			{
				pt_target	t;

				if (pt_unpack(v[i].packed, v[i].packed_len, &t))
					sink += (long) pt_format(&t, out, sizeof(out));
			}
	}
	else if (strcmp(op, "abbreviate") == 0)
	{
		/* what a sort does to every value first (sort support's abbreviated key) */
		for (r = 0; r < reps; r++)
			for (i = 0; i < n; i++)
			{
#ifdef PT_PACKED_COMPARE
				bool		valid;

				sink += (long) (pt_packed_abbreviate(v[i].packed, v[i].packed_len, &valid) >> 40);
#else
				pt_target	t;

				pt_unpack(v[i].packed, v[i].packed_len, &t);
				sink += (long) (pt_abbreviate(&t) >> 40);
#endif
			}
	}
	else if (strcmp(op, "compare") == 0)
	{
		for (r = 0; r < reps; r++)
			for (i = 1; i < n; i++)
			{
#ifdef PT_PACKED_COMPARE
				bool		valid;

				sink += pt_packed_compare(v[i - 1].packed, v[i - 1].packed_len,
										  v[i].packed, v[i].packed_len, &valid);
#else
				pt_target	a,
							b;

				pt_unpack(v[i - 1].packed, v[i - 1].packed_len, &a);
				pt_unpack(v[i].packed, v[i].packed_len, &b);
				sink += pt_compare(&a, &b);
#endif
			}
	}
	else if (strcmp(op, "contains") == 0)
	{
		char		probe_text[64];
		pt_target	probe;
		pt_error	err;
		uint8_t		probe_packed[256];
		size_t		probe_len;

		make_probe(v, n, probe_text, sizeof(probe_text));
		if (pt_parse(probe_text, strlen(probe_text), &probe, scratch, &err) != PT_OK)
			return 1;
		probe_len = pt_packed_size(&probe);
		pt_pack(&probe, probe_packed);
		t0 = now_ns();
#ifdef PT_PROBE_API
		{
			/* the operator prepares the constant once per query (fn_extra) */
			pt_probe	prepared;

			pt_probe_prepare(&prepared, &probe, PT_PROBE_CONTAINS);
			for (r = 0; r < reps; r++)
				for (i = 0; i < n; i++)
					sink += pt_probe_test(&prepared, v[i].packed, v[i].packed_len);
		}
#else
		/* the operator unpacks both arguments on every call */
		for (r = 0; r < reps; r++)
			for (i = 0; i < n; i++)
			{
				pt_target	a,
							b;

				pt_unpack(v[i].packed, v[i].packed_len, &a);
				pt_unpack(probe_packed, probe_len, &b);
				sink += pt_contains(&a, &b);
			}
#endif
		fprintf(stderr, "probe %s: %ld of %zu values\n", probe_text, sink / reps, n);
	}
#ifdef PT_EXTRACT_API
	else if (strcmp(op, "extract") == 0)
	{
		pt_extracted found[8];
		char	   *ex_scratch = malloc(pt_extract_scratch_size(4096, 8));

		for (r = 0; r < reps; r++)
			for (i = 0; i < n; i++)
				sink += (long) pt_extract(v[i].text, v[i].len, found, 8, ex_scratch);
		free(ex_scratch);
	}
#endif
	else if (strcmp(op, "none") == 0)
	{
		char		probe_text[64];

		make_probe(v, n, probe_text, sizeof(probe_text));	/* as contains does */
	}
	else
	{
		fprintf(stderr, "unknown operation %s\n", op);
		return 2;
	}
	t1 = now_ns();
	printf("%s: %zu values x %d: %.1f ns per value (%ld)\n", op, n, reps, (t1 - t0) / ((double) n * reps), sink);
	return 0;
}
