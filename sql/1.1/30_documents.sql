
-- ------------------------------------------------------------------ documents of every format (issue 10)
-- The document as bytes: the seeds' text export, CSV or TSV (UTF-8 with or
-- without BOM, UTF-16 with BOM, GB18030/GBK), .docx and .xlsx, told apart by
-- their content.  One reader per format yields tables of cells; one layout
-- step recognises the columns by their header words.  The rows have 1.0's
-- twelve columns, then the facts other layouts and self-evaluation sheets
-- (自评表) give.  The text functions of 1.0 stay as they are.
CREATE TYPE @extschema@.ptarget_document_row AS (
    department_code pg_catalog.text, department_name pg_catalog.text,
    project pg_catalog.text, "position" pg_catalog.int4,
    level1 pg_catalog.text, level2 pg_catalog.text, level3 pg_catalog.text,
    description pg_catalog.text, value_text pg_catalog.text,
    target @extschema@.ptarget, note pg_catalog.text, line pg_catalog.int4,
    year pg_catalog.int4, level1_weight pg_catalog.numeric, level2_weight pg_catalog.numeric,
    direction pg_catalog.text, unit_text pg_catalog.text, weight pg_catalog.numeric,
    actual_text pg_catalog.text, actual @extschema@.ptarget, recorded_score pg_catalog.numeric,
    deviation_reason pg_catalog.text, scoring_standard pg_catalog.text,
    performance_standard pg_catalog.text, other_cells pg_catalog.text,
    source_format pg_catalog.text, source_part pg_catalog.text, source_row pg_catalog.int4,
    extracted @extschema@.ptarget[]);

CREATE FUNCTION @extschema@.ptarget_parse_document(
    document pg_catalog.bytea, source pg_catalog.text DEFAULT NULL, lenient pg_catalog.bool DEFAULT false)
    RETURNS SETOF @extschema@.ptarget_document_row
    AS 'MODULE_PATHNAME', 'ptarget_parse_document_bytes' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 300;

CREATE FUNCTION @extschema@.ptarget_import(
    document pg_catalog.bytea, source pg_catalog.text DEFAULT NULL,
    schema pg_catalog.name DEFAULT NULL, lenient pg_catalog.bool DEFAULT false)
    RETURNS SETOF @extschema@.ptarget_document_row
    AS 'MODULE_PATHNAME', 'ptarget_import_bytes' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 300;

COMMENT ON TYPE @extschema@.ptarget_document_row IS
    'a row of a read document: one indicator (1.0''s twelve columns, then what other layouts and 自评表 give), or a part that was skipped (project, note, line or source_part/source_row only)';
