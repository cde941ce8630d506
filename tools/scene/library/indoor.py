"""Indoor everyday things: kitchen, bathroom, tableware, electronics, instruments.

Things with a front (toilet, sink, oven, laptop, keyboard, drum kit) face +x like the household family's
appliances. Flat things whose outline is what names them (phone, remote, gamepad, cutlery, scissors,
toothbrush, hair drier, trumpet) show it in the xy plane, face to +z, like the guitar and the sword: the
still camera looks at +z, and lying flat they would show a sliver.
"""

from __future__ import annotations

import itertools
import math

import torch
from torch import Tensor

from scenewright.schema import vec3
from scenewright.tools.scene.library.furniture import block
from scenewright.tools.scene.parts import (
    DARK,
    GLASS,
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
    Torus,
    Tube,
    Vary,
    Vec,
    ellipse_points,
)

CHROME = (0.64, 0.66, 0.7)
STEEL = (0.6, 0.62, 0.66)  # blades, cutlery: darker than it looks, so light backgrounds leave it an edge
WATER = (0.62, 0.76, 0.86)
SCREEN_BLUE = (0.16, 0.36, 0.72)
KEY_GREY = (0.72, 0.73, 0.76)
BRASS = (0.85, 0.66, 0.27)
RED = (0.85, 0.12, 0.1)
BLUE = (0.15, 0.35, 0.85)
GREEN = (0.2, 0.7, 0.3)
YELLOW = (0.95, 0.78, 0.15)
ROD_ASPECT = 3.0  # the longest a tube piece is, in girths
SCREEN_PITCH = 0.002  # metres between a phone screen's splats
ICONS: tuple[Vec, ...] = (
    RED,
    GREEN,
    YELLOW,
    BLUE,
    (0.95, 0.5, 0.1),
    (0.6, 0.3, 0.8),
    WHITE,
    (0.2, 0.75, 0.8),
)


# ---------------------------------------------------------------------------------------------------
# Shared shapes.
# ---------------------------------------------------------------------------------------------------


def rod(
    start: Vec, end: Vec, r0: float, r1: float, paint: Vec | None = None, caps: bool = True
) -> list[Piece]:
    """A tube from start to end cut into lengths of at most ROD_ASPECT times its girth. A tube's side
    points lie on a lattice stretched with its length: a long thin one shows them as a string of beads."""
    girth = math.tau * max(r0, r1)
    count = max(1, math.ceil(math.dist(start, end) / (ROD_ASPECT * girth)))
    at = [vec3(a + (b - a) * k / count for a, b in zip(start, end, strict=True)) for k in range(count + 1)]
    radius = [r0 + (r1 - r0) * k / count for k in range(count + 1)]
    return [
        Piece(
            Tube(at[k], at[k + 1], radius[k], radius[k + 1], caps=caps and (k == 0 or k == count - 1)), paint
        )
        for k in range(count)
    ]


def pipe_path(points: list[Vec], radius: float, paint: Vec | None = None) -> tuple[Piece, ...]:
    """A bent pipe through the points: open tubes between them and a ball at each, so bends stay round
    (end caps would stick out of a bend's outside as a fringe of splats)."""
    return (
        *(
            piece
            for a, b in itertools.pairwise(points)
            for piece in rod(a, b, radius, radius, paint, caps=False)
        ),
        *(Piece(Ellipsoid(point, (radius, radius, radius)), paint) for point in points),
    )


def _arc(center: Vec, radius: float, angles: tuple[float, float], n: int) -> list[Vec]:
    """n + 1 points on a circle in the xy plane (angle 0 along +x, pi/2 along +y)."""
    return ellipse_points(center, (radius, radius), X_AXIS, Y_AXIS, angles, n)


def _flat_ring(center: Vec, radii: tuple[float, float], n: int) -> list[Vec]:
    """A closed ring of n + 1 points lying flat (xz plane); radii along x and z."""
    return ellipse_points(center, radii, X_AXIS, Z_AXIS, (0.0, math.tau), n)


def tiled(low: Vec, high: Vec, max_aspect: float = 4.0, open_bottom: bool = False) -> list[Box]:
    """A block between two corners cut into tiles whose faces are at most `max_aspect` times longer than
    they are wide. A face's points lie on a lattice stretched with the face, so a long thin face (a slab's
    edge) shows its splats as a row of slanted teeth; tiles keep every face near square."""
    sizes = [b - a for a, b in zip(low, high, strict=True)]
    cuts = [max(1, math.ceil(size / (max_aspect * min(sizes)))) for size in sizes]
    return [
        block(
            vec3(a + (b - a) * k / n for a, b, k, n in zip(low, high, index, cuts, strict=True)),
            vec3(a + (b - a) * (k + 1) / n for a, b, k, n in zip(low, high, index, cuts, strict=True)),
            open_bottom=open_bottom,
        )
        for index in itertools.product(*(range(n) for n in cuts))
    ]


def _slab(
    x: tuple[float, float], y: tuple[float, float], z: tuple[float, float], corner: float
) -> list[Box | Tube]:
    """A slab facing +z with rounded corners in its xy outline (a phone, a remote): two crossed blocks
    (tiled) and a cylinder at each corner."""
    (x0, x1), (y0, y1), (z0, z1) = x, y, z
    return [
        *tiled((x0, y0 + corner, z0), (x1, y1 - corner, z1)),
        *tiled((x0 + corner, y0, z0), (x1 - corner, y0 + corner, z1)),
        *tiled((x0 + corner, y1 - corner, z0), (x1 - corner, y1, z1)),
        *(
            Tube((cx, cy, z0), (cx, cy, z1), corner, corner)
            for cx in (x0 + corner, x1 - corner)
            for cy in (y0 + corner, y1 - corner)
        ),
    ]


def _button(center: Vec, radius: float, height: float, paint: Vec) -> Piece:
    """A round button standing out of a face towards +z."""
    x, y, z = center
    return Piece(Tube((x, y, z - 0.0005), (x, y, z + height), radius, radius), paint)


# ---------------------------------------------------------------------------------------------------
# Bathroom and kitchen.
# ---------------------------------------------------------------------------------------------------


def _toilet(vary: Vary, attributes: list[str]) -> list[Part]:
    """A close-coupled toilet: a pedestal under an oval bowl with water inside, a seat ring, the lid raised
    against a cistern with a flush button."""
    rim, bowl_x = 0.41 * vary(), 0.08
    radii = (0.24, 0.18)
    body = (
        Piece(Ellipsoid((0.02, 0.0, 0.0), (0.15, rim - 0.12, 0.12), cut_below=0.0, cut_above=0.95)),
        Piece(Ellipsoid((bowl_x, rim, 0.0), (radii[0], 0.2, radii[1]), cut_below=-1.0, cut_above=0.0)),
        Piece(
            Ellipsoid(
                (bowl_x, rim, 0.0), (radii[0] - 0.03, 0.17, radii[1] - 0.03), cut_below=-1.0, cut_above=0.0
            ),
            (0.84, 0.85, 0.86),
        ),
        Piece(Ellipsoid((bowl_x - 0.02, rim - 0.12, 0.0), (0.1, 0.003, 0.08)), WATER),
        Piece(block((-0.22, rim - 0.2, -0.12), (-0.05, rim, 0.12))),
    )
    cistern = (
        Piece(block((-0.34, rim - 0.02, -0.21), (-0.16, rim + 0.34, 0.21))),
        Piece(block((-0.35, rim + 0.34, -0.22), (-0.15, rim + 0.37, 0.22))),
        Piece(Tube((-0.25, rim + 0.37, 0.06), (-0.25, rim + 0.38, 0.06), 0.025, 0.025), CHROME),
    )
    seat = pipe_path(_flat_ring((bowl_x, rim + 0.015, 0.0), (radii[0] - 0.01, radii[1] - 0.01), 18), 0.018)
    lid = (
        Piece(Ellipsoid((-0.125, rim + 0.21, 0.0), (0.014, 0.2, radii[1] - 0.005), pitch=-0.15), accent=True),
    )
    return [
        Part("body", (0.0, 0.0, 0.0), body),
        Part("cistern", (-0.25, rim, 0.0), cistern, parent="body"),
        Part("seat", (-0.14, rim + 0.015, 0.0), seat, parent="body"),
        Part("lid", (-0.14, rim + 0.02, 0.0), lid, parent="seat"),
    ]


