SELECT '≥95%'::ptarget @> '≥98%'        AS a,   -- every value ≥98% is ≥95%
       '≤50万元'::ptarget @> '≤30万元'    AS b,
       '≤0.55万元'::ptarget = '≤5500元'   AS c,   -- equal however written
       '≥95%'::ptarget @> 96.5           AS d,   -- a number is read in the written unit
       '<5次'::ptarget @> '5次'          AS e,
       '≥95%'::ptarget @> '≥95元'        AS f;   -- another dimension
SELECT input, input::ptarget AS canonical FROM (VALUES ('>=95%'), ('≧95％'), ('不超过50万元'),
  ('90%以上'), ('超过100人'), ('3个工作日以内'), ('5万-10万元'), ('5个左右'), ('2025年3月底前'),
  ('2025年全年'), ('完成2个')) v(input);
-- plain columns for BI tools
SELECT ptarget_kind(t) AS kind, ptarget_operator(t) AS op, ptarget_magnitude(t) AS magnitude,
       ptarget_unit(t) AS unit, ptarget_base_unit(t) AS base, ptarget_dimension(t) AS dimension,
       ptarget_lower(t) AS lower, ptarget_upper(t) AS upper
FROM (VALUES ('≤50万元'::ptarget), ('≥20万人次'), ('≤1000元/人/月')) v(t);
SELECT numrange('≤50万元'::ptarget), daterange('2025年3月底前'::ptarget),
       ptarget_convert('≤50万元', '元'), ptarget('不低于', 95, '%'), 5::ptarget AS from_integer;
SELECT jsonb_pretty('≤50万元'::ptarget::jsonb);
-- validation in the database
CREATE TABLE indicator(name text, target ptarget, actual numeric,
                       CHECK (actual IS NULL OR target @> actual));
INSERT INTO indicator VALUES ('满意度', '≥95%', 96.5);
INSERT INTO indicator VALUES ('满意度', '≥95%', 94.9);
