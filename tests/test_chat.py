"""Chat threads: a scripted conversation, persistence across sessions, a killed process resuming, the REPL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scenewright.api import GenerateError
from scenewright.chat import ChatSession, delete_thread, list_threads
from scenewright.settings import RunSettings

SMALL = RunSettings(fps=6, duration_s=1.0, width=224, height=128, max_rounds=1)


def groups(chat: ChatSession) -> dict[str, tuple[int, str | None]]:
    """Each group of the plan on screen: (count, colour name)."""
    assert chat.plan is not None
    return {e.id: (e.count, e.color.name if e.color else None) for e in chat.plan.entities}


def test_a_six_turn_conversation_edits_the_plan_and_rebuilds_only_what_changed(tmp_path: Path) -> None:
    with ChatSession("script", tmp_path, SMALL) as chat:
        first = chat.send("a dog runs to the left of a ball")
        assert groups(chat) == {"dog": (1, None), "ball": (1, None)}
        assert first.out_dir is not None and (Path(first.out_dir) / "video.mp4").stat().st_size > 0

        blue = chat.send("make the ball blue")
        assert groups(chat) == {"dog": (1, None), "ball": (1, "blue")}
        assert blue.asset_cache == {"hits": 2, "misses": 1}  # the dog and the ground were not rebuilt
        assert any("blue" in change for change in blue.changes)

        chat.send("add a second ball")
        assert groups(chat) == {"dog": (1, None), "ball": (2, "blue")}

        chat.send("lower the camera")
        assert chat.plan is not None and chat.plan.camera.elevation_deg < 12.0

        undone = chat.send("undo")
        assert groups(chat) == {"dog": (1, None), "ball": (2, "blue")}
        assert chat.plan is not None and chat.plan.camera.elevation_deg == 12.0
        assert undone.passed is None  # shown again: copied from turn 3, not rendered again
        assert undone.out_dir is not None and (Path(undone.out_dir) / "scene.json").exists()

        confused = chat.send("frobnicate the zorblax")
        assert confused.out_dir is None and confused.changes  # says why; nothing built
        assert groups(chat) == {"dog": (1, None), "ball": (2, "blue")}

        assert [t.number for t in chat.turns] == [1, 2, 3, 4, 5, 6]
        assert sorted(p.name for p in (tmp_path / "script").iterdir()) == [f"turn-00{k}" for k in range(1, 6)]


def test_a_thread_survives_the_session_and_can_be_listed_and_deleted(tmp_path: Path) -> None:
    with ChatSession("kept", tmp_path, SMALL) as chat:
        chat.send("a red ball")
    with ChatSession("kept", tmp_path, SMALL) as chat:
        assert len(chat.turns) == 1 and groups(chat) == {"ball": (1, "red")}
        chat.send("make the ball green")
        assert groups(chat) == {"ball": (1, "green")}
    assert list_threads(tmp_path) == ["kept"]
    delete_thread(tmp_path, "kept")
    assert list_threads(tmp_path) == [] and not (tmp_path / "kept").exists()
    with pytest.raises(GenerateError, match="no thread"):
        delete_thread(tmp_path, "kept")
    with pytest.raises(GenerateError, match="thread name"):
        ChatSession("../escape", tmp_path, SMALL)


def chat_process(root: Path, *extra: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "scenewright.cli", "chat", "--thread", "t", "-o", str(root)]
    command += ["--size", "224x128", "--fps", "6", "--duration", "2", "--max-rounds", "1", *extra]
    return subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_the_repl_reads_one_message_per_line_when_not_on_a_terminal(tmp_path: Path) -> None:
    script = "a cat sits next to a ball\nmake the cat black\n/history\n/export {}\n/quit\n".format(
        tmp_path / "exported"
    )
    process = chat_process(tmp_path)
    out, err = process.communicate(script, timeout=240)
    assert process.returncode == 0, err
    assert "turn 1:" in out and "turn 2:" in out and "black" in out
    assert "  1. a cat sits next to a ball" in out
    assert (tmp_path / "exported" / "video.mp4").exists()


def test_a_process_killed_while_rendering_resumes_the_turn_on_the_same_thread(tmp_path: Path) -> None:
    settings = RunSettings(fps=6, duration_s=2.0, width=224, height=128, max_rounds=1)
    with ChatSession("t", tmp_path, settings) as chat:
        chat.send("a dog walks to the right")
    process = chat_process(tmp_path)
    assert process.stdin is not None and process.stderr is not None
    process.stdin.write("make the dog brown\n")
    process.stdin.flush()
    deadline = time.monotonic() + 180
    for line in process.stderr:  # wait until the second turn is rendering, then kill it outright
        if "rendering frame" in line or time.monotonic() > deadline:
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with ChatSession("t", tmp_path, settings) as chat:
        assert chat.interrupted and len(chat.turns) == 1  # the first turn is intact, the second cut off
        turn = chat.resume()
        assert turn is not None and turn.number == 2 and (Path(turn.out_dir or "") / "video.mp4").exists()
        assert groups(chat) == {"dog": (1, "brown")} and not chat.interrupted


def test_review_shows_the_plan_first_and_takes_an_approval_an_edited_plan_or_a_cancel(tmp_path: Path) -> None:
    with ChatSession("review", tmp_path, SMALL, review=True) as chat:
        assert chat.send("a dog runs to the left of a ball") is None  # waiting: nothing built yet
        pending = chat.pending_review
        assert pending is not None and [e["id"] for e in pending["plan"]["entities"]] == ["dog", "ball"]
        assert not (tmp_path / "review").exists()
        assert chat.review({"approve": True, "cancel": True}) is None  # not valid: asked again, with why
        assert "exactly one" in (chat.pending_review or {}).get("problem", "")
        edited = dict(pending["plan"])
        edited["entities"] = [{**e, "count": 3} if e["id"] == "ball" else e for e in edited["entities"]]
        turn = chat.review({"plan": edited})
        assert turn is not None and turn.out_dir is not None and "edited at review" in turn.changes[-1]
        assert groups(chat) == {"dog": (1, None), "ball": (3, None)}

        assert chat.send("make the dog red") is None
        cancelled = chat.review({"cancel": True})
        assert cancelled is not None and cancelled.out_dir is None
        assert groups(chat) == {"dog": (1, None), "ball": (3, None)}  # back to the plan on screen
        with pytest.raises(GenerateError, match="no plan is waiting"):
            chat.review({"approve": True})
