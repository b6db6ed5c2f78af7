#!/usr/bin/env bash
# The whole test suite. Installs what the end-to-end tests drive mcpauth with (a Python venv
# with authlib, headless Chromium with puppeteer-core and axe-core; cached under target/),
# then runs every Rust test.
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

# Headless Chromium and the Node packages that drive it, for the page tests.
if ! command -v chromium >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
node_dir=target/e2e-node
if ! cmp -s tests/e2e/package.json "$node_dir/package.json" 2>/dev/null; then
    rm -rf "$node_dir" && mkdir -p "$node_dir"
    cp tests/e2e/package.json "$node_dir/"
    (cd "$node_dir" && npm install --silent --no-audit --no-fund >/dev/null)
fi
export MCPAUTH_TEST_NODE_MODULES="$PWD/$node_dir/node_modules"
export MCPAUTH_TEST_CHROMIUM="$(command -v chromium)"

cargo test --locked "$@"
