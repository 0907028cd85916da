/*
 * ooxml_bench.c — parse throughput of the .docx and .xlsx readers (not a
 * test): generated documents of PROJECTS projects of 10 indicators each, as
 * Word and Excel write them (one table per project with its paragraphs and
 * merged levels; one sheet with every project, shared and inline strings,
 * percentages typed as numbers in a percent format, merged title and level
 * cells), zipped (deflate) by test/unit/zip_writer.h, read by the reader
 * alone and by the whole pipeline (reader and layout: pt_document_read).
 * Prints MB/s of the file and of its XML, and indicators/s; best of REPEAT.
 *
 *   make test/bench/ooxml_bench && test/bench/ooxml_bench [PROJECTS [REPEAT]]
 */
#include "pt_ooxml.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "zip_writer.h"

/* ------------------------------------------------------------ a bump arena */

typedef struct chunk
{
    struct chunk *next;
    size_t      used;
    size_t      size;
    max_align_t data[];
} chunk;

static chunk *chunks;

static void *
bump(void *ctx, size_t n)
{
    (void) ctx;
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    if (chunks == NULL || chunks->size - chunks->used < n)
    {
        size_t      size = n > ((size_t) 1 << 24) ? n : ((size_t) 1 << 24);
        chunk      *c = malloc(sizeof(chunk) + size);

        if (c == NULL)
            return NULL;
        c->next = chunks;
        c->used = 0;
        c->size = size;
        chunks = c;
    }
    chunks->used += n;
    return (char *) chunks->data + chunks->used - n;
}

static void
bump_reset(void)
{
    while (chunks != NULL)
    {
        chunk      *next = chunks->next;

        free(chunks);
        chunks = next;
    }
}

/* ------------------------------------------------------------ text */

typedef struct text
{
    char       *p;
    size_t      len;
    size_t      cap;
} text;

static void
add(text *t, const char *fmt, ...)
{
    va_list     ap;
    int         n;

    for (;;)
    {
        va_start(ap, fmt);
        n = t->cap > 0 ? vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap) : -1;
        va_end(ap);
        if (n >= 0 && (size_t) n < t->cap - t->len)
            break;
        t->cap = t->cap ? t->cap * 2 : (size_t) 1 << 20;
        t->p = realloc(t->p, t->cap);
    }
    t->len += (size_t) n;
}

static const char *const LEVEL1[10] = {"产出指标", "产出指标", "产出指标", "产出指标", "产出指标", "效益指标",
    "效益指标", "效益指标", "满意度指标", "满意度指标"};
static const char *const LEVEL2[10] = {"数量指标", "数量指标", "质量指标", "时效指标", "成本指标",
    "社会效益指标", "经济效益指标", "可持续影响指标", "服务对象满意度指标", "服务对象满意度指标"};
static const char *const VALUES[10] = {"≥1200盏", "≥35个", "≥98%", "≤24小时", "≤120万元", "明显改善",
    "≥5%", "长期", "≥90%", "≥95%"};
static const char *const STRINGS[] = {"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "项目名称",
    "全年维护城区主次干道路灯并及时修复故障", "明显改善", "长期", "≥1200盏", "≥35个", "≤24小时", "≤120万元",
    "产出指标", "效益指标", "满意度指标", "数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标",
"经济效益指标", "可持续影响指标", "服务对象满意度指标"};

static int
sst_index(const char *s)
{
    int         i;

    for (i = 0; i < (int) (sizeof(STRINGS) / sizeof(STRINGS[0])); i++)
        if (strcmp(STRINGS[i], s) == 0)
            return i;
    return -1;
}

/* the number Excel stores for a percentage typed in, or NULL */
static const char *
percent_number(const char *v)
{
    static const char *const pct[][2] = {{"≥98%", "0.98"}, {"≥5%", "0.05"}, {"≥90%", "0.9"}, {"≥95%", "0.95"}};
    size_t      j;

    for (j = 0; j < sizeof(pct) / sizeof(pct[0]); j++)
        if (strcmp(v, pct[j][0]) == 0)
            return pct[j][1];
    return NULL;
}

static void
w_cell(text *t, const char *s, int span, const char *vmerge)
{
    add(t, "<w:tc><w:tcPr><w:tcW w:w=\"1200\" w:type=\"dxa\"/>");
    if (span > 1)
        add(t, "<w:gridSpan w:val=\"%d\"/>", span);
    if (vmerge != NULL)
        add(t, "%s", vmerge);
    add(t, "</w:tcPr><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/>"
        "<w:sz w:val=\"21\"/></w:rPr><w:t>%s</w:t></w:r></w:p></w:tc>", s);
}

