"""Plain-text reports: the contradictions report (Markdown and JSON), the
coverage report and the build summary. Deterministic: no timestamps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimgraph.rules import engine as rule_engine
from claimgraph.rules.engine import proposition_key
from claimgraph.rules.findings import KIND_ORDER, Finding, Findings, triaged
from claimgraph.corpus.load import Corpus
from claimgraph.corpus.coverage import coverage
from claimgraph.graph.records import ClaimRecord

if TYPE_CHECKING:
    from claimgraph.result import BuildResult

__all__ = ["explain_text", "finding_sides", "contradictions_markdown", "contradictions_json", "coverage_markdown",
           "summary_text", "triage_text", "one_line", "coverage"]



def finding_sides(finding: Finding, records: dict[str, ClaimRecord]) -> tuple[list[ClaimRecord], list[ClaimRecord]]:
    """Split a finding's claims into the two propositions it sets against each other."""
    keys: dict[str, list[ClaimRecord]] = {}
    for iri in finding.claims:
        keys.setdefault(proposition_key(records[iri]), []).append(records[iri])
    if finding.pairs and len(keys) > 2:
        first_a, first_b = finding.pairs[0]
        side_a_key = proposition_key(records[first_a])
        side_a = keys.pop(side_a_key)
        side_b = [record for group in keys.values() for record in group]
        return side_a, side_b
    groups = list(keys.values())
    if len(groups) == 1:
        return groups[0][:1], groups[0][1:]
    return groups[0], groups[1]


_MARKDOWN = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "`": "\\`"}


def md(text: object) -> str:
    """Corpus text made inert in Markdown: no inline HTML (``<script>`` becomes
    ``&lt;script&gt;``), no link or image, no code span breaking out.

    >>> md('<img src=x onerror=alert(1)> [a](javascript:x)')
    '&lt;img src=x onerror=alert(1)&gt; \\\\[a\\\\](javascript:x)'
    """
    return "".join(_MARKDOWN.get(char, char) for char in str(text))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _claim_cell(record: ClaimRecord) -> str:
    outlet = md(record.publisher)
    via = f" via {', '.join(md(v) for v in record.via)}" if record.via else ""
    return _cell(f"“{md(record.quote)}” — **{md(record.speaker)}**{via} ({outlet}, {md(record.said)}; "
                 f"`{record.ref}`)")


def _kind_sorted(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    kinds = sorted({f.kind for f in findings}, key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else 99, k))
    return [(kind, triaged(f for f in findings if f.kind == kind)) for kind in kinds]


def _finding_block(finding: Finding, records: dict[str, ClaimRecord]) -> list[str]:
    side_a, side_b = finding_sides(finding, records)
    where = "inside one article" if finding.within_article and len({r.article for r in side_a + side_b}) == 1 \
        else ("across articles, also inside one" if finding.within_article else "across articles")
    source = "hand-made by " + md(finding.reviewed_by or "an analyst") if finding.hand_made \
        else "rule " + ", ".join(f"`{rule}`" for rule in finding.rules)
    status = finding.status + (f" — {md(finding.reason)}" if finding.reason else "")
    lines = [f"### `{finding.id}` ({finding.severity})", "",
             f"- status: **{status}**", f"- found by: {source}", f"- where: {where}", "",
             md(finding.explanation), "", "| Claim A | Claim B |", "| --- | --- |"]
    for index in range(max(len(side_a), len(side_b))):
        left = _claim_cell(side_a[index]) if index < len(side_a) else ""
        right = _claim_cell(side_b[index]) if index < len(side_b) else ""
        lines.append(f"| {left} | {right} |")
    return lines + [""]


