"""Procedural 3D Gaussian assets and environments, built from simple parametric parts.

Every asset is a list of named parts (torso, leg_l, wheel_fl ...) laid out by its category's builder
(`tools/scene/library/`), each made of surface pieces (`tools/scene/parts.py`). Gaussians are sampled on the
piece SURFACES, laid flat along the tangent plane and sized from the local point spacing, so a few thousand
splats give a closed, solid look. How many follows how large the asset appears on screen: built for a
detail level (its largest on-screen extent in pixels, `tools/scene/detail.py`), neighbouring splats lie
SPLAT_PX apart on screen, so a close-up stays crisp and a far-away asset costs little. The part structure
and pivots are kept so motion can swing legs and spin wheels. Assets are fitted to the catalog size prior;
environments are a ground plane, a sky dome (walls for a room) and a few cheap background features far from
where entities stand.
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFont
from torch import Tensor

from scenewright.schema import vec3
from scenewright.tools.scene.catalog import CATEGORIES
from scenewright.tools.scene.gaussians import Gaussians, rgb_to_sh, rotmat_to_quat, yaw_matrix
from scenewright.tools.scene.parts import (
    BARK,
    DARK,
    GLASS,
    WHITE,
    Box,
    Decal,
    Ellipsoid,
    Grid,
    Part,
    Piece,
    Tube,
    Vec,
    stratified,
)

GENERATOR_VERSION = "4"
"""Bump whenever the generator's output changes: cached assets are keyed by it."""

OPACITY = 0.97
LIGHT = (0.3, 1.0, 0.4)  # baked key light direction (mostly from above), normalised where used
MIN_PIECE_SPLATS = 24  # even an eye or a beak gets enough splats to read as a shape
SPLAT_PX = 2.0
"""On-screen spacing of neighbouring splats, pixels, of an asset built for a detail level and seen at that
size: a splat's footprint (0.7 spacing, `to_gaussians`) is then a sigma of about 1.4 pixels, so edges and
decals stay sharp where a coarser asset shows its splats as blobs."""
PILOT_SPLATS = 32
"""Points per piece that measure an asset's extent before it is sampled (`_coverage`)."""

# The generic asset's label: the noun it stands for, in dark letters on white placards. Pillow's default font
# at LABEL_FONT_PX draws strokes 2-3 pixels (splats) wide, so they read solid; pixels darker than
# LABEL_INK_LEVEL (0-255) are ink. Names longer than LABEL_LINE_CHARS wrap at spaces ('hot air / balloon').
# The text block is at most LABEL_TEXT_M (width, height) on a 0.6 m face: ~7 cm letters for a short noun,
# centred LABEL_CENTER_Y up (below the cube's dark band), with LABEL_MARGIN_M of white round it; the placard
# is a grid LABEL_PAPER_STEP times coarser than the letters. Splats are drawn in the order of their centres'
# depth, so a large one slightly behind a small one can still cover it: the placard stands LABEL_PAPER_LIFT_M
# off the face and the letters LABEL_INK_LIFT_M off the placard, enough that neither is covered from the
# camera's usual elevations (the cube's splats reach ~6 cm, the placard's ~3 cm).
LABEL_FONT_PX, LABEL_INK_LEVEL = 24, 128
LABEL_LINE_CHARS, LABEL_MAX_LINES = 10, 3
LABEL_TEXT_M = (0.5, 0.26)
LABEL_CENTER_Y, LABEL_MARGIN_M, LABEL_PAPER_STEP = 0.22, 0.025, 2
LABEL_PAPER_LIFT_M, LABEL_INK_LIFT_M = 0.015, 0.01


