CREATE TABLE indicator (name text, target ptarget, actual ptarget, actual_flag text);
CREATE TRIGGER actual_meets_target BEFORE INSERT OR UPDATE ON indicator
    FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target', 'actual');
INSERT INTO indicator VALUES ('培训农民人数', '≥4700人', '4520人');
CREATE OR REPLACE TRIGGER actual_meets_target BEFORE INSERT OR UPDATE ON indicator
    FOR EACH ROW EXECUTE FUNCTION ptarget_check_actual('target', 'actual', 'flag');
INSERT INTO indicator VALUES ('培训农民人数', '≥4700人', '4520人'), ('补助户数', '≥1200户', '1260户');
SELECT name, actual, actual_flag FROM indicator;
