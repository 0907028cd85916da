-- ptarget 1.0: the ptarget type, its operators, operator classes, accessors.
--
-- Every object is created in, and every reference qualified with, the
-- extension's schema (@extschema@) or pg_catalog, so nothing here depends on
-- the caller's search_path.  Every function is written in C.

\echo Use "CREATE EXTENSION ptarget" to load this file. \quit

-- ------------------------------------------------------------------ the type

CREATE TYPE @extschema@.ptarget;

CREATE FUNCTION @extschema@.ptarget_in(pg_catalog.cstring) RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_out(@extschema@.ptarget) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'ptarget_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_recv(pg_catalog.internal) RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_send(@extschema@.ptarget) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'ptarget_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.ptarget (
    INPUT = @extschema@.ptarget_in,
    OUTPUT = @extschema@.ptarget_out,
    RECEIVE = @extschema@.ptarget_recv,
    SEND = @extschema@.ptarget_send,
    INTERNALLENGTH = VARIABLE,
    STORAGE = extended,
    ALIGNMENT = int4,
    CATEGORY = 'U'
);

CREATE FUNCTION @extschema@.ptarget_typanalyze(pg_catalog.internal) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_typanalyze' LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_typanalyze(pg_catalog.internal) IS
    'ANALYZE support: ten times the default statistics target, for sub-percent containment estimates';
ALTER TYPE @extschema@.ptarget SET (ANALYZE = @extschema@.ptarget_typanalyze);

COMMENT ON TYPE @extschema@.ptarget IS
    'a performance target (绩效目标): a quantity (≥95%, ≤50万元), a date constraint (2025年9月30日之前) or a label (普遍满意)';
COMMENT ON FUNCTION @extschema@.ptarget_in(pg_catalog.cstring) IS 'ptarget text input: parses a target as written';
COMMENT ON FUNCTION @extschema@.ptarget_out(@extschema@.ptarget) IS 'ptarget text output: the canonical spelling';
COMMENT ON FUNCTION @extschema@.ptarget_recv(pg_catalog.internal) IS 'ptarget binary input: version byte + canonical text, fully validated';
COMMENT ON FUNCTION @extschema@.ptarget_send(@extschema@.ptarget) IS 'ptarget binary output: version byte + canonical text';

-- ------------------------------------------------------------------ comparison

