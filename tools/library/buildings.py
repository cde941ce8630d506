"""Buildings."""

from __future__ import annotations

from scenewright.tools.parts import GLASS, Box, Category, Decal, Part, Piece, Vary


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


CATEGORIES = (Category("house", (8.0, 6.0, 7.0), "static", (0.85, 0.78, 0.65), build=_house, splats=8000),)
