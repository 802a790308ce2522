#!/usr/bin/env bash
# The whole test suite, from a fresh clone: scripts/test.sh
#
# Needs only Swift and Python 3 (with venv and pip) on PATH and PyPI reachable; everything else
# (cfn-lint, pinned) is installed into .venv by scripts/setup-test-tools.sh. Runs without a TTY
# and with stdin closed. A missing tool is a failure, never a skip.
#
# Steps: test tools -> moto server -> comparison script self-test -> swift build -> swift test
# (unit, recorded-response, moto integration and fault-injection tests) -> catalogue drift guard
# (regenerating from the pinned schemas gives no diff) -> catalogue sweep through cfn-lint (every
# generated type once, zero errors) -> a package outside the repository (four more services) -> generate twice
# through the plugin (byte-identical) -> cfn-lint (zero errors) -> comparison with the article ->
# --check (clean passes, modified fails) -> --help and a usage error.
#
# Environment:
#   KEEP_TEST_OUTPUT=1   keep the generated folders even when every step passes
#
# moto server (pinned in scripts/test-tools-requirements.txt) is started from .venv on a free
# loopback port for the integration tests, exported as INFRA_MOTO_URL, and stopped on exit. If it
# cannot be started the run fails: the integration tests are never skipped.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

started=$SECONDS
passed=0
current="start"
work=""
moto_pid=""
moto_log=""

# lint_failed STATUS: whether a cfn-lint exit status means errors. The status is a bit mask:
# 1 fatal, 2 error, 4 warning, 8 informational; warnings and informational findings pass.
lint_failed() {
    [ $(($1 & 3)) -ne 0 ] || [ "$1" -gt 15 ]
}

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

stop_moto() {
    if [ -n "$moto_pid" ]; then
        kill "$moto_pid" 2>/dev/null || true
        wait "$moto_pid" 2>/dev/null || true
        moto_pid=""
    fi
}

