"""``policykg bench``: speed and memory, measured side by side in one run; nothing here asserts a time.

One module per concern: :mod:`.sparql_mix` (a fixed query mix through HTTP, pyoxigraph and
rdflib), :mod:`.search_latency` (bm25/dense/hybrid over HTTP at the corpus size and at a
synthetic size), :mod:`.ingest_speed` (documents and passages per second against the pure
encoding floor), :mod:`.memory` (the serving process's RSS high-water mark), :mod:`.report`
(the one structure behind the JSON and the tables) and :mod:`.run` (the order of the work).
"""
