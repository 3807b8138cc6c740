"""Findings to RDF and back: the derived graph a build writes
(:func:`findings_batches`), and the findings and rules a loaded TriG file
holds (:func:`findings_from_store`)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Mapping, Sequence

import pyoxigraph as ox

from claimgraph.graph.nquads import IDENTIFIER, RDF_TYPE, RDFS_COMMENT, RDFS_LABEL, Graph, boolean, cg, text, typed
from claimgraph.graph.records import ClaimRecord
from claimgraph.namespaces import ID_IRI, graph_iri, local_name
from claimgraph.rules.engine import find
from claimgraph.rules.findings import Finding, Findings
from claimgraph.rules.loading import Rule, load_rules
from claimgraph.resources import internal_query

__all__ = ["findings_batches", "findings_nquads", "findings_quads", "findings_from_store", "recover_pairs",
           "rules_from_store"]


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


# ------------------------------------------------------------------ and back, from a loaded graph

_FINDINGS = internal_query("findings")

_LINKS = internal_query("finding-links")

_RULES = internal_query("recorded-rules")


def findings_from_store(store: ox.Store, records: Mapping[str, ClaimRecord]) -> Findings:
    """Rebuild the findings a build recorded in its derived graph.

    Only what the graph states comes back: the claim pairs a rule matched are
    not stored, so every finding's ``pairs`` is empty and its sides are split
    by proposition (as :func:`claimgraph.outputs.report.finding_sides` does).
    """
    joins: dict[str, set[str]] = {}
    found_by: dict[str, set[str]] = {}
    for row in store.query(_LINKS):
        node = row["node"].value
        if row["claim"] is not None:
            joins.setdefault(node, set()).add(row["claim"].value)
        if row["rule"] is not None:
            found_by.setdefault(node, set()).add(row["rule"].value)

    def value(term):
        return None if term is None else term.value

    findings = Findings()
    for row in store.query(_FINDINGS):
        node = row["node"].value
        relation = local_name(row["class"].value).lower()
        claims = tuple(sorted(c for c in joins.get(node, ()) if c in records))
        kind = local_name(value(row["kind"])) if row["kind"] is not None else relation
        finding = Finding(
            id=row["id"].value, relation=relation, kind=kind,
            severity=local_name(row["severity"].value) if row["severity"] is not None else "tension",
            claims=claims, explanation=row["explanation"].value, rules=tuple(sorted(found_by.get(node, ()))),
            within_article=value(row["within"]) == "true",
            status=local_name(row["status"].value) if row["status"] is not None else "open",
            reason=value(row["reason"]), reviewed_by=value(row["by"]),
            hand_made=value(row["handMade"]) == "true",
            independent=None if row["independent"] is None else row["independent"].value == "true",
            source_count=None if row["count"] is None else int(row["count"].value))
        if finding.hand_made:
            findings.hand_made.append(finding)
        else:
            getattr(findings, {"contradiction": "contradictions", "corroboration": "corroborations",
                               "supersession": "supersessions"}[relation]).append(finding)
    for name in ("contradictions", "hand_made", "corroborations", "supersessions"):
        getattr(findings, name).sort(key=lambda f: (f.kind, f.claims, f.id))
    return findings


def recover_pairs(store: ox.Store, records: Mapping[str, ClaimRecord], findings: Findings) -> None:
    """Fill in which claim pairs each finding's rules matched, which a TriG
    file does not hold, by running the shipped rules over the loaded graph.
    Finding ids come from the propositions, so they match; a finding the
    current rules no longer produce keeps no pairs."""
    fresh = {finding.id: finding.pairs for finding in find(store, dict(records), None, load_rules()).all()}
    for finding in findings.all():
        finding.pairs = tuple(pair for pair in fresh.get(finding.id, ())
                              if pair[0] in finding.claims and pair[1] in finding.claims)


def rules_from_store(store: ox.Store) -> list[Rule]:
    """The rules a loaded graph names (descriptions as recorded; no query text)."""
    return [Rule(row["name"].value, Path(row["name"].value + ".rq"), "",
                 row["description"].value if row["description"] is not None else "")
            for row in store.query(_RULES)]
