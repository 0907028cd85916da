/*
 * ptarget-load — loads performance target documents (绩效目标表, 自评表) into
 * PostgreSQL through the ptarget extension's ptarget_import, and writes the
 * HTML report of what was loaded.
 *
 *   ptarget-load [OPTION]... FILE|DIRECTORY...
 *   ptarget-load report [OPTION]...
 *
 * Every file is sent as it is (a bytea parameter in binary form, so the
 * server detects the format: text export, CSV/TSV, .docx, .xlsx) and imported
 * in a transaction of its own: a pipeline of the import and a read of the
 * document's counts, closed by one Sync.  Files whose content (SHA-256) is
 * already in the schema's ptarget_document are skipped.  N connections load
 * N files at once from one event loop.  A progress bar on a terminal, one
 * line per file otherwise, a table per file at the end.
 *
 * Exit status: 0 every file loaded or skipped, 1 some failed, 2 all failed,
 * or a usage or connection error.
 */
#define _GNU_SOURCE				/* vasprintf, wcwidth */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <libpq-fe.h>
#include <openssl/evp.h>

#ifndef PTARGET_VERSION
#define PTARGET_VERSION "unknown"
#endif
#ifndef PG_MAJOR
#define PG_MAJOR "15"
#endif
#ifndef LOCALEDIR
#define LOCALEDIR "/usr/share/locale"
#endif
#define TEXTDOMAIN "ptarget-load-" PG_MAJOR

#define _(s) gettext(s)
#define N_(s) (s)
#define NC_(context, s) (s)		/* marks s in a context, for xgettext */

static const char *progname = "ptarget-load";

/* ---------------------------------------------------------------- memory */

