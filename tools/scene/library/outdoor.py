"""Outdoor everyday things: street furniture, sports gear, clothing accessories.

Flat things with a printed or strung face (a stop sign, a tie, a racket's strings) are `Grid`s: their outline
and markings are masks on a regular lattice, so letters and stripes stay crisp when they fill the view.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import torch
from torch import Tensor

from scenewright.tools.scene.library.furniture import block
from scenewright.tools.scene.parts import (
    BARK,
    DARK,
    METAL,
    WHITE,
    X_AXIS,
    Y_AXIS,
    Z_AXIS,
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
    ellipse_points,
)

IRON = (0.1, 0.1, 0.11)  # cast iron, painted black
GALVANISED = (0.66, 0.68, 0.7)
GOLD = (0.85, 0.68, 0.25)
GLOW = (1.0, 0.86, 0.5)  # a lit lamp's glass
STONE = (0.5, 0.49, 0.47)
SOLE = (0.14, 0.12, 0.11)
DARK_LEATHER = (0.3, 0.17, 0.08)  # seams, laces, padding
LACE = (0.75, 0.6, 0.35)
STRAP = (0.3, 0.3, 0.33)
INSIDE = (0.08, 0.08, 0.1)  # the dark inside of a shoe or a boot
CREASE = (0.18, 0.17, 0.19)  # the shadow under a fold, whatever the cloth's colour
FLAME_CORE = (1.0, 0.9, 0.35)
FLAME_TIP = (0.9, 0.22, 0.05)


# "STOP" in a 5 x 7 block font, one string per row, '#' for ink.
STOP_GLYPHS = (
    (".####", "#....", "#....", ".###.", "....#", "....#", "####."),
    ("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."),
    (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    ("####.", "#...#", "#...#", "####.", "#....", "#....", "#...."),
)

Outline = Callable[[Tensor, Tensor], Tensor]
"""Which cells of a grid are set, from their centres' coordinates x [1, W] and y [H, 1] (metres, y up)."""


# ---------------------------------------------------------------------------------------------------
# Shared shapes.
# ---------------------------------------------------------------------------------------------------


def _mask(width: float, height: float, pitch: float, inside: Outline) -> Tensor:
    """The cells [H, W] (row 0 on top) of a `width` x `height` grid `pitch` apart, centred on the origin,
    whose centres are `inside`."""
    rows, cols = math.ceil(height / pitch), math.ceil(width / pitch)
    y = (rows / 2 - torch.arange(rows) - 0.5)[:, None] * pitch  # [H, 1]
    x = (torch.arange(cols) + 0.5 - cols / 2)[None, :] * pitch  # [1, W]
    return inside(x, y).expand(rows, cols)


def _text(glyphs: tuple[tuple[str, ...], ...], scale: int) -> Tensor:
    """The ink [H, W] of block-font glyphs side by side, one blank column apart, each cell `scale` cells."""
    rows = [" ".join(row) for row in zip(*glyphs, strict=True)]
    ink = torch.tensor([[c == "#" for c in row] for row in rows])  # [7, W]
    return ink.repeat_interleave(scale, 0).repeat_interleave(scale, 1)


def _pad(mask: Tensor, like: Tensor) -> Tensor:
    """`mask` centred in an empty mask the shape of `like` (as large as `mask`, or larger)."""
    out = torch.zeros_like(like, dtype=torch.bool)
    top, left = (like.shape[0] - mask.shape[0]) // 2, (like.shape[1] - mask.shape[1]) // 2
    out[top : top + mask.shape[0], left : left + mask.shape[1]] = mask
    return out


def _strung(mask: Tensor, every: int) -> Tensor:
    """The cells of `mask` [H, W] on every `every`-th row or column: a racket's strings, a glove's web."""
    rows = torch.arange(mask.shape[0])[:, None] % every == 0  # [H, 1]
    cols = torch.arange(mask.shape[1])[None, :] % every == 0  # [1, W]
    return mask & (rows | cols)


def _arc(
    center: Vec, radii: tuple[float, float], u: Vec, v: Vec, angles: tuple[float, float], r: float, n: int
) -> list[Tube]:
    """`n` tubes of radius `r` along the ellipse `center + a cos t u + b sin t v` between `angles`."""
    points = ellipse_points(center, radii, u, v, angles, n)
    return [Tube(a, b, r, r) for a, b in itertools.pairwise(points)]


# ---------------------------------------------------------------------------------------------------
# Street furniture.
# ---------------------------------------------------------------------------------------------------


