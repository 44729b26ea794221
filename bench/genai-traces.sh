#!/bin/sh
# Audit time with 100,000 traces against the same store without traces (issue #21: at most +20%).
# Makes both copies from a GenAI project (default: the genai-sqlite-3x fixture; `file` for genai-file-3x) with
# bench/genai_traces.py (SQLite: trace rows) or bench/genai_file_traces.py (file store: traces/ folders), builds the
# CLI in Release and times whole cold `dotnet mlaudit.dll audit` processes, interleaved, printing medians.
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
dotnet build -c Release -m:1 "$here/src/Auditor.Cli" > /dev/null
dll="$here/src/Auditor.Cli/bin/Release/net10.0/mlaudit.dll"
python3 - "$dll" "$work" "${2:-5}" <<'PY'
import statistics, subprocess, sys, time, os
dll, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = {"without-traces": [], "with-traces": []}
for i in range(runs):
    for name in times:
        out = os.path.join(work, "out-" + name)
        start = time.perf_counter()
        subprocess.run(["dotnet", dll, "audit", os.path.join(work, name), "-f", "json", "--output-dir", out, "--quiet"], check=False, stdout=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - start)
for name, t in times.items():
    print(f"{name}: median {statistics.median(t):.3f} s over {runs} runs ({', '.join(f'{x:.3f}' for x in t)})")
ratio = statistics.median(times["with-traces"]) / statistics.median(times["without-traces"])
print(f"ratio with/without traces: {ratio:.3f} ({(ratio - 1) * 100:+.1f}%)")
PY