finish() {
    local status=$?
    stop_moto
    if [ "$status" -ne 0 ] && [ -n "$moto_log" ] && [ -s "$moto_log" ]; then
        printf 'test.sh: last lines of the moto server log (%s):\n' "$moto_log" >&2
        tail -n 20 "$moto_log" >&2
    fi
    [ -n "$moto_log" ] && [ "$status" -eq 0 ] && rm -f "$moto_log"
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
export INFRA_PYTHON="$root/.venv/bin/python"
[ -x "$CFN_LINT" ] || fail "$CFN_LINT missing after setup"
[ -x "$INFRA_PYTHON" ] || fail "$INFRA_PYTHON missing after setup"
"$CFN_LINT" --version >&2
ok

header "moto server on a free loopback port (integration tests)"
[ -x "$root/.venv/bin/moto_server" ] || fail "$root/.venv/bin/moto_server missing after setup"
moto_port=$("$INFRA_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
moto_log=$(mktemp "${TMPDIR:-/tmp}/infradsl-moto.XXXXXX")
# Not MOTO_ACCOUNT_ID: the tests rely on moto's default account 123456789012. Started without
# INITIAL_NO_AUTH_ACTION_COUNT; the signature-checking tests switch it on through /moto-api/reset-auth.
env -u MOTO_ACCOUNT_ID -u INITIAL_NO_AUTH_ACTION_COUNT "$root/.venv/bin/moto_server" -H 127.0.0.1 -p "$moto_port" >"$moto_log" 2>&1 &
moto_pid=$!
export INFRA_MOTO_URL="http://127.0.0.1:$moto_port"
"$INFRA_PYTHON" - "$INFRA_MOTO_URL" "$moto_pid" <<'PY' || fail "moto server did not answer GET /moto-api/ with 200 within 60 s (log: $moto_log)"
import os, sys, time, urllib.request
url, pid = sys.argv[1] + "/moto-api/", int(sys.argv[2])
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("moto_server exited during start-up")
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.2)
sys.exit(1)
PY
printf 'moto server: %s (pid %s)\n' "$INFRA_MOTO_URL" "$moto_pid" >&2
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

header "swift test (Swift Testing and XCTest; moto integration and fault injection included)"
# CI=1 makes the moto suites fail instead of skip should INFRA_MOTO_URL ever be missing.
CI=${CI:-1} swift test
ok

work=$(mktemp -d "${TMPDIR:-/tmp}/infradsl-test.XXXXXX")
out1="$work/run1"
out2="$work/run2"

generate() {
    swift package --allow-writing-to-package-directory generate-stacks "$@"
}

header "catalogue drift guard: regenerating from the pinned schemas changes nothing"
scripts/generate-catalogue.sh --output "$work/catalogue" --sweep-output "$work/catalogue-sweep" --index-output "$work/catalogue.md" >&2
diff -r "$root/Sources/Generated" "$work/catalogue" >&2 \
    || fail "Sources/Generated differs from a fresh generation (diff above); run scripts/generate-catalogue.sh and commit the result"
diff -r "$root/Sources/CatalogueSweep/Generated" "$work/catalogue-sweep" >&2 \
    || fail "Sources/CatalogueSweep/Generated differs from a fresh generation (diff above); run scripts/generate-catalogue.sh and commit the result"
diff "$root/docs/catalogue.md" "$work/catalogue.md" >&2 \
    || fail "docs/catalogue.md differs from a fresh generation (diff above); run scripts/generate-catalogue.sh and commit the result"
# Every service of the schemas is shipped: a folder and a library product each.
scripts/generate-catalogue.sh --list | cut -f1 >"$work/catalogue-services.txt"
(cd "$root/Sources/Generated" && ls -d -- */ | tr -d / | LC_ALL=C sort) >"$work/catalogue-folders.txt"
diff "$work/catalogue-services.txt" "$work/catalogue-folders.txt" >&2 \
    || fail "Sources/Generated does not hold every service of the schemas (diff above: < missing, > extra); run scripts/generate-catalogue.sh with the missing ones"
swift package dump-package | "$INFRA_PYTHON" -c '
import json, sys
products = {p["name"] for p in json.load(sys.stdin)["products"]}
missing = [s for s in open(sys.argv[1]).read().split() if "InfraAWS" + s not in products]
sys.exit("Package.swift lacks the products of: " + ", ".join(missing) + " (add them to catalogueServices)" if missing else 0)' \
    "$work/catalogue-folders.txt" || fail "catalogueServices in Package.swift is incomplete (above)"
ok

header "catalogue sweep: one instance of every generated type passes cfn-lint, in a region that offers it, with zero errors"
swift run --skip-build CatalogueSweep --output "$work/sweep" >&2
sweep_templates=()
while IFS= read -r -d '' file; do sweep_templates+=("$file"); done \
    < <(find "$work/sweep" -type f -name '*.template.json' -print0 | sort -z)
[ "${#sweep_templates[@]}" -gt 0 ] || fail "the sweep wrote no templates into $work/sweep"
set +e
"$INFRA_PYTHON" scripts/lib/lint-in-regions.py "$CFN_LINT" "$work/sweep/manifest.json" -- "${sweep_templates[@]}" >"$work/sweep-lint.log" 2>&1
sweep_status=$?
set -e
grep -E '^E[0-9]' -A 2 "$work/sweep-lint.log" >&2 || true
if lint_failed "$sweep_status"; then
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
printf 'cfn-lint: %d sweep templates, %d resource types (all generated ones), each linted in its stack'"'"'s region: no errors (exit status %d)\n' \
    "${#sweep_templates[@]}" "$swept_types" "$sweep_status" >&2
ok

header "a package outside the repository imports RDS, CloudFront, ApiGateway and StepFunctions"
# Tests/OutsidePackage depends on this checkout by path, as a user's package does, and runs the
# plugin from there; its templates must lint clean and carry each service's typed attributes.
outside="$work/outside"
mkdir -p "$outside"
cp -R "$root/Tests/OutsidePackage/Sources" "$outside/"
identity=$(basename "$root" | tr '[:upper:]' '[:lower:]')
sed -e "s|@CHECKOUT@|$root|g" -e "s|@IDENTITY@|$identity|g" "$root/Tests/OutsidePackage/Package.swift.in" >"$outside/Package.swift"
(cd "$outside" && swift package --allow-writing-to-package-directory generate-stacks >&2) \
    || fail "generate-stacks failed in the outside package $outside (messages above)"
outside_templates=()
while IFS= read -r -d '' file; do outside_templates+=("$file"); done \
    < <(find "$outside/stacks.out" -type f -name '*.template.json' -print0 | sort -z)
[ "${#outside_templates[@]}" -eq 2 ] || fail "the outside package wrote ${#outside_templates[@]} templates, not 2"
set +e
"$CFN_LINT" -- "${outside_templates[@]}" >&2
outside_status=$?
set -e
if lint_failed "$outside_status"; then
    fail "cfn-lint reported errors (exit status $outside_status) in the outside package's templates (above)"
fi
"$INFRA_PYTHON" -c '
import json, sys
want = {"AWS::RDS::DBInstance": "Endpoint.Address", "AWS::CloudFront::Distribution": "DomainName",
        "AWS::ApiGateway::RestApi": "RootResourceId", "AWS::StepFunctions::StateMachine": "Arn"}
found = set()
for path in sys.argv[1:]:
    template = json.load(open(path))
    types = {name: r["Type"] for name, r in template["Resources"].items()}
    for output in template.get("Outputs", {}).values():
        target = output["Value"].get("Fn::GetAtt")
        if target and want.get(types.get(target[0])) == target[1]:
            found.add(types[target[0]])
missing = sorted(set(want) - found)
sys.exit("no typed attribute output of: " + ", ".join(missing) if missing else 0)' "${outside_templates[@]}" \
    || fail "the outside package's templates lack the typed attributes (above)"
printf 'outside package: 2 templates, lint-clean, typed attributes of RDS, CloudFront, ApiGateway, StepFunctions\n' >&2
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

header "infra deploy of the generated stacks into moto: every stack in its account; a re-run changes nothing"
# The README's local recipe: only AWS_ENDPOINT_URL and fake keys; each stack reached through its role.
infra="$(swift build --show-bin-path)/infra"
[ -x "$infra" ] || fail "$infra was not built"
"$INFRA_PYTHON" - "$INFRA_MOTO_URL" <<'PY' || fail "could not reset moto"
import sys, urllib.request
for path, body in (("reset", b""), ("reset-auth", b"inf")):
    # text/plain: with urllib's default form type, moto reads an empty body.
    urllib.request.urlopen(urllib.request.Request(f"{sys.argv[1]}/moto-api/{path}", data=body, method="POST", headers={"Content-Type": "text/plain"}), timeout=10)
PY
run_infra() {
    # Only the endpoint and fake keys: regions come from the manifest, roles from each stack's access.
    env -i PATH="$PATH" HOME="$work" AWS_ENDPOINT_URL="$INFRA_MOTO_URL" \
        AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=test-secret-not-a-real-key "$infra" "$@"
}
run_infra deploy --dir "$out1" --yes >"$work/deploy1.out" 2>"$work/deploy1.err" \
    || { cat "$work/deploy1.err" "$work/deploy1.out" >&2; fail "infra deploy into moto failed"; }
cat "$work/deploy1.out" >&2
grep -q "^${#templates[@]} created\$" "$work/deploy1.out" || fail "infra deploy did not create all ${#templates[@]} stacks"
run_infra deploy --dir "$out1" >"$work/deploy2.out" 2>"$work/deploy2.err" \
    || { cat "$work/deploy2.err" "$work/deploy2.out" >&2; fail "the second infra deploy failed"; }
grep -q "^${#templates[@]} unchanged\$" "$work/deploy2.out" || { cat "$work/deploy2.out" >&2; fail "the second infra deploy changed something"; }
run_infra status --dir "$out1" --output json >"$work/status.json" || fail "infra status failed"
"$INFRA_PYTHON" - "$work/status.json" "$out1/manifest.json" <<'PY' >&2
import json, sys
status = {s["name"]: s for s in json.load(open(sys.argv[1]))["stacks"]}
manifest = json.load(open(sys.argv[2]))["stacks"]
for stack in manifest:
    state = status[stack["name"]]
    assert state["account"] == stack["account"] and state["status"] == "CREATE_COMPLETE" and state["matchesLocal"] is True, state
print(f"infra status: {len(manifest)} stacks CREATE_COMPLETE in {len({s['account'] for s in manifest})} accounts, all matching the local templates")
PY
run_infra plan --dir "$out1" --output json >"$work/plan.json" || fail "infra plan failed"
"$INFRA_PYTHON" - "$work/plan.json" <<'PY' >&2 || fail "infra plan after a deploy does not say 'no change' for every stack"
import json, sys
actions = [stack["action"] for stack in json.load(open(sys.argv[1]))["stacks"]]
assert actions and all(action == "no change" for action in actions), actions
print(f"infra plan: {len(actions)} stacks, no change")
PY
run_infra diff --dir "$out1" >"$work/diff.out" || fail "infra diff failed"
grep -q "^0 of ${#templates[@]} stacks differ" "$work/diff.out" || { cat "$work/diff.out" >&2; fail "infra diff found differences right after a deploy"; }
grep -q "test-secret-not-a-real-key" "$work"/deploy*.out "$work"/deploy*.err "$work/status.json" "$work/plan.json" "$work/diff.out" && fail "the secret key appeared in infra's output"
run_infra --help >/dev/null || fail "infra --help failed"
for command in plan deploy diff status; do
    run_infra "$command" --help | grep -q "usage: infra $command" || fail "infra $command --help printed no usage"
done
set +e
run_infra deploy --no-such-option >/dev/null 2>&1
usage_status=$?
set -e
[ "$usage_status" -eq 2 ] || fail "infra with an unknown option exited $usage_status, not 2"
ok

header "the plugin's output equals the golden files (Tests/InfraDSLTests/Golden/stacks)"
diff -r Tests/InfraDSLTests/Golden/stacks "$out1" >&2 \
    || fail "generate-stacks wrote something other than the golden files (diff above); re-record with RECORD_GOLDEN=1 swift test if intended"
"$INFRA_PYTHON" - "$out1" <<'PY' >&2
import pathlib, sys, yaml
files = sorted(pathlib.Path(sys.argv[1], "jenkins").glob("*.casc.yaml"))
assert files, "no Jenkins Configuration-as-Code YAML was generated"
for path in files:
    clouds = yaml.safe_load(path.read_text(encoding="utf-8"))["jenkins"]["clouds"]
    print(f"{path.name}: valid YAML, {len(clouds)} cloud(s), {sum(len(c['ecs']['templates']) for c in clouds)} agent templates")
PY
ok

# The literal translation of the article is a golden test; lint and compare it like generated output.
article_templates=()
while IFS= read -r -d '' file; do article_templates+=("$file"); done \
    < <(find Tests/InfraDSLTests/Golden/article -type f -name '*.template.json' -print0 | sort -z)
[ "${#article_templates[@]}" -eq 2 ] || fail "expected the article's two golden templates in Tests/InfraDSLTests/Golden/article"
templates+=("${article_templates[@]}")

header "cfn-lint on every generated template (zero errors)"
set +e
"$CFN_LINT" -- "${templates[@]}" >&2
lint_status=$?
set -e
if lint_failed "$lint_status"; then
    fail "cfn-lint reported errors (exit status $lint_status) in ${templates[*]}"
fi
printf 'cfn-lint: %d templates, no errors (exit status %d)\n' "${#templates[@]}" "$lint_status" >&2
ok

header "comparison with the article (Tests/article/compare_with_article.py)"
"$INFRA_PYTHON" Tests/article/compare_with_article.py Tests/InfraDSLTests/Golden/article >&2
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

header "a DSL mistake fails generation with the user's file and line"
# A copy of the package whose app adds a stack with two resources sharing one logical ID. It builds
# in its own folder, so the real package's build stays untouched.
broken="$work/broken"
mkdir -p "$broken"
cp -R Package.swift Sources Plugins Tests "$broken/"
cat > "$broken/Sources/Stacks/Broken.swift" <<'SWIFT'
import InfraAWSLogs
import InfraDSL

/// A deliberate mistake for scripts/test.sh: two resources with one logical ID.
let brokenStack = Stack("broken", account: Accounts.tooling) {
    Logs.LogGroup("Twice", retentionInDays: 30)
    Logs.LogGroup("Twice", retentionInDays: 30)
}
SWIFT
"$INFRA_PYTHON" - "$broken/Sources/Stacks/App.swift" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
assert "    jenkinsAgentCloud\n" in text, "Sources/Stacks/App.swift no longer lists jenkinsAgentCloud"
open(path, "w", encoding="utf-8").write(text.replace("    jenkinsAgentCloud\n", "    jenkinsAgentCloud\n    brokenStack\n", 1))
PY
line=$(grep -n 'Logs.LogGroup("Twice"' "$broken/Sources/Stacks/Broken.swift" | tail -n 1 | cut -d: -f1)
if (cd "$broken" && swift package --allow-writing-to-package-directory generate-stacks) >"$work/broken.log" 2>&1; then
    cat "$work/broken.log" >&2
    fail "generation succeeded although two resources share the logical ID 'Twice'"
fi
grep -F "Sources/Stacks/Broken.swift:$line: error: duplicate logical ID 'Twice'" "$work/broken.log" >&2 \
    || { cat "$work/broken.log" >&2; fail "the error does not name Sources/Stacks/Broken.swift:$line"; }
[ ! -e "$broken/stacks.out" ] || fail "a failed generation wrote $broken/stacks.out"
ok

header "a missing stage value is a compile error at the user's line"
# Per-stage settings are exhaustive by construction: dropping production must not compile.
"$INFRA_PYTHON" - "$broken/Sources/Stacks/JenkinsAgents.swift" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
changed = re.sub(r",\n\s*production: agent\(deployingTo: Accounts\.production[^\n]*\)\)\)", "))", text, count=1)
assert changed != text, "Sources/Stacks/JenkinsAgents.swift no longer sets the production template as expected"
open(path, "w", encoding="utf-8").write(changed)
PY
# Through the plugin, so its build-failure path (printing the compiler's log) is exercised too.
if (cd "$broken" && swift package --allow-writing-to-package-directory generate-stacks) >"$work/missing-stage.log" 2>&1; then
    fail "Sources/Stacks compiled without a production agent template"
fi
grep -E "Sources/Stacks/JenkinsAgents.swift:[0-9]+:[0-9]+: error: missing argument for parameter 'production'" "$work/missing-stage.log" >&2 \
    || { cat "$work/missing-stage.log" >&2; fail "the compile error does not name the missing production value in Sources/Stacks/JenkinsAgents.swift"; }
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
