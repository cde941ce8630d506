"""Vocabulary: nouns without an asset of their own borrow the nearest one at their own size, or become the
generic asset with their noun on a readable label; `noun_kind` says which, for the eval report's coverage."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image

from scenewright.agents.director import (
    LEGIBLE_FRACTION,
    LEGIBLE_SIZE_M,
    LOAD_FRACTION,
    ON_TOP_FRACTION,
    STAND_IN_MAX_SCALE,
    direct_offline,
)
from scenewright.agents.director_llm import DirectorAnswer, to_plan
from scenewright.graphs.generate import recipes_for
from scenewright.schema import EntitySpec, Plan
from scenewright.tools.language import lexicon as lx
from scenewright.tools.render.rasterize import rasterize_torch
from scenewright.tools.scene.asset_cache import AssetCache, AssetRecipe, AssetStore
from scenewright.tools.scene.assets import _ink, build_asset
from scenewright.tools.scene.camera import intrinsics, look_at, project_points
from scenewright.tools.scene.catalog import CATEGORIES, NOUN_HEIGHTS_M


def entity(plan: Plan, name: str) -> EntitySpec:
    matches = [e for e in plan.entities if e.name == name]
    assert matches, f"no entity '{name}' in {[e.name for e in plan.entities]}"
    return matches[0]


def prior_height(category: str) -> float:
    return CATEGORIES[category].size_m[1]


# ------------------------------------------------------------------------------------ stand-ins


def largest_side(group: EntitySpec) -> float:
    return group.size_scale * max(CATEGORIES[group.category].size_m)


def test_a_squirrel_is_built_as_a_small_quadruped_of_its_own_size() -> None:
    plan = direct_offline("A squirrel darting leftwards in a garden")
    squirrel = entity(plan, "squirrel")
    assert squirrel.category == "cat"
    assert squirrel.size_scale == pytest.approx(squirrel.height_m / prior_height(squirrel.category))
    assert squirrel.height_m < prior_height("cat")
    assert largest_side(squirrel) == pytest.approx(
        max(LEGIBLE_SIZE_M, NOUN_HEIGHTS_M["squirrel"] / 0.3 * 0.5)
    )
    assert plan.unknown_nouns == []


@pytest.mark.parametrize(
    ("noun", "category", "taller_than_its_asset"),
    [
        ("rhino", "elephant", False),
        ("lioness", "lion", False),
        ("wolf", "dog", True),
        ("goat", "sheep", False),
        ("shark", "dolphin", True),
        ("tram", "bus", True),
        ("cathedral", "house", True),
        ("bison", "cow", True),
    ],
)
def test_stand_ins_keep_their_name_and_real_height(
    noun: str, category: str, taller_than_its_asset: bool
) -> None:
    plan = direct_offline(f"a {noun} in a field")
    group = entity(plan, noun)
    assert group.category == category
    real = min(NOUN_HEIGHTS_M[noun], STAND_IN_MAX_SCALE * prior_height(category))
    assert group.height_m == pytest.approx(real)
    assert (group.height_m > prior_height(category)) == taller_than_its_asset
    assert noun not in plan.unknown_nouns


def test_kinds_of_a_category_keep_their_own_height() -> None:
    calf = entity(direct_offline("a calf in a field"), "calf")
    assert (calf.category, calf.height_m) == ("cow", pytest.approx(NOUN_HEIGHTS_M["calf"]))
    gorilla = entity(direct_offline("a gorilla in a forest"), "gorilla")
    assert (gorilla.category, gorilla.height_m) == ("monkey", pytest.approx(NOUN_HEIGHTS_M["gorilla"]))
    assert entity(direct_offline("a cow in a field"), "cow").height_m is None  # its category's own size


def test_size_words_scale_a_stand_in_from_its_own_height() -> None:
    plain = entity(direct_offline("a rhino"), "rhino")
    baby = entity(direct_offline("a baby rhino"), "rhino")
    assert baby.height_m == pytest.approx(0.5 * plain.height_m)
    assert entity(direct_offline("a giant rhino"), "rhino").height_m > plain.height_m


def test_a_stand_in_is_stretched_at_most_so_far() -> None:
    cathedral = entity(direct_offline("a cathedral next to a car"), "cathedral")
    assert cathedral.height_m == pytest.approx(STAND_IN_MAX_SCALE * prior_height("house"))
    assert cathedral.height_m < NOUN_HEIGHTS_M["cathedral"]


def test_tiny_things_stay_large_enough_to_be_seen() -> None:
    plan = direct_offline("A chicken pecks at the ground, a bee flies overhead")
    bee = entity(plan, "bee")
    assert largest_side(bee) == pytest.approx(max(LEGIBLE_SIZE_M, LEGIBLE_FRACTION * prior_height("bird")))
    assert bee.height_m > prior_height("bee")
    near_castle = entity(direct_offline("a bee flies near a castle"), "bee")
    assert largest_side(near_castle) == pytest.approx(LEGIBLE_FRACTION * prior_height("castle"))
    pencils = entity(direct_offline("four pencils are placed on the desk"), "pencil")
    assert largest_side(pencils) == pytest.approx(LEGIBLE_SIZE_M)
    assert entity(direct_offline("a cat chases a ball"), "cat").size_scale == 1.0  # large enough already


def narrower_top_side(group: EntitySpec) -> float:
    length, _, width = CATEGORIES[group.category].size_m
    return group.size_scale * min(length, width)


def test_a_thing_enlarged_on_a_small_top_leaves_the_top_showing_round_it() -> None:
    plan = direct_offline("fresh sushi served on a slate plate")
    sushi, plate = entity(plan, "sushi"), entity(plan, "plate")
    assert sushi.size_scale > 1.0  # still enlarged, as far as the plate allows
    assert largest_side(sushi) == pytest.approx(ON_TOP_FRACTION * narrower_top_side(plate))
    notebook = direct_offline("a yellow pencil lies on a green notebook")
    assert entity(notebook, "pencil").size_scale == 1.0  # real size already overhangs 70%: not shrunk
    dog = entity(direct_offline("a dog stands on a skateboard"), "dog")
    assert dog.size_scale == 1.0


def test_a_load_on_a_large_carrier_is_enlarged_to_a_share_of_it() -> None:
    plan = direct_offline("a blue truck hauling a load of orange pumpkins")
    truck, pumpkins = entity(plan, "truck"), entity(plan, "pumpkin")
    length, _, width = CATEGORIES["truck"].size_m
    assert largest_side(pumpkins) == pytest.approx(LOAD_FRACTION * truck.size_scale * max(length, width))
    assert largest_side(pumpkins) > 2 * max(CATEGORIES["pumpkin"].size_m)


def test_a_stand_in_without_a_stated_colour_takes_its_natural_one() -> None:
    plan = direct_offline("a rhino next to a polar bear")
    assert (entity(plan, "rhino").color.name, entity(plan, "polar bear").color.name) == ("gray", "white")
    assert entity(direct_offline("a pink rhino"), "rhino").color.name == "pink"
    assert entity(direct_offline("the rhino is blue"), "rhino").color.name == "blue"
    assert entity(direct_offline("a dog"), "dog").color is None  # own categories keep their default look


@pytest.mark.parametrize("noun", sorted(lx.NEAREST_CATEGORIES))
def test_every_stand_in_noun_plans_as_its_stand_in(noun: str) -> None:
    group = entity(direct_offline(f"a {noun} stands still"), noun)
    assert group.category == lx.NEAREST_CATEGORIES[noun]
    assert group.height_m is not None


def test_the_tables_agree() -> None:
    claimed = {noun for category in CATEGORIES.values() for noun in (category.name, *category.nouns)}
    assert not set(lx.NEAREST_CATEGORIES) & set(lx.NOUN_CATEGORIES)
    assert set(lx.NEAREST_CATEGORIES.values()) <= set(CATEGORIES) - {"generic"}
    assert set(lx.NEAREST_CATEGORIES) <= set(NOUN_HEIGHTS_M)
    assert not set(NOUN_HEIGHTS_M) & set(CATEGORIES)  # a category's own height is its size prior
    assert set(NOUN_HEIGHTS_M) <= set(lx.NEAREST_CATEGORIES) | claimed | set(lx.NOUN_CATEGORIES)
    assert not set(lx.COMPOUND_NOUNS) & claimed  # a compound with a category is one of its nouns
    assert set(lx.NATURAL_COLORS) <= set(lx.NEAREST_CATEGORIES) | claimed
    assert set(lx.NATURAL_COLORS.values()) <= set(lx.COLORS)


@pytest.mark.parametrize(
    ("prompt", "name", "category"),
    [
        ("a hot dog on a table", "hot dog", "hot dog"),
        ("a teddy bear sits on a chair", "teddy bear", "teddy bear"),
        ("a sea lion on a rock", "sea lion", "seal"),
        ("a gummy bear on a table", "gummy bear", "generic"),
        ("a polar bear walks on the ice", "polar bear", "bear"),
        ("a toy car on a table", "toy car", "car"),
    ],
)
def test_a_compound_noun_does_not_borrow_its_last_word(prompt: str, name: str, category: str) -> None:
    assert entity(direct_offline(prompt), name).category == category


def test_a_place_named_by_a_compound_is_the_setting_not_its_last_word() -> None:
    plan = direct_offline("a cat sleeps in a flower bed")
    assert [e.name for e in plan.entities] == ["cat"] and plan.environment == "garden"


@pytest.mark.parametrize(
    ("prompt", "name"),
    [("a zorblax next to a red ball", "zorblax"), ("a blorptang beside a sofa", "blorptang")],
)
def test_nouns_without_a_stand_in_stay_generic_and_unknown(prompt: str, name: str) -> None:
    plan = direct_offline(prompt)
    assert entity(plan, name).category == "generic"
    assert plan.unknown_nouns == [name]


def llm_answer(name: str, category: str | None, color: str | None = None) -> dict[str, Any]:
    entity = {"id": name, "name": name, "category": category, "color": color, "height_m": 0.2}
    return {"environment": "park", "scene": "a park", "entities": [entity | {"description": f"a {name}"}]}


def test_the_llm_path_uses_the_stand_in_when_the_model_finds_no_category() -> None:
    plan = to_plan(DirectorAnswer.model_validate(llm_answer("squirrel", "generic")), "A squirrel in a park")
    squirrel = plan.entities[0]
    assert (squirrel.name, squirrel.category, squirrel.height_m) == ("squirrel", "cat", 0.2)
    assert squirrel.color is not None and squirrel.color.name == lx.NATURAL_COLORS["squirrel"]
    assert plan.unknown_nouns == []
    stated = to_plan(DirectorAnswer.model_validate(llm_answer("squirrel", "cat", "red")), "A red squirrel")
    assert stated.entities[0].color.name == "red"


def test_the_llm_path_does_not_take_a_stand_in_for_another_noun_of_its_category() -> None:
    with pytest.raises(ValueError, match="never mentions 'squirrel'"):
        to_plan(DirectorAnswer.model_validate(llm_answer("squirrel", "cat")), "A kitten in a park")


# ------------------------------------------------------------------------------------ coverage


@pytest.mark.parametrize(
    ("noun", "category", "kind"),
    [
        ("corgi", "dog", "known"),
        ("cafe table", "table", "known"),
        ("Soccer  Ball", "ball", "known"),
        ("squirrel", "cat", "nearest"),
        ("toy car", "car", "nearest"),
        ("dog", "cat", "nearest"),
        ("zorblax", "generic", "generic"),
        ("elephant", "elephant", "known"),
        ("rhino", "elephant", "nearest"),
        ("calf", "cow", "known"),
    ],
)
def test_noun_kind(noun: str, category: str, kind: str) -> None:
    assert lx.noun_kind(noun, category) == kind


def test_noun_kind_agrees_with_the_director() -> None:
    plan = direct_offline("a corgi chases a squirrel past a zorblax")
    kinds = {e.name: lx.noun_kind(e.name, e.category) for e in plan.entities}
    assert kinds == {"corgi": "known", "squirrel": "nearest", "zorblax": "generic"}


# ------------------------------------------------------------------------------------ the label


@pytest.fixture(scope="module")
def zorblax():
    return build_asset("generic", lx.COLORS["blue"], [], seed=1, label="zorblax")


def letters(asset) -> torch.Tensor:
    """The dark splats of the asset's label part: [N] bool."""
    return (asset.part_ids == asset.parts.index("label")) & (asset.colors.sum(1) < 0.5)


