#!/usr/bin/env bash
# Audits the bundled example project and writes example-report/report.html and report.json.
# The example is unpacked into a temporary folder: a clone of nyc-taxi/project.bundle (its git history)
# with the MLflow file store from nyc-taxi/mlruns.tar.gz in ./mlruns, as a team's checkout would have it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="${1:-$root/example-report}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git clone -q "$root/examples/nyc-taxi/project.bundle" "$work/nyc-taxi"
tar xzf "$root/examples/nyc-taxi/mlruns.tar.gz" -C "$work/nyc-taxi"
dotnet run --project "$root/src/Auditor.Cli" -- audit "$work/nyc-taxi" --format console,json,html --output-dir "$out"
