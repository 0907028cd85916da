/*
 * check.h — the smallest test harness: CHECK counts passes and failures and
 * prints each failure with its place; check_summary() prints the closing
 * "N passed, M failed" line and gives the exit status.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>

static int	check_passed,
			check_failed;

#define CHECK(cond, ...) \
	do { \
		if (cond) \
			check_passed++; \
		else \
		{ \
			check_failed++; \
			fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
		} \
	} while (0)

static int
check_summary(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed == 0 ? 0 : 1;
}

#endif
