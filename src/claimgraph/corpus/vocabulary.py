"""The vocabularies an annotation may use: the ontology's predicates, categories,
scopes, frames, units, modalities and hedges, and a corpus's own additions
(``corpus/vocabulary.ttl``), read into :class:`Vocabulary`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from claimgraph.corpus.problems import CorpusError, OntologyError, Problem, display_path
from claimgraph.namespaces import CG_IRI, local_name
from claimgraph.resources import internal_query

__all__ = ["Vocabulary", "VOCABULARY_FILE", "load_vocabulary", "read_ontology", "read_vocabulary_extension",
           "corpus_ontology_text", "load_corpus_vocabulary"]


@dataclass(frozen=True)
class Vocabulary:
    """The controlled terms of the ontology, by local name."""

    predicates: dict[str, str]
    categories: frozenset[str]
    scopes: frozenset[str]
    modalities: frozenset[str]
    hedges: frozenset[str]
    kinds: frozenset[str]
    frames: frozenset[str] = frozenset()
    labels: dict[str, str] = field(default_factory=dict)
    persistence: dict[str, int] = field(default_factory=dict)
    restatement: dict[str, int] = field(default_factory=dict)
    units: frozenset[str] = frozenset()
    signed_units: frozenset[str] = frozenset()

    def context(self) -> dict[str, Any]:
        return {
            "predicates": set(self.predicates), "value_kinds": self.predicates, "frames": self.frames,
            "categories": self.categories, "scopes": self.scopes,
            "modalities": self.modalities, "hedges": self.hedges,
            "units": self.units, "signed_units": self.signed_units,
        }


def _local_names(store: ox.Store, cls: str) -> list[tuple[str, str | None]]:
    rows = []
    for row in store.query(internal_query("vocabulary-class-terms"),
                           substitutions={ox.Variable("class"): ox.NamedNode(CG_IRI + cls)}):
        iri = row["term"].value
        if iri.startswith(CG_IRI):
            rows.append((iri[len(CG_IRI):], row["value"].value if row["value"] else None))
    return rows


VOCABULARY_FILE = "vocabulary.ttl"


def read_vocabulary_extension(path: Path, display: str) -> str:
    """A corpus's own vocabulary (``corpus/vocabulary.ttl``): new predicates,
    frames, scopes and categories in Turtle, with labels and definitions.

    It is read after the ontology, into the same graph; every term it types
    needs an ``rdfs:label``. A problem is one line naming the file and line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError([Problem(display, 0, "", f"cannot read the vocabulary extension: {exc}")]) from None
    store = ox.Store()
    try:
        store.load(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    except SyntaxError as exc:
        line = getattr(exc, "lineno", None) or 0
        raise CorpusError([Problem(display, line, "", f"not valid Turtle: {str(exc).splitlines()[0]}")]) from None
    problems = []
    for row in store.query(internal_query("vocabulary-unlabelled")):
        term = row["s"].value
        problems.append(Problem(display, _line_of_text(text, term), "", f"term {local_name(term)!r} needs an rdfs:label"))
    if problems:
        raise CorpusError(problems)
    return text


def _line_of_text(text: str, iri: str) -> int:
    name = local_name(iri)
    for number, line in enumerate(text.splitlines(), start=1):
        if name in line:
            return number
    return 0


def _persistence(store: ox.Store) -> dict[str, int]:
    """Days each predicate persists after its stated time, from its own or its
    family's ``cg:persistsDays`` (the nearest declaration wins)."""
    return {row["term"].value[len(CG_IRI):]: int(row["persists"].value)
            for row in store.query(internal_query("vocabulary-persistence"))
            if row["term"].value.startswith(CG_IRI)}


def _restatement(store: ox.Store) -> dict[str, int]:
    """Days after its stated time within which each predicate's proposition,
    stated again, is the same fact (``cg:restatedWithinDays``)."""
    return {row["term"].value[len(CG_IRI):]: int(row["window"].value)
            for row in store.query(internal_query("vocabulary-restatement"))
            if row["term"].value.startswith(CG_IRI)}


def read_ontology(path: Path) -> str:
    """The ontology's Turtle text, checked: a file that cannot be read, is not
    UTF-8 or is not valid Turtle is an :class:`OntologyError` naming the file
    and line."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise OntologyError(f"{path}: cannot read the ontology: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise OntologyError(f"{path}: not an ontology: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        ox.Store().load(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    except SyntaxError as exc:
        message = str(exc).splitlines()[0]
        found = re.search(r"line (\d+)", message)
        where = f"{path}:{found.group(1)}" if found else str(path)
        raise OntologyError(f"{where}: not valid Turtle: {message}") from None
    return text


def load_vocabulary(ontology_text: str) -> Vocabulary:
    """Collect the vocabulary terms an annotation may use.

    Examples
    --------
    >>> from claimgraph.resources import default_ontology_path
    >>> vocab = load_vocabulary(default_ontology_path().read_text(encoding="utf-8"))
    >>> vocab.predicates["troop-count"], vocab.predicates["supports"], "withdrawn" in vocab.categories
    ('quantity', 'object', True)
    """
    store = ox.Store()
    try:
        store.load(ontology_text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    except SyntaxError as exc:
        raise OntologyError(f"the ontology is not valid Turtle: {str(exc).splitlines()[0]}") from None
    names = {cls: _local_names(store, cls) for cls in
             ("Predicate", "Category", "Scope", "Modality", "Hedge", "ContradictionKind", "Frame", "Unit")}
    signed = {row["u"].value[len(CG_IRI):] for row in store.query(internal_query("vocabulary-signed-units"))
              if row["u"].value.startswith(CG_IRI)}
    return Vocabulary(
        predicates={name: value or "category" for name, value in names["Predicate"]},
        frames=frozenset(n for n, _ in names["Frame"]),
        persistence=_persistence(store),
        restatement=_restatement(store),
        categories=frozenset(n for n, _ in names["Category"]),
        scopes=frozenset(n for n, _ in names["Scope"]),
        modalities=frozenset(n for n, _ in names["Modality"]),
        hedges=frozenset(n for n, _ in names["Hedge"]),
        kinds=frozenset(n for n, _ in names["ContradictionKind"]),
        labels=_labels(store),
        units=frozenset(n for n, _ in names["Unit"]),
        signed_units=frozenset(signed),
    )


def _labels(store: ox.Store) -> dict[str, str]:
    labels: dict[str, str] = {}
    for row in store.query(internal_query("vocabulary-labels")):
        iri = row["term"].value
        if isinstance(row["term"], ox.NamedNode) and iri.startswith(CG_IRI):
            labels.setdefault(iri[len(CG_IRI):], row["label"].value)
    return labels


def corpus_ontology_text(root: Path, ontology_path: Path) -> str:
    """The ontology's text followed by the corpus's own ``vocabulary.ttl``, if it has one."""
    ontology_text = read_ontology(ontology_path)
    extension = Path(root) / VOCABULARY_FILE
    if extension.exists():
        ontology_text += "\n" + read_vocabulary_extension(extension, display_path(extension, Path(root)))
    return ontology_text


def load_corpus_vocabulary(root: Path, ontology_path: Path) -> Vocabulary:
    """The vocabulary a corpus's annotations may use: the ontology's terms and the corpus's own
    (``check``, ``draft`` and ``review`` read it as the build does)."""
    return load_vocabulary(corpus_ontology_text(root, ontology_path))
