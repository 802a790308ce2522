#!/usr/bin/env bash
# The benchmarks of issue 6, from a fresh clone: scripts/bench.sh
#
# Installs what the baselines need (pinned, each in its own venv under .bench/), builds the
# benchmark package (benchmarks/, release mode), runs every part, prints each figure beside its
# baseline from the same run, and writes docs/benchmarks.md (and docs/benchmarks.json).
# Not part of the test suite: speed is measured here, never asserted in tests.
#
# Needs: Swift, Python 3 with venv and pip, PyPI reachable (first run only), git. Optional: node
# (for the CDK baseline; without it CDK is reported as not run), jq (for the article's shell loop).
#
# Options:
#   --parts LIST   comma-separated subset of synthesis,build,typecheck,rollout,stacksets,coldbuild (default: all)
#                  stacksets: 10/100/1,000 accounts as per-account stacks vs one StackSet, simulated and
#                  against moto (benchmarks/rollout/stackset_bench.py), spliced into the report
#                  coldbuild: the catalogue's cold builds beside commit 1bf7416 (benchmarks/coldbuild.sh),
#                  written to docs/benchmarks-coldbuild.md
#   --whole-catalogue-baseline  also build 1bf7416's shape for every service (adds about 6 min)
#   --no-whole-catalogue  coldbuild without the whole-catalogue builds (user-package figures only)
#   --runs N       runs per figure (default 5; the issue asks for at least 5)
#   --cdk-runs N   runs per CDK figure (default: --runs; CDK takes ~25 s a run at N = 1000)
#   --rollout-runs N  runs per rollout scenario (default 3; a shell-loop scenario takes ~1 minute)
#   --no-cdk       skip the CDK baseline
#   --report PATH  where the Markdown goes (default docs/benchmarks.md)
#   -h, --help     this text
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
exec </dev/null

die() {
    printf 'bench.sh: error: %s\n' "$1" >&2
    exit 1
}
note() {
    printf 'bench.sh: %s\n' "$1" >&2
}

