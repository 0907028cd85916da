-- Every rejected input: its SQLSTATE, message, detail and hint.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;
SET datestyle = ISO;

CREATE FUNCTION try_parse(input text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  state text; msg text; detail text; hint text;
BEGIN
  PERFORM input::ptarget;
  RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
                          detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
  RETURN state || ' | ' || msg || ' | ' || detail;
END $$;

-- syntax errors (22P02): looks like a quantity or date but is not one
SELECT input, try_parse(input) AS result
FROM (VALUES (''), ('   '), ('≥95%%'), ('≥abc'), ('≥'), ('12,34'), ('5 000'), ('12月2日'),
             ('≥NaN%'), ('NaN'), ('10-5个'), ('5千元-1万元'), ('≥5~10个'), ('≥95%以下'),
             ('"他说"好"'), ('""'), ('≥5个/'), ('2025年12月31日~2025年1月1日')) AS v(input);

-- impossible dates (22008)
SELECT input, try_parse(input) AS result
FROM (VALUES ('2025年2月29日'), ('2025年2月29日之前'), ('2025年13月'), ('2025年4月31日'),
             ('2025-02-30'), ('2025.02.30'), ('0999年1月1日'), ('2025年2月29日之前完成')) AS v(input);

-- out of range (22003)
SELECT input, try_parse(input) AS result
FROM (VALUES ('Infinity'), ('≥∞'), ('-inf%'), ('12345678901234567890123456789万元'),
             ('0.0000000000000000000000000000000000000000000000000000000000001元')) AS v(input);

-- the whole report for one input: message quotes it, detail says why, hint says what to write
\set VERBOSITY default
SELECT '≥95%%'::ptarget;
SELECT '2025年2月29日之前'::ptarget;
SELECT 'Infinity'::ptarget;

-- constructor and conversion errors
SELECT ptarget('≠', 5, '个');
SELECT ptarget('≥', 5, '个 人');
-- the constructor reads units by the same rule as text: 千 瓦时 would print as 千瓦时 (kWh)
SELECT ptarget('≥', 2, '千 瓦时');
SELECT ptarget('≥', 2, '千瓦时') AS kwh, ptarget('≥', 2, '万 元') AS wan_yuan;
SELECT ptarget('≥', 'NaN'::numeric, '%');
SELECT ptarget('≥', 'Infinity'::numeric, '%');
SELECT ptarget_convert('≤50万元', '个');
SELECT ptarget_convert('≤1分钟', '小时');
SELECT ptarget_convert('普遍满意', '元');
SELECT numrange('普遍满意'::ptarget);
SELECT daterange('≥95%'::ptarget);
SELECT '≥95%'::ptarget @> 'NaN'::numeric;
