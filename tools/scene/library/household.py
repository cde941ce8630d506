"""Household things: appliances, decor, soft furnishings."""

from __future__ import annotations

import itertools
import math

from scenewright.tools.scene.library.furniture import SHADOW, block, feet_at
from scenewright.tools.scene.parts import (
    DARK,
    GLASS,
    METAL,
    WHITE,
    WOOD,
    Box,
    Category,
    Decal,
    Ellipsoid,
    Part,
    Piece,
    Torus,
    Tube,
    Vary,
    Vec,
)

BRASS = (0.8, 0.64, 0.3)
CERAMIC = (0.9, 0.88, 0.82)
SILVER = (0.72, 0.78, 0.84)  # a mirror's glass
SHEEN = (0.93, 0.95, 0.98)  # reflections on glass
SCREEN = (0.03, 0.04, 0.06)
BULB = (1.0, 0.95, 0.75)
PRODUCTS: tuple[Vec, ...] = (
    (0.85, 0.1, 0.1),
    (0.95, 0.75, 0.1),
    (0.15, 0.45, 0.85),
    (0.2, 0.65, 0.25),
    (0.95, 0.5, 0.1),
    (0.9, 0.9, 0.9),
)


def _loop(points: list[Vec], radius: float) -> list[Tube]:
    """Tubes joining `points` in a closed loop: rims, frames, piping."""
    return [Tube(a, b, radius, radius) for a, b in zip(points, points[1:] + points[:1], strict=True)]


def _ellipse(center: Vec, radii: tuple[float, float], plane: str, n: int) -> list[Vec]:
    """n points round an ellipse in the 'xz' (lying) or 'yz' (facing +x) plane, radii in that order."""
    x, y, z = center
    ring = [(radii[0] * math.cos(a), radii[1] * math.sin(a)) for a in (math.tau * k / n for k in range(n))]
    if plane == "xz":
        return [(x + u, y, z + v) for u, v in ring]
    return [(x, y + u, z + v) for u, v in ring]


def _streaks(x: tuple[float, float], top: float, left: float, length: int, rgb: Vec) -> tuple[Decal, ...]:
    """Two diagonal reflections on glass facing +x, from (top, left) down towards +z, as stepped decals."""
    return tuple(
        Decal(
            (x[0], top - 0.05 * k - 0.04 - gap, left + 0.035 * k + gap),
            (x[1], top - 0.05 * k - gap, left + 0.035 * k + 0.05 + gap),
            rgb,
        )
        for gap in (0.0, 0.09)
        for k in range(length)
    )


def _interp(x: float, points: list[tuple[float, float]]) -> float:
    """Linear interpolation of z at x along a polyline of (x, z) points sorted by x."""
    for (x0, z0), (x1, z1) in itertools.pairwise(points):
        if x0 <= x <= x1:
            return z0 + (z1 - z0) * (x - x0) / (x1 - x0)
    return points[0][1] if x < points[0][0] else points[-1][1]


def _lamp(vary: Vary, attributes: list[str]) -> list[Part]:
    """A table lamp: a foot and body (gourd; ball, column or block by attribute), a stem and bulb, a shade."""
    paint = METAL if "metal" in attributes else WOOD if "wooden" in attributes else CERAMIC
    if "glass" in attributes:
        paint = (0.7, 0.84, 0.88)
    shade_top = 0.55 * vary()
    if "square" in attributes:
        base = (
            Piece(block((-0.1, 0.0, -0.1), (0.1, 0.025, 0.1)), paint, accent=True),
            Piece(
                block((-0.065, 0.025, -0.065), (0.065, 0.24, 0.065), top_scale=(0.8, 0.8)),
                paint,
                accent=True,
            ),
        )
        shade = Piece(
            Box((0.0, (0.3 + shade_top) / 2, 0.0), (0.34, shade_top - 0.3, 0.34), top_scale=(0.62, 0.62))
        )
    else:
        if "round" in attributes:
            body = Ellipsoid((0.0, 0.13, 0.0), (0.11, 0.11, 0.11))
        elif "metal" in attributes or "wooden" in attributes:
            body = Tube((0.0, 0.02, 0.0), (0.0, 0.24, 0.0), 0.04, 0.03)
        else:
            body = Ellipsoid((0.0, 0.14, 0.0), (0.085, 0.12, 0.085))
        base = (
            Piece(Tube((0.0, 0.0, 0.0), (0.0, 0.025, 0.0), 0.1, 0.095), paint, accent=True),
            Piece(body, paint, accent=True),
        )
        shade = Piece(Tube((0.0, 0.3, 0.0), (0.0, shade_top, 0.0), 0.18, 0.11, caps=False))
    return [
        Part("base", (0.0, 0.0, 0.0), base),
        Part(
            "stem",
            (0.0, 0.24, 0.0),
            (
                Piece(Tube((0.0, 0.24, 0.0), (0.0, 0.36, 0.0), 0.012, 0.012), BRASS),
                Piece(Ellipsoid((0.0, 0.38, 0.0), (0.03, 0.04, 0.03)), BULB),
            ),
            parent="base",
        ),
        Part("shade", (0.0, 0.3, 0.0), (shade,), parent="stem"),
    ]


