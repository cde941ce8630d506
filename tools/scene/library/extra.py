"""More everyday things: a solar panel, a robot vacuum, a feather, a ferris wheel, a telescope, a hammock.

Things with a front (the solar panel's cells, the ferris wheel's face, the hammock's long side) face +x like
the bench. The feather is flat and its outline is what names it, so it lies in the xy plane, face to +z,
like the sword: a `Grid`, so its barbs stay crisp when it fills the view.
"""

from __future__ import annotations

import math

import torch

from scenewright.tools.scene.library.furniture import block
from scenewright.tools.scene.library.indoor import pipe_path, rod, tiled
from scenewright.tools.scene.parts import (
    DARK,
    METAL,
    WHITE,
    Box,
    Category,
    Ellipsoid,
    Grid,
    Part,
    Piece,
    Tube,
    Vary,
    Vec,
)

SILVER = (0.74, 0.76, 0.8)  # an aluminium frame
LIGHT_GREY = (0.62, 0.63, 0.66)
QUILL = (0.93, 0.9, 0.8)
BARB = (0.62, 0.58, 0.5)  # the darker lines between a feather's barbs
CREAM = (0.92, 0.87, 0.74)
ROPE = (0.8, 0.72, 0.55)
WOOD = (0.5, 0.33, 0.18)
GONDOLAS: tuple[Vec, ...] = ((0.85, 0.15, 0.12), (0.95, 0.75, 0.15), (0.15, 0.45, 0.85), (0.2, 0.65, 0.3))


def _sheared(low_edge: Vec, rise: float, run: float, thick: float, z: tuple[float, float]) -> Box:
    """A slab leaning back: its bottom edge at `low_edge` (x, y), its top edge `rise` higher and `run`
    further back (-x), `thick` deep along x and spanning `z`. A Box only yaws, so a tilted slab is a box
    whose top is shifted back (a parallelogram in the xy plane)."""
    x, y, _ = low_edge
    return Box(
        (x, y + rise / 2, (z[0] + z[1]) / 2),
        (thick, rise, z[1] - z[0]),
        top_shift=-run,
    )


# ---------------------------------------------------------------------------------------------------
# Solar panel, robot vacuum.
# ---------------------------------------------------------------------------------------------------


def _solar_panel(vary: Vary, attributes: list[str]) -> list[Part]:
    """A panel tilted to the sky towards +x: a grid of dark-blue cells on a silver backing inside a
    silver frame, on two short legs with feet along x."""
    length, half = 1.0, 0.85 * vary()  # along the slope; half the width (z)
    tilt, low = math.radians(35.0), 0.3  # the slope, and the front edge's height
    front = length * math.cos(tilt) / 2  # the front edge's x: the panel is centred over the origin
    rows, cols, gap = 6, 10, 0.012

    def at(s: float) -> Vec:
        """The point `s` metres up the slope from the front edge (z = 0)."""
        return (front - s * math.cos(tilt), low + s * math.sin(tilt), 0.0)

    cells = []
    for row in range(rows):
        s0, s1 = (length * (row + f) / rows for f in (0.0, 1.0))
        for col in range(cols):
            z0, z1 = (-half + 2 * half * (col + f) / cols for f in (0.0, 1.0))
            start = at(s0 + gap / 2)
            cells.append(
                Piece(
                    _sheared(
                        (start[0] + 0.012, start[1], 0.0),
                        (s1 - s0 - gap) * math.sin(tilt),
                        (s1 - s0 - gap) * math.cos(tilt),
                        0.01,
                        (z0 + gap / 2, z1 - gap / 2),
                    )
                )
            )
    frame = [
        Piece(
            _sheared(at(0.0), length * math.sin(tilt), length * math.cos(tilt), 0.02, (-half, half)), SILVER
        ),
        *(
            piece
            for s in (0.0, length)
            for piece in rod(
                (at(s)[0] + 0.01, at(s)[1], -half), (at(s)[0] + 0.01, at(s)[1], half), 0.018, 0.018, SILVER
            )
        ),
        *(
            piece
            for z in (-half, half)
            for piece in rod(
                (at(0.0)[0] + 0.01, at(0.0)[1], z),
                (at(length)[0] + 0.01, at(length)[1], z),
                0.018,
                0.018,
                SILVER,
            )
        ),
    ]
    legs = []
    for z in (-0.55 * half, 0.55 * half):
        legs += [
            *rod((front - 0.05, 0.0, z), (front - 0.05, low, z), 0.025, 0.025, METAL),
            *rod(
                (-front + 0.05, 0.0, z), (at(length * 0.95)[0], at(length * 0.95)[1], z), 0.025, 0.025, METAL
            ),
            Piece(block((-front, 0.0, z - 0.04), (front, 0.04, z + 0.04)), METAL),
        ]
    return [
        Part("stand", (0.0, 0.0, 0.0), tuple(legs)),
        Part("panel", at(length / 2), (*frame, *cells), parent="stand"),
    ]


