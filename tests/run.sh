#!/usr/bin/env bash
# The whole test suite. Installs what the end-to-end tests drive mcpauth with (a Python venv
# with authlib, cached under target/), then runs every Rust test.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/e2e-venv
stamp="$venv/.requirements"
if ! cmp -s tests/e2e/requirements.txt "$stamp" 2>/dev/null; then
    rm -rf "$venv"
    if ! python3 -m venv "$venv"; then
        # Debian's python3 ships venv separately.
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv "$venv"
    fi
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/e2e/requirements.txt
    cp tests/e2e/requirements.txt "$stamp"
fi
export MCPAUTH_TEST_PYTHON="$PWD/$venv/bin/python"

cargo test --locked "$@"
