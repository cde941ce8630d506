"""Assets by recipe, built once per process and looked up by content hash.

Gaussians stay out of the graph state (which must serialise for checkpoints and the LangGraph
server); nodes pass recipes and hashes, and this cache turns a recipe into Gaussians.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from scenewright.tools.assets import GENERATOR_VERSION, build_asset, build_environment
from scenewright.tools.gaussians import Gaussians


@dataclass(frozen=True)
class AssetRecipe:
    """Everything the procedural generator's output depends on."""

    category: str  # a catalog category, or "environment:<name>"
    rgb: tuple[float, float, float] | None
    attributes: tuple[str, ...]
    seed: int
    attempt: int = 0
    label: str | None = None  # the noun a generic asset shows on its placards

    def content_hash(self) -> str:
        payload = json.dumps({"generator": GENERATOR_VERSION, **asdict(self)}, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def build(self) -> Gaussians:
        if self.category.startswith("environment:"):
            return build_environment(self.category.split(":", 1)[1], self.seed)
        return build_asset(
            self.category, self.rgb, list(self.attributes), self.seed, self.attempt, label=self.label
        )


class AssetCache:
    """In-memory content-addressed store of built assets, counting hits and misses."""

    def __init__(self) -> None:
        self._store: dict[str, Gaussians] = {}
        self.hits = 0
        self.misses = 0

    def get(self, recipe: AssetRecipe) -> Gaussians:
        key = recipe.content_hash()
        if key in self._store:
            self.hits += 1
        else:
            self.misses += 1
            self._store[key] = recipe.build()
        return self._store[key]


ASSET_CACHE = AssetCache()
"""The process-wide cache the graph's nodes share."""
