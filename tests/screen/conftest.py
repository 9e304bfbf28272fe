"""The measure's app (demo content with starter statements) for the screen link's pages."""

from __future__ import annotations

from ..measure.conftest import measure_app, measure_content  # noqa: F401  (fixtures)
