# Shared by start.sh and test-all.sh: make sure pnpm is there and the workspace is installed.
# Sourced, not run.
set -euo pipefail

PNPM_VERSION=12.21.0

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_pnpm() {
  if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    echo "Installing pnpm $PNPM_VERSION …"
    as_root npm install -g "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

# better-sqlite3 builds from source when its prebuilt binary cannot be downloaded; node-gyp then
# needs Node's headers, which Debian/NodeSource ship under the Node prefix.
point_node_gyp_at_local_headers() {
  if [ -z "${npm_config_nodedir:-}" ]; then
    local prefix
    prefix=$(dirname "$(dirname "$(command -v node)")")
    if [ -f "$prefix/include/node/node.h" ]; then export npm_config_nodedir="$prefix"; fi
  fi
}

install_workspace() {
  ensure_pnpm
  point_node_gyp_at_local_headers
  pnpm install --prefer-frozen-lockfile
}
