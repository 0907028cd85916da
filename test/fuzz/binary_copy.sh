#!/usr/bin/env bash
# test/fuzz/binary_copy.sh [CASES] — fuzz ptarget's binary receive through a
# running server (default 2000 cases, well under two minutes).
#
# Needs PGHOST/PGPORT/PGUSER (a superuser: COPY FROM a server file) pointing at a
# server with the extension installed, e.g.
#     source test/lib.sh; start_cluster; bash test/fuzz/binary_copy.sh
# Creates a scratch database (dropped at the end), and for each case writes a
# hand-made PGCOPY binary file (signature, flags 0, extension 0, one tuple of one
# field, trailer -1) whose ptarget field is random or mutated bytes: valid binary
# values (version byte 1 + UTF-8 canonical text, from ptarget_send and from the
# fuzz corpus) with bytes flipped, truncated, extended, spliced, NUL or invalid
# UTF-8 inserted, and a few files whose field length disagrees with the bytes.
# The first cases are fixed edges of the grammar (first/last dates, 4-digit
# magnitudes, …) sent unchanged.  Each file is loaded with COPY t FROM '/path' (FORMAT binary) inside a
# PL/pgSQL function that catches the error:
#   - a COPY must either succeed or fail with an ERROR (a crash, a lost
#     connection or an internal error XX000 is a failure)
#   - an accepted value must be readable (ptarget_out, no XX001), equal to its
#     canonical text read back, print that text again, send a version-1 binary
#     form, and equal the text input of the same bytes (receive = input)
# After every batch: the server still answers SELECT 1, and the server log (when
# readable: $PTARGET_SERVER_LOG, $CLUSTER_DIR/server.log, or pg_current_logfile())
# has no "terminated by signal".  Files go to a per-run directory under
# ${TMPDIR:-/tmp} that the server user must be able to read (checked first with
# a valid file); it is removed at the end, failing cases included (their bytes
# are printed; PTARGET_KEEP_TMP=1 keeps the directory).
# The cases and server checks are counted as information; the binary receive is
# one test case: "1 passed, 0 failed" or "0 passed, 1 failed"; exit 1 on
# failure.  Environment: FUZZ_SEED (default 1), FUZZ_BATCH (default 100),
# TMPDIR, PTARGET_KEEP_TMP, PTARGET_SERVER_LOG.
set -uo pipefail

CASES=${1:-2000}
if ! [[ $CASES =~ ^[0-9]+$ ]]; then
	echo "usage: $0 [CASES]" >&2
	exit 2
fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for v in PGHOST PGPORT PGUSER; do
	if [ -z "${!v:-}" ]; then
		echo "error: $v is not set (source test/lib.sh; start_cluster)" >&2
		exit 2
	fi
done
command -v psql >/dev/null || { echo "error: psql not found" >&2; exit 2; }
command -v python3 >/dev/null || { echo "error: python3 not found" >&2; exit 2; }

export PTARGET_FUZZ_HERE=$HERE PTARGET_FUZZ_CASES=$CASES
exec python3 - <<'PYTHON'
import atexit, os, random, re, struct, subprocess, sys, tempfile, time, glob, shutil

HERE = os.environ["PTARGET_FUZZ_HERE"]
CASES = int(os.environ["PTARGET_FUZZ_CASES"])
SEED = int(os.environ.get("FUZZ_SEED", "1"))
BATCH = max(1, int(os.environ.get("FUZZ_BATCH", "100")))
DB = "ptarget_binfuzz_%d" % os.getpid()
rng = random.Random(SEED)
passed = failed = 0
started = time.time()


def psql(sql, db="postgres", check=True, timeout=300):
    p = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db],
                       input=sql, capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        sys.stderr.write(p.stderr)
        raise SystemExit("psql failed: %s" % sql[:200])
    return p


def alive():
    for _ in range(60):
        p = psql("SELECT 1", check=False, timeout=10)
        if p.returncode == 0 and p.stdout.strip() == "1":
            return True
        time.sleep(0.5)
    return False


