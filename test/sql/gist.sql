-- The GiST operator class: the planner uses it for @>, <@, && and =, the
-- indexed and unindexed answers are the same rows, labels too long for an
-- index page are indexed by a bounded key,
-- and the row estimates of matchingsel are close.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;

CREATE TABLE gt(id int PRIMARY KEY, t ptarget);
INSERT INTO gt SELECT i, (CASE
    WHEN i % 50 = 7 THEN '2025年' || 1 + i % 12 || '月' || 1 + i % 28 || '日之前'
    WHEN i % 50 = 9 THEN (ARRAY['普遍满意', '明显提高', '合格'])[1 + i % 3]
    WHEN i % 6 = 5 THEN round((i % 997) / 10.0, 1) || '~' || round((i % 997) / 10.0, 1) + 5 || u
    ELSE (ARRAY['≥', '≤', '>', '<', ''])[1 + i % 6] || round((i % 997) / 10.0, 1) || u END)::ptarget
FROM generate_series(1, 20000) i,
     LATERAL (SELECT (ARRAY['%', '万元', '元', '次', '人次', '天', '小时', '元/人/月'])[1 + i % 8] AS u) units;
UPDATE gt SET t = NULL WHERE id % 500 = 11;

CREATE TABLE probe(q ptarget);
INSERT INTO probe VALUES ('≥95%'), ('≥50%'), ('<5次'), ('≤30万元'), ('5~6万元'), ('99.5%'), ('≤100天'),
  ('≥2025年6月1日'), ('2025年3月'), ('普遍满意'), ('≥90元/人/月'), ('≥0.5万元'), ('5000元');

-- answers without an index
SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off;
CREATE TABLE answer_seq AS
  SELECT q, 'contains' AS op, array_agg(id ORDER BY id) AS ids FROM probe, gt WHERE t @> q GROUP BY q
  UNION ALL SELECT q, 'contained', array_agg(id ORDER BY id) FROM probe, gt WHERE t <@ q GROUP BY q
  UNION ALL SELECT q, 'overlaps', array_agg(id ORDER BY id) FROM probe, gt WHERE t && q GROUP BY q
  UNION ALL SELECT q, 'equal', array_agg(id ORDER BY id) FROM probe, gt WHERE t = q GROUP BY q;
RESET enable_indexscan; RESET enable_bitmapscan; RESET enable_indexonlyscan;

