#!/usr/bin/env bash
# Brings up a single-node coxswain cluster in the foreground (embedded SQLite under ./.cox by
# default) and prints how to point kubectl at it. Ctrl-C stops it; running it again resumes the
# same cluster state.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh libjemalloc2
exec bin/cox server --data-dir "${COX_DATA_DIR:-$PWD/.cox}" "$@"
