"""`scenewright ui`: the chat in a web page (Gradio), bound to 127.0.0.1 unless told otherwise.

The page holds one chat thread at a time (the same threads as `scenewright chat`, in OUT/threads.sqlite):
the conversation, the latest video, the plan on screen as a readable scene graph, a progress line while a
turn works, model and seed settings, and downloads of the latest turn's video.mp4, scene.ply and
scene.json. Gradio is an optional extra, imported only when the page is built, so the rest of the command
line works without it.

Every handler is callable over HTTP whatever the page shows, so what a visitor may do is decided here, on
the server: the models are the operator's (docs/security.md), and only the files the page offers are served.
"""

from __future__ import annotations

import argparse
import hashlib
import ipaddress
import logging
import os
import queue
import shutil
import sys
import tempfile
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

AUTH_VARIABLE = "SCENEWRIGHT_UI_AUTH"
"""One `user:password` login for the page; `--auth-file` holds several."""

Logins = list[tuple[str, str]]
"""(user, password) pairs, as Gradio's `launch(auth=...)` takes them."""

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


def log_unexpected(error: Exception, what: str) -> None:
    """Log an error that is not one of our one-line reasons, with its traceback, for the operator."""
    if not isinstance(error, ValueError):
        logger.error(what, exc_info=error)


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


class OfferedFiles:
    """Copies of the files the page offers, in a folder of the server's own, which Gradio serves.

    Gradio serves a handler's file only from its temp folder, the working directory or `allowed_paths`, and
    serves an allowed folder whole: allowing OUT would serve threads.sqlite, every turn's files and, under
    `ui -o .`, `.env`. So nothing is allowed, and each offered file is copied into a folder under the temp
    folder first, once per version (path, size and modification time).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def offer(self, path: str) -> str:
        """The path of `path`'s copy, made now unless this version was copied before."""
        source = Path(path).resolve()
        stat = source.stat()
        version = f"{source}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
        copy = self.folder / hashlib.sha256(version).hexdigest()[:32] / source.name
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            partial = copy.with_name(f".{copy.name}.{threading.get_ident()}")
            shutil.copyfile(source, partial)
            partial.replace(copy)  # two tabs opening one thread never see half a file
        return str(copy)

    def of(self, shown: Shown) -> Shown:
        """`shown` with its video and files replaced by their copies."""
        video = None if shown.video is None else self.offer(shown.video)
        return replace(shown, video=video, files=[self.offer(path) for path in shown.files])


def model_choices(llm: LLMSettings) -> dict[str, LLMSettings]:
    """The models a visitor may pick, by label: the operator's as launched, and offline (which costs
    nothing); a label names each agent's model where they differ."""
    models = llm.public()
    launched = next(iter(models.values())) if len(set(models.values())) == 1 else None
    label = launched or ", ".join(f"{agent} {model}" for agent, model in models.items())
    offline = llm.model_copy(update={"llm": OFFLINE, **{f"{agent}_llm": None for agent in AGENTS}})
    return {label: llm, OFFLINE: offline}


