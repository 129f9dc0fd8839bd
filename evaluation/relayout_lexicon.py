"""The data of :mod:`evaluation.relayout`: section labels of program fact sheets in four languages, and page furniture.

A general lexicon of how such sheets (OAS, UN, development-bank and donor project sheets)
name their parts, written for the re-layout generator and independent of the extractor's
own tables: the generator must be able to print labels the extractor was never shown.
Each kind lists, per language, the labels a sheet may use; the first is the most usual.
"""

from __future__ import annotations

LANGUAGES = ("en", "es", "pt", "fr")

#: Section kinds that head a block of prose (printed alone on a line).
HEADING_KINDS = ("summary", "objectives", "results", "activities", "background", "mandate")

#: Kind → language → labels.
SECTION_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "summary": {
        "en": ("Program Summary", "Programme Summary", "Project Summary", "Summary", "Overview", "Description",
               "Program Description", "Abstract", "At a Glance"),
        "es": ("Resumen del Programa", "Resumen del Proyecto", "Resumen", "Descripción", "Síntesis",
               "Descripción del Programa", "Panorama General"),
        "pt": ("Resumo do Programa", "Resumo do Projeto", "Resumo", "Descrição", "Síntese", "Visão Geral",
               "Descrição do Programa"),
        "fr": ("Résumé du Programme", "Résumé du Projet", "Résumé", "Description", "Synthèse", "Aperçu",
               "Présentation du Programme"),
    },
    "objectives": {
        "en": ("Objectives", "Objective", "Goals", "Aims", "Purpose", "Specific Objectives", "General Objective"),
        "es": ("Objetivos", "Objetivo General", "Objetivos Específicos", "Metas", "Propósito", "Finalidad"),
        "pt": ("Objetivos", "Objetivo Geral", "Objetivos Específicos", "Metas", "Finalidade", "Propósito"),
        "fr": ("Objectifs", "Objectif Général", "Objectifs Spécifiques", "Buts", "Finalité"),
    },
    "results": {
        "en": ("Results", "Achievements", "Outcomes", "Main Results", "Key Results", "Outputs", "Expected Results"),
        "es": ("Resultados", "Logros", "Principales Resultados", "Resultados Esperados", "Productos"),
        "pt": ("Resultados", "Realizações", "Principais Resultados", "Resultados Esperados", "Produtos"),
        "fr": ("Résultats", "Réalisations", "Principaux Résultats", "Résultats Attendus", "Acquis"),
    },
    "activities": {
        "en": ("Activities", "Main Activities", "Key Activities", "Components", "Lines of Action"),
        "es": ("Actividades", "Principales Actividades", "Componentes", "Líneas de Acción"),
        "pt": ("Atividades", "Principais Atividades", "Componentes", "Linhas de Ação"),
        "fr": ("Activités", "Principales Activités", "Composantes", "Axes d'Intervention"),
    },
    "background": {
        "en": ("Background", "Context", "Justification", "Rationale", "History"),
        "es": ("Antecedentes", "Contexto", "Justificación", "Historia"),
        "pt": ("Antecedentes", "Contexto", "Justificativa", "Histórico"),
        "fr": ("Contexte", "Historique", "Justification", "Antécédents"),
    },
    "mandate": {
        "en": ("Mandate", "Mandates", "Legal Basis", "Legal Framework", "Mandating Instruments"),
        "es": ("Mandato", "Mandatos", "Base Legal", "Marco Jurídico", "Instrumentos de Mandato"),
        "pt": ("Mandato", "Mandatos", "Base Jurídica", "Marco Legal", "Instrumentos de Mandato"),
        "fr": ("Mandat", "Mandats", "Base Juridique", "Cadre Juridique", "Instruments de Mandat"),
    },
    "beneficiaries": {
        "en": ("Beneficiaries", "Target Beneficiaries", "Beneficiary Countries", "Beneficiary States",
               "Recipient Countries", "Target Countries", "Countries Served", "Participating Countries"),
        "es": ("Beneficiarios", "Países Beneficiarios", "Estados Beneficiarios", "Países Receptores",
               "Destinatarios", "Países Participantes"),
        "pt": ("Beneficiários", "Países Beneficiários", "Estados Beneficiários", "Países Receptores",
               "Destinatários", "Países Participantes"),
        "fr": ("Bénéficiaires", "Pays Bénéficiaires", "États Bénéficiaires", "Pays Récipiendaires",
               "Destinataires", "Pays Participants"),
    },
    "donors": {
        "en": ("Donor Countries", "Donors", "Funding", "Funded by", "Financial Contributors", "Contributors",
               "Funding Partners", "Source of Funds"),
        "es": ("Países Donantes", "Donantes", "Financiamiento", "Financiado por", "Cooperantes",
               "Contribuyentes", "Fuente de los Fondos"),
        "pt": ("Países Doadores", "Doadores", "Financiamento", "Financiado por", "Contribuintes",
               "Fonte dos Recursos"),
        "fr": ("Pays Donateurs", "Donateurs", "Bailleurs de Fonds", "Financement", "Financé par", "Contributeurs"),
    },
    "partners": {
        "en": ("Agencies, sectors, civil society, etc", "Partners", "Partner Organizations",
               "Cooperating Institutions", "Collaborating Agencies", "Allied Institutions"),
        "es": ("Organismos, sectores, sociedad civil, etc", "Socios", "Organizaciones Asociadas",
               "Instituciones Colaboradoras", "Aliados"),
        "pt": ("Órgãos, setores, sociedade civil etc", "Parceiros", "Organizações Parceiras",
               "Instituições Colaboradoras", "Aliados"),
        "fr": ("Organismes, secteurs, société civile, etc", "Partenaires", "Organisations Partenaires",
               "Institutions Collaboratrices"),
    },
    "executing": {
        "en": ("Executing entities", "Executing Entity", "Executing Agency", "Implementing Body",
               "Implementing Agency", "Lead Agency", "Responsible Unit"),
        "es": ("Entidades Ejecutoras", "Entidad Ejecutora", "Órgano Ejecutor", "Organismo Ejecutor",
               "Unidad Responsable"),
        "pt": ("Entidades Executoras", "Órgão Executor", "Organismo Executor", "Unidade Responsável"),
        "fr": ("Entités d'Exécution", "Organe d'Exécution", "Organisme d'Exécution", "Unité Responsable"),
    },
    "start": {
        "en": ("Start", "Start Date", "Start Year", "Launched", "Beginning"),
        "es": ("Inicio", "Fecha de Inicio", "Año de Inicio", "Lanzamiento"),
        "pt": ("Início", "Data de Início", "Ano de Início", "Lançamento"),
        "fr": ("Début", "Date de Début", "Année de Lancement", "Lancement"),
    },
    "end": {
        "en": ("Completion to", "Completion", "End Date", "Closing Date", "Ends"),
        "es": ("Finalización", "Fecha de Finalización", "Fecha de Cierre", "Término"),
        "pt": ("Conclusão em", "Conclusão", "Data de Conclusão", "Encerramento", "Término"),
        "fr": ("Achèvement", "Date d'Achèvement", "Date de Clôture", "Échéance"),
    },
    "duration": {
        "en": ("Duration", "Period", "Timeframe", "Implementation Period"),
        "es": ("Duración", "Período", "Plazo de Ejecución", "Periodo de Ejecución"),
        "pt": ("Duração", "Período", "Prazo de Execução", "Período de Execução"),
        "fr": ("Durée", "Période", "Calendrier", "Période d'Exécution"),
    },
    "budget": {
        "en": ("Budget", "Total Budget", "Cost", "Amount"),
        "es": ("Presupuesto", "Presupuesto Total", "Monto", "Costo Total"),
        "pt": ("Orçamento", "Orçamento Total", "Montante", "Custo Total"),
        "fr": ("Budget", "Budget Total", "Montant", "Coût Total"),
    },
    "pillar": {
        "en": ("OAS Pillar", "Pillar", "Strategic Pillar"),
        "es": ("Pilar de la OEA", "Pilar", "Pilar Estratégico"),
        "pt": ("Pilar da OEA", "Pilar", "Pilar Estratégico"),
        "fr": ("Pilier de l'OEA", "Pilier", "Pilier Stratégique"),
    },
    "link": {
        "en": ("Link to web page", "Web Page", "Website", "More Information", "Online"),
        "es": ("Enlace a la página web", "Página Web", "Sitio Web", "Más Información"),
        "pt": ("Link para a página", "Página Web", "Sítio Web", "Mais Informações"),
        "fr": ("Lien vers la page web", "Site Web", "Page Web", "Plus d'Informations"),
    },
    "status": {
        "en": ("Status", "Current Status"), "es": ("Estado", "Situación Actual"),
        "pt": ("Situação", "Estado Atual"), "fr": ("Statut", "État d'Avancement"),
    },
    "contact": {
        "en": ("Contact", "Contact Person", "Focal Point"), "es": ("Contacto", "Persona de Contacto", "Punto Focal"),
        "pt": ("Contato", "Pessoa de Contato", "Ponto Focal"), "fr": ("Contact", "Personne de Contact", "Point Focal"),
    },
}

