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
 * Checks (fuzz_ooxml_common.h): as fuzz_docx.c; a strict read never reports
 * skips.
 */
#include "fuzz_ooxml_common.h"

static void
zip_parts(zw_buf *z, const uint8_t *data, size_t size)
{
	static const char empty_sheet[] = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>";

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
	zw_xlsx(z, parts, lens);
}

static int
read_xlsx(const char *file, size_t len, bool lenient, const pt_allocator *alloc,
		  pt_cells_doc *cells, pt_doc_error *err)
{
	int			rc = pt_read_xlsx(file, len, lenient, alloc, cells, err);

	CHECK(rc != 0 || lenient || cells->n_skipped == 0, "strict reader skipped something");
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const ooxml_target xlsx = {read_xlsx, PT_FORMAT_XLSX, "fuzz.xlsx", zip_parts};

	return fuzz_ooxml(&xlsx, data, size);
}