def _fire_hydrant(vary: Vary, attributes: list[str]) -> list[Part]:
    """A pillar hydrant: a flanged foot, a barrel with a collar, a domed bonnet under an operating nut, a
    large pumper outlet to the front (+x) and a hose outlet each side, their caps and nuts in steel."""
    barrel_r, collar_y = 0.1, 0.52 * vary()
    bonnet_y = collar_y + 0.1
    outlets = []
    for (dx, dz), radius, y in (((1, 0), 0.055, 0.4), ((0, 1), 0.038, 0.42), ((0, -1), 0.038, 0.42)):
        root, end = barrel_r - 0.02, barrel_r + 0.07
        cap_end = end + 0.035
        outlets += [
            Piece(Tube((dx * root, y, dz * root), (dx * end, y, dz * end), radius, radius)),
            Piece(
                Tube((dx * end, y, dz * end), (dx * cap_end, y, dz * cap_end), radius + 0.01, radius + 0.01),
                METAL,
                accent=True,
            ),
            Piece(
                Tube(
                    (dx * cap_end, y, dz * cap_end),
                    (dx * (cap_end + 0.02), y, dz * (cap_end + 0.02)),
                    0.018,
                    0.018,
                ),
                METAL,
            ),
        ]
    return [
        Part(
            "barrel",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, 0.05, 0.0), 0.15, 0.14)),
                Piece(Tube((0.0, 0.05, 0.0), (0.0, collar_y, 0.0), barrel_r + 0.008, barrel_r, caps=False)),
                Piece(Tube((0.0, collar_y, 0.0), (0.0, collar_y + 0.035, 0.0), 0.13, 0.13)),
                Piece(Tube((0.0, collar_y + 0.035, 0.0), (0.0, bonnet_y, 0.0), 0.11, 0.11, caps=False)),
                *outlets,
            ),
        ),
        Part(
            "bonnet",
            (0.0, bonnet_y, 0.0),
            (
                Piece(
                    Tube((0.0, bonnet_y - 0.01, 0.0), (0.0, bonnet_y + 0.02, 0.0), 0.125, 0.125), accent=True
                ),
                Piece(Ellipsoid((0.0, bonnet_y + 0.02, 0.0), (0.115, 0.09, 0.115), cut_below=0.0)),
                Piece(Tube((0.0, bonnet_y + 0.09, 0.0), (0.0, bonnet_y + 0.135, 0.0), 0.03, 0.026), METAL),
            ),
            parent="barrel",
        ),
    ]


def _stop_sign(vary: Vary, attributes: list[str]) -> list[Part]:
    """A red octagon facing +x on a steel post: a white border and white STOP letters on the face,
    a bare grey back. The face is two grids on one lattice (red, white), so the letters are crisp."""
    width, centre_y = 0.75, 2.05 * vary()
    side = width * math.tan(math.pi / 8)
    pitch = 0.012

    def octagon(inset: float) -> Outline:
        """The octagon shrunk by `inset` all round: inside its four sides and its four diagonal edges."""
        half, diagonal = width / 2 - inset, (width + side) / 2 - inset * math.sqrt(2)
        return lambda x, y: (x.abs() <= half) & (y.abs() <= half) & (x.abs() + y.abs() <= diagonal)

    face = _mask(width, width, pitch, octagon(0.0))  # [H, W]
    border = face & ~_mask(width, width, pitch, octagon(0.03))
    letters = _pad(_text(STOP_GLYPHS, 2), face)
    white = (border | letters) & face
    front = (0.04, centre_y, 0.0)
    back = (0.03, centre_y, 0.0)
    post_top = centre_y + 0.3
    return [
        Part(
            "post",
            (0.0, 0.0, 0.0),
            (Piece(Tube((0.0, 0.0, 0.0), (0.0, post_top, 0.0), 0.03, 0.03), GALVANISED),),
        ),
        Part(
            "sign",
            (0.035, centre_y, 0.0),
            (
                Piece(Grid(face & ~white, front, pitch, math.pi / 2)),
                Piece(Grid(white, front, pitch, math.pi / 2), WHITE),
                Piece(Grid(_mask(width, width, 0.02, octagon(0.0)), back, 0.02, math.pi / 2), GALVANISED),
                *(
                    Piece(Ellipsoid((0.043, centre_y + dy, 0.0), (0.004, 0.01, 0.01)), METAL)
                    for dy in (-0.3, 0.3)
                ),
            ),
            parent="post",
        ),
    ]


def _parking_meter(vary: Vary, attributes: list[str]) -> list[Part]:
    """A single-space meter on a post: a housing with a coin slot and a turn handle, under a round-topped
    head with a bulging glass window (+x) showing a white dial and a red 'expired' flag."""
    post_h = 1.0 * vary()
    top = post_h + 0.2  # the housing's top, where the round head starts
    lens_c = (0.05, top + 0.045, 0.0)
    dial = (
        Decal((0.07, top + 0.055, 0.005), (1.0, top + 0.08, 0.04), (0.85, 0.1, 0.08)),
        Decal((0.07, top + 0.01, -0.05), (1.0, top + 0.03, 0.05), (0.25, 0.27, 0.3)),
    )
    return [
        Part(
            "post",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, post_h, 0.0), 0.035, 0.035), IRON),
                Piece(Tube((0.0, 0.0, 0.0), (0.0, 0.03, 0.0), 0.08, 0.07), IRON),
            ),
        ),
        Part(
            "head",
            (0.0, post_h, 0.0),
            (
                Piece(block((-0.06, post_h - 0.02, -0.05), (0.06, post_h + 0.01, 0.05)), IRON),
                Piece(block((-0.065, post_h + 0.01, -0.08), (0.065, top, 0.08))),
                Piece(Ellipsoid((0.0, top, 0.0), (0.065, 0.11, 0.08), cut_below=0.0)),
                Piece(Ellipsoid(lens_c, (0.03, 0.05, 0.06)), (0.9, 0.92, 0.9), decals=dial),
                Piece(block((0.065, top - 0.05, -0.022), (0.07, top - 0.035, 0.022)), DARK),
                Piece(Tube((0.065, top - 0.12, 0.0), (0.09, top - 0.12, 0.0), 0.014, 0.014), METAL),
                Piece(block((0.085, top - 0.128, -0.035), (0.1, top - 0.112, 0.035)), METAL),
            ),
            parent="post",
        ),
    ]


