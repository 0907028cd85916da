
-- ------------------------------------------------------------------ scale-out (postgres_fdw, Citus)
-- What a coordinator needs to send ptarget conditions and aggregates to the
-- servers holding the data (README "Scale-out").  postgres_fdw sends an
-- operator, function or type of an extension only when it is a member of an
-- extension named in the server option `extensions`.

-- IN lists.  `target IN ('≥95%', '≤50万元')` is `target = ANY ('{…}'::ptarget[])`,
-- and the array type is made with the type but is not a member of the
-- extension, so postgres_fdw kept such filters on the coordinator.  As a
-- member it is sent.  (A binary-upgrade dump, which pg_upgrade uses, does not
-- record the membership of an array type: after pg_upgrade, run
-- ALTER EXTENSION ptarget ADD TYPE ptarget[] once to send IN lists again.)
ALTER EXTENSION ptarget ADD TYPE @extschema@.ptarget[];
COMMENT ON TYPE @extschema@.ptarget[] IS
    'array of ptarget; an extension member so that IN lists and = ANY over ptarget are sent to foreign servers';

-- min and max in the btree order (the order of ORDER BY target).  The
-- transition function is also the combine function, so parallel and
-- partitionwise partial aggregation work.
CREATE FUNCTION @extschema@.ptarget_smaller(@extschema@.ptarget, @extschema@.ptarget) RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ptarget_larger(@extschema@.ptarget, @extschema@.ptarget) RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.ptarget_smaller(@extschema@.ptarget, @extschema@.ptarget) IS
    'the target that sorts first (transition and combine function of min)';
COMMENT ON FUNCTION @extschema@.ptarget_larger(@extschema@.ptarget, @extschema@.ptarget) IS
    'the target that sorts last (transition and combine function of max)';

CREATE AGGREGATE @extschema@.min(@extschema@.ptarget) (
    SFUNC = @extschema@.ptarget_smaller, STYPE = @extschema@.ptarget,
    COMBINEFUNC = @extschema@.ptarget_smaller,
    SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.ptarget) (
    SFUNC = @extschema@.ptarget_larger, STYPE = @extschema@.ptarget,
    COMBINEFUNC = @extschema@.ptarget_larger,
    SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.ptarget) IS
    'the target that sorts first (kind, dimension, then bounds: the order of ORDER BY)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.ptarget) IS
    'the target that sorts last (kind, dimension, then bounds: the order of ORDER BY)';

-- Filters by dimension.  A text comparison such as
-- ptarget_dimension(target) = 'money' is never sent by postgres_fdw (its
-- collation does not come from a foreign column).  `a ~= b` (same kind and
-- dimension) compares two targets, so it is sent.  Its probe is any target
-- of the dimension: target ~= '0元'.
CREATE FUNCTION @extschema@.ptarget_same_dimension(@extschema@.ptarget, @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_same_dimension' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.ptarget_same_dimension(@extschema@.ptarget, @extschema@.ptarget) IS
    'same kind and dimension: both money, both percent, both dates, both labels, …';
CREATE OPERATOR @extschema@.~= (
    LEFTARG = @extschema@.ptarget, RIGHTARG = @extschema@.ptarget,
    FUNCTION = @extschema@.ptarget_same_dimension, COMMUTATOR = OPERATOR(@extschema@.~=),
    RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel);
COMMENT ON OPERATOR @extschema@.~= (@extschema@.ptarget, @extschema@.ptarget) IS
    'same kind and dimension (≤50万元 ~= 0元: both money); sent to foreign servers';

-- ptarget_has_dimension(t, 'money') and ptarget_has_kind(t, 'date') answer
-- what ptarget_dimension(t) = 'money' and ptarget_kind(t) = 'date' answer.
-- With a constant name the planner support function rewrites the call into
-- t ~= <a target of that dimension> (for the kind quantity: t < the first
-- date in the order), which postgres_fdw sends to foreign servers.
CREATE FUNCTION @extschema@.ptarget_filter_support(pg_catalog.internal) RETURNS pg_catalog.internal
    AS 'MODULE_PATHNAME', 'ptarget_filter_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_filter_support(pg_catalog.internal) IS
    'planner support: ptarget_has_dimension / ptarget_has_kind with a constant name become an operator between targets';
CREATE FUNCTION @extschema@.ptarget_has_dimension(@extschema@.ptarget, dimension pg_catalog.text) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_has_dimension' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    SUPPORT @extschema@.ptarget_filter_support;
CREATE FUNCTION @extschema@.ptarget_has_kind(@extschema@.ptarget, kind pg_catalog.text) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_has_kind' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    SUPPORT @extschema@.ptarget_filter_support;
COMMENT ON FUNCTION @extschema@.ptarget_has_dimension(@extschema@.ptarget, pg_catalog.text) IS
    'ptarget_dimension(t) = dimension, in a form sent to foreign servers (rewritten to ~=)';
COMMENT ON FUNCTION @extschema@.ptarget_has_kind(@extschema@.ptarget, pg_catalog.text) IS
    'ptarget_kind(t) = kind (quantity, date or label; another name is an error), in a form sent to foreign servers';
