"""Pydantic models of the hand-edited inputs: the entity registry and the
per-article annotation files (see ``docs/annotation-guide.md``).

Checks that need the article text, the registry or the ontology's
vocabularies read them from the validation context built by
:mod:`claimgraph.corpus.load`, so every error carries the location of the field
that caused it.
"""

from __future__ import annotations

import difflib

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from claimgraph.corpus.interval import QUALIFIERS, bounds
from claimgraph.corpus.timespan import OPEN_FUTURE, RELATIVE, TimeSpan, future_span, parse_time, resolve_relative

__all__ = [
    "ENTITY_CLASSES", "EntityType", "REVIEW_STATUSES", "ReviewStatus", "Role", "Entity", "entity_wholes", "Published",
    "Quantity", "Proposition", "Deprecation",
    "Claim", "Excluded", "Annotation", "Review", "ManualContradiction", "ReviewFile",
]

# Registry entity types and the ontology class of each: defined here once.
ENTITY_CLASSES = {
    "person": "Person", "organization": "Organization", "government-body": "GovernmentBody",
    "armed-group": "ArmedGroup", "media-outlet": "MediaOutlet", "anonymous": "AnonymousSource",
    "place": "Place", "topic": "Topic",
}
EntityType = Literal[tuple(ENTITY_CLASSES)]  # type: ignore[valid-type]
# Review decisions on a finding (cg:ReviewStatus): defined here once.
REVIEW_STATUSES = ("open", "confirmed", "dismissed")
ReviewStatus = Literal[REVIEW_STATUSES]  # type: ignore[valid-type]
TimeValue = str | dict[str, str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


def _check_time(value: Any) -> Any:
    if value is None:
        return value
    if value in RELATIVE or value == OPEN_FUTURE:
        return value
    if isinstance(value, dict):
        value = {key: str(item) for key, item in value.items()}
    else:
        value = str(value)
    parse_time(value)  # raises ValueError with a readable message
    return value


_KIND_LABELS = {"entities": "entity", "predicates": "predicate", "frames": "frame", "scopes": "scope", "categories": "category",
                "modalities": "modality", "hedges": "hedge"}


# Which vocabulary of the validation context each field's value comes from.
_VOCABULARY_OF = {"predicate": "predicates", "frame": "frames", "scope": "scopes", "category": "categories",
                  "modality": "modalities", "hedge": "hedges"}


def _known(kind: str, value: str | None, info: ValidationInfo) -> str | None:
    """Check ``value`` against a named set in the validation context."""
    known = _context(info).get(kind)
    if value is not None and known is not None and value not in known:
        raise ValueError(f"unknown {_KIND_LABELS.get(kind, kind)} {value!r}")
    return value


class Role(_Strict):
    role: str
    org: str | None = None
    start: str | None = None
    end: str | None = None

    _dates = field_validator("start", "end")(lambda cls, v: _check_time(v))


class Entity(_Strict):
    """One registry entry: a stable id, a type, a label and its aliases.

    ``broader`` names kinds it is a narrower case of, ``part_of`` wholes it
    is a member or part of; the rules compare claims about a part with claims
    about its whole. ``ends`` names the states an event ends (a withdrawal
    ends a presence): being for the event is being against the state.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    type: EntityType
    label: str
    aliases: list[str] = []
    wikidata: str | None = Field(default=None, pattern=r"^Q[0-9]+$")
    roles: list[Role] = []
    affiliation: str | None = None
    wire: bool = False
    broader: list[str] = []
    part_of: list[str] = []
    ends: list[str] = []
    comment: str | None = None

    @model_validator(mode="after")
    def _anonymous_needs_affiliation(self) -> Entity:
        if self.type == "anonymous" and not self.affiliation:
            raise ValueError("an anonymous speaker needs an 'affiliation'")
        return self


def entity_wholes(entities: dict[str, Entity], entity_id: str | None) -> set[str]:
    """Everything an entity is within: what it is part of or a narrower case
    of (``part_of``, ``broader``), transitively; not the entity itself.

    Examples
    --------
    >>> e = {"a": Entity(id="a", type="topic", label="A", part_of=["b"]),
    ...      "b": Entity(id="b", type="topic", label="B", broader=["c"]),
    ...      "c": Entity(id="c", type="topic", label="C")}
    >>> sorted(entity_wholes(e, "a")), entity_wholes(e, "c"), entity_wholes(e, None)
    (['b', 'c'], set(), set())
    """
    entity = entities.get(entity_id) if entity_id else None
    if entity is None:
        return set()
    seen: set[str] = set()
    todo = [*entity.broader, *entity.part_of]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        parent = entities.get(current)
        if parent is not None:
            todo += [*parent.broader, *parent.part_of]
    return seen


class Published(_Strict):
    date: str
    status: Literal["stated", "inferred"]
    evidence: str = Field(min_length=1)

    _date = field_validator("date")(lambda cls, v: _check_time(v))

    @property
    def span(self) -> TimeSpan:
        return parse_time(self.date)


class Quantity(_Strict):
    """A figure, its qualifier and the interval the policy gives it."""

    amount: Decimal | None = None
    qualifier: str = "exact"
    lower: Decimal | None = None
    upper: Decimal | None = None
    unit: str = Field(min_length=1)

    @field_validator("qualifier")
    @classmethod
    def _qualifier(cls, value: str) -> str:
        if value not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {value!r}; known: {', '.join(sorted(QUALIFIERS))}")
        return value

    @model_validator(mode="after")
    def _bounds(self, info: ValidationInfo) -> Quantity:
        self.interval  # raises ValueError on a lower bound above the upper bound
        signed = _context(info).get("signed_units")
        if signed is not None and self.unit not in signed:
            for name in ("amount", "lower", "upper"):
                value = getattr(self, name)
                if value is not None and value < 0:
                    raise ValueError(f"{name} {value} is negative; a quantity in {self.unit} cannot be "
                                     "(only units marked cg:signed, such as percent or USD, may be)")
        return self

    @property
    def interval(self) -> tuple[Decimal, Decimal]:
        return bounds(self.qualifier, self.amount, self.lower, self.upper)


OBJECT_KINDS = ("category", "object", "quantity", "frame", "proposition")


class Proposition(_Strict):
    """What a claim says: subject, predicate, one object, scope, polarity, time.

    The object is a category, an entity (``object``), a quantity, a frame or
    another proposition ("Iran believes that it can push the U.S. out"), as
    the predicate's ``cg:expectsValue`` says. ``time: future`` is an open
    future: the text says it will hold, not when.
    """

    subject: str
    predicate: str
    scope: str | None = None
    category: str | None = None
    object: str | None = None
    quantity: Quantity | None = None
    frame: str | None = None
    proposition: Proposition | None = None
    polarity: Literal["positive", "negative"] = "positive"
    visibility: Literal["public", "private"] = "public"
    time: TimeValue | None = None
    deadline: TimeValue | None = None

    _times = field_validator("time", "deadline", mode="before")(lambda cls, v: _check_time(v))

    @field_validator("subject", "object")
    @classmethod
    def _entity_ids(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _known("entities", value, info)

    @field_validator("predicate", "frame", "scope", "category")
    @classmethod
    def _vocabulary_term(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _known(_VOCABULARY_OF[info.field_name], value, info)

    @model_validator(mode="after")
    def _one_value(self, info: ValidationInfo) -> Proposition:
        given = [name for name in OBJECT_KINDS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of {', '.join(OBJECT_KINDS)} (got {', '.join(given) or 'none'})")
        expected = _context(info).get("value_kinds", {}).get(self.predicate)
        if expected and given[0] != expected:
            raise ValueError(f"predicate {self.predicate!r} takes {_article(expected)}, not {_article(given[0])}")
        if self.time is not None and self.deadline is not None:
            raise ValueError("give either 'time' or 'deadline', not both")
        if self.deadline in RELATIVE or self.deadline == OPEN_FUTURE:
            raise ValueError("a deadline is a date; for 'will happen, date not stated' write time: future")
        return self

    @property
    def open_future(self) -> bool:
        return self.time == OPEN_FUTURE

    def span_after(self, made: TimeSpan, published: TimeSpan) -> TimeSpan | None:
        """The stated time or deadline; relative words read against the
        publication date, an open future from the day after ``made``."""
        value = self.deadline if self.deadline is not None else self.time
        if value is None:
            return None
        if value == OPEN_FUTURE:
            return future_span(made)
        if value in RELATIVE:
            return resolve_relative(value, published)
        return parse_time(value)


Proposition.model_rebuild()


class Deprecation(_Strict):
    reason: str = Field(min_length=1)
    by: str | None = None
    date: str | None = None


class _Grounded(_Strict):
    """Something anchored to an exact quote in the article text."""

    quote: str = Field(min_length=1)
    start: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> _Grounded:
        text = _context(info).get("text")
        if text is None:
            return self
        if self.start is not None:
            found = text[self.start:self.start + len(self.quote)]
            if found != self.quote:
                raise ValueError(f"quote not found at start={self.start} (the text there reads {found!r})")
            return self
        first = text.find(self.quote)
        if first < 0:
            raise ValueError(f"quote not found in the article text: {_shorten(self.quote)!r}")
        if text.find(self.quote, first + 1) >= 0:
            raise ValueError(f"quote occurs {text.count(self.quote)} times; add 'start' to say which: {_shorten(self.quote)!r}")
        self.start = first
        return self

    @property
    def end(self) -> int:
        return (self.start or 0) + len(self.quote)


class Claim(_Grounded):
    """One statement in an article, hand-checked."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    speaker: str
    via: list[str] = []
    said_on: str | None = None
    modality: str
    hedge: str | None = None
    proposition: Proposition
    status: Literal["checked", "draft", "rejected"]
    checked_by: str | None = None
    checked_on: str | None = None
    note: str | None = None
    deprecated: Deprecation | None = None
    rejected: Deprecation | None = None

    _said_on = field_validator("said_on", "checked_on", mode="before")(lambda cls, v: _check_time(v))

    def said_span(self, published: TimeSpan) -> TimeSpan:
        """When the claim was made: ``said_on`` (relative words read against
        the publication date), else the publication date."""
        if self.said_on is None:
            return published
        if self.said_on in RELATIVE:
            return resolve_relative(self.said_on, published)
        return parse_time(self.said_on)

    @field_validator("speaker")
    @classmethod
    def _speaker(cls, value: str, info: ValidationInfo) -> str:
        return _known("entities", value, info)

    @field_validator("via")
    @classmethod
    def _via(cls, value: list[str], info: ValidationInfo) -> list[str]:
        for item in value:
            _known("entities", item, info)
        return value

    @field_validator("modality", "hedge")
    @classmethod
    def _vocabulary_term(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _known(_VOCABULARY_OF[info.field_name], value, info)

    @field_validator("status")
    @classmethod
    def _status(cls, value: str, info: ValidationInfo) -> str:
        if value == "draft" and not _context(info).get("include_drafts", False):
            raise ValueError("claim is not checked (status: draft); check it by hand or build with --include-drafts")
        return value

    @model_validator(mode="after")
    def _rejection_reason(self) -> Claim:
        if self.status == "rejected" and self.rejected is None:
            raise ValueError("a rejected claim needs 'rejected: {reason: ...}'")
        return self

    @model_validator(mode="after")
    def _chain_and_unit(self, info: ValidationInfo) -> Claim:
        if self.speaker in self.via:
            raise ValueError(f"via: the speaker {self.speaker!r} cannot relay their own claim (it is in its via chain)")
        repeated = sorted({agent for agent in self.via if self.via.count(agent) > 1})
        if repeated:
            raise ValueError(f"via: {', '.join(map(repr, repeated))} appears more than once in the chain")
        units = _context(info).get("units")
        quantity = self.proposition.quantity
        # A draft may carry the extractor's guess; a checked claim uses the vocabulary.
        if units is not None and quantity is not None and self.status != "draft" and quantity.unit not in units:
            close = difflib.get_close_matches(quantity.unit, sorted(units), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else (
                "; add it as a cg:Unit in corpus/vocabulary.ttl if it is really a new unit")
            raise ValueError(f"proposition.quantity.unit: unknown unit {quantity.unit!r}{hint}")
        return self


class Excluded(_Grounded):
    """A figure or date in the text that carries no claim, and why."""

    reason: str = Field(min_length=1)


#: Entity types that can publish an article.
PUBLISHER_TYPES = frozenset({"media-outlet", "organization", "government-body", "armed-group"})


class Annotation(_Strict):
    """One article's hand-checked annotation file."""

    article: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    title: str
    publisher: str
    authors: list[str] = []
    published: Published
    checked_by: str | None = None
    checked_on: str | None = None
    claims: list[Claim] = []
    excluded: list[Excluded] = []
    # Names the draft extractor could not resolve, offered as registry entries (see docs/workflow.md).
    proposed_entities: list[dict[str, Any]] = []

    _checked_on = field_validator("checked_on", mode="before")(lambda cls, v: _check_time(v))

    @field_validator("article")
    @classmethod
    def _article(cls, value: str, info: ValidationInfo) -> str:
        expected = _context(info).get("article_id")
        if expected is not None and value != expected:
            raise ValueError(f"article id {value!r} does not match the file name {expected!r}")
        return value

    @field_validator("sha256")
    @classmethod
    def _hash(cls, value: str, info: ValidationInfo) -> str:
        expected = _context(info).get("sha256")
        if expected is not None and value != expected:
            raise ValueError(f"the stored text's sha256 is {expected}, not {value}: the article text changed")
        return value

    @field_validator("publisher")
    @classmethod
    def _publisher(cls, value: str, info: ValidationInfo) -> str:
        _known("entities", value, info)
        entity = (_context(info).get("entities") or {}).get(value)
        kind = getattr(entity, "type", None)
        if kind is not None and kind not in PUBLISHER_TYPES:
            raise ValueError(f"publisher {value!r} is a {kind}, not an outlet or organisation that publishes")
        return value

    @field_validator("authors")
    @classmethod
    def _authors(cls, value: list[str], info: ValidationInfo) -> list[str]:
        for item in value:
            _known("entities", item, info)
        return value


class Review(_Strict):
    """An analyst's decision on a contradiction found by the rules."""

    id: str
    status: ReviewStatus
    claims: list[str] = Field(min_length=2)
    reason: str | None = None
    by: str
    date: str

    @model_validator(mode="after")
    def _dismissal_reason(self) -> Review:
        if self.status == "dismissed" and not self.reason:
            raise ValueError("a dismissed contradiction needs a 'reason'")
        return self


class ManualContradiction(_Strict):
    """A contradiction recorded by hand; reported apart from rule findings."""

    id: str
    kind: str
    severity: Literal["hard", "tension"]
    claims: list[str] = Field(min_length=2)
    explanation: str = Field(min_length=1)
    by: str
    date: str


class ReviewFile(_Strict):
    reviews: list[Review] = []
    manual: list[ManualContradiction] = []


def _article(kind: str) -> str:
    return {"object": "an entity (object:)", "quantity": "a quantity", "category": "a category",
            "frame": "a frame", "proposition": "a proposition (proposition:)"}.get(kind, kind)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

