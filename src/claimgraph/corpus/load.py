"""Read a corpus folder: article texts, the entity registry, annotations,
review decisions, and the vocabularies defined in the ontology.

Every problem becomes a :class:`Problem` that names the file, the line and
the field; :class:`CorpusError` carries all of them at once so a user fixes
a file in one pass.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import TypeAdapter, ValidationError

from claimgraph.cache import Cache, content_key
from claimgraph.memory import paused_gc
from claimgraph.corpus.models import Annotation, Entity, ReviewFile
from claimgraph.corpus.problems import CorpusError, Problem, display_path
from claimgraph.corpus.vocabulary import VOCABULARY_FILE, Vocabulary, load_vocabulary, read_ontology, read_vocabulary_extension
from claimgraph.namespaces import ontology_terms

__all__ = [
    "Problem", "CorpusError", "Vocabulary", "Article", "Corpus",
    "load_vocabulary", "load_entities", "load_annotation", "load_reviews", "load_corpus",
]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Article:
    """An article text with its checked annotation."""

    id: str
    text: str
    sha256: str
    annotation: Annotation
    path: Path


@dataclass
class Corpus:
    """Everything the build needs, validated."""

    root: Path
    ontology_text: str
    vocabulary: Vocabulary
    entities: dict[str, Entity]
    articles: list[Article]
    reviews: ReviewFile = field(default_factory=ReviewFile)
    unannotated: list[str] = field(default_factory=list)
    # Terms the corpus's own vocabulary file adds, by local name.
    own_vocabulary: list[str] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    @property
    def claim_count(self) -> int:
        return sum(len(a.annotation.claims) for a in self.articles)


_ARTICLE_ID = re.compile(r"^[A-Za-z0-9_.-]+$")

#: What a command accepts as an article id: a file name stem, never a path.
ARTICLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def check_article_id(article_id: str, where: str = "ARTICLE_ID") -> str:
    """``article_id`` if it names an article inside the corpus; a :class:`CorpusError` for a path
    such as ``../../x/articles/y`` (every command that takes an article id calls this).

    >>> check_article_id("000_85ae37198172c629")
    '000_85ae37198172c629'
    """
    if not ARTICLE_ID.fullmatch(article_id or ""):
        raise CorpusError([Problem(where, 0, "", f"{article_id!r} is not an article id: letters, digits, '_', '.' "
                                                 "and '-', starting with a letter or digit; never a path")])
    return article_id


# ---------------------------------------------------------------- YAML lines

def _read_yaml(path: Path, display: str, cache: Cache | None = None) -> tuple[Any, str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError([Problem(display, 0, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    key = content_key(raw, yaml.__version__) if cache else ""
    if cache:
        hit = cache.get("yaml", key)
        if isinstance(hit, dict) and "data" in hit:
            return hit["data"], text
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        message = getattr(exc, "problem", None) or str(exc)
        raise CorpusError([Problem(display, line, "", f"YAML syntax error: {message}")]) from None
    except ValueError:  # an integer past Python's conversion limit (4300 digits)
        long = re.search(r"\d{100,}", text)
        line = text.count("\n", 0, long.start()) + 1 if long else 0
        raise CorpusError([Problem(display, line, "", "a number too long to read (more than 4300 digits)")]) from None
    # Only what JSON gives back unchanged (not dates, not integer keys), so a
    # cached parse validates exactly as a fresh one.
    if cache:
        try:
            encoded = json.dumps({"data": data}, ensure_ascii=False)
        except (TypeError, ValueError):
            encoded = None
        if encoded is not None and json.loads(encoded)["data"] == data:
            cache.put_json("yaml", key, encoded)
    return data, text


def line_of(text: str, loc: tuple) -> int:
    """The 1-based line of the node at ``loc`` (or of its deepest ancestor)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    line = 1
    for key in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(key)), None)
            if match is None:
                break
            line = match[0].start_mark.line + 1
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _field_name(loc: tuple, data: Any) -> str:
    parts: list[str] = []
    current = data
    for key in loc:
        if isinstance(key, int):
            label = f"[{key}]"
            item = current[key] if isinstance(current, list) and key < len(current) else None
            if isinstance(item, dict) and "id" in item:
                label = f"[{key}]({item['id']})"
            parts.append(label)
            current = item
        else:
            parts.append(("." if parts else "") + str(key))
            current = current.get(key) if isinstance(current, dict) else None
    return "".join(parts)