def _bench(vary: Vary, attributes: list[str]) -> list[Part]:
    """A park bench facing +x: wooden slats for the seat and a raked back between two cast-iron ends, each a
    front leg, a back leg rising into the back support, a seat rail and an armrest."""
    seat_y, half = 0.44, 0.75 * vary()
    slat = 0.03  # the seat slats' thickness
    seat = tuple(
        Piece(block((x - 0.043, seat_y - slat, -half), (x + 0.043, seat_y, half), open_bottom=True))
        for x in (0.18, 0.065, -0.05, -0.165)
    )
    rake = -0.2  # the back supports lean back this much (x) per metre up
    back = tuple(
        Piece(
            block(
                (-0.2 + rake * (y + 0.043 - seat_y) + 0.01, y, -half),
                (-0.2 + rake * (y + 0.043 - seat_y) + 0.032, y + 0.086, half),
            )
        )
        for y in (0.54, 0.66, 0.78)
    )
    ends = []
    for z in (-half + 0.12, half - 0.12):
        ends += [
            Tube((0.2, 0.0, z), (0.22, seat_y, z), 0.022, 0.02),
            Tube((-0.16, 0.0, z), (-0.2, seat_y, z), 0.022, 0.02),
            Tube((-0.2, seat_y, z), (-0.2 + rake * (0.88 - seat_y), 0.88, z), 0.02, 0.018),
            Tube((0.24, seat_y - slat, z), (-0.21, seat_y - slat, z), 0.018, 0.018),
            Tube((0.22, seat_y, z), (0.22, 0.64, z), 0.016, 0.016),
            Tube((0.25, 0.64, z), (-0.22, 0.66, z), 0.022, 0.02),
        ]
    return [
        Part("frame", (0.0, 0.0, 0.0), tuple(Piece(shape, IRON) for shape in ends)),
        Part("seat", (0.0, seat_y, 0.0), seat, parent="frame"),
        Part("back", (-0.22, seat_y, 0.0), back, parent="frame"),
    ]


def _street_lamp(vary: Vary, attributes: list[str]) -> list[Part]:
    """A cast-iron lamp post: a fluted base, a tapering column with a ladder bar, and a lit four-sided
    lantern under a pyramid roof with a finial."""
    column_top = 3.2 * vary()
    glass_low, glass_high = column_top + 0.12, column_top + 0.46
    glass, flare = 0.11, 1.3  # the glass's half-width at the bottom, and how much wider it is at the top
    bars = tuple(
        Piece(
            Tube(
                (sx * glass, glass_low, sz * glass),
                (sx * glass * flare, glass_high, sz * glass * flare),
                0.012,
                0.012,
            )
        )
        for sx in (-1, 1)
        for sz in (-1, 1)
    )
    return [
        Part(
            "column",
            (0.0, 0.0, 0.0),
            (
                Piece(Box((0.0, 0.04, 0.0), (0.34, 0.08, 0.34), top_scale=(0.9, 0.9), open_bottom=True)),
                Piece(Tube((0.0, 0.08, 0.0), (0.0, 0.6, 0.0), 0.13, 0.08)),
                Piece(Tube((0.0, 0.6, 0.0), (0.0, 0.66, 0.0), 0.1, 0.1)),
                Piece(Tube((0.0, 0.66, 0.0), (0.0, column_top, 0.0), 0.06, 0.045)),
                Piece(Tube((0.0, column_top - 0.45, -0.25), (0.0, column_top - 0.45, 0.25), 0.018, 0.018)),
                *(Piece(Ellipsoid((0.0, column_top - 0.45, s * 0.26), (0.03, 0.03, 0.03))) for s in (-1, 1)),
                Piece(Tube((0.0, column_top - 0.05, 0.0), (0.0, column_top + 0.04, 0.0), 0.06, 0.11)),
            ),
        ),
        Part(
            "lantern",
            (0.0, column_top, 0.0),
            (
                Piece(block((-0.11, column_top + 0.04, -0.11), (0.11, glass_low, 0.11))),
                Piece(
                    block((-glass, glass_low, -glass), (glass, glass_high, glass), top_scale=(flare, flare)),
                    GLOW,
                ),
                *bars,
                Piece(
                    block((-0.17, glass_high, -0.17), (0.17, glass_high + 0.2, 0.17), top_scale=(0.1, 0.1))
                ),
                Piece(Ellipsoid((0.0, glass_high + 0.23, 0.0), (0.03, 0.04, 0.03))),
            ),
            parent="column",
        ),
    ]


