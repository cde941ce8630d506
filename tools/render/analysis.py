"""Frame analysis: per-entity masks, boxes, depth and colour names from one rendered frame.

The renderer gives, per pixel, the instance-id map (the front-most entity whose alone-alpha is over 0.5)
and, per entity, its alpha and expected depth rendered alone. An entity is *visible* at a pixel where the
instance id is its own and *unoccluded* where its alone-alpha is over 0.5; everything else follows from those
two masks, and its depth is the median of its alone depth over its visible pixels. Pixel coordinates follow
gsplat: pixel (i, j) spans [j, j+1) x [i, i+1), its centre at +0.5.

Colour names: every visible pixel gets exactly one palette colour (tools.language.lexicon.COLORS):
1. A pixel is *achromatic* when it is dark (brightest channel < DARK_VALUE) or nearly grey (HSV saturation
   (max - min) / max < ACHROMATIC_SATURATION). It takes the achromatic palette colour (black, gray, white ...)
   whose CIELAB lightness L* is nearest.
2. Otherwise it takes the nearest chromatic palette colour in CIELAB after the pixel is rescaled to that
   palette colour's brightness (its brightest channel). Shading multiplies a surface colour by a factor, so
   this rescaling makes the match depend on hue and saturation only: a red flank in shadow stays "red" and
   does not turn "brown"; brown and orange still differ because their channel ratios differ.
Palette colours are split into achromatic and chromatic by the same rule, so a palette extended in the
lexicon is classified without changes here. For speed the rule is evaluated once at the centres of a
LUT_LEVELS^3 RGB grid and pixels are looked up in that table.
"""

from __future__ import annotations

import functools
from typing import Protocol

import torch
from torch import Tensor

from scenewright.schema import Model
from scenewright.tools.language.lexicon import COLORS
from scenewright.tools.render.rasterize import INSTANCE_ALPHA, Region, check_region

DARK_VALUE = 0.12
"""Below this brightest channel a pixel's hue is mostly quantisation noise: it is black-ish."""

ACHROMATIC_SATURATION = 0.2
"""HSV saturation under which a pixel reads as grey; the least saturated palette hue (pink) has 0.47."""

LUT_LEVELS = 32
"""Colour naming is a lookup in a 32^3 RGB table (cells of 8/255): exact per pixel is ~10x slower."""


class EntityFrameStats(Model):
    """One entity in one frame."""

    visible_pixels: int
    unoccluded_pixels: int
    bbox: tuple[int, int, int, int] | None  # x0, y0, x1, y1 of visible pixels; x1, y1 exclusive
    centroid: tuple[float, float] | None  # x, y mean of visible pixel centres
    depth_m: float | None  # median of its alone expected depth over its visible pixels
    touches_border: bool  # the unoccluded mask reaches the image border: the frame cuts it off
    colors: dict[str, float]  # palette colour -> fraction of visible pixels; non-zero entries only

    @property
    def visible_fraction(self) -> float:
        """Visible pixels / pixels it would cover unoccluded; 0 when it would cover none."""
        return min(1.0, self.visible_pixels / self.unoccluded_pixels) if self.unoccluded_pixels else 0.0


NO_PIXELS = EntityFrameStats(
    visible_pixels=0,
    unoccluded_pixels=0,
    bbox=None,
    centroid=None,
    depth_m=None,
    touches_border=False,
    colors={},
)
"""The stats of an entity that covers no pixel of a frame (what analyze_frame gives it)."""


class FrameAnalysis(Model):
    t: float
    entities: dict[str, EntityFrameStats]


class EntityRender(Protocol):
    """The fields of rasterize.RenderOutput this module reads."""

    colors: Tensor  # [C, H, W, 3]
    entity_alphas: Tensor  # [C, H, W, E]
    entity_depths: Tensor  # [C, H, W, E]
    instance_ids: Tensor  # [C, H, W] int64, -1 = no entity


