"""Re-layout a program sheet the way another PDF extraction of it would: same facts, new layout.

A development sheet is turned into variants, each a recipe of perturbations (one of them,
or all) applied in a fixed order, every random choice drawn from a generator seeded by
(seed, document, recipe, perturbation), so a variant is a pure function of its inputs:

| perturbation | what it does |
|---|---|
| ``reorder`` | moves whole sections to another order: a heading with what follows it, a field group |
| | (with the block above it when its first label stands bare); the sheet's head stays first |
| ``relabel`` | replaces section and field labels by a synonym, or by the same label in another of |
| | en/es/pt/fr (:mod:`evaluation.relayout_lexicon`) |
| ``rewrap`` | re-wraps prose paragraphs at another width (line-end hyphens re-joined first) |
| ``columns`` | merges two adjacent blocks as a two-column page reads when extracted line by line |
| | (their lines interleaved) |
| ``furniture`` | cuts the text into pages, with a running header, a date and page numbers ("Page 2 of 3") |
| ``ocr`` | character noise at a small rate (rn/m, l/1, O/0, dropped accents) and words hyphenated at line ends |

Nothing here knows the extractor's rules or the gold values: facts survive because labels
and values are only ever moved together and words are never dropped, only re-wrapped,
relabelled or (``ocr``) garbled at :data:`OCR_WORD_RATE`.

>>> text = "PROGRAM SUMMARY\\n\\nThe Port Program helps ports in Canada.\\n\\nDonor Countries   Canada\\n"
>>> v = relayout(text, document="port", language="en", recipe=recipe("all"), seed=1)
>>> v == relayout(text, document="port", language="en", recipe=recipe("all"), seed=1), "Canada" in v.text
(True, True)
"""

from __future__ import annotations

import hashlib
import random
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from evaluation.relayout_lexicon import (DATE_FORMATS, HEADING_KINDS, LANGUAGES, MONTHS, PAGE_FOOTERS,
                                         RUNNING_HEADERS, SECTION_LABELS)
from evaluation.sheet_layout import COLUMN_GAP, blocks, dehyphenate, find_label, fold, is_prose
from ontology import folding

PERTURBATIONS = ("reorder", "relabel", "rewrap", "columns", "furniture", "ocr")
#: Share of words the ``ocr`` perturbation garbles, and of prose line ends it hyphenates.
OCR_WORD_RATE = 0.02
OCR_HYPHEN_RATE = 0.15
WRAP_WIDTHS = (58, 72, 84, 96, 112)


@dataclass(frozen=True)
class Recipe:
    name: str
    steps: tuple[str, ...]


#: One recipe per perturbation, so a loss can be put down to one, and one with them all.
RECIPES: tuple[Recipe, ...] = (*(Recipe(p, (p,)) for p in PERTURBATIONS), Recipe("all", PERTURBATIONS))


@dataclass(frozen=True)
class Change:
    step: str
    detail: str


@dataclass(frozen=True)
class Variant:
    document: str
    language: str
    recipe: str
    seed: int
    text: str
    changes: tuple[Change, ...]
    furniture: tuple[str, ...]  # lines the furniture step added (not sheet content)

    @property
    def name(self) -> str:
        return f"{self.document}~{self.recipe}~{self.seed}"


def recipe(name: str) -> Recipe:
    """A recipe of :data:`RECIPES` by name."""
    for r in RECIPES:
        if r.name == name:
            return r
    raise KeyError(name)


def pick_recipes(document: str, count: int, seed: int = 0) -> tuple[Recipe, ...]:
    """``count`` consecutive recipes (cyclically) from a start that the document and seed decide,
    so that over many sheets every recipe is used about equally often.

    >>> [r.name for r in pick_recipes("pacam", 3)] == [r.name for r in pick_recipes("pacam", 3)]
    True
    >>> len({r.name for r in pick_recipes("pacam", len(RECIPES))}) == len(RECIPES)
    True
    """
    count = max(0, min(count, len(RECIPES)))
    start = int(hashlib.sha256(f"{seed}:{document}".encode()).hexdigest(), 16) % len(RECIPES)
    return tuple(RECIPES[(start + i) % len(RECIPES)] for i in range(count))


def variants(text: str, *, document: str, language: str, count: int, seed: int = 0) -> list[Variant]:
    """``count`` variants of one sheet, one per recipe of :func:`pick_recipes`."""
    return [relayout(text, document=document, language=language, recipe=r, seed=seed)
            for r in pick_recipes(document, count, seed)]