def _campfire(vary: Vary, attributes: list[str]) -> list[Part]:
    """A ring of stones round a teepee of logs over two crossed ones (pale cut ends), flames rising from
    glowing embers: each tongue bends once, yellow at its root, the main colour, red towards its tip."""
    ring, peak = 0.38, 0.42 * vary()
    stones = tuple(
        Piece(Ellipsoid((ring * math.cos(a), 0.045, ring * math.sin(a)), (0.08, 0.055, 0.06), yaw=-a), STONE)
        for a in (k * math.tau / 11 + 0.2 for k in range(11))
    )
    logs = []
    for start, end, r in (
        ((-0.28, 0.04, -0.09), (0.28, 0.04, 0.11), 0.04),
        ((-0.09, 0.1, 0.27), (0.11, 0.1, -0.27), 0.036),
    ):
        logs.append(Piece(Tube(start, end, r, r, caps=False), BARK))
        logs += [Piece(Ellipsoid(p, (r, r, r)), (0.78, 0.62, 0.4)) for p in (start, end)]
    for a in (k * math.tau / 5 + 0.3 for k in range(5)):
        foot = (0.25 * math.cos(a), 0.03, 0.25 * math.sin(a))
        logs.append(Piece(Tube(foot, (0.02 * math.cos(a), peak, 0.02 * math.sin(a)), 0.03, 0.022), BARK))
    flames = [Piece(Ellipsoid((0.0, 0.07, 0.0), (0.17, 0.035, 0.17)), (0.95, 0.3, 0.05))]
    for a, d, height, width in (
        (0.0, 0.0, 0.78, 0.085), (0.5, 0.1, 0.5, 0.06), (2.2, 0.1, 0.6, 0.065), (4.0, 0.11, 0.46, 0.06),
        (1.3, 0.13, 0.36, 0.05), (3.1, 0.13, 0.42, 0.05), (5.1, 0.12, 0.38, 0.05),
    ):  # fmt: skip
        x, z = d * math.cos(a), d * math.sin(a)
        height *= vary()
        sway = 0.25 * width * (1 if a < math.pi else -1)
        root = (x, 0.1, z)
        bend = (1.2 * x + sway, 0.45 * height, 1.2 * z)
        tip = (1.4 * x - sway, height, 1.4 * z + sway)
        flames += [
            Piece(Ellipsoid((x, 0.15, z), (0.9 * width, 0.08, 0.9 * width)), FLAME_CORE),
            Piece(Tube(root, bend, width, 0.7 * width)),
            Piece(Ellipsoid(bend, (0.7 * width, 0.7 * width, 0.7 * width))),
            Piece(Tube(bend, tip, 0.7 * width, 0.003), FLAME_TIP, accent=True),
        ]
    return [
        Part("stones", (0.0, 0.0, 0.0), stones),
        Part("logs", (0.0, 0.0, 0.0), tuple(logs), parent="stones"),
        Part("flames", (0.0, 0.1, 0.0), tuple(flames), parent="logs"),
    ]


# ---------------------------------------------------------------------------------------------------
# Clothing and accessories.
# ---------------------------------------------------------------------------------------------------


def _tie(vary: Vary, attributes: list[str]) -> list[Part]:
    """A knotted necktie hanging point down, its blade facing +x: light diagonal stripes on the main colour,
    a plain back; a tapered knot on top."""
    length, pitch = 0.46 * vary(), 0.004
    tip, blade, neck = 0.045, 0.044, 0.018  # the point's height, half-widths at the point and under the knot

    def outline(x: Tensor, y: Tensor) -> Tensor:
        v = y + length / 2  # height above the point [H, 1]
        half = torch.where(v < tip, blade * v / tip, blade + (neck - blade) * (v - tip) / (length - tip))
        return (x.abs() <= half) & (v >= 0)

    blade_mask = _mask(2 * blade + pitch, length, pitch, outline)  # [H, W]
    rows, cols = torch.meshgrid(
        torch.arange(blade_mask.shape[0]), torch.arange(blade_mask.shape[1]), indexing="ij"
    )
    stripes = blade_mask & (torch.remainder(rows - cols, 16) < 3)
    centre = (0.004, length / 2, 0.0)
    knot_y = length - 0.005
    return [
        Part(
            "blade",
            (0.0, length, 0.0),
            (
                Piece(Grid(blade_mask & ~stripes, centre, pitch, math.pi / 2)),
                Piece(Grid(stripes, centre, pitch, math.pi / 2), (0.85, 0.82, 0.72)),
                Piece(Grid(blade_mask, (-0.004, length / 2, 0.0), pitch, math.pi / 2)),
            ),
        ),
        Part(
            "knot",
            (0.0, knot_y, 0.0),
            (
                Piece(
                    Box((0.004, knot_y + 0.024, 0.0), (0.022, 0.048, 0.03), top_scale=(1.1, 1.65)),
                    decals=(Decal((-1.0, knot_y - 1.0, -1.0), (1.0, knot_y + 0.005, 1.0), CREASE),),
                ),
            ),
            parent="blade",
        ),
    ]


def _handbag(vary: Vary, attributes: list[str]) -> list[Part]:
    """A leather handbag: a body narrowing to the top, a front flap with a gold clasp, stitched edges and an
    arched handle on gold rings."""
    width, height = 0.3 * vary(), 0.21 * vary()
    depth = 0.12
    lean = 0.018  # the front face leans back by this much from bottom to top
    flap_low = 0.55 * height
    flap = Box(
        ((depth - lean * (1 + flap_low / height)) / 2 + 0.004, (flap_low + height) / 2, 0.0),
        (0.008, height - flap_low, 0.96 * width),
        top_shift=-lean * (1 - flap_low / height),
    )
    seams = (Decal((-1.0, 0.0, -1.0), (1.0, 0.008, 1.0), DARK_LEATHER),)
    flap_edge = (Decal((-1.0, flap_low, -1.0), (1.0, flap_low + 0.007, 1.0), DARK_LEATHER),)
    ring_z = 0.09
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (
                Piece(
                    Box((0.0, height / 2, 0.0), (depth, height, width), top_scale=(0.7, 0.85)), decals=seams
                ),
                Piece(flap, accent=True, decals=flap_edge),
                Piece(
                    Ellipsoid(
                        (depth / 2 - lean * flap_low / height + 0.01, flap_low + 0.005, 0.0),
                        (0.005, 0.011, 0.016),
                    ),
                    GOLD,
                ),
            ),
        ),
        Part(
            "handle",
            (0.0, height, 0.0),
            (
                *(
                    Piece(t, accent=True)
                    for t in _arc(
                        (0.0, height + 0.015, 0.0), (ring_z, 0.13), Z_AXIS, Y_AXIS, (0.0, math.pi), 0.009, 10
                    )
                ),
                *(
                    Piece(Ellipsoid((0.0, height + 0.012, s * ring_z), (0.006, 0.012, 0.012)), GOLD)
                    for s in (-1, 1)
                ),
            ),
            parent="body",
        ),
    ]


