"""The draft extractor measured against the hand-checked claims (``claimgraph draft --evaluate``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from claimgraph.corpus.load import Corpus
from claimgraph.corpus.models import Claim, Entity
from claimgraph.extract.extractor import Candidate, extract

__all__ = ["DATE_WORDS", "matches", "EvaluationRow", "PropositionRow", "Evaluation", "evaluate", "held_out_registry",
           "proposition_agreement"]


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
class PropositionRow:
    """How many found checked claims a matching candidate drafted the same proposition for, part by part."""

    found: int = 0            # checked claims (of any kind) some candidate matches
    predicate: int = 0        # ... whose best matching candidate has the same predicate
    subject: int = 0          # ... the same subject (a proposed subject counts under its proposed id)
    value: int = 0            # ... the same object, category, frame or quantity bounds
    whole: int = 0            # ... all three at once
    placeholders: int = 0     # ... whose best matching candidate left the proposition to the reviewer
    misses: list[str] = field(default_factory=list)

    def rate(self, part: str) -> float:
        return getattr(self, part) / self.found if self.found else 0.0


@dataclass
class Evaluation:
    rows: list[EvaluationRow]
    articles: int
    propositions: PropositionRow = field(default_factory=PropositionRow)

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


def _claim_entities(claims) -> set[str]:
    used: set[str] = set()
    for claim in claims:
        used |= {claim.speaker, *claim.via, claim.proposition.subject}
        if claim.proposition.object:
            used.add(claim.proposition.object)
    return used


def held_out_registry(corpus: Corpus, article_id: str) -> dict[str, Entity]:
    """The registry as it would stand had ``article_id`` never been annotated.

    An entity is kept when a claim of another article names it (speaker,
    intermediary, subject or object), or another article's header does
    (publisher, authors), or a kept entity points at it (affiliation,
    ``broader``, ``part_of``, a role's organisation); the held-out article's
    own publisher and authors are kept too (``claimgraph add`` needs them).
    Of a kept entity's aliases only those that occur in another article's
    text survive: an alias copied from the held-out text is knowledge of
    that text. Labels stay.
    """
    others = [a for a in corpus.articles if a.id != article_id]
    held = corpus.article(article_id).annotation
    wanted = _claim_entities(c for a in others for c in a.annotation.claims)
    for article in others:
        wanted |= {article.annotation.publisher, *article.annotation.authors}
    wanted |= {held.publisher, *held.authors}
    todo = list(wanted)
    while todo:
        entity = corpus.entities.get(todo.pop())
        if entity is None:
            continue
        for linked in [entity.affiliation, *entity.broader, *entity.part_of,
                       *(role.org for role in entity.roles)]:
            if linked and linked not in wanted:
                wanted.add(linked)
                todo.append(linked)
    texts = "\n".join(a.text for a in others).lower().replace("’", "'")
    registry = {}
    for entity_id in sorted(wanted):
        entity = corpus.entities.get(entity_id)
        if entity is None:
            continue
        aliases = [alias for alias in entity.aliases if alias.lower().replace("’", "'") in texts]
        registry[entity_id] = entity.model_copy(update={"aliases": aliases})
    return registry


def evaluate(corpus: Corpus, *, leave_one_out: bool = False) -> Evaluation:
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

    ``leave_one_out``: each article is drafted with the registry as it would
    stand without it (:func:`held_out_registry`): the honest figure for a
    new article. The extractor has no other learned lexicon: its word lists
    are fixed rules, the same for every article.
    """
    rows = {kind: EvaluationRow(kind) for kind in ("attributed", "quantities", "dates", "dated (all)")}
    rows["attributed"].agree_what = "same speaker and chain"
    rows["quantities"].agree_what = "same qualifier and bounds"
    rows["dates"].agree_what = "same date value"
    rows["dated (all)"].agree_what = "same date value"
    propositions = PropositionRow()
    for article in corpus.articles:
        annotation = article.annotation
        entities = held_out_registry(corpus, article.id) if leave_one_out else corpus.entities
        draft = extract(article.text, published=annotation.published.date, publisher=annotation.publisher,
                        authors=annotation.authors, entities=entities, vocabulary=corpus.vocabulary)
        checked = [c for c in annotation.claims if c.status == "checked"]
        for kind, (gold, candidates) in _groups(annotation, checked, draft.candidates).items():
            reference = gold if kind != "dates" else [c for c in checked if _claim_dates(c)]
            _score(rows[kind], article.id, gold, candidates, reference)
        _score_propositions(propositions, article.id, checked, draft.candidates)
    return Evaluation(list(rows.values()), len(corpus.articles), propositions)


def proposition_agreement(claim: Claim, candidate: Candidate) -> tuple[bool, bool, bool]:
    """Whether a candidate's drafted proposition has the checked claim's predicate, subject and value.

    The value is the object, category or frame, or for a quantity the same
    qualifier and bounds. A subject the draft proposes as a new entity
    counts under its proposed id (as a proposed speaker does).
    """
    gold = claim.proposition
    drafted = candidate.proposition
    subject = candidate.proposed_subject or drafted.get("subject")
    if gold.quantity is not None:
        value = drafted.get("quantity") is not None and _interval(candidate) == gold.quantity.interval \
            and drafted["quantity"].get("qualifier") == gold.quantity.qualifier
    elif gold.object is not None:
        value = (candidate.proposed_object or drafted.get("object")) == gold.object
    elif gold.category is not None:
        value = drafted.get("category") == gold.category
    elif gold.frame is not None:
        value = drafted.get("frame") == gold.frame
    else:
        value = False           # an embedded proposition: the draft never writes one
    return drafted.get("predicate") == gold.predicate, subject == gold.subject, value


def _score_propositions(row: PropositionRow, article_id: str, checked: list[Claim],
                        candidates: list[Candidate]) -> None:
    """Score the proposition of the best matching candidate of every found checked claim."""
    for claim in checked:
        span = (claim.start or 0, claim.end)
        hits = [c for c in candidates if matches(span, (c.start, c.end))]
        if not hits:
            continue
        row.found += 1
        scored = [(sum(proposition_agreement(claim, c)), _overlap(span, (c.start, c.end)), -i, c)
                  for i, c in enumerate(hits)]
        *_, best = max(scored, key=lambda item: item[:3])
        predicate, subject, value = proposition_agreement(claim, best)
        row.predicate += predicate
        row.subject += subject
        row.value += value
        row.whole += predicate and subject and value
        row.placeholders += best.placeholder
        if not (predicate and subject and value):
            gold, drafted = claim.proposition, best.proposition
            row.misses.append(f"{article_id} {claim.id}: {_show(gold.model_dump(exclude_none=True))} <- "
                              f"{_show(drafted, best.proposed_subject, best.proposed_object)}"
                              f"{' [placeholder]' if best.placeholder else ''} | {claim.quote[:60]}")


def _show(proposition: dict, proposed_subject: str | None = None, proposed_object: str | None = None) -> str:
    value = proposed_object or next((proposition[k] for k in ("object", "category", "frame") if proposition.get(k)),
                                    "quantity" if proposition.get("quantity") else "?")
    return f"{proposed_subject or proposition.get('subject')} {proposition.get('predicate')} {value}"


def _groups(annotation, checked: list[Claim], candidates: list[Candidate]) -> dict[str, tuple[list, list]]:
    """(checked claims, candidates) compared for each kind."""
    own = set(annotation.authors) | {annotation.publisher}
    dated = [c for c in candidates if c.carries_date]
    return {
        "attributed": ([c for c in checked if c.speaker not in own], [c for c in candidates if c.kind == "statement"]),
        "quantities": ([c for c in checked if c.proposition.quantity is not None],
                       [c for c in candidates if c.kind == "quantity"]),
        "dates": ([c for c in checked if _claim_dates(c) and DATE_WORDS.search(c.quote)], dated),
        "dated (all)": ([c for c in checked if _claim_dates(c)], dated),
    }


def _score(row: EvaluationRow, article_id: str, gold: list[Claim], candidates: list[Candidate],
           reference: list[Claim]) -> None:
    """Add one article's recall, agreement and precision for one kind to ``row``."""
    row.gold += len(gold)
    for claim in gold:
        span = (claim.start or 0, claim.end)
        hits = [c for c in candidates if matches(span, (c.start, c.end))]
        if not hits:
            row.misses.append(f"{article_id} {claim.id}: {claim.quote[:70]}")
            continue
        row.found += 1
        row.agree += any(_agrees(row.kind, claim, c) for c in hits)
    row.candidates += len(candidates)
    row.correct += sum(any(matches((c.start, c.end), (g.start or 0, g.end)) for g in reference) for c in candidates)


def _agrees(kind: str, claim: Claim, candidate: Candidate) -> bool:
    """Whether a matching candidate also got the claim's value right."""
    if kind == "attributed":
        return (candidate.proposed_speaker or candidate.speaker) == claim.speaker and candidate.via == claim.via
    if kind == "quantities":
        q = claim.proposition.quantity
        return candidate.proposition.get("quantity", {}).get("qualifier") == q.qualifier and \
            _interval(candidate) == q.interval
    return bool(set(_claim_dates(claim)) & set(_candidate_dates(candidate)))


def _interval(candidate: Candidate) -> tuple | None:
    from claimgraph.corpus.models import Quantity
    try:
        return Quantity.model_validate(candidate.proposition.get("quantity")).interval
    except (ValidationError, TypeError):
        return None
