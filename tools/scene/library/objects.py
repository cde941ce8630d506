"""Everyday objects, and the generic stand-in for nouns with no category."""

from __future__ import annotations

import itertools
import math

from scenewright.schema import vec3
from scenewright.tools.scene.parts import (
    DARK,
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

PAPER = (0.95, 0.93, 0.86)
GOLD = (0.85, 0.68, 0.25)
CARDBOARD = (0.72, 0.55, 0.36)
INSIDE = (0.3, 0.31, 0.33)  # a pail's shadowed inside, seen over its rim
GLOW = (1.0, 0.84, 0.45)


def _arc(center: Vec, radius: float, u: Vec, v: Vec, angles: tuple[float, float], r: float) -> list[Tube]:
    """Eight tubes of radius `r` along the circle `center + radius (cos a u + sin a v)` between `angles`."""
    a0, a1 = angles
    points = [
        vec3(c + radius * (math.cos(a) * p + math.sin(a) * q) for c, p, q in zip(center, u, v, strict=True))
        for a in (a0 + (a1 - a0) * k / 8 for k in range(9))
    ]
    return [Tube(p, q, r, r) for p, q in itertools.pairwise(points)]


def _ball(vary: Vary, attributes: list[str]) -> list[Part]:
    r = 0.15
    # A seam in a plane through the spin axis (z), so rolling shows.
    return [
        Part(
            "ball",
            (0.0, r, 0.0),
            (
                Piece(Ellipsoid((0.0, r, 0.0), (r, r, r))),
                Piece(Torus((0.0, r, 0.0), r, 0.008, yaw=math.pi / 2), (0.15, 0.15, 0.15), accent=True),
            ),
        )
    ]


def _book(vary: Vary, attributes: list[str]) -> list[Part]:
    """A closed hardcover standing up: a cover block with page edges on its fore edge and top, round spine."""
    width, height, thick = 0.17, 0.24 * vary(), 0.04 * vary()
    spine_x, board = -width / 2 + thick / 2, 0.003
    pages = (
        Decal(
            (width / 2 - 0.001, board, -thick / 2 + board), (1.0, height - board, thick / 2 - board), PAPER
        ),
        Decal(
            (spine_x, height - 0.001, -thick / 2 + board), (width / 2 - board, 1.0, thick / 2 - board), PAPER
        ),
    )
    title = Decal((0.0, 0.6 * height, thick / 2 - 0.001), (0.055, 0.75 * height, 1.0), PAPER)
    bands = tuple(
        Decal((-width, y, -thick), (spine_x, y + 0.012, thick), GOLD) for y in (0.15 * height, 0.8 * height)
    )
    block = Box(((spine_x + width / 2) / 2, height / 2, 0.0), (width / 2 - spine_x, height, thick))
    return [
        Part("cover", (0.0, 0.0, 0.0), (Piece(block, decals=(*pages, title)),)),
        Part(
            "spine",
            (spine_x, 0.0, 0.0),
            (Piece(Tube((spine_x, 0.0, 0.0), (spine_x, height, 0.0), thick / 2, thick / 2), decals=bands),),
            parent="cover",
        ),
    ]


def _notebook(vary: Vary, attributes: list[str]) -> list[Part]:
    """A spiral notebook lying flat: covers round a block of pages (painted edges), wire coils along +z."""
    length, depth, thick = 0.21, 0.148 * vary(), 0.012
    edges = Decal((-1.0, 0.0022, -1.0), (1.0, thick - 0.0022, 1.0), PAPER)
    coils = tuple(
        Piece(
            Torus((x, thick / 2, depth / 2 - 0.002), thick / 2 + 0.003, 0.0011, yaw=math.pi / 2),
            METAL,
            accent=True,
        )
        for x in (-length / 2 + 0.007 + 0.0085 * k for k in range(24))
    )
    return [
        Part(
            "cover",
            (0.0, 0.0, 0.0),
            (Piece(Box((0.0, thick / 2, 0.0), (length, thick, depth)), decals=(edges,)),),
        ),
        Part("spiral", (0.0, thick / 2, depth / 2), coils, parent="cover"),
    ]


def _pencil(vary: Vary, attributes: list[str]) -> list[Part]:
    """A pencil lying along x: painted barrel, sharpened wooden cone, graphite point, ferrule, eraser."""
    r, tip_x = 0.0037, 0.072 * vary()
    y = r + 0.0002
    return [
        Part("body", (0.0, y, 0.0), (Piece(Tube((-0.08, y, 0.0), (tip_x, y, 0.0), r, r)),)),
        Part(
            "tip",
            (tip_x, y, 0.0),
            (
                Piece(
                    Tube((tip_x, y, 0.0), (tip_x + 0.018, y, 0.0), r, 0.0012, caps=False), (0.88, 0.7, 0.48)
                ),
                Piece(Tube((tip_x + 0.018, y, 0.0), (tip_x + 0.023, y, 0.0), 0.0012, 0.0002), DARK),
            ),
            parent="body",
        ),
        Part(
            "eraser",
            (-0.08, y, 0.0),
            (
                Piece(Tube((-0.08, y, 0.0), (-0.093, y, 0.0), r + 0.0002, r + 0.0002), METAL),
                Piece(Tube((-0.093, y, 0.0), (-0.099, y, 0.0), r, r), (0.93, 0.55, 0.6)),
            ),
            parent="body",
        ),
    ]


def _eraser(vary: Vary, attributes: list[str]) -> list[Part]:
    """A block eraser with bevelled ends (tapered box) and a paper sleeve round its middle."""
    length, height, width = 0.06 * vary(), 0.012, 0.02
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (Piece(Box((0.0, height / 2, 0.0), (length, height, width), top_scale=(0.82, 0.92))),),
        ),
        Part(
            "sleeve",
            (0.0, height / 2, 0.0),
            (
                Piece(
                    Box((-0.004, height / 2 + 0.0002, 0.0), (0.019, height + 0.0008, width + 0.0008)),
                    (0.2, 0.35, 0.7),
                    accent=True,
                ),
            ),
            parent="body",
        ),
    ]


