"""Fuzzing the chat: hostile /export paths never end the session and each gets one line; sessions racing
for one thread each either finish their turn or are told the thread is busy, and the thread keeps exactly
the turns that ran."""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import threading
from pathlib import Path

import pytest

from scenewright.chat import ChatSession
from scenewright.chat_repl import run_chat
from scenewright.config import LLMSettings
from scenewright.graphs.chat import ChatTurn, ThreadBusyError
from scenewright.settings import RunSettings

SMALL = RunSettings(fps=6, duration_s=1.0, width=224, height=128, max_rounds=1)

HOSTILE_PARTS = [
    "~", "~no-such-user", "..", ".", "taken.mp4", "fifo", "dangling", "full", "empty", "\0", "a" * 300,
    "é", "dir with spaces", "*", "$HOME", "%s", "-rf", "\t", "..\0", "new",
]  # fmt: skip
UNWRITABLE_ROOTS = ["/proc/1", "/dev/null", "/proc/self/fd"]


def hostile_path(rng: random.Random) -> str:
    """One to three parts under the working folder, the (test's) home folder or a root nothing can be made in;
    at most one '..', so a path that works stays inside the test's folder."""
    parts = rng.choices(HOSTILE_PARTS, k=rng.randint(1, 3))
    while parts.count("..") > 1:
        parts.remove("..")
    start = rng.choice(["", "", "~/", *(f"{root}/" for root in UNWRITABLE_ROOTS)])
    return start + "/".join(parts)


@pytest.fixture
def exporting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A thread with one built turn, and a working folder holding a file, a FIFO, a dangling link, a full and
    an empty folder; HOME is a folder of the test."""
    work, home = tmp_path / "home" / "work", tmp_path / "home"
    work.mkdir(parents=True)
    (work / "taken.mp4").write_text("mine")
    os.mkfifo(work / "fifo")
    (work / "dangling").symlink_to(work / "nowhere")
    (work / "full").mkdir()
    (work / "full" / "keep.txt").write_text("mine")
    (work / "empty").mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    with ChatSession("t", tmp_path / "chats", SMALL) as chat:
        chat.send("a red ball")
    return tmp_path / "chats"


def test_hostile_export_paths_each_get_one_line_and_never_end_the_session(exporting: Path) -> None:
    rng = random.Random(19)
    paths = [hostile_path(rng) for _ in range(200)]
    script = "".join(f"/export {path}\n" for path in paths) + "/history\n"
    args = argparse.Namespace(list=False, delete=None, thread="t", out=str(exporting), review=False)
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", out)
        assert run_chat(args, SMALL, LLMSettings(), stdin=io.StringIO(script)) == 0
    lines = out.getvalue().splitlines()[1:]  # after the greeting
    answers = lines[:-1]
    assert lines[-1] == "  1. a red ball  ->  new scene: a red ball"  # the session went on to the end
    assert len(answers) == len(paths)  # one line per /export, whatever the path
    assert all(line.startswith(("copied ", "error: /export", "usage: /export")) for line in answers), answers
    assert (Path("taken.mp4").read_text(), Path("full/keep.txt").read_text()) == ("mine", "mine")
    assert Path("fifo").is_fifo() and Path("dangling").is_symlink()
    assert not Path("~").exists()  # '~' is the home folder, never a folder of that name


def test_sessions_racing_for_one_thread_each_finish_or_are_told_it_is_busy(tmp_path: Path) -> None:
    with ChatSession("t", tmp_path, SMALL) as chat:
        chat.send("a ball")
    finished: list[str] = []
    colours = ["red", "green", "blue", "yellow"]
    for round_number in range(4):
        start = threading.Barrier(len(colours))
        outcomes: dict[str, ChatTurn | Exception | None] = {}

        def send(colour: str, start: threading.Barrier = start, outcomes: dict = outcomes) -> None:
            with ChatSession("t", tmp_path, SMALL) as session:
                start.wait()
                try:
                    outcomes[colour] = session.send(f"make the ball {colour}")
                except ThreadBusyError as error:
                    outcomes[colour] = error

        racers = [threading.Thread(target=send, args=(colour,)) for colour in colours]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join()
        turns = [o for o in outcomes.values() if isinstance(o, ChatTurn)]
        assert len(outcomes) == len(colours) and turns, f"round {round_number}: {outcomes}"
        assert all(isinstance(o, ChatTurn | ThreadBusyError) for o in outcomes.values()), outcomes
        finished += [turn.message for turn in turns]
    with ChatSession("t", tmp_path, SMALL) as chat:
        assert not chat.interrupted and sorted(t.message for t in chat.turns[1:]) == sorted(finished)
        assert [t.number for t in chat.turns] == list(range(1, len(finished) + 2))
        assert all((Path(t.out_dir or "") / "video.mp4").exists() for t in chat.turns)
