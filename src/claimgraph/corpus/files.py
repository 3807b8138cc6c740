"""Safe writes to hand-edited files: one writer at a time, nothing half-written.

:func:`locked` takes an exclusive advisory lock (``fcntl.flock``) for a file,
held on the folder that holds it (the file itself is replaced by a rename,
so it cannot carry the lock, and no lock file is left in the corpus): a
command that reads, changes and rewrites the file does so while no other
claimgraph command writes in that folder.
Always re-read the file *inside* the lock. :func:`atomic_write_text`
replaces a file in one rename and keeps its mode; a new file gets the
user's umask, as ``open()`` would give it.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

try:  # pragma: no cover - POSIX everywhere claimgraph is tested
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

__all__ = ["locked", "atomic_write_text", "atomic_write_bytes", "default_mode"]


def default_mode() -> int:
    """The mode a new regular file gets under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (which need not exist) until the block ends.

    The lock is on the file's folder; it is released when the process ends,
    however it ends, so a killed command never leaves a stale lock behind.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path.parent, os.O_RDONLY)
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step, keeping the old file's mode
    (a new file follows the umask)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = default_mode()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines as given) in one step; see :func:`atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode("utf-8"))
