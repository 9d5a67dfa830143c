#!/usr/bin/env bash
# Installs Formloom's dependencies, builds it and starts the server on the embedded defaults
# (SQLite-backed store and in-process queue under ./data). Prints the URL and the admin login.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
install_workspace
exec pnpm start