def contradictions_markdown(findings: Findings, records: dict[str, ClaimRecord], near_misses: Any = ()) -> str:
    """The contradictions report, grouped by kind, quotes side by side; then the near misses
    (:mod:`claimgraph.rules.near_misses`) as "possibly related, not compared"."""
    counts = findings.counts()
    lines = ["# Contradictions", "",
             f"{len(findings.contradictions)} found by the rules, {len(findings.hand_made)} recorded by hand, "
             f"{len(findings.corroborations)} corroborations, {len(findings.supersessions)} supersessions.", ""]
    if counts:
        lines += ["| kind | found | hard | inside one article |", "| --- | --- | --- | --- |"]
        for kind, group in _kind_sorted(findings.contradictions):
            hard = sum(f.severity == "hard" for f in group)
            inside = sum(f.within_article for f in group)
            lines.append(f"| {kind} | {len(group)} | {hard} | {inside} |")
        lines.append("")
    if findings.review_problems:
        lines += ["## Review problems", ""] + [f"- {md(p)}" for p in findings.review_problems] + [""]
    for kind, group in _kind_sorted(findings.contradictions):
        lines += [f"## {kind}", ""]
        for finding in group:
            lines += _finding_block(finding, records)
    if findings.hand_made:
        lines += ["## Recorded by hand", "", "Not found by any rule; an analyst recorded these.", ""]
        for finding in triaged(findings.hand_made):
            lines += _finding_block(finding, records)
    if findings.supersessions:
        lines += ["## Supersessions (not contradictions)", "",
                  "The same quantity at times that do not overlap: a trend, or a figure holding on.", ""]
        for finding in findings.supersessions:
            side_a, side_b = finding_sides(finding, records)
            lines.append(f"- `{finding.id}`: {md(finding.explanation)}")
        lines.append("")
    if findings.corroborations:
        lines += ["## Corroborations", "",
                  "The same proposition from more than one claim. Sources that share a speaker or an "
                  "intermediary (two outlets relaying one wire report) count once.", ""]
        for finding in findings.corroborations:
            verdict = "independent" if finding.independent else "not independent"
            lines.append(f"- `{finding.id}` ({finding.source_count} source{'s' if finding.source_count != 1 else ''}, "
                         f"{verdict}): {md(finding.explanation)} Claims: {', '.join(f'`{r}`' for r in finding.refs)}")
        lines.append("")
    if near_misses:
        from claimgraph.rules.near_misses import near_misses_markdown
        lines += near_misses_markdown(near_misses)
    return "\n".join(lines).rstrip() + "\n"


def _claim_json(record: ClaimRecord) -> dict[str, Any]:
    return {"ref": record.ref, "article": record.article, "publisher": record.publisher,
            "speaker": record.speaker, "speaker_id": record.speaker_id, "via": record.via,
            "said": record.said, "modality": record.modality, "quote": record.quote,
            "start": record.start, "end": record.end, "proposition": record.summary()}


def finding_json(finding: Finding, records: dict[str, ClaimRecord]) -> dict[str, Any]:
    side_a, side_b = finding_sides(finding, records)
    data: dict[str, Any] = {
        "id": finding.id, "relation": finding.relation, "kind": finding.kind, "severity": finding.severity,
        "status": finding.status, "reason": finding.reason, "reviewed_by": finding.reviewed_by,
        "hand_made": finding.hand_made, "rules": list(finding.rules), "within_article": finding.within_article,
        "explanation": finding.explanation, "claims": finding.refs,
        "side_a": [_claim_json(r) for r in side_a], "side_b": [_claim_json(r) for r in side_b],
    }
    if finding.relation == "corroboration":
        data |= {"independent": finding.independent, "source_count": finding.source_count}
    return data


def contradictions_json(findings: Findings, records: dict[str, ClaimRecord]) -> dict[str, Any]:
    return {
        "counts": findings.counts(),
        "contradictions": [finding_json(f, records) for f in triaged(findings.contradictions)],
        "hand_made": [finding_json(f, records) for f in triaged(findings.hand_made)],
        "corroborations": [finding_json(f, records) for f in findings.corroborations],
        "supersessions": [finding_json(f, records) for f in findings.supersessions],
        "review_problems": findings.review_problems,
    }