class Sessions:
    """The server's ChatSessions: one per thread, for the seed and model it was last used with.

    A thread's session is replaced, and the old one closed, when its seed or model changes. A lock per
    thread keeps two browser tabs from running turns on one thread at once (the checkpoint is one line of
    history); different threads do not wait for each other. A model is one of `model_choices`; any other
    is refused unless `any_model`, since a visitor's model is run with the operator's key and base URL.
    """

    def __init__(self, root: Path, settings: RunSettings, llm: LLMSettings, any_model: bool = False) -> None:
        self.root = root
        self.settings = settings
        self.llm = llm
        self.models = model_choices(llm)
        self.any_model = any_model
        self._open: dict[str, tuple[tuple[int, str], ChatSession]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    @contextmanager
    def use(self, thread: object, seed: float | None, model: object) -> Iterator[ChatSession]:
        """The thread's session for this seed and model, held for the block. The thread and model are taken
        as text, whatever a request sent (a dropdown passes a list of choices, or a number, through)."""
        name = check_thread_name(str(thread or "").strip())
        chosen = str(model or "").strip()
        llm = self.llm_for(chosen)
        with self._guard:
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:
            yield self._session(name, self.settings.seed if seed is None else int(seed), chosen, llm)

    def _session(self, thread: str, seed: int, model: str, llm: LLMSettings) -> ChatSession:
        key = (seed, model)
        held = self._open.get(thread)
        if held is not None and held[0] == key:
            return held[1]
        session = ChatSession(thread, self.root, replace(self.settings, seed=seed), llm)
        if held is not None:
            held[1].close()
        self._open[thread] = (key, session)
        return session

    def llm_for(self, model: str) -> LLMSettings:
        """The LLM settings of an offered model; with `any_model`, the server's with `model` (PROVIDER:MODEL)
        for every agent, base URL, key, time-outs and prices kept."""
        if model in self.models:
            return self.models[model]
        if not self.any_model:
            offered = " or ".join(repr(label) for label in self.models)
            raise ValueError(f"the model {model!r} is not offered on this page; choose {offered}")
        kept = self.llm.model_dump(exclude={"llm", *(f"{agent}_llm" for agent in AGENTS)})
        return load_llm_settings(llm=model, **kept)


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
    """The page's event handlers, apart from Gradio's components so that they can be called directly.

    The chat comes back twice, for the Chatbot and for the server-held copy that the next message is added
    to: the Chatbot's own value is never read back, since a visitor could send one that names a file or a URL,
    which Gradio would copy or fetch.
    """

    def __init__(self, sessions: Sessions, offered: OfferedFiles) -> None:
        self.sessions = sessions
        self.offered = offered

    def open_thread(self, thread: object, model: object, seed: float | None) -> tuple[Any, ...]:
        """(chat, chat, video, plan, status, files) of a thread; a new name starts an empty thread."""
        try:
            with self.sessions.use(thread, seed, model) as chat:
                turns, shown, cut_off = chat.turns, self.offered.of(Shown.of(chat)), chat.interrupted
        except Exception as error:  # shown as the status line, as `send` shows a turn's error as the reply
            log_unexpected(error, "the thread did not open")
            return [], [], None, NO_SCENE, error_text(error), []
        status = f"thread {chat.thread}: {len(turns)} turn(s)"
        if cut_off:
            status += "; the last turn was cut off and finishes with your next message"
        history = history_of(turns)
        return history, history, shown.video, shown.plan, status, shown.files

    def send(
        self,
        thread: object,
        message: str | None,
        history: list[dict[str, Any]],
        model: object,
        seed: float | None,
    ) -> Iterator[tuple[Any, ...]]:
        """Updates of (chat, chat, message box, video, plan, status, files): the message at once, the
        progress line while the turn works, then the reply (an error's reason as the reply) and the new
        video."""
        import gradio as gr

        keep = gr.skip()
        if not message or not message.strip():
            yield keep, keep, keep, keep, keep, "Type what the video should show, or what to change.", keep
            return
        history = [*history, {"role": "user", "content": message}]
        yield history, history, gr.update(value="", interactive=False), keep, keep, "working…", keep

        def turn(on_event: Events) -> tuple[ChatTurn, Shown]:
            with self.sessions.use(thread, seed, model) as chat:
                return chat.send(message, on_event), self.offered.of(Shown.of(chat))

        worker = Worker(turn)
        for event in worker.events():
            yield keep, keep, keep, keep, keep, progress_line(event), keep
        try:
            done, shown = worker.result()
        except Exception as error:
            log_unexpected(error, "the turn failed")
            history = [*history, {"role": "assistant", "content": error_text(error)}]
            yield history, history, gr.update(interactive=True), keep, keep, "the turn failed", keep
            return
        history = [*history, {"role": "assistant", "content": reply_text(done)}]
        built = f"done in {done.seconds:.1f} s" if done.out_dir is not None else "nothing changed"
        status = f"turn {done.number} {built}"
        yield history, history, gr.update(interactive=True), shown.video, shown.plan, status, shown.files


def build_ui(page: ChatPage) -> gradio.Blocks:
    """The page over `page`'s threads, starting from its sessions' seed and the operator's model."""
    import gradio as gr

    sessions = page.sessions
    models = list(sessions.models)
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
            model = gr.Dropdown(
                choices=models,
                value=models[0],
                allow_custom_value=sessions.any_model,
                label="Model for every agent",
                info="or any PROVIDER:MODEL (openai:gpt-4o-mini, ollama:qwen2.5:7b); applies from the next "
                "message"
                if sessions.any_model
                else "the operator's, or offline; applies from the next message",
            )
            seed = gr.Number(value=sessions.settings.seed, precision=0, minimum=0, label="Seed")
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
        history = gr.State([])  # the chat as the server last sent it (see ChatPage)
        shown = [chatbot, history, video, plan, status, files]
        thread.change(page.open_thread, [thread, model, seed], shown, api_name="open_thread")
        demo.load(page.open_thread, [thread, model, seed], shown)
        # threads made since start
        demo.load(lambda: gr.Dropdown(choices=list_threads(sessions.root)), None, thread, api_name="threads")
        message.submit(
            page.send,
            [thread, message, history, model, seed],
            [chatbot, history, message, video, plan, status, files],
            show_progress_on=video,  # the chat and the progress line stay readable while a turn works
            api_name="send",
        )
    return demo


def add_ui_parser(commands: argparse._SubParsersAction, add_run: Callable, add_providers: Callable) -> None:
    ui = commands.add_parser(
        "ui",
        help="the chat in a web page: video, scene graph, progress and downloads (needs scenewright[ui])",
        description="Serves a Gradio page over the chat threads in OUT (the same as `scenewright chat`). It "
        "binds to 127.0.0.1 unless --host says otherwise; anyone who can reach it may read every thread and "
        f"run turns, so off this machine set a login ({AUTH_VARIABLE}=user:password or --auth-file). "
        "Visitors choose between the operator's model and offline. docs/security.md says more.",
    )
    ui.add_argument(
        "--host", default="127.0.0.1", help="address to bind; 0.0.0.0 serves the network (127.0.0.1)"
    )
    ui.add_argument("--port", type=port_number, default=7860, help="port to serve on (7860)")
    ui.add_argument("-o", "--out", default="chats", help="folder of the threads (chats)")
    ui.add_argument("--seed", type=int, help="the page's starting seed (0)")
    ui.add_argument(
        "--auth-file",
        metavar="FILE",
        help=f"logins the page asks for, one user:password a line (else ${AUTH_VARIABLE}, one login)",
    )
    ui.add_argument(
        "--visitors-may-choose-models",
        action="store_true",
        help="let visitors type any PROVIDER:MODEL, run with this server's key and base URL",
    )
    add_run(ui)
    add_providers(ui)


def port_number(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 1 to 65535 (got {text!r})")
    return int(text)


def threads_folder(out: str) -> Path:
    """-o as the folder of the threads, made if missing; a file or a folder that cannot be made is refused."""
    root = Path(out)
    if root.exists() and not root.is_dir():
        raise UsageError(f"-o {out} is a file: the page keeps its threads in a folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot make the threads folder {out}: {error.strerror}") from None
    return root


def logins(auth_file: str | None) -> Logins | None:
    """The page's logins: one `user:password` a line of --auth-file, else $SCENEWRIGHT_UI_AUTH's one;
    None when neither is set. An error names where the login came from, never the login itself."""
    if auth_file is not None:
        try:
            lines = Path(auth_file).read_text().splitlines()
        except OSError as error:
            raise UsageError(f"cannot read --auth-file {auth_file}: {error.strerror}") from None
        except UnicodeDecodeError:  # its message would quote a byte of the file
            raise UsageError(f"--auth-file {auth_file} is not UTF-8 text") from None
        found = [login(line, f"--auth-file {auth_file}") for line in lines if line.strip()]
        if not found:
            raise UsageError(f"--auth-file {auth_file} holds no user:password line")
        return found
    value = os.environ.get(AUTH_VARIABLE, "")
    return [login(value, f"${AUTH_VARIABLE}")] if value else None


def login(text: str, origin: str) -> tuple[str, str]:
    user, colon, password = text.strip().partition(":")
    user = user.strip()  # as Gradio's login form strips the name typed
    if not (user and colon and password):
        raise UsageError(f"{origin} must hold user:password, both non-empty")
    return user, password


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only; a host name other than localhost counts as not."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, port: int, auth: Logins | None, sessions: Sessions) -> str | None:
    """The paragraph printed when the page serves the network with no login; None otherwise."""
    if auth is not None or is_loopback(host):
        return None
    operators = next(iter(sessions.models))
    spends = "any model a visitor names" if sessions.any_model else f"the model {operators}"
    free = operators == OFFLINE and not sessions.any_model
    spending = "" if free else f", with {spends} and this server's key"
    return (
        f"WARNING: scenewright ui serves {host}:{port} with no login. Anyone who can reach this port can "
        "read every thread in the output folder, download its videos and scenes, and run turns on this "
        f"machine{spending}. Set {AUTH_VARIABLE}=user:password or --auth-file FILE to require a login, or "
        "bind to 127.0.0.1 (docs/security.md)."
    )


class NoFetchedFiles:
    """ASGI middleware that refuses Gradio's file route when it names a URL.

    Gradio fetches any public http(s) URL named there and streams it back (`secure_url_stream_response` in
    gradio/route_utils.py), and no launch setting turns that off. The page never offers a URL, so the route
    would only let a visitor reach other hosts through this server.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and names_a_url(scope["path"]):
            from starlette.responses import PlainTextResponse

            await PlainTextResponse("File not allowed: the page serves no URLs.", 403)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def names_a_url(path: str) -> bool:
    """Whether a request path asks Gradio's file route (`file=X`, or the older `file/X`) for a URL."""
    for route in ("/gradio_api/file=", "/gradio_api/file/"):
        _, found, target = path.partition(route)
        if found and "://" in target:
            return True
    return False


def serve(demo: gradio.Blocks, host: str, port: int, auth: Logins | None, block: bool) -> None:
    """Launch the page; with `block` False it serves from a thread until `demo.close()`. Nothing is in
    `allowed_paths` (see OfferedFiles), the file route fetches no URLs and monitoring is off."""
    from starlette.middleware import Middleware

    demo.queue().launch(
        server_name=host,
        server_port=port,
        auth=auth,
        prevent_thread_lock=not block,
        enable_monitoring=False,
        app_kwargs={"middleware": [Middleware(NoFetchedFiles)]},
    )


def run_ui(args: argparse.Namespace, settings: RunSettings, llm: LLMSettings) -> int:
    """Serve the page until interrupted."""
    from scenewright.api import check_run_settings

    try:  # before the page serves anything; each turn's generate checks its own settings again
        check_run_settings(settings)
    except ValueError as error:
        raise UsageError(str(error)) from None
    root = threads_folder(args.out)
    auth = logins(args.auth_file)
    sessions = Sessions(root, settings, llm, any_model=args.visitors_may_choose_models)
    with tempfile.TemporaryDirectory(prefix="scenewright-ui-") as offered:
        try:
            demo = build_ui(ChatPage(sessions, OfferedFiles(Path(offered))))
        except ModuleNotFoundError as error:
            if error.name != "gradio":
                raise
            raise UsageError("the web UI needs gradio: pip install 'scenewright[ui]'") from None
        warning = exposure_warning(args.host, args.port, auth, sessions)
        if warning:
            print(warning, file=sys.stderr)
        serve(demo, args.host, args.port, auth, block=True)
    return 0
