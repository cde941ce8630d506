"""The web UI: its scene graph, progress and reply text, its sessions, and a real browser chatting with it."""

from __future__ import annotations

import importlib.util
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scenewright.config import LLMSettings
from scenewright.graphs.chat import ChatTurn
from scenewright.schema import Action, CameraSpec, Color, EntitySpec, Plan, Relation
from scenewright.settings import RunSettings
from scenewright.ui import ChatPage, OfferedFiles, Sessions, progress_line, reply_text, scene_graph_markdown

RED = Color(name="red", rgb=(0.85, 0.1, 0.1))
SMALL = RunSettings(fps=6, duration_s=1.0, width=224, height=128, max_rounds=1)


def test_the_scene_graph_reads_as_entities_relations_actions_and_camera() -> None:
    plan = Plan(
        prompt="two big red corgis run fast to the left of a ball on a beach while the camera orbits",
        environment="beach",
        scene_description="a sandy beach by the sea",
        entities=[
            EntitySpec(
                id="dog", name="corgi", category="dog", count=2, color=RED,
                size_scale=1.5,
            ),
            EntitySpec(id="ball", name="ball", category="ball", height_m=0.3),
            EntitySpec(id="zorblax", name="zorblax", category="generic"),
        ],
        relations=[Relation(subject="dog", predicate="left_of", object="ball")],
        actions=[
            Action(entity="dog", verb="runs", clip="run", direction="left", speed="fast"),
            Action(entity="ball", verb="rolls", clip="roll", direction="toward"),
            Action(entity="zorblax", verb="walks", clip="walk", direction="around", around="ball"),
        ],
        camera=CameraSpec(motion="orbit", orbit_deg=180.0),
        unknown_nouns=["zorblax"],
    )  # fmt: skip
    assert scene_graph_markdown(plan) == "\n".join(
        [
            "**Setting:** beach (a sandy beach by the sea)",
            "",
            "**Entities**",
            "- dog (corgi): count 2, colour red, size ×1.5",
            "- ball: count 1, colour natural, size ×1, 0.3 m tall",
            "- zorblax: count 1, colour natural, size ×1",
            "",
            "**Relations**",
            "- dog left of ball",
            "",
            "**Actions**",
            "- dog runs left (fast)",
            "- ball rolls toward the camera",
            "- zorblax walks around ball",
            "",
            "**Camera:** orbit 180°, looking down 12°, 50° field of view",
            "",
            "*Built as generic shapes: zorblax*",
        ]
    )
    assert scene_graph_markdown(None).startswith("*No scene yet")


def test_progress_lines_and_replies() -> None:
    assert progress_line({"stage": "render", "round": 1, "frame": 3, "frames": 12}) == (
        "round 1 · rendering frame 3/12"
    )
    assert progress_line({"stage": "layout", "round": 2, "message": "started"}) == "round 2 · layout…"
    assert progress_line({"stage": "chat", "message": "the ball is now blue"}) == "the ball is now blue"
    unread = ChatTurn(number=3, message="frobnicate", changes=["no edit reads 'frobnicate'"])
    assert reply_text(unread) == "Nothing changed: no edit reads 'frobnicate'"
    built = ChatTurn(
        number=2, message="make the ball blue", changes=["the ball is now blue"], out_dir="x/turn-002",
        passed=True, seconds=4.25, asset_cache={"hits": 2, "misses": 1},
    )  # fmt: skip
    assert reply_text(built) == (
        "- the ball is now blue\n\nTurn 2: 4.2 s, every check passed, assets 2 cached / 1 built."
    )


def test_a_thread_keeps_its_session_until_the_seed_or_provider_changes(tmp_path: Path) -> None:
    sessions = Sessions(tmp_path, SMALL, LLMSettings())
    with sessions.use("one", 0, "offline") as first:
        pass
    with sessions.use(" one ", 0, "offline") as again:
        assert again is first
    with sessions.use("one", 7, "offline") as reseeded:
        assert reseeded is not first and reseeded.context.settings.seed == 7
    with pytest.raises(sqlite3.ProgrammingError):  # the replaced session was closed
        len(first.turns)
    with sessions.use("two", 7, "offline") as other:
        assert other is not reseeded


