/*
 * pt_layout.c — the layout step: tables of cells (pt_cells.h) → projects and
 * indicators (pt_document.h), the same for every source format.
 *
 * A table is read from the top in two states:
 *
 *   PREAMBLE  rows before the header row, and the paragraphs before the
 *             table, give the project: a title (…绩效目标表, …自评表), the
 *             department ("374101天津市…" or 主管部门：…), the unit (单位：万元),
 *             the year, and "label | value" cells (项目名称, 预算数, 绩效目标 …).
 *   ROWS      after the header row — the first row whose words name a target
 *             column (指标值 and its variants) and a level or name column
 *             (一级/二级/三级指标, 指标名称) — every row is an indicator, except
 *             a repeated header (a table continued on the next page), an empty
 *             row, a total row (总分, 合计) and a note (说明, 注), which go to
 *             the project's extra text; a row that is only a title or 项目名称
 *             starts the next project; a row with a new header renames the
 *             columns.  Anything else is a row that cannot be placed: an error
 *             naming its table and row (strict), or a reported skip (lenient).
 *
 * A table that never reaches ROWS is not an indicator table: if it holds
 * project information (项目名称, a title) that goes to the next table;
 * otherwise it is skipped and reported, in both modes.  A table without
 * project information continues the project of the table before it (a table
 * split across pages) when both are in the same sheet; the first one takes
 * its name from the sheet (several sheets) or from the source's file name.
 *
 * Column roles come from header words only (see ROLE_WORDS); cells of other
 * columns are kept in the indicator's extra text.  The target is the 指标值
 * cell; an operator column (计算符号, 指标性质, 指标方向) and a unit column
 * (度量单位) are combined with it into one text, and a bare number whose
 * indicator name carries a template — "(≥**%)", "(万元)" — takes the missing
 * operator or unit from there; both with a note.  An actual value written
 * without a unit takes the target's unit, with a note.
 *
 * Tables whose rows the reader formed by counting cells (the text export,
 * PT_TABLE_ROWS_COUNTED) were checked by the reader: every row after the
 * header is an indicator.
 *
 * Linear in the number of cells; no recursion; memory from the arena.
 */
#include "pt_cells.h"
#include "pt_i18n.h"

#include <stdint.h>
#include <string.h>

#include "ptarget_core.h"

#define MAX_SKIPS 10000
#define NORM_MAX 96             /* header and key words are short */

/* ------------------------------------------------------------------------
 * Text
 * ------------------------------------------------------------------------ */

static pt_doc_text
slice(const char *ptr, size_t len)
{
    return pt_text(ptr, len);
}

static pt_doc_text
cstr(const char *s)
{
    return slice(s, strlen(s));
}

static pt_doc_text
trim(pt_doc_text t)
{
    return pt_text_trim(t);
}

static const char *
find(pt_doc_text t, const char *needle)
{
    size_t      n = strlen(needle);
    size_t      i;

    if (n == 0 || t.len < n)
        return NULL;
    for (i = 0; i + n <= t.len; i++)
        if (t.ptr[i] == needle[0] && memcmp(t.ptr + i, needle, n) == 0)
            return t.ptr + i;
    return NULL;
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of an ASCII or full-width digit at s, or 0. */
static size_t
digit_at(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *) s;

    if (n >= 1 && is_digit(s[0]))
        return 1;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)
        return 3;
    return 0;
}

static size_t
digit_before(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *) s;

    if (n >= 1 && is_digit(s[n - 1]))
        return 1;
    if (n >= 3 && u[n - 3] == 0xEF && u[n - 2] == 0xBC && u[n - 1] >= 0x90 && u[n - 1] <= 0x99)
        return 3;
    return 0;
}

/* "95", "1,200.5", "９５": digits with '.' or ',' between them, nothing else */
static bool
is_bare_number(pt_doc_text t)
{
    size_t      i = 0;
    bool        digits = false;

    while (i < t.len)
    {
        size_t      k = digit_at(t.ptr + i, t.len - i);

        if (k > 0)
        {
            digits = true;
            i += k;
        }
        else if ((t.ptr[i] == '.' || t.ptr[i] == ',') && digits && i + 1 < t.len)
            i++;
        else if (pt_text_starts_with(slice(t.ptr + i, t.len - i), "．"))
            i += strlen("．");
        else
            return false;
    }
    return digits;
}

/* Next UTF-8 character's length (input is valid UTF-8). */
static size_t
char_len(const char *s, size_t n)
{
    unsigned char c = (unsigned char) s[0];
    size_t      k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

    return k <= n ? k : n;
}

static size_t
count_chars(pt_doc_text t)
{
    size_t      i = 0;
    size_t      n = 0;

    while (i < t.len)
    {
        i += char_len(t.ptr + i, t.len - i);
        n++;
    }
    return n;
}

/*
 * Header and key words compared as people write them: white space anywhere
 * (also line breaks inside a header cell) left out, full-width brackets and
 * colons as ASCII, Latin letters upper case, a trailing colon dropped.
 * Writes NUL-terminated text into buf; false when it does not fit (such a
 * long text is no header word).
 */
static bool
normalize(pt_doc_text t, char *buf, size_t cap)
{
    static const struct
    {
        const char *from;
        char        to;
    }           map[] = {
        {"（", '('}, {"）", ')'}, {"：", ':'}, {"［", '['}, {"］", ']'}, {"【", '['}, {"】", ']'},
        {"／", '/'}, {"Ａ", 'A'}, {"Ｂ", 'B'}, {"ａ", 'A'}, {"ｂ", 'B'},
    };
    size_t      i = 0;
    size_t      n = 0;

    while (i < t.len)
    {
        size_t      k = pt_text_space_at(t.ptr + i, t.len - i);
        size_t      m;
        bool        mapped = false;

        if (k > 0 || t.ptr[i] == '\n')
        {
            i += k > 0 ? k : 1;
            continue;
        }
        for (m = 0; ((unsigned char) t.ptr[i] == 0xEF || (unsigned char) t.ptr[i] == 0xE3) &&
             m < sizeof(map) / sizeof(map[0]); m++)
        {
            size_t      len = strlen(map[m].from);

            if (t.len - i >= len && memcmp(t.ptr + i, map[m].from, len) == 0)
            {
                if (n + 1 >= cap)
                    return false;
                buf[n++] = map[m].to;
                i += len;
                mapped = true;
                break;
            }
        }
        if (mapped)
            continue;
        k = char_len(t.ptr + i, t.len - i);
        if (n + k >= cap)
            return false;
        memcpy(buf + n, t.ptr + i, k);
        if (k == 1 && buf[n] >= 'a' && buf[n] <= 'z')
            buf[n] = (char) (buf[n] - 'a' + 'A');
        n += k;
        i += k;
    }
    while (n > 0 && buf[n - 1] == ':')
        n--;
    buf[n] = '\0';
    return true;
}

static bool
in_list(const char *word, const char *const *list)
{
    for (; *list != NULL; list++)
        if (strcmp(word, *list) == 0)
            return true;
    return false;
}

static bool
word_starts(const char *word, const char *prefix)
{
    return strncmp(word, prefix, strlen(prefix)) == 0;
}

static bool
word_ends(const char *word, const char *suffix)
{
    size_t      n = strlen(word);
    size_t      k = strlen(suffix);

    return n >= k && strcmp(word + n - k, suffix) == 0;
}

static bool
word_has(const char *word, const char *part)
{
    return strstr(word, part) != NULL;
}

/* ------------------------------------------------------------------------
 * Column roles (header words)
 * ------------------------------------------------------------------------ */

typedef enum role
{
    ROLE_NONE = -1,
    ROLE_LEVEL1,
    ROLE_LEVEL2,
    ROLE_LEVEL3,
    ROLE_DESCRIPTION,
    ROLE_TARGET,
    ROLE_DIRECTION,
    ROLE_UNIT,
    ROLE_WEIGHT,
    ROLE_ACTUAL,
    ROLE_SCORE,
    ROLE_REASON,
    ROLE_STANDARD,
    ROLE_BENCHMARK,
    N_ROLES
} role;

static const char *const LEVEL1_WORDS[] = {"一级指标", "一级指标名称", NULL};
static const char *const LEVEL2_WORDS[] = {"二级指标", "二级指标名称", NULL};
static const char *const LEVEL3_WORDS[] = {"三级指标", "三级指标名称", "指标名称", "绩效指标名称",
    "指标", "指标内容", "具体指标", NULL};
static const char *const DESCRIPTION_WORDS[] = {"绩效指标描述", "指标解释", "指标描述", "指标说明",
    "指标释义", "指标定义", NULL};
static const char *const TARGET_WORDS[] = {"指标值", "目标值", "年度指标值", "年初目标值",
    "预期目标值", "年度目标值", "绩效指标值", "预期指标值", "指标目标值", "计划指标值", NULL};
static const char *const DIRECTION_WORDS[] = {"计算符号", "指标性质", "指标方向", "正向/反向",
    "正反向", "指标值方向", "符号", "运算符号", "比较符号", NULL};
static const char *const UNIT_WORDS[] = {"度量单位", "计量单位", "单位", "指标单位", "指标值单位",
    "计量单位名称", NULL};
static const char *const WEIGHT_WORDS[] = {"分值", "权重", "指标分值", "指标权重", "权重分值", NULL};
static const char *const ACTUAL_WORDS[] = {"实际完成值", "全年实际值", "实际值", "完成值", "(B)",
    "实际完成情况", "全年实际完成值", "实际完成指标值", "年度实际完成值", NULL};
static const char *const SCORE_WORDS[] = {"得分", "自评得分", "评分", "实际得分", NULL};
static const char *const REASON_WORDS[] = {"偏差原因", "未完成原因", "偏差原因分析及改进措施",
    "偏差原因分析", "未完成原因分析", "偏差原因及改进措施", NULL};
static const char *const STANDARD_WORDS[] = {"评(扣)分标准", "评分标准", "扣分标准", "评分规则", NULL};
static const char *const BENCHMARK_WORDS[] = {"绩效标准", "标准值", NULL};

/* The role a header cell names, or ROLE_NONE. */
static role
header_role(pt_doc_text cell)
{
    char        w[NORM_MAX];

    if (cell.len >= NORM_MAX || !normalize(cell, w, sizeof(w)) || w[0] == '\0')
        return ROLE_NONE;
    if (in_list(w, LEVEL1_WORDS))
        return ROLE_LEVEL1;
    if (in_list(w, LEVEL2_WORDS))
        return ROLE_LEVEL2;
    if (in_list(w, LEVEL3_WORDS))
        return ROLE_LEVEL3;
    if (in_list(w, DESCRIPTION_WORDS))
        return ROLE_DESCRIPTION;
    if (in_list(w, TARGET_WORDS))
        return ROLE_TARGET;
    if (in_list(w, DIRECTION_WORDS))
        return ROLE_DIRECTION;
    if (in_list(w, UNIT_WORDS))
        return ROLE_UNIT;
    if (in_list(w, WEIGHT_WORDS))
        return ROLE_WEIGHT;
    if (in_list(w, ACTUAL_WORDS))
        return ROLE_ACTUAL;
    if (in_list(w, SCORE_WORDS))
        return ROLE_SCORE;
    if (in_list(w, REASON_WORDS))
        return ROLE_REASON;
    if (in_list(w, STANDARD_WORDS))
        return ROLE_STANDARD;
    if (in_list(w, BENCHMARK_WORDS))
        return ROLE_BENCHMARK;
    /* marked columns of 自评表: 指标值(A), 全年实际值(B) */
    if (word_ends(w, "(A)") && (word_has(w, "指标值") || word_has(w, "目标值") || strcmp(w, "(A)") == 0))
        return ROLE_TARGET;
    if (word_ends(w, "(B)") || (word_has(w, "实际") && (word_has(w, "值") || word_has(w, "完成"))))
        return ROLE_ACTUAL;
    if (word_starts(w, "权重") || word_starts(w, "分值") || word_starts(w, "指标分值"))
        return ROLE_WEIGHT;
    if (word_starts(w, "偏差原因") || word_starts(w, "未完成原因"))
        return ROLE_REASON;
    if (word_has(w, "评分标准") || word_has(w, "扣分标准") || word_has(w, "评(扣)分"))
        return ROLE_STANDARD;
    if (word_starts(w, "得分"))
        return ROLE_SCORE;
    return ROLE_NONE;
}