def _refrigerator(vary: Vary, attributes: list[str]) -> list[Part]:
    """A tall cabinet on a dark kick plate, a freezer door over the main door, bar handles on the right."""
    split = 1.2 * vary()
    seam = Decal((0.3, split - 0.02, -0.4), (0.32, split + 0.02, 0.4), SHADOW)
    body = (
        Piece(block((-0.35, 0.05, -0.375), (0.31, 1.8, 0.375), open_bottom=True), decals=(seam,)),
        Piece(block((0.2, 0.0, -0.36), (0.33, 0.06, 0.36), open_bottom=True), DARK),
    )
    doors = []
    for name, low, high, grip in (
        ("door_top", split + 0.01, 1.79, (split + 0.06, split + 0.32)),
        ("door_bottom", 0.07, split - 0.01, (split - 0.38, split - 0.06)),
    ):
        doors.append(
            Part(
                name,
                (0.33, (low + high) / 2, -0.37),
                (
                    Piece(block((0.31, low, -0.37), (0.35, high, 0.37))),
                    Piece(Tube((0.385, grip[0], 0.3), (0.385, grip[1], 0.3), 0.013, 0.013), METAL),
                    *(Piece(Tube((0.35, y, 0.3), (0.385, y, 0.3), 0.008, 0.008), METAL) for y in grip),
                ),
                parent="body",
            )
        )
    return [Part("body", (0.0, 0.0, 0.0), body), *doors]


def _bathtub(vary: Vary, attributes: list[str]) -> list[Part]:
    """A clawfoot tub (a bowl, white inside, rolled rim, four feet) or, if square, a built-in one (an apron
    round a box basin); a mixer tap at the back end."""
    rim = 0.62 * vary()
    if "square" in attributes or "rectangular" in attributes:
        sides = (
            ((-0.85, 0.0, 0.32), (0.85, rim, 0.39), (-0.79, 0.2, 0.31), (0.79, rim + 0.01, 0.33)),
            ((-0.85, 0.0, -0.39), (0.85, rim, -0.32), (-0.79, 0.2, -0.33), (0.79, rim + 0.01, -0.31)),
            ((0.78, 0.0, -0.32), (0.85, rim, 0.32), (0.77, 0.2, -0.33), (0.79, rim + 0.01, 0.33)),
            ((-0.85, 0.0, -0.32), (-0.78, rim, 0.32), (-0.79, 0.2, -0.33), (-0.77, rim + 0.01, 0.33)),
        )
        tub = (
            *(
                Piece(block(low, high, open_bottom=True), decals=(Decal(inner_low, inner_high, WHITE),))
                for low, high, inner_low, inner_high in sides
            ),
            Piece(block((-0.78, 0.19, -0.32), (0.78, 0.21, 0.32)), WHITE, accent=True),
        )
        parts = [Part("tub", (0.0, 0.0, 0.0), tub)]
    else:
        depth = rim - 0.15  # bowl bottom at 0.15, on the feet
        tub = (
            Piece(Ellipsoid((0.0, rim, 0.0), (0.85, 0.7, 0.39), cut_below=-depth / 0.7, cut_above=0.0)),
            Piece(Ellipsoid((0.0, 0.15, 0.0), (0.63, 0.004, 0.29))),
            Piece(
                Ellipsoid(
                    (0.0, rim, 0.0), (0.79, 0.62, 0.33), cut_below=-(depth - 0.07) / 0.62, cut_above=0.0
                ),
                WHITE,
                accent=True,
            ),
            Piece(Ellipsoid((0.0, 0.22, 0.0), (0.6, 0.004, 0.25)), WHITE, accent=True),
            *(Piece(tube) for tube in _loop(_ellipse((0.0, rim, 0.0), (0.82, 0.36), "xz", 28), 0.035)),
        )
        feet = tuple(
            piece
            for x in (-0.5, 0.5)
            for z in (-0.2, 0.2)
            for piece in (
                Piece(Tube((1.08 * x, 0.03, 1.15 * z), (x, 0.2, z), 0.03, 0.045), BRASS),
                Piece(Ellipsoid((1.1 * x, 0.035, 1.17 * z), (0.045, 0.035, 0.045)), BRASS),
            )
        )
        parts = [Part("tub", (0.0, 0.15, 0.0), tub), Part("feet", (0.0, 0.0, 0.0), feet, parent="tub")]
    tap = (
        Piece(Tube((-0.88, rim - 0.15, 0.0), (-0.88, rim + 0.1, 0.0), 0.018, 0.018), METAL),
        Piece(Tube((-0.88, rim + 0.1, 0.0), (-0.75, rim + 0.08, 0.0), 0.016, 0.012), METAL),
        *(Piece(Ellipsoid((-0.88, rim + 0.05, z), (0.025, 0.02, 0.025)), METAL) for z in (-0.06, 0.06)),
    )
    return [*parts, Part("tap", (-0.88, rim, 0.0), tap, parent="tub")]


# The treble (curved) side of a grand piano's case seen from above, (x, z): keyboard at +x, tail at -x.
PIANO_TREBLE = [
    (-0.95, 0.45),
    (-0.9, 0.25),
    (-0.78, 0.05),
    (-0.62, -0.12),
    (-0.45, -0.27),
    (-0.25, -0.42),
    (-0.05, -0.58),
    (0.15, -0.7),
    (0.35, -0.75),
    (0.6, -0.75),
]
PIANO_BASS = [(-0.95, 0.45), (-0.93, 0.6), (-0.88, 0.7), (-0.8, 0.75), (0.6, 0.75)]  # the straight side, +z


