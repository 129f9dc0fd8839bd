"""Cue patterns of program-sheet prose, in English, Spanish, Portuguese and French.

The words that tie an entity mentioned in prose to a program (who pays, who works with it,
who runs it, what mandates it, when it began). Every pattern is a regular expression over
folded text (lower case, accents removed, same length as the original: see
:func:`ingest.sheets.text.fold_same_length`), except :data:`PROGRAM_INTRO`, which reads the
original text. Patterns are written as word families (a stem and its endings in the four
languages), never as a phrase of one sheet. :mod:`ingest.sheets.labels` re-exports every
table, and readers take them through its accessors (entries can be switched off there).
"""

from __future__ import annotations

#: A sentence that introduces the program it names (a regular expression over the original text;
#: each alternative is one family, in the four languages).
PROGRAM_INTRO = (
    r"\b(?:Through|Under) (?:its|the) [A-Z][^,;.]{0,90}?(?:Program|Programme|Project|Partnership)\b|"
    r"\b(?:A trav[ée]s de|Mediante|Por medio de|Atrav[ée]s d[oa]|Por meio d[oa]|Par le biais d[eu]"
    r"|Dans le cadre d[eu]) (?:su|el|la|seu|sua|o|a|son|sa|le|l['’]) ?(?:Programa|Proyecto|Projeto|Programme"
    r"|Projet|Red|Rede|R[ée]seau)\b|"
    r"\b(?:has|have|ha|han|tem|t[êe]m|a|ont) (?:created|established|launched|set up|creado|establecido|lanzado|"
    r"criado|estabelecido|lan[çc]ado|cr[ée][ée]|[ée]tabli|lanc[ée]|mis en place)\b|"
    r"\b(?:was|were|has been|have been|fue|fueron|ha sido|foi|foram|a [ée]t[ée]|ont [ée]t[ée]) "
    r"(?:created|established|"
    r"founded|formed|launched|set up|cread[oa]s?|establecid[oa]s?|fundad[oa]s?|lanzad[oa]s?|criad[oa]s?|"
    r"estabelecid[oa]s?|lan[çc]ad[oa]s?|cr[ée][ée]e?s?|[ée]tablie?s?|fond[ée]e?s?|lanc[ée]e?s?)\b|"
    r"\b(?:is|es|[ée]|est) (?:a|the|un|una|um|uma|le|la|el|o) (?:main|principal|component|componente|composante)|"
    r"\b(?:began|started|comenz[óo]|empez[óo]|inici[óo]|come[çc]ou|iniciou|teve in[íi]cio|a commenc[ée]"
    r"|a d[ée]but[ée])\b|"
    r"\b(?:cre[óo]|criou|a cr[ée][ée])\b|"
    r"\b(?:whose|cuy[oa]|cuj[oa]|dont l['’]|dont le|dont la) (?:executing |implementing )?(?:body|agency|organ|"
    r"[óo]rgano|organismo|[óo]rg[ãa]o|organe|organisme)"
)

#: A sentence (clause) that says who pays.
FUNDING_CUES: tuple[str, ...] = (
    r"\bfinanc\w*", r"\bfund(?:ed|s|ing)?\b", r"\b(?:fondos?|fundos?|fonds) (?:de|d[aeo]s?|du|of)\b",
    r"\bdon(?:ors?|antes?|ateurs?|at(?:ed|ions?)|acion(?:es)?)\b|\bdoa(?:dor(?:es)?|coes|cao)\b",
    r"\bcontribu(?:t(?:ed|es|ions?)|y(?:en|eron|e|o)|iram|iu|i|cion(?:es)?|icoes|icao|ent|erent|e)\b",
    r"\b(?:resources|recursos|ressources) (?:of|from|come|came|provienen|proceden|provem|vem|proviennent|viennent)\b",
    r"(?:with|con|com|avec) (?:the |los |os |les )?(?:financial |financieros |financeiros |financieres )?"
    r"(?:resources|recursos|ressources) d",
    r"\b(?:aport|apport|provid)\w* (?:de |des |the |new )?(?:recursos|fondos|fundos|fonds|funds|resources"
    r"|ressources)\b",
    r"\bbailleurs?\b|\bsponsor\w*|\bpatrocin\w*",
    r"\bgrants? (?:from|of)\b|\bsubvenc\w*|\bsubvencion\w*|\bsubventions?\b|\bsubsid(?:y|ies|ios?)\b",
    r"\bpaid (?:for )?by\b|\bpagad[oa] por\b|\bpag[oa] pel[oa]\b|\bpaye par\b",
    r"\bapo(?:yo|io) economico|\bsoutien economique|\beconomic support",
)

