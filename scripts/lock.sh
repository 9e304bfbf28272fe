#!/usr/bin/env bash
# Regenerate the lock files from pyproject.toml (README, "Dependencies"): every package
# pinned with its hashes, for the app alone and for the app with its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
python3 -m venv "$tools" && "$tools/bin/pip" install -q pip-tools==7.6.2
common=(--quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url
        --no-emit-find-links pyproject.toml)
"$tools/bin/pip-compile" "${common[@]}" -o requirements.lock
"$tools/bin/pip-compile" "${common[@]}" --extra test -o requirements-test.lock
rm -rf "$tools"
