"""Detail levels: an asset's Gaussians follow how large it appears on screen, under a cap per scene."""

import pytest

from scenewright import RunSettings
from scenewright.agents.director import direct_offline
from scenewright.agents.layout import layout_offline
from scenewright.graphs.context import GenerateContext
from scenewright.graphs.generate import recipes_for, with_detail
from scenewright.graphs.state import ENVIRONMENT_RECIPE
from scenewright.schema import CameraPose, CameraSpec, Placement
from scenewright.tools.scene.asset_cache import AssetCache, AssetRecipe, AssetStore
from scenewright.tools.scene.assets import SPLAT_PX, asset_splats, build_asset
from scenewright.tools.scene.detail import DETAIL_PX, detail_levels, nearest_level, scene_cap, screen_extents

SMALL = RunSettings(width=160, height=96, fps=2, duration_s=1.0)
CAR = Placement(entity="car", position=(0.0, 0.0, 0.0), yaw=0.0, extent_m=(4.4, 1.5, 1.8))


def seen_from(distance: float) -> float:
    """The car's largest on-screen extent, pixels, from a still camera `distance` metres in front of it."""
    camera = CameraPose(position=(0.0, 1.0, distance), look_at=(0.0, 0.75, 0.0), fov_deg=50.0)
    return screen_extents([CAR], {}, camera, CameraSpec(), SMALL)["car"]


def test_a_close_up_gets_more_and_finer_gaussians_than_the_same_entity_far_away() -> None:
    near, far = seen_from(5.0), seen_from(60.0)
    assert near > 10 * far
    close, distant = (build_asset("car", None, [], seed=1, detail=nearest_level(px)) for px in (near, far))
    assert len(close) > 10 * len(distant)
    assert close.extent() == pytest.approx(distant.extent())  # the same car, only finer
    assert close.scales[:, 0].median() < distant.scales[:, 0].median() / 3


def test_an_entity_never_in_front_of_the_camera_gets_the_bottom_rung() -> None:
    away = CameraPose(position=(0.0, 1.0, 5.0), look_at=(0.0, 1.0, 10.0), fov_deg=50.0)
    assert screen_extents([CAR], {}, away, CameraSpec(), SMALL) == {"car": 0.0}
    assert nearest_level(0.0) == DETAIL_PX[0] and nearest_level(1e6) == DETAIL_PX[-1]


@pytest.mark.parametrize("level", [DETAIL_PX[0], 128])
def test_an_asset_built_for_a_size_shows_splats_about_a_pixel_wide_at_that_size(level: int) -> None:
    asset = build_asset("car", None, [], seed=2, detail=level)
    pixels_per_metre = level / max(asset.extent())
    footprint = float(asset.scales[:, 0].median()) * pixels_per_metre  # sigma along the surface
    assert 0.5 < footprint < 2.0
    assert footprint == pytest.approx(0.7 * SPLAT_PX, rel=0.35)


@pytest.mark.parametrize(
    ("category", "label"), [("car", None), ("piano", None), ("person", None), ("generic", "zorblax")]
)
def test_the_gaussians_of_an_asset_are_counted_exactly_before_it_is_built(category, label) -> None:
    for detail in (None, 64):
        built = build_asset(category, (0.2, 0.4, 0.9), [], seed=5, attempt=1, label=label, detail=detail)
        assert asset_splats(category, [], seed=5, detail=detail, label=label) == len(built)


def test_the_cap_takes_rungs_from_the_entity_with_the_most_gaussians_first() -> None:
    extents = {"castle": 600.0, "dog": 40.0, "person": 45.0}
    levels, total = detail_levels(extents, lambda entity, level: 2 * level * level, cap=150_000)
    assert total <= 150_000 and total == sum(2 * level * level for level in levels.values())
    assert levels["castle"] < nearest_level(600.0)
    assert (levels["dog"], levels["person"]) == (nearest_level(40.0), nearest_level(45.0))
    crowded, total = detail_levels(dict.fromkeys("abc", 900.0), lambda entity, level: 10_000, cap=100)
    assert set(crowded.values()) == {DETAIL_PX[0]} and total == 30_000  # over the cap: the caller says so


def test_a_scene_stays_under_its_cap_and_the_same_inputs_give_the_same_recipes() -> None:
    plan = direct_offline("a dog, a car and a person in front of a castle")
    recipes, cache = recipes_for(plan, SMALL.seed, {}), AssetCache(AssetStore(None))
    infos = {instance: recipes[instance].info(cache.get(recipes[instance])) for instance in plan.group_of()}
    layout = layout_offline(plan, infos, SMALL, [], 0)
    state = {"plan": plan, "recipes": recipes, "assets": infos}
    first, second = (
        with_detail(state, layout, GenerateContext(settings=SMALL, asset_cache=AssetCache(AssetStore(None))))
        for _ in range(2)
    )
    environment = len(cache.get(recipes[ENVIRONMENT_RECIPE]))
    entities = sum(info.num_gaussians for info in first["assets"].values())
    assert environment + entities <= scene_cap(SMALL.width, SMALL.height)
    assert first["recipes"] == second["recipes"] and first["assets"] == second["assets"]
    assert first["recipes"]["castle"].detail > first["recipes"]["dog"].detail  # the castle fills the frame


def test_a_detail_level_is_part_of_the_recipe_and_only_for_procedural_assets() -> None:
    coarse, fine = (
        AssetRecipe("car", None, (), seed=1, detail=64),
        AssetRecipe("car", None, (), seed=1, detail=90),
    )
    assert coarse.content_hash() != fine.content_hash()
    with pytest.raises(ValueError, match="detail level"):
        AssetRecipe("environment:park", None, (), seed=1, detail=64)
