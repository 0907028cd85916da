-- a group role owns the import tables; its members import, readers read
CREATE ROLE budget_loaders NOLOGIN;
CREATE ROLE alice LOGIN IN ROLE budget_loaders;
CREATE ROLE bob LOGIN IN ROLE budget_loaders;
CREATE ROLE auditor LOGIN;
CREATE SCHEMA budget AUTHORIZATION budget_loaders;
GRANT USAGE ON SCHEMA budget TO auditor;
-- the first import runs as the group, so the group owns the tables
SET ROLE budget_loaders;
SELECT count(*) FROM ptarget_import(:'doc001', '001.txt', schema => 'budget');
ALTER DEFAULT PRIVILEGES IN SCHEMA budget GRANT SELECT ON TABLES TO auditor;
GRANT SELECT ON ALL TABLES IN SCHEMA budget TO auditor;
RESET ROLE;
-- any member imports later documents into the group's tables
SET ROLE bob;
SELECT count(*) FROM ptarget_import(:'doc000', '000.txt', schema => 'budget');
RESET ROLE;
SET ROLE auditor;
SELECT count(*) FROM budget.ptarget_indicators;
SELECT count(*) FROM ptarget_import(:'doc001', '001.txt', schema => 'budget');
RESET ROLE;
DROP SCHEMA budget CASCADE;
DROP ROLE alice, bob, auditor, budget_loaders;
