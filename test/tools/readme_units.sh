#!/bin/sh
# test/tools/readme_units.sh TABLE README — writes the Markdown table TABLE
# (what test/tools/units_table prints from the unit catalog) into README between
# the lines "<!-- generated: units_table -->" and "<!-- /generated -->".
# Used by `make readme-units` and `bash test/readme.sh --update`; test/readme.sh
# fails when the README's table is not the catalog's.
set -eu
table=$1
readme=$2
grep -q '^<!-- generated: units_table -->$' "$readme" || { echo "$readme has no units_table marker" >&2; exit 2; }
awk -v table="$table" '
	/^<!-- generated: units_table -->$/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
	/^<!-- \/generated -->$/ { skip = 0 }
	!skip { print }
' "$readme" >"$readme.tmp"
mv "$readme.tmp" "$readme"
