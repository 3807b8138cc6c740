"""What the extractor produces: candidate claims and the draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
