-- test/scaleout/coordinator.sql — the coordinator (psql -v port1=… -v port2=…
-- -v password=…): ind, hash-partitioned by target with one foreign
-- partition on each shard; ind_local, the same columns and indexes in one
-- local table (the single node); ref and ref_local likewise.
CREATE EXTENSION ptarget;
CREATE EXTENSION postgres_fdw;

-- extensions: send ptarget's operators and functions; async_capable: scan the
-- shards at the same time; fetch_size: rows per round trip; batch_size: rows
-- per INSERT sent while loading; use_remote_estimate: plan with the shards'
-- own statistics.
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '127.0.0.1', port :'port1', dbname 'postgres', extensions 'ptarget',
             async_capable 'true', fetch_size '1000', batch_size '1000', use_remote_estimate 'true');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '127.0.0.1', port :'port2', dbname 'postgres', extensions 'ptarget',
             async_capable 'true', fetch_size '1000', batch_size '1000', use_remote_estimate 'true');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres', password :'password');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres', password :'password');

CREATE TABLE ind (id bigint NOT NULL, department_code text, project text, "position" int, level1 text,
                  level2 text, level3 text, description text, value_text text, target ptarget, note text,
                  source text)
    PARTITION BY HASH (target);
CREATE FOREIGN TABLE ind_p0 PARTITION OF ind FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1;
CREATE FOREIGN TABLE ind_p1 PARTITION OF ind FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2;

CREATE TABLE ind_local (LIKE ind);
ALTER TABLE ind_local ADD PRIMARY KEY (id);
CREATE INDEX ON ind_local USING gist (target);
CREATE INDEX ON ind_local (target);
CREATE STATISTICS ind_local_dimension ON (ptarget_dimension(target)) FROM ind_local;

-- ref: the distinct targets of the seed documents, partitioned like ind, so
-- that a join on target pairs partitions on the same shard
CREATE TABLE ref (target ptarget NOT NULL, uses int) PARTITION BY HASH (target);
CREATE FOREIGN TABLE ref_p0 PARTITION OF ref FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1;
CREATE FOREIGN TABLE ref_p1 PARTITION OF ref FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2;
CREATE TABLE ref_local (target ptarget PRIMARY KEY, uses int);
