"""An adversarial corpus: one article holding n troop counts that all
contradict one another (issue 15, point 12), and what building it costs.

Without a limit, n figures give n(n-1)/2 numeric conflicts: 44,850 at
n = 300 (1.6 GB), past 2 GB at n = 1,000. The engine keeps at most
``MAX_PAIRS_PER_RULE_ARTICLE`` pairs per rule inside one article and says
in the summary how many it left out.

Run ``python bench/adversarial.py --sizes 100,300,1000``; each size is built
in a fresh process, and its wall time, peak memory and finding counts are
printed as JSON lines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ENTITIES = Path(__file__).resolve().parents[1] / "tests" / "data" / "valid" / "entities.yaml"


def pile_up(root: Path, count: int) -> Path:
    """Write a corpus whose one article states ``count`` different troop counts for one month."""
    for folder in ("articles", "annotations", "entities"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(ENTITIES, root / "entities" / "test.yaml")
    quotes = [f"Official {index} said there were {1000 + 7 * index:,} troops in the country." for index in range(count)]
    raw = ("\n".join(quotes) + "\n").encode("utf-8")
    (root / "articles" / "pile.txt").write_bytes(raw)
    claims = [{"id": f"c{index + 1:04d}", "quote": quote, "speaker": "minister-a", "modality": "asserted", "via": [],
               "proposition": {"subject": "force-presence", "predicate": "troop-count", "scope": "all-troops",
                               "time": "2011-10",
                               "quantity": {"amount": 1000 + 7 * index, "qualifier": "exact", "unit": "persons"}},
               "status": "checked"} for index, quote in enumerate(quotes)]
    annotation = {"article": "pile", "sha256": hashlib.sha256(raw).hexdigest(), "title": "a pile-up",
                  "publisher": "outlet-one", "authors": [],
                  "published": {"date": "2011-10-21", "status": "stated", "evidence": "bench"},
                  "checked_by": "bench", "checked_on": "2026-12-02", "claims": claims}
    (root / "annotations" / "pile.yaml").write_text(yaml.safe_dump(annotation, sort_keys=False), encoding="utf-8")
    return root


def measure(corpus: Path) -> dict:
    """Build ``corpus`` in this process (views and files rendered too) and report the cost."""
    from claimgraph.pipeline import build, render_outputs

    started = time.perf_counter()
    result = build(corpus, validate=False)
    render_outputs(result)
    return {"seconds": round(time.perf_counter() - started, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "contradictions": len(result.findings.contradictions),
            "pairs_kept": sum(len(f.pairs) for f in result.findings.contradictions),
            "pairs_left_out": sum(getattr(result.findings, "capped", {}).values())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="claimgraph-pile-") as work:
            corpus = pile_up(Path(work) / "corpus", size)
            done = subprocess.run([sys.executable, __file__, "--measure", str(corpus)], capture_output=True, text=True)
            if done.returncode != 0:
                print(json.dumps({"claims": size, "error": done.stderr.strip().splitlines()[-1:]}))
                continue
            print(json.dumps({"claims": size, "pairs_possible": size * (size - 1) // 2, **json.loads(done.stdout)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