def _basin_tap(x: float, y: float, reach: float, height: float) -> tuple[Piece, ...]:
    """A chrome pillar tap standing at (x, y) with a spout reaching +x and hot and cold cross handles."""
    handles = tuple(
        piece
        for z, cap in ((-0.08, RED), (0.08, BLUE))
        for piece in (
            Piece(Tube((x, y, z), (x, y + 0.05, z), 0.014, 0.012), CHROME),
            Piece(Tube((x - 0.025, y + 0.055, z), (x + 0.025, y + 0.055, z), 0.006, 0.006), CHROME),
            Piece(Tube((x, y + 0.055, z - 0.025), (x, y + 0.055, z + 0.025), 0.006, 0.006), CHROME),
            Piece(Tube((x, y + 0.055, z), (x, y + 0.065, z), 0.008, 0.008), cap),
        )
    )
    return (
        Piece(Tube((x, y, 0.0), (x, y + height, 0.0), 0.02, 0.017), CHROME),
        *pipe_path(
            [
                (x, y + height, 0.0),
                (x + 0.6 * reach, y + height + 0.01, 0.0),
                (x + reach, y + height - 0.02, 0.0),
            ],
            0.012,
            CHROME,
        ),
        Piece(
            Tube((x + reach, y + height - 0.02, 0.0), (x + reach, y + height - 0.04, 0.0), 0.012, 0.013),
            CHROME,
        ),
        *handles,
    )


def _sink(vary: Vary, attributes: list[str]) -> list[Part]:
    """A pedestal washbasin: a wide bowl on a column with a drain, a rolled rim, a back deck with a chrome
    spout and hot and cold handles."""
    top = 0.84 * vary()
    radii = (0.22, 0.28)
    basin = (
        Piece(Ellipsoid((0.02, top, 0.0), (radii[0], 0.17, radii[1]), cut_below=-1.0, cut_above=0.0)),
        Piece(
            Ellipsoid(
                (0.03, top, 0.0), (radii[0] - 0.04, 0.13, radii[1] - 0.045), cut_below=-1.0, cut_above=0.0
            ),
            (0.86, 0.87, 0.88),
        ),
        Piece(Tube((0.03, top - 0.128, 0.0), (0.03, top - 0.125, 0.0), 0.022, 0.022), CHROME),
        *pipe_path(_flat_ring((0.02, top, 0.0), (radii[0] - 0.01, radii[1] - 0.01), 20), 0.022),
        Piece(block((-0.25, top - 0.06, -0.24), (-0.1, top + 0.02, 0.24))),
    )
    pedestal = (
        Piece(Tube((-0.03, 0.0, 0.0), (-0.03, top - 0.12, 0.0), 0.1, 0.075)),
        Piece(Ellipsoid((-0.03, 0.0, 0.0), (0.13, 0.05, 0.13), cut_below=0.0)),
    )
    return [
        Part("pedestal", (0.0, 0.0, 0.0), pedestal),
        Part("basin", (0.0, top - 0.12, 0.0), basin, parent="pedestal"),
        Part("tap", (-0.18, top + 0.02, 0.0), _basin_tap(-0.18, top + 0.02, 0.13, 0.12), parent="basin"),
    ]


def _oven(vary: Vary, attributes: list[str]) -> list[Part]:
    """A freestanding range: a box with a glass oven door (lit inside, a shelf) and a bar handle, a dark
    strip of knobs and a clock above it, four burners on a black hob, a dark kick plate.

    Strips thinner than a splat (hob, kick plate, window) are painted on, not built: a thin slab's edges
    would show its splats as blobs."""
    front, top, half = 0.28, 0.9 * vary(), 0.3
    door_low, door_top = 0.08, top - 0.17
    hob, trim = (0.08, 0.08, 0.09), (0.15, 0.15, 0.16)
    body = (
        Piece(
            block((-0.3, 0.0, -half), (front, top, half), open_bottom=True),
            decals=(
                Decal((-1.0, top - 0.004, -1.0), (1.0, 1.0, 1.0), hob),
                Decal((-1.0, -1.0, -1.0), (1.0, 0.05, 1.0), DARK),
                Decal(
                    (front - 0.001, door_top + 0.015, -half + 0.015), (1.0, top - 0.015, half - 0.015), trim
                ),
            ),
        ),
        *(
            Piece(Ellipsoid((x, top, z), (r, 0.004, r)), paint)
            for x in (-0.14, 0.12)
            for z in (-0.14, 0.14)
            for r, paint in ((0.085, (0.3, 0.3, 0.32)), (0.055, (0.13, 0.13, 0.14)))
        ),
    )
    glow = (0.7, 0.4, 0.14)
    window = (  # the lit oven seen through the glass: a dark frame, the back wall, a darker floor, a shelf
        Decal((front, door_low + 0.07, -0.22), (1.0, door_top - 0.09, 0.22), GLASS),
        Decal((front, door_low + 0.11, -0.17), (1.0, door_top - 0.13, 0.17), glow),
        Decal((front, door_low + 0.11, -0.17), (1.0, door_low + 0.17, 0.17), (0.45, 0.22, 0.08)),
        Decal((front, door_low + 0.28, -0.17), (1.0, door_low + 0.295, 0.17), (0.3, 0.22, 0.18)),
    )
    handle_y = door_top - 0.045
    door = (
        *(
            Piece(tile, decals=window)
            for tile in tiled((front, door_low, -half + 0.01), (front + 0.03, door_top, half - 0.01))
        ),
        Piece(Tube((front + 0.065, handle_y, -0.25), (front + 0.065, handle_y, 0.25), 0.012, 0.012), trim),
        *(
            Piece(Tube((front + 0.025, handle_y, z), (front + 0.065, handle_y, z), 0.009, 0.009), trim)
            for z in (-0.23, 0.23)
        ),
    )
    knob_y = (door_top + top) / 2
    panel = (
        Piece(
            block((front, knob_y - 0.022, -0.045), (front + 0.006, knob_y + 0.022, 0.045)), (0.2, 0.6, 0.4)
        ),
        *(
            piece
            for z in (-0.24, -0.17, -0.1, 0.1, 0.17, 0.24)
            for piece in (
                Piece(Tube((front, knob_y, z), (front + 0.03, knob_y, z), 0.022, 0.02), METAL),
                Piece(Ellipsoid((front + 0.031, knob_y + 0.009, z), (0.003, 0.009, 0.003)), DARK),
            )
        ),
    )
    return [
        Part("body", (0.0, 0.0, 0.0), body),
        Part("door", (front, door_low, 0.0), door, parent="body"),
        Part("panel", (front, knob_y, 0.0), panel, parent="body"),
    ]


