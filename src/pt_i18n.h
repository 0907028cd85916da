/*
 * pt_i18n.h — the core's messages and their translation.
 *
 * The core writes its messages in English, in UTF-8 like all of its text.  A
 * string that reaches users (an error's message, detail or hint) is marked
 * for xgettext (`make update-po` extracts both marks into po/ptarget.pot):
 *
 *   PT_N_("…")  marks only.  For tables and constants, and for the arguments
 *               of the failure functions (pt_grammar_fail, pt_cells_fail, the
 *               readers' fail_* helpers, pt_score's fail), which translate
 *               what they are given when they store it.
 *   PT_("…")    marks and translates now: a printf format before its
 *               arguments are filled in, or a piece of a message composed
 *               from pieces.
 *
 * The translation is pt_translate(), which the program linking the core may
 * define: the PostgreSQL glue (src/pg_nls.c) looks the text up in the
 * module's catalogue (domain ptarget-<major>) in the session's lc_messages
 * and returns it in UTF-8.  Without a definition (unit tests, fuzzers, other
 * tools) the weak reference is null and the text stays as written.  Text that
 * is data, not a message (notes, scoring reasons), is not marked.
 */
#ifndef PT_I18N_H
#define PT_I18N_H

extern const char *pt_translate(const char *msgid) __attribute__((weak));

#define PT_N_(s) s
#define PT_(s) pt_i18n_text(s)

static inline const char *
pt_i18n_text(const char *msgid)
{
	return pt_translate ? pt_translate(msgid) : msgid;
}

#endif
