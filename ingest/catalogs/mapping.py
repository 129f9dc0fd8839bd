"""A catalog's field mapping: which of its fields holds the title, the rating, the description...

A catalog of evidence-rated practices (JSON Lines, JSON array or CSV) is read through a mapping
from policykg's field names (:data:`FIELDS`) to the catalog's own. The first that applies wins:

1. ``<catalog stem>.policykg.toml`` next to the catalog file (format: README, "Best practices");
2. a mapping bundled in ``ingest/catalogs/mappings/`` whose ``[match] fields`` all occur in
   the catalog's first record (so a well-known catalog needs no file of its own);
3. the default mapping: policykg's own field names, when the first record has at least
   :data:`DEFAULT_REQUIRED` (``title`` and ``description``).

A data file none of them fits is not a catalog (a folder's ``SOURCES.csv``, say) and is not read.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ingest.catalogs.errors import CatalogError
from ingest.catalogs.levels import level_slugs
from ontology.folding import fold

#: policykg's catalog fields, in the order a record is written out.
FIELDS = ("id", "title", "type", "rating", "country", "practice", "source", "description", "population", "setting")
#: The fields that become passages of their own; the others make the record's "fields" passage.
PASSAGE_FIELDS = ("description", "population", "setting")
#: What a record needs for the default mapping to take a file as a catalog.
DEFAULT_REQUIRED = ("title", "description")
#: ``type`` values that mean an evaluated program (one program in one place) unless a mapping says otherwise.
PROGRAM_WORDS: tuple[str, ...] = ("program", "programme", "programa", "evaluated program", "project")
MAPPING_SUFFIX = ".policykg.toml"
BUNDLED = Path(__file__).resolve().parent / "mappings"


@dataclass(frozen=True)
class CatalogMapping:
    """How to read one catalog: its name, policykg field → catalog field, type and level words.

    ``program_types`` are the folded ``type`` values that make a record an evaluated program;
    ``levels`` the catalog's own rating words (folded) with the level slug each means;
    ``match`` the fields that recognise the catalog (bundled mappings only).
    """

    name: str
    fields: tuple[tuple[str, str], ...]
    program_types: tuple[str, ...] = PROGRAM_WORDS
    levels: tuple[tuple[str, str], ...] = ()
    match: tuple[str, ...] = ()

    def field(self, name: str) -> str | None:
        """The catalog's field for policykg field ``name``; None when the catalog has none.

        >>> default_mapping("demo").field("title"), default_mapping("demo").field("nothing")
        ('title', None)
        """
        return dict(self.fields).get(name)


def default_mapping(name: str) -> CatalogMapping:
    """policykg's own field names, for a catalog that already uses them; ``name`` names the catalog."""
    return CatalogMapping(name, tuple((f, f) for f in FIELDS))


def _strings(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise CatalogError(f"{where} must be a string or a list of strings")


def parse_mapping(text: str, *, name: str) -> CatalogMapping:
    """A mapping from its TOML text; ``name`` (the catalog's file stem) names it unless it says ``name =``.

    >>> m = parse_mapping('name = "Toolbox"\\n[fields]\\ntitle = "Name"\\n[levels]\\n"Strong" = "effective"\\n',
    ...                   name="toolbox")
    >>> m.name, m.field("title"), m.levels
    ('Toolbox', 'Name', (('strong', 'effective'),))
    >>> parse_mapping('[fields]\\nheadline = "Name"\\n', name="x")
    Traceback (most recent call last):
    ingest.catalogs.errors.CatalogError: [fields] has unknown policykg field(s) headline; known: id, title, type, rating, country, practice, source, description, population, setting
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise CatalogError(f"the mapping is not valid TOML: {e}") from None
    fields = data.get("fields", {})
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        raise CatalogError("[fields] must map policykg field names to the catalog's field names (strings)")
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise CatalogError(f"[fields] has unknown policykg field(s) {', '.join(unknown)}; known: {', '.join(FIELDS)}")
    if "title" not in fields:
        raise CatalogError("[fields] must name the catalog's title field (title = \"...\")")
    types = data.get("types", {})
    program_types = PROGRAM_WORDS
    if isinstance(types, dict) and "program" in types:
        program_types = tuple(fold(v).strip() for v in _strings(types["program"], "[types] program"))
    levels = data.get("levels", {})
    if not isinstance(levels, dict):
        raise CatalogError("[levels] must map the catalog's rating words to evidence levels")
    known = level_slugs()
    for word, slug in levels.items():
        if slug not in known:
            raise CatalogError(f"[levels] {word!r} = {slug!r}: not an evidence level; known: {', '.join(sorted(known))}")
    match = _strings(data.get("match", {}).get("fields", []), "[match] fields")
    title = data.get("name", name)
    return CatalogMapping(str(title), tuple((k, str(v)) for k, v in fields.items()), program_types,
                          tuple((fold(str(w)).strip(), str(s)) for w, s in levels.items()), match)


def mapping_beside(path: Path) -> Path:
    """Where a catalog's own mapping file would be: ``<stem>.policykg.toml`` in its folder.

    >>> mapping_beside(Path("catalogs/toolbox.csv")).as_posix()
    'catalogs/toolbox.policykg.toml'
    """
    return path.with_name(path.stem + MAPPING_SUFFIX)


def load_mapping_beside(path: Path) -> CatalogMapping | None:
    """The mapping file next to ``path``, parsed; None when there is none. Raises :class:`CatalogError`."""
    beside = mapping_beside(path)
    if not beside.is_file():
        return None
    try:
        text = beside.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CatalogError(f"cannot read its mapping {beside.name}: {e}") from None
    try:
        return parse_mapping(text, name=path.stem)
    except CatalogError as e:
        raise CatalogError(f"its mapping {beside.name}: {e}") from None


@cache
def bundled_mappings() -> tuple[CatalogMapping, ...]:
    """The mappings shipped with policykg, most specific first (the longest ``[match]`` list)."""
    found = [parse_mapping(p.read_text(encoding="utf-8"), name=p.stem) for p in sorted(BUNDLED.glob("*.toml"))]
    return tuple(sorted((m for m in found if m.match), key=lambda m: -len(m.match)))


def choose_mapping(fields: Collection[str], *, name: str,
                   bundled: Collection[CatalogMapping] | None = None) -> CatalogMapping | None:
    """The mapping for a catalog whose first record has ``fields``: bundled, else default, else None.

    >>> choose_mapping(["id", "title", "profile_type", "rating", "description", "source_url"], name="x").name
    'CrimeSolutions'
    >>> choose_mapping(["title", "description"], name="mine").name
    'mine'
    >>> choose_mapping(["file", "title", "jurisdiction"], name="SOURCES") is None
    True
    """
    present = set(fields)
    for mapping in bundled_mappings() if bundled is None else bundled:
        if set(mapping.match) <= present:
            return mapping
    return default_mapping(name) if set(DEFAULT_REQUIRED) <= present else None
