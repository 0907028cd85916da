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
	struct varlena *v = pg_ptarget_packed(datum);
	const uint8_t *bytes = (const uint8_t *) VARDATA_ANY(v);
	size_t		len = VARSIZE_ANY_EXHDR(v);
	pt_target	t;

	if (pt_gist_is_key(bytes, len))
	{
		if (!pt_gist_key_unpack(bytes, len, key))
			report_corrupted_key();
		return;
	}
	if (pt_gist_is_label_key(bytes, len))
	{
		if (!pt_gist_label_key_valid(bytes, len))
			report_corrupted_key();
		pt_gist_label_key_summary(key);
		return;
	}
	/* a leaf value: only the fields of its set are read (pt_unpack_set) */
	if (!pt_unpack_set(bytes, len, &t))
		pg_ptarget_unpack(datum, &t);	/* reports the corruption */
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
	v = pg_ptarget_packed(entry->key);
	/* a value that fits is its own leaf: no need to read it */
	if (VARSIZE_ANY_EXHDR(v) <= PT_GIST_LEAF_MAX)
		PG_RETURN_POINTER(entry);
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

/*
 * The query of a scan, unpacked once (fn_extra) with a probe per strategy,
 * so that each leaf value is tested in its packed form (pt_probe_test).
 */
typedef struct consistent_cache
{
	Size		len;
	uint8	   *bytes;			/* the query's packed bytes (the probe points into them) */
	pt_target	query;
	int			strategy;
	pt_probe	probe;
} consistent_cache;

static consistent_cache *
consistent_query(FunctionCallInfo fcinfo, int strategy)
{
	consistent_cache *cache = (consistent_cache *) fcinfo->flinfo->fn_extra;
	struct varlena *v = pg_ptarget_packed(PG_GETARG_DATUM(1));

	/* the same query (a rescan may bring another one, even at the same address) */
	if (cache != NULL && cache->bytes != NULL && cache->strategy == strategy &&
		cache->len == VARSIZE_ANY_EXHDR(v) && memcmp(cache->bytes, VARDATA_ANY(v), cache->len) == 0)
		return cache;
	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(consistent_cache));
		fcinfo->flinfo->fn_extra = cache;
	}
	if (cache->bytes != NULL)
		pfree(cache->bytes);
	cache->len = VARSIZE_ANY_EXHDR(v);
	cache->bytes = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, Max(cache->len, 1));
	memcpy(cache->bytes, VARDATA_ANY(v), cache->len);
	if (!pt_unpack(cache->bytes, cache->len, &cache->query))
	{
		pfree(cache->bytes);
		cache->bytes = NULL;
		pg_ptarget_unpack(PG_GETARG_DATUM(1), &cache->query);	/* reports it */
	}
	cache->strategy = strategy;
	pt_probe_prepare(&cache->probe, &cache->query,
					 strategy == PT_GIST_CONTAINS ? PT_PROBE_CONTAINS :
					 strategy == PT_GIST_CONTAINED_BY ? PT_PROBE_CONTAINED_BY :
					 strategy == PT_GIST_OVERLAPS ? PT_PROBE_OVERLAPS : PT_PROBE_EQUAL);
	return cache;
}

