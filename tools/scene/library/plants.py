"""Plants."""

from __future__ import annotations

import math

import torch

from scenewright.schema import vec3
from scenewright.tools.scene.parts import (
    BARK,
    LEAF,
    WHITE,
    Box,
    Category,
    Ellipsoid,
    Part,
    Piece,
    Tube,
    Vary,
    Vec,
)

POLLEN = (0.95, 0.8, 0.15)
RIB = (0.2, 0.4, 0.17)  # the shaded grooves of a cactus
TERRACOTTA = (0.72, 0.38, 0.22)
SOIL = (0.22, 0.15, 0.1)
STEM = (0.93, 0.9, 0.82)  # a mushroom's stalk
GILLS = (0.85, 0.78, 0.65)


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


def _blossoms(spots: list[Vec], radius: float, rgb: Vec) -> tuple[Piece, ...]:
    """Small flowers: a flattened bloom with a yellow heart at each spot."""
    return tuple(
        piece
        for x, y, z in spots
        for piece in (
            Piece(Ellipsoid((x, y, z), (radius, 0.6 * radius, radius)), rgb),
            Piece(Ellipsoid((x, y + 0.4 * radius, z), (0.4 * radius, 0.4 * radius, 0.4 * radius)), POLLEN),
        )
    )


def _bush(vary: Vary, attributes: list[str]) -> list[Part]:
    """A heap of leafy lumps on a few short stems; a box if 'square' or 'trimmed', a ball if 'round';
    pink blossoms if 'flowering'."""
    height = 1.2 * vary()
    stems = tuple(
        Piece(Tube((0.12 * dx, 0.0, 0.12 * dz), (0.3 * dx, 0.35, 0.3 * dz), 0.04, 0.025), BARK)
        for dx, dz in ((1, 0), (-0.5, 0.87), (-0.5, -0.87))
    )
    if any(word in attributes for word in ("square", "trimmed", "boxy", "clipped", "topiary")):
        foliage: tuple[Piece, ...] = (Piece(Box((0.0, 0.1 + height / 2, 0.0), (1.4, height - 0.1, 1.4))),)
    elif "round" in attributes:
        foliage = (Piece(Ellipsoid((0.0, height / 2 + 0.05, 0.0), (0.72, height / 2, 0.72))),)
    else:
        lumps = (
            ((0.0, 0.62, 0.0), (0.62, 0.55, 0.62)),
            ((0.42, 0.45, 0.25), (0.4, 0.4, 0.4)),
            ((-0.4, 0.48, 0.3), (0.42, 0.42, 0.42)),
            ((0.1, 0.45, -0.45), (0.4, 0.38, 0.4)),
            ((-0.35, 0.42, -0.3), (0.38, 0.36, 0.38)),
            ((0.25, 0.8, -0.1), (0.38, 0.38, 0.38)),
            ((-0.15, 0.85, 0.2), (0.36, 0.36, 0.36)),
        )
        foliage = tuple(
            Piece(Ellipsoid((x, y * height / 1.2, z), vec3(r * vary() for r in radii)))
            for (x, y, z), radii in lumps
        )
    if any(word in attributes for word in ("flowering", "blooming", "rose", "flowery")):
        spots = [(0.6, 0.7, 0.2), (-0.3, 0.95, 0.5), (0.2, 1.05, -0.3), (-0.55, 0.6, -0.35), (0.35, 0.5, 0.6)]
        foliage += _blossoms([(x, y * height / 1.2, z) for x, y, z in spots], 0.09, (0.9, 0.3, 0.45))
    return [
        Part("stems", (0.0, 0.0, 0.0), stems),
        Part("foliage", (0.0, 0.35, 0.0), foliage, parent="stems"),
    ]


def _ribbed(start: Vec, end: Vec, radius: float, ribs: int) -> tuple[Piece, ...]:
    """A cactus stem: a column with a domed top and darker ribs running up it."""
    x, y, z = end
    column = (
        Piece(Tube(start, end, radius, radius, caps=False)),
        Piece(Ellipsoid(end, (radius, 0.8 * radius, radius), cut_below=0.0)),
    )
    return column + tuple(
        Piece(
            Tube(
                (start[0] + radius * math.cos(a), start[1], start[2] + radius * math.sin(a)),
                (x + radius * math.cos(a), y, z + radius * math.sin(a)),
                0.08 * radius,
                0.08 * radius,
                caps=False,
            ),
            RIB,
            accent=True,
        )
        for a in torch.linspace(0, math.tau, ribs + 1)[:-1].tolist()
    )


def _cactus(vary: Vary, attributes: list[str]) -> list[Part]:
    """A saguaro: a ribbed column with two arms that bend upwards; pink flowers on top if 'flowering'."""
    height, r = 1.7 * vary(), 0.16
    parts = [Part("trunk", (0.0, 0.0, 0.0), _ribbed((0.0, 0.0, 0.0), (0.0, height, 0.0), r, 8))]
    # The arms spread along x, so a still cactus (seen from +z) shows its silhouette.
    for side, suffix, low, high in ((-1, "b", 0.55, 1.15), (1, "f", 0.8, 1.4)):
        root = (side * 0.5 * r, low * vary(), 0.0)
        elbow = (side * 0.42, root[1] + 0.08, 0.0)
        arm_r = 0.68 * r
        pieces = (
            Piece(Tube(root, elbow, arm_r, arm_r, caps=False)),
            Piece(Ellipsoid(elbow, (arm_r, arm_r, arm_r))),
            *_ribbed(elbow, (side * 0.42, high, 0.0), arm_r, 6),
        )
        parts.append(Part(f"branch_{suffix}", root, pieces, parent="trunk"))
    if any(word in attributes for word in ("flowering", "blooming")):
        parts.append(
            Part(
                "flowers",
                (0.0, height, 0.0),
                _blossoms([(0.0, height + 0.13, 0.0), (0.06, height + 0.08, 0.09)], 0.05, (0.95, 0.4, 0.6)),
                parent="trunk",
            )
        )
    return parts


