"""The data of program-sheet reading, in English, Spanish, Portuguese and French.

Section and field labels (as word families), page furniture, program-name and
organization head words, the rules a program name must pass, and (re-exported from
:mod:`ingest.sheets.cue_tables`) the cue words that tie an entity mentioned in prose to a
program. Everything is data; the rules that use it live in ``lines.py``, ``segment.py``,
``names.py``, ``fields.py`` and ``extract.py``. Word lists are written naturally and compared
after :func:`ingest.sheets.text.fold_key`; families and cue patterns are regular expressions
over folded text (lower case, accents removed, same length as the original: see
:func:`ingest.sheets.text.fold_same_length`).

Readers take every table through :func:`entries`, :func:`keyed` or :func:`intro_pattern`, so
that :func:`disabled_entries` (the leave-one-out measure's hook) can switch entries off.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager

from ingest.lexicon_switch import LexiconSwitch
from ingest.sheets.cue_tables import *  # noqa: F403 (the cue tables are part of this lexicon)
from ingest.sheets.cue_tables import PROGRAM_INTRO

# --- labels ------------------------------------------------------------------------------------
# A label is a short line (or the head of one) made only of label words: at least one word of
# a kind's families, the rest fillers. Each word of LABEL_FAMILIES weighs 2 for its kind, each of
# LABEL_QUALIFIER_FAMILIES 1, of LABEL_FILLER_FAMILIES 0; the heaviest kind wins, ties going to the kind listed first in
# LABEL_KIND_PRECEDENCE. A family matches one folded word (OCR digit and "rn"/"m" confusions are
# undone before matching).

#: Kind → word families that name it. Section kinds head prose; field kinds hold a value.
LABEL_FAMILIES: dict[str, tuple[str, ...]] = {
    "summary": (r"\bsumm?ar(?:y|ies)\b", r"\bresum(?:en|o|e|es)\b", r"\boverviews?\b", r"\bdescri(?:ption|pcion|cao)\b",
                r"\babstract\b", r"\bsinte(?:sis|se)\b|\bsynthese\b", r"\bapercu\b",
                r"\bpresenta(?:tion|cion|cao)\b"),
    "objectives": (r"\bobje(?:c?ti[vf])\w*", r"\bgoals?\b", r"\baims?\b", r"\bpurposes?\b|\bproposito\b",
                   r"\bfinalid\w*|\bfinalite\b", r"\bbuts?\b", r"\bmetas?\b"),
    "results": (r"\bresult\w*", r"\boutcomes?\b", r"\boutputs?\b", r"\bachievements?\b", r"\blogros?\b",
                r"\breali[sz]a(?:coes|cao|tions?|ciones)\b", r"\bacquis\b", r"\bprodu(?:ctos|tos|its)\b",
                r"\bimpact\w*"),
    "activities": (r"\bactivit\w*|\bactividad\w*|\batividad\w*", r"\bcompon\w*|\bcomposantes?\b",
                   r"\bactions?\b|\bacci?on(?:es)?\b|\bac(?:ao|oes)\b", r"\binterven\w*"),
    "background": (r"\bbackground\b", r"\bcont(?:ext|exto|exte)\b", r"\bjustifica\w*", r"\brationale\b",
                   r"\bhistor\w*", r"\bantece\w*"),
    "mandate": (r"\bmandat\w*",),
    "beneficiary": (r"\bbenefici\w*", r"\bparticipa(?:ting|ntes?|nts?)\b", r"\brecipi\w*|\breceptor\w*",
                    r"\bdestinat\w*"),
    "donor": (r"\bdon(?:or|ant|at|ad)\w*", r"\bdoad\w*", r"\bfund(?:s|ed|ing|ers?)?\b", r"\bfinanc\w*",
              r"\bbailleurs?\b", r"\bcontribu\w*", r"\bsponsor\w*|\bpatrocin\w*"),
    "partner": (r"\bpartner\w*", r"\bpartenai\w*", r"\bparcei\w*", r"\bsocios?\b",
                r"\ball(?:ies|ied|y)\b|\baliad\w*", r"\bcolab\w*|\bcollab\w*", r"\bcoopera\w*"),
    "executing": (r"\bexecut(?:ing|ion|ors?|ora?s?|ores|ante)\b|\bexecucao\b",
                  r"\bejecut(?:or|ora|oras|ores|ante)\b|\bejecucion\b"),
    "start": (r"\bstart\w*", r"\binicio\b", r"\bcomienzo\b|\bcomeco\b", r"\bdebut\b",
              r"\blaunch\w*|\blanzamiento\b|\blancamento\b|\blancement\b", r"\bbeginning\b|\bcommencement\b"),
    "end": (r"\bcomplet\w*", r"\bconclu\w*", r"\bfinali[sz]\w*", r"\bachevement\b", r"\bend(?:s|ing)?\b", r"\bfin\b",
            r"\bclos\w*|\bcierre\b|\bcloture\b|\bencerramento\b", r"\btermin\w*", r"\becheance\b"),
    "period": (r"\bdura\w*|\bduree\b", r"\bperiod\w*|\bperiode\b", r"\btime ?frames?\b|\btimelines?\b",
               r"\bplazos?\b|\bprazos?\b", r"\bcalend\w*"),
    "pillar": (r"\bpil(?:ar|lar|ier)(?:es|s)?\b",),
    "link": (r"\blinks?\b", r"\benlaces?\b", r"\bliens?\b", r"\bweb\w*", r"\bsit(?:e|io)s?\b", r"\burl\b",
             r"\bonline\b", r"\binforma(?:tion|cion|coes|cao|tions)\b"),
    "status": (r"\bstatu[st]\b", r"\bestado\b", r"\bsitua(?:cao|cion)\b", r"\betat\b", r"\bavancement\b"),
    "budget": (r"\bbudget\w*", r"\bpresupuest\w*", r"\borcament\w*", r"\bmont(?:o|ant|ante)s?\b", r"\bamounts?\b",
               r"\bcost(?:o|s)?\b|\bcusto\b|\bcout\b"),
    "contact": (r"\bconta(?:c?t)\w*", r"\bfocal\b"),
}

#: Kind → words that lean a label towards it (weigh 1): "Target Countries", "Lead Agency".
LABEL_QUALIFIER_FAMILIES: dict[str, tuple[str, ...]] = {
    "summary": (r"\bvis(?:ao|ion)\b", r"\bpanorama\b", r"\bglance\b", r"\bexecuti(?:ve|vo|f)\b"),
    "activities": (r"\bl[ií]n(?:es|eas|has)\b", r"\baxes?\b|\bejes?\b|\beixos?\b"),
    "mandate": (r"\blegal\w*", r"\bjuridi\w*", r"\bbas(?:e|is)\b", r"\bframeworks?\b|\bmarco\b|\bcadre\b",
                r"\binstrument\w*"),
    "beneficiary": (r"\btargets?\b|\bcibles?\b|\balvos?\b", r"\bserved\b|\batendid[oa]s\b"),
    "donor": (r"\bfond(?:o|os|s)\b|\bfundos\b", r"\brecursos\b|\bressources\b|\bresources\b"),
    "partner": (r"\bsect\w*|\bsetor\w*", r"\bcivil\w*", r"\bsoci(?:ety|edad|edade|ete)\b",
                r"\bstakeholders?\b|\bactor(?:es|s)\b|\bacteurs\b|\batores\b", r"\basocia\w*|\bassocia\w*"),
    "executing": (r"\bimplement\w*", r"\bresponsib\w*|\bresponsa\w*", r"\blead\b"),
}

#: Words a label may hold besides its kind's words: grammar words and the generic nouns of labels.
LABEL_FILLER_FAMILIES: tuple[str, ...] = (
    r"the|of|to|by|for|and|in|on|at|an?|de|del|la|las|los|el|y|e|et|da|do|das|dos|du|des|le|les|l|d|em|en|por"
    r"|par|para|pour|au|aux|com|con|with|avec|per|etc|from|desde|vers|hacia|sur",
    r"countr(?:y|ies)|states?|pais(?:es)?|pays|estados|etats|nations|members?|miembros|membros|membres",
    r"dates?|fecha|data|years?|anos?|annee|anio",
    r"entit(?:y|ies|es?)|entidad(?:es)?|entidades?|agenc(?:y|ies|ias?|es?)|bod(?:y|ies)|organs?|organos?|orgaos?"
    r"|organes?|organism(?:o|e|os|es)|organi[sz]ations?|organiza(?:cion|ciones|cao|coes)|institution(?:s)?"
    r"|instituc(?:ion|iones|ao|oes)|instituicao|instituicoes|units?|unidad(?:es)?|unidades?|unites?",
    r"main|key|major|principa(?:l|les|is|ux)|general(?:es)?|geral|generale?|specific\w*|especific\w*|specifique\w*"
    r"|expected|esperad\w*|attendu\w*|total|current|actual|atual|actuel\w*|overall|strategic|estrategic\w*"
    r"|strategique\w*|more|mas|mais|plus|new|other|otros|outros|autres",
    r"oas|oea|programs?|programmes?|programas?|projects?|proyectos?|projetos?|projets?",
    r"sources?|fuentes?|fontes?|persons?|personas?|pessoas?|personnes?|pages?|paginas?|point|punto|ponto|phases?"
    r"|fases?",
)

# --- page furniture ---------------------------------------------------------------------------

#: Words of a page number line ("Page 2 of 3", "pág. 2/3", "- 2 -"): the page word, and "of".
PAGE_PHRASES: tuple[str, ...] = (r"pages?|pagina|pag|pg|p|folha|fl|feuille|hoja|seite", r"of|de|sur|/|do|da")

#: Month names, for printed dates ("May 2018", "noviembre de 2015", "3 mars 2012").
MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
    "octubre", "noviembre", "diciembre", "janeiro", "fevereiro", "marco", "maio", "junho", "julho", "setembro",
    "outubro", "novembro", "dezembro", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
    "septembre", "octobre", "novembre", "decembre",
)

#: What a running header says besides the publisher: the kind of document.
DOCUMENT_KIND_PHRASES: tuple[str, ...] = (
    r"fact ?sheets?", r"data ?sheets?", r"(?:program(?:me)?|project) (?:sheet|profile|brief)", r"fichas?", r"fiches?",
    r"hojas? informativas?", r"folhas? informativas?", r"informe", r"report", r"rapport", r"relatorio", r"brief",
)

# --- head words -------------------------------------------------------------------------------
# Families of one folded word, each the same noun in the four languages; a capitalised word that
# matches one is a head word.

#: Nouns that end (en) or begin (es/pt/fr) the name of a program.
PROGRAM_HEAD_FAMILIES: tuple[str, ...] = (
    r"\bprogram(?:me|a|s|mes|as)?\b", r"\bpro(?:ject|yecto|jeto|jet)s?\b", r"\b(?:networks?|redes|rede|reseaux?)\b",
    r"\b(?:missions?|mision(?:es)?|missao|missoes)\b", r"\b(?:groups?|grupos?|groupes?)\b",
    r"\b(?:meetings?|reunion(?:es|s)?|reuniao|reunioes)\b",
    r"\b(?:observator(?:y|ies)|observatorios?|observatoires?)\b",
    r"\b(?:partnerships?|alianzas?|parcerias?|partenariats?)\b",
    r"\b(?:workshops?|talleres?|ateliers?|seminars?|seminarios?|seminaires?)\b", r"\b(?:initiatives?|iniciativas?)\b",
    r"\b(?:mechanisms?|mecanismos?|mecanismes?)\b", r"\b(?:forums?|foros?|foruns?)\b",
    r"\b(?:campaigns?|campanas?|campanhas?|campagnes?)\b", r"\b(?:courses?|cursos?|cours)\b",
)

#: Head nouns of programs that are another word in the other languages ("Red", "Oficina").
PROGRAM_HEAD_WORDS: dict[str, tuple[str, ...]] = {"en": (), "es": ("Red",), "pt": ("Oficina",), "fr": ()}

#: Nouns that make a capitalised phrase an organization's name.
ORG_HEAD_FAMILIES: tuple[str, ...] = (
    r"\bdepart(?:ment|amento|ement)s?\b", r"\bsecretar(?:iat|ia|iado)s?\b", r"\bcommittees?\b|\bcomites?\b",
    r"\bcomm?iss(?:ion|ao)s?\b|\bcomision(?:es)?\b|\bcomissoes\b", r"\boffices?\b|\boficinas?\b|\bescritorios?\b",
    r"\bbureaux?\b", r"\bboards?\b|\bjuntas?\b",
    r"\buniversit(?:y|ies|e|es)\b|\buniversidad(?:es)?\b|\buniversidades?\b",
    r"\borgani[sz]ations?\b|\borganizac(?:ion|iones|ao|oes)\b",
    r"\badministrat(?:ion|ions)\b|\badministrac(?:ion|ao)\b",
    r"\bagenc(?:y|ies|ia|ias|e|es)\b", r"\bguards?\b|\bguardia\b|\bguarda\b|\bgarde\b",
    r"\bcent(?:re|er|ro|res|ers|ros)\b", r"\bbranch(?:es)?\b",
    r"\bunits?\b|\bunidad(?:es)?\b|\bunidades?\b|\bunites?\b",
    r"\bdirectorates?\b|\bdireccion(?:es)?\b|\bdirecao\b|\bdirection\b",
    r"\bministr(?:y|ies)\b|\bministerios?\b|\bministere\b",
    r"\bcouncils?\b|\bconsejos?\b|\bconselhos?\b|\bconseils?\b",
    r"\bassembl(?:y|ies|ee|ees)\b|\basambleas?\b|\bassembleias?\b",
    r"\bfunds?\b|\bfondos?\b|\bfundos?\b|\bfonds\b", r"\bbanks?\b|\bbancos?\b|\bbanques?\b",
    r"\binstitut(?:e|es|o|os)?\b",
    r"\bacadem(?:y|ies|ia|ias|ie)\b", r"\bassociations?\b|\basociacion(?:es)?\b|\bassociac(?:ao|oes)\b",
    r"\bfoundations?\b|\bfundacion(?:es)?\b|\bfundac(?:ao|oes)\b|\bfondations?\b", r"\bcourts?\b|\bcour\b",
    r"\bnations\b|\bnaciones\b|\bnacoes\b", r"\bunions?\b|\buniao\b", r"\bcorporations?\b|\bcorporacion(?:es)?\b",
    r"\bservices?\b|\bservicios?\b|\bservicos?\b",
    r"\bauthorit(?:y|ies)\b|\bautoridad(?:es)?\b|\bautoridades?\b|\bautorites?\b",
    r"\bdivisions?\b|\bdivisao\b", r"\bcoalitions?\b|\bcoalicion(?:es)?\b|\bcoalizao\b",
    r"\bgovernments?\b|\bgobiernos?\b|\bgovernos?\b|\bgouvernements?\b",
)

#: Bodies that decide and mandate, never implement or partner (their resolutions are instruments).
DELIBERATIVE_HEAD_FAMILIES: tuple[str, ...] = (
    r"\bassembl(?:y|ies|ee|ees)\b|\basambleas?\b|\bassembleias?\b",
    r"\bcouncils?\b|\bconsejos?\b|\bconselhos?\b|\bconseils?\b",
)

#: A state's own government bodies: the program's counterparts, not its partners.
COUNTERPART_HEAD_FAMILIES: tuple[str, ...] = (
    r"\bministr(?:y|ies)\b|\bministerios?\b|\bministere\b",
    r"\bgovernments?\b|\bgobiernos?\b|\bgovernos?\b|\bgouvernements?\b",
    r"\battorneys?\b|\bfiscal(?:ia|ias)?\b|\bprocurad\w*|\bprocureurs?\b|\bprosecutors?\b",
)

#: The publisher of the sheets: never a partner of its own programs; an implementer only
#: when no more specific organ is named.
HOME_ORG_NAMES: tuple[str, ...] = (
    "Organization of American States", "OAS", "OEA", "Organización de los Estados Americanos",
    "Organização dos Estados Americanos", "Organisation des États Américains",
)

#: An organization whose name carries one of these words belongs to the publisher's family of organs.
HOME_FAMILY_MARKER_FAMILIES: tuple[str, ...] = (
    r"\b(?:oas|oea)\b", r"\binter-?americ\w*|\binterameric\w*", r"\bhemispher\w*|\bhemisferic\w*",
    r"\b(?:cicte|cicad)\b",
)

#: Field values that mean "nothing".
NULL_VALUES: tuple[str, ...] = ("n/a", "na", "n/d", "s/o", "none", "ninguno", "ninguna", "nenhum", "aucun",
                                "-", "—", "–", "tbd", "por definir", "a definir", "à définir", "not applicable",
                                "no aplica", "não se aplica", "sans objet", "ongoing", "en curso", "em andamento",
                                "en cours", "pending", "pendiente", "pendente", "en attente")

#: Values of the OAS pillar field (a whole folded value matches one).
PILLAR_FAMILIES: tuple[str, ...] = (
    r"(?:multidimensional |integral )?(?:security|seguridad|seguranca|securite)(?: multidimensional\w*)?",
    r"democra(?:cy|cia|tie)", r"(?:integral )?(?:development|desarrollo|desenvolvimento|developpement)(?: integral)?",
    r"human rights|derechos humanos|direitos humanos|droits de l'homme|droits humains",
)

#: A value naming all member states rather than a list.
MEMBER_STATES_PHRASES: tuple[str, ...] = (
    r"member states", r"member countries", r"estados miembros?", r"paises miembros?", r"estados membros?",
    r"paises membros?", r"etats membres?", r"pays membres?",
)

#: Words lower-cased inside names (connectors), per language, all together.
NAME_CONNECTORS: tuple[str, ...] = (
    "of", "for", "the", "on", "against", "and", "in", "to", "&", "de", "del", "la", "las", "los", "el", "para",
    "contra", "en", "y", "al", "sobre", "da", "do", "das", "dos", "e", "na", "no", "à", "ao", "du", "des", "le",
    "les", "pour", "et", "dans", "sur", "au", "aux", "d'", "l'",
)

#: Capitalised words that start sentences but never names.
NAME_STOP_WORDS: tuple[str, ...] = (
    "The", "A", "An", "This", "That", "These", "Its", "Their", "Through", "Under", "In", "Since", "With", "By",
    "For", "From", "After", "Before", "During", "Following", "Also", "As", "At", "On", "To", "It", "Our",
    "El", "La", "Los", "Las", "Lo", "Un", "Una", "Su", "Sus", "Este", "Esta", "Desde", "Con", "Por", "Mediante",
    "O", "Os", "As", "Um", "Uma", "Seu", "Sua", "Em", "Com", "Pelo", "Pela", "Le", "Les", "L'", "Une", "Ce",
    "Cette", "Son", "Sa", "Ses", "Depuis", "Avec", "Par", "Dans", "Sous", "Since", "Host", "Between", "Entre",
    "Resolution", "Resolutions", "Resolución", "Resolução", "Résolution", "Res", "RES",
)

#: Articles that open a new name after "and" ("the X Committee and the Y Centre").
ARTICLES: tuple[str, ...] = ("the", "la", "el", "los", "las", "o", "a", "os", "as", "le", "les", "l'")

#: Words after a state name that make it an adjective of something else ("American States").
STATE_ADJECTIVE_NEXT: tuple[str, ...] = ("States", "Estados", "États", "Etats", "STATES", "ESTADOS", "ÉTATS")

#: Words before a state name that make it part of a region's name ("Latin American").
STATE_ADJECTIVE_PREV: tuple[str, ...] = ("Latin", "Ibero", "Inter", "Pan", "North", "South", "Central", "Meso",
                                         "Afro", "Anglo", "LATIN", "INTER")

#: Abbreviations whose period does not end a sentence.
ABBREVIATIONS: tuple[str, ...] = ("St", "Sr", "Sra", "Dr", "Mr", "Mrs", "Ms", "No", "Nos", "Nº", "etc", "e.g",
                                  "i.e", "approx", "Av", "Ste", "art", "Art", "Res", "RES", "Inc", "Ltd", "Co")

# --- program names ------------------------------------------------------------------------------

#: A program name has at most this many words (a longer line is a sentence or a list).
NAME_MAX_WORDS = 18

#: Words that, opening a line, make it a clause and not a name (besides es/pt/fr infinitives).
NAME_REFUSED_OPENERS: tuple[str, ...] = (
    "to", "in", "on", "at", "by", "for", "from", "with", "through", "since", "during", "after", "before", "this",
    "these", "its", "their", "it", "we", "our", "en", "con", "por", "para", "desde", "durante", "este", "esta",
    "estos", "su", "sus", "em", "com", "pelo", "pela", "seu", "sua", "dans", "avec", "pour", "par", "depuis", "ce",
    "cette", "son", "sa", "ses", "il", "elle", "ils",
)

#: Words a name never holds: they make a clause ("which", "que") or a finite verb of a sentence.
NAME_CLAUSE_WORDS: tuple[str, ...] = (
    "which", "who", "that", "whose", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can",
    "que", "cual", "quien", "cuyo", "es", "son", "fue", "fueron", "ha", "han", "sera", "qui", "dont", "est",
    "sont", "ont", "foi", "foram",
)


# --- access ----------------------------------------------------------------------------------

_SWITCH = LexiconSwitch("policykg.sheets.labels.disabled", lambda name: globals()[name])


def disabled_entries(ids: Iterable[str]) -> AbstractContextManager[None]:
    """Inside the block, the entries ``ids`` (``"TABLE: entry"``, ``"TABLE[key]: entry"``) are switched off.

    The leave-one-out measure's hook (see ``api/cli_eval.py``); scoped to the block and its
    context (thread, task), the tables themselves never change.

    >>> with disabled_entries(["NULL_VALUES: n/a", "LABEL_FAMILIES[donor]: \\\\bdoad\\\\w*"]):
    ...     "n/a" in entries("NULL_VALUES"), len(keyed("LABEL_FAMILIES")["donor"]) < len(LABEL_FAMILIES["donor"])
    (False, True)
    >>> "n/a" in entries("NULL_VALUES")
    True
    """
    return _SWITCH.disabled_entries(ids)


def entries(name: str) -> tuple[str, ...]:
    """The tuple table ``name`` without its switched-off entries."""
    return _SWITCH.entries(name)


def keyed(name: str) -> dict[str, tuple[str, ...]]:
    """The keyed table ``name`` (``TABLE[key]``) without its switched-off entries. Do not mutate it."""
    return _SWITCH.keyed(name)


def switched_off() -> frozenset[str]:
    """The entries switched off now: the key of every cache derived from these tables."""
    return _SWITCH.off()


def intro_pattern() -> str:
    """:data:`PROGRAM_INTRO` without its switched-off alternatives (``"PROGRAM_INTRO: alternative"``)."""
    off = _SWITCH.off()
    if not off:
        return PROGRAM_INTRO
    return "|".join(a for a in regex_alternatives(PROGRAM_INTRO) if f"PROGRAM_INTRO: {a}" not in off) or r"(?!)"


def regex_alternatives(pattern: str) -> list[str]:
    """The top-level ``|`` alternatives of a regular expression (the ids leave-one-out switches off).

    >>> regex_alternatives(r"a(b|c)|d\\|e")
    ['a(b|c)', 'd\\\\|e']
    """
    out, depth, start, escaped = [], 0, 0, False
    for i, c in enumerate(pattern):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return [x for x in out if x]
