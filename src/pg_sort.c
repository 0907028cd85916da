/*
 * pg_sort.c — sort support for ptarget: ORDER BY, btree index builds and
 * the GiST sorted build.  Abbreviated keys (pt_abbreviate) let most
 * comparisons of a sort skip reading the values at all.
 */
#include "pg_ptarget.h"

#include "utils/sortsupport.h"

/*
 * The packed values compare in place (pt_packed_compare): kind and dimension
 * from their first bytes, bounds read where they decide.  Bytes that do not
 * read are reported by the full unpack.
 */
static int
ptarget_fastcmp(Datum a, Datum b, SortSupport ssup)
{
	struct varlena *va = pg_ptarget_packed(a),
			   *vb = pg_ptarget_packed(b);
	bool		valid;
	int			c;

	/* two equal values stored short (a sort compares many): the same bytes, header and all */
	if (VARATT_IS_SHORT(va) && VARSIZE_SHORT(va) == VARSIZE_ANY(vb) && VARATT_IS_SHORT(vb) &&
		memcmp(va, vb, VARSIZE_SHORT(va)) == 0 && VARSIZE_SHORT(va) > VARHDRSZ_SHORT + 1 &&
		((const uint8_t *) va)[1] == PT_FORMAT_VERSION)
		return 0;
	c = pt_packed_compare((const uint8_t *) VARDATA_ANY(va), VARSIZE_ANY_EXHDR(va),
									  (const uint8_t *) VARDATA_ANY(vb), VARSIZE_ANY_EXHDR(vb), &valid);

	if (!valid)
	{
		pt_target	ta,
					tb;

		pg_ptarget_unpack(a, &ta);
		pg_ptarget_unpack(b, &tb);
		return pt_compare(&ta, &tb);
	}
	return c;
}

static Datum
ptarget_abbrev_convert(Datum original, SortSupport ssup)
{
	struct varlena *v = pg_ptarget_packed(original);
	bool		valid;
	uint64_t	key = pt_packed_abbreviate((const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), &valid);

	if (!valid)
	{
		pt_target	t;

		pg_ptarget_unpack(original, &t);
		key = pt_abbreviate(&t);
	}
	return UInt64GetDatum(key);
}

/* The abbreviation is cheap and order-preserving: never give it up. */
static bool
ptarget_abbrev_abort(int memtupcount, SortSupport ssup)
{
	return false;
}

PG_FUNCTION_INFO_V1(ptarget_sortsupport);
Datum
ptarget_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = ptarget_fastcmp;
#if SIZEOF_DATUM >= 8
	if (ssup->abbreviate)
	{
		ssup->abbrev_converter = ptarget_abbrev_convert;
		ssup->abbrev_abort = ptarget_abbrev_abort;
		ssup->abbrev_full_comparator = ptarget_fastcmp;
		ssup->comparator = ssup_datum_unsigned_cmp;
	}
#endif
	PG_RETURN_VOID();
}
