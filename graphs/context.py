"""Runtime context of the generate graph: the run's settings and what else a run needs that is not state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scenewright.agents.llm import RunBudget
from scenewright.config import LLMSettings, run_settings_from_tables
from scenewright.graphs.preflight import check_run_settings
from scenewright.settings import RunSettings
from scenewright.tools.render.render_video import ClipMemory
from scenewright.tools.scene.asset_cache import AssetCache


@dataclass(frozen=True)
class GenerateContext:
    """Passed as `context=` to `graph.invoke` / `graph.stream` (LangGraph runtime context schema)."""

    out_dir: str = field(default="out", metadata={"description": "Folder the output contract is written to."})
    settings: RunSettings = field(
        default=RunSettings(),
        metadata={
            "description": "The run's settings (scenewright.settings.RunSettings: seed, fps, duration_s, "
            "width, height, max_rounds, renderer, the asset backends, sd_model, mocap_folder, refine, sds). "
            "Given as a JSON object, they are checked once, as the context is made."
        },
    )
    llm: LLMSettings = field(
        default_factory=LLMSettings,
        metadata={"description": "Each agent's model ('offline' by default); read from the environment."},
    )
    llm_budget: RunBudget = field(
        default_factory=RunBudget,
        metadata={
            "description": "In-process only: what every agent's model draws on over the run, the seconds "
            "spent and which servers are down (default: a new one, so each context is one run)."
        },
    )
    clips: ClipMemory | None = field(
        default=None,
        metadata={
            "description": "In-process only: the last rendered clip, which the next render redraws from."
        },
    )
    asset_cache: AssetCache = field(
        default_factory=AssetCache,
        metadata={
            "description": "In-process only: this run's view of the asset store, which counts its hits and "
            "misses (default: a new one over the process's shared store, so each context counts its own run)."
        },
    )

    def __post_init__(self) -> None:
        """Settings given as a mapping (LangGraph's server passes the context as JSON) become RunSettings and
        are checked here, once, before the graph starts; a RunSettings object is taken as its maker checked it
        (`api.generate` does)."""
        if isinstance(self.settings, Mapping):
            values = dict(self.settings)
            refine, sds = values.pop("refine", {}), values.pop("sds", {})
            settings = run_settings_from_tables(
                values, refine, sds, origin="context", labels=("settings", "settings.refine", "settings.sds")
            )
            object.__setattr__(self, "settings", check_run_settings(settings))
