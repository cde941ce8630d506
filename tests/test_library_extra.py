"""Solar panel, robot vacuum, feather, ferris wheel, telescope, hammock (library/extra.py): each builds at its
real-world size without being stretched to it, and none of its nouns is claimed by another category. Built
from the module itself, so the tests hold before and after the catalog lists it."""

from __future__ import annotations

import pytest
import torch

from scenewright.tools.scene import catalog
from scenewright.tools.scene.assets import build_asset
from scenewright.tools.scene.library import extra

BY_NAME = {category.name: category for category in extra.CATEGORIES}


@pytest.fixture(autouse=True)
def listed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The categories in the catalog for the test only (the lead registers the module)."""
    for name, category in BY_NAME.items():
        monkeypatch.setitem(catalog.CATEGORIES, name, category)


def layout_extent(name: str) -> list[float]:
    """The extent (x, y, z) of the builder's own layout, before `build_asset` fits it to the size prior."""
    gen = torch.Generator().manual_seed(0)
    parts = BY_NAME[name].build(lambda: 1.0, [])
    points = torch.cat([piece.shape.sample(200, gen)[0] for part in parts for piece in part.pieces])  # [N, 3]
    return (points.max(0).values - points.min(0).values).tolist()


@pytest.mark.parametrize("name", BY_NAME)
def test_each_builds_at_its_real_size_without_being_stretched(name: str) -> None:
    prior = BY_NAME[name]
    asset = build_asset(name, None, [], seed=3)
    assert prior.rig == "static"
    assert 1000 <= len(asset) <= 13000  # a ferris wheel's spokes and gondolas are many small pieces
    assert set(asset.part_ids.unique().tolist()) == set(range(len(asset.parts)))  # no empty part
    for got, laid_out, want in zip(asset.extent(), layout_extent(name), prior.size_m, strict=True):
        assert abs(got - want) <= 0.15 * want
        assert abs(laid_out - want) <= 0.15 * want  # the builder's proportions survive the fit


def test_no_name_or_noun_is_claimed_elsewhere() -> None:
    theirs = {
        noun
        for category in catalog.CATEGORIES.values()
        if category.name not in BY_NAME
        for noun in (category.name, *category.nouns)
    }
    ours = [noun for category in extra.CATEGORIES for noun in (category.name, *category.nouns)]
    assert len(set(ours)) == len(ours)
    assert not theirs & set(ours)


def test_a_ferris_wheel_is_about_twenty_metres_tall_and_a_feather_a_hand_span() -> None:
    assert 18.0 <= BY_NAME["ferris wheel"].size_m[1] <= 22.0
    assert 0.25 <= max(BY_NAME["feather"].size_m) <= 0.35