def _pen(vary: Vary, attributes: list[str]) -> list[Part]:
    """A ballpoint lying along x: barrel, rubber grip and metal cone point (+x), clip and push button (-x)."""
    r, grip_x = 0.0052, 0.038 * vary()
    y = r
    return [
        Part(
            "barrel",
            (0.0, y, 0.0),
            (
                Piece(Tube((-0.068, y, 0.0), (grip_x, y, 0.0), r, r)),
                Piece(Tube((-0.068, y, 0.0), (-0.076, y, 0.0), 0.003, 0.003), METAL),
            ),
        ),
        Part(
            "tip",
            (grip_x, y, 0.0),
            (
                Piece(Tube((grip_x, y, 0.0), (grip_x + 0.02, y, 0.0), r, 0.0045), (0.15, 0.15, 0.17)),
                Piece(Tube((grip_x + 0.02, y, 0.0), (grip_x + 0.032, y, 0.0), 0.0045, 0.0008), METAL),
            ),
            parent="barrel",
        ),
        Part(
            "clip",
            (-0.06, 2 * r, 0.0),
            (Piece(Tube((-0.064, 2 * r, 0.0), (-0.022, 2 * r, 0.0), 0.0013, 0.0011), METAL, accent=True),),
            parent="barrel",
        ),
    ]


def _candle(vary: Vary, attributes: list[str]) -> list[Part]:
    """A pillar candle on a brass dish, with a few wax drips, a wick and a flame."""
    r, height = 0.035, 0.13 * vary()
    base = 0.008
    top = base + height
    drips = tuple(
        Piece(Ellipsoid((r * math.cos(a), top - 0.015, r * math.sin(a)), (0.006, 0.016, 0.006)))
        for a in (0.3, 1.9, 3.4, 4.6)
    )
    return [
        Part(
            "holder",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, base, 0.0), 0.058, 0.06), GOLD, accent=True),
                Piece(Tube((0.0, base, 0.0), (0.0, base + 0.006, 0.0), 0.06, 0.06, caps=False), GOLD),
            ),
        ),
        Part(
            "candle",
            (0.0, base, 0.0),
            (Piece(Tube((0.0, base, 0.0), (0.0, top, 0.0), r, r)), *drips),
            parent="holder",
        ),
        Part(
            "flame",
            (0.0, top, 0.0),
            (
                Piece(Tube((0.0, top, 0.0), (0.0, top + 0.012, 0.0), 0.0012, 0.0012), DARK),
                Piece(Ellipsoid((0.0, top + 0.026, 0.0), (0.007, 0.017, 0.007)), (1.0, 0.78, 0.25)),
            ),
            parent="candle",
        ),
    ]


def _bucket(vary: Vary, attributes: list[str]) -> list[Part]:
    """A tapered pail with a rolled rim and two ribs, its wire handle raised over the top."""
    height, r_low, r_top = 0.28 * vary(), 0.12, 0.15
    ear = height - 0.03
    ribs = tuple(
        Piece(Tube((0.0, f * height, 0.0), (0.0, f * height + 0.008, 0.0), r, r, caps=False), accent=True)
        for f in (0.3, 0.7)
        for r in (r_low + f * (r_top - r_low) + 0.004,)
    )
    handle = _arc((0.0, ear, 0.0), r_top + 0.006, (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, math.pi), 0.004)
    return [
        Part(
            "pail",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, height, 0.0), r_low, r_top, caps=False)),
                Piece(Tube((0.0, 0.0, 0.0), (0.0, 0.004, 0.0), r_low, r_low)),
                Piece(Ellipsoid((0.0, height - 0.015, 0.0), (r_top - 0.004, 0.002, r_top - 0.004)), INSIDE),
                Piece(
                    Tube(
                        (0.0, height - 0.012, 0.0),
                        (0.0, height, 0.0),
                        r_top + 0.005,
                        r_top + 0.005,
                        caps=False,
                    )
                ),
                *ribs,
            ),
        ),
        Part(
            "handle",
            (0.0, ear, 0.0),
            (
                *(Piece(shape, METAL) for shape in handle),
                *(
                    Piece(Ellipsoid((s * r_top, ear, 0.0), (0.006, 0.02, 0.015)), accent=True)
                    for s in (-1, 1)
                ),
                Piece(
                    Tube((-0.045, ear + r_top + 0.006, 0.0), (0.045, ear + r_top + 0.006, 0.0), 0.009, 0.009),
                    WOOD,
                ),
            ),
            parent="pail",
        ),
    ]


def _hat(vary: Vary, attributes: list[str]) -> list[Part]:
    """A brimmed felt hat (flat brim, crown with a dented top, band); 'conical' a cone, 'top' a top hat."""
    brim_r = 0.17
    if "conical" in attributes:
        height = 0.15 * vary()
        rings = tuple(
            Decal((-1.0, f * height - 0.003, -1.0), (1.0, f * height + 0.003, 1.0), (0.86, 0.76, 0.5))
            for f in (0.3, 0.6)
        )
        return [
            Part(
                "crown",
                (0.0, 0.0, 0.0),
                (Piece(Tube((0.0, 0.0, 0.0), (0.0, height, 0.0), brim_r, 0.004, caps=False), decals=rings),),
            ),
            Part(
                "tip",
                (0.0, height, 0.0),
                (Piece(Ellipsoid((0.0, height - 0.004, 0.0), (0.008, 0.006, 0.008)), accent=True),),
                parent="crown",
            ),
        ]
    top = "top" in attributes
    crown_r, crown_h = (0.09, 0.145) if top else (0.092, 0.12 * vary())
    crown = (
        (Piece(Tube((0.0, 0.006, 0.0), (0.0, 0.006 + crown_h, 0.0), crown_r, crown_r + 0.006)),)
        if top
        else (
            Piece(Tube((0.0, 0.006, 0.0), (0.0, crown_h, 0.0), crown_r, crown_r - 0.012, caps=False)),
            Piece(Ellipsoid((0.0, crown_h, 0.0), (crown_r - 0.012, 0.025, crown_r - 0.012), cut_below=0.0)),
            Piece(Ellipsoid((0.0, crown_h + 0.021, 0.0), (0.03, 0.006, 0.05)), accent=True),
        )
    )
    return [
        Part("brim", (0.0, 0.0, 0.0), (Piece(Ellipsoid((0.0, 0.006, 0.0), (brim_r, 0.006, brim_r))),)),
        Part("crown", (0.0, 0.006, 0.0), crown, parent="brim"),
        Part(
            "band",
            (0.0, 0.01, 0.0),
            (
                Piece(
                    Tube((0.0, 0.008, 0.0), (0.0, 0.035, 0.0), crown_r + 0.002, crown_r + 0.002, caps=False),
                    DARK,
                    accent=True,
                ),
            ),
            parent="crown",
        ),
    ]


