"""The claimgraph benchmark: the cold build, stage times, peak memory and growth from 1k to 1M claims.

For each size a synthetic corpus is generated (``bench/generate.py``, real
annotation format). The headline is the **cold build as a user runs it**:
``claimgraph build --no-cache`` (SHACL and the rendered views included) run
as a subprocess and timed from outside, its wall time and the child's own
peak RSS (``os.wait4``). Then the stages are measured in a *fresh Python
process*, stage after stage, as the build runs them:

1. **validate**: ``load_corpus`` (YAML with the libyaml loader, pydantic,
   every quote checked at its offset);
2. **build RDF**: ``corpus_graphs`` (N-Quads text per graph) bulk-loaded into
   an in-memory pyoxigraph store by ``load_graphs``;
3. **rules**: the ``construct-*`` rules, the claim records, every SELECT rule,
   grouping into findings, and the findings written back to the store;
4. **SHACL**: ``validate_store`` (the shapes compiled to SPARQL, run on the store);
5. **queries**: every shipped query, median of several runs.

Wall time is ``time.perf_counter``; memory is the process's peak resident set
(``resource.getrusage``) when the stage ends, i.e. the high-water mark of the
pipeline so far. The rules are also run on rdflib's own SPARQL engine at a
small size (2k claims by default) with a time cap, and both engines' answers
are compared. Every size checks that the contradictions found are exactly
the planted ones.

Above ``--disk-above`` claims the stages use an on-disk Oxigraph store
(RocksDB) instead of memory, and the cold build is not run above
``--build-max`` (it builds in memory).

``python bench/run.py`` (or ``make bench``) writes ``bench/RESULTS.md``;
``--sizes 1000,10000`` runs fewer sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

STAGES = ("validate", "validate (cached)", "build", "rules", "shacl", "queries")
TARGET_E2E_S = 60.0
TARGET_SHACL_S = 30.0
TARGET_1M_S = 300.0
TARGET_1M_RSS_MB = 16 * 1024
TARGET_RSS_MB = 3 * 1024
TARGET_GROWTH = 12.0
TARGET_QUERY_MS = 300.0
TARGET_SPEEDUP = 100.0


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _say(message: str) -> None:
    print(f"@progress {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ worker

def worker(corpus_dir: Path, *, shacl: bool, query_runs: int, store_dir: Path | None = None,
           detail: bool = True) -> dict:
    """Run every stage on one corpus in this process; return the measurements."""
    import pyoxigraph as ox
    from claimgraph.graph.build import corpus_graphs, load_graphs
    from claimgraph.rules.loading import load_rules
    from claimgraph.cache import Cache
    from claimgraph.corpus.load import load_corpus
    from claimgraph.memory import paused_gc
    from claimgraph.namespaces import graph_iri
    from claimgraph.pipeline import analyse
    from claimgraph.graph.sparql import run_query, shipped_queries
    from claimgraph.graph.records import claim_ref, claim_records
    from claimgraph.resources import default_ontology_path, default_shapes_path, rules_dir
    from claimgraph.graph.validate import validate_store

    rules = load_rules(rules_dir())
    result: dict = {"stages": {}}

    def stage(name: str, started: float) -> None:
        result["stages"][name] = {"seconds": time.perf_counter() - started, "peak_rss_mb": _rss_mb()}

    _say("validating annotations")
    started = time.perf_counter()
    corpus = load_corpus(corpus_dir, default_ontology_path())
    stage("validate", started)
    del corpus
    cache = Cache(Path(tempfile.mkdtemp(prefix="claimgraph-bench-cache-")))
    _say("validating annotations, filling the cache")
    load_corpus(corpus_dir, default_ontology_path(), cache=cache)
    _say("validating annotations from the cache")
    started = time.perf_counter()
    corpus = load_corpus(corpus_dir, default_ontology_path(), cache=cache)
    stage("validate (cached)", started)
    result["claims"] = corpus.claim_count
    result["articles"] = len(corpus.articles)

    _say("building RDF")
    started = time.perf_counter()
    store = ox.Store(str(store_dir)) if store_dir else ox.Store()
    result["store"] = "on disk" if store_dir else "memory"
    with paused_gc():  # as build_graph does
        graphs = load_graphs(store, corpus_graphs(corpus))
    stage("build", started)
    result["quads"] = len(store)

    _say("running the rules")
    started = time.perf_counter()
    records, findings = analyse(store, rules, corpus.reviews, corpus=corpus)
    stage("rules", started)

    rule_times: dict[str, float] = {}
    _say("timing each rule alone" if detail else "skipping the rules one by one")
    t = time.perf_counter()
    if detail:
        claim_records(store)
        rule_times["(claim records)"] = time.perf_counter() - t
    for rule in rules if detail else []:
        if not rule.is_construct:
            t = time.perf_counter()
            list(store.query(rule.text, use_default_graph_as_union=True))
            rule_times[rule.name] = time.perf_counter() - t
    result["rule_seconds"] = rule_times

    expected = json.loads((corpus_dir / "expected.json").read_text(encoding="utf-8"))
    want = {(item["kind"], tuple(item["claims"])) for item in expected["contradictions"]}
    found = {(f.kind, tuple(sorted(claim_ref(c) for c in f.claims))) for f in findings.contradictions}
    result["planted"] = {"expected": len(want), "found": len(found), "missing": sorted(map(list, want - found))[:10],
                         "extra": sorted(map(list, found - want))[:10], "exact": want == found,
                         "corroborations": len(findings.corroborations), "supersessions": len(findings.supersessions)}

    if shacl:
        _say("validating shapes (SHACL)")
        started = time.perf_counter()
        shapes = default_shapes_path().read_text(encoding="utf-8")
        report = validate_store(store, graphs + [graph_iri("derived")], shapes)
        stage("shacl", started)
        result["shacl_conforms"] = report.conforms
        result["shacl_violations"] = len(report.results)

    if not detail:
        return result
    _say("running the shipped queries")
    started = time.perf_counter()
    typical = _typical_bindings(corpus, records, findings)
    query_ms: dict[str, dict] = {}
    for name, path in shipped_queries().items():
        text = path.read_text(encoding="utf-8")
        entry: dict = {}
        for mode, bindings in (("all", None), ("bound", _bound(text, typical))):
            if mode == "bound" and not bindings:
                continue
            runs, rows = [], 0
            for _ in range(query_runs):
                t = time.perf_counter()
                rows = len(run_query(store, text, bindings).rows)
                runs.append((time.perf_counter() - t) * 1000)
            entry[mode] = {"median_ms": statistics.median(runs), "rows": rows, "bindings": bindings}
        query_ms[name] = entry
    stage("queries", started)
    result["queries"] = query_ms
    return result


def _typical_bindings(corpus, records, findings) -> dict[str, str]:
    """A value a reader would bind each documented parameter to: the
    busiest article, speaker (one who holds roles) and quantity subject,
    the commonest kind of contradiction, the largest corroboration."""
    from collections import Counter

    def busiest(values):
        counts = Counter(v for v in values if v)
        return min(counts, key=lambda v: (-counts[v], v)) if counts else None

    from claimgraph.namespaces import entity_iri

    with_roles = {key for key, entity in corpus.entities.items() if entity.roles}
    speaker = busiest(r.speaker_id for r in records.values() if r.speaker_id in with_roles)
    subject = busiest(r.subject_id for r in records.values() if r.unit)
    return {name: value for name, value in {
        "article": busiest(r.article for r in records.values()),
        "speaker": f"<{entity_iri(speaker)}>" if speaker else None,
        "subject": f"<{entity_iri(subject)}>" if subject else None,
        "kind": busiest(f"cg:{f.kind}" for f in findings.contradictions),
        "id": max(findings.corroborations, key=lambda f: (len(f.claims), f.id)).id if findings.corroborations else None,
    }.items() if value}


def _bound(text: str, typical: dict[str, str]) -> dict[str, str] | None:
    """The first parameter a query documents (``# Bind ?name``), bound to its typical value."""
    import re

    match = re.search(r"^# Bind \?(\w+)", text, re.M)
    if match and match.group(1) in typical:
        return {match.group(1): typical[match.group(1)]}
    return None


def rdflib_worker(corpus_dir: Path, rule_name: str, out: Path) -> None:
    """Run one SELECT rule on Oxigraph and then on rdflib's engine over the same quads.

    Appends one JSON line per engine to ``out`` as soon as it finishes, so a
    run killed at the time cap still leaves the Oxigraph figure.
    """
    import pyoxigraph as ox
    import rdflib
    from claimgraph.graph.build import corpus_quads, new_store
    from claimgraph.rules.loading import derive, load_rules
    from claimgraph.corpus.load import load_corpus
    from claimgraph.resources import default_ontology_path, rules_dir

    rules = load_rules(rules_dir())
    rule = next(r for r in rules if r.name == rule_name)
    quads = corpus_quads(load_corpus(corpus_dir, default_ontology_path()))
    store = new_store(quads)
    derived = derive(store, rules)
    with out.open("a", encoding="utf-8") as log:
        t = time.perf_counter()
        ox_pairs = sorted((row["a"].value, row["b"].value)
                          for row in store.query(rule.text, use_default_graph_as_union=True))
        log.write(json.dumps({"rule": rule.name, "engine": "oxigraph", "seconds": time.perf_counter() - t,
                              "rows": len(ox_pairs)}) + "\n")
        log.flush()
        data = ox.serialize(quads + derived, format=ox.RdfFormat.N_QUADS)
        t = time.perf_counter()
        dataset = rdflib.Dataset(default_union=True)
        dataset.parse(data=data.decode("utf-8"), format="nquads")
        log.write(json.dumps({"rule": "(load)", "seconds": time.perf_counter() - t}) + "\n")
        log.flush()
        _say(f"rdflib: {rule.name}")
        t = time.perf_counter()
        try:
            rd_pairs = sorted((str(row.a), str(row.b)) for row in dataset.query(rule.text))
            entry = {"rule": rule.name, "engine": "rdflib", "seconds": time.perf_counter() - t,
                     "rows": len(rd_pairs), "same_answer": rd_pairs == ox_pairs}
        except Exception as exc:  # rdflib failing on a rule is a result worth reporting
            entry = {"rule": rule.name, "engine": "rdflib", "seconds": time.perf_counter() - t,
                     "error": f"{type(exc).__name__}: {exc}"[:300]}
        log.write(json.dumps(entry) + "\n")


# ------------------------------------------------------------------ parent

def _run_child(args: list[str], label: str, timeout: float | None, progress) -> tuple[int, str]:
    """Run a worker, showing its progress lines; kill it at ``timeout`` seconds."""
    process = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    import selectors
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    deadline = None if timeout is None else time.monotonic() + timeout
    errors: list[str] = []
    while process.poll() is None:
        if deadline is not None and time.monotonic() > deadline:
            process.kill()
            process.wait()
            break
        for key, _ in selector.select(timeout=0.5):
            line = key.fileobj.readline()
            if line.startswith("@progress "):
                progress(f"{label}: {line[10:].strip()}")
            elif line:
                errors.append(line)
    rest = process.stderr.read()
    errors += [line for line in rest.splitlines(True) if not line.startswith("@progress ")]
    output = process.stdout.read()
    if process.returncode not in (0, None) and deadline is None:
        sys.stderr.write("".join(errors[-30:]))
    return process.returncode, output


def cold_build(corpus: Path, out: Path, cap: float | None = None) -> dict:
    """``claimgraph build --no-cache`` on ``corpus`` as a subprocess: wall time and the child's peak RSS.

    A build still running after ``cap`` seconds is stopped (``"stopped": True``)."""
    command = [str(Path(sys.executable).with_name("claimgraph")), "build", "--no-cache", "--quiet",
               "--corpus", str(corpus), "--out", str(out)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stopped = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if cap is not None and time.perf_counter() - started > cap:
            process.kill()
            stopped = True
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": seconds, "peak_rss_mb": usage.ru_maxrss / 1024.0, "stopped": stopped,
            "exit": 0 if stopped else process.returncode}


def _corpus(work: Path, claims: int, progress) -> Path:
    from generate import generate
    folder = work / f"corpus-{claims}"
    marker = folder / "expected.json"
    if marker.exists():
        try:
            if json.loads(marker.read_text())["claims"] == claims:
                return folder
        except (ValueError, KeyError):
            pass
    generate(claims, folder, seed=1, progress=lambda done, total: progress(
        f"{claims:,} claims: generating articles {done:,}/{total:,}"))
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="claimgraph benchmark")
    parser.add_argument("--sizes", default="1000,10000,100000", help="claim counts, comma-separated")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "claimgraph-bench",
                        help="where the synthetic corpora are written (kept for reuse)")
    parser.add_argument("--rdflib-size", type=int, default=2000)
    parser.add_argument("--rdflib-cap", type=float, default=60.0,
                        help="seconds one rule may take on rdflib (its process is killed then)")
    parser.add_argument("--shacl-max", type=int, default=10**6, help="skip SHACL above this many claims")
    parser.add_argument("--build-max", type=int, default=100000,
                        help="run the cold build (in memory) up to this many claims")
    parser.add_argument("--build-cap", type=float, default=900.0,
                        help="seconds the cold build may take before it is stopped")
    parser.add_argument("--disk-above", type=int, default=100000,
                        help="measure the stages on an on-disk store above this many claims")
    parser.add_argument("--query-runs", type=int, default=5)
    parser.add_argument("--detail-max", type=int, default=100000,
                        help="time each rule alone and the shipped queries up to this many claims")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw measurements here")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rdflib-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rule", help=argparse.SUPPRESS)
    parser.add_argument("--no-shacl", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--store-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-detail", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        result = worker(args.worker, shacl=not args.no_shacl, query_runs=args.query_runs, store_dir=args.store_dir,
                        detail=not args.no_detail)
        print(json.dumps(result))
        return 0
    if args.rdflib_worker:
        rdflib_worker(args.rdflib_worker, args.rule, args.log)
        return 0

    from rich.console import Console
    console = Console(stderr=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict] = {}
    with console.status("benchmark", spinner="dots") as status:
        show = status.update
        for size in sizes:
            corpus = _corpus(args.work, size, show)
            cold = None
            if size <= args.build_max:
                show(f"{size:,} claims: claimgraph build --no-cache")
                out = Path(tempfile.mkdtemp(prefix="claimgraph-bench-out-"))
                cold = cold_build(corpus, out, args.build_cap)
                shutil.rmtree(out, ignore_errors=True)
                if cold["exit"] != 0:
                    console.print(f"[red]claimgraph build failed at {size:,} claims (exit {cold['exit']})[/red]")
                    return 1
                console.print(f"{size:,} claims: claimgraph build --no-cache {cold['seconds']:.1f} s"
                              f"{' (stopped at the cap)' if cold['stopped'] else ''}, "
                              f"peak RSS {cold['peak_rss_mb']:.0f} MB")
            extra = ["--query-runs", str(args.query_runs)]
            if size > args.shacl_max:
                extra.append("--no-shacl")
            if size > args.detail_max:
                extra.append("--no-detail")
            store_dir = None
            if size > args.disk_above:
                store_dir = Path(tempfile.mkdtemp(prefix="claimgraph-bench-store-", dir=args.work))
                extra += ["--store-dir", str(store_dir)]
            started = time.perf_counter()
            code, output = _run_child(["--worker", str(corpus), *extra], f"{size:,} claims", None, show)
            if store_dir:
                shutil.rmtree(store_dir, ignore_errors=True)
            if code != 0:
                console.print(f"[red]the {size:,}-claim run failed (exit {code})[/red]")
                return 1
            results[size] = json.loads(output.strip().splitlines()[-1])
            results[size]["process_seconds"] = time.perf_counter() - started
            results[size]["cold_build"] = cold
            stages = results[size]["stages"]
            console.print(f"{size:,} claims: " + ", ".join(f"{k} {v['seconds']:.2f} s" for k, v in stages.items())
                          + f"; peak RSS {max(v['peak_rss_mb'] for v in stages.values()):.0f} MB; planted "
                          f"{'exact' if results[size]['planted']['exact'] else 'MISMATCH'}")
        rdflib_result = None
        if args.rdflib_size:
            corpus = _corpus(args.work, args.rdflib_size, show)
            log = args.work / f"rdflib-{args.rdflib_size}.jsonl"
            log.unlink(missing_ok=True)
            from claimgraph.rules.loading import load_rules
            from claimgraph.resources import rules_dir
            names = [r.name for r in load_rules(rules_dir()) if not r.is_construct]
            for name in names:
                _run_child(["--rdflib-worker", str(corpus), "--rule", name, "--log", str(log)],
                           f"{args.rdflib_size:,} claims", args.rdflib_cap, show)
            rdflib_result = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    text = render(results, rdflib_result, args)
    args.out.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({"sizes": results, "rdflib": rdflib_result}, indent=1), encoding="utf-8")
    console.print(f"wrote {args.out}")
    return 0


