#!/usr/bin/env bash
# The catalogue's build cost, side by side with the layout before the compile-cost work (issue 10):
#
#   benchmarks/coldbuild.sh STATE REPORT [--whole-catalogue-baseline] [--no-whole-catalogue]
#
# For this checkout and for commit 1bf7416 (extracted into STATE/baseline-1bf7416), in one run:
#   1. a user package outside both (STATE/user-<layout>, depending on the layout by path) importing
#      InfraDSL, InfraComponents and IAM, ECS, Logs and EC2: a cold `swift build`;
#   2. in the same user package, `generate-stacks` after a one-line edit (the build is warm) and
#      with nothing changed, 5 runs each, alternating the layouts; medians;
#   3. the whole catalogue: every service module and the sweep, cold, with the core prebuilt.
#      The baseline shipped 22 services; its whole catalogue (all 307 services generated in its
#      shape, about 6 minutes on a quiet machine) is only built with --whole-catalogue-baseline;
#      --no-whole-catalogue skips part 3 altogether.
# Writes the table to REPORT (Markdown) and to stderr. Called by scripts/bench.sh --parts coldbuild.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=$1
report=$2
whole_baseline=0
whole=1
for option in "${@:3}"; do
    case $option in
        --whole-catalogue-baseline) whole_baseline=1 ;;
        --no-whole-catalogue) whole=0 ;;
        *) printf 'coldbuild: unknown option %s\n' "$option" >&2; exit 2 ;;
    esac
done
baseline_commit=1bf7416
note() { printf 'coldbuild: %s\n' "$1" >&2; }

# seconds COMMAND...: runs COMMAND in the current folder, prints its wall-clock seconds.
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >&2 || { note "failed: $*"; return 1; }
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }'
}

baseline="$state/baseline-$baseline_commit"
if [ ! -f "$baseline/Package.swift" ]; then
    note "extracting $baseline_commit into $baseline"
    rm -rf "$baseline" && mkdir -p "$baseline"
    git -C "$root" archive "$baseline_commit" | tar -x -C "$baseline"
fi

# user_package LAYOUT CHECKOUT: a package depending on CHECKOUT by path, as a user's does.
user_package() {
    local dir="$state/user-$1" identity
    identity=$(basename "$2" | tr '[:upper:]' '[:lower:]')
    rm -rf "$dir" && mkdir -p "$dir/Sources/Infrastructure"
    cat >"$dir/Package.swift" <<EOF
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "ColdUser", platforms: [.macOS(.v13)],
    dependencies: [.package(path: "$2")],
    targets: [.executableTarget(name: "Infrastructure", dependencies: [
        .product(name: "InfraDSL", package: "$identity"), .product(name: "InfraComponents", package: "$identity"),
        .product(name: "InfraAWSIAM", package: "$identity"), .product(name: "InfraAWSECS", package: "$identity"),
        .product(name: "InfraAWSLogs", package: "$identity"), .product(name: "InfraAWSEC2", package: "$identity"),
    ])]
)
EOF
    cat >"$dir/Sources/Infrastructure/main.swift" <<'EOF'
import InfraAWSEC2
import InfraAWSECS
import InfraAWSIAM
import InfraAWSLogs
import InfraComponents
import InfraSynth

let vpc = EC2.VPC("Vpc", cidrBlock: "10.0.0.0/16")
let cluster = ECS.Cluster("Cluster", clusterName: "agents")
let logs = Logs.LogGroup("Logs", retentionInDays: 30)
App {
    Stack("cold-user", account: "123456789012", region: "eu-west-1") {
        vpc
        cluster
        logs
    }
}
.main()
EOF
    printf '%s' "$dir"
}

# edit FILE: the one-line edit, flipping the log group's retention between 30 and 14 days, in place
# (no backup file left among the sources).
edit() {
    perl -pi -e 's/retentionInDays: 30/retentionInDays: 14/ or s/retentionInDays: 14/retentionInDays: 30/' "$1"
}

# median NUMBER...: the middle value (the lower one of the two for an even count).
median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

colds=()
for layout in baseline current; do
    checkout=$root
    [ "$layout" = baseline ] && checkout=$baseline
    dir=$(user_package "$layout" "$checkout")
    note "$layout: cold build of the user package in $dir"
    colds+=("$(cd "$dir" && seconds swift build)")
    (cd "$dir" && swift package --allow-writing-to-package-directory generate-stacks >/dev/null 2>&1)
done

