-- Documents as users have them (issue 10): CSV/TSV in every encoding and the
-- common layouts (combined value cell, split operator/unit columns, template
-- in the indicator name, 自评表 with actual values and scores, merged level
-- cells, several projects in one file), their import and re-import, 1.0's
-- tables migrated, and the files that cannot be read.  The fixtures are made
-- by test/data/documents/make_fixtures.py.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
DROP SCHEMA IF EXISTS docs, old10, textdocs CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;
SET datestyle = ISO;
\pset null '∅'
\getenv abs_srcdir PG_ABS_SRCDIR
\set dir :abs_srcdir '/data/documents/'
SELECT set_config('docs.dir', :'dir', false) IS NOT NULL AS dir_set;
CREATE FUNCTION fixture(name text) RETURNS bytea LANGUAGE sql
  AS $$ SELECT pg_read_binary_file(current_setting('docs.dir') || name) $$;

-- every readable fixture: what it is and what it holds
SELECT f AS file, min(r.source_format) AS format, count(DISTINCT r.project) AS projects, count(*) AS rows,
       count(r.target) AS targets, count(r.actual) AS actuals, count(r.weight) AS weights, count(r.note) AS notes
FROM unnest(ARRAY['combined.csv', 'split_bom.csv', 'template.tsv', 'selfeval_gb18030.csv',
                  'merged_utf16le.txt', 'hunan_utf16be.csv']) AS f,
     LATERAL ptarget_parse_document(fixture(f), f) r
GROUP BY f ORDER BY f;

-- combined value cell (UTF-8, CR LF): the cell is the whole target
SELECT position, level1, level2, level3, description, value_text, target, note, line, source_row
FROM ptarget_parse_document(fixture('combined.csv'), 'combined.csv');

-- split columns (UTF-8 with BOM): operator, value and unit combined, the cells kept;
-- 定性 reads the value alone; weight, scoring and performance standards
SELECT position, level2, level3, direction, value_text, unit_text, target, weight,
       scoring_standard, performance_standard
FROM ptarget_parse_document(fixture('split_bom.csv'), 'split_bom.csv');
SELECT position, note FROM ptarget_parse_document(fixture('split_bom.csv'), 'split_bom.csv') WHERE position IN (1, 4, 9);

-- template in the name (TSV): a bare number takes the operator and unit of
-- (≥**%), (万元), (户); prose in brackets is no template
SELECT position, level3, value_text, target, note
FROM ptarget_parse_document(fixture('template.tsv'), 'template.tsv');

-- 自评表 (GB18030): levels with weights, actual values in the target's unit,
-- weights, recorded scores and reasons
SELECT position, level1, level1_weight, level3, value_text, target, actual_text, actual, weight,
       recorded_score, deviation_reason
FROM ptarget_parse_document(fixture('selfeval_gb18030.csv'), 'selfeval_gb18030.csv');
SELECT DISTINCT note FROM ptarget_parse_document(fixture('selfeval_gb18030.csv'), 'x') ORDER BY 1;

-- merged (blank) level cells, a repeated header, 正向/反向, two projects (UTF-16LE TSV)
SELECT project, department_name, year, position, level1, level2, level3, direction, target, line
FROM ptarget_parse_document(fixture('merged_utf16le.txt'), 'merged_utf16le.txt');

-- 湖南 自评表 without a title (UTF-16BE): the project is named after the file
SELECT project, position, level3, description, value_text, target, actual, recorded_score, deviation_reason
FROM ptarget_parse_document(fixture('hunan_utf16be.csv'), '/uploads/2024/岳阳市教育局自评表.csv');
SELECT count(*) FROM ptarget_parse_document(fixture('hunan_utf16be.csv'));

