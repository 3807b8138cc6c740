"""Memory policy for the long, allocation-heavy steps of a build.

Loading 100k claims creates millions of long-lived objects (pydantic
models, records, findings). CPython's cyclic collector runs again and again
while they are made and walks all of them each time, finding nothing to
free: a quarter of the time at that size. The steps pause it and restore
it afterwards.

Examples
--------
>>> import gc
>>> with paused_gc():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic garbage collector inside the block (reference
    counting still frees everything that is not in a cycle)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