# ------------------------------------------------------------------ server log
def find_log():
    cands = [os.environ.get("PTARGET_SERVER_LOG", "")]
    if os.environ.get("CLUSTER_DIR"):
        cands.append(os.path.join(os.environ["CLUSTER_DIR"], "server.log"))
    p = psql("SELECT coalesce(pg_current_logfile(), '') || '|' || current_setting('data_directory')",
             check=False)
    if p.returncode == 0 and "|" in p.stdout:
        logf, datadir = p.stdout.strip().split("|", 1)
        if logf:
            cands.append(logf if logf.startswith("/") else os.path.join(datadir, logf))
    # a pg_ctl -l log next to the data directory (test/lib.sh start_cluster)
    if p.returncode == 0 and "|" in p.stdout:
        cands.append(os.path.join(os.path.dirname(p.stdout.strip().split("|", 1)[1]), "server.log"))
    for c in cands:
        if c and os.path.isfile(c) and os.access(c, os.R_OK):
            return c
    return None


LOG = find_log()
log_offset = os.path.getsize(LOG) if LOG else 0


def log_news():
    global log_offset
    if not LOG:
        return ""
    with open(LOG, "rb") as f:
        f.seek(log_offset)
        data = f.read()
    log_offset += len(data)
    return data.decode("utf-8", "replace")


# ------------------------------------------------------------------ setup
psql("DROP DATABASE IF EXISTS %s" % DB)
psql("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" % DB)
SETUP = r"""
CREATE EXTENSION ptarget;
CREATE TABLE t(v ptarget);
CREATE FUNCTION try_copy(path text, field bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r record; txt text; snd bytea; want ptarget; n int := 0; result text;
BEGIN
  BEGIN
    EXECUTE format('COPY t FROM %L (FORMAT binary)', path);
  EXCEPTION WHEN OTHERS THEN
    RETURN 'rejected ' || SQLSTATE || ' ' || replace(SQLERRM, E'\n', ' ');
  END;
  FOR r IN SELECT v FROM t LOOP
    n := n + 1;
    CONTINUE WHEN r.v IS NULL;               -- field length -1 is SQL NULL
    BEGIN
      txt := r.v::text;
      IF NOT (txt::ptarget = r.v) THEN
        result := 'BAD canonical text ' || quote_literal(txt) || ' reads back as another value ('
                  || quote_literal(txt::ptarget::text) || ')';
      ELSIF txt::ptarget::text <> txt THEN
        result := 'BAD canonical text ' || quote_literal(txt) || ' reprints as ' || quote_literal(txt::ptarget::text);
      ELSE
        snd := ptarget_send(r.v);
        IF get_byte(snd, 0) <> 1 THEN
          result := 'BAD ptarget_send version byte ' || get_byte(snd, 0);
        END IF;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      result := 'BAD accepted value unusable: ' || SQLSTATE || ' ' || SQLERRM;
    END;
    IF result IS NULL AND field IS NOT NULL THEN
      BEGIN
        want := convert_from(substring(field FROM 2), 'UTF8')::ptarget;
        IF NOT (want = r.v AND want::text = txt) THEN
          result := 'BAD receive gave ' || quote_literal(txt) || ', text input ' || quote_literal(want::text);
        END IF;
      EXCEPTION WHEN OTHERS THEN
        result := 'BAD receive accepted what text input rejects: ' || SQLSTATE || ' ' || SQLERRM;
      END;
    END IF;
    EXIT WHEN result IS NOT NULL;
  END LOOP;
  DELETE FROM t;
  RETURN coalesce(result, 'accepted ' || n);
END $$;
"""
psql(SETUP, db=DB)

# ------------------------------------------------------------------ seeds
KNOWN = ["≥95%", "≤50万元", "<5次", "5~10万元", "约5个", "≤1000元/人/月", "2025年9月30日之前",
         "2025年3月底前", "2025年全年", "2025年12月", "≥2025年10月1日", "普遍满意", "\"完成2个\"",
         "\"他说\"\"好\"\"\"", "≥55万", "70T", "365天", "≥20万人次", "1234567890123456789012345678万元",
         "0.000000000000000000000000000001元", "2025年1月1日~2025年3月5日", "-0.5%"]
arr = "ARRAY[" + ",".join("'" + k.replace("'", "''") + "'" for k in KNOWN) + "]"
p = psql("SELECT encode(ptarget_send(x::ptarget), 'hex') FROM unnest(%s) x" % arr, db=DB)
seeds = [bytes.fromhex(h) for h in p.stdout.split() if h]
# edges of the grammar: first/last dates, bounds that move past them, 4-digit magnitudes
EDGES = ["<1000年1月1日", ">9999年12月31日", "1000年1月1日之前", "9999年12月31日起", "<1000年",
         ">9999年", "9999-12-31", "1000-01-01", "2,025年", "+2025年", "02320.7", "≥2025.5",
         "9999999999999999999999999999万亿PB", "0.000000000000000000000000000000000000000000000000000000000001",
         "≥-0", "\"\"\"\"", "约", "inf", "NaN", "2025年2月29日", "2024年2月29日"]
