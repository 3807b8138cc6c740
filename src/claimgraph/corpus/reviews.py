"""Recording review decisions in the hand-edited ``reviews.yaml``.

The file is edited with ruamel.yaml so an analyst's comments and ordering
survive, and written atomically (temporary file, then rename), under a lock
and re-read inside it, so parallel ``decide`` commands lose nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from claimgraph.corpus.files import atomic_write_text, locked

__all__ = ["atomic_write_text", "round_trip_yaml", "record_review"]


def round_trip_yaml() -> YAML:
    """A ruamel.yaml handler that keeps comments, quotes and order, in the corpus's indentation."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def record_review(path: Path, finding_id: str, status: str, claims: list[str], reason: str | None,
                  by: str, date: str | None = None) -> None:
    """Add or update the decision on one finding, keeping everything else.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "reviews.yaml").write_text("# decisions\\nreviews: []\\n")
    >>> record_review(folder / "reviews.yaml", "x-1", "dismissed", ["a.c1", "b.c2"], "different scope", "ana", "2026-11-25")
    >>> print((folder / "reviews.yaml").read_text())
    # decisions
    reviews:
      - id: x-1
        status: dismissed
        claims: [a.c1, b.c2]
        reason: different scope
        by: ana
        date: '2026-11-25'
    <BLANKLINE>
    """
    path = Path(path)
    with locked(path):
        _record(path, finding_id, status, claims, reason, by, date)


def _record(path: Path, finding_id: str, status: str, claims: list[str], reason: str | None,
            by: str, date: str | None) -> None:
    yaml = round_trip_yaml()
    data = yaml.load(path.read_text(encoding="utf-8")) if path.exists() else None
    if data is None:
        data = CommentedMap()
    reviews = data.setdefault("reviews", CommentedSeq())
    if reviews is None:
        reviews = data["reviews"] = CommentedSeq()
    entry = next((item for item in reviews if item.get("id") == finding_id), None)
    if entry is None:
        entry = CommentedMap()
        reviews.append(entry)
    entry["id"] = finding_id
    entry["status"] = status
    claim_list = CommentedSeq(claims)
    claim_list.fa.set_flow_style()
    entry["claims"] = claim_list
    if reason:
        entry["reason"] = reason
    elif "reason" in entry:
        del entry["reason"]
    entry["by"] = by
    entry["date"] = date or dt.date.today().isoformat()
    import io
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    atomic_write_text(path, buffer.getvalue())