def _piano(vary: Vary, attributes: list[str]) -> list[Part]:
    """A grand piano: a curved case on three legs with a gold plate inside, its lid propped open on a stick,
    keys with black keys, a music desk with a sheet, and a pedal lyre."""
    rim_low, rim_top, hinge_z = 0.62, 0.98, 0.75
    lift = 0.5 * vary()  # the lid's opening angle, radians
    outline = [
        *PIANO_TREBLE[::-1],
        *PIANO_BASS[1:],
    ]  # round from the front treble corner, closed at the front
    walls = []
    for (x0, z0), (x1, z1) in zip(outline, outline[1:] + outline[:1], strict=True):
        length = math.hypot(x1 - x0, z1 - z0)
        walls.append(
            Piece(
                Box(
                    ((x0 + x1) / 2, (rim_low + rim_top) / 2, (z0 + z1) / 2),
                    (length + 0.03, rim_top - rim_low, 0.04),
                    yaw=math.atan2(-(z1 - z0), x1 - x0),
                    open_bottom=True,
                )
            )
        )
    strips = 16
    step = (0.6 + 0.95) / strips
    plate, lid = [], []
    for k in range(strips):
        x0 = -0.95 + k * step
        x = x0 + step / 2
        low, high = _interp(x, PIANO_TREBLE), _interp(x, PIANO_BASS)
        plate.append(Piece(block((x0, 0.86, low), (x0 + step, 0.87, high)), BRASS, accent=True))
        if x0 + step <= 0.32:  # the front flap stays closed over the action
            # A box sheared along its local x (world -z after the yaw) is a slab tilted about the hinge line.
            near, far = hinge_z - high, hinge_z - low  # distances from the hinge
            rise = (far - near) * math.sin(lift)
            lid.append(
                Piece(
                    Box(
                        (x, rim_top + near * math.sin(lift) + rise / 2, hinge_z - near * math.cos(lift)),
                        (0.025, rise, step + 0.005),
                        top_shift=(far - near) * math.cos(lift),
                        yaw=math.pi / 2,
                    )
                )
            )
    stick_x = -0.1
    stick_base = (stick_x, rim_top, _interp(stick_x, PIANO_TREBLE) + 0.04)
    reach = (hinge_z - stick_base[2] - 0.12) / math.cos(lift)
    stick_top = (stick_x, rim_top + reach * math.sin(lift), hinge_z - reach * math.cos(lift))
    lid.append(Piece(Tube(stick_base, stick_top, 0.012, 0.012)))
    white = 1.24 / 52
    keys = [
        Piece(block((0.55, rim_low, -0.68), (0.86, 0.72, 0.68), open_bottom=True)),
        Piece(block((0.6, 0.72, -0.62), (0.85, 0.745, 0.62)), WHITE),
        *(Piece(block((0.55, rim_low, s * 0.62), (0.88, 0.8, s * 0.7))) for s in (-1, 1)),
        Piece(block((0.3, rim_top - 0.01, -0.74), (0.6, rim_top + 0.01, hinge_z))),
        Piece(block((0.38, rim_top, -0.38), (0.42, rim_top + 0.25, 0.38), top_shift=-0.06)),
        Piece(block((0.412, rim_top + 0.05, -0.2), (0.422, rim_top + 0.22, 0.2), top_shift=-0.04), WHITE),
    ]
    for k in range(51):
        if k % 7 in (0, 1, 3, 4, 5):
            z = -0.62 + (k + 1) * white
            keys.append(Piece(block((0.68, 0.745, z - 0.006), (0.82, 0.765, z + 0.006)), DARK))
    legs = [
        piece
        for x, z in ((0.5, 0.62), (0.5, -0.62), (-0.7, 0.45))
        for piece in (
            Piece(Tube((x, 0.05, z), (x, rim_low, z), 0.045, 0.06)),
            Piece(Ellipsoid((x, 0.03, z), (0.04, 0.03, 0.04)), BRASS),
        )
    ]
    lyre = (
        *(Piece(Tube((0.45, rim_low, z), (0.45, 0.08, z), 0.015, 0.015)) for z in (-0.06, 0.06)),
        Piece(block((0.4, 0.04, -0.11), (0.5, 0.08, 0.11))),
        *(Piece(block((0.5, 0.05, z - 0.012), (0.58, 0.065, z + 0.012)), BRASS) for z in (-0.06, 0.0, 0.06)),
    )
    return [
        Part("case", (0.0, rim_low, 0.0), (*walls, *plate)),
        Part("lid", (0.0, rim_top, hinge_z), tuple(lid), parent="case"),
        Part("keyboard", (0.7, 0.72, 0.0), tuple(keys), parent="case"),
        Part("legs", (0.0, 0.0, 0.0), tuple(legs), parent="case"),
        Part("pedals", (0.45, 0.06, 0.0), lyre, parent="legs"),
    ]


