-- Year-end self-evaluation (issue 11): met, completion and score of actual
-- values against targets under every rule, with hand-computed answers; the
-- rules and level-weight tables; grades and project totals; the validation
-- trigger; a realistic 自评表 whose recorded scores include wrong ones; and
-- properties over generated values.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;
SET datestyle = ISO;
\pset null '∅'

-- errors as SQLSTATE and message, so that one query shows several
-- and every field of an error but where in the C source it was raised
CREATE FUNCTION pg_temp.error_fields(q text) RETURNS TABLE (field text, value text) LANGUAGE plpgsql AS $$
DECLARE
    f1 text; f2 text; f3 text; f4 text; f5 text; f6 text; f7 text;
BEGIN
    EXECUTE q;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS f1 = RETURNED_SQLSTATE, f2 = MESSAGE_TEXT, f3 = PG_EXCEPTION_DETAIL,
                            f4 = PG_EXCEPTION_HINT, f5 = SCHEMA_NAME, f6 = TABLE_NAME, f7 = COLUMN_NAME;
    RETURN QUERY SELECT n, v FROM unnest(ARRAY['sqlstate', 'message', 'detail', 'hint', 'schema', 'table', 'column'],
                                         ARRAY[f1, f2, f3, f4, f5, f6, f7]) AS x(n, v);
END $$;
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    detail text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN SQLSTATE || ': ' || SQLERRM || CASE WHEN detail <> '' THEN ' (' || detail || ')' ELSE '' END;
END $$;

-- ------------------------------------------------------------------ the built-in rules

SELECT name, source, point_direction, floor_shape, ceiling_shape, ceiling_zero_at, qualitative_bands, grade_bands, builtin
FROM ptarget_rule ORDER BY name;
SELECT scheme, with_cost, level1, weight FROM ptarget_level_weight ORDER BY with_cost, weight DESC, level1;

-- ------------------------------------------------------------------ hand-computed cases: standard and linear
-- Each row: the case, target, actual, weight, rule, direction and the completion and
-- score worked out by hand (comments give the arithmetic); ok compares them.
CREATE TEMP TABLE hand (n int, what text, target ptarget, actual ptarget, weight numeric, rule text, direction text,
                        hand_completion numeric, hand_score numeric);
INSERT INTO hand VALUES
 ( 1, 'met exactly',                  '≥4700人',    '4700人',    10, 'standard', NULL, 100.00, 10.00),
 ( 2, 'exceeded',                     '≥4700人',    '4800人',    10, 'standard', NULL, 102.13, 10.00),  -- 4800/4700 = 1.021276…
 ( 3, 'just missed',                  '≥95%',       '94.9%',     10, 'standard', NULL,  99.89,  9.99),  -- 94.9/95 = 0.998947…
 ( 4, 'missed floor (sheet: 10)',     '≥4700人',    '4520人',    10, 'standard', NULL,  96.17,  9.62),  -- 4520/4700 = 0.961702…
 ( 5, 'missed by 1, rounds to weight','≥4700人',    '4699人',    10, 'standard', NULL,  99.98, 10.00),  -- 9.99787… → 10.00
 ( 6, 'missed ceiling (sheet: 10)',   '≤5600元/户', '6100元/户', 10, 'standard', NULL,  91.80,  9.18),  -- 5600/6100 = 0.918032…
 ( 7, 'ceiling beaten',               '≤5600元/户', '4000元/户', 10, 'standard', NULL, 140.00, 10.00),  -- 5600/4000 = 1.4
 ( 8, 'exclusive floor at the bound', '>90%',       '90%',       10, 'standard', NULL, 100.00, 10.00),  -- not met; 90/90
 ( 9, 'exclusive floor just above',   '>90%',       '90.01%',    10, 'standard', NULL, 100.01, 10.00),
 (10, 'exclusive ceiling at bound',   '<5次',       '5次',        4, 'standard', NULL, 100.00,  4.00),  -- not met; 5/5
 (11, 'exclusive ceiling missed',     '<5次',       '6次',        4, 'standard', NULL,  83.33,  3.33),  -- 5/6 × 4 = 3.333…
 (12, 'ceiling 0 met',                '≤0起',       '0起',        5, 'standard', NULL, 100.00,  5.00),
 (13, 'ceiling 0 missed',             '≤0起',       '2起',        5, 'standard', NULL,   0.00,  0.00),  -- 0/2; a missed ceiling of 0 scores 0
 (14, 'point 0 reads as a ceiling',   '0起',        '2起',        5, 'standard', NULL,   0.00,  0.00),
 (15, 'floor 0 missed',               '≥0%',        '-3%',        5, 'standard', NULL,   0.00,  0.00),
 (16, 'negative actual, floor',       '≥100人',     '-5人',      10, 'standard', NULL,  -5.00,  0.00),  -- -5/100; -0.50 → 0
 (17, 'negative actual, ceiling',     '≤5600元',    '-100元',    10, 'standard', NULL, 100.00, 10.00),
 (18, '万元 target, 元 actual',       '≤50万元',    '600000元',  10, 'standard', NULL,  83.33,  8.33),  -- 500000/600000
 (19, '万元 floor, 元 actual',        '≥50万元',    '480000元',  10, 'standard', NULL,  96.00,  9.60),  -- 48/50
 (20, '元 target, 万元 actual',       '≤500000元',  '55万元',    10, 'standard', NULL,  90.91,  9.09),  -- 500000/550000 = 0.909090…
 (21, '年 target, 个月 actual',       '≤1年',       '13个月',     6, 'standard', NULL,  92.31,  5.54),  -- 12/13 × 6 = 5.538…
 (22, 'point as floor, exceeded',     '6区',        '7区',       10, 'standard', NULL, 116.67, 10.00),  -- 7/6
 (23, 'point as floor, missed',       '6区',        '5区',       10, 'standard', NULL,  83.33,  8.33),  -- 5/6 × 10
 (24, 'point, direction ceiling',     '50万元',     '55万元',    10, 'standard', 'ceiling', 90.91, 9.09), -- 50/55
 (25, 'point, direction 反向',        '50万元',     '55万元',    10, 'standard', '反向', 90.91, 9.09),
 (26, 'point, direction exact',       '100%',       '105%',      10, 'standard', 'exact', 95.24, 9.52),  -- 100/105 = 0.952380…
 (27, 'range, inside',                '5~10个',     '7个',       10, 'standard', NULL, 100.00, 10.00),
 (28, 'range, below',                 '5~10个',     '4个',       10, 'standard', NULL,  80.00,  8.00),  -- 4/5
 (29, 'range, above',                 '5~10个',     '12个',      10, 'standard', NULL,  83.33,  8.33),  -- 10/12
 (30, 'actual written as a bound',    '≥95%',       '≥98%',      10, 'standard', NULL, 103.16, 10.00),  -- 98/95 = 1.031578…
 (31, 'weight with 3 places',         '≥4700人',    '4800人', 16.666, 'standard', NULL, 102.13, 16.66),  -- never above the weight
 (32, 'weight 0',                     '≥4700人',    '4520人',     0, 'standard', NULL,  96.17,  0.00),
 (33, 'deadline met',                 '2025年9月30日之前', '2025年9月15日', 5, 'standard', NULL, NULL, 5.00),
 (34, 'deadline met on the day',      '2025年9月30日之前', '2025年9月30日', 5, 'standard', NULL, NULL, 5.00),
 (35, 'deadline missed',              '2025年9月30日之前', '2025年10月15日', 5, 'standard', NULL, NULL, 0.00),
 (36, 'whole year, done in January',  '2025年全年', '2026年1月2日', 5, 'standard', NULL, NULL, 0.00),
 (37, 'linear: missed ceiling',       '≤5600元/户', '6100元/户', 10, 'linear', NULL,  91.80,  9.11),  -- 10 × (11200-6100)/5600 = 9.107…
 (38, 'linear: at twice the ceiling', '≤5600元/户', '11200元/户', 10, 'linear', NULL, 50.00,  0.00),
 (39, 'linear: beyond twice',         '≤5600元/户', '12000元/户', 10, 'linear', NULL, 46.67,  0.00),
 (40, 'linear: 万元, weight 8',       '≤50万元',    '75万元',     8, 'linear', NULL,  66.67,  4.00),  -- 8 × (100-75)/50
 (41, 'linear: floors as standard',   '≥4700人',    '4520人',    10, 'linear', NULL,  96.17,  9.62);

