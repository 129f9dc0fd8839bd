"""Catalog files for the read step: records (JSON Lines, JSON, CSV), field mappings, and the catalog's text.

A catalog of evidence-rated practices is one file with many records. The read step turns it,
through its field mapping (:mod:`~ingest.catalogs.mapping`), into one text
(:mod:`~ingest.catalogs.text`) that the catalog kind (:mod:`ingest.kinds.catalog`) reads back
with exact spans; rating texts are read by their format (:mod:`~ingest.catalogs.rating`).
"""
