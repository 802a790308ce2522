#!/usr/bin/env bash
# Creates .venv in the repository root and installs the pinned test tools
# (scripts/test-tools-requirements.txt: cfn-lint, moto[server] and their pinned dependencies).
#
# Idempotent: a stamp file in .venv records the hash of the requirements file and the
# interpreter version it was installed for; when both match, the script returns at once.
# Fails loudly when python3, venv or pip is unusable: the test suite must never run
# with a silently missing tool.
#
# Environment:
#   PYTHON   interpreter to build the venv from (default: python3)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$root/.venv"
requirements="$root/scripts/test-tools-requirements.txt"
stamp="$venv/.infra-test-tools.stamp"
python=${PYTHON:-python3}

die() {
    printf 'setup-test-tools: error: %s\n' "$1" >&2
    exit 1
}

command -v "$python" >/dev/null 2>&1 \
    || die "'$python' not found on PATH; install Python 3 (3.9 or newer) with the venv and pip modules, or set PYTHON=/path/to/python3"
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
    || die "'$python' is $("$python" --version 2>&1); Python 3.9 or newer is required"
[ -f "$requirements" ] || die "missing $requirements"

# The stamp binds the installed set to the exact requirements text and interpreter, so editing a
# pin (or switching Python) triggers a reinstall while an unchanged setup costs one hash.
want_stamp="$("$python" - "$requirements" <<'PY'
import hashlib, sys
with open(sys.argv[1], "rb") as f:
    digest = hashlib.sha256(f.read()).hexdigest()
print(f"requirements-sha256={digest} python={sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}")
PY
)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ] \
    && "$venv/bin/python" -c 'import cfnlint' >/dev/null 2>&1 \
    && [ -x "$venv/bin/cfn-lint" ] && [ -x "$venv/bin/moto_server" ]; then
    exit 0
fi

printf 'setup-test-tools: installing pinned test tools into %s\n' "$venv" >&2

"$python" -c 'import venv' >/dev/null 2>&1 \
    || die "the Python 'venv' module is unavailable for '$python' (on Debian/Ubuntu: apt-get install python3-venv)"

# Reuse a working venv (pins are (re)installed over it); rebuild one whose interpreter is gone or
# whose Python version differs, since its compiled packages would not load.
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1 \
    || [ "$("$venv/bin/python" -c 'import sys; print(sys.version_info[:2])')" != "$("$python" -c 'import sys; print(sys.version_info[:2])')" ]; then
    "$python" -m venv --clear "$venv" \
        || die "'$python -m venv $venv' failed (on Debian/Ubuntu: apt-get install python3-venv)"
fi

"$venv/bin/python" -m pip --version >/dev/null 2>&1 \
    || die "pip is unavailable inside $venv (the venv was created without ensurepip; on Debian/Ubuntu: apt-get install python3-venv python3-pip)"

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
# --no-deps: only the pinned set is installed; anything the pins forgot is caught by `pip check`
# below instead of being pulled in unpinned.
"$venv/bin/python" -m pip install --quiet --no-deps --requirement "$requirements" \
    || die "pip could not install $requirements (is PyPI reachable?)"
"$venv/bin/python" -m pip check >&2 \
    || die "the pinned tool set is inconsistent (see pip check above); re-freeze $requirements"

"$venv/bin/cfn-lint" --version >/dev/null \
    || die "cfn-lint was installed but does not run"

[ -x "$venv/bin/moto_server" ] && "$venv/bin/python" -c 'import moto.server' \
    || die "moto[server] was installed but moto_server is unusable"

printf '%s\n' "$want_stamp" >"$stamp"
printf 'setup-test-tools: ready: %s\n' "$("$venv/bin/cfn-lint" --version)" >&2
