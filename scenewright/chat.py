"""Chat threads on disk: the chat graph with a SQLite checkpointer, one folder per thread.

OUT/threads.sqlite holds every thread's state; OUT/<thread>/turn-NNN holds each turn's outputs. A turn holds
the thread's lock (OUT/.<thread>.lock, `hold_thread`) from start to end, so a second process on the thread is
told it is busy and its message is not taken. A turn cut off by a killed process (pending, with the lock free)
finishes when the thread is next used; a turn that fails is dropped, never built later behind a new message.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.types import Command, StateSnapshot

from scenewright.agents.llm import RunBudget
from scenewright.api import GenerateError, check_run, check_unicode
from scenewright.config import LLMSettings, ProviderError
from scenewright.graphs.chat import (
    STATE_TYPES,
    ChatContext,
    ChatTurn,
    ThreadBusyError,
    Version,
    chat_graph,
    hold_thread,
)
from scenewright.schema import Action, CameraSpec, EntitySpec, Plan, Relation
from scenewright.settings import MAX_PROMPT_CHARS, RunSettings
from scenewright.tools.render.render_video import ClipMemory

STORE = "threads.sqlite"
THREAD_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
"""A thread's name is also its folder's: letters, digits, '_', '.', '-'; at most 64 characters."""

Events = Callable[[dict[str, Any]], None]


def check_thread_name(name: str) -> str:
    if not THREAD_NAME.fullmatch(name):
        raise GenerateError(
            f"thread name {name!r} must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or "
            "digit"
        )
    return name


def open_store(root: Path) -> SqliteSaver:
    """The threads' checkpointer at ROOT/threads.sqlite; close it with `store.conn.close()`."""
    root.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(root / STORE, check_same_thread=False)
    return SqliteSaver(connection, serde=JsonPlusSerializer(allowed_msgpack_modules=STATE_TYPES))


@contextmanager
def _saver(root: Path) -> Iterator[SqliteSaver]:
    store = open_store(root)
    try:
        yield store
    finally:
        store.conn.close()


def list_threads(root: str | Path) -> list[str]:
    """Names of the threads stored under `root`, sorted."""
    if not (Path(root) / STORE).exists():
        return []
    with _saver(Path(root)) as saver:
        return sorted({c.config["configurable"]["thread_id"] for c in saver.list(None)})


def delete_thread(root: str | Path, name: str) -> None:
    """Forget a thread and remove its folder; a clear error when there is no such thread or a turn is running
    on it."""
    if name not in list_threads(root):
        raise GenerateError(f"no thread {name!r} in {root}")
    with hold_thread(Path(root) / name), _saver(Path(root)) as saver:
        saver.delete_thread(name)
        shutil.rmtree(Path(root) / name, ignore_errors=True)


DIRECTION_TEXT = {"toward": "toward the camera", "away": "away from the camera"}


def describe_plan(plan: Plan) -> list[str]:
    """The plan as short readable lines: entities, relations, actions, camera (the REPL's review)."""
    return [
        *(entity_text(e) for e in plan.entities),
        *(relation_text(r) for r in plan.relations),
        *(action_text(a) for a in plan.actions),
        f"camera: {camera_text(plan.camera)}",
    ]


def relation_text(relation: Relation) -> str:
    """'dog left of ball'."""
    return f"{relation.subject} {relation.predicate.replace('_', ' ')} {relation.object}"


def entity_text(entity: EntitySpec) -> str:
    """'dog (corgi): count 2, colour red, size ×1.5, 0.4 m tall'."""
    name = entity.id if entity.name == entity.id else f"{entity.id} ({entity.name})"
    parts = [f"count {entity.count}", f"colour {entity.color.name if entity.color else 'natural'}"]
    parts.append(f"size ×{entity.size_scale:g}")
    if entity.height_m is not None:
        parts.append(f"{entity.height_m:g} m tall")
    if entity.attributes:
        parts.append(", ".join(entity.attributes))
    return f"{name}: {', '.join(parts)}"


def action_text(action: Action) -> str:
    """'dog runs left (fast)', 'cat walks around tree'."""
    direction = action.direction or ""
    where = f"around {action.around}" if action.around else DIRECTION_TEXT.get(direction, direction)
    speed = "" if action.speed == "normal" else f" ({action.speed})"
    return " ".join(filter(None, [action.entity, action.verb, where])) + speed


def camera_text(camera: CameraSpec) -> str:
    """'orbit 360°, looking down 12°, 50° field of view'."""
    move = {
        "static": "static",
        "orbit": f"orbit {camera.orbit_deg:g}°",
        "dolly_in": f"dolly in {camera.dolly_fraction:.0%}",
        "dolly_out": f"dolly out {camera.dolly_fraction:.0%}",
        "pan_left": f"pan left {camera.pan_deg:g}°",
        "pan_right": f"pan right {camera.pan_deg:g}°",
        "tilt_up": f"tilt up {camera.tilt_deg:g}°",
        "tilt_down": f"tilt down {camera.tilt_deg:g}°",
        "track": f"track {camera.target}",
    }[camera.motion]
    return f"{move}, looking down {camera.elevation_deg:g}°, {camera.fov_deg:g}° field of view"


