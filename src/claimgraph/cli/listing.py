"""Query results on the command line: paged tables on a terminal, and every
row streamed in the machine formats.

A table shows one page (1,000 rows on a terminal unless told otherwise) and
says how many rows there are in all and how to see the next page. ``--all``
and the machine formats (CSV, TSV, JSON) write every row as Oxigraph
evaluates it, holding at most one page: a listing of 150k rows needs no more
memory than one of a thousand.
"""

from __future__ import annotations

import itertools
import os
import sys
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Iterable, Iterator, Optional

from rich.table import Table

from claimgraph.cli.common import console, write_out
from claimgraph.graph.records import format_number
from claimgraph.graph.sparql import FORMATS, QueryError, QueryRows, compact, write_result

__all__ = ["PAGE", "Paging", "paging", "print_listing", "table_columns"]

PAGE = 1000
"""Rows a table shows on a terminal unless ``--limit`` or ``--all`` says otherwise."""

_CUT = 100


@dataclass(frozen=True)
class Paging:
    """Which rows to show: ``limit`` rows from ``offset`` (every row when ``limit`` is None)."""

    offset: int = 0
    limit: Optional[int] = None


def _count(option: str, value: Optional[str], least: int) -> Optional[int]:
    if value is None:
        return None
    text = value.replace(",", "").replace("_", "")
    if not text.isdigit() or int(text) < least:
        kind = "a whole number of rows, 1 or more" if least else "a whole number of rows, 0 or more"
        raise QueryError(f"{option} {value}: {kind}")
    return int(text)


def paging(limit: Optional[str], offset: Optional[str], every: bool, *, table: bool, terminal: bool) -> Paging:
    """The page a listing shows, from the ``--limit``, ``--offset`` and ``--all`` options.

    A table on a terminal shows :data:`PAGE` rows unless told otherwise;
    anything else shows every row unless ``--limit`` is given.

    Examples
    --------
    >>> paging(None, None, False, table=True, terminal=True)
    Paging(offset=0, limit=1000)
    >>> paging(None, "2000", True, table=True, terminal=True)
    Paging(offset=2000, limit=None)
    >>> paging("-5", None, False, table=True, terminal=False)
    Traceback (most recent call last):
    claimgraph.graph.sparql.QueryError: --limit -5: a whole number of rows, 1 or more
    """
    rows = _count("--limit", limit, 1)
    start = _count("--offset", offset, 0) or 0
    if every and rows is not None:
        raise QueryError(f"--all and --limit {limit} disagree: give one of them")
    if rows is None and not every and table and terminal:
        rows = PAGE
    return Paging(start, rows)


def table_columns(columns: list[str]) -> list[tuple[str, int, int | None]]:
    """The columns a terminal table shows: ``(header, value column, label column)``.

    One column per value: ``?kind`` with ``?kindLabel`` print as one column,
    the short id alone when the label only rewords it ("numeric conflict"),
    else "Label (id)"; a label with no id column is headed by the value's name.

    Examples
    --------
    >>> table_columns(["kind", "kindLabel", "speakerLabel"])
    [('kind', 0, 1), ('speaker', 2, None)]
    """
    shown = []
    for index, column in enumerate(columns):
        if column.endswith("Label") and column[:-5] in columns:
            continue
        label = columns.index(column + "Label") if column + "Label" in columns else None
        header = column[:-5] if column.endswith("Label") and len(column) > 5 else column
        shown.append((header, index, label))
    return shown


def _cell(value, label=None, limit: int = _CUT) -> str:
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, (int, float)):
        text = format_number(value)
    else:
        text = compact(value)
    if label is not None and label != "":
        words = str(label)
        if words.lower().replace(" ", "-") != text.lower():
            text = f"{words} ({text})" if text else words
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _print_table(columns: list[str], rows: list[list]) -> bool:
    """Print one table; whether a long text was cut."""
    shown = table_columns(columns)
    cells = [[_cell(row[value], row[label] if label is not None else None) for _, value, label in shown]
             for row in rows]
    table = Table(show_lines=False, header_style="bold")
    for position, (header, value, _) in enumerate(shown):
        texts = [row[position] for row in cells]
        widest = max([len(header), *map(len, texts)])
        numeric = all(isinstance(row[value], (int, float)) and not isinstance(row[value], bool)
                      for row in rows if row[value] is not None) and any(texts)
        if all(" " not in v for v in texts) and widest <= 48:
            # an id, a date or a number: never broken across lines
            table.add_column(header, no_wrap=True, min_width=widest, justify="right" if numeric else "left")
        else:
            table.add_column(header, overflow="fold", ratio=1)
    for row in cells:
        table.add_row(*row)
    console.print(table)
    return any(len(compact(v)) > _CUT for row in rows for v in row if isinstance(v, str))


def _pages(rows: Iterable[list]) -> Iterator[list[list]]:
    rows = iter(rows)
    while page := list(itertools.islice(rows, PAGE)):
        yield page


def _rows_word(count: int) -> str:
    return f"{count:,} row{'s' if count != 1 else ''}"


def _footer(shown: int, total: int, page: Paging) -> str:
    if page.offset == 0 and shown == total:
        return _rows_word(total)
    where = f" (from row {page.offset + 1:,})" if page.offset and shown else ""
    text = f"{shown:,} of {_rows_word(total)}{where}"
    if page.offset + shown < total:
        text += f"; --offset {page.offset + shown} for the next page, --all for every row"
    return text


def print_listing(result: QueryRows, fmt: str, page: Paging) -> None:
    """Print the rows of ``page`` as a table (with a line saying how many
    rows there are in all) or in a machine format, streamed.

    A table longer than :data:`PAGE` rows prints as consecutive tables of a
    page each, so no listing is held whole.
    """
    if fmt != "table" and fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use table, {', '.join(FORMATS[:-1])} or {FORMATS[-1]}")
    skipped = result.skip(page.offset) if page.offset else 0
    rows: Iterable[list[Any]] = iter(result)
    if page.limit is not None:
        rows = itertools.islice(rows, page.limit)
    if fmt != "table":
        _stream(result.columns, rows, fmt)
        return
    shown, cut = 0, False
    for chunk in _pages(rows):
        cut = _print_table(result.columns, chunk) or cut
        shown += len(chunk)
    if not shown:
        _print_table(result.columns, [])
    rest = result.skip() if page.limit is not None and shown == page.limit else 0
    note = "; long texts cut to 100 characters (--format csv or json prints them whole)" if cut else ""
    console.print(_footer(shown, skipped + shown + rest, page) + note, markup=False)


def _stream(columns: list[str], rows: Iterable[list[Any]], fmt: str) -> None:
    """Write rows to stdout as they come; a reader that stops early (``| head``) ends the listing quietly."""
    try:
        write_result(columns, rows, fmt, SimpleNamespace(write=write_out))
        sys.stdout.flush()
    except BrokenPipeError:
        # stdout is gone: point it at /dev/null so the interpreter's last flush cannot fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
