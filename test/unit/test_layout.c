/*
 * Unit tests of the layout step (src/pt_layout.c): tables of cells, built
 * here with the readers' builder (pt_cells.h), turned into projects and
 * indicators; and the seeds read through the whole pipeline, checked against
 * the independent extraction test/data/seed_cells.tsv.
 *
 *   test/unit/test_layout SEED_000 SEED_001 SEED_CELLS_TSV
 *
 * Each test function is one test case (TEST_CASE, test/unit/check.h).
 */
#include "pt_cells.h"
#include "pt_cell_target.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_check.h"

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
static pt_allocator alloc = {arena_alloc, &the_arena};
static pt_doc_error err;

/* ------------------------------------------------------------ building tables */

/*
 * A document from a compact text: tables separated by a line "===" (a table
 * may start with paragraph lines "> text"), rows by '\n', cells by '|'; a cell
 * "^" is merged from above, "<" merged from the left.  Row numbers are the
 * 1-based row in the table (docx-like) or, for text formats, lines counted
 * from 1 over the whole text.
 */
static pt_cells_builder builder;

static void
build(const char *spec, pt_source_format format, pt_cells_doc *doc)
{
    const char *p = spec;
    int         line = 1;
    int         row_in_table = 0;
    bool        in_table = false;
    bool        text = format != PT_FORMAT_DOCX && format != PT_FORMAT_XLSX;

    arena_reset(&the_arena);
    pt_cells_begin(&builder, format, &alloc, &err);
    while (*p)
    {
        const char *end = strchr(p, '\n');
        size_t      len = end ? (size_t) (end - p) : strlen(p);

        if (len == 3 && memcmp(p, "===", 3) == 0)
            in_table = false;
        else if (len >= 2 && p[0] == '>' && p[1] == ' ')
            pt_cells_paragraph_copy(&builder, p + 2, len - 2, line);
        else
        {
            const char *c = p;
            const char *stop = p + len;

            if (!in_table)
            {
                pt_cells_table(&builder, NULL, 0);
                in_table = true;
                row_in_table = 0;
            }
            row_in_table++;
            pt_cells_row(&builder, text ? line : row_in_table);
            for (;;)
            {
                const char *bar = memchr(c, '|', (size_t) (stop - c));
                size_t      n = bar ? (size_t) (bar - c) : (size_t) (stop - c);

                if (n == 1 && c[0] == '^')
                    pt_cells_cell(&builder, NULL, 0, text ? line : 0, PT_MERGE_ABOVE);
                else if (n == 1 && c[0] == '<')
                    pt_cells_cell(&builder, NULL, 0, text ? line : 0, PT_MERGE_LEFT);
                else
                    pt_cells_cell_copy(&builder, c, n, text ? line : 0, PT_MERGE_NONE);
                if (bar == NULL)
                    break;
                c = bar + 1;
            }
        }
        line++;
        p = end ? end + 1 : p + len;
    }
    CHECK_INT(pt_cells_finish(&builder, doc), 0);
}

static int
lay_out(const char *spec, pt_source_format format, bool lenient, const char *source, pt_document *out)
{
    pt_cells_doc doc;
    pt_read_request req;

    build(spec, format, &doc);
    memset(&req, 0, sizeof(req));
    req.lenient = lenient;
    req.source = pt_text(source, source ? strlen(source) : 0);
    return pt_layout(&doc, &req, &alloc, out, &err);
}

static const pt_doc_indicator *
indicator(const pt_document *d, int project, int position)
{
    if (project >= d->n_projects || position < 1 || position > d->projects[project].n_indicators)
        return NULL;
    return &d->projects[project].indicators[position - 1];
}

/* ------------------------------------------------------------ header words */