def _backpack(vary: Vary, attributes: list[str]) -> list[Part]:
    """A backpack: box body with a rounded, zipped top, a bulging front pocket (+x), padded straps (-x)."""
    height, depth, width = 0.3 * vary(), 0.16, 0.3
    strap = (0.14, 0.14, 0.16)
    pocket_zip = Decal((depth / 2 + 0.01, 0.19, -1.0), (1.0, 0.2, 1.0), DARK)
    straps = tuple(
        Piece(Tube(a, b, 0.018, 0.018), strap)
        for s in (-1, 1)
        for a, b in (
            ((-0.08, height + 0.08, s * 0.06), (-0.11, height - 0.05, s * 0.08)),
            ((-0.11, height - 0.05, s * 0.08), (-0.1, 0.07, s * 0.1)),
        )
    )
    loop = _arc((-0.03, height + 0.1, 0.0), 0.03, (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, math.pi), 0.007)
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (
                Piece(Box((0.0, height / 2, 0.0), (depth, height, width), top_scale=(0.97, 1.0))),
                Piece(Ellipsoid((0.0, height, 0.0), (depth * 0.485, 0.12, width / 2), cut_below=0.0)),
            ),
        ),
        Part(
            "pocket",
            (depth / 2, 0.12, 0.0),
            (
                Piece(
                    Ellipsoid((depth / 2, 0.12, 0.0), (0.06, 0.1, 0.12), cut_below=-0.8), decals=(pocket_zip,)
                ),
            ),
            parent="body",
        ),
        Part("straps", (-depth / 2, height, 0.0), straps, parent="body"),
        Part("handle", (-0.03, height + 0.1, 0.0), tuple(Piece(t, strap) for t in loop), parent="body"),
    ]


def _suitcase(vary: Vary, attributes: list[str]) -> list[Part]:
    """An upright wheeled suitcase: shell zipped round its middle, corner guards, top handle, four casters."""
    width, height, depth, wheel = 0.42, 0.6 * vary(), 0.25, 0.03
    low = 2 * wheel
    zip_line = Decal((-1.0, -1.0, -0.007), (1.0, 2.0, 0.007), DARK)
    guards = tuple(
        Piece(Ellipsoid((sx * (width / 2 - 0.012), y, sz * (depth / 2 - 0.012)), (0.022, 0.03, 0.022)), DARK)
        for sx in (-1, 1)
        for sz in (-1, 1)
        for y in (low + 0.02, low + height - 0.02)
    )
    wheels = tuple(
        piece
        for sx in (-1, 1)
        for sz in (-1, 1)
        for piece in (
            Piece(Box((sx * 0.17, low - 0.012, sz * 0.09), (0.05, 0.024, 0.04)), DARK),
            Piece(
                Tube(
                    (sx * 0.17, wheel, sz * 0.09 - 0.012), (sx * 0.17, wheel, sz * 0.09 + 0.012), wheel, wheel
                ),
                DARK,
            ),
        )
    )
    grip = _arc(
        (0.0, low + height, 0.0), 0.07, (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.25, math.pi - 0.25), 0.011
    )
    return [
        Part(
            "shell",
            (0.0, low, 0.0),
            (Piece(Box((0.0, low + height / 2, 0.0), (width, height, depth)), decals=(zip_line,)), *guards),
        ),
        Part("handle", (0.0, low + height, 0.0), tuple(Piece(t, DARK) for t in grip), parent="shell"),
        Part("casters", (0.0, low, 0.0), wheels, parent="shell"),
    ]


def _umbrella(vary: Vary, attributes: list[str]) -> list[Part]:
    """An open umbrella on its pole: domed canopy with eight ribs, stretchers, finial; 'striped' two-tone."""
    radius, rim_y, dome = 0.9 * vary(), 1.6, 0.38
    stripes = (
        (Decal((0.0, 0.0, 0.0), (9.0, 9.0, 9.0), WHITE), Decal((-9.0, 0.0, -9.0), (0.0, 9.0, 0.0), WHITE))
        if "striped" in attributes
        else ()
    )
    ribs, stretchers = [], []
    for a in (math.tau * k / 8 for k in range(8)):
        c, s = math.cos(a), math.sin(a)
        # Along the dome's surface, just outside it: radius sin(t), height cos(t) in the dome's own units.
        points = [
            (
                1.01 * radius * math.sin(t) * c,
                rim_y + 1.01 * dome * math.cos(t),
                1.01 * radius * math.sin(t) * s,
            )
            for t in (math.pi / 2 * k / 4 for k in range(5))
        ]
        ribs += [Piece(Tube(p, q, 0.006, 0.006), WHITE) for p, q in itertools.pairwise(points)]
        stretchers.append(
            Piece(
                Tube(
                    (0.0, rim_y - 0.35, 0.0),
                    (0.55 * radius * c, rim_y + 0.12, 0.55 * radius * s),
                    0.007,
                    0.007,
                ),
                METAL,
            )
        )
    return [
        Part(
            "pole",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, rim_y + dome, 0.0), 0.02, 0.02), WHITE, accent=True),
                Piece(Tube((0.0, 0.0, 0.0), (0.0, 0.3, 0.0), 0.028, 0.028), DARK),
                *stretchers,
            ),
        ),
        Part(
            "canopy",
            (0.0, rim_y, 0.0),
            (
                Piece(Ellipsoid((0.0, rim_y, 0.0), (radius, dome, radius), cut_below=0.0), decals=stripes),
                Piece(
                    Tube((0.0, rim_y + dome - 0.01, 0.0), (0.0, rim_y + dome + 0.08, 0.0), 0.02, 0.008), WHITE
                ),
                *ribs,
            ),
            parent="pole",
        ),
    ]


