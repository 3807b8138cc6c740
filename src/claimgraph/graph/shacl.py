"""SHACL shapes compiled to SPARQL, so the store that holds the graph validates it.

:func:`compile_shapes` reads a shapes graph (Turtle, with rdflib) and turns
every constraint of every targeted shape into one SPARQL ``SELECT`` that
returns the focus nodes violating it (``?focus``) and the named graph each is
typed in (``?graph``), to run over the union of the store's graphs. Shapes
reached through ``sh:node``, ``sh:or``, ``sh:xone``, ``sh:and`` and
``sh:not`` become ``NOT EXISTS`` conformance tests inside those queries.

Only the SHACL Core features listed in :data:`SUPPORTED` are compiled; a
shapes graph that uses anything else in the ``sh:`` namespace raises
:class:`ShapesError` naming it, so no constraint is ever silently dropped.
The shipped shapes are checked against pySHACL on broken fixture graphs in
``tests/graph/test_shacl.py``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection

from claimgraph.graph.bindings import sparql_term
from claimgraph.namespaces import PREFIXES, local_name

__all__ = ["Check", "ShapesError", "SUPPORTED", "compile_shapes"]

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_XSD = "http://www.w3.org/2001/XMLSchema#"
# Datatypes SPARQL can cast to: a literal of one of them is well-formed iff the cast succeeds.
_CASTABLE = {f"{_XSD}{name}" for name in ("integer", "decimal", "double", "float", "boolean", "date", "dateTime")}
_NODE_KINDS = {
    "IRI": "isIRI({v})", "BlankNode": "isBlank({v})", "Literal": "isLiteral({v})",
    "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))", "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
    "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))",
}
_COMPARISONS = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}
_PAIRS = {"lessThan": "<", "lessThanOrEquals": "<="}
_VALUE = {"class", "datatype", "nodeKind", "in", "pattern", "flags", "minLength", "maxLength", "node", "or", "xone",
          "and", "not", *_COMPARISONS}
_FOCUS = {"minCount", "maxCount", "hasValue", *_PAIRS}
_STRUCTURE = {"targetClass", "property", "path", "message", "name", "description", "order", "group",
              "inversePath", "alternativePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath"}
#: Every ``sh:`` predicate the compiler understands; any other one raises :class:`ShapesError`.
SUPPORTED = frozenset(_VALUE | _FOCUS | _STRUCTURE)
_PATH_SUFFIX = {"zeroOrMorePath": "*", "oneOrMorePath": "+", "zeroOrOnePath": "?"}


class ShapesError(ValueError):
    """The shapes graph uses a SHACL feature the compiler does not support."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query: ``SELECT DISTINCT ?focus ?graph`` over the union graph."""

    shape: str
    component: str
    path: str
    message: str
    query: str


def _term(node: rdflib.term.Node) -> str:
    if isinstance(node, rdflib.URIRef):
        return sparql_term(ox.NamedNode(str(node)))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return sparql_term(ox.Literal(str(node), language=node.language))
        datatype = ox.NamedNode(str(node.datatype)) if node.datatype else None
        return sparql_term(ox.Literal(str(node), datatype=datatype))
    raise ShapesError(f"a blank node where a term is needed: {node}")


def _union(patterns) -> str:
    patterns = list(patterns)
    return " UNION ".join(f"{{ {p} }}" for p in patterns) if patterns else "FILTER(false)"


