#!/usr/bin/env python3
"""make_ooxml_fixtures.py — the .docx and .xlsx fixtures of test/sql/documents.sql,
test/unit/test_ooxml.c and the fuzz seeds.

usage: python3 test/data/documents/make_ooxml_fixtures.py [--check]

Writes the XML of each part itself and zips it with the standard library's
zipfile (fixed member order and times, deflate level 6), so every file is the
same byte for byte on every run with the same zlib; --check compares instead
of writing and exits 1 when a committed file differs.  The layouts are those
of make_fixtures.py (the CSV fixtures), so each .docx and .xlsx must import to
the same rows and cell texts as its CSV.

Word (.docx), as Word writes them: title, department and 单位 lines as
paragraphs before the table; project rows with the value cell spanning the
row (w:gridSpan); 一级/二级指标 merged down (w:vMerge restart/continue):
  combined.docx   + text in several runs, a tracked insertion (kept) and
                  deletion (dropped), a field's result (its code dropped),
                  ≤ as a Symbol-font w:sym, a line break and a tab, a text box
                  in mc:AlternateContent (neither its copy nor its text read),
                  bookmarks, a deleted row (tracked)
  split.docx      operator and unit columns, a cell of two paragraphs, a
                  content control (w:sdt) around a row
  template.docx   templates in the names; gridBefore / gridAfter
  selfeval.docx   自评表: 绩效指标 and the levels merged down, 总分 row
  merged.docx     two projects; the first table split by a page break into
                  two tables, the second repeating the header row; a 说明 row
  hunan.docx      no paragraphs at all: the project is named after the file
  nested.docx     a table nested in a cell (its text: rows on lines, cells by TAB)
Excel (.xlsx), as Excel writes them: numbers as numbers with a number format
that shows the CSV's text (120 in 0.00 → 120.00, 0.9588 in 0.00% → 95.88%,
1 in 0% → 100%, a date serial in yyyy"年"m"月"d"日"), merged ranges
(mergeCells) over titles, project values and levels, empty styled cells:
  combined.xlsx   shared strings, a cell with an Alt+Enter line break
  split.xlsx      dates and decimals as numbers
  template.xlsx   inline strings (t="inlineStr") only, no sharedStrings part
  selfeval.xlsx   rich text runs and a phonetic run (left out), formulas with
                  cached values (SUM), 95.88% as 0.9588
  merged.xlsx     four sheets: the two projects, an empty sheet, a budget
                  sheet (reported as no indicator table)
  hunan.xlsx      the 1904 date system; a sheet named Sheet1 (the project is
                  named after the file)
  formats.xlsx    an indicator table whose values show Excel's number formats:
                  percent with decimals, months, dates (1900-02-29, the leap
                  day Excel keeps), thousands, General, scientific, fractions,
                  text formats, booleans, errors, a cached formula string
Bad files:
  no_tables.docx          paragraphs only
  entities.docx           a DOCTYPE with nested entities ("billion laughs")
  bomb.docx               17 KiB that declare and inflate to 16 MiB
  bomb_lying.xlsx         a sheet whose headers declare 1 KiB but inflates to 16 MiB
  nocache.xlsx            formulas without cached values
  truncated.xlsx          combined.xlsx cut in half
  nodocument.docx         a .docx whose word/document.xml is missing
"""
import datetime
import decimal
import io
import os
import re
import struct
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_fixtures import COMBINED, SPLIT, TEMPLATE, SELFEVAL, MERGED, HUNAN, BUDGET_ONLY  # noqa: E402

W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
S_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PR_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'
CT_NS = 'http://schemas.openxmlformats.org/package/2006/content-types'
MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006'
REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def package(members):
    """A zip of (name, bytes) members, deterministic."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            z.writestr(zi, data, compresslevel=6)
    return buf.getvalue()


def rels(items):
    return (XML_HEAD + '<Relationships xmlns="%s">' % PR_NS +
            ''.join('<Relationship Id="%s" Type="%s%s" Target="%s"/>' % (i, REL_TYPE, t, target)
                    for i, t, target in items) + '</Relationships>').encode()


# ---------------------------------------------------------------- Word

def runs(text):
    """A paragraph's text as runs: TAB as w:tab, nothing else special."""
    out = []
    for i, part in enumerate(text.split('\t')):
        if i > 0:
            out.append('<w:r><w:tab/></w:r>')
        if part:
            out.append('<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'
                       '<w:t xml:space="preserve">%s</w:t></w:r>' % escape(part))
    return ''.join(out)


