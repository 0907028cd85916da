
-- ------------------------------------------------------------------ year-end self-evaluation (自评)
-- Actual values (实际完成值) scored against their targets, exactly, under
-- named rules the user can add to; totals and grades of projects.  The
-- arithmetic is in C (src/pt_score.c: exact decimals, one half-up rounding to
-- 2 places); SQL-language and PL/pgSQL functions here only look things up and
-- assemble queries, under SET search_path = pg_catalog, pg_temp with every
-- extension object qualified.

-- Scoring rules: configuration data.  Built-in rows come with the extension
-- (builtin = true, not dumped); pg_dump keeps the rows users add.  A guard
-- trigger keeps the built-in rows as they are and checks every new row; an
-- upgrade script that must change a built-in row disables it around the change.
CREATE TABLE @extschema@.ptarget_rule (
    name pg_catalog.text PRIMARY KEY,
    description pg_catalog.text NOT NULL,
    source pg_catalog.text NOT NULL,
    point_direction pg_catalog.text NOT NULL DEFAULT 'floor',
    floor_shape pg_catalog.text NOT NULL DEFAULT 'proportional',
    ceiling_shape pg_catalog.text NOT NULL DEFAULT 'proportional',
    floor_zero_at pg_catalog.numeric NOT NULL DEFAULT 0,
    ceiling_zero_at pg_catalog.numeric NOT NULL DEFAULT 200,
    missed_cap pg_catalog.numeric,
    tolerance pg_catalog.numeric,
    step_at pg_catalog.numeric[] NOT NULL DEFAULT '{}',
    step_points pg_catalog.numeric[] NOT NULL DEFAULT '{}',
    step_share pg_catalog.bool NOT NULL DEFAULT false,
    qualitative_bands pg_catalog.numeric[] NOT NULL DEFAULT '{80,60}',
    grade_bands pg_catalog.numeric[] NOT NULL DEFAULT '{90,80,60}',
    builtin pg_catalog.bool NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.ptarget_rule IS
    'scoring rules for ptarget_score / ptarget_evaluate / ptarget_grade: built in standard (财预〔2020〕10号) and linear; add your own rows (builtin = false; pg_dump keeps them)';
COMMENT ON COLUMN @extschema@.ptarget_rule.name IS 'the name ptarget_score(…, rule) takes';
COMMENT ON COLUMN @extschema@.ptarget_rule.description IS 'what the rule does';
COMMENT ON COLUMN @extschema@.ptarget_rule.source IS 'where the rule comes from (document number, province, system)';
COMMENT ON COLUMN @extschema@.ptarget_rule.point_direction IS 'how a point target (=6区) is read when missed: floor (more is better), ceiling (less is better) or exact (both ways count); a point target of 0 reads as a ceiling unless the indicator gives a direction';
COMMENT ON COLUMN @extschema@.ptarget_rule.floor_shape IS 'a missed floor (≥ >, the low side of a range): proportional (actual ÷ target × weight), linear (0 at floor_zero_at % of the floor), zero, or steps';
COMMENT ON COLUMN @extschema@.ptarget_rule.ceiling_shape IS 'a missed ceiling (≤ <, the high side of a range): proportional (target ÷ actual × weight), linear (0 at ceiling_zero_at % of the ceiling), zero, or steps';
COMMENT ON COLUMN @extschema@.ptarget_rule.floor_zero_at IS 'linear floors reach 0 at this percent of the floor (0: the same as proportional); at least 0, below 100';
COMMENT ON COLUMN @extschema@.ptarget_rule.ceiling_zero_at IS 'linear ceilings reach 0 at this percent of the ceiling (200: twice the ceiling); above 100';
COMMENT ON COLUMN @extschema@.ptarget_rule.missed_cap IS 'a missed target scores at most this percent of its weight (NULL: up to the whole weight)';
COMMENT ON COLUMN @extschema@.ptarget_rule.tolerance IS 'two-sided tolerance in percent of the missed bound: within it counts as achieved (10: ±10 %); NULL: none';
COMMENT ON COLUMN @extschema@.ptarget_rule.step_at IS 'steps: completion thresholds in percent (any order), e.g. {70,65}';
COMMENT ON COLUMN @extschema@.ptarget_rule.step_points IS 'steps: the score at each threshold, e.g. {3,1} (≥70 % → 3分, ≥65 % → 1分, below → 0); never above the weight';
COMMENT ON COLUMN @extschema@.ptarget_rule.step_share IS 'true: step_points are percent of the weight rather than points';
COMMENT ON COLUMN @extschema@.ptarget_rule.qualitative_bands IS 'where the 达成 and 部分达成 bands start, in percent of the weight: {80,60} (财预〔2020〕10号), {80,50} in Hubei';
COMMENT ON COLUMN @extschema@.ptarget_rule.grade_bands IS 'where 优, 良 and 中 start (inclusive): {90,80,60} (财预〔2020〕10号); below the last is 差';
COMMENT ON COLUMN @extschema@.ptarget_rule.builtin IS 'true for the rows the extension brings (not dumped, not changeable)';

INSERT INTO @extschema@.ptarget_rule (name, description, source, ceiling_shape, builtin) VALUES
    ('standard',
     'met: the whole weight; a missed floor actual ÷ target × weight, a missed ceiling target ÷ actual × weight; a point target as a floor; a missed ceiling of 0 and a missed deadline 0; qualitative 100-80 / 80-60 / 60-0 % of the weight; grades 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差',
     '财预〔2020〕10号 (项目支出绩效评价管理办法) and the notes of its 项目支出绩效自评表',
     'proportional', true),
    ('linear',
     'as standard, but a missed ceiling loses the weight linearly, reaching 0 at twice the ceiling: weight × (2 × ceiling - actual) ÷ ceiling',
     'the linear deduction of budget performance systems such as pmkpi',
     'linear', true);

SELECT pg_catalog.pg_extension_config_dump('@extschema@.ptarget_rule', 'WHERE NOT builtin');
GRANT SELECT ON @extschema@.ptarget_rule TO PUBLIC;

-- First-level weights of a project's indicators, when the sheet gives none.
CREATE TABLE @extschema@.ptarget_level_weight (
    scheme pg_catalog.text NOT NULL,
    with_cost pg_catalog.bool NOT NULL,
    level1 pg_catalog.text NOT NULL,
    weight pg_catalog.numeric NOT NULL,
    source pg_catalog.text NOT NULL,
    builtin pg_catalog.bool NOT NULL DEFAULT false,
    PRIMARY KEY (scheme, with_cost, level1)
);
COMMENT ON TABLE @extschema@.ptarget_level_weight IS
    'first-level indicator weights of a project (产出 50 / 效益 30 / 满意度 10 / 预算执行率 10, or with cost indicators 成本 20 / 产出 40 / 效益 20 / 满意度 10 / 预算执行率 10), spread evenly over the level''s indicators when the sheet gives no weights; add schemes of your own';
COMMENT ON COLUMN @extschema@.ptarget_level_weight.scheme IS 'the scheme''s name (standard is built in)';
COMMENT ON COLUMN @extschema@.ptarget_level_weight.with_cost IS 'true: the weights for projects with cost indicators (成本指标) as a first level';
COMMENT ON COLUMN @extschema@.ptarget_level_weight.level1 IS 'a word the first-level indicator''s name contains: 成本, 产出, 效益, 满意度, 预算执行 (the longest match wins)';
COMMENT ON COLUMN @extschema@.ptarget_level_weight.weight IS 'the level''s weight out of 100';
COMMENT ON COLUMN @extschema@.ptarget_level_weight.source IS 'where the weights come from';
COMMENT ON COLUMN @extschema@.ptarget_level_weight.builtin IS 'true for the rows the extension brings (not dumped, not changeable)';

INSERT INTO @extschema@.ptarget_level_weight (scheme, with_cost, level1, weight, source, builtin) VALUES
    ('standard', false, '产出', 50, '财预〔2020〕10号: 产出指标 50 %, 效益指标 30 %, 服务对象满意度指标 10 %, 预算执行率 10 %', true),
    ('standard', false, '效益', 30, '财预〔2020〕10号: 产出指标 50 %, 效益指标 30 %, 服务对象满意度指标 10 %, 预算执行率 10 %', true),
    ('standard', false, '满意度', 10, '财预〔2020〕10号: 产出指标 50 %, 效益指标 30 %, 服务对象满意度指标 10 %, 预算执行率 10 %', true),
    ('standard', false, '预算执行', 10, '财预〔2020〕10号: 产出指标 50 %, 效益指标 30 %, 服务对象满意度指标 10 %, 预算执行率 10 %', true),
    ('standard', true, '成本', 20, 'with 成本指标 as a first level (财预〔2021〕101号 indicator framework): 成本 20, 产出 40, 效益 20, 满意度 10, 预算执行率 10', true),
    ('standard', true, '产出', 40, 'with 成本指标 as a first level (财预〔2021〕101号 indicator framework): 成本 20, 产出 40, 效益 20, 满意度 10, 预算执行率 10', true),
    ('standard', true, '效益', 20, 'with 成本指标 as a first level (财预〔2021〕101号 indicator framework): 成本 20, 产出 40, 效益 20, 满意度 10, 预算执行率 10', true),
    ('standard', true, '满意度', 10, 'with 成本指标 as a first level (财预〔2021〕101号 indicator framework): 成本 20, 产出 40, 效益 20, 满意度 10, 预算执行率 10', true),
    ('standard', true, '预算执行', 10, 'with 成本指标 as a first level (财预〔2021〕101号 indicator framework): 成本 20, 产出 40, 效益 20, 满意度 10, 预算执行率 10', true);

SELECT pg_catalog.pg_extension_config_dump('@extschema@.ptarget_level_weight', 'WHERE NOT builtin');
GRANT SELECT ON @extschema@.ptarget_level_weight TO PUBLIC;

CREATE FUNCTION @extschema@.ptarget_config_guard() RETURNS trigger
    AS 'MODULE_PATHNAME', 'ptarget_config_guard' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.ptarget_config_guard() IS
    'guard of ptarget_rule and ptarget_level_weight: built-in rows stay as the extension brings them, no TRUNCATE, every new rule is checked';
CREATE TRIGGER ptarget_rule_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.ptarget_rule
    FOR EACH ROW EXECUTE FUNCTION @extschema@.ptarget_config_guard('rule');
CREATE TRIGGER ptarget_rule_no_truncate BEFORE TRUNCATE ON @extschema@.ptarget_rule
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.ptarget_config_guard('rule');
CREATE TRIGGER ptarget_level_weight_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.ptarget_level_weight
    FOR EACH ROW EXECUTE FUNCTION @extschema@.ptarget_config_guard();
CREATE TRIGGER ptarget_level_weight_no_truncate BEFORE TRUNCATE ON @extschema@.ptarget_level_weight
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.ptarget_config_guard();

-- ------------------------------------------------------------------ one indicator

CREATE FUNCTION @extschema@.ptarget_met(target @extschema@.ptarget, actual @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_met' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_met(target @extschema@.ptarget, actual pg_catalog.numeric) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_met_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_met(target @extschema@.ptarget, actual pg_catalog.date) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_met_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_met(@extschema@.ptarget, @extschema@.ptarget) IS
    'does the actual satisfy the target: target @> actual for quantities (units converted) and dates (a completion date against a deadline); a grade of the achieved band (达成…, 优, 良) or the target''s own words for a qualitative target (财预〔2020〕10号 bands); another dimension is error 22023';
COMMENT ON FUNCTION @extschema@.ptarget_met(@extschema@.ptarget, pg_catalog.numeric) IS
    'does the number, in the target''s written unit (scale word included), satisfy the target';
COMMENT ON FUNCTION @extschema@.ptarget_met(@extschema@.ptarget, pg_catalog.date) IS
    'was the work done on a day the date target allows (a deadline met)';

CREATE FUNCTION @extschema@.ptarget_completion(target @extschema@.ptarget, actual @extschema@.ptarget) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'ptarget_completion' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_completion(target @extschema@.ptarget, actual pg_catalog.numeric) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'ptarget_completion_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_completion(@extschema@.ptarget, @extschema@.ptarget) IS
    '完成率 in percent, rounded half-up to 2 places, may exceed 100: floors and point targets actual ÷ target, ceilings target ÷ actual, ranges 100 inside and relative to the nearer bound outside (财预〔2020〕10号 自评表); a target of 0 or an actual of 0 under a ceiling: 100 when met, else 0; NULL for dates and qualitative targets';
COMMENT ON FUNCTION @extschema@.ptarget_completion(@extschema@.ptarget, pg_catalog.numeric) IS
    '完成率 of a number in the target''s written unit, in percent (as ptarget_completion(ptarget, ptarget))';

CREATE FUNCTION @extschema@.ptarget_score(target @extschema@.ptarget, actual @extschema@.ptarget, weight pg_catalog.numeric,
        rule pg_catalog.text DEFAULT 'standard', direction pg_catalog.text DEFAULT NULL) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'ptarget_score' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_score(target @extschema@.ptarget, actual pg_catalog.numeric, weight pg_catalog.numeric,
        rule pg_catalog.text DEFAULT 'standard', direction pg_catalog.text DEFAULT NULL) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'ptarget_score_numeric' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_score(target @extschema@.ptarget, actual pg_catalog.date, weight pg_catalog.numeric,
        rule pg_catalog.text DEFAULT 'standard', direction pg_catalog.text DEFAULT NULL) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'ptarget_score_date' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_score(@extschema@.ptarget, @extschema@.ptarget, pg_catalog.numeric, pg_catalog.text, pg_catalog.text) IS
    'the score out of weight, rounded half-up to 2 places, in [0, weight], under a rule of ptarget_rule (standard: 财预〔2020〕10号 - met: the weight; missed floor actual ÷ target × weight; missed ceiling target ÷ actual × weight; missed ceiling of 0 or deadline: 0; qualitative: the top of the grade''s band); direction (floor/正向, ceiling/反向, exact) says how a point target counts; NULL when an argument but direction is NULL or the actual is 不适用';
COMMENT ON FUNCTION @extschema@.ptarget_score(@extschema@.ptarget, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.text, pg_catalog.text) IS
    'the score of a number in the target''s written unit (as ptarget_score(ptarget, ptarget, …))';
COMMENT ON FUNCTION @extschema@.ptarget_score(@extschema@.ptarget, pg_catalog.date, pg_catalog.numeric, pg_catalog.text, pg_catalog.text) IS
    'the score of a completion date against a date target: the whole weight when met, 0 when missed (财预〔2020〕10号)';

CREATE FUNCTION @extschema@.ptarget_evaluate(target @extschema@.ptarget, actual @extschema@.ptarget, weight pg_catalog.numeric,
        rule pg_catalog.text DEFAULT 'standard', direction pg_catalog.text DEFAULT NULL,
        OUT met pg_catalog.bool, OUT completion pg_catalog.numeric, OUT score pg_catalog.numeric,
        OUT score_band pg_catalog.numrange, OUT applies pg_catalog.bool, OUT rule_source pg_catalog.text,
        OUT reason pg_catalog.text)
    AS 'MODULE_PATHNAME', 'ptarget_evaluate' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_evaluate(target @extschema@.ptarget, actual pg_catalog.numeric, weight pg_catalog.numeric,
        rule pg_catalog.text DEFAULT 'standard', direction pg_catalog.text DEFAULT NULL,
        OUT met pg_catalog.bool, OUT completion pg_catalog.numeric, OUT score pg_catalog.numeric,
        OUT score_band pg_catalog.numrange, OUT applies pg_catalog.bool, OUT rule_source pg_catalog.text,
        OUT reason pg_catalog.text)
    AS 'MODULE_PATHNAME', 'ptarget_evaluate_numeric' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_evaluate(target @extschema@.ptarget, actual pg_catalog.date, weight pg_catalog.numeric,
        rule pg_catalog.text DEFAULT 'standard', direction pg_catalog.text DEFAULT NULL,
        OUT met pg_catalog.bool, OUT completion pg_catalog.numeric, OUT score pg_catalog.numeric,
        OUT score_band pg_catalog.numrange, OUT applies pg_catalog.bool, OUT rule_source pg_catalog.text,
        OUT reason pg_catalog.text)
    AS 'MODULE_PATHNAME', 'ptarget_evaluate_date' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_evaluate(@extschema@.ptarget, @extschema@.ptarget, pg_catalog.numeric, pg_catalog.text, pg_catalog.text) IS
    'one indicator explained, for views: met, completion, score (the top of score_band; qualitative grades give the 财预〔2020〕10号 band the evaluator judges in), applies (false for 不适用), the rule''s source and the reason in words; never an error for the row''s values (told in reason); a missing actual scores 0';
COMMENT ON FUNCTION @extschema@.ptarget_evaluate(@extschema@.ptarget, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.text, pg_catalog.text) IS
    'one indicator explained, the actual a number in the target''s written unit (as ptarget_evaluate(ptarget, ptarget, …))';
COMMENT ON FUNCTION @extschema@.ptarget_evaluate(@extschema@.ptarget, pg_catalog.date, pg_catalog.numeric, pg_catalog.text, pg_catalog.text) IS
    'one indicator explained, the actual a completion date (as ptarget_evaluate(ptarget, ptarget, …))';

-- ------------------------------------------------------------------ projects

CREATE FUNCTION @extschema@.ptarget_grade(total pg_catalog.numeric, rule pg_catalog.text DEFAULT 'standard') RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'ptarget_grade' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_grade(pg_catalog.numeric, pg_catalog.text) IS
    'the grade of a total score out of 100 by the rule''s grade_bands: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below (财预〔2020〕10号, bands inclusive at the bottom)';

CREATE FUNCTION @extschema@.ptarget_rescale(part pg_catalog.numeric, whole pg_catalog.numeric, scale pg_catalog.numeric DEFAULT 100)
    RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'ptarget_rescale' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_rescale(pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric) IS
    'part × scale ÷ whole, rounded half-up to 2 places exactly (one rounding); NULL when whole is 0: a total over the indicators that apply rescaled to 100 (财预〔2020〕10号: indicators that do not apply are left out), or a level''s weight spread over its indicators';

CREATE FUNCTION @extschema@.ptarget_budget_execution(budget pg_catalog.numeric, executed pg_catalog.numeric) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'ptarget_budget_execution' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_budget_execution(pg_catalog.numeric, pg_catalog.numeric) IS
    '预算执行率: executed ÷ budget in percent, rounded half-up to 2 places; NULL without a positive budget (财预〔2020〕10号 自评表)';
CREATE FUNCTION @extschema@.ptarget_budget_score(budget pg_catalog.numeric, executed pg_catalog.numeric,
        weight pg_catalog.numeric DEFAULT 10, rule pg_catalog.text DEFAULT 'standard') RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'ptarget_budget_score' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_budget_score(pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.text) IS
    'the 预算执行率 indicator''s score: executed against a floor of the budget under the rule (standard, 财预〔2020〕10号: 执行率 × weight, at most the weight); NULL without a positive budget';

CREATE FUNCTION @extschema@.ptarget_level_weight(level1 pg_catalog.text, with_cost pg_catalog.bool DEFAULT false,
        scheme pg_catalog.text DEFAULT 'standard') RETURNS pg_catalog.numeric
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT w.weight FROM @extschema@.ptarget_level_weight w
    WHERE w.scheme OPERATOR(pg_catalog.=) $3 AND w.with_cost OPERATOR(pg_catalog.=) $2
      AND pg_catalog.strpos($1, w.level1) OPERATOR(pg_catalog.>) 0
    ORDER BY pg_catalog.length(w.level1) DESC LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.ptarget_level_weight(pg_catalog.text, pg_catalog.bool, pg_catalog.text) IS
    'the weight of a first-level indicator (产出指标 → 50) in a scheme of ptarget_level_weight (standard: 财预〔2020〕10号 产出 50 / 效益 30 / 满意度 10 / 预算执行率 10; with cost indicators 成本 20 / 产出 40 / 效益 20 / 满意度 10 / 预算执行率 10); NULL when no row matches';

-- ------------------------------------------------------------------ validation in the database

CREATE FUNCTION @extschema@.ptarget_check_actual() RETURNS trigger
    AS 'MODULE_PATHNAME', 'ptarget_check_actual' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.ptarget_check_actual() IS
    'BEFORE INSERT OR UPDATE row trigger: ptarget_check_actual(''target_col'', ''actual_col'' [, ''reject'' | ''flag'' [, ''flag_col'']]) rejects an actual that misses its target (23514, naming both) or, with flag, records why in the flag column (default <actual_col>_flag, text, or boolean true); NULL or false when met';

-- ------------------------------------------------------------------ any table of indicators

-- Evaluates every row of a table or view holding indicators: the columns of
-- the roles project, target, actual, weight, recorded_score and level1 are
-- required; indicator (default column level3), position, direction, rule and
-- level1_weight (the sheet's 产出指标(50分)) are used when present.  A column named otherwise is given in `columns`,
-- e.g. '{"recorded_score": "得分"}'.  Weights missing on the sheet come from the level's
-- weight spread over its indicators that apply; an actual of 不适用 or 不涉及
-- does not apply.  With budgets (a relation with project, budget and executed
-- columns), projects without a 预算执行率 row get one scored from the amounts.
CREATE FUNCTION @extschema@.ptarget_evaluate_indicators(
        indicators pg_catalog.regclass,
        default_rule pg_catalog.text DEFAULT 'standard',
        scheme pg_catalog.text DEFAULT 'standard',
        budgets pg_catalog.regclass DEFAULT NULL,
        columns pg_catalog.jsonb DEFAULT '{}')
    RETURNS TABLE (project pg_catalog.text, "position" pg_catalog.int8, level1 pg_catalog.text,
        indicator pg_catalog.text, target @extschema@.ptarget, actual pg_catalog.text,
        weight pg_catalog.numeric, weight_from pg_catalog.text, applies pg_catalog.bool,
        met pg_catalog.bool, completion pg_catalog.numeric, score pg_catalog.numeric,
        score_band pg_catalog.numrange, recorded_score pg_catalog.numeric,
        difference pg_catalog.numeric, disagrees pg_catalog.bool, rule pg_catalog.text,
        rule_source pg_catalog.text, reason pg_catalog.text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $fn$
DECLARE
    cols pg_catalog.text[];
    col_type pg_catalog.regtype;
    actual_kind pg_catalog.text;
    actual_expr pg_catalog.text;
    applies_expr pg_catalog.text;
    opt pg_catalog.text[];
    budget_rows pg_catalog.text := '';
    q pg_catalog.text;
    -- a column's expression: the quoted name when the relation has it, else NULL
    has_name pg_catalog.text;
    has_pos pg_catalog.text;
    has_dir pg_catalog.text;
    has_rule pg_catalog.text;
    -- the relation's column for each role: the columns argument, else the role's name
    project_column pg_catalog.text := COALESCE(columns OPERATOR(pg_catalog.->>) 'project', 'project');
    target_column pg_catalog.text := COALESCE(columns OPERATOR(pg_catalog.->>) 'target', 'target');
    actual_column pg_catalog.text := COALESCE(columns OPERATOR(pg_catalog.->>) 'actual', 'actual');
    weight_column pg_catalog.text := COALESCE(columns OPERATOR(pg_catalog.->>) 'weight', 'weight');
    recorded_score_column pg_catalog.text := COALESCE(columns OPERATOR(pg_catalog.->>) 'recorded_score', 'recorded_score');
    level1_column pg_catalog.text := COALESCE(columns OPERATOR(pg_catalog.->>) 'level1', 'level1');
    name_column pg_catalog.text := COALESCE(columns OPERATOR(pg_catalog.->>) 'indicator', 'level3');
    position_column pg_catalog.text := COALESCE(columns OPERATOR(pg_catalog.->>) 'position', 'position');
    direction_column pg_catalog.text := COALESCE(columns OPERATOR(pg_catalog.->>) 'direction', 'direction');
    rule_column pg_catalog.text := COALESCE(columns OPERATOR(pg_catalog.->>) 'rule', 'rule');
    level1_weight_column pg_catalog.text := COALESCE(columns OPERATOR(pg_catalog.->>) 'level1_weight', 'level1_weight');
    has_level_weight pg_catalog.text;
BEGIN
    IF columns IS NULL OR pg_catalog.jsonb_typeof(columns) OPERATOR(pg_catalog.<>) 'object' OR EXISTS (
        SELECT FROM pg_catalog.jsonb_object_keys(columns) k
        WHERE k OPERATOR(pg_catalog.<>) ALL (ARRAY['project', 'target', 'actual', 'weight', 'recorded_score', 'level1',
                                                   'indicator', 'position', 'direction', 'rule', 'level1_weight'])) THEN
        RAISE EXCEPTION 'columns must be a JSON object mapping roles to column names'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Roles: project, target, actual, weight, recorded_score, level1 (required), indicator, position, direction, rule, level1_weight (optional), e.g. ''{"recorded_score": "得分", "indicator": "name"}''.';
    END IF;
    SELECT pg_catalog.array_agg(a.attname::pg_catalog.text) INTO cols
    FROM pg_catalog.pg_attribute a
    WHERE a.attrelid OPERATOR(pg_catalog.=) indicators AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;
    FOREACH q IN ARRAY ARRAY[project_column, target_column, actual_column, weight_column, recorded_score_column, level1_column]
    LOOP
        IF q IS NULL OR NOT q OPERATOR(pg_catalog.=) ANY (cols) THEN
            RAISE EXCEPTION 'relation % has no column %', indicators, pg_catalog.quote_ident(COALESCE(q, 'NULL'))
                USING ERRCODE = 'undefined_column',
                      HINT = 'Name the relation''s columns in the columns argument, e.g. columns => ''{"recorded_score": "score", "level1": "一级指标"}''.';
        END IF;
    END LOOP;
    has_name := CASE WHEN name_column OPERATOR(pg_catalog.=) ANY (cols) THEN pg_catalog.format('(%I)::pg_catalog.text', name_column) ELSE 'NULL::pg_catalog.text' END;
    has_pos := CASE WHEN position_column OPERATOR(pg_catalog.=) ANY (cols) THEN pg_catalog.format('(%I)::pg_catalog.int8', position_column) ELSE 'NULL::pg_catalog.int8' END;
    has_dir := CASE WHEN direction_column OPERATOR(pg_catalog.=) ANY (cols) THEN pg_catalog.format('(%I)::pg_catalog.text', direction_column) ELSE 'NULL::pg_catalog.text' END;
    has_rule := CASE WHEN rule_column OPERATOR(pg_catalog.=) ANY (cols) THEN pg_catalog.format('(%I)::pg_catalog.text', rule_column) ELSE 'NULL::pg_catalog.text' END;
    has_level_weight := CASE WHEN level1_weight_column OPERATOR(pg_catalog.=) ANY (cols) THEN pg_catalog.format('(%I)::pg_catalog.numeric', level1_weight_column) ELSE 'NULL::pg_catalog.numeric' END;

    -- the actual as ptarget_evaluate takes it: ptarget, numeric or date; text read as a ptarget
    SELECT a.atttypid::pg_catalog.regtype INTO col_type FROM pg_catalog.pg_attribute a
    WHERE a.attrelid OPERATOR(pg_catalog.=) indicators AND a.attname OPERATOR(pg_catalog.=) actual_column;
    col_type := COALESCE((SELECT t.typbasetype::pg_catalog.regtype FROM pg_catalog.pg_type t
                                     WHERE t.oid OPERATOR(pg_catalog.=) col_type AND t.typtype OPERATOR(pg_catalog.=) 'd'), col_type);
    actual_kind := 'ptarget';
    IF col_type OPERATOR(pg_catalog.=) '@extschema@.ptarget'::pg_catalog.regtype THEN
        actual_expr := pg_catalog.format('%I', actual_column);
        applies_expr := pg_catalog.format('COALESCE(@extschema@.ptarget_label(%I) OPERATOR(pg_catalog.<>) ALL (ARRAY[''不适用'', ''不涉及'']), true)', actual_column);
    ELSIF col_type OPERATOR(pg_catalog.=) ANY (ARRAY['pg_catalog.numeric', 'pg_catalog.int2', 'pg_catalog.int4', 'pg_catalog.int8']::pg_catalog.regtype[]) THEN
        actual_kind := 'numeric';
        actual_expr := pg_catalog.format('(%I)::pg_catalog.numeric', actual_column);
        applies_expr := 'true';
    ELSIF col_type OPERATOR(pg_catalog.=) 'pg_catalog.date'::pg_catalog.regtype THEN
        actual_kind := 'date';
        actual_expr := pg_catalog.format('%I', actual_column);
        applies_expr := 'true';
    ELSE
        actual_expr := pg_catalog.format('(%I)::pg_catalog.text::@extschema@.ptarget', actual_column);
        applies_expr := pg_catalog.format('COALESCE(@extschema@.ptarget_label((%I)::pg_catalog.text::@extschema@.ptarget) OPERATOR(pg_catalog.<>) ALL (ARRAY[''不适用'', ''不涉及'']), true)', actual_column);
    END IF;

    IF budgets IS NOT NULL THEN
        budget_rows := pg_catalog.format($b$
        UNION ALL
        SELECT (b.project)::pg_catalog.text, NULL::pg_catalog.int8, '预算执行率', '预算执行率',
               @extschema@.ptarget('≥', b.budget, '元'), (b.executed)::pg_catalog.text OPERATOR(pg_catalog.||) '元',
               true, NULL::pg_catalog.numeric, NULL::pg_catalog.numeric, NULL::pg_catalog.text, NULL::pg_catalog.text,
               @extschema@.ptarget('', b.executed, '元'), NULL::pg_catalog.numeric, NULL::pg_catalog.date,
               NULL::pg_catalog.numeric
        FROM %s b
        WHERE b.budget IS NOT NULL AND b.executed IS NOT NULL
          AND NOT EXISTS (SELECT FROM src s WHERE s.project OPERATOR(pg_catalog.=) (b.project)::pg_catalog.text
                                              AND pg_catalog.strpos(s.level1, '预算执行') OPERATOR(pg_catalog.>) 0)$b$, budgets);
    END IF;

    -- one row per indicator: a_t (ptarget), a_n (numeric), a_d (date) hold the actual by its type
    q := pg_catalog.format($q$
    WITH src AS (
        SELECT (%1$I)::pg_catalog.text AS project, %2$s AS pos, (%3$I)::pg_catalog.text AS level1, %4$s AS indicator,
               (%5$I)::@extschema@.ptarget AS target, (%6$I)::pg_catalog.text AS actual_text, %7$s AS applies,
               (%8$I)::pg_catalog.numeric AS weight_given, (%9$I)::pg_catalog.numeric AS recorded,
               %10$s AS direction, %11$s AS rule, %12$s AS actual_value, %18$s AS level_weight
        FROM %13$s
    ), rows AS (
        SELECT project, pos, level1, indicator, target, actual_text, applies, weight_given, recorded, direction, rule,
               %14$s AS a_t, %15$s AS a_n, %16$s AS a_d, level_weight
        FROM src
        %17$s
    ), weighted AS (
        SELECT r.*,
               CASE WHEN NOT r.applies THEN NULL
                    WHEN r.weight_given IS NOT NULL THEN r.weight_given
                    ELSE @extschema@.ptarget_rescale(
                             COALESCE(r.level_weight, @extschema@.ptarget_level_weight(r.level1,
                                 pg_catalog.bool_or(pg_catalog.strpos(r.level1, '成本') OPERATOR(pg_catalog.>) 0) OVER (PARTITION BY r.project),
                                 $1)),
                             pg_catalog.count(*) FILTER (WHERE r.applies) OVER (PARTITION BY r.project, r.level1), 1)
               END AS w,
               CASE WHEN NOT r.applies THEN NULL WHEN r.weight_given IS NOT NULL THEN 'sheet' ELSE 'level' END AS w_from,
               pg_catalog.row_number() OVER () AS ord
        FROM rows r
    ), numbered AS (
        -- rows without a position follow the project's last one, in the relation's order
        SELECT w.*, COALESCE(w.pos, COALESCE(pg_catalog.max(w.pos) OVER (PARTITION BY w.project), 0)
                                    OPERATOR(pg_catalog.+) pg_catalog.row_number() OVER (PARTITION BY w.project, w.pos IS NULL ORDER BY w.ord)) AS num
        FROM weighted w
    )
    SELECT w.project, w.num, w.level1, w.indicator, w.target, w.actual_text, w.w, w.w_from,
           w.applies AND e.applies, e.met, e.completion, e.score, e.score_band, w.recorded,
           CASE WHEN w.recorded IS NULL OR e.score_band IS NULL THEN NULL
                WHEN w.recorded OPERATOR(pg_catalog.<) pg_catalog.lower(e.score_band) THEN w.recorded OPERATOR(pg_catalog.-) pg_catalog.lower(e.score_band)
                WHEN w.recorded OPERATOR(pg_catalog.>) pg_catalog.upper(e.score_band) THEN w.recorded OPERATOR(pg_catalog.-) pg_catalog.upper(e.score_band)
                ELSE 0::pg_catalog.numeric END,
           w.recorded IS NOT NULL AND e.score_band IS NOT NULL
               AND (w.recorded OPERATOR(pg_catalog.<) pg_catalog.lower(e.score_band)
                    OR w.recorded OPERATOR(pg_catalog.>) pg_catalog.upper(e.score_band)),
           COALESCE(w.rule, $2), e.rule_source, e.reason
    FROM numbered w
    CROSS JOIN LATERAL (
        SELECT * FROM @extschema@.ptarget_evaluate(w.target, w.a_t, w.w, COALESCE(w.rule, $2), w.direction)
        WHERE w.a_n IS NULL AND w.a_d IS NULL
        UNION ALL
        SELECT * FROM @extschema@.ptarget_evaluate(w.target, w.a_n, w.w, COALESCE(w.rule, $2), w.direction)
        WHERE w.a_n IS NOT NULL
        UNION ALL
        SELECT * FROM @extschema@.ptarget_evaluate(w.target, w.a_d, w.w, COALESCE(w.rule, $2), w.direction)
        WHERE w.a_d IS NOT NULL
    ) e
    ORDER BY w.project, w.num, w.ord
    $q$,
        project_column, has_pos, level1_column, has_name, target_column, actual_column, applies_expr,
        weight_column, recorded_score_column, has_dir, has_rule, actual_expr, indicators,
        CASE WHEN actual_kind OPERATOR(pg_catalog.=) 'ptarget' THEN 'actual_value' ELSE 'NULL::@extschema@.ptarget' END,
        CASE WHEN actual_kind OPERATOR(pg_catalog.=) 'numeric' THEN 'actual_value' ELSE 'NULL::pg_catalog.numeric' END,
        CASE WHEN actual_kind OPERATOR(pg_catalog.=) 'date' THEN 'actual_value' ELSE 'NULL::pg_catalog.date' END,
        budget_rows, has_level_weight);
    RETURN QUERY EXECUTE q USING scheme, default_rule;
END
$fn$;
COMMENT ON FUNCTION @extschema@.ptarget_evaluate_indicators(pg_catalog.regclass, pg_catalog.text, pg_catalog.text, pg_catalog.regclass, pg_catalog.jsonb) IS
    'every indicator of a table or view scored and explained (target, actual, weight and where it came from, met, completion, score and band, recorded score, difference outside the band, disagrees, rule, its source, reason): standard rule 财预〔2020〕10号; weights missing on the sheet from the level''s weight (the sheet''s level1_weight, else ptarget_level_weight) spread over the level; 不适用 left out; optional 预算执行率 from a budgets relation';

CREATE FUNCTION @extschema@.ptarget_evaluate_projects(
        indicators pg_catalog.regclass,
        default_rule pg_catalog.text DEFAULT 'standard',
        scheme pg_catalog.text DEFAULT 'standard',
        budgets pg_catalog.regclass DEFAULT NULL,
        columns pg_catalog.jsonb DEFAULT '{}')
    RETURNS TABLE (project pg_catalog.text, indicators_total pg_catalog.int4, indicators_applying pg_catalog.int4,
        unscored pg_catalog.int4, weight_total pg_catalog.numeric, score_sum pg_catalog.numeric,
        total pg_catalog.numeric, grade pg_catalog.text, recorded_total pg_catalog.numeric,
        total_difference pg_catalog.numeric, disagreeing pg_catalog.int4,
        disagreeing_indicators pg_catalog.text[])
    LANGUAGE sql STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $fn$
    SELECT i.project,
           pg_catalog.count(*)::pg_catalog.int4,
           pg_catalog.count(*) FILTER (WHERE i.applies)::pg_catalog.int4,
           pg_catalog.count(*) FILTER (WHERE i.applies AND i.score IS NULL)::pg_catalog.int4,
           pg_catalog.sum(i.weight) FILTER (WHERE i.applies),
           pg_catalog.sum(i.score) FILTER (WHERE i.applies),
           @extschema@.ptarget_rescale(COALESCE(pg_catalog.sum(i.score) FILTER (WHERE i.applies), 0),
                                       pg_catalog.sum(i.weight) FILTER (WHERE i.applies)),
           @extschema@.ptarget_grade(@extschema@.ptarget_rescale(COALESCE(pg_catalog.sum(i.score) FILTER (WHERE i.applies), 0),
                                                                 pg_catalog.sum(i.weight) FILTER (WHERE i.applies)), $2),
           @extschema@.ptarget_rescale(pg_catalog.sum(i.recorded_score) FILTER (WHERE i.applies),
                                       pg_catalog.sum(i.weight) FILTER (WHERE i.applies)),
           @extschema@.ptarget_rescale(pg_catalog.sum(i.recorded_score) FILTER (WHERE i.applies),
                                       pg_catalog.sum(i.weight) FILTER (WHERE i.applies))
           OPERATOR(pg_catalog.-)
           @extschema@.ptarget_rescale(COALESCE(pg_catalog.sum(i.score) FILTER (WHERE i.applies), 0),
                                       pg_catalog.sum(i.weight) FILTER (WHERE i.applies)),
           pg_catalog.count(*) FILTER (WHERE i.disagrees)::pg_catalog.int4,
           pg_catalog.array_agg(COALESCE(i.indicator, i.level1) ORDER BY i."position") FILTER (WHERE i.disagrees)
    FROM @extschema@.ptarget_evaluate_indicators($1, $2, $3, $4, $5) i
    GROUP BY i.project
    ORDER BY i.project
$fn$;
COMMENT ON FUNCTION @extschema@.ptarget_evaluate_projects(pg_catalog.regclass, pg_catalog.text, pg_catalog.text, pg_catalog.regclass, pg_catalog.jsonb) IS
    'every project of a table or view of indicators: total score over the indicators that apply rescaled to 100 (an unscored indicator counts 0), grade (优/良/中/差, 财预〔2020〕10号), the recorded scores'' total rescaled the same way and its difference, and the indicators whose recorded score disagrees with the computed one';
