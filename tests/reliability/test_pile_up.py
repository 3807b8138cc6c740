"""Promise 12: a pile-up of conflicting figures in one article is capped per
rule per article, stably, and the summary says what was left out."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from claimgraph.outputs.report import summary_text
from claimgraph.pipeline import build
from claimgraph.rules import engine

BENCH = Path(__file__).resolve().parents[2] / "bench" / "adversarial.py"
spec = importlib.util.spec_from_file_location("adversarial", BENCH)
adversarial = importlib.util.module_from_spec(spec)
spec.loader.exec_module(adversarial)


def test_a_pile_up_is_capped_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "MAX_PAIRS_PER_RULE_ARTICLE", 100)
    corpus = adversarial.pile_up(tmp_path / "corpus", 60)  # 1,770 conflicting pairs
    result = build(corpus, validate=False)
    numeric = [f for f in result.findings.contradictions if f.kind == "numeric-conflict"]
    assert sum(len(f.pairs) for f in numeric) == 100
    left_out = result.findings.capped[("numeric-conflict", "pile")]
    assert left_out > 1500  # of at most 1,770 pairs
    summary = summary_text(result)
    assert f"capped: {sum(result.findings.capped.values())} claim pair(s) left out, past 100 per rule" in summary
    assert f"numeric-conflict in pile: {left_out} more" in summary
    again = build(corpus, validate=False)
    assert [f.id for f in again.findings.all()] == [f.id for f in result.findings.all()]


def test_the_shipped_corpus_is_far_below_the_cap(result):
    assert result.findings.capped == {}
    assert engine.MAX_PAIRS_PER_RULE_ARTICLE >= 100
