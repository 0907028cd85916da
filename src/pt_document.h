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

/* One row of the indicator table. */
typedef struct pt_doc_indicator
{
    int         position;       /* 1-based row number in its project's table */
    int         line;           /* 1-based line number of the 指标值 cell */
    pt_doc_text level1;         /* 一级指标, trimmed; the row above's when left blank */
    pt_doc_text level1_written; /* 一级指标 as written, trimmed; empty when inherited */
    pt_doc_text level2;         /* 二级指标, trimmed */
    pt_doc_text level3;         /* 三级指标, trimmed */
    pt_doc_text description;    /* 绩效指标描述, trimmed */
    pt_doc_text value;          /* 指标值 cell exactly as written (not trimmed) */
} pt_doc_indicator;

/* One project: title, header cells and indicator table. */
typedef struct pt_doc_project
{
    int         first_line;     /* 1-based line number of the title line */
    pt_doc_text ordinal;        /* "1.", "13.", "." or empty: what precedes the title */
    pt_doc_text title;          /* title after the ordinal, ends with 绩效目标表 */
    pt_doc_text dept_code;      /* 6-digit department code */
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
} pt_doc_project;

/* A part of the document that lenient mode left out. */
typedef struct pt_doc_skip
{
    int         title_line;     /* line of the skipped project's title; 0 for text outside any project */
    int         line;           /* line where the problem was found */
    pt_doc_text title;          /* skipped project's title; empty for text outside any project */
    pt_doc_text message;        /* why it was skipped (same words as the strict-mode error) */
    pt_doc_text hint;           /* how to fix the document */
} pt_doc_skip;

typedef struct pt_document
{
    pt_doc_project *projects;   /* projects in document order */
    int         n_projects;     /* may be 0 only in lenient mode when every project was skipped */
    pt_doc_skip *skipped;       /* lenient mode: what was left out, in document order */
    int         n_skipped;      /* always 0 in strict mode */
} pt_document;

/* Arena-style allocator: blocks are never freed individually. */
typedef struct pt_allocator
{
    void       *(*alloc) (void *ctx, size_t size);  /* max-aligned block, or NULL when out of memory */
    void       *ctx;            /* passed to alloc unchanged */
} pt_allocator;

/* Why parsing failed.  All strings are NUL-terminated, valid UTF-8. */
typedef struct pt_doc_error
{
    int         line;           /* 1-based line of the problem (the last line when the
                                 * document ends too early); 0 for the whole document */
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