def _mirror(vary: Vary, attributes: list[str]) -> list[Part]:
    """A cheval mirror: silvered glass with reflection streaks in a frame (oval if round or oval), swung on
    pins between two posts on feet."""
    low, top, half = 0.22, 1.62 * vary(), 0.27
    centre = (low + top) / 2
    if "round" in attributes or "oval" in attributes:
        glass = Ellipsoid((0.004, centre, 0.0), (0.008, (top - low) / 2, half))
        frame = (
            Piece(Ellipsoid((-0.015, centre, 0.0), (0.015, (top - low) / 2 + 0.01, half + 0.01))),
            *(
                Piece(t)
                for t in _loop(
                    _ellipse((0.005, centre, 0.0), ((top - low) / 2 + 0.02, half + 0.02), "yz", 32), 0.03
                )
            ),
        )
    else:
        glass = block((-0.005, low, -half), (0.012, top, half))
        frame = (
            Piece(block((-0.03, low - 0.01, -half - 0.01), (-0.005, top + 0.01, half + 0.01))),
            *(
                Piece(block((-0.03, y0, -half - 0.05), (0.03, y1, half + 0.05)))
                for y0, y1 in ((top, top + 0.05), (low - 0.05, low))
            ),
            *(
                Piece(block((-0.03, low - 0.05, z0), (0.03, top + 0.05, z1)))
                for z0, z1 in ((-half - 0.05, -half), (half, half + 0.05))
            ),
        )
    post = half + 0.075
    stand = (
        *(Piece(Tube((0.0, 0.0, s * post), (0.0, centre + 0.15, s * post), 0.022, 0.022)) for s in (-1, 1)),
        *(Piece(Ellipsoid((0.0, centre + 0.17, s * post), (0.03, 0.03, 0.03))) for s in (-1, 1)),
        *(
            Piece(block((-0.22, 0.0, s * post - 0.025), (0.22, 0.04, s * post + 0.025), open_bottom=True))
            for s in (-1, 1)
        ),
        Piece(Tube((0.0, 0.14, -post), (0.0, 0.14, post), 0.015, 0.015)),
        *(
            Piece(Tube((0.0, centre, s * (half + 0.03)), (0.0, centre, s * post), 0.014, 0.014), BRASS)
            for s in (-1, 1)
        ),
    )
    return [
        Part("stand", (0.0, 0.0, 0.0), stand),
        Part("frame", (0.0, centre, 0.0), frame, parent="stand"),
        Part(
            "glass",
            (0.0, centre, 0.0),
            (Piece(glass, SILVER, decals=_streaks((0.006, 0.02), top - 0.08, -half + 0.02, 9, SHEEN)),),
            parent="frame",
        ),
    ]


def _vending_machine(vary: Vary, attributes: list[str]) -> list[Part]:
    """A tall cabinet with a glass window of product rows on shelves, a keypad panel and a dispensing flap."""
    front, top = 0.38, 1.85 * vary()
    sign = Decal((front - 0.01, top - 0.2, -0.47), (front + 0.01, top - 0.06, 0.47), WHITE)
    body = Piece(block((-0.42, 0.0, -0.5), (front, top, 0.5), open_bottom=True), decals=(sign,))
    window_low, window_high, left, right = 0.55, top - 0.28, -0.46, 0.16
    rows, columns = 5, 6
    pitch_y, pitch_z = (window_high - window_low) / rows, (right - left) / columns
    window = [Piece(block((front, window_low, left), (front + 0.01, window_high, right)), GLASS)]
    for row in range(rows):
        shelf = window_low + row * pitch_y
        window.append(
            Piece(
                block((front + 0.01, shelf, left + 0.01), (front + 0.02, shelf + 0.015, right - 0.01)), METAL
            )
        )
        for column in range(columns):
            z = left + (column + 0.5) * pitch_z
            window.append(
                Piece(
                    block(
                        (front + 0.01, shelf + 0.02, z - 0.035),
                        (front + 0.02, shelf + 0.02 + 0.6 * pitch_y, z + 0.035),
                    ),
                    PRODUCTS[(row * 2 + column) % len(PRODUCTS)],
                )
            )
    panel = [
        Piece(block((front, 1.05, 0.24), (front + 0.01, 1.13, 0.44)), (0.1, 0.25, 0.15)),
        Piece(block((front, 0.8, 0.36), (front + 0.02, 0.92, 0.4)), DARK),
    ]
    for row in range(4):
        for column in range(3):
            y, z = 1.0 - 0.05 * row, 0.26 + 0.04 * column
            panel.append(
                Piece(block((front, y - 0.035, z), (front + 0.015, y, z + 0.03)), (0.85, 0.85, 0.85))
            )
    tray = (
        Piece(block((front, 0.15, -0.4), (front + 0.015, 0.38, 0.1)), DARK),
        Piece(block((front + 0.015, 0.36, -0.4), (front + 0.03, 0.38, 0.1)), METAL),
    )
    return [
        Part("body", (0.0, 0.0, 0.0), (body,)),
        Part("window", (front, window_low, 0.0), tuple(window), parent="body"),
        Part("panel", (front, 1.0, 0.34), tuple(panel), parent="body"),
        Part("tray", (front, 0.26, -0.15), tray, parent="body"),
    ]


def _toaster(vary: Vary, attributes: list[str]) -> list[Part]:
    """A rounded box on a dark base with two slots, two slices of toast popping up, a lever and a dial."""
    top = 0.19 * vary()
    slots = tuple(
        Piece(block((-0.11, top, z - 0.013), (0.11, top + 0.003, z + 0.013)), DARK) for z in (-0.035, 0.035)
    )
    toast = tuple(
        piece
        for z in (-0.035, 0.035)
        for piece in (
            Piece(block((-0.06, top - 0.05, z - 0.007), (0.06, top + 0.04, z + 0.007)), (0.88, 0.66, 0.36)),
            Piece(Ellipsoid((0.0, top + 0.04, z), (0.062, 0.018, 0.008)), (0.6, 0.36, 0.15)),
        )
    )
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (
                Piece(
                    block(
                        (-0.14, 0.015, -0.085), (0.14, top, 0.085), top_scale=(0.95, 0.85), open_bottom=True
                    )
                ),
                Piece(block((-0.13, 0.0, -0.08), (0.13, 0.015, 0.08), open_bottom=True), DARK),
                *slots,
            ),
        ),
        Part("toast", (0.0, top, 0.0), toast, parent="body"),
        Part(
            "lever",
            (0.14, 0.12, 0.0),
            (
                Piece(block((0.14, 0.08, -0.005), (0.142, 0.16, 0.005)), DARK),
                Piece(block((0.14, 0.135, -0.015), (0.16, 0.15, 0.015)), DARK),
                Piece(Tube((0.14, 0.06, 0.0), (0.152, 0.06, 0.0), 0.012, 0.011), METAL),
            ),
            parent="body",
        ),
    ]


