"""Score a build against an analyst's list of what must (and must not) be found.

An analyst's list (``tests/data/analyst-list.yaml`` is the project's own) is
drawn up from the article texts alone. It names pairs of statements by
verbatim quotes:

* ``contradictions``: pairs that conflict, each with a ``severity`` (hard or
  tension) and a ``kind``;
* ``compatible``: pairs that do not conflict and must not be flagged;
* ``corroborations``: the same fact or position restated.

A listed quote stands for the claims whose quote spans overlap it by at least
half of the shorter span, so the list does not depend on how the annotator cut
the quotes. A pair is found when one rule finding joins a claim standing for
each side (for a contradiction, on opposite sides of it). Hand-made contradictions are not rule findings and do not count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from claimgraph.result import BuildResult
from claimgraph.rules.findings import Finding

__all__ = ["ListError", "ListedPair", "Evaluation", "load_list", "evaluate", "evaluation_text", "evaluation_json"]

SECTIONS = ("contradictions", "compatible", "corroborations")
MIN_OVERLAP = 0.5


class ListError(ValueError):
    """An analyst's list that cannot be read; the message names file and entry."""


@dataclass(frozen=True)
class ListedPair:
    """One entry of an analyst's list."""

    id: str
    section: str
    a: tuple[str, str]
    b: tuple[str, str]
    severity: str | None = None
    kind: str | None = None
    why: str = ""


@dataclass
class Evaluation:
    """What a build found of a list."""

    found: dict[str, list[ListedPair]] = field(default_factory=dict)
    missed: dict[str, list[ListedPair]] = field(default_factory=dict)
    unmatched_quotes: list[tuple[str, str]] = field(default_factory=list)

    def count(self, section: str) -> tuple[int, int]:
        found = len(self.found.get(section, []))
        return found, found + len(self.missed.get(section, []))

    def by(self, section: str, attribute: str) -> dict[str, tuple[int, int]]:
        totals: Counter = Counter()
        hits: Counter = Counter()
        for pair in self.found.get(section, []):
            hits[getattr(pair, attribute)] += 1
            totals[getattr(pair, attribute)] += 1
        for pair in self.missed.get(section, []):
            totals[getattr(pair, attribute)] += 1
        return {key: (hits[key], totals[key]) for key in sorted(totals, key=str)}


def _side(entry: dict, name: str, where: str) -> tuple[str, str]:
    side = entry.get(name)
    if not isinstance(side, dict) or not isinstance(side.get("article"), str) or not isinstance(side.get("quote"), str):
        raise ListError(f"{where}: {name}: needs {{article: ID, quote: \"exact words\"}}")
    return side["article"], side["quote"]


