#!/usr/bin/env bash
# Rebuilds the bundled example (nyc-taxi/project.bundle and nyc-taxi/mlruns.tar.gz) from nyc-taxi/source.
# Maintainers run this only when the example changes; `audit-example.sh` uses the committed results.
#
# The git history is made with fixed authors and dates, so its commit SHAs are the same on every machine.
# The MLflow store is the file store that genuine MLflow 2.17.2 wrote for the same scenario
# (tests/TestData/fixtures/tracked-file.tar.gz); its runs' `mlflow.source.git.commit` tags are pointed at
# the two commits of this history, in the same way as the original (6 runs on the first, 9 on the second).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src="$here/nyc-taxi/source"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

repo="$work/nyc-taxi"
mkdir -p "$repo/tests" "$repo/.github/workflows"
git -C "$repo" init -q -b main
commit() { # message, author, email, date
  GIT_AUTHOR_NAME="$2" GIT_AUTHOR_EMAIL="$3" GIT_AUTHOR_DATE="$4" \
  GIT_COMMITTER_NAME="$2" GIT_COMMITTER_EMAIL="$3" GIT_COMMITTER_DATE="$4" \
    git -C "$repo" -c commit.gpgsign=false commit -q -m "$1"
  git -C "$repo" rev-parse HEAD
}
cp "$src/v1/train.py" "$src/requirements.txt" "$src/python_env.yaml" "$src/MLproject" "$src/README.md" "$repo/"
cp "$src/gitignore" "$repo/.gitignore"
cp "$src/test_train.py" "$repo/tests/test_train.py"
git -C "$repo" add -A
first=$(commit "Train a trip-duration model on zones and distance" "Alice Example" alice@example.com "2025-03-03T09:15:00+00:00")
cp "$src/v2/train.py" "$repo/train.py"
cp "$src/workflow.yml" "$repo/.github/workflows/train.yml"
git -C "$repo" add -A
second=$(commit "Add pickup hour and passenger count features; train in CI" "Bob Example" bob@example.com "2025-03-10T14:40:00+00:00")

rm -f "$here/nyc-taxi/project.bundle"
git -C "$repo" bundle create -q "$here/nyc-taxi/project.bundle" HEAD main

tar xzf "$here/../tests/TestData/fixtures/tracked-file.tar.gz" -C "$work"
store="$work/tracked-file/mlruns"
grep -rlZ -e cce65d5bcac24080bcaae42237922fd33fa4734e -e 7d0b1052063f4f4da6bebf8f515222ff49637ce0 "$store" \
  | xargs -0 sed -i -e "s/cce65d5bcac24080bcaae42237922fd33fa4734e/$first/g" -e "s/7d0b1052063f4f4da6bebf8f515222ff49637ce0/$second/g"
tar czf "$here/nyc-taxi/mlruns.tar.gz" -C "$work/tracked-file" --owner=0 --group=0 --sort=name --mtime=2025-03-10 mlruns
echo "example rebuilt: commits $first $second"
