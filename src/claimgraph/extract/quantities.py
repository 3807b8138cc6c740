"""Figures read into quantities: amount or range, qualifier, unit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from claimgraph.corpus.interval import bounds
from claimgraph.corpus.mentions import NUMBER_WORDS, SCALES, Mention
from claimgraph.extract.text import fold


@dataclass(frozen=True)
class QuantityReading:
    """A figure with its qualifier, interval inputs and unit."""

    start: int
    end: int
    amount: Decimal | None
    qualifier: str
    lower: Decimal | None
    upper: Decimal | None
    unit: str
    noun: str = ""

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.amount is not None:
            data["amount"] = _plain(self.amount)
        data["qualifier"] = self.qualifier
        if self.lower is not None:
            data["lower"] = _plain(self.lower)
        if self.upper is not None:
            data["upper"] = _plain(self.upper)
        data["unit"] = self.unit
        return data

    @property
    def interval(self) -> tuple[Decimal, Decimal]:
        return bounds(self.qualifier, self.amount, self.lower, self.upper)


def _plain(value: Decimal) -> int | float:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


_QUALIFIER_BEFORE = [
    (r"about|roughly|some|approximately|around|an estimated|estimated|an approximate|circa", "about"),
    (r"nearly|almost|close to|just under|just shy of", "almost"),
    (r"more than|over|upwards of|in excess of|above", "more-than"),
    (r"at least|no fewer than|no less than", "at-least"),
    (r"fewer than|less than|under|below", "fewer-than"),
    (r"up to|as many as|as much as", "up-to"),
]
_VAGUE = {"dozens": "dozens-of", "scores": "dozens-of", "hundreds": "hundreds-of", "thousands": "thousands-of",
          "tens of thousands": "tens-of-thousands", "hundreds of thousands": "hundreds-of-thousands",
          "tens": "dozens-of"}
_PERSONS = (r"troops|soldiers|forces|personnel|service ?members|servicemen|servicemembers|marines|people|persons|"
            r"civilians|americans|iraqis|afghans|inhabitants|residents|workers|dockworkers|employees|members|"
            r"legislators|lawmakers|mps|deputies|protesters|demonstrators|refugees|detainees|prisoners|fighters|"
            r"militants|advisers|advisors|trainers|contractors|officials|others|staff|children|women|men|voters|"
            r"students|patients|migrants|families|individuals|americans|citizens|victims|dead|wounded")
_UNIT_WORDS = [
    (r"percent|per cent|%", "percent"), (r"dollars?|usd", "USD"), (r"euros?", "EUR"),
    (r"seats?", "seats"), (r"votes?|ballots?", "votes"), (r"years?|-year", "years"), (r"months?|-month", "months"),
    (r"weeks?|-week", "weeks"), (r"days?|-day", "days"), (r"decades?", "decades"), (r"miles?|-mile", "miles"),
    (r"kilometres?|kilometers?|km", "km"), (rf"{_PERSONS}", "persons"),
]


_UNIT_STOPS = {"to", "that", "which", "who", "in", "on", "at", "by", "for", "with", "from", "is", "are", "was", "were",
               "will", "would", "has", "have", "had", "than", "as", "into", "across", "over", "under", "of"}


def _number_words(phrase: str) -> Decimal | None:
    words = [w for w in re.split(r"[ \u00a0-]+", phrase.lower()) if w and w != "and"]
    total, current = Decimal(0), Decimal(0)
    seen = False
    for word in words:
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = Decimal(0)
            seen = True
        elif word in ("percent", "per", "cent", "a", "half", "quarter"):
            continue
        else:
            return None
    return total + current if seen else None


def _digits(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("$", "").strip())


def read_quantity(text: str, mention: Mention, sentence: tuple[int, int] | None = None) -> QuantityReading:
    """Read a figure's qualifier (from the words before it), value and unit.

    Examples
    --------
    >>> from claimgraph.corpus.mentions import find_quantities
    >>> def read(s):
    ...     r = read_quantity(s, find_quantities(s)[0])
    ...     return r.qualifier, r.amount, r.lower, r.upper, r.unit
    >>> read("floated the idea of retaining 3-4,000 American troops")
    ('range', None, Decimal('3000'), Decimal('4000'), 'persons')
    >>> read("would save almost $50 billion in tax dollars")
    ('almost', Decimal('50000000000'), None, None, 'USD')
    >>> read("keep tens of thousands of residual forces")
    ('tens-of-thousands', None, None, None, 'persons')
    """
    s_start, s_end = sentence or (0, len(text))
    low = fold(mention.text)
    unit = "USD" if "$" in mention.text else "percent" if re.search(r"percent|per cent|%", low) else ""
    amount, lower, upper, qualifier, unit = _value(low, unit)
    start = _qualifier_start(text, mention.start, s_start, qualifier)
    if qualifier == "exact":
        qualifier, start = _qualifier_before(text, mention.start, s_start)
    unit, noun, end = _unit_after(text, mention.end, start, s_start, s_end, unit)
    return QuantityReading(start, end, amount, qualifier, lower, upper, unit, noun)


def _value(low: str, unit: str) -> tuple[Decimal | None, Decimal | None, Decimal | None, str, str]:
    """(amount, lower, upper, qualifier, unit) from the figure's own words."""
    scale_match = re.search(r"(hundred|thousand|million|billion|trillion)$", re.sub(r" ?(percent|per cent|%)$", "", low))
    vague = re.sub(r"^(?:a few|several|many) ", "", low)
    if vague in _VAGUE:
        return None, None, None, _VAGUE[vague], unit
    if match := re.fullmatch(r"(a few|several) (hundred|thousand|million|billion|dozen)", low):
        amount = Decimal(12) if match.group(2) == "dozen" else Decimal(SCALES[match.group(2)])
        return amount, None, None, "a-few" if match.group(1) == "a few" else "several", unit
    if re.fullmatch(r"(?:a |one )?half a (million|billion|thousand|hundred|trillion)", low):
        return Decimal(SCALES[scale_match.group(1)]) / 2, None, None, "exact", unit
    if re.fullmatch(r"(?:a |one )?quarter of a (million|billion|thousand|hundred|trillion)", low):
        return Decimal(SCALES[scale_match.group(1)]) / 4, None, None, "exact", unit
    if re.fullmatch(r"(?:a[ -])?(quarter|half)-century", low):
        return Decimal(25 if "quarter" in low else 50), None, None, "exact", "years"
    if re.fullmatch(r"a (dozen|hundred|thousand|million|billion)", low):
        return Decimal(12) if "dozen" in low else Decimal(SCALES[low.split()[1]]), None, None, "exact", unit
    if re.search(r"\d", low):
        return (*_digit_value(low, scale_match), unit)
    amount = _number_words(re.sub(r" ?(percent|per cent)$", "", low))
    return (amount if amount is not None else Decimal(1)), None, None, "exact", unit