def load_list(path: Path) -> list[ListedPair]:
    """Read an analyst's list; a malformed entry is a :class:`ListError`."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ListError(f"{path}: cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ListError(f"{path}:{mark.line + 1 if mark else 0}: not valid YAML") from None
    if not isinstance(data, dict):
        raise ListError(f"{path}: expected a mapping with {', '.join(SECTIONS)}")
    pairs = []
    for section in SECTIONS:
        for index, entry in enumerate(data.get(section) or []):
            where = f"{path}: {section}[{index}]"
            if not isinstance(entry, dict) or "id" not in entry:
                raise ListError(f"{where}: needs an id")
            severity = entry.get("severity")
            if section == "contradictions" and severity not in ("hard", "tension"):
                raise ListError(f"{where} ({entry['id']}): severity must be hard or tension")
            pairs.append(ListedPair(str(entry["id"]), section, _side(entry, "a", where), _side(entry, "b", where),
                                    severity, entry.get("kind"), str(entry.get("why", ""))))
    return pairs


def _claims_for(side: tuple[str, str], result: BuildResult) -> set[str] | None:
    article_id, quote = side
    try:
        text = result.corpus.article(article_id).text
    except KeyError:
        return None
    start = text.find(quote)
    if start < 0:
        return None
    end = start + len(quote)
    claims = set()
    for iri, record in result.records.items():
        if record.article != article_id or record.deprecated:
            continue
        overlap = min(end, record.end) - max(start, record.start)
        if overlap > 0 and overlap >= MIN_OVERLAP * min(end - start, record.end - record.start):
            claims.add(iri)
    return claims


def _joined(findings: list[Finding], a: set[str], b: set[str], *, opposed: bool) -> bool:
    """Whether a finding joins a claim of ``a`` with one of ``b``. For a
    contradiction the two must stand on opposite sides (a pair the rules
    found), not together on one side."""
    for finding in findings:
        if opposed:
            if any((x in a and y in b) or (x in b and y in a) for x, y in finding.pairs):
                return True
            continue
        joined = set(finding.claims)
        if any(x in joined and y in joined and x != y for x in a for y in b):
            return True
    return False


def evaluate(result: BuildResult, pairs: list[ListedPair]) -> Evaluation:
    """Which listed pairs the build's rule findings join.

    A contradiction or corroboration is found when a finding of that relation
    joins both sides; a compatible pair is *found* (a false flag) when a
    contradiction joins both sides.
    """
    pools = {"contradictions": result.findings.contradictions, "compatible": result.findings.contradictions,
             "corroborations": result.findings.corroborations}
    evaluation = Evaluation({s: [] for s in SECTIONS}, {s: [] for s in SECTIONS})
    for pair in pairs:
        a, b = _claims_for(pair.a, result), _claims_for(pair.b, result)
        for side, claims in ((pair.a, a), (pair.b, b)):
            if claims is None:
                evaluation.unmatched_quotes.append((pair.id, f"{side[0]}: {side[1]!r} is not in the article"))
        hit = bool(a) and bool(b) and _joined(pools[pair.section], a, b, opposed=pair.section != "corroborations")
        (evaluation.found if hit else evaluation.missed)[pair.section].append(pair)
    return evaluation


def _ratio(hit: int, total: int) -> str:
    return f"{hit}/{total} = {100 * hit / total:.0f}%" if total else "0/0"


def evaluation_text(evaluation: Evaluation, *, verbose: bool = False) -> str:
    """Recall by severity and kind, false flags, corroborations, as plain text.

    Examples
    --------
    >>> pair = ListedPair("x1", "contradictions", ("a", "q"), ("b", "r"), "hard", "numeric")
    >>> print(evaluation_text(Evaluation({"contradictions": [pair]}, {"contradictions": []})))
    contradictions found: 1/1 = 100%
      hard: 1/1 = 100%
      by kind: numeric 1/1
    false flags on compatible pairs: 0/0
    corroborations found: 0/0
    """
    lines = [f"contradictions found: {_ratio(*evaluation.count('contradictions'))}"]
    for severity, (hit, total) in evaluation.by("contradictions", "severity").items():
        lines.append(f"  {severity}: {_ratio(hit, total)}")
    kinds = evaluation.by("contradictions", "kind")
    if kinds:
        lines.append("  by kind: " + ", ".join(f"{kind} {hit}/{total}" for kind, (hit, total) in kinds.items()))
    lines.append(f"false flags on compatible pairs: {_ratio(*evaluation.count('compatible'))}")
    lines.append(f"corroborations found: {_ratio(*evaluation.count('corroborations'))}")
    if verbose:
        for title, section, bucket in (("missed contradictions", "contradictions", evaluation.missed),
                                       ("false flags", "compatible", evaluation.found),
                                       ("missed corroborations", "corroborations", evaluation.missed)):
            entries = bucket.get(section, [])
            if entries:
                lines.append(f"{title}:")
                lines += [f"  {p.id} ({p.severity or ''} {p.kind or ''}): {p.a[1]!r} / {p.b[1]!r}".replace(" ()", "")
                          for p in entries]
    for pair_id, problem in evaluation.unmatched_quotes:
        lines.append(f"warning: {pair_id}: {problem}")
    return "\n".join(lines)


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """The same figures as a JSON-ready mapping, with the ids found and missed."""
    out: dict[str, Any] = {}
    for section in SECTIONS:
        hit, total = evaluation.count(section)
        out[section] = {"found": hit, "total": total,
                        "found_ids": [p.id for p in evaluation.found.get(section, [])],
                        "missed_ids": [p.id for p in evaluation.missed.get(section, [])]}
    out["contradictions"]["by_severity"] = {k: list(v) for k, v in evaluation.by("contradictions", "severity").items()}
    out["contradictions"]["by_kind"] = {k: list(v) for k, v in evaluation.by("contradictions", "kind").items()}
    out["unmatched_quotes"] = [list(item) for item in evaluation.unmatched_quotes]
    return out
