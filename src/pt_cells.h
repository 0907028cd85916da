/*
 * pt_cells.h — the one document model: what every reader yields.
 *
 *   bytes ──reader──▶ pt_cells_doc (tables of cells) ──pt_layout()──▶ pt_document
 *
 * A reader per source format (the seeds' plain-text export of Word, delimited
 * text, .docx, .xlsx) turns a file into tables of cells, each with the text as
 * the user sees it, and the paragraphs (lines) that precede each table (title,
 * department, 单位).  It knows nothing of indicators.  One layout step
 * (pt_layout.c) then recognises column roles by their header words and turns
 * rows into projects and indicators (pt_document.h), the same way for every
 * source.
 *
 * Plain C11, no PostgreSQL headers (unit-tested and fuzzed alone).  Memory and
 * errors follow pt_document.h: every block comes from the caller's arena
 * (pt_allocator: never freed individually, NULL = out of memory); a function
 * returns 0 on success and -1 on failure with *err filled (message, hint, and
 * where: line, or part + row) and *out emptied.  No recursion anywhere; time
 * linear in the input; every limit below is an error, never a truncation.
 *
 * Texts (pt_doc_text) are UTF-8 with an explicit length, not NUL-terminated,
 * ptr never NULL.  They point into the reader's input or its arena: the input
 * given to a reader must outlive the result.
 */
#ifndef PT_CELLS_H
#define PT_CELLS_H

#include <stdbool.h>
#include <stddef.h>

#include "pt_document.h"

/* ------------------------------------------------------------------------
 * Limits (all readers).  An input beyond one is an error naming the limit,
 * with err->code = PT_DOC_ERR_LIMIT (the glue reports SQLSTATE 54000).
 * ------------------------------------------------------------------------ */

#define PT_CELLS_MAX_INPUT      PT_DOC_MAX_BYTES                /* bytes of the file as given */
#define PT_CELLS_MAX_EXPANDED   ((size_t) 256 * 1024 * 1024)    /* bytes after unzip / decoding, all parts together */
#define PT_CELLS_MAX_RATIO      200                             /* zip: uncompressed / compressed size of one part */
#define PT_CELLS_MAX_CELLS      10000000                        /* cells in the whole document */
#define PT_CELLS_MAX_COLUMNS    1000                            /* cells in one row */
#define PT_CELLS_MAX_TABLES     100000                          /* tables (docx) or sheets (xlsx) */
#define PT_CELLS_MAX_CELL_BYTES ((size_t) 1024 * 1024)          /* text of one cell */

/* ------------------------------------------------------------------------
 * Source formats
 * ------------------------------------------------------------------------ */

typedef enum pt_source_format
{
    PT_FORMAT_UNKNOWN = 0,
    PT_FORMAT_TEXT_EXPORT,      /* the seeds: Word's "Plain Text" export, a cell per TAB-led line */
    PT_FORMAT_CSV,              /* comma-separated, RFC 4180 quoting */
    PT_FORMAT_TSV,              /* TAB-separated (Excel/WPS "Text (Tab delimited)", a copied table) */
    PT_FORMAT_DOCX,             /* Word 2007+ (zip with word/document.xml) */
    PT_FORMAT_XLSX,             /* Excel 2007+ (zip with xl/workbook.xml) */
    /* recognised, not readable: pt_detect_format() names them for the error */
    PT_FORMAT_ZIP_OTHER,        /* a zip that is neither (e.g. .odt, .ods, .pptx) */
    PT_FORMAT_OLE2_DOC,         /* legacy Word 97-2003 .doc */
    PT_FORMAT_OLE2_XLS,         /* legacy Excel 97-2003 .xls */
    PT_FORMAT_OLE2_ENCRYPTED,   /* password-protected .docx / .xlsx (an OLE2 container) */
    PT_FORMAT_OLE2_OTHER,       /* another OLE2 compound file (.ppt, .wps, ...) */
    PT_FORMAT_PDF,
    PT_FORMAT_RTF,
    PT_FORMAT_HTML,             /* e.g. an .xls that is really HTML, or a saved web page */
    PT_FORMAT_BINARY            /* none of the above and not text in any supported encoding */
} pt_source_format;

