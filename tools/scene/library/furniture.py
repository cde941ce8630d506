"""Furniture: things with a surface to stand things on, or to sit or lie on."""

from __future__ import annotations

import math

from scenewright.schema import vec3
from scenewright.tools.scene.parts import (
    METAL,
    WHITE,
    WOOD,
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

DARK_WOOD = (0.25, 0.16, 0.1)
SHADOW = (0.12, 0.1, 0.09)  # gaps between doors and drawers
BOOK_COLOURS: tuple[Vec, ...] = (
    (0.6, 0.12, 0.12),
    (0.15, 0.25, 0.5),
    (0.2, 0.42, 0.25),
    (0.85, 0.7, 0.25),
    (0.9, 0.88, 0.8),
    (0.15, 0.5, 0.55),
    (0.1, 0.1, 0.12),
    (0.55, 0.3, 0.5),
    (0.8, 0.45, 0.2),
)


def block(
    low: Vec,
    high: Vec,
    top_scale: tuple[float, float] = (1.0, 1.0),
    top_shift: float = 0.0,
    open_bottom: bool = False,
) -> Box:
    """An unturned box between two opposite corners."""
    return Box(
        vec3((a + b) / 2 for a, b in zip(low, high, strict=True)),
        vec3(b - a for a, b in zip(low, high, strict=True)),
        top_scale=top_scale,
        top_shift=top_shift,
        open_bottom=open_bottom,
    )


def feet_at(
    corners: list[tuple[float, float]], height: float, radius: float, paint: Vec | None
) -> tuple[Piece, ...]:
    """Short tapered legs standing on the ground under the given (x, z) corners."""
    return tuple(
        Piece(Tube((x, 0.0, z), (x, height, z), 0.8 * radius, radius), paint, accent=True) for x, z in corners
    )


def _table(vary: Vary, attributes: list[str]) -> list[Part]:
    top_y, length, width = 0.72, 1.4, 0.8
    legs = tuple(
        Piece(
            Box(
                (sx * (length / 2 - 0.1), top_y / 2, sz * (width / 2 - 0.08)),
                (0.06, top_y, 0.06),
                open_bottom=True,
            )
        )
        for sx in (-1, 1)
        for sz in (-1, 1)
    )
    return [
        Part("top", (0.0, top_y, 0.0), (Piece(Box((0.0, top_y + 0.015, 0.0), (length, 0.05, width))),)),
        Part("legs", (0.0, 0.0, 0.0), legs),
    ]


def _chair(vary: Vary, attributes: list[str]) -> list[Part]:
    seat_y, side = 0.45, 0.46
    legs = tuple(
        Piece(Box((sx * 0.2, seat_y / 2, sz * 0.2), (0.04, seat_y, 0.04), open_bottom=True))
        for sx in (-1, 1)
        for sz in (-1, 1)
    )
    back = (
        *(Piece(Box((-0.2, seat_y + 0.22, sz * 0.2), (0.04, 0.45, 0.04))) for sz in (-1, 1)),
        Piece(Box((-0.21, 0.76, 0.0), (0.035, 0.26 * vary(), side))),
    )
    return [
        Part("seat", (0.0, seat_y, 0.0), (Piece(Box((0.0, seat_y + 0.02, 0.0), (side, 0.04, side))),)),
        Part("legs", (0.0, 0.0, 0.0), legs),
        Part("back", (-0.2, seat_y, 0.0), back),
    ]


def _sofa(vary: Vary, attributes: list[str]) -> list[Part]:
    """A plinth on short feet, three seat and three back cushions, rolled arms and two throw pillows."""
    seat_y, back_top = 0.45, 0.78 * vary()
    legs = METAL if "metal" in attributes else DARK_WOOD
    thirds = [-0.535, 0.0, 0.535]
    return [
        Part(
            "base", (0.0, 0.1, 0.0), (Piece(block((-0.45, 0.1, -1.0), (0.45, 0.32, 1.0), open_bottom=True)),)
        ),
        Part(
            "seat",
            (0.08, seat_y, 0.0),
            tuple(
                Piece(block((-0.28, 0.32, z - 0.262), (0.44, seat_y, z + 0.262), top_scale=(0.97, 0.95)))
                for z in thirds
            ),
            parent="base",
        ),
        Part(
            "back",
            (-0.36, 0.32, 0.0),
            (
                Piece(block((-0.45, 0.32, -1.0), (-0.27, back_top, 1.0))),
                Piece(Tube((-0.36, back_top, -1.0), (-0.36, back_top, 1.0), 0.09, 0.09)),
                *(
                    Piece(
                        block(
                            (-0.29, seat_y, z - 0.262),
                            (-0.13, back_top + 0.02, z + 0.262),
                            top_scale=(0.8, 0.95),
                            top_shift=-0.06,
                        )
                    )
                    for z in thirds
                ),
            ),
            parent="base",
        ),
        *(
            Part(
                f"arm_{side}",
                (0.0, 0.32, sign * 0.9),
                (
                    Piece(block((-0.45, 0.1, sign * 0.9 - 0.1), (0.45, 0.58, sign * 0.9 + 0.1))),
                    Piece(Tube((-0.45, 0.58, sign * 0.9), (0.45, 0.58, sign * 0.9), 0.1, 0.1)),
                ),
                parent="base",
            )
            for side, sign in (("l", -1), ("r", 1))
        ),
        Part(
            "pillows",
            (-0.15, seat_y, 0.0),
            tuple(
                Piece(
                    block(
                        (-0.24, seat_y, z - 0.16),
                        (-0.1, 0.76, z + 0.16),
                        top_scale=(0.6, 0.8),
                        top_shift=-0.05,
                    ),
                    (0.85, 0.72, 0.4),
                    accent=True,
                )
                for z in (-0.62, 0.62)
            ),
            parent="seat",
        ),
        Part(
            "legs",
            (0.0, 0.0, 0.0),
            feet_at([(x, z) for x in (-0.38, 0.38) for z in (-0.9, 0.9)], 0.1, 0.03, legs),
            parent="base",
        ),
    ]


def _bed(vary: Vary, attributes: list[str]) -> list[Part]:
    """A base on feet, a mattress, a duvet turned down under two pillows, and a headboard: upholstered in the
    main colour, wood if wooden, bars if metal."""
    metal = "metal" in attributes
    frame: Vec | None = (0.2, 0.2, 0.22) if metal else WOOD if "wooden" in attributes else None
    head_top = 0.98 * vary()
    if metal:
        bars = [-0.82, *(z / 10 for z in range(-6, 7, 3)), 0.82]
        headboard = (
            *(
                Piece(Tube((-1.0, 0.0, z), (-1.0, head_top, z), r, r), METAL, accent=True)
                for z, r in ((z, 0.03 if abs(z) > 0.8 else 0.015) for z in bars)
            ),
            Piece(Tube((-1.0, head_top, -0.82), (-1.0, head_top, 0.82), 0.025, 0.025), METAL, accent=True),
        )
    else:
        headboard = (
            Piece(block((-1.04, 0.0, -0.82), (-0.98, head_top, 0.82)), frame, accent=True),
            Piece(Tube((-1.01, head_top, -0.82), (-1.01, head_top, 0.82), 0.035, 0.035), frame, accent=True),
        )
    return [
        Part(
            "frame",
            (0.0, 0.12, 0.0),
            (
                Piece(block((-0.98, 0.12, -0.8), (1.02, 0.36, 0.8), open_bottom=True), frame, accent=True),
                *feet_at(
                    [(x, z) for x in (-0.95, 0.96) for z in (-0.74, 0.74)], 0.12, 0.035, frame or DARK_WOOD
                ),
            ),
        ),
        Part("headboard", (-1.01, 0.12, 0.0), headboard, parent="frame"),
        Part(
            "mattress",
            (0.0, 0.36, 0.0),
            (Piece(block((-0.97, 0.36, -0.78), (1.0, 0.54, 0.78)), (0.93, 0.92, 0.88)),),
            parent="frame",
        ),
        Part(
            "duvet",
            (0.3, 0.58, 0.0),
            (
                Piece(
                    block((-0.43, 0.3, -0.83), (1.04, 0.58, 0.83), top_scale=(0.99, 0.96), open_bottom=True)
                ),
                Piece(Tube((-0.43, 0.575, -0.83), (-0.43, 0.575, 0.83), 0.03, 0.03), WHITE),
            ),
            parent="mattress",
        ),
        Part(
            "pillows",
            (-0.75, 0.54, 0.0),
            tuple(Piece(Ellipsoid((-0.73, 0.6, z), (0.18, 0.075, 0.34)), WHITE) for z in (-0.37, 0.37)),
            parent="mattress",
        ),
    ]


def _desk(vary: Vary, attributes: list[str]) -> list[Part]:
    """A top over a three-drawer pedestal, a side panel (metal legs if metal), a back panel, a mid drawer."""
    top_y = 0.72
    top = (
        Piece(block((-0.35, top_y, -0.65), (0.35, 0.75, 0.65)), (0.72, 0.84, 0.88), accent=True)
        if "glass" in attributes
        else Piece(block((-0.35, top_y, -0.65), (0.35, 0.75, 0.65)))
    )
    if "metal" in attributes:
        side = (
            *(
                Piece(Tube((x, 0.0, -0.6), (x, top_y, -0.6), 0.02, 0.02), METAL, accent=True)
                for x in (-0.3, 0.3)
            ),
            Piece(Tube((-0.3, 0.06, -0.6), (0.3, 0.06, -0.6), 0.015, 0.015), METAL, accent=True),
        )
    else:
        side = (Piece(block((-0.33, 0.0, -0.64), (0.31, top_y, -0.6), open_bottom=True)),)
    shadow = Decal((0.305, 0.0, 0.2), (0.32, top_y, 0.62), SHADOW)  # seen between the drawer fronts
    pedestal = (Piece(block((-0.33, 0.0, 0.19), (0.31, top_y, 0.63), open_bottom=True), decals=(shadow,)),)
    drawer_rows = [(0.03, 0.24), (0.26, 0.47), (0.49, 0.70 * vary())]
    drawers: list[Piece] = []
    for low, high in drawer_rows:
        drawers.append(Piece(block((0.31, low, 0.2), (0.33, high, 0.62))))
        drawers.append(
            Piece(block((0.33, (low + high) / 2 - 0.01, 0.35), (0.345, (low + high) / 2 + 0.01, 0.47)), METAL)
        )
    drawers.append(Piece(block((0.31, 0.63, -0.56), (0.33, 0.7, 0.16))))
    drawers.append(Piece(block((0.33, 0.655, -0.26), (0.345, 0.675, -0.14)), METAL))
    return [
        Part("top", (0.0, top_y, 0.0), (top,)),
        Part("pedestal", (0.0, 0.0, 0.41), pedestal, parent="top"),
        Part("drawers", (0.32, 0.0, 0.41), tuple(drawers), parent="pedestal"),
        Part("side", (0.0, 0.0, -0.62), side, parent="top"),
        Part(
            "back",
            (-0.32, top_y, -0.2),
            (Piece(block((-0.33, 0.28, -0.6), (-0.31, top_y, 0.19))),),
            parent="top",
        ),
    ]


def _bookshelf(vary: Vary, attributes: list[str]) -> list[Part]:
    """An open case (sides, top, back, plinth) with four shelves of upright books in fixed spine colours."""
    depth, height, half = 0.32, 1.8, 0.45
    front = depth / 2
    shelves_y = [0.08, 0.5, 0.92, 1.34]
    case = (
        *(
            Piece(block((-front, 0.0, s * half - 0.0125), (front, height, s * half + 0.0125)))
            for s in (-1, 1)
        ),
        Piece(block((-front, height - 0.025, -half), (front, height, half))),
        Piece(block((-front, 0.0, -half), (-front + 0.015, height, half))),
        Piece(block((front - 0.02, 0.0, -half), (front, 0.08, half))),
    )
    shelves = tuple(Piece(block((-front, y, -half), (front, y + 0.02, half))) for y in shelves_y)
    books: list[Piece] = []
    phi = (math.sqrt(5) - 1) / 2
    k = 0
    for row, y in enumerate(shelves_y):
        room = (shelves_y[row + 1] if row + 1 < len(shelves_y) else height - 0.025) - y - 0.02
        z, end = -half + 0.03, half - 0.03 - (0.12 + 0.2 * ((row * phi) % 1.0)) * 2 * half * vary()
        if row % 2:  # books against the other side on alternate shelves
            z, end = -end, half - 0.03
        while z < end:
            width = 0.025 + 0.03 * ((k * phi) % 1.0)
            tall = room * (0.62 + 0.25 * ((k * 0.7548) % 1.0))
            deep = 0.2 + 0.05 * ((k * 0.5698) % 1.0)
            books.append(
                Piece(
                    block(
                        (front - 0.02 - deep, y + 0.02, z),
                        (front - 0.02, y + 0.02 + tall, z + width),
                        open_bottom=True,
                    ),
                    BOOK_COLOURS[(5 * k) % len(BOOK_COLOURS)],
                    accent=True,
                )
            )
            z += width + 0.002
            k += 1
    return [
        Part("case", (0.0, 0.0, 0.0), case),
        Part("shelves", (0.0, shelves_y[1], 0.0), shelves, parent="case"),
        Part("books", (0.0, shelves_y[1], 0.0), tuple(books), parent="shelves"),
    ]


def _wardrobe(vary: Vary, attributes: list[str]) -> list[Part]:
    """A tall carcass on a plinth under a cornice, two doors hinged at the sides with bar handles."""
    top = 1.89 * vary()
    body = (
        Piece(block((-0.3, 0.08, -0.57), (0.27, top, 0.57), open_bottom=True)),
        Piece(block((-0.31, top, -0.6), (0.31, 2.0, 0.6)), accent=True),
        Piece(block((-0.28, 0.0, -0.55), (0.25, 0.08, 0.55), open_bottom=True), DARK_WOOD, accent=True),
        Piece(block((0.265, 0.1, -0.012), (0.285, top - 0.01, 0.012)), SHADOW),
    )
    doors = []
    for side, sign in (("l", -1), ("r", 1)):
        hinge = (0.28, 1.0, sign * 0.57)
        near, far = sorted((sign * 0.016, sign * 0.567))
        doors.append(
            Part(
                f"door_{side}",
                hinge,
                (
                    Piece(block((0.27, 0.1, near), (0.29, top - 0.01, far))),
                    Piece(Tube((0.315, 0.95, sign * 0.06), (0.315, 1.25, sign * 0.06), 0.012, 0.012), METAL),
                    *(
                        Piece(Tube((0.29, y, sign * 0.06), (0.315, y, sign * 0.06), 0.007, 0.007), METAL)
                        for y in (0.97, 1.23)
                    ),
                ),
                parent="body",
            )
        )
    return [Part("body", (0.0, 0.0, 0.0), body), *doors]


CATEGORIES: tuple[Category, ...] = (
    Category(
        "table",
        (1.4, 0.75, 0.8),
        "static",
        (0.55, 0.36, 0.2),
        build=_table,
        splats=2500,
        surface_height_m=0.75,
    ),
    Category(
        "chair",
        (0.5, 0.9, 0.5),
        "static",
        (0.5, 0.33, 0.18),
        build=_chair,
        splats=2500,
        surface_height_m=0.45,
    ),
    Category(
        "sofa",
        (0.9, 0.85, 2.0),
        "static",
        (0.42, 0.48, 0.58),
        build=_sofa,
        splats=5000,
        surface_height_m=0.45,
        nouns=("couch", "settee", "loveseat"),
    ),
    Category(
        "bed",
        (2.08, 1.0, 1.66),
        "static",
        (0.45, 0.58, 0.78),
        build=_bed,
        splats=5000,
        surface_height_m=0.58,
    ),
    Category(
        "desk",
        (0.7, 0.75, 1.3),
        "static",
        (0.45, 0.3, 0.17),
        build=_desk,
        splats=4000,
        surface_height_m=0.75,
    ),
    Category(
        "bookshelf",
        (0.32, 1.8, 0.9),
        "static",
        (0.55, 0.38, 0.22),
        build=_bookshelf,
        splats=6000,
        nouns=("bookcase", "shelf"),
    ),
    Category(
        "wardrobe",
        (0.62, 2.0, 1.2),
        "static",
        (0.5, 0.34, 0.2),
        build=_wardrobe,
        splats=5000,
        nouns=("armoire", "closet", "cupboard"),
    ),
)