# ------------------------------------------------------------------ report

def _fmt_s(seconds: float) -> str:
    return f"{seconds:.2f}" if seconds < 100 else f"{seconds:.0f}"


def render(results: dict[int, dict], rdflib_result: list[dict] | None, args) -> str:
    import pyoxigraph
    import rdflib
    sizes = sorted(results)
    lines = ["# Benchmark results", "",
             f"Written by `bench/run.py` on {platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}, "
             "SHACL compiled to SPARQL. Synthetic corpora from `bench/generate.py` (seed 1). "
             "Each size runs in a fresh process; time is wall-clock, memory the process's peak RSS at the end of "
             "the stage (the pipeline's high-water mark so far).", ""]
    built = [s for s in sizes if results[s].get("cold_build")]
    lines += ["## The cold build, as a user runs it", "",
              "`claimgraph build --no-cache` (YAML, RDF, rules, SHACL, every output file and view) run as a "
              "subprocess, timed from outside; memory is the child's peak RSS.", "",
              "| claims | seconds | peak RSS GB | growth |", "|---|---|---|---|"]
    for a, b in zip([None, *built], built):
        cold = results[b]["cold_build"]
        growth = f"{cold['seconds'] / results[a]['cold_build']['seconds']:.1f}×" if a else "–"
        shown = f"> {_fmt_s(cold['seconds'])} (stopped)" if cold.get("stopped") else _fmt_s(cold["seconds"])
        lines.append(f"| {b:,} | {shown} | {cold['peak_rss_mb'] / 1024:.2f} | {growth} |")
    lines += ["", "## Stages", "", "Store: " + ", ".join(f"{s:,} claims {results[s].get('store', 'memory')}"
                                                       for s in sizes) + ".", "", "| stage | " + " | ".join(f"{s:,} claims: s (peak RSS MB)" for s in sizes)
              + "".join(f" | growth {a // 1000}k→{b // 1000}k" for a, b in zip(sizes, sizes[1:])) + " |",
              "|---" * (1 + len(sizes) + max(0, len(sizes) - 1)) + "|"]
    for stage in STAGES:
        cells, values = [], []
        for size in sizes:
            item = results[size]["stages"].get(stage)
            values.append(item["seconds"] if item else None)
            cells.append(f"{_fmt_s(item['seconds'])} ({item['peak_rss_mb']:.0f})" if item else "not run")
        growth = [f"{b / a:.1f}×" if a and b else "–" for a, b in zip(values, values[1:])]
        lines.append(f"| {stage} | " + " | ".join(cells) + (" | " + " | ".join(growth) if growth else "") + " |")
    e2e = {s: sum(results[s]["stages"][k]["seconds"] for k in ("validate", "build", "rules")) for s in sizes}
    warm = {s: sum(results[s]["stages"][k]["seconds"] for k in ("validate (cached)", "build", "rules")) for s in sizes}
    shacl = {s: e2e[s] + results[s]["stages"].get("shacl", {}).get("seconds", float("nan")) for s in sizes}
    peak = {s: max(v["peak_rss_mb"] for k, v in results[s]["stages"].items() if k != "queries") for s in sizes}
    for label, totals in (("**stages**, cold (validate + build + rules + shacl)", shacl),
                          ("**stages** without SHACL (validate + build + rules)", e2e),
                          ("**stages**, parsed YAML cached (validate (cached) + build + rules)", warm)):
        cells = [f"{_fmt_s(totals[s])} ({peak[s]:.0f})" for s in sizes]
        growth = [f"{totals[b] / totals[a]:.1f}×" for a, b in zip(sizes, sizes[1:])]
        lines.append(f"| {label} | " + " | ".join(cells) + (" | " + " | ".join(growth) if growth else "") + " |")
    lines += ["", "| size | articles | claims | quads | contradictions expected | found | exact | corroborations | "
              "supersessions |", "|---|---|---|---|---|---|---|---|---|"]
    for size in sizes:
        r, p = results[size], results[size]["planted"]
        lines.append(f"| {size:,} | {r['articles']:,} | {r['claims']:,} | {r['quads']:,} | {p['expected']} | "
                     f"{p['found']} | {'yes' if p['exact'] else 'NO'} | {p['corroborations']:,} | {p['supersessions']:,} |")
    full = sizes
    sizes = [s for s in full if results[s].get("queries")]
    lines += ["", "## Rules, one by one (seconds)", "", "| rule | " + " | ".join(f"{s:,}" for s in sizes) + " |",
              "|---" * (1 + len(sizes)) + "|"]
    for name in results[sizes[0]]["rule_seconds"]:
        lines.append(f"| {name} | " + " | ".join(_fmt_s(results[s]["rule_seconds"].get(name, float("nan")))
                                                  for s in sizes) + " |")
    lines += ["", f"## Shipped queries (median of {args.query_runs} runs, ms)", "",
              "Each query runs over everything, and, when its header documents a parameter (`# Bind ?name`), "
              "also bound to a value a reader would pick (the busiest article, a speaker holding roles, the "
              "subject with most figures, the commonest kind of contradiction, the largest corroboration).", "",
              "| query | mode | " + " | ".join(f"{s:,}: ms (rows)" for s in sizes) + " |",
              "|---" * (2 + len(sizes)) + "|"]
    for name in results[sizes[0]]["queries"]:
        for mode in ("all", "bound"):
            if mode not in results[sizes[0]]["queries"][name]:
                continue
            bound = results[sizes[-1]]["queries"][name][mode]["bindings"]
            label = "everything" if mode == "all" else "bound: " + ", ".join(f"?{k}" for k in bound)
            lines.append(f"| {name} | {label} | " + " | ".join(
                f"{results[s]['queries'][name][mode]['median_ms']:.1f} ({results[s]['queries'][name][mode]['rows']:,})"
                for s in sizes) + " |")
    if rdflib_result is not None:
        lines += ["", f"## Rules on rdflib's SPARQL engine ({args.rdflib_size:,} claims, cap {args.rdflib_cap:.0f} s per rule)",
                  "", "| rule | Oxigraph s | rdflib s | ratio | same answer |", "|---|---|---|---|---|"]
        ox_times = {e["rule"]: e for e in rdflib_result if e.get("engine") == "oxigraph"}
        rd_times = {e["rule"]: e for e in rdflib_result if e.get("engine") == "rdflib"}
        ox_total = rd_total = 0.0
        unfinished = []
        for name, ox in ox_times.items():
            rd = rd_times.get(name)
            ox_total += ox["seconds"]
            if rd is None:
                unfinished.append(name)
                rd_total += args.rdflib_cap
                lines.append(f"| {name} | {ox['seconds']:.3f} | > {args.rdflib_cap:.0f} (stopped) | "
                             f"> {args.rdflib_cap / max(ox['seconds'], 1e-6):.0f}× | – |")
            elif "error" in rd:
                lines.append(f"| {name} | {ox['seconds']:.3f} | error: {rd['error']} | – | – |")
            else:
                rd_total += rd["seconds"]
                lines.append(f"| {name} | {ox['seconds']:.3f} | {rd['seconds']:.2f} | "
                             f"{rd['seconds'] / max(ox['seconds'], 1e-6):.0f}× | {'yes' if rd['same_answer'] else 'NO'} |")
        load = next((e["seconds"] for e in rdflib_result if e["rule"] == "(load)"), None)
        bound = " at least (rules stopped at the cap count as the cap)" if unfinished else ""
        lines += ["", f"All SELECT rules: Oxigraph {ox_total:.2f} s, rdflib {rd_total:.1f} s{bound}; "
                      f"ratio {rd_total / max(ox_total, 1e-6):.0f}×{' or more' if unfinished else ''}."
                  + (f" rdflib parsed the N-Quads in {load:.1f} s (not counted)." if load is not None else "")]
    lines += ["", "## Targets", ""]
    largest = sizes[-1]
    checks = []
    cold = (results.get(100000) or {}).get("cold_build")
    if cold:
        checks.append((f"100k claims: `claimgraph build --no-cache` ≤ {TARGET_E2E_S:.0f} s and ≤ 3 GB",
                       cold["seconds"] <= TARGET_E2E_S and cold["peak_rss_mb"] <= TARGET_RSS_MB
                       and not cold.get("stopped"),
                       f"{'more than ' if cold.get('stopped') else ''}{cold['seconds']:.1f} s, "
                       f"{cold['peak_rss_mb'] / 1024:.2f} GB{' when stopped' if cold.get('stopped') else ''}"))
    if "shacl" in results.get(100000, {}).get("stages", {}):
        seconds = results[100000]["stages"]["shacl"]["seconds"]
        checks.append((f"100k claims: cold SHACL ≤ {TARGET_SHACL_S:.0f} s", seconds <= TARGET_SHACL_S, f"{seconds:.1f} s"))
    if 1000000 in results:
        total, rss = shacl[1000000], peak[1000000]
        checks.append((f"1M claims: validate + build + rules + SHACL < {TARGET_1M_S / 60:.0f} min and < 16 GB "
                       f"({results[1000000].get('store', 'memory')} store)",
                       total < TARGET_1M_S and rss < TARGET_1M_RSS_MB, f"{total:.0f} s, {rss / 1024:.1f} GB"))
    worst = []
    for stage in STAGES:
        for a, b in zip(full, full[1:]):
            sa, sb = results[a]["stages"].get(stage), results[b]["stages"].get(stage)
            if sa and sb:
                worst.append((sb["seconds"] / sa["seconds"] * (a * 10 / b), f"{stage} {a // 1000}k→{b // 1000}k"))
    if worst:
        ratio, where = max(worst)
        checks.append((f"every stage at most linear (10× claims → ≤ {TARGET_GROWTH:.0f}× time)", ratio <= TARGET_GROWTH,
                       f"worst {ratio:.1f}× ({where})"))
    queries = results[largest]["queries"]
    as_documented = max((q.get("bound", q["all"])["median_ms"], name) for name, q in queries.items())
    checks.append((f"each shipped query < {TARGET_QUERY_MS:.0f} ms median at {largest:,} claims, run as documented "
                   "(bound where it has a parameter)", as_documented[0] < TARGET_QUERY_MS,
                   f"slowest {as_documented[1]} {as_documented[0]:.0f} ms"))
    everything = max((q["all"]["median_ms"], name) for name, q in queries.items())
    over = sorted(name for name, q in queries.items() if q["all"]["median_ms"] >= TARGET_QUERY_MS)
    checks.append((f"each shipped query < {TARGET_QUERY_MS:.0f} ms at {largest:,} claims over everything "
                   "(no parameter bound)", everything[0] < TARGET_QUERY_MS,
                   f"slowest {everything[1]} {everything[0]:.0f} ms; over the target: {', '.join(over) or 'none'}"))
    if rdflib_result:
        checks.append((f"rules ≥ {TARGET_SPEEDUP:.0f}× faster than rdflib at {args.rdflib_size:,} claims",
                       rd_total / max(ox_total, 1e-6) >= TARGET_SPEEDUP,
                       f"{rd_total / max(ox_total, 1e-6):.0f}×{' or more' if unfinished else ''}"))
    exact = all(results[s]["planted"]["exact"] for s in full)
    checks.append(("every planted contradiction found at every size, nothing else", exact,
                   "exact" if exact else "mismatch"))
    lines += ["| target | met | measured |", "|---|---|---|"]
    lines += [f"| {name} | {'yes' if ok else '**no**'} | {value} |" for name, ok, value in checks]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
