#!/usr/bin/env python3
"""gen_document.py — a large 绩效目标表 document and the same rows as CSV.

usage: gen_document.py SEED TARGETS PROJECTS OUT_DOC OUT_CSV

The first project block of SEED is the template.  Project k copies it with a
new title and project name (the seed's project names, numbered), a department
code and budget that vary, and its indicator values taken in turn from TARGETS
(the benchmark's targets, "id<TAB>text" per line).  OUT_CSV has one row per
indicator with the columns ptarget_import returns for it: department_code,
department_name, project, position, level1, level2, level3, description,
value_text.  Standard library only; output is deterministic.
"""
import csv
import re
import sys

TITLE = re.compile(r'^\s*\[bookmark: [^\]]*\]\s*(\d+\.)?\s*(.*?)\s*绩效目标表\s*$')
DEPT = re.compile(r'^\t(\d{6})(.*)$')
HEADER = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值']


def read_template(seed_path):
    """Lines of the first project, and the seed's project names."""
    with open(seed_path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    starts = [i for i, l in enumerate(lines) if TITLE.match(l)]
    if len(starts) < 2:
        sys.exit(f'{seed_path}: fewer than two project titles')
    names = [TITLE.match(lines[i]).group(2) for i in starts]
    return lines[starts[0]:starts[1]], names


def cells_after_header(block):
    """(index of each cell line after the 指标值 header) grouped by row of 5."""
    cell_idx = [i for i, l in enumerate(block) if l.startswith('\t')]
    texts = [block[i][1:].strip() for i in cell_idx]
    for j in range(len(texts) - 4):
        if texts[j:j + 5] == HEADER:
            rest = cell_idx[j + 5:]
            if len(rest) % 5:
                sys.exit('template: indicator cells are not a multiple of 5')
            return [rest[r:r + 5] for r in range(0, len(rest), 5)]
    sys.exit('template: no indicator table header')


def main():
    seed, targets_path, projects, out_doc, out_csv = sys.argv[1:6]
    projects = int(projects)
    block, names = read_template(seed)
    rows = cells_after_header(block)
    name_idx = next(i for i, l in enumerate(block) if l.strip() == '项目名称') + 1
    dept_idx = next(i for i, l in enumerate(block) if DEPT.match(l))
    dept_name = DEPT.match(block[dept_idx]).group(2).strip()
    budget_idx = [i + 1 for i, l in enumerate(block)
                  if l.strip() in ('预算数',) or l.strip().replace(' ', '') == '其中：财政资金']
    with open(targets_path, encoding='utf-8') as f:
        targets = [l.rstrip('\n').split('\t', 1)[1] for l in f if l.strip()]

    t = 0
    with open(out_doc, 'w', encoding='utf-8', newline='\n') as doc, \
            open(out_csv, 'w', encoding='utf-8', newline='') as cf:
        out = csv.writer(cf)
        for k in range(1, projects + 1):
            b = list(block)
            name = f'{names[(k - 1) % len(names)]}（第{k}批）'
            code = f'{374101 + k % 97:06d}'
            b[0] = f'[bookmark: _Toc_bench_{k:07d}]{k}.{name}绩效目标表'
            b[name_idx] = f'\t {name}'
            b[dept_idx] = f'\t{code}{dept_name}'
            for i in budget_idx:
                b[i] = f'\t{10 + (k * 37) % 5000}.00'
            level1 = ''
            for pos, cells in enumerate(rows, start=1):
                value = targets[t % len(targets)]
                t += 1
                b[cells[4]] = '\t' + value
                c = [b[i][1:].strip() for i in cells]
                level1 = c[0] or level1
                out.writerow([code, dept_name, name, pos, level1, c[1], c[2], c[3], value])
            doc.write('\n'.join(b))
            doc.write('\n')
    print(f'{projects} projects, {t} indicators')


if __name__ == '__main__':
    main()
