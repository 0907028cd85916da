/*
 * pt_read.c — what a file is, its text in UTF-8, and the whole pipeline
 * (pt_cells.h): detect → decode → read → lay out.
 *
 * Detection looks at content only, in this order: zip (a .docx has
 * word/document.xml, an .xlsx xl/workbook.xml: member names are stored
 * uncompressed in a zip, so finding them needs no unzipping), OLE2 compound
 * files (legacy .doc / .xls and password-protected .docx / .xlsx, told apart
 * by their stream names, which are UTF-16 in the directory), PDF, RTF,
 * HTML; then text in UTF-8, UTF-16 or GB18030, whose shape decides between
 * the seeds' text export (TAB-led cell lines, titles …绩效目标表) and
 * delimited text (most lines split into 3 or more fields by TAB, comma or
 * semicolon).
 *
 * Encodings: glibc's iconv converts UTF-16 and GB18030 (a superset of GBK and
 * GB2312, what Excel and WPS on a Chinese Windows write).
 */
#include "pt_cells.h"
#include "pt_i18n.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Text detection looks at this much of the text (decoded). */
#define SHAPE_PREFIX 32768

static const char *
find_bytes(const char *hay, size_t n, const char *needle, size_t k)
{
    size_t      i;

    if (k == 0 || n < k)
        return NULL;
    for (i = 0; i + k <= n; i++)
    {
        const char *p = memchr(hay + i, needle[0], n - k + 1 - i);

        if (p == NULL)
            return NULL;
        if (memcmp(p, needle, k) == 0)
            return p;
        i = (size_t) (p - hay);
    }
    return NULL;
}

/* An OLE2 directory entry name: ASCII as UTF-16LE. */
static bool
has_utf16_name(const char *data, size_t len, const char *name)
{
    char        buf[64];
    size_t      k = strlen(name);
    size_t      i;

    if (2 * k > sizeof(buf))
        return false;
    for (i = 0; i < k; i++)
    {
        buf[2 * i] = name[i];
        buf[2 * i + 1] = '\0';
    }
    return find_bytes(data, len, buf, 2 * k) != NULL;
}

static bool
contains_ci(const char *s, size_t n, const char *needle)
{
    size_t      i;
    size_t      k = strlen(needle);

    for (i = 0; i + k <= n; i++)
        if (pt_ascii_starts_ci(s + i, n - i, needle))
            return true;
    return false;
}

/* ------------------------------------------------------------------------
 * Encodings
 * ------------------------------------------------------------------------ */

typedef enum encoding
{
    ENC_UTF8,
    ENC_UTF8_BOM,
    ENC_UTF16LE,
    ENC_UTF16BE,
    ENC_GB18030
} encoding;

static const char *const ENCODING_NAMES[] = {"UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE", "GB18030"};

/* Offset of the first invalid UTF-8 byte, or len when all is valid.  A
 * character cut by the end of a prefix counts as valid when `prefix`. */
static size_t
utf8_invalid_at(const char *s, size_t len, bool prefix)
{
    const unsigned char *u = (const unsigned char *) s;
    size_t      i = 0;

    while (i < len)
    {
        size_t      k;

        if (u[i] < 0x80)
        {
            i++;
            continue;
        }
        k = pt_utf8_char_length(u + i, len - i);
        if (k == 0)
        {
            if (prefix && len - i < 4)
            {
                /* the start of a character the prefix cut: valid so far? */
                unsigned char lead = u[i];
                size_t      need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                size_t      j;
                bool        ok = lead >= 0xC2 && lead <= 0xF4 && len - i < need;

                for (j = i + 1; ok && j < len; j++)
                    ok = (u[j] & 0xC0) == 0x80;
                if (ok)
                    return len;
            }
            return i;
        }
        i += k;
    }
    return len;
}

static encoding
encoding_of(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *) data;

    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return ENC_UTF8_BOM;
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return ENC_UTF16LE;
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return ENC_UTF16BE;
    if (utf8_invalid_at(data, len, false) == len)
        return ENC_UTF8;
    return ENC_GB18030;
}

/*
 * Convert with iconv into out[0..cap); *used is the output length.  Returns
 * 0, or the input offset of the first byte that cannot be converted (+1),
 * or -1 when the output does not fit (prefix conversion: not an error).
 */
