-- test/demo.sql — example queries on the real targets of test/data/seeds/.
\pset null '∅'
\set ECHO queries
CREATE EXTENSION ptarget;

-- every 指标值 cell of the two sample documents, kept as text and as ptarget
CREATE TABLE cell(file text, project_index int, project text, position int,
                  level1 text, level2 text, level3 text, line int, value text);
\set ECHO none
\set cells_file :root '/test/data/seed_cells.tsv'
\set cells `cat :cells_file`
INSERT INTO cell SELECT f[1], f[2]::int, f[3], f[4]::int, f[5], f[6], f[7], f[8]::int, f[9]
FROM (SELECT string_to_array(l, E'\t') AS f
      FROM unnest(string_to_array(:'cells', E'\n')) WITH ORDINALITY AS x(l, n) WHERE n > 1 AND l <> '') s;
CREATE FUNCTION try_ptarget(v text) RETURNS ptarget LANGUAGE plpgsql AS $$
BEGIN RETURN v::ptarget; EXCEPTION WHEN invalid_text_representation OR datetime_field_overflow THEN RETURN NULL; END $$;
CREATE TABLE indicator AS SELECT *, try_ptarget(value) AS target FROM cell;
\set ECHO queries

-- what the documents hold
SELECT ptarget_kind(target) AS kind, count(*) FROM indicator GROUP BY 1 ORDER BY 2 DESC;

-- which satisfaction targets are at least as strict as ≥95%?
SELECT DISTINCT target FROM indicator WHERE level2 LIKE '%满意度%' AND target <@ '≥95%' ORDER BY target;

-- which cost targets allow more than 100万元?
SELECT project, level3, target FROM indicator
WHERE target && '>100万元' ORDER BY target DESC LIMIT 8;

-- deadlines before October 2025
SELECT project, level3, target FROM indicator
WHERE ptarget_kind(target) = 'date' AND ptarget_upper_date(target) < date '2025-10-01';

-- equal however written: one row per distinct value
SELECT '≤0.55万元'::ptarget = '≤5500元' AS equal, ptarget_convert('≤0.55万元', '元') AS in_yuan;

-- plain columns for a BI tool
SELECT value, ptarget_kind(target) AS kind, ptarget_operator(target) AS op, ptarget_magnitude(target) AS magnitude,
       ptarget_unit(target) AS unit, ptarget_dimension(target) AS dimension,
       ptarget_lower(target) AS lower, ptarget_upper(target) AS upper
FROM indicator WHERE line IN (34, 40, 124, 684, 2017) AND file LIKE '000%';

-- the cell the parser refuses, kept as text
SELECT file, line, value FROM indicator WHERE target IS NULL;
