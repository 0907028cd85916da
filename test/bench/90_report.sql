-- 90_report.sql — the results as markdown: one table operation × peer with
-- the ratio to ptarget in each cell, the planner estimates, then the notes.

CREATE FUNCTION bench.fmt(v numeric, unit text) RETURNS text LANGUAGE sql IMMUTABLE
RETURN CASE WHEN v IS NULL THEN NULL
            WHEN unit = 'ms' AND v >= 100 THEN round(v)::text
            WHEN unit = 'ms' AND v >= 10 THEN round(v, 1)::text
            WHEN unit = 'ms' THEN round(v, 2)::text
            ELSE round(v, 1)::text END || ' ' || unit;

CREATE FUNCTION bench.ratio(v numeric, base numeric) RETURNS text LANGUAGE sql IMMUTABLE
RETURN CASE WHEN v IS NULL OR base IS NULL OR base = 0 THEN ''
            WHEN v / base >= 10 THEN ' (×' || round(v / base) || ')'
            ELSE ' (×' || round(v / base, 2) || ')' END;

\pset format unaligned
\pset tuples_only on
\pset footer off

WITH peers (pos, peer, title) AS (VALUES
    (1, 'ptarget', 'ptarget'), (2, 'numeric', 'numeric'), (3, 'numrange', 'numrange + unit'),
    (4, 'seg', 'seg + unit'), (5, '3col', '3 columns'), (6, 'text', 'text')),
ops AS (
    SELECT operation,
           row_number() OVER (ORDER BY coalesce(array_position(ARRAY[
               'text input (parse N values)', 'text output (N values)', 'ORDER BY (sort N rows)',
               'seq scan @> filter (~1 % match)',
               'btree build', 'btree size',
               'GiST build, on the value', 'GiST size, on the value', 'indexed @> (~1 %), GiST on the value',
               'GiST build, on (unit, value); 3col: btree', 'GiST size, on (unit, value); 3col: btree',
               'indexed @> (~1 %), GiST on (unit, value); 3col: btree',
               'table size', 'value size (avg pg_column_size)',
               'import document vs COPY CSV into text table', 'COPY CSV into table with ptarget column',
               'parse document only (no writes)'], operation), 1000), min(ord)) AS pos
    FROM bench.result GROUP BY operation),
cells AS (
    SELECT o.pos, o.operation, p.pos AS ppos,
           coalesce(r.txt, bench.fmt(r.val, r.unit) || CASE WHEN p.peer = 'ptarget' THEN '' ELSE bench.ratio(r.val, b.val) END, '—') AS cell
    FROM ops o CROSS JOIN peers p
    LEFT JOIN bench.result r ON r.operation = o.operation AND r.peer = p.peer
    LEFT JOIN bench.result b ON b.operation = o.operation AND b.peer = 'ptarget')
SELECT line FROM (
    SELECT 0 AS pos, '| operation | ' || string_agg(title, ' | ' ORDER BY pos) || ' |' AS line FROM peers
    UNION ALL
    SELECT 1, '|---|' || string_agg('---:|', '') FROM peers
    UNION ALL
    SELECT pos + 1, '| ' || operation || ' | ' || string_agg(cell, ' | ' ORDER BY ppos) || ' |'
    FROM cells GROUP BY pos, operation
) t ORDER BY pos;

SELECT '';
SELECT '(×r) = peer ÷ ptarget: below 1 the peer is faster or smaller.  ms = median wall time in the server.';
-- the speed targets of issue 12, each against the peer it names
SELECT '';
SELECT '| target (issue 12) | ptarget | peer | result |';
SELECT '|---|---:|---:|---|';
WITH t (ord, what, operation, peers, aim) AS (VALUES
    (1, 'text input no slower than numrange (aim: numeric)', 'text input (parse N values)', ARRAY['numrange'], 'numeric'),
    (2, 'text output no slower than numrange (aim: numeric)', 'text output (N values)', ARRAY['numrange'], 'numeric'),
    (3, 'sequential @> no slower than seg + unit', 'seq scan @> filter (~1 % match)', ARRAY['seg'], NULL),
    (4, 'ORDER BY ahead of numrange, seg, 3 columns', 'ORDER BY (sort N rows)', ARRAY['numrange', 'seg', '3col'], 'numeric'),
    (5, 'btree build ahead of numrange, 3 columns', 'btree build', ARRAY['numrange', '3col'], NULL),
    (6, 'GiST build ahead of numrange, seg (GiST on the value)', 'GiST build, on the value', ARRAY['numrange', 'seg'], NULL),
    (7, 'indexed @> ahead of every peer', 'indexed @> (~1 %), GiST on (unit, value); 3col: btree', ARRAY['numrange', 'seg', '3col'], NULL),
    (8, 'indexed @> ahead of every peer (GiST on the value)', 'indexed @> (~1 %), GiST on the value', ARRAY['numrange', 'seg'], NULL))
SELECT format('| %s | %s | %s | %s |', t.what, bench.fmt(p.val, p.unit),
              string_agg(r.peer || ' ' || bench.fmt(r.val, r.unit), ', ' ORDER BY r.peer)
                  || coalesce(' (aim ' || t.aim || ' ' || bench.fmt(a.val, a.unit) || ')', ''),
              CASE WHEN bool_and(p.val <= r.val) THEN '**met**' ELSE '**missed**' END
                  || format(' (ptarget ÷ fastest named peer: %s)', round(max(p.val / nullif(r.val, 0)), 2)))
FROM t
JOIN bench.result p ON p.operation = t.operation AND p.peer = 'ptarget'
JOIN bench.result r ON r.operation = t.operation AND r.peer = ANY (t.peers) AND r.val IS NOT NULL
LEFT JOIN bench.result a ON a.operation = t.operation AND a.peer = t.aim
GROUP BY t.ord, t.what, t.aim, p.val, p.unit, a.val, a.unit
ORDER BY t.ord;

SELECT '';
SELECT '| planner estimate (ptarget, seq scan) | estimated rows | actual rows | ratio | within 3× |';
SELECT '|---|---:|---:|---:|:---:|';
SELECT format('| `%s` | %s | %s | %s | %s |', predicate, est, actual, round(r, 1), CASE WHEN r <= 3 THEN 'yes' ELSE 'no' END)
FROM (SELECT *, greatest(est, 1) / greatest(actual, 1) AS q FROM bench.estimate) e,
     LATERAL (SELECT greatest(q, 1 / q) AS r) x
ORDER BY ord;

SELECT '';
SELECT line FROM (
    SELECT section, min(ord) OVER (PARTITION BY section) AS s, ord,
           '- ' || section || ': ' || line AS line FROM bench.note) n
ORDER BY s, ord;
