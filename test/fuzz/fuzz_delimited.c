/*
 * fuzz_delimited.c — libFuzzer target: arbitrary bytes as a delimited-text
 * file (CSV or TSV as Excel, WPS or Word write them): detection, decoding
 * (UTF-8 with or without BOM, UTF-16 with BOM, GB18030), the delimited reader
 * (pt_read_delimited.c) and the layout step, strict and lenient.
 *
 * Checked on every input (abort() on violation), see fuzz_doc_checks.h and
 * fuzz_strict_lenient.h:
 *   - no crash, out-of-bounds read, leak or timeout (linear time)
 *   - errors: NUL-terminated valid UTF-8 strings, a known code
 *   - cells: readable valid UTF-8, rows in order, widths within n_columns
 *   - documents: every text readable valid UTF-8, positions and numbers
 *     consistent; strict success implies lenient success with the same
 *     projects
 *   - out of memory at an allocation chosen by the input is a clean error
 */
#include "fuzz_strict_lenient.h"

typedef struct delimited_input
{
	pt_doc_text text;			/* decoded */
	pt_source_format format;	/* CSV or TSV */
} delimited_input;

static int
read_as(const void *input, bool lenient, arena *a, pt_document *doc, pt_doc_error *err)
{
	const delimited_input *in = input;
	pt_allocator alloc = {arena_alloc, a};
	pt_cells_doc cells;

	if (!check_read(pt_read_delimited(in->text.ptr, in->text.len, in->format, &alloc, &cells, err), &cells, err))
		return -1;
	return lay_out_checked(&cells, lenient, "fuzz.csv", &alloc, doc, err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *bytes;
	arena		decode_arena = {NULL, 0, -1};
	pt_allocator decode_alloc = {arena_alloc, &decode_arena};
	delimited_input in;
	const char *encoding;
	pt_doc_error err;

	g_size = size;
	bytes = malloc(size > 0 ? size : 1);	/* exact size: no terminating NUL needed */
	memcpy(bytes, data, size);
	(void) pt_detect_format(bytes, size);

	if (pt_decode_text(bytes, size, &decode_alloc, &in.text, &encoding, &err) != 0)
		check_error(&err);
	else
	{
		check_text(in.text, "decoded text");
		in.format = PT_FORMAT_CSV;
		check_strict_and_lenient(read_as, &in, data, size);
		in.format = PT_FORMAT_TSV;
		check_strict_and_lenient(read_as, &in, data, size);
	}
	arena_free(&decode_arena);
	free(bytes);
	return 0;
}
