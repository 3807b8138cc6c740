"""Reported speech: the statement rules ("X said", quotations, "according to", tweets ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from claimgraph.corpus.mentions import find_dates
from claimgraph.extract.candidates import Candidate
from claimgraph.extract.lexicon import (
    ACCUSING, AMBIGUOUS, AUX_TAIL, MODALITY_BY_VERB, NAME_RUN, PRONOUNS, SAY_RE, TIME_ADVERB
)
from claimgraph.extract.text import Sentence, fold, Shift


class SpeechRules:
    """Statement rules for :class:`claimgraph.extract.extractor._Extractor`."""

    def add_statement(self, content: tuple[int, int], speaker: str | None, proposal: str | None, name: str,
                      verb: str, rule: str, via: list[str], said_on_span: tuple[int, int] | None = None,
                      remember: bool = True, speaker_at: int | None = None) -> Candidate | None:
        start, end = self.trim(*content)
        if end - start < 12 or not re.search(r"[A-Za-z]{3}", self.text[start:end]):
            return None
        if speaker is not None and self.entities[speaker].type == "topic":
            return None                                  # "the letter added ...": a thing, not a speaker
        if proposal is not None:
            self.proposal_seen[proposal] = start
        notes = [f"drafted by rule '{rule}'"]
        real_via = self.chain(via, start, speaker, proposal, name, notes)
        speaker_id = speaker
        if speaker is None:
            speaker_id = self.author
            notes.append(f"speaker '{self.proposals[proposal]['label']}' is not in the registry (proposed as {proposal}); "
                         "set speaker once it is added" if proposal else f"speaker not recognised from “{name}”; set speaker")
        if remember:
            self.remember(speaker, proposal, real_via)
        candidate = Candidate("statement", start, end, self.text[start:end], speaker_id, via=list(real_via),
                              rule=rule, speaker_name=name, proposed_speaker=proposal, notes=notes, speaker_at=speaker_at)
        candidate.modality = self.modality(verb, start, end, speaker_id)
        candidate.hedge = self.hedge(start, end)
        if said_on_span:
            candidate.dates.append(said_on_span)
        self.statements.append(candidate)
        return candidate

    def chain(self, via: list[str], start: int, speaker: str | None, proposal: str | None, name: str,
              notes: list[str]) -> list[str]:
        """The intermediaries of a statement starting at ``start`` (notes say where they came from)."""
        # the author's own outlet is not an intermediary between the author and the speaker
        real_via = [v for v in via if not v.startswith("?") and v not in self.own]
        paragraph = self.sentence_at(start).paragraph
        for source, target in self.pending_via:          # "Reuters reports the following statement:"
            if target == paragraph and source and source not in real_via and source not in self.own:
                real_via.insert(0, source)
                notes.append("intermediary from the sentence introducing this paragraph")
        previous = self.last_speaker
        if not real_via and previous and previous[2] and fold(name).strip() in PRONOUNS \
                and (speaker, proposal) == (previous[0], previous[1]):
            real_via = list(previous[2])                 # "“...,” he said" after "X told Reuters ..."
            notes.append("intermediary carried over from the speaker's previous statement")
        for pending in (v[1:] for v in via if v.startswith("?")):
            notes.append(f"intermediary '{self.proposals[pending]['label']}' is not in the registry "
                         f"(proposed as {pending}); add it to via once it is")
        return real_via

    def modality(self, verb: str, start: int, end: int, speaker: str) -> str:
        verb = verb.lower()
        content = fold(self.text[start:end])
        modality = "asserted"
        for pattern, name in MODALITY_BY_VERB:
            if re.search(pattern, verb):
                modality = name
                break
        if modality == "reported" and self.entities.get(speaker) is not None and \
                self.entities[speaker].type != "media-outlet":
            modality = "asserted"
        if modality == "asserted":
            if re.search(r"\b(?:plans? to|planned|intends? to|is set to|are set to|scheduled|to be announced)\b", content):
                modality = "planned"
            elif re.search(r"\b(?:will|would|'ll|is likely|are likely|expected to|going to|could|may|might)\b", content):
                modality = "predicted"
        modalities = self.vocab("modalities")
        return modality if not modalities or modality in modalities else "asserted"

    def hedge(self, start: int, end: int) -> str | None:
        content = fold(self.text[start:end])
        options = [(r"\bvirtually all\b", "virtually-all"), (r"\balmost all\b|\bnearly all\b", "almost-all"),
                   (r"\bapparently\b", "apparently"), (r"\blikely\b", "likely"),
                   (r"\bestimated\b|\bby some estimates\b|\bbelieved to\b", "estimated"),
                   (r"\bonly if\b|\bunless\b|\bprovided that\b|\bif\b", "conditional"),
                   (r"\bmay\b|\bmight\b|\bpossibly\b|\bperhaps\b", "possibly")]
        hedges = self.vocab("hedges")
        for pattern, name in options:
            if re.search(pattern, content) and (not hedges or name in hedges):
                return name
        return None

    def find_statements(self) -> None:
        for index, sentence in enumerate(self.sentences):
            before = len(self.statements)
            self.sentence_statements(sentence, index)
            if len(self.statements) == before:
                self.unattributed_quote(sentence, index)
        self.tweets()
        self.continuations()
        self.nest()

    def sentence_statements(self, sentence: Sentence, index: int) -> None:
        text = self.text
        s, e = sentence.start, sentence.end
        body = text[s:e]
        # Headline "Obama: All US troops ..." in the first lines.
        if sentence.paragraph <= 2 and (m := re.match(r"([A-Z][\w’'. -]{1,40}):[ \u00a0]+(\S.{10,})$", body)):
            speaker = self.exact_entity(m.group(1), s)
            if speaker:
                self.add_statement((s + m.start(2), e), speaker, None, m.group(1), "said", "headline X: ...", [])
                return
        # According to X, ... / ..., according to X.
        if m := re.search(r"(?i)\baccording to[ \u00a0]+", body):
            self.according(sentence, m)
            return
        before = len(self.statements)
        # Nominal: X's pledge to ..., X's position has been to ..., X's recent statements about ...
        if m := re.search(r"((?:[A-Z][\w’'.-]*[ \u00a0]+){0,4}[A-Z][\w’'.-]*(?:’s|'s)|\b(?:[Hh]is|[Hh]er|[Tt]heir))"
                          r"[ \u00a0]+((?:recent[ \u00a0]+|public[ \u00a0]+|own[ \u00a0]+)?(?:pledges?|promises?|position|demands?|"
                          r"statements?|vows?|warnings?|calls?|assurances?|insistence|threats?))"
                          r"(?=[ \u00a0]+(?:to|that|about|for)\b|(?:[ \u00a0]+[a-z]+){0,3}[ \u00a0]+(?:has|had)[ \u00a0]+been[ \u00a0]+to\b)",
                          body):
            owner = re.sub(r"(’s|'s)$", "", m.group(1))
            speaker, proposal, name = self.resolve_name(owner, s + m.start(1))
            if speaker or proposal:
                clause_end = re.search(r"[,;—](?=[ \u00a0])|(?<![A-Z])\.(?=[ \u00a0]|$)| but ", body[m.end():])
                stop = s + m.end() + (clause_end.start() if clause_end else len(body) - m.end())
                start = s + m.start(1)
                if stop - start < 20:
                    stop = e
                self.add_statement((start, stop), speaker, proposal, name, m.group(2), "X's pledge/statement", [],
                                   speaker_at=s + m.start(1))
        verbs = [v for v in SAY_RE.finditer(body) if self.verb_ok(body, v)]
        quotes = self.quotations(s, e)
        for verb in verbs:
            self.verb_statement(sentence, verb, quotes)
        made = sorted(self.statements[before:], key=lambda c: c.start)
        for first in made:                              # "X said A, and Y said B": A ends before Y
            for second in made:
                if second is first or second.speaker_at is None or not (first.start < second.speaker_at < first.end):
                    continue
                joint = r"(?:,[ \u00a0]*(?:and|but|while|whereas)|;)[ \u00a0]*$"
                if second.rule == "..., noting that ..." or (second.rule == "“...,” X said" and second.end <= second.speaker_at):
                    joint = r"[,—–][ \u00a0]*$"          # "..., noting that" / "A demanded B, the Times wrote"
                gap = re.search(joint, text[first.start:second.speaker_at])
                if gap:
                    first.end = self.trim(first.start, first.start + gap.start())[1]
                    first.quote = text[first.start:first.end]

    def verb_ok(self, body: str, verb: Any) -> bool:
        """Whether a reporting verb is used as one (not "the reports", "was reported", "maintains support")."""
        word = verb.group(0).lower()
        before = body[:verb.start()].rstrip()
        previous = re.search(r"(\S+)$", before)
        previous_word = fold(previous.group(1)) if previous else ""
        after = body[verb.end():]
        if word == "demand":
            return previous_word == "to"
        if word in ("say", "tell"):
            return previous_word in ("they", "we", "i", "you") or bool(re.search(r"(?i)\b(?:officials|sources|analysts|"
                                                                                    r"experts|diplomats|lawmakers)$", before))
        if previous_word in ("the", "a", "an", "these", "those", "its", "such", "his", "her", "their", "of", "to",
                             "our", "your", "my", "whose", "any", "no", "new", "recent", "earlier"):
            return False
        if previous_word in ("is", "are", "was", "were", "be", "been", "being") and "adamant" not in word \
                and not word.endswith("ing"):
            return False
        if word in ("added", "adds") and re.match(r"[ \u00a0]+to\b", after):
            return False
        if word in ACCUSING:
            return bool(re.search(r"\b(?:with|of|for|that)\b", after[:80]))
        if word in AMBIGUOUS:
            return bool(re.match(r"[ \u00a0]*(?:that\b|[,.:;“\"]|$)|[ \u00a0]+the[ \u00a0]+following\b|[ \u00a0]+(?:on[ \u00a0]+)?(?:Monday|Tuesday|Wednesday|"
                                 r"Thursday|Friday|Saturday|Sunday)\b", after))
        return True

    def verb_statement(self, sentence: Sentence, verb: Any, quotes: list[tuple[int, int]]) -> bool:
        """One speech verb in a sentence: find who speaks and which words are theirs."""
        v = _Verb.at(self, sentence, verb, quotes)
        if v is None:
            return False                                      # a verb inside the quoted words
        after_quote = re.search(r"[”\"][ \u00a0]*((?:[^”\"“,]|,(?=[^”\"“]*,))*?)[ \u00a0]*$", v.pre) \
            if v.quotes_before else None
        prepositional = re.match(r"[ \u00a0,]*(?:at|in|on|from|during|after|before|shortly|speaking|while)\b", v.rest)
        if self.trailing(v, after_quote) or (after_quote is not None and (not after_quote.group(1).strip()
                                                                           or prepositional)):
            return self.speaker_after(v, after_quote)         # A: “Q,” said X, a ...  B: “Q,” X said.  C: Q, X said.
        return self.speaker_before(v)                         # D: X said (that) ... / X told AP that ...

    @staticmethod
    def trailing(v: "_Verb", after_quote: re.Match | None) -> bool:
        """Whether the words before the verb are the statement ("..., X said." with little after it)."""
        rest_words = len(re.findall(r"[A-Za-z]+", v.rest))
        trailing = not re.search(r"[“\"]", v.rest) and (rest_words <= 4 or (
            rest_words <= 12 and re.match(r"[ \u00a0,]*(?:at|in|on|from|during|after|before|shortly|speaking|while)\b",
                                          v.rest)))
        if re.search(r"(?i)\b(?:will|would|is|are|was|were|has|have|had|could|can|may|might|should|must|to)\b", v.rest):
            return False               # "..., a project the union says will cost 300 jobs": the words follow
        if trailing and after_quote is None and not re.search(r"(?:,|—|–|;)[ \u00a0]*[^,—–;]+$", AUX_TAIL.sub("", v.pre)):
            return False               # "The union and the board have long charged the ministry with delay."
        return bool(trailing)

    def speaker_after(self, v: "_Verb", after_quote: re.Match | None) -> bool:
        """The speaker named after the verb or between the quote and the verb; the words are before."""
        text, s, e = self.text, v.sentence.start, v.sentence.end
        if after_quote is not None and not after_quote.group(1).strip():
            named = re.match(r"[ \u00a0]*([^,.;“\"]+(?:,[^.;“\"]+?(?=,|\.|$))?)", text[v.rest_start:e])
            if not named or not named.group(1).strip():
                return False
            speaker_text, speaker_at = named.group(1), v.rest_start + named.start(1)
        elif after_quote is not None:
            speaker_text, speaker_at = after_quote.group(1), s + after_quote.start(1)
        else:
            clause = re.search(r"(?:,|—|–|;)[ \u00a0]*([^,—–;]*)$", AUX_TAIL.sub("", v.pre))
            if not clause or not clause.group(1).strip():
                return False
            speaker_text, speaker_at = clause.group(1), s + clause.start(1)
        if len(speaker_text.split(",")[0].split()) > 14:
            return False
        content = (v.quotes_before[0][0], v.quotes_before[-1][1]) if v.quotes_before else (s, speaker_at)
        if not v.quotes_before and v.said_on_span and v.said_on_span[0] >= v.verb_end:
            content = (s, v.said_on_span[1])        # "..., officials said Sunday": the date the words were said
        made = False
        for speaker, proposal, name, at in self.resolve_speakers(AUX_TAIL.sub("", speaker_text), speaker_at):
            made |= self.add_statement(content, speaker, proposal, name, v.word, "“...,” X said", v.via,
                                       v.said_on_span, speaker_at=at) is not None
            for extra in v.quotes_after:
                self.add_statement(extra, speaker, proposal, name, v.word, "“...,” X said, “...”", v.via,
                                   v.said_on_span, speaker_at=at)
        return made

    def speaker_before(self, v: "_Verb") -> bool:
        """X said (that) ...: the speaker is the verb's subject, the words follow."""
        text, s, e = self.text, v.sentence.start, v.sentence.end
        participle = v.word.lower().endswith("ing") and v.pre.rstrip().endswith(",")
        subject_text, subject_at, rule = _verb_subject(v.pre, s, participle)
        words = subject_text.split()
        if not words or len(words) > 14 or re.search(r"\b(?:that|which|who|whether|if)\b", fold(subject_text)):
            return False
        leading_date = None
        said_on_span = v.said_on_span
        if said_on_span is None and len(text[s:subject_at].split()) <= 8:
            for date in find_dates(text[s:subject_at]):       # "In Washington on Friday, Pentagon officials said"
                said_on_span = leading_date = (s + date.start, s + date.end)
        lead = re.match(r"[ \u00a0,:]*(?:that[ \u00a0]+(?![a-z]+[ \u00a0][“\"]))?", v.rest)
        content_start = v.rest_start + (lead.end() if lead else 0)
        later_quotes = [q for q in v.quotes if q[0] >= content_start - 1]
        speakers = self.resolve_speakers(subject_text, subject_at)
        if later_quotes and later_quotes[0][0] - content_start <= 2:
            content = (later_quotes[0][0], later_quotes[-1][1])
        elif speakers and not participle:
            # keep "X said" in the quote (it names the speaker), and "on Friday," before it (it dates the saying)
            content = (min([at for *_, at in speakers] + ([leading_date[0]] if leading_date else [])), e)
        else:
            content = (content_start, e)
        if text[s:e].rstrip().endswith(":") and not later_quotes:
            paragraph = self.next_paragraph_after(v.sentence)
            if paragraph is not None and speakers:
                self.pending_via.append((speakers[0][0], paragraph))
                return True
        made = False
        for speaker, proposal, name, at in speakers:
            made |= self.add_statement(content, speaker, proposal, name, v.word, rule, v.via, said_on_span,
                                       speaker_at=v.verb_start if participle else at) is not None
        return made

    def quotations(self, start: int, end: int) -> list[tuple[int, int]]:
        """Quoted passages (inside the marks) in a span."""
        spans = []
        body = self.text[start:end]
        for m in re.finditer(r"“([^”]{3,})”|\"([^\"]{3,})\"", body):
            group = 1 if m.group(1) is not None else 2
            spans.append((start + m.start(group), start + m.end(group)))
        # a quote opened in this sentence and closed in a later one of the same paragraph
        if not spans and (m := re.search(r"“([^”]{3,})$", body)):
            spans.append((start + m.start(1), end))
        return spans

    def next_paragraph_after(self, sentence: Sentence) -> int | None:
        later = [x.paragraph for x in self.sentences if x.paragraph > sentence.paragraph]
        return min(later) if later else None

    def date_within(self, start: int, end: int) -> tuple[int, int] | None:
        for mention in find_dates(self.text[start:end]):
            return start + mention.start, start + mention.end
        return None

    def according(self, sentence: Sentence, m: re.Match) -> None:
        s, e = sentence.start, sentence.end
        body = self.text[s:e]
        after = body[m.end():]
        name_match = re.match(r"([^,.;]+)", after)
        if not name_match:
            return
        source_text = name_match.group(1)
        source_text = re.split(r",| as well as ", source_text)[0]
        speaker, proposal, name = self.resolve_name(source_text, s + m.end())
        if m.start() <= 2:            # According to X, CONTENT.
            content = (s + m.end() + len(name_match.group(1)), e)
            before = len(self.statements)
            via = [speaker] if speaker and speaker not in self.own else []
            self.remember(speaker, proposal, [])
            # a named speaker inside ("According to the AP, Maliki told ...") gets the source as intermediary
            inner = [v for v in SAY_RE.finditer(self.text, content[0], e) if self.verb_ok(body, Shift(v, s))]
            made_inner = False
            if inner:
                quotes = self.quotations(content[0], e)
                for verb in inner:
                    shifted = Shift(verb, s)
                    if self.verb_statement(Sentence(s, e, sentence.paragraph), shifted, quotes):
                        made_inner = True
                        break
                for candidate in self.statements[before:] if via else []:
                    candidate.via = via + [v for v in candidate.via if v not in via]
                    candidate.notes.append(f"intermediary from 'according to {name}'")
            if not made_inner:
                self.add_statement(content, speaker, proposal, name, "reported" if via else "said",
                                   "according to X, ...", [])
        else:                          # CONTENT, according to X.
            self.add_statement((s, s + m.start()), speaker, proposal, name, "reported" if speaker and
                               self.entities[speaker].type == "media-outlet" else "said", "..., according to X", [])
            more = re.split(r",| as well as | and ", after[len(source_text):])
            for extra in more:
                extra = extra.strip(" .,")
                if len(extra) > 2 and re.match(r"[A-Z]", extra):
                    at = s + body.find(extra, m.end())
                    other, other_proposal, other_name = self.resolve_name(extra, at)
                    if other or other_proposal:
                        self.add_statement((s, s + m.start()), other, other_proposal, other_name, "said",
                                           "..., according to X and Y", [])

    def unattributed_quote(self, sentence: Sentence, index: int) -> None:
        """A sentence that is all quotation, next to a statement by a known speaker."""
        body = self.text[sentence.start:sentence.end].strip()
        if not re.match(r"^[“\"]", body) or self.last_speaker is None:
            return
        previous = [c for c in self.statements if c.end <= sentence.start]
        if not previous:
            return
        last = previous[-1]
        last_sentence = self.sentence_at(last.start)
        if sentence.paragraph - last_sentence.paragraph > 1:
            return
        quotes = self.quotations(sentence.start, sentence.end)
        if not quotes:
            return
        speaker_id = last.speaker if last.proposed_speaker is None else None
        self.add_statement((quotes[0][0], quotes[-1][1]), speaker_id, last.proposed_speaker, last.speaker_name,
                           "said", "quote next to X's words", list(last.via))

    def tweets(self) -> None:
        """An embedded tweet: '— Name (@handle) Month D, YYYY' with the tweet's lines around it."""
        for m in re.finditer(r"(?m)^[—–-][ \u00a0]*([^(\n]+?)[ \u00a0]*\((@\w+)\)[^\n]*$", self.text):
            handle = m.group(2)
            found = self.index.find(self.text, m.start(2), m.end(2)) or self.index.find(self.text, m.start(1), m.end(1))
            speaker = self.index.pick(found[0].ids) if found else None
            proposal = None if speaker else self.propose(m.group(1).strip(), "organization", aliases=[handle])
            date_span = None
            for date in find_dates(m.group(0)):
                date_span = (m.start() + date.start, m.start() + date.end)
            lines = []
            previous_end = m.start() - 1
            previous_start = self.text.rfind("\n", 0, previous_end) + 1
            lines.append((previous_start, previous_end))
            next_start = m.end() + 1
            next_end = self.text.find("\n", next_start)
            next_end = len(self.text) if next_end < 0 else next_end
            if "pic.twitter.com" in self.text[next_start:next_end] or "t.co/" in self.text[next_start:next_end]:
                body_end = self.text.find("pic.twitter.com", next_start, next_end)
                lines.append((next_start, body_end if body_end > 0 else next_end))
            for start, end in lines:
                if not any(c.start <= start < c.end for c in self.statements):
                    self.add_statement((start, end), speaker, proposal, m.group(1).strip(), "tweeted",
                                       "embedded tweet", [], date_span)

    def continuations(self) -> None:
        """Sentences between two statements of one speaker in one paragraph are that speaker's too."""
        by_paragraph: dict[int, list[Candidate]] = {}
        for candidate in self.statements:
            by_paragraph.setdefault(self.sentence_at(candidate.start).paragraph, []).append(candidate)
        for paragraph, items in by_paragraph.items():
            items = sorted(items, key=lambda c: c.start)
            for first, second in zip(items, items[1:]):
                if (first.speaker, first.proposed_speaker) != (second.speaker, second.proposed_speaker):
                    continue
                for sentence in self.sentences:
                    if sentence.paragraph == paragraph and first.end < sentence.start and sentence.end <= second.start \
                            and not any(c.start < sentence.end and sentence.start < c.end for c in self.statements):
                        speaker = None if first.proposed_speaker else first.speaker
                        made = self.add_statement((sentence.start, sentence.end), speaker, first.proposed_speaker,
                                                  first.speaker_name, "said", "between two statements of X",
                                                  list(first.via), remember=False)
                        if made:
                            made.modality = self.modality("reported" if self.entities.get(first.speaker) and
                                                          self.entities[first.speaker].type == "media-outlet"
                                                          else "said", made.start, made.end, made.speaker)

    def nest(self) -> None:
        """A statement inside another's words: the outer speaker is an intermediary; drop exact wrappers."""
        keep = []
        for outer in sorted(self.statements, key=lambda c: (c.start, -c.end)):
            inner = [c for c in self.statements if c is not outer and outer.start <= c.start and c.end <= outer.end
                     and (c.end - c.start) < (outer.end - outer.start)]
            for item in inner:
                if outer.proposed_speaker is None and outer.speaker not in item.via and outer.speaker != item.speaker \
                        and outer.speaker not in self.own:
                    item.via = list(outer.via) + [outer.speaker] + [v for v in item.via if v not in outer.via]
                    item.notes.append("intermediary from the statement around it")
            covered = sum(c.end - c.start for c in inner)
            if inner and covered >= 0.9 * (outer.end - outer.start):
                continue
            keep.append(outer)
        self.statements = keep