@functools.lru_cache(maxsize=256)  # labels are a run's unknown nouns: a few kB each, but a process sees many
def _ink(text: str) -> Tensor:
    """The dark pixels [H, W] (bool) of `text` in Pillow's default font; long names wrap, lines centred."""
    width = max(LABEL_LINE_CHARS, math.ceil(len(text) / LABEL_MAX_LINES))
    lines = "\n".join(textwrap.wrap(text, width=width, break_long_words=False))
    font = ImageFont.load_default(size=LABEL_FONT_PX)
    box = ImageDraw.Draw(Image.new("L", (1, 1))).multiline_textbbox((0, 0), lines, font=font, align="center")
    left, top, right, bottom = math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3])
    image = Image.new("L", (right - left + 2, bottom - top + 2), 255)  # a pixel of margin all round
    ImageDraw.Draw(image).multiline_text((1 - left, 1 - top), lines, fill=0, font=font, align="center")
    return torch.from_numpy(np.asarray(image) < LABEL_INK_LEVEL)


# ---------------------------------------------------------------------------------------------------
# From sampled surfaces to Gaussians.
# ---------------------------------------------------------------------------------------------------


@dataclass
class Samples:
    """Surface points of a set of parts, before they become Gaussians."""

    points: Tensor  # [N, 3]
    normals: Tensor  # [N, 3]
    spacing: Tensor  # [N] distance to the neighbouring points (square root of the area each stands for)
    rgb: Tensor  # [N, 3] base colour
    part_ids: Tensor  # [N]


def _piece_counts(pieces: list[Piece], count: int) -> list[int]:
    """Points per piece for about `count` in all, in proportion to their areas, MIN_PIECE_SPLATS at least;
    a grid takes one per set cell of its mask whatever it is given. Each shape samples exactly this many."""
    areas = [piece.shape.area for piece in pieces]
    total = sum(areas)
    return [
        int(piece.shape.mask.sum())
        if isinstance(piece.shape, Grid)
        else max(MIN_PIECE_SPLATS, round(count * a / total))
        for piece, a in zip(pieces, areas, strict=True)
    ]


def _coverage(pieces: list[Piece]) -> float:
    """Surface area over the square of the largest extent (dimensionless, the same at any scale): the
    Gaussians an asset needs per square of its on-screen extent over the splat spacing. The extent comes
    from PILOT_SPLATS points per piece drawn from a fixed generator, so measuring spends nothing of the
    asset's own random stream."""
    gen = torch.Generator().manual_seed(0)
    points = torch.cat([piece.shape.sample(PILOT_SPLATS, gen)[0] for piece in pieces])  # [M, 3]
    extent = float((points.max(0).values - points.min(0).values).max())
    return sum(piece.shape.area for piece in pieces) / extent**2


def _sample_parts(
    parts: list[Part], count: int, paint: Callable[[Piece], Vec], gen: torch.Generator
) -> Samples:
    """About `count` surface points over all pieces, in proportion to their areas (`_piece_counts`)."""
    pieces = [(k, piece) for k, part in enumerate(parts) for piece in part.pieces]
    chunks = []
    for (k, piece), n in zip(pieces, _piece_counts([piece for _, piece in pieces], count), strict=True):
        points, normals, element = piece.shape.sample(n, gen)
        rgb = torch.tensor(paint(piece)).expand(len(points), 3).clone()  # [n, 3]
        for decal in piece.decals:
            inside = ((points >= torch.tensor(decal.low)) & (points <= torch.tensor(decal.high))).all(dim=1)
            rgb[inside] = torch.tensor(decal.rgb)
        chunks.append(
            (points, normals, element.sqrt(), rgb, torch.full((len(points),), k, dtype=torch.int64))
        )
    return Samples(*(torch.cat(column) for column in zip(*chunks, strict=True)))


def _tangent_quats(normals: Tensor) -> Tensor:
    """Quaternions [N, 4] whose local z axis is the normal [N, 3], so a flat splat lies on the surface."""
    helper = torch.where(
        normals[:, 1:2].abs() < 0.9, torch.tensor([[0.0, 1.0, 0.0]]), torch.tensor([[1.0, 0.0, 0.0]])
    )
    t1 = torch.nn.functional.normalize(torch.linalg.cross(helper, normals), dim=1)  # [N, 3]
    t2 = torch.linalg.cross(normals, t1)  # [N, 3]
    return rotmat_to_quat(torch.stack([t1, t2, normals], dim=-1))  # columns: t1, t2, n


