-- psql has read the two sample documents into :doc000 and :doc001, e.g.
-- \set doc000 `cat test/data/seeds/000_e3b62ee139f4edb8.txt`
SELECT count(*) AS indicators FROM ptarget_import(:'doc000', '000_e3b62ee139f4edb8.txt');
SELECT count(*) AS indicators FROM ptarget_import(:'doc001', '001_3f8b325168c357be.txt');
SELECT source, projects, indicators, quantities, dates, labels, unparsed FROM ptarget_document ORDER BY id;
-- all cost ceilings above 100万元
SELECT project, level3, target_text FROM ptarget_indicators
WHERE dimension = 'money' AND upper_bound > 1000000 AND operator IN ('≤', '<')
ORDER BY upper_bound DESC, project LIMIT 5;
-- all satisfaction targets weaker than ≥95%
SELECT DISTINCT target FROM ptarget_indicator WHERE level2 LIKE '%满意度%' AND NOT target <@ '≥95%'
ORDER BY target;
-- all deadlines before October
SELECT project, level3, target_text, last_day FROM ptarget_indicators
WHERE kind = 'date' AND last_day < date '2025-10-01' ORDER BY last_day, project;
-- nothing is lost: a value that is not a target is kept as text, with a note
SELECT value_line, value_text, note FROM ptarget_indicator WHERE target IS NULL;
