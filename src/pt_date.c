/*
 * pt_date.c — civil date <-> day number conversion (Gregorian, no tables).
 */
#include "pt_date.h"

static bool
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
pt_date_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

bool
pt_date_valid(int year, int month, int day)
{
	return year >= PT_DATE_MIN_YEAR && year <= PT_DATE_MAX_YEAR &&
		month >= 1 && month <= 12 &&
		day >= 1 && day <= pt_date_days_in_month(year, month);
}

/* Days since 1970-01-01 of a civil date, by the era method (exact integers). */
static int32_t
days_from_civil(int y, int m, int d)
{
	int			era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

#define DAYS_1970_TO_2000 10957

int32_t
pt_date_to_days(int year, int month, int day)
{
	return days_from_civil(year, month, day) - DAYS_1970_TO_2000;
}

void
pt_date_from_days(int32_t days, int *year, int *month, int *day)
{
	int32_t		z = days + DAYS_1970_TO_2000 + 719468;
	int32_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int32_t		doe = z - era * 146097;
	int32_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int32_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int32_t		mp = (5 * doy + 2) / 153;
	int32_t		d = doy - (153 * mp + 2) / 5 + 1;
	int32_t		m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int) (yoe + era * 400 + (m <= 2));
	*month = (int) m;
	*day = (int) d;
}
