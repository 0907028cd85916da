/*
 * fuzz_document.c — libFuzzer target: arbitrary bytes as a performance target
 * document, parsed in strict and in lenient mode with a malloc-based arena
 * (every block freed at the end, so LeakSanitizer sees any leak).
 *
 * Checked on every input (abort() on violation):
 *   - no crash, no out-of-bounds read, no leak, no timeout (linear time)
 *   - the error strings are NUL-terminated, non-empty and valid UTF-8
 *   - a result is a valid document (fuzz_doc_checks.h); beyond that, as the
 *     text export promises: texts no longer than the input (and a little
 *     more), project lines ascending, titles ending in 绩效目标表, fields
 *     documented as digits are digits, no skips in strict mode
 *   - strict success implies lenient success with the same projects and no
 *     skips; lenient failure implies strict failure (fuzz_strict_lenient.h)
 *   - running out of memory at any allocation is a clean error
 */
#include "fuzz_strict_lenient.h"
#include "pt_document.h"

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

/* The parser's texts are slices of the input, or built of a few of them. */
static void
check_within_input(const pt_doc_text *texts, size_t n, const char *field)
{
	size_t		k;

	for (k = 0; k < n; k++)
		CHECK(texts[k].len <= g_size + 4096, field);
}

#define CHECK_WITHIN_INPUT(texts, field) check_within_input((texts), sizeof(texts) / sizeof((texts)[0]), (field))

/* What the text export promises beyond a valid document (check_document). */
static void
check_text_export(const pt_document *doc, bool lenient)
{
	int			i,
				j;
	int			last_line = 0;

	if (!lenient)
		CHECK(doc->n_skipped == 0, "strict mode skipped something");
	for (i = 0; i < doc->n_projects; i++)
	{
		const pt_doc_project *p = &doc->projects[i];
		pt_doc_text texts[] = {p->ordinal, p->title, p->dept_code, p->dept_name, p->budget_unit,
		p->name, p->budget_total, p->fiscal_funds, p->other_funds, p->purpose, p->goals};

		CHECK_WITHIN_INPUT(texts, "project text");
		CHECK(p->first_line > last_line, "project lines ascend");
		last_line = p->first_line;
		CHECK(ends_with(p->title, "绩效目标表"), "title ends with 绩效目标表");
		CHECK(p->dept_code.len == 6 && all_digits(p->dept_code), "dept_code is 6 digits");
		CHECK(decimal_or_empty(p->budget_total), "budget_total is a decimal");
		CHECK(decimal_or_empty(p->fiscal_funds), "fiscal_funds is a decimal");
		CHECK(decimal_or_empty(p->other_funds), "other_funds is a decimal");
		for (j = 0; j < p->n_indicators; j++)
		{
			const pt_doc_indicator *r = &p->indicators[j];
			pt_doc_text itexts[] = {r->level1, r->level1_written, r->level2, r->level3,
			r->description, r->value};

			CHECK_WITHIN_INPUT(itexts, "indicator text");
			CHECK(r->line > p->first_line, "indicator line after title");
		}
	}
	for (i = 0; i < doc->n_skipped; i++)
	{
		const pt_doc_skip *s = &doc->skipped[i];
		pt_doc_text stexts[] = {s->title, s->message, s->hint};

		CHECK_WITHIN_INPUT(stexts, "skip text");
	}
}

static int
parse(const void *input, bool lenient, arena *a, pt_document *doc, pt_doc_error *err)
{
	const pt_doc_text *text = input;
	pt_allocator alloc = {arena_alloc, a};
	int			rc = pt_document_parse(text->ptr, text->len, lenient, &alloc, doc, err);

	CHECK(rc == 0 || rc == -1, "return code");
	if (rc == 0)
	{
		check_document(doc, lenient);
		check_text_export(doc, lenient);
	}
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
	/* an exact-size copy: the parser must not need a terminating NUL */
	char	   *copy = malloc(size > 0 ? size : 1);
	pt_doc_text text = {copy, size};

	g_size = size;
	memcpy(copy, data, size);
	check_strict_and_lenient(parse, &text, data, size);
	free(copy);
	return 0;
}
