/*
 * pg_io.c — ptarget's input, output, binary send/receive, and the shared
 * glue helpers (encoding, error reporting, datum packing).
 */
#include "pg_ptarget.h"

#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/numeric.h"
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#endif

PG_MODULE_MAGIC;

/* Version byte that starts the binary (send/receive) form. */
#define PT_BINARY_VERSION 1

void
pg_ptarget_unpack(Datum datum, pt_target *t)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(datum);

	if (!pt_unpack((const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), t))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("stored ptarget value is corrupted"),
				 errhint("The value was not written by this version of ptarget, or the storage is damaged.")));
}

Datum
pg_ptarget_datum(const pt_target *t)
{
	size_t		size = pt_packed_size(t);
	struct varlena *v = (struct varlena *) palloc(VARHDRSZ + size);

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

void
pg_ptarget_report(const pt_error *err, const char *input, Node *escontext)
{
	const char *what = err->status == PT_ERR_DATE ? "date in target" :
		err->status == PT_ERR_RANGE ? "magnitude in target" : "input syntax for type ptarget";

#if PG_VERSION_NUM >= 160000
	errsave(escontext,
			(errcode(sqlstate_of(err->status)),
			 errmsg("invalid %s: \"%s\"", what, input),
			 errdetail("%s", err->message),
			 errhint("%s", err->hint)));
#else
	(void) escontext;
	ereport(ERROR,
			(errcode(sqlstate_of(err->status)),
			 errmsg("invalid %s: \"%s\"", what, input),
			 errdetail("%s", err->message),
			 errhint("%s", err->hint)));
#endif
}

/* The core reads UTF-8; other database encodings are converted (or refused). */
static char *
to_utf8(const char *text, size_t len)
{
	return (char *) pg_do_encoding_conversion((unsigned char *) text, (int) len,
											  GetDatabaseEncoding(), PG_UTF8);
}

bool
pg_ptarget_parse(const char *text, size_t len, pt_target *t, Node *escontext)
{
	char	   *utf8 = to_utf8(text, len);
	size_t		utf8_len = (utf8 == text) ? len : strlen(utf8);
	char	   *scratch = palloc(pt_parse_scratch_size(utf8_len));
	pt_error	err;

	if (pt_parse(utf8, utf8_len, t, scratch, &err) != PT_OK)
	{
		pg_ptarget_report(&err, pnstrdup(text, len), escontext);
		return false;
	}
	return true;
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

void
pg_numeric_to_decimal(Datum numeric, pt_decimal *d, int *places)
{
	char	   *text = DatumGetCString(DirectFunctionCall1(numeric_out, numeric));
	size_t		len = strlen(text);
	size_t		consumed = 0;
	pt_decimal_status st = pt_decimal_scan(text, len, d, places, &consumed);

	if (st == PT_DECIMAL_OK && consumed == len)
		return;
	if (st == PT_DECIMAL_NONE)	/* NaN and infinities print as words */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot use numeric \"%s\" as a target magnitude", text),
				 errhint("A target's magnitude must be a finite decimal number.")));
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("numeric \"%s\" is out of range for a target magnitude", text),
			 errhint("ptarget keeps up to 28 significant digits, between 1e-60 and 1e60.")));
}

/* ---------------------------------------------------------------- I/O */

PG_FUNCTION_INFO_V1(ptarget_in);
Datum
ptarget_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	pt_target	t;

	if (!pg_ptarget_parse(text, strlen(text), &t, fcinfo->context))
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

PG_FUNCTION_INFO_V1(ptarget_out);
Datum
ptarget_out(PG_FUNCTION_ARGS)
{
	pt_target	t;
	size_t		len;
	char	   *utf8;

	PG_GETARG_PTARGET(0, &t);
	utf8 = canonical_utf8(&t, &len);
	PG_RETURN_CSTRING(pg_ptarget_cstring(utf8, len));
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
