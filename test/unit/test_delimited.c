/*
 * Unit tests of the delimited-text reader (src/pt_read_delimited.c), of
 * decoding (UTF-8 with and without BOM, UTF-16LE/BE, GB18030) and format
 * detection (src/pt_read.c), and of the whole pipeline on the fixtures made
 * by test/data/documents/make_fixtures.py.
 *
 *   test/unit/test_delimited test/data/documents
 *
 * Each test function is one test case (TEST_CASE, test/unit/check.h).
 */
#include "pt_cells.h"

#include <iconv.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_check.h"
#include "rng.h"
static pt_allocator alloc = {arena_alloc, &the_arena};
static pt_doc_error err;

/* Read text exactly len bytes long (ASan sees reads past the end). */
static int
read_csv(const char *text, size_t len, pt_source_format format, pt_cells_doc *doc)
{
    char       *copy = malloc(len > 0 ? len : 1);
    int         rc;

    memcpy(copy, text, len);
    arena_reset(&the_arena);
    rc = pt_read_delimited(copy, len, format, &alloc, doc, &err);
    /* the cells point into the input: keep it until the next call */
    {
        static char *previous;

        free(previous);
        previous = copy;
    }
    return rc;
}

#define READ(s, f, d) read_csv((s), sizeof(s) - 1, (f), (d))

static pt_doc_text
cell(const pt_cells_doc *d, int row, int col)
{
    if (d->n_tables < 1 || row >= d->tables[0].n_rows || col >= d->tables[0].rows[row].n_cells)
        return pt_text("<missing>", 9);
    return d->tables[0].rows[row].cells[col].text;
}

/* ------------------------------------------------------------ the reader */

static void
test_csv_quoting(void)
{
    pt_cells_doc d;

    CHECK_INT(READ("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"x\r\ny\",,\"\"\r\n", PT_FORMAT_CSV, &d), 0);
    CHECK_INT(d.format, PT_FORMAT_CSV);
    CHECK_INT(d.n_tables, 1);
    CHECK_INT(d.tables[0].n_rows, 2);
    CHECK_TEXT(cell(&d, 0, 0), "a");
    CHECK_TEXT(cell(&d, 0, 1), "b, c");
    CHECK_TEXT(cell(&d, 0, 2), "say \"hi\"");
    CHECK_TEXT(cell(&d, 1, 0), "x\ny");
    CHECK_TEXT(cell(&d, 1, 1), "");
    CHECK_TEXT(cell(&d, 1, 2), "");
    CHECK_INT(d.tables[0].rows[0].source_row, 1);
    CHECK_INT(d.tables[0].rows[1].source_row, 2);
    CHECK_INT(d.tables[0].rows[1].cells[0].line, 2);
    CHECK_INT(d.tables[0].n_columns, 3);

    /* a quoted cell over lines moves the line count; text after a closing
     * quote is kept (as Excel reads it); a lone CR ends a record too */
    CHECK_INT(READ("\"1\n2\n3\",x\nnext,\"a\"b\rlast\n", PT_FORMAT_CSV, &d), 0);
    CHECK_INT(d.tables[0].n_rows, 3);
    CHECK_TEXT(cell(&d, 0, 0), "1\n2\n3");
    CHECK_INT(d.tables[0].rows[1].source_row, 4);
    CHECK_TEXT(cell(&d, 1, 1), "ab");
    CHECK_TEXT(cell(&d, 2, 0), "last");
    CHECK_INT(d.tables[0].rows[2].source_row, 5);

    /* empty records are left out; no newline at the end is fine */
    CHECK_INT(READ("a,b\n,\n\n ,\t\nc,d", PT_FORMAT_CSV, &d), 0);
    CHECK_INT(d.tables[0].n_rows, 2);
    CHECK_TEXT(cell(&d, 1, 0), "c");
    CHECK_INT(d.tables[0].rows[1].source_row, 5);
}