def _teddy_bear(vary: Vary, attributes: list[str]) -> list[Part]:
    """A sitting teddy bear: round body and head, muzzle, ears, stubby arms and legs with pads, a bow."""
    tan, head_y = (0.85, 0.7, 0.5), 0.27 * vary()
    limbs = []
    for name, s in (("left", -1), ("right", 1)):
        limbs += [
            Part(
                f"arm_{name}",
                (0.0, 0.18, s * 0.08),
                (Piece(Ellipsoid((0.035, 0.13, s * 0.095), (0.035, 0.065, 0.032), pitch=0.6)),),
                parent="body",
            ),
            Part(
                f"foot_{name}",
                (0.02, 0.04, s * 0.055),
                (
                    Piece(Ellipsoid((0.075, 0.04, s * 0.058), (0.07, 0.04, 0.038))),
                    Piece(Ellipsoid((0.14, 0.045, s * 0.058), (0.008, 0.028, 0.026)), tan, accent=True),
                ),
                parent="body",
            ),
        ]
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (
                Piece(Ellipsoid((0.0, 0.12, 0.0), (0.08, 0.11, 0.09))),
                Piece(Ellipsoid((0.045, 0.11, 0.0), (0.04, 0.07, 0.06)), tan, accent=True),
                *(
                    Piece(Ellipsoid((0.055, 0.21, s * 0.022), (0.012, 0.016, 0.022)), (0.8, 0.12, 0.15))
                    for s in (-1, 1)
                ),
            ),
        ),
        Part(
            "head",
            (0.0, head_y - 0.06, 0.0),
            (
                Piece(Ellipsoid((0.0, head_y, 0.0), (0.07, 0.068, 0.078))),
                Piece(Ellipsoid((0.06, head_y - 0.015, 0.0), (0.03, 0.025, 0.035)), tan, accent=True),
                Piece(Ellipsoid((0.089, head_y - 0.006, 0.0), (0.007, 0.007, 0.011)), DARK),
                *(
                    Piece(Ellipsoid((0.058, head_y + 0.02, s * 0.03), (0.006, 0.009, 0.007)), DARK)
                    for s in (-1, 1)
                ),
                *(
                    Piece(Ellipsoid((-0.005, head_y + 0.058, s * 0.058), (0.016, 0.026, 0.026)))
                    for s in (-1, 1)
                ),
                *(
                    Piece(Ellipsoid((0.007, head_y + 0.056, s * 0.058), (0.006, 0.017, 0.017)), tan)
                    for s in (-1, 1)
                ),
            ),
            parent="body",
        ),
        *limbs,
    ]


def _balloon(vary: Vary, attributes: list[str]) -> list[Part]:
    """A party balloon (egg-shaped skin, tied knot) on a long string that hangs to its bottom."""
    r, knot_y = 0.13, 0.58
    centre = knot_y + 0.2 * vary()
    string = [(0.0, knot_y, 0.0), (0.02, 0.45, 0.0), (-0.015, 0.3, 0.01), (0.015, 0.15, 0.0), (0.0, 0.0, 0.0)]
    return [
        Part(
            "body",
            (0.0, centre, 0.0),
            (
                Piece(Ellipsoid((0.0, centre, 0.0), (r, 0.15, r), cut_below=0.0)),
                Piece(Ellipsoid((0.0, centre, 0.0), (r, centre - knot_y - 0.012, r), cut_above=0.0)),
                Piece(
                    Tube((0.0, knot_y - 0.006, 0.0), (0.0, knot_y + 0.015, 0.0), 0.008, 0.003), accent=True
                ),
                Piece(Ellipsoid((-0.05, centre + 0.07, 0.07), (0.018, 0.03, 0.018)), (1.0, 0.92, 0.9)),
            ),
        ),
        Part(
            "string",
            (0.0, knot_y, 0.0),
            tuple(Piece(Tube(a, b, 0.004, 0.004), (0.75, 0.75, 0.75)) for a, b in itertools.pairwise(string)),
            parent="body",
        ),
    ]


def _kite(vary: Vary, attributes: list[str]) -> list[Part]:
    """A diamond kite facing +z: a sail on a cross of spars (behind), a tail of bows hanging below."""
    width, upper, lower, cross = 0.7, 0.26, 0.52 * vary(), 0.75
    thin = 0.004
    bottom = cross - lower
    tail = [
        (0.0, bottom, 0.0),
        (0.05, bottom - 0.18, 0.0),
        (-0.04, bottom - 0.38, 0.0),
        (0.03, bottom - 0.58, 0.0),
    ]
    bow_colours = ((0.98, 0.85, 0.2), (0.15, 0.4, 0.85), (0.98, 0.85, 0.2))
    bows = tuple(
        Piece(Ellipsoid((x + s * 0.035, y, 0.0), (0.035, 0.018, 0.005)), colour)
        for (x, y, _), colour in zip(tail[1:], bow_colours, strict=True)
        for s in (-1, 1)
    )
    return [
        Part(
            "sail",
            (0.0, cross, 0.0),
            (
                Piece(Box((0.0, cross + upper / 2, 0.0), (width, upper, thin), top_scale=(0.0, 1.0))),
                Piece(
                    Box((0.0, cross - lower / 2, 0.0), (0.002, lower, thin), top_scale=(width / 0.002, 1.0))
                ),
                Piece(Tube((0.0, cross + upper, -thin), (0.0, bottom, -thin), 0.004, 0.004), WOOD),
                Piece(Tube((-width / 2, cross, -thin), (width / 2, cross, -thin), 0.004, 0.004), WOOD),
            ),
        ),
        Part(
            "tail",
            (0.0, bottom, 0.0),
            (
                *(Piece(Tube(a, b, 0.002, 0.002), (0.3, 0.3, 0.3)) for a, b in itertools.pairwise(tail)),
                *bows,
            ),
            parent="sail",
        ),
    ]