def _television(vary: Vary, attributes: list[str]) -> list[Part]:
    """A flat screen: a thin panel with a dark glass face and a rear housing, on a neck and a foot."""
    bottom, top, half = 0.1, 0.72 * vary(), 0.55
    face = (
        Decal((0.015, bottom + 0.025, -half + 0.02), (0.03, top - 0.02, half - 0.02), SCREEN),
        Decal((0.015, bottom + 0.005, -0.03), (0.03, bottom + 0.018, 0.03), METAL),
        *_streaks((0.015, 0.03), top - 0.05, -half + 0.1, 7, (0.16, 0.19, 0.25)),
    )
    return [
        Part(
            "stand",
            (0.0, 0.0, 0.0),
            (
                Piece(block((-0.14, 0.0, -0.22), (0.08, 0.02, 0.22), open_bottom=True)),
                Piece(block((-0.07, 0.02, -0.05), (-0.02, bottom + 0.1, 0.05))),
            ),
        ),
        Part(
            "screen",
            (0.0, bottom, 0.0),
            (
                Piece(block((-0.02, bottom, -half), (0.02, top, half)), decals=face),
                Piece(block((-0.08, bottom + 0.1, -0.32), (-0.02, top - 0.12, 0.32), top_scale=(0.6, 0.9))),
            ),
            parent="stand",
        ),
    ]


def _clock(vary: Vary, attributes: list[str]) -> list[Part]:
    """A standing clock: a round (or square) case with a bezel on two feet, a white dial with hour marks, and
    hands at ten past ten that turn about the dial's centre."""
    radius, depth = 0.15, 0.05
    centre = (0.0, radius + 0.02, 0.0)
    cy = centre[1]
    bezel_paint = METAL if "metal" in attributes else BRASS if "brass" in attributes else None
    if "square" in attributes:
        case = [
            Piece(block((-depth, cy - radius, -radius), (0.0, cy + radius, radius))),
            *(
                Piece(t, bezel_paint, accent=True)
                for t in _loop(
                    [(0.005, cy + radius * u, radius * v) for u, v in ((1, 1), (1, -1), (-1, -1), (-1, 1))],
                    0.014,
                )
            ),
        ]
    else:
        case = [
            Piece(Tube((-depth, cy, 0.0), (0.0, cy, 0.0), radius, radius)),
            Piece(Torus((0.005, cy, 0.0), radius - 0.012, 0.015, yaw=math.pi / 2), bezel_paint, accent=True),
        ]
    case += [Piece(block((-0.045, 0.0, z - 0.02), (0.02, 0.03, z + 0.02)), DARK) for z in (-0.08, 0.08)]
    dial = [Piece(Tube((0.0, cy, 0.0), (0.004, cy, 0.0), 0.128, 0.128), (0.96, 0.95, 0.9))]
    for hour in range(12):
        a = math.tau * hour / 12  # clockwise from twelve as seen from the front: three o'clock is at -z
        inner = 0.09 if hour % 3 else 0.08
        dial.append(
            Piece(
                Tube(
                    (0.006, cy + inner * math.cos(a), -inner * math.sin(a)),
                    (0.006, cy + 0.112 * math.cos(a), -0.112 * math.sin(a)),
                    0.005,
                    0.005,
                ),
                DARK,
            )
        )
    hands = [Piece(Tube((0.008, cy, 0.0), (0.012, cy, 0.0), 0.012, 0.012), DARK)]
    for on_dial, length, width in ((10 + 10 / 60, 0.065, 0.007), (2.0, 0.1, 0.005)):  # ten past ten
        a = math.tau * on_dial / 12
        hands.append(
            Piece(
                Tube(
                    (0.009, cy, 0.0),
                    (0.009, cy + length * math.cos(a), -length * math.sin(a)),
                    width,
                    0.6 * width,
                ),
                DARK,
            )
        )
    a = math.tau * 7 / 12
    hands.append(
        Piece(
            Tube((0.011, cy, 0.0), (0.011, cy + 0.11 * math.cos(a), -0.11 * math.sin(a)), 0.002, 0.002),
            (0.8, 0.1, 0.1),
        )
    )
    return [
        Part("case", centre, tuple(case)),
        Part("dial", centre, tuple(dial), parent="case"),
        Part("hands", centre, tuple(hands), parent="dial"),
    ]