def _boot(vary: Vary, attributes: list[str]) -> list[Part]:
    """A laced leather boot, toe to +x: a lugged sole with a heel, a rounded toe box, an ankle shaft with a
    padded collar, laces criss-crossing up its front between brass eyelets, and a pull tab at the back."""
    top = 0.28 * vary()
    low, high = (-0.065, 0.04, 0.062), (-0.05, top, 0.055)  # the shaft's axis (x, y) and radius at its ends

    def front(y: float) -> float:
        """The x of the shaft's front at height y."""
        t = (y - low[1]) / (high[1] - low[1])
        return low[0] + low[2] + t * (high[0] + high[2] - low[0] - low[2])

    eyelets = [0.11 + 0.028 * k for k in range(6)]
    laces = [
        Piece(
            Tube((front(y0) - 0.001, y0, s * 0.024), (front(y1) - 0.001, y1, -s * 0.024), 0.0035, 0.0035),
            LACE,
        )
        for y0, y1 in itertools.pairwise(eyelets)
        for s in (-1, 1)
    ]
    laces += [
        Piece(Ellipsoid((front(y) - 0.006, y, s * 0.027), (0.005, 0.005, 0.005)), GOLD)
        for y in eyelets
        for s in (-1, 1)
    ]
    return [
        Part(
            "sole",
            (0.0, 0.0, 0.0),
            (
                Piece(block((-0.13, 0.0, -0.052), (0.1, 0.03, 0.052), open_bottom=True), SOLE),
                Piece(Ellipsoid((0.1, 0.015, 0.0), (0.05, 0.015, 0.052), cut_below=-0.99), SOLE),
                Piece(block((-0.14, 0.0, -0.05), (-0.06, 0.045, 0.05), open_bottom=True), SOLE),
            ),
        ),
        Part(
            "upper",
            (-0.05, 0.03, 0.0),
            (
                Piece(Ellipsoid((0.02, 0.03, 0.0), (0.125, 0.07, 0.05), cut_below=0.0)),
                Piece(Ellipsoid((0.09, 0.035, 0.0), (0.055, 0.05, 0.048), cut_below=0.0), accent=True),
                Piece(Tube((low[0], low[1], 0.0), (high[0], top, 0.0), low[2], high[2], caps=False)),
                Piece(Ellipsoid((high[0], top - 0.01, 0.0), (0.05, 0.002, 0.05)), INSIDE),
                Piece(
                    Tube((high[0], top - 0.012, 0.0), (high[0], top + 0.008, 0.0), 0.062, 0.062, caps=False),
                    DARK_LEATHER,
                ),
                Piece(Ellipsoid((front(top) - 0.012, top + 0.005, 0.0), (0.012, 0.03, 0.026)), accent=True),
                Piece(block((-0.122, top - 0.02, -0.012), (-0.112, top + 0.03, 0.012)), DARK_LEATHER),
                *laces,
            ),
            parent="sole",
        ),
    ]


def _shoe(vary: Vary, attributes: list[str]) -> list[Part]:
    """A sneaker, toe to +x: a white rubber sole, a low toe box rising to a padded heel round a dark opening,
    three white stripes slanting down each side, white laces across the instep over a tongue, a heel tab."""
    sole, heel_h = 0.032, 0.064 * vary()
    toe = ((0.045, sole - 0.004, 0.0), (0.085, 0.04, 0.042))  # the upper's two halves: (centre, radii)
    heel = ((-0.055, sole - 0.004, 0.0), (0.075, heel_h, 0.043))
    rim = 0.8  # the heel's top is cut off here (of its height): the opening

    def across(x: float, y: float) -> float:
        """The upper's half-width at (x, y): the wider of its two halves there."""
        return max(
            r[2] * math.sqrt(max(0.0, 1 - ((x - c[0]) / r[0]) ** 2 - ((y - c[1]) / r[1]) ** 2))
            for c, r in (toe, heel)
        )

    def height(x: float) -> float:
        """The upper's height at x on the midline."""
        return max(c[1] + r[1] * math.sqrt(max(0.0, 1 - ((x - c[0]) / r[0]) ** 2)) for c, r in (toe, heel))

    stripes = []
    for x in (-0.005, 0.017, 0.039):
        low, high = (x, sole + 0.006), (x - 0.03, min(height(x - 0.03) - 0.01, sole + 0.046))
        for side in (-1, 1):
            ends = [(u, v, side * (across(u, v) + 0.002)) for u, v in (low, high)]
            stripes.append(Piece(Tube(ends[0], ends[1], 0.0055, 0.0055), WHITE))
    opening_y = sole + rim * heel_h
    opening_r = (heel[1][0] * math.sqrt(1 - rim**2), heel[1][2] * math.sqrt(1 - rim**2))
    laces = tuple(
        Piece(Tube((x, height(x) + 0.002, -0.02), (x, height(x) + 0.002, 0.02), 0.0028, 0.0028), WHITE)
        for x in (-0.002, 0.014, 0.03, 0.046)
    )
    outsole = (Decal((-1.0, -1.0, -1.0), (1.0, 0.004, 1.0), (0.45, 0.45, 0.47)),)
    return [
        Part(
            "sole",
            (0.0, 0.0, 0.0),
            (
                Piece(
                    Ellipsoid((-0.005, sole / 2, 0.0), (0.138, sole, 0.05), cut_below=-0.5, cut_above=0.5),
                    WHITE,
                    decals=outsole,
                ),
            ),
        ),
        Part(
            "upper",
            (0.0, sole, 0.0),
            (
                Piece(Ellipsoid(*toe, cut_below=0.0)),
                Piece(Ellipsoid(*heel, cut_below=0.0, cut_above=rim)),
                Piece(
                    Ellipsoid((heel[0][0], opening_y - 0.004, 0.0), (opening_r[0], 0.002, opening_r[1])),
                    INSIDE,
                ),
                *(
                    Piece(t, accent=True)
                    for t in _arc(
                        (heel[0][0], opening_y, 0.0), opening_r, X_AXIS, Z_AXIS, (0.0, math.tau), 0.006, 16
                    )
                ),
                Piece(
                    Ellipsoid((0.005, height(0.005) + 0.004, 0.0), (0.03, 0.006, 0.022), pitch=-0.5), WHITE
                ),
                Piece(
                    block((-0.133, opening_y - 0.012, -0.008), (-0.127, opening_y + 0.01, 0.008)), accent=True
                ),
                *stripes,
                *laces,
            ),
            parent="sole",
        ),
    ]


