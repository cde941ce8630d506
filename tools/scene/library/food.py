"""Food, and the dishes it is served in.

Round fruit rolls: the whole fruit (stem and leaf included) is one part 'ball' whose pivot is its centre.
Everything else is static, a few named parts each.
"""

from __future__ import annotations

import math

from scenewright.tools.scene.parts import (
    BARK,
    DARK,
    LEAF,
    METAL,
    Box,
    Category,
    Decal,
    Ellipsoid,
    Part,
    Piece,
    Tube,
    Vary,
    Vec,
)

STEM = (0.4, 0.32, 0.14)
CREAM = (0.97, 0.93, 0.82)
CRUMB = (0.93, 0.82, 0.6)
CHOCOLATE = (0.22, 0.12, 0.06)
COFFEE = (0.28, 0.16, 0.08)
CHERRY = (0.75, 0.05, 0.08)
CALYX = (0.2, 0.45, 0.13)
SPRINKLES = ((0.95, 0.95, 0.95), (0.2, 0.55, 0.9), (0.95, 0.85, 0.2), (0.3, 0.75, 0.3), (0.95, 0.4, 0.1))


# ---------------------------------------------------------------------------------------------------
# Shared shapes: rings of ellipsoids (a Torus only stands upright and has no cut), evenly spread spots.
# ---------------------------------------------------------------------------------------------------


def _ring(
    center: Vec,
    major: float,
    minor: tuple[float, float],
    count: int,
    arc: tuple[float, float] = (0.0, math.tau),
    upright: bool = False,
    cut_below: float = -1.0,
) -> list[Ellipsoid]:
    """Overlapping ellipsoids along a circular arc: a ring lying flat (donut, crust, lip) or, `upright`, in
    the xy plane (handles). `minor` is the tube's half-thickness, flat: (vertical, radial); upright:
    (radial, sideways). `cut_below` keeps the top of each bead only (icing)."""
    start, stop = arc
    step = (stop - start) / count
    tangential = 1.8 * major * abs(step)  # each bead reaches past its neighbours' centres: a smooth tube
    cx, cy, cz = center
    beads = []
    for k in range(count):
        a = start + (k + 0.5) * step
        if upright:
            at = (cx + major * math.cos(a), cy + major * math.sin(a), cz)
            beads.append(Ellipsoid(at, (tangential, *minor), pitch=a + math.pi / 2, cut_below=cut_below))
        else:
            at = (cx + major * math.cos(a), cy, cz - major * math.sin(a))
            beads.append(Ellipsoid(at, (tangential, *minor), yaw=a + math.pi / 2, cut_below=cut_below))
    return beads


def _spots(center: Vec, radii: Vec, count: int, size: float, rgb: Vec) -> tuple[Decal, ...]:
    """Small decals spread evenly over an ellipsoid's surface (a Fibonacci lattice): pores, husk fibre."""
    golden = math.pi * (3 - math.sqrt(5))
    decals = []
    for k in range(count):
        y = 1 - 2 * (k + 0.5) / count
        ring = math.sqrt(1 - y * y)
        at = (
            center[0] + radii[0] * ring * math.cos(golden * k),
            center[1] + radii[1] * y,
            center[2] + radii[2] * ring * math.sin(golden * k),
        )
        decals.append(
            Decal((at[0] - size, at[1] - size, at[2] - size), (at[0] + size, at[1] + size, at[2] + size), rgb)
        )
    return tuple(decals)


def _bands(center: Vec, radius: float, length: float, count: int, rgb: Vec) -> list[Piece]:
    """`2 count` stripes running end to end over a body of revolution about z (radius, half-length): thin
    belts of slightly larger ellipsoids, turned about z, standing just proud of the body."""
    return [
        Piece(
            Ellipsoid(
                center,
                (1.03 * radius, 0.55 * radius, length),
                pitch=math.pi * k / count,
                cut_below=-0.22,
                cut_above=0.22,
            ),
            rgb,
            accent=True,
        )
        for k in range(count)
    ]


# ---------------------------------------------------------------------------------------------------
# Round fruit: rig 'ball'.
# ---------------------------------------------------------------------------------------------------


def _apple(vary: Vary, attributes: list[str]) -> list[Part]:
    """Round body with wider shoulders, a woody stem and one leaf."""
    r, h = 0.04 * vary(), 0.036 * vary()
    top = 1.95 * h
    return [
        Part(
            "ball",
            (0.0, h, 0.0),
            (
                Piece(Ellipsoid((0.0, 1.08 * h, 0.0), (r, 0.87 * h, r))),
                Piece(Ellipsoid((0.0, 0.95 * h, 0.0), (0.93 * r, 0.95 * h, 0.93 * r))),
                Piece(Ellipsoid((0.0, top - 0.002, 0.0), (0.008, 0.002, 0.008)), (0.45, 0.3, 0.1)),
                Piece(Tube((0.0, top - 0.004, 0.0), (0.003, top + 0.014, 0.0), 0.0022, 0.0016), BARK),
                Piece(
                    Ellipsoid((0.012, top + 0.01, 0.005), (0.013, 0.0015, 0.006), yaw=-0.4, pitch=0.3), LEAF
                ),
            ),
        )
    ]


def _orange(vary: Vary, attributes: list[str]) -> list[Part]:
    """A sphere of dimpled peel with a green stem button."""
    r = 0.04 * vary()
    centre, radii = (0.0, 0.96 * r, 0.0), (r, 0.96 * r, r)
    return [
        Part(
            "ball",
            centre,
            (
                Piece(
                    Ellipsoid(centre, radii), decals=_spots(centre, radii, 260, 0.0013, (0.86, 0.42, 0.05))
                ),
                Piece(Tube((0.0, 1.9 * r, 0.0), (0.0, 1.97 * r, 0.0), 0.005, 0.004), CALYX),
            ),
        )
    ]


