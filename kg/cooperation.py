"""Explained cooperation suggestions: "A could help B on X", each with graph paths, passages and SPARQL.

- **A can help on X** (capability): A runs, funds, hosts or executes a program on X, has a law on
  X, or has a practice on X evaluated on its soil (strong); A is a beneficiary or partner of a
  program on X (it has been through it; weaker). Routes combine as a noisy-or.
- **B needs X** (need): B is a beneficiary of a program on X (it asked for help there); B is
  named in a resolution on X; or B's comparable states (:mod:`kg.cooperation_peers`) work on X
  and B does not (a gap).
- **A and B can work together** (link): they already take part in one program (the derived
  ``pkg:cooperatesWith`` of :mod:`kg.cooperation_graph`), share a partner organization or donor,
  a subregion or a language. A link raises a score; it never makes a suggestion on its own.

score = capability(A, X) × need(B, X) × (1 + link(A, B)) × specificity(X), kept when A's capability
on X is greater than B's; specificity is an IDF over the states working on X (every state works on
"international cooperation": that helps nobody decide), and a program A and B already share does
not count as A's capability (it is their common past, shown as a link instead). Every path is a list of :class:`~kg.profiles.Fact` (a triple asserted in the
store and the passages it was read from), and every suggestion has the SPARQL that finds its
capability and need paths. Pure over a :class:`~kg.network.Network`: a request costs
milliseconds once the network of the store version is loaded.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from kg.cooperation_peers import similar_states
from kg.cooperation_regions import shared_context
from kg.cooperation_sparql import suggestion_sparql
from kg.errors import BadInput, NotFound
from kg.network import ROLES, Network
from kg.profiles import Fact, state_laws, state_practices, state_programs
from ontology.namespaces import ELI

#: how much each route shows that a state can help on a theme
CAPABILITY_WEIGHTS = {"donor": 1.0, "executing": 1.0, "host": 0.8, "law": 1.0, "practice": 0.8, "partner": 0.6,
                      "beneficiary": 0.5}
#: how much each route shows that a state needs help on a theme
NEED_WEIGHTS = {"beneficiary": 0.6, "resolution": 0.3, "peer gap": 0.5}
#: link routes, each counted at most :data:`LINK_CAP` in total
LINK_WEIGHTS = {"co-participation": 0.3, "shared partner": 0.2, "context": 0.15}
LINK_CAP = 1.0
#: a theme every state works on still counts this much (times its specificity's complement)
SPECIFICITY_FLOOR = 0.25
#: comparable states looked at for a gap
PEERS = 5
#: paths kept per side of a suggestion
MAX_PATHS = 3


@dataclass(frozen=True)
class Path:
    """One reason: what it shows (capability, need or link), how, and the facts it walks."""

    kind: str  # capability | need | link
    route: str  # donor, law, beneficiary, resolution, peer gap, co-participation, shared partner, context…
    weight: float
    via: str | None  # the program, law, practice, resolution, peer or partner it goes through
    facts: tuple[Fact, ...]
    note: str = ""


@dataclass(frozen=True)
class Suggestion:
    helper: str
    helper_label: str
    helped: str
    helped_label: str
    theme: str
    theme_label: str
    score: float
    capability: float
    need: float
    link: float
    text: str
    paths: tuple[Path, ...]
    sparql: str


@dataclass(frozen=True)
class Suggestions:
    state: str | None
    theme: str | None
    direction: str
    lang: str
    results: tuple[Suggestion, ...]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _noisy_or(weights: Sequence[float]) -> float:
    out = 1.0
    for w in weights:
        out *= 1 - w
    return 1 - out


class Evidence:
    """Capability and need paths per (state, theme), and link paths per pair, computed once per network."""

    def __init__(self, net: Network, *, lang: str = "en") -> None:
        self.net, self.lang = net, lang
        self.capability: dict[tuple[str, str], list[Path]] = defaultdict(list)
        self.need: dict[tuple[str, str], list[Path]] = defaultdict(list)
        self.programs: dict[str, list[tuple[str, str, str]]] = {}
        has_theme = net.iris.vocab("hasTheme")
        for state in net.states():
            self.programs[state] = state_programs(net, state)
            for program, pred, role in self.programs[state]:
                for theme in net.themes_of(program):
                    facts = (self._fact(program, pred, state), self._fact(program, has_theme, theme))
                    self.capability[(state, theme)].append(Path("capability", role, CAPABILITY_WEIGHTS[role], program, facts))
                    if role == "beneficiary":
                        self.need[(state, theme)].append(Path("need", "beneficiary", NEED_WEIGHTS["beneficiary"],
                                                              program, facts))
            for law in state_laws(net, state):
                for theme in net.themes_of(law):
                    facts = (self._fact(law, ELI + "jurisdiction", state), self._fact(law, has_theme, theme))
                    self.capability[(state, theme)].append(Path("capability", "law", CAPABILITY_WEIGHTS["law"], law, facts))
            for practice in state_practices(net, state):
                for theme in net.themes_of(practice):
                    facts = (self._fact(practice, net.iris.vocab("evaluatedIn"), state),
                             self._fact(practice, has_theme, theme))
                    self.capability[(state, theme)].append(Path("capability", "practice", CAPABILITY_WEIGHTS["practice"],
                                                                practice, facts))
            for resolution, passage in sorted(net.resolution_mentions.get(state, {}).items()):
                for theme in net.themes_of(resolution):
                    facts = (Fact(passage, net.iris.vocab("mentions"), state, (passage,)),
                             self._fact(resolution, has_theme, theme))
                    self.need[(state, theme)].append(Path("need", "resolution", NEED_WEIGHTS["resolution"], resolution,
                                                          facts, "a resolution on the theme names the state"))

        states_on: dict[str, set[str]] = defaultdict(set)
        for s, t in self.capability:
            states_on[t].add(s)
        n = max(1, len({s for s, _ in self.capability}))  # the states that work on anything
        #: theme → how specific it is (1: one state works on it; near 0: every state does), an IDF
        self.specificity = {t: math.log((1 + n) / (1 + len(ss))) / math.log(1 + n) for t, ss in states_on.items()}

    def _fact(self, s: str, p: str, o: str) -> Fact:
        return Fact(s, p, o, self.net.passages(s, p, o))

    def capability_of(self, state: str, theme: str) -> float:
        return _noisy_or([p.weight for p in self.capability.get((state, theme), ())])

    def gaps(self, state: str) -> dict[str, list[Path]]:
        """Themes B's comparable states work on and B does not, with the peers' capability paths."""
        iso3 = state.rsplit("/", 1)[-1]
        peers = similar_states(self.net, iso3, k=PEERS, lang=self.lang).results
        mine = {t for (s, t) in self.capability if s == state}
        out: dict[str, list[Path]] = defaultdict(list)
        for peer in peers:
            for (s, theme), paths in self.capability.items():
                if s != peer.iri or theme in mine:
                    continue
                best = max(paths, key=lambda p: (p.weight, p.via or ""))
                out[theme].append(Path("need", "peer gap", NEED_WEIGHTS["peer gap"] * peer.score, peer.iri, best.facts,
                                       f"{peer.label} (similarity {peer.score:.2f}) works on it; "
                                       f"{self.net.label(state, self.lang)} has no program, law or practice on it"))
        return out

    def links(self, a: str, b: str) -> list[Path]:
        """Why A and B can work together: shared programs, shared partners, subregion and language."""
        out = []
        a_programs = {p: (pred, role) for p, pred, role in self.programs.get(a, [])}
        for program, pred_b, _ in self.programs.get(b, []):
            if program in a_programs:
                facts: tuple[Fact, ...] = (self._fact(program, a_programs[program][0], a),
                                           self._fact(program, pred_b, b))
                derived = self.net.iris.vocab("cooperatesWith")
                if (a, derived, b) in self.net.edges:
                    facts += (self._fact(a, derived, b),)
                out.append(Path("link", "co-participation", LINK_WEIGHTS["co-participation"], program, facts))
        partners_a = self._partners(a)
        for partner, (fact_b, part_b) in sorted(self._partners(b).items()):
            if partner in partners_a and partner not in (a, b):
                fact_a, part_a = partners_a[partner]
                if fact_a.s == fact_b.s:
                    continue  # the same program: already a co-participation
                out.append(Path("link", "shared partner", LINK_WEIGHTS["shared partner"], partner,
                                (fact_a, part_a, fact_b, part_b)))
        for phrase in shared_context(a.rsplit("/", 1)[-1], b.rsplit("/", 1)[-1]):
            out.append(Path("link", "context", LINK_WEIGHTS["context"], None, (), phrase))
        return out

    def _partners(self, state: str) -> dict[str, tuple[Fact, Fact]]:
        out: dict[str, tuple[Fact, Fact]] = {}
        for program, pred, _ in sorted(self.programs.get(state, [])):
            for p, o in self.net.out.get(program, ()):
                local = p.removeprefix(self.net.iris.ontology)
                if local in ("fundedBy", "partner", "implementedBy") and o != state:
                    out.setdefault(o, (self._fact(program, pred, state), self._fact(program, p, o)))
        return out


def _describe(net: Network, lang: str, helper: str, helped: str, theme: str, paths: Sequence[Path]) -> str:
    """One English sentence a person can repeat in a meeting."""
    label = net.label
    cap = next(p for p in paths if p.kind == "capability")
    need = next(p for p in paths if p.kind == "need")
    how = {"law": "has a law", "practice": "has an evaluated practice"}.get(cap.route, f"is {cap.route} of")
    why = {"beneficiary": f"is a beneficiary of {label(need.via or '', lang)}",
           "resolution": f"is named in {label(need.via or '', lang)}",
           "peer gap": "has nothing on it while comparable states do"}[need.route]
    links = [p.route if p.route != "context" else p.note for p in paths if p.kind == "link"]
    tail = f"; they share: {', '.join(dict.fromkeys(links))}" if links else ""
    return (f"{label(helper, lang)} could help {label(helped, lang)} on {label(theme, lang)}: "
            f"{label(helper, lang)} {how} {label(cap.via or '', lang)}; {label(helped, lang)} {why}{tail}.")


def suggest_for(net: Network, evidence: Evidence, helped: str, *, theme: str | None = None,
                helper: str | None = None) -> list[Suggestion]:
    """Every suggestion whose helped state is ``helped`` (optionally one theme or one helper), unsorted."""
    needs: dict[str, list[Path]] = defaultdict(list)
    for (s, t), paths in evidence.need.items():
        if s == helped:
            needs[t].extend(paths)
    for t, paths in evidence.gaps(helped).items():
        needs[t].extend(paths)
    out = []
    own_programs = {p for p, _, _ in evidence.programs.get(helped, [])}
    for t, need_paths in sorted(needs.items()):
        if theme is not None and t != theme:
            continue
        need = min(1.0, _noisy_or([p.weight for p in need_paths]))
        own = evidence.capability_of(helped, t)
        for a in net.states():
            if a == helped or (helper is not None and a != helper):
                continue
            # what A did together with B is their shared past, not something A can bring to B
            cap_paths = [p for p in evidence.capability.get((a, t), []) if p.via not in own_programs]
            capability = _noisy_or([p.weight for p in cap_paths])
            if capability <= own or capability == 0:
                continue
            link_paths = evidence.links(a, helped)
            weight = SPECIFICITY_FLOOR + (1 - SPECIFICITY_FLOOR) * evidence.specificity.get(t, 1.0)
            link = min(LINK_CAP, sum(p.weight for p in link_paths))
            top_cap = sorted(cap_paths, key=lambda p: (-p.weight, p.via or ""))[:MAX_PATHS]
            top_need = sorted(need_paths, key=lambda p: (-p.weight, p.via or ""))[:MAX_PATHS]
            chosen = (*top_cap, *top_need, *link_paths[:MAX_PATHS + 2])
            out.append(Suggestion(a, net.label(a, evidence.lang), helped, net.label(helped, evidence.lang), t,
                                  net.label(t, evidence.lang), round(capability * need * (1 + link) * weight, 4),
                                  round(capability, 4), round(need, 4), round(link, 4),
                                  _describe(net, evidence.lang, a, helped, t, chosen), chosen,
                                  suggestion_sparql(net.iris, a, helped, t)))
    return out


_evidence: dict[tuple[int, int, str], Evidence] = {}
_lock = threading.Lock()


def evidence_for(net: Network, lang: str = "en") -> Evidence:
    """The :class:`Evidence` of ``net`` in ``lang``, computed once per network version (thread-safe)."""
    key = (id(net), net.version, lang)
    with _lock:
        found = _evidence.get(key)
        if found is None or found.net is not net:
            if len(_evidence) > 8:  # old versions and languages: a handful at most is ever in use
                _evidence.clear()
            found = _evidence[key] = Evidence(net, lang=lang)
        return found


def cooperation(net: Network, *, state: str | None = None, theme: str | None = None, k: int = 10,
                direction: str = "receives", lang: str = "en", evidence: Evidence | None = None) -> Suggestions:
    """The ``k`` best suggestions, best first (ties by helper, helped, theme). Read-only, deterministic.

    ``state`` (ISO3) is the state helped (``direction="receives"``) or the helper (``"gives"``);
    without it, the best suggestions over all states. ``theme`` is a theme IRI or its last segment.
    Raises :class:`NotFound` for an unknown state or theme, :class:`BadInput` for a bad ``k`` or
    ``direction``.
    """
    if k < 1:
        raise BadInput("k must be at least 1")
    if direction not in ("receives", "gives"):
        raise BadInput("direction must be 'receives' or 'gives'")
    iri = None
    if state is not None:
        iri = net.iris.state(state)
        if not net.is_a(iri, "State"):
            raise NotFound(f"no state with ISO 3166 alpha-3 code {state.upper()!r}")
    theme_iri = None
    if theme is not None:
        theme_iri = theme if theme.startswith("http") else net.iris.theme(theme)
        if not net.is_a(theme_iri, "Theme"):
            raise NotFound(f"no theme {theme!r}")
    evidence = evidence or evidence_for(net, lang)
    found: list[Suggestion] = []
    if iri is not None and direction == "receives":
        found = suggest_for(net, evidence, iri, theme=theme_iri)
    else:
        for helped in net.states():
            if helped != iri:
                found.extend(suggest_for(net, evidence, helped, theme=theme_iri, helper=iri))
    found.sort(key=lambda s: (-s.score, s.helper, s.helped, s.theme))
    return Suggestions(state.upper() if state else None, theme_iri, direction, lang, tuple(found[:k]))


__all__ = ["ROLES", "Evidence", "evidence_for", "Path", "Suggestion", "Suggestions", "cooperation", "suggest_for"]
