/*
 * pt_date.h — proleptic Gregorian calendar arithmetic on day numbers.
 * Days count from 2000-01-01 (= 0), PostgreSQL's date epoch, so the glue can
 * hand them to the date type unchanged.
 */
#ifndef PT_DATE_H
#define PT_DATE_H

#include <stdbool.h>
#include <stdint.h>

#define PT_DATE_MIN_YEAR 1000
#define PT_DATE_MAX_YEAR 9999

bool		pt_date_valid(int year, int month, int day);
int			pt_date_days_in_month(int year, int month);
int32_t		pt_date_to_days(int year, int month, int day);
void		pt_date_from_days(int32_t days, int *year, int *month, int *day);

#endif
