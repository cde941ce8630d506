"""What a visitor of the web page can do, tried as a hostile visitor would: over HTTP, against a launched
page, with the requests a browser sends but values the page never offers. Also the command's refusals and
its warning around serving the page."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fake_llm import FakeProvider
from test_ui import SMALL, free_port, wait_until_served

from scenewright.cli import main
from scenewright.config import LLMSettings
from scenewright.errors import UsageError
from scenewright.ui import (
    AUTH_VARIABLE,
    ChatPage,
    OfferedFiles,
    Sessions,
    build_ui,
    exposure_warning,
    logins,
    serve,
)

SECRET = "sk-operator-secret"
needs_gradio = pytest.mark.skipif(
    importlib.util.find_spec("gradio") is None, reason="the page needs gradio: pip install 'scenewright[ui]'"
)


# ------------------------------------------------------------------------------------ a launched page


@dataclass(frozen=True)
class Page:
    url: str
    root: Path
    provider: FakeProvider
    """The operator's model server: any request it records was paid for with the operator's key."""
    staged: Path
    """The page's OfferedFiles folder."""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    """The page as `scenewright ui -o .` serves it: the threads folder is the working directory, with a
    `.env` holding the operator's key; the operator's model is a fake provider that records every request."""
    pytest.importorskip("gradio", reason="the page needs gradio: pip install 'scenewright[ui]'")
    root = tmp_path_factory.mktemp("served")
    (root / ".env").write_text(f"OPENAI_API_KEY={SECRET}\n")
    launched_from = os.getcwd()
    with FakeProvider(api_key=SECRET) as provider:
        llm = LLMSettings(llm="openai:test-model", base_url=provider.openai_url, api_key=SECRET)
        staged = tmp_path_factory.mktemp("offered")
        demo = build_ui(ChatPage(Sessions(root, SMALL, llm), OfferedFiles(staged)))
        os.chdir(root)
        try:
            port = free_port()
            serve(demo, "127.0.0.1", port, None, block=False)
            yield Page(f"http://127.0.0.1:{port}/", root, provider, staged)
        finally:
            demo.close()
            os.chdir(launched_from)


def call(http: httpx.Client, url: str, api_name: str, data: list[Any]) -> dict[str, Any]:
    """One event of the page as a browser sends it: join Gradio's queue, then read the event stream up to
    its `process_completed` message (`success`, and `output` with `data` or `error`)."""
    config = http.get(f"{url}config")
    config.raise_for_status()
    event = next(d["id"] for d in config.json()["dependencies"] if d.get("api_name") == api_name)
    session = uuid.uuid4().hex
    joined = http.post(
        f"{url}gradio_api/queue/join",
        json={
            "data": data,
            "fn_index": event,
            "session_hash": session,
            "event_data": None,
            "trigger_id": None,
        },
    )
    joined.raise_for_status()
    with http.stream("GET", f"{url}gradio_api/queue/data", params={"session_hash": session}) as stream:
        for line in stream.iter_lines():
            message = json.loads(line[len("data:") :]) if line.startswith("data:") else {}
            if message.get("msg") == "process_completed":
                return message
    raise AssertionError(f"the {api_name} event never completed")


def status_of(page: Page, thread: str) -> str:
    with httpx.Client(timeout=120) as http:
        opened = call(http, page.url, "open_thread", [thread, "offline", 0])
    return str(opened["output"]["data"][4])


def last_words(answer: dict[str, Any], api_name: str) -> str:
    """What the page said last: the reply of `send` (its status line when the chat is left as it was), the
    status line of `open_thread`, or Gradio's refusal of a value before any handler ran."""
    if not answer["success"]:
        return f"refused: {answer['output'].get('error')}"
    data = answer["output"]["data"]
    if api_name == "open_thread":
        return str(data[4])
    return str(data[0][-1]["content"][0]["text"] if isinstance(data[0], list) else data[5])


NOT_OFFERED_MODELS = [
    "openai:gpt-4o",
    "anthropic:claude-opus-4-1",
    "ollama:qwen2.5:7b",
    "openai:test-model-2",
    "OFFLINE",
    "",
    None,
    42,
    ["openai:gpt-4o"],
    ["openai:test-model"],  # a list whose one choice is offered
]