def relayout(text: str, *, document: str, language: str, recipe: Recipe, seed: int = 0) -> Variant:
    """One variant of ``text``: the recipe's steps in :data:`PERTURBATIONS` order. Pure and deterministic."""
    lines = text.replace("\r\n", "\n").split("\n")
    changes: list[Change] = []
    furniture: list[str] = []
    for step in PERTURBATIONS:
        if step not in recipe.steps:
            continue
        rng = random.Random(f"{seed}:{document}:{recipe.name}:{step}")
        if step == "reorder":
            lines = _reorder(lines, rng, changes)
        elif step == "relabel":
            lines = _relabel(lines, rng, language, changes)
        elif step == "rewrap":
            lines = _rewrap(lines, rng, changes)
        elif step == "columns":
            lines = _columns(lines, rng, changes)
        elif step == "furniture":
            lines = _furniture(lines, rng, language, changes, furniture)
        elif step == "ocr":
            lines = _ocr(lines, rng, changes, set(furniture))
    return Variant(document, language, recipe.name, seed, "\n".join(lines), tuple(changes), tuple(furniture))


# --- perturbations -------------------------------------------------------------------------------

def _units(lines: Sequence[str]) -> list[tuple[int, int]]:
    """Line ranges that move as wholes: the head, then each heading or field group with what follows."""
    spans = blocks(lines)
    starts: list[int] = []
    for b, (s, _) in enumerate(spans):
        hit = find_label(lines[s])
        if hit is None:
            continue
        bare = not lines[s][hit.end:].strip(" .:")
        if hit.kind not in HEADING_KINDS and bare and b > 0 and (not starts or starts[-1] < b - 1):
            prev_s, _ = spans[b - 1]
            if find_label(lines[prev_s]) is None:  # a value printed above its bare label moves with it
                starts.append(b - 1)
                continue
        if not starts or starts[-1] != b:
            starts.append(b)
    if not starts:
        return [(0, len(lines))]
    cuts = [0] + [spans[b][0] for b in starts if spans[b][0] > 0] + [len(lines)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if a < b]


def _reorder(lines: list[str], rng: random.Random, changes: list[Change]) -> list[str]:
    units = _units(lines)
    head, rest = units[0], units[1:]
    if len(rest) < 2:
        return lines
    order = list(range(len(rest)))
    for _ in range(10):
        rng.shuffle(order)
        if order != sorted(order):
            break
    out = list(lines[head[0]:head[1]])
    for i in order:
        a, b = rest[i]
        chunk = list(lines[a:b])
        while chunk and not chunk[-1].strip():
            chunk.pop()
        if out and out[-1].strip():
            out.append("")
        out += chunk + [""]
    changes.append(Change("reorder", f"{len(rest)} sections in order {order}"))
    return out


def _case_like(new: str, old: str) -> str:
    if old.isupper():
        return new.upper()
    words = old.split()
    if len(words) > 1 and words[1][:1].islower():  # sentence case: "Países donantes"
        return " ".join(w.lower() if i > 0 and w.istitle() and "'" not in w else w
                        for i, w in enumerate(new.split()))
    return new


def _relabel(lines: list[str], rng: random.Random, language: str, changes: list[Change]) -> list[str]:
    out = []
    for line in lines:
        hit = find_label(line)
        if hit is None:
            out.append(line)
            continue
        old = line[hit.start:hit.end]
        same = [x for x in SECTION_LABELS[hit.kind].get(language, ()) if fold(x) != fold(old)]
        other = [x for lang in LANGUAGES if lang != language for x in SECTION_LABELS[hit.kind].get(lang, ())
                 if fold(x) != fold(old)]
        pool = same if same and (not other or rng.random() < 0.5) else other
        new = _case_like(rng.choice(pool), old)
        rest = line[hit.end:]
        if rest.strip() and COLUMN_GAP.match(rest) and not rest.lstrip().startswith(":"):
            gap = len(rest) - len(rest.lstrip())
            rest = " " * max(2, gap + len(old) - len(new)) + rest.lstrip()
        out.append(line[:hit.start] + new + rest)
        changes.append(Change("relabel", f"{old} → {new}"))
    return out


def _rewrap(lines: list[str], rng: random.Random, changes: list[Change]) -> list[str]:
    out: list[str] = []
    done = 0
    width = rng.choice(WRAP_WIDTHS)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and is_prose(lines[j]):
            j += 1
        if j - i >= 2 or (j - i == 1 and len(lines[i].strip()) > width):
            paragraph = dehyphenate(lines[i:j])
            out += textwrap.wrap(paragraph, width=width, break_long_words=False, break_on_hyphens=False)
            done += 1
            i = j
        else:
            out.append(lines[i])
            i += 1
    if done:
        changes.append(Change("rewrap", f"{done} paragraphs at width {width}"))
    return out


