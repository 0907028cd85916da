/*
 * pg_gist.c — GiST operator class and sort support for ptarget.
 * The key logic lives in pt_gist.c; this file adapts it to the GiST API.
 */
#include "pg_ptarget.h"

#include "access/gist.h"
#include "access/stratnum.h"

#include "pt_gist.h"

/* A GiST entry as a key: an inner key, or the key of a leaf value. */
static void
entry_key(Datum datum, pt_gist_key *key)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(datum);
	const uint8_t *bytes = (const uint8_t *) VARDATA_ANY(v);
	size_t		len = VARSIZE_ANY_EXHDR(v);
	pt_target	t;

	if (pt_gist_is_key(bytes, len))
	{
		if (!pt_gist_key_unpack(bytes, len, key))
			ereport(ERROR,
					(errcode(ERRCODE_INDEX_CORRUPTED),
					 errmsg("ptarget GiST index key is corrupted"),
					 errhint("REINDEX the index.")));
		return;
	}
	pg_ptarget_unpack(datum, &t);
	pt_gist_key_of(&t, key);
}

static Datum
key_datum(const pt_gist_key *key)
{
	size_t		size = pt_gist_key_size(key);
	struct varlena *v = palloc(VARHDRSZ + size);

	SET_VARSIZE(v, VARHDRSZ + size);
	pt_gist_key_pack(key, (uint8_t *) VARDATA(v));
	return PointerGetDatum(v);
}

PG_FUNCTION_INFO_V1(ptarget_gist_consistent);
Datum
ptarget_gist_consistent(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	StrategyNumber strategy = (StrategyNumber) PG_GETARG_UINT16(2);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(4);
	pt_target	query;
	pt_gist_key key;

	PG_GETARG_PTARGET(1, &query);
	*recheck = false;
	if (GIST_LEAF(entry))
	{
		pt_target	v;

		pg_ptarget_unpack(entry->key, &v);
		switch (strategy)
		{
			case PT_GIST_CONTAINS:
				PG_RETURN_BOOL(pt_contains(&v, &query));
			case PT_GIST_CONTAINED_BY:
				PG_RETURN_BOOL(pt_contains(&query, &v));
			case PT_GIST_OVERLAPS:
				PG_RETURN_BOOL(pt_overlaps(&v, &query));
			case PT_GIST_EQUAL:
				PG_RETURN_BOOL(pt_compare(&v, &query) == 0);
			default:
				elog(ERROR, "unrecognized ptarget GiST strategy %d", strategy);
		}
	}
	entry_key(entry->key, &key);
	PG_RETURN_BOOL(pt_gist_key_consistent(&key, strategy, &query));
}

PG_FUNCTION_INFO_V1(ptarget_gist_union);
Datum
ptarget_gist_union(PG_FUNCTION_ARGS)
{
	GistEntryVector *entries = (GistEntryVector *) PG_GETARG_POINTER(0);
	int		   *size = (int *) PG_GETARG_POINTER(1);
	pt_gist_key acc,
				next;
	Datum		result;
	int			i;

	entry_key(entries->vector[0].key, &acc);
	for (i = 1; i < entries->n; i++)
	{
		entry_key(entries->vector[i].key, &next);
		pt_gist_key_union(&acc, &next);
	}
	result = key_datum(&acc);
	*size = VARSIZE(DatumGetPointer(result));
	PG_RETURN_DATUM(result);
}

PG_FUNCTION_INFO_V1(ptarget_gist_penalty);
Datum
ptarget_gist_penalty(PG_FUNCTION_ARGS)
{
	GISTENTRY  *orig = (GISTENTRY *) PG_GETARG_POINTER(0);
	GISTENTRY  *add = (GISTENTRY *) PG_GETARG_POINTER(1);
	float	   *penalty = (float *) PG_GETARG_POINTER(2);
	pt_gist_key orig_key,
				add_key;

	entry_key(orig->key, &orig_key);
	entry_key(add->key, &add_key);
	*penalty = (float) pt_gist_penalty(&orig_key, &add_key);
	PG_RETURN_POINTER(penalty);
}

PG_FUNCTION_INFO_V1(ptarget_gist_same);
Datum
ptarget_gist_same(PG_FUNCTION_ARGS)
{
	bool	   *result = (bool *) PG_GETARG_POINTER(2);
	pt_gist_key a,
				b;

	entry_key(PG_GETARG_DATUM(0), &a);
	entry_key(PG_GETARG_DATUM(1), &b);
	*result = pt_gist_key_equal(&a, &b);
	PG_RETURN_POINTER(result);
}

/* ---------------------------------------------------------------- picksplit */

typedef struct split_item
{
	OffsetNumber offset;
	pt_gist_key key;
} split_item;

static int
split_item_cmp(const void *a, const void *b)
{
	return pt_gist_key_cmp(&((const split_item *) a)->key, &((const split_item *) b)->key);
}

/*
 * Sorts the entries by (kind, dimension, bounds) and cuts the sorted run in
 * two — at a change of dimension when one lies near the middle, so that
 * pages hold one dimension each and searches skip the others.
 */
PG_FUNCTION_INFO_V1(ptarget_gist_picksplit);
Datum
ptarget_gist_picksplit(PG_FUNCTION_ARGS)
{
	GistEntryVector *entries = (GistEntryVector *) PG_GETARG_POINTER(0);
	GIST_SPLITVEC *v = (GIST_SPLITVEC *) PG_GETARG_POINTER(1);
	int			n = entries->n - 1;
	split_item *items = palloc(sizeof(split_item) * n);
	int			cut = n / 2;
	int			best = -1;
	int			i;
	pt_gist_key left,
				right;

	for (i = 0; i < n; i++)
	{
		items[i].offset = (OffsetNumber) (FirstOffsetNumber + i);
		entry_key(entries->vector[FirstOffsetNumber + i].key, &items[i].key);
	}
	qsort(items, n, sizeof(split_item), split_item_cmp);
	for (i = n / 4; i <= n - n / 4 && i < n; i++)
		if (i > 0 && !pt_gist_same_dimension(&items[i - 1].key, &items[i].key) &&
			(best < 0 || abs(i - n / 2) < abs(best - n / 2)))
			best = i;
	if (best > 0)
		cut = best;
	if (cut < 1)
		cut = 1;

	v->spl_left = palloc(sizeof(OffsetNumber) * n);
	v->spl_right = palloc(sizeof(OffsetNumber) * n);
	v->spl_nleft = v->spl_nright = 0;
	left = items[0].key;
	right = items[cut].key;
	for (i = 0; i < n; i++)
	{
		if (i < cut)
		{
			v->spl_left[v->spl_nleft++] = items[i].offset;
			pt_gist_key_union(&left, &items[i].key);
		}
		else
		{
			v->spl_right[v->spl_nright++] = items[i].offset;
			pt_gist_key_union(&right, &items[i].key);
		}
	}
	v->spl_ldatum = key_datum(&left);
	v->spl_rdatum = key_datum(&right);
	PG_RETURN_POINTER(v);
}
