"""`scenewright ui`: the chat in a web page (Gradio), bound to 127.0.0.1 unless told otherwise.

The page holds one chat thread at a time (the same threads as `scenewright chat`, in OUT/threads.sqlite):
the conversation, the latest video, the plan on screen as a readable scene graph, a progress line while a
turn works, provider and seed settings, and downloads of the latest turn's video.mp4, scene.ply and
scene.json. Gradio is an optional extra, imported only when the page is built, so the rest of the command
line works without it.
"""

from __future__ import annotations

import argparse
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from scenewright.chat import (
    ChatSession,
    Events,
    action_text,
    camera_text,
    check_thread_name,
    entity_text,
    list_threads,
    relation_text,
)
from scenewright.config import AGENTS, OFFLINE, LLMSettings, load_llm_settings
from scenewright.errors import UsageError
from scenewright.graphs.chat import ChatTurn
from scenewright.schema import Plan
from scenewright.settings import RunSettings

if TYPE_CHECKING:
    import gradio

logger = logging.getLogger(__name__)

DOWNLOADS = ("video.mp4", "scene.ply", "scene.json")
"""The latest turn's files offered for download."""

NO_SCENE = "*No scene yet: describe one in the chat.*"

T = TypeVar("T")

# ------------------------------------------------------------------------------------ scene graph


def scene_graph_markdown(plan: Plan | None) -> str:
    """The plan as a reader sees it: setting, entities, relations, actions and camera, one line each."""
    if plan is None:
        return NO_SCENE
    setting = f"{plan.environment} ({plan.scene_description})" if plan.scene_description else plan.environment
    lines = [f"**Setting:** {setting}", "", "**Entities**", *(f"- {entity_text(e)}" for e in plan.entities)]
    if plan.relations:
        lines += ["", "**Relations**"]
        lines += [f"- {relation_text(r)}" for r in plan.relations]
    if plan.actions:
        lines += ["", "**Actions**", *(f"- {action_text(action)}" for action in plan.actions)]
    lines += ["", f"**Camera:** {camera_text(plan.camera)}"]
    if plan.unknown_nouns:
        lines += ["", f"*Built as generic shapes: {', '.join(plan.unknown_nouns)}*"]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------ chat text


def reply_text(turn: ChatTurn) -> str:
    """The assistant's reply to a turn: what changed and how the build went, or why nothing changed."""
    if turn.out_dir is None:
        return f"Nothing changed: {'; '.join(turn.changes)}"
    verdict = {True: "every check passed", False: "some checks failed", None: "shown again"}[turn.passed]
    cache = turn.asset_cache
    assets = f", assets {cache['hits']} cached / {cache['misses']} built" if cache else ""
    changes = "\n".join(f"- {change}" for change in turn.changes)
    return f"{changes}\n\nTurn {turn.number}: {turn.seconds:.1f} s, {verdict}{assets}."


def error_text(error: Exception) -> str:
    """An error as a chat reply: the one-line reason of ours, the type too for anything unexpected."""
    if isinstance(error, ValueError):  # GenerateError, ProviderError, bad settings: already one line
        return f"Error: {error}"
    return f"Error: {type(error).__name__}: {error}"


def progress_line(event: dict[str, Any]) -> str:
    """The status line for one ChatSession event: a stage starting, its news, a rendered frame."""
    if "frame" in event:
        return f"round {event['round']} · rendering frame {event['frame']}/{event['frames']}"
    if "round" not in event:  # the chat graph's own events: the changes it is building
        return str(event["message"])
    if event.get("message") == "started":
        return f"round {event['round']} · {event['stage']}…"
    return f"round {event['round']} · {event['stage']}: {event['message']}"


def history_of(turns: list[ChatTurn]) -> list[dict[str, str]]:
    """A thread's turns as Chatbot messages."""
    messages = []
    for turn in turns:
        messages += [
            {"role": "user", "content": turn.message},
            {"role": "assistant", "content": reply_text(turn)},
        ]
    return messages


# ------------------------------------------------------------------------------------ server state


@dataclass(frozen=True)
class Shown:
    """What the page shows of a thread besides the chat: its plan, latest video and that turn's files."""

    plan: str
    video: str | None
    files: list[str]

    @classmethod
    def of(cls, chat: ChatSession) -> Shown:
        video = chat.video
        files = [] if video is None else [str(video.parent / name) for name in DOWNLOADS]
        return cls(
            plan=scene_graph_markdown(chat.plan),
            video=None if video is None else str(video),
            files=[path for path in files if Path(path).is_file()],
        )


