-- 60_import.sql — a large generated document: ptarget_import versus COPY of
-- the same rows (one CSV row per indicator) into a plain table.
-- Variables: :doc and :csv (paths readable by the server), :reps.
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