def _robot_vacuum(vary: Vary, attributes: list[str]) -> list[Part]:
    """A flat round disc on the floor: a dark body on a black skirt, a lighter ring round the top, a dark
    centre with a button, and a small round sensor bump towards the front (+x)."""
    radius, height = 0.17 * vary(), 0.07
    top = height + 0.004
    body = (
        Piece(Tube((0.0, 0.008, 0.0), (0.0, height, 0.0), radius, radius)),
        Piece(Tube((0.0, 0.0, 0.0), (0.0, 0.008, 0.0), radius - 0.01, radius - 0.01), DARK),
    )
    deck = (
        Piece(Tube((0.0, height, 0.0), (0.0, top, 0.0), radius - 0.006, radius - 0.006), LIGHT_GREY),
        Piece(Tube((0.0, top, 0.0), (0.0, top + 0.002, 0.0), 0.62 * radius, 0.62 * radius)),
        Piece(Tube((0.0, top + 0.002, 0.0), (0.0, top + 0.005, 0.0), 0.02, 0.02), LIGHT_GREY),
        Piece(Ellipsoid((0.1 * radius / 0.17, top, 0.0), (0.03, 0.014, 0.03), cut_below=0.0), DARK),
    )
    return [
        Part("body", (0.0, 0.0, 0.0), body),
        Part("deck", (0.0, height, 0.0), deck, parent="body"),
    ]


# ---------------------------------------------------------------------------------------------------
# Feather.
# ---------------------------------------------------------------------------------------------------


def _feather(vary: Vary, attributes: list[str]) -> list[Part]:
    """A flight feather in the xy plane, face to +z: a quill curving up towards the tip (+x), bare at the
    root, carrying a vane that is narrower on its upper side; darker lines mark the barbs, slanting
    towards the tip, and two splits open between them."""
    length, pitch = 0.3 * vary(), 0.0015
    rows, cols = math.ceil(0.075 / pitch), math.ceil(length / pitch)
    x = (torch.arange(cols) + 0.5) * pitch - length / 2  # [W]
    y = (rows - torch.arange(rows) - 0.5)[:, None] * pitch  # [H, 1] from the bottom
    t = (x + length / 2) / length  # [W] 0 at the root, 1 at the tip

    def spine(t: torch.Tensor) -> torch.Tensor:
        return 0.012 + 0.045 * t**2

    u = ((t - 0.15) / 0.85).clamp(0.0, 1.0)  # [W] along the vane
    profile = torch.where(t > 0.15, (1 - ((u - 0.35) / 0.65) ** 2).clamp_min(0.0).sqrt(), torch.zeros_like(t))
    offset = y - spine(t)  # [H, W] above (+) or below the quill
    width = torch.where(offset > 0, 0.016 * profile, 0.026 * profile)  # [H, W]
    vane = offset.abs() <= width
    phase = ((x - 1.2 * offset.abs()) / 0.005) % 1.0  # [H, W] barbs slant towards the tip
    splits = ((x - 1.2 * offset.abs() + 0.04).abs() < 0.0015) & (offset < -0.006)
    splits |= ((x - 1.2 * offset.abs() - 0.05).abs() < 0.0015) & (offset > 0.005)
    vane &= ~splits
    lines = vane & (phase < 0.22) & (offset.abs() > 0.002)
    mask = vane & ~lines
    grid_at = (0.0, rows * pitch / 2, 0.0)
    along = torch.linspace(0.0, 1.0, 9)  # [9]
    points = [(float(p), float(q), 0.0) for p, q in zip((along - 0.5) * length, spine(along), strict=True)]
    quill = pipe_path(points, 0.0016, QUILL)
    return [
        Part(
            "vane",
            (-length / 2, 0.012, 0.0),
            (
                Piece(Grid(mask, grid_at, pitch)),
                Piece(Grid(lines, (0.0, rows * pitch / 2, -0.0003), pitch), BARB),
                *quill,
            ),
        )
    ]