static void
test_header_words(void)
{
    static const char *const targets[] = {"指标值", "目标值", "年度指标值", "年初目标值", "预期目标值",
        "指标值(A)", "指标值（A）", "年度指标值（A）", "指 标 值"};
    static const char *const names[] = {"三级指标", "指标名称"};
    pt_document d;
    size_t      i;
    char        spec[512];

    for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
    {
        snprintf(spec, sizeof(spec), "一级指标|二级指标|三级指标|%s\n产出指标|数量指标|人数|≥5人\n", targets[i]);
        CHECK_INT(lay_out(spec, PT_FORMAT_CSV, false, "x.csv", &d), 0);
        CHECK(indicator(&d, 0, 1) != NULL && strncmp(indicator(&d, 0, 1)->value.ptr, "≥5人", 7) == 0);
    }
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
    {
        snprintf(spec, sizeof(spec), "%s|指标值\n培训人数|≥5人\n", names[i]);
        CHECK_INT(lay_out(spec, PT_FORMAT_CSV, false, "x.csv", &d), 0);
        if (CHECK(indicator(&d, 0, 1) != NULL))
            CHECK_TEXT(indicator(&d, 0, 1)->level3, "培训人数");
    }

    /* every optional role, and a column the layout does not know */
    CHECK_INT(lay_out("一级指标|二级指标|三级指标|指标解释|计算符号|指标值|计量单位|权重(%)|实际完成值|得分|"
                      "偏差原因分析及改进措施|评(扣)分标准|绩效标准|备注\n"
                      "产出指标|数量指标|人数|说明|≥|5|人|10分|6|9.5|原因|标准|计划标准|附注\n",
                      PT_FORMAT_CSV, false, "x.csv", &d), 0);
    if (CHECK(indicator(&d, 0, 1) != NULL))
    {
        const pt_doc_indicator *ind = indicator(&d, 0, 1);

        CHECK_TEXT(ind->description, "说明");
        CHECK_TEXT(ind->direction, "≥");
        CHECK_TEXT(ind->unit, "人");
        CHECK_TEXT(ind->target_text, "≥5人");
        CHECK_TEXT(ind->weight, "10分");
        CHECK_TEXT(ind->weight_value, "10");
        CHECK_TEXT(ind->actual, "6");
        CHECK_TEXT(ind->actual_text, "6人");
        CHECK_TEXT(ind->score_value, "9.5");
        CHECK_TEXT(ind->reason, "原因");
        CHECK_TEXT(ind->standard, "标准");
        CHECK_TEXT(ind->benchmark, "计划标准");
        CHECK_TEXT(ind->extra, "备注：附注");
        CHECK_INT(ind->columns, PT_COL_DIRECTION | PT_COL_UNIT | PT_COL_WEIGHT | PT_COL_ACTUAL |
                  PT_COL_SCORE | PT_COL_REASON | PT_COL_STANDARD | PT_COL_BENCHMARK | PT_COL_DESCRIPTION);
    }
    /* other spellings of the optional roles */
    CHECK_INT(lay_out("三级指标|年度指标值（A）|全年实际值（B）|分值|未完成原因|指标性质|度量单位\n"
                      "合格率|95|97|10|无|≥|%\n", PT_FORMAT_CSV, false, "x.csv", &d), 0);
    if (CHECK(indicator(&d, 0, 1) != NULL))
    {
        CHECK_TEXT(indicator(&d, 0, 1)->target_text, "≥95%");
        CHECK_TEXT(indicator(&d, 0, 1)->actual_text, "97%");
        CHECK_TEXT(indicator(&d, 0, 1)->reason, "无");
    }
    CHECK_INT(lay_out("三级指标|预期目标值|(B)|指标方向|单位\n人数|5|6|正向|人\n", PT_FORMAT_CSV, false, "x", &d), 0);
    if (CHECK(indicator(&d, 0, 1) != NULL))
        CHECK_TEXT(indicator(&d, 0, 1)->actual_text, "6人");
}

/* ------------------------------------------------------------ targets */

