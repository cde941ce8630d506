"""A scene as the offline agents build it, for tests of the stages after them (refinement, rendering)."""

from collections.abc import Callable

from scenewright import RunSettings
from scenewright.agents.director import direct_offline
from scenewright.agents.layout import layout_offline
from scenewright.agents.motion import motion_offline
from scenewright.graphs.generate import recipes_for
from scenewright.graphs.state import ENVIRONMENT_RECIPE
from scenewright.schema import Layout, Motion, Plan
from scenewright.tools.scene.asset_cache import AssetCache
from scenewright.tools.scene.gaussians import Gaussians


def offline_scene(
    prompt: str, settings: RunSettings, adjust: Callable[[Layout], Layout] = lambda layout: layout
) -> tuple[Plan, dict[str, Gaussians], Layout, Motion]:
    """(plan, Gaussians per instance, layout, motion) of the offline agents for `prompt`; `adjust` changes the
    layout before the motion follows it (a test's deliberately wrong layout)."""
    plan = direct_offline(prompt)
    recipes = recipes_for(plan, settings.seed, {})
    cache = AssetCache()  # over the process's shared store
    assets = {i: cache.get(r) for i, r in recipes.items() if i != ENVIRONMENT_RECIPE}
    infos = {i: recipes[i].info(g) for i, g in assets.items()}
    layout = adjust(layout_offline(plan, infos, settings, [], 0))
    return plan, assets, layout, motion_offline(plan, layout, infos, settings, [], 0)
