#!/usr/bin/env bash
# Regenerate the lock files from pyproject.toml (README, "Dependencies"): every package,
# transitive ones and the build backend included, pinned with its hashes, for the app
# alone and for the app with its test tools.
#
# Extras are kept on their lines (no --strip-extras): a line says exactly what was
# resolved. The README installs the locks with --no-deps, so pip never resolves anything
# against the index at install time, and `pip check` then proves the locked set is whole.
# --all-build-deps pins setuptools, which builds the app itself (installed with
# --no-build-isolation, so no unpinned build backend is downloaded).
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools" && "$tools/bin/pip" install -q pip-tools==7.6.2
common=(--quiet --generate-hashes --allow-unsafe --all-build-deps --no-emit-index-url
        --no-emit-find-links --no-strip-extras pyproject.toml)
"$tools/bin/pip-compile" "${common[@]}" -o requirements.lock
"$tools/bin/pip-compile" "${common[@]}" --extra test -o requirements-test.lock
