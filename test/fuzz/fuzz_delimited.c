/*
 * fuzz_delimited.c — libFuzzer target: arbitrary bytes as a delimited-text
 * file (CSV or TSV as Excel, WPS or Word write them): detection, decoding
 * (UTF-8 with or without BOM, UTF-16 with BOM, GB18030), the delimited reader
 * (pt_read_delimited.c) and the layout step, strict and lenient.
 *
 * Checked on every input (abort() on violation), see fuzz_doc_checks.h:
 *   - no crash, out-of-bounds read, leak or timeout (linear time)
 *   - errors: NUL-terminated valid UTF-8 strings, a known code
 *   - cells: readable valid UTF-8, rows in order, widths within n_columns
 *   - documents: every text readable valid UTF-8, positions and numbers
 *     consistent; strict success implies lenient success with the same
 *     projects
 *   - out of memory at an allocation chosen by the input is a clean error
 */
#include "fuzz_doc_checks.h"

static int
read_as(const char *text, size_t len, pt_source_format format, bool lenient, arena *a,
		pt_document *doc, pt_doc_error *err)
{
	pt_allocator alloc = {arena_alloc, a};
	pt_cells_doc cells;
	pt_read_request req;
	int			rc;

	rc = pt_read_delimited(text, len, format, &alloc, &cells, err);
	CHECK(rc == 0 || rc == -1, "reader return code");
	if (rc != 0)
	{
		check_error(err);
		CHECK(cells.n_tables == 0 && cells.tables == NULL, "*out emptied on error");
		return -1;
	}
	check_cells(&cells);
	memset(&req, 0, sizeof(req));
	req.lenient = lenient;
	req.source = pt_text("fuzz.csv", 8);
	rc = pt_layout(&cells, &req, &alloc, doc, err);
	CHECK(rc == 0 || rc == -1, "layout return code");
	if (rc == 0)
		check_document(doc, lenient);
	else
	{
		check_error(err);
		CHECK(doc->n_projects == 0 && doc->projects == NULL, "*out emptied on error");
	}
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *bytes;
	arena		decode_arena = {NULL, 0, -1};
	pt_allocator decode_alloc = {arena_alloc, &decode_arena};
	pt_doc_text text;
	const char *encoding;
	pt_doc_error err;
	int			f;

	g_size = size;
	bytes = malloc(size > 0 ? size : 1);	/* exact size: no terminating NUL needed */
	memcpy(bytes, data, size);
	(void) pt_detect_format(bytes, size);

	if (pt_decode_text(bytes, size, &decode_alloc, &text, &encoding, &err) != 0)
		check_error(&err);
	else
	{
		check_text(text, "decoded text");
		for (f = 0; f < 2; f++)
		{
			pt_source_format format = f == 0 ? PT_FORMAT_CSV : PT_FORMAT_TSV;
			arena		strict_arena = {NULL, 0, -1},
						lenient_arena = {NULL, 0, -1};
			pt_document strict_doc,
						lenient_doc;
			int			strict_rc = read_as(text.ptr, text.len, format, false, &strict_arena, &strict_doc, &err);
			int			lenient_rc = read_as(text.ptr, text.len, format, true, &lenient_arena, &lenient_doc, &err);
			long		allocations = lenient_arena.allocations;

			if (strict_rc == 0)
			{
				CHECK(lenient_rc == 0, "strict accepts but lenient rejects");
				check_same(&strict_doc, &lenient_doc);
			}
			arena_free(&strict_arena);
			arena_free(&lenient_arena);
			if (allocations > 0 && lenient_rc == 0)
			{
				arena		oom = {NULL, 0, 0};

				oom.fail_at = (long) (input_hash(data, size) % (uint32_t) allocations);
				CHECK(read_as(text.ptr, text.len, format, true, &oom, &lenient_doc, &err) == -1,
					  "a failed allocation went unnoticed");
				CHECK(err.code == PT_DOC_ERR_MEMORY, "out of memory reported as such");
				arena_free(&oom);
			}
		}
	}
	arena_free(&decode_arena);
	free(bytes);
	return 0;
}
