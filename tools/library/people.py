"""People."""

from __future__ import annotations

import torch

from scenewright.tools.parts import (
    DARK,
    HAIR,
    SKIN,
    TROUSERS,
    WOOD,
    Box,
    Category,
    Decal,
    Ellipsoid,
    Part,
    Piece,
    Tube,
    Vary,
)

SNEAKER = (0.85, 0.85, 0.88)
JOINT = (0.25, 0.26, 0.3)  # a robot's dark joints, pelvis and claws
PANEL = (0.12, 0.14, 0.18)
GLOW = (0.3, 0.9, 1.0)  # a robot's visor and chest lights
LIGHT_RED = (1.0, 0.2, 0.15)
CHECK = (0.2, 0.12, 0.1)  # the dark lines of a plaid shirt
STRAW = (0.88, 0.74, 0.38)
SACK = (0.78, 0.66, 0.47)
HATBAND = (0.45, 0.2, 0.12)
DENIM = (0.25, 0.35, 0.55)


def _person(vary: Vary, attributes: list[str]) -> list[Part]:
    leg, head = 0.92 * vary(), 0.115 * vary()
    shoulder_y, hip_z = leg + 0.5, 0.095
    parts = [
        Part(
            "torso",
            (0.0, leg, 0.0),
            (
                Piece(Ellipsoid((0.0, leg + 0.27, 0.0), (0.12, 0.3, 0.19))),
                Piece(Ellipsoid((0.0, leg + 0.02, 0.0), (0.11, 0.11, 0.17)), TROUSERS, accent=True),
                Piece(Tube((0.0, shoulder_y, 0.0), (0.0, shoulder_y + 0.1, 0.0), 0.05, 0.045), SKIN),
            ),
        ),
        Part(
            "head",
            (0.0, shoulder_y + 0.08, 0.0),
            (
                Piece(Ellipsoid((0.01, shoulder_y + 0.2, 0.0), (0.1, head, 0.088)), SKIN),
                Piece(Ellipsoid((-0.012, shoulder_y + 0.235, 0.0), (0.1, 0.1, 0.093)), HAIR),
                *(
                    Piece(Ellipsoid((0.1, shoulder_y + 0.215, side * 0.035), (0.009, 0.011, 0.009)), DARK)
                    for side in (-1, 1)
                ),
            ),
        ),
    ]
    for side, suffix in ((-1, "l"), (1, "r")):
        shoulder = (0.0, shoulder_y - 0.04, side * 0.2)
        elbow = (0.01, shoulder_y - 0.32, side * 0.23)
        wrist = (0.03, shoulder_y - 0.56, side * 0.24)
        parts.append(
            Part(
                f"arm_{suffix}",
                shoulder,
                (
                    Piece(Tube(shoulder, elbow, 0.055, 0.045)),
                    Piece(Tube(elbow, wrist, 0.042, 0.035), SKIN),
                    Piece(Ellipsoid((wrist[0], wrist[1] - 0.05, wrist[2]), (0.03, 0.055, 0.022)), SKIN),
                ),
            )
        )
        hip = (0.0, leg, side * hip_z)
        ankle = (0.0, 0.09, side * hip_z)
        parts.append(
            Part(
                f"leg_{suffix}",
                hip,
                (
                    Piece(Tube(hip, ankle, 0.075, 0.05), TROUSERS, accent=True),
                    Piece(Ellipsoid((0.06, 0.045, side * hip_z), (0.13, 0.05, 0.055)), DARK),
                ),
            )
        )
    return parts


def _child(vary: Vary, attributes: list[str]) -> list[Part]:
    """A child: a person's parts with short legs, a short round torso and a big head."""
    leg, head = 0.5 * vary(), 0.105 * vary()
    shoulder_y, hip_z = leg + 0.36, 0.065
    parts = [
        Part(
            "torso",
            (0.0, leg, 0.0),
            (
                Piece(Ellipsoid((0.0, leg + 0.19, 0.0), (0.1, 0.21, 0.14))),
                Piece(Ellipsoid((0.0, leg + 0.02, 0.0), (0.09, 0.08, 0.12)), TROUSERS, accent=True),
                Piece(Tube((0.0, shoulder_y - 0.02, 0.0), (0.0, shoulder_y + 0.05, 0.0), 0.04, 0.037), SKIN),
            ),
        ),
        Part(
            "head",
            (0.0, shoulder_y + 0.03, 0.0),
            (
                Piece(Ellipsoid((0.01, shoulder_y + 0.14, 0.0), (0.1, head, 0.092)), SKIN),
                Piece(Ellipsoid((-0.015, shoulder_y + 0.18, 0.0), (0.1, 0.095, 0.097)), HAIR),
                *(
                    Piece(Ellipsoid((0.1, shoulder_y + 0.15, side * 0.036), (0.01, 0.013, 0.01)), DARK)
                    for side in (-1, 1)
                ),
            ),
        ),
    ]
    for side, suffix in ((-1, "l"), (1, "r")):
        shoulder = (0.0, shoulder_y - 0.03, side * 0.14)
        elbow = (0.01, shoulder_y - 0.21, side * 0.165)
        wrist = (0.02, shoulder_y - 0.37, side * 0.175)
        parts.append(
            Part(
                f"arm_{suffix}",
                shoulder,
                (
                    Piece(Tube(shoulder, elbow, 0.042, 0.035)),
                    Piece(Tube(elbow, wrist, 0.032, 0.027), SKIN),
                    Piece(Ellipsoid((wrist[0], wrist[1] - 0.035, wrist[2]), (0.024, 0.04, 0.018)), SKIN),
                ),
            )
        )
        hip = (0.0, leg, side * hip_z)
        ankle = (0.0, 0.07, side * hip_z)
        parts.append(
            Part(
                f"leg_{suffix}",
                hip,
                (
                    Piece(Tube(hip, ankle, 0.058, 0.04), TROUSERS, accent=True),
                    Piece(Ellipsoid((0.045, 0.035, side * hip_z), (0.09, 0.04, 0.045)), SNEAKER),
                ),
            )
        )
    return parts


