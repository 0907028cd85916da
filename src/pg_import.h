/*
 * pg_import.h — what the import's two halves share: pg_import.c reads a
 * document and writes its rows; pg_import_tables.c decides where they may go
 * (the schema, and tables that are safe to write) and creates the tables.
 */
#ifndef PG_IMPORT_H
#define PG_IMPORT_H

#include "pg_ptarget.h"

/* Names the import builds, quoted and qualified once. */
typedef struct import_names
{
	Oid			schema_oid;
	const char *schema_name;	/* as it is, for messages */
	const char *schema;			/* quoted target schema */
	const char *ext_schema;		/* quoted schema of the ptarget type */
	Oid			ptarget_type;
} import_names;

/*
 * The schema to import into: the one named, else the first schema of the
 * search path if it is safe by default (owned by the caller or a role the
 * caller belongs to, and nobody else may create objects in it).
 */
void		import_resolve_names(FunctionCallInfo fcinfo, int target_column, Name schema_arg,
								 import_names *n);

/*
 * Under SPI: checks the import's tables and view in the schema and creates
 * those that are missing.  An existing one must be owned by the caller (or a
 * role the caller is a member of, superuser or not) and have the shape the
 * import makes, with no trigger, rule or row security: anything else could
 * run another role's code with the importer's rights (error 42501).
 */
void		import_prepare_tables(const import_names *n);

#endif