static text
make_document(int projects)
{
    text        t = {0};
    int         p,
                i;

    add(&t, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\""
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
    for (p = 0; p < projects; p++)
    {
        char        name[80];

        add(&t, "<w:p><w:r><w:t>2025年度第%d号城区道路照明维护项目绩效目标表</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>主管部门：某市城市管理局第%d分局</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>单位：万元</w:t></w:r></w:p>", p, p);
        add(&t, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr><w:tblGrid>"
            "<w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>");
        w_cell(&t, "项目名称", 1, NULL);
        snprintf(name, sizeof(name), "第%d号城区道路照明维护", p);
        w_cell(&t, name, 4, NULL);
        add(&t, "</w:tr><w:tr><w:trPr><w:tblHeader/></w:trPr>");
        w_cell(&t, "一级指标", 1, NULL);
        w_cell(&t, "二级指标", 1, NULL);
        w_cell(&t, "三级指标", 1, NULL);
        w_cell(&t, "绩效指标描述", 1, NULL);
        w_cell(&t, "指标值", 1, NULL);
        add(&t, "</w:tr>");
        for (i = 0; i < 10; i++)
        {
            bool        first = i == 0 || strcmp(LEVEL1[i], LEVEL1[i - 1]) != 0;

            add(&t, "<w:tr>");
            w_cell(&t, first ? LEVEL1[i] : "", 1, first ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>");
            w_cell(&t, LEVEL2[i], 1, NULL);
            snprintf(name, sizeof(name), "指标%d-%d", p, i);
            w_cell(&t, name, 1, NULL);
            w_cell(&t, "全年维护城区主次干道路灯并及时修复故障", 1, NULL);
            w_cell(&t, VALUES[i], 1, NULL);
            add(&t, "</w:tr>");
        }
        add(&t, "</w:tbl>");
    }
    add(&t, "<w:sectPr/></w:body></w:document>");
    return t;
}

static void
make_workbook(int projects, text *sheet, text *sst, text *styles)
{
    text        merges = {0};
    int         row = 0;
    int         p,
                i;
    size_t      k;

    add(sst, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<sst xmlns=\""
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
    for (k = 0; k < sizeof(STRINGS) / sizeof(STRINGS[0]); k++)
        add(sst, "<si><t>%s</t></si>", STRINGS[k]);
    add(sst, "</sst>");
    add(styles, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<styleSheet xmlns=\""
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts count=\"1\">"
        "<numFmt numFmtId=\"176\" formatCode=\"&quot;≥&quot;0%\"/></numFmts><cellXfs count=\"4\">"
        "<xf numFmtId=\"0\"/><xf numFmtId=\"9\"/><xf numFmtId=\"2\"/><xf numFmtId=\"176\"/></cellXfs></styleSheet>");
    add(sheet, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<worksheet xmlns=\""
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:E%d\"/><sheetData>",
        projects * 14);
    for (p = 0; p < projects; p++)
    {
        row++;
        add(sheet, "<row r=\"%d\"><c r=\"A%d\" t=\"inlineStr\"><is><t>2025年度第%d号城区道路照明维护项目绩效目标表"
            "</t></is></c><c r=\"B%d\" s=\"0\"/><c r=\"C%d\" s=\"0\"/><c r=\"D%d\" s=\"0\"/><c r=\"E%d\" s=\"0\"/>"
            "</row>", row, row, p, row, row, row, row);
        add(&merges, "<mergeCell ref=\"A%d:E%d\"/>", row, row);
        row++;
        add(sheet, "<row r=\"%d\"><c r=\"A%d\" t=\"inlineStr\"><is><t>主管部门：某市城市管理局第%d分局</t></is></c>"
            "</row>", row, row, p);
        row++;
        add(sheet, "<row r=\"%d\"><c r=\"A%d\" t=\"s\"><v>5</v></c><c r=\"B%d\" t=\"inlineStr\"><is><t>"
            "第%d号城区道路照明维护</t></is></c></row>", row, row, row, p);
        add(&merges, "<mergeCell ref=\"B%d:E%d\"/>", row, row);
        row++;
        add(sheet, "<row r=\"%d\">", row);
        for (i = 0; i < 5; i++)
            add(sheet, "<c r=\"%c%d\" t=\"s\"><v>%d</v></c>", 'A' + i, row, i);
        add(sheet, "</row>");
        for (i = 0; i < 10; i++)
        {
            bool        first = i == 0 || strcmp(LEVEL1[i], LEVEL1[i - 1]) != 0;
            const char *number = percent_number(VALUES[i]);

            row++;
            add(sheet, "<row r=\"%d\">", row);
            if (first)
            {
                int         end = i;

                while (end + 1 < 10 && strcmp(LEVEL1[end + 1], LEVEL1[i]) == 0)
                    end++;
                add(sheet, "<c r=\"A%d\" t=\"s\"><v>%d</v></c>", row, sst_index(LEVEL1[i]));
                if (end > i)
                    add(&merges, "<mergeCell ref=\"A%d:A%d\"/>", row, row + end - i);
            }
            else
                add(sheet, "<c r=\"A%d\" s=\"0\"/>", row);
            add(sheet, "<c r=\"B%d\" t=\"s\"><v>%d</v></c><c r=\"C%d\" t=\"inlineStr\"><is><t>指标%d-%d</t></is></c>"
                "<c r=\"D%d\" t=\"s\"><v>6</v></c>", row, sst_index(LEVEL2[i]), row, p, i, row);
            if (number != NULL)
                add(sheet, "<c r=\"E%d\" s=\"3\"><v>%s</v></c>", row, number);
            else
                add(sheet, "<c r=\"E%d\" t=\"s\"><v>%d</v></c>", row, sst_index(VALUES[i]));
            add(sheet, "</row>");
        }
    }
    add(sheet, "</sheetData><mergeCells>%.*s</mergeCells></worksheet>", (int) merges.len, merges.p);
    free(merges.p);
}

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
measure(const char *what, const char *file, size_t len, size_t xml_len, bool xlsx, int repeat)
{
    pt_allocator alloc = {bump, NULL};
    double      best_read = 1e9,
                best_all = 1e9;
    long        indicators = 0;
    int         r;

    for (r = 0; r < repeat; r++)
    {
        pt_cells_doc cells;
        pt_document doc;
        pt_doc_error err;
        pt_read_request req;
        double      t0,
                    t1,
                    t2,
                    t3;
        int         rc;
        int         p;

        t0 = now();
        rc = xlsx ? pt_read_xlsx(file, len, false, &alloc, &cells, &err) : pt_read_docx(file, len, &alloc, &cells, &err);
        t1 = now();
        if (rc != 0)
        {
            printf("%s: %s (%s)\n", what, err.message, err.part);
            exit(1);
        }
        bump_reset();
        memset(&req, 0, sizeof(req));
        req.source = pt_text("bench", 5);
        t2 = now();
        rc = pt_document_read(file, len, &req, &alloc, &doc, NULL, &err);
        t3 = now();
        if (rc != 0)
        {
            printf("%s: %s (%s, row %d)\n", what, err.message, err.part, err.row);
            exit(1);
        }
        if (t1 - t0 < best_read)
            best_read = t1 - t0;
        if (t3 - t2 < best_all)
            best_all = t3 - t2;
        indicators = 0;
        for (p = 0; p < doc.n_projects; p++)
            indicators += doc.projects[p].n_indicators;
        bump_reset();
    }
    printf("%s: %.2f MB file (%.2f MB of XML), %ld indicators\n"
           "  reader          %8.1f ms  %7.1f MB/s of file  %7.1f MB/s of XML  %9.0f indicators/s\n"
           "  reader + layout %8.1f ms  %7.1f MB/s of file  %7.1f MB/s of XML  %9.0f indicators/s\n",
           what, len / 1e6, xml_len / 1e6, indicators,
           best_read * 1e3, len / 1e6 / best_read, xml_len / 1e6 / best_read, indicators / best_read,
           best_all * 1e3, len / 1e6 / best_all, xml_len / 1e6 / best_all, indicators / best_all);
}

int
main(int argc, char **argv)
{
    int         projects = argc > 1 ? atoi(argv[1]) : 2000;
    int         repeat = argc > 2 ? atoi(argv[2]) : 3;
    text        document;
    text        sheet = {0},
                sst = {0},
                styles = {0};
    zw_buf      docx,
                xlsx;

    if (projects < 1 || repeat < 1)
    {
        printf("usage: %s [PROJECTS [REPEAT]]\n", argv[0]);
        return 2;
    }
    document = make_document(projects);
    zw_docx(&docx, document.p, document.len);
    make_workbook(projects, &sheet, &sst, &styles);
    {
        const char *parts[5] = {sheet.p, NULL, sst.p, styles.p, NULL};
        size_t      lens[5] = {sheet.len, 0, sst.len, styles.len, 0};

        zw_xlsx(&xlsx, parts, lens);
    }
    printf("%d projects of 10 indicators, best of %d runs\n", projects, repeat);
    measure("docx", (const char *) docx.data, docx.len, document.len, false, repeat);
    measure("xlsx", (const char *) xlsx.data, xlsx.len, sheet.len + sst.len + styles.len, true, repeat);
    free(document.p);
    free(sheet.p);
    free(sst.p);
    free(styles.p);
    free(docx.data);
    free(xlsx.data);
    return 0;
}
