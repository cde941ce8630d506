"""The start of each worker process of an eval: its share of the cores, the pipeline imported, and a life
tied to the eval's.

A worker must not outlive the eval that started it: after a kill -9 of the eval an orphan would sit idle
forever or, killed in the middle of a run, race the resumed eval for that run's folder. On Linux the kernel
ends it: prctl(PR_SET_PDEATHSIG, SIGKILL) asks for a SIGKILL the moment the parent dies, which works even
while the worker is deep in numba or torch code that holds the GIL (a Python thread would have to wait for
it). The signal follows the death of the parent's *thread* that started the worker; the pool starts its
workers from `submit`, in the thread that runs the eval to its end. Where prctl does not exist (macOS) a
daemon thread polls the parent's process id every PARENT_POLL_S seconds and ends the worker once it has been
given another parent. Either way the parent is checked once more after the request, in case it died first.
"""

from __future__ import annotations

import ctypes
import importlib
import os
import signal
import sys
import threading
import time

from scenewright.runtime import configure_process

PARENT_POLL_S = 1.0
PR_SET_PDEATHSIG = 1
"""From <linux/prctl.h>."""
ORPHANED_EXIT = 1


def start_worker(parent: int, threads: int) -> None:
    """The pool's initializer: die with `parent` (the eval's process id), configure the process with its
    share of the cores for the rasterizer (before numba loads), and import the pipeline before the first
    task, so that a task's seconds measure its run and not the worker's start-up."""
    die_with_parent(parent)
    configure_process(threads)
    for module in ("scenewright.graphs.generate", "scenewright.evals.metrics"):
        importlib.import_module(module)


def die_with_parent(parent: int) -> None:
    """End this process when `parent` ends: by the kernel's signal where there is one, else by a watchdog."""
    if not kill_me_with_parent():
        threading.Thread(target=watch_parent, args=(parent,), name="parent-watchdog", daemon=True).start()
    if os.getppid() != parent:
        os._exit(ORPHANED_EXIT)


def kill_me_with_parent() -> bool:
    """Ask Linux for a SIGKILL when the parent dies; False where there is no such request."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)


def watch_parent(parent: int, poll_s: float = PARENT_POLL_S) -> None:
    """Return never: exit the process as soon as its parent is no longer `parent` (it died; init or a
    subreaper adopted the process)."""
    while os.getppid() == parent:
        time.sleep(poll_s)
    os._exit(ORPHANED_EXIT)
