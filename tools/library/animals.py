"""Animals: four-legged ones from one parametrised body, and birds."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from scenewright.schema import vec3
from scenewright.tools.parts import DARK, Category, Ellipsoid, Part, Piece, Tube, Vary, Vec


@dataclass(frozen=True)
class QuadrupedShape:
    """Proportions of a four-legged animal, metres."""

    body: Vec  # body ellipsoid radii
    leg_height: float  # ground to the body's centre line
    leg_radius: float
    neck: tuple[Vec, Vec]  # from the body to the head, (x, y, z) both
    head: Vec  # head ellipsoid radii
    snout: float  # snout length
    head_pitch: float  # radians, negative points the head down
    ear: tuple[float, float, float]  # tip offset forward, tip offset up (negative: floppy), base radius
    tail: tuple[Vec, Vec]
    tail_radius: float


DOG = QuadrupedShape(
    body=(0.28, 0.12, 0.12),
    leg_height=0.34,
    leg_radius=0.04,
    neck=((0.22, 0.38, 0.0), (0.3, 0.47, 0.0)),
    head=(0.1, 0.085, 0.08),
    snout=0.1,
    head_pitch=-0.15,
    ear=(-0.01, -0.08, 0.035),
    tail=((-0.27, 0.4, 0.0), (-0.45, 0.52, 0.0)),
    tail_radius=0.025,
)


CAT = QuadrupedShape(
    body=(0.16, 0.07, 0.07),
    leg_height=0.16,
    leg_radius=0.02,
    neck=((0.13, 0.19, 0.0), (0.17, 0.23, 0.0)),
    head=(0.06, 0.055, 0.058),
    snout=0.025,
    head_pitch=0.0,
    ear=(-0.005, 0.05, 0.025),
    tail=((-0.15, 0.19, 0.0), (-0.26, 0.31, 0.0)),
    tail_radius=0.014,
)


HORSE = QuadrupedShape(
    body=(0.68, 0.3, 0.27),
    leg_height=1.08,
    leg_radius=0.085,
    neck=((0.5, 1.18, 0.0), (0.82, 1.55, 0.0)),
    head=(0.16, 0.13, 0.11),
    snout=0.32,
    head_pitch=-0.9,
    ear=(0.0, 0.12, 0.04),
    tail=((-0.68, 1.25, 0.0), (-0.9, 0.75, 0.0)),
    tail_radius=0.07,
)


def _quadruped(shape: QuadrupedShape, mane: Vec | None) -> Callable[[Vary, list[str]], list[Part]]:
    """A builder for dog, cat and horse: ellipsoid body, tube legs, neck, head with snout and ears, tail."""

    def build(vary: Vary, attributes: list[str]) -> list[Part]:
        rx, ry, rz = shape.body
        body_y = shape.leg_height * vary()
        leg_top = body_y - 0.3 * ry
        neck_start, neck_end = shape.neck
        hx, hy, hz = shape.head
        head_c = (neck_end[0] + 0.4 * hx, neck_end[1] + 0.5 * hy, 0.0)
        aim = (math.cos(shape.head_pitch), math.sin(shape.head_pitch))
        snout_c = (
            head_c[0] + aim[0] * (hx + 0.3 * shape.snout),
            head_c[1] + aim[1] * (hx + 0.3 * shape.snout),
            0.0,
        )
        nose_c = (snout_c[0] + aim[0] * 0.55 * shape.snout, snout_c[1] + aim[1] * 0.55 * shape.snout, 0.0)
        eye_r = 0.12 * hy
        head = [
            Piece(Ellipsoid(head_c, (hx, hy, hz), pitch=shape.head_pitch)),
            Piece(
                Ellipsoid(snout_c, (0.6 * shape.snout + 0.02, 0.55 * hy, 0.6 * hz), pitch=shape.head_pitch)
            ),
            Piece(Ellipsoid(nose_c, (0.25 * hz, 0.2 * hy, 0.3 * hz)), DARK),
        ]
        for side in (-1, 1):
            eye = (head_c[0] + 0.55 * hx * aim[0], head_c[1] + 0.3 * hy, side * 0.62 * hz)
            head.append(Piece(Ellipsoid(eye, (eye_r, eye_r, eye_r)), DARK))
            forward, up, radius = shape.ear
            ear_base = (head_c[0] - 0.3 * hx, head_c[1] + 0.75 * hy, side * 0.5 * hz)
            outward = 0.3 * radius if up > 0 else 1.6 * radius  # floppy ears hang beside the head
            ear_tip = (ear_base[0] + forward, ear_base[1] + up, ear_base[2] + side * outward)
            head.append(Piece(Tube(ear_base, ear_tip, radius, 0.3 * radius if up < 0 else 0.002)))
        body = [
            Piece(Ellipsoid((0.0, body_y, 0.0), (rx, ry, rz))),
            Piece(Tube(neck_start, neck_end, 0.6 * rz, 0.5 * rz, caps=False)),
        ]
        if mane is not None:
            top = (0.0, 0.45 * rz * 1.2, 0.0)
            body.append(
                Piece(
                    Tube(
                        vec3(a + b for a, b in zip(neck_start, top, strict=True)),
                        vec3(a + b for a, b in zip(neck_end, top, strict=True)),
                        0.2 * rz,
                        0.15 * rz,
                    ),
                    mane,
                )
            )
        parts = [
            Part("body", (0.0, body_y, 0.0), tuple(body)),
            Part("head", neck_end, tuple(head)),
            Part(
                "tail",
                shape.tail[0],
                (
                    Piece(
                        Tube(shape.tail[0], shape.tail[1], shape.tail_radius, 0.6 * shape.tail_radius), mane
                    ),
                ),
            ),
        ]
        r = shape.leg_radius
        for name, x, side in (
            ("leg_fl", 0.7, -1),
            ("leg_fr", 0.7, 1),
            ("leg_bl", -0.7, -1),
            ("leg_br", -0.7, 1),
        ):
            top = (x * rx, leg_top, side * 0.55 * rz)
            foot = (x * rx + 0.02 * rx, 0.5 * r, side * 0.55 * rz)
            parts.append(
                Part(
                    name,
                    top,
                    (
                        Piece(Tube(top, foot, r, 0.8 * r)),
                        Piece(Ellipsoid((foot[0] + 0.4 * r, 0.5 * r, foot[2]), (1.3 * r, 0.5 * r, r))),
                    ),
                )
            )
        return parts

    return build


def _bird(vary: Vary, attributes: list[str]) -> list[Part]:
    body_y = 0.12 * vary()
    head_c = (0.1, body_y + 0.06, 0.0)
    parts = [
        Part(
            "body",
            (0.0, body_y, 0.0),
            (
                Piece(Ellipsoid((0.0, body_y, 0.0), (0.1, 0.065, 0.06), pitch=0.2)),
                *(
                    Piece(
                        Tube((0.0, body_y - 0.04, side * 0.025), (0.005, 0.0, side * 0.025), 0.006, 0.005),
                        DARK,
                    )
                    for side in (-1, 1)
                ),
            ),
        ),
        Part(
            "head",
            (0.07, body_y + 0.04, 0.0),
            (
                Piece(Ellipsoid(head_c, (0.045, 0.043, 0.04))),
                *(
                    Piece(
                        Ellipsoid(
                            (head_c[0] + 0.025, head_c[1] + 0.012, side * 0.032), (0.008, 0.008, 0.008)
                        ),
                        DARK,
                    )
                    for side in (-1, 1)
                ),
            ),
        ),
        Part(
            "beak",
            (head_c[0] + 0.04, head_c[1], 0.0),
            (
                Piece(
                    Tube(
                        (head_c[0] + 0.035, head_c[1] - 0.005, 0.0),
                        (head_c[0] + 0.085, head_c[1] - 0.012, 0.0),
                        0.014,
                        0.002,
                    ),
                    (0.95, 0.6, 0.1),
                ),
            ),
        ),
        Part(
            "tail",
            (-0.09, body_y + 0.005, 0.0),
            (Piece(Ellipsoid((-0.13, body_y + 0.015, 0.0), (0.055, 0.008, 0.03), pitch=0.2), accent=True),),
        ),
    ]
    for side, suffix in ((-1, "l"), (1, "r")):
        root = (0.0, body_y + 0.03, side * 0.045)
        parts.append(
            Part(
                f"wing_{suffix}",
                root,
                (
                    Piece(
                        Ellipsoid((-0.01, body_y + 0.035, side * 0.15), (0.065, 0.01, 0.11), yaw=side * 0.15)
                    ),
                ),
            )
        )
    return parts


CATEGORIES = (
    Category(
        "dog", (0.9, 0.6, 0.3), "quadruped", (0.62, 0.42, 0.22), build=_quadruped(DOG, None), splats=3000
    ),
    Category(
        "cat", (0.5, 0.3, 0.18), "quadruped", (0.55, 0.55, 0.55), build=_quadruped(CAT, None), splats=2500
    ),
    Category(
        "bird",
        (0.3, 0.22, 0.45),
        "bird",
        (0.35, 0.3, 0.25),
        build=_bird,
        splats=2000,
        flies=True,
    ),
    Category(
        "horse",
        (2.2, 1.7, 0.6),
        "quadruped",
        (0.45, 0.28, 0.15),
        build=_quadruped(HORSE, (0.12, 0.08, 0.05)),
        splats=4000,
    ),
)
