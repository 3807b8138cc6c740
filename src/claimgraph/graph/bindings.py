"""SPARQL text: terms written as SPARQL, string escaping, and parameters bound into a query's WHERE group."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

import pyoxigraph as ox

__all__ = ["Term", "StoreError", "query_variables", "sparql_term", "query_form", "with_bindings", "with_prefixes"]
Term = ox.NamedNode | ox.Literal
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI_SAFE = re.compile(r'^[^<>"{}|^`\\\x00-\x20]*$')


class StoreError(Exception):
    """A store that cannot be opened, loaded or queried."""


def query_variables(substitutions: Mapping[Any, Term] | None) -> dict[ox.Variable, Term]:
    out: dict[ox.Variable, Term] = {}
    for name, term in (substitutions or {}).items():
        text = name.value if isinstance(name, ox.Variable) else str(name).lstrip("?$")
        if not _VARNAME.match(text):
            raise StoreError(f"not a variable name: {text!r}")
        variable = ox.Variable(text)
        out[variable] = term
    return out


# ------------------------------------------------------------- SPARQL text

def _escape_string(value: str) -> str:
    out = []
    for char in value:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def sparql_term(term: Term) -> str:
    """An RDF term written as SPARQL, escaped so it can only ever be one term.

    Examples
    --------
    >>> sparql_term(ox.Literal('x" } ; DROP ALL ; {'))
    '"x\\\\" } ; DROP ALL ; {"'
    >>> sparql_term(ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> sparql_term(ox.Literal("Irak", language="de"))
    '"Irak"@de'
    """
    if isinstance(term, ox.NamedNode):
        if not _IRI_SAFE.match(term.value):
            raise StoreError(f"cannot bind an IRI with characters SPARQL does not allow: {term.value!r}")
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        text = _escape_string(term.value)
        if term.language:
            if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", term.language):
                raise StoreError(f"not a language tag: {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return text
        return f"{text}^^{sparql_term(term.datatype)}"
    raise StoreError(f"only IRIs and literals can be bound over HTTP, not {term!r}")


_TOKENS = re.compile(r'''
    (?P<comment>\#[^\n\r]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[A-Za-z_][A-Za-z0-9_-]*:?)
  | (?P<punct>[{}()])
  | (?P<space>\s+)
  | (?P<other>.)
''', re.X | re.S)
_FORMS = {"select", "construct", "ask", "describe"}


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            yield kind, match.group(), match.end()


def query_form(text: str) -> str | None:
    """The query's form (``select``, ``construct``, ``ask`` or ``describe``), or None for an update.

    Examples
    --------
    >>> query_form('PREFIX s: <http://e/select#> # ask\\nCONSTRUCT { ?s s:p "select" } WHERE { ?s ?p ?o }')
    'construct'
    """
    for kind, value, _ in _tokens(text):
        if kind == "word" and value.lower() in _FORMS:
            return value.lower()
    return None


def _where_brace(text: str) -> int:
    """Offset just after the ``{`` that opens the query's WHERE group."""
    form = None
    depth = parens = 0
    previous = ""
    skip_template = False
    for kind, value, end in _tokens(text):
        if form is None:
            if kind == "word" and value.lower() in _FORMS:
                form = value.lower()
                skip_template = form == "construct"
            continue
        if kind == "punct":
            if value == "(":
                parens += 1
            elif value == ")":
                parens -= 1
            elif value == "{":
                if depth == 0 and parens == 0:
                    if skip_template and previous.lower() != "where":
                        skip_template = False
                        depth += 1
                        previous = value
                        continue
                    if form == "construct" and previous.lower() == "where" and _short_construct(text, end):
                        raise StoreError("bindings need a CONSTRUCT with a template (not CONSTRUCT WHERE)")
                    return end
                depth += 1
            elif value == "}":
                depth -= 1
        previous = value
    raise StoreError("cannot bind variables: the query has no WHERE group")


def _short_construct(text: str, brace_end: int) -> bool:
    # CONSTRUCT WHERE { ... } has no template before WHERE; reached only when
    # the template was not skipped, i.e. the first group follows WHERE.
    head = text[:brace_end]
    return re.search(r"construct\s+where\s*\{$", re.sub(r"#[^\n]*", "", head), re.I) is not None


def with_bindings(text: str, bindings: Mapping[Any, Term]) -> str:
    """The query with its variables bound by a ``VALUES`` block at the start of the WHERE group.

    Values are RDF terms written by :func:`sparql_term`; nothing the user
    typed becomes query syntax.

    Examples
    --------
    >>> print(with_bindings("SELECT ?s WHERE { ?s ?p ?o }", {"o": ox.Literal('a"} DROP ALL')}))
    SELECT ?s WHERE { VALUES (?o) { ("a\\"} DROP ALL") } ?s ?p ?o }
    """
    variables = query_variables(bindings)
    if not variables:
        return text
    names = " ".join(f"?{variable.value}" for variable in variables)
    values = " ".join(sparql_term(term) for term in variables.values())
    at = _where_brace(text)
    return f"{text[:at]} VALUES ({names}) {{ ({values}) }}{text[at:]}"


def with_prefixes(text: str, prefixes: Mapping[str, str] | None) -> str:
    if not prefixes:
        return text
    declared = {m.group(1).lower() for m in re.finditer(r"(?im)^\s*prefix\s+([A-Za-z0-9_.-]*)\s*:", text)}
    lines = [f"PREFIX {name}: {sparql_term(ox.NamedNode(iri))}" for name, iri in sorted(prefixes.items())
             if name.lower() not in declared]
    return "\n".join(lines + [text])
