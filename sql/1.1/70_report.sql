
-- ------------------------------------------------------------------ the HTML report (issue 14)
-- ptarget_report_html(schema, departments, projects, title) writes one
-- self-contained page (inline CSS, no script, no external resource: a
-- Content-Security-Policy says so) of the projects imported into a schema:
-- a summary, the deadlines on a timeline, and each project's indicators
-- grouped by 一级/二级指标 with canonical targets and units; where actual
-- values were imported, met or missed, completion bars, computed and recorded
-- scores and the grade, from ptarget_indicator_scores/ptarget_project_scores.
-- It prints to PDF from a browser (A4, one project after another).
-- `ptarget-load report` calls it.  Both functions run under search_path =
-- pg_catalog, pg_temp, or are parsed at creation (the escape), and name
-- everything they use with its schema.

CREATE FUNCTION @extschema@.ptarget_html_escape(t pg_catalog.text) RETURNS pg_catalog.text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
               t, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;');
COMMENT ON FUNCTION @extschema@.ptarget_html_escape(pg_catalog.text) IS
    'text as HTML text or attribute value: & < > " and '' written as character references (used by ptarget_report_html)';

CREATE FUNCTION @extschema@.ptarget_report_html(
        schema pg_catalog.name DEFAULT pg_catalog.current_schema(),
        departments pg_catalog.text[] DEFAULT NULL,
        projects pg_catalog.text[] DEFAULT NULL,
        title pg_catalog.text DEFAULT NULL)
    RETURNS pg_catalog.text
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $fn$
DECLARE
    has_v1_1 pg_catalog.bool;
    rows pg_catalog.jsonb;
    ind_scores pg_catalog.jsonb := '{}';
    proj_scores pg_catalog.jsonb := '{}';
    scoring pg_catalog.text;         -- NULL: scored; else why not (shown on the page)
    any_actual pg_catalog.bool;
    page_title pg_catalog.text;
    version pg_catalog.text;
    html pg_catalog.text;
