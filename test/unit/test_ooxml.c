/*
 * Unit tests of the .docx and .xlsx readers (src/pt_read_docx.c,
 * src/pt_read_xlsx.c), the zip and XML layer (src/pt_ooxml.c) and Excel's
 * number formats (src/pt_numfmt.c), and of the whole pipeline on the
 * fixtures made by test/data/documents/make_ooxml_fixtures.py: each .docx and
 * .xlsx gives the same projects and indicators as the CSV of its layout.
 *
 *   test/unit/test_ooxml test/data/documents
 *
 * Packages around chosen XML are zipped by test/unit/zip_writer.h.  Each test
 * function is one test case (TEST_CASE, test/unit/check.h).
 */
#define _GNU_SOURCE               /* memmem */
#include "pt_ooxml.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc_check.h"
#include "rng.h"
#include "valid_utf8.h"
#include "zip_writer.h"
static pt_allocator alloc = {arena_alloc, &the_arena};
static pt_doc_error err;

/* ------------------------------------------------------------ reading */

/* The package's bytes, exactly len long (ASan sees reads past the end). */
static int
read_doc(const void *data, size_t len, bool xlsx, bool lenient, pt_cells_doc *doc)
{
    static char *previous;
    char       *copy = malloc(len > 0 ? len : 1);
    int         rc;

    memcpy(copy, data, len);
    arena_reset(&the_arena);
    rc = xlsx ? pt_read_xlsx(copy, len, lenient, &alloc, doc, &err)
        : pt_read_docx(copy, len, &alloc, doc, &err);
    /* cells may point into the input: keep it until the next call */
    free(previous);
    previous = copy;
    return rc;
}

#define W_OPEN "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" " \
    "xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\"><w:body>"
#define W_CLOSE "</w:body></w:document>"

static int
read_docx_xml(const char *body, pt_cells_doc *doc)
{
    zw_buf      z;
    size_t      n = strlen(W_OPEN) + strlen(body) + strlen(W_CLOSE);
    char       *xml = malloc(n + 1);
    int         rc;

    snprintf(xml, n + 1, "%s%s%s", W_OPEN, body, W_CLOSE);
    zw_docx(&z, xml, n);
    rc = read_doc(z.data, z.len, false, false, doc);
    free(z.data);
    free(xml);
    return rc;
}

#define S_OPEN "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
#define S_CLOSE "</sheetData></worksheet>"
#define SST_OPEN "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
#define STYLES_OPEN "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"

/* sheet: the whole worksheet XML; the others NULL or parts */
static int
read_xlsx_parts(const char *sheet, const char *sheet2, const char *sst, const char *styles,
                const char *workbook, bool lenient, pt_cells_doc *doc)
{
    const char *parts[5] = {sheet, sheet2, sst, styles, workbook};
    size_t      lens[5];
    zw_buf      z;
    int         i;
    int         rc;

    for (i = 0; i < 5; i++)
        lens[i] = parts[i] ? strlen(parts[i]) : 0;
    zw_xlsx(&z, parts, lens);
    rc = read_doc(z.data, z.len, true, lenient, doc);
    free(z.data);
    return rc;
}

static const pt_cell *
cell_of(const pt_cells_doc *d, int table, int row, int col)
{
    static const pt_cell missing = {{"<missing>", 9}, 0, 0};

    if (table >= d->n_tables || row >= d->tables[table].n_rows || col >= d->tables[table].rows[row].n_cells)
        return &missing;
    return &d->tables[table].rows[row].cells[col];
}

#define CELL(d, t, r, c) (cell_of((d), (t), (r), (c))->text)
#define MERGED(d, t, r, c) (cell_of((d), (t), (r), (c))->merged)

/* ------------------------------------------------------------ number formats */

static void
check_format(const char *code, const char *value, bool date1904, const char *want, int line)
{
    char        out[PT_NUMFMT_OUT];
    pt_numfmt  *f;
    size_t      n;

    arena_reset(&the_arena);
    f = code != NULL ? pt_numfmt_compile(code, strlen(code), &alloc) : NULL;
    n = pt_numfmt_number(f, value, strlen(value), date1904, out, sizeof(out));
    if (!check(n == strlen(want) && memcmp(out, want, n) == 0 && out[n] == '\0', code ? code : "General",
               __FILE__, line))
        printf("    %s in \"%s\": got \"%s\", want \"%s\"\n", value, code ? code : "(none)", out, want);
}

#define FMT(code, value, want) check_format((code), (value), false, (want), __LINE__)
#define FMT1904(code, value, want) check_format((code), (value), true, (want), __LINE__)

static void
test_numbers(void)
{
    /* General: the written digits, 15 significant, scientific from 12 integer digits */
    FMT(NULL, "0.95", "0.95");
    FMT("General", "3400", "3400");
    FMT("General", "-2.5", "-2.5");
    FMT("General", "0", "0");
    FMT("General", "0.30000000000000004", "0.3");
    FMT("General", "1.0000000000000002", "1");
    FMT("General", "12345678901", "12345678901");
    FMT("General", "123456789012", "1.23457E+11");
    FMT("General", "99999999999.9999999", "1E+11");
    FMT("General", "1.5E-3", "0.0015");
    FMT("General", "1E-10", "1E-10");
    FMT("General", "2.5E+3", "2500");
    FMT("General", "not a number", "not a number");
    FMT("General", "", "");
    /* fixed decimals, rounded half away from zero in decimal */
    FMT("0.00", "2.5", "2.50");
    FMT("0.00", "2.675", "2.68");      /* a double would say 2.67 */
    FMT("0.00", "1.005", "1.01");
    FMT("0.00", "-1.005", "-1.01");
    FMT("0.00", "-0.001", "0.00");     /* rounds to zero: no sign */
    FMT("0", "0.5", "1");
    FMT("0", "9.5", "10");
    FMT("0", "99.5", "100");
    FMT("0.0", "0.05", "0.1");
    FMT("#,##0", "1234567", "1,234,567");
    FMT("#,##0.00", "1234567.891", "1,234,567.89");
    FMT("#,##0", "999.5", "1,000");
    FMT("#,##0", "12", "12");
    FMT("0,000", "5", "0,005");
    FMT("#,##0,", "1234567", "1,235");
    FMT("0.0,,", "2500000", "2.5");
    FMT("#", "0", "");
    FMT("#.##", "3.1", "3.1");
    FMT("0.0#", "1.5", "1.5");
    FMT("0.0#", "1.257", "1.26");
    FMT("?.??", "3.1", "3.1 ");
    FMT(".00", "0.5", ".50");
    FMT(".00", "12.5", "12.50");
    FMT("000-0000", "1234567", "123-4567");
    FMT("00000", "42", "00042");
    /* percent: ×100 in decimal */
    FMT("0%", "0.95", "95%");
    FMT("0%", "1", "100%");
    FMT("0%", "0.955", "96%");
    FMT("0.00%", "0.9588", "95.88%");
    FMT("0.0%", "0.125", "12.5%");
    FMT("0.00%", "0.99995", "100.00%");
    FMT("0%", "-0.05", "-5%");
    FMT("0%", "1.5E-2", "2%");
    FMT("0.00%", "0.1", "10.00%");
    /* literals, spaces, fills, colours, currency */
    FMT("0.0\"万元\"", "1234.5", "1234.5万元");
    FMT("0\"人\"", "1500", "1500人");
    FMT("\\≥0%", "0.9", "≥90%");
    FMT("#,##0.00_ ", "5", "5.00 ");
    FMT("[Red]0.00", "5", "5.00");
    FMT("[$¥-804]#,##0.00", "1234", "¥1,234.00");
    FMT("¥#,##0;¥-#,##0", "-1234", "¥-1,234");
    FMT("*-0", "5", "5");
    FMT("0年", "2024", "2024年");
    /* sections */
    FMT("0.00;[Red]-0.00", "-3.14159", "-3.14");
    FMT("0;(0)", "-5", "(5)");
    FMT("0;(0);\"零\"", "0", "零");
    FMT("0;-0;;@", "0", "");
    FMT("0;;", "-5", "");
    FMT("[>=100]\"多\";[<0]\"负\";0", "150", "多");
    FMT("[>=100]\"多\";[<0]\"负\";0", "-1", "负");
    FMT("[>=100]\"多\";[<0]\"负\";0", "5", "5");
    FMT("_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)", "1234", " 1,234 ");
    FMT("_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)", "-1234", " (1,234)");
    FMT("_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)", "0", " - ");
    FMT("General\"元\"", "12.5", "12.5元");
    FMT("G/通用格式\"元\"", "12.5", "12.5元");
    FMT("G/通用格式", "0.30000000000000004", "0.3");
    FMT("@", "12.5", "12.5");
    /* scientific */
    FMT("0.00E+00", "12345", "1.23E+04");
    FMT("0.00E+00", "0.00012345", "1.23E-04");
    FMT("0.00E+00", "9.999", "1.00E+01");
    FMT("0.00E+00", "0", "0.00E+00");
    FMT("##0.0E+0", "12345", "12.3E+3");
    FMT("0.0E-0", "1234", "1.2E3");
    /* fractions */
    FMT("# ?/?", "1.5", "1 1/2");
    FMT("# ?/?", "0.25", " 1/4");
    FMT("# ?/?", "2", "2");
    FMT("# ?\?/?\?", "3.14159", "3 14/99");
    FMT("# ?\?/?\?", "0.5", "  1/2 ");
    FMT("?/?", "1.5", "3/2");
    FMT("# ?/8", "0.375", " 3/8");
    FMT("# ?/?", "0.99", "1");
    /* built-in ids, as a Chinese Excel shows them */
    CHECK(strcmp(pt_numfmt_builtin(9), "0%") == 0);
    CHECK(strcmp(pt_numfmt_builtin(14), "yyyy/m/d") == 0);
    CHECK(strstr(pt_numfmt_builtin(31), "年") != NULL);
    CHECK(pt_numfmt_builtin(23) == NULL);
    CHECK(pt_numfmt_builtin(164) == NULL);
    /* a code longer than 1024 bytes is General */
    {
        char        code[1100];

        memset(code, '0', sizeof(code) - 1);
        code[sizeof(code) - 1] = '\0';
        FMT(code, "5", "5");
    }
    /* huge and tiny numbers stay bounded */
    {
        char        want[400] = "1";

        memset(want + 1, '0', 300);
        want[301] = '\0';
        FMT("0", "1E+300", want);
    }
    FMT("0.00", "1E-300", "0.00");
    FMT("General", "1E+500", "1E+500");    /* beyond Excel: shown as written */
}