def srgb_to_lab(rgb: Tensor) -> Tensor:
    """sRGB in 0..1 [..., 3] -> CIELAB (D65) [..., 3]."""
    rgb = rgb.clamp(0.0, 1.0)
    linear = torch.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)  # [..., 3]
    to_xyz = torch.tensor(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]], dtype=rgb.dtype
    )
    white = torch.tensor([0.95047, 1.0, 1.08883], dtype=rgb.dtype)
    xyz = linear @ to_xyz.T / white  # [..., 3]
    delta = 6.0 / 29.0
    f = torch.where(xyz > delta**3, xyz.clamp_min(1e-12) ** (1.0 / 3.0), xyz / (3 * delta**2) + 4.0 / 29.0)
    fx, fy, fz = f.unbind(-1)
    return torch.stack([116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)], dim=-1)


def _is_achromatic(rgb: Tensor) -> Tensor:
    """[..., 3] -> [...] bool: dark or nearly grey (see the module docstring)."""
    value = rgb.amax(-1)
    saturation = (value - rgb.amin(-1)) / value.clamp_min(1e-6)
    return (value < DARK_VALUE) | (saturation < ACHROMATIC_SATURATION)


PALETTE_NAMES = list(COLORS)
_PALETTE = torch.tensor([COLORS[name] for name in PALETTE_NAMES])  # [K, 3]
_PALETTE_ACHROMATIC = _is_achromatic(_PALETTE)  # [K]
ACHROMATIC_NAMES = frozenset(
    n for n, grey in zip(PALETTE_NAMES, _PALETTE_ACHROMATIC.tolist(), strict=True) if grey
)
"""Palette colours that name a lightness (black, gray, white ...) rather than a hue."""


def _classify_exact(rgb: Tensor) -> Tensor:
    """Pixels [M, 3] in 0..1 -> palette index [M]: the rule of the module docstring."""
    palette_lab = srgb_to_lab(_PALETTE)  # [K, 3]
    # Achromatic pixels: nearest achromatic palette colour by lightness.
    lightness_gap = (srgb_to_lab(rgb)[:, None, 0] - palette_lab[None, :, 0]).abs()  # [M, K]
    lightness_gap[:, ~_PALETTE_ACHROMATIC] = torch.inf
    # Chromatic pixels: rescale to each palette colour's brightness, then nearest in CIELAB.
    brightness = _PALETTE.amax(-1) / rgb.amax(-1, keepdim=True).clamp_min(1e-6)  # [M, K]
    rescaled = rgb[:, None, :] * brightness[..., None]  # [M, K, 3]
    lab_gap = (srgb_to_lab(rescaled) - palette_lab[None]).norm(dim=-1)  # [M, K]
    lab_gap[:, _PALETTE_ACHROMATIC] = torch.inf
    gap = torch.where(_is_achromatic(rgb)[:, None], lightness_gap, lab_gap)  # [M, K]
    return gap.argmin(-1)


@functools.cache  # bounded: no arguments, so one table (LUT_LEVELS^3 int64s), the same for every run
def _class_table() -> Tensor:
    """The class of every LUT_LEVELS^3 RGB cell, taken at the cell centre [L^3]; built on first use."""
    centres = (torch.arange(LUT_LEVELS, dtype=torch.float32) + 0.5) / LUT_LEVELS  # [L]
    grid = torch.stack(torch.meshgrid(centres, centres, centres, indexing="ij"), dim=-1)  # [L, L, L, 3]
    return _classify_exact(grid.reshape(-1, 3))


def classify_colors(rgb: Tensor) -> Tensor:
    """Pixels [M, 3] (0..1, clamped here) -> palette index [M] into PALETTE_NAMES, by table lookup."""
    cell = (rgb.float().clamp(0.0, 1.0) * LUT_LEVELS).long().clamp_max(LUT_LEVELS - 1)  # [M, 3]
    return _class_table()[(cell[:, 0] * LUT_LEVELS + cell[:, 1]) * LUT_LEVELS + cell[:, 2]]


