#!/usr/bin/env bash
# `npm run agent`: the enrichment agent on AGENT_HOST:AGENT_PORT (default 127.0.0.1:8000).
set -euo pipefail
AGENTS="$(cd "$(dirname "$0")/.." && pwd)"
bash "$AGENTS/scripts/ensure-venv.sh"
cd "$AGENTS/enrichment"
exec "$AGENTS/.venv/bin/python" -m salesos_enrichment "$@"