static void
test_split_cells(void)
{
    pt_document d;
    const pt_doc_indicator *ind;

    CHECK_INT(lay_out("三级指标|计算符号|指标值|度量单位\n"
                      "a|≥|500|人次\n"
                      "b|≤|2025年10月31日|\n"
                      "c|定性|明显提升|\n"
                      "d|=|100|%\n"
                      "e|≥|≥95%|%\n"
                      "f|大约|5|个\n"
                      "g||12|处\n"
                      "h|≥|5个|人\n"
                      "i|正向|90|%\n"
                      "j|反向|2|%\n"
                      "k|定量|3|次\n"
                      "l|≥||人\n",
                      PT_FORMAT_CSV, false, "x", &d), 0);
    CHECK_INT(d.n_projects, 1);
    CHECK_INT(d.projects[0].n_indicators, 12);
    if (d.n_projects != 1 || d.projects[0].n_indicators != 12)
        return;
    ind = indicator(&d, 0, 1);
    CHECK_TEXT(ind->value, "500");
    CHECK_TEXT(ind->target_text, "≥500人次");
    CHECK_TEXT(ind->target_note, "target written from the operator \"≥\", the value \"500\" and the unit \"人次\"");
    CHECK_TEXT(indicator(&d, 0, 2)->target_text, "≤2025年10月31日");
    CHECK_TEXT(indicator(&d, 0, 3)->target_text, "明显提升");
    CHECK_TEXT(indicator(&d, 0, 3)->target_note, "");
    CHECK_TEXT(indicator(&d, 0, 4)->target_text, "100%");
    CHECK_TEXT(indicator(&d, 0, 5)->target_text, "≥95%");
    CHECK_TEXT(indicator(&d, 0, 5)->target_note, "");
    CHECK_TEXT(indicator(&d, 0, 6)->target_text, "5个");
    CHECK(text_contains(indicator(&d, 0, 6)->target_note, "is not an operator"));
    CHECK_TEXT(indicator(&d, 0, 7)->target_text, "12处");
    CHECK_TEXT(indicator(&d, 0, 8)->target_text, "≥5个");
    CHECK(text_contains(indicator(&d, 0, 8)->target_note, "was not added"));
    CHECK_TEXT(indicator(&d, 0, 9)->target_text, "≥90%");
    CHECK(text_contains(indicator(&d, 0, 9)->target_note, "the direction \"正向\" (≥)"));
    CHECK_TEXT(indicator(&d, 0, 10)->target_text, "≤2%");
    CHECK_TEXT(indicator(&d, 0, 11)->target_text, "3次");
    CHECK_TEXT(indicator(&d, 0, 12)->target_text, "");
    CHECK_TEXT(indicator(&d, 0, 12)->value, "");
}

static void
test_templates(void)
{
    pt_document d;

    CHECK_INT(lay_out("指标名称|指标值\n"
                      "合格率（≥**%）|100\n"
                      "投资（≤**万元）|2.25\n"
                      "及时率(%)|98\n"
                      "农户（户）|3200\n"
                      "面积（公顷）|30\n"
                      "就业（含线上）|120\n"
                      "满意度（≥95%）|96\n"
                      "覆盖率（≥**%）|≥90%\n"
                      "成本（万元）|≤50\n"
                      "密度（/亩）|30\n",
                      PT_FORMAT_CSV, false, "x", &d), 0);
    if (!CHECK(d.n_projects == 1 && d.projects[0].n_indicators == 10))
        return;
    CHECK_TEXT(indicator(&d, 0, 1)->target_text, "≥100%");
    CHECK_TEXT(indicator(&d, 0, 1)->target_note, "operator ≥ and unit % from the template （≥**%） in the indicator name");
    CHECK_TEXT(indicator(&d, 0, 2)->target_text, "≤2.25万元");
    CHECK_TEXT(indicator(&d, 0, 3)->target_text, "98%");
    CHECK_TEXT(indicator(&d, 0, 3)->target_note, "unit % from the template (%) in the indicator name");
    CHECK_TEXT(indicator(&d, 0, 4)->target_text, "3200户");
    CHECK_TEXT(indicator(&d, 0, 5)->target_text, "30公顷");
    /* not templates: prose in brackets, a restated target, a value with an operator */
    CHECK_TEXT(indicator(&d, 0, 6)->target_text, "120");
    CHECK_TEXT(indicator(&d, 0, 6)->target_note, "");
    CHECK_TEXT(indicator(&d, 0, 7)->target_text, "96");
    CHECK_TEXT(indicator(&d, 0, 8)->target_text, "≥90%");
    CHECK_TEXT(indicator(&d, 0, 9)->target_text, "≤50");
    /* a denominator alone is a unit (it was taken for none) */
    CHECK_TEXT(indicator(&d, 0, 10)->target_text, "30/亩");
    CHECK_TEXT(indicator(&d, 0, 10)->target_note, "unit /亩 from the template （/亩） in the indicator name");
}

