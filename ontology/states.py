"""Reference data about states: every ISO 3166 country, OAS membership, names in four languages.

Names come from pycountry (English) and its gettext catalogues (es, pt, fr; Brazilian Portuguese names,
the Portuguese of the Americas, as aliases where they differ: "Irã" beside "Irão"); curated
aliases, abbreviations and demonyms from ``state-aliases.csv``; OAS membership,
Wikidata and GeoNames ids from ``oas-member-states.csv`` (the 35 OAS member states).
"""

from __future__ import annotations

import csv
import gettext
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
LANGUAGES = ("en", "es", "pt", "fr")


@dataclass(frozen=True)
class StateRecord:
    iso3: str
    iso2: str
    m49: str
    names: tuple[tuple[str, str], ...]  # (name, lang), preferred name first per language
    aliases: tuple[tuple[str, str], ...]  # (alias, lang): other names, abbreviations, former names
    demonyms: tuple[tuple[str, str], ...]
    wikidata: str | None
    geonames: str | None
    oas_member: bool

    def label(self, lang: str = "en") -> str:
        for name, name_lang in self.names:
            if name_lang == lang:
                return name
        return self.names[0][0]


def _translations() -> dict[str, gettext.NullTranslations]:
    out: dict[str, gettext.NullTranslations] = {}
    for lang in LANGUAGES[1:]:
        out[lang] = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
    return out


def _brazilian() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["pt_BR"], fallback=True)


@cache
def load_states() -> tuple[StateRecord, ...]:
    """Every ISO 3166-1 country, OAS members flagged. Cost: ~50 ms, cached.

    >>> states = {s.iso3: s for s in load_states()}
    >>> states["GTM"].oas_member, states["GTM"].label("fr")
    (True, 'Guatemala')
    >>> sum(s.oas_member for s in states.values())
    35
    """
    with open(HERE / "oas-member-states.csv", encoding="utf-8") as f:
        members = {row["iso3"]: row for row in csv.DictReader(f)}
    extra: dict[str, list[tuple[str, str, str]]] = {}
    with open(HERE / "state-aliases.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            extra.setdefault(row["iso3"], []).append((row["alias"], row["lang"], row["kind"]))
    tr, brazilian = _translations(), _brazilian()
    # "Irã, República Islâmica do" → "Irã": the short form before the comma, where no other country shares it
    # (both Koreas are "Coreia, …")
    short = [brazilian.gettext(c.name).split(", ")[0] for c in pycountry.countries
             if ", " in brazilian.gettext(c.name)]
    unique_short = {n for n in short if short.count(n) == 1}
    records = []
    for country in pycountry.countries:
        iso3 = country.alpha_3
        member = members.get(iso3)
        english = getattr(country, "common_name", None) or country.name
        names: list[tuple[str, str]] = []
        if member:
            names += [(member["name_en"], "en"), (member["name_es"], "es"), (member["name_fr"], "fr")]
        names.append((english, "en"))
        for lang, t in tr.items():
            names.append((t.gettext(country.name), lang))
            if getattr(country, "common_name", None):
                names.append((t.gettext(country.common_name), lang))
        aliases = [(country.name, "en")]
        aliases += [(brazilian.gettext(n), "pt") for n in (country.name, getattr(country, "common_name", None)) if n]
        if brazilian.gettext(country.name).split(", ")[0] in unique_short:
            aliases.append((brazilian.gettext(country.name).split(", ")[0], "pt"))
        if getattr(country, "official_name", None):
            aliases.append((country.official_name, "en"))
        demonyms: list[tuple[str, str]] = []
        for alias, lang, kind in extra.get(iso3, []):
            (demonyms if kind == "demonym" else aliases).append((alias, lang))
        records.append(
            StateRecord(
                iso3=iso3,
                iso2=country.alpha_2,
                m49=country.numeric,
                names=tuple(dict.fromkeys(names)),
                aliases=tuple(a for a in dict.fromkeys(aliases) if a not in names),
                demonyms=tuple(dict.fromkeys(demonyms)),
                wikidata=member["wikidata_qid"] if member else None,
                geonames=member["geonames_id"] if member else None,
                oas_member=member is not None,
            )
        )
    return tuple(records)
