-- Text input in every accepted spelling, the canonical output, round trips,
-- and the binary send/receive form.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;
SET datestyle = ISO;
\pset null '∅'

-- what people type: ASCII, Unicode, full-width, look-alikes, spaces, separators
SELECT input, input::ptarget AS canonical
FROM (VALUES ('>=95%'), ('≥95%'), ('≧95％'), ('＞３次'), ('<=50万元'), ('≦５０万元'),
             ('=5次'), ('═5次'), ('==5次'), ('5次'), (' ≥ 95 % '), ('≥　95％'),
             ('1,265,822.78度'), ('>1265822.78度'), ('≤5500.00元'), ('≥-5%'),
             ('3.5kWh'), ('5KM'), ('70T'), ('≥55万'), ('5万亿元'), ('≥100万人次'),
             ('≤1000元/人/月'), ('≥48万次/年'), ('≤100台（套）'),
             -- decimals, not months: a bare month needs two digits and a year in 1900..2199
             ('1420.5'), ('≤1156.06'), ('>4025.8'), ('2023.07')) AS v(input);

-- Chinese word forms (spec §2: 以上/以下/以内 include the number, 超过/不满/以外 exclude it)
SELECT input, input::ptarget AS canonical
FROM (VALUES ('不低于95%'), ('不少于20万人次'), ('至少3个'), ('大于等于90%'), ('达到95%'),
             ('不超过50万元'), ('不高于5%'), ('最多3次'), ('小于或等于10天'),
             ('大于100人'), ('高于90%'), ('超过100人'), ('多于3项'),
             ('小于5次'), ('低于1%'), ('不满18人'), ('不足10个'),
             ('90%以上'), ('90%及以上'), ('3个工作日以内'), ('5人以下'), ('100人及其以下'),
             ('5公里以外'), ('3日内'), ('≥95%以上'), ('约5个'), ('5个左右'), ('大约3万元')) AS v(input);

-- ranges: - ~ ～ — -- 至 到, the unit written once or at both ends
SELECT input, input::ptarget AS canonical
FROM (VALUES ('5-10个'), ('5~10个'), ('5～10万元'), ('5—10个'), ('5--10个'), ('5至10个'),
             ('5到10天'), ('5万-10万元'), ('5个~10个'), ('-5~-1%'), ('0.5~0.75万元')) AS v(input);

-- labels: text without digits; a label with digits is written quoted
SELECT input, input::ptarget AS canonical, ptarget_label(input::ptarget) AS label
FROM (VALUES ('普遍满意'), ('  明显   提高 '), ('完成2个'), ('"完成2个"'), ('"他说""好"""'),
             ('"≥95%"'), ('information'), ('100%完成'),
             ('2025年12月底之前完成项目资金阶段性支付')) AS v(input);

-- round trip: text -> ptarget -> text -> ptarget is equal and prints the same
CREATE TABLE rt(input text);
INSERT INTO rt VALUES ('≥95%'), ('≤50万元'), ('<5次'), ('365天'), ('≥20万人次'),
  ('≤0.55万元'), ('≤5500.00元'), ('5~10万元'), ('约5个'), ('≤1000元/人/月'),
  ('2025年12月2日'), ('2025年9月30日之前'), ('2025年3月底前'), ('2025年全年'),
  ('2025年12月'), ('2025年12月中旬'), ('≥2025年10月1日'), ('2025-01-01~2025-03-05'),
  ('普遍满意'), ('"完成2个"'), ('"他说""好"""'), ('"≥95%"'), ('0.000000000000000000000000000001元'),
  ('1234567890123456789012345678万元'), ('-0.5%'), ('0个'), ('≥55万'), ('70T'), ('约2025年');
SELECT input, t1, t2, t1 = t2::ptarget AS equal, t1::text = t2 AS same_text
FROM (SELECT input, input::ptarget AS t1, input::ptarget::text::ptarget::text AS t2 FROM rt) s;

-- the cast to text (1.1, ptarget_text) writes what the output function writes,
-- also for a text longer than the output's stack buffer (a 3,000-byte label)
SELECT count(*) AS values, count(*) FILTER (WHERE t::text = textin(ptarget_out(t))) AS same,
       max(length(t::text)) AS longest
FROM (SELECT input::ptarget AS t FROM rt UNION ALL SELECT repeat('满意', 500)::ptarget) s;

-- binary form: a version byte and the canonical text
SELECT ptarget_send('≥95%'), ptarget_send('≤50万元');
CREATE TABLE bin_src(id int, t ptarget);
INSERT INTO bin_src SELECT row_number() OVER (), input::ptarget FROM rt;
-- the files live in the cluster's data directory: per cluster, gone with it
SELECT current_setting('data_directory') || '/ptarget_regress_io.bin' AS io_file,
       current_setting('data_directory') || '/ptarget_regress_bad.bin' AS bad_file \gset
COPY bin_src TO :'io_file' (FORMAT binary);
CREATE TABLE bin_dst(id int, t ptarget);
COPY bin_dst FROM :'io_file' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE s.t = d.t AND s.t::text = d.t::text) AS identical
FROM bin_src s JOIN bin_dst d USING (id);

-- a malformed binary value is an error, never a crash: write PGCOPY files by hand
CREATE FUNCTION write_copy_file(field bytea, path text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  body bytea := '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea  -- signature, flags, ext
             || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea;
  o oid := lo_from_bytea(0, body);
BEGIN
  PERFORM lo_export(o, path);
  PERFORM lo_unlink(o);
END $$;
CREATE TABLE bin_bad(t ptarget);
SELECT write_copy_file('\x02e289a53935'::bytea, :'bad_file'); -- unknown version 2
COPY bin_bad FROM :'bad_file' (FORMAT binary);
SELECT write_copy_file(''::bytea, :'bad_file');             -- empty
COPY bin_bad FROM :'bad_file' (FORMAT binary);
SELECT write_copy_file('\x01e289a53935252525'::bytea, :'bad_file'); -- ≥95%%%
COPY bin_bad FROM :'bad_file' (FORMAT binary);
SELECT write_copy_file('\x01ff3935'::bytea, :'bad_file'); -- invalid UTF-8
COPY bin_bad FROM :'bad_file' (FORMAT binary);
SELECT write_copy_file('\x013900'::bytea, :'bad_file');   -- NUL byte
COPY bin_bad FROM :'bad_file' (FORMAT binary);
SELECT write_copy_file('\x01e289a5393525'::bytea, :'bad_file'); -- a good one: ≥95%
COPY bin_bad FROM :'bad_file' (FORMAT binary);
SELECT t FROM bin_bad;

-- storage: a typical quantity takes at most 24 bytes
SELECT v, pg_column_size(v::ptarget) AS bytes
FROM (VALUES ('≥95%'), ('≤50万元'), ('≤1265822.78万元'), ('<5次'), ('≥20万人次'),
             ('2025年9月30日之前'), ('2025年全年'), ('普遍满意')) AS x(v);