# ---------------------------------------------------------------------------------------------------
# Sports gear.
# ---------------------------------------------------------------------------------------------------


def _skis(vary: Vary, attributes: list[str]) -> list[Part]:
    """A pair of skis lying side by side, tips to +x curving up and narrowing to a round point: a top sheet in
    the main colour with a white band, bindings at the middle (a toe piece, a taller heel piece with its
    brake arms, a steel plate between)."""
    length, width, thick = 1.4 * vary(), 0.075, 0.014
    skis: list[Piece] = []
    bindings: list[Piece] = []
    for z in (-0.06, 0.06):
        band = (Decal((0.3, -1.0, z - 1.0), (0.5, 1.0, z + 1.0), WHITE),)
        skis.append(Piece(Box((0.0, thick / 2, z), (length, thick, width)), decals=band))
        # The shovel (and a short raised tail): flat segments climbing away from the ends.
        for sign, slopes in ((1, (0.06, 0.16, 0.3, 0.46, 0.64, 0.84)), (-1, (0.06, 0.14))):
            x, y, step = sign * length / 2, thick / 2, 0.04
            for k, slope in enumerate(slopes):
                half_w = width / 2 * (1.06 if k < len(slopes) - 2 else 0.8 - 0.25 * (k - len(slopes) + 2))
                mid = (x + sign * 0.5 * step * math.cos(slope), y + 0.5 * step * math.sin(slope), z)
                skis.append(Piece(Ellipsoid(mid, (0.65 * step, thick / 2, half_w), pitch=sign * slope)))
                x, y = x + sign * step * math.cos(slope), y + step * math.sin(slope)
        bindings += [
            Piece(
                block((0.1, thick, z - 0.032), (0.2, thick + 0.05, z + 0.032), top_scale=(0.6, 0.85)), DARK
            ),
            Piece(block((0.19, thick + 0.01, z - 0.02), (0.215, thick + 0.04, z + 0.02)), METAL),
            Piece(
                block((-0.3, thick, z - 0.032), (-0.15, thick + 0.07, z + 0.032), top_scale=(0.65, 0.85)),
                DARK,
            ),
            Piece(block((-0.15, thick, z - 0.025), (0.1, thick + 0.012, z + 0.025)), METAL),
            *(
                Piece(
                    Tube(
                        (-0.2, thick + 0.01, z + s * 0.036),
                        (-0.1, thick + 0.004, z + s * 0.045),
                        0.005,
                        0.005,
                    ),
                    DARK,
                )
                for s in (-1, 1)
            ),
        ]
    return [
        Part("skis", (0.0, 0.0, 0.0), tuple(skis)),
        Part("bindings", (0.0, thick, 0.0), tuple(bindings), parent="skis"),
    ]


def _binding(x: float, yaw: float, y: float) -> list[Piece]:
    """A snowboard binding on the board's top (height y) at x, turned by yaw: a base plate, a high back at
    the heel edge (-z) and two straps arching across."""
    c, s = math.cos(yaw), math.sin(yaw)

    def at(u: float, v: float, height: float) -> Vec:
        """A point u along the binding (+x) and v across it (+z)."""
        return (x + u * c + v * s, height, -u * s + v * c)

    return [
        Piece(Box(at(0.0, 0.0, y + 0.01), (0.1, 0.02, 0.22), yaw=yaw), DARK),
        Piece(Box(at(0.0, -0.1, y + 0.09), (0.12, 0.16, 0.02), top_scale=(0.75, 1.0), yaw=yaw), DARK),
        *(
            Piece(t, STRAP)
            for u in (-0.04, 0.04)
            for t in _arc(
                at(u, 0.005, y + 0.02), (0.085, 0.06), (s, 0.0, c), Y_AXIS, (0.0, math.pi), 0.013, 8
            )
        ),
    ]


