#!/usr/bin/env bash
# Re-extract the interface strings and merge them into the catalogs (README, "Translating").
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -k _l --no-location --sort-output \
    -o translations/messages.pot . 2>/dev/null
.venv/bin/pybabel update -i translations/messages.pot -d translations \
    --no-fuzzy-matching --ignore-obsolete 2>/dev/null
.venv/bin/pybabel compile -d translations 2>/dev/null