/* Short lower-case name: "text export", "csv", "tsv", "docx", "xlsx", ... */
const char *pt_format_name(pt_source_format format);

/*
 * What the bytes are, from their content alone (signatures, zip member
 * names, OLE2 stream names, then text shape).  Text is recognised in any
 * encoding pt_decode_text() reads; between the text export and delimited
 * text it decides by the shape of the lines (pt_read.c).
 */
pt_source_format pt_detect_format(const char *data, size_t len);

/* ------------------------------------------------------------------------
 * The model
 * ------------------------------------------------------------------------ */

typedef enum pt_merge
{
    PT_MERGE_NONE = 0,          /* a cell of its own */
    PT_MERGE_ABOVE = 1,         /* covered by a vertical merge (docx vMerge, xlsx mergeCell) */
    PT_MERGE_LEFT = 2           /* covered by a horizontal merge (docx gridSpan, xlsx mergeCell) */
} pt_merge;

typedef struct pt_cell
{
    pt_doc_text text;           /* as shown, not trimmed; paragraphs joined by '\n'.
                                 * A merged (covered) cell carries the text of
                                 * the merge's first cell: resolved, and flagged */
    int         line;           /* text formats: 1-based line where the cell starts; 0 otherwise */
    unsigned char merged;       /* pt_merge */
} pt_cell;

typedef struct pt_cell_row
{
    pt_cell    *cells;          /* n_cells cells, one per grid column from the left */
    int         n_cells;        /* may differ between rows; missing cells are empty */
    int         source_row;     /* where the row is: text formats the line of its first
                                 * cell, xlsx the sheet's row number (1-based, as Excel
                                 * shows it), docx the row number in its table (1-based) */
} pt_cell_row;

typedef struct pt_paragraph
{
    pt_doc_text text;           /* as shown, trimmed, never empty */
    int         line;           /* text formats: line; docx: paragraph number in the body;
                                 * xlsx: not used (title rows are table rows there) */
} pt_paragraph;

typedef struct pt_cell_table
{
    int         number;         /* 1-based: docx table number in document order (tables
                                 * nested in cells are read as text of their cell);
                                 * xlsx sheet number; text formats 1, 2, ... */
    pt_doc_text sheet;          /* xlsx: the sheet's name; empty otherwise */
    pt_paragraph *before;       /* paragraphs between the previous table (or the start)
                                 * and this table, in order: title, department, 单位 */
    int         n_before;
    pt_cell_row *rows;          /* in order; a row of only empty cells may be left out */
    int         n_rows;
    int         n_columns;      /* the longest row */
    unsigned    flags;          /* PT_TABLE_* */
} pt_cell_table;

/* The reader formed the rows by counting cells of a fixed layout (the text
 * export has no row marks) and has checked them; see pt_read_text.c. */
#define PT_TABLE_ROWS_COUNTED   0x01

typedef struct pt_cells_doc
{
    pt_source_format format;
    pt_cell_table *tables;      /* in document order */
    int         n_tables;
    pt_paragraph *after;        /* paragraphs after the last table (signatures, notes) */
    int         n_after;
    pt_doc_skip *skipped;       /* lenient mode: what the reader left out, in order */
    int         n_skipped;
    const char *encoding;       /* text formats: "UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE",
                                 * "GB18030"; NULL for zip formats */
} pt_cells_doc;

/* ------------------------------------------------------------------------
 * Readers.  Each reads the whole input or fails; none reads past len.
 * ------------------------------------------------------------------------ */