def _digit_value(low: str, scale_match: re.Match | None) -> tuple[Decimal | None, Decimal | None, Decimal | None, str]:
    """A figure in digits: "2.5 million", or a range "3-4,000" (the first part takes the second's zeros)."""
    core = re.sub(r" ?(percent|per cent|%)$", "", low)
    core = re.sub(r" (hundred|thousand|million|billion|trillion)$", "", core)
    scale = Decimal(SCALES[scale_match.group(1)]) if scale_match else Decimal(1)
    parts = [p for p in re.split(r" ?- ?", core) if p]
    if len(parts) != 2:
        return _digits(parts[0]) * scale, None, None, "exact"
    first, second = _digits(parts[0]), _digits(parts[1])
    zeros = len(str(int(second))) - len(str(int(second)).rstrip("0")) if second == second.to_integral_value() else 0
    if first < second / 5 and zeros:
        first = first * Decimal(10) ** zeros
    return None, first * scale, second * scale, "range"


def _qualifier_start(text: str, start: int, s_start: int, qualifier: str) -> int:
    """Where a vague figure's quote starts: "a few", "several" or "many" before "thousand(s)" belong to it."""
    if qualifier in _VAGUE.values() or qualifier in ("a-few", "several"):
        head = fold(text[max(s_start, start - 40):start])
        if m := re.search(r"(?:^|\W)((?:a few|several|many) )$", head):
            return start - len(m.group(1))
    return start


def _qualifier_before(text: str, start: int, s_start: int) -> tuple[str, int]:
    """A qualifier in the words just before an exact figure ("about", "more than") and the quote's new start."""
    head = fold(text[max(s_start, start - 40):start])
    for pattern, name in _QUALIFIER_BEFORE:
        if m := re.search(rf"(?:^|\W)({pattern}) $", head):
            return name, start - len(m.group(1)) - 1
    return "exact", start


def _unit_after(text: str, end: int, start: int, s_start: int, s_end: int, unit: str) -> tuple[str, str, int]:
    """(unit, the noun it was read from, the quote's end): the first unit word within a few words after."""
    tail = text[end:min(s_end, end + 90)]
    noun = ""
    words = list(re.finditer(r"(?:[A-Z]\.){2,}|[A-Za-z%][\w’'-]*|[.,;:!?—–()\"“”]", tail))   # "U.S." is one word
    if unit:                         # "$" or "percent" already said it; take only a following "dollars"
        words = [w for w in words[:1] if re.fullmatch(r"(?i)dollars|usd", w.group(0))]
        noun = "$" if unit == "USD" else "percent"
    for index, word in enumerate(words[:9]):
        token = word.group(0)
        if token in ".,;:!?()—–\"“”" and not (index == 0 and token == "-"):
            break
        if fold(token) in _UNIT_STOPS and not (fold(token) == "of" and index == 0):
            break
        hit = _unit_word(token)
        if hit:
            unit = unit or hit
            noun = token
            if end + word.end() - start < 120:
                end = end + word.end()
            break
    if unit:
        return unit, noun, end
    first = next((w.group(0) for w in words[:3] if re.fullmatch(r"[a-z][a-z-]+s", w.group(0))
                  and w.group(0) not in ("of", "as", "is", "was", "has", "its", "this", "across")), "")
    if first:
        return first.lower(), first, end + tail.find(first) + len(first)
    if re.search(rf"\b(?:{_PERSONS}|troop)\b", fold(text[s_start:s_end])):
        return "persons", noun, end
    return "items", noun, end


def _unit_word(token: str) -> str | None:
    folded = fold(token).strip("-")
    if token.startswith("-"):
        folded = "-" + folded
    hit = next((u for pattern, u in _UNIT_WORDS if re.fullmatch(pattern, folded)), None)
    if hit is None and token.startswith("-"):
        hit = next((u for pattern, u in _UNIT_WORDS if re.fullmatch(pattern, folded.lstrip("-"))), None)
    return hit
