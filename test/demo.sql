-- test/demo.sql — the main job: import the two sample documents and answer
-- analysts' questions (run by test/demo.sh on a private cluster, from the
-- repository root, with ON_ERROR_STOP: any error ends the demo non-zero).
-- ECHO all prints each input line as written, before variables are expanded:
-- the output shows :'doc000', not the 3,000 lines of the document.
\pset null '∅'
\set ECHO all
CREATE EXTENSION ptarget;

-- client-side import: psql reads each file into a variable, the server parses it
\set doc000 `cat test/data/seeds/000_e3b62ee139f4edb8.txt`
\set doc001 `cat test/data/seeds/001_3f8b325168c357be.txt`
SELECT count(*) AS indicators_loaded FROM ptarget_import(:'doc000', '000_e3b62ee139f4edb8.txt');
SELECT count(*) AS indicators_loaded FROM ptarget_import(:'doc001', '001_3f8b325168c357be.txt');
SELECT source, projects, indicators, quantities, dates, labels, unparsed FROM ptarget_document ORDER BY id;

-- which satisfaction targets are weaker than ≥95%?
SELECT DISTINCT target FROM ptarget_indicator WHERE level2 LIKE '%满意度%' AND NOT target <@ '≥95%' ORDER BY target;

-- which targets are at least as strict as ≥95%?  (every value they allow is ≥95%)
SELECT target, count(*) FROM ptarget_indicator WHERE target <@ '≥95%' GROUP BY target ORDER BY target;

-- all cost targets above 100万元
SELECT project, level3, target_text FROM ptarget_indicators
WHERE dimension = 'money' AND (upper_bound > 1000000 OR lower_bound > 1000000) ORDER BY upper_bound DESC NULLS FIRST;

-- all deadlines before October
SELECT project, level3, target_text, last_day FROM ptarget_indicators
WHERE kind = 'date' AND last_day < date '2025-10-01' ORDER BY last_day;

-- equal however written
SELECT '≤0.55万元'::ptarget = '≤5500元' AS equal, ptarget_convert('≤0.55万元', '元') AS in_yuan,
       '≥20万人次'::ptarget @> '≥250000人次' AS contains;

-- nothing lost: values that are not targets are kept as text with a note (one record each)
\x on
SELECT project, value_text, target_text, note, value_line FROM ptarget_indicators WHERE note IS NOT NULL;