parts=synthesis,build,typecheck,rollout,stacksets,coldbuild
coldbuild_options=()
runs=5
cdk_runs=""
rollout_runs=3
use_cdk=1
report="$root/docs/benchmarks.md"
while [ $# -gt 0 ]; do
    case $1 in
        --parts) [ $# -ge 2 ] || die "--parts needs a value"; parts=$2; shift 2 ;;
        --runs) [ $# -ge 2 ] || die "--runs needs a value"; runs=$2; shift 2 ;;
        --cdk-runs) [ $# -ge 2 ] || die "--cdk-runs needs a value"; cdk_runs=$2; shift 2 ;;
        --rollout-runs) [ $# -ge 2 ] || die "--rollout-runs needs a value"; rollout_runs=$2; shift 2 ;;
        --no-cdk) use_cdk=0; shift ;;
        --whole-catalogue-baseline) coldbuild_options+=(--whole-catalogue-baseline); shift ;;
        --no-whole-catalogue) coldbuild_options+=(--no-whole-catalogue); shift ;;
        --report) [ $# -ge 2 ] || die "--report needs a value"; report=$2; shift 2 ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1'; see scripts/bench.sh --help" ;;
    esac
done
case $runs in '' | *[!0-9]*) die "--runs must be a whole number, not '$runs'" ;; esac
cdk_runs=${cdk_runs:-$runs}
case $cdk_runs in '' | *[!0-9]*) die "--cdk-runs must be a whole number, not '$cdk_runs'" ;; esac
case $rollout_runs in '' | *[!0-9]*) die "--rollout-runs must be a whole number, not '$rollout_runs'" ;; esac
has_part() { case ",$parts," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

for tool in swift python3 git; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found on PATH"
done
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 \
    || die "python3 lacks the venv/ensurepip modules (on Debian/Ubuntu: apt-get install python3-venv)"

state="$root/.bench"
mkdir -p "$state"

# install_venv NAME REQUIREMENTS: a venv at .bench/venv-NAME holding exactly the pinned set; a stamp
# (the requirements' hash and the Python version) skips the work when nothing changed.
install_venv() {
    local name=$1 requirements=$2 venv="$state/venv-$1"
    local stamp="$venv/.bench-stamp" want
    want="$(sha256sum "$requirements" | cut -d' ' -f1) $(python3 -c 'import sys; print(sys.version.split()[0])')"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    note "installing $(basename "$requirements" .txt) (pinned) into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv" || { note "python3 -m venv $venv failed"; return 1; }
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$requirements" \
        || { note "pip could not install $requirements (is PyPI reachable?)"; return 1; }
    "$venv/bin/python" -m pip check >/dev/null \
        || { note "pip check failed for $requirements: a pin is missing or conflicting"; return 1; }
    printf '%s\n' "$want" >"$stamp"
}

# bench.py's parts; stacksets runs on its own below (it needs the test build, not the benchmark package).
bench_parts=$(printf '%s' ",$parts," | sed -e 's/,stacksets,/,/' -e 's/,coldbuild,/,/' -e 's/^,//' -e 's/,$//')
args=(--root "$root" --work "$state/work" --report "$report" --runs "$runs" --cdk-runs "$cdk_runs" --rollout-runs "$rollout_runs" --parts "$bench_parts")

if has_part synthesis || has_part build; then
    install_venv troposphere benchmarks/requirements/troposphere.txt \
        || die "troposphere is the baseline of synthesis and the build loop and could not be installed"
    args+=(--troposphere-python "$state/venv-troposphere/bin/python"
        --version "troposphere $(grep '^troposphere==' benchmarks/requirements/troposphere.txt | cut -d= -f3)")
fi

if has_part synthesis && [ "$use_cdk" = 1 ]; then
    if ! command -v node >/dev/null 2>&1; then
        note "node not found on PATH: aws-cdk-lib runs in node, so the CDK baseline is not run"
    elif install_venv cdk benchmarks/requirements/cdk.txt; then
        args+=(--cdk-python "$state/venv-cdk/bin/python"
            --version "aws-cdk-lib $(grep '^aws-cdk-lib==' benchmarks/requirements/cdk.txt | cut -d= -f3) on node $(node --version)")
    else
        note "aws-cdk-lib did not install; the CDK baseline is not run (see the message above)"
    fi
fi

if has_part rollout; then
    command -v jq >/dev/null 2>&1 || die "jq not found on PATH; the article's shell loop needs it (apt-get install jq)"
    install_venv awscli benchmarks/requirements/awscli.txt || die "awscli (the rollout baseline) could not be installed"
    install_venv moto benchmarks/requirements/moto.txt || die "moto[server] (the rollout's AWS) could not be installed"
    args+=(--awscli "$state/venv-awscli/bin/aws" --moto-server "$state/venv-moto/bin/moto_server"
        --version "awscli $(grep '^awscli==' benchmarks/requirements/awscli.txt | cut -d= -f3)"
        --version "moto $(grep '^moto==' benchmarks/requirements/moto.txt | cut -d= -f3)")
fi

if [ -n "$bench_parts" ]; then
    note "building the benchmark package (benchmarks/, release)"
    if ! (cd benchmarks && swift build -c release >&2); then
        # A root package whose files moved leaves a stale build plan ("missing inputs"); start clean once.
        note "the benchmark build failed; retrying once from a clean benchmarks/.build"
        rm -rf benchmarks/.build
        (cd benchmarks && swift build -c release >&2) || die "swift build -c release in benchmarks/ failed (see the compiler's messages above)"
    fi
    bin=$(cd benchmarks && swift build -c release --show-bin-path)
    modules="$bin/Modules"
    [ -f "$modules/InfraDSL.swiftmodule" ] || [ -d "$modules/InfraDSL.swiftmodule" ] \
        || modules="$bin"  # older toolchains put modules beside the binaries
    args+=(--orgsynth "$bin/OrgSynth" --modules "$modules" --rollout-app "$bin/RolloutApp")
fi

# The rollout hook: when the root package has the `infra` executable (the deploy issue), build it
# and measure it against the shell loop; until then only the baseline runs.
if has_part rollout && [ -d Sources/infra ]; then
    note "building infra (release) for the rollout"
    if swift build -c release --product infra >&2; then
        args+=(--infra "$(swift build -c release --show-bin-path)/infra")
    else
        die "Sources/infra exists but 'swift build -c release --product infra' failed"
    fi
fi

if has_part coldbuild; then
    [ -x "$root/.venv/bin/python" ] || scripts/setup-test-tools.sh
    benchmarks/coldbuild.sh "$state" "$root/docs/benchmarks-coldbuild.md" ${coldbuild_options[@]+"${coldbuild_options[@]}"}
fi
if has_part synthesis || has_part build || has_part typecheck || has_part rollout; then
    python3 benchmarks/harness/bench.py "${args[@]}"
fi

if has_part stacksets; then
    # The workload lives beside the simulated services it runs on (Tests/InfraDeployTests/StackSetBenchmark.swift).
    install_venv moto benchmarks/requirements/moto.txt || die "moto[server] (the StackSet benchmark's AWS) could not be installed"
    note "building the test product for the StackSet benchmark"
    swift build --product InfraDSLPackageTests >&2 || die "swift build --product InfraDSLPackageTests failed (see the compiler's messages above)"
    python3 benchmarks/rollout/stackset_bench.py --root "$root" --report "$report" --moto-server "$state/venv-moto/bin/moto_server" \
        --runs "$rollout_runs" --load "$(uptime)"
fi