def to_gaussians(
    samples: Samples,
    parts: list[str],
    pivots: Tensor,
    gen: torch.Generator,
    shade_depth: float = 0.16,
    part_parents: list[int] | None = None,
    rig: str = "static",
) -> Gaussians:
    """Flat splats on the surface, a baked key light (`shade_depth` darker facing away) and colour noise.
    `part_parents` (default: every part a root) and `rig` say how the asset moves."""
    n = samples.points.shape[0]
    light = torch.nn.functional.normalize(torch.tensor(LIGHT), dim=0)
    facing = 0.5 + 0.5 * (samples.normals @ light)  # [N] 1 towards the light, 0 away
    shade = 1 - shade_depth * (1 - facing)
    noise = (
        1 + 0.03 * torch.randn(n, 1, generator=gen) + 0.01 * torch.randn(n, 3, generator=gen)
    )  # [N, 3] mostly luminance
    rgb = (samples.rgb * shade[:, None] * noise).clamp(0.0, 1.0)
    tangent = 0.7 * samples.spacing  # [N] overlapping footprints close the surface
    scales = torch.stack([tangent, tangent, (0.15 * tangent).clamp_max(0.02)], dim=1)  # [N, 3] flat
    return Gaussians(
        means=samples.points,
        quats=_tangent_quats(samples.normals),
        log_scales=scales.log(),
        logit_opacities=torch.full((n,), math.log(OPACITY / (1 - OPACITY))),
        sh0=rgb_to_sh(rgb),
        part_ids=samples.part_ids,
        parts=parts,
        pivots=pivots,
        part_parents=part_parents or [],
        rig=rig,
    )


def _label(text: str) -> Part:
    """The noun in dark letters on a white placard on each side face of the generic cube, so it reads however
    the entity is turned (a still one shows +z to the camera; a mover faces its path). Letters are as large as
    the face allows: readable at 640x360 wherever the cube is a typical entity's size on screen."""
    ink = _ink(text)  # [H, W]
    pitch = min(LABEL_TEXT_M[0] / ink.shape[1], LABEL_TEXT_M[1] / ink.shape[0])
    paper_pitch = LABEL_PAPER_STEP * pitch
    paper = torch.ones(  # [h, w] the text block and its margin, in coarser cells
        *(math.ceil((cells * pitch + 2 * LABEL_MARGIN_M) / paper_pitch) for cells in ink.shape),
        dtype=torch.bool,
    )
    half = 0.3  # half the side of _generic's 0.6 m cube
    centre = torch.tensor([0.0, LABEL_CENTER_Y, 0.0])  # [3] on the cube's vertical axis
    pieces = []
    for yaw in (0.0, 0.5 * math.pi, math.pi, -0.5 * math.pi):  # faces +z, +x, -z, -x
        outward = yaw_matrix(yaw)[:, 2]  # [3] the face's normal
        paper_at = centre + (half + LABEL_PAPER_LIFT_M) * outward  # [3]
        pieces += [
            Piece(Grid(paper, vec3(paper_at), paper_pitch, yaw), WHITE),
            Piece(Grid(ink, vec3(paper_at + LABEL_INK_LIFT_M * outward), pitch, yaw), DARK),
        ]
    return Part("label", (0.0, LABEL_CENTER_Y, 0.0), tuple(pieces))


def describe_categories() -> list[dict[str, Any]]:
    """Every category as plain data (name, size, rig, nouns, parts with pivots and parents), in catalog
    order: what `scenewright assets list` prints. Parts come from building each at seed 0, unscaled."""
    described = []
    for name, category in CATEGORIES.items():
        parts = category.build(lambda: 1.0, [])
        described.append(
            {
                "name": name,
                "size_m": list(category.size_m),
                "rig": category.rig,
                "default_rgb": list(category.default_rgb),
                "nouns": list(category.nouns),
                "flies": category.flies,
                "floats": category.floats,
                "surface_height_m": category.surface_height_m,
                "parts": [
                    {"name": part.name, "parent": part.parent, "pivot": list(part.pivot)} for part in parts
                ],
            }
        )
    return described