def _vase(vary: Vary, attributes: list[str]) -> list[Part]:
    """A baluster vase: a foot, a full body, a narrow neck and a flared lip with a dark mouth; round: a globe
    with a short neck; square: a tapered block; glass or cylindrical: a plain cylinder."""
    top = 0.36 * vary()
    if "glass" in attributes or "cylindrical" in attributes:
        body: tuple[Piece, ...] = (Piece(Tube((0.0, 0.0, 0.0), (0.0, top, 0.0), 0.08, 0.08, caps=False)),)
        neck_y, mouth = top, 0.078
    elif "square" in attributes:
        body = (
            Piece(block((-0.09, 0.0, -0.09), (0.09, 0.26, 0.09), top_scale=(0.7, 0.7), open_bottom=True)),
        )
        neck_y, mouth = 0.26, 0.04
    else:
        ball = "round" in attributes
        body = (
            Piece(Tube((0.0, 0.0, 0.0), (0.0, 0.02, 0.0), 0.06, 0.055)),
            Piece(Ellipsoid((0.0, 0.135, 0.0), (0.11, 0.12, 0.11) if ball else (0.095, 0.135, 0.095))),
        )
        neck_y, mouth = (0.24 if ball else 0.25), 0.035
    parts = [Part("body", (0.0, 0.0, 0.0), body)]
    if neck_y < top:
        lip_y = top - 0.05
        neck = (
            Piece(Tube((0.0, neck_y - 0.02, 0.0), (0.0, lip_y, 0.0), 0.05, mouth, caps=False)),
            Piece(Tube((0.0, lip_y, 0.0), (0.0, top, 0.0), mouth, 1.7 * mouth, caps=False)),
            Piece(Tube((0.0, top - 0.02, 0.0), (0.0, top - 0.019, 0.0), 1.3 * mouth, 1.3 * mouth), DARK),
        )
        parts.append(Part("neck", (0.0, neck_y, 0.0), neck, parent="body"))
    else:
        parts.append(
            Part(
                "neck",
                (0.0, top, 0.0),
                (
                    Piece(
                        Tube((0.0, top - 0.03, 0.0), (0.0, top - 0.029, 0.0), 0.85 * mouth, 0.85 * mouth),
                        DARK,
                    ),
                ),
                parent="body",
            )
        )
    return parts


def _pillow(vary: Vary, attributes: list[str]) -> list[Part]:
    """A bed pillow lying flat: a rectangular slab, a tapered puff and a low dome, piping round its edge."""
    half_x, half_z, edge = 0.25, 0.36, 0.04
    seam = [(x * half_x, edge, z * half_z) for x, z in ((1, 1), (1, -1), (-1, -1), (-1, 1))]
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (
                Piece(
                    block(
                        (-half_x, 0.0, -half_z),
                        (half_x, edge, half_z),
                        top_scale=(0.94, 0.96),
                        open_bottom=True,
                    )
                ),
                Piece(
                    block(
                        (-0.96 * half_x, edge, -0.97 * half_z),
                        (0.96 * half_x, 0.1, 0.97 * half_z),
                        top_scale=(0.8, 0.85),
                    )
                ),
                Piece(
                    Ellipsoid((0.0, 0.1, 0.0), (0.77 * half_x, 0.055 * vary(), 0.82 * half_z), cut_below=0.0)
                ),
            ),
        ),
        Part(
            "seam",
            (0.0, edge, 0.0),
            tuple(Piece(t, (0.85, 0.85, 0.85), accent=True) for t in _loop(seam, 0.008)),
            parent="body",
        ),
    ]


def _towel(vary: Vary, attributes: list[str]) -> list[Part]:
    """A folded towel: three stacked layers with a rounded fold at the front and pale woven bands near both
    ends (more stripes if striped)."""
    layer, half_x, half_z = 0.027, 0.15, 0.21
    bands = [0.15] + ([0.06, -0.02] if "striped" in attributes else [])
    decals = tuple(
        Decal((-1.0, -1.0, s * z - 0.012), (1.0, 1.0, s * z + 0.012), WHITE) for z in bands for s in (-1, 1)
    )
    layers = tuple(
        Piece(
            block(
                (-half_x + 0.01 * k, layer * k, -half_z),
                (half_x - 0.03, layer * (k + 1), half_z),
                open_bottom=k == 0,
            ),
            decals=decals,
        )
        for k in range(3)
    )
    height = 3 * layer * vary()
    fold = Piece(
        Tube(
            (half_x - 0.04, height / 2, -half_z), (half_x - 0.04, height / 2, half_z), height / 2, height / 2
        ),
        decals=decals,
    )
    return [
        Part("body", (0.0, 0.0, 0.0), layers),
        Part("fold", (half_x - 0.04, height / 2, 0.0), (fold,), parent="body"),
    ]


def _hill(x: tuple[float, float], base: float, peak: Vec, rgb: Vec) -> list[Decal]:
    """A rounded hill painted on a canvas facing +x in strips; peak: (height, centre z, half-width)."""
    height, centre, half = peak
    strips = 14
    out = []
    for k in range(strips):
        z0 = centre - half + 2 * half * k / strips
        u = (z0 + half / strips - centre) / half
        out.append(
            Decal(
                (x[0], base - 0.1, z0),
                (x[1], base + height * math.sqrt(max(0.0, 1 - u * u)), z0 + 2 * half / strips),
                rgb,
            )
        )
    return out


