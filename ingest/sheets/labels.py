"""The data of program-sheet reading, in English, Spanish, Portuguese and French.

Field labels, section headings, program-name head words, organization head words and the
cue words that tie an entity mentioned in prose to a program. Everything is data; the
rules that use it live in ``segment.py``, ``fields.py`` and ``extract.py``. Labels and
headings are written naturally and compared after :func:`ingest.sheets.text.fold_key`;
cue patterns are regular expressions over folded text (lower case, accents removed, same
length as the original: see :func:`ingest.sheets.text.fold_same_length`).
"""

from __future__ import annotations

#: Field key → labels as printed on sheets. Keys: the facts a field holds.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "beneficiary": (
        "Beneficiaries", "Target Beneficiaries", "Beneficiary Countries", "Beneficiary States",
        "Target Countries", "Beneficiary", "Participating Countries", "Participating States",
        "Beneficiarios", "Países beneficiarios", "Beneficiarios directos", "Estados beneficiarios",
        "Países destinatarios", "Países participantes", "Beneficiários", "Países beneficiários",
        "Estados beneficiários", "Países-alvo", "Bénéficiaires", "Pays bénéficiaires", "États bénéficiaires",
        "Bénéficiaires cibles", "Pays cibles", "Pays participants",
    ),
    "donor": (
        "Donor Countries", "Donors", "Donor", "Funded by", "Funding", "Funding source", "Funding sources",
        "Países donantes", "Donantes", "Financiado por", "Financiamiento", "Fuente de financiamiento",
        "Fuentes de financiamiento", "Países doadores", "Doadores", "Financiamento", "Fonte de financiamento",
        "Pays donateurs", "Donateurs", "Bailleurs de fonds", "Financé par",
        "Source de financement", "Sources de financement",
    ),
    "partner": (
        "Agencies, sectors, civil society, etc", "Partners", "Partner organizations", "Partner agencies",
        "Implementing partners", "Strategic partners", "Organismos, sectores, sociedad civil, etc", "Socios",
        "Organismos asociados", "Socios estratégicos", "Aliados", "Órgãos, setores, sociedade civil etc",
        "Órgãos, setores, sociedade civil, etc", "Parceiros", "Parceiros estratégicos",
        "Organismes, secteurs, société civile, etc", "Organismes, secteurs, société civile", "Partenaires",
        "Partenaires stratégiques",
    ),
    "executing": (
        "Executing entities", "Executing entity", "Executing agency", "Executing area", "Implementing agency",
        "Implementing entities", "Entidades ejecutoras", "Entidad ejecutora", "Órgano ejecutor", "Área ejecutora",
        "Entidades executoras", "Órgão executor", "Órgãos executores", "Área executora", "Organe d'exécution",
        "Entités d'exécution", "Entité d'exécution", "Agence d'exécution",
    ),
    "start": ("Start", "Start date", "Inicio", "Fecha de inicio", "Início", "Data de início", "Début",
              "Date de début"),
    "end": ("Completion to", "Completion", "End date", "Finalización", "Fecha de finalización",
            "Conclusão em", "Conclusão", "Data de conclusão", "Achèvement", "Date d'achèvement", "Fin"),
    "period": ("Duration", "Period", "Implementation period", "Duración", "Período", "Periodo",
               "Período de ejecución", "Duração", "Período de execução", "Durée", "Période",
               "Période d'exécution"),
    "pillar": ("OAS Pillar", "Pilar de la OEA", "Pilar da OEA", "Pilier de l'OEA"),
    "link": ("Link to web page", "Web page", "Website", "Enlace a la página web", "Página web", "Sitio web",
             "Link para a página", "Link para a página web", "Sítio web", "Lien vers la page web", "Site web",
             "Site internet"),
    "status": ("Status", "Estado", "Situação", "Statut"),
    "budget": ("Budget", "Total budget", "Amount", "Presupuesto", "Monto", "Orçamento", "Montante", "Montant"),
    "contact": ("Contact", "Contact person", "Contacto", "Contato", "Persona de contacto"),
}

