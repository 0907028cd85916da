
-- ------------------------------------------------------------------ targets inside text, and with context

-- Every constraint a sentence states, in order: 合格率不低于90% → {≥90%};
-- 培训人员30人以上,补助资金2.5万元以内 → {≥30人,≤2.5万元}; a change such as
-- 比上年增加5个 → {} (no level is stated).  A text that is a target on its own
-- gives that target as the cast reads it.  The cast itself keeps its rule:
-- a target followed by prose is a label.
CREATE FUNCTION @extschema@.ptarget_extract(pg_catalog.text) RETURNS @extschema@.ptarget[]
    AS 'MODULE_PATHNAME', 'ptarget_extract' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_extract(pg_catalog.text) IS
    'every constraint a sentence states, in order (合格率不低于90% → {≥90%}); changes such as 比上年增加5个 give none';

-- A value read with what its document says: the year of the table for a
-- date written without one (10月前 in a 2024 table → ≤2024年10月31日), the
-- unit of a column for a bare number (85 in a % column → 85%).  What a text
-- reads as on its own never changes: the year applies only to text that is
-- no value or a label without it, the unit only to a quantity without unit.
-- Not STRICT: a NULL year or unit means none.
CREATE FUNCTION @extschema@.ptarget_parse(value pg_catalog.text, year pg_catalog.int4 DEFAULT NULL,
                                          unit pg_catalog.text DEFAULT NULL) RETURNS @extschema@.ptarget
    AS 'MODULE_PATHNAME', 'ptarget_parse_context' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_parse(pg_catalog.text, pg_catalog.int4, pg_catalog.text) IS
    'a target read with its document''s year (10月前) and column unit (a bare 85 in a % column); text that is a value on its own is read as such';