def _painting(vary: Vary, attributes: list[str]) -> list[Part]:
    """A framed landscape (sky, sun, hills, a field) on canvas, standing on a strut; round or oval: an oval
    frame."""
    low, top, half = 0.06, 0.56 * vary(), 0.34
    face = (0.008, 0.03)
    scene = (
        Decal((face[0], (low + top) / 2, -1.0), (face[1], 2.0, 1.0), (0.65, 0.8, 0.95)),
        Decal((face[0], top - 0.16, -0.22), (face[1], top - 0.08, -0.14), (0.98, 0.85, 0.3)),
        *_hill(face, low + 0.12, (0.2, 0.12, 0.3), (0.45, 0.55, 0.7)),
        *_hill(face, low + 0.08, (0.14, -0.15, 0.28), (0.3, 0.55, 0.25)),
        *_hill(face, low + 0.06, (0.1, 0.2, 0.25), (0.2, 0.45, 0.2)),
        Decal((face[0], -1.0, -1.0), (face[1], low + 0.07, 1.0), (0.55, 0.65, 0.25)),
    )
    centre = (low + top) / 2
    if "round" in attributes or "oval" in attributes:
        canvas = Piece(
            Ellipsoid((0.0, centre, 0.0), (0.01, (top - low) / 2, half)), (0.65, 0.8, 0.95), decals=scene
        )
        frame = tuple(
            Piece(t)
            for t in _loop(
                _ellipse((0.0, centre, 0.0), ((top - low) / 2 + 0.025, half + 0.025), "yz", 32), 0.035
            )
        )
    else:
        canvas = Piece(block((-0.01, low, -half), (0.01, top, half)), decals=scene)
        frame = (
            *(
                Piece(block((-0.02, y0, -half - 0.06), (0.025, y1, half + 0.06)))
                for y0, y1 in ((top, top + 0.06), (low - 0.06, low))
            ),
            *(
                Piece(block((-0.02, low, z0), (0.025, top, z1)))
                for z0, z1 in ((-half - 0.06, -half), (half, half + 0.06))
            ),
        )
    return [
        Part("frame", (0.0, 0.0, 0.0), frame),
        Part(
            "canvas",
            (0.0, centre, 0.0),
            (canvas, Piece(block((-0.02, low, -half), (-0.01, top, half)))),
            parent="frame",
        ),
        Part(
            "strut",
            (-0.02, top - 0.15, 0.0),
            (Piece(Tube((-0.02, top - 0.15, 0.0), (-0.2, 0.0, 0.0), 0.012, 0.012)),),
            parent="frame",
        ),
    ]


def _curtain(vary: Vary, attributes: list[str]) -> list[Part]:
    """Two pleated panels hung by rings from a rod with finials, tied back to the sides (hanging straight and
    meeting in the middle if closed)."""
    rod_y, half, pleats = 2.14, 0.8, 10
    hem = 0.02
    open_ = "closed" not in attributes
    parts = [
        Part(
            "rod",
            (0.0, rod_y, 0.0),
            (
                Piece(Tube((0.0, rod_y, -half - 0.02), (0.0, rod_y, half + 0.02), 0.015, 0.015), BRASS),
                *(
                    Piece(Ellipsoid((0.0, rod_y, s * (half + 0.05)), (0.035, 0.035, 0.035)), BRASS)
                    for s in (-1, 1)
                ),
            ),
        )
    ]
    for side, s in (("l", -1), ("r", 1)):
        outer, inner = s * half, s * (0.45 if open_ else 0.02)
        pitch = (inner - outer) / pleats
        tie = (outer + s * 0.1 - 0.0, 1.0)  # where open panels are gathered: (z, y)
        pieces = [Piece(block((-0.05, 1.98, min(outer, inner)), (0.05, rod_y - 0.03, max(outer, inner))))]
        for k in range(pleats):
            z = outer + pitch * (k + 0.5)
            x = 0.035 if k % 2 else -0.035
            r = 0.6 * abs(pitch)
            if open_:
                waist = tie[0] + (z - outer) * 0.25
                pieces += [
                    Piece(Tube((x, 2.0, z), (x, tie[1], waist), r, 0.5 * r, caps=False)),
                    Piece(
                        Tube(
                            (x, tie[1], waist), (x, hem, z * 0.9 + 0.1 * outer), 0.5 * r, 1.2 * r, caps=False
                        )
                    ),
                ]
            else:
                pieces.append(Piece(Tube((x, hem, z), (x, 2.0, z), 1.1 * r, r, caps=False)))
            pieces.append(Piece(Torus((0.0, rod_y, z), 0.026, 0.006), BRASS))
        if open_:
            pieces.append(
                Piece(
                    block(
                        (-0.07, tie[1] - 0.03, min(tie[0], tie[0] + s * 0.11) - 0.03),
                        (0.07, tie[1] + 0.03, max(tie[0], tie[0] + s * 0.11) + 0.03),
                    ),
                    accent=True,
                )
            )
        parts.append(Part(f"panel_{side}", (0.0, rod_y, (outer + inner) / 2), tuple(pieces), parent="rod"))
    return parts


def _washing_machine(vary: Vary, attributes: list[str]) -> list[Part]:
    """A front-loader: a white box on small feet, a round glass door in a chrome ring, a control strip with a
    soap drawer, a display and a dial."""
    front, top = 0.29, 0.85 * vary()
    door_y = 0.42
    body = (
        Piece(block((-0.31, 0.02, -0.3), (front, top, 0.3), open_bottom=True)),
        *feet_at([(x, z) for x in (-0.26, 0.24) for z in (-0.25, 0.25)], 0.02, 0.02, DARK),
    )
    panel = (
        Piece(block((front, top - 0.11, -0.28), (front + 0.015, top - 0.03, -0.1)), (0.85, 0.86, 0.88)),
        Piece(block((front + 0.015, top - 0.08, -0.24), (front + 0.02, top - 0.06, -0.14)), SHADOW),
        Piece(block((front, top - 0.09, -0.02), (front + 0.01, top - 0.05, 0.1)), (0.1, 0.2, 0.25)),
        Piece(Tube((front, top - 0.07, 0.2), (front + 0.03, top - 0.07, 0.2), 0.035, 0.03), METAL),
    )
    door = (
        Piece(Torus((front + 0.02, door_y, 0.0), 0.19, 0.03, yaw=math.pi / 2), METAL, accent=True),
        Piece(Tube((front, door_y, 0.0), (front + 0.025, door_y, 0.0), 0.17, 0.17), (0.2, 0.24, 0.3)),
        Piece(
            Tube((front + 0.025, door_y, 0.0), (front + 0.03, door_y, 0.0), 0.11, 0.11), (0.35, 0.38, 0.45)
        ),
        Piece(
            block((front + 0.02, door_y - 0.06, 0.2), (front + 0.05, door_y + 0.06, 0.23)),
            (0.75, 0.76, 0.78),
        ),
    )
    return [
        Part("body", (0.0, 0.0, 0.0), body),
        Part("door", (front + 0.02, door_y, -0.2), door, parent="body"),
        Part("panel", (front, top - 0.07, 0.0), panel, parent="body"),
    ]


