"""The rule-based draft extractor: candidate claims from an article's text.

Nothing here is a model: every candidate comes from a regular-expression
rule that a reviewer can read and predict, and nothing is downloaded.
Three kinds of candidate come out, each a draft claim for a person to
check (``claimgraph review``):

``statement``
    Reported speech: "X said (that) ...", "... , X said.", quoted speech
    with its speaker, "told AP", "confirmed to Reuters", "according to X",
    "the Times wrote", "X's spokesman", "X's pledge to ...", a headline
    "X: ...", an embedded tweet. The speaker is resolved against the entity
    registry (labels and aliases, case-insensitive; acronyms
    case-sensitive); a pronoun or "the minister" goes to the last speaker.
    A name the registry lacks becomes a *proposed entity*. The audience
    of "told"/"confirmed to" is an intermediary when it is a media outlet,
    and a statement inside another statement's reported words inherits
    the outer speaker as an intermediary ("According to the AP, Maliki
    told ..." -> speaker Maliki, via AP).
``quantity``
    Every figure (:func:`claimgraph.corpus.mentions.find_quantities`) with its
    qualifier mapped to a :mod:`claimgraph.corpus.interval` qualifier, its amount or
    range, and its unit (persons, USD, seats, percent, years, ...), plus
    comparatives ("much greater") read against the figure before them.
``date``
    Every date or time expression (:func:`claimgraph.corpus.mentions.find_dates`)
    normalised against the publication date (:func:`normalise_date`). A
    date inside a statement or next to a figure becomes that candidate's
    ``said_on``, ``time`` or ``deadline``; any other date gets a candidate of
    its own on its sentence, attributed to the author.

Every candidate's proposition validates (subject, property and value are
guessed from the words, and the ``note`` says what to check), so a draft
file loads with ``include_drafts=True``.

The work is split by job; this module runs them in order (:func:`extract`)
and re-exports their public names:

- :mod:`~claimgraph.extract.text`: folding, slugs, sentences and datelines;
- :mod:`~claimgraph.extract.entities`: registry names (and their trivial variants) in a text;
- :mod:`~claimgraph.extract.dates`: date expressions read against the publication date;
- :mod:`~claimgraph.extract.quantities`: figures read into amount, qualifier and unit;
- :mod:`~claimgraph.extract.lexicon`: the fixed word lists (reporting verbs, titles, group nouns);
- :mod:`~claimgraph.extract.speakers`: resolving speaker phrases, proposing unknown names;
- :mod:`~claimgraph.extract.speech`: the reported-speech rules;
- :mod:`~claimgraph.extract.figures`: figure and date candidates;
- :mod:`~claimgraph.extract.propositions`: the drafted propositions (predicate, subject, object);
- :mod:`~claimgraph.extract.candidates`: the :class:`Candidate` and :class:`Draft` it returns.
"""

from __future__ import annotations

from typing import Any

from claimgraph.corpus.mentions import Mention, find_dates, find_quantities
from claimgraph.corpus.models import Entity
from claimgraph.extract.candidates import Candidate, Draft
from claimgraph.extract.dates import DateReading, normalise_date
from claimgraph.extract.entities import AGENT_TYPES, EntityIndex, EntityMatch, name_variants
from claimgraph.extract.figures import FigureRules
from claimgraph.extract.propositions import PropositionRules
from claimgraph.extract.quantities import QuantityReading, read_quantity
from claimgraph.extract.speakers import SpeakerRules
from claimgraph.extract.speech import SpeechRules
from claimgraph.extract.text import Sentence, header_spans, sentences, slug


__all__ = ["AGENT_TYPES", "Candidate", "DateReading", "Draft", "EntityIndex", "EntityMatch", "Mention", "QuantityReading",
           "Sentence", "extract", "name_variants", "normalise_date", "read_quantity", "sentences", "slug"]


