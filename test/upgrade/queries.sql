-- The same questions, asked of the database at every stage of the upgrade
-- test; the answers must not change.  Run with psql -At.
\set ON_ERROR_STOP 1
-- every value: its text, hashes (shards are placed by them), accessors
SELECT id, t, ptarget_hash(t), ptarget_hash_extended(t, 0), ptarget_hash_extended(t, 7),
       ptarget_kind(t), ptarget_dimension(t), ptarget_lower(t), ptarget_upper(t),
       ptarget_lower_date(t), ptarget_upper_date(t), t::jsonb
FROM targets ORDER BY id;
-- the partition each row lives in
SELECT tableoid::regclass, id FROM targets_by_hash ORDER BY id;
-- indexed, then unindexed, the same answers
SET enable_seqscan = off;
SELECT 'indexed', op, q, count(*), sum(id) FROM targets, (VALUES ('≥95%'::ptarget), ('≤50万元'), ('2025年'),
  ('<5次'), ('0~100%'), ('普遍满意')) p(q), (VALUES ('@>'), ('<@'), ('&&'), ('=')) o(op)
WHERE CASE op WHEN '@>' THEN t @> q WHEN '<@' THEN t <@ q WHEN '&&' THEN t && q ELSE t = q END
GROUP BY op, q ORDER BY op, q;
SELECT 'indexed order', array_agg(id ORDER BY t, id) FROM (SELECT id, t FROM targets ORDER BY t LIMIT 50) s;
SELECT 'indexed hash', count(*) FROM targets WHERE t = '≥95%';
RESET enable_seqscan;
SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off;
SELECT 'seq', op, q, count(*), sum(id) FROM targets, (VALUES ('≥95%'::ptarget), ('≤50万元'), ('2025年'),
  ('<5次'), ('0~100%'), ('普遍满意')) p(q), (VALUES ('@>'), ('<@'), ('&&'), ('=')) o(op)
WHERE CASE op WHEN '@>' THEN t @> q WHEN '<@' THEN t <@ q WHEN '&&' THEN t && q ELSE t = q END
GROUP BY op, q ORDER BY op, q;
SELECT 'seq order', array_agg(id ORDER BY t, id) FROM (SELECT id, t FROM targets ORDER BY t LIMIT 50) s;
RESET enable_indexscan; RESET enable_bitmapscan; RESET enable_indexonlyscan;
-- imported documents, through the tables and the BI view
SELECT source, projects, indicators, quantities, dates, labels, unparsed FROM ptarget_document ORDER BY id;
SELECT p.name, i.position, i.value_text, i.target, i.note FROM ptarget_indicator i
JOIN ptarget_project p ON p.id = i.project_id ORDER BY p.title_line, i.position;
SELECT project, position, kind, operator, magnitude, unit, dimension, lower_bound, upper_bound, first_day, last_day
FROM ptarget_indicators ORDER BY department_code, project, position;
