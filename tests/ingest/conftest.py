"""Fixtures shared by the ingest tests."""

from __future__ import annotations

import pytest

from ingest.gazetteer import Gazetteer, reference_gazetteer
from ontology.iri import Iris

IRIS = Iris("https://policykg.org/")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    """The gazetteer of the shipped reference data (states, organizations, themes)."""
    return reference_gazetteer(IRIS)
