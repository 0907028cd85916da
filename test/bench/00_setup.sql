-- 00_setup.sql — extensions and the measuring helpers (schema bench).
--
-- Every timing is taken inside the server with clock_timestamp() around an
-- EXECUTE, so no result is sent to the client and the work measured is the
-- same for every peer.  One warm-up run precedes the measured repetitions;
-- the median is recorded.

CREATE EXTENSION IF NOT EXISTS ptarget;
CREATE EXTENSION IF NOT EXISTS seg;
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE SCHEMA bench;

-- one measured cell of the report: operation × peer
CREATE TABLE bench.result (
    ord       serial,
    operation text NOT NULL,
    peer      text NOT NULL,      -- ptarget numeric numrange seg 3col text
    val       numeric,            -- NULL when the cell is text only
    unit      text,               -- ms, B/row, ...
    txt       text,               -- shown instead of val (n/a, skipped, ...)
    UNIQUE (operation, peer)
);

-- free-form lines printed under the table (probes, plans, checks)
CREATE TABLE bench.note (ord serial, section text NOT NULL, line text NOT NULL);

-- planner estimate vs actual rows
CREATE TABLE bench.estimate (ord serial, predicate text, est numeric, actual numeric);

CREATE FUNCTION bench.record(p_operation text, p_peer text, p_val numeric, p_unit text, p_txt text DEFAULT NULL)
RETURNS numeric LANGUAGE sql AS $$
    INSERT INTO bench.result (operation, peer, val, unit, txt)
    VALUES (p_operation, p_peer, p_val, p_unit, p_txt)
    ON CONFLICT (operation, peer) DO UPDATE SET val = EXCLUDED.val, unit = EXCLUDED.unit, txt = EXCLUDED.txt
    RETURNING val;
$$;

CREATE FUNCTION bench.note(p_section text, p_line text) RETURNS void LANGUAGE sql AS $$
    INSERT INTO bench.note (section, line) VALUES (p_section, p_line);
$$;

-- uniform pseudo-random number in [0,1) from row number i and stream k:
-- deterministic (no random()), independent streams per k
CREATE FUNCTION bench.u(i bigint, k int) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (hashint8extended(i, k) & 4503599627370495)::float8 / 4503599627370496.0;

CREATE FUNCTION bench.median(float8[]) RETURNS numeric LANGUAGE sql IMMUTABLE
RETURN (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x)::numeric, 3) FROM unnest($1) x);

-- median wall time in ms of `reps` executions of q (after one warm-up run)
CREATE FUNCTION bench.time_ms(q text, reps int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    ms float8[] := '{}';
BEGIN
    EXECUTE q;
    FOR k IN 1 .. reps LOOP
        t0 := clock_timestamp();
        EXECUTE q;
        ms := ms || extract(epoch FROM clock_timestamp() - t0)::float8 * 1000;
    END LOOP;
    RETURN bench.median(ms);
END $$;

-- time q and record it as one cell (ms)
CREATE FUNCTION bench.measure(p_operation text, p_peer text, q text, reps int) RETURNS numeric
LANGUAGE sql RETURN bench.record(p_operation, p_peer, bench.time_ms(q, reps), 'ms');

-- the plan of q as one line: its scan nodes (with index names), costs off
CREATE FUNCTION bench.plan(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    l text;
    nodes text[] := '{}';
BEGIN
    FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        IF l ~ '^\s*(->\s*)?([A-Za-z ]*Scan|BitmapOr|BitmapAnd|Sort|Gather)\M' THEN
            nodes := nodes || regexp_replace(l, '^\s*(->\s*)?', '');
        END IF;
    END LOOP;
    RETURN array_to_string(nodes, ' → ');
END $$;

-- the count q returns (q is a SELECT count(*) ...)
CREATE FUNCTION bench.count(q text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    EXECUTE q INTO n;
    RETURN n;
END $$;

-- Build an index `reps` times (dropping it in between), record the median build
-- time and the size of the last build; keep it.  Returns the index size.
CREATE FUNCTION bench.build_index(p_build_op text, p_size_op text, p_peer text,
                                  p_create text, p_index text, p_rows bigint, reps int)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    ms float8[] := '{}';
    sz bigint;
BEGIN
    FOR k IN 1 .. reps LOOP
        IF k > 1 THEN
            EXECUTE format('DROP INDEX %I', p_index);
        END IF;
        t0 := clock_timestamp();
        EXECUTE p_create;
        ms := ms || extract(epoch FROM clock_timestamp() - t0)::float8 * 1000;
    END LOOP;
    sz := pg_relation_size(p_index::regclass);
    PERFORM bench.record(p_build_op, p_peer, bench.median(ms), 'ms');
    PERFORM bench.record(p_size_op, p_peer, round(sz::numeric / p_rows, 1), 'B/row');
    RETURN sz;
END $$;

-- time an indexed query (the planner's choice, reported) and note its plan and count
CREATE FUNCTION bench.index_query(p_operation text, p_peer text, q text, reps int) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE ms numeric;
BEGIN
    ms := bench.measure(p_operation, p_peer, q, reps);
    PERFORM bench.note('plans', format('%s, %s: %s rows, %s ms; plan: %s',
                                       p_operation, p_peer, bench.count(q), ms, bench.plan(q)));
    RETURN ms;
END $$;

-- copy one cell to another operation (a peer whose one index serves both rows)
CREATE FUNCTION bench.copy_cell(p_from text, p_to text, p_peer text) RETURNS void LANGUAGE sql AS $$
    SELECT bench.record(p_to, p_peer, val, unit, txt) FROM bench.result WHERE operation = p_from AND peer = p_peer;
$$;

-- median ms of running the statements `reps` times, each time in a
-- subtransaction that is rolled back afterwards (not timed), so every
-- repetition starts from the same state; one warm-up run first
CREATE FUNCTION bench.time_rollback(stmts text[], reps int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    el float8;
    ms float8[] := '{}';
    s text;
BEGIN
    FOR k IN 0 .. reps LOOP
        BEGIN
            t0 := clock_timestamp();
            FOREACH s IN ARRAY stmts LOOP
                EXECUTE s;
            END LOOP;
            el := extract(epoch FROM clock_timestamp() - t0)::float8 * 1000;
            RAISE SQLSTATE 'BNCH0';
        EXCEPTION WHEN SQLSTATE 'BNCH0' THEN
            IF k > 0 THEN
                ms := ms || el;
            END IF;
        END;
    END LOOP;
    RETURN bench.median(ms);
END $$;
