"""The ``claimgraph`` command line: a thin layer over the library.

The app and its core commands (build, validate, query, contradictions,
explain, decide); the other command groups live in their own modules and
register themselves here. Shared options and error handling are in
:mod:`claimgraph.cli.common`.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path
from typing import List, Optional

import pyoxigraph as ox
import typer
from rich.table import Table
from typer.core import TyperArgument, TyperCommand

from claimgraph.cache import Cache
from claimgraph.cli.authoring import register as register_authoring
from claimgraph.cli.common import (CorpusOption, OntologyOption, RulesOption, build_result, console, errors, fail,
                                   user_errors, write_out)
from claimgraph.cli.serve import register as register_serve
from claimgraph.cli.views import register as register_views
from claimgraph.corpus.load import check_article_id, load_corpus
from claimgraph.corpus.models import REVIEW_STATUSES
from claimgraph.corpus.reviews import record_review
from claimgraph.cli.listing import paging, print_listing
from claimgraph.graph.sparql import FORMATS, QueryError, describe, resolve_query, shipped_queries, stream_query, to_term
from claimgraph.outputs.exports import contradictions_csv
from claimgraph.outputs.report import explain_text, finding_json, finding_sides, summary_text, triage_text
from claimgraph.pipeline import BuildResult, iter_outputs, write_outputs
from claimgraph.resources import (default_cache_path, default_corpus_path, default_ontology_path, default_output_path,
                                  internal_query)
from claimgraph.version import __version__
from claimgraph.outputs.evaluate import ListError, evaluation_json, evaluation_text, load_list
from claimgraph.outputs.evaluate import evaluate as score

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="claimgraph: a hand-checked claim graph of news articles, and the contradictions in it.")


@app.command()
def version() -> None:
    """Print the version."""
    console.print(__version__)


@app.command()
def validate(corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption,
             include_drafts: bool = typer.Option(False, help="Accept draft claims.")) -> None:
    """Check every annotation (quotes at their offsets, ids, dates, bounds) without building."""
    with user_errors():
        loaded = load_corpus(corpus or default_corpus_path(), ontology or default_ontology_path(),
                             include_drafts=include_drafts)
    console.print(f"ok: {len(loaded.articles)} articles, {loaded.claim_count} claims, "
                  f"{len(loaded.entities)} entities")


@app.command()
def build(corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption,
          rules: Optional[List[Path]] = RulesOption,
          out: Optional[Path] = typer.Option(None, "--out", help="Output folder (default: output/)."),
          include_drafts: bool = typer.Option(False, "--include-drafts", help="Let draft claims into the graph."),
          views: bool = typer.Option(True, "--views/--no-views", help="Render the HTML views."),
          quantity: str = typer.Option("troop-count", help="Property the timeline view plots."),
          quiet: bool = typer.Option(False, "--quiet", help="Print only the counts, not the findings to read first."),
          cache_dir: Optional[Path] = typer.Option(
              None, "--cache-dir", help="Where parsed annotations are kept between builds, by content hash "
              "(default: ~/.cache/claimgraph)."),
          cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse cached work.")) -> None:
    """Build the graph from the corpus, validate it, find contradictions and write output/.

    Ends with a short summary: contradictions by kind and severity, the five to read first, and where to
    look next. The full table is `claimgraph contradictions`.

    Example: claimgraph build --out /tmp/output
    """
    folder = out or default_output_path()
    with user_errors():
        result = build_result(corpus, ontology, rules, include_drafts=include_drafts,
                        cache=Cache(cache_dir or default_cache_path()) if cache else None)
        written = write_outputs(folder, iter_outputs(result, views=views, quantity=quantity))
    console.print(summary_text(result), end="", markup=False)
    console.print(f"wrote {len(written)} files to {folder}", markup=False)
    for problem in result.findings.review_problems:
        errors.print(f"warning: {problem}", markup=False)
    if not quiet:
        try:
            shown = folder.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            shown = folder
        errors.file.flush()
        console.print(triage_text(result, str(shown)).rstrip("\n"), markup=False, soft_wrap=True)


def _load_store(data: Optional[Path], corpus: Optional[Path], ontology: Optional[Path]) -> ox.Store:
    path = data or default_output_path() / "claims.trig"
    if data is None and corpus is not None:  # a corpus named on the command line wins over a stale output/
        return build_result(corpus, ontology, None, validate=False).store
    if path.exists():
        store = ox.Store()
        try:
            store.load(path=str(path), format=ox.RdfFormat.TRIG)
        except SyntaxError as exc:
            fail(f"error: {path}: not valid TriG: {exc}")
        return store
    if data is not None:
        fail(f"error: {path}: no such file")
    result = build_result(corpus, ontology, None, validate=False)
    return result.store


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+|[a-z]+")
CG_PREFIX = "https://w3id.org/claimgraph/ns#"


def _vocabulary(store: ox.Store) -> set[str]:
    """The cg: terms the graph knows (ontology and corpus vocabulary), by local name."""
    rows = store.query("SELECT DISTINCT ?t WHERE { ?t a ?c FILTER(STRSTARTS(STR(?t), \"" + CG_PREFIX + "\")) }",
                       use_default_graph_as_union=True)
    return {row["t"].value[len(CG_PREFIX):] for row in rows}


def _parse_bindings(pairs: List[str], entities: dict, terms: set[str] | None = None) -> dict:
    """``NAME=VALUE`` pairs as terms. An entity id becomes its IRI; a
    vocabulary term may be given with or without ``cg:`` (``kind=numeric-conflict``).
    A value shaped like an id that names nothing is an error with the
    closest ids and terms, never a silent empty result."""
    terms = terms or set()
    bound = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise QueryError(f"--bind takes NAME=VALUE, not {pair!r}")
        bare = value[3:] if value.startswith("cg:") else value
        if value not in entities and (value.startswith("cg:") or _SLUG.fullmatch(value)):
            if bare in terms:
                value = "cg:" + bare
            elif _SLUG.fullmatch(bare) and ("-" in bare or value.startswith("cg:")):
                close = difflib.get_close_matches(bare, sorted(set(entities) | terms), n=3, cutoff=0.6)
                hint = f"; did you mean {' or '.join(close)}?" if close else \
                    "; list entity ids with `claimgraph query claims-by-speaker` or see corpus/entities/"
                raise QueryError(f"--bind {pair}: {bare!r} is no entity id or vocabulary term{hint}")
        try:
            bound[name.lstrip("?$")] = to_term(value, entities)
        except ValueError as exc:
            raise QueryError(f"--bind {pair}: {exc}") from None
    return bound


@app.command()
def query(name: str = typer.Argument(..., help="A shipped query name (see `claimgraph queries`) or a .rq file."),
          bind: List[str] = typer.Option([], "--bind", metavar="NAME=VALUE",
                                         help="Bind a query variable: an entity id (leon-panetta), a vocabulary term "
                                              "with or without cg: (numeric-conflict), an IRI, a date (2011-10-21), "
                                              "a number or text. Repeatable."),
          fmt: str = typer.Option("table", "--format", metavar="FORMAT", help="table, csv, tsv or json."),
          data: Optional[Path] = typer.Option(None, "--data", metavar="FILE",
                                              help="A TriG file (default: output/claims.trig)."),
          allow_service: bool = typer.Option(False, "--allow-service",
                                             help="Let a federated query (SERVICE <url>) send requests to the "
                                                  "endpoints it names; off by default."),
          limit: Optional[str] = typer.Option(None, "--limit", metavar="N",
                                              help="Show N rows (a table on a terminal shows 1,000 unless --all)."),
          offset: Optional[str] = typer.Option(None, "--offset", metavar="N", help="Skip the first N rows."),
          every: bool = typer.Option(False, "--all", help="Every row (csv, tsv and json always stream every row "
                                                          "unless --limit)."),
          corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption) -> None:
    """Run a SPARQL query over the graph; parameters are bound, never pasted.

    The table shows short ids, one column per value and numbers with thousands separators; an id that names
    nothing is an error with a suggestion.

    Example: claimgraph query claims-by-speaker --bind speaker=leon-panetta
    """
    with user_errors():
        page = paging(limit, offset, every, table=fmt == "table", terminal=sys.stdout.isatty())
        if fmt != "table" and fmt not in FORMATS:
            raise QueryError(f"unknown format {fmt!r}; use table, csv, tsv or json")
        _, text = resolve_query(name)
        store = _load_store(data, corpus, ontology)
        entities = {row["e"].value.rsplit("/", 1)[-1]: None for row in store.query(
            internal_query("registry-entities"), use_default_graph_as_union=True)}
        rows = stream_query(store, text, _parse_bindings(bind, entities, _vocabulary(store) if bind else set()),
                            allow_service=allow_service)
        print_listing(rows, fmt, page)


@app.command()
def queries() -> None:
    """List the shipped SPARQL queries and what each asks."""
    table = Table("name", "what it asks", header_style="bold")
    for name, path in shipped_queries().items():
        table.add_row(name, describe(path))
    console.print(table)


def _print_findings(result: BuildResult, findings, *, brief: bool = False) -> None:
    records = result.records
    if not findings:
        console.print("no contradictions match.", markup=False)
        return
    table = Table(show_lines=True, header_style="bold", title=f"{len(findings)} contradiction(s)")
    firsts = [f"{f.id}\n{f.kind}\n({'hand-made' if f.hand_made else ', '.join(f.rules)})" for f in findings]
    widest = max(len(line) for cell in firsts for line in cell.splitlines())
    # The id column never wraps (an id must be copied whole into `explain`); the quotes take the rest.
    table.add_column("id / kind", no_wrap=True, min_width=widest, overflow="ignore")
    for column in ("severity", "status", "claim A", "claim B"):
        table.add_column(column, overflow="fold", ratio=1 if column.startswith("claim") else None)
    for finding in findings:
        side_a, side_b = finding_sides(finding, records)

        def cell(side) -> str:
            first = side[0]
            more = f"\n(+{len(side) - 1} more claim{'s' if len(side) > 2 else ''} saying the same)" if len(side) > 1 else ""
            via = f" via {', '.join(first.via)}" if first.via else ""
            quote = first.quote if not brief or len(first.quote) < 160 else first.quote[:157] + "…"
            return f"“{quote}”\n— {first.speaker}{via}; {first.publisher}, {first.said} [{first.ref}]{more}"

        origin = "hand-made" if finding.hand_made else ", ".join(finding.rules)
        where = "\ninside one article" if finding.within_article else ""
        table.add_row(f"{finding.id}\n{finding.kind}\n({origin}){where}", finding.severity, finding.status,
                      cell(side_a), cell(side_b))
    console.print(table)


@app.command()
def contradictions(kind: Optional[str] = typer.Option(None, help="Only this kind, e.g. numeric-conflict."),
                   article: Optional[str] = typer.Option(None, help="Only findings with a claim in this article."),
                   speaker: Optional[str] = typer.Option(None, help="Only findings with a claim by this entity id."),
                   status: Optional[str] = typer.Option(None, help="open, confirmed or dismissed."),
                   relation: str = typer.Option("contradiction", help="contradiction, corroboration or supersession."),
                   fmt: str = typer.Option("table", "--format", help="table, json or csv."),
                   corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption,
                   rules: Optional[List[Path]] = RulesOption) -> None:
    """List contradictions (or corroborations, supersessions) with both quotes in full."""
    if fmt not in ("table", "json", "csv"):
        fail(f"error: --format must be table, json or csv, not {fmt!r}", 2)
    with user_errors():
        if article is not None:
            check_article_id(article, "--article")
        result = build_result(corpus, ontology, rules, validate=False)
    pool = {"contradiction": result.findings.triaged(),
            "corroboration": result.findings.corroborations,
            "supersession": result.findings.supersessions}.get(relation)
    if pool is None:
        fail(f"error: --relation must be contradiction, corroboration or supersession, not {relation!r}", 2)
    if status is not None and status not in ("open", "confirmed", "dismissed"):
        fail(f"error: --status must be open, confirmed or dismissed, not {status!r}", 2)
    kinds = set(result.corpus.vocabulary.kinds) | {f.kind for f in pool}
    if kind is not None and kind not in kinds:
        fail(f"error: --kind {kind!r} is not a kind of finding; known: {', '.join(sorted(kinds))}", 2)
    records = result.records
    selected = _select_findings(pool, records, kind=kind, status=status, article=article, speaker=speaker)
    if fmt == "json":
        write_out(json.dumps([finding_json(f, records) for f in selected], ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        write_out(contradictions_csv(selected, records))
        return
    _print_findings(result, selected)
    for problem in result.findings.review_problems:
        errors.print(f"warning: {problem}", markup=False)


def _select_findings(pool, records, *, kind, status, article, speaker) -> list:
    def in_article(finding) -> bool:
        return any(records[c].article == article or records[c].article.startswith(article + "_") for c in finding.claims)
    return [f for f in pool
            if (kind is None or f.kind == kind)
            and (status is None or f.status == status)
            and (article is None or in_article(f))
            and (speaker is None or any(records[c].speaker_id == speaker for c in f.claims))]


@app.command()
def evaluate(analyst_list: Path = typer.Argument(..., help="An analyst's list (YAML): contradictions, compatible pairs and corroborations, by quote."),
             fmt: str = typer.Option("text", "--format", help="text or json."),
             verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list what was missed and every false flag."),
             corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption,
             rules: Optional[List[Path]] = RulesOption) -> None:
    """Score the rules against an analyst's list: recall by severity and kind, false flags, corroborations.

    Example: claimgraph evaluate tests/data/analyst-list.yaml --verbose
    """
    if fmt not in ("text", "json"):
        fail(f"error: --format must be text or json, not {fmt!r}", 2)
    try:
        pairs = load_list(analyst_list)
    except ListError as exc:
        fail(f"error: {exc}", 2)
    with user_errors():
        result = build_result(corpus, ontology, rules, validate=False)
    evaluation = score(result, pairs)
    if fmt == "json":
        write_out(json.dumps(evaluation_json(evaluation), indent=2) + "\n")
    else:
        write_out(evaluation_text(evaluation, verbose=verbose) + "\n")


@app.command()
def explain(finding_id: str = typer.Argument(..., help="A contradiction, corroboration or supersession id."),
            corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption) -> None:
    """Show one finding: both sides' quotes, speakers, the rule and its reasoning."""
    result, finding = _lookup(finding_id, corpus, ontology)
    console.print(explain_text(finding, result), markup=False)


