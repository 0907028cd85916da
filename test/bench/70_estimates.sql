-- 70_estimates.sql — the planner's row estimate against the actual rows for
-- ptarget's @>, <@ and && (and @> numeric), on a seq scan after ANALYZE.

ANALYZE pt;
SET enable_indexscan = off;
SET enable_bitmapscan = off;

CREATE FUNCTION bench.estimate(pred text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE j json;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM pt WHERE ' || pred INTO j;
    INSERT INTO bench.estimate (predicate, est, actual)
    VALUES (pred, (j -> 0 -> 'Plan' ->> 'Plan Rows')::numeric, (j -> 0 -> 'Plan' ->> 'Actual Rows')::numeric);
END $$;

SELECT bench.estimate(format('t @> %L', pt)) FROM bench.probe;
SELECT bench.estimate(p) FROM unnest(ARRAY[
    't @> ''≥95%''',
    't @> ''≤10万元''',
    't @> 96.5',
    't <@ ''≥0元''',
    't <@ ''2025年''',
    't <@ ''0~100%''',
    't && ''50~60%''',
    't && ''≤10万元''',
    't && ''2025年3月''']) p;

RESET enable_indexscan;
RESET enable_bitmapscan;
