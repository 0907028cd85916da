#!/usr/bin/env python3
"""Independent reference extraction of indicator cells from seed documents.

Usage:
    python3 test/tools/extract_seed_cells.py SEED.txt [SEED.txt ...] > seed_cells.tsv

Each seed file is plain text exported from Word.  A project starts with a
title line like

    [bookmark: _Toc_4_4_0000000004]1. 道路交通安全工作专项经费绩效目标表

followed by table cells, one per line, each cell line starting with a TAB.
A lone TAB is an empty cell.  Blank lines and whitespace-only lines are
ignored; they usually separate table rows but can also occur inside a row, so
rows are formed by counting cells, not by blank lines.  A line made only of
digits that follows a blank line is a page number and is ignored.  Any other
line that does not start with a TAB continues the previous cell (joined with
a newline), even when blank lines come in between.

After the header cells 一级指标 二级指标 三级指标 绩效指标描述 指标值 the
indicator table consists of rows of 5 cells:
    一级指标 (empty = same as the row above), 二级指标, 三级指标,
    绩效指标描述, 指标值

Output (stdout): TSV with a header line and columns
    file project_index project_title position level1 level2 level3
    value_line value
Counts per file are printed to stderr.

Python 3 standard library only.
"""

import os
import re
import sys

HEADER = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]

TITLE_RE = re.compile(r"^\s*\[bookmark: _Toc_[^\]]*\](.*绩效目标表)\s*$")
ORDINAL_RE = re.compile(r"^\s*\d*\s*[.．]\s*")
PAGE_NUMBER_RE = re.compile(r"^\s*\d+\s*$")

OUTPUT_COLUMNS = ["file", "project_index", "project_title", "position",
                  "level1", "level2", "level3", "value_line", "value"]


def escape(text):
    text = str(text)
    text = text.replace("\\", "\\\\")
    text = text.replace("\t", "\\t")
    text = text.replace("\n", "\\n")
    text = text.replace("\r", "\\r")
    return text


def clean_title(raw_title_part):
    """Title text after the bookmark, minus an ordinal prefix like '1. '."""
    title = raw_title_part.strip()
    title = ORDINAL_RE.sub("", title, count=1)
    return title


class Cell:
    def __init__(self, line_no, text, group):
        self.line_no = line_no      # 1-based line of the tab-led line
        self.text = text            # text after the leading tab
        self.group = group          # row group number (blank-line separated)


class Project:
    def __init__(self, title_line_no, title):
        self.title_line_no = title_line_no
        self.title = title
        self.cells = []


def read_projects(path, warnings, notes):
    """Split a seed file into projects, each with its list of cells."""
    with open(path, "rb") as handle:
        data = handle.read()
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()   # trailing newline at end of file

    projects = []
    current = None
    group = 0
    previous_was_cell = False

    for index, line in enumerate(lines):
        line_no = index + 1
        if line.endswith("\r"):
            line = line[:-1]

        title_match = TITLE_RE.match(line)
        if title_match:
            current = Project(line_no, clean_title(title_match.group(1)))
            projects.append(current)
            group += 1
            previous_was_cell = False
            continue

        if line.startswith("\t"):
            if current is None:
                warnings.append("%s:%d: cell before any title" % (os.path.basename(path), line_no))
                continue
            current.cells.append(Cell(line_no, line[1:], group))
            previous_was_cell = True
            continue

        if line.strip() == "":
            # blank or whitespace-only line (usually between rows, sometimes inside one)
            group += 1
            previous_was_cell = False
            continue

        # non-tab, non-blank line.
        # Digits alone after a blank line: a page number (e.g. "8" then "7").
        if not previous_was_cell and PAGE_NUMBER_RE.match(line):
            group += 1
            notes.append("%s:%d: page-number line ignored: %r" % (os.path.basename(path), line_no, line))
            continue

        # Anything else continues the previous cell, even when blank lines
        # come in between (seen in the 绩效目标 cell: "2.…", "3.…" lines).
        if current is not None and current.cells:
            if "[bookmark:" in line:
                notes.append("%s:%d: non-title bookmark line treated as cell text: %r"
                             % (os.path.basename(path), line_no, line))
            last = current.cells[-1]
            last.text = last.text + "\n" + line
            if not previous_was_cell:
                notes.append("%s:%d: continuation line after blank line(s), joined to cell at line %d"
                             % (os.path.basename(path), line_no, last.line_no))
            previous_was_cell = True
            continue

        notes.append("%s:%d: unexpected line ignored: %r" % (os.path.basename(path), line_no, line))

    return projects