def _lemon(vary: Vary, attributes: list[str]) -> list[Part]:
    """A dimpled oval lying across its way (it rolls about its long axis), a nub at each end."""
    r, half = 0.03, 0.038 * vary()
    centre, radii = (0.0, r, 0.0), (r, r, half)
    nubs = tuple(
        Piece(Tube((0.0, r, side * (half - 0.004)), (0.0, r, side * (half + 0.007)), 0.009, 0.003))
        for side in (-1, 1)
    )
    return [
        Part(
            "ball",
            centre,
            (
                Piece(Ellipsoid(centre, radii), decals=_spots(centre, radii, 200, 0.0012, (0.88, 0.76, 0.1))),
                *nubs,
                Piece(Ellipsoid((0.0, r, half + 0.007), (0.0025, 0.0025, 0.0015)), CALYX),
            ),
        )
    ]


def _tomato(vary: Vary, attributes: list[str]) -> list[Part]:
    """A squat glossy sphere under a green star of sepals and a short stalk."""
    r, h = 0.035 * vary(), 0.029 * vary()
    top = 2 * h
    sepals = tuple(
        Piece(
            Ellipsoid(
                (0.01 * math.cos(a), top - 0.0005, -0.01 * math.sin(a)),
                (0.012, 0.0012, 0.0035),
                yaw=a,
                pitch=-0.25,
            ),
            CALYX,
        )
        for a in (k * math.tau / 5 for k in range(5))
    )
    return [
        Part(
            "ball",
            (0.0, h, 0.0),
            (
                Piece(Ellipsoid((0.0, h, 0.0), (r, h, r))),
                *sepals,
                Piece(Tube((0.0, top - 0.002, 0.0), (0.001, top + 0.009, 0.0), 0.0022, 0.0018), CALYX),
            ),
        )
    ]


def _coconut(vary: Vary, attributes: list[str]) -> list[Part]:
    """A hairy brown husk with three ridges lengthwise and three dark eyes at one end."""
    r, half = 0.053, 0.062 * vary()
    centre = (0.0, r, 0.0)
    eyes = []
    for a in (math.pi / 2, math.pi / 2 + math.tau / 3, math.pi / 2 - math.tau / 3):
        dx, dy = 0.011 * math.cos(a), 0.011 * math.sin(a)
        dz = half * math.sqrt(1 - (dx * dx + dy * dy) / (r * r))
        eyes.append(Piece(Ellipsoid((dx, r + dy, -dz), (0.004, 0.004, 0.002)), CHOCOLATE))
    return [
        Part(
            "ball",
            centre,
            (
                Piece(
                    Ellipsoid(centre, (r, r, half)),
                    decals=_spots(centre, (r, r, half), 260, 0.0025, (0.55, 0.4, 0.24)),
                ),
                *_bands(centre, r, half, 3, (0.3, 0.18, 0.09)),
                *eyes,
            ),
        )
    ]


def _watermelon(vary: Vary, attributes: list[str]) -> list[Part]:
    """A striped oval lying across its way (a box if 'cubic' or 'square'), a dry stalk at one end."""
    stripe = (0.08, 0.27, 0.08)
    if "cubic" in attributes or "square" in attributes:
        side, end = 0.24, 0.15 * vary()
        centre = (0.0, side / 2, 0.0)
        # Stripes run along z: bands across x (top, bottom, both ends) and across y (the sides only).
        stripes = tuple(
            Decal(low, high, stripe)
            for k in range(4)
            for low, high in (
                (
                    (-side / 2 + (k + 0.3) * side / 4, -1.0, -1.0),
                    (-side / 2 + (k + 0.7) * side / 4, 1.0, 1.0),
                ),
                ((-1.0, (k + 0.3) * side / 4, 0.002 - end), (1.0, (k + 0.7) * side / 4, end - 0.002)),
            )
        )
        body = [Piece(Box(centre, (side, side, 2 * end)), decals=stripes)]
    else:
        r, end = 0.12, 0.15 * vary()
        centre = (0.0, r, 0.0)
        body = [Piece(Ellipsoid(centre, (r, r, end))), *_bands(centre, r, end, 4, stripe)]
    stalk = Tube((0.0, centre[1], 0.004 - end), (0.0, centre[1] + 0.004, -end - 0.012), 0.004, 0.003)
    return [Part("ball", centre, (*body, Piece(stalk, STEM)))]


def _pumpkin(vary: Vary, attributes: list[str]) -> list[Part]:
    """Ten ribs round a sunken core, a thick curled stem on top."""
    h = 0.11 * vary()
    rib_out = 0.155 * vary()
    ribs = tuple(
        Piece(Ellipsoid((0.085 * math.cos(a), h, -0.085 * math.sin(a)), (rib_out - 0.085, h, 0.055), yaw=a))
        for a in (k * math.tau / 10 for k in range(10))
    )
    top = 2 * h - 0.012
    return [
        Part(
            "ball",
            (0.0, h, 0.0),
            (
                *ribs,
                Piece(Ellipsoid((0.0, h, 0.0), (0.1, 0.95 * h, 0.1))),
                Piece(Tube((0.0, top - 0.01, 0.0), (0.004, top + 0.035, 0.0), 0.014, 0.011), STEM),
                Piece(Tube((0.004, top + 0.035, 0.0), (0.02, top + 0.05, 0.0), 0.011, 0.008), STEM),
            ),
        )
    ]


# ---------------------------------------------------------------------------------------------------
# Food that stays where it is put.
# ---------------------------------------------------------------------------------------------------


def _tier(y: float, size: float, height: float, square: bool) -> list[Piece]:
    """One iced cake tier from y up (main colour) with a cream filling line and a piped border on top."""
    top, edge, bead = y + height, size / 2 - 0.006, (0.0065, 0.006, 0.0065)
    if square:
        body: Box | Tube = Box((0.0, y + height / 2, 0.0), (size, height, size), open_bottom=True)
        steps = [edge * (2 * j / 6 - 1) for j in range(7)]
        border = [Ellipsoid((a, top, side * edge), bead) for side in (-1, 1) for a in steps] + [
            Ellipsoid((side * edge, top, a), bead) for side in (-1, 1) for a in steps[1:-1]
        ]
    else:
        body = Tube((0.0, y, 0.0), (0.0, top, 0.0), size / 2, size / 2)
        border = [
            Ellipsoid((edge * math.cos(a), top, edge * math.sin(a)), bead)
            for a in (k * math.tau / round(size * 120) for k in range(round(size * 120)))
        ]
    filling = Decal((-1.0, y + 0.42 * height, -1.0), (1.0, y + 0.54 * height, 1.0), CREAM)
    return [Piece(body, decals=(filling,)), *(Piece(shape, CREAM, accent=True) for shape in border)]


