#!/usr/bin/env bash
# The whole test suite: set-up, type check, build, unit tests, end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash test/setup.sh
echo "== type check"
bunx tsc --noEmit -p .
echo "== build"
bun run build >/dev/null
echo "== unit tests"
bun test --timeout 120000 shared server agent cli bench test/unit
echo "== end-to-end tests"
bun test --timeout 300000 test/e2e
