#!/usr/bin/env bash
# The DocC documentation of InfraDSL and InfraDeploy, from the toolchain alone: scripts/build-docs.sh
#
#   scripts/build-docs.sh                        .build/docs/InfraDSL.doccarchive and InfraDeploy.doccarchive
#   scripts/build-docs.sh --output DIR           the archives in DIR instead
#   scripts/build-docs.sh --static-hosting PATH  archives for a static web server, served under /PATH
#   scripts/build-docs.sh --preview MODULE       build MODULE's symbols and serve its docs on localhost:8080
#
# `swift package generate-documentation` would need the swift-docc-plugin package, and this package
# has no dependencies; so this script does what the plugin does: it builds each module with
# `-emit-symbol-graph` (in its own scratch folder, .build/docs, so the ordinary build keeps its
# flags and stays incremental) and runs `docc convert` on the module's catalogue
# (Sources/<Module>/<Module>.docc) with the module's symbol graphs. docc ships with the Swift
# toolchain on Linux (`docc`) and with Xcode on macOS (`xcrun docc`); set DOCC to use another.
# Any DocC warning (an unresolved symbol link, a malformed directive) fails the build.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

modules=(InfraDSL InfraDeploy)
scratch="$root/.build/docs"
output="$scratch"
hosting=""
preview=""

usage_error() {
    printf 'build-docs: error: %s\n' "$1" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case $1 in
        --output) [ $# -ge 2 ] || usage_error "--output needs a folder"; output=$2; shift 2 ;;
        --output=*) output=${1#--output=}; shift ;;
        --static-hosting) [ $# -ge 2 ] || usage_error "--static-hosting needs a base path"; hosting=$2; shift 2 ;;
        --static-hosting=*) hosting=${1#--static-hosting=}; shift ;;
        --preview) [ $# -ge 2 ] || usage_error "--preview needs a module (${modules[*]})"; preview=$2; shift 2 ;;
        --preview=*) preview=${1#--preview=}; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) usage_error "unknown argument '$1'; see scripts/build-docs.sh --help" ;;
    esac
done
if [ -n "$preview" ]; then
    case " ${modules[*]} " in *" $preview "*) modules=("$preview") ;; *) usage_error "no catalogue for '$preview' (${modules[*]})" ;; esac
fi

docc=${DOCC:-}
if [ -z "$docc" ]; then
    if command -v docc >/dev/null 2>&1; then
        docc=$(command -v docc)
    elif command -v xcrun >/dev/null 2>&1 && xcrun --find docc >/dev/null 2>&1; then
        docc=$(xcrun --find docc)
    else
        printf 'build-docs: error: no docc found: it comes with the Swift toolchain (Linux) or Xcode (macOS); or set DOCC\n' >&2
        exit 1
    fi
fi

graphs="$scratch/symbol-graphs"
mkdir -p "$graphs" "$output"
for module in "${modules[@]}"; do
    printf 'build-docs: building %s with symbol graphs\n' "$module" >&2
    # One target per build: swift build honours only the last --target it is given.
    swift build --scratch-path "$scratch/build" --target "$module" \
        -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$graphs" >&2
done

for module in "${modules[@]}"; do
    # Only this module's graphs (its own and its extensions of other modules', Module@Other):
    # given the dependencies' graphs too, docc would document them as well.
    own="$scratch/symbol-graphs-$module"
    rm -rf "$own"
    mkdir -p "$own"
    cp "$graphs/$module.symbols.json" "$own/"
    find "$graphs" -maxdepth 1 -name "$module@*.symbols.json" -exec cp {} "$own/" \;
    arguments=(
        "Sources/$module/$module.docc"
        --additional-symbol-graph-dir "$own"
        --fallback-display-name "$module"
        --fallback-bundle-identifier "infradsl.$module"
        --warnings-as-errors
    )
    if [ -n "$preview" ]; then
        exec "$docc" preview "${arguments[@]}" --output-dir "$output/$module.doccarchive"
    fi
    arguments+=(--output-path "$output/$module.doccarchive")
    if [ -n "$hosting" ]; then
        arguments+=(--transform-for-static-hosting --hosting-base-path "$hosting")
    fi
    rm -rf "$output/$module.doccarchive"
    "$docc" convert "${arguments[@]}" >&2
    printf 'build-docs: %s\n' "$output/$module.doccarchive"
done