-- (ptarget_completion reads a point target as a floor; with a direction, ptarget_evaluate's completion)
SELECT h.n, h.what, h.target, h.actual, h.weight AS w, h.rule, ptarget_met(h.target, h.actual) AS met,
       e.completion, ptarget_score(h.target, h.actual, h.weight, h.rule, h.direction) AS score,
       e.completion IS NOT DISTINCT FROM h.hand_completion
       AND ptarget_score(h.target, h.actual, h.weight, h.rule, h.direction) = h.hand_score AND e.score = h.hand_score
       AND (h.direction IS NOT NULL OR ptarget_completion(h.target, h.actual) IS NOT DISTINCT FROM e.completion) AS ok
FROM hand h, ptarget_evaluate(h.target, h.actual, h.weight, h.rule, h.direction) e ORDER BY h.n;
SELECT ptarget_completion('50万元', '55万元'::ptarget) AS "point read as a floor", ptarget_completion('100%', '105%'::ptarget) AS "also";

-- and why: the reason of every case
SELECT h.n, e.reason FROM hand h, ptarget_evaluate(h.target, h.actual, h.weight, h.rule, h.direction) e ORDER BY h.n;

-- met agrees with @> on every case with a quantity or date actual
SELECT count(*) AS cases, count(*) FILTER (WHERE ptarget_met(target, actual) = (target @> actual)) AS agree FROM hand;

-- a number is read in the target's written unit; a date is a completion date
SELECT ptarget_met('≤50万元', 48) AS "48 of ≤50万元", ptarget_completion('≤50万元', 60) AS "60 of ≤50万元",
       ptarget_score('≤50万元', 60::numeric, 10) AS score_60, ptarget_score('≥95%', 94.9, 10) AS score_94_9,
       ptarget_met('2025年9月30日之前', date '2025-09-30') AS on_time,
       ptarget_score('2025年9月30日之前', date '2025-10-01', 5) AS late,
       ptarget_score('≥4700人', 4520::numeric, 10, 'linear') AS linear_floor;

-- 不适用 (does not apply): neither met nor missed, no score; the totals leave it out
SELECT ptarget_met('≥95%', '不适用'::ptarget) AS met, ptarget_completion('≥95%', '不涉及'::ptarget) AS completion,
       ptarget_score('≥95%', '不适用'::ptarget, 10) AS score;

-- NULLs: a missing actual gives NULL here; ptarget_evaluate scores it 0 (below)
SELECT ptarget_met('≥95%', NULL::ptarget) AS met, ptarget_completion('≥95%', NULL::ptarget) AS completion,
       ptarget_score('≥95%', NULL::ptarget, 10) AS score, ptarget_score('≥95%', '96%'::ptarget, NULL) AS no_weight,
       ptarget_score('≥95%', '96%'::ptarget, 10, NULL) AS no_rule, ptarget_score('≥95%', '96%'::ptarget, 10, 'standard', NULL) AS rule_direction;

-- errors: another dimension names both (22023); grades only for qualitative targets
SELECT pg_temp.try(q) AS error FROM (VALUES
    ($$SELECT ptarget_met('≥4700人', '4520元'::ptarget)$$),
    ($$SELECT ptarget_score('≥4700人', '4520元'::ptarget, 10)$$),
    ($$SELECT ptarget_completion('≥95%', '96'::ptarget)$$),
    ($$SELECT ptarget_met('≥4700人', '4700人次'::ptarget)$$),
    ($$SELECT ptarget_met('≥95%', date '2025-01-01')$$),
    ($$SELECT ptarget_met('2025年9月30日之前', 5)$$),
    ($$SELECT ptarget_met('普遍满意', '95%'::ptarget)$$),
    ($$SELECT ptarget_met('普遍满意', '很好'::ptarget)$$),
    ($$SELECT ptarget_met('≥95%', '≤98%'::ptarget)$$),
    ($$SELECT ptarget_met('5~10个', '6~12个'::ptarget)$$),
    ($$SELECT ptarget_score('≥95%', '96%'::ptarget, -1)$$),
    ($$SELECT ptarget_score('≥95%', '96%'::ptarget, 'NaN')$$),
    ($$SELECT ptarget_met('≥95%', 'NaN'::numeric)$$),
    ($$SELECT ptarget_met('2025年9月30日之前', 'infinity'::date)$$),
    ($$SELECT ptarget_score('≥95%', '96%'::ptarget, 10, 'nope')$$),
    ($$SELECT ptarget_score('≥95%', '96%'::ptarget, 10, 'standard', 'upwards')$$),
    ($$SELECT ptarget_completion('≥0.0000000001%', 1e27::numeric)$$)) v(q);

-- ------------------------------------------------------------------ qualitative targets
-- 财预〔2020〕10号: 达成 100-80 % (含80 %), 部分达成 80-60 % (含60 %), 未达成 60-0 % of the weight;
-- 优/良/中/差 by the grade bands 90/80/60.  The score is the top of the band.
SELECT g AS actual, ptarget_met('普遍满意', g::ptarget) AS met, e.score, e.score_band, e.applies
FROM unnest(ARRAY['达成预期指标', '达成年度指标', '部分达成年度指标并具有一定效果', '未达成年度指标且效果较差',
                  '普遍满意', '优', '优秀', '良', '中', '一般', '差', '不适用']) WITH ORDINALITY AS v(g, i),
     ptarget_evaluate('普遍满意', g::ptarget, 10) e
ORDER BY i;
SELECT e.reason FROM ptarget_evaluate('明显提高', '部分达成'::ptarget, 7) e;   -- 7 × 60 % = 4.20, 7 × 80 % = 5.60

-- ------------------------------------------------------------------ rules are data: users add their own
-- Hubei: 部分达成 from 50 %
INSERT INTO ptarget_rule (name, description, source, qualitative_bands)
VALUES ('hubei', '湖北: qualitative bands 80/50', '湖北省 项目支出绩效自评 (部分达成 50-80 %)', '{80,50}');
-- steps: ≥70 % → 3分, ≥65 % → 1分, below → 0 (thresholds in any order)
INSERT INTO ptarget_rule (name, description, source, floor_shape, ceiling_shape, step_at, step_points)
VALUES ('steps_70_65', 'completion ≥70 % → 3分, ≥65 % → 1分', 'an indicator''s 评分标准', 'steps', 'steps', '{65,70}', '{1,3}');
-- ±10 %: within 10 % of the bound counts as achieved; point targets count both ways
INSERT INTO ptarget_rule (name, description, source, point_direction, tolerance)
VALUES ('tolerance_10', '±10 % of the target counts as achieved', '偏差率±10%以内得满分', 'exact', 10);
-- a miss scores at most 90 % of the weight
INSERT INTO ptarget_rule (name, description, source, missed_cap)
VALUES ('cap_90', 'a missed target scores at most 90 % of its weight', 'a department''s 评分细则', 90);
-- a linear floor reaching 0 at half the target
INSERT INTO ptarget_rule (name, description, source, floor_shape, floor_zero_at)
VALUES ('half_floor', 'a missed floor falls linearly to 0 at half the floor', 'a department''s 评分细则', 'linear', 50);

CREATE TEMP TABLE hand2 (n int, target ptarget, actual ptarget, weight numeric, rule text, hand_score numeric, hand_low numeric);
INSERT INTO hand2 VALUES
 ( 1, '普遍满意', '部分达成年度指标',      10, 'hubei',        8.00, 5.00),
 ( 2, '普遍满意', '未达成',               10, 'hubei',        5.00, 0.00),
 ( 3, '普遍满意', '达成年度指标',          10, 'hubei',       10.00, 8.00),
 ( 4, '≥100%', '100%',                     5, 'steps_70_65',  5.00, 5.00),
 ( 5, '≥100%', '72%',                      5, 'steps_70_65',  3.00, 3.00),
 ( 6, '≥100%', '70%',                      5, 'steps_70_65',  3.00, 3.00),
 ( 7, '≥100%', '69.999%',                  5, 'steps_70_65',  1.00, 1.00),   -- exact: 69.999 < 70 though it shows 70.00
 ( 8, '≥100%', '65%',                      5, 'steps_70_65',  1.00, 1.00),
 ( 9, '≥100%', '60%',                      5, 'steps_70_65',  0.00, 0.00),
 (10, '≥100%', '72%',                      2, 'steps_70_65',  2.00, 2.00),   -- 3分 capped at the weight
 (11, '100%', '95%',                      10, 'tolerance_10', 10.00, 10.00),
 (12, '100%', '90%',                      10, 'tolerance_10', 10.00, 10.00),
 (13, '100%', '89%',                      10, 'tolerance_10',  8.90, 8.90),  -- 89/100 × 10
 (14, '100%', '108%',                     10, 'tolerance_10', 10.00, 10.00),
 (15, '100%', '115%',                     10, 'tolerance_10',  8.70, 8.70),  -- 100/115 × 10 = 8.695…
 (16, '≤50万元', '54万元',                10, 'tolerance_10', 10.00, 10.00),
 (17, '≤50万元', '56万元',                10, 'tolerance_10',  8.93, 8.93),  -- 50/56 × 10 = 8.928…
 (18, '≥4700人', '4699人',                10, 'cap_90',        9.00, 9.00),  -- 10.00 capped at 9.00
 (19, '≥4700人', '4700人',                10, 'cap_90',       10.00, 10.00),
 (20, '≥100人', '75人',                   10, 'half_floor',    5.00, 5.00),  -- 10 × (75-50)/(100-50)
 (21, '≥100人', '40人',                   10, 'half_floor',    0.00, 0.00);
SELECT h.n, h.target, h.actual, h.weight AS w, h.rule, e.met, e.completion, e.score, e.score_band,
       e.score = h.hand_score AND lower(e.score_band) = h.hand_low AS ok, e.reason
FROM hand2 h, ptarget_evaluate(h.target, h.actual, h.weight, h.rule) e ORDER BY h.n;

-- rules that make no sense are refused; built-in rows stay as they are; TRUNCATE is refused
SELECT pg_temp.try(q) AS error FROM (VALUES
    ($$INSERT INTO ptarget_rule (name, description, source, qualitative_bands) VALUES ('bad', 'x', 'x', '{60,80}')$$),
    ($$INSERT INTO ptarget_rule (name, description, source, ceiling_shape, ceiling_zero_at) VALUES ('bad', 'x', 'x', 'linear', 100)$$),
    ($$INSERT INTO ptarget_rule (name, description, source, floor_shape) VALUES ('bad', 'x', 'x', 'steps')$$),
    ($$INSERT INTO ptarget_rule (name, description, source, step_at, step_points) VALUES ('bad', 'x', 'x', '{70,70}', '{3,1}')$$),
    ($$INSERT INTO ptarget_rule (name, description, source, step_at, step_points) VALUES ('bad', 'x', 'x', '{70}', '{3,1}')$$),
    ($$INSERT INTO ptarget_rule (name, description, source, point_direction) VALUES ('bad', 'x', 'x', 'upwards')$$),
    ($$INSERT INTO ptarget_rule (name, description, source, tolerance) VALUES ('bad', 'x', 'x', -1)$$),
    ($$INSERT INTO ptarget_rule (name, description, source, grade_bands) VALUES ('bad', 'x', 'x', '{90,80}')$$),
    ($$INSERT INTO ptarget_rule (name, description, source, builtin) VALUES ('mine', 'x', 'x', true)$$),
    ($$UPDATE ptarget_rule SET tolerance = 5 WHERE name = 'standard'$$),
    ($$DELETE FROM ptarget_rule WHERE name = 'linear'$$),
    ($$TRUNCATE ptarget_rule$$),
    ($$UPDATE ptarget_level_weight SET weight = 60 WHERE level1 = '产出'$$),
    ($$TRUNCATE ptarget_level_weight$$)) v(q);
-- a user's rule can change; pg_dump keeps the rows users add, not the built-in ones
UPDATE ptarget_rule SET description = 'completion ≥70 % → 3分, ≥65 % → 1分, below 0' WHERE name = 'steps_70_65';
SELECT c.relname, x.condition FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(cfg, condition)
JOIN pg_class c ON c.oid = x.cfg WHERE e.extname = 'ptarget' ORDER BY 1;
SELECT has_table_privilege('public', 'ptarget_rule', 'SELECT') AS public_reads_rules,
       has_table_privilege('public', 'ptarget_rule', 'INSERT') AS public_writes_rules;

-- ------------------------------------------------------------------ grades, totals, weights, 预算执行率

SELECT t AS total, ptarget_grade(t) AS grade FROM unnest('{100,90,89.99,80,79.99,60,59.99,0}'::numeric[]) t;
INSERT INTO ptarget_rule (name, description, source, grade_bands)
VALUES ('strict_grades', 'grades 95/85/70', 'a stricter province', '{95,85,70}');
SELECT ptarget_grade(94.99, 'strict_grades') AS "94.99", ptarget_grade(95, 'strict_grades') AS "95";

SELECT ptarget_rescale(70, 80) AS "70 of 80 → 100", ptarget_rescale(50, 3, 1) AS "50 ÷ 3", ptarget_rescale(2, 3, 1) AS "2 ÷ 3",
       ptarget_rescale(1, 0) AS "÷ 0", ptarget_rescale(91.085, 100) AS half_up;

SELECT l AS level1, ptarget_level_weight(l) AS standard, ptarget_level_weight(l, true) AS with_cost
FROM unnest(ARRAY['成本指标', '产出指标', '效益指标', '满意度指标', '服务对象满意度指标', '预算执行率', '其他']) l;

-- 预算执行率 = executed ÷ budget; its score under the rule
SELECT b AS budget, x AS executed, ptarget_budget_execution(b, x) AS rate, ptarget_budget_score(b, x) AS score,
       ptarget_budget_score(b, x, 10, 'steps_70_65') AS stepwise
FROM (VALUES (1000000, 950000), (1000000, 923456.78), (1200000, 1000000), (1000000, 1050000), (1000000, 600000), (0, 5)) v(b, x);

-- ------------------------------------------------------------------ ptarget_evaluate never fails on a row

SELECT t, a, w, e.met, e.completion, e.score, e.applies, e.reason
FROM (VALUES ('≥4700人'::ptarget, '4520元'::ptarget, 10::numeric), ('≥95%', NULL, 10), ('≥95%', '96%', NULL),
             (NULL, '96%', 10), ('普遍满意', '很好', 10), ('≥95%', '不适用', 10)) v(t, a, w),
     ptarget_evaluate(t, a, w) e;
SELECT e.reason FROM ptarget_evaluate('≥95%', '96%'::ptarget, 10, 'nope') e;

-- ------------------------------------------------------------------ validation in the database
-- reject (the default): an actual that misses its target is an error naming both
CREATE TABLE checked (name text, target ptarget, actual ptarget);
CREATE TRIGGER actual_meets_target BEFORE INSERT OR UPDATE ON checked
    FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target', 'actual');
INSERT INTO checked VALUES ('培训人数', '≥4700人', '4800人'), ('满意度', '≥90%', NULL), ('完成时间', '2025年9月30日之前', '2025年9月1日'),
                           ('示范作用', '明显', '达成年度指标'), ('覆盖率', '≥90%', '不适用');
SELECT * FROM pg_temp.error_fields($$INSERT INTO checked VALUES ('培训人数', '≥4700人', '4520人')$$);
SELECT pg_temp.try(q) AS error FROM (VALUES
    ($$INSERT INTO checked VALUES ('户均补助', '≤5600元/户', '6100元/户')$$),
    ($$INSERT INTO checked VALUES ('培训人数', '≥4700人', '4520元')$$),
    ($$UPDATE checked SET actual = '2025年10月8日' WHERE name = '完成时间'$$),
    ($$UPDATE checked SET actual = '部分达成年度指标' WHERE name = '示范作用'$$)) v(q);
SELECT * FROM checked ORDER BY name;

-- flag: rows are kept and <actual>_flag says why (text), or is true (boolean); numbers are in the target's unit
CREATE TABLE flagged (name text, target ptarget, actual numeric, actual_flag text);
CREATE TRIGGER actual_meets_target BEFORE INSERT OR UPDATE ON flagged
    FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target', 'actual', 'flag');
INSERT INTO flagged VALUES ('培训人数', '≥4700人', 4520, NULL), ('户均补助', '≤5600元/户', 6100, NULL),
                           ('资金规模', '≤50万元', 48.6, 'stale'), ('完成时间', '2025年9月30日之前', 5, NULL), ('满意度', '≥90%', NULL, 'stale');
SELECT * FROM flagged ORDER BY name;
UPDATE flagged SET actual = 4700 WHERE name = '培训人数';
SELECT name, actual, actual_flag FROM flagged WHERE name = '培训人数';
CREATE TABLE flagged_dates (name text, target ptarget, done date, late boolean);
CREATE TRIGGER done_on_time BEFORE INSERT OR UPDATE ON flagged_dates
    FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target', 'done', 'flag', 'late');
INSERT INTO flagged_dates VALUES ('招标', '2025年3月底前', '2025-03-28', NULL), ('验收', '2025年12月', '2026-01-05', NULL);
SELECT * FROM flagged_dates ORDER BY name;
CREATE TABLE text_actuals (target ptarget, actual text, n int);
CREATE TRIGGER t BEFORE INSERT ON text_actuals FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target', 'actual');
CREATE TRIGGER n BEFORE INSERT ON text_actuals FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target', 'n');
INSERT INTO text_actuals VALUES ('≥95%', '96.5%', 96);
SELECT pg_temp.try($$INSERT INTO text_actuals VALUES ('≥95%', '94%', 96)$$) AS text_actual,
       pg_temp.try($$INSERT INTO text_actuals VALUES ('≥95%', '96%', 94)$$) AS integer_actual;
-- misuse is refused with what to write
CREATE TABLE misuse (target ptarget, actual ptarget, label text, flag int);
CREATE TRIGGER a BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target');
CREATE TRIGGER b AFTER INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target', 'actual');
SELECT pg_temp.try($$INSERT INTO misuse VALUES ('≥95%', '96%')$$) AS one_argument;
DROP TRIGGER a ON misuse;
SELECT pg_temp.try($$INSERT INTO misuse VALUES ('≥95%', '96%')$$) AS after_trigger;
DROP TRIGGER b ON misuse;
CREATE TRIGGER c BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target', 'actual', 'warn');
SELECT pg_temp.try($$INSERT INTO misuse VALUES ('≥95%', '96%')$$) AS bad_mode;
DROP TRIGGER c ON misuse;
CREATE TRIGGER d BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target', 'actual', 'flag');
SELECT pg_temp.try($$INSERT INTO misuse VALUES ('≥95%', '96%')$$) AS no_flag_column;
DROP TRIGGER d ON misuse;
CREATE TRIGGER e BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target', 'actual', 'flag', 'flag');
SELECT pg_temp.try($$INSERT INTO misuse VALUES ('≥95%', '96%')$$) AS integer_flag;
DROP TRIGGER e ON misuse;
CREATE TRIGGER f BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('label', 'actual');
SELECT pg_temp.try($$INSERT INTO misuse VALUES ('≥95%', '96%', 'x')$$) AS target_not_ptarget;
DROP TRIGGER f ON misuse;
CREATE TRIGGER g BEFORE INSERT ON misuse FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target', 'nothing');
SELECT pg_temp.try($$INSERT INTO misuse VALUES ('≥95%', '96%')$$) AS no_such_column;
DROP TABLE misuse;
SELECT pg_temp.try($$SELECT ptarget_check_actual()$$) AS not_a_trigger;

-- ------------------------------------------------------------------ a realistic 自评表
-- Three projects' self-evaluation sheets.  Recorded scores (得分) as the departments
-- filled them in, including the wrong ones: full marks for 4520人 against ≥4700人,
-- for 6100元/户 against ≤5600元/户 and for funds paid out after the deadline.
CREATE TABLE self_evaluation (
    department text, project text, position int, level1 text, level2 text, level3 text,
    target ptarget, actual ptarget, weight numeric, recorded_score numeric);
INSERT INTO self_evaluation VALUES
 ('县农业农村局', '2025年高素质农民培育项目', 1, '产出指标', '数量指标', '培训农民人数', '≥4700人', '4520人', 20, 20),
 ('县农业农村局', '2025年高素质农民培育项目', 2, '产出指标', '质量指标', '培训合格率', '≥95%', '97.5%', 10, 10),
 ('县农业农村局', '2025年高素质农民培育项目', 3, '产出指标', '时效指标', '培训完成时间', '2025年11月30日之前', '2025年11月20日', 10, 10),
 ('县农业农村局', '2025年高素质农民培育项目', 4, '产出指标', '成本指标', '人均培训成本', '≤3000元/人', '2890元/人', 10, 10),
 ('县农业农村局', '2025年高素质农民培育项目', 5, '效益指标', '经济效益指标', '学员人均增收', '≥2000元/人', '2150元/人', 15, 15),
 ('县农业农村局', '2025年高素质农民培育项目', 6, '效益指标', '社会效益指标', '示范带动作用', '明显', '部分达成年度指标并具有一定效果', 15, 11),
 ('县农业农村局', '2025年高素质农民培育项目', 7, '满意度指标', '服务对象满意度指标', '参训农民满意度', '≥90%', '93%', 10, 10),
 ('县农业农村局', '2025年高素质农民培育项目', 8, '预算执行率', '预算执行率', '预算执行率', '100%', '92.35%', 10, 9.24),
 ('县民政局', '农村困难群众冬季取暖补助', 1, '产出指标', '数量指标', '补助户数', '≥1200户', '1260户', 20, 20),
 ('县民政局', '农村困难群众冬季取暖补助', 2, '产出指标', '成本指标', '户均补助标准', '≤5600元/户', '6100元/户', 20, 20),
 ('县民政局', '农村困难群众冬季取暖补助', 3, '产出指标', '时效指标', '资金发放时间', '2025年12月31日之前', '2026年1月10日', 10, 10),
 ('县民政局', '农村困难群众冬季取暖补助', 4, '效益指标', '社会效益指标', '困难群众温暖过冬', '有效保障', '达成年度指标', 30, 30),
 ('县民政局', '农村困难群众冬季取暖补助', 5, '满意度指标', '服务对象满意度指标', '受益群众满意度', '≥95%', '96.2%', 10, 10),
 ('县民政局', '农村困难群众冬季取暖补助', 6, '预算执行率', '预算执行率', '预算执行率', '100%', '100%', 10, 10),
 -- a sheet without weights (the 成本指标 framework) and with an indicator that does not apply
 ('县公安局', '道路交通安全宣传', 1, '成本指标', '经济成本指标', '项目总成本', '≤50万元', '48.6万元', NULL, NULL),
 ('县公安局', '道路交通安全宣传', 2, '产出指标', '数量指标', '宣传活动场次', '≥5次', '6次', NULL, NULL),
 ('县公安局', '道路交通安全宣传', 3, '产出指标', '质量指标', '宣传覆盖率', '≥90%', '不适用', NULL, NULL),
 ('县公安局', '道路交通安全宣传', 4, '效益指标', '社会效益指标', '较大交通事故', '0起', '1起', NULL, NULL),
 ('县公安局', '道路交通安全宣传', 5, '满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', '88%', NULL, NULL);
CREATE TABLE project_budget (project text, budget numeric, executed numeric);
INSERT INTO project_budget VALUES ('道路交通安全宣传', 500000, 486000),
                                  ('2025年高素质农民培育项目', 3200000, 2955200);   -- has its own 预算执行率 row

-- per indicator: computed next to recorded, the rule and why
SELECT project, position AS "#", indicator, target, actual, weight AS w, weight_from AS w_from, met, completion,
       score, score_band, recorded_score AS recorded, difference, disagrees
FROM ptarget_evaluate_indicators('self_evaluation', budgets => 'project_budget');
SELECT project, position AS "#", indicator, reason
FROM ptarget_evaluate_indicators('self_evaluation', budgets => 'project_budget');
-- per project: total, grade, the recorded total and the indicators whose recorded score disagrees
SELECT * FROM ptarget_evaluate_projects('self_evaluation', budgets => 'project_budget');
-- the disagreeing rows, as an auditor lists them
SELECT project, indicator, target, actual, recorded_score AS recorded, score AS computed, difference, reason
FROM ptarget_evaluate_indicators('self_evaluation') WHERE disagrees;
-- under the linear rule the ceiling costs more
SELECT project, total, grade FROM ptarget_evaluate_projects('self_evaluation', 'linear', budgets => 'project_budget');

-- any table or view: columns named otherwise are given in `columns`; numeric and text actuals work too
CREATE VIEW 自评表 AS
SELECT project AS 项目, level1 AS 一级指标, level3 AS 三级指标, target AS 指标值,
       actual::text AS 实际完成值, weight AS 分值, recorded_score AS 得分, position AS 序号
FROM self_evaluation WHERE department = '县民政局';
SELECT 项目, "position", indicator, actual, score, recorded_score, disagrees
FROM ptarget_evaluate_indicators('自评表', columns => '{"project": "项目", "level1": "一级指标", "indicator": "三级指标",
    "target": "指标值", "actual": "实际完成值", "weight": "分值", "recorded_score": "得分", "position": "序号"}') AS x(项目);
CREATE TEMP TABLE numeric_sheet (project text, level1 text, target ptarget, actual numeric, weight numeric, recorded_score numeric,
                                 direction text, rule text);
INSERT INTO numeric_sheet VALUES ('P', '产出指标', '≥4700人', 4520, 30, 30, NULL, NULL),
                                 ('P', '产出指标', '50万元', 55, 20, 20, '反向', NULL),
                                 ('P', '效益指标', '≥100%', 72, 30, 30, NULL, 'steps_70_65'),
                                 ('P', '满意度指标', '≥90%', NULL, 20, NULL, NULL, NULL);
SELECT indicator, level1, actual, weight, score, recorded_score, disagrees, rule, reason FROM ptarget_evaluate_indicators('numeric_sheet');
SELECT project, total, grade, recorded_total, disagreeing FROM ptarget_evaluate_projects('numeric_sheet');
SELECT pg_temp.try(q) AS error FROM (VALUES
    ($$SELECT * FROM ptarget_evaluate_indicators('self_evaluation', columns => '{"recorded_score": "得分"}')$$),
    ($$SELECT * FROM ptarget_evaluate_indicators('self_evaluation', columns => '{"score": "x"}')$$),
    ($$SELECT * FROM ptarget_evaluate_indicators('self_evaluation', columns => '[1]')$$)) v(q);

-- ------------------------------------------------------------------ imported 自评表, scored with no further step
-- Two self-evaluation sheets as departments export them (CSV), imported with ptarget_import;
-- ptarget_indicator_scores / ptarget_project_scores are the views over a schema's import tables.
SET client_min_messages = warning;
CREATE SCHEMA self_eval;
RESET client_min_messages;
SELECT count(*) FROM ptarget_import(convert_to($csv$项目支出绩效自评表
（2025年度）
项目名称,2025年高素质农民培育项目,,,,,,,
主管部门,县农业农村局,,,,实施单位,县农业技术推广中心,,
绩效指标,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施
,产出指标(50分),数量指标,培训农民人数,≥4700人,4520人,20,20,部分学员农忙未能参训
,,质量指标,培训合格率,≥95%,97.5%,10,10,
,,时效指标,培训完成时间,2025年11月30日之前,2025年11月20日,10,10,
,,成本指标,人均培训成本,≤3000元/人,2890元/人,10,10,
,效益指标(30分),经济效益指标,学员人均增收,≥2000元/人,2150元/人,15,15,
,,社会效益指标,示范带动作用,明显,部分达成年度指标并具有一定效果,15,11,示范基地建设滞后
,满意度指标(10分),服务对象满意度指标,参训农民满意度,≥90%,93%,10,10,
,预算执行率(10分),预算执行率,预算执行率,100%,92.35%,10,9.24,
$csv$, 'UTF8'), '高素质农民培育_自评表.csv', 'self_eval');
SELECT count(*) FROM ptarget_import(convert_to($csv$项目支出绩效自评表
（2025年度）
项目名称,农村困难群众冬季取暖补助,,,,,,,
主管部门,县民政局,,,,实施单位,县社会救助服务中心,,
绩效指标,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施
,产出指标(50分),数量指标,补助户数,≥1200户,1260户,20,20,
,,成本指标,户均补助标准,≤5600元/户,6100元/户,20,20,燃料价格上涨
,,时效指标,资金发放时间,2025年12月31日之前,2026年1月10日,10,10,
,效益指标(30分),社会效益指标,困难群众温暖过冬,有效保障,达成年度指标,30,30,
,满意度指标(10分),服务对象满意度指标,受益群众满意度,≥95%,96.2%,10,10,
,预算执行率(10分),预算执行率,预算执行率,100%,100%,10,10,
$csv$, 'UTF8'), '取暖补助_自评表.csv', 'self_eval');
SELECT department_name, project, position AS "#", level3, target, actual, weight AS w, met, completion, score, score_band,
       recorded_score AS recorded, difference, disagrees
FROM ptarget_indicator_scores('self_eval');
SELECT * FROM ptarget_project_scores('self_eval');
SELECT project, level3, reason, deviation_reason FROM ptarget_indicator_scores('self_eval') WHERE disagrees;
SET search_path = self_eval, public;
SELECT count(*) AS scored_in_the_current_schema FROM ptarget_indicator_scores();
RESET search_path;
SELECT pg_temp.try($$SELECT * FROM ptarget_project_scores('public')$$) AS no_import_here;

-- directions as indicator tables write them; one the scorer does not know is said, not fatal
SELECT d, e.score, e.reason
FROM unnest(ARRAY['正向', ' 反向 ', '越小越好', '≤', '=', '定量', '向上']) WITH ORDINALITY AS v(d, i),
     ptarget_evaluate('50万元', '55万元'::ptarget, 10, 'standard', d) e ORDER BY i;

-- ------------------------------------------------------------------ properties over generated values
-- targets: every operator × magnitudes × units, and ranges; actuals: numbers from -10 to 240 in
-- steps of 0.5; every rule and three weights.  A score is never above its weight nor below 0;
-- met agrees with @> (and does not depend on the unit the actual is written in); completion
-- rises with the actual under a floor and below a range, and falls under a ceiling and above a
-- range (positive actuals).
CREATE TEMP TABLE gen_targets AS
SELECT (op || m || u)::ptarget AS target
FROM unnest(ARRAY['≥', '>', '≤', '<', '']) op, unnest(ARRAY['0', '1', '5.5', '95', '4700', '0.0125']) m,
     unnest(ARRAY['人', '%', '万元']) u
UNION ALL SELECT t::ptarget FROM unnest(ARRAY['5~10个', '0~100%', '95~105%', '-5~-1%']) t;
CREATE TEMP TABLE gen AS SELECT target, a FROM gen_targets, generate_series(-10, 240, 0.5) a;
SELECT count(*) AS cases,
       count(*) FILTER (WHERE s < 0 OR s > w) AS "score outside [0, weight]"
FROM (SELECT w, ptarget_score(target, a, w, r) AS s
      FROM gen, unnest(ARRAY[10, 7.5, 0.33]) w,
           unnest(ARRAY['standard', 'linear', 'steps_70_65', 'tolerance_10', 'cap_90', 'half_floor', 'hubei']) r) x;
SELECT count(*) AS cases,
       count(*) FILTER (WHERE m IS DISTINCT FROM (target @> a)) AS "met disagrees with @>",
       count(*) FILTER (WHERE ptarget_met(target, b) IS DISTINCT FROM (target @> b)) AS "met in the base unit disagrees with @>",
       count(*) FILTER (WHERE ptarget_met(target, b) IS DISTINCT FROM m) AS "met depends on the unit"
FROM (SELECT target, a, ptarget_met(target, a) AS m,
             ptarget_convert(ptarget('', a, ptarget_unit(target)), ptarget_base_unit(target)) AS b   -- 3万元 as 30000元
      FROM gen) x;
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE floor_side AND c < prev_c) AS "falls under a floor",
       count(*) FILTER (WHERE ceiling_side AND c > prev_c) AS "rises under a ceiling",
       count(*) FILTER (WHERE range_low AND c < prev_c) AS "falls below a range",
       count(*) FILTER (WHERE range_high AND c > prev_c) AS "rises above a range"
