"""Buildings."""

from __future__ import annotations

import itertools
import math

import torch
from torch import Tensor

from scenewright.tools.scene.parts import (
    DARK,
    GLASS,
    METAL,
    Box,
    Category,
    Decal,
    Ellipsoid,
    Grid,
    Part,
    Piece,
    Tube,
    Vary,
    Vec,
)

DOOR = (0.35, 0.22, 0.12)
SHADOW = (0.12, 0.1, 0.08)  # a doorway or gate opening
ROOF = (0.5, 0.22, 0.15)
ROOF_BLUE = (0.2, 0.3, 0.6)
SLATE = (0.3, 0.31, 0.36)
RED = (0.78, 0.12, 0.1)
LAMP = (1.0, 0.9, 0.55)
STONE = (0.55, 0.54, 0.52)
STAINED = (0.25, 0.3, 0.55)  # church windows
GOLD = (0.85, 0.7, 0.25)
MORTAR = (0.75, 0.73, 0.68)
ROPE = (0.85, 0.83, 0.75)
TRIM = (0.22, 0.23, 0.2)  # a tent's groundsheet edge and ridge
SAIL_FRAME = (0.33, 0.23, 0.14)
SAIL_CLOTH = (0.93, 0.91, 0.85)


def _house(vary: Vary, attributes: list[str]) -> list[Part]:
    wall_h, width, depth = 3.4 * vary(), 8.0, 7.0
    front, side = width / 2, depth / 2
    openings = (
        Decal((front - 0.05, 0.0, -0.55), (front + 0.05, 2.1, 0.55), (0.4, 0.24, 0.14)),  # door
        *(Decal((front - 0.05, 1.45, z - 0.65), (front + 0.05, 2.55, z + 0.65), GLASS) for z in (-2.4, 2.4)),
        *(Decal((x - 0.65, 1.45, -side - 0.05), (x + 0.65, 2.55, side + 0.05), GLASS) for x in (-2.0, 2.0)),
    )
    return [
        Part(
            "walls",
            (0.0, 0.0, 0.0),
            (Piece(Box((0.0, wall_h / 2, 0.0), (width, wall_h, depth), open_bottom=True), decals=openings),),
        ),
        # Gable roof: a box whose top collapses to a ridge along x, overhanging the walls.
        Part(
            "roof",
            (0.0, wall_h, 0.0),
            (
                Piece(
                    Box((0.0, wall_h + 1.3, 0.0), (width + 0.5, 2.6, depth + 0.6), top_scale=(1.0, 0.02)),
                    (0.55, 0.2, 0.15),
                    accent=True,
                ),
                Piece(Box((-1.8, wall_h + 2.0, -1.2), (0.6, 1.6, 0.6)), (0.5, 0.3, 0.25)),  # chimney
            ),
        ),
    ]


def _polyline(points: list[Vec], radius: float, paint: Vec | None = None) -> tuple[Piece, ...]:
    """Tubes joining consecutive points: beams, rails, poles and ropes that follow a curve."""
    return tuple(Piece(Tube(a, b, radius, radius), paint) for a, b in itertools.pairwise(points))


def _side_decals(
    centre: tuple[float, float], radius: float, low: float, high: float, half_width: float, rgb: Vec
) -> tuple[Decal, ...]:
    """The same opening (window, slit, belfry arch) between heights `low` and `high` on the +x, -x, +z and -z
    faces of a shaft (round or square) of `radius` standing at `centre` (x, z)."""
    cx, cz = centre
    near, far = 0.75 * radius, radius + 0.3
    decals = []
    for sign in (-1, 1):
        a, b = sorted((sign * near, sign * far))
        decals += [
            Decal((cx + a, low, cz - half_width), (cx + b, high, cz + half_width), rgb),
            Decal((cx - half_width, low, cz + a), (cx + half_width, high, cz + b), rgb),
        ]
    return tuple(decals)


def _ring_merlons(centre: Vec, radius: float, count: int) -> tuple[Piece, ...]:
    """Merlons standing in a ring of `radius` whose base centre is `centre`, each turned to face out."""
    x, y, z = centre
    return tuple(
        Piece(Box((x + radius * math.cos(a), y + 0.55, z - radius * math.sin(a)), (0.5, 1.1, 0.9), yaw=a))
        for a in torch.linspace(0, math.tau, count + 1)[:-1].tolist()
    )