#: Topics that merely contain a funding word ("terrorism financing"): masked before cue search.
FUNDING_FALSE_FRIENDS: tuple[str, ...] = (
    r"(?:counter[- ]?)?financ\w* (?:of|del?|do|du|al|des) (?:the |la |o |le )?(?:terror\w*|proliferation|wmds?)",
    r"\bterror\w* financ\w*",
    r"financ\w* (?:intelligence|action task force|crime|investigation|sector|system|institution)\w*",
    r"(?:inteligencia|intelligence|renseignement) financ\w*",
    r"anti-?money laundering|lavado de (?:activos|dinero)|lavagem de (?:dinheiro|ativos)|blanchiment",
    r"\b(?:a|the|un|el|o|le) (?:fund|fondo|fundo|fonds) (?:for|de|para|pour)\b",
)

#: Who works with the program: the organization named after the cue ("in partnership with X").
PARTNER_CUES: tuple[str, ...] = (
    r"\bin partnership with|\bpartner(?:ed|s|ing)? with|\ben (?:asociacion|alianza) con|\bem parceria com"
    r"|\ben partenariat avec",
    r"\b(?:in (?:close )?)?(?:cooperation|collaboration|coordination) with|\ben (?:estrecha )?(?:colaboracion"
    r"|cooperacion|coordinacion) con|\bem (?:estreita )?(?:colaboracao|cooperacao|coordenacao) com"
    r"|\ben (?:etroite )?(?:collaboration|cooperation|coordination) avec",
    r"\b(?:collaborat|cooperat)(?:es|ed|ing|e) (?:closely )?with|\b(?:colabora|coopera)(?:n|ron)? "
    r"(?:estrechamente )?con|\b(?:colabora|coopera)(?:m|ram)? com|\b(?:collabore|coopere)(?:nt)? avec",
    r"\bwith the (?:support|participation|assistance|help|backing) of|\bcon (?:el|la) (?:apoyo|participacion|asistencia"
    r"|ayuda|respaldo)(?: tecnico)? de|\bcom (?:o|a) (?:apoio|participacao|assistencia|ajuda)(?: tecnico)? d"
    r"|\bavec (?:l'appui|le soutien|le concours|la participation|l'aide) d",
    r"\bsupported by|\bapoyad[oa] por|\bapoiad[oa] pel[oa]|\bsoutenue? par|\bappuyee? par",
    r"\b(?:jointly|together) with|\bjunto (?:con|a)\b|\bjuntamente com|\bconjointement avec|\bconjuntamente con",
    r"\bwork(?:s|ed|ing)? with|\btrabaja(?:n|ron)? con|\btrabalha(?:m|ram)? com|\btravaille(?:nt)? avec",
    r"\b(?:delivered|run|taught|given) (?:mainly |primarily |jointly )?by|\b(?:impartid[oa]|dictad[oa]|brindad[oa])s? "
    r"(?:principalmente )?por|\bministrad[oa]s? pel[oa]|\bdispensee?s? par",
    r"\borgani[sz]ed (?:jointly )?with|\borganizad[oa] (?:junto )?con|\borganizad[oa] com|\borganisee? avec",
    r"\b(?:cooperation )?agreement with|(?<!\bde\s)\b(?:convenio|acuerdo) (?:de cooperacion )?con|\b(?:convenio|acordo)"
    r" (?:de cooperacao )?com|\b(?:accord|convention) (?:de cooperation )?avec",
)