def _cake(vary: Vary, attributes: list[str]) -> list[Part]:
    """Two iced tiers on a board, piped borders, cherries on top (candles if 'birthday'); 'square': boxes."""
    square = "square" in attributes and "round" not in attributes
    low_h, high_h = 0.062 * vary(), 0.05 * vary()
    low_w, high_w = 0.22, 0.15 * vary()
    board_y = 0.008
    top = board_y + low_h + high_h
    board: Box | Ellipsoid = (
        Box((0.0, board_y / 2, 0.0), (low_w + 0.04, board_y, low_w + 0.04), open_bottom=True)
        if square
        else Ellipsoid((0.0, board_y / 2, 0.0), (low_w / 2 + 0.02, board_y / 2, low_w / 2 + 0.02))
    )
    if "birthday" in attributes:
        spots = [(0.035 * math.cos(a), -0.035 * math.sin(a)) for a in (k * math.tau / 5 for k in range(5))]
        decoration = [
            piece
            for x, z in spots
            for piece in (
                Piece(Tube((x, top, z), (x, top + 0.045, z), 0.0035, 0.0035), (0.35, 0.6, 0.95)),
                Piece(Ellipsoid((x, top + 0.052, z), (0.003, 0.007, 0.003)), (1.0, 0.75, 0.15)),
            )
        ]
    else:
        decoration = [
            Piece(
                Ellipsoid((0.045 * math.cos(a), top + 0.012, -0.045 * math.sin(a)), (0.009, 0.009, 0.009)),
                CHERRY,
            )
            for a in (k * math.tau / 6 + 0.3 for k in range(6))
        ]
    return [
        Part("board", (0.0, 0.0, 0.0), (Piece(board, (0.85, 0.85, 0.88)),)),
        Part("tier_low", (0.0, board_y, 0.0), tuple(_tier(board_y, low_w, low_h, square)), parent="board"),
        Part(
            "tier_high",
            (0.0, board_y + low_h, 0.0),
            tuple(_tier(board_y + low_h, high_w, high_h, square)),
            parent="tier_low",
        ),
        Part("decoration", (0.0, top, 0.0), tuple(decoration), parent="tier_high"),
    ]


def _cookie(vary: Vary, attributes: list[str]) -> list[Part]:
    """A low golden dome studded with chocolate chips."""
    r, t = 0.036 * vary(), 0.0065
    chips = []
    for k in range(11):
        a, d = k * 2.4, 0.03 * math.sqrt((k + 0.5) / 11)
        x, z = d * math.cos(a), d * math.sin(a)
        y = t + t * math.sqrt(max(0.0, 1 - (d / r) ** 2))
        chips.append(Piece(Ellipsoid((x, y, z), (0.0045, 0.0022, 0.004), yaw=a), CHOCOLATE))
    return [
        Part(
            "cookie",
            (0.0, t, 0.0),
            (
                Piece(Ellipsoid((0.0, t, 0.0), (r, t, r), cut_below=-0.4)),
                Piece(Ellipsoid((0.0, 0.2 * t, 0.0), (0.92 * r, 0.2 * t, 0.92 * r))),
            ),
        ),
        Part("chips", (0.0, 2 * t, 0.0), tuple(chips), parent="cookie"),
    ]


def _carrot(vary: Vary, attributes: list[str]) -> list[Part]:
    """A tapering root lying on its side, ringed with fine lines, a tuft of leafy greens at the crown."""
    r, length = 0.018, 0.17 * vary()
    crown, tip = (-length / 2, r, 0.0), (length / 2, 0.004, 0.0)
    lines = tuple(
        Decal((x, -1.0, -1.0), (x + 0.0025, 1.0, 1.0), (0.8, 0.38, 0.05))
        for x in (-length / 2 + length * (k + 0.5) / 9 for k in range(9))
    )
    greens = []
    for lift, side in ((0.25, -0.35), (0.45, -0.1), (0.3, 0.1), (0.5, 0.3), (0.15, 0.45)):
        end = (crown[0] - 0.07 * math.cos(side), r + 0.04 * math.sin(lift), 0.07 * math.sin(side))
        dx, dy, dz = (e - c for e, c in zip(end, crown, strict=True))
        leaf_at = (end[0] + 0.3 * dx, end[1] + 0.3 * dy, end[2] + 0.3 * dz)
        greens += [
            Piece(Tube(crown, end, 0.0025, 0.0015), LEAF),
            Piece(
                Ellipsoid(
                    leaf_at,
                    (0.022, 0.003, 0.008),
                    yaw=math.atan2(-dz, dx),
                    pitch=math.atan2(dy, math.hypot(dx, dz)),
                ),
                LEAF,
            ),
        ]
    return [
        Part(
            "root",
            crown,
            (
                Piece(Tube(crown, tip, r, 0.003), decals=lines),
                Piece(Ellipsoid(crown, (0.004, r, r)), (0.85, 0.45, 0.08)),
            ),
        ),
        Part("greens", crown, tuple(greens), parent="root"),
    ]


def _egg(vary: Vary, attributes: list[str]) -> list[Part]:
    """Standing on its blunt end: a round half below, a longer pointed half above."""
    r, low = 0.0222 * vary(), 0.024
    high = 0.034 * vary()
    return [
        Part(
            "shell",
            (0.0, low, 0.0),
            (
                Piece(Ellipsoid((0.0, low, 0.0), (r, low, r), cut_above=0.0)),
                Piece(Ellipsoid((0.0, low, 0.0), (r, high, r), cut_below=0.0)),
            ),
        )
    ]


