-- Importing whole documents: both seeds, exact counts and rows, re-import and
-- overlap, bad input, lenient mode, schemas and the BI view.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
DROP TABLE IF EXISTS ptarget_indicator, ptarget_project, ptarget_document CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;
SET datestyle = ISO;
\pset null '∅'
\getenv abs_srcdir PG_ABS_SRCDIR
\set doc000_file :abs_srcdir '/data/seeds/000_e3b62ee139f4edb8.txt'
\set doc001_file :abs_srcdir '/data/seeds/001_3f8b325168c357be.txt'
SELECT pg_read_file(:'doc000_file') AS doc000 \gset
SELECT pg_read_file(:'doc001_file') AS doc001 \gset

-- the preview writes nothing
SELECT count(*) AS rows, count(target) AS targets, count(note) AS notes FROM ptarget_parse_document(:'doc000');
SELECT to_regclass('ptarget_indicator') AS no_table_yet;

-- import the full document: one row per indicator
SELECT count(*) AS loaded FROM ptarget_import(:'doc000', '000_e3b62ee139f4edb8.txt');
SELECT source, projects, indicators, quantities, dates, labels, unparsed FROM ptarget_document;

-- indicators per project, in document order
SELECT p.title_line, p.ordinal, p.name, p.department_code, p.budget_total, count(i.*) AS indicators
FROM ptarget_project p JOIN ptarget_indicator i ON i.project_id = p.id
GROUP BY p.id ORDER BY p.title_line;

-- per kind, and the rows that carry a note
SELECT coalesce(ptarget_kind(target), 'not a target') AS kind, count(*) FROM ptarget_indicator GROUP BY 1 ORDER BY 1;
SELECT value_line, value_text, target, note FROM ptarget_indicator WHERE note IS NOT NULL ORDER BY value_line;

-- tricky rows: the first project (blank 一级指标 inherited, 涵盖全年, the impossible date)
SELECT i.position, i.level1, i.level1_written, i.level2, i.level3, i.value_text, i.target, i.value_line
FROM ptarget_indicator i JOIN ptarget_project p ON p.id = i.project_id
WHERE p.title_line = 1 ORDER BY i.position;
-- cells with trailing spaces keep them in value_text; the target is read trimmed
SELECT value_line, '[' || value_text || ']' AS value_text, target FROM ptarget_indicator WHERE value_text LIKE '% ';
-- a page-number line and a line of spaces between projects are not data
SELECT name, title_line, left(purpose, 20) AS purpose FROM ptarget_project WHERE title_line BETWEEN 1200 AND 1300;

-- the excerpt overlaps the full document: its 7 projects replace theirs, no duplicates
SELECT count(*) AS loaded FROM ptarget_import(:'doc001', '001_3f8b325168c357be.txt');
SELECT (SELECT count(*) FROM ptarget_document) AS documents, (SELECT count(*) FROM ptarget_project) AS projects,
       (SELECT count(*) FROM ptarget_indicator) AS indicators;
SELECT d.source, count(*) AS projects_last_loaded_from
FROM ptarget_project p JOIN ptarget_document d ON d.id = p.document_id GROUP BY 1 ORDER BY 1;
-- the excerpt's goals cell spans three lines with an inline [bookmark: _GoBack]
SELECT name, title_line, goals FROM ptarget_project WHERE name = '车管所专项保障项目';
-- importing the same document again changes nothing but the time
SELECT count(*) AS loaded FROM ptarget_import(:'doc000', '000 again');
SELECT (SELECT count(*) FROM ptarget_document) AS documents, (SELECT count(*) FROM ptarget_project) AS projects,
       (SELECT count(*) FROM ptarget_indicator) AS indicators,
       (SELECT string_agg(source, ', ' ORDER BY id) FROM ptarget_document) AS sources;

-- questions analysts ask
SELECT project, level3, target_text FROM ptarget_indicators WHERE dimension = 'money' AND upper_bound > 1000000
  AND operator IN ('≤', '<') ORDER BY upper_bound DESC, project LIMIT 5;
SELECT DISTINCT i.target FROM ptarget_indicator i WHERE i.level2 LIKE '%满意度%' AND NOT i.target <@ '≥95%'
  ORDER BY i.target;
SELECT project, level3, target_text, last_day FROM ptarget_indicators WHERE kind = 'date' AND last_day < '2025-10-01'
  ORDER BY last_day, project;

-- bad input: every failure is an error that names the line and changes nothing
SELECT count(*) AS indicators_before FROM ptarget_indicator;
SELECT * FROM ptarget_import('');
SELECT * FROM ptarget_import('   ' || E'\n\n');
SELECT * FROM ptarget_import('hello world, no project here');
SELECT * FROM ptarget_import(NULL);
-- truncated: the document stops in the middle of a table row (after 三级指标)
SELECT * FROM ptarget_import(left(:'doc001', strpos(:'doc001', E'（自建）\n') + 4));
-- an empty 指标值 cell is kept, with a note, never dropped
SELECT position, value_text, target, note, line FROM ptarget_parse_document(left(:'doc001', strpos(:'doc001', '≥6个') - 1));
-- shuffled: the header cells of the first project in the wrong order
SELECT * FROM ptarget_import(replace(:'doc001', E'\t项目名称', E'\t绩效目标_'));
-- binary garbage (valid UTF-8 control characters)
SELECT * FROM ptarget_import(E'\x01\x02\x03\x7f' || repeat(E'\x05', 100));
-- a project repeated inside one document
SELECT count(*) FROM ptarget_import(:'doc001' || E'\n' || :'doc001');
-- a very large document is refused before any work
SELECT count(*) FROM ptarget_parse_document(repeat(:'doc001', 5300));
SELECT count(*) AS indicators_after FROM ptarget_indicator;

-- lenient mode: the bad project is skipped and the result says so; the others load
CREATE SCHEMA lenient;
SELECT project, note, line FROM ptarget_import(replace(:'doc001', E'\t科目一考试人员满意度\n', ''), 'cut', 'lenient', true)
WHERE note LIKE 'skipped%';
SELECT count(*) AS projects FROM lenient.ptarget_project;

-- a schema of the caller's choice, or the first of the search path
CREATE SCHEMA budget;
SET search_path = budget, public;
SELECT count(*) FROM ptarget_import(:'doc001');
RESET search_path;
SELECT count(*) AS in_budget FROM budget.ptarget_indicator;
SELECT * FROM ptarget_import(:'doc001', NULL, 'no_such_schema');
-- the tables are the caller's data, not extension members
SELECT count(*) AS extension_members FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ptarget')
  AND c.relname IN ('ptarget_document', 'ptarget_project', 'ptarget_indicator', 'ptarget_indicators');
