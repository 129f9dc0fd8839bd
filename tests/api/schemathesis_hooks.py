"""Schemathesis hooks for the fuzz test (tests/api/test_openapi_fuzz.py): how to send policykg's text bodies.

Schemathesis knows JSON, XML, forms and plain text; SPARQL and the RDF line syntaxes are
text under their own media types, sent as UTF-8.
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis

TEXT_TYPES = ("application/sparql-query", "application/sparql-update", "application/n-triples",
              "application/n-quads", "application/trig")


@schemathesis.serializer(*TEXT_TYPES)
def as_text(ctx: Any, value: Any) -> bytes:
    """A generated body as the bytes sent: text as UTF-8, anything else as its JSON text."""
    if isinstance(value, bytes):
        return value
    return (value if isinstance(value, str) else json.dumps(value)).encode("utf-8")
