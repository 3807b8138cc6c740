"""Promise 2: commands that rewrite a hand-edited file take a lock and re-read
under it, so parallel ``decide`` commands lose no acknowledged decision."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import yaml

from claimgraph.corpus.files import locked
from claimgraph.corpus.reviews import record_review

from reliability_support import CLAIMGRAPH, DATA

sys.path.insert(0, str(DATA.parent))
from conftest import write_corpus  # noqa: E402  (tests/conftest.py)


def _pile_up(root: Path, count: int) -> Path:
    claims = []
    for index in range(count):
        amount = 1000 * (index + 2)
        claims.append({"id": f"c{index + 1:02d}", "quote": f"there are {amount:,} troops now ({index})",
                       "speaker": "minister-a", "modality": "asserted", "via": [],
                       "proposition": {"subject": "force-presence", "predicate": "troop-count", "scope": "all-troops",
                                       "time": "2011-10",
                                       "quantity": {"amount": amount, "qualifier": "exact", "unit": "persons"}}})
    return write_corpus(root / "corpus", {"a1": claims}, reviews={"reviews": []})


def test_twelve_parallel_decides_lose_nothing(tmp_path):
    corpus = _pile_up(tmp_path, 8)
    listed = subprocess.run([str(CLAIMGRAPH), "contradictions", "--corpus", str(corpus), "--format", "json"],
                            capture_output=True, text=True, check=True)
    ids = [finding["id"] for finding in json.loads(listed.stdout)][:12]
    assert len(ids) == 12
    processes = [subprocess.Popen([str(CLAIMGRAPH), "decide", finding, "confirmed", "--by", f"analyst-{n}",
                                   "--corpus", str(corpus)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for n, finding in enumerate(ids)]
    outputs = [process.communicate(timeout=300) for process in processes]
    for process, (out, err) in zip(processes, outputs):
        assert process.returncode == 0, err
        assert out.startswith("recorded:")
    recorded = yaml.safe_load((corpus / "reviews.yaml").read_text())["reviews"]
    assert sorted(entry["id"] for entry in recorded) == sorted(ids)


def test_record_review_rereads_under_the_lock(tmp_path):
    """Many threads at once, each recording its own decision: every one is in the file."""
    path = tmp_path / "reviews.yaml"
    path.write_text("# decisions\nreviews: []\n")
    threads = [threading.Thread(target=record_review, args=(path, f"f-{n}", "confirmed", ["a.c1", "a.c2"], None, "x"))
               for n in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    data = yaml.safe_load(path.read_text())
    assert sorted(entry["id"] for entry in data["reviews"]) == sorted(f"f-{n}" for n in range(24))
    assert path.read_text().startswith("# decisions")


def test_the_lock_excludes_another_process(tmp_path):
    target = tmp_path / "reviews.yaml"
    script = ("import sys, time; from claimgraph.corpus.files import locked\n"
              "with locked(sys.argv[1]):\n    print('held', flush=True); time.sleep(1.5)\n")
    holder = subprocess.Popen([sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    import time
    started = time.monotonic()
    with locked(target):
        waited = time.monotonic() - started
    holder.wait()
    assert waited > 0.5
    assert not [p for p in tmp_path.iterdir() if p.name != "reviews.yaml"], "no lock file is left behind"
