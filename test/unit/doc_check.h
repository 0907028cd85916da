/*
 * doc_check.h — what the unit tests of the document readers share: the
 * checks with their messages (on top of check.h's counters and TEST_CASE)
 * and an arena allocator that can fail on demand (what palloc is in the
 * extension).  Include it once, after the headers under test.
 */
#ifndef DOC_CHECK_H
#define DOC_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_document.h"

#define CHECK(cond) check((cond), #cond, __FILE__, __LINE__)
#include "check.h"

static inline bool
check(bool ok, const char *what, const char *file, int line)
{
    if (ok)
        check_passed++;
    else
    {
        check_failed++;
        printf("%s:%d: FAILED: %s\n", file, line, what);
    }
    return ok;
}

static inline void
check_int(long got, long want, const char *what, const char *file, int line)
{
    if (!check(got == want, what, file, line))
        printf("    got %ld, want %ld\n", got, want);
}

#define CHECK_INT(got, want) check_int((long) (got), (long) (want), #got " == " #want, __FILE__, __LINE__)

static inline void
check_text(pt_doc_text got, const char *want, const char *what, const char *file, int line)
{
    bool        ok = got.ptr != NULL && got.len == strlen(want) && memcmp(got.ptr, want, got.len) == 0;

    if (!check(ok, what, file, line))
        printf("    got  \"%.*s\"\n    want \"%s\"\n", (int) got.len, got.ptr ? got.ptr : "", want);
}

#define CHECK_TEXT(got, want) check_text((got), (want), #got " == " #want, __FILE__, __LINE__)

static inline void
check_contains(const char *haystack, const char *needle, const char *what, const char *file, int line)
{
    if (!check(strstr(haystack, needle) != NULL, what, file, line))
        printf("    \"%s\"\n    does not contain \"%s\"\n", haystack, needle);
}

#define CHECK_CONTAINS(h, n) check_contains((h), (n), #h " contains " #n, __FILE__, __LINE__)

/* ------------------------------------------------------------ arena */

typedef union block
{
    union block *next;
    max_align_t align;
} block;

typedef struct arena
{
    block      *blocks;
    long        allocations;
    long        fail_at;
} arena;

static inline void *
arena_alloc(void *ctx, size_t size)
{
    arena      *a = ctx;
    block      *b;

    if (a->allocations++ == a->fail_at || size > SIZE_MAX - sizeof(block))
        return NULL;
    b = malloc(sizeof(block) + size);
    if (b == NULL)
        return NULL;
    b->next = a->blocks;
    a->blocks = b;
    return b + 1;
}

static inline void
arena_reset(arena *a)
{
    while (a->blocks != NULL)
    {
        block      *next = a->blocks->next;

        free(a->blocks);
        a->blocks = next;
    }
    a->allocations = 0;
    a->fail_at = -1;
}

static arena the_arena = {NULL, 0, -1};

#endif
