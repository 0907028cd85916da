-- Error messages that stay short and say what is wrong with this input
-- (issue 8: bounded quotes, accurate messages and hints), and the casts users
-- try first (integers; binary floats are refused with a way out).
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ptarget CASCADE;
CREATE EXTENSION ptarget;
RESET client_min_messages;
SET datestyle = ISO;
\pset null '∅'
\set VERBOSITY default

-- runs a statement and shows the error it raises, with the message's length
CREATE FUNCTION messages_caught(query text, OUT state text, OUT chars int, OUT message text,
                       OUT detail text, OUT hint text) LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query;
  state := 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                          detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
  chars := length(message);
END $$;

-- ============================================================ 5. bounded messages
-- A message quotes at most the first 64 characters of the input, then "…" and
-- the input's length in characters; short inputs are quoted whole.
SELECT ('≥95' || repeat('%', 1000000))::ptarget;
SELECT repeat('9', 1000000)::ptarget;
SELECT ('≥' || repeat('万', 100000))::ptarget;

-- the message length stays bounded however long the input is
SELECT n, c.state, c.chars, length(c.detail) AS detail_chars, length(c.hint) AS hint_chars
FROM (VALUES (10), (1000), (1000000), (10485760)) AS v(n),
     LATERAL messages_caught(format('SELECT (%L || repeat(%L, %s))::ptarget', '≥95', '%', n)) AS c;

-- 64 characters are quoted whole, 65 are cut after the 64th (characters, not bytes)
SELECT n, c.message = format('invalid input syntax for type ptarget: "≥%s"', repeat('万', n - 1)) AS quoted_whole,
       c.message = format('invalid input syntax for type ptarget: "≥%s…" (%s characters)', repeat('万', 63), n) AS cut,
       octet_length(c.message) AS bytes
FROM (VALUES (63), (64), (65), (100000)) AS v(n),
     LATERAL messages_caught(format('SELECT (%L || repeat(%L, %s))::ptarget', '≥', '万', n - 1)) AS c;

-- every other message that quotes an argument is bounded the same way
SELECT c.state, c.chars, c.message
FROM (VALUES ($q$SELECT ptarget(('1' || repeat('0', 100000))::numeric)$q$),
             ($q$SELECT ptarget('≥', ('1' || repeat('0', 100000))::numeric, '%')$q$),
             ($q$SELECT '≥95%'::ptarget @> ('1' || repeat('0', 100000))::numeric$q$),
             ($q$SELECT ptarget('≥', 5, repeat('元', 100000))$q$),
             ($q$SELECT ptarget(repeat('≠', 100000), 5, '元')$q$),
             ($q$SELECT ptarget_convert('≤50万元', repeat('元', 100000))$q$),
             ($q$SELECT ptarget_convert(repeat('好', 100000)::ptarget, '元')$q$)) AS v(q),
     LATERAL messages_caught(q) AS c;

-- in an EUC_CN database the cut falls between characters of the server encoding
\set regression_db :DBNAME
CREATE DATABASE ptarget_messages_euc_cn ENCODING 'EUC_CN' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c ptarget_messages_euc_cn
SET client_encoding = 'UTF8';
CREATE EXTENSION ptarget;
SELECT ('≥' || repeat('万', 100000))::ptarget;
SELECT ('≥95' || repeat('％', 100))::ptarget;
\c :regression_db
DROP DATABASE ptarget_messages_euc_cn;

-- ============================================================ 6a. the number's role
-- a number tested against a target is not a magnitude
SELECT '≥95%'::ptarget @> 'NaN'::numeric;
SELECT 'NaN'::numeric <@ '≥95%'::ptarget;
SELECT '≥95%'::ptarget @> 'Infinity'::numeric;
SELECT '-Infinity'::numeric <@ '≤50万元'::ptarget;
SELECT '≥95%'::ptarget @> 1.00000000000000000000000000001;
CREATE TABLE messages_indicator(name text, target ptarget, actual numeric, CHECK (target @> actual));
INSERT INTO messages_indicator VALUES ('满意度', '≥95%', 'NaN');
DROP TABLE messages_indicator;
-- a number that becomes a target is its magnitude
SELECT ptarget('NaN'::numeric);
SELECT 'Infinity'::numeric::ptarget;
SELECT ptarget('≥', '-Infinity'::numeric, '%');
SELECT ptarget('≥', 1.00000000000000000000000000001, '%');
SELECT ptarget(1e-61);

