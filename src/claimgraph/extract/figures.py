"""Propositions, figures and dates for the candidates (guesses for a reviewer to check)."""

from __future__ import annotations

import re
from typing import Any

from claimgraph.corpus.mentions import Mention, find_quantities
from claimgraph.corpus.timespan import OPEN_FUTURE, parse_time
from claimgraph.extract.candidates import Candidate
from claimgraph.extract.dates import DateReading, FUTURE_WORDS, show_time, normalise_date
from claimgraph.extract.quantities import QuantityReading, read_quantity
from claimgraph.extract.text import Sentence, fold


class FigureRules:
    """Figures, dates and propositions for :class:`claimgraph.extract.extractor._Extractor`."""

    def subject_and_value(self, start: int, end: int, speaker: str, prefer_topic: bool = True) -> tuple[str, str | None]:
        found = [m for m in self.entities_in(start, end)]
        ids = []
        for match in found:
            for entity_id in match.ids:
                if entity_id not in ids:
                    ids.append(entity_id)
        topics = [i for i in ids if self.entities[i].type == "topic"]
        others = [i for i in ids if i != speaker and self.entities[i].type != "topic"]
        subject = (topics[:1] or others[:1] or [speaker])[0] if prefer_topic else (others[:1] or topics[:1] or [speaker])[0]
        value = next((i for i in ids if i != subject and i != speaker), None)
        return subject, value

    def attach_dates(self, candidate: Candidate, dates: list[Mention], readings: dict) -> None:
        notes = []
        for span in list(candidate.dates):               # a date at the speech verb: when it was said
            sentence = self.sentence_at(span[0])
            # the words after it are the reported words, whose tense is not the telling's
            reading = normalise_date(self.text[span[0]:span[1]], self.published,
                                     before=self.text[sentence.start:span[0]]) if readings.get(span) else None
            if reading is not None:
                value = reading.value
                candidate.said_on = value if isinstance(value, str) else value["start"]
                if reading.note:
                    notes.append(f"said_on: {reading.note}")
        inside = [d for d in dates if candidate.start <= d.start and d.end <= candidate.end
                  and readings.get((d.start, d.end)) is not None and (d.start, d.end) not in candidate.dates]
        # a deadline ("by the end of the year") says more about a plan than a time does
        ordered = sorted(inside, key=lambda d: (readings[(d.start, d.end)].field != "deadline", d.start))
        for number, mention in enumerate(ordered):
            reading = readings[(mention.start, mention.end)]
            if number == 0:
                candidate.proposition[reading.field] = reading.value
                notes.append(f"{reading.field} from “{mention.text}”" + (f" ({reading.note})" if reading.note else ""))
            else:
                notes.append(f"also “{mention.text}” = {show_time(reading.value)}")
            candidate.dates.append((mention.start, mention.end))
        candidate.notes += notes

    def quantities(self, dates: list[Mention], readings: dict) -> list[Candidate]:
        found: list[Candidate] = []
        readings_q: list[QuantityReading] = []
        for mention in find_quantities(self.text):
            sentence = self.sentence_at(mention.start)
            reading = read_quantity(self.text, mention, (sentence.start, sentence.end))
            try:
                reading.interval
            except ValueError:
                continue
            readings_q.append(reading)
            found.append(self.quantity_candidate(reading, sentence, dates, readings, f"figure “{mention.text}”",
                                                 (mention.start, mention.end)))
        for match in re.finditer(r"(?i)\b(?:much|far|significantly|considerably|even)[ \u00a0]+"
                                 r"(greater|larger|higher|bigger|more|smaller|lower|fewer|less)\b", self.text):
            previous = [r for r in readings_q if r.end <= match.start() and match.start() - r.end < 400
                        and r.amount is not None]
            if not previous:
                continue
            base = previous[-1]
            sentence = self.sentence_at(match.start())
            clause_start = self.text.rfind(",", sentence.start, match.start())
            clause_start = sentence.start if clause_start < 0 else clause_start + 1
            qualifier = "more-than" if match.group(1).lower() in ("greater", "larger", "higher", "bigger", "more") else "fewer-than"
            reading = QuantityReading(clause_start, match.end(), base.amount, qualifier, None, None, base.unit, base.noun)
            start, end = self.trim(reading.start, reading.end)
            reading = QuantityReading(start, end, base.amount, qualifier, None, None, base.unit, base.noun)
            candidate = self.quantity_candidate(reading, sentence, dates, readings, f"comparative “{match.group(0)}”",
                                                (match.start(), match.end()))
            candidate.notes.append(f"amount taken from the figure before it (“{self.text[base.start:base.end]}”)")
            found.append(candidate)
        return found

    def quantity_candidate(self, reading: QuantityReading, sentence: Sentence, dates: list[Mention], readings: dict,
                           rule: str, anchor: tuple[int, int]) -> Candidate:
        holder = self.holder(reading.start, reading.end)
        speaker = holder.speaker if holder else self.author
        via = list(holder.via) if holder else []
        start, end = self.trim(reading.start, reading.end)
        candidate = Candidate("quantity", start, end, self.text[start:end], speaker, via=via, rule=rule,
                              notes=[f"drafted from the {rule}"], anchor=anchor)
        if holder:
            candidate.modality, candidate.said_on = holder.modality, holder.said_on
            candidate.proposed_speaker = holder.proposed_speaker
            if holder.proposed_speaker:
                candidate.notes.append(f"speaker proposed as {holder.proposed_speaker} (see proposed_entities)")
        else:
            candidate.modality = self.modality("said", sentence.start, sentence.end, speaker)
        sentence_text = fold(self.text[sentence.start:sentence.end])
        prop = self.quantity_property(reading, sentence_text)
        subject = None
        if prop == "troop-count":          # "900 in neighboring Syria": the words up to the next figure say where
            following = [m.start for m in find_quantities(self.text[end:sentence.end])]
            reach = min([end + 60, sentence.end, *(end + f for f in following)])
            subject = self.presence_subject(start, reach, (sentence.start, sentence.end))
        elif prop in ("casualties", "duration") or prop == "cost" and re.search(r"\b(?:war|invasion|occupation)",
                                                                             sentence_text):
            subject = self.presence_subject(start, end, (sentence.start, sentence.end), "war")
        if subject is None:
            subject, _ = self.subject_and_value(sentence.start, sentence.end, speaker)
        data: dict[str, Any] = {"subject": subject, "predicate": prop}
        scope = self.quantity_scope(prop, sentence_text)
        if scope:
            data["scope"] = scope
        data["quantity"] = reading.as_dict()
        candidate.proposition = data
        # the nearest date in the sentence gives the time the figure holds at
        figures = [m for m in find_quantities(self.text) if sentence.start <= m.start < sentence.end]

        def near_enough(date: Mention) -> bool:
            low, high = sorted((date.start, anchor[0]))
            between = any(low <= f.start and f.end <= high and (f.start, f.end) != anchor for f in figures)
            return not between and abs(date.start - anchor[0]) <= 160
        near = [d for d in dates if sentence.start <= d.start < sentence.end and readings.get((d.start, d.end))
                and near_enough(d)]
        if near:
            mention = min(near, key=lambda d: abs(d.start - reading.end))
            date_reading = readings[(mention.start, mention.end)]
            data[date_reading.field] = date_reading.value
            candidate.dates.append((mention.start, mention.end))
            candidate.notes.append(f"{date_reading.field} from “{mention.text}”" +
                                   (f" ({date_reading.note})" if date_reading.note else ""))
        elif prop in ("troop-count", "population", "seat-count"):
            data["time"] = parse_time(self.published).expression if not isinstance(self.published, dict) else self.published
            candidate.notes.append("time defaulted to the publication date: check when the figure holds")
        candidate.notes.append(f"unit '{reading.unit}'" + (f" from “{reading.noun}”" if reading.noun else " guessed"))
        if candidate.proposed_speaker is None and holder is None and candidate.speaker in self.own:
            candidate.notes.append("the author's own figure")
        return candidate

    def quantity_property(self, reading: QuantityReading, sentence_text: str) -> str:
        properties = self.vocab("predicates") or {}
        by_unit = {"USD": "cost", "EUR": "cost", "seats": "seat-count", "votes": "vote-count", "years": "duration",
                   "months": "duration", "weeks": "duration", "days": "duration", "decades": "duration",
                   "miles": "distance", "km": "distance"}
        prop = by_unit.get(reading.unit)
        if prop is None and reading.unit == "percent":
            prop = "population" if re.search(r"\bpopulation\b", sentence_text) else "count"
        if prop is None and reading.unit == "persons":
            noun = fold(reading.noun)
            if re.search(r"\b(?:killed|died|dead|deaths|perished|casualties|lost|fatalities|death toll)\b", sentence_text):
                prop = "casualties"
            elif re.search(r"troops|soldiers|forces|personnel|service|marines|troop", noun or sentence_text):
                prop = "troop-count"
            elif re.search(r"inhabitants|residents|population", noun or sentence_text):
                prop = "population"
            else:
                prop = "count"
        prop = prop or "count"
        if properties and properties.get(prop) != "quantity":
            prop = "count" if properties.get("count") == "quantity" else \
                next(p for p, kind in sorted(properties.items()) if kind == "quantity")
        return prop

    def quantity_scope(self, prop: str, sentence_text: str) -> str | None:
        scopes = self.vocab("scopes") or set()
        options: list[tuple[str, str]] = []
        if prop == "troop-count":
            options = [(r"\bcombat\b", "combat-troops"), (r"\btrainers?\b|\badvis[eo]rs?\b", "trainers-advisers"),
                       (r"\bcontractors?\b", "contractors"), (r"\bcoalition\b|\ballied\b", "coalition-troops"),
                       (r"\bembassy\b", "embassy-detachment"), (r"\bresidual\b", "residual-force"), (r"", "all-troops")]
        elif prop == "casualties":
            options = [(r"\bcivilians?\b", "civilians"),
                       (r"\btroops\b|\bsoldiers\b|\bpersonnel\b|\bservice members\b|\bmarines\b", "military-personnel-killed")]
        elif prop == "population":
            options = [(r"", "residents")]
        for pattern, scope in options:
            if re.search(pattern, sentence_text) and scope in scopes:
                return scope
        return None

    def holder(self, start: int, end: int) -> Candidate | None:
        holders = [c for c in self.statements if c.start <= start and end <= c.end]
        return min(holders, key=lambda c: c.end - c.start) if holders else None

    def date_candidate(self, mention: Mention, reading: DateReading) -> Candidate:
        sentence = self.sentence_at(mention.start)
        start, end = sentence.start, sentence.end
        for cut in re.finditer(r";|[ \u00a0][—–][ \u00a0]", self.text[start:end]):
            position = start + cut.start()
            if position <= mention.start:
                start = start + cut.end()
            elif position >= mention.end:
                end = position
                break
        start, end = self.trim(start, end)
        holder = self.holder(mention.start, mention.end)
        speaker = holder.speaker if holder else self.author
        candidate = Candidate("date", start, end, self.text[start:end], speaker, via=list(holder.via) if holder else [],
                              rule=f"date “{mention.text}”", notes=[f"drafted from the date “{mention.text}”"],
                              anchor=(mention.start, mention.end))
        candidate.modality = self.modality("said", start, end, speaker)
        candidate.proposition = self.statement_proposition(candidate)
        others = [d for d in self.all_dates if start <= d.start and d.end <= end and (d.start, d.end) != (mention.start, mention.end)
                  and self.readings.get((d.start, d.end)) is not None]
        chosen, chosen_reading = mention, reading
        for other in others:                     # "Friday's announcement follows ... in Aug.2021": the dated event
            if re.search(r"\d{4}", other.text) and not re.search(r"\d{4}", chosen.text):
                chosen, chosen_reading = other, self.readings[(other.start, other.end)]
        candidate.proposition[chosen_reading.field] = chosen_reading.value
        candidate.notes.append(f"{chosen_reading.field} from “{chosen.text}”" +
                               (f" ({chosen_reading.note})" if chosen_reading.note else ""))
        for other in [mention, *others]:
            if other is not chosen:
                candidate.notes.append(f"also “{other.text}” = {show_time(self.readings[(other.start, other.end)].value)}")
            candidate.dates.append((other.start, other.end))
        return candidate

    def finish(self, candidate: Candidate) -> None:
        proposition = candidate.proposition
        if not proposition:
            proposition.update(self.statement_proposition(candidate))
        if "time" not in proposition and "deadline" not in proposition and FUTURE_WORDS.search(candidate.quote):
            proposition["time"] = OPEN_FUTURE          # "will withdraw", no date stated
            candidate.notes.append("time: future (“will”, no date stated)")
        if candidate.kind != "quantity":
            candidate.notes.append("proposition guessed: check subject, property and value")
        else:
            candidate.notes.append("check subject, property and scope")