CREATE FUNCTION @extschema@.ptarget_eq(@extschema@.ptarget, @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ptarget_ne(@extschema@.ptarget, @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ptarget_lt(@extschema@.ptarget, @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ptarget_le(@extschema@.ptarget, @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ptarget_gt(@extschema@.ptarget, @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ptarget_ge(@extschema@.ptarget, @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ptarget_cmp(@extschema@.ptarget, @extschema@.ptarget) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'ptarget_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ptarget_hash(@extschema@.ptarget) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'ptarget_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ptarget_hash_extended(@extschema@.ptarget, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'ptarget_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION @extschema@.ptarget_eq(@extschema@.ptarget, @extschema@.ptarget) IS 'same kind, dimension and allowed set (≤0.55万元 = ≤5500元)';
COMMENT ON FUNCTION @extschema@.ptarget_ne(@extschema@.ptarget, @extschema@.ptarget) IS 'not equal';
COMMENT ON FUNCTION @extschema@.ptarget_lt(@extschema@.ptarget, @extschema@.ptarget) IS 'sorts before (kind, dimension, then bounds as range types order them)';
COMMENT ON FUNCTION @extschema@.ptarget_le(@extschema@.ptarget, @extschema@.ptarget) IS 'sorts before or equal';
COMMENT ON FUNCTION @extschema@.ptarget_gt(@extschema@.ptarget, @extschema@.ptarget) IS 'sorts after';
COMMENT ON FUNCTION @extschema@.ptarget_ge(@extschema@.ptarget, @extschema@.ptarget) IS 'sorts after or equal';
COMMENT ON FUNCTION @extschema@.ptarget_cmp(@extschema@.ptarget, @extschema@.ptarget) IS 'btree comparison: -1, 0 or 1';
COMMENT ON FUNCTION @extschema@.ptarget_hash(@extschema@.ptarget) IS 'hash of the allowed set: equal targets hash equal';
COMMENT ON FUNCTION @extschema@.ptarget_hash_extended(@extschema@.ptarget, pg_catalog.int8) IS 'seeded 64-bit hash, for hash partitioning';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.ptarget, RIGHTARG = @extschema@.ptarget,
    FUNCTION = @extschema@.ptarget_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.ptarget, RIGHTARG = @extschema@.ptarget,
    FUNCTION = @extschema@.ptarget_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.ptarget, RIGHTARG = @extschema@.ptarget,
    FUNCTION = @extschema@.ptarget_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.ptarget, RIGHTARG = @extschema@.ptarget,
    FUNCTION = @extschema@.ptarget_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.ptarget, RIGHTARG = @extschema@.ptarget,
    FUNCTION = @extschema@.ptarget_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.ptarget, RIGHTARG = @extschema@.ptarget,
    FUNCTION = @extschema@.ptarget_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);

COMMENT ON OPERATOR @extschema@.= (@extschema@.ptarget, @extschema@.ptarget) IS 'equal: same kind, dimension and allowed set';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.ptarget, @extschema@.ptarget) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.ptarget, @extschema@.ptarget) IS 'sorts before';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.ptarget, @extschema@.ptarget) IS 'sorts before or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.ptarget, @extschema@.ptarget) IS 'sorts after';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.ptarget, @extschema@.ptarget) IS 'sorts after or equal';

CREATE FUNCTION @extschema@.ptarget_sortsupport(pg_catalog.internal) RETURNS pg_catalog.void
    AS 'MODULE_PATHNAME', 'ptarget_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_sortsupport(pg_catalog.internal) IS 'sort support: comparator for ORDER BY, btree builds and the GiST sorted build';

CREATE OPERATOR CLASS @extschema@.ptarget_ops
    DEFAULT FOR TYPE @extschema@.ptarget USING btree AS
        OPERATOR 1 @extschema@.<,
        OPERATOR 2 @extschema@.<=,
        OPERATOR 3 @extschema@.=,
        OPERATOR 4 @extschema@.>=,
        OPERATOR 5 @extschema@.>,
        FUNCTION 1 @extschema@.ptarget_cmp(@extschema@.ptarget, @extschema@.ptarget),
        FUNCTION 2 @extschema@.ptarget_sortsupport(pg_catalog.internal);

CREATE OPERATOR CLASS @extschema@.ptarget_ops
    DEFAULT FOR TYPE @extschema@.ptarget USING hash AS
        OPERATOR 1 @extschema@.=,
        FUNCTION 1 @extschema@.ptarget_hash(@extschema@.ptarget),
        FUNCTION 2 @extschema@.ptarget_hash_extended(@extschema@.ptarget, pg_catalog.int8);

-- ------------------------------------------------------------------ containment

CREATE FUNCTION @extschema@.ptarget_contains(@extschema@.ptarget, @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ptarget_contained_by(@extschema@.ptarget, @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_contained_by' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ptarget_overlaps(@extschema@.ptarget, @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_overlaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ptarget_contains_numeric(@extschema@.ptarget, pg_catalog.numeric) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_contains_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.numeric_contained_by_ptarget(pg_catalog.numeric, @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'numeric_contained_by_ptarget' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_contains_date(@extschema@.ptarget, pg_catalog.date) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_contains_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.date_contained_by_ptarget(pg_catalog.date, @extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'date_contained_by_ptarget' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION @extschema@.ptarget_contains(@extschema@.ptarget, @extschema@.ptarget) IS 'every value the right target allows, the left allows too';
COMMENT ON FUNCTION @extschema@.ptarget_contained_by(@extschema@.ptarget, @extschema@.ptarget) IS 'every value the left target allows, the right allows too';
COMMENT ON FUNCTION @extschema@.ptarget_overlaps(@extschema@.ptarget, @extschema@.ptarget) IS 'some value satisfies both targets';
COMMENT ON FUNCTION @extschema@.ptarget_contains_numeric(@extschema@.ptarget, pg_catalog.numeric) IS 'the number, taken in the target''s written unit, satisfies the target';
COMMENT ON FUNCTION @extschema@.numeric_contained_by_ptarget(pg_catalog.numeric, @extschema@.ptarget) IS 'the number, taken in the target''s written unit, satisfies the target';
COMMENT ON FUNCTION @extschema@.ptarget_contains_date(@extschema@.ptarget, pg_catalog.date) IS 'the date satisfies the date target';
COMMENT ON FUNCTION @extschema@.date_contained_by_ptarget(pg_catalog.date, @extschema@.ptarget) IS 'the date satisfies the date target';

CREATE OPERATOR @extschema@.@> (
    LEFTARG = @extschema@.ptarget, RIGHTARG = @extschema@.ptarget,
    FUNCTION = @extschema@.ptarget_contains, COMMUTATOR = OPERATOR(@extschema@.<@),
    RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel);
CREATE OPERATOR @extschema@.<@ (
    LEFTARG = @extschema@.ptarget, RIGHTARG = @extschema@.ptarget,
    FUNCTION = @extschema@.ptarget_contained_by, COMMUTATOR = OPERATOR(@extschema@.@>),
    RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel);
CREATE OPERATOR @extschema@.&& (
    LEFTARG = @extschema@.ptarget, RIGHTARG = @extschema@.ptarget,
    FUNCTION = @extschema@.ptarget_overlaps, COMMUTATOR = OPERATOR(@extschema@.&&),
    RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel);
CREATE OPERATOR @extschema@.@> (
    LEFTARG = @extschema@.ptarget, RIGHTARG = pg_catalog.numeric,
    FUNCTION = @extschema@.ptarget_contains_numeric, COMMUTATOR = OPERATOR(@extschema@.<@),
    RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel);
CREATE OPERATOR @extschema@.<@ (
    LEFTARG = pg_catalog.numeric, RIGHTARG = @extschema@.ptarget,
    FUNCTION = @extschema@.numeric_contained_by_ptarget, COMMUTATOR = OPERATOR(@extschema@.@>),
    RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel);
CREATE OPERATOR @extschema@.@> (
    LEFTARG = @extschema@.ptarget, RIGHTARG = pg_catalog.date,
    FUNCTION = @extschema@.ptarget_contains_date, COMMUTATOR = OPERATOR(@extschema@.<@),
    RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel);
CREATE OPERATOR @extschema@.<@ (
    LEFTARG = pg_catalog.date, RIGHTARG = @extschema@.ptarget,
    FUNCTION = @extschema@.date_contained_by_ptarget, COMMUTATOR = OPERATOR(@extschema@.@>),
    RESTRICT = pg_catalog.matchingsel, JOIN = pg_catalog.matchingjoinsel);

COMMENT ON OPERATOR @extschema@.@> (@extschema@.ptarget, @extschema@.ptarget) IS 'contains: anything satisfying the right target satisfies the left (≥95% @> ≥98%)';
COMMENT ON OPERATOR @extschema@.<@ (@extschema@.ptarget, @extschema@.ptarget) IS 'is contained by';
COMMENT ON OPERATOR @extschema@.&& (@extschema@.ptarget, @extschema@.ptarget) IS 'overlaps: some value satisfies both targets';
COMMENT ON OPERATOR @extschema@.@> (@extschema@.ptarget, pg_catalog.numeric) IS 'the number, in the target''s written unit, satisfies the target (≥95% @> 96.5)';
COMMENT ON OPERATOR @extschema@.<@ (pg_catalog.numeric, @extschema@.ptarget) IS 'the number, in the target''s written unit, satisfies the target';
COMMENT ON OPERATOR @extschema@.@> (@extschema@.ptarget, pg_catalog.date) IS 'the date satisfies the date target';
COMMENT ON OPERATOR @extschema@.<@ (pg_catalog.date, @extschema@.ptarget) IS 'the date satisfies the date target';

-- ------------------------------------------------------------------ GiST

-- Leaves hold the values themselves (index-only scans work); inner keys
-- summarize the (kind, dimension) range and, for one dimension, the union of
-- the intervals, so one index on the column keeps dimensions apart.
CREATE FUNCTION @extschema@.ptarget_gist_consistent(pg_catalog.internal, @extschema@.ptarget, pg_catalog.int2, pg_catalog.oid, pg_catalog.internal)
    RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'ptarget_gist_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_gist_union(pg_catalog.internal, pg_catalog.internal)
    RETURNS @extschema@.ptarget AS 'MODULE_PATHNAME', 'ptarget_gist_union' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_gist_penalty(pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
    RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'ptarget_gist_penalty' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_gist_picksplit(pg_catalog.internal, pg_catalog.internal)
    RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'ptarget_gist_picksplit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_gist_same(@extschema@.ptarget, @extschema@.ptarget, pg_catalog.internal)
    RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'ptarget_gist_same' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ptarget_gist_consistent(pg_catalog.internal, @extschema@.ptarget, pg_catalog.int2, pg_catalog.oid, pg_catalog.internal) IS 'GiST support: may a subtree hold a match';
COMMENT ON FUNCTION @extschema@.ptarget_gist_union(pg_catalog.internal, pg_catalog.internal) IS 'GiST support: summary of a set of entries';
COMMENT ON FUNCTION @extschema@.ptarget_gist_penalty(pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS 'GiST support: cost of adding an entry to a subtree';
COMMENT ON FUNCTION @extschema@.ptarget_gist_picksplit(pg_catalog.internal, pg_catalog.internal) IS 'GiST support: split a full page by dimension and bounds';
COMMENT ON FUNCTION @extschema@.ptarget_gist_same(@extschema@.ptarget, @extschema@.ptarget, pg_catalog.internal) IS 'GiST support: are two summaries equal';

CREATE OPERATOR CLASS @extschema@.ptarget_gist_ops
    DEFAULT FOR TYPE @extschema@.ptarget USING gist AS
        OPERATOR 3 @extschema@.&&,
        OPERATOR 7 @extschema@.@>,
        OPERATOR 8 @extschema@.<@,
        OPERATOR 18 @extschema@.=,
        FUNCTION 1 @extschema@.ptarget_gist_consistent(pg_catalog.internal, @extschema@.ptarget, pg_catalog.int2, pg_catalog.oid, pg_catalog.internal),
        FUNCTION 2 @extschema@.ptarget_gist_union(pg_catalog.internal, pg_catalog.internal),
        FUNCTION 5 @extschema@.ptarget_gist_penalty(pg_catalog.internal, pg_catalog.internal, pg_catalog.internal),
        FUNCTION 6 @extschema@.ptarget_gist_picksplit(pg_catalog.internal, pg_catalog.internal),
        FUNCTION 7 @extschema@.ptarget_gist_same(@extschema@.ptarget, @extschema@.ptarget, pg_catalog.internal),
        FUNCTION 11 @extschema@.ptarget_sortsupport(pg_catalog.internal);

-- ------------------------------------------------------------------ accessors

CREATE FUNCTION @extschema@.ptarget_kind(@extschema@.ptarget) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'ptarget_kind' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_operator(@extschema@.ptarget) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'ptarget_operator' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_magnitude(@extschema@.ptarget) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'ptarget_magnitude' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_magnitude_upper(@extschema@.ptarget) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'ptarget_magnitude_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_unit(@extschema@.ptarget) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'ptarget_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_base_unit(@extschema@.ptarget) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'ptarget_base_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_dimension(@extschema@.ptarget) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'ptarget_dimension' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_lower(@extschema@.ptarget) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'ptarget_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_upper(@extschema@.ptarget) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'ptarget_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_lower_inclusive(@extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_lower_inclusive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_upper_inclusive(@extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_upper_inclusive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_lower_date(@extschema@.ptarget) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'ptarget_lower_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_upper_date(@extschema@.ptarget) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'ptarget_upper_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_label(@extschema@.ptarget) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'ptarget_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_is_approximate(@extschema@.ptarget) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ptarget_is_approximate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ptarget_kind(@extschema@.ptarget) IS 'quantity, date or label';
COMMENT ON FUNCTION @extschema@.ptarget_operator(@extschema@.ptarget) IS 'the operator: =, ≥, >, ≤, < or ~ (range); NULL for labels';
COMMENT ON FUNCTION @extschema@.ptarget_magnitude(@extschema@.ptarget) IS 'the magnitude as written, in the written unit (the lower end of a range); NULL unless a quantity';
COMMENT ON FUNCTION @extschema@.ptarget_magnitude_upper(@extschema@.ptarget) IS 'the upper end of a range as written (the magnitude otherwise); NULL unless a quantity';
COMMENT ON FUNCTION @extschema@.ptarget_unit(@extschema@.ptarget) IS 'the unit as written, scale word included (万元); '''' for a bare number; NULL unless a quantity';
COMMENT ON FUNCTION @extschema@.ptarget_base_unit(@extschema@.ptarget) IS 'the base unit of the dimension that lower/upper are given in (元 for 万元); NULL unless a quantity';
COMMENT ON FUNCTION @extschema@.ptarget_dimension(@extschema@.ptarget) IS 'the dimension: percent, money, duration, … count:人次, money/人/月, none, date or label';
COMMENT ON FUNCTION @extschema@.ptarget_lower(@extschema@.ptarget) IS 'lower bound in the base unit; NULL when unbounded or not a quantity';
COMMENT ON FUNCTION @extschema@.ptarget_upper(@extschema@.ptarget) IS 'upper bound in the base unit; NULL when unbounded or not a quantity';
COMMENT ON FUNCTION @extschema@.ptarget_lower_inclusive(@extschema@.ptarget) IS 'whether the lower bound is included (false when unbounded); NULL for labels';
COMMENT ON FUNCTION @extschema@.ptarget_upper_inclusive(@extschema@.ptarget) IS 'whether the upper bound is included (false when unbounded); NULL for labels';
COMMENT ON FUNCTION @extschema@.ptarget_lower_date(@extschema@.ptarget) IS 'first allowed day of a date target; NULL when unbounded or not a date';
COMMENT ON FUNCTION @extschema@.ptarget_upper_date(@extschema@.ptarget) IS 'last allowed day of a date target (the deadline); NULL when unbounded or not a date';
COMMENT ON FUNCTION @extschema@.ptarget_label(@extschema@.ptarget) IS 'the normalized text of a label; NULL unless a label';
COMMENT ON FUNCTION @extschema@.ptarget_is_approximate(@extschema@.ptarget) IS 'written with 约 or 左右 (display only: does not change the value)';

-- ------------------------------------------------------------------ construction and conversion

CREATE FUNCTION @extschema@.ptarget(pg_catalog.numeric) RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_from_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget(operator pg_catalog.text, magnitude pg_catalog.numeric, unit pg_catalog.text)
    RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_build' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ptarget_convert(@extschema@.ptarget, unit pg_catalog.text) RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_convert' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.numrange(@extschema@.ptarget) RETURNS pg_catalog.numrange
    AS 'MODULE_PATHNAME', 'ptarget_to_numrange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.daterange(@extschema@.ptarget) RETURNS pg_catalog.daterange
    AS 'MODULE_PATHNAME', 'ptarget_to_daterange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ptarget_to_jsonb(@extschema@.ptarget) RETURNS pg_catalog.jsonb
    AS 'MODULE_PATHNAME', 'ptarget_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ptarget(pg_catalog.numeric) IS 'a bare number as an exact target (= n)';
COMMENT ON FUNCTION @extschema@.ptarget(pg_catalog.text, pg_catalog.numeric, pg_catalog.text) IS 'builds a quantity from operator (≥, 不低于, …), magnitude and unit (万元, %, 人次, …)';
COMMENT ON FUNCTION @extschema@.ptarget_convert(@extschema@.ptarget, pg_catalog.text) IS 'the same target written in another unit of its dimension, exactly (≤50万元 in 元 is ≤500000元)';
COMMENT ON FUNCTION @extschema@.numrange(@extschema@.ptarget) IS 'the allowed set of a quantity as a numrange in the base unit';
COMMENT ON FUNCTION @extschema@.daterange(@extschema@.ptarget) IS 'the allowed days of a date target as a daterange';
COMMENT ON FUNCTION @extschema@.ptarget_to_jsonb(@extschema@.ptarget) IS 'every part of the target as one jsonb object, for BI tools and APIs';

CREATE CAST (pg_catalog.numeric AS @extschema@.ptarget) WITH FUNCTION @extschema@.ptarget(pg_catalog.numeric);
CREATE CAST (@extschema@.ptarget AS pg_catalog.numrange) WITH FUNCTION @extschema@.numrange(@extschema@.ptarget);
CREATE CAST (@extschema@.ptarget AS pg_catalog.daterange) WITH FUNCTION @extschema@.daterange(@extschema@.ptarget);
CREATE CAST (@extschema@.ptarget AS pg_catalog.jsonb) WITH FUNCTION @extschema@.ptarget_to_jsonb(@extschema@.ptarget);

COMMENT ON CAST (pg_catalog.numeric AS @extschema@.ptarget) IS 'a bare number as an exact target';
COMMENT ON CAST (@extschema@.ptarget AS pg_catalog.numrange) IS 'quantity target to its allowed range in the base unit';
COMMENT ON CAST (@extschema@.ptarget AS pg_catalog.daterange) IS 'date target to its allowed days';
COMMENT ON CAST (@extschema@.ptarget AS pg_catalog.jsonb) IS 'all parts of the target as jsonb';

-- ------------------------------------------------------------------ documents

CREATE FUNCTION @extschema@.ptarget_parse_document(
    document pg_catalog.text, lenient pg_catalog.bool DEFAULT false,
    OUT department_code pg_catalog.text, OUT department_name pg_catalog.text,
    OUT project pg_catalog.text, OUT "position" pg_catalog.int4,
    OUT level1 pg_catalog.text, OUT level2 pg_catalog.text, OUT level3 pg_catalog.text,
    OUT description pg_catalog.text, OUT value_text pg_catalog.text,
    OUT target @extschema@.ptarget, OUT note pg_catalog.text, OUT line pg_catalog.int4)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'ptarget_parse_document' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 300;

CREATE FUNCTION @extschema@.ptarget_import(
    document pg_catalog.text, source pg_catalog.text DEFAULT NULL,
    schema pg_catalog.name DEFAULT NULL, lenient pg_catalog.bool DEFAULT false,
    OUT department_code pg_catalog.text, OUT department_name pg_catalog.text,
    OUT project pg_catalog.text, OUT "position" pg_catalog.int4,
    OUT level1 pg_catalog.text, OUT level2 pg_catalog.text, OUT level3 pg_catalog.text,
    OUT description pg_catalog.text, OUT value_text pg_catalog.text,
    OUT target @extschema@.ptarget, OUT note pg_catalog.text, OUT line pg_catalog.int4)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'ptarget_import' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 300;

COMMENT ON FUNCTION @extschema@.ptarget_parse_document(pg_catalog.text, pg_catalog.bool) IS
    'reads a 绩效目标表 document: one row per indicator (cells, value text, parsed target, note, line); writes nothing';
COMMENT ON FUNCTION @extschema@.ptarget_import(pg_catalog.text, pg_catalog.text, pg_catalog.name, pg_catalog.bool) IS
    'loads a 绩效目标表 document into ptarget_document / ptarget_project / ptarget_indicator in the given schema (default: first schema of search_path), replacing re-imported projects; returns the rows loaded';
