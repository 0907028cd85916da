/*
 * pt_document.h — parser of a performance target document (绩效目标表).
 *
 * Plain C11, no PostgreSQL headers: the PostgreSQL glue passes the document
 * text and an arena allocator (palloc), and turns the result into rows.
 *
 * A document is the plain-text export of the Word file: per project a title
 * line ending in 绩效目标表, then the table cells, one per line, each line
 * starting with a TAB.  See pt_document.c for the exact grammar.
 *
 * Strings: every pt_doc_text is UTF-8 with an explicit length and is NOT
 * NUL-terminated.  Most point into the caller's input (which must outlive the
 * result); the rest are copies in the arena.  ptr is never NULL.  Cell texts
 * never contain CR or Word bookmark markers ("[bookmark: _GoBack]"); a cell
 * written on several lines has its non-blank lines joined by '\n'.
 * "Trimmed" means without surrounding spaces, TABs, NBSP or U+3000.
 */
#ifndef PT_DOCUMENT_H
#define PT_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

/* Documents larger than this are refused (an error, not a truncation). */
#define PT_DOC_MAX_BYTES ((size_t) 64 * 1024 * 1024)

typedef struct pt_doc_text
{
    const char *ptr;            /* first byte; never NULL, not NUL-terminated */
    size_t      len;            /* length in bytes */
} pt_doc_text;

/* Which optional columns an indicator's table has (pt_doc_indicator.columns):
 * a field whose bit is clear had no column (NULL in SQL); set, the field is
 * the cell, possibly empty. */
#define PT_COL_DIRECTION   0x0001   /* 计算符号, 指标性质, 指标方向, 正向/反向 */
#define PT_COL_UNIT        0x0002   /* 度量单位, 计量单位, 单位 */
#define PT_COL_WEIGHT      0x0004   /* 分值, 权重 */
#define PT_COL_ACTUAL      0x0008   /* 实际完成值, 全年实际值, 实际值, 完成值, (B) */
#define PT_COL_SCORE       0x0010   /* 得分 */
#define PT_COL_REASON      0x0020   /* 偏差原因, 未完成原因, 偏差原因分析及改进措施 */
#define PT_COL_STANDARD    0x0040   /* 评(扣)分标准 */
#define PT_COL_BENCHMARK   0x0080   /* 绩效标准 */
#define PT_COL_DESCRIPTION 0x0100   /* 绩效指标描述, 指标解释 */

/* One row of the indicator table. */
typedef struct pt_doc_indicator
{
    int         position;       /* 1-based row number in its project's table */
    int         line;           /* text formats: 1-based line number of the 指标值 cell;
                                 * docx / xlsx: 0 */
    pt_doc_text level1;         /* 一级指标, trimmed, without a weight "(50分)"; the row
                                 * above's when left blank or merged */
    pt_doc_text level1_written; /* 一级指标 as written, trimmed; empty when inherited */
    pt_doc_text level2;         /* 二级指标, trimmed, without a weight; inherited likewise */
    pt_doc_text level3;         /* 三级指标 or 指标名称, trimmed */
    pt_doc_text description;    /* 绩效指标描述, trimmed */
    pt_doc_text value;          /* 指标值 cell exactly as written (not trimmed) */

    /* Since 1.1 (pt_layout.c); all empty for a table with only the five columns. */
    unsigned    columns;        /* PT_COL_* of the optional fields below */
    pt_doc_text target_text;    /* what to read as the target: the value, or the value
                                 * combined with the operator / unit cells or the name's
                                 * template; equal to value when nothing was added */
    pt_doc_text target_note;    /* how target_text was made when it is not the value
                                 * ("combined from ..."); empty otherwise */
    pt_doc_text level1_weight;  /* "50" of 产出指标(50分), inherited with the level; or empty */
    pt_doc_text level2_weight;
    pt_doc_text direction;      /* operator / direction cell, trimmed */
    pt_doc_text unit;           /* unit cell, trimmed */
    pt_doc_text weight;         /* 分值 / 权重 cell, trimmed */
    pt_doc_text weight_value;   /* its number ("10" of "10分"), or empty when it has none */
    pt_doc_text actual;         /* 实际完成值 cell as written (not trimmed) */
    pt_doc_text actual_text;    /* what to read as the actual value: trimmed, plus the
                                 * target's unit when written without one */
    pt_doc_text actual_note;    /* why actual_text differs from the cell; or empty */
    pt_doc_text target_unit;    /* the unit the target column's header gives (指标值（%）,
                                 * 年度指标值(单位：万元)), for values written without one
                                 * (pt_cell_target.h); or empty */
    pt_doc_text score;          /* 得分 cell, trimmed */
    pt_doc_text score_value;    /* its number, or empty */
    pt_doc_text reason;         /* 偏差原因 cell, trimmed */
    pt_doc_text standard;       /* 评(扣)分标准 cell, trimmed */
    pt_doc_text benchmark;      /* 绩效标准 cell, trimmed */
    pt_doc_text extra;          /* cells of unrecognised columns, "header：text" per line */
    int         table;          /* 1-based table (docx) or sheet (xlsx) number; text formats 1 */
    int         source_row;     /* the row's place: see pt_cell_row.source_row */
} pt_doc_indicator;

