"""What the rules and the reviews produce: :class:`Finding` (a contradiction,
corroboration or supersession, a reviewable object) and :class:`Findings`."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimgraph.graph.records import claim_ref

__all__ = ["Finding", "Findings"]


@dataclass
class Finding:
    """A contradiction, corroboration or supersession: a reviewable object."""

    id: str
    relation: str
    kind: str
    severity: str
    claims: tuple[str, ...]
    explanation: str
    rules: tuple[str, ...] = ()
    within_article: bool = False
    status: str = "open"
    reason: str | None = None
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    hand_made: bool = False
    independent: bool | None = None
    source_count: int | None = None
    pairs: tuple[tuple[str, str], ...] = ()

    @property
    def refs(self) -> list[str]:
        return [claim_ref(iri) for iri in self.claims]


@dataclass
class Findings:
    """Everything the rules and the reviews produced."""

    contradictions: list[Finding] = field(default_factory=list)
    hand_made: list[Finding] = field(default_factory=list)
    corroborations: list[Finding] = field(default_factory=list)
    supersessions: list[Finding] = field(default_factory=list)
    review_problems: list[str] = field(default_factory=list)
    #: Pairs left out past ``rules.engine.MAX_PAIRS_PER_RULE_ARTICLE``, by ``(rule, article)``.
    capped: dict[tuple[str, str], int] = field(default_factory=dict)

    def all(self) -> list[Finding]:
        return self.contradictions + self.hand_made + self.corroborations + self.supersessions

    def by_id(self, finding_id: str) -> Finding:
        for finding in self.all():
            if finding.id == finding_id:
                return finding
        raise KeyError(finding_id)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in self.contradictions:
            counts[finding.kind] = counts.get(finding.kind, 0) + 1
        return dict(sorted(counts.items()))