seeds += [b"\x01" + e.encode() for e in EDGES]
for path in sorted(glob.glob(os.path.join(HERE, "corpus", "target", "*"))):
    with open(path, "rb") as f:
        data = f.read(512)
    seeds.append(b"\x01" + data)
tokens = []
dict_path = os.path.join(HERE, "target.dict")
if os.path.exists(dict_path):
    for line in open(dict_path, encoding="ascii", errors="replace"):
        m = re.match(r'^"(.*)"\s*$', line)
        if m:
            tokens.append(re.sub(rb"\\x([0-9A-Fa-f]{2})", lambda g: bytes([int(g.group(1), 16)]),
                                 m.group(1).encode().replace(b'\\"', b'"').replace(b"\\\\", b"\\")))
tokens = tokens or [b"\xe2\x89\xa5", "万元".encode(), b"%"]
BAD_UTF8 = [b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x89", b"\xf4\x90\x80\x80", b"\x80", b"\x00"]


def mutate():
    """Returns (field bytes, length field or None for len(field), what)."""
    base = rng.choice(seeds)
    kind = rng.randrange(100)
    if kind < 12:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 48))), None, "random bytes"
    if kind < 20:
        return b"\x01" + bytes(rng.randrange(32, 256) for _ in range(rng.randrange(0, 40))), None, "version 1 + random"
    if kind < 30:
        return base, None, "valid"
    b = bytearray(base)
    what = []
    for _ in range(rng.randrange(1, 4)):
        op = rng.randrange(9)
        if op == 0 and b:
            i = rng.randrange(len(b)); b[i] ^= 1 << rng.randrange(8); what.append("flip bit")
        elif op == 1 and b:
            i = rng.randrange(len(b)); b[i] = rng.randrange(256); what.append("set byte")
        elif op == 2 and len(b) > 1:
            del b[rng.randrange(1, len(b)):]; what.append("truncate")
        elif op == 3:
            b += rng.choice(tokens); what.append("extend token")
        elif op == 4:
            i = rng.randrange(1, len(b) + 1) if len(b) > 1 else len(b)
            b[i:i] = rng.choice(tokens); what.append("insert token")
        elif op == 5:
            i = rng.randrange(1, len(b) + 1) if len(b) > 1 else len(b)
            b[i:i] = rng.choice(BAD_UTF8); what.append("insert bad utf-8")
        elif op == 6:
            other = rng.choice(seeds)[1:]
            b += other[rng.randrange(len(other) + 1):]; what.append("splice")
        elif op == 7:
            b[0:1] = bytes([rng.choice([0, 2, 255, 0x31])]) if b else b"\x02"; what.append("version byte")
        elif op == 8:
            b += bytes([rng.randrange(256)]) * rng.choice([1, 100, 5000, 70000]); what.append("long tail")
    length = None
    if rng.randrange(100) < 4:
        length = rng.choice([len(b) + 1, len(b) + 1000, max(len(b) - 1, 0), 0, -1, -2, 0x7fffffff])
        what.append("length field %d" % length)
    return bytes(b), length, "+".join(what) or "unchanged"


def pgcopy(field, length):
    n = len(field) if length is None else length
    return (b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0) + struct.pack(">h", 1)
            + struct.pack(">i", n) + field + struct.pack(">h", -1))


workdir = tempfile.mkdtemp(prefix="ptarget-copy.", dir=os.environ.get("TMPDIR") or "/tmp")
os.chmod(workdir, 0o755)
KEEP = os.environ.get("PTARGET_KEEP_TMP") == "1"


def cleanup():
    psql("DROP DATABASE IF EXISTS %s" % DB, check=False)
    if KEEP:
        print("kept %s (PTARGET_KEEP_TMP=1)" % workdir)
    else:
        shutil.rmtree(workdir, ignore_errors=True)


atexit.register(cleanup)
bad_cases = []
outcomes = {}


def write_case(i, field, length):
    path = os.path.join(workdir, "case_%05d.bin" % i)
    with open(path, "wb") as f:
        f.write(pgcopy(field, length))
    os.chmod(path, 0o644)
    return path