/* The columns of an indicator table. */
typedef struct columns
{
    int         col[N_ROLES];   /* column of each role, or -1 */
    pt_doc_text target_unit;    /* the unit in the target column's header, or empty */
    int        *other;          /* columns with no role, left to right */
    int         n_other;
    const pt_cell_row *header;  /* the header row (names of the other columns) */
} columns;

/* A header that names the target column and its unit: 指标值（%）,
 * 年度指标值(单位：万元).  The unit must read as one ("1" + unit is a
 * quantity with a unit or scale word), so 指标值(A) or 指标值(说明) are not. */
static bool
target_header_unit(pt_doc_text cell, pt_doc_text *unit)
{
    static const char *const opens[] = {"（", "("};
    static const char *const prefixes[] = {"单位：", "单位:", "单位"};
    pt_doc_text t = trim(cell);
    pt_doc_text inner = slice(NULL, 0);
    size_t      close_len = pt_text_ends_with(t, "）") ? strlen("）") : pt_text_ends_with(t, ")") ? 1 : 0;
    size_t      i;
    size_t      at;
    char        buf[64];
    char        scratch[1024];
    pt_target   q;
    pt_error    e;
    bool        open_found = false;

    if (close_len == 0)
        return false;

    for (at = t.len - close_len; at > 0 && !open_found; at--)
        for (i = 0; i < sizeof(opens) / sizeof(opens[0]); i++)
            if (at >= strlen(opens[i]) && memcmp(t.ptr + at - strlen(opens[i]), opens[i], strlen(opens[i])) == 0)
            {
                inner = slice(t.ptr + at, t.len - close_len - at);
                if (header_role(slice(t.ptr, at - strlen(opens[i]))) != ROLE_TARGET)
                    return false;
                open_found = true;
                break;
            }
    if (!open_found)
        return false;
    inner = trim(inner);
    for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
        if (pt_text_starts_with(inner, prefixes[i]))
        {
            inner = trim(slice(inner.ptr + strlen(prefixes[i]), inner.len - strlen(prefixes[i])));
            break;
        }
    if (inner.len == 0 || inner.len + 1 >= sizeof(buf) || pt_parse_scratch_size(inner.len + 1) > sizeof(scratch))
        return false;
    buf[0] = '1';
    memcpy(buf + 1, inner.ptr, inner.len);
    if (pt_parse(buf, inner.len + 1, &q, scratch, &e) != PT_OK || q.kind != PT_KIND_QUANTITY ||
        q.op != PT_OP_EQ || (q.unit_id == PT_UNIT_NONE && q.scale == 0 && q.unit_key_len == 0))
        return false;
    *unit = inner;
    return true;
}

/* Roles of a row's cells; true when it is a header row: it names a target
 * column and a level or name column, and no role twice in cells of their own. */
static bool
read_header(const pt_cell_row *row, columns *c, int *other_buf)
{
    int         i;
    int         r;
    int         named = 0;

    for (r = 0; r < N_ROLES; r++)
        c->col[r] = -1;
    c->n_other = 0;
    c->other = other_buf;
    c->header = row;
    c->target_unit = slice(NULL, 0);
    for (i = 0; i < row->n_cells; i++)
    {
        const pt_cell *cell = &row->cells[i];
        role        ro;
        pt_doc_text unit;

        if (cell->merged == PT_MERGE_LEFT)
            continue;
        ro = header_role(cell->text);
        if (ro == ROLE_NONE && c->col[ROLE_TARGET] < 0 && target_header_unit(cell->text, &unit))
        {
            ro = ROLE_TARGET;
            c->target_unit = unit;
        }
        if (ro == ROLE_NONE)
        {
            if (other_buf != NULL && trim(cell->text).len > 0)
                other_buf[c->n_other++] = i;
            continue;
        }
        if (c->col[ro] >= 0)
        {
            /* a second column of one role: kept as an other column */
            if (other_buf != NULL)
                other_buf[c->n_other++] = i;
            continue;
        }
        c->col[ro] = i;
        named++;
    }
    return c->col[ROLE_TARGET] >= 0 && named >= 2 &&
        (c->col[ROLE_LEVEL1] >= 0 || c->col[ROLE_LEVEL2] >= 0 || c->col[ROLE_LEVEL3] >= 0);
}

static bool
same_columns(const columns *a, const columns *b)
{
    int         r;

    for (r = 0; r < N_ROLES; r++)
        if (a->col[r] != b->col[r])
            return false;
    return true;
}

static pt_doc_text
cell_at(const pt_cell_row *row, int col)
{
    if (col < 0 || col >= row->n_cells)
        return slice(NULL, 0);
    return row->cells[col].text;
}

/* A cell's trimmed text unless it only repeats the cell to its left. */
static pt_doc_text
own_text(const pt_cell_row *row, int col)
{
    if (col < 0 || col >= row->n_cells || row->cells[col].merged == PT_MERGE_LEFT)
        return slice(NULL, 0);
    return trim(row->cells[col].text);
}

static const pt_cell *
cell_ptr(const pt_cell_row *row, int col)
{
    if (col < 0 || col >= row->n_cells)
        return NULL;
    return &row->cells[col];
}

/* ------------------------------------------------------------------------
 * State, memory, messages
 * ------------------------------------------------------------------------ */

/* Text accumulated in the arena (extra text). */
typedef struct strbuf
{
    char       *data;
    size_t      len;
    size_t      cap;
} strbuf;

/* What the document says about the project being read. */
typedef struct info
{
    bool        any;            /* something was read */
    bool        has_project;    /* a title or 项目名称: a project of its own */
    pt_doc_text ordinal;
    pt_doc_text title;
    int         title_line;     /* line or row of the title */
    pt_doc_text dept_code;
    pt_doc_text dept_name;
    pt_doc_text implementer;    /* 实施单位: the department when none is named */
    pt_doc_text budget_unit;
    pt_doc_text name;
    pt_doc_text budget_total;
    pt_doc_text fiscal_funds;
    pt_doc_text other_funds;
    pt_doc_text purpose;
    pt_doc_text goals;
    int         year;
    strbuf      extra;
    int         first_row;      /* line or row where the information starts */
    int         keys;           /* labels recognised so far (项目名称, 主管部门, ...) */
} info;

typedef struct project_build
{
    pt_doc_project p;
    int         capacity;       /* of p.indicators */
    int         table;          /* table number of its last rows (continuation) */
    pt_doc_text sheet;
} project_build;

typedef struct layout
{
    const pt_cells_doc *cells;
    const pt_read_request *req;
    const pt_allocator *alloc;
    pt_doc_error *err;
    bool        lenient;
    bool        fatal;
    bool        parts;          /* positions are table/sheet + row (docx, xlsx) */
    pt_document *doc;
    project_build *projects;
    int         n_projects;
    int         project_capacity;
    int         skip_capacity;
    int         indicator_tables;   /* tables with a header row, for naming */
    /* the table being read */
    const pt_cell_table *table;
    char        part[PT_CELLS_PART_MAX];
    /* current project and its inherited levels */
    int         current;        /* index into projects, -1 none */
    pt_doc_text level1,
                level1_weight,
                level2,
                level2_weight;
    bool        have_level1;
    /* scratch for one target parse */
    char       *scratch;
    size_t      scratch_size;
} layout;

/* Start an error at a row of the current table: fills the position and the
 * project title; returns the builder of the message. */
static pt_msg
fail_at(layout *L, const pt_cell_row *row, int line, pt_doc_text title)
{
    pt_msg         t = pt_msg_start(L->err->project_title, sizeof(L->err->project_title));

    memset(L->err->part, 0, sizeof(L->err->part));
    L->err->code = PT_DOC_ERR_INVALID;
    L->err->line = 0;
    L->err->row = 0;
    pt_msg_add(&t, title.ptr, title.len);
    if (L->parts)
    {
        pt_msg         p = pt_msg_start(L->err->part, sizeof(L->err->part));

        pt_msg_str(&p, L->part);
        L->err->row = row != NULL ? row->source_row : 0;
    }
    else
        L->err->line = line > 0 ? line : (row != NULL ? row->source_row : 0);
    pt_msg_start(L->err->hint, sizeof(L->err->hint));
    return pt_msg_start(L->err->message, sizeof(L->err->message));
}

static bool
fail_hint(layout *L, const char *hint)
{
    pt_msg         m = pt_msg_start(L->err->hint, sizeof(L->err->hint));

    pt_msg_str(&m, PT_(hint));
    return false;
}

static bool
fail_fatal(layout *L, int code, const char *message, const char *hint)
{
    pt_msg         m = fail_at(L, NULL, 0, slice(NULL, 0));

    pt_msg_str(&m, PT_(message));
    L->err->code = code;
    L->fatal = true;
    return fail_hint(L, hint);
}

static void *
allocate(layout *L, size_t count, size_t size)
{
    void       *block;

    if (count == 0)
        count = 1;
    block = count > SIZE_MAX / size ? NULL : L->alloc->alloc(L->alloc->ctx, count * size);
    if (block == NULL)
        fail_fatal(L, PT_DOC_ERR_MEMORY, PT_N_("out of memory while reading the document"),
                   PT_N_("Free memory or split the document."));
    return block;
}

static void *
grow(layout *L, void *array, int count, int *capacity, size_t elem_size)
{
    void       *bigger;
    int         new_capacity;

    if (count < *capacity)
        return array;
    if (*capacity > INT32_MAX / 2)
    {
        fail_fatal(L, PT_DOC_ERR_LIMIT, PT_N_("the document has too many parts"),
                   PT_N_("Split the document into smaller files."));
        return NULL;
    }
    new_capacity = *capacity > 0 ? *capacity * 2 : 8;
    bigger = allocate(L, (size_t) new_capacity, elem_size);
    if (bigger == NULL)
        return NULL;
    if (count > 0)
        memcpy(bigger, array, (size_t) count * elem_size);
    *capacity = new_capacity;
    return bigger;
}

/* Arena text made of up to 6 pieces. */
static bool
concat(layout *L, pt_doc_text *out, pt_doc_text a, pt_doc_text b, pt_doc_text c,
       pt_doc_text d, pt_doc_text e, pt_doc_text f)
{
    pt_doc_text parts[6] = {a, b, c, d, e, f};
    size_t      n = 0;
    size_t      i;
    char       *buf;

    for (i = 0; i < 6; i++)
        n += parts[i].len;
    buf = allocate(L, n + 1, 1);
    if (buf == NULL)
        return false;
    n = 0;
    for (i = 0; i < 6; i++)
    {
        memcpy(buf + n, parts[i].ptr, parts[i].len);
        n += parts[i].len;
    }
    buf[n] = '\0';
    *out = slice(buf, n);
    return true;
}

