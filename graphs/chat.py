"""The chat graph: each message refines the thread's video.

interpret -> [review] -> build -> END. `interpret` turns the message into edit operations on the plan on
screen (`agents.editor`), or steps back and forth through the thread's plans (undo / redo), or starts a new
scene.
`build` runs the generate graph on that plan into OUT/turn-NNN: assets come from the content-hashed cache,
so only the entities an edit touched are rebuilt, while layout, motion and the render follow the new plan.
A plan shown again by undo / redo is copied from the turn that built it, not rendered again. A message the
editor cannot read ends the turn with the reason and builds nothing. With `ChatContext.review`, `review`
interrupts before the build and shows the plan: the answer approves it, replaces it with an edited plan
(validated against the schema; an invalid one is asked for again with the reason) or cancels the turn.

The state is checkpointed per thread (`thread_id`) by the caller's checkpointer (`scenewright.chat` uses
SQLite): a process killed while rendering resumes the pending build on the same thread, and every earlier
turn's state and folder stay as they were. One turn at a time writes a thread's folder, across processes:
`hold_thread` is an OS lock that `scenewright.chat` holds for a whole turn and `build` takes around the
render when its caller does not (`langgraph dev`).
"""

from __future__ import annotations

import operator
import shutil
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal, TypedDict

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import Checkpointer, interrupt
from pydantic import Field, ValidationError, model_validator

from scenewright.agents.director import direct_offline
from scenewright.agents.director_llm import direct_llm
from scenewright.agents.editor import EditError, EditRequest, apply_edits, read_edit
from scenewright.agents.editor_llm import read_edit_llm
from scenewright.agents.llm import AgentLLM
from scenewright.errors import UsageError
from scenewright.graphs.context import GenerateContext
from scenewright.graphs.run import run_generate
from scenewright.schema import Model, Plan
from scenewright.tools.locks import FolderBusy, claim_lock
from scenewright.tools.scene.asset_cache import AssetCache


class Version(Model):
    """One plan the thread has shown, with its clip length and the turn folder that first rendered it."""

    plan: Plan
    duration_s: float
    out_dir: str | None = Field(default=None, description="Where it was rendered; None until it is.")


class ChatTurn(Model):
    """What one message did."""

    number: int = Field(ge=1)
    message: str
    changes: list[str] = Field(description="One line per change; the reason when nothing was built.")
    out_dir: str | None = Field(default=None, description="OUT/turn-NNN, or None when nothing was built.")
    passed: bool | None = Field(default=None, description="Whether every critic check passed.")
    seconds: float = Field(default=0.0, ge=0.0, description="Interpreting, building and rendering.")
    asset_cache: dict[str, int] = Field(default_factory=dict, description="Asset cache hits and misses.")


@dataclass(frozen=True)
class ChatContext(GenerateContext):
    """The generate settings (out_dir is the thread's folder) and whether to review each plan first.

    `llm_budget` is one turn's: the editor's or director's questions in `interpret` and every agent of the
    run that `build` makes draw on it, so a server found down by one of them is not asked again by the next
    within the turn. One context is therefore one turn: `scenewright.chat` gives each turn a new one, and
    `langgraph dev` makes one per run.
    """

    review: bool = field(
        default=False,
        metadata={"description": "Interrupt before each build to show, edit or cancel the plan."},
    )
    holds_thread: bool = field(
        default=False,
        metadata={
            "description": "The caller holds the thread's lock for the whole turn (scenewright.chat does); "
            "else the build takes it while it writes the turn folder."
        },
    )


class ThreadBusyError(UsageError):
    """Another process (or session) is running a turn on the thread: this one is refused, not queued."""


@contextmanager
def hold_thread(folder: Path) -> Iterator[None]:
    """Hold the lock of the thread whose turns go to `folder` for the block; ThreadBusyError at once if held.

    An OS lock (flock) on `.NAME.lock` beside the folder, so it holds across processes (the terminal chat,
    the web page, `langgraph dev`) and the OS frees it when its process dies: a pending turn whose thread is
    free was cut off, one whose thread is held is running elsewhere. Not reentrant: a second hold, even in
    the same thread, is refused.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    with ExitStack() as held:
        try:
            held.enter_context(
                claim_lock(folder.parent / f".{folder.name}.lock", f"thread {folder.name}", reentrant=False)
            )
        except FolderBusy:
            busy = f"thread {folder.name} is busy: another process is running a turn on it"
            raise ThreadBusyError(f"{busy}; send again when it ends") from None
        yield


class ReviewAnswer(Model):
    """The answer to a review: exactly one of approve, an edited plan, or cancel."""

    approve: bool = False
    plan: Plan | None = Field(default=None, description="Build this plan instead.")
    cancel: bool = False

    @model_validator(mode="after")
    def _one(self) -> ReviewAnswer:
        if self.approve + (self.plan is not None) + self.cancel != 1:
            raise ValueError("answer with exactly one of approve: true, plan: {...} or cancel: true")
        return self


class Shown(Model):
    """A thread's versions and which one is on screen."""

    versions: list[Version]
    shown: int