static void
test_separators(void)
{
    pt_cells_doc d;

    CHECK_INT(READ("a\tb\t\"c\td\"\n1\t2\t3\n", PT_FORMAT_TSV, &d), 0);
    CHECK_INT(d.format, PT_FORMAT_TSV);
    CHECK_TEXT(cell(&d, 0, 2), "c\td");
    /* semicolons (Excel in some locales) */
    CHECK_INT(READ("a;b;c,d\n1;2;3\n", PT_FORMAT_CSV, &d), 0);
    CHECK_TEXT(cell(&d, 0, 2), "c,d");
    CHECK_INT(d.tables[0].rows[0].n_cells, 3);
    /* Excel's sep= line */
    CHECK_INT(READ("sep=;\r\na,b;c\r\n", PT_FORMAT_CSV, &d), 0);
    CHECK_INT(d.tables[0].n_rows, 1);
    CHECK_TEXT(cell(&d, 0, 0), "a,b");
    CHECK_INT(d.tables[0].rows[0].source_row, 2);
    /* a BOM before the text */
    CHECK_INT(READ("\xEF\xBB\xBF" "a,b,c\n", PT_FORMAT_CSV, &d), 0);
    CHECK_TEXT(cell(&d, 0, 0), "a");
}

static void
test_reader_errors(void)
{
    pt_cells_doc d;

    CHECK_INT(READ("a,b\n\"open,c\nd\n", PT_FORMAT_CSV, &d), -1);
    CHECK_CONTAINS(err.message, "quoted cell is not closed");
    CHECK_INT(err.line, 2);
    CHECK_INT(d.n_tables, 0);
    CHECK_INT(READ("a,b\nc,\x01\n", PT_FORMAT_CSV, &d), -1);
    CHECK_CONTAINS(err.message, "control character");
    CHECK_INT(err.line, 2);
    CHECK_INT(read_csv("a,b\0c\n", 6, PT_FORMAT_CSV, &d), -1);
    CHECK_CONTAINS(err.message, "(byte 0x00)");
    CHECK_INT(READ("a,\xC3\x28\n", PT_FORMAT_CSV, &d), -1);
    CHECK_CONTAINS(err.message, "invalid UTF-8");
    CHECK_INT(READ("", PT_FORMAT_CSV, &d), 0);
    CHECK_INT(d.tables[0].n_rows, 0);
}

/* ------------------------------------------------------------ encodings, detection */

/* text in another encoding, through iconv (the test's own conversion) */
static size_t
encode(const char *utf8, const char *to, char *out, size_t cap)
{
    iconv_t     cd = iconv_open(to, "UTF-8");
    char       *in = (char *) utf8;
    size_t      in_left = strlen(utf8);
    char       *o = out;
    size_t      o_left = cap;

    if (cd == (iconv_t) -1)
        return 0;
    iconv(cd, &in, &in_left, &o, &o_left);
    iconv_close(cd);
    return cap - o_left;
}