def _sushi(vary: Vary, attributes: list[str]) -> list[Part]:
    """Nigiri: an oval of white rice under a draped slice of fish streaked with fat lines."""
    length, width = 0.05 * vary(), 0.022
    rice_h = 0.012
    streaks = tuple(
        Decal((x, -1.0, -1.0), (x + 0.0015, 1.0, 1.0), (0.98, 0.86, 0.76))
        for x in (-0.025 + 0.0075 * k for k in range(8))
    )
    return [
        Part(
            "rice",
            (0.0, 0.0, 0.0),
            (
                Piece(
                    Ellipsoid((0.0, rice_h, 0.0), (length / 2, rice_h, width / 2), cut_below=-0.95),
                    (0.96, 0.95, 0.9),
                ),
            ),
        ),
        Part(
            "fish",
            (0.0, 2 * rice_h, 0.0),
            (
                Piece(
                    Ellipsoid((0.0, 0.009, 0.0), (0.6 * length, 0.018, 0.62 * width), cut_below=0.12),
                    decals=streaks,
                ),
            ),
            parent="rice",
        ),
    ]


def _bread(vary: Vary, attributes: list[str]) -> list[Part]:
    """A loaf: a straight-sided base under a domed crust scored with three pale slashes."""
    length, width, base_h = 0.26, 0.12, 0.06 * vary()
    dome = 0.055 * vary()
    slashes = tuple(
        Decal((x - 0.008, base_h + 0.6 * dome, -0.04), (x + 0.008, 1.0, 0.04), CRUMB)
        for x in (-0.07, 0.0, 0.07)
    )
    return [
        Part(
            "loaf",
            (0.0, 0.0, 0.0),
            (
                # The base in three blocks: a long thin box face samples into streaks.
                *(
                    Piece(
                        Box(
                            (x, base_h / 2, 0.0),
                            (length / 3, base_h, width),
                            top_scale=(1.0, 1.06),
                            open_bottom=True,
                        )
                    )
                    for x in (-length / 3, 0.0, length / 3)
                ),
                Piece(
                    Ellipsoid(
                        (0.0, base_h, 0.0), (length / 2 + 0.005, dome, width / 2 + 0.006), cut_below=0.0
                    ),
                    decals=slashes,
                ),
            ),
        )
    ]


def _banana(vary: Vary, attributes: list[str]) -> list[Part]:
    """A curved yellow finger lying ends-up, thick in the middle, a stalk at one end and a dark tip."""
    bend, span = 0.14 * vary(), 0.72  # arc radius, half-angle
    count = 10
    centre_y = bend + 0.018
    points, radii = [], []
    for k in range(count + 1):
        a = -span + 2 * span * k / count
        points.append((bend * math.sin(a), centre_y - bend * math.cos(a), 0.0))
        radii.append(0.006 + 0.012 * math.sin(math.pi * (0.1 + 0.8 * k / count)))
    # Only the end segments are capped: inner caps would stick out at the bends.
    segments = tuple(
        Piece(Tube(points[k], points[k + 1], radii[k], radii[k + 1], caps=k in (0, count - 1)))
        for k in range(count)
    )
    end = points[-1]
    stalk_end = (end[0] + 0.016, end[1] + 0.02, 0.0)
    tip = points[0]
    return [
        Part(
            "fruit",
            (0.0, 0.018, 0.0),
            (*segments, Piece(Ellipsoid(tip, (0.005, 0.005, 0.005)), CHOCOLATE)),
        ),
        Part(
            "stalk",
            end,
            (
                Piece(Tube(end, stalk_end, 0.005, 0.0045), (0.55, 0.5, 0.2)),
                Piece(Ellipsoid(stalk_end, (0.0045, 0.0045, 0.0045)), CHOCOLATE),
            ),
            parent="fruit",
        ),
    ]


def _sandwich(vary: Vary, attributes: list[str]) -> list[Part]:
    """Two square slices of bread round lettuce, tomato, ham and a slice of cheese turned corner-out."""
    side, slice_h = 0.105 * vary(), 0.013

    def bread(y: float) -> Piece:
        return Piece(Box((0.0, y + slice_h / 2, 0.0), (side, slice_h, side)))

    y = slice_h
    lettuce = Piece(Ellipsoid((0.0, y + 0.003, 0.0), (0.6 * side, 0.004, 0.6 * side)), (0.35, 0.7, 0.2))
    tomato = tuple(
        Piece(Tube((x, y + 0.005, z), (x, y + 0.011, z), 0.022, 0.022), (0.85, 0.15, 0.1))
        for x, z in ((0.025, 0.025), (-0.025, -0.022), (0.027, -0.024), (-0.022, 0.027))
    )
    ham = Piece(Box((0.0, y + 0.013, 0.0), (side * 1.04, 0.004, side * 1.04), yaw=0.12), (0.93, 0.6, 0.6))
    cheese = Piece(
        Box((0.0, y + 0.017, 0.0), (side * 0.95, 0.003, side * 0.95), yaw=math.pi / 4), (0.98, 0.8, 0.2)
    )
    top_y = y + 0.019
    return [
        Part("bread_low", (0.0, 0.0, 0.0), (bread(0.0),)),
        Part("filling", (0.0, y, 0.0), (lettuce, *tomato, ham, cheese), parent="bread_low"),
        Part("bread_top", (0.0, top_y, 0.0), (bread(top_y),), parent="filling"),
    ]


def _pizza(vary: Vary, attributes: list[str]) -> list[Part]:
    """A puffy golden crust round a disc of melted cheese scattered with pepperoni and basil."""
    r = 0.15 * vary()
    cheese = Tube((0.0, 0.0, 0.0), (0.0, 0.008, 0.0), r - 0.01, r - 0.01)  # its edge hides in the crust
    crust = [Piece(bead) for bead in _ring((0.0, 0.009, 0.0), r - 0.009, (0.007, 0.009), 40)]
    toppings = []
    for k in range(13):
        a, d = k * 2.4, 0.11 * math.sqrt((k + 0.5) / 13)
        x, z = d * math.cos(a), d * math.sin(a)
        toppings.append(Piece(Tube((x, 0.008, z), (x, 0.011, z), 0.017, 0.017), (0.7, 0.12, 0.08)))
    for k in range(5):
        a, d = k * 2.4 + 1.2, 0.08 * math.sqrt((k + 0.5) / 5)
        toppings.append(
            Piece(Ellipsoid((d * math.cos(a), 0.011, d * math.sin(a)), (0.01, 0.002, 0.006), yaw=a), LEAF)
        )
    return [
        Part("base", (0.0, 0.0, 0.0), (Piece(cheese, (0.98, 0.82, 0.4), accent=True), *crust)),
        Part("toppings", (0.0, 0.008, 0.0), tuple(toppings), parent="base"),
    ]


