"""``claimgraph draft``: merge the extractor's candidate claims into an annotation as drafts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from claimgraph.authoring.add import article_paths, located_error
from claimgraph.authoring.yamledit import YAML_LOADER, insert_items, yaml_quoted
from claimgraph.corpus.load import line_of, load_entities, text_sha256
from claimgraph.corpus.problems import CorpusError, Problem, display_path
from claimgraph.corpus.vocabulary import Vocabulary
from claimgraph.corpus.models import Annotation, Entity, Published
from claimgraph.corpus.files import locked
from claimgraph.corpus.files import atomic_write_text
from claimgraph.extract.extractor import Candidate, Draft, extract
from claimgraph.corpus.vocabulary import load_corpus_vocabulary

__all__ = ["DraftResult", "claim_spans", "merge_draft", "draft_article"]


# ------------------------------------------------------------------- draft

@dataclass
class DraftResult:
    """What :func:`draft_article` added."""

    article_id: str
    path: Path
    added: list[str]                 # new claim ids
    proposals: list[str]             # new proposed entity ids
    skipped: int                     # candidates whose span an existing item already covers
    candidates: list[Candidate] = field(default_factory=list)


def claim_spans(items: Iterable[Any], text: str) -> list[tuple[int, int]]:
    """Spans of existing claims or exclusions (dicts from the YAML), found as the loader finds them."""
    spans = []
    for item in items or []:
        quote = item.get("quote") if hasattr(item, "get") else None
        if not quote:
            continue
        start = item.get("start")
        if isinstance(start, int) and text[start:start + len(quote)] == quote:
            spans.append((start, start + len(quote)))
        elif (found := text.find(quote)) >= 0:
            spans.append((found, found + len(quote)))
    return spans


def _covered(candidate: Candidate, spans: list[tuple[int, int]]) -> bool:
    """Whether existing items already cover a candidate.

    A figure or date is covered when an existing span contains it (as for
    the coverage report); a statement when existing spans overlap at least
    half of it.
    """
    if candidate.anchor is not None:
        start, end = candidate.anchor
        return any(s <= start and end <= e for s, e in spans)
    length = candidate.end - candidate.start
    overlap = max((min(e, candidate.end) - max(s, candidate.start) for s, e in spans), default=0)
    return overlap >= 0.5 * length


def _next_ids(existing: Iterable[str], count: int) -> list[str]:
    numbers = [int(m.group(1)) for cid in existing if (m := re.fullmatch(r"c(\d+)", str(cid)))]
    first = max(numbers, default=0) + 1
    width = max(2, len(str(first + count)))
    return [f"c{n:0{width}d}" for n in range(first, first + count)]


def _claim_map(candidate: Candidate, claim_id: str, proposals: dict[str, str]) -> CommentedMap:
    item = CommentedMap()
    item["id"] = claim_id
    item["quote"] = DoubleQuotedScalarString(candidate.quote)
    item["start"] = candidate.start
    item["speaker"] = candidate.speaker
    via = CommentedSeq(candidate.via)
    via.fa.set_flow_style()
    item["via"] = via
    if candidate.said_on:
        item["said_on"] = yaml_quoted(candidate.said_on)
    item["modality"] = candidate.modality
    if candidate.hedge:
        item["hedge"] = candidate.hedge
    proposition = CommentedMap()
    for key in ("subject", "predicate", "scope", "category", "object", "frame", "quantity", "polarity", "time", "deadline"):
        if key not in candidate.proposition:
            continue
        value = candidate.proposition[key]
        if key == "quantity":
            quantity = CommentedMap()
            for name, amount in value.items():
                quantity[name] = amount
            value = quantity
        elif key in ("time", "deadline"):
            value = yaml_quoted(value)
        proposition[key] = value
    item["proposition"] = proposition
    item["status"] = "draft"
    notes = list(candidate.notes)
    if candidate.proposed_speaker and candidate.proposed_speaker in proposals:
        notes = [n for n in notes if "proposed as" not in n]
        notes.insert(1, f"speaker '{proposals[candidate.proposed_speaker]}' is not in the registry (proposed as "
                        f"{candidate.proposed_speaker} in proposed_entities); set speaker once it is added")
    item["note"] = DoubleQuotedScalarString("; ".join(notes))
    return item


def merge_draft(annotation_text: str, text: str, draft: Draft) -> tuple[str, list[str], list[str], int]:
    """Add a draft's candidates to an annotation file's text; returns the new text,
    the added claim ids, the added proposal ids and how many were already covered.

    Existing items, their order, every comment and every byte a person
    wrote are kept: new claims are inserted as text after the last claim,
    new proposals after the last proposal.

    Examples
    --------
    >>> from claimgraph.extract.extractor import Candidate, Draft
    >>> text = "Ana said the port will close by June, and the ferry will stop."
    >>> existing = "# keep me\\narticle: a\\nclaims:\\n  - id: c01  # hand-made\\n    quote: \\"the port will close\\"\\n"
    >>> def candidate(start, end):
    ...     return Candidate("statement", start, end, text[start:end], "ana",
    ...                      proposition={"subject": "ana", "predicate": "supports", "object": "ana"})
    >>> known, said = candidate(9, 36), candidate(42, 61)
    >>> new, added, _, skipped = merge_draft(existing, text, Draft([said, known], []))
    >>> added, skipped, new.startswith(existing)
    (['c02'], 1, True)
    >>> print(new[len(existing):].splitlines()[0:3])
    ['  - id: c02', '    quote: "the ferry will stop"', '    start: 42']
    """
    data = yaml.load(annotation_text, Loader=YAML_LOADER) or {}
    claims = data.get("claims") or []
    spans = claim_spans(claims, text) + claim_spans(data.get("excluded") or [], text)
    fresh = [c for c in draft.candidates if not _covered(c, spans)]
    skipped = len(draft.candidates) - len(fresh)
    ids = _next_ids([item.get("id") for item in claims if isinstance(item, dict)], len(fresh))
    known = {p.get("id") for p in data.get("proposed_entities") or [] if isinstance(p, dict)}
    labels = {p["id"]: p["label"] for p in draft.proposals}
    used: dict[str, list[str]] = {}
    new_claims = []
    for candidate, claim_id in zip(fresh, ids):
        new_claims.append(_claim_map(candidate, claim_id, labels))
        if candidate.proposed_speaker:
            used.setdefault(candidate.proposed_speaker, []).append(claim_id)
    wanted = _wanted_proposals(draft.proposals, used, known)
    new_proposals = [_proposal_map(proposal, used) for proposal in wanted]
    merged = insert_items(annotation_text, "claims", new_claims)
    merged = insert_items(merged, "proposed_entities", new_proposals)
    merged = insert_items(merged, "excluded", _head_exclusions(draft, text, spans))
    return merged, ids[:len(fresh)], [p["id"] for p in wanted], skipped


def _head_exclusions(draft: Draft, text: str, spans: list[tuple[int, int]]) -> list[CommentedMap]:
    """Exclusions for the figures and dates of the article's head that no claim or exclusion covers yet."""
    items = []
    for start, end, reason in draft.exclusions:
        if any(s <= start and end <= e for s, e in spans):
            continue
        item = CommentedMap()
        item["quote"] = DoubleQuotedScalarString(text[start:end])
        item["start"] = start
        item["reason"] = DoubleQuotedScalarString(f"{reason} (drafted by claimgraph draft)")
        items.append(item)
    return items