static void
test_decoding(void)
{
    static const char text[] = "一级指标,二级指标,三级指标,指标值\r\n产出指标,数量指标,培训人数,≥500人次\r\n";
    char        buf[1024];
    size_t      n;
    pt_doc_text out;
    const char *enc;
    pt_source_format f;

    arena_reset(&the_arena);
    CHECK_INT(pt_decode_text(text, sizeof(text) - 1, &alloc, &out, &enc, &err), 0);
    CHECK(strcmp(enc, "UTF-8") == 0);
    CHECK(out.ptr == text);

    memcpy(buf, "\xEF\xBB\xBF", 3);
    memcpy(buf + 3, text, sizeof(text) - 1);
    CHECK_INT(pt_decode_text(buf, sizeof(text) + 2, &alloc, &out, &enc, &err), 0);
    CHECK(strcmp(enc, "UTF-8 BOM") == 0);
    CHECK_INT(out.len, sizeof(text) - 1);

    n = encode(text, "GB18030", buf, sizeof(buf));
    CHECK(n > 0 && n < sizeof(text) - 1);
    CHECK_INT(pt_detect_format(buf, n), PT_FORMAT_CSV);
    CHECK_INT(pt_decode_text(buf, n, &alloc, &out, &enc, &err), 0);
    CHECK(strcmp(enc, "GB18030") == 0);
    CHECK(out.len == sizeof(text) - 1 && memcmp(out.ptr, text, out.len) == 0);

    memcpy(buf, "\xFF\xFE", 2);
    n = encode(text, "UTF-16LE", buf + 2, sizeof(buf) - 2) + 2;
    CHECK_INT(pt_detect_format(buf, n), PT_FORMAT_CSV);
    CHECK_INT(pt_decode_text(buf, n, &alloc, &out, &enc, &err), 0);
    CHECK(strcmp(enc, "UTF-16LE") == 0);
    CHECK(out.len == sizeof(text) - 1 && memcmp(out.ptr, text, out.len) == 0);

    memcpy(buf, "\xFE\xFF", 2);
    n = encode(text, "UTF-16BE", buf + 2, sizeof(buf) - 2) + 2;
    CHECK_INT(pt_decode_text(buf, n, &alloc, &out, &enc, &err), 0);
    CHECK(strcmp(enc, "UTF-16BE") == 0);
    CHECK(out.len == sizeof(text) - 1 && memcmp(out.ptr, text, out.len) == 0);
    /* an odd byte at the end of UTF-16, a lone surrogate */
    CHECK_INT(pt_decode_text(buf, n - 1, &alloc, &out, &enc, &err), -1);
    CHECK_CONTAINS(err.message, "invalid UTF-16BE");
    memcpy(buf + 2, "\xD8\x00\x00\x41", 4);
    CHECK_INT(pt_decode_text(buf, 6, &alloc, &out, &enc, &err), -1);
    /* neither UTF-8 nor GB18030 */
    CHECK_INT(pt_decode_text("ab\xFF\xFF", 4, &alloc, &out, &enc, &err), -1);
    CHECK_CONTAINS(err.message, "invalid byte 0xFF at byte offset 2");

    /* detection of text shapes */
    f = pt_detect_format("hello world, no project here", 28);
    CHECK_INT(f, PT_FORMAT_TEXT_EXPORT);
    CHECK_INT(pt_detect_format("a\tb\tc\n1\t2\t3\n", 12), PT_FORMAT_TSV);
    CHECK_INT(pt_detect_format("a;b;c\n1;2;3\n", 12), PT_FORMAT_CSV);
    CHECK_INT(pt_detect_format("", 0), PT_FORMAT_TEXT_EXPORT);
    arena_reset(&the_arena);
}

/* ------------------------------------------------------------ fixtures */

typedef struct fixture
{
    const char *name;
    pt_source_format format;    /* detected */
    int         projects;       /* -1: an error */
    int         indicators;
    const char *error_part;     /* the error message contains this */
} fixture;

static const fixture FIXTURES[] = {
    {"combined.csv", PT_FORMAT_CSV, 1, 6, NULL},
    {"split_bom.csv", PT_FORMAT_CSV, 1, 9, NULL},
    {"template.tsv", PT_FORMAT_TSV, 1, 8, NULL},
    {"selfeval_gb18030.csv", PT_FORMAT_CSV, 1, 6, NULL},
    {"merged_utf16le.txt", PT_FORMAT_TSV, 2, 8, NULL},
    {"hunan_utf16be.csv", PT_FORMAT_CSV, 1, 6, NULL},
    {"bad_unclosed.csv", PT_FORMAT_CSV, -1, 0, "quoted cell is not closed"},
    {"bad_budget_only.csv", PT_FORMAT_CSV, -1, 0, "no indicator table found"},
    {"bad_unplaced.csv", PT_FORMAT_CSV, -1, 0, "cannot be placed"},
    {"bad_bytes.csv", PT_FORMAT_BINARY, -1, 0, "not a document that can be read"},
    {"legacy.doc", PT_FORMAT_OLE2_DOC, -1, 0, "Word 97-2003"},
    {"legacy.xls", PT_FORMAT_OLE2_XLS, -1, 0, "Excel 97-2003"},
    {"encrypted.xlsx", PT_FORMAT_OLE2_ENCRYPTED, -1, 0, "password-protected"},
    {"scan.pdf", PT_FORMAT_PDF, -1, 0, "PDF"},
    {"page.xls", PT_FORMAT_HTML, -1, 0, "HTML"},
    {"truncated.docx", PT_FORMAT_DOCX, -1, 0, ""},
    {"other.zip", PT_FORMAT_ZIP_OTHER, -1, 0, "neither a Word .docx nor an Excel .xlsx"},
};

