/*
 * test/scaleout/hash_core.c — the hashes a release's plain-C core computes,
 * without a server: for each line of stdin (a target as written) prints
 *
 *   canonical text <TAB> ptarget_hash <TAB> ptarget_hash_extended(seed 0)
 *                  <TAB> ptarget_hash_extended(seed of hash partitioning)
 *
 * or "ERROR" when the core does not parse the line.  The glue of every
 * release hashes pt_hash_key()'s bytes with PostgreSQL's hash_any_extended
 * (hash_bytes_extended, linked from libpgcommon), ptarget_hash being the low
 * 32 bits of the seed-0 hash; this program does the same.  Compiled against
 * the core of the release to check (test/scaleout.sh builds it against 1.0's
 * src/, taken from git), it says what that release's servers compute.
 */
#include "postgres_fe.h"

#include "common/hashfn.h"

#include "ptarget_core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PostgreSQL's seed for hash partitioning (HASH_PARTITION_SEED, partbounds.c) */
#define PARTITION_SEED UINT64CONST(0x7A5B22367996DCFD)

int
main(void)
{
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;

	while ((n = getline(&line, &cap, stdin)) >= 0)
	{
		pt_target	t;
		pt_error	err;
		char	   *scratch;
		char	   *canonical;
		uint8_t		buf[PT_HASH_KEY_MAX];
		const uint8_t *key;
		size_t		len;
		uint64		h0,
					hp;

		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		scratch = malloc(pt_parse_scratch_size((size_t) n));
		if (pt_parse(line, (size_t) n, &t, scratch, &err) != PT_OK)
		{
			printf("ERROR\n");
			free(scratch);
			continue;
		}
		canonical = malloc(pt_format_size(&t) + 1);
		pt_format(&t, canonical, pt_format_size(&t) + 1);
		len = pt_hash_key(&t, buf, &key);
		h0 = hash_bytes_extended(key, (int) len, 0);
		hp = hash_bytes_extended(key, (int) len, PARTITION_SEED);
		printf("%s\t%d\t%lld\t%lld\n", canonical, (int32) (uint32) h0, (long long) (int64) h0,
			   (long long) (int64) hp);
		free(canonical);
		free(scratch);
	}
	free(line);
	return 0;
}
