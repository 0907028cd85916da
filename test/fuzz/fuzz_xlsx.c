/*
 * fuzz_xlsx.c — libFuzzer target: the .xlsx reader (pt_read_xlsx.c: shared
 * strings, styles and number formats, sheets, merged ranges, formulas) and
 * the layout step on what it yields, strict and lenient.
 *
 * Input: bytes starting with "PK" are the whole file; anything else is the
 * workbook's parts separated by NUL bytes (which XML cannot hold), zipped by
 * the harness with the relationships that name them:
 *
 *   sheet1.xml \0 sharedStrings.xml \0 styles.xml \0 workbook.xml \0 sheet2.xml
 *
 * (a part left out or empty: a workbook with two sheets named Sheet1 and 第二页,
 * no shared strings, no styles).
 *
 * Checks (fuzz_doc_checks.h): as fuzz_docx.c.
 */
#include "fuzz_doc_checks.h"
#include "../unit/zip_writer.h"

static int
read_and_lay_out(const char *data, size_t len, bool lenient, arena *a, pt_document *doc, pt_doc_error *err)
{
	pt_allocator alloc = {arena_alloc, a};
	pt_cells_doc cells;
	pt_read_request req;
	int			rc;

	rc = pt_read_xlsx(data, len, lenient, &alloc, &cells, err);
	CHECK(rc == 0 || rc == -1, "reader return code");
	if (rc != 0)
	{
		check_error(err);
		CHECK(cells.n_tables == 0 && cells.tables == NULL, "*out emptied on error");
		return -1;
	}
	CHECK(cells.format == PT_FORMAT_XLSX, "format");
	CHECK(lenient || cells.n_skipped == 0, "strict reader skipped something");
	check_cells(&cells);
	memset(&req, 0, sizeof(req));
	req.lenient = lenient;
	req.source = pt_text("fuzz.xlsx", 9);
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
	static const char empty_sheet[] = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>";
	zw_buf		z;
	const char *file;
	size_t		len;
	char	   *copy;
	arena		strict_arena = {NULL, 0, -1},
				lenient_arena = {NULL, 0, -1};
	pt_document strict_doc,
				lenient_doc;
	pt_doc_error err;
	int			strict_rc,
				lenient_rc;
	long		allocations;

	g_size = size;
	zw_compress = false;
	memset(&z, 0, sizeof(z));
	if (size >= 2 && data[0] == 'P' && data[1] == 'K')
	{
		file = (const char *) data;
		len = size;
	}
	else
	{
		/* parts: sheet1, strings, styles, workbook, sheet2 → zw_xlsx's order */
		const char *parts[5] = {empty_sheet, NULL, NULL, NULL, NULL};
		size_t		lens[5] = {sizeof(empty_sheet) - 1, 0, 0, 0, 0};
		static const int slot[5] = {0, 2, 3, 4, 1};
		size_t		pos = 0;
		int			k;

		for (k = 0; k < 5 && pos <= size; k++)
		{
			const uint8_t *nul = pos < size ? memchr(data + pos, '\0', size - pos) : NULL;
			size_t		end = nul ? (size_t) (nul - data) : size;

			if (end > pos)
			{
				parts[slot[k]] = (const char *) data + pos;
				lens[slot[k]] = end - pos;
			}
			pos = end + 1;
		}
		zw_xlsx(&z, parts, lens);
		file = (const char *) z.data;
		len = z.len;
	}
	copy = malloc(len > 0 ? len : 1);
	memcpy(copy, file, len);

	strict_rc = read_and_lay_out(copy, len, false, &strict_arena, &strict_doc, &err);
	lenient_rc = read_and_lay_out(copy, len, true, &lenient_arena, &lenient_doc, &err);
	allocations = lenient_arena.allocations;
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
		CHECK(read_and_lay_out(copy, len, true, &oom, &lenient_doc, &err) == -1,
			  "a failed allocation went unnoticed");
		CHECK(err.code == PT_DOC_ERR_MEMORY, "out of memory reported as such");
		arena_free(&oom);
	}
	free(copy);
	free(z.data);
	return 0;
}