/* One project: title, header cells and indicator table. */
typedef struct pt_doc_project
{
    int         first_line;     /* 1-based line number of the title line */
    pt_doc_text ordinal;        /* "1.", "13.", "." or empty: what precedes the title */
    pt_doc_text title;          /* title after the ordinal, ends with 绩效目标表 */
    pt_doc_text dept_code;      /* department code (the text export: 6 digits); empty when
                                 * the document gives none */
    pt_doc_text dept_name;      /* department name after the code, trimmed */
    pt_doc_text budget_unit;    /* unit after 单位：, e.g. 万元 */
    pt_doc_text name;           /* 项目名称, trimmed */
    pt_doc_text budget_total;   /* 预算数: decimal text (digits[.digits]) or empty */
    pt_doc_text fiscal_funds;   /* 其中：财政资金: decimal text or empty */
    pt_doc_text other_funds;    /* 其他资金: decimal text or empty */
    pt_doc_text purpose;        /* 资金用途 (cell after the empty label), trimmed */
    pt_doc_text goals;          /* 绩效目标, trimmed; often several lines */
    pt_doc_indicator *indicators;   /* table rows in document order */
    int         n_indicators;   /* number of rows, at least 1 */

    /* Since 1.1 (pt_layout.c) */
    int         year;           /* budget year from the title or a 年度 cell; 0 when unknown */
    int         table;          /* table / sheet number of its first table */
    pt_doc_text sheet;          /* xlsx: the sheet's name; empty otherwise */
    int         source_row;     /* where it starts: line (text formats) or row */
    pt_doc_text extra;          /* project cells the layout has no field for, one row per
                                 * line, cells separated by TAB; empty when none */
} pt_doc_project;

/* A part of the document that lenient mode left out. */
typedef struct pt_doc_skip
{
    int         title_line;     /* line of the skipped project's title; 0 for text outside any project */
    int         line;           /* line (text formats) or row (docx, xlsx) of the problem */
    int         table;          /* table / sheet number; 0 for text formats */
    pt_doc_text part;           /* "table 3", "sheet \"绩效\""; empty for text formats */
    pt_doc_text title;          /* skipped project's title; empty for text outside any project */
    pt_doc_text message;        /* why it was skipped (same words as the strict-mode error) */
    pt_doc_text hint;           /* how to fix the document */
} pt_doc_skip;

typedef struct pt_document
{
    pt_doc_project *projects;   /* projects in document order */
    int         n_projects;     /* may be 0 only in lenient mode when every project was skipped */
    pt_doc_skip *skipped;       /* lenient mode: what was left out, in document order;
                                 * both modes: tables that are not indicator tables */
    int         n_skipped;      /* 0 in strict mode for the text export */
} pt_document;

/* Arena-style allocator: blocks are never freed individually. */
typedef struct pt_allocator
{
    void       *(*alloc) (void *ctx, size_t size);  /* max-aligned block, or NULL when out of memory */
    void       *ctx;            /* passed to alloc unchanged */
} pt_allocator;

/* What kind of failure (pt_doc_error.code); the glue maps it to a SQLSTATE. */
#define PT_DOC_ERR_INVALID      0   /* not a readable document (22P02) */
#define PT_DOC_ERR_LIMIT        1   /* beyond a size limit (54000) */
#define PT_DOC_ERR_UNSUPPORTED  2   /* a format that is not read: .doc, .xls, PDF, ... (22P02) */
#define PT_DOC_ERR_MEMORY       3   /* the allocator failed (53200) */

/* Why parsing failed.  All strings are NUL-terminated, valid UTF-8. */
typedef struct pt_doc_error
{
    int         code;           /* PT_DOC_ERR_* */
    int         line;           /* 1-based line of the problem (the last line when the
                                 * document ends too early); 0 for the whole document
                                 * or when part is set */
    char        part[128];      /* docx / xlsx: "table 3", "sheet \"绩效\"", a zip member;
                                 * "" for text formats */
    int         row;            /* with part: 1-based row (see pt_cell_row.source_row); 0 none */
    char        project_title[256]; /* title of the project being read, "" if none */
    char        message[256];   /* what is wrong */
    char        hint[256];      /* how to fix it */
} pt_doc_error;

/*
 * Parse text[0..len) into *out.  Returns 0 on success, -1 on error (*err filled,
 * *out emptied).  In lenient mode a project with a structural problem, or text
 * outside any project, is recorded in out->skipped and parsing resumes at the
 * next title line; encoding problems, an oversized or empty document, a
 * document without any title line, more than 10000 skips and running out of
 * memory stay errors.
 * Linear time, no recursion; text need not be NUL-terminated.
 */
int         pt_document_parse(const char *text, size_t len, bool lenient,
                              const pt_allocator *alloc,
                              pt_document *out, pt_doc_error *err);

#endif                          /* PT_DOCUMENT_H */
