"""Adding the next article: store it, draft its annotation, check it, review it.

Every step is a library function that takes and returns values; the
``claimgraph add|draft|check|review`` commands (:mod:`claimgraph.cli.authoring`)
only print and prompt. Nothing here loses a person's work:

- :func:`add_article` stores the text byte-for-byte and refuses to replace a
  stored article whose bytes differ; it never touches an existing annotation.
- :func:`draft_article` adds candidates to the annotation with ruamel.yaml in
  round-trip mode, so checked items, their order and every comment stay as
  they were; a candidate whose span an existing item already covers is not
  added again, and the file is replaced atomically.
- :class:`ReviewSession` saves after every decision (atomically), so an
  interrupted review keeps every decision made before.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from claimgraph.extract.extractor import Candidate, Draft, extract
from claimgraph.corpus.load import (Article, Corpus, CorpusError, Problem, Vocabulary, display_path, line_of, load_annotation,
                   load_entities, load_vocabulary, text_sha256)
from claimgraph.corpus.mentions import Mention, find_dates, find_quantities
from claimgraph.corpus.models import Annotation, Claim, Entity, Published
from claimgraph.corpus.coverage import coverage
from claimgraph.corpus.reviews import atomic_write_text, round_trip_yaml
from claimgraph.corpus.timespan import parse_time

__all__ = [
    "AddResult", "DraftResult", "CheckProblem", "ReviewSession", "ReviewError", "Evaluation", "EvaluationRow",
    "add_article", "draft_article", "merge_draft", "check_corpus", "evaluate", "evaluation_markdown",
    "SPEAKER_WINDOW", "SPEAKER_AFTER",
]

#: How far before a quote ``check`` looks for the speaker's name ...
SPEAKER_WINDOW = 300
#: ... and how far after it ("“...,” said X", "..., the Times wrote").
SPEAKER_AFTER = 150
_ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _dump(data: Any) -> str:
    buffer = io.StringIO()
    round_trip_yaml().dump(data, buffer)
    return buffer.getvalue()


def _quoted(value: Any) -> Any:
    """Dates and times as double-quoted strings (``"2011-10"``), as the hand-written files have them."""
    if isinstance(value, dict):
        period = CommentedMap()
        for key, item in value.items():
            period[key] = _quoted(item)
        period.fa.set_flow_style()
        return period
    return DoubleQuotedScalarString(str(value))


def _problem(path: Path | str, field_name: str, message: str, line: int = 0) -> CorpusError:
    return CorpusError([Problem(str(path), line, field_name, message)])


# --------------------------------------------------------------------- add

@dataclass
class AddResult:
    """What :func:`add_article` stored."""

    article_id: str
    text_path: Path
    annotation_path: Path
    sha256: str
    stored_text: bool        # False: the same bytes were already stored
    created_annotation: bool  # False: an annotation already existed and was left alone


def _known_entity(entities: dict[str, Entity], entity_id: str, option: str) -> None:
    if entity_id not in entities:
        close = difflib.get_close_matches(entity_id, list(entities), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; add it to entities/*.yaml first"
        raise _problem(option, "", f"unknown entity {entity_id!r}{hint}")


def add_article(corpus: Path, source: Path, *, publisher: str, authors: Iterable[str] = (), date: str | None = None,
                date_inferred: str | None = None, date_evidence: str | None = None,
                article_id: str | None = None) -> AddResult:
    """Store an article text in ``corpus/articles/`` and start its annotation.

    The text is copied byte for byte (it must be UTF-8) and its sha256 goes
    into a new ``annotations/<id>.yaml`` with the header filled in and no
    claims. ``date`` is a date printed in the article (``status: stated``);
    ``date_inferred`` with ``date_evidence`` is one worked out from the
    content. An article already stored with other bytes is an error; one
    stored with the same bytes is left alone, and so is an existing
    annotation.

    Raises :class:`claimgraph.corpus.load.CorpusError` with a readable problem.
    """
    corpus, source = Path(corpus), Path(source)
    article_id = article_id or source.stem
    if not _ARTICLE_ID.match(article_id):
        raise _problem("--id", "", f"{article_id!r} is not a usable article id (letters, digits, '_', '.', '-')")
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise _problem(source, "", exc.strerror or str(exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _problem(source, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if (date is None) == (date_inferred is None):
        raise _problem("--date", "", "give the publication date: --date YYYY[-MM[-DD]] when the article prints it, "
                                     "or --date-inferred YYYY[-MM[-DD]] with --date-evidence")
    if date_inferred is not None and not (date_evidence or "").strip():
        raise _problem("--date-evidence", "", "an inferred date needs --date-evidence saying how it was worked out")
    value = date if date is not None else date_inferred
    try:
        parse_time(value)
    except ValueError as exc:
        raise _problem("--date" if date is not None else "--date-inferred", "", str(exc)) from None
    entities = load_entities((corpus / "entities").glob("*.yaml"), corpus)
    _known_entity(entities, publisher, "--publisher")
    authors = list(authors)
    for author in authors:
        _known_entity(entities, author, "--author")
    text_path = corpus / "articles" / f"{article_id}.txt"
    annotation_path = corpus / "annotations" / f"{article_id}.yaml"
    digest = text_sha256(raw)
    stored = False
    if text_path.exists():
        if text_path.read_bytes() != raw:
            raise _problem(display_path(text_path, corpus), "", f"a different article is already stored as {article_id!r} "
                                                            f"(sha256 {text_sha256(text_path.read_bytes())[:12]}…); "
                                                            "choose another --id")
    else:
        atomic_write_text(text_path, text)
        if text_sha256(text_path.read_bytes()) != digest:  # pragma: no cover - a broken file system
            raise _problem(display_path(text_path, corpus), "", "the stored copy differs from the source")
        stored = True
    created = False
    if not annotation_path.exists():
        evidence = date_evidence or "The publication date printed in the article (given to claimgraph add)."
        published = {"date": value, "status": "stated" if date is not None else "inferred", "evidence": evidence}
        Published.model_validate(published)
        atomic_write_text(annotation_path, _header_yaml(article_id, digest, _title(text), publisher, authors, published))
        created = True
    return AddResult(article_id, text_path, annotation_path, digest, stored, created)


def _title(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return "(untitled)"


def _header_yaml(article_id: str, digest: str, title: str, publisher: str, authors: list[str],
                 published: dict[str, str]) -> str:
    data = CommentedMap()
    data["article"] = article_id
    data["sha256"] = digest
    data["title"] = DoubleQuotedScalarString(title)
    data["publisher"] = publisher
    author_list = CommentedSeq(authors)
    author_list.fa.set_flow_style()
    data["authors"] = author_list
    when = CommentedMap()
    when["date"] = DoubleQuotedScalarString(published["date"])
    when["status"] = published["status"]
    when["evidence"] = DoubleQuotedScalarString(published["evidence"])
    data["published"] = when
    claims = CommentedSeq()
    claims.fa.set_flow_style()
    data["claims"] = claims
    excluded = CommentedSeq()
    excluded.fa.set_flow_style()
    data["excluded"] = excluded
    data.yaml_set_start_comment(
        f"Annotation of articles/{article_id}.txt (docs/annotation-guide.md).\n"
        "Started by `claimgraph add`; `claimgraph draft` adds candidate claims with status: draft,\n"
        "`claimgraph review` checks them, `claimgraph check` lists what is left to do.")
    return _dump(data)


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


def _article_paths(corpus: Path, article_id: str) -> tuple[Path, Path]:
    text_path = Path(corpus) / "articles" / f"{article_id}.txt"
    annotation_path = Path(corpus) / "annotations" / f"{article_id}.yaml"
    if not text_path.exists():
        raise _problem(display_path(text_path, Path(corpus)), "", f"no article {article_id!r}; store it with claimgraph add")
    if not annotation_path.exists():
        raise _problem(display_path(annotation_path, Path(corpus)), "", "no annotation yet; claimgraph add creates it")
    return text_path, annotation_path


def _spans(items: Iterable[Any], text: str) -> list[tuple[int, int]]:
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
        item["said_on"] = _quoted(candidate.said_on)
    item["modality"] = candidate.modality
    if candidate.hedge:
        item["hedge"] = candidate.hedge
    proposition = CommentedMap()
    for key in ("subject", "property", "scope", "category", "entity", "quantity", "polarity", "time", "deadline"):
        if key not in candidate.proposition:
            continue
        value = candidate.proposition[key]
        if key == "quantity":
            quantity = CommentedMap()
            for name, amount in value.items():
                quantity[name] = amount
            value = quantity
        elif key in ("time", "deadline"):
            value = _quoted(value)
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


# ------------------------------------------------------- editing YAML text
# Hand-written annotation files keep every byte a person wrote: new items
# are inserted as text and a changed item replaces only its own lines. A
# whole-file round trip would keep comments and order but rewrite escapes
# such as "\u00a0" and quoting a person chose.

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class _Sequence:
    key_line: int | None                 # 0-based line of "key:", None when the key is missing
    items: list[tuple[int, int]]         # 0-based [first, last+1) lines of each item
    flow: bool                           # written as [...] on one line
    empty_span: tuple[int, int, int] | None   # (line, start column, end column) of an empty "[]"
    dash: int                            # column of the items' "-"


def _last_mark(node: Any) -> Any:
    """Where a node's own text ends (a block collection's end mark is the next item's start)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _last_mark(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _last_mark(node.value[-1])
    return node.end_mark


