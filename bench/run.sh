#!/usr/bin/env bash
# Benchmarks mcpauth against a minimal MCP responder, both on loopback, in one run: prints
# requests/s, latency percentiles, CPU per request, and the ratios of DESIGN.md §7.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin mcpauth --example bench
exec target/release/examples/bench
