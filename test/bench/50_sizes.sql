-- 50_sizes.sql — storage per row: the heap (pg_relation_size / rows, after
-- VACUUM, 24-byte tuple headers and page overhead included) and the stored
-- value itself (average pg_column_size of the peer's columns).

SELECT bench.record('table size', peer, round(pg_relation_size(tbl::regclass)::numeric / :n, 1), 'B/row')
FROM (VALUES ('ptarget', 'pt'), ('numrange', 'rng'), ('seg', 'sg'), ('3col', 'col3'), ('text', 'txt')) v(peer, tbl);

SELECT bench.record('value size (avg pg_column_size)', 'ptarget', round(avg(pg_column_size(t)), 1), 'B') FROM pt;
SELECT bench.record('value size (avg pg_column_size)', 'numeric', round(avg(pg_column_size(magnitude)), 1), 'B') FROM col3;
SELECT bench.record('value size (avg pg_column_size)', 'numrange',
                    round(avg(coalesce(pg_column_size(r), 0) + pg_column_size(unit)), 1), 'B') FROM rng;
SELECT bench.record('value size (avg pg_column_size)', 'seg',
                    round(avg(coalesce(pg_column_size(s), 0) + pg_column_size(unit)), 1), 'B') FROM sg;
SELECT bench.record('value size (avg pg_column_size)', '3col',
                    round(avg(pg_column_size(op) + coalesce(pg_column_size(magnitude), 0)
                              + coalesce(pg_column_size(magnitude_upper), 0) + pg_column_size(unit)), 1), 'B') FROM col3;
SELECT bench.record('value size (avg pg_column_size)', 'text', round(avg(pg_column_size(v)), 1), 'B') FROM txt;
SELECT bench.note('method', 'table size is the table''s own heap; the numeric peer lives in the 3col table, '
                            'value size counts the peer''s columns (numrange, seg: with the unit column)');