def _item_end(lines: list[str], node: Any) -> int:
    mark = _last_mark(node)
    return mark.line + 1 if mark.column > 0 else mark.line


def _sequence(text: str, key: str) -> _Sequence:
    lines = text.splitlines()
    root = yaml.compose(text, Loader=_LOADER)
    if not isinstance(root, yaml.MappingNode):
        raise ValueError("an annotation file must be a mapping")
    for key_node, value in root.value:
        if key_node.value != key:
            continue
        line = key_node.start_mark.line
        if isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null"):
            return _Sequence(line, [], False, None, key_node.start_mark.column + 2)
        if not isinstance(value, yaml.SequenceNode):
            raise ValueError(f"'{key}' must be a list")
        if value.flow_style:
            empty = (value.start_mark.line, value.start_mark.column, value.end_mark.column) if not value.value else None
            return _Sequence(line, [], True, empty, key_node.start_mark.column + 2)
        items = []
        for item in value.value:
            first = item.start_mark.line
            items.append((first, _item_end(lines, item)))
        dash = lines[items[0][0]].index("-") if items else key_node.start_mark.column + 2
        return _Sequence(line, items, False, None, dash)
    return _Sequence(None, [], False, None, 2)


def _shift(block: str, dash: int) -> list[str]:
    """Re-indent dumped sequence lines so their "-" stands at column ``dash``."""
    lines = block.splitlines()
    first = next((line for line in lines if line.lstrip().startswith("- ")), None)
    current = len(first) - len(first.lstrip()) if first else 0
    delta = dash - current
    out = []
    for line in lines:
        if not line.strip():
            out.append(line)
        elif delta >= 0:
            out.append(" " * delta + line)
        else:
            out.append(line[min(-delta, len(line) - len(line.lstrip())):])
    return out


