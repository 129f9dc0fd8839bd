"""Reading years, ranges and full dates from questions in four languages: a deadline is a day, not a year."""

from __future__ import annotations

import pytest

from kg.constraints import DateRange, YearRange, read_constraints

Y = YearRange


@pytest.mark.parametrize(("question", "years", "dates"), [
    # deadlines: the day before (or the day itself for "until"/"até"/"au plus tard"), never "the year 2025"
    ("Which states must report before 31 December 2025?", (Y(None, 2025),), (DateRange(None, "2025-12-30"),)),
    ("¿Qué Estados deben informar antes del 31 de diciembre de 2025?", (Y(None, 2025),),
     (DateRange(None, "2025-12-30"),)),
    ("Quais Estados devem informar até 31 de dezembro de 2025?", (Y(None, 2025),), (DateRange(None, "2025-12-31"),)),
    ("Quels États doivent rendre compte avant le 31 décembre 2025 ?", (Y(None, 2025),),
     (DateRange(None, "2025-12-30"),)),
    ("Quels États doivent rendre compte au plus tard le 1er janvier 2026 ?", (Y(None, 2026),),
     (DateRange(None, "2026-01-01"),)),
    ("Which reports are due by December 31, 2025?", (Y(None, 2025),), (DateRange(None, "2025-12-31"),)),
    # after / since a day
    ("¿Qué informes se presentaron después del 1 de marzo de 2004?", (Y(2004, None),),
     (DateRange("2004-03-02", None),)),
    ("Quelles lois depuis le 1er janvier 2000 ?", (Y(2000, None),), (DateRange("2000-01-01", None),)),
    ("Programs running since 2010-05-01", (Y(2010, None),), (DateRange("2010-05-01", None),)),
    # a day or a month: that day, within its year
    ("Which resolutions were adopted on 29 November 1990?", (Y(1990, 1990),), (DateRange("1990-11-29", "1990-11-29"),)),
    ("Que resoluções foram adotadas em novembro de 1990?", (Y(1990, 1990),), (DateRange("1990-11-01", "1990-11-30"),)),
    # a date that names a cited instrument is no constraint; an impossible date is none either
    ("What did resolution 1540 of 28 April 2004 require?", (), ()),
    ("Qu'exige la résolution 660 (1990) ?", (), ()),
    ("Which programs started before 31 February 2020?", (), ()),
])
def test_dates_and_years(question: str, years: tuple[YearRange, ...], dates: tuple[DateRange, ...]) -> None:
    c = read_constraints(question)
    assert (c.years, c.dates) == (years, dates)


@pytest.mark.parametrize(("question", "years"), [
    ("Which laws were passed after 2000?", (Y(2001, None),)),        # "after" leaves the year out
    ("Which programs since 2010?", (Y(2010, None),)),                 # "since" keeps it
    ("¿Qué programas desde 2010?", (Y(2010, None),)),
    ("Quelles lois depuis 2010 ?", (Y(2010, None),)),
    ("Que leis até 1995?", (Y(None, 1995),)),                         # "até" keeps it
    ("Quelles lois avant 1995 ?", (Y(None, 1994),)),                  # "avant" leaves it out
    ("Que programas entre 1990 e 1995?", (Y(1990, 1995),)),
    ("Resolutions in 1993", (Y(1993, 1993),)),
])
def test_year_words_in_four_languages(question: str, years: tuple[YearRange, ...]) -> None:
    assert read_constraints(question).years == years