static bool
strbuf_add(layout *L, strbuf *s, pt_doc_text t)
{
    if (s->len + t.len + 1 > s->cap)
    {
        size_t      cap = s->cap > 0 ? s->cap * 2 : 128;
        char       *bigger;

        while (cap < s->len + t.len + 1)
            cap *= 2;
        bigger = allocate(L, cap, 1);
        if (bigger == NULL)
            return false;
        if (s->len > 0)
            memcpy(bigger, s->data, s->len);
        s->data = bigger;
        s->cap = cap;
    }
    memcpy(s->data + s->len, t.ptr, t.len);
    s->len += t.len;
    s->data[s->len] = '\0';
    return true;
}

/* One line of extra text: the pieces, separated by sep. */
static bool
strbuf_line(layout *L, strbuf *s, pt_doc_text t)
{
    if (s->len > 0 && !strbuf_add(L, s, cstr("\n")))
        return false;
    return strbuf_add(L, s, t);
}

static pt_doc_text
strbuf_text(const strbuf *s)
{
    return slice(s->data, s->len);
}

/* Lenient mode: keep the current error as a skip (also: non-indicator tables). */
static bool
add_skip(layout *L, int title_line, int line, pt_doc_text title)
{
    pt_document *doc = L->doc;
    pt_doc_skip *skips;
    pt_doc_skip *s;
    size_t      mlen = strlen(L->err->message);
    size_t      hlen = strlen(L->err->hint);
    size_t      plen = strlen(L->err->part);
    char       *copy;

    if (doc->n_skipped >= MAX_SKIPS)
        return fail_fatal(L, PT_DOC_ERR_INVALID, PT_N_("too many problems: more than 10000 parts of the document were skipped"),
                          PT_N_("This does not look like a performance target document."));
    skips = grow(L, doc->skipped, doc->n_skipped, &L->skip_capacity, sizeof(pt_doc_skip));
    if (skips == NULL)
        return false;
    doc->skipped = skips;
    copy = allocate(L, mlen + hlen + plen + 3, 1);
    if (copy == NULL)
        return false;
    memcpy(copy, L->err->message, mlen + 1);
    memcpy(copy + mlen + 1, L->err->hint, hlen + 1);
    memcpy(copy + mlen + hlen + 2, L->err->part, plen + 1);
    s = &skips[doc->n_skipped++];
    memset(s, 0, sizeof(*s));
    s->title_line = title_line;
    s->line = line;
    s->table = L->parts && L->table != NULL ? L->table->number : 0;
    s->title = title;
    s->message = slice(copy, mlen);
    s->hint = slice(copy + mlen + 1, hlen);
    s->part = slice(copy + mlen + hlen + 2, plen);
    return true;
}

/* The error just described: fatal in strict mode, a skip in lenient mode. */
static bool
problem(layout *L, const pt_cell_row *row, pt_doc_text title)
{
    if (!L->lenient || L->fatal)
        return false;
    return add_skip(L, 0, L->parts ? (row ? row->source_row : 0) : L->err->line, title);
}

/* ------------------------------------------------------------------------
 * Project information: paragraphs and "label | value" cells
 * ------------------------------------------------------------------------ */

typedef enum key
{
    KEY_NONE,
    KEY_NAME,
    KEY_DEPT,
    KEY_IMPLEMENTER,
    KEY_UNIT,
    KEY_TOTAL,
    KEY_FISCAL,
    KEY_OTHER,
    KEY_PURPOSE,
    KEY_GOALS,
    KEY_YEAR
} key;

static const struct
{
    const char *word;
    key         k;
}           KEYS[] = {
    {"项目名称", KEY_NAME},
    {"主管部门", KEY_DEPT}, {"主管部门及代码", KEY_DEPT}, {"主管部门名称", KEY_DEPT},
    {"部门名称", KEY_DEPT}, {"预算部门", KEY_DEPT}, {"部门", KEY_DEPT}, {"填报单位", KEY_DEPT},
    {"申报单位", KEY_DEPT}, {"主管单位", KEY_DEPT},
    {"实施单位", KEY_IMPLEMENTER}, {"单位名称", KEY_IMPLEMENTER}, {"预算单位", KEY_IMPLEMENTER},
    {"项目实施单位", KEY_IMPLEMENTER},
    {"单位", KEY_UNIT}, {"金额单位", KEY_UNIT}, {"资金单位", KEY_UNIT},
    {"预算数", KEY_TOTAL}, {"年度资金总额", KEY_TOTAL}, {"资金总额", KEY_TOTAL},
    {"年度预算数", KEY_TOTAL}, {"项目资金总额", KEY_TOTAL}, {"预算金额", KEY_TOTAL},
    {"年度预算", KEY_TOTAL}, {"项目总额", KEY_TOTAL},
    {"其中:财政资金", KEY_FISCAL}, {"其中:财政拨款", KEY_FISCAL}, {"财政拨款", KEY_FISCAL},
    {"财政资金", KEY_FISCAL}, {"其中财政拨款", KEY_FISCAL}, {"其中:财政性资金", KEY_FISCAL},
    {"其他资金", KEY_OTHER}, {"其中:其他资金", KEY_OTHER},
    {"资金用途", KEY_PURPOSE}, {"预算规模及资金用途", KEY_PURPOSE},
    {"绩效目标", KEY_GOALS}, {"年度目标", KEY_GOALS}, {"年度绩效目标", KEY_GOALS},
    {"总体目标", KEY_GOALS}, {"年度总体目标", KEY_GOALS}, {"项目绩效目标", KEY_GOALS},
    {"绩效目标(年度)", KEY_GOALS}, {"项目年度绩效目标", KEY_GOALS},
    {"年度", KEY_YEAR}, {"预算年度", KEY_YEAR}, {"项目年度", KEY_YEAR},
};

/* Column heads inside the project cells of a 自评表 (项目资金 | 年初预算数 |
 * 全年预算数 …, 年度总体目标 | 预期目标 | 实际完成情况): labels, never a value. */
static bool
is_sub_header(pt_doc_text cell)
{
    static const char *const words[] = {
        "预期目标", "实际完成情况", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分",
        "预算执行率", "年度指标值", "实际完成值",
    };
    char        w[NORM_MAX];
    size_t      i;

    if (!normalize(cell, w, sizeof(w)))
        return false;
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strcmp(w, words[i]) == 0)
            return true;
    return false;
}

/* The key a label names ("其中：财政    资金", "年度资金总额（万元）"); a
 * bracketed money unit after it is the budget unit. */
static key
key_of(pt_doc_text cell, pt_doc_text *unit_in_label)
{
    char        w[NORM_MAX];
    size_t      n;
    size_t      i;

    *unit_in_label = slice(NULL, 0);
    if (cell.len >= NORM_MAX || !normalize(cell, w, sizeof(w)) || w[0] == '\0')
        return KEY_NONE;
    n = strlen(w);
    if (n > 2 && w[n - 1] == ')')
    {
        char       *open = strrchr(w, '(');

        if (open != NULL && open > w)
        {
            const char *inner = open + 1;
            size_t      inner_len = (size_t) (w + n - 1 - inner);

            if ((inner_len == strlen("万元") && memcmp(inner, "万元", inner_len) == 0) ||
                (inner_len == strlen("元") && memcmp(inner, "元", inner_len) == 0))
            {
                const char *orig = find(cell, inner_len == strlen("元") ? "元" : "万元");

                if (orig != NULL)
                    *unit_in_label = slice(orig, inner_len);
            }
            *open = '\0';
        }
    }
    for (i = 0; i < sizeof(KEYS) / sizeof(KEYS[0]); i++)
        if (strcmp(w, KEYS[i].word) == 0)
            return KEYS[i].k;
    return KEY_NONE;
}

/* A year 1990..2099 written as "2025年" / "2025年度" in t; 0 when none. */
static int
year_in(pt_doc_text t, const char **at)
{
    size_t      i;

    for (i = 0; i + 4 + strlen("年") <= t.len; i++)
    {
        if (is_digit(t.ptr[i]) && is_digit(t.ptr[i + 1]) && is_digit(t.ptr[i + 2]) &&
            is_digit(t.ptr[i + 3]) && (i == 0 || !is_digit(t.ptr[i - 1])) &&
            memcmp(t.ptr + i + 4, "年", strlen("年")) == 0)
        {
            int         y = (t.ptr[i] - '0') * 1000 + (t.ptr[i + 1] - '0') * 100 +
                (t.ptr[i + 2] - '0') * 10 + (t.ptr[i + 3] - '0');

            if (y >= 1990 && y <= 2099)
            {
                if (at != NULL)
                    *at = t.ptr + i;
                return y;
            }
        }
    }
    return 0;
}

static int
year_of_value(pt_doc_text v)
{
    v = trim(v);
    if (v.len >= 4 && is_digit(v.ptr[0]) && is_digit(v.ptr[1]) && is_digit(v.ptr[2]) &&
        is_digit(v.ptr[3]) && (v.len == 4 || !is_digit(v.ptr[4])))
    {
        int         y = (v.ptr[0] - '0') * 1000 + (v.ptr[1] - '0') * 100 + (v.ptr[2] - '0') * 10 +
            (v.ptr[3] - '0');

        return y >= 1990 && y <= 2099 ? y : 0;
    }
    return 0;
}

/* Titles: "…绩效目标表", "…绩效目标申报表", "…绩效自评表", "…自评表" */
static bool
is_title(pt_doc_text t)
{
    t = trim(t);
    while (t.len > 0 && (pt_text_ends_with(t, ")") || pt_text_ends_with(t, "）")))
    {
        /* a trailing "(2025年度)" or "（草案）" */
        const char *open = NULL;
        size_t      i;

        for (i = t.len; i-- > 0;)
            if (t.ptr[i] == '(' || (t.len - i >= 3 && memcmp(t.ptr + i, "（", 3) == 0))
            {
                open = t.ptr + i;
                break;
            }
        if (open == NULL || open == t.ptr)
            break;
        t = trim(slice(t.ptr, (size_t) (open - t.ptr)));
    }
    return pt_text_ends_with(t, "绩效目标表") || pt_text_ends_with(t, "绩效目标申报表") ||
        pt_text_ends_with(t, "自评表") || (pt_text_ends_with(t, "表") && find(t, "绩效") != NULL);
}

/* "1." "13." "." "、": the ordinal before a title; a separator followed
 * by a digit ("1.5G…") belongs to the title. */
static void
split_ordinal(pt_doc_text t, pt_doc_text *ordinal, pt_doc_text *title)
{
    static const char *const separators[] = {".", "．", "、"};
    size_t      digits = 0;
    size_t      i;

    *ordinal = slice(NULL, 0);
    while (digits < t.len && is_digit(t.ptr[digits]))
        digits++;
    for (i = 0; i < sizeof(separators) / sizeof(separators[0]); i++)
    {
        size_t      ordinal_len = digits + strlen(separators[i]);

        if (pt_text_starts_with(slice(t.ptr + digits, t.len - digits), separators[i]) &&
            !(ordinal_len < t.len && is_digit(t.ptr[ordinal_len])))
        {
            *ordinal = slice(t.ptr, ordinal_len);
            t = trim(slice(t.ptr + ordinal_len, t.len - ordinal_len));
            break;
        }
    }
    *title = trim(t);
}

