/*
 * fuzz_docx.c — libFuzzer target: the .docx reader (pt_read_docx.c) and the
 * layout step on what it yields, strict and lenient.
 *
 * Input: bytes starting with "PK" are the whole file (the zip layer: libzip
 * through pt_ooxml.c, limits, damaged archives); anything else is
 * word/document.xml, zipped by the harness (stored, with the package's
 * relationships), so that mutations reach the XML handlers.
 *
 * Checks (fuzz_ooxml_common.h): no crash, leak or timeout; the reader's cells
 * and errors well-formed; the layout's documents valid, strict success ⇒
 * lenient success with the same projects; out of memory at an input-chosen
 * allocation of the reader is a clean error.
 */
#include "fuzz_ooxml_common.h"

static const char RELS[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

static void
zip_document_xml(zw_buf *z, const uint8_t *data, size_t size)
{
	zw_add(z, "_rels/.rels", RELS, sizeof(RELS) - 1, false);
	zw_add(z, "word/document.xml", data, size, false);
	zw_finish(z);
}

static int
read_docx(const char *file, size_t len, bool lenient, const pt_allocator *alloc,
		  pt_cells_doc *cells, pt_doc_error *err)
{
	return pt_read_docx(file, len, alloc, cells, err);	/* one reading for both modes */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const ooxml_target docx = {read_docx, PT_FORMAT_DOCX, "fuzz.docx", zip_document_xml};

	return fuzz_ooxml(&docx, data, size);
}
