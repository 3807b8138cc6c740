"""What every command shares: the consoles, the common options, the one way
to build, and the translation of a user's mistakes into readable lines.

A user's own mistake is printed as ``file:line: field: message`` lines and a
non-zero exit, never as a traceback.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from claimgraph.cache import Cache
from claimgraph.corpus.problems import CorpusError, OntologyError
from claimgraph.graph.shacl import ShapesError
from claimgraph.graph.sparql import QueryError
from claimgraph.outputs.embed import ViewError
from claimgraph.pipeline import BuildError, BuildResult, build
from claimgraph.rules.loading import RuleError
from claimgraph.textsafe import terminal_safe

__all__ = ["console", "errors", "write_out", "CorpusOption", "OntologyOption", "RulesOption", "fail", "user_errors",
           "progress_bar", "build_result"]



class SafeConsole(Console):
    """A console that never sends control characters from corpus text to the
    terminal (``ESC[31m`` in a quote prints as ``␛[31m``), with emoji codes
    off so ``file.yaml:100:`` does not print as ``file.yaml💯``."""

    def render_str(self, text: str, **options):  # every str printed, and every table cell, passes here
        return super().render_str(terminal_safe(text), **options)


console = SafeConsole(highlight=False, emoji=False, soft_wrap=False, width=200 if not sys.stdout.isatty() else None)
errors = SafeConsole(stderr=True, highlight=False, emoji=False, soft_wrap=True)

CorpusOption = typer.Option(None, "--corpus", help="Corpus folder (articles/, annotations/, entities/).")
OntologyOption = typer.Option(None, "--ontology", help="Ontology Turtle file.")
RulesOption = typer.Option(None, "--rules", help="Rules folder (repeatable; default: the shipped rules).")


def write_out(text: str) -> None:
    """Write machine output (CSV, JSON) to stdout; on a terminal, control characters are shown, not sent."""
    sys.stdout.write(terminal_safe(text) if sys.stdout.isatty() else text)


def fail(message: str, code: int = 1) -> None:
    errors.print(message, markup=False)
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can cause into readable lines and an exit code."""
    try:
        yield
    except CorpusError as exc:
        for problem in exc.problems:
            errors.print(f"error: {problem}", markup=False)
        errors.print(f"{len(exc.problems)} problem(s); nothing was written.", markup=False)
        raise typer.Exit(1)
    except BuildError as exc:
        fail(f"error: the built graph fails its checks; nothing was written.\n{exc}")
    except (RuleError, QueryError, ViewError, OntologyError, ShapesError) as exc:
        fail(f"error: {exc}", 2)
    except OSError as exc:
        fail(f"error: {exc.filename or ''}: {exc.strerror or exc}", 1)


def progress_bar() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                    console=errors, transient=True, disable=not errors.is_terminal)


def build_result(corpus: Optional[Path], ontology: Optional[Path], rules: Optional[List[Path]], *,
                 include_drafts: bool = False, validate: bool = True, shapes: Optional[Path] = None,
                 cache: Optional[Cache] = None) -> BuildResult:
    """Build in memory with :func:`claimgraph.pipeline.build`, with a spinner on a terminal."""
    with progress_bar() as progress:
        task = progress.add_task("loading annotations", total=None)

        def step(message: str) -> None:
            progress.update(task, description=message)

        return build(corpus, ontology=ontology, shapes=shapes, rules=rules, include_drafts=include_drafts,
                     validate=validate, cache=cache, progress=step)
