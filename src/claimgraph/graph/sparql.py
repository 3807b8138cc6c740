"""Shipped SPARQL queries and running them with bound variables.

A parameter is bound with a one-row ``VALUES`` block at the start of the
query's WHERE group, written from an RDF term (so it is one escaped IRI or
literal: a value full of quotes and braces cannot change the query).
Oxigraph's own substitutions bind the same way in principle, but its planner
does not start from them: at 100k claims, one speaker's claims took 390 ms
with a substitution and 3 ms with ``VALUES``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, TextIO

import pyoxigraph as ox

from claimgraph.namespaces import CG_IRI, ID_IRI, PREFIXES, entity_iri, local_name
from claimgraph.resources import queries_dir
from claimgraph.graph.bindings import StoreError, with_bindings

__all__ = ["QueryError", "QueryResult", "QueryRows", "term_value", "shipped_queries", "describe", "resolve_query",
           "to_term", "bind_values", "run_query", "stream_query", "format_result", "write_result", "FORMATS"]

FORMATS = ("csv", "tsv", "json")

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class QueryError(Exception):
    """A query that cannot be found, parsed or bound."""


@dataclass
class QueryResult:
    """Column names and rows of plain Python values (IRIs as strings)."""

    columns: list[str]
    rows: list[list[Any]]
    terms: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def shipped_queries(folder: Path | None = None) -> dict[str, Path]:
    """The queries that ship with the package, by name.

    Examples
    --------
    >>> "troop-levels" in shipped_queries()
    True
    """
    folder = folder or queries_dir()
    return {path.stem: path for path in sorted(folder.glob("*.rq"))}


def describe(path: Path) -> str:
    """The opening comment of a query file: what it asks."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").rstrip())
    return " ".join(lines)


def resolve_query(name_or_path: str) -> tuple[str, str]:
    """Return ``(name, text)`` for a shipped query name or a ``.rq`` file path."""
    queries = shipped_queries()
    if name_or_path in queries:
        return name_or_path, queries[name_or_path].read_text(encoding="utf-8")
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise QueryError(f"no query file {path}")
        try:
            return path.stem, path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise QueryError(f"{path}: not a SPARQL query (not UTF-8 text: {exc.reason} at byte {exc.start})") from None
        except OSError as exc:
            raise QueryError(f"{path}: cannot read: {exc.strerror or exc}") from None
    raise QueryError(f"unknown query {name_or_path!r}; shipped queries: {', '.join(queries)}")