#: Section heading → segment kind.
SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": ("Program Summary", "Programme Summary", "Project Summary", "Summary", "Description",
                "Program Description", "Resumen del programa", "Resumen del proyecto", "Resumen", "Descripción",
                "Resumo do programa", "Resumo do projeto", "Resumo", "Descrição", "Résumé du programme",
                "Résumé du projet", "Résumé", "Description du programme"),
    "objectives": ("Objectives", "Objective", "General Objective", "Specific Objectives", "Goals", "Objetivos",
                   "Objetivo", "Objetivo general", "Objetivos específicos", "Objetivo geral", "Objectifs",
                   "Objectif", "Objectif général", "Objectifs spécifiques"),
    "results": ("Results", "Achievements", "Expected Results", "Main Results", "Activities", "Resultados",
                "Logros", "Resultados esperados", "Actividades", "Realizações", "Atividades", "Résultats",
                "Résultats attendus", "Réalisations", "Activités"),
    "background": ("Background", "Justification", "Mandate", "Antecedentes", "Justificación", "Contexto",
                   "Mandato", "Justificativa", "Contexte", "Historique", "Justification du programme", "Mandat"),
}

#: Words that end (en) or begin (es/pt/fr) the name of a program.
PROGRAM_HEAD_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("Program", "Programme", "Project", "Network", "Mission", "Group", "Meeting", "Observatory",
           "Partnership", "Workshop", "Initiative", "Mechanism", "Forum", "Campaign", "Course", "Seminar"),
    "es": ("Programa", "Proyecto", "Red", "Misión", "Grupo", "Reunión", "Observatorio", "Alianza", "Taller",
           "Iniciativa", "Mecanismo", "Foro", "Campaña", "Curso", "Seminario"),
    "pt": ("Programa", "Projeto", "Rede", "Missão", "Grupo", "Reunião", "Observatório", "Parceria", "Oficina",
           "Iniciativa", "Mecanismo", "Fórum", "Campanha", "Curso", "Seminário"),
    "fr": ("Programme", "Projet", "Réseau", "Mission", "Groupe", "Réunion", "Observatoire", "Partenariat",
           "Atelier", "Initiative", "Mécanisme", "Forum", "Campagne", "Cours", "Séminaire"),
}

#: Words that make a capitalised phrase an organization's name.
ORG_HEAD_WORDS: tuple[str, ...] = (
    "Department", "Secretariat", "Committee", "Commission", "Office", "Board", "University", "Organization",
    "Organisation", "Administration", "Agency", "Guard", "Centre", "Center", "Branch", "Unit", "Directorate",
    "Ministry", "Council", "Assembly", "Fund", "Bank", "Institute", "Academy", "Association", "Foundation",
    "Court", "Nations", "Union", "Corporation", "Service", "Authority", "Division", "Coalition",
    "Departamento", "Secretaría", "Secretaria", "Comité", "Comitê", "Comisión", "Comissão", "Oficina", "Junta",
    "Universidad", "Universidade", "Organización", "Organização", "Agencia", "Agência", "Ministerio",
    "Ministério", "Consejo", "Conselho", "Asamblea", "Assembleia", "Fondo", "Fundo", "Banco", "Instituto",
    "Academia", "Dirección", "Direção", "Unidad", "Unidade", "Escritório", "Fundación",
    "Fundação", "Département", "Secrétariat", "Commission", "Bureau", "Université", "Agence", "Ministère",
    "Conseil", "Assemblée", "Fonds", "Banque", "Institut", "Académie", "Direction", "Unité", "Fondation",
    "Gobierno", "Government", "Governo", "Gouvernement",
)

#: Bodies that decide and mandate, never implement or partner (their resolutions are instruments).
DELIBERATIVE_HEAD_WORDS: tuple[str, ...] = (
    "Assembly", "Council", "Asamblea", "Consejo", "Assembleia", "Conselho", "Assemblée", "Conseil",
)

#: A state's own government bodies: the program's counterparts, not its partners.
COUNTERPART_HEAD_WORDS: tuple[str, ...] = (
    "Ministry", "Ministerio", "Ministério", "Ministère", "Government", "Gobierno", "Governo", "Gouvernement",
    "Attorney", "Fiscalía", "Procuraduría",
)

#: The publisher of the sheets: never a partner of its own programs; an implementer only
#: when no more specific organ is named.
HOME_ORG_NAMES: tuple[str, ...] = (
    "Organization of American States", "OAS", "OEA", "Organización de los Estados Americanos",
    "Organização dos Estados Americanos", "Organisation des États Américains",
)

#: An organization whose name carries one of these belongs to the publisher's family of organs.
HOME_FAMILY_MARKERS: tuple[str, ...] = (
    "OAS", "OEA", "Inter-American", "Interamerican", "Interamericana", "Interamericano", "Interaméricain",
    "Interaméricaine", "Hemispheric", "Hemisférica", "CICTE", "CICAD",
)

