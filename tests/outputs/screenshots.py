"""Screenshots taken by the browser tests, kept where a reader can look at them.

``save_screenshot(page, name)`` writes ``<name>.png`` into the folder named by
the ``CLAIMGRAPH_SCREENSHOTS`` environment variable (``make screenshots``
points it at ``output/screenshots/``); without it the screenshot is still
taken (so a page that cannot be drawn fails the test) but kept nowhere.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["ENV", "screenshot_dir", "save_screenshot"]

ENV = "CLAIMGRAPH_SCREENSHOTS"


def screenshot_dir() -> Path | None:
    """The folder screenshots go to, created if needed; ``None`` when unset."""
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    folder = Path(value)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_screenshot(page, name: str, *, full_page: bool = False) -> bytes:
    """Take a PNG screenshot of a playwright ``page`` (or anything with a
    playwright-style ``screenshot()``), save it as ``<name>.png`` under
    ``$CLAIMGRAPH_SCREENSHOTS`` when that is set, and return the PNG bytes."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "page"
    png = page.screenshot(full_page=full_page)
    folder = screenshot_dir()
    if folder is not None:
        (folder / f"{safe}.png").write_bytes(png)
    return png
