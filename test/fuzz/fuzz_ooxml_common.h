/*
 * fuzz_ooxml_common.h — the harness fuzz_docx.c and fuzz_xlsx.c share: an
 * input starting with "PK" is the whole file; anything else is zipped into a
 * package by the target (so that mutations reach the XML handlers).  The file
 * is read, its cells checked and laid out, strict and lenient
 * (fuzz_strict_lenient.h).
 */
#ifndef PT_FUZZ_OOXML_COMMON_H
#define PT_FUZZ_OOXML_COMMON_H

#include "fuzz_strict_lenient.h"
#include "../unit/zip_writer.h"

typedef struct ooxml_target
{
	/* pt_read_docx or pt_read_xlsx, with the target's own checks */
	int			(*read) (const char *file, size_t len, bool lenient, const pt_allocator *alloc,
						 pt_cells_doc *cells, pt_doc_error *err);
	pt_source_format format;	/* what the reader must say it read */
	const char *source;			/* the file name the layout step is given */
	/* the package made of an input that is not a zip */
	void		(*zip) (zw_buf *z, const uint8_t *data, size_t size);
} ooxml_target;

typedef struct ooxml_input
{
	const ooxml_target *target;
	const char *file;
	size_t		len;
} ooxml_input;

static inline int
read_and_lay_out(const void *input, bool lenient, arena *a, pt_document *doc, pt_doc_error *err)
{
	const ooxml_input *in = input;
	pt_allocator alloc = {arena_alloc, a};
	pt_cells_doc cells;

	if (!check_read(in->target->read(in->file, in->len, lenient, &alloc, &cells, err), &cells, err))
		return -1;
	CHECK(cells.format == in->target->format, "format");
	return lay_out_checked(&cells, lenient, in->target->source, &alloc, doc, err);
}

static inline int
fuzz_ooxml(const ooxml_target *target, const uint8_t *data, size_t size)
{
	ooxml_input in = {target, (const char *) data, size};
	zw_buf		z;
	char	   *copy;

	g_size = size;
	zw_compress = false;		/* stored: the fuzzer's bytes reach the XML parser as they are */
	memset(&z, 0, sizeof(z));
	if (!(size >= 2 && data[0] == 'P' && data[1] == 'K'))
	{
		target->zip(&z, data, size);
		in.file = (const char *) z.data;
		in.len = z.len;
	}
	copy = malloc(in.len > 0 ? in.len : 1); /* exactly len bytes: ASan sees reads past the end */
	memcpy(copy, in.file, in.len);
	in.file = copy;

	check_strict_and_lenient(read_and_lay_out, &in, data, size);
	free(copy);
	free(z.data);
	return 0;
}

#endif
