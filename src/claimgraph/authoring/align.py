"""``claimgraph align``: which propositions already in the graph a new article's claims restate,
contradict or update.

For every claim of one article (drafts included) the other articles' claims
are ranked by

- **subject and object**: the same entity, or one within the other through
  the registry's hierarchy (``broader``, ``part_of``; what the graph calls
  ``cg:within``), matched against the new claim's proposition *and* the
  registry names its quote mentions (a draft's guessed subject is often
  wrong, the names in its words rarely are);
- **predicate family**: the same predicate; one that implies it, is its
  inverse or is its declared incompatible partner (``cg:Incompatibility``);
  or a sibling under the same ``skos:broader`` family (quantities, states,
  stances, relations, characterisations);
- **quote similarity**: rapidfuzz's token-set ratio of the two quotes; a
  near-verbatim quote (at least :data:`NEAR_VERBATIM`) counts twice, and a
  similar quote from the same speaker counts more;
- **the same figure**: two quantities with the same amount and unit count
  as the same object.

A draft's proposition is only the extractor's guess, so while its note says
so, its subject, predicate and object count half.

Each proposal says how it relates (``restates``, ``contradicts``,
``updates`` or ``related``) and why, so the reviewer can take its subject,
predicate and object in one keystroke (``claimgraph review``) and the rules
then compare the two claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import pyoxigraph as ox
from rapidfuzz import fuzz, utils

from claimgraph.corpus.load import Corpus, load_corpus
from claimgraph.corpus.problems import CorpusError, Problem
from claimgraph.corpus.models import Claim, Entity, entity_wholes
from claimgraph.namespaces import CG_IRI

__all__ = ["AlignMatch", "AlignRow", "Hierarchy", "PredicateFamilies", "align_article", "align_corpus",
           "quote_similarity"]

WEIGHTS = {"subject": 0.35, "predicate": 0.2, "object": 0.2, "quote": 0.25}
MIN_SCORE = 0.3
NEAR_VERBATIM = 0.8
SAME_SPEAKER = 0.1


def quote_similarity(a: str, b: str) -> float:
    """Token-set similarity of two quotes, 0 to 1 (rapidfuzz).

    Examples
    --------
    >>> round(quote_similarity("all US troops will leave Iraq by Dec. 31", "US troops will leave Iraq by December 31"), 2) > 0.8
    True
    """
    return fuzz.token_set_ratio(_plain_words(a), _plain_words(b)) / 100.0


def _plain_words(text: str) -> str:
    """Lower case, letters and digits only; "there’s" and "there's" both read "theres"."""
    return utils.default_process(text.replace("’", "").replace("'", ""))


class Hierarchy:
    """The registry's ``broader`` and ``part_of`` links, closed transitively.

    Examples
    --------
    >>> h = Hierarchy({"a": Entity(id="a", type="topic", label="A", broader=["b"]),
    ...                "b": Entity(id="b", type="topic", label="B", part_of=["c"]),
    ...                "c": Entity(id="c", type="topic", label="C")})
    >>> h.relation("a", "a"), h.relation("a", "c"), h.relation("c", "a"), h.relation("a", "x")
    (1.0, 0.6, 0.6, 0.0)
    """

    def __init__(self, entities: dict[str, Entity]):
        self.up: dict[str, set[str]] = {}
        for entity in entities.values():
            self.up[entity.id] = entity_wholes(entities, entity.id)

    def relation(self, a: str | None, b: str | None) -> float:
        """1 for the same entity, 0.6 when one is within the other, else 0."""
        if not a or not b:
            return 0.0
        if a == b:
            return 1.0
        if b in self.up.get(a, ()) or a in self.up.get(b, ()):
            return 0.6
        return 0.0


class PredicateFamilies:
    """What the ontology says about how predicates (and categories) relate."""

    def __init__(self, ontology_text: str):
        store = ox.Store()
        store.load(ontology_text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
        skos = "http://www.w3.org/2004/02/skos/core#"

        def pairs(query: str) -> list[tuple[str, str]]:
            out = []
            for row in store.query(query):
                a, b = row[0].value, row[1].value
                if a.startswith(CG_IRI) and b.startswith(CG_IRI):
                    out.append((a[len(CG_IRI):], b[len(CG_IRI):]))
            return out
        self.family = dict(pairs(f"SELECT ?p ?f WHERE {{ ?p a <{CG_IRI}Predicate> ; <{skos}broader> ?f }}"))
        self.linked: set[frozenset[str]] = set()
        for a, b in pairs(f"SELECT ?a ?b WHERE {{ ?a <{CG_IRI}implies>|<{CG_IRI}inverseOf> ?b }}"):
            self.linked.add(frozenset((a, b)))
        self.incompatible: set[frozenset[str]] = set()
        rows = pairs(f"SELECT ?a ?b WHERE {{ ?i a <{CG_IRI}Incompatibility> ; <{CG_IRI}between> ?a, ?b "
                     "FILTER(?a != ?b) }")
        for a, b in rows:
            self.incompatible.add(frozenset((a, b)))
        self.frame_family = dict(pairs(f"SELECT ?p ?f WHERE {{ ?p a <{CG_IRI}Frame> ; <{skos}broader> ?f }}"))

    def relation(self, a: str, b: str) -> tuple[float, str]:
        """(score, why) for two predicates."""
        if a == b:
            return 1.0, f"same predicate {a}"
        pair = frozenset((a, b))
        if pair in self.incompatible:
            return 0.9, f"{a} is incompatible with {b}"
        if pair in self.linked:
            return 0.8, f"{a} and {b} imply or invert each other"
        if self.family.get(a) and self.family.get(a) == self.family.get(b):
            return 0.4, f"same predicate family ({self.family[a]})"
        return 0.0, ""


@lru_cache(maxsize=4)
def _families(ontology_text: str) -> PredicateFamilies:
    return PredicateFamilies(ontology_text)


@dataclass
class AlignMatch:
    """One existing claim a new claim may restate, contradict or update."""

    article_id: str
    claim_id: str
    quote: str
    speaker: str
    proposition: dict[str, Any]
    score: float
    relation: str                      # restates | contradicts | updates | related
    reasons: list[str] = field(default_factory=list)

    @property
    def claim_iri_label(self) -> str:
        return f"{self.article_id}.{self.claim_id}"

    def summary(self) -> str:
        p = self.proposition
        value = p.get("category") or p.get("object") or p.get("frame")
        if value is None and p.get("quantity"):
            q = p["quantity"]
            value = f"{q.get('amount', q.get('qualifier'))} {q.get('unit', '')}".strip()
        negative = " (not)" if p.get("polarity") == "negative" else ""
        scope = f" [{p['scope']}]" if p.get("scope") else ""
        return f"{p['subject']} {p['predicate']}{scope}{negative} {value}"

    def describe(self) -> str:
        quote = self.quote if len(self.quote) <= 90 else self.quote[:87] + "..."
        return (f"{self.relation} {self.claim_iri_label} ({self.score:.2f}): {self.summary()} "
                f"— {self.speaker}: “{quote}” [{'; '.join(self.reasons)}]")


@dataclass
class AlignRow:
    """A new claim and its ranked proposals."""

    claim_id: str
    quote: str
    proposition: dict[str, Any]
    matches: list[AlignMatch]


def _value_of(p: dict[str, Any]) -> str | None:
    return p.get("category") or p.get("object") or p.get("frame")


def _same_figure(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two quantities with the same amount and unit (a figure reported twice)."""
    return a.get("amount") is not None and a.get("amount") == b.get("amount") and a.get("unit") == b.get("unit")


