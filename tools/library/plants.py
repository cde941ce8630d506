"""Plants."""

from __future__ import annotations

import math

import torch

from scenewright.schema import vec3
from scenewright.tools.parts import BARK, LEAF, Category, Ellipsoid, Part, Piece, Tube, Vary


def _tree(vary: Vary, attributes: list[str]) -> list[Part]:
    conifer = any(word in attributes for word in ("pine", "fir", "spruce", "conifer", "christmas"))
    trunk_h = (1.6 if conifer else 2.2) * vary()
    trunk = Part(
        "trunk", (0.0, 0.0, 0.0), (Piece(Tube((0.0, 0.0, 0.0), (0.0, trunk_h + 0.5, 0.0), 0.2, 0.12), BARK),)
    )
    if conifer:  # stacked cones
        tiers = tuple(
            Piece(
                Tube(
                    (0.0, trunk_h - 0.6 + 1.1 * k, 0.0),
                    (0.0, trunk_h + 1.3 + 1.0 * k, 0.0),
                    1.5 - 0.35 * k,
                    0.02,
                )
            )
            for k in range(3)
        )
        return [trunk, Part("crown", (0.0, trunk_h, 0.0), tiers)]
    lumps = [
        ((0.0, 3.35, 0.0), (1.35, 1.45, 1.35)),
        ((0.6, 3.0, 0.55), (0.85, 0.8, 0.85)),
        ((-0.65, 3.05, 0.3), (0.8, 0.8, 0.8)),
        ((0.1, 3.1, -0.7), (0.8, 0.75, 0.8)),
        ((-0.2, 4.1, -0.1), (0.8, 0.8, 0.8)),
    ]
    crown = tuple(Piece(Ellipsoid(c, vec3(r * vary() for r in radii))) for c, radii in lumps)
    return [trunk, Part("crown", (0.0, trunk_h, 0.0), crown)]


def _flower(vary: Vary, attributes: list[str]) -> list[Part]:
    stem_h = 0.33 * vary()
    head_y = stem_h + 0.02
    petals = tuple(
        Piece(
            Ellipsoid(
                (0.045 * math.cos(a), head_y, -0.045 * math.sin(a)), (0.04, 0.006, 0.02), yaw=a, pitch=0.35
            )
        )
        for a in torch.linspace(0, math.tau, 8)[:-1].tolist()
    )
    return [
        Part(
            "stem",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, stem_h, 0.0), 0.006, 0.005), LEAF),
                *(
                    Piece(
                        Ellipsoid(
                            (0.0, 0.1 + 0.07 * k, side * 0.035), (0.012, 0.004, 0.035), pitch=0.0, yaw=0.0
                        ),
                        LEAF,
                    )
                    for k, side in ((0, -1), (1, 1))
                ),
            ),
        ),
        Part(
            "blossom",
            (0.0, head_y, 0.0),
            (*petals, Piece(Ellipsoid((0.0, head_y + 0.01, 0.0), (0.02, 0.012, 0.02)), (0.95, 0.8, 0.15))),
        ),
    ]


CATEGORIES = (
    Category("tree", (3.0, 5.0, 3.0), "static", (0.2, 0.5, 0.18), build=_tree, splats=5000),
    Category("flower", (0.15, 0.4, 0.15), "static", (0.9, 0.2, 0.4), build=_flower, splats=1500),
)