def _microwave(vary: Vary, attributes: list[str]) -> list[Part]:
    """A box on small feet, a door with a dark window and a bar handle, and a dark control panel with a
    display and keypad."""
    front, top, hinge = 0.17, 0.3 * vary(), -0.26
    panel_z = 0.1
    window = Decal((front + 0.015, 0.06, -0.22), (front + 0.03, top - 0.05, 0.03), (0.08, 0.09, 0.1))
    controls = Decal(
        (front - 0.01, 0.015, panel_z + 0.01), (front + 0.01, top - 0.01, 0.255), (0.16, 0.16, 0.18)
    )
    keypad = [
        Piece(
            block((front, top - 0.11 - 0.035 * row, z), (front + 0.008, top - 0.085 - 0.035 * row, z + 0.03)),
            (0.75, 0.75, 0.77),
        )
        for row in range(4)
        for z in (0.13, 0.17, 0.21)
    ]
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (
                Piece(block((-0.19, 0.012, -0.26), (front, top, 0.26), open_bottom=True), decals=(controls,)),
                *feet_at([(x, z) for x in (-0.15, 0.13) for z in (-0.22, 0.22)], 0.012, 0.012, DARK),
            ),
        ),
        Part(
            "door",
            (front, top / 2, hinge),
            (
                Piece(block((front, 0.02, hinge), (front + 0.02, top - 0.01, panel_z)), decals=(window,)),
                Piece(
                    block((front + 0.02, 0.06, panel_z - 0.035), (front + 0.04, top - 0.05, panel_z - 0.015)),
                    METAL,
                ),
            ),
            parent="body",
        ),
        Part(
            "panel",
            (front, top / 2, 0.18),
            (
                Piece(block((front, top - 0.06, 0.13), (front + 0.008, top - 0.03, 0.24)), (0.1, 0.3, 0.2)),
                *keypad,
            ),
            parent="body",
        ),
    ]


CATEGORIES: tuple[Category, ...] = (
    Category(
        "lamp",
        (0.36, 0.55, 0.36),
        "static",
        (0.95, 0.9, 0.78),
        build=_lamp,
        splats=2000,
        nouns=("lampshade",),
    ),
    Category(
        "refrigerator",
        (0.75, 1.8, 0.75),
        "static",
        (0.92, 0.92, 0.92),
        build=_refrigerator,
        splats=4000,
        nouns=("fridge", "freezer", "icebox"),
    ),
    Category(
        "bathtub",
        (1.8, 0.72, 0.8),
        "static",
        (0.94, 0.94, 0.95),
        build=_bathtub,
        splats=4500,
        nouns=("bath", "tub", "bath tub"),
    ),
    Category(
        "piano",
        (1.85, 1.7, 1.55),
        "static",
        (0.05, 0.05, 0.06),
        build=_piano,
        splats=5000,
        nouns=("grand piano", "pianoforte"),
    ),
    Category(
        "mirror",
        (0.44, 1.7, 0.74),
        "static",
        (0.42, 0.28, 0.16),
        build=_mirror,
        splats=3500,
        nouns=("looking glass",),
    ),
    Category(
        "vending machine",
        (0.85, 1.85, 1.0),
        "static",
        (0.78, 0.1, 0.12),
        build=_vending_machine,
        splats=4500,
        nouns=("snack machine", "soda machine", "drink machine"),
    ),
    Category("toaster", (0.31, 0.25, 0.17), "static", (0.75, 0.76, 0.79), build=_toaster, splats=1800),
    Category(
        "television",
        (0.22, 0.72, 1.1),
        "static",
        (0.12, 0.12, 0.13),
        build=_television,
        splats=3500,
        nouns=("tv", "telly", "tv set"),
    ),
    Category("clock", (0.07, 0.34, 0.31), "static", (0.15, 0.15, 0.17), build=_clock, splats=2000),
    Category("vase", (0.22, 0.36, 0.22), "static", (0.25, 0.42, 0.68), build=_vase, splats=1500),
    Category(
        "pillow",
        (0.5, 0.16, 0.72),
        "static",
        (0.94, 0.94, 0.95),
        build=_pillow,
        splats=1500,
        nouns=("cushion",),
    ),
    Category(
        "towel",
        (0.3, 0.08, 0.42),
        "static",
        (0.3, 0.58, 0.75),
        build=_towel,
        splats=1500,
        nouns=("bath towel",),
    ),
    Category(
        "painting",
        (0.23, 0.68, 0.8),
        "static",
        (0.78, 0.62, 0.3),
        build=_painting,
        splats=3000,
        nouns=("picture", "artwork"),
    ),
    Category(
        "curtain",
        (0.14, 2.18, 1.7),
        "static",
        (0.62, 0.12, 0.15),
        build=_curtain,
        splats=4500,
        nouns=("drape",),
    ),
    Category(
        "washing machine",
        (0.65, 0.85, 0.6),
        "static",
        (0.94, 0.94, 0.95),
        build=_washing_machine,
        splats=3000,
        nouns=("washer",),
    ),
    Category(
        "microwave",
        (0.4, 0.3, 0.52),
        "static",
        (0.85, 0.85, 0.87),
        build=_microwave,
        splats=2500,
        nouns=("microwave oven",),
    ),
)
