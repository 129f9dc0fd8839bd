"""The intents, one module each, in the order they are tried: graph relations first, evidence last.

A graph intent that yields no answer hands over to the next one, so the evidence-based intents
(:mod:`.instrument_of_evidence`, :mod:`.entities_of_evidence`) always get their turn.
"""

from __future__ import annotations

from types import ModuleType

from kg.ask.intents import (compare_states, entities_of_evidence, instrument_of_evidence, instruments_cited,
                            instruments_citing, laws_of_state, practices_related, program_actors, programs_related,
                            states_involved, theme_actors)

# compare_states first: a comparison names two states, which programs_related would read as "programs of either".
INTENTS: tuple[ModuleType, ...] = (compare_states, instruments_cited, instruments_citing, program_actors,
                                   theme_actors, programs_related, states_involved, laws_of_state, practices_related,
                                   instrument_of_evidence,
                                   entities_of_evidence)
