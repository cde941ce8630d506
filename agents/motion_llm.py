"""The motion agent's LLM path (being written)."""

from __future__ import annotations

from scenewright.agents.llm import AgentLLM
from scenewright.schema import AssetInfo, Check, Layout, Motion, Plan
from scenewright.settings import RunSettings


def motion_llm(
    plan: Plan, layout: Layout, assets: dict[str, AssetInfo], settings: RunSettings, feedback: list[Check],
    attempt: int, llm: AgentLLM,
) -> Motion | None:  # fmt: skip
    raise NotImplementedError
