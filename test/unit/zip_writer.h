/*
 * zip_writer.h — a zip archive of stored (or deflated) members, in memory,
 * for the tests and fuzz targets of the .docx and .xlsx readers: they build
 * packages around XML they choose.  Test code only (the readers read zips
 * with libzip); CRC and deflate from zlib.
 *
 *   zw_buf z = {0};
 *   zw_add(&z, "word/document.xml", xml, strlen(xml), true);   deflated
 *   zw_finish(&z);                                             z.data, z.len
 *   free(z.data);
 */
#ifndef ZIP_WRITER_H
#define ZIP_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define ZW_MAX_MEMBERS 64

/* zw_docx / zw_xlsx deflate the XML parts when set (fuzz targets store them: faster) */
static bool zw_compress = true;

typedef struct zw_buf
{
	unsigned char *data;
	size_t		len;
	size_t		cap;
	int			n;
	struct
	{
		char		name[256];
		uint32_t	crc;
		uint32_t	csize;
		uint32_t	usize;
		uint32_t	offset;
		uint16_t	method;
	}			members[ZW_MAX_MEMBERS];
} zw_buf;

static void
zw_bytes(zw_buf *z, const void *p, size_t n)
{
	if (z->len + n > z->cap)
	{
		size_t		cap = z->cap ? z->cap : 4096;

		while (cap < z->len + n)
			cap *= 2;
		z->data = realloc(z->data, cap);
		z->cap = cap;
	}
	memcpy(z->data + z->len, p, n);
	z->len += n;
}

static void
zw_u16(zw_buf *z, unsigned v)
{
	unsigned char b[2] = {(unsigned char) v, (unsigned char) (v >> 8)};

	zw_bytes(z, b, 2);
}

static void
zw_u32(zw_buf *z, uint32_t v)
{
	unsigned char b[4] = {(unsigned char) v, (unsigned char) (v >> 8), (unsigned char) (v >> 16),
	(unsigned char) (v >> 24)};

	zw_bytes(z, b, 4);
}

/* Add a member; compress: deflate it (raw deflate, as zip wants). */
static void
zw_add(zw_buf *z, const char *name, const void *data, size_t len, bool compress)
{
	unsigned char *out = NULL;
	size_t		out_len = len;
	size_t		name_len = strlen(name);

	if (z->n >= ZW_MAX_MEMBERS || name_len >= 256)
		return;
	if (compress)
	{
		z_stream	s;

		memset(&s, 0, sizeof(s));
		deflateInit2(&s, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
		out_len = deflateBound(&s, len);
		out = malloc(out_len > 0 ? out_len : 1);
		s.next_in = (unsigned char *) data;
		s.avail_in = (uInt) len;
		s.next_out = out;
		s.avail_out = (uInt) out_len;
		deflate(&s, Z_FINISH);
		out_len = s.total_out;
		deflateEnd(&s);
	}
	strcpy(z->members[z->n].name, name);
	z->members[z->n].crc = (uint32_t) crc32(0, data, (uInt) len);
	z->members[z->n].csize = (uint32_t) out_len;
	z->members[z->n].usize = (uint32_t) len;
	z->members[z->n].offset = (uint32_t) z->len;
	z->members[z->n].method = compress ? 8 : 0;
	zw_u32(z, 0x04034B50);
	zw_u16(z, 20);
	zw_u16(z, 0);
	zw_u16(z, z->members[z->n].method);
	zw_u16(z, 0);
	zw_u16(z, 0x21);
	zw_u32(z, z->members[z->n].crc);
	zw_u32(z, z->members[z->n].csize);
	zw_u32(z, z->members[z->n].usize);
	zw_u16(z, (unsigned) name_len);
	zw_u16(z, 0);
	zw_bytes(z, name, name_len);
	zw_bytes(z, compress ? out : data, out_len);
	free(out);
	z->n++;
}

static void
zw_finish(zw_buf *z)
{
	size_t		start = z->len;
	int			i;

	for (i = 0; i < z->n; i++)
	{
		size_t		name_len = strlen(z->members[i].name);

		zw_u32(z, 0x02014B50);
		zw_u16(z, 20);
		zw_u16(z, 20);
		zw_u16(z, 0);
		zw_u16(z, z->members[i].method);
		zw_u16(z, 0);
		zw_u16(z, 0x21);
		zw_u32(z, z->members[i].crc);
		zw_u32(z, z->members[i].csize);
		zw_u32(z, z->members[i].usize);
		zw_u16(z, (unsigned) name_len);
		zw_u16(z, 0);
		zw_u16(z, 0);
		zw_u16(z, 0);
		zw_u16(z, 0);
		zw_u32(z, 0);
		zw_u32(z, z->members[i].offset);
		zw_bytes(z, z->members[i].name, name_len);
	}
	size_t		cd_size = z->len - start;

	zw_u32(z, 0x06054B50);
	zw_u16(z, 0);
	zw_u16(z, 0);
	zw_u16(z, (unsigned) z->n);
	zw_u16(z, (unsigned) z->n);
	zw_u32(z, (uint32_t) cd_size);
	zw_u32(z, (uint32_t) start);
	zw_u16(z, 0);
}

/* Packages around parts: a .docx of document.xml; an .xlsx of a sheet (and
 * optional shared strings, styles, workbook). */
static const char ZW_CT[] = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

static void
zw_docx(zw_buf *z, const char *document, size_t len)
{
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
		"relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

	memset(z, 0, sizeof(*z));
	zw_add(z, "[Content_Types].xml", ZW_CT, strlen(ZW_CT), false);
	zw_add(z, "_rels/.rels", rels, strlen(rels), false);
	zw_add(z, "word/document.xml", document, len, zw_compress);
	zw_finish(z);
}

static const char ZW_WORKBOOK[] =
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<sheet name=\"第二页\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";

/* parts: sheet1, sheet2 (or NULL), sharedStrings (or NULL), styles (or NULL), workbook (or NULL: two sheets) */
static void
zw_xlsx(zw_buf *z, const char *const parts[5], const size_t lens[5])
{
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
		"relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
	static const char wb_rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
		"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
		"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
		"<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
		"</Relationships>";
	static const char empty_sheet[] =
		"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>";

	memset(z, 0, sizeof(*z));
	zw_add(z, "[Content_Types].xml", ZW_CT, strlen(ZW_CT), false);
	zw_add(z, "_rels/.rels", rels, strlen(rels), false);
	zw_add(z, "xl/workbook.xml", parts[4] ? parts[4] : ZW_WORKBOOK, parts[4] ? lens[4] : strlen(ZW_WORKBOOK), false);
	zw_add(z, "xl/_rels/workbook.xml.rels", wb_rels, strlen(wb_rels), false);
	zw_add(z, "xl/worksheets/sheet1.xml", parts[0], lens[0], zw_compress);
	zw_add(z, "xl/worksheets/sheet2.xml", parts[1] ? parts[1] : empty_sheet,
		   parts[1] ? lens[1] : strlen(empty_sheet), zw_compress);
	if (parts[2])
		zw_add(z, "xl/sharedStrings.xml", parts[2], lens[2], zw_compress);
	if (parts[3])
		zw_add(z, "xl/styles.xml", parts[3], lens[3], zw_compress);
	zw_finish(z);
}

#endif
