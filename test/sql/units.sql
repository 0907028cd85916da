-- The unit catalog: dimensions, exact factors, scale words, measure words,
-- compound units, and conversion between units of one dimension.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;
SET datestyle = ISO;
\pset null '∅'

-- one value per unit: dimension, base unit, bounds in the base unit
SELECT v, ptarget_dimension(t) AS dimension, ptarget_unit(t) AS unit,
       ptarget_base_unit(t) AS base, ptarget_magnitude(t) AS magnitude,
       ptarget_lower(t) AS lower, ptarget_upper(t) AS upper
FROM (SELECT v, v::ptarget AS t FROM (VALUES
  ('≥95%'), ('≥95百分比'), ('≤5‰'), ('≤50万元'), ('≤0.55万元'), ('≤3千元'), ('≤2亿元'),
  ('≤5秒'), ('≤5分钟'), ('≤12小时'), ('≤2个小时'), ('≤7天'), ('≤20日'), ('≤20自然日'), ('≤2周'),
  ('≤10工作日'), ('≤5个工作日'), ('≤12月'), ('≤6个月'), ('≥6年'), ('≤2季度'),
  ('>1265822.78度'), ('≤3kWh'), ('≤3千瓦时'), ('≤1.5MWh'), ('≥150平米'), ('≥150平方米'), ('≥2公顷'),
  ('≥3km'), ('≥3公里'), ('≥3千米'), ('≥25cm'), ('≥70T'), ('≥70TB'), ('≥500GB'),
  ('≤5吨'), ('≤5kg'), ('≤2升'), ('≤2立方米'),
  ('≥5次'), ('≥5人'), ('≥5人次'), ('≥100台（套）'), ('≥5匹'), ('≥55万'), ('5'),
  ('≤1000元/人/月'), ('≤0.1万元/人/月'), ('≤9000元/月'), ('≥48万次/年')) AS x(v)) s;

-- equal however written (spec §3, §5a)
SELECT a, b, a::ptarget = b::ptarget AS equal,
       ptarget_hash(a::ptarget) = ptarget_hash(b::ptarget) AS same_hash
FROM (VALUES ('≤0.55万元', '≤5500元'), ('≤5500元', '≤5500.00元'), ('≤12.1万元', '≤121000元'),
             ('≥20万人次', '≥200000人次'), ('≥55万', '≥550000'), ('90%以上', '≥90%'),
             ('约5个', '5个'), ('1年', '12月'), ('≤2小时', '≤120分钟'), ('≤1天', '≤24小时'),
             ('≤1天', '≤1日'), ('≥3km', '≥3000m'), ('≥70T', '≥70TB'), ('≥85%', '≥85百分比'),
             ('≤1分钟', '≤60秒'), ('≤0.1万元/人/月', '≤1000元/人/月'),
             -- never equal across dimensions
             ('≥5人', '≥5人次'), ('≤10工作日', '≤10天'), ('≥95%', '≥95元'), ('≤5元/月', '≤5元/年'),
             ('≥5次', '≥5次/年'), ('5', '5个')) AS v(a, b);

-- containment never crosses dimensions
SELECT '≥95%'::ptarget @> '≥95元'::ptarget AS pct_vs_money,
       '≥5人'::ptarget @> '≥6人次'::ptarget AS person_vs_visit,
       '≤10天'::ptarget @> '≤5工作日'::ptarget AS day_vs_workday,
       '≤2小时'::ptarget @> '≤90分钟'::ptarget AS hours_vs_minutes;

-- conversion to another unit of the same dimension, exactly
SELECT t, unit, ptarget_convert(t::ptarget, unit) AS converted,
       ptarget_convert(t::ptarget, unit) = t::ptarget AS still_equal
FROM (VALUES ('≤50万元', '元'), ('≤5500元', '万元'), ('≤1265822.78万元', '亿元'), ('≤90分钟', '小时'),
             ('≥2年', '月'), ('≤36个月', '年'), ('5~10万元', '元'), ('≥70T', 'GB'),
             ('≤1000元/人/月', '万元/人/月'), ('≥55万', ''), ('≥3km', 'm')) AS v(t, unit);