def para(text='', raw=None, props=''):
    return '<w:p>%s%s</w:p>' % (props, raw if raw is not None else runs(text))


def cell_xml(content, span=1, vmerge=None, width=1200):
    pr = '<w:tcW w:w="%d" w:type="dxa"/>' % (width * span)
    if span > 1:
        pr += '<w:gridSpan w:val="%d"/>' % span
    if vmerge == 'restart':
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == 'continue':
        pr += '<w:vMerge/>'
    if isinstance(content, str):
        body = ''.join(para(p) for p in content.split('\n')) if content else para()
    else:
        body = content['raw']
    return '<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>' % (pr, body)


def docx_table(rows, header_at=None, vcols=(), hspan_rows=None, columns=None, row_props=None,
               header_vcols=()):
    """rows: lists of cell texts ('' blank) or {'raw': xml}.  Rows before
    header_at (or listed in hspan_rows) merge a text with the blanks after it
    (gridSpan); from header_at + 1 on, blank cells of the columns vcols
    continue the cell above (vMerge)."""
    n = columns or max(len(r) for r in rows)
    grid = ''.join('<w:gridCol w:w="1200"/>' for _ in range(n))
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
           '<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>%s</w:tblGrid>' % grid]
    hspan_rows = set(hspan_rows or ())
    for ri, row in enumerate(rows):
        row = list(row) + [''] * (n - len(row))
        props = (row_props or {}).get(ri, '')
        if header_at is not None and ri == header_at:
            props += '<w:tblHeader/>'
        cells = []
        merge_h = (header_at is not None and ri < header_at) or ri in hspan_rows
        c = 0
        while c < n:
            text = row[c]
            if merge_h and text != '':
                span = 1
                while c + span < n and row[c + span] == '':
                    span += 1
                cells.append(cell_xml(text, span=span))
                c += span
                continue
            vm = None
            if header_at is not None and c in header_vcols and ri not in hspan_rows:
                if ri == header_at:
                    vm = 'restart'
                elif ri > header_at and text == '':
                    vm = 'continue'
            elif header_at is not None and ri > header_at and c in vcols and ri not in hspan_rows:
                below = [rows[k][c] if c < len(rows[k]) else '' for k in range(ri + 1, len(rows))]
                if text == '':
                    vm = 'continue'
                elif below and below[0] == '' and (ri + 1) not in hspan_rows:
                    vm = 'restart'
            cells.append(cell_xml(text, vmerge=vm))
            c += 1
        out.append('<w:tr>%s%s</w:tr>' % ('<w:trPr>%s</w:trPr>' % props if props else '', ''.join(cells)))
    out.append('</w:tbl>')
    return ''.join(out)


def docx(body_parts):
    document = (XML_HEAD + '<w:document xmlns:w="%s" xmlns:r="%s" xmlns:mc="%s" '
                'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
                'mc:Ignorable="wps"><w:body>%s<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
                '</w:body></w:document>') % (W_NS, R_NS, MC_NS, ''.join(body_parts))
    return document_package(document.encode())


def document_package(document, main='word/document.xml'):
    types = (XML_HEAD + '<Types xmlns="%s"><Default Extension="rels" ContentType="application/'
             'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
             '"application/xml"/><Override PartName="/%s" ContentType="application/vnd.openxmlformats-'
             'officedocument.wordprocessingml.document.main+xml"/></Types>') % (CT_NS, main)
    return package([('[Content_Types].xml', types.encode()),
                    ('_rels/.rels', rels([('rId1', 'officeDocument', main)])),
                    (main, document)])


def fancy_cell(xml_runs):
    return {'raw': '<w:p>%s</w:p>' % xml_runs}