class ChatSession:
    """One thread: send messages, read its turns; open with `with ChatSession(...) as chat:`."""

    def __init__(
        self,
        thread: str,
        root: str | Path = "chats",
        settings: RunSettings | None = None,
        llm: LLMSettings | None = None,
        review: bool = False,
    ) -> None:
        self.thread = check_thread_name(thread)
        self.root = Path(root)
        folder = self.root / thread
        if thread == STORE or (folder.exists() and not folder.is_dir()):
            raise GenerateError(f"thread name {thread!r} is taken by the file {folder}: choose another name")
        settings, llm = settings or RunSettings(), llm or LLMSettings()
        check_run(settings, llm)  # once, before any turn: every build reads the checked settings
        self.context = ChatContext(
            out_dir=str(self.root / thread),
            settings=settings,
            llm=llm,
            review=review,
            clips=ClipMemory(),  # the thread's last clip: an edit redraws only what it changed
            holds_thread=True,  # each turn holds the lock from start to end (`_turn`)
        )
        self._turn_context: ChatContext | None = None
        """The context of the last turn this session began, kept while its plan waits for review (the review's
        answer and the build are the same turn, on the same model budget)."""
        self._config: dict[str, Any] = {"configurable": {"thread_id": thread}}
        self._store = open_store(self.root)
        self._graph = chat_graph(self._store)

    def close(self) -> None:
        self._store.conn.close()

    def __enter__(self) -> ChatSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _new_turn(self) -> ChatContext:
        """The session's context with a new model budget and breaker, which one turn's questions share."""
        return replace(self.context, llm_budget=RunBudget())

    def _snapshot(self) -> StateSnapshot:
        return self._graph.get_state(self._config)

    def _turn(self) -> AbstractContextManager[None]:
        """The thread's lock, held for one turn; ThreadBusyError at once when another holds it."""
        return hold_thread(Path(self.context.out_dir))

    def _pending(self) -> bool:
        """Whether a turn started and did not finish (apart from one waiting for review)."""
        snapshot = self._snapshot()
        return bool(snapshot.next) and not snapshot.interrupts

    @property
    def busy(self) -> bool:
        """Whether another process (or session) is running a turn on the thread now."""
        try:
            with self._turn():
                return False
        except ThreadBusyError:
            return True

    @property
    def interrupted(self) -> bool:
        """Whether the last turn was cut off before it finished (it resumes with `resume`): pending while no
        one holds the thread, since a turn pending under a held lock is running in another process."""
        return self._pending() and not self.busy

    @property
    def pending_review(self) -> dict[str, Any] | None:
        """With review on: the plan waiting for an answer ({"plan", "changes", "problem"}), else None."""
        interrupts = self._snapshot().interrupts
        return dict(interrupts[0].value) if interrupts else None

    def review(self, answer: dict[str, Any], on_event: Events | None = None) -> ChatTurn | None:
        """Answer the pending review: {"approve": true}, {"plan": {...}} or {"cancel": true}. None when the
        answer was not valid (pending_review then says why)."""
        with self._turn():
            if self.pending_review is None:
                raise GenerateError("no plan is waiting for review")
            return self._run(Command(resume=answer), on_event, self._turn_context)

    def resume(self, on_event: Events | None = None) -> ChatTurn | None:
        """Finish a turn that was cut off (a killed process); None when there is none."""
        with self._turn():
            return self._run(None, on_event) if self._pending() else None

    def send(self, message: str, on_event: Events | None = None) -> ChatTurn | None:
        """One turn: the message edits the plan on screen (or starts the scene), the video is rebuilt.
        None when review is on: the plan then waits for `review`."""
        text = " ".join(message.split())
        if not text:
            raise GenerateError("the message is empty")
        if len(text) > MAX_PROMPT_CHARS:
            raise GenerateError(f"the message is longer than {MAX_PROMPT_CHARS} characters")
        check_unicode(text, "the message")  # before the turn: it could not be stored in scene.json
        with self._turn():
            if self.pending_review is not None:
                raise GenerateError("a plan is waiting for review: approve, edit or cancel it first")
            if self._pending():  # cut off by a killed process: it finishes first, in its own folder
                self._run(None, on_event)
            self._turn_context = self._new_turn()
            return self._run({"message": text}, on_event, self._turn_context)

    def _run(
        self,
        inputs: dict[str, Any] | Command | None,
        on_event: Events | None,
        context: ChatContext | None = None,
    ) -> ChatTurn | None:
        """Run the graph under the caller's `_turn`, with `context` (else a new turn's: each turn's model
        questions share one budget and breaker). A turn that fails is dropped (it would otherwise stay
        pending and be built behind the next message, with whatever provider is set by then); one stopped
        by Ctrl-C or a kill stays pending, to be finished."""
        context = context or self._new_turn()
        try:
            for event in self._graph.stream(inputs, self._config, context=context, stream_mode="custom"):
                if on_event is not None:
                    on_event(event)
        except ProviderError as error:  # a refused key or unknown model stops the turn at its first call
            self._drop_turn()
            raise GenerateError(f"{error} (the message was dropped: nothing was built)") from None
        except Exception:
            self._drop_turn()
            raise
        return None if self._snapshot().next else self.turns[-1]

    def _drop_turn(self) -> None:
        """End the pending turn without a build or a record: the plan on screen is the one before it."""
        snapshot = self._snapshot()
        if not snapshot.next:
            return
        restore: dict[str, Any] = {"changes": []}
        if snapshot.next != ("interpret",):  # interpret made the turn's version: back to the ones before it
            before = snapshot.values["before"]
            restore |= {"versions": before.versions, "shown": before.shown}
        self._graph.update_state(self._config, restore, as_node="build")

    @property
    def turns(self) -> list[ChatTurn]:
        return list(self._snapshot().values.get("turns", []))

    @property
    def plan(self) -> Plan | None:
        """The plan on screen, or None before the first turn."""
        values = self._snapshot().values
        versions: list[Version] = values.get("versions", [])
        shown = values.get("shown", -1)
        return versions[shown].plan if shown >= 0 else None

    @property
    def video(self) -> Path | None:
        """The latest turn's video, or None when no turn has built one."""
        built = [turn for turn in self.turns if turn.out_dir is not None]
        return Path(built[-1].out_dir) / "video.mp4" if built else None
