"""The reviewed list of W3C tests we expect to fail, each with its reason.

A test listed here runs as ``xfail(strict=True)``: if it starts passing, the run fails until
the entry is removed, so the list cannot go stale. Every entry below is a deviation of the
query engine (pyoxigraph 0.5.13): calling ``pyoxigraph.Store.query`` directly on the same
data gives the same answer, so it is not our HTTP layer. "(unapproved)" marks tests added to
the suite after the Working Group closed (no ``dawgt:approval``).
"""

from __future__ import annotations

ENGINE = "pyoxigraph 0.5.13 (same answer without HTTP): "

EXPECTED_FAILURES: dict[str, str] = {
    "aggregates/agg-groupconcat-04": ENGINE + "GROUP_CONCAT of \"1\"@en \"2\"@en keeps the common language tag "
                                     "(SPARQL 1.2 behaviour); SPARQL 1.1 makes it a simple literal, so the FILTER "
                                     "against \"1 2\" is false (unapproved)",
    "aggregates/agg-groupconcat-06": ENGINE + "GROUP_CONCAT of a single \"1\"@en returns \"1\"@en, not the simple "
                                     "literal \"1\" of SPARQL 1.1 (unapproved)",
    "aggregates/agg-empty-group-count-graph": ENGINE + "GRAPH ?g { SELECT (COUNT(*) AS ?c) … } leaves ?g unbound and "
                                              "drops the graph whose count is 0 (unapproved)",
    "bindings/graph": ENGINE + "VALUES binding the GRAPH variable inside GRAPH ?g: the UNDEF row is not joined with "
                      "each named graph, so ?g stays unbound (unapproved)",
    "functions/bnode01": ENGINE + "BNODE(\"foo\") returns the same blank node in every solution; the spec wants a "
                         "fresh one per solution mapping",
    "negation/graph-minus": ENGINE + "MINUS inside GRAPH ?g treats the graph variable as shared, so the disjoint "
                            "right side removes every row (unapproved)",
    "property-path/zero_or_more_set_start": ENGINE + "?s :p* :o on an empty graph does not yield the zero-length "
                                            "match ?s = :o for a constant end point (unapproved)",
    "property-path/zero_or_more_set_end": ENGINE + ":s :p* ?o on an empty graph does not yield the zero-length match "
                                          "?o = :s for a constant start point (unapproved)",
    "property-path/zero_or_one_set_start": ENGINE + "?s :p? :o on an empty graph misses the zero-length match "
                                           "(unapproved)",
    "property-path/zero_or_one_set_end": ENGINE + ":s :p? ?o on an empty graph misses the zero-length match "
                                         "(unapproved)",
    "csv-tsv-res/tsv03": ENGINE + "the store keeps numbers as values: \"-3\"^^xsd:negativeInteger comes back as "
                         "xsd:integer and \"1.0E6\"^^xsd:double as \"1000000\", so the TSV terms differ",
    "csv-tsv-res/csv03": ENGINE + "the store keeps numbers as values: \"1.0E6\"^^xsd:double is written \"1000000\" "
                         "in CSV, which carries no datatype to compare by value",
    "syntax-query/test_4": ENGINE + "the query parses, but evaluating the unknown extension function "
                           "<http://example/function> is refused (400 'custom function not supported') instead "
                           "of yielding an unbound value",
}
