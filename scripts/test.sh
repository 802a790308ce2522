#!/usr/bin/env bash
# The whole test suite, from a fresh clone: scripts/test.sh
#
# Needs only Swift and Python 3 (with venv and pip) on PATH and PyPI reachable; everything else
# (cfn-lint, pinned) is installed into .venv by scripts/setup-test-tools.sh. Runs without a TTY
# and with stdin closed. A missing tool is a failure, never a skip.
#
# Steps: test tools -> comparison script self-test -> swift build -> swift test -> catalogue drift
# guard (regenerating from the pinned schemas gives no diff) -> catalogue sweep through cfn-lint
# (every generated type once, zero errors) -> generate twice
# through the plugin (byte-identical) -> cfn-lint (zero errors) -> comparison with the article ->
# --check (clean passes, modified fails) -> --help and a usage error.
#
# Environment:
#   KEEP_TEST_OUTPUT=1   keep the generated folders even when every step passes
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

started=$SECONDS
passed=0
current="start"
work=""

header() {
    current=$1
    printf '\n==> [%d] %s\n' "$((passed + 1))" "$1" >&2
}

ok() {
    passed=$((passed + 1))
}

fail() {
    printf 'test.sh: FAIL: %s\n' "$1" >&2
    exit 1
}

finish() {
    local status=$?
    if [ "$status" -eq 0 ]; then
        [ -n "$work" ] && [ "${KEEP_TEST_OUTPUT:-0}" != 1 ] && rm -rf "$work"
        printf 'test.sh: all %d steps passed in %ds\n' "$passed" "$((SECONDS - started))" >&2
        printf 'steps: %d passed, 0 failed\n' "$passed"
    else
        # Kept for inspection: the failing step's inputs are exactly what is in there.
        [ -n "$work" ] && printf 'test.sh: generated output kept in %s\n' "$work" >&2
        printf 'test.sh: step [%d] "%s" failed (exit status %d) after %ds\n' \
            "$((passed + 1))" "$current" "$status" "$((SECONDS - started))" >&2
        printf 'steps: %d passed, 1 failed\n' "$passed"
    fi
    exit "$status"
}
trap finish EXIT

require() {
    command -v "$1" >/dev/null 2>&1 || fail "required tool '$1' not found on PATH${2:+ ($2)}"
}

# Everything below must work with stdin closed, as in CI; make that true when run by hand too.
exec </dev/null
export PYTHONDONTWRITEBYTECODE=1

header "required tools"
require swift "install the Swift toolchain (6.0 or newer)"
require python3 "install Python 3 with venv and pip"
for tool in diff find mktemp cmp cp; do require "$tool"; done
swift --version >&2
ok

header "test tools (scripts/setup-test-tools.sh)"
scripts/setup-test-tools.sh
export CFN_LINT="$root/.venv/bin/cfn-lint"
# The shared reference material (the article, signing suites, crypto vectors) sits beside the
# repository as ../shared. A clone made elsewhere (`git clone /path/to/repo /tmp/x/r`) finds it
# beside the repository it was cloned from. Missing reference material fails the run.
if [ -z "${INFRA_SHARED_REFERENCE:-}" ]; then
    origin=$(git -C "$root" config --get remote.origin.url 2>/dev/null || true)
    for candidate in "$root/../shared/reference" "${origin:+$origin/../shared/reference}"; do
        if [ -n "$candidate" ] && [ -d "$candidate" ]; then
            INFRA_SHARED_REFERENCE=$(cd "$candidate" && pwd)
            break
        fi
    done
fi
[ -n "${INFRA_SHARED_REFERENCE:-}" ] && [ -d "$INFRA_SHARED_REFERENCE" ] \
    || fail "the shared reference folder was not found beside the repository (../shared/reference); set INFRA_SHARED_REFERENCE to it"
export INFRA_SHARED_REFERENCE
printf 'shared reference: %s\n' "$INFRA_SHARED_REFERENCE" >&2
export INFRA_PYTHON="$root/.venv/bin/python"
[ -x "$CFN_LINT" ] || fail "$CFN_LINT missing after setup"
[ -x "$INFRA_PYTHON" ] || fail "$INFRA_PYTHON missing after setup"
"$CFN_LINT" --version >&2
ok

header "self-test of Tests/article/compare_with_article.py"
# unittest exits 0 when it finds no tests at all (Python < 3.12); require that some ran.
selftest_log=$(mktemp)
if ! "$INFRA_PYTHON" -m unittest discover -s Tests/article -p 'test_*.py' -v 2>"$selftest_log"; then
    cat "$selftest_log" >&2
    rm -f "$selftest_log"
    fail "the comparison script's self-test failed"
fi
tail -n 4 "$selftest_log" >&2
grep -Eq '^Ran [1-9][0-9]* tests?' "$selftest_log" || { rm -f "$selftest_log"; fail "the self-test ran no test"; }
rm -f "$selftest_log"
ok

header "swift build --build-tests"
swift build --build-tests
ok

header "swift test (Swift Testing and XCTest)"
swift test
ok

work=$(mktemp -d "${TMPDIR:-/tmp}/infradsl-test.XXXXXX")
out1="$work/run1"
out2="$work/run2"

generate() {
    swift package --allow-writing-to-package-directory generate-stacks "$@"
}

header "catalogue drift guard: regenerating from the pinned schemas changes nothing"
scripts/generate-catalogue.sh --output "$work/catalogue" --sweep-output "$work/catalogue-sweep" >&2
diff -r "$root/Sources/Generated" "$work/catalogue" >&2 \
    || fail "Sources/Generated differs from a fresh generation (diff above); run scripts/generate-catalogue.sh and commit the result"
