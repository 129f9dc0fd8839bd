"""What a question asks for, read from how en/es/pt/fr ask it: the kind of entity wanted and the relation named.

"Which programs…", "¿Qué programas…", "Quels programmes…", "Que programas…" ask for Programs;
"…mention resolution 338", "…citam a Convenção…" name the citation relation; "partners",
"socios", "parceiros", "partenaires" the partner relation. Words are compared with accents and
case folded. The asked kind is the first kind-word of the question (the wh-phrase comes first in
all four languages); a question with none ("What did the Council demand…") asks for the
instrument its evidence comes from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.constraints import Constraints
from kg.linking.linker import Link
from ontology.folding import fold

#: kind-words, by the class they ask for
KIND_WORDS: dict[str, frozenset[str]] = {
    "Program": frozenset("program programs programme programmes programa programas initiative initiatives iniciativa "
                         "iniciativas project projects proyecto proyectos projeto projetos projet projets".split()),
    "Resolution": frozenset("resolution resolutions resolucion resoluciones resolucao resolucoes".split()),
    "BestPractice": frozenset("practice practices practica practicas pratica praticas pratique pratiques".split()),
    "LegalInstrument": frozenset("instrument instruments instrumento instrumentos treaty treaties tratado tratados "
                                 "convention conventions convencion convenciones convencao convencoes traite "
                                 "traites".split()),
    "NationalLaw": frozenset("law laws act acts statute statutes code chapter ley leyes lei leis loi lois codigo "
                             "capitulo chapitre legislation legislacion legislacao".split()),
    "State": frozenset("state states country countries estado estados pais paises etat etats pays nation nations "
                       "nacion naciones nacao nacoes".split()),
    "Organization": frozenset("organization organizations organisation organisations organizacion organizaciones "
                              "organizacao organizacoes organismo organismos organisme organismes body bodies agency "
                              "agencies agencia agencias agence agences mission missions mision misiones missao "
                              "missoes movement movimiento movimento mouvement institution institucion instituicao "
                              "group grupo groupe".split()),
}
#: interrogative words of the four languages, accents folded ("où" is left out: folded, it is Portuguese "or")
WH_WORDS = frozenset("which what who whom whose where when que qual quais quem cual cuales quien quienes donde "
                     "quel quelle quels quelles lequel laquelle lesquels lesquelles qui quoi onde".split())
WH_WINDOW = 3
#: relation cue words: partner, donor, beneficiary, implementer, comparison, citation
RELATION_WORDS: dict[str, frozenset[str]] = {
    "partner": frozenset("partner partners partnered socio socios aliado aliados parceiro parceiros parceria "
                         "partenaire partenaires".split()),
    "donor": frozenset("donor donors fund funds funded funder funders finance finances financed financing donante "
                       "donantes financia financian financiado financiada financio doador doadores financiam "
                       "financiou financiador financiadores bailleur bailleurs donateur donateurs finance financent "
                       "finance paid pay paying pago pagan paga pagaron pagou pagam pagaram paie paient paye "
                       "payent sponsor sponsors sponsored patrocina patrocinan patrocino patrocinou patrocinam".split()),
    "beneficiary": frozenset("benefit benefits benefited benefitted beneficiary beneficiaries beneficio benefician "
                             "beneficiaron beneficiario beneficiarios beneficiou beneficiaram beneficiam beneficiarias "
                             "beneficie beneficient beneficiaire beneficiaires help helps helped ayuda ayudan ajuda "
                             "ajudam aide aident".split()),
    "implementer": frozenset("implement implements implemented executes executed runs run ejecuta ejecutan "
                             "implementa implementan executa executam met mettent execute executent".split()),
    "compare": frozenset("common share shared shares versus comun comum commun communs commune communes partagent "
                         "partages partilham".split()),
    "cites": frozenset("refer refers referred referring reference references refieren refiere referencia referem "
                       "refere referent".split()),
}
#: beginnings of the citing words, so every inflection counts: "cite", "citó", "citaram", "citée(s)", "mentionné",
#: "mencionadas"…; "citizen", "city", "citoyen" are not citing
CITE_STEMS = ("cit", "mention", "mencion")
NOT_CITING = ("citiz", "citie", "city", "citoy", "citadel")
#: "cited by X" in four languages: the named instrument does the citing
_PASSIVE = re.compile(r"\b(?:cited|referred\s+to|mentioned)\s+(?:by|in)\b|\bcitad[oa]s?\s+(?:por|pela|pelo|en|na|no)\b"
                      r"|\bcitee?s?\s+(?:par|dans)\b|\bmencionad[oa]s?\s+(?:por|pela|pelo|en)\b")
_TRANSITIVE = re.compile(r"\b(?:indirectly|transitively|indirectamente|indiretamente|indirectement|"
                         r"directly\s+or\s+indirectly|directa\s+o\s+indirectamente|direta\s+ou\s+indiretamente|"
                         r"directement\s+ou\s+indirectement)\b")
_WORD = re.compile(r"[a-z]+")
#: beginnings of the words that compare, in four languages ("compare", "comparten", "diferencian", "différences",
#: "distinguent"): read as a stem, so every inflection counts ("diferem", and Spanish "difieren" with its e → ie)
COMPARE_STEMS = ("compar", "differ", "difer", "difier", "distingu", "contrast")
#: the verbs that make a citing word passive ("is cited", "é citada", "fue mencionada", "est-elle citée")
BE_WORDS = frozenset("is are was were been being es son fue fueron sido esta estan e sao foi foram est sont ete "
                     "etait etaient".split())
#: pronouns of a French inverted question, between the verb and the participle ("est-elle citée")
_INVERTED = frozenset("il elle ils elles".split())


@dataclass(frozen=True)
class Reading:
    """A question as the intents see it."""

    question: str
    language: str
    asks: str | None  # the class asked for, None when no kind-word says
    relations: frozenset[str]
    links: tuple[Link, ...]
    constraints: Constraints
    transitive: bool = False
    cited_by: bool = False  # the named instrument cites the answers ("cited by", "what does X cite")

    def linked(self, *types: str) -> list[Link]:
        """The links of these types, most confident first."""
        return sorted((lk for lk in self.links if lk.type in types), key=lambda lk: -lk.confidence)


def asked_kind(words: Sequence[str]) -> str | None:
    """The class the question's wh-phrase asks for: a kind-word within three words after a wh-word
    ("which Andean member states", "¿con la ayuda de qué entidad", "quelle loi"). A question
    whose wh-words have no kind-word after them asks for none ("what did the Council approve … under
    the programme"); one without any wh-word ("List the programs…") asks for its first kind-word.

    >>> asked_kind("quels etats ont beneficie du programme".split()), asked_kind("what did the council do".split())
    ('State', None)
    >>> asked_kind("what did the council approve under the humanitarian programme".split())
    >>> asked_kind("list the programs of the oas".split())
    'Program'
    """
    word = _asked_word(words)
    return None if word is None else _kind_of(word)


def _asked_word(words: Sequence[str]) -> str | None:
    """The kind-word of the wh-phrase (see :func:`asked_kind`), as written: its number matters to the verb."""
    wh = [i for i, w in enumerate(words) if w in WH_WORDS]
    for i in wh:
        for w in words[i + 1:i + 1 + WH_WINDOW]:
            if _kind_of(w) is not None:
                return w
    if wh:
        return None
    return next((w for w in words if _kind_of(w) is not None), None)


def _kind_of(word: str) -> str | None:
    return next((kind for kind, names in KIND_WORDS.items() if word in names), None)


def _cites(word: str) -> bool:
    """Whether ``word`` (folded) is a citing word, in any inflection.

    >>> [w for w in "citaram citee mentionnes mencionadas citizens city refers".split() if _cites(w)]
    ['citaram', 'citee', 'mentionnes', 'mencionadas', 'refers']
    """
    return word in RELATION_WORDS["cites"] or (word.startswith(CITE_STEMS) and not word.startswith(NOT_CITING))


def read_question(question: str, *, language: str, links: Sequence[Link], constraints: Constraints) -> Reading:
    """Read ``question``. Pure.

    >>> r = read_question("Que resoluções fazem referência à Convenção?", language="pt", links=[],
    ...                   constraints=Constraints())
    >>> r.asks, sorted(r.relations), r.cited_by
    ('Resolution', ['cites'], False)
    """
    text = fold(question)
    # Words inside a mention are names, not cues ("Partnership for Peace" asks for no partner).
    spans = sorted((lk.start, lk.end) for lk in links)
    kept = "".join(" " if any(a <= i < b for a, b in spans) else c for i, c in enumerate(fold(question, keep_length=True)))
    words = _WORD.findall(kept)
    relations = frozenset(r for r, names in RELATION_WORDS.items() if names.intersection(words)) | \
        ({"compare"} if any(w.startswith(COMPARE_STEMS) for w in words) else set()) | \
        ({"cites"} if any(map(_cites, words)) else set())
    cited_by = bool(_PASSIVE.search(text))
    if not cited_by and "cites" in relations:
        cited_by = _named_cites(kept, links, language)
    return Reading(question, language, asked_kind(words), relations, tuple(links), constraints,
                   transitive=bool(_TRANSITIVE.search(text)), cited_by=cited_by)


def _named_cites(kept: str, links: Sequence[Link], language: str) -> bool:
    """Whether the instrument the question names does the citing, read from the first citing word (the
    "cited by X" forms are :data:`_PASSIVE`'s):

    - a passive without agent, or the Spanish and Portuguese impersonal "se": the named one is cited
      ("In which resolutions is 242 cited?", "Em que resoluções a resolução 242 é citada?", "¿En qué
      resoluciones se cita…?");
    - the instrument named before the verb is its subject ("Which resolutions does 687 (1991) cite?");
    - in Spanish, Portuguese and French the subject may follow the verb, and then only the verb's number
      tells: a singular verb after a plural kind-word agrees with the one instrument named, not with the
      kinds asked ("¿Qué resoluciones cita la resolución 678?", "Quelles résolutions cite la résolution
      678 ?"; but "…citan la resolución 678?").
    """
    instruments = [lk for lk in links if lk.type in ("Resolution", "Treaty", "LegalInstrument", "NationalLaw")]
    found = list(_WORD.finditer(kept))
    at = next((i for i, m in enumerate(found) if _cites(m.group())), None)
    if not instruments or at is None:
        return False
    cue, before = found[at], [m.group() for m in found[max(at - 2, 0):at]]
    previous = before[-1] if before else ""
    if previous in _INVERTED and len(before) > 1:
        previous = before[0]
    if previous in BE_WORDS or (previous == "se" and language in ("es", "pt")):
        return False
    if instruments[0].end <= cue.start():
        return not _kind_before(kept, cue.start(), instruments[0].start)
    asked = _asked_word([m.group() for m in found])
    return bool(language in ("es", "pt", "fr") and asked is not None and asked.endswith("s")
                and _singular_verb(cue.group(), previous, language))


def _singular_verb(verb: str, previous: str, language: str) -> bool:
    """Whether a citing word of es/pt/fr is a verb in the third person singular, by its ending or its
    auxiliary: "cita", "citó", "citou", "cite", "mentionne", "a cité", "ha citado" are; "citan", "citam",
    "citaram", "citent", "ont cité", the noun "referencia" and the infinitive "citar" are not.

    >>> [v for v in "cita cito citou menciona citan citam citaram citar referencia".split() if _singular_verb(v, "", "es")]
    ['cita', 'cito', 'citou', 'menciona']
    >>> _singular_verb("cite", "", "fr"), _singular_verb("citent", "", "fr"), _singular_verb("cite", "ont", "fr")
    (True, False, False)
    """
    if previous in ("ha", "a"):  # "ha citado", "a cité": the auxiliary carries the number
        return True
    if previous in ("han", "ont", "tem", "tiene", "tienen") or verb.startswith("referenc") or verb.endswith("r"):
        return False
    if language == "fr":
        return verb.endswith("e") and not verb.endswith("ent")
    return verb.endswith(("a", "e", "o", "u")) and not verb.endswith(("ado", "ada", "ido", "ida"))


def _kind_before(kept: str, cue: int, mention: int) -> bool:
    """Whether a kind-word stands between the mention and the verb ("…242 (1967) which resolutions cite"),
    which makes the kind-word, not the mention, the verb's subject. Rare; kept for symmetry."""
    return asked_kind(_WORD.findall(kept[mention:cue])) is not None
