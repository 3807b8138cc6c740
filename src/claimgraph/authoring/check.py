"""``claimgraph check``: what an annotation still needs before its claims are checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml

from claimgraph.authoring.lookalikes import lookalikes
from claimgraph.corpus.coverage import coverage
from claimgraph.corpus.load import (
    Article,
    Corpus,
    check_article_id,
    line_of,
    load_annotation,
    load_entities,
    text_sha256,
)
from claimgraph.corpus.problems import CorpusError, Problem, display_path
from claimgraph.extract.candidates import PLACEHOLDER
from claimgraph.textsafe import control_characters
from claimgraph.corpus.vocabulary import load_corpus_vocabulary

__all__ = ["SPEAKER_WINDOW", "SPEAKER_AFTER", "CheckProblem", "speaker_named", "check_corpus"]

#: How far before a quote ``check`` looks for the speaker's name ...
SPEAKER_WINDOW = 300
#: ... and how far after it ("“...,” said X", "..., the Times wrote").
SPEAKER_AFTER = 150


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


def fold(text: str) -> str:
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
    span = fold(text[max(0, start - window):tail])
    for name in names:
        folded = fold(name).strip()
        if len(folded) >= 2 and re.search(rf"(?<![\w]){re.escape(folded)}(?![\w])", span):
            return True
    return False


def _proposal_problems(annotation, entities: dict, display: str, source: str) -> list[CheckProblem]:
    """Proposed entities that are not in the registry yet."""
    found = []
    for index, proposal in enumerate(annotation.proposed_entities):
        entity_id = proposal.get("id") if isinstance(proposal, dict) else None
        if entity_id in entities:
            continue
        name = proposal.get("label", entity_id) if isinstance(proposal, dict) else proposal
        found.append(CheckProblem(Problem(display, line_of(source, ("proposed_entities", index)),
                                          f"proposed_entities[{index}]({entity_id})",
                                          f"unknown entity {name!r} is proposed but not in the registry: add it "
                                          "to entities/*.yaml (and set the claims' speaker) or delete the proposal")))
    return found


def _lookalike_problems(corpus: Path, article_id: str, entities: dict) -> list[CheckProblem]:
    """Entities the article's own registry file declares that the registry
    already has under another id."""
    path = corpus / "entities" / f"{article_id}.yaml"
    if not path.exists():
        return []
    source = path.read_text(encoding="utf-8")
    declared = [entry.get("id") for entry in yaml.safe_load(source) or [] if isinstance(entry, dict)]
    display = display_path(path, corpus)
    return [CheckProblem(Problem(display, line_of(source, (declared.index(found.declared), "id")),
                                 f"[{declared.index(found.declared)}].id",
                                 f"{found.declared!r} looks like {found.existing!r} ({entities[found.existing].label}; "
                                 f"{found.why}): use {found.existing!r} in the claims so they meet the corpus, or "
                                 "link the two with broader or part_of"), "warning")
            for found in lookalikes(declared, entities)]


def check_corpus(corpus: Path, ontology_path: Path, article_id: str | None = None) -> list[CheckProblem]:
    """Everything left to do before an article's annotation is finished.

    Errors: unchecked (draft) claims; propositions the draft left as a
    placeholder (the note still says :data:`claimgraph.extract.candidates.PLACEHOLDER`); quotes not found or ambiguous and any
    other validation problem; unknown entities, including proposed ones
    not yet in the registry; figures and dates in the text that no claim
    covers and no exclusion explains. Warnings: claims whose speaker is
    not named (label or alias) in the quote or the :data:`SPEAKER_WINDOW`
    characters before it (the author's own claims are exempt); entities the
    article declares that look like registry entities under another id
    (:mod:`claimgraph.authoring.lookalikes`).
    """
    corpus = Path(corpus)
    if article_id is not None:
        check_article_id(article_id)
    vocabulary = load_corpus_vocabulary(corpus, ontology_path)
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
        for offset, char in control_characters(text):  # they break XML and a terminal (issue 15)
            found.append(CheckProblem(Problem(display_path(text_path, corpus), _text_line(text, offset), "text",
                                              f"control character U+{ord(char):04X} at {offset}: remove it or "
                                              "replace it with a space"), "warning"))
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
            if claim.status != "rejected" and PLACEHOLDER in (claim.note or ""):
                found.append(CheckProblem(Problem(display, line_of(source, ("claims", index, "proposition")),
                                                  f"{label}.proposition",
                                                  "a placeholder the draft could not guess: write subject, predicate "
                                                  f"and value, then delete {PLACEHOLDER!r} from the note")))
            if claim.status == "rejected" or claim.speaker in own:
                continue
            entity = entities[claim.speaker]
            if not speaker_named(text, claim.start or 0, claim.end, [entity.label, *entity.aliases]):
                found.append(CheckProblem(Problem(display, line_of(source, ("claims", index, "speaker")),
                                                  f"{label}.speaker",
                                                  f"speaker {claim.speaker!r} is not named (label or alias) in the "
                                                  f"quote or near it ({SPEAKER_WINDOW} characters before, "
                                                  f"{SPEAKER_AFTER} after)"), "warning"))
        found += _proposal_problems(annotation, entities, display, source)
        found += _lookalike_problems(corpus, text_path.stem, entities)
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