BEGIN
    IF pg_catalog.to_regclass(pg_catalog.quote_ident(schema) OPERATOR(pg_catalog.||) '.ptarget_indicator') IS NULL
       OR pg_catalog.to_regclass(pg_catalog.quote_ident(schema) OPERATOR(pg_catalog.||) '.ptarget_project') IS NULL
       OR pg_catalog.to_regclass(pg_catalog.quote_ident(schema) OPERATOR(pg_catalog.||) '.ptarget_document') IS NULL THEN
        RAISE EXCEPTION 'schema % holds no imported documents', pg_catalog.quote_ident(COALESCE(schema, 'NULL'))
            USING ERRCODE = 'undefined_table',
                  HINT = 'Import documents first (ptarget-load, or ptarget_import(…, schema => …)), or name the schema that holds ptarget_project.';
    END IF;
    -- tables made by 1.0 (migrated by the next import) have no years, actual values or weights
    has_v1_1 := EXISTS (SELECT FROM pg_catalog.pg_attribute a
                        WHERE a.attrelid OPERATOR(pg_catalog.=) (pg_catalog.quote_ident(schema) OPERATOR(pg_catalog.||) '.ptarget_indicator')::pg_catalog.regclass
                          AND a.attname OPERATOR(pg_catalog.=) 'actual' AND NOT a.attisdropped);

    -- one object per indicator (or per project without any), in report order
    EXECUTE pg_catalog.format($q$
        SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                   'pid', p.id, 'code', p.department_code, 'dept', p.department_name, 'project', p.name,
                   'year', %2$s, 'budget', p.budget_total, 'budget_unit', p.budget_unit, 'goals', p.goals,
                   'source', d.source, 'pos', i.position, 'l1', i.level1, 'l2', i.level2, 'l3', i.level3,
                   'value_text', i.value_text, 'target', i.target::pg_catalog.text,
                   'kind', @extschema@.ptarget_kind(i.target), 'unit', @extschema@.ptarget_unit(i.target),
                   'first_day', @extschema@.ptarget_lower_date(i.target), 'last_day', @extschema@.ptarget_upper_date(i.target),
                   'note', i.note, 'actual_text', %3$s, 'actual', %4$s, 'weight', %5$s, 'recorded', %6$s)
                 ORDER BY p.department_code NULLS LAST, p.department_name, p.name, %2$s NULLS FIRST, p.id, i.position),
               '[]'::pg_catalog.jsonb)
        FROM %1$I.ptarget_project p
        JOIN %1$I.ptarget_document d ON d.id OPERATOR(pg_catalog.=) p.document_id
        LEFT JOIN %1$I.ptarget_indicator i ON i.project_id OPERATOR(pg_catalog.=) p.id
        WHERE ($1 IS NULL OR p.department_name OPERATOR(pg_catalog.=) ANY ($1) OR p.department_code OPERATOR(pg_catalog.=) ANY ($1))
          AND ($2 IS NULL OR p.name OPERATOR(pg_catalog.=) ANY ($2))$q$,
        schema,
        CASE WHEN has_v1_1 THEN 'p.year' ELSE 'NULL::pg_catalog.int4' END,
        CASE WHEN has_v1_1 THEN 'i.actual_text' ELSE 'NULL::pg_catalog.text' END,
        CASE WHEN has_v1_1 THEN 'i.actual::pg_catalog.text' ELSE 'NULL::pg_catalog.text' END,
        CASE WHEN has_v1_1 THEN 'i.weight' ELSE 'NULL::pg_catalog.numeric' END,
        CASE WHEN has_v1_1 THEN 'i.recorded_score' ELSE 'NULL::pg_catalog.numeric' END)
    INTO rows USING departments, projects;

    any_actual := EXISTS (SELECT FROM pg_catalog.jsonb_array_elements(rows) e
                          WHERE (e.value OPERATOR(pg_catalog.->>) 'actual_text') IS NOT NULL);
    IF NOT any_actual THEN
        scoring := '这些项目没有导入实际完成值（自评表），本报告只列出绩效目标。';
    ELSIF pg_catalog.to_regprocedure('@extschema@.ptarget_indicator_scores(pg_catalog.name, pg_catalog.text, pg_catalog.text)') IS NULL
          OR pg_catalog.to_regprocedure('@extschema@.ptarget_project_scores(pg_catalog.name, pg_catalog.text, pg_catalog.text)') IS NULL THEN
        scoring := '本数据库的 ptarget 没有评分函数（ptarget_indicator_scores），本报告只列出绩效目标和实际完成值。';
    ELSE
        BEGIN
            EXECUTE $q$
                SELECT COALESCE(pg_catalog.jsonb_object_agg(
                           pg_catalog.concat_ws(pg_catalog.chr(31), s.department_code, s.department_name, s.project, s.year, s."position"),
                           pg_catalog.jsonb_build_object('met', s.met, 'completion', s.completion, 'score', s.score,
                               'weight', s.weight, 'weight_from', s.weight_from, 'applies', s.applies,
                               'recorded', s.recorded_score, 'disagrees', s.disagrees, 'reason', s.reason)),
                       '{}'::pg_catalog.jsonb)
                FROM @extschema@.ptarget_indicator_scores($1) s$q$ INTO ind_scores USING schema;
            EXECUTE $q$
                SELECT COALESCE(pg_catalog.jsonb_object_agg(
                           pg_catalog.concat_ws(pg_catalog.chr(31), s.department_code, s.department_name, s.project, s.year),
                           pg_catalog.jsonb_build_object('total', s.total, 'grade', s.grade, 'recorded_total', s.recorded_total,
                               'weight_total', s.weight_total, 'score_sum', s.score_sum, 'disagreeing', s.disagreeing,
                               'unscored', s.unscored)),
                       '{}'::pg_catalog.jsonb)
                FROM @extschema@.ptarget_project_scores($1) s$q$ INTO proj_scores USING schema;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS scoring = MESSAGE_TEXT;
            scoring := '评分失败（' OPERATOR(pg_catalog.||) scoring OPERATOR(pg_catalog.||) '），本报告只列出绩效目标和实际完成值。';
            ind_scores := '{}';
            proj_scores := '{}';
        END;
    END IF;

    SELECT e.extversion INTO version FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'ptarget';
    page_title := COALESCE(title, (
        SELECT CASE WHEN pg_catalog.count(DISTINCT r.value OPERATOR(pg_catalog.->>) 'dept') OPERATOR(pg_catalog.=) 1
                    THEN pg_catalog.min(r.value OPERATOR(pg_catalog.->>) 'dept') OPERATOR(pg_catalog.||) ' 绩效目标报告'
                    ELSE '绩效目标报告' END
        FROM pg_catalog.jsonb_array_elements(rows) r));

    WITH ind AS (
        SELECT r.*, pg_catalog.concat_ws(pg_catalog.chr(31), r.code, r.dept, r.project, r.year) AS pkey,
               ind_scores OPERATOR(pg_catalog.->) pg_catalog.concat_ws(pg_catalog.chr(31), r.code, r.dept, r.project, r.year, r.pos) AS sc,
               pg_catalog.row_number() OVER (PARTITION BY r.pid ORDER BY r.pos) AS rn
        FROM pg_catalog.jsonb_to_recordset(rows) AS r(pid pg_catalog.int8, code pg_catalog.text, dept pg_catalog.text,
             project pg_catalog.text, year pg_catalog.int4, budget pg_catalog.numeric, budget_unit pg_catalog.text,
             goals pg_catalog.text, source pg_catalog.text, pos pg_catalog.int4, l1 pg_catalog.text, l2 pg_catalog.text,
             l3 pg_catalog.text, value_text pg_catalog.text, target pg_catalog.text, kind pg_catalog.text,
             unit pg_catalog.text, first_day pg_catalog.date, last_day pg_catalog.date, note pg_catalog.text,
             actual_text pg_catalog.text, actual pg_catalog.text, weight pg_catalog.numeric, recorded pg_catalog.numeric)
    ),
    -- runs of equal 一级指标, and of equal 二级指标 inside them: merged cells
    runs1 AS (
        SELECT i.*, i.rn OPERATOR(pg_catalog.-) pg_catalog.row_number() OVER (PARTITION BY i.pid, i.l1 ORDER BY i.rn) AS g1
        FROM ind i
    ),
    runs2 AS (
        SELECT i.*, i.rn OPERATOR(pg_catalog.-) pg_catalog.row_number() OVER (PARTITION BY i.pid, i.l1, i.g1, i.l2 ORDER BY i.rn) AS g2
        FROM runs1 i
    ),
    cells AS (
        SELECT i.*,
               pg_catalog.count(*) OVER (PARTITION BY i.pid, i.l1, i.g1) AS span1,
               pg_catalog.row_number() OVER (PARTITION BY i.pid, i.l1, i.g1 ORDER BY i.rn) AS first1,
               pg_catalog.count(*) OVER (PARTITION BY i.pid, i.l1, i.g1, i.l2, i.g2) AS span2,
               pg_catalog.row_number() OVER (PARTITION BY i.pid, i.l1, i.g1, i.l2, i.g2 ORDER BY i.rn) AS first2,
               pg_catalog.bool_or(i.actual_text IS NOT NULL) OVER (PARTITION BY i.pid) AS has_actuals
        FROM runs2 i
    ),
    -- one table row per indicator
    tr AS (
        SELECT c.pid, c.rn, c.has_actuals,
               '<tr class="ind" data-pos="' OPERATOR(pg_catalog.||) c.pos OPERATOR(pg_catalog.||) '">'
               OPERATOR(pg_catalog.||) CASE WHEN c.first1 OPERATOR(pg_catalog.=) 1
                    THEN '<td class="l1" rowspan="' OPERATOR(pg_catalog.||) c.span1 OPERATOR(pg_catalog.||) '">'
                         OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(c.l1) OPERATOR(pg_catalog.||) '</td>' ELSE '' END
               OPERATOR(pg_catalog.||) CASE WHEN c.first2 OPERATOR(pg_catalog.=) 1
                    THEN '<td class="l2" rowspan="' OPERATOR(pg_catalog.||) c.span2 OPERATOR(pg_catalog.||) '">'
                         OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(c.l2) OPERATOR(pg_catalog.||) '</td>' ELSE '' END
               OPERATOR(pg_catalog.||) '<td class="l3">' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(c.l3) OPERATOR(pg_catalog.||) '</td>'
               OPERATOR(pg_catalog.||) CASE WHEN c.target IS NULL
                    THEN '<td class="target unparsed" title="' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(COALESCE(c.note, ''))
                         OPERATOR(pg_catalog.||) '">' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(c.value_text) OPERATOR(pg_catalog.||) '</td>'
                    ELSE '<td class="target k-' OPERATOR(pg_catalog.||) c.kind OPERATOR(pg_catalog.||) '">'
                         OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(c.target) OPERATOR(pg_catalog.||) '</td>' END
               OPERATOR(pg_catalog.||) '<td class="unit">' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(COALESCE(c.unit, '')) OPERATOR(pg_catalog.||) '</td>'
               OPERATOR(pg_catalog.||) '<td class="deadline">' OPERATOR(pg_catalog.||) CASE
                    WHEN c.kind IS DISTINCT FROM 'date' THEN ''
                    WHEN c.first_day IS NULL THEN pg_catalog.to_char(c.last_day, 'YYYY-MM-DD') OPERATOR(pg_catalog.||) ' 前'
                    WHEN c.last_day IS NULL THEN pg_catalog.to_char(c.first_day, 'YYYY-MM-DD') OPERATOR(pg_catalog.||) ' 起'
                    WHEN c.first_day OPERATOR(pg_catalog.=) c.last_day THEN pg_catalog.to_char(c.last_day, 'YYYY-MM-DD')
                    ELSE pg_catalog.to_char(c.first_day, 'YYYY-MM-DD') OPERATOR(pg_catalog.||) '～' OPERATOR(pg_catalog.||) pg_catalog.to_char(c.last_day, 'YYYY-MM-DD') END
               OPERATOR(pg_catalog.||) '</td>'
               OPERATOR(pg_catalog.||) CASE WHEN NOT c.has_actuals THEN '' ELSE
                    '<td class="actual">' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(COALESCE(c.actual, c.actual_text, ''))
                    OPERATOR(pg_catalog.||) '</td>'
                    OPERATOR(pg_catalog.||) CASE
                        WHEN c.sc IS NULL OR (c.sc OPERATOR(pg_catalog.->>) 'met') IS NULL THEN '<td class="met">-</td>'
                        WHEN (c.sc OPERATOR(pg_catalog.->>) 'met')::pg_catalog.bool THEN '<td class="met yes" data-met="true">&#10003; 达成</td>'
                        ELSE '<td class="met no" data-met="false">&#10007; 未达成</td>' END
                    OPERATOR(pg_catalog.||) CASE WHEN (c.sc OPERATOR(pg_catalog.->>) 'completion') IS NULL THEN '<td class="completion"></td>'
                        ELSE '<td class="completion" data-value="' OPERATOR(pg_catalog.||) (c.sc OPERATOR(pg_catalog.->>) 'completion')
                             OPERATOR(pg_catalog.||) '"><span class="bar"><span class="fill' OPERATOR(pg_catalog.||)
                             CASE WHEN (c.sc OPERATOR(pg_catalog.->>) 'met')::pg_catalog.bool THEN '' ELSE ' miss' END
                             OPERATOR(pg_catalog.||) '" style="width:' OPERATOR(pg_catalog.||)
                             LEAST(100, GREATEST(0, (c.sc OPERATOR(pg_catalog.->>) 'completion')::pg_catalog.numeric))::pg_catalog.text
                             OPERATOR(pg_catalog.||) '%"></span></span><span class="pct">' OPERATOR(pg_catalog.||) (c.sc OPERATOR(pg_catalog.->>) 'completion')
                             OPERATOR(pg_catalog.||) '%</span></td>' END
                    OPERATOR(pg_catalog.||) '<td class="weight">' OPERATOR(pg_catalog.||) COALESCE(c.sc OPERATOR(pg_catalog.->>) 'weight', c.weight::pg_catalog.text, '') OPERATOR(pg_catalog.||) '</td>'
                    OPERATOR(pg_catalog.||) '<td class="score" title="' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(COALESCE(c.sc OPERATOR(pg_catalog.->>) 'reason', ''))
                    OPERATOR(pg_catalog.||) '">' OPERATOR(pg_catalog.||) COALESCE(c.sc OPERATOR(pg_catalog.->>) 'score', '') OPERATOR(pg_catalog.||) '</td>'
                    OPERATOR(pg_catalog.||) '<td class="recorded' OPERATOR(pg_catalog.||)
                    CASE WHEN (c.sc OPERATOR(pg_catalog.->>) 'disagrees')::pg_catalog.bool THEN ' disagrees' ELSE '' END
                    OPERATOR(pg_catalog.||) '">' OPERATOR(pg_catalog.||) COALESCE(c.recorded::pg_catalog.text, '') OPERATOR(pg_catalog.||) '</td>'
               END
               OPERATOR(pg_catalog.||) '</tr>' AS html
        FROM cells c
        WHERE c.pos IS NOT NULL
    ),
    project AS (
        SELECT i.pid, i.code, i.dept, i.project, i.year, i.budget, i.budget_unit, i.goals, i.source, i.pkey,
               proj_scores OPERATOR(pg_catalog.->) i.pkey AS ps,
               pg_catalog.bool_or(i.actual_text IS NOT NULL) AS has_actuals,
               pg_catalog.count(i.pos) AS indicators,
               pg_catalog.count(*) FILTER (WHERE i.kind OPERATOR(pg_catalog.=) 'quantity') AS quantities,
               pg_catalog.count(*) FILTER (WHERE i.kind OPERATOR(pg_catalog.=) 'date') AS dates,
               pg_catalog.count(*) FILTER (WHERE i.kind OPERATOR(pg_catalog.=) 'label') AS labels,
               pg_catalog.count(*) FILTER (WHERE i.pos IS NOT NULL AND i.target IS NULL) AS unparsed,
               pg_catalog.count(*) FILTER (WHERE (i.sc OPERATOR(pg_catalog.->>) 'met')::pg_catalog.bool) AS met,
               pg_catalog.count(*) FILTER (WHERE NOT (i.sc OPERATOR(pg_catalog.->>) 'met')::pg_catalog.bool) AS missed,
               pg_catalog.min(i.rn) AS first_rn,
               pg_catalog.row_number() OVER (ORDER BY pg_catalog.min(i.code) NULLS LAST, i.dept, i.project, i.year NULLS FIRST, i.pid) AS ord
        FROM ind i
        GROUP BY i.pid, i.code, i.dept, i.project, i.year, i.budget, i.budget_unit, i.goals, i.source, i.pkey
    ),
    scored AS (
        SELECT p.*, p.has_actuals AND p.ps IS NOT NULL AS show_scores FROM project p
    ),
    summary AS (
        SELECT pg_catalog.string_agg(
                   '<tr><td>' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(pg_catalog.concat_ws(' ', p.code, p.dept)) OPERATOR(pg_catalog.||) '</td>'
                   OPERATOR(pg_catalog.||) '<td><a href="#p' OPERATOR(pg_catalog.||) p.pid OPERATOR(pg_catalog.||) '">' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(p.project) OPERATOR(pg_catalog.||) '</a></td>'
                   OPERATOR(pg_catalog.||) '<td class="num">' OPERATOR(pg_catalog.||) COALESCE(p.year::pg_catalog.text, '') OPERATOR(pg_catalog.||) '</td>'
                   OPERATOR(pg_catalog.||) '<td class="num">' OPERATOR(pg_catalog.||) p.indicators OPERATOR(pg_catalog.||) '</td>'
                   OPERATOR(pg_catalog.||) '<td class="num">' OPERATOR(pg_catalog.||) p.quantities OPERATOR(pg_catalog.||) ' / ' OPERATOR(pg_catalog.||) p.dates
                   OPERATOR(pg_catalog.||) ' / ' OPERATOR(pg_catalog.||) p.labels OPERATOR(pg_catalog.||) '</td>'
                   OPERATOR(pg_catalog.||) CASE WHEN p.show_scores
                        THEN '<td class="num">' OPERATOR(pg_catalog.||) p.met OPERATOR(pg_catalog.||) ' / ' OPERATOR(pg_catalog.||) p.missed OPERATOR(pg_catalog.||) '</td>'
                             OPERATOR(pg_catalog.||) '<td class="num">' OPERATOR(pg_catalog.||) COALESCE(p.ps OPERATOR(pg_catalog.->>) 'total', '') OPERATOR(pg_catalog.||) '</td>'
                             OPERATOR(pg_catalog.||) '<td class="num">' OPERATOR(pg_catalog.||) COALESCE(p.ps OPERATOR(pg_catalog.->>) 'recorded_total', '') OPERATOR(pg_catalog.||) '</td>'
                             OPERATOR(pg_catalog.||) '<td><span class="grade g-' OPERATOR(pg_catalog.||) COALESCE(p.ps OPERATOR(pg_catalog.->>) 'grade', '') OPERATOR(pg_catalog.||) '">'
                             OPERATOR(pg_catalog.||) COALESCE(p.ps OPERATOR(pg_catalog.->>) 'grade', '') OPERATOR(pg_catalog.||) '</span></td>'
                        ELSE '<td class="muted" colspan="4">只有目标</td>' END
                   OPERATOR(pg_catalog.||) '</tr>', E'\n' ORDER BY p.ord) AS html,
               pg_catalog.count(*) AS n_projects, pg_catalog.sum(p.indicators) AS n_indicators,
               pg_catalog.count(*) FILTER (WHERE p.show_scores) AS scored,
               pg_catalog.count(DISTINCT p.source) AS documents
        FROM scored p
    ),
    sections AS (
        SELECT pg_catalog.string_agg(
                   '<section class="project" id="p' OPERATOR(pg_catalog.||) p.pid OPERATOR(pg_catalog.||) '" data-project="' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(p.project)
                   OPERATOR(pg_catalog.||) '" data-department="' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(p.dept) OPERATOR(pg_catalog.||) '" data-indicators="' OPERATOR(pg_catalog.||) p.indicators OPERATOR(pg_catalog.||) '"'
                   OPERATOR(pg_catalog.||) CASE WHEN p.show_scores
                        THEN ' data-total="' OPERATOR(pg_catalog.||) COALESCE(p.ps OPERATOR(pg_catalog.->>) 'total', '') OPERATOR(pg_catalog.||) '" data-grade="' OPERATOR(pg_catalog.||) COALESCE(p.ps OPERATOR(pg_catalog.->>) 'grade', '')
                             OPERATOR(pg_catalog.||) '" data-recorded-total="' OPERATOR(pg_catalog.||) COALESCE(p.ps OPERATOR(pg_catalog.->>) 'recorded_total', '') OPERATOR(pg_catalog.||) '"' ELSE '' END
                   OPERATOR(pg_catalog.||) '>' OPERATOR(pg_catalog.||) E'\n<h2>' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(p.project)
                   OPERATOR(pg_catalog.||) CASE WHEN p.show_scores THEN ' <span class="grade g-' OPERATOR(pg_catalog.||) COALESCE(p.ps OPERATOR(pg_catalog.->>) 'grade', '') OPERATOR(pg_catalog.||) '">'
                        OPERATOR(pg_catalog.||) COALESCE(p.ps OPERATOR(pg_catalog.->>) 'grade', '') OPERATOR(pg_catalog.||) '</span>' ELSE '' END OPERATOR(pg_catalog.||) '</h2>'
                   OPERATOR(pg_catalog.||) E'\n<p class="meta">' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(pg_catalog.concat_ws(' | ',
                        NULLIF(pg_catalog.concat_ws(' ', p.code, NULLIF(p.dept, '')), ''),
                        p.year OPERATOR(pg_catalog.||) ' 年度',
                        '预算 ' OPERATOR(pg_catalog.||) p.budget OPERATOR(pg_catalog.||) ' '
                            OPERATOR(pg_catalog.||) COALESCE(NULLIF(pg_catalog.regexp_replace(COALESCE(p.budget_unit, ''), '^单位[：:]\s*', ''), ''), '万元'),
                        p.indicators OPERATOR(pg_catalog.||) ' 个指标',
                        '来源 ' OPERATOR(pg_catalog.||) p.source))
                   OPERATOR(pg_catalog.||) '</p>'
                   OPERATOR(pg_catalog.||) CASE WHEN COALESCE(p.goals, '') OPERATOR(pg_catalog.=) '' THEN ''
                        ELSE E'\n<p class="goals"><b>绩效目标</b> ' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(p.goals) OPERATOR(pg_catalog.||) '</p>' END
                   OPERATOR(pg_catalog.||) CASE WHEN p.indicators OPERATOR(pg_catalog.=) 0 THEN E'\n<p class="muted">没有指标。</p>' ELSE
                        E'\n<table class="indicators"><thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th>单位</th><th>截止日期</th>'
                        OPERATOR(pg_catalog.||) CASE WHEN p.has_actuals THEN '<th>实际完成值</th><th>达成</th><th>完成率</th><th>分值</th><th>计算得分</th><th>自评得分</th>' ELSE '' END
                        OPERATOR(pg_catalog.||) E'</tr></thead>\n<tbody>\n'
                        OPERATOR(pg_catalog.||) (SELECT pg_catalog.string_agg(t.html, E'\n' ORDER BY t.rn) FROM tr t WHERE t.pid OPERATOR(pg_catalog.=) p.pid)
                        OPERATOR(pg_catalog.||) E'\n</tbody>'
                        OPERATOR(pg_catalog.||) CASE WHEN p.show_scores THEN
                             E'\n<tfoot><tr><td colspan="9" class="right">合计（得分按分值折算为百分制）</td><td class="weight">'
                             OPERATOR(pg_catalog.||) COALESCE(p.ps OPERATOR(pg_catalog.->>) 'weight_total', '') OPERATOR(pg_catalog.||) '</td><td class="total">'
                             OPERATOR(pg_catalog.||) COALESCE(p.ps OPERATOR(pg_catalog.->>) 'total', '') OPERATOR(pg_catalog.||) '</td><td class="recorded-total'
                             OPERATOR(pg_catalog.||) CASE WHEN COALESCE((p.ps OPERATOR(pg_catalog.->>) 'disagreeing')::pg_catalog.int4, 0) OPERATOR(pg_catalog.>) 0 THEN ' disagrees' ELSE '' END
                             OPERATOR(pg_catalog.||) '">' OPERATOR(pg_catalog.||) COALESCE(p.ps OPERATOR(pg_catalog.->>) 'recorded_total', '') OPERATOR(pg_catalog.||) '</td></tr></tfoot>'
                             ELSE '' END
                        OPERATOR(pg_catalog.||) '</table>'
                        OPERATOR(pg_catalog.||) CASE WHEN p.show_scores AND COALESCE((p.ps OPERATOR(pg_catalog.->>) 'disagreeing')::pg_catalog.int4, 0) OPERATOR(pg_catalog.>) 0
                             THEN E'\n<p class="warn">自评得分与计算得分不一致的指标：' OPERATOR(pg_catalog.||) (p.ps OPERATOR(pg_catalog.->>) 'disagreeing')
                                  OPERATOR(pg_catalog.||) ' 个（标红）。计算按财预〔2020〕10号；鼠标停在计算得分上可见算法。</p>'
                             WHEN p.has_actuals AND NOT p.show_scores THEN E'\n<p class="muted">未评分。</p>' ELSE '' END
                   END
                   OPERATOR(pg_catalog.||) E'\n</section>', E'\n' ORDER BY p.ord) AS html
        FROM scored p
    ),
    -- the deadlines: date targets on one axis
    deadlines AS (
        SELECT i.project, i.l3, i.target, COALESCE(i.first_day, i.last_day) AS d0, COALESCE(i.last_day, i.first_day) AS d1,
               i.first_day IS NULL OR i.last_day IS NULL OR i.first_day OPERATOR(pg_catalog.=) i.last_day AS point,
               pg_catalog.row_number() OVER (ORDER BY COALESCE(i.last_day, i.first_day), COALESCE(i.first_day, i.last_day), i.project, i.pos) AS k
        FROM ind i WHERE i.kind OPERATOR(pg_catalog.=) 'date'
    ),
    span AS (
        SELECT pg_catalog.date_trunc('month', pg_catalog.min(d.d0))::pg_catalog.date AS a,
               (pg_catalog.date_trunc('month', pg_catalog.max(d.d1)) OPERATOR(pg_catalog.+) '1 month'::pg_catalog.interval)::pg_catalog.date AS b,
               pg_catalog.count(*) AS n
        FROM deadlines d
    ),
    timeline AS (
        SELECT CASE WHEN s.n OPERATOR(pg_catalog.=) 0 THEN '' ELSE
                   '<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="1000" height="'
                   OPERATOR(pg_catalog.||) (40 OPERATOR(pg_catalog.+) (22 OPERATOR(pg_catalog.*) s.n)) OPERATOR(pg_catalog.||) '" viewBox="0 0 1000 '
                   OPERATOR(pg_catalog.||) (40 OPERATOR(pg_catalog.+) (22 OPERATOR(pg_catalog.*) s.n)) OPERATOR(pg_catalog.||) '" role="img" aria-label="截止日期时间轴">'
                   -- month ticks (quarters when the span is long)
                   OPERATOR(pg_catalog.||) (SELECT pg_catalog.string_agg(
                        '<line class="tick" x1="' OPERATOR(pg_catalog.||) x OPERATOR(pg_catalog.||) '" y1="24" x2="' OPERATOR(pg_catalog.||) x OPERATOR(pg_catalog.||) '" y2="'
                        OPERATOR(pg_catalog.||) (40 OPERATOR(pg_catalog.+) (22 OPERATOR(pg_catalog.*) s.n)) OPERATOR(pg_catalog.||) '"/><text class="tl" x="'
                        OPERATOR(pg_catalog.||) x OPERATOR(pg_catalog.||) '" y="18">' OPERATOR(pg_catalog.||) pg_catalog.to_char(m, 'YYYY-MM') OPERATOR(pg_catalog.||) '</text>', '' ORDER BY m)
                        FROM (SELECT m::pg_catalog.date AS m,
                                     pg_catalog.round(440 OPERATOR(pg_catalog.+) ((520.0 OPERATOR(pg_catalog.*) (m::pg_catalog.date OPERATOR(pg_catalog.-) s.a))
                                                      OPERATOR(pg_catalog./) GREATEST(s.b OPERATOR(pg_catalog.-) s.a, 1)), 1) AS x
                              FROM pg_catalog.generate_series(s.a::pg_catalog.timestamp, s.b::pg_catalog.timestamp,
                                   CASE WHEN s.b OPERATOR(pg_catalog.-) s.a OPERATOR(pg_catalog.>) 800 THEN '3 months' ELSE '1 month' END::pg_catalog.interval) m) t)
                   OPERATOR(pg_catalog.||) (SELECT pg_catalog.string_agg(
                        '<g class="dl"><text class="dl-label" x="4" y="' OPERATOR(pg_catalog.||) (d.y OPERATOR(pg_catalog.+) 10) OPERATOR(pg_catalog.||) '">'
                        OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(CASE WHEN pg_catalog.length(d.project OPERATOR(pg_catalog.||) '：' OPERATOR(pg_catalog.||) d.l3) OPERATOR(pg_catalog.>) 22
                             THEN pg_catalog.left(d.project OPERATOR(pg_catalog.||) '：' OPERATOR(pg_catalog.||) d.l3, 21) OPERATOR(pg_catalog.||) '…'
                             ELSE d.project OPERATOR(pg_catalog.||) '：' OPERATOR(pg_catalog.||) d.l3 END)
                        OPERATOR(pg_catalog.||) '<title>' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(d.project OPERATOR(pg_catalog.||) '：' OPERATOR(pg_catalog.||) d.l3 OPERATOR(pg_catalog.||) '　' OPERATOR(pg_catalog.||) d.target) OPERATOR(pg_catalog.||) '</title></text>'
                        OPERATOR(pg_catalog.||) CASE WHEN d.point
                             THEN '<path class="mark" d="M' OPERATOR(pg_catalog.||) x1 OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) d.y
                                  OPERATOR(pg_catalog.||) ' l6 6 l-6 6 l-6 -6 z"/>'
                             ELSE '<rect class="range" x="' OPERATOR(pg_catalog.||) x0 OPERATOR(pg_catalog.||) '" y="' OPERATOR(pg_catalog.||) d.y
                                  OPERATOR(pg_catalog.||) '" width="' OPERATOR(pg_catalog.||) GREATEST(x1 OPERATOR(pg_catalog.-) x0, 3) OPERATOR(pg_catalog.||) '" height="12" rx="3"/>' END
                        OPERATOR(pg_catalog.||) '<text class="dl-date" x="430" y="'
                        OPERATOR(pg_catalog.||) (d.y OPERATOR(pg_catalog.+) 10) OPERATOR(pg_catalog.||) '">' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(d.target)
                        OPERATOR(pg_catalog.||) '</text></g>', '' ORDER BY d.k)
                        FROM (SELECT d.*, 45 OPERATOR(pg_catalog.+) (22 OPERATOR(pg_catalog.*) (d.k OPERATOR(pg_catalog.-) 1)) AS y,
                                     pg_catalog.round(440 OPERATOR(pg_catalog.+) ((520.0 OPERATOR(pg_catalog.*) (d.d0 OPERATOR(pg_catalog.-) s.a))
                                                      OPERATOR(pg_catalog./) GREATEST(s.b OPERATOR(pg_catalog.-) s.a, 1)), 1) AS x0,
                                     pg_catalog.round(440 OPERATOR(pg_catalog.+) ((520.0 OPERATOR(pg_catalog.*) ((d.d1 OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.-) s.a))
                                                      OPERATOR(pg_catalog./) GREATEST(s.b OPERATOR(pg_catalog.-) s.a, 1)), 1) AS x1
                              FROM deadlines d) d)
                   OPERATOR(pg_catalog.||) '</svg>' END AS html, s.n
        FROM span s
    )
    SELECT '<!DOCTYPE html>' OPERATOR(pg_catalog.||) E'\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">'
           OPERATOR(pg_catalog.||) E'\n<meta http-equiv="Content-Security-Policy" content="default-src ''none''; style-src ''unsafe-inline''; img-src data:">'
           OPERATOR(pg_catalog.||) E'\n<meta name="viewport" content="width=device-width, initial-scale=1">'
           OPERATOR(pg_catalog.||) E'\n<meta name="generator" content="ptarget ' OPERATOR(pg_catalog.||) COALESCE(version, '') OPERATOR(pg_catalog.||) ' ptarget_report_html">'
           OPERATOR(pg_catalog.||) E'\n<title>' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(page_title) OPERATOR(pg_catalog.||) E'</title>\n<style>\n'
           OPERATOR(pg_catalog.||) $css$
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
       color: #1f2933; margin: 24px auto; max-width: 1200px; padding: 0 16px; font-size: 14px; line-height: 1.5; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 4px; border-left: 5px solid #b91c1c; padding-left: 8px; }
