"""Who speaks: resolving a speaker phrase against the registry, proposing the names it lacks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable

from claimgraph.corpus.timespan import parse_time
from claimgraph.extract.entities import AGENT_TYPES
from claimgraph.extract.lexicon import (
    GROUP_HEADS, MEDIA_WORDS, NAME_RUN, ORG_WORDS, PRONOUNS, TITLE_WORDS, strip_particle
)
from claimgraph.extract.text import entity_id as to_entity_id, fold


class SpeakerRules:
    """Speaker resolution for :class:`claimgraph.extract.extractor._Extractor`."""

    def propose(self, name: str, kind: str, *, affiliation: str | None = None, description: str = "",
                aliases: Iterable[str] = ()) -> str:
        entity_id = to_entity_id(name)
        base, number = entity_id, 2
        while entity_id in self.entities or (entity_id in self.proposals and self.proposals[entity_id]["label"] != name):
            entity_id, number = f"{base}-{number}", number + 1
        if entity_id not in self.proposals:
            entry: dict[str, Any] = {"id": entity_id, "type": kind, "label": name}
            alias_list = sorted({a for a in aliases if a and a != name})
            if alias_list:
                entry["aliases"] = alias_list
            if kind == "anonymous" or affiliation:
                entry["affiliation"] = affiliation
            source = f"“{description}”" if description and description != name else f"“{name}”"
            entry["comment"] = f"Proposed by claimgraph draft from {source}; check type, label, aliases" + \
                (" and affiliation." if kind == "anonymous" else ".")
            self.proposals[entity_id] = entry
            for alias in [name, *alias_list]:
                self.proposal_names.setdefault(fold(alias), entity_id)
        return entity_id

    def resolve_name(self, phrase: str, offset: int) -> tuple[str | None, str | None, str]:
        """(registry id, proposal id, the name as written) for a speaker phrase.

        In order: a pronoun or "the official" goes to the last speaker; the
        whole phrase as a label or alias; the head of the phrase (before
        an appositive or "of/for ...") as an alias, or as a role title held
        at the publication date ("US president"); a name in an appositive
        ("one protester, Ayad Al-Rumi"); then a new entity is proposed: a
        person for a personal name, an anonymous speaker for "a senior
        official", an organisation for an acronym.
        """
        phrase_clean, at = _clean_speaker_phrase(phrase, offset)
        words = fold(phrase_clean).split()
        if not words:
            return None, None, phrase_clean
        if len(words) <= 2 and words[-1] in PRONOUNS and (len(words) == 1 or words[0] in ("and", "but", "as", "so")):
            return (*self.antecedent(PRONOUNS[words[-1]], at), phrase_clean)
        if whole := self.exact_entity(phrase_clean, at):
            return whole, None, phrase_clean
        head = _Head.of(phrase_clean, at)
        found = self.known_head(head) or self.group_speaker(head, phrase_clean, at)
        if found:
            return (*found, phrase_clean)
        return (*self.new_speaker(head, phrase_clean, at), phrase_clean)

    def known_head(self, head: "_Head") -> tuple[str | None, str | None] | None:
        """The head as a registry label or alias reaching its last word, or as a name proposed earlier."""
        for match in sorted(self.index.find(self.text, head.at, head.at + len(head.text)), key=lambda m: -(m.end - m.start)):
            covered = fold(self.text[match.start:match.end])
            if head.folded.endswith(covered) or head.folded.endswith(covered + "'s"):
                chosen = self.index.pick(match.ids)
                if chosen and self.entities[chosen].type in AGENT_TYPES:
                    return chosen, None
        for alias, proposal in sorted(self.proposal_names.items(), key=lambda kv: (-len(kv[0]), kv[0])):
            bare, bare_alias = strip_particle(head.folded), strip_particle(alias)
            if head.folded == alias or head.folded.endswith(" " + alias) or \
                    (len(head.words) == 1 and bare == bare_alias.split()[-1]):
                return None, proposal
        return None

    def group_speaker(self, head: "_Head", phrase: str, at: int) -> tuple[str | None, str | None] | None:
        """A role or group noun: who holds the role, the last person or group named, or a name in apposition."""
        if not head.group:
            return None
        if holder := self.role_holder(head.folded, head.at, head.at + len(head.text)):
            return holder, None
        if len(head.words) <= 4 and head.words[0] in ("the", "this") and not NAME_RUN.search(head.text):
            previous = self.antecedent("person" if not head.folded.endswith("s") else "group", at)
            if previous != (None, None):
                return previous
        for segment in head.segments[1:]:                # "one protester, Ayad Al-Rumi"
            if NAME_RUN.fullmatch(segment.strip()) or self.index.find(segment):
                speaker, proposal, _ = self.resolve_name(segment, at + phrase.find(segment))
                if speaker or proposal:
                    return speaker, proposal
        return None

    def new_speaker(self, head: "_Head", phrase: str, at: int) -> tuple[None, str | None]:
        """A name the registry lacks, proposed as a person, an organisation, a media outlet or an anonymous group."""
        affiliation = self.affiliation(at, at + len(phrase), head.complement)
        name_run = None
        for run in NAME_RUN.finditer(head.text):
            name_run = run
        if name_run and not head.group:
            tokens = name_run.group(0).split()
            while tokens and (tokens[0].lower() in TITLE_WORDS or tokens[0].endswith(("’s", "'s"))):
                tokens.pop(0)
            if tokens:
                return None, self.propose_name(tokens, phrase)
        if head.group:
            label = re.sub(r"^(?:the|The)[ \u00a0]+", "", (head.text + head.complement).strip())
            label = label[0].upper() + label[1:]
            return None, self.propose(label, "anonymous", affiliation=affiliation, description=phrase,
                                      aliases=[(head.text + head.complement).strip()])
        if len(head.words) == 1 and re.fullmatch(r"[A-Z][A-Z0-9&-]{1,9}", head.text.strip()):
            return None, self.propose(head.text.strip(), "organization", description=phrase)
        return None, None

    def propose_name(self, tokens: list[str], phrase: str) -> str | None:
        """Propose a personal name (with its surname as alias) or an organisation's name."""
        name = " ".join(tokens)
        if ORG_WORDS.search(name) or len(tokens) == 1:
            if len(tokens) == 1 and not ORG_WORDS.search(name) and not name.isupper():
                return None
            kind = "media-outlet" if MEDIA_WORDS.search(name) else "organization"
            return self.propose(name, kind, description=phrase)
        surname = tokens[-1]
        aliases = [surname]
        if re.match(r"(?i)(al|el)-", surname):
            aliases.append(surname.split("-", 1)[1])
        return self.propose(name, "person", description=phrase, aliases=aliases)

    def exact_entity(self, name: str, at: int) -> str | None:
        """The agent whose label or alias is exactly ``name`` (at ``at`` in the text)."""
        for match in self.index.find(self.text, at, at + len(name)):
            if match.start == at and match.end == at + len(name):
                chosen = self.index.pick(match.ids)
                if chosen and self.entities[chosen].type in AGENT_TYPES:
                    return chosen
        return None

    def head_entity(self, name: str, at: int) -> str | None:
        """The agent named at the end of ``name`` ("the Syrian government" -> syrian-government)."""
        folded = fold(name)
        for match in sorted(self.index.find(self.text, at, at + len(name)), key=lambda m: -(m.end - m.start)):
            if folded.endswith(fold(self.text[match.start:match.end])):
                chosen = self.index.pick(match.ids)
                if chosen and self.entities[chosen].type in AGENT_TYPES:
                    return chosen
        return None

    def antecedent(self, wanted: str, position: int) -> tuple[str | None, str | None]:
        """The speaker a pronoun points back to: the last person named or the last speaker."""
        if wanted == "person":
            window = [m for m in self.mentions if position - 400 <= m.end <= position]
            for match in reversed(window):
                chosen = self.index.pick(match.ids, ("person",))
                if chosen and self.entities[chosen].type == "person":
                    last = self.last_person
                    if last and last[1] and self.proposal_seen.get(last[1], -1) > match.end:
                        return last
                    return chosen, None
            if self.last_person:
                return self.last_person
        if wanted == "group" and self.last_group:
            return self.last_group
        if self.last_speaker:
            return self.last_speaker[0], self.last_speaker[1]
        return None, None

    def role_holder(self, folded_head: str, start: int, end: int) -> str | None:
        """A title ("US president", "the prime minister") held at the publication date."""
        title = re.sub(r"^(?:the|a|an|former|acting)[ \u00a0]+", "", folded_head)
        orgs = {self.index.pick(m.ids, ("government-body", "organization", "place"))
                for m in self.index.find(self.text, start, end)}
        when = parse_time(self.published)
        last_word = title.split()[-1]
        holders = set()
        for entity in self.entities.values():
            for role in entity.roles:
                if last_word not in fold(role.role).split():
                    continue
                if orgs and role.org not in orgs:
                    continue
                begin = parse_time(role.start).start if role.start else dt.date.min
                finish = parse_time(role.end).end if role.end else dt.date.max
                if begin <= when.end and when.start <= finish:
                    holders.add(entity.id)
        return holders.pop() if len(holders) == 1 else None

    def affiliation(self, start: int, end: int, complement: str) -> str | None:
        for match in self.index.find(self.text, start, end):
            chosen = self.index.pick(match.ids, ("government-body", "organization", "armed-group", "media-outlet", "place",
                                                 "person"))
            possessive = self.text[match.end:match.end + 2] in ("’s", "'s")
            if chosen and self.entities[chosen].type not in ("topic", "anonymous") and \
                    (self.entities[chosen].type != "person" or possessive):
                return chosen
        name = re.sub(r"^[ \u00a0]*(?:for|of|at|from|with|in|to)[ \u00a0]+(?:the[ \u00a0]+)?", "", complement).strip()
        if name[:1].isupper():
            kind = "media-outlet" if MEDIA_WORDS.search(name) else "organization"
            return self.propose(name, kind, description=name)
        return None

    def remember(self, speaker: str | None, proposal: str | None, via: list[str]) -> None:
        if speaker is None and proposal is None:
            return
        kind = self.entities[speaker].type if speaker else self.proposals[proposal]["type"]
        if kind == "person":
            self.last_person = (speaker, proposal)
        else:
            self.last_group = (speaker, proposal)
        self.last_speaker = (speaker, proposal, via)

    def audience(self, start: int, end: int) -> tuple[list[str], int]:
        """Intermediaries named right after a speech verb ("told AP", "to Reuters")."""
        tail = self.text[start:end]
        match = re.match(r"(?:[ \u00a0]+to)?[ \u00a0]+((?:the[ \u00a0]+)?[A-Z@][\w’'.@-]*(?:[ \u00a0]+[A-Za-z][\w’'.-]*){0,3}?"
                         r"|reporters|journalists|[a-z]+[ \u00a0]+media)(?=[ \u00a0]+(?:that|on|in|at|Monday|Tuesday|Wednesday|"
                         r"Thursday|Friday|Saturday|Sunday|\"|“)|[,.:;]|$)", tail)
        if not match:
            return [], start
        name = match.group(1)
        position = start + match.start(1)
        found = self.index.find(self.text, position, position + len(name))
        for item in found:
            chosen = self.index.pick(item.ids, ("media-outlet",))
            if chosen and self.entities[chosen].type == "media-outlet":
                return [chosen], start + match.end()
        if MEDIA_WORDS.search(name) and not re.match(r"(?i)reporters|journalists", name):
            proposal = self.propose(re.sub(r"^the\s+", "", name), "media-outlet", description=name)
            return [f"?{proposal}"], start + match.end()
        return [], start + match.end()

    def resolve_speakers(self, phrase: str, at: int) -> list[tuple[str | None, str | None, str, int]]:
        """One speaker, or each of two joined by "and" ("the Syrian government and its allied groups")."""
        lead = len(phrase) - len(phrase.lstrip())
        exact = self.exact_entity(phrase.strip(), at + lead)
        if exact:
            return [(exact, None, phrase.strip(), at + lead)]
        if re.search(r",? and |, as well as ", phrase):
            parts, position = [], 0
            for part in re.split(r"(,? and |, as well as )", phrase):
                if part.strip() and not re.fullmatch(r",? and |, as well as ", part):
                    part_lead = len(part) - len(part.lstrip())
                    parts.append((self.exact_entity(part.strip(), at + position + part_lead) or
                                  self.head_entity(part.strip(), at + position + part_lead), part.strip(),
                                  at + position + part_lead))
                position += len(part)
            if len(parts) >= 2 and all(p[0] for p in parts):
                return [(entity_id, None, name, where) for entity_id, name, where in parts]
        speaker, proposal, name = self.resolve_name(phrase, at)
        if speaker or proposal:
            return [(speaker, proposal, name, at + lead)]
        found = []
        position = 0
        for part in re.split(r"(,? and |, as well as )", phrase):
            if part.strip() and not re.fullmatch(r",? and |, as well as ", part):
                part_speaker, part_proposal, part_name = self.resolve_name(part, at + position)
                if part_speaker or part_proposal:
                    found.append((part_speaker, part_proposal, part_name, at + position))
            position += len(part)
        if found:
            return found
        if re.match(r"[ \u00a0]*[A-Z]", phrase):
            return [(None, None, name, at + lead)]
        return []


