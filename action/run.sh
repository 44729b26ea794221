#!/usr/bin/env bash
# The GitHub Action's shell logic (action.yml runs it; tests run it with GITHUB_* variables as a runner sets them).
#
#   run.sh key      the build's cache key and folder, from a hash of the action's own source   -> outputs key, dir
#   run.sh install  mlaudit: the tool named by MLAUDIT_TOOL, else version INPUT_VERSION from NuGet
#                   (INPUT_NUGET_SOURCE adds a feed; dotnet takes the runner's Native AOT package, else mlaudit.any),
#                   else built from the action's own folder: Native AOT for the runner's RID, else
#                   framework-dependent                                         -> output tool
#   run.sh audit    audits INPUT_PATH in GITHUB_WORKSPACE, writes every report to INPUT_OUTPUT_DIR and the Markdown
#                   report to the job summary                                 -> outputs level, exit-code, sarif, json, html
#   run.sh gate     exits with mlaudit's exit code (CODE), saying why
#
# dotnet runs from inside the action's folder, never the user's workspace, so a global.json in the workspace that
# pins another SDK does not matter: the action's own global.json decides.
set -euo pipefail

action_path=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

output() { printf '%s=%s\n' "$1" "$2" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"; }

# The files the build reads, hashed in a stable order (bin/ and obj/ left out).
source_key() {
  (cd "$action_path" &&
    { printf '%s\n' global.json Directory.Build.props Directory.Packages.props CHANGELOG.md
      find src rules templates -type f ! -path '*/bin/*' ! -path '*/obj/*'; } |
    LC_ALL=C sort | while IFS= read -r f; do [ -f "$f" ] && sha256sum "$f"; done) | sha256sum | cut -c1-32
}

build_dir() { printf '%s/mlaudit-build/%s' "${RUNNER_TEMP:?RUNNER_TEMP is not set}" "$1"; }

cmd_key() {
  local key
  key=$(source_key)
  output key "$key"
  output dir "$(build_dir "$key")"
}

cmd_install() {
  local tool
  if [ -n "${MLAUDIT_TOOL:-}" ]; then
    tool=$MLAUDIT_TOOL
    [ -e "$tool" ] || { echo "::error::mlaudit: MLAUDIT_TOOL names $tool, which does not exist"; exit 2; }
  elif [ -n "${INPUT_VERSION:-}" ]; then
    local dir="$RUNNER_TEMP/mlaudit-tool/$INPUT_VERSION"
    tool="$dir/mlaudit"
    if [ ! -x "$tool" ]; then
      local args=(tool install mlaudit --tool-path "$dir" --version "$INPUT_VERSION")
      [ -n "${INPUT_NUGET_SOURCE:-}" ] && args+=(--add-source "$INPUT_NUGET_SOURCE")
      (cd "$action_path" && dotnet "${args[@]}")
    fi
  else
    local dir
    dir=$(build_dir "$(source_key)")
    # The build records the command it made (the AOT binary, or mlaudit.dll for the JIT fallback) in .mlaudit-tool.
    if [ -f "$dir/.mlaudit-tool" ] && [ -f "$dir/$(cat "$dir/.mlaudit-tool")" ]; then
      tool="$dir/$(cat "$dir/.mlaudit-tool")"
      echo "mlaudit: using the cached build in $dir"
    else
      # A tag such as v1.2.3 (uses: owner/mlaudit@v1.2.3) is the version: the action's folder has no git history.
      local version=()
      if [[ "${GITHUB_ACTION_REF:-}" =~ ^v([0-9]+\.[0-9]+\.[0-9]+([-+].*)?)$ ]]; then
        version=("-p:MinVerVersionOverride=${BASH_REMATCH[1]}")
      fi
      rm -rf "$dir"
      local rid exe=mlaudit
      rid=$(runner_rid)
      [[ "$rid" == win-* ]] && exe=mlaudit.exe
      # The shipped build is Native AOT (the runner's C toolchain links it: clang or gcc on Linux, Xcode on macOS,
      # Visual C++ on Windows); where it cannot be built, the framework-dependent build runs on the set-up .NET.
      if [ -n "$rid" ] && echo "mlaudit: building from $action_path (Native AOT, $rid)" &&
        (cd "$action_path" && dotnet publish src/Auditor.Cli -c Release -r "$rid" -p:DebugType=none -o "$dir" --nologo -v q "${version[@]}"); then
        tool="$dir/$exe"
      else
        echo "::warning::mlaudit: the Native AOT build failed on this runner (${rid:-unknown platform}); using the framework-dependent build"
        rm -rf "$dir"
        echo "mlaudit: building from $action_path (framework-dependent)"
        (cd "$action_path" && dotnet publish src/Auditor.Cli -c Release -p:PublishAot=false -o "$dir" --nologo -v q "${version[@]}")
        tool="$dir/mlaudit.dll"
      fi
      basename "$tool" > "$dir/.mlaudit-tool"
    fi
  fi
  output tool "$tool"
}

# The runner's .NET RID for a Native AOT build (empty where mlaudit ships none: the framework-dependent build runs there).
runner_rid() {
  local os arch
  case "${RUNNER_OS:-$(uname -s)}" in
    Linux) os=linux ;;
    macOS|Darwin) os=osx ;;
    Windows|MINGW*|MSYS*|CYGWIN*) os=win ;;
    *) return 0 ;;
  esac
  case "${RUNNER_ARCH:-$(uname -m)}" in
    X64|x86_64|amd64) arch=x64 ;;
    ARM64|arm64|aarch64) arch=arm64 ;;
    *) return 0 ;;
  esac
  printf '%s-%s' "$os" "$arch"
}

