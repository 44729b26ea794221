#!/usr/bin/env bash
# What a user pays: the whole CLI as a cold process (`mlaudit audit . --format json`) against the I/O floor of the same
# store, interleaved (floor, CLI, floor, CLI, ...), printing medians and the median of the paired ratios CLI/floor.
#   file     scale-file (10k runs)        floor: tar cf - mlruns | wc -c
#   sqlite   scale-sqlite (10k runs)      floor: the sqlite3 baseline of bench/store.sh (every tracking table)
#   sqlite100k  scale-sqlite grown to 100k runs by copying its runs with new ids in SQL; also the CLI's peak RSS
#   rest     the 10k SQLite store served over REST by the stand-in server (src/Auditor.Benchmarks.Remote serve);
#            floor: a bare paging loop, 4 experiments in flight, against the same server
#   small    tracked-file with --format json,html (median of 10 cold runs, no floor)
#   version  mlaudit --version (median of 10 cold runs)
# The CLI is the framework-dependent Release build (`dotnet mlaudit.dll`); set MLAUDIT_BIN to a published binary
# (the Native AOT one) to time that instead.
# usage: bench/e2e.sh [repeat=5] [cases="file sqlite sqlite100k rest small version"]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
repeat=${1:-5}
cases=${2:-file sqlite sqlite100k rest small version}
fixtures=${MLAUDIT_FIXTURES:-/work/shared/fixtures}
[ -f "$fixtures/scale-file.tar.gz" ] || fixtures="$here/tests/TestData/fixtures"
work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [ -n "${MLAUDIT_BIN:-}" ]; then
  cli=("$MLAUDIT_BIN")
else
  dotnet build -c Release -m:1 "$here/src/Auditor.Cli" > /dev/null
  cli=(dotnet "$here/src/Auditor.Cli/bin/Release/net10.0/mlaudit.dll")
fi
echo "CLI: ${cli[*]}"

# seconds of wall time of one command (run through bash -c), its peak RSS in KB in the file $work/rss
timed() {
  /usr/bin/time -f "%e %M" -o "$work/time" bash -c "$1" > /dev/null 2> "$work/stderr" || { echo "failed: $1" >&2; cat "$work/stderr" >&2; exit 1; }
  read -r wall rss < "$work/time"
  echo "$rss" > "$work/rss"
  echo "$wall"
}