class Sessions:
    """The server's ChatSessions: one per thread, for the seed and provider it was last used with.

    A thread's session is replaced, and the old one closed, when its seed or provider changes. A lock per
    thread keeps two browser tabs from running turns on one thread at once (the checkpoint is one line of
    history); different threads do not wait for each other.
    """

    def __init__(self, root: Path, settings: RunSettings, llm: LLMSettings) -> None:
        self.root = root
        self.settings = settings
        self.llm = llm
        self._open: dict[str, tuple[tuple[int, str], ChatSession]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    @contextmanager
    def use(self, thread: str, seed: float | None, provider: str) -> Iterator[ChatSession]:
        """The thread's session for this seed and provider, held for the block."""
        name = check_thread_name(thread.strip())
        with self._guard:
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:
            yield self._session(name, self.settings.seed if seed is None else int(seed), provider.strip())

    def _session(self, thread: str, seed: int, provider: str) -> ChatSession:
        key = (seed, provider or OFFLINE)
        held = self._open.get(thread)
        if held is not None and held[0] == key:
            return held[1]
        session = ChatSession(thread, self.root, replace(self.settings, seed=seed), self.llm_for(key[1]))
        if held is not None:
            held[1].close()
        self._open[thread] = (key, session)
        return session

    def llm_for(self, provider: str) -> LLMSettings:
        """The server's LLM settings with `provider` for every agent; the server's own when unchanged, so
        per-agent flags stay until the box is edited. Base URL, key, time-outs and prices are kept."""
        if provider == self.llm.llm:
            return self.llm
        kept = self.llm.model_dump(exclude={"llm", *(f"{agent}_llm" for agent in AGENTS)})
        return load_llm_settings(llm=provider, **kept)


class Worker(Generic[T]):
    """Runs `work(on_event)` in a thread so that a generator handler can stream its events as they come.

    The work runs to its end even when the page goes away: a turn cut off half-way would leave the thread
    to be resumed; its events are then simply not read.
    """

    def __init__(self, work: Callable[[Events], T]) -> None:
        self._events: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._result: T | None = None
        self._error: Exception | None = None
        threading.Thread(target=self._run, args=(work,), daemon=True).start()

    def _run(self, work: Callable[[Events], T]) -> None:
        try:
            self._result = work(self._events.put)
        except Exception as error:  # handed to the page as its reply
            self._error = error
        finally:
            self._events.put(None)

    def events(self) -> Iterator[dict[str, Any]]:
        while (event := self._events.get()) is not None:
            yield event

    def result(self) -> T:
        """The work's return value, or its error raised here; call after `events` is exhausted."""
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


# ------------------------------------------------------------------------------------ the page


class ChatPage:
    """The page's event handlers, apart from Gradio's components so that they can be called directly."""

    def __init__(self, root: Path, settings: RunSettings, llm: LLMSettings) -> None:
        self.sessions = Sessions(root, settings, llm)

    def open_thread(self, thread: str, provider: str, seed: float | None) -> tuple[Any, ...]:
        """(chat, video, plan, status, files) of a thread; a new name starts an empty thread."""
        try:
            with self.sessions.use(thread, seed, provider) as chat:
                turns, shown, cut_off = chat.turns, Shown.of(chat), chat.interrupted
        except ValueError as error:
            return [], None, NO_SCENE, error_text(error), []
        status = f"thread {thread.strip()}: {len(turns)} turn(s)"
        if cut_off:
            status += "; the last turn was cut off and finishes with your next message"
        return history_of(turns), shown.video, shown.plan, status, shown.files

    def send(
        self, thread: str, message: str, history: list[dict[str, Any]], provider: str, seed: float | None
    ) -> Iterator[tuple[Any, ...]]:
        """Updates of (chat, message box, video, plan, status, files): the message at once, the progress
        line while the turn works, then the reply (an error's reason as the reply) and the new video."""
        import gradio as gr

        keep = gr.skip()
        if not message.strip():
            yield keep, keep, keep, keep, "Type what the video should show, or what to change.", keep
            return
        history = [*history, {"role": "user", "content": message}]
        yield history, gr.update(value="", interactive=False), keep, keep, "working…", keep

        def turn(on_event: Events) -> tuple[ChatTurn, Shown]:
            with self.sessions.use(thread, seed, provider) as chat:
                return chat.send(message, on_event), Shown.of(chat)

        worker = Worker(turn)
        for event in worker.events():
            yield keep, keep, keep, keep, progress_line(event), keep
        try:
            done, shown = worker.result()
        except Exception as error:
            if not isinstance(error, ValueError):
                logger.error("the turn failed", exc_info=error)
            reply = {"role": "assistant", "content": error_text(error)}
            yield [*history, reply], gr.update(interactive=True), keep, keep, "the turn failed", keep
            return
        reply = {"role": "assistant", "content": reply_text(done)}
        built = f"done in {done.seconds:.1f} s" if done.out_dir is not None else "nothing changed"
        status = f"turn {done.number} {built}"
        yield [*history, reply], gr.update(interactive=True), shown.video, shown.plan, status, shown.files


def build_ui(root: Path, settings: RunSettings, llm: LLMSettings) -> gradio.Blocks:
    """The page over the threads in `root`; `settings` and `llm` are the defaults a session starts with."""
    import gradio as gr

    page = ChatPage(root, settings, llm)
    with gr.Blocks(title="scenewright", analytics_enabled=False) as demo:
        gr.Markdown(
            "## scenewright\nDescribe a scene (*a dog runs to the left of a ball*), then change it "
            "(*make the ball blue*, *add a second ball*, *lower the camera*, *undo*). Only what an edit "
            "touches is rebuilt."
        )
        with gr.Row():
            thread = gr.Dropdown(
                value="default",
                allow_custom_value=True,
                label="Thread",
                info="an existing thread resumes; a new name starts one",
            )
            provider = gr.Textbox(
                value=llm.llm,
                label="Model for every agent",
                info="PROVIDER:MODEL (openai:gpt-4o-mini, ollama:qwen2.5:7b) or offline; applies from the "
                "next message",
            )
            seed = gr.Number(value=settings.seed, precision=0, minimum=0, label="Seed")
        with gr.Row():
            with gr.Column():
                chatbot = gr.Chatbot(label="Chat", height=420)
                message = gr.Textbox(
                    placeholder="a dog runs to the left of a ball", show_label=False, elem_id="message"
                )
                status = gr.Markdown(elem_id="status")
            with gr.Column():
                video = gr.Video(
                    label="Video", elem_id="scene-video", interactive=False, autoplay=True, loop=True
                )
                gr.Markdown("#### Scene graph")
                plan = gr.Markdown(NO_SCENE, elem_id="scene-graph")
                files = gr.File(label="Downloads", file_count="multiple", interactive=False)
        shown = [chatbot, video, plan, status, files]
        thread.change(page.open_thread, [thread, provider, seed], shown)
        demo.load(page.open_thread, [thread, provider, seed], shown)
        demo.load(lambda: gr.Dropdown(choices=list_threads(root)), None, thread)  # threads made since start
        message.submit(
            page.send,
            [thread, message, chatbot, provider, seed],
            [chatbot, message, video, plan, status, files],
            show_progress_on=video,  # the chat and the progress line stay readable while a turn works
        )
    return demo


def add_ui_parser(commands: argparse._SubParsersAction, add_run: Callable, add_providers: Callable) -> None:
    ui = commands.add_parser(
        "ui",
        help="the chat in a web page: video, scene graph, progress and downloads (needs scenewright[ui])",
        description="Serves a Gradio page over the chat threads in OUT (the same as `scenewright chat`). It "
        "binds to 127.0.0.1 unless --host says otherwise.",
    )
    ui.add_argument(
        "--host", default="127.0.0.1", help="address to bind; 0.0.0.0 serves the network (127.0.0.1)"
    )
    ui.add_argument("--port", type=int, default=7860, help="port to serve on (7860)")
    ui.add_argument("-o", "--out", default="chats", help="folder of the threads (chats)")
    ui.add_argument("--seed", type=int, help="the page's starting seed (0)")
    add_run(ui)
    add_providers(ui)


def run_ui(args: argparse.Namespace, settings: RunSettings, llm: LLMSettings) -> int:
    """Serve the page until interrupted."""
    from scenewright.api import check_run_settings

    try:  # before the page serves anything; each turn's generate checks its own settings again
        check_run_settings(settings)
    except ValueError as error:
        raise UsageError(str(error)) from None
    root = Path(args.out)
    try:
        demo = build_ui(root, settings, llm)
    except ModuleNotFoundError as error:
        if error.name != "gradio":
            raise
        raise UsageError("the web UI needs gradio: pip install 'scenewright[ui]'") from None
    # Turn folders may lie outside the working and temp directories Gradio serves from by default.
    demo.queue().launch(server_name=args.host, server_port=args.port, allowed_paths=[str(root.resolve())])
    return 0
