"""Practice suggestions, pure: scores, thresholds, explanations, and centred text vectors."""

from __future__ import annotations

import numpy as np
import pytest

from kg.index.base import PassageRow
from kg.index.passage_set import PassageSet
from kg.practices.graph import entity_vectors, suggestion_quads
from kg.practices.suggest import TEXT_ALONE, Profile, score_pair, suggest
from ontology.iri import Iris

IRIS = Iris("https://policykg.org/")
CRIME, GUNS, CYBER = (IRIS.theme(t) for t in ("crime-and-violence-prevention", "firearms-control", "cybersecurity"))
LABELS = {CRIME: "Crime and violence prevention", GUNS: "Firearms and ammunition control", CYBER: "Cybersecurity",
          "p": "Street outreach", "t1": "Prevention network", "t2": "Cyber program", "t3": "Police network"}


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


@pytest.mark.parametrize(("themes_p", "themes_t", "text", "kept", "method"), [
    ({CRIME, GUNS}, {CRIME, GUNS}, None, True, "themes"),                 # the same themes
    ({CRIME}, {CRIME, GUNS, CYBER}, None, True, "themes"),                # one of three: 0.33
    ({CRIME}, {CRIME, GUNS, CYBER, IRIS.theme("x")}, None, True, "themes"),  # one of four: 0.25, at the bar
    ({CRIME}, {CYBER}, None, False, "themes"),                           # nothing shared
    ({CRIME}, {CYBER}, TEXT_ALONE + 0.05, True, "themes+text:e5"),       # texts close enough on their own
    ({CRIME}, {CYBER}, TEXT_ALONE - 0.05, False, "themes+text:e5"),
])
def test_which_pairs_are_kept(themes_p: set[str], themes_t: set[str], text: float | None, kept: bool,
                              method: str) -> None:
    p, t = Profile("p", "P", frozenset(themes_p)), Profile("t", "T", frozenset(themes_t))
    vectors = None
    if text is not None:  # two unit vectors at the given cosine
        vectors = {"p": unit(1, 0), "t": unit(text, float(np.sqrt(1 - text * text)))}
    found = suggest([p], [t], vectors=vectors, embedder="e5" if text is not None else None)
    assert bool(found) == kept
    assert score_pair(p, t, text=text, embedder="e5" if text is not None else None).method == method


def test_best_few_per_practice_best_first_and_explained() -> None:
    p = Profile("p", "Street outreach", frozenset({CRIME, GUNS}))
    targets = [Profile("t1", "Prevention network", frozenset({CRIME})),
               Profile("t2", "Cyber program", frozenset({CYBER})),
               Profile("t3", "Police network", frozenset({CRIME, GUNS, CYBER}))]
    found = suggest([p], targets)
    assert [(s.target, round(s.score, 2)) for s in found] == [("t3", 0.67), ("t1", 0.5)]
    why = found[0].explain(LABELS)
    assert why == ("Street outreach may be relevant to Police network: both have the themes Crime and violence "
                   "prevention, Firearms and ammunition control (theme overlap 0.67). A computed suggestion, not a fact.")


def test_text_similarity_is_explained_with_its_embedder() -> None:
    p, t = Profile("p", "Street outreach", frozenset({CRIME})), Profile("t1", "Prevention network", frozenset({CRIME}))
    s = score_pair(p, t, text=0.2, embedder="e5")
    assert "their texts are close (centred cosine 0.20, e5)" in s.explain(LABELS)
    assert s.method == "themes+text:e5" and s.score == pytest.approx(0.5 * 1.0 + 0.5 * min(1.0, 0.2 / 0.3))


def test_quads_carry_score_themes_method_and_the_explanation_in_their_own_graph() -> None:
    s = score_pair(Profile(IRIS.practice("a"), "A", frozenset({CRIME})),
                   Profile(IRIS.program("b"), "B", frozenset({CRIME})), text=None, embedder=None)
    quads = suggestion_quads([s], IRIS, {CRIME: "Crime and violence prevention"})
    assert {q.graph_name.value for q in quads} == {"https://policykg.org/graph/suggestions/practices"}
    by = {q.predicate.value.rsplit("#", 1)[-1]: q.object.value for q in quads}
    assert by["score"] == "1.000" and by["sharedTheme"] == CRIME and by["method"] == "themes"
    assert by["suggests"] == IRIS.practice("a") and by["suggestedFor"] == IRIS.program("b")
    assert "Crime and violence prevention" in by["comment"]
    assert suggestion_quads([s], IRIS, {CRIME: "Crime and violence prevention"}) == quads  # deterministic


def test_entity_vectors_are_centred_so_a_shared_cone_does_not_make_everything_alike() -> None:
    # Four passages in a narrow cone around (1, 0, 0): raw cosines are all above 0.9.
    rows = [PassageRow(f"p{i}", "d", "t", 0, 1, "s", "en") for i in range(4)]
    matrix = np.stack([unit(1, 0.2, 0), unit(1, 0.22, 0.01), unit(1, 0, 0.2), unit(1, 0.01, 0.22)])
    passages = PassageSet.build(rows, {"e5": (matrix, "v1")}, fingerprint="f", hnsw_threshold=1000)
    a, b, c = Profile("a", "A", frozenset(), ("p0",)), Profile("b", "B", frozenset(), ("p1",)), \
        Profile("c", "C", frozenset(), ("p2", "p3"))
    vectors = entity_vectors([a, b, c], passages, "e5")
    assert float(matrix[0] @ matrix[2]) > 0.9
    assert float(vectors["a"] @ vectors["b"]) > 0.9 and float(vectors["a"] @ vectors["c"]) < 0
    assert entity_vectors([a], passages, "minilm") == {} and entity_vectors([a], None, "e5") == {}
