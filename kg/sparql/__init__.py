"""SPARQL guard and result serialisation, shared by the HTTP endpoint and the CLI."""