def _lookup(finding_id: str, corpus: Optional[Path], ontology: Optional[Path]):
    """Build in memory and return the result with the finding of that id."""
    with user_errors():
        result = build_result(corpus, ontology, None, validate=False)
    try:
        return result, result.findings.by_id(finding_id)
    except KeyError:
        fail(f"error: no finding {finding_id!r}; list them with `claimgraph contradictions`", 2)


@app.command()
def decide(finding_id: str = typer.Argument(..., help="The contradiction id."),
           status: str = typer.Argument(..., help="confirmed, dismissed or open."),
           reason: Optional[str] = typer.Option(None, help="Why (required to dismiss)."),
           by: str = typer.Option(..., "--by", help="Who decides."),
           corpus: Optional[Path] = CorpusOption, ontology: Optional[Path] = OntologyOption) -> None:
    """Record a review decision in corpus/reviews.yaml (kept across rebuilds)."""
    if status not in REVIEW_STATUSES:
        fail("error: status must be confirmed, dismissed or open", 2)
    if status == "dismissed" and not reason:
        fail("error: a dismissal needs --reason", 2)
    root = corpus or default_corpus_path()
    _, finding = _lookup(finding_id, root, ontology)
    with user_errors():
        record_review(root / "reviews.yaml", finding.id, status, finding.refs, reason, by)
    console.print(f"recorded: {finding.id} is {status}", markup=False)