/*
 * Text of any supported encoding → UTF-8: a UTF-8, UTF-16LE or UTF-16BE
 * byte order mark decides; else valid UTF-8 is UTF-8; else GB18030 (which
 * includes GBK and GB2312) through iconv.  *out points into data when it is
 * UTF-8 already (BOM removed), else into the arena.  *encoding as in
 * pt_cells_doc.  Fails on bytes that are text in none of them.
 */
int         pt_decode_text(const char *data, size_t len, const pt_allocator *alloc,
                           pt_doc_text *out, const char **encoding, pt_doc_error *err);

/*
 * The seeds' text export (UTF-8): per project, the title, department and unit
 * lines become the table's paragraphs; the project cells and the indicator
 * table become one table whose rows are formed by the fixed layout (flag
 * PT_TABLE_ROWS_COUNTED).  Errors and lenient skips are those of
 * pt_document_parse() (same messages and lines).
 */
int         pt_read_text_export(const char *text, size_t len, bool lenient,
                                const pt_allocator *alloc, pt_cells_doc *out, pt_doc_error *err);

/*
 * Delimited text (UTF-8, as pt_decode_text() makes it): TSV or CSV as Word,
 * Excel or WPS export it.  The separator is the one of TAB, comma or
 * semicolon that splits the first lines most consistently; RFC 4180 quoting
 * ("a, b", "say ""x""", quoted line breaks); CR LF or LF.  One table: every
 * record is a row, lines are positions.  Title lines above the table are rows
 * too (a record with one non-empty cell): the layout reads them as paragraphs.
 */
int         pt_read_delimited(const char *text, size_t len, pt_source_format format,
                              const pt_allocator *alloc, pt_cells_doc *out, pt_doc_error *err);

/*
 * .docx (pt_read_docx.c).  Contract: every w:tbl of word/document.xml's body
 * in document order is a table (a table inside a cell becomes that cell's
 * text); the body paragraphs between tables are `before` paragraphs of the
 * next table (empty ones left out), those after the last table `after`.
 * A cell's text is its paragraphs' text joined by '\n' (w:t, w:tab as TAB,
 * w:br / w:cr as '\n', w:noBreakHyphen '-', fields by their shown result;
 * deleted text w:del left out).  gridSpan = n gives the cell and n-1
 * PT_MERGE_LEFT cells; vMerge continuation cells are PT_MERGE_ABOVE; both
 * carry the origin's text.  source_row: row number in the table.  A header
 * row repeated on a following page inside one table stays a row (the layout
 * skips repeated header rows).  Limits above (zip bombs: member size and
 * ratio; no DTD, no external entities: an XML parser with entity expansion
 * off).  Errors: a corrupt or truncated zip, a missing word/document.xml,
 * malformed XML → -1 with part = the zip member, row = 0.
 */
int         pt_read_docx(const char *data, size_t len, const pt_allocator *alloc,
                         pt_cells_doc *out, pt_doc_error *err);

/*
 * .xlsx (pt_read_xlsx.c).  Contract: every worksheet in workbook order is a
 * table (number = sheet position, sheet = its name); no paragraphs (title
 * rows are rows).  A cell's text is what Excel shows: shared and inline
 * strings; numbers through their number format (0.95 with "0%" → "95%",
 * "0.00" keeps two decimals, a date serial with a date format → the date as
 * formatted, e.g. "2023年12月"); booleans TRUE/FALSE; a formula's cached
 * value (a formula without one → error naming the sheet and cell; lenient:
 * the cell left empty and reported in out->skipped).  Merged
 * ranges: the top-left cell's text in every covered cell, flagged ABOVE
 * (rows below the first) or LEFT (first row).  source_row: Excel's row
 * number; rows with no cell are left out.  Limits and errors as for docx.
 */
int         pt_read_xlsx(const char *data, size_t len, bool lenient, const pt_allocator *alloc,
                         pt_cells_doc *out, pt_doc_error *err);

