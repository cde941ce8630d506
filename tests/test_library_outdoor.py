"""Street furniture, sports gear, accessories (library/outdoor.py) and snacks (the end of library/food.py):
each builds at its real-world size without being stretched to it, its nouns reach it, a bench is no chair."""

from __future__ import annotations

import pytest
import torch

from scenewright.tools.language.lexicon import COLORS, category_of
from scenewright.tools.scene.assets import build_asset
from scenewright.tools.scene.catalog import CATEGORIES
from scenewright.tools.scene.library import outdoor

ADDED = [category.name for category in outdoor.CATEGORIES] + ["broccoli", "hot dog", "burger", "grapes"]


@pytest.fixture(scope="module")
def assets():
    return {name: build_asset(name, None, [], seed=3) for name in ADDED}


def layout_extent(name: str) -> list[float]:
    """The extent (x, y, z) of the builder's own layout, before `build_asset` fits it to the size prior."""
    gen = torch.Generator().manual_seed(0)
    parts = CATEGORIES[name].build(lambda: 1.0, [])
    points = torch.cat([piece.shape.sample(200, gen)[0] for part in parts for piece in part.pieces])  # [N, 3]
    return (points.max(0).values - points.min(0).values).tolist()


@pytest.mark.parametrize("name", ADDED)
def test_each_builds_at_its_real_size_without_being_stretched(assets, name: str) -> None:
    prior = CATEGORIES[name]
    asset = assets[name]
    assert 1000 <= len(asset) <= 9000
    assert set(asset.part_ids.unique().tolist()) == set(range(len(asset.parts)))  # no empty part
    for got, laid_out, want in zip(asset.extent(), layout_extent(name), prior.size_m, strict=True):
        assert abs(got - want) <= 0.15 * want
        assert abs(laid_out - want) <= 0.15 * want  # the builder's proportions survive the fit


@pytest.mark.parametrize("name", ADDED)
def test_every_noun_reaches_its_category(name: str) -> None:
    category = CATEGORIES[name]
    assert category.rig == "static"
    for noun in (name, *category.nouns):
        assert category_of(noun) == name, noun


@pytest.mark.parametrize(
    ("noun", "category"),
    [
        ("bench", "bench"),
        ("park bench", "bench"),
        ("wooden bench", "bench"),
        ("stool", "chair"),
        ("hot dog", "hot dog"),
        ("baseball bat", "baseball bat"),
        ("baseball", "ball"),
        ("sneaker", "shoe"),
        ("street light", "street lamp"),
    ],
)
def test_compounds_and_near_misses_read_as_themselves(noun: str, category: str) -> None:
    assert category_of(noun) == category


def test_a_bench_is_no_chair_and_can_be_sat_on() -> None:
    assert category_of("bench") != "chair"
    assert category_of("bat") != "baseball bat"  # a bat is an animal
    bench = CATEGORIES["bench"]
    assert bench.surface_height_m is not None and 0.4 <= bench.surface_height_m <= 0.5
    assert bench.size_m[2] > 2 * bench.size_m[0]  # long, unlike a chair


def test_the_stop_sign_face_is_red_with_white_letters(assets) -> None:
    sign = assets["stop sign"]
    part = sign.part_ids == sign.parts.index("sign")
    x = sign.means[:, 0]  # [N]
    front = part & (x > (float(x[part].min()) + float(x[part].max())) / 2)  # the face, towards +x
    palette = torch.tensor(list(COLORS.values()))  # [K, 3]
    nearest = torch.cdist(sign.colors[front], palette).argmin(dim=1)  # [F]
    share = {name: float((nearest == k).float().mean()) for k, name in enumerate(COLORS)}
    assert share["red"] > 0.55
    assert 0.12 < share["white"] < 0.4  # border and STOP


@pytest.mark.parametrize(
    ("name", "part", "colour"),
    [("handbag", "body", "blue"), ("tie", "blade", "blue"), ("fire hydrant", "barrel", "yellow"),
     ("snowboard", "board", "red"), ("grapes", "bunch", "green")],
)  # fmt: skip
def test_a_named_colour_paints_the_main_part(name: str, part: str, colour: str) -> None:
    asset = build_asset(name, COLORS[colour], [], seed=1)
    colors = asset.colors[asset.part_ids == asset.parts.index(part)]  # [n, 3]
    nearest = torch.cdist(colors, torch.tensor(list(COLORS.values()))).argmin(dim=1)
    assert float((nearest == list(COLORS).index(colour)).float().mean()) > 0.6