def _row_merlons(start: Vec, end: Vec, count: int, thickness: float) -> tuple[Piece, ...]:
    """`count` merlons standing on a wall top from `start` to `end` (x- or z-aligned, at the top's height)."""
    (x0, y, z0), (x1, _, z1) = start, end
    size = (0.9, 1.1, thickness) if abs(x1 - x0) > abs(z1 - z0) else (thickness, 1.1, 0.9)
    return tuple(
        Piece(Box((x0 + t * (x1 - x0), y + 0.55, z0 + t * (z1 - z0)), size))
        for t in torch.linspace(0, 1, count).tolist()
    )


def _tower(vary: Vary, attributes: list[str]) -> list[Part]:
    """A round stone shaft (square if 'square') with a door, window slits, an overhanging parapet and
    battlements; a pointed roof instead if 'pointed', 'conical' or 'roofed'."""
    r, height = 2.0, 11.0 * vary()
    square = "square" in attributes
    openings = (
        Decal((0.7 * r, 0.0, -0.55), (r + 0.5, 2.3, 0.55), DOOR),
        *(
            d
            for y in (0.3 * height, 0.57 * height, 0.82 * height)
            for d in _side_decals((0.0, 0.0), r, y, y + 1.3, 0.3, DARK)
        ),
    )
    if square:
        shaft = Piece(Box((0.0, height / 2, 0.0), (2 * r, height, 2 * r), open_bottom=True), decals=openings)
        parapet = Piece(Box((0.0, height + 0.5, 0.0), (2 * r + 0.5, 1.0, 2 * r + 0.5)))
    else:
        shaft = Piece(Tube((0.0, 0.0, 0.0), (0.0, height, 0.0), 1.06 * r, r, caps=False), decals=openings)
        parapet = Piece(Tube((0.0, height - 0.4, 0.0), (0.0, height + 1.0, 0.0), r, r + 0.3))
    if any(word in attributes for word in ("pointed", "conical", "roofed", "spire")):
        crown = (
            Piece(
                Box((0.0, height + 3.0, 0.0), (2 * r + 0.9, 4.0, 2 * r + 0.9), top_scale=(0.02, 0.02)), ROOF
            )
            if square
            else Piece(Tube((0.0, height + 1.0, 0.0), (0.0, height + 5.0, 0.0), r + 0.45, 0.03), ROOF),
        )
    elif square:
        edge, y = r + 0.05, height + 1.0
        crown = tuple(
            merlon
            for sign in (-1, 1)
            for merlon in (
                *_row_merlons((-edge, y, sign * edge), (edge, y, sign * edge), 4, 0.5),
                *_row_merlons((sign * edge, y, -edge), (sign * edge, y, edge), 4, 0.5),
            )
        )
    else:
        crown = _ring_merlons((0.0, height + 1.0, 0.0), r + 0.05, 8)
    return [
        Part("shaft", (0.0, 0.0, 0.0), (shaft,)),
        Part("top", (0.0, height, 0.0), (parapet, *crown), parent="shaft"),
    ]


