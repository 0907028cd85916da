/*
 * fuzz_docx.c — libFuzzer target: the .docx reader (pt_read_docx.c) and the
 * layout step on what it yields, strict and lenient.
 *
 * Input: bytes starting with "PK" are the whole file (the zip layer: libzip
 * through pt_ooxml.c, limits, damaged archives); anything else is
 * word/document.xml, zipped by the harness (stored, with the package's
 * relationships), so that mutations reach the XML handlers.
 *
 * Checks (fuzz_doc_checks.h): no crash, leak or timeout; the reader's cells
 * and errors well-formed; the layout's documents valid, strict success ⇒
 * lenient success with the same projects; out of memory at an input-chosen
 * allocation of the reader is a clean error.
 */
#include "fuzz_doc_checks.h"
#include "../unit/zip_writer.h"

static const char RELS[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

static int
read_and_lay_out(const char *data, size_t len, bool lenient, arena *a, pt_document *doc, pt_doc_error *err)
{
	pt_allocator alloc = {arena_alloc, a};
	pt_cells_doc cells;
	pt_read_request req;
	int			rc;

	rc = pt_read_docx(data, len, &alloc, &cells, err);
	CHECK(rc == 0 || rc == -1, "reader return code");
	if (rc != 0)
	{
		check_error(err);
		CHECK(cells.n_tables == 0 && cells.tables == NULL, "*out emptied on error");
		return -1;
	}
	CHECK(cells.format == PT_FORMAT_DOCX, "format");
	check_cells(&cells);
	memset(&req, 0, sizeof(req));
	req.lenient = lenient;
	req.source = pt_text("fuzz.docx", 9);
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
	memset(&z, 0, sizeof(z));
	if (size >= 2 && data[0] == 'P' && data[1] == 'K')
	{
		file = (const char *) data;
		len = size;
	}
	else
	{
		zw_add(&z, "_rels/.rels", RELS, sizeof(RELS) - 1, false);
		zw_add(&z, "word/document.xml", data, size, false);
		zw_finish(&z);
		file = (const char *) z.data;
		len = z.len;
	}
	copy = malloc(len > 0 ? len : 1);	/* exactly len bytes: ASan sees reads past the end */
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
