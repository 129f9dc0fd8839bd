"""Score practice ↔ program (or law) pairs by shared themes and text similarity, and explain each. Pure.

A suggestion is evidence for a person to weigh, never a fact: its score mixes the Jaccard overlap
of the two sides' themes with, when a vector index exists, the cosine of their passages' centred
mean vectors (a multilingual embedder, so an English practice meets a Spanish program; see
:func:`kg.practices.graph.entity_vectors`). Only pairs that share a theme, or whose texts are
unusually close, are kept, and only the best few per practice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

#: The best suggestions kept for each practice.
PER_PRACTICE = 3
#: Below this score a pair is not suggested.
MIN_SCORE = 0.25
#: Texts this close (centred cosine) are suggested even without a shared theme.
TEXT_ALONE = 0.15
#: A centred cosine this high counts as full text agreement in the score (they rarely pass 0.3).
TEXT_FULL = 0.3
#: How much of the score text similarity carries when it is known.
TEXT_WEIGHT = 0.5


@dataclass(frozen=True)
class Profile:
    """One side of a suggestion: an entity, its English (or first) label, its themes, its passages."""

    iri: str
    label: str
    themes: frozenset[str]
    passages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    practice: str
    target: str
    score: float
    theme_score: float
    text_score: float | None
    shared: tuple[str, ...]  # theme IRIs, sorted
    method: str

    def explain(self, labels: Mapping[str, str]) -> str:
        """One English sentence saying why, with the labels of the two sides and the themes.

        >>> s = Suggestion("p", "t", 0.45, 0.5, 0.2, ("th",), "themes+text:use-m3")
        >>> s.explain({"p": "Hot spots policing", "t": "Police network", "th": "Crime prevention"})
        'Hot spots policing may be relevant to Police network: both have the theme Crime prevention (theme overlap 0.50); their texts are close (centred cosine 0.20, use-m3). A computed suggestion, not a fact.'
        """
        parts = []
        if self.shared:
            names = ", ".join(labels.get(t, t) for t in self.shared)
            word = "theme" if len(self.shared) == 1 else "themes"
            parts.append(f"both have the {word} {names} (theme overlap {self.theme_score:.2f})")
        if self.text_score is not None:
            how = self.method.split(":", 1)[-1]
            close = ("close" if self.text_score >= TEXT_ALONE else
                     "somewhat alike" if self.text_score >= TEXT_ALONE / 3 else "not alike")
            parts.append(f"their texts are {close} (centred cosine {self.text_score:.2f}, {how})")
        return (f"{labels.get(self.practice, self.practice)} may be relevant to {labels.get(self.target, self.target)}: "
                f"{'; '.join(parts)}. A computed suggestion, not a fact.")


def mean_vector(rows: Sequence[np.ndarray]) -> np.ndarray | None:
    """The unit-length mean of ``rows``; None for no rows (or rows that cancel out)."""
    if not rows:
        return None
    mean = np.mean(np.stack(rows), axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None


def score_pair(practice: Profile, target: Profile, *, text: float | None, embedder: str | None) -> Suggestion:
    """The suggestion for one pair, kept or not.

    >>> p = Profile("p", "P", frozenset({"a", "b"})); t = Profile("t", "T", frozenset({"b", "c"}))
    >>> s = score_pair(p, t, text=None, embedder=None)
    >>> s.shared, round(s.theme_score, 3), round(s.score, 3), s.method
    (('b',), 0.333, 0.333, 'themes')
    >>> round(score_pair(p, t, text=0.15, embedder="use-m3").score, 3)
    0.417
    """
    shared = practice.themes & target.themes
    union = practice.themes | target.themes
    theme_score = len(shared) / len(union) if union else 0.0
    if text is None or embedder is None:
        return Suggestion(practice.iri, target.iri, theme_score, theme_score, None, tuple(sorted(shared)), "themes")
    text = max(0.0, min(1.0, text))
    score = (1 - TEXT_WEIGHT) * theme_score + TEXT_WEIGHT * min(1.0, text / TEXT_FULL)
    return Suggestion(practice.iri, target.iri, score, theme_score, text, tuple(sorted(shared)),
                      f"themes+text:{embedder}")


def suggest(practices: Sequence[Profile], targets: Sequence[Profile], *,
            vectors: Mapping[str, np.ndarray] | None = None, embedder: str | None = None,
            per_practice: int = PER_PRACTICE) -> list[Suggestion]:
    """The kept suggestions, best first per practice; deterministic (ties broken by IRI).

    ``vectors`` maps an entity IRI to the unit mean vector of its passages; a side without one
    is scored by themes alone. A pair is kept with a shared theme, or texts at least
    :data:`TEXT_ALONE` alike, and a score of at least :data:`MIN_SCORE`.

    >>> p = Profile("p", "P", frozenset({"a"}))
    >>> ts = [Profile("t1", "T1", frozenset({"a"})), Profile("t2", "T2", frozenset({"b"}))]
    >>> [(s.target, s.score) for s in suggest([p], ts)]
    [('t1', 1.0)]
    """
    out: list[Suggestion] = []
    for p in practices:
        kept = []
        for t in targets:
            if t.iri == p.iri:
                continue
            a = vectors.get(p.iri) if vectors else None
            b = vectors.get(t.iri) if vectors else None
            text = float(a @ b) if a is not None and b is not None else None
            s = score_pair(p, t, text=text, embedder=embedder if text is not None else None)
            if s.score >= MIN_SCORE and (s.shared or (s.text_score or 0.0) >= TEXT_ALONE):
                kept.append(s)
        kept.sort(key=lambda s: (-s.score, s.target))
        out.extend(kept[:per_practice])
    return out