def _lighthouse(vary: Vary, attributes: list[str]) -> list[Part]:
    """A tapering tower in white and red bands on a stone base; a dark gallery, a lit lantern and a cap."""
    base_h, top = 0.8, 11.0 * vary()
    bands, y = [], base_h
    for k in range(7):
        h = (2.0 if k % 2 == 0 else 0.7) * (top - base_h) / 10.1  # four white bands, three red
        r0, r1 = (1.6 - 0.6 * (b - base_h) / (top - base_h) for b in (y, y + h))
        door = (Decal((0.8 * r0, y, -0.45), (r0 + 0.3, y + 1.9, 0.45), DOOR),) if k == 0 else ()
        window = (Decal((-0.3, y + 0.5, 0.8 * r0), (0.3, y + 1.3, r0 + 0.3), GLASS),) if k in (2, 4) else ()
        white = k % 2 == 0
        bands.append(
            Piece(
                Tube((0.0, y, 0.0), (0.0, y + h, 0.0), r0, r1, caps=False),
                None if white else RED,
                accent=not white,
                decals=door + window,
            )
        )
        y += h
    lantern = (
        Piece(Tube((0.0, top, 0.0), (0.0, top + 0.25, 0.0), 1.45, 1.45), DARK),  # gallery floor
        Piece(Tube((0.0, top + 0.25, 0.0), (0.0, top + 0.8, 0.0), 1.4, 1.4, caps=False), DARK),  # railing
        Piece(Tube((0.0, top + 0.25, 0.0), (0.0, top + 1.6, 0.0), 0.8, 0.8, caps=False), LAMP),
        Piece(Tube((0.0, top + 1.6, 0.0), (0.0, top + 2.6, 0.0), 1.0, 0.08), RED, accent=True),
        Piece(Ellipsoid((0.0, top + 2.7, 0.0), (0.15, 0.15, 0.15)), DARK),
    )
    return [
        Part(
            "tower",
            (0.0, 0.0, 0.0),
            (Piece(Tube((0.0, 0.0, 0.0), (0.0, base_h, 0.0), 1.9, 1.8), STONE), *bands),
        ),
        Part("lantern", (0.0, top, 0.0), lantern, parent="tower"),
    ]


def _bridge(vary: Vary, attributes: list[str]) -> list[Part]:
    """An arched footbridge: planks stepping over an arc on two curved beams; posts and hand rails."""
    span, rise, width, plank = 6.0, 0.85 * vary(), 1.5, 0.08
    bend = (span**2 / 4 + rise**2) / (2 * rise)  # radius of the arc through both feet and the crown

    def arc(x: float) -> float:
        return rise - bend + math.sqrt(bend**2 - x * x)

    count = 18
    planks = tuple(
        Piece(Box((x, arc(x) + plank / 2, 0.0), (0.95 * span / count, plank, width)))
        for x in torch.linspace(-span / 2, span / 2, 2 * count + 1)[1::2].tolist()
    )
    xs = torch.linspace(-span / 2, span / 2, 13).tolist()
    beams = tuple(
        beam
        for side in (-1, 1)
        for beam in _polyline([(x, arc(x) - 0.02, side * (width / 2 - 0.05)) for x in xs], 0.07)
    )
    parts = [Part("deck", (0.0, 0.0, 0.0), planks + beams)]
    posts_x = torch.linspace(-span / 2 + 0.15, span / 2 - 0.15, 7).tolist()
    for side, suffix in ((-1, "l"), (1, "r")):
        z = side * (width / 2 - 0.02)
        posts = tuple(Piece(Tube((x, arc(x), z), (x, arc(x) + 1.0, z), 0.05, 0.05)) for x in posts_x)
        rails = _polyline([(x, arc(x) + 0.95, z) for x in posts_x], 0.045) + _polyline(
            [(x, arc(x) + 0.5, z) for x in posts_x], 0.03
        )
        parts.append(Part(f"rail_{suffix}", (0.0, rise, z), posts + rails, parent="deck"))
    return parts


