/*
 * fuzz_document.c — libFuzzer target: arbitrary bytes as a performance target
 * document, parsed in strict and in lenient mode with a malloc-based arena
 * (every block freed at the end, so LeakSanitizer sees any leak).
 *
 * Checked on every input (abort() on violation):
 *   - no crash, no out-of-bounds read, no leak, no timeout (linear time)
 *   - the error strings are NUL-terminated, non-empty and valid UTF-8
 *   - a result's strings are non-NULL, readable, valid UTF-8; counts and line
 *     numbers are consistent; fields documented as digits are digits
 *   - strict success implies lenient success with the same projects and no
 *     skips; lenient failure implies strict failure
 *   - running out of memory at any allocation is a clean error
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_document.h"

/* ------------------------------------------------------------ arena */

typedef struct block
{
	struct block *next;
	max_align_t	align[];		/* the payload starts max-aligned */
} block;

typedef struct arena
{
	block	   *blocks;
	long		allocations;
	long		fail_at;		/* this allocation returns NULL; -1 never */
} arena;

static void *
arena_alloc(void *ctx, size_t size)
{
	arena	   *a = ctx;
	block	   *b;

	if (a->allocations++ == a->fail_at)
		return NULL;
	if (size > ((size_t) 1 << 31))
		return NULL;
	b = malloc(sizeof(block) + (size > 0 ? size : 1));
	if (b == NULL)
		return NULL;
	b->next = a->blocks;
	a->blocks = b;
	return b->align;
}

static void
arena_free(arena *a)
{
	while (a->blocks != NULL)
	{
		block	   *next = a->blocks->next;

		free(a->blocks);
		a->blocks = next;
	}
}

/* ------------------------------------------------------------ checks */

static const uint8_t *g_data;
static size_t g_size;

static void
fail(const char *what, const char *detail)
{
	fprintf(stderr, "\n*** invariant violated: %s%s%s (input of %zu bytes)\n", what,
			detail ? ": " : "", detail ? detail : "", g_size);
	abort();
}

#define CHECK(cond, detail) do { if (!(cond)) fail(#cond, (detail)); } while (0)

