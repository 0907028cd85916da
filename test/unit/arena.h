/*
 * arena.h — the allocator the tests give the document readers (what palloc
 * is in the extension): malloc'd blocks freed all at once, and one allocation
 * that can be made to fail.  Used by the unit programs (doc_check.h) and the
 * fuzz harnesses (test/fuzz/), where freeing every block lets LeakSanitizer
 * see a leak.
 */
#ifndef PT_TEST_ARENA_H
#define PT_TEST_ARENA_H

#include <stddef.h>
#include <stdlib.h>

typedef struct block
{
	struct block *next;
	max_align_t align[];		/* the payload starts max-aligned */
} block;

typedef struct arena
{
	block	   *blocks;
	long		allocations;
	long		fail_at;		/* this allocation returns NULL; -1 never */
} arena;

static inline void *
arena_alloc(void *ctx, size_t size)
{
	arena	   *a = ctx;
	block	   *b;

	if (a->allocations++ == a->fail_at)
		return NULL;
	/* far beyond the readers' limits; ASan would abort on a larger malloc */
	if (size > ((size_t) 1 << 31))
		return NULL;
	b = malloc(sizeof(block) + (size > 0 ? size : 1));
	if (b == NULL)
		return NULL;
	b->next = a->blocks;
	a->blocks = b;
	return b->align;
}

static inline void
arena_free(arena *a)
{
	while (a->blocks != NULL)
	{
		block	   *next = a->blocks->next;

		free(a->blocks);
		a->blocks = next;
	}
}

/* freed, and counting from 0 again with no allocation set to fail */
static inline void
arena_reset(arena *a)
{
	arena_free(a);
	a->allocations = 0;
	a->fail_at = -1;
}

#endif
