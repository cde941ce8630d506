"""Running the generate graph to its end into a folder: what the public API's `generate` and a chat turn's
build both do, so that the chat graph needs nothing from the layer above it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from scenewright.graphs.context import GenerateContext
from scenewright.graphs.generate import call_graph
from scenewright.graphs.state import GenerateInput
from scenewright.schema import SceneDocument

OUTPUT_FILES = ("video.mp4", "contact_sheet.png", "scene.json", "scene.ply", "report.md")
"""The output contract's files (docs/architecture.md, "Output contract")."""


def run_generate(
    inputs: GenerateInput,
    context: GenerateContext,
    on_event: Callable[[dict[str, Any]], None] | None = None,
) -> SceneDocument:
    """Stream the generate graph into `context.out_dir` (an existing folder); return the scene.json it wrote.

    An earlier run's outputs there are removed first, so an overwritten folder never keeps a stale file.
    `on_event` receives the graph's progress events. The settings in `context` must have been checked
    (`check_run_settings`); a provider that refuses the key or the model raises `ProviderError`.
    """
    out = Path(context.out_dir)
    for name in OUTPUT_FILES:
        (out / name).unlink(missing_ok=True)
    for event in call_graph.stream(inputs, context=context, stream_mode="custom"):
        if on_event is not None:
            on_event(event)
    return SceneDocument.model_validate_json((out / "scene.json").read_text())
