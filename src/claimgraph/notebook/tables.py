"""The notebook's tables: pandas on first use, vocabulary look-ups, and one
row per claim or finding with the columns :class:`~claimgraph.notebook.facade.ClaimGraph`
documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

import pyoxigraph as ox

from claimgraph.corpus.models import REVIEW_STATUSES
from claimgraph.corpus.timespan import OPEN_FUTURE
from claimgraph.graph.records import ClaimRecord
from claimgraph.namespaces import CG_IRI
from claimgraph.outputs.report import finding_sides
from claimgraph.resources import internal_query
from claimgraph.rules.findings import Finding, Findings

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas

__all__ = ["pandas_module", "frame", "vocabulary_terms", "pick", "wire_labels", "CLAIM_COLUMNS", "claim_row",
           "FINDING_COLUMNS", "finding_row", "CORROBORATION_COLUMNS", "corroboration_row", "TIMELINE_COLUMNS",
           "timeline_row", "quote_context", "ClaimTables"]

def pandas_module():
    """Import pandas on first use, with an install hint instead of a bare ImportError."""
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "ClaimGraph tables need pandas, which comes with the notebook extra: "
            "pip install -e '.[notebook]' (or pip install pandas)") from exc
    return pandas


def frame(rows: list[dict[str, Any]], columns: list[str]) -> "pandas.DataFrame":
    # Columns are fixed so an empty result still has the documented shape.
    return pandas_module().DataFrame(rows, columns=columns)


def vocabulary_terms(store: ox.Store, cls: str) -> dict[str, str]:
    """Vocabulary terms of an ontology class: local name -> label."""
    terms = {}
    for row in store.query(internal_query("vocabulary-terms"), use_default_graph_as_union=True,
                           substitutions={ox.Variable("class"): ox.NamedNode(CG_IRI + cls)}):
        iri = row["term"].value
        if iri.startswith(CG_IRI):
            name = iri[len(CG_IRI):]
            terms[name] = row["label"].value if row["label"] is not None else name
    return dict(sorted(terms.items()))


def pick(value: str, terms: Mapping[str, str], what: str) -> str:
    """Accept a vocabulary id or its label; return the label the records carry."""
    if value in terms:
        return terms[value]
    if value in terms.values():
        return value
    raise ValueError(f"unknown {what} {value!r}; known: {', '.join(terms)}")


# ------------------------------------------------------------------ the graph


def wire_labels(r: ClaimRecord, entities: Mapping[str, str | None], wires: set[str]) -> list[str]:
    """The wire agencies in a claim's attribution chain, by label."""
    return [entities.get(s) or s for s in [*r.via_ids, r.speaker_id] if s in wires]


CLAIM_COLUMNS = ["ref", "speaker", "speaker_id", "speaker_type", "via", "chain", "outlet", "said", "said_date",
                  "modality", "hedge", "subject", "property", "scope", "value", "polarity", "visibility",
                  "time", "deadline", "lower", "upper", "unit", "wire", "article", "title", "quote", "start",
                  "end", "deprecated"]


def claim_row(r: ClaimRecord, entities: Mapping[str, str | None], wires: set[str]) -> dict[str, Any]:
    return {
        "ref": r.ref, "speaker": r.speaker, "speaker_id": r.speaker_id, "speaker_type": r.speaker_type,
        "via": ", ".join(r.via), "chain": r.chain, "outlet": r.publisher, "said": r.said,
        "said_date": r.said_start, "modality": r.modality, "hedge": r.hedge, "subject": r.subject,
        "property": r.property, "scope": r.scope, "value": r.value, "polarity": r.polarity,
        "visibility": r.visibility, "time": r.time, "deadline": r.is_deadline, "lower": r.lower,
        "upper": r.upper, "unit": r.unit,
        "wire": ", ".join(wire_labels(r, entities, wires)),
        "article": r.article, "title": r.article_title, "quote": r.quote, "start": r.start, "end": r.end,
        "deprecated": r.deprecated,
    }