#: The running header a sheet printed by the OAS would carry, per language.
RUNNING_HEADERS: dict[str, tuple[str, ...]] = {
    "en": ("OAS | Secretariat for Multidimensional Security", "ORGANIZATION OF AMERICAN STATES",
           "OAS | Program Fact Sheet"),
    "es": ("OEA | Secretaría de Seguridad Multidimensional", "ORGANIZACIÓN DE LOS ESTADOS AMERICANOS",
           "OEA | Ficha del Programa"),
    "pt": ("OEA | Secretaria de Segurança Multidimensional", "ORGANIZAÇÃO DOS ESTADOS AMERICANOS",
           "OEA | Ficha do Programa"),
    "fr": ("OEA | Secrétariat à la sécurité multidimensionnelle", "ORGANISATION DES ÉTATS AMÉRICAINS",
           "OEA | Fiche du programme"),
}

#: Page-number footers: ``{n}`` this page, ``{total}`` the page count.
PAGE_FOOTERS: dict[str, tuple[str, ...]] = {
    "en": ("Page {n} of {total}", "- {n} -", "{n}", "p. {n}/{total}"),
    "es": ("Página {n} de {total}", "- {n} -", "{n}", "pág. {n}/{total}"),
    "pt": ("Página {n} de {total}", "- {n} -", "{n}", "pág. {n}/{total}"),
    "fr": ("Page {n} sur {total}", "- {n} -", "{n}", "p. {n}/{total}"),
}

MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}

#: How a printed date reads: ``{month}`` and ``{year}``.
DATE_FORMATS: dict[str, str] = {"en": "{month} {year}", "es": "{month} de {year}", "pt": "{month} de {year}",
                                "fr": "{month} {year}"}
