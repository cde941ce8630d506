"""How a process runs the libraries under scenewright, set once at its entry by `configure_process`.

The CLI's `main()` calls it before anything imports torch or numba, each eval worker calls it as it starts
(evals/runner.py), and so does the test session (tests/conftest.py); a program that embeds scenewright calls
it first (README.md, "Threads"). Nothing in the package changes these settings while it runs, so two runs on
two threads of one process (the web UI) cannot change each other's.

This module imports nothing heavy: numba and torch are imported inside `configure_process`, after the
environment is set.
"""

from __future__ import annotations

import os

TORCH_THREADS = 1
"""torch's intra-op threads. scenewright's torch work is many ops on small tensors (render-and-compare
refinement above all: thousands of ops of a few hundred kB; also composing, frame analysis, building assets),
while the CPU rasterizer's parallel work runs on numba's threads. On this project's 2-core machine a second
torch thread saved nothing with the cores idle (three default-size runs: 6.9-9.3 s on one thread, 7.4-8.7 s
on two; one refinement 1.4 s against 1.0-1.5 s) and, with the cores busy, made every parallel op wait for a
core (the same refinement: 1.8-4.0 s on one thread, 14.5-44 s on two). Outputs do not depend on it: the golden
outputs (tests/test_golden.py) are the same on 1, 2, 3, 4 and 8 threads."""


def configure_process(threads: int | None = None, *, torch_threads: int | None = TORCH_THREADS) -> None:
    """Set how this process's libraries use threads. Call it once, first, before torch or numba is imported.

    - OMP_WAIT_POLICY=PASSIVE, unless the environment sets it: numba's OpenMP threads otherwise spin after
      each parallel kernel and starve torch's threads in the same process (a 24-frame render took 20.5 s
      instead of 4.7 s on a 2-core machine). The OpenMP runtimes read it as they load: once torch or numba is
      imported, setting it changes nothing.
    - `threads`: the CPU rasterizer's threads (NUMBA_NUM_THREADS, read as numba loads: an eval worker gets its
      share of the cores); None keeps numba's default, every core or the environment's NUMBA_NUM_THREADS.
    - `torch_threads`: torch's intra-op threads (TORCH_THREADS, which says why one); None keeps torch's
      default. An OMP_NUM_THREADS in the environment wins over it, as the user's own OMP_WAIT_POLICY does
      (score distillation from a prior on the CPU, with no GPU, wants every core).
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    if threads is not None:
        os.environ["NUMBA_NUM_THREADS"] = str(threads)
    if torch_threads is not None and "OMP_NUM_THREADS" not in os.environ:
        import numba
        import torch

        # Start numba's thread pool first: numba and torch share one OpenMP runtime, and numba sets the
        # starting thread's OpenMP thread count (which torch reads as its own) to numba's as its pool starts,
        # which would otherwise happen at the first render and undo torch's count below.
        numba.get_num_threads()
        torch.set_num_threads(torch_threads)
