"""The contradiction engine: runs the SELECT rules over the built graph and
turns their rows into findings.

Rules come from :mod:`claimgraph.rules.loading`. What Python does here: the
explanation text, source independence from attribution chains, stable ids,
merging pairs that join the same propositions, and applying the hand-edited
reviews. The findings go to RDF in :mod:`claimgraph.rules.findings_rdf`.
"""

from __future__ import annotations

import _string
import functools
import hashlib
import os
import string
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Sequence

import pyoxigraph as ox
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from claimgraph.corpus.models import ReviewFile
from claimgraph.graph.records import ClaimRecord
from claimgraph.namespaces import local_name
from claimgraph.rules.findings import Finding, Findings
from claimgraph.rules.loading import Rule, RuleError, derive, load_rules, query_rule, violations

__all__ = ["Rule", "RuleError", "Finding", "Findings", "load_rules", "derive", "violations", "run_rules",
           "select_rules", "find", "fill", "proposition_key", "independent_sources", "MAX_PAIRS_PER_RULE_ARTICLE"]


_MISSING = object()


@functools.lru_cache(maxsize=None)
def _template(text: str) -> tuple[tuple[str, str | None, str | None, str | None], ...]:
    return tuple(string.Formatter().parse(text))


def fill(template: str, context: dict) -> str:
    """Fill an explain template: ``str.format`` rules, but a missing field
    reads as '?' and ``None`` as nothing. The template is parsed once
    (50k findings at 100k claims).

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> fill("{a.speaker} says {a.value} ({a.scope}); {nope}.", {"a": R(speaker="AP", value=3, scope=None)})
    'AP says 3 (); ?.'
    """
    out = []
    for literal, name, spec, conversion in _template(template):
        out.append(literal)
        if name is None:
            continue
        first, rest = _string.formatter_field_name_split(name)
        value = context.get(first, _MISSING)
        for is_attribute, key in rest:
            if value is _MISSING:
                break
            try:
                value = getattr(value, key) if is_attribute else value[key]
            except (AttributeError, KeyError, IndexError, TypeError):
                value = _MISSING
        if value is _MISSING:
            out.append("?")
            continue
        value = "" if value is None else value
        if conversion:
            value = {"r": repr, "s": str, "a": ascii}[conversion](value)
        out.append(format(value, spec or ""))
    return "".join(out)


def _local(term) -> str | None:
    if term is None:
        return None
    return local_name(term.value) if isinstance(term, ox.NamedNode) else term.value


def _run_rule(store: ox.Store, rule: Rule) -> list[dict]:
    solutions = query_rule(store, rule)
    if not isinstance(solutions, ox.QuerySolutions):
        raise RuleError(f"{rule.path}: a rule must be a SELECT projecting ?a and ?b")
    variables = [v.value for v in solutions.variables]
    if "a" not in variables or "b" not in variables:
        raise RuleError(f"{rule.path}: a rule must project ?a and ?b (it projects {', '.join(variables)})")
    return [{name: solution[name] for name in variables} for solution in solutions]


def run_rules(store: ox.Store, rules: Sequence[Rule], workers: int | None = None) -> list[list[dict]]:
    """The rows of each SELECT rule, in the order of ``rules``.

    Oxigraph evaluates a query without holding the GIL, so rules run in
    threads, one per core by default: ``workers=1`` runs them in turn.
    """
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        return list(pool.map(lambda rule: _run_rule(store, rule), rules))


def proposition_key(record: ClaimRecord) -> str:
    """What a claim says, without who said it or how: claims with equal keys
    stand on the same side of a contradiction."""
    return "|".join(str(part) for part in (
        record.subject_id, record.property, record.value, record.scope, record.polarity,
        record.visibility, record.time, record.is_deadline))


@dataclass(slots=True)
class _Pair:
    rule: Rule
    kind: str
    severity: str
    a: str
    b: str
    context: dict


def _explain(pair: _Pair, records: dict[str, ClaimRecord]) -> str:
    ra, rb = records[pair.a], records[pair.b]
    context = pair.context | {"a": ra, "b": rb, "subject": ra.subject, "property": ra.property,
                              "scope": ra.scope or "any scope"}
    return fill(pair.rule.explain, context)


