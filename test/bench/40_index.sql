-- 40_index.sql — index builds, sizes and indexed @> queries at ~1 % selectivity.
-- Each index is built :build_reps times (median time, size of the last build);
-- the indexed query runs :qreps times with enable_seqscan = off, one candidate
-- index at a time, and its plan is noted.  Variables: :n :build_reps :qreps.

SET enable_seqscan = off;

-- btree: every peer ------------------------------------------------------------
SELECT bench.build_index('btree build', 'btree size', 'ptarget', 'CREATE INDEX pt_btree ON pt (t)', 'pt_btree', :n, :build_reps);
SELECT bench.build_index('btree build', 'btree size', 'numeric', 'CREATE INDEX col3_mag ON col3 (magnitude)', 'col3_mag', :n, :build_reps);
SELECT bench.build_index('btree build', 'btree size', 'numrange', 'CREATE INDEX rng_btree ON rng (r)', 'rng_btree', :n, :build_reps);
SELECT bench.build_index('btree build', 'btree size', 'seg', 'CREATE INDEX sg_btree ON sg (s)', 'sg_btree', :n, :build_reps);
SELECT bench.build_index('btree build', 'btree size', 'text', 'CREATE INDEX txt_btree ON txt (v)', 'txt_btree', :n, :build_reps);
DROP INDEX pt_btree, col3_mag, rng_btree, sg_btree, txt_btree;
SELECT bench.note('method', 'btree: ptarget (t); numeric (magnitude); numrange (r); seg (s); 3col (unit, op, magnitude); text (v)');

-- 3col: its btree is its @> index
SELECT bench.build_index('btree build', 'btree size', '3col', 'CREATE INDEX col3_btree ON col3 (unit, op, magnitude)', 'col3_btree', :n, :build_reps);
SELECT bench.index_query('indexed @> (~1 %), GiST on (unit, value); 3col: btree', '3col', q, :qreps) FROM bench.query WHERE peer = '3col';
SELECT bench.copy_cell('btree build', 'GiST build, on (unit, value); 3col: btree', '3col');
SELECT bench.copy_cell('btree size', 'GiST size, on (unit, value); 3col: btree', '3col');
DROP INDEX col3_btree;

-- GiST on the value alone --------------------------------------------------------
SELECT EXISTS (SELECT FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
               WHERE a.amname = 'gist' AND c.opcintype = 'ptarget'::regtype AND c.opcdefault) AS has_gist \gset
\if :has_gist
SELECT bench.build_index('GiST build, on the value', 'GiST size, on the value', 'ptarget',
                         'CREATE INDEX pt_gist ON pt USING gist (t)', 'pt_gist', :n, :build_reps);
SELECT bench.index_query('indexed @> (~1 %), GiST on the value', 'ptarget', q, :qreps) FROM bench.query WHERE peer = 'ptarget';
DROP INDEX pt_gist;
\else
SELECT bench.record(op, 'ptarget', NULL, NULL, 'no GiST opclass')
FROM unnest(ARRAY['GiST build, on the value', 'GiST size, on the value',
                  'indexed @> (~1 %), GiST on the value']) op;
SELECT bench.note('plans', 'ptarget has no default GiST operator class: its GiST rows are not measured');
\endif

SELECT bench.build_index('GiST build, on the value', 'GiST size, on the value', 'numrange',
                         'CREATE INDEX rng_gist ON rng USING gist (r)', 'rng_gist', :n, :build_reps);
SELECT bench.index_query('indexed @> (~1 %), GiST on the value', 'numrange', q, :qreps) FROM bench.query WHERE peer = 'numrange';
DROP INDEX rng_gist;

SELECT bench.build_index('GiST build, on the value', 'GiST size, on the value', 'seg',
                         'CREATE INDEX sg_gist ON sg USING gist (s)', 'sg_gist', :n, :build_reps);
SELECT bench.index_query('indexed @> (~1 %), GiST on the value', 'seg', q, :qreps) FROM bench.query WHERE peer = 'seg';
DROP INDEX sg_gist;

-- GiST on (unit, value) with btree_gist: the unit narrows the search like
-- ptarget's dimension does; ptarget's own GiST serves both rows ----------------
SELECT bench.copy_cell(a || ', on the value', a || ', on (unit, value); 3col: btree', 'ptarget')
FROM unnest(ARRAY['GiST build', 'GiST size']) a;
SELECT bench.copy_cell('indexed @> (~1 %), GiST on the value', 'indexed @> (~1 %), GiST on (unit, value); 3col: btree', 'ptarget');

SELECT bench.build_index('GiST build, on (unit, value); 3col: btree', 'GiST size, on (unit, value); 3col: btree', 'numrange',
                         'CREATE INDEX rng_gist2 ON rng USING gist (unit, r)', 'rng_gist2', :n, :build_reps);
SELECT bench.index_query('indexed @> (~1 %), GiST on (unit, value); 3col: btree', 'numrange', q, :qreps) FROM bench.query WHERE peer = 'numrange';
DROP INDEX rng_gist2;

SELECT bench.build_index('GiST build, on (unit, value); 3col: btree', 'GiST size, on (unit, value); 3col: btree', 'seg',
                         'CREATE INDEX sg_gist2 ON sg USING gist (unit, s)', 'sg_gist2', :n, :build_reps);
SELECT bench.index_query('indexed @> (~1 %), GiST on (unit, value); 3col: btree', 'seg', q, :qreps) FROM bench.query WHERE peer = 'seg';
DROP INDEX sg_gist2;

RESET enable_seqscan;
