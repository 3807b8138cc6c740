"""Located problems: what every loader raises, one readable line per mistake."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

__all__ = ["Problem", "CorpusError", "OntologyError", "display_path"]


@dataclass(frozen=True, order=True)
class Problem:
    """One readable error: ``file:line: field: message``."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class OntologyError(Exception):
    """The ontology file cannot be read or is not valid Turtle; the message names the file and line."""


class CorpusError(Exception):
    """Raised with every problem found while loading."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(map(str, self.problems)))


def display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(path.relative_to(root.parent))
        except ValueError:
            pass
    return str(path)
