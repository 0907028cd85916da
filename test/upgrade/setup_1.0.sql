-- Run with ptarget 1.0 installed: what a 1.0 user has in the database.
-- Tables with ptarget columns, btree / hash / GiST indexes, a CHECK
-- constraint, hash partitions, and both seed documents imported by 1.0.
\set ON_ERROR_STOP 1
CREATE EXTENSION ptarget;
SELECT extversion FROM pg_extension WHERE extname = 'ptarget';

CREATE TABLE targets(id int PRIMARY KEY, t ptarget NOT NULL, actual numeric,
                     CHECK (actual IS NULL OR t @> actual OR ptarget_kind(t) <> 'quantity'));
-- every seed value cell that is a target, plus generated quantities and dates
INSERT INTO targets(id, t)
SELECT row_number() OVER (ORDER BY v), v::ptarget FROM (
  SELECT DISTINCT value_text AS v FROM ptarget_parse_document(:'doc000')
  WHERE target IS NOT NULL
  UNION SELECT DISTINCT value_text FROM ptarget_parse_document(:'doc001') WHERE target IS NOT NULL) s;
INSERT INTO targets(id, t)
SELECT 1000 + i, (CASE i % 6 WHEN 0 THEN '≥' || (i % 100) || '%' WHEN 1 THEN '≤' || i || '万元'
                  WHEN 2 THEN '<' || (i % 9 + 1) || '次' WHEN 3 THEN (i % 50) || '~' || (i % 50 + 7) || '个'
                  WHEN 4 THEN '2025年' || (i % 12 + 1) || '月' || (i % 28 + 1) || '日之前'
                  ELSE '约' || (i / 7.0)::numeric(10,2) || '天' END)::ptarget
FROM generate_series(1, 3000) i;
UPDATE targets SET actual = 96.5 WHERE t = '≥95%';
CREATE INDEX targets_btree ON targets (t);
CREATE INDEX targets_hash ON targets USING hash (t);
CREATE INDEX targets_gist ON targets USING gist (t);

-- a table with a GiST index only (long labels are inserted after the update)
CREATE TABLE gist_only(id int, t ptarget);
INSERT INTO gist_only SELECT id, t FROM targets;
CREATE INDEX gist_only_gist ON gist_only USING gist (t);

-- hash partitions: rows are placed by ptarget's extended hash
CREATE TABLE targets_by_hash(id int, t ptarget) PARTITION BY HASH (t);
CREATE TABLE targets_by_hash_0 PARTITION OF targets_by_hash FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE targets_by_hash_1 PARTITION OF targets_by_hash FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE targets_by_hash_2 PARTITION OF targets_by_hash FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO targets_by_hash SELECT id, t FROM targets;

-- documents imported by 1.0 (1.0 creates the import tables)
SELECT count(*) AS loaded FROM ptarget_import(:'doc000', '000_e3b62ee139f4edb8.txt');
SELECT count(*) AS loaded FROM ptarget_import(:'doc001', '001_3f8b325168c357be.txt');
ANALYZE;