# ---------------------------------------------------------------------------------------------------
# Electronics.
# ---------------------------------------------------------------------------------------------------


def _remote(vary: Vary, attributes: list[str]) -> list[Part]:
    """A TV remote standing on its end, buttons facing +z: a red power button, a ring of arrows round an OK
    button, volume and channel rockers, a number pad and four coloured buttons."""
    length, half, face = 0.2 * vary(), 0.025, 0.011
    body = tuple(Piece(shape) for shape in _slab((-half, half), (0.0, length), (-face, face), 0.01))
    top = length - 0.016
    dpad_y, rocker_y = top - 0.034, top - 0.078
    buttons = (
        _button((-0.012, top, face), 0.0055, 0.002, RED),
        _button((0.0, dpad_y, face), 0.016, 0.0015, KEY_GREY),
        _button((0.0, dpad_y, face), 0.0075, 0.003, (0.92, 0.92, 0.94)),
        *(
            Piece(Tube((x, rocker_y - 0.012, face), (x, rocker_y + 0.012, face), 0.0045, 0.0045), KEY_GREY)
            for x in (-0.0145, 0.0145)
        ),
        *(
            _button((x, rocker_y - 0.03 - 0.012 * row, face), 0.0042, 0.002, KEY_GREY)
            for row in range(4)
            for x in (-0.012, 0.0, 0.012)
        ),
        *(
            _button((-0.015 + 0.01 * k, rocker_y - 0.084, face), 0.0037, 0.002, paint)
            for k, paint in enumerate((RED, GREEN, YELLOW, BLUE))
        ),
    )
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (*body, Piece(Ellipsoid((0.0, length, 0.0), (0.012, 0.002, 0.006)), DARK)),
        ),
        Part("buttons", (0.0, dpad_y, face), buttons, parent="body"),
    ]


def _rounded_mask(height: int, width: int, corner: int) -> Tensor:
    """A rectangle of cells [height, width] (bool) with its corners rounded off at a radius of `corner`."""
    rows = torch.arange(height, dtype=torch.float32)[:, None] + 0.5  # [H, 1]
    cols = torch.arange(width, dtype=torch.float32)[None, :] + 0.5  # [1, W]
    dy = (corner - torch.minimum(rows, height - rows)).clamp_min(0.0)  # [H, 1] depth into a corner's band
    dx = (corner - torch.minimum(cols, width - cols)).clamp_min(0.0)  # [1, W]
    return dx**2 + dy**2 <= corner**2  # [H, W]


def _cell_phone(vary: Vary, attributes: list[str]) -> list[Part]:
    """A smartphone standing on its end, screen facing +z: a rounded slab, a lit screen with a status bar,
    rows of app icons and a dock, the front camera; on the back a camera block.

    The screen is a grid of splats, SCREEN_PITCH apart whatever the budget, so its icons stay square."""
    height, half, face = 0.15 * vary(), 0.036, 0.004
    body = tuple(Piece(shape) for shape in _slab((-half, half), (0.0, height), (-face, face), 0.009))
    screen_h, screen_w = height - 0.008, 2 * half - 0.006
    icon, step = 0.0105, 0.0148
    rows = [height - 0.024 - 0.018 * k for k in range(5)]  # icon tops
    icons = tuple(
        Decal(
            (-1.5 * step + col * step - icon / 2, y - icon, face),
            (-1.5 * step + col * step + icon / 2, y, 1.0),
            ICONS[(row * 3 + col * 5) % len(ICONS)],
        )
        for row, y in enumerate(rows)
        for col in range(4)
    )
    dock = tuple(
        Decal(
            (-1.5 * step + col * step - icon / 2, 0.011, face),
            (-1.5 * step + col * step + icon / 2, 0.011 + icon, 1.0),
            ICONS[(col * 3 + 1) % len(ICONS)],
        )
        for col in range(4)
    )
    wallpaper = (
        Decal((-1.0, height * 0.6, face), (1.0, 1.0, 1.0), (0.3, 0.5, 0.88)),
        Decal((-1.0, 0.0, face), (1.0, 0.027, 1.0), (0.22, 0.28, 0.45)),
        Decal((-0.008, height - 0.012, face), (0.008, height - 0.006, 1.0), DARK),
    )
    screen = Piece(
        Grid(
            _rounded_mask(round(screen_h / SCREEN_PITCH), round(screen_w / SCREEN_PITCH), 4),
            (0.0, height / 2, face + 0.001),
            SCREEN_PITCH,
        ),
        SCREEN_BLUE,
        decals=(*wallpaper, *icons, *dock),
    )
    back = (
        Piece(
            block((-half + 0.005, height - 0.04, -face - 0.0015), (-half + 0.035, height - 0.006, -face)),
            (0.1, 0.1, 0.11),
        ),
        *(
            Piece(Tube((x, y, -face - 0.0015), (x, y, -face - 0.0028), 0.006, 0.006), (0.05, 0.05, 0.07))
            for x, y in (
                (-half + 0.013, height - 0.015),
                (-half + 0.013, height - 0.031),
                (-half + 0.027, height - 0.023),
            )
        ),
    )
    return [
        Part("body", (0.0, 0.0, 0.0), (*body, *back)),
        Part("screen", (0.0, height / 2, face), (screen,), parent="body"),
    ]


def _laptop(vary: Vary, attributes: list[str]) -> list[Part]:
    """An open laptop facing +x: a base with dark keys and a touchpad, and behind it a lid tilted back on its
    hinge, its screen showing a desktop with a window and a task bar."""
    depth, half, thick = 0.23, 0.165, 0.016
    lid_h, tilt = 0.215 * vary(), 0.3  # the lid leans back by `tilt` radians
    hinge_x = -depth / 2
    ink = (0.12, 0.12, 0.13)

    def key(row: int, z0: float, z1: float) -> Decal:
        """A dark key in `row` (0: the back one), from z0 to z1."""
        return Decal(
            (hinge_x + 0.035 + 0.0165 * row, thick - 0.002, z0),
            (hinge_x + 0.049 + 0.0165 * row, 1.0, z1),
            ink,
        )

    keys = (
        *(key(row, -0.135 + 0.0185 * col, -0.121 + 0.0185 * col) for row in range(5) for col in range(15)),
        key(5, -0.06, 0.06),
        Decal((depth / 2 - 0.075, thick - 0.002, -0.05), (depth / 2 - 0.012, 1.0, 0.05), (0.6, 0.61, 0.64)),
    )
    base = (Piece(block((-depth / 2, 0.0, -half), (depth / 2, thick, half)), decals=keys),)
    rise = lid_h * math.cos(tilt)

    def tilted(offset: float, inset: float, z: float, thickness: float) -> Box:
        """A slab of the lid: `offset` in front of its back face, inset from its ends by `inset`."""
        y0 = thick + inset * math.cos(tilt)
        x0 = hinge_x - 0.006 + offset - inset * math.sin(tilt)
        height = (lid_h - 2 * inset) * math.cos(tilt)
        return Box(
            (x0 + thickness / 2, y0 + height / 2, 0.0),
            (thickness, height, 2 * z),
            top_shift=-(lid_h - 2 * inset) * math.sin(tilt),
        )

    desktop = (
        Decal((-1.0, thick, -1.0), (1.0, 1.0, 1.0), (0.2, 0.45, 0.78)),
        Decal((-1.0, thick + 0.1 * rise, -0.09), (1.0, thick + 0.8 * rise, 0.07), (0.93, 0.93, 0.95)),
        Decal((-1.0, thick + 0.72 * rise, -0.09), (1.0, thick + 0.8 * rise, 0.07), (0.25, 0.3, 0.4)),
        Decal((-1.0, thick, -1.0), (1.0, thick + 0.08 * rise, 1.0), (0.12, 0.14, 0.18)),
    )
    lid = (
        Piece(tilted(0.0, 0.0, half, 0.007)),
        Piece(tilted(0.009, 0.012, half - 0.012, 0.001), SCREEN_BLUE, decals=desktop),
        Piece(
            Tube((hinge_x - 0.004, thick, -half + 0.01), (hinge_x - 0.004, thick, half - 0.01), 0.006, 0.006),
            (0.3, 0.3, 0.32),
        ),
    )
    return [
        Part("base", (0.0, 0.0, 0.0), base),
        Part("lid", (hinge_x, thick, 0.0), lid, parent="base"),
    ]


