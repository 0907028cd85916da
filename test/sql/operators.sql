-- Comparison, order, containment and overlap; btree and hash operator
-- classes, hash partitioning, constraints and triggers.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;
SET datestyle = ISO;

-- spec §5 examples
SELECT '≥95%'::ptarget @> '≥98%' AS "≥95% @> ≥98%",
       '≤50万元'::ptarget @> '≤30万元' AS "≤50万元 @> ≤30万元",
       '≤0.55万元'::ptarget = '≤5500元' AS "≤0.55万元 = ≤5500元",
       '≥95%'::ptarget @> 96.5 AS "≥95% @> 96.5",
       '<5次'::ptarget @> '5次' AS "<5次 @> 5次",
       '≥95%'::ptarget @> '≥95元' AS "≥95% @> ≥95元";

-- the set relations on a grid of targets of one dimension
CREATE TABLE grid(t ptarget);
INSERT INTO grid VALUES ('≥90%'), ('>90%'), ('≥95%'), ('≤90%'), ('<90%'), ('90%'), ('90~95%'), ('95~100%');
SELECT a.t AS a, b.t AS b, a.t @> b.t AS contains, a.t <@ b.t AS contained, a.t && b.t AS overlaps,
       a.t = b.t AS eq, a.t < b.t AS lt
FROM grid a, grid b ORDER BY a.t, b.t;

-- numbers are read in the target's written unit, scale word included
SELECT t, n, t::ptarget @> n AS contains, n <@ t::ptarget AS contained
FROM (VALUES ('≥95%', 96.5), ('≥95%', 95), ('>95%', 95), ('≤50万元', 30), ('≤50万元', 50.01),
             ('<5次', 5), ('<5次', 4.999), ('5~10个', 10), ('≤0.55万元', 0.55), ('普遍满意', 1),
             ('2025年全年', 2025)) AS v(t, n);

-- the total order: kind, dimension key, then bounds as range types order them
SELECT t FROM (VALUES ('普遍满意'), ('2025年全年'), ('≥95%'), ('<95%'), ('≤95%'), ('95%'), ('>95%'),
  ('≤50万元'), ('≤5500元'), ('≥5次'), ('≥5人'), ('≥5人次'), ('≤2025年9月30日'), ('明显提高'),
  ('90~100%'), ('90~95%'), ('≥-5%'), ('5'), ('≥55万'), ('≤10工作日'), ('≤7天')) AS v(t)
ORDER BY t::ptarget, t;

-- btree: ORDER BY, DISTINCT, UNIQUE, merge joins use one consistent order
CREATE TABLE targets(id serial PRIMARY KEY, t ptarget NOT NULL);
INSERT INTO targets(t) SELECT ((CASE i % 5 WHEN 0 THEN '≥' WHEN 1 THEN '≤' WHEN 2 THEN '>' WHEN 3 THEN '<' ELSE '' END)
       || (i % 97) || (ARRAY['%', '万元', '元', '次', '人次', '天', '小时'])[1 + i % 7])::ptarget
FROM generate_series(1, 5000) i;
CREATE INDEX targets_t_btree ON targets USING btree (t);
ANALYZE targets;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM targets WHERE t = '≥10%';
SELECT count(*) FROM targets WHERE t = '≥10%';
EXPLAIN (COSTS OFF) SELECT * FROM targets WHERE t < '≥10%' AND t > '≤10%';
SELECT count(*) FROM targets WHERE t < '≥10%' AND t > '≤10%';
RESET enable_seqscan;
SELECT count(*) FROM targets WHERE t < '≥10%' AND t > '≤10%';
SELECT count(DISTINCT t) AS distinct_targets FROM targets;
-- 0.1万元 and 1000元 are one value: a unique index says so
CREATE TABLE uniq(t ptarget UNIQUE);
INSERT INTO uniq VALUES ('≤0.1万元');
INSERT INTO uniq VALUES ('≤1000元');

-- hash: equal values hash equal, hash index and hash join work
CREATE INDEX targets_t_hash ON targets USING hash (t);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM targets WHERE t = '≤0.0012万元';
SELECT count(*) FROM targets WHERE t = '≤0.0012万元';
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT count(*) FROM targets WHERE t::text = '≤12元';
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM targets a JOIN targets b ON a.t = b.t;
SELECT count(*) FROM targets a JOIN targets b ON a.t = b.t;
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT ptarget_hash_extended('≤0.55万元', 42) = ptarget_hash_extended('≤5500元', 42) AS extended_equal,
       (ptarget_hash_extended('≤0.55万元', 0) & 4294967295) = (ptarget_hash('≤0.55万元') & 4294967295::bigint) AS low_bits_match;

-- hash partitioning needs the extended hash: equal values land in one partition
CREATE TABLE part(t ptarget) PARTITION BY HASH (t);
CREATE TABLE part0 PARTITION OF part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE part1 PARTITION OF part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE part2 PARTITION OF part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO part VALUES ('≤0.55万元'), ('≤5500元'), ('≤5500.00元'), ('≥95%'), ('90%以上'), ('≥90%');
SELECT count(DISTINCT tableoid) AS partitions_used_by_5500_yuan FROM part WHERE t = '≤5500元';
SELECT count(DISTINCT tableoid) AS partitions_used_by_90_percent FROM part WHERE t = '≥90%';

-- constraints and triggers: CHECK (target @> actual)
CREATE TABLE indicator(name text, target ptarget, actual numeric,
                       CHECK (actual IS NULL OR target @> actual));
INSERT INTO indicator VALUES ('满意度', '≥95%', 97.2);
INSERT INTO indicator VALUES ('费用', '≤50万元', 49.5);
INSERT INTO indicator VALUES ('满意度', '≥95%', 94.9);
CREATE FUNCTION check_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT (NEW.target @> NEW.done) THEN
    RAISE EXCEPTION 'done on % misses target %', NEW.done, NEW.target;
  END IF;
  RETURN NEW;
END $$;
CREATE TABLE milestone(target ptarget, done date);
CREATE TRIGGER milestone_deadline BEFORE INSERT OR UPDATE ON milestone
  FOR EACH ROW EXECUTE FUNCTION check_deadline();
INSERT INTO milestone VALUES ('2025年9月30日之前', '2025-09-12');
INSERT INTO milestone VALUES ('2025年9月30日之前', '2025-10-08');
SELECT * FROM indicator;
SELECT * FROM milestone;

-- commutators and negators are declared, so the planner can flip and negate
SELECT o.oprname, o.oprleft::regtype AS left_type, o.oprright::regtype AS right_type, c.oprname AS commutator, n.oprname AS negator,
       o.oprrest AS restrict, o.oprcanhash AS hashes, o.oprcanmerge AS merges
FROM pg_operator o
LEFT JOIN pg_operator c ON c.oid = o.oprcom
LEFT JOIN pg_operator n ON n.oid = o.oprnegate
WHERE o.oprleft = 'ptarget'::regtype OR o.oprright = 'ptarget'::regtype
ORDER BY o.oprname, o.oprleft::regtype::text, o.oprright::regtype::text;
