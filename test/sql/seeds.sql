-- Every 指标值 cell of both seed documents (test/data/seeds/), as extracted
-- independently of ptarget by test/tools/extract_seed_cells.py, parsed into
-- kind, operator, magnitude and unit.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;
SET datestyle = ISO;
\pset null '∅'

CREATE TABLE seed_cells(file text, project_index int, project_title text, position int,
                        level1 text, level2 text, level3 text, value_line int, value text);
\getenv abs_srcdir PG_ABS_SRCDIR
\set cells_file :abs_srcdir '/data/seed_cells.tsv'
COPY seed_cells FROM :'cells_file' (FORMAT text, HEADER true);

-- parse without stopping at the one impossible date
CREATE FUNCTION parse_or_error(input text, OUT t ptarget, OUT error text) LANGUAGE plpgsql AS $$
BEGIN
  t := input::ptarget;
EXCEPTION WHEN OTHERS THEN
  error := SQLSTATE || ' ' || SQLERRM;
END $$;
CREATE TABLE parsed AS
  SELECT c.*, (parse_or_error(c.value)).* FROM seed_cells c;

SELECT file, count(*) AS cells,
       count(*) FILTER (WHERE ptarget_kind(t) = 'quantity') AS quantities,
       count(*) FILTER (WHERE ptarget_kind(t) = 'date') AS dates,
       count(*) FILTER (WHERE ptarget_kind(t) = 'label') AS labels,
       count(*) FILTER (WHERE error IS NOT NULL) AS rejected
FROM parsed GROUP BY file ORDER BY file;

-- the rejected cells and why
SELECT file, value_line, value, error FROM parsed WHERE error IS NOT NULL ORDER BY file, value_line;

-- every cell: kind, operator, magnitude and unit as written, canonical text
SELECT left(file, 3) AS f, value_line AS line, value, ptarget_kind(t) AS kind, ptarget_operator(t) AS op,
       ptarget_magnitude(t) AS magnitude, ptarget_unit(t) AS unit, ptarget_dimension(t) AS dimension,
       t AS canonical
FROM parsed WHERE error IS NULL ORDER BY file, value_line;

-- every canonical form reads back as an equal value with the same text
SELECT count(*) AS round_trips,
       count(*) FILTER (WHERE t::text::ptarget = t AND t::text::ptarget::text = t::text) AS exact
FROM parsed WHERE error IS NULL;