def _donut(vary: Vary, attributes: list[str]) -> list[Part]:
    """A golden ring of dough glazed over its top, sprinkles scattered on the glaze."""
    major, minor, h = 0.031 * vary(), 0.0155, 0.0125  # ring radius, tube radius across, half-height
    dough_rgb = (0.8, 0.52, 0.24)
    # The glaze stops short of the hole: its inner lip shows dough, so the hole reads from the side too.
    hole = major - 0.5 * minor
    lip = tuple(
        Decal((-u * hole, -1.0, -v * hole), (u * hole, 1.0, v * hole), dough_rgb)
        for u, v in ((1.0, 0.4), (0.4, 1.0), (0.8, 0.8))
    )
    dough = [Piece(bead, dough_rgb) for bead in _ring((0.0, h, 0.0), major, (h, minor), 28)]
    icing = [
        Piece(bead, decals=lip)
        for bead in _ring((0.0, h, 0.0), major, (h + 0.0015, minor + 0.0015), 28, cut_below=-0.1)
    ]
    sprinkles = []
    for k in range(24):
        a = k * math.tau / 24 + 0.13 * (k % 3)
        across = 0.6 * ((k * 7) % 5 / 4) - 0.2  # -0.2 (inner) to 0.4 (outer) of the tube radius
        d, y = major + minor * across, h + (h + 0.0015) * math.sqrt(1 - across**2) + 0.001
        sprinkles.append(
            Piece(
                Ellipsoid((d * math.cos(a), y, -d * math.sin(a)), (0.005, 0.0015, 0.0015), yaw=k * 1.3),
                SPRINKLES[k % 5],
            )
        )
    return [
        Part("dough", (0.0, 0.0, 0.0), tuple(dough)),
        Part("icing", (0.0, h, 0.0), (*icing, *sprinkles), parent="dough"),
    ]


def _ice_cream(vary: Vary, attributes: list[str]) -> list[Part]:
    """A waffle cone standing on its tip, a round scoop on top with a drippy collar, a cherry."""
    cone_h, cone_r = 0.11 * vary(), 0.029
    scoop_r = 0.036 * vary()
    waffle = tuple(
        Decal((-1.0, y, -1.0), (1.0, y + 0.0015, 1.0), (0.62, 0.4, 0.18))
        for y in (0.012 * k + 0.01 for k in range(9))
    ) + tuple(
        Decal((x, -1.0, -1.0), (x + 0.0015, 1.0, 1.0), (0.62, 0.4, 0.18))
        for x in (0.01 * k - 0.03 for k in range(7))
    )
    scoop_y = cone_h + 0.65 * scoop_r
    return [
        Part(
            "cone",
            (0.0, 0.0, 0.0),
            (
                Piece(
                    Tube((0.0, 0.0, 0.0), (0.0, cone_h, 0.0), 0.002, cone_r),
                    (0.85, 0.62, 0.32),
                    decals=waffle,
                ),
            ),
        ),
        Part(
            "scoop",
            (0.0, cone_h, 0.0),
            (
                Piece(Ellipsoid((0.0, scoop_y, 0.0), (scoop_r, 0.9 * scoop_r, scoop_r))),
                *(
                    Piece(bead)
                    for bead in _ring((0.0, cone_h + 0.003, 0.0), cone_r + 0.002, (0.007, 0.008), 12)
                ),
                Piece(Ellipsoid((0.0, scoop_y + 0.9 * scoop_r + 0.006, 0.0), (0.008, 0.008, 0.008)), CHERRY),
            ),
            parent="cone",
        ),
    ]


# ---------------------------------------------------------------------------------------------------
# Dishes.
# ---------------------------------------------------------------------------------------------------


def _cup(vary: Vary, attributes: list[str]) -> list[Part]:
    """A mug: an open cylinder of coffee with a base and a D-shaped handle at the back."""
    r, h = 0.041, 0.095 * vary()
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, h, 0.0), r, r, caps=False)),
                Piece(Ellipsoid((0.0, 0.002, 0.0), (r, 0.002, r))),
                # Rounded lip and base: a tube's open ends fray into loose splats.
                *(Piece(bead) for y in (0.0025, h) for bead in _ring((0.0, y, 0.0), r, (0.0025, 0.0025), 24)),
                Piece(Ellipsoid((0.0, h - 0.015, 0.0), (r - 0.004, 0.0005, r - 0.004)), COFFEE),
            ),
        ),
        Part(
            "handle",
            (-r, h / 2, 0.0),
            tuple(
                Piece(bead)
                for bead in _ring(
                    (-r + 0.004, 0.53 * h, 0.0),
                    0.028,
                    (0.006, 0.007),
                    12,
                    (math.pi / 2, 3 * math.pi / 2),
                    upright=True,
                )
            ),
            parent="body",
        ),
    ]


def _bowl(vary: Vary, attributes: list[str]) -> list[Part]:
    """A round open bowl on a low foot ring."""
    r, h = 0.08 * vary(), 0.064
    foot = 0.006
    return [
        Part(
            "foot",
            (0.0, 0.0, 0.0),
            (Piece(Ellipsoid((0.0, foot, 0.0), (0.035, foot, 0.035), cut_above=0.0)),),
        ),
        Part(
            "body",
            (0.0, foot, 0.0),
            (
                Piece(Ellipsoid((0.0, h + foot, 0.0), (r, h, r), cut_above=0.0)),
                *(Piece(bead) for bead in _ring((0.0, h + foot, 0.0), r, (0.003, 0.003), 36)),
            ),
            parent="foot",
        ),
    ]


def _plate(vary: Vary, attributes: list[str]) -> list[Part]:
    """A shallow dish: a nearly flat well curving up into the rim, a coloured line round the edge."""
    r, h = 0.13 * vary(), 0.021
    line = Decal((-1.0, 0.6 * h, -1.0), (1.0, 0.85 * h, 1.0), (0.25, 0.35, 0.65))
    return [
        Part(
            "plate",
            (0.0, 0.0, 0.0),
            (Piece(Ellipsoid((0.0, h, 0.0), (r, h, r), cut_above=0.0), decals=(line,)),),
        )
    ]


