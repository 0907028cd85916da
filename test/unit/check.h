/*
 * check.h — the smallest test harness.
 *
 * Assertions: CHECK(cond, fmt, ...) counts passes and failures and prints each
 * failure with its place.  A program may define its own CHECK before including
 * this file, as long as it counts into check_passed / check_failed.
 *
 * Test cases: main() runs each test function as TEST_CASE(test_x(args)); a case
 * passes when it made at least one assertion and none failed.  Each case prints
 * one line ("ok   test_x(args): 17 assertions" or "FAIL test_x(args): …").
 *
 * check_summary() prints the assertion count as information, then the closing
 * line "N passed, M failed" in test cases (what test/run_tests.sh adds up), and
 * gives the exit status.  Assertions made outside any TEST_CASE count as one
 * more case, so a test function called without TEST_CASE is not lost.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>

static int	check_passed,		/* assertions */
			check_failed;
static int	case_passed,		/* test cases */
			case_failed,
			case_assertions,	/* assertions made inside TEST_CASE */
			case_assertions_failed;

#ifndef CHECK
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
#endif

static void
check_case_done(const char *name, int passed_before, int failed_before)
{
	int			ok = check_passed - passed_before,
				bad = check_failed - failed_before;

	case_assertions += ok + bad;
	case_assertions_failed += bad;
	fflush(stderr);
	if (bad == 0 && ok > 0)
	{
		case_passed++;
		printf("ok   %s: %d assertions\n", name, ok);
	}
	else
	{
		case_failed++;
		if (ok + bad == 0)
			printf("FAIL %s: made no assertion\n", name);
		else
			printf("FAIL %s: %d of %d assertions failed\n", name, bad, ok + bad);
	}
	fflush(stdout);
}

#define TEST_CASE(call) \
	do { \
		int			passed_before_ = check_passed, \
					failed_before_ = check_failed; \
		call; \
		check_case_done(#call, passed_before_, failed_before_); \
	} while (0)

static int
check_summary(void)
{
	int			outside = check_passed + check_failed - case_assertions,
				outside_failed = check_failed - case_assertions_failed;

	if (outside > 0)
	{
		/* test functions called without TEST_CASE(): one case for all of them */
		if (outside_failed == 0)
			case_passed++;
		else
			case_failed++;
		printf("%s assertions outside TEST_CASE(): %d of %d failed\n",
			   outside_failed ? "FAIL" : "ok  ", outside_failed, outside);
	}
	printf("assertions: %d passed, %d failed\n", check_passed, check_failed);
	printf("%d passed, %d failed\n", case_passed, case_failed);
	return case_failed == 0 && check_failed == 0 ? 0 : 1;
}

#endif