def _dump_items(items: list[Any], dash: int) -> list[str]:
    sequence = CommentedSeq(items)
    return _shift(_dump(sequence), dash)


def _insert_items(text: str, key: str, items: list[Any]) -> str:
    """Add items at the end of the top-level list ``key``, leaving every other byte as it was."""
    if not items:
        return text
    layout = _sequence(text, key)
    lines = text.splitlines()
    ending = "\n" if text.endswith("\n") or not text else ""
    if layout.key_line is None:
        lines += [f"{key}:"] + _dump_items(items, 2)
        return "\n".join(lines) + "\n"
    if layout.flow and layout.empty_span is None:
        raise ValueError(f"'{key}' is written as a one-line list; write it as a block list to add items")
    if layout.empty_span is not None:
        line, start, end = layout.empty_span
        lines[line] = (lines[line][:start].rstrip() + " " + lines[line][end:].strip()).rstrip()
    at = layout.items[-1][1] if layout.items else layout.key_line + 1
    lines[at:at] = _dump_items(items, layout.dash)
    return "\n".join(lines) + (ending or "\n")


def _item_text(text: str, key: str, index: int) -> tuple[int, int, CommentedMap]:
    """Lines of item ``index`` of the list ``key`` and the item itself, with its comments."""
    layout = _sequence(text, key)
    first, last = layout.items[index]
    lines = text.splitlines()[first:last]
    width = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    snippet = "\n".join(line[width:] for line in lines) + "\n"
    return first, last, round_trip_yaml().load(snippet)[0]