def main() -> None:  # pragma: no cover - console entry point
    app()


# Commands that live with the feature they drive.
register_views(app)
register_serve(app)
register_authoring(app)


# ------------------------------------------------------------------ help

#: One example per command, added to its --help when its docstring has none.
EXAMPLES = {
    "version": "claimgraph version",
    "validate": "claimgraph validate --corpus corpus/",
    "queries": "claimgraph queries",
    "contradictions": "claimgraph contradictions --kind numeric-conflict --status open",
    "explain": "claimgraph explain numeric-conflict-362ae60a7f",
    "decide": 'claimgraph decide numeric-conflict-362ae60a7f confirmed --by "A. Analyst"',
    "views": "claimgraph views --out /tmp/output",
    "serve": "claimgraph serve --port 7878",
    "load": "claimgraph load --store /tmp/claimgraph-store",
    "add": "claimgraph add article.txt --publisher al-jazeera --date 2011-10-21",
    "draft": "claimgraph draft 004_1c36b5173ebfdfa8",
    "check": "claimgraph check 004_1c36b5173ebfdfa8",
    "align": "claimgraph align 004_1c36b5173ebfdfa8 --top 3",
    "near-misses": "claimgraph near-misses",
    "review": "claimgraph review 004_1c36b5173ebfdfa8",
}