static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n ? n : 1);

	if (p == NULL)
	{
		fprintf(stderr, _("%s: out of memory\n"), progname);
		exit(2);
	}
	return p;
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
	{
		fprintf(stderr, _("%s: out of memory\n"), progname);
		exit(2);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t		n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

static char *
xasprintf(const char *fmt,...) __attribute__((format(printf, 1, 2)));

static char *
xasprintf(const char *fmt,...)
{
	va_list		ap;
	char	   *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
	{
		fprintf(stderr, _("%s: out of memory\n"), progname);
		exit(2);
	}
	va_end(ap);
	return s;
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---------------------------------------------------------------- text on a terminal */

/* Columns a string takes on a terminal (a CJK character takes two). */
static int
display_width(const char *s)
{
	mbstate_t	st;
	size_t		len = strlen(s);
	int			w = 0;

	memset(&st, 0, sizeof(st));
	while (len > 0)
	{
		wchar_t		wc;
		size_t		n = mbrtowc(&wc, s, len, &st);
		int			cw;

		if (n == (size_t) -1 || n == (size_t) -2)
		{
			memset(&st, 0, sizeof(st));
			w++;
			s++;
			len--;
			continue;
		}
		if (n == 0)
			break;
		cw = wcwidth(wc);
		w += cw < 0 ? 1 : cw;
		s += n;
		len -= n;
	}
	return w;
}

/*
 * s cut to at most `width` columns (a new string): the start is kept, "…" ends
 * a cut string; with from_end the end is kept ("…" starts it), for paths.
 */
static char *
fit(const char *s, int width, bool from_end)
{
	mbstate_t	st;
	size_t		len = strlen(s);
	const char *ell = MB_CUR_MAX > 1 ? "…" : "~";
	size_t		keep_bytes = 0;
	int			w = 0;
	char	   *out;

	if (display_width(s) <= width)
		return xstrdup(s);
	if (width < 2)
		return xstrdup("");
	width -= 1;
	memset(&st, 0, sizeof(st));
	if (!from_end)
	{
		const char *p = s;

		while (len > 0)
		{
			wchar_t		wc;
			size_t		n = mbrtowc(&wc, p, len, &st);
			int			cw;

			if (n == (size_t) -1 || n == (size_t) -2 || n == 0)
			{
				memset(&st, 0, sizeof(st));
				n = 1;
				cw = 1;
			}
			else
				cw = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
			if (w + cw > width)
				break;
			w += cw;
			p += n;
			len -= n;
		}
		keep_bytes = (size_t) (p - s);
		out = xmalloc(keep_bytes + strlen(ell) + 1);
		memcpy(out, s, keep_bytes);
		strcpy(out + keep_bytes, ell);
		return out;
	}
	else
	{
		/* the shortest suffix starting on a character boundary that fits */
		const char *p = s;

		while (*p)
		{
			if (display_width(p) <= width)
				break;
			/* next character */
			{
				size_t		n = mbrtowc(NULL, p, strlen(p), &st);

				if (n == (size_t) -1 || n == (size_t) -2 || n == 0)
				{
					memset(&st, 0, sizeof(st));
					n = 1;
				}
				p += n;
			}
		}
		out = xmalloc(strlen(ell) + strlen(p) + 1);
		strcpy(out, ell);
		strcat(out, p);
		return out;
	}
}

/* s padded with spaces to `width` columns, left- or right-aligned */
static void
print_cell(FILE *f, const char *s, int width, bool right)
{
	int			pad = width - display_width(s);

	if (right)
		fprintf(f, "%*s%s", pad > 0 ? pad : 0, "", s);
	else
		fprintf(f, "%s%*s", s, pad > 0 ? pad : 0, "");
}

/* A copy of s with bytes that are not UTF-8 replaced by '?' (file names). */
static char *
utf8_clean(const char *s)
{
	size_t		len = strlen(s),
				i = 0;
	char	   *out = xstrdup(s);

	while (i < len)
	{
		unsigned char c = (unsigned char) s[i];
		size_t		n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		size_t		k;
		bool		ok = n > 0 && i + n <= len && !(n == 2 && c < 0xC2);

		for (k = 1; ok && k < n; k++)
			ok = ((unsigned char) s[i + k] & 0xC0) == 0x80;
		if (!ok)
		{
			out[i++] = '?';
			continue;
		}
		i += n;
	}
	return out;
}

/* ---------------------------------------------------------------- options */

typedef struct conn_options
{
	const char *host;
	const char *port;
	const char *user;
	const char *dbname;
	int			prompt_password;	/* 0 as needed, 1 always (-W), -1 never (-w) */
	char	   *password;
} conn_options;

typedef enum progress_mode
{
	PROGRESS_AUTO,
	PROGRESS_BAR,
	PROGRESS_LINES,
	PROGRESS_NONE
} progress_mode;

static void
usage(void)
{
	printf(_("%s loads performance target documents (绩效目标表, 自评表) into a PostgreSQL\n"
			 "database through the ptarget extension, one transaction per file.\n\n"), progname);
	printf(_("Usage:\n"));
	printf(_("  %s [OPTION]... FILE|DIRECTORY...\n"), progname);
	printf(_("  %s report [OPTION]...\n"), progname);
	printf(_("\nDocuments: text exported from Word, CSV or TSV (UTF-8, UTF-16, GB18030), .docx and\n"
			 ".xlsx, told apart by their content.  Directories are read recursively; names\n"
			 "starting with \".\" in them are left out.\n"));
	printf(_("\nOptions:\n"));
	printf(_("  -j, --jobs=NUM           load NUM files at once over NUM connections (default 1)\n"));
	printf(_("  -n, --dry-run            read the documents on the server without loading them\n"));
	printf(_("  -s, --schema=SCHEMA      import into SCHEMA (default: the first schema of the\n"
			 "                           search path, when it is yours)\n"));
	printf(_("      --lenient            skip the projects that cannot be read instead of\n"
			 "                           failing the whole file\n"));
	printf(_("  -f, --force              import files whose content is already imported\n"));
	printf(_("      --progress=WHEN      auto (a bar on a terminal, else lines), bar, lines, none\n"));
	printf(_("  -q, --quiet              no progress and no table, only errors\n"));
	printf(_("  -V, --version            output version information, then exit\n"));
	printf(_("  -?, --help               show this help, then exit\n"));
	printf(_("\nReport options (%s report):\n"), progname);
	printf(_("  -s, --schema=SCHEMA      the schema the documents were imported into\n"));
	printf(_("      --department=NAME    only this department (name or code; repeatable)\n"));
	printf(_("      --project=NAME       only this project (repeatable)\n"));
	printf(_("      --title=TEXT         the page's title\n"));
	printf(_("  -o, --output=FILE        write the page to FILE (default: standard output)\n"));
	printf(_("\nConnection options:\n"));
	printf(_("  -h, --host=HOSTNAME      database server host or socket directory\n"));
	printf(_("  -p, --port=PORT          database server port\n"));
	printf(_("  -U, --username=USERNAME  database user name\n"));
	printf(_("  -d, --dbname=DBNAME      database to connect to (or a connection string)\n"));
	printf(_("  -w, --no-password        never prompt for password\n"));
	printf(_("  -W, --password           force password prompt\n"));
	printf(_("\nThe environment variables PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD and the\n"
			 "password file (~/.pgpass) are read as by psql.\n"));
	printf(_("\nExit status: 0 when every file was loaded or skipped, 1 when some failed, 2 when\n"
			 "all failed or on a usage or connection error.\n"));
	printf(_("\nExamples:\n"
			 "  %s -d budget -j 2 documents/\n"
			 "  %s -d budget --dry-run new/*.xlsx\n"
			 "  %s report -d budget --department 374101 -o report.html\n"), progname, progname, progname);
}

static void
try_help(void)
{
	fprintf(stderr, _("Try \"%s --help\" for more information.\n"), progname);
}

/* ---------------------------------------------------------------- connecting */

static char *
read_password(const char *prompt)
{
	FILE	   *tty = fopen("/dev/tty", "r+");
	FILE	   *in = tty ? tty : stdin;
	FILE	   *out = tty ? tty : stderr;
	struct termios old,
				quiet;
	bool		restore = false;
	char		buf[1024];
	size_t		len;

	fputs(prompt, out);
	fflush(out);
	if (tcgetattr(fileno(in), &old) == 0)
	{
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t) ECHO;
		restore = tcsetattr(fileno(in), TCSAFLUSH, &quiet) == 0;
	}
	if (fgets(buf, sizeof(buf), in) == NULL)
		buf[0] = '\0';
	if (restore)
		tcsetattr(fileno(in), TCSAFLUSH, &old);
	fputc('\n', out);
	if (tty)
		fclose(tty);
	len = strlen(buf);
	if (len > 0 && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	return xstrdup(buf);
}

/*
 * A connection, or NULL with the message printed.  The first connection may
 * prompt for a password; later ones reuse it.
 */
static PGconn *
connect_db(conn_options *co)
{
	for (;;)
	{
		const char *keys[9];
		const char *vals[9];
		int			n = 0;
		PGconn	   *conn;

		if (co->prompt_password == 1 && co->password == NULL)
			co->password = read_password(_("Password: "));
		keys[n] = "host", vals[n++] = co->host;
		keys[n] = "port", vals[n++] = co->port;
		keys[n] = "user", vals[n++] = co->user;
		keys[n] = "password", vals[n++] = co->password;
		keys[n] = "dbname", vals[n++] = co->dbname;
		keys[n] = "fallback_application_name", vals[n++] = progname;
		keys[n] = "client_encoding", vals[n++] = "UTF8";
		keys[n] = NULL, vals[n] = NULL;
		conn = PQconnectdbParams(keys, vals, 1);
		if (conn == NULL)
		{
			fprintf(stderr, _("%s: out of memory\n"), progname);
			exit(2);
		}
		if (PQstatus(conn) == CONNECTION_BAD && PQconnectionNeedsPassword(conn) &&
			co->password == NULL && co->prompt_password != -1)
		{
			PQfinish(conn);
			co->password = read_password(_("Password: "));
			continue;
		}
		if (PQstatus(conn) == CONNECTION_BAD)
		{
			fprintf(stderr, "%s: %s", progname, PQerrorMessage(conn));
			PQfinish(conn);
			return NULL;
		}
		return conn;
	}
}

/*
 * The server's error: one line, "message: detail" (for the table), or full,
 * message, detail and hint on lines of their own.
 */
static char *
result_error(const PGresult *res, PGconn *conn, bool full)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	const char *hint = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_HINT) : NULL;
	char	   *s;
	size_t		n;

	if (msg == NULL)
	{
		s = xstrdup(res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res) : PQerrorMessage(conn));
		n = strlen(s);
		while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
			s[--n] = '\0';
		if (*s == '\0')
		{
			free(s);
			s = xstrdup(_("the connection to the server was lost"));
		}
		return s;
	}
	if (!full)
		return detail ? xasprintf(_("%s: %s"), msg, detail) : xstrdup(msg);
	s = xstrdup(msg);
	if (detail)
	{
		char	   *t = xasprintf(_("%s\nDETAIL:  %s"), s, detail);

		free(s);
		s = t;
	}
	if (hint)
	{
		char	   *t = xasprintf(_("%s\nHINT:  %s"), s, hint);

		free(s);
		s = t;
	}
	return s;
}

/* One value of a one-row query, or NULL; errors are printed (returns false). */
static bool
query_row(PGconn *conn, const char *sql, int nparams, const char *const *params,
		  PGresult **out)
{
	PGresult   *res = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		char	   *e = result_error(res, conn, true);

		fprintf(stderr, _("%s: error: %s\n"), progname, e);
		free(e);
		PQclear(res);
		return false;
	}
	*out = res;
	return true;
}

/* What the server offers: the extension's schema, whether the bytea import exists. */
typedef struct server_info
{
	char	   *ext_schema;		/* quoted identifier */
	char	   *ext_version;
	bool		has_bytes;		/* ptarget_import(bytea, …): 1.1 */
	char	   *doc_schema;		/* where ptarget_document is, or would be (unquoted) */
	char	   *doc_table;		/* quoted, qualified ptarget_document */
	bool		doc_exists;
} server_info;