# A keyboard's rows from the back (function keys) to the front (space bar), key widths in key pitches.
KEY_ROWS: tuple[tuple[float, ...], ...] = (
    (1.0,) * 15,
    (1.0,) * 13 + (2.0,),
    (1.5,) + (1.0,) * 12 + (1.5,),
    (1.75,) + (1.0,) * 11 + (2.25,),
    (2.25,) + (1.0,) * 10 + (2.75,),
    (1.25,) * 3 + (6.25,) + (1.25,) * 4,
)


def _keyboard(vary: Vary, attributes: list[str]) -> list[Part]:
    """A desktop keyboard lying flat, typed on from +x: a low dark case with rows of pale, tapered key caps
    (function row, letters, a long space bar) and a number pad on the typist's right (-z), two green
    lights above it. Keys are laid out by `u`, pitches from the typist's left end (+z)."""
    pitch, cap_h, case_h = 0.019, 0.009, 0.012
    x_back = -0.066 * vary()
    z_left = 0.2  # the typist's left, +z
    # The caps' lower sides in shadow: seen from low down, the keys hide the gaps between them.
    skirt = Decal((-1.0, -1.0, -1.0), (1.0, case_h + 0.5 * cap_h, 1.0), (0.38, 0.38, 0.4))

    def cap(x: float, u: float, width: float) -> Piece:
        """A key cap `width` pitches wide whose back edge is at x and left edge `u` pitches along its row."""
        return Piece(
            Box(
                (x + pitch / 2, case_h + cap_h / 2, z_left - (u + width / 2) * pitch),
                (pitch - 0.003, cap_h, width * pitch - 0.003),
                top_scale=(0.7, 1 - 0.006 / (width * pitch)),
                open_bottom=True,
            ),
            decals=(skirt,),
        )

    keys = []
    for row, widths in enumerate(KEY_ROWS):
        x = x_back + pitch * row + (0.005 if row else 0.0)
        u = 0.0
        for width in widths:
            keys.append(cap(x, u, width))
            u += width
    pad = 15.5  # the number pad's left edge, in pitches
    keys += [cap(x_back + 0.005 + pitch * row, pad + col, 1.0) for row in range(1, 6) for col in range(4)]
    front = x_back + 0.005 + 6 * pitch
    case = (
        *(
            Piece(tile, (0.17, 0.17, 0.19))
            for tile in tiled(
                (x_back - 0.008, 0.0, z_left - (pad + 4) * pitch - 0.008),
                (front + 0.008, case_h, z_left + 0.008),
                max_aspect=8.0,
                open_bottom=True,
            )
        ),
        *(
            Piece(
                Ellipsoid((x_back - 0.002, case_h, z_left - (pad + k + 0.5) * pitch), (0.002, 0.001, 0.003)),
                GREEN,
            )
            for k in (1, 2)
        ),
    )
    return [Part("case", (0.0, 0.0, 0.0), case), Part("keys", (0.0, case_h, 0.0), tuple(keys), parent="case")]


def _computer_mouse(vary: Vary, attributes: list[str]) -> list[Part]:
    """A wired mouse lying on a desk, front +x: a dome highest towards the back, two buttons parted by a
    seam, a dark scroll wheel between them and a cable leaving from the front."""
    length, height, half = 0.062, 0.036 * vary(), 0.032
    line = (0.35, 0.35, 0.37)
    seam = (
        Decal((0.005, height * 0.5, -0.002), (1.0, 1.0, 0.002), line),
        Decal((0.0, height * 0.7, -1.0), (0.006, 1.0, 1.0), line),
    )
    body = (
        Piece(Ellipsoid((-0.008, 0.0, 0.0), (length, height, half), cut_below=0.0), decals=seam),
        Piece(Ellipsoid((0.018, 0.0, 0.0), (0.045, 0.8 * height, 0.9 * half), cut_below=0.0), decals=seam),
        Piece(Ellipsoid((-0.008, 0.002, 0.0), (length + 0.001, 0.003, half + 0.001)), (0.3, 0.3, 0.32)),
    )
    wheel_x, wheel_y = 0.03, 0.8 * height * math.sqrt(1 - (0.012 / 0.045) ** 2) - 0.002
    wheel = (
        Piece(Tube((wheel_x, wheel_y, -0.003), (wheel_x, wheel_y, 0.003), 0.007, 0.007), (0.2, 0.2, 0.22)),
    )
    cable = pipe_path(
        [
            (0.058, 0.005, 0.0),
            (0.075, 0.004, 0.0),
            (0.09, 0.003, 0.006),
            (0.1, 0.003, 0.018),
            (0.104, 0.003, 0.032),
        ],
        0.002,
        (0.3, 0.3, 0.32),
    )
    return [
        Part("body", (0.0, 0.0, 0.0), body),
        Part("wheel", (wheel_x, wheel_y, 0.0), wheel, parent="body"),
        Part("cable", (0.058, 0.005, 0.0), cable, parent="body"),
    ]


# ---------------------------------------------------------------------------------------------------
# Grooming.
# ---------------------------------------------------------------------------------------------------


def _hair_drier(vary: Vary, attributes: list[str]) -> list[Part]:
    """A hair dryer upright in profile: a barrel with a grille at the back and a tapered nozzle at +x, a
    handle angled down with two switches, and a cord stub."""
    axis_y, r = 0.2 * vary(), 0.04
    barrel = (
        Piece(Tube((-0.085, axis_y, 0.0), (0.05, axis_y, 0.0), r, 0.037)),
        Piece(Ellipsoid((-0.085, axis_y, 0.0), (0.012, r, r))),
        Piece(Tube((-0.098, axis_y, 0.0), (-0.095, axis_y, 0.0), 0.031, 0.031), DARK),
        *(
            Piece(Torus((-0.097, axis_y, 0.0), radius, 0.0018, yaw=math.pi / 2), METAL)
            for radius in (0.01, 0.02)
        ),
    )
    nozzle = (
        Piece(Tube((0.048, axis_y, 0.0), (0.12, axis_y, 0.0), 0.033, 0.024), (0.2, 0.2, 0.22)),
        Piece(Torus((0.12, axis_y, 0.0), 0.022, 0.003, yaw=math.pi / 2), (0.2, 0.2, 0.22)),
        Piece(Tube((0.12, axis_y, 0.0), (0.121, axis_y, 0.0), 0.02, 0.02), DARK),
    )
    grip_top, grip_low = (-0.02, axis_y - 0.02), (-0.05, 0.025)
    handle = (
        Piece(Tube((*grip_top, 0.0), (*grip_low, 0.0), 0.021, 0.019)),
        Piece(Ellipsoid((grip_low[0], grip_low[1], 0.0), (0.02, 0.012, 0.02))),
        *(
            Piece(
                Box((grip_top[0] + 0.017 - 0.16 * (axis_y - y) + 0.008, y, 0.0), (0.006, 0.018, 0.012)), paint
            )
            for y, paint in ((axis_y - 0.06, WHITE), (axis_y - 0.09, RED))
        ),
        Piece(Tube((grip_low[0] - 0.003, 0.018, 0.0), (grip_low[0] - 0.008, 0.0, 0.0), 0.007, 0.006), DARK),
    )
    return [
        Part("body", (0.0, axis_y, 0.0), barrel),
        Part("nozzle", (0.05, axis_y, 0.0), nozzle, parent="body"),
        Part("handle", (grip_top[0], grip_top[1], 0.0), handle, parent="body"),
    ]