# Runs mlaudit: a .dll through the dotnet host (which reads no global.json), anything else directly.
mlaudit() {
  local tool=${MLAUDIT_TOOL_PATH:?MLAUDIT_TOOL_PATH is not set: the install step gives it}
  if [[ "$tool" == *.dll ]]; then dotnet "$tool" "$@"; else "$tool" "$@"; fi
}

cmd_audit() {
  local workspace=${GITHUB_WORKSPACE:?GITHUB_WORKSPACE is not set}
  local out=${INPUT_OUTPUT_DIR:-mlaudit-report}
  cd "$workspace"
  if [ "$(git -C "${INPUT_PATH:-.}" rev-parse --is-shallow-repository 2>/dev/null)" = "true" ]; then
    echo "::warning::mlaudit: the checkout is shallow, so commits behind older runs cannot be checked (those findings are unknown); use actions/checkout with fetch-depth: 0"
  fi
  local args=(audit "${INPUT_PATH:-.}" --format console,json,html,sarif,junit,markdown --output-dir "$out")
  local pair name value
  for pair in tracking-uri:TRACKING_URI config:CONFIG policy:POLICY model:MODEL version:MODEL_VERSION alias:ALIAS \
    require:REQUIRE min-level:MIN_LEVEL fail-on:FAIL_ON baseline:BASELINE; do
    name=INPUT_${pair#*:}
    value=${!name:-}
    [ -n "$value" ] && args+=("--${pair%%:*}" "$value")
  done
  if [ -n "${INPUT_ARGS:-}" ]; then
    # Quotes group words as in a shell; nothing is expanded or run.
    local extra=()
    mapfile -d '' extra < <(printf '%s' "$INPUT_ARGS" | xargs printf '%s\0')
    args+=("${extra[@]}")
  fi
  local code=0
  mlaudit "${args[@]}" || code=$?
  output exit-code "$code"
  local format file
  for format in sarif json html; do
    file="$out/report.$format"
    [ -f "$file" ] && output "$format" "$file"
  done
  if [ -f "$out/report.json" ]; then
    output level "$(level "$out/report.json")"
  fi
  if [ -f "$out/report.md" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    cat "$out/report.md" >>"$GITHUB_STEP_SUMMARY"
  fi
  return 0
}

# maturity.level of a report.json, with jq or Python (both on GitHub's runners).
level() {
  if command -v jq >/dev/null; then
    jq -r '.maturity.level' "$1"
  elif command -v python3 >/dev/null; then
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["maturity"]["level"])' "$1"
  else
    echo "::warning::mlaudit: neither jq nor python3 is installed, so the level output is empty" >&2
  fi
}

cmd_gate() {
  case "${CODE:-}" in
    0) echo "mlaudit: passed" ;;
    1) echo "::error::mlaudit: the gate failed (see the step summary)"; exit 1 ;;
    2) echo "::error::mlaudit: bad input (exit code 2; the audit step's log says what)"; exit 2 ;;
    "") echo "::error::mlaudit: the audit did not run"; exit 3 ;;
    *) echo "::error::mlaudit exited with $CODE"; exit "$CODE" ;;
  esac
}

case "${1:-}" in
  key) cmd_key ;;
  install) cmd_install ;;
  audit) cmd_audit ;;
  gate) cmd_gate ;;
  *) echo "usage: run.sh key|install|audit|gate" >&2; exit 2 ;;
esac
