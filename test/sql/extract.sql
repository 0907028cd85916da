-- Targets inside prose (ptarget_extract) and values read with what their
-- document says (ptarget_parse with a year and a unit), issue 12.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;
SET datestyle = ISO;
\pset null '∅'

-- ============================================================ ptarget_extract
-- every constraint a sentence states, in order
SELECT input, ptarget_extract(input) AS constraints FROM (VALUES
  ('合格率不低于90%'),
  ('培训人员30人以上,补助资金2.5万元以内'),
  ('验收时间为2024年11月15日'),
  ('合格率≥95%，满意度≥90%'),
  ('满意度提高到95%以上'),
  ('2025年12月底之前完成项目资金阶段性支付'),
  ('于2024年9月底前拨付到位'),
  ('2024年度预算执行率≥95%'),
  ('完成5个项目'),
  ('种植500棵，成活率90%以上'),
  ('控制在5%以内'),
  ('不低于2个百分点'),
  ('比例不低于90%')) AS v(input);

-- a change or a comparison states no level; nor do ordinals, names, document numbers, list marks
SELECT input, ptarget_extract(input) AS constraints FROM (VALUES
  ('比上年增加5个'), ('同比增长5%'), ('较上年提高2个百分点'), ('增加了3个'), ('比去年多5个'),
  ('第3批'), ('沿318国道'), ('财预〔2020〕10号'), ('1.培训2次'), ('（1）覆盖3个县区'),
  ('资金5万'), ('2024年完成率达到100%'), ('种植500棵树苗'), ('普遍满意'), ('')) AS v(input);

-- a text that is a target on its own gives that target, as the cast reads it
SELECT input, ptarget_extract(input) AS constraints, ptarget_extract(input) = ARRAY[input::ptarget] AS as_cast
FROM (VALUES ('≥95%'), ('2025年9月30日之前'), ('95以內'), ('5~10万元')) AS v(input);

-- the cast keeps its rule: a target followed by prose is a label
SELECT '2025年12月底之前完成项目资金阶段性支付'::ptarget AS cast,
       ptarget_extract('2025年12月底之前完成项目资金阶段性支付') AS extracted;

-- what an importer does with a label cell: one constraint becomes the target, several stay an array
SELECT cell, CASE WHEN cardinality(e) = 1 THEN e[1] END AS target, e AS constraints
FROM (SELECT cell, ptarget_extract(cell) AS e FROM (VALUES
  ('项目验收合格率不低于95%'), ('培训人员30人以上,补助资金2.5万元以内'), ('群众满意')) AS v(cell)) s;

-- long text: the array has every constraint
SELECT cardinality(ptarget_extract(string_agg(format('第%s项不低于%s%%；', i, i), ''))) AS found
FROM generate_series(1, 500) i;
SELECT ptarget_extract(NULL) IS NULL AS strict;

-- ============================================================ ptarget_parse with a context
-- the document's year for dates written without one
SELECT input, ptarget_parse(input, year => 2024) AS with_year FROM (VALUES
  ('10月前'), ('6月底'), ('12月31日之前'), ('10月31日前完成'), ('第四季度末前'), ('下半年'), ('年底前'),
  ('3月-8月'), ('10月'), ('2025年3月底前'), ('普遍满意'), ('≥95%')) AS v(input);
-- the column's unit for a bare number
SELECT input, unit, ptarget_parse(input, unit => unit) AS with_unit FROM (VALUES
  ('85', '%'), ('≥85', '%'), ('85~90', '%'), ('约85', '%'), ('≤50', '万元'), ('55万', '人次'),
  ('5万', '万元'), ('≥85%', '元'), ('≥85个', '%'), ('≤15.5/棵', '元'), ('2025年', '%'), ('普遍满意', '%'),
  ('85', '台套'), ('1.50', '元')) AS v(input, unit);
-- both at once; NULL means none
SELECT ptarget_parse('10月前', 2024, '%') AS a, ptarget_parse('85', 2024, '%') AS b,
       ptarget_parse('85', NULL, NULL) AS c, ptarget_parse(NULL, 2024, '%') AS d;
-- without a context the type never guesses
SELECT ptarget_parse('85') AS bare, ptarget_parse('第四季度末前') AS label;
SELECT ptarget_parse('10月前');
-- bad context
SELECT ptarget_parse('85', unit => '米/');
SELECT ptarget_parse('10月前', year => 99999);
SELECT ptarget_parse('≥95%%', 2024, '%');
