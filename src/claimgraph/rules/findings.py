"""What the rules and the reviews produce: :class:`Finding` (a contradiction,
corroboration or supersession, a reviewable object) and :class:`Findings`."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimgraph.graph.records import claim_ref

__all__ = ["Finding", "Findings", "triage_key", "triaged"]

#: Kinds in the order a reader should meet them when all else is equal.
KIND_ORDER = ("numeric-conflict", "withdrawal-vs-presence", "polarity-conflict", "public-vs-private",
              "deadline-conflict", "framing-conflict")
STATUS_ORDER = {"confirmed": 0, "open": 1, "dismissed": 2}


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


def triage_key(finding: Finding) -> tuple:
    """How findings are ordered everywhere a reader meets them: dismissed
    ones last; before them hard before tension, and confirmed before open;
    then by kind and id, so the order is stable.

    Examples
    --------
    >>> f = lambda fid, sev, st: Finding(fid, "contradiction", "numeric-conflict", sev, (), "", status=st)
    >>> [x.id for x in triaged([f("a", "hard", "dismissed"), f("b", "tension", "open"),
    ...                         f("c", "hard", "open"), f("d", "hard", "confirmed")])]
    ['d', 'c', 'b', 'a']
    """
    return (finding.status == "dismissed", finding.severity != "hard", STATUS_ORDER.get(finding.status, 1),
            KIND_ORDER.index(finding.kind) if finding.kind in KIND_ORDER else len(KIND_ORDER), finding.kind,
            finding.id)


def triaged(findings) -> list[Finding]:
    """``findings`` in triage order (:func:`triage_key`)."""
    return sorted(findings, key=triage_key)


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

    def triaged(self) -> list[Finding]:
        """Every contradiction, found by the rules or by hand, in triage order."""
        return triaged(self.contradictions + self.hand_made)

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
