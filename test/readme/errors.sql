SELECT '2025年2月29日之前'::ptarget;
SELECT '2025年13月'::ptarget;
SELECT '≥95%%'::ptarget;
SELECT numrange('普遍满意'::ptarget);
SELECT ptarget_convert('≤1分钟', '小时');
SELECT '≥95%'::ptarget @> 'NaN'::numeric;
SELECT 1.5::float8::ptarget;
-- long input is quoted by its first 64 characters and its length
SELECT repeat('9', 100000)::ptarget;
