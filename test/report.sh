#!/usr/bin/env bash
# test/report.sh — the HTML report (ptarget_report_html, `ptarget-load report`)
# in a real browser: Debian's Chromium, headless.
#   - documents imported with ptarget-load: the seeds (targets only), the
#     自评表 fixtures with actual values and recorded scores, and a document
#     whose project and department names are HTML
#   - the page is self-contained (a Content-Security-Policy of 'none' but
#     inline styles: anything else would be refused and logged) and loads
#     without a console error; a page with a script and an external image
#     shows that such errors are caught
#   - the DOM Chromium built: every project and indicator of the database,
#     canonical targets, and for scored projects met/missed, completion,
#     computed and recorded scores, totals and grades equal to
#     ptarget_indicator_scores / ptarget_project_scores; HTML in the names is
#     text; a department filter; the "targets only" notice
#   - a screenshot (report.png) and a PDF (print to PDF) in the run's
#     directory; PTARGET_KEEP_TMP=1 keeps them, and PTARGET_REPORT_SCREENSHOT=FILE
#     copies the screenshot there (doc/report.png is made so)
# Runs against the server in PGHOST/PGPORT, or starts a private one.
# Ends with "N passed, M failed".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -z "${PGHOST:-}" ] || [ -z "${PGPORT:-}" ]; then
	install_packages
	build_and_install
	start_cluster
fi
LOADER=${PTARGET_LOAD:-$PG_BIN/ptarget-load}
CHROMIUM=${CHROMIUM:-chromium}
make_tempdir WORK report
export LANG=C.UTF-8 LC_ALL=C.UTF-8

DB=pt_report
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@" || true; }

# headless Chromium: a fresh profile each time, nothing from the network
chrome() {
	local profile
	profile=$(mktemp -d "$WORK/profile.XXXXXX")
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --disable-default-apps \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 --hide-scrollbars "$@"
}
# console ERROR messages and refused loads in a Chromium log (not Chromium's own dbus noise)
console_errors() {
	grep -E 'CONSOLE|Refused|Uncaught|Failed to load resource|net::ERR' "$1" | grep -v 'dbus' || true
}

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" 2>/dev/null
q -c "CREATE EXTENSION ptarget" -c "CREATE SCHEMA budget"

# ------------------------------------------------------------------ documents
DOCS=$WORK/docs
mkdir -p "$DOCS"
cp "$ROOT"/test/data/seeds/*.txt "$DOCS/"
for f in selfeval_gb18030.csv hunan_utf16be.csv combined.csv split_bom.csv template.tsv merged_utf16le.txt; do
	cp "$ROOT/test/data/documents/$f" "$DOCS/"
done
# names that are HTML must stay text
sed -e 's/项目名称,城区道路照明维护/项目名称,<script>alert("x")<\/script> \& 路灯/' \
    -e 's/主管部门：某市城市管理局/主管部门：某市<b>城管<\/b>局/' \
	"$ROOT/test/data/documents/combined.csv" >"$DOCS/html_names.csv"
# (file names as the sources: the loader runs in the directory)
if (cd "$DOCS" && "$LOADER" -d "$DB" -s budget -q -- *); then ok "ptarget-load imported the documents"
else fail "ptarget-load imported the documents"; fi
check "the 自评表 fixtures' actual values are in the tables" "t" \
	"$(q -c "SELECT count(*) FILTER (WHERE actual IS NOT NULL) > 5 FROM budget.ptarget_indicator")"

# ------------------------------------------------------------------ the page
set +e
"$LOADER" report -d "$DB" -s budget -o "$WORK/report.html" 2>"$WORK/report.err"
rc=$?
set -e
check "ptarget-load report: exit 0, says where it wrote" "0 ptarget-load: wrote $WORK/report.html" "$rc $(cat "$WORK/report.err")"
check "the page starts with <!DOCTYPE html> and is UTF-8" "<!DOCTYPE html> utf-8" \
	"$(head -1 "$WORK/report.html") $(grep -o 'charset="utf-8"' "$WORK/report.html" | head -1 | cut -d'"' -f2)"
check "the page is ptarget_report_html's" "$(q -c "SELECT ptarget_report_html('budget')" | sed 's/生成于 [0-9: -]*/生成于/')" \
	"$(sed 's/生成于 [0-9: -]*/生成于/' "$WORK/report.html")"
