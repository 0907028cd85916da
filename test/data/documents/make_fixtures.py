#!/usr/bin/env python3
"""make_fixtures.py — the document fixtures of test/sql/documents.sql and the unit tests.

usage: python3 test/data/documents/make_fixtures.py [--check]

Writes every fixture into this directory, byte for byte the same on every run
(standard library only: csv, codecs).  --check compares instead of writing and
exits 1 when a committed file differs from what this script makes.

Layouts (one file each, in the encodings and separators Word, Excel and WPS
write):
  combined.csv          UTF-8, CR LF: the value cell holds the whole target (≥98%)
  split_bom.csv         UTF-8 with BOM: operator, value and unit in three columns
                        (指标性质 ≥ ≤ 定性, 度量单位), 权重, 评(扣)分标准, 绩效标准,
                        a quoted cell over two lines
  template.tsv          UTF-8 TSV: bare numbers, operator and unit in the indicator
                        name's template ((≥**%), (万元), (户))
  selfeval_gb18030.csv  GB18030 (Excel on a Chinese Windows): 自评表 with 年度指标值,
                        实际完成值, 分值, 得分, 偏差原因分析及改进措施, 产出指标(50分),
                        project cells above the table, a 总分 row
  merged_utf16le.txt    UTF-16LE with BOM, TAB-separated (Excel "Unicode Text"):
                        two projects, merged (blank) level cells, a header row
                        repeated after a page break, 指标方向 正向/反向, a note row
  hunan_utf16be.csv     UTF-16BE with BOM: 湖南 自评表, 年度指标值（A）, 全年实际值（B）,
                        未完成原因分析, 指标解释, no title (the project name comes
                        from the file name)
Bad files (what users send by mistake):
  bad_unclosed.csv      a quoted cell never closed
  bad_budget_only.csv   a budget table, no indicator table
  bad_unplaced.csv      an indicator table with a row that is no indicator
  bad_bytes.csv         bytes that are text in no supported encoding
  legacy.doc            the start of a Word 97-2003 file: OLE2 signature and the
                        WordDocument stream name (enough for detection)
  legacy.xls            the same for Excel 97-2003 (Workbook stream)
  encrypted.xlsx        a password-protected Office file (OLE2 with
                        EncryptionInfo / EncryptedPackage streams)
  scan.pdf              the start of a PDF
  page.xls              an HTML table saved with an .xls name
  truncated.docx        a zip cut inside its first member, word/document.xml
  other.zip             a zip that is neither .docx nor .xlsx (an .odt's mimetype)
"""
import csv
import io
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def csv_text(rows, sep=',', crlf=True):
    out = io.StringIO()
    w = csv.writer(out, delimiter=sep, lineterminator='\r\n' if crlf else '\n',
                   quoting=csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(r)
    return out.getvalue()


COMBINED = [
    ['2025年度城区道路照明维护项目绩效目标表', '', '', '', ''],
    ['主管部门：某市城市管理局', '', '', '单位：万元', ''],
    ['项目名称', '城区道路照明维护', '', '', ''],
    ['预算数', '120.00', '其中：财政资金', '120.00', ''],
    ['绩效目标', '1.保障城区主次干道路灯亮灯率\n2.及时修复故障路灯', '', '', ''],
    ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值'],
    ['产出指标', '数量指标', '维护路灯数量', '全年维护城区路灯', '≥12000盏'],
    ['产出指标', '质量指标', '路灯亮灯率', '主次干道路灯亮灯率', '≥98%'],
    ['产出指标', '时效指标', '故障修复时间', '接报后修复故障路灯', '≤24小时'],
    ['产出指标', '成本指标', '维护成本', '全年维护费用', '≤120万元'],
    ['效益指标', '社会效益指标', '夜间出行安全', '改善夜间出行条件', '明显改善'],
    ['满意度指标', '服务对象满意度指标', '市民满意度', '市民对路灯照明的满意度', '≥90%'],
]

SPLIT = [
    ['项目支出绩效目标表（2025年度）', '', '', '', '', '', '', '', ''],
    ['项目名称', '农村饮水安全巩固提升', '', '', '', '', '', '', ''],
    ['主管部门', '某县水利局', '', '', '', '', '', '', ''],
    ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '权重(%)', '评(扣)分标准', '绩效标准'],
    ['产出指标', '数量指标', '新建供水工程', '≥', '12', '处', '10', '每少1处扣1分', '计划标准'],
    ['', '', '受益人口', '≥', '3.5', '万人', '10', '按完成比例计分', '计划标准'],
    ['', '质量指标', '水质达标率', '≥', '95', '%', '10', '低于95%不得分', '行业标准'],
    ['', '时效指标', '完工时间', '≤', '2025年10月31日', '', '10', '每延迟1个月扣2分', '计划标准'],
    ['', '成本指标', '项目总投资', '≤', '860', '万元', '10', '超出不得分', '预算标准'],
    ['效益指标', '社会效益指标', '农村自来水普及率', '≥', '90', '%', '20', '按完成比例计分', '历史标准'],
    ['', '可持续影响指标', '工程运行年限', '≥', '15', '年', '10', '', '行业标准'],
    ['满意度指标', '服务对象满意度指标', '受益群众满意度', '≥', '90', '%', '10', '问卷调查，\n低于80%不得分', '计划标准'],
    ['', '', '供水水质', '定性', '达到生活饮用水卫生标准', '', '10', '', '行业标准'],
]