diff -r "$root/Sources/CatalogueSweep/Generated" "$work/catalogue-sweep" >&2 \
    || fail "Sources/CatalogueSweep/Generated differs from a fresh generation (diff above); run scripts/generate-catalogue.sh and commit the result"
ok

header "catalogue sweep: one instance of every generated type passes cfn-lint with zero errors"
swift run --skip-build CatalogueSweep --output "$work/sweep" >&2
sweep_templates=()
while IFS= read -r -d '' file; do sweep_templates+=("$file"); done \
    < <(find "$work/sweep" -type f -name '*.template.json' -print0 | sort -z)
[ "${#sweep_templates[@]}" -gt 0 ] || fail "the sweep wrote no templates into $work/sweep"
set +e
"$CFN_LINT" -- "${sweep_templates[@]}" >"$work/sweep-lint.log" 2>&1
sweep_status=$?
set -e
grep -E '^E[0-9]' -A 2 "$work/sweep-lint.log" >&2 || true
if [ $((sweep_status & 3)) -ne 0 ] || [ "$sweep_status" -gt 15 ]; then
    fail "cfn-lint reported errors (exit status $sweep_status) in the catalogue sweep (above; all findings in $work/sweep-lint.log)"
fi
# Every generated resource type must be in the sweep, once.
generated_types=$(grep -h '^    public struct [A-Za-z0-9_]*: Resource {' "$root"/Sources/Generated/*/*.swift | wc -l | tr -d ' ')
swept_types=$("$INFRA_PYTHON" -c '
import json, sys
types = [r["Type"] for f in sys.argv[1:] for r in json.load(open(f))["Resources"].values()]
print(len(set(types)) if len(types) == len(set(types)) else -1)' "${sweep_templates[@]}")
[ "$swept_types" = "$generated_types" ] \
    || fail "the sweep holds $swept_types distinct resource types (-1: a type twice), Sources/Generated declares $generated_types"
printf 'cfn-lint: %d sweep templates, %d resource types (all generated ones), no errors (exit status %d)\n' \
    "${#sweep_templates[@]}" "$swept_types" "$sweep_status" >&2
ok

header "generate-stacks twice through the plugin; outputs must be byte-identical"
generate --output "$out1"
generate --output "$out2"
[ -f "$out1/manifest.json" ] || fail "generate-stacks wrote no $out1/manifest.json"
templates=()
while IFS= read -r -d '' file; do templates+=("$file"); done \
    < <(find "$out1" -type f -name '*.template.json' -print0 | sort -z)
[ "${#templates[@]}" -gt 0 ] || fail "generate-stacks wrote no *.template.json into $out1"
diff -r "$out1" "$out2" >&2 || fail "two runs of generate-stacks wrote different files (diff above)"
printf 'identical: %d templates, %d files in all\n' "${#templates[@]}" "$(find "$out1" -type f | wc -l)" >&2
ok

header "cfn-lint on every generated template (zero errors)"
# cfn-lint's exit status is a bit mask: 1 fatal, 2 error, 4 warning, 8 informational.
# Warnings and informational findings are printed but pass; fatal, error or anything else fails.
set +e
"$CFN_LINT" -- "${templates[@]}" >&2
lint_status=$?
set -e
if [ $((lint_status & 3)) -ne 0 ] || [ "$lint_status" -gt 15 ]; then
    fail "cfn-lint reported errors (exit status $lint_status) in ${templates[*]}"
fi
printf 'cfn-lint: %d templates, no errors (exit status %d)\n' "${#templates[@]}" "$lint_status" >&2
ok

header "comparison with the article (Tests/article/compare_with_article.py)"
"$INFRA_PYTHON" Tests/article/compare_with_article.py "$out1" >&2
ok

header "generate-stacks --check: clean output passes, a modified copy fails"
generate --output "$out1" --check >&2 || fail "--check failed against freshly generated output $out1"
modified="$work/modified"
cp -R "$out1" "$modified"
victim="$modified/$(basename "${templates[0]}")"
# A semantic change (not just whitespace), so the check fails whether it compares bytes or JSON.
"$INFRA_PYTHON" - "$victim" <<'PY'
import json, sys
path = sys.argv[1]
with open(path, encoding="utf-8") as handle:
    template = json.load(handle)
template["Description"] = str(template.get("Description", "")) + " (modified by scripts/test.sh)"
with open(path, "w", encoding="utf-8") as handle:
    json.dump(template, handle, indent=2)
    handle.write("\n")
PY
cp "$victim" "$work/victim.expected"
check_log="$work/check-modified.log"
if generate --output "$modified" --check >"$check_log" 2>&1; then
    cat "$check_log" >&2
    fail "--check exited 0 although $victim was modified"
fi
cat "$check_log" >&2
grep -Fq "$(basename "$victim")" "$check_log" || fail "--check failed but did not name $(basename "$victim")"
# A check reports; it must not repair what it checks.
cmp -s "$victim" "$work/victim.expected" || fail "--check rewrote $victim"
ok

header "generate-stacks --help exits 0; an unknown option fails"
help_log="$work/help.log"
generate --help >"$help_log" 2>&1 || { cat "$help_log" >&2; fail "--help exited non-zero"; }
grep -q -- "--output" "$help_log" || { cat "$help_log" >&2; fail "--help does not mention --output"; }
if generate --output "$work/usage" --no-such-option >"$work/usage.log" 2>&1; then
    cat "$work/usage.log" >&2
    fail "an unknown option was accepted"
fi
ok
