#!/usr/bin/env bash
# The whole test suite, from a fresh clone: scripts/test.sh
#
#   scripts/test.sh              every step, in order (what CI runs)
#   scripts/test.sh --list       the steps, by name
#   scripts/test.sh STEP...      those steps alone, with what they need first (tools, the build,
#                                the moto server, the generated stacks)
#
# Needs only Swift and Python 3 (with venv and pip) on PATH and PyPI reachable; everything else
# (cfn-lint, pinned) is installed into .venv by scripts/setup-test-tools.sh. Runs without a TTY
# and with stdin closed. A missing tool is a failure, never a skip.
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

# lint_clean WHAT FILE...: cfn-lint on the files; fails the step, naming WHAT, on errors (warnings pass).
lint_clean() {
    local what=$1 status
    shift
    set +e
    "$CFN_LINT" -- "$@" >&2
    status=$?
    set -e
    if lint_failed "$status"; then
        fail "cfn-lint reported errors (exit status $status) in $what (above)"
    fi
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


checks() { "$INFRA_PYTHON" scripts/lib/test_checks.py "$@"; }

# ---- The steps, in the order a full run takes them. Each is a function `step_<name>`; what it
# needs from earlier steps is listed in `prerequisites`, which is how a step run alone gets it.

step_tools() {
    require swift "install the Swift toolchain (6.0 or newer)"
    require python3 "install Python 3 with venv and pip"
    for tool in diff find mktemp cmp cp perl; do require "$tool"; done
    swift --version >&2
}

step_test_tools() {
    scripts/setup-test-tools.sh
    export CFN_LINT="$root/.venv/bin/cfn-lint"
    export INFRA_PYTHON="$root/.venv/bin/python"
    [ -x "$CFN_LINT" ] || fail "$CFN_LINT missing after setup"
    [ -x "$INFRA_PYTHON" ] || fail "$INFRA_PYTHON missing after setup"
    "$CFN_LINT" --version >&2
}

step_moto() {
    [ -x "$root/.venv/bin/moto_server" ] || fail "$root/.venv/bin/moto_server missing after setup"
    local port
    port=$("$INFRA_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    moto_log=$(mktemp "${TMPDIR:-/tmp}/infradsl-moto.XXXXXX")
    # Not MOTO_ACCOUNT_ID: the tests rely on moto's default account 123456789012. Started without
    # INITIAL_NO_AUTH_ACTION_COUNT; the signature-checking tests switch it on through /moto-api/reset-auth.
    env -u MOTO_ACCOUNT_ID -u INITIAL_NO_AUTH_ACTION_COUNT "$root/.venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$moto_log" 2>&1 &
    moto_pid=$!
    export INFRA_MOTO_URL="http://127.0.0.1:$port"
    checks wait-for-moto "$INFRA_MOTO_URL" "$moto_pid" || fail "the moto server did not start (log: $moto_log)"
    printf 'moto server: %s (pid %s)\n' "$INFRA_MOTO_URL" "$moto_pid" >&2
}

step_article_selftest() {
    # unittest exits 0 when it finds no tests at all (Python < 3.12); require that some ran.
    local log="$work/article-selftest.log"
    "$INFRA_PYTHON" -m unittest discover -s Tests/article -p 'test_*.py' -v 2>"$log" \
        || { cat "$log" >&2; fail "the comparison script's self-test failed"; }
    tail -n 4 "$log" >&2
    grep -Eq '^Ran [1-9][0-9]* tests?' "$log" || fail "the self-test ran no test"
}

step_docs() {
    # The DocC catalogues: a symbol link to something renamed, or a malformed article, fails here
    # (build-docs.sh treats DocC warnings as errors).
    local log="$work/docs.log"
    scripts/build-docs.sh --output "$work/docs" >"$log" 2>&1 || { cat "$log" >&2; fail "scripts/build-docs.sh failed (above)"; }
    grep '^build-docs: ' "$log" >&2
    local module
    for module in InfraDSL InfraDeploy; do
        local lower
        lower=$(printf '%s' "$module" | tr '[:upper:]' '[:lower:]')
        [ -f "$work/docs/$module.doccarchive/data/documentation/$lower/gettingstarted.json" ] \
            || fail "the $module documentation has no getting-started article"
    done
}

step_doc_links() {
    # Pages move and headings get renamed; a broken relative link fails here, not for a reader.
    "$INFRA_PYTHON" scripts/lib/doc_links.py >&2 \
        || fail "a relative link in README.md, docs/ or benchmarks/README.md does not resolve (above)"
}

step_build() {
    swift build --build-tests
}

step_swift_test() {
    # CI=1 makes the moto suites fail instead of skip should INFRA_MOTO_URL ever be missing.
    CI=${CI:-1} swift test
}

step_catalogue_drift() {
    scripts/generate-catalogue.sh --output "$work/catalogue" --sweep-output "$work/catalogue-sweep" --index-output "$work/catalogue.md" --registry-output "$work/resource-schemas.tsv" >&2
    diff -r "$root/Sources/Generated" "$work/catalogue" >&2 \
        || fail "Sources/Generated differs from a fresh generation (diff above); run scripts/generate-catalogue.sh and commit the result"
    diff -r "$root/Sources/CatalogueSweep/Generated" "$work/catalogue-sweep" >&2 \
        || fail "Sources/CatalogueSweep/Generated differs from a fresh generation (diff above); run scripts/generate-catalogue.sh and commit the result"
    diff "$root/docs/catalogue.md" "$work/catalogue.md" >&2 \
        || fail "docs/catalogue.md differs from a fresh generation (diff above); run scripts/generate-catalogue.sh and commit the result"
    cmp "$root/Sources/InfraDSL/Resources/resource-schemas.tsv" "$work/resource-schemas.tsv" >&2 \
        || fail "Sources/InfraDSL/Resources/resource-schemas.tsv differs from a fresh generation; run scripts/generate-catalogue.sh and commit the result"
    # Every service of the schemas is shipped: a folder and a library product each.
    scripts/generate-catalogue.sh --list | cut -f1 >"$work/catalogue-services.txt"
    (cd "$root/Sources/Generated" && ls -d -- */ | tr -d / | LC_ALL=C sort) >"$work/catalogue-folders.txt"
    diff "$work/catalogue-services.txt" "$work/catalogue-folders.txt" >&2 \
        || fail "Sources/Generated does not hold every service of the schemas (diff above: < missing, > extra); run scripts/generate-catalogue.sh with the missing ones"
    swift package dump-package | checks products-cover-services "$work/catalogue-folders.txt" \
        || fail "catalogueServices in Package.swift is incomplete (above)"
}

step_catalogue_sweep() {
    swift run --skip-build CatalogueSweep --output "$work/sweep" >&2
    local sweep_templates=() file status generated swept
    while IFS= read -r -d '' file; do sweep_templates+=("$file"); done \
        < <(find "$work/sweep" -type f -name '*.template.json' -print0 | sort -z)
    [ "${#sweep_templates[@]}" -gt 0 ] || fail "the sweep wrote no templates into $work/sweep"
    set +e
    "$INFRA_PYTHON" scripts/lib/lint-in-regions.py "$CFN_LINT" "$work/sweep/manifest.json" -- "${sweep_templates[@]}" >"$work/sweep-lint.log" 2>&1
    status=$?
    set -e
    grep -E '^E[0-9]' -A 2 "$work/sweep-lint.log" >&2 || true
    if lint_failed "$status"; then
        fail "cfn-lint reported errors (exit status $status) in the catalogue sweep (above; all findings in $work/sweep-lint.log)"
    fi
    # Every generated resource type must be in the sweep, once.
    generated=$(grep -h '^    public struct [A-Za-z0-9_]*: Resource {' "$root"/Sources/Generated/*/*.swift | wc -l | tr -d ' ')
    swept=$(checks distinct-types "${sweep_templates[@]}")
    [ "$swept" = "$generated" ] \
        || fail "the sweep holds $swept distinct resource types (-1: a type twice), Sources/Generated declares $generated"
    printf 'cfn-lint: %d sweep templates, %d resource types (all generated ones), each linted in its stack'"'"'s region: no errors (exit status %d)\n' \
        "${#sweep_templates[@]}" "$swept" "$status" >&2
}

step_outside_package() {
    # Tests/OutsidePackage depends on this checkout by path, as a user's package does, and runs the
    # plugin from there; its templates must lint clean and carry each service's typed attributes.
    local outside="$work/outside" identity templates=() file status
    mkdir -p "$outside"
    cp -R "$root/Tests/OutsidePackage/Sources" "$root/Tests/OutsidePackage/lambda" "$outside/"
    identity=$(basename "$root" | tr '[:upper:]' '[:lower:]')
    sed -e "s|@CHECKOUT@|$root|g" -e "s|@IDENTITY@|$identity|g" "$root/Tests/OutsidePackage/Package.swift.in" >"$outside/Package.swift"
    (cd "$outside" && swift package --allow-writing-to-package-directory generate-stacks >&2) \
        || fail "generate-stacks failed in the outside package $outside (messages above)"
    while IFS= read -r -d '' file; do templates+=("$file"); done \
        < <(find "$outside/stacks.out" -type f -name '*.template.json' -print0 | sort -z)
    [ "${#templates[@]}" -eq 3 ] || fail "the outside package wrote ${#templates[@]} templates, not 3 (2 stacks and a StackSet)"
    lint_clean "the outside package's templates" "${templates[@]}"
    checks typed-attribute-outputs "${templates[@]}" || fail "the outside package's templates lack the typed attributes (above)"
    checks assets-match "$outside/stacks.out" 1 || fail "the outside package's Lambda asset is not as the manifest says (above)"
    checks grant-policies "$outside/stacks.out/outside-edge.template.json" "$outside/stacks.out/outside-data.template.json" || fail "the outside package's grants are not the policies they should be (above)"
    checks stack-set-entry "$outside/stacks.out" outside-baseline 20 2 || fail "the outside package's StackSet is not in the manifest as declared (above)"
    # Template metadata, a typed creation policy and the app's tag, written from outside the repository.
    grep -q '"AWS::CloudFormation::Interface"' "$outside/stacks.out/outside-data.template.json" \
        && grep -q '"CreationPolicy"' "$outside/stacks.out/outside-data.template.json" \
        && grep -q '"infradsl:app"' "$outside/stacks.out/manifest.json" \
        || fail "the outside package's template metadata, creation policy or app tag is missing"
    # Typed JSON properties: a redrive policy and a redrive-allow policy as objects, environment
    # variables, and a document the schema takes only as a string written as its JSON text.
    grep -q '"deadLetterTargetArn"' "$outside/stacks.out/outside-edge.template.json" \
        && grep -q '"redrivePermission": "byQueue"' "$outside/stacks.out/outside-edge.template.json" \
        && grep -q '"RETRIES_URL"' "$outside/stacks.out/outside-edge.template.json" \
        && grep -qF '"Fn::Sub": "{\"Version\":\"2012-10-17\",\"Statement\"' "$outside/stacks.out/outside-data.template.json" \
        || fail "the outside package's typed JSON properties (redrive policies, environment variables, a string-only policy) are not rendered as written"
    printf 'outside package: 3 templates, lint-clean, typed attributes of RDS, CloudFront, ApiGateway, StepFunctions, a Lambda asset zipped, metadata, a creation policy, typed redrive policies, environment variables and policy documents, a raw resource checked against its schema, grants of all eight services (S3, SQS, SNS, DynamoDB, KMS, Secrets Manager, Lambda, Logs) as one policy per role, and a StackSet of 40 instances\n' >&2
    # Kept for the outside-stackset step: outside_mistakes regenerates this folder from another main.swift.
    cp -R "$outside/stacks.out" "$work/outside-stacks.out"
    outside_mistakes "$outside"
}

step_outside_stackset() {
    # Issue 11's check, from the outside package: its StackSet outside-baseline (20 accounts × 2 regions,
    # one override) deployed into moto with only the endpoint and fake keys, its 40 instance stacks read
    # back in their own accounts, a re-run writing nothing, and one account removed: plan lists its
    # instances, deploy keeps them, deploy --prune deletes them. `--stack outside-baseline` selects the
    # set alone: the package's two stacks cannot deploy into moto (its SNS has no Fn::GetAtt TopicArn).
    # `--prune` takes the whole manifest (with --stack it is a usage error), so the pruning deploy gets
    # the regenerated folder with those stacks left out. Not here: "a failed operation exits 1 naming
    # the account". moto ends every StackSet operation SUCCEEDED at once and cannot fail one; the
    # recorded responses and simulated service of Tests/InfraDeployTests/StackSetTests.swift cover it.
    local outside="$work/outside" main="Sources/Infrastructure/main.swift" set=outside-baseline
    local full="$work/outside-stacks.out" fewer="$work/outside-stackset-19" only="$work/outside-stackset-19-only"
    local gone=200000001020 before after # workload-20's id: main.swift numbers them 20000000(1000 + n)
    swift build --product infra >&2
    infra="$(swift build --show-bin-path)/infra"
    checks reset-moto "$INFRA_MOTO_URL" || fail "could not reset moto"
    run_infra deploy --dir "$full" --stack "$set" --yes >"$work/set-deploy1.out" 2>"$work/set-deploy1.err" \
        || { cat "$work/set-deploy1.err" "$work/set-deploy1.out" >&2; fail "infra deploy --stack $set into moto failed"; }
    grep -q "  $set (StackSet)  created  " "$work/set-deploy1.out" && grep -q "^StackSet $set: 40 instances (40 CURRENT)\$" "$work/set-deploy1.out" \
        || { cat "$work/set-deploy1.err" "$work/set-deploy1.out" >&2; fail "infra deploy did not create StackSet $set with 40 current instances"; }
    checks stack-set-stacks "$INFRA_MOTO_URL" "$full" "$set" 40 || fail "the target accounts do not hold the 40 instance stacks of $set as declared (above)"

    before=$(checks stack-set-operations "$INFRA_MOTO_URL" "$full" "$set")
    run_infra deploy --dir "$full" --stack "$set" --yes >"$work/set-deploy2.out" 2>"$work/set-deploy2.err" \
        || { cat "$work/set-deploy2.err" "$work/set-deploy2.out" >&2; fail "the second infra deploy --stack $set failed"; }
    after=$(checks stack-set-operations "$INFRA_MOTO_URL" "$full" "$set")
    grep -q "  $set (StackSet)  unchanged  " "$work/set-deploy2.out" && grep -q '^1 unchanged$' "$work/set-deploy2.out" \
        && grep -q "no change (the set and its 40 instances match the manifest)\$" "$work/set-deploy2.err" \
        && ! grep -q 'operation .* started' "$work/set-deploy2.err" && [ "$before" -gt 0 ] && [ "$after" = "$before" ] \
        || { cat "$work/set-deploy2.err" "$work/set-deploy2.out" >&2; fail "the second deploy of $set wrote something (operations before $before, after $after)"; }
    run_infra plan --dir "$full" --stack "$set" --output json >"$work/set-plan1.json" || fail "infra plan --stack $set failed"
    checks plan-unchanged "$work/set-plan1.json" || fail "infra plan after deploying $set does not say 'no change'"

    # One account fewer: the package's own main.swift with 1...19 for 1...20, regenerated.
    sed 's/(1\.\.\.20)\.map/(1...19).map/' "$root/Tests/OutsidePackage/$main" >"$outside/$main"
    grep -q '(1\.\.\.19)\.map' "$outside/$main" || fail "could not take workload-20 out of the outside package's $main"
    (cd "$outside" && generate --output "$fewer" >&2) || fail "the outside package with 19 workload accounts does not generate (above)"
    checks stack-set-entry "$fewer" "$set" 19 2 || fail "the regenerated StackSet does not have 19 accounts (above)"
    run_infra plan --dir "$fewer" --stack "$set" >"$work/set-plan2.out" 2>"$work/set-plan2.err" || { cat "$work/set-plan2.err" >&2; fail "infra plan of the 19 accounts failed"; }
    [ "$(grep -c '  not declared: deploy --prune deletes it$' "$work/set-plan2.out")" -eq 2 ] \
        && grep -q "^  instance - $gone eu-west-1  not declared: deploy --prune deletes it\$" "$work/set-plan2.out" \
        && grep -q "^  instance - $gone eu-central-1  not declared: deploy --prune deletes it\$" "$work/set-plan2.out" \
        && grep -q '^  instances: 40 deployed, 0 to create, 0 to update, 2 not declared$' "$work/set-plan2.out" \
        || { cat "$work/set-plan2.out" >&2; fail "infra plan does not list exactly the two instances of $gone as not declared"; }
    run_infra deploy --dir "$fewer" --stack "$set" --yes >"$work/set-deploy3.out" 2>"$work/set-deploy3.err" \
        || { cat "$work/set-deploy3.err" "$work/set-deploy3.out" >&2; fail "infra deploy of the 19 accounts without --prune failed"; }
    grep -q "^StackSet $set: 40 instances (40 CURRENT); 2 not declared (deploy --prune deletes them): $gone eu-central-1, $gone eu-west-1\$" "$work/set-deploy3.out" \
        && grep -q "no change to the set and its 38 instances; 2 instances no longer declared (deploy --prune deletes them)\$" "$work/set-deploy3.err" \
        || { cat "$work/set-deploy3.out" "$work/set-deploy3.err" >&2; fail "infra deploy without --prune does not name the two undeclared instances of $gone"; }
    checks stack-set-stacks "$INFRA_MOTO_URL" "$full" "$set" 40 || fail "a deploy without --prune removed instances of $set (above)"
    checks only-stack-sets "$fewer" "$only" || fail "could not leave the stacks out of $fewer"
    run_infra deploy --dir "$only" --yes --prune >"$work/set-deploy4.out" 2>"$work/set-deploy4.err" \
        || { cat "$work/set-deploy4.err" "$work/set-deploy4.out" >&2; fail "infra deploy --prune of the 19 accounts failed"; }
    grep -q "deleting 2 undeclared instances ($gone × eu-central-1, eu-west-1) (--prune)\$" "$work/set-deploy4.err" \
        || { cat "$work/set-deploy4.err" "$work/set-deploy4.out" >&2; fail "infra deploy --prune did not delete the two instances of $gone in one operation"; }
    checks stack-set-stacks "$INFRA_MOTO_URL" "$fewer" "$set" 38 "$gone" || fail "deploy --prune did not leave exactly the 38 declared instance stacks (above)"
    grep -q "test-secret-not-a-real-key" "$work"/set-* && fail "the secret key appeared in infra's output"
    printf 'outside StackSet: 40 instance stacks in 20 accounts × 2 regions, a re-run writes nothing, account %s shown undeclared by plan, kept without --prune, deleted with it (38 left)\n' "$gone" >&2
}

# outside_mistakes FOLDER: the outside package's mistakes (Tests/OutsidePackage/Mistakes/main.swift
# swapped in): lint warnings STG001 and DEP001 at their lines, each once, and generation goes on;
# then a schema error at its line fails generation.
outside_mistakes() {
    local outside=$1 main="Sources/Infrastructure/main.swift" out="$work/outside-mistakes.out"
    cp "$root/Tests/OutsidePackage/Mistakes/main.swift" "$outside/$main"
    (cd "$outside" && swift package --allow-writing-to-package-directory generate-stacks) >"$out" 2>&1 \
        || { cat "$out" >&2; fail "the outside package with lint warnings only did not generate"; }
    [ "$(grep -c "^$main:8: warning: \[STG001\] PerStage: stages development and test both deploy to account 'shared'" "$out")" -eq 1 ] \
        && [ "$(grep -c "^$main:12: warning: \[DEP001\] resource 'Alerts': dependsOn 'Jobs' is implied" "$out")" -eq 1 ] \
        || { cat "$out" >&2; fail "the outside package's lint warnings are not each reported once at their line (above)"; }
    sed -i.orig 's/"DelaySeconds": 5]/"DelaySeconds": 901]/' "$outside/$main"
    if (cd "$outside" && swift package --allow-writing-to-package-directory generate-stacks) >"$out" 2>&1; then
        cat "$out" >&2
        fail "the outside package generated although a resource breaks its schema"
    fi
    [ "$(grep -c "^$main:11: error: resource 'Jobs' (AWS::SQS::Queue): DelaySeconds 901 is out of range; the schema allows 0 to 900$" "$out")" -eq 1 ] \
        || { cat "$out" >&2; fail "the outside package's schema error is not reported once at its line (above)"; }
    printf 'outside package mistakes: STG001 and DEP001 warnings and a schema error, each once at its line in the package'"'"'s own main.swift\n' >&2
}

step_readme_package() {
    # Issue 13, point 9: the README's own package, pasted as it stands into a new folder next to a
    # clone named infradsl (here a link to this checkout), generates a lint-clean template and
    # deploys into moto with the README's own command; a second deploy changes nothing.
    local readme="$work/readme" package template status
    package="$readme/my-infrastructure"
    mkdir -p "$readme"
    ln -s "$root" "$readme/infradsl"
    checks readme-package README.md "$readme" || fail "could not take the own-package files from README.md (above)"
    (cd "$package" && swift package --allow-writing-to-package-directory generate-stacks >&2) \
        || fail "the README's own package does not generate (messages above)"
    template="$package/stacks.out/my-app.template.json"
    [ -f "$template" ] || fail "the README's own package wrote no stacks.out/my-app.template.json"
    lint_clean "the README's own package's template" "$template"
    checks reset-moto "$INFRA_MOTO_URL" || fail "could not reset moto"
    readme_infra deploy --yes >"$work/readme-deploy1.out" 2>"$work/readme-deploy1.err" \
        || { cat "$work/readme-deploy1.err" "$work/readme-deploy1.out" >&2; fail "the README's swift run infra deploy failed in its own package"; }
    cat "$work/readme-deploy1.out" >&2
    grep -q '^1 created$' "$work/readme-deploy1.out" || fail "the README's own package's stack was not created"
    readme_infra deploy --yes >"$work/readme-deploy2.out" 2>"$work/readme-deploy2.err" \
        || { cat "$work/readme-deploy2.err" "$work/readme-deploy2.out" >&2; fail "the second deploy of the README's own package failed"; }
    grep -q '^1 unchanged$' "$work/readme-deploy2.out" || { cat "$work/readme-deploy2.out" >&2; fail "the second deploy of the README's own package changed something"; }
}

# readme_infra ARGUMENT...: `swift run infra` in the README's own package, as its deploy step runs it
# (only the endpoint and fake keys; any profile or session token of the caller's is left out).
readme_infra() {
    (cd "$work/readme/my-infrastructure" && env -u AWS_PROFILE -u AWS_SESSION_TOKEN -u AWS_REGION -u AWS_DEFAULT_REGION \
        AWS_ENDPOINT_URL="$INFRA_MOTO_URL" AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=test-secret-not-a-real-key \
        swift run infra "$@")
}

generate() {
    swift package --allow-writing-to-package-directory generate-stacks "$@"
}

step_generate() {
    local log="$work/generate.log"
    generate --output "$out1" 2>"$log" || { cat "$log" >&2; fail "generate-stacks failed (messages above)"; }
    cat "$log" >&2
    # Issue 13, point 8: the plugin says what it builds before the build, and how long it took after.
    grep -q '^\[GenerateStacks\] building the Stacks product and what it imports (.*InfraSynth.*), debug; a cold build' "$log" \
        || fail "generate-stacks did not announce the build before building (its messages above)"
    grep -Eq '^\[GenerateStacks\] built Stacks in [0-9]+\.[0-9] s; generating$' "$log" \
        || fail "generate-stacks did not say how long the build took (its messages above)"
    # Issue 10: the second run builds through `swift build` in a child process (SwiftPM's cached
    # plan), not the plugin API's fallback, which replans the whole package graph on every call.
    local child_log=.build/plugins/GenerateStacks/outputs/swift-build.log
    rm -f "$child_log"
    generate --output "$out2"
    grep -q "^Build of product 'Stacks' complete!" "$child_log" 2>/dev/null \
        || { cat "$child_log" >&2 2>/dev/null; fail "generate-stacks did not build with swift build (its log above, if any): it fell back to the plugin API"; }
    [ -f "$out1/manifest.json" ] || fail "generate-stacks wrote no $out1/manifest.json"
    templates=()
    local file
    while IFS= read -r -d '' file; do templates+=("$file"); done \
        < <(find "$out1" -type f -name '*.template.json' -print0 | sort -z)
    [ "${#templates[@]}" -gt 0 ] || fail "generate-stacks wrote no *.template.json into $out1"
    diff -r "$out1" "$out2" >&2 || fail "two runs of generate-stacks wrote different files (diff above)"
    printf 'identical: %d templates, %d files in all\n' "${#templates[@]}" "$(find "$out1" -type f | wc -l)" >&2
}

run_infra() {
    # Only the endpoint and fake keys: regions come from the manifest, roles from each stack's access.
    env -i PATH="$PATH" HOME="$work" AWS_ENDPOINT_URL="$INFRA_MOTO_URL" \
        AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=test-secret-not-a-real-key "$infra" "$@"
}

step_deploy() {
    # The local recipe of docs/deploy.md: only AWS_ENDPOINT_URL and fake keys; each stack reached through its role.
    infra="$(swift build --show-bin-path)/infra"
    [ -x "$infra" ] || fail "$infra was not built"
    checks reset-moto "$INFRA_MOTO_URL" || fail "could not reset moto"
    run_infra deploy --dir "$out1" --yes >"$work/deploy1.out" 2>"$work/deploy1.err" \
        || { cat "$work/deploy1.err" "$work/deploy1.out" >&2; fail "infra deploy into moto failed"; }
    cat "$work/deploy1.out" >&2
    grep -q "^${#templates[@]} created\$" "$work/deploy1.out" || fail "infra deploy did not create all ${#templates[@]} stacks"
    run_infra deploy --dir "$out1" >"$work/deploy2.out" 2>"$work/deploy2.err" \
        || { cat "$work/deploy2.err" "$work/deploy2.out" >&2; fail "the second infra deploy failed"; }
    grep -q "^${#templates[@]} unchanged\$" "$work/deploy2.out" || { cat "$work/deploy2.out" >&2; fail "the second infra deploy changed something"; }
    run_infra status --dir "$out1" --output json >"$work/status.json" || fail "infra status failed"
    checks status-matches "$work/status.json" "$out1/manifest.json" || fail "infra status does not show every stack deployed and matching"
    run_infra plan --dir "$out1" --output json >"$work/plan.json" || fail "infra plan failed"
    checks plan-unchanged "$work/plan.json" || fail "infra plan after a deploy does not say 'no change' for every stack"
    run_infra diff --dir "$out1" >"$work/diff.out" || fail "infra diff failed"
    grep -q "^0 of ${#templates[@]} stacks differ" "$work/diff.out" || { cat "$work/diff.out" >&2; fail "infra diff found differences right after a deploy"; }
    run_infra diff --dir "$out1" --fail >/dev/null || fail "infra diff --fail exited non-zero right after a deploy"
    run_infra outputs --dir "$out1" >"$work/outputs.json" 2>"$work/outputs.err" || { cat "$work/outputs.err" >&2; fail "infra outputs failed"; }
    checks is-json "$work/outputs.json" || fail "infra outputs printed no JSON"
    # destroy: without a terminal and without --yes it refuses (2); with --yes it deletes exactly the stage.
    local status
    set +e
    run_infra destroy --dir "$out1" --stage production </dev/null >"$work/destroy0.out" 2>"$work/destroy0.err"
    status=$?
    set -e
    [ "$status" -eq 2 ] || { cat "$work/destroy0.err" >&2; fail "infra destroy without a terminal and without --yes exited $status, not 2"; }
    run_infra destroy --dir "$out1" --stage production --yes >"$work/destroy1.out" 2>"$work/destroy1.err" \
        || { cat "$work/destroy1.err" "$work/destroy1.out" >&2; fail "infra destroy --stage production failed"; }
    grep -q "^1 deleted\$" "$work/destroy1.out" || { cat "$work/destroy1.out" >&2; fail "infra destroy --stage production did not delete exactly one stack"; }
    set +e
    run_infra diff --dir "$out1" --fail >"$work/diff2.out" 2>&1
    status=$?
    set -e
    [ "$status" -eq 1 ] || fail "infra diff --fail exited $status, not 1, with the production stack deleted"
    grep -q "^1 of ${#templates[@]} stacks differ" "$work/diff2.out" || { cat "$work/diff2.out" >&2; fail "infra diff did not find exactly the deleted stack"; }
    grep -q "test-secret-not-a-real-key" "$work"/deploy*.out "$work"/deploy*.err "$work/status.json" "$work/plan.json" "$work/diff.out" "$work"/destroy*.out "$work"/destroy*.err "$work/outputs.json" \
        && fail "the secret key appeared in infra's output"
    run_infra --help >/dev/null || fail "infra --help failed"
    local command
    for command in plan deploy diff status destroy outputs; do
        run_infra "$command" --help | grep -q "usage: infra $command" || fail "infra $command --help printed no usage"
    done
    set +e
    run_infra deploy --no-such-option >/dev/null 2>&1
    status=$?
    set -e
    [ "$status" -eq 2 ] || fail "infra with an unknown option exited $status, not 2"
}

step_golden() {
    diff -r Tests/InfraDSLTests/Golden/stacks "$out1" >&2 \
        || fail "generate-stacks wrote something other than the golden files (diff above); re-record with RECORD_GOLDEN=1 swift test if intended"
    checks casc-is-yaml "$out1" || fail "the generated Jenkins configuration is not the expected YAML"
}

step_cfn_lint() {
    # The literal translation of the article is a golden test; lint it like generated output.
    local all=("${templates[@]}") file status
    while IFS= read -r -d '' file; do all+=("$file"); done \
        < <(find Tests/InfraDSLTests/Golden/article -type f -name '*.template.json' -print0 | sort -z)
    [ "${#all[@]}" -eq $((${#templates[@]} + 2)) ] || fail "expected the article's two golden templates in Tests/InfraDSLTests/Golden/article"
    lint_clean "${all[*]}" "${all[@]}"
    printf 'cfn-lint: %d templates, no errors\n' "${#all[@]}" >&2
}

step_article() {
    "$INFRA_PYTHON" Tests/article/compare_with_article.py Tests/InfraDSLTests/Golden/article >&2
}

step_check() {
    generate --output "$out1" --check >&2 || fail "--check failed against freshly generated output $out1"
    local modified="$work/modified" victim log="$work/check-modified.log"
    cp -R "$out1" "$modified"
    victim="$modified/$(basename "${templates[0]}")"
    checks modify-template "$victim"
    cp "$victim" "$work/victim.expected"
    if generate --output "$modified" --check >"$log" 2>&1; then
        cat "$log" >&2
        fail "--check exited 0 although $victim was modified"
    fi
    cat "$log" >&2
    grep -Fq "$(basename "$victim")" "$log" || fail "--check failed but did not name $(basename "$victim")"
    # A check reports; it must not repair what it checks.
    cmp -s "$victim" "$work/victim.expected" || fail "--check rewrote $victim"
}

step_dsl_mistake() {
    # A copy of the package whose app adds a stack with two resources sharing one logical ID. It builds
    # in its own folder, so the real package's build stays untouched.
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
    checks add-broken-stack "$broken/Sources/Stacks/App.swift"
    local line
    line=$(grep -n 'Logs.LogGroup("Twice"' "$broken/Sources/Stacks/Broken.swift" | tail -n 1 | cut -d: -f1)
    if (cd "$broken" && swift package --allow-writing-to-package-directory generate-stacks) >"$work/broken.log" 2>&1; then
        cat "$work/broken.log" >&2
        fail "generation succeeded although two resources share the logical ID 'Twice'"
    fi
    grep -F "Sources/Stacks/Broken.swift:$line: error: duplicate logical ID 'Twice'" "$work/broken.log" >&2 \
        || { cat "$work/broken.log" >&2; fail "the error does not name Sources/Stacks/Broken.swift:$line"; }
    [ ! -e "$broken/stacks.out" ] || fail "a failed generation wrote $broken/stacks.out"
}

step_missing_stage() {
    # Per-stage settings are exhaustive by construction: dropping production must not compile.
    checks drop-production "$broken/Sources/Stacks/JenkinsAgents.swift"
    # Through the plugin, so its build-failure path (printing the compiler's log) is exercised too.
    if (cd "$broken" && swift package --allow-writing-to-package-directory generate-stacks) >"$work/missing-stage.log" 2>&1; then
        fail "Sources/Stacks compiled without a production agent template"
    fi
    grep -E "Sources/Stacks/JenkinsAgents.swift:[0-9]+:[0-9]+: error: missing argument for parameter 'production'" "$work/missing-stage.log" >&2 \
        || { cat "$work/missing-stage.log" >&2; fail "the compile error does not name the missing production value in Sources/Stacks/JenkinsAgents.swift"; }
}

step_help() {
    local log="$work/help.log"
    generate --help >"$log" 2>&1 || { cat "$log" >&2; fail "--help exited non-zero"; }
    grep -q -- "--output" "$log" || { cat "$log" >&2; fail "--help does not mention --output"; }
    if generate --output "$work/usage" --no-such-option >"$work/usage.log" 2>&1; then
        cat "$work/usage.log" >&2
        fail "an unknown option was accepted"
    fi
}

# name|title, in the order of a full run.
steps=(
    "tools|required tools"
    "test-tools|test tools (scripts/setup-test-tools.sh)"
    "moto|moto server on a free loopback port (integration tests)"
    "article-selftest|self-test of Tests/article/compare_with_article.py"
    "doc-links|every relative link in README.md, docs/ and benchmarks/README.md resolves"
    "docs|the DocC documentation of InfraDSL and InfraDeploy builds without a warning (scripts/build-docs.sh)"
    "build|swift build --build-tests"
    "swift-test|swift test (Swift Testing and XCTest; moto integration and fault injection included)"
    "catalogue-drift|catalogue drift guard: regenerating from the pinned schemas changes nothing"
    "catalogue-sweep|catalogue sweep: one instance of every generated type passes cfn-lint, in a region that offers it, with zero errors"
    "outside-package|a package outside the repository imports RDS, CloudFront, ApiGateway and StepFunctions, zips a Lambda asset folder, grants roles access to S3, SQS, SNS, DynamoDB, KMS, Secrets Manager, Lambda and Logs, and declares a StackSet over 20 accounts × 2 regions; its lint warnings and errors show at its own lines"
    "outside-stackset|the outside package's StackSet of 20 accounts × 2 regions deploys into moto with 40 instance stacks in their accounts; a re-run writes nothing; an account removed shows in plan, stays without --prune and goes with it"
    "readme-package|the README's own package, pasted into a new folder, generates a lint-clean template and deploys into moto"
    "generate|generate-stacks twice through the plugin, announcing its build, the second time built by swift build with its cached plan; outputs must be byte-identical"
    "deploy|infra deploy of the generated stacks into moto: every stack in its account; a re-run changes nothing; outputs, diff --fail and destroy --stage production"
    "golden|the plugin's output equals the golden files (Tests/InfraDSLTests/Golden/stacks)"
    "cfn-lint|cfn-lint on every generated template and the article's translation (zero errors)"
    "article|comparison with the article (Tests/article/compare_with_article.py)"
    "check|generate-stacks --check: clean output passes, a modified copy fails"
    "dsl-mistake|a DSL mistake fails generation with the user's file and line"
    "missing-stage|a missing stage value is a compile error at the user's line"
    "help|generate-stacks --help exits 0; an unknown option fails"
)

step_title() {
    local entry
    for entry in "${steps[@]}"; do
        [ "${entry%%|*}" = "$1" ] && { printf '%s' "${entry#*|}"; return 0; }
    done
    return 1
}

# prerequisites NAME: the steps NAME needs to have run (beyond the tools, which every run sets up).
prerequisites() {
    case $1 in
        swift-test) echo build moto ;;
        catalogue-sweep) echo build ;;
        deploy) echo build moto generate ;;
        readme-package) echo moto ;;
        outside-stackset) echo moto outside-package ;;
        golden | cfn-lint | check) echo generate ;;
        missing-stage) echo dsl-mistake ;;
    esac
}

done_steps=" "

# need NAME: runs step NAME, after its prerequisites, unless it has run already.
need() {
    case $done_steps in *" $1 "*) return 0 ;; esac
    local title prerequisite
    title=$(step_title "$1") || fail "unknown step '$1'; scripts/test.sh --list lists them"
    for prerequisite in $(prerequisites "$1"); do need "$prerequisite"; done
    header "$title"
    "step_$(printf '%s' "$1" | tr - _)"
    done_steps="$done_steps$1 "
    ok
}

usage_error() {
    trap - EXIT
    printf 'test.sh: error: %s\n' "$1" >&2
    exit 2
}

selected=()
for argument in "$@"; do
    case $argument in
        --list)
            for entry in "${steps[@]}"; do printf '%-18s %s\n' "${entry%%|*}" "${entry#*|}"; done
            trap - EXIT
            exit 0 ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; trap - EXIT; exit 0 ;;
        -*) usage_error "unknown option '$argument'; see scripts/test.sh --help" ;;
        *) step_title "$argument" >/dev/null || usage_error "unknown step '$argument'; scripts/test.sh --list lists them"
           selected+=("$argument") ;;
    esac
done
if [ "${#selected[@]}" -eq 0 ]; then
    for entry in "${steps[@]}"; do selected+=("${entry%%|*}"); done
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/infradsl-test.XXXXXX")
out1="$work/run1"
out2="$work/run2"
broken="$work/broken"
templates=()
# Every run sets up the tools first: each step relies on them.
need tools
need test-tools
for name in "${selected[@]}"; do need "$name"; done