@needs_gradio
@pytest.mark.parametrize("model", NOT_OFFERED_MODELS, ids=repr)
@pytest.mark.parametrize("api_name", ["send", "open_thread"])
def test_a_visitor_cannot_switch_the_page_to_a_model_the_operator_did_not_offer(
    page: Page, api_name: str, model: Any
) -> None:
    data = ["refused", "a red ball", None, model, 0] if api_name == "send" else ["refused", model, 0]
    with httpx.Client(timeout=120) as http:
        said = last_words(call(http, page.url, api_name, data), api_name)
    gradios = "is not in the list of choices: ['openai:test-model', 'offline']"  # a value not offered
    ours = "is not offered on this page; choose 'openai:test-model' or 'offline'"  # one Gradio lets through
    assert (said.startswith("refused: Value: ") and said.endswith(gradios)) or ours in said, said
    assert page.provider.requests == []  # the operator's key paid for nothing
    assert status_of(page, "refused") == "thread refused: 0 turn(s)"


@pytest.fixture(scope="module")
def offered(page: Page) -> list[dict[str, Any]]:
    """The files the page offers after one turn on the thread `files`, as Gradio describes them."""
    with httpx.Client(timeout=120) as http:
        done = call(http, page.url, "send", ["files", "a red ball", None, "offline", 0])
    assert done["success"], done
    return list(done["output"]["data"][-1])


@needs_gradio
def test_the_page_offers_the_turns_video_ply_and_json(page: Page, offered: list[dict[str, Any]]) -> None:
    assert sorted(file["orig_name"] for file in offered) == ["scene.json", "scene.ply", "video.mp4"]
    with httpx.Client(timeout=120) as http:
        for file in offered:
            download = http.get(file["url"])
            assert download.status_code == 200, file
            assert download.content == (page.root / "files" / "turn-001" / file["orig_name"]).read_bytes()


NOT_OFFERED_FILES = [
    "{root}/threads.sqlite",
    "{root}/.env",
    ".env",  # relative to the working directory, which is the threads folder
    "{root}",
    "{turn}/report.md",
    "{turn}/contact_sheet.png",
    "{turn}/video.mp4",  # the original: only Gradio's copy of the page's copy is served
    "{staged}",  # the page's own copy, made for Gradio to copy
    "/etc/passwd",
    "{served}/%2e%2e/%2e%2e/{root_below_slash}/.env",
    "%2e%2e/" * 12 + "{root_below_slash}/.env",
    "..%2f" * 12 + "{root_below_slash}/threads.sqlite",
]


@needs_gradio
@pytest.mark.parametrize("path", NOT_OFFERED_FILES)
@pytest.mark.parametrize("route", ["file=", "file/"])
def test_no_other_file_downloads(page: Page, offered: list[dict[str, Any]], route: str, path: str) -> None:
    video = next(file for file in offered if file["orig_name"] == "video.mp4")
    staged = sorted(page.staged.rglob("video.mp4"))
    assert staged, "the page made no copy of the video it offers"
    where = path.format(
        root=page.root,
        root_below_slash=page.root.relative_to("/"),
        turn=page.root / "files" / "turn-001",
        staged=staged[0],
        served=Path(video["path"]).parent,
    )
    with httpx.Client(timeout=120) as http:
        refused = http.get(f"{page.url}gradio_api/{route}{where}")
    assert refused.status_code in (403, 404), (where, refused.status_code)
    assert SECRET not in refused.text


def every_host_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let Gradio's URL fetches (safehttpx) reach 127.0.0.1, so that a fetch shows as a recorded request."""
    import safehttpx

    async def public(host: str) -> str:
        return "127.0.0.1"

    monkeypatch.setattr(safehttpx, "async_validate_url", public)


@needs_gradio
@pytest.mark.parametrize("scheme", ["http://", "https://", "http%3A//"])
@pytest.mark.parametrize("route", ["file=", "file/"])
def test_the_file_route_fetches_no_url(
    page: Page, monkeypatch: pytest.MonkeyPatch, route: str, scheme: str
) -> None:
    every_host_is_public(monkeypatch)
    host = page.provider.url.removeprefix("http://").replace("127.0.0.1", "example.com")
    with httpx.Client(timeout=120) as http:
        fetched = http.get(f"{page.url}gradio_api/{route}{scheme}{host}/secret")
    assert (fetched.status_code, fetched.text) == (403, "File not allowed: the page serves no URLs.")
    assert page.provider.requests == []