def _wanted_proposals(proposals: list[dict[str, Any]], used: dict[str, list[str]], known: set) -> list[dict[str, Any]]:
    """Proposals some new claim uses (and the affiliations proposed alongside them), not yet in the file."""
    wanted = [p for p in proposals if p["id"] in used and p["id"] not in known]
    for proposal in proposals:             # affiliations proposed alongside a used proposal
        if any(p.get("affiliation") == proposal["id"] for p in wanted) and proposal not in wanted \
                and proposal["id"] not in known:
            wanted.append(proposal)
    return wanted


def _proposal_map(proposal: dict[str, Any], used: dict[str, list[str]]) -> CommentedMap:
    entry = CommentedMap()
    for key in ("id", "type", "label", "aliases", "affiliation", "comment"):
        if key not in proposal:
            continue
        value = proposal[key]
        if key == "aliases":
            value = CommentedSeq(value)
            value.fa.set_flow_style()
        elif key in ("label", "comment"):
            value = DoubleQuotedScalarString(value + (f" For claims {', '.join(used[proposal['id']])}."
                                                      if key == "comment" and proposal["id"] in used else ""))
        entry[key] = value
    return entry


def _load_header(annotation_text: str, display: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(annotation_text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CorpusError([Problem(display, mark.line + 1 if mark else 0, "",
                                   f"YAML syntax error: {getattr(exc, 'problem', exc)}")]) from None
    if not isinstance(data, dict):
        raise located_error(display, "", "an annotation file must be a mapping")
    for key in ("publisher", "published"):
        if key not in data:
            raise CorpusError([Problem(display, 1, key, "required field is missing")])
    try:
        Published.model_validate(data["published"])
    except ValidationError as exc:
        raise CorpusError([Problem(display, line_of(annotation_text, ("published",)), "published",
                                   exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, "))]) from None
    return data


def draft_article(corpus: Path, article_id: str, ontology_path: Path) -> DraftResult:
    """Run the extractor on one stored article and add the new candidates to its annotation."""
    corpus = Path(corpus)
    text_path, annotation_path = article_paths(corpus, article_id)
    display = display_path(annotation_path, corpus)
    text = text_path.read_bytes().decode("utf-8")
    entities = load_entities((corpus / "entities").glob("*.yaml"), corpus)
    vocabulary = load_corpus_vocabulary(corpus, ontology_path)
    annotation_text = annotation_path.read_text(encoding="utf-8")
    header = _load_header(annotation_text, display)
    if header.get("sha256") != text_sha256(text_path.read_bytes()):
        raise CorpusError([Problem(display, line_of(annotation_text, ("sha256",)), "sha256",
                                   "does not match the stored article text; the text changed")])
    draft = extract(text, published=header["published"]["date"], publisher=header["publisher"],
                    authors=list(header.get("authors") or []), entities=entities, vocabulary=vocabulary)
    new_text, added, proposals, skipped = merge_draft(annotation_text, text, draft)
    if new_text != annotation_text:
        _validate_text(new_text, annotation_path, text, text_path.read_bytes(), entities, vocabulary, corpus)
        with locked(annotation_path):  # re-read under the lock: no other write is lost
            if annotation_path.read_text(encoding="utf-8") != annotation_text:
                raise located_error(display, "", "the file changed while drafting; nothing was written, run draft again")
            atomic_write_text(annotation_path, new_text)
    return DraftResult(article_id, annotation_path, added, proposals, skipped, draft.candidates)


def _validate_text(annotation_text: str, annotation_path: Path, text: str, raw: bytes,
                        entities: dict[str, Entity], vocabulary: Vocabulary, corpus: Path) -> Annotation:
    """Validate annotation text before it replaces the file (drafts allowed)."""
    data = yaml.safe_load(annotation_text)
    context = vocabulary.context() | {"entities": entities, "text": text, "sha256": text_sha256(raw),
                                      "article_id": annotation_path.stem, "include_drafts": True}
    try:
        return Annotation.model_validate(data, context=context)
    except ValidationError as exc:
        from claimgraph.corpus.load import validation_problems
        raise CorpusError(validation_problems(exc, display_path(annotation_path, corpus), annotation_text, data)) from None
