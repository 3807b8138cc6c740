"""Near misses: claims from different articles that look related but that no finding joins.

A pair is a near miss when the two claims come from different articles, do
not state the same proposition (the same subject, predicate and value: the
rules compared those, and their times or polarity decided), no rule finding (contradiction, corroboration, supersession) and no hand-made
finding has both of them, and either

- they **share a subject and an object**: the same subject entity, or one
  within the other through the registry's hierarchy (``broader``,
  ``part_of``), and the same object entity (likewise) or the same category
  or frame; or
- their **quotes are very similar** (rapidfuzz token-sort ratio at least
  :data:`QUOTE_SIMILARITY`, both quotes at least :data:`MIN_QUOTE` characters).

It is a worklist, shown as "possibly related, not compared" in
``contradictions.md`` and on the contradictions page: either the two
propositions should be aligned (``claimgraph align``, then the rules compare
them), or the pair is really unrelated.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Iterable

from rapidfuzz import fuzz

from claimgraph.corpus.models import entity_wholes

__all__ = ["NearMiss", "near_misses", "near_misses_markdown", "QUOTE_SIMILARITY", "MIN_QUOTE", "SHARED_WORDS", "COMMON_WORD", "UNRELATED_FILE",
           "read_unrelated", "record_unrelated"]

QUOTE_SIMILARITY = 80
MIN_QUOTE = 25
#: Quotes are scored when they share this many words of four letters or more ...
SHARED_WORDS = 2
#: ... that fewer than this many claims use (the rest say little about a pair).
COMMON_WORD = 200
#: The analyst's record of pairs looked at and found unrelated (in the corpus folder); they are not listed again.
UNRELATED_FILE = "unrelated.yaml"


@dataclass(frozen=True)
class NearMiss:
    """Two claims that may be about the same thing but were never compared."""

    a: str                 # claim refs (article/claim id), a < b
    b: str
    quote_a: str
    quote_b: str
    proposition_a: str
    proposition_b: str
    reason: str
    score: float           # quote similarity, 0-100

    @property
    def id(self) -> str:
        return f"near-miss:{self.a}|{self.b}"


def _up(entities: dict, entity_id: str | None) -> set[str]:
    """The entity and everything it is within (``broader``, ``part_of``, transitively)."""
    return {entity_id} | entity_wholes(entities, entity_id) if entity_id else set()


def _related(entities: dict, a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return a == b or b in _up(entities, a) or a in _up(entities, b)


def _summary(record) -> str:
    negative = " (not)" if record.polarity == "negative" else ""
    return f"{record.subject_id} {record.property}{negative} {record.value}".strip()


def _joined(findings) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for finding in findings.all():
        for a, b in combinations(finding.claims, 2):
            pairs.add(frozenset((a, b)))
        for a, b in finding.pairs:
            pairs.add(frozenset((a, b)))
    return pairs


def _words(quote: str) -> set[str]:
    return {word for word in re.findall(r"[a-z0-9][a-z0-9’'-]{3,}", quote.lower())}


def _candidates(live: list, entities: dict) -> set[tuple[int, int]]:
    """Pairs worth scoring, without comparing every claim with every other:
    claims whose subjects share a whole and whose objects share a whole (or
    a category or frame), and claims whose quotes share at least
    :data:`SHARED_WORDS` words that fewer than :data:`COMMON_WORD` claims use.
    Quotes alike only in words that many claims use (a wire's stock phrase
    around different figures and places) are not scored: they say nothing
    about the pair, and scoring every pair grows with the square of the
    corpus (5 billion pairs at 100,000 claims)."""
    buckets: dict[tuple, list[int]] = defaultdict(list)
    postings: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(live):
        objects = (_up(entities, record.entity_id) | {f"category:{record.category}" if record.category else None}
                   | {f"frame:{record.frame}" if record.frame else None}) - {None}
        for subject in _up(entities, record.subject_id):
            for key in objects:
                buckets[(subject, key)].append(index)
        if len(record.quote) >= MIN_QUOTE:
            for word in _words(record.quote):
                postings[word].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        pairs.update(combinations(members, 2))
    shared: Counter = Counter()
    for members in postings.values():
        if len(members) < COMMON_WORD:
            shared.update(combinations(members, 2))
    pairs.update(pair for pair, count in shared.items() if count >= SHARED_WORDS)
    return pairs


def near_misses(records: dict, findings, entities: dict, *, similarity: int = QUOTE_SIMILARITY,
                unrelated: Iterable[frozenset[str]] = ()) -> list[NearMiss]:
    """Pairs of claims from different articles that share a subject and an object, or have very
    similar quotes, but that no finding joins and that are not recorded as unrelated; best first."""
    joined = _joined(findings)
    dismissed = set(unrelated)
    live = sorted((r for r in records.values() if not r.deprecated), key=lambda r: r.ref)
    found = []
    for i, j in sorted(_candidates(live, entities)):
        left, right = live[i], live[j]
        if left.article == right.article or frozenset((left.iri, right.iri)) in joined \
                or frozenset((left.ref, right.ref)) in dismissed:
            continue
        score = fuzz.token_sort_ratio(left.quote.lower(), right.quote.lower()) \
            if min(len(left.quote), len(right.quote)) >= MIN_QUOTE else 0.0
        same_subject = _related(entities, left.subject_id, right.subject_id)
        same_object = _related(entities, left.entity_id, right.entity_id) or \
            (left.category is not None and left.category == right.category) or \
            (left.frame is not None and left.frame == right.frame)
        if (left.subject_id, left.property, left.value) == (right.subject_id, right.property, right.value):
            continue            # one proposition: the rules did compare them (their times or polarity decide)
        if same_subject and same_object:
            reason = f"same subject and object ({left.subject_id} … {left.entity_id or left.category or left.frame})"
        elif score >= similarity:
            reason = f"quotes {score:.0f}% alike"
        else:
            continue
        found.append(NearMiss(left.ref, right.ref, left.quote, right.quote, _summary(left), _summary(right),
                              reason, round(score, 1)))
    found.sort(key=lambda m: (-m.score, m.a, m.b))
    return found


def near_misses_markdown(misses: Iterable[NearMiss], limit: int = 50) -> list[str]:
    """Lines for ``contradictions.md``: "Possibly related, not compared"."""
    misses = list(misses)
    if not misses:
        return []
    lines = ["## Possibly related, not compared", "",
             f"{len(misses)} pair(s) of claims from different articles share a subject and an object, or have very "
             "similar quotes, but no rule compared them. Align the propositions (`claimgraph align ARTICLE`) or "
             "leave them as unrelated (`claimgraph near-misses` lists them all).", ""]
    for miss in misses[:limit]:
        lines.append(f"- `{miss.a}` “{miss.quote_a}” ({miss.proposition_a}) and `{miss.b}` “{miss.quote_b}” "
                     f"({miss.proposition_b}): {miss.reason}")
    if len(misses) > limit:
        lines.append(f"- … and {len(misses) - limit} more")
    return lines + [""]


def read_unrelated(corpus_root) -> set[frozenset[str]]:
    """The pairs recorded as unrelated in ``<corpus>/unrelated.yaml`` (a list of ``{claims: [A, B], reason, by, date}``)."""
    import yaml
    from pathlib import Path
    path = Path(corpus_root) / UNRELATED_FILE
    if not path.exists():
        return set()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {frozenset(entry["claims"]) for entry in data
            if isinstance(entry, dict) and isinstance(entry.get("claims"), list) and len(entry["claims"]) == 2}


def record_unrelated(corpus_root, a: str, b: str, reason: str, by: str, date: str | None = None) -> None:
    """Record that two claims (refs ``article.cNN``) were looked at and are unrelated; appended as text,
    so every byte already in the file stays."""
    import datetime as dt
    import json
    from pathlib import Path
    from claimgraph.corpus.files import atomic_write_text, locked
    if not reason.strip():
        raise ValueError("recording a pair as unrelated needs a reason")
    path = Path(corpus_root) / UNRELATED_FILE
    entry = (f"- claims: [{json.dumps(a)}, {json.dumps(b)}]\n  reason: {json.dumps(reason.strip(), ensure_ascii=False)}\n"
             f"  by: {json.dumps(by)}\n  date: \"{date or dt.date.today().isoformat()}\"\n")
    with locked(path):  # read again under the lock: a decision written meanwhile is kept
        before = path.read_text(encoding="utf-8") if path.exists() else (
            "# Pairs of claims `claimgraph near-misses` listed that an analyst found unrelated (not listed again).\n")
        atomic_write_text(path, before + ("" if before.endswith("\n") else "\n") + entry)