def _tent(vary: Vary, attributes: list[str]) -> list[Part]:
    """A ridge tent (a dome if 'dome'): canvas with a dark doorway at the front, poles, guy ropes and pegs."""
    length, width, height = 2.2, 1.8, 1.3 * vary()
    front = length / 2
    door = Decal((front - 0.4, 0.0, -0.32), (front + 0.1, 0.85 * height, 0.32), SHADOW)
    if "dome" in attributes:
        canvas = Piece(Ellipsoid((0.0, 0.0, 0.0), (front, height, width / 2), cut_below=0.0), decals=(door,))
        poles = tuple(
            pole
            for yaw in (math.pi / 4, -math.pi / 4)
            for pole in _polyline(
                [
                    (
                        1.01 * front * math.cos(t) * math.cos(yaw),
                        1.01 * height * math.sin(t),
                        1.01 * width / 2 * math.cos(t) * math.sin(yaw),
                    )
                    for t in torch.linspace(0.0, math.pi, 13).tolist()
                ],
                0.015,
                METAL,
            )
        )
        return [
            Part("canvas", (0.0, 0.0, 0.0), (canvas,)),
            Part("poles", (0.0, 0.0, 0.0), poles, parent="canvas"),
        ]
    # The ridge is shorter than the floor, so the ends slope in; a dark groundsheet trim runs round the foot.
    ridge = 0.8 * front
    canvas = Piece(
        Box((0.0, height / 2, 0.0), (length, height, width), top_scale=(0.8, 0.02), open_bottom=True),
        decals=(
            Decal((ridge - 0.05, 0.0, -0.3), (front + 0.1, 0.68 * height, 0.3), SHADOW),
            Decal((-front - 0.1, 0.0, -width), (front + 0.1, 0.1, width), TRIM),
        ),
    )
    rigging: list[Piece] = [Piece(Tube((-ridge, height, 0.0), (ridge, height, 0.0), 0.025, 0.025), TRIM)]
    for sign in (-1, 1):
        top = (sign * ridge, height + 0.15, 0.0)
        rigging += [
            Piece(Tube((sign * ridge, 0.0, 0.0), top, 0.02, 0.02), METAL),
            Piece(Tube(top, (sign * (front + 0.4), 0.0, 0.0), 0.01, 0.01), ROPE),
        ]
    return [
        Part("canvas", (0.0, 0.0, 0.0), (canvas,)),
        Part("poles", (0.0, 0.0, 0.0), tuple(rigging), parent="canvas"),
    ]


def _fence(vary: Vary, attributes: list[str]) -> list[Part]:
    """A picket fence along x: posts, two rails behind, and pointed pickets in front."""
    length, height = 3.0, 0.95 * vary()
    posts = tuple(
        Piece(Box((x, height / 2 + 0.02, -0.04), (0.09, height + 0.04, 0.09)))
        for x in (-length / 2 + 0.045, 0.0, length / 2 - 0.045)
    )
    rails = tuple(Piece(Box((0.0, y * height, 0.0), (length, 0.08, 0.035))) for y in (0.25, 0.72))
    pickets = tuple(
        piece
        for x in torch.linspace(-length / 2 + 0.1, length / 2 - 0.1, 13).tolist()
        for piece in (
            Piece(Box((x, 0.44 * height, 0.03), (0.09, 0.88 * height, 0.022))),
            Piece(Box((x, 0.94 * height, 0.03), (0.09, 0.12 * height, 0.022), top_scale=(0.02, 1.0))),
        )
    )
    return [
        Part("posts", (0.0, 0.0, 0.0), posts),
        Part("rails", (0.0, 0.0, 0.0), rails, parent="posts"),
        Part("pickets", (0.0, 0.0, 0.0), pickets, parent="rails"),
    ]


def _wall(vary: Vary, attributes: list[str]) -> list[Part]:
    """A brick wall segment (large blocks if 'stone'): mortar joints in running bond, a coping on top."""
    length, height, thick = 4.0, 2.0 * vary(), 0.3
    course, block, joint = (0.33, 0.6, 0.04) if "stone" in attributes else (0.2, 0.45, 0.03)
    rows = round(height / course)
    course = height / rows
    joints = [
        Decal((-length, k * course - joint / 2, -thick), (length, k * course + joint / 2, thick), MORTAR)
        for k in range(1, rows)
    ]
    for k in range(rows):
        shift = (k % 2) * block / 2
        joints += [
            Decal((x - joint / 2, k * course, -thick), (x + joint / 2, (k + 1) * course, thick), MORTAR)
            for x in torch.arange(-length / 2 + shift, length / 2, block).tolist()
        ]
    return [
        Part(
            "wall",
            (0.0, 0.0, 0.0),
            (
                Piece(
                    Box((0.0, height / 2, 0.0), (length, height, thick), open_bottom=True),
                    decals=tuple(joints),
                ),
            ),
        ),
        Part(
            "coping",
            (0.0, height, 0.0),
            (
                Piece(
                    Box((0.0, height + 0.04, 0.0), (length + 0.06, 0.08, thick + 0.08)), MORTAR, accent=True
                ),
            ),
            parent="wall",
        ),
    ]


