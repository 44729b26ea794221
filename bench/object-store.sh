#!/bin/sh
# Traces a 100-version registry whose model folders are on s3rver (behind the tests' SigV4-checking proxy, which counts
# requests) with a cold Release 'mlaudit trace' process per run; prints the median of the runs and requests per version.
# Needs s3rver in .tools/node_modules (bash .ci/install). usage: bench/object-store.sh [versions] [repeat]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
dotnet build -c Release -m:1 "$here/src/Auditor.Cli" > /dev/null
dotnet build -c Release -m:1 "$here/src/Auditor.Benchmarks.Remote" > /dev/null
export NO_PROXY=127.0.0.1,localhost
exec "$here/src/Auditor.Benchmarks.Remote/bin/Release/net10.0/Auditor.Benchmarks.Remote" object-store \
  "$here/src/Auditor.Cli/bin/Release/net10.0/mlaudit.dll" "${1:-100}" "${2:-5}"