def _trophy(vary: Vary, attributes: list[str]) -> list[Part]:
    """A cup trophy: dark plinth with a plate, flared foot, stem with a knop, bowl with a rim, two handles."""
    bowl_low, bowl_top = 0.19, 0.3 * vary()
    handles = [
        tube
        for s in (-1, 1)
        for tube in _arc(
            (s * 0.055, 0.235, 0.0),
            0.04,
            (float(s), 0.0, 0.0),
            (0.0, 1.0, 0.0),
            (-math.pi / 2 - 0.3, math.pi / 2 + 0.3),
            0.0055,
        )
    ]
    plate = Decal((-0.03, 0.015, 0.0), (0.03, 0.04, 1.0), GOLD)
    return [
        Part(
            "base",
            (0.0, 0.0, 0.0),
            (
                Piece(
                    Box((0.0, 0.03, 0.0), (0.11, 0.06, 0.11), top_scale=(0.9, 0.9)),
                    (0.16, 0.1, 0.07),
                    accent=True,
                    decals=(plate,),
                ),
                Piece(Box((0.0, 0.066, 0.0), (0.08, 0.012, 0.08))),
            ),
        ),
        Part(
            "cup",
            (0.0, 0.072, 0.0),
            (
                Piece(Tube((0.0, 0.072, 0.0), (0.0, 0.095, 0.0), 0.035, 0.01)),
                Piece(Tube((0.0, 0.095, 0.0), (0.0, bowl_low - 0.02, 0.0), 0.009, 0.012)),
                Piece(Ellipsoid((0.0, 0.13, 0.0), (0.018, 0.014, 0.018))),
                Piece(Ellipsoid((0.0, bowl_low, 0.0), (0.045, 0.04, 0.045), cut_above=0.0)),
                Piece(Tube((0.0, bowl_low, 0.0), (0.0, bowl_top, 0.0), 0.045, 0.065, caps=False)),
                Piece(Tube((0.0, bowl_top - 0.008, 0.0), (0.0, bowl_top, 0.0), 0.068, 0.068, caps=False)),
            ),
            parent="base",
        ),
        Part("handles", (0.0, 0.235, 0.0), tuple(Piece(t) for t in handles), parent="cup"),
    ]


def _drum(vary: Vary, attributes: list[str]) -> list[Part]:
    """A marching drum: shell between two hoops, zigzag tension cords, a white head, two sticks across it."""
    r, height, hoop = 0.18, 0.26 * vary(), 0.025

    def rim(a: float, y: float) -> Vec:
        """The point at angle `a` and height `y` on the circle the cords run round, just off the shell."""
        return (1.01 * r * math.cos(a), y, 1.01 * r * math.sin(a))

    # Each cord in three pieces: short pieces get finer splats, so the zigzag reads as lines.
    zigzag = [rim(math.pi * k / 8, hoop if k % 2 == 0 else height - hoop) for k in range(17)]
    cords = tuple(
        Piece(Tube(p, q, 0.0025, 0.0025), WHITE)
        for a, b in itertools.pairwise(zigzag)
        for p, q in itertools.pairwise(
            [vec3(u + (v - u) * f for u, v in zip(a, b, strict=True)) for f in (0, 1 / 3, 2 / 3, 1)]
        )
    )
    return [
        Part(
            "shell",
            (0.0, 0.0, 0.0),
            (Piece(Tube((0.0, hoop, 0.0), (0.0, height - hoop, 0.0), r, r, caps=False)), *cords),
        ),
        Part(
            "heads",
            (0.0, height, 0.0),
            (
                Piece(Tube((0.0, height - hoop, 0.0), (0.0, height, 0.0), r + 0.008, r + 0.008)),
                Piece(Tube((0.0, 0.0, 0.0), (0.0, hoop, 0.0), r + 0.008, r + 0.008)),
                Piece(
                    Tube((0.0, height, 0.0), (0.0, height + 0.002, 0.0), r - 0.004, r - 0.004),
                    (0.96, 0.94, 0.88),
                ),
            ),
            parent="shell",
        ),
        Part(
            "sticks",
            (0.0, height, 0.0),
            tuple(
                Piece(shape, WOOD)
                for s in (-1, 1)
                for shape in (
                    Tube((-0.15, height + 0.012, s * 0.11), (0.2, height + 0.03, -s * 0.07), 0.008, 0.005),
                    Ellipsoid((0.205, height + 0.03, -s * 0.072), (0.01, 0.009, 0.009)),
                )
            ),
            parent="shell",
        ),
    ]


def _anchor(vary: Vary, attributes: list[str]) -> list[Part]:
    """A ship's anchor upright in the x-y plane: shank with a ring and a stock, curved arms with flukes."""
    top, arm_r, spread = 1.0 * vary(), 0.38, 1.2
    centre = (0.0, 0.04 + arm_r, 0.0)
    arms = _arc(
        centre, arm_r, (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (-math.pi / 2 - spread, -math.pi / 2 + spread), 0.035
    )
    flukes = []
    for s in (-1, 1):
        a = -math.pi / 2 + s * spread
        tip = (arm_r * math.cos(a), centre[1] + arm_r * math.sin(a), 0.0)
        pitch = math.pi / 2 - s * (math.pi / 2 - spread)
        flukes.append(Ellipsoid((tip[0] - s * 0.01, tip[1] + 0.04, 0.0), (0.1, 0.045, 0.02), pitch=pitch))
    return [
        Part(
            "shank",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.04, 0.0), (0.0, top, 0.0), 0.035, 0.03)),
                Piece(Tube((-0.3, top - 0.1, 0.0), (0.3, top - 0.1, 0.0), 0.028, 0.028)),
                *(Piece(Ellipsoid((s * 0.31, top - 0.1, 0.0), (0.04, 0.04, 0.04))) for s in (-1, 1)),
            ),
        ),
        Part("ring", (0.0, top, 0.0), (Piece(Torus((0.0, top + 0.075, 0.0), 0.075, 0.018)),), parent="shank"),
        Part("arms", (0.0, 0.04, 0.0), tuple(Piece(s) for s in (*arms, *flukes)), parent="shank"),
    ]


def _sword(vary: Vary, attributes: list[str]) -> list[Part]:
    """A sword standing on its point: tapered blade with a fuller, cross-guard, leather grip, pommel."""
    tip, guard_y = 0.1, 0.78 * vary()
    fuller = Decal((-0.005, 0.15, -1.0), (0.005, guard_y - 0.04, 1.0), (0.5, 0.52, 0.56))
    return [
        Part(
            "blade",
            (0.0, guard_y, 0.0),
            (
                Piece(
                    Box(
                        (0.0, tip + (guard_y - tip) / 2, 0.0),
                        (0.044, guard_y - tip, 0.008),
                        top_scale=(1.15, 1.0),
                    ),
                    decals=(fuller,),
                ),
                Piece(Box((0.0, tip / 2, 0.0), (0.002, tip, 0.008), top_scale=(22.0, 1.0))),
            ),
        ),
        Part(
            "hilt",
            (0.0, guard_y, 0.0),
            (
                Piece(
                    Box((0.0, guard_y + 0.012, 0.0), (0.22, 0.024, 0.03), top_scale=(0.95, 0.9)),
                    GOLD,
                    accent=True,
                ),
                *(
                    Piece(Ellipsoid((s * 0.11, guard_y + 0.012, 0.0), (0.014, 0.016, 0.016)), GOLD)
                    for s in (-1, 1)
                ),
                Piece(
                    Tube((0.0, guard_y + 0.024, 0.0), (0.0, guard_y + 0.18, 0.0), 0.016, 0.015),
                    (0.35, 0.2, 0.12),
                ),
                Piece(Ellipsoid((0.0, guard_y + 0.2, 0.0), (0.024, 0.024, 0.02)), GOLD, accent=True),
            ),
            parent="blade",
        ),
    ]