-- the text functions read delimited text too (1.0's columns)
SELECT count(*) AS rows, count(target) AS targets
FROM ptarget_parse_document(convert_from(fixture('combined.csv'), 'UTF8'));
SELECT project, count(*) AS rows, count(target) AS targets
FROM ptarget_parse_document(convert_from(fixture('template.tsv'), 'UTF8')) GROUP BY 1;
SELECT * FROM ptarget_parse_document(convert_from(fixture('bad_unplaced.csv'), 'UTF8'));
CREATE SCHEMA textdocs;
SELECT project, count(*) FROM ptarget_import(convert_from(fixture('bad_unplaced.csv'), 'UTF8'), 'unplaced.csv',
                                             'textdocs', true) GROUP BY 1 ORDER BY 1;
DROP SCHEMA textdocs CASCADE;

-- ---------------------------------------------------------------- import
CREATE SCHEMA docs;
SELECT count(*) AS loaded FROM ptarget_import(fixture('combined.csv'), 'combined.csv', 'docs');
SELECT count(*) AS loaded FROM ptarget_import(fixture('split_bom.csv'), 'split_bom.csv', 'docs');
SELECT count(*) AS loaded FROM ptarget_import(fixture('selfeval_gb18030.csv'), 'selfeval_gb18030.csv', 'docs');
SELECT count(*) AS loaded FROM ptarget_import(fixture('merged_utf16le.txt'), 'merged_utf16le.txt', 'docs');
SELECT count(*) AS loaded FROM ptarget_import(fixture('hunan_utf16be.csv'), '岳阳市教育局自评表.csv', 'docs');
SELECT source, format, projects, indicators, quantities, dates, labels, unparsed FROM docs.ptarget_document ORDER BY id;
SELECT department_code, department_name, name, year, title, budget_unit, budget_total, fiscal_funds, goals,
       title_line, other_cells
FROM docs.ptarget_project ORDER BY id;
-- the flat view: the actual as plain columns
SELECT project, level3, target_text, actual_target_text, actual_kind, actual_magnitude, actual_unit,
       actual_lower_bound, actual_last_day, weight, recorded_score, source_format, source_row
FROM docs.ptarget_indicators WHERE actual_text IS NOT NULL ORDER BY project, position;

-- re-import: the same file, the same content in another encoding, the same
-- project from another department or year
SELECT count(*) FROM ptarget_import(fixture('combined.csv'), 'combined again', 'docs');
SELECT count(*) FROM ptarget_import(convert_to(convert_from(fixture('combined.csv'), 'UTF8'), 'GB18030'),
                                    'combined.gb18030.csv', 'docs');
SELECT count(*) FROM ptarget_import(convert_to(replace(convert_from(fixture('combined.csv'), 'UTF8'),
                                    '某市城市管理局', '另一市城市管理局'), 'UTF8'), 'other department', 'docs');
SELECT count(*) FROM ptarget_import(convert_to(replace(convert_from(fixture('combined.csv'), 'UTF8'),
                                    '2025年度', '2026年度'), 'UTF8'), 'next year', 'docs');
SELECT department_name, name, year, (SELECT source FROM docs.ptarget_document d WHERE d.id = p.document_id),
       (SELECT count(*) FROM docs.ptarget_indicator i WHERE i.project_id = p.id) AS indicators
FROM docs.ptarget_project p WHERE name = '城区道路照明维护' ORDER BY department_name, year;
SELECT (SELECT count(*) FROM docs.ptarget_document) AS documents, (SELECT count(*) FROM docs.ptarget_project) AS projects,
       (SELECT count(*) FROM docs.ptarget_indicator) AS indicators;
-- the seeds keep their identity (department code, name) beside the others
SELECT count(*) FROM ptarget_import(pg_read_binary_file(:'abs_srcdir' || '/data/seeds/001_3f8b325168c357be.txt'),
                                    '001.txt', 'docs');
SELECT count(*) FILTER (WHERE department_code IS NOT NULL) AS coded, count(*) FILTER (WHERE department_code IS NULL) AS uncoded
FROM docs.ptarget_project;
-- a document naming a project twice
SELECT count(*) FROM ptarget_parse_document(fixture('combined.csv') || fixture('combined.csv'), 'twice.csv');

-- lenient mode: a row that cannot be placed is reported, the others load
SELECT count(*) FROM ptarget_parse_document(fixture('bad_unplaced.csv'), 'bad_unplaced.csv');
SELECT project, level3, note, line, source_row FROM ptarget_parse_document(fixture('bad_unplaced.csv'), 'bad_unplaced.csv', true);

-- a foreign key of the user's own on the indicator table is checked on every row
-- (the import's own key is not: its projects were just written and are locked)
CREATE TABLE docs.known_rows (n integer PRIMARY KEY);
INSERT INTO docs.known_rows SELECT generate_series(1, 12);
ALTER TABLE docs.ptarget_indicator ADD CONSTRAINT known_row FOREIGN KEY (source_row) REFERENCES docs.known_rows (n) NOT VALID;
SELECT count(*) FROM ptarget_import(fixture('selfeval_gb18030.csv'), 'selfeval again', 'docs');
INSERT INTO docs.known_rows SELECT generate_series(13, 20);
SELECT count(*) FROM ptarget_import(fixture('selfeval_gb18030.csv'), 'selfeval again', 'docs');
ALTER TABLE docs.ptarget_indicator DROP CONSTRAINT known_row;
-- and the import's own key holds
SELECT count(*) AS orphans FROM docs.ptarget_indicator i
WHERE NOT EXISTS (SELECT FROM docs.ptarget_project p WHERE p.id = i.project_id);

-- ---------------------------------------------------------------- what the document says (issue 12)
-- A value that lacks a year or unit takes the table's year and the unit in the
-- target column's header; a cell of prose gives the constraint it states (one:
-- the target; several: kept in extracted, the target stays the label); each
-- with a note.  The type alone never guesses (the casts below).
SELECT position, value_text, target, extracted, actual_text, actual, note
FROM ptarget_parse_document(convert_to(
'2024年度乡村学校营养改善项目绩效目标表,,,,
一级指标,二级指标,三级指标,年度指标值（%）,实际完成值
产出指标,质量指标,合格率,98,97
产出指标,质量指标,达标率,≥95,
产出指标,质量指标,抽检合格率,抽检合格率不低于90%,抽检合格率为93%
产出指标,数量指标,培训,培训人员30人以上，补助资金2.5万元以内,
产出指标,时效指标,完成时间,10月底前,10月20日
产出指标,时效指标,拨付时间,2024年11月底前拨付到位,
效益指标,社会效益指标,学生体质,比上年提高5个百分点,
满意度指标,服务对象满意度指标,满意度,普遍满意,
', 'UTF8'), 'context.csv');
SELECT '98'::ptarget AS alone, '10月底前'::ptarget AS no_year, '抽检合格率不低于90%'::ptarget AS prose;
-- stored: the array in the table, as text in the flat view
SELECT count(*) FROM ptarget_import(convert_to(
'2024年度乡村学校营养改善项目绩效目标表,,,
一级指标,二级指标,三级指标,年度指标值（%）
产出指标,数量指标,培训,培训人员30人以上，补助资金2.5万元以内
产出指标,质量指标,合格率,98
', 'UTF8'), 'context.csv', 'docs');
SELECT i.position, i.target, i.extracted, pg_typeof(i.extracted) AS type, v.target_text, v.extracted_text
FROM docs.ptarget_indicator i JOIN docs.ptarget_project p ON p.id = i.project_id
JOIN docs.ptarget_indicators v ON v.project = p.name AND v.position = i.position
WHERE p.name LIKE '乡村学校营养改善%' ORDER BY i.position;
SELECT count(*) AS found_by_extracted FROM docs.ptarget_indicator WHERE '≥30人' = ANY (extracted);

-- ---------------------------------------------------------------- 1.0's tables
-- tables and view as ptarget 1.0 made them, with a 1.0 import in them
CREATE SCHEMA old10;
CREATE TABLE old10.ptarget_document (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, source text,
  content_sha256 text NOT NULL UNIQUE, imported_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
  projects integer NOT NULL, indicators integer NOT NULL, quantities integer NOT NULL, dates integer NOT NULL,
  labels integer NOT NULL, unparsed integer NOT NULL);
CREATE TABLE old10.ptarget_project (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  department_code text NOT NULL, department_name text NOT NULL, name text NOT NULL, title text NOT NULL,
  ordinal text NOT NULL, budget_unit text NOT NULL, budget_total numeric, fiscal_funds numeric,
  other_funds numeric, purpose text NOT NULL, goals text NOT NULL, title_line integer NOT NULL,
  document_id bigint NOT NULL REFERENCES old10.ptarget_document(id), UNIQUE (department_code, name));
CREATE INDEX ptarget_project_document_idx ON old10.ptarget_project (document_id);
CREATE TABLE old10.ptarget_indicator (project_id bigint NOT NULL REFERENCES old10.ptarget_project(id) ON DELETE CASCADE,
  position integer NOT NULL, level1 text NOT NULL, level1_written text NOT NULL, level2 text NOT NULL,
  level3 text NOT NULL, description text NOT NULL, value_text text NOT NULL, target ptarget, note text,
  value_line integer NOT NULL, PRIMARY KEY (project_id, position));
CREATE INDEX ptarget_indicator_target_idx ON old10.ptarget_indicator USING gist (target);
CREATE VIEW old10.ptarget_indicators AS SELECT p.department_code, p.department_name, p.name AS project,
  i.position, i.level1, i.level2, i.level3, i.description, i.value_text, ptarget_kind(i.target) AS kind,
  ptarget_operator(i.target) AS operator, ptarget_magnitude(i.target) AS magnitude,
  ptarget_magnitude_upper(i.target) AS magnitude_upper, ptarget_unit(i.target) AS unit,
  ptarget_base_unit(i.target) AS base_unit, ptarget_dimension(i.target) AS dimension,
  ptarget_lower(i.target) AS lower_bound, ptarget_lower_inclusive(i.target) AS lower_inclusive,
  ptarget_upper(i.target) AS upper_bound, ptarget_upper_inclusive(i.target) AS upper_inclusive,
  ptarget_lower_date(i.target) AS first_day, ptarget_upper_date(i.target) AS last_day,
  ptarget_label(i.target) AS label, i.target::text AS target_text, i.note, i.value_line, d.source, d.imported_at
  FROM old10.ptarget_indicator i JOIN old10.ptarget_project p ON p.id = i.project_id
  JOIN old10.ptarget_document d ON d.id = p.document_id;
INSERT INTO old10.ptarget_document (source, content_sha256, projects, indicators, quantities, dates, labels, unparsed)
  VALUES ('imported by 1.0', 'f00d', 1, 1, 1, 0, 0, 0);
INSERT INTO old10.ptarget_project (department_code, department_name, name, title, ordinal, budget_unit, purpose,
  goals, title_line, document_id) VALUES ('374111', '天津市公安局车辆管理所', '车管所计算机软硬件系统运行维护项目2025',
  '车管所计算机软硬件系统运行维护项目2025绩效目标表', '', '万元', '', '', 2, 1);
INSERT INTO old10.ptarget_indicator VALUES (1, 1, '产出指标', '产出指标', '数量指标', '旧', '旧', '≥1个', '≥1个', NULL, 36);
-- a view of the caller's on 1.0's view keeps working through the migration
CREATE VIEW old10.my_report AS SELECT project, target_text FROM old10.ptarget_indicators;
-- a 1.0 table the caller changed (a trigger) is refused before anything is migrated
CREATE FUNCTION old10.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER audit AFTER INSERT ON old10.ptarget_project FOR EACH ROW EXECUTE FUNCTION old10.audit();
SELECT count(*) FROM ptarget_import(fixture('combined.csv'), 'combined.csv', 'old10');
SELECT count(*) AS columns_still_1_0 FROM pg_attribute WHERE attrelid = 'old10.ptarget_indicator'::regclass AND attnum > 0;
DROP TRIGGER audit ON old10.ptarget_project;
-- the next import migrates them in its transaction: 1.0's rows stay, the new columns are there
SELECT count(*) AS loaded FROM ptarget_import(pg_read_binary_file(:'abs_srcdir' || '/data/seeds/001_3f8b325168c357be.txt'),
                                              '001.txt', 'old10');
SELECT count(*) AS loaded FROM ptarget_import(fixture('selfeval_gb18030.csv'), 'selfeval.csv', 'old10');
SELECT c.relname, string_agg(a.attname, ', ' ORDER BY a.attnum) FILTER (WHERE a.attnum > (
         CASE c.relname WHEN 'ptarget_document' THEN 10 WHEN 'ptarget_project' THEN 14
                        WHEN 'ptarget_indicator' THEN 11 ELSE 28 END)) AS added_columns
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped AND a.attnum > 0
WHERE c.relnamespace = 'old10'::regnamespace AND c.relname LIKE 'ptarget_%' AND c.relkind IN ('r', 'v')
GROUP BY c.relname ORDER BY 1;
SELECT source, format, projects, indicators FROM old10.ptarget_document ORDER BY id;
SELECT department_code, name, year, (SELECT count(*) FROM old10.ptarget_indicator i WHERE i.project_id = p.id)
FROM old10.ptarget_project p ORDER BY id;
SELECT project, target_text FROM old10.my_report WHERE target_text = '≥6个';
SELECT project, level3, actual_target_text, recorded_score FROM old10.ptarget_indicators
WHERE source_format = 'csv' ORDER BY position LIMIT 2;
-- and a later import finds them as it left them
SELECT count(*) AS loaded FROM ptarget_import(fixture('selfeval_gb18030.csv'), 'selfeval.csv', 'old10');

-- ---------------------------------------------------------------- what cannot be read
SELECT count(*) AS indicators_before FROM docs.ptarget_indicator;
SELECT * FROM ptarget_import(fixture('bad_unclosed.csv'), 'bad_unclosed.csv', 'docs');
SELECT * FROM ptarget_import(fixture('bad_budget_only.csv'), 'bad_budget_only.csv', 'docs');
SELECT * FROM ptarget_import(fixture('bad_unplaced.csv'), 'bad_unplaced.csv', 'docs');
SELECT * FROM ptarget_import(fixture('bad_bytes.csv'), 'bad_bytes.csv', 'docs');
SELECT * FROM ptarget_import(fixture('legacy.doc'), 'legacy.doc', 'docs');
SELECT * FROM ptarget_import(fixture('legacy.xls'), 'legacy.xls', 'docs');
SELECT * FROM ptarget_import(fixture('encrypted.xlsx'), 'encrypted.xlsx', 'docs');
SELECT * FROM ptarget_import(fixture('scan.pdf'), 'scan.pdf', 'docs');
SELECT * FROM ptarget_import(fixture('page.xls'), 'page.xls', 'docs');
SELECT * FROM ptarget_import(fixture('other.zip'), 'other.zip', 'docs');
SELECT * FROM ptarget_import(fixture('truncated.docx'), 'truncated.docx', 'docs');
SELECT * FROM ptarget_import(substring(fixture('merged_utf16le.txt') from 1 for 101), 'cut.txt', 'docs');
SELECT * FROM ptarget_import(''::bytea, 'empty', 'docs');
SELECT * FROM ptarget_import(NULL::bytea, 'null', 'docs');
SELECT count(*) FROM ptarget_parse_document(NULL::bytea);
DO $$
BEGIN
  PERFORM ptarget_parse_document(convert_to(repeat('x', 64 * 1024 * 1024 + 1), 'UTF8'));
EXCEPTION WHEN program_limit_exceeded THEN
  RAISE NOTICE 'SQLSTATE %: %', SQLSTATE, SQLERRM;
END $$;
SELECT count(*) AS indicators_after FROM docs.ptarget_indicator;

-- ================================================================ .docx and .xlsx
-- The readers of Word and Excel files (src/pt_read_docx.c, src/pt_read_xlsx.c),
-- fixtures made by test/data/documents/make_ooxml_fixtures.py: each layout
-- above as a .docx (paragraphs before the table, gridSpan, vMerge) and an
-- .xlsx (numbers in number formats, dates, merged ranges, formulas).
CREATE SCHEMA ooxml;
CREATE FUNCTION ooxml.row_text(d bytea, source text) RETURNS SETOF text LANGUAGE sql AS $$
  SELECT (department_code, department_name, project, position, level1, level2, level3, description, value_text,
          target, note, year, level1_weight, level2_weight, direction, unit_text, weight, actual_text, actual,
          recorded_score, deviation_reason, scoring_standard, performance_standard, other_cells)::text
  FROM ptarget_parse_document(d, source) $$;

-- every fixture: what it is and what it holds
SELECT f AS file, min(r.source_format) AS format, count(DISTINCT r.project) AS projects,
       count(r.position) AS rows, count(r.target) AS targets, count(r.actual) AS actuals,
       count(r.weight) AS weights, count(*) - count(r.position) AS skipped
FROM unnest(ARRAY['combined.docx', 'split.docx', 'template.docx', 'selfeval.docx', 'merged.docx', 'hunan.docx',
                  'nested.docx', 'combined.xlsx', 'split.xlsx', 'template.xlsx', 'selfeval.xlsx', 'merged.xlsx',
                  'hunan.xlsx', 'formats.xlsx']) AS f,
     LATERAL ptarget_parse_document(fixture(f), f) r
GROUP BY f ORDER BY min(r.source_format), f;

-- every row and every cell text as from the CSV of the same layout (all the
-- columns but where the row is): rows in one and not the other
SELECT o AS file, c AS csv,
       (SELECT count(*) FROM (SELECT * FROM ooxml.row_text(fixture(o), 'x') EXCEPT ALL
                              SELECT * FROM ooxml.row_text(fixture(c), 'x')) d) AS only_in_file,
       (SELECT count(*) FROM (SELECT * FROM ooxml.row_text(fixture(c), 'x') EXCEPT ALL
                              SELECT * FROM ooxml.row_text(fixture(o), 'x')) d) AS only_in_csv
FROM (VALUES ('combined.docx', 'combined.csv'), ('split.docx', 'split_bom.csv'), ('template.docx', 'template.tsv'),
             ('selfeval.docx', 'selfeval_gb18030.csv'), ('merged.docx', 'merged_utf16le.txt'),
             ('hunan.docx', 'hunan_utf16be.csv'), ('combined.xlsx', 'combined.csv'), ('split.xlsx', 'split_bom.csv'),
             ('template.xlsx', 'template.tsv'), ('selfeval.xlsx', 'selfeval_gb18030.csv'),
             ('merged.xlsx', 'merged_utf16le.txt'), ('hunan.xlsx', 'hunan_utf16be.csv')) p(o, c)
ORDER BY o;
-- merged.xlsx's one more row: its budget sheet, reported as no indicator table
SELECT project, note, source_part, source_row FROM ptarget_parse_document(fixture('merged.xlsx'), 'merged.xlsx')
WHERE position IS NULL;

-- where each row is: table and row (.docx, a table split by a page break
-- continues its project), sheet and Excel's row number (.xlsx)
SELECT project, position, level3, value_text, source_format, source_part, source_row
FROM ptarget_parse_document(fixture('merged.docx'), 'merged.docx');
SELECT project, position, level3, value_text, source_part, source_row
FROM ptarget_parse_document(fixture('merged.xlsx'), 'merged.xlsx') WHERE position IS NOT NULL;

-- .docx: the goals, the merged levels, the levels' weights of a 自评表
SELECT project, department_name, year, position, level1, level1_weight, level2, level3, value_text, actual_text,
       weight, recorded_score, other_cells
FROM ptarget_parse_document(fixture('selfeval.docx'), 'selfeval.docx');
SELECT project, level3, description, value_text, target
FROM ptarget_parse_document(fixture('combined.docx'), 'combined.docx');
-- a table nested in a cell: its rows on lines of the cell, its cells by TAB
SELECT project, level3, value_text FROM ptarget_parse_document(fixture('nested.docx'), 'nested.docx');

-- .xlsx: cells as Excel shows them (percent, months, dates, 1900-02-29, decimals,
-- thousands, General, booleans, errors, formulas' cached values, text formats)
SELECT position, level3, value_text, target, other_cells
FROM ptarget_parse_document(fixture('formats.xlsx'), 'formats.xlsx');
-- numbers typed into Excel: 95.88% is 0.9588, 120.00 is 120 in 0.00, dates are serials
SELECT project, position, level3, value_text, target, actual_text, actual, weight, recorded_score
FROM ptarget_parse_document(fixture('selfeval.xlsx'), 'selfeval.xlsx');
SELECT position, level3, value_text, actual_text, actual
FROM ptarget_parse_document(fixture('hunan.xlsx'), '/uploads/2024/岳阳市教育局自评表.xlsx') WHERE level3 = '培训完成时间';
-- the 1904 date system gives the same dates
SELECT (SELECT array_agg(actual_text ORDER BY position) FROM ptarget_parse_document(fixture('hunan.xlsx'), 'x'))
     = (SELECT array_agg(actual_text ORDER BY position) FROM ptarget_parse_document(fixture('hunan_utf16be.csv'), 'x'))
       AS same_actual_texts;

-- formulas without cached values: an error naming the sheet and cell; lenient,
-- the cells left empty and reported
SELECT * FROM ptarget_parse_document(fixture('nocache.xlsx'), 'nocache.xlsx');
SELECT position, level3, value_text, note, source_part, source_row
FROM ptarget_parse_document(fixture('nocache.xlsx'), 'nocache.xlsx', true);

-- import: every fixture through ptarget_import(bytea), the counts per format
SELECT f, (SELECT count(*) FROM ptarget_import(fixture(f), f, 'ooxml')) AS loaded
FROM unnest(ARRAY['combined.docx', 'split.docx', 'template.docx', 'selfeval.docx', 'merged.docx', 'hunan.docx',
                  'nested.docx', 'combined.xlsx', 'split.xlsx', 'template.xlsx', 'selfeval.xlsx', 'merged.xlsx',
                  'hunan.xlsx', 'formats.xlsx']) AS f;
SELECT format, count(*) AS documents, sum(projects) AS projects, sum(indicators) AS indicators,
       sum(quantities) AS quantities, sum(dates) AS dates, sum(labels) AS labels, sum(unparsed) AS unparsed
FROM ooxml.ptarget_document GROUP BY format ORDER BY format;
-- the same project from a .docx and then an .xlsx is one project: the later file's rows
SELECT department_name, name, year, (SELECT source FROM ooxml.ptarget_document d WHERE d.id = p.document_id),
       (SELECT count(*) FROM ooxml.ptarget_indicator i WHERE i.project_id = p.id) AS indicators
FROM ooxml.ptarget_project p ORDER BY name, department_name;
SELECT project, level3, value_text, actual_text, source_format, source_row
FROM ooxml.ptarget_indicators WHERE project = '城乡居民医疗救助' ORDER BY position;
-- imported again: nothing more
SELECT count(*) FROM ptarget_import(fixture('merged.xlsx'), 'merged.xlsx', 'ooxml');
SELECT (SELECT count(*) FROM ooxml.ptarget_project) AS projects, (SELECT count(*) FROM ooxml.ptarget_indicator) AS indicators;

-- files that cannot be read
SELECT count(*) AS indicators_before FROM ooxml.ptarget_indicator;
SELECT * FROM ptarget_import(fixture('no_tables.docx'), 'no_tables.docx', 'ooxml');
SELECT * FROM ptarget_import(fixture('entities.docx'), 'entities.docx', 'ooxml');
SELECT * FROM ptarget_import(fixture('nodocument.docx'), 'nodocument.docx', 'ooxml');
SELECT * FROM ptarget_import(fixture('truncated.xlsx'), 'truncated.xlsx', 'ooxml');
SELECT * FROM ptarget_import(fixture('nocache.xlsx'), 'nocache.xlsx', 'ooxml');
SELECT * FROM ptarget_import(substring(fixture('combined.xlsx') from 1 for 3000), 'cut.xlsx', 'ooxml');
SELECT * FROM ptarget_import(overlay(fixture('combined.docx') placing '\x00000000'::bytea from 1000), 'damaged.docx', 'ooxml');
DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['bomb.docx', 'bomb_lying.xlsx'] LOOP
    BEGIN
      PERFORM ptarget_import(fixture(f), f, 'ooxml');
    EXCEPTION WHEN program_limit_exceeded THEN
      RAISE NOTICE '%: SQLSTATE %: %', f, SQLSTATE, SQLERRM;
    END;
  END LOOP;
END $$;
SELECT count(*) AS indicators_after FROM ooxml.ptarget_indicator;
DROP SCHEMA ooxml CASCADE;

-- clean up
SET client_min_messages = warning;
DROP SCHEMA docs, old10 CASCADE;
DROP FUNCTION fixture(text);
DROP EXTENSION ptarget;
