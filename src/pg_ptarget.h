/*
 * pg_ptarget.h — the thin PostgreSQL glue around the plain-C core.
 *
 * A ptarget datum is a varlena whose payload is pt_pack()'s output.  These
 * helpers move values between datums and pt_target, convert between the
 * database encoding and the core's UTF-8, and turn pt_error into ereport().
 */
#ifndef PG_PTARGET_H
#define PG_PTARGET_H

#include "postgres.h"

/*
 * The module's message domain, ptarget-<major>: every ereport below
 * translates its message, detail and hint there (po/, bound by _PG_init in
 * pg_io.c), as PL/pgSQL does with its own domain.
 */
#undef TEXTDOMAIN
#define TEXTDOMAIN PG_TEXTDOMAIN("ptarget")

#include "fmgr.h"
#include "nodes/nodes.h"

#include "ptarget_core.h"
#include "pt_i18n.h"

/*
 * Reads a ptarget argument into *t without copying short values; t points
 * into the (detoasted) datum.  A malformed value is reported as XX001.
 */
void		pg_ptarget_unpack(Datum datum, pt_target *t);

#define PG_GETARG_PTARGET(n, t) pg_ptarget_unpack(PG_GETARG_DATUM(n), (t))

/* The packed bytes of a ptarget datum (detoasted when stored out of line or compressed). */
static inline struct varlena *
pg_ptarget_packed(Datum datum)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(datum);

	return VARATT_IS_EXTERNAL(v) || VARATT_IS_COMPRESSED(v) ? PG_DETOAST_DATUM_PACKED(datum) : v;
}

/* A new datum holding t. */
Datum		pg_ptarget_datum(const pt_target *t);

/*
 * Parses text in the database encoding.  On a bad input reports the error
 * (softly through escontext on PostgreSQL 16+) and returns false.
 */
bool		pg_ptarget_parse(const char *text, size_t len, pt_target *t, Node *escontext);

/* Reports a core error about input (quoted in the message). */
void		pg_ptarget_report(const pt_error *err, const char *input, Node *escontext);

/*
 * Quoting input in messages, details and notes: never the whole of a long
 * value.  Returns (palloc'd, in the database encoding) "text" when the text
 * has at most PG_PTARGET_QUOTE_CHARS characters, else its first
 * PG_PTARGET_QUOTE_CHARS characters, "…" and the length in characters:
 *     "≥95%%%%…" (10485760 characters)
 * The quotes are included: write errmsg("… %s", pg_ptarget_quote(s, len)).
 * The cut falls between characters of the encoding.  pg_ptarget_quote takes
 * text in the database encoding (input, text arguments, output of ptarget_out);
 * pg_ptarget_quote_utf8 takes UTF-8 from the core or a parsed document.
 */
#define PG_PTARGET_QUOTE_CHARS 64
char	   *pg_ptarget_quote(const char *s, size_t len);
char	   *pg_ptarget_quote_utf8(const char *utf8, size_t len);

/*
 * UTF-8 text from the core (pt_error message and hint, notes) in the database
 * encoding for errdetail/errhint; characters it cannot hold become '?'.
 */
char	   *pg_ptarget_message_text(const char *utf8);

/* Text in the database encoding from UTF-8 produced by the core. */
text	   *pg_ptarget_text(const char *utf8, size_t len);
char	   *pg_ptarget_cstring(const char *utf8, size_t len);

/* UTF-8 copy of a text argument (for unit and operator arguments). */
char	   *pg_ptarget_utf8(text *t, size_t *len);

/*
 * Translation (pg_nls.c).  The core's messages follow lc_messages; around a
 * call of the core whose text is stored as data, pause it:
 *     pg_ptarget_nls_pause(); pt_parse(…); pg_ptarget_nls_resume();
 * pg_ptarget_gettext translates a fragment of the glue's own messages (an
 * errmsg argument) in the module's domain; mark such fragments with
 * gettext_noop() where they are defined.
 */
void		pg_ptarget_nls_pause(void);
void		pg_ptarget_nls_resume(void);
const char *pg_ptarget_gettext(const char *msgid);

/* the type's output function, for messages that quote a value */
extern Datum ptarget_out(PG_FUNCTION_ARGS);

/* numeric <-> exact decimal */
Datum		pg_decimal_to_numeric(const pt_decimal *d, int places);
void		pg_numeric_to_decimal(Datum numeric, pt_decimal *d, int *places);

/* What a numeric argument is for; its errors say so. */
typedef enum pg_ptarget_number_role
{
	PG_PTARGET_MAGNITUDE,		/* becomes a target's magnitude: ptarget(numeric) */
	PG_PTARGET_TESTED			/* is tested against a target: @>, <@ */
} pg_ptarget_number_role;

/* pg_numeric_to_decimal with the role's messages (the former is MAGNITUDE). */
void		pg_ptarget_numeric_decimal(Datum numeric, pg_ptarget_number_role role,
									   pt_decimal *d, int *places);

#endif