def _church(vary: Vary, attributes: list[str]) -> list[Part]:
    """A nave under a steep slate roof with tall windows, a square steeple at the front with a belfry, a spire
    and a cross."""
    wall_h, tower_h = 6.5, 11.0 * vary()
    nave_x, tower_x = -1.0, 5.5
    windows = tuple(
        Decal((x - 0.45, 2.0, -4.0), (x + 0.45, 4.6, 4.0), STAINED) for x in (-4.5, -2.5, -0.5, 1.5)
    )
    belfry = (
        *_side_decals((tower_x, 0.0), 1.5, tower_h - 2.6, tower_h - 0.8, 0.45, DARK),
        Decal((tower_x + 1.3, 0.0, -0.65), (tower_x + 1.8, 2.8, 0.65), DOOR),
        Decal((tower_x + 1.3, 4.5, -0.3), (tower_x + 1.8, 6.3, 0.3), STAINED),
    )
    spire_h = 5.5
    cross_y = tower_h + spire_h
    return [
        Part(
            "nave",
            (nave_x, 0.0, 0.0),
            (Piece(Box((nave_x, wall_h / 2, 0.0), (10.0, wall_h, 7.0), open_bottom=True), decals=windows),),
        ),
        Part(
            "roof",
            (nave_x, wall_h, 0.0),
            (
                Piece(
                    Box((nave_x, wall_h + 1.6, 0.0), (10.6, 3.2, 7.8), top_scale=(1.0, 0.02)),
                    SLATE,
                    accent=True,
                ),
            ),
            parent="nave",
        ),
        Part(
            "steeple",
            (tower_x, 0.0, 0.0),
            (
                Piece(Box((tower_x, tower_h / 2, 0.0), (3.0, tower_h, 3.0), open_bottom=True), decals=belfry),
                Piece(
                    Box((tower_x, tower_h + spire_h / 2, 0.0), (3.4, spire_h, 3.4), top_scale=(0.03, 0.03)),
                    SLATE,
                    accent=True,
                ),
                Piece(Box((tower_x, cross_y + 0.6, 0.0), (0.16, 1.3, 0.16)), GOLD),
                Piece(Box((tower_x, cross_y + 0.85, 0.0), (0.75, 0.16, 0.16)), GOLD),
            ),
            parent="nave",
        ),
    ]


def _castle(vary: Vary, attributes: list[str]) -> list[Part]:
    """Curtain walls with a gate between four round corner towers and a tall keep, all with battlements;
    conical roofs on the towers if 'fairytale'."""
    half, wall_h, tower_r, tower_h, thick = 8.0, 6.0, 2.2, 9.0 * vary(), 1.2
    keep_h = 12.0 * vary()
    roofs = any(word in attributes for word in ("fairytale", "fairy", "princess", "magic", "enchanted"))
    gate = Decal((half - 1.0, 0.0, -1.4), (half + 1.0, 3.8, 1.4), SHADOW)
    walls: list[Piece] = []
    for sign in (-1, 1):
        walls += [
            Piece(
                Box((sign * half, wall_h / 2, 0.0), (thick, wall_h, 2 * half), open_bottom=True),
                decals=(gate,) if sign > 0 else (),
            ),
            Piece(Box((0.0, wall_h / 2, sign * half), (2 * half, wall_h, thick), open_bottom=True)),
            *_row_merlons((sign * half, wall_h, -half + 2.6), (sign * half, wall_h, half - 2.6), 7, thick),
            *_row_merlons((-half + 2.6, wall_h, sign * half), (half - 2.6, wall_h, sign * half), 7, thick),
        ]
    parts = [Part("walls", (0.0, 0.0, 0.0), tuple(walls))]
    for name, sx, sz in (("tower_fl", 1, -1), ("tower_fr", 1, 1), ("tower_bl", -1, -1), ("tower_br", -1, 1)):
        x, z = sx * half, sz * half
        slits = tuple(d for y in (3.0, 6.0) for d in _side_decals((x, z), tower_r, y, y + 1.0, 0.2, DARK))
        crown = (
            (
                Piece(
                    Tube((x, tower_h, z), (x, tower_h + 5.0, z), tower_r + 0.4, 0.03), ROOF_BLUE, accent=True
                ),
            )
            if roofs
            else _ring_merlons((x, tower_h, z), tower_r - 0.1, 10)
        )
        parts.append(
            Part(
                name,
                (x, 0.0, z),
                (Piece(Tube((x, 0.0, z), (x, tower_h, z), tower_r, tower_r), decals=slits), *crown),
                parent="walls",
            )
        )
    keep_x, keep_w = -2.0, 7.0
    edge = keep_w / 2 - 0.25
    keep_crown = (
        (
            Piece(
                Box((keep_x, keep_h + 2.5, 0.0), (keep_w + 0.6, 5.0, keep_w + 0.6), top_scale=(0.03, 0.03)),
                ROOF_BLUE,
                accent=True,
            ),
        )
        if roofs
        else tuple(
            merlon
            for sign in (-1, 1)
            for merlon in (
                *_row_merlons(
                    (keep_x - edge, keep_h, sign * edge), (keep_x + edge, keep_h, sign * edge), 5, 0.5
                ),
                *_row_merlons(
                    (keep_x + sign * edge, keep_h, -edge), (keep_x + sign * edge, keep_h, edge), 5, 0.5
                ),
            )
        )
    )
    windows = tuple(
        Decal((keep_x - 0.4, y, -keep_w), (keep_x + 0.4, y + 1.4, keep_w), DARK) for y in (7.0, 9.5)
    )
    parts.append(
        Part(
            "keep",
            (keep_x, 0.0, 0.0),
            (
                Piece(
                    Box((keep_x, keep_h / 2, 0.0), (keep_w, keep_h, keep_w), open_bottom=True), decals=windows
                ),
                *keep_crown,
            ),
            parent="walls",
        )
    )
    return parts