# generate-stacks after a one-line edit, then again with nothing changed (the plugin's own round
# trip through SwiftPM), alternating the layouts run by run so that both see the same machine.
runs=5
edits_baseline=(); edits_current=(); noops_baseline=(); noops_current=()
for run in $(seq "$runs"); do
    for layout in baseline current; do
        dir="$state/user-$layout"
        note "$layout: generate-stacks after a one-line edit and unchanged, run $run of $runs"
        edit "$dir/Sources/Infrastructure/main.swift"
        edited=$(cd "$dir" && seconds swift package --allow-writing-to-package-directory generate-stacks)
        unchanged=$(cd "$dir" && seconds swift package --allow-writing-to-package-directory generate-stacks)
        if [ "$layout" = baseline ]; then
            edits_baseline+=("$edited"); noops_baseline+=("$unchanged")
        else
            edits_current+=("$edited"); noops_current+=("$unchanged")
        fi
    done
done

services_current=$(ls -d "$root"/Sources/Generated/*/ | wc -l | tr -d ' ')
whole_current="not run (--no-whole-catalogue)"
whole_baseline_text="not run (--whole-catalogue-baseline; about 6 min on a quiet machine in 2026-12)"
if [ "$whole" = 1 ]; then
    note "current: the whole catalogue, cold (core prebuilt)"
    scratch="$state/catalogue-current"
    rm -rf "$scratch"
    (cd "$root" && swift build --scratch-path "$scratch" --product Stacks >&2)
    whole_current="$(cd "$root" && seconds swift build --scratch-path "$scratch" --product CatalogueSweep) s"
fi
if [ "$whole" = 1 ] && [ "$whole_baseline" = 1 ]; then
    note "baseline: generating all services in the old shape, then building them cold"
    # A copy of its own, so that the user package's baseline stays the commit as it was.
    old="$state/baseline-$baseline_commit-whole"
    rm -rf "$old" && mkdir -p "$old"
    git -C "$root" archive "$baseline_commit" | tar -x -C "$old"
    schemas=$("$root/.venv/bin/python" -c 'import cfnlint, os; print(os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas"))')
    (cd "$old" && swift build --product infra-catalogue >&2)
    generator="$(cd "$old" && swift build --product infra-catalogue --show-bin-path)/infra-catalogue"
    old_services=()
    while IFS= read -r service; do old_services+=("$service"); done < <("$generator" --schemas "$schemas" --list | cut -f1)
    "$generator" --schemas "$schemas" --output "$old/Sources/Generated" --cfn-lint-version baseline "${old_services[@]}" >&2
    python3 - "$old/Package.swift" "${old_services[@]}" <<'PYTHON'
import re, sys
path, names = sys.argv[1], sys.argv[2:]
text = open(path).read()
text = re.sub(r"let catalogueServices = \[.*?\]", "let catalogueServices = [" + ", ".join('"%s"' % n for n in names) + "]", text, count=1, flags=re.S)
text = text.replace('.executableTarget(name: "CatalogueSweep"', '// .executableTarget(name: "CatalogueSweep"')
open(path, "w").write(text)
PYTHON
    rm -rf "$old/Sources/CatalogueSweep"
    (cd "$old" && swift build --product Stacks >&2)
    whole_baseline_text="$(cd "$old" && seconds swift build) s (${#old_services[@]} services)"
fi

{
    printf '## Cold builds (issue 10), %s, %s cores\n\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc 2>/dev/null || echo '?')"
    printf '| figure | %s (before) | this checkout | budget |\n|---|---|---|---|\n' "$baseline_commit"
    printf '| user package with IAM, ECS, Logs, EC2: cold `swift build` | %s s | %s s | ≤ 25 s |\n' "${colds[0]}" "${colds[1]}"
    printf '| `generate-stacks` after a one-line edit (median of %s) | %s s | %s s | ≤ 1.5 s |\n' \
        "$runs" "$(median "${edits_baseline[@]}")" "$(median "${edits_current[@]}")"
    printf '| `generate-stacks` with nothing changed, the plugin round trip alone (median of %s) | %s s | %s s | — |\n' \
        "$runs" "$(median "${noops_baseline[@]}")" "$(median "${noops_current[@]}")"
    printf '| the whole catalogue, cold, core prebuilt | %s | %s (%s services and the sweep) | ≤ 6 min |\n' \
        "$whole_baseline_text" "$whole_current" "$services_current"
} | tee "$report" >&2
