#!/usr/bin/env bash
# Smoke test in real n8n: build the package, load it into n8n (from scripts/n8n/install.sh), import a Frappe API
# credential and example workflows, run them headless with `n8n execute --id --rawOutput`, assert success.
#
#   scripts/n8n/smoke.sh                      # package mode, examples/workflows/01-open-todos-summary.json
#   scripts/n8n/smoke.sh --mode custom        # load dist as a custom extension (CUSTOM.frappe) instead
#   scripts/n8n/smoke.sh examples/workflows/04-call-method.json examples/workflows/01-open-todos-summary.json
#   scripts/n8n/smoke.sh --no-build --no-install ...
#
# Modes (how n8n finds the package):
#   package (default) `npm pack`, unpacked into $N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-frappe, which
#                     n8n 2.x scans at start like a community install: node types n8n-nodes-frappe.<name>; only
#                     what the tarball ships and package.json's "n8n" section lists is loaded.
#   custom            N8N_CUSTOM_EXTENSIONS=<repo>/dist: types CUSTOM.<name>; every *.node.js/*.credentials.js in
#                     dist is loaded, package.json is not read, and n8n-workflow resolves to the repo's copy.
# Example workflows use the package types (n8n-nodes-frappe.frappe), so users can import them as they are; the
# smoke rewrites the prefix for custom mode and points their frappeApi credential at the one it imports.
#
# Frappe site: the repo's test server (`npm run frappe-server`), started here on 127.0.0.1:$FRAPPE_SERVER_PORT
# (default: a free port, so a demo server someone runs on 8765 is not hit) and stopped by PID on exit; its
# Administrator's API key from test/frappe-server/users.ts.
# Or set FRAPPE_SITE_URL + FRAPPE_API_KEY + FRAPPE_API_SECRET to use a running site instead (nothing is started).
#
# Exit 0 when every workflow ran with status success and its last Frappe node returned >= SMOKE_MIN_ITEMS items
# (default 1). Work files are kept (path printed) when something fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/n8n"
cd "$ROOT"

MODE="${N8N_SMOKE_MODE:-package}"
BUILD=1
INSTALL=1
WORKFLOWS=()
while [[ $# -gt 0 ]]; do
	case "$1" in
		--mode) MODE="$2"; shift 2 ;;
		--mode=*) MODE="${1#--mode=}"; shift ;;
		--no-build) BUILD=0; shift ;;
		--no-install) INSTALL=0; shift ;;
		-h|--help) sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
		-*) echo "smoke.sh: unknown option $1" >&2; exit 2 ;;
		*) WORKFLOWS+=("$1"); shift ;;
	esac
done
[[ ${#WORKFLOWS[@]} -gt 0 ]] || WORKFLOWS=("examples/workflows/01-open-todos-summary.json")
case "$MODE" in
	package) TYPE_PREFIX="n8n-nodes-frappe." ;;
	custom) TYPE_PREFIX="CUSTOM." ;;
	*) echo "smoke.sh: --mode must be package or custom, not $MODE" >&2; exit 2 ;;
esac

