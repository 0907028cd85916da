/*
 * pg_nls.c — the module's messages in the session's language.
 *
 * Every ereport of the module uses the domain TEXTDOMAIN (ptarget-<major>,
 * pg_ptarget.h), bound by _PG_init (pg_io.c) to `pg_config --localedir`,
 * where po/<lang>.mo is installed: errmsg, errdetail and errhint look their
 * format up there, in the database encoding.
 *
 * The plain-C core composes its messages itself (pt_i18n.h): this file gives
 * it pt_translate(), the same catalogue in UTF-8.  Where the core's text
 * becomes data rather than a message (an import's notes), the glue pauses
 * the translation around the call (pg_ptarget_nls_pause/resume), so stored
 * text does not depend on the language of the session that wrote it.
 */
#include "pg_ptarget.h"

#include "mb/pg_wchar.h"

const char *pt_translate(const char *msgid);

static int	paused = 0;

/* Only around calls of the core, which never raise an error (no longjmp). */
void
pg_ptarget_nls_pause(void)
{
	paused++;
}

void
pg_ptarget_nls_resume(void)
{
	if (paused > 0)
		paused--;
}

/* The core's text msgid in the session's language, in UTF-8. */
const char *
pt_translate(const char *msgid)
{
#ifdef ENABLE_NLS
	const char *t;
	int			encoding;

	if (paused > 0 || msgid == NULL || msgid[0] == '\0')
		return msgid;
	t = dgettext(TEXTDOMAIN, msgid);
	if (t == msgid)
		return msgid;			/* no translation: the English, already UTF-8 */
	/* the catalogue is read in the database encoding (pg_bind_textdomain_codeset) */
	encoding = GetDatabaseEncoding();
	if (encoding == PG_UTF8 || encoding == PG_SQL_ASCII)
		return t;
	return pg_server_to_any(t, (int) strlen(t), PG_UTF8);
#else
	return msgid;
#endif
}

/* A message fragment of the glue (passed to errmsg as %s) in the session's language. */
const char *
pg_ptarget_gettext(const char *msgid)
{
#ifdef ENABLE_NLS
	if (paused > 0)
		return msgid;
	return dgettext(TEXTDOMAIN, msgid);
#else
	return msgid;
#endif
}
