-- 60_import.sql — a large generated document: ptarget_import versus COPY of
-- the same rows (one CSV row per indicator) into a plain table, and into a
-- table shaped and indexed like ptarget_indicator (primary key, GiST on the
-- target); the two ratios are printed.
-- Variables: :doc and :csv (paths readable by the server), :rows_csv (a path
-- the server may write), :reps.
-- Every repetition creates its tables and loads them inside a subtransaction
-- that is rolled back, so each one is a first import into an empty schema.

CREATE TABLE bench.doc_ddl AS SELECT
    'CREATE TABLE doc_rows (department_code text, department_name text, project text, "position" int,
         level1 text, level2 text, level3 text, description text, value_text text)'::text AS plain,
    'CREATE TABLE doc_rows (department_code text, department_name text, project text, "position" int,
         level1 text, level2 text, level3 text, description text, value_text ptarget)'::text AS typed;

SELECT bench.note('import', format('document: %s projects, %s indicators, %s bytes (%s)',
                  :projects, :indicators, (pg_stat_file(:'doc')).size, :'doc'));

SELECT bench.record('import document vs COPY CSV into text table', 'text',
    bench.time_rollback(ARRAY[plain, format('COPY doc_rows FROM %L (FORMAT csv)', :'csv')], :reps), 'ms')
FROM bench.doc_ddl;
SELECT bench.record('COPY CSV into table with ptarget column', 'text',
    bench.time_rollback(ARRAY[plain, format('COPY doc_rows FROM %L (FORMAT csv)', :'csv')], :reps), 'ms')
FROM bench.doc_ddl;
SELECT bench.record('COPY CSV into table with ptarget column', 'ptarget',
    bench.time_rollback(ARRAY[typed, format('COPY doc_rows FROM %L (FORMAT csv)', :'csv')], :reps), 'ms')
FROM bench.doc_ddl;

-- the same rows as the import stores them (project id, position, levels,
-- description, value text, target, note, line), for COPY into a table with
-- ptarget_indicator's columns and indexes (its foreign key aside: COPY has no
-- projects to refer to)
CREATE TABLE bench.doc_stage (department_code text, department_name text, project text, "position" int,
    level1 text, level2 text, level3 text, description text, value_text text);
COPY bench.doc_stage FROM :'csv' (FORMAT csv);
CREATE FUNCTION bench.valid_target(t text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM t::ptarget;
    RETURN t;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;
COPY (SELECT dense_rank() OVER (ORDER BY department_code, project), "position", level1,
             CASE WHEN "position" = 1 THEN level1 ELSE '' END, level2, level3, description, value_text,
             bench.valid_target(value_text), NULL, 0
      FROM bench.doc_stage ORDER BY department_code, project, "position") TO :'rows_csv' (FORMAT csv);
CREATE TABLE bench.doc_indexed_ddl AS SELECT ARRAY[
    'CREATE TABLE doc_rows_indexed (project_id bigint NOT NULL, position integer NOT NULL, level1 text NOT NULL,
         level1_written text NOT NULL, level2 text NOT NULL, level3 text NOT NULL, description text NOT NULL,
         value_text text NOT NULL, target ptarget, note text, value_line integer NOT NULL,
         level1_weight numeric, level2_weight numeric, direction text, unit_text text, weight numeric,
         actual_text text, actual ptarget, recorded_score numeric, deviation_reason text, scoring_standard text,
         performance_standard text, other_cells text, source_part text, source_row integer,
         PRIMARY KEY (project_id, position))',
    'CREATE INDEX ON doc_rows_indexed USING gist (target)',
    format('COPY doc_rows_indexed (project_id, position, level1, level1_written, level2, level3, description,'
           ' value_text, target, note, value_line) FROM %L (FORMAT csv)', :'rows_csv')] AS stmts;
SELECT bench.record('COPY the same rows into a table with the same indexes (PK + GiST)', 'ptarget',
    bench.time_rollback(stmts, :reps), 'ms')
FROM bench.doc_indexed_ddl;

-- the import function is recent: detect it by name (its full signature is
-- ptarget_import(text, text, name, boolean) with defaults after the document)
SELECT EXISTS (SELECT FROM pg_proc WHERE proname = 'ptarget_import' AND pronargs >= 2
               AND proargtypes[0] = 'text'::regtype AND proargtypes[1] = 'text'::regtype) AS has_import,
       EXISTS (SELECT FROM pg_proc WHERE proname = 'ptarget_parse_document') AS has_parse \gset
\if :has_import
SELECT bench.record('import document vs COPY CSV into text table', 'ptarget',
    bench.time_rollback(ARRAY[format('SELECT count(*) FROM ptarget_import(pg_read_file(%L), ''bench'')', :'doc')], :reps), 'ms');
BEGIN;
SELECT count(*) AS imp_rows, count(note) AS imp_notes FROM ptarget_import(pg_read_file(:'doc'), 'bench') \gset
ROLLBACK;
SELECT bench.note('import', format('ptarget_import returned %s rows (%s with a note)', :imp_rows, :imp_notes));
\else
SELECT bench.record('import document vs COPY CSV into text table', 'ptarget', NULL, NULL, 'skipped');
SELECT bench.note('import', 'ptarget_import(document text, source text, ...) does not exist: import skipped');
\endif
\if :has_parse
SELECT bench.record('parse document only (no writes)', 'ptarget',
    bench.time_ms(format('SELECT count(*) FROM ptarget_parse_document(pg_read_file(%L))', :'doc'), :reps), 'ms');
\else
SELECT bench.record('parse document only (no writes)', 'ptarget', NULL, NULL, 'skipped');
\endif
SELECT bench.note('method', 'import: ptarget_import(pg_read_file(doc), ''bench'') creates and fills its own tables '
                            '(document, project, indicator); COPY creates one table and loads the CSV; both rolled back per run');
SELECT bench.note('method', 'COPY with the same indexes: a table with ptarget_indicator''s columns, primary key '
                            '(project_id, position) and GiST index on the target, loaded with the import''s rows '
                            '(the target column typed, so COPY parses every target too)');
-- the two comparisons the README states (import ≤ 2× COPY with the same indexes)
SELECT bench.note('import', format('import ÷ COPY of the same rows into a table with the same indexes: %s× '
                                   '(%s ms ÷ %s ms; target ≤ 2×)', round(i.val / c.val, 2), round(i.val), round(c.val)))
FROM bench.result i, bench.result c
WHERE i.operation = 'import document vs COPY CSV into text table' AND i.peer = 'ptarget' AND i.val IS NOT NULL
  AND c.operation = 'COPY the same rows into a table with the same indexes (PK + GiST)' AND c.peer = 'ptarget';
SELECT bench.note('import', format('import ÷ COPY of the CSV into a bare text table: %s× (%s ms ÷ %s ms)',
                                   round(i.val / c.val, 2), round(i.val), round(c.val)))
FROM bench.result i, bench.result c
WHERE i.operation = 'import document vs COPY CSV into text table' AND i.peer = 'ptarget' AND i.val IS NOT NULL
  AND c.operation = 'import document vs COPY CSV into text table' AND c.peer = 'text';