@pytest.mark.parametrize("word", ["zorblax", "hot air balloon"])
def test_the_generic_asset_spells_its_noun_on_four_sides(word: str) -> None:
    asset = build_asset("generic", lx.COLORS["blue"], [], seed=1, label=word)
    assert int(letters(asset).sum()) == 4 * int(_ink(word).sum())  # one splat per ink pixel, on each side
    assert "label" not in build_asset("generic", None, [], seed=1).parts


def test_the_label_is_deterministic(zorblax) -> None:
    again = build_asset("generic", lx.COLORS["blue"], [], seed=1, label="zorblax")
    assert torch.equal(zorblax.means, again.means) and torch.equal(zorblax.sh0, again.sh0)


@pytest.mark.parametrize(("category", "label"), [("dog", "corgi"), ("generic", "  ")])
def test_only_the_generic_asset_takes_a_label_and_it_needs_text(category: str, label: str) -> None:
    with pytest.raises(ValueError, match="label"):
        build_asset(category, None, [], seed=1, label=label)


def test_the_label_reads_from_the_front(zorblax) -> None:
    """Render the front placard head-on at 320x180: the dark pixels follow the rasterised word."""
    front = zorblax.means[:, 2] > 0.25  # [N] the +z face's placard stands proud of the cube
    letters = (zorblax.part_ids == zorblax.parts.index("label")) & (zorblax.colors.sum(1) < 0.5) & front
    low, high = (
        zorblax.means[letters].min(0).values,
        zorblax.means[letters].max(0).values,
    )  # [3] splat centres
    mask = _ink("zorblax")
    rows, cols = mask.nonzero(as_tuple=True)
    mask = mask[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]  # [h, w] the word's ink
    half_pitch = (high[0] - low[0]) / (mask.shape[1] - 1) / 2
    low, high = low - half_pitch, high + half_pitch
    centre = (low + high) / 2
    view, K = look_at(centre + torch.tensor([0.0, 0.0, 1.0]), centre), intrinsics(50.0, 320, 180)
    frame = rasterize_torch(
        zorblax.means,
        zorblax.quats,
        zorblax.scales,
        zorblax.opacities,
        zorblax.colors,
        view[None],
        K[None],
        320,
        180,
    ).colors[0]  # [180, 320, 3]
    corners = torch.stack([torch.stack([low[0], high[1], high[2]]), torch.stack([high[0], low[1], high[2]])])
    (u0, v0), (u1, v1) = project_points(corners, view, K)[0].round().int().tolist()
    darkness = 1 - frame[v0:v1, u0:u1].mean(-1).numpy()  # [h', w']
    ink = np.asarray(
        Image.fromarray(mask.numpy().astype(np.uint8) * 255).resize((u1 - u0, v1 - v0), Image.BOX)
    )
    assert np.corrcoef(ink.ravel() / 255.0, darkness.ravel())[0, 1] > 0.6


def test_the_label_is_part_of_the_recipe_and_survives_caching() -> None:
    recipe = AssetRecipe("generic", None, (), seed=1, label="zorblax")
    assert recipe.content_hash() != AssetRecipe("generic", None, (), seed=1, label="gizmo").content_hash()
    cache = AssetCache(AssetStore())  # a store of its own, in memory only
    first = cache.get(recipe)
    again = cache.get(AssetRecipe("generic", None, (), seed=1, label="zorblax"))
    assert again is first and (cache.hits, cache.misses) == (1, 1)
    assert int(letters(again).sum()) == 4 * int(_ink("zorblax").sum())


def test_generic_entities_get_their_noun_as_label_in_the_recipes() -> None:
    plan = direct_offline("a zorblax next to a squirrel")
    recipes = recipes_for(plan, seed=0, color_attempts={})
    assert recipes["zorblax"].label == "zorblax"
    assert recipes["squirrel"].label is None