def analyze_frame(
    render: EntityRender,
    camera_index: int,
    entity_ids: list[str],
    t: float,
    region: Region | None = None,
    frame_size: tuple[int, int] | None = None,
) -> FrameAnalysis:
    """Per-entity stats of camera `camera_index`; entity_ids name the last axis of the entity tensors.

    A render of a `region` of a `frame_size` (width, height) frame gives the stats of the entities whose every
    pixel lies inside it: boxes and centroids in frame pixels, and the border is the frame's.
    """
    alone = render.entity_alphas[camera_index]  # [H, W, E]
    height, width, num_entities = alone.shape
    frame_width, frame_height = frame_size or (width, height)
    left, top, right, bottom = check_region(region, frame_width, frame_height)
    if (right - left, bottom - top) != (width, height):
        raise ValueError(f"a {width}x{height} render cannot cover region {region} of the frame")
    if num_entities != len(entity_ids):
        raise ValueError(
            f"render has {num_entities} entity channels but {len(entity_ids)} entity ids were given"
        )
    visible = render.instance_ids[camera_index][..., None] == torch.arange(num_entities)  # [H, W, E]
    unoccluded = alone > INSTANCE_ALPHA  # [H, W, E]

    row_counts = visible.float().sum(1)  # [H, E]
    col_counts = visible.float().sum(0)  # [W, E]
    visible_counts = col_counts.sum(0).long()  # [E]
    unoccluded_counts = unoccluded.flatten(0, 1).float().sum(0).long()  # [E]
    rows, cols = row_counts > 0, col_counts > 0  # [H, E], [W, E]
    y0 = rows.int().argmax(0)  # [E]
    y1 = height - rows.flip(0).int().argmax(0)  # [E]
    x0 = cols.int().argmax(0)  # [E]
    x1 = width - cols.flip(0).int().argmax(0)  # [E]
    count = visible_counts.clamp_min(1)  # [E]
    centroid_x = (torch.arange(width) + left + 0.5) @ col_counts / count  # [E] mean pixel centre
    centroid_y = (torch.arange(height) + top + 0.5) @ row_counts / count  # [E]
    edges = [
        edge
        for edge, on_border in (
            (unoccluded[0], top == 0),
            (unoccluded[-1], bottom == frame_height),
            (unoccluded[:, 0], left == 0),
            (unoccluded[:, -1], right == frame_width),
        )
        if on_border
    ]  # each [W or H, E]
    border = torch.cat(edges).any(0) if edges else torch.zeros(num_entities, dtype=torch.bool)  # [E]

    # Depth and colour only over pixels some entity covers, usually a small part of the frame.
    covered = visible.any(-1)  # [H, W]
    masks = visible[covered]  # [M, E]
    depths = render.entity_depths[camera_index][covered]  # [M, E]
    masked_depths = torch.where(masks, depths, torch.nan)  # [M, E]
    # One all-NaN row keeps the reduction defined when no pixel is covered; nanmedian ignores it.
    masked_depths = torch.cat(
        [masked_depths, torch.full((1, num_entities), torch.nan, dtype=depths.dtype)]
    )  # [M + 1, E]
    depth_median = masked_depths.nanmedian(0).values  # [E]
    classes = classify_colors(render.colors[camera_index][covered])  # [M]
    pixel, entity = masks.nonzero().unbind(-1)  # [P], [P]: every visible (pixel, entity) pair
    num_colors = len(PALETTE_NAMES)
    histogram = torch.bincount(entity * num_colors + classes[pixel], minlength=num_entities * num_colors)
    color_fractions = (histogram.reshape(num_entities, num_colors) / count[:, None]).tolist()  # [E, K]

    entities = {}
    for e, entity_id in enumerate(entity_ids):
        seen = int(visible_counts[e]) > 0
        entities[entity_id] = EntityFrameStats(
            visible_pixels=int(visible_counts[e]),
            unoccluded_pixels=int(unoccluded_counts[e]),
            bbox=(int(x0[e]) + left, int(y0[e]) + top, int(x1[e]) + left, int(y1[e]) + top) if seen else None,
            centroid=(float(centroid_x[e]), float(centroid_y[e])) if seen else None,
            depth_m=float(depth_median[e]) if seen else None,
            touches_border=bool(border[e]),
            colors={name: f for name, f in zip(PALETTE_NAMES, color_fractions[e], strict=True) if f > 0},
        )
    return FrameAnalysis(t=t, entities=entities)
