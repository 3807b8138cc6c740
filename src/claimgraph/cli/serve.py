"""CLI commands for serving and storing the graph (registered on the main app by cli.py).

``claimgraph serve`` starts the Oxigraph SPARQL server with its query page;
``claimgraph load`` pushes the built graph into a remote SPARQL store or an
on-disk Oxigraph store, one named graph at a time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

DataOption = typer.Option(None, "--data", help="A TriG file (default: output/claims.trig, built first if missing).")


def _data_file(data: Optional[Path]) -> Path:
    """The TriG file to serve or load; builds output/ when the default file is missing."""
    from claimgraph.cli.common import build_result, fail, user_errors, errors
    from claimgraph.pipeline import render_outputs, write_outputs
    from claimgraph.resources import default_output_path

    if data is not None:
        if not data.is_file():
            fail(f"error: {data}: no such file")
        return data
    path = default_output_path() / "claims.trig"
    if not path.exists():
        errors.print(f"{path} is missing: building it first", markup=False)
        with user_errors():
            result = build_result(None, None, None)
            write_outputs(default_output_path(), render_outputs(result))
    return path


def _read_graphs(path: Path) -> dict:
    import pyoxigraph as ox

    from claimgraph.cli.common import fail
    from claimgraph.graph.stores import group_by_graph

    try:
        graphs = group_by_graph(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    except SyntaxError as exc:
        fail(f"error: {path}: not valid TriG: {exc}")
    if "" in graphs:
        fail(f"error: {path}: has triples outside any named graph; claimgraph writes every triple "
              "into a named graph, so this is not a claimgraph build")
    return graphs


def _loopback(host: str) -> bool:
    from claimgraph.graph.server import is_loopback

    return is_loopback(host)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""

    @app.command()
    def serve(data: Optional[Path] = DataOption,
              port: int = typer.Option(7878, "--port", help="TCP port (0: any free port)."),
              bind: str = typer.Option("127.0.0.1", "--bind", help="Address to listen on (keep it 127.0.0.1)."),
              writable: bool = typer.Option(False, "--writable", help=(
                  "Allow SPARQL Update (INSERT, DELETE, DROP ALL) and Graph Store writes to anyone who can reach "
                  "the port: every local program and user, but not other web sites (cross-origin requests are "
                  "refused) and never other machines (loopback only). Changes go to a temporary copy, discarded "
                  "at exit, unless --store.")),
              store: Optional[Path] = typer.Option(None, "--store", help="Serve an on-disk Oxigraph store "
                                                   "(from `claimgraph load --store`) instead of a TriG file.")) -> None:
        """Start a SPARQL endpoint with a query page in the browser, loaded with the built graph.

        The query page (YASGUI, served locally) opens with the project's
        prefixes and lists every shipped query by name: picking one fills the
        editor and runs it. Read-only unless --writable; every query sees the
        union of the named graphs. Stop it with Ctrl-C.
        """
        from claimgraph.cli.common import fail, console, errors
        from claimgraph.graph.query_page import query_page
        from claimgraph.graph.server import OxigraphServer, ServerError, check_address

        try:  # the arguments first, in plain words, before any build or load
            check_address(bind, port)
        except ServerError as exc:
            fail(f"error: {exc}", 2)
        if writable and not _loopback(bind):
            fail(f"error: --writable serves on loopback only (127.0.0.1 or ::1), not on {bind}: "
                 "a writable endpoint on the network lets anyone change or drop the graph", 2)
        if store is not None and data is not None:
            fail("error: give --data or --store, not both", 2)
        if store is not None and not store.is_dir():
            fail(f"error: {store}: no such store folder")
        files = [] if store is not None else [_data_file(data)]
        server = OxigraphServer(files, location=store, host=bind, port=port, writable=writable, pages=query_page())
        if not server.loopback:
            errors.print(f"warning: listening on {bind}: other machines can reach this server", markup=False)
        try:
            with errors.status("starting the Oxigraph server", spinner="dots") as status:
                server.start(on_step=lambda message: status.update(message))
        except ServerError as exc:
            fail(f"error: {exc}")
        mode = "read-write (changes are discarded at exit)" if writable and store is None else (
            "read-write" if writable else "read-only")
        console.print(f"SPARQL query page: {server.url}  (the project's prefixes and the shipped queries, by name)",
                      markup=False)
        console.print(f"SPARQL endpoint:   {server.query_url}  ({mode}; the default graph is the union "
                      "of all named graphs)", markup=False)
        if writable:
            console.print(f"Graph Store:       {server.store_url}", markup=False)
        console.print("Press Ctrl-C to stop.", markup=False)
        try:
            code = server.wait()
        except KeyboardInterrupt:
            code = 0
        finally:
            server.stop()
        console.print("server stopped.", markup=False)
        if code not in (0, -2, -15):
            fail(f"error: the server exited with code {code}")

    @app.command("load")
    def load_command(data: Optional[Path] = DataOption,
                     endpoint: Optional[str] = typer.Option(None, "--endpoint", help=(
                         "A SPARQL server: an Oxigraph base URL (http://127.0.0.1:7878), a Virtuoso "
                         "http://HOST:8890/sparql, or a query URL together with --graph-store.")),
                     graph_store: Optional[str] = typer.Option(None, "--graph-store", help=(
                         "The server's Graph Store Protocol URL (Fuseki: http://HOST:3030/DATASET/data; GraphDB: "
                         "http://HOST:7200/repositories/ID/rdf-graphs/service).")),
                     store: Optional[Path] = typer.Option(None, "--store", help="An on-disk Oxigraph store folder."),
                     prune: bool = typer.Option(True, "--prune/--no-prune", help=(
                         "Drop claimgraph graphs the new build no longer has (never touches other graphs)."))) -> None:
        """Push the built graph into a SPARQL server or an on-disk store, one named graph per request.

        Each graph is replaced whole (HTTP PUT), so loading twice duplicates
        nothing, and a load that stops part-way says which graphs it wrote.
        """
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from claimgraph.cli.common import fail, console, errors
        from claimgraph.graph.stores import LoadError, OxigraphStore
        from claimgraph.graph.remote import RemoteStore
        from claimgraph.graph.bindings import StoreError

        if (endpoint is None) == (store is None):
            fail("error: give either --endpoint URL or --store FOLDER", 2)
        path = _data_file(data)
        graphs = _read_graphs(path)
        try:
            target = RemoteStore.from_url(endpoint, graph_store) if endpoint else OxigraphStore(store)
            where = endpoint or str(store)
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=errors, transient=True, disable=not errors.is_terminal) as progress:
                task = progress.add_task("loading graphs", total=len(graphs))
                report = target.load_graphs(graphs, prune=prune,
                                            progress=lambda name, done, total: progress.update(task, completed=done))
            target.close()
        except LoadError as exc:
            fail(f"error: {exc}")
        except StoreError as exc:
            fail(f"error: {exc}")
        console.print(f"loaded {len(report.graphs)} graphs ({report.triples} triples) from {path} into {where}",
                      markup=False)
        if report.pruned:
            console.print(f"dropped {len(report.pruned)} graph(s) no longer in the build: {', '.join(report.pruned)}",
                          markup=False)
