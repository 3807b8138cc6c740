"""The draft extractor: candidate claims found in an article's text."""
