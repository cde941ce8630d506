"""Chat threads: a scripted conversation, persistence across sessions, a killed process resuming, the REPL."""

from __future__ import annotations

import argparse
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fake_llm import FakeProvider, status

import scenewright.graphs.chat as chat_graph
from scenewright.api import GenerateError
from scenewright.chat import ChatSession, delete_thread, list_threads
from scenewright.chat_repl import run_chat
from scenewright.cli import main
from scenewright.config import LLMSettings
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
        # the dog (its layout preview and its detailed asset) and the ground were kept; the ball was rebuilt
        assert blue.asset_cache == {"hits": 3, "misses": 2}
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


def repl(root: Path, script: str, llm: LLMSettings | None = None, review: bool = False) -> str:
    """What the terminal chat prints for a scripted session on thread 't' (its exit code must be 0)."""
    args = argparse.Namespace(list=False, delete=None, thread="t", out=str(root), review=review)
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", out)
        assert run_chat(args, SMALL, llm or LLMSettings(), stdin=io.StringIO(script)) == 0
    return out.getvalue()


def test_export_refuses_paths_it_cannot_use_in_one_line_and_the_session_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    (home / "notes").mkdir(parents=True)
    work.mkdir()
    (work / "taken.mp4").write_text("mine")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    with ChatSession("t", tmp_path / "chats", SMALL) as chat:
        chat.send("a red ball")
    script = ["/export taken.mp4", "/export /proc/1/x", "/export taken.mp4/clip", "/export a\0b", "/export ~"]
    out = repl(tmp_path / "chats", "\n".join([*script, "/export ~/clip", "/history", ""]))
    errors = [line for line in out.splitlines() if line.startswith("error: /export")]
    assert len(errors) == 5, out  # one line each; none ended the session
    assert "already exists" in errors[0] and "cannot write" in errors[1] and "cannot write" in errors[2]
    assert "NUL" in errors[3] and "already exists" in errors[4]  # the home folder, not a folder named '~'
    assert [p.name for p in work.iterdir()] == ["taken.mp4"] and (work / "taken.mp4").read_text() == "mine"
    assert (home / "clip" / "video.mp4").exists() and "  1. a red ball" in out


def test_end_of_input_leaves_a_plan_waiting_for_review_until_the_next_session_answers(tmp_path: Path) -> None:
    first = repl(tmp_path, "a red ball\n", review=True)
    assert "build it?" in first and "turn 1" not in first and not (tmp_path / "t").exists()
    second = repl(tmp_path, "y\n", review=True)  # the waiting plan is asked again, before any message
    assert "plan to build:" in second and "turn 1: " in second


def refused_key(fake: FakeProvider, *agents: str) -> LLMSettings:
    """The fake provider with a key it refuses (401), for `agents` (every agent when none is named)."""
    models = {f"{agent}_llm": "openai:test-model" for agent in agents} or {"llm": "openai:test-model"}
    return LLMSettings(**models, base_url=fake.openai_url, api_key="sk-wrong", timeout_s=5.0)


def test_a_refused_key_drops_the_message_instead_of_building_it_later(tmp_path: Path) -> None:
    with FakeProvider(api_key="sk-right") as fake:
        out = repl(tmp_path, "a red ball\n", refused_key(fake))  # the director's question is refused
        assert "error:" in out and "dropped" in out and "turn 1" not in out
        with ChatSession("t", tmp_path, SMALL) as chat:
            assert not chat.interrupted
            chat.send("a green ball")  # offline now: only this message is built
            refused = ChatSession("t", tmp_path, SMALL, refused_key(fake, "critic"))
            with refused, pytest.raises(GenerateError, match="dropped"):
                refused.send("make the ball blue")  # refused in the build, after the edit was read
            assert not chat.interrupted and groups(chat) == {"ball": (1, "green")}
            chat.send("add a dog")
            assert [turn.message for turn in chat.turns] == ["a green ball", "add a dog"]
            assert groups(chat) == {"ball": (1, "green"), "dog": (1, None)}