T0=$(date +%s.%N)
step() { awk -v a="$T0" -v b="$(date +%s.%N)" -v m="$1" 'BEGIN { printf "[smoke %6.1f s] %s\n", b - a, m }'; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/n8n-smoke.XXXXXX")"
FRAPPE_PID=""
OK=0
cleanup() {
	local rc=$?
	if [[ -n "$FRAPPE_PID" ]] && kill -0 "$FRAPPE_PID" 2>/dev/null; then
		# setsid made it a process group leader: stop npm and the server under it together.
		kill -TERM -- "-$FRAPPE_PID" 2>/dev/null || kill -TERM "$FRAPPE_PID" 2>/dev/null || true
		wait "$FRAPPE_PID" 2>/dev/null || true
	fi
	if [[ "${N8N_ENV_MADE_USER_FOLDER:-}" == 1 && -n "${N8N_USER_FOLDER:-}" ]]; then rm -rf "$N8N_USER_FOLDER"; fi
	if [[ $OK == 1 ]]; then
		rm -rf "$WORK"
	else
		echo "smoke.sh: FAILED (exit $rc); work files kept in $WORK" >&2
	fi
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- n8n -------------------------------------------------------------------------------------------------------
if [[ $INSTALL == 1 ]]; then
	bash "$HERE/install.sh" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log" >&2; exit 1; }
	step "n8n installed ($(tail -2 "$WORK/install.log" | head -1))"
fi

# --- build (host Node, the project's own toolchain) ---------------------------------------------------------
if [[ $BUILD == 1 ]]; then
	if ! npm run build --silent >"$WORK/build.log" 2>&1; then
		tail -30 "$WORK/build.log" >&2
		echo "smoke.sh: npm run build failed (someone mid-change?); retry later, or --no-build to use the dist there is" >&2
		exit 1
	fi
	step "package built (npm run build)"
fi
for f in dist/nodes/Frappe/Frappe.node.js dist/credentials/FrappeApi.credentials.js; do
	[[ -f "$f" ]] || { echo "smoke.sh: $f missing; build the package first" >&2; exit 1; }
done

if [[ $MODE == package ]]; then
	npm pack --silent --pack-destination "$WORK" >"$WORK/pack.log" 2>&1 || { cat "$WORK/pack.log" >&2; exit 1; }
	TARBALL="$(ls "$WORK"/n8n-nodes-frappe-*.tgz)"
	step "packed $(basename "$TARBALL") ($(du -k "$TARBALL" | cut -f1) kB)"
fi

# --- Frappe site ------------------------------------------------------------------------------------------------
if [[ -n "${FRAPPE_SITE_URL:-}" ]]; then
	: "${FRAPPE_API_KEY:?FRAPPE_SITE_URL is set: set FRAPPE_API_KEY too}"
	: "${FRAPPE_API_SECRET:?FRAPPE_SITE_URL is set: set FRAPPE_API_SECRET too}"
	SITE_URL="$FRAPPE_SITE_URL"
	step "using the running site $SITE_URL"
else
	if ! node -e 'process.exit(require("./package.json").scripts?.["frappe-server"] ? 0 : 1)' \
		|| [[ ! -f test/frappe-server/main.ts ]]; then
		echo "smoke.sh: the Frappe test server is not there yet (npm run frappe-server / test/frappe-server/main.ts);" >&2
		echo "          set FRAPPE_SITE_URL, FRAPPE_API_KEY and FRAPPE_API_SECRET to run against a running site" >&2
		exit 1
	fi
	PORT="${FRAPPE_SERVER_PORT:-$(free_port)}"
	if port_in_use "$PORT"; then
		echo "smoke.sh: something already listens on 127.0.0.1:$PORT (another test server?): set FRAPPE_SERVER_PORT," >&2
		echo "          or use it with FRAPPE_SITE_URL=http://127.0.0.1:$PORT FRAPPE_API_KEY=... FRAPPE_API_SECRET=..." >&2
		exit 1
	fi
	# Its own process group (setsid), so the EXIT trap stops npm and the node under it by this one PID.
	FRAPPE_SERVER_PORT="$PORT" setsid npm run frappe-server --silent >"$WORK/frappe-server.log" 2>&1 &
	FRAPPE_PID=$!
	SITE_URL="http://127.0.0.1:$PORT"
	up=0
	for _ in $(seq 1 120); do # any HTTP answer counts (node's fetch: no curl needed)
		if node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then(() => process.exit(0), () => process.exit(1))' \
			"$SITE_URL/api/method/ping"; then up=1; break; fi
		kill -0 "$FRAPPE_PID" 2>/dev/null || { cat "$WORK/frappe-server.log" >&2; echo "smoke.sh: the test server exited" >&2; exit 1; }
		sleep 0.5
	done
	[[ $up == 1 ]] || { cat "$WORK/frappe-server.log" >&2; echo "smoke.sh: no answer on $SITE_URL after 60 s" >&2; exit 1; }
	if [[ -z "${FRAPPE_API_KEY:-}" || -z "${FRAPPE_API_SECRET:-}" ]]; then
		read -r FRAPPE_API_KEY FRAPPE_API_SECRET < <(node -r ts-node/register/transpile-only -e \
			'const u = require("./test/frappe-server/users.ts").TestUsers.administrator; console.log(u.apiKey, u.apiSecret)')
	fi
	step "Frappe test server up on $SITE_URL (pid $FRAPPE_PID)"
fi

# --- n8n environment ---------------------------------------------------------------------------------------
N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-$(free_port)}"
export N8N_RUNNERS_BROKER_PORT
# shellcheck source=scripts/n8n/env.sh
source "$HERE/env.sh"
if [[ $MODE == package ]]; then
	unset N8N_CUSTOM_EXTENSIONS
	PKG_DIR="$N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-frappe"
	mkdir -p "$PKG_DIR"
	tar -xzf "$TARBALL" -C "$PKG_DIR" --strip-components=1
fi
echo "  mode $MODE (types ${TYPE_PREFIX}*), n8n $(n8n --version) on node $(node --version), N8N_USER_FOLDER=$N8N_USER_FOLDER"

CRED_ID="FrappeSmokeCred1"
CRED_NAME="Frappe API (smoke)"
node "$HERE/workflow-tool.mjs" credentials "$WORK/credentials.json" "$CRED_ID" "$CRED_NAME" \
	"$SITE_URL" "$FRAPPE_API_KEY" "$FRAPPE_API_SECRET"
mkdir -p "$WORK/workflows"
IDS=()
PREPARED=()
for wf in "${WORKFLOWS[@]}"; do
	PREPARED+=("$WORK/workflows/$(basename "$wf")")
	IDS+=("$(node "$HERE/workflow-tool.mjs" prepare "$wf" "${PREPARED[-1]}" "$TYPE_PREFIX" "$CRED_ID" "$CRED_NAME")")
done

# One writer at a time on SQLite: import, then execute, all sequential and with no n8n server running.
n8n import:credentials --input="$WORK/credentials.json" >"$WORK/import.log" 2>&1 \
	|| { grep -v migration "$WORK/import.log" >&2; exit 1; }
step "credential imported (fresh database: migrations run here)"
n8n import:workflow --separate --input="$WORK/workflows" >>"$WORK/import.log" 2>&1 \
	|| { grep -v migration "$WORK/import.log" >&2; exit 1; }
step "${#IDS[@]} workflow(s) imported"

for i in "${!IDS[@]}"; do
	id="${IDS[$i]}"
	out="$WORK/execute-$id.out"
	rc=0
	n8n execute --id="$id" --rawOutput >"$out" 2>"$WORK/execute-$id.err" || rc=$?
	if ! node "$HERE/workflow-tool.mjs" check "$out" "${PREPARED[$i]}" "${SMOKE_MIN_ITEMS:-1}" || [[ $rc != 0 ]]; then
		echo "--- n8n execute --id=$id (${WORKFLOWS[$i]}) exited $rc; its last log lines (JSON left out):" >&2
		grep -v '^[ {}]' "$out" "$WORK/execute-$id.err" | grep -v 'Python task runner' | tail -n 15 >&2 || true
		exit 1
	fi
	step "executed ${WORKFLOWS[$i]} (id $id): success"
done

OK=1
step "smoke passed ($MODE mode, ${#IDS[@]} workflow(s))"
