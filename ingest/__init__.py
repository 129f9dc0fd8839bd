"""Ingestion pipelines: read → segment → extract → resolve → validate → write."""