def _vary(gen: torch.Generator) -> float:
    """A factor within 3% of 1 from the asset's random stream (parts.Vary)."""
    return 1.0 + 0.06 * (float(torch.rand((), generator=gen)) - 0.5)


def _laid_out(
    category: str, rgb: Vec | None, attributes: list[str], seed: int, label: str | None
) -> tuple[list[Part], Vec, torch.Generator]:
    """The asset's parts as its builder lays them out, its main colour, and its random stream after both."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown asset category {category!r}; known: {', '.join(sorted(CATEGORIES))}")
    if label is not None and (category != "generic" or not label.strip()):
        raise ValueError(
            f"only the generic asset carries a label, and one with text; got {label!r} for {category}"
        )
    gen = torch.Generator().manual_seed(seed)
    prior = CATEGORIES[category]
    main = vec3(min(1.0, c * _vary(gen)) for c in (rgb if rgb is not None else prior.default_rgb))
    parts = prior.build(lambda: _vary(gen), attributes) + (
        [_label(label.strip())] if label is not None else []
    )
    names = [part.name for part in parts]
    unknown = [(part.name, part.parent) for part in parts if part.parent not in (None, *names)]
    if unknown:
        raise ValueError(f"{category}: parts hang from parts it does not have: {unknown}")
    return parts, main, gen


@functools.lru_cache(maxsize=256)  # a run's entities: the detail budget counts each at several levels
def _measured(
    category: str, attributes: tuple[str, ...], seed: int, label: str | None
) -> tuple[tuple[Piece, ...], float]:
    """The asset's pieces as laid out (read only) and their `_coverage`."""
    parts, _, _ = _laid_out(category, None, list(attributes), seed, label)
    pieces = tuple(piece for part in parts for piece in part.pieces)
    return pieces, _coverage(list(pieces))


def _target(category: str, attributes: list[str], seed: int, label: str | None, detail: int | None) -> int:
    """The Gaussians to spread over the asset's pieces: the category's own count without a detail level,
    else as many as put neighbours SPLAT_PX apart when the asset's largest extent spans `detail` pixels."""
    if detail is None:
        return CATEGORIES[category].splats
    if detail < 1:
        raise ValueError(f"a detail level is a positive number of pixels (got {detail})")
    return round(_measured(category, tuple(attributes), seed, label)[1] * (detail / SPLAT_PX) ** 2)


def asset_splats(
    category: str, attributes: list[str], seed: int, detail: int | None = None, label: str | None = None
) -> int:
    """How many Gaussians `build_asset` makes from these inputs (its colour and attempt change none),
    found without sampling: what a scene's detail budget adds up (tools/scene/detail.py)."""
    pieces, _ = _measured(category, tuple(attributes), seed, label)
    return sum(_piece_counts(list(pieces), _target(category, attributes, seed, label, detail)))


