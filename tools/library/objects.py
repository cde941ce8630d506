"""Everyday objects, and the generic stand-in for nouns with no category."""

from __future__ import annotations

import math

from scenewright.tools.parts import DARK, Box, Category, Ellipsoid, Part, Piece, Torus, Vary


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


CATEGORIES = (
    Category("ball", (0.3, 0.3, 0.3), "ball", (0.9, 0.9, 0.9), build=_ball, splats=1500),
    Category("generic", (0.6, 0.6, 0.6), "static", (0.6, 0.6, 0.6), build=_generic, splats=3000),
)
