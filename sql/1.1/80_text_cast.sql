
-- ------------------------------------------------------------------ ptarget to text
-- t::text was an I/O conversion: the output function's cstring, measured and
-- copied into a text.  This cast writes the same canonical text into the text
-- directly.  AS ASSIGNMENT, as that I/O conversion to a string type is, so
-- storing a target into a text column still needs no cast.
CREATE FUNCTION @extschema@.ptarget_text(@extschema@.ptarget) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'ptarget_to_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ptarget_text(@extschema@.ptarget) IS
    'the canonical text of a target, as its output function writes it (the cast to text)';
CREATE CAST (@extschema@.ptarget AS pg_catalog.text) WITH FUNCTION @extschema@.ptarget_text(@extschema@.ptarget) AS ASSIGNMENT;
COMMENT ON CAST (@extschema@.ptarget AS pg_catalog.text) IS 'the canonical text, as the output function writes it';