def _sails(length: float, pitch: float) -> tuple[Tensor, Tensor]:
    """Masks [H, W] (row 0 on top) of the frames and the cloth of four lattice sails in an X round the hub at
    the grid's centre: a spar along each, a ladder of bars across the cloth on its trailing side."""
    cells = 2 * math.ceil(0.75 * length / pitch) + 2
    coords = (torch.arange(cells) + 0.5 - cells / 2) * pitch  # [cells]
    y, x = -coords[:, None], coords[None, :]  # [cells, 1], [1, cells]
    frame = torch.zeros(cells, cells, dtype=torch.bool)
    cloth = torch.zeros(cells, cells, dtype=torch.bool)
    for a in (0.25 * math.pi, 0.75 * math.pi, 1.25 * math.pi, 1.75 * math.pi):
        along = x * math.cos(a) + y * math.sin(a)  # [cells, cells]
        across = -x * math.sin(a) + y * math.cos(a)
        frame |= (along > 0.2) & (along < length) & (across.abs() < 0.12)
        panel = (along > 0.9) & (along < length) & (across > 0.12) & (across < 0.95)
        bars = (torch.remainder(along - 0.9, 0.6) < 0.12) | (across > 0.85)
        frame |= panel & bars
        cloth |= panel & ~bars
    return frame, cloth


def _windmill(vary: Vary, attributes: list[str]) -> list[Part]:
    """A tapering tower mill with a stage round it and a domed cap; four lattice sails on a hub facing +z
    (part 'blades', turning about z through the hub, like a wheel)."""
    body_h, hub_y, sail = 7.5 * vary(), 8.2, 5.0
    openings = (
        Decal((-0.6, 0.0, 1.5), (0.6, 2.3, 2.7), DOOR),
        Decal((-0.35, 4.3, 1.2), (0.35, 5.3, 2.4), GLASS),
        Decal((1.2, 4.3, -0.35), (2.4, 5.3, 0.35), GLASS),
        Decal((-2.4, 4.3, -0.35), (-1.2, 5.3, 0.35), GLASS),
    )
    frame, cloth = _sails(sail, 0.09)
    hub = (0.0, hub_y, 2.45)
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, body_h, 0.0), 2.3, 1.5, caps=False), decals=openings),
                Piece(Tube((0.0, 2.9, 0.0), (0.0, 3.05, 0.0), 2.7, 2.7), SAIL_FRAME),  # the stage
            ),
        ),
        Part(
            "cap",
            (0.0, body_h, 0.0),
            (
                Piece(Ellipsoid((0.0, body_h, 0.0), (1.75, 1.5, 1.75), cut_below=0.0), ROOF, accent=True),
                Piece(Tube((0.0, hub_y, 0.8), (0.0, hub_y, 2.4), 0.25, 0.2), SAIL_FRAME),
            ),
            parent="body",
        ),
        Part(
            "blades",
            hub,
            (
                Piece(Ellipsoid(hub, (0.35, 0.35, 0.2)), SAIL_FRAME),
                Piece(Grid(frame, (0.0, hub_y, 2.5), 0.09)),
                Piece(Grid(cloth, (0.0, hub_y, 2.5), 0.09), SAIL_CLOTH),
            ),
            parent="cap",
        ),
    ]


