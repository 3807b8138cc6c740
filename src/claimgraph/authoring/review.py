"""``claimgraph review``: go through an article's draft claims one by one and record each decision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from claimgraph.authoring.add import article_paths
from claimgraph.authoring.draft import claim_spans
from claimgraph.authoring.yamledit import YAML_LOADER, insert_items, item_text, replace_item, yaml_quoted
from claimgraph.corpus.load import load_entities
from claimgraph.corpus.problems import display_path
from claimgraph.corpus.mentions import Mention, find_dates, find_quantities
from claimgraph.corpus.models import Claim
from claimgraph.extract.candidates import PLACEHOLDER
from claimgraph.corpus.files import atomic_write_text, locked
from claimgraph.corpus.vocabulary import load_corpus_vocabulary

__all__ = ["ReviewError", "ReviewSession", "GUESS_MARKERS"]


# ------------------------------------------------------------------ review

#: Note parts the draft writes while the proposition is its guess (or its placeholder); editing the proposition
#: replaces them.
GUESS_MARKERS = ("proposition guessed", "check subject, property and scope", PLACEHOLDER)
CONFIRMED_NOTE = "proposition set by the reviewer"


def _confirm_note(item: CommentedMap) -> None:
    """Replace the draft's "guessed" remark in a note once the reviewer has set the proposition."""
    note = str(item.get("note") or "")
    if not any(marker in note for marker in GUESS_MARKERS):
        return
    parts = [part for part in note.split("; ") if not any(part.startswith(m) for m in GUESS_MARKERS)]
    item["note"] = DoubleQuotedScalarString("; ".join(parts + [CONFIRMED_NOTE]))


class ReviewError(ValueError):
    """A review step that cannot be applied; the message says why."""


_KIND_KEYS = {"category": ("object", "quantity", "frame"), "object": ("category", "quantity", "frame"),
              "quantity": ("category", "object", "frame"), "frame": ("category", "object", "quantity"),
              "time": ("deadline",), "deadline": ("time",)}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


