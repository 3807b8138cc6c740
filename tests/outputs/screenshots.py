"""Screenshots the browser tests take, kept when ``$CLAIMGRAPH_SCREENSHOTS``
names a folder (``make screenshots`` sets it to output/screenshots/)."""

from __future__ import annotations

import os
from pathlib import Path


def save_screenshot(driver_or_page, name: str) -> Path | None:
    """Save what the page shows as ``<name>.png``; nothing when the variable is unset."""
    folder = os.environ.get("CLAIMGRAPH_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    if hasattr(driver_or_page, "save_screenshot"):  # a Selenium driver
        driver_or_page.save_screenshot(str(path))
    else:  # a Playwright page
        driver_or_page.screenshot(path=str(path))
    return path