def _replace_item(text: str, key: str, index: int, item: CommentedMap | None) -> str:
    """Put ``item`` (or nothing) in place of item ``index`` of the list ``key``."""
    layout = _sequence(text, key)
    first, last = layout.items[index]
    lines = text.splitlines()
    lines[first:last] = _dump_items([item], layout.dash) if item is not None else []
    if item is None and len(layout.items) == 1:
        lines[layout.key_line] = lines[layout.key_line].rstrip() + " []"
    return "\n".join(lines) + "\n"


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
    ...                      proposition={"subject": "ana", "property": "position", "entity": "ana"})
    >>> known, said = candidate(9, 36), candidate(42, 61)
    >>> new, added, _, skipped = merge_draft(existing, text, Draft([said, known], []))
    >>> added, skipped, new.startswith(existing)
    (['c02'], 1, True)
    >>> print(new[len(existing):].splitlines()[0:3])
    ['  - id: c02', '    quote: "the ferry will stop"', '    start: 42']
    """
    data = yaml.load(annotation_text, Loader=_LOADER) or {}
    claims = data.get("claims") or []
    spans = _spans(claims, text) + _spans(data.get("excluded") or [], text)
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
    wanted = [p for p in draft.proposals if p["id"] in used and p["id"] not in known]
    for proposal in draft.proposals:             # affiliations proposed alongside a used proposal
        if any(p.get("affiliation") == proposal["id"] for p in wanted) and proposal not in wanted \
                and proposal["id"] not in known:
            wanted.append(proposal)
    new_proposals = []
    for proposal in wanted:
        entry = CommentedMap()
        for key in ("id", "type", "label", "aliases", "affiliation", "comment"):
            if key in proposal:
                value = proposal[key]
                if key == "aliases":
                    value = CommentedSeq(value)
                    value.fa.set_flow_style()
                elif key in ("label", "comment"):
                    value = DoubleQuotedScalarString(value + (f" For claims {', '.join(used[proposal['id']])}."
                                                              if key == "comment" and proposal["id"] in used else ""))
                entry[key] = value
        new_proposals.append(entry)
    merged = _insert_items(annotation_text, "claims", new_claims)
    merged = _insert_items(merged, "proposed_entities", new_proposals)
    return merged, ids[:len(fresh)], [p["id"] for p in wanted], skipped


def _load_header(annotation_text: str, display: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(annotation_text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CorpusError([Problem(display, mark.line + 1 if mark else 0, "",
                                   f"YAML syntax error: {getattr(exc, 'problem', exc)}")]) from None
    if not isinstance(data, dict):
        raise _problem(display, "", "an annotation file must be a mapping")
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
    text_path, annotation_path = _article_paths(corpus, article_id)
    display = display_path(annotation_path, corpus)
    text = text_path.read_bytes().decode("utf-8")
    entities = load_entities((corpus / "entities").glob("*.yaml"), corpus)
    vocabulary = load_vocabulary(Path(ontology_path).read_text(encoding="utf-8"))
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
        if annotation_path.read_text(encoding="utf-8") != annotation_text:
            raise _problem(display, "", "the file changed while drafting; nothing was written, run draft again")
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


# ------------------------------------------------------------------- check

@dataclass(frozen=True, order=True)
class CheckProblem:
    """One line of ``claimgraph check``: a :class:`Problem` and whether it is an error."""

    problem: Problem
    severity: str = "error"   # error | warning

    def __str__(self) -> str:
        if self.severity == "error":
            return str(self.problem)
        p = self.problem
        where = f"{p.path}:{p.line}" if p.line else p.path
        return f"{where}: {p.field}: warning: {p.message}" if p.field else f"{where}: warning: {p.message}"


def _fold(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ").casefold()


def _text_line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def speaker_named(text: str, start: int, end: int, names: Iterable[str], window: int = SPEAKER_WINDOW,
                  after: int = SPEAKER_AFTER) -> bool:
    """Whether any of ``names`` occurs in the quote, in the ``window`` characters
    before it or in the ``after`` characters after it (within its paragraph).

    Examples
    --------
    >>> text = "The minister, Ana Ruiz, spoke. She said the port will close."
    >>> speaker_named(text, 40, 60, ["Ana Ruiz", "Ruiz"]), speaker_named(text, 40, 60, ["Pedro"])
    (True, False)
    """
    paragraph_end = text.find("\n", end)
    tail = end + after if paragraph_end < 0 else min(end + after, paragraph_end)
    span = _fold(text[max(0, start - window):tail])
    for name in names:
        folded = _fold(name).strip()
        if len(folded) >= 2 and re.search(rf"(?<![\w]){re.escape(folded)}(?![\w])", span):
            return True
    return False


def check_corpus(corpus: Path, ontology_path: Path, article_id: str | None = None) -> list[CheckProblem]:
    """Everything left to do before an article's annotation is finished.

    Errors: unchecked (draft) claims; quotes not found or ambiguous and any
    other validation problem; unknown entities, including proposed ones
    not yet in the registry; figures and dates in the text that no claim
    covers and no exclusion explains. Warnings: claims whose speaker is
    not named (label or alias) in the quote or the :data:`SPEAKER_WINDOW`
    characters before it (the author's own claims are exempt).
    """
    corpus = Path(corpus)
    vocabulary = load_vocabulary(Path(ontology_path).read_text(encoding="utf-8"))
    try:
        entities = load_entities((corpus / "entities").glob("*.yaml"), corpus)
    except CorpusError as exc:
        return [CheckProblem(p) for p in exc.problems]
    texts = sorted((corpus / "articles").glob("*.txt"))
    if article_id is not None:
        texts = [p for p in texts if p.stem == article_id]
        if not texts:
            return [CheckProblem(Problem(str(corpus / "articles"), 0, "", f"no article {article_id!r}"))]
    found: list[CheckProblem] = []
    articles: list[Article] = []
    for text_path in texts:
        annotation_path = corpus / "annotations" / f"{text_path.stem}.yaml"
        display = display_path(annotation_path, corpus)
        if not annotation_path.exists():
            found.append(CheckProblem(Problem(display_path(text_path, corpus), 0, "",
                                              "no annotation; start one with claimgraph add")))
            continue
        raw = text_path.read_bytes()
        text = raw.decode("utf-8", errors="replace")
        try:
            annotation = load_annotation(annotation_path, text, text_sha256(raw), entities, vocabulary,
                                         include_drafts=True, root=corpus)
        except CorpusError as exc:
            found += [CheckProblem(p) for p in exc.problems]
            continue
        articles.append(Article(text_path.stem, text, text_sha256(raw), annotation, annotation_path))
        source = annotation_path.read_text(encoding="utf-8")
        own = set(annotation.authors) | {annotation.publisher}
        for index, claim in enumerate(annotation.claims):
            label = f"claims[{index}]({claim.id})"
            if claim.status == "draft":
                found.append(CheckProblem(Problem(display, line_of(source, ("claims", index, "status")),
                                                  f"{label}.status", "draft: not checked yet (claimgraph review)")))
            if claim.status == "rejected" or claim.speaker in own:
                continue
            entity = entities[claim.speaker]
            if not speaker_named(text, claim.start or 0, claim.end, [entity.label, *entity.aliases]):
                found.append(CheckProblem(Problem(display, line_of(source, ("claims", index, "speaker")),
                                                  f"{label}.speaker",
                                                  f"speaker {claim.speaker!r} is not named (label or alias) in the "
                                                  f"quote or near it ({SPEAKER_WINDOW} characters before, "
                                                  f"{SPEAKER_AFTER} after)"), "warning"))
        for index, proposal in enumerate(annotation.proposed_entities):
            entity_id = proposal.get("id") if isinstance(proposal, dict) else None
            if entity_id in entities:
                continue
            name = proposal.get("label", entity_id) if isinstance(proposal, dict) else proposal
            found.append(CheckProblem(Problem(display, line_of(source, ("proposed_entities", index)),
                                              f"proposed_entities[{index}]({entity_id})",
                                              f"unknown entity {name!r} is proposed but not in the registry: add it "
                                              "to entities/*.yaml (and set the claims' speaker) or delete the proposal")))
    if articles:
        snapshot = Corpus(corpus, "", vocabulary, entities, articles)
        for article_id_, row in coverage(snapshot).items():
            article = snapshot.article(article_id_)
            display = display_path(corpus / "articles" / f"{article_id_}.txt", corpus)
            for mention in row["uncovered"]:
                kind = "figure" if mention.kind == "quantity" else "date"
                found.append(CheckProblem(Problem(display, _text_line(article.text, mention.start), "text",
                                                  f"{kind} {mention.text!r} at {mention.start} is covered by no claim "
                                                  "and not excluded (add a claim, or an 'excluded' entry with a reason)")))
    return sorted(set(found), key=lambda p: (p.problem.path, p.problem.line, p.problem.field, p.problem.message))


# ------------------------------------------------------------------ review

class ReviewError(ValueError):
    """A review step that cannot be applied; the message says why."""


_KIND_KEYS = {"category": ("entity", "quantity"), "entity": ("category", "quantity"), "quantity": ("category", "entity"),
              "time": ("deadline",), "deadline": ("time",)}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


class ReviewSession:
    """Decisions on one article's draft claims, each saved at once.

    The file is read again before every decision and only the decided
    claim's lines (and any new exclusions) change, so an edit made in
    another editor between two decisions is kept, every other byte stays
    as it was, and an interrupted review loses nothing already decided.
    """

    def __init__(self, corpus: Path, article_id: str, ontology_path: Path):
        self.corpus = Path(corpus)
        self.article_id = article_id
        self.text_path, self.path = _article_paths(self.corpus, article_id)
        self.raw = self.text_path.read_bytes()
        self.text = self.raw.decode("utf-8")
        self.entities = load_entities((self.corpus / "entities").glob("*.yaml"), self.corpus)
        self.vocabulary = load_vocabulary(Path(ontology_path).read_text(encoding="utf-8"))
        self.display = display_path(self.path, self.corpus)
        self.pending: dict[str, CommentedMap] = {}    # edits that do not validate yet, by claim id

    # ------------------------------------------------------------ reading
    def _read(self) -> tuple[str, dict[str, Any]]:
        source = self.path.read_text(encoding="utf-8")
        data = yaml.load(source, Loader=_LOADER)
        if not isinstance(data, dict):
            raise ReviewError(f"{self.display}: an annotation file must be a mapping")
        return source, data

    def _index(self, data: dict[str, Any], claim_id: str) -> int:
        for index, item in enumerate(data.get("claims") or []):
            if isinstance(item, dict) and str(item.get("id")) == claim_id:
                return index
        raise ReviewError(f"no claim {claim_id!r} in {self.display}")

    def drafts(self) -> list[str]:
        """Ids of the claims still in draft, in file order."""
        return [str(item.get("id")) for item in self._read()[1].get("claims") or []
                if isinstance(item, dict) and item.get("status") == "draft"]

    def claim(self, claim_id: str) -> dict[str, Any]:
        """The claim as plain data (with any pending edit applied)."""
        if claim_id in self.pending:
            return _plain(self.pending[claim_id])
        data = self._read()[1]
        return data["claims"][self._index(data, claim_id)]

    def context(self, claim_id: str, width: int = 160) -> tuple[str, str, str]:
        """The words before the quote, the quote, and the words after (for display)."""
        item = self.claim(claim_id)
        quote = str(item.get("quote", ""))
        start = item.get("start")
        if not isinstance(start, int) or self.text[start:start + len(quote)] != quote:
            start = self.text.find(quote)
        if start < 0:
            return "", quote, ""
        return (self.text[max(0, start - width):start], quote,
                self.text[start + len(quote):start + len(quote) + width // 2])

    def problems(self, claim: dict[str, Any]) -> list[str]:
        """Why a claim would not load (empty: it validates)."""
        context = self.vocabulary.context() | {"entities": self.entities, "text": self.text, "include_drafts": True}
        try:
            Claim.model_validate(claim, context=context)
        except ValidationError as exc:
            messages = []
            for error in exc.errors(include_url=False):
                where = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-"))
                message = error["msg"].removeprefix("Value error, ")
                if error["type"] == "extra_forbidden":
                    message = "unknown field (a typo?)"
                messages.append(f"{where}: {message}" if where else message)
            return messages
        return []

    # ------------------------------------------------------------ writing
    def _decide(self, claim_id: str, change) -> list[Mention]:
        """Apply ``change(data, index, item) -> (item or None, exclusions)`` to one draft and save."""
        source, data = self._read()
        index = self._index(data, claim_id)
        if data["claims"][index].get("status") != "draft":
            raise ReviewError(f"claim {claim_id} is {data['claims'][index].get('status')}, not a draft; "
                              "review only changes drafts")
        item = self.pending.get(claim_id)
        if item is None:
            item = _item_text(source, "claims", index)[2]
        item, exclusions = change(data, index, item)
        updated = _replace_item(source, "claims", index, item)
        if exclusions:
            updated = _insert_items(updated, "excluded", [_exclusion(m, reason) for m, reason in exclusions])
        yaml.load(updated, Loader=_LOADER)           # never write a file that does not parse
        atomic_write_text(self.path, updated)
        self.pending.pop(claim_id, None)
        return [m for m, _ in exclusions]

    def accept(self, claim_id: str, by: str, on: str | None = None) -> None:
        """Mark a draft checked by ``by`` today; it must validate."""
        def change(data: dict, index: int, item: CommentedMap):
            problems = self.problems(_plain(item) | {"status": "checked"})
            if problems:
                raise ReviewError("cannot accept: " + "; ".join(problems))
            item["status"] = "checked"
            item["checked_by"] = by
            item["checked_on"] = DoubleQuotedScalarString(on or dt.date.today().isoformat())
            return item, []
        self._decide(claim_id, change)

    def edit(self, claim_id: str, path: str, value: str) -> list[str]:
        """Set one field (``speaker``, ``modality``, ``proposition.subject``,
        ``proposition.quantity.amount`` ...) to a YAML value; an empty value
        removes the field. Setting one kind of value (category, entity,
        quantity; time or deadline) removes the other kinds.

        Saved at once when the claim still validates; otherwise the edit is
        held and the problems are returned, so a second edit can finish it.
        """
        keys = [k for k in path.strip().split(".") if k]
        if not keys or keys[0] in ("id", "status", "checked_by", "checked_on", "rejected"):
            raise ReviewError(f"cannot edit {path!r} here (use accept or reject)")
        try:
            parsed = yaml.safe_load(value) if value.strip() else None
        except yaml.YAMLError as exc:
            raise ReviewError(f"not a YAML value: {exc}") from None
        source, data = self._read()
        index = self._index(data, claim_id)
        if data["claims"][index].get("status") != "draft":
            raise ReviewError(f"claim {claim_id} is {data['claims'][index].get('status')}, not a draft")
        working = self.pending.get(claim_id)
        if working is None:
            working = _item_text(source, "claims", index)[2]
        target = working
        for key in keys[:-1]:
            if key not in target or not hasattr(target[key], "get"):
                target[key] = CommentedMap()
            target = target[key]
        last = keys[-1]
        if parsed is None:
            target.pop(last, None)
        else:
            if isinstance(parsed, (dt.date, dt.datetime)):
                parsed = parsed.isoformat()
            if last in ("time", "deadline", "said_on") and isinstance(parsed, (str, dict)):
                parsed = _quoted(parsed)
            target[last] = parsed
            if keys[0] == "proposition" and len(keys) >= 2 and keys[1] in _KIND_KEYS:
                for other in _KIND_KEYS[keys[1]]:
                    working["proposition"].pop(other, None)
        problems = self.problems(_plain(working))
        if problems:
            self.pending[claim_id] = working
            return problems
        self._decide(claim_id, lambda data, index, item: (working, []))
        return []

    def _uncovered_after(self, data: dict[str, Any], index: int) -> list[Mention]:
        """Figures and dates inside claim ``index`` that nothing else covers once it is set aside."""
        claims = data.get("claims") or []
        others = [c for i, c in enumerate(claims) if i != index and isinstance(c, dict) and c.get("status") != "rejected"]
        spans = _spans(others, self.text) + _spans(data.get("excluded") or [], self.text)
        own = _spans([claims[index]], self.text)
        if not own:
            return []
        start, end = own[0]
        mentions = find_quantities(self.text) + find_dates(self.text)
        return sorted(m for m in mentions if start <= m.start and m.end <= end
                      and not any(s <= m.start and m.end <= e for s, e in spans))

    def reject(self, claim_id: str, reason: str, by: str, on: str | None = None) -> list[Mention]:
        """Mark a draft rejected with a reason. Figures and dates that only this
        claim covered are excluded with the same reason (returned)."""
        if not reason.strip():
            raise ReviewError("a rejection needs a reason")

        def change(data: dict, index: int, item: CommentedMap):
            item["status"] = "rejected"
            record = CommentedMap()
            record["reason"] = DoubleQuotedScalarString(reason.strip())
            record["by"] = by
            record["date"] = DoubleQuotedScalarString(on or dt.date.today().isoformat())
            item["rejected"] = record
            label = f"{reason.strip()} (rejected draft {claim_id})"
            return item, [(m, label) for m in self._uncovered_after(data, index)]
        return self._decide(claim_id, change)

    def exclude(self, claim_id: str, reason: str, by: str) -> list[Mention]:
        """Replace a draft by exclusions of the figures and dates only it covered
        (for a figure or date that carries no claim); returns them."""
        if not reason.strip():
            raise ReviewError("an exclusion needs a reason")

        def change(data: dict, index: int, item: CommentedMap):
            mentions = self._uncovered_after(data, index)
            if not mentions:
                raise ReviewError("nothing to exclude: no figure or date in this quote is left uncovered; reject it instead")
            return None, [(m, f"{reason.strip()} ({by})") for m in mentions]
        return self._decide(claim_id, change)


def _exclusion(mention: Mention, reason: str) -> CommentedMap:
    entry = CommentedMap()
    entry["quote"] = DoubleQuotedScalarString(mention.text)
    entry["start"] = mention.start
    entry["reason"] = DoubleQuotedScalarString(reason)
    return entry


# -------------------------------------------------------------- evaluation

#: Words that show a quote states a date itself (for the date recall), kept
#: apart from the extractor's own patterns so the measure does not grade
#: the finder by its own rules.
DATE_WORDS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"today|yesterday|tomorrow|tonight|weekend|week|month|year|summer|winter|spring|autumn|decade)\b|"
    r"(?<![\d,])(?:1[89]|20)\d{2}(?![\d,])|\b\d0s\b", re.IGNORECASE)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def matches(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The evaluation's match: the spans share at least half of the shorter one.

    Examples
    --------
    >>> matches((0, 10), (5, 40)), matches((0, 10), (8, 40))
    (True, False)
    """
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and _overlap(a, b) * 2 >= shorter


@dataclass
class EvaluationRow:
    """Recall and precision for one kind of item."""

    kind: str
    gold: int = 0
    found: int = 0
    candidates: int = 0
    correct: int = 0
    agree: int = 0           # matched gold items whose value the draft got right
    agree_what: str = ""
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.candidates if self.candidates else 0.0

    @property
    def agreement(self) -> float:
        return self.agree / self.found if self.found else 0.0


@dataclass
class Evaluation:
    rows: list[EvaluationRow]
    articles: int

    def row(self, kind: str) -> EvaluationRow:
        return next(r for r in self.rows if r.kind == kind)


def _claim_dates(claim: Claim) -> list[str]:
    values = [claim.proposition.time, claim.proposition.deadline, claim.said_on]
    return [_key(v) for v in values if v is not None]


def _candidate_dates(candidate: Candidate) -> list[str]:
    values = [candidate.proposition.get("time"), candidate.proposition.get("deadline"), candidate.said_on]
    return [_key(v) for v in values if v is not None]


def _key(value: Any) -> str:
    return f"{value['start']}/{value['end']}" if isinstance(value, dict) else str(value)


def evaluate(corpus: Corpus) -> Evaluation:
    """Compare the extractor with the hand-checked annotations (in memory).

    For each kind, a checked claim counts as *found* when a draft candidate
    of that kind shares at least half of the shorter span with its quote
    (:func:`matches`); a candidate is *correct* when it matches a checked
    claim of its kind. Kinds:

    ``attributed``
        checked claims whose speaker is neither the author nor the
        publisher, against statement candidates; *agree* = same speaker
        and the same ``via`` chain.
    ``quantities``
        checked claims with a quantity, against quantity candidates;
        *agree* = same qualifier and interval bounds.
    ``dates``
        checked claims with a ``time``, ``deadline`` or ``said_on`` whose
        quote itself names a date (:data:`DATE_WORDS`), against candidates
        carrying a date from the text; *agree* = one of the values equal.
        Precision counts a dated candidate correct when it matches any
        checked claim with a time, deadline or said_on.
    ``dated (all)``
        every checked claim with a time, deadline or said_on, most of them
        dated from context ("currently", present tense): shown to say how
        much of the dating the text itself carries.
    """
    rows = {kind: EvaluationRow(kind) for kind in ("attributed", "quantities", "dates", "dated (all)")}
    rows["attributed"].agree_what = "same speaker and chain"
    rows["quantities"].agree_what = "same qualifier and bounds"
    rows["dates"].agree_what = "same date value"
    rows["dated (all)"].agree_what = "same date value"
    for article in corpus.articles:
        annotation = article.annotation
        own = set(annotation.authors) | {annotation.publisher}
        draft = extract(article.text, published=annotation.published.date, publisher=annotation.publisher,
                        authors=annotation.authors, entities=corpus.entities, vocabulary=corpus.vocabulary)
        checked = [c for c in annotation.claims if c.status == "checked"]
        statements = [c for c in draft.candidates if c.kind == "statement"]
        figures = [c for c in draft.candidates if c.kind == "quantity"]
        dated = [c for c in draft.candidates if c.carries_date]
        groups = {
            "attributed": ([c for c in checked if c.speaker not in own], statements),
            "quantities": ([c for c in checked if c.proposition.quantity is not None], figures),
            "dates": ([c for c in checked if _claim_dates(c) and DATE_WORDS.search(c.quote)], dated),
            "dated (all)": ([c for c in checked if _claim_dates(c)], dated),
        }
        for kind, (gold, candidates) in groups.items():
            row = rows[kind]
            row.gold += len(gold)
            for claim in gold:
                span = (claim.start or 0, claim.end)
                hits = [c for c in candidates if matches(span, (c.start, c.end))]
                if not hits:
                    row.misses.append(f"{article.id} {claim.id}: {claim.quote[:70]}")
                    continue
                row.found += 1
                if kind == "attributed":
                    row.agree += any((c.proposed_speaker or c.speaker) == claim.speaker and c.via == claim.via
                                     for c in hits)
                elif kind == "quantities":
                    q = claim.proposition.quantity
                    row.agree += any(c.proposition.get("quantity", {}).get("qualifier") == q.qualifier and
                                     _interval(c) == q.interval for c in hits)
                else:
                    wanted = set(_claim_dates(claim))
                    row.agree += any(wanted & set(_candidate_dates(c)) for c in hits)
            reference = gold if kind != "dates" else [c for c in checked if _claim_dates(c)]
            row.candidates += len(candidates)
            row.correct += sum(any(matches((c.start, c.end), (g.start or 0, g.end)) for g in reference)
                               for c in candidates)
    return Evaluation(list(rows.values()), len(corpus.articles))


def _interval(candidate: Candidate) -> tuple | None:
    from claimgraph.corpus.models import Quantity
    try:
        return Quantity.model_validate(candidate.proposition.get("quantity")).interval
    except (ValidationError, TypeError):
        return None


def evaluation_markdown(evaluation: Evaluation) -> str:
    """The evaluation as a Markdown table."""
    lines = ["| kind | checked claims | found | recall | draft candidates | correct | precision | value agrees |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for row in evaluation.rows:
        lines.append(f"| {row.kind} | {row.gold} | {row.found} | {row.recall:.1%} | {row.candidates} | {row.correct} | "
                     f"{row.precision:.1%} | {row.agree}/{row.found} ({row.agreement:.0%}) {row.agree_what} |")
    return "\n".join(lines) + "\n"
