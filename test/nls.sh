#!/usr/bin/env bash
# test/nls.sh — messages in Chinese (PostgreSQL's NLS for the module, and
# ptarget-load's own catalogue):
#   - the zh_CN.UTF-8 locale is generated when missing (localedef, from the
#     locales package), before this script starts its own private cluster (a
#     server started earlier would not see a locale made after it)
#   - the error suites (test/sql/errors.sql, messages.sql) run twice with
#     pg_regress: in English (lc_messages C, the default) against
#     test/expected/, and with lc_messages = 'zh_CN.UTF-8' against
#     test/nls/expected/ — every message, detail and hint of the module in
#     Chinese, the EUC_CN database included (rows of messages.sql that
#     compare a message with its English format read f there, as they should)
#   - English stays the default: a session that sets nothing reads English
#   - data stays English: an import's notes do not follow lc_messages
#   - the catalogue is complete: every message of po/ptarget.pot translated
#   - ptarget-load in LANG=zh_CN.UTF-8: --help, the table, a usage error
# PTARGET_NLS_UPDATE=1 writes the Chinese results into test/nls/expected/
# (review them before committing).  Ends with "N passed, M failed".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LOADER=${PTARGET_LOAD:-$PG_BIN/ptarget-load}
PG_REGRESS=$(dirname "$(pg_config --pgxs)")/../test/regress/pg_regress
SUITES=(errors messages)


# the locale, before any server of this script starts
if ! locale -a 2>/dev/null | grep -qiE '^zh_CN\.utf-?8$'; then
	echo "== generating the zh_CN.UTF-8 locale"
	as_root localedef -i zh_CN -c -f UTF-8 zh_CN.UTF-8
fi
if locale -a | grep -qiE '^zh_CN\.utf-?8$'; then ok "the zh_CN.UTF-8 locale exists"
else fail "the zh_CN.UTF-8 locale exists" "$(locale -a)"; fi

[ "${PTARGET_NLS_BUILT:-0}" = 1 ] || build_and_install
start_cluster
make_tempdir WORK nls
LOCALEDIR=$(pg_config --localedir)
check "the module's catalogue is installed" "$LOCALEDIR/zh_CN/LC_MESSAGES/ptarget-$PG_MAJOR.mo" \
	"$(ls "$LOCALEDIR/zh_CN/LC_MESSAGES/ptarget-$PG_MAJOR.mo" 2>&1)"
check "ptarget-load's catalogue is installed" "$LOCALEDIR/zh_CN/LC_MESSAGES/ptarget-load-$PG_MAJOR.mo" \
	"$(ls "$LOCALEDIR/zh_CN/LC_MESSAGES/ptarget-load-$PG_MAJOR.mo" 2>&1)"

# ------------------------------------------------------------------ the catalogue
# every message the sources mark is translated (and msgfmt -c accepts it)
(cd "$WORK" && xgettext --from-code=UTF-8 --language=C -o ptarget.pot \
	-kerrmsg -kerrdetail -kerrhint -kgettext_noop -kpg_ptarget_gettext -kPT_ -kPT_N_ \
	--flag=errmsg:1:c-format --flag=errdetail:1:c-format --flag=errhint:1:c-format \
	$(cd "$ROOT" && make -s -f Makefile -f - print-nls-sources <<<'print-nls-sources: ; @echo $(addprefix '"$ROOT"'/,$(GLUE_SRCS) $(CORE_SRCS))'))
msgmerge -q --no-fuzzy-matching -o "$WORK/merged.po" "$ROOT/po/zh_CN.po" "$WORK/ptarget.pot"
stats=$(msgfmt -c --statistics -o /dev/null "$WORK/merged.po" 2>&1 | tail -1)
if [[ $stats =~ ^[0-9]+\ translated\ messages\.$ ]]; then
	ok "po/zh_CN.po translates every message the sources mark ($stats)"
else
	fail "po/zh_CN.po translates every message the sources mark" "$stats"$'\n'"$(msgattrib --untranslated "$WORK/merged.po" | grep '^msgid' | head -20)"
fi

# ------------------------------------------------------------------ the error suites, twice
ZH=$WORK/zh
mkdir -p "$ZH/sql" "$ZH/expected"
for s in "${SUITES[@]}"; do
	cp "$ROOT/test/sql/$s.sql" "$ZH/sql/"
	if [ -f "$ROOT/test/nls/expected/$s.out" ]; then cp "$ROOT/test/nls/expected/$s.out" "$ZH/expected/"
	else : >"$ZH/expected/$s.out"; fi	# pg_regress stops when it cannot diff
done
chmod -R a+rX "$WORK"
regress() { # LOG-NAME INPUTDIR [env...]
	local name=$1 dir=$2
	shift 2
	env "$@" "$PG_REGRESS" --inputdir="$dir" --outputdir="$WORK/$name" --bindir="$PG_BIN" \
		--dbname=ptarget_nls --encoding=UTF8 --no-locale "${SUITES[@]}" >"$WORK/$name.log" 2>&1 || true
	for s in "${SUITES[@]}"; do
		if grep -qE "^(test| ) $s +\.\.\. ok" "$WORK/$name.log"; then ok "$s suite in $name"
		else fail "$s suite in $name" "$(head -60 "$WORK/$name/regression.diffs" 2>/dev/null || tail -20 "$WORK/$name.log")"; fi
	done
}
mkdir -p "$WORK/english" "$WORK/chinese"
regress english "$ROOT/test"
regress chinese "$ZH" PGOPTIONS="-c lc_messages=zh_CN.UTF-8"
if [ "${PTARGET_NLS_UPDATE:-0}" = 1 ]; then
	mkdir -p "$ROOT/test/nls/expected"
	for s in "${SUITES[@]}"; do cp "$WORK/chinese/results/$s.out" "$ROOT/test/nls/expected/$s.out"; done
	echo "== wrote test/nls/expected/*.out"