FINDING_COLUMNS = ["id", "kind", "severity", "status", "reason", "found_by", "within_article", "n_claims",
                    "speaker_a", "outlet_a", "said_a", "quote_a", "ref_a",
                    "speaker_b", "outlet_b", "said_b", "quote_b", "ref_b", "explanation"]


def finding_row(finding: Finding, records: Mapping[str, ClaimRecord]) -> dict[str, Any]:
    side_a, side_b = finding_sides(finding, records)
    row = {"id": finding.id, "kind": finding.kind, "severity": finding.severity, "status": finding.status,
           "reason": finding.reason,
           "found_by": "hand-made" if finding.hand_made else ", ".join(finding.rules),
           "within_article": finding.within_article, "n_claims": len(finding.claims)}
    for suffix, side in (("a", side_a), ("b", side_b)):
        first = side[0] if side else None
        row |= {f"speaker_{suffix}": first.speaker if first else None,
                f"outlet_{suffix}": first.publisher if first else None,
                f"said_{suffix}": first.said if first else None,
                f"quote_{suffix}": first.quote if first else None,
                f"ref_{suffix}": ", ".join(r.ref for r in side)}
    row["explanation"] = finding.explanation
    return row


def quote_context(text: str, start: int, end: int, width: int) -> tuple[str, str, str]:
    """``(before, quote, after)``: the quote at ``text[start:end]`` with up to
    ``width`` characters each side, cut at word boundaries, ``…`` where the
    text goes on."""
    before = text[max(0, start - width):start].split()
    after = text[end:end + width].split()
    # Cut at word boundaries: drop a word the window sliced through.
    if start > width and before:
        before = before[1:]
    if end + width < len(text) and after:
        after = after[:-1]
    # Keep one space where the article has whitespace next to the quote.
    lead = " " if before and text[start - 1].isspace() else ""
    tail = " " if after and text[end:end + 1].isspace() else ""
    # An ellipsis wherever the article goes on beyond the window.
    more_before = "…" if start > width else ""
    more_after = "…" if end + width < len(text) else ""
    return (more_before + " ".join(before) + lead, text[start:end],
            tail + " ".join(after) + more_after)


CORROBORATION_COLUMNS = ["id", "n_claims", "sources", "independent", "speakers", "chains", "outlets", "wire",
                         "refs", "quotes", "explanation"]


def corroboration_row(finding: Finding, records: Mapping[str, ClaimRecord], entities: Mapping[str, str | None],
                      wires: set[str]) -> dict[str, Any]:
    claims = [records[iri] for iri in finding.claims]
    return {
        "id": finding.id, "n_claims": len(claims), "sources": finding.source_count,
        "independent": bool(finding.independent),
        "speakers": "; ".join(dict.fromkeys(r.speaker for r in claims)),
        "chains": "; ".join(dict.fromkeys(r.chain for r in claims)),
        "outlets": "; ".join(dict.fromkeys(r.publisher for r in claims)),
        "wire": ", ".join(sorted({label for r in claims for label in wire_labels(r, entities, wires)})),
        "refs": ", ".join(r.ref for r in claims),
        "quotes": " | ".join(r.quote for r in claims), "explanation": finding.explanation,
    }


TIMELINE_COLUMNS = ["start", "end", "time", "deadline", "lower", "upper", "amount", "value", "qualifier", "unit",
                    "scope", "subject", "speaker", "chain", "wire", "outlet", "said", "modality", "ref", "quote"]


