/*
 * pt_fold.h — UTF-8 text helpers; folds what people type into the parser's alphabet: full-width
 * digits/letters/signs to ASCII, look-alike comparison signs (≧ ≦ ═) to
 * ≥ ≤ =, dashes and wave dashes to '~', odd spaces to ' '.
 */
#ifndef PT_FOLD_H
#define PT_FOLD_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the valid UTF-8 sequence at s, or 0 if invalid. */
size_t		pt_utf8_char_len(const char *s, size_t len, unsigned *codepoint);

/*
 * Writes the folded form of s[0..len) into out (capacity >= len + 1,
 * NUL-terminated) and returns its length; returns (size_t) -1 on invalid
 * UTF-8 or a NUL byte.
 */
size_t		pt_fold(const char *s, size_t len, char *out);

/* memcmp order with the shorter string first on a common prefix: -1, 0, 1 */
int			pt_bytes_cmp(const char *a, size_t alen, const char *b, size_t blen);

/* Is this code point white space (folded to ' ')? */
bool		pt_is_space(unsigned cp);

/* Is this code point a CJK ideograph (a character of a word)? */
bool		pt_is_ideograph(unsigned cp);

#endif
