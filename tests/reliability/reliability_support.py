"""Helpers for the reliability tests (issue 15): run the CLI as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
VALID = DATA / "valid" / "corpus"
CLAIMGRAPH = Path(sys.executable).parent / "claimgraph"


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120,
            **kwargs) -> subprocess.CompletedProcess:
    """``claimgraph ARGS`` in a fresh process; text output, never raises on a non-zero exit."""
    environment = {**os.environ, "COLUMNS": "200", **(env or {})}
    return subprocess.run([str(CLAIMGRAPH), *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=timeout, **kwargs)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path (hidden staging folders beside it are not inside it)."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}

