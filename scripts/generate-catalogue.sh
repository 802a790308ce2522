#!/usr/bin/env bash
# Generates typed Swift resources from the CloudFormation registry schemas pinned with cfn-lint
# (scripts/test-tools-requirements.txt) into Sources/Generated/<Service>/.
#
#   scripts/generate-catalogue.sh                 regenerate every service already in Sources/Generated
#   scripts/generate-catalogue.sh SQS Lambda      add these services to the ones already there (then add
#                                                 them to `catalogueServices` in Package.swift)
#   scripts/generate-catalogue.sh --list          every service the schemas hold, with its type count
#   scripts/generate-catalogue.sh --output DIR --sweep-output DIR2 --index-output FILE --registry-output FILE2
#                                                 write into DIR, DIR2, FILE and FILE2 instead (the drift guard)
#
# Also writes the cfn-lint sweep of every generated service into Sources/CatalogueSweep/Generated,
# the list of modules and types into docs/catalogue.md, and every type's schema facts (for raw
# resources, which InfraDSL checks without their service module) into
# Sources/InfraDSL/Resources/resource-schemas.tsv.
# Deterministic: the same schemas give byte-identical files on every run.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
exec </dev/null

output="$root/Sources/Generated"
sweep_output="$root/Sources/CatalogueSweep/Generated"
index_output="$root/docs/catalogue.md"
registry_output="$root/Sources/InfraDSL/Resources/resource-schemas.tsv"
list=0
services=()
while [ $# -gt 0 ]; do
    case "$1" in
        --output) output=$2; shift 2 ;;
        --sweep-output) sweep_output=$2; shift 2 ;;
        --index-output) index_output=$2; shift 2 ;;
        --registry-output) registry_output=$2; shift 2 ;;
        --list) list=1; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        -*) printf 'generate-catalogue: unknown option %s\n' "$1" >&2; exit 2 ;;
        *) services+=("$1"); shift ;;
    esac
done

scripts/setup-test-tools.sh
schemas=$("$root/.venv/bin/python" -c 'import cfnlint, os; print(os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas"))')
version=$("$root/.venv/bin/cfn-lint" --version | awk '{print $2}')
[ -d "$schemas/providers" ] || { printf 'generate-catalogue: no schemas in %s\n' "$schemas" >&2; exit 1; }

swift build --product infra-catalogue >&2
generator="$(swift build --product infra-catalogue --show-bin-path)/infra-catalogue"

if [ "$list" = 1 ]; then
    exec "$generator" --schemas "$schemas" --list
fi
for folder in "$root"/Sources/Generated/*/; do
    [ -d "$folder" ] && services+=("$(basename "$folder")")
done
[ "${#services[@]}" -gt 0 ] || { printf 'generate-catalogue: no services given and none in Sources/Generated\n' >&2; exit 2; }
# Sorted and unique, without bash 4's mapfile (macOS ships bash 3.2).
sorted=()
while IFS= read -r service; do sorted+=("$service"); done < <(printf '%s\n' "${services[@]}" | LC_ALL=C sort -u)
services=("${sorted[@]}")
"$generator" --schemas "$schemas" --output "$output" --sweep-output "$sweep_output" --index-output "$index_output" --registry-output "$registry_output" --cfn-lint-version "$version" "${services[@]}"
for service in "${services[@]}"; do
    grep -q "\"$service\"" "$root/Package.swift" \
        || printf 'generate-catalogue: note: add "%s" to catalogueServices in Package.swift\n' "$service" >&2
done