TEMPLATE = [
    ['濉溪县2025年度部门项目绩效目标表'],
    ['部门名称：濉溪县农业农村局', '', '', ''],
    ['项目名称', '高标准农田建设', '', ''],
    ['一级指标', '二级指标', '指标名称', '指标值'],
    ['产出指标', '数量指标', '新建高标准农田面积（公顷）', '3400'],
    ['', '质量指标', '工程验收合格率（≥**%）', '100'],
    ['', '时效指标', '项目完成及时率（%）', '100'],
    ['', '成本指标', '每公顷投资（≤**万元）', '2.25'],
    ['效益指标', '经济效益指标', '亩均增产（≥**公斤）', '50'],
    ['', '社会效益指标', '受益农户（户）', '3200'],
    ['', '', '带动就业（含线上）', '120'],
    ['满意度指标', '服务对象满意度指标', '受益群众满意度（≥**%）', '95'],
]

SELFEVAL = [
    ['项目支出绩效自评表', '', '', '', '', '', '', '', ''],
    ['（2024年度）', '', '', '', '', '', '', '', ''],
    ['项目名称', '城乡居民医疗救助', '', '', '', '', '', '', ''],
    ['主管部门', '某县医疗保障局', '', '', '', '实施单位', '某县医疗保障事务中心', '', ''],
    ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', ''],
    ['', '年度资金总额', '500', '520', '498.6', '10', '95.88%', '9.6', ''],
    ['年度总体目标', '预期目标', '', '', '', '实际完成情况', '', '', ''],
    ['', '对符合条件的困难群众实施医疗救助', '', '', '', '全年救助困难群众1.2万人次', '', '', ''],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['', '产出指标(50分)', '数量指标', '救助人次', '≥1万人次', '1.2', '15', '15', ''],
    ['', '', '质量指标', '救助对象准确率', '≥98%', '99', '10', '10', ''],
    ['', '', '时效指标', '救助资金发放及时率', '100%', '96', '10', '9', '部分救助资金因手续不全延迟发放，将简化审批流程'],
    ['', '', '成本指标', '人均救助标准', '≤2000元', '1850', '15', '15', ''],
    ['', '效益指标(30分)', '社会效益指标', '困难群众就医负担', '明显减轻', '明显减轻', '30', '28', '个别地区宣传不足'],
    ['', '满意度指标(10分)', '服务对象满意度指标', '救助对象满意度', '≥90%', '93', '10', '10', ''],
    ['总分', '', '', '', '', '', '100', '96.6', ''],
]

MERGED = [
    ['2025年度社区养老服务补贴项目绩效目标表'],
    ['主管部门：某区民政局'],
    ['一级指标', '二级指标', '三级指标', '指标方向', '指标值', '计量单位'],
    ['产出指标', '数量指标', '服务老年人数', '正向', '2000', '人'],
    ['', '', '助餐服务人次', '正向', '5', '万人次'],
    ['', '质量指标', '服务投诉率', '反向', '2', '%'],
    ['一级指标', '二级指标', '三级指标', '指标方向', '指标值', '计量单位'],
    ['效益指标', '社会效益指标', '老年人生活质量', '正向', '明显提升', ''],
    ['满意度指标', '服务对象满意度指标', '老年人满意度', '正向', '90', '%'],
    ['说明：指标值按年度计。', '', '', '', '', ''],
    ['2025年度老旧小区改造项目绩效目标表'],
    ['主管部门：某区住房和城乡建设局'],
    ['项目名称', '老旧小区改造', '', '', '', ''],
    ['一级指标', '二级指标', '三级指标', '指标方向', '指标值', '计量单位'],
    ['产出指标', '数量指标', '改造小区数量', '正向', '8', '个'],
    ['', '成本指标', '改造总成本', '反向', '3600', '万元'],
    ['效益指标', '社会效益指标', '居民居住条件', '正向', '有效改善', ''],
]

HUNAN = [
    ['一级指标', '二级指标', '三级指标', '指标解释', '年度指标值（A）', '全年实际值（B）', '分值', '得分', '未完成原因分析'],
    ['产出指标', '数量指标', '培训教师人数', '全年参加培训的教师人数', '≥1500人', '1620', '20', '20', ''],
    ['', '质量指标', '培训合格率', '考核合格人数占比', '≥95%', '97', '20', '20', ''],
    ['', '时效指标', '培训完成时间', '全年培训完成的时间', '2024年12月底前', '2024年12月20日', '10', '10', ''],
    ['', '成本指标', '人均培训成本', '培训总费用除以人数', '≤1200元', '1300', '10', '8', '物价上涨，住宿费用增加'],
    ['效益指标', '社会效益指标', '教学质量', '受训教师教学能力', '稳步提升', '稳步提升', '20', '18', ''],
    ['满意度指标', '服务对象满意度指标', '参训教师满意度', '问卷调查', '≥90%', '88', '10', '8', '部分课程安排过密'],
]