def t(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(text)


def combined_docx():
    rows = [list(r) for r in COMBINED[2:]]
    # the goals cell: two paragraphs; the value cells with Word's quirks
    # (rows: 0 项目名称, 1 预算数, 2 绩效目标, 3 header, 4.. indicators)
    rows[4][4] = fancy_cell('<w:bookmarkStart w:id="0" w:name="_GoBack"/>' +
                            '<w:del w:id="1" w:author="审核" w:date="2025-01-01T00:00:00Z"><w:r>'
                            '<w:delText>≥10000盏</w:delText></w:r></w:del>'
                            '<w:ins w:id="2" w:author="审核" w:date="2025-01-01T00:00:00Z">' + t('≥12000') +
                            '</w:ins>' + t('盏') + '<w:bookmarkEnd w:id="0"/>')
    rows[5][2] = fancy_cell(t('路灯') + t('亮灯率'))
    rows[5][3] = fancy_cell('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                            '<w:r><w:instrText xml:space="preserve"> QUOTE "旧描述" </w:instrText></w:r>'
                            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + t('主次干道路灯亮灯率') +
                            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    rows[6][4] = fancy_cell('<w:r><w:sym w:font="Symbol" w:char="F0A3"/></w:r>' + t('24小时'))
    rows[7][3] = fancy_cell(t('全年维护') + '<w:r><w:rPr><w:vanish/></w:rPr><w:t></w:t></w:r>' + t('费用'))
    rows[8][3] = fancy_cell(
        t('改善夜间出行条件') +
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
        '<w:txbxContent><w:p>' + t('文本框') + '</w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing>'
        '</mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>' + t('文本框') + '</w:p></w:txbxContent>'
        '</w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    table = docx_table(rows, header_at=3, vcols=(0,))
    # a row deleted with tracked changes, just before the last indicator
    deleted = ('<w:tr><w:trPr><w:del w:id="9" w:author="审核" w:date="2025-01-01T00:00:00Z"/></w:trPr>%s</w:tr>'
               % ''.join(cell_xml(x) for x in ['满意度指标', '服务对象满意度指标', '已删除', '删除的行', '≥1%']))
    last = table.rindex('<w:tr>')
    table = table[:last] + deleted + table[last:]
    title = para(raw=t('2025年度城区道路照明维护项目') + t('绩效目标表'),
                 props='<w:pPr><w:jc w:val="center"/></w:pPr>')
    return docx([para(raw='<w:r><w:br w:type="page"/></w:r>'), title, para(''),
                 para('主管部门：某市城市管理局'), para('单位：万元'), table, para('填报人：张三\t审核人：李四')])


def nested_docx():
    """A table in a cell: its rows become lines of the cell, its cells TAB-separated."""
    nested = ('<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>'
              '<w:tr><w:tc>%s</w:tc><w:tc>%s</w:tc></w:tr><w:tr><w:tc>%s%s</w:tc><w:tc>%s</w:tc></w:tr></w:tbl>'
              % (para('季度'), para('亮灯率'), para('一季度'), para('（抽查）'), para('98%')))
    rows = [['项目名称', '路灯抽查', '', ''],
            ['一级指标', '二级指标', '三级指标', '指标值'],
            ['产出指标', '质量指标', {'raw': para('各季度亮灯率') + nested + para()}, '≥98%'],
            ['满意度指标', '服务对象满意度指标', '市民满意度', '≥90%']]
    return docx([para('2025年度路灯抽查项目绩效目标表'), docx_table(rows, header_at=1)])


def split_docx():
    rows = [list(r) for r in SPLIT[1:]]
    table = docx_table(rows, header_at=2, vcols=(0, 1))
    # a content control around the last row (Word's repeating sections)
    last = table.rindex('<w:tr>')
    table = table[:last] + '<w:sdt><w:sdtPr><w:alias w:val="行"/></w:sdtPr><w:sdtContent>' + \
        table[last:table.rindex('</w:tbl>')] + '</w:sdtContent></w:sdt></w:tbl>'
    return docx([para(SPLIT[0][0]), table])


def template_docx():
    rows = [list(r) for r in TEMPLATE[2:]]
    table = docx_table(rows, header_at=1, vcols=(0, 1))
    # gridAfter: the 项目名称 row one column short on the right; gridBefore: the
    # 带动就业 row starts in the third column (its levels left blank)
    first = table.index('<w:tr>')
    end = table.index('</w:tr>', first) + len('</w:tr>')
    table = table[:first] + ('<w:tr><w:trPr><w:gridAfter w:val="1"/></w:trPr>%s%s</w:tr>'
                             % (cell_xml('项目名称'), cell_xml('高标准农田建设', span=2))) + table[end:]
    row = table.index('带动就业')
    start = table.rindex('<w:tr>', 0, row)
    end = table.index('</w:tr>', row) + len('</w:tr>')
    table = table[:start] + ('<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>%s%s</w:tr>'
                             % (cell_xml('带动就业（含线上）'), cell_xml('120'))) + table[end:]
    return docx([para(TEMPLATE[0][0]), para(TEMPLATE[1][0]), table])


def selfeval_docx():
    rows = [list(r) for r in SELFEVAL[2:]]
    header = next(i for i, r in enumerate(rows) if r[0] == '绩效指标')
    # 绩效指标 merged from the header row down over the indicator rows
    table = docx_table(rows, header_at=header, vcols=(1,), hspan_rows={len(rows) - 1}, header_vcols=(0,))
    return docx([para(SELFEVAL[0][0]), para(SELFEVAL[1][0]), table])


def merged_docx():
    first = [list(r) for r in MERGED[2:6]]
    second = [list(r) for r in MERGED[6:10]]
    third = [list(r) for r in MERGED[12:]]
    return docx([para(MERGED[0][0]), para(MERGED[1][0]),
                 docx_table(first, header_at=0, vcols=(0, 1)),
                 para(raw='<w:r><w:br w:type="page"/></w:r>'),
                 docx_table(second, header_at=0, vcols=(0, 1), hspan_rows={3}),
                 para(MERGED[10][0]), para(MERGED[11][0]),
                 docx_table(third, header_at=1, vcols=(0, 1))])


def hunan_docx():
    return docx([docx_table([list(r) for r in HUNAN], header_at=0, vcols=(0,))])


# ---------------------------------------------------------------- Excel

class Num:
    def __init__(self, value, fmt='General'):
        self.value, self.fmt = value, fmt


class Inline:
    def __init__(self, text):
        self.text = text


class Rich:
    """Shared string of runs [(text, bold)], with an optional phonetic run."""
    def __init__(self, parts, phonetic=None):
        self.parts, self.phonetic = parts, phonetic

    @property
    def text(self):
        return ''.join(p for p, _ in self.parts)


class Formula:
    def __init__(self, formula, cached=None, kind='n', fmt='General'):
        self.formula, self.cached, self.kind, self.fmt = formula, cached, kind, fmt


class Bool:
    def __init__(self, value):
        self.value = value


class Err:
    def __init__(self, value):
        self.value = value


class Styled:
    """An empty cell with a style (Excel writes them under merged ranges)."""


FORMATS = {  # code → numFmtId (built-in ids where Excel has one)
    'General': 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '0.00E+00': 11,
    '# ?/?': 12, 'yyyy/m/d': 14, 'h:mm': 20, '@': 49,
}


def dec(text):
    return decimal.Decimal(text)


def date_serial(y, m, d, date1904=False):
    day = datetime.date(y, m, d)
    if date1904:
        return (day - datetime.date(1904, 1, 1)).days
    return (day - datetime.date(1899, 12, 30)).days


def typed(text, date1904=False):
    """The CSV's text as Excel stores it when it was typed in."""
    if re.fullmatch(r'\d+', text) and len(text) < 12:
        return Num(text)
    m = re.fullmatch(r'(\d+)\.(\d+)', text)
    if m:
        if text.endswith('0'):
            return Num(str(dec(text).normalize()), '0.' + '0' * len(m.group(2)))
        return Num(text)
    m = re.fullmatch(r'(\d+(?:\.(\d+))?)%', text)
    if m:
        value = (dec(m.group(1)) / 100).normalize()
        return Num(format(value, 'f'), '0%' if not m.group(2) else '0.' + '0' * len(m.group(2)) + '%')
    m = re.fullmatch(r'(\d{4})年(\d{1,2})月(\d{1,2})日', text)
    if m:
        return Num(str(date_serial(int(m.group(1)), int(m.group(2)), int(m.group(3)), date1904)),
                   'yyyy"年"m"月"d"日"')
    m = re.fullmatch(r'(\d{4})年(\d{1,2})月', text)
    if m:
        return Num(str(date_serial(int(m.group(1)), int(m.group(2)), 1, date1904)), 'yyyy"年"m"月"')
    return text


def col_name(c):
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


class Workbook:
    def __init__(self, date1904=False, inline=False):
        self.sheets = []            # (name, rows, merges, kind)
        self.strings = []
        self.string_index = {}
        self.formats = ['General']  # cellXfs: one per format code
        self.date1904 = date1904
        self.inline = inline

    def style(self, fmt):
        if fmt not in self.formats:
            self.formats.append(fmt)
        return self.formats.index(fmt)

    def shared(self, value):
        key = value.text if isinstance(value, Rich) else value
        if isinstance(value, Rich):
            key = ('rich', key)
        if key not in self.string_index:
            self.string_index[key] = len(self.strings)
            self.strings.append(value)
        return self.string_index[key]

    def add(self, name, rows, merges=(), kind='worksheet'):
        self.sheets.append((name, rows, list(merges), kind))

    def cell(self, ref, v):
        if isinstance(v, Styled):
            return '<c r="%s" s="%d"/>' % (ref, self.style('General'))
        if isinstance(v, Num):
            s = self.style(v.fmt)
            return '<c r="%s"%s><v>%s</v></c>' % (ref, ' s="%d"' % s if s else '', v.value)
        if isinstance(v, Formula):
            s = self.style(v.fmt)
            attrs = ' s="%d"' % s if s else ''
            if v.kind != 'n':
                attrs += ' t="%s"' % v.kind
            cached = '' if v.cached is None else '<v>%s</v>' % escape(v.cached)
            return '<c r="%s"%s><f>%s</f>%s</c>' % (ref, attrs, escape(v.formula), cached)
        if isinstance(v, Bool):
            return '<c r="%s" t="b"><v>%d</v></c>' % (ref, 1 if v.value else 0)
        if isinstance(v, Err):
            return '<c r="%s" t="e"><v>%s</v></c>' % (ref, escape(v.value))
        if isinstance(v, Inline) or (self.inline and isinstance(v, str)):
            text = v.text if isinstance(v, Inline) else v
            return '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, escape(text))
        if isinstance(v, tuple):        # (text, format): a string with a text format
            s = self.style(v[1])
            return '<c r="%s" s="%d" t="s"><v>%d</v></c>' % (ref, s, self.shared(v[0]))
        return '<c r="%s" t="s"><v>%d</v></c>' % (ref, self.shared(v))

    def sheet_xml(self, rows, merges):
        out = [XML_HEAD, '<worksheet xmlns="%s" xmlns:r="%s">' % (S_NS, R_NS)]
        # a dimension that claims the whole sheet: never used for allocation
        out.append('<dimension ref="A1:XFD1048576"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
                   '<sheetFormatPr defaultRowHeight="14.25"/><sheetData>')
        for ri, row in enumerate(rows):
            if row is None:
                continue
            cells = ''.join(self.cell('%s%d' % (col_name(ci), ri + 1), v)
                            for ci, v in enumerate(row) if v != '' and v is not None)
            if cells:
                out.append('<row r="%d" spans="1:%d">%s</row>' % (ri + 1, len(row), cells))
        out.append('</sheetData>')
        if merges:
            out.append('<mergeCells count="%d">%s</mergeCells>' %
                       (len(merges), ''.join('<mergeCell ref="%s"/>' % m for m in merges)))
        out.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                   '</worksheet>')
        return ''.join(out).encode()

    def strings_xml(self):
        items = []
        for s in self.strings:
            if isinstance(s, Rich):
                body = ''.join('<r>%s<t xml:space="preserve">%s</t></r>' %
                               ('<rPr><b/><sz val="11"/></rPr>' if bold else '<rPr><sz val="11"/></rPr>',
                                escape(p)) for p, bold in s.parts)
                if s.phonetic:
                    body += ('<rPh sb="0" eb="2"><t>%s</t></rPh><phoneticPr fontId="1" type="noConversion"/>'
                             % escape(s.phonetic))
                items.append('<si>%s</si>' % body)
            else:
                items.append('<si><t xml:space="preserve">%s</t></si>' % escape(s))
        return (XML_HEAD + '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' %
                (S_NS, len(items), len(items), ''.join(items))).encode()

    def styles_xml(self):
        custom = []
        ids = []
        next_id = 176
        for f in self.formats:
            if f.startswith('builtin:'):
                ids.append(int(f[8:]))
            elif f in FORMATS:
                ids.append(FORMATS[f])
            else:
                custom.append('<numFmt numFmtId="%d" formatCode=%s/>' % (next_id, quoteattr(f)))
                ids.append(next_id)
                next_id += 1
        xfs = ''.join('<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0"%s/>' %
                      (i, ' applyNumberFormat="1"' if i else '') for i in ids)
        return (XML_HEAD + '<styleSheet xmlns="%s">%s<fonts count="1"><font><sz val="11"/>'
                '<name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/>'
                '</fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1">'
                '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                '<cellXfs count="%d">%s</cellXfs></styleSheet>' %
                (S_NS, '<numFmts count="%d">%s</numFmts>' % (len(custom), ''.join(custom)) if custom else '',
                 len(ids), xfs)).encode()

    def build(self):
        sheets_xml = [self.sheet_xml(rows, merges) if kind == 'worksheet' else
                      (XML_HEAD + '<chartsheet xmlns="%s"/>' % S_NS).encode()
                      for _, rows, merges, kind in self.sheets]   # first: styles and strings fill up
        workbook = (XML_HEAD + '<workbook xmlns="%s" xmlns:r="%s"><workbookPr%s/><bookViews>'
                    '<workbookView/></bookViews><sheets>%s</sheets></workbook>') % (
            S_NS, R_NS, ' date1904="1"' if self.date1904 else ' defaultThemeVersion="124226"',
            ''.join('<sheet name=%s sheetId="%d" r:id="rId%d"/>' % (quoteattr(name), i + 1, i + 1)
                    for i, (name, _, _, _) in enumerate(self.sheets)))
        wb_rels = [('rId%d' % (i + 1), kind, '%ss/sheet%d.xml' % (kind, i + 1))
                   for i, (_, _, _, kind) in enumerate(self.sheets)]
        wb_rels.append(('rId%d' % (len(self.sheets) + 1), 'styles', 'styles.xml'))
        members = [('xl/workbook.xml', workbook.encode())]
        if self.strings:
            wb_rels.append(('rId%d' % (len(self.sheets) + 2), 'sharedStrings', 'sharedStrings.xml'))
        overrides = ''.join('<Override PartName="/xl/%ss/sheet%d.xml" ContentType="application/vnd.'
                            'openxmlformats-officedocument.spreadsheetml.%s+xml"/>' % (kind, i + 1, kind)
                            for i, (_, _, _, kind) in enumerate(self.sheets))
        types = (XML_HEAD + '<Types xmlns="%s"><Default Extension="rels" ContentType="application/vnd.'
                 'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
                 '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
                 'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>%s</Types>') % (CT_NS, overrides)
        members = [('[Content_Types].xml', types.encode()),
                   ('_rels/.rels', rels([('rId1', 'officeDocument', 'xl/workbook.xml')])),
                   ('xl/workbook.xml', workbook.encode()),
                   ('xl/_rels/workbook.xml.rels', rels(wb_rels))]
        for i, (_, _, _, kind) in enumerate(self.sheets):
            members.append(('xl/%ss/sheet%d.xml' % (kind, i + 1), sheets_xml[i]))
        members.append(('xl/styles.xml', self.styles_xml()))
        if self.strings:
            members.append(('xl/sharedStrings.xml', self.strings_xml()))
        return package(members)


def sheet_rows(rows, date1904=False, header_at=None, vcols=(), hmerge_rows=(), keep_text=()):
    """CSV rows → typed cells and merged ranges: before the header (and in
    hmerge_rows) a text merges with the blanks after it; after it, blanks of
    the columns vcols merge with the text above; covered cells are written
    as empty styled cells, as Excel does."""
    n = max(len(r) for r in rows)
    grid = [list(r) + [''] * (n - len(r)) for r in rows]
    cells = [[(typed(v, date1904) if v != '' and (ri, ci) not in keep_text else v)
              for ci, v in enumerate(r)] for ri, r in enumerate(grid)]
    merges = []
    for ri, r in enumerate(grid):
        if (header_at is not None and ri < header_at) or ri in hmerge_rows:
            c = 0
            while c < n:
                if r[c] != '':
                    span = 1
                    while c + span < n and r[c + span] == '':
                        span += 1
                    if span > 1:
                        merges.append('%s%d:%s%d' % (col_name(c), ri + 1, col_name(c + span - 1), ri + 1))
                        for k in range(c + 1, c + span):
                            cells[ri][k] = Styled()
                    c += span
                else:
                    c += 1
    if header_at is not None:
        for c in vcols:
            ri = header_at + 1
            while ri < len(grid):
                if grid[ri][c] != '' and ri not in hmerge_rows:
                    end = ri
                    while end + 1 < len(grid) and grid[end + 1][c] == '' and end + 1 not in hmerge_rows:
                        end += 1
                    if end > ri:
                        merges.append('%s%d:%s%d' % (col_name(c), ri + 1, col_name(c), end + 1))
                        for k in range(ri + 1, end + 1):
                            cells[k][c] = Styled()
                    ri = end + 1
                else:
                    ri += 1
    return cells, merges


def combined_xlsx():
    wb = Workbook()
    rows = [list(r) for r in COMBINED]
    cells, merges = sheet_rows(rows, header_at=5, vcols=(0,))
    wb.add('绩效目标表', cells, merges)
    return wb.build()


def split_xlsx():
    wb = Workbook()
    cells, merges = sheet_rows([list(r) for r in SPLIT], header_at=3, vcols=(0, 1))
    wb.add('项目支出绩效目标表', cells, merges)
    return wb.build()


def template_xlsx():
    wb = Workbook(inline=True)
    cells, merges = sheet_rows([list(r) for r in TEMPLATE], header_at=3, vcols=(0, 1))
    wb.add('Sheet1', cells, merges)
    return wb.build()


def selfeval_xlsx():
    wb = Workbook()
    rows = [list(r) for r in SELFEVAL]
    header = next(i for i, r in enumerate(rows) if r[0] == '绩效指标')
    cells, merges = sheet_rows(rows, header_at=header, vcols=(1,), hmerge_rows={len(rows) - 1})
    # 绩效指标 over the indicator rows, as a 自评表 draws it
    merges.append('A%d:A%d' % (header + 1, len(rows) - 1))
    last = len(rows) - 1
    cells[last][6] = Formula('SUM(G%d:G%d)' % (header + 2, last), '100')
    cells[last][7] = Formula('SUM(H%d:H%d)' % (header + 2, last), '96.6')
    r = next(i for i, row in enumerate(rows) if row[3] == '救助资金发放及时率')
    cells[r][3] = Rich([('救助资金', True), ('发放及时率', False)])
    r = next(i for i, row in enumerate(rows) if row[3] == '救助人次')
    cells[r][3] = Rich([('救助人次', False)], phonetic='jiùzhùréncì')
    wb.add('自评表', cells, merges)
    return wb.build()


def merged_xlsx():
    wb = Workbook()
    first = [list(r) for r in MERGED[:10]]
    cells, merges = sheet_rows(first, header_at=2, vcols=(0, 1), hmerge_rows={0, 1, 6, 9})
    wb.add('社区养老', cells, merges)
    second = [list(r) for r in MERGED[10:]]
    cells, merges = sheet_rows(second, header_at=3, vcols=(0, 1))
    wb.add('老旧小区', cells, merges)
    wb.add('Sheet3', [])
    cells, merges = sheet_rows([list(r) for r in BUDGET_ONLY], hmerge_rows={0})
    wb.add('预算明细', cells, merges)
    return wb.build()


def hunan_xlsx():
    wb = Workbook(date1904=True)
    cells, merges = sheet_rows([list(r) for r in HUNAN], date1904=True, header_at=0, vcols=(0,))
    wb.add('Sheet1', cells, merges)
    return wb.build()


FORMATS_TABLE = [
    # (三级指标, stored value, format, what Excel shows) — 指标值 shows the last
    ('百分比', Num('0.95', '0%'), '95%'),
    ('百分比两位', Num('0.9588', '0.00%'), '95.88%'),
    ('百分比一位', Num('0.125', '0.0%'), '12.5%'),
    ('百分比进位', Num('0.99995', '0.00%'), '100.00%'),
    ('月份', Num('45627', 'yyyy"年"m"月"'), '2024年12月'),
    ('内置月份', Num('45291', 'builtin:57'), '2023年12月'),
    ('内置日期时间', Num('45291.75', 'builtin:22'), '2023/12/31 18:00'),
    ('日期', Num('45657', 'yyyy-mm-dd'), '2024-12-31'),
    ('内置日期', Num('45657', 'yyyy/m/d'), '2024/12/31'),
    ('中文日期', Num('45657.5', 'yyyy"年"m"月"d"日" h:mm'), '2024年12月31日 12:00'),
    ('闰日', Num('60', 'yyyy-mm-dd'), '1900-02-29'),
    ('两位小数', Num('2.5', '0.00'), '2.50'),
    ('千分位', Num('1234567.891', '#,##0.00'), '1,234,567.89'),
    ('万元', Num('1234.5', '0.0"万元"'), '1234.5万元'),
    ('负数', Num('-3.14159', '0.00;[Red]-0.00'), '-3.14'),
    ('常规', Num('0.30000000000000004'), '0.3'),
    ('常规大数', Num('123456789012'), '1.23457E+11'),
    ('科学计数', Num('12345', '0.00E+00'), '1.23E+04'),
    ('分数', Num('1.5', '# ?/?'), '1 1/2'),
    ('文本格式', ('≥90', '@"%"'), '≥90%'),
    ('逻辑值', Bool(True), 'TRUE'),
    ('错误值', Err('#N/A'), '#N/A'),
    ('公式文本', Formula('"≥"&TEXT(0.9,"0%")', '≥90%', kind='str'), '≥90%'),
    ('公式数值', Formula('0.5+0.4', '0.9', fmt='0%'), '90%'),
    ('内联', Inline('≤30天'), '≤30天'),
    ('千分比例', Num('2500000', '#,##0,"千"'), '2,500千'),
]


def formats_xlsx():
    wb = Workbook()
    rows = [['2025年度单元格格式测试项目绩效目标表'], ['项目名称', '单元格格式测试'],
            ['一级指标', '二级指标', '三级指标', '指标值', '说明']]
    for name, value, shown in FORMATS_TABLE:
        rows.append(['产出指标', '数量指标', name, value, '显示为' + shown])
    wb.add('格式', rows, ['A1:E1', 'B2:E2'])
    return wb.build()


def nocache_xlsx():
    wb = Workbook()
    rows = [['2025年度公式项目绩效目标表'], ['一级指标', '二级指标', '三级指标', '指标值'],
            ['产出指标', '数量指标', '培训人数', '≥500人'],
            ['产出指标', '质量指标', '合格率', Formula('B5/B6', None, fmt='0%')],
            ['效益指标', '社会效益指标', '满意度', Formula('AVERAGE(C1:C9)', None)]]
    wb.add('公式', rows)
    return wb.build()


def lying_bomb():
    """A workbook whose sheet declares 1 KiB (local and central headers) but
    inflates to 16 MiB of spaces inside the sheet's XML."""
    wb = Workbook()
    wb.add('Sheet1', [['一级指标', '指标值']])
    data = wb.build()
    body = (XML_HEAD + '<worksheet xmlns="%s"><sheetData>' % S_NS).encode() + b' ' * (16 << 20) + \
        b'</sheetData></worksheet>'
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    members = [(n, body if n == 'xl/worksheets/sheet1.xml' else d) for n, d in members]
    whole = bytearray(package(members))
    # declare 1024 bytes wherever the sheet's sizes are written
    name = b'xl/worksheets/sheet1.xml'
    pos = 0
    while True:
        pos = whole.find(name, pos)
        if pos < 0:
            break
        if whole[pos - 30:pos - 26] == b'PK\x03\x04':
            struct.pack_into('<I', whole, pos - 30 + 22, 1024)
        elif whole[pos - 46:pos - 42] == b'PK\x01\x02':
            struct.pack_into('<I', whole, pos - 46 + 24, 1024)
        pos += 1
    return bytes(whole)


def ratio_bomb():
    """A document declaring 16 MiB from a few KiB (deflated spaces)."""
    document = (XML_HEAD + '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>' % W_NS).encode() + \
        b' ' * (16 << 20) + b'</w:t></w:r></w:p></w:body></w:document>'
    return document_package(document)


def entities_docx():
    laughs = ['<!ENTITY lol "lol">'] + ['<!ENTITY lol%d "%s">' % (i, ('&lol%s;' % (i - 1 if i > 1 else '')) * 10)
                                       for i in range(1, 10)]
    document = ('<?xml version="1.0"?>\n<!DOCTYPE w:document [%s]>\n<w:document xmlns:w="%s"><w:body>'
                '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
                '</w:body></w:document>') % (''.join(laughs), W_NS)
    return document_package(document.encode())


def fixtures():
    yield 'combined.docx', combined_docx()
    yield 'split.docx', split_docx()
    yield 'template.docx', template_docx()
    yield 'selfeval.docx', selfeval_docx()
    yield 'merged.docx', merged_docx()
    yield 'hunan.docx', hunan_docx()
    yield 'nested.docx', nested_docx()
    yield 'combined.xlsx', combined_xlsx()
    yield 'split.xlsx', split_xlsx()
    yield 'template.xlsx', template_xlsx()
    yield 'selfeval.xlsx', selfeval_xlsx()
    yield 'merged.xlsx', merged_xlsx()
    yield 'hunan.xlsx', hunan_xlsx()
    yield 'formats.xlsx', formats_xlsx()
    yield 'no_tables.docx', docx([para('2025年度某项目绩效目标表'), para('本文件只有段落，没有表格。')])
    yield 'entities.docx', entities_docx()
    yield 'bomb.docx', ratio_bomb()
    yield 'bomb_lying.xlsx', lying_bomb()
    yield 'nocache.xlsx', nocache_xlsx()
    whole = combined_xlsx()
    yield 'truncated.xlsx', whole[:len(whole) // 2]
    yield 'nodocument.docx', package([('[Content_Types].xml', b'<Types/>'),
                                      ('_rels/.rels', rels([('rId1', 'officeDocument', 'word/document.xml')])),
                                      ('word/document-old.xml', b'<w:document/>')])


def main():
    check = '--check' in sys.argv[1:]
    differ = []
    count = 0
    for name, data in fixtures():
        count += 1
        path = os.path.join(HERE, name)
        if check:
            try:
                with open(path, 'rb') as f:
                    if f.read() != data:
                        differ.append(name)
            except FileNotFoundError:
                differ.append(name)
        else:
            with open(path, 'wb') as f:
                f.write(data)
    if differ:
        print('differ from make_ooxml_fixtures.py:', ' '.join(differ))
        sys.exit(1)
    print('%s %d fixtures' % ('checked' if check else 'wrote', count))


if __name__ == '__main__':
    main()