static void
test_dates(void)
{
    /* the 1900 system: serial 1 is 1900-01-01, 60 the leap day Excel keeps, 61 1900-03-01 */
    FMT("yyyy-mm-dd", "1", "1900-01-01");
    FMT("yyyy-mm-dd", "59", "1900-02-28");
    FMT("yyyy-mm-dd", "60", "1900-02-29");
    FMT("yyyy-mm-dd", "61", "1900-03-01");
    FMT("yyyy-mm-dd", "0", "1900-01-00");
    FMT("yyyy-mm-dd", "45657", "2024-12-31");
    FMT("yyyy-mm-dd", "2958465", "9999-12-31");
    FMT("yyyy-mm-dd", "2958466", "2958466");   /* Excel: #######; the number instead */
    FMT("yyyy-mm-dd", "-1", "-1");
    FMT("yyyy\"年\"m\"月\"", "45627", "2024年12月");
    FMT("yyyy\"年\"m\"月\"d\"日\"", "45961", "2025年10月31日");
    FMT("yyyy年m月d日", "45961", "2025年10月31日");
    FMT("yyyy\"年\"m\"月\";@", "45627", "2024年12月");
    FMT("yyyy/m/d", "45657", "2024/12/31");
    FMT("m/d/yy", "45657", "12/31/24");
    FMT("d-mmm-yy", "45657", "31-Dec-24");
    FMT("mmmm d, yyyy", "45657", "December 31, 2024");
    FMT("mmmmm", "45657", "D");
    FMT("dddd", "45657", "Tuesday");
    FMT("ddd", "1", "Sun");
    FMT("aaaa", "45657", "星期二");
    FMT("aaa", "45658", "三");
    FMT("[$-804]yyyy\"年\"m\"月\"d\"日\" aaaa", "45658", "2025年1月1日 星期三");
    /* times: m after h or before s is minutes */
    FMT("h:mm", "0.75", "18:00");
    FMT("hh:mm:ss", "0.5000115740740741", "12:00:01");
    FMT("h:mm AM/PM", "0.75", "6:00 PM");
    FMT("h:mm am/pm", "0.25", "6:00 am");
    FMT("h:mm A/P", "0", "12:00 A");
    FMT("上午/下午h\"时\"mm\"分\"", "0.75", "下午6时00分");
    FMT("yyyy/m/d h:mm", "45291.75", "2023/12/31 18:00");
    FMT("mm:ss", "0.000694444444444444", "01:00");
    FMT("[h]:mm:ss", "1.5", "36:00:00");
    FMT("[mm]:ss", "0.5", "720:00");
    FMT("mm:ss.0", "0.0000011574074", "00:00.1");
    FMT("h:mm:ss.000", "0.5000000115740741", "12:00:00.001");
    FMT("h:mm", "0.99999999", "0:00");       /* rounds into the next day */
    FMT("yyyy-mm-dd h:mm", "45656.99999999", "2024-12-31 0:00");
    FMT("e\"年\"", "45657", "2024年");
    /* the 1904 system: serial 0 is 1904-01-01 */
    FMT1904("yyyy-mm-dd", "0", "1904-01-01");
    FMT1904("yyyy\"年\"m\"月\"d\"日\"", "44184", "2024年12月20日");
    FMT1904("dddd", "0", "Friday");
    CHECK(pt_numfmt_is_date(pt_numfmt_compile("yyyy/m/d", 8, &alloc)));
    CHECK(!pt_numfmt_is_date(pt_numfmt_compile("0.00", 4, &alloc)));
    CHECK(!pt_numfmt_is_date(pt_numfmt_compile("@", 1, &alloc)));
    CHECK(!pt_numfmt_is_date(NULL));
    /* ISO dates (cells of type "d") */
    {
        char        out[PT_NUMFMT_OUT];
        pt_numfmt  *f = pt_numfmt_compile("yyyy\"年\"m\"月\"d\"日\" aaaa", strlen("yyyy\"年\"m\"月\"d\"日\" aaaa"), &alloc);
        size_t      n = pt_numfmt_iso_date(f, "2024-12-20T00:00:00Z", 20, out, sizeof(out));

        CHECK(n == strlen("2024年12月20日 星期五") && strcmp(out, "2024年12月20日 星期五") == 0);
        n = pt_numfmt_iso_date(f, "not a date", 10, out, sizeof(out));
        CHECK(strcmp(out, "not a date") == 0);
        f = pt_numfmt_compile("h:mm", 4, &alloc);
        n = pt_numfmt_iso_date(f, "2024-12-20T08:30:00", 19, out, sizeof(out));
        CHECK(strcmp(out, "8:30") == 0);
        (void) n;
    }
    /* text in a format: its text section */
    {
        char        out[PT_NUMFMT_OUT];
        pt_numfmt  *f = pt_numfmt_compile("0;-0;0;\"说明：\"@", strlen("0;-0;0;\"说明：\"@"), &alloc);
        size_t      n = pt_numfmt_text(f, "按年计", strlen("按年计"), out, sizeof(out));

        CHECK(n != (size_t) -1 && strcmp(out, "说明：按年计") == 0);
        f = pt_numfmt_compile("0.00", 4, &alloc);
        CHECK(pt_numfmt_text(f, "x", 1, out, sizeof(out)) == (size_t) -1);
    }
}

/* Every format code of up to 3 characters of a small alphabet, on a few
 * values: never more than the buffer, always valid UTF-8. */
static void
test_format_codes_exhaustive(void)
{
    static const char alphabet[] = "0#?.,%E+-/@\"yYmdhsA[]_*;\\ ";
    static const char *const values[] = {"0", "1", "-1.5", "0.95", "45657.75", "1E+300", "123456789.123456789"};
    size_t      na = strlen(alphabet);
    size_t      a,
                b,
                c,
                v;
    bool        ok = true;
    long        tried = 0;

    for (a = 0; a < na; a++)
        for (b = 0; b <= na; b++)
            for (c = 0; c <= na; c++)
            {
                char        code[4] = {alphabet[a], b < na ? alphabet[b] : 0, c < na && b < na ? alphabet[c] : 0, 0};
                pt_numfmt  *f;

                arena_reset(&the_arena);
                f = pt_numfmt_compile(code, strlen(code), &alloc);
                for (v = 0; v < sizeof(values) / sizeof(values[0]); v++)
                {
                    char        out[64];
                    size_t      n = pt_numfmt_number(f, values[v], strlen(values[v]), false, out, sizeof(out));

                    tried++;
                    if (n >= sizeof(out) || out[n] != '\0' || strlen(out) != n || !valid_utf8(out, n))
                    {
                        ok = false;
                        printf("    \"%s\" on %s: %zu bytes\n", code, values[v], n);
                    }
                }
            }
    CHECK(ok);
    CHECK(tried > 100000);
}

/* ------------------------------------------------------------ .docx */

