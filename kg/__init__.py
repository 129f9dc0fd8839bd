"""The knowledge graph at work: store, indexes, embedders, search."""
