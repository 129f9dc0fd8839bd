"""Questions in four languages answered from the graph: link, read, pick an intent, run its template, find evidence.

:mod:`kg.ask.reading` reads what a question asks for; :mod:`kg.ask.intents` holds one SPARQL
template per intent; :mod:`kg.ask.asker` runs them through the guarded query path and attaches
the passages that support each answer.
"""
