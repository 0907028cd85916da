#!/usr/bin/python3
"""Reading and writing ptarget from Python with psycopg 3 (Debian's python3-psycopg).

Connects with the usual libpq environment (PGHOST, PGPORT, PGUSER) to the
database named on the command line, in which `CREATE EXTENSION ptarget` has
been run.  Prints one line per check, "ok - ..." or "FAIL - ...", and ends
with "N passed, M failed"; exits 1 on any failure.
"""

import datetime
import json
import sys
import traceback
from decimal import Decimal

import psycopg
import psycopg.errors
from psycopg.adapt import Dumper, Loader
from psycopg.pq import Format
from psycopg.types import TypeInfo
from psycopg.types.json import set_json_loads

passed = 0
failed = 0


def exact(x):
    """A form of x in which equal means identical: types at every level, and
    Decimal by its digits (Decimal('5000.0') == Decimal('5000') in Python)."""
    if isinstance(x, dict):
        return ("dict", sorted(((k, exact(v)) for k, v in x.items()), key=lambda kv: kv[0]))
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, [exact(v) for v in x])
    if isinstance(x, Decimal):
        return ("Decimal", str(x))
    return (type(x).__name__, x)


def check(name, got, want):
    """Exact check: same types, equal values, Decimals with the same digits."""
    global passed, failed
    if exact(got) == exact(want):
        passed += 1
        print(f"ok - psycopg: {name}")
    else:
        failed += 1
        print(f"FAIL - psycopg: {name}: expected {want!r} ({type(want).__name__}), "
              f"got {got!r} ({type(got).__name__})")


def check_error(name, conn, fn, exc_class, sqlstate, message=None):
    """fn() must raise exc_class with this SQLSTATE (and primary message)."""
    global passed, failed
    try:
        with conn.transaction():
            fn()
    except exc_class as e:
        got = (e.sqlstate, e.diag.message_primary if message is not None else None)
        check(name, got, (sqlstate, message))
        return
    except Exception as e:  # wrong exception class
        failed += 1
        print(f"FAIL - psycopg: {name}: expected {exc_class.__name__}, got "
              f"{type(e).__name__}: {e}")
        return
    failed += 1
    print(f"FAIL - psycopg: {name}: expected {exc_class.__name__}, no error")


# ---------------------------------------------------------------------------
# The adapters a client writes for ptarget.  The binary form of a ptarget is a
# version byte (1) followed by the canonical text in UTF-8.

class PTarget(str):
    """A ptarget value on the Python side: its canonical text."""


class PTargetLoader(Loader):                      # text format
    def load(self, data):
        return PTarget(bytes(data).decode("utf-8"))


class PTargetBinaryLoader(Loader):                # binary format
    format = Format.BINARY

    def load(self, data):
        data = bytes(data)
        if data[:1] != b"\x01":
            raise psycopg.DataError(f"unsupported ptarget binary version {data[:1]!r}")
        return PTarget(data[1:].decode("utf-8"))


class PTargetDumper(Dumper):                      # text format
    def dump(self, obj):
        return str(obj).encode("utf-8")


class PTargetBinaryDumper(Dumper):                # binary format
    format = Format.BINARY

    def dump(self, obj):
        return b"\x01" + str(obj).encode("utf-8")


def register_ptarget(context, info):
    """Register the loaders and dumpers on a connection or cursor."""
    info.register(context)                        # the type's name and oid (for arrays too)
    PTargetDumper.oid = PTargetBinaryDumper.oid = info.oid
    context.adapters.register_loader(info.oid, PTargetLoader)
    context.adapters.register_loader(info.oid, PTargetBinaryLoader)
    context.adapters.register_dumper(PTarget, PTargetDumper)
    context.adapters.register_dumper(PTarget, PTargetBinaryDumper)


# A dumper that sends an unknown binary version, to see the server refuse it.
class BadVersionDumper(Dumper):
    format = Format.BINARY

    def dump(self, obj):
        return b"\x02" + str(obj).encode("utf-8")


class BadVersion(str):
    pass