PG_FUNCTION_INFO_V1(ptarget_gist_consistent);
Datum
ptarget_gist_consistent(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	StrategyNumber strategy = (StrategyNumber) PG_GETARG_UINT16(2);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(4);
	consistent_cache *cache;
	pt_gist_key key;

	if (strategy != PT_GIST_CONTAINS && strategy != PT_GIST_CONTAINED_BY && strategy != PT_GIST_OVERLAPS &&
		strategy != PT_GIST_EQUAL)
		elog(ERROR, "unrecognized ptarget GiST strategy %d", strategy);
	cache = consistent_query(fcinfo, strategy);
	*recheck = false;
	if (GIST_LEAF(entry))
	{
		struct varlena *v = pg_ptarget_packed(entry->key);
		const uint8_t *bytes = (const uint8_t *) VARDATA_ANY(v);
		size_t		len = VARSIZE_ANY_EXHDR(v);
		pt_target	value;
		int			r;

		if (pt_gist_is_label_key(bytes, len))
		{
			if (!pt_gist_label_key_valid(bytes, len))
				report_corrupted_key();
			*recheck = true;
			PG_RETURN_BOOL(pt_gist_label_key_consistent(bytes, len, &cache->query));
		}
		/* a value: tested in place against the prepared query */
		if ((r = pt_probe_test_inline(&cache->probe, bytes, len)) >= 0)
			PG_RETURN_BOOL(r == 1);
		pg_ptarget_unpack(entry->key, &value);	/* reports the corruption */
		PG_RETURN_BOOL(strategy == PT_GIST_CONTAINS ? pt_contains(&value, &cache->query) :
					   strategy == PT_GIST_CONTAINED_BY ? pt_contains(&cache->query, &value) :
					   strategy == PT_GIST_OVERLAPS ? pt_overlaps(&value, &cache->query) :
					   pt_compare(&value, &cache->query) == 0);
	}
	entry_key(entry->key, &key);
	PG_RETURN_BOOL(pt_gist_key_consistent(&key, strategy, &cache->query));
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
 * are sorted too: one is ordered as the label its prefix spells.  The order
 * only groups entries into pages (it decides no answer): pt_compare_grouped,
 * whose pages each hold values of one shape ([a, +inf), (-inf, b] or
 * finite), which a query like @> '≥95%' then skips but for its own.
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
	struct varlena *va = pg_ptarget_packed(a),
			   *vb = pg_ptarget_packed(b);
	const uint8_t *pa = (const uint8_t *) VARDATA_ANY(va),
			   *pb = (const uint8_t *) VARDATA_ANY(vb);
	size_t		la = VARSIZE_ANY_EXHDR(va),
				lb = VARSIZE_ANY_EXHDR(vb);
	pt_target	ta,
				tb;

	/* two values (no label keys): compared in their packed form */
	if (!pt_gist_is_label_key(pa, la) && !pt_gist_is_label_key(pb, lb))
	{
		bool		valid;
		int			c = pt_packed_compare_grouped(pa, la, pb, lb, &valid);

		if (valid)
			return c;
	}
	leaf_target(a, &ta);
	leaf_target(b, &tb);
	return pt_compare_grouped(&ta, &tb);
}

static Datum
leaf_abbrev_convert(Datum original, SortSupport ssup)
{
	struct varlena *v = pg_ptarget_packed(original);
	const uint8_t *bytes = (const uint8_t *) VARDATA_ANY(v);
	size_t		len = VARSIZE_ANY_EXHDR(v);
	pt_target	t;

	if (!pt_gist_is_label_key(bytes, len))
	{
		bool		valid;
		uint64_t	key = pt_packed_abbreviate_grouped(bytes, len, &valid);

		if (valid)
			return UInt64GetDatum(key);
	}
	leaf_target(original, &t);
	return UInt64GetDatum(pt_abbreviate_grouped(&t));
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
 * Sorts the entries by (kind, dimension, open ends, bounds) and cuts the
 * sorted run in two — at a change of dimension when one lies near the
 * middle, so that pages hold one dimension each and searches skip the
 * others; else at a change of shape near the middle.
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
	int			best = -1,
				best_shape = -1;
	int			i;
	pt_gist_key left,
				right;

	for (i = 0; i < n; i++)
	{
		items[i].offset = (OffsetNumber) (FirstOffsetNumber + i);
		entry_key(entries->vector[FirstOffsetNumber + i].key, &items[i].key);
	}
	/* the sorted build hands over entries already in order: sort only if not */
	for (i = 1; i < n; i++)
		if (split_item_cmp(&items[i - 1], &items[i]) > 0)
		{
			qsort(items, n, sizeof(split_item), split_item_cmp);
			break;
		}
	for (i = n / 4; i <= n - n / 4 && i < n; i++)
		if (i > 0 && !pt_gist_same_dimension(&items[i - 1].key, &items[i].key) &&
			(best < 0 || abs(i - n / 2) < abs(best - n / 2)))
			best = i;
	/* else at a change of shape (open ends): queries of one shape skip the other half */
	for (i = n / 4; i <= n - n / 4 && i < n; i++)
		if (i > 0 &&
			pt_gist_key_open_ends(&items[i - 1].key) != pt_gist_key_open_ends(&items[i].key) &&
			(best_shape < 0 || abs(i - n / 2) < abs(best_shape - n / 2)))
			best_shape = i;
	if (best < 0)
		best = best_shape;
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