def _clean_speaker_phrase(phrase: str, offset: int) -> tuple[str, int]:
    """The phrase without quotes, commas and a leading wire dateline ("BAGHDAD (AP) —"), and where it starts."""
    lead = len(phrase) - len(phrase.lstrip(" ,\u00a0\"“”‘’"))
    stripped = phrase.strip(" ,\u00a0\"“”‘’")
    clean = re.sub(r"^(?:[A-Z]{2,}(?:[ \u00a0][A-Z]{2,})*[ \u00a0]+\([^)]*\)[ \u00a0]*(?:--|—|–)[ \u00a0]*)", "", stripped)
    return clean, offset + lead + (len(stripped) - len(clean))


@dataclass(frozen=True)
class _Head:
    """A speaker phrase's head: the words before an appositive or a "for/of ..." complement."""

    segments: list[str]
    text: str
    complement: str
    at: int
    folded: str
    words: list[str]
    group: bool          # ends in a group or role noun ("officials", "spokesman", "minister")

    @classmethod
    def of(cls, phrase: str, at: int) -> "_Head":
        segments = [segment for segment in re.split(r",[ \u00a0]*", phrase) if segment.strip()]
        head, complement = segments[0], ""
        role = re.search(rf"\b(?:{GROUP_HEADS})\b(?=[ \u00a0]+(?:for|of|at|from|with|in|to)[ \u00a0])", head, re.IGNORECASE)
        if role:
            head, complement = head[:role.end()], head[role.end():]
        folded = fold(head).strip()
        group = bool(re.search(rf"\b(?:{GROUP_HEADS}|president|premier|chancellor|secretary|minister)$", folded))
        return cls(segments, head, complement, at + phrase.find(head), folded, folded.split(), group)
