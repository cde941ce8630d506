"""One turn at a time per thread, across processes: a second turn is told the thread is busy and its message
is not taken; a live turn is never taken for a cut-off one; the `langgraph dev` build respects the lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from langgraph.checkpoint.memory import InMemorySaver

import scenewright.graphs.chat as chat_graph
from scenewright.chat import ChatSession, delete_thread
from scenewright.graphs.chat import ChatContext, ThreadBusyError, hold_thread
from scenewright.settings import RunSettings

SMALL = RunSettings(fps=6, duration_s=1.0, width=224, height=128, max_rounds=1)


def colours(chat: ChatSession) -> dict[str, str | None]:
    assert chat.plan is not None
    return {e.id: e.color.name if e.color else None for e in chat.plan.entities}


def test_a_held_thread_refuses_a_turn_at_once_and_keeps_the_message_untaken(tmp_path: Path) -> None:
    with ChatSession("t", tmp_path, SMALL) as chat:
        chat.send("a red ball")
        with hold_thread(tmp_path / "t"):  # another process's turn
            assert chat.busy and not chat.interrupted
            with pytest.raises(ThreadBusyError, match="thread t is busy"):
                chat.send("make the ball blue")
            with pytest.raises(ThreadBusyError):
                delete_thread(tmp_path, "t")
        assert not chat.busy and not chat.interrupted and len(chat.turns) == 1
        assert colours(chat) == {"ball": "red"}
        chat.send("make the ball blue")
        assert [turn.message for turn in chat.turns] == ["a red ball", "make the ball blue"]


def test_a_pending_turn_is_cut_off_only_while_its_thread_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = chat_graph.run_generate

    def cut_off(*args: object, **kwargs: object) -> None:
        monkeypatch.setattr(chat_graph, "run_generate", build)
        raise KeyboardInterrupt  # as a kill stops the build: the turn stays pending

    monkeypatch.setattr(chat_graph, "run_generate", cut_off)
    with ChatSession("t", tmp_path, SMALL) as chat:
        with pytest.raises(KeyboardInterrupt):
            chat.send("a red ball")
        with hold_thread(tmp_path / "t"):  # pending and held: running elsewhere, not to be taken over
            assert not chat.interrupted
            with pytest.raises(ThreadBusyError):
                chat.resume()
        assert chat.interrupted  # pending and free: cut off
        turn = chat.resume()
        assert turn is not None and turn.number == 1 and not chat.interrupted


def test_the_graph_served_by_langgraph_dev_holds_the_thread_while_it_builds(tmp_path: Path) -> None:
    graph = chat_graph.chat_graph(InMemorySaver())  # as the server runs it: no ChatSession around the turn
    config = {"configurable": {"thread_id": "served"}}
    context = ChatContext(out_dir=str(tmp_path / "t"), settings=SMALL)
    with hold_thread(tmp_path / "t"), pytest.raises(ThreadBusyError):
        graph.invoke({"message": "a red ball"}, config, context=context)
    assert not (tmp_path / "t").exists()
    state = graph.invoke(None, config, context=context)  # the server's retry, once the thread is free
    assert (Path(state["turns"][-1].out_dir) / "video.mp4").exists()


def chat_process(root: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "scenewright.cli", "chat", "--thread", "t", "-o", str(root)]
    command += ["--size", "224x128", "--fps", "6", "--duration", "1", "--max-rounds", "1"]
    return subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_chat_processes_on_one_thread_one_turn_runs_the_other_is_told_and_nothing_is_lost(
    tmp_path: Path,
) -> None:
    first = chat_process(tmp_path)
    assert first.stdin is not None and first.stderr is not None
    first.stdin.write("a dog walks to the right\n")
    first.stdin.flush()
    deadline = time.monotonic() + 180
    for line in first.stderr:  # the first turn is rendering: hold it there while the second process runs
        if "rendering frame" in line or time.monotonic() > deadline:
            break
    os.kill(first.pid, signal.SIGSTOP)
    try:
        second = chat_process(tmp_path)
        out, err = second.communicate("make the dog brown\n", timeout=180)
    finally:
        os.kill(first.pid, signal.SIGCONT)
    first_out, first_err = first.communicate("", timeout=180)
    assert second.returncode == 0 and first.returncode == 0, err + first_err
    assert "error: thread t is busy" in out and "cut off" not in out and "turn 1:" not in out
    assert "turn 1:" in first_out and (tmp_path / "t" / "turn-001" / "video.mp4").exists()
    with ChatSession("t", tmp_path, SMALL) as chat:
        assert not chat.interrupted and [turn.message for turn in chat.turns] == ["a dog walks to the right"]
        chat.send("make the dog brown")  # the refused message, sent again once the thread is free
        assert [turn.number for turn in chat.turns] == [1, 2] and colours(chat) == {"dog": "brown"}
