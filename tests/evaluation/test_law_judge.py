"""The law-metadata judge: title, number, date, jurisdiction and versions, scored field by field."""

from __future__ import annotations

from evaluation.gold import LawFacts
from evaluation.laws import StoredLaw, judge, number_key, title_matches


def gold(doc: str, **kw: object) -> LawFacts:
    base: dict[str, object] = {"document": doc, "title": "Harbour Security Act", "jurisdiction": "CAN",
                               "language": "en", "number": "S.C. 2011, c. 8", "date": "2011-03-24",
                               "parallel_version_of": None}
    base.update(kw)
    return LawFacts(**base)  # type: ignore[arg-type]


def stored(doc: str, **kw: set[str]) -> StoredLaw:
    s = StoredLaw(doc, works={"w"}, languages={"en"}, titles={"Harbour Security Act"}, numbers={"S.C. 2011, c. 8"},
                  jurisdictions={"CAN"}, dates={"2011-03-24"})
    for key, value in kw.items():
        setattr(s, key, value)
    return s


def test_a_law_read_right_scores_every_field() -> None:
    r = judge(gold("a", parallel_version_of="b"), stored("a"), {"w": {"a", "b"}}, {"a": "w", "b": "w"})
    assert all(p.precision == 1.0 and p.recall == 1.0 for _, p in r.prfs)


def test_a_value_where_the_gold_has_none_is_spurious() -> None:
    r = judge(gold("a", number=None, date=None), stored("a"), {"w": {"a"}}, {"a": "w"})
    assert r.prf("number").precision == 0.0 and r.prf("date").precision == 0.0
    assert ("number", "S.C. 2011, c. 8") in r.spurious


def test_two_documents_on_one_work_that_the_gold_keeps_apart_are_a_wrong_version() -> None:
    r = judge(gold("a"), stored("a"), {"w": {"a", "c"}}, {"a": "w", "c": "w"})
    assert r.prf("version").predicted == 1 and r.prf("version").matched_predicted == 0


def test_titles_and_numbers_compare_loosely_but_not_blindly() -> None:
    assert title_matches("Lei dos Crimes Hediondos — crimes", ["Lei nº 8.072", "Dispõe sobre os crimes hediondos"])
    assert not title_matches("Firearms Act", ["Explosives Act"])
    assert number_key("LEI No 10.826") == number_key("Lei nº 10.826") != number_key("Lei nº 10.827")