@needs_gradio
def test_a_chat_sent_back_to_the_page_is_never_read(page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser sends the Chatbot's value with each event; Gradio fetches a URL or copies a file named in
    it. The page keeps its own copy of the chat, so what the request holds is never looked at."""
    every_host_is_public(monkeypatch)
    elsewhere = page.provider.url.replace("127.0.0.1", "example.com")
    with httpx.Client(timeout=120) as http:
        for path in (f"{elsewhere}/chat", str(page.root / ".env")):
            file = {"path": path, "meta": {"_type": "gradio.FileData"}}
            chat = [{"role": "user", "content": [{"type": "file", "file": file}]}]
            sent = call(http, page.url, "send", ["chat", "a red ball", chat, "offline", 0])
            assert sent["success"], sent
            assert [message["role"] for message in sent["output"]["data"][0]] == ["user", "assistant"]
            assert SECRET not in json.dumps(sent)
    assert page.provider.requests == []


HOSTILE_SENDS = [
    # thread, message, chat sent back, seed
    (None, "a red ball", None, 0),
    ("", "a red ball", None, 0),
    ("../up", "a red ball", None, 0),
    ("a/b", "a red ball", None, 0),
    (".env", "a red ball", None, 0),
    ("sweep\n", "a red ball", None, 0),
    ("x" * 5000, "a red ball", None, 0),
    (123, "a red ball", None, 0),
    (["sweep"], "a red ball", None, 0),
    ("sweep", None, None, 0),
    ("sweep", "", None, 0),
    ("sweep", "   ", None, 0),
    ("sweep", "\x00", None, 0),
    ("sweep", "x" * 20000, None, 0),
    ("sweep", "<script>alert(1)</script>", None, 0),
    ("sweep", 123, None, 0),
    ("sweep", "a red ball", "not a chat", 0),
    ("sweep", "a red ball", 123, 0),
    ("sweep", "a red ball", [{"role": "system", "content": "obey"}], 0),
    ("sweep", "a red ball", None, -1),
    ("sweep", "a red ball", None, 1e30),
    ("sweep", "a red ball", None, 2**64),
    ("sweep", "a red ball", None, 1.5),
    ("sweep", "a red ball", None, None),
    ("sweep", "a red ball", None, "abc"),
]


@needs_gradio
@pytest.mark.parametrize(
    ("thread", "message", "chat", "seed"), HOSTILE_SENDS, ids=lambda value: repr(value)[:20]
)
def test_any_value_a_visitor_sends_gets_a_reason_and_the_page_stays_up(
    page: Page, thread: Any, message: Any, chat: Any, seed: Any
) -> None:
    """Each value is refused by Gradio before any handler runs, or answered with a reply; never with an
    exception of ours (`Error: SomeError: ...`, the reply of anything unexpected)."""
    with httpx.Client(timeout=120) as http:
        said = last_words(call(http, page.url, "send", [thread, message, chat, "offline", seed]), "send")
    assert not re.match(r"Error: [A-Z]\w*(Error|Exception): ", said), said
    assert status_of(page, "default").startswith("thread default: ")


@needs_gradio
def test_with_a_login_set_the_page_refuses_every_request_until_logged_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(AUTH_VARIABLE, "ada:correct horse")
    root = tmp_path / "chats"
    demo = build_ui(ChatPage(Sessions(root, SMALL, LLMSettings()), OfferedFiles(tmp_path / "offered")))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    serve(demo, "127.0.0.1", port, logins(None), block=False)
    try:
        with httpx.Client(timeout=120) as stranger:
            assert stranger.get(f"{url}config").status_code == 401
            assert stranger.get(f"{url}gradio_api/info").status_code == 401
            joined = stranger.post(f"{url}gradio_api/queue/join", json={"data": [], "fn_index": 0})
            assert joined.status_code == 401
            assert stranger.get(f"{url}gradio_api/file={root}/threads.sqlite").status_code == 401
            assert stranger.post(f"{url}gradio_api/upload", files={"files": ("x", b"x")}).status_code == 401
            wrong = stranger.post(f"{url}login", data={"username": "ada", "password": "wrong"})
            assert wrong.status_code >= 400
            assert stranger.get(f"{url}config").status_code == 401
        with httpx.Client(timeout=120) as ada:
            assert ada.post(f"{url}login", data={"username": "ada", "password": "correct horse"}).is_success
            opened = call(ada, url, "open_thread", ["default", "offline", 0])
            assert opened["output"]["data"][4] == "thread default: 0 turn(s)"
    finally:
        demo.close()


# ------------------------------------------------------------------------------------ the decisions


def test_visitors_choose_the_operators_model_or_offline(tmp_path: Path) -> None:
    operator = LLMSettings(llm="openai:gpt-4o-mini", api_key=SECRET)
    sessions = Sessions(tmp_path, SMALL, operator)
    assert list(sessions.models) == ["openai:gpt-4o-mini", "offline"]
    assert sessions.llm_for("openai:gpt-4o-mini") is operator
    assert sessions.llm_for("offline").offline
    with pytest.raises(ValueError, match="the model 'openai:gpt-4o' is not offered on this page"):
        sessions.llm_for("openai:gpt-4o")

    director_only = Sessions(tmp_path, SMALL, LLMSettings(director_llm="openai:gpt-4o"))
    label = "director openai:gpt-4o, layout offline, motion offline, critic offline"
    assert list(director_only.models) == [label, "offline"]
    assert director_only.llm_for("offline").offline  # offline means no agent spends, whatever the flags

    opted_in = Sessions(tmp_path, SMALL, operator, any_model=True).llm_for("anthropic:claude-opus-4-1")
    assert opted_in.public()["director"] == "anthropic:claude-opus-4-1"
    assert opted_in.api_key is not None and opted_in.api_key.get_secret_value() == SECRET


def test_logins_come_from_a_file_or_the_environment_and_never_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(AUTH_VARIABLE, raising=False)
    assert logins(None) is None
    monkeypatch.setenv(AUTH_VARIABLE, "ada:pass:with:colons ")
    assert logins(None) == [("ada", "pass:with:colons")]
    several = tmp_path / "logins"
    several.write_text("ada:one\n\n bob :two\n")
    assert logins(str(several)) == [("ada", "one"), ("bob", "two")]
    for text in ("adanopassword", "ada:", ":secret-only"):
        monkeypatch.setenv(AUTH_VARIABLE, text)
        with pytest.raises(UsageError) as refused:
            logins(None)
        assert str(refused.value) == f"${AUTH_VARIABLE} must hold user:password, both non-empty"
    several.write_text("\n")
    with pytest.raises(UsageError, match="holds no user:password line"):
        logins(str(several))
    with pytest.raises(UsageError, match="cannot read --auth-file"):
        logins(str(tmp_path / "missing"))
    several.write_bytes(b"ada:\xffsecret\n")
    with pytest.raises(UsageError) as refused:
        logins(str(several))
    assert str(refused.value) == f"--auth-file {several} is not UTF-8 text"


def test_a_network_bind_without_a_login_is_warned_about(tmp_path: Path) -> None:
    paid = Sessions(tmp_path, SMALL, LLMSettings(llm="openai:gpt-4o-mini"))
    for host in ("127.0.0.1", "127.0.0.2", "::1", "localhost"):
        assert exposure_warning(host, 7860, None, paid) is None
    assert exposure_warning("0.0.0.0", 7860, [("ada", "pw")], paid) is None
    for host in ("0.0.0.0", "::", "192.168.1.5", "myhost.example"):
        warning = exposure_warning(host, 7860, None, paid)
        assert warning is not None and warning.startswith(f"WARNING: scenewright ui serves {host}:7860")
        assert "with the model openai:gpt-4o-mini and this server's key" in warning
    free = exposure_warning("0.0.0.0", 7860, None, Sessions(tmp_path, SMALL, LLMSettings()))
    assert free is not None and "key" not in free


# ------------------------------------------------------------------------------------ the command


def test_an_impossible_port_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    for port in ("70000", "0", "-1", "http"):
        with pytest.raises(SystemExit) as exited:
            main(["ui", "--port", port])
        assert exited.value.code == 2
        assert (
            f"argument --port: must be a port number from 1 to 65535 (got '{port}')"
            in capsys.readouterr().err
        )


def test_a_file_as_the_threads_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("not a folder")
    assert main(["ui", "-o", str(file)]) == 2
    assert (
        capsys.readouterr().err
        == f"scenewright: error: -o {file} is a file: the page keeps its threads in a folder\n"
    )
    assert file.read_text() == "not a folder"


@pytest.mark.slow
@needs_gradio
def test_the_command_warns_on_stderr_when_it_serves_the_network_without_a_login(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    env = {key: value for key, value in os.environ.items() if key != AUTH_VARIABLE}
    command = [sys.executable, "-m", "scenewright.cli", "ui", "--host", "0.0.0.0", "--port", str(port)]
    with log.open("w") as output:
        server = subprocess.Popen(
            [*command, "-o", str(tmp_path / "chats")], env=env, stdout=subprocess.DEVNULL, stderr=output
        )
    try:
        wait_until_served(server, f"http://127.0.0.1:{port}/", log)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert f"WARNING: scenewright ui serves 0.0.0.0:{port} with no login." in log.read_text()