def _group(pairs: list[_Pair], records: dict[str, ClaimRecord]) -> list[Finding]:
    """Merge pairs that join the same two propositions (or, for corroborations,
    that are connected) into one finding naming every claim."""
    groups: dict[tuple, list[_Pair]] = {}
    keys: dict[str, str] = {}

    def key_of(claim: str) -> str:
        key = keys.get(claim)
        if key is None:
            key = keys[claim] = proposition_key(records[claim])
        return key

    for pair in pairs:
        key = (pair.rule.relation, pair.kind, tuple(sorted({key_of(pair.a), key_of(pair.b)})))
        groups.setdefault(key, []).append(pair)
    findings: list[Finding] = []
    for key, members in groups.items():
        finding = _finding(key[0], key[1], "|".join(key[2]), members, records)
        if finding.relation == "corroboration":
            finding.source_count = independent_sources([records[c] for c in finding.claims])
            finding.independent = finding.source_count > 1
        findings.append(finding)
    return findings


def _finding(relation: str, kind: str, identity: str, members: list[_Pair],
             records: dict[str, ClaimRecord]) -> Finding:
    members = sorted(members, key=lambda p: (p.a, p.b))
    claims = tuple(sorted({c for p in members for c in (p.a, p.b)}))
    first = members[0]
    explanation = _explain(first, records)
    others = len(claims) - 2
    if others > 0:
        explanation += f" {others} more claim{'s say' if others > 1 else ' says'} the same on one side or the other."
    severity = "hard" if any(p.severity == "hard" for p in members) else first.severity
    key = "|".join([relation, kind, identity])
    fid = f"{kind}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"
    return Finding(fid, relation, kind, severity, claims, explanation,
                   rules=tuple(sorted({p.rule.name for p in members})),
                   within_article=len({records[c].article for c in claims}) == 1,
                   pairs=tuple(sorted({(p.a, p.b) for p in members})))


# Two quotes this alike (rapidfuzz's token-sort ratio, 0-100) are one text
# printed twice: two outlets running one wire report, one crediting "agencies".
SHARED_WORDING = 85


def independent_sources(claims: list[ClaimRecord]) -> int:
    """How many independent sources a set of claims rests on: claims that
    share a speaker or any intermediary (two outlets relaying AP), or that
    print near-identical words, count once.

    Examples
    --------
    >>> from types import SimpleNamespace as C
    >>> independent_sources([C(sources=frozenset({"official", "ap"}), quote="a"),
    ...                      C(sources=frozenset({"ap"}), quote="b"), C(sources=frozenset({"obama"}), quote="c")])
    2
    >>> same = "Obama said all troops would leave Iraq by the end of the year"
    >>> independent_sources([C(sources=frozenset({"aj"}), quote=same),
    ...                      C(sources=frozenset({"bbc"}), quote="Obama said all troops would leave Iraq by the end of this year")])
    1
    """
    groups: list[tuple[set[str], list[str]]] = []
    for claim in claims:
        merged, quotes = set(claim.sources), [claim.quote]
        for group in [g for g in groups if g[0] & merged or _shared_wording(g[1], claim.quote)]:
            merged |= group[0]
            quotes += group[1]
            groups.remove(group)
        groups.append((merged, quotes))
    return len(groups)


def _shared_wording(quotes: list[str], quote: str) -> bool:
    return any(fuzz.token_sort_ratio(quote, other, processor=default_process) >= SHARED_WORDING for other in quotes)


def select_rules(rules: Sequence[Rule]) -> list[Rule]:
    """The rules that pair claims: neither ``construct-*`` nor ``*-violation``."""
    return [rule for rule in rules if not (rule.is_construct or rule.is_violation)]


def find(store: ox.Store, records: dict[str, ClaimRecord], reviews: ReviewFile | None = None,
         rules: Sequence[Rule] | None = None, *, rows: list[list[dict]] | None = None) -> Findings:
    """Run every rule over ``store`` (derived triples must already be in it).

    Pairs joining the same two propositions are merged into one finding;
    its id comes from the propositions, so it stays stable when a new article
    adds another claim saying the same. ``rows`` are the rows of
    :func:`select_rules` if :func:`run_rules` already ran them.
    """
    rules = load_rules() if rules is None else rules
    selects = select_rules(rules)
    pairs: list[_Pair] = []
    for rule, rule_rows in zip(selects, run_rules(store, selects) if rows is None else rows, strict=True):
        kind, severity = rule.kind or rule.relation, rule.severity or "tension"
        for row in rule_rows:
            a, b = row["a"].value, row["b"].value
            if a == b or a not in records or b not in records:
                continue
            context = {name: _local(term) for name, term in row.items() if name != "a" and name != "b"}
            pairs.append(_Pair(rule, context.get("kind") or kind, context.get("severity") or severity, a, b, context))
    findings = Findings()
    pairs = _cap(pairs, records, findings.capped)
    for finding in sorted(_group(pairs, records), key=lambda f: (f.kind, f.claims)):
        getattr(findings, {"contradiction": "contradictions", "corroboration": "corroborations",
                           "supersession": "supersessions"}[finding.relation]).append(finding)
    _apply_reviews(findings, records, reviews or ReviewFile())
    return findings


