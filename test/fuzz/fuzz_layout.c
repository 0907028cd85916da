/*
 * fuzz_layout.c — libFuzzer target: arbitrary bytes as tables of cells, laid
 * out into projects and indicators (pt_layout.c), strict and lenient, as if a
 * text, .docx or .xlsx reader had yielded them.
 *
 * Input: the first byte picks the reader (bit 0-1: csv, docx, xlsx with sheet
 * names); then tables separated by '\f', rows by '\n', cells by '\t' or '|';
 * a row starting with '>' is a paragraph before the table; a cell "^" is
 * merged from above, "<" from the left.  Bytes that are not UTF-8 become '?'
 * (every reader yields valid UTF-8).
 *
 * Checks: fuzz_doc_checks.h and fuzz_strict_lenient.h (no crash, leak or
 * timeout; valid strings, consistent positions; strict success ⇒ lenient
 * success with the same projects; out of memory at an input-chosen allocation
 * is a clean error; every target and actual cell read as the import reads it,
 * pt_cell_target.h).
 */
#include "fuzz_strict_lenient.h"

/* Build the cells; returns the reader format. */
static pt_source_format
build(const char *s, size_t n, arena *a, pt_cells_doc *doc)
{
	static const pt_source_format formats[4] = {PT_FORMAT_CSV, PT_FORMAT_DOCX, PT_FORMAT_XLSX, PT_FORMAT_TSV};
	pt_allocator alloc = {arena_alloc, a};
	pt_doc_error err;
	pt_cells_builder b;
	pt_source_format format = n > 0 ? formats[(unsigned char) s[0] & 3] : PT_FORMAT_CSV;
	size_t		pos = n > 0 ? 1 : 0;
	int			line = 1;
	int			table_rows = 0;
	bool		in_table = false;
	bool		text_format = format == PT_FORMAT_CSV || format == PT_FORMAT_TSV;

	pt_cells_begin(&b, format, &alloc, &err);
	while (pos < n)
	{
		size_t		end = pos;

		while (end < n && s[end] != '\n' && s[end] != '\f')
			end++;
		if (end > pos && s[pos] == '>')
			pt_cells_paragraph(&b, s + pos + 1, end - pos - 1, line);
		else if (end > pos)
		{
			size_t		c = pos;

			if (!in_table)
			{
				char		sheet[16];

				snprintf(sheet, sizeof(sheet), "Sheet%d", b.doc.n_tables + 1);
				pt_cells_table(&b, format == PT_FORMAT_XLSX ? sheet : NULL,
							   format == PT_FORMAT_XLSX ? strlen(sheet) : 0);
				in_table = true;
				table_rows = 0;
			}
			pt_cells_row(&b, text_format ? line : ++table_rows);
			for (;;)
			{
				size_t		e = c;

				while (e < end && s[e] != '\t' && s[e] != '|')
					e++;
				if (e - c == 1 && s[c] == '^')
					pt_cells_cell(&b, NULL, 0, text_format ? line : 0, PT_MERGE_ABOVE);
				else if (e - c == 1 && s[c] == '<')
					pt_cells_cell(&b, NULL, 0, text_format ? line : 0, PT_MERGE_LEFT);
				else
					pt_cells_cell(&b, s + c, e - c, text_format ? line : 0, PT_MERGE_NONE);
				if (e >= end)
					break;
				c = e + 1;
			}
		}
		if (end < n && s[end] == '\f')
			in_table = false;
		line++;
		pos = end + 1;
	}
	CHECK(pt_cells_finish(&b, doc) == 0 || err.code == PT_DOC_ERR_MEMORY || err.code == PT_DOC_ERR_LIMIT,
		  "the builder failed");
	return format;
}

static int
lay_out(const void *cells, bool lenient, arena *a, pt_document *doc, pt_doc_error *err)
{
	pt_allocator alloc = {arena_alloc, a};
	int			rc = lay_out_checked(cells, lenient, "dir/fuzz.xlsx", &alloc, doc, err);

	if (rc == 0 && !lenient)
		check_cell_readings(doc, &alloc);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size > 0 ? size : 1);
	arena		cells_arena = {NULL, 0, -1};
	pt_cells_doc cells;
	size_t		i = 1;			/* byte 0 picks the reader */

	g_size = size;
	memcpy(text, data, size);
	while (i < size)			/* what no reader yields: invalid UTF-8 */
	{
		size_t		k = pt_utf8_char_length((const unsigned char *) text + i, size - i);

		if (k == 0)
		{
			text[i++] = '?';
			continue;
		}
		i += k;
	}
	build(text, size, &cells_arena, &cells);
	check_cells(&cells);
	check_strict_and_lenient(lay_out, &cells, data, size);
	arena_free(&cells_arena);
	free(text);
	return 0;
}
