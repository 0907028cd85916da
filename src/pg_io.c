/*
 * pg_io.c — ptarget's input, output, binary send/receive, and the shared
 * glue helpers (encoding, error reporting, datum packing).
 */
#include "pg_ptarget.h"

#include "catalog/namespace.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/memutils.h"
#include "utils/builtins.h"
#include "utils/numeric.h"
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#endif

PG_MODULE_MAGIC;

void		_PG_init(void);

/* The module's messages in the session's lc_messages (po/, src/pg_nls.c). */
void
_PG_init(void)
{
	pg_bindtextdomain(TEXTDOMAIN);
}

/* Version byte that starts the binary (send/receive) form. */
#define PT_BINARY_VERSION 1

void
pg_ptarget_unpack(Datum datum, pt_target *t)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(datum);

	/* (what PG_DETOAST_DATUM_PACKED does, without a call for values stored inline) */
	if (VARATT_IS_EXTERNAL(v) || VARATT_IS_COMPRESSED(v))
		v = PG_DETOAST_DATUM_PACKED(datum);

	if (!pt_unpack((const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), t))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("stored ptarget value is corrupted"),
				 errhint("The value was not written by this version of ptarget, or the storage is damaged.")));
}

Datum
pg_ptarget_datum(const pt_target *t)
{
	size_t		size;
	struct varlena *v;

	if (t->kind != PT_KIND_LABEL)
	{
		/* a quantity or a date: packed once on the stack, then copied */
		uint8_t		bytes[PT_PACKED_MAX_NON_LABEL];

		size = pt_pack(t, bytes);
		v = (struct varlena *) palloc(VARHDRSZ + size);
		SET_VARSIZE(v, VARHDRSZ + size);
		memcpy(VARDATA(v), bytes, size);
		return PointerGetDatum(v);
	}
	size = pt_packed_size(t);
	v = (struct varlena *) palloc(VARHDRSZ + size);
	SET_VARSIZE(v, VARHDRSZ + size);
	pt_pack(t, (uint8_t *) VARDATA(v));
	return PointerGetDatum(v);
}

static int
sqlstate_of(pt_status status)
{
	switch (status)
	{
		case PT_ERR_DATE:
			return ERRCODE_DATETIME_FIELD_OVERFLOW;
		case PT_ERR_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case PT_ERR_INVALID:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case PT_ERR_CORRUPT:
			return ERRCODE_DATA_CORRUPTED;
		default:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
	}
}

/* ---------------------------------------------------------------- messages */

/*
 * UTF-8 text in the database encoding, for messages: a character the encoding
 * lacks becomes '?' (an error report must never fail to convert).
 */
static char *
utf8_to_server_lossy(const char *utf8, size_t len)
{
	int			encoding = GetDatabaseEncoding();
	Oid			proc;
	StringInfoData out;
	size_t		pos = 0;

	if (encoding == PG_UTF8 || encoding == PG_SQL_ASCII)
		return pnstrdup(utf8, len);
	proc = FindDefaultConversionProc(PG_UTF8, encoding);
	initStringInfo(&out);
	while (pos < len)
	{
		/* whole characters only, a bounded chunk at a time */
		size_t		chunk = 0;
		int			converted = 0;

		while (pos + chunk < len)
		{
			size_t		l = (size_t) pg_utf_mblen((const unsigned char *) utf8 + pos + chunk);

			if (pos + chunk + l > len || chunk + l > 1024)
				break;
			chunk += l;
		}
		if (OidIsValid(proc) && chunk > 0)
		{
			unsigned char dst[1024 * MAX_CONVERSION_GROWTH + 1];

			converted = pg_do_encoding_conversion_buf(proc, PG_UTF8, encoding,
													  (unsigned char *) utf8 + pos, (int) chunk,
													  dst, sizeof(dst), true);
			appendStringInfoString(&out, (const char *) dst);
			pos += converted;
		}
		if ((size_t) converted < chunk || chunk == 0)
		{
			/* one character the encoding cannot hold (or a broken one) */
			size_t		l = (size_t) pg_utf_mblen((const unsigned char *) utf8 + pos);

			if ((unsigned char) utf8[pos] < 0x80)
				appendStringInfoChar(&out, utf8[pos]);
			else
				appendStringInfoChar(&out, '?');
			pos += Min(l, len - pos);
		}
	}
	return out.data;
}

