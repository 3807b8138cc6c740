"""Drafted propositions: a predicate from the words, a subject and object from the registry.

A proposition is guessed for a reviewer to accept as it is, so it follows
the annotation guide's conventions: the predicate comes from the first cue
in the quote (:data:`claimgraph.extract.lexicon.PREDICATE_CUES`, only
predicates the ontology has); what happens to forces ("stay", "withdraw",
"expel") has the registry's *presence topic* as subject (the topic whose
label reads "<force> military presence in <country>", chosen by the force
and country named in the sentence, or else in the article); a stance
("need", "oppose", "back") has its holder as subject and the thing wanted
or opposed as object; an event's status has the agreement, decision or
vote of the sentence. A subject never equals its object. When a part
cannot be guessed the proposition is a *placeholder*: it still validates,
but its note starts with :data:`PLACEHOLDER` and ``claimgraph check``
reports it until a person writes the proposition.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from rapidfuzz import fuzz

from claimgraph.extract.candidates import PLACEHOLDER, Candidate
from claimgraph.extract.lexicon import FORCES, NEGATION, PREDICATE_CUES, SUBJECT_LABEL_WORDS
from claimgraph.extract.text import fold

__all__ = ["PropositionRules", "presence_topics"]

_AGENTS = ("person", "anonymous", "organization", "government-body", "armed-group", "place")
#: The kinds of topic whose registry label reads "<force> <kind> in <country>".
TOPIC_KINDS = {"presence": r"(?:military\s+)?presence", "war": r"(?:war|occupation|involvement)(?:\s+and\s+\w+)?"}


def presence_topics(entities: dict, kind: str = "presence") -> dict[str, tuple[str, str]]:
    """Registry topics about forces somewhere (their presence, or their war): id -> (force, host) as labelled.

    Examples
    --------
    >>> from claimgraph.corpus.models import Entity
    >>> topics = [Entity(id="us-military-presence-in-iraq", type="topic", label="US military presence in Iraq"),
    ...           Entity(id="us-war-in-iraq", type="topic", label="US war and occupation in Iraq (2003-)")]
    >>> presence_topics({t.id: t for t in topics}), presence_topics({t.id: t for t in topics}, "war")
    ({'us-military-presence-in-iraq': ('US', 'Iraq')}, {'us-war-in-iraq': ('US', 'Iraq')})
    """
    label = re.compile(rf"^(?P<force>.*?)\s*(?:{TOPIC_KINDS[kind]})\s+in\s+(?:the\s+)?(?P<host>[^(]+?)\s*(?:\(.*\))?$",
                       re.IGNORECASE)
    found = {}
    for entity in entities.values():
        if entity.type != "topic":
            continue
        if match := label.match(entity.label.strip()):
            found[entity.id] = (match.group("force").strip(), match.group("host").strip())
    return found


def _word_prefix(names: list[str]) -> re.Pattern | None:
    """Any of the names at the start of a word ("Iraq" in "Iraqi", "America" in "American"); acronyms keep case."""
    long = sorted({re.escape(n) for n in names if len(n) > 3}, key=len, reverse=True)
    short = sorted({re.escape(n) for n in names if 2 <= len(n) <= 3}, key=len, reverse=True)
    parts = []
    if long:
        parts.append(rf"(?i:(?<![\w-])(?:{'|'.join(long)}))")
    if short:
        parts.append(rf"(?<![\w-])(?:{'|'.join(short)})(?![\w])")
    return re.compile("|".join(parts)) if parts else None


class PropositionRules:
    """Propositions for :class:`claimgraph.extract.extractor._Extractor` (mixed in)."""

    # ------------------------------------------------------------ the registry's names

    def names_of(self, entity_id: str) -> list[str]:
        entity = self.entities[entity_id]
        return [entity.label, *entity.aliases]

    def presence_index(self, kind: str = "presence") -> list[tuple[str, re.Pattern | None, re.Pattern | None, int]]:
        """(topic, force pattern, host pattern, broader count) for every topic of the kind, built once."""
        cache = self.__dict__.setdefault("_located", {})
        if kind not in cache:
            by_label = {}
            for entity in self.entities.values():
                for name in self.names_of(entity.id):
                    by_label.setdefault(fold(name), entity.id)
            index = []
            for topic, (force, host) in sorted(presence_topics(self.entities, kind).items()):
                patterns = []
                for name in (force, host):
                    known = by_label.get(fold(name))
                    names = self.names_of(known) if known else []
                    words = [name, *names] if name else []
                    if fold(name) in ("us-led coalition", "coalition"):
                        words.append("coalition")
                    patterns.append(_word_prefix([w for w in words if w]))
                index.append((topic, patterns[0], patterns[1], len(self.entities[topic].broader)))
            cache[kind] = index
        return cache[kind]

    def presence_subject(self, start: int, end: int, sentence: tuple[int, int], kind: str = "presence") -> str | None:
        """The registry's presence (or war) topic for the forces named at ``start:end`` (its sentence, else the
        article)."""
        index = self.presence_index(kind)
        if not index:
            return None
        quote, around = self.text[start:end], self.text[sentence[0]:sentence[1]]
        counts = self.__dict__.setdefault("_located_counts", {})
        for topic, force, host, _ in index:
            if topic not in counts:
                counts[topic] = (len(force.findall(self.text)) if force else 0, len(host.findall(self.text)) if host else 0)
        # a topic about a country the article never names is no guess: the caller leaves a placeholder
        index = [item for item in index if counts[item[0]][1]]
        if not index:
            return None

        def score(item: tuple) -> tuple:
            topic, force, host, broader = item
            named = any(start <= m.start and m.end <= end and topic in m.ids for m in self.mentions)
            local = sum(3 * bool(p and p.search(quote)) + bool(p and p.search(around)) for p in (force, host))
            foreign = bool(re.search(r"(?i)\bforeign\b", quote)) == (force is not None and
                                                                    bool(force.pattern.lower().count("foreign")))
            return (named, local, foreign, broader, sum(counts[topic]))
        return max(index, key=score)[0]

    def topic_with(self, words: str, start: int, end: int, exclude: set[str]) -> str | None:
        """A topic named in the span whose label has one of ``words``; else any topic named there."""
        named = [i for m in self.entities_in(start, end) for i in m.ids
                 if self.entities[i].type == "topic" and i not in exclude]
        fitting = [i for i in named if re.search(words, self.entities[i].label, re.IGNORECASE)]
        return (fitting or [None])[0]

    # ------------------------------------------------------------ predicate

    def predicate_cue(self, start: int, end: int) -> tuple[str, str | None, int, int] | None:
        """(predicate, category, where, cue end) of the first cue in the span the ontology allows."""
        content = fold(self.text[start:end])
        predicates = self.vocab("predicates") or {}
        categories = self.vocab("categories") or set()
        best = None
        for rank, (pattern, predicate, category) in enumerate(PREDICATE_CUES):
            needs_forces = category is not None and category.endswith("+forces")
            category = category.removesuffix("+forces") if category else None
            if predicates and predicate not in predicates:
                continue
            if category is not None and categories and category not in categories:
                continue
            for match in re.finditer(pattern, content):
                if needs_forces and not re.search(FORCES, content[max(0, match.start() - 80):match.end() + 80]):
                    continue
                key = (match.start(), rank)
                if best is None or key < best[0]:
                    best = (key, predicate, category, match.end())
                break
        if best is None:
            return None
        (where, _), predicate, category, cue_end = best
        return predicate, category, start + where, start + cue_end

    # ------------------------------------------------------------ the proposition

    def statement_proposition(self, candidate: Candidate) -> dict[str, Any]:
        """The proposition drafted for a statement or dated sentence (also sets placeholder and proposed ids)."""
        start, end = candidate.start, candidate.end
        sentence = self.sentence_at(start)
        speaker = candidate.proposed_speaker or candidate.speaker
        body = self.reported_start(candidate)
        cue = self.predicate_cue(body, end)
        if cue is None:
            return self.placeholder(candidate, body, end, "no predicate cue in the quote")
        predicate, category, at, cue_end = cue
        data: dict[str, Any] = {}
        if category is not None:
            subject = self.state_subject(predicate, body, end, (sentence.start, sentence.end))
            if subject is None:
                return self.placeholder(candidate, body, end, f"{predicate} {category}: no subject found",
                                        predicate=predicate, category=category)
            data = {"subject": subject, "predicate": predicate, "category": category}
            if predicate == "presence" and (scope := self.quantity_scope("troop-count", fold(self.text[body:end]))):
                data["scope"] = scope
        else:
            subject = self.holder_before(body, at, speaker)
            value = self.object_after(cue_end, end, subject, (sentence.start, sentence.end))
            if value is None:
                return self.placeholder(candidate, body, end, f"{predicate}: no object found", predicate=predicate,
                                        subject=subject)
            data = {"subject": subject, "predicate": predicate, "object": value}
        if NEGATION.search(fold(self.text[max(body, at - 40):at])):
            data["polarity"] = "negative"
        return self.settled(candidate, data)

    def reported_start(self, candidate: Candidate) -> int:
        """Where the reported words start: after "X said (that)" when the quote opens with its speaker."""
        head = self.text[candidate.start:candidate.end]
        match = re.search(r"(?i)\b(?:said|says|told \w+|announced|confirmed|stated|added|warned|argued|insisted)"
                          r"(?: on \w+)?(?: that)?\b", head)
        if match and match.start() < 120:
            return candidate.start + match.end()
        return candidate.start

    def state_subject(self, predicate: str, start: int, end: int, sentence: tuple[int, int]) -> str | None:
        if predicate == "presence":
            return self.presence_subject(start, end, sentence)
        words = SUBJECT_LABEL_WORDS.get(predicate, r".")
        named = self.topic_with(words, start, end, set()) or self.topic_with(words, *sentence, set())
        if named is not None or predicate != "status":
            return named or self.topic_by_head(words, sentence)
        if re.search(r"(?i)\b(?:war|occupation|involvement)\b", self.text[start:end]):
            return self.presence_subject(start, end, sentence, "war")
        return None

    def topic_by_head(self, words: str, sentence: tuple[int, int]) -> str | None:
        """A topic whose label shares the sentence's head noun ("resolution", "agreement") and reads most like it."""
        around = self.text[sentence[0]:sentence[1]]
        heads = {m.group(0).lower() for m in re.finditer(words, around, re.IGNORECASE)}
        if not heads:
            return None
        published = re.match(r"\d{4}", str(self.published.get("start", "") if isinstance(self.published, dict)
                                            else self.published))
        # an event dated in its id or label is the sentence's only if the sentence names its year, or the article
        # appeared within a year of it ("the 2008 agreement" in 2011; "the agreement" in 2024)
        years = set(re.findall(r"(?:19|20)\d{2}", around))
        if published:
            years |= {str(int(published.group(0)) + step) for step in (-1, 0, 1)}
        fitting = [e for e in self.entities.values() if e.type == "topic"
                   and heads & {m.group(0).lower() for m in re.finditer(words, e.label, re.IGNORECASE)}
                   and (not (dated := set(re.findall(r"(?:19|20)\d{2}", f"{e.id} {e.label}"))) or dated & years)]
        threshold = 40
        if len(fitting) > 1:               # several agreements: another word of the label must be there too
            words = set(re.findall(r"[a-z]{4,}", fold(around)))
            fitting = [e for e in fitting if len(words & set(re.findall(r"[a-z]{4,}", fold(e.label)))) >= 2]
            threshold = 50
        scored = [(fuzz.token_set_ratio(fold(e.label), fold(around)), e.id) for e in fitting]
        best = max(scored, default=None, key=lambda item: (item[0], [-ord(c) for c in item[1]]))
        return best[1] if best and best[0] >= threshold else None

    def holder_before(self, start: int, at: int, speaker: str) -> str:
        """The agent named last before the cue in its clause ("Iraq does not need"), else the speaker."""
        clause = max(self.text.rfind(sep, start, at) for sep in (",", ";", "“", "\"", " that "))
        clause = start if clause < 0 else clause
        def agents(begin: int) -> list[str]:
            return [i for m in self.entities_in(begin, at) for i in m.ids
                    if self.entities[i].type in _AGENTS and self.entities[i].type != "media-outlet"]
        named = agents(clause)
        if not named and re.search(r"(?i)\b(?:who|which)\b", self.text[clause:at]):
            named = agents(max(start, clause - 80))      # "Ahmed al-Asadi, a lawmaker who backed ...": the name before
        return named[-1] if named else speaker

    def object_after(self, start: int, end: int, subject: str, sentence: tuple[int, int]) -> str | None:
        """What the stance is about: forces named after the cue give the presence topic, else the first entity."""
        after = fold(self.text[start:end])
        first_entity = next((m for m in self.entities_in(start, end)
                             if any(i != subject and self.entities[i].type != "media-outlet" for i in m.ids)), None)
        forces = re.search(rf"\b{FORCES}\b", after)
        if forces and (first_entity is None or start + forces.start() <= first_entity.end + 12):
            topic = self.presence_subject(start, end, sentence)
            if topic and topic != subject:
                return topic
        if first_entity is not None:
            ids = [i for i in first_entity.ids if i != subject and self.entities[i].type != "media-outlet"]
            topics = [i for i in ids if self.entities[i].type == "topic"]
            return (topics or ids)[0]
        return None

    def placeholder(self, candidate: Candidate, start: int, end: int, why: str, *, predicate: str | None = None,
                    category: str | None = None, subject: str | None = None) -> dict[str, Any]:
        """A proposition that validates but is marked for the reviewer to write."""
        candidate.placeholder = True
        candidate.notes.insert(0, f"{PLACEHOLDER} {why}, write subject, predicate and value")
        speaker = subject or candidate.speaker
        if category is not None and predicate is not None:
            topic = self.topic_with(r".", start, end, set()) or self.salient_topic({speaker})
            if topic:
                return {"subject": topic, "predicate": predicate, "category": category}
        predicates = self.vocab("predicates") or {}
        if predicate is None or predicates.get(predicate, "object") != "object":
            predicate = "supports" if predicates.get("supports", "object") == "object" else \
                next(p for p, kind in sorted(predicates.items()) if kind == "object")
        value = self.topic_with(r".", start, end, {speaker}) or self.salient_topic({speaker})
        if value is None:
            value = next(i for i in sorted(self.entities) if i != speaker)
        return {"subject": speaker if speaker in self.entities else candidate.speaker, "predicate": predicate,
                "object": value}

    def salient_topic(self, exclude: set[str]) -> str | None:
        """The topic the article names most often."""
        counts = Counter(i for m in self.mentions for i in m.ids if self.entities[i].type == "topic" and i not in exclude)
        return min(counts, key=lambda i: (-counts[i], i)) if counts else None

    def settled(self, candidate: Candidate, data: dict[str, Any]) -> dict[str, Any]:
        """Proposed ids stay out of the YAML (it names registry entities only); subject never equals object."""
        if data.get("subject") == candidate.proposed_speaker and candidate.proposed_speaker:
            candidate.proposed_subject = candidate.proposed_speaker
            data["subject"] = candidate.speaker
        if data.get("object") is not None and data["object"] == (candidate.proposed_subject or data["subject"]):
            return self.placeholder(candidate, candidate.start, candidate.end, "subject and object are the same")
        return data