def _columns(lines: list[str], rng: random.Random, changes: list[Change]) -> list[str]:
    # A block of bare labels and the block of values under it are one column (a field box).
    columns: list[tuple[int, int]] = []
    for s, e in blocks(lines):
        if columns and _bare_labels(lines[columns[-1][0]:columns[-1][1]]) and columns[-1][1] <= s:
            columns[-1] = (columns[-1][0], e)
        else:
            columns.append((s, e))
    pairs = [(a, b) for a, b in zip(columns, columns[1:]) if a[1] - a[0] >= 2 and b[1] - b[0] >= 2]
    if not pairs:
        return lines
    (a0, a1), (b0, b1) = rng.choice(pairs)
    left = [x for x in lines[a0:a1] if x.strip()]
    right = [x for x in lines[b0:b1] if x.strip()]
    merged: list[str] = []
    for k in range(max(len(left), len(right))):
        merged += [x for x in (left[k] if k < len(left) else None, right[k] if k < len(right) else None)
                   if x is not None]
    changes.append(Change("columns", f"lines {a0}-{a1} and {b0}-{b1} interleaved"))
    return lines[:a0] + merged + lines[b1:]


def _bare_labels(block: Sequence[str]) -> bool:
    """Whether a block is only labels without their values (the values follow in the next block)."""
    hits = [find_label(x) for x in block if x.strip()]
    return bool(hits) and all(h is not None and not x[h.end:].strip(" .:") for h, x in
                              zip(hits, [x for x in block if x.strip()]))


def _furniture(lines: list[str], rng: random.Random, language: str, changes: list[Change],
               furniture: list[str]) -> list[str]:
    pages = 2 if len(lines) < 45 else 3
    header = rng.choice(RUNNING_HEADERS.get(language, RUNNING_HEADERS["en"]))
    footer = rng.choice(PAGE_FOOTERS.get(language, PAGE_FOOTERS["en"]))
    month = rng.choice(MONTHS.get(language, MONTHS["en"]))
    date = DATE_FORMATS.get(language, DATE_FORMATS["en"]).format(month=month, year=rng.randint(2009, 2019))
    size = -(-len(lines) // pages)
    cuts = [min(len(lines), k * size + rng.randint(-3, 3)) if 0 < k < pages else k * size for k in range(pages)]
    cuts = sorted({max(0, c) for c in cuts}) + [len(lines)]
    out: list[str] = []
    for n, (a, b) in enumerate(zip(cuts, cuts[1:]), start=1):
        top = [f"{header}{' ' * 8}{date}", ""]
        bottom = ["", footer.format(n=n, total=len(cuts) - 1)]
        furniture += [x for x in (*top, *bottom) if x.strip()]
        out += top + lines[a:b] + bottom
    changes.append(Change("furniture", f"{len(cuts) - 1} pages, header {header!r}, footer {footer!r}"))
    return out


_OCR_SWAPS = (("rn", "m"), ("m", "rn"), ("l", "1"), ("O", "0"), ("0", "O"), ("1", "l"))


def _ocr(lines: list[str], rng: random.Random, changes: list[Change], furniture: set[str]) -> list[str]:
    garbled = hyphenated = 0
    out = []
    for line in lines:
        if line.strip() in furniture:
            out.append(line)
            continue
        words = re.split(r"(\s+)", line)
        for k in range(0, len(words), 2):
            w = words[k]
            if len(w) < 3 or rng.random() >= OCR_WORD_RATE:
                continue
            options = [(a, b) for a, b in _OCR_SWAPS if a in w]
            if any(ord(c) > 127 for c in w):
                options.append(("accent", ""))
            if not options:
                continue
            a, b = rng.choice(options)
            if a == "accent":
                words[k] = folding.fold(w, keep_case=True) or w
            else:
                at = [m.start() for m in re.finditer(re.escape(a), w)]
                p = rng.choice(at)
                words[k] = w[:p] + b + w[p + len(a):]
            garbled += 1
        out.append("".join(words))
    for i in range(len(out) - 1):
        if not (is_prose(out[i]) and is_prose(out[i + 1])) or rng.random() >= OCR_HYPHEN_RATE:
            continue
        nxt = out[i + 1].lstrip()
        first = nxt.split(" ", 1)[0]
        if len(first) >= 7 and first.isalpha():
            cut = rng.randint(3, len(first) - 3)
            out[i] = out[i].rstrip() + " " + first[:cut] + "-"
            out[i + 1] = first[cut:] + nxt[len(first):]
            hyphenated += 1
    if garbled or hyphenated:
        changes.append(Change("ocr", f"{garbled} words garbled, {hyphenated} words hyphenated at line ends"))
    return out
