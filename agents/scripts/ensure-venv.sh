#!/usr/bin/env bash
# Creates agents/.venv on first use and (re)installs the locked dependencies whenever the lock file changed.
# Usage: ensure-venv.sh [dev]   (dev: also pytest and ruff, from requirements-dev.lock)
set -euo pipefail
AGENTS="$(cd "$(dirname "$0")/.." && pwd)"
VENV="$AGENTS/.venv"
LOCK="$AGENTS/enrichment/requirements.lock"
[ "${1:-}" = dev ] && LOCK="$AGENTS/enrichment/requirements-dev.lock"
PYTHON="${PYTHON:-python3}"

if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "The enrichment agent needs Python 3.11 or newer ($PYTHON is $("$PYTHON" -V 2>&1 || echo missing)); set PYTHON=/path/to/python3.11." >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "creating $VENV" >&2
  "$PYTHON" -m venv "$VENV"
fi
want="$(sha256sum "$LOCK" | cut -d' ' -f1)"
have="$(cat "$VENV/.installed-lock" 2>/dev/null || true)"
# The dev lock is a superset of the runtime lock, so a venv installed from it serves both.
if [ "$have" != "$want" ] && ! { [ "${1:-}" != dev ] && [ -f "$VENV/.installed-dev" ] && [ "$(cat "$VENV/.installed-dev")" = "$(sha256sum "$AGENTS/enrichment/requirements-dev.lock" | cut -d' ' -f1)" ]; }; then
  echo "installing locked dependencies from $(basename "$LOCK") into $VENV" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$LOCK"
  echo "$want" > "$VENV/.installed-lock"
  if [ "${1:-}" = dev ]; then echo "$want" > "$VENV/.installed-dev"; else rm -f "$VENV/.installed-dev"; fi
fi
