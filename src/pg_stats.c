/*
 * pg_stats.c — statistics for the planner.
 *
 * @>, <@ and && are estimated by matchingsel, which evaluates the operator
 * on the column's most common values and histogram entries.  Containment
 * queries often select well under 1% of a table, finer than a 100-bucket
 * histogram can resolve, so ptarget columns default to ten times the
 * statistics target (a column's own SET STATISTICS still wins).
 */
#include "pg_ptarget.h"

#include "commands/vacuum.h"

#define PTARGET_STATS_MULTIPLIER 10

PG_FUNCTION_INFO_V1(ptarget_typanalyze);
Datum
ptarget_typanalyze(PG_FUNCTION_ARGS)
{
	VacAttrStats *stats = (VacAttrStats *) PG_GETARG_POINTER(0);

	if (stats->attr->attstattarget < 0)
		stats->attr->attstattarget = Min(default_statistics_target * PTARGET_STATS_MULTIPLIER, 10000);
	PG_RETURN_BOOL(std_typanalyze(stats));
}
