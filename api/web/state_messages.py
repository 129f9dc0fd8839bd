"""UI strings of the state page (profile, comparable states, suggestions, network), each in en/es/pt/fr."""

from __future__ import annotations

from api.web.i18n import Catalog


def _m(en: str, es: str, pt: str, fr: str) -> dict[str, str]:
    return {"en": en, "es": es, "pt": pt, "fr": fr}


MESSAGES: Catalog = {
    "state.programs": _m("Programs", "Programas", "Programas", "Programmes"),
    "state.instruments": _m("Instruments", "Instrumentos", "Instrumentos", "Instruments"),
    "state.laws": _m("Laws", "Leyes", "Leis", "Lois"),
    "state.partners": _m("Partners and donors", "Socios y donantes", "Parceiros e doadores", "Partenaires et donateurs"),
    "state.themes": _m("Themes", "Temas", "Temas", "Thèmes"),
    "state.practices": _m("Evaluated practices", "Prácticas evaluadas", "Práticas avaliadas", "Pratiques évaluées"),
    "state.documents": _m("Documents that mention it", "Documentos que lo mencionan", "Documentos que o mencionam",
                          "Documents qui le mentionnent"),
    "state.none": _m("None recorded.", "No consta ninguno.", "Nenhum registrado.", "Aucun enregistré."),
    "state.passages": _m("{n} passages", "{n} pasajes", "{n} passagens", "{n} passages"),
    "state.peers": _m("Comparable states", "Estados comparables", "Estados comparáveis", "États comparables"),
    "state.shared": _m("shared", "en común", "em comum", "en commun"),
    "state.suggestions": _m("Who could help, on what", "Quién podría ayudar, y en qué", "Quem poderia ajudar, e em quê",
                            "Qui pourrait aider, et sur quoi"),
    "state.no_suggestions": _m("No suggestion: nothing in the graph shows a need another state can meet.",
                               "Ninguna sugerencia: nada en el grafo muestra una necesidad que otro Estado pueda cubrir.",
                               "Nenhuma sugestão: nada no grafo mostra uma necessidade que outro Estado possa atender.",
                               "Aucune suggestion : rien dans le graphe ne montre un besoin qu'un autre État puisse combler."),
    "state.why": _m("Why (graph paths and passages)", "Por qué (caminos en el grafo y pasajes)",
                    "Por quê (caminhos no grafo e passagens)", "Pourquoi (chemins du graphe et passages)"),
    "state.sparql": _m("Open the SPARQL that finds it", "Abrir el SPARQL que la encuentra", "Abrir o SPARQL que a encontra",
                       "Ouvrir le SPARQL qui la trouve"),
    "state.network": _m("Network", "Red", "Rede", "Réseau"),
    "state.network_intro": _m("The state, its programs and laws, and the partners, donors, instruments and states they link to.",
                              "El Estado, sus programas y leyes, y los socios, donantes, instrumentos y Estados a los que se vinculan.",
                              "O Estado, seus programas e leis, e os parceiros, doadores, instrumentos e Estados a que se ligam.",
                              "L'État, ses programmes et lois, et les partenaires, donateurs, instruments et États auxquels ils sont liés."),
    "state.network_noscript": _m("The network drawing needs JavaScript; the lists above hold the same facts.",
                                 "El dibujo de la red necesita JavaScript; las listas de arriba contienen los mismos hechos.",
                                 "O desenho da rede precisa de JavaScript; as listas acima contêm os mesmos fatos.",
                                 "Le dessin du réseau nécessite JavaScript ; les listes ci-dessus contiennent les mêmes faits."),
    "state.network_label": _m("Network of {state}", "Red de {state}", "Rede de {state}", "Réseau de {state}"),
    "state.export": _m("Whole network: GraphML (Gephi), CSV (Excel)", "Red completa: GraphML (Gephi), CSV (Excel)",
                       "Rede completa: GraphML (Gephi), CSV (Excel)", "Réseau complet : GraphML (Gephi), CSV (Excel)"),
    "state.json": _m("This profile as JSON", "Este perfil en JSON", "Este perfil em JSON", "Ce profil en JSON"),
}