static void
test_actual_values(void)
{
    pt_document d;

    CHECK_INT(lay_out("三级指标|年度指标值|实际完成值|分值|得分\n"
                      "a|≥1万人次|1.2|15|15\n"
                      "b|≥98%|99%|10|10分\n"
                      "c|≤2000元|1850|十分|九\n"
                      "d|明显减轻|明显减轻|30|28\n"
                      "e|≥55万|60|5|5\n"
                      "f|2024年12月底前|2024年12月20日|5|5\n"
                      "g|≥5个||5|0\n"
                      "h|≤15.5/棵|14|5|5\n",
                      PT_FORMAT_CSV, false, "x", &d), 0);
    if (!CHECK(d.n_projects == 1 && d.projects[0].n_indicators == 8))
        return;
    CHECK_TEXT(indicator(&d, 0, 1)->actual_text, "1.2万人次");
    CHECK_TEXT(indicator(&d, 0, 1)->actual_note, "the actual value has no unit: read in the target's unit 万人次");
    CHECK_TEXT(indicator(&d, 0, 2)->actual_text, "99%");
    CHECK_TEXT(indicator(&d, 0, 2)->actual_note, "");
    CHECK_TEXT(indicator(&d, 0, 2)->score_value, "10");
    CHECK_TEXT(indicator(&d, 0, 3)->actual_text, "1850元");
    CHECK_TEXT(indicator(&d, 0, 3)->weight_value, "");
    CHECK_TEXT(indicator(&d, 0, 3)->weight, "十分");
    CHECK_TEXT(indicator(&d, 0, 4)->actual_text, "明显减轻");
    /* a scale word alone is no unit: the actual stays a bare number */
    CHECK_TEXT(indicator(&d, 0, 5)->actual_text, "60");
    CHECK_TEXT(indicator(&d, 0, 6)->actual_text, "2024年12月20日");
    CHECK_TEXT(indicator(&d, 0, 7)->actual, "");
    CHECK(indicator(&d, 0, 7)->columns & PT_COL_ACTUAL);
    /* a denominator alone is a unit: 14 is 14/棵 (it was read as a bare 14) */
    CHECK_TEXT(indicator(&d, 0, 8)->actual_text, "14/棵");
    CHECK_TEXT(indicator(&d, 0, 8)->actual_note, "the actual value has no unit: read in the target's unit /棵");
}

/* The target column's header may give the unit of its values. */
static void
test_header_unit(void)
{
    pt_document d;

    CHECK_INT(lay_out("三级指标|指标值（%）|实际完成值\n"
                      "a|85|86\n"
                      "b|≥90|91\n"
                      "c|95%|95%\n",
                      PT_FORMAT_CSV, false, "x", &d), 0);
    if (CHECK(d.n_projects == 1 && d.projects[0].n_indicators == 3))
    {
        CHECK_TEXT(indicator(&d, 0, 1)->value, "85");
        CHECK_TEXT(indicator(&d, 0, 1)->target_text, "85");    /* the unit is context, not text */
        CHECK_TEXT(indicator(&d, 0, 1)->target_unit, "%");
        CHECK_TEXT(indicator(&d, 0, 3)->target_unit, "%");
        CHECK(indicator(&d, 0, 1)->columns & PT_COL_ACTUAL);
    }
    CHECK_INT(lay_out("二级指标|三级指标|年度指标值 (单位：万元)\n"
                      "成本指标|a|≤50\n",
                      PT_FORMAT_DOCX, false, "x.docx", &d), 0);
    if (CHECK(d.n_projects == 1 && d.projects[0].n_indicators == 1))
        CHECK_TEXT(indicator(&d, 0, 1)->target_unit, "万元");
    /* (A) marks the column, it is no unit */
    CHECK_INT(lay_out("三级指标|年度指标值（A）|全年实际值（B）\n"
                      "a|≥5个|6个\n",
                      PT_FORMAT_CSV, false, "x", &d), 0);
    if (CHECK(d.n_projects == 1 && d.projects[0].n_indicators == 1))
        CHECK_TEXT(indicator(&d, 0, 1)->target_unit, "");
}

/* ------------------------------------------------------------ reading target cells */

/* pt_read_cell_target of text with a year and column unit: the reading, the
 * target's canonical text ("" when invalid), the extracted constraints joined
 * by " | ", and the note */
static void
check_cell(const char *text, int year, const char *unit, pt_cell_reading reading,
           const char *target, const char *extracted, const char *note)
{
    pt_cell_context ctx = {year, pt_text(unit, unit ? strlen(unit) : 0)};
    pt_cell_target r;
    char        buf[512];
    char        list[512] = "";
    size_t      i;

    arena_reset(&the_arena);
    if (!CHECK(pt_read_cell_target(pt_text(text, strlen(text)), &ctx, &alloc, &r) == 0))
        return;
    CHECK_INT(r.reading, reading);
    buf[0] = '\0';
    if (r.reading != PT_CELL_INVALID)
        pt_format(&r.target, buf, sizeof(buf));
    CHECK_TEXT(pt_text(buf, strlen(buf)), target);
    for (i = 0; i < r.n_extracted; i++)
    {
        char        one[128];

        pt_format(&r.extracted[i].target, one, sizeof(one));
        if (i > 0)
            strcat(list, " | ");
        strcat(list, one);
    }
    CHECK_TEXT(pt_text(list, strlen(list)), extracted);
    CHECK_TEXT(r.note, note);
}

