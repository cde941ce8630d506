"""Frame analysis on hand-built render tensors, and once on a real rasterized frame."""

import pytest
import torch

from scenewright.tools.language.lexicon import COLORS
from scenewright.tools.render.analysis import PALETTE_NAMES, analyze_frame, classify_colors
from scenewright.tools.render.rasterize import RenderOutput, rasterize_torch

H, W = 20, 30


def blank_render(num_entities: int) -> RenderOutput:
    return RenderOutput(
        colors=torch.full((1, H, W, 3), 0.5),
        alphas=torch.zeros(1, H, W),
        depths=torch.zeros(1, H, W),
        entity_alphas=torch.zeros(1, H, W, num_entities),
        entity_depths=torch.zeros(1, H, W, num_entities),
        instance_ids=torch.full((1, H, W), -1),
    )


def test_masks_boxes_centroid_depth_and_border():
    render = blank_render(3)
    # dog: rows 5..9, cols 2..7 fully painted; a faint fringe (alpha 0.3) does not count.
    render.instance_ids[0, 5:10, 2:8] = 0
    render.entity_alphas[0, 5:10, 2:8, 0] = 1.0
    render.entity_alphas[0, 4, 2:8, 0] = 0.3
    render.entity_depths[0, 5:10, 2:8, 0] = torch.arange(30, dtype=torch.float32).reshape(5, 6) / 10 + 3.0
    # ball: would cover rows 10..13, cols 20..23 alone, but its left half is hidden.
    render.entity_alphas[0, 10:14, 20:24, 1] = 0.9
    render.entity_depths[0, 10:14, 20:24, 1] = 7.0
    render.instance_ids[0, 10:14, 22:24] = 1
    # tree: never visible, but its unoccluded footprint reaches the right edge.
    render.entity_alphas[0, 0:3, 25:30, 2] = 1.0

    analysis = analyze_frame(render, 0, ["dog", "ball", "tree"], t=0.5)

    assert analysis.t == 0.5
    dog, ball, tree = (analysis.entities[i] for i in ("dog", "ball", "tree"))
    assert (dog.visible_pixels, dog.unoccluded_pixels) == (30, 30)
    assert dog.bbox == (2, 5, 8, 10)
    assert dog.centroid == pytest.approx((5.0, 7.5))
    assert dog.depth_m == pytest.approx(4.4)  # lower median of 3.0 .. 5.9
    assert not dog.touches_border
    assert (ball.visible_pixels, ball.unoccluded_pixels) == (8, 16)
    assert ball.bbox == (22, 10, 24, 14)
    assert ball.visible_fraction == pytest.approx(0.5)
    assert ball.depth_m == pytest.approx(7.0)
    assert tree.visible_pixels == 0 and tree.unoccluded_pixels == 15
    assert tree.bbox is None and tree.centroid is None and tree.depth_m is None and tree.colors == {}
    assert tree.touches_border


def test_colour_histogram_of_a_two_tone_entity():
    render = blank_render(1)
    render.instance_ids[0, 0:4, 0:5] = 0
    render.colors[0, 0:3, 0:5] = torch.tensor(COLORS["red"]) * 0.6  # shaded red
    render.colors[0, 3, 0:5] = torch.tensor(COLORS["black"])
    stats = analyze_frame(render, 0, ["car"], t=0.0).entities["car"]
    assert stats.colors == pytest.approx({"red": 0.75, "black": 0.25})


@pytest.mark.parametrize(
    ("rgb", "name"),
    [
        (COLORS["red"], "red"),
        ([c * 0.5 for c in COLORS["red"]], "red"),  # shading does not turn red brown
        ([c * 0.3 for c in COLORS["red"]], "red"),
        ((0.95, 0.2, 0.15), "red"),
        ([c * 0.5 for c in COLORS["blue"]], "blue"),
        ((0.1, 0.15, 0.4), "blue"),
        (COLORS["brown"], "brown"),
        ([c * 0.6 for c in COLORS["brown"]], "brown"),
        ((0.62, 0.42, 0.22), "brown"),  # the catalog's dog
        (COLORS["orange"], "orange"),
        ((1.0, 1.0, 1.0), "white"),
        ((0.88, 0.9, 0.92), "white"),
        ((0.04, 0.03, 0.05), "black"),
        ((0.1, 0.02, 0.02), "black"),  # too dark for its hue to count
        ((0.5, 0.52, 0.5), "gray"),
        ((1.3, -0.2, -0.1), "red"),  # unclamped renderer output
    ],
)
def test_colour_classes(rgb, name):
    assert PALETTE_NAMES[int(classify_colors(torch.tensor([rgb], dtype=torch.float32))[0])] == name


def test_every_palette_colour_is_its_own_class():
    rgb = torch.tensor([COLORS[name] for name in PALETTE_NAMES])
    assert classify_colors(rgb).tolist() == list(range(len(PALETTE_NAMES)))


def test_entity_count_mismatch_is_an_error():
    with pytest.raises(ValueError, match="2 entity channels but 1 entity ids"):
        analyze_frame(blank_render(2), 0, ["dog"], t=0.0)


def test_rasterized_frame():
    """A red blob in front of and left of a blue one, through the real rasterizer."""
    means = torch.tensor([[-0.6, 0.0, 4.0], [0.0, 0.0, 6.0]])  # camera at the origin looking down +z
    n = len(means)
    render = rasterize_torch(
        means,
        torch.tensor([[1.0, 0.0, 0.0, 0.0]]).repeat(n, 1),
        torch.full((n, 3), 0.4),
        torch.full((n,), 0.99),
        torch.tensor([COLORS["red"], COLORS["blue"]]),
        torch.eye(4)[None],
        torch.tensor([[[40.0, 0.0, 32.0], [0.0, 40.0, 24.0], [0.0, 0.0, 1.0]]]),
        64,
        48,
        entity_ids=torch.tensor([0, 1]),
        num_entities=2,
    )
    analysis = analyze_frame(render, 0, ["red_blob", "blue_blob"], t=0.0)
    red, blue = analysis.entities["red_blob"], analysis.entities["blue_blob"]
    assert red.visible_pixels > 0 and blue.visible_pixels > 0
    assert red.centroid[0] < blue.centroid[0]
    assert red.depth_m == pytest.approx(4.0, abs=0.1)
    assert blue.depth_m == pytest.approx(6.0, abs=0.1)  # its own depth, even where the red blob blends in
    assert blue.visible_pixels < blue.unoccluded_pixels  # the red blob hides part of it
    assert max(red.colors, key=red.colors.get) == "red" and max(blue.colors, key=blue.colors.get) == "blue"