def _relation(new: dict[str, Any], old: dict[str, Any], families: PredicateFamilies, same_subject: bool) -> str:
    """How the new proposition stands to the old one (when they are about the same thing)."""
    if not same_subject:
        return "related"
    same_predicate = new["predicate"] == old["predicate"]
    new_value, old_value = _value_of(new), _value_of(old)
    polarity_differs = new.get("polarity", "positive") != old.get("polarity", "positive")
    if new.get("quantity") and old.get("quantity") and same_predicate:
        a, b = new["quantity"].get("amount"), old["quantity"].get("amount")
        if a is not None and a == b:
            return "restates"
        same_time = str(new.get("time")) == str(old.get("time"))
        return "contradicts" if same_time else "updates"
    if same_predicate and new_value == old_value:
        return "contradicts" if polarity_differs else "restates"
    if (same_predicate and new_value and old_value and frozenset((new_value, old_value)) in families.incompatible) or \
            (new_value == old_value and frozenset((new["predicate"], old["predicate"])) in families.incompatible):
        return "contradicts" if not polarity_differs else "restates"
    return "related"


def _mentioned(quote: str, entities: dict[str, Entity]) -> set[str]:
    index = _index_for(tuple(sorted(entities)), entities)
    return {entity_id for match in index.find(quote) for entity_id in match.ids}


_INDEX_CACHE: dict[tuple[str, ...], Any] = {}


def _index_for(key: tuple[str, ...], entities: dict[str, Entity]):
    from claimgraph.extract.extractor import EntityIndex
    if key not in _INDEX_CACHE:
        _INDEX_CACHE.clear()
        _INDEX_CACHE[key] = EntityIndex(entities)
    return _INDEX_CACHE[key]


def _is_guess(claim: Claim) -> bool:
    from claimgraph.authoring.review import GUESS_MARKERS
    return claim.status == "draft" and any(marker in (claim.note or "") for marker in GUESS_MARKERS)


