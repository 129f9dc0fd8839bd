"""Lexical and vector passage indexes, saved beside the store."""