def test_errors_come_back_as_the_reply(tmp_path: Path) -> None:
    pytest.importorskip("gradio", reason="the page's handlers need gradio: pip install 'scenewright[ui]'")
    sessions = Sessions(tmp_path, SMALL, LLMSettings(), any_model=True)
    page = ChatPage(sessions, OfferedFiles(tmp_path / "offered"))
    bad_provider = list(page.send("default", "a red ball", [], "gpt4", 0))
    history = bad_provider[-1][0]
    assert history[0] == {"role": "user", "content": "a red ball"}
    assert history[-1]["role"] == "assistant"
    assert history[-1]["content"].startswith("Error: provider setting llm: --llm must be PROVIDER:MODEL")
    assert bad_provider[-1][1] == history  # the server's copy of the chat, which the next message extends
    bad_thread = list(page.send("no spaces", "a red ball", [], "offline", 0))
    assert bad_thread[-1][0][-1]["content"].startswith("Error: thread name 'no spaces' must be")


# ------------------------------------------------------------------------------------ in a browser

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
MISSING = [
    what
    for what, present in [
        ("chromium", Path(CHROMIUM).exists()),
        ("chromedriver", Path(CHROMEDRIVER).exists()),
        ("selenium", importlib.util.find_spec("selenium") is not None),
        ("gradio", importlib.util.find_spec("gradio") is not None),
    ]
    if not present
]

SERVER = """
import argparse, sys
from scenewright.cli import add_provider_arguments, add_run_arguments, llm_settings_from, run_settings_from
from scenewright.ui import add_ui_parser, run_ui
parser = argparse.ArgumentParser()
add_ui_parser(parser.add_subparsers(dest="command", required=True), add_run_arguments, add_provider_arguments)
args = parser.parse_args()
sys.exit(run_ui(args, run_settings_from(args, seed=args.seed), llm_settings_from(args)))
"""

PLAYABLE_SRC = """
const video = document.querySelector('#scene-video video');
return video && video.readyState >= 2 && video.duration > 0 ? video.currentSrc : null;
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_served(server: subprocess.Popen, url: str, log: Path) -> None:
    """Return once the page at `url` answers; fail with the server's log if it exits or takes over 90 s."""
    deadline = time.monotonic() + 90
    while True:
        assert server.poll() is None, f"the server exited:\n{log.read_text()}"
        assert time.monotonic() < deadline, f"the server did not answer in 90 s:\n{log.read_text()}"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)


@dataclass(frozen=True)
class Served:
    url: str
    log: Path


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """`scenewright ui` on a free port, its threads outside both the working and the temp directory (so
    the video is reachable only because --out is served)."""
    port = free_port()
    for folder in ("cwd", "tmp"):
        (tmp_path / folder).mkdir()
    log = tmp_path / "server.log"
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "GRADIO_ANALYTICS_ENABLED": "False"}
    flags = ["--size", "224x128", "--fps", "6", "--duration", "1", "--max-rounds", "1"]
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, "ui", "--port", str(port), "-o", str(tmp_path / "chats"), *flags],
            cwd=tmp_path / "cwd",
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_served(server, url, log)
        yield Served(url, log)
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.skipif(
    bool(MISSING),
    reason=f"needs {', '.join(MISSING)}: apt-get install chromium chromium-driver; pip install selenium "
    "'scenewright[ui]'",
)
def test_a_browser_chats_a_video_into_being_and_edits_it(served: Served) -> None:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support.ui import WebDriverWait

    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)

    def wait(seconds: float, what: str, condition: Callable[[WebDriver], Any]) -> Any:
        """The condition's first truthy value; on a time-out, what the page and the server said."""
        try:
            return WebDriverWait(driver, seconds).until(condition)
        except TimeoutException:
            status = driver.find_element(By.ID, "status").text
            pytest.fail(
                f"no {what} in {seconds:g} s; status: {status!r}; server log:\n{served.log.read_text()}"
            )

    def enabled_box(d: WebDriver) -> Any:
        return next(
            (b for b in d.find_elements(By.CSS_SELECTOR, "#message textarea") if b.is_enabled()), None
        )

    def say(message: str) -> None:
        wait(30, "message box to type in", enabled_box).send_keys(message, Keys.ENTER)

    try:
        driver.get(served.url)
        say("a dog runs to the left of a ball")
        first = wait(120, "playable video", lambda d: d.execute_script(PLAYABLE_SRC))
        say("make the ball blue")
        wait(120, "new playable video", lambda d: d.execute_script(PLAYABLE_SRC) not in (None, first))
        graph = driver.find_element(By.ID, "scene-graph").text
        assert "ball: count 1, colour blue" in graph and "dog left of ball" in graph
        assert "the ball is now blue" in driver.find_element(By.TAG_NAME, "body").text
    finally:
        driver.quit()