/* 单位：… names a unit of amounts (万元) or, in some forms, an organisation. */
static bool
is_organisation(pt_doc_text v)
{
    static const char *const suffixes[] = {
        "局", "厅", "委", "院", "所", "处", "中心", "办", "办公室", "队", "会", "部", "站", "校",
        "学", "馆", "司", "公司", "政府", "科", "室", "社", "园", "团", "组", "街道", "镇", "乡",
    };
    size_t      i;

    v = trim(v);
    if (count_chars(v) <= 2)
        return false;
    for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
        if (pt_text_ends_with(v, suffixes[i]))
            return true;
    return false;
}

/* "374101天津市…" or "[374101]天津市…": a department code and name. */
static bool
split_department(pt_doc_text v, bool exact_six, pt_doc_text *code, pt_doc_text *name)
{
    size_t      i = 0;
    size_t      start;
    size_t      digits;

    v = trim(v);
    if (!exact_six && (pt_text_starts_with(v, "[") || pt_text_starts_with(v, "【") || pt_text_starts_with(v, "(") ||
                       pt_text_starts_with(v, "（")))
        i = v.ptr[0] == '[' || v.ptr[0] == '(' ? 1 : 3;
    start = i;
    while (i < v.len && is_digit(v.ptr[i]))
        i++;
    digits = i - start;
    if (exact_six ? digits != 6 : (digits < 3 || digits > 12))
        return false;
    if (i < v.len && pt_text_starts_with(slice(v.ptr + i, v.len - i), "年"))
        return false;
    *code = slice(v.ptr + start, digits);
    if (!exact_six && i < v.len && (v.ptr[i] == ']' || v.ptr[i] == ')'))
        i++;
    else if (!exact_six && (pt_text_starts_with(slice(v.ptr + i, v.len - i), "】") ||
                            pt_text_starts_with(slice(v.ptr + i, v.len - i), "）")))
        i += 3;
    v = trim(slice(v.ptr + i, v.len - i));
    if (exact_six)
    {
        *name = v;
        return true;
    }
    while (v.len > 0 && (v.ptr[0] == '-' || v.ptr[0] == ':'))
        v = trim(slice(v.ptr + 1, v.len - 1));
    if (pt_text_starts_with(v, "—") || pt_text_starts_with(v, "："))
        v = trim(slice(v.ptr + 3, v.len - 3));
    *name = v;
    return true;
}

/* Set a field unless it already holds a value. */
static void
set_field(pt_doc_text *field, pt_doc_text v)
{
    if (field->len == 0)
        *field = v;
}

/* An amount: "50.00", "1,200.00" (separators removed); else false. */
static bool
amount(layout *L, pt_doc_text v, pt_doc_text *out, bool *ok)
{
    size_t      i;
    size_t      n = 0;
    char       *buf;

    *ok = true;
    v = trim(v);
    if (v.len == 0 || pt_text_is_decimal(v))
    {
        *out = v;
        return true;
    }
    if (memchr(v.ptr, ',', v.len) == NULL)
    {
        *ok = false;
        return true;
    }
    buf = allocate(L, v.len + 1, 1);
    if (buf == NULL)
        return false;
    for (i = 0; i < v.len; i++)
        if (v.ptr[i] != ',')
            buf[n++] = v.ptr[i];
    buf[n] = '\0';
    *out = slice(buf, n);
    *ok = pt_text_is_decimal(*out);
    if (!*ok)
        *out = slice(NULL, 0);
    return true;
}

/* Store a key's value; false only when out of memory. */
static bool
set_key(layout *L, info *in, key k, pt_doc_text label, pt_doc_text value)
{
    pt_doc_text v = trim(value);
    pt_doc_text code;
    pt_doc_text name;
    pt_doc_text *amount_field = NULL;
    bool        ok;

    in->any = true;
    in->keys++;
    switch (k)
    {
        case KEY_NAME:
            if (in->name.len == 0 && v.len > 0)
            {
                in->name = v;
                in->has_project = true;
            }
            return true;
        case KEY_DEPT:
            if (split_department(v, false, &code, &name))
            {
                set_field(&in->dept_code, code);
                set_field(&in->dept_name, name);
            }
            else
                set_field(&in->dept_name, v);
            return true;
        case KEY_IMPLEMENTER:
            set_field(&in->implementer, v);
            return true;
        case KEY_UNIT:
            if (v.len > 0 && !is_organisation(v))
                set_field(&in->budget_unit, v);
            else
                set_field(&in->implementer, v);
            return true;
        case KEY_TOTAL:
            amount_field = &in->budget_total;
            break;
        case KEY_FISCAL:
            amount_field = &in->fiscal_funds;
            break;
        case KEY_OTHER:
            amount_field = &in->other_funds;
            break;
        case KEY_PURPOSE:
            set_field(&in->purpose, v);
            return true;
        case KEY_GOALS:
            set_field(&in->goals, v);
            return true;
        case KEY_YEAR:
            if (in->year == 0)
                in->year = year_of_value(v) ? year_of_value(v) : year_in(v, NULL);
            return true;
        case KEY_NONE:
            return true;
    }
    if (amount_field->len > 0)
        return true;
    if (!amount(L, v, amount_field, &ok))
        return false;
    if (ok)
        return true;
    /* not a number: the text goes to the extra text, nothing is lost */
    if (!strbuf_line(L, &in->extra, trim(label)))
        return false;
    return strbuf_add(L, &in->extra, cstr("\t")) && strbuf_add(L, &in->extra, v);
}

/* "label：value" pairs inside one text ("主管部门：某局  实施单位：某校"). */
static bool
read_pairs(layout *L, info *in, pt_doc_text t, bool *recognised)
{
    size_t      i = 0;
    pt_doc_text pending_label = slice(NULL, 0);
    key         pending = KEY_NONE;
    const char *value_start = NULL;
    size_t      label_start = 0;

    *recognised = false;
    while (i < t.len)
    {
        size_t      colon = 0;

        if (t.ptr[i] == ':')
            colon = 1;
        else if (t.len - i >= 3 && memcmp(t.ptr + i, "：", 3) == 0)
            colon = 3;
        if (colon > 0)
        {
            /* the label: back from the colon to a space or the start */
            size_t      j = i;
            pt_doc_text label;
            pt_doc_text unit;
            key         k;

            while (j > label_start && pt_text_space_before(t.ptr, j) == 0)
                j--;
            /* j is at a byte after a space (or label_start); align to a character */
            while (j < i && ((unsigned char) t.ptr[j] & 0xC0) == 0x80)
                j++;
            label = slice(t.ptr + j, i - j);
            k = key_of(label, &unit);
            if (k != KEY_NONE)
            {
                if (pending != KEY_NONE &&
                    !set_key(L, in, pending, pending_label,
                             slice(value_start, (size_t) (t.ptr + j - value_start))))
                    return false;
                pending = k;
                pending_label = label;
                value_start = t.ptr + i + colon;
                *recognised = true;
                if (unit.len > 0)
                    set_field(&in->budget_unit, unit);
            }
            label_start = i + colon;
            i += colon;
            continue;
        }
        i += char_len(t.ptr + i, t.len - i);
    }
    if (pending != KEY_NONE)
        return set_key(L, in, pending, pending_label,
                       slice(value_start, (size_t) (t.ptr + t.len - value_start)));
    return true;
}

/* A paragraph, or a row with one text: title, department, unit, year, pairs,
 * or extra text. */
static bool
read_paragraph(layout *L, info *in, pt_doc_text text, int where)
{
    pt_doc_text t = trim(text);
    pt_doc_text code;
    pt_doc_text name;
    bool        recognised;

    if (t.len == 0)
        return true;
    in->any = true;
    if (in->first_row == 0)
        in->first_row = where;
    if (in->title.len == 0 && is_title(t))
    {
        const char *at;
        int         y;

        split_ordinal(t, &in->ordinal, &in->title);
        in->title_line = where;
        in->has_project = true;
        y = year_in(in->title, &at);
        if (in->year == 0 && y != 0)
            in->year = y;
        return true;
    }
    if (pt_text_starts_with(t, "单位"))
    {
        /* 单位：万元 (the amounts' unit), or 单位：某局 */
        pt_doc_text rest = trim(slice(t.ptr + strlen("单位"), t.len - strlen("单位")));

        if (pt_text_starts_with(rest, "：") || pt_text_starts_with(rest, ":"))
        {
            rest = trim(slice(rest.ptr + (rest.ptr[0] == ':' ? 1 : strlen("：")),
                              rest.len - (rest.ptr[0] == ':' ? 1 : strlen("："))));
            if (is_organisation(rest))
                set_field(&in->implementer, rest);
            else
                set_field(&in->budget_unit, rest);
            return true;
        }
    }
    if (split_department(t, true, &code, &name))
    {
        set_field(&in->dept_code, code);
        set_field(&in->dept_name, name);
        return true;
    }
    if (!read_pairs(L, in, t, &recognised))
        return false;
    if (recognised)
        return true;
    if (year_in(t, NULL) != 0 && count_chars(t) <= 10)
    {
        /* "（2024年度）", "2025年": the year of the form */
        if (in->year == 0)
            in->year = year_in(t, NULL);
        return true;
    }
    return strbuf_line(L, &in->extra, t);
}

/* A row above the header row (or a project's first rows): labels with their
 * values, texts with "label：value", or paragraphs. */
static bool
read_info_row(layout *L, info *in, const pt_cell_row *row)
{
    int         i;
    strbuf      unread = {0};
    int         texts = 0;

    for (i = 0; i < row->n_cells; i++)
        if (row->cells[i].merged != PT_MERGE_LEFT && trim(row->cells[i].text).len > 0)
            texts++;
    if (texts == 0)
        return true;
    in->any = true;
    if (in->first_row == 0)
        in->first_row = row->source_row;
    for (i = 0; i < row->n_cells; i++)
    {
        const pt_cell *c = &row->cells[i];
        pt_doc_text unit;
        key         k;

        if (c->merged == PT_MERGE_LEFT || trim(c->text).len == 0)
            continue;
        k = key_of(c->text, &unit);
        if (k != KEY_NONE)
        {
            int         j = i + 1;
            pt_doc_text value = slice(NULL, 0);

            if (unit.len > 0)
                set_field(&in->budget_unit, unit);
            while (j < row->n_cells && row->cells[j].merged == PT_MERGE_LEFT)
                j++;
            if (j < row->n_cells)
            {
                pt_doc_text next_unit;

                if (key_of(row->cells[j].text, &next_unit) == KEY_NONE && !is_sub_header(row->cells[j].text))
                {
                    value = row->cells[j].text;
                    i = j;
                }
            }
            if (!set_key(L, in, k, c->text, value))
                return false;
            continue;
        }
        if (texts == 1 || c->merged == PT_MERGE_NONE)
        {
            bool        recognised = false;
            pt_doc_text t = trim(c->text);
            pt_doc_text code;
            pt_doc_text name;

            if (texts == 1 || is_title(t) ||
                (split_department(t, true, &code, &name) && name.len > 0))
            {
                if (!read_paragraph(L, in, t, row->source_row))
                    return false;
                continue;
            }
            if (!read_pairs(L, in, t, &recognised))
                return false;
            if (recognised)
                continue;
            if (c->merged != PT_MERGE_NONE)
                continue;
            if ((unread.len > 0 && !strbuf_add(L, &unread, cstr("\t"))) ||
                !strbuf_add(L, &unread, t))
                return false;
        }
    }
    if (unread.len > 0)
        return strbuf_line(L, &in->extra, strbuf_text(&unread));
    return true;
}

