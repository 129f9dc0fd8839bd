"""Which value line belongs to which field label, when the PDF layout separated them.

Pure functions over small records. A label and a value on the same line go together for
certain. Otherwise labels and values of one *cluster* (field lines with nothing but blank
lines between them) are matched by the assignment with the best total score, where a
score adds

* type compatibility (a list of states fits beneficiaries or donors, a URL the web link,
  a single pillar word the pillar, a year the start or completion),
* closeness in the layout (adjacent lines),
* body evidence: the share of the value's states that the prose names in a funding clause
  (donors) or elsewhere (beneficiaries).

Values left over are matched against the block's labels that got nothing, or an implicit
beneficiaries field. Every assignment not read off one line carries a confidence under 1.0
and a note saying how it was decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Field key → value kind → how well the kind fits the field.
COMPATIBLE: dict[str, dict[str, float]] = {
    "beneficiary": {"states": 1.0, "members": 1.2},
    "donor": {"states": 1.0, "orgs": 0.5},
    "partner": {"orgs": 1.0, "text": 0.8},
    "executing": {"orgs": 1.0, "text": 0.8},
    "start": {"year": 1.0},
    "end": {"year": 1.0},
    "period": {"year": 1.0},
    "budget": {"text": 1.0, "year": 0.2},
    "contact": {"text": 1.0, "url": 0.5},
    "pillar": {"pillar": 1.0, "text": 0.3},
    "link": {"url": 1.0},
    "status": {"text": 0.8},
}
NULL_SCORE = 0.1
MAX_EXACT = 7  # clusters larger than this are matched greedily


@dataclass(frozen=True)
class FieldLabel:
    key: str
    start: int
    end: int
    pos: int  # order of the item in the block's field lines
    cluster: int


@dataclass(frozen=True)
class FieldValue:
    start: int
    end: int
    pos: int
    cluster: int
    kind: str  # states | members | orgs | url | year | pillar | null | text
    n_items: int = 1
    inline: int | None = None  # pos of the label on the same line
    funding: float = 0.0  # share of its states the prose names in a funding clause
    activity: float = 0.0  # share of its states the prose names elsewhere


@dataclass(frozen=True)
class Assignment:
    key: str
    value: FieldValue
    confidence: float
    note: str | None
    label: FieldLabel | None


def fit(key: str, v: FieldValue) -> float | None:
    """How well value ``v`` fits field ``key`` without layout: ``None`` when it cannot.

    >>> paid = FieldValue(0, 6, 0, 0, "states", funding=1.0)
    >>> fit("donor", paid) > fit("beneficiary", paid)
    True
    """
    if v.kind == "null":
        return NULL_SCORE
    base = COMPATIBLE.get(key, {}).get(v.kind)
    if base is None:
        return None
    if key == "donor":
        return base + 2.0 * v.funding - max(0.0, v.activity - v.funding)
    if key == "beneficiary":
        return base + v.activity - 2.0 * v.funding
    return base


def _match_score(label: FieldLabel, v: FieldValue) -> float | None:
    """:func:`_score`, except that a list of states far from the label and named in another role in the
    text is not matched to it: it is left for a field that fits it (the beneficiaries a sheet always has)."""
    base = fit(label.key, v)
    if base is not None and v.kind in ("states", "members") and base < 0.5 and abs(label.pos - v.pos) > 1:
        return None
    return _score(label, v)


def _score(label: FieldLabel, v: FieldValue) -> float | None:
    base = fit(label.key, v)
    gap = abs(label.pos - v.pos)
    if base is None:
        return None
    return base + (0.6 if gap == 1 else 0.2 / max(gap, 1))


def assign_fields(labels: Sequence[FieldLabel], values: Sequence[FieldValue]) -> list[Assignment]:
    """Every value's field, with a confidence; values that fit nothing are left out.

    >>> labels = [FieldLabel("donor", 0, 5, 0, 0), FieldLabel("beneficiary", 6, 9, 1, 0)]
    >>> values = [FieldValue(10, 20, 2, 0, "states", 3, funding=1.0),
    ...           FieldValue(21, 30, 3, 0, "states", 5, activity=1.0)]
    >>> [(a.key, a.value.start, a.confidence) for a in assign_fields(labels, values)]
    [('donor', 10, 0.9), ('beneficiary', 21, 0.9)]
    """
    out: list[Assignment] = []
    by_pos = {lab.pos: lab for lab in labels}
    taken: set[int] = set()
    rest: list[FieldValue] = []
    lab: FieldLabel | None
    for v in values:
        if v.inline is not None and v.inline in by_pos:
            lab = by_pos[v.inline]
            ok = fit(lab.key, v) is not None
            out.append(Assignment(lab.key, v, 1.0 if ok else 0.5, None if ok else "value does not look like the field",
                                  lab))
            taken.add(lab.pos)
        else:
            rest.append(v)
    left: list[FieldValue] = []
    for cluster in sorted({v.cluster for v in rest}):
        open_labels = [lab for lab in labels if lab.cluster == cluster and lab.pos not in taken]
        cvalues = [v for v in rest if v.cluster == cluster]
        for v, lab in _best_matching(open_labels, cvalues):
            if lab is None:
                left.append(v)
                continue
            taken.add(lab.pos)
            conf, note = _cluster_confidence(v, lab, open_labels)
            out.append(Assignment(lab.key, v, conf, note, lab))
    out.extend(_orphans(left, [lab for lab in labels if lab.pos not in taken], out))
    return sorted(out, key=lambda a: a.value.start)


def _best_matching(labels: list[FieldLabel], values: list[FieldValue]) -> list[tuple[FieldValue, FieldLabel | None]]:
    if len(values) > MAX_EXACT or len(labels) > MAX_EXACT:
        return _greedy(labels, values)
    best: tuple[float, list[FieldLabel | None]] = (float("-inf"), [])

    def search(i: int, used: frozenset[int], total: float, chosen: list[FieldLabel | None]) -> None:
        nonlocal best
        if i == len(values):
            if total > best[0]:
                best = (total, list(chosen))
            return
        search(i + 1, used, total, chosen + [None])
        for lab in labels:
            if lab.pos in used:
                continue
            s = _match_score(lab, values[i])
            if s is not None and s > 0:
                search(i + 1, used | {lab.pos}, total + s, chosen + [lab])

    search(0, frozenset(), 0.0, [])
    return list(zip(values, best[1]))


def _greedy(labels: list[FieldLabel], values: list[FieldValue]) -> list[tuple[FieldValue, FieldLabel | None]]:
    pairs = sorted(((s, v.pos, lab.pos, v, lab) for v in values for lab in labels
                    if (s := _match_score(lab, v)) is not None and s > 0), key=lambda p: (-p[0], p[1], p[2]))
    used_v: dict[int, FieldLabel] = {}
    used_l: set[int] = set()
    for _, vp, lp, _v, lab in pairs:
        if vp not in used_v and lp not in used_l:
            used_v[vp] = lab
            used_l.add(lp)
    return [(v, used_v.get(v.pos)) for v in values]


def _cluster_confidence(v: FieldValue, lab: FieldLabel, open_labels: list[FieldLabel]) -> tuple[float, str | None]:
    if v.kind == "null":
        return 1.0, None
    mine = _score(lab, v) or 0.0
    others = [s for other in open_labels if other.pos != lab.pos and other.key != lab.key
              and (s := _score(other, v)) is not None and fit(other.key, v) != NULL_SCORE]
    adjacent = abs(lab.pos - v.pos) == 1
    if not others:
        conf = 0.95 if adjacent else 0.85
        note = ("value line next to its label" if adjacent
                else "value line in the label's block; only this field fits it")
    else:
        margin = mine - max(others)
        conf = 0.9 if margin >= 1.5 else 0.75 if margin >= 0.7 else 0.55
        note = ("label and value on different lines; chosen over other fields by layout and body evidence "
                f"(margin {margin:.1f})")
    if lab.key == "donor" and v.kind == "states" and v.n_items == 1 and v.funding == 0 and v.activity == 0:
        return 0.4, ("a single state next to the donor label, no list and no funding in the text: "
                     "the layout does not say it is this field's value")
    if lab.key == "donor" and v.kind == "states" and v.funding == 0 and v.activity > 0:
        return min(conf, 0.45), "by the donor label, but the text names these states only as places it works"
    if lab.key == "beneficiary" and v.kind == "states" and v.funding > 0 and v.activity == 0:
        return min(conf, 0.45), "by the beneficiaries label, but the text names these states only as payers"
    return conf, note


def _orphans(values: list[FieldValue], open_labels: list[FieldLabel], done: list[Assignment]) -> list[Assignment]:
    """Values with no label near them: the block's empty labels, or the beneficiaries a sheet always has."""
    out: list[Assignment] = []
    has_beneficiary = any(a.key == "beneficiary" for a in done) or any(lab.key == "beneficiary" for lab in open_labels)
    candidates: list[FieldLabel | None] = list(open_labels)
    if not has_beneficiary:
        candidates.append(None)  # the implicit beneficiaries field
    used: set[int] = set()
    for v in values:
        if v.kind not in ("states", "members", "orgs"):
            continue
        scored = []
        for lab in candidates:
            key = lab.key if lab is not None else "beneficiary"
            if lab is not None and lab.pos in used:
                continue
            s = fit(key, v)
            if s is not None and s > 0:
                scored.append((s - (0.1 if lab is None else 0.0), key, lab))
        if not scored:
            continue
        scored.sort(key=lambda t: -t[0])
        s, key, lab = scored[0]
        if lab is not None:
            used.add(lab.pos)
        if v.kind == "orgs":
            conf = 0.6 if len(scored) == 1 else 0.45
            note = f"value line far from any label; {key} is the only open field it fits"
        else:
            evidence = v.funding if key == "donor" else v.activity
            conf = 0.7 if evidence >= 0.5 else 0.45
            note = (f"value line far from any label; taken as {key} because the text names "
                    f"{int(round(evidence * 100))}% of its entries in that role")
        out.append(Assignment(key, v, conf, note, lab))
    return out