#: Who works with the program: the organization named before the cue ("X advised on ...").
PARTNER_CUES_BEFORE: tuple[str, ...] = (
    r"\badvis(?:ed|es|ing|e)\b|\basesor(?:a|o|aron|ar|an)\b|\bassessor(?:ar|a|ou|aram)\b|\bconseill(?:e|er|ent|ait)\b",
    r"\bprovid(?:ed|es|ing) expertise|\baport(?:a|o|aron|ou|aram) (?:su |sua )?(?:experiencia|conocimientos|expertise)"
    r"|\bapport(?:e|ent|ait) (?:son |leur )?expertise",
    r"\b(?:acted|acts|served|serves) as\b|\b(?:actuo|actua|sirvio) como\b|\b(?:atuou|atua|serviu) como\b"
    r"|\ba (?:agi|servi) (?:comme|de)\b",
    r"\bcertif\w* (?:body|entity|organi[sz]ation)|\b(?:organismo|entidad|orgao|entidade|organisme) certifica\w*",
    r"\b(?:provid|fornec|proporcion|aport|fourni)\w* (?:military |militares |des )?(?:instructors|instrutores"
    r"|instructores|instructeurs|formateurs|trainers)",
    r"\bexperts? (?:gave|give|provided|delivered)|\bexpertos? (?:dieron|brindaron|impartieron)|\bespecialistas? "
    r"(?:deram|ministraram)|\bexperts? (?:ont (?:donne|dispense|assure))",
    r"\b(?:gave|gives|provided|provides|delivered|delivers|brindaron|brinda|impartieron|imparte|dieron|deram|deu"
    r"|fornece|forneceu|ministrou|ministraram|dispense|assure|ont dispense|ont assure|a dispense|a assure) (?:la |a "
    r"|technical |specialized |tecnica |especializada )?(?:training|courses|advice|capacitacion|formacion|asesoria"
    r"|formacao|capacitacao|assessoria|formation|cours|conseils)",
)

#: Who runs the program: the organization named right after the cue.
IMPLEMENTER_CUES_AFTER: tuple[str, ...] = (
    r"\bthrough (?:its|the|this) [^,;.]{0,90}?(?:program|programme|project|initiative|network|partnership)\b,?",
    r"\bunder its [^,;.]{0,90}?(?:program|programme|project)\b,?", r"\bmanaged by", r"\bimplemented by",
    r"\bexecuted by", r"\bcoordinated by", r"\btechnical secretariat(?: is)?", r"\bexecuting (?:entity|agency) is",
    r"\bis a component of (?:the )?[^,;.]{0,60}? of", r"\bconvened within", r"\bcreated within",
    r"(?:program|programme|project|partnership|initiative|observatory) of the\b",
    r"\b(?:formed|established|founded|set up|created)\b[^.;]{0,40}?\bby\b", r"\bcriad[oa]\b[^.;]{0,40}?\bpel[oa]\b",
    r"\b(?:cread[oa]|establecid[oa]|fundad[oa])\b[^.;]{0,40}?\bpor\b", r"\bcreee?\b[^.;]{0,40}?\bpar\b",
    r"\ba cargo d[eo]l?", r"\bejecutad[oa] por",
    r"\b(?:lo|la) ejecuta", r"\bgestionad[oa] por", r"\bcoordinad[oa] por", r"\badministrad[oa] por",
    r"\bsecretaria tecnica", r"\bcoordenacao cabe a[o]?", r"\bexecutad[oa] pel[oa]", r"\bgerid[oa] pel[oa]",
    r"\bcoordenad[oa] pel[oa]", r"\borgane d'execution est", r"\bexecutee? par", r"\bmise? en (?:oe|œ)uvre par",
    r"\bgeree? par", r"\bcoordonnee? par", r"\bsous l'egide d",
)

#: Verbs whose subject runs the program ("CICTE offers", "the DPS has created").
IMPLEMENTER_VERBS_STRONG: tuple[str, ...] = (
    r"\b(?:has|have|ha|han|tem|a|ont) (?:created|established|launched|developed|carried out|set up|creado|establecido"
    r"|lanzado|desarrollado|criado|estabelecido|lancado|desenvolvido|cree|etabli|lance|developpe|mis en place)",
    r"\b(?:created|established|set up|creo|establecio|criou|estabeleceu|cree|etablit) (?:the|el|la|los|las|o|a|os|as"
    r"|le|les|l')\b",
    r"\bworking on the (?:creation|establishment|development|implementation)|\btrabaja(?:ndo)? en la (?:creacion"
    r"|puesta en marcha|implementacion)|\btrabalha(?:ndo)? (?:na|para a) (?:criacao|implementacao)"
    r"|\btravaille (?:a|sur) la (?:creation|mise en place|mise en oeuvre)",
    r"\b(?:implements|executes|manages|runs the|implementa|ejecuta|gestiona|executa|gere|met en (?:oe|œ)uvre|execute"
    r"|dirige|directs)\b",
)