class _Extractor(SpeakerRules, SpeechRules, FigureRules, PropositionRules):
    """One article's extraction: statements first (they give figures and dates their speaker), then the rest."""

    def __init__(self, text: str, *, published: str | dict, publisher: str, authors: list[str],
                 entities: dict[str, Entity], vocabulary: Any):
        self.text = text
        self.published = published
        self.publisher = publisher
        self.authors = list(authors)
        self.own = set(self.authors) | {publisher}
        self.author = self.authors[0] if len(self.authors) == 1 else publisher
        self.entities = entities
        self.index = EntityIndex(entities)
        self.vocabulary = vocabulary
        self.sentences = sentences(text)
        self.proposals: dict[str, dict[str, Any]] = {}
        self.proposal_names: dict[str, str] = {}   # folded alias -> proposal id
        self.statements: list[Candidate] = []
        self.last_person: tuple[str, str | None] | None = None
        self.last_group: tuple[str, str | None] | None = None
        self.last_speaker: tuple[str, str | None, list[str]] | None = None
        self.mentions = self.index.find(text)
        self.pending_via: list[tuple[str | None, int]] = []
        self.proposal_seen: dict[str, int] = {}

    def vocab(self, name: str) -> Any:
        return getattr(self.vocabulary, name, None) if self.vocabulary is not None else None

    def sentence_at(self, position: int) -> Sentence:
        for sentence in self.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return min(self.sentences, key=lambda s: abs(s.start - position)) if self.sentences else Sentence(0, len(self.text), 0)

    def entities_in(self, start: int, end: int) -> list[EntityMatch]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Strip spaces, quote marks and closing punctuation from a span."""
        strip_left = " \u00a0\t,;:—–-\"“”‘’'("
        while start < end and self.text[start] in strip_left:
            start += 1
        while end > start and self.text[end - 1] in " \u00a0\t,;:—–-\"“”‘’'.)" + "":
            end -= 1
        if end > start and self.text[end - 1] in "?!" and end - start < 3:
            end -= 1
        span = self.text[start:end]
        if span.count("“") > span.count("”") and self.text[end:end + 1] == "”":
            end += 1                       # keep a quotation closed: ... called the walkout “unnecessary”
        return start, end

    def run(self) -> Draft:
        self.find_statements()
        dates = find_dates(self.text)
        date_readings: dict[tuple[int, int], DateReading | None] = {}
        for mention in dates:
            sentence = self.sentence_at(mention.start)
            before = self.text[sentence.start:mention.start]
            after = self.text[mention.end:sentence.end]
            date_readings[(mention.start, mention.end)] = normalise_date(mention.text, self.published,
                                                                         before=before, after=after)
        self.all_dates, self.readings = dates, date_readings
        candidates: list[Candidate] = []
        for statement in self.statements:
            statement.proposition = self.statement_proposition(statement)
            self.attach_dates(statement, dates, date_readings)
            if statement.proposed_speaker or statement.speaker not in self.own:
                candidates.append(statement)
            else:
                statement.kind = "date" if statement.dates else "statement"
                candidates.append(statement)
        quantity_candidates = self.quantities(dates, date_readings)
        candidates += quantity_candidates
        for mention in dates:
            span = (mention.start, mention.end)
            if date_readings.get(span) is None:
                continue
            # a date outside every drafted quote gets its own candidate, so every date lies in a claim's quote
            if any(c.start <= mention.start and mention.end <= c.end for c in candidates):
                continue
            candidates.append(self.date_candidate(mention, date_readings[span]))
        for candidate in candidates:
            self.finish(candidate)
        head = header_spans(self.text)          # an address, byline, stamp or dateline is never a claim
        candidates = [c for c in candidates if not any(s <= c.start < e or s < c.end <= e for s, e in head)]
        candidates.sort(key=lambda c: (c.start, -c.end, c.kind))
        unique: list[Candidate] = []
        seen = set()
        for candidate in candidates:
            key = (candidate.start, candidate.end, candidate.kind, candidate.speaker, candidate.proposed_speaker)
            if key not in seen:
                seen.add(key)
                unique.append(candidate)
        reason = "the article's head (address, byline, publication stamp or dateline), not a claim"
        exclusions = [(m.start, m.end, reason) for m in [*dates, *find_quantities(self.text, dates)]
                      if any(s <= m.start and m.end <= e for s, e in head)]
        return Draft(unique, list(self.proposals.values()), sorted(set(exclusions)))


def extract(text: str, *, published: str | dict, publisher: str, authors: list[str] | None = None,
            entities: dict[str, Entity], vocabulary: Any = None) -> Draft:
    """Draft candidate claims for one article text.

    ``published`` is the annotation's publication date; ``publisher`` and
    ``authors`` are entity ids (the author's own sentences are attributed
    to the author, or to the publisher when there is not exactly one);
    ``vocabulary`` is a :class:`claimgraph.corpus.vocabulary.Vocabulary` so every
    drafted term exists in the ontology.

    Examples
    --------
    >>> from claimgraph.corpus.models import Entity
    >>> registry = {e.id: e for e in [
    ...     Entity(id="gazette", type="media-outlet", label="The Gazette"),
    ...     Entity(id="reuters", type="media-outlet", label="Reuters"),
    ...     Entity(id="ana-ruiz", type="person", label="Ana Ruiz", aliases=["Ruiz"])]}
    >>> draft = extract("Ana Ruiz told Reuters on Monday that about 300 workers would leave by the end of the year.",
    ...                 published="2025-03-13", publisher="gazette", entities=registry)
    >>> [(c.kind, c.speaker, c.via, c.quote) for c in draft.candidates]
    [('statement', 'ana-ruiz', ['reuters'], 'Ana Ruiz told Reuters on Monday that about 300 workers would leave by the end of the year'), ('quantity', 'ana-ruiz', ['reuters'], 'about 300 workers')]
    >>> statement, figure = draft.candidates
    >>> statement.said_on, statement.proposition["deadline"], figure.proposition["quantity"]
    ('2025-03-10', '2025-12-31', {'amount': 300, 'qualifier': 'about', 'unit': 'persons'})
    """
    return _Extractor(text, published=published, publisher=publisher, authors=authors or [], entities=entities,
                      vocabulary=vocabulary).run()
