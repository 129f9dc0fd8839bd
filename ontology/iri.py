"""IRI minting: the only place that builds policykg IRIs from parts.

IRIs are readable and stable: the same state, organization or instrument gets the same
IRI whatever the language or spelling it was found in.

>>> iris = Iris("https://policykg.org/")
>>> iris.state("gtm")
'https://policykg.org/id/state/GTM'
>>> iris.unsc_resolution(1540, 2004)
'https://policykg.org/id/instrument/unsc-res-1540-2004'
>>> iris.oas_ag_resolution(2866, "XLIV-O/14")
'https://policykg.org/id/instrument/oas-ag-res-2866-xliv-o-14'
>>> iris.passage("ab12cd34ef56", 3)
'https://policykg.org/id/passage/ab12cd34ef56-3'
>>> iris.vocab("Program")
'https://policykg.org/ontology#Program'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ontology.folding import fold


def slugify(text: str) -> str:
    """Lower-case ASCII slug: accents folded, runs of other characters become one hyphen.

    >>> slugify("Inter-American Network for Police Development & Professionalization")
    'inter-american-network-for-police-development-professionalization'
    >>> slugify("Programa de Ação Integral contra Minas")
    'programa-de-acao-integral-contra-minas'
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@dataclass(frozen=True)
class Iris:
    """Mints the IRIs of one deployment from its base (``POLICYKG_BASE_IRI``)."""

    base: str

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")

    # vocabulary
    @property
    def ontology(self) -> str:
        return self.base + "ontology#"

    def vocab(self, local: str) -> str:
        return self.ontology + local

    @property
    def instance_base(self) -> str:
        return self.base + "id/"

    def theme_scheme(self) -> str:
        return self.base + "id/themes"

    # instances
    def state(self, iso3: str) -> str:
        return f"{self.base}id/state/{iso3.upper()}"

    def org(self, slug: str) -> str:
        return f"{self.base}id/org/{slugify(slug)}"

    def program(self, slug: str) -> str:
        return f"{self.base}id/program/{slugify(slug)}"

    def theme(self, slug: str) -> str:
        return f"{self.base}id/theme/{slugify(slug)}"

    def instrument(self, slug: str) -> str:
        return f"{self.base}id/instrument/{slugify(slug)}"

    def practice(self, slug: str) -> str:
        """A best practice or evaluated program of an evidence catalog.

        >>> Iris("https://policykg.org/").practice("Focused Deterrence Strategies")
        'https://policykg.org/id/practice/focused-deterrence-strategies'
        """
        return f"{self.base}id/practice/{slugify(slug)}"

    def rating(self, practice_slug: str, n: int) -> str:
        """The ``n``-th evidence rating node (one per rated outcome) of a practice.

        >>> Iris("https://policykg.org/").rating("Neighborhood Watch", 1)
        'https://policykg.org/id/rating/neighborhood-watch-1'
        """
        return f"{self.base}id/rating/{slugify(practice_slug)}-{int(n)}"

    def evidence_scheme(self) -> str:
        return self.base + "id/evidence-levels"

    def evidence_level(self, slug: str) -> str:
        return f"{self.base}id/evidence-level/{slugify(slug)}"

    def suggestion(self, key: str) -> str:
        """A computed suggestion node; ``key`` is a digest of what it links."""
        return f"{self.base}id/suggestion/{slugify(key)}"

    def unsc_resolution(self, number: int, year: int | None) -> str:
        suffix = f"-{year}" if year else ""
        return f"{self.base}id/instrument/unsc-res-{int(number)}{suffix}"

    def oas_ag_resolution(self, number: int, session: str | None) -> str:
        suffix = f"-{slugify(session)}" if session else ""
        return f"{self.base}id/instrument/oas-ag-res-{int(number)}{suffix}"

    def law(self, jurisdiction: str | None, key: str) -> str:
        """A law as a work (``eli:LegalResource``): one IRI for all its language versions.

        ``key`` is language-neutral (the normalised number, else the title's slug), so versions
        ingested apart meet on it.

        >>> Iris("https://policykg.org/").law("CAN", "sc-2000-c-17")
        'https://policykg.org/id/law/can/sc-2000-c-17'
        """
        return f"{self.base}id/law/{slugify(jurisdiction or 'unknown')}/{slugify(key)}"

    def law_version(self, jurisdiction: str | None, key: str, language: str) -> str:
        """One language version of a law (``eli:LegalExpression``): ``…/sc-2000-c-17/fr``."""
        return f"{self.law(jurisdiction, key)}/{slugify(language)}"

    def law_article(self, jurisdiction: str | None, key: str, label: str) -> str:
        """An article (section) of a law, shared by its language versions.

        >>> Iris("https://policykg.org/").law_article("BRA", "lei-9613-1998", "17-A")
        'https://policykg.org/id/law/bra/lei-9613-1998/art/17-a'
        """
        return f"{self.law(jurisdiction, key)}/art/{slugify(label)}"

    def document(self, content_id: str) -> str:
        return f"{self.base}id/document/{content_id}"

    def passage(self, content_id: str, n: int) -> str:
        return f"{self.base}id/passage/{content_id}-{n}"

    def statement(self, content_id: str, n: int) -> str:
        return f"{self.base}id/statement/{content_id}-{n}"

    # named graphs
    def document_graph(self, content_id: str) -> str:
        return f"{self.base}graph/document/{content_id}"

    def reference_graph(self, name: str) -> str:
        return f"{self.base}graph/reference/{slugify(name)}"

    def suggestions_graph(self, name: str) -> str:
        """Derived, low-confidence suggestions (never facts), recomputed as a whole.

        >>> Iris("https://policykg.org/").suggestions_graph("practices")
        'https://policykg.org/graph/suggestions/practices'
        """
        return f"{self.base}graph/suggestions/{slugify(name)}"

    @property
    def system_graph(self) -> str:
        return f"{self.base}graph/system"

    @property
    def graph_base(self) -> str:
        """Every graph policykg manages (documents, reference data, system) is named under here."""
        return f"{self.base}graph/"

    def user_graph(self, key: str) -> str:
        """A graph a client creates through the Graph Store Protocol (POST without ?graph); not managed.

        >>> Iris("https://policykg.org/").user_graph("5f2c")
        'https://policykg.org/id/graph/5f2c'
        """
        return f"{self.base}id/graph/{key}"

    def is_managed_graph(self, iri: str) -> bool:
        """Whether a graph belongs to policykg; SPARQL Update and the Graph Store Protocol may not write it.

        >>> iris = Iris("https://policykg.org/")
        >>> iris.is_managed_graph(iris.document_graph("ab12")), iris.is_managed_graph("http://example.org/mine")
        (True, False)
        """
        return iri.startswith(self.graph_base)

    def dataset(self) -> str:
        """The whole dataset, as described by VoID/DCAT."""
        return f"{self.base}id/dataset/policykg"

    def local_path(self, iri: str) -> str | None:
        """The part of an instance IRI after ``id/``, or None when it is not ours.

        >>> Iris("https://policykg.org/").local_path("https://policykg.org/id/state/GTM")
        'state/GTM'
        """
        prefix = self.instance_base
        return iri[len(prefix):] if iri.startswith(prefix) else None