# ---------------------------------------------------------------------------------------------------
# Ferris wheel, telescope, hammock.
# ---------------------------------------------------------------------------------------------------


def _ferris_wheel(vary: Vary, attributes: list[str]) -> list[Part]:
    """An observation wheel facing +x (its axle along x): two rims joined by spokes to the hub, gondolas
    hanging between the rims, held up by an A-frame of two leg pairs on a low platform."""
    radius, hub_y = 9.0 * vary(), 10.8
    spokes, cars = 16, 12
    rims = []
    for x in (-0.8, 0.8):
        ring = [
            (x, hub_y + radius * math.sin(a), radius * math.cos(a))
            for a in (math.tau * k / 24 for k in range(25))
        ]
        rims += [*pipe_path(ring, 0.14), Piece(Tube((x, hub_y, 0.0), (x, hub_y, 0.0001), 0.6, 0.6))]
        rims += [
            piece
            for a in (math.tau * k / spokes for k in range(spokes))
            for piece in rod(
                (x, hub_y, 0.0), (x, hub_y + radius * math.sin(a), radius * math.cos(a)), 0.09, 0.09
            )
        ]
    rims.append(Piece(Tube((-1.6, hub_y, 0.0), (1.6, hub_y, 0.0), 0.35, 0.35), METAL))
    gondolas = []
    for k in range(cars):
        a = math.tau * k / cars
        y, z = hub_y + radius * math.sin(a), radius * math.cos(a)
        gondolas += [
            Piece(Tube((-0.8, y, z), (0.8, y, z), 0.08, 0.08), METAL),
            Piece(Tube((0.0, y, z), (0.0, y - 0.45, z), 0.05, 0.05), METAL),
            Piece(block((-0.6, y - 0.6, z - 0.65), (0.6, y - 0.45, z + 0.65)), GONDOLAS[k % len(GONDOLAS)]),
            Piece(block((-0.55, y - 1.6, z - 0.6), (0.55, y - 0.6, z + 0.6)), GONDOLAS[k % len(GONDOLAS)]),
            Piece(block((-0.56, y - 1.3, z - 0.61), (0.56, y - 0.75, z + 0.61)), (0.2, 0.25, 0.3)),
        ]
    frame = [
        piece
        for x in (-3.0, 3.0)
        for z in (-5.5, 5.5)
        for piece in rod((x, 0.3, z), (math.copysign(1.4, x), hub_y, 0.0), 0.25, 0.2, WHITE)
    ]
    frame += [
        *(piece for x in (-3.0, 3.0) for piece in rod((x, 3.5, -4.0), (x, 3.5, 4.0), 0.12, 0.12, WHITE)),
        *(
            Piece(box, (0.55, 0.55, 0.58))
            for box in tiled((-3.4, 0.0, -6.0), (3.4, 0.3, 6.0), open_bottom=True)
        ),
    ]
    return [
        Part("stand", (0.0, 0.0, 0.0), tuple(frame)),
        Part("wheel", (0.0, hub_y, 0.0), tuple(rims), parent="stand"),
        Part("gondolas", (0.0, hub_y, 0.0), tuple(gondolas), parent="wheel"),
    ]


def _telescope(vary: Vary, attributes: list[str]) -> list[Part]:
    """A refractor on a tripod: a tube pointing up towards +x with a dark dew shield at the objective, a
    focuser and an eyepiece at the back, a small finder on top, on a mount head over three splayed legs
    joined by an accessory tray."""
    head_y, length = 1.1 * vary(), 1.0
    tilt = math.radians(25.0)
    along = (math.cos(tilt), math.sin(tilt), 0.0)
    up = (-math.sin(tilt), math.cos(tilt), 0.0)
    centre = (0.05, head_y + 0.12, 0.0)

    def at(s: float, h: float = 0.0) -> Vec:
        """The point `s` along the tube from its middle and `h` above its axis."""
        return (
            centre[0] + s * along[0] + h * up[0],
            centre[1] + s * along[1] + h * up[1],
            0.0,
        )

    tube = (
        *rod(at(-0.42 * length), at(0.3 * length), 0.06, 0.06),
        *rod(at(0.3 * length), at(0.5 * length), 0.07, 0.07, DARK),
        Piece(Tube(at(0.5 * length - 0.002), at(0.5 * length), 0.065, 0.065), (0.15, 0.2, 0.35)),
        *rod(at(-0.5 * length), at(-0.42 * length), 0.035, 0.035, DARK),
        *rod(at(-0.5 * length), at(-0.5 * length, 0.08), 0.015, 0.015, DARK),
        *rod(at(0.05, 0.1), at(0.25, 0.1), 0.018, 0.018, DARK),
        *rod(at(0.1, 0.06), at(0.1, 0.1), 0.008, 0.008, DARK),
        *(Piece(Tube(at(s, -0.005), at(s + 0.03, -0.005), 0.068, 0.068), DARK) for s in (-0.15, 0.12)),
    )
    mount = (
        Piece(block((-0.06, head_y, -0.06), (0.06, head_y + 0.06, 0.06)), DARK),
        *rod((0.0, head_y + 0.06, 0.0), at(0.0, -0.06), 0.02, 0.02, DARK),
    )
    legs = [
        piece
        for a in (math.tau * k / 3 + math.pi / 3 for k in range(3))
        for piece in rod(
            (0.45 * math.cos(a), 0.0, 0.45 * math.sin(a)), (0.0, head_y, 0.0), 0.018, 0.022, METAL
        )
    ]
    tray = Piece(Tube((0.0, 0.45 * head_y, 0.0), (0.0, 0.45 * head_y + 0.015, 0.0), 0.13, 0.13), DARK)
    return [
        Part("tripod", (0.0, 0.0, 0.0), (*legs, tray, *mount)),
        Part("tube", centre, tube, parent="tripod"),
    ]