class ReviewSession:
    """Decisions on one article's draft claims, each saved at once.

    The file is read again before every decision and only the decided
    claim's lines (and any new exclusions) change, so an edit made in
    another editor between two decisions is kept, every other byte stays
    as it was, and an interrupted review loses nothing already decided.
    """

    def __init__(self, corpus: Path, article_id: str, ontology_path: Path):
        self.corpus = Path(corpus)
        self.article_id = article_id
        self.text_path, self.path = article_paths(self.corpus, article_id)
        self.raw = self.text_path.read_bytes()
        self.text = self.raw.decode("utf-8")
        self.entities = load_entities((self.corpus / "entities").glob("*.yaml"), self.corpus)
        self.vocabulary = load_corpus_vocabulary(self.corpus, ontology_path)
        self.display = display_path(self.path, self.corpus)
        self.pending: dict[str, CommentedMap] = {}    # edits that do not validate yet, by claim id

    # ------------------------------------------------------------ reading
    def _read(self) -> tuple[str, dict[str, Any]]:
        source = self.path.read_text(encoding="utf-8")
        try:
            data = yaml.load(source, Loader=YAML_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise ReviewError(f"{self.display}:{mark.line + 1 if mark else 0}: YAML syntax error: "
                              f"{getattr(exc, 'problem', None) or exc}") from None
        if not isinstance(data, dict):
            raise ReviewError(f"{self.display}: an annotation file must be a mapping")
        return source, data

    def _index(self, data: dict[str, Any], claim_id: str) -> int:
        for index, item in enumerate(data.get("claims") or []):
            if isinstance(item, dict) and str(item.get("id")) == claim_id:
                return index
        raise ReviewError(f"no claim {claim_id!r} in {self.display}")

    def drafts(self) -> list[str]:
        """Ids of the claims still in draft, in file order."""
        return [str(item.get("id")) for item in self._read()[1].get("claims") or []
                if isinstance(item, dict) and item.get("status") == "draft"]

    def claim(self, claim_id: str) -> dict[str, Any]:
        """The claim as plain data (with any pending edit applied)."""
        if claim_id in self.pending:
            return _plain(self.pending[claim_id])
        data = self._read()[1]
        return data["claims"][self._index(data, claim_id)]

    def context(self, claim_id: str, width: int = 160) -> tuple[str, str, str]:
        """The words before the quote, the quote, and the words after (for display)."""
        item = self.claim(claim_id)
        quote = str(item.get("quote", ""))
        start = item.get("start")
        if not isinstance(start, int) or self.text[start:start + len(quote)] != quote:
            start = self.text.find(quote)
        if start < 0:
            return "", quote, ""
        return (self.text[max(0, start - width):start], quote,
                self.text[start + len(quote):start + len(quote) + width // 2])

    def problems(self, claim: dict[str, Any]) -> list[str]:
        """Why a claim would not load (empty: it validates)."""
        context = self.vocabulary.context() | {"entities": self.entities, "text": self.text, "include_drafts": True}
        try:
            Claim.model_validate(claim, context=context)
        except ValidationError as exc:
            messages = []
            for error in exc.errors(include_url=False):
                where = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-"))
                message = error["msg"].removeprefix("Value error, ")
                if error["type"] == "extra_forbidden":
                    message = "unknown field (a typo?)"
                messages.append(f"{where}: {message}" if where else message)
            return messages
        return []

    def is_guess(self, claim_id: str) -> bool:
        """Whether the claim's proposition is still the draft's guess (its note
        says so until a reviewer edits the proposition or takes an aligned one)."""
        note = str(self.claim(claim_id).get("note") or "")
        return any(marker in note for marker in GUESS_MARKERS)

    # ------------------------------------------------------------ writing
    def _decide(self, claim_id: str, change) -> list[Mention]:
        """Apply ``change(data, index, item) -> (item or None, exclusions)`` to one draft and save,
        reading and writing the file under its lock."""
        with locked(self.path):
            return self._decide_locked(claim_id, change)

    def _decide_locked(self, claim_id: str, change) -> list[Mention]:
        source, data = self._read()
        index = self._index(data, claim_id)
        if data["claims"][index].get("status") != "draft":
            raise ReviewError(f"claim {claim_id} is {data['claims'][index].get('status')}, not a draft; "
                              "review only changes drafts")
        item = self.pending.get(claim_id)
        if item is None:
            item = item_text(source, "claims", index)[2]
        item, exclusions = change(data, index, item)
        updated = replace_item(source, "claims", index, item)
        if exclusions:
            updated = insert_items(updated, "excluded", [_exclusion(m, reason) for m, reason in exclusions])
        yaml.load(updated, Loader=YAML_LOADER)           # never write a file that does not parse
        atomic_write_text(self.path, updated)
        self.pending.pop(claim_id, None)
        return [m for m, _ in exclusions]

    def accept(self, claim_id: str, by: str, on: str | None = None) -> None:
        """Mark a draft checked by ``by`` today; it must validate."""
        def change(data: dict, index: int, item: CommentedMap):
            problems = self.problems(_plain(item) | {"status": "checked"})
            if problems:
                raise ReviewError("cannot accept: " + "; ".join(problems))
            item["status"] = "checked"
            item["checked_by"] = by
            item["checked_on"] = DoubleQuotedScalarString(on or dt.date.today().isoformat())
            return item, []
        self._decide(claim_id, change)

    def edit(self, claim_id: str, path: str, value: str) -> list[str]:
        """Set one field (``speaker``, ``modality``, ``proposition.subject``,
        ``proposition.quantity.amount`` ...) to a YAML value; an empty value
        removes the field. Setting one kind of value (category, entity,
        quantity; time or deadline) removes the other kinds.

        Saved at once when the claim still validates; otherwise the edit is
        held and the problems are returned, so a second edit can finish it.
        """
        keys = [k for k in path.strip().split(".") if k]
        if not keys or keys[0] in ("id", "status", "checked_by", "checked_on", "rejected"):
            raise ReviewError(f"cannot edit {path!r} here (use accept or reject)")
        try:
            parsed = yaml.safe_load(value) if value.strip() else None
        except yaml.YAMLError as exc:
            raise ReviewError(f"not a YAML value: {exc}") from None
        working = self._working_draft(claim_id)
        target = working
        for key in keys[:-1]:
            if key not in target or not hasattr(target[key], "get"):
                target[key] = CommentedMap()
            target = target[key]
        last = keys[-1]
        if parsed is None:
            target.pop(last, None)
        else:
            if isinstance(parsed, (dt.date, dt.datetime)):
                parsed = parsed.isoformat()
            if last in ("time", "deadline", "said_on") and isinstance(parsed, (str, dict)):
                parsed = yaml_quoted(parsed)
            target[last] = parsed
            if keys[0] == "proposition" and len(keys) >= 2 and keys[1] in _KIND_KEYS:
                for other in _KIND_KEYS[keys[1]]:
                    working["proposition"].pop(other, None)
        if keys[0] == "proposition" and keys[-1] not in ("time", "deadline"):
            _confirm_note(working)
        return self._save_or_hold(claim_id, working)

    def _save_or_hold(self, claim_id: str, working) -> list[str]:
        """Save an edited draft if it validates; else keep it pending and return its problems."""
        problems = self.problems(_plain(working))
        if problems:
            self.pending[claim_id] = working
            return problems
        self._decide(claim_id, lambda data, index, item: (working, []))
        return []

    def _working_draft(self, claim_id: str):
        """The draft claim being edited: the pending edits, or the item as the file has it."""
        source, data = self._read()
        index = self._index(data, claim_id)
        if data["claims"][index].get("status") != "draft":
            raise ReviewError(f"claim {claim_id} is {data['claims'][index].get('status')}, not a draft")
        working = self.pending.get(claim_id)
        return working if working is not None else item_text(source, "claims", index)[2]

    def adopt(self, claim_id: str, proposition: dict[str, Any]) -> list[str]:
        """Take an existing proposition's subject, predicate, scope and object
        (``category``, ``object`` or ``frame``; a quantity keeps the claim's own
        figure) for a draft, as one edit. Returns the problems (empty: saved)."""
        working = self._working_draft(claim_id)
        target = working.get("proposition")
        if not hasattr(target, "get"):
            target = working["proposition"] = CommentedMap()
        own_quantity = target.get("quantity")
        for key in ("subject", "predicate", "scope", "category", "object", "frame", "quantity", "polarity"):
            target.pop(key, None)
        for key in ("subject", "predicate", "scope", "category", "object", "frame"):
            if proposition.get(key):
                target[key] = proposition[key]
        if not any(k in target for k in ("category", "object", "frame")) and own_quantity is not None:
            target["quantity"] = own_quantity
        if proposition.get("polarity") == "negative":
            target["polarity"] = "negative"
        _confirm_note(working)
        return self._save_or_hold(claim_id, working)

    def _uncovered_after(self, data: dict[str, Any], index: int) -> list[Mention]:
        """Figures and dates inside claim ``index`` that nothing else covers once it is set aside."""
        claims = data.get("claims") or []
        others = [c for i, c in enumerate(claims) if i != index and isinstance(c, dict) and c.get("status") != "rejected"]
        spans = claim_spans(others, self.text) + claim_spans(data.get("excluded") or [], self.text)
        own = claim_spans([claims[index]], self.text)
        if not own:
            return []
        start, end = own[0]
        dates = find_dates(self.text)
        mentions = find_quantities(self.text, dates) + dates
        return sorted(m for m in mentions if start <= m.start and m.end <= end
                      and not any(s <= m.start and m.end <= e for s, e in spans))

    def reject(self, claim_id: str, reason: str, by: str, on: str | None = None) -> list[Mention]:
        """Mark a draft rejected with a reason. Figures and dates that only this
        claim covered are excluded with the same reason (returned)."""
        if not reason.strip():
            raise ReviewError("a rejection needs a reason")

        def change(data: dict, index: int, item: CommentedMap):
            item["status"] = "rejected"
            record = CommentedMap()
            record["reason"] = DoubleQuotedScalarString(reason.strip())
            record["by"] = by
            record["date"] = DoubleQuotedScalarString(on or dt.date.today().isoformat())
            item["rejected"] = record
            label = f"{reason.strip()} (rejected draft {claim_id})"
            return item, [(m, label) for m in self._uncovered_after(data, index)]
        return self._decide(claim_id, change)

    def exclude(self, claim_id: str, reason: str, by: str) -> list[Mention]:
        """Replace a draft by exclusions of the figures and dates only it covered
        (for a figure or date that carries no claim); returns them."""
        if not reason.strip():
            raise ReviewError("an exclusion needs a reason")

        def change(data: dict, index: int, item: CommentedMap):
            mentions = self._uncovered_after(data, index)
            if not mentions:
                raise ReviewError("nothing to exclude: no figure or date in this quote is left uncovered; reject it instead")
            return None, [(m, f"{reason.strip()} ({by})") for m in mentions]
        return self._decide(claim_id, change)


def _exclusion(mention: Mention, reason: str) -> CommentedMap:
    entry = CommentedMap()
    entry["quote"] = DoubleQuotedScalarString(mention.text)
    entry["start"] = mention.start
    entry["reason"] = DoubleQuotedScalarString(reason)
    return entry