def build_asset(
    category: str,
    rgb: Vec | None,
    attributes: list[str],
    seed: int,
    attempt: int = 0,
    label: str | None = None,
    detail: int | None = None,
) -> Gaussians:
    """A category's Gaussian asset in its own frame, at the catalog size, painted `rgb` on its main parts.

    `attempt >= 1` (the critic could not recognise the colour) paints the accent parts in the named colour
    too and softens the baked shading, so the colour covers more of what is seen. `label`: the noun the
    generic asset stands for, shown on placards (part 'label') so that the viewer can tell what it is.
    `detail`: the largest on-screen extent, in pixels, the asset is built to be seen at (`_target`); None
    gives the category's own count. Only the number and size of the splats depend on it: the parts, colours
    and extent are those of every other detail level.
    """
    parts, main, gen = _laid_out(category, rgb, attributes, seed, label)
    prior = CATEGORIES[category]

    def paint(piece: Piece) -> Vec:
        if piece.paint is None or (piece.accent and attempt >= 1):
            return main
        return piece.paint

    names = [part.name for part in parts]
    samples = _sample_parts(parts, _target(category, attributes, seed, label, detail), paint, gen)
    pivots = torch.tensor([part.pivot for part in parts])  # [P, 3]
    # Fit to the size prior (times a per-seed few %): bottom centre to the origin, extents to size_m.
    low, high = samples.points.min(0).values, samples.points.max(0).values  # [3]
    target = torch.tensor(prior.size_m) * torch.tensor([_vary(gen), _vary(gen), _vary(gen)])  # [3]
    stretch = target / (high - low)  # [3]
    base = torch.stack([(low[0] + high[0]) / 2, low[1], (low[2] + high[2]) / 2])  # [3]
    samples.points = (samples.points - base) * stretch
    samples.normals = torch.nn.functional.normalize(samples.normals / stretch, dim=1)
    samples.spacing = samples.spacing * stretch.prod() ** (1 / 3)
    return to_gaussians(
        samples,
        names,
        (pivots - base) * stretch,
        gen,
        shade_depth=0.16 if attempt == 0 else 0.08,
        part_parents=[-1 if part.parent is None else names.index(part.parent) for part in parts],
        rig=prior.rig,
    )


# ---------------------------------------------------------------------------------------------------
# Environments: ground + sky dome (walls for a room) + a few background features far from the centre.
# ---------------------------------------------------------------------------------------------------

GROUND_X = (-30.0, 30.0)
GROUND_Z = (-40.0, 22.0)  # the camera may stand up to z = +20
GROUND_GRID = (72, 80)  # splats along x and z
SKY_RADIUS = 90.0
SKY_SPLATS = 1400
FEATURE_SPLATS = 2600


@dataclass(frozen=True)
class Look:
    """How an environment looks: ground material by position, sky colours, background features."""

    ground: str  # a key of GROUND_MATERIALS, or a pattern handled in _ground_colors
    horizon: Vec
    zenith: Vec
    features: tuple[str, ...] = ()


ENVIRONMENTS: dict[str, Look] = {
    "beach": Look("beach", (0.85, 0.9, 0.95), (0.35, 0.6, 0.9), ("palms",)),
    "park": Look("grass", (0.85, 0.9, 0.95), (0.4, 0.62, 0.9), ("tree_line",)),
    "garden": Look("garden", (0.85, 0.9, 0.95), (0.4, 0.62, 0.9), ("hedge", "tree_line")),
    "street": Look("street", (0.82, 0.85, 0.9), (0.45, 0.6, 0.85), ("buildings",)),
    "room": Look("floor", (0.9, 0.86, 0.78), (0.9, 0.86, 0.78), ("walls",)),
    "snow": Look("snow", (0.85, 0.87, 0.9), (0.6, 0.68, 0.8), ("pines",)),
    "ocean": Look("water", (0.82, 0.88, 0.95), (0.3, 0.55, 0.9)),
    "field": Look("field", (0.9, 0.9, 0.88), (0.4, 0.62, 0.9), ("tree_line",)),
    "forest": Look("forest", (0.75, 0.82, 0.8), (0.4, 0.58, 0.8), ("forest",)),
    "desert": Look("sand", (0.95, 0.88, 0.75), (0.45, 0.65, 0.92), ("dunes",)),
    "city": Look("plaza", (0.8, 0.83, 0.88), (0.45, 0.58, 0.82), ("city",)),
    "lake": Look("lake", (0.85, 0.9, 0.95), (0.4, 0.62, 0.9), ("tree_line",)),
}

