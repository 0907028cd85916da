-- Scale-out (1.1): the forms postgres_fdw can send to other servers — the
-- same-dimension operator ~=, ptarget_has_dimension and ptarget_has_kind
-- (rewritten by the planner into operators between targets), IN lists (the
-- array type is an extension member) — and min/max with a combine function.
-- test/scaleout.sh runs them across real servers; this suite pins their
-- meaning on one.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;

CREATE TABLE so_t (id int, t ptarget);
INSERT INTO so_t VALUES
    (1, '≥95%'), (2, '>90%'), (3, '100百分比'), (4, '3‰'), (5, '≤50万元'), (6, '≤5500元'), (7, '5~10万元'),
    (8, '<5次'), (9, '≥12次/年'), (10, '≥20万人次'), (11, '约5个'), (12, '5台（套）'), (13, '365天'),
    (14, '≤2小时'), (15, '≤3个工作日'), (16, '1年'), (17, '≥1000度'), (18, '500平米'), (19, '≤1000元/人/月'),
    (20, '1000元/人'), (21, '≥55万'), (22, '0'), (23, '2025年9月30日之前'), (24, '2025年12月'),
    (25, '≥2025年10月1日'), (26, '普遍满意'), (27, '"完成2个"'), (28, NULL);

-- ~= is "same kind and dimension"; any target of the dimension is a probe
SELECT a, b, a::ptarget ~= b::ptarget AS same_dimension
FROM (VALUES ('≤50万元', '0元'), ('≤50万元', '0%'), ('≥95%', '100百分比'), ('1年', '≤3季度'),
             ('365天', '1年'), ('<5次', '5个'), ('≤1000元/人/月', '0元/人/月'), ('≤1000元/人/月', '0元'),
             ('2025年', '≤2025年9月30日'), ('普遍满意', 'label'), ('普遍满意', '2025年'), ('≥55万', '0')) AS p(a, b);

-- on every pair, ~= agrees with comparing ptarget_kind and ptarget_dimension
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE (x.t ~= y.t) = (ptarget_kind(x.t) = ptarget_kind(y.t)
                                              AND ptarget_dimension(x.t) = ptarget_dimension(y.t))) AS agree
FROM so_t x, so_t y WHERE x.t IS NOT NULL AND y.t IS NOT NULL;

-- ptarget_has_dimension / ptarget_has_kind answer what the text accessors
-- answer, for every value and name: with the name from a column (the C
-- function runs) ...
CREATE TABLE so_name (name text);
INSERT INTO so_name SELECT DISTINCT ptarget_dimension(t) FROM so_t WHERE t IS NOT NULL;
INSERT INTO so_name VALUES ('count:个'), ('nonsense'), ('count:'), ('money/'), ('');
SELECT count(*) AS checks,
       count(*) FILTER (WHERE ptarget_has_dimension(t, name) = (ptarget_dimension(t) = name)) AS agree
FROM so_t, so_name WHERE t IS NOT NULL;
SELECT k, count(*) FILTER (WHERE ptarget_has_kind(t, k)) AS has_kind, count(*) FILTER (WHERE ptarget_kind(t) = k) AS kind
FROM so_t, (VALUES ('quantity'), ('date'), ('label')) v(k) GROUP BY k ORDER BY k;

-- ... and with a constant name, which the planner rewrites into an operator
-- between targets (postgres_fdw sends it; nothing collatable in it)
EXPLAIN (COSTS OFF) SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'money');
EXPLAIN (COSTS OFF) SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'count:人次');
EXPLAIN (COSTS OFF) SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'money/人/月');
EXPLAIN (COSTS OFF) SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'none');
EXPLAIN (COSTS OFF) SELECT id FROM so_t WHERE ptarget_has_kind(t, 'quantity');
EXPLAIN (COSTS OFF) SELECT id FROM so_t WHERE ptarget_has_kind(t, 'date');
EXPLAIN (COSTS OFF) SELECT id FROM so_t WHERE ptarget_has_kind(t, 'label');
-- a name no target has is left to the function (it answers false)
EXPLAIN (COSTS OFF) SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'nonsense');
-- the rewritten forms give the rows the accessors give
SELECT name,
       array(SELECT id FROM so_t WHERE ptarget_dimension(t) = name ORDER BY id) AS by_accessor,
       CASE name
           WHEN 'money' THEN array(SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'money') ORDER BY id)
           WHEN 'percent' THEN array(SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'percent') ORDER BY id)
           WHEN 'count:人次' THEN array(SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'count:人次') ORDER BY id)
           WHEN 'money/人/月' THEN array(SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'money/人/月') ORDER BY id)
           WHEN 'none' THEN array(SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'none') ORDER BY id)
           WHEN 'month' THEN array(SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'month') ORDER BY id)
           WHEN 'date' THEN array(SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'date') ORDER BY id)
           WHEN 'label' THEN array(SELECT id FROM so_t WHERE ptarget_has_dimension(t, 'label') ORDER BY id)
       END AS rewritten