def _surfboard(vary: Vary, attributes: list[str]) -> list[Part]:
    """A surfboard lying flat: a long deck (round tail, pointed nose at +x), stringer, nose stripes, leash."""
    thick = 0.035
    width = 0.275 * vary()
    deck = (
        Decal((-2.0, thick, -0.005), (2.0, 1.0, 0.005), (0.45, 0.3, 0.18)),
        Decal((0.55, thick * 1.2, -1.0), (0.6, 1.0, 1.0), WHITE),
        Decal((0.63, thick * 1.2, -1.0), (0.66, 1.0, 1.0), WHITE),
    )
    return [
        Part(
            "board",
            (0.0, thick, 0.0),
            (
                Piece(Ellipsoid((-0.1, thick, 0.0), (0.9, thick, width)), decals=deck),
                Piece(Ellipsoid((0.35, thick, 0.0), (0.65, 0.032, 0.2 * width / 0.275)), decals=deck),
            ),
        ),
        Part(
            "leash",
            (-0.85, 2 * thick, 0.0),
            (
                Piece(
                    Tube((-0.85, 2 * thick - 0.005, 0.0), (-0.85, 2 * thick + 0.01, 0.0), 0.012, 0.012), DARK
                ),
                *(
                    Piece(t, DARK)
                    for t in _arc(
                        (-0.8, 2 * thick, 0.08),
                        0.07,
                        (1.0, 0.0, 0.0),
                        (0.0, 0.0, 1.0),
                        (0.0, math.tau),
                        0.006,
                    )
                ),
            ),
            parent="board",
        ),
    ]


def _frisbee(vary: Vary, attributes: list[str]) -> list[Part]:
    """A flying disc: shallow domed top with two moulded rings, a deep rim."""
    r, rim, dome = 0.135, 0.018, 0.014 * vary()

    def ring(radius: float) -> Decal:
        """Paints the dome's points between radius +- 7 mm (a horizontal slice of the dome)."""
        high, low = (rim + dome * math.sqrt(1 - ((radius + s * 0.007) / r) ** 2) for s in (-1, 1))
        return Decal((-1.0, low, -1.0), (1.0, high, 1.0), (0.96, 0.96, 0.96))

    return [
        Part(
            "disc",
            (0.0, rim, 0.0),
            (Piece(Ellipsoid((0.0, rim, 0.0), (r, dome, r), cut_below=0.0), decals=(ring(0.1), ring(0.05))),),
        ),
        Part(
            "rim",
            (0.0, rim, 0.0),
            (Piece(Tube((0.0, 0.0, 0.0), (0.0, rim, 0.0), r - 0.006, r, caps=False)),),
            parent="disc",
        ),
    ]


def _traffic_cone(vary: Vary, attributes: list[str]) -> list[Part]:
    """A traffic cone: square black base, tapered cone with two white reflective bands."""
    base, height = 0.03, 0.7 * vary()
    bands = (
        Decal((-1.0, 0.56 * height, -1.0), (1.0, 0.68 * height, 1.0), WHITE),
        Decal((-1.0, 0.38 * height, -1.0), (1.0, 0.45 * height, 1.0), WHITE),
    )
    return [
        Part(
            "base",
            (0.0, 0.0, 0.0),
            (
                Piece(
                    Box((0.0, base / 2, 0.0), (0.36, base, 0.36), top_scale=(0.94, 0.94)),
                    (0.12, 0.12, 0.13),
                    accent=True,
                ),
            ),
        ),
        Part(
            "cone",
            (0.0, base, 0.0),
            (Piece(Tube((0.0, base, 0.0), (0.0, height, 0.0), 0.14, 0.025), decals=bands),),
            parent="base",
        ),
    ]


def _traffic_light(vary: Vary, attributes: list[str]) -> list[Part]:
    """A traffic light on a post: a signal head with red, amber and green lamps under visors on +x and -x."""
    post, head_h = 2.35 * vary(), 0.9
    lamps, visors = [], []
    for k, colour in enumerate(((0.1, 0.85, 0.35), (1.0, 0.62, 0.05), (1.0, 0.12, 0.08))):
        y = post + 0.15 + 0.3 * k
        for s in (-1, 1):
            lamps.append(Piece(Tube((s * 0.12, y, 0.0), (s * 0.128, y, 0.0), 0.095, 0.095), colour))
            visors.append(Piece(Box((s * 0.18, y + 0.105, 0.0), (0.12, 0.012, 0.22))))
    return [
        Part(
            "pole",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, post, 0.0), 0.055, 0.055)),
                Piece(Tube((0.0, 0.0, 0.0), (0.0, 0.05, 0.0), 0.11, 0.09)),
            ),
        ),
        Part(
            "head",
            (0.0, post, 0.0),
            (
                Piece(Box((0.0, post + head_h / 2, 0.0), (0.24, head_h, 0.32))),
                Piece(Box((0.0, post + head_h + 0.01, 0.0), (0.26, 0.02, 0.34)), accent=True),
                *visors,
            ),
            parent="pole",
        ),
        Part("lamps", (0.0, post + head_h / 2, 0.0), tuple(lamps), parent="head"),
    ]


