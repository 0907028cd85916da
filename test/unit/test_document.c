/*
 * Unit tests of the document parser (src/pt_document.c).
 *
 *   cc -std=c11 -Wall -Wextra -Werror -Isrc src/pt_document.c test/unit/test_document.c
 *   ./a.out test/data/seeds/000_e3b62ee139f4edb8.txt test/data/seeds/001_3f8b325168c357be.txt
 *
 * The seeds are real documents; the bad inputs are built here by editing
 * them, so every expected line number below refers to a seed line.
 * Each test function is one test case (TEST_CASE, test/unit/check.h); prints
 * the assertion count as information and closes with "N passed, M failed" in
 * test cases; exits 1 if anything failed.
 */
#include "pt_document.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------------
 * Checks
 * ------------------------------------------------------------------------ */

#include "doc_check.h"
#include "rng.h"
static pt_doc_error err;

/* Parse with a fresh arena; the result lives until the next call. */
static int
parse(const char *text, size_t len, bool lenient, pt_document *doc)
{
    pt_allocator alloc = {arena_alloc, &the_arena};

    arena_reset(&the_arena);
    return pt_document_parse(text, len, lenient, &alloc, doc, &err);
}

/* ------------------------------------------------------------------------
 * Buffers and document editing
 * ------------------------------------------------------------------------ */

/* buffer (read_file.h): exactly len bytes, so ASan catches reads past the end */

static buffer
new_buffer(size_t len)
{
    buffer      b;

    b.data = calloc(len > 0 ? len : 1, 1);
    if (b.data == NULL)
    {
        printf("out of memory\n");
        exit(2);
    }
    b.len = len;
    return b;
}

static buffer
buffer_of(const char *data, size_t len)
{
    buffer      b = new_buffer(len);

    memcpy(b.data, data, len);
    return b;
}

/* Byte offset where 1-based line `line` starts (len if past the end). */
static size_t
line_offset(buffer doc, int line)
{
    size_t      pos = 0;

    while (--line > 0)
    {
        const char *nl = memchr(doc.data + pos, '\n', doc.len - pos);

        if (nl == NULL)
            return doc.len;
        pos = (size_t) (nl - doc.data) + 1;
    }
    return pos;
}

/* Copy of doc with lines [first, first + count) replaced by `insert`
 * (complete lines, each ending in '\n'). */
static buffer
edit_lines(buffer doc, int first, int count, const char *insert)
{
    size_t      from = line_offset(doc, first);
    size_t      to = line_offset(doc, first + count);
    size_t      ins = strlen(insert);
    buffer      out = new_buffer(doc.len - (to - from) + ins);

    memcpy(out.data, doc.data, from);
    memcpy(out.data + from, insert, ins);
    memcpy(out.data + from + ins, doc.data + to, doc.len - to);
    return out;
}

static buffer
replace_line(buffer doc, int line, const char *text)
{
    char        with_newline[1024];

    snprintf(with_newline, sizeof(with_newline), "%s\n", text);
    return edit_lines(doc, line, 1, with_newline);
}

/* The document up to and including line `last`. */
static buffer
first_lines(buffer doc, int last)
{
    return buffer_of(doc.data, line_offset(doc, last + 1));
}

static buffer
with_crlf(buffer doc)
{
    buffer      out = new_buffer(doc.len * 2);
    size_t      n = 0;
    size_t      i;

    for (i = 0; i < doc.len; i++)
    {
        if (doc.data[i] == '\n')
            out.data[n++] = '\r';
        out.data[n++] = doc.data[i];
    }
    out.len = n;
    return out;
}

static buffer
repeated(buffer doc, size_t times)
{
    buffer      out = new_buffer(doc.len * times);
    size_t      i;

    for (i = 0; i < times; i++)
        memcpy(out.data + i * doc.len, doc.data, doc.len);
    return out;
}

/* Text of 1-based line `line` of doc, without its newline. */
static pt_doc_text
seed_line(buffer doc, int line)
{
    size_t      from = line_offset(doc, line);
    const char *nl = memchr(doc.data + from, '\n', doc.len - from);
    pt_doc_text t = {doc.data + from, nl ? (size_t) (nl - doc.data) - from : doc.len - from};

    return t;
}

/* ------------------------------------------------------------------------
 * Invariants of every successful result
 * ------------------------------------------------------------------------ */

static bool
valid_utf8(const char *s, size_t n)
{
    size_t      i = 0;

    while (i < n)
    {
        unsigned char c = (unsigned char) s[i];
        size_t      k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        size_t      j;

        if (k == 0 || c > 0xF4 || i + k > n)
            return false;
        for (j = 1; j < k; j++)
            if (((unsigned char) s[i + j] & 0xC0) != 0x80)
                return false;
        i += k;
    }
    return true;
}

static bool
text_ok(pt_doc_text t)
{
    return t.ptr != NULL && valid_utf8(t.ptr, t.len) && memchr(t.ptr, '\r', t.len) == NULL;
}

static bool
text_contains(pt_doc_text t, const char *needle)
{
    size_t      n = strlen(needle);
    size_t      i;

    for (i = 0; i + n <= t.len; i++)
        if (memcmp(t.ptr + i, needle, n) == 0)
            return true;
    return false;
}