GROUND_MATERIALS: dict[str, Vec] = {
    "sand": (0.86, 0.76, 0.55),
    "grass": (0.3, 0.55, 0.2),
    "soil": (0.3, 0.36, 0.16),
    "asphalt": (0.25, 0.25, 0.27),
    "pavement": (0.6, 0.58, 0.55),
    "wood": (0.76, 0.62, 0.45),  # light oak, so wooden furniture stands out from the floor
    "snow": (0.93, 0.95, 0.98),
    "water": (0.12, 0.35, 0.55),
    "field": (0.55, 0.6, 0.25),
}


def _ground_colors(pattern: str, x: Tensor, z: Tensor, gen: torch.Generator) -> Tensor:
    """Base colour [N, 3] of ground splats at x [N], z [N] for a ground pattern."""
    m = {name: torch.tensor(rgb).expand(len(x), 3) for name, rgb in GROUND_MATERIALS.items()}
    waves = (0.9 + 0.1 * torch.sin(1.3 * z + 0.4 * torch.sin(0.5 * x)))[:, None]  # [N, 1] water streaks
    water = m["water"] * waves
    white = torch.tensor(WHITE).expand(len(x), 3)
    if pattern == "beach":  # sand, a foam line, then the sea behind
        rgb = torch.where((z < -9.0)[:, None], water, m["sand"])
        return torch.where(((z < -8.6) & (z > -9.4))[:, None], white, rgb)
    if pattern == "water":
        return water
    if pattern == "lake":  # a lake in the middle distance, grass shores
        inside = ((x / 26.0) ** 2 + ((z + 14.0) / 12.0) ** 2) < 1
        return torch.where(inside[:, None], water, m["grass"])
    if pattern == "garden":  # lawn dotted with flowers
        flowers = torch.rand(len(x), generator=gen) < 0.04
        petal = torch.tensor([(0.9, 0.2, 0.3), (0.95, 0.85, 0.2), (0.95, 0.95, 0.95)])
        pick = petal[torch.randint(0, 3, (len(x),), generator=gen)]
        return torch.where(flowers[:, None], pick, m["grass"])
    if pattern == "street":  # road along x, dashed centre line, pavements either side
        rgb = torch.where((z.abs() < 4.5)[:, None], m["asphalt"], m["pavement"])
        dashes = (z.abs() < 0.12) & (torch.remainder(x, 6.0) < 3.0)
        edges = (z.abs() > 4.2) & (z.abs() < 4.4)
        return torch.where((dashes | edges)[:, None], white, rgb)
    if pattern == "plaza":  # paving slabs
        slab = (torch.remainder(x, 2.0) < 0.1) | (torch.remainder(z, 2.0) < 0.1)
        return torch.where(slab[:, None], m["pavement"] * 0.8, m["pavement"])
    if pattern == "floor":  # planks along x, each its own shade
        plank = torch.floor(z / 0.5)
        shade = 0.85 + 0.15 * torch.sin(plank * 12.9898).abs()
        return m["wood"] * shade[:, None]
    if pattern == "field":  # crop rows
        return m["field"] * (0.85 + 0.15 * torch.sin(z * 3.0)).abs()[:, None]
    if pattern == "forest":
        return torch.where((torch.rand(len(x), generator=gen) < 0.3)[:, None], m["soil"], m["grass"] * 0.8)
    return m[pattern]


