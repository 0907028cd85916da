-- test/scaleout/shard.sql — one shard (psql -v part=N): the extension and the
-- tables that hold hash partition N of the coordinator's tables ind and ref.
-- Their columns are those of the coordinator's tables.  GiST serves the
-- containment conditions the coordinator sends, btree ORDER BY target; the
-- statistics on the dimension let the shard estimate GROUP BY dimension
-- (use_remote_estimate asks the shard).
CREATE EXTENSION ptarget;
CREATE TABLE ind_p:part (id bigint PRIMARY KEY, department_code text, project text, "position" int, level1 text,
                         level2 text, level3 text, description text, value_text text, target ptarget, note text,
                         source text);
CREATE INDEX ON ind_p:part USING gist (target);
CREATE INDEX ON ind_p:part (target);
CREATE STATISTICS ind_dimension_:part ON (ptarget_dimension(target)) FROM ind_p:part;
CREATE TABLE ref_p:part (target ptarget PRIMARY KEY, uses int);