/* ------------------------------------------------------------------------
 * Projects
 * ------------------------------------------------------------------------ */

/* The file name without directory and extension. */
static pt_doc_text
source_stem(pt_doc_text s)
{
    size_t      i;
    size_t      start = 0;

    s = trim(s);
    for (i = 0; i < s.len; i++)
        if (s.ptr[i] == '/' || s.ptr[i] == '\\')
            start = i + 1;
    s = slice(s.ptr + start, s.len - start);
    for (i = s.len; i-- > 0;)
        if (s.ptr[i] == '.')
        {
            if (i > 0 && s.len - i <= 6)
                s = slice(s.ptr, i);
            break;
        }
    return trim(s);
}

/* A project name from a title: without the form's name and the year. */
static pt_doc_text
name_from_title(pt_doc_text title)
{
    static const char *const suffixes[] = {
        "项目支出绩效目标申报表", "项目支出绩效目标表", "项目支出绩效自评表", "支出绩效自评表",
        "绩效目标申报表", "绩效目标表", "绩效自评表", "自评表", "绩效目标",
    };
    pt_doc_text t = trim(title);
    size_t      i;
    const char *at;

    /* a bracketed part at the end: "(2025年度)" */
    if (pt_text_ends_with(t, ")") || pt_text_ends_with(t, "）"))
    {
        size_t      k;

        for (k = t.len; k-- > 0;)
            if (t.ptr[k] == '(' || (t.len - k >= 3 && memcmp(t.ptr + k, "（", 3) == 0))
            {
                if (k > 0)
                    t = trim(slice(t.ptr, k));
                break;
            }
    }
    for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
        if (pt_text_ends_with(t, suffixes[i]) && t.len > strlen(suffixes[i]))
        {
            t = trim(slice(t.ptr, t.len - strlen(suffixes[i])));
            break;
        }
    /* a year at the start or the end: "2025年度某项目", "某项目2025年" */
    if (year_in(t, &at) != 0)
    {
        size_t      ylen = 4 + strlen("年");

        if (at + ylen + strlen("度") <= t.ptr + t.len &&
            memcmp(at + ylen, "度", strlen("度")) == 0)
            ylen += strlen("度");
        if (at == t.ptr && t.len > ylen)
            t = trim(slice(t.ptr + ylen, t.len - ylen));
        else if (at + ylen == t.ptr + t.len && at > t.ptr)
            t = trim(slice(t.ptr, (size_t) (at - t.ptr)));
    }
    while (pt_text_ends_with(t, "—") || pt_text_ends_with(t, "-") || pt_text_ends_with(t, "_"))
        t = trim(slice(t.ptr, t.len - (pt_text_ends_with(t, "—") ? strlen("—") : 1)));
    return t;
}

static void
init_info(info *in)
{
    pt_doc_text *texts[] = {
        &in->ordinal, &in->title, &in->dept_code, &in->dept_name, &in->implementer,
        &in->budget_unit, &in->name, &in->budget_total, &in->fiscal_funds, &in->other_funds,
        &in->purpose, &in->goals,
    };
    size_t      i;

    memset(in, 0, sizeof(*in));
    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        *texts[i] = slice(NULL, 0);
}

/* Start a project from what the document said; the name when it said none. */
static bool
start_project(layout *L, info *in, const pt_cell_row *header)
{
    project_build *projects;
    project_build *pb;
    pt_doc_project *p;
    pt_doc_text name = in->name;

    if (name.len == 0 && in->title.len > 0)
        name = name_from_title(in->title);
    if (name.len == 0 && L->table->sheet.len > 0 && L->cells->n_tables > 1)
        name = trim(L->table->sheet);
    if (name.len == 0)
        name = source_stem(L->req != NULL ? L->req->source : slice(NULL, 0));
    if (name.len == 0)
    {
        pt_msg         m = fail_at(L, header, 0, slice(NULL, 0));

        pt_msg_str(&m, PT_("the indicator table has no project name: no title (…绩效目标表), no 项目名称 cell"));
        if (L->table->sheet.len > 0)
            pt_msg_str(&m, PT_(", no sheet name"));
        pt_msg_str(&m, PT_(" and no file name"));
        fail_hint(L, PT_N_("Pass the file name as the source argument: ptarget_import(document, 'name.csv'); "
                  "a table without a title takes its project name from it."));
        return false;
    }
    projects = grow(L, L->projects, L->n_projects, &L->project_capacity, sizeof(project_build));
    if (projects == NULL)
        return false;
    L->projects = projects;
    pb = &projects[L->n_projects];
    memset(pb, 0, sizeof(*pb));
    p = &pb->p;
    p->first_line = in->title_line > 0 ? in->title_line
        : in->first_row > 0 ? in->first_row : header->source_row;
    p->ordinal = in->ordinal;
    p->title = in->title;
    p->dept_code = in->dept_code;
    p->dept_name = in->dept_name.len > 0 ? in->dept_name : in->implementer;
    p->budget_unit = in->budget_unit;
    p->name = name;
    p->budget_total = in->budget_total;
    p->fiscal_funds = in->fiscal_funds;
    p->other_funds = in->other_funds;
    p->purpose = in->purpose;
    p->goals = in->goals;
    p->year = in->year;
    p->table = L->table->number;
    p->sheet = L->table->sheet;
    p->source_row = p->first_line;
    /* a copy: in->extra's buffer is appended to again after layout_table
     * takes back the rows of a table that was not read (before_rows) */
    if (!concat(L, &p->extra, strbuf_text(&in->extra), slice(NULL, 0), slice(NULL, 0), slice(NULL, 0),
                slice(NULL, 0), slice(NULL, 0)))
        return false;
    p->indicators = NULL;
    p->n_indicators = 0;
    pb->table = L->table->number;
    pb->sheet = L->table->sheet;
    L->current = L->n_projects++;
    L->have_level1 = false;
    L->level1 = L->level1_weight = L->level2 = L->level2_weight = slice(NULL, 0);
    return true;
}

static pt_doc_text
current_title(const layout *L)
{
    if (L->current < 0)
        return slice(NULL, 0);
    return L->projects[L->current].p.title.len > 0 ? L->projects[L->current].p.title
        : L->projects[L->current].p.name;
}

/* Append text to the current project's extra text. */
static bool
project_extra(layout *L, pt_doc_text line)
{
    pt_doc_project *p = &L->projects[L->current].p;
    strbuf      s = {0};

    if (p->extra.len > 0 && !strbuf_add(L, &s, p->extra))
        return false;
    if (!strbuf_line(L, &s, line))
        return false;
    p->extra = strbuf_text(&s);
    return true;
}

/* ------------------------------------------------------------------------
 * Indicators
 * ------------------------------------------------------------------------ */

/* "产出指标(50分)" → "产出指标" and "50" */
static void
split_weight(pt_doc_text t, pt_doc_text *level, pt_doc_text *weight)
{
    size_t      close_len = pt_text_ends_with(t, ")") ? 1 : pt_text_ends_with(t, "）") ? 3 : 0;
    size_t      end;
    size_t      i;

    *level = t;
    *weight = slice(NULL, 0);
    if (close_len == 0)
        return;
    end = t.len - close_len;
    if (end < strlen("分") || memcmp(t.ptr + end - strlen("分"), "分", strlen("分")) != 0)
        return;
    end -= strlen("分");
    i = end;
    while (i > 0 && (is_digit(t.ptr[i - 1]) || t.ptr[i - 1] == '.'))
        i--;
    if (i == end || !pt_text_is_decimal(slice(t.ptr + i, end - i)))
        return;
    if (i >= 1 && t.ptr[i - 1] == '(')
        i -= 1;
    else if (i >= 3 && memcmp(t.ptr + i - 3, "（", 3) == 0)
        i -= 3;
    else
        return;
    *weight = slice(t.ptr + (t.ptr[i] == '(' ? i + 1 : i + 3),
                    end - (t.ptr[i] == '(' ? i + 1 : i + 3));
    *level = trim(slice(t.ptr, i));
}

/* A number in a weight or score cell: "10", "10分", "10%", "9.5" */
static pt_doc_text
number_in(pt_doc_text t)
{
    t = trim(t);
    if (pt_text_ends_with(t, "分"))
        t = trim(slice(t.ptr, t.len - strlen("分")));
    else if (pt_text_ends_with(t, "%"))
        t = trim(slice(t.ptr, t.len - 1));
    return pt_text_is_decimal(t) ? t : slice(NULL, 0);
}

typedef struct op_word
{
    const char *word;
    const char *symbol;         /* prefix for the value; "" = exact */
} op_word;

static const op_word OP_WORDS[] = {
    {"≥", "≥"}, {">=", "≥"}, {"＞＝", "≥"}, {"≧", "≥"}, {"大于等于", "≥"}, {"大于或等于", "≥"},
    {"不低于", "≥"}, {"不少于", "≥"}, {"不小于", "≥"},
    {"≤", "≤"}, {"<=", "≤"}, {"＜＝", "≤"}, {"≦", "≤"}, {"小于等于", "≤"}, {"小于或等于", "≤"},
    {"不高于", "≤"}, {"不超过", "≤"}, {"不大于", "≤"},
    {">", ">"}, {"＞", ">"}, {"大于", ">"}, {"高于", ">"}, {"超过", ">"},
    {"<", "<"}, {"＜", "<"}, {"小于", "<"}, {"低于", "<"},
    {"=", ""}, {"＝", ""}, {"等于", ""},
};

typedef enum op_kind
{
    OP_NONE,                    /* empty cell */
    OP_SYMBOL,                  /* an operator */
    OP_DIRECTION,               /* 正向 / 反向: ≥ / ≤ */
    OP_QUALITATIVE,             /* 定性: the value alone, as a label */
    OP_QUANTITATIVE,            /* 定量: no operator */
    OP_UNKNOWN
} op_kind;

static op_kind
read_operator(pt_doc_text cell, const char **symbol)
{
    pt_doc_text t = trim(cell);
    size_t      i;

    *symbol = "";
    if (t.len == 0)
        return OP_NONE;
    for (i = 0; i < sizeof(OP_WORDS) / sizeof(OP_WORDS[0]); i++)
        if (pt_text_equals(t, OP_WORDS[i].word))
        {
            *symbol = OP_WORDS[i].symbol;
            return OP_SYMBOL;
        }
    if (pt_text_equals(t, "正向") || pt_text_equals(t, "正向指标") || pt_text_equals(t, "正"))
    {
        *symbol = "≥";
        return OP_DIRECTION;
    }
    if (pt_text_equals(t, "反向") || pt_text_equals(t, "反向指标") || pt_text_equals(t, "反"))
    {
        *symbol = "≤";
        return OP_DIRECTION;
    }
    if (pt_text_equals(t, "定性") || pt_text_equals(t, "定性指标"))
        return OP_QUALITATIVE;
    if (pt_text_equals(t, "定量") || pt_text_equals(t, "定量指标"))
        return OP_QUANTITATIVE;
    return OP_UNKNOWN;
}

/* Does the value start with an operator or an operator word? */
static bool
has_operator(pt_doc_text v)
{
    size_t      i;

    for (i = 0; i < sizeof(OP_WORDS) / sizeof(OP_WORDS[0]); i++)
        if (pt_text_starts_with(v, OP_WORDS[i].word))
            return true;
    return pt_text_starts_with(v, "约") || pt_text_starts_with(v, "至少") || pt_text_starts_with(v, "达到");
}