static void
test_docx_runs(void)
{
    pt_cells_doc d;

    CHECK_INT(read_docx_xml(
        "<w:p><w:r><w:t>2025年度</w:t></w:r><w:r><w:t xml:space=\"preserve\">某项目</w:t></w:r>"
        "<w:r><w:t>绩效目标表</w:t></w:r></w:p>"
        "<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>"
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
        "<w:r><w:t>主管部门：</w:t></w:r><w:r><w:tab/><w:t>某局</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p>"
        "<w:r><w:t>a</w:t><w:br/><w:t>b</w:t><w:cr/><w:t>c</w:t><w:noBreakHyphen/><w:softHyphen/></w:r>"
        "<w:r><w:sym w:font=\"Symbol\" w:char=\"F0B3\"/><w:sym w:font=\"Symbol\" w:char=\"F0A3\"/>"
        "<w:sym w:font=\"Symbol\" w:char=\"F061\"/><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/>"
        "<w:sym w:font=\"SimSun\" w:char=\"2265\"/><w:sym w:char=\"zz\"/></w:r>"
        "</w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>kept</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>+new</w:t></w:r></w:ins><w:moveFrom><w:r><w:t>moved away</w:t></w:r></w:moveFrom>"
        "<w:moveTo><w:r><w:t>+moved</w:t></w:r></w:moveTo></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>/9</w:t></w:r></w:fldSimple>"
        "<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>"
        "<w:smartTag><w:r><w:t>标记</w:t></w:r></w:smartTag></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>x</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">"
        "<w:drawing><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:drawing>"
        "</mc:Choice><mc:Fallback><w:pict><w:r><w:t>fallback</w:t></w:r></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r><w:ruby><w:rt><w:r><w:t>pinyin</w:t></w:r></w:rt>"
        "<w:rubyBase><w:r><w:t>字</w:t></w:r></w:rubyBase></w:ruby>"
        "<m:oMath><m:r><m:t>x²</m:t></m:r></m:oMath></w:p></w:tc>"
        "<w:tc><w:p><w:pPr><w:rPr><w:del/></w:rPr></w:pPr><w:r><w:rPr><w:rPrChange><w:rPr><w:b/></w:rPr>"
        "</w:rPrChange></w:rPr><w:t>&amp;&lt;&#x4E00;&#13;</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:t>签字：</w:t></w:r></w:p>", &d), 0);
    if (d.n_tables == 0)
    {
        printf("    %s (%s)\n", err.message, err.part);
        return;
    }
    CHECK_INT(d.format, PT_FORMAT_DOCX);
    CHECK_INT(d.n_tables, 1);
    CHECK_INT(d.tables[0].n_before, 2);
    CHECK_TEXT(d.tables[0].before[0].text, "2025年度某项目绩效目标表");
    CHECK_INT(d.tables[0].before[0].line, 1);
    CHECK_TEXT(d.tables[0].before[1].text, "主管部门：\t某局");
    CHECK_INT(d.tables[0].before[1].line, 4);
    CHECK_TEXT(CELL(&d, 0, 0, 0), "a\nb\nc-≥≤α\xEF\x83\xBC≥\xEF\xBF\xBD");
    CHECK_TEXT(CELL(&d, 0, 0, 1), "kept+new+moved");
    CHECK_TEXT(CELL(&d, 0, 0, 2), "3/9链接标记");
    CHECK_TEXT(CELL(&d, 0, 0, 3), "x字x²");
    CHECK_TEXT(CELL(&d, 0, 0, 4), "&<一");
    CHECK_INT(d.n_after, 1);
    CHECK_TEXT(d.after[0].text, "签字：");
    CHECK_INT(d.after[0].line, 5);
    CHECK_INT(d.tables[0].rows[0].source_row, 1);
    CHECK_INT(d.encoding == NULL, 1);
}

static void
test_docx_merges(void)
{
    pt_cells_doc d;

#define TC(x) "<w:tc><w:p><w:r><w:t>" x "</w:t></w:r></w:p></w:tc>"
#define TCP(pr, x) "<w:tc><w:tcPr>" pr "</w:tcPr><w:p><w:r><w:t>" x "</w:t></w:r></w:p></w:tc>"
    CHECK_INT(read_docx_xml(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>" TC("一级指标") TC("二级指标") TC("三级指标") TC("指标值") "</w:tr>"
        "<w:tr>" TCP("<w:vMerge w:val=\"restart\"/>", "产出指标") TCP("<w:gridSpan w:val=\"2\"/>", "跨两列")
        TC("≥1") "</w:tr>"
        "<w:tr>" TCP("<w:vMerge/>", "") TC("b") TC("c") TC("≥2") "</w:tr>"
        "<w:tr>" TCP("<w:vMerge w:val=\"continue\"/>", "") TCP("<w:gridSpan w:val=\"3\"/>", "说明") "</w:tr>"
        "<w:tr><w:trPr><w:gridBefore w:val=\"2\"/><w:gridAfter w:val=\"1\"/></w:trPr>" TC("右") "</w:tr>"
        "<w:tr><w:trPr><w:del w:id=\"1\"/></w:trPr>" TC("删") TC("除") TC("的") TC("行") "</w:tr>"
        "<w:tr>" TCP("<w:hMerge w:val=\"restart\"/>", "旧式") TCP("<w:hMerge/>", "") TC("x")
        TCP("<w:tcPrChange><w:tcPr><w:gridSpan w:val=\"9\"/></w:tcPr></w:tcPrChange>", "y") "</w:tr>"
        "<w:tr>" TCP("<w:vMerge/>", "有字") TC("1") "</w:tr>"
        "<w:tr></w:tr>"
        "</w:tbl>", &d), 0);
    CHECK_INT(d.n_tables, 1);
    CHECK_INT(d.tables[0].n_rows, 7);
    CHECK_TEXT(CELL(&d, 0, 1, 0), "产出指标");
    CHECK_TEXT(CELL(&d, 0, 1, 1), "跨两列");
    CHECK_TEXT(CELL(&d, 0, 1, 2), "跨两列");
    CHECK_INT(MERGED(&d, 0, 1, 2), PT_MERGE_LEFT);
    CHECK_TEXT(CELL(&d, 0, 1, 3), "≥1");
    CHECK_TEXT(CELL(&d, 0, 2, 0), "产出指标");
    CHECK_INT(MERGED(&d, 0, 2, 0), PT_MERGE_ABOVE);
    CHECK_TEXT(CELL(&d, 0, 3, 0), "产出指标");
    CHECK_INT(MERGED(&d, 0, 3, 0), PT_MERGE_ABOVE);
    CHECK_INT(d.tables[0].rows[3].n_cells, 4);
    CHECK_INT(MERGED(&d, 0, 3, 3), PT_MERGE_LEFT);
    /* gridBefore: empty cells first; gridAfter: nothing after */
    CHECK_INT(d.tables[0].rows[4].n_cells, 3);
    CHECK_TEXT(CELL(&d, 0, 4, 0), "");
    CHECK_TEXT(CELL(&d, 0, 4, 2), "右");
    /* the deleted row is left out; numbering counts the rows kept */
    CHECK_TEXT(CELL(&d, 0, 5, 0), "旧式");
    CHECK_INT(MERGED(&d, 0, 5, 1), PT_MERGE_LEFT);
    CHECK_TEXT(CELL(&d, 0, 5, 1), "旧式");
    CHECK_TEXT(CELL(&d, 0, 5, 3), "y");
    CHECK_INT(d.tables[0].rows[5].n_cells, 4);
    CHECK_INT(d.tables[0].rows[5].source_row, 6);
    /* a continued cell with text of its own keeps it */
    CHECK_TEXT(CELL(&d, 0, 6, 0), "有字");
    CHECK_INT(MERGED(&d, 0, 6, 0), PT_MERGE_NONE);
    CHECK_INT(d.tables[0].n_columns, 4);
#undef TC
#undef TCP
}

static void
test_docx_tables(void)
{
    pt_cells_doc d;

    /* tables in document order, paragraphs before each; a nested table is
     * text of its cell; tables in content controls and strict namespaces */
    CHECK_INT(read_docx_xml(
        "<w:p><w:r><w:t>一</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>a2</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>深</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>"
        "<w:tc><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>"
        "<w:tc><w:p><w:r><w:t>右</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:t>二</w:t></w:r></w:p><w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        "<w:sdt><w:sdtContent><w:tbl><w:tr><w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>控件</w:t></w:r></w:p>"
        "</w:tc></w:sdtContent></w:sdt></w:tr></w:tbl></w:sdtContent></w:sdt>"
        "<w:tbl/>", &d), 0);
    CHECK_INT(d.n_tables, 3);
    CHECK_TEXT(CELL(&d, 0, 0, 0), "外\na a2\tb\n深\td");
    CHECK_TEXT(CELL(&d, 0, 0, 1), "右");
    CHECK_INT(d.tables[0].n_before, 1);
    CHECK_INT(d.tables[1].n_before, 1);
    CHECK_TEXT(d.tables[1].before[0].text, "二");
    CHECK_INT(d.tables[1].before[0].line, 2);
    CHECK_TEXT(CELL(&d, 1, 0, 0), "控件");
    CHECK_INT(d.tables[2].n_rows, 0);
    CHECK_INT(d.tables[2].number, 3);

    /* ISO/IEC 29500 strict namespace */
    {
        static const char strict[] =
            "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><w:body>"
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>严格</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>";
        zw_buf      z;

        zw_docx(&z, strict, strlen(strict));
        CHECK_INT(read_doc(z.data, z.len, false, false, &d), 0);
        CHECK_TEXT(CELL(&d, 0, 0, 0), "严格");
        free(z.data);
    }
    /* other prefixes for the same namespace; UTF-16 XML */
    {
        static const char other_prefix[] =
            "<x:document xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><x:body>"
            "<x:tbl><x:tr><x:tc><x:p><x:r><x:t>前缀</x:t></x:r></x:p></x:tc></x:tr></x:tbl></x:body></x:document>";
        char        utf16[1024];
        size_t      n = 0;
        size_t      i;
        zw_buf      z;

        zw_docx(&z, other_prefix, strlen(other_prefix));
        CHECK_INT(read_doc(z.data, z.len, false, false, &d), 0);
        CHECK_TEXT(CELL(&d, 0, 0, 0), "前缀");
        free(z.data);
        /* the same as UTF-16LE with a byte order mark (ASCII + two CJK characters) */
        utf16[n++] = (char) 0xFF;
        utf16[n++] = (char) 0xFE;
        for (i = 0; other_prefix[i] != '\0' && n < sizeof(utf16) - 2; i++)
        {
            unsigned char c = (unsigned char) other_prefix[i];

            if (c < 0x80)
            {
                utf16[n++] = (char) c;
                utf16[n++] = 0;
            }
            else if (c >= 0xE0)
            {
                unsigned    cp = ((c & 0x0F) << 12) | ((other_prefix[i + 1] & 0x3F) << 6) | (other_prefix[i + 2] & 0x3F);

                utf16[n++] = (char) (cp & 0xFF);
                utf16[n++] = (char) (cp >> 8);
                i += 2;
            }
        }
        zw_docx(&z, utf16, n);
        CHECK_INT(read_doc(z.data, z.len, false, false, &d), 0);
        CHECK_TEXT(CELL(&d, 0, 0, 0), "前缀");
        free(z.data);
    }
}

