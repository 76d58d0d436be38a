#!/usr/bin/env bash
# Installs what coxswain needs, idempotently: Debian packages (when given) and npm packages.
# Usage: scripts/setup.sh [debian-package …]
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages (the pinned Node.js 24 among them); reinstall only when the lock file changed.
stamp=node_modules/.coxswain-lock
if [ ! -x node_modules/.bin/node ] || [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
# The OpenAPI definitions are generated from the installed kubernetes-types.
[ -f generated/openapi-definitions.json ] || node_modules/.bin/node scripts/gen-openapi.ts
# The compiled build bin/cox runs (about a second with TypeScript 7).
echo "setup: compiling (tsc 7 → dist/)" >&2
npm run --silent build
