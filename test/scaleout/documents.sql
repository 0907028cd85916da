-- test/scaleout/documents.sql — the seed documents, :copies times each (psql
-- -v doc000=… -v doc001=… -v copies=N), loaded twice on the coordinator:
--   single node: ptarget_import of every document into schema single (the
--                document, project and indicator tables it makes);
--   sharded:     the same documents read by ptarget_parse_document (which
--                writes nothing) and inserted into ind, whose foreign
--                partitions send the rows to the shards in batches
--                (batch_size), and into ind_local.
-- Copy k of document s moves every department code 3741xx to (3741 + s + k)xx,
-- so each copy holds projects of its own (001 is an excerpt of 000: without
-- this, ptarget_import would replace the projects of one by the other's,
-- which plain INSERTs do not do).  Times go to so.load_ms.
CREATE TABLE so.doc (id int PRIMARY KEY, name text, body text);
INSERT INTO so.doc
SELECT row_number() OVER (ORDER BY s.name, k), s.name || ' copy ' || k,
       regexp_replace(s.body, E'\n\t3741', E'\n\t' || (3741 + s.shift + k)::text, 'g')
FROM (VALUES ('000', :'doc000', 0), ('001', :'doc001', 500)) s(name, body, shift), generate_series(0, :copies - 1) k;

CREATE TABLE so.load_ms (what text PRIMARY KEY, ms numeric);
CREATE SCHEMA single;

DO $$
DECLARE
    t0 timestamptz := clock_timestamp();
    d record;
BEGIN
    FOR d IN SELECT * FROM so.doc ORDER BY id LOOP
        PERFORM count(*) FROM ptarget_import(d.body, d.name, 'single');
    END LOOP;
    INSERT INTO so.load_ms VALUES ('single node: ptarget_import',
                                   round((extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric, 1));
END $$;

-- ids after the generated rows: document id * 100000 + row number in the document
CREATE FUNCTION so.load_documents(tbl regclass) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE format('INSERT INTO %s (id, department_code, project, "position", level1, level2, level3, description,'
                   '                value_text, target, note, source)'
                   ' SELECT 1000000000 + d.id::bigint * 100000 + p.ord, p.department_code, p.project, p."position",'
                   '        p.level1, p.level2, p.level3, p.description, p.value_text, p.target, p.note, d.name'
                   ' FROM so.doc d, ptarget_parse_document(d.body) WITH ORDINALITY'
                   '      AS p(department_code, department_name, project, "position", level1, level2, level3,'
                   '           description, value_text, target, note, line, ord)', tbl);
    RETURN round((extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric, 1);
END $$;

INSERT INTO so.load_ms VALUES ('single node: parse + INSERT into a local table', so.load_documents('ind_local'));
INSERT INTO so.load_ms VALUES ('sharded: parse + INSERT through the coordinator', so.load_documents('ind'));
