#!/usr/bin/env bash
# The whole test suite: installs what the build needs (libsqlite3-dev), builds once, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-deps.sh
ensure_deps
swift build --build-tests
swift test --skip-build
