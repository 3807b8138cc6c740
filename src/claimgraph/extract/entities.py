"""Registry names in a text: every label and alias, with their trivial variants."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from claimgraph.corpus.models import Entity
from claimgraph.extract.text import fold, fold_case_kept


AGENT_TYPES = ("person", "anonymous", "organization", "government-body", "armed-group", "media-outlet")


@dataclass(frozen=True)
class EntityMatch:
    start: int
    end: int
    ids: tuple[str, ...]


_ACRONYM_TOKEN = re.compile(r"^[A-Z]{2,4}$")
_DOTTED_TOKEN = re.compile(r"^(?:[A-Z]\.){2,4}$")


def name_variants(name: str) -> list[str]:
    """The trivial spellings of a registry name that should match it too: the
    acronyms dotted and undotted ("US"/"U.S."), and without a leading "the"
    before a proper name (a "the" before a name is read as part of the sentence; "the union" stays whole). Case and curly apostrophes are folded when matching.

    Examples
    --------
    >>> name_variants("US officials")
    ['US officials', 'U.S. officials']
    >>> name_variants("the Times"), name_variants("the union")
    (['the Times', 'Times'], ['the union'])
    """
    name = " ".join(name.split())
    tokens = name.split(" ")
    forms = [name]
    dotted = [".".join(t) + "." if _ACRONYM_TOKEN.match(t) else t for t in tokens]
    undotted = [t.replace(".", "") if _DOTTED_TOKEN.match(t) else t for t in tokens]
    for variant in (" ".join(dotted), " ".join(undotted)):
        if variant not in forms:
            forms.append(variant)
    out: list[str] = []
    for form in forms:
        bare = re.sub(r"^(?i:the)[ \u00a0]+", "", form)
        if not any(c.isupper() for c in bare):         # "the union": "union" alone is a common word
            bare = form
        for candidate in (form, bare):
            if candidate not in out and len(candidate) >= 2:
                out.append(candidate)
    return out


class EntityIndex:
    """Every label and alias of the registry, matched on word boundaries.

    Acronyms (two or more capitals, at most five characters: ``US``, ``AP``,
    ``IS``) match case-sensitively so "is" and "us" stay words.

    Examples
    --------
    >>> from claimgraph.corpus.models import Entity
    >>> index = EntityIndex({"ap": Entity(id="ap", type="media-outlet", label="Associated Press", aliases=["AP"])})
    >>> [(m.start, m.ids) for m in index.find("He told AP; it is the associated press.")]
    [(8, ('ap',)), (22, ('ap',))]
    """

    def __init__(self, entities: dict[str, Entity]):
        self.entities = entities
        folded: dict[str, set[str]] = {}
        exact: dict[str, set[str]] = {}
        for entity in entities.values():
            for name in {v for n in [entity.label, *entity.aliases] for v in name_variants(n)}:
                name = name.strip()
                if len(name) < 2:
                    continue
                capitals = sum(c.isupper() for c in name)
                if capitals >= 2 and len(name) <= 5 and not any(c.islower() for c in name[1:2]):
                    exact.setdefault(fold_case_kept(name), set()).add(entity.id)
                else:
                    folded.setdefault(fold(name), set()).add(entity.id)
        self._folded = folded
        self._exact = exact
        self._folded_re = self._compile(folded, re.IGNORECASE)
        self._exact_re = self._compile(exact, 0)

    @staticmethod
    def _compile(names: dict[str, set[str]], flags: int) -> re.Pattern | None:
        if not names:
            return None
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
        return re.compile(rf"(?<![\w@])(?:{alternatives})(?![\w])", flags)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[EntityMatch]:
        end = len(text) if end is None else end
        matches: list[EntityMatch] = []
        if self._folded_re is not None:
            folded = fold(text)
            for m in self._folded_re.finditer(folded, start, end):
                matches.append(EntityMatch(m.start(), m.end(), tuple(sorted(self._folded[m.group(0)]))))
        if self._exact_re is not None:
            kept = fold_case_kept(text)
            for m in self._exact_re.finditer(kept, start, end):
                if not any(o.start <= m.start() < o.end for o in matches):
                    matches.append(EntityMatch(m.start(), m.end(), tuple(sorted(self._exact[m.group(0)]))))
        return sorted(matches, key=lambda m: (m.start, -m.end))

    def pick(self, ids: Iterable[str], prefer: tuple[str, ...] = AGENT_TYPES) -> str | None:
        ids = list(ids)
        for kind in prefer:
            for entity_id in ids:
                if self.entities[entity_id].type == kind:
                    return entity_id
        return ids[0] if ids else None