_PLAIN_TYPES = {str: "TEXT", int: "N", float: "NUMBER", Path: "PATH"}


def _plain_metavar(annotation) -> str | None:
    """``Optional[List[Path]]`` → ``PATH``: the word a reader understands, not a Python type."""
    import typing

    while typing.get_origin(annotation) in (typing.Union, list, List) or str(typing.get_origin(annotation)) == "types.UnionType":
        arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
        if not arguments:
            return None
        annotation = arguments[0]
    return _PLAIN_TYPES.get(annotation)


class PlainCommand(TyperCommand):
    """A command whose --help names each argument alone (``NAME``), without a Python type (``NAME <str>``)."""

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            if isinstance(param, TyperArgument):
                param.display_type_rich = lambda ctx: None
        return params


def _plain_help(typer_app: typer.Typer) -> None:
    """Every command's --help: its whole description in the command list (never cut with "…"), plain
    value types (TEXT, PATH, N) instead of ``<list[str]>``, and an example."""
    import inspect
    import typing

    from typer.models import ArgumentInfo, OptionInfo

    for info in typer_app.registered_commands:
        callback = info.callback
        name = info.name or callback.__name__.replace("_", "-")
        doc = inspect.cleandoc(info.help or callback.__doc__ or "")
        if "Example" not in doc and name in EXAMPLES:
            doc += f"\n\nExample: {EXAMPLES[name]}"
        info.help = doc
        if info.cls in (None, TyperCommand):
            info.cls = PlainCommand
        if info.short_help is None:
            info.short_help = " ".join(doc.split("\n\n", 1)[0].split())
        hints = typing.get_type_hints(callback)
        for parameter in inspect.signature(callback).parameters.values():
            default = parameter.default
            if isinstance(default, (OptionInfo, ArgumentInfo)) and default.metavar is None:
                if hints.get(parameter.name) is bool:
                    continue
                plain = _plain_metavar(hints.get(parameter.name))
                if isinstance(default, ArgumentInfo):
                    default.metavar = parameter.name.upper()
                elif plain:
                    default.metavar = plain


_plain_help(app)
