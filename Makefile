# ptarget — PGXS build.  `make && make install`, then `make installcheck`
# against a running server; `make unit` builds and runs the plain-C tests.

EXTENSION = ptarget
MODULE_big = ptarget

# Released install scripts are frozen (sql/ptarget--1.0.sql is byte-for-byte
# what 1.0 shipped).  What a version adds lives in sql/<version>/*.sql, one
# file per topic; the rules below turn it into the upgrade script and, after
# the previous full script, into the new full script.
DATA = sql/ptarget--1.0.sql
DATA_built = ptarget--1.1.sql ptarget--1.0--1.1.sql
UPGRADE_1_1 = $(sort $(wildcard sql/1.1/*.sql))


# the plain-C core: no PostgreSQL headers (unit-tested and fuzzed alone)
CORE_SRCS = src/pt_decimal.c src/pt_units.c src/pt_fold.c src/pt_date.c \
            src/pt_lexicon.c src/pt_parse.c src/pt_parse_date.c src/pt_extract.c \
            src/pt_format.c src/pt_pack.c src/pt_semantics.c \
            src/pt_gist.c src/pt_document.c \
            src/pt_cells.c src/pt_read.c src/pt_read_text.c src/pt_read_delimited.c \
            src/pt_read_docx.c src/pt_read_xlsx.c src/pt_ooxml.c src/pt_numfmt.c \
            src/pt_layout.c src/pt_cell_target.c src/pt_score.c
# what the core links: libzip and expat read .docx and .xlsx (src/pt_ooxml.h
# says why these two); every program built from CORE_SRCS links CORE_LIBS
CORE_LIBS = -lzip -lexpat
SHLIB_LINK += $(CORE_LIBS)
# the thin PostgreSQL glue
GLUE_SRCS = src/pg_io.c src/pg_operators.c src/pg_accessors.c src/pg_import.c src/pg_import_tables.c src/pg_gist.c src/pg_sort.c src/pg_stats.c src/pg_aggregates.c src/pg_score.c src/pg_extract.c src/pg_nls.c
OBJS = $(CORE_SRCS:.c=.o) $(GLUE_SRCS:.c=.o)

# every suite in test/sql/, in name order (each creates the extension afresh)
REGRESS = $(sort $(basename $(notdir $(wildcard test/sql/*.sql))))
REGRESS_OPTS = --inputdir=test --encoding=UTF8 --no-locale

PG_CONFIG ?= pg_config
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
PGXS := $(shell $(PG_CONFIG) --pgxs)

# PostgreSQL 15 is the oldest release ptarget is built and tested on.
PG_MAJOR := $(shell $(PG_CONFIG) --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
ifneq ($(shell [ "$(PG_MAJOR)" -ge 15 ] 2>/dev/null && echo ok),ok)
$(error ptarget needs PostgreSQL 15 or later, but $(PG_CONFIG) is "$(shell $(PG_CONFIG) --version)"; set PG_CONFIG=/path/to/a/newer/pg_config)
endif

include $(PGXS)

ptarget--1.0--1.1.sql: $(UPGRADE_1_1)
	{ printf '%s\n' '\echo Use "ALTER EXTENSION ptarget UPDATE" to load this file. \quit'; cat $^; } > $@

ptarget--1.1.sql: sql/ptarget--1.0.sql $(UPGRADE_1_1)
	cat $^ > $@

# ---------------------------------------------------------------- plain-C tests
UNIT_CC ?= cc
UNIT_CFLAGS = -std=gnu11 -O1 -g -Wall -Wextra -Werror -Isrc -fsanitize=address,undefined -fno-sanitize-recover=all
SEEDS = test/data/seeds/000_e3b62ee139f4edb8.txt test/data/seeds/001_3f8b325168c357be.txt

test/unit/test_core: test/unit/test_core.c test/unit/check.h $(CORE_SRCS) src/*.h
	$(UNIT_CC) $(UNIT_CFLAGS) -o $@ test/unit/test_core.c $(CORE_SRCS) $(CORE_LIBS)

test/tools/units_table: test/tools/units_table.c $(CORE_SRCS)
	$(UNIT_CC) -std=gnu11 -O1 -Isrc -o $@ test/tools/units_table.c $(CORE_SRCS) $(CORE_LIBS)

# README.md's unit table, generated from the unit catalog (test/readme.sh fails
# when they differ)
readme-units: test/tools/units_table
	test/tools/units_table >test/tools/units_table.md
	sh test/tools/readme_units.sh test/tools/units_table.md README.md
	rm -f test/tools/units_table.md
.PHONY: readme-units

# the core alone, per value (test/bench/instructions.sh runs it under callgrind)
test/bench/core_bench: test/bench/core_bench.c $(CORE_SRCS) src/*.h
	$(UNIT_CC) -std=gnu11 -O2 -g -fno-strict-aliasing -fwrapv -Isrc -o $@ test/bench/core_bench.c $(CORE_SRCS) $(CORE_LIBS)

test/unit/test_document: test/unit/test_document.c test/unit/*.h $(CORE_SRCS) src/*.h
	$(UNIT_CC) $(UNIT_CFLAGS) -o $@ test/unit/test_document.c $(CORE_SRCS) $(CORE_LIBS)

test/unit/test_score: test/unit/test_score.c test/unit/check.h $(CORE_SRCS) src/*.h
	$(UNIT_CC) $(UNIT_CFLAGS) -o $@ test/unit/test_score.c $(CORE_SRCS) $(CORE_LIBS)

test/unit/test_layout: test/unit/test_layout.c test/unit/*.h $(CORE_SRCS) src/*.h
	$(UNIT_CC) $(UNIT_CFLAGS) -Itest/unit -o $@ test/unit/test_layout.c $(CORE_SRCS) $(CORE_LIBS)

test/unit/test_delimited: test/unit/test_delimited.c test/unit/*.h $(CORE_SRCS) src/*.h
	$(UNIT_CC) $(UNIT_CFLAGS) -Itest/unit -o $@ test/unit/test_delimited.c $(CORE_SRCS) $(CORE_LIBS)

test/unit/test_ooxml: test/unit/test_ooxml.c test/unit/*.h $(CORE_SRCS) src/*.h
	$(UNIT_CC) $(UNIT_CFLAGS) -Itest/unit -o $@ test/unit/test_ooxml.c $(CORE_SRCS) $(CORE_LIBS) -lz

# parse throughput of the readers (test/bench/ooxml_bench.c; not a test)
test/bench/ooxml_bench: test/bench/ooxml_bench.c $(CORE_SRCS) src/*.h
	$(UNIT_CC) -std=gnu11 -O2 -g -Isrc -Itest/unit -o $@ test/bench/ooxml_bench.c $(CORE_SRCS) $(CORE_LIBS) -lz

# each program prints "N passed, M failed"; the runner adds them up
unit: test/unit/test_core test/unit/test_document test/unit/test_score test/unit/test_layout test/unit/test_delimited \
      test/unit/test_ooxml
	test/unit/test_core test/data/seed_cells.tsv
	test/unit/test_document $(SEEDS)
	test/unit/test_score
	test/unit/test_layout $(SEEDS) test/data/seed_cells.tsv
	test/unit/test_delimited test/data/documents
	test/unit/test_ooxml test/data/documents

.PHONY: unit
EXTRA_CLEAN = test/unit/test_core test/unit/test_document test/unit/test_score test/unit/test_layout \
              test/unit/test_delimited test/unit/test_ooxml test/tools/units_table test/bench/core_bench \
              test/bench/ooxml_bench

# PGXS does not track headers: rebuild every object when one changes
$(OBJS): $(wildcard src/*.h)

# ---------------------------------------------------------------- ptarget-load and translations
# The loader (tools/ptarget-load, a libpq client) has a Makefile of its own,
# run from here with the same PG_CONFIG and DESTDIR: PGXS builds one PROGRAM
# per Makefile and this one builds the module.  po/<lang>.po are the
# module's message catalogues, installed as <localedir>/<lang>/LC_MESSAGES/
# ptarget-<major>.mo (the domain _PG_init binds); `make update-po` extracts
# the messages again (the glue's errmsg/errdetail/errhint and the core's
# PT_()/PT_N_() strings) and merges them into the catalogues.
LOADER = tools/ptarget-load
NLS_DOMAIN = ptarget-$(PG_MAJOR)
NLS_LANGUAGES = $(basename $(notdir $(wildcard po/*.po)))
# without gettext's msgfmt the module builds without catalogues (English only)
MSGFMT := $(shell command -v msgfmt 2>/dev/null)
NLS_MO = $(if $(MSGFMT),$(addprefix po/,$(addsuffix .mo,$(NLS_LANGUAGES))))
localedir := $(shell $(PG_CONFIG) --localedir)

all: loader $(NLS_MO)
install: install-loader install-nls
uninstall: uninstall-loader uninstall-nls
clean: clean-loader
EXTRA_CLEAN += $(NLS_MO)

loader:
	$(MAKE) -C $(LOADER) PG_CONFIG=$(PG_CONFIG)
install-loader: loader
	$(MAKE) -C $(LOADER) PG_CONFIG=$(PG_CONFIG) install
uninstall-loader:
	$(MAKE) -C $(LOADER) PG_CONFIG=$(PG_CONFIG) uninstall
clean-loader:
	$(MAKE) -C $(LOADER) clean

po/%.mo: po/%.po
	msgfmt -c -o $@ $<

install-nls: $(NLS_MO)
	for lang in $(if $(MSGFMT),$(NLS_LANGUAGES)); do \
		$(INSTALL) -d "$(DESTDIR)$(localedir)/$$lang/LC_MESSAGES" && \
		$(INSTALL_DATA) po/$$lang.mo "$(DESTDIR)$(localedir)/$$lang/LC_MESSAGES/$(NLS_DOMAIN).mo" || exit 1; \
	done
uninstall-nls:
	for lang in $(NLS_LANGUAGES); do rm -f "$(DESTDIR)$(localedir)/$$lang/LC_MESSAGES/$(NLS_DOMAIN).mo"; done

update-po:
	xgettext --from-code=UTF-8 --language=C --add-comments=translator -o po/ptarget.pot \
		-kerrmsg -kerrdetail -kerrhint -kerrmsg_plural:1,2 -kerrdetail_plural:1,2 \
		-kgettext_noop -kpg_ptarget_gettext -kPT_ -kPT_N_ \
		--flag=errmsg:1:c-format --flag=errdetail:1:c-format --flag=errhint:1:c-format \
		$(GLUE_SRCS) $(CORE_SRCS)
	for po in po/*.po; do [ ! -e "$$po" ] || msgmerge -q -U --backup=none $$po po/ptarget.pot; done
	$(MAKE) -C $(LOADER) update-po

.PHONY: loader install-loader uninstall-loader clean-loader install-nls uninstall-nls update-po