def to_term(value: Any, entities: Mapping[str, Any] | None = None) -> ox.NamedNode | ox.Literal:
    """Turn a user-supplied value into an RDF term for binding.

    A registry entity id becomes its IRI, ``cg:name`` a vocabulary IRI,
    ``<iri>`` or ``http(s)://…`` an IRI, an ISO date an ``xsd:date``, an
    integer an ``xsd:integer``; anything else is a plain string literal.

    Examples
    --------
    >>> to_term("barack-obama", {"barack-obama": None})
    <NamedNode value=https://w3id.org/claimgraph/id/entity/barack-obama>
    >>> to_term("cg:numeric-conflict")
    <NamedNode value=https://w3id.org/claimgraph/ns#numeric-conflict>
    >>> to_term('x" } ; DROP ALL ; {')
    <Literal value=x" } ; DROP ALL ; { datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(PREFIXES["xsd"] + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(PREFIXES["xsd"] + "date"))
    text = str(value)
    if entities is not None and text in entities:
        return ox.NamedNode(entity_iri(text))
    if text.startswith("<") and text.endswith(">"):
        return ox.NamedNode(text[1:-1])
    if text.startswith(("http://", "https://")):
        return ox.NamedNode(text)
    prefix, _, rest = text.partition(":")
    if rest and prefix in PREFIXES and " " not in text:
        return ox.NamedNode(PREFIXES[prefix] + rest)
    if re.fullmatch(r"-?\d+", text):
        return to_term(int(text))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return to_term(dt.date.fromisoformat(text))
        except ValueError:
            pass
    return ox.Literal(text)


def term_value(term: Any) -> Any:
    """A query result term as a plain Python value: IRIs and strings as str,
    numbers as int or float, booleans as bool.

    Examples
    --------
    >>> term_value(ox.Literal("39000.0", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
    39000
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype == "integer":
            return int(term.value)
        if datatype == "decimal":
            number = float(term.value)
            return int(number) if number.is_integer() else number
        if datatype == "boolean":
            return term.value == "true"
        return term.value
    return str(term)


def bind_values(text: str, bindings: Mapping[str, Any]) -> str:
    """``text`` with each binding in a one-row ``VALUES`` block opening its
    WHERE group (:func:`claimgraph.graph.stores.with_bindings`); values become
    terms with :func:`to_term`.

    Examples
    --------
    >>> print(bind_values("SELECT ?s { ?s ?p ?o }", {"o": 'x" } DROP ALL {'}))
    SELECT ?s { VALUES (?o) { ("x\\" } DROP ALL {") } ?s ?p ?o }
    """
    terms = {}
    for name, value in bindings.items():
        if not _NAME.match(name):
            raise QueryError(f"not a variable name: {name!r}")
        if not re.search(rf"[?$]{name}\b", text):
            raise QueryError(f"the query has no variable ?{name} to bind")
        terms[name] = to_term(value)
    try:
        return with_bindings(text, terms)
    except StoreError as exc:
        raise QueryError(str(exc)) from None


_SPARQL_NOISE = re.compile(r'"""[\s\S]*?"""' r"|'''[\s\S]*?'''" r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
                          r'|<[^<>"{}|^`\\\s]*>' r"|#[^\n]*")
_SERVICE = re.compile(r"(?<![\w?$:-])SERVICE(?![\w:-])", re.IGNORECASE)


def uses_service(text: str) -> bool:
    """Whether a query calls another endpoint (``SERVICE <…>``), outside strings, IRIs and comments.

    >>> uses_service("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service { ?s <http://e/SERVICE> "SERVICE" } # SERVICE')
    False
    """
    return bool(_SERVICE.search(_SPARQL_NOISE.sub(" ", text)))


def _evaluate(store: ox.Store, text: str, bindings: Mapping[str, Any] | None, allow_service: bool):
    if not allow_service and uses_service(text):
        raise QueryError("the query calls another SPARQL endpoint (SERVICE); federated queries are off, "
                         "pass --allow-service to let it send requests")
    with _query_errors():
        results = store.query(bind_values(text, bindings or {}), use_default_graph_as_union=True,
                              prefixes=PREFIXES)
    if isinstance(results, ox.QueryBoolean):
        return results
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries print as tables; use the store for CONSTRUCT")
    return results


@contextmanager
def _query_errors() -> Iterator[None]:
    """Oxigraph's errors, at parse time or while rows are read, as one :class:`QueryError` line."""
    try:
        yield
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        first = (str(exc).strip().splitlines() or [""])[0]  # never a remote page, whole
        raise QueryError(f"query failed: {first[:300]}") from None


def run_query(store: ox.Store, text: str, bindings: Mapping[str, Any] | None = None, *,
              allow_service: bool = False) -> QueryResult:
    """Run a SELECT (or ASK) over the union of all graphs with bound variables.

    A federated query (``SERVICE``) would send requests to any address the
    query names; it is refused unless ``allow_service``.

    Examples
    --------
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    >>> run_query(store, "SELECT ?s ?o WHERE { ?s <http://e/p> ?o }", {"o": "y"}).rows
    []
    >>> run_query(store, "SELECT ?s ?o WHERE { ?s <http://e/p> ?o }", {"o": "x"}).rows
    [['http://e/a', 'x']]
    """
    results = _evaluate(store, text, bindings, allow_service)
    if isinstance(results, ox.QueryBoolean):
        return QueryResult(["ask"], [[bool(results)]], [[bool(results)]])
    columns = [variable.value for variable in results.variables]
    with _query_errors():
        terms = [[solution[column] for column in columns] for solution in results]  # evaluation happens here
    return QueryResult(columns, [[term_value(t) for t in row] for row in terms], terms)


class QueryRows:
    """The columns of a query and its rows of plain values, read one at a
    time as Oxigraph evaluates them: a result of any size in little memory.
    Iterate it once; :meth:`skip` passes rows over without converting them.
    """

    def __init__(self, columns: list[str], solutions: Iterator):
        self.columns = columns
        self._solutions = solutions

    def __iter__(self) -> Iterator[list[Any]]:
        with _query_errors():
            for solution in self._solutions:
                yield [term_value(solution[column]) for column in self.columns]

    def skip(self, count: int | None = None) -> int:
        """Pass over ``count`` rows (every row left when None); how many there were."""
        passed = 0
        with _query_errors():
            for _ in self._solutions:
                passed += 1
                if passed == count:
                    break
        return passed


def stream_query(store: ox.Store, text: str, bindings: Mapping[str, Any] | None = None, *,
                 allow_service: bool = False) -> QueryRows:
    """Like :func:`run_query`, but the rows are read as they are evaluated, never all held.

    Examples
    --------
    >>> store = ox.Store()
    >>> store.extend([ox.Quad(ox.NamedNode(f"http://e/{n}"), ox.NamedNode("http://e/p"), ox.Literal(str(n)))
    ...               for n in range(5)])
    >>> rows = stream_query(store, "SELECT ?o WHERE { ?s <http://e/p> ?o } ORDER BY ?o")
    >>> rows.skip(3), next(iter(rows)), rows.skip()
    (3, ['3'], 1)
    """
    results = _evaluate(store, text, bindings, allow_service)
    if isinstance(results, ox.QueryBoolean):
        return QueryRows(["ask"], iter([{"ask": to_term(bool(results))}]))
    return QueryRows([variable.value for variable in results.variables], results)


def compact(value: Any) -> str:
    """Short display form of a value: vocabulary and id IRIs lose their prefix."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith((CG_IRI, ID_IRI)):
        return local_name(value)
    return str(value)


def write_result(columns: list[str], rows: Iterable[list[Any]], fmt: str, out: TextIO) -> int:
    """Write rows as ``csv``, ``tsv`` or ``json`` (full IRIs) to ``out`` as
    they come, holding none but the current one; the number written.

    The JSON is the array :func:`json.dumps` writes with ``indent=2``, byte
    for byte, so a streamed listing and :func:`format_result` agree.

    Examples
    --------
    >>> import sys
    >>> write_result(["a", "b"], iter([[1, None], ["x,y", True]]), "csv", sys.stdout)
    a,b
    1,
    "x,y",True
    2
    """
    if fmt == "json":
        written = 0
        for row in rows:
            record = json.dumps(dict(zip(columns, row)), ensure_ascii=False, indent=2)
            out.write(("[\n  " if not written else ",\n  ") + record.replace("\n", "\n  "))
            written += 1
        out.write("\n]\n" if written else "[]\n")
        return written
    if fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        written = 0
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
            written += 1
        return written
    raise QueryError(f"unknown format {fmt!r}; use table, csv, tsv or json")


def format_result(result: QueryResult, fmt: str) -> str:
    """Serialise a result as ``csv``, ``tsv`` or ``json`` (full IRIs, stable order)."""
    buffer = io.StringIO()
    write_result(result.columns, result.rows, fmt, buffer)
    return buffer.getvalue()
