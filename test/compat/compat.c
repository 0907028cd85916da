/*
 * compat.c — every text read by 1.0's core and by this core, side by side
 * (test/compat/run.sh builds 1.0's core from the project's history with its
 * symbols renamed old_*).  For each input line:
 *
 *   - a value 1.0 read (quantity or date) must read as the same packed bytes
 *     and hash key now;
 *   - a value 1.0 stored (any kind, labels too) must print the same text and
 *     hash the same when this core reads 1.0's packed bytes;
 *   - a 1.0 label without digits (printed without quotes) must still read as
 *     that label, so that it reads back;
 *   - everything this core reads as a value must print and read back as the
 *     same bytes and text.
 *
 * A 1.0 label with digits that now reads as a value is a change of meaning
 * for new input (stored values keep their bytes): listed as LABEL lines.
 * Usage: compat [-v] < lines.  Exit 1 on any FATAL line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ptarget_core.h"

/* 1.0's pt_target and pt_error are opaque here: their layout is 1.0's */
typedef struct opaque
{
	_Alignas(16) unsigned char b[1024];
} opaque;

int			old_pt_parse(const char *text, size_t len, void *out, char *scratch, void *err);
size_t		old_pt_packed_size(const void *t);
void		old_pt_pack(const void *t, uint8_t *dst);
size_t		old_pt_format(const void *t, char *buf, size_t cap);
size_t		old_pt_hash_key(const void *t, uint8_t *buf, const uint8_t **key);

static int
has_digit(const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if ((s[i] >= '0' && s[i] <= '9') ||
			(i + 2 < n && (unsigned char) s[i] == 0xEF && (unsigned char) s[i + 1] == 0xBC &&
			 (unsigned char) s[i + 2] >= 0x90 && (unsigned char) s[i + 2] <= 0x99))
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	long		total = 0,
				same = 0,
				label_changed = 0,
				err_to_value = 0,
				fatal = 0,
				still_err = 0;
	int			verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
	char	   *os = malloc(1 << 18),
			   *ns = malloc(1 << 18),
			   *rs = malloc(1 << 18);
	static uint8_t op[1 << 14],
				np[1 << 14],
				rp[1 << 14];
	static char of[1 << 14],
				nf[1 << 14],
				uf[1 << 14],
				rf[1 << 14];

	while ((n = getline(&line, &cap, stdin)) >= 0)
	{
		opaque		ot,
					oerr;
		pt_target	nt,
					ut,
					rt;
		pt_error	nerr,
					rerr;
		int			ost,
					nst,
					okind;
		size_t		olen = 0,
					nlen = 0;

		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if ((size_t) n > 2000)
			continue;
		total++;
		ost = old_pt_parse(line, (size_t) n, &ot, os, &oerr);
		nst = pt_parse(line, (size_t) n, &nt, ns, &nerr);
		if (ost == 0)
		{
			olen = old_pt_packed_size(&ot);
			old_pt_pack(&ot, op);
			old_pt_format(&ot, of, sizeof(of));
		}
		if (nst == 0)
		{
			nlen = pt_packed_size(&nt);
			pt_pack(&nt, np);
			pt_format(&nt, nf, sizeof(nf));
			/* what this core reads prints and reads back the same */
			if (pt_parse(nf, strlen(nf), &rt, rs, &rerr) != PT_OK)
			{
				printf("FATAL reread\t%s\t%s\t%s\n", line, nf, rerr.message);
				fatal++;
			}
			else
			{
				size_t		rl = pt_packed_size(&rt);

				pt_pack(&rt, rp);
				pt_format(&rt, rf, sizeof(rf));
				if (rl != nlen || memcmp(rp, np, rl) != 0 || strcmp(rf, nf) != 0)
				{
					printf("FATAL roundtrip\t%s\t%s\t%s\n", line, nf, rf);
					fatal++;
				}
			}
		}
		okind = ost == 0 ? *(int *) ot.b : 0;	/* pt_kind is the first field */
		if (ost == 0)
		{
			/* the value 1.0 stored: read by this core, printed and hashed as 1.0 did */
			uint8_t		okey[PT_HASH_KEY_MAX + 64],
						ukey[PT_HASH_KEY_MAX + 64];
			const uint8_t *okp,
					   *ukp;
			size_t		okl,
						ukl;

			if (!pt_unpack(op, olen, &ut))
			{
				printf("FATAL unpack\t%s\n", line);
				fatal++;
				continue;
			}
			pt_format(&ut, uf, sizeof(uf));
			if (strcmp(uf, of) != 0)
			{
				printf("FATAL format\t%s\t%s\t%s\n", line, of, uf);
				fatal++;
			}
			okl = old_pt_hash_key(&ot, okey, &okp);
			ukl = pt_hash_key(&ut, ukey, &ukp);
			if (okl != ukl || memcmp(okp, ukp, okl) != 0)
			{
				printf("FATAL hash\t%s\n", line);
				fatal++;
			}
		}
		if (ost == 0 && okind != PT_KIND_LABEL)
		{
			if (nst != 0 || nlen != olen || memcmp(op, np, olen) != 0)
			{
				printf("FATAL value\t%s\t%s\t%s\n", line, of, nst == 0 ? nf : nerr.message);
				fatal++;
			}
			else
				same++;
		}
		else if (ost == 0)
		{
			if (nst == 0 && nlen == olen && memcmp(op, np, olen) == 0)
				same++;
			else if (!has_digit(line, (size_t) n))
			{
				printf("FATAL digitless-label\t%s\t%s\n", line, nst == 0 ? nf : nerr.message);
				fatal++;
			}
			else
			{
				printf("LABEL\t%s\t%s\n", line, nst == 0 ? nf : nerr.message);
				label_changed++;
			}
		}
		else if (nst == 0)
		{
			err_to_value++;
			if (verbose)
				printf("NEW\t%s\t%s\n", line, nf);
		}
		else
		{
			still_err++;
			if (verbose)
				printf("ERR\t%s\t%s\n", line, nerr.message);
		}
	}
	fprintf(stderr, "%ld lines: %ld read as by 1.0, %ld 1.0 labels now values, %ld 1.0 errors now values, "
			"%ld errors, %ld FATAL\n", total, same, label_changed, err_to_value, still_err, fatal);
	free(line);
	free(os);
	free(ns);
	free(rs);
	return fatal ? 1 : 0;
}
