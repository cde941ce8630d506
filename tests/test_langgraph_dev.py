"""`langgraph dev` serves both graphs of langgraph.json; a run of each streams through langgraph_sdk."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LANGGRAPH = Path(sys.executable).with_name("langgraph")
SMALL = {"width": 224, "height": 128, "fps": 6, "duration_s": 1.0, "max_rounds": 1}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    if not LANGGRAPH.exists():
        pytest.fail("langgraph-cli[inmem] is not installed: pip install -e '.[dev]'")
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "langgraph-dev.log"
    with log.open("w") as sink:
        command = [
            str(LANGGRAPH),
            "dev",
            "--no-browser",
            "--no-reload",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        process = subprocess.Popen(
            command,
            cwd=ROOT,  # the graph paths in langgraph.json are relative to it
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/ok", timeout=2) as reply:
                if reply.status == 200:
                    break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"langgraph dev did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
    yield url
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_the_server_streams_a_chat_thread_and_a_generate_run(server: str, tmp_path: Path) -> None:
    from langgraph_sdk import get_client

    async def session() -> tuple[list[str], dict, list[str]]:
        client = get_client(url=server)
        thread = await client.threads.create()
        stages: list[str] = []
        for message in ("a red ball next to a dog", "make the ball blue"):
            async for chunk in client.runs.stream(
                thread["thread_id"],
                "chat",
                input={"message": message},
                context={"settings": SMALL, "out_dir": str(tmp_path / "chat")},
                stream_mode="custom",
            ):
                if chunk.event == "custom":
                    stages.append(chunk.data["stage"])
        state = await client.threads.get_state(thread["thread_id"])
        run = await client.threads.create()
        generated: list[str] = []
        async for chunk in client.runs.stream(
            run["thread_id"],
            "generate",
            input={"prompt": "a cat sits next to a tree"},
            context={"settings": SMALL, "out_dir": str(tmp_path / "generate")},
            stream_mode="custom",
        ):
            if chunk.event == "custom":
                generated.append(chunk.data["stage"])
        return stages, state["values"], generated

    stages, values, generated = asyncio.run(session())
    assert {"chat", "render", "critic"} <= set(stages)
    assert [turn["changes"] for turn in values["turns"]] == [
        ["new scene: a red ball next to a dog"],
        ["the ball is now blue"],
    ]
    assert (tmp_path / "chat" / "turn-002" / "video.mp4").stat().st_size > 0
    assert {"director", "render"} <= set(generated)
    assert (tmp_path / "generate" / "scene.json").exists()
