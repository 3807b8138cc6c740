"""CLI commands for views (registered on the main app by cli.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""

    @app.command()
    def views(quantity: str = typer.Option("troop-count", "--quantity",
                                           help="Quantity property the timeline plots, e.g. casualties."),
              out: Optional[Path] = typer.Option(None, "--out", help="Output folder (default: output/)."),
              corpus: Optional[Path] = typer.Option(None, "--corpus",
                                                    help="Corpus folder (articles/, annotations/, entities/)."),
              ontology: Optional[Path] = typer.Option(None, "--ontology", help="Ontology Turtle file.")) -> None:
        """Render the HTML views (index, graph, contradictions, articles, timeline) and claims.graphml only."""
        from claimgraph.cli.common import build_result, fail, user_errors, console
        from claimgraph.pipeline import write_outputs
        from claimgraph.resources import default_output_path
        from claimgraph.outputs.embed import ViewError
        from claimgraph.outputs.views import render_views

        with user_errors():
            result = build_result(corpus, ontology, None)
            try:
                files = render_views(result, quantity=quantity)
            except ViewError as exc:
                fail(f"error: {exc}", 2)
            folder = out or default_output_path()
            written = write_outputs(folder, files)
        console.print(f"wrote {len(written)} view files to {folder}; open {folder / 'index.html'}",
                          markup=False)