check "self-contained: no script, link, frame, object, image, @import, url() or external address" "" \
	"$(grep -oiE '<script|<link|<iframe|<object|<embed|<img|@import|url\(|https?://[^" ]*' "$WORK/report.html" |
	   grep -vx 'http://www.w3.org/2000/svg' | sort -u || true)"

# the browser: load the page, write its DOM, a screenshot and a PDF
chrome --dump-dom "file://$WORK/report.html" >"$WORK/dom.html" 2>"$WORK/chrome-dom.log" || true
check "Chromium loaded the page and wrote its DOM" "t" "$( [ -s "$WORK/dom.html" ] && grep -q '<section class="project"' "$WORK/dom.html" && echo t)"
check "no console error, refused or failed load while loading the page" "" "$(console_errors "$WORK/chrome-dom.log")"
chrome --window-size=1280,1600 --screenshot="$WORK/report.png" "file://$WORK/report.html" >"$WORK/chrome-shot.log" 2>&1 || true
check "a screenshot of the page (PNG, 1280 px wide)" "PNG 1280" \
	"$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(d[1:4].decode(), struct.unpack(">I", d[16:20])[0])' "$WORK/report.png" 2>&1)"
chrome --no-pdf-header-footer --print-to-pdf="$WORK/report.pdf" "file://$WORK/report.html" >"$WORK/chrome-pdf.log" 2>&1 || true
pages=$(grep -ac '/Type /Page$\|/Type /Page[^s]' "$WORK/report.pdf" 2>/dev/null || echo 0)
n_projects=$(q -c "SELECT count(*) FROM budget.ptarget_project")
if head -c 5 "$WORK/report.pdf" 2>/dev/null | grep -q '%PDF-' && [ "$pages" -gt "$n_projects" ]; then
	ok "printed to PDF: $pages pages, each project on a page of its own ($n_projects projects)"
else
	fail "printed to PDF, each project on a page of its own" "$pages pages for $n_projects projects; $(head -c 5 "$WORK/report.pdf" 2>&1)"
fi
echo "== screenshot: $WORK/report.png, PDF: $WORK/report.pdf (kept with PTARGET_KEEP_TMP=1)"
# the checker finds errors: a page with a failing script and an external image
cat >"$WORK/bad.html" <<'EOF'
<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
</head><body><img src="http://192.0.2.1/x.png"><script>undefinedFunction();</script></body></html>
EOF
chrome --dump-dom "file://$WORK/bad.html" >/dev/null 2>"$WORK/chrome-bad.log" || true
if [ -n "$(console_errors "$WORK/chrome-bad.log")" ]; then
	ok "the console check sees a script error and a refused image (control page)"
else
	fail "the console check sees a script error and a refused image (control page)" "$(tail -5 "$WORK/chrome-bad.log")"
fi

# ------------------------------------------------------------------ the numbers in the page
# the DOM as rows: P|project|department|indicators|total|grade|recorded_total,
# then I|project|position|target|actual|met|completion|weight|score|recorded
python3 - "$WORK/dom.html" >"$WORK/page.txt" <<'PY'
import sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.out, self.project, self.row, self.cell, self.stats, self.stat = [], None, None, None, {}, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get('class') or '').split()
        if tag == 'section' and 'project' in cls:
            self.project = a
        elif tag == 'tr' and 'ind' in cls and self.project is not None:
            self.row = {'pos': a['data-pos']}
        elif tag == 'td' and self.row is not None:
            name = next((c for c in ('target', 'actual', 'met', 'completion', 'weight', 'score', 'recorded') if c in cls), None)
            self.cell = name
            if name == 'met':
                self.row['met'] = a.get('data-met', '')
            elif name == 'completion':
                self.row['completion'] = a.get('data-value', '')
            elif name:
                self.row[name] = ''
        elif tag == 'b' and any(c.startswith('n-') for c in cls):
            self.stat = cls[0]
            self.stats[self.stat] = ''
    def handle_endtag(self, tag):
        if tag == 'section' and self.project is not None:
            p = self.project
            self.out.append('P|%s|%s|%s|%s|%s|%s' % (p['data-project'], p['data-department'], p['data-indicators'],
                            p.get('data-total', ''), p.get('data-grade', ''), p.get('data-recorded-total', '')))
            self.project = None
        elif tag == 'tr' and self.row is not None:
            r = self.row
            self.out.append('I|%s|%s|%s|%s|%s|%s|%s|%s|%s' % (self.project['data-project'], r['pos'], r.get('target', ''),
                            r.get('actual', ''), r.get('met', ''), r.get('completion', ''), r.get('weight', ''),
                            r.get('score', ''), r.get('recorded', '')))
            self.row = None
        elif tag == 'td':
            self.cell = None
        elif tag == 'b':
            self.stat = None
    def handle_data(self, data):
        if self.row is not None and self.cell in ('target', 'actual', 'weight', 'score', 'recorded'):
            self.row[self.cell] += data.strip()
        if self.stat:
            self.stats[self.stat] += data.strip()