def _snowboard(vary: Vary, attributes: list[str]) -> list[Part]:
    """A snowboard lying flat along x with upturned round ends banded in white, and two bindings angled
    apart (duck stance)."""
    length, width, thick = 1.2 * vary(), 0.25, 0.014
    bands = tuple(
        Decal((low, -1.0, -1.0), (high, 1.0, 1.0), WHITE)
        for low, high in (sorted((s * (length / 2 - 0.13), s * (length / 2 - 0.1))) for s in (-1, 1))
    )
    ends = tuple(
        Piece(Ellipsoid((s * (length / 2 + 0.02), 0.022, 0.0), (0.13, thick / 2, width / 2), pitch=s * 0.22))
        for s in (-1, 1)
    )
    return [
        Part(
            "board",
            (0.0, 0.0, 0.0),
            (Piece(Box((0.0, thick / 2, 0.0), (length, thick, width)), decals=bands), *ends),
        ),
        Part(
            "bindings",
            (0.0, thick, 0.0),
            (*_binding(-0.27, 0.25, thick), *_binding(0.27, -0.25, thick)),
            parent="board",
        ),
    ]


def _tennis_racket(vary: Vary, attributes: list[str]) -> list[Part]:
    """A tennis racket standing on its butt, its head spread along x (seen from +z): an oval frame in the
    main colour round a lattice of white strings, an open throat, and a dark wrapped grip."""
    handle, head_b = 0.2, 0.175 * vary()  # the grip's length; the head's half-height
    head_a = 0.13  # half-width
    head_y = handle + 0.12 + head_b
    pitch, spacing = 0.0028, 6  # the strings' lattice: 17 mm apart
    bed = _mask(
        2 * head_a,
        2 * head_b,
        pitch,
        lambda x, y: (x / (head_a - 0.008)) ** 2 + (y / (head_b - 0.008)) ** 2 <= 1,
    )
    strings = _strung(bed, spacing)
    frame = _arc((0.0, head_y, 0.0), (head_a, head_b), X_AXIS, Y_AXIS, (0.0, math.tau), 0.011, 28)
    throat_top = head_y - head_b * math.sin(math.radians(62))
    throat = [
        Tube(
            (s * head_a * math.cos(math.radians(62)), throat_top, 0.0),
            (s * 0.012, handle + 0.01, 0.0),
            0.01,
            0.011,
        )
        for s in (-1, 1)
    ]
    wrap = tuple(
        Decal((-1.0, y, -1.0), (1.0, y + 0.006, 1.0), (0.3, 0.3, 0.32))
        for y in (0.02 + 0.022 * k for k in range(8))
    )
    return [
        Part(
            "handle",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, handle, 0.0), 0.017, 0.015), (0.1, 0.1, 0.11), decals=wrap),
                Piece(Tube((0.0, 0.0, 0.0), (0.0, 0.012, 0.0), 0.019, 0.019), (0.1, 0.1, 0.11)),
                Piece(Tube((0.0, handle, 0.0), (0.0, handle + 0.02, 0.0), 0.014, 0.012), accent=True),
            ),
        ),
        Part(
            "head",
            (0.0, handle, 0.0),
            (
                *(Piece(t) for t in (*frame, *throat)),
                Piece(Grid(strings, (0.0, head_y, 0.0), pitch), (0.95, 0.95, 0.88)),
            ),
            parent="handle",
        ),
    ]


def _baseball_bat(vary: Vary, attributes: list[str]) -> list[Part]:
    """A wooden bat lying along x, knob at -x: a thin taped handle swelling into the barrel, a rounded end and
    a dark brand oval on the barrel."""
    length = 0.84 * vary()
    profile = [(-0.5, 0.012), (-0.22, 0.013), (-0.05, 0.019), (0.12, 0.03), (0.3, 0.033), (0.48, 0.031)]
    tape = (Decal((-1.0, -1.0, -1.0), (-0.27 * length, 1.0, 1.0), (0.12, 0.12, 0.14)),)
    brand = tuple(
        Decal((0.2 * length, 0.022, low), (0.3 * length, 0.044, high), (0.2, 0.12, 0.06))
        for low, high in ((-1.0, -0.02), (0.02, 1.0))
    )  # an oval label on each side
    axis_y = 0.033
    points = [(u * length, axis_y, 0.0) for u, _ in profile]
    barrel = [
        Piece(Tube(a, b, ra, rb, caps=False), decals=(*tape, *brand))
        for (a, (_, ra)), (b, (_, rb)) in itertools.pairwise(zip(points, profile, strict=True))
    ]
    end = points[-1]
    knob = points[0]
    return [
        Part(
            "bat",
            (0.0, axis_y, 0.0),
            (
                *barrel,
                Piece(Ellipsoid(end, (0.012, 0.031, 0.031))),
                Piece(Ellipsoid((knob[0] - 0.004, axis_y, 0.0), (0.01, 0.021, 0.021)), (0.12, 0.12, 0.14)),
            ),
        )
    ]


def _finger(base: Vec, lean: float, length: float, width: float, thick: float) -> Ellipsoid:
    """A padded finger in the yz plane from `base`, leaning `lean` radians from +y towards +z."""
    centre = (base[0], base[1] + 0.5 * length * math.cos(lean), base[2] + 0.5 * length * math.sin(lean))
    return Ellipsoid(centre, (0.5 * length, width, thick), yaw=math.pi / 2, pitch=math.pi / 2 + lean)


