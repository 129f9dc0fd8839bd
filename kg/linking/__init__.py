"""Entity linking as a service of ``kg``: question text → graph entities, from the store's own labels.

One :class:`~kg.linking.linker.Linker` per store state (:mod:`kg.linking.cache`), built from the
labels, aliases, acronyms, symbols and demonyms the graph holds (:mod:`kg.linking.names`), plus
demonyms derived by rule from state names (:mod:`kg.linking.demonyms`). ``/ask``, query expansion
(:mod:`kg.linking.expansion`) and ingest (``ingest/gazetteer.py``: a linker over the State, Organization
and Theme names, exact names only) use it.
"""
