"""An eval's worker processes die with the eval: a kill -9 of `scenewright eval` leaves no process behind,
and the same command run again at once finishes every run (no orphan races it for a run folder)."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scenewright.evals.schema import EvalReport

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")

PARENT = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", sys.argv[1]], stdout=subprocess.PIPE, text=True)
assert child.stdout.readline().strip() == "ready"
print(child.pid, flush=True)
time.sleep(600)
"""
KERNEL_CHILD = """
import os, time
from scenewright.evals.worker import die_with_parent
die_with_parent(os.getppid())
print("ready", flush=True)
time.sleep(600)
"""
WATCHDOG_CHILD = """
import os, threading, time
from scenewright.evals.worker import watch_parent
threading.Thread(target=watch_parent, args=(os.getppid(), 0.05), daemon=True).start()
print("ready", flush=True)
time.sleep(600)
"""
SMALL = ["--size", "160x96", "--fps", "6", "--duration", "2", "--max-rounds", "1"]


def process_table() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, state) of every process /proc shows."""
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # it ended while we looked
            continue
        table[int(stat.parent.name)] = (int(fields[1]), fields[0])
    return table


def descendants(pid: int) -> list[int]:
    table = process_table()
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, (ppid, _) in table.items() if ppid == parent]
        found += children
        frontier += children
    return found


def alive(pid: int) -> bool:
    """Running or sleeping: a zombie (dead, not yet reaped by whoever adopted it) is not alive."""
    entry = process_table().get(pid)
    return entry is not None and entry[1] not in ("Z", "X")


def survivors(pids: list[int], within_s: float) -> list[int]:
    deadline = time.monotonic() + within_s
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [pid for pid in pids if alive(pid)]


@pytest.mark.parametrize("child", [KERNEL_CHILD, WATCHDOG_CHILD], ids=["prctl", "watchdog"])
def test_a_worker_dies_when_its_parent_is_killed(child):
    parent = subprocess.Popen([sys.executable, "-c", PARENT, child], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    try:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        assert survivors([worker], within_s=10) == []
    finally:
        if alive(worker):
            os.kill(worker, signal.SIGKILL)


@pytest.mark.slow
def test_killing_the_eval_kills_its_workers_and_running_it_again_at_once_finishes_every_run(tmp_path):
    suite = tmp_path / "tiny.json"
    suite.write_text(json.dumps([{"prompt": "a dog runs to the left"}, {"prompt": "a red ball on a table"}]))
    out = tmp_path / "eval"
    command = [
        sys.executable,
        "-m",
        "scenewright.cli",
        "eval",
        str(suite),
        "--out",
        str(out),
        "--workers",
        "2",
    ]
    with open(tmp_path / "first.log", "w") as log:
        first = subprocess.Popen([*command, *SMALL], stdout=log, stderr=subprocess.STDOUT)
    again = first
    try:
        deadline = time.monotonic() + 300
        while (
            not list(out.glob("runs/*/.partial-*")) and first.poll() is None and time.monotonic() < deadline
        ):
            time.sleep(0.05)  # until a worker is rendering into a run folder
        assert first.poll() is None, (tmp_path / "first.log").read_text()
        workers = descendants(first.pid)
        assert len(workers) >= 2  # the pool's workers (and the resource tracker)
        first.send_signal(signal.SIGKILL)
        first.wait()
        again = subprocess.Popen(
            [*command, *SMALL], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert survivors(workers, within_s=10) == []
        _, errors = again.communicate(timeout=600)
    finally:
        for process in (first, again):
            if process.poll() is None:
                process.kill()
    assert again.returncode == 0, errors
    report = EvalReport.model_validate_json((out / "report.json").read_text())
    assert [(result.item.id, result.error) for result in report.items] == [
        ("tiny-000", None),
        ("tiny-001", None),
    ]
    assert not list(out.rglob(".*"))  # no claim, staging folder or temporary file is left
