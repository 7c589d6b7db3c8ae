#!/usr/bin/env bash
# The whole test suite: installs what the build and tests need (libsqlite3-dev, chromium, poppler-utils, a Japanese font, openssl and curl), builds once, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-deps.sh
ensure_deps
swift build --build-tests
swift test --skip-build
