/*
 * pg_extract.c — targets from text that is more than a target:
 * ptarget_extract(text) (every constraint a sentence states, pt_extract.c)
 * and ptarget_parse(text, year, unit) (a value read with what its document
 * says, pt_parse_context).
 */
#include "pg_ptarget.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

/* results asked for first; a sentence with more is read again with room for all */
#define EXTRACT_FIRST 8

PG_FUNCTION_INFO_V1(ptarget_extract);
Datum
ptarget_extract(PG_FUNCTION_ARGS)
{
	text	   *arg = PG_GETARG_TEXT_PP(0);
	size_t		len;
	char	   *utf8 = pg_ptarget_utf8(arg, &len);
	size_t		max = EXTRACT_FIRST,
				count,
				i;
	pt_extracted *found = palloc(max * sizeof(pt_extracted));
	char	   *scratch = palloc(pt_extract_scratch_size(len, max));
	Datum	   *items;
	Oid			array_type = get_fn_expr_rettype(fcinfo->flinfo);
	Oid			element_type = OidIsValid(array_type) ? get_element_type(array_type) : InvalidOid;

	if (!OidIsValid(element_type))
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("ptarget_extract must be called through its SQL declaration")));
	count = pt_extract(utf8, len, found, max, scratch);
	if (count > max)
	{
		max = count;
		found = repalloc(found, max * sizeof(pt_extracted));
		scratch = repalloc(scratch, pt_extract_scratch_size(len, max));
		count = pt_extract(utf8, len, found, max, scratch);
	}
	items = palloc((count > 0 ? count : 1) * sizeof(Datum));
	for (i = 0; i < count; i++)
		items[i] = pg_ptarget_datum(&found[i].target);
	PG_RETURN_ARRAYTYPE_P(construct_array(items, (int) count, element_type, -1, false, TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(ptarget_parse_context);
Datum
ptarget_parse_context(PG_FUNCTION_ARGS)
{
	text	   *arg;
	size_t		len;
	char	   *utf8;
	pt_context	ctx = {0, NULL, 0};
	pt_target	t;
	pt_error	err;
	unsigned	applied;
	char	   *scratch;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	arg = PG_GETARG_TEXT_PP(0);
	utf8 = pg_ptarget_utf8(arg, &len);
	if (!PG_ARGISNULL(1))
	{
		int32		year = PG_GETARG_INT32(1);

		if (year < 1000 || year > 9999)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("year %d is out of range for ptarget_parse", year),
					 errhint("Give the year of the document, from 1000 to 9999, or NULL for none.")));
		ctx.year = year;
	}
	if (!PG_ARGISNULL(2))
		ctx.unit = pg_ptarget_utf8(PG_GETARG_TEXT_PP(2), &ctx.unit_len);
	scratch = palloc(pt_parse_context_scratch_size(len, &ctx));
	if (pt_parse_context(utf8, len, &ctx, &t, scratch, &err, &applied) != PT_OK)
	{
		if (err.status == PT_ERR_INVALID)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot use unit %s as the context of ptarget_parse",
							pg_ptarget_quote_utf8(ctx.unit != NULL ? ctx.unit : "", ctx.unit_len)),
					 errdetail("%s", pg_ptarget_message_text(err.message)),
					 errhint("%s", pg_ptarget_message_text(err.hint))));
		pg_ptarget_report(&err, text_to_cstring(arg), NULL);
	}
	PG_RETURN_DATUM(pg_ptarget_datum(&t));
}