/* Is a unit written, a scale word or a denominator alone included (55万, 15.5/棵)? */
static bool
has_unit(const pt_target *t)
{
    return t->unit_id != PT_UNIT_NONE || t->scale != 0 || t->unit_key_len > 0;
}

/* Parse text as a target into t (scratch reused); false when it is not one. */
static bool
parse_target(layout *L, pt_doc_text text, pt_target *t, bool *ok)
{
    pt_error    e;
    size_t      need = pt_parse_scratch_size(text.len);

    *ok = false;
    if (need > L->scratch_size)
    {
        size_t      size = L->scratch_size > 0 ? L->scratch_size : 256;

        while (size < need)
            size *= 2;
        L->scratch = allocate(L, size, 1);
        if (L->scratch == NULL)
            return false;
        L->scratch_size = size;
    }
    *ok = pt_parse(text.ptr, text.len, t, L->scratch, &e) == PT_OK;
    return true;
}

/* The template of an indicator name: "(≥**%)", "（≤**万元）", "(万元)", "(%)".
 * *op is "" when it has none, *unit empty when it has none. */
static bool
name_template(layout *L, pt_doc_text name, pt_doc_text *whole, const char **op, pt_doc_text *unit,
              bool *found)
{
    static const char *const placeholders[] = {"*", "＊", "×", "x", "X", "※", "?", "？", "_", "…", "Ｘ"};
    size_t      close_len;
    size_t      open_at = 0;
    size_t      open_len = 0;
    size_t      i;
    pt_doc_text c;
    bool        placeholder = false;

    *found = false;
    *op = "";
    *unit = slice(NULL, 0);
    name = trim(name);
    close_len = pt_text_ends_with(name, ")") ? 1 : pt_text_ends_with(name, "）") ? 3 : 0;
    if (close_len == 0)
        return true;
    for (i = name.len - close_len; i-- > 0;)
    {
        if (name.ptr[i] == '(')
        {
            open_at = i;
            open_len = 1;
            break;
        }
        if (name.len - i >= 3 && memcmp(name.ptr + i, "（", 3) == 0)
        {
            open_at = i;
            open_len = 3;
            break;
        }
    }
    if (open_len == 0)
        return true;
    *whole = slice(name.ptr + open_at, name.len - open_at);
    c = trim(slice(name.ptr + open_at + open_len, name.len - close_len - open_at - open_len));
    for (i = 0; i < sizeof(OP_WORDS) / sizeof(OP_WORDS[0]); i++)
        if (pt_text_starts_with(c, OP_WORDS[i].word) && OP_WORDS[i].symbol[0] != '\0' &&
            !(OP_WORDS[i].word[0] & 0x80 && strlen(OP_WORDS[i].word) > 3))
        {
            *op = OP_WORDS[i].symbol;
            c = trim(slice(c.ptr + strlen(OP_WORDS[i].word), c.len - strlen(OP_WORDS[i].word)));
            break;
        }
    for (;;)
    {
        bool        more = false;

        for (i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++)
            if (pt_text_starts_with(c, placeholders[i]))
            {
                c = slice(c.ptr + strlen(placeholders[i]), c.len - strlen(placeholders[i]));
                placeholder = more = true;
                break;
            }
        if (!more)
            break;
    }
    c = trim(c);
    for (i = 0; i < c.len; i++)
        if (digit_at(c.ptr + i, c.len - i) > 0)
            return true;        /* a number: a restated target, not a template */
    if (c.len > 0)
    {
        /* the unit must read as a unit: "1" + unit is a quantity with one,
         * a known one unless the template is marked (operator, placeholder) */
        pt_target   t;
        bool        ok;
        char        buf[80];

        if (c.len + 1 >= sizeof(buf) || count_chars(c) > 8)
            return true;
        buf[0] = '1';
        memcpy(buf + 1, c.ptr, c.len);
        if (!parse_target(L, slice(buf, c.len + 1), &t, &ok))
            return false;
        if (!ok || t.kind != PT_KIND_QUANTITY || !has_unit(&t))
            return true;
        if (t.unit_id == PT_UNIT_WORD && (*op)[0] == '\0' && !placeholder)
        {
            /* an unmarked "(户)": only a measure word the catalog knows */
            size_t      consumed = 0;
            const pt_unit *row = pt_unit_match(t.unit_key, t.unit_key_len, &consumed);

            if (row == NULL || consumed != t.unit_key_len)
                return true;
        }
        *unit = c;
    }
    *found = (*op)[0] != '\0' || unit->len > 0;
    return true;
}

/* The target text: the value cell, completed from the operator and unit
 * cells and the name's template; with a note saying what was added. */
static bool
make_target(layout *L, pt_doc_indicator *ind, bool has_direction, bool has_unit)
{
    pt_doc_text v = trim(ind->value);
    const char *op_symbol = "";
    op_kind     ok_kind = OP_NONE;
    pt_doc_text unit = has_unit ? trim(ind->unit) : slice(NULL, 0);
    pt_doc_text prefix = slice(NULL, 0);
    pt_doc_text suffix = slice(NULL, 0);
    strbuf      note = {0};
    bool        starts_number;
    bool        ends_number;

    ind->target_text = ind->value;
    ind->target_note = slice(NULL, 0);
    if (v.len == 0)
        return true;
    if (has_direction)
        ok_kind = read_operator(ind->direction, &op_symbol);
    if (ok_kind == OP_QUALITATIVE)
        return true;            /* 定性: the value as written */
    starts_number = digit_at(v.ptr, v.len) > 0;
    ends_number = digit_before(v.ptr, v.len) > 0;

    if ((ok_kind == OP_SYMBOL || ok_kind == OP_DIRECTION) && op_symbol[0] != '\0' &&
        starts_number && !has_operator(v))
        prefix = cstr(op_symbol);
    else if (ok_kind == OP_UNKNOWN)
    {
        if (!strbuf_add(L, &note, cstr("the operator cell ")) ||
            !strbuf_add(L, &note, cstr("\"")) || !strbuf_add(L, &note, trim(ind->direction)) ||
            !strbuf_add(L, &note, cstr("\" is not an operator: the value is read alone")))
            return false;
    }
    if (unit.len > 0)
    {
        bool        unit_written = v.len >= unit.len &&
            memcmp(v.ptr + v.len - unit.len, unit.ptr, unit.len) == 0;

        if (ends_number)
            suffix = unit;
        else if (!unit_written && starts_number)
        {
            if ((note.len > 0 && !strbuf_add(L, &note, cstr("; "))) ||
                !strbuf_add(L, &note, cstr("the unit cell \"")) || !strbuf_add(L, &note, unit) ||
                !strbuf_add(L, &note, cstr("\" was not added: the value has a unit of its own")))
                return false;
        }
    }
    if (prefix.len > 0 || suffix.len > 0)
    {
        if (!concat(L, &ind->target_text, prefix, v, suffix, slice(NULL, 0), slice(NULL, 0),
                    slice(NULL, 0)))
            return false;
        if ((note.len > 0 && !strbuf_add(L, &note, cstr("; "))) ||
            !strbuf_add(L, &note, cstr("target written from ")))
            return false;
        if (prefix.len > 0)
        {
            if (!strbuf_add(L, &note, cstr(ok_kind == OP_DIRECTION ? "the direction \"" : "the operator \"")) ||
                !strbuf_add(L, &note, trim(ind->direction)) || !strbuf_add(L, &note, cstr("\"")))
                return false;
            if (ok_kind == OP_DIRECTION &&
                (!strbuf_add(L, &note, cstr(" (")) || !strbuf_add(L, &note, prefix) ||
                 !strbuf_add(L, &note, cstr(")"))))
                return false;
            if (!strbuf_add(L, &note, cstr(suffix.len > 0 ? ", " : " and ")))
                return false;
        }
        if (!strbuf_add(L, &note, cstr("the value \"")) || !strbuf_add(L, &note, v) ||
            !strbuf_add(L, &note, cstr("\"")))
            return false;
        if (suffix.len > 0 &&
            (!strbuf_add(L, &note, cstr(" and the unit \"")) || !strbuf_add(L, &note, suffix) ||
             !strbuf_add(L, &note, cstr("\""))))
            return false;
    }

    /* a bare number: an operator or unit still missing may come from the
     * indicator name's template, "(≥**%)" */
    if (is_bare_number(v) && ok_kind != OP_QUANTITATIVE &&
        (prefix.len == 0 || suffix.len == 0))
    {
        pt_doc_text whole = slice(NULL, 0);
        const char *t_op;
        pt_doc_text t_unit;
        bool        found;
        pt_doc_text new_prefix = prefix;
        pt_doc_text new_suffix = suffix;

        if (!name_template(L, ind->level3, &whole, &t_op, &t_unit, &found))
            return false;
        if (found)
        {
            if (new_prefix.len == 0 && t_op[0] != '\0' && ok_kind != OP_SYMBOL && ok_kind != OP_DIRECTION)
                new_prefix = cstr(t_op);
            if (new_suffix.len == 0 && t_unit.len > 0 && unit.len == 0)
                new_suffix = t_unit;
            if (new_prefix.len != prefix.len || new_suffix.len != suffix.len)
            {
                bool        op_added = new_prefix.len != prefix.len;
                bool        unit_added = new_suffix.len != suffix.len;

                if (!concat(L, &ind->target_text, new_prefix, v, new_suffix, slice(NULL, 0),
                            slice(NULL, 0), slice(NULL, 0)))
                    return false;
                if ((note.len > 0 && !strbuf_add(L, &note, cstr("; "))) ||
                    !strbuf_add(L, &note, cstr(op_added && unit_added ? "operator " : op_added ? "operator " : "unit ")))
                    return false;
                if (op_added && !strbuf_add(L, &note, new_prefix))
                    return false;
                if (op_added && unit_added && !strbuf_add(L, &note, cstr(" and unit ")))
                    return false;
                if (unit_added && !strbuf_add(L, &note, new_suffix))
                    return false;
                if (!strbuf_add(L, &note, cstr(" from the template ")) ||
                    !strbuf_add(L, &note, whole) ||
                    !strbuf_add(L, &note, cstr(" in the indicator name")))
                    return false;
            }
        }
    }
    ind->target_note = strbuf_text(&note);
    return true;
}

/* The actual value's text: trimmed, and a bare number takes the target's
 * written unit (scale word included), with a note. */
static bool
make_actual(layout *L, pt_doc_indicator *ind)
{
    pt_doc_text a = trim(ind->actual);
    pt_target   t;
    bool        ok;
    char        unit[PT_UNIT_MAX_BYTES + 16];
    size_t      n;

    ind->actual_text = a;
    ind->actual_note = slice(NULL, 0);
    if (!is_bare_number(a) || trim(ind->target_text).len == 0)
        return true;
    if (!parse_target(L, trim(ind->target_text), &t, &ok))
        return false;
    /* a scale word alone is no unit (after ≥55万, 60 may mean 60 or 60万);
     * a denominator alone is one (≤15.5/棵: 14 is 14/棵) */
    if (!ok || t.kind != PT_KIND_QUANTITY || (t.unit_id == PT_UNIT_NONE && t.unit_key_len == 0))
        return true;
    n = pt_format_unit(&t, unit, sizeof(unit));
    if (n == 0 || n >= sizeof(unit))
        return true;
    {
        char       *u = allocate(L, n + 1, 1);

        if (u == NULL)
            return false;
        memcpy(u, unit, n + 1);
        if (!concat(L, &ind->actual_text, a, slice(u, n), slice(NULL, 0), slice(NULL, 0),
                    slice(NULL, 0), slice(NULL, 0)) ||
            !concat(L, &ind->actual_note, cstr("the actual value has no unit: read in the target's unit "),
                    slice(u, n), slice(NULL, 0), slice(NULL, 0), slice(NULL, 0), slice(NULL, 0)))
            return false;
    }
    return true;
}