def _skyscraper(vary: Vary, attributes: list[str]) -> list[Part]:
    """A tall square tower with a grid of dark windows on every face, a glazed lobby, a set-back crown and
    an antenna."""
    side, height, floor = 14.0, 50.0 * vary(), 3.3
    half = side / 2
    windows = [Decal((-side, 0.0, -side), (side, 4.0, side), GLASS)]  # lobby
    columns = torch.linspace(-half + 0.9, half - 0.9, 8).tolist()
    for y in torch.arange(5.0, height - 2.0, floor).tolist():
        for c in columns:
            windows += [
                Decal((c - 0.5, y, -side), (c + 0.5, y + 1.8, side), GLASS),
                Decal((-side, y, c - 0.5), (side, y + 1.8, c + 0.5), GLASS),
            ]
    crown_windows = tuple(
        Decal((c - 0.55, height + 0.8, -side), (c + 0.55, height + 2.6, side), GLASS) for c in columns[2:-2]
    )
    return [
        Part(
            "tower",
            (0.0, 0.0, 0.0),
            (
                Piece(
                    Box((0.0, height / 2, 0.0), (side, height, side), open_bottom=True), decals=tuple(windows)
                ),
            ),
        ),
        Part(
            "crown",
            (0.0, height, 0.0),
            (
                Piece(Box((0.0, height + 2.0, 0.0), (0.72 * side, 4.0, 0.72 * side)), decals=crown_windows),
                Piece(Tube((0.0, height + 4.0, 0.0), (0.0, height + 10.0, 0.0), 0.25, 0.06), METAL),
            ),
            parent="tower",
        ),
    ]


CATEGORIES: tuple[Category, ...] = (
    Category("house", (8.0, 6.0, 7.0), "static", (0.85, 0.78, 0.65), build=_house, splats=8000),
    Category("tower", (4.6, 12.9, 4.6), "static", (0.62, 0.6, 0.56), build=_tower, splats=5000),
    Category("lighthouse", (3.8, 13.9, 3.8), "static", (0.95, 0.95, 0.93), build=_lighthouse, splats=5000),
    Category(
        "bridge",
        (6.0, 1.9, 1.6),
        "static",
        (0.55, 0.36, 0.2),
        build=_bridge,
        splats=4500,
        surface_height_m=0.93,
        nouns=("footbridge",),
    ),
    Category("tent", (3.1, 1.45, 2.0), "static", (0.85, 0.45, 0.15), build=_tent, splats=3000),
    Category(
        "fence",
        (3.0, 1.0, 0.12),
        "static",
        (0.95, 0.95, 0.93),
        build=_fence,
        splats=3000,
        nouns=("picket fence",),
    ),
    Category("wall", (4.0, 2.1, 0.38), "static", (0.62, 0.27, 0.18), build=_wall, splats=7000),
    Category(
        "church",
        (13.5, 18.2, 7.8),
        "static",
        (0.88, 0.85, 0.78),
        build=_church,
        splats=7000,
        nouns=("chapel",),
    ),
    Category(
        "castle",
        (20.4, 13.0, 20.4),
        "static",
        (0.62, 0.6, 0.56),
        build=_castle,
        splats=6000,
        nouns=("fortress",),
    ),
    Category("windmill", (8.4, 12.4, 5.2), "static", (0.88, 0.84, 0.74), build=_windmill, splats=4000),
    Category("skyscraper", (14.0, 60.0, 14.0), "static", (0.6, 0.66, 0.72), build=_skyscraper, splats=7000),
)
