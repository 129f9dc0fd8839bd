"""ingest.fuzzy_names: the general rule for OCR-damaged names, and its measured precision and recall.

The measurement runs the rule over real text that names organizations correctly (a sample of
100 Security Council resolutions) and over synthetic OCR damage of every long name of the
reference data; it prints what it finds and asserts only generous bounds.
"""

from __future__ import annotations

import doctest
import random
import re
from pathlib import Path

import pytest

import ingest.fuzzy_names
from ingest.fuzzy_names import DEFAULT_RULE, FuzzyRule
from ingest.gazetteer import TOKEN, Gazetteer, fold
from tests.conftest import shared_or_skip
from tests.ingest.conftest import IRIS


def test_doctests() -> None:
    assert doctest.testmod(ingest.fuzzy_names).failed == 0


def found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.iri.rsplit("/", 1)[-1], m.source) for m in gazetteer.find(text)]


# Damage written by hand with the usual OCR confusions (m/rn, l/1/i, e/c, d/cl, h/b ...).
@pytest.mark.parametrize(("text", "expected"), [
    ("the Organization of Arnerican States", [("Organization of Arnerican States", "oas", "fuzzy")]),
    ("the United Nations Office on Drugs and Crirne said",
     [("United Nations Office on Drugs and Crirne", "unodc", "fuzzy")]),
    ("Inter-American Comrnittee against Terrorism",
     [("Inter-American Comrnittee against Terrorism", "cicte", "fuzzy")]),
    ("Inter American Committee against Terrorism", [("Inter American Committee against Terrorism", "cicte", "fuzzy")]),
    ("a la Organización de los Estados Amerlcanos", [("Organización de los Estados Amerlcanos", "oas", "fuzzy")]),
    ("le Conseil de sécurlté", [("Conseil de sécurlté", "unsc", "fuzzy")]),
    ("the Departrnent of Public Security", [("Departrnent of Public Security", "oas-dps", "fuzzy")]),
    ("Republica Dorninicana", [("Republica Dorninicana", "DOM", "fuzzy")]),
    ("United Nations Interim Force in Leba-\nnon", [("United Nations Interim Force in Leba", "unifil", "fuzzy")]),
])
def test_damaged_long_names_are_read(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(gazetteer, text) == expected


@pytest.mark.parametrize(("text", "not_iri"), [
    ("Invites States to report", "USA"),                # "Invites" is no misreading of "United"
    ("the South Africans", "ZAF"),                      # a word with letters added is another word
    ("the King of Morocco", "MAR"),                     # a word cut short mid-line is another word
    ("the Hashemite Kingdom of Transjordan", "JOR"),
    ("the Falkiand Islands", "ALA"),                    # too many letters apart from "Aland"
    ("United Nations Observer Mission in Liberia", "unomig"),
    ("the Inter-American Commission against Terrorism", "cicte"),  # "Commission" is a word the gazetteer knows
    ("Costa Rican police", "CRI"),
])
def test_other_names_are_not_misread(gazetteer: Gazetteer, text: str, not_iri: str) -> None:
    assert not [m for m in found(gazetteer, text) if m[1] == not_iri and m[2] == "fuzzy"]


def test_acronyms_and_short_names_stay_exact(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "the 0AS and CICTF and Perú") == [("Perú", "PER", "gazetteer")]


def test_the_rule_can_be_turned_off(gazetteer: Gazetteer) -> None:
    exact = Gazetteer(gazetteer.entries, fuzzy=None)
    assert exact.fuzzy is None and exact.find("the Organization of Arnerican States") == []


# --- measurement ------------------------------------------------------------------------------------

CONFUSIONS = (("m", "rn"), ("rn", "m"), ("l", "1"), ("1", "l"), ("i", "l"), ("l", "i"), ("e", "c"), ("c", "e"),
              ("o", "0"), ("a", "o"), ("h", "b"), ("n", "u"), ("u", "n"), ("cl", "d"), ("d", "cl"), ("S", "5"),
              ("t", "f"), ("r", "t"), ("li", "h"), ("ri", "n"), ("w", "vv"), ("I", "l"), ("g", "q"), ("O", "0"),
              ("s", "a"), ("E", "F"))
FRAME = "The report of the {} was welcomed."


def damaged(name: str, misreads: int, rng: random.Random) -> str | None:
    out = name
    for _ in range(misreads):
        options = [(m.start(), a, b) for a, b in CONFUSIONS for m in re.finditer(re.escape(a), out)]
        if not options:
            return None
        i, a, b = rng.choice(options)
        out = out[:i] + b + out[i + len(a):]
    return out


def synthetic_scores(gazetteer: Gazetteer, rule: FuzzyRule) -> tuple[float, float, dict[int, float]]:
    """Precision and recall on OCR damage of every long State and Organization name.

    A hit is right when a mention of the damaged name's entity covers the damaged name; wrong when
    a fuzzy mention over it names an entity the undamaged sentence does not name.
    """
    population = Gazetteer(gazetteer.entries, fuzzy=FuzzyRule(min_chars=10))
    assert population.fuzzy is not None
    exact = Gazetteer(gazetteer.entries, fuzzy=None)
    fuzzy = Gazetteer(gazetteer.entries, fuzzy=rule)
    known = {" ".join(fold(t) for t in TOKEN.findall(e.text)) for e in gazetteer.entries}
    rng = random.Random(1540)
    tp = fp = fn = 0
    by_misreads = {1: [0, 0], 2: [0, 0]}
    for name in population.fuzzy.names:
        entry = name.entry
        for misreads in (1, 2):
            text = damaged(entry.text, misreads, rng)
            if text is None or text == entry.text or " ".join(fold(t) for t in TOKEN.findall(text)) in known:
                continue
            start, end = FRAME.index("{}"), FRAME.index("{}") + len(text)
            mentions = fuzzy.find(FRAME.format(text))
            named = {m.iri for m in exact.find(FRAME.format(entry.text))}
            right = any(m.iri == entry.iri and m.start <= start + 2 and m.end >= end - 2 for m in mentions)
            wrong = any(m.source == "fuzzy" and m.iri not in named and m.start < end and start < m.end
                        for m in mentions)
            tp, fp, fn = tp + right, fp + (wrong and not right), fn + (not right and not wrong)
            by_misreads[misreads][0] += right
            by_misreads[misreads][1] += 1
    return tp / (tp + fp), tp / (tp + fn), {k: hit / total for k, (hit, total) in by_misreads.items()}


def real_hits(gazetteer: Gazetteer, rule: FuzzyRule, texts: list[tuple[str, str]]) -> list[str]:
    g = Gazetteer(gazetteer.entries, fuzzy=rule)
    return [f"{name}: {m.text!r} -> {m.iri.rsplit('/', 1)[-1]}" for name, text in texts
            for m in g.find(text) if m.source == "fuzzy"]


def test_fuzzy_rule_measured(gazetteer: Gazetteer) -> None:
    root = shared_or_skip("corpus", "unsc-resolutions")
    paths = sorted(Path(root).glob("*.txt"))[::8][:100]
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in paths]
    rules = {"chosen (default)": DEFAULT_RULE,
             "looser: 10 chars, ratio 80, word 60": FuzzyRule(min_chars=10, min_score=80, min_word_score=60),
             "stricter: 15 chars, ratio 90, word 80": FuzzyRule(min_chars=15, min_score=90, min_word_score=80)}
    print(f"\nfuzzy names, real text = {len(texts)} Security Council resolutions (every fuzzy hit printed)")
    results = {}
    for label, rule in rules.items():
        hits = real_hits(gazetteer, rule, texts)
        precision, recall, by_misreads = synthetic_scores(gazetteer, rule)
        results[label] = (hits, precision, recall, by_misreads)
        print(f"  {label:40} real hits {len(hits):2}  synthetic P {precision:.3f} R {recall:.3f} "
              f"(1 misread {by_misreads[1]:.2f}, 2 misreads {by_misreads[2]:.2f})")
        for hit in hits:
            print("      ", hit)
    hits, precision, recall, by_misreads = results["chosen (default)"]
    assert len(hits) <= 5, hits  # real text names organizations correctly: few hits, each an OCR error
    assert precision >= 0.97 and recall >= 0.6 and by_misreads[1] >= 0.8, (precision, recall, by_misreads)


def test_fuzzy_rule_is_cheap(gazetteer: Gazetteer) -> None:
    import time

    root = shared_or_skip("corpus", "unsc-resolutions")
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(root).glob("*.txt"))[:200]]
    exact = Gazetteer(gazetteer.entries, fuzzy=None)
    began = time.perf_counter()
    for text in texts:
        exact.find(text)
    exact_s = time.perf_counter() - began
    began = time.perf_counter()
    for text in texts:
        gazetteer.find(text)
    assert time.perf_counter() - began < 4 * exact_s + 1.0


def test_reference_gazetteer_uses_the_rule() -> None:
    from ingest.gazetteer import reference_gazetteer

    g = reference_gazetteer(IRIS)
    assert g.fuzzy is not None and g.fuzzy.rule == DEFAULT_RULE and len(g.fuzzy) > 1000