def timeline_row(r: ClaimRecord, entities: Mapping[str, str | None], wires: set[str]) -> dict[str, Any]:
    return {
        "start": r.time_start, "end": r.time_end, "time": r.time, "deadline": r.is_deadline,
        "lower": r.lower, "upper": r.upper, "amount": r.amount, "value": r.value, "qualifier": r.qualifier,
        "unit": r.unit, "scope": r.scope, "subject": r.subject, "speaker": r.speaker, "chain": r.chain,
        "wire": ", ".join(wire_labels(r, entities, wires)),
        "outlet": r.publisher, "said": r.said, "modality": r.modality, "ref": r.ref, "quote": r.quote,
    }


class ClaimTables:
    """The table methods of :class:`~claimgraph.notebook.facade.ClaimGraph`,
    which provides ``records``, ``findings`` and the vocabulary it read from
    the graph (``_entities``, ``_wires``, ``_properties``, ``_modalities``,
    ``_kinds``)."""

    records: dict[str, ClaimRecord]
    findings: Findings
    _entities: dict[str, str | None]
    _wires: set[str]
    _properties: dict[str, str]
    _modalities: dict[str, str]
    _kinds: dict[str, str]

    def _match_speaker(self, record: ClaimRecord, speaker: str) -> bool:
        return speaker in (record.speaker_id, record.speaker)

    def claims(self, speaker: str | None = None, article: str | None = None, kind: str | None = None, *,
               modality: str | None = None, include_deprecated: bool = False) -> "pandas.DataFrame":
        """Claims as a table, one row per claim, in article and claim order.

        Parameters
        ----------
        speaker : str, optional
            Entity id (``barack-obama``) or label of the speaker.
        article : str, optional
            Article id, or its number prefix (``004``).
        kind : str, optional
            The **proposition property** (``troop-count``, ``presence``,
            ``status``, ``position``, ...; id or label) — what the claim is
            about. The manner of saying it is ``modality``.
        modality : str, optional
            ``asserted``, ``denied``, ``predicted``, ``planned``, ``promised``,
            ``demanded``, ``reported`` or ``doubted``.
        include_deprecated : bool
            Also list claims kept with a deprecated rank.

        Returns
        -------
        pandas.DataFrame
            Columns: ref, speaker, speaker_id, speaker_type, via
            (intermediaries), chain (author → intermediaries → speaker),
            outlet, said (as precise as known), said_date, modality, hedge,
            subject, property, scope, value (with its interval for
            quantities), polarity, visibility, time, deadline (time is a
            "by" date), lower, upper, unit, wire (wire agencies in the
            chain), article, title, quote, start, end, deprecated.

        Raises
        ------
        ValueError
            A kind or modality the ontology does not define.

        Examples
        --------
        >>> from claimgraph import ClaimGraph
        >>> graph = ClaimGraph.from_corpus()
        >>> troops = graph.claims(kind="troop-count")
        >>> len(troops) > 0 and bool((troops["lower"] <= troops["upper"]).all())
        True
        >>> graph.claims(kind="troop-counts")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ValueError: unknown proposition property 'troop-counts'; known: ...
        """
        property_label = pick(kind, self._properties, "proposition property") if kind else None
        modality_label = pick(modality, self._modalities, "modality") if modality else None
        rows = [claim_row(r, self._entities, self._wires) for r in self.records.values()
                if (include_deprecated or not r.deprecated)
                and (speaker is None or self._match_speaker(r, speaker))
                and (article is None or r.article == article or r.article.startswith(f"{article}_"))
                and (property_label is None or r.property == property_label)
                and (modality_label is None or r.modality == modality_label)]
        return frame(rows, CLAIM_COLUMNS)

    def contradictions(self, kind: str | None = None, status: str | None = None) -> "pandas.DataFrame":
        """Contradictions found by the rules and recorded by hand, one row each,
        hard and confirmed first, dismissed last.

        Parameters
        ----------
        kind : str, optional
            A contradiction kind (``numeric-conflict``, ``withdrawal-vs-presence``, ...).
        status : str, optional
            ``open``, ``confirmed`` or ``dismissed``.

        Returns
        -------
        pandas.DataFrame
            Columns: id, kind, severity, status, reason (of the review),
            found_by (rules, or ``hand-made``), within_article, n_claims, then
            for each side (``_a``, ``_b``) the first claim's speaker, outlet,
            said (date), quote and the refs of every claim on that side, and
            the explanation.

        Examples
        --------
        >>> from claimgraph import ClaimGraph
        >>> graph = ClaimGraph.from_corpus()
        >>> df = graph.contradictions()
        >>> len(df) == graph.summary()["contradictions"]
        True
        >>> set(graph.contradictions(status="open")["status"]) <= {"open"}
        True
        """
        if status is not None and status not in REVIEW_STATUSES:
            raise ValueError(f"unknown status {status!r}; use one of {', '.join(REVIEW_STATUSES)}")
        if kind is not None and kind not in self._kinds:
            raise ValueError(f"unknown contradiction kind {kind!r}; known: {', '.join(self._kinds)}")
        rows = [finding_row(f, self.records) for f in self.findings.triaged()
                if (kind is None or f.kind == kind) and (status is None or f.status == status)]
        return frame(rows, FINDING_COLUMNS)

    def supersessions(self) -> "pandas.DataFrame":
        """Later values for the same quantity at a time that does not overlap:
        a trend, not a contradiction. Same columns as :meth:`contradictions`."""
        return frame([finding_row(f, self.records) for f in self.findings.supersessions], FINDING_COLUMNS)

    def corroborations(self) -> "pandas.DataFrame":
        """Propositions stated by more than one claim, and whether the sources
        are independent.

        Returns
        -------
        pandas.DataFrame
            Columns: id, n_claims, sources (independent sources once claims
            sharing a speaker or an intermediary are merged), independent,
            speakers, chains, outlets, wire (wire agencies in any chain),
            refs, quotes (joined with `` | ``), explanation.

        Examples
        --------
        >>> from claimgraph import ClaimGraph
        >>> df = ClaimGraph.from_corpus().corroborations()
        >>> bool((df["independent"] == (df["sources"] > 1)).all())
        True
        """
        return frame([corroboration_row(finding, self.records, self._entities, self._wires)
                      for finding in self.findings.corroborations], CORROBORATION_COLUMNS)

    def timeline(self, quantity: str = "troop-count", *, subject: str | None = None) -> "pandas.DataFrame":
        """Every reported value of one quantity over time, ready to plot.

        Parameters
        ----------
        quantity : str
            A quantity property of the ontology (id or label), e.g.
            ``troop-count``, ``casualties``, ``cost``.
        subject : str, optional
            Only this subject (entity id or label).

        Returns
        -------
        pandas.DataFrame
            One row per live claim, ordered by reference time then lower
            bound. Columns: start and end (the reference period, as
            timestamps), time (as written), deadline, lower and upper (the
            interval from the qualifier policy), amount as printed via value,
            qualifier, unit, scope, subject, speaker, chain, wire, outlet,
            said, modality, ref, quote.

        Examples
        --------
        >>> from claimgraph import ClaimGraph
        >>> df = ClaimGraph.from_corpus().timeline("troop-count")
        >>> len(df) > 0 and df["start"].is_monotonic_increasing
        True
        """
        pandas = pandas_module()
        label = pick(quantity, self._properties, "proposition property")
        rows = []
        for r in self.records.values():
            if r.deprecated or r.property != label or r.lower is None or r.time == OPEN_FUTURE:
                continue
            if subject is not None and subject not in (r.subject_id, r.subject):
                continue
            rows.append(timeline_row(r, self._entities, self._wires))
        rows.sort(key=lambda row: (row["start"], row["lower"], row["ref"]))
        table = frame(rows, TIMELINE_COLUMNS)
        for column in ("start", "end"):
            table[column] = pandas.to_datetime(table[column])
        table.attrs["quantity"] = label  # what the figures count, for chart titles
        return table
