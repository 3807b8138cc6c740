"""Generate a synthetic claimgraph corpus in the real annotation format.

The corpus folder has ``articles/*.txt``, ``annotations/*.yaml`` and
``entities/*.yaml`` exactly as ``claimgraph validate`` reads them: every
quote is a sentence of the generated article text at the offset given, every
annotation carries the text's sha256, and every term comes from the ontology.

What it looks like (N claims, about 20 per article):

* a shared entity pool that grows with N: outlets and three wire agencies,
  journalists, officials holding roles in institutions, anonymous sources
  affiliated to institutions, topics;
* *stories*: one subject each, active over twelve consecutive months, about
  100 claims per story. Troop and contractor counts, costs, "forces remain",
  "the war is ongoing", withdrawal pledges with one deadline per subject, and
  institutions' positions, all clustered on the story's subject and months,
  so the pairwise rules meet real candidate pairs (and find corroborations
  and supersessions). Background claims agree with one another by
  construction: one figure per subject, scope and month (written exact,
  "about" or "more than"), one stance per institution and thing, one deadline
  per withdrawal subject;
* attribution chains: about a third of the claims come from an anonymous
  source through a wire agency, some through an outlet relaying the wire;
* planted contradictions, ``max(2, N // 500)`` of each kind the shipped rules
  detect (numeric, withdrawal-vs-presence, polarity, public-vs-private,
  deadline, framing), each on a subject of its own, its two claims placed
  in articles at random (sometimes the same article). ``expected.json`` lists
  them: the rules must find exactly these contradictions.

Run ``python bench/generate.py --claims 10000 --out /tmp/corpus-10k``.
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

CLAIMS_PER_ARTICLE = 20
CLAIMS_PER_STORY = 100
STORY_MONTHS = 12
FIRST_YEAR = 2004
KINDS = ("numeric-conflict", "withdrawal-vs-presence", "polarity-conflict", "public-vs-private",
         "deadline-conflict", "framing-conflict")

FIRST = ["Alan", "Beatriz", "Carlos", "Dana", "Elif", "Farid", "Grace", "Hassan", "Ines", "Jonas", "Karim",
         "Laila", "Marek", "Nadia", "Omar", "Priya", "Quentin", "Rana", "Samir", "Tanya", "Umar", "Vera",
         "Walid", "Xenia", "Yusuf", "Zeynep"]
LAST = ["Abbas", "Becker", "Costa", "Dawson", "Evans", "Fischer", "Garcia", "Haddad", "Ibrahim", "Jensen",
        "Khalil", "Larsen", "Mansour", "Novak", "Okafor", "Petrov", "Qureshi", "Rahman", "Saleh", "Tanaka",
        "Usman", "Varga", "Wagner", "Yilmaz", "Zaki"]
PLACES = ["Anbar", "Basra", "Diyala", "Erbil", "Kirkuk", "Mosul", "Najaf", "Nineveh", "Salahuddin", "Sulaymaniyah",
          "Babil", "Karbala", "Dhi Qar", "Maysan", "Wasit", "Muthanna", "Qadisiyah", "Dohuk"]
FILLER = [
    "The ministry did not respond to a request for comment.",
    "Talks between the two governments are expected to resume next week.",
    "Residents described a tense but calm situation in the capital.",
    "Analysts said the figures were difficult to verify independently.",
    "The statement came after a week of closed-door meetings.",
    "Opposition lawmakers have called for a public inquiry.",
    "Officials declined to give further details, citing security concerns.",
    "The announcement was broadcast on state television in the evening.",
]


def month_name(month: int) -> str:
    return calendar.month_name[month]


def month_of(index: int) -> tuple[int, int]:
    """Month number ``index`` (0 = January of FIRST_YEAR) as (year, month)."""
    return FIRST_YEAR + index // 12, index % 12 + 1


def ym(index: int) -> str:
    year, month = month_of(index)
    return f"{year}-{month:02d}"


def words(index: int) -> str:
    year, month = month_of(index)
    return f"{month_name(month)} {year}"


@dataclass
class Entity:
    id: str
    type: str
    label: str
    fields: dict = field(default_factory=dict)


@dataclass
class Claim:
    """A claim before placement: its sentence, quote and annotation fields."""

    sentence: str
    quote: str
    fields: dict
    planted: tuple[str, int, str] | None = None   # (kind, index, side)


@dataclass
class Pool:
    outlets: list[Entity]
    wires: list[Entity]
    journalists: list[Entity]
    officials: list[Entity]
    institutions: list[Entity]
    anonymous: list[Entity]
    things: list[Entity]
    stories: list[Entity]
    wars: list[Entity]
    withdrawals: list[Entity]
    planted: list[Entity]

    def all(self) -> list[Entity]:
        return (self.outlets + self.wires + self.journalists + self.officials + self.institutions + self.anonymous
                + self.things + self.stories + self.wars + self.withdrawals + self.planted)


def _person(rng: random.Random, used: set[str], prefix: str) -> tuple[str, str]:
    while True:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        serial = len(used)
        label = f"{first} {last}" if f"{first} {last}" not in used else f"{first} {last} {serial}"
        if label not in used:
            used.add(label)
            slug = label.lower().replace(" ", "-")
            return f"{prefix}-{slug}", label


def make_pool(claims: int, rng: random.Random) -> Pool:
    used: set[str] = set()
    n_institutions = max(4, claims // 100)
    institutions = [Entity(f"institution-{i:04d}", "government-body", f"Ministry of Affairs {i}") for i in range(n_institutions)]
    outlets = [Entity(f"outlet-{i:04d}", "media-outlet", f"The Daily Courier {i}") for i in range(max(8, claims // 2000))]
    wires = [Entity(f"wire-{name.lower()}", "media-outlet", f"{name} Wire Service", {"wire": True})
             for name in ("Atlas", "Boreal", "Cardinal")]
    journalists = []
    for _ in range(max(10, claims // 200)):
        eid, label = _person(rng, used, "journalist")
        journalists.append(Entity(eid, "person", label))
    officials = []
    for _ in range(max(10, claims // 100)):
        eid, label = _person(rng, used, "official")
        org = rng.choice(institutions)
        start = rng.randrange(0, 12 * 14)
        officials.append(Entity(eid, "person", label, {"roles": [
            {"role": f"Spokesperson of {org.label}", "org": org.id, "start": ym(start), "end": ym(start + 36)}]}))
    anonymous = []
    for i in range(max(4, claims // 250)):
        org = rng.choice(institutions)
        anonymous.append(Entity(f"anonymous-official-{i:04d}", "anonymous", f"A senior official ({i})",
                                {"affiliation": org.id}))
    things = [Entity(f"thing-{i:04d}", "topic", f"Security agreement draft {i}") for i in range(max(4, claims // 200))]
    n_stories = max(3, claims // CLAIMS_PER_STORY)
    stories = [Entity(f"story-{i:05d}", "topic", f"US military presence in {PLACES[i % len(PLACES)]} (file {i})")
               for i in range(n_stories)]
    wars = [Entity(f"war-{i:05d}", "topic", f"Campaign in {PLACES[i % len(PLACES)]} (file {i})") for i in range(n_stories)]
    withdrawals = [Entity(f"withdrawal-{i:05d}", "topic", f"Foreign forces in {PLACES[i % len(PLACES)]} (file {i})")
                   for i in range(n_stories)]
    return Pool(outlets, wires, journalists, officials, institutions, anonymous, things, stories, wars, withdrawals, [])


class Generator:
    def __init__(self, claims: int, seed: int):
        self.rng = random.Random(seed)
        self.target = claims
        self.pool = make_pool(claims, self.rng)
        n_stories = len(self.pool.stories)
        self.story_start = [self.rng.randrange(0, 12 * 14) for _ in range(n_stories)]
        self.figure: dict[tuple, int] = {}
        self.stance: dict[tuple[str, str], str] = {}
        self.deadline = {w.id: self.story_start[k] + self.rng.randrange(6, 18) for k, w in enumerate(self.pool.withdrawals)}
        self.planted: list[dict] = []

    # -- speakers and chains
    def attribution(self) -> tuple[Entity, list[Entity], str]:
        """A speaker, its intermediaries (nearest the author first) and how the text introduces it."""
        roll = self.rng.random()
        if roll < 0.22:
            source, wire = self.rng.choice(self.pool.anonymous), self.rng.choice(self.pool.wires)
            return source, [wire], f"{source.label} told {wire.label} that"
        if roll < 0.32:
            source, wire = self.rng.choice(self.pool.anonymous), self.rng.choice(self.pool.wires)
            relay = self.rng.choice(self.pool.outlets)
            return source, [relay, wire], f"{relay.label} reported that {source.label} had told {wire.label} that"
        official = self.rng.choice(self.pool.officials)
        return official, [], f"{official.label} said that"

    def claim(self, intro: str, body: str, speaker: Entity, via: list[Entity], modality: str,
              proposition: dict, *, hedge: str | None = None, said_on: str | None = None,
              planted: tuple[str, int, str] | None = None) -> Claim:
        quote = f"{intro} {body}"
        fields = {"speaker": speaker.id, "via": [v.id for v in via], "modality": modality}
        if said_on:
            fields["said_on"] = said_on
        if hedge:
            fields["hedge"] = hedge
        fields["proposition"] = proposition
        return Claim(quote + ".", quote, fields, planted)

    # -- background claims (consistent by construction)
    def background(self, story: int, month: int) -> Claim:
        rng = self.rng
        speaker, via, intro = self.attribution()
        when = words(month)
        kind = rng.random()
        subject = self.pool.stories[story]
        place = PLACES[story % len(PLACES)]
        if kind < 0.40:
            scope, noun = ("all-troops", "US troops") if rng.random() < 0.75 else ("contractors", "contractors")
            key = (subject.id, "troop-count", scope, month)
            value = self.figure.setdefault(key, rng.randrange(100, 9000) * 10 + rng.choice([0, 10, 20, 30]))
            qualifier = rng.choice(["exact", "exact", "about", "more-than"])
            shown = {"exact": f"{value:,}", "about": f"about {value:,}", "more-than": f"more than {value:,}"}[qualifier]
            return self.claim(intro, f"{shown} {noun} were in {place} in {when}", speaker, via,
                              rng.choice(["asserted", "reported"]),
                              {"subject": subject.id, "predicate": "troop-count", "scope": scope,
                               "quantity": {"amount": value, "qualifier": qualifier, "unit": "persons"}, "time": ym(month)})
        if kind < 0.50:
            key = (subject.id, "cost", None, month)
            value = self.figure.setdefault(key, rng.randrange(10, 900) * 1_000_000)
            return self.claim(intro, f"the deployment in {place} cost ${value:,} in {when}", speaker, via,
                              rng.choice(["asserted", "reported"]),
                              {"subject": subject.id, "predicate": "cost",
                               "quantity": {"amount": value, "unit": "USD"}, "time": ym(month)})
        if kind < 0.62:
            return self.claim(intro, f"US forces would remain in {place} through {when}", speaker, via,
                              rng.choice(["asserted", "reported", "predicted"]),
                              {"subject": subject.id, "predicate": "presence", "scope": "all-troops",
                               "category": "remains", "time": ym(month)})
        if kind < 0.72:
            war = self.pool.wars[story]
            return self.claim(intro, f"the {war.label.split(' (')[0].lower()} was still going on in {when}", speaker, via,
                              rng.choice(["asserted", "reported"]),
                              {"subject": war.id, "predicate": "status", "category": "ongoing", "time": ym(month)})
        if kind < 0.82:
            withdrawal = self.pool.withdrawals[story]
            deadline = self.deadline[withdrawal.id]
            year, mon = month_of(deadline)
            last = calendar.monthrange(year, mon)[1]
            return self.claim(intro, f"all foreign forces would leave {place} by {month_name(mon)} {last}, {year}",
                              speaker, via, rng.choice(["promised", "planned", "predicted"]),
                              {"subject": withdrawal.id, "predicate": "presence", "scope": "all-troops",
                               "category": "withdrawn", "deadline": f"{year}-{mon:02d}-{last:02d}"})
        institution = rng.choice(self.pool.institutions)
        thing = rng.choice(self.pool.things)
        polarity = self.stance.setdefault((institution.id, thing.id), rng.choice(["positive", "negative"]))
        private = rng.random() < 0.15
        verb = "favours" if polarity == "positive" else "opposes"
        body = (f"{institution.label} {'privately ' if private else ''}{verb} the {thing.label.lower()} as of {when}")
        proposition = {"subject": institution.id, "predicate": "supports", "object": thing.id,
                       "polarity": polarity, "time": ym(month)}
        if private:
            proposition["visibility"] = "private"
        return self.claim(intro, body, speaker, via, "asserted" if not private else "reported", proposition)

    # -- planted contradictions: two claims each, on a subject of their own
    def plant(self, kind: str, index: int, month: int) -> tuple[Claim, Claim]:
        rng = self.rng
        tag = f"{kind.split('-')[0]}-{index:04d}"
        when = words(month)

        def speaker():
            return self.attribution()

        def topic(label: str, etype: str = "topic") -> Entity:
            entity = Entity(f"planted-{tag}", etype, f"{label} (case {tag})")
            self.pool.planted.append(entity)
            return entity

        p = (kind, index)
        if kind == "numeric-conflict":
            subject = topic("US military presence at the northern bases")
            low, high = rng.randrange(1, 5) * 1000, rng.randrange(6, 20) * 1000
            claims = []
            for side, value in (("a", low), ("b", high)):
                s, via, intro = speaker()
                claims.append(self.claim(intro, f"{value:,} US troops were at the {subject.label} in {when}", s, via,
                                         "asserted", {"subject": subject.id, "predicate": "troop-count", "scope": "all-troops",
                                                      "quantity": {"amount": value, "unit": "persons"}, "time": ym(month)},
                                         planted=(*p, side)))
            return claims[0], claims[1]
        if kind == "withdrawal-vs-presence":
            subject = topic("US forces at the river garrison")
            year, mon = month_of(month)
            last = calendar.monthrange(year, mon)[1]
            s, via, intro = speaker()
            a = self.claim(intro, f"every US soldier would be out of the {subject.label} by {month_name(mon)} {last}, {year}",
                           s, via, "promised", {"subject": subject.id, "predicate": "presence", "scope": "all-troops",
                                                "category": "withdrawn", "deadline": f"{year}-{mon:02d}-{last:02d}"},
                           planted=(*p, "a"))
            later = month + rng.randrange(1, 10)
            count = rng.randrange(2, 30) * 100
            s, via, intro = speaker()
            b = self.claim(intro, f"{count:,} US troops were still at the {subject.label} in {words(later)}", s, via,
                           "reported", {"subject": subject.id, "predicate": "troop-count", "scope": "all-troops",
                                        "quantity": {"amount": count, "unit": "persons"}, "time": ym(later)},
                           planted=(*p, "b"))
            return a, b
        if kind == "polarity-conflict":
            institution = topic("Regional council", "government-body")
            thing = rng.choice(self.pool.things)
            s, via, intro = speaker()
            a = self.claim(intro, f"the {institution.label} backs the {thing.label.lower()} as of {when}", s, via, "asserted",
                           {"subject": institution.id, "predicate": "supports", "object": thing.id, "time": ym(month)},
                           planted=(*p, "a"))
            s, via, intro = speaker()
            b = self.claim(intro, f"the {institution.label} rejects the {thing.label.lower()} as of {when}", s, via, "denied",
                           {"subject": institution.id, "predicate": "supports", "object": thing.id,
                            "polarity": "negative", "time": ym(month)}, planted=(*p, "b"))
            return a, b
        if kind == "public-vs-private":
            institution = topic("Provincial authority", "government-body")
            thing = rng.choice(self.pool.things)
            s, via, intro = speaker()
            a = self.claim(intro, f"in private the {institution.label} wants the {thing.label.lower()} as of {when}", s, via,
                           "reported", {"subject": institution.id, "predicate": "supports", "object": thing.id,
                                        "visibility": "private", "time": ym(month)}, planted=(*p, "a"))
            s, via, intro = speaker()
            b = self.claim(intro, f"in public the {institution.label} opposes the {thing.label.lower()} as of {when}", s, via,
                           "asserted", {"subject": institution.id, "predicate": "supports", "object": thing.id,
                                        "polarity": "negative", "time": ym(month)}, planted=(*p, "b"))
            return a, b
        if kind == "deadline-conflict":
            subject = topic("US forces at the airbase")
            first = month + rng.randrange(3, 9)
            second = first + 12 + rng.randrange(12, 24)
            claims = []
            for side, due in (("a", first), ("b", second)):
                year, mon = month_of(due)
                last = calendar.monthrange(year, mon)[1]
                s, via, intro = speaker()
                claims.append(self.claim(
                    intro, f"the last US troops would leave the {subject.label} by {month_name(mon)} {last}, {year}",
                    s, via, "planned", {"subject": subject.id, "predicate": "presence", "scope": "all-troops",
                                        "category": "withdrawn", "deadline": f"{year}-{mon:02d}-{last:02d}"},
                    said_on=ym(month), planted=(*p, side)))
            return claims[0], claims[1]
        if kind == "framing-conflict":
            subject = topic("Occupation of the border district")
            s, via, intro = speaker()
            a = self.claim(intro, f"the {subject.label} was over in {when}", s, via, "asserted",
                           {"subject": subject.id, "predicate": "status", "category": "ended", "time": ym(month)},
                           planted=(*p, "a"))
            s, via, intro = speaker()
            b = self.claim(intro, f"the {subject.label} was still going on in {when}", s, via, "asserted",
                           {"subject": subject.id, "predicate": "status", "category": "ongoing", "time": ym(month)},
                           planted=(*p, "b"))
            return a, b
        raise ValueError(kind)

    # -- articles
    def run(self, out: Path, progress=None) -> dict:
        rng = self.rng
        n_articles = max(1, round(self.target / CLAIMS_PER_ARTICLE))
        per_kind = max(2, self.target // 500)
        slots: dict[int, list[Claim]] = {}
        for kind in KINDS:
            for index in range(per_kind):
                month = rng.randrange(0, 12 * 14)
                a, b = self.plant(kind, index, month)
                first = rng.randrange(n_articles)
                second = first if rng.random() < 0.2 else rng.randrange(n_articles)
                slots.setdefault(first, []).append(a)
                slots.setdefault(second, []).append(b)
        for folder in ("articles", "annotations", "entities"):
            (out / folder).mkdir(parents=True, exist_ok=True)
        refs: dict[tuple, str] = {}
        written = 0
        for number in range(n_articles):
            remaining = self.target - written
            count = min(CLAIMS_PER_ARTICLE, max(remaining - (n_articles - number - 1) * CLAIMS_PER_ARTICLE, 1)) \
                if number == n_articles - 1 else CLAIMS_PER_ARTICLE
            if number == n_articles - 1:
                count = max(1, remaining)
            claims = list(slots.get(number, []))
            story = rng.randrange(len(self.pool.stories))
            start = self.story_start[story]
            month = start + rng.randrange(STORY_MONTHS)
            while len(claims) < count:
                # Mostly the article's own month; some look back one month.
                claims.append(self.background(story, month - (1 if rng.random() < 0.2 else 0)))
            rng.shuffle(claims)
            article_id, refs_here = self.write_article(out, number, story, month, claims)
            refs.update(refs_here)
            written += len(claims)
            if progress:
                progress(number + 1, n_articles)
        entities = self.pool.all()
        self.write_entities(out, entities)
        planted = []
        for kind in KINDS:
            for index in range(per_kind):
                planted.append({"kind": kind, "claims": sorted([refs[(kind, index, "a")], refs[(kind, index, "b")]])})
        expected = {"claims": written, "articles": n_articles, "entities": len(entities),
                    "planted_per_kind": per_kind, "contradictions": planted}
        (out / "expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")
        return expected

    def write_article(self, out: Path, number: int, story: int, month: int, claims: list[Claim]):
        rng = self.rng
        outlet = rng.choice(self.pool.outlets)
        author = rng.choice(self.pool.journalists)
        title = f"Officials give new figures on {PLACES[story % len(PLACES)]} ({words(month)})"
        header = f"{title}\n\nBy {author.label}, {outlet.label}\n\n"
        offset = len(header)
        starts = []
        body: list[str] = []
        for i, claim in enumerate(claims):
            if i and rng.random() < 0.3:
                filler = rng.choice(FILLER) + " "
                body.append(filler)
                offset += len(filler)
            starts.append(offset)
            sentence = claim.sentence + (" " if (i + 1) % 4 else "\n\n")
            body.append(sentence)
            offset += len(sentence)
        text = header + "".join(body).rstrip() + "\n"
        raw = text.encode("utf-8")
        digest = hashlib.sha256(raw).hexdigest()
        article_id = f"{number:06d}_{digest[:16]}"
        (out / "articles" / f"{article_id}.txt").write_bytes(raw)
        year, mon = month_of(month)
        lines = [f"article: {article_id}", f"sha256: {digest}", f"title: {json.dumps(title)}",
                 f"publisher: {outlet.id}", f"authors: [{author.id}]", "published:",
                 f'  date: "{year}-{mon:02d}"', "  status: inferred",
                 f"  evidence: {json.dumps('Synthetic article dated by its story month ' + words(month))}",
                 "checked_by: bench-generator", 'checked_on: "2026-01-01"', "claims:"]
        refs = {}
        for i, (claim, start) in enumerate(zip(claims, starts), start=1):
            assert text[start:start + len(claim.quote)] == claim.quote
            cid = f"c{i:02d}"
            if claim.planted:
                refs[claim.planted] = f"{article_id}.{cid}"
            f = claim.fields
            lines += [f"  - id: {cid}", f"    quote: {json.dumps(claim.quote, ensure_ascii=False)}",
                      f"    start: {start}", f"    speaker: {f['speaker']}", f"    via: [{', '.join(f['via'])}]"]
            if "said_on" in f:
                lines.append(f'    said_on: "{f["said_on"]}"')
            lines.append(f"    modality: {f['modality']}")
            if "hedge" in f:
                lines.append(f"    hedge: {f['hedge']}")
            lines.append("    proposition:")
            for key, value in f["proposition"].items():
                if isinstance(value, dict):
                    lines.append(f"      {key}:")
                    lines += [f"        {k}: {v}" for k, v in value.items()]
                elif key in ("time", "deadline"):
                    lines.append(f'      {key}: "{value}"')
                else:
                    lines.append(f"      {key}: {value}")
            lines.append("    status: checked")
        (out / "annotations" / f"{article_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return article_id, refs

    def write_entities(self, out: Path, entities: list[Entity]) -> None:
        lines = ["# Synthetic entity pool written by bench/generate.py."]
        for e in entities:
            lines += [f"- id: {e.id}", f"  type: {e.type}", f"  label: {json.dumps(e.label)}", "  aliases: []"]
            if e.fields.get("wire"):
                lines.append("  wire: true")
            if "affiliation" in e.fields:
                lines.append(f"  affiliation: {e.fields['affiliation']}")
            for role in e.fields.get("roles", []):
                lines += ["  roles:", f"    - {{role: {json.dumps(role['role'])}, org: {role['org']}, "
                                     f"start: \"{role['start']}\", end: \"{role['end']}\"}}"]
        (out / "entities" / "pool.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def generate(claims: int, out: Path, seed: int = 1, progress=None) -> dict:
    """Write a corpus of about ``claims`` claims to ``out`` (replaced) and return the expectations."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    return Generator(claims, seed).run(out, progress)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1000, help="how many claims (about 20 per article)")
    parser.add_argument("--out", type=Path, required=True, help="corpus folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    with Progress(TextColumn("generating articles"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("articles", total=None)
        expected = generate(args.claims, args.out, args.seed,
                            progress=lambda done, total: bar.update(task, completed=done, total=total))
    print(f"wrote {expected['articles']} articles, {expected['claims']} claims, {expected['entities']} entities, "
          f"{len(expected['contradictions'])} planted contradictions to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