def _short(iri: str) -> str:
    """A vocabulary IRI as ``prefix:name`` when a claimgraph prefix covers it."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and prefix != "cg":
            return f"{prefix}:{iri[len(namespace):]}"
    return local_name(iri)


def _name(node: rdflib.term.Node) -> str:
    return local_name(str(node)) if isinstance(node, rdflib.URIRef) else "(shape)"


class _Compiler:
    def __init__(self, shapes: rdflib.Graph):
        self.g = shapes
        self.fresh = itertools.count()

    def var(self) -> str:
        return f"?v{next(self.fresh)}"

    def one(self, node, key: str):
        values = list(self.g.objects(node, SH[key]))
        if len(values) > 1:
            raise ShapesError(f"{_name(node)}: more than one sh:{key}")
        return values[0] if values else None

    def items(self, node) -> list:
        return list(Collection(self.g, node))

    def path(self, node) -> str:
        if isinstance(node, rdflib.URIRef):
            return _term(node)
        if (node, rdflib.RDF.first, None) in self.g:
            return "(" + "/".join(self.path(step) for step in self.items(node)) + ")"
        if (inverse := self.one(node, "inversePath")) is not None:
            return f"^{self.path(inverse)}"
        if (alternatives := self.one(node, "alternativePath")) is not None:
            return "(" + "|".join(self.path(step) for step in self.items(alternatives)) + ")"
        for key, suffix in _PATH_SUFFIX.items():
            if (inner := self.one(node, key)) is not None:
                return f"({self.path(inner)}){suffix}"
        raise ShapesError(f"an unsupported sh:path: {node}")

    # Every violation is a self-contained SPARQL group: the ``anchor`` pattern
    # binds the node under test (``x``), so negative tests are ``MINUS`` joins
    # and nested shapes are joins or grouped counts, never ``EXISTS``:
    # Oxigraph plans an ``EXISTS`` body without the outer bindings and runs it
    # per row (a sequence path in one took 171 s at 1k claims; as a join, 0.1 s).

    def value_test(self, key: str, obj, v: str) -> str:
        """A SPARQL expression true when the value node ``v`` violates ``sh:key obj``."""
        if key == "datatype":
            test = f"isLiteral({v}) && sameTerm(DATATYPE({v}), {_term(obj)})"
            if str(obj) in _CASTABLE:
                test += f" && COALESCE(isLiteral({_term(obj)}({v})), false)"
            return f"!({test})"
        if key == "nodeKind":
            kind = str(obj)[len(str(SH)):] if str(obj).startswith(str(SH)) else ""
            if kind not in _NODE_KINDS:
                raise ShapesError(f"unknown sh:nodeKind {obj}")
            return "!" + _NODE_KINDS[kind].format(v=v)
        if key == "in":
            members = self.items(obj)
            return "!(" + " || ".join(f"sameTerm({v}, {_term(m)})" for m in members) + ")" if members else "true"
        if key in ("minLength", "maxLength"):
            return f"(isBlank({v}) || STRLEN(STR({v})) {'<' if key == 'minLength' else '>'} {int(obj)})"
        return f"!COALESCE({v} {_COMPARISONS[key]} {_term(obj)}, false)"

    def value_violation(self, shape, key: str, obj, v: str, anchor: str) -> str:
        """A group matching when value ``v`` (bound by ``anchor``) violates ``sh:key obj``."""
        if key == "class":
            return f"{anchor} MINUS {{ {v} {_RDF_TYPE}/{_SUBCLASS}* {_term(obj)} }}"
        if key == "pattern":
            flags = self.one(shape, "flags")
            args = _term(rdflib.Literal(str(obj))) + (f", {_term(rdflib.Literal(str(flags)))}" if flags else "")
            return f"{anchor} FILTER(isBlank({v}) || !REGEX(STR({v}), {args}))"
        if key == "node":
            return _union(pattern for _, _, pattern in self.violations(obj, v, anchor))
        if key in ("or", "and", "xone", "not"):
            members = [obj] if key == "not" else self.items(obj)
            bad, tag = self.var(), self.var()
            inner = " UNION ".join(f"{{ {_union(p for _, _, p in self.violations(m, v, anchor))} BIND({i} AS {tag}) }}"
                                   for i, m in enumerate(members))
            conforming = f"({len(members)} - COALESCE({bad}, 0))"
            test = {"or": f"{conforming} = 0", "and": f"{conforming} < {len(members)}",
                    "xone": f"{conforming} != 1", "not": f"{conforming} = 1"}[key]
            if not members:
                return f"{anchor} FILTER({'false' if key == 'and' else 'true'})"
            return (f"{anchor} OPTIONAL {{ SELECT {v} (COUNT(DISTINCT {tag}) AS {bad}) WHERE {{ {inner} }} "
                    f"GROUP BY {v} }} FILTER({test})")
        return f"{anchor} FILTER({self.value_test(key, obj, v)})"

    def violations(self, shape, x: str, anchor: str) -> list[tuple[str, object, str]]:
        """(``sh:`` key, shape that holds it, group) for every constraint of ``shape`` on ``x``."""
        path_node = self.one(shape, "path")
        path = None if path_node is None else self.path(path_node)
        out = []
        for key in sorted(_VALUE - {"flags"}):
            for obj in sorted(self.g.objects(shape, SH[key])):
                if path is None:
                    out.append((key, shape, self.value_violation(shape, key, obj, x, anchor)))
                else:  # the value test joins the anchor once, outside: not once per nested branch
                    v = self.var()
                    inner = self.value_violation(shape, key, obj, v, f"{x} {path} {v} .")
                    out.append((key, shape, f"{anchor} {{ {inner} }}"))
        if path is not None:
            for key in sorted(_FOCUS):
                for obj in sorted(self.g.objects(shape, SH[key])):
                    out.append((key, shape, self.focus_test(key, obj, x, path, anchor)))
        for prop in sorted(self.g.objects(shape, SH.property)):
            out += self.violations(prop, x, anchor)
        return out

    def focus_test(self, key: str, obj, x: str, path: str, anchor: str) -> str:
        if key in ("minCount", "maxCount"):
            n = int(obj) + (1 if key == "maxCount" else 0)
            if n == 0:
                return f"{anchor} FILTER(false)"
            values = [self.var() for _ in range(n)]
            distinct = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(values, 2))
            group = " . ".join(f"{x} {path} {v}" for v in values) + (f" . FILTER({distinct})" if distinct else "")
            return f"{anchor} MINUS {{ {group} }}" if key == "minCount" else f"{anchor} {group}"
        if key == "hasValue":
            return f"{anchor} MINUS {{ {x} {path} {_term(obj)} }}"
        v, w = self.var(), self.var()  # lessThan, lessThanOrEquals
        return f"{anchor} {x} {path} {v} . {x} {_term(obj)} {w} . FILTER(!COALESCE({v} {_PAIRS[key]} {w}, false))"

    def message(self, holder, key: str, path: str) -> str:
        """The shape's ``sh:message``, or a plain sentence naming the constraint."""
        messages = sorted(str(m) for m in self.g.objects(holder, SH.message))
        if messages:
            return messages[0]
        values = [item for value in sorted(self.g.objects(holder, SH[key]))
                  for item in (self.items(value) if key == "in" else [value])]
        shown = ", ".join(_short(str(value)) if not isinstance(value, rdflib.BNode) else "(shapes)" for value in values)
        return f"{_DEFAULT_MESSAGES[key]} {shown}" + (f" (path {path})" if path else "")


