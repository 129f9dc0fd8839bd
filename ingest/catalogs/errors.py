"""The one error of catalog reading: a file or mapping we refuse, with a message that is safe to show.

Raised while a catalog is read (before anything reaches the store); the read step turns it into
:class:`kg.errors.BadInput` naming the file, so a bad catalog aborts the whole ingest run.
"""

from __future__ import annotations


class CatalogError(ValueError):
    """A catalog (or its mapping) we cannot read; the message is ours and names the record or field."""
