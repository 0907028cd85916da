/*
 * fuzz_strict_lenient.h — what every document harness checks across the modes
 * on one input: read strict and lenient, strict success implies lenient
 * success with the same projects; then read lenient again with an allocation
 * chosen by the input failing, which must be a clean error.
 */
#ifndef PT_FUZZ_STRICT_LENIENT_H
#define PT_FUZZ_STRICT_LENIENT_H

#include "fuzz_doc_checks.h"
#include "../unit/arena.h"

/* Reads a harness's input (whatever it made of the fuzzer's bytes) into *doc
 * with memory from *a, checking the result; returns 0 or -1 (*err set). */
typedef int (*fuzz_doc_reader) (const void *input, bool lenient, arena *a, pt_document *doc,
								pt_doc_error *err);

static inline bool
same_text(pt_doc_text a, pt_doc_text b)
{
	return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

/* strict success: lenient mode gives the same projects, lines and texts */
static inline void
check_same(const pt_document *a, const pt_document *b)
{
	int			i,
				j;

	CHECK(a->n_projects == b->n_projects, "strict and lenient project counts differ");
	CHECK(a->n_skipped == b->n_skipped, "lenient skips what strict accepts");
	for (i = 0; i < a->n_projects; i++)
	{
		const pt_doc_project *p = &a->projects[i],
				   *q = &b->projects[i];

		CHECK(p->first_line == q->first_line && same_text(p->title, q->title) &&
			  same_text(p->name, q->name) && same_text(p->goals, q->goals) &&
			  same_text(p->dept_code, q->dept_code) && same_text(p->purpose, q->purpose) &&
			  p->n_indicators == q->n_indicators, "strict and lenient projects differ");
		for (j = 0; j < p->n_indicators; j++)
		{
			const pt_doc_indicator *r = &p->indicators[j],
					   *s = &q->indicators[j];

			CHECK(r->line == s->line && r->source_row == s->source_row &&
				  same_text(r->value, s->value) && same_text(r->target_text, s->target_text) &&
				  same_text(r->level1, s->level1) && same_text(r->level3, s->level3),
				  "strict and lenient indicators differ");
		}
	}
}

/* FNV-1a: the same input fails the same allocation on every run */
static inline uint32_t
input_hash(const uint8_t *data, size_t size)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

static inline void
check_strict_and_lenient(fuzz_doc_reader read, const void *input, const uint8_t *data, size_t size)
{
	arena		strict_arena = {NULL, 0, -1},
				lenient_arena = {NULL, 0, -1};
	pt_document strict_doc,
				lenient_doc;
	pt_doc_error err;
	int			strict_rc = read(input, false, &strict_arena, &strict_doc, &err);
	int			lenient_rc = read(input, true, &lenient_arena, &lenient_doc, &err);
	long		allocations = lenient_arena.allocations;

	if (strict_rc == 0)
	{
		CHECK(lenient_rc == 0, "strict accepts but lenient rejects");
		check_same(&strict_doc, &lenient_doc);
	}
	arena_free(&strict_arena);
	arena_free(&lenient_arena);
	if (allocations > 0)
	{
		arena		oom = {NULL, 0, 0};

		oom.fail_at = (long) (input_hash(data, size) % (uint32_t) allocations);
		CHECK(read(input, true, &oom, &lenient_doc, &err) == -1, "a failed allocation went unnoticed");
		/* a read that fails anyway may report its own error instead */
		CHECK(lenient_rc != 0 || err.code == PT_DOC_ERR_MEMORY,
			  "out of memory reported as such");
		arena_free(&oom);
	}
}

#endif