UNCLOSED = '一级指标,二级指标,三级指标,指标值\r\n产出指标,数量指标,"培训人数,≥500人\r\n'

BUDGET_ONLY = [
    ['项目预算明细表', '', ''],
    ['支出科目', '金额（万元）', '备注'],
    ['办公费', '12.5', ''],
    ['差旅费', '8', ''],
    ['合计', '20.5', ''],
]

UNPLACED = [
    ['一级指标', '二级指标', '三级指标', '指标值', '分值'],
    ['产出指标', '数量指标', '培训人数', '≥500人', '20'],
    ['', '', '', '', '20'],
    ['效益指标', '社会效益指标', '教学质量', '明显提升', '30'],
]


def ole2(stream_names):
    """The first sector of an OLE2 compound file (header) and one directory
    sector with the given stream names: what detection looks at."""
    header = bytearray(512)
    header[0:8] = b'\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1'
    header[0x18:0x1A] = struct.pack('<H', 0x3E)      # minor version
    header[0x1A:0x1C] = struct.pack('<H', 3)         # major version 3
    header[0x1C:0x1E] = struct.pack('<H', 0xFFFE)    # little endian
    header[0x1E:0x20] = struct.pack('<H', 9)         # 512-byte sectors
    header[0x20:0x22] = struct.pack('<H', 6)
    directory = bytearray()
    for name in ['Root Entry'] + stream_names:
        entry = bytearray(128)
        encoded = name.encode('utf-16-le') + b'\0\0'
        entry[0:len(encoded)] = encoded
        entry[64:66] = struct.pack('<H', len(encoded))
        entry[66] = 5 if name == 'Root Entry' else 2
        directory += entry
    directory += bytes(512 - len(directory) % 512) if len(directory) % 512 else b''
    return bytes(header) + bytes(directory)


def zip_member(name, data, cut=None):
    """A zip with one stored member; cut: keep only so many bytes of it."""
    crc = zlib.crc32(data) & 0xFFFFFFFF
    name_b = name.encode()
    local = struct.pack('<IHHHHHIIIHH', 0x04034B50, 20, 0, 0, 0, 0, crc, len(data), len(data),
                        len(name_b), 0) + name_b + data
    central = struct.pack('<IHHHHHHIIIHHHHHII', 0x02014B50, 20, 20, 0, 0, 0, 0, crc, len(data),
                          len(data), len(name_b), 0, 0, 0, 0, 0, 0) + name_b
    end = struct.pack('<IHHHHIIH', 0x06054B50, 0, 0, 1, 1, len(central), len(local), 0)
    whole = local + central + end
    return whole[:cut] if cut else whole


def fixtures():
    yield 'combined.csv', csv_text(COMBINED).encode('utf-8')
    yield 'split_bom.csv', b'\xEF\xBB\xBF' + csv_text(SPLIT).encode('utf-8')
    yield 'template.tsv', csv_text(TEMPLATE, sep='\t', crlf=False).encode('utf-8')
    yield 'selfeval_gb18030.csv', csv_text(SELFEVAL).encode('gb18030')
    yield 'merged_utf16le.txt', b'\xFF\xFE' + csv_text(MERGED, sep='\t').encode('utf-16-le')
    yield 'hunan_utf16be.csv', b'\xFE\xFF' + csv_text(HUNAN).encode('utf-16-be')
    yield 'bad_unclosed.csv', UNCLOSED.encode('utf-8')
    yield 'bad_budget_only.csv', csv_text(BUDGET_ONLY).encode('utf-8')
    yield 'bad_unplaced.csv', csv_text(UNPLACED).encode('utf-8')
    yield 'bad_bytes.csv', '一级指标,二级指标,指标值\r\n'.encode('utf-8') + b'\xFF\xFF\x80,\x81\r\n'
    yield 'legacy.doc', ole2(['WordDocument', '1Table', 'SummaryInformation'])
    yield 'legacy.xls', ole2(['Workbook', 'SummaryInformation'])
    yield 'encrypted.xlsx', ole2(['EncryptionInfo', 'EncryptedPackage'])
    yield 'scan.pdf', b'%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'
    yield 'page.xls', ('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>'
                       '<tr><td>一级指标</td><td>指标值</td></tr></table></body></html>\n').encode('utf-8')
    yield 'truncated.docx', zip_member('word/document.xml',
                                       '<?xml version="1.0"?><w:document/>'.encode(), cut=60)
    yield 'other.zip', zip_member('mimetype', b'application/vnd.oasis.opendocument.text')


def main():
    check = '--check' in sys.argv[1:]
    differ = []
    for name, data in fixtures():
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
        print('differ from make_fixtures.py:', ' '.join(differ))
        sys.exit(1)
    print('%s %d fixtures' % ('checked' if check else 'wrote', len(list(fixtures()))))


if __name__ == '__main__':
    main()