/* n letters that do not compress (a zip bomb check must not be what stops them) */
static void
fill_letters(char *p, size_t n)
{
    uint32_t    x = 2463534242u;
    size_t      i;

    for (i = 0; i < n; i++)
    {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (char) ('a' + x % 26);
    }
}

static void
test_docx_errors(void)
{
    pt_cells_doc d;
    char       *big;
    size_t      i;

    /* not well-formed: the part and the line */
    CHECK_INT(read_docx_xml("<w:p><w:r><w:t>a</w:r></w:p>", &d), -1);
    CHECK_INT(err.code, PT_DOC_ERR_INVALID);
    CHECK(strcmp(err.part, "word/document.xml") == 0);
    CHECK_CONTAINS(err.message, "not well-formed XML");
    CHECK_CONTAINS(err.message, "mismatched tag");
    CHECK_INT(d.n_tables, 0);
    CHECK(d.tables == NULL);

    /* a DOCTYPE is refused before any entity is declared */
    {
        static const char laughs[] =
            "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
            "<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>";
        static const char external[] =
            "<!DOCTYPE d SYSTEM \"file:///etc/passwd\"><w:document xmlns:w=\"x\">&ext;</w:document>";
        zw_buf      z;

        zw_docx(&z, laughs, strlen(laughs));
        CHECK_INT(read_doc(z.data, z.len, false, false, &d), -1);
        CHECK_CONTAINS(err.message, "DOCTYPE");
        CHECK_INT(err.code, PT_DOC_ERR_INVALID);
        free(z.data);
        zw_docx(&z, external, strlen(external));
        CHECK_INT(read_doc(z.data, z.len, false, false, &d), -1);
        CHECK_CONTAINS(err.message, "DOCTYPE");
        free(z.data);
    }
    /* deep nesting: a limit, not a crash */
    {
        size_t      depth = 100000;
        char       *xml = malloc(depth * 8 + 1000);
        size_t      n = 0;
        zw_buf      z;

        n += (size_t) sprintf(xml, "%s", W_OPEN);
        for (i = 0; i < depth; i++)
            n += (size_t) sprintf(xml + n, "<w:sdt>");
        zw_docx(&z, xml, n);
        CHECK_INT(read_doc(z.data, z.len, false, false, &d), -1);
        CHECK_INT(err.code, PT_DOC_ERR_LIMIT);
        CHECK_CONTAINS(err.message, "more than 256 deep");
        free(z.data);
        free(xml);
    }
    /* a cell of more than 1 MiB */
    big = malloc(2 * 1024 * 1024 + 1000);
    i = (size_t) sprintf(big, "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>");
    fill_letters(big + i, 1024 * 1024 + 10);
    i += 1024 * 1024 + 10;
    i += (size_t) sprintf(big + i, "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
    big[i] = '\0';
    CHECK_INT(read_docx_xml(big, &d), -1);
    CHECK_INT(err.code, PT_DOC_ERR_LIMIT);
    CHECK_CONTAINS(err.message, "more than 1 MiB");
    CHECK(strcmp(err.part, "table 1") == 0);
    CHECK_INT(err.row, 1);
    /* ... and of a paragraph */
    i = (size_t) sprintf(big, "<w:p><w:r><w:t>");
    fill_letters(big + i, 1024 * 1024 + 10);
    i += 1024 * 1024 + 10;
    i += (size_t) sprintf(big + i, "</w:t></w:r></w:p>");
    big[i] = '\0';
    CHECK_INT(read_docx_xml(big, &d), -1);
    CHECK_CONTAINS(err.message, "paragraph is longer than 1 MiB");
    free(big);
    /* more than 1000 columns: a gridSpan cannot make a row wider */
    CHECK_INT(read_docx_xml("<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"999999999\"/></w:tcPr><w:p/></w:tc>"
                            "</w:tr></w:tbl>", &d), -1);
    CHECK_INT(err.code, PT_DOC_ERR_LIMIT);
    CHECK_CONTAINS(err.message, "more than 1000 cells");
    /* no main part */
    {
        zw_buf      z;

        memset(&z, 0, sizeof(z));
        zw_add(&z, "word/styles.xml", "<a/>", 4, false);
        zw_finish(&z);
        CHECK_INT(read_doc(z.data, z.len, false, false, &d), -1);
        CHECK_CONTAINS(err.message, "no main part");
        free(z.data);
    }
}

/* ------------------------------------------------------------ .xlsx */

static void
test_xlsx_cells(void)
{
    pt_cells_doc d;
    static const char sst[] = SST_OPEN
        "<si><t>一级指标</t></si>"
        "<si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space=\"preserve\">文本 </t></r>"
        "<rPh sb=\"0\" eb=\"1\"><t>fu</t></rPh><phoneticPr fontId=\"1\"/></si>"
        "<si><t>a_x000D_\nb_x0009_c_x005F_x0041_ d_xD83D__xDE00_ e_xZZZZ_</t></si>"
        "<si/>"
        "</sst>";
    static const char styles[] = STYLES_OPEN
        "<numFmts count=\"2\"><numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/>"
        "<numFmt numFmtId=\"177\" formatCode=\"@&quot;元&quot;\"/><numFmt numFmtId=\"9\" formatCode=\"0.0%\"/></numFmts>"
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"10\"/></cellStyleXfs>"
        "<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"9\"/><xf numFmtId=\"176\"/><xf numFmtId=\"177\"/>"
        "<xf numFmtId=\"14\" applyNumberFormat=\"1\"/><xf numFmtId=\"999\"/></cellXfs></styleSheet>";
    static const char sheet[] = S_OPEN
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
        "<c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\" s=\"3\"><v>0</v></c></row>"
        "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>0.95</v></c><c r=\"B3\" s=\"2\"><v>45627</v></c>"
        "<c r=\"C3\" t=\"b\"><v>1</v></c><c r=\"D3\" t=\"b\"><v>0</v></c><c r=\"E3\" t=\"e\"><v>#N/A</v></c>"
        "<c r=\"F3\" t=\"str\"><f>A1&amp;\"x\"</f><v>一级指标x</v></c><c r=\"G3\" s=\"1\"><f>A3</f><v>0.95</v></c>"
        "<c r=\"H3\" t=\"inlineStr\"><is><r><t>内</t></r><r><t>联</t></r><rPh><t>nei</t></rPh></is></c>"
        "<c r=\"I3\" t=\"d\" s=\"4\"><v>2024-12-20T00:00:00</v></c><c r=\"J3\" s=\"5\"><v>7</v></c>"
        "<c r=\"K3\" s=\"99\"><v>8</v></c><c r=\"L3\" t=\"str\"><f>\"\"</f><v></v></c>"
        "<c r=\"M3\" s=\"1\"/><c r=\"N3\"><v>  </v></c></row>"
        "<row><c><v>1</v></c><c><v>2</v></c><c r=\"E4\"><v>5</v></c><c><v>6</v></c></row>"
        "<row r=\"9\" spans=\"1:3\"><c r=\"$B$9\"><v>-1.5E-3</v></c></row>"
        S_CLOSE;

    CHECK_INT(read_xlsx_parts(sheet, NULL, sst, styles, NULL, false, &d), 0);
    CHECK_INT(d.format, PT_FORMAT_XLSX);
    CHECK_INT(d.n_tables, 2);
    CHECK_TEXT(d.tables[0].sheet, "Sheet1");
    CHECK_TEXT(d.tables[1].sheet, "第二页");
    CHECK_INT(d.tables[1].n_rows, 0);
    CHECK_INT(d.tables[0].n_rows, 4);
    CHECK_INT(d.tables[0].rows[0].source_row, 1);
    CHECK_TEXT(CELL(&d, 0, 0, 0), "一级指标");
    CHECK_TEXT(CELL(&d, 0, 0, 1), "富文本 ");
    CHECK_TEXT(CELL(&d, 0, 0, 2), "a\nb\tc_x0041_ d\xF0\x9F\x98\x80 e_xZZZZ_");
    CHECK_INT(d.tables[0].rows[0].n_cells, 5);     /* D1 empty: shown empty */
    CHECK_TEXT(CELL(&d, 0, 0, 3), "");
    CHECK_TEXT(CELL(&d, 0, 0, 4), "一级指标元");
    CHECK_INT(d.tables[0].rows[1].source_row, 3);
    CHECK_TEXT(CELL(&d, 0, 1, 0), "95.0%");           /* numFmt 9 redefined by the file */
    CHECK_TEXT(CELL(&d, 0, 1, 1), "2024年12月");
    CHECK_TEXT(CELL(&d, 0, 1, 2), "TRUE");
    CHECK_TEXT(CELL(&d, 0, 1, 3), "FALSE");
    CHECK_TEXT(CELL(&d, 0, 1, 4), "#N/A");
    CHECK_TEXT(CELL(&d, 0, 1, 5), "一级指标x");
    CHECK_TEXT(CELL(&d, 0, 1, 6), "95.0%");
    CHECK_TEXT(CELL(&d, 0, 1, 7), "内联");
    CHECK_TEXT(CELL(&d, 0, 1, 8), "2024/12/20");
    CHECK_TEXT(CELL(&d, 0, 1, 9), "7");               /* unknown numFmt id: General */
    CHECK_TEXT(CELL(&d, 0, 1, 10), "8");              /* no such style: General */
    CHECK_TEXT(CELL(&d, 0, 1, 11), "");
    CHECK_TEXT(CELL(&d, 0, 1, 13), "  ");
    /* cells and rows without r: the next column, the next row */
    CHECK_INT(d.tables[0].rows[2].source_row, 4);
    CHECK_TEXT(CELL(&d, 0, 2, 0), "1");
    CHECK_TEXT(CELL(&d, 0, 2, 1), "2");
    CHECK_TEXT(CELL(&d, 0, 2, 2), "");
    CHECK_TEXT(CELL(&d, 0, 2, 4), "5");
    CHECK_TEXT(CELL(&d, 0, 2, 5), "6");
    CHECK_INT(d.tables[0].rows[3].source_row, 9);
    CHECK_TEXT(CELL(&d, 0, 3, 1), "-0.0015");
    CHECK_INT(d.tables[0].n_columns, 14);
    CHECK(d.encoding == NULL);
}

static void
test_xlsx_merges(void)
{
    pt_cells_doc d;
    clock_t     start;

    /* A1:C1 a title over three columns, A3:A5 a level down three rows, B3:C4 a
     * block; covered cells Excel writes (styled, empty) or leaves out; a range
     * whose first cell is empty hides what it covers */
    CHECK_INT(read_xlsx_parts(S_OPEN
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>标题</t></is></c><c r=\"B1\" s=\"1\"/><c r=\"C1\" s=\"1\"/></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>产出</t></is></c>"
        "<c r=\"B3\" t=\"inlineStr\"><is><t>块</t></is></c><c r=\"D3\"><v>3</v></c></row>"
        "<row r=\"4\"><c r=\"C4\" t=\"inlineStr\"><is><t>被盖住</t></is></c><c r=\"D4\"><v>4</v></c></row>"
        "<row r=\"5\"><c r=\"D5\"><v>5</v></c></row>"
        "<row r=\"7\"><c r=\"B7\" t=\"inlineStr\"><is><t>隐藏</t></is></c><c r=\"C7\"><v>7</v></c></row>"
        "</sheetData><mergeCells><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"A3:A5\"/><mergeCell ref=\"C4:B3\"/>"
        "<mergeCell ref=\"A7:B7\"/><mergeCell ref=\"E10:F11\"/><mergeCell ref=\"D9\"/></mergeCells></worksheet>",
        NULL, NULL, NULL, NULL, false, &d), 0);
    CHECK_INT(d.tables[0].n_rows, 5);
    CHECK_TEXT(CELL(&d, 0, 0, 0), "标题");
    CHECK_TEXT(CELL(&d, 0, 0, 2), "标题");
    CHECK_INT(MERGED(&d, 0, 0, 1), PT_MERGE_LEFT);
    CHECK_INT(MERGED(&d, 0, 0, 2), PT_MERGE_LEFT);
    CHECK_INT(d.tables[0].rows[1].source_row, 3);
    CHECK_TEXT(CELL(&d, 0, 1, 2), "块");
    CHECK_INT(MERGED(&d, 0, 1, 2), PT_MERGE_LEFT);
    CHECK_TEXT(CELL(&d, 0, 2, 0), "产出");
    CHECK_INT(MERGED(&d, 0, 2, 0), PT_MERGE_ABOVE);
    CHECK_TEXT(CELL(&d, 0, 2, 1), "块");
    CHECK_TEXT(CELL(&d, 0, 2, 2), "块");              /* C4's own text is hidden by the range */
    CHECK_INT(MERGED(&d, 0, 2, 2), PT_MERGE_ABOVE);
    CHECK_TEXT(CELL(&d, 0, 2, 3), "4");
    CHECK_TEXT(CELL(&d, 0, 3, 0), "产出");
    CHECK_INT(d.tables[0].rows[3].source_row, 5);
    CHECK_INT(d.tables[0].rows[3].n_cells, 4);
    CHECK_INT(d.tables[0].rows[4].source_row, 7);
    CHECK_TEXT(CELL(&d, 0, 4, 1), "");                /* under an empty first cell */
    CHECK_INT(MERGED(&d, 0, 4, 1), PT_MERGE_NONE);
    CHECK_TEXT(CELL(&d, 0, 4, 2), "7");

    /* a range over the whole sheet, and thousands of rows between: cut to
     * the cells with text, nothing allocated for the rest */
    start = clock();
    CHECK_INT(read_xlsx_parts(S_OPEN
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>全表</t></is></c></row>"
        "<row r=\"3\"><c r=\"C3\"><v>1</v></c></row>"
        "<row r=\"1048576\"><c r=\"B1048576\"><v>9</v></c></row>"
        "</sheetData><dimension ref=\"A1:XFD1048576\"/><mergeCells><mergeCell ref=\"A1:XFD1\"/>"
        "<mergeCell ref=\"ZZ5:XFD9\"/><mergeCell ref=\"A1048570:XFD1048575\"/></mergeCells></worksheet>",
        NULL, NULL, NULL, NULL, false, &d), 0);
    CHECK((clock() - start) < CLOCKS_PER_SEC);
    CHECK_INT(d.tables[0].n_rows, 3);
    CHECK_INT(d.tables[0].n_columns, 3);
    CHECK_TEXT(CELL(&d, 0, 0, 2), "全表");
    CHECK_TEXT(CELL(&d, 0, 1, 2), "1");
    CHECK_INT(d.tables[0].rows[2].source_row, 1048576);
    /* a range with an empty first cell shows nothing of what it covers (Excel
     * keeps only the first cell's value when it merges) */
    start = clock();
    CHECK_INT(read_xlsx_parts(S_OPEN
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>全表</t></is></c></row>"
        "<row r=\"3\"><c r=\"C3\"><v>1</v></c></row>"
        "<row r=\"1048576\"><c r=\"B1048576\"><v>9</v></c></row>"
        "</sheetData><mergeCells><mergeCell ref=\"A2:XFD1048576\"/></mergeCells></worksheet>",
        NULL, NULL, NULL, NULL, false, &d), 0);
    CHECK((clock() - start) < CLOCKS_PER_SEC);
    CHECK_INT(d.tables[0].n_rows, 1);

    /* ... but a range whose first cell has text covers what it covers */
    start = clock();
    CHECK_INT(read_xlsx_parts(S_OPEN
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>大</t></is></c></row>"
        "<row r=\"1048576\"><c r=\"ALL1048576\"><v>9</v></c></row>"
        "</sheetData><mergeCells><mergeCell ref=\"A1:XFD1048576\"/></mergeCells></worksheet>",
        NULL, NULL, NULL, NULL, false, &d), -1);
    CHECK_INT(err.code, PT_DOC_ERR_LIMIT);
    CHECK_CONTAINS(err.message, "more than 10000000 cells");
    CHECK((clock() - start) < 10 * CLOCKS_PER_SEC);

    /* cells out of order (no Excel writes them): sorted, the last of a pair kept */
    CHECK_INT(read_xlsx_parts(S_OPEN
        "<row r=\"2\"><c r=\"B2\"><v>2</v></c><c r=\"A2\"><v>1</v></c></row>"
        "<row r=\"1\"><c r=\"A1\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\"><v>11</v></c></row>"
        S_CLOSE, NULL, NULL, NULL, NULL, false, &d), 0);
    CHECK_INT(d.tables[0].n_rows, 2);
    CHECK_TEXT(CELL(&d, 0, 0, 0), "0");
    CHECK_TEXT(CELL(&d, 0, 1, 0), "11");
    CHECK_TEXT(CELL(&d, 0, 1, 1), "2");
}

static void
test_xlsx_formulas(void)
{
    pt_cells_doc d;
    static const char sheet[] = S_OPEN
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>指标值</t></is></c></row>"
        "<row r=\"2\"><c r=\"A2\"><f>SUM(B1:B9)</f><v>45</v></c><c r=\"B2\"><f t=\"shared\" si=\"0\"/></c></row>"
        "<row r=\"2\"><c r=\"D2\"><f>1200*1</f><v></v></c></row>"
        "<row r=\"3\"><c r=\"C3\" t=\"str\"><f>CONCATENATE(\"一个很长的公式\",\"0123456789012345678901234567890123456789"
        "0123456789012345678901234567890123456789\")</f></c></row>"
        S_CLOSE;

    /* strict: the sheet and the cell */
    CHECK_INT(read_xlsx_parts(sheet, NULL, NULL, NULL, NULL, false, &d), -1);
    CHECK_INT(err.code, PT_DOC_ERR_INVALID);
    CHECK(strcmp(err.part, "sheet \"Sheet1\"") == 0);
    CHECK_INT(err.row, 2);
    CHECK_CONTAINS(err.message, "the cell B2 holds a formula without a cached value");
    CHECK_CONTAINS(err.hint, "save it again");
    /* lenient: the cells left empty, each reported */
    CHECK_INT(read_xlsx_parts(sheet, NULL, NULL, NULL, NULL, true, &d), 0);
    CHECK_TEXT(CELL(&d, 0, 1, 0), "45");
    CHECK_INT(d.tables[0].rows[1].n_cells, 1);
    CHECK_INT(d.n_skipped, 3);
    CHECK_TEXT(d.skipped[0].part, "sheet \"Sheet1\"");
    CHECK_INT(d.skipped[0].table, 1);
    CHECK_INT(d.skipped[0].line, 2);
    CHECK_INT(d.skipped[1].line, 2);        /* <v></v>, as openpyxl writes it: no value either */
    CHECK_INT(d.skipped[2].line, 3);
    {
        char        m[300];

        snprintf(m, sizeof(m), "%.*s", (int) d.skipped[2].message.len, d.skipped[2].message.ptr);
        CHECK_CONTAINS(m, "C3 holds a formula (=CONCATENATE(");
        CHECK_CONTAINS(m, "…)");
    }
    CHECK_INT(d.tables[0].n_rows, 2);
}

static void
test_xlsx_workbook(void)
{
    pt_cells_doc d;
    static const char one_cell[] = S_OPEN "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" S_CLOSE;

    /* the 1904 date system; sheet order of the workbook, not of the parts */
    CHECK_INT(read_xlsx_parts(S_OPEN "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c></row>" S_CLOSE, one_cell, NULL,
        STYLES_OPEN "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>",
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<workbookPr date1904=\"true\"/><sheets><sheet name=\"后\" sheetId=\"9\" r:id=\"rId2\"/>"
        "<sheet name=\"前\" sheetId=\"1\" r:id=\"rId1\" state=\"hidden\"/></sheets></workbook>", false, &d), 0);
    CHECK_INT(d.n_tables, 2);
    CHECK_TEXT(d.tables[0].sheet, "后");
    CHECK_INT(d.tables[0].number, 1);
    CHECK_TEXT(CELL(&d, 0, 0, 0), "1");
    CHECK_TEXT(d.tables[1].sheet, "前");
    CHECK_TEXT(CELL(&d, 1, 0, 0), "1904/1/1");

    /* a sheet without its relationship, or a relationship without its part */
    CHECK_INT(read_xlsx_parts(one_cell, NULL, NULL, NULL,
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<sheets><sheet name=\"孤\" sheetId=\"1\" r:id=\"rId77\"/></sheets></workbook>", false, &d), -1);
    CHECK_CONTAINS(err.message, "has no worksheet relationship");
    /* a shared string that does not exist; a malformed reference */
    CHECK_INT(read_xlsx_parts(S_OPEN "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>" S_CLOSE,
                              NULL, SST_OPEN "<si><t>x</t></si></sst>", NULL, NULL, false, &d), -1);
    CHECK_CONTAINS(err.message, "refers to shared string 5");
    CHECK(strcmp(err.part, "sheet \"Sheet1\"") == 0);
    CHECK_INT(read_xlsx_parts(S_OPEN "<row r=\"1\"><c r=\"1A\"><v>5</v></c></row>" S_CLOSE,
                              NULL, NULL, NULL, NULL, false, &d), -1);
    CHECK_CONTAINS(err.message, "malformed reference \"1A\"");
    CHECK_INT(read_xlsx_parts(S_OPEN "<row r=\"1\"><c r=\"XFE1\"><v>5</v></c></row>" S_CLOSE,
                              NULL, NULL, NULL, NULL, false, &d), -1);
    CHECK_INT(read_xlsx_parts(S_OPEN "</sheetData><mergeCells><mergeCell ref=\"A1:\"/></mergeCells></worksheet>",
                              NULL, NULL, NULL, NULL, false, &d), -1);
    CHECK_CONTAINS(err.message, "merged range has the malformed reference");
    /* a value in column 1001: the column limit; in column XFD when empty: nothing */
    CHECK_INT(read_xlsx_parts(S_OPEN "<row r=\"4\"><c r=\"A4\"><v>1</v></c><c r=\"ALM4\"><v>5</v></c></row>" S_CLOSE,
                              NULL, NULL, NULL, NULL, false, &d), -1);
    CHECK_INT(err.code, PT_DOC_ERR_LIMIT);
    CHECK_INT(err.row, 4);
    CHECK_CONTAINS(err.message, "more than 1000 cells");
    CHECK_INT(read_xlsx_parts(S_OPEN "<row r=\"4\"><c r=\"A4\"><v>1</v></c><c r=\"XFD4\" s=\"3\"/></row>" S_CLOSE,
                              NULL, NULL, NULL, NULL, false, &d), 0);
    CHECK_INT(d.tables[0].n_columns, 1);
    /* not well-formed shared strings: the part */
    CHECK_INT(read_xlsx_parts(one_cell, NULL, SST_OPEN "<si><t>x</si></sst>", NULL, NULL, false, &d), -1);
    CHECK(strcmp(err.part, "xl/sharedStrings.xml") == 0);
    /* no workbook part */
    {
        zw_buf      z;

        memset(&z, 0, sizeof(z));
        zw_add(&z, "xl/styles.xml", "<a/>", 4, false);
        zw_finish(&z);
        CHECK_INT(read_doc(z.data, z.len, true, false, &d), -1);
        CHECK_CONTAINS(err.message, "no workbook part");
        free(z.data);
    }
    /* a workbook without relationships: the parts by their usual names */
    {
        static const char wb[] =
            "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            "<sheets><sheet name=\"无关系\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
        zw_buf      z;

        memset(&z, 0, sizeof(z));
        zw_add(&z, "xl/workbook.xml", wb, strlen(wb), false);
        zw_add(&z, "xl/worksheets/sheet1.xml", one_cell, strlen(one_cell), true);
        zw_finish(&z);
        CHECK_INT(read_doc(z.data, z.len, true, false, &d), 0);
        CHECK_TEXT(d.tables[0].sheet, "无关系");
        CHECK_TEXT(CELL(&d, 0, 0, 0), "1");
        free(z.data);
    }
    /* a shared string of more than 1 MiB */
    {
        char       *big = malloc(1024 * 1024 + 200);
        size_t      n = (size_t) sprintf(big, "%s<si><t>", SST_OPEN);

        fill_letters(big + n, 1024 * 1024 + 1);
        n += 1024 * 1024 + 1;
        strcpy(big + n, "</t></si></sst>");
        CHECK_INT(read_xlsx_parts(one_cell, NULL, big, NULL, NULL, false, &d), -1);
        CHECK_INT(err.code, PT_DOC_ERR_LIMIT);
        CHECK_CONTAINS(err.message, "shared string holds more than 1 MiB");
        free(big);
    }
}

/* ------------------------------------------------------------ the zip layer */

static uint32_t
get32(const unsigned char *p)
{
    return (uint32_t) p[0] | ((uint32_t) p[1] << 8) | ((uint32_t) p[2] << 16) | ((uint32_t) p[3] << 24);
}

static void
put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char) v;
    p[1] = (unsigned char) (v >> 8);
    p[2] = (unsigned char) (v >> 16);
    p[3] = (unsigned char) (v >> 24);
}