static void
test_cell_targets(void)
{
    /* on its own: the context never changes what a text reads as */
    check_cell("≥95%", 2024, "%", PT_CELL_OWN, "≥95%", "", "");
    check_cell("10月", 2024, NULL, PT_CELL_OWN, "10月", "", "");
    check_cell("普遍满意", 2024, "%", PT_CELL_OWN, "普遍满意", "", "");
    /* the table's year, the column's unit */
    check_cell("10月底前", 2024, NULL, PT_CELL_CONTEXT, "≤2024年10月31日", "",
               "read with the table's year 2024");
    check_cell("85", 0, "%", PT_CELL_CONTEXT, "85%", "", "read in the unit \"%\" of the target column's header");
    check_cell("≥90", 2024, "%", PT_CELL_CONTEXT, "≥90%", "", "read in the unit \"%\" of the target column's header");
    check_cell("5~10", 0, "万元", PT_CELL_CONTEXT, "5~10万元", "",
               "read in the unit \"万元\" of the target column's header");
    check_cell("≤15.5/棵", 0, "万元", PT_CELL_OWN, "≤15.5/棵", "", "");
    /* prose: one constraint becomes the target, several stay beside the label */
    check_cell("合格率不低于90%", 0, NULL, PT_CELL_EXTRACTED, "≥90%", "≥90%",
               "read as the constraint \"不低于90%\" stated in the text");
    check_cell("培训人员30人以上,补助资金2.5万元以内", 2024, NULL, PT_CELL_SEVERAL,
               "\"培训人员30人以上,补助资金2.5万元以内\"", "≥30人 | ≤2.5万元",
               "the text states 2 constraints: \"30人以上\", \"2.5万元以内\"; kept as a label");
    /* a change is no level: a label, said to contain digits */
    check_cell("比上年增加5个", 2024, "个", PT_CELL_OWN, "\"比上年增加5个\"", "",
               "read as a label: the text contains digits but is not a target");
    /* invalid: no target, no note (the caller says why from err) */
    check_cell("2025年2月29日之前", 2025, NULL, PT_CELL_INVALID, "", "", "");
}

/* ------------------------------------------------------------ rows and levels */

static void
test_levels(void)
{
    pt_document d;

    /* blank and merged levels inherit; weights split off; a new 一级指标
     * does not carry the 二级指标 above */
    CHECK_INT(lay_out("一级指标|二级指标|三级指标|指标值\n"
                      "产出指标(50分)|数量指标（20分）|a|1个\n"
                      "^|^|b|2个\n"
                      "||c|3个\n"
                      "|质量指标|d|4个\n"
                      "效益指标（30分）||e|5个\n",
                      PT_FORMAT_DOCX, false, "x.docx", &d), 0);
    if (!CHECK(d.n_projects == 1 && d.projects[0].n_indicators == 5))
        return;
    CHECK_TEXT(indicator(&d, 0, 1)->level1, "产出指标");
    CHECK_TEXT(indicator(&d, 0, 1)->level1_written, "产出指标(50分)");
    CHECK_TEXT(indicator(&d, 0, 1)->level1_weight, "50");
    CHECK_TEXT(indicator(&d, 0, 1)->level2, "数量指标");
    CHECK_TEXT(indicator(&d, 0, 1)->level2_weight, "20");
    CHECK_TEXT(indicator(&d, 0, 2)->level1, "产出指标");
    CHECK_TEXT(indicator(&d, 0, 2)->level1_written, "");
    CHECK_TEXT(indicator(&d, 0, 2)->level1_weight, "50");
    CHECK_TEXT(indicator(&d, 0, 2)->level2, "数量指标");
    CHECK_TEXT(indicator(&d, 0, 3)->level2, "数量指标");
    CHECK_TEXT(indicator(&d, 0, 4)->level2, "质量指标");
    CHECK_TEXT(indicator(&d, 0, 4)->level1, "产出指标");
    CHECK_TEXT(indicator(&d, 0, 5)->level1, "效益指标");
    CHECK_TEXT(indicator(&d, 0, 5)->level1_weight, "30");
    CHECK_TEXT(indicator(&d, 0, 5)->level2, "");
    CHECK_INT(indicator(&d, 0, 5)->source_row, 6);
    CHECK_INT(indicator(&d, 0, 5)->line, 0);

    /* nothing to inherit in the first row */
    CHECK_INT(lay_out("一级指标|三级指标|指标值\n|a|1个\n", PT_FORMAT_DOCX, false, "x", &d), -1);
    CHECK_CONTAINS(err.message, "the first indicator row has no 一级指标");
    CHECK_CONTAINS(err.part, "table 1");
    CHECK_INT(err.row, 2);
    CHECK_INT(lay_out("一级指标|三级指标|指标值\n|a|1个\n产出指标|b|2个\n", PT_FORMAT_DOCX, true, "x", &d), 0);
    CHECK_INT(d.projects[0].n_indicators, 1);
    CHECK_INT(d.n_skipped, 1);

    /* a row of levels only, and a category row across the table */
    CHECK_INT(lay_out("一级指标|二级指标|三级指标|指标值\n"
                      "产出指标|数量指标||\n"
                      "^|^|a|1个\n"
                      "效益指标|<|<|<\n"
                      "|社会效益指标|b|明显\n", PT_FORMAT_DOCX, false, "x", &d), 0);
    if (CHECK(d.n_projects == 1 && d.projects[0].n_indicators == 2))
    {
        CHECK_TEXT(indicator(&d, 0, 1)->level1, "产出指标");
        CHECK_TEXT(indicator(&d, 0, 1)->level2, "数量指标");
        CHECK_TEXT(indicator(&d, 0, 2)->level1, "效益指标");
        CHECK_TEXT(indicator(&d, 0, 2)->level2, "社会效益指标");
    }
}

