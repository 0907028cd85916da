CREATE TABLE goal(id int, target ptarget);
INSERT INTO goal SELECT i, (CASE i % 3 WHEN 0 THEN '≥' || i % 100 || '%' WHEN 1 THEN '≤' || i || '万元'
                            ELSE '<' || i % 10 + 1 || '次' END)::ptarget FROM generate_series(1, 30000) i;
CREATE INDEX ON goal USING gist (target);
ANALYZE goal;
-- which ceilings are at most 10万元?  The index keeps dimensions apart: no % or 次 page is read
EXPLAIN (COSTS OFF) SELECT id, target FROM goal WHERE target <@ '≤10万元';
SELECT id, target FROM goal WHERE target <@ '≤10万元' ORDER BY id;