def _toothbrush(vary: Vary, attributes: list[str]) -> list[Part]:
    """A toothbrush lying along x, bristles up: a handle with a white rubber grip, a neck rising to an oval
    head with rows of white tufts, the front ones and a middle stripe coloured."""
    r = 0.0055
    head_x, head_y = 0.075 * vary(), r + 0.003
    handle = (
        Piece(Tube((-0.1, r, 0.0), (0.03, r, 0.0), r, 0.0047)),
        Piece(Ellipsoid((-0.1, r, 0.0), (0.004, r, r))),
        Piece(Ellipsoid((-0.045, r, 0.0), (0.03, 0.0062, 0.0062)), (0.93, 0.93, 0.95), accent=True),
        Piece(Tube((0.03, r, 0.0), (head_x - 0.016, head_y, 0.0), 0.0047, 0.0033)),
    )
    head = [Piece(Ellipsoid((head_x, head_y, 0.0), (0.019, 0.0035, 0.0062)))]
    for col in range(8):
        x = head_x - 0.0145 + 0.0041 * col
        for z in (-0.0036, 0.0, 0.0036):
            paint = (0.3, 0.78, 0.92) if col >= 6 or (z == 0.0 and col % 2 == 0) else WHITE
            tip = head_y + 0.013 + 0.0015 * (col % 2)  # trimmed in a zigzag
            head.append(Piece(Tube((x, head_y + 0.002, z), (x, tip, z), 0.0016, 0.0018), paint))
    return [
        Part("handle", (0.0, r, 0.0), handle),
        Part("head", (head_x, head_y, 0.0), tuple(head), parent="handle"),
    ]


# ---------------------------------------------------------------------------------------------------
# Tableware and tools: flat, in the xy plane, face to +z.
# ---------------------------------------------------------------------------------------------------


def _blade(root: Vec, tip: Vec, width: float, keep: str) -> Ellipsoid:
    """Half a thin lens from root to tip in the xy plane: the 'upper' or 'lower' half, a cutting edge
    straight along the axis and the back curved."""
    (x0, y0, _), (x1, y1, _) = root, tip
    length = math.hypot(x1 - x0, y1 - y0)
    return Ellipsoid(
        ((x0 + x1) / 2, (y0 + y1) / 2, 0.0),
        (length / 2, width, 0.0012),
        pitch=math.atan2(y1 - y0, x1 - x0),
        cut_below=0.0 if keep == "upper" else -1.0,
        cut_above=1.0 if keep == "upper" else 0.0,
    )


def _scissors(vary: Vary, attributes: list[str]) -> list[Part]:
    """Scissors, a little open, in profile: two steel blades crossing at a screw, and two plastic finger
    loops (the bigger one below) on shanks."""
    pivot = (0.0, 0.045, 0.0)
    spread = 0.12 * vary()
    tips = [(0.115, pivot[1] + s * 0.115 * math.tan(spread), 0.0) for s in (1, -1)]
    loops = [
        (-0.065, pivot[1] + 0.023, 0.0, 0.017),
        (-0.068, pivot[1] - 0.026, 0.0, 0.021),
    ]  # x, y, z, radius
    blades = (
        Piece(_blade((-0.012, pivot[1] + 0.0015, 0.0), tips[0], 0.013, "upper"), STEEL),
        Piece(_blade((-0.012, pivot[1] - 0.0015, 0.0), tips[1], 0.013, "lower"), STEEL),
        Piece(Tube((0.0, pivot[1], -0.004), (0.0, pivot[1], 0.004), 0.0045, 0.0045), METAL),
    )
    handles = tuple(
        piece
        for (x, y, _, radius), start in zip(
            loops, ((0.0, pivot[1] - 0.006), (0.0, pivot[1] + 0.006)), strict=True
        )
        for piece in (
            Piece(Torus((x, y, 0.0), radius, 0.0045)),
            Piece(Tube((start[0], start[1], 0.0), (x + radius, y, 0.0), 0.0042, 0.0045)),
        )
    )
    return [
        Part("blades", pivot, blades),
        Part("handles", pivot, handles, parent="blades"),
    ]


def _knife(vary: Vary, attributes: list[str]) -> list[Part]:
    """A kitchen knife in profile, point at +x: a steel blade (straight spine, edge curving up to the point,
    a bright bevel), a bolster, and a dark handle with three rivets."""
    spine, depth = 0.04, 0.034 * vary()
    straight = 0.1
    bevel = Decal((-1.0, -1.0, -1.0), (1.0, spine - depth + 0.004, 1.0), (0.88, 0.9, 0.93))
    blade = (
        Piece(block((0.0, spine - depth, -0.001), (straight, spine, 0.001)), STEEL, decals=(bevel,)),
        Piece(Ellipsoid((straight, spine, 0.0), (0.09, depth, 0.001), cut_above=0.0), STEEL, decals=(bevel,)),
        Piece(block((-0.012, spine - depth + 0.002, -0.006), (0.0, spine + 0.002, 0.006)), METAL),
    )
    grip = (spine - 0.026, spine + 0.0)
    handle = (
        Piece(block((-0.115, grip[0], -0.008), (-0.012, grip[1], 0.008))),
        Piece(Ellipsoid((-0.115, (grip[0] + grip[1]) / 2, 0.0), (0.01, (grip[1] - grip[0]) / 2, 0.008))),
        *(
            Piece(
                Tube(
                    (x, (grip[0] + grip[1]) / 2, -0.0085),
                    (x, (grip[0] + grip[1]) / 2, 0.0085),
                    0.0035,
                    0.0035,
                ),
                METAL,
            )
            for x in (-0.095, -0.065, -0.035)
        ),
    )
    return [
        Part("blade", (0.0, spine, 0.0), blade),
        Part("handle", (-0.012, spine, 0.0), handle, parent="blade"),
    ]


def _cutlery_handle(end_x: float, y: float, neck_x: float) -> tuple[Piece, ...]:
    """A table-cutlery handle along x from end_x (its rounded end) to neck_x: a long flat oval, widest near
    the end, tapering into a narrow neck."""
    return (
        Piece(Ellipsoid((end_x + 0.05, y, 0.0), (0.05, 0.0065, 0.0018))),
        Piece(
            Ellipsoid(
                ((end_x + 0.07 + neck_x) / 2, y, 0.0), ((neck_x - end_x - 0.07) / 2 + 0.012, 0.0032, 0.0015)
            )
        ),
    )