static int
total_indicators(const pt_document *d)
{
    int         n = 0;
    int         i;

    for (i = 0; i < d->n_projects; i++)
        n += d->projects[i].n_indicators;
    return n;
}

static void
test_fixtures(const char *dir)
{
    size_t      i;

    for (i = 0; i < sizeof(FIXTURES) / sizeof(FIXTURES[0]); i++)
    {
        const fixture *fx = &FIXTURES[i];
        buffer      b = read_file_in(dir, fx->name);
        pt_read_request req;
        pt_document d;
        pt_source_format format;
        int         rc;

        memset(&req, 0, sizeof(req));
        req.source = pt_text(fx->name, strlen(fx->name));
        arena_reset(&the_arena);
        if (!CHECK(pt_detect_format(b.data, b.len) == fx->format))
            printf("    %s: detected %s\n", fx->name, pt_format_name(pt_detect_format(b.data, b.len)));
        rc = pt_document_read(b.data, b.len, &req, &alloc, &d, &format, &err);
        if (fx->projects < 0)
        {
            if (!CHECK(rc == -1 && strstr(err.message, fx->error_part) != NULL))
                printf("    %s: rc %d, \"%s\"\n", fx->name, rc, err.message);
        }
        else if (CHECK(rc == 0))
        {
            CHECK_INT(d.n_projects, fx->projects);
            CHECK_INT(total_indicators(&d), fx->indicators);
        }
        else
            printf("    %s: %s\n", fx->name, err.message);
        free(b.data);
    }
    arena_reset(&the_arena);
}

/* The same table in every encoding reads the same. */
static void
test_same_in_every_encoding(const char *dir)
{
    buffer      b = read_file_in(dir, "combined.csv");
    static const char *const encodings[] = {"GB18030", "UTF-16LE", "UTF-16BE"};
    char       *buf = malloc(b.len * 4 + 8);
    pt_read_request req;
    pt_document base;
    size_t      i;

    memset(&req, 0, sizeof(req));
    req.source = pt_text("x", 1);
    CHECK_INT(pt_document_read(b.data, b.len, &req, &alloc, &base, NULL, &err), 0);
    for (i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++)
    {
        size_t      n = 0;
        pt_document d;
        int         p;
        int         k;
        bool        same = true;
        char       *utf8 = malloc(b.len + 1);

        memcpy(utf8, b.data, b.len);
        utf8[b.len] = '\0';
        if (strcmp(encodings[i], "UTF-16LE") == 0)
        {
            memcpy(buf, "\xFF\xFE", 2);
            n = 2;
        }
        else if (strcmp(encodings[i], "UTF-16BE") == 0)
        {
            memcpy(buf, "\xFE\xFF", 2);
            n = 2;
        }
        n += encode(utf8, encodings[i], buf + n, b.len * 4 + 8 - n);
        free(utf8);
        CHECK_INT(pt_document_read(buf, n, &req, &alloc, &d, NULL, &err), 0);
        if (d.n_projects != base.n_projects)
            same = false;
        for (p = 0; same && p < d.n_projects; p++)
        {
            same = d.projects[p].n_indicators == base.projects[p].n_indicators &&
                d.projects[p].name.len == base.projects[p].name.len &&
                memcmp(d.projects[p].name.ptr, base.projects[p].name.ptr, d.projects[p].name.len) == 0;
            for (k = 0; same && k < d.projects[p].n_indicators; k++)
            {
                const pt_doc_indicator *x = &d.projects[p].indicators[k];
                const pt_doc_indicator *y = &base.projects[p].indicators[k];

                same = x->value.len == y->value.len && memcmp(x->value.ptr, y->value.ptr, x->value.len) == 0 &&
                    x->level3.len == y->level3.len && memcmp(x->level3.ptr, y->level3.ptr, x->level3.len) == 0 &&
                    x->line == y->line;
            }
        }
        if (!CHECK(same))
            printf("    %s differs\n", encodings[i]);
    }
    free(buf);
    free(b.data);
    arena_reset(&the_arena);
}