# finer than /usr/bin/time's 10 ms: wall seconds from bash's clock
clocked() {
  local start end
  start=$(date +%s.%N)
  bash -c "$1" > /dev/null 2> "$work/stderr" || { echo "failed: $1" >&2; cat "$work/stderr" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {printf "%.3f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

cli_command() { printf '%q ' "${cli[@]}"; }

# name, project folder, floor command, extra CLI options
paired() {
  local name=$1 project=$2 floor=$3 extra=${4:-}
  local floors="" clis="" ratios="" peak=0 i=0 f c
  local audit
  audit="cd '$project' && $(cli_command) audit . --format json --output-dir '$work/out' -q $extra; [ \$? -le 1 ]"
  bash -c "$floor" > /dev/null # warm the page cache: every case is measured warm, as the floors are
  bash -c "$audit" > /dev/null 2>&1 || true
  while [ $i -lt "$repeat" ]; do
    f=$(timed "$floor")
    c=$(timed "$audit")
    rss=$(cat "$work/rss")
    [ "$rss" -gt "$peak" ] && peak=$rss
    floors="$floors $f"; clis="$clis $c"; ratios="$ratios $(echo "$c / $f" | bc -l)"
    printf '  %-10s run %d: floor %.3f s, CLI %.3f s\n' "$name" $((i + 1)) "$f" "$c"
    i=$((i + 1))
  done
  printf '%-10s floor median %s s, CLI median %s s, paired ratio (median) %sx, CLI peak RSS %d MB (n=%d)\n' \
    "$name" "$(echo "$floors" | median)" "$(echo "$clis" | median)" "$(echo "$ratios" | median)" $((peak / 1024)) "$repeat"
}

# name, command, count
alone() {
  local name=$1 command=$2 count=$3 times="" i=0
  bash -c "$command" > /dev/null 2>&1 || true
  while [ $i -lt "$count" ]; do
    times="$times $(clocked "$command")"
    i=$((i + 1))
  done
  printf '%-10s median %s s (min %s, n=%d)\n' "$name" "$(echo "$times" | median)" "$(echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -g | head -1 | xargs printf "%.3f")" "$count"
}

sqlite_floor() {
  printf "sqlite3 -readonly '%s' \"select * from runs; select * from params; select * from tags; select * from latest_metrics; select run_uuid,key,count(*) from metrics group by run_uuid,key;\"" "$1"
}

unpack() { [ -d "$work/$1" ] || tar xzf "$fixtures/$1.tar.gz" -C "$work"; }

# 100k runs: scale-sqlite's 10k runs and their params, tags, metrics and latest metrics copied nine times with new
# run ids (32 hex characters, as MLflow's) in the same experiments.
grow_sqlite() {
  local db=$1
  sqlite3 "$db" <<'SQL'
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TEMP TABLE copies (k INTEGER PRIMARY KEY);
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 9) INSERT INTO copies SELECT k FROM n;
CREATE TEMP TABLE ids AS SELECT r.run_uuid AS old, lower(hex(randomblob(16))) AS new, c.k AS k FROM runs r, copies c;
CREATE INDEX temp.ids_old ON ids (old);
INSERT INTO runs SELECT i.new, r.name || '-copy' || i.k, r.source_type, r.source_name, r.entry_point_name, r.user_id, r.status,
  r.start_time + i.k, r.end_time, r.source_version, r.lifecycle_stage, replace(r.artifact_uri, r.run_uuid, i.new), r.experiment_id, r.deleted_time
  FROM runs r JOIN ids i ON i.old = r.run_uuid;
INSERT INTO params SELECT p.key, p.value, i.new FROM params p JOIN ids i ON i.old = p.run_uuid;
INSERT INTO tags SELECT t.key, t.value, i.new FROM tags t JOIN ids i ON i.old = t.run_uuid;
INSERT INTO latest_metrics SELECT m.key, m.value, m.timestamp, m.step, m.is_nan, i.new FROM latest_metrics m JOIN ids i ON i.old = m.run_uuid;
INSERT INTO metrics SELECT m.key, m.value, m.timestamp, i.new, m.step, m.is_nan FROM metrics m JOIN ids i ON i.old = m.run_uuid;
SQL
}

for case in $cases; do
  case $case in
    file)
      unpack scale-file
      paired file "$work/scale-file" "cd '$work/scale-file' && tar cf - mlruns | wc -c" ;;
    sqlite)
      unpack scale-sqlite
      paired sqlite "$work/scale-sqlite" "$(sqlite_floor "$work/scale-sqlite/mlflow.db")" ;;
    sqlite100k)
      if [ ! -d "$work/scale-sqlite-100k" ]; then
        unpack scale-sqlite
        cp -r "$work/scale-sqlite" "$work/scale-sqlite-100k"
        started=$(date +%s)
        grow_sqlite "$work/scale-sqlite-100k/mlflow.db"
        echo "grew scale-sqlite to $(sqlite3 "$work/scale-sqlite-100k/mlflow.db" 'select count(*) from runs') runs in $(( $(date +%s) - started )) s"
      fi
      paired sqlite100k "$work/scale-sqlite-100k" "$(sqlite_floor "$work/scale-sqlite-100k/mlflow.db")"
      rm -rf "$work/scale-sqlite-100k" ;;
    rest)
      unpack scale-sqlite
      dotnet build -c Release -m:1 "$here/src/Auditor.Benchmarks.Remote" > /dev/null
      remote="$here/src/Auditor.Benchmarks.Remote/bin/Release/net10.0/Auditor.Benchmarks.Remote"
      mkfifo "$work/serve.in"
      "$remote" serve "$work/scale-sqlite/mlflow.db" 1000 < "$work/serve.in" > "$work/serve.out" &
      server_pid=$!
      exec 9> "$work/serve.in"
      while ! [ -s "$work/serve.out" ]; do sleep 0.2; done
      uri=$(head -1 "$work/serve.out")
      echo "REST stand-in serving the 10k store at $uri"
      mkdir -p "$work/empty"
      paired rest "$work/empty" "'$remote' page '$uri' 1000" "--tracking-uri '$uri'"
      exec 9>&-
      wait "$server_pid" || true
      server_pid="" ;;
    small)
      unpack tracked-file
      alone small "cd '$work/tracked-file' && $(cli_command) audit . --format json,html --output-dir '$work/out' -q; [ \$? -le 1 ]" 10 ;;
    version)
      alone version "$(cli_command) --version" 10 ;;
    *) echo "unknown case $case" >&2; exit 2 ;;
  esac
done
