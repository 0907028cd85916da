-- 10_generate.sql — :n deterministic, realistic targets in bench.src.
--
-- Each row holds the target as written (v, the ptarget input) and the same
-- information prepared for the peers: the bare magnitude as written, the
-- operator, the base unit (the dimension key) and the bounds converted to
-- the base unit.  All choices come from bench.u(id, stream), so the data
-- depend on :n only.
--   90 % quantities: operators ≥ 40 %, > 10 %, ≤ 22 %, < 8 %, = 10 %, a~b 10 %;
--        0–2 decimals; units weighted roughly as in real documents
--    5 % dates: 2025年9月30日之前 (60 %), 2025年9月30日, 2025年9月, 2025年
--    5 % labels: 普遍满意, 明显提高, ...

-- written unit, base unit (what the peers store), factor to the base unit,
-- weight in ‰, magnitude range 10^lo .. 10^hi, whether 万 may be put in front
CREATE TABLE bench.unit (id int, written text, base text, factor numeric, weight int,
                         lo float8, hi float8, wan_ok bool);
INSERT INTO bench.unit VALUES
    ( 1, '%',        '%',        1,        200, 0,   0,   false),  -- magnitude: see below
    ( 2, '万元',     '元',       1e4,      150, 0,   3.7, false),
    ( 3, '元',       '元',       1,         60, 1,   6,   false),
    ( 4, '次',       '次',       1,         80, 0,   4,   true),
    ( 5, '人次',     '人次',     1,         60, 1,   6,   true),
    ( 6, '个',       '个',       1,         80, 0,   3,   false),
    ( 7, '天',       '秒',       86400,     30, 0,   2.6, false),
    ( 8, '小时',     '秒',       3600,      20, 0,   2,   false),
    ( 9, '分钟',     '秒',       60,        20, 0,   2.5, false),
    (10, '工作日',   '工作日',   1,         30, 0,   1.5, false),
    (11, '月',       '月',       1,         20, 0,   1.3, false),
    (12, '年',       '月',       12,        15, 0,   1,   false),
    (13, '度',       'kWh',      1,         20, 2,   7,   false),
    (14, '平米',     '平方米',   1,         20, 1,   5,   false),
    (15, 'T',        'B',        1e12,      10, 0,   3,   false),
    (16, '台',       '台',       1,         25, 0,   3,   false),
    (17, '辆',       '辆',       1,         20, 0,   3,   false),
    (18, '路',       '路',       1,         15, 0,   3,   false),
    (19, '元/人/月', '元/人/月', 1,         20, 2,   4,   false),
    (20, '次/年',    '次/年',    1,         20, 0,   5,   true),
    (21, '',         '',         1,         85, 0,   6,   true);   -- bare number (or 万)

-- slot 0..999 → unit id, by weight
CREATE TABLE bench.unit_slot AS
SELECT s AS slot, u.id
FROM (SELECT id, sum(weight) OVER (ORDER BY id) - weight AS c0, sum(weight) OVER (ORDER BY id) AS c1
      FROM bench.unit) u
JOIN generate_series(0, 999) s ON s >= u.c0 AND s < u.c1;

CREATE TABLE bench.label_word (id int, w text);
INSERT INTO bench.label_word
SELECT row_number() OVER () - 1, w FROM unnest(ARRAY[
    '普遍满意', '明显提高', '合格', '有效提升', '逐步改善', '达标', '显著提升', '持续改善',
    '良好', '稳步提升', '基本满意', '全面完成', '按时完成', '有所提高', '效果明显',
    '符合要求', '不断完善', '进一步提升', '保持稳定', '得到保障']) w;
CREATE TABLE bench.label_prefix (id int, p text);
INSERT INTO bench.label_prefix
SELECT row_number() OVER () - 1, p FROM unnest(ARRAY['', '服务对象', '群众', '社会', '明显', '持续']) p;

