
-- ------------------------------------------------------------------ GiST: long labels
-- A label longer than an index page made CREATE INDEX and inserts fail
-- ("index row requires 9016 bytes").  The compress function stores such a
-- label as a bounded key (length + first 256 bytes) that the executor
-- rechecks; every other leaf is still the value itself.  With a compress
-- function and no fetch function, GiST index-only scans are no longer offered
-- (btree still offers them): a lossy key cannot give the value back.
-- Indexes built by 1.0 stay valid: their leaves are whole values, which the
-- consistent function reads as before.
CREATE FUNCTION @extschema@.ptarget_gist_compress(pg_catalog.internal)
    RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'ptarget_gist_compress' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_gist_compress(pg_catalog.internal) IS
    'GiST support: a leaf is the value, or a bounded key for a label too long for an index page';
ALTER OPERATOR FAMILY @extschema@.ptarget_gist_ops USING gist
    ADD FUNCTION 3 (@extschema@.ptarget, @extschema@.ptarget) @extschema@.ptarget_gist_compress(pg_catalog.internal);
-- The sorted build sorts compressed leaves, so the GiST class gets a sort
-- support function that also reads bounded label keys.
CREATE FUNCTION @extschema@.ptarget_gist_sortsupport(pg_catalog.internal)
    RETURNS pg_catalog.void AS 'MODULE_PATHNAME', 'ptarget_gist_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_gist_sortsupport(pg_catalog.internal) IS
    'GiST support: sort order of leaves (values and bounded label keys) for the sorted build';
ALTER OPERATOR FAMILY @extschema@.ptarget_gist_ops USING gist
    DROP FUNCTION 11 (@extschema@.ptarget, @extschema@.ptarget);
ALTER OPERATOR FAMILY @extschema@.ptarget_gist_ops USING gist
    ADD FUNCTION 11 (@extschema@.ptarget, @extschema@.ptarget) @extschema@.ptarget_gist_sortsupport(pg_catalog.internal);
