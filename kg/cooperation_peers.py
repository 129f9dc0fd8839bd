"""Comparable states: cosine similarity of BM25-weighted typed neighbour sets, explained by the shared items.

A state's features are typed neighbours read off its profile: the themes, programs, partners,
instruments and laws it is linked to. Each feature's weight is BM25's: an inverse document
frequency over the states (every state that joined the OAS-wide program shares it, so it says
little) times a saturated count of the routes that reach it (a theme met through five programs
weighs more than through one, but not five times more), times a weight per type. Two states'
similarity is the cosine of their weighted vectors, and each shared feature's share of the dot
product is its part of the explanation. Pure over a :class:`~kg.network.Network`.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from kg.errors import BadInput, NotFound
from kg.network import Network
from kg.profiles import StateProfile, state_profile

#: how much each type of neighbour counts (partners and instruments are often shared through one program)
TYPE_WEIGHTS: Mapping[str, float] = {"theme": 1.0, "program": 1.0, "partner": 0.6, "instrument": 0.8, "law": 1.0,
                                     "practice": 1.0}
#: BM25's term-frequency saturation
K1 = 1.2


@dataclass(frozen=True)
class SharedItem:
    iri: str
    label: str
    type: str
    weight: float  # this item's share of the similarity


@dataclass(frozen=True)
class Peer:
    iri: str
    iso3: str
    label: str
    score: float
    shared: tuple[SharedItem, ...]


@dataclass(frozen=True)
class Peers:
    iri: str
    iso3: str
    label: str
    lang: str
    method: str
    results: tuple[Peer, ...]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def features(profile: StateProfile) -> Counter[tuple[str, str]]:
    """``(type, iri)`` → how many routes reach it (programs and laws count once each)."""
    out: Counter[tuple[str, str]] = Counter()
    for kind, items in (("program", profile.programs), ("partner", profile.partners),
                        ("instrument", profile.instruments), ("law", profile.laws), ("theme", profile.themes),
                        ("practice", profile.practices)):
        for item in items:
            out[(kind, item.iri)] += max(1, len(item.via))
    return out


_vectors: dict[tuple[int, int], tuple[Network, dict[str, dict[tuple[str, str], float]]]] = {}
_lock = threading.Lock()


def weighted_vectors(net: Network, *, lang: str = "en") -> dict[str, dict[tuple[str, str], float]]:
    """Every state's BM25-weighted feature vector (states without features are left out).

    Computed once per network (features are IRIs: the language does not change them); thread-safe.
    """
    key = (id(net), net.version)
    with _lock:
        found = _vectors.get(key)
        if found is not None and found[0] is net:
            return found[1]
    vectors = _weighted_vectors(net)
    with _lock:
        if len(_vectors) > 8:
            _vectors.clear()
        _vectors[key] = (net, vectors)
    return vectors


def _weighted_vectors(net: Network, *, lang: str = "en") -> dict[str, dict[tuple[str, str], float]]:
    counts = {s: features(state_profile(net, s.rsplit("/", 1)[-1], lang=lang)) for s in net.states()}
    counts = {s: c for s, c in counts.items() if c}
    df: Counter[tuple[str, str]] = Counter(f for c in counts.values() for f in c)
    n = len(counts)
    out = {}
    for s, c in counts.items():
        out[s] = {f: TYPE_WEIGHTS.get(f[0], 1.0) * math.log(1 + (n - df[f] + 0.5) / (df[f] + 0.5))
                  * tf * (K1 + 1) / (tf + K1) for f, tf in c.items()}
    return out


def cosine_parts(a: Mapping[tuple[str, str], float], b: Mapping[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    """Each shared feature's share of the cosine of ``a`` and ``b`` (they sum to the cosine)."""
    na = math.sqrt(sum(x * x for x in a.values()))
    nb = math.sqrt(sum(x * x for x in b.values()))
    if na == 0 or nb == 0:
        return {}
    return {f: a[f] * b[f] / (na * nb) for f in a.keys() & b.keys()}


def similar_states(net: Network, iso3: str, *, k: int = 10, lang: str = "en", max_shared: int = 8) -> Peers:
    """The ``k`` states whose typed neighbours are most like ``iso3``'s, best first, each with what they share.

    Raises :class:`NotFound` for an unknown code and :class:`BadInput` for ``k`` below 1.
    Deterministic (ties broken by ISO code). States sharing nothing are not listed.
    """
    if k < 1:
        raise BadInput("k must be at least 1")
    state = net.iris.state(iso3)
    if not net.is_a(state, "State"):
        raise NotFound(f"no state with ISO 3166 alpha-3 code {iso3.upper()!r}")
    vectors = weighted_vectors(net, lang=lang)
    mine = vectors.get(state, {})
    results = []
    for other, vector in vectors.items():
        if other == state:
            continue
        parts = cosine_parts(mine, vector)
        score = sum(parts.values())
        if score <= 0:
            continue
        shared = sorted(parts.items(), key=lambda kv: (-kv[1], kv[0]))[:max_shared]
        results.append(Peer(other, other.rsplit("/", 1)[-1], net.label(other, lang), round(score, 4),
                            tuple(SharedItem(iri, net.label(iri, lang), kind, round(w, 4)) for (kind, iri), w in shared)))
    results.sort(key=lambda p: (-p.score, p.iso3))
    return Peers(state, iso3.upper(), net.label(state, lang), lang, "bm25-weighted cosine over typed neighbours",
                 tuple(results[:k]))