CREATE TABLE bench.src (
    id      int PRIMARY KEY,
    kind    text NOT NULL,  -- quantity, date, label
    v       text NOT NULL,  -- the target as written
    op      text,           -- ≥ > ≤ < = ~ ; label for labels
    mag     text,           -- magnitude as written (lower one for a~b); day number for dates
    mag_hi  text,           -- upper magnitude of a~b; last day number of a month/year
    unit    text NOT NULL,  -- base unit ('' bare, 'date' for dates, the text for labels)
    lo      numeric,        -- lower bound in the base unit, NULL = −∞ (dates: day numbers)
    lo_inc  bool,
    hi      numeric,        -- upper bound, NULL = +∞
    hi_inc  bool,
    rng     text,           -- numrange input text
    segt    text            -- seg input text
);

-- quantities ---------------------------------------------------------------
INSERT INTO bench.src (id, kind, v, op, mag, mag_hi, unit, lo, lo_inc, hi, hi_inc)
WITH g AS (
    SELECT i, bench.u(i, 1) AS u_kind, bench.u(i, 2) AS u_unit, bench.u(i, 3) AS u_op,
           bench.u(i, 4) AS u_mag, bench.u(i, 5) AS u_dec, bench.u(i, 6) AS u_wid,
           bench.u(i, 7) AS u_wan
    FROM generate_series(1, :n) i
), q AS (
    SELECT g.i, u.*,
           CASE WHEN g.u_op < 0.40 THEN '≥' WHEN g.u_op < 0.50 THEN '>' WHEN g.u_op < 0.72 THEN '≤'
                WHEN g.u_op < 0.80 THEN '<' WHEN g.u_op < 0.90 THEN '=' ELSE '~' END AS op,
           -- a bare number like 1420.5 reads as the month 1420年5月 (the dotted
           -- form of 2023.07), so bare numbers of 100 and more get no decimals
           CASE WHEN u.written = '' AND g.u_mag * u.hi >= 2 THEN 0
                WHEN g.u_dec < 0.6 THEN 0 WHEN g.u_dec < 0.85 THEN 1 ELSE 2 END AS dec,
           u.wan_ok AND g.u_wan < 0.3 AS wan,
           g.u_mag, g.u_wid
    FROM g JOIN bench.unit_slot s ON s.slot = floor(g.u_unit * 1000)::int
           JOIN bench.unit u ON u.id = s.id
    WHERE g.u_kind >= 0.10
), m AS (
    SELECT q.*,
           round(CASE WHEN q.written = '%' AND q.op IN ('≤', '<') THEN 0.5 + 19.5 * q.u_mag
                      WHEN q.written = '%' AND q.op = '~'        THEN 50 + 40 * q.u_mag
                      WHEN q.written = '%'                       THEN 50 + 50 * q.u_mag
                      WHEN q.wan THEN power(10, 2.5 * q.u_mag)
                      ELSE power(10, q.lo + (q.hi - q.lo) * q.u_mag) END::numeric, q.dec) AS a
    FROM q
), r AS (
    SELECT m.*,
           CASE WHEN m.op = '~' THEN greatest(round(m.a * (1.2 + 3 * m.u_wid)::numeric, m.dec), m.a + 1) END AS b,
           m.factor * CASE WHEN m.wan THEN 10000 ELSE 1 END AS f,
           CASE WHEN m.wan THEN '万' ELSE '' END || m.written AS wunit
    FROM m
)
SELECT i, 'quantity',
       CASE WHEN op = '~' THEN a || '~' || b || wunit
            WHEN op = '=' THEN a || wunit
            ELSE op || a || wunit END,
       op, a::text, b::text, base,
       CASE WHEN op IN ('≥', '>', '=', '~') THEN a * f END,
       op IN ('≥', '=', '~'),
       CASE WHEN op IN ('≤', '<', '=') THEN a * f WHEN op = '~' THEN b * f END,
       op IN ('≤', '=', '~')
