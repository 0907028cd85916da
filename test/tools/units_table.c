/*
 * units_table.c — prints the unit catalog (src/pt_units.c) as the Markdown
 * table in README.md, so the documentation never drifts from the code.
 */
#include <stdio.h>

#include "pt_units.h"

int
main(void)
{
	size_t		i;

	printf("| dimension | base unit | unit | = base units |\n|---|---|---|---|\n");
	for (i = 0; i < pt_unit_count(); i++)
	{
		const pt_unit *u = pt_unit_at(i);

		if (u->dimension == NULL)
			continue;
		printf("| %s | %s | %s | %lld × 10^%d |\n", u->dimension, u->base, u->spelling,
			   (long long) u->factor, u->exp10);
	}
	printf("\nKnown measure words (each its own dimension `count:<word>`; any other word of up to %d characters works the same way):",
		   PT_WORD_MAX_CHARS);
	for (i = 0; i < pt_unit_count(); i++)
		if (pt_unit_at(i)->dimension == NULL)
			printf(" %s", pt_unit_at(i)->spelling);
	printf("\n");
	return 0;
}
