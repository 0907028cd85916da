/*
 * pt_gist.h — the keys of ptarget's GiST index, in plain C.
 *
 * Leaf entries are the values themselves (so index-only scans return them).
 * An inner entry summarizes its subtree: the range of (kind, dimension key)
 * it spans — which keeps dimensions apart without a second column — and,
 * when the subtree holds one dimension only, the union of its intervals.
 * Inner keys are packed into bytes starting with PT_GIST_KEY_MARK, a byte no
 * packed value starts with, so one storage type holds both.
 */
#ifndef PT_GIST_H
#define PT_GIST_H

#include "ptarget_core.h"

#define PT_GIST_KEY_MARK 0xF0

/*
 * A GiST index tuple must fit on a page, but a label may be megabytes long.
 * From 1.1 the operator class compresses a leaf label whose packed value
 * exceeds PT_GIST_LEAF_MAX into a bounded label key: PT_GIST_LABEL_MARK, the
 * label's length (4 bytes, little endian), and its first bytes (at most
 * PT_GIST_LABEL_PREFIX, cut at a character boundary).  Such a leaf is
 * consistent with a label query of the same length and prefix, and the
 * executor rechecks the heap value.  Every other leaf is the value itself.
 */
#define PT_GIST_LABEL_MARK 0xF1
#define PT_GIST_LEAF_MAX 1024
#define PT_GIST_LABEL_PREFIX 256
#define PT_GIST_LABEL_KEY_MAX (1 + 4 + PT_GIST_LABEL_PREFIX)

typedef struct pt_gist_key
{
	pt_kind		kind_lo,
				kind_hi;
	const char *dim_lo;			/* dimension keys of the first and last */
	uint8_t		dim_lo_len;		/* (kind, dimension) in the subtree; labels */
	const char *dim_hi;			/* use "" (all labels share one range) */
	uint8_t		dim_hi_len;
	bool		has_bounds;		/* one kind and dimension, not labels */
	pt_bound	lower,
				upper;
} pt_gist_key;

/* The strategies the operator class serves (numbers as for range types). */
#define PT_GIST_OVERLAPS 3
#define PT_GIST_CONTAINS 7
#define PT_GIST_CONTAINED_BY 8
#define PT_GIST_EQUAL 18

/* Is this packed entry an inner key (else a value or a bounded label key)? */
bool		pt_gist_is_key(const uint8_t *bytes, size_t len);

/* Must this leaf value (packed_len bytes packed) be stored as a label key? */
bool		pt_gist_needs_label_key(const pt_target *t, size_t packed_len);
/* Writes t's bounded label key to dst (PT_GIST_LABEL_KEY_MAX bytes); its size. */
size_t		pt_gist_label_key_pack(const pt_target *t, uint8_t *dst);
/* Is this packed leaf a bounded label key (else a value)? */
bool		pt_gist_is_label_key(const uint8_t *bytes, size_t len);
/* Is a bounded label key well formed? */
bool		pt_gist_label_key_valid(const uint8_t *bytes, size_t len);
/*
 * May the label behind a (valid) bounded label key satisfy "v <strategy>
 * query"?  Labels only contain, overlap or equal an equal label, so this is
 * true when query is a label of the same length and prefix; a true answer
 * needs a recheck of the heap value.
 */
bool		pt_gist_label_key_consistent(const uint8_t *bytes, size_t len, const pt_target *query);
/* The summary of a bounded label key (the key of any label). */
void		pt_gist_label_key_summary(pt_gist_key *key);

void		pt_gist_key_of(const pt_target *t, pt_gist_key *key);
/* acc := acc ∪ add (pointers of both must stay valid until packed) */
void		pt_gist_key_union(pt_gist_key *acc, const pt_gist_key *add);
bool		pt_gist_key_equal(const pt_gist_key *a, const pt_gist_key *b);

size_t		pt_gist_key_size(const pt_gist_key *key);
void		pt_gist_key_pack(const pt_gist_key *key, uint8_t *dst);
bool		pt_gist_key_unpack(const uint8_t *src, size_t len, pt_gist_key *key);

/* May the subtree summarized by key hold a value v with "v <strategy> query"? */
bool		pt_gist_key_consistent(const pt_gist_key *key, int strategy, const pt_target *query);

/* Cost of putting add under key: 0 when it fits, more the more it widens key. */
double		pt_gist_penalty(const pt_gist_key *key, const pt_gist_key *add);

/*
 * Order of keys for picksplit: (kind, dimension, open ends, lower, upper),
 * the grouping of pt_compare_grouped.  Open ends: 0 finite, 1 [a, +inf),
 * 2 (-inf, b], 3 both (a union of several shapes).
 */
int			pt_gist_key_cmp(const pt_gist_key *a, const pt_gist_key *b);
int			pt_gist_key_open_ends(const pt_gist_key *key);
/* Do a and b lie in the same (kind, dimension)? */
bool		pt_gist_same_dimension(const pt_gist_key *a, const pt_gist_key *b);

#endif