.sub, .meta, .muted { color: #52606d; }
.meta { margin: 0 0 6px; font-size: 13px; }
.goals { font-size: 13px; margin: 0 0 8px; white-space: pre-wrap; color: #323f4b; }
.notice { border: 1px solid #f0b429; background: #fffbea; padding: 8px 12px; border-radius: 4px; margin: 12px 0; }
.warn { color: #b91c1c; font-size: 13px; }
.stats { display: flex; gap: 12px; margin: 12px 0; }
.stat { border: 1px solid #d9e2ec; border-radius: 4px; padding: 6px 14px; background: #f5f7fa; }
.stat b { display: block; font-size: 20px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 4px; font-size: 13px; }
th, td { border: 1px solid #cbd2d9; padding: 4px 6px; vertical-align: middle; }
th { background: #e4e7eb; font-weight: 600; text-align: left; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.l1, td.l2 { background: #f5f7fa; }
td.target { font-weight: 600; white-space: nowrap; }
td.target.unparsed { color: #b91c1c; font-weight: normal; font-style: italic; }
td.target.k-date { color: #0b69a3; }
td.target.k-label { font-weight: normal; }
td.num, td.weight, td.score, td.recorded, td.total, td.recorded-total, td.right { text-align: right; white-space: nowrap; }
td.deadline { white-space: nowrap; color: #0b69a3; }
td.met.yes { color: #18794e; white-space: nowrap; }
td.met.no { color: #b91c1c; font-weight: 600; white-space: nowrap; }
td.completion { white-space: nowrap; min-width: 150px; }
.bar { display: inline-block; width: 80px; height: 10px; background: #e4e7eb; border-radius: 5px; overflow: hidden; vertical-align: middle; margin-right: 6px; }
.fill { display: block; height: 100%; background: #3ebd93; }
.fill.miss { background: #ef4e4e; }
.disagrees { background: #ffe3e3; color: #b91c1c; font-weight: 600; }
tfoot td { font-weight: 600; background: #f5f7fa; }
.grade { display: inline-block; min-width: 2em; text-align: center; border-radius: 4px; padding: 0 6px; color: #fff; background: #7b8794; font-size: 14px; }
.g-优 { background: #18794e; } .g-良 { background: #2680c2; } .g-中 { background: #de911d; } .g-差 { background: #b91c1c; }
svg.timeline { width: 100%; height: auto; border: 1px solid #d9e2ec; background: #fff; }
svg .tick { stroke: #e4e7eb; } svg .tl { font-size: 11px; fill: #52606d; text-anchor: middle; }
svg .dl-label { font-size: 12px; fill: #323f4b; } svg .dl-date { font-size: 12px; fill: #0b69a3; text-anchor: end; }
svg .mark { fill: #0b69a3; } svg .range { fill: #9fb3c8; }
a { color: #0b69a3; text-decoration: none; }
footer { margin-top: 32px; font-size: 12px; color: #7b8794; border-top: 1px solid #d9e2ec; padding-top: 8px; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  section.project { break-before: page; }
  .notice { break-inside: avoid; }
  a { color: inherit; }
}
$css$
           OPERATOR(pg_catalog.||) E'</style>\n</head>\n<body>\n<header>\n<h1>' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(page_title) OPERATOR(pg_catalog.||) '</h1>'
           OPERATOR(pg_catalog.||) E'\n<p class="sub">模式 ' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(schema)
           OPERATOR(pg_catalog.||) CASE WHEN departments IS NULL THEN '' ELSE ' &middot; 部门 ' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(pg_catalog.array_to_string(departments, '、')) END
           OPERATOR(pg_catalog.||) CASE WHEN projects IS NULL THEN '' ELSE ' &middot; 项目 ' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(pg_catalog.array_to_string(projects, '、')) END
           OPERATOR(pg_catalog.||) ' &middot; 生成于 ' OPERATOR(pg_catalog.||) pg_catalog.to_char(pg_catalog.now(), 'YYYY-MM-DD HH24:MI') OPERATOR(pg_catalog.||) E'</p>\n</header>'
           OPERATOR(pg_catalog.||) E'\n<div class="stats"><div class="stat"><b class="n-projects">' OPERATOR(pg_catalog.||) su.n_projects OPERATOR(pg_catalog.||) '</b>个项目</div>'
           OPERATOR(pg_catalog.||) '<div class="stat"><b class="n-indicators">' OPERATOR(pg_catalog.||) COALESCE(su.n_indicators, 0) OPERATOR(pg_catalog.||) '</b>个指标</div>'
           OPERATOR(pg_catalog.||) '<div class="stat"><b class="n-deadlines">' OPERATOR(pg_catalog.||) tl.n OPERATOR(pg_catalog.||) '</b>个截止日期</div>'
           OPERATOR(pg_catalog.||) '<div class="stat"><b class="n-scored">' OPERATOR(pg_catalog.||) su.scored OPERATOR(pg_catalog.||) '</b>个项目已评分</div>'
           OPERATOR(pg_catalog.||) '<div class="stat"><b class="n-documents">' OPERATOR(pg_catalog.||) su.documents OPERATOR(pg_catalog.||) '</b>份文档</div></div>'
           OPERATOR(pg_catalog.||) CASE WHEN scoring IS NULL THEN '' ELSE E'\n<p class="notice" id="targets-only">' OPERATOR(pg_catalog.||) @extschema@.ptarget_html_escape(scoring) OPERATOR(pg_catalog.||) '</p>' END
           OPERATOR(pg_catalog.||) CASE WHEN su.n_projects OPERATOR(pg_catalog.=) 0 THEN E'\n<p class="notice" id="nothing">没有符合条件的项目。</p>' ELSE
                E'\n<h2 class="plain">项目汇总</h2>\n<table class="summary"><thead><tr><th>部门</th><th>项目</th><th>年度</th><th>指标</th><th>定量 / 日期 / 定性</th><th>达成 / 未达成</th><th>计算得分</th><th>自评得分</th><th>等级</th></tr></thead>\n<tbody>\n'
                OPERATOR(pg_catalog.||) su.html OPERATOR(pg_catalog.||) E'\n</tbody></table>' END
           OPERATOR(pg_catalog.||) CASE WHEN tl.n OPERATOR(pg_catalog.=) 0 THEN '' ELSE E'\n<h2 class="plain">截止日期</h2>\n' OPERATOR(pg_catalog.||) tl.html END
           OPERATOR(pg_catalog.||) E'\n' OPERATOR(pg_catalog.||) COALESCE(se.html, '')
           OPERATOR(pg_catalog.||) E'\n<footer>ptarget ' OPERATOR(pg_catalog.||) COALESCE(version, '') OPERATOR(pg_catalog.||) ' &middot; ptarget_report_html &middot; '
           OPERATOR(pg_catalog.||) '指标值为规范写法；得分按财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）计算，总分按分值折算为百分制，等级：优≥90，良80&ndash;90，中60&ndash;80，差&lt;60。'
           OPERATOR(pg_catalog.||) E'</footer>\n</body>\n</html>\n'
    INTO html
    FROM summary su, sections se, timeline tl;
    RETURN html;
END
$fn$;
COMMENT ON FUNCTION @extschema@.ptarget_report_html(pg_catalog.name, pg_catalog.text[], pg_catalog.text[], pg_catalog.text) IS
    'a self-contained HTML page (inline CSS, no script or external resource, printable to PDF) of the projects imported into a schema, optionally only some departments (name or code) or projects: a summary, the deadlines on a timeline, each project''s indicators grouped by 一级/二级指标 with canonical targets, units and deadlines, and where actual values were imported met/missed, completion bars, computed and recorded scores and the grade (ptarget_indicator_scores, ptarget_project_scores); `ptarget-load report` writes it';
