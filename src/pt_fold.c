/*
 * pt_fold.c — UTF-8 decoding and folding of look-alike characters.
 */
#include "pt_fold.h"

#include <stdint.h>
#include <string.h>

size_t
pt_utf8_char_len(const char *s, size_t len, unsigned *codepoint)
{
	const unsigned char *u = (const unsigned char *) s;
	unsigned	cp;
	size_t		n,
				i;

	if (len == 0)
		return 0;
	if (u[0] < 0x80)
	{
		*codepoint = u[0];
		return u[0] == 0 ? 0 : 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF)
	{
		n = 2;
		cp = u[0] & 0x1F;
	}
	else if (u[0] >= 0xE0 && u[0] <= 0xEF)
	{
		n = 3;
		cp = u[0] & 0x0F;
	}
	else if (u[0] >= 0xF0 && u[0] <= 0xF4)
	{
		n = 4;
		cp = u[0] & 0x07;
	}
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++)
	{
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (u[i] & 0x3F);
	}
	/* reject overlong forms, surrogates and values past U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		(cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*codepoint = cp;
	return n;
}

bool
pt_is_ideograph(unsigned cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
		(cp >= 0x20000 && cp <= 0x2FA1F);
}

int
pt_bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int			c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c < 0 ? -1 : 1;
	return (alen > blen) - (alen < blen);
}

bool
pt_is_space(unsigned cp)
{
	switch (cp)
	{
		case ' ':
		case '\t':
		case '\r':
		case '\n':
		case '\v':
		case '\f':
		case 0x00A0:			/* no-break space */
		case 0x2002:			/* en space */
		case 0x2003:			/* em space */
		case 0x2009:			/* thin space */
		case 0x200A:			/* hair space */
		case 0x202F:			/* narrow no-break space */
		case 0x3000:			/* ideographic space */
			return true;
		default:
			return false;
	}
}

/* The folded code point of cp (cp itself when nothing applies). */
static unsigned
fold_codepoint(unsigned cp)
{
	/* full-width ASCII, but keep （ ） which are part of units like 台（套） */
	if (cp >= 0xFF01 && cp <= 0xFF5E && cp != 0xFF08 && cp != 0xFF09)
		cp -= 0xFEE0;
	if (pt_is_space(cp))
		return ' ';
	switch (cp)
	{
		case 0x2267:			/* ≧ */
		case 0x2A7E:			/* ⩾ */
			return 0x2265;		/* ≥ */
		case 0x2266:			/* ≦ */
		case 0x2A7D:			/* ⩽ */
			return 0x2264;		/* ≤ */
		case 0x2550:			/* ═ used as = */
			return '=';
		case 0x2212:			/* minus sign */
			return '-';
		case 0x2013:			/* en dash */
		case 0x2014:			/* em dash */
		case 0x2015:
		case 0x301C:			/* wave dash */
		case 0xFE63:
			return '~';
		default:
			return cp;
	}
}

static size_t
encode_utf8(unsigned cp, char *out)
{
	if (cp < 0x80)
	{
		out[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (char) (0xC0 | (cp >> 6));
		out[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = (char) (0xE0 | (cp >> 12));
		out[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char) (0xF0 | (cp >> 18));
	out[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

size_t
pt_fold(const char *s, size_t len, char *out)
{
	size_t		i = 0,
				n = 0;

	while (i < len)
	{
		unsigned	cp;
		size_t		clen;

		/* printable ASCII folds to itself */
		if ((unsigned char) s[i] > 0x20 && (unsigned char) s[i] < 0x7F)
		{
			out[n++] = s[i++];
			continue;
		}
		/*
		 * Three-byte characters, most of what targets are written in: lead
		 * bytes E1..EC and EE..EF are valid whenever two continuation bytes
		 * follow (E0 and ED need the checks below against overlong forms and
		 * surrogates); a character that does not fold is copied as it is.
		 */
		if ((unsigned char) s[i] >= 0xE4 && (unsigned char) s[i] <= 0xE9 && i + 2 < len &&
			((unsigned char) s[i + 1] & 0xC0) == 0x80 && ((unsigned char) s[i + 2] & 0xC0) == 0x80)
		{
			/* U+4000..U+9FFF, the ideographs: none folds */
			out[n] = s[i];
			out[n + 1] = s[i + 1];
			out[n + 2] = s[i + 2];
			n += 3;
			i += 3;
			continue;
		}
		if ((unsigned char) s[i] >= 0xE1 && (unsigned char) s[i] <= 0xEF && (unsigned char) s[i] != 0xED &&
			i + 2 < len && ((unsigned char) s[i + 1] & 0xC0) == 0x80 && ((unsigned char) s[i + 2] & 0xC0) == 0x80)
		{
			unsigned	c3 = (((unsigned) s[i] & 0x0F) << 12) | (((unsigned) s[i + 1] & 0x3F) << 6) |
				((unsigned) s[i + 2] & 0x3F);
			unsigned	f = fold_codepoint(c3);

			if (f == c3)
			{
				out[n] = s[i];
				out[n + 1] = s[i + 1];
				out[n + 2] = s[i + 2];
				n += 3;
			}
			else
				n += encode_utf8(f, out + n);
			i += 3;
			continue;
		}
		clen = pt_utf8_char_len(s + i, len - i, &cp);
		if (clen == 0)
			return (size_t) -1;
		/* folding never lengthens a character, so out never overflows */
		n += encode_utf8(fold_codepoint(cp), out + n);
		i += clen;
	}
	out[n] = '\0';
	return n;
}