def validation_problems(error: ValidationError, display: str, text: str, data: Any) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and part.startswith("function-")))
        message = item["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if message.startswith("quote") and loc and isinstance(loc[-1], int):
            loc = (*loc, "quote")  # grounding errors belong to the quote, not the whole item
        if item["type"] == "extra_forbidden":
            message = "unknown field (a typo?)"
        elif item["type"] == "missing":
            message = "required field is missing"
        problems.append(Problem(display, line_of(text, loc), _field_name(loc, data), message))
    return problems


# ------------------------------------------------------------------ loaders

def load_entities(paths: Iterable[Path], root: Path | None = None) -> dict[str, Entity]:
    """Load and cross-check the registry files; ids are unique across files."""
    adapter = TypeAdapter(list[Entity])
    entities: dict[str, Entity] = {}
    origin: dict[str, str] = {}
    problems: list[Problem] = []
    texts: dict[str, tuple[str, Any, list[Entity]]] = {}
    for path in sorted(paths):
        display = display_path(path, root)
        data, text = _read_yaml(path, display)
        data = data or []
        try:
            parsed = adapter.validate_python(data)
        except ValidationError as exc:
            problems += validation_problems(exc, display, text, data)
            continue
        texts[display] = (text, data, parsed)
        for index, entity in enumerate(parsed):
            if entity.id in entities:
                problems.append(Problem(display, line_of(text, (index, "id")), f"[{index}].id",
                                        f"duplicate entity id {entity.id!r} (first in {origin[entity.id]})"))
                continue
            entities[entity.id] = entity
            origin[entity.id] = display
    for display, (text, data, parsed) in texts.items():
        for index, entity in enumerate(parsed):
            refs = [("affiliation", entity.affiliation)]
            refs += [(f"roles[{i}].org", role.org) for i, role in enumerate(entity.roles)]
            for field_name in ("broader", "part_of", "ends"):
                for i, ref in enumerate(getattr(entity, field_name)):
                    loc = (index, field_name, i)
                    if ref not in entities:
                        problems.append(Problem(display, line_of(text, loc), f"[{index}]({entity.id}).{field_name}",
                                                f"unknown entity {ref!r}"))
                    elif ref == entity.id:
                        problems.append(Problem(display, line_of(text, loc), f"[{index}]({entity.id}).{field_name}",
                                                "an entity cannot be part of or narrower than itself"))
            for name, ref in refs:
                loc = (index, "affiliation") if name == "affiliation" else (index, "roles")
                if ref is not None and ref not in entities:
                    problems.append(Problem(display, line_of(text, loc), f"[{index}]({entity.id}).{name}",
                                            f"unknown entity {ref!r}"))
                elif ref is not None and entities[ref].type in ("topic", "anonymous"):
                    problems.append(Problem(display, line_of(text, loc), f"[{index}]({entity.id}).{name}",
                                            f"{ref!r} is a {entities[ref].type}, not an organisation, person or place"))
    if problems:
        raise CorpusError(problems)
    return entities


def text_sha256(text_bytes: bytes) -> str:
    """Hex sha256 of an article's stored bytes."""
    return hashlib.sha256(text_bytes).hexdigest()


def load_annotation(path: Path, text: str, sha256: str, entities: dict[str, Entity],
                    vocabulary: Vocabulary, *, include_drafts: bool = False,
                    root: Path | None = None, cache: Cache | None = None) -> Annotation:
    """Validate one annotation file against its text, the registry and the vocabulary.

    With a ``cache``, the parsed YAML is reused while the file's bytes are
    unchanged; the validation always runs.
    """
    display = display_path(path, root)
    data, raw = _read_yaml(path, display, cache)
    if not isinstance(data, dict):
        raise CorpusError([Problem(display, 1, "", "an annotation file must be a mapping")])
    context = vocabulary.context() | {
        "entities": entities, "text": text, "sha256": sha256,
        "article_id": path.stem, "include_drafts": include_drafts,
    }
    try:
        annotation = Annotation.model_validate(data, context=context)
    except ValidationError as exc:
        raise CorpusError(validation_problems(exc, display, raw, data)) from None
    problems = []
    seen: dict[str, int] = {}
    for index, claim in enumerate(annotation.claims):
        if claim.id in seen:
            problems.append(Problem(display, line_of(raw, ("claims", index, "id")), f"claims[{index}].id",
                                    f"duplicate claim id {claim.id!r} (first at claims[{seen[claim.id]}])"))
        seen.setdefault(claim.id, index)
        if claim.status == "checked" and not (claim.checked_by or annotation.checked_by):
            problems.append(Problem(display, line_of(raw, ("claims", index)), f"claims[{index}]({claim.id}).checked_by",
                                    "a checked claim needs a checker (checked_by here or in the header)"))
    if problems:
        raise CorpusError(problems)
    return annotation


def load_reviews(path: Path, root: Path | None = None) -> ReviewFile:
    """Load the hand-edited review decisions (missing file: no decisions)."""
    if not path.exists():
        return ReviewFile()
    display = display_path(path, root)
    data, raw = _read_yaml(path, display)
    try:
        return ReviewFile.model_validate(data or {})
    except ValidationError as exc:
        raise CorpusError(validation_problems(exc, display, raw, data)) from None


def load_corpus(root: Path, ontology_path: Path, *, include_drafts: bool = False,
                cache: Cache | None = None) -> Corpus:
    """Load and validate a whole corpus folder.

    ``cache`` (see :mod:`claimgraph.cache`) keeps parsed annotation YAML
    between runs, keyed by each file's content.

    Examples
    --------
    >>> from claimgraph.resources import default_corpus_path, default_ontology_path
    >>> corpus = load_corpus(default_corpus_path(), default_ontology_path())
    >>> len(corpus.articles), corpus.claim_count > 50
    (5, True)
    """
    with paused_gc():
        return _load_corpus(Path(root), Path(ontology_path), include_drafts, cache)


def _load_corpus(root: Path, ontology_path: Path, include_drafts: bool, cache: Cache | None) -> Corpus:
    if not (root / "articles").is_dir():
        raise CorpusError([Problem(str(root), 0, "", "not a corpus folder (no articles/ inside)")])
    ontology_text = read_ontology(ontology_path)
    extension = root / VOCABULARY_FILE
    own: list[str] = []
    if extension.exists():
        extension_text = read_vocabulary_extension(extension, display_path(extension, root))
        own = sorted(ontology_terms(extension_text))
        ontology_text += "\n" + extension_text
    vocabulary = load_vocabulary(ontology_text)
    entities = load_entities((root / "entities").glob("*.yaml"), root)
    problems: list[Problem] = []
    articles: list[Article] = []
    unannotated: list[str] = []
    for text_path in sorted((root / "articles").glob("*.txt")):
        raw = text_path.read_bytes()
        ann_path = root / "annotations" / f"{text_path.stem}.yaml"
        if not ann_path.exists():
            unannotated.append(text_path.stem)
            continue
        if not _ARTICLE_ID.match(text_path.stem):
            problems.append(Problem(display_path(text_path, root), 0, "", f"article id {text_path.stem!r} (the file name) "
                                    "may only use letters, digits, '_', '.' and '-': it becomes part of IRIs"))
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(display_path(text_path, root), 0, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
            continue
        digest = text_sha256(raw)
        try:
            annotation = load_annotation(ann_path, text, digest, entities, vocabulary,
                                         include_drafts=include_drafts, root=root, cache=cache)
        except CorpusError as exc:
            problems += exc.problems
            continue
        articles.append(Article(text_path.stem, text, digest, annotation, ann_path))
    for ann_path in sorted((root / "annotations").glob("*.yaml")):
        if not (root / "articles" / f"{ann_path.stem}.txt").exists():
            problems.append(Problem(display_path(ann_path, root), 0, "", f"no article text articles/{ann_path.stem}.txt"))
    try:
        reviews = load_reviews(root / "reviews.yaml", root)
    except CorpusError as exc:
        problems += exc.problems
        reviews = ReviewFile()
    if problems:
        raise CorpusError(problems)
    return Corpus(root, ontology_text, vocabulary, entities, articles, reviews, unannotated, own)