char *
pg_ptarget_message_text(const char *utf8)
{
	return utf8_to_server_lossy(utf8, strlen(utf8));
}

/* "…" in the database encoding, or "..." where it has none */
static const char *
ellipsis(void)
{
	static char *cached = NULL;

	if (cached == NULL)
	{
		char	   *e = utf8_to_server_lossy("\xE2\x80\xA6", 3);

		cached = MemoryContextStrdup(TopMemoryContext, strchr(e, '?') ? "..." : e);
	}
	return cached;
}

/*
 * Bytes of the first `limit` characters of s[0..len) and, in *chars, the
 * number of characters of the whole string.  SQL_ASCII databases hold the
 * targets' UTF-8 as it came, so their text is cut as UTF-8.
 */
static size_t
clip_characters(int encoding, const char *s, size_t len, size_t limit, size_t *chars)
{
	size_t		pos = 0,
				n = 0,
				cut = len;

	if (encoding == PG_SQL_ASCII)
		encoding = PG_UTF8;
	while (pos < len)
	{
		size_t		l = (size_t) pg_encoding_mblen(encoding, s + pos);

		if (n == limit)
			cut = pos;
		pos += Min(Max(l, 1), len - pos);
		n++;
	}
	*chars = n;
	return n > limit ? cut : len;
}

static char *
quote_in(int encoding, const char *s, size_t len, bool utf8)
{
	size_t		chars;
	size_t		cut = clip_characters(encoding, s, len, PG_PTARGET_QUOTE_CHARS, &chars);
	char	   *shown = utf8 ? utf8_to_server_lossy(s, cut) : pnstrdup(s, cut);

	if (cut == len)
		return psprintf("\"%s\"", shown);
	return psprintf(pg_ptarget_gettext("\"%s%s\" (%zu characters)"), shown, ellipsis(), chars);
}

char *
pg_ptarget_quote(const char *s, size_t len)
{
	return quote_in(GetDatabaseEncoding(), s, len, false);
}

char *
pg_ptarget_quote_utf8(const char *utf8, size_t len)
{
	return quote_in(PG_UTF8, utf8, len, true);
}

/* A core error about input s[0..len) (database encoding) as an ereport. */
static void
report_input(const pt_error *err, const char *input, size_t len, Node *escontext)
{
	const char *what = err->status == PT_ERR_DATE ? gettext_noop("invalid date in target: %s") :
		err->status == PT_ERR_RANGE ? gettext_noop("invalid magnitude in target: %s") :
		gettext_noop("invalid input syntax for type ptarget: %s");
	char	   *quoted = pg_ptarget_quote(input, len);
	char	   *detail = pg_ptarget_message_text(err->message);
	char	   *hint = pg_ptarget_message_text(err->hint);

#if PG_VERSION_NUM >= 160000
	errsave(escontext,
			(errcode(sqlstate_of(err->status)),
			 errmsg(what, quoted),
			 errdetail("%s", detail),
			 errhint("%s", hint)));
#else
	(void) escontext;
	ereport(ERROR,
			(errcode(sqlstate_of(err->status)),
			 errmsg(what, quoted),
			 errdetail("%s", detail),
			 errhint("%s", hint)));
#endif
}

void
pg_ptarget_report(const pt_error *err, const char *input, Node *escontext)
{
	report_input(err, input, strlen(input), escontext);
}

/* The core reads UTF-8; other database encodings are converted (or refused). */
static char *
to_utf8(const char *text, size_t len)
{
	int			encoding = GetDatabaseEncoding();

	/* (pg_do_encoding_conversion returns the text itself too, after a call) */
	if (encoding == PG_UTF8)
		return (char *) text;
	return (char *) pg_do_encoding_conversion((unsigned char *) text, (int) len, encoding, PG_UTF8);
}

/*
 * Scratch of a parse: on the stack for the short texts targets are (the
 * value points into it until it is packed), else allocated.
 */
#define PARSE_STACK_SCRATCH 1024

static bool
parse_with_scratch(const char *text, size_t len, pt_target *t, Node *escontext, char *scratch)
{
	char	   *utf8 = to_utf8(text, len);
	size_t		utf8_len = (utf8 == text) ? len : strlen(utf8);
	pt_error	err;

	if (pt_parse_scratch_size(utf8_len) > PARSE_STACK_SCRATCH)
		scratch = palloc(pt_parse_scratch_size(utf8_len));
	if (pt_parse(utf8, utf8_len, t, scratch, &err) != PT_OK)
	{
		report_input(&err, text, len, escontext);
		return false;
	}
	return true;
}

