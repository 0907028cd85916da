-- Date targets: deadlines, days, months, years, ranges; containment of dates.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;
SET datestyle = ISO;
\pset null '∅'

SELECT v, t AS canonical, ptarget_operator(t) AS op, ptarget_lower_date(t) AS first_day,
       ptarget_upper_date(t) AS last_day, daterange(t) AS days
FROM (SELECT v, v::ptarget AS t FROM (VALUES
  ('2025年12月2日'), ('2025年12月2号'), ('2025-12-02'), ('2025.12.2'), ('2025/12/2'),
  ('2025年9月30日之前'), ('2025年9月30日前'), ('2025年9月30日以前'), ('截至2025年9月30日'),
  ('不晚于2025年9月30日'), ('≤2025-09-30'), ('<2025年10月1日'), ('2025年9月30日止'),
  ('2025年3月底前'), ('2025年3月底'), ('2025年2月底前'), ('2024年2月底前'), ('2023年底'), ('2025年底前'),
  ('2025年12月31日之前'), ('2025年全年'), ('2020年'), ('2025年12月'), ('2023.07'), ('2023-07'),
  ('2025年12月上旬'), ('2025年12月中旬'), ('2025年12月下旬'), ('2025年10月1日以后'), ('2025年10月1日起'),
  ('>2025年9月30日'), ('≥2025年10月1日'), ('2025年1月1日~2025年3月5日'), ('2025年1月至3月'),
  ('2025年1月至2025年3月'), ('2024-2025年'), ('约2025年')) AS x(v)) s;

-- dates are discrete: <D means ≤ the day before, so these are equal
SELECT '<2025年10月1日'::ptarget = '2025年9月30日之前'::ptarget AS lt_is_le,
       '2025年3月底前'::ptarget = '≤2025-03-31'::ptarget AS month_end,
       '2025年全年'::ptarget = '2025-01-01~2025-12-31'::ptarget AS whole_year,
       '2025年12月'::ptarget = '2025年12月1日~2025年12月31日'::ptarget AS whole_month;

-- containment between date targets and of plain dates
SELECT '2025年全年'::ptarget @> '2025年3月'::ptarget AS year_has_march,
       '2025年9月30日之前'::ptarget @> '2025年3月底前'::ptarget AS earlier_deadline_inside,
       '2025年3月底前'::ptarget @> '2025年9月30日之前'::ptarget AS later_deadline_not_inside,
       '2025年9月30日之前'::ptarget @> date '2025-09-30' AS deadline_day,
       '2025年9月30日之前'::ptarget @> date '2025-10-01' AS day_after,
       date '2025-12-15' <@ '2025年12月中旬'::ptarget AS mid_december,
       '2025年9月30日之前'::ptarget @> date '-infinity' AS minus_infinity,
       '2025年全年'::ptarget @> date 'infinity' AS plus_infinity,
       '2025年全年'::ptarget && '2025年12月31日之后'::ptarget AS touch_on_last_day,
       '≥95%'::ptarget @> date '2025-01-01' AS quantity_has_no_dates;