static bool
fail_no_level1(layout *L, const pt_cell_row *row, int line)
{
    pt_msg         m = fail_at(L, row, line, current_title(L));

    pt_msg_str(&m, PT_("the first indicator row has no 一级指标 to repeat in the rows below"));
    fail_hint(L, PT_N_("Write the 一级指标 (e.g. 产出指标) in the first row of the table."));
    return problem(L, row, current_title(L));
}

/* The level cells of a row: inherited when blank or merged; a weight
 * "(50分)" split off.  false: a failure (or, lenient, a skip: *skip). */
static bool
read_levels(layout *L, const columns *c, const pt_cell_row *row, pt_doc_indicator *ind, bool *skip)
{
    const pt_cell *l1 = cell_ptr(row, c->col[ROLE_LEVEL1]);
    const pt_cell *l2 = cell_ptr(row, c->col[ROLE_LEVEL2]);
    pt_doc_text t;

    *skip = false;
    ind->level1 = ind->level1_written = ind->level1_weight = slice(NULL, 0);
    ind->level2 = ind->level2_weight = slice(NULL, 0);
    if (c->col[ROLE_LEVEL1] >= 0)
    {
        t = l1 != NULL && l1->merged == PT_MERGE_NONE ? trim(l1->text) : slice(NULL, 0);
        if (t.len > 0)
        {
            ind->level1_written = t;
            split_weight(t, &L->level1, &L->level1_weight);
            L->have_level1 = true;
            /* a new 一级指标: the 二级指标 above does not carry over */
            L->level2 = L->level2_weight = slice(NULL, 0);
        }
        else if (!L->have_level1)
        {
            if (l1 != NULL && l1->merged != PT_MERGE_NONE && trim(l1->text).len > 0)
            {
                /* merged from a table before (continued on another page) */
                split_weight(trim(l1->text), &L->level1, &L->level1_weight);
                L->have_level1 = true;
            }
            else
            {
                *skip = true;
                return fail_no_level1(L, row, l1 != NULL ? l1->line : 0);
            }
        }
        ind->level1 = L->level1;
        ind->level1_weight = L->level1_weight;
    }
    if (c->col[ROLE_LEVEL2] >= 0)
    {
        t = l2 != NULL && l2->merged == PT_MERGE_NONE ? trim(l2->text) : slice(NULL, 0);
        if (t.len == 0 && l2 != NULL && l2->merged != PT_MERGE_NONE && L->level2.len == 0)
            t = trim(l2->text);
        if (t.len > 0)
            split_weight(t, &L->level2, &L->level2_weight);
        ind->level2 = L->level2;
        ind->level2_weight = L->level2_weight;
    }
    return true;
}

/* The cells of other columns, "header：text" per line. */
static bool
other_cells(layout *L, const columns *c, const pt_cell_row *row, pt_doc_text *out)
{
    strbuf      s = {0};
    int         i;

    for (i = 0; i < c->n_other; i++)
    {
        const pt_cell *cell = cell_ptr(row, c->other[i]);
        pt_doc_text v;

        if (cell == NULL || cell->merged == PT_MERGE_LEFT)
            continue;
        v = trim(cell->text);
        if (v.len == 0)
            continue;
        /* the column's head merged down over the rows (a 自评表's 绩效指标 label
         * cell, .docx vMerge or .xlsx mergeCells) is no value of the row */
        if (cell->merged == PT_MERGE_ABOVE && pt_text_same(v, trim(cell_at(c->header, c->other[i]))))
            continue;
        if ((s.len > 0 && !strbuf_add(L, &s, cstr("\n"))) ||
            !strbuf_add(L, &s, trim(cell_at(c->header, c->other[i]))) ||
            !strbuf_add(L, &s, cstr("：")) || !strbuf_add(L, &s, v))
            return false;
    }
    *out = strbuf_text(&s);
    return true;
}

/* One indicator row into the current project. */
static bool
add_indicator(layout *L, const columns *c, const pt_cell_row *row, bool *skipped)
{
    project_build *pb = &L->projects[L->current];
    pt_doc_project *p = &pb->p;
    pt_doc_indicator *inds;
    pt_doc_indicator ind;
    const pt_cell *value = cell_ptr(row, c->col[ROLE_TARGET]);
    static const struct
    {
        role        r;
        unsigned    bit;
    }           optional[] = {
        {ROLE_DIRECTION, PT_COL_DIRECTION}, {ROLE_UNIT, PT_COL_UNIT}, {ROLE_WEIGHT, PT_COL_WEIGHT},
        {ROLE_ACTUAL, PT_COL_ACTUAL}, {ROLE_SCORE, PT_COL_SCORE}, {ROLE_REASON, PT_COL_REASON},
        {ROLE_STANDARD, PT_COL_STANDARD}, {ROLE_BENCHMARK, PT_COL_BENCHMARK},
        {ROLE_DESCRIPTION, PT_COL_DESCRIPTION},
    };
    size_t      i;

    *skipped = false;
    memset(&ind, 0, sizeof(ind));
    if (!read_levels(L, c, row, &ind, skipped))
        return false;
    if (*skipped)
        return true;
    ind.position = p->n_indicators + 1;
    ind.line = value != NULL ? value->line : 0;
    ind.level3 = trim(cell_at(row, c->col[ROLE_LEVEL3]));
    ind.description = trim(cell_at(row, c->col[ROLE_DESCRIPTION]));
    ind.value = cell_at(row, c->col[ROLE_TARGET]);
    for (i = 0; i < sizeof(optional) / sizeof(optional[0]); i++)
        if (c->col[optional[i].r] >= 0)
            ind.columns |= optional[i].bit;
    ind.direction = trim(cell_at(row, c->col[ROLE_DIRECTION]));
    ind.unit = trim(cell_at(row, c->col[ROLE_UNIT]));
    ind.weight = trim(cell_at(row, c->col[ROLE_WEIGHT]));
    ind.weight_value = number_in(ind.weight);
    ind.actual = cell_at(row, c->col[ROLE_ACTUAL]);
    ind.score = trim(cell_at(row, c->col[ROLE_SCORE]));
    ind.score_value = number_in(ind.score);
    ind.reason = trim(cell_at(row, c->col[ROLE_REASON]));
    ind.standard = trim(cell_at(row, c->col[ROLE_STANDARD]));
    ind.benchmark = trim(cell_at(row, c->col[ROLE_BENCHMARK]));
    ind.target_unit = c->target_unit;
    ind.table = L->table->number;
    ind.source_row = row->source_row;
    if (!other_cells(L, c, row, &ind.extra))
        return false;
    if (!make_target(L, &ind, c->col[ROLE_DIRECTION] >= 0, c->col[ROLE_UNIT] >= 0))
        return false;
    ind.actual_text = ind.actual_note = slice(NULL, 0);
    if (c->col[ROLE_ACTUAL] >= 0 && !make_actual(L, &ind))
        return false;

    inds = grow(L, p->indicators, p->n_indicators, &pb->capacity, sizeof(pt_doc_indicator));
    if (inds == NULL)
        return false;
    p->indicators = inds;
    inds[p->n_indicators++] = ind;
    pb->table = L->table->number;
    return true;
}

/* ------------------------------------------------------------------------
 * Rows after the header
 * ------------------------------------------------------------------------ */

typedef enum row_kind
{
    ROW_EMPTY,
    ROW_INDICATOR,
    ROW_HEADER,                 /* a header row (the same or new columns) */
    ROW_TOTAL,                  /* 总分, 合计: extra text */
    ROW_NOTE,                   /* 说明, 注: extra text */
    ROW_CATEGORY,               /* only levels: sets the inherited levels */
    ROW_NEW_PROJECT,            /* a title or 项目名称 */
    ROW_UNPLACED
} row_kind;

/* The row's texts: how many cells of their own are not empty, and the first. */
static int
row_texts(const pt_cell_row *row, pt_doc_text *first)
{
    int         n = 0;
    int         i;

    *first = slice(NULL, 0);
    for (i = 0; i < row->n_cells; i++)
    {
        pt_doc_text t;

        if (row->cells[i].merged != PT_MERGE_NONE)
            continue;
        t = trim(row->cells[i].text);
        if (t.len == 0)
            continue;
        if (n == 0)
            *first = t;
        n++;
    }
    return n;
}

static bool
is_category(pt_doc_text t)
{
    pt_doc_text level;
    pt_doc_text weight;

    split_weight(trim(t), &level, &weight);
    return pt_text_ends_with(level, "指标") && count_chars(level) <= 12;
}

static row_kind
classify_row(const columns *c, const pt_cell_row *row, columns *scratch)
{
    pt_doc_text first;
    int         texts = row_texts(row, &first);
    pt_doc_text unit;
    const pt_cell *l1 = cell_ptr(row, c->col[ROLE_LEVEL1]);
    const pt_cell *l2 = cell_ptr(row, c->col[ROLE_LEVEL2]);

    if (read_header(row, scratch, NULL))
        return ROW_HEADER;
    if (texts == 0)
    {
        /* only merged cells: a row of levels merged from above, nothing new */
        return ROW_EMPTY;
    }
    if (pt_text_starts_with(first, "总分") || pt_text_starts_with(first, "合计") || pt_text_starts_with(first, "总计") ||
        pt_text_starts_with(first, "综合得分") || pt_text_starts_with(first, "总得分"))
        return ROW_TOTAL;
    if (texts == 1)
    {
        if (is_title(first))
            return ROW_NEW_PROJECT;
        if (pt_text_starts_with(first, "说明") || pt_text_starts_with(first, "注") || pt_text_starts_with(first, "备注") ||
            pt_text_starts_with(first, "填表说明") || pt_text_starts_with(first, "填报说明") || pt_text_starts_with(first, "※"))
            return ROW_NOTE;
    }
    if (key_of(first, &unit) == KEY_NAME)
        return ROW_NEW_PROJECT;
    if (own_text(row, c->col[ROLE_LEVEL3]).len > 0 || own_text(row, c->col[ROLE_TARGET]).len > 0 ||
        own_text(row, c->col[ROLE_ACTUAL]).len > 0)
        return ROW_INDICATOR;
    /* levels only (a group row), or one text that is a category */
    if ((l1 != NULL && trim(l1->text).len > 0) || (l2 != NULL && trim(l2->text).len > 0))
    {
        int         level_texts = 0;

        if (l1 != NULL && l1->merged == PT_MERGE_NONE && trim(l1->text).len > 0)
            level_texts++;
        if (l2 != NULL && l2->merged == PT_MERGE_NONE && trim(l2->text).len > 0)
            level_texts++;
        if (level_texts == texts)
            return ROW_CATEGORY;
    }
    if (texts == 1 && is_category(first))
        return ROW_CATEGORY;
    return ROW_UNPLACED;
}