bool
pg_ptarget_parse(const char *text, size_t len, pt_target *t, Node *escontext)
{
	/* t must stay valid after return: the scratch it points into is allocated */
	return parse_with_scratch(text, len, t, escontext,
							  palloc(Max(pt_parse_scratch_size(len), PARSE_STACK_SCRATCH + 1)));
}

char *
pg_ptarget_cstring(const char *utf8, size_t len)
{
	char	   *server = pg_any_to_server(utf8, (int) len, PG_UTF8);

	return server == utf8 ? pnstrdup(utf8, len) : server;
}

text *
pg_ptarget_text(const char *utf8, size_t len)
{
	char	   *server = pg_any_to_server(utf8, (int) len, PG_UTF8);

	return cstring_to_text_with_len(server, server == utf8 ? (int) len : (int) strlen(server));
}

char *
pg_ptarget_utf8(text *t, size_t *len)
{
	char	   *s = text_to_cstring(t);
	char	   *utf8 = to_utf8(s, strlen(s));

	*len = strlen(utf8);
	return utf8;
}

Datum
pg_decimal_to_numeric(const pt_decimal *d, int places)
{
	char		buf[PT_DECIMAL_TEXT_MAX];

	pt_decimal_format(d, places, buf);
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/*
 * A numeric argument as an exact decimal, or an error that says what the
 * number was for: a target's magnitude, or a number tested against a target.
 */
void
pg_ptarget_numeric_decimal(Datum numeric, pg_ptarget_number_role role, pt_decimal *d, int *places)
{
	Numeric		num = DatumGetNumeric(numeric);
	char	   *text;
	size_t		len;
	size_t		consumed = 0;
	pt_decimal_status st;
	const char *detail;
	static const char *const limits =
		gettext_noop("ptarget keeps up to 28 significant digits (zeros ending a whole number do not count), "
					 "at most 60 digits before the decimal point and 60 after it.");

	if (numeric_is_nan(num))
	{
		if (role == PG_PTARGET_TESTED)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot test whether NaN lies in a target"),
					 errdetail("NaN is not a number on any scale: no target contains it or excludes it."),
					 errhint("Test only numbers: leave NaN out first, e.g. x <> 'NaN' AND target @> x.")));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot use numeric \"NaN\" as a target magnitude"),
				 errhint("A target's magnitude must be a finite decimal number.")));
	}
	if (numeric_is_inf(num))
	{
		const char *name = DatumGetCString(DirectFunctionCall1(numeric_out, numeric));

		if (role == PG_PTARGET_TESTED)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot test whether %s lies in a target", name),
					 errdetail("ptarget compares finite decimal numbers only."),
					 errhint("Test only finite numbers: leave infinities out first, e.g. x NOT IN ('Infinity', '-Infinity').")));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot use numeric \"%s\" as a target magnitude", name),
				 errhint("%s", pg_ptarget_message_text(PT_("A target's magnitude must be a finite decimal number; "
														   "leave the bound open instead: ≥5 already means [5, +∞).")))));
	}

	text = DatumGetCString(DirectFunctionCall1(numeric_out, numeric));
	len = strlen(text);
	st = pt_decimal_scan(text, len, d, places, &consumed);
	if (st == PT_DECIMAL_OK && consumed == len)
		return;
	detail = pg_ptarget_gettext(st == PT_DECIMAL_TOO_PRECISE ? gettext_noop("It has more than 28 significant digits.") :
								st == PT_DECIMAL_TOO_LARGE ? gettext_noop("It has more than 60 digits before the decimal point.") :
								st == PT_DECIMAL_OUT_OF_RANGE ? gettext_noop("It has more than 60 decimal places.") :
								gettext_noop("It is not a plain decimal number."));
	if (role == PG_PTARGET_TESTED)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cannot test whether numeric %s lies in a target", pg_ptarget_quote(text, len)),
				 errdetail("%s", detail),
				 errhint("%s Round the number to fewer digits first.", pg_ptarget_gettext(limits))));
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("numeric %s is out of range for a target magnitude", pg_ptarget_quote(text, len)),
			 errdetail("%s", detail),
			 errhint("%s", pg_ptarget_gettext(limits))));
}