def _hammock(vary: Vary, attributes: list[str]) -> list[Part]:
    """A striped fabric hammock slung sideways (z) between two short wooden posts, facing +x: lengthwise
    strips sag on a parabola, deepest in the middle of the bed, gathered at each end into ropes to the
    posts' tops."""
    half, post_h = 1.6 * vary(), 1.15
    end, bed = 1.25, 0.4  # where the fabric is gathered (|z|), and its half-width (x) at the middle
    strips, stations = 9, 14
    fabric = []
    for i in range(strips):
        c = -1 + 2 * i / (strips - 1)  # -1 .. 1 across the bed
        sag = 0.55 - 0.12 * c * c  # the middle strips hang lower: a trough
        points = []
        for k in range(stations + 1):
            w = -1 + 2 * k / stations  # -1 .. 1 along the bed
            spread = math.sqrt(max(0.0, 1 - w**4))
            points.append((bed * c * spread, 0.95 - sag * (1 - w * w), end * w))
        paint = None if i % 2 == 0 else CREAM
        fabric += pipe_path(points, 0.03, paint)
    posts = [
        piece for z in (-half, half) for piece in (*rod((0.0, 0.0, z), (0.0, post_h, z), 0.06, 0.06, WOOD),)
    ]
    ropes = [
        piece
        for s in (-1, 1)
        for x in (-0.12, 0.0, 0.12)
        for piece in rod((x, 0.95, s * end), (0.0, post_h - 0.08, s * (half - 0.06)), 0.008, 0.008, ROPE)
    ]
    return [
        Part("posts", (0.0, 0.0, 0.0), (*posts, *ropes)),
        Part("bed", (0.0, 0.95, 0.0), tuple(fabric), parent="posts"),
    ]


CATEGORIES: tuple[Category, ...] = (
    Category(
        "solar panel",
        (0.85, 0.9, 1.74),
        "static",
        (0.1, 0.16, 0.36),
        build=_solar_panel,
        splats=6000,
        nouns=("solar cell panel",),
    ),
    Category(
        "robot vacuum",
        (0.34, 0.09, 0.34),
        "static",
        (0.2, 0.2, 0.22),
        build=_robot_vacuum,
        splats=3500,
        nouns=("robotic vacuum", "roomba", "vacuum robot"),
    ),
    Category(
        "feather",
        (0.3, 0.06, 0.0032),
        "static",
        (0.9, 0.88, 0.82),
        build=_feather,
        splats=3000,
        nouns=("quill", "plume"),
    ),
    Category(
        "ferris wheel",
        (6.8, 20.0, 19.3),
        "static",
        (0.93, 0.93, 0.93),
        build=_ferris_wheel,
        splats=8000,
        nouns=("big wheel", "observation wheel"),
    ),
    Category(
        "telescope",
        (1.0, 1.5, 0.8),
        "static",
        (0.92, 0.92, 0.9),
        build=_telescope,
        splats=4000,
        nouns=("spyglass",),
    ),
    Category(
        "hammock",
        (0.86, 1.15, 3.3),
        "static",
        (0.8, 0.3, 0.18),
        build=_hammock,
        splats=6000,
    ),
)