FROM (SELECT ptarget_operator(target) IN ('≥', '>') OR (ptarget_operator(target) = '=' AND ptarget_magnitude(target) <> 0) AS floor_side,
             (ptarget_operator(target) IN ('≤', '<') OR (ptarget_operator(target) = '=' AND ptarget_magnitude(target) = 0))
             AND a > 0.5 AS ceiling_side,
             ptarget_operator(target) = '~' AND a <= ptarget_magnitude(target) AS range_low,
             ptarget_operator(target) = '~' AND a - 0.5 >= ptarget_magnitude_upper(target) AND a > 0.5 AS range_high,
             c, lag(c) OVER (PARTITION BY target ORDER BY a) AS prev_c
      FROM (SELECT target, a, ptarget_completion(target, a) AS c FROM gen) d) p
WHERE prev_c IS NOT NULL;

-- ------------------------------------------------------------------ search_path safety
-- an attacker's schema first on the path changes nothing inside the SQL and PL/pgSQL functions
CREATE SCHEMA scoring_attacker;
CREATE FUNCTION scoring_attacker.ptarget_label(public.ptarget) RETURNS text LANGUAGE sql RETURN '不适用';
CREATE FUNCTION scoring_attacker.ptarget_level_weight(text, boolean, text) RETURNS numeric LANGUAGE sql RETURN 0;
CREATE FUNCTION scoring_attacker.strpos(text, text) RETURNS int LANGUAGE sql RETURN 0;
CREATE FUNCTION scoring_attacker.length(text) RETURNS int LANGUAGE sql RETURN 0;
CREATE TABLE scoring_attacker.ptarget_rule (LIKE public.ptarget_rule);
CREATE TABLE scoring_attacker.ptarget_indicator (LIKE self_eval.ptarget_indicator);
SET search_path = scoring_attacker, public;
SELECT project, total, grade FROM ptarget_evaluate_projects('public.self_evaluation', budgets => 'public.project_budget');
SELECT ptarget_level_weight('产出指标') AS weight, ptarget_score('≥4700人', '4520人'::ptarget, 10) AS score;
SELECT count(*) AS rows_of_the_named_schema FROM ptarget_indicator_scores('self_eval');
RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA scoring_attacker CASCADE;
RESET client_min_messages;

-- ------------------------------------------------------------------ a database in another encoding
CREATE DATABASE ptarget_eval_euc_cn ENCODING 'EUC_CN' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c ptarget_eval_euc_cn
SET client_encoding = 'UTF8';
SET client_min_messages = warning;
CREATE EXTENSION ptarget;
SELECT score, score_band, reason FROM ptarget_evaluate('≤5600元/户', '6100元/户'::ptarget, 10, 'linear')
UNION ALL SELECT score, score_band, reason FROM ptarget_evaluate('普遍满意', '部分达成'::ptarget, 10);
SELECT ptarget_grade(88.36) AS grade, ptarget_score('2025年9月30日之前', date '2025-10-15', 5) AS late;
\c contrib_regression
DROP DATABASE ptarget_eval_euc_cn;