void
pg_numeric_to_decimal(Datum numeric, pt_decimal *d, int *places)
{
	pg_ptarget_numeric_decimal(numeric, PG_PTARGET_MAGNITUDE, d, places);
}

/* ---------------------------------------------------------------- I/O */

PG_FUNCTION_INFO_V1(ptarget_in);
Datum
ptarget_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	pt_target	t;
	char		scratch[PARSE_STACK_SCRATCH];

	/* packed before returning, so the value may point into the stack */
	if (!parse_with_scratch(text, strlen(text), &t, fcinfo->context, scratch))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(pg_ptarget_datum(&t));
}

static char *
canonical_utf8(const pt_target *t, size_t *len)
{
	size_t		cap = pt_format_size(t) + 1;
	char	   *buf = palloc(cap);

	*len = pt_format(t, buf, cap);
	return buf;
}

/*
 * The canonical text of t in UTF-8: formatted into buf (cap bytes) when it
 * fits, as most do (room for a decimal's longest text), else into palloc'd
 * memory.  *len is its length.
 */
static const char *
format_canonical(const pt_target *t, char *buf, size_t cap, size_t *len)
{
	*len = pt_format(t, buf, cap);
	return *len < cap ? buf : canonical_utf8(t, len);
}

PG_FUNCTION_INFO_V1(ptarget_out);
Datum
ptarget_out(PG_FUNCTION_ARGS)
{
	pt_target	t;
	size_t		len;
	const char *utf8;
	char		buf[1024];

	PG_GETARG_PTARGET(0, &t);
	utf8 = format_canonical(&t, buf, sizeof(buf), &len);
	/* a UTF-8 database takes the text as it is (as pg_any_to_server does): one copy */
	if (GetDatabaseEncoding() == PG_UTF8)
	{
		char	   *out = palloc(len + 1);

		memcpy(out, utf8, len);
		out[len] = '\0';
		PG_RETURN_CSTRING(out);
	}
	PG_RETURN_CSTRING(pg_ptarget_cstring(utf8, len));
}

/*
 * The cast to text (1.1): the canonical text as ptarget_out writes it, put
 * into the text directly instead of through a cstring the cast copies.
 */
PG_FUNCTION_INFO_V1(ptarget_to_text);
Datum
ptarget_to_text(PG_FUNCTION_ARGS)
{
	pt_target	t;
	size_t		len;
	const char *utf8;
	char		buf[1024];

	PG_GETARG_PTARGET(0, &t);
	utf8 = format_canonical(&t, buf, sizeof(buf), &len);
	if (GetDatabaseEncoding() == PG_UTF8)
	{
		text	   *result = (text *) palloc(VARHDRSZ + len);

		SET_VARSIZE(result, VARHDRSZ + len);
		memcpy(VARDATA(result), utf8, len);
		PG_RETURN_TEXT_P(result);
	}
	PG_RETURN_TEXT_P(pg_ptarget_text(utf8, len));
}

/*
 * Binary form: a version byte, then the canonical text.  Receiving parses
 * that text with the same grammar as input, so nothing unchecked gets in.
 */
PG_FUNCTION_INFO_V1(ptarget_send);
Datum
ptarget_send(PG_FUNCTION_ARGS)
{
	pt_target	t;
	size_t		len;
	char	   *utf8;
	StringInfoData buf;

	PG_GETARG_PTARGET(0, &t);
	utf8 = canonical_utf8(&t, &len);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, PT_BINARY_VERSION);
	utf8 = pg_ptarget_cstring(utf8, len);
	pq_sendtext(&buf, utf8, strlen(utf8));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(ptarget_recv);
Datum
ptarget_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	int			nbytes;
	char	   *text;
	pt_target	t;

	if (buf->len - buf->cursor < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary ptarget value is empty"),
				 errhint("A binary ptarget starts with format version %d.", PT_BINARY_VERSION)));
	version = pq_getmsgbyte(buf);
	if (version != PT_BINARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary ptarget format version %d", version),
				 errhint("This ptarget reads binary format version %d.", PT_BINARY_VERSION)));
	text = pq_getmsgtext(buf, buf->len - buf->cursor, &nbytes);
	if (memchr(text, '\0', nbytes) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary ptarget value contains a NUL byte")));
	pg_ptarget_parse(text, nbytes, &t, NULL);
	PG_RETURN_DATUM(pg_ptarget_datum(&t));
}
