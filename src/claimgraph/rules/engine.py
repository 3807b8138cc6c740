"""The contradiction engine: declarative SPARQL rules over the built graph.

A rules folder holds three kinds of files (OBO ODK naming):

* ``construct-*.rq`` derive helper triples (scope overlap, who acts for whom)
  into the derived graph before any rule runs;
* ``*-violation.rq`` are checks: a SELECT projecting ``?message`` (and
  usually the offending node); any row fails the build;
* every other ``*.rq`` is a SELECT rule projecting ``?a`` and ``?b`` (the
  claims joined) and optionally ``?kind``, ``?severity`` and any variable its
  explanation template uses. Its header comments give ``kind:``,
  ``severity:``, ``relation:`` (contradiction, corroboration or
  supersession) and ``explain:``, a template over ``{a.speaker}``,
  ``{b.value}``, ``{subject}``, ``{property}`` and the projected variables.

Adding a file to the folder adds a rule; no Python changes. What Python does:
interval bounds (in the build), the explanation text, source independence
from attribution chains, stable ids, and applying the hand-edited reviews.
"""

from __future__ import annotations

import _string
import functools
import hashlib
import os
import re
import string
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

import pyoxigraph as ox
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from claimgraph.corpus.models import ReviewFile
from claimgraph.graph.build import IDENTIFIER, RDF_TYPE, RDFS_COMMENT, RDFS_LABEL, Graph, boolean, cg, text, typed
from claimgraph.namespaces import ID_IRI, graph_iri, local_name
from claimgraph.graph.records import ClaimRecord, claim_ref
from claimgraph.resources import rules_dir

__all__ = ["Rule", "RuleError", "Finding", "Findings", "load_rules", "derive", "violations", "run_rules",
           "select_rules", "find", "findings_batches", "findings_nquads", "findings_quads"]

RELATIONS = ("contradiction", "corroboration", "supersession")
_HEADER = re.compile(r"^#\s*(kind|severity|relation|explain)\s*:\s*(.*)$")


class RuleError(Exception):
    """A rule file that cannot be read or run."""


@dataclass(frozen=True)
class Rule:
    """One rule file and the metadata in its header."""

    name: str
    path: Path
    text: str
    description: str
    kind: str | None = None
    severity: str | None = None
    relation: str = "contradiction"
    explain: str = "{a.speaker} and {b.speaker} disagree about {subject}."

    @property
    def is_construct(self) -> bool:
        return self.name.startswith("construct-")

    @property
    def is_violation(self) -> bool:
        return self.name.endswith("-violation")


def _parse_rule(path: Path) -> Rule:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    description: list[str] = []
    in_plan = False  # "# Plan:" notes say how the query is written, not what it asks
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            meta[match.group(1)] = match.group(2).strip()
            in_plan = False
        elif line.lstrip("# ").startswith("Plan:") or in_plan:
            in_plan = True
        else:
            description.append(line.lstrip("# ").rstrip())
    relation = meta.get("relation", "contradiction")
    if relation not in RELATIONS:
        raise RuleError(f"{path}: relation must be one of {', '.join(RELATIONS)}, not {relation!r}")
    kind = meta.get("kind")
    if kind and " " in kind:  # "from the axiom": the rule projects ?kind
        kind = None
    rule = Rule(path.stem, path, text, " ".join(description).strip(), kind, meta.get("severity"),
                relation, meta.get("explain", Rule.explain))
    try:
        list(string.Formatter().parse(rule.explain))
    except ValueError as exc:
        raise RuleError(f"{path}: bad explain template: {exc}") from None
    return rule


def load_rules(*folders: Path) -> list[Rule]:
    """Rules from the shipped folder (default) or the given folders, by name.

    Examples
    --------
    >>> names = [rule.name for rule in load_rules()]
    >>> "numeric-conflict" in names and "construct-scope-overlap" in names
    True

    A folder that does not exist, or holds no rule (``*.rq``), is a
    :class:`RuleError`: a build without its rules would report "0
    contradictions" and be believed.
    """
    rules: dict[str, Rule] = {}
    for folder in folders or (rules_dir(),):
        folder = Path(folder)
        if not folder.is_dir():
            raise RuleError(f"{folder}: no such rules folder" if not folder.exists() else f"{folder}: not a folder")
        found = sorted(folder.glob("*.rq"))
        if not found:
            raise RuleError(f"{folder}: holds no rule (*.rq file)")
        for path in found:
            rules[path.stem] = _parse_rule(path)
    return [rules[name] for name in sorted(rules)]


