-- Security of the import and of a user's own lookups (issue 8):
-- * the import never writes into a table another role could have planted
--   (a trigger on it would run with the importer's rights);
-- * the default schema is chosen safely;
-- * the documented rights recipe (a group role owns the tables) works with
--   two analysts, and later imports need no CREATE right;
-- * labels too long for an index page import; an insert error names its line;
-- * a look-alike function or operator earlier on the search path does not
--   reach the extension when it is called qualified.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
DROP SCHEMA IF EXISTS shared, budget, mine, ptarget_ext, lookalike CASCADE;
DROP ROLE IF EXISTS regress_ptarget_mallory, regress_ptarget_alice, regress_ptarget_bob,
  regress_ptarget_loaders, regress_ptarget_reader;
CREATE SCHEMA ptarget_ext;
CREATE EXTENSION ptarget SCHEMA ptarget_ext;
RESET client_min_messages;
SET search_path = public, ptarget_ext;
\getenv abs_srcdir PG_ABS_SRCDIR
\set doc001_file :abs_srcdir '/data/seeds/001_3f8b325168c357be.txt'
SELECT pg_read_file(:'doc001_file') AS doc \gset
CREATE ROLE regress_ptarget_mallory LOGIN;
CREATE ROLE regress_ptarget_loaders NOLOGIN;
CREATE ROLE regress_ptarget_alice LOGIN IN ROLE regress_ptarget_loaders;
CREATE ROLE regress_ptarget_bob LOGIN IN ROLE regress_ptarget_loaders;
CREATE ROLE regress_ptarget_reader LOGIN;

-- 1. A schema every role may write to, where mallory plants a table with a
-- trigger that would make mallory a superuser if a superuser's import ran it.
CREATE SCHEMA shared;
GRANT USAGE, CREATE ON SCHEMA shared TO PUBLIC;
SET ROLE regress_ptarget_mallory;
CREATE TABLE shared.ptarget_document (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, source text,
  content_sha256 text NOT NULL UNIQUE, imported_at timestamptz NOT NULL DEFAULT now(),
  projects integer NOT NULL, indicators integer NOT NULL, quantities integer NOT NULL,
  dates integer NOT NULL, labels integer NOT NULL, unparsed integer NOT NULL);
CREATE FUNCTION shared.escalate() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN EXECUTE 'ALTER ROLE regress_ptarget_mallory SUPERUSER'; RETURN NEW; END $$;
CREATE TRIGGER escalate BEFORE INSERT ON shared.ptarget_document FOR EACH ROW EXECUTE FUNCTION shared.escalate();
RESET ROLE;
-- named explicitly: refused, the trigger never runs
SELECT count(*) FROM ptarget_import(:'doc', '001.txt', 'shared');
-- by default (the schema is first on the path): refused before looking at tables
SET search_path = shared, ptarget_ext;
SELECT count(*) FROM ptarget_import(:'doc', '001.txt');
SET search_path = public, ptarget_ext;
SELECT rolsuper AS mallory_is_superuser FROM pg_roles WHERE rolname = 'regress_ptarget_mallory';
SELECT count(*) AS rows_written FROM shared.ptarget_document;

-- 2. The caller's own tables, changed afterwards: a trigger, a rule, a policy
-- or another shape is refused too (the import did not make them).
CREATE SCHEMA mine;
SELECT count(*) AS loaded FROM ptarget_import(:'doc', '001.txt', 'mine');
CREATE FUNCTION mine.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER audit AFTER INSERT ON mine.ptarget_indicator FOR EACH ROW EXECUTE FUNCTION mine.audit();
SELECT count(*) FROM ptarget_import(:'doc', '001.txt', 'mine');
DROP TRIGGER audit ON mine.ptarget_indicator;
CREATE RULE no_delete AS ON DELETE TO mine.ptarget_project DO INSTEAD NOTHING;
SELECT count(*) FROM ptarget_import(:'doc', '001.txt', 'mine');
DROP RULE no_delete ON mine.ptarget_project;
ALTER TABLE mine.ptarget_document ENABLE ROW LEVEL SECURITY;
SELECT count(*) FROM ptarget_import(:'doc', '001.txt', 'mine');
ALTER TABLE mine.ptarget_document DISABLE ROW LEVEL SECURITY;
ALTER TABLE mine.ptarget_indicator ADD COLUMN extra text DEFAULT 'x';
SELECT count(*) FROM ptarget_import(:'doc', '001.txt', 'mine');
ALTER TABLE mine.ptarget_indicator DROP COLUMN extra;
-- a dropped column leaves the shape as the import made it
SELECT count(*) AS loaded_again FROM ptarget_import(:'doc', '001.txt', 'mine');
-- a superuser is not a member of every role here: another role's table is refused
ALTER TABLE mine.ptarget_project OWNER TO regress_ptarget_mallory;
SELECT count(*) FROM ptarget_import(:'doc', '001.txt', 'mine');
ALTER TABLE mine.ptarget_project OWNER TO CURRENT_USER;

-- 3. The rights recipe: a group role owns the tables; its members import.
CREATE SCHEMA budget;
GRANT USAGE, CREATE ON SCHEMA budget TO regress_ptarget_loaders;
GRANT USAGE ON SCHEMA budget TO regress_ptarget_reader;
GRANT USAGE ON SCHEMA ptarget_ext TO PUBLIC;
-- the first import, as the group, creates the tables owned by the group
SET ROLE regress_ptarget_alice;
SET ROLE regress_ptarget_loaders;
SELECT count(*) AS loaded_by_group FROM ptarget_import(:'doc', '001.txt', 'budget');
RESET ROLE;
SELECT c.relname, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
WHERE c.relnamespace = 'budget'::regnamespace AND c.relkind IN ('r', 'v') ORDER BY 1;
-- later imports need no CREATE right on the schema
REVOKE CREATE ON SCHEMA budget FROM regress_ptarget_loaders;
SET ROLE regress_ptarget_bob;
SELECT count(*) AS loaded_by_bob FROM ptarget_import(replace(:'doc', '≥6个', '≥7个'), '001 from bob', 'budget');
RESET ROLE;
SET ROLE regress_ptarget_alice;
SELECT count(*) AS loaded_by_alice FROM ptarget_import(:'doc', '001 from alice', 'budget');
SELECT string_agg(source, ', ' ORDER BY id) AS sources FROM budget.ptarget_document;
RESET ROLE;
-- a reader who is not in the group reads with SELECT only, and cannot import
GRANT SELECT ON ALL TABLES IN SCHEMA budget TO regress_ptarget_reader;
SET ROLE regress_ptarget_reader;
SELECT count(*) AS indicators_read FROM budget.ptarget_indicators;
SELECT count(*) FROM ptarget_import(:'doc', 'reader', 'budget');
RESET ROLE;
-- by default an analyst's import does not go into a schema the analyst does not own
SET ROLE regress_ptarget_bob;
SET search_path = budget, ptarget_ext;
SELECT count(*) FROM ptarget_import(:'doc', '001.txt');
RESET ROLE;
SET search_path = public, ptarget_ext;

-- 4. A label longer than an index page imports (1.0 failed the whole import
-- with "index row requires 9016 bytes"), its cell stored whole.
CREATE FUNCTION long_label_text(chars int) RETURNS text LANGUAGE sql AS
$$ SELECT string_agg(chr(19968 + ((7919 + j * 104729) % 20902)), '') FROM generate_series(1, chars) j $$;
SELECT regexp_replace(:'doc', E'\t≥95%\n', E'\t' || long_label_text(4000) || E'\n') AS long_doc \gset
SELECT count(*) AS loaded FROM ptarget_import(:'long_doc', 'long.txt', 'mine');
SELECT value_line, octet_length(value_text) AS bytes, ptarget_kind(target) AS kind,
       target::text = value_text AS stored_whole
FROM mine.ptarget_indicator WHERE octet_length(value_text) > 1000;
-- an error while inserting names the line and project; lenient mode keeps the
-- row without a target (its cells stored, the error as its note)
ALTER TABLE mine.ptarget_indicator ADD CONSTRAINT no_labels CHECK (ptarget_kind(target) <> 'label') NOT VALID;
SELECT count(*) FROM ptarget_import(:'long_doc', 'long.txt', 'mine');
SELECT count(*) AS loaded, count(*) FILTER (WHERE note LIKE 'not stored as a target%') AS kept_without_target
FROM ptarget_import(:'long_doc', 'long.txt', 'mine', lenient => true);
SELECT value_line, target IS NULL AS no_target, note FROM mine.ptarget_indicator
WHERE note LIKE 'not stored as a target%' ORDER BY value_line;
SELECT source, labels, unparsed FROM mine.ptarget_document WHERE source = 'long.txt';
ALTER TABLE mine.ptarget_indicator DROP CONSTRAINT no_labels;

-- 5. A user's own lookups: look-alikes earlier on the search path win
-- unqualified calls; qualified calls reach the extension.
CREATE SCHEMA lookalike;
CREATE FUNCTION lookalike.ptarget_import(document text, source text DEFAULT NULL)
  RETURNS SETOF int LANGUAGE sql AS $$ SELECT -1 $$;
CREATE FUNCTION lookalike.always(ptarget_ext.ptarget, ptarget_ext.ptarget) RETURNS bool LANGUAGE sql AS $$ SELECT true $$;
CREATE OPERATOR lookalike.@> (LEFTARG = ptarget_ext.ptarget, RIGHTARG = ptarget_ext.ptarget, FUNCTION = lookalike.always);
SET search_path = lookalike, ptarget_ext, public;
SELECT count(*) AS lookalike_import FROM ptarget_import(:'doc', 'x') r WHERE r = -1;
SELECT '≥95%'::ptarget @> '≥90%' AS lookalike_operator;
SELECT '≥95%'::ptarget_ext.ptarget OPERATOR(ptarget_ext.@>) '≥90%'::ptarget_ext.ptarget AS qualified_operator;
SELECT count(*) AS qualified_import FROM ptarget_ext.ptarget_parse_document(:'doc');
SET search_path = public, ptarget_ext;

-- clean up
SET client_min_messages = warning;
DROP SCHEMA shared, budget, mine, lookalike CASCADE;
DROP OWNED BY regress_ptarget_mallory, regress_ptarget_alice, regress_ptarget_bob,
  regress_ptarget_loaders, regress_ptarget_reader;
DROP ROLE regress_ptarget_mallory, regress_ptarget_alice, regress_ptarget_bob,
  regress_ptarget_loaders, regress_ptarget_reader;
DROP EXTENSION ptarget;
DROP SCHEMA ptarget_ext;