def _ground(pattern: str, gen: torch.Generator) -> Samples:
    """Flat splats on y = 0, dense near the origin and coarser far away."""
    nx, nz = GROUND_GRID

    # A cubic warp of a uniform grid: spacing grows from ~0.2 m near the origin to a few metres at the edges.
    def warp(u: Tensor, extent: float) -> tuple[Tensor, Tensor]:
        return extent * (0.25 * u + 0.75 * u**3), extent * (0.25 + 2.25 * u**2)  # position, d position / du

    u = torch.linspace(-1, 1, nx)
    v_near = 0.78  # warp(v_near, 40) ~ 22: the near edge
    v = torch.linspace(-1, v_near, nz)
    uu, vv = torch.meshgrid(u, v, indexing="ij")
    uu = uu + (torch.rand(uu.shape, generator=gen) - 0.5) * (2 / nx)
    vv = vv + (torch.rand(vv.shape, generator=gen) - 0.5) * ((1 + v_near) / nz)
    x, dx = warp(uu.reshape(-1), -GROUND_X[0])
    z, dz = warp(vv.reshape(-1), -GROUND_Z[0])
    spacing = torch.stack([dx * 2 / nx, dz * (1 + v_near) / nz], dim=1)  # [N, 2]
    n = len(x)
    points = torch.stack([x, torch.full_like(x, -0.005), z], dim=1)
    samples = Samples(
        points,
        torch.tensor([[0.0, 1.0, 0.0]]).expand(n, 3),
        spacing.prod(1).sqrt(),
        _ground_colors(pattern, x, z, gen),
        torch.zeros(n, dtype=torch.int64),
    )
    return samples


def _sky(horizon: Vec, zenith: Vec, gen: torch.Generator) -> Samples:
    """Large splats on a dome from a little below the horizon up, horizon colour blending to zenith colour."""
    uv = stratified(SKY_SPLATS, gen)
    low = -0.1  # sin of the lowest elevation, hides the gap beyond the ground's far edge
    up = low + (1 - low) * uv[:, 0]  # equal-area in elevation
    phi = math.tau * uv[:, 1]
    ring = (1 - up * up).sqrt()
    normals = -torch.stack([ring * torch.cos(phi), up, ring * torch.sin(phi)], dim=1)  # facing the centre
    blend = up.clamp_min(0).pow(0.6)[:, None]
    rgb = (1 - blend) * torch.tensor(horizon) + blend * torch.tensor(zenith)
    spacing = torch.full((SKY_SPLATS,), SKY_RADIUS * math.sqrt(math.tau * (1 - low) / SKY_SPLATS))
    return Samples(-normals * SKY_RADIUS, normals, spacing, rgb, torch.zeros(SKY_SPLATS, dtype=torch.int64))


def _tree_feature(x: float, z: float, height: float, conifer: bool, snowy: bool = False) -> list[Piece]:
    """A cheap background tree of the given height standing at (x, z)."""
    k = height / 5.0
    crown = (0.12, 0.3, 0.12) if conifer else (0.2, 0.45, 0.17)
    trunk = Piece(Tube((x, 0.0, z), (x, 2.0 * k, z), 0.25 * k, 0.15 * k), BARK)
    if conifer:
        top = Piece(
            Tube((x, 1.2 * k, z), (x, height, z), 1.4 * k, 0.05 * k, caps=False), WHITE if snowy else crown
        )
        return [trunk, top]
    return [trunk, Piece(Ellipsoid((x, 3.2 * k, z), (1.5 * k, 1.6 * k, 1.5 * k)), crown)]