static bool
inspect_server(PGconn *conn, const char *schema, server_info *si)
{
	PGresult   *res;
	const char *params[1] = {schema};

	if (!query_row(conn,
				   "SELECT pg_catalog.quote_ident(n.nspname), e.extversion,"
				   " pg_catalog.to_regprocedure(pg_catalog.quote_ident(n.nspname) OPERATOR(pg_catalog.||)"
				   "   '.ptarget_import(pg_catalog.bytea, pg_catalog.text, pg_catalog.name, pg_catalog.bool)') IS NOT NULL,"
				   " COALESCE($1, pg_catalog.current_schema())"
				   " FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace"
				   " WHERE e.extname OPERATOR(pg_catalog.=) 'ptarget'",
				   1, params, &res))
		return false;
	if (PQntuples(res) == 0)
	{
		fprintf(stderr, _("%s: error: the ptarget extension is not installed in database \"%s\"\n"),
				progname, PQdb(conn));
		fprintf(stderr, _("%s: hint: CREATE EXTENSION ptarget; (as a superuser)\n"), progname);
		PQclear(res);
		return false;
	}
	si->ext_schema = xstrdup(PQgetvalue(res, 0, 0));
	si->ext_version = xstrdup(PQgetvalue(res, 0, 1));
	si->has_bytes = strcmp(PQgetvalue(res, 0, 2), "t") == 0;
	si->doc_schema = PQgetisnull(res, 0, 3) ? NULL : xstrdup(PQgetvalue(res, 0, 3));
	PQclear(res);
	si->doc_table = NULL;
	si->doc_exists = false;
	if (si->doc_schema != NULL)
	{
		const char *p[1] = {si->doc_schema};

		if (!query_row(conn,
					   "SELECT pg_catalog.quote_ident($1) OPERATOR(pg_catalog.||) '.ptarget_document',"
					   " pg_catalog.to_regclass(pg_catalog.quote_ident($1) OPERATOR(pg_catalog.||) '.ptarget_document') IS NOT NULL",
					   1, p, &res))
			return false;
		si->doc_table = xstrdup(PQgetvalue(res, 0, 0));
		si->doc_exists = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
		PQclear(res);
	}
	return true;
}

/* ---------------------------------------------------------------- files */

typedef enum file_state
{
	FILE_PENDING,
	FILE_RUNNING,
	FILE_LOADED,				/* imported, or read in a dry run */
	FILE_SKIPPED,				/* already imported, or the same content as another file */
	FILE_FAILED
} file_state;

typedef struct file_entry
{
	char	   *path;			/* as opened */
	char	   *shown;			/* for the table and the source column: UTF-8 */
	long long	size;
	char		sha[65];		/* hex SHA-256 of the content, once read */
	file_state	state;
	int			same_as;		/* FILE_SKIPPED: the file of this run with this content, or -1 */
	char	   *note;			/* why skipped or failed (one line) */
	char	   *error_full;		/* failed: message, detail, hint */
	long		counts[7];		/* projects, indicators, quantities, dates, labels, unparsed, skipped */
	double		seconds;
} file_entry;

enum
{
	C_PROJECTS, C_INDICATORS, C_QUANTITIES, C_DATES, C_LABELS, C_UNPARSED, C_SKIPPED, N_COUNTS
};

typedef struct file_list
{
	file_entry *items;
	int			n;
	int			cap;
} file_list;

