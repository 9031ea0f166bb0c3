#!/usr/bin/env bash
# `npm run test:agent`: lint (ruff) and the enrichment agent's tests (pytest), in agents/.venv from the dev lock.
set -euo pipefail
AGENTS="$(cd "$(dirname "$0")/.." && pwd)"
bash "$AGENTS/scripts/ensure-venv.sh" dev
cd "$AGENTS/enrichment"
"$AGENTS/.venv/bin/ruff" check .
# pytest exits 5 when it collected no test: that is a failure here, never a pass.
set +e
"$AGENTS/.venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi
exit "$rc"