/* ------------------------------------------------------------------------
 * Building a pt_cells_doc (pt_cells.c): what every reader uses, so limits,
 * merge resolution and growth are the same everywhere.
 *
 *   pt_cells_builder b;
 *   pt_cells_begin(&b, PT_FORMAT_DOCX, alloc, err);
 *   pt_cells_paragraph(&b, "某某项目绩效目标表", n, 0);    before the next table
 *                                                        (trimmed; empty ones left out)
 *   pt_cells_table(&b, NULL, 0);                         or the sheet's name
 *   pt_cells_row(&b, 1);                                 source row
 *   pt_cells_cell(&b, "一级指标", n, 0, PT_MERGE_NONE);
 *   pt_cells_cell(&b, NULL, 0, 0, PT_MERGE_LEFT);        text taken from the origin
 *   ...
 *   pt_cells_finish(&b, &doc);                           paragraphs since the last
 *                                                        table become doc.after
 * Each returns false after an error (limit, memory; *err filled); calls
 * after an error do nothing and return false.  Text passed to pt_cells_cell
 * and pt_cells_paragraph is referenced, not copied: it must outlive the
 * result (use the _copy variants for text in a temporary buffer); a sheet
 * name is copied.  Every text must be valid UTF-8 (the layout relies on it).  A merged
 * cell's text is resolved from the cell to its left (LEFT) or the same
 * column of the row above (ABOVE); with no such cell it is empty.
 * ------------------------------------------------------------------------ */

typedef struct pt_cells_builder
{
    const pt_allocator *alloc;
    pt_doc_error *err;
    bool        failed;
    pt_cells_doc doc;
    int         table_capacity;
    pt_paragraph *pending;      /* paragraphs waiting for the next table */
    int         n_pending;
    int         pending_capacity;
    int         row_capacity;   /* of the current table's rows */
    int         cell_capacity;  /* of the current row's cells */
    long        total_cells;
    int         skip_capacity;
} pt_cells_builder;

void        pt_cells_begin(pt_cells_builder *b, pt_source_format format,
                           const pt_allocator *alloc, pt_doc_error *err);
bool        pt_cells_paragraph(pt_cells_builder *b, const char *text, size_t len, int line);
bool        pt_cells_paragraph_copy(pt_cells_builder *b, const char *text, size_t len, int line);
bool        pt_cells_table(pt_cells_builder *b, const char *sheet, size_t sheet_len);
bool        pt_cells_row(pt_cells_builder *b, int source_row);
bool        pt_cells_cell(pt_cells_builder *b, const char *text, size_t len, int line,
                          pt_merge merged);
bool        pt_cells_cell_copy(pt_cells_builder *b, const char *text, size_t len, int line,
                               pt_merge merged);
/* Lenient readers: record a part left out (message and hint are copied). */
bool        pt_cells_skip(pt_cells_builder *b, int title_line, int line, pt_doc_text title,
                          const char *message, const char *hint);
/* Moves the result to *out (emptied on failure); 0 or -1 like a reader. */
int         pt_cells_finish(pt_cells_builder *b, pt_cells_doc *out);

/* Fill *err (message and hint are copied, cut at a character boundary);
 * for readers that fail outside the builder.  Returns -1. */
int         pt_cells_fail(pt_doc_error *err, int line, const char *part, int row,
                          const char *message, const char *hint);

/* How messages name a table: "table 3", or "sheet \"绩效\"" when it has a
 * sheet name.  NUL-terminated; returns the length. */
#define PT_CELLS_PART_MAX 128
size_t      pt_cells_part_name(const pt_cell_table *t, char *buf, size_t cap);

/* ------------------------------------------------------------------------
 * Text helpers shared by the readers and the layout (pt_cells.c)
 * ------------------------------------------------------------------------ */

pt_doc_text pt_text(const char *ptr, size_t len);  /* ptr NULL or len 0: the empty text */
/* Byte length of the white space character at s[0..n) / ending at s[n-1], or
 * 0: ASCII blanks, NBSP, U+3000 (s valid UTF-8). */