p = Page()
p.feed(open(sys.argv[1], encoding='utf-8').read())
for line in p.out:
    print(line)
for k in sorted(p.stats):
    print('S|%s|%s' % (k, p.stats[k]))
PY
db_page() {
	q -c "
	WITH s AS (SELECT * FROM ptarget_indicator_scores('budget')),
	     ps AS (SELECT * FROM ptarget_project_scores('budget')),
	     p AS (SELECT p.*, EXISTS (SELECT FROM budget.ptarget_indicator i WHERE i.project_id = p.id AND i.actual_text IS NOT NULL) AS scored
	           FROM budget.ptarget_project p)
	SELECT 'P|' || p.name || '|' || p.department_name || '|' || (SELECT count(*) FROM budget.ptarget_indicator i WHERE i.project_id = p.id)
	       || '|' || CASE WHEN p.scored THEN concat_ws('|', ps.total, ps.grade, ps.recorded_total) ELSE '||' END
	FROM p LEFT JOIN ps ON ps.department_code IS NOT DISTINCT FROM p.department_code AND ps.department_name = p.department_name
	                   AND ps.project = p.name AND ps.year IS NOT DISTINCT FROM p.year
	UNION ALL
	SELECT 'I|' || p.name || '|' || i.position || '|' || COALESCE(i.target::text, i.value_text) || '|'
	       || CASE WHEN p.scored THEN concat_ws('|', COALESCE(i.actual::text, i.actual_text, ''), COALESCE(s.met::text, ''),
	                                            COALESCE(s.completion::text, ''), COALESCE(s.weight::text, i.weight::text, ''),
	                                            COALESCE(s.score::text, ''), COALESCE(i.recorded_score::text, ''))
	               ELSE '|||||' END
	FROM budget.ptarget_indicator i JOIN p ON p.id = i.project_id
	LEFT JOIN s ON s.department_code IS NOT DISTINCT FROM p.department_code AND s.department_name = p.department_name
	           AND s.project = p.name AND s.year IS NOT DISTINCT FROM p.year AND s.position = i.position
	UNION ALL SELECT 'S|n-documents|' || count(DISTINCT document_id) FROM budget.ptarget_project
	UNION ALL SELECT 'S|n-indicators|' || count(*) FROM budget.ptarget_indicator
	UNION ALL SELECT 'S|n-projects|' || count(*) FROM budget.ptarget_project
	UNION ALL SELECT 'S|n-deadlines|' || count(*) FROM budget.ptarget_indicator WHERE ptarget_kind(target) = 'date'
	UNION ALL SELECT 'S|n-scored|' || count(*) FROM p WHERE scored" | sort
}
db_page >"$WORK/db.txt"
check "every project and indicator in the page has the database's target, actual, met, completion, weight, score and recorded score" \
	"" "$(diff <(sort "$WORK/page.txt") "$WORK/db.txt" | head -20)"
check "the page has $(wc -l <"$WORK/db.txt") facts of the database (projects, indicators, counts)" \
	"$(wc -l <"$WORK/db.txt")" "$(wc -l <"$WORK/page.txt")"
check "a scored project: 城乡居民医疗救助 total 99.56, grade 优, recorded 96.67 (one recorded score disagrees)" \
	"P|城乡居民医疗救助|某县医疗保障局|6|99.56|优|96.67" "$(grep '^P|城乡居民医疗救助|' "$WORK/page.txt")"
