/*
 * pg_gist.c — GiST operator class and sort support for ptarget.
 * The key logic lives in pt_gist.c; this file adapts it to the GiST API.
 */
#include "pg_ptarget.h"

#include "access/gist.h"
#include "access/stratnum.h"
#include "utils/sortsupport.h"

#include "pt_gist.h"

static void
report_corrupted_key(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INDEX_CORRUPTED),
			 errmsg("ptarget GiST index key is corrupted"),
			 errhint("REINDEX the index.")));
}

/*
 * A leaf entry that is a bounded label key (see pt_gist.h), validated; false
 * when the leaf is a value.
 */
static bool
leaf_label_key(Datum datum, const uint8_t **bytes, size_t *len)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(datum);

	*bytes = (const uint8_t *) VARDATA_ANY(v);
	*len = VARSIZE_ANY_EXHDR(v);
	if (!pt_gist_is_label_key(*bytes, *len))
		return false;
	if (!pt_gist_label_key_valid(*bytes, *len))
		report_corrupted_key();
	return true;
}

/* A GiST entry as a key: an inner key, or the key of a leaf. */
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
			report_corrupted_key();
		return;
	}
	if (leaf_label_key(datum, &bytes, &len))
	{
		pt_gist_label_key_summary(key);
		return;
	}
	pg_ptarget_unpack(datum, &t);
	pt_gist_key_of(&t, key);
}

/*
 * Leaves are the values themselves, except labels too long for an index page,
 * which become bounded label keys (1.1; 1.0's operator class has no compress
 * function and stores every value whole).
 */
PG_FUNCTION_INFO_V1(ptarget_gist_compress);
Datum
ptarget_gist_compress(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	struct varlena *v;
	pt_target	t;
	GISTENTRY  *bounded;
	struct varlena *key;

	if (!entry->leafkey)
		PG_RETURN_POINTER(entry);
	v = PG_DETOAST_DATUM_PACKED(entry->key);
	pg_ptarget_unpack(PointerGetDatum(v), &t);
	if (!pt_gist_needs_label_key(&t, VARSIZE_ANY_EXHDR(v)))
		PG_RETURN_POINTER(entry);

	key = palloc(VARHDRSZ + PT_GIST_LABEL_KEY_MAX);
	SET_VARSIZE(key, VARHDRSZ + pt_gist_label_key_pack(&t, (uint8_t *) VARDATA(key)));
	bounded = palloc(sizeof(GISTENTRY));
	gistentryinit(*bounded, PointerGetDatum(key), entry->rel, entry->page, entry->offset, false);
	PG_RETURN_POINTER(bounded);
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
		const uint8_t *bytes;
		size_t		len;

		if (leaf_label_key(entry->key, &bytes, &len))
		{
			*recheck = true;
			PG_RETURN_BOOL(pt_gist_label_key_consistent(bytes, len, &query));
		}
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

/* ---------------------------------------------------------------- sorted build */

/*
 * The GiST sorted build sorts leaves after compress, so bounded label keys
 * are sorted too: one is ordered as the label its prefix spells (the order
 * only groups entries into pages; it does not decide any answer).
 */
static void
leaf_target(Datum datum, pt_target *t)
{
	const uint8_t *bytes;
	size_t		len;

	if (!leaf_label_key(datum, &bytes, &len))
	{
		pg_ptarget_unpack(datum, t);
		return;
	}
	memset(t, 0, sizeof(*t));
	t->kind = PT_KIND_LABEL;
	t->label = (const char *) bytes + 5;
	t->label_len = len - 5;
}

static int
leaf_fastcmp(Datum a, Datum b, SortSupport ssup)
{
	pt_target	ta,
				tb;
	const uint8_t *bytes;
	size_t		len;

	/* two values (no label keys): compared in their packed form */
	if (!leaf_label_key(a, &bytes, &len) && !leaf_label_key(b, &bytes, &len))
	{
		struct varlena *va = pg_ptarget_packed(a),
				   *vb = pg_ptarget_packed(b);
		bool		valid;
		int			c = pt_packed_compare((const uint8_t *) VARDATA_ANY(va), VARSIZE_ANY_EXHDR(va),
										  (const uint8_t *) VARDATA_ANY(vb), VARSIZE_ANY_EXHDR(vb), &valid);

		if (valid)
			return c;
	}
	leaf_target(a, &ta);
	leaf_target(b, &tb);
	return pt_compare(&ta, &tb);
}

static Datum
leaf_abbrev_convert(Datum original, SortSupport ssup)
{
	pt_target	t;
	const uint8_t *bytes;
	size_t		len;

	if (!leaf_label_key(original, &bytes, &len))
	{
		struct varlena *v = pg_ptarget_packed(original);
		bool		valid;
		uint64_t	key = pt_packed_abbreviate((const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), &valid);

		if (valid)
			return UInt64GetDatum(key);
	}
	leaf_target(original, &t);
	return UInt64GetDatum(pt_abbreviate(&t));
}

static bool
leaf_abbrev_abort(int memtupcount, SortSupport ssup)
{
	return false;
}

PG_FUNCTION_INFO_V1(ptarget_gist_sortsupport);
Datum
ptarget_gist_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = leaf_fastcmp;
#if SIZEOF_DATUM >= 8
	if (ssup->abbreviate)
	{
		ssup->abbrev_converter = leaf_abbrev_convert;
		ssup->abbrev_abort = leaf_abbrev_abort;
		ssup->abbrev_full_comparator = leaf_fastcmp;
		ssup->comparator = ssup_datum_unsigned_cmp;
	}
#endif
	PG_RETURN_VOID();
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
