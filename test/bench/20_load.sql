-- 20_load.sql — the same information in each peer, then a check that it is.
--   pt      t ptarget                                  (one value)
--   rng     r numrange (bounds in the base unit), unit text
--   sg      s seg (same bounds as float4, closed only), unit text
--   col3    op text, magnitude numeric (base unit), magnitude_upper numeric (a~b only), unit text
--   txt     v text                                     (the target as written)
-- Dates are day numbers since 2000-01-01 with unit 'date' in the numeric peers;
-- a label is kept as unit text (no range) in them.

CREATE TABLE pt   (t ptarget);
CREATE TABLE rng  (r numrange, unit text);
CREATE TABLE sg   (s seg, unit text);
CREATE TABLE col3 (op text, magnitude numeric, magnitude_upper numeric, unit text);
CREATE TABLE txt  (v text);

INSERT INTO pt   SELECT v::ptarget FROM bench.src ORDER BY id;
INSERT INTO rng  SELECT rng::numrange, unit FROM bench.src ORDER BY id;
INSERT INTO sg   SELECT segt::seg, unit FROM bench.src ORDER BY id;
INSERT INTO col3 SELECT op, coalesce(lo, hi), CASE WHEN op = '~' THEN hi END, unit FROM bench.src ORDER BY id;
INSERT INTO txt  SELECT v FROM bench.src ORDER BY id;

VACUUM ANALYZE pt, rng, sg, col3, txt;

-- Check: ptarget's own bounds and dimensions agree with what the peers got.
CREATE TEMP TABLE chk AS
SELECT s.id, s.kind, s.unit, s.rng, t,
       CASE ptarget_kind(t)
           WHEN 'quantity' THEN numrange(t)::text
           WHEN 'date' THEN numrange(ptarget_lower_date(t) - date '2000-01-01',
                                     ptarget_upper_date(t) - date '2000-01-01', '[]')::text
       END AS pt_rng,
       ptarget_kind(t) AS pt_kind,
       CASE ptarget_kind(t) WHEN 'quantity' THEN ptarget_dimension(t) ELSE ptarget_kind(t) END AS dim
FROM bench.src s, LATERAL (SELECT s.v::ptarget AS t) x;

DO $$
DECLARE bad bigint; ex text; units bigint; pairs bigint;
BEGIN
    SELECT count(*), min(format('%s: ptarget %s %s, peers %s %s', t, pt_kind, pt_rng, kind, rng))
      INTO bad, ex
      FROM chk WHERE pt_kind <> kind OR (kind <> 'label' AND pt_rng::numrange <> rng::numrange);
    IF bad > 0 THEN
        RAISE EXCEPTION 'peer data differ from ptarget on % rows, e.g. %', bad, ex;
    END IF;
    SELECT count(DISTINCT unit), count(DISTINCT (unit, dim)) INTO units, pairs FROM chk WHERE kind <> 'label';
    IF units <> pairs THEN
        RAISE EXCEPTION 'peer unit column does not map 1:1 to ptarget dimensions (% units, % pairs)', units, pairs;
    END IF;
    PERFORM bench.note('data', format('checked: every row''s kind and bounds in the base unit agree with ptarget '
        '(numrange(t), date bounds); the %s peer unit values map 1:1 to ptarget dimensions', units));
END $$;