@dataclass
class _Verb:
    """A speech verb in its sentence: where it is, its audience, its date, the words around it."""

    sentence: Sentence
    word: str
    verb_start: int
    verb_end: int
    via: list[str]
    rest_start: int
    said_on_span: tuple[int, int] | None
    rest: str                      # the sentence after the verb (its audience and date left out)
    pre: str                       # the sentence before the verb
    quotes: list[tuple[int, int]]
    quotes_before: list[tuple[int, int]]
    quotes_after: list[tuple[int, int]]

    @classmethod
    def at(cls, rules: Any, sentence: Sentence, verb: Any, quotes: list[tuple[int, int]]) -> "_Verb | None":
        text, s, e = rules.text, sentence.start, sentence.end
        verb_start, verb_end = s + verb.start(), s + verb.end()
        if any(qs <= verb_start < qe for qs, qe in quotes):
            return None
        word = verb.group(0)
        via, rest_start = [], verb_end
        if word.lower() in ("told", "tells", "tell") or re.match(r"[ \u00a0]+to[ \u00a0]", text[verb_end:verb_end + 5]):
            via, rest_start = rules.audience(verb_end, e)
        said_on_span = None
        if adverb := TIME_ADVERB.match(text[rest_start:e]):
            said_on_span = rules.date_within(rest_start, rest_start + adverb.end())
            rest_start += adverb.end()
        return cls(sentence, word, verb_start, verb_end, via, rest_start, said_on_span, text[rest_start:e],
                   text[s:e][:verb.start()], quotes, [q for q in quotes if q[1] <= verb_start],
                   [q for q in quotes if q[0] >= verb_end])