COMMENT ON COLUMN @extschema@.ptarget_document_row.department_code IS 'department code as the document gives it (the text export: 6 digits); NULL when it gives none';
COMMENT ON COLUMN @extschema@.ptarget_document_row.department_name IS 'department (主管部门) name';
COMMENT ON COLUMN @extschema@.ptarget_document_row.project IS 'project name: 项目名称, else the title without the form''s name and year, else the sheet or file name';
COMMENT ON COLUMN @extschema@.ptarget_document_row."position" IS '1-based row number in the project''s indicator table';
COMMENT ON COLUMN @extschema@.ptarget_document_row.level1 IS '一级指标, inherited from the row above when blank or merged, without a weight such as (50分)';
COMMENT ON COLUMN @extschema@.ptarget_document_row.level2 IS '二级指标, inherited likewise';
COMMENT ON COLUMN @extschema@.ptarget_document_row.level3 IS '三级指标 or 指标名称';
COMMENT ON COLUMN @extschema@.ptarget_document_row.description IS '绩效指标描述 / 指标解释; empty when the table has none';
COMMENT ON COLUMN @extschema@.ptarget_document_row.value_text IS 'the target cell (指标值, 年度指标值, …) exactly as written';
COMMENT ON COLUMN @extschema@.ptarget_document_row.target IS 'the target: the value cell, combined with the operator and unit cells or the name''s template when they complete it, read with the table''s year and the unit of the column header when it lacks them, or the one constraint a cell of prose states; NULL when it is not a valid target';
COMMENT ON COLUMN @extschema@.ptarget_document_row.note IS 'what the import noticed: cells combined, a template used, the table''s year or the column''s unit used, a constraint read from prose, an actual read in the target''s unit, a value kept as text';
COMMENT ON COLUMN @extschema@.ptarget_document_row.line IS 'text formats: the line of the target cell; NULL for .docx and .xlsx';
COMMENT ON COLUMN @extschema@.ptarget_document_row.year IS 'budget year from the title or a 年度 cell';
COMMENT ON COLUMN @extschema@.ptarget_document_row.level1_weight IS 'the weight of the 一级指标, from 产出指标(50分)';
COMMENT ON COLUMN @extschema@.ptarget_document_row.level2_weight IS 'the weight of the 二级指标, written likewise';
COMMENT ON COLUMN @extschema@.ptarget_document_row.direction IS 'the operator or direction cell (计算符号, 指标性质, 指标方向) as written; NULL when the table has none';
COMMENT ON COLUMN @extschema@.ptarget_document_row.unit_text IS 'the unit cell (度量单位, 计量单位) as written; NULL when the table has none';
COMMENT ON COLUMN @extschema@.ptarget_document_row.weight IS '分值 / 权重 as a number; NULL when absent or not a number (then in the note)';
COMMENT ON COLUMN @extschema@.ptarget_document_row.actual_text IS 'the actual value cell (实际完成值, 全年实际值, (B)) as written; NULL when the table has none';
COMMENT ON COLUMN @extschema@.ptarget_document_row.actual IS 'the actual value as a target, in the target''s unit when written without one; NULL when absent or not readable';
COMMENT ON COLUMN @extschema@.ptarget_document_row.recorded_score IS '得分 as recorded in the document';
COMMENT ON COLUMN @extschema@.ptarget_document_row.deviation_reason IS '偏差原因 / 未完成原因 as written';
COMMENT ON COLUMN @extschema@.ptarget_document_row.scoring_standard IS '评(扣)分标准 as written';
COMMENT ON COLUMN @extschema@.ptarget_document_row.performance_standard IS '绩效标准 as written';
COMMENT ON COLUMN @extschema@.ptarget_document_row.other_cells IS 'cells of columns the import has no field for, one "header：text" per line';
COMMENT ON COLUMN @extschema@.ptarget_document_row.source_format IS 'what was read: text export, csv, tsv, docx, xlsx';
COMMENT ON COLUMN @extschema@.ptarget_document_row.source_part IS '.docx: "table N"; .xlsx: the sheet''s name; NULL for text formats';
COMMENT ON COLUMN @extschema@.ptarget_document_row.extracted IS 'the constraints a target cell of prose states (ptarget_extract), in order, when it states several (the target then stays the text, as a label); NULL otherwise. One constraint becomes the target itself (see note)';
COMMENT ON COLUMN @extschema@.ptarget_document_row.source_row IS 'the row''s place: the line (text formats), the row in the table (.docx) or the sheet''s row number (.xlsx)';

COMMENT ON FUNCTION @extschema@.ptarget_parse_document(pg_catalog.bytea, pg_catalog.text, pg_catalog.bool) IS
    'reads a 绩效目标表 or 自评表 file of any supported format (text export, CSV/TSV in UTF-8, UTF-16 or GB18030, .docx, .xlsx; detected from the bytes): one row per indicator with the target, the actual value, weight, recorded score and where the row is; writes nothing';
COMMENT ON FUNCTION @extschema@.ptarget_import(pg_catalog.bytea, pg_catalog.text, pg_catalog.name, pg_catalog.bool) IS
    'loads a 绩效目标表 or 自评表 file of any supported format into ptarget_document / ptarget_project / ptarget_indicator (migrating tables made by 1.0), replacing re-imported projects; returns the rows loaded';
