#!/bin/sh
# Audit time with 100,000 traces against the same store without traces (issue #21 asked for at most +20%), and the
# time the traces add against the floor of reading what their counts need.
# Makes both copies from a GenAI project (default: the genai-sqlite-3x fixture; `file` for genai-file-3x) with
# bench/genai_traces.py (SQLite: trace rows) or bench/genai_file_traces.py (file store: traces/ folders), builds the
# CLI in Release and times whole cold `dotnet mlaudit.dll audit` processes (MLAUDIT_BIN: a published binary instead),
# interleaved with the floor, printing medians.
# usage: bench/genai-traces.sh [project-folder|file] [runs] [traces]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project=${1:-}
if [ -z "$project" ] || [ "$project" = file ]; then
  fixture=genai-sqlite-3x
  [ "$project" = file ] && fixture=genai-file-3x
  tar xzf "$here/tests/TestData/fixtures/$fixture.tar.gz" -C "$work"
  project="$work/$fixture"
fi
if [ -f "$project/mlflow.db" ]; then
  python3 "$here/bench/genai_traces.py" "$project" "$work" "${3:-100000}"
else
  python3 "$here/bench/genai_file_traces.py" "$project" "$work" "${3:-100000}"
fi
if [ -n "${MLAUDIT_BIN:-}" ]; then
  cli="$MLAUDIT_BIN"
else
  dotnet build -c Release -m:1 "$here/src/Auditor.Cli" > /dev/null
  cli="dotnet $here/src/Auditor.Cli/bin/Release/net10.0/mlaudit.dll"
fi
python3 - "$cli" "$work" "${2:-5}" <<'PY'
import statistics, subprocess, sys, time, os
cli, work, runs = sys.argv[1].split(), sys.argv[2], int(sys.argv[3])
# The floor of what the traces add: the rows the counts need, read by the sqlite3 shell (SQLite), or every file the
# file-store scan opens, read by cat (file store).
db = os.path.join(work, "with-traces", "mlflow.db")
if os.path.exists(db):
    floor = ["sqlite3", "-readonly", db,
             "select request_id, experiment_id, status, timestamp_ms from trace_info; "
             "select request_id, key, value from trace_request_metadata where key in ('mlflow.modelId', 'mlflow.sourceRun'); "
             "select request_id, value from trace_tags where key = 'mlflow.linkedPrompts'; "
             "select trace_id, name, assessment_type, source_type, valid, run_id, assessment_metadata from assessments;"]
else:
    floor = ["sh", "-c", "cd '%s' && find mlruns -path '*/traces/*' -type f \\( -name trace_info.yaml -o -path '*/assessments/*' "
             "-o -path '*/request_metadata/mlflow.modelId' -o -path '*/request_metadata/mlflow.sourceRun' "
             "-o -path '*/request_metadata/mlflow.trace.sizeStats' -o -path '*/tags/mlflow.linkedPrompts' \\) -print0 | xargs -0 cat | wc -c"
             % os.path.join(work, "with-traces")]
times = {"without-traces": [], "with-traces": [], "floor": []}
for i in range(runs):
    for name in times:
        out = os.path.join(work, "out-" + name)
        command = floor if name == "floor" else cli + ["audit", os.path.join(work, name), "-f", "json", "--output-dir", out, "--quiet"]
        start = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - start)
for name, t in times.items():
    print(f"{name}: median {statistics.median(t):.3f} s over {runs} runs ({', '.join(f'{x:.3f}' for x in t)})")
median = {name: statistics.median(t) for name, t in times.items()}
ratio = median["with-traces"] / median["without-traces"]
print(f"ratio with/without traces: {ratio:.3f} ({(ratio - 1) * 100:+.1f}%)")
added = median["with-traces"] - median["without-traces"]
print(f"time the traces add: {added:.3f} s, against the floor of reading what the counts need {median['floor']:.3f} s: {added / median['floor']:.2f}x")
PY