size_t      pt_text_space_at(const char *s, size_t n);
size_t      pt_text_space_before(const char *s, size_t n);
pt_doc_text pt_text_trim(pt_doc_text t);
bool        pt_text_starts_with(pt_doc_text t, const char *prefix);
bool        pt_text_ends_with(pt_doc_text t, const char *suffix);
bool        pt_text_equals(pt_doc_text t, const char *s);   /* the whole text is s */
bool        pt_text_same(pt_doc_text a, pt_doc_text b);
/* Does s[0..n) start with prefix, ASCII letters in either case? */
bool        pt_ascii_starts_ci(const char *s, size_t n, const char *prefix);
/* "123" or "123.45" */
bool        pt_text_is_decimal(pt_doc_text t);
/* Length of the valid UTF-8 character at s[0..n), or 0 (overlong forms,
 * surrogates, beyond U+10FFFF and truncated characters are invalid). */
size_t      pt_utf8_char_length(const unsigned char *s, size_t n);

/* ------------------------------------------------------------------------
 * The whole pipeline (pt_read.c): detect, decode, read, lay out.
 * ------------------------------------------------------------------------ */

typedef struct pt_read_request
{
    bool        lenient;        /* skip and report what cannot be placed */
    pt_doc_text source;         /* the file name as given (may be empty): a table
                                 * without a title takes its project name from it,
                                 * without directory and extension */
    pt_source_format only;      /* UNKNOWN: detect; else read as this format */
} pt_read_request;

/*
 * Reads any supported file into projects and indicators.  On success
 * *format says what was read.  Unsupported formats (legacy .doc / .xls,
 * encrypted files, PDF, RTF, HTML, other zips, binary data) fail with a
 * message that says what the file is and a hint to convert it.
 */
int         pt_document_read(const char *data, size_t len, const pt_read_request *req,
                             const pt_allocator *alloc, pt_document *out,
                             pt_source_format *format, pt_doc_error *err);

/* ------------------------------------------------------------------------
 * The layout step (pt_layout.c): tables of cells → projects and indicators.
 * ------------------------------------------------------------------------ */

/*
 * Recognises each table's header row by its words (一级/二级/三级指标,
 * 指标名称, 指标值 and its variants, 计算符号, 度量单位, 分值, 实际完成值,
 * 得分, 偏差原因, ...; README "Importing documents"), reads the rows above it
 * and the paragraphs before the table as project information, and every row
 * below it as an indicator.  A table without such a header row is not an
 * indicator table: it is skipped and reported in out->skipped (strict mode
 * too), unless it holds project information (项目名称) for the next table.
 * What cannot be placed is an error in strict mode and a skip in lenient
 * mode, never a guess.  Strings of *out point into *cells or the arena.
 */
int         pt_layout(const pt_cells_doc *cells, const pt_read_request *req,
                      const pt_allocator *alloc, pt_document *out, pt_doc_error *err);

/* ------------------------------------------------------------------------
 * Messages: a bounded builder over a fixed buffer (the error texts of
 * pt_doc_error), shared by the readers and the layout step.  It never
 * overflows and never cuts a UTF-8 character.
 * ------------------------------------------------------------------------ */

typedef struct pt_msg
{
    char       *buf;
    size_t      cap;
    size_t      len;
} pt_msg;

/* Quotes are shortened to this many bytes (and to their first line). */
#define PT_MSG_QUOTE_MAX 60

pt_msg      pt_msg_start(char *buf, size_t cap);
void        pt_msg_add(pt_msg *m, const char *s, size_t n);
void        pt_msg_str(pt_msg *m, const char *s);
void        pt_msg_count(pt_msg *m, long count);
/* "first line of t", shortened with … */
void        pt_msg_quote(pt_msg *m, pt_doc_text t);

#endif                          /* PT_CELLS_H */
