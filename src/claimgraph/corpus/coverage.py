"""What each annotation covers: its claims and exclusions against the figures
and dates found in the article's text."""

from __future__ import annotations

from typing import Any

from claimgraph.corpus.load import Corpus
from claimgraph.corpus.mentions import find_dates, find_quantities

__all__ = ["coverage"]


def coverage(corpus: Corpus) -> dict[str, dict[str, Any]]:
    """Per article: claims, exclusions, and the figures and dates in the text
    that no claim quote and no exclusion covers."""
    result = {}
    for article in corpus.articles:
        ann = article.annotation
        spans = [(c.start, c.end) for c in ann.claims if c.status != "rejected"]
        spans += [(e.start, e.end) for e in ann.excluded]

        def covered(start: int, end: int) -> bool:
            return any(s <= start and end <= e for s, e in spans)

        dates = find_dates(article.text)
        quantities = find_quantities(article.text, dates)
        result[article.id] = {
            "claims": sum(c.status == "checked" for c in ann.claims),
            "deprecated": sum(c.deprecated is not None for c in ann.claims),
            "drafts": sum(c.status == "draft" for c in ann.claims),
            "excluded": len(ann.excluded),
            "quantities": len(quantities), "dates": len(dates),
            "uncovered": [m for m in quantities + dates if not covered(m.start, m.end)],
        }
    return result
