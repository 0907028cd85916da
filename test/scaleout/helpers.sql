-- test/scaleout/helpers.sql — measuring helpers on the coordinator (schema so).
-- Each takes settings as 'name=value,…', applied for the transaction only.

CREATE SCHEMA so;

CREATE FUNCTION so.set(settings text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    s text;
BEGIN
    FOREACH s IN ARRAY coalesce(string_to_array(nullif(settings, ''), ','), '{}') LOOP
        PERFORM set_config(split_part(s, '=', 1), split_part(s, '=', 2), true);
    END LOOP;
END $$;

-- median wall time in ms of `reps` runs of query q (after one warm-up run),
-- measured in the server: every row is produced, none is sent to the client
CREATE FUNCTION so.time_ms(q text, reps int, settings text DEFAULT '') RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    ms float8[] := '{}';
BEGIN
    PERFORM so.set(settings);
    EXECUTE q;
    FOR k IN 1 .. reps LOOP
        t0 := clock_timestamp();
        EXECUTE q;
        ms := ms || (extract(epoch FROM clock_timestamp() - t0) * 1000)::float8;
    END LOOP;
    RETURN (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x)::numeric, 1) FROM unnest(ms) x);
END $$;

-- the rows of query q, in a stable order, as their count and one md5 of their text
CREATE FUNCTION so.digest(q text, settings text DEFAULT '') RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r text;
BEGIN
    PERFORM so.set(settings);
    EXECUTE format('SELECT count(*) || '' rows, md5 '' || coalesce(md5(string_agg(x::text, E''\n'' ORDER BY x::text)), ''-'')'
                   ' FROM (%s) x', q) INTO r;
    RETURN r;
END $$;

-- rows in one result and not in the other, compared by the types' equality
-- (min, max and LIMIT may return either of two equal targets written
-- differently, such as 100% and 100百分比)
CREATE FUNCTION so.differences(a text, b text, settings text DEFAULT '') RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    PERFORM so.set(settings);
    EXECUTE format('SELECT count(*) FROM ((SELECT * FROM (%s) x EXCEPT ALL SELECT * FROM (%s) y)'
                   ' UNION ALL (SELECT * FROM (%s) x EXCEPT ALL SELECT * FROM (%s) y)) d', a, b, b, a) INTO n;
    RETURN n;
END $$;

-- EXPLAIN (VERBOSE, COSTS OFF) of query q as one text
CREATE FUNCTION so.plan(q text, settings text DEFAULT '') RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    result text := '';
BEGIN
    PERFORM so.set(settings);
    FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP
        result := result || line || E'\n';
    END LOOP;
    RETURN result;
END $$;
