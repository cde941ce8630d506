"""One writer per folder: an exclusive claim that ends when its holder ends, however it ends.

`claim_folder` takes an flock on a lock file inside the folder, non-blocking (polled while the caller agrees
to wait). The kernel drops an flock when its holder's process exits, kill -9 included, so a claim is never
stale and nothing has to be cleaned up after a crash. A lock file rather than a lock on the folder itself:
NFS locks only files opened for writing. The file holds the holder's process id, so that a refused claimant
can say who holds the folder, and is removed when the claim ends, so a finished run leaves nothing behind.

Within a process, the thread that holds a folder's claim may claim it again (an eval task claims its run
folder, then its generate run claims it too); any other claimant, another thread included, is refused.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".lock"
POLL_S = 0.1
"""How often a waiting claimant tries again."""

_held: set[tuple[str, int]] = set()
"""(lock file's real path, thread id) of every claim this process holds: a holder's nested claim is free."""


class FolderBusy(RuntimeError):
    """The folder is claimed by another writer; the message names the folder and the holder."""


@contextmanager
def claim_folder(
    folder: Path, *, wait_s: float = 0.0, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold `folder` (an existing folder) for the block: no other claimant gets it until the block ends.

    A folder another writer holds is waited for up to `wait_s` seconds (`on_wait` is told once, with the
    reason); then FolderBusy is raised. Raises OSError where the lock file cannot be made or locked.
    """
    with claim_lock(Path(folder) / LOCK_FILE, str(folder), wait_s=wait_s, on_wait=on_wait):
        yield


@contextmanager
def claim_lock(
    lock: Path,
    what: str,
    *,
    wait_s: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    reentrant: bool = True,
) -> Iterator[None]:
    """Hold the lock file `lock` (made if missing; its folder must exist) for the block, as `claim_folder`
    does for a folder's own lock file; `what` names what it guards in the FolderBusy message. Not
    `reentrant`: the holding thread's second claim is refused too."""
    key = (os.path.realpath(lock), threading.get_ident())
    if reentrant and key in _held:
        yield
        return
    descriptor = _lock(lock, what, wait_s, on_wait)
    _held.add(key)
    try:
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode())
        yield
    finally:
        _held.discard(key)
        lock.unlink(missing_ok=True)  # while still locked: the next claimant makes a new file
        os.close(descriptor)


def _lock(lock: Path, what: str, wait_s: float, on_wait: Callable[[str], None] | None) -> int:
    """The locked descriptor of `lock`, once it is ours and still the file at that path."""
    deadline = time.monotonic() + wait_s
    told = False
    while True:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            reason = f"{what} is being written by {_holder(descriptor)}"
            os.close(descriptor)
            if time.monotonic() >= deadline:
                raise FolderBusy(reason) from None
            if on_wait is not None and not told:
                on_wait(f"{reason}; waiting up to {wait_s:g} s")
                told = True
            time.sleep(POLL_S)
            continue
        except BaseException:
            os.close(descriptor)
            raise
        if _is_current(descriptor, lock):
            return descriptor
        os.close(descriptor)  # the holder we waited for removed this file as it let go: lock the new one


def _is_current(descriptor: int, lock: Path) -> bool:
    try:
        on_disk = lock.stat()
    except FileNotFoundError:
        return False
    opened = os.fstat(descriptor)
    return (opened.st_dev, opened.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _holder(descriptor: int) -> str:
    """'process N' from the lock file, or 'another process' while the holder has not written its id yet."""
    text = os.pread(descriptor, 32, 0).decode(errors="replace").strip()
    return f"process {text}" if text.isdigit() else "another process"