def test_a_provider_that_is_down_is_asked_at_most_breaker_failures_times_in_one_turn(tmp_path: Path) -> None:
    """The turn's questions (the director's or editor's in interpret, then each agent of the build) share one
    breaker; the next turn gives the server a new chance."""
    with FakeProvider(api_key="sk-right", responder=lambda request: status(503)) as fake:
        down = LLMSettings(
            llm="openai:test-model", base_url=fake.openai_url, api_key="sk-right", breaker_failures=2
        )
        with ChatSession("t", tmp_path, SMALL, down, review=True) as chat:
            chat.send("a red ball")  # the director's question, then the plan waits for review
            assert len(fake.completions()) == 2
            built = chat.review({"approve": True})  # the same turn: layout, motion, critic are not asked
            assert built is not None and built.out_dir is not None
            assert len(fake.completions()) == 2
        with ChatSession("t", tmp_path, SMALL, down) as chat:
            blue = chat.send("make the ball blue")  # the editor's question, then the build's
            assert blue is not None and blue.changes == ["the ball is now blue"]  # the offline editor's
            assert len(fake.completions()) == 4 and groups(chat) == {"ball": (1, "blue")}


class ShiftedClock:
    """The chat graph's clocks, which a test moves forward to stand for a wait outside the turn's work."""

    def __init__(self) -> None:
        self.shift = 0.0

    def perf_counter(self) -> float:
        return time.perf_counter() + self.shift

    def time(self) -> float:
        return time.time() + self.shift


def cut_off_the_next_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """The next build stops as Ctrl-C or a kill stops it; the builds after it run."""
    build = chat_graph.run_generate

    def cut_off(*args: object, **kwargs: object) -> None:
        monkeypatch.setattr(chat_graph, "run_generate", build)
        raise KeyboardInterrupt

    monkeypatch.setattr(chat_graph, "run_generate", cut_off)


def test_a_turn_counts_its_own_work_not_a_review_wait_or_a_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = 86_400.0
    clock = ShiftedClock()
    monkeypatch.setattr(chat_graph, "time", clock)
    with ChatSession("t", tmp_path, SMALL, review=True) as chat:
        chat.send("a red ball")
        clock.shift += day  # the plan waits a day for its review
        reviewed = chat.review({"approve": True})
        assert reviewed is not None and reviewed.out_dir is not None and reviewed.seconds < day
    cut_off_the_next_build(monkeypatch)
    with ChatSession("t", tmp_path, SMALL) as chat, pytest.raises(KeyboardInterrupt):
        chat.send("make the ball blue")
    clock.shift += day  # the process is down for a day
    with ChatSession("t", tmp_path, SMALL) as chat:
        assert chat.interrupted
        resumed = chat.resume()
        assert resumed is not None and resumed.number == 2 and resumed.seconds < day
        assert groups(chat) == {"ball": (1, "blue")}


@pytest.mark.parametrize("command", [["generate", "a dog"], ["chat", "--thread", "t"]])
def test_a_negative_seed_exits_2_with_the_same_line_for_generate_and_chat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main([*command, "-o", str(tmp_path / "out"), "--seed", "-1"]) == 2
    err = capsys.readouterr().err
    assert err == "scenewright: error: --seed must be a non-negative integer (got -1)\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["threads.sqlite", "notes.txt"])
def test_a_thread_named_after_a_file_under_the_folder_is_refused(tmp_path, name):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(GenerateError, match="is taken by the file"):
        ChatSession(name, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_message_that_is_not_unicode_is_refused_before_the_turn(tmp_path):
    with ChatSession("t", tmp_path) as chat:
        with pytest.raises(GenerateError, match="the message is not valid UTF-8: byte 0xff"):
            chat.send("a red ball \udcff")
        assert chat.turns == [] and chat.plan is None
