/*
 * pt_numfmt.c — Excel number formats (pt_ooxml.h): the text a cell shows.
 *
 * A sheet stores a number as the decimal text Excel wrote ("0.95",
 * "45291", "1.5E-3") and a style whose number format says how to show it
 * ("0%", "yyyy\"年\"m\"月\"", "#,##0.00").  This file compiles a format code
 * into tokens once and renders numbers with it, in decimal arithmetic on the
 * written digits: percent scaling, thousands scaling and rounding move or
 * cut digits, never through a binary double.
 *
 *   sections      up to four, by ';': positive;negative;zero;text.  One
 *                 section: every number (a minus sign added); two: >= 0 and
 *                 < 0; a section with '@' is the text section.  Conditions
 *                 ([>=100]) choose between the first two.
 *   numbers       0 # ? digit placeholders, '.', ',' between placeholders
 *                 (grouping) or after them (÷1000 each), '%' (×100 each),
 *                 E+ E- (scientific, ##0.0E+0 engineering), fractions
 *                 (# ?/?, # ??/??, ?/8), General (or G/通用格式), literals ("text", \c,
 *                 unquoted text, [$¥-804]), _c as a space, *c (fill) as
 *                 nothing; colours and [DBNum1] are not shown.
 *   dates         y yy yyyy, m mm mmm mmmm mmmmm (minutes after h or before
 *                 s), d dd ddd dddd, aaa aaaa (一, 星期一), h hh, s ss, .0 .00
 *                 .000, [h] [m] [s], AM/PM A/P 上午/下午, e (year); serials in
 *                 the 1900 date system (serial 60 is 1900-02-29, Excel's
 *                 Lotus-compatible leap day; 0 is 1900-01-00) or 1904.
 *   General       at most 15 significant digits, trailing zeros dropped; 12 or
 *                 more integer digits, or below 1E-9: scientific with 6
 *                 (1.23457E+11).
 *
 * Built-in format ids are those of a Chinese (zh-CN) Excel: 14 is
 * yyyy/m/d, 27-36 and 50-58 the 年月日 forms, 5-8 and 42/44 in ¥.
 * Everything is bounded: a code longer than 1024 bytes is General; output
 * is cut at the caller's buffer.  No recursion.
 */
#include "pt_date.h"
#include "pt_ooxml.h"

#include <stdint.h>
#include <string.h>

#define CODE_MAX    1024
#define DMAX        40          /* significant digits kept */
#define EXP_MAX     400         /* beyond: not a number Excel writes */

/* ------------------------------------------------------------------------
 * Built-in formats
 * ------------------------------------------------------------------------ */

const char *
pt_numfmt_builtin(int id)
{
    switch (id)
    {
        case 0: return "General";
        case 1: return "0";
        case 2: return "0.00";
        case 3: return "#,##0";
        case 4: return "#,##0.00";
        case 5: return "¥#,##0;¥-#,##0";
        case 6: return "¥#,##0;[Red]¥-#,##0";
        case 7: return "¥#,##0.00;¥-#,##0.00";
        case 8: return "¥#,##0.00;[Red]¥-#,##0.00";
        case 9: return "0%";
        case 10: return "0.00%";
        case 11: return "0.00E+00";
        case 12: return "# ?/?";
        case 13: return "# ?\?/?\?";
        case 14: return "yyyy/m/d";
        case 15: return "d-mmm-yy";
        case 16: return "d-mmm";
        case 17: return "mmm-yy";
        case 18: return "h:mm AM/PM";
        case 19: return "h:mm:ss AM/PM";
        case 20: return "h:mm";
        case 21: return "h:mm:ss";
        case 22: return "yyyy/m/d h:mm";
        case 27: case 36: case 50: case 52: case 57:
            return "yyyy\"年\"m\"月\"";
        case 28: case 29: case 51: case 53: case 54: case 58:
            return "m\"月\"d\"日\"";
        case 30: return "m-d-yy";
        case 31: return "yyyy\"年\"m\"月\"d\"日\"";
        case 32: return "h\"时\"mm\"分\"";
        case 33: return "h\"时\"mm\"分\"ss\"秒\"";
        case 34: case 55:
            return "上午/下午h\"时\"mm\"分\"";
        case 35: case 56:
            return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
        case 37: return "#,##0 ;(#,##0)";
        case 38: return "#,##0 ;[Red](#,##0)";
        case 39: return "#,##0.00;(#,##0.00)";
        case 40: return "#,##0.00;[Red](#,##0.00)";
        case 41: return "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)";
        case 42: return "_(\"¥\"* #,##0_);_(\"¥\"* \\(#,##0\\);_(\"¥\"* \"-\"_);_(@_)";
        case 43: return "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)";
        case 44: return "_(\"¥\"* #,##0.00_);_(\"¥\"* \\(#,##0.00\\);_(\"¥\"* \"-\"??_);_(@_)";
        case 45: return "mm:ss";
        case 46: return "[h]:mm:ss";
        case 47: return "mm:ss.0";
        case 48: return "##0.0E+0";
        case 49: return "@";
        default: return NULL;
    }
}

/* ------------------------------------------------------------------------
 * Decimals: digits d[0..n) (no leading or trailing zeros), the value is
 * 0.d0d1... × 10^point; n = 0 is zero.
 * ------------------------------------------------------------------------ */

typedef struct dec
{
    bool        neg;
    int         n;
    int         point;
    unsigned char d[DMAX + 1];
} dec;

static void
dec_normalise(dec *x)
{
    while (x->n > 0 && x->d[x->n - 1] == 0)
        x->n--;
    if (x->n == 0)
    {
        x->point = 0;
        x->neg = false;
    }
}

/* "-1.25E+3", " 0.5 ": false when it is no decimal number */
static bool
dec_parse(const char *s, size_t len, dec *x)
{
    size_t      i = 0;
    int         int_digits = 0;
    int         frac_zeros = 0;
    bool        nonzero = false;
    bool        any = false;
    long        exp = 0;

    memset(x, 0, sizeof(*x));
    while (i < len && s[i] == ' ')
        i++;
    while (len > i && s[len - 1] == ' ')
        len--;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        x->neg = s[i++] == '-';
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
    {
        any = true;
        if (!nonzero && s[i] == '0')
            continue;
        nonzero = true;
        if (x->n < DMAX)
            x->d[x->n++] = (unsigned char) (s[i] - '0');
        if (++int_digits > EXP_MAX)
            return false;
    }
    if (i < len && s[i] == '.')
    {
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
        {
            any = true;
            if (!nonzero)
            {
                if (s[i] == '0')
                {
                    if (++frac_zeros > EXP_MAX)
                        return false;
                    continue;
                }
                nonzero = true;
            }
            if (x->n < DMAX)
                x->d[x->n++] = (unsigned char) (s[i] - '0');
        }
    }
    if (!any)
        return false;
    if (i < len && (s[i] == 'e' || s[i] == 'E'))
    {
        bool        eneg = false;
        bool        edigits = false;

        i++;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            eneg = s[i++] == '-';
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
        {
            edigits = true;
            exp = exp * 10 + (s[i] - '0');
            if (exp > EXP_MAX)
                return false;
        }
        if (!edigits)
            return false;
        if (eneg)
            exp = -exp;
    }
    if (i != len)
        return false;
    x->point = (int_digits > 0 ? int_digits : -frac_zeros) + (int) exp;
    if (x->point > EXP_MAX || x->point < -EXP_MAX)
        return false;
    dec_normalise(x);
    return true;
}