# inputs and their canonical text (from the README's tour)
CANONICAL = [
    (">=95%", "≥95%"),
    ("≧95％", "≥95%"),
    ("不超过50万元", "≤50万元"),
    ("90%以上", "≥90%"),
    ("超过100人", ">100人"),
    ("3个工作日以内", "≤3个工作日"),
    ("5万-10万元", "5~10万元"),
    ("5个左右", "约5个"),
    ("2025年3月底前", "≤2025年3月31日"),
    ("2025年全年", "2025年"),
    ("完成2个", '"完成2个"'),
    ("普遍满意", "普遍满意"),
    ("≤1265822.78万元", "≤1265822.78万元"),
    ("≤5500.00元", "≤5500.00元"),
]


def main(dbname):
    conn = psycopg.connect(dbname=dbname, autocommit=True)
    ptarget_oid = conn.execute("SELECT 'ptarget'::regtype::oid").fetchone()[0]

    # ---------------------------------------------------------------- text
    cur = conn.cursor()
    for text, canonical in CANONICAL:
        got = cur.execute("SELECT %s::ptarget", [text]).fetchone()[0]
        check(f"text format: {text!r} arrives as the canonical str", got, canonical)
    cur.execute("SELECT '≥95%'::ptarget")
    check("text format: the column's type_code is the ptarget oid",
          cur.description[0].type_code, ptarget_oid)

    conn.execute("CREATE TABLE py_target (id int PRIMARY KEY, target ptarget NOT NULL)")
    cur.executemany("INSERT INTO py_target VALUES (%s, %s)",
                    [(1, "≥95%"), (2, ">=98%"), (3, "不超过50万元"), (4, "2025年9月30日之前"),
                     (5, "普遍满意"), (6, "≤0.55万元")])
    got = cur.execute("SELECT id, target FROM py_target ORDER BY id").fetchall()
    check("text format: str parameters written to a ptarget column read back canonical", got,
          [(1, "≥95%"), (2, "≥98%"), (3, "≤50万元"), (4, "≤2025年9月30日"), (5, "普遍满意"),
           (6, "≤0.55万元")])
    got = cur.execute("SELECT id FROM py_target WHERE target @> %s ORDER BY id",
                      ["≥98%"]).fetchall()
    check("text format: target @> str parameter ('≥98%')", got, [(1,), (2,)])
    got = cur.execute("SELECT id FROM py_target WHERE target <@ %s ORDER BY id",
                      ["≥96%"]).fetchall()
    check("text format: target <@ str parameter ('≥96%')", got, [(2,)])
    got = cur.execute("SELECT id FROM py_target WHERE target @> %s ORDER BY id",
                      [Decimal("96.5")]).fetchall()
    check("text format: target @> Decimal parameter (numeric 96.5)", got, [(1,)])
    got = cur.execute("SELECT id FROM py_target WHERE target @> %s ORDER BY id",
                      [datetime.date(2025, 9, 30)]).fetchall()
    check("text format: target @> date parameter (2025-09-30)", got, [(4,)])
    got = cur.execute("SELECT id FROM py_target WHERE target = %s ORDER BY id",
                      ["≤5500元"]).fetchall()
    check("text format: target = str parameter ('≤5500元' equals '≤0.55万元')", got, [(6,)])

    # -------------------------------------------------------------- binary
    # without a loader psycopg hands over the raw bytes: the wire form
    got = conn.cursor(binary=True).execute("SELECT '>=95%'::ptarget").fetchone()[0]
    check("binary format without a loader: bytes = version 1 + UTF-8 text", got,
          b"\x01" + "≥95%".encode("utf-8"))

    info = TypeInfo.fetch(conn, "ptarget")
    check("TypeInfo.fetch(conn, 'ptarget'): name and oid", (info.name, info.oid),
          ("ptarget", ptarget_oid))
    register_ptarget(conn, info)

    bcur = conn.cursor(binary=True)
    tcur = conn.cursor()
    for text, canonical in CANONICAL:
        b = bcur.execute("SELECT %s::ptarget", [text]).fetchone()[0]
        t = tcur.execute("SELECT %s::ptarget", [text]).fetchone()[0]
        check(f"binary loader: {text!r} loads as PTarget equal to the text form",
              (type(b).__name__, str(b), str(t)), ("PTarget", canonical, canonical))
    got = conn.execute("SELECT target FROM py_target ORDER BY id", binary=True).fetchall()
    check("execute(..., binary=True): a whole column through the binary loader",
          [(type(r[0]).__name__, str(r[0])) for r in got],
          [("PTarget", t) for t in ["≥95%", "≥98%", "≤50万元", "≤2025年9月30日", "普遍满意", "≤0.55万元"]])
    got = conn.execute("SELECT ARRAY['≥95%', '普遍满意']::ptarget[]", binary=True).fetchone()[0]
    check("binary format: ptarget[] loads as a list of PTarget",
          [(type(x).__name__, str(x)) for x in got], [("PTarget", "≥95%"), ("PTarget", "普遍满意")])
    try:
        PTargetBinaryLoader(ptarget_oid).load(b"\x02abc")
        check("binary loader refuses an unknown version byte", "no error", "DataError")
    except psycopg.DataError:
        check("binary loader refuses an unknown version byte", "DataError", "DataError")

    # binary writes: %b forces the binary dumper.  (A cursor copies the
    # connection's adapters when it is created: use one created after register.)
    cur = conn.cursor()
    cur.execute("INSERT INTO py_target VALUES (%s, %b), (%s, %b)",
                [7, PTarget("≤1265822.78万元"), 8, PTarget(">=90%")])
    got = cur.execute("SELECT target::text FROM py_target WHERE id IN (7, 8) ORDER BY id").fetchall()
    check("binary write (%b, PTarget): stored, and a non-canonical spelling is parsed",
          got, [("≤1265822.78万元",), ("≥90%",)])
    got = conn.execute("SELECT pg_typeof(%t)::text, pg_typeof(%b)::text, %t::text, %b::text",
                       [PTarget("≥95%")] * 2 + [PTarget("不低于90%")] * 2).fetchone()
    check("PTarget parameters are typed ptarget in text (%t) and binary (%b) format",
          got, ("ptarget", "ptarget", "≥90%", "≥90%"))
    got = conn.execute("SELECT id FROM py_target WHERE target @> %s ORDER BY id",
                       [PTarget("≥99%")], binary=True).fetchall()
    check("execute(..., binary=True): target @> PTarget parameter sent binary", got,
          [(1,), (2,), (8,)])
    got = conn.execute("SELECT %b::ptarget = %b", [PTarget("≤0.55万元"), PTarget("≤5500元")]
                       ).fetchone()[0]
    check("binary parameters: '≤0.55万元' = '≤5500元'", got, True)
    # a plain str sent binary is typed text, and text has no assignment cast to ptarget
    check_error("binary str parameter into a ptarget column: DatatypeMismatch 42804", conn,
                lambda: conn.execute("INSERT INTO py_target VALUES (9, %b)", ["≥95%"]),
                psycopg.errors.DatatypeMismatch, "42804",
                'column "target" is of type ptarget but expression is of type text')
    conn.adapters.register_dumper(BadVersion, BadVersionDumper)
    BadVersionDumper.oid = ptarget_oid
    check_error("binary value with version byte 2: InvalidBinaryRepresentation 22P03", conn,
                lambda: conn.execute("SELECT %b::text", [BadVersion("≥95%")]),
                psycopg.errors.InvalidBinaryRepresentation, "22P03")
    check_error("binary value '≥95%%' (bad text after the version byte): 22P02", conn,
                lambda: conn.execute("SELECT %b::text", [PTarget("≥95%%")]),
                psycopg.errors.InvalidTextRepresentation, "22P02",
                'invalid input syntax for type ptarget: "≥95%%"')

    # ---------------------------------------------------------------- jsonb
    big = "≥1234567890.123456789012345678个"      # 28 significant digits
    plain = psycopg.connect(dbname=dbname, autocommit=True)  # default json.loads
    got = plain.execute("SELECT %s::ptarget::jsonb", [big]).fetchone()[0]["magnitude"]
    check("jsonb with the default json.loads: a 28-digit magnitude becomes a float",
          got, 1234567890.1234567)
    plain.close()

    set_json_loads(lambda s: json.loads(s, parse_float=Decimal, parse_int=Decimal), conn)
    got = conn.execute("SELECT '≤1265822.78万元'::ptarget::jsonb").fetchone()[0]
    check("jsonb with parse_float=Decimal: upper of '≤1265822.78万元'", got["upper"],
          Decimal("12658227800"))
    check("jsonb: the whole object of '≤1265822.78万元'", got, {
        "kind": "quantity", "text": "≤1265822.78万元", "unit": "万元", "label": None,
        "lower": None, "upper": Decimal("12658227800"), "operator": "≤", "base_unit": "元",
        "dimension": "money", "magnitude": Decimal("1265822.78"), "lower_date": None,
        "upper_date": None, "approximate": False, "lower_inclusive": False,
        "magnitude_upper": Decimal("1265822.78"), "upper_inclusive": True})
    got = conn.execute("SELECT %s::ptarget::jsonb", [big]).fetchone()[0]
    check("jsonb: a 28-digit magnitude kept exact as Decimal",
          (got["magnitude"], got["lower"]),
          (Decimal("1234567890.123456789012345678"), Decimal("1234567890.123456789012345678")))
    got = conn.execute("SELECT '≥0.5万人次'::ptarget::jsonb", binary=True).fetchone()[0]
    check("jsonb in binary format: lower bound of '≥0.5万人次' is Decimal('5000')",
          (got["lower"], got["magnitude"], got["dimension"]),
          (Decimal("5000"), Decimal("0.5"), "count:人次"))
    got = conn.execute("SELECT '2025年全年'::ptarget::jsonb").fetchone()[0]
    check("jsonb of a date target: kind, text and days",
          (got["kind"], got["text"], got["lower_date"], got["upper_date"]),
          ("date", "2025年", "2025-01-01", "2025-12-31"))
    got = conn.execute("SELECT target::jsonb ->> 'text' FROM py_target WHERE id = 4").fetchone()[0]
    check("target::jsonb from a table column", got, "≤2025年9月30日")

    # --------------------------------------------------------------- errors
    check_error("bad value as %s::ptarget: InvalidTextRepresentation 22P02", conn,
                lambda: conn.execute("SELECT %s::ptarget", ["≥95%%"]),
                psycopg.errors.InvalidTextRepresentation, "22P02",
                'invalid input syntax for type ptarget: "≥95%%"')
    check_error("bad value inserted into a ptarget column: 22P02", conn,
                lambda: conn.execute("INSERT INTO py_target VALUES (10, %s)", ["10~5个"]),
                psycopg.errors.InvalidTextRepresentation, "22P02")
    check_error("bad value compared with @>: 22P02", conn,
                lambda: conn.execute("SELECT target @> %s FROM py_target", ["12,34"]),
                psycopg.errors.InvalidTextRepresentation, "22P02")
    check_error("impossible date: DatetimeFieldOverflow 22008", conn,
                lambda: conn.execute("SELECT %s::ptarget", ["2025年2月29日之前"]),
                psycopg.errors.DatetimeFieldOverflow, "22008")
    try:
        conn.execute("SELECT %s::ptarget", ["≥NaN%"])
        detail = None
    except psycopg.errors.InvalidTextRepresentation as e:
        detail = (isinstance(e, psycopg.DataError), e.diag.sqlstate)
    check("22P02 is a psycopg.DataError (catchable generically)", detail, (True, "22P02"))
    got = conn.execute("SELECT count(*) FROM py_target").fetchone()[0]
    check("the connection is usable after the errors; failed inserts left nothing", got, 8)

    conn.close()


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except Exception:
        traceback.print_exc()
        failed += 1
        print("FAIL - psycopg: the program stopped with an exception")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