STATE_TYPES = [(__name__, cls) for cls in ("Version", "Shown", "ChatTurn")]
"""The state's own types, allowed when a checkpointer reads a thread back (LangGraph blocks unknown ones)."""


class ChatInput(TypedDict):
    message: str


class ChatState(TypedDict, total=False):
    message: str
    """The turn's message."""
    versions: list[Version]
    """Every plan of the thread in undo order; an edit after an undo drops the undone ones."""
    shown: int
    """Index in `versions` of the plan on screen (-1 before the first turn)."""
    changes: list[str]
    """The pending turn's changes, from interpret to build."""
    interpret_s: float
    """Seconds the pending turn spent interpreting; its build adds its own (a review's wait or a restart's
    downtime is not the turn's time). A turn left pending by a version before it was recorded counts 0."""
    before: Shown
    """The versions and the plan on screen before the pending turn (a cancelled review goes back to them)."""
    turns: Annotated[list[ChatTurn], operator.add]
    """Every turn, in order."""


def interpret(state: ChatState, *, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    """The message as a new version of the plan, or a step through the versions; a turn that says why
    when the message cannot apply."""
    started = time.perf_counter()
    versions, shown = state.get("versions", []), state.get("shown", -1)
    current = versions[shown] if shown >= 0 else None
    message = state["message"]
    try:
        request = _read(current, message, runtime)
        if request.command in ("undo", "redo"):
            step = -1 if request.command == "undo" else 1
            if not 0 <= shown + step < len(versions):
                raise EditError(f"nothing to {request.command}")
            after, now = versions, shown + step
            prompt = versions[now].plan.prompt  # the first message, then every change: the end says most
            shown_again = prompt if len(prompt) <= 80 else f"…{prompt[-79:]}"
            changes = [f"{request.command}: back to '{shown_again}'"]
        else:
            if request.command == "new" or current is None:
                duration = runtime.context.settings.duration_s
                version = Version(plan=_direct(request.text, runtime), duration_s=duration)
                changes = [f"new scene: {request.text}"]
            else:
                plan, duration = apply_edits(current.plan, request.edits, current.duration_s)
                version = Version(plan=plan, duration_s=duration)
                changes = [edit.describe() for edit in request.edits]
            after, now = [*versions[: shown + 1], version], shown + 1  # an edit after an undo drops the rest
    except EditError as error:
        turn = ChatTurn(number=len(state.get("turns", [])) + 1, message=message, changes=[str(error)])
        runtime.stream_writer({"stage": "chat", "message": str(error)})
        return {"turns": [turn], "changes": []}
    return {
        "versions": after,
        "shown": now,
        "changes": changes,
        "interpret_s": time.perf_counter() - started,
        "before": Shown(versions=versions, shown=shown),
    }


def _read(current: Version | None, message: str, runtime: Runtime[ChatContext]) -> EditRequest:
    """The message as edits: the director's model reads it when one is configured and there is a plan to
    edit (else, or when it gives no usable answer, the offline editor)."""
    llm = _director_llm(runtime, "editor")
    if current is not None and llm is not None:
        request = read_edit_llm(current.plan, message, current.duration_s, llm)
        if request is not None:
            return request
    return read_edit(current.plan if current else None, message)


def _direct(prompt: str, runtime: Runtime[ChatContext]) -> Plan:
    """A new scene's plan: the director's model when one is configured (else, or when it gives no usable
    answer, the offline director)."""
    llm = _director_llm(runtime, "director")
    return (direct_llm(prompt, llm) if llm else None) or direct_offline(prompt)


def _director_llm(runtime: Runtime[ChatContext], template: str) -> AgentLLM | None:
    """The director's model with the given task's prompt, streaming its requests, on the turn's budget and
    breaker (which the turn's build shares); None when offline."""
    if runtime.context.llm.spec("director").offline:
        return None
    llm = AgentLLM("director", runtime.context.llm, template=template, budget=runtime.context.llm_budget)
    llm.on_event = lambda line: runtime.stream_writer({"stage": "director", "message": line})
    return llm


def after_interpret(state: ChatState, runtime: Runtime[ChatContext]) -> Literal["review", "build", "__end__"]:
    if not state.get("changes"):
        return "__end__"
    return "review" if runtime.context.review else "build"


def review(state: ChatState, *, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    """Show the plan about to be built and wait for the answer (a ReviewAnswer as a dict)."""
    versions, shown = list(state["versions"]), state["shown"]
    problem = None
    while True:
        plan = versions[shown].plan.model_dump(mode="json")
        answer = interrupt({"plan": plan, "changes": state["changes"], "problem": problem})
        try:
            decision = ReviewAnswer.model_validate(answer)
            break
        except ValidationError as error:
            problem = f"not a valid answer: {error.errors()[0]['msg']}"
    if decision.cancel:
        turn = ChatTurn(
            number=len(state.get("turns", [])) + 1,
            message=state["message"],
            changes=["cancelled at review: nothing built"],
            seconds=state.get("interpret_s", 0.0),
        )
        before = state["before"]
        return {"versions": before.versions, "shown": before.shown, "changes": [], "turns": [turn]}
    if decision.plan is not None:
        versions[shown] = versions[shown].model_copy(update={"plan": decision.plan})
        return {"versions": versions, "changes": [*state["changes"], "the plan was edited at review"]}
    return {}


def after_review(state: ChatState) -> Literal["build", "__end__"]:
    return "build" if state.get("changes") else "__end__"


def build(state: ChatState, *, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    """Render the plan on screen into the next turn folder (or copy it from the turn that rendered it),
    holding the thread's lock unless the caller holds it for the whole turn."""
    held = runtime.context.holds_thread
    with nullcontext() if held else hold_thread(Path(runtime.context.out_dir)):
        return _build(state, runtime)


def _build(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    started = time.perf_counter()
    number = len(state.get("turns", [])) + 1
    out = Path(runtime.context.out_dir) / f"turn-{number:03d}"
    versions, shown = list(state["versions"]), state["shown"]
    version = versions[shown]
    for change in state["changes"]:
        runtime.stream_writer({"stage": "chat", "message": change})
    if version.out_dir is not None and Path(version.out_dir).is_dir():
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(version.out_dir, out)
        passed, cache = None, {}
    else:
        # The thread's settings were checked when its session began; only the clip length is the version's.
        settings = replace(runtime.context.settings, duration_s=version.duration_s).validate()
        out.mkdir(parents=True, exist_ok=True)
        scene = run_generate(
            {"prompt": version.plan.prompt, "given_plan": version.plan},
            GenerateContext(
                out_dir=str(out),
                settings=settings,
                llm=runtime.context.llm,
                llm_budget=runtime.context.llm_budget,  # the turn's: a server interpret found down stays down
                clips=runtime.context.clips,
                asset_cache=AssetCache(runtime.context.asset_cache.store),  # the turn's own counts
            ),
            runtime.stream_writer,
        )
        assets = scene.usage.tools["assets"]
        passed, cache = scene.passed, {"hits": assets.hits, "misses": assets.misses}
        versions[shown] = version.model_copy(update={"out_dir": str(out)})
    turn = ChatTurn(
        number=number,
        message=state["message"],
        changes=state["changes"],
        out_dir=str(out),
        passed=passed,
        seconds=state.get("interpret_s", 0.0) + time.perf_counter() - started,
        asset_cache=cache,
    )
    return {"versions": versions, "turns": [turn], "changes": []}


def chat_graph(checkpointer: Checkpointer = None) -> Any:
    """The compiled chat graph; pass a checkpointer to keep threads between messages."""
    builder = StateGraph(ChatState, context_schema=ChatContext, input_schema=ChatInput)
    builder.add_node("interpret", interpret)
    builder.add_node("review", review)
    builder.add_node("build", build)
    builder.add_edge(START, "interpret")
    builder.add_conditional_edges("interpret", after_interpret)
    builder.add_conditional_edges("review", after_review)
    builder.add_edge("build", END)
    return builder.compile(checkpointer=checkpointer, name="chat")


graph = chat_graph()
"""The chat graph for `langgraph dev`, whose server supplies the checkpointer."""