def _fork(vary: Vary, attributes: list[str]) -> list[Part]:
    """A table fork on its edge, tines at +x: a flat handle, a narrow neck, a rounded shoulder and four
    tines."""
    half, y = 0.0125, 0.0125
    shoulder_x = 0.062 * vary()
    tines = tuple(
        Piece(
            Box(
                (shoulder_x + 0.019, y - half + 0.0016 + k * (2 * half - 0.0032) / 3, 0.0),
                (0.038, 0.0028, 0.0022),
                top_scale=(1.0, 0.9),
            )
        )
        for k in range(4)
    )
    tips = tuple(
        Piece(
            Ellipsoid(
                (shoulder_x + 0.038, y - half + 0.0016 + k * (2 * half - 0.0032) / 3, 0.0),
                (0.003, 0.0014, 0.0011),
            )
        )
        for k in range(4)
    )
    head = (
        Piece(Ellipsoid((shoulder_x, y, 0.0), (half, 0.028, 0.0013), pitch=math.pi / 2, cut_below=0.0)),
        *tines,
        *tips,
    )
    return [
        Part("handle", (0.0, y, 0.0), _cutlery_handle(-0.12, y, shoulder_x - 0.02)),
        Part("head", (shoulder_x, y, 0.0), head, parent="handle"),
    ]


def _spoon(vary: Vary, attributes: list[str]) -> list[Part]:
    """A table spoon on its edge, bowl at +x: a flat handle, a narrow neck and an oval bowl with a brighter
    hollow."""
    bowl_x, half, y = 0.045 * vary(), 0.021, 0.021
    bowl = (
        Piece(Ellipsoid((bowl_x, y, -0.001), (0.03, half, 0.0025))),
        Piece(
            Ellipsoid((bowl_x + 0.002, y + 0.001, 0.0008), (0.025, half - 0.004, 0.0014)), (0.86, 0.88, 0.92)
        ),
    )
    return [
        Part("handle", (0.0, y, 0.0), _cutlery_handle(-0.13, y, bowl_x - 0.025)),
        Part("bowl", (bowl_x, y, 0.0), bowl, parent="handle"),
    ]


def _wine_glass(vary: Vary, attributes: list[str]) -> list[Part]:
    """A wine glass: a round foot, a thin stem and a tulip bowl with a bright rim and highlight; red wine
    shows through its lower part unless it is empty."""
    stem_top, r = 0.098 * vary(), 0.042
    centre_y, half_h = stem_top + 0.055, 0.058
    level = centre_y - 0.012
    full = "empty" not in attributes
    wine = (0.45, 0.04, 0.1)
    through = (Decal((-1.0, -1.0, -1.0), (1.0, level, 1.0), wine),) if full else ()
    shine = Decal((-1.0, centre_y - 0.02, 0.012), (1.0, centre_y + 0.03, 0.02), WHITE)
    bowl = [
        Piece(Ellipsoid((0.0, centre_y, 0.0), (r, half_h, r), cut_above=0.62), decals=(*through, shine)),
        *pipe_path(
            _flat_ring((0.0, centre_y + 0.62 * half_h, 0.0), (r * 0.785, r * 0.785), 16), 0.0012, WHITE
        ),
    ]
    if full:
        surface = r * math.sqrt(1 - ((level - centre_y) / half_h) ** 2) - 0.001
        bowl.append(
            Piece(
                Ellipsoid((0.0, level, 0.0), (surface - 0.002, 0.0008, surface - 0.002)), (0.35, 0.02, 0.07)
            )
        )
    stem = (
        Piece(Ellipsoid((0.0, 0.0015, 0.0), (0.036, 0.0015, 0.036))),
        Piece(Ellipsoid((0.0, 0.002, 0.0), (0.028, 0.007, 0.028), cut_below=0.0)),
        Piece(Tube((0.0, 0.006, 0.0), (0.0, stem_top, 0.0), 0.0045, 0.0038)),
    )
    return [
        Part("stem", (0.0, 0.0, 0.0), stem),
        Part("bowl", (0.0, stem_top, 0.0), tuple(bowl), parent="stem"),
    ]


# ---------------------------------------------------------------------------------------------------
# Plumbing, games and music.
# ---------------------------------------------------------------------------------------------------


def _shower(vary: Vary, attributes: list[str]) -> list[Part]:
    """A shower: a chrome pole on a shallow white tray, bent over at the top into an arm with a wide round
    head facing down, a mixer with a lever at hand height, and water falling in dashes."""
    pole_x, top = -0.36, 2.1 * vary()
    head_x, head_y = 0.0, top - 0.12
    tray = (
        Piece(block((-0.45, 0.0, -0.45), (0.45, 0.06, 0.45), open_bottom=True)),
        Piece(Ellipsoid((0.0, 0.06, 0.0), (0.04, 0.002, 0.04)), METAL),
    )
    pole = (
        Piece(Ellipsoid((pole_x, 0.06, 0.0), (0.05, 0.012, 0.05), cut_below=0.0), CHROME),
        *rod((pole_x, 0.06, 0.0), (pole_x, top - 0.08, 0.0), 0.018, 0.018, CHROME),
        *pipe_path(_arc((pole_x + 0.08, top - 0.08, 0.0), 0.08, (math.pi, math.pi / 2), 5), 0.018, CHROME),
        Piece(Tube((pole_x + 0.08, top, 0.0), (head_x - 0.02, top, 0.0), 0.016, 0.016), CHROME),
        Piece(Tube((head_x, top, 0.0), (head_x, head_y + 0.02, 0.0), 0.014, 0.02), CHROME),
        Piece(block((pole_x + 0.018, 1.05, -0.05), (pole_x + 0.06, 1.2, 0.05)), CHROME),
        Piece(Tube((pole_x + 0.06, 1.17, 0.0), (pole_x + 0.14, 1.19, 0.0), 0.01, 0.012), DARK),
    )
    head = (
        Piece(Ellipsoid((head_x, head_y + 0.02, 0.0), (0.13, 0.025, 0.13), cut_below=0.0), CHROME),
        Piece(Ellipsoid((head_x, head_y + 0.02, 0.0), (0.13, 0.004, 0.13)), (0.3, 0.32, 0.36)),
    )
    drops = tuple(
        Piece(Tube((head_x + x, y, z), (head_x + 1.05 * x, y - 0.09, 1.05 * z), 0.005, 0.005), WATER)
        for k, (x, z) in enumerate(
            (0.09 * math.cos(a) * f, 0.09 * math.sin(a) * f)
            for f in (0.45, 1.0)
            for a in (math.tau * j / 9 + f for j in range(9))
        )
        for y in (head_y - 0.05 - 0.17 * ((k * 7) % 5) - 0.35 * m for m in range(3))
    )
    return [
        Part("tray", (0.0, 0.0, 0.0), tray),
        Part("pole", (pole_x, 0.06, 0.0), pole, parent="tray"),
        Part("head", (head_x, head_y, 0.0), head, parent="pole"),
        Part("water", (head_x, head_y, 0.0), drops, parent="head"),
    ]


def _faucet(vary: Vary, attributes: list[str]) -> list[Part]:
    """A kitchen mixer tap: a round foot, a slim column bending over in a high arch into a spout that points
    down at +x with an aerator at its tip, and a single lever on a hub at the side, pointing back."""
    column, reach = 0.2 * vary(), 0.09
    bend = _arc((reach / 2, column, 0.0), reach / 2, (math.pi, 0.0), 10)
    body = (
        Piece(Ellipsoid((0.0, 0.0, 0.0), (0.034, 0.016, 0.034), cut_below=0.0)),
        *rod((0.0, 0.0, 0.0), (0.0, column, 0.0), 0.015, 0.011),
        *pipe_path(bend, 0.011),
        *rod((reach, column, 0.0), (reach, column - 0.045, 0.0), 0.011, 0.012, caps=False),
        Piece(Tube((reach, column - 0.045, 0.0), (reach, column - 0.052, 0.0), 0.013, 0.012), METAL),
    )
    hub_y = 0.075
    lever = (
        Piece(Tube((0.0, hub_y, 0.008), (0.0, hub_y, 0.028), 0.015, 0.015)),
        Piece(Ellipsoid((-0.03, hub_y + 0.012, 0.026), (0.035, 0.006, 0.006), pitch=-0.35)),
    )
    return [
        Part("body", (0.0, 0.0, 0.0), body),
        Part("lever", (0.0, hub_y, 0.02), lever, parent="body"),
    ]


