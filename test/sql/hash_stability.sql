-- Hash placement is a promise.  Hash partitions (and Citus shards) place a
-- row by ptarget_hash_extended(target, seed), and hash indexes and hash joins
-- use ptarget_hash: if a release computed other hashes, rows already placed
-- would sit on the wrong partition or shard (and a query for them would look
-- in the wrong place), so the hash of a value must never change.  This suite
-- pins the hashes of targets of every kind, unit family, scale word, range,
-- date form and label.
--
-- The expected values were computed by the current build and checked equal to
-- what the 1.0 release computes, without installing 1.0: the release's
-- plain-C core (git archive f989dc1 src) compiled with
-- test/scaleout/hash_core.c, which hashes the core's hash key with
-- PostgreSQL's hash_bytes_extended exactly as 1.0's glue does, printed the
-- same numbers for each of these inputs.  test/scaleout.sh repeats that
-- comparison for every distinct generated target on each run.  (PostgreSQL's
-- hash functions give other values on big-endian machines; these are the
-- little-endian ones.)
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;

CREATE TABLE hs_input (n int, v text);
INSERT INTO hs_input VALUES
    -- quantities: operators, percent, money, scale words, decimals kept
    ( 1, '≥95%'), ( 2, '>90%'), ( 3, '≤50万元'), ( 4, '<5次'), ( 5, '365天'), ( 6, '100%'),
    ( 7, '≤5500.00元'), ( 8, '≥55万'), ( 9, '≥1亿元'), (10, '≥1.5万亿元'), (11, '≥20万人次'),
    (12, '3‰'), (13, '0'), (14, '≥-5%'),
    -- ranges, approximate values
    (15, '5~10万元'), (16, '约5个'), (17, '90%~100%'), (18, '5个左右'),
    -- other unit families: duration, workday, month, energy, area, length, data, mass, volume
    (19, '≤2小时'), (20, '≤3个工作日'), (21, '≥2季度'), (22, '≥1000度'), (23, '≥5MWh'), (24, '500平米'),
    (25, '2公顷'), (26, '≤10公里'), (27, '≥1T'), (28, '≥2吨'), (29, '≥5立方米'),
    -- measure words and rates
    (30, '5台（套）'), (31, '≥3辆'), (32, '≤1000元/人/月'), (33, '≥12次/年'),
    -- dates
    (34, '2025年9月30日之前'), (35, '2025年3月底前'), (36, '2025年全年'), (37, '2025年12月'),
    (38, '2025年12月中旬'), (39, '≥2025年10月1日'), (40, '2025年1月1日~2025年3月5日'), (41, '2025.9.30'),
    -- labels
    (42, '普遍满意'), (43, '"完成2个"'), (44, '群众  满意度  明显提高');

-- where hash partitioning with four partitions puts each value
CREATE TABLE hs_parted (t ptarget) PARTITION BY HASH (t);

SELECT n, v, v::ptarget AS canonical, ptarget_hash(v::ptarget) AS hash,
       ptarget_hash_extended(v::ptarget, 0) AS hash_seed_0,
       ptarget_hash_extended(v::ptarget, 8816678312871386365) AS hash_partition_seed,
       (SELECT r FROM generate_series(0, 3) r
        WHERE satisfies_hash_partition('hs_parted'::regclass, 4, r, v::ptarget)) AS partition_of_4
FROM hs_input ORDER BY n;

-- the 32-bit hash is the low half of the seed-0 64-bit hash, as PostgreSQL requires
SELECT count(*) AS values, count(*) FILTER (WHERE ptarget_hash(t) = ptarget_hash_extended(t, 0)::bit(32)::int4)
       AS low_half
FROM (SELECT v::ptarget AS t FROM hs_input) s;

-- equal values hash equal, however written
SELECT a, b, a::ptarget = b::ptarget AS equal, ptarget_hash(a::ptarget) = ptarget_hash(b::ptarget) AS same_hash,
       ptarget_hash_extended(a::ptarget, 8816678312871386365) = ptarget_hash_extended(b::ptarget, 8816678312871386365)
       AS same_placement
FROM (VALUES ('≤0.55万元', '≤5500元'), ('100%', '100百分比'), ('1年', '12月'), ('约5个', '5个'),
             ('5个左右', '5个'), ('≤5500.00元', '≤5500元'), ('<2025年10月1日', '≤2025年9月30日'),
             ('2025-09-30', '2025年9月30日'), ('≥20万人次', '≥200000人次')) AS p(a, b);

DROP TABLE hs_parted, hs_input;
