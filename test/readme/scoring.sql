SELECT ptarget_met('≥4700人', '4520人'::ptarget)            AS met,
       ptarget_completion('≥4700人', '4520人'::ptarget)     AS completion,
       ptarget_score('≥4700人', '4520人'::ptarget, 20)      AS score,
       ptarget_score('≤5600元/户', 6100, 20)                AS ceiling,
       ptarget_score('≤5600元/户', 6100, 20, 'linear')      AS linear,
       ptarget_score('≤50万元', '600000元'::ptarget, 10)     AS "万元 vs 元",
       ptarget_score('2025年9月30日之前', date '2025-10-15', 5) AS late,
       ptarget_grade(88.36)                                 AS grade;
SELECT score, score_band, reason
FROM ptarget_evaluate('普遍满意', '部分达成年度指标并具有一定效果'::ptarget, 15);
SELECT ptarget_score('≥4700人', '4520元'::ptarget, 10);
-- rules are rows: add your own (pg_dump keeps them)
INSERT INTO ptarget_rule (name, description, source, qualitative_bands)
VALUES ('hubei', '部分达成 from 50 %', '湖北省 项目支出绩效自评', '{80,50}');
INSERT INTO ptarget_rule (name, description, source, floor_shape, step_at, step_points)
VALUES ('steps_70_65', '≥70 % → 3分, ≥65 % → 1分', '一个指标的评分标准', 'steps', '{70,65}', '{3,1}');
INSERT INTO ptarget_rule (name, description, source, point_direction, tolerance)
VALUES ('tolerance_10', '±10 % counts as achieved', '偏差率±10%以内得满分', 'exact', 10);
SELECT ptarget_score('普遍满意', '部分达成'::ptarget, 10, 'hubei') AS hubei,
       ptarget_score('≥100%', 68, 5, 'steps_70_65')               AS steps,
       ptarget_score('100%', 108, 10, 'tolerance_10')             AS tolerance;