#: At most this many claim pairs inside one article per rule: a pile-up of n
#: conflicting figures in one article would otherwise give n(n-1)/2 findings
#: and exhaust memory. What is left out is counted in ``Findings.capped`` and
#: reported in the summary. The shipped corpus has at most 14.
MAX_PAIRS_PER_RULE_ARTICLE = 500


def _cap(pairs: list[_Pair], records: dict[str, ClaimRecord], capped: dict[tuple[str, str], int],
         limit: int | None = None) -> list[_Pair]:
    """Keep the first ``limit`` pairs (by claim ids, so the choice is stable) of
    each rule inside each article; count the rest in ``capped``."""
    limit = MAX_PAIRS_PER_RULE_ARTICLE if limit is None else limit
    inside: dict[tuple[str, str], list[int]] = {}
    for index, pair in enumerate(pairs):
        article = records[pair.a].article
        if records[pair.b].article == article:
            inside.setdefault((pair.rule.name, article), []).append(index)
    dropped: set[int] = set()
    for key, indexes in sorted(inside.items()):
        if len(indexes) > limit:
            indexes.sort(key=lambda i: tuple(sorted((pairs[i].a, pairs[i].b))))
            dropped.update(indexes[limit:])
            capped[key] = len(indexes) - limit
    return [pair for index, pair in enumerate(pairs) if index not in dropped] if dropped else pairs


def _same_claims(findings: Findings, review, known_refs: dict[str, str]) -> Finding | None:
    """The one finding of the review's relation that joins exactly the
    reviewed claims, on opposite sides for a contradiction."""
    relation = next((r for r in ("corroboration", "supersession") if review.id.startswith(f"{r}-")), "contradiction")
    wanted = {known_refs[ref] for ref in review.claims}
    matches = [finding for finding in findings.all() if finding.relation == relation and set(finding.claims) == wanted
               and (relation != "contradiction" or any({a, b} == wanted for a, b in finding.pairs))]
    return matches[0] if len(matches) == 1 else None


def _apply_reviews(findings: Findings, records: dict[str, ClaimRecord], reviews: ReviewFile) -> None:
    known_refs = {record.ref: iri for iri, record in records.items()}
    by_id = {finding.id: finding for finding in findings.all()}

    def vanished(label: str, refs: list[str]) -> bool:
        missing = [ref for ref in refs if ref not in known_refs]
        if missing:
            findings.review_problems.append(f"{label}: points at claims that no longer exist: {', '.join(missing)}")
        return bool(missing)

    recorded = {review.id for review in reviews.reviews}
    for review in reviews.reviews:
        if vanished(f"review {review.id}", review.claims):
            continue
        finding = by_id.get(review.id) or _same_claims(findings, review, known_refs)
        if finding is None:
            findings.review_problems.append(
                f"review {review.id}: the rules no longer find it (claims {', '.join(review.claims)})")
            continue
        if finding.id != review.id and finding.id in recorded:
            continue  # re-recorded under the current id: that later decision is the one that applies
        if finding.id != review.id:
            # A rule change can give the same pair another kind and so another id;
            # the person's decision was about the claims, so it follows them.
            findings.review_problems.append(
                f"review {review.id}: the rules now find its claims as {finding.id}; the decision is applied "
                f"there (record it under the new id with claimgraph decide)")
        if not set(review.claims) <= set(finding.refs):
            findings.review_problems.append(
                f"review {review.id}: lists claims {', '.join(review.claims)} but the finding joins {', '.join(finding.refs)}")
            continue
        finding.status, finding.reason = review.status, review.reason
        finding.reviewed_by, finding.reviewed_on = review.by, review.date
    for manual in reviews.manual:
        if vanished(f"hand-made contradiction {manual.id}", manual.claims):
            continue
        claims = tuple(sorted(known_refs[ref] for ref in manual.claims))
        articles = {records[iri].article for iri in claims}
        findings.hand_made.append(Finding(
            manual.id, "contradiction", manual.kind, manual.severity, claims, manual.explanation,
            within_article=len(articles) == 1, status="confirmed", reviewed_by=manual.by,
            reviewed_on=manual.date, hand_made=True,
            pairs=tuple((a, b) for i, a in enumerate(claims) for b in claims[i + 1:])))
