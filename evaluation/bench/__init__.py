"""``policykg bench``: speed and memory, measured side by side in one run; nothing here asserts a time.

One module per concern: :mod:`.sparql_mix` (a fixed query mix through HTTP, pyoxigraph and
rdflib, the last in :mod:`.rdflib_engine`'s child process), :mod:`.search_latency`
(bm25/dense/hybrid over HTTP, at the corpus size and at a :mod:`.synthetic` size),
:mod:`.ingest_speed` (documents and passages per second against the pure encoding floor),
:mod:`.memory` (RSS high-water marks of the service and its children), :mod:`.served` (the
real service in a child process), :mod:`.timing` (repetition and percentiles),
:mod:`.report` (the one structure behind the JSON and the tables) and :mod:`.run` (the order
of the work).
"""