static bool
fail_unplaced(layout *L, const pt_cell_row *row, const columns *c)
{
    pt_doc_text first;
    pt_msg         m = fail_at(L, row, 0, current_title(L));

    row_texts(row, &first);
    pt_msg_str(&m, PT_("a row of the indicator table cannot be placed: it has no indicator name ("));
    pt_msg_add(&m, trim(cell_at(c->header, c->col[ROLE_LEVEL3] >= 0 ? c->col[ROLE_LEVEL3] : c->col[ROLE_TARGET])).ptr,
            trim(cell_at(c->header, c->col[ROLE_LEVEL3] >= 0 ? c->col[ROLE_LEVEL3] : c->col[ROLE_TARGET])).len);
    pt_msg_str(&m, PT_(") and no value, but "));
    pt_msg_quote(&m, first);
    fail_hint(L, PT_N_("Each row below the header is one indicator with its name and value; "
              "move other text out of the table or into the project's cells above the header."));
    return problem(L, row, current_title(L));
}

/* A category row: "产出指标" alone, or levels without an indicator. */
static void
set_levels(layout *L, const columns *c, const pt_cell_row *row)
{
    const pt_cell *l1 = cell_ptr(row, c->col[ROLE_LEVEL1]);
    const pt_cell *l2 = cell_ptr(row, c->col[ROLE_LEVEL2]);
    pt_doc_text first;

    if (l1 != NULL && l1->merged == PT_MERGE_NONE && trim(l1->text).len > 0)
    {
        split_weight(trim(l1->text), &L->level1, &L->level1_weight);
        L->have_level1 = true;
        L->level2 = L->level2_weight = slice(NULL, 0);
    }
    if (l2 != NULL && l2->merged == PT_MERGE_NONE && trim(l2->text).len > 0)
        split_weight(trim(l2->text), &L->level2, &L->level2_weight);
    if (row_texts(row, &first) == 1 && (l1 == NULL || trim(l1->text).len == 0) &&
        (l2 == NULL || trim(l2->text).len == 0))
    {
        split_weight(first, &L->level1, &L->level1_weight);
        L->have_level1 = true;
        L->level2 = L->level2_weight = slice(NULL, 0);
    }
}

static bool
fail_no_rows(layout *L, const pt_cell_row *header)
{
    pt_msg         m = fail_at(L, header, 0, current_title(L));

    pt_msg_str(&m, PT_("the indicator table has no rows"));
    fail_hint(L, PT_N_("Below the header row (一级指标, 二级指标, 三级指标, 指标值, ...) each row is one indicator."));
    return problem(L, header, current_title(L));
}

/* ------------------------------------------------------------------------
 * Tables
 * ------------------------------------------------------------------------ */

/* The project of a header row: a new one when the document named one since
 * the last, else the current one continued (same sheet), else a new one
 * named after the sheet or the file. */
static bool
begin_block(layout *L, info *in, const pt_cell_row *header)
{
    if (!in->has_project && L->current >= 0 &&
        pt_text_same(L->projects[L->current].sheet, L->table->sheet))
    {
        /* a table continued: what the rows above it said is kept */
        if (in->extra.len > 0 && !project_extra(L, strbuf_text(&in->extra)))
            return false;
        init_info(in);
        return true;
    }
    if (!start_project(L, in, header))
        return false;
    init_info(in);
    return true;
}

static bool
skip_table(layout *L, const pt_cell_table *t)
{
    pt_doc_text first = slice(NULL, 0);
    pt_msg         m;
    int         i;

    for (i = 0; i < t->n_rows && first.len == 0; i++)
        row_texts(&t->rows[i], &first);
    m = fail_at(L, t->n_rows > 0 ? &t->rows[0] : NULL, 0, slice(NULL, 0));
    if (!L->parts)
    {
        pt_msg_str(&m, PT_("table "));
        pt_msg_count(&m, t->number);
        pt_msg_str(&m, " ");
    }
    else
        pt_msg_str(&m, PT_("this table "));
    pt_msg_str(&m, PT_("is not an indicator table: no row names a value column (指标值) and an indicator "
            "column (一级/二级/三级指标, 指标名称)"));
    if (first.len > 0)
    {
        pt_msg_str(&m, PT_("; it starts with "));
        pt_msg_quote(&m, first);
    }
    fail_hint(L, PT_N_("Tables of budgets, signatures or notes are left out; "
              "an indicator table needs a header row such as 一级指标, 二级指标, 三级指标, 指标值."));
    return add_skip(L, 0, L->parts ? (t->n_rows > 0 ? t->rows[0].source_row : 0) : L->err->line,
                    slice(NULL, 0));
}

static bool
layout_table(layout *L, const pt_cell_table *t, info *in)
{
    bool        counted = (t->flags & PT_TABLE_ROWS_COUNTED) != 0;
    bool        in_rows = false;
    int        *other = NULL;
    int        *scratch_other = NULL;
    columns     cols;
    columns     probe;
    const pt_cell_row *header = NULL;
    int         rows_in_block = 0;
    int         i;
    info        before_rows;

    L->table = t;
    pt_cells_part_name(t, L->part, sizeof(L->part));
    if (t->n_columns > 0)
    {
        other = allocate(L, (size_t) t->n_columns, sizeof(int));
        scratch_other = allocate(L, (size_t) t->n_columns, sizeof(int));
        if (other == NULL || scratch_other == NULL)
            return false;
    }
    for (i = 0; i < t->n_before; i++)
        if (!read_paragraph(L, in, t->before[i].text, t->before[i].line))
            return false;
    /* what the paragraphs said; the rows of a table that turns out to be
     * no indicator table and no project information are taken back */
    before_rows = *in;

    for (i = 0; i < t->n_rows; i++)
    {
        const pt_cell_row *row = &t->rows[i];
        row_kind    kind;
        bool        skipped;

        if (!in_rows)
        {
            if (read_header(row, &cols, other))
            {
                header = row;
                in_rows = true;
                rows_in_block = 0;
                L->indicator_tables++;
                if (!begin_block(L, in, row))
                {
                    if (L->fatal || !problem(L, row, slice(NULL, 0)))
                        return false;
                    in_rows = false;
                    return true;    /* lenient: the table is skipped */
                }
                continue;
            }
            if (!read_info_row(L, in, row))
                return false;
            continue;
        }
        if (counted)
        {
            if (!add_indicator(L, &cols, row, &skipped))
                return false;
            rows_in_block++;
            continue;
        }
        kind = classify_row(&cols, row, &probe);
        switch (kind)
        {
            case ROW_EMPTY:
                break;
            case ROW_HEADER:
                if (!same_columns(&probe, &cols))
                {
                    /* a second header row refines the first (merged headers),
                     * or a new table of the same project starts */
                    read_header(row, &cols, other);
                    header = row;
                }
                break;
            case ROW_INDICATOR:
                if (!add_indicator(L, &cols, row, &skipped))
                    return false;
                if (!skipped)
                    rows_in_block++;
                break;
            case ROW_TOTAL:
            case ROW_NOTE:
                {
                    strbuf      s = {0};
                    int         k;

                    for (k = 0; k < row->n_cells; k++)
                        if (row->cells[k].merged == PT_MERGE_NONE && trim(row->cells[k].text).len > 0)
                            if ((s.len > 0 && !strbuf_add(L, &s, cstr("\t"))) ||
                                !strbuf_add(L, &s, trim(row->cells[k].text)))
                                return false;
                    if (!project_extra(L, strbuf_text(&s)))
                        return false;
                    break;
                }
            case ROW_CATEGORY:
                set_levels(L, &cols, row);
                break;
            case ROW_NEW_PROJECT:
                if (rows_in_block == 0 && !fail_no_rows(L, header))
                    return false;
                in_rows = false;
                init_info(in);
                if (!read_info_row(L, in, row))
                    return false;
                break;
            case ROW_UNPLACED:
                if (!fail_unplaced(L, row, &cols))
                    return false;
                break;
        }
    }
    if (in_rows)
    {
        if (rows_in_block == 0 && !fail_no_rows(L, header))
            return false;
        return true;
    }
    /* never reached a header: project information for the next table, or
     * not an indicator table at all (reported; its cells are not the
     * project's) */
    if (in->keys > before_rows.keys)
        return true;
    *in = before_rows;
    if (t->n_rows > 0 && !skip_table(L, t))
        return false;
    return true;
}

/* ------------------------------------------------------------------------
 * The document
 * ------------------------------------------------------------------------ */

static bool
run(layout *L)
{
    const pt_cells_doc *cells = L->cells;
    info        in;
    int         i;

    init_info(&in);
    L->current = -1;
    L->parts = cells->format == PT_FORMAT_DOCX || cells->format == PT_FORMAT_XLSX;
    /* what the reader left out comes first (it came first in the document) */
    for (i = 0; i < cells->n_skipped; i++)
    {
        pt_doc_skip *skips = grow(L, L->doc->skipped, L->doc->n_skipped, &L->skip_capacity,
                                  sizeof(pt_doc_skip));

        if (skips == NULL)
            return false;
        L->doc->skipped = skips;
        skips[L->doc->n_skipped++] = cells->skipped[i];
    }
    for (i = 0; i < cells->n_tables; i++)
    {
        const pt_cell_table *t = &cells->tables[i];

        /* each counted table (text export) is one project of its own */
        if (t->flags & PT_TABLE_ROWS_COUNTED)
            init_info(&in);
        if (!layout_table(L, t, &in))
            return false;
    }
    if (L->n_projects == 0 && (!L->lenient || L->indicator_tables == 0))
    {
        if (cells->format == PT_FORMAT_TEXT_EXPORT && L->lenient)
            return true;        /* every project skipped by the reader */
        return fail_fatal(L, PT_DOC_ERR_INVALID,
                          PT_N_("no indicator table found: no row names a value column (指标值, 目标值, …) and "
                          "an indicator column (一级/二级/三级指标, 指标名称)"),
                          PT_N_("A performance target table has a header row such as 一级指标, 二级指标, 三级指标, "
                          "指标值; check that the file is one, and that its header words are in the table."));
    }
    return true;
}

int
pt_layout(const pt_cells_doc *cells, const pt_read_request *req,
          const pt_allocator *alloc, pt_document *out, pt_doc_error *err)
{
    pt_doc_error scratch;
    layout      L;
    int         i;
    int         kept = 0;

    if (err == NULL)
        err = &scratch;
    memset(err, 0, sizeof(*err));
    if (out != NULL)
        memset(out, 0, sizeof(*out));
    if (cells == NULL || out == NULL || alloc == NULL || alloc->alloc == NULL)
        return pt_cells_fail(err, 0, "", 0, PT_N_("no cells, allocator or result given"),
                             PT_N_("Pass the cells, an allocator and a pt_document to fill."));
    memset(&L, 0, sizeof(L));
    L.cells = cells;
    L.req = req;
    L.alloc = alloc;
    L.err = err;
    L.lenient = req != NULL && req->lenient;
    L.doc = out;
    if (!run(&L))
    {
        memset(out, 0, sizeof(*out));
        return -1;
    }
    /* the projects, without the ones a lenient skip left empty */
    out->projects = allocate(&L, (size_t) L.n_projects, sizeof(pt_doc_project));
    if (out->projects == NULL)
    {
        memset(out, 0, sizeof(*out));
        return -1;
    }
    for (i = 0; i < L.n_projects; i++)
        if (L.projects[i].p.n_indicators > 0)
            out->projects[kept++] = L.projects[i].p;
    out->n_projects = kept;
    memset(err, 0, sizeof(*err));
    return 0;
}
