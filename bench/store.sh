#!/bin/sh
# Reads a tracking store with mlaudit's reader and runs the issue's baseline on the same store, interleaved,
# printing both medians: `tar cf - mlruns | wc -c` for a file store, sqlite3 selecting every tracking table for SQLite.
# usage: bench/store.sh <project-folder|mlruns|mlflow.db|tracking-uri> [repeat]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
dotnet build -c Release -m:1 "$here/src/Auditor.Benchmarks" > /dev/null
exec "$here/src/Auditor.Benchmarks/bin/Release/net10.0/Auditor.Benchmarks" store "$1" --repeat "${2:-5}" --compare
