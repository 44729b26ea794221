#!/usr/bin/env python3
"""Copies a SQLite GenAI store (e.g. genai-sqlite-3x) twice: one with N traces (default 100,000), each a copy of one
of the store's own traces with its tags, request metadata, assessments and spans (so in the fixture's proportions,
new ids), and one with no traces at all (trace tables emptied). The source store is only read.
usage: genai_traces.py <project-folder> <out-folder> [traces]"""
import os, shutil, sqlite3, sys, uuid

src, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
TABLES = ["trace_tags", "trace_request_metadata", "assessments", "spans"]
KEY = {"trace_tags": "request_id", "trace_request_metadata": "request_id", "assessments": "trace_id", "spans": "trace_id"}

def copy(name):
    dst = os.path.join(out, name)
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".git"))
    if os.path.isdir(os.path.join(src, ".git")):
        shutil.copytree(os.path.join(src, ".git"), os.path.join(dst, ".git"))
    return sqlite3.connect(os.path.join(dst, "mlflow.db"))

with copy("without-traces") as db:
    for t in TABLES + ["trace_info"]:
        db.execute(f"DELETE FROM {t}")
    db.commit()
    db.execute("VACUUM")

db = copy("with-traces")
cols = {t: [r[1] for r in db.execute(f"PRAGMA table_info({t})")] for t in TABLES + ["trace_info"]}
traces = db.execute(f"SELECT {','.join(cols['trace_info'])} FROM trace_info ORDER BY request_id").fetchall()
children = {t: {} for t in TABLES}
for t in TABLES:
    k = cols[t].index(KEY[t])
    for row in db.execute(f"SELECT {','.join(cols[t])} FROM {t}"):
        children[t].setdefault(row[k], []).append(row)
idx = cols["trace_info"].index("request_id")
ts = cols["trace_info"].index("timestamp_ms")
aid = cols["assessments"].index("assessment_id")
for i in range(n - len(traces)):
    base = traces[i % len(traces)]
    new_id = "tr-" + uuid.UUID(int=i + 1).hex
    row = list(base); row[idx] = new_id; row[ts] = base[ts] - (i // len(traces)) * 60_000
    db.execute(f"INSERT INTO trace_info VALUES ({','.join('?' * len(row))})", row)
    for t in TABLES:
        k = cols[t].index(KEY[t])
        for c in children[t].get(base[idx], []):
            c = list(c); c[k] = new_id
            if t == "assessments":
                c[aid] = "a-" + uuid.uuid4().hex
            db.execute(f"INSERT INTO {t} VALUES ({','.join('?' * len(c))})", c)
db.commit()
print({t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ["trace_info"] + TABLES})
db.close()