/* The digit at 10^pos. */
static int
dec_digit(const dec *x, int pos)
{
    int         i = x->point - 1 - pos;

    return i >= 0 && i < x->n ? x->d[i] : 0;
}

/* Round half away from zero to f fractional digits (f < 0: to tens, ...). */
static void
dec_round(dec *x, int f)
{
    int         keep = x->point + f;
    bool        up;
    int         i;

    if (x->n == 0 || keep >= x->n)
        return;
    if (keep < 0)
    {
        x->n = 0;
        dec_normalise(x);
        return;
    }
    up = x->d[keep] >= 5;
    x->n = keep;
    if (up)
    {
        for (i = keep - 1; i >= 0; i--)
        {
            if (x->d[i] < 9)
            {
                x->d[i]++;
                break;
            }
            x->d[i] = 0;
        }
        if (i < 0)
        {
            /* 9.99 → 10: one digit more in front */
            x->d[0] = 1;
            x->n = 1;
            x->point++;
        }
    }
    dec_normalise(x);
}

static int
dec_cmp(const dec *a, const dec *b)
{
    int         sign = 1;
    int         i;

    if (a->n == 0 && b->n == 0)
        return 0;
    if (a->neg != b->neg || a->n == 0 || b->n == 0)
    {
        if (a->n == 0)
            return b->neg ? 1 : -1;
        if (b->n == 0)
            return a->neg ? -1 : 1;
        return a->neg ? -1 : 1;
    }
    if (a->neg)
        sign = -1;
    if (a->point != b->point)
        return a->point > b->point ? sign : -sign;
    for (i = 0; i < a->n || i < b->n; i++)
    {
        int         da = i < a->n ? a->d[i] : 0;
        int         db = i < b->n ? b->d[i] : 0;

        if (da != db)
            return da > db ? sign : -sign;
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * Output, cut at the buffer
 * ------------------------------------------------------------------------ */

typedef struct outbuf
{
    char       *p;
    size_t      len;
    size_t      cap;            /* usable bytes (one kept for the NUL) */
    bool        cut;
} outbuf;

static void
put(outbuf *o, const char *s, size_t n)
{
    if (n > o->cap - o->len)
    {
        n = o->cap - o->len;
        o->cut = true;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

static void
putc1(outbuf *o, char c)
{
    put(o, &c, 1);
}

static void
put_uint(outbuf *o, unsigned long long v, int width)
{
    char        digits[24];
    int         k = 0;

    do
    {
        digits[k++] = (char) ('0' + v % 10);
        v /= 10;
    } while (v > 0 && k < 24);
    while (width-- > k)
        putc1(o, '0');
    while (k > 0)
        putc1(o, digits[--k]);
}

static size_t
finish(outbuf *o)
{
    if (o->cut)
    {
        /* never half a character */
        while (o->len > 0 && ((unsigned char) o->p[o->len - 1] & 0xC0) == 0x80)
            o->len--;
        if (o->len > 0 && ((unsigned char) o->p[o->len - 1] & 0xC0) == 0xC0)
            o->len--;
    }
    o->p[o->len] = '\0';
    return o->len;
}

/* ------------------------------------------------------------------------
 * Compiled formats
 * ------------------------------------------------------------------------ */

enum
{
    K_NOP = 0,
    K_LIT,                      /* lits[off .. off+len) */
    K_DIGIT,                    /* c: '0' '#' '?' */
    K_POINT,
    K_COMMA,                    /* resolved: grouping, scaling or a literal */
    K_PERCENT,
    K_EXP,                      /* c: '+' or '-' */
    K_AT,
    K_GENERAL,
    K_SLASH,
    K_YEAR,                     /* n letters */
    K_ERA_YEAR,
    K_MONTH,
    K_MINUTE,
    K_DAY,
    K_HOUR,
    K_SECOND,
    K_SUBSEC,                   /* n digits */
    K_AMPM,                     /* c: 0 AM/PM, 1 am/pm, 2 A/P, 3 a/p, 4 上午/下午 */
    K_ELAPSED,                  /* c: 'h' 'm' 's'; n width */
    K_WEEKDAY_CN                /* n: 3 一, 4 星期一 */
};

typedef struct tok
{
    unsigned char kind;
    char        c;
    unsigned short n;
    unsigned int off;
    unsigned int len;
} tok;

typedef struct section
{
    int         first;
    int         count;
    bool        date;
    bool        text;
    bool        ampm;
    bool        grouping;
    bool        exp;
    bool        fraction;
    int         scale;          /* ÷1000 each */
    int         percent;        /* ×100 each */
    bool        has_cond;
    char        cond_op[3];
    dec         cond;
} section;

struct pt_numfmt
{
    int         n_sec;
    section     sec[4];
    tok        *toks;
    int         n_toks;
    char       *lits;
    int         text_sec;       /* index of the text section, or -1 */
    int         num_sec[4];     /* the number sections, in order */
    int         n_num;
};

static bool
is_date_kind(int k)
{
    return k >= K_YEAR && k <= K_WEEKDAY_CN;
}

static int
lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* bytes of the UTF-8 character at s[0..n) (at least 1) */
static size_t
char_len(const char *s, size_t n)
{
    size_t      k = pt_utf8_char_length((const unsigned char *) s, n);

    return k > 0 ? k : 1;
}

typedef struct compiler
{
    pt_numfmt  *f;
    size_t      lit_len;
} compiler;

static tok *
add(compiler *cc, int kind)
{
    tok        *t = &cc->f->toks[cc->f->n_toks++];

    memset(t, 0, sizeof(*t));
    t->kind = (unsigned char) kind;
    return t;
}

static void
add_lit(compiler *cc, const char *s, size_t n)
{
    pt_numfmt  *f = cc->f;
    tok        *prev = f->n_toks > 0 ? &f->toks[f->n_toks - 1] : NULL;

    if (n == 0)
        return;
    memcpy(f->lits + cc->lit_len, s, n);
    if (prev != NULL && prev->kind == K_LIT && prev->off + prev->len == cc->lit_len &&
        f->n_toks > f->sec[f->n_sec - 1].first)
        prev->len += (unsigned) n;
    else
    {
        tok        *t = add(cc, K_LIT);

        t->off = (unsigned) cc->lit_len;
        t->len = (unsigned) n;
    }
    cc->lit_len += n;
}

/* [...] at s[0..n) (without the brackets) */
static void
bracket(compiler *cc, section *sec, const char *s, size_t n)
{
    size_t      i;

    if (n > 0 && s[0] == '$')
    {
        /* [$¥-804]: the currency text before '-' */
        size_t      e = 1;

        while (e < n && s[e] != '-')
            e++;
        add_lit(cc, s + 1, e - 1);
        return;
    }
    if (n > 0 && (lower((unsigned char) s[0]) == 'h' || lower((unsigned char) s[0]) == 'm' ||
                  lower((unsigned char) s[0]) == 's'))
    {
        for (i = 1; i < n && lower((unsigned char) s[i]) == lower((unsigned char) s[0]); i++)
            ;
        if (i == n)
        {
            tok        *t = add(cc, K_ELAPSED);

            t->c = (char) lower((unsigned char) s[0]);
            t->n = (unsigned short) n;
            return;
        }
    }
    if (n > 0 && (s[0] == '<' || s[0] == '>' || s[0] == '='))
    {
        size_t      k = 1;

        if (n > 1 && (s[1] == '=' || s[1] == '>'))
            k = 2;
        if (dec_parse(s + k, n - k, &sec->cond))
        {
            sec->has_cond = true;
            memcpy(sec->cond_op, s, k);
            sec->cond_op[k] = '\0';
        }
    }
    /* colours, [DBNum1], locales: not shown */
}

static void
compile_section(compiler *cc, const char *s, size_t n)
{
    pt_numfmt  *f = cc->f;
    section    *sec = &f->sec[f->n_sec++];
    size_t      i = 0;
    int         k;
    int         last_dt;

    memset(sec, 0, sizeof(*sec));
    sec->first = f->n_toks;
    while (i < n)
    {
        char        c = s[i];
        size_t      run;

        if (c == '"')
        {
            size_t      e = i + 1;

            while (e < n && s[e] != '"')
                e++;
            add_lit(cc, s + i + 1, e - i - 1);
            i = e < n ? e + 1 : e;
            continue;
        }
        if (c == '\\' && i + 1 < n)
        {
            size_t      k2 = char_len(s + i + 1, n - i - 1);

            add_lit(cc, s + i + 1, k2);
            i += 1 + k2;
            continue;
        }
        if (c == '_' && i + 1 < n)
        {
            add_lit(cc, " ", 1);
            i += 1 + char_len(s + i + 1, n - i - 1);
            continue;
        }
        if (c == '*' && i + 1 < n)
        {
            i += 1 + char_len(s + i + 1, n - i - 1);
            continue;
        }
        if (c == '[')
        {
            size_t      e = i + 1;

            while (e < n && s[e] != ']')
                e++;
            bracket(cc, sec, s + i + 1, e - i - 1);
            i = e < n ? e + 1 : e;
            continue;
        }
        if (c == '0' || c == '#' || c == '?')
        {
            add(cc, K_DIGIT)->c = c;
            i++;
            continue;
        }
        if (c == '.')
        {
            /* after seconds: fractions of a second */
            bool        after_seconds = false;

            for (k = f->n_toks - 1; k >= sec->first; k--)
                if (is_date_kind(f->toks[k].kind))
                {
                    after_seconds = f->toks[k].kind == K_SECOND ||
                        (f->toks[k].kind == K_ELAPSED && f->toks[k].c == 's');
                    break;
                }
            if (after_seconds && i + 1 < n && s[i + 1] == '0')
            {
                for (run = 1; i + run < n && s[i + run] == '0' && run <= 3; run++)
                    ;
                add(cc, K_SUBSEC)->n = (unsigned short) (run - 1);
                i += run;
                continue;
            }
            for (k = sec->first; k < f->n_toks; k++)
                if (f->toks[k].kind == K_POINT)
                    break;
            if (k < f->n_toks)
                add_lit(cc, ".", 1);
            else
                add(cc, K_POINT);
            i++;
            continue;
        }
        if (c == ',')
        {
            add(cc, K_COMMA);
            i++;
            continue;
        }
        if (c == '%')
        {
            add(cc, K_PERCENT);
            sec->percent++;
            i++;
            continue;
        }
        if ((c == 'E' || c == 'e') && i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '-'))
        {
            add(cc, K_EXP)->c = s[i + 1];
            sec->exp = true;
            i += 2;
            continue;
        }
        if (c == '@')
        {
            add(cc, K_AT);
            sec->text = true;
            i++;
            continue;
        }
        if ((c == 'G' || c == 'g') && pt_ascii_starts_ci(s + i, n - i, "general"))
        {
            add(cc, K_GENERAL);
            i += 7;
            continue;
        }
        if (c == 'G' && n - i >= 14 && memcmp(s + i, "G/通用格式", 14) == 0)
        {
            /* General as a Chinese Excel or WPS may write it */
            add(cc, K_GENERAL);
            i += 14;
            continue;
        }
        if (pt_ascii_starts_ci(s + i, n - i, "am/pm"))
        {
            add(cc, K_AMPM)->c = c == 'A' ? 0 : 1;
            sec->ampm = true;
            i += 5;
            continue;
        }
        if (pt_ascii_starts_ci(s + i, n - i, "a/p"))
        {
            add(cc, K_AMPM)->c = c == 'A' ? 2 : 3;
            sec->ampm = true;
            i += 3;
            continue;
        }
        if (n - i >= 13 && memcmp(s + i, "上午/下午", 13) == 0)
        {
            add(cc, K_AMPM)->c = 4;
            sec->ampm = true;
            i += 13;
            continue;
        }
        if (c == 'a' || c == 'A')
        {
            for (run = 1; i + run < n && lower((unsigned char) s[i + run]) == 'a'; run++)
                ;
            if (run >= 3)
            {
                add(cc, K_WEEKDAY_CN)->n = (unsigned short) (run >= 4 ? 4 : 3);
                i += run;
                continue;
            }
        }
        if (c != '\0' && strchr("yYmMdDhHse", c) != NULL)
        {
            int         kind;

            for (run = 1; i + run < n && lower((unsigned char) s[i + run]) == lower((unsigned char) c); run++)
                ;
            switch (lower((unsigned char) c))
            {
                case 'y': kind = K_YEAR; break;
                case 'm': kind = K_MONTH; break;
                case 'd': kind = K_DAY; break;
                case 'h': kind = K_HOUR; break;
                case 's': kind = K_SECOND; break;
                default: kind = K_ERA_YEAR; break;
            }
            add(cc, kind)->n = (unsigned short) (run > 60000 ? 60000 : run);
            i += run;
            continue;
        }
        if (c == '/')
        {
            /* a fraction bar between digit placeholders; else the character */
            bool        digit_before = false;

            for (k = sec->first; k < f->n_toks; k++)
                if (f->toks[k].kind == K_DIGIT)
                    digit_before = true;
            if (digit_before && i + 1 < n && (s[i + 1] == '?' || s[i + 1] == '#' ||
                                             (s[i + 1] >= '0' && s[i + 1] <= '9')))
            {
                add(cc, K_SLASH);
                i++;
                continue;
            }
        }
        run = char_len(s + i, n - i);
        add_lit(cc, s + i, run);
        i += run;
    }
    sec->count = f->n_toks - sec->first;

    /* m after h or before s is minutes */
    last_dt = -1;
    for (k = sec->first; k < f->n_toks; k++)
    {
        tok        *t = &f->toks[k];

        if (!is_date_kind(t->kind))
            continue;
        sec->date = true;
        if (t->kind == K_MONTH)
        {
            bool        minute = last_dt >= 0 &&
                (f->toks[last_dt].kind == K_HOUR ||
                 (f->toks[last_dt].kind == K_ELAPSED && f->toks[last_dt].c == 'h'));
            int         j;

            for (j = k + 1; !minute && j < f->n_toks; j++)
                if (is_date_kind(f->toks[j].kind))
                {
                    minute = f->toks[j].kind == K_SECOND ||
                        (f->toks[j].kind == K_ELAPSED && f->toks[j].c == 's');
                    break;
                }
            if (minute)
                t->kind = K_MINUTE;
        }
        last_dt = k;
    }
    /* commas: between placeholders grouping, after them ÷1000 */
    for (k = sec->first; k < f->n_toks; k++)
    {
        tok        *t = &f->toks[k];
        int         j;
        bool        digit_before;
        bool        digit_after;

        if (t->kind != K_COMMA)
            continue;
        for (j = k - 1; j >= sec->first && (f->toks[j].kind == K_COMMA || f->toks[j].kind == K_NOP); j--)
            ;
        digit_before = j >= sec->first && f->toks[j].kind == K_DIGIT;
        digit_after = k + 1 < f->n_toks && f->toks[k + 1].kind == K_DIGIT;
        if (sec->date || !digit_before)
        {
            t->kind = K_LIT;
            t->off = (unsigned) cc->lit_len;
            t->len = 1;
            f->lits[cc->lit_len++] = ',';
        }
        else if (digit_after)
        {
            sec->grouping = true;
            t->kind = K_NOP;
        }
        else
        {
            sec->scale++;
            t->kind = K_NOP;
        }
    }
    for (k = sec->first; k < f->n_toks && !sec->date; k++)
        if (f->toks[k].kind == K_SLASH)
            sec->fraction = true;
    if (sec->date)
        sec->exp = sec->fraction = false;
}

pt_numfmt *
pt_numfmt_compile(const char *code, size_t len, const pt_allocator *alloc)
{
    pt_numfmt  *f;
    compiler    cc;
    size_t      start = 0;
    size_t      i;
    bool        quoted = false;
    int         k;

    if (code == NULL || len == 0 || len > CODE_MAX)
    {
        code = "General";
        len = 7;
    }
    f = alloc->alloc(alloc->ctx, sizeof(pt_numfmt));
    if (f == NULL)
        return NULL;
    memset(f, 0, sizeof(*f));
    /* at most one token per byte, and two bytes of literal per byte */
    f->toks = alloc->alloc(alloc->ctx, (len + 4) * sizeof(tok));
    f->lits = alloc->alloc(alloc->ctx, 2 * len + 8);
    if (f->toks == NULL || f->lits == NULL)
        return NULL;
    cc.f = f;
    cc.lit_len = 0;
    for (i = 0; i <= len && f->n_sec < 4; i++)
    {
        if (i < len && code[i] == '"')
            quoted = !quoted;
        else if (i < len && !quoted && code[i] == '\\')
            i++;
        else if (i < len && !quoted && code[i] == '[')
        {
            while (i < len && code[i] != ']')
                i++;
        }
        else if (i == len || (!quoted && code[i] == ';'))
        {
            compile_section(&cc, code + start, (i < len ? i : len) - start);
            start = i + 1;
        }
    }
    f->text_sec = -1;
    for (k = 0; k < f->n_sec; k++)
        if (f->sec[k].text && f->text_sec < 0)
            f->text_sec = k;
    if (f->text_sec < 0 && f->n_sec == 4)
        f->text_sec = 3;
    for (k = 0; k < f->n_sec; k++)
        if (k != f->text_sec && f->n_num < 3)
            f->num_sec[f->n_num++] = k;
    return f;
}

bool
pt_numfmt_is_date(const pt_numfmt *f)
{
    return f != NULL && f->n_num > 0 && f->sec[f->num_sec[0]].date;
}

/* ------------------------------------------------------------------------
 * Numbers
 * ------------------------------------------------------------------------ */

/* General, of |x| */
static void
general(outbuf *o, const dec *value)
{
    dec         x = *value;
    int         i;

    x.neg = false;
    if (x.n == 0)
    {
        putc1(o, '0');
        return;
    }
    if (x.point - 1 < 11 && x.point - 1 >= -9)
    {
        dec_round(&x, 15 - x.point);
        if (x.point - 1 < 11)
        {
            /* plain */
            if (x.point <= 0)
                putc1(o, '0');
            for (i = 0; i < x.point; i++)
                putc1(o, (char) ('0' + (i < x.n ? x.d[i] : 0)));
            if (x.n > x.point)
            {
                putc1(o, '.');
                for (i = x.point; i < 0; i++)
                    putc1(o, '0');
                for (i = x.point > 0 ? x.point : 0; i < x.n; i++)
                    putc1(o, (char) ('0' + x.d[i]));
            }
            return;
        }
    }
    /* scientific, 6 significant digits */
    x = *value;
    x.neg = false;
    dec_round(&x, 6 - x.point);
    putc1(o, (char) ('0' + x.d[0]));
    if (x.n > 1)
    {
        putc1(o, '.');
        for (i = 1; i < x.n; i++)
            putc1(o, (char) ('0' + x.d[i]));
    }
    putc1(o, 'E');
    putc1(o, x.point - 1 < 0 ? '-' : '+');
    put_uint(o, (unsigned long long) (x.point - 1 < 0 ? 1 - x.point : x.point - 1), 2);
}

/* Integer digits of x into placeholders tokens[first..end) of kind K_DIGIT
 * (others emitted as they are), from the left.  ni: placeholders. */
typedef struct placer
{
    const pt_numfmt *f;
    const section *sec;
    outbuf     *o;
} placer;

static void
emit_lit(placer *pl, const tok *t)
{
    put(pl->o, pl->f->lits + t->off, t->len);
}

/* x (absolute, already scaled and rounded) in the tokens [from, to) */
static void
render_fixed(placer *pl, const dec *x, int from, int to, bool general_allowed)
{
    const pt_numfmt *f = pl->f;
    const section *sec = pl->sec;
    outbuf     *o = pl->o;
    int         ni = 0;
    int         nf = 0;
    int         point_at = -1;
    int         ilen = x->point > 0 ? x->point : 0;
    int         j = 0;
    int         kf = 0;
    int         last_nonzero = -1;
    int         k;

    for (k = from; k < to; k++)
    {
        if (f->toks[k].kind == K_POINT && point_at < 0)
            point_at = k;
        else if (f->toks[k].kind == K_DIGIT)
        {
            if (point_at < 0)
                ni++;
            else
                nf++;
        }
    }
    for (k = 0; k < nf; k++)
        if (dec_digit(x, -(k + 1)) != 0)
            last_nonzero = k;
    for (k = from; k < to; k++)
    {
        const tok  *t = &f->toks[k];

        switch (t->kind)
        {
            case K_LIT:
                emit_lit(pl, t);
                break;
            case K_DIGIT:
                if (point_at < 0 || k < point_at)
                {
                    int         pos = ni - 1 - j;
                    int         p;

                    if (j == 0)
                        for (p = ilen - 1; p >= ni; p--)
                        {
                            putc1(o, (char) ('0' + dec_digit(x, p)));
                            if (sec->grouping && p % 3 == 0)
                                putc1(o, ',');
                        }
                    if (pos < ilen)
                        putc1(o, (char) ('0' + dec_digit(x, pos)));
                    else if (t->c == '0')
                        putc1(o, '0');
                    else if (t->c == '?')
                        putc1(o, ' ');
                    if (sec->grouping && pos > 0 && pos % 3 == 0 && (pos < ilen || t->c == '0'))
                        putc1(o, ',');
                    j++;
                }
                else
                {
                    if (kf <= last_nonzero)
                        putc1(o, (char) ('0' + dec_digit(x, -(kf + 1))));
                    else if (t->c == '0')
                        putc1(o, '0');
                    else if (t->c == '?')
                        putc1(o, ' ');
                    kf++;
                }
                break;
            case K_POINT:
                if (ni == 0)
                {
                    /* ".00" still shows the integer digits */
                    int         p;

                    for (p = ilen - 1; p >= 0; p--)
                    {
                        putc1(o, (char) ('0' + dec_digit(x, p)));
                        if (sec->grouping && p > 0 && p % 3 == 0)
                            putc1(o, ',');
                    }
                }
                if (k == point_at)
                    putc1(o, '.');
                break;
            case K_PERCENT:
                putc1(o, '%');
                break;
            case K_GENERAL:
                if (general_allowed)
                    general(o, x);
                break;
            default:
                break;
        }
    }
}

/* The number section that shows x, and whether a minus sign is added. */
static const section *
choose(const pt_numfmt *f, const dec *x, bool *minus)
{
    const section *s0;
    const section *s1;

    *minus = x->neg;
    if (f->n_num == 0)
        return NULL;
    s0 = &f->sec[f->num_sec[0]];
    s1 = f->n_num > 1 ? &f->sec[f->num_sec[1]] : NULL;
    if (s0->has_cond || (s1 != NULL && s1->has_cond))
    {
        const section *candidates[3] = {s0, s1, f->n_num > 2 ? &f->sec[f->num_sec[2]] : NULL};
        int         i;

        for (i = 0; i < 3; i++)
        {
            const section *s = candidates[i];
            int         c;

            if (s == NULL)
                continue;
            if (!s->has_cond)
            {
                if (i == 1 && x->neg && !s0->has_cond)
                    *minus = false;
                return s;
            }
            c = dec_cmp(x, &s->cond);
            if ((strcmp(s->cond_op, "<") == 0 && c < 0) || (strcmp(s->cond_op, "<=") == 0 && c <= 0) ||
                (strcmp(s->cond_op, ">") == 0 && c > 0) || (strcmp(s->cond_op, ">=") == 0 && c >= 0) ||
                (strcmp(s->cond_op, "=") == 0 && c == 0) || (strcmp(s->cond_op, "<>") == 0 && c != 0))
            {
                /* a section for negative numbers only ([<0], [<=-5]) shows no sign of its own */
                if (s->cond_op[0] == '<' && s->cond_op[1] != '>' && (s->cond.neg || s->cond.n == 0))
                    *minus = false;
                return s;
            }
        }
        return s0;
    }
    if (x->n == 0 && f->n_num > 2)
        return &f->sec[f->num_sec[2]];
    if (x->neg && s1 != NULL)
    {
        *minus = false;
        return s1;
    }
    return s0;
}

static void
render_scientific(placer *pl, const dec *value)
{
    const pt_numfmt *f = pl->f;
    const section *sec = pl->sec;
    int         from = sec->first;
    int         to = sec->first + sec->count;
    int         exp_at = -1;
    int         ni = 0;
    int         nf = 0;
    int         ne = 0;
    bool        point = false;
    bool        hash_int = false;
    int         int_digits;
    int         e = 0;
    dec         m = *value;
    int         k;

    for (k = from; k < to; k++)
    {
        const tok  *t = &f->toks[k];

        if (t->kind == K_EXP && exp_at < 0)
            exp_at = k;
        else if (t->kind == K_POINT && exp_at < 0)
            point = true;
        else if (t->kind == K_DIGIT)
        {
            if (exp_at >= 0)
                ne += t->c == '0';
            else if (point)
                nf++;
            else
            {
                ni++;
                hash_int |= t->c == '#';
            }
        }
    }
    m.neg = false;
    if (m.n > 0)
    {
        int         pass;

        for (pass = 0; pass < 2; pass++)
        {
            int         e10 = m.point - 1;

            if (ni > 1 && hash_int)
            {
                /* engineering: exponent a multiple of the placeholders */
                e = e10 >= 0 ? e10 / ni * ni : -((-e10 + ni - 1) / ni) * ni;
            }
            else
                e = e10 - ((ni > 0 ? ni : 1) - 1);
            int_digits = e10 - e + 1;
            if (pass == 0)
            {
                dec         r = *value;

                r.neg = false;
                dec_round(&r, int_digits + nf - r.point);
                if (r.point == m.point)
                {
                    m = r;
                    break;
                }
                m = r;          /* 9.99 → 10.0: once more with the new exponent */
            }
        }
        m.point -= e;
    }
    /* the mantissa in the tokens before E, the exponent after */
    render_fixed(pl, &m, from, exp_at, false);
    put(pl->o, "E", 1);
    if (e < 0)
        putc1(pl->o, '-');
    else if (f->toks[exp_at].c == '+')
        putc1(pl->o, '+');
    put_uint(pl->o, (unsigned long long) (e < 0 ? -e : e), ne > 0 ? ne : 1);
    for (k = exp_at + 1; k < to; k++)
        if (f->toks[k].kind == K_LIT)
            emit_lit(pl, &f->toks[k]);
        else if (f->toks[k].kind == K_PERCENT)
            putc1(pl->o, '%');
}

/* value = F / 10^18 with 0 <= value < 1 */
static void
best_fraction(unsigned long long F, unsigned maxd, unsigned fixed, unsigned long long *num, unsigned *den)
{
    const unsigned __int128 S = (unsigned __int128) 1000000000000000000ULL;
    unsigned    d;
    unsigned __int128 best_err_num = 0;
    unsigned    best_d = 1;
    unsigned long long best_n = 0;
    bool        first = true;

    for (d = fixed > 0 ? fixed : 1; d <= (fixed > 0 ? fixed : maxd); d++)
    {
        unsigned __int128 fd = (unsigned __int128) F * d;
        unsigned long long n = (unsigned long long) ((fd + S / 2) / S);
        unsigned __int128 ns = (unsigned __int128) n * S;
        unsigned __int128 diff = ns > fd ? ns - fd : fd - ns;

        /* compare diff/d with best_err_num/best_d */
        if (first || diff * best_d < best_err_num * d)
        {
            best_err_num = diff;
            best_d = d;
            best_n = n;
            first = false;
        }
    }
    *num = best_n;
    *den = best_d;
}

/* x + 1, x a non-negative integer */
static void
dec_increment(dec *x)
{
    int         len = x->n == 0 ? 0 : x->point;
    int         i;

    if (len > DMAX - 1)
        return;                 /* beyond the digits kept: no visible change */
    for (i = x->n; i < len; i++)
        x->d[i] = 0;
    x->n = len;
    for (i = len - 1; i >= 0; i--)
    {
        if (x->d[i] < 9)
        {
            x->d[i]++;
            break;
        }
        x->d[i] = 0;
    }
    if (i < 0)
    {
        memmove(x->d + 1, x->d, (size_t) len);
        x->d[0] = 1;
        x->n = len + 1;
        x->point = len + 1;
    }
    dec_normalise(x);
}

static void
put_padded(outbuf *o, unsigned long long v, const tok *ph, int n_ph, bool pad_left)
{
    char        digits[24];
    int         nd = 0;
    int         i;

    do
    {
        digits[nd++] = (char) ('0' + v % 10);
        v /= 10;
    } while (v > 0 && nd < 24);
    if (pad_left)
        for (i = nd; i < n_ph; i++)
        {
            char        c = ph[n_ph - 1 - i].c;

            if (c != '#')
                putc1(o, c == '0' ? '0' : ' ');
        }
    for (i = nd; i > 0; i--)
        putc1(o, digits[i - 1]);
    if (!pad_left)
        for (i = nd; i < n_ph; i++)
            if (ph[i].c != '#')
                putc1(o, ph[i].c == '0' ? '0' : ' ');
}

static void
render_fraction(placer *pl, const dec *value)
{
    const pt_numfmt *f = pl->f;
    const section *sec = pl->sec;
    int         from = sec->first;
    int         to = sec->first + sec->count;
    int         slash = from;
    int         num_first;
    int         int_ph = 0;
    int         num_ph;
    int         den_ph = 0;
    unsigned    fixed = 0;
    unsigned long long F = 0;
    unsigned long long n;
    unsigned    d;
    dec         x = *value;
    dec         ip;
    bool        whole;
    int         k;
    int         i;

    while (slash < to && f->toks[slash].kind != K_SLASH)
        slash++;
    /* numerator: the placeholders right before the bar; the integer part before them */
    num_first = slash;
    while (num_first > from && f->toks[num_first - 1].kind == K_DIGIT)
        num_first--;
    num_ph = slash - num_first;
    for (k = from; k < num_first; k++)
        int_ph += f->toks[k].kind == K_DIGIT;
    for (k = slash + 1; k < to && f->toks[k].kind == K_DIGIT; k++)
        den_ph++;
    if (den_ph == 0 && slash + 1 < to && f->toks[slash + 1].kind == K_LIT)
    {
        const tok  *t = &f->toks[slash + 1];

        for (i = 0; i < (int) t->len && f->lits[t->off + i] >= '0' && f->lits[t->off + i] <= '9' &&
             fixed < 100000; i++)
            fixed = fixed * 10 + (unsigned) (f->lits[t->off + i] - '0');
    }
    x.neg = false;
    dec_round(&x, 18);
    for (i = 0; i < 18; i++)
        F = F * 10 + (unsigned long long) dec_digit(&x, -(i + 1));
    ip = x;
    ip.n = ip.point > 0 ? (ip.point < ip.n ? ip.point : ip.n) : 0;
    dec_normalise(&ip);
    best_fraction(F, den_ph >= 3 ? 999 : den_ph == 2 ? 99 : 9, fixed, &n, &d);
    if (n >= d)
    {
        n = 0;
        dec_increment(&ip);
    }
    if (int_ph == 0)
    {
        /* an improper fraction: the whole part goes into the numerator */
        unsigned long long w = 0;

        if (ip.point > 15)
        {
            general(pl->o, value);
            return;
        }
        for (i = 0; i < ip.point; i++)
            w = w * 10 + (unsigned long long) (i < ip.n ? ip.d[i] : 0);
        n += w * d;
        memset(&ip, 0, sizeof(ip));
        if (n == 0)
        {
            putc1(pl->o, '0');
            return;
        }
    }
    whole = n == 0;
    /* the integer part */
    {
        int         j = 0;
        int         ilen = ip.n > 0 ? ip.point : 0;

        for (k = from; k < num_first; k++)
        {
            const tok  *t = &f->toks[k];
            int         pos;
            int         p;

            if (t->kind == K_LIT)
            {
                if (!whole || k != num_first - 1)
                    emit_lit(pl, t);
                continue;
            }
            if (t->kind != K_DIGIT)
                continue;
            pos = int_ph - 1 - j++;
            if (pos == int_ph - 1)
                for (p = ilen - 1; p >= int_ph; p--)
                    putc1(pl->o, (char) ('0' + dec_digit(&ip, p)));
            if (pos < ilen)
                putc1(pl->o, (char) ('0' + dec_digit(&ip, pos)));
            else if (t->c == '0' || (whole && ilen == 0 && pos == 0))
                putc1(pl->o, '0');
            else if (t->c == '?')
                putc1(pl->o, ' ');
        }
    }
    if (whole)
        return;
    put_padded(pl->o, n, &f->toks[num_first], num_ph, true);
    putc1(pl->o, '/');
    if (den_ph > 0)
        put_padded(pl->o, d, &f->toks[slash + 1], den_ph, false);
    else
        put_uint(pl->o, d, 1);
    for (k = slash + 1 + den_ph; k < to; k++)
        if (f->toks[k].kind == K_LIT && !(fixed > 0 && k == slash + 1))
            emit_lit(pl, &f->toks[k]);
}

/* ------------------------------------------------------------------------
 * Dates
 * ------------------------------------------------------------------------ */

typedef struct moment
{
    long        year;
    int         month;
    int         day;
    int         weekday;        /* 0 Sunday */
    long long   total_ms;       /* since the epoch: elapsed [h] [m] [s] */
    long        ms_of_day;
} moment;

/* a date of days since 2000-01-01 (pt_date.c's calendar) into t */
static void
date_of_days(long days, moment *t)
{
    int         y;

    pt_date_from_days((int32_t) days, &y, &t->month, &t->day);
    t->year = y;
}

/* serial day number → date, as Excel shows it */
static void
serial_date(long serial, bool date1904, moment *t)
{
    if (date1904)
    {
        date_of_days(pt_date_to_days(1904, 1, 1) + serial, t);
        t->weekday = (int) ((serial + 5) % 7);
        return;
    }
    t->weekday = (int) ((serial + 6) % 7);
    if (serial == 0)
    {
        t->year = 1900;
        t->month = 1;
        t->day = 0;
    }
    else if (serial == 60)
    {
        /* the day Lotus 1-2-3 believed in, kept by Excel */
        t->year = 1900;
        t->month = 2;
        t->day = 29;
    }
    else
        date_of_days(pt_date_to_days(1899, 12, serial < 60 ? 31 : 30) + serial, t);
}

static int
subsec_digits(const pt_numfmt *f, const section *sec)
{
    int         k;
    int         digits = 0;

    for (k = sec->first; k < sec->first + sec->count; k++)
        if (f->toks[k].kind == K_SUBSEC && f->toks[k].n > digits)
            digits = f->toks[k].n;
    return digits;
}

/* A serial (days and fraction) → moment; false when Excel shows no date. */
static bool
serial_moment(const dec *value, int subsec, bool date1904, moment *t)
{
    dec         x = *value;
    unsigned long long c = 0;
    unsigned __int128 scaled;
    unsigned long long unit = subsec >= 3 ? 1 : subsec == 2 ? 10 : subsec == 1 ? 100 : 1000;
    unsigned __int128 div;
    unsigned long long total_ms;
    long        days;
    int         i;

    if (x.neg || x.point > 7)
        return false;
    dec_round(&x, 9);
    for (i = 0; i < x.point + 9; i++)
        c = c * 10 + (unsigned long long) (i < x.n ? x.d[i] : 0);
    if (x.point + 9 <= 0)
        c = 0;
    /* c / 10^9 days; in ms: c * 86400000 / 10^9, rounded to the unit */
    scaled = (unsigned __int128) c * 86400000u;
    div = (unsigned __int128) 1000000000u * unit;
    total_ms = (unsigned long long) ((scaled + div / 2) / div) * unit;
    days = (long) (total_ms / 86400000u);
    if (days > 2958465)
        return false;
    serial_date(days, date1904, t);
    t->ms_of_day = (long) (total_ms % 86400000u);
    t->total_ms = (long long) total_ms;
    return true;
}

static const char *const MONTHS[12] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"
};
static const char *const DAYS[7] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
};
static const char *const DAYS_CN[7] = {"日", "一", "二", "三", "四", "五", "六"};

static void
render_date(placer *pl, const moment *t)
{
    const pt_numfmt *f = pl->f;
    const section *sec = pl->sec;
    outbuf     *o = pl->o;
    long        hour = t->ms_of_day / 3600000;
    long        minute = t->ms_of_day / 60000 % 60;
    long        second = t->ms_of_day / 1000 % 60;
    long        ms = t->ms_of_day % 1000;
    int         k;

    for (k = sec->first; k < sec->first + sec->count; k++)
    {
        const tok  *tk = &f->toks[k];

        switch (tk->kind)
        {
            case K_LIT:
                emit_lit(pl, tk);
                break;
            case K_DIGIT:
                putc1(o, tk->c);
                break;
            case K_POINT:
                putc1(o, '.');
                break;
            case K_PERCENT:
                putc1(o, '%');
                break;
            case K_YEAR:
                if (tk->n <= 2)
                    put_uint(o, (unsigned long long) (t->year % 100), 2);
                else
                    put_uint(o, (unsigned long long) t->year, 4);
                break;
            case K_ERA_YEAR:
                put_uint(o, (unsigned long long) t->year, tk->n >= 2 ? 4 : 1);
                break;
            case K_MONTH:
                if (tk->n <= 2)
                    put_uint(o, (unsigned long long) t->month, tk->n);
                else if (tk->n == 3)
                    put(o, MONTHS[t->month - 1], 3);
                else if (tk->n == 5)
                    put(o, MONTHS[t->month - 1], 1);
                else
                    put(o, MONTHS[t->month - 1], strlen(MONTHS[t->month - 1]));
                break;
            case K_MINUTE:
                put_uint(o, (unsigned long long) minute, tk->n >= 2 ? 2 : 1);
                break;
            case K_DAY:
                if (tk->n <= 2)
                    put_uint(o, (unsigned long long) t->day, tk->n);
                else if (tk->n == 3)
                    put(o, DAYS[t->weekday], 3);
                else
                    put(o, DAYS[t->weekday], strlen(DAYS[t->weekday]));
                break;
            case K_WEEKDAY_CN:
                if (tk->n >= 4)
                    put(o, "星期", strlen("星期"));
                put(o, DAYS_CN[t->weekday], strlen(DAYS_CN[t->weekday]));
                break;
            case K_HOUR:
                {
                    long        h = hour;

                    if (sec->ampm)
                        h = h % 12 == 0 ? 12 : h % 12;
                    put_uint(o, (unsigned long long) h, tk->n >= 2 ? 2 : 1);
                }
                break;
            case K_SECOND:
                put_uint(o, (unsigned long long) second, tk->n >= 2 ? 2 : 1);
                break;
            case K_SUBSEC:
                putc1(o, '.');
                if (tk->n == 1)
                    put_uint(o, (unsigned long long) (ms / 100), 1);
                else if (tk->n == 2)
                    put_uint(o, (unsigned long long) (ms / 10), 2);
                else
                    put_uint(o, (unsigned long long) ms, 3);
                break;
            case K_AMPM:
                {
                    bool        pm = hour >= 12;

                    switch (tk->c)
                    {
                        case 0: put(o, pm ? "PM" : "AM", 2); break;
                        case 1: put(o, pm ? "pm" : "am", 2); break;
                        case 2: putc1(o, pm ? 'P' : 'A'); break;
                        case 3: putc1(o, pm ? 'p' : 'a'); break;
                        default: put(o, pm ? "下午" : "上午", strlen("上午")); break;
                    }
                }
                break;
            case K_ELAPSED:
                {
                    long long   v = tk->c == 'h' ? t->total_ms / 3600000 : tk->c == 'm'
                        ? t->total_ms / 60000 : t->total_ms / 1000;

                    put_uint(o, (unsigned long long) v, tk->n);
                }
                break;
            default:
                break;
        }
    }
}

/* ------------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------------ */

size_t
pt_numfmt_number(const pt_numfmt *f, const char *v, size_t vlen, bool date1904,
                 char *out, size_t cap)
{
    outbuf      o;
    dec         x;
    const section *sec;
    bool        minus;
    placer      pl;

    o.p = out;
    o.len = 0;
    o.cap = cap > 0 ? cap - 1 : 0;
    o.cut = false;
    if (!dec_parse(v, vlen, &x))
    {
        /* no number: shown as written (cut to the buffer) */
        put(&o, v, vlen);
        return finish(&o);
    }
    sec = f != NULL ? choose(f, &x, &minus) : NULL;
    if (sec == NULL)
    {
        if (x.neg)
            putc1(&o, '-');
        general(&o, &x);
        return finish(&o);
    }
    pl.f = f;
    pl.sec = sec;
    pl.o = &o;
    if (sec->date)
    {
        moment      t;

        if (!serial_moment(&x, subsec_digits(f, sec), date1904, &t))
        {
            /* Excel shows ####### for a negative or too large date: the number instead */
            if (x.neg)
                putc1(&o, '-');
            general(&o, &x);
            return finish(&o);
        }
        render_date(&pl, &t);
        return finish(&o);
    }
    if (sec->exp)
    {
        if (minus && x.n > 0)
            putc1(&o, '-');
        x.point += 2 * sec->percent;
        render_scientific(&pl, &x);
        return finish(&o);
    }
    if (sec->fraction)
    {
        if (minus && x.n > 0)
            putc1(&o, '-');
        render_fraction(&pl, &x);
        return finish(&o);
    }
    {
        dec         a = x;
        int         nf = 0;
        bool        point = false;
        int         k;

        a.neg = false;
        if (a.n > 0)
            a.point += 2 * sec->percent - 3 * sec->scale;
        for (k = sec->first; k < sec->first + sec->count; k++)
        {
            if (f->toks[k].kind == K_POINT)
                point = true;
            else if (f->toks[k].kind == K_DIGIT && point)
                nf++;
            else if (f->toks[k].kind == K_GENERAL)
                nf = 15;        /* General keeps its own digits */
        }
        dec_round(&a, nf);
        /* a number that rounds to zero shows no minus sign */
        if (minus && a.n > 0)
            putc1(&o, '-');
        render_fixed(&pl, &a, sec->first, sec->first + sec->count, true);
    }
    return finish(&o);
}

/* "2023-12-31", "2023-12-31T08:30:00", "2023-12-31T08:30:00.5Z" */
static bool
parse_iso(const char *s, size_t n, long *y, int *mo, int *d, long *ms)
{
    size_t      i = 0;
    long        parts[6] = {0, 0, 0, 0, 0, 0};
    int         p;

    *ms = 0;
    for (p = 0; p < 6 && i < n; p++)
    {
        int         digits = 0;

        while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 6)
        {
            parts[p] = parts[p] * 10 + (s[i++] - '0');
            digits++;
        }
        if (digits == 0)
            return false;
        if (i < n && ((p < 2 && s[i] == '-') || (p == 2 && s[i] == 'T') || (p > 2 && p < 5 && s[i] == ':')))
            i++;
        else
        {
            p++;
            break;
        }
    }
    if (p < 3)
        return false;
    if (i < n && s[i] == '.' && p == 6)
    {
        long        scale = 100;

        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        {
            *ms += (s[i] - '0') * scale;
            scale /= 10;
        }
    }
    *y = parts[0];
    *mo = (int) parts[1];
    *d = (int) parts[2];
    if (*y < 1 || *y > 9999 || *mo < 1 || *mo > 12 || *d < 1 || *d > 31 || parts[3] > 23 || parts[4] > 59 ||
        parts[5] > 59)
        return false;
    *ms += (parts[3] * 3600 + parts[4] * 60 + parts[5]) * 1000;
    return true;
}

