"""The public Python API: `generate(prompt, out_dir)` runs the generate-critique graph end to end;
`plan(prompt)` is its director alone."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenewright.config import AGENTS, LLMSettings, ProviderError
from scenewright.graphs.preflight import check_run_settings
from scenewright.schema import Plan, SceneDocument
from scenewright.settings import MAX_PROMPT_CHARS, RunSettings

if TYPE_CHECKING:
    from scenewright.tools.render.render_video import ClipMemory
    from scenewright.tools.scene.asset_cache import AssetStore


class GenerateError(ValueError):
    """A problem with what the user asked for, explained in one line."""


@dataclass
class GenerateResult:
    out_dir: Path
    scene: SceneDocument
    seconds: float

    @property
    def passed(self) -> bool:
        return self.scene.passed


def check_prompt(prompt: str) -> str:
    text = " ".join(prompt.split())
    if not text:
        raise GenerateError(
            'the prompt is empty: describe the video, e.g. "a dog runs to the left of a red ball"'
        )
    if len(text) > MAX_PROMPT_CHARS:
        raise GenerateError(f"the prompt has {len(text)} characters; the limit is {MAX_PROMPT_CHARS}")
    check_unicode(text)
    return text


def check_unicode(text: str, what: str = "the prompt") -> None:
    """Refuse text that is not Unicode: a byte that is not UTF-8 (Python keeps an undecodable command-line
    byte as a lone surrogate) or a lone surrogate cannot be written to scene.json, which a run writes last."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(text[error.start])
        bad = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"lone surrogate U+{code:04X}"
        raise GenerateError(f"{what} is not valid UTF-8: {bad} at character {error.start + 1}") from None


def prepare_output_dir(out_dir: Path, overwrite: bool) -> Path | None:
    """Create the output folder, refusing a non-empty one unless `overwrite`, and check it is writable.
    Returns the outermost folder created here, None if there was none: a run that fails removes them again.
    A killed run's scratch (see `graphs/run.py`) does not make a folder non-empty."""
    from scenewright.graphs.run import is_run_scratch

    if out_dir.exists() and not out_dir.is_dir():
        raise GenerateError(f"output path {out_dir} exists and is not a folder")
    missing = [folder for folder in (out_dir, *out_dir.parents) if not folder.exists()]
    if (
        out_dir.is_dir()
        and not overwrite
        and any(not is_run_scratch(entry.name) for entry in out_dir.iterdir())
    ):
        raise GenerateError(f"output folder {out_dir} is not empty (pass --overwrite to replace its outputs)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise GenerateError(f"cannot create output folder {out_dir}: {error.strerror or error}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise GenerateError(f"output folder {out_dir} is not writable")
    return missing[-1] if missing else None


def check_providers(llm: LLMSettings) -> None:
    """Build every configured agent's client once, so a missing key or integration fails before any work."""
    from scenewright.agents.llm import AgentLLM

    for agent in AGENTS:
        if not llm.spec(agent).offline:
            try:
                AgentLLM(agent, llm)
            except ProviderError as error:
                raise GenerateError(str(error)) from None


def check_run(settings: RunSettings, llm: LLMSettings) -> None:
    """Refuse a run before any work, once: settings that cannot work (values, files, packages), a provider
    whose client cannot be built, a forced gsplat renderer that cannot run here. Raises GenerateError."""
    from scenewright.tools.render.renderer import resolve_backend

    try:  # the graph's nodes read the checked settings
        check_run_settings(settings)
        resolve_backend(settings.renderer)
    except ValueError as error:
        raise GenerateError(str(error)) from None
    check_providers(llm)


def plan(prompt: str, *, llm: LLMSettings | None = None) -> Plan:
    """The plan `generate` would build for `prompt`: the director alone, nothing built or rendered, so it
    loads none of the pipeline after the director (a few hundred prompts take seconds offline).

    `llm` picks the director's model as for `generate` (default: from the environment, else offline); where
    the model gives no usable answer, the offline director's plan. Raises GenerateError for a prompt
    `generate` refuses or a model whose client cannot be built (a missing key).
    """
    from scenewright.agents.director import direct_offline

    text = check_prompt(prompt)
    llm = llm or LLMSettings()
    if llm.spec("director").offline:
        return direct_offline(text)
    from scenewright.agents.director_llm import direct_llm
    from scenewright.agents.llm import AgentLLM

    try:
        model = AgentLLM("director", llm)
    except ProviderError as error:
        raise GenerateError(str(error)) from None
    return direct_llm(text, model) or direct_offline(text)


def generate(
    prompt: str,
    out_dir: str | Path,
    settings: RunSettings | None = None,
    *,
    overwrite: bool = False,
    llm: LLMSettings | None = None,
    on_event: Callable[[dict[str, Any]], None] | None = None,
    plan: Plan | None = None,
    clips: ClipMemory | None = None,
    asset_store: AssetStore | None = None,
) -> GenerateResult:
    """Turn `prompt` into OUT/{video.mp4, contact_sheet.png, scene.json, scene.ply, report.md}.

    With `plan` (a chat turn's edited plan) the director builds that plan instead of reading `prompt`.
    `clips` holds the last clip rendered (a chat thread's previous turn), which this run's renders redraw
    from; by default each run has its own, so each critique round redraws only what the previous one changed.
    `asset_store` holds the built assets the run reuses and adds to (default: the process's shared one,
    `tools.scene.asset_cache.default_store()`); the run counts its own hits and misses over it (scene.json's
    usage.tools.assets), whatever other runs use the store at the same time.

    `llm` picks each agent's model (default: from the environment, else the offline agents).
    `on_event` receives the graph's progress events (stage, round, message / frame counts).
    Raises GenerateError for bad input, a provider setting that cannot work or a folder another run is
    writing; `result.passed` says whether every check passed. A run that fails leaves the folder's previous
    outputs as they were, and removes the folder when it made it.
    """
    from scenewright.graphs.context import GenerateContext
    from scenewright.graphs.run import run_generate
    from scenewright.graphs.state import GenerateInput
    from scenewright.tools.locks import FolderBusy
    from scenewright.tools.render.render_video import ClipMemory
    from scenewright.tools.scene.asset_cache import AssetCache

    settings, llm = settings or RunSettings(), llm or LLMSettings()
    check_run(settings, llm)
    text = check_prompt(prompt)
    out = Path(out_dir)
    created = prepare_output_dir(out, overwrite)
    context = GenerateContext(
        out_dir=str(out),
        settings=settings,
        llm=llm,
        clips=clips or ClipMemory(),
        asset_cache=AssetCache(asset_store),  # this run's counter over the shared store
    )
    start = time.perf_counter()
    try:
        inputs: GenerateInput = {"prompt": text} if plan is None else {"prompt": text, "given_plan": plan}
        scene = run_generate(inputs, context, on_event)
    except BaseException as error:
        remove_created(out, created)
        if isinstance(error, ProviderError | FolderBusy):  # a refused key or model stops the run at its call
            raise GenerateError(str(error)) from None
        raise
    return GenerateResult(out_dir=out, scene=scene, seconds=time.perf_counter() - start)


def remove_created(out: Path, created: Path | None) -> None:
    """Remove the folders a failed run created, `out` up to `created` (empty again: the run cleaned up after
    itself); one that holds something else now is not the run's to remove, nor are the folders above it."""
    if created is None:
        return
    with contextlib.suppress(OSError):
        for folder in (out, *out.parents):
            folder.rmdir()
            if folder == created:
                return
