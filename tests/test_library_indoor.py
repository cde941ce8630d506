"""The indoor family: COCO's kitchen, bathroom, tableware and electronics things are built as themselves, at
their real size, from every noun people use for them."""

from __future__ import annotations

import pytest
import torch

from scenewright.tools.language.lexicon import category_of
from scenewright.tools.scene.assets import build_asset
from scenewright.tools.scene.catalog import CATEGORIES
from scenewright.tools.scene.library import indoor

NAMES = [category.name for category in indoor.CATEGORIES]

COCO = [
    "toilet", "sink", "oven", "remote", "cell phone", "laptop", "keyboard", "computer mouse", "hair drier",
    "toothbrush", "scissors", "knife", "fork", "spoon", "wine glass",
]  # fmt: skip
"""The COCO classes this family exists for (COCO's own spelling: 'hair drier', 'cell phone')."""

SAID = {
    "phone": "cell phone",
    "smartphone": "cell phone",
    "mobile phone": "cell phone",
    "cellphone": "cell phone",
    "notebook computer": "laptop",
    "computer": "laptop",
    "computer keyboard": "keyboard",
    "hair dryer": "hair drier",
    "hairdryer": "hair drier",
    "blow dryer": "hair drier",
    "tv remote": "remote",
    "remote control": "remote",
    "tap": "faucet",
    "wineglass": "wine glass",
    "a wireless computer mouse": "computer mouse",
    "mouse": "mouse",  # the animal keeps its noun
    "notebook": "notebook",  # the paper one too
}
"""How people name these things -> the category they are built as."""

FACE_TO_CAMERA = ["cell phone", "remote", "game controller", "scissors", "knife", "fork", "spoon"]
"""Flat things whose outline names them: laid out in the xy plane, face to +z (where a still camera is)."""

TOLERANCE = 0.15  # of each side, as tests/test_assets.py allows


@pytest.fixture(scope="module")
def assets():
    return {name: build_asset(name, None, [], seed=1) for name in NAMES}


def test_every_coco_indoor_class_has_a_category():
    assert set(COCO) <= set(NAMES)
    assert all(CATEGORIES[category.name] is category for category in indoor.CATEGORIES)


@pytest.mark.parametrize("name", NAMES)
def test_asset_is_built_at_its_real_size(assets, name):
    asset = assets[name]
    for got, want in zip(asset.extent(), CATEGORIES[name].size_m, strict=True):
        assert abs(got - want) <= TOLERANCE * want
    assert set(asset.part_ids.unique().tolist()) == set(range(len(asset.parts)))


@pytest.mark.parametrize("name", NAMES)
def test_builder_lays_it_out_at_its_size_so_fitting_keeps_its_proportions(name):
    """build_asset stretches each axis to size_m: a layout far off it would squash the thing."""
    gen = torch.Generator().manual_seed(0)
    parts = CATEGORIES[name].build(lambda: 1.0, [])
    points = torch.cat([piece.shape.sample(64, gen)[0] for part in parts for piece in part.pieces])  # [N, 3]
    extent = (points.max(0).values - points.min(0).values).tolist()
    for got, want in zip(extent, CATEGORIES[name].size_m, strict=True):
        assert abs(got - want) <= TOLERANCE * want


@pytest.mark.parametrize("name", NAMES)
def test_builds_at_the_coarsest_detail(name):
    asset = build_asset(name, None, [], seed=0, detail=32)
    assert len(asset) > 0 and torch.isfinite(asset.means).all()


@pytest.mark.parametrize("name", FACE_TO_CAMERA)
def test_flat_things_face_the_still_camera(name):
    x, y, z = CATEGORIES[name].size_m
    assert z < min(x, y)


@pytest.mark.parametrize("name", NAMES)
def test_its_name_and_nouns_resolve_to_it(name):
    for noun in (name, *CATEGORIES[name].nouns):
        assert category_of(noun) == name, noun


@pytest.mark.parametrize(("said", "category"), SAID.items())
def test_what_people_call_it_resolves(said, category):
    assert category_of(said) == category


def test_a_full_wine_glass_shows_wine_and_an_empty_one_none():
    wine = torch.tensor([0.45, 0.04, 0.1])

    def wine_share(attributes: list[str]) -> float:
        colors = build_asset("wine glass", None, attributes, seed=0).colors  # [N, 3]
        return float(((colors - wine).abs().max(dim=1).values < 0.12).float().mean())

    assert wine_share([]) > 0.1
    assert wine_share(["empty"]) == 0.0