/* Every cut and thousands of mutations of the fixtures: success with a
 * consistent result, or an error with a message. */
static void
test_robustness(const char *dir)
{
    static const char *const names[] = {"split_bom.csv", "selfeval_gb18030.csv", "merged_utf16le.txt"};
    static const char *const pieces[] = {",", "\"", "\"\"", "\r\n", "\n", "\t", "一级指标", "指标值",
        "(≥**%)", "总分", "项目名称", "\xEF\xBB\xBF", "\xFF\xFE", "^", "定性", "正向", "绩效目标表\n"};
    bool        all_ok = true;
    size_t      f;

    rng_seed(2024);
    for (f = 0; f < sizeof(names) / sizeof(names[0]); f++)
    {
        buffer      b = read_file_in(dir, names[f]);
        size_t      cut;
        int         round;

        for (cut = 0; cut <= b.len; cut++)
        {
            char       *copy = malloc(cut + 1);
            pt_document d;

            memcpy(copy, b.data, cut);
            if (read_as_import(copy, cut, cut % 2 == 1, "cut", &d) == -2)
                all_ok = false;
            free(copy);
        }
        for (round = 0; round < 1500; round++)
        {
            size_t      len = b.len;
            char       *m = malloc(len + 4096);
            int         edits = 1 + (int) (rng() % 6);
            pt_document d;
            int         rc;

            memcpy(m, b.data, len);
            while (edits-- > 0)
            {
                size_t      at = rng() % (len + 1);

                switch (rng() % 3)
                {
                    case 0:
                        if (at < len)
                            m[at] = (char) rng();
                        break;
                    case 1:
                        {
                            size_t      k = rng() % 32;

                            if (k > len - at)
                                k = len - at;
                            memmove(m + at, m + at + k, len - at - k);
                            len -= k;
                            break;
                        }
                    default:
                        {
                            const char *p = pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
                            size_t      k = strlen(p);

                            if (len + k < b.len + 4096)
                            {
                                memmove(m + at + k, m + at, len - at);
                                memcpy(m + at, p, k);
                                len += k;
                            }
                        }
                }
            }
            rc = read_as_import(m, len, round % 2 == 1, "mutated.csv", &d);
            if (rc == -2)
                all_ok = false;
            if (rc == 0 && d.n_projects > 0 && d.projects[0].n_indicators < 1)
                all_ok = false;
            free(m);
        }
        free(b.data);
    }
    CHECK(all_ok);
    arena_reset(&the_arena);
}

int
main(int argc, char **argv)
{
    check_arguments(argc, argv, 1, "FIXTURE_DIR");
    TEST_CASE(test_csv_quoting());
    TEST_CASE(test_separators());
    TEST_CASE(test_reader_errors());
    TEST_CASE(test_decoding());
    TEST_CASE(test_fixtures(argv[1]));
    TEST_CASE(test_same_in_every_encoding(argv[1]));
    TEST_CASE(test_robustness(argv[1]));
    /* running out of memory anywhere while reading a GB18030 CSV: an error */
    TEST_CASE(check_out_of_memory(argv[1], "selfeval_gb18030.csv"));
    {
        pt_cells_doc d;

        read_csv("", 0, PT_FORMAT_CSV, &d); /* frees the last copy */
    }
    arena_reset(&the_arena);
    return check_summary();
}
