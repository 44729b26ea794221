#!/usr/bin/env bash
# Startup levers of the Native AOT binary, each against the shipped build, interleaved (base, variant, base, ...):
# publishes one binary per variant (an MSBuild property on the command line; nothing in the project changes), then
# prints the median wall time of `mlaudit --version` and of the tracked-file audit with --format json,html, and the
# binary's size. Each figure includes starting `bash -c` (printed first, to subtract).
#   base       the project as it is
#   size       -p:OptimizationPreference=Size
#   speed      -p:OptimizationPreference=Speed
#   nodehy     -p:IlcDehydrate=false (no startup rehydration of the image's data; a bigger file to map instead)
#   gc         DOTNET_gcConcurrent=1 at run time: the background GC, which the shipped build leaves out (ConcurrentGarbageCollection=false)
# usage: bench/aot-levers.sh [count=30] [variants="size speed nodehy gc"]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-30}
variants=${2:-size speed nodehy gc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixtures=${MLAUDIT_FIXTURES:-$here/tests/TestData/fixtures}
tar xzf "$fixtures/tracked-file.tar.gz" -C "$work"

publish() { # name, extra properties...
  local name=$1; shift
  dotnet publish "$here/src/Auditor.Cli" -c Release -r linux-x64 -p:DebugType=none "$@" -o "$work/$name" --nologo -v q > "$work/$name.log" 2>&1 ||
    { cat "$work/$name.log" >&2; echo "publish of $name failed" >&2; exit 1; }
}
ms() { local s e; s=$(date +%s%N); bash -c "$1" > /dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
median() { sort -n | awk '{a[NR]=$1} END {printf "%.1f", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) / 1000}'; }
# name, base command, variant command
pair() {
  local a="" b="" i
  bash -c "$2" > /dev/null 2>&1 || true; bash -c "$3" > /dev/null 2>&1 || true
  for i in $(seq "$count"); do a="$a $(ms "$2")"; b="$b $(ms "$3")"; done
  printf '  %-8s base %s ms, variant %s ms (medians, n=%d interleaved)\n' "$1" "$(echo "$a" | tr ' ' '\n' | sed '/^$/d' | median)" "$(echo "$b" | tr ' ' '\n' | sed '/^$/d' | median)" "$count"
}
audit() { printf "cd '%s/tracked-file' && %s %s audit . --format json,html --output-dir '%s/out-%s' -q" "$work" "$2" "$1" "$work" "$3"; }

echo "load: $(cut -d' ' -f1-3 /proc/loadavg); bash -c true: $(for i in $(seq "$count"); do ms true; done | median) ms"
publish base
for variant in $variants; do
  env="" binary="$work/base/mlaudit"
  case $variant in
    size) publish size -p:OptimizationPreference=Size; binary="$work/size/mlaudit" ;;
    speed) publish speed -p:OptimizationPreference=Speed; binary="$work/speed/mlaudit" ;;
    nodehy) publish nodehy -p:IlcDehydrate=false; binary="$work/nodehy/mlaudit" ;;
    gc) env="DOTNET_gcConcurrent=1" ;;
    *) echo "unknown variant $variant" >&2; exit 2 ;;
  esac
  echo "$variant: $(du -k "$binary" | cut -f1) KB (base $(du -k "$work/base/mlaudit" | cut -f1) KB)"
  pair --version "'$work/base/mlaudit' --version" "$env '$binary' --version"
  pair small "$(audit "'$work/base/mlaudit'" "" base)" "$(audit "'$binary'" "$env" "$variant")"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