static long
convert(const char *from, const char *data, size_t len, char *out, size_t cap, size_t *used,
        bool prefix)
{
    iconv_t     cd = iconv_open("UTF-8", from);
    char       *in = (char *) data;
    size_t      in_left = len;
    char       *o = out;
    size_t      o_left = cap;
    long        rc = 0;

    *used = 0;
    if (cd == (iconv_t) -1)
        return 1;
    while (in_left > 0)
    {
        size_t      r = iconv(cd, &in, &in_left, &o, &o_left);

        if (r != (size_t) -1)
            break;
        if (errno == E2BIG)
        {
            rc = -1;
            break;
        }
        if (errno == EINVAL && prefix)
            break;              /* a character cut by the end of the prefix */
        rc = (long) (in - data) + 1;
        break;
    }
    if (rc == 0 && !prefix)
    {
        /* flush any shift state */
        size_t      r = iconv(cd, NULL, NULL, &o, &o_left);

        if (r == (size_t) -1)
            rc = errno == E2BIG ? -1 : (long) len + 1;
    }
    iconv_close(cd);
    *used = (size_t) (o - out);
    return rc;
}

static const char *
iconv_name(encoding e)
{
    switch (e)
    {
        case ENC_UTF16LE:
            return "UTF-16LE";
        case ENC_UTF16BE:
            return "UTF-16BE";
        case ENC_GB18030:
            return "GB18030";
        default:
            return "UTF-8";
    }
}

static size_t
bom_length(encoding e)
{
    return e == ENC_UTF8_BOM ? 3 : (e == ENC_UTF16LE || e == ENC_UTF16BE) ? 2 : 0;
}

int
pt_decode_text(const char *data, size_t len, const pt_allocator *alloc,
               pt_doc_text *out, const char **enc_name, pt_doc_error *err)
{
    encoding    e = encoding_of(data, len);
    size_t      skip = bom_length(e);
    size_t      cap;
    size_t      used;
    char       *buf;
    long        rc;

    *out = pt_text(NULL, 0);
    if (enc_name != NULL)
        *enc_name = ENCODING_NAMES[e];
    if (e == ENC_UTF8_BOM && utf8_invalid_at(data + skip, len - skip, false) != len - skip)
    {
        /* a byte order mark says UTF-8, the bytes say otherwise */
        char        message[120];
        size_t      at = utf8_invalid_at(data + skip, len - skip, false) + skip;

        snprintf(message, sizeof(message),
                 PT_("invalid UTF-8 after a UTF-8 byte order mark: byte 0x%02X at byte offset %zu"),
                 (unsigned char) data[at], at);
        return pt_cells_fail(err, 0, "", 0, message,
                             PT_N_("Import .docx, .xlsx, CSV or text files; save text as UTF-8 "
                             "(Excel: \"CSV UTF-8\"), or check that the file is not damaged."));
    }
    if (e == ENC_UTF8 || e == ENC_UTF8_BOM)
    {
        *out = pt_text(data + skip, len - skip);
        return 0;
    }
    if (alloc == NULL || alloc->alloc == NULL)
        return pt_cells_fail(err, 0, "", 0, PT_N_("no allocator given"), PT_N_("Pass an allocator."));
    /* UTF-16: at most 3 UTF-8 bytes per 2 input bytes; GB18030: at most 4
     * per 2 (a 4-byte sequence gives at most 4 UTF-8 bytes, ASCII 1 per 1) */
    cap = (len - skip) * 2 + 16;
    if (cap > PT_CELLS_MAX_EXPANDED)
        cap = PT_CELLS_MAX_EXPANDED;
    buf = alloc->alloc(alloc->ctx, cap + 1);
    if (buf == NULL)
    {
        pt_cells_fail(err, 0, "", 0, PT_N_("out of memory while reading the document"),
                      PT_N_("Free memory or split the document."));
        if (err != NULL)
            err->code = PT_DOC_ERR_MEMORY;
        return -1;
    }
    rc = convert(iconv_name(e), data + skip, len - skip, buf, cap, &used, false);
    if (rc == -1)
    {
        pt_cells_fail(err, 0, "", 0, PT_N_("the document is too large once converted to UTF-8: the limit is 256 MiB"),
                      PT_N_("Split the document into smaller files."));
        if (err != NULL)
            err->code = PT_DOC_ERR_LIMIT;
        return -1;
    }
    if (rc > 0)
    {
        char        message[200];
        static const char hex[] = "0123456789ABCDEF";
        size_t      at = (size_t) rc - 1 + skip;
        unsigned char byte = at < len ? (unsigned char) data[at] : 0;
        size_t      k;

        if (e == ENC_GB18030)
            snprintf(message, sizeof(message), "%s", PT_("the document is not text in UTF-8, UTF-16 or GB18030: invalid byte 0x"));
        else
            snprintf(message, sizeof(message), "%s", e == ENC_UTF16LE ? PT_("invalid UTF-16LE text: bad unit at byte offset ")
                     : PT_("invalid UTF-16BE text: bad unit at byte offset "));
        k = strlen(message);
        if (e == ENC_GB18030)
        {
            message[k++] = hex[byte >> 4];
            message[k++] = hex[byte & 15];
            snprintf(message + k, sizeof(message) - k - 24, "%s", PT_(" at byte offset "));
            k = strlen(message);
        }
        {
            char        digits[24];
            int         d = 0;
            size_t      v = at;

            do
            {
                digits[d++] = (char) ('0' + v % 10);
                v /= 10;
            } while (v > 0);
            while (d > 0)
                message[k++] = digits[--d];
            message[k] = '\0';
        }
        return pt_cells_fail(err, 0, "", 0, message,
                             PT_N_("Import .docx, .xlsx, CSV or text files; save text as UTF-8 "
                             "(Excel: \"CSV UTF-8\"), or check that the file is not damaged."));
    }
    buf[used] = '\0';
    *out = pt_text(buf, used);
    return 0;
}

