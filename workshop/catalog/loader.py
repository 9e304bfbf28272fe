"""Loading the whole content tree into an immutable Catalog."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from .briefing import load_briefings
from .errors import CatalogError, ContentError, ErrorLog
from .files import FileFormatError, read_toml, revision_of
from .jurisdiction import load_jurisdiction
from .lessons import load_lesson
from .models import Catalog, Lesson, Module, Tier
from .penalties import expand_catalog
from .references import resolve_references
from .safeguarding import Safeguarding, load_safeguarding
from .schema import Fields
from .sequence import load_sequence_texts
from .validate import validate


def load_catalog(
    root: Path, languages: tuple[str, ...], source_language: str, jurisdiction: str
) -> Catalog:
    """Load and validate content/; raise CatalogError listing every problem."""
    root = Path(root)
    log = ErrorLog()
    if not root.is_dir():
        raise CatalogError(
            [ContentError("file-missing", str(root), "", "content folder not found")]
        )
    tiers = _load_tiers(root, languages, log)
    modules = _load_modules(root, languages, log)
    legal = load_jurisdiction(
        root / "jurisdictions" / f"{jurisdiction}.toml", root, languages, log, tuple(tiers)
    )
    safeguarding = load_safeguarding(root, jurisdiction, languages, tiers, log)
    lessons, found = _load_lessons(root, tiers, modules, languages, log, safeguarding)
    briefings = load_briefings(root, languages, log, safeguarding, legal)
    sequences = load_sequence_texts(root, languages, tiers, log, safeguarding)
    catalog = Catalog(
        languages=languages,
        source_language=source_language,
        tiers=MappingProxyType(tiers),
        modules=MappingProxyType(modules),
        lessons=MappingProxyType(lessons),
        jurisdiction=legal,
        briefings=MappingProxyType(briefings),
        sequences=MappingProxyType(sequences),
        revision=revision_of([p for p in root.rglob("*") if p.is_file()]),
        safeguarding=safeguarding,
    )
    validate(catalog, found, log)
    if log:
        raise CatalogError(log.errors)
    # Once valid: [[penalty:ID]] placeholders expanded, ids resolved to the objects they name.
    return resolve_references(expand_catalog(catalog))


def _read(root: Path, relative: str, log: ErrorLog) -> Fields:
    """A TOML file as Fields; a missing or broken file is logged once."""
    path = root / relative
    if not path.is_file():
        log.add("file-missing", relative, "", "file is missing")
        return Fields({}, relative, ErrorLog())  # its fields' errors would only repeat that
    try:
        return Fields(read_toml(path), relative, log)
    except FileFormatError as error:
        log.add("file-format", relative, error.field, str(error))
        return Fields({}, relative, ErrorLog())


def _load_tiers(root: Path, languages: tuple[str, ...], log: ErrorLog) -> dict[str, Tier]:
    """content/tiers.toml: the one place that knows the age tiers."""
    tiers = {}
    for order, tier in enumerate(_read(root, "tiers.toml", log).tables("tiers")):
        tier.unknown({"id", "ages", "reading_ease", *languages})
        texts = tier.per_language(languages, "label", "description")
        ages = _pair(tier, "ages", int)
        band = _pair(tier, "reading_ease", (int, float))
        tier_id = tier.text("id")
        if tier_id:
            tiers[tier_id] = Tier(
                tier_id,
                order,
                ages,
                MappingProxyType(texts["label"]),
                MappingProxyType(texts["description"]),
                band,
            )
    return tiers


def _pair(fields: Fields, field: str, kind) -> tuple:
    """A two-number [low, high] field."""
    value = fields.data.get(field)
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, kind) and not isinstance(v, bool) for v in value)
        or value[0] > value[1]
    ):
        fields.error("tier-band", field, "must be [low, high]")
        return (0, 0)
    return tuple(value)


def _load_modules(root: Path, languages: tuple[str, ...], log: ErrorLog) -> dict[str, Module]:
    """content/modules/<id>/module.toml, sorted by their order field."""
    found = []
    for folder in sorted(p for p in (root / "modules").glob("*") if p.is_dir()):
        fields = _read(root, f"modules/{folder.name}/module.toml", log)
        fields.unknown({"order", *languages})
        texts = fields.per_language(languages, "title", "summary")
        order = fields.integer("order", 0, 999)
        found.append(
            Module(
                folder.name,
                order or 0,
                MappingProxyType(texts["title"]),
                MappingProxyType(texts["summary"]),
            )
        )
    if not found:
        log.add("module-none", "modules", "", "no module found")
    return {module.id: module for module in sorted(found, key=lambda m: (m.order, m.id))}


def _load_lessons(root: Path, tiers, modules, languages, log: ErrorLog, safeguarding: Safeguarding):
    """Every lesson file; also returns the (module, tier, lang) keys whose file exists."""
    lessons: dict[tuple[str, str, str], Lesson] = {}
    found: set[tuple[str, str, str]] = set()
    for module in modules:
        for folder in sorted(p for p in (root / "modules" / module).iterdir() if p.is_dir()):
            relative = folder.relative_to(root).as_posix()
            if folder.name not in languages:
                log.add(
                    "language-unknown",
                    relative,
                    "",
                    f"unknown language '{folder.name}' (known: {', '.join(languages)})",
                )
                continue
            for path in sorted(folder.glob("*.md")):
                if path.stem not in tiers:
                    log.add(
                        "tier-unknown",
                        path.relative_to(root).as_posix(),
                        "tier",
                        f"unknown tier '{path.stem}' (known: {', '.join(tiers)})",
                    )
                    continue
                found.add((module, path.stem, folder.name))
                lesson = load_lesson(path, root, log, safeguarding)
                if lesson is not None:
                    lessons[lesson.key] = lesson
    return lessons, found
