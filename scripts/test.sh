#!/usr/bin/env bash
# The whole test suite: set-up, type-check, lint, unit, integration and e2e tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh etcd-server libjemalloc2
node=node_modules/.bin/node
echo "== type-check (tsc 7)"
$node node_modules/typescript7/bin/tsc --noEmit -p .
echo "== lint"
$node node_modules/.bin/eslint src test bench scripts
echo "== tests"
$node --test --test-concurrency=2 --test-timeout=300000 --test-force-exit 'src/**/*.test.ts' 'test/**/*.test.ts' 'bench/**/*.test.ts'