/* ------------------------------------------------------------------------
 * Detection
 * ------------------------------------------------------------------------ */

/* Fields of a line split by sep outside double quotes (a quote opens only at
 * a field's start). */
static int
fields_in_line(const char *s, size_t n, char sep)
{
    int         fields = 1;
    bool        quoted = false;
    bool        field_start = true;
    size_t      i;

    for (i = 0; i < n; i++)
    {
        char        c = s[i];

        if (quoted)
        {
            if (c == '"')
            {
                if (i + 1 < n && s[i + 1] == '"')
                    i++;
                else
                    quoted = false;
            }
            continue;
        }
        if (c == '"' && field_start)
        {
            quoted = true;
            field_start = false;
            continue;
        }
        if (c == sep)
        {
            fields++;
            field_start = true;
            continue;
        }
        field_start = false;
    }
    return fields;
}

/* What UTF-8 text is: the text export, CSV or TSV. */
static pt_source_format
text_shape(const char *s, size_t n, bool truncated)
{
    static const char title_suffix[] = "绩效目标表";
    size_t      pos = 0;
    int         cell_lines = 0;
    int         multi_tab_lines = 0;
    int         titles = 0;
    int         lines = 0;
    int         score_tab = 0,
                score_comma = 0,
                score_semicolon = 0;

    while (pos < n && lines < 400)
    {
        const char *nl = memchr(s + pos, '\n', n - pos);
        size_t      end = nl ? (size_t) (nl - s) : n;
        const char *line = s + pos;
        size_t      len = end - pos;
        size_t      tabs = 0;
        size_t      i;
        pt_doc_text t;

        if (nl == NULL && truncated)
            break;              /* a line the prefix cut */
        pos = nl ? end + 1 : n;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        t = pt_text_trim(pt_text(line, len));
        if (t.len == 0)
            continue;
        lines++;
        for (i = 0; i < len; i++)
            tabs += line[i] == '\t';
        if (len > 0 && line[0] == '\t' && tabs == 1)
            cell_lines++;
        if (tabs >= 2)
            multi_tab_lines++;
        if (t.len >= sizeof(title_suffix) - 1 &&
            memcmp(t.ptr + t.len - (sizeof(title_suffix) - 1), title_suffix, sizeof(title_suffix) - 1) == 0 &&
            tabs == 0)
            titles++;
        if (lines <= 60)
        {
            score_tab += fields_in_line(line, len, '\t') >= 3;
            score_comma += fields_in_line(line, len, ',') >= 3;
            score_semicolon += fields_in_line(line, len, ';') >= 3;
        }
    }
    if (titles > 0 && cell_lines >= 2 && multi_tab_lines == 0)
        return PT_FORMAT_TEXT_EXPORT;
    if (score_tab >= 2 && score_tab >= score_comma && score_tab >= score_semicolon)
        return PT_FORMAT_TSV;
    if (score_comma >= 2 || score_semicolon >= 2)
        return PT_FORMAT_CSV;
    return PT_FORMAT_TEXT_EXPORT;
}

