-- Plain columns for BI tools: accessors, jsonb, ranges, constructors; and an
-- honest SQL surface (volatility, strictness, comments, search_path safety).
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;
SET datestyle = ISO;
\pset null '∅'

SELECT v, ptarget_kind(t) AS kind, ptarget_operator(t) AS op, ptarget_magnitude(t) AS mag,
       ptarget_magnitude_upper(t) AS mag_hi, ptarget_unit(t) AS unit, ptarget_base_unit(t) AS base,
       ptarget_dimension(t) AS dim, ptarget_lower(t) AS lower, ptarget_lower_inclusive(t) AS lo_inc,
       ptarget_upper(t) AS upper, ptarget_upper_inclusive(t) AS hi_inc, ptarget_label(t) AS label,
       ptarget_is_approximate(t) AS approx
FROM (SELECT v, v::ptarget AS t FROM (VALUES ('≥95%'), ('>90%'), ('≤50万元'), ('<5次'), ('365天'),
       ('5~10万元'), ('约5个'), ('≥55万'), ('≤5500.00元'), ('≤1000元/人/月'), ('2025年9月30日之前'),
       ('普遍满意'), ('"完成2个"')) AS x(v)) s;

SELECT t, t::ptarget::jsonb AS json
FROM (VALUES ('≥95%'), ('5~10万元'), ('2025年3月底前'), ('普遍满意')) AS v(t);

SELECT t, numrange(t::ptarget) AS range_in_base_unit, t::ptarget::numrange @> 500000::numeric AS has_500000
FROM (VALUES ('≤50万元'), ('<50万元'), ('>0.5万元'), ('5~10万元'), ('365天')) AS v(t);

-- constructors
SELECT ptarget('≥', 95, '%') AS a, ptarget('不超过', 50, '万元') AS b, ptarget('', 365, '天') AS c,
       ptarget('<', 5.50, '次') AS d, ptarget('=', 3, '') AS e, 96.5::ptarget AS f,
       ptarget('≥', 20, '万人次') = '≥200000人次' AS g;

-- honest marking: every function but ptarget_import is IMMUTABLE, STRICT and PARALLEL SAFE;
-- LEAKPROOF only where no error can come from the arguments
SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args, p.provolatile AS vol,
       p.proisstrict AS strict, p.proparallel AS par, p.proleakproof AS leakproof
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ptarget') AND d.deptype = 'e'
ORDER BY 1, 2;

-- every type, function, operator and cast of the extension has a comment
SELECT d.classid::regclass AS catalog, count(*) AS objects,
       count(*) FILTER (WHERE obj_description(d.objid, d.classid::regclass::name) IS NULL) AS without_comment
FROM pg_depend d
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ptarget') AND d.deptype = 'e'
  AND d.classid IN ('pg_proc'::regclass, 'pg_type'::regclass, 'pg_operator'::regclass, 'pg_cast'::regclass)
GROUP BY 1 ORDER BY 1::text;

-- search_path tricks: an attacker's schema first on the path changes nothing
CREATE SCHEMA evil;
CREATE FUNCTION evil.ptarget_kind(public.ptarget) RETURNS text LANGUAGE sql RETURN 'evil';
SET search_path = evil, public;
SELECT ptarget_kind('≥95%') AS callers_own_lookup_is_fooled,
       ptarget_to_jsonb('≥95%') ->> 'kind' AS extension_is_not;
RESET search_path;
-- the extension installs into its own schema too, with the same objects
CREATE SCHEMA pt;
DROP EXTENSION ptarget;
CREATE EXTENSION ptarget SCHEMA pt;
SET search_path = evil;
SELECT pt.ptarget_kind('≥95%'::pt.ptarget), '≥95%'::pt.ptarget OPERATOR(pt.@>) '≥98%'::pt.ptarget AS contains;
RESET search_path;
