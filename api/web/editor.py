"""The SPARQL editor: YASGUI (from ``/static/vendor``) on this service's ``/sparql``, the project's prefixes
declared and a few example queries one click away."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import WorkspaceDep
from api.web.i18n import Translator
from api.web.messages import MESSAGES
from api.web.templating import language_of, render_page
from ontology.namespaces import PREFIXES

router = APIRouter(include_in_schema=False)


def prefixes(ontology: str, instance_base: str) -> dict[str, str]:
    """The prefixes the editor declares: the reused vocabularies', ``pkg:`` and ``id:``."""
    return {"pkg": ontology, "id": instance_base, **PREFIXES}


def examples(pkg: str) -> list[tuple[str, str]]:
    """``(message key, query)`` pairs; bodies without PREFIX lines (the editor declares them)."""
    return [
        ("example.programs", "SELECT ?program ?name ?state ?stateName WHERE {\n"
                             "  ?program a pkg:Program ; rdfs:label ?name ; pkg:beneficiary ?state .\n"
                             "  ?state skos:prefLabel ?stateName FILTER(LANG(?stateName) = \"en\")\n"
                             "} ORDER BY ?name ?stateName LIMIT 100"),
        ("example.citations", "SELECT ?resolution ?cited WHERE {\n"
                              "  ?resolution a pkg:Resolution ; pkg:cites ?cited .\n"
                              "} ORDER BY ?resolution LIMIT 100"),
        ("example.provenance", "SELECT ?subject ?predicate ?object ?passage ?start ?end WHERE {\n"
                               "  ?st a pkg:QualifiedStatement ; rdf:subject ?subject ; rdf:predicate ?predicate ;\n"
                               "      rdf:object ?object ; prov:wasDerivedFrom ?passage ;\n"
                               "      oa:hasSelector [ oa:start ?start ; oa:end ?end ] .\n"
                               "} LIMIT 50"),
        ("example.states", "SELECT ?state ?iso3 ?name WHERE {\n"
                           "  ?state pkg:oasMember true ; pkg:iso3 ?iso3 ; skos:prefLabel ?name\n"
                           "  FILTER(LANG(?name) = \"es\")\n"
                           "} ORDER BY ?name"),
    ]


@router.get("/editor", response_class=HTMLResponse)
def editor(request: Request, workspace: WorkspaceDep,
           query: Annotated[str | None, Query(max_length=20000, description="A query to open")] = None
           ) -> HTMLResponse:
    lang = language_of(request)
    t = Translator(lang, [MESSAGES])
    pkg = workspace.iris.ontology
    declared = prefixes(pkg, workspace.iris.instance_base)
    header = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in declared.items())
    shown = [{"label": t(key), "query": header + "\n" + body} for key, body in examples(pkg)]
    config = {"endpoint": str(request.base_url).rstrip("/") + "/sparql", "prefixes": declared,
              "query": query or shown[0]["query"], "examples": shown}
    return render_page(request, "editor.html", title=t("sparql.title"), context={"config": config})
