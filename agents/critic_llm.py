"""The critic's LLM path (being written)."""

from __future__ import annotations

from pathlib import Path

from scenewright.agents.llm import AgentLLM
from scenewright.schema import CritiqueRound, Layout, Motion, Plan
from scenewright.settings import RunSettings
from scenewright.tools.analysis import FrameAnalysis


def critique_llm(
    plan: Plan, layout: Layout, motion: Motion, frames: list[FrameAnalysis], settings: RunSettings,
    builtin: CritiqueRound, contact_sheet: Path, llm: AgentLLM,
) -> CritiqueRound | None:  # fmt: skip
    raise NotImplementedError