#: Weaker verbs: their subject runs the program only when it is one of the publisher's organs.
IMPLEMENTER_VERBS_WEAK: tuple[str, ...] = (
    r"\b(?:offers|ofrece|oferece|offre|provides|brinda|proporciona|fornece|fournit)\b",
    r"\b(?:delivers|entrega|remet|remete)\b", r"\b(?:coordinates|coordina|coordena|coordonne)\b",
    r"\b(?:helps|assists|supports|ayuda|asiste|apoya|ajuda|apoia|aide|assiste|appuie|soutient|acompana|acompanha"
    r"|accompagne)\b",
    r"\b(?:carries out|realiza|lleva a cabo|effectue|mene)\b", r"\b(?:organi[sz]es|organiza|organise)\b",
    r"\b(?:trains|capacita|entrena|treina|forme)\b", r"\b(?:gave|dio|deu|a donne)\b",
    r"\b(?:ha presentado|has presented|has submitted|presenta|apresenta|apresentou|a presente|presente)\b",
)

#: A sentence that ties an instrument to the program's creation or mandate.
MANDATE_CUES: tuple[str, ...] = (
    r"\bmandat\w*",
    r"\b(?:created|established|cread[oa]|criad[oa]|creee?|etablie?) (?:following|pursuant to|by|under|in response to"
    r"|por|mediante|pel[oa]|par|suite a|en vertu d)",
    r"\bpursuant to|\bfollowing the|\bin response to|\ben cumplimiento d|\bem cumprimento d|\ben application d"
    r"|\ben vertu d|\bconforme? a\b|\bde conformidad con|\bconformement a|\bsuite a\b|\ba raiz d|\bem seguimento a",
    r"\binstruct\w*|\binstru(?:ye|yo|yeron|iu|it|isait)\b|\bencomend\w*",
    r"\b(?:rests?|is based|based|se basa|basad[oa]|se fundamenta|fundamentad[oa]|baseia-se|basead[oa]|repose|basee?)"
    r" (?:on|upon|en|em|no|na|sur)\b|\b(?:con|com|sur la) base (?:en|n|de|d)",
    r"\b(?:through|by|via|mediante|por medio de|por meio d[aeo]|au moyen d[eu]) (?:its |la |a |sa |su |sua )?"
    r"(?:resolution|resolucion|resolucao)",
    r"\b(?:adopted|convened|approved|adoptad[oa]|convocad[oa]|aprobad[oa]|adotad[oa]|aprovad[oa]|adoptee?|convoquee?"
    r"|approuvee?)\b.{0,40}\b(?:resolution|resolucion|resolucao)",
    r"\b(?:emana|emanates?|derives?|deriva|decorre|decoule|stems?|proviene|provem)\b (?:from|de|do|da|del|du)",
)

#: A sentence that says the program applies or implements an instrument.
IMPLEMENTS_CUES: tuple[str, ...] = (
    r"\bimplement\w*|\baplica\w*|\bmise en (?:oe|œ)uvre|\bappliqu\w*|\bapplication\b|\bappl(?:y|ies|ying)\b",
    r"\bcompl(?:y|ies|iance|ying)\b|\bcumpl\w*|\bcumpr\w*|\brespect\w*|\bsatisfa\w*",
    r"\b(?:in accordance with|de acuerdo con|de conformidad con|em conformidade com|de acordo com|conformement a"
    r"|en conformite avec)\b",
    r"\bobligations?\b|\bobligaciones\b|\bobrigacoes\b|\brequirements?\b|\brequisitos\b|\bexigences?\b"
    r"|\bcommitments?\b|\bcompromis\w*|\bengagements?\b",
    r"\bratif\w*",
    r"\binto (?:their |its )?national (?:law|legislation)|\ben (?:su |la )?legislacion nacional"
    r"|\bna legislacao nacional|\bdans (?:leur |la )?legislation nationale|\b(?:domestic|national) (?:law|legislation)",
    r"\bsupports? the\b",
    r"\b(?:in|within|under) the framework of|\ben el marco de|\bno (?:ambito|marco) d|\bdans le cadre d",
)

#: A strong start cue with a year close by dates the program's beginning.
START_CUES: tuple[str, ...] = (
    r"\b(?:created|cread[oa]s?|criad[oa]s?|creee?s?|founded|fundad[oa]s?|fondee?s?|established|establecid[oa]s?"
    r"|estabelecid[oa]s?|etablie?s?)\b",
    r"\b(?:launched|lanzad[oa]s?|lancad[oa]s?|lancee?s?|set up|formed|puesto en marcha|posto em marcha"
    r"|mis en place)\b",
    r"\b(?:started|began|begun|inicio|iniciou|comenzo|empezo|comecou|teve inicio|a debute|a commence|a demarre)\b",
)