def _query(store: ox.Store, rule: Rule):
    """Run a rule over the union of the graphs; a failure names the rule file."""
    try:
        return store.query(rule.text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise RuleError(f"{rule.path}: SPARQL syntax error: {exc}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise RuleError(f"{rule.path}: {exc}") from None


def derive(store: ox.Store, rules: Sequence[Rule]) -> list[ox.Quad]:
    """Run the ``construct-*`` rules and add their triples to the derived graph."""
    graph = ox.NamedNode(graph_iri("derived"))
    quads: list[ox.Quad] = []
    for rule in rules:
        if not rule.is_construct:
            continue
        quads += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in _query(store, rule)]
    store.extend(quads)
    return quads


def violations(store: ox.Store, rules: Sequence[Rule]) -> list[str]:
    """Run the ``*-violation`` rules; one line per row, naming the rule.

    Examples
    --------
    >>> from claimgraph.resources import rules_dir
    >>> violations(ox.Store(), load_rules(rules_dir()))
    []
    """
    lines = []
    for rule in rules:
        if not rule.is_violation:
            continue
        for row in _query(store, rule):
            values = [term.value for term in row if term is not None]
            lines.append(f"{rule.name}: {' '.join(local_name(v) for v in values)}")
    return sorted(lines)


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
    #: Pairs left out past :data:`MAX_PAIRS_PER_RULE_ARTICLE`, by ``(rule, article)``.
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
    solutions = _query(store, rule)
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
        explanation += f" {others} more claim{'s' if others > 1 else ''} say the same on one side or the other."
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


def _apply_reviews(findings: Findings, records: dict[str, ClaimRecord], reviews: ReviewFile) -> None:
    known_refs = {record.ref: iri for iri, record in records.items()}
    by_id = {finding.id: finding for finding in findings.all()}

    def vanished(label: str, refs: list[str]) -> bool:
        missing = [ref for ref in refs if ref not in known_refs]
        if missing:
            findings.review_problems.append(f"{label}: points at claims that no longer exist: {', '.join(missing)}")
        return bool(missing)

    for review in reviews.reviews:
        if vanished(f"review {review.id}", review.claims):
            continue
        finding = by_id.get(review.id)
        if finding is None:
            findings.review_problems.append(
                f"review {review.id}: the rules no longer find it (claims {', '.join(review.claims)})")
            continue
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


def findings_batches(findings: Findings, rules: Sequence[Rule], size: int = 2000) -> Iterator[tuple[str, bytes]]:
    """The findings as N-Quads in the derived graph, ``size`` findings per
    batch, each as ``(graph name, text)`` for :func:`~claimgraph.graph.build.load_graphs`:
    the store indexes one batch while the next is written.

    Batches never repeat a line: each finding has its own node, and the rules
    are described in the first batch only.
    """
    derived = graph_iri("derived")
    out = Graph(derived)
    used_rules = {name for finding in findings.all() for name in finding.rules}
    for rule in rules:
        if rule.name in used_rules or not rule.is_construct:
            node = f"{ID_IRI}rule/{rule.name}"
            out.add(node, RDF_TYPE, cg["Rule"])
            out.add(node, RDFS_LABEL, text(rule.name))
            out.add(node, RDFS_COMMENT, text(rule.description))
    classes = {"contradiction": "Contradiction", "corroboration": "Corroboration", "supersession": "Supersession"}
    for count, finding in enumerate(findings.all(), start=1):
        node = f"{ID_IRI}finding/{finding.id}"
        out.add(node, RDF_TYPE, cg[classes[finding.relation]])
        out.add(node, IDENTIFIER, text(finding.id))
        out.add(node, cg["explanation"], text(finding.explanation))
        for claim in finding.claims:
            out.add(node, cg["joins"], f"<{claim}>")
        out.add(node, cg["withinArticle"], boolean(finding.within_article))
        for rule in finding.rules:
            out.add(node, cg["foundBy"], f"<{ID_IRI}rule/{rule}>")
        if finding.relation == "corroboration":
            out.add(node, cg["independent"], boolean(bool(finding.independent)))
            out.add(node, cg["sourceCount"], typed(str(finding.source_count), "integer"))
        else:
            out.add(node, cg["kind"], cg[finding.kind])
            out.add(node, cg["severity"], cg[finding.severity])
            out.add(node, cg["reviewStatus"], cg[finding.status])
            if finding.hand_made:
                out.add(node, cg["handMade"], boolean(True))
            if finding.reason:
                out.add(node, cg["reviewReason"], text(finding.reason))
            if finding.reviewed_by:
                out.add(node, cg["reviewedBy"], text(finding.reviewed_by))
        if count % size == 0:
            yield derived, out.nquads()
            out = Graph(derived)
    if out.lines:
        yield derived, out.nquads()


def findings_nquads(findings: Findings, rules: Sequence[Rule]) -> bytes:
    """The findings as N-Quads in the derived graph, in one piece (see :func:`findings_batches`)."""
    return b"".join(data for _, data in findings_batches(findings, rules))


def findings_quads(findings: Findings, rules: Sequence[Rule]) -> list[ox.Quad]:
    """The findings as quads in the derived graph (see :func:`findings_nquads`)."""
    return list(ox.parse(findings_nquads(findings, rules), format=ox.RdfFormat.N_QUADS))
