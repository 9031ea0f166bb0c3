#!/usr/bin/env bash
# Regenerates agents/enrichment/requirements.lock and requirements-dev.lock (exact versions and hashes)
# from pyproject.toml, with uv in a throw-away virtual environment. Run after changing a dependency.
set -euo pipefail
ENRICHMENT="$(cd "$(dirname "$0")/../enrichment" && pwd)"
TOOL="$(mktemp -d)"
trap 'rm -rf "$TOOL"' EXIT
"${PYTHON:-python3}" -m venv "$TOOL"
"$TOOL/bin/pip" install --quiet --disable-pip-version-check uv==0.13.8
cd "$ENRICHMENT"
"$TOOL/bin/uv" pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements.lock
"$TOOL/bin/uv" pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements-dev.lock
