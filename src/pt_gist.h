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

/* Is this packed entry an inner key (else a value)? */
bool		pt_gist_is_key(const uint8_t *bytes, size_t len);

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

/* Order of keys for picksplit: (kind, dimension, lower, upper). */
int			pt_gist_key_cmp(const pt_gist_key *a, const pt_gist_key *b);
/* Do a and b lie in the same (kind, dimension)? */
bool		pt_gist_same_dimension(const pt_gist_key *a, const pt_gist_key *b);

#endif