FROM (VALUES ('money'), ('percent'), ('count:人次'), ('money/人/月'), ('none'), ('month'), ('date'), ('label')) v(name);
SELECT k, array(SELECT id FROM so_t WHERE ptarget_kind(t) = k ORDER BY id) AS by_accessor,
       CASE k WHEN 'quantity' THEN array(SELECT id FROM so_t WHERE ptarget_has_kind(t, 'quantity') ORDER BY id)
              WHEN 'date' THEN array(SELECT id FROM so_t WHERE ptarget_has_kind(t, 'date') ORDER BY id)
              WHEN 'label' THEN array(SELECT id FROM so_t WHERE ptarget_has_kind(t, 'label') ORDER BY id) END AS rewritten
FROM (VALUES ('quantity'), ('date'), ('label')) v(k);
-- NULL in, NULL out; an unknown kind is an error, not a silent false
SELECT ptarget_has_dimension(NULL, 'money') AS a, ptarget_has_dimension('≥95%', NULL) AS b,
       NULL::ptarget ~= '0元' AS c, ptarget_has_kind(NULL, 'date') AS d;
SELECT ptarget_has_kind('≥95%', 'quantities');

-- IN lists: postgres_fdw sends only types of a listed extension, and the
-- array type ptarget[] is one (added to the extension in 1.1)
SELECT t AS type, EXISTS (SELECT FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                          WHERE e.extname = 'ptarget' AND d.deptype = 'e' AND d.classid = 'pg_type'::regclass
                            AND d.objid = t) AS extension_member
FROM (VALUES ('ptarget'::regtype), ('ptarget[]'::regtype)) v(t);
SELECT id, t FROM so_t WHERE t IN ('≥95%', '≤0.55万元', '12月') ORDER BY id;

-- min and max follow ORDER BY target (kind, dimension, bounds); NULLs are skipped
SELECT min(t), max(t), (SELECT t FROM so_t WHERE t IS NOT NULL ORDER BY t LIMIT 1) AS first_by_order,
       (SELECT t FROM so_t WHERE t IS NOT NULL ORDER BY t DESC LIMIT 1) AS last_by_order
FROM so_t;
SELECT ptarget_dimension(t) AS dimension, count(*), min(t), max(t) FROM so_t GROUP BY 1 ORDER BY 1;
SELECT min(t) AS none, max(t) AS none_either FROM so_t WHERE false;
-- the aggregates: transition and combine function, sort operator (index
-- scans answer them), parallel safe
SELECT p.oid::regprocedure AS aggregate, a.aggtransfn, a.aggcombinefn, a.aggsortop::regoperator AS sortop,
       p.proparallel AS parallel
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.proname IN ('min', 'max') AND p.proargtypes[0] = 'ptarget'::regtype ORDER BY 1::text;
CREATE INDEX ON so_t (t);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT min(t) FROM so_t;
SELECT min(t), max(t) FROM so_t;
RESET enable_seqscan;
-- partial aggregation: workers aggregate parts, the leader combines them
CREATE TABLE so_many AS SELECT g AS id, (ARRAY['≥95%', '≤50万元', '<5次', '2025年', '普遍满意', '365天'])[1 + g % 6]::ptarget AS t
FROM generate_series(1, 3000) g;
ANALYZE so_many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT count(*), min(t), max(t) FROM so_many;
SELECT count(*), min(t), max(t) FROM so_many;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

DROP TABLE so_t, so_name, so_many;