static file_entry *
add_file(file_list *fl, const char *path, long long size)
{
	file_entry *f;

	if (fl->n == fl->cap)
	{
		fl->cap = fl->cap ? fl->cap * 2 : 64;
		fl->items = xrealloc(fl->items, sizeof(file_entry) * fl->cap);
	}
	f = &fl->items[fl->n++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->shown = utf8_clean(path);
	f->size = size;
	f->state = FILE_PENDING;
	f->same_as = -1;
	return f;
}

static void
fail_file(file_entry *f, const char *message)
{
	f->state = FILE_FAILED;
	f->note = xstrdup(message);
	f->error_full = xstrdup(message);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

typedef struct dir_stack
{
	dev_t		dev[64];
	ino_t		ino[64];
	int			depth;
} dir_stack;

/* Adds path: a file, or a directory's files in name order (recursively). */
static void
collect(file_list *fl, const char *path, bool named, dir_stack *ds)
{
	struct stat st;
	DIR		   *d;
	struct dirent *e;
	char	  **names = NULL;
	int			n = 0,
				cap = 0,
				i;

	if (stat(path, &st) != 0)
	{
		file_entry *f = add_file(fl, path, 0);

		fail_file(f, strerror(errno));
		return;
	}
	if (S_ISREG(st.st_mode))
	{
		add_file(fl, path, (long long) st.st_size);
		return;
	}
	if (!S_ISDIR(st.st_mode))
	{
		if (named)
			fail_file(add_file(fl, path, 0), _("not a regular file or a directory"));
		return;
	}
	for (i = 0; i < ds->depth; i++)
		if (ds->dev[i] == st.st_dev && ds->ino[i] == st.st_ino)
			return;				/* a link back to a directory being read */
	if (ds->depth == 64)
		return;
	d = opendir(path);
	if (d == NULL)
	{
		fail_file(add_file(fl, path, 0), strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL)
	{
		if (e->d_name[0] == '.')
			continue;
		if (n == cap)
		{
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, sizeof(char *) * cap);
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(char *), compare_names);
	ds->dev[ds->depth] = st.st_dev;
	ds->ino[ds->depth] = st.st_ino;
	ds->depth++;
	for (i = 0; i < n; i++)
	{
		size_t		len = strlen(path);
		char	   *child = xasprintf("%s%s%s", path, len > 0 && path[len - 1] == '/' ? "" : "/", names[i]);

		collect(fl, child, false, ds);
		free(child);
		free(names[i]);
	}
	ds->depth--;
	free(names);
}

/* The whole file, or NULL with errno set. */
static unsigned char *
read_file(const char *path, size_t *len)
{
	int			fd = open(path, O_RDONLY);
	struct stat st;
	unsigned char *buf;
	size_t		have = 0,
				cap;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0)
	{
		int			e = errno;

		close(fd);
		errno = e;
		return NULL;
	}
	if (st.st_size >= (off_t) 1 << 30)
	{
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	cap = (size_t) st.st_size + 1;
	buf = xmalloc(cap);
	for (;;)
	{
		ssize_t		r;

		if (have == cap)
		{
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		r = read(fd, buf + have, cap - have);
		if (r < 0)
		{
			int			e = errno;

			if (e == EINTR)
				continue;
			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		have += (size_t) r;
	}
	close(fd);
	*len = have;
	return buf;
}

static void
sha256_hex(const unsigned char *data, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	unsigned int i;

	if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
	{
		fprintf(stderr, _("%s: could not compute a SHA-256 digest\n"), progname);
		exit(2);
	}
	for (i = 0; i < mdlen; i++)
		sprintf(out + 2 * i, "%02x", md[i]);
	out[64] = '\0';
}

/* ---------------------------------------------------------------- contents seen */

/* An open-addressing set of hex SHA-256 digests with what they are. */
typedef struct digest_entry
{
	char		sha[65];
	int			file;			/* a file of this run, or -1: already in the database */
	char	   *source;			/* in the database: its source */
} digest_entry;

typedef struct digest_set
{
	digest_entry *slots;
	size_t		cap;
	size_t		n;
} digest_set;

static size_t
digest_hash(const char *sha)
{
	size_t		h = 0;
	int			i;

	for (i = 0; i < 16; i++)
		h = h * 16 + (size_t) (sha[i] <= '9' ? sha[i] - '0' : sha[i] - 'a' + 10);
	return h;
}

static digest_entry *
digest_find(digest_set *ds, const char *sha)
{
	size_t		i;

	if (ds->cap == 0)
		return NULL;
	for (i = digest_hash(sha) & (ds->cap - 1); ds->slots[i].sha[0]; i = (i + 1) & (ds->cap - 1))
		if (strcmp(ds->slots[i].sha, sha) == 0)
			return &ds->slots[i];
	return NULL;
}

static digest_entry *
digest_add(digest_set *ds, const char *sha, int file, const char *source)
{
	size_t		i;

	if ((ds->n + 1) * 2 > ds->cap)
	{
		digest_set bigger = {NULL, ds->cap ? ds->cap * 2 : 1024, 0};
		size_t		k;

		bigger.slots = calloc(bigger.cap, sizeof(digest_entry));
		if (bigger.slots == NULL)
		{
			fprintf(stderr, _("%s: out of memory\n"), progname);
			exit(2);
		}
		for (k = 0; k < ds->cap; k++)
			if (ds->slots[k].sha[0])
			{
				for (i = digest_hash(ds->slots[k].sha) & (bigger.cap - 1); bigger.slots[i].sha[0];
					 i = (i + 1) & (bigger.cap - 1))
					;
				bigger.slots[i] = ds->slots[k];
				bigger.n++;
			}
		free(ds->slots);
		*ds = bigger;
	}
	for (i = digest_hash(sha) & (ds->cap - 1); ds->slots[i].sha[0]; i = (i + 1) & (ds->cap - 1))
		if (strcmp(ds->slots[i].sha, sha) == 0)
			return &ds->slots[i];
	memcpy(ds->slots[i].sha, sha, 65);
	ds->slots[i].file = file;
	ds->slots[i].source = source ? xstrdup(source) : NULL;
	ds->n++;
	return &ds->slots[i];
}

static bool
is_hex_digest(const char *s)
{
	int			i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[64] == '\0';
}

/* ---------------------------------------------------------------- progress */

typedef struct progress
{
	progress_mode mode;			/* BAR, LINES or NONE */
	int			total;
	int			done;
	int			loaded;
	int			skipped;
	int			failed;
	long		indicators;
	long long	bytes_total;
	long long	bytes_done;		/* of files loaded or failed (sent to the server) */
	long long	bytes_skipped;
	double		started;
	double		drawn;
	bool		bar_shown;
	bool		utf8;
} progress;

static int
terminal_width(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

static char *
format_duration(double s)
{
	long		t = (long) (s + 0.5);

	if (t >= 3600)
		return xasprintf("%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	return xasprintf("%ld:%02ld", t / 60, t % 60);
}

static void
clear_bar(progress *p)
{
	if (p->bar_shown)
	{
		fputs("\r\033[K", stderr);
		p->bar_shown = false;
	}
}

static void
draw_bar(progress *p, bool force)
{
	double		t = now_seconds();
	double		elapsed = t - p->started;
	char	   *text,
			   *left;
	int			width,
				bar,
				filled,
				i;
	double		rate_files,
				rate_ind,
				frac;

	if (p->mode != PROGRESS_BAR || (!force && t - p->drawn < 0.1))
		return;
	p->drawn = t;
	rate_files = elapsed > 0 ? p->done / elapsed : 0;
	rate_ind = elapsed > 0 ? p->indicators / elapsed : 0;
	if (p->done >= p->total)
		left = format_duration(0);
	else if (p->bytes_done > 0 && elapsed > 0.5)
	{
		double		bps = p->bytes_done / elapsed;
		long long	remaining = p->bytes_total - p->bytes_done - p->bytes_skipped;

		left = format_duration(remaining > 0 ? remaining / bps : 0);
	}
	else
		left = xstrdup("?");
	text = xasprintf(_("%d/%d files, %ld indicators, %.1f files/s, %.0f indicators/s, %s left"),
					 p->done, p->total, p->indicators, rate_files, rate_ind, left);
	free(left);
	width = terminal_width() - 1;
	bar = width - display_width(text) - 3;
	if (bar > 40)
		bar = 40;
	fputs("\r", stderr);
	if (bar >= 5)
	{
		frac = p->total > 0 ? (double) p->done / p->total : 1;
		filled = (int) (frac * bar + 0.5);
		fputc('[', stderr);
		for (i = 0; i < bar; i++)
			fputs(i < filled ? (p->utf8 ? "█" : "#") : (p->utf8 ? "░" : "-"), stderr);
		fputs("] ", stderr);
		fputs(text, stderr);
	}
	else
	{
		char	   *cut = fit(text, width, false);

		fputs(cut, stderr);
		free(cut);
	}
	fputs("\033[K", stderr);
	fflush(stderr);
	p->bar_shown = true;
	free(text);
}

/* What happened to one file, as a line (lines mode) or above the bar (bar mode). */
static void
report_file(progress *p, const file_entry *f)
{
	char	   *what;

	if (p->mode == PROGRESS_NONE)
		return;
	if (p->mode == PROGRESS_BAR && f->state != FILE_FAILED)
		return;					/* the bar says it; the table at the end lists it */
	if (f->state == FILE_LOADED)
	{
		char	   *projects = xasprintf(ngettext("%ld project", "%ld projects", f->counts[C_PROJECTS]),
										 f->counts[C_PROJECTS]);
		char	   *indicators = xasprintf(ngettext("%ld indicator", "%ld indicators", f->counts[C_INDICATORS]),
										   f->counts[C_INDICATORS]);

		/* translator: file name, "N projects", "N indicators", seconds */
		what = xasprintf(_("%s: %s, %s (%.2f s)"), f->shown, projects, indicators, f->seconds);
		free(projects);
		free(indicators);
	}
	else if (f->state == FILE_SKIPPED)
		what = xasprintf(_("%s: skipped, %s"), f->shown, f->note);
	else
		what = xasprintf(_("%s: failed: %s"), f->shown, f->error_full ? f->error_full : f->note);
	clear_bar(p);
	fprintf(stderr, "%s: [%d/%d] %s\n", progname, p->done, p->total, what);
	fflush(stderr);
	free(what);
	draw_bar(p, true);
}

/* ---------------------------------------------------------------- loading */

typedef struct loader
{
	conn_options *co;
	file_list  *files;
	server_info si;
	digest_set	seen;
	bool		dry_run;
	bool		lenient;
	bool		force;
	const char *schema;			/* --schema, or NULL */
	char	   *sql_import;
	char	   *sql_counts;
	Oid			param_types[4];	/* document, source, schema, lenient */
	progress	pg;
	int			next;			/* the next file to start */
} loader;

typedef struct slot
{
	PGconn	   *conn;
	int			file;			/* in flight, or -1 */
	int			phase;			/* results seen of the file's pipeline */
	long		counts[N_COUNTS];	/* what the results said */
	PGresult   *error;			/* the first error of the pipeline */
	double		started;
	bool		dead;
} slot;

static volatile sig_atomic_t interrupted = 0;

static void
on_interrupt(int sig)
{
	if (interrupted)
		_exit(130);
	interrupted = 1;
}

/* SQL of one file: the import (or the read of a dry run), aggregated. */
static void
build_sql(loader *L)
{
	const char *s = L->si.ext_schema;
	const char *doc_arg = L->si.has_bytes ? "$1::pg_catalog.bytea" : "$1::pg_catalog.text";
	char	   *from;

	L->param_types[0] = L->si.has_bytes ? 17 : 25;	/* bytea, text */
	L->param_types[1] = 25;		/* text */
	L->param_types[2] = 19;		/* name */
	L->param_types[3] = 16;		/* bool */
	if (L->dry_run)
		from = L->si.has_bytes
			? xasprintf("%s.ptarget_parse_document(%s, $2::pg_catalog.text, $4::pg_catalog.bool)", s, doc_arg)
			: xasprintf("%s.ptarget_parse_document(%s, $4::pg_catalog.bool)", s, doc_arg);
	else
		from = xasprintf("%s.ptarget_import(%s, $2::pg_catalog.text, $3::pg_catalog.name, $4::pg_catalog.bool)",
						 s, doc_arg);
	/*
	 * Indicator rows have a position; a part skipped by a lenient read is a
	 * row without one.  Every form takes the same four parameters, typed by
	 * the caller (a dry run leaves the schema unused).
	 */
	L->sql_import = xasprintf(
		"SELECT pg_catalog.count(DISTINCT ROW(r.department_code, r.department_name, r.project))"
		"         FILTER (WHERE r.\"position\" IS NOT NULL),"
		" pg_catalog.count(*) FILTER (WHERE r.\"position\" IS NOT NULL),"
		" pg_catalog.count(*) FILTER (WHERE %s.ptarget_kind(r.target) OPERATOR(pg_catalog.=) 'quantity'),"
		" pg_catalog.count(*) FILTER (WHERE %s.ptarget_kind(r.target) OPERATOR(pg_catalog.=) 'date'),"
		" pg_catalog.count(*) FILTER (WHERE %s.ptarget_kind(r.target) OPERATOR(pg_catalog.=) 'label'),"
		" pg_catalog.count(*) FILTER (WHERE r.\"position\" IS NOT NULL AND r.target IS NULL),"
		" pg_catalog.count(*) FILTER (WHERE r.\"position\" IS NULL)"
		" FROM %s r",
		s, s, s, from);
	free(from);
	/* the counts as the import recorded them, in the same transaction */
	L->sql_counts = L->si.doc_table
		? xasprintf("SELECT d.projects, d.indicators, d.quantities, d.dates, d.labels, d.unparsed"
					" FROM %s d WHERE d.content_sha256 OPERATOR(pg_catalog.=) $1",
					L->si.doc_table)
		: NULL;
}

/* Reads the digests of the documents already imported. */
static bool
load_seen(loader *L, PGconn *conn)
{
	PGresult   *res;
	char	   *sql;
	int			i;

	if (!L->si.doc_exists)
		return true;
	sql = xasprintf("SELECT d.content_sha256, d.source FROM %s d", L->si.doc_table);
	res = PQexec(conn, sql);
	free(sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		char	   *e = result_error(res, conn, false);

		fprintf(stderr, _("%s: warning: cannot read %s, so no file is skipped: %s\n"),
				progname, L->si.doc_table, e);
		free(e);
		PQclear(res);
		return true;
	}
	for (i = 0; i < PQntuples(res); i++)
	{
		const char *sha = PQgetvalue(res, i, 0);

		if (is_hex_digest(sha))
			digest_add(&L->seen, sha, -1, PQgetisnull(res, i, 1) ? NULL : PQgetvalue(res, i, 1));
	}
	PQclear(res);
	return true;
}

/* Marks file i done and tells the progress display. */
static void
finish_file(loader *L, int i)
{
	file_entry *f = &L->files->items[i];

	L->pg.done++;
	if (f->state == FILE_LOADED)
	{
		L->pg.loaded++;
		L->pg.indicators += f->counts[C_INDICATORS];
		L->pg.bytes_done += f->size;
	}
	else if (f->state == FILE_SKIPPED)
	{
		L->pg.skipped++;
		L->pg.bytes_skipped += f->size;
	}
	else
	{
		L->pg.failed++;
		L->pg.bytes_done += f->size;
	}
	report_file(&L->pg, f);
	draw_bar(&L->pg, false);
}

/*
 * Starts the next file on slot s; files skipped on the way are finished at
 * once.  Returns false when no file is left.
 */
static bool
start_next(loader *L, slot *s)
{
	while (L->next < L->files->n)
	{
		int			i = L->next++;
		file_entry *f = &L->files->items[i];
		unsigned char *data;
		size_t		len = 0;
		const char *values[4];
		int			lengths[4] = {0, 0, 0, 0};
		int			formats[4] = {0, 0, 0, 0};
		digest_entry *seen;
		const char *sha_param[1] = {f->sha};

		if (f->state == FILE_FAILED)
		{
			finish_file(L, i);	/* could not be read or is not a file */
			continue;
		}
		data = read_file(f->path, &len);
		if (data == NULL)
		{
			fail_file(f, strerror(errno));
			finish_file(L, i);
			continue;
		}
		f->size = (long long) len;
		sha256_hex(data, len, f->sha);
		seen = digest_find(&L->seen, f->sha);
		if (seen != NULL && seen->file >= 0 && !L->force)
		{
			/* the same content as a file of this run: skipped, whatever L->dry_run */
			f->state = FILE_SKIPPED;
			f->same_as = seen->file;
			f->note = xasprintf(_("same content as %s"), L->files->items[seen->file].shown);
			free(data);
			finish_file(L, i);
			continue;
		}
		if (seen != NULL && seen->file < 0 && !L->force && !L->dry_run)
		{
			f->state = FILE_SKIPPED;
			f->note = seen->source
				? xasprintf(_("already imported (as %s)"), seen->source)
				: xstrdup(_("already imported"));
			free(data);
			finish_file(L, i);
			continue;
		}
		if (seen == NULL || seen->file < 0)
			digest_add(&L->seen, f->sha, i, NULL);
		else
			seen->file = i;

		values[0] = (const char *) data;
		lengths[0] = (int) len;
		formats[0] = L->si.has_bytes ? 1 : 0;
		if (!L->si.has_bytes)
		{
			/* the text function: the document as text (no NUL inside) */
			if (memchr(data, '\0', len) != NULL)
			{
				fail_file(f, _("the file contains NUL bytes: this server's ptarget (1.0) reads text only"));
				free(data);
				finish_file(L, i);
				continue;
			}
			data[len] = '\0';	/* read_file left room */
		}
		values[1] = f->shown;
		values[2] = L->schema;
		values[3] = L->lenient ? "true" : "false";
		f->state = FILE_RUNNING;
		s->file = i;
		s->phase = 0;
		memset(s->counts, 0, sizeof(s->counts));
		s->error = NULL;
		s->started = now_seconds();
		if (!PQsendQueryParams(s->conn, L->sql_import, 4, L->param_types, values, lengths, formats, 0) ||
			(L->sql_counts && !L->dry_run &&
			 !PQsendQueryParams(s->conn, L->sql_counts, 1, NULL, sha_param, NULL, NULL, 0)) ||
			!PQpipelineSync(s->conn))
		{
			free(data);
			return true;		/* the loop sees the broken connection */
		}
		free(data);
		return true;
	}
	return false;
}

/* The pipeline of slot s ended (Sync): the file's outcome. */
static void
complete_file(loader *L, slot *s)
{
	file_entry *f = &L->files->items[s->file];

	f->seconds = now_seconds() - s->started;
	if (s->error != NULL)
	{
		f->state = FILE_FAILED;
		f->note = interrupted ? xstrdup(_("interrupted")) : result_error(s->error, s->conn, false);
		f->error_full = result_error(s->error, s->conn, true);
		PQclear(s->error);
		s->error = NULL;
	}
	else if (s->phase == 0)
		fail_file(f, _("the server returned no result"));
	else
	{
		f->state = FILE_LOADED;
		memcpy(f->counts, s->counts, sizeof(f->counts));
	}
	s->file = -1;
	finish_file(L, (int) (f - L->files->items));
}

/*
 * One result of slot s's pipeline: the rows' counts of the import (or read),
 * then the counts ptarget_document recorded (they replace all but the parts
 * skipped), or an error.
 */
static void
handle_result(loader *L, slot *s, PGresult *res)
{
	int			k;

	switch (PQresultStatus(res))
	{
		case PGRES_TUPLES_OK:
			if (PQntuples(res) == 1)
				for (k = 0; k < (s->phase == 0 ? N_COUNTS : C_SKIPPED) && k < PQnfields(res); k++)
					s->counts[k] = PQgetisnull(res, 0, k) ? 0 : atol(PQgetvalue(res, 0, k));
			s->phase++;
			break;
		case PGRES_PIPELINE_ABORTED:
			break;
		default:
			if (s->error == NULL)
			{
				s->error = res;
				return;
			}
			break;
	}
	PQclear(res);
}

/* The connection of slot s broke: its file failed; try to connect again. */
static void
connection_lost(loader *L, slot *s)
{
	if (s->file >= 0)
	{
		file_entry *f = &L->files->items[s->file];
		char	   *e = result_error(NULL, s->conn, false);

		if (s->error)
		{
			free(e);
			e = result_error(s->error, s->conn, false);
			PQclear(s->error);
		}
		s->error = NULL;
		f->seconds = now_seconds() - s->started;
		fail_file(f, e);
		free(e);
		s->file = -1;
		finish_file(L, (int) (f - L->files->items));
	}
	PQfinish(s->conn);
	s->conn = NULL;
	s->dead = true;
	if (!interrupted)
	{
		s->conn = connect_db(L->co);
		if (s->conn != NULL && PQenterPipelineMode(s->conn))
			s->dead = false;
	}
}

/* Reads what the server sent on slot s. */
static void
drain(loader *L, slot *s)
{
	int			nulls = 0;

	if (!PQconsumeInput(s->conn))
	{
		connection_lost(L, s);
		return;
	}
	while (s->file >= 0 && !PQisBusy(s->conn))
	{
		PGresult   *res = PQgetResult(s->conn);

		if (res == NULL)
		{
			/* the end of one query's results; two in a row: nothing more yet */
			if (++nulls > 1)
				break;
			continue;
		}
		nulls = 0;
		if (PQresultStatus(res) == PGRES_PIPELINE_SYNC)
		{
			PQclear(res);
			complete_file(L, s);
			return;
		}
		handle_result(L, s, res);
	}
	if (PQstatus(s->conn) == CONNECTION_BAD)
		connection_lost(L, s);
}

static int
run_loader(loader *L, int jobs)
{
	slot	   *slots;
	int			n_slots,
				i,
				busy;
	bool		cancelled = false;
	struct sigaction sa;

	n_slots = jobs < L->files->n ? jobs : L->files->n;
	if (n_slots < 1)
		n_slots = 1;
	slots = calloc(n_slots, sizeof(slot));
	if (slots == NULL)
		exit(2);
	for (i = 0; i < n_slots; i++)
	{
		slots[i].file = -1;
		slots[i].conn = i == 0 ? NULL : connect_db(L->co);
		if (i > 0 && slots[i].conn == NULL)
			slots[i].dead = true;
	}
	/* slot 0: the connection the server was inspected with */
	slots[0].conn = connect_db(L->co);
	if (slots[0].conn == NULL)
		return 2;
	for (i = 0; i < n_slots; i++)
		if (slots[i].conn != NULL && !PQenterPipelineMode(slots[i].conn))
		{
			fprintf(stderr, _("%s: error: cannot use a pipeline: %s"), progname, PQerrorMessage(slots[i].conn));
			return 2;
		}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	L->pg.started = now_seconds();
	draw_bar(&L->pg, true);
	for (;;)
	{
		struct pollfd pfd[256];
		int			map[256];
		int			n = 0;

		if (interrupted && !cancelled)
		{
			cancelled = true;
			for (i = 0; i < n_slots; i++)
				if (slots[i].file >= 0 && slots[i].conn)
				{
					PGcancel   *c = PQgetCancel(slots[i].conn);
					char		err[256];

					if (c)
					{
						PQcancel(c, err, sizeof(err));
						PQfreeCancel(c);
					}
				}
		}
		busy = 0;
		for (i = 0; i < n_slots; i++)
		{
			slot	   *s = &slots[i];

			if (s->dead || s->conn == NULL)
				continue;
			if (s->file < 0 && !interrupted)
				start_next(L, s);
			if (s->file >= 0)
			{
				if (PQstatus(s->conn) == CONNECTION_BAD)
				{
					connection_lost(L, s);
					continue;
				}
				busy++;
				if (n < 256)
				{
					pfd[n].fd = PQsocket(s->conn);
					pfd[n].events = POLLIN;
					map[n++] = i;
				}
			}
		}
		if (busy == 0)
		{
			bool		alive = false;

			for (i = 0; i < n_slots; i++)
				alive |= !slots[i].dead && slots[i].conn != NULL;
			if (interrupted || L->next >= L->files->n || !alive)
				break;
			continue;
		}
		if (poll(pfd, n, 100) < 0 && errno != EINTR)
			break;
		for (i = 0; i < n; i++)
			if (pfd[i].revents)
				drain(L, &slots[map[i]]);
		draw_bar(&L->pg, false);
	}
	/* files never started: interrupted, or no connection left */
	for (i = L->next; i < L->files->n; i++)
	{
		file_entry *f = &L->files->items[i];

		if (f->state == FILE_PENDING)
		{
			fail_file(f, interrupted ? _("interrupted") : _("no connection to the server"));
			L->pg.done++;
			L->pg.failed++;
		}
	}
	L->next = L->files->n;
	draw_bar(&L->pg, true);
	clear_bar(&L->pg);
	for (i = 0; i < n_slots; i++)
		if (slots[i].conn)
			PQfinish(slots[i].conn);
	free(slots);
	return 0;
}

/* ---------------------------------------------------------------- the table */

static const char *
state_name(const loader *L, file_state s)
{
	switch (s)
	{
		case FILE_LOADED:
			return L->dry_run ? _("read") : _("imported");
		case FILE_SKIPPED:
			return _("skipped");
		case FILE_FAILED:
			return _("failed");
		default:
			return _("not loaded");
	}
}

/* A column title in the language of the messages (context "column": a
 * column "skipped" is not the result "skipped"). */
static const char *
column_title(const char *s)
{
	char		id[128];
	const char *t;

	snprintf(id, sizeof(id), "column%c%s", '\004', s);
	t = gettext(id);
	return t == id ? s : t;
}

static void
print_table(loader *L)
{
	const char *heads[] = {NC_("column", "file"), NC_("column", "result"), NC_("column", "projects"),
		NC_("column", "indicators"), NC_("column", "quantities"), NC_("column", "dates"),
		NC_("column", "labels"), NC_("column", "unparsed"), NC_("column", "skipped"),
	NC_("column", "error or note")};
	enum
	{
		N_COLS = 10
	};
	int			widths[N_COLS];
	long		totals[N_COUNTS] = {0};
	int			i,
				k;
	char		buf[32];
	char	   *total_label;
	bool		any_loaded = false;

	for (k = 0; k < N_COLS; k++)
		widths[k] = display_width(column_title(heads[k]));
	for (i = 0; i < L->files->n; i++)
	{
		file_entry *f = &L->files->items[i];
		int			w = display_width(f->shown);

		if (w > widths[0])
			widths[0] = w;
		w = display_width(state_name(L, f->state));
		if (w > widths[1])
			widths[1] = w;
		if (f->state == FILE_LOADED)
		{
			any_loaded = true;
			for (k = 0; k < N_COUNTS; k++)
				totals[k] += f->counts[k];
		}
	}
	total_label = xasprintf(_("total (%d files)"), L->files->n);
	if (display_width(total_label) > widths[0])
		widths[0] = display_width(total_label);
	for (k = 0; k < N_COUNTS; k++)
	{
		int			w = snprintf(buf, sizeof(buf), "%ld", totals[k]);

		if (w > widths[k + 2])
			widths[k + 2] = w;
	}
	(void) any_loaded;

	for (k = 0; k < N_COLS; k++)
	{
		if (k > 0)
			fputs("  ", stdout);
		if (k == N_COLS - 1)
			fputs(column_title(heads[k]), stdout);
		else
			print_cell(stdout, column_title(heads[k]), widths[k], k >= 2);
	}
	fputc('\n', stdout);
	for (k = 0; k < N_COLS; k++)
	{
		int			j;
		int			w = k == N_COLS - 1 ? display_width(column_title(heads[k])) : widths[k];

		if (k > 0)
			fputs("  ", stdout);
		for (j = 0; j < w; j++)
			fputc('-', stdout);
	}
	fputc('\n', stdout);
	for (i = 0; i < L->files->n; i++)
	{
		file_entry *f = &L->files->items[i];

		print_cell(stdout, f->shown, widths[0], false);
		fputs("  ", stdout);
		print_cell(stdout, state_name(L, f->state), widths[1], false);
		for (k = 0; k < N_COUNTS; k++)
		{
			fputs("  ", stdout);
			if (f->state == FILE_LOADED)
				snprintf(buf, sizeof(buf), "%ld", f->counts[k]);
			else
				snprintf(buf, sizeof(buf), "-");
			print_cell(stdout, buf, widths[k + 2], true);
		}
		if (f->note)
		{
			char	   *line = xstrdup(f->note);
			char	   *nl = strchr(line, '\n');

			if (nl)
				*nl = '\0';
			printf("  %s", line);
			free(line);
		}
		fputc('\n', stdout);
	}
	print_cell(stdout, total_label, widths[0], false);
	fputs("  ", stdout);
	print_cell(stdout, "", widths[1], false);
	for (k = 0; k < N_COUNTS; k++)
	{
		fputs("  ", stdout);
		snprintf(buf, sizeof(buf), "%ld", totals[k]);
		print_cell(stdout, buf, widths[k + 2], true);
	}
	fputc('\n', stdout);
	free(total_label);
}

/* ---------------------------------------------------------------- report */

static int
run_report(int argc, char **argv, conn_options *co)
{
	static const struct option long_options[] = {
		{"schema", required_argument, NULL, 's'},
		{"department", required_argument, NULL, 1},
		{"project", required_argument, NULL, 2},
		{"title", required_argument, NULL, 3},
		{"output", required_argument, NULL, 'o'},
		{"host", required_argument, NULL, 'h'},
		{"port", required_argument, NULL, 'p'},
		{"username", required_argument, NULL, 'U'},
		{"dbname", required_argument, NULL, 'd'},
		{"no-password", no_argument, NULL, 'w'},
		{"password", no_argument, NULL, 'W'},
		{"help", no_argument, NULL, '?'},
		{NULL, 0, NULL, 0}
	};
	const char *schema = NULL,
			   *title = NULL,
			   *output = NULL;
	char	   *departments = xstrdup("{");
	char	   *projects = xstrdup("{");
	int			n_dept = 0,
				n_proj = 0;
	int			c;
	PGconn	   *conn;
	PGresult   *res;
	server_info si;
	char	   *sql;
	const char *values[4];
	FILE	   *out;

	optind = 1;
	while ((c = getopt_long(argc, argv, "s:o:h:p:U:d:wW?", long_options, NULL)) != -1)
	{
		switch (c)
		{
			case 's':
				schema = optarg;
				break;
			case 'o':
				output = optarg;
				break;
			case 1:
			case 2:
				{
					char	  **list = c == 1 ? &departments : &projects;
					int		   *n = c == 1 ? &n_dept : &n_proj;
					size_t		len = strlen(*list);
					const char *p;
					char	   *grown = xmalloc(len + 2 * strlen(optarg) + 4);

					memcpy(grown, *list, len);
					if (*n > 0)
						grown[len++] = ',';
					grown[len++] = '"';
					for (p = optarg; *p; p++)
					{
						if (*p == '"' || *p == '\\')
							grown[len++] = '\\';
						grown[len++] = *p;
					}
					grown[len++] = '"';
					grown[len] = '\0';
					free(*list);
					*list = grown;
					(*n)++;
					break;
				}
			case 3:
				title = optarg;
				break;
			case 'h':
				co->host = optarg;
				break;
			case 'p':
				co->port = optarg;
				break;
			case 'U':
				co->user = optarg;
				break;
			case 'd':
				co->dbname = optarg;
				break;
			case 'w':
				co->prompt_password = -1;
				break;
			case 'W':
				co->prompt_password = 1;
				break;
			case '?':
				if (optopt == 0 && strcmp(argv[optind - 1], "-?") != 0 && strcmp(argv[optind - 1], "--help") != 0)
				{
					try_help();
					return 2;
				}
				if (optopt != 0 && optopt != '?')
				{
					try_help();
					return 2;
				}
				usage();
				return 0;
			default:
				try_help();
				return 2;
		}
	}
	if (optind < argc)
	{
		fprintf(stderr, _("%s: error: report takes no file arguments (\"%s\")\n"), progname, argv[optind]);
		try_help();
		return 2;
	}
	departments = xrealloc(departments, strlen(departments) + 2);
	strcat(departments, "}");
	projects = xrealloc(projects, strlen(projects) + 2);
	strcat(projects, "}");

	conn = connect_db(co);
	if (conn == NULL)
		return 2;
	if (!inspect_server(conn, schema, &si))
	{
		PQfinish(conn);
		return 2;
	}
	sql = xasprintf("SELECT %s.ptarget_report_html($1::pg_catalog.name, $2::pg_catalog.text[],"
					" $3::pg_catalog.text[], $4::pg_catalog.text)", si.ext_schema);
	values[0] = si.doc_schema;
	values[1] = n_dept ? departments : NULL;
	values[2] = n_proj ? projects : NULL;
	values[3] = title;
	res = PQexecParams(conn, sql, 4, NULL, values, NULL, NULL, 0);
	free(sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1)
	{
		char	   *e = result_error(res, conn, true);

		fprintf(stderr, _("%s: error: %s\n"), progname, e);
		free(e);
		PQclear(res);
		PQfinish(conn);
		return 2;
	}
	out = output ? fopen(output, "w") : stdout;
	if (out == NULL)
	{
		fprintf(stderr, _("%s: error: cannot write \"%s\": %s\n"), progname, output, strerror(errno));
		PQclear(res);
		PQfinish(conn);
		return 2;
	}
	fputs(PQgetvalue(res, 0, 0), out);
	if ((output && fclose(out) != 0) || (!output && fflush(out) != 0))
	{
		fprintf(stderr, _("%s: error: cannot write \"%s\": %s\n"), progname,
				output ? output : "stdout", strerror(errno));
		PQclear(res);
		PQfinish(conn);
		return 2;
	}
	if (output)
		fprintf(stderr, _("%s: wrote %s\n"), progname, output);
	PQclear(res);
	PQfinish(conn);
	return 0;
}

/* ---------------------------------------------------------------- main */

int
main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"jobs", required_argument, NULL, 'j'},
		{"dry-run", no_argument, NULL, 'n'},
		{"schema", required_argument, NULL, 's'},
		{"lenient", no_argument, NULL, 1},
		{"force", no_argument, NULL, 'f'},
		{"progress", required_argument, NULL, 2},
		{"quiet", no_argument, NULL, 'q'},
		{"host", required_argument, NULL, 'h'},
		{"port", required_argument, NULL, 'p'},
		{"username", required_argument, NULL, 'U'},
		{"dbname", required_argument, NULL, 'd'},
		{"no-password", no_argument, NULL, 'w'},
		{"password", no_argument, NULL, 'W'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, '?'},
		{NULL, 0, NULL, 0}
	};
	conn_options co = {0};
	loader		L;
	file_list	files = {0};
	dir_stack	ds = {{0}, {0}, 0};
	int			jobs = 1;
	bool		quiet = false;
	progress_mode mode = PROGRESS_AUTO;
	int			c,
				i;
	PGconn	   *conn;
	const char *lang;

	setlocale(LC_ALL, "");
	bindtextdomain(TEXTDOMAIN, getenv("PTARGET_LOAD_LOCALEDIR") ? getenv("PTARGET_LOAD_LOCALEDIR") : LOCALEDIR);
	textdomain(TEXTDOMAIN);
	if (argc > 0 && argv[0])
	{
		const char *slash = strrchr(argv[0], '/');

		progname = slash ? slash + 1 : argv[0];
	}
	memset(&L, 0, sizeof(L));
	lang = nl_langinfo(CODESET);
	L.pg.utf8 = lang && strcmp(lang, "UTF-8") == 0;

	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return run_report(argc - 1, argv + 1, &co);

	while ((c = getopt_long(argc, argv, "j:ns:fqh:p:U:d:wWV?", long_options, NULL)) != -1)
	{
		switch (c)
		{
			case 'j':
				{
					char	   *end;
					long		v = strtol(optarg, &end, 10);

					if (*end != '\0' || v < 1 || v > 64)
					{
						fprintf(stderr, _("%s: error: --jobs must be a number from 1 to 64\n"), progname);
						try_help();
						return 2;
					}
					jobs = (int) v;
					break;
				}
			case 'n':
				L.dry_run = true;
				break;
			case 's':
				L.schema = optarg;
				break;
			case 1:
				L.lenient = true;
				break;
			case 'f':
				L.force = true;
				break;
			case 2:
				if (strcmp(optarg, "auto") == 0)
					mode = PROGRESS_AUTO;
				else if (strcmp(optarg, "bar") == 0)
					mode = PROGRESS_BAR;
				else if (strcmp(optarg, "lines") == 0)
					mode = PROGRESS_LINES;
				else if (strcmp(optarg, "none") == 0)
					mode = PROGRESS_NONE;
				else
				{
					fprintf(stderr, _("%s: error: --progress must be auto, bar, lines or none\n"), progname);
					try_help();
					return 2;
				}
				break;
			case 'q':
				quiet = true;
				break;
			case 'h':
				co.host = optarg;
				break;
			case 'p':
				co.port = optarg;
				break;
			case 'U':
				co.user = optarg;
				break;
			case 'd':
				co.dbname = optarg;
				break;
			case 'w':
				co.prompt_password = -1;
				break;
			case 'W':
				co.prompt_password = 1;
				break;
			case 'V':
				printf("ptarget-load (ptarget) %s\n", PTARGET_VERSION);
				return 0;
			case '?':
				if (optopt != 0 && optopt != '?')
				{
					try_help();
					return 2;
				}
				if (optopt == 0 && strcmp(argv[optind - 1], "-?") != 0 && strcmp(argv[optind - 1], "--help") != 0)
				{
					try_help();
					return 2;
				}
				usage();
				return 0;
			default:
				try_help();
				return 2;
		}
	}
	if (optind >= argc)
	{
		fprintf(stderr, _("%s: error: no file or directory given\n"), progname);
		try_help();
		return 2;
	}
	for (i = optind; i < argc; i++)
		collect(&files, argv[i], true, &ds);
	if (files.n == 0)
	{
		fprintf(stderr, _("%s: error: no documents found in the directories given\n"), progname);
		return 2;
	}
	if (quiet)
		mode = PROGRESS_NONE;
	else if (mode == PROGRESS_AUTO)
	{
		const char *term = getenv("TERM");

		mode = isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0) ? PROGRESS_BAR : PROGRESS_LINES;
	}

	co.dbname = co.dbname;
	L.co = &co;
	L.files = &files;
	L.pg.mode = mode;
	L.pg.total = files.n;
	for (i = 0; i < files.n; i++)
		L.pg.bytes_total += files.items[i].size;

	conn = connect_db(&co);
	if (conn == NULL)
		return 2;
	if (!inspect_server(conn, L.schema, &L.si))
	{
		PQfinish(conn);
		return 2;
	}
	if (!L.si.has_bytes && mode != PROGRESS_NONE)
		fprintf(stderr, _("%s: the server's ptarget %s imports text only: files are sent as UTF-8 text\n"),
				progname, L.si.ext_version);
	if (!L.force && !load_seen(&L, conn))
	{
		PQfinish(conn);
		return 2;
	}
	PQfinish(conn);
	build_sql(&L);

	if (run_loader(&L, jobs) != 0)
		return 2;

	if (!quiet)
	{
		print_table(&L);
		if (L.dry_run)
			printf(_("%d files: %d read, %d skipped, %d failed (dry run: nothing was imported)\n"),
				   files.n, L.pg.loaded, L.pg.skipped, L.pg.failed);
		else
			printf(_("%d files: %d imported, %d skipped, %d failed\n"),
				   files.n, L.pg.loaded, L.pg.skipped, L.pg.failed);
	}
	if (L.pg.failed == 0)
		return 0;
	return L.pg.failed == files.n ? 2 : 1;
}
