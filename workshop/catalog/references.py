"""Ids in the content resolved to the objects they name, once, when the catalog loads.

Lessons and briefings name legal references and help routes by id; validation has checked
that every id exists. Pages and documents then read `lesson.laws`, `lesson.pupil.help_routes`
and `node.help_routes`, never the jurisdiction's tables.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from .models import Catalog, Lesson


def resolve_references(catalog: Catalog) -> Catalog:
    """The catalog with every lesson's and briefing's ids resolved to objects."""
    legal, routes = catalog.jurisdiction.legal, catalog.jurisdiction.resources
    lessons = {key: _resolved(lesson, legal, routes) for key, lesson in catalog.lessons.items()}
    briefings = {
        lang: dataclasses.replace(b, laws=tuple(legal[i] for i in b.legal_refs))
        for lang, b in catalog.briefings.items()
    }
    return dataclasses.replace(
        catalog, lessons=MappingProxyType(lessons), briefings=MappingProxyType(briefings)
    )


def _resolved(lesson: Lesson, legal, routes) -> Lesson:
    """One lesson with its laws, its help routes and its scenario ends' routes."""
    nodes = {
        node_id: dataclasses.replace(node, help_routes=tuple(routes[i] for i in node.help))
        for node_id, node in lesson.scenario.nodes.items()
    }
    return dataclasses.replace(
        lesson,
        laws=tuple(legal[i] for i in lesson.legal_refs),
        pupil=dataclasses.replace(
            lesson.pupil, help_routes=tuple(routes[i] for i in lesson.pupil.resources)
        ),
        scenario=dataclasses.replace(lesson.scenario, nodes=MappingProxyType(nodes)),
    )