def _robot(vary: Vary, attributes: list[str]) -> list[Part]:
    """A boxy metal robot: box torso with a lit chest panel, box head with a glowing visor and an antenna,
    tube limbs on ball joints, claw hands and block feet."""
    leg, head = 0.8 * vary(), 0.28 * vary()
    shoulder_y, hip_z = leg + 0.55, 0.11
    chest = (
        Decal((0.1, leg + 0.3, -0.12), (0.2, leg + 0.45, 0.12), PANEL),
        *(
            Decal((0.1, leg + 0.34, z - 0.025), (0.2, leg + 0.39, z + 0.025), GLOW)
            for z in (-0.06, 0.0, 0.06)
        ),
    )
    head_y = shoulder_y + 0.08 + head / 2
    parts = [
        Part(
            "torso",
            (0.0, leg, 0.0),
            (
                Piece(Box((0.0, leg + 0.32, 0.0), (0.3, 0.5, 0.42)), decals=chest),
                Piece(Box((0.0, leg + 0.03, 0.0), (0.24, 0.1, 0.3)), JOINT, accent=True),
                Piece(Tube((0.0, shoulder_y - 0.02, 0.0), (0.0, shoulder_y + 0.09, 0.0), 0.05, 0.05), JOINT),
            ),
        ),
        Part(
            "head",
            (0.0, shoulder_y + 0.08, 0.0),
            (
                Piece(
                    Box((0.0, head_y, 0.0), (0.26, head, 0.28)),
                    decals=(Decal((0.1, head_y, -0.1), (0.2, head_y + 0.06, 0.1), GLOW),),
                ),
                *(
                    Piece(Tube((0.0, head_y, s * 0.14), (0.0, head_y, s * 0.17), 0.04, 0.04), JOINT)
                    for s in (-1, 1)
                ),
                Piece(
                    Tube((0.0, head_y + head / 2, 0.0), (0.0, head_y + head / 2 + 0.12, 0.0), 0.008, 0.008),
                    JOINT,
                ),
                Piece(Ellipsoid((0.0, head_y + head / 2 + 0.13, 0.0), (0.02, 0.02, 0.02)), LIGHT_RED),
            ),
        ),
    ]
    for side, suffix in ((-1, "l"), (1, "r")):
        shoulder = (0.0, shoulder_y - 0.05, side * 0.26)
        elbow = (0.0, shoulder_y - 0.33, side * 0.28)
        wrist = (0.02, shoulder_y - 0.58, side * 0.29)
        parts.append(
            Part(
                f"arm_{suffix}",
                shoulder,
                (
                    Piece(Ellipsoid(shoulder, (0.06, 0.06, 0.06)), JOINT),
                    Piece(Tube(shoulder, elbow, 0.045, 0.045)),
                    Piece(Ellipsoid(elbow, (0.045, 0.045, 0.045)), JOINT),
                    Piece(Tube(elbow, wrist, 0.04, 0.04)),
                    *(
                        Piece(Box((wrist[0] + dx, wrist[1] - 0.05, wrist[2]), (0.025, 0.09, 0.05)), JOINT)
                        for dx in (-0.03, 0.03)
                    ),
                ),
            )
        )
        hip = (0.0, leg, side * hip_z)
        knee = (0.0, leg / 2, side * hip_z)
        parts.append(
            Part(
                f"leg_{suffix}",
                hip,
                (
                    Piece(Box((0.0, 0.75 * leg, side * hip_z), (0.12, 0.5 * leg, 0.12))),
                    Piece(Ellipsoid(knee, (0.055, 0.055, 0.055)), JOINT),
                    Piece(Box((0.0, 0.27 * leg, side * hip_z), (0.11, 0.45 * leg, 0.11))),
                    Piece(Box((0.04, 0.03, side * hip_z), (0.22, 0.06, 0.13)), JOINT),
                ),
            )
        )
    return parts


