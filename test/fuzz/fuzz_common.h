/*
 * fuzz_common.h — helpers shared by the libFuzzer targets in test/fuzz/.
 *
 * A violated invariant prints what went wrong (with the input, escaped) and
 * calls abort(), which libFuzzer reports as a crash and saves the input.
 */
#ifndef PT_FUZZ_COMMON_H
#define PT_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ptarget_core.h"

/* Prints bytes as a C string literal body (UTF-8 kept, the rest escaped). */
static inline void
fuzz_print_bytes(FILE *f, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t		i;

	fputc('"', f);
	for (i = 0; i < len; i++)
	{
		if (p[i] == '"' || p[i] == '\\')
			fprintf(f, "\\%c", p[i]);
		else if (p[i] >= 0x20 && p[i] != 0x7f)
			fputc(p[i], f);
		else
			fprintf(f, "\\x%02x", p[i]);
	}
	fputc('"', f);
}

static inline void
fuzz_print_hex(FILE *f, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t		i;

	for (i = 0; i < len; i++)
		fprintf(f, "%02x", p[i]);
}

/* Describes a target's fields (for failure reports). */
static inline void
fuzz_print_target(FILE *f, const char *name, const pt_target *t)
{
	fprintf(f, "  %s: kind=%d op=%d flags=%u unit_id=%u scale=%u places=%u/%u key=",
			name, (int) t->kind, (int) t->op, t->flags, t->unit_id, t->scale,
			t->places[0], t->places[1]);
	if (t->kind == PT_KIND_QUANTITY)
		fuzz_print_bytes(f, t->unit_key, t->unit_key_len);
	fprintf(f, " lower={inf=%d inc=%d coef=%lld... exp=%d day=%d}"
			" upper={inf=%d inc=%d coef=%lld... exp=%d day=%d}",
			t->lower.infinite, t->lower.inclusive, (long long) t->lower.value.coef,
			(int) t->lower.value.exp, (int) t->lower.day,
			t->upper.infinite, t->upper.inclusive, (long long) t->upper.value.coef,
			(int) t->upper.value.exp, (int) t->upper.day);
	if (t->kind == PT_KIND_LABEL)
	{
		fprintf(f, " label=");
		fuzz_print_bytes(f, t->label, t->label_len);
	}
	fputc('\n', f);
}

/*
 * PT_FUZZ_SKIP="tag,tag": inputs showing an already reported defect of that
 * class are skipped instead of aborting, so that a long run can look past it.
 * Tags are documented where fuzz_known() is called.
 */
static inline bool
fuzz_known(const char *tag)
{
	static const char *skip = NULL;
	static bool loaded = false;
	const char *p;
	size_t		n = strlen(tag);

	if (!loaded)
	{
		skip = getenv("PT_FUZZ_SKIP");
		loaded = true;
	}
	for (p = skip; p != NULL && (p = strstr(p, tag)) != NULL; p += n)
		if ((p == skip || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

#define FUZZ_CHECK(cond, input, len, ...) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "\n*** invariant violated: %s\n  at %s:%d\n  input: ", \
					#cond, __FILE__, __LINE__); \
			fuzz_print_bytes(stderr, (input), (len)); \
			fprintf(stderr, "\n  "); \
			fprintf(stderr, __VA_ARGS__); \
			fprintf(stderr, "\n"); \
			abort(); \
		} \
	} while (0)

/* Formats t into a fresh exact-size buffer (so ASan sees any overrun). */
static inline char *
fuzz_format(const pt_target *t, size_t *len)
{
	size_t		cap = pt_format_size(t) + 1;
	char	   *buf = malloc(cap);

	if (buf == NULL)
		abort();
	*len = pt_format(t, buf, cap);
	if (*len >= cap)
	{
		fprintf(stderr, "\n*** pt_format wrote %zu bytes but pt_format_size said %zu\n",
				*len, cap - 1);
		abort();
	}
	if (buf[*len] != '\0')
	{
		fprintf(stderr, "\n*** pt_format did not NUL-terminate its output\n");
		abort();
	}
	return buf;
}

#endif
