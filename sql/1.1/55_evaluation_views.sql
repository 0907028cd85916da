
-- ------------------------------------------------------------------ imported 自评表 scored (issue 11, item 4)
-- ptarget_import creates its tables in the caller's schema on the first
-- import, so the extension cannot hold views over them; these two functions
-- are those views, for any schema: the imported indicators with their actual
-- values, weights and recorded scores next to the computed scores, and the
-- projects' totals.  For a BI tool, wrap them once:
--   CREATE VIEW budget.indicator_scores AS SELECT * FROM ptarget_indicator_scores('budget');
-- The schema defaults to the caller's current schema (the first of the search
-- path), as ptarget_import's does; the functions themselves run under
-- search_path = pg_catalog, pg_temp.

CREATE FUNCTION @extschema@.ptarget_indicator_scores(
        schema pg_catalog.name DEFAULT pg_catalog.current_schema(),
        default_rule pg_catalog.text DEFAULT 'standard',
        scheme pg_catalog.text DEFAULT 'standard')
    RETURNS TABLE (department_code pg_catalog.text, department_name pg_catalog.text, project pg_catalog.text,
        year pg_catalog.int4, "position" pg_catalog.int4, level1 pg_catalog.text, level2 pg_catalog.text,
        level3 pg_catalog.text, target @extschema@.ptarget, actual_text pg_catalog.text, actual @extschema@.ptarget,
        weight pg_catalog.numeric, weight_from pg_catalog.text, applies pg_catalog.bool, met pg_catalog.bool,
        completion pg_catalog.numeric, score pg_catalog.numeric, score_band pg_catalog.numrange,
        recorded_score pg_catalog.numeric, difference pg_catalog.numeric, disagrees pg_catalog.bool,
        rule pg_catalog.text, rule_source pg_catalog.text, reason pg_catalog.text,
        deviation_reason pg_catalog.text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $fn$
DECLARE
    indicators pg_catalog.regclass;
BEGIN
    indicators := pg_catalog.to_regclass(pg_catalog.quote_ident(schema) OPERATOR(pg_catalog.||) '.ptarget_indicator');
    IF indicators IS NULL OR pg_catalog.to_regclass(pg_catalog.quote_ident(schema) OPERATOR(pg_catalog.||) '.ptarget_project') IS NULL THEN
        RAISE EXCEPTION 'schema % holds no imported indicators', pg_catalog.quote_ident(COALESCE(schema, 'NULL'))
            USING ERRCODE = 'undefined_table',
                  HINT = 'Import a 自评表 first (ptarget_import(…, schema => …)), or name the schema that holds ptarget_indicator.';
    END IF;
    RETURN QUERY EXECUTE pg_catalog.format($q$
        SELECT p.department_code, p.department_name, p.name, p.year, i.position, i.level1, i.level2, i.level3,
               i.target, i.actual_text, i.actual, e.weight, e.weight_from, e.applies, e.met, e.completion,
               e.score, e.score_band, e.recorded_score, e.difference, e.disagrees, e.rule, e.rule_source,
               e.reason, i.deviation_reason
        FROM @extschema@.ptarget_evaluate_indicators(%1$L::pg_catalog.regclass, $1, $2, NULL,
                                                     '{"project": "project_id"}'::pg_catalog.jsonb) e
        JOIN %2$I.ptarget_indicator i
          ON i.project_id OPERATOR(pg_catalog.=) e.project::pg_catalog.int8
         AND i.position OPERATOR(pg_catalog.=) e."position"
        JOIN %2$I.ptarget_project p ON p.id OPERATOR(pg_catalog.=) i.project_id
        ORDER BY p.department_name, p.name, p.year, i.position$q$,
        indicators, schema) USING default_rule, scheme;
END
$fn$;
COMMENT ON FUNCTION @extschema@.ptarget_indicator_scores(pg_catalog.name, pg_catalog.text, pg_catalog.text) IS
    'the imported indicators of a schema scored (a view for BI): department, project, year, target, actual, weight, met, completion, computed score and band, recorded score, difference, disagrees, the rule, its source (standard: 财预〔2020〕10号) and why; weights missing on the sheet from its 一级指标(分) or the scheme''s level weights';

CREATE FUNCTION @extschema@.ptarget_project_scores(
        schema pg_catalog.name DEFAULT pg_catalog.current_schema(),
        default_rule pg_catalog.text DEFAULT 'standard',
        scheme pg_catalog.text DEFAULT 'standard')
    RETURNS TABLE (department_code pg_catalog.text, department_name pg_catalog.text, project pg_catalog.text,
        year pg_catalog.int4, indicators_total pg_catalog.int4, indicators_applying pg_catalog.int4,
        unscored pg_catalog.int4, weight_total pg_catalog.numeric, score_sum pg_catalog.numeric,
        total pg_catalog.numeric, grade pg_catalog.text, recorded_total pg_catalog.numeric,
        total_difference pg_catalog.numeric, disagreeing pg_catalog.int4,
        disagreeing_indicators pg_catalog.text[])
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $fn$
DECLARE
    indicators pg_catalog.regclass;
BEGIN
    indicators := pg_catalog.to_regclass(pg_catalog.quote_ident(schema) OPERATOR(pg_catalog.||) '.ptarget_indicator');
    IF indicators IS NULL OR pg_catalog.to_regclass(pg_catalog.quote_ident(schema) OPERATOR(pg_catalog.||) '.ptarget_project') IS NULL THEN
        RAISE EXCEPTION 'schema % holds no imported indicators', pg_catalog.quote_ident(COALESCE(schema, 'NULL'))
            USING ERRCODE = 'undefined_table',
                  HINT = 'Import a 自评表 first (ptarget_import(…, schema => …)), or name the schema that holds ptarget_indicator.';
    END IF;
    RETURN QUERY EXECUTE pg_catalog.format($q$
        SELECT p.department_code, p.department_name, p.name, p.year, s.indicators_total, s.indicators_applying,
               s.unscored, s.weight_total, s.score_sum, s.total, s.grade, s.recorded_total, s.total_difference,
               s.disagreeing, s.disagreeing_indicators
        FROM @extschema@.ptarget_evaluate_projects(%1$L::pg_catalog.regclass, $1, $2, NULL,
                                                   '{"project": "project_id"}'::pg_catalog.jsonb) s
        JOIN %2$I.ptarget_project p ON p.id OPERATOR(pg_catalog.=) s.project::pg_catalog.int8
        ORDER BY p.department_name, p.name, p.year$q$,
        indicators, schema) USING default_rule, scheme;
END
$fn$;
COMMENT ON FUNCTION @extschema@.ptarget_project_scores(pg_catalog.name, pg_catalog.text, pg_catalog.text) IS
    'the imported projects of a schema scored (a view for BI): total over the indicators that apply rescaled to 100, grade (优/良/中/差, 财预〔2020〕10号), the recorded scores'' total rescaled the same way, its difference, and the indicators whose recorded score disagrees with the computed one';