def _entity_score(hierarchy: Hierarchy, wanted: str | None, own: Iterable[str | None], mentioned: set[str],
                  role: str, trust: float = 1.0) -> tuple[float, str]:
    best, why = 0.0, ""
    for candidate in own:
        score = trust * hierarchy.relation(candidate, wanted)
        if score > best:
            best, why = score, (f"same {role} {wanted}" if score == 1.0 else f"{role} {candidate} within/over {wanted}")
    for candidate in mentioned:
        score = 0.8 * hierarchy.relation(candidate, wanted)
        if score > best:
            best, why = score, f"quote names {candidate} ({role} {wanted})"
    return best, why


def score_pair(new: Claim, new_quote_entities: set[str], old: Claim, hierarchy: Hierarchy,
               families: PredicateFamilies) -> tuple[float, str, list[str]]:
    """(score, relation, reasons) for a new claim against an existing one."""
    np_, op = new.proposition.model_dump(exclude_none=True), old.proposition.model_dump(exclude_none=True)
    reasons: list[str] = []
    trust = 0.5 if _is_guess(new) else 1.0      # a draft's guessed proposition counts half
    subject, why = _entity_score(hierarchy, op["subject"], [np_["subject"]], new_quote_entities, "subject", trust)
    if why:
        reasons.append(why)
    old_object = op.get("object")
    obj, why_obj = (0.0, "")
    if old_object:
        obj, why_obj = _entity_score(hierarchy, old_object, [np_.get("object")], new_quote_entities, "object", trust)
    elif op.get("quantity") and np_.get("quantity") and _same_figure(np_["quantity"], op["quantity"]):
        obj, why_obj = 1.0, f"same figure {op['quantity'].get('amount')} {op['quantity'].get('unit')}"
    elif _value_of(op) and _value_of(op) == _value_of(np_):
        obj, why_obj = 1.0, f"same value {_value_of(op)}"
    elif _value_of(op) and _value_of(np_) and frozenset((_value_of(op), _value_of(np_))) in families.incompatible:
        obj, why_obj = 0.9, f"{_value_of(np_)} against {_value_of(op)}"
    if why_obj:
        reasons.append(why_obj)
    predicate, why_pred = families.relation(np_["predicate"], op["predicate"])
    predicate *= trust
    if why_pred:
        reasons.append(why_pred)
    similarity = quote_similarity(new.quote, old.quote)
    if similarity >= 0.5:
        reasons.append(f"quotes {similarity:.0%} alike")
    if subject == 0 and obj == 0 and similarity < 0.6:
        return 0.0, "related", []
    score = (WEIGHTS["subject"] * subject + WEIGHTS["predicate"] * predicate + WEIGHTS["object"] * obj
             + WEIGHTS["quote"] * similarity)
    if similarity >= NEAR_VERBATIM:          # the same words reported twice: whatever the draft guessed
        score += WEIGHTS["quote"] * similarity
    if new.speaker == old.speaker and similarity >= 0.5:
        score += SAME_SPEAKER
        reasons.append(f"same speaker {old.speaker}")
    relation = _relation(np_, op, families, hierarchy.relation(np_["subject"], op["subject"]) > 0)
    return round(score, 3), relation, reasons


def align_corpus(corpus: Corpus, article_id: str, *, top: int = 5, min_score: float = MIN_SCORE) -> list[AlignRow]:
    """Rank, for every claim of ``article_id``, the other articles' claims it likely restates,
    contradicts or updates (their checked claims only; deprecated ones left out)."""
    try:
        article = corpus.article(article_id)
    except KeyError:
        raise CorpusError([Problem(f"annotations/{article_id}.yaml", 0, "",
                                   f"no annotated article {article_id!r} in the corpus")]) from None
    hierarchy = Hierarchy(corpus.entities)
    families = _families(corpus.ontology_text)
    others = [(other.id, claim) for other in corpus.articles if other.id != article_id
              for claim in other.annotation.claims if claim.status == "checked" and claim.deprecated is None]
    rows = []
    for claim in article.annotation.claims:
        if claim.status == "rejected":
            continue
        mentioned = _mentioned(claim.quote, corpus.entities)
        matches = []
        for other_id, old in others:
            score, relation, reasons = score_pair(claim, mentioned, old, hierarchy, families)
            if score >= min_score:
                matches.append(AlignMatch(other_id, old.id, old.quote, old.speaker,
                                          old.proposition.model_dump(exclude_none=True, mode="json"),
                                          score, relation, reasons))
        matches.sort(key=lambda m: (-m.score, m.article_id, m.claim_id))
        rows.append(AlignRow(claim.id, claim.quote, claim.proposition.model_dump(exclude_none=True, mode="json"),
                             matches[:top]))
    return rows


def align_article(corpus_root: Path, ontology_path: Path, article_id: str, *, top: int = 5,
                  min_score: float = MIN_SCORE) -> list[AlignRow]:
    """Load the corpus (drafts included) and align one article's claims with the rest."""
    corpus = load_corpus(Path(corpus_root), Path(ontology_path), include_drafts=True)
    return align_corpus(corpus, article_id, top=top, min_score=min_score)
