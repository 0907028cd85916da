
-- ------------------------------------------------------------------ casts users try first

-- An integer becomes a target exactly as the same number does through numeric
-- (5::ptarget = 5::numeric::ptarget).  Explicit, like the numeric cast: an
-- implicit or assignment cast would make `ptarget @> 96` ambiguous and let
-- integers slip into ptarget columns.
CREATE FUNCTION @extschema@.ptarget(pg_catalog.int2) RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_from_int2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget(pg_catalog.int4) RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget(pg_catalog.int8) RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Binary floating point is not exact decimal, so no float cast can be exact and
-- there is none, nor a float operator.  These functions only answer a cast or a
-- ptarget(x) call with an error (42846, as for a missing cast) whose hint says
-- what to write instead; they always raise for a non-NULL argument.
CREATE FUNCTION @extschema@.ptarget(pg_catalog.float4) RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_from_float4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget(pg_catalog.float8) RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_from_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ptarget(pg_catalog.int2) IS 'a bare integer as an exact target (= n), as through numeric';
COMMENT ON FUNCTION @extschema@.ptarget(pg_catalog.int4) IS 'a bare integer as an exact target (= n), as through numeric';
COMMENT ON FUNCTION @extschema@.ptarget(pg_catalog.int8) IS 'a bare integer as an exact target (= n), as through numeric';
COMMENT ON FUNCTION @extschema@.ptarget(pg_catalog.float4) IS 'refused: a binary float is not an exact decimal; the error says to cast to numeric first';
COMMENT ON FUNCTION @extschema@.ptarget(pg_catalog.float8) IS 'refused: a binary float is not an exact decimal; the error says to cast to numeric first';

CREATE CAST (pg_catalog.int2 AS @extschema@.ptarget) WITH FUNCTION @extschema@.ptarget(pg_catalog.int2);
CREATE CAST (pg_catalog.int4 AS @extschema@.ptarget) WITH FUNCTION @extschema@.ptarget(pg_catalog.int4);
CREATE CAST (pg_catalog.int8 AS @extschema@.ptarget) WITH FUNCTION @extschema@.ptarget(pg_catalog.int8);
CREATE CAST (pg_catalog.float4 AS @extschema@.ptarget) WITH FUNCTION @extschema@.ptarget(pg_catalog.float4);
CREATE CAST (pg_catalog.float8 AS @extschema@.ptarget) WITH FUNCTION @extschema@.ptarget(pg_catalog.float8);

COMMENT ON CAST (pg_catalog.int2 AS @extschema@.ptarget) IS 'a bare integer as an exact target, as through numeric';
COMMENT ON CAST (pg_catalog.int4 AS @extschema@.ptarget) IS 'a bare integer as an exact target, as through numeric';
COMMENT ON CAST (pg_catalog.int8 AS @extschema@.ptarget) IS 'a bare integer as an exact target, as through numeric';
COMMENT ON CAST (pg_catalog.float4 AS @extschema@.ptarget) IS 'refused with a hint: a binary float is not an exact decimal; cast to numeric first';
COMMENT ON CAST (pg_catalog.float8 AS @extschema@.ptarget) IS 'refused with a hint: a binary float is not an exact decimal; cast to numeric first';