CREATE INDEX gt_gist ON gt USING gist (t);
ANALYZE gt;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM gt WHERE t @> '≥95%';
EXPLAIN (COSTS OFF) SELECT id FROM gt WHERE t <@ '≥95%';
EXPLAIN (COSTS OFF) SELECT id FROM gt WHERE t && '5~6万元';
EXPLAIN (COSTS OFF) SELECT id FROM gt WHERE t = '≤0.3万元';
-- 1.1: no GiST index-only scan (a long label's key is lossy); a plain index scan
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT t FROM gt WHERE t <@ '≥95%';
SELECT t FROM gt WHERE t <@ '≥99.5%' ORDER BY t;
RESET enable_bitmapscan;

-- answers with the index: the same rows for every probe and operator
CREATE TABLE answer_idx AS
  SELECT q, 'contains' AS op, array_agg(id ORDER BY id) AS ids FROM probe, gt WHERE t @> q GROUP BY q
  UNION ALL SELECT q, 'contained', array_agg(id ORDER BY id) FROM probe, gt WHERE t <@ q GROUP BY q
  UNION ALL SELECT q, 'overlaps', array_agg(id ORDER BY id) FROM probe, gt WHERE t && q GROUP BY q
  UNION ALL SELECT q, 'equal', array_agg(id ORDER BY id) FROM probe, gt WHERE t = q GROUP BY q;
RESET enable_seqscan;
SELECT s.q, s.op, cardinality(s.ids) AS rows, s.ids = i.ids AS same_rows
FROM answer_seq s FULL JOIN answer_idx i USING (q, op) ORDER BY s.q, s.op;

-- one index keeps dimensions apart: a money probe never reads percent pages
SELECT count(*) AS percent_rows_matching_money FROM gt WHERE t && '≥0元' AND ptarget_dimension(t) = 'percent';

-- planner estimates within a factor of 3 (the sample is the whole table)
CREATE FUNCTION estimate(query text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
  EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
  RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::int;
END $$;
SELECT q, op, cardinality(ids) AS actual,
       estimate(format('SELECT * FROM gt WHERE t %s %L', CASE op WHEN 'contains' THEN '@>' WHEN 'contained' THEN '<@'
                       WHEN 'overlaps' THEN '&&' ELSE '=' END, q)) AS estimated
INTO TEMP est FROM answer_idx;
SELECT q, op, actual, estimated, estimated BETWEEN actual / 3.0 AND actual * 3.0 AS within_3x
FROM est WHERE op <> 'equal' ORDER BY q, op;

-- inserts and deletes keep the index right
INSERT INTO gt SELECT 100000 + i, ('≥' || 95 + i / 100.0 || '%')::ptarget FROM generate_series(1, 300) i;
DELETE FROM gt WHERE id % 7 = 0;
SET enable_seqscan = off;
SELECT count(*) AS indexed FROM gt WHERE t <@ '≥95%';
RESET enable_seqscan;
SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off;
SELECT count(*) AS unindexed FROM gt WHERE t <@ '≥95%';
RESET enable_indexscan; RESET enable_bitmapscan; RESET enable_indexonlyscan;

-- labels longer than an index page (1.0: "index row requires 9016 bytes"):
-- a sorted build and inserts both store them as bounded keys, and every
-- operator answers as without the index.  The labels are pseudo-random
-- ideographs, so compression cannot make them fit.
CREATE FUNCTION long_label(seed int, chars int) RETURNS ptarget LANGUAGE sql AS
$$ SELECT string_agg(chr(19968 + ((seed * 7919 + j * 104729) % 20902)), '')::ptarget FROM generate_series(1, chars) j $$;
CREATE TABLE long_labels(id int, t ptarget);
INSERT INTO long_labels SELECT i, ('≥' || i || '%')::ptarget FROM generate_series(1, 3000) i;
INSERT INTO long_labels SELECT 10000 + i, long_label(i, 3000 + i) FROM generate_series(1, 40) i;
-- same length and first 256 bytes, different last character: only the recheck tells them apart
INSERT INTO long_labels VALUES (20001, (long_label(1, 3000)::text || '甲')::ptarget),
                               (20002, (long_label(1, 3000)::text || '乙')::ptarget);
CREATE INDEX long_labels_gist ON long_labels USING gist (t);
INSERT INTO long_labels SELECT 30000 + i, long_label(100 + i, 4000) FROM generate_series(1, 20) i;
SELECT count(*) AS labels_larger_than_a_page FROM long_labels WHERE pg_column_size(t) > 8192;
CREATE TEMP TABLE long_probe(name text, q ptarget);
INSERT INTO long_probe VALUES ('built 7', long_label(7, 3007)), ('built 7, one more', long_label(7, 3008)),
  ('ends 乙', (long_label(1, 3000)::text || '乙')::ptarget), ('inserted 3', long_label(103, 4000)),
  ('≥2990%', '≥2990%'), ('普遍满意', '普遍满意');
CREATE TEMP TABLE long_answers(how text, probe text, op text, ids int[]);
CREATE FUNCTION answer_long(how text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO long_answers SELECT how, name, '=', array_agg(id ORDER BY id) FROM long_probe JOIN long_labels ON t = q GROUP BY name;
  INSERT INTO long_answers SELECT how, name, '@>', array_agg(id ORDER BY id) FROM long_probe JOIN long_labels ON t @> q GROUP BY name;
  INSERT INTO long_answers SELECT how, name, '<@', array_agg(id ORDER BY id) FROM long_probe JOIN long_labels ON t <@ q GROUP BY name;
  INSERT INTO long_answers SELECT how, name, '&&', array_agg(id ORDER BY id) FROM long_probe JOIN long_labels ON t && q GROUP BY name;
$$;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM long_labels WHERE t = (SELECT q FROM long_probe WHERE name = 'ends 乙');
SELECT answer_long('indexed');
RESET enable_seqscan;
DROP INDEX long_labels_gist;
SELECT answer_long('seq');
SELECT probe, op, cardinality(ids) AS rows, ids[1:3] AS first_ids FROM long_answers WHERE how = 'indexed' ORDER BY probe, op;
SELECT count(*) AS answers_differing FROM (
  (SELECT probe, op, ids FROM long_answers WHERE how = 'indexed' EXCEPT SELECT probe, op, ids FROM long_answers WHERE how = 'seq')
  UNION ALL
  (SELECT probe, op, ids FROM long_answers WHERE how = 'seq' EXCEPT SELECT probe, op, ids FROM long_answers WHERE how = 'indexed')) d;