def _bottle(vary: Vary, attributes: list[str]) -> list[Part]:
    """A plastic bottle: ribbed body, label band, sloping shoulder, neck and a screw cap."""
    r, body_h = 0.033, 0.15 * vary()
    neck_r, shoulder_h, neck_h = 0.013, 0.04, 0.015
    ribs = tuple(
        Decal((-1.0, y, -1.0), (1.0, y + 0.002, 1.0), (0.4, 0.6, 0.75)) for y in (0.015, 0.03, 0.12, 0.135)
    )
    label = Decal((-1.0, 0.055, -1.0), (1.0, 0.1, 1.0), (0.15, 0.35, 0.7))
    neck_top = body_h + shoulder_h + neck_h
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, body_h, 0.0), r, r), decals=(*ribs, label)),
                Piece(Tube((0.0, body_h, 0.0), (0.0, body_h + shoulder_h, 0.0), r, neck_r, caps=False)),
                Piece(
                    Tube((0.0, body_h + shoulder_h, 0.0), (0.0, neck_top, 0.0), neck_r, neck_r, caps=False)
                ),
            ),
        ),
        Part(
            "cap",
            (0.0, neck_top, 0.0),
            (
                Piece(
                    Tube((0.0, neck_top - 0.002, 0.0), (0.0, neck_top + 0.018, 0.0), 0.0155, 0.0155),
                    (0.1, 0.3, 0.8),
                    accent=True,
                ),
            ),
            parent="body",
        ),
    ]


def _loop_handles(y: float, reach: float, size: float, thickness: float) -> list[Piece]:
    """A looped handle sticking out at each end (x = -reach, +reach), in the xy plane."""
    pieces = []
    for side in (-1, 1):
        arc = (-0.4 * math.pi, 0.4 * math.pi) if side > 0 else (0.6 * math.pi, 1.4 * math.pi)
        for bead in _ring((side * reach, y, 0.0), size, (thickness, thickness), 7, arc, upright=True):
            pieces.append(Piece(bead, DARK))
    return pieces


def _pot(vary: Vary, attributes: list[str]) -> list[Part]:
    """A cooking pot: a straight-sided open drum, a domed lid with a knob, a loop handle each side."""
    r, h = 0.11, 0.13 * vary()
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, h, 0.0), r, r, caps=False)),
                Piece(Ellipsoid((0.0, 0.0015, 0.0), (r, 0.0015, r))),
                *(Piece(bead) for y in (0.004, h) for bead in _ring((0.0, y, 0.0), r, (0.004, 0.004), 40)),
            ),
        ),
        Part(
            "lid",
            (0.0, h, 0.0),
            (
                Piece(Ellipsoid((0.0, h, 0.0), (r + 0.005, 0.025, r + 0.005), cut_below=0.0)),
                Piece(Tube((0.0, h + 0.024, 0.0), (0.0, h + 0.034, 0.0), 0.008, 0.008), DARK),
                Piece(Ellipsoid((0.0, h + 0.038, 0.0), (0.018, 0.007, 0.018)), DARK),
            ),
            parent="body",
        ),
        Part(
            "handles",
            (0.0, 0.8 * h, 0.0),
            tuple(_loop_handles(0.8 * h, r - 0.004, 0.025, 0.006)),
            parent="body",
        ),
    ]


def _teapot(vary: Vary, attributes: list[str]) -> list[Part]:
    """A round-bellied pot on a foot, a lid with a knob, a curved spout in front, a looped handle behind."""
    r, b = 0.08 * vary(), 0.06
    cy = 0.068
    spout = ((0.055, 0.05, 0.0), (0.1, 0.075, 0.0), (0.125, 0.115, 0.0))
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (
                Piece(Ellipsoid((0.0, cy, 0.0), (r, b, r), cut_below=-0.85, cut_above=0.9)),
                Piece(Ellipsoid((0.0, 0.014, 0.0), (0.05, 0.014, 0.05), cut_above=0.0)),
            ),
        ),
        Part(
            "lid",
            (0.0, cy + 0.9 * b, 0.0),
            (
                Piece(Ellipsoid((0.0, cy + 0.86 * b, 0.0), (0.042, 0.022, 0.042), cut_below=0.0)),
                Piece(Ellipsoid((0.0, cy + 0.86 * b + 0.027, 0.0), (0.011, 0.01, 0.011))),
            ),
            parent="body",
        ),
        Part(
            "spout",
            spout[0],
            (
                Piece(Tube(spout[0], spout[1], 0.016, 0.01)),
                Piece(Tube(spout[1], spout[2], 0.01, 0.007)),
            ),
            parent="body",
        ),
        Part(
            "handle",
            (-r, cy, 0.0),
            tuple(
                Piece(bead)
                for bead in _ring(
                    (-0.072, cy + 0.005, 0.0),
                    0.035,
                    (0.007, 0.008),
                    14,
                    (math.pi / 3, 5 * math.pi / 3),
                    upright=True,
                )
            ),
            parent="body",
        ),
    ]


# ---------------------------------------------------------------------------------------------------
# Snacks and produce (static).
# ---------------------------------------------------------------------------------------------------

FLORET = (0.13, 0.32, 0.1)
STALK = (0.58, 0.72, 0.38)
BLOOM = (0.78, 0.62, 0.8)  # the pale glint on a grape
SAUSAGE = (0.62, 0.24, 0.12)
MUSTARD = (0.95, 0.78, 0.1)