static void
test_rows_after_header(void)
{
    pt_document d;

    CHECK_INT(lay_out("> 2025年度某项目绩效目标表\n"
                      "一级指标|二级指标|三级指标|指标值|分值\n"
                      "产出指标|数量指标|a|1个|10\n"
                      "一级指标|二级指标|三级指标|指标值|分值\n"
                      "|质量指标|b|≥95%|10\n"
                      "|||\n"
                      "总分|<|<|<|100\n"
                      "说明：本表由某单位填报|<|<|<|<\n",
                      PT_FORMAT_CSV, false, "x.csv", &d), 0);
    if (!CHECK(d.n_projects == 1 && d.projects[0].n_indicators == 2))
        return;
    CHECK_TEXT(d.projects[0].name, "某项目");
    CHECK_INT(d.projects[0].year, 2025);
    CHECK_TEXT(d.projects[0].extra, "总分\t100\n说明：本表由某单位填报");
    CHECK_TEXT(indicator(&d, 0, 2)->level1, "产出指标");
    CHECK_INT(indicator(&d, 0, 2)->position, 2);
    CHECK_INT(indicator(&d, 0, 2)->line, 5);

    /* a row that is no indicator: an error naming its line; lenient: a skip */
    CHECK_INT(lay_out("一级指标|三级指标|指标值|分值\n产出指标|a|1个|10\n|||20\n产出指标|b|2个|5\n",
                      PT_FORMAT_CSV, false, "x", &d), -1);
    CHECK_CONTAINS(err.message, "cannot be placed");
    CHECK_INT(err.line, 3);
    CHECK_INT(lay_out("一级指标|三级指标|指标值|分值\n产出指标|a|1个|10\n|||20\n产出指标|b|2个|5\n",
                      PT_FORMAT_CSV, true, "x", &d), 0);
    CHECK_INT(d.projects[0].n_indicators, 2);
    CHECK_INT(d.n_skipped, 1);
    if (d.n_skipped == 1)
    {
        CHECK_INT(d.skipped[0].line, 3);
        CHECK(text_contains(d.skipped[0].message, "cannot be placed"));
    }

    /* a header and no row */
    CHECK_INT(lay_out("三级指标|指标值\n", PT_FORMAT_CSV, false, "x", &d), -1);
    CHECK_CONTAINS(err.message, "the indicator table has no rows");
}

