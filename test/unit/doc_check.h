/*
 * doc_check.h — what the unit tests of the document readers share: the
 * checks with their messages (on top of check.h's counters and TEST_CASE),
 * a read as the import makes it and one with every allocation failing in
 * turn, main()'s argument check, the arena allocator that can fail on demand
 * (arena.h) and the fixtures' bytes (read_file.h).  Include it once, after
 * the headers under test.
 */
#ifndef DOC_CHECK_H
#define DOC_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_cells.h"
#include "arena.h"
#include "read_file.h"

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

/* main()'s arguments: count of them after the program's name, or the usage
 * and exit status 2 (the setup is broken, not the code) */
static inline void
check_arguments(int argc, char **argv, int count, const char *usage)
{
    if (argc != count + 1)
    {
        printf("usage: %s %s\n", argv[0], usage);
        exit(2);
    }
}

static arena the_arena = {NULL, 0, -1};

/* data read as the import reads it (pt_document_read; source: the file name,
 * or NULL for none) into *doc: 0 with a document, -1 with an error that says
 * what is wrong, -2 for anything else. */
static inline int
read_as_import(const char *data, size_t len, bool lenient, const char *source, pt_document *doc)
{
    pt_allocator alloc = {arena_alloc, &the_arena};
    pt_read_request req = {.lenient = lenient, .source = pt_text(source, source ? strlen(source) : 0)};
    pt_doc_error err;
    int         rc;

    arena_reset(&the_arena);
    rc = pt_document_read(data, len, &req, &alloc, doc, NULL, &err);
    return rc == 0 || (rc == -1 && err.message[0] != '\0') ? rc : -2;
}

/* Reads dir/name (pt_document_read, as the import does) with allocation 0, 1,
 * 2, ... failing in turn until a read succeeds: every failed read must report
 * running out of memory as such. */
static inline void
check_out_of_memory(const char *dir, const char *name)
{
    buffer      file = read_file_in(dir, name);
    pt_allocator alloc = {arena_alloc, &the_arena};
    pt_read_request req = {.source = pt_text(name, strlen(name))};
    long        fail_at;
    int         unreported = 0;
    int         rc = -1;

    for (fail_at = 0; rc != 0 && fail_at < 100000; fail_at++)
    {
        pt_document doc;
        pt_doc_error err;

        arena_reset(&the_arena);
        the_arena.fail_at = fail_at;
        rc = pt_document_read(file.data, file.len, &req, &alloc, &doc, NULL, &err);
        if (rc != 0 && (err.code != PT_DOC_ERR_MEMORY || strstr(err.message, "out of memory") == NULL))
        {
            unreported++;
            printf("    %s, allocation %ld: %s\n", name, fail_at, err.message);
        }
    }
    CHECK_INT(unreported, 0);
    CHECK_INT(rc, 0);
    CHECK(fail_at > 10);
    free(file.data);
    arena_reset(&the_arena);
}

#endif