#: Weak start cues: used only when no strong cue dates the program.
START_CUES_WEAK: tuple[str, ...] = (
    r"\bsince\b|\bdesde\b|\bdepuis\b", r"\bheld\b|\bcelebrad[oa]\b|\brealizad[oa]\b|\btenue\b",
    r"\bfirst phase\b|\bprimera fase\b|\bprimeira fase\b|\bpremiere phase\b",
)

#: A sentence about adopting an instrument: the states it names are venues, not beneficiaries.
INSTRUMENT_CONTEXT_CUES: tuple[str, ...] = (
    r"\bresolu(?:tions?|cion(?:es)?|coes|cao)\b",
    r"\b(?:general assembly|asamblea general|assembleia geral|assemblee generale)\b",
    r"\b(?:permanent council|consejo permanente|conselho permanente|conseil permanent)\b",
    r"\b(?:security council|consejo de seguridad|conselho de seguranca|conseil de securite)\b",
)

#: Activity words: a state named with them receives the program's work.
ACTIVITY_CUES: tuple[str, ...] = (
    r"\btrain\w*|\bcapacit\w*|\bformac\w*|\bformation\w*|\bentrena\w*|\btreina\w*",
    r"\bcourse\w*|\bcurso\w*|\bcours\b|\bworkshops?\b|\btaller\w*|\boficinas?\b|\bateliers?\b|\bseminar\w*",
    r"\bassist\w*|\bsupport\w*|\bapoy\w*|\bapoi\w*|\bappui\w*|\bayud\w*|\bajud\w*|\bsoutien\w*|\bsoutenu\w*",
    r"\bsign\w*|\bfirm\w*|\bassin\w*|\bagreement\w*|\bacuerdos?\b|\bacordos?\b|\baccords?\b|\bconvenios?\b"
    r"|\bmemorand\w*",
    r"\bstrateg\w*|\bestrateg\w*|\bplan\w*",
    r"\bdeliver\w*|\bentreg\w*|\bdestr\w*",
    r"\bheld\b|\bhost\w*|\bvisit\w*|\bmission\w*|\bmision\w*|\bmissao\w*|\bto(?:ok|ake) place|\btuvo lugar"
    r"|\bteve lugar|\ba eu lieu|\bacogi\w*|\baccueil\w*|\bsede\b",
    r"\bcertif\w*|\bgradua\w*|\bdiplom\w*",
    r"\bchair\w*|\bpresid\w*|\bpoints? (?:de contacto|de contato|of contact|focal\w*|de contact)|\bparticip\w*"
    r"|\bbeneficiar\w*",
    r"\bpais(?:es)?\b|\bpays\b|\bcountr(?:y|ies)\b",
    r"\bdesmin\w*|\bdemin\w*|\bminas?\b|\bmines?\b",
    r"\bficha\w*|\bfiches?\b|\bprofiles?\b|\bperf(?:il|is|iles)\b|\bdiagnos\w*|\bassessments?\b",
    r"\boffices?\b|\bescritorios?\b|\bbureaux?\b",
    r"\brecu\b|\breceived\b|\brecibi\w*|\brecebe\w*",
)

#: A sentence where the states named are where the program's work happens (its venue).
LOCATION_CUES: tuple[str, ...] = (
    r"\b(?:take|took|taking|takes) place|\b(?:tendra|tuvo|tiene) lugar|\b(?:tera|teve|tem) lugar|\b(?:aura|a eu) lieu"
    r"|\bse realiz\w*|\bheld (?:in|at)\b|\bcelebrad[oa] en\b|\bse llevo a cabo\b|\btenue? (?:a|en)\b",
)

#: How an objectives paragraph starts (besides an infinitive in es/pt/fr, or "To ..." in English).
OBJECTIVE_OPENERS: tuple[str, ...] = (
    r"(?:the|its|their) (?:main |general |specific )?(?:objectives?|goals?|aims?|purpose)\b",
    r"(?:el|los|su|sus|o|os|seu|seus) (?:principal(?:es)? |principais )?objetivos?\b",
    r"(?:l'|les |son |ses )objectifs?\b",
)

#: Infinitive endings of es/pt/fr verbs that open objectives.
INFINITIVE_ENDINGS: dict[str, tuple[str, ...]] = {
    "es": ("ar", "er", "ir"), "pt": ("ar", "er", "ir", "or"), "fr": ("er", "ir", "re", "oir"),
}