pt_source_format
pt_detect_format(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *) data;
    size_t      head = len < 1024 ? len : 1024;
    size_t      skip = 0;
    encoding    e;

    if (data == NULL)
        return PT_FORMAT_TEXT_EXPORT;
    if (len >= 4 && u[0] == 'P' && u[1] == 'K' &&
        ((u[2] == 3 && u[3] == 4) || (u[2] == 5 && u[3] == 6) || (u[2] == 7 && u[3] == 8)))
    {
        if (find_bytes(data, len, "word/document", 13) != NULL)
            return PT_FORMAT_DOCX;
        if (find_bytes(data, len, "xl/workbook", 11) != NULL)
            return PT_FORMAT_XLSX;
        return PT_FORMAT_ZIP_OTHER;
    }
    if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    {
        if (has_utf16_name(data, len, "EncryptedPackage") || has_utf16_name(data, len, "EncryptionInfo"))
            return PT_FORMAT_OLE2_ENCRYPTED;
        if (has_utf16_name(data, len, "WordDocument"))
            return PT_FORMAT_OLE2_DOC;
        if (has_utf16_name(data, len, "Workbook") || has_utf16_name(data, len, "Book"))
            return PT_FORMAT_OLE2_XLS;
        return PT_FORMAT_OLE2_OTHER;
    }
    if (find_bytes(data, head, "%PDF-", 5) == data ||
        (len >= 5 && find_bytes(data, head, "%PDF-", 5) != NULL && memchr(data, '\0', head) != NULL))
        return PT_FORMAT_PDF;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        skip = 3;
    while (skip < head && (data[skip] == ' ' || data[skip] == '\t' || data[skip] == '\r' || data[skip] == '\n'))
        skip++;
    if (pt_ascii_starts_ci(data + skip, len - skip, "{\\rtf"))
        return PT_FORMAT_RTF;
    if (pt_ascii_starts_ci(data + skip, len - skip, "<!doctype html") ||
        pt_ascii_starts_ci(data + skip, len - skip, "<html") ||
        (pt_ascii_starts_ci(data + skip, len - skip, "<") &&
         (contains_ci(data + skip, head - skip, "<html") || contains_ci(data + skip, head - skip, "<table") ||
          contains_ci(data + skip, head - skip, "urn:schemas-microsoft-com:office"))))
        return PT_FORMAT_HTML;

    /* text: its shape, from a decoded prefix */
    e = encoding_of(data, len);
    if (e == ENC_UTF8 || e == ENC_UTF8_BOM)
    {
        size_t      b = bom_length(e);
        size_t      n = len - b < SHAPE_PREFIX ? len - b : SHAPE_PREFIX;

        return text_shape(data + b, n, n < len - b);
    }
    else
    {
        char        buf[SHAPE_PREFIX];
        size_t      b = bom_length(e);
        size_t      in = len - b < SHAPE_PREFIX / 2 ? len - b : SHAPE_PREFIX / 2;
        size_t      used;
        long        rc = convert(iconv_name(e), data + b, in, buf, sizeof(buf), &used, in < len - b);

        /* a byte order mark says text: pt_decode_text() reports bad UTF-16 */
        if (e == ENC_GB18030 && (rc > 0 || memchr(buf, '\0', used) != NULL))
            return PT_FORMAT_BINARY;
        return text_shape(buf, used, in < len - b || rc == -1);
    }
}

/* ------------------------------------------------------------------------
 * The pipeline
 * ------------------------------------------------------------------------ */

static int
fail_unsupported(pt_doc_error *err, const char *message, const char *hint)
{
    pt_cells_fail(err, 0, "", 0, message, hint);
    if (err != NULL)
        err->code = PT_DOC_ERR_UNSUPPORTED;
    return -1;
}