fi

# ------------------------------------------------------------------ the default, and data
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS ptarget_nls" -c "CREATE DATABASE ptarget_nls"
q() { psql -X -q -At -d ptarget_nls "$@" 2>&1 || true; }
q -c "CREATE EXTENSION ptarget" >/dev/null
check "English is the default: a session that sets nothing" \
	'ERROR:  invalid input syntax for type ptarget: "≥95%%"' "$(q -c "SELECT '≥95%%'::ptarget" | head -1)"
check "lc_messages = 'zh_CN.UTF-8': the message, detail and hint in Chinese" \
	'ERROR:  无效的绩效目标: "≥95%%"|DETAIL:  数量后面有不属于目标的文字。|HINT:  请写成 ≥95%、≤50万元、<5次、5~10个、2025年9月30日之前 这样的目标，或写不含数字的定性描述，如 普遍满意；含数字的定性描述请加引号（"完成2个"）。' \
	"$(q -v VERBOSITY=default -c "SET lc_messages = 'zh_CN.UTF-8'" -c "SELECT '≥95%%'::ptarget" |
	   grep -vE '^(LINE|  )' | sed 's/^错误:/ERROR:/' | paste -sd'|')"
check "a composed hint in Chinese: the month's length" "HINT:  4月有 30 天。" \
	"$(q -c "SET lc_messages = 'zh_CN.UTF-8'" -c "SELECT '2025年4月31日'::ptarget" | grep '^HINT')"
check "back to English with RESET lc_messages" 'ERROR:  invalid date in target: "2025年4月31日"' \
	"$(q -c "SET lc_messages = 'zh_CN.UTF-8'" -c "RESET lc_messages" -c "SELECT '2025年4月31日'::ptarget" | head -1)"
check "an import's notes are data: English in a Chinese session" \
	"not a valid target, kept as text: The day does not exist in the calendar." \
	"$(q -c "SET lc_messages = 'zh_CN.UTF-8'" \
	     -c "SELECT note FROM ptarget_import(pg_read_binary_file('$ROOT/test/data/seeds/000_e3b62ee139f4edb8.txt'), '000.txt') WHERE target IS NULL")"
check "an import's errors follow lc_messages" \
	"错误:  无效的绩效目标文档|DETAIL:  文档为空" \
	"$(q -c "SET lc_messages = 'zh_CN.UTF-8'" -c "SELECT * FROM ptarget_import(''::bytea)" | grep -E '^(错误|DETAIL)' | paste -sd'|')"

# ------------------------------------------------------------------ ptarget-load in Chinese
DOCS=$WORK/docs
mkdir -p "$DOCS"
cp "$ROOT/test/data/seeds/001_3f8b325168c357be.txt" "$DOCS/"
: >"$DOCS/empty.txt"
zh() { env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 PGOPTIONS="-c lc_messages=zh_CN.UTF-8" "$@"; }
set +e
zh "$LOADER" --help >"$WORK/help.zh" 2>&1
zh "$LOADER" -d ptarget_nls --progress=lines "$DOCS" >"$WORK/load.zh" 2>"$WORK/load.zh.err"
rc=$?
zh "$LOADER" >"$WORK/usage.zh" 2>&1
rc_usage=$?
set -e
check "ptarget-load --help in Chinese" "1 1" \
	"$(grep -c '^用法：' "$WORK/help.zh") $(grep -c -- '-j, --jobs=NUM *同时用 NUM 个连接' "$WORK/help.zh")"
check "ptarget-load's table in Chinese, the server's error in Chinese" "1 1 1 1" \
	"$(grep -cE '^文件 +结果 +项目 +指标 +定量 +日期 +定性 +未解析 +跳过 +错误或说明$' "$WORK/load.zh") $(
	   grep -cE '/001_3f8b325168c357be.txt +已导入 +7 +70 ' "$WORK/load.zh") $(
	   grep -cE '/empty.txt +失败 .*无效的绩效目标文档：文档为空' "$WORK/load.zh") $(
	   grep -c '^共 2 个文件：导入 1 个，跳过 0 个，失败 1 个$' "$WORK/load.zh")"
check "ptarget-load's progress lines in Chinese" "1" \
	"$(grep -cE '^ptarget-load: \[[12]/2\] .*/001_3f8b325168c357be.txt：7 个项目，70 个指标' "$WORK/load.zh.err")"
check "ptarget-load's usage error in Chinese, exit 2" "2 ptarget-load: 错误：没有给出文件或目录" \
	"$rc_usage $(head -1 "$WORK/usage.zh")"
check "ptarget-load: exit 1 when some files failed" 1 "$rc"

psql -X -q -d postgres -c "DROP DATABASE ptarget_nls"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