def _broccoli(vary: Vary, attributes: list[str]) -> list[Part]:
    """A head of broccoli on its pale stalk: branches spreading into a dome of florets, each a tight cluster
    of small buds."""
    stalk_top = 0.07 * vary()
    branches, florets = [], []
    for k in range(7):
        a = k * math.tau / 6
        d, y = (0.0, 0.14) if k == 0 else (0.045, 0.115 * vary())
        centre = (d * math.cos(a), y, -d * math.sin(a))
        branches.append(
            Piece(Tube((0.3 * centre[0], stalk_top, 0.3 * centre[2]), centre, 0.012, 0.009), STALK)
        )
        florets.append(Piece(Ellipsoid(centre, (0.032, 0.026, 0.032)), accent=True))
        for j in range(7):
            b, lift = (0.0, math.pi / 2) if j == 0 else (j * math.tau / 6 + 0.5 * k, 0.5)
            bud = (
                centre[0] + 0.03 * math.cos(lift) * math.cos(b),
                centre[1] + 0.024 * math.sin(lift),
                centre[2] - 0.03 * math.cos(lift) * math.sin(b),
            )
            florets.append(Piece(Ellipsoid(bud, (0.012, 0.011, 0.012)), FLORET))
    return [
        Part(
            "stalk",
            (0.0, 0.0, 0.0),
            (Piece(Tube((0.0, 0.0, 0.0), (0.0, stalk_top, 0.0), 0.024, 0.028), STALK), *branches),
        ),
        Part("florets", (0.0, 0.11, 0.0), tuple(florets), parent="stalk"),
    ]


def _hot_dog(vary: Vary, attributes: list[str]) -> list[Part]:
    """A sausage lying along x in a split bun, longer than the bun, a zigzag of mustard along its top."""
    bun_half, sausage_half = 0.078 * vary(), 0.1
    r, axis_y = 0.014, 0.036
    mustard = [
        Tube(
            (-0.07 + 0.0175 * k, axis_y + r, 0.007 * (-1) ** k),
            (-0.07 + 0.0175 * (k + 1), axis_y + r, -0.007 * (-1) ** k),
            0.003,
            0.003,
        )
        for k in range(8)
    ]
    return [
        Part(
            "bun",
            (0.0, 0.0, 0.0),
            (
                *(Piece(Ellipsoid((0.0, 0.024, s * 0.017), (bun_half, 0.024, 0.019))) for s in (-1, 1)),
                Piece(Ellipsoid((0.0, 0.014, 0.0), (bun_half, 0.014, 0.024))),
            ),
        ),
        Part(
            "sausage",
            (0.0, axis_y, 0.0),
            (
                Piece(
                    Tube((-sausage_half + r, axis_y, 0.0), (sausage_half - r, axis_y, 0.0), r, r, caps=False),
                    SAUSAGE,
                ),
                *(
                    Piece(Ellipsoid((s * (sausage_half - r), axis_y, 0.0), (r, r, r)), SAUSAGE)
                    for s in (-1, 1)
                ),
                *(Piece(t, MUSTARD) for t in mustard),
            ),
            parent="bun",
        ),
    ]


def _burger(vary: Vary, attributes: list[str]) -> list[Part]:
    """A hamburger, bottom up: a bun base, a patty, a slice of cheese turned corner-out, tomato, frilly
    lettuce, and a domed top bun with sesame seeds."""
    r = 0.057 * vary()
    base = 0.018  # the bun base's height
    cheese_y = base + 0.015
    lettuce_y = cheese_y + 0.011
    top_y = lettuce_y + 0.003
    dome = 0.045 * vary()
    frills = [
        Piece(
            Ellipsoid(
                (r * math.cos(a), lettuce_y, r * math.sin(a)), (0.01, 0.0035, 0.016), yaw=-a, pitch=0.2
            ),
            LEAF,
        )
        for a in (k * math.tau / 14 for k in range(14))
    ]
    seeds = []
    for k in range(22):
        a, d = k * 2.4, 0.85 * math.sqrt((k + 0.5) / 22)
        y = top_y + dome * math.sqrt(1 - d * d)
        seeds.append(
            Piece(
                Ellipsoid((d * r * math.cos(a), y, d * r * math.sin(a)), (0.0035, 0.0015, 0.002), yaw=a),
                CREAM,
            )
        )
    return [
        Part(
            "bun_low",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.006, 0.0), (0.0, base, 0.0), r, r, caps=False)),
                Piece(Ellipsoid((0.0, 0.006, 0.0), (r, 0.006, r), cut_above=0.0)),
            ),
        ),
        Part(
            "filling",
            (0.0, base, 0.0),
            (
                Piece(
                    Tube((0.0, base, 0.0), (0.0, cheese_y, 0.0), r + 0.002, r + 0.002),
                    (0.33, 0.18, 0.09),
                ),
                Piece(
                    Box((0.0, cheese_y + 0.0015, 0.0), (1.7 * r, 0.003, 1.7 * r), yaw=math.pi / 4),
                    (0.98, 0.72, 0.15),
                ),
                Piece(Tube((0.0, cheese_y + 0.003, 0.0), (0.0, lettuce_y, 0.0), r, r), (0.85, 0.15, 0.1)),
                Piece(Ellipsoid((0.0, lettuce_y, 0.0), (r, 0.003, r)), LEAF),
                *frills,
            ),
            parent="bun_low",
        ),
        Part(
            "bun_top",
            (0.0, top_y, 0.0),
            (Piece(Ellipsoid((0.0, top_y, 0.0), (1.02 * r, dome, 1.02 * r), cut_below=-0.1)), *seeds),
            parent="filling",
        ),
    ]


def _grapes(vary: Vary, attributes: list[str]) -> list[Part]:
    """A bunch of grapes lying on its side, stem to -x: three layers of berries packed in a tapering cluster,
    each with a pale glint; a woody stem and a three-lobed vine leaf."""
    g = 0.011  # a berry's radius
    length = 0.15 * vary()
    glint = (0.26 * g, 0.87 * g, 0.35 * g)  # where the key light glints on a berry
    berries = []
    for layer in range(3):
        lift, narrow = g + 1.55 * g * layer, 0.016 * layer
        rows = round(length / (1.75 * g))
        for i in range(rows - 2 * layer):
            u = i / (rows - 1)
            x = -length / 2 + u * length + layer * 0.9 * g
            half = (0.052 - narrow) * (1 - 0.85 * u) ** 0.7
            count = max(1, round(half / g) + 1)
            for j in range(count):
                z = (j - (count - 1) / 2) * 2.05 * g + (0.5 * g if (i + layer) % 2 else 0.0)
                if abs(z) <= half + 0.3 * g:
                    gx, gy, gz = x + glint[0], lift + glint[1], z + glint[2]
                    spot = Decal(
                        (gx - 0.003, gy - 0.003, gz - 0.003), (gx + 0.003, gy + 0.003, gz + 0.003), BLOOM
                    )
                    berries.append(Piece(Ellipsoid((x, lift, z), (g, 0.95 * g, g)), decals=(spot,)))
    stem_root = (-length / 2 + 0.5 * g, 2.5 * g, 0.0)
    stem_end = (-length / 2 - 0.03, 0.04, 0.005)
    leaf_at = (-length / 2 - 0.045, 0.004, -0.035)
    leaf = [Piece(Ellipsoid(leaf_at, (0.028, 0.002, 0.02), yaw=a, pitch=0.05), LEAF) for a in (2.2, 2.9, 3.6)]
    return [
        Part("bunch", (0.0, 0.0, 0.0), tuple(berries)),
        Part(
            "stem",
            stem_root,
            (
                Piece(Tube(stem_root, stem_end, 0.0035, 0.003), STEM),
                Piece(Tube(stem_end, (stem_end[0] - 0.008, stem_end[1] + 0.012, 0.0), 0.003, 0.0025), STEM),
                *leaf,
            ),
            parent="bunch",
        ),
    ]


