"""State of the generate-critique graph. Everything here serialises: Gaussians live in the asset cache."""

from __future__ import annotations

import operator
from typing import Annotated, TypedDict, TypeVar

from scenewright.schema import AgentUsage, AssetInfo, Check, CritiqueRound, Layout, Motion, Plan
from scenewright.tools.render.analysis import FrameAnalysis
from scenewright.tools.scene.asset_cache import AssetRecipe

COUNTED = (
    "calls", "tokens_in", "tokens_out", "seconds", "valid_at_once", "valid_after_repair", "repairs",
    "fallbacks", "retries",
)  # fmt: skip


def add_usage(left: dict[str, AgentUsage], right: dict[str, AgentUsage]) -> dict[str, AgentUsage]:
    """Sum each agent's counts, seconds and cost across nodes and rounds; concatenate its log."""
    merged = dict(left)
    for agent, usage in right.items():
        if agent in merged:
            old = merged[agent]
            costs = [c for c in (old.cost_usd, usage.cost_usd) if c is not None]
            update = {name: getattr(old, name) + getattr(usage, name) for name in COUNTED}
            update |= {"cost_usd": sum(costs) if costs else None, "log": [*old.log, *usage.log]}
            usage = usage.model_copy(update=update)
        merged[agent] = usage
    return merged


Number = TypeVar("Number", int, float)


def add_counts(left: dict[str, Number], right: dict[str, Number]) -> dict[str, Number]:
    """Add per-key counts or seconds."""
    return {
        key: left.get(key, 0) + right.get(key, 0) for key in [*left, *(k for k in right if k not in left)]
    }


class GenerateInput(TypedDict, total=False):
    prompt: str  # required
    given_plan: Plan
    """A plan to build instead of directing the prompt: a chat turn's edited plan."""


ENVIRONMENT_RECIPE = "@environment"
"""The environment's key among the recipes: no instance id can take it ('an environment' is a noun too)."""


class GenerateState(TypedDict, total=False):
    prompt: str
    """The user's sentence."""
    given_plan: Plan
    """Built as it is: the director does not read the prompt (a chat turn's edited plan)."""
    plan: Plan
    """The director's plan."""
    recipes: dict[str, AssetRecipe]
    """How each instance's asset is built, by instance id; the environment's is under ENVIRONMENT_RECIPE."""
    assets: dict[str, AssetInfo]
    """What was built for each instance."""
    layout: Layout
    motion: Motion
    frames: list[FrameAnalysis]
    """Per-frame, per-entity analysis of the latest render."""
    round: int
    """Critique rounds done."""
    critique: Annotated[list[CritiqueRound], operator.add]
    """Every round's checks, in order."""
    feedback: list[Check]
    """The failed checks of the latest round; each agent reads those routed to it."""
    attempts: Annotated[dict[str, int], add_counts]
    """How often the critic sent the graph back to each agent."""
    events: Annotated[list[str], operator.add]
    """What happened, in order, for report.md (decisions, regenerations, timings)."""
    timings: Annotated[dict[str, float], add_counts]
    """Seconds spent per node, summed over rounds."""
    usage: Annotated[dict[str, AgentUsage], add_usage]
    asset_cache: Annotated[dict[str, int], add_counts]
    """The asset stage's cache hits and misses, summed over rounds: what the run's own counter
    (`GenerateContext.asset_cache`, which scene.json reports) counted."""
    passed: bool
    """Whether every check of the latest round passed."""
    next_stage: str
    """Where the critic sends the graph: the agent to retry, or 'finalize'."""