/* Set the uncompressed size (and general purpose flags) of member `name`
 * in its local and central headers. */
static void
patch_member(zw_buf *z, const char *name, uint32_t usize, int flags)
{
    size_t      n = strlen(name);
    size_t      i;

    for (i = 0; i + 46 + n <= z->len; i++)
    {
        uint32_t    sig = get32(z->data + i);

        if (sig == 0x04034B50 && i + 30 + n <= z->len && memcmp(z->data + i + 30, name, n) == 0)
        {
            if (usize)
                put32(z->data + i + 22, usize);
            if (flags >= 0)
                z->data[i + 6] = (unsigned char) flags;
        }
        if (sig == 0x02014B50 && memcmp(z->data + i + 46, name, n) == 0)
        {
            if (usize)
                put32(z->data + i + 24, usize);
            if (flags >= 0)
                z->data[i + 8] = (unsigned char) flags;
        }
    }
}

static void
test_zip(void)
{
    pt_cells_doc d;
    zw_buf      z;
    char       *xml;
    size_t      n;
    const char  doc[] = W_OPEN "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" W_CLOSE;

    /* not a zip at all; a zip cut anywhere */
    CHECK_INT(read_doc("PK\3\4 and nothing else", 22, false, false, &d), -1);
    CHECK_CONTAINS(err.message, "not a complete zip archive");
    CHECK_INT(err.code, PT_DOC_ERR_INVALID);
    zw_docx(&z, doc, strlen(doc));
    {
        size_t      cut;
        bool        all_errors = true;

        for (cut = 0; cut < z.len; cut++)
            if (read_doc(z.data, cut, false, false, &d) != -1 || err.message[0] == '\0')
                all_errors = false;
        CHECK(all_errors);
        CHECK_INT(read_doc(z.data, z.len, false, false, &d), 0);
    }
    /* a stored member's data changed: its CRC */
    {
        unsigned char *p = memmem(z.data, z.len, "<w:document", 11);

        /* document.xml is deflated; damage the deflated bytes of the last member */
        size_t      at = z.members[2].offset + 30 + strlen(z.members[2].name) + 5;

        (void) p;
        z.data[at] ^= 0x55;
        CHECK_INT(read_doc(z.data, z.len, false, false, &d), -1);
        CHECK_CONTAINS(err.message, "damaged");
        CHECK(strcmp(err.part, "word/document.xml") == 0);
    }
    free(z.data);
    {
        /* a stored member, its data changed: the CRC says so */
        static const char rels[] =
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            "<Relationship Id=\"rId1\" Type=\"http://x/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
        unsigned char *p;

        memset(&z, 0, sizeof(z));
        zw_add(&z, "_rels/.rels", rels, strlen(rels), false);
        zw_add(&z, "word/document.xml", doc, strlen(doc), false);
        zw_finish(&z);
        p = memmem(z.data, z.len, "表", 3);
        memcpy(p, "abc", 3);
        CHECK_INT(read_doc(z.data, z.len, false, false, &d), -1);
        CHECK_CONTAINS(err.message, "checksum (CRC)");
        free(z.data);
    }
    /* declared sizes: beyond 256 MiB, more than 200 times the compressed size */
    zw_docx(&z, doc, strlen(doc));
    patch_member(&z, "word/document.xml", 300u * 1024 * 1024, -1);
    CHECK_INT(read_doc(z.data, z.len, false, false, &d), -1);
    CHECK_INT(err.code, PT_DOC_ERR_LIMIT);
    CHECK_CONTAINS(err.message, "more than 256 MiB");
    free(z.data);
    n = 8u * 1024 * 1024;
    xml = malloc(n + 1024);
    {
        size_t      k = (size_t) sprintf(xml, "%s<w:p><w:r><w:t>", W_OPEN);

        memset(xml + k, ' ', n);
        strcpy(xml + k + n, "</w:t></w:r></w:p>" W_CLOSE);
    }
    zw_docx(&z, xml, strlen(xml));
    CHECK_INT(read_doc(z.data, z.len, false, false, &d), -1);
    CHECK_INT(err.code, PT_DOC_ERR_LIMIT);
    CHECK_CONTAINS(err.message, "zip bomb");
    /* actual size beyond the declared one: stopped while inflating */
    patch_member(&z, "word/document.xml", 4096, -1);
    CHECK_INT(read_doc(z.data, z.len, false, false, &d), -1);
    CHECK_INT(err.code, PT_DOC_ERR_LIMIT);
    CHECK_CONTAINS(err.message, "inflates beyond the 4096 bytes it declares");
    free(z.data);
    free(xml);
    /* a member shorter than declared */
    zw_docx(&z, doc, strlen(doc));
    patch_member(&z, "word/document.xml", (uint32_t) strlen(doc) + 10, -1);
    CHECK_INT(read_doc(z.data, z.len, false, false, &d), -1);
    CHECK_CONTAINS(err.message, "damaged");
    free(z.data);
    /* encrypted members (zip encryption, not Office's) */
    zw_docx(&z, doc, strlen(doc));
    patch_member(&z, "word/document.xml", 0, 1);
    CHECK_INT(read_doc(z.data, z.len, false, false, &d), -1);
    CHECK_CONTAINS(err.message, "encrypted");
    CHECK_INT(err.code, PT_DOC_ERR_UNSUPPORTED);
    free(z.data);
    /* too many members (the end record's count) */
    zw_docx(&z, doc, strlen(doc));
    z.data[z.len - 22 + 8] = 0x30;
    z.data[z.len - 22 + 9] = 0x75;
    z.data[z.len - 22 + 10] = 0x30;
    z.data[z.len - 22 + 11] = 0x75;
    CHECK_INT(read_doc(z.data, z.len, false, false, &d), -1);
    CHECK_INT(err.code, PT_DOC_ERR_LIMIT);
    CHECK_CONTAINS(err.message, "more than 10000 zip members");
    free(z.data);
    /* the total of all parts: four parts of 80 MiB declared, each allowed alone */
    {
        char        resolved[64];

        CHECK(pt_ooxml_resolve("xl/", "worksheets/sheet1.xml", resolved, sizeof(resolved)) &&
              strcmp(resolved, "xl/worksheets/sheet1.xml") == 0);
        CHECK(pt_ooxml_resolve("xl/", "/xl/worksheets/../sheet2.xml", resolved, sizeof(resolved)) &&
              strcmp(resolved, "xl/sheet2.xml") == 0);
        CHECK(pt_ooxml_resolve("word/", "./../customXml/item1.xml", resolved, sizeof(resolved)) &&
              strcmp(resolved, "customXml/item1.xml") == 0);
        CHECK(!pt_ooxml_resolve("", "../../etc/passwd", resolved, sizeof(resolved)));
        CHECK(!pt_ooxml_resolve("", "", resolved, sizeof(resolved)));
        CHECK(!pt_ooxml_resolve("xl/", "a/very/long/name/that/does/not/fit/in/sixty/four/bytes/at/all.xml",
                                resolved, sizeof(resolved)));
    }
}

