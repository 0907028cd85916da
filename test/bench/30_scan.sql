-- 30_scan.sql — per-row costs over the whole table: input, output, sort, and
-- a sequential @> filter.  count(expr) forces the expression to be evaluated.
-- Variables: :reps (repetitions per measurement), :n (rows).

-- text input: each peer parses its own text column of bench.src
SELECT bench.note('method', format('scan baseline: SELECT count(v) FROM bench.src takes %s ms (included in every input time)',
                                   bench.time_ms('SELECT count(v) FROM bench.src', :reps)));
SELECT bench.measure('text input (parse N values)', 'ptarget',  'SELECT count(v::ptarget) FROM bench.src', :reps);
SELECT bench.measure('text input (parse N values)', 'numeric',  'SELECT count(mag::numeric) FROM bench.src', :reps);
SELECT bench.measure('text input (parse N values)', 'numrange', 'SELECT count(rng::numrange) FROM bench.src', :reps);
SELECT bench.measure('text input (parse N values)', 'seg',      'SELECT count(segt::seg) FROM bench.src', :reps);
SELECT bench.measure('text input (parse N values)', '3col',
    'SELECT count(ROW(op, mag::numeric, mag_hi::numeric, unit)) FROM bench.src', :reps);
SELECT bench.record('text input (parse N values)', 'text', NULL, NULL, 'n/a');

-- text output
SELECT bench.measure('text output (N values)', 'ptarget',  'SELECT count(t::text) FROM pt', :reps);
SELECT bench.measure('text output (N values)', 'numeric',  'SELECT count(magnitude::text) FROM col3', :reps);
SELECT bench.measure('text output (N values)', 'numrange', 'SELECT count(r::text) FROM rng', :reps);
SELECT bench.measure('text output (N values)', 'seg',      'SELECT count(s::text) FROM sg', :reps);
SELECT bench.measure('text output (N values)', '3col',
    'SELECT count(concat(op, magnitude, ''~'' || magnitude_upper, unit)) FROM col3', :reps);
SELECT bench.measure('text output (N values)', 'text',     'SELECT count(v::text) FROM txt', :reps);

-- ORDER BY: an in-memory sort of all rows (work_mem is large), nothing sent
SELECT bench.measure('ORDER BY (sort N rows)', 'ptarget',  format('SELECT t FROM pt ORDER BY t OFFSET %s', :n), :reps);
SELECT bench.measure('ORDER BY (sort N rows)', 'numeric',  format('SELECT magnitude FROM col3 ORDER BY magnitude OFFSET %s', :n), :reps);
SELECT bench.measure('ORDER BY (sort N rows)', 'numrange', format('SELECT r FROM rng ORDER BY r OFFSET %s', :n), :reps);
SELECT bench.measure('ORDER BY (sort N rows)', 'seg',      format('SELECT s FROM sg ORDER BY s OFFSET %s', :n), :reps);
SELECT bench.measure('ORDER BY (sort N rows)', '3col',
    format('SELECT unit, magnitude, op FROM col3 ORDER BY unit, magnitude, op OFFSET %s', :n), :reps);
SELECT bench.measure('ORDER BY (sort N rows)', 'text',     format('SELECT v FROM txt ORDER BY v OFFSET %s', :n), :reps);
SELECT bench.note('method', 'ORDER BY: ptarget t; numeric magnitude; numrange r; seg s; 3col (unit, magnitude, op); text v');

-- The probe: "≥P%" where P is chosen so that about 1 % of the rows contain it
-- (targets ≥x% with x ≤ P, or >x% with x < P).
CREATE TABLE bench.probe AS
SELECT p, '≥' || p || '%' AS pt,
       format('numrange(%s, NULL, ''[)'')', p) AS rng,
       format('''%s ..''::seg', p) AS seg,
       format('unit = ''%%'' AND ((op = ''≥'' AND magnitude <= %s) OR (op = ''>'' AND magnitude < %s))', p, p) AS col3
FROM (SELECT lo AS p FROM bench.src WHERE unit = '%' AND op IN ('≥', '>')
      ORDER BY lo OFFSET (:n / 100) - 1 LIMIT 1) s;

CREATE TABLE bench.query AS
SELECT 'ptarget' AS peer, format('SELECT count(*) FROM pt WHERE t @> %L::ptarget', pt) AS q FROM bench.probe
UNION ALL SELECT 'numrange', format('SELECT count(*) FROM rng WHERE r @> %s AND unit = ''%%''', rng) FROM bench.probe
UNION ALL SELECT 'seg', format('SELECT count(*) FROM sg WHERE s @> %s AND unit = ''%%''', seg) FROM bench.probe
UNION ALL SELECT '3col', format('SELECT count(*) FROM col3 WHERE %s', col3) FROM bench.probe;

SELECT bench.note('probe', format('%s: %s rows match (%s %%); %s',
                                  q.peer, bench.count(q.q), round(100.0 * bench.count(q.q) / :n, 2), q.q))
FROM bench.query q ORDER BY q.peer = 'ptarget' DESC, q.peer;

SET enable_indexscan = off;
SET enable_bitmapscan = off;
SELECT bench.measure('seq scan @> filter (~1 % match)', q.peer, q.q, :reps) FROM bench.query q;
SELECT bench.record('seq scan @> filter (~1 % match)', 'text', NULL, NULL, 'n/a');
RESET enable_indexscan;
RESET enable_bitmapscan;
