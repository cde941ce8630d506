"""The layout agent's LLM path (being written)."""

from __future__ import annotations

from scenewright.agents.llm import AgentLLM
from scenewright.schema import AssetInfo, Check, Layout, Plan
from scenewright.settings import RunSettings


def layout_llm(
    plan: Plan, assets: dict[str, AssetInfo], settings: RunSettings, feedback: list[Check], attempt: int,
    llm: AgentLLM,
) -> Layout | None:  # fmt: skip
    raise NotImplementedError
