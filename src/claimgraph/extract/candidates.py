"""What the extractor produces: candidate claims and the draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["PLACEHOLDER", "Candidate", "Draft"]

#: How a drafted proposition the extractor could not guess starts its note; ``claimgraph check`` reports every
#: claim whose note still has it, so a placeholder is never taken for a checked proposition.
PLACEHOLDER = "PROPOSITION TO WRITE:"

@dataclass
class Candidate:
    """One draft claim, with the text evidence that produced it."""

    kind: str                      # statement | quantity | date
    start: int
    end: int
    quote: str
    speaker: str
    modality: str = "asserted"
    via: list[str] = field(default_factory=list)
    said_on: str | None = None
    hedge: str | None = None
    proposition: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    rule: str = ""
    speaker_name: str = ""
    proposed_speaker: str | None = None
    dates: list[tuple[int, int]] = field(default_factory=list)   # date expressions this candidate carries
    speaker_at: int | None = None                                 # where the speaker is named
    anchor: tuple[int, int] | None = None                         # the figure or date it was drafted for
    proposed_subject: str | None = None                           # a subject id proposed as a new entity
    proposed_object: str | None = None                            # an object id proposed as a new entity
    placeholder: bool = False                                     # the proposition is left for the reviewer to write

    @property
    def carries_date(self) -> bool:
        return bool(self.dates)

    @property
    def note(self) -> str:
        return "; ".join(self.notes)


@dataclass
class Draft:
    """The extractor's output for one article."""

    candidates: list[Candidate]
    proposals: list[dict[str, Any]]
    # figures and dates of the article's head (address, byline, stamp, dateline): (start, end, reason)
    exclusions: list[tuple[int, int, str]] = field(default_factory=list)
