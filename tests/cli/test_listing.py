"""``claimgraph query`` listings: a page of a table on a terminal (a real
pseudo-terminal), ``--limit``/``--offset``/``--all``, every row streamed in
the machine formats, and bad paging arguments as one line."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli.app import app
from claimgraph.graph.sparql import format_result, run_query

CLAIMGRAPH = Path(sys.executable).parent / "claimgraph"
EVERY_TRIPLE = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o\n"
runner = CliRunner()


@pytest.fixture(scope="module")
def listing(tmp_path_factory):
    """The built corpus as a TriG file, a query of thousands of rows, and its rows run directly."""
    from claimgraph.pipeline import build, render_outputs

    folder = tmp_path_factory.mktemp("listing")
    result = build(validate=False)
    data = folder / "claims.trig"
    data.write_bytes(render_outputs(result, views=False)["claims.trig"])
    query = folder / "every-triple.rq"
    query.write_text(EVERY_TRIPLE, encoding="utf-8")
    expected = run_query(result.store, EVERY_TRIPLE)
    assert len(expected.rows) > 3000
    return data, query, expected


def invoke(data, query, *args):
    finished = runner.invoke(app, ["query", str(query), "--data", str(data), *map(str, args)],
                             catch_exceptions=False)
    assert finished.exit_code == 0, finished.output
    return finished.output


@pytest.mark.corpus
def test_machine_formats_stream_every_row_byte_for_byte(listing):
    data, query, expected = listing
    for fmt in ("csv", "tsv", "json"):
        assert invoke(data, query, "--format", fmt) == format_result(expected, fmt), fmt
    assert json.loads(invoke(data, query, "--format", "json")) == expected.records()


@pytest.mark.corpus
def test_limit_and_offset_give_that_page(listing):
    data, query, expected = listing
    page = list(csv.reader(io.StringIO(invoke(data, query, "--format", "csv", "--limit", 5, "--offset", 10))))
    assert page[1:] == [["" if v is None else str(v) for v in row] for row in expected.rows[10:15]]
    total = len(expected.rows)
    table = invoke(data, query, "--limit", 5, "--offset", 10)
    assert table.rstrip().splitlines()[-1].startswith(
        f"5 of {total:,} rows (from row 11); --offset 15 for the next page, --all for every row")
    last = invoke(data, query, "--offset", total - 2, "--format", "csv")
    assert len(last.splitlines()) == 3  # the header and the last two rows


@pytest.mark.corpus
def test_a_table_off_a_terminal_shows_every_row(listing):
    data, query, expected = listing
    table = invoke(data, query)
    assert table.rstrip().splitlines()[-1].startswith(f"{len(expected.rows):,} rows")
    assert table.count("\n") > len(expected.rows)


def _on_a_terminal(*args: str) -> str:
    """Run ``claimgraph`` with stdout on a pseudo-terminal; what the terminal showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([str(CLAIMGRAPH), *args], stdout=follower, stderr=subprocess.PIPE,
                               env={**os.environ, "COLUMNS": "200", "TERM": "dumb"})
    os.close(follower)
    chunks: list[bytes] = []

    def drain() -> None:  # the child blocks on a full terminal unless someone reads it
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    stderr = process.communicate(timeout=300)[1]
    reader.join(timeout=60)
    os.close(leader)
    assert process.returncode == 0, stderr
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.corpus
def test_a_table_on_a_terminal_shows_a_page_and_says_how_many_remain(listing):
    data, query, expected = listing
    total = len(expected.rows)
    shown = _on_a_terminal("query", str(query), "--data", str(data))
    footer = " ".join(shown.split("┘")[-1].split())  # after the table's last corner, wrapped to the terminal
    assert footer.startswith(f"1,000 of {total:,} rows; --offset 1000 for the next page, --all for every row")
    assert 1000 < shown.count("\n") < total
    everything = _on_a_terminal("query", str(query), "--data", str(data), "--all")
    assert " ".join(everything.split("┘")[-1].split()).startswith(f"{total:,} rows")
    assert everything.count("\n") > total


@pytest.mark.parametrize("args,words", [
    (["--limit", "-1"], "error: --limit -1: a whole number of rows, 1 or more"),
    (["--limit", "0"], "error: --limit 0: a whole number of rows, 1 or more"),
    (["--offset", "-3"], "error: --offset -3: a whole number of rows, 0 or more"),
    (["--offset", "ten"], "error: --offset ten: a whole number of rows, 0 or more"),
    (["--all", "--limit", "5"], "error: --all and --limit 5 disagree: give one of them"),
    (["--format", "xml"], "error: unknown format 'xml'; use table, csv, tsv or json"),
])
def test_bad_paging_arguments_are_one_line(tmp_path, args, words):
    finished = subprocess.run([str(CLAIMGRAPH), "query", "troop-levels", "--data", str(tmp_path / "never-read.trig"),
                               *args], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 2
    assert finished.stderr.strip().splitlines() == [words]
    assert finished.stdout == ""


@pytest.mark.corpus
def test_a_reader_that_stops_early_ends_the_listing_quietly(listing):
    data, query, _ = listing
    process = subprocess.Popen([str(CLAIMGRAPH), "query", str(query), "--data", str(data), "--format", "csv"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    stderr = process.communicate(timeout=120)[1]
    assert first.startswith(b"s,p,o")
    assert process.returncode == 0 and b"Traceback" not in stderr and b"BrokenPipe" not in stderr, stderr
