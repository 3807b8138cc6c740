"""The N-Quads writer: terms, literals and escapes exactly as Oxigraph writes
them, so text written here and text Oxigraph dumps sort and compare the same;
``cg[...]`` refuses a term the ontology does not declare."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from claimgraph.corpus.timespan import TimeSpan
from claimgraph.namespaces import CG_IRI, OA_IRI, ontology_terms

__all__ = ["Graph", "cg", "oa", "iri_ref", "text", "typed", "boolean", "date_literal", "decimal_literal",
           "integer_literal", "SCHEMA", "XSD", "RDF_TYPE", "RDFS_LABEL", "RDFS_COMMENT", "SKOS_ALT", "SKOS_BROADER",
           "PROV_AGENT", "HEADLINE", "IDENTIFIER"]

SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
RDFS_COMMENT = "<http://www.w3.org/2000/01/rdf-schema#comment>"
SKOS_ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
SKOS_BROADER = "<http://www.w3.org/2004/02/skos/core#broader>"
PROV_AGENT = "<http://www.w3.org/ns/prov#agent>"
HEADLINE = f"<{SCHEMA}headline>"
IDENTIFIER = f"<{SCHEMA}identifier>"

# N-Quads string escapes, exactly as Oxigraph writes them (so text we write
# and text Oxigraph dumps sort and compare the same).
_ESCAPES = {code: f"\\u{code:04X}" for code in [*range(0x20), 0x7F]}
_ESCAPES.update({ord("\b"): "\\b", ord("\t"): "\\t", ord("\n"): "\\n", ord("\f"): "\\f",
                 ord("\r"): "\\r", ord('"'): '\\"', ord("\\"): "\\\\"})


class _Names(dict):
    """``cg["Claim"]`` is ``<https://w3id.org/claimgraph/ns#Claim>``, made once.
    With ``known`` terms, any other name is refused: the triples written use
    only the ontology's vocabulary."""

    def __init__(self, base: str, known: frozenset[str] | None = None):
        super().__init__()
        self.base = base
        self.known = known

    def allow(self, names: frozenset[str]) -> None:
        """Also accept ``names``: the terms a corpus adds in its own
        vocabulary file, validated with the corpus before anything is written."""
        if self.known is not None:
            self.known = self.known | names

    def __missing__(self, name: str) -> str:
        if self.known is not None and name not in self.known:
            raise KeyError(f"{self.base}{name} is not a term of the ontology")
        value = self[name] = f"<{self.base}{name}>"
        return value


cg = _Names(CG_IRI, ontology_terms())
oa = _Names(OA_IRI)


def iri_ref(value: str) -> str:
    """An IRI term in N-Quads."""
    return f"<{value}>"


def text(value: str) -> str:
    """A plain string literal in N-Quads.

    Examples
    --------
    >>> print(text('a "quote"\\nand a tab\\t'))
    "a \\"quote\\"\\nand a tab\\t"
    """
    return f'"{value.translate(_ESCAPES)}"'


def typed(lexical: str, datatype: str) -> str:
    """A literal of an XSD datatype in N-Quads."""
    return f'"{lexical}"^^<{XSD}{datatype}>'


def date_literal(value: dt.date) -> str:
    return typed(value.isoformat(), "date")


def decimal_literal(value: Decimal) -> str:
    # Oxigraph's canonical form ("20000", "22.5"), which is what a store dumps.
    return typed(format(value.normalize(), "f"), "decimal")


def integer_literal(value: int) -> str:
    return typed(str(value), "integer")


def boolean(value: bool) -> str:
    """An ``xsd:boolean`` literal in N-Quads."""
    return typed("true" if value else "false", "boolean")


class Graph:
    """The N-Quads lines of one named graph."""

    def __init__(self, graph: str):
        self.name = graph
        self.tail = f" <{graph}> ."
        self.lines: list[str] = []

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.append(f"<{subject}> {predicate} {obj}{self.tail}")

    def span(self, subject: str, predicate: str, node: str, span: TimeSpan) -> None:
        self.add(subject, predicate, iri_ref(node))
        self.add(node, RDF_TYPE, cg["TimeSpan"])
        self.add(node, cg["expression"], text(span.expression))
        self.add(node, cg["precision"], text(span.precision))
        self.add(node, cg["start"], date_literal(span.start))
        self.add(node, cg["end"], date_literal(span.end))

    def nquads(self) -> bytes:
        """The lines in the order written, without duplicates. Not sorted:
        this text only feeds the store, and every file is written from the
        store graph by graph, sorted (:func:`dataset_nquads`)."""
        return ("\n".join(dict.fromkeys(self.lines)) + "\n").encode("utf-8") if self.lines else b""