check "a missed indicator: 救助资金发放及时率 96% of 100%, 9.60 computed, 9 recorded, marked as disagreeing" \
	"I|城乡居民医疗救助|3|100%|96%|false|96.00|10|9.60|9 1" \
	"$(grep '^I|城乡居民医疗救助|3|' "$WORK/page.txt") $(grep -c 'class="recorded disagrees">9<' "$WORK/dom.html")"
check "HTML in names is text: no script element, the name shown as written" "0 1 1" \
	"$(grep -c '<script' "$WORK/dom.html") $(grep -c 'data-project="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 路灯"' "$WORK/dom.html") $(
	   grep -c '<h2>&lt;script&gt;alert("x")&lt;/script&gt; &amp; 路灯</h2>' "$WORK/dom.html")"
check "grouped by 一级/二级指标: merged cells span the rows of their group" "t" \
	"$(grep -q '<td class="l1" rowspan="[2-9]' "$WORK/dom.html" && grep -q '<td class="l2" rowspan="[2-9]' "$WORK/dom.html" && echo t)"
check "deadlines on the timeline: one mark or bar per date target" \
	"$(q -c "SELECT count(*) FROM budget.ptarget_indicator WHERE ptarget_kind(target) = 'date'")" \
	"$(grep -o '<g class="dl">' "$WORK/dom.html" | wc -l)"

# ------------------------------------------------------------------ filters and notices
"$LOADER" report -d "$DB" -s budget --department 374111 -o "$WORK/dept.html" 2>/dev/null || true
check "--department 374111: that department's projects only" \
	"$(q -c "SELECT count(*) FROM budget.ptarget_project WHERE department_code = '374111'")" \
	"$(grep -o '<section class="project"' "$WORK/dept.html" | wc -l)"
check "--department 374111: no actual values, so the page says it lists targets only" "1" \
	"$(grep -c 'id="targets-only">这些项目没有导入实际完成值' "$WORK/dept.html")"
check "--department 374111: the title names the department" "1" \
	"$(grep -c '<h1>天津市公安局车辆管理所 绩效目标报告</h1>' "$WORK/dept.html")"
"$LOADER" report -d "$DB" -s budget --department 某县医疗保障局 --project 城乡居民医疗救助 --title '医疗救助 自评' \
	-o "$WORK/one.html" 2>/dev/null || true
check "--department and --project by name, --title" "1 1" \
	"$(grep -o '<section class="project"' "$WORK/one.html" | wc -l) $(grep -c '<title>医疗救助 自评</title>' "$WORK/one.html")"
"$LOADER" report -d "$DB" -s budget --project 没有这个项目 -o "$WORK/none.html" 2>/dev/null || true
check "a filter that matches nothing: a page that says so" "1" "$(grep -c 'id="nothing"' "$WORK/none.html")"
set +e
"$LOADER" report -d "$DB" -s nosuchschema -o "$WORK/x.html" >"$WORK/noschema.out" 2>&1
rc=$?
set -e
check "a schema without imports: exit 2 and the server's message" \
	"2 ptarget-load: error: schema nosuchschema holds no imported documents" "$rc $(head -1 "$WORK/noschema.out")"

# search_path: look-alike functions earlier on the path change nothing
check "safe against search_path: look-alikes of ptarget_html_escape and replace on the caller's path are not used" "0" \
	"$(q -c "CREATE SCHEMA evil; CREATE FUNCTION evil.ptarget_html_escape(text) RETURNS text LANGUAGE sql RETURN 'EVIL';
	         CREATE FUNCTION evil.replace(text, text, text) RETURNS text LANGUAGE sql RETURN 'EVIL';
	         SET search_path = evil, public;
	         SELECT pg_catalog.strpos(public.ptarget_report_html('budget'), 'EVIL')")"

# the screenshot for the README: a few projects, one scored
if [ -n "${PTARGET_REPORT_SCREENSHOT:-}" ]; then
	"$LOADER" report -d "$DB" -s budget --project hunan_utf16be --project 城乡居民医疗救助 --project 城区道路照明维护 \
		--title '绩效目标与自评报告（示例）' -o "$WORK/doc.html" 2>/dev/null
	chrome --window-size=1280,1560 --screenshot="$PTARGET_REPORT_SCREENSHOT" "file://$WORK/doc.html" >/dev/null 2>&1 || true
	echo "== wrote $PTARGET_REPORT_SCREENSHOT"
fi

psql -X -q -d postgres -c "DROP DATABASE $DB"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