def _verb_subject(pre: str, s: int, participle: bool) -> tuple[str, int, str]:
    """(the verb's subject phrase, its offset, the rule's name) for "X said (that) ..."."""
    rule = "X said (that) ..."
    if participle or fold(pre).rstrip().endswith(" to"):
        # a participle or infinitive ("..., noting that", "is in Washington to demand that"): the sentence's subject
        lead = re.match(r"(.*?)(?=[ \u00a0]+(?:is|are|was|were|has|have|had|will|would|[a-z]+ed)\b)", pre)
        subject_text, subject_at = (lead.group(1), s) if lead else (pre, s)
        if participle:
            rule = "..., noting that ..."
    else:
        subject_text, subject_at = _clause_subject(AUX_TAIL.sub("", pre), s)
    stripped = re.sub(r"(?i)^[ \u00a0]*(?:but|and|so|yet|however|meanwhile|also|earlier|later|instead|now)[ \u00a0,]+", "",
                      subject_text)
    return stripped, subject_at + len(subject_text) - len(stripped), rule


def _clause_subject(subject_text: str, subject_at: int) -> tuple[str, int]:
    """The subject of the clause next to the verb: after the last comma (unless "Name, appositive,") and
    after a connector ("while", "as", "but" ...)."""
    if "," in subject_text:
        parts = subject_text.split(",")
        if subject_text.rstrip().endswith(",") and len(parts) >= 3 and NAME_RUN.search(parts[0]):
            subject_text = parts[0]                      # Name, appositive, said
        else:
            last = subject_text.rfind(",")
            subject_at, subject_text = subject_at + last + 1, subject_text[last + 1:]
    for connector in (" while ", " as ", " when ", " after ", " because ", " but ", " since ", " where "):
        position = subject_text.rfind(connector)
        if position >= 0 and len(subject_text[position:].split()) <= 8:
            subject_at += position + len(connector)
            subject_text = subject_text[position + len(connector):]
    return subject_text, subject_at