def _feature_pieces(feature: str, gen: torch.Generator) -> list[Piece]:
    """Background features, all outside the central area (|x| > 8 or z < -15)."""

    def uniform(low: float, high: float) -> float:
        return low + (high - low) * float(torch.rand((), generator=gen))

    pieces: list[Piece] = []
    if feature in ("tree_line", "pines", "forest"):
        rows = [(-26.0, 24)] if feature != "forest" else [(-21.0, 16), (-29.0, 20)]
        for z0, count in rows:
            for k in range(count):
                x = -32 + 64 * (k + uniform(0.2, 0.8)) / count
                pieces += _tree_feature(
                    x,
                    z0 + uniform(-2, 2),
                    uniform(5, 9),
                    conifer=feature != "tree_line",
                    snowy=feature == "pines" and k % 2 == 0,
                )
        if feature == "forest":  # trees down both sides too
            for side in (-1, 1):
                for k in range(5):
                    pieces += _tree_feature(
                        side * uniform(11, 16), 8 - 5 * k + uniform(-1, 1), uniform(5, 8), True
                    )
    elif feature == "palms":
        for x in (-16.0, -11.0, 12.0, 18.0):
            z = uniform(-6, 2)
            pieces += [
                Piece(Tube((x, 0.0, z), (x + 0.6, 6.0, z), 0.25, 0.18), BARK),
                Piece(Ellipsoid((x + 0.6, 6.1, z), (2.0, 0.5, 2.0)), (0.2, 0.5, 0.15)),
            ]
    elif feature == "hedge":
        pieces.append(Piece(Box((0.0, 0.9, -16.0), (44.0, 1.8, 1.5), open_bottom=True), (0.16, 0.38, 0.14)))
    elif feature == "dunes":
        for k in range(6):
            pieces.append(
                Piece(
                    Ellipsoid(
                        (-30 + 12 * k + uniform(-3, 3), 0.0, uniform(-36, -26)),
                        (uniform(6, 10), uniform(2, 4), 5.0),
                        cut_below=0.0,
                    ),
                    GROUND_MATERIALS["sand"],
                )
            )
    elif feature in ("buildings", "city"):
        tall = (12.0, 30.0) if feature == "city" else (7.0, 14.0)
        palette = [(0.75, 0.68, 0.6), (0.6, 0.62, 0.66), (0.7, 0.55, 0.45), (0.82, 0.8, 0.74)]
        spots = [(float(x), -20.0) for x in range(-30, 31, 10)]
        if feature == "city":
            spots += [(side * 20.0, -11.0) for side in (-1, 1)]
        for k, (x, z) in enumerate(spots):
            h = uniform(*tall)
            pieces.append(
                Piece(
                    Box((x, h / 2, z), (8.5, h, 8.0), open_bottom=True),
                    palette[k % len(palette)],
                    decals=_window_grid(x, z, h),
                )
            )
    elif feature == "walls":
        wall = (0.88, 0.84, 0.76)
        pieces += [
            Piece(
                Box((0.0, 6.0, -16.0), (40.0, 12.0, 0.2)),
                wall,
                decals=(Decal((-4.0, 2.0, -16.2), (4.0, 6.0, -15.8), (0.7, 0.85, 0.95)),),
            ),
            *(Piece(Box((side * 14.0, 6.0, -2.0), (0.2, 12.0, 28.0)), wall) for side in (-1, 1)),
        ]
    return pieces


def _window_grid(x: float, z: float, height: float) -> tuple[Decal, ...]:
    """Rows of dark windows on the front (+z) face of a building centred at (x, z)."""
    return tuple(
        Decal((x + wx - 0.7, wy, z + 3.9), (x + wx + 0.7, wy + 1.4, z + 4.1), GLASS)
        for wy in torch.arange(2.0, height - 1.5, 3.0).tolist()
        for wx in (-2.8, 0.0, 2.8)
    )


def build_environment(environment: str, seed: int) -> Gaussians:
    """Ground, sky (walls for a room) and background features of a named environment, in world space."""
    if environment not in ENVIRONMENTS:
        raise ValueError(f"unknown environment {environment!r}; known: {', '.join(sorted(ENVIRONMENTS))}")
    gen = torch.Generator().manual_seed(seed)
    look = ENVIRONMENTS[environment]
    layers = [_ground(look.ground, gen), _sky(look.horizon, look.zenith, gen)]
    parts = ["ground", "sky"]
    pieces = [piece for feature in look.features for piece in _feature_pieces(feature, gen)]
    if pieces:
        features = _sample_parts(
            [Part("features", (0.0, 0.0, 0.0), tuple(pieces))],
            FEATURE_SPLATS,
            lambda piece: piece.paint or WHITE,
            gen,
        )
        layers.append(features)
        parts.append("features")
    for k, layer in enumerate(layers):
        layer.part_ids = torch.full_like(layer.part_ids, k)
    samples = Samples(
        *(
            torch.cat([getattr(layer, f) for layer in layers])
            for f in ("points", "normals", "spacing", "rgb", "part_ids")
        )
    )
    return to_gaussians(samples, parts, torch.zeros(len(parts), 3), gen, shade_depth=0.1)
