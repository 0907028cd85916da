/*
 * valid_utf8.h — whether bytes are valid UTF-8, one character at a time by
 * pt_utf8_char_length (pt_cells.h), for the tests of what the readers yield
 * (test_ooxml.c, the fuzz harnesses' fuzz_doc_checks.h).
 */
#ifndef PT_TEST_VALID_UTF8_H
#define PT_TEST_VALID_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "pt_cells.h"

static inline bool
valid_utf8(const char *s, size_t n)
{
    size_t      i = 0;

    while (i < n)
    {
        size_t      k = pt_utf8_char_length((const unsigned char *) s + i, n - i);

        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

#endif
