-- test/scaleout/generate.sql — :n realistic indicator rows in table src, the
-- same on every run (choices come from hashint8extended of the row number,
-- never random()).  Mix as in published 绩效目标表 documents:
--   90 % quantities: ≥ 40 %, > 8 %, ≤ 22 %, < 8 %, = 12 %, a~b 10 %; 0–2
--        decimals; percentages, money (元, 万元), counts (次, 人次, 个, 台,
--        辆, 户), durations (天, 小时, 工作日, 月, 年), energy, area, rates
--        (元/人/月, 次/年) and bare numbers, some with 万
--    5 % dates: 2025年9月30日之前, 2025年12月2日, 2025年3月, 2025年 …
--    5 % labels: 普遍满意, 明显提高, …
-- Columns are those ptarget_parse_document returns, plus id and source.
CREATE FUNCTION pg_temp.u(i bigint, k int) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (hashint8extended(i, k) & 4503599627370495)::float8 / 4503599627370496.0;

CREATE TEMP TABLE unit (id int, written text, weight int, lo float8, hi float8, level2 text, level3 text);
INSERT INTO unit VALUES
    ( 1, '%',        200, 1,   2,   '质量指标', '合格率'),
    ( 2, '万元',     140, 0,   3.7, '成本指标', '经济成本'),
    ( 3, '元',        60, 1,   6,   '成本指标', '单位成本'),
    ( 4, '次',        80, 0,   4,   '数量指标', '开展次数'),
    ( 5, '人次',      60, 1,   6,   '数量指标', '服务人次'),
    ( 6, '个',        80, 0,   3,   '数量指标', '完成个数'),
    ( 7, '天',        30, 0,   2.6, '时效指标', '完成时限'),
    ( 8, '小时',      20, 0,   2,   '时效指标', '响应时间'),
    ( 9, '工作日',    30, 0,   1.5, '时效指标', '办结时限'),
    (10, '月',        20, 0,   1.3, '时效指标', '服务期限'),
    (11, '年',        35, 0,   1,   '时效指标', '运行年限'),
    (12, '度',        20, 2,   7,   '社会效益指标', '节约电量'),
    (13, '平米',      20, 1,   5,   '数量指标', '维修面积'),
    (14, '台',        25, 0,   3,   '数量指标', '设备数量'),
    (15, '辆',        20, 0,   3,   '数量指标', '车辆数量'),
    (16, '户',        20, 0,   4,   '数量指标', '受益户数'),
    (17, '元/人/月',  20, 2,   4,   '成本指标', '人均成本'),
    (18, '次/年',     20, 0,   3,   '数量指标', '年检次数'),
    (19, '',         100, 0,   6,   '数量指标', '完成数量');
CREATE TEMP TABLE unit_slot AS
SELECT s AS slot, u.id
FROM (SELECT id, sum(weight) OVER (ORDER BY id) - weight AS c0, sum(weight) OVER (ORDER BY id) AS c1 FROM unit) u
JOIN generate_series(0, 999) s ON s >= u.c0 AND s < u.c1;

CREATE TABLE src (id bigint PRIMARY KEY, department_code text, project text, "position" int, level1 text,
                  level2 text, level3 text, description text, value_text text, target ptarget, note text,
                  source text);

INSERT INTO src
WITH g AS (
    SELECT i, pg_temp.u(i, 1) AS u_kind, pg_temp.u(i, 2) AS u_unit, pg_temp.u(i, 3) AS u_op,
           pg_temp.u(i, 4) AS u_mag, pg_temp.u(i, 5) AS u_dec, pg_temp.u(i, 6) AS u_wid, pg_temp.u(i, 7) AS u_wan
    FROM generate_series(1, :n) i
), q AS (
    SELECT g.*, u.written, u.lo, u.hi, u.level2, u.level3,
           CASE WHEN u_op < 0.40 THEN '≥' WHEN u_op < 0.48 THEN '>' WHEN u_op < 0.70 THEN '≤'
                WHEN u_op < 0.78 THEN '<' WHEN u_op < 0.90 THEN '=' ELSE '~' END AS op,
           -- bare numbers of 100 and more get no decimals (1420.5 would read as a month)
           CASE WHEN u.written = '' OR u_dec < 0.6 THEN 0 WHEN u_dec < 0.85 THEN 1 ELSE 2 END AS dec,
           u.written IN ('次', '人次', '户', '') AND u_wan < 0.2 AS wan
    FROM g JOIN unit_slot s ON s.slot = floor(g.u_unit * 1000)::int JOIN unit u ON u.id = s.id
    WHERE u_kind >= 0.10
), m AS (
    SELECT q.*,
           round(CASE WHEN written = '%' AND op IN ('≤', '<') THEN 0.5 + 19.5 * u_mag
                      WHEN written = '%' THEN 50 + 50 * u_mag
                      WHEN wan THEN power(10, 2 * u_mag)
                      ELSE power(10, lo + (hi - lo) * u_mag) END::numeric, dec) AS a,
           CASE WHEN wan THEN '万' ELSE '' END || written AS wunit
    FROM q
), t AS (
    SELECT m.*, CASE op WHEN '~' THEN a || '~' || greatest(round(a * (1.2 + 3 * u_wid)::numeric, dec), a + 1) || wunit
                        WHEN '=' THEN a || wunit
                        ELSE op || a || wunit END AS v
    FROM m
)
SELECT i, lpad((100000 + i % 997)::text, 6, '0'), '项目' || (i / 12), (i % 12)::int + 1,
       CASE WHEN level2 IN ('成本指标') THEN '成本指标' ELSE '产出指标' END, level2, level3, level3, v, v::ptarget,
       NULL, NULL
FROM t
UNION ALL
SELECT i, lpad((100000 + i % 997)::text, 6, '0'), '项目' || (i / 12), (i % 12)::int + 1, '产出指标', '时效指标',
       '完成时间', '完成时间', v, v::ptarget, NULL, NULL
FROM (SELECT i, CASE WHEN f < 0.6 THEN extract(year FROM d) || '年' || extract(month FROM d) || '月' || extract(day FROM d) || '日之前'
                     WHEN f < 0.8 THEN extract(year FROM d) || '年' || extract(month FROM d) || '月' || extract(day FROM d) || '日'
                     WHEN f < 0.9 THEN extract(year FROM d) || '年' || extract(month FROM d) || '月'
                     ELSE extract(year FROM d) || '年' END AS v
      FROM (SELECT i, pg_temp.u(i, 3) AS f, date '2024-01-01' + floor(pg_temp.u(i, 4) * 1096)::int AS d
            FROM generate_series(1, :n) i WHERE pg_temp.u(i, 1) < 0.05) s) d
UNION ALL
SELECT i, lpad((100000 + i % 997)::text, 6, '0'), '项目' || (i / 12), (i % 12)::int + 1, '效益指标', '满意度指标',
       '服务对象满意度', '服务对象满意度', v, v::ptarget, NULL, NULL
FROM (SELECT i, (ARRAY['', '服务对象', '群众', '社会'])[1 + floor(pg_temp.u(i, 4) * 4)::int]
             || (ARRAY['普遍满意', '明显提高', '合格', '有效提升', '逐步改善', '达标', '显著提升', '良好',
                       '基本满意', '全面完成', '按时完成', '符合要求'])[1 + floor(pg_temp.u(i, 3) * 12)::int] AS v
      FROM generate_series(1, :n) i WHERE pg_temp.u(i, 1) >= 0.05 AND pg_temp.u(i, 1) < 0.10) l;

ANALYZE src;
