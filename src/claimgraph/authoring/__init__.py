"""Adding an article: store, draft, check and review its annotation."""
