"""Running the generate graph to its end into a folder: what the public API's `generate` and a chat turn's
build both do, so that the chat graph needs nothing from the layer above it.

A run claims its folder (one writer at a time) and renders into a staging folder inside it; the outputs
replace the folder's own only once every one of them is written. A run that fails or is interrupted leaves
the folder as it found it, apart from what a kill -9 cannot clean up (the staging folder), which the next
run into the folder removes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from scenewright.graphs.context import GenerateContext
from scenewright.graphs.generate import call_graph
from scenewright.graphs.state import GenerateInput
from scenewright.schema import SceneDocument
from scenewright.tools.locks import LOCK_FILE, claim_folder

OUTPUT_FILES = ("video.mp4", "contact_sheet.png", "scene.json", "scene.ply", "report.md")
"""The output contract's files (docs/architecture.md, "Output contract")."""

STAGING_PREFIX = ".partial-"
"""A run's staging folder inside its output folder: this prefix and a random suffix (tempfile.mkdtemp)."""


def run_generate(
    inputs: GenerateInput,
    context: GenerateContext,
    on_event: Callable[[dict[str, Any]], None] | None = None,
) -> SceneDocument:
    """Stream the generate graph into `context.out_dir` (an existing folder); return the scene.json it wrote.

    The outputs are written into a staging folder and then moved over the folder's own, so an overwritten
    folder keeps its previous outputs whole until the new ones are complete, and never a stale file.
    Raises FolderBusy while another run writes the folder. `on_event` receives the graph's progress events.
    The settings in `context` must have been checked (`check_run_settings`); a provider that refuses the key
    or the model raises `ProviderError`.
    """
    out = Path(context.out_dir)
    with claim_folder(out):
        remove_staging(out)  # left by a run that was killed: no one else can be writing it now
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        try:
            for event in call_graph.stream(
                inputs, context=replace(context, out_dir=str(staging)), stream_mode="custom"
            ):
                if on_event is not None:
                    on_event(event)
            scene = SceneDocument.model_validate_json((staging / "scene.json").read_text())
            publish(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return scene


def publish(staging: Path, out: Path) -> None:
    """Move every output file from `staging` over `out`'s, each by an atomic rename, once all exist."""
    missing = [name for name in OUTPUT_FILES if not (staging / name).is_file()]
    if missing:
        raise RuntimeError(f"the run did not write {', '.join(missing)}; {out} keeps its previous outputs")
    for name in OUTPUT_FILES:
        os.replace(staging / name, out / name)


def remove_staging(out: Path) -> None:
    for leftover in out.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)


def is_run_scratch(name: str) -> bool:
    """Whether a file name in an output folder is a run's own scratch (its claim, a killed run's staging),
    which does not make the folder someone's."""
    return name == LOCK_FILE or name.startswith(STAGING_PREFIX)
