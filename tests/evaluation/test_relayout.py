"""The re-layout generator: every perturbation does its job, keeps the sheet's words, and is deterministic.

Run over the development sheets shipped in ``data/sample`` (the same texts as
``../shared/corpus/oas-programs``). "Keeps the facts" is checked without the extractor and
without the gold: apart from labels (replaced on purpose), page furniture (added) and
line-end hyphens (re-joined), a variant has exactly the words of its sheet, so every fact
the sheet states is still stated; OCR noise changes a small share of words and no more.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from evaluation.relayout import OCR_WORD_RATE, PERTURBATIONS, RECIPES, pick_recipes, recipe, relayout, variants
from evaluation.relayout_lexicon import SECTION_LABELS
from evaluation.sheet_layout import find_label, fold
from tests.conftest import SAMPLE, SHARED

SHEETS = sorted(p for p in SAMPLE.glob("*.txt"))
FACTS = SHARED / "eval" / "oas-program-facts.jsonl"
LANGUAGE = ({r["document"]: r["language"] for r in map(json.loads, FACTS.read_text().splitlines()) if r}
            if FACTS.exists() else {})
LABEL_WORDS = {w for by_lang in SECTION_LABELS.values() for labels in by_lang.values() for label in labels
               for w in re.findall(r"\w+", fold(label))}


def words(text: str, furniture: tuple[str, ...] = ()) -> Counter[str]:
    """The sheet's words: furniture lines out, line-end hyphens re-joined, label words out, folded."""
    kept = "\n".join(line for line in text.split("\n") if line.strip() not in set(furniture))
    kept = re.sub(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[^\W\d_])", "-\n", kept)
    kept = re.sub(r"-\n(?=[a-zà-ÿ])", "", kept)
    kept = kept.replace("-\n", "-")
    return Counter(w for w in re.findall(r"\w+", fold(kept)) if w not in LABEL_WORDS)


def sheet(path: Path) -> tuple[str, str, str]:
    return path.stem, LANGUAGE.get(path.stem, "en"), path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.stem)
@pytest.mark.parametrize("step", [p for p in PERTURBATIONS if p != "ocr"])
def test_structural_perturbations_keep_every_word(path: Path, step: str) -> None:
    doc, lang, text = sheet(path)
    v = relayout(text, document=doc, language=lang, recipe=recipe(step), seed=0)
    assert words(v.text, v.furniture) == words(text)


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.stem)
def test_ocr_noise_stays_small(path: Path) -> None:
    doc, lang, text = sheet(path)
    v = relayout(text, document=doc, language=lang, recipe=recipe("ocr"), seed=0)
    before, after = words(text), words(v.text)
    changed = sum((before - after).values())
    assert changed <= max(3, 4 * OCR_WORD_RATE * sum(before.values()))


@pytest.mark.parametrize("step", PERTURBATIONS)
def test_each_perturbation_changes_most_sheets_and_says_so(step: str) -> None:
    done = 0
    for path in SHEETS:
        doc, lang, text = sheet(path)
        v = relayout(text, document=doc, language=lang, recipe=recipe(step), seed=0)
        steps = {c.step for c in v.changes}
        assert steps <= {step}
        if step in steps:
            assert v.text != text
            done += 1
    assert done >= len(SHEETS) - 2, f"{step} applied to {done} of {len(SHEETS)} sheets"


@pytest.mark.parametrize(("step", "check"), [
    ("reorder", lambda text, v: sorted(text.split("\n\n")) != text.split("\n\n")),
    ("relabel", lambda text, v: all(fold(a) != fold(b) for a, b in (c.detail.split(" → ") for c in v.changes))),
    ("rewrap", lambda text, v: max(map(len, v.text.split("\n"))) != max(map(len, text.split("\n")))),
    ("columns", lambda text, v: "interleaved" in v.changes[0].detail),
    ("furniture", lambda text, v: v.furniture and all(f in v.text for f in v.furniture)
     and re.search(r"(?m)^(?:- \d+ -|\d+|Page \d+ (?:of|sur) \d+|Página \d+ de \d+|p(?:ág)?\. \d+/\d+)$", v.text)),
    ("ocr", lambda text, v: v.text != text),
])
def test_what_each_perturbation_produces(step: str, check) -> None:  # type: ignore[no-untyped-def]
    doc, lang, text = sheet(SAMPLE / "cicte-cybersecurity-program.txt")
    v = relayout(text, document=doc, language=lang, recipe=recipe(step), seed=3)
    assert v.changes and check(text, v)


def test_relabelling_uses_other_languages_and_synonyms() -> None:
    replaced = []
    for path in SHEETS:
        doc, lang, text = sheet(path)
        for seed in range(3):
            v = relayout(text, document=doc, language=lang, recipe=recipe("relabel"), seed=seed)
            replaced += [c.detail.split(" → ")[1] for c in v.changes]
    kinds = {find_label(label).kind for label in replaced if find_label(label)}  # type: ignore[union-attr]
    assert {"beneficiaries", "donors", "summary", "objectives"} <= kinds
    langs = {lang for label in replaced for by_lang in SECTION_LABELS.values() for lang, labels in by_lang.items()
             if fold(label) in {fold(x) for x in labels}}
    assert langs == {"en", "es", "pt", "fr"}


def test_variants_are_deterministic_given_a_seed() -> None:
    doc, lang, text = sheet(SAMPLE / "pacam.txt")
    a = variants(text, document=doc, language=lang, count=len(RECIPES), seed=7)
    b = variants(text, document=doc, language=lang, count=len(RECIPES), seed=7)
    c = variants(text, document=doc, language=lang, count=len(RECIPES), seed=8)
    assert [v.text for v in a] == [v.text for v in b]
    assert {v.recipe for v in a} == {r.name for r in RECIPES}
    by_recipe = {v.recipe: v.text for v in c}
    assert any(by_recipe[v.recipe] != v.text for v in a)


def test_the_variant_count_is_bounded_and_spread_over_recipes() -> None:
    picked = Counter(r.name for p in SHEETS for r in pick_recipes(p.stem, 3))
    assert sum(picked.values()) == 3 * len(SHEETS)
    assert set(picked) == {r.name for r in RECIPES}
    assert len(pick_recipes("x", 99)) == len(RECIPES) and pick_recipes("x", 0) == ()


def test_the_lexicon_is_not_the_gold() -> None:
    if not FACTS.exists():
        pytest.skip("../shared/eval is not here")
    gold_strings = set()
    for record in map(json.loads, FACTS.read_text().splitlines()):
        gold_strings |= {fold(record["program"]["label"])} | {
            fold(v) for f in ("implementedBy", "partner", "donor", "mandatedBy") for v in record[f]}
    lexicon = {fold(x) for by_lang in SECTION_LABELS.values() for labels in by_lang.values() for x in labels}
    assert not gold_strings & lexicon
