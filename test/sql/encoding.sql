-- Non-UTF-8 databases: a Chinese encoding works; one that cannot hold the
-- targets' characters refuses clearly.
CREATE DATABASE ptarget_euc_cn ENCODING 'EUC_CN' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
CREATE DATABASE ptarget_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c ptarget_euc_cn
SET client_encoding = 'UTF8';
CREATE EXTENSION ptarget;
SELECT '≥95%'::ptarget AS t, '≤0.55万元'::ptarget = '≤5500元' AS equal,
       '2025年9月30日之前'::ptarget @> date '2025-09-01' AS deadline, '普遍满意'::ptarget AS label,
       ptarget_unit('≥20万人次') AS unit, ptarget_convert('≤50万元', '元') AS converted;
SELECT '2025年2月29日'::ptarget;
\c ptarget_latin1
SET client_encoding = 'UTF8';
CREATE EXTENSION ptarget;
\c contrib_regression
DROP DATABASE ptarget_euc_cn;
DROP DATABASE ptarget_latin1;
