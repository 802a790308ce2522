#!/usr/bin/env bash
# The catalogue's build cost, side by side with the layout before the compile-cost work (issue 10):
#
#   benchmarks/coldbuild.sh STATE REPORT [--whole-catalogue-baseline]
#
# For this checkout and for commit 1bf7416 (extracted into STATE/baseline-1bf7416), in one run:
#   1. a user package outside both (STATE/user-<layout>, depending on the layout by path) importing
#      InfraDSL, InfraComponents and IAM, ECS, Logs and EC2: a cold `swift build`;
#   2. in the same user package, `generate-stacks` after a one-line edit (the build is warm);
#   3. the whole catalogue: every service module and the sweep, cold, with the core prebuilt.
#      The baseline shipped 22 services; its whole catalogue (all 307 services generated in its
#      shape, about 19 minutes) is only built with --whole-catalogue-baseline.
# Writes the table to REPORT (Markdown) and to stderr. Called by scripts/bench.sh --parts coldbuild.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=$1
report=$2
whole_baseline=0
[ "${3:-}" = --whole-catalogue-baseline ] && whole_baseline=1
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

rows=()
for layout in baseline current; do
    checkout=$root
    [ "$layout" = baseline ] && checkout=$baseline
    dir=$(user_package "$layout" "$checkout")
    note "$layout: cold build of the user package in $dir"
    cold=$(cd "$dir" && seconds swift build)
    note "$layout: generate-stacks after a one-line edit"
    (cd "$dir" && swift package --allow-writing-to-package-directory generate-stacks >/dev/null 2>&1)
    sed -i.bak 's/retentionInDays: 30/retentionInDays: 14/' "$dir/Sources/Infrastructure/main.swift"
    edit=$(cd "$dir" && seconds swift package --allow-writing-to-package-directory generate-stacks)
    rows+=("$layout|$cold|$edit")
done

note "current: the whole catalogue, cold (core prebuilt)"
scratch="$state/catalogue-current"
rm -rf "$scratch"
(cd "$root" && swift build --scratch-path "$scratch" --product Stacks >&2)
whole_current=$(cd "$root" && seconds swift build --scratch-path "$scratch" --product CatalogueSweep)
services_current=$(ls -d "$root"/Sources/Generated/*/ | wc -l | tr -d ' ')
whole_baseline_text="not run (--whole-catalogue-baseline; about 19 min in 2026-12)"
if [ "$whole_baseline" = 1 ]; then
    note "baseline: generating all services in the old shape, then building them cold"
    schemas=$("$root/.venv/bin/python" -c 'import cfnlint, os; print(os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas"))')
    (cd "$baseline" && swift build --product infra-catalogue >&2)
    generator="$(cd "$baseline" && swift build --product infra-catalogue --show-bin-path)/infra-catalogue"
    mapfile -t old_services < <("$generator" --schemas "$schemas" --list | cut -f1)
    "$generator" --schemas "$schemas" --output "$baseline/Sources/Generated" --cfn-lint-version baseline "${old_services[@]}" >&2
    python3 - "$baseline/Package.swift" "${old_services[@]}" <<'EOF'
import re, sys
path, names = sys.argv[1], sys.argv[2:]
text = open(path).read()
text = re.sub(r"let catalogueServices = \[.*?\]", "let catalogueServices = [" + ", ".join('"%s"' % n for n in names) + "]", text, count=1, flags=re.S)
text = text.replace('.executableTarget(name: "CatalogueSweep"', '// .executableTarget(name: "CatalogueSweep"')
open(path, "w").write(text)
EOF
    rm -rf "$baseline/Sources/CatalogueSweep"
    (cd "$baseline" && swift build --product Stacks >&2)
    whole_baseline_text="$(cd "$baseline" && seconds swift build) s (${#old_services[@]} services)"
fi

{
    printf '## Cold builds (issue 10), %s, %s cores\n\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc 2>/dev/null || echo '?')"
    printf '| figure | %s (before) | this checkout | budget |\n|---|---|---|---|\n' "$baseline_commit"
    IFS='|' read -r _ old_cold old_edit <<<"${rows[0]}"
    IFS='|' read -r _ new_cold new_edit <<<"${rows[1]}"
    printf '| user package with IAM, ECS, Logs, EC2: cold `swift build` | %s s | %s s | ≤ 25 s |\n' "$old_cold" "$new_cold"
    printf '| `generate-stacks` after a one-line edit | %s s | %s s | ≤ 1.5 s |\n' "$old_edit" "$new_edit"
    printf '| the whole catalogue, cold, core prebuilt | %s | %s s (%s services and the sweep) | ≤ 6 min |\n' \
        "$whole_baseline_text" "$whole_current" "$services_current"
} | tee "$report" >&2