def _trumpet(vary: Vary, attributes: list[str]) -> list[Part]:
    """A trumpet in profile, bell at +x: mouthpiece and lead pipe, three valves with pearl buttons, the
    bell pipe flaring into the bell above a tuning slide bent back under the valves."""
    valves_x, low, high = (-0.035, 0.0, 0.035), 0.04, 0.1 * vary()
    mid = (low + high) / 2
    r = 0.0055
    body = (
        # lead pipe from the mouthpiece forward, bending up into the bell pipe above the valves
        Piece(Tube((-0.27, mid, 0.0), (-0.245, mid, 0.0), 0.004, 0.012)),
        *rod((-0.245, mid, 0.0), (0.11, mid, 0.0), r, r),
        *pipe_path(_arc((0.11, (mid + high) / 2, 0.0), (high - mid) / 2, (-math.pi / 2, math.pi / 2), 6), r),
        *rod((0.11, high, 0.0), (-0.1, high, 0.0), r, r),
        *pipe_path(
            _arc((-0.1, (low + high) / 2, 0.0), (high - low) / 2, (math.pi / 2, 3 * math.pi / 2), 8), r
        ),
        *rod((-0.1, low, 0.0), (0.16, low, 0.0), r, 0.008),
        Piece(Tube((0.16, low, 0.0), (0.22, low, 0.0), 0.008, 0.02, caps=False)),
        Piece(Tube((0.22, low, 0.0), (0.25, low, 0.0), 0.02, 0.055, caps=False)),
        Piece(Torus((0.25, low, 0.0), 0.055, 0.003, yaw=math.pi / 2)),
        Piece(Tube((0.235, low, 0.0), (0.236, low, 0.0), 0.035, 0.035), (0.45, 0.32, 0.1)),
    )
    valves = tuple(
        piece
        for x in valves_x
        for piece in (
            Piece(Tube((x, low - 0.02, 0.0), (x, high + 0.012, 0.0), 0.0095, 0.0095)),
            Piece(Tube((x, high + 0.012, 0.0), (x, high + 0.03, 0.0), 0.003, 0.003), METAL),
            Piece(Tube((x, high + 0.03, 0.0), (x, high + 0.036, 0.0), 0.008, 0.008), (0.95, 0.93, 0.86)),
        )
    )
    return [
        Part("body", (0.0, mid, 0.0), body),
        Part("valves", (0.0, high, 0.0), valves, parent="body"),
    ]


def _game_controller(vary: Vary, attributes: list[str]) -> list[Part]:
    """A gamepad held upright, face to +z: a wide body with two grips angled down, a cross pad on the left,
    four coloured face buttons on the right, two thumbsticks below them and two small buttons between."""
    y, depth = 0.07, 0.022
    face = depth - 0.004
    grip = 0.045 * vary()
    body = (
        Piece(Ellipsoid((0.0, y, 0.0), (0.075, 0.032, depth))),
        *(
            Piece(Ellipsoid((s * 0.05, y - 0.03, 0.0), (0.022, grip, 0.9 * depth), pitch=s * 0.45))
            for s in (-1, 1)
        ),
    )
    pad, stick = (0.42, 0.42, 0.45), (0.1, 0.1, 0.11)
    controls = (
        Piece(block((-0.057, y - 0.004, face - 0.002), (-0.033, y + 0.004, face + 0.004)), pad),
        Piece(block((-0.049, y - 0.012, face - 0.002), (-0.041, y + 0.012, face + 0.004)), pad),
        *(
            _button((0.045 + dx, y + dy, face - 0.003), 0.0048, 0.0065, paint)
            for dx, dy, paint in (
                (0.0, 0.011, YELLOW),
                (0.011, 0.0, RED),
                (-0.011, 0.0, BLUE),
                (0.0, -0.011, GREEN),
            )
        ),
        *(
            piece
            for x in (-0.02, 0.02)
            for piece in (
                _button((x, y - 0.02, face - 0.004), 0.011, 0.003, pad),
                _button((x, y - 0.02, face - 0.001), 0.006, 0.006, stick),
                _button((x, y - 0.02, face + 0.005), 0.009, 0.003, stick),
            )
        ),
        *(_button((x, y + 0.008, face), 0.003, 0.003, KEY_GREY) for x in (-0.01, 0.01)),
    )
    return [
        Part("body", (0.0, y, 0.0), body),
        Part("controls", (0.0, y, face), controls, parent="body"),
    ]


def _drum(center: Vec, radius: float, depth: float, axis: str) -> list[Piece]:
    """A drum: a shell in the main colour with white heads and chrome hoops at both ends, its axis along
    'x' (a bass drum facing +x) or 'y' (standing)."""
    along = (1.0, 0.0, 0.0) if axis == "x" else (0.0, 1.0, 0.0)
    ends = [vec3(c + s * depth / 2 * a for c, a in zip(center, along, strict=True)) for s in (-1, 1)]
    rim = [
        vec3(c + s * 0.012 * a for c, a in zip(end, along, strict=True))
        for end, s in zip(ends, (1, -1), strict=True)
    ]
    heads = [
        Ellipsoid(end, (0.003, radius, radius) if axis == "x" else (radius, 0.003, radius)) for end in ends
    ]
    return [
        Piece(Tube(rim[0], rim[1], radius, radius, caps=False)),
        *(Piece(head, (0.94, 0.93, 0.88)) for head in heads),
        *(
            Piece(Tube(end, inner, radius + 0.006, radius + 0.006, caps=False), CHROME)
            for end, inner in zip(ends, rim, strict=True)
        ),
    ]


def _stand(foot: Vec, top: Vec, spread: float) -> list[Piece]:
    """A chrome stand: a pole from `foot` (on the floor) to `top` on three splayed legs."""
    x, _, z = foot
    legs = [
        piece
        for a in (math.tau * k / 3 + 0.5 for k in range(3))
        for piece in rod(
            (x + spread * math.cos(a), 0.0, z + spread * math.sin(a)),
            (x, 0.25 * top[1], z),
            0.009,
            0.009,
            CHROME,
        )
    ]
    return [*rod(foot, top, 0.014, 0.012, CHROME), *legs]


def _cymbal(center: Vec, radius: float, tilt: float = 0.0) -> Piece:
    """A thin brass disc tilted about z by `tilt`."""
    return Piece(Ellipsoid(center, (radius, 0.006, radius), pitch=tilt), BRASS)