#: Field values that mean "nothing".
NULL_VALUES: tuple[str, ...] = ("n/a", "na", "n/d", "s/o", "none", "ninguno", "ninguna", "nenhum", "aucun",
                                "-", "—", "–", "tbd", "por definir", "a definir", "à définir", "not applicable",
                                "no aplica", "não se aplica", "sans objet", "ongoing", "en curso", "em andamento",
                                "en cours", "pending", "pendiente", "pendente", "en attente")

#: Values of the OAS pillar field.
PILLARS: tuple[str, ...] = (
    "Security", "Multidimensional Security", "Democracy", "Development", "Integral Development", "Human Rights",
    "Seguridad", "Seguridad Multidimensional", "Democracia", "Desarrollo", "Desarrollo Integral",
    "Derechos Humanos", "Segurança", "Segurança Multidimensional", "Desenvolvimento", "Direitos Humanos",
    "Sécurité", "Sécurité multidimensionnelle", "Démocratie", "Développement", "Droits de l'homme",
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

#: A sentence that introduces the program it names (a regular expression over the original text).
PROGRAM_INTRO = (
    r"\b(?:Through|Under) (?:its|the) [A-Z][^,;.]{0,90}?(?:Program|Programme|Project|Partnership)\b|"
    r"\b(?:has|have) (?:created|established|launched)\b|"
    r"\b(?:was|were|has been) (?:created|established|founded|formed|launched)\b|\bis (?:a|the) (?:main|component)|"
    r"\bfue (?:cread[oa]|establecid[oa]|fundad[oa])\b|\bha creado\b|\bfoi (?:criad[oa]|estabelecid[oa])\b|"
    r"\bteve in[íi]cio\b|\bcriou\b|\ba [ée]t[ée] (?:cr[ée][ée]e?|[ée]tabli)|\bdont l'organe\b|\ba cr[ée][ée]\b"
)

#: Abbreviations whose period does not end a sentence.
ABBREVIATIONS: tuple[str, ...] = ("St", "Sr", "Sra", "Dr", "Mr", "Mrs", "Ms", "No", "Nos", "Nº", "etc", "e.g",
                                  "i.e", "approx", "Av", "Ste", "art", "Art", "Res", "RES", "Inc", "Ltd", "Co")

# Cue patterns: regular expressions over folded text (lower case, no accents).

#: A sentence (clause) that says who pays.
FUNDING_CUES: tuple[str, ...] = (
    r"financ\w*", r"\bfund(?:ed|s|ing)?\b", r"\bdonors?\b", r"\bdonat(?:ed|ions?)\b", r"contributions? (?:of|from)",
    r"\bcontribut(?:ed|es)\b", r"with (?:the )?resources (?:of|from)", r"\bsponsor(?:ed|ship)\b", r"grants? from",
    r"recursos (?:provienen|proceden|provem|vem)", r"aport(?:a|an|aron|o|e|ou|aram) (?:recursos|fondos|fundos)",
    r"contribuy(?:en|eron|e)", r"contribu(?:iram|i)\b", r"contribucion(?:es)? de", r"donantes?", r"doadores?",
    r"donateurs?", r"bailleurs?", r"\bpaid (?:for )?by\b", r"fondos? de", r"apoyo economico", r"apoio economico",
    r"(?:with|con|com|avec) (?:the |los |os |les )?(?:financial |financieros |financeiros )?"
    r"(?:resources|recursos|ressources) d",
)

#: Topics that merely contain a funding word ("terrorism financing"): masked before cue search.
FUNDING_FALSE_FRIENDS: tuple[str, ...] = (
    r"(?:counter[- ]?)?financ\w* (?:of|del?|do|du) (?:the )?(?:terror\w*|proliferation|wmds?)",
    r"terror\w* financ\w*", r"financ\w* (?:intelligence|action task force|crime|investigation|sector|system)",
    r"(?:inteligencia|intelligence|inteligencia) financ\w*", r"financ\w* (?:al|do|du) terror\w*",
    r"combating terrorism financing", r"anti-?money laundering", r"\bfunds? for voluntary",
)

#: Who works with the program: the organization named after the cue ("in partnership with X").
PARTNER_CUES: tuple[str, ...] = (
    r"in partnership with", r"partner(?:ed|s|ing)? with",
    r"in (?:close )?(?:cooperation|collaboration|coordination) with",
    r"collaborat(?:es|ed|ing) (?:closely )?with", r"cooperat(?:es|ed|ing) (?:closely )?with",
    r"with the (?:support|participation|assistance|help) of", r"supported by", r"jointly with", r"together with",
    r"\bworks? with", r"working with", r"(?:delivered|run|taught) (?:mainly |primarily |jointly )?by",
    r"organi[sz]ed with", r"cooperation agreement with",
    r"en (?:asociacion|alianza|colaboracion|cooperacion|coordinacion) con", r"con el apoyo (?:tecnico )?de",
    r"junto (?:con|a)\b", r"con la participacion de", r"trabaja con",
    r"em (?:parceria|colaboracao|cooperacao|coordenacao) com", r"com o apoio (?:tecnico )?d", r"juntamente com",
    r"en (?:partenariat|collaboration|cooperation|coordination) avec", r"avec (?:l'appui|le soutien|le concours) d",
    r"conjointement avec",
)

#: Who works with the program: the organization named before the cue ("X advised on ...").
PARTNER_CUES_BEFORE: tuple[str, ...] = (
    r"\badvis(?:ed|es|ing)\b", r"provid(?:ed|es|ing) expertise", r"acted as", r"certifying body",
    r"provides? (?:military )?instructors", r"(?:a )?asesorar\b", r"asesor(?:a|o|aron)\b", r"fornece(?:m)? instrutores",
    r"assessor(?:ar|a|ou)\b", r"conseill(?:e|er|ent)\b", r"organisme certificateur", r"organismo certificador",
    r"orgao certificador", r"experts? (?:gave|give|provided|delivered)",
    r"(?:gave|gives|provided|provides|delivered|delivers) (?:technical |specialized )?(?:training|courses|advice)",
    r"(?:brindaron|brinda|impartieron|imparte) (?:capacitacion|formacion|asesoria)",
    r"(?:deram|deu|fornece|forneceu) (?:formacao|capacitacao|assessoria)",
    r"(?:a|ont) (?:dispense|assure) (?:la )?formation",
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
    r"has (?:created|established|launched|developed|carried out)", r"created the", r"established the",
    r"has been working on the creation", r"implements", r"executes", r"manages", r"runs the",
    r"ha creado", r"creo (?:el|la)", r"ejecuta", r"implementa", r"gestiona", r"criou", r"executa", r"a cree",
    r"met en (?:oe|œ)uvre", r"execute",
)

#: Weaker verbs: their subject runs the program only when it is one of the publisher's organs.
IMPLEMENTER_VERBS_WEAK: tuple[str, ...] = (
    r"offers", r"provides", r"delivers", r"coordinates", r"helps", r"assists", r"supports", r"carries out",
    r"organi[sz]es", r"trains", r"gave", r"ofrece", r"brinda", r"coordina", r"ayuda", r"apoya", r"asiste",
    r"acompana", r"ha presentado", r"oferece", r"coordena", r"ajuda", r"apoia", r"offre", r"fournit",
    r"coordonne", r"aide", r"appuie", r"remet",
)

#: A sentence that ties an instrument to the program's creation or mandate.
MANDATE_CUES: tuple[str, ...] = (
    r"created (?:following|pursuant to|by|under|in response to)", r"following the", r"pursuant to",
    r"mandated? (?:by|in|under)", r"\bmandate", r"instruct(?:s|ed|ing)?\b", r"rests? on", r"based on",
    r"through (?:its )?resolution", r"adopted by (?:general assembly )?resolution", r"convened .{0,40}resolution",
    r"\bmandato", r"en cumplimiento de", r"conforme a", r"de conformidad con", r"emana", r"con base en",
    r"basad[oa] en", r"cread[oa] (?:por|mediante)", r"mediante (?:la )?resolucion", r"em cumprimento d",
    r"com base n", r"criad[oa] (?:por|pela|pelo|mediante)", r"\bmandat", r"conformement a", r"en application d",
    r"en vertu d", r"sur la base d", r"creee? (?:par|suite a)",
)

#: A sentence that says the program applies or implements an instrument.
IMPLEMENTS_CUES: tuple[str, ...] = (
    r"implement\w*", r"compl(?:y|ies|iance) with", r"in accordance with", r"obligations", r"requirements",
    r"commitments?", r"aplicacion", r"cumplimiento", r"compromisos?", r"implementacao", r"cumprimento",
    r"compromissos?", r"mise en (?:oe|œ)uvre", r"exigences", r"engagements?", r"satisfaire",
    r"ratif\w*", r"into (?:their |its )?national (?:law|legislation)", r"\bto apply\b", r"\bsupports? the\b",
    r"(?:in|within|under) the framework of", r"en el marco de", r"no ambito d", r"dans le cadre d",
    r"\baplicar\b", r"\bappliquer\b",
)

#: A strong start cue with a year close by dates the program's beginning.
START_CUES: tuple[str, ...] = (
    r"\bcreated\b", r"\bfounded\b", r"\bestablished\b", r"\blaunched\b", r"\bstarted\b", r"\bbegan\b",
    r"\bformed\b", r"\bset up\b", r"\bcreado\b", r"\bcreada\b", r"\bfundad[oa]\b", r"\blanzad[oa]\b",
    r"\binicio\b", r"\bcomenzo\b", r"\bempezo\b", r"\bcriad[oa]\b", r"\blancad[oa]\b", r"teve inicio",
    r"\bcomecou\b", r"\biniciou\b", r"\bcreee?\b", r"\blancee?\b", r"\bfondee?\b", r"a debute", r"a commence",
)

#: Weak start cues: used only when no strong cue dates the program.
START_CUES_WEAK: tuple[str, ...] = (
    r"\bsince\b", r"\bdesde\b", r"\bdepuis\b", r"\bheld\b", r"\bcelebrad[oa]\b", r"\brealizad[oa]\b",
    r"\btenue\b", r"\bfirst phase\b", r"\bprimera fase\b", r"\bprimeira fase\b", r"\bpremiere phase\b",
)

#: A sentence about adopting an instrument: the states it names are venues, not beneficiaries.
INSTRUMENT_CONTEXT_CUES: tuple[str, ...] = (
    r"general assembly", r"asamblea general", r"assembleia geral", r"assemblee generale", r"\bresolution",
    r"\bresolucion", r"\bresolucao", r"permanent council", r"consejo permanente", r"security council",
)

#: Activity words: a state named with them receives the program's work.
ACTIVITY_CUES: tuple[str, ...] = (
    r"train\w*", r"course", r"workshop", r"assist\w*", r"support\w*", r"signed", r"agreement", r"strateg\w*",
    r"deliver\w*", r"destroy\w*", r"held", r"host\w*", r"took place", r"take place", r"visit\w*", r"mission",
    r"certif\w*", r"chair\w*", r"point\w* of contact", r"beneficiar\w*", r"capacit\w*", r"formacion",
    r"formacao", r"formation", r"taller", r"oficina", r"atelier", r"apoy\w*", r"apoi\w*", r"appui\w*",
    r"firm\w*", r"assin\w*", r"accord\w*", r"acuerdo", r"destru\w*", r"graduat\w*", r"particip\w*",
    r"desminag\w*", r"demin\w*", r"minas", r"plan\w*", r"ficha\w*", r"pais(?:es)?", r"pays", r"recu",
)

#: A sentence where the states named are where the program's work happens (its venue).
LOCATION_CUES: tuple[str, ...] = (
    r"take place", r"took place", r"taking place", r"tendra lugar", r"tuvo lugar", r"se realizara",
    r"tera lugar", r"aura lieu", r"a eu lieu", r"\bheld (?:in|at)\b",
)

#: How an objectives paragraph starts (besides an infinitive in es/pt/fr, or "To ..." in English).
OBJECTIVE_OPENERS: tuple[str, ...] = (
    r"the objectives? of the", r"its (?:specific )?(?:goals|objectives)", r"los objetivos", r"el objetivo",
    r"os objetivos", r"o objetivo", r"les objectifs", r"l'objectif",
)

#: Infinitive endings of es/pt/fr verbs that open objectives.
INFINITIVE_ENDINGS: dict[str, tuple[str, ...]] = {
    "es": ("ar", "er", "ir"), "pt": ("ar", "er", "ir", "or"), "fr": ("er", "ir", "re", "oir"),
}

#: Words after a state name that make it an adjective of something else ("American States").
STATE_ADJECTIVE_NEXT: tuple[str, ...] = ("States", "Estados", "États", "Etats", "STATES", "ESTADOS", "ÉTATS")

#: Words before a state name that make it part of a region's name ("Latin American").
STATE_ADJECTIVE_PREV: tuple[str, ...] = ("Latin", "Ibero", "Inter", "Pan", "North", "South", "Central", "Meso",
                                         "Afro", "Anglo", "LATIN", "INTER")