-- ============================================================ 6b. date hints fit the input
CREATE FUNCTION messages_parse(input text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  state text; msg text; detail text; hint text;
BEGIN
  PERFORM input::ptarget;
  RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
                          detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
  RETURN state || E'\n' || detail || E'\n' || hint;
END $$;
SELECT input, messages_parse(input) AS result
FROM (VALUES ('2025年13月'), ('2025年0月'), ('2025年13月底'), ('2025年13月中旬'), ('2025-13-01'),
             ('2025年4月31日'), ('2025年4月0日'), ('2025年6月31日之前'), ('2025.09.31'),
             ('2025年2月30日'), ('2024年2月30日'), ('2025年2月29日'), ('1900年2月29日'),
             ('2024年2月29日')) AS v(input);
-- the documented report of a leap day is unchanged
SELECT '2025年2月29日之前'::ptarget;

-- ============================================================ 6c. significant digits
-- trailing zeros of an integer are not significant: 1 followed by 28 zeros has one
SELECT input, t, t::text::ptarget = t AS reads_back, t::text::ptarget::text = t::text AS same_text,
       ptarget_magnitude(t) = input_number AS magnitude_exact
FROM (VALUES ('≥10000000000000000000000000000', 1e28),
             ('≤1' || repeat('0', 59) || '元', 1e59),
             ('1234567890123456789012345678' || repeat('0', 32), 1234567890123456789012345678e32),
             ('0.' || repeat('0', 59) || '1', 1e-60)) AS v(input, input_number),
     LATERAL (SELECT input::ptarget AS t) s;
SELECT ptarget(1e28) AS from_numeric, ptarget('≥', 1e59, '元') AS built,
       ptarget_convert(('≥1' || repeat('0', 30) || '元')::ptarget, '万元') AS converted;
-- what is refused says which limit it passes
SELECT input, messages_parse(input) AS result
FROM (VALUES ('≥12345678901234567890123456789'), ('≥1.0000000000000000000000000000'),
             ('≥1' || repeat('0', 60)), ('≥10000000000000000000000000000.5'),
             ('0.' || repeat('0', 60) || '1'), ('1' || repeat('0', 59) || '万元')) AS v(input);
-- values 1.0 accepted keep their hash (the hash of a value never changes)
SELECT t, ptarget_hash(t::ptarget) AS hash, ptarget_hash_extended(t::ptarget, 42) AS hash42
FROM (VALUES ('≥95%'), ('≤50万元'), ('1000000000000000000000000000'), ('≥1234567890123456789012345678万元'),
             ('0.' || repeat('0', 59) || '1元'), ('≤5500.00元'), ('5~10万元'), ('-0.5%')) AS v(t);

-- other messages say what is wrong with this input
SELECT input, messages_parse(input) AS result
FROM (VALUES ('≥'), ('≥abc'), ('≥ 约'), ('不低于5x'), ('.5'), ('≥-5%%'), ('12,34'), ('5 000'), ('12月2日'),
             ('≥95%%'), ('≥5个/'), ('2025年12月3')) AS v(input);
SELECT ptarget('≥', 2, '千 瓦时');

-- ============================================================ 9. casts users try first
SELECT 5::ptarget AS int4, 5::int2::ptarget AS int2, 5::int8::ptarget AS int8, ptarget(5) AS fn,
       CAST(-12 AS ptarget) AS cast_syntax;
-- an integer cast is the numeric cast: same value, same text, same hash
SELECT count(*) AS values_checked,
       count(*) FILTER (WHERE i::ptarget = i::numeric::ptarget AND i::ptarget::text = i::numeric::ptarget::text
                          AND ptarget_hash(i::ptarget) = ptarget_hash(i::numeric::ptarget)) AS same
FROM (SELECT generate_series(-1000, 1000)::int8 UNION ALL
      VALUES (9223372036854775807), (-9223372036854775808), (2147483647), (-2147483648),
             (100000000), (1000000000000000000)) AS v(i);
SELECT count(*) FILTER (WHERE i::ptarget = i::numeric::ptarget AND i::ptarget::text = i::numeric::ptarget::text) AS int2_same,
       count(*) AS int2_values
FROM (SELECT generate_series(-32768, 32767)::int2) AS v(i);
SELECT x::ptarget::text = x::numeric::ptarget::text AS int4_same
FROM (VALUES (2147483647), (-2147483648), (0), (10)) AS v(x);
-- explicit like the numeric cast: no implicit or assignment path appears
SELECT castsource::regtype, casttarget::regtype, castcontext, castmethod, castfunc::regprocedure
FROM pg_cast WHERE casttarget = 'ptarget'::regtype OR castsource = 'ptarget'::regtype ORDER BY 1::text, 2::text;
SELECT '≥95%'::ptarget @> 96 AS int4_operand, 96::int8 <@ '≥95%'::ptarget AS int8_operand,
       '≥95%'::ptarget @> 96.5 AS numeric_operand;
SELECT '≥95%'::ptarget = 95;
CREATE TABLE messages_t(target ptarget);
INSERT INTO messages_t VALUES (95);
DROP TABLE messages_t;
-- binary floats: no exact conversion, no operator; the cast says what to write instead
SELECT 1.5::float8::ptarget;
SELECT 1.5::float4::ptarget;
SELECT ptarget(0.1::float8);
SELECT NULL::float8::ptarget AS null_stays_null;
SELECT '≥95%'::ptarget @> 96.5::float8;
SELECT '≥95%'::ptarget @> 96.5::float8::numeric AS via_numeric, 0.1::float8::numeric::ptarget AS exact_text;

DROP FUNCTION messages_caught(text), messages_parse(text);