FROM r;

-- dates (day numbers since 2000-01-01) -------------------------------------
INSERT INTO bench.src (id, kind, v, op, mag, mag_hi, unit, lo, lo_inc, hi, hi_inc)
WITH g AS (
    SELECT i, bench.u(i, 3) AS u_form, date '2023-01-01' + floor(bench.u(i, 4) * 1461)::int AS d
    FROM generate_series(1, :n) i
    WHERE bench.u(i, 1) < 0.05
), f AS (
    SELECT i, d,
           CASE WHEN u_form < 0.6 THEN 'before' WHEN u_form < 0.8 THEN 'day'
                WHEN u_form < 0.9 THEN 'month' ELSE 'year' END AS form,
           extract(year FROM d)::int AS y, extract(month FROM d)::int AS mo, extract(day FROM d)::int AS dd
    FROM g
), b AS (
    SELECT f.*,
           CASE form WHEN 'month' THEN make_date(y, mo, 1) WHEN 'year' THEN make_date(y, 1, 1) ELSE d END
               - date '2000-01-01' AS d0,
           CASE form WHEN 'month' THEN (make_date(y, mo, 1) + interval '1 month')::date - 1
                     WHEN 'year' THEN make_date(y, 12, 31) ELSE d END
               - date '2000-01-01' AS d1
    FROM f
)
SELECT i, 'date',
       CASE form WHEN 'before' THEN y || '年' || mo || '月' || dd || '日之前'
                 WHEN 'day'    THEN y || '年' || mo || '月' || dd || '日'
                 WHEN 'month'  THEN y || '年' || mo || '月'
                 ELSE y || '年' END,
       CASE form WHEN 'before' THEN '≤' WHEN 'day' THEN '=' ELSE '~' END,
       CASE form WHEN 'before' THEN d1 ELSE d0 END::text,
       CASE WHEN form IN ('month', 'year') THEN d1::text END,
       'date',
       CASE WHEN form <> 'before' THEN d0 END, form <> 'before',
       d1, true
FROM b;

-- labels ---------------------------------------------------------------------
INSERT INTO bench.src (id, kind, v, op, unit)
SELECT i, 'label', p.p || w.w, 'label', p.p || w.w
FROM generate_series(1, :n) i
JOIN bench.label_word w ON w.id = floor(bench.u(i, 3) * 20)::int
JOIN bench.label_prefix p ON p.id = floor(bench.u(i, 4) * 6)::int
WHERE bench.u(i, 1) >= 0.05 AND bench.u(i, 1) < 0.10;

-- the peers' input texts
UPDATE bench.src SET
    rng  = CASE WHEN kind <> 'label' THEN
               CASE WHEN lo IS NULL THEN '(' WHEN lo_inc THEN '[' ELSE '(' END
               || coalesce(lo::text, '') || ',' || coalesce(hi::text, '')
               || CASE WHEN hi IS NULL THEN ')' WHEN hi_inc THEN ']' ELSE ')' END END,
    -- seg has no open/closed distinction: > and < become ≥ and ≤
    segt = CASE WHEN kind = 'label' THEN NULL
                WHEN lo = hi THEN lo::text
                ELSE coalesce(lo::text || ' ', '') || '..' || coalesce(' ' || hi::text, '') END;

VACUUM ANALYZE bench.src;

SELECT bench.note('data', format('%s targets: %s quantities, %s dates, %s labels; md5 of the texts %s',
       count(*), count(*) FILTER (WHERE kind = 'quantity'), count(*) FILTER (WHERE kind = 'date'),
       count(*) FILTER (WHERE kind = 'label'), md5(string_agg(v, E'\n' ORDER BY id))))
FROM bench.src;
SELECT bench.note('data', 'sample: ' || string_agg(v, '  ' ORDER BY id)) FROM bench.src WHERE id <= 24;