def _drum_kit(vary: Vary, attributes: list[str]) -> list[Part]:
    """A drum kit facing +x (the audience): a bass drum on its side with two toms mounted on it, a floor tom
    on legs, a snare on a stand, a hi-hat, crash and ride cymbals on stands, and the drummer's stool."""
    bass_r = 0.27 * vary()
    drums = [
        *_drum((0.0, bass_r, 0.0), bass_r, 0.4, "x"),
        *_drum((-0.06, 2 * bass_r + 0.15, -0.15), 0.1, 0.14, "y"),
        *_drum((-0.06, 2 * bass_r + 0.15, 0.15), 0.1, 0.14, "y"),
        Piece(Tube((-0.02, 2 * bass_r - 0.01, 0.0), (-0.06, 2 * bass_r + 0.1, 0.0), 0.012, 0.012), CHROME),
        *_drum((-0.4, 0.46, 0.45), 0.16, 0.3, "y"),
        *(
            piece
            for a in (0.5, 2.6, 4.7)
            for piece in rod(
                (-0.4 + 0.19 * math.cos(a), 0.0, 0.45 + 0.19 * math.sin(a)),
                (-0.4 + 0.17 * math.cos(a), 0.5, 0.45 + 0.17 * math.sin(a)),
                0.009,
                0.009,
                CHROME,
            )
        ),
        *_drum((-0.42, 0.6, -0.4), 0.17, 0.13, "y"),
        *_stand((-0.42, 0.0, -0.4), (-0.42, 0.53, -0.4), 0.2),
    ]
    cymbals = [
        *_stand((-0.38, 0.0, -0.78), (-0.38, 0.95, -0.78), 0.22),
        _cymbal((-0.38, 0.88, -0.78), 0.18),
        _cymbal((-0.38, 0.9, -0.78), 0.18),
        *_stand((0.12, 0.0, -0.6), (0.08, 1.22, -0.5), 0.25),
        _cymbal((0.08, 1.22, -0.5), 0.22, tilt=0.3),
        *_stand((0.1, 0.0, 0.62), (0.06, 1.12, 0.56), 0.25),
        _cymbal((0.06, 1.12, 0.56), 0.26, tilt=0.25),
    ]
    stool = [
        *_stand((-0.82, 0.0, 0.0), (-0.82, 0.48, 0.0), 0.22),
        Piece(Ellipsoid((-0.82, 0.5, 0.0), (0.17, 0.05, 0.17)), DARK),
    ]
    return [
        Part("drums", (0.0, 0.0, 0.0), tuple(drums)),
        Part("cymbals", (0.0, 0.0, 0.0), tuple(cymbals), parent="drums"),
        Part("stool", (-0.82, 0.0, 0.0), tuple(stool), parent="drums"),
    ]


CATEGORIES: tuple[Category, ...] = (
    Category(
        "toilet",
        (0.68, 0.82, 0.44),
        "static",
        (0.95, 0.95, 0.96),
        build=_toilet,
        splats=4000,
        nouns=("loo", "lavatory", "commode", "toilet bowl", "water closet"),
    ),
    Category(
        "sink",
        (0.5, 1.0, 0.58),
        "static",
        (0.95, 0.95, 0.96),
        build=_sink,
        splats=4000,
        nouns=("washbasin", "wash basin", "basin", "bathroom sink", "kitchen sink", "lavabo"),
    ),
    Category(
        "oven",
        (0.66, 0.9, 0.6),
        "static",
        (0.8, 0.81, 0.83),
        build=_oven,
        splats=4500,
        nouns=("stove", "cooker", "range cooker", "kitchen stove", "cookstove"),
    ),
    Category(
        "remote",
        (0.05, 0.2, 0.026),
        "static",
        (0.12, 0.12, 0.13),
        build=_remote,
        splats=2500,
        nouns=("remote control", "tv remote", "clicker", "remote controller"),
    ),
    Category(
        "cell phone",
        (0.072, 0.15, 0.012),
        "static",
        (0.16, 0.16, 0.18),
        build=_cell_phone,
        splats=3000,
        nouns=("phone", "smartphone", "mobile phone", "cellphone", "mobile", "iphone", "cellular phone"),
    ),
    Category(
        "laptop",
        (0.3, 0.22, 0.33),
        "static",
        (0.72, 0.73, 0.76),
        build=_laptop,
        splats=4000,
        nouns=("notebook computer", "computer", "laptop computer", "macbook", "netbook", "chromebook"),
    ),
    Category(
        "keyboard",
        (0.135, 0.021, 0.39),
        "static",
        (0.93, 0.93, 0.94),
        build=_keyboard,
        splats=5000,
        nouns=("computer keyboard", "pc keyboard"),
    ),
    Category(
        "computer mouse",
        (0.18, 0.037, 0.067),
        "static",
        (0.86, 0.87, 0.89),
        build=_computer_mouse,
        splats=2000,
        nouns=("wireless mouse", "optical mouse"),
    ),
    Category(
        "hair drier",
        (0.22, 0.24, 0.08),
        "static",
        (0.88, 0.4, 0.55),
        build=_hair_drier,
        splats=2500,
        nouns=("hair dryer", "hairdryer", "hairdrier", "blow dryer", "blowdryer", "blow drier"),
    ),
    Category(
        "toothbrush",
        (0.2, 0.024, 0.0125),
        "static",
        (0.2, 0.45, 0.85),
        build=_toothbrush,
        splats=2500,
        nouns=("tooth brush", "electric toothbrush"),
    ),
    Category(
        "scissors",
        (0.21, 0.096, 0.009),
        "static",
        (0.9, 0.3, 0.1),
        build=_scissors,
        splats=2500,
        nouns=("scissor", "shears", "pair of scissors"),
    ),
    Category(
        "knife",
        (0.315, 0.036, 0.017),
        "static",
        (0.12, 0.12, 0.13),
        build=_knife,
        splats=2500,
        nouns=("kitchen knife", "chef knife", "chef's knife", "table knife", "butter knife", "steak knife"),
    ),
    Category(
        "fork",
        (0.22, 0.025, 0.0036),
        "static",
        STEEL,
        build=_fork,
        splats=2500,
        nouns=("table fork", "dinner fork"),
    ),
    Category(
        "spoon",
        (0.205, 0.042, 0.0057),
        "static",
        STEEL,
        build=_spoon,
        splats=2000,
        nouns=("teaspoon", "tablespoon", "soup spoon", "dessert spoon"),
    ),
    Category(
        "wine glass",
        (0.084, 0.19, 0.084),
        "static",
        (0.86, 0.9, 0.94),
        build=_wine_glass,
        splats=2500,
        nouns=("wineglass", "goblet", "champagne glass", "stemware"),
    ),
    Category(
        "shower",
        (0.9, 2.1, 0.9),
        "static",
        (0.95, 0.95, 0.96),
        build=_shower,
        splats=4000,
        nouns=("shower head", "showerhead", "shower stall"),
    ),
    Category(
        "faucet",
        (0.165, 0.256, 0.068),
        "static",
        CHROME,
        build=_faucet,
        splats=2000,
        nouns=("tap", "spigot", "mixer tap", "water tap", "kitchen faucet"),
    ),
    Category(
        "trumpet",
        (0.52, 0.154, 0.116),
        "static",
        BRASS,
        build=_trumpet,
        splats=3000,
        nouns=("cornet", "bugle", "flugelhorn"),
    ),
    Category(
        "game controller",
        (0.156, 0.104, 0.048),
        "static",
        (0.2, 0.2, 0.22),
        build=_game_controller,
        splats=2500,
        nouns=("gamepad", "controller", "joypad", "video game controller", "console controller"),
    ),
    Category(
        "drum kit",
        (1.36, 1.3, 1.82),
        "static",
        (0.7, 0.1, 0.12),
        build=_drum_kit,
        splats=7000,
        nouns=("drum set", "drumkit", "drumset", "trap set"),
    ),
)
