#!/bin/sh
# The organisation view at scale: audits every fixture once, makes N report.json files from those audits (each a
# different project: its own path, commit, date and level within what the audits gave), then times
# `mlaudit portfolio` over the folder writing JSON, HTML and Markdown, and prints the median wall time and the
# largest peak memory of the runs.
# usage: bench/portfolio.sh [reports=5000] [repeat=5]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-5000}
repeat=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release -m:1 "$here/src/Auditor.Cli" > /dev/null
cli="$here/src/Auditor.Cli/bin/Release/net10.0/mlaudit"

mkdir -p "$work/fixtures" "$work/audits"
for name in tracked-file tracked-file-3x tracked-sqlite tracked-sqlite-3x sloppy-file untracked genai-file-3x genai-sqlite-3x; do
  tar xzf "$here/tests/TestData/fixtures/$name.tar.gz" -C "$work/fixtures"
  (cd "$work/fixtures/$name" && "$cli" audit . -f json --output-dir "$work/audits/$name" -q) || true
done

python3 - "$work/audits" "$work/reports" "$count" <<'PY'
import json, os, random, sys, datetime
audits, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
bases = [json.load(open(os.path.join(audits, d, "report.json"))) for d in sorted(os.listdir(audits))]
rng = random.Random(42)
now = datetime.datetime.now(datetime.timezone.utc)
for i in range(count):
    r = json.loads(json.dumps(bases[i % len(bases)]))
    name = f"team-{i % 97:02d}-project-{i:05d}"
    root = f"/home/runner/work/{name}/{name}"
    r["subject"]["path"] = root
    if r["subject"]["repository"]:
        r["subject"]["repository"]["root"] = root
        r["subject"]["repository"]["head"] = "%040x" % rng.getrandbits(160)
    r["generatedAt"] = (now - datetime.timedelta(days=rng.randint(0, 90), seconds=rng.randint(0, 86399))).isoformat()
    r["maturity"]["level"] = min(r["maturity"]["level"], rng.randint(0, 4))
    folder = os.path.join(out, name)
    os.makedirs(folder)
    with open(os.path.join(folder, "report.json"), "w") as f:
        json.dump(r, f, indent=2)
PY
size=$(du -sm "$work/reports" | cut -f1)
echo "portfolio of $count reports ($size MB of report.json) -> json, html, markdown; $repeat runs"
i=0
times=""
peak=0
while [ $i -lt "$repeat" ]; do
  /usr/bin/time -f "%e %M" -o "$work/time" "$cli" portfolio "$work/reports" -f json,html,markdown --output-dir "$work/out" -q
  read -r wall rss < "$work/time"
  echo "  run $((i + 1)): ${wall} s, peak ${rss} KB"
  times="$times $wall"
  [ "$rss" -gt "$peak" ] && peak=$rss
  i=$((i + 1))
done
median=$(echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
echo "median ${median} s, peak memory $((peak / 1024)) MB (goal: under 10 s and 500 MB)"
ls -la "$work/out" | awk 'NR > 1 {print "  " $5 " bytes  " $9}'
