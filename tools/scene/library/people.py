"""People."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from scenewright.tools.scene.parts import (
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
    Vec,
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


@dataclass(frozen=True)
class Body:
    """A human body's proportions, metres. Heights with `_dy` are above the hips (torso) or the shoulders
    (neck, head, eyes, arm joints); the rest are absolute. (x, y, z) triples are radii or offsets."""

    leg: float  # hip height, before the per-instance variation
    head: float  # head half-height, before the variation
    shoulder: float  # shoulder height above the hips
    hip_z: float  # half the distance between the hips
    torso_dy: float
    torso: Vec
    pelvis: Vec
    neck_dy: tuple[float, float]  # the neck tube's ends
    neck: tuple[float, float]  # its radii
    head_pivot_dy: float
    head_dy: float
    head_xz: tuple[float, float]
    hair: tuple[float, float, Vec]  # x, dy, radii
    eye_dy: float
    eye_z: float
    eye: Vec
    shoulder_joint: tuple[float, float]  # dy, z
    elbow: Vec  # x, dy, z
    wrist: Vec
    upper_arm: tuple[float, float]
    forearm: tuple[float, float]
    hand_dy: float
    hand: Vec
    ankle_y: float
    thigh: tuple[float, float]
    foot: tuple[float, float, Vec]  # x, y, radii
    shoe: Vec  # colour


ADULT = Body(
    leg=0.92, head=0.115, shoulder=0.5, hip_z=0.095, torso_dy=0.27, torso=(0.12, 0.3, 0.19),
    pelvis=(0.11, 0.11, 0.17), neck_dy=(0.0, 0.1), neck=(0.05, 0.045), head_pivot_dy=0.08, head_dy=0.2,
    head_xz=(0.1, 0.088), hair=(-0.012, 0.235, (0.1, 0.1, 0.093)), eye_dy=0.215, eye_z=0.035,
    eye=(0.009, 0.011, 0.009), shoulder_joint=(-0.04, 0.2), elbow=(0.01, -0.32, 0.23),
    wrist=(0.03, -0.56, 0.24), upper_arm=(0.055, 0.045), forearm=(0.042, 0.035), hand_dy=0.05,
    hand=(0.03, 0.055, 0.022), ankle_y=0.09, thigh=(0.075, 0.05), foot=(0.06, 0.045, (0.13, 0.05, 0.055)),
    shoe=DARK,
)  # fmt: skip
CHILD = Body(  # short legs, a short round torso and a big head
    leg=0.5, head=0.105, shoulder=0.36, hip_z=0.065, torso_dy=0.19, torso=(0.1, 0.21, 0.14),
    pelvis=(0.09, 0.08, 0.12), neck_dy=(-0.02, 0.05), neck=(0.04, 0.037), head_pivot_dy=0.03, head_dy=0.14,
    head_xz=(0.1, 0.092), hair=(-0.015, 0.18, (0.1, 0.095, 0.097)), eye_dy=0.15, eye_z=0.036,
    eye=(0.01, 0.013, 0.01), shoulder_joint=(-0.03, 0.14), elbow=(0.01, -0.21, 0.165),
    wrist=(0.02, -0.37, 0.175), upper_arm=(0.042, 0.035), forearm=(0.032, 0.027), hand_dy=0.035,
    hand=(0.024, 0.04, 0.018), ankle_y=0.07, thigh=(0.058, 0.04), foot=(0.045, 0.035, (0.09, 0.04, 0.045)),
    shoe=SNEAKER,
)  # fmt: skip


KNEE = 0.48
"""How far up from the ankle to the hip the knee is."""


def _body(body: Body, vary: Vary) -> list[Part]:
    """A person with these proportions as a jointed biped: torso (the root, turning about the hip centre),
    head, upper arms, forearms with the hands, thighs, and shins with the feet. A ball at each elbow and knee
    keeps the limb closed when it bends."""
    leg, head = body.leg * vary(), body.head * vary()
    shoulder_y, hip_z = leg + body.shoulder, body.hip_z
    hair_x, hair_dy, hair = body.hair
    parts = [
        Part(
            "torso",
            (0.0, leg, 0.0),
            (
                Piece(Ellipsoid((0.0, leg + body.torso_dy, 0.0), body.torso)),
                Piece(Ellipsoid((0.0, leg + 0.02, 0.0), body.pelvis), TROUSERS, accent=True),
                Piece(
                    Tube(
                        (0.0, shoulder_y + body.neck_dy[0], 0.0),
                        (0.0, shoulder_y + body.neck_dy[1], 0.0),
                        *body.neck,
                    ),
                    SKIN,
                ),
            ),
        ),
        Part(
            "head",
            (0.0, shoulder_y + body.head_pivot_dy, 0.0),
            (
                Piece(
                    Ellipsoid(
                        (0.01, shoulder_y + body.head_dy, 0.0), (body.head_xz[0], head, body.head_xz[1])
                    ),
                    SKIN,
                ),
                Piece(Ellipsoid((hair_x, shoulder_y + hair_dy, 0.0), hair), HAIR),
                *(
                    Piece(Ellipsoid((0.1, shoulder_y + body.eye_dy, side * body.eye_z), body.eye), DARK)
                    for side in (-1, 1)
                ),
            ),
            "torso",
        ),
    ]
    foot_x, foot_y, foot = body.foot
    thigh_r, ankle_r = body.thigh
    knee_r = ankle_r + KNEE * (thigh_r - ankle_r)
    for side, suffix in ((-1, "l"), (1, "r")):
        shoulder = (0.0, shoulder_y + body.shoulder_joint[0], side * body.shoulder_joint[1])
        elbow = (body.elbow[0], shoulder_y + body.elbow[1], side * body.elbow[2])
        wrist = (body.wrist[0], shoulder_y + body.wrist[1], side * body.wrist[2])
        elbow_r = body.upper_arm[1]
        hip = (0.0, leg, side * hip_z)
        ankle = (0.0, body.ankle_y, side * hip_z)
        knee = (0.0, body.ankle_y + KNEE * (leg - body.ankle_y), side * hip_z)
        parts += [
            Part(
                f"arm_{suffix}",
                shoulder,
                (Piece(Tube(shoulder, elbow, *body.upper_arm, caps=False)),),
                "torso",
            ),
            Part(
                f"forearm_{suffix}",
                elbow,
                (
                    Piece(Ellipsoid(elbow, (elbow_r, elbow_r, elbow_r))),
                    Piece(Tube(elbow, wrist, *body.forearm, caps=False), SKIN),
                    Piece(Ellipsoid((wrist[0], wrist[1] - body.hand_dy, wrist[2]), body.hand), SKIN),
                ),
                f"arm_{suffix}",
            ),
            Part(
                f"leg_{suffix}",
                hip,
                (Piece(Tube(hip, knee, thigh_r, knee_r, caps=False), TROUSERS, accent=True),),
                "torso",
            ),
            Part(
                f"shin_{suffix}",
                knee,
                (
                    Piece(Ellipsoid(knee, (knee_r, knee_r, knee_r)), TROUSERS, accent=True),
                    Piece(Tube(knee, ankle, knee_r, ankle_r, caps=False), TROUSERS, accent=True),
                    Piece(Ellipsoid((foot_x, foot_y, side * hip_z), foot), body.shoe),
                ),
                f"leg_{suffix}",
            ),
        ]
    return parts


def _person(vary: Vary, attributes: list[str]) -> list[Part]:
    return _body(ADULT, vary)


def _child(vary: Vary, attributes: list[str]) -> list[Part]:
    return _body(CHILD, vary)


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
            "torso",
        ),
    ]
    for side, suffix in ((-1, "l"), (1, "r")):
        shoulder = (0.0, shoulder_y - 0.05, side * 0.26)
        elbow = (0.0, shoulder_y - 0.33, side * 0.28)
        wrist = (0.02, shoulder_y - 0.58, side * 0.29)
        hip = (0.0, leg, side * hip_z)
        knee = (0.0, leg / 2, side * hip_z)
        claws = tuple(
            Piece(Box((wrist[0] + dx, wrist[1] - 0.05, wrist[2]), (0.025, 0.09, 0.05)), JOINT)
            for dx in (-0.03, 0.03)
        )
        parts += [
            Part(
                f"arm_{suffix}",
                shoulder,
                (
                    Piece(Ellipsoid(shoulder, (0.06, 0.06, 0.06)), JOINT),
                    Piece(Tube(shoulder, elbow, 0.045, 0.045)),
                ),
                "torso",
            ),
            Part(
                f"forearm_{suffix}",
                elbow,
                (
                    Piece(Ellipsoid(elbow, (0.045, 0.045, 0.045)), JOINT),
                    Piece(Tube(elbow, wrist, 0.04, 0.04)),
                    *claws,
                ),
                f"arm_{suffix}",
            ),
            Part(
                f"leg_{suffix}",
                hip,
                (Piece(Box((0.0, 0.75 * leg, side * hip_z), (0.12, 0.5 * leg, 0.12))),),
                "torso",
            ),
            Part(
                f"shin_{suffix}",
                knee,
                (
                    Piece(Ellipsoid(knee, (0.055, 0.055, 0.055)), JOINT),
                    Piece(Box((0.0, 0.27 * leg, side * hip_z), (0.11, 0.45 * leg, 0.11))),
                    Piece(Box((0.04, 0.03, side * hip_z), (0.22, 0.06, 0.13)), JOINT),
                ),
                f"leg_{suffix}",
            ),
        ]
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