static bool
valid_utf8(const unsigned char *s, size_t n)
{
	size_t		i = 0;

	while (i < n)
	{
		unsigned	c = s[i],
					cp;
		size_t		len,
					k;

		if (c < 0x80)
		{
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4, cp = c & 0x07;
		else
			return false;
		if (i + len > n)
			return false;
		for (k = 1; k < len; k++)
		{
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
			(cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += len;
	}
	return true;
}

static volatile unsigned sink;

static void
check_text(pt_doc_text t, const char *field)
{
	size_t		i;
	unsigned	sum = 0;

	CHECK(t.ptr != NULL, field);
	CHECK(t.len <= g_size + 4096, field);
	for (i = 0; i < t.len; i++)	/* ASan: every byte must be readable */
		sum += (unsigned char) t.ptr[i];
	sink = sum;
	CHECK(valid_utf8((const unsigned char *) t.ptr, t.len), field);
}

static bool
all_digits(pt_doc_text t)
{
	size_t		i;

	for (i = 0; i < t.len; i++)
		if (t.ptr[i] < '0' || t.ptr[i] > '9')
			return false;
	return true;
}

/* digits[.digits] or empty */
static bool
decimal_or_empty(pt_doc_text t)
{
	size_t		i = 0,
				int_digits = 0,
				frac_digits = 0;

	if (t.len == 0)
		return true;
	while (i < t.len && t.ptr[i] >= '0' && t.ptr[i] <= '9')
		i++, int_digits++;
	if (i < t.len && t.ptr[i] == '.')
	{
		i++;
		while (i < t.len && t.ptr[i] >= '0' && t.ptr[i] <= '9')
			i++, frac_digits++;
		if (frac_digits == 0)
			return false;
	}
	return i == t.len && int_digits > 0;
}

static bool
ends_with(pt_doc_text t, const char *suffix)
{
	size_t		n = strlen(suffix);

	return t.len >= n && memcmp(t.ptr + t.len - n, suffix, n) == 0;
}

static void
check_cstring(const char *s, size_t cap, bool nonempty, const char *field)
{
	const char *nul = memchr(s, '\0', cap);

	CHECK(nul != NULL, field);
	if (nonempty)
		CHECK(nul != s, field);
	CHECK(valid_utf8((const unsigned char *) s, (size_t) (nul - s)), field);
}

static void
check_error(const pt_doc_error *err)
{
	check_cstring(err->message, sizeof(err->message), true, "error message");
	check_cstring(err->hint, sizeof(err->hint), false, "error hint");
	check_cstring(err->project_title, sizeof(err->project_title), false, "error project_title");
	CHECK(err->line >= 0, "error line");
}

static void
check_document(const pt_document *doc, bool lenient)
{
	int			i,
				j;
	int			last_line = 0;

	CHECK(doc->n_projects >= 0 && doc->n_skipped >= 0, "counts");
	CHECK(doc->n_projects == 0 || doc->projects != NULL, "projects array");
	CHECK(doc->n_skipped == 0 || doc->skipped != NULL, "skipped array");
	if (!lenient)
	{
		CHECK(doc->n_skipped == 0, "strict mode skipped something");
		CHECK(doc->n_projects >= 1, "strict success without a project");
	}
	for (i = 0; i < doc->n_projects; i++)
	{
		const pt_doc_project *p = &doc->projects[i];

		CHECK(p->first_line > last_line, "project lines ascend");
		last_line = p->first_line;
		check_text(p->ordinal, "ordinal");
		check_text(p->title, "title");
		CHECK(ends_with(p->title, "绩效目标表"), "title ends with 绩效目标表");
		check_text(p->dept_code, "dept_code");
		CHECK(p->dept_code.len == 6 && all_digits(p->dept_code), "dept_code is 6 digits");
		check_text(p->dept_name, "dept_name");
		check_text(p->budget_unit, "budget_unit");
		check_text(p->name, "name");
		check_text(p->budget_total, "budget_total");
		check_text(p->fiscal_funds, "fiscal_funds");
		check_text(p->other_funds, "other_funds");
		CHECK(decimal_or_empty(p->budget_total), "budget_total is a decimal");
		CHECK(decimal_or_empty(p->fiscal_funds), "fiscal_funds is a decimal");
		CHECK(decimal_or_empty(p->other_funds), "other_funds is a decimal");
		check_text(p->purpose, "purpose");
		check_text(p->goals, "goals");
		CHECK(p->n_indicators >= 1 && p->indicators != NULL, "at least one indicator");
		for (j = 0; j < p->n_indicators; j++)
		{
			const pt_doc_indicator *r = &p->indicators[j];

			CHECK(r->position == j + 1, "indicator position");
			CHECK(r->line > p->first_line, "indicator line after title");
			check_text(r->level1, "level1");
			check_text(r->level1_written, "level1_written");
			check_text(r->level2, "level2");
			check_text(r->level3, "level3");
			check_text(r->description, "description");
			check_text(r->value, "value");
		}
	}
	for (i = 0; i < doc->n_skipped; i++)
	{
		const pt_doc_skip *s = &doc->skipped[i];

		CHECK(s->line >= 0 && s->title_line >= 0, "skip lines");
		check_text(s->title, "skip title");
		check_text(s->message, "skip message");
		CHECK(s->message.len > 0, "skip message non-empty");
		check_text(s->hint, "skip hint");
	}
}

static bool
same_text(pt_doc_text a, pt_doc_text b)
{
	return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

static void
check_same(const pt_document *a, const pt_document *b)
{
	int			i,
				j;

	CHECK(a->n_projects == b->n_projects, "strict and lenient project counts differ");
	for (i = 0; i < a->n_projects; i++)
	{
		const pt_doc_project *p = &a->projects[i],
				   *q = &b->projects[i];

		CHECK(p->first_line == q->first_line && same_text(p->title, q->title) &&
			  same_text(p->name, q->name) && same_text(p->goals, q->goals) &&
			  same_text(p->dept_code, q->dept_code) && same_text(p->purpose, q->purpose) &&
			  p->n_indicators == q->n_indicators, "strict and lenient projects differ");
		for (j = 0; j < p->n_indicators; j++)
			CHECK(p->indicators[j].line == q->indicators[j].line &&
				  same_text(p->indicators[j].value, q->indicators[j].value) &&
				  same_text(p->indicators[j].level1, q->indicators[j].level1) &&
				  same_text(p->indicators[j].level3, q->indicators[j].level3),
				  "strict and lenient indicators differ");
	}
}

static int
parse(const char *text, size_t len, bool lenient, arena *a, pt_document *doc,
	  pt_doc_error *err)
{
	pt_allocator alloc = {arena_alloc, a};
	int			rc = pt_document_parse(text, len, lenient, &alloc, doc, err);

	CHECK(rc == 0 || rc == -1, "return code");
	if (rc == 0)
		check_document(doc, lenient);
	else
	{
		check_error(err);
		CHECK(doc->n_projects == 0 && doc->n_skipped == 0 && doc->projects == NULL,
			  "*out emptied on error");
	}
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text;
	arena		strict_arena = {NULL, 0, -1},
				lenient_arena = {NULL, 0, -1};
	pt_document strict_doc,
				lenient_doc;
	pt_doc_error err;
	int			strict_rc,
				lenient_rc;
	long		allocations;

	g_data = data;
	g_size = size;
	/* an exact-size copy: the parser must not need a terminating NUL */
	text = malloc(size > 0 ? size : 1);
	memcpy(text, data, size);

	strict_rc = parse(text, size, false, &strict_arena, &strict_doc, &err);
	lenient_rc = parse(text, size, true, &lenient_arena, &lenient_doc, &err);
	allocations = lenient_arena.allocations;

	if (strict_rc == 0)
	{
		CHECK(lenient_rc == 0, "strict accepts but lenient rejects");
		CHECK(lenient_doc.n_skipped == 0, "lenient skips what strict accepts");
		check_same(&strict_doc, &lenient_doc);
	}
	arena_free(&strict_arena);
	arena_free(&lenient_arena);

	/* out of memory at one allocation chosen by the input: a clean error */
	if (allocations > 0)
	{
		arena		oom = {NULL, 0, 0};
		uint32_t	h = 2166136261u;
		size_t		i;

		for (i = 0; i < size; i++)
			h = (h ^ data[i]) * 16777619u;
		oom.fail_at = (long) (h % (uint32_t) allocations);
		CHECK(parse(text, size, true, &oom, &lenient_doc, &err) == -1,
			  "a failed allocation went unnoticed");
		arena_free(&oom);
	}

	free(text);
	return 0;
}
