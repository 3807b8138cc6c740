"""A content-addressed cache for work that only depends on bytes we can hash.

Parsing YAML (PyYAML builds every node in Python) dominates the reading of
a large corpus and depends only on file content. The build caches its
*results* as JSON, one file per
key, where the key is the SHA-256 of every input. A changed input is a new
key, so nothing is ever stale; validation itself always runs. Files are
written atomically (temporary file, then rename), and an unreadable entry is
treated as missing. Deleting the folder is always safe.

Examples
--------
>>> import tempfile
>>> cache = Cache(Path(tempfile.mkdtemp()))
>>> key = content_key(b"claims: []", "v1")
>>> cache.get("yaml", key) is None
True
>>> cache.put("yaml", key, {"claims": []})
>>> cache.get("yaml", key)
{'claims': []}
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from claimgraph.version import __version__

__all__ = ["Cache", "content_key"]


def content_key(*parts: bytes | str) -> str:
    """SHA-256 over the parts (length-prefixed, so parts cannot run together)
    and the claimgraph version (a new version may read or check differently)."""
    digest = hashlib.sha256(__version__.encode("utf-8"))
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """JSON values by kind and key under ``folder``."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / f"{key}.json"

    def get(self, kind: str, key: str) -> Any | None:
        try:
            return json.loads(self._path(kind, key).read_bytes())
        except (OSError, ValueError):
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value``; raises ``TypeError`` for what JSON cannot hold."""
        self.put_json(kind, key, json.dumps(value, ensure_ascii=False))

    def put_json(self, kind: str, key: str, text: str) -> None:
        """Store a value already encoded as JSON text."""
        data = text.encode("utf-8")
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written is only slower