static int
unsupported(pt_source_format f, pt_doc_error *err)
{
    switch (f)
    {
        case PT_FORMAT_OLE2_DOC:
            return fail_unsupported(err, PT_N_("this is a Word 97-2003 document (.doc), which is not read"),
                                    PT_N_("Open it in Word or WPS and save it as a Word Document (.docx), "
                                    "or save the table as CSV, then import that file."));
        case PT_FORMAT_OLE2_XLS:
            return fail_unsupported(err, PT_N_("this is an Excel 97-2003 workbook (.xls), which is not read"),
                                    PT_N_("Open it in Excel or WPS and save it as an Excel Workbook (.xlsx) "
                                    "or as \"CSV UTF-8\", then import that file."));
        case PT_FORMAT_OLE2_ENCRYPTED:
            return fail_unsupported(err, PT_N_("this is a password-protected (encrypted) Word or Excel file"),
                                    PT_N_("Open it with its password, remove the password (File > Info > Protect > "
                                    "Encrypt with Password) and save it as .docx, .xlsx or CSV, then import that file."));
        case PT_FORMAT_OLE2_OTHER:
            return fail_unsupported(err, PT_N_("this is an older Office file (an OLE2 compound document) "
                                    "that is neither a Word .doc nor an Excel .xls"),
                                    PT_N_("Save the table as .docx, .xlsx or CSV, then import that file."));
        case PT_FORMAT_PDF:
            return fail_unsupported(err, PT_N_("this is a PDF file, which is not read"),
                                    PT_N_("Import the Word or Excel file the PDF was made from (.docx, .xlsx), "
                                    "or copy the table into Excel or WPS and save it as .xlsx or CSV."));
        case PT_FORMAT_RTF:
            return fail_unsupported(err, PT_N_("this is an RTF document, which is not read"),
                                    PT_N_("Open it in Word or WPS and save it as a Word Document (.docx) or as CSV."));
        case PT_FORMAT_HTML:
            return fail_unsupported(err, PT_N_("this is an HTML page (for example an .xls saved as a web page), "
                                    "which is not read"),
                                    PT_N_("Open it in Excel or WPS and save it as an Excel Workbook (.xlsx) or as CSV."));
        case PT_FORMAT_ZIP_OTHER:
            return fail_unsupported(err, PT_N_("this is a zip archive that is neither a Word .docx nor an "
                                    "Excel .xlsx file (perhaps an OpenDocument .odt or .ods)"),
                                    PT_N_("Save the document as .docx, .xlsx or CSV, then import that file."));
        default:
            return fail_unsupported(err, PT_N_("this is not a document that can be read: not text in UTF-8, "
                                    "UTF-16 or GB18030, nor a .docx or .xlsx file"),
                                    PT_N_("Import a .docx or .xlsx file, CSV or tab-separated text, or the "
                                    "plain-text export of a 绩效目标表."));
    }
}

int
pt_document_read(const char *data, size_t len, const pt_read_request *req,
                 const pt_allocator *alloc, pt_document *out,
                 pt_source_format *format, pt_doc_error *err)
{
    pt_doc_error scratch;
    pt_read_request defaults;
    pt_source_format f;
    pt_cells_doc cells;
    pt_doc_text text;
    const char *enc = NULL;
    int         rc;

    if (err == NULL)
        err = &scratch;
    memset(err, 0, sizeof(*err));
    if (out != NULL)
        memset(out, 0, sizeof(*out));
    if (req == NULL)
    {
        memset(&defaults, 0, sizeof(defaults));
        defaults.source = pt_text(NULL, 0);
        req = &defaults;
    }
    if (format != NULL)
        *format = PT_FORMAT_UNKNOWN;
    if (data == NULL)
    {
        data = "";
        len = 0;
    }
    if (len > PT_CELLS_MAX_INPUT)
    {
        pt_cells_fail(err, 0, "", 0, PT_N_("the document is too large: the limit is 64 MiB"),
                      PT_N_("Split the document into smaller files."));
        err->code = PT_DOC_ERR_LIMIT;
        return -1;
    }
    f = req->only != PT_FORMAT_UNKNOWN ? req->only : pt_detect_format(data, len);
    switch (f)
    {
        case PT_FORMAT_DOCX:
            rc = pt_read_docx(data, len, alloc, &cells, err);
            break;
        case PT_FORMAT_XLSX:
            rc = pt_read_xlsx(data, len, req->lenient, alloc, &cells, err);
            break;
        case PT_FORMAT_TEXT_EXPORT:
        case PT_FORMAT_CSV:
        case PT_FORMAT_TSV:
            if (pt_decode_text(data, len, alloc, &text, &enc, err) != 0)
                return -1;
            if (f == PT_FORMAT_TEXT_EXPORT)
                rc = pt_read_text_export(text.ptr, text.len, req->lenient, alloc, &cells, err);
            else
                rc = pt_read_delimited(text.ptr, text.len, f, alloc, &cells, err);
            if (rc == 0)
                cells.encoding = enc;
            break;
        default:
            return unsupported(f, err);
    }
    if (rc != 0)
        return -1;
    if (format != NULL)
        *format = cells.format != PT_FORMAT_UNKNOWN ? cells.format : f;
    return pt_layout(&cells, req, alloc, out, err);
}