CATEGORIES: tuple[Category, ...] = (
    # Round fruit that rolls.
    Category("apple", (0.08, 0.085, 0.08), "ball", (0.75, 0.08, 0.08), build=_apple, splats=1500),
    Category(
        "orange",
        (0.08, 0.078, 0.08),
        "ball",
        (0.95, 0.5, 0.08),
        build=_orange,
        splats=1500,
        nouns=("tangerine", "mandarin", "clementine"),
    ),
    Category("lemon", (0.06, 0.06, 0.09), "ball", (0.96, 0.86, 0.2), build=_lemon, splats=1500),
    Category("tomato", (0.07, 0.068, 0.07), "ball", (0.85, 0.12, 0.08), build=_tomato, splats=1500),
    Category("coconut", (0.106, 0.106, 0.125), "ball", (0.4, 0.25, 0.13), build=_coconut, splats=1800),
    Category(
        "watermelon",
        (0.24, 0.24, 0.3),
        "ball",
        (0.35, 0.6, 0.22),
        build=_watermelon,
        splats=2500,
    ),
    Category(
        "pumpkin",
        (0.31, 0.27, 0.31),
        "ball",
        (0.92, 0.5, 0.1),
        build=_pumpkin,
        splats=2500,
    ),
    # Food.
    Category(
        "cake",
        (0.26, 0.135, 0.26),
        "static",
        (0.95, 0.7, 0.8),
        build=_cake,
        splats=4500,
        nouns=("gateau",),
    ),
    Category(
        "cookie",
        (0.072, 0.013, 0.072),
        "static",
        (0.8, 0.58, 0.32),
        build=_cookie,
        splats=1500,
        nouns=("biscuit",),
    ),
    Category("carrot", (0.27, 0.05, 0.07), "static", (0.95, 0.5, 0.1), build=_carrot, splats=1500),
    Category("egg", (0.045, 0.058, 0.045), "static", (0.96, 0.93, 0.86), build=_egg, splats=1200),
    Category(
        "sushi", (0.06, 0.03, 0.027), "static", (0.98, 0.5, 0.3), build=_sushi, splats=1500, nouns=("nigiri",)
    ),
    Category(
        "bread", (0.27, 0.115, 0.13), "static", (0.75, 0.5, 0.24), build=_bread, splats=3000, nouns=("loaf",)
    ),
    Category("banana", (0.2, 0.07, 0.036), "static", (0.96, 0.83, 0.2), build=_banana, splats=1500),
    Category("sandwich", (0.12, 0.05, 0.12), "static", (0.9, 0.74, 0.48), build=_sandwich, splats=3000),
    Category("pizza", (0.31, 0.017, 0.31), "static", (0.85, 0.58, 0.28), build=_pizza, splats=3000),
    Category(
        "donut",
        (0.095, 0.034, 0.095),
        "static",
        (0.95, 0.55, 0.7),
        build=_donut,
        splats=3000,
        nouns=("doughnut",),
    ),
    Category(
        "ice cream",
        (0.075, 0.18, 0.075),
        "static",
        (0.96, 0.62, 0.72),
        build=_ice_cream,
        splats=1800,
        nouns=("ice cream cone", "gelato"),
    ),
    # Dishes.
    Category(
        "cup",
        (0.12, 0.097, 0.085),
        "static",
        (0.2, 0.45, 0.75),
        build=_cup,
        splats=3000,
        nouns=("mug", "teacup", "coffee cup", "tea cup"),
    ),
    Category("bowl", (0.16, 0.07, 0.16), "static", (0.9, 0.9, 0.88), build=_bowl, splats=1800),
    Category(
        "plate",
        (0.26, 0.021, 0.26),
        "static",
        (0.95, 0.95, 0.93),
        build=_plate,
        splats=2000,
    ),
    Category(
        "bottle",
        (0.066, 0.225, 0.066),
        "static",
        (0.6, 0.8, 0.92),
        build=_bottle,
        splats=1800,
        nouns=("water bottle",),
    ),
    Category(
        "pot",
        (0.29, 0.17, 0.23),
        "static",
        METAL,
        build=_pot,
        splats=5000,
        nouns=("cooking pot", "stockpot", "saucepot"),
    ),
    Category(
        "teapot",
        (0.26, 0.15, 0.16),
        "static",
        (0.93, 0.92, 0.88),
        build=_teapot,
        splats=2500,
    ),
    # Snacks and produce.
    Category("broccoli", (0.16, 0.17, 0.155), "static", (0.22, 0.45, 0.15), build=_broccoli, splats=3000),
    Category(
        "hot dog",
        (0.2, 0.052, 0.072),
        "static",
        (0.88, 0.68, 0.4),
        build=_hot_dog,
        splats=2000,
        nouns=("hotdog", "frankfurter"),
    ),
    Category(
        "burger",
        (0.135, 0.095, 0.135),
        "static",
        (0.8, 0.5, 0.2),
        build=_burger,
        splats=4500,
        nouns=("hamburger", "cheeseburger"),
    ),
    Category(
        "grapes",
        (0.23, 0.055, 0.12),
        "static",
        (0.4, 0.13, 0.38),
        build=_grapes,
        splats=3000,
        nouns=("grape",),
    ),
)
