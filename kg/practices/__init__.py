"""Evidence-rated practices at work: suggested links to programs and laws, and a practice's ratings.

:mod:`~kg.practices.suggest` scores pairs (pure), :mod:`~kg.practices.profiles` reads both sides
from the store, :mod:`~kg.practices.graph` writes the suggestions graph, and
:mod:`~kg.practices.ratings` reads a practice's rating nodes for pages and answers.
"""
