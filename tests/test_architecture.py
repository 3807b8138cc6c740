"""docs/architecture.md lists every module of the package, and only those."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "claimgraph"


def test_every_module_is_listed_in_the_architecture_map():
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`(claimgraph/[\w/]+\.py)`", text))
    modules = {str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    assert sorted(modules - listed) == [], "add a line for each new module to docs/architecture.md"
    assert sorted(listed - modules) == [], "docs/architecture.md lists modules that no longer exist"
