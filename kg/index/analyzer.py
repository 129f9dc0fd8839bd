"""The lexical analyzer shared by indexing and querying: fold, drop stopwords, stem.

Accents are folded and words stemmed with the English Snowball stemmer, whatever the
text's language: most of the corpus is English, and folding lets "Colômbia" meet
"Colombia". Stopwords of all four languages are dropped.
"""

from __future__ import annotations

import re

import Stemmer

from ontology.folding import fold

ANALYZER_VERSION = "fold-stop4-en-snowball-1"
WORD = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    """a an and are as at be by for from has have in into is it its of on or that the their this to was were which
    with not no all any other such these those been being than then there also can may shall should will would
    de la el los las del en y o que por para con se su sus un una al lo como es son mas sobre entre
    da do dos das em no na nos nas um uma e ou ao aos pelo pela pelos pelas com sem seu sua seus suas foi
    le les des du et ou en au aux un une pour par sur dans est sont qui quel quelle quels quelles ce cette ces
    il elle ils elles ne pas plus""".split()
)

_stemmer = Stemmer.Stemmer("english")


def analyze(text: str) -> list[str]:
    """Index terms of a text.

    >>> analyze("The Iraqi invasions of Kuwait — Colômbia's programmes")
    ['iraqi', 'invas', 'kuwait', 'colombia', 's', 'programm']
    """
    words = [w for w in WORD.findall(fold(text)) if w not in STOPWORDS]
    stems: list[str] = _stemmer.stemWords(words)  # PyStemmer is untyped; stemWords returns a list of str
    return stems