def run_batch(batch):
    """batch: list of (i, path, field, length, what); returns psql result."""
    rows = []
    for i, path, field, length, what in batch:
        fhex = "NULL" if length is not None else "'\\x%s'::bytea" % field.hex()
        rows.append("(%d, '%s', %s)" % (i, path, fhex))
    sql = ("SELECT i || '|' || try_copy(p, f) FROM (VALUES %s) AS c(i, p, f) ORDER BY i"
           % ", ".join(rows))
    return psql(sql, db=DB, check=False, timeout=600)


def judge(i, res, field, what, path):
    global passed, failed
    key = res.split(" ")[0] + (" " + res.split(" ")[1] if res.startswith("rejected") else "")
    outcomes[key] = outcomes.get(key, 0) + 1
    bad = res.startswith("BAD") or res.startswith("rejected XX")
    if bad:
        failed += 1
        bad_cases.append((i, path, field, what, res))
    else:
        passed += 1
        os.remove(path)


# the server must be able to read the files: a valid value is accepted
with open(os.path.join(workdir, "preflight.bin"), "wb") as f:
    f.write(pgcopy(seeds[0], None))
os.chmod(os.path.join(workdir, "preflight.bin"), 0o644)
p = run_batch([(-1, os.path.join(workdir, "preflight.bin"), seeds[0], None, "preflight")])
if p.stdout.strip() != "-1|accepted 1":
    print("!! the server cannot load %s/preflight.bin (TMPDIR must be readable by the server user): %s %s"
          % (workdir, p.stdout.strip(), p.stderr.strip()[:300]))
    print("0 passed, 1 failed")
    sys.exit(1)

i = 0
batches = 0
while i < CASES:
    batch = []
    for _ in range(min(BATCH, CASES - i)):
        if i < len(EDGES):
            field, length, what = b"\x01" + EDGES[i].encode(), None, "edge " + EDGES[i]
        else:
            field, length, what = mutate()
        batch.append((i, write_case(i, field, length), field, length, what))
        i += 1
    p = run_batch(batch)
    batches += 1
    results = {}
    for line in p.stdout.splitlines():
        if "|" in line:
            k, v = line.split("|", 1)
            results[int(k)] = v
    if p.returncode != 0 or len(results) != len(batch):
        # the backend died (or psql failed): find the case(s) one by one
        print("!! batch %d: psql exit %d: %s" % (batches, p.returncode, p.stderr.strip()[:300]))
        if not alive():
            print("!! server does not answer any more")
            failed += 1
            break
        for case in batch:
            q = run_batch([case])
            line = q.stdout.strip()
            if q.returncode != 0 or "|" not in line:
                failed += 1
                bad_cases.append((case[0], case[1], case[2], case[4],
                                  "CRASH/connection lost: " + q.stderr.strip()[:200]))
                alive()
            else:
                judge(case[0], line.split("|", 1)[1], case[2], case[4], case[1])
    else:
        for case in batch:
            judge(case[0], results[case[0]], case[2], case[4], case[1])
    # after every batch: the server answers, the log shows no crash
    ok = alive()
    news = log_news()
    crashed = [l for l in news.splitlines() if "terminated by signal" in l or "PANIC" in l or "TRAP:" in l]
    if ok and not crashed:
        passed += 1
    else:
        failed += 1
        print("!! after batch %d: server %s; log: %s" % (batches, "alive" if ok else "DOWN",
                                                        " / ".join(crashed[:3])))
        if not ok:
            break

elapsed = time.time() - started
print("binary COPY fuzz: %d cases in %d batches, %.1f s, seed %d, server log %s"
      % (i, batches, elapsed, SEED, LOG or "not readable (liveness checks only)"))
print("checks: %d passed, %d failed (one per case, one per server check after each batch)"
      % (passed, failed))
for k in sorted(outcomes, key=lambda k: -outcomes[k]):
    print("  %-40s %6d" % (k, outcomes[k]))
for (n, path, field, what, res) in bad_cases[:20]:
    print("FAILED case %d (%s): %s\n  field (%d bytes): %s%s"
          % (n, what, res[:300], len(field), field[:512].hex() + ("..." if len(field) > 512 else ""),
             "\n  file: " + path if KEEP else ""))
if failed:
    print("FAIL binary receive through COPY FROM (FORMAT binary)")
    print("0 passed, 1 failed")
else:
    print("ok   binary receive through COPY FROM (FORMAT binary)")
    print("1 passed, 0 failed")
sys.exit(1 if failed else 0)
PYTHON