def _potted_plant(vary: Vary, attributes: list[str]) -> list[Part]:
    """A terracotta pot with a rim and soil, a fountain of long leaves arching out of it."""
    pot_h, pot_r = 0.3 * vary(), 0.15
    pot = (
        Piece(Tube((0.0, 0.0, 0.0), (0.0, pot_h, 0.0), 0.7 * pot_r, pot_r), TERRACOTTA, accent=True),
        Piece(
            Tube((0.0, pot_h - 0.05, 0.0), (0.0, pot_h + 0.01, 0.0), pot_r + 0.02, pot_r + 0.02),
            TERRACOTTA,
            accent=True,
        ),
        Piece(Ellipsoid((0.0, pot_h - 0.01, 0.0), (pot_r, 0.01, pot_r)), SOIL),
    )
    leaves = []
    for k, a in enumerate(torch.linspace(0, math.tau, 12)[:-1].tolist()):
        rise = 0.9 if k % 2 else 0.5  # every other leaf stands up, the rest arch out
        length = 0.2 * vary()
        leaves.append(
            Piece(
                Ellipsoid(
                    (
                        length * math.cos(rise) * math.cos(a),
                        pot_h + 0.02 + length * math.sin(rise),
                        -length * math.cos(rise) * math.sin(a),
                    ),
                    (length, 0.01, 0.055),
                    yaw=a,
                    pitch=rise,
                )
            )
        )
    leaves.append(Piece(Ellipsoid((0.0, pot_h + 0.2, 0.0), (0.05, 0.2, 0.05))))
    return [
        Part("pot", (0.0, 0.0, 0.0), pot),
        Part("leaves", (0.0, pot_h, 0.0), tuple(leaves), parent="pot"),
    ]


def _mushroom(vary: Vary, attributes: list[str]) -> list[Part]:
    """A pale stem under a domed cap with gills beneath and white spots on top."""
    stem_h, cap_r = 0.09 * vary(), 0.07 * vary()
    cap_h = (0.025 if "flat" in attributes else 0.05) * vary()
    spots = tuple(
        Piece(
            Ellipsoid(
                (
                    cap_r * math.sin(t) * math.cos(a),
                    stem_h + cap_h * math.cos(t),
                    cap_r * math.sin(t) * math.sin(a),
                ),
                (0.009, 0.009, 0.009),
            ),
            WHITE,
        )
        for t, a in (
            (0.0, 0.0),
            (0.7, 0.4),
            (0.8, 2.0),
            (0.75, 3.4),
            (0.7, 4.9),
            (1.2, 1.2),
            (1.15, 2.8),
            (1.2, 4.2),
            (1.15, 5.6),
        )
    )
    return [
        Part(
            "stem",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, stem_h, 0.0), 0.022, 0.017), STEM),
                Piece(Ellipsoid((0.0, 0.012, 0.0), (0.026, 0.014, 0.026)), STEM),
            ),
        ),
        Part(
            "cap",
            (0.0, stem_h, 0.0),
            (
                Piece(Ellipsoid((0.0, stem_h, 0.0), (cap_r, cap_h, cap_r), cut_below=0.0)),
                Piece(
                    Ellipsoid((0.0, stem_h, 0.0), (0.97 * cap_r, 0.006, 0.97 * cap_r), cut_above=0.0), GILLS
                ),
                *spots,
            ),
            parent="stem",
        ),
    ]


def _lily_pad(vary: Vary, attributes: list[str]) -> list[Part]:
    """A flat round leaf with a wedge-shaped notch: two overlapping half discs."""
    r, notch = 0.15 * vary(), 0.5
    # A half disc: an ellipsoid pitched so its local y lies along -x, cut at local y = 0, then turned so
    # the two halves cover all but the notch at +x.
    halves = tuple(
        Piece(Ellipsoid((0.0, 0.008, 0.0), (0.006, r, r), yaw=yaw, pitch=math.pi / 2, cut_below=0.0))
        for yaw in (notch / 2 - math.pi / 2, math.pi / 2 - notch / 2)
    )
    return [Part("leaf", (0.0, 0.0, 0.0), halves)]


CATEGORIES: tuple[Category, ...] = (
    Category("tree", (3.0, 5.0, 3.0), "static", (0.2, 0.5, 0.18), build=_tree, splats=5000),
    Category("flower", (0.15, 0.4, 0.15), "static", (0.9, 0.2, 0.4), build=_flower, splats=1500),
    Category(
        "bush", (1.6, 1.2, 1.6), "static", (0.22, 0.45, 0.17), build=_bush, splats=3500, nouns=("shrub",)
    ),
    Category(
        "cactus",
        (1.05, 1.85, 0.55),
        "static",
        (0.3, 0.55, 0.25),
        build=_cactus,
        splats=3500,
        nouns=("saguaro",),
    ),
    Category(
        "potted plant",
        (0.55, 0.75, 0.55),
        "static",
        (0.25, 0.55, 0.2),
        build=_potted_plant,
        splats=2500,
        nouns=("plant", "houseplant"),
    ),
    Category(
        "mushroom",
        (0.14, 0.14, 0.14),
        "static",
        (0.8, 0.12, 0.1),
        build=_mushroom,
        splats=2000,
        nouns=("toadstool",),
    ),
    Category(
        "lily pad", (0.3, 0.02, 0.3), "static", (0.3, 0.55, 0.2), build=_lily_pad, splats=1500, floats=True
    ),
)