_DEFAULT_MESSAGES = {
    "minCount": "Less than the minimum count of values:", "maxCount": "More than the maximum count of values:",
    "class": "Value is not an instance of", "datatype": "Value is not a well-formed literal of datatype",
    "nodeKind": "Value is not of node kind", "in": "Value is not in the list", "pattern": "Value does not match",
    "minLength": "Value is shorter than", "maxLength": "Value is longer than", "hasValue": "Missing the value",
    "node": "Value does not conform to", "or": "Conforms to none of the alternatives",
    "xone": "Does not conform to exactly one alternative", "and": "Does not conform to every shape",
    "not": "Conforms to a shape it must not", "lessThan": "Value is not less than",
    "lessThanOrEquals": "Value is not less than or equal to",
}


def _check_vocabulary(shapes: rdflib.Graph) -> None:
    for predicate in sorted(set(shapes.predicates())):
        text = str(predicate)
        if text.startswith(str(SH)) and text[len(str(SH)):] not in SUPPORTED:
            raise ShapesError(f"sh:{text[len(str(SH)):]} is not supported by the SHACL-to-SPARQL compiler "
                              "(claimgraph.graph.shacl); support it there before using it in the shapes")
    for target in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
        if next(shapes.subjects(target, None), None) is not None:
            raise ShapesError(f"sh:{local_name(str(target))} is not supported by the SHACL-to-SPARQL compiler")


def compile_shapes(shapes_text: str) -> list[Check]:
    """One :class:`Check` per constraint of every shape with a ``sh:targetClass``
    (or that is itself an ``rdfs:Class``).

    Raises :class:`ShapesError` when the shapes use an unsupported feature.

    Examples
    --------
    >>> checks = compile_shapes('''
    ...   @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ...   ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    ...        sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "p is required" ] .''')
    >>> [(c.component, c.path, c.message) for c in checks]
    [('MinCountConstraintComponent', 'http://example.org/p', 'p is required')]
    >>> compile_shapes('@prefix sh: <http://www.w3.org/ns/shacl#> . [] sh:sparql [] .')
    Traceback (most recent call last):
    ...
    claimgraph.graph.shacl.ShapesError: sh:sparql is not supported by the SHACL-to-SPARQL compiler (claimgraph.graph.shacl); support it there before using it in the shapes
    """
    shapes = rdflib.Graph().parse(data=shapes_text, format="turtle")
    _check_vocabulary(shapes)
    compiler = _Compiler(shapes)
    checks = []
    targeted = set(shapes.subjects(SH.targetClass, None)) | {
        s for s in shapes.subjects(rdflib.RDF.type, rdflib.RDFS.Class) if (s, rdflib.RDF.type, SH.NodeShape) in shapes}
    for shape in sorted(targeted):
        classes = sorted(shapes.objects(shape, SH.targetClass))
        if (shape, rdflib.RDF.type, rdflib.RDFS.Class) in shapes:
            classes.append(shape)
        target = " UNION ".join(f"{{ ?class {_SUBCLASS}* {_term(c)} }}" for c in classes)
        anchor = f"{target} GRAPH ?graph {{ ?focus {_RDF_TYPE} ?class }}"
        for key, holder, pattern in compiler.violations(shape, "?focus", anchor):
            path_node = compiler.one(holder, "path")
            path = "" if path_node is None else (local_name(str(path_node)) if isinstance(path_node, rdflib.URIRef)
                                                 else "(path)")
            component = key[0].upper() + key[1:] + "ConstraintComponent"
            query = f"SELECT DISTINCT ?focus ?graph WHERE {{ {pattern} }}"
            checks.append(Check(_name(shape), component, path, compiler.message(holder, key, path), query))
    return checks
