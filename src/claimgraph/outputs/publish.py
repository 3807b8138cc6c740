"""Publishing a build's files as one atomic step.

The new output is written whole into a hidden staging folder beside the
output folder (``.output.staging-XXXX`` next to ``output/``), together with
hard links to every file of the previous output that this build does not
write (``claimgraph views`` writes only the views; a note such as
``output/README.md`` stays). Then the staging folder and the output folder
trade places in one ``renameat2(RENAME_EXCHANGE)`` (Linux) or
``renamex_np(RENAME_SWAP)`` (macOS) call, and the old build, now in the
staging folder, is removed. ``output/`` stays an ordinary folder, so its
pages open by double-click from ``file://`` and every path is unchanged.

A crash at any point leaves ``output/`` as the whole old build or the whole
new one; a staging folder left behind by a crash is removed by the next
publish. On systems without an exchange call, the old folder is parked
under ``.output.old-XXXX`` for the instant between two renames, and the next
publish puts it back if it was left there.

Publishes to one folder are serialised by a lock on the folder's parent.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

__all__ = ["Content", "publish"]

#: A file's content: bytes, or chunks of bytes written one after another
#: (the N-Quads of a 100k-claim build, one named graph at a time).
Content = bytes | Iterable[bytes]

#: Called as ``_hook(operation, path)`` before every file operation of a
#: publish; the crash tests replace it to fail or stop the process there.
_hook: Callable[[str, Path], None] = lambda operation, path: None


def publish(folder: Path, files: Mapping[str, Content] | Iterable[tuple[str, Content]]) -> list[Path]:
    """Replace ``folder`` with ``files`` in one step.

    ``files`` maps relative paths to contents (bytes, or chunks of bytes),
    or yields (path, content) pairs: each is written to the staging folder as
    it comes, so a build never holds all its files at once, and an error
    while they are being made leaves the previous output as it was. Returns the final paths of
    the files written, sorted. Files of the previous output that ``files``
    does not name are kept.
    """
    folder = Path(folder)
    if folder.is_symlink():
        folder = Path(os.path.realpath(folder))
    folder = folder.absolute()
    parent, name = folder.parent, folder.name
    parent.mkdir(parents=True, exist_ok=True)
    with _parent_lock(parent):
        _recover(parent, name)
        _hook("mkdtemp", parent)
        staging = Path(tempfile.mkdtemp(prefix=f".{name}.staging-", dir=parent))
        try:
            written = _fill(staging, folder, files.items() if isinstance(files, Mapping) else files)
            if folder.exists():
                _hook("swap", folder)
                _swap(staging, folder)
            else:
                _hook("rename", folder)
                os.rename(staging, folder)
        except BaseException:
            _remove(staging)
            raise
        try:
            _remove(staging)  # now the old build; if this fails, the next publish removes it
        except OSError:
            pass
    return [folder / relative for relative in sorted(written)]


def _fill(staging: Path, folder: Path, files: Iterable[tuple[str, Content]]) -> set[str]:
    written: set[str] = set()
    for relative, content in files:
        if relative in written:
            raise ValueError(f"{relative} is written twice")
        written.add(relative)
        target = staging / relative
        if not target.parent.exists():
            _hook("mkdir", target.parent)
            target.parent.mkdir(parents=True, exist_ok=True)
        _hook("write", target)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            with open(target, "wb") as handle:
                for chunk in content:
                    handle.write(chunk)
    if folder.is_dir():
        _keep_others(folder, staging, written)
        mode = folder.stat().st_mode & 0o7777
    else:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o777 & ~mask
    _hook("chmod", staging)
    os.chmod(staging, mode)  # mkdtemp made it 0700
    return written


def _keep_others(folder: Path, staging: Path, written: set[str]) -> None:
    """Hard-link (or copy) into ``staging`` every file of ``folder`` the build does not write."""
    for root, dirs, names in os.walk(folder):
        relative_root = Path(root).relative_to(folder)
        for name in names:
            relative = (relative_root / name).as_posix()
            if relative in written:
                continue
            source, target = Path(root) / name, staging / relative
            if not target.parent.exists():
                _hook("mkdir", target.parent)
                target.parent.mkdir(parents=True, exist_ok=True)
            _hook("link", target)
            if os.path.islink(source):
                os.symlink(os.readlink(source), target)
                continue
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)


def _remove(path: Path) -> None:
    if path.exists():
        _hook("remove", path)
        shutil.rmtree(path, ignore_errors=True)


def _recover(parent: Path, name: str) -> None:
    """Undo what a crashed publish left: put back a parked old folder, remove staging folders."""
    folder = parent / name
    parked = sorted(parent.glob(f".{name}.old-*"))
    if parked and not folder.exists():
        os.rename(parked.pop(), folder)
    for stale in parked + sorted(parent.glob(f".{name}.staging-*")):
        _remove(stale)


@contextmanager
def _parent_lock(parent: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        yield
        return
    handle = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _exchange_call() -> Callable[[Path, Path], bool] | None:
    """The system call that swaps two paths in one step, if there is one."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:  # pragma: no cover
        return None
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2

        def call(a: Path, b: Path) -> bool:
            return libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
        return call
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):  # pragma: no cover
        rename_swap = 2

        def call(a: Path, b: Path) -> bool:
            return libc.renamex_np(os.fsencode(a), os.fsencode(b), rename_swap) == 0
        return call
    return None  # pragma: no cover


_EXCHANGE = _exchange_call()


def _swap(staging: Path, folder: Path) -> None:
    """Make ``staging`` the new ``folder``; afterwards ``staging`` holds the old one."""
    if _EXCHANGE is not None and _EXCHANGE(staging, folder):
        return
    # No exchange here (or the file system refused it): park the old folder
    # for an instant; _recover puts it back if the process dies in between.
    parked = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
    os.rmdir(parked)
    os.rename(folder, parked)
    _hook("rename", folder)
    os.rename(staging, folder)
    os.rename(parked, staging)