static bool
error_ok(void)
{
    return err.message[0] != '\0' && err.hint[0] != '\0' &&
        valid_utf8(err.message, strlen(err.message)) &&
        valid_utf8(err.hint, strlen(err.hint)) &&
        valid_utf8(err.project_title, strlen(err.project_title)) &&
        err.line >= 0;
}

static bool
document_ok(const pt_document *doc)
{
    int         i;
    int         j;

    if (doc->n_projects < 0 || doc->n_skipped < 0 ||
        (doc->n_projects > 0 && doc->projects == NULL))
        return false;
    for (i = 0; i < doc->n_projects; i++)
    {
        const pt_doc_project *p = &doc->projects[i];
        const pt_doc_text *texts[] = {&p->ordinal, &p->title, &p->dept_code, &p->dept_name,
            &p->budget_unit, &p->name, &p->budget_total, &p->fiscal_funds,
        &p->other_funds, &p->purpose, &p->goals};
        size_t      k;

        for (k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
            if (!text_ok(*texts[k]))
                return false;
        if (p->n_indicators < 1 || p->dept_code.len != 6 || p->first_line < 1 ||
            (i > 0 && p->first_line <= doc->projects[i - 1].first_line))
            return false;
        for (j = 0; j < p->n_indicators; j++)
        {
            const pt_doc_indicator *ind = &p->indicators[j];

            if (ind->position != j + 1 || ind->line <= p->first_line ||
                (j > 0 && ind->line <= p->indicators[j - 1].line) ||
                ind->level1.len == 0 || !text_ok(ind->level1) ||
                !text_ok(ind->level1_written) || !text_ok(ind->level2) ||
                !text_ok(ind->level3) || !text_ok(ind->description) ||
                !text_ok(ind->value))
                return false;
        }
    }
    for (i = 0; i < doc->n_skipped; i++)
        if (!text_ok(doc->skipped[i].title) || !text_ok(doc->skipped[i].message) ||
            doc->skipped[i].message.len == 0 || doc->skipped[i].line < 0)
            return false;
    return true;
}

static int
total_indicators(const pt_document *doc)
{
    int         total = 0;
    int         i;

    for (i = 0; i < doc->n_projects; i++)
        total += doc->projects[i].n_indicators;
    return total;
}

/* Every 指标值 is the seed line at ind->line after its TAB, byte for byte. */
static bool
values_are_seed_lines(const pt_document *doc, buffer seed)
{
    int         i;
    int         j;

    for (i = 0; i < doc->n_projects; i++)
        for (j = 0; j < doc->projects[i].n_indicators; j++)
        {
            const pt_doc_indicator *ind = &doc->projects[i].indicators[j];
            pt_doc_text line = seed_line(seed, ind->line);

            if (line.len != ind->value.len + 1 || line.ptr[0] != '\t' ||
                memcmp(line.ptr + 1, ind->value.ptr, ind->value.len) != 0)
                return false;
        }
    return true;
}

/* ------------------------------------------------------------------------
 * The seeds
 * ------------------------------------------------------------------------ */

static const int seed000_rows[30] = {
    13, 15, 17, 10, 10, 9, 6, 6, 8, 7, 21, 6, 6, 7, 13,
    6, 8, 8, 7, 6, 7, 7, 10, 9, 22, 8, 7, 11, 7, 7
};
static const int seed001_rows[7] = {7, 7, 10, 9, 22, 8, 7};

static const char GOALS_029[] =
    "1.保障车管业务顺利运行\n"
    "2.保障车管业务用电安全\n"
    "3.为保障车管业务专用机房、业务办理大厅、科目一考场正常使用，需对现有业务专用机房、"
    "业务办理大厅、科目一考场提供电源服务，向国家电网缴纳电费。";

static void
test_seed_000(buffer seed)
{
    pt_document doc;
    const pt_doc_project *p;
    int         i;

    CHECK_INT(parse(seed.data, seed.len, false, &doc), 0);
    CHECK_INT(doc.n_projects, 30);
    CHECK_INT(total_indicators(&doc), 284);
    CHECK_INT(doc.n_skipped, 0);
    CHECK(document_ok(&doc));
    CHECK(values_are_seed_lines(&doc, seed));
    if (doc.n_projects != 30)
        return;
    for (i = 0; i < 30; i++)
        CHECK_INT(doc.projects[i].n_indicators, seed000_rows[i]);

    /* Project 1: the title line starts with a space; the name cell too. */
    p = &doc.projects[0];
    CHECK_INT(p->first_line, 1);
    CHECK_TEXT(p->ordinal, "1.");
    CHECK_TEXT(p->title, "道路交通安全工作专项经费绩效目标表");
    CHECK_TEXT(p->dept_code, "374101");
    CHECK_TEXT(p->dept_name, "天津市公安交通管理局警务保障处");
    CHECK_TEXT(p->budget_unit, "万元");
    CHECK_TEXT(p->name, "道路交通安全工作专项经费");
    CHECK_TEXT(p->budget_total, "50.00");
    CHECK_TEXT(p->fiscal_funds, "50.00");
    CHECK_TEXT(p->other_funds, "");
    CHECK_TEXT(p->purpose, "开展交通安全宣传活动，设计、制作、发放交通安全宣传品，制作播出交通安全宣传公益广告"
               "和专题视频，更新购置交通安全宣传设备，宣传、推广、应用天津交警新媒体平台开展交通安全宣传工作。");
    CHECK_TEXT(p->goals, "1. 开展交通安全宣传活动，设计、制作、发放交通安全宣传品，制作播出交通安全宣传公益广告"
               "和专题视频，更新购置交通安全宣传设备，宣传、推广、应用天津交警新媒体平台开展交通安全宣传工作。");

    CHECK_INT(p->indicators[0].position, 1);
    CHECK_INT(p->indicators[0].line, 34);
    CHECK_TEXT(p->indicators[0].level1, "产出指标");
    CHECK_TEXT(p->indicators[0].level1_written, "产出指标");
    CHECK_TEXT(p->indicators[0].level2, "数量指标");
    CHECK_TEXT(p->indicators[0].level3, "组织开展市级宣传活动");
    CHECK_TEXT(p->indicators[0].description, "按照公安部及我市有关工作要求组织开展交通安全宣传活动");
    CHECK_TEXT(p->indicators[0].value, "≥5次");

    /* Row 2: 一级指标 left blank (inherited); 三级指标 has a trailing space. */
    CHECK_TEXT(p->indicators[1].level1, "产出指标");
    CHECK_TEXT(p->indicators[1].level1_written, "");
    CHECK_TEXT(p->indicators[1].level3, "“争做文明好司机”参与人数");
    CHECK_TEXT(p->indicators[1].value, "≥55万");
    CHECK_INT(p->indicators[1].line, 40);

    /* Row 8: an impossible date, kept as written. */
    CHECK_INT(p->indicators[7].position, 8);
    CHECK_INT(p->indicators[7].line, 76);
    CHECK_TEXT(p->indicators[7].level2, "时效指标");
    CHECK_TEXT(p->indicators[7].value, "2025年2月29日之前");

    CHECK_TEXT(p->indicators[10].level1_written, "效益指标");
    CHECK_TEXT(p->indicators[12].level1, "满意度指标");
    CHECK_TEXT(p->indicators[12].value, "普遍满意");

    /* Two-digit ordinal. */
    CHECK_TEXT(doc.projects[6].ordinal, "13.");
    CHECK_TEXT(doc.projects[6].title, "警用装备类债券利息-2025一般债利息绩效目标表");
    CHECK_INT(doc.projects[6].first_line, 639);

    /* Goals followed by a line of spaces (line 1248): not part of the goals. */
    p = &doc.projects[13];
    CHECK_INT(p->first_line, 1228);
    CHECK_TEXT(p->goals, "1.通过对交管核心业务平台系统维护，有效的提升了人民出行守法率，保障了人民的出行安全。");
    CHECK_TEXT(p->budget_total, "1600.00");

    /* Goals with a blank line between paragraphs (lines 1587-1590). */
    p = &doc.projects[17];
    CHECK_INT(p->first_line, 1568);
    CHECK_TEXT(p->budget_total, "0.01");
    CHECK(p->goals.len > 0 && memcmp(p->goals.ptr, "1.通过该项目的测算", strlen("1.通过该项目的测算")) == 0);
    CHECK(memchr(p->goals.ptr, '\n', p->goals.len) != NULL);
    {
        int         newlines = 0;
        size_t      k;

        for (k = 0; k < p->goals.len; k++)
            newlines += p->goals.ptr[k] == '\n';
        CHECK_INT(newlines, 2);
    }
    CHECK(text_contains(p->goals, "。                              \n2.通过该项目的测算"));

    /* Same project as in 001, where blank lines stand for the _GoBack bookmark. */
    p = &doc.projects[22];
    CHECK_TEXT(p->ordinal, "29.");
    CHECK_TEXT(p->goals, GOALS_029);

    CHECK_TEXT(doc.projects[15].budget_total, "3004.53");
    CHECK_TEXT(doc.projects[29].title, "双基能力提升项目（高速公路电子警察科技设施更新）-2024一般债绩效目标表");

    /* Lenient mode changes nothing on a good document. */
    CHECK_INT(parse(seed.data, seed.len, true, &doc), 0);
    CHECK_INT(doc.n_projects, 30);
    CHECK_INT(total_indicators(&doc), 284);
    CHECK_INT(doc.n_skipped, 0);
}

static void
test_seed_001(buffer seed)
{
    pt_document doc;
    const pt_doc_project *p;
    int         i;

    CHECK_INT(parse(seed.data, seed.len, false, &doc), 0);
    CHECK_INT(doc.n_projects, 7);
    CHECK_INT(total_indicators(&doc), 70);
    CHECK(document_ok(&doc));
    CHECK(values_are_seed_lines(&doc, seed));
    if (doc.n_projects != 7)
        return;
    for (i = 0; i < 7; i++)
        CHECK_INT(doc.projects[i].n_indicators, seed001_rows[i]);

    /* Line 1 is blank; no ordinal. */
    p = &doc.projects[0];
    CHECK_INT(p->first_line, 2);
    CHECK_TEXT(p->ordinal, "");
    CHECK_TEXT(p->title, "车管所计算机软硬件系统运行维护项目2025绩效目标表");
    CHECK_TEXT(p->dept_code, "374111");
    CHECK_TEXT(p->budget_total, "97.00");
    CHECK_TEXT(p->goals, "1.提高政府与车管所社会形象，满足上级主管部门要求（公安部）\n2.提高车管所网络稳定性。");
    /* A value with a trailing space keeps it. */
    CHECK_INT(p->indicators[5].line, 66);
    CHECK_TEXT(p->indicators[5].level1, "效益指标");
    CHECK_TEXT(p->indicators[5].level2, "经济效益指标");
    CHECK_TEXT(p->indicators[5].value, "实际采购单价是否等于或低于预算价格 ");

    /* Page numbers "8" and "7" before the second title. */
    CHECK_INT(doc.projects[1].first_line, 79);
    CHECK_TEXT(doc.projects[1].budget_total, "11.09");
    CHECK_TEXT(doc.projects[1].fiscal_funds, "11.09");

    /* Goals on 3 lines, the second starting with [bookmark: _GoBack]. */
    p = &doc.projects[2];
    CHECK_INT(p->first_line, 154);
    CHECK_TEXT(p->title, "车管所专项保障项目绩效目标表");
    CHECK_TEXT(p->goals, GOALS_029);

    /* Ordinal "." alone. */
    CHECK_TEXT(doc.projects[5].ordinal, ".");
    CHECK_TEXT(doc.projects[5].title, "购买社会化考场服务（科目二+科目三）2025绩效目标表");
    CHECK_TEXT(doc.projects[5].indicators[3].value, "2025年3月底前");
    CHECK_TEXT(doc.projects[6].indicators[6].value, "≥90%");
    CHECK_INT(doc.projects[6].indicators[6].line, 655);
}

/* CR LF line ends and a byte order mark change nothing, line numbers included. */
static void
test_line_ends_and_bom(buffer seed)
{
    buffer      crlf = with_crlf(seed);
    buffer      bom = new_buffer(seed.len + 3);
    pt_document doc;

    CHECK_INT(parse(crlf.data, crlf.len, false, &doc), 0);
    CHECK_INT(doc.n_projects, 7);
    CHECK_INT(total_indicators(&doc), 70);
    CHECK(document_ok(&doc));
    if (doc.n_projects == 7)
    {
        CHECK_TEXT(doc.projects[2].goals, GOALS_029);
        CHECK_TEXT(doc.projects[0].indicators[5].value, "实际采购单价是否等于或低于预算价格 ");
        CHECK_INT(doc.projects[0].indicators[5].line, 66);
        CHECK_TEXT(doc.projects[0].other_funds, "");
    }

    memcpy(bom.data, "\xEF\xBB\xBF", 3);
    memcpy(bom.data + 3, seed.data, seed.len);
    CHECK_INT(parse(bom.data, bom.len, false, &doc), 0);
    CHECK_INT(doc.n_projects, 7);
    if (doc.n_projects == 7)
        CHECK_INT(doc.projects[0].first_line, 2);
    free(crlf.data);
    free(bom.data);
}

/* ------------------------------------------------------------------------
 * Bad documents
 * ------------------------------------------------------------------------ */

/* Expect failure at `line` with `message_part` in the message. */
static void
expect_error(buffer doc, bool lenient, int line, const char *message_part,
             const char *title, const char *file, int src_line)
{
    pt_document result;
    int         rc = parse(doc.data, doc.len, lenient, &result);

    check(rc == -1, "parse fails", file, src_line);
    check(error_ok(), "error message, hint and title are set and valid UTF-8", file, src_line);
    if (!check(err.line == line, "error line", file, src_line))
        printf("    got line %d, want %d (%s)\n", err.line, line, err.message);
    if (!check(strstr(err.message, message_part) != NULL, "error message", file, src_line))
        printf("    \"%s\"\n    does not contain \"%s\"\n", err.message, message_part);
    if (!check(strcmp(err.project_title, title) == 0, "error project title", file, src_line))
        printf("    got \"%s\", want \"%s\"\n", err.project_title, title);
    check(result.n_projects == 0 && result.projects == NULL && result.n_skipped == 0,
          "result is empty after an error", file, src_line);
}

#define EXPECT_ERROR(doc, lenient, line, message_part, title) \
    expect_error((doc), (lenient), (line), (message_part), (title), __FILE__, __LINE__)

static void
expect_error_str(const char *text, int line, const char *message_part)
{
    buffer      b = buffer_of(text, strlen(text));

    EXPECT_ERROR(b, false, line, message_part, "");
    EXPECT_ERROR(b, true, line, message_part, "");
    free(b.data);
}

static void
test_not_a_document(void)
{
    pt_document doc;
    static const char garbage[] = "\xFF\xFE\x00\x01garbage\x80\x81";
    buffer      b = buffer_of(garbage, sizeof(garbage) - 1);

    CHECK_INT(parse(NULL, 0, false, &doc), -1);
    CHECK_CONTAINS(err.message, "empty");
    CHECK_INT(err.line, 0);
    expect_error_str("", 0, "the document is empty");
    expect_error_str("  \n\n\t\n \xE3\x80\x80\n", 0, "the document is empty");
    EXPECT_ERROR(b, false, 1, "invalid UTF-8 (byte 0xFF)", "");
    EXPECT_ERROR(b, true, 1, "invalid UTF-8 (byte 0xFF)", "");
    free(b.data);
    expect_error_str("ok\nok\n\xC3\x28\n", 3, "invalid UTF-8");
    expect_error_str("\xC0\xAF overlong\n", 1, "invalid UTF-8");
    expect_error_str("surrogate \xED\xA0\x80\n", 1, "invalid UTF-8");
    expect_error_str("too high \xF4\x90\x80\x80\n", 1, "invalid UTF-8");
    expect_error_str("cut \xE4\xB8", 1, "invalid UTF-8");
    expect_error_str("a\n\x01\x02\x03binary\n", 2, "control character");
    expect_error_str("a\rb\n", 1, "carriage return");
    expect_error_str("hello\nworld\n", 0, "no project found");
    expect_error_str("\t产出指标\n\t数量指标\n\t三级\n\t描述\n\t≥5次\n", 0, "no project found");

    /* A NUL byte is binary data even inside an otherwise good line. */
    b = buffer_of("x\n\ty\0z\n", 7);
    EXPECT_ERROR(b, false, 2, "NUL byte", "");
    free(b.data);
}

static void
test_encoding_in_seed(buffer seed)
{
    buffer      bad = replace_line(seed, 100, "\t\xC3\x28");
    buffer      nul = buffer_of(seed.data, seed.len);

    EXPECT_ERROR(bad, false, 100, "invalid UTF-8", "");
    EXPECT_ERROR(bad, true, 100, "invalid UTF-8", "");
    nul.data[line_offset(nul, 47) + 1] = '\0';    /* line 47: TAB 全年系统故障发生率 */
    EXPECT_ERROR(nul, false, 47, "NUL byte", "");
    EXPECT_ERROR(nul, true, 47, "NUL byte", "");
    free(bad.data);
    free(nul.data);
}

static const char TITLE_1[] = "车管所计算机软硬件系统运行维护项目2025绩效目标表";
static const char TITLE_2[] = "车管所债券利息-2025一般债利息绩效目标表";
static const char TITLE_7[] = "科目一考场自建项目2025绩效目标表";

static void
test_truncated_tables(buffer seed)
{
    buffer      b;
    pt_document doc;

    /* End of document inside the last row (lines 651-655). */
    b = first_lines(seed, 653);
    EXPECT_ERROR(b, false, 651, "indicator row 7 is truncated: it has 3 of 5 cells before the end of the document", TITLE_7);
    CHECK_INT(parse(b.data, b.len, true, &doc), 0);
    CHECK_INT(doc.n_projects, 6);
    CHECK_INT(doc.n_skipped, 1);
    free(b.data);

    /* End of document right after a complete row: fine. */
    b = first_lines(seed, 655);
    CHECK_INT(parse(b.data, b.len, false, &doc), 0);
    CHECK_INT(doc.n_projects, 7);
    free(b.data);
    b = first_lines(seed, 655);
    b.len--;                        /* no newline after the last "≥90%" */
    CHECK_INT(parse(b.data, b.len, false, &doc), 0);
    CHECK_INT(total_indicators(&doc), 70);
    free(b.data);

    /* Last row of project 2 (lines 145-149) loses 绩效指标描述 and 指标值. */
    b = edit_lines(seed, 148, 2, "\n\n");
    EXPECT_ERROR(b, false, 145, "indicator row 7 is truncated: it has 3 of 5 cells before the next project", TITLE_2);
    CHECK_INT(parse(b.data, b.len, true, &doc), 0);
    CHECK_INT(doc.n_projects, 6);
    CHECK_INT(total_indicators(&doc), 63);
    CHECK(document_ok(&doc));
    CHECK_INT(doc.n_skipped, 1);
    if (doc.n_skipped == 1)
    {
        CHECK_INT(doc.skipped[0].title_line, 79);
        CHECK_INT(doc.skipped[0].line, 145);
        CHECK_TEXT(doc.skipped[0].title, TITLE_2);
        CHECK(text_contains(doc.skipped[0].message, "truncated"));
        CHECK(doc.skipped[0].hint.len > 0);
    }
    if (doc.n_projects == 6)
        CHECK_INT(doc.projects[1].first_line, 154);
    free(b.data);

    /* The header ends early: document cut after the 绩效目标 label. */
    b = first_lines(seed, 20);
    EXPECT_ERROR(b, false, 20, "the value cell after cell \"绩效目标\" is missing", TITLE_1);
    free(b.data);

    /* Only the table header, no rows. */
    b = first_lines(seed, 31);
    EXPECT_ERROR(b, false, 30, "the indicator table has no rows", TITLE_1);
    free(b.data);
}

static void
test_shuffled_cells(buffer seed)
{
    buffer      b;
    buffer      c;
    pt_document doc;

    /* 预算数 (line 10) and 其他资金 (line 14) swapped. */
    b = replace_line(seed, 10, "\t其他资金");
    c = replace_line(b, 14, "\t预算数");
    EXPECT_ERROR(c, false, 10, "expected cell \"预算数\" but found \"其他资金\"", TITLE_1);
    free(b.data);
    free(c.data);

    /* Indicator table header missing its first cell. */
    b = replace_line(seed, 26, "");
    EXPECT_ERROR(b, false, 27, "expected the indicator table header \"一级指标\" but found \"二级指标\"", TITLE_1);
    free(b.data);

    /* Whole indicator table header missing. */
    b = edit_lines(seed, 26, 5, "\n\n\n\n\n");
    EXPECT_ERROR(b, false, 32, "expected the indicator table header \"一级指标\" but found \"产出指标\"", TITLE_1);
    free(b.data);

    /* Department line missing. */
    b = replace_line(seed, 3, "");
    EXPECT_ERROR(b, false, 4, "expected the department line", TITLE_1);
    free(b.data);

    /* Unit line missing. */
    b = replace_line(seed, 4, "");
    EXPECT_ERROR(b, false, 6, "expected the unit line (单位：万元) but found \"项目名称\"", TITLE_1);
    free(b.data);

    /* Name cell missing: the next label is taken as the name, then 预算数 is out of place. */
    b = replace_line(seed, 7, "");
    EXPECT_ERROR(b, false, 10, "expected cell \"预算规模及资金用途\" but found \"预算数\"", TITLE_1);
    free(b.data);

    /* An amount that is not a number. */
    b = replace_line(seed, 11, "\t九十七");
    EXPECT_ERROR(b, false, 11, "the amount after cell \"预算数\" is not a decimal number: \"九十七\"", TITLE_1);
    free(b.data);
    b = replace_line(seed, 11, "\t1,097.00");
    EXPECT_ERROR(b, false, 11, "not a decimal number", TITLE_1);
    free(b.data);

    /* The label before the purpose must be empty. */
    b = replace_line(seed, 17, "\t资金用途");
    EXPECT_ERROR(b, false, 17, "expected the empty cell before the fund purpose but found \"资金用途\"", TITLE_1);
    free(b.data);

    /* Colon and spacing variants of 其中：财政资金 are the same label. */
    b = replace_line(seed, 12, "\t其中: 财政资金 ");
    CHECK_INT(parse(b.data, b.len, false, &doc), 0);
    free(b.data);

    /* Text right after the title, where the department line belongs. */
    b = replace_line(seed, 3, "某某说明文字");
    EXPECT_ERROR(b, false, 3, "text outside any table cell: \"某某说明文字\"; expected the department line", TITLE_1);
    free(b.data);

    /* A title directly followed by the next title. */
    b = edit_lines(seed, 3, 0, "第二个绩效目标表\n");
    EXPECT_ERROR(b, false, 3, "the next project starts before the department line", TITLE_1);
    /* Lenient mode skips the first; the second gets the cells below it. */
    CHECK_INT(parse(b.data, b.len, true, &doc), 0);
    CHECK_INT(doc.n_projects, 7);
    CHECK_INT(doc.n_skipped, 1);
    if (doc.n_skipped == 1 && doc.n_projects == 7)
    {
        CHECK_INT(doc.skipped[0].title_line, 2);
        CHECK_INT(doc.skipped[0].line, 3);
        CHECK_TEXT(doc.skipped[0].title, TITLE_1);
        CHECK_TEXT(doc.projects[0].title, "第二个绩效目标表");
        CHECK_INT(doc.projects[0].first_line, 3);
    }
    free(b.data);
}

static void
test_bad_rows(buffer seed)
{
    buffer      b;
    pt_document doc;

    /* First row without 一级指标: nothing to inherit. */
    b = replace_line(seed, 32, "\t");
    EXPECT_ERROR(b, false, 32, "the first indicator row has no 一级指标", TITLE_1);
    free(b.data);

    /* Row 2 (lines 38-42) loses its value: the following cells shift. */
    b = replace_line(seed, 42, "");
    EXPECT_ERROR(b, false, 46, "indicator row 3: 二级指标 \"全年系统故障发生率\" is not an indicator category", TITLE_1);
    CHECK_INT(parse(b.data, b.len, true, &doc), 0);
    CHECK_INT(doc.n_projects, 6);
    CHECK_INT(doc.n_skipped, 1);
    if (doc.n_skipped == 1)
        CHECK_INT(doc.skipped[0].line, 46);
    free(b.data);

    /* A written 一级指标 that is no category. */
    b = replace_line(seed, 38, "\t≥6个");
    EXPECT_ERROR(b, false, 38, "indicator row 2: 一级指标 \"≥6个\" is not an indicator category", TITLE_1);
    free(b.data);

    /* Inheritance follows the nearest written 一级指标, across blank lines inside rows. */
    b = edit_lines(seed, 39, 0, "\n\n");
    CHECK_INT(parse(b.data, b.len, false, &doc), 0);
    if (doc.n_projects == 7)
    {
        CHECK_TEXT(doc.projects[0].indicators[1].level1, "产出指标");
        CHECK_INT(doc.projects[0].indicators[1].line, 44);
    }
    free(b.data);

    /* A bookmark inside a value cell is removed, the rest kept as written. */
    b = replace_line(seed, 42, "\t[bookmark: _GoBack]≥1个 ");
    CHECK_INT(parse(b.data, b.len, false, &doc), 0);
    if (doc.n_projects == 7)
        CHECK_TEXT(doc.projects[0].indicators[1].value, "≥1个 ");
    free(b.data);
}

static void
test_text_between_projects(buffer seed)
{
    buffer      b = replace_line(seed, 78, "注：本表金额单位为万元");
    pt_document doc;

    /* After the page numbers on lines 76-77, text is outside any project. */
    EXPECT_ERROR(b, false, 78, "text outside any project: \"注：本表金额单位为万元\"", TITLE_1);
    CHECK_INT(parse(b.data, b.len, true, &doc), 0);
    CHECK_INT(doc.n_projects, 7);
    CHECK_INT(total_indicators(&doc), 70);
    CHECK_INT(doc.n_skipped, 1);
    if (doc.n_skipped == 1)
    {
        CHECK_INT(doc.skipped[0].title_line, 0);
        CHECK_INT(doc.skipped[0].line, 78);
        CHECK_TEXT(doc.skipped[0].title, "");
    }
    free(b.data);

    /* A preamble before the first title is ignored. */
    b = replace_line(seed, 1, "2025年部门预算项目绩效目标");
    CHECK_INT(parse(b.data, b.len, false, &doc), 0);
    CHECK_INT(doc.n_projects, 7);
    free(b.data);
}

static void
test_lenient_limits(buffer seed)
{
    pt_document doc;
    buffer      b;
    buffer      line;

    /* Every project bad: lenient mode succeeds with nothing but skips. */
    b = first_lines(seed, 58);
    CHECK_INT(parse(b.data, b.len, true, &doc), 0);
    CHECK_INT(doc.n_projects, 0);
    CHECK_INT(doc.n_skipped, 1);
    CHECK(document_ok(&doc));
    EXPECT_ERROR(b, false, 56, "indicator row 5 is truncated", TITLE_1);
    free(b.data);

    /* Nothing recognisable stays an error. */
    expect_error_str("hello\n\n\tcell\n", 0, "no project found");

    /* Thousands of broken projects: lenient mode gives up. */
    line = buffer_of("x绩效目标表\n", strlen("x绩效目标表\n"));
    b = repeated(line, 20000);
    EXPECT_ERROR(b, true, 10002, "too many problems", "x绩效目标表");
    CHECK_INT(parse(b.data, b.len, false, &doc), -1);
    CHECK_INT(err.line, 2);
    free(b.data);
    free(line.data);
}

/* ------------------------------------------------------------------------
 * Size, memory and robustness
 * ------------------------------------------------------------------------ */

static void
test_size_limit(buffer seed)
{
    size_t      times = PT_DOC_MAX_BYTES / seed.len;
    buffer      big = repeated(seed, times);
    buffer      too_big;
    pt_document doc;
    clock_t     start = clock();

    CHECK_INT(parse(big.data, big.len, false, &doc), 0);
    CHECK_INT(doc.n_projects, 30 * (long) times);
    CHECK_INT(total_indicators(&doc), 284 * (long) times);
    /* Linear time: about 64 MiB in well under a few seconds even with sanitizers. */
    CHECK((double) (clock() - start) / CLOCKS_PER_SEC < 30.0);

    too_big = new_buffer(PT_DOC_MAX_BYTES + 1);
    memset(too_big.data, 'a', too_big.len);
    EXPECT_ERROR(too_big, false, 0, "the document is too large", "");
    EXPECT_ERROR(too_big, true, 0, "the document is too large", "");
    free(big.data);
    free(too_big.data);
}

/* One long table of empty cells and a document of only newlines. */
static void
test_pathological(buffer seed)
{
    size_t      cells = 1000000;
    buffer      header = first_lines(seed, 31);
    buffer      b = new_buffer(header.len + cells * 2);
    pt_document doc;
    size_t      i;

    memcpy(b.data, header.data, header.len);
    for (i = 0; i < cells; i++)
        memcpy(b.data + header.len + 2 * i, "\t\n", 2);
    EXPECT_ERROR(b, false, 32, "the first indicator row has no 一级指标", TITLE_1);
    memcpy(b.data + header.len, "\t产", 4);    /* not a category */
    EXPECT_ERROR(b, false, 32, "is not an indicator category", TITLE_1);
    free(b.data);
    free(header.data);

    b = new_buffer(10000000);
    memset(b.data, '\n', b.len);
    EXPECT_ERROR(b, false, 0, "the document is empty", "");
    free(b.data);

    /* A very long title line and a very long cell. */
    b = new_buffer(5000000 + strlen("绩效目标表\n"));
    memset(b.data, 'x', b.len);
    memcpy(b.data + 5000000, "绩效目标表\n", strlen("绩效目标表\n"));
    CHECK_INT(parse(b.data, b.len, false, &doc), -1);
    CHECK_CONTAINS(err.message, "the document ends before the department line");
    CHECK(error_ok());
    free(b.data);
}

/* Every allocation may fail: the parser reports it and never crashes. */
static void
test_out_of_memory(buffer seed)
{
    pt_allocator alloc = {arena_alloc, &the_arena};
    buffer      b = edit_lines(seed, 148, 2, "\n\n");   /* lenient mode allocates skips too */
    pt_document doc;
    long        k;
    int         rc = -1;
    bool        all_reported = true;

    for (k = 0; rc != 0 && k < 100000; k++)
    {
        arena_reset(&the_arena);
        the_arena.fail_at = k;
        rc = pt_document_parse(b.data, b.len, true, &alloc, &doc, &err);
        if (rc != 0 && (strstr(err.message, "out of memory") == NULL || err.code != PT_DOC_ERR_MEMORY ||
                        !error_ok()))
            all_reported = false;
    }
    CHECK(all_reported);
    CHECK_INT(rc, 0);
    CHECK_INT(doc.n_projects, 6);
    CHECK(k > 3);
    arena_reset(&the_arena);
    free(b.data);
}

/* Cut the document at every byte, then mutate it at random: the parser
 * returns 0 with a consistent result or -1 with a proper error. */
static void
test_robustness(buffer seed)
{
    static const char *const pieces[] = {
        "\t", "\n", "\r\n", " ", "\t\n", "绩效目标表\n", "[bookmark: _GoBack]", "[bookmark: ",
        "\t一级指标\n", "\t产出指标\n", "9\n", "\xE3\x80\x80", "\xEF\xBB\xBF", "]", "\xC3", "\0"
    };
    bool        all_ok = true;
    size_t      cut;
    int         round;

    rng_seed(12345);
    for (cut = 0; cut <= seed.len; cut++)
    {
        buffer      b = buffer_of(seed.data, cut);
        pt_document doc;
        int         mode;

        for (mode = 0; mode < 2; mode++)
        {
            int         rc = parse(b.data, b.len, mode == 1, &doc);

            if (!(rc == 0 ? document_ok(&doc) : rc == -1 && error_ok()))
                all_ok = false;
        }
        free(b.data);
    }
    CHECK(all_ok);

    all_ok = true;
    for (round = 0; round < 3000; round++)
    {
        buffer      b = buffer_of(seed.data, seed.len);
        int         edits = 1 + (int) (rng() % 8);
        pt_document doc;
        int         rc;

        while (edits-- > 0)
        {
            size_t      at = rng() % (b.len + 1);
            buffer      next;

            switch (rng() % 3)
            {
                case 0:         /* overwrite a byte */
                    if (at < b.len)
                        b.data[at] = (char) rng();
                    continue;
                case 1:         /* delete a range */
                    {
                        size_t      n = rng() % 64;

                        if (n > b.len - at)
                            n = b.len - at;
                        memmove(b.data + at, b.data + at + n, b.len - at - n);
                        b.len -= n;
                        continue;
                    }
                default:        /* insert a meaningful piece */
                    {
                        const char *piece = pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
                        size_t      n = piece[0] ? strlen(piece) : 1;

                        next = new_buffer(b.len + n);
                        memcpy(next.data, b.data, at);
                        memcpy(next.data + at, piece, n);
                        memcpy(next.data + at + n, b.data + at, b.len - at);
                        free(b.data);
                        b = next;
                    }
            }
        }
        rc = parse(b.data, b.len, round % 2 == 1, &doc);
        if (!(rc == 0 ? document_ok(&doc) : rc == -1 && error_ok()))
        {
            all_ok = false;
            printf("    mutation round %d: rc %d, line %d: %s\n", round, rc, err.line, err.message);
        }
        free(b.data);
    }
    CHECK(all_ok);
}

int
main(int argc, char **argv)
{
    buffer      seed000;
    buffer      seed001;

    check_arguments(argc, argv, 2, "SEED_000 SEED_001");
    seed000 = read_file(argv[1]);
    seed001 = read_file(argv[2]);

    TEST_CASE(test_seed_000(seed000));
    TEST_CASE(test_seed_001(seed001));
    TEST_CASE(test_line_ends_and_bom(seed001));
    TEST_CASE(test_not_a_document());
    TEST_CASE(test_encoding_in_seed(seed001));
    TEST_CASE(test_truncated_tables(seed001));
    TEST_CASE(test_shuffled_cells(seed001));
    TEST_CASE(test_bad_rows(seed001));
    TEST_CASE(test_text_between_projects(seed001));
    TEST_CASE(test_lenient_limits(seed001));
    TEST_CASE(test_size_limit(seed000));
    TEST_CASE(test_pathological(seed001));
    TEST_CASE(test_out_of_memory(seed001));
    TEST_CASE(test_robustness(seed001));

    arena_reset(&the_arena);
    free(seed000.data);
    free(seed001.data);
    return check_summary();
}