def _scarecrow(vary: Vary, attributes: list[str]) -> list[Part]:
    """A scarecrow on a pole: plaid shirt with arms stretched out and straw at the cuffs, trousers hanging
    clear of the ground, a stitched sack head under a wide straw hat."""
    hip_y, hip_z = 0.95 * vary(), 0.1
    shoulder_y = hip_y + 0.5
    head_y = shoulder_y + 0.17
    plaid = tuple(
        Decal((-0.3, y, -0.4), (0.3, y + 0.025, 0.4), CHECK)
        for y in torch.arange(hip_y + 0.08, shoulder_y, 0.14).tolist()
    ) + tuple(
        Decal((-0.3, hip_y - 0.1, z), (0.3, shoulder_y + 0.1, z + 0.025), CHECK) for z in (-0.12, 0.0, 0.12)
    )
    parts = [
        Part(
            "torso",
            (0.0, hip_y, 0.0),
            (
                Piece(Tube((-0.06, 0.0, 0.0), (-0.06, head_y, 0.0), 0.035, 0.035), WOOD),  # the pole
                Piece(
                    Tube((-0.02, shoulder_y - 0.03, -0.72), (-0.02, shoulder_y - 0.03, 0.72), 0.025, 0.025),
                    WOOD,
                ),
                Piece(Ellipsoid((0.0, hip_y + 0.24, 0.0), (0.15, 0.33, 0.22)), decals=plaid),
                Piece(Tube((0.0, shoulder_y - 0.02, 0.0), (0.0, shoulder_y + 0.07, 0.0), 0.05, 0.05), STRAW),
            ),
        ),
        Part(
            "head",
            (0.0, shoulder_y + 0.05, 0.0),
            (
                Piece(Ellipsoid((0.0, head_y, 0.0), (0.11, 0.13, 0.11)), SACK),
                *(
                    Piece(Ellipsoid((0.1, head_y + 0.03, s * 0.04), (0.012, 0.016, 0.016)), DARK)
                    for s in (-1, 1)
                ),
                Piece(Ellipsoid((0.1, head_y - 0.05, 0.0), (0.008, 0.006, 0.05)), DARK),  # stitched mouth
                Piece(Tube((0.0, head_y + 0.06, 0.0), (0.0, head_y + 0.08, 0.0), 0.27, 0.27), STRAW),  # brim
                Piece(Tube((0.0, head_y + 0.08, 0.0), (0.0, head_y + 0.22, 0.0), 0.13, 0.1), STRAW),  # crown
                Piece(Tube((0.0, head_y + 0.08, 0.0), (0.0, head_y + 0.11, 0.0), 0.132, 0.13), HATBAND),
            ),
        ),
    ]
    for side, suffix in ((-1, "l"), (1, "r")):
        shoulder = (0.0, shoulder_y - 0.03, side * 0.16)
        cuff = (0.0, shoulder_y - 0.05, side * 0.62)
        straw = tuple(
            Piece(Tube(cuff, (dx, cuff[1] + dy, side * 0.76), 0.02, 0.004), STRAW)
            for dx, dy in ((0.0, 0.0), (0.03, -0.05), (-0.03, -0.04), (0.02, 0.04))
        )
        parts.append(Part(f"arm_{suffix}", shoulder, (Piece(Tube(shoulder, cuff, 0.065, 0.055)), *straw)))
        hip = (0.0, hip_y, side * hip_z)
        ankle = (0.02, 0.42, side * (hip_z + 0.02))
        tufts = tuple(
            Piece(Tube(ankle, (ankle[0] + dx, 0.33, ankle[2] + dz), 0.02, 0.004), STRAW)
            for dx, dz in ((0.03, 0.0), (-0.02, 0.02), (0.0, -0.02))
        )
        parts.append(
            Part(f"leg_{suffix}", hip, (Piece(Tube(hip, ankle, 0.07, 0.06), DENIM, accent=True), *tufts))
        )
    return parts


CATEGORIES: tuple[Category, ...] = (
    Category("person", (0.35, 1.7, 0.5), "biped", (0.25, 0.35, 0.6), build=_person, splats=3500),
    Category(
        "child", (0.25, 1.15, 0.38), "biped", (0.85, 0.3, 0.25), build=_child, splats=3000, nouns=("kid",)
    ),
    Category(
        "robot", (0.3, 1.65, 0.64), "biped", (0.62, 0.63, 0.66), build=_robot, splats=3500, nouns=("android",)
    ),
    Category("scarecrow", (0.55, 1.95, 1.55), "biped", (0.7, 0.22, 0.18), build=_scarecrow, splats=3500),
)
