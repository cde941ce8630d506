"""Process settings are made once, at a process's entry (scenewright/runtime.py), never by importing the
package or by a run."""

from __future__ import annotations

import os
import subprocess
import sys


def python(code: str, **environment: str) -> list[str]:
    """The lines a fresh interpreter prints running `code`, without the OpenMP variables of this session."""
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS")}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env | environment, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_importing_the_package_changes_nothing_and_loads_neither_torch_nor_numba() -> None:
    code = (
        "import os, sys\nimport scenewright, scenewright.runtime\n"
        "print(os.environ.get('OMP_WAIT_POLICY'), 'torch' in sys.modules, 'numba' in sys.modules)"
    )
    assert python(code) == ["None", "False", "False"]


def test_the_entry_sets_the_wait_policy_before_torch_loads_and_one_torch_thread_that_numba_keeps() -> None:
    code = """
import os
from scenewright import configure_process
configure_process(threads=3)
import numba, torch
print(os.environ["OMP_WAIT_POLICY"], os.environ["NUMBA_NUM_THREADS"], torch.get_num_threads())
numba.get_num_threads()  # numba's pool is running: torch keeps its count, numba its own
print(torch.get_num_threads(), numba.get_num_threads())
"""
    assert python(code) == ["PASSIVE", "3", "1", "1", "3"]
    users = python(code, OMP_WAIT_POLICY="ACTIVE", OMP_NUM_THREADS="2")  # the user's own settings win
    assert users[:3] == ["ACTIVE", "3", "2"]


def test_the_cli_configures_the_process_before_anything_loads_torch_or_numba() -> None:
    code = """
import os, sys
import scenewright.cli as cli
seen = []
def configure(*args, **keywords):
    seen.append("torch" in sys.modules or "numba" in sys.modules)
    configure_process(*args, **keywords)
configure_process, cli.configure_process = cli.configure_process, configure
cli.main(["assets", "list"])
import torch
print(seen, os.environ["OMP_WAIT_POLICY"], torch.get_num_threads())
"""
    assert python(code)[-3:] == ["[False]", "PASSIVE", "1"]