size_t
pt_numfmt_iso_date(const pt_numfmt *f, const char *v, size_t vlen, char *out, size_t cap)
{
    outbuf      o;
    long        y;
    int         mo;
    int         d;
    long        ms;
    moment      t;
    placer      pl;

    o.p = out;
    o.len = 0;
    o.cap = cap > 0 ? cap - 1 : 0;
    o.cut = false;
    if (f == NULL || !pt_numfmt_is_date(f) || !parse_iso(v, vlen, &y, &mo, &d, &ms))
    {
        put(&o, v, vlen);
        return finish(&o);
    }
    memset(&t, 0, sizeof(t));
    t.year = y;
    t.month = mo;
    t.day = d;
    t.ms_of_day = ms;
    {
        long        days = pt_date_to_days((int) y, mo, d);

        t.weekday = (int) (((days % 7) + 7 + 6) % 7);   /* 2000-01-01 was a Saturday */
        t.total_ms = (long long) (days - pt_date_to_days(1899, 12, 30)) * 86400000LL + ms;
        if (t.total_ms < 0)
            t.total_ms = 0;
    }
    pl.f = f;
    pl.sec = &f->sec[f->num_sec[0]];
    pl.o = &o;
    render_date(&pl, &t);
    return finish(&o);
}

size_t
pt_numfmt_text(const pt_numfmt *f, const char *s, size_t len, char *out, size_t cap)
{
    outbuf      o;
    const section *sec;
    int         k;

    if (f == NULL || f->text_sec < 0)
        return (size_t) -1;
    sec = &f->sec[f->text_sec];
    o.p = out;
    o.len = 0;
    o.cap = cap > 0 ? cap - 1 : 0;
    o.cut = false;
    for (k = sec->first; k < sec->first + sec->count; k++)
    {
        const tok  *t = &f->toks[k];

        if (t->kind == K_AT)
            put(&o, s, len);
        else if (t->kind == K_LIT)
            put(&o, f->lits + t->off, t->len);
    }
    if (o.cut)
        return (size_t) -1;
    return finish(&o);
}