static void
test_projects(void)
{
    pt_document d;

    /* two projects in one table (titles), each with its cells above the header */
    CHECK_INT(lay_out("2025年度甲项目绩效目标表\n"
                      "主管部门：甲局  实施单位：甲中心\n"
                      "三级指标|指标值\n"
                      "a|1个\n"
                      "乙项目绩效自评表\n"
                      "项目名称|乙项目改名\n"
                      "主管部门|[123001]乙局\n"
                      "预算数|1,200.50|其中：财政拨款|1200\n"
                      "年度目标|完成建设\n"
                      "三级指标|指标值\n"
                      "b|2个\n",
                      PT_FORMAT_CSV, false, "x", &d), 0);
    if (!CHECK(d.n_projects == 2))
        return;
    CHECK_TEXT(d.projects[0].name, "甲项目");
    CHECK_TEXT(d.projects[0].dept_name, "甲局");
    CHECK_INT(d.projects[0].year, 2025);
    CHECK_TEXT(d.projects[1].name, "乙项目改名");
    CHECK_TEXT(d.projects[1].title, "乙项目绩效自评表");
    CHECK_TEXT(d.projects[1].dept_code, "123001");
    CHECK_TEXT(d.projects[1].dept_name, "乙局");
    CHECK_TEXT(d.projects[1].budget_total, "1200.50");
    CHECK_TEXT(d.projects[1].fiscal_funds, "1200");
    CHECK_TEXT(d.projects[1].goals, "完成建设");
    CHECK_INT(d.projects[1].n_indicators, 1);

    /* tables (docx): project cells in a table of their own, a table that is
     * not an indicator table (reported, strict mode too), a table continued
     * on the next page with its header repeated */
    CHECK_INT(lay_out("> 某某项目绩效目标表\n"
                      "项目名称|某某项目\n"
                      "主管部门|某局\n"
                      "===\n"
                      "支出科目|金额\n"
                      "办公费|10\n"
                      "===\n"
                      "一级指标|三级指标|指标值\n"
                      "产出指标|a|1个\n"
                      "===\n"
                      "一级指标|三级指标|指标值\n"
                      "^|b|2个\n"
                      "===\n"
                      "> 签字：\n"
                      "负责人|<|日期\n",
                      PT_FORMAT_DOCX, false, "x.docx", &d), 0);
    CHECK_INT(d.n_projects, 1);
    if (d.n_projects == 1)
    {
        CHECK_TEXT(d.projects[0].name, "某某项目");
        CHECK_TEXT(d.projects[0].dept_name, "某局");
        CHECK_INT(d.projects[0].n_indicators, 2);
        CHECK_TEXT(indicator(&d, 0, 2)->level1, "产出指标");
        CHECK_INT(indicator(&d, 0, 2)->table, 4);
        CHECK_INT(indicator(&d, 0, 2)->source_row, 2);
    }
    CHECK_INT(d.n_skipped, 2);
    if (d.n_skipped == 2)
    {
        CHECK(text_contains(d.skipped[0].message, "is not an indicator table"));
        CHECK(text_contains(d.skipped[0].message, "\"支出科目\""));
        CHECK_TEXT(d.skipped[0].part, "table 2");
        CHECK_TEXT(d.skipped[1].part, "table 5");
    }

    /* no title, no 项目名称: the file name (without directory and extension) */
    CHECK_INT(lay_out("三级指标|指标值\na|1个\n", PT_FORMAT_CSV, false, "/srv/docs/岳阳市教育局.csv", &d), 0);
    if (d.n_projects == 1)
        CHECK_TEXT(d.projects[0].name, "岳阳市教育局");
    CHECK_INT(lay_out("三级指标|指标值\na|1个\n", PT_FORMAT_CSV, false, NULL, &d), -1);
    CHECK_CONTAINS(err.message, "no project name");
    CHECK_CONTAINS(err.hint, "source");

    /* nothing that is an indicator table */
    CHECK_INT(lay_out("支出科目|金额\n办公费|10\n", PT_FORMAT_CSV, false, "x", &d), -1);
    CHECK_CONTAINS(err.message, "no indicator table found");
    CHECK_INT(lay_out("支出科目|金额\n办公费|10\n", PT_FORMAT_CSV, true, "x", &d), -1);
}

/* Every allocation may fail: an error, never a crash. */
static void
test_out_of_memory(void)
{
    static const char spec[] =
        "> 2025年度甲项目绩效目标表\n"
        "项目名称|甲项目\n"
        "一级指标|二级指标|三级指标|计算符号|指标值|度量单位|实际完成值|备注\n"
        "产出指标(50分)|数量指标|a（≥**%）||95||96|x\n"
        "|质量指标|b|≥|5|个|6|y\n"
        "总分|<|<|<|<|<|<|100\n";
    pt_cells_doc doc;
    pt_read_request req;
    pt_document d;
    long        k;
    int         rc = -1;
    bool        all_reported = true;

    memset(&req, 0, sizeof(req));
    req.source = pt_text(NULL, 0);
    for (k = 0; rc != 0 && k < 100000; k++)
    {
        long        used;

        build(spec, PT_FORMAT_CSV, &doc);
        used = the_arena.allocations;
        the_arena.fail_at = used + k;
        rc = pt_layout(&doc, &req, &alloc, &d, &err);
        if (rc != 0 && strstr(err.message, "out of memory") == NULL)
            all_reported = false;
    }
    CHECK(all_reported);
    CHECK_INT(rc, 0);
    CHECK(k > 5);
    arena_reset(&the_arena);
}

