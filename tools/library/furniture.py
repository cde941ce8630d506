"""Furniture: things with a surface to stand things on."""

from __future__ import annotations

from scenewright.tools.parts import Box, Category, Part, Piece, Vary


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


CATEGORIES = (
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
)
