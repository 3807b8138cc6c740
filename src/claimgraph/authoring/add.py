"""``claimgraph add``: store an article byte-for-byte with its hash and start its annotation."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from claimgraph.authoring.yamledit import dump_yaml
from claimgraph.corpus.load import load_entities, text_sha256
from claimgraph.corpus.problems import CorpusError, Problem, display_path
from claimgraph.corpus.models import Entity, Published
from claimgraph.corpus.files import atomic_write_text, locked
from claimgraph.corpus.timespan import parse_time
from claimgraph.corpus.load import check_article_id
from claimgraph.corpus.models import PUBLISHER_TYPES

__all__ = ["located_error", "AddResult", "add_article", "article_paths", "article_title", "is_header_line"]
_ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def located_error(path: Path | str, field_name: str, message: str, line: int = 0) -> CorpusError:
    return CorpusError([Problem(str(path), line, field_name, message)])


# --------------------------------------------------------------------- add

@dataclass
class AddResult:
    """What :func:`add_article` stored."""

    article_id: str
    text_path: Path
    annotation_path: Path
    sha256: str
    stored_text: bool        # False: the same bytes were already stored
    created_annotation: bool  # False: an annotation already existed and was left alone


def _known_entity(entities: dict[str, Entity], entity_id: str, option: str) -> None:
    if entity_id not in entities:
        close = difflib.get_close_matches(entity_id, list(entities), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; add it to entities/*.yaml first"
        raise located_error(option, "", f"unknown entity {entity_id!r}{hint}")


def add_article(corpus: Path, source: Path, *, publisher: str, authors: Iterable[str] = (), date: str | None = None,
                date_inferred: str | None = None, date_evidence: str | None = None,
                article_id: str | None = None) -> AddResult:
    """Store an article text in ``corpus/articles/`` and start its annotation.

    The text is copied byte for byte (it must be UTF-8) and its sha256 goes
    into a new ``annotations/<id>.yaml`` with the header filled in and no
    claims. ``date`` is a date printed in the article (``status: stated``);
    ``date_inferred`` with ``date_evidence`` is one worked out from the
    content. An article already stored with other bytes is an error; one
    stored with the same bytes is left alone, and so is an existing
    annotation.

    Raises :class:`claimgraph.corpus.problems.CorpusError` with a readable problem.
    """
    corpus, source = Path(corpus), Path(source)
    article_id = article_id or source.stem
    if not _ARTICLE_ID.match(article_id):
        raise located_error("--id", "", f"{article_id!r} is not a usable article id (letters, digits, '_', '.', '-')")
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise located_error(source, "", exc.strerror or str(exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise located_error(source, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if (date is None) == (date_inferred is None):
        raise located_error("--date", "", "give the publication date: --date YYYY[-MM[-DD]] when the article prints it, "
                                     "or --date-inferred YYYY[-MM[-DD]] with --date-evidence")
    if date_inferred is not None and not (date_evidence or "").strip():
        raise located_error("--date-evidence", "", "an inferred date needs --date-evidence saying how it was worked out")
    value = date if date is not None else date_inferred
    try:
        parse_time(value)
    except ValueError as exc:
        raise located_error("--date" if date is not None else "--date-inferred", "", str(exc)) from None
    entities = load_entities((corpus / "entities").glob("*.yaml"), corpus)
    _known_entity(entities, publisher, "--publisher")
    if entities[publisher].type not in PUBLISHER_TYPES:
        raise located_error("--publisher", "", f"{publisher!r} is a {entities[publisher].type}, not an outlet or "
                                               "organisation that publishes; give the outlet's entity id")
    authors = list(authors)
    for author in authors:
        _known_entity(entities, author, "--author")
    text_path = corpus / "articles" / f"{article_id}.txt"
    annotation_path = corpus / "annotations" / f"{article_id}.yaml"
    digest = text_sha256(raw)
    with locked(annotation_path):  # checks and writes under the lock: two adds never interleave
        return _store(corpus, article_id, raw, text, digest, text_path, annotation_path, date, date_evidence, value,
                      publisher, authors)


def _store(corpus: Path, article_id: str, raw: bytes, text: str, digest: str, text_path: Path,
           annotation_path: Path, date: str | None, date_evidence: str | None, value: str, publisher: str,
           authors: list[str]) -> AddResult:
    stored = False
    if text_path.exists():
        if text_path.read_bytes() != raw:
            raise located_error(display_path(text_path, corpus), "", f"a different article is already stored as {article_id!r} "
                                                            f"(sha256 {text_sha256(text_path.read_bytes())[:12]}…); "
                                                            "choose another --id")
    else:
        atomic_write_text(text_path, text)
        if text_sha256(text_path.read_bytes()) != digest:  # pragma: no cover - a broken file system
            raise located_error(display_path(text_path, corpus), "", "the stored copy differs from the source")
        stored = True
    created = False
    if not annotation_path.exists():
        evidence = date_evidence or "The publication date printed in the article (given to claimgraph add)."
        published = {"date": value, "status": "stated" if date is not None else "inferred", "evidence": evidence}
        Published.model_validate(published)
        atomic_write_text(annotation_path, _header_yaml(article_id, digest, article_title(text), publisher, authors, published))
        created = True
    return AddResult(article_id, text_path, annotation_path, digest, stored, created)


_URL_LINE = re.compile(r"^(?:<?(?:https?://|www\.)\S+>?|[\w.-]+\.(?:com|org|net|gov|co\.uk|info)/\S*)$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|from|posted by|written by|reporting by)\b[^.!?]{0,120}$|"
                     r"^[^.!?]{0,80}\|\s*(?:reuters|ap|afp|associated press|bloomberg|al jazeera)\b.*$|"
                     r"^(?:\(?(?:reuters|ap|afp|associated press|bloomberg)\)?)$", re.IGNORECASE)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|last modified|first published|date)\s*:?\s*)?"
    rf"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*)?"
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{1,2}},?\s*\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s*\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    rf"(?:[ ,T]*\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:gmt|utc|et|est|edt|[+-]\d{{2}}:?\d{{2}})?)?\s*$",
    re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,\s*[^()]{0,40})?\s*\((?:AP|AFP|Reuters|Bloomberg)\)\s*[-—–]", re.UNICODE)


def is_header_line(line: str) -> bool:
    """Whether a line is page furniture rather than a title: a web address, a
    byline ("By …", "Name | Reuters"), a date line or a wire dateline.

    Examples
    --------
    >>> [is_header_line(x) for x in ("https://example.com/a/b", "By Jane Doe, Associated Press",
    ...                                "Published 2020-01-06 08:15 GMT", "July 26, 2021", "Iraq's parliament votes")]
    [True, True, True, True, False]
    """
    line = line.strip()
    return bool(_URL_LINE.match(line) or _BYLINE.match(line) or _DATE_LINE.match(line) or _DATELINE.match(line))


def article_title(text: str) -> str:
    """The title ``add`` writes: the first non-empty line that is not a web
    address, byline, date line or dateline (quotes and spacing tidied).

    Examples
    --------
    >>> article_title("https://x.org/2011/10/16/story\\n\\nBy AP staff\\nIraq talks stall over immunity\\nBAGHDAD (AP) — ...")
    'Iraq talks stall over immunity'
    """
    for line in text.splitlines():
        if line.strip() and not is_header_line(line):
            return " ".join(line.split())[:300]
    return "(untitled)"


def _header_yaml(article_id: str, digest: str, title: str, publisher: str, authors: list[str],
                 published: dict[str, str]) -> str:
    data = CommentedMap()
    data["article"] = article_id
    data["sha256"] = digest
    data["title"] = DoubleQuotedScalarString(title)
    data["publisher"] = publisher
    author_list = CommentedSeq(authors)
    author_list.fa.set_flow_style()
    data["authors"] = author_list
    when = CommentedMap()
    when["date"] = DoubleQuotedScalarString(published["date"])
    when["status"] = published["status"]
    when["evidence"] = DoubleQuotedScalarString(published["evidence"])
    data["published"] = when
    claims = CommentedSeq()
    claims.fa.set_flow_style()
    data["claims"] = claims
    excluded = CommentedSeq()
    excluded.fa.set_flow_style()
    data["excluded"] = excluded
    data.yaml_set_start_comment(
        f"Annotation of articles/{article_id}.txt (docs/annotation-guide.md).\n"
        "Started by `claimgraph add`; `claimgraph draft` adds candidate claims with status: draft,\n"
        "`claimgraph review` checks them, `claimgraph check` lists what is left to do.")
    return dump_yaml(data)


def article_paths(corpus: Path, article_id: str) -> tuple[Path, Path]:
    check_article_id(article_id)  # no path outside the corpus (issue 15)
    text_path = Path(corpus) / "articles" / f"{article_id}.txt"
    annotation_path = Path(corpus) / "annotations" / f"{article_id}.yaml"
    if not text_path.exists():
        raise located_error(display_path(text_path, Path(corpus)), "", f"no article {article_id!r}; store it with claimgraph add")
    if not annotation_path.exists():
        raise located_error(display_path(annotation_path, Path(corpus)), "", "no annotation yet; claimgraph add creates it")
    return text_path, annotation_path
