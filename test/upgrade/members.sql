-- The extension's member objects and their definitions, to compare an
-- updated database with a fresh install of the same version.  psql -At.
\set ON_ERROR_STOP 1
SELECT extversion, extrelocatable, extnamespace::regnamespace FROM pg_extension WHERE extname = 'ptarget';
-- members, with their comments
SELECT pg_describe_object(d.classid, d.objid, d.objsubid), coalesce(obj_description(d.objid, d.classid::regclass::name), '')
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'ptarget' ORDER BY 1;
-- functions
SELECT p.oid::regprocedure, p.prorettype::regtype, p.provolatile, p.proisstrict, p.proparallel, p.proleakproof,
       p.proretset, p.prorows, p.procost, p.prosrc, p.probin, pg_get_function_arguments(p.oid)
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'ptarget' ORDER BY 1::text;
-- operators
SELECT o.oid::regoperator, o.oprcode::regproc, o.oprcom::regoperator, o.oprnegate::regoperator,
       o.oprrest, o.oprjoin, o.oprcanhash, o.oprcanmerge
FROM pg_operator o JOIN pg_depend d ON d.objid = o.oid AND d.classid = 'pg_operator'::regclass AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'ptarget' ORDER BY 1::text;
-- operator families: their operators and support functions
SELECT f.opfname, a.amname, o.amopstrategy, o.amoplefttype::regtype, o.amoprighttype::regtype,
       o.amopopr::regoperator, o.amoppurpose
FROM pg_opfamily f JOIN pg_am a ON a.oid = f.opfmethod JOIN pg_amop o ON o.amopfamily = f.oid
WHERE f.opfname LIKE 'ptarget%' ORDER BY 1, 2, 3, 4, 5;
SELECT f.opfname, a.amname, p.amprocnum, p.amproclefttype::regtype, p.amprocrighttype::regtype, p.amproc::regprocedure
FROM pg_opfamily f JOIN pg_am a ON a.oid = f.opfmethod JOIN pg_amproc p ON p.amprocfamily = f.oid
WHERE f.opfname LIKE 'ptarget%' ORDER BY 1, 2, 3, 4, 5;
SELECT c.opcname, a.amname, c.opcdefault, c.opcintype::regtype, c.opckeytype::regtype
FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod WHERE c.opcname LIKE 'ptarget%' ORDER BY 1, 2;
-- the type and casts
SELECT t.typname, t.typlen, t.typalign, t.typstorage, t.typinput, t.typoutput, t.typreceive, t.typsend,
       t.typanalyze, t.typcategory FROM pg_type t WHERE t.typname = 'ptarget';
SELECT c.castsource::regtype, c.casttarget::regtype, c.castfunc::regprocedure, c.castcontext, c.castmethod
FROM pg_cast c WHERE c.castsource = 'ptarget'::regtype OR c.casttarget = 'ptarget'::regtype ORDER BY 1::text, 2::text;
