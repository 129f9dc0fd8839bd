"""Data the reference rules read: named instruments in four languages, and the Council's numbering by year.

Kept as data, apart from the rules in :mod:`ingest.references`, so that adding a
convention or a year is a table edit.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

class NamedInstrument(NamedTuple):
    """A convention, strategy or declaration known by name: its canonical English name, an
    acronym matched case-sensitively (or ``None``), and case-insensitive regex patterns in
    which a space stands for any run of whitespace."""

    name: str
    acronym: str | None
    patterns: tuple[str, ...]


NAMED_INSTRUMENTS: tuple[NamedInstrument, ...] = (
    NamedInstrument(
        "Inter-American Convention against the Illicit Manufacturing of and Trafficking in "
        "Firearms, Ammunition, Explosives, and Other Related Materials", "CIFTA", (
            r"Inter-?American Convention against (?:the )?Illicit Manufacturing of,? and "
            r"Trafficking in Firearms(?:, Ammunition, Explosives,? and Other Related Materials)?",
            r"Convenci[oó]n Interamericana contra la Fabricaci[oó]n y (?:el )?Tr[aá]fico "
            r"Il[ií]citos? de Armas de Fuego(?:, Municiones, Explosivos y otros Materiales Relacionados)?",
            r"Convention interam[ée]ricaine contre la fabrication et le trafic illicites? "
            r"d['’]armes [àa] feu(?:, de munitions, d['’]explosifs et d['’]autres mat[ée]riels connexes)?",
            r"Conven[çc][ãa]o Interamericana contra a Fabrica[çc][ãa]o e o Tr[áa]fico "
            r"Il[íi]citos? de Armas de Fogo(?:, Muni[çc][õo]es, Explosivos e Outros Materiais Correlatos)?",
        )),
    NamedInstrument("Inter-American Convention against Terrorism", None, (
        r"Inter-?American Convention against Terrorism",
        r"Convenci[oó]n Interamericana contra el Terrorismo",
        r"Convention interam[ée]ricaine contre le terrorisme",
        r"Conven[çc][ãa]o Interamericana contra o Terrorismo",
    )),
    NamedInstrument("International Convention for the Suppression of the Financing of Terrorism", None, (
        r"International Convention for the Suppression of the Financing of Terrorism",
        r"Convenio Internacional para la Represi[oó]n de la Financiaci[oó]n del Terrorismo",
        r"Convention internationale pour la r[ée]pression du financement du terrorisme",
        r"Conven[çc][ãa]o Internacional para a (?:Supress[ãa]o|Repress[ãa]o) do Financiamento do Terrorismo",
    )),
    NamedInstrument("Convention on International Civil Aviation", None, (
        r"Convention on International Civil Aviation", r"Chicago Convention",
        r"Convenio (?:sobre|de) Aviaci[oó]n Civil Internacional", r"Convenio de Chicago",
        r"Convention (?:relative [àa] l['’]|de l['’])aviation civile internationale",
        r"Convention de Chicago",
        r"Conven[çc][ãa]o (?:sobre|de) Avia[çc][ãa]o Civil Internacional", r"Conven[çc][ãa]o de Chicago",
    )),
    NamedInstrument("Comprehensive Inter-American Strategy to Combat Threats to Cybersecurity", None, (
        r"Comprehensive Inter-?American (?:Strategy to Combat Threats to Cyber-?\s?security|"
        r"Cyber-?\s?security Strategy)",
        r"Estrategia Interamericana Integral (?:para Combatir las Amenazas a la|de) Seguridad Cibern[ée]tica",
        r"Strat[ée]gie interam[ée]ricaine (?:globale|int[ée]gr[ée]e) (?:de lutte contre les menaces "
        r"(?:[àa] la|contre la) cybers[ée]curit[ée]|de cybers[ée]curit[ée])",
        r"Estrat[ée]gia Interamericana (?:Abrangente|Integral) (?:de Combate [àa]s Amea[çc]as [àa]|de|para "
        r"Combater as Amea[çc]as [àa]) Seguran[çc]a Cibern[ée]tica",
    )),
    NamedInstrument("Hemispheric Drug Strategy", None, (
        r"Hemispheric (?:Drug Strategy|Strategy on Drugs)",
        r"Estrategia Hemisf[ée]rica sobre Drogas", r"Estrat[ée]gia Hemisf[ée]rica sobre Drogas",
        r"Strat[ée]gie h[ée]misph[ée]rique (?:sur les|antidrogue|de lutte contre les) drogues?",
    )),
    NamedInstrument("Commitment to Public Security in the Americas", None, (
        r"Commitment to Public Security in the Americas",
        r"Compromiso (?:por|con) la Seguridad P[úu]blica en las Am[ée]ricas",
        r"Engagement (?:pour|en faveur de) la s[ée]curit[ée] publique dans les Am[ée]riques",
        r"Compromisso (?:com|pela) (?:a )?Seguran[çc]a P[úu]blica nas Am[ée]ricas",
    )),
    NamedInstrument("Declaration on Strengthening Cyber Security in the Americas", None, (
        r"Declaration on Strengthening Cyber-?\s?security in the Americas",
        r"Declaraci[oó]n sobre (?:el )?Fortalecimiento de la Seguridad Cibern[ée]tica en las Am[ée]ricas",
        r"D[ée]claration sur le renforcement de la cybers[ée]curit[ée] dans les Am[ée]riques",
        r"Declara[çc][ãa]o sobre (?:o )?Fortalecimento da Seguran[çc]a Cibern[ée]tica nas Am[ée]ricas",
    )),
    NamedInstrument("Declaration on the Protection of Critical Infrastructure from Emerging Threats", None, (
        r"Declaration on (?:the )?Protection of Critical Infrastructure from Emerging Threats",
        r"Declaraci[oó]n sobre (?:la )?Protecci[oó]n de (?:la )?Infraestructura Cr[ií]tica ante "
        r"(?:las )?Amenazas Emergentes",
        r"D[ée]claration sur la protection des infrastructures critiques (?:face|contre) (?:aux|les) "
        r"menaces [ée]mergentes",
        r"Declara[çc][ãa]o sobre a Prote[çc][ãa]o da Infraestrutura Cr[íi]tica (?:contra|diante d)as "
        r"Amea[çc]as Emergentes",
    )),
)

# First Security Council resolution number of each year: the Council numbers chronologically,
# so a number that does not fit the year it is cited with is misread (OCR) or not the Council's.
_UNSC_FIRST_BY_YEAR: tuple[tuple[int, int], ...] = (
    (1946, 1), (1947, 16), (1948, 38), (1949, 67), (1950, 79), (1951, 90), (1952, 97),
    (1953, 99), (1954, 104), (1955, 106), (1956, 111), (1957, 122), (1958, 127), (1959, 132),
    (1960, 133), (1961, 161), (1962, 171), (1963, 177), (1964, 186), (1965, 200), (1966, 220),
    (1967, 233), (1968, 245), (1969, 263), (1970, 276), (1971, 292), (1972, 308), (1973, 325),
    (1974, 345), (1975, 367), (1976, 385), (1977, 403), (1978, 423), (1979, 444), (1980, 462),
    (1981, 485), (1982, 500), (1983, 529), (1984, 546), (1985, 560), (1986, 581), (1987, 594),
    (1988, 607), (1989, 628), (1990, 647), (1991, 684), (1992, 726), (1993, 800), (1994, 893),
    (1995, 973), (1996, 1036), (1997, 1092), (1998, 1148), (1999, 1223), (2000, 1285),
    (2001, 1335), (2002, 1388), (2003, 1456), (2004, 1522), (2005, 1583), (2006, 1650),
    (2007, 1738), (2008, 1795), (2009, 1860), (2010, 1905), (2011, 1964), (2012, 2033),
    (2013, 2090), (2014, 2133), (2015, 2200), (2016, 2266), (2017, 2337), (2018, 2398),
    (2019, 2452), (2020, 2504), (2021, 2561), (2022, 2618), (2023, 2672), (2024, 2722),
    (2025, 2768),
)
_YEARS = tuple(y for y, _ in _UNSC_FIRST_BY_YEAR)
_SLACK = 12


def unsc_number_fits_year(number: int, year: int) -> bool:
    """Whether Security Council resolution *number* can date from *year* (a few numbers slack).

    >>> unsc_number_fits_year(546, 1984), unsc_number_fits_year(46, 1984)
    (True, False)
    """
    if year < _YEARS[0] or number < 1:
        return False
    i = bisect_right(_YEARS, year) - 1
    first = _UNSC_FIRST_BY_YEAR[i][1]
    if year > _YEARS[-1]:  # past the table: between 35 and 80 resolutions a year
        ahead = year - _YEARS[-1]
        return first + 35 * ahead - _SLACK <= number < first + 80 * (ahead + 1) + _SLACK
    return first - _SLACK <= number < _UNSC_FIRST_BY_YEAR[i + 1][1] + _SLACK