def coverage_markdown(corpus: Corpus) -> str:
    """The coverage report: what each annotation covers."""
    lines = ["# Annotation coverage", "",
             "Figures and date expressions are found in the text by `claimgraph.mentions`; each must lie "
             "inside a claim's quote or an excluded span.", "",
             "| article | claims | deprecated | excluded | figures | dates | uncovered |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    report = coverage(corpus)
    for article_id, row in report.items():
        lines.append(f"| {article_id} | {row['claims']} | {row['deprecated']} | {row['excluded']} | "
                     f"{row['quantities']} | {row['dates']} | {len(row['uncovered'])} |")
    lines.append("")
    for article_id, row in report.items():
        if row["uncovered"]:
            lines += [f"## {article_id}: not covered", ""]
            lines += [f"- `{m.text}` at {m.start} ({m.kind})" for m in row["uncovered"]]
            lines.append("")
    if corpus.unannotated:
        lines += ["## Articles without an annotation", ""] + [f"- {md(a)}" for a in corpus.unannotated] + [""]
    return "\n".join(lines).rstrip() + "\n"


def summary_text(result: "BuildResult") -> str:
    """The build summary printed by ``claimgraph build`` and written to output/."""
    corpus = result.corpus
    speakers = {r.speaker_id for r in result.records.values()}
    lines = [
        f"articles: {len(corpus.articles)}",
        f"claims: {len(result.records)} ({sum(r.deprecated for r in result.records.values())} deprecated)",
        f"speakers: {len(speakers)}",
        f"entities: {len(corpus.entities)}",
        *([f"corpus vocabulary: {len(corpus.own_vocabulary)} term{'s' if len(corpus.own_vocabulary) != 1 else ''} "
            f"({', '.join(corpus.own_vocabulary)})"]
          if corpus.own_vocabulary else []),
        f"triples: {len(result.store)}",
        f"SHACL: {'conforms' if result.shacl.conforms else 'violations'} ({result.shacl.graphs} graphs)",
        f"contradictions: {len(result.findings.contradictions)} found by rules, "
        f"{len(result.findings.hand_made)} hand-made",
    ]
    lines += [f"  {kind}: {count}" + (f" ({hard} hard)" if hard else "")
              for kind, count in result.findings.counts().items()
              for hard in [sum(f.kind == kind and f.severity == "hard" for f in result.findings.contradictions)]]
    lines += [f"corroborations: {len(result.findings.corroborations)}",
              f"supersessions: {len(result.findings.supersessions)}"]
    if result.findings.review_problems:
        lines += [f"review problems: {len(result.findings.review_problems)}"]
    if result.findings.capped:
        lines += [f"capped: {sum(result.findings.capped.values())} claim pair(s) left out, past "
                  f"{rule_engine.MAX_PAIRS_PER_RULE_ARTICLE} per rule inside one article:"]
        lines += [f"  {rule} in {article}: {count} more" for (rule, article), count in result.findings.capped.items()]
    return "\n".join(lines) + "\n"


def one_line(text: str, width: int) -> str:
    r"""``text`` on one line of at most ``width`` characters, cut with "…".

    >>> one_line("a  long\nquote here", 10)
    'a long qu…'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:max(width - 1, 0)].rstrip() + "…"


def triage_text(result: "BuildResult", folder: str = "output", top: int = 5, width: int = 100) -> str:
    """The few lines ``claimgraph build`` ends with: contradictions counted
    by severity and review status, the ``top`` findings to read first
    (:func:`~claimgraph.rules.findings.triage_key`) with each quote cut to
    one line, and where to look next. Every line fits ``width`` columns and
    an id always stands alone on its line, so it can be copied whole."""
    findings = result.findings.triaged()
    records = result.records
    if not findings:
        return f"No contradictions found.\nNext: open {folder}/index.html\n"

    def tally(values) -> str:
        counts: dict[str, int] = {}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
        return ", ".join(f"{n} {name}" for name, n in counts.items())

    lines = ["", f"{len(findings)} contradiction{'s' if len(findings) != 1 else ''} "
             f"(by kind above): {tally(f.severity for f in findings)}; {tally(f.status for f in findings)}"]
    lines += ["", f"Read first ({min(top, len(findings))} of {len(findings)}):"]
    for number, finding in enumerate(findings[:top], 1):
        where = "inside one article" if finding.within_article else "across articles"
        origin = ", hand-made" if finding.hand_made else ""
        lines.append(f"{number:>2}. {finding.severity}, {finding.status}{origin}: {finding.kind}, {where}")
        lines.append(f"    {finding.id}")
        for label, side in zip("AB", finding_sides(finding, records)):
            if not side:
                continue
            first = side[0]
            who = f" — {one_line(first.speaker, 24)}, {one_line(first.publisher, 24)}, {first.said}"
            room = width - 8 - len(who)
            lines.append(f"    {label} “{one_line(first.quote, room)}”{who}")
    lines += ["", "Next:",
              f"  open {folder}/index.html",
              f"  every finding, with search and filters: {folder}/contradictions.html",
              "  claimgraph contradictions        the full table, with filters (--kind, --status, --speaker)",
              "  claimgraph explain <id>          one finding in full"]
    return "\n".join(lines) + "\n"


def explain_text(finding: Finding, result: "BuildResult") -> str:
    """A finding in full, as plain text: what, found how, and both sides' words."""
    records = result.records
    side_a, side_b = finding_sides(finding, records)
    rules = {rule.name: rule for rule in result.rules}
    lines = [f"{finding.id}: {finding.kind} ({finding.severity}), status {finding.status}"
             + (f" — {finding.reason}" if finding.reason else ""), ""]
    if finding.hand_made:
        lines.append(f"Recorded by hand by {finding.reviewed_by}.")
    for name in finding.rules:
        rule = rules.get(name)
        lines.append(f"Rule {name}: {rule.description if rule else ''}")
    lines += ["", finding.explanation, ""]
    for label, side in (("A", side_a), ("B", side_b)):
        for record in side:
            lines += [f"[{label}] {record.ref}  {record.speaker} ({record.modality}), {record.said}",
                      f"    chain: {record.chain}",
                      f"    says: {record.summary()}",
                      f"    “{record.quote}”  ({record.article_title}, chars {record.start}-{record.end})"]
    return "\n".join(lines)
