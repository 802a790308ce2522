#!/usr/bin/env bash
# Generates typed Swift resources from the CloudFormation registry schemas pinned with cfn-lint
# (scripts/test-tools-requirements.txt) into Sources/Generated/<Service>/.
#
#   scripts/generate-catalogue.sh                 regenerate every service already in Sources/Generated
#   scripts/generate-catalogue.sh SQS Lambda      generate these services (add new ones to
#                                                 `catalogueServices` in Package.swift)
#   scripts/generate-catalogue.sh --list          every service the schemas hold, with its type count
#   scripts/generate-catalogue.sh --output DIR …  write into DIR instead (the drift guard uses this)
#
# Deterministic: the same schemas give byte-identical files on every run.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
exec </dev/null

output="$root/Sources/Generated"
list=0
services=()
while [ $# -gt 0 ]; do
    case "$1" in
        --output) output=$2; shift 2 ;;
        --list) list=1; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
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
if [ "${#services[@]}" -eq 0 ]; then
    for folder in "$root"/Sources/Generated/*/; do services+=("$(basename "$folder")"); done
fi
[ "${#services[@]}" -gt 0 ] || { printf 'generate-catalogue: no services given and none in Sources/Generated\n' >&2; exit 2; }
"$generator" --schemas "$schemas" --output "$output" --cfn-lint-version "$version" "${services[@]}"
