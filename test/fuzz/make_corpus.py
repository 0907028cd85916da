#!/usr/bin/env python3
"""Regenerates the seed corpora under test/fuzz/corpus/ (committed files).

  corpus/target/    one file per distinct 指标值 cell of the seed documents
                    (test/data/seed_cells.tsv, column 9, unescaped) plus every
                    string literal of sql/*.sql (targets, errors, units ...) and
                    of test/sql/spellings.sql and extract.sql (issue 12)
  corpus/document/  the two seed documents and a few small excerpts of them
  corpus/unpack/    hand-made packed values at the edges of the on-disk format
                    (run.sh adds the packed forms of corpus/target at run time)
  regressions/<target>/  reproducers of reported defects, one file each, named
                    after the defect; run.sh replays them before fuzzing and
                    counts a target as failed while any of them still fails

File names are "seed-" + the first 16 hex digits of the content's SHA-1, so
re-running is idempotent.  Usage: python3 test/fuzz/make_corpus.py
"""
import hashlib
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def unescape(field):
    # inverse of extract_seed_cells.py's escape(): \\ \t \n
    out, i = [], 0
    while i < len(field):
        c = field[i]
        if c == "\\" and i + 1 < len(field):
            n = field[i + 1]
            out.append({"t": "\t", "n": "\n", "\\": "\\"}.get(n, "\\" + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def write_corpus(directory, items):
    os.makedirs(directory, exist_ok=True)
    for old in os.listdir(directory):
        if old.startswith("seed-"):
            os.remove(os.path.join(directory, old))
    seen = set()
    for data in items:
        if data in seen:
            continue
        seen.add(data)
        name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)
    return len(seen)


def target_inputs():
    items = []
    with open(os.path.join(ROOT, "test/data/seed_cells.tsv"), encoding="utf-8") as f:
        next(f)                                   # header
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 9:
                items.append(unescape(cols[8]).encode("utf-8"))
    sql_dir = os.path.join(ROOT, "sql")
    literal = re.compile(r"'((?:[^']|'')*)'")
    files = [os.path.join(sql_dir, name) for name in sorted(os.listdir(sql_dir)) if name.endswith(".sql")]
    # the spellings of issue 12 and the sentences ptarget_extract reads
    files += [os.path.join(ROOT, "test/sql", name) for name in ("spellings.sql", "extract.sql")]
    for path in files:
        with open(path, encoding="utf-8") as f:
            for lit in literal.findall(f.read()):
                text = lit.replace("''", "'")
                if len(text.encode("utf-8")) <= 512:
                    items.append(text.encode("utf-8"))
    return items


def document_inputs():
    seeds_dir = os.path.join(ROOT, "test/data/seeds")
    items = []
    for name in sorted(os.listdir(seeds_dir)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(seeds_dir, name), "rb") as f:
            doc = f.read()
        items.append(doc)
        lines = doc.split(b"\n")
        # the start of every project: title line up to the first few table rows
        titles = [i for i, l in enumerate(lines) if l.rstrip().endswith("绩效目标表".encode())]
        for k, start in enumerate(titles[:3]):
            end = titles[k + 1] if k + 1 < len(titles) else len(lines)
            items.append(b"\n".join(lines[start:end]) + b"\n")          # one whole project
            items.append(b"\n".join(lines[start:min(end, start + 40)]) + b"\n")  # header + a row or two
        if len(titles) >= 2:
            items.append(b"\n".join(lines[titles[0]:titles[2] if len(titles) > 2 else len(lines)]))
        # a preamble before the first title, and the last project with no final newline
        items.append(b"\n".join(lines[:titles[0] + 25]) if titles else doc[:2000])
        if titles:
            items.append(b"\n".join(lines[titles[-1]:]).rstrip(b"\n"))
    return items


def packed_edges():
    """Packed values (see src/pt_pack.c) at the limits pt_unpack accepts."""
    def dec(coef, exp):
        m = abs(coef)
        n = (m.bit_length() + 7) // 8
        return bytes([exp & 0xFF, n | (0x80 if coef < 0 else 0)]) + m.to_bytes(n, "little")

    def qty(op, coefs, unit_id=0, scale=0, places=(0, 0), key=b"", flags=0):
        out = bytes([1, 1, op, flags, unit_id, scale, places[0], places[1], len(key)]) + key
        for c, e in coefs:
            out += dec(c, e)
        return out

    def date(op, days):
        return bytes([1, 2, op, 0]) + b"".join(d.to_bytes(4, "little", signed=True) for d in days)

    def gist(klo, khi, has_bounds, dlo, dhi, bounds):
        out = bytes([0xF0, klo, khi, 1 if has_bounds else 0, len(dlo)]) + dlo + bytes([len(dhi)]) + dhi
        for flags, v, e in bounds:
            out += bytes([flags])
            out += v.to_bytes(4, "little", signed=True) if e is None else \
                v.to_bytes(16, "little", signed=True) + bytes([e & 0xFF])
        return out

    big = (1 << 126) - 1                       # largest coefficient pt_unpack accepts
    first, last = -365242, 2921939             # 1000-01-01 and 9999-12-31 as day numbers
    return {
        "edge-eq-maxcoef-exp60": qty(1, [(big, 60)]),
        "edge-eq-mincoef-exp-60-places60": qty(1, [(1, -60)], places=(60, 60)),
        "edge-range-maxcoef-both-places0": qty(6, [(-big, 60), (big, 60)]),
        "edge-le-percent-mille-exp-60": qty(4, [(3, -60)], unit_id=3, key="%".encode()),
        "edge-ge-duration-week-scale12": qty(2, [(42336, 14)], unit_id=12, scale=12,
                                             key="秒".encode()),
        "edge-word-key-64-bytes": qty(1, [(5, 0)], unit_id=255, key=("匹" * 21 + "x").encode()),
        "edge-dimensioned-denominators-64": qty(4, [(1, 3)], unit_id=4,
                                                key=("元" + "/人" * 15 + "/").encode()[:64]),
        "edge-approx-label": bytes([1, 3, 0, 1]) + "普遍满意".encode(),
        "edge-label-quotes": bytes([1, 3, 0, 0]) + b'""""5',
        "edge-label-invalid-utf8": bytes([1, 3, 0, 0]) + b"\xff\x00\xe2\x89",
        "edge-date-first-day": date(1, [first]),
        "edge-date-last-day": date(1, [last]),
        "edge-date-range-all": date(6, [first, last]),
        "edge-date-le-first": date(4, [first]),
        "edge-date-ge-last": date(2, [last]),
        # inner GiST keys (src/pt_gist.c): mark, kinds, has_bounds, dimensions, bounds
        "gist-quantity-percent": gist(1, 1, True, b"%", b"%", [(2, 95, 0), (1, 0, 0)]),
        "gist-dates": gist(2, 2, True, b"", b"", [(2, 0, None), (2, 9000, None)]),
        "gist-mixed": gist(1, 3, False, "元".encode(), b"", []),
        "gist-large-coef": gist(1, 1, True, "秒".encode(), "秒".encode(),
                                [(2, -(10 ** 36) + 1, 60), (2, 10 ** 36 - 1, -60)]),
    }


def regressions():
    """Reproducers of the defects found so far (see the fuzz report)."""

    def dec(coef, exp):
        m = abs(coef)
        n = (m.bit_length() + 7) // 8
        return bytes([exp & 0xFF, n | (0x80 if coef < 0 else 0)]) + m.to_bytes(n, "little")

    big = (1 << 126) - 1
    return {
        "target": {
            # a quantity whose canonical text reads back as a date
            "text-date-leading-zero": "02025.05".encode(),
            "text-date-thousands-year": "2,025年".encode(),
            "text-date-plus-year": "+2025年".encode(),
            "text-date-bare-month": "≦2,025.10".encode(),
            # a date bound beyond 1000-01-01 .. 9999-12-31: packed form rejected
            "date-range-before-1000": "<1000年1月1日".encode(),
            "date-range-after-9999": ">9999年12月31日".encode(),
            # a space after a scale word is lost: 2千 瓦时 prints as 2千瓦时 (= 2 kWh)
            "scale-space-kwh": "2千 瓦时".encode(),
            "scale-space-yi-yuan": "5万 亿元".encode(),
            # a label of characters pt_fold turns into spaces prints unquoted
            "blank-label-en-space": '"\u2002"'.encode(),
            # a measure word spelled like a scale word: convert to the base unit fails
            "convert-base-wan-wan": "5万万".encode(),
        },
        "unpack": {
            # pt_decimal_format writes 161 bytes into a 160-byte buffer
            "format-overflow-maxcoef-exp60-places60-negative":
                bytes([1, 1, 1, 0, 0, 0, 60, 60, 0]) + dec(-big, 60),
            "format-overflow-range-places60":
                bytes([1, 1, 6, 0, 0, 0, 60, 60, 0]) + dec(-big, 60) + dec(big, 60),
            # GiST keys accept any coefficient and day: UB in the readers
            "gist-int128-min-coef": bytes([0xF0, 1, 1, 1, 3]) + "秒".encode() + bytes([3]) + "秒".encode()
                + bytes([2]) + (-(1 << 127)).to_bytes(16, "little", signed=True) + bytes([127])
                + bytes([2]) + ((1 << 127) - 1).to_bytes(16, "little", signed=True) + bytes([0x80]),
            "gist-day-overflow": bytes([0xF0, 2, 2, 1, 0, 0, 2]) + (-2147483646).to_bytes(4, "little", signed=True)
                + bytes([2]) + (9496).to_bytes(4, "little", signed=True),
        },
    }


def write_named(directory, items):
    os.makedirs(directory, exist_ok=True)
    for name, data in items.items():
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)
    return len(items)


def main():
    n_t = write_corpus(os.path.join(HERE, "corpus/target"), target_inputs())
    n_d = write_corpus(os.path.join(HERE, "corpus/document"), document_inputs())
    n_u = write_named(os.path.join(HERE, "corpus/unpack"), packed_edges())
    for target, items in regressions().items():
        write_named(os.path.join(HERE, "regressions", target), items)
    print("corpus/target: %d files, corpus/document: %d files, corpus/unpack: %d files"
          % (n_t, n_d, n_u))
    return 0


if __name__ == "__main__":
    sys.exit(main())