def _baseball_glove(vary: Vary, attributes: list[str]) -> list[Part]:
    """A fielder's glove (a left hand's) standing on its cuff, pocket to +x: a padded palm with a darker
    pocket, four fat fingers fanning up, a thumb out to +z, a laced web between thumb and forefinger, lace
    stitched over the finger tips."""
    reach = vary()
    fingers, laced = [], []
    for z, lean, length in (
        (-0.075, -0.13, 0.16),
        (-0.036, -0.045, 0.18),
        (0.003, 0.04, 0.18),
        (0.042, 0.13, 0.17),
    ):
        base = (0.0, 0.15, z)
        fingers.append(Piece(_finger(base, lean, length * reach, 0.022, 0.034)))
        end = 0.88 * length * reach  # the lace runs through each finger just below its tip
        laced.append((0.0, base[1] + end * math.cos(lean), z + end * math.sin(lean)))
    lace = [Piece(Tube(a, b, 0.005, 0.005), DARK_LEATHER) for a, b in itertools.pairwise(laced)]
    thumb = _finger((0.0, 0.08, 0.07), 0.42, 0.19 * reach, 0.03, 0.036)

    def web_outline(x: Tensor, y: Tensor) -> Tensor:
        return (x.abs() < 0.032) & (y.abs() < 0.05) & (y < 0.03 + 0.6 * x)

    pitch = 0.005
    web = _strung(_mask(0.064, 0.1, pitch, web_outline), 3)
    return [
        Part(
            "glove",
            (0.0, 0.12, 0.0),
            (
                Piece(Ellipsoid((0.0, 0.13, -0.012), (0.06, 0.105, 0.09))),
                Piece(Ellipsoid((0.04, 0.15, -0.01), (0.025, 0.07, 0.062)), (0.55, 0.32, 0.14)),
                Piece(Ellipsoid((0.0, 0.035, -0.01), (0.05, 0.035, 0.08)), DARK_LEATHER),
                *fingers,
                *lace,
                Piece(thumb),
                *(
                    Piece(Grid(web, (x, 0.27 * reach, 0.1), pitch, math.pi / 2), DARK_LEATHER)
                    for x in (-0.004, 0.004)
                ),
            ),
        )
    ]


CATEGORIES: tuple[Category, ...] = (
    Category(
        "fire hydrant",
        (0.37, 0.76, 0.45),
        "static",
        (0.8, 0.1, 0.08),
        build=_fire_hydrant,
        splats=3500,
        nouns=("hydrant", "fireplug", "fire plug"),
    ),
    Category(
        "stop sign",
        (0.077, 2.42, 0.75),
        "static",
        (0.8, 0.07, 0.08),
        build=_stop_sign,
        splats=3000,
    ),
    Category(
        "parking meter",
        (0.18, 1.31, 0.16),
        "static",
        (0.4, 0.42, 0.46),
        build=_parking_meter,
        splats=3000,
    ),
    Category(
        "bench",
        (0.56, 0.88, 1.5),
        "static",
        (0.55, 0.36, 0.2),
        build=_bench,
        splats=6000,
        surface_height_m=0.44,
        nouns=("park bench", "garden bench"),
    ),
    Category(
        "street lamp",
        (0.34, 3.9, 0.58),
        "static",
        (0.12, 0.13, 0.12),
        build=_street_lamp,
        splats=4500,
        nouns=("streetlamp", "streetlight", "street light", "lamppost", "lamp post"),
    ),
    Category(
        "campfire",
        (0.91, 0.79, 0.91),
        "static",
        (1.0, 0.55, 0.08),
        build=_campfire,
        splats=4500,
        nouns=("bonfire", "camp fire", "fire pit", "firepit"),
    ),
    Category(
        "tie",
        (0.025, 0.5, 0.08),
        "static",
        (0.62, 0.08, 0.12),
        build=_tie,
        splats=3000,
        nouns=("necktie", "neck tie"),
    ),
    Category(
        "handbag",
        (0.125, 0.36, 0.3),
        "static",
        (0.5, 0.27, 0.13),
        build=_handbag,
        splats=3500,
        nouns=("purse", "bag", "tote", "tote bag", "shoulder bag"),
    ),
    Category(
        "boot",
        (0.29, 0.31, 0.12),
        "static",
        (0.45, 0.27, 0.13),
        build=_boot,
        splats=5000,
        nouns=("hiking boot", "work boot", "ankle boot", "combat boot"),
    ),
    Category(
        "shoe",
        (0.275, 0.093, 0.1),
        "static",
        (0.15, 0.3, 0.65),
        build=_shoe,
        splats=5000,
        nouns=("sneaker", "running shoe", "tennis shoe", "sports shoe"),
    ),
    Category(
        "skis",
        (1.7, 0.1, 0.22),
        "static",
        (0.8, 0.15, 0.1),
        build=_skis,
        splats=5000,
        nouns=("ski",),
    ),
    Category(
        "snowboard",
        (1.5, 0.19, 0.25),
        "static",
        (0.15, 0.45, 0.75),
        build=_snowboard,
        splats=5000,
        nouns=("snow board",),
    ),
    Category(
        "tennis racket",
        (0.28, 0.68, 0.037),
        "static",
        (0.15, 0.3, 0.75),
        build=_tennis_racket,
        splats=2500,
        nouns=("racket", "racquet", "tennis racquet"),
    ),
    Category(
        "baseball bat",
        (0.85, 0.066, 0.066),
        "static",
        (0.8, 0.62, 0.38),
        build=_baseball_bat,
        splats=2000,
        nouns=("softball bat",),
    ),
    Category(
        "baseball glove",
        (0.125, 0.33, 0.265),
        "static",
        (0.7, 0.43, 0.2),
        build=_baseball_glove,
        splats=3500,
        nouns=("mitt", "baseball mitt", "softball glove"),
    ),
)