def _lantern(vary: Vary, attributes: list[str]) -> list[Part]:
    """A hurricane lantern: fuel tank, glowing globe in a wire guard, side tubes (+-x), hood, bail handle."""
    tank, globe_top = 0.075, 0.205 * vary()
    hood = globe_top + 0.045
    guards = tuple(
        Piece(
            Tube(
                (0.062 * math.cos(a), tank, 0.062 * math.sin(a)),
                (0.062 * math.cos(a), globe_top, 0.062 * math.sin(a)),
                0.004,
                0.004,
            )
        )
        for a in (math.pi / 4 + k * math.pi / 2 for k in range(4))
    )
    bail = _arc((0.0, hood - 0.02, 0.0), 0.09, (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, math.pi), 0.003)
    return [
        Part(
            "base",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, tank, 0.0), 0.075, 0.072)),
                *(
                    Piece(Tube((s * 0.082, tank, 0.0), (s * 0.082, hood - 0.02, 0.0), 0.009, 0.009))
                    for s in (-1, 1)
                ),
            ),
        ),
        Part(
            "globe",
            (0.0, tank, 0.0),
            (
                Piece(
                    Ellipsoid(
                        (0.0, (tank + globe_top) / 2, 0.0), (0.052, (globe_top - tank) / 2 + 0.004, 0.052)
                    ),
                    GLOW,
                ),
                *guards,
            ),
            parent="base",
        ),
        Part(
            "hood",
            (0.0, globe_top, 0.0),
            (
                Piece(Tube((0.0, globe_top, 0.0), (0.0, hood, 0.0), 0.085, 0.03)),
                Piece(Tube((0.0, hood, 0.0), (0.0, hood + 0.012, 0.0), 0.03, 0.022)),
            ),
            parent="base",
        ),
        Part("handle", (0.0, hood - 0.02, 0.0), tuple(Piece(t, METAL) for t in bail), parent="hood"),
    ]


def _guitar(vary: Vary, attributes: list[str]) -> list[Part]:
    """An acoustic guitar standing on its end, top facing +z: two round bouts, sound hole, bridge, neck."""
    low_r, up_r, up_y, depth = 0.18, 0.13, 0.42 * vary(), 0.05
    hole_y = up_y - 0.05
    body_top = up_y + up_r
    neck_top = body_top + 0.34
    brown, board = (0.42, 0.25, 0.13), (0.14, 0.09, 0.07)
    pegs = tuple(
        Piece(Tube((s * 0.04, y, 0.0), (s * 0.055, y, 0.0), 0.006, 0.006), METAL)
        for s in (-1, 1)
        for y in (neck_top + 0.04, neck_top + 0.08, neck_top + 0.12)
    )
    return [
        Part(
            "body",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, low_r, -depth), (0.0, low_r, depth), low_r, low_r)),
                Piece(Tube((0.0, up_y, -depth), (0.0, up_y, depth), up_r, up_r)),
                Piece(Ellipsoid((0.0, hole_y, depth), (0.056, 0.056, 0.002)), (0.9, 0.82, 0.65)),
                Piece(Ellipsoid((0.0, hole_y, depth), (0.044, 0.044, 0.004)), DARK),
                Piece(Box((0.0, 0.12, depth + 0.004), (0.13, 0.022, 0.008)), board, accent=True),
            ),
        ),
        Part(
            "neck",
            (0.0, body_top, 0.0),
            (
                Piece(
                    Box(
                        (0.0, (body_top + neck_top) / 2 - 0.02, 0.0225),
                        (0.052, neck_top - body_top + 0.04, 0.045),
                    ),
                    brown,
                    accent=True,
                ),
                Piece(
                    Box(
                        (0.0, (hole_y + 0.065 + neck_top) / 2, 0.049),
                        (0.054, neck_top - hole_y - 0.065, 0.008),
                    ),
                    board,
                ),
            ),
            parent="body",
        ),
        Part(
            "headstock",
            (0.0, neck_top, 0.0),
            (
                Piece(
                    Box((0.0, neck_top + 0.08, 0.02), (0.08, 0.16, 0.02), top_scale=(1.1, 1.0)),
                    brown,
                    accent=True,
                ),
                *pegs,
            ),
            parent="neck",
        ),
    ]


def _box(vary: Vary, attributes: list[str]) -> list[Part]:
    """A closed cardboard box taped across its top seam, a shipping label; 'wooden' a slatted crate."""
    length, height, width = 0.5, 0.35 * vary(), 0.4
    centre = (0.0, height / 2, 0.0)
    if "wooden" in attributes:
        gap = (0.22, 0.15, 0.09)
        gaps = (
            *(Decal((-1.0, y - 0.01, -1.0), (1.0, y + 0.01, 1.0), gap) for y in (height / 3, 2 * height / 3)),
            Decal((-1.0, height - 0.01, -0.012), (1.0, 1.0, 0.012), gap),
        )
        posts = tuple(
            Piece(
                Box(
                    (sx * (length / 2 - 0.02), height / 2, sz * (width / 2 - 0.02)),
                    (0.045, height + 0.004, 0.045),
                ),
                accent=True,
            )
            for sx in (-1, 1)
            for sz in (-1, 1)
        )
        return [
            Part("body", (0.0, 0.0, 0.0), (Piece(Box(centre, (length, height, width)), decals=gaps),)),
            Part("posts", (0.0, 0.0, 0.0), posts, parent="body"),
        ]
    seam = Decal((-0.004, height - 0.002, -1.0), (0.004, 1.0, 1.0), (0.4, 0.29, 0.17))
    label = Decal((0.06, 0.12, width / 2 - 0.01), (0.2, 0.21, 1.0), (0.95, 0.95, 0.93))
    tape = (0.9, 0.8, 0.6)
    return [
        Part("body", (0.0, 0.0, 0.0), (Piece(Box(centre, (length, height, width)), decals=(seam, label)),)),
        Part(
            "tape",
            (0.0, height, 0.0),
            (
                Piece(Box((0.0, height + 0.001, 0.0), (0.06, 0.002, width + 0.004)), tape),
                *(
                    Piece(Box((0.0, height - 0.06, s * (width / 2 + 0.001)), (0.06, 0.12, 0.002)), tape)
                    for s in (-1, 1)
                ),
            ),
            parent="body",
        ),
    ]


def _building_block(vary: Vary, attributes: list[str]) -> list[Part]:
    """A toy building brick (2x4 studs): a box with eight round studs on top."""
    length, height, width, stud = 0.064, 0.0192, 0.032, 0.0047
    studs = tuple(
        Piece(Tube((x, height, z), (x, height + 0.0045, z), stud, stud))
        for x in (-0.024, -0.008, 0.008, 0.024)
        for z in (-0.008, 0.008)
    )
    return [
        Part(
            "body", (0.0, 0.0, 0.0), (Piece(Box((0.0, height / 2, 0.0), (length, height, width * vary()))),)
        ),
        Part("studs", (0.0, height, 0.0), studs, parent="body"),
    ]