def find_header(cells):
    """Index of the first header cell, or -1."""
    for start in range(len(cells) - len(HEADER) + 1):
        ok = True
        for offset, name in enumerate(HEADER):
            if cells[start + offset].text.strip() != name:
                ok = False
                break
        if ok:
            return start
    return -1


def extract_indicators(project, path, warnings, notes):
    start = find_header(project.cells)
    if start < 0:
        warnings.append("%s: project %r has no indicator header" % (os.path.basename(path), project.title))
        return []
    if find_header(project.cells[start + len(HEADER):]) >= 0:
        warnings.append("%s: project %r has a second indicator header" % (os.path.basename(path), project.title))

    body = project.cells[start + len(HEADER):]
    if len(body) % 5 != 0:
        warnings.append("%s: project %r: %d cells after header, not a multiple of 5"
                        % (os.path.basename(path), project.title, len(body)))

    rows = []
    level1 = ""
    for row_start in range(0, len(body) - len(body) % 5, 5):
        row = body[row_start:row_start + 5]
        # all 5 cells of a row must be in the same blank-line group,
        # and the next row must start a new group
        groups = set(cell.group for cell in row)
        if len(groups) != 1:
            notes.append("%s:%d: blank line(s) inside a table row (row starts here, value at line %d)"
                         % (os.path.basename(path), row[0].line_no, row[4].line_no))
        if row_start + 5 < len(body) and body[row_start + 5].group == row[0].group:
            warnings.append("%s:%d: next row not separated by a blank line"
                            % (os.path.basename(path), body[row_start + 5].line_no))

        first = row[0].text
        if first.strip() == "":
            if first != "":
                warnings.append("%s:%d: whitespace-only level1 cell %r"
                                % (os.path.basename(path), row[0].line_no, first))
            if level1 == "":
                warnings.append("%s:%d: empty level1 in first row"
                                % (os.path.basename(path), row[0].line_no))
        else:
            level1 = first

        for cell in row:
            if "\n" in cell.text:
                notes.append("%s:%d: table cell continues on following line(s)"
                             % (os.path.basename(path), cell.line_no))
        for cell in row[1:]:
            if cell.text.strip() == "":
                warnings.append("%s:%d: empty cell in a row" % (os.path.basename(path), cell.line_no))

        rows.append({
            "level1": level1,
            "level2": row[1].text,
            "level3": row[2].text,
            "value_line": row[4].line_no,
            "value": row[4].text,
        })
    return rows


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: %s SEED.txt [SEED.txt ...]\n" % argv[0])
        return 2

    out = sys.stdout
    out.write("\t".join(OUTPUT_COLUMNS) + "\n")

    warnings = []
    notes = []
    summary = []
    for path in argv[1:]:
        name = os.path.basename(path)
        projects = read_projects(path, warnings, notes)
        per_project = []
        total = 0
        for project_index, project in enumerate(projects, 1):
            rows = extract_indicators(project, path, warnings, notes)
            per_project.append((project_index, project.title_line_no,
                                project.title, len(rows)))
            total += len(rows)
            for position, row in enumerate(rows, 1):
                fields = [name, project_index, project.title, position,
                          row["level1"], row["level2"], row["level3"],
                          row["value_line"], row["value"]]
                out.write("\t".join(escape(f) for f in fields) + "\n")
        summary.append((name, len(projects), total, per_project))

    report = []
    for name, project_count, total, per_project in summary:
        report.append("%s: projects=%d indicators=%d" % (name, project_count, total))
        for project_index, title_line, title, count in per_project:
            report.append("  %2d line %4d  %3d  %s"
                          % (project_index, title_line, count, title))
    for note in notes:
        report.append("NOTE: " + note)
    for warning in warnings:
        report.append("WARNING: " + warning)
    sys.stderr.write("\n".join(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