/* ------------------------------------------------------------ the seeds */

/* The seeds through the whole pipeline (detection included) give exactly
 * the rows of the independent extraction test/data/seed_cells.tsv. */
static void
test_seed_cells(const char *seed000, const char *seed001, const char *tsv_path)
{
    const char *paths[2] = {seed000, seed001};
    const char *names[2] = {"000_e3b62ee139f4edb8.txt", "001_3f8b325168c357be.txt"};
    pt_document docs[2];
    buffer      seeds[2];
    buffer      tsv = read_file(tsv_path);
    int         f;
    int         rows = 0;
    int         mismatches = 0;
    char       *line;
    char       *save = NULL;

    for (f = 0; f < 2; f++)
    {
        pt_read_request req;
        pt_source_format format;

        memset(&req, 0, sizeof(req));
        req.source = pt_text(names[f], strlen(names[f]));
        seeds[f] = read_file(paths[f]);
        CHECK_INT(pt_detect_format(seeds[f].data, seeds[f].len), PT_FORMAT_TEXT_EXPORT);
        CHECK_INT(pt_document_read(seeds[f].data, seeds[f].len, &req, &alloc, &docs[f], &format, &err), 0);
        CHECK_INT(format, PT_FORMAT_TEXT_EXPORT);
    }
    CHECK_INT(docs[0].n_projects, 30);
    CHECK_INT(docs[1].n_projects, 7);

    tsv.data = realloc(tsv.data, tsv.len + 1);
    tsv.data[tsv.len] = '\0';
    for (line = strtok_r(tsv.data, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save))
    {
        char       *field[9];
        int         k = 0;
        char       *p = line;
        const pt_document *d;
        int         project;
        int         position;
        const pt_doc_indicator *ind;

        if (strncmp(line, "file\t", 5) == 0)
            continue;
        while (k < 9)
        {
            char       *tab = strchr(p, '\t');

            field[k++] = p;
            if (tab == NULL)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (k != 9)
            continue;
        rows++;
        d = strcmp(field[0], names[0]) == 0 ? &docs[0] : &docs[1];
        project = atoi(field[1]) - 1;
        position = atoi(field[3]);
        ind = indicator(d, project, position);
        if (ind == NULL ||
            pt_text_trim(d->projects[project].title).len != strlen(field[2]) ||
            memcmp(d->projects[project].title.ptr, field[2], strlen(field[2])) != 0 ||
            ind->level1.len != strlen(field[4]) || memcmp(ind->level1.ptr, field[4], ind->level1.len) != 0 ||
            ind->level2.len != strlen(field[5]) || memcmp(ind->level2.ptr, field[5], ind->level2.len) != 0 ||
            pt_text_trim(pt_text(field[6], strlen(field[6]))).len != ind->level3.len ||
            memcmp(ind->level3.ptr, pt_text_trim(pt_text(field[6], strlen(field[6]))).ptr, ind->level3.len) != 0 ||
            ind->line != atoi(field[7]) ||
            ind->value.len != strlen(field[8]) || memcmp(ind->value.ptr, field[8], ind->value.len) != 0 ||
            ind->target_text.ptr != ind->value.ptr || ind->target_note.len != 0)
        {
            if (mismatches++ < 5)
                printf("    mismatch: %s project %d position %d\n", field[0], project + 1, position);
        }
    }
    CHECK_INT(rows, 284 + 70);
    CHECK_INT(mismatches, 0);
    free(tsv.data);
    free(seeds[0].data);
    free(seeds[1].data);
    arena_reset(&the_arena);
}

int
main(int argc, char **argv)
{
    if (argc != 4)
    {
        printf("usage: %s SEED_000 SEED_001 SEED_CELLS_TSV\n", argv[0]);
        return 2;
    }
    TEST_CASE(test_header_words());
    TEST_CASE(test_split_cells());
    TEST_CASE(test_templates());
    TEST_CASE(test_actual_values());
    TEST_CASE(test_header_unit());
    TEST_CASE(test_cell_targets());
    TEST_CASE(test_levels());
    TEST_CASE(test_rows_after_header());
    TEST_CASE(test_projects());
    TEST_CASE(test_out_of_memory());
    TEST_CASE(test_seed_cells(argv[1], argv[2], argv[3]));
    arena_reset(&the_arena);
    return check_summary();
}