/* ------------------------------------------------------------ fixtures */

static bool
same_text(pt_doc_text a, pt_doc_text b)
{
    return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

static int
read_fixture(const char *dir, const char *name, bool lenient, pt_document *doc, pt_source_format *format,
             buffer *keep)
{
    pt_read_request req;

    *keep = read_file_in(dir, name);
    memset(&req, 0, sizeof(req));
    req.lenient = lenient;
    req.source = pt_text(name, strlen(name));
    return pt_document_read(keep->data, keep->len, &req, &alloc, doc, format, &err);
}

/* Every field but the positions (line, row, table) equal. */
static bool
same_document(const pt_document *a, const pt_document *b, const char *what)
{
    int         i,
                j;

    if (a->n_projects != b->n_projects)
    {
        printf("    %s: %d projects, want %d\n", what, a->n_projects, b->n_projects);
        return false;
    }
    for (i = 0; i < a->n_projects; i++)
    {
        const pt_doc_project *p = &a->projects[i],
                   *q = &b->projects[i];
        pt_doc_text pt[] = {p->ordinal, p->title, p->dept_code, p->dept_name, p->budget_unit, p->name,
        p->budget_total, p->fiscal_funds, p->other_funds, p->purpose, p->goals, p->extra};
        pt_doc_text qt[] = {q->ordinal, q->title, q->dept_code, q->dept_name, q->budget_unit, q->name,
        q->budget_total, q->fiscal_funds, q->other_funds, q->purpose, q->goals, q->extra};
        size_t      k;

        for (k = 0; k < sizeof(pt) / sizeof(pt[0]); k++)
            if (!same_text(pt[k], qt[k]))
            {
                printf("    %s: project %d field %zu: \"%.*s\" vs \"%.*s\"\n", what, i, k,
                       (int) pt[k].len, pt[k].ptr, (int) qt[k].len, qt[k].ptr);
                return false;
            }
        if (p->year != q->year || p->n_indicators != q->n_indicators)
        {
            printf("    %s: project %d: year %d/%d, %d/%d indicators\n", what, i, p->year, q->year,
                   p->n_indicators, q->n_indicators);
            return false;
        }
        for (j = 0; j < p->n_indicators; j++)
        {
            const pt_doc_indicator *r = &p->indicators[j],
                       *s = &q->indicators[j];
            pt_doc_text rt[] = {r->level1, r->level1_written, r->level2, r->level3, r->description, r->value,
                r->target_text, r->target_note, r->level1_weight, r->level2_weight, r->direction, r->unit,
                r->weight, r->weight_value, r->actual, r->actual_text, r->actual_note, r->score,
            r->score_value, r->reason, r->standard, r->benchmark, r->extra};
            pt_doc_text st[] = {s->level1, s->level1_written, s->level2, s->level3, s->description, s->value,
                s->target_text, s->target_note, s->level1_weight, s->level2_weight, s->direction, s->unit,
                s->weight, s->weight_value, s->actual, s->actual_text, s->actual_note, s->score,
            s->score_value, s->reason, s->standard, s->benchmark, s->extra};

            if (r->columns != s->columns)
            {
                printf("    %s: indicator %d: columns %x vs %x\n", what, j + 1, r->columns, s->columns);
                return false;
            }
            for (k = 0; k < sizeof(rt) / sizeof(rt[0]); k++)
                if (!same_text(rt[k], st[k]))
                {
                    printf("    %s: indicator %d field %zu: \"%.*s\" vs \"%.*s\"\n", what, j + 1, k,
                           (int) rt[k].len, rt[k].ptr, (int) st[k].len, st[k].ptr);
                    return false;
                }
        }
    }
    return true;
}

static const struct
{
    const char *file;
    const char *csv;            /* the same layout as CSV */
    pt_source_format format;
    int         projects;
    int         indicators;
    int         skipped;
}           LAYOUTS[] = {
    {"combined.docx", "combined.csv", PT_FORMAT_DOCX, 1, 6, 0},
    {"split.docx", "split_bom.csv", PT_FORMAT_DOCX, 1, 9, 0},
    {"template.docx", "template.tsv", PT_FORMAT_DOCX, 1, 8, 0},
    {"selfeval.docx", "selfeval_gb18030.csv", PT_FORMAT_DOCX, 1, 6, 0},
    {"merged.docx", "merged_utf16le.txt", PT_FORMAT_DOCX, 2, 8, 0},
    {"hunan.docx", "hunan_utf16be.csv", PT_FORMAT_DOCX, 1, 6, 0},
    {"combined.xlsx", "combined.csv", PT_FORMAT_XLSX, 1, 6, 0},
    {"split.xlsx", "split_bom.csv", PT_FORMAT_XLSX, 1, 9, 0},
    {"template.xlsx", "template.tsv", PT_FORMAT_XLSX, 1, 8, 0},
    {"selfeval.xlsx", "selfeval_gb18030.csv", PT_FORMAT_XLSX, 1, 6, 0},
    {"merged.xlsx", "merged_utf16le.txt", PT_FORMAT_XLSX, 2, 8, 1},
    {"hunan.xlsx", "hunan_utf16be.csv", PT_FORMAT_XLSX, 1, 6, 0},
    {"nested.docx", NULL, PT_FORMAT_DOCX, 1, 2, 0},
    {"formats.xlsx", NULL, PT_FORMAT_XLSX, 1, 26, 0},
};

static void
test_fixtures(const char *dir)
{
    size_t      i;

    for (i = 0; i < sizeof(LAYOUTS) / sizeof(LAYOUTS[0]); i++)
    {
        pt_document doc;
        pt_document csv;
        pt_source_format format;
        buffer      a,
                    b;
        int         total = 0;
        int         p;
        char        what[128];

        snprintf(what, sizeof(what), "%s", LAYOUTS[i].file);
        arena_reset(&the_arena);
        if (!CHECK(read_fixture(dir, LAYOUTS[i].file, false, &doc, &format, &a) == 0))
        {
            printf("    %s: %s (%s)\n", LAYOUTS[i].file, err.message, err.part);
            free(a.data);
            continue;
        }
        CHECK_INT(format, LAYOUTS[i].format);
        CHECK_INT(doc.n_projects, LAYOUTS[i].projects);
        for (p = 0; p < doc.n_projects; p++)
            total += doc.projects[p].n_indicators;
        CHECK_INT(total, LAYOUTS[i].indicators);
        CHECK_INT(doc.n_skipped, LAYOUTS[i].skipped);
        /* every indicator knows its table and row */
        for (p = 0; p < doc.n_projects; p++)
        {
            int         j;

            for (j = 0; j < doc.projects[p].n_indicators; j++)
                if (doc.projects[p].indicators[j].table < 1 || doc.projects[p].indicators[j].source_row < 1 ||
                    doc.projects[p].indicators[j].line != 0)
                    CHECK(!"an indicator without its place");
        }
        if (LAYOUTS[i].csv != NULL)
        {
            /* the same file name: a title-less table is named after it */
            pt_read_request req;

            b = read_file_in(dir, LAYOUTS[i].csv);
            memset(&req, 0, sizeof(req));
            req.source = pt_text(LAYOUTS[i].file, strlen(LAYOUTS[i].file));
            CHECK_INT(pt_document_read(b.data, b.len, &req, &alloc, &csv, NULL, &err), 0);
            if (!CHECK(same_document(&doc, &csv, what)))
                printf("    %s differs from %s\n", LAYOUTS[i].file, LAYOUTS[i].csv);
            free(b.data);
        }
        free(a.data);
    }

    /* formats.xlsx: each 指标值 shows what its 说明 says */
    {
        pt_document doc;
        buffer      a;
        int         j;

        arena_reset(&the_arena);
        CHECK_INT(read_fixture(dir, "formats.xlsx", false, &doc, NULL, &a), 0);
        for (j = 0; doc.n_projects == 1 && j < doc.projects[0].n_indicators; j++)
        {
            const pt_doc_indicator *r = &doc.projects[0].indicators[j];
            const char *shown = strstr(r->extra.ptr, "显示为");
            size_t      rest = shown ? r->extra.len - (size_t) (shown - r->extra.ptr) - strlen("显示为") : 0;

            if (!CHECK(shown != NULL && r->value.len == rest &&
                       memcmp(r->value.ptr, shown + strlen("显示为"), rest) == 0))
                printf("    %.*s: shows \"%.*s\", %.*s\n", (int) r->level3.len, r->level3.ptr,
                       (int) r->value.len, r->value.ptr, (int) r->extra.len, r->extra.ptr);
        }
        free(a.data);
    }
    /* the sheet and table each indicator came from */
    {
        pt_document doc;
        buffer      a;

        arena_reset(&the_arena);
        CHECK_INT(read_fixture(dir, "merged.xlsx", false, &doc, NULL, &a), 0);
        CHECK_TEXT(doc.projects[0].sheet, "社区养老");
        CHECK_TEXT(doc.projects[1].sheet, "老旧小区");
        CHECK_INT(doc.projects[1].indicators[0].table, 2);
        CHECK_INT(doc.projects[1].indicators[0].source_row, 5);
        CHECK_TEXT(doc.skipped[0].part, "sheet \"预算明细\"");
        free(a.data);
        arena_reset(&the_arena);
        CHECK_INT(read_fixture(dir, "merged.docx", false, &doc, NULL, &a), 0);
        CHECK_INT(doc.projects[0].n_indicators, 5);
        CHECK_INT(doc.projects[0].indicators[3].table, 2);  /* continued in the second table */
        CHECK_INT(doc.projects[1].indicators[0].table, 3);
        free(a.data);
    }
    arena_reset(&the_arena);
}

static const struct
{
    const char *file;
    bool        lenient;
    int         code;
    const char *message;
    const char *part;
}           BAD[] = {
    {"no_tables.docx", false, PT_DOC_ERR_INVALID, "no indicator table found", ""},
    {"entities.docx", false, PT_DOC_ERR_INVALID, "document type declaration (DOCTYPE)", "word/document.xml"},
    {"bomb.docx", false, PT_DOC_ERR_LIMIT, "refused as a zip bomb", "word/document.xml"},
    {"bomb_lying.xlsx", false, PT_DOC_ERR_LIMIT, "inflates beyond the 1024 bytes", "xl/worksheets/sheet1.xml"},
    {"nocache.xlsx", false, PT_DOC_ERR_INVALID, "the cell D4 holds a formula (=B5/B6) without a cached value",
    "sheet \"公式\""},
    {"truncated.xlsx", false, PT_DOC_ERR_INVALID, "not a complete zip archive", ""},
    {"truncated.docx", false, PT_DOC_ERR_INVALID, "not a complete zip archive", ""},
    {"nodocument.docx", false, PT_DOC_ERR_INVALID, "has no main part", ""},
    {"encrypted.xlsx", false, PT_DOC_ERR_UNSUPPORTED, "password-protected", ""},
    {"legacy.doc", false, PT_DOC_ERR_UNSUPPORTED, "Word 97-2003", ""},
};

static void
test_bad_fixtures(const char *dir)
{
    size_t      i;

    for (i = 0; i < sizeof(BAD) / sizeof(BAD[0]); i++)
    {
        pt_document doc;
        buffer      a;

        arena_reset(&the_arena);
        if (!CHECK(read_fixture(dir, BAD[i].file, BAD[i].lenient, &doc, NULL, &a) == -1))
            printf("    %s was read\n", BAD[i].file);
        else
        {
            CHECK_INT(err.code, BAD[i].code);
            CHECK_CONTAINS(err.message, BAD[i].message);
            if (!CHECK(strcmp(err.part, BAD[i].part) == 0))
                printf("    %s: part \"%s\"\n", BAD[i].file, err.part);
            CHECK(err.hint[0] != '\0');
            CHECK_INT(doc.n_projects, 0);
        }
        free(a.data);
    }
    /* lenient: formulas without cached values are reported skips */
    {
        pt_document doc;
        buffer      a;

        arena_reset(&the_arena);
        CHECK_INT(read_fixture(dir, "nocache.xlsx", true, &doc, NULL, &a), 0);
        CHECK_INT(doc.n_projects, 1);
        CHECK_INT(doc.projects[0].n_indicators, 3);
        CHECK_INT(doc.n_skipped, 2);
        CHECK_TEXT(doc.skipped[0].part, "sheet \"公式\"");
        CHECK_INT(doc.skipped[0].line, 4);
        CHECK_INT(doc.skipped[0].table, 1);
        free(a.data);
    }
    arena_reset(&the_arena);
}

/* ------------------------------------------------------------ robustness */

/* Cut anywhere, bytes changed anywhere: an error or a document, never a crash. */
static void
test_robustness(const char *dir)
{
    static const char *const names[] = {"combined.docx", "selfeval.xlsx", "merged.xlsx"};
    bool        all_ok = true;
    size_t      f;
    long        read_ok = 0;

    rng_seed(88172645);
    for (f = 0; f < sizeof(names) / sizeof(names[0]); f++)
    {
        buffer      b = read_file_in(dir, names[f]);
        size_t      cut;
        int         round;

        for (cut = 0; cut <= b.len; cut += 7)
        {
            char       *copy = malloc(cut + 1);
            pt_document d;
            int         rc;

            memcpy(copy, b.data, cut);
            rc = read_as_import(copy, cut, cut % 2 == 1, NULL, &d);
            if (rc == -2)
                all_ok = false;
            read_ok += rc == 0;
            free(copy);
        }
        for (round = 0; round < 600; round++)
        {
            char       *m = malloc(b.len);
            int         edits = 1 + (int) (rng() % 4);
            pt_document d;
            int         rc;

            memcpy(m, b.data, b.len);
            while (edits-- > 0)
                m[rng() % b.len] = (char) rng();
            rc = read_as_import(m, b.len, round % 2 == 1, "mutated", &d);
            if (rc == -2)
                all_ok = false;
            read_ok += rc == 0;
            free(m);
        }
        free(b.data);
    }
    CHECK(all_ok);
    CHECK(read_ok > 0);
    arena_reset(&the_arena);
}

/* Running out of memory at any allocation: an error saying so. */
static void
test_out_of_memory(const char *dir)
{
    check_out_of_memory(dir, "selfeval.docx");
    check_out_of_memory(dir, "selfeval.xlsx");
    check_out_of_memory(dir, "formats.xlsx");
}

int
main(int argc, char **argv)
{
    check_arguments(argc, argv, 1, "FIXTURE_DIR");
    TEST_CASE(test_numbers());
    TEST_CASE(test_dates());
    TEST_CASE(test_format_codes_exhaustive());
    TEST_CASE(test_docx_runs());
    TEST_CASE(test_docx_merges());
    TEST_CASE(test_docx_tables());
    TEST_CASE(test_docx_errors());
    TEST_CASE(test_xlsx_cells());
    TEST_CASE(test_xlsx_merges());
    TEST_CASE(test_xlsx_formulas());
    TEST_CASE(test_xlsx_workbook());
    TEST_CASE(test_zip());
    TEST_CASE(test_fixtures(argv[1]));
    TEST_CASE(test_bad_fixtures(argv[1]));
    TEST_CASE(test_robustness(argv[1]));
    TEST_CASE(test_out_of_memory(argv[1]));
    read_doc("", 0, false, false, NULL);    /* frees the last copy */
    arena_reset(&the_arena);
    return check_summary();
}