def _generic(vary: Vary, attributes: list[str]) -> list[Part]:
    return [
        Part(
            "body",
            (0.0, 0.3, 0.0),
            (
                Piece(Box((0.0, 0.3, 0.0), (0.6, 0.6, 0.6))),
                Piece(Box((0.0, 0.45, 0.0), (0.62, 0.06, 0.62)), DARK, accent=True),
            ),
        )
    ]


CATEGORIES: tuple[Category, ...] = (
    Category("ball", (0.3, 0.3, 0.3), "ball", (0.9, 0.9, 0.9), build=_ball, splats=1500),
    Category(
        "book",
        (0.17, 0.24, 0.04),
        "static",
        (0.55, 0.12, 0.12),
        build=_book,
        splats=1800,
        nouns=("novel", "textbook", "storybook", "hardcover", "paperback", "dictionary"),
    ),
    Category(
        "notebook",
        (0.21, 0.02, 0.156),
        "static",
        (0.15, 0.35, 0.6),
        build=_notebook,
        splats=1800,
        nouns=("notepad", "journal", "diary"),
    ),
    Category("pencil", (0.19, 0.0078, 0.0078), "static", (0.95, 0.75, 0.1), build=_pencil, splats=1200),
    Category("eraser", (0.06, 0.0125, 0.021), "static", (0.95, 0.55, 0.6), build=_eraser, splats=1200),
    Category(
        "pen",
        (0.145, 0.012, 0.0105),
        "static",
        (0.1, 0.2, 0.6),
        build=_pen,
        splats=1200,
        nouns=("ballpoint", "ballpoint pen", "biro"),
    ),
    Category("candle", (0.12, 0.18, 0.12), "static", (0.95, 0.92, 0.82), build=_candle, splats=1500),
    Category(
        "bucket", (0.31, 0.42, 0.31), "static", (0.6, 0.62, 0.66), build=_bucket, splats=2200, nouns=("pail",)
    ),
    Category(
        "hat",
        (0.34, 0.15, 0.34),
        "static",
        (0.42, 0.3, 0.2),
        build=_hat,
        splats=1800,
        nouns=("fedora", "sombrero", "sunhat"),
    ),
    Category(
        "backpack",
        (0.267, 0.44, 0.3),
        "static",
        (0.2, 0.35, 0.65),
        build=_backpack,
        splats=2500,
        nouns=("rucksack", "knapsack", "schoolbag"),
    ),
    Category(
        "suitcase",
        (0.44, 0.74, 0.27),
        "static",
        (0.25, 0.3, 0.4),
        build=_suitcase,
        splats=2500,
        nouns=("luggage", "valise"),
    ),
    Category(
        "umbrella",
        (1.83, 2.06, 1.83),
        "static",
        (0.85, 0.15, 0.15),
        build=_umbrella,
        splats=3000,
        nouns=("beach umbrella", "parasol"),
    ),
    Category(
        "teddy bear",
        (0.23, 0.35, 0.25),
        "static",
        (0.6, 0.4, 0.22),
        build=_teddy_bear,
        splats=2500,
        nouns=("teddy", "stuffed animal"),
    ),
    Category(
        "balloon", (0.26, 0.93, 0.26), "static", (0.85, 0.1, 0.12), build=_balloon, splats=1800, flies=True
    ),
    Category("kite", (0.7, 1.37, 0.013), "static", (0.85, 0.15, 0.2), build=_kite, splats=2000, flies=True),
    Category("trophy", (0.2, 0.3, 0.136), "static", (0.85, 0.65, 0.15), build=_trophy, splats=2000),
    Category(
        "drum",
        (0.4, 0.3, 0.376),
        "static",
        (0.8, 0.12, 0.12),
        build=_drum,
        splats=2500,
        nouns=("snare drum",),
    ),
    Category("anchor", (0.8, 1.16, 0.08), "static", (0.22, 0.23, 0.25), build=_anchor, splats=2500),
    Category(
        "sword",
        (0.25, 1.0, 0.04),
        "static",
        (0.75, 0.77, 0.8),
        build=_sword,
        splats=1800,
        nouns=("longsword", "broadsword", "saber", "sabre"),
    ),
    Category(
        "surfboard",
        (2.0, 0.08, 0.55),
        "static",
        (0.25, 0.65, 0.85),
        build=_surfboard,
        splats=2500,
        floats=True,
        nouns=("surf board",),
    ),
    Category(
        "frisbee",
        (0.27, 0.032, 0.27),
        "static",
        (0.95, 0.4, 0.1),
        build=_frisbee,
        splats=1500,
        nouns=("flying disc",),
    ),
    Category(
        "traffic cone",
        (0.36, 0.7, 0.36),
        "static",
        (1.0, 0.45, 0.05),
        build=_traffic_cone,
        splats=1800,
        nouns=("safety cone", "road cone"),
    ),
    Category(
        "traffic light",
        (0.48, 3.27, 0.34),
        "static",
        (0.18, 0.19, 0.2),
        build=_traffic_light,
        splats=3000,
        nouns=("traffic signal", "stoplight", "stop light"),
    ),
    Category("lantern", (0.184, 0.322, 0.167), "static", (0.7, 0.12, 0.1), build=_lantern, splats=2000),
    Category(
        "guitar",
        (0.36, 1.05, 0.11),
        "static",
        (0.8, 0.55, 0.3),
        build=_guitar,
        splats=2500,
        nouns=("acoustic guitar", "electric guitar"),
    ),
    Category(
        "box",
        (0.5, 0.35, 0.4),
        "static",
        CARDBOARD,
        build=_box,
        splats=2600,
        nouns=("cardboard box", "crate", "package", "parcel", "carton"),
    ),
    Category(
        "building block",
        (0.064, 0.024, 0.032),
        "static",
        (0.85, 0.1, 0.1),
        build=_building_block,
        splats=1500,
        nouns=("block", "toy block", "toy brick", "lego brick"),
    ),
    Category("generic", (0.6, 0.6, 0.6), "static", (0.6, 0.6, 0.6), build=_generic, splats=3000),
)
