"""Animals: four-legged ones from one parametrised body (with species extras and coats), birds, and
two-legged mammals (monkey, kangaroo)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from scenewright.schema import vec3
from scenewright.tools.scene.parts import (
    DARK,
    HAIR,
    WHITE,
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


@dataclass(frozen=True)
class QuadrupedShape:
    """Proportions of a four-legged animal, metres. The fields with defaults are species options; their
    defaults give the dog, cat and horse."""

    body: Vec  # body ellipsoid radii
    leg_height: float  # ground to the body's centre line
    leg_radius: float
    neck: tuple[Vec, Vec]  # from the body to the head, (x, y, z) both
    head: Vec  # head ellipsoid radii
    snout: float  # snout length
    head_pitch: float  # radians, negative points the head down
    # Ear tip offset forward, tip offset up (negative: floppy), base radius; None: the species draws its own.
    ear: tuple[float, float, float] | None
    tail: tuple[Vec, Vec]
    tail_radius: float
    body_pitch: float = 0.0  # radians, positive raises the shoulders above the hips (giraffe, rabbit)
    neck_radius: tuple[float, float] | None = None  # at the body, at the head; None: from the body's width
    ear_spread: float | None = None  # sideways reach of an ear tip; None: from whether the ear stands
    nose: Vec | None = DARK  # the nose's colour; None: no nose (the species draws its own)


@dataclass(frozen=True)
class Anchors:
    """Where the quadruped builder put the body and head, for a species' extras and coat to attach to."""

    body: Vec  # body centre
    body_radii: Vec
    leg_top: float  # height of hips and shoulders at the body's centre
    leg_radius: float
    head: Vec  # head centre
    head_radii: Vec
    aim: tuple[float, float]  # unit (x, y) direction the snout points
    snout_tip: Vec
    neck: tuple[Vec, Vec]
    tail: tuple[Vec, Vec]

    def on_head(self, forward: float, up: float, side: float) -> Vec:
        """A point in the head's frame: `forward` along the snout, `up` across it, `side` along z (metres)."""
        (ax, ay), (cx, cy, cz) = self.aim, self.head
        return (cx + forward * ax - up * ay, cy + forward * ay + up * ax, cz + side)


Extras = Callable[[Anchors, Vary, list[str]], list[Part]]
"""A species' extra parts (trunk, horns, mane ...); a part named like a built one adds its pieces to it."""

Coat = Callable[[Anchors, list[str]], tuple[Decal, ...]]
"""A species' markings (stripes, spots, patches, a dark face), painted on every main-colour piece."""


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


def _quadruped(
    shape: QuadrupedShape, mane: Vec | None, extras: Extras | None = None, coat: Coat | None = None
) -> Callable[[Vary, list[str]], list[Part]]:
    """A builder for four-legged animals: ellipsoid body, tube legs, neck, head with snout and ears, tail;
    plus a species' extra parts and coat markings."""

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
        snout_r = (0.6 * shape.snout + 0.02, 0.55 * hy, 0.6 * hz)
        nose_c = (snout_c[0] + aim[0] * 0.55 * shape.snout, snout_c[1] + aim[1] * 0.55 * shape.snout, 0.0)
        anchors = Anchors(
            body=(0.0, body_y, 0.0),
            body_radii=shape.body,
            leg_top=leg_top,
            leg_radius=shape.leg_radius,
            head=head_c,
            head_radii=shape.head,
            aim=aim,
            snout_tip=(snout_c[0] + aim[0] * snout_r[0], snout_c[1] + aim[1] * snout_r[0], 0.0),
            neck=shape.neck,
            tail=shape.tail,
        )
        decals = coat(anchors, attributes) if coat is not None else ()
        eye_r = 0.12 * hy
        head = [
            Piece(Ellipsoid(head_c, (hx, hy, hz), pitch=shape.head_pitch), decals=decals),
            Piece(Ellipsoid(snout_c, snout_r, pitch=shape.head_pitch), decals=decals),
        ]
        if shape.nose is not None:
            head.append(Piece(Ellipsoid(nose_c, (0.25 * hz, 0.2 * hy, 0.3 * hz)), shape.nose))
        for side in (-1, 1):
            eye = (head_c[0] + 0.55 * hx * aim[0], head_c[1] + 0.3 * hy, side * 0.62 * hz)
            head.append(Piece(Ellipsoid(eye, (eye_r, eye_r, eye_r)), DARK))
            if shape.ear is None:
                continue
            forward, up, radius = shape.ear
            ear_base = (head_c[0] - 0.3 * hx, head_c[1] + 0.75 * hy, side * 0.5 * hz)
            outward = shape.ear_spread
            if outward is None:
                outward = 0.3 * radius if up > 0 else 1.6 * radius  # floppy ears hang beside the head
            ear_tip = (ear_base[0] + forward, ear_base[1] + up, ear_base[2] + side * outward)
            head.append(
                Piece(Tube(ear_base, ear_tip, radius, 0.3 * radius if up < 0 else 0.002), decals=decals)
            )
        neck_r = shape.neck_radius or (0.6 * rz, 0.5 * rz)
        body = [
            Piece(Ellipsoid((0.0, body_y, 0.0), (rx, ry, rz), pitch=shape.body_pitch), decals=decals),
            Piece(Tube(neck_start, neck_end, *neck_r, caps=False), decals=decals),
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
        tail = Tube(shape.tail[0], shape.tail[1], shape.tail_radius, 0.6 * shape.tail_radius)
        parts = [
            Part("body", (0.0, body_y, 0.0), tuple(body)),
            Part("head", neck_end, tuple(head), "body"),
            Part("tail", shape.tail[0], (Piece(tail, mane, decals=decals if mane is None else ()),), "body"),
        ]
        r = shape.leg_radius
        reach, lift = math.cos(shape.body_pitch), math.sin(shape.body_pitch)
        for name, x, side in (
            ("leg_fl", 0.7, -1),
            ("leg_fr", 0.7, 1),
            ("leg_bl", -0.7, -1),
            ("leg_br", -0.7, 1),
        ):
            top = (x * rx * reach, leg_top + x * rx * lift, side * 0.55 * rz)
            foot = (top[0] + 0.02 * rx, 0.5 * r, side * 0.55 * rz)
            parts.append(
                Part(
                    name,
                    top,
                    (
                        Piece(Tube(top, foot, r, 0.8 * r), decals=decals),
                        Piece(
                            Ellipsoid((foot[0] + 0.4 * r, 0.5 * r, foot[2]), (1.3 * r, 0.5 * r, r)),
                            decals=decals,
                        ),
                    ),
                    "body",
                )
            )
        return _merge(parts, extras(anchors, vary, attributes)) if extras is not None else parts

    return build


def _merge(parts: list[Part], extra: list[Part]) -> list[Part]:
    """`parts` plus `extra`: an extra part named like one of `parts` adds its pieces to it."""
    by_name = {part.name: part for part in parts}
    for part in extra:
        if part.name in by_name:
            old = by_name[part.name]
            by_name[part.name] = Part(old.name, old.pivot, old.pieces + part.pieces, old.parent)
        else:
            by_name[part.name] = part
    return list(by_name.values())


def _ball(center: Vec, radius: float, paint: Vec | None = None) -> Piece:
    return Piece(Ellipsoid(center, (radius, radius, radius)), paint)


def _chain(points: list[Vec], r0: float, r1: float, paint: Vec | None = None) -> tuple[Piece, ...]:
    """A bent limb (trunk, tail, antler beam) through `points`, tapering from r0 to r1; balls round its
    joints and tip."""
    radii = [r0 + (r1 - r0) * k / (len(points) - 1) for k in range(len(points))]
    tubes = [
        Piece(Tube(a, b, ra, rb, caps=False), paint)
        for a, b, ra, rb in zip(points, points[1:], radii, radii[1:], strict=False)
    ]
    return (*tubes, *(_ball(p, r, paint) for p, r in zip(points[1:], radii[1:], strict=True)))


def _shift(point: Vec, dx: float = 0.0, dy: float = 0.0, dz: float = 0.0) -> Vec:
    return (point[0] + dx, point[1] + dy, point[2] + dz)


def _hooves(a: Anchors) -> tuple[Decal, ...]:
    """Dark feet: everything up to the top of the foot."""
    return (Decal((-50.0, -1.0, -50.0), (50.0, 1.2 * a.leg_radius, 50.0), DARK),)


def _stripes(
    x_from: float, x_to: float, step: float, width: float, low: float, jag: float = 0.0
) -> list[Decal]:
    """Dark vertical bands every `step` along x from height `low` up, a little uneven in width; some start up
    to `jag` higher."""
    bands = []
    for k in range(int((x_to - x_from) / step) + 1):
        x = x_from + k * step
        w = width * (0.8 + 0.1 * ((k * 7) % 5))
        bottom = low + jag * ((k * 3) % 4) / 3
        bands.append(Decal((x - w / 2, bottom, -50.0), (x + w / 2, 50.0, 50.0), DARK))
    return bands


def _rings(y_from: float, y_to: float, step: float, width: float) -> list[Decal]:
    """Dark horizontal bands (round legs) between heights y_from and y_to."""
    count = int((y_to - y_from) / step) + 1
    return [
        Decal(
            (-50.0, y_from + k * step - width / 2, -50.0), (50.0, y_from + k * step + width / 2, 50.0), DARK
        )
        for k in range(count)
    ]


def _jitter(i: int, j: int, k: int, salt: float) -> float:
    """A fixed pseudo-random number in [-0.5, 0.5) for grid cell (i, j, k)."""
    return math.sin(12.9898 * i + 78.233 * j + 37.719 * k + salt) * 43758.5453 % 1.0 - 0.5


def _patches(low: Vec, high: Vec, cell: float, size: float, rgb: Vec) -> list[Decal]:
    """Spots about `size` across, one per cell of a jittered 3D grid of `cell` over the box low..high, so
    every side of the animal shows a spotted surface."""
    counts = [int((h - lo) / cell) + 1 for lo, h in zip(low, high, strict=True)]
    spots = []
    for i in range(counts[0]):
        for j in range(counts[1]):
            for k in range(counts[2]):
                centre = vec3(
                    lo + (n + 0.5 + 0.3 * _jitter(i, j, k, salt)) * cell
                    for lo, n, salt in zip(low, (i, j, k), (0.0, 1.0, 2.0), strict=True)
                )
                half = vec3(0.5 * size * (1.0 + 0.3 * _jitter(i, j, k, salt)) for salt in (3.0, 4.0, 5.0))
                spots.append(
                    Decal(
                        vec3(c - h for c, h in zip(centre, half, strict=True)),
                        vec3(c + h for c, h in zip(centre, half, strict=True)),
                        rgb,
                    )
                )
    return spots


# ---------------------------------------------------------------------------------------------------
# Quadruped species: proportions, extra parts and coats.
# ---------------------------------------------------------------------------------------------------

IVORY = (0.93, 0.9, 0.8)
HORN = (0.86, 0.8, 0.66)
CREAM = (0.95, 0.92, 0.84)
PINK = (0.9, 0.6, 0.62)


ELEPHANT = QuadrupedShape(
    body=(1.45, 0.78, 0.75),
    leg_height=1.85,
    leg_radius=0.27,
    neck=((1.1, 2.1, 0.0), (1.45, 2.25, 0.0)),
    head=(0.5, 0.6, 0.48),
    snout=0.25,
    head_pitch=-0.35,
    ear=None,
    tail=((-1.42, 2.1, 0.0), (-1.6, 1.25, 0.0)),
    tail_radius=0.05,
    neck_radius=(0.62, 0.5),
    nose=None,
)


def _elephant(a: Anchors, vary: Vary, attributes: list[str]) -> list[Part]:
    """A trunk hanging from the snout, tusks (unless tuskless), big flat ears, a tufted tail."""
    tip = a.snout_tip
    drop = (tip[1] - 0.35) * vary()  # the trunk hangs to a little above the ground
    bends = ((-0.15, 0.0), (0.04, 0.1), (0.12, 0.4), (0.12, 0.65), (0.1, 0.85), (0.18, 0.97), (0.3, 1.0))
    trunk = _chain([_shift(tip, dx, 0.05 - fall * drop) for dx, fall in bends], 0.22, 0.08)
    hx, hy, hz = a.head_radii
    parts = [
        Part("trunk", tip, trunk, "head"),
        Part("tail", a.tail[1], (Piece(Ellipsoid(a.tail[1], (0.05, 0.14, 0.05)), HAIR),)),
    ]
    if "tuskless" not in attributes:
        tusks: list[Piece] = []
        for side in (-1, 1):
            base = a.on_head(0.75 * hx, -0.55 * hy, side * 0.24)
            tusks += _chain(
                [
                    base,
                    _shift(base, 0.25, -0.35, side * 0.08),
                    _shift(base, 0.55, -0.45, side * 0.1),
                    _shift(base, 0.8, -0.3, side * 0.06),
                ],
                0.08,
                0.03,
                IVORY,
            )
        parts.append(Part("tusks", a.on_head(0.75 * hx, -0.55 * hy, 0.0), tuple(tusks), "head"))
    for side, suffix in ((-1, "l"), (1, "r")):
        centre = a.on_head(-0.4 * hx, -0.1 * hy, side * (hz + 0.06))
        ear = Ellipsoid(centre, (0.52 * vary(), 0.72, 0.05), yaw=side * 0.5)
        parts.append(Part(f"ear_{suffix}", _shift(centre, 0.4), (Piece(ear),), "head"))
    return parts


GIRAFFE = QuadrupedShape(
    body=(0.95, 0.48, 0.38),
    leg_height=2.2,
    leg_radius=0.075,
    neck=((0.6, 2.6, 0.0), (1.35, 4.35, 0.0)),
    head=(0.24, 0.13, 0.12),
    snout=0.2,
    head_pitch=-0.5,
    ear=(-0.1, 0.04, 0.035),
    tail=((-0.85, 2.3, 0.0), (-1.0, 1.4, 0.0)),
    tail_radius=0.03,
    body_pitch=0.22,
    neck_radius=(0.3, 0.13),
    ear_spread=0.14,
)
GIRAFFE_SPOTS = (0.5, 0.28, 0.12)


def _giraffe(a: Anchors, vary: Vary, attributes: list[str]) -> list[Part]:
    """Two ossicones with dark knobs, a short dark mane down the back of the neck, a tufted tail."""
    hx, hy, _ = a.head_radii
    height = 0.2 * vary()
    horns: list[Piece] = []
    for side in (-1, 1):
        base = a.on_head(-0.2 * hx, 0.7 * hy, side * 0.05)
        top = _shift(base, -0.04, height, side * 0.02)
        horns += [Piece(Tube(base, top, 0.03, 0.025)), _ball(top, 0.032, DARK)]
    (x0, y0, _), (x1, y1, _) = a.neck
    length = math.hypot(x1 - x0, y1 - y0)
    back = (-(y1 - y0) / length, (x1 - x0) / length)  # [2] across the neck, towards its back
    mane = Tube(
        (x0 + 0.25 * back[0], y0 + 0.25 * back[1], 0.0),
        (x1 + 0.1 * back[0], y1 + 0.1 * back[1], 0.0),
        0.05,
        0.035,
    )
    return [
        Part("ossicones", a.on_head(-0.2 * hx, 0.7 * hy, 0.0), tuple(horns), "head"),
        Part("mane", a.neck[0], (Piece(mane, (0.4, 0.24, 0.1)),), "body"),
        Part("tail", a.tail[1], (Piece(Ellipsoid(_shift(a.tail[1], 0.0, -0.1), (0.05, 0.15, 0.05)), DARK),)),
    ]


def _giraffe_coat(a: Anchors, attributes: list[str]) -> tuple[Decal, ...]:
    """Brown patches over the body, neck and upper legs; dark hooves."""
    top = a.neck[1][1] - 0.1
    spots = _patches((-1.1, a.leg_top - 0.45, -0.45), (1.6, top, 0.45), 0.28, 0.19, GIRAFFE_SPOTS)
    return (*spots, *_hooves(a))


COW = QuadrupedShape(
    body=(0.82, 0.36, 0.33),
    leg_height=0.92,
    leg_radius=0.075,
    neck=((0.62, 1.0, 0.0), (0.9, 1.08, 0.0)),
    head=(0.22, 0.15, 0.14),
    snout=0.16,
    head_pitch=-0.95,
    ear=(-0.02, -0.03, 0.045),
    tail=((-0.8, 1.12, 0.0), (-0.88, 0.5, 0.0)),
    tail_radius=0.025,
    neck_radius=(0.27, 0.17),
    ear_spread=0.2,
)


def _cow(a: Anchors, vary: Vary, attributes: list[str]) -> list[Part]:
    """Horns curving up from the poll (unless hornless), an udder with teats, a tufted tail."""
    hx, hy, hz = a.head_radii
    _, body_y, _ = a.body
    rx, ry, _ = a.body_radii
    udder_c = (-0.45 * rx, body_y - 0.85 * ry, 0.0)
    udder = [Piece(Ellipsoid(udder_c, (0.16, 0.11, 0.14)), PINK)]
    for dx in (-0.06, 0.06):
        for dz in (-0.06, 0.06):
            teat = _shift(udder_c, dx, -0.07, dz)
            udder.append(Piece(Tube(teat, _shift(teat, 0.0, -0.07), 0.016, 0.012), PINK))
    parts = [
        Part("udder", udder_c, tuple(udder), "body"),
        Part("tail", a.tail[1], (Piece(Ellipsoid(_shift(a.tail[1], 0.0, -0.04), (0.04, 0.08, 0.04)), DARK),)),
    ]
    if not {"hornless", "polled"} & set(attributes):
        spread = 0.19 * vary()
        horns: list[Piece] = []
        for side in (-1, 1):
            base = a.on_head(-0.7 * hx, 0.6 * hy, side * 0.55 * hz)
            horns += _chain(
                [base, _shift(base, 0.0, 0.02, side * 0.6 * spread), _shift(base, 0.04, 0.1, side * spread)],
                0.035,
                0.01,
                HORN,
            )
        parts.append(Part("horns", a.on_head(-0.7 * hx, 0.6 * hy, 0.0), tuple(horns), "head"))
    return parts


def _cow_coat(a: Anchors, attributes: list[str]) -> tuple[Decal, ...]:
    """Holstein patches on the flanks, a dark face with a pale blaze, dark hooves."""
    _, by, _ = a.body
    rx, ry, _ = a.body_radii
    patches = (  # (x from, x to, y from, y to) in body radii, and the side (z sign)
        (-0.65, -0.2, 0.0, 1.2, 1),
        (-0.4, -0.05, 0.4, 1.2, 1),
        (0.35, 0.7, -0.3, 0.6, 1),
        (-0.15, 0.3, -0.1, 1.2, -1),
        (0.1, 0.45, 0.4, 1.2, -1),
        (-1.1, -0.75, 0.2, 1.2, -1),
    )
    decals = [
        Decal(
            (x0 * rx, by + y0 * ry, -50.0 if side < 0 else 0.0),
            (x1 * rx, by + y1 * ry, 50.0 if side > 0 else 0.0),
            DARK,
        )
        for x0, x1, y0, y1, side in patches
    ]
    hx, hy, _ = a.head_radii
    face_low = (a.head[0] - 1.2 * hx, a.snout_tip[1] + 0.08, -50.0)
    face_high = (50.0, 50.0, 50.0)
    decals += [
        Decal(face_low, face_high, DARK),
        Decal((face_low[0], face_low[1], -0.05), (50.0, a.head[1] + 0.5 * hy, 0.05), WHITE),
    ]
    return (*decals, *_hooves(a))


SHEEP = QuadrupedShape(
    body=(0.46, 0.27, 0.25),
    leg_height=0.55,
    leg_radius=0.03,
    neck=((0.34, 0.62, 0.0), (0.48, 0.74, 0.0)),
    head=(0.13, 0.085, 0.075),
    snout=0.08,
    head_pitch=-0.6,
    ear=(-0.02, -0.02, 0.025),
    tail=((-0.44, 0.64, 0.0), (-0.52, 0.5, 0.0)),
    tail_radius=0.045,
    neck_radius=(0.16, 0.1),
    ear_spread=0.11,
)
SHEEP_FACE = (0.16, 0.13, 0.11)


def _sheep(a: Anchors, vary: Vary, attributes: list[str]) -> list[Part]:
    """A fleece of lumps over the body and neck and a woolly cap (a shorn sheep has none)."""
    if {"shorn", "sheared", "shaved"} & set(attributes):
        return []
    _, by, _ = a.body
    rx, ry, rz = a.body_radii
    lump = 0.12 * vary()
    fleece = []
    for u in (-0.75, -0.4, 0.0, 0.4, 0.75):
        taper = math.sqrt(1 - u * u)
        for angle in (-1.9, -1.2, -0.6, 0.0, 0.6, 1.2, 1.9):  # around the body from the top
            centre = (u * rx, by + 0.78 * ry * taper * math.cos(angle), 0.78 * rz * taper * math.sin(angle))
            fleece.append(_ball(centre, lump * (0.6 + 0.4 * taper)))
    (x0, y0, _), (x1, y1, _) = a.neck
    fleece += [_ball((x0 + t * (x1 - x0), y0 + t * (y1 - y0), 0.0), 0.14 - 0.05 * t) for t in (0.3, 0.7)]
    hx, hy, _ = a.head_radii
    cap = _ball(a.on_head(-0.5 * hx, 0.6 * hy, 0.0), 0.07)
    return [Part("body", a.body, tuple(fleece)), Part("head", a.head, (cap,))]


def _sheep_coat(a: Anchors, attributes: list[str]) -> tuple[Decal, ...]:
    """A dark face and dark legs below the fleece."""
    _, by, _ = a.body
    return (
        Decal((a.neck[1][0] - 0.03, a.neck[0][1], -50.0), (50.0, 50.0, 50.0), SHEEP_FACE),
        Decal((-50.0, -1.0, -50.0), (50.0, by - a.body_radii[1] - 0.01, 50.0), SHEEP_FACE),
    )


PIG = QuadrupedShape(
    body=(0.58, 0.3, 0.27),
    leg_height=0.47,
    leg_radius=0.055,
    neck=((0.42, 0.52, 0.0), (0.56, 0.55, 0.0)),
    head=(0.2, 0.18, 0.17),
    snout=0.05,
    head_pitch=-0.2,
    ear=(0.11, 0.08, 0.07),
    tail=((-0.56, 0.56, 0.0), (-0.62, 0.6, 0.0)),
    tail_radius=0.015,
    neck_radius=(0.25, 0.2),
    nose=None,
)
PIG_SNOUT = (0.88, 0.52, 0.55)


def _pig(a: Anchors, vary: Vary, attributes: list[str]) -> list[Part]:
    """A flat-ended snout disc with nostrils and a curly tail."""
    hx, _, _ = a.head_radii
    start, end = a.on_head(0.8 * hx, -0.03, 0.0), a.on_head(hx + 0.14 * vary(), -0.03, 0.0)
    snout = [Piece(Tube(start, end, 0.08, 0.075), PIG_SNOUT)]
    snout += [_ball(_shift(end, 0.0, 0.0, side * 0.028), 0.014, DARK) for side in (-1, 1)]
    curl = Torus(_shift(a.tail[1], -0.02, 0.03), 0.035, 0.012)
    return [Part("snout", start, tuple(snout), "head"), Part("tail", a.tail[1], (Piece(curl),))]


BEAR = QuadrupedShape(
    body=(0.72, 0.4, 0.38),
    leg_height=0.72,
    leg_radius=0.12,
    neck=((0.5, 0.85, 0.0), (0.78, 0.9, 0.0)),
    head=(0.22, 0.2, 0.19),
    snout=0.2,
    head_pitch=-0.25,
    ear=None,
    tail=((-0.7, 0.82, 0.0), (-0.78, 0.78, 0.0)),
    tail_radius=0.05,
    neck_radius=(0.3, 0.22),
)


def _bear(a: Anchors, vary: Vary, attributes: list[str]) -> list[Part]:
    """A shoulder hump and round ears."""
    _, by, _ = a.body
    rx, ry, rz = a.body_radii
    hump = Ellipsoid((0.35 * rx, by + 0.6 * ry * vary(), 0.0), (0.4 * rx, 0.5 * ry, 0.75 * rz))
    hx, hy, hz = a.head_radii
    ears = [
        Piece(Ellipsoid(a.on_head(-0.35 * hx, 0.85 * hy, side * 0.6 * hz), (0.035, 0.065, 0.065)))
        for side in (-1, 1)
    ]
    return [Part("body", a.body, (Piece(hump),)), Part("head", a.head, tuple(ears))]


def _bear_coat(a: Anchors, attributes: list[str]) -> tuple[Decal, ...]:
    """A paler muzzle."""
    hx, _, _ = a.head_radii
    return (Decal((a.head[0] + 0.75 * hx, -50.0, -50.0), (50.0, a.head[1], 50.0), (0.6, 0.45, 0.3)),)


LION = QuadrupedShape(
    body=(0.68, 0.28, 0.24),
    leg_height=0.72,
    leg_radius=0.085,
    neck=((0.5, 0.82, 0.0), (0.68, 0.93, 0.0)),
    head=(0.19, 0.17, 0.16),
    snout=0.13,
    head_pitch=-0.15,
    ear=(-0.01, 0.05, 0.035),
    tail=((-0.66, 0.82, 0.0), (-0.85, 0.6, 0.0)),
    tail_radius=0.03,
)
MANE = (0.5, 0.3, 0.13)


def _lion(a: Anchors, vary: Vary, attributes: list[str]) -> list[Part]:
    """A shaggy mane round the face and down the neck (unless female), a drooping tail with a dark tuft."""
    end = a.tail[1]
    tail = (
        *_chain(
            [end, _shift(end, -0.1, -0.18), _shift(end, -0.15, -0.26), _shift(end, -0.23, -0.26)], 0.02, 0.016
        ),
        Piece(Ellipsoid(_shift(end, -0.27, -0.25), (0.06, 0.04, 0.04)), MANE),
    )
    parts = [Part("tail", end, tail)]
    if not {"female", "maneless"} & set(attributes):
        hx, _, _ = a.head_radii
        size = vary()
        ring_x, ring_y, _ = a.on_head(-0.35 * hx, 0.02, 0.0)
        mane = [
            Piece(
                Ellipsoid(a.on_head(-0.6 * hx, 0.05, 0.0), (0.17, 0.28 * size, 0.26 * size), pitch=-0.2), MANE
            ),
            Piece(Ellipsoid(_shift(a.neck[0], 0.1, 0.02), (0.22, 0.26 * size, 0.24 * size)), MANE),
        ]
        for k in range(10):  # lumps round the face
            angle = math.tau * k / 10
            centre = (ring_x, ring_y + 0.24 * size * math.cos(angle), 0.24 * size * math.sin(angle))
            mane.append(_ball(centre, 0.085, MANE))
        parts.append(Part("mane", a.neck[1], tuple(mane), "head"))
    return parts


TIGER = QuadrupedShape(
    body=(0.8, 0.26, 0.24),
    leg_height=0.66,
    leg_radius=0.075,
    neck=((0.6, 0.75, 0.0), (0.82, 0.85, 0.0)),
    head=(0.18, 0.16, 0.16),
    snout=0.11,
    head_pitch=-0.1,
    ear=(-0.01, 0.05, 0.04),
    tail=((-0.78, 0.75, 0.0), (-1.3, 0.4, 0.0)),
    tail_radius=0.035,
)


def _tiger_coat(a: Anchors, attributes: list[str]) -> tuple[Decal, ...]:
    """A pale belly and muzzle, dark stripes over the back, flanks and neck, forehead marks, a ringed tail."""
    _, by, _ = a.body
    rx, ry, rz = a.body_radii
    hx, hy, _ = a.head_radii
    head_x, head_y, _ = a.head
    return (
        Decal((-0.6 * rx, -1.0, -0.45 * rz), (0.6 * rx, by - 0.6 * ry, 0.45 * rz), CREAM),
        Decal((head_x + 0.4 * hx, -50.0, -50.0), (50.0, head_y - 0.15 * hy, 50.0), CREAM),
        *_stripes(-0.95 * rx, a.neck[1][0], 0.15, 0.05, by - 0.55 * ry, 0.3 * ry),
        *_stripes(head_x - 0.5 * hx, head_x + 0.3 * hx, 0.07, 0.025, head_y + 0.35 * hy),
        *_stripes(a.tail[1][0], -rx - 0.04, 0.11, 0.04, -50.0),
    )


DEER = QuadrupedShape(
    body=(0.55, 0.22, 0.19),
    leg_height=0.82,
    leg_radius=0.035,
    neck=((0.42, 0.9, 0.0), (0.62, 1.2, 0.0)),
    head=(0.14, 0.085, 0.075),
    snout=0.1,
    head_pitch=-0.55,
    ear=(-0.04, 0.09, 0.035),
    tail=((-0.54, 0.95, 0.0), (-0.6, 0.86, 0.0)),
    tail_radius=0.035,
    neck_radius=(0.11, 0.075),
    ear_spread=0.1,
)


def _deer(a: Anchors, vary: Vary, attributes: list[str]) -> list[Part]:
    """Branching antlers (unless female) and a white tail tip."""
    parts = [Part("tail", a.tail[1], (_ball(a.tail[1], 0.03, WHITE),))]
    if {"female", "antlerless"} & set(attributes):
        return parts
    hx, hy, _ = a.head_radii
    s = vary()
    antlers: list[Piece] = []
    for side in (-1, 1):
        base = a.on_head(-0.45 * hx, 0.85 * hy, side * 0.035)
        beam = [
            base,
            _shift(base, -0.06 * s, 0.12 * s, side * 0.1 * s),
            _shift(base, -0.04 * s, 0.26 * s, side * 0.2 * s),
            _shift(base, 0.06 * s, 0.36 * s, side * 0.24 * s),
        ]
        antlers += _chain(beam, 0.022, 0.01, HORN)
        for root, dx in ((beam[1], 0.04), (beam[2], 0.0)):
            antlers += _chain([root, _shift(root, dx * s, 0.13 * s, side * 0.02 * s)], 0.014, 0.006, HORN)
        brow = _shift(base, -0.01, 0.04, side * 0.03)
        antlers += _chain([brow, _shift(brow, 0.09 * s, 0.05 * s, side * 0.02)], 0.014, 0.006, HORN)
    parts.append(Part("antlers", a.on_head(-0.45 * hx, 0.85 * hy, 0.0), tuple(antlers), "head"))
    return parts


def _deer_coat(a: Anchors, attributes: list[str]) -> tuple[Decal, ...]:
    """A white rump and belly, dark hooves; white fawn spots when spotted."""
    _, by, _ = a.body
    rx, ry, rz = a.body_radii
    decals = [
        Decal((-50.0, by - 0.5 * ry, -50.0), (-0.82 * rx, 50.0, 50.0), CREAM),
        Decal((-0.6 * rx, -1.0, -0.45 * rz), (0.6 * rx, by - 0.7 * ry, 0.45 * rz), CREAM),
    ]
    if "spotted" in attributes:
        decals += _patches((-0.8 * rx, by + 0.1 * ry, -rz), (0.6 * rx, by + 0.8 * ry, rz), 0.07, 0.035, CREAM)
    return (*decals, *_hooves(a))


ZEBRA = QuadrupedShape(
    body=(0.7, 0.28, 0.25),
    leg_height=0.92,
    leg_radius=0.07,
    neck=((0.52, 1.0, 0.0), (0.8, 1.3, 0.0)),
    head=(0.14, 0.12, 0.1),
    snout=0.28,
    head_pitch=-0.9,
    ear=(0.0, 0.12, 0.04),
    tail=((-0.7, 1.05, 0.0), (-0.86, 0.6, 0.0)),
    tail_radius=0.04,
)


def _zebra_coat(a: Anchors, attributes: list[str]) -> tuple[Decal, ...]:
    """Dark vertical stripes over the body, neck and head, rings round the legs, a dark muzzle."""
    _, by, _ = a.body
    rx, ry, _ = a.body_radii
    belly = by - ry
    return (
        *_stripes(-1.05 * rx, a.snout_tip[0], 0.14, 0.04, belly),
        *_rings(0.12, belly - 0.02, 0.11, 0.035),
        Decal((a.head[0], -50.0, -50.0), (50.0, a.snout_tip[1] + 0.1, 50.0), DARK),
        *_hooves(a),
    )


RABBIT = QuadrupedShape(
    body=(0.15, 0.1, 0.09),
    leg_height=0.13,
    leg_radius=0.016,
    neck=((0.1, 0.18, 0.0), (0.13, 0.21, 0.0)),
    head=(0.065, 0.05, 0.048),
    snout=0.025,
    head_pitch=-0.3,
    ear=None,
    tail=((-0.14, 0.13, 0.0), (-0.16, 0.14, 0.0)),
    tail_radius=0.015,
    body_pitch=0.35,
    neck_radius=(0.05, 0.045),
    nose=PINK,
)


def _rabbit(a: Anchors, vary: Vary, attributes: list[str]) -> list[Part]:
    """Long upright ears (hanging when lop or floppy), big haunches with long hind feet, a white scut."""
    hx, hy, hz = a.head_radii
    length = 0.065 * vary()
    lop = bool({"lop", "floppy", "lop-eared"} & set(attributes))
    ears = []
    for side in (-1, 1):
        if lop:
            centre = a.on_head(-0.3 * hx, 0.1 * hy, side * (hz + 0.012))
            ears.append(Piece(Ellipsoid(centre, (0.02, length, 0.008), pitch=-0.2)))
        else:
            centre = a.on_head(-0.35 * hx, hy + 0.85 * length, side * 0.022)
            ears.append(Piece(Ellipsoid(centre, (0.022, length, 0.009), yaw=side * 0.2, pitch=0.25)))
    _, by, _ = a.body
    rx, _, rz = a.body_radii
    parts = [
        Part("head", a.head, tuple(ears)),
        Part("tail", a.tail[1], (_ball(a.tail[1], 0.025, WHITE),)),
    ]
    for name, side in (("leg_bl", -1), ("leg_br", 1)):
        haunch = Ellipsoid((-0.55 * rx, 0.55 * by, side * 0.6 * rz), (0.07, 0.06, 0.035), pitch=0.3)
        foot = Ellipsoid((-0.3 * rx, 0.011, side * 0.65 * rz), (0.065, 0.011, 0.02))
        parts.append(Part(name, a.body, (Piece(haunch), Piece(foot))))
    return parts


MOUSE = QuadrupedShape(
    body=(0.045, 0.022, 0.021),
    leg_height=0.026,
    leg_radius=0.0045,
    neck=((0.033, 0.031, 0.0), (0.045, 0.034, 0.0)),
    head=(0.022, 0.016, 0.016),
    snout=0.0,
    head_pitch=-0.15,
    ear=None,
    tail=((-0.035, 0.025, 0.0), (-0.047, 0.022, 0.0)),
    tail_radius=0.003,
    nose=None,
)


def _mouse(a: Anchors, vary: Vary, attributes: list[str]) -> list[Part]:
    """Big round ears, a pink nose and a long thin pink tail."""
    hx, hy, hz = a.head_radii
    ears = [
        Piece(
            Ellipsoid(
                a.on_head(-0.3 * hx, 0.85 * hy, side * 0.65 * hz), (0.004, 0.012, 0.012), yaw=side * 0.4
            )
        )
        for side in (-1, 1)
    ]
    reach = 0.1 * vary()
    start = a.tail[1]
    tail = _chain(
        [
            start,
            _shift(start, -0.3 * reach, -0.007),
            _shift(start, -0.6 * reach, -0.004),
            _shift(start, -reach, 0.004),
        ],
        0.0028,
        0.0015,
        PINK,
    )
    return [
        Part("head", a.head, (*ears, _ball(a.snout_tip, 0.003, PINK))),
        Part("tail", start, tail),
    ]


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


# ---------------------------------------------------------------------------------------------------
# Two-legged mammals (biped rig plus a tail).
# ---------------------------------------------------------------------------------------------------

MONKEY_FACE = (0.86, 0.7, 0.56)


def _monkey(vary: Vary, attributes: list[str]) -> list[Part]:
    """A crouched monkey: pear torso, round head with a pale face, muzzle and ears, long arms with pale
    hands, bent legs, a tail curling up behind."""
    hip_y, reach = 0.28 * vary(), vary()
    head_c = (0.04, hip_y + 0.36, 0.0)
    face = MONKEY_FACE
    head = [
        _ball(head_c, 0.085),
        Piece(Ellipsoid(_shift(head_c, 0.055, -0.01), (0.045, 0.06, 0.065)), face),
        Piece(Ellipsoid(_shift(head_c, 0.09, -0.04), (0.035, 0.03, 0.045)), face),
        *(_ball(_shift(head_c, 0.088, 0.01, side * 0.026), 0.01, DARK) for side in (-1, 1)),
        *(
            Piece(Ellipsoid(_shift(head_c, -0.01, 0.005, side * 0.088), (0.018, 0.03, 0.012)), face)
            for side in (-1, 1)
        ),
    ]
    tail_root = (-0.09, hip_y + 0.03, 0.0)
    curl = [(-0.07, -0.05), (-0.14, -0.07), (-0.21, -0.05), (-0.26, 0.01), (-0.28, 0.09), (-0.26, 0.17)]
    curl += [(-0.21, 0.22), (-0.15, 0.22), (-0.12, 0.18)]
    tail = _chain([tail_root, *(_shift(tail_root, dx, dy) for dx, dy in curl)], 0.02, 0.012)
    parts = [
        Part(
            "torso",
            (0.0, hip_y, 0.0),
            (Piece(Ellipsoid((0.0, hip_y + 0.13, 0.0), (0.11, 0.17, 0.125), pitch=-0.2)),),
        ),
        Part("head", (0.03, hip_y + 0.29, 0.0), tuple(head), "torso"),
        Part("tail", tail_root, tail, "torso"),
    ]
    for side, suffix in ((-1, "l"), (1, "r")):
        shoulder = (0.03, hip_y + 0.25, side * 0.12)
        elbow = (0.07, hip_y + 0.06 * reach, side * 0.16)
        wrist = (0.1, hip_y - 0.12 * reach, side * 0.16)
        arm = (
            *_chain([shoulder, elbow, wrist], 0.035, 0.027),
            Piece(Ellipsoid(_shift(wrist, 0.01, -0.03), (0.025, 0.035, 0.02)), face),
        )
        parts.append(Part(f"arm_{suffix}", shoulder, arm, "torso"))
        hip = (0.0, hip_y, side * 0.07)
        knee = (0.07, 0.55 * hip_y, side * 0.09)
        ankle = (0.0, 0.04, side * 0.09)
        leg = (
            *_chain([hip, knee, ankle], 0.045, 0.033),
            Piece(Ellipsoid((0.04, 0.02, side * 0.09), (0.06, 0.02, 0.03)), face),
        )
        parts.append(Part(f"leg_{suffix}", hip, leg, "torso"))
    return parts


def _kangaroo(vary: Vary, attributes: list[str]) -> list[Part]:
    """An upright kangaroo: heavy lower body leaning forward, small chest and arms, long-eared head, big
    folded hind legs on long feet, a thick tail resting on the ground."""
    hip_y, tall = 0.5, vary()
    neck = (0.2, 1.18 * tall, 0.0)
    head_c = _shift(neck, 0.03, 0.07)
    head = [
        Piece(Ellipsoid(head_c, (0.1, 0.075, 0.07), pitch=-0.15)),
        Piece(Ellipsoid(_shift(head_c, 0.09, -0.03), (0.08, 0.045, 0.045), pitch=-0.25)),
        _ball(_shift(head_c, 0.165, -0.05), 0.018, DARK),
        *(_ball(_shift(head_c, 0.05, 0.02, side * 0.045), 0.012, DARK) for side in (-1, 1)),
        *(
            Piece(
                Tube(
                    _shift(head_c, -0.04, 0.05, side * 0.035),
                    _shift(head_c, -0.07, 0.2, side * 0.06),
                    0.03,
                    0.004,
                )
            )
            for side in (-1, 1)
        ),
    ]
    tail_root = (-0.18, hip_y, 0.0)
    tail = _chain(
        [
            tail_root,
            _shift(tail_root, -0.27, -0.22),
            _shift(tail_root, -0.54, -0.4),
            _shift(tail_root, -0.74, -0.45),
        ],
        0.1,
        0.035,
    )
    parts = [
        Part(
            "torso",
            (-0.05, hip_y, 0.0),
            (
                Piece(Ellipsoid((-0.02, hip_y + 0.12, 0.0), (0.2, 0.3, 0.17), pitch=-0.45)),
                Piece(Ellipsoid((0.1, hip_y + 0.42 * tall, 0.0), (0.11, 0.17, 0.12), pitch=-0.5)),
                Piece(Tube((0.12, hip_y + 0.5 * tall, 0.0), neck, 0.08, 0.06)),
            ),
        ),
        Part("head", neck, tuple(head), "torso"),
        Part("tail", tail_root, tail, "torso"),
    ]
    for side, suffix in ((-1, "l"), (1, "r")):
        shoulder = (0.15, hip_y + 0.45 * tall, side * 0.09)
        arm = _chain(
            [
                shoulder,
                _shift(shoulder, 0.09, -0.13, side * 0.02),
                _shift(shoulder, 0.13, -0.23, side * 0.01),
            ],
            0.03,
            0.022,
        )
        parts.append(Part(f"arm_{suffix}", shoulder, arm, "torso"))
        hip = (-0.08, hip_y, side * 0.12)
        knee = (0.1, 0.3, side * 0.13)
        ankle = (-0.12, 0.06, side * 0.12)
        leg = (
            Piece(Ellipsoid((0.01, 0.4, side * 0.13), (0.18, 0.1, 0.08), pitch=-0.84)),
            *_chain([knee, ankle], 0.05, 0.035),
            Piece(Ellipsoid((0.04, 0.03, side * 0.12), (0.2, 0.03, 0.045))),
        )
        parts.append(Part(f"leg_{suffix}", hip, leg, "torso"))
    return parts


CATEGORIES: tuple[Category, ...] = (
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
    Category(
        "elephant",
        (4.5, 3.2, 1.7),
        "quadruped",
        (0.52, 0.5, 0.48),
        build=_quadruped(ELEPHANT, None, _elephant),
        splats=4500,
    ),
    Category(
        "giraffe",
        (2.9, 4.8, 0.8),
        "quadruped",
        (0.86, 0.66, 0.32),
        build=_quadruped(GIRAFFE, None, _giraffe, _giraffe_coat),
        splats=4500,
    ),
    Category(
        "cow",
        (2.2, 1.45, 0.7),
        "quadruped",
        (0.93, 0.92, 0.88),
        build=_quadruped(COW, None, _cow, _cow_coat),
        splats=3500,
        nouns=("bull", "calf", "ox", "cattle", "heifer", "steer", "bullock", "holstein"),
    ),
    Category(
        "sheep",
        (1.25, 0.95, 0.6),
        "quadruped",
        (0.92, 0.9, 0.84),
        build=_quadruped(SHEEP, None, _sheep, _sheep_coat),
        splats=3500,
        nouns=("lamb", "ram", "ewe"),
    ),
    Category(
        "pig",
        (1.6, 0.85, 0.55),
        "quadruped",
        (0.95, 0.7, 0.68),
        build=_quadruped(PIG, None, _pig),
        splats=3000,
        nouns=("piglet", "hog", "boar", "swine", "sow"),
    ),
    Category(
        "bear",
        (2.1, 1.25, 0.8),
        "quadruped",
        (0.4, 0.26, 0.14),
        build=_quadruped(BEAR, None, _bear, _bear_coat),
        splats=3500,
        nouns=("grizzly", "polar bear"),
    ),
    Category(
        "lion",
        (2.3, 1.3, 0.65),
        "quadruped",
        (0.8, 0.6, 0.32),
        build=_quadruped(LION, None, _lion),
        splats=3500,
    ),
    Category(
        "tiger",
        (2.6, 1.1, 0.5),
        "quadruped",
        (0.92, 0.5, 0.12),
        build=_quadruped(TIGER, None, coat=_tiger_coat),
        splats=3500,
        nouns=("tigress",),
    ),
    Category(
        "deer",
        (1.6, 1.75, 0.6),
        "quadruped",
        (0.6, 0.4, 0.22),
        build=_quadruped(DEER, None, _deer, _deer_coat),
        splats=3500,
        nouns=("stag", "reindeer", "caribou", "elk"),
    ),
    Category(
        "zebra",
        (2.1, 1.5, 0.55),
        "quadruped",
        (0.93, 0.93, 0.9),
        build=_quadruped(ZEBRA, DARK, coat=_zebra_coat),
        splats=3500,
    ),
    Category(
        "rabbit",
        (0.42, 0.4, 0.18),
        "quadruped",
        (0.62, 0.52, 0.42),
        build=_quadruped(RABBIT, None, _rabbit),
        splats=2500,
        nouns=("bunny", "hare", "jackrabbit"),
    ),
    Category(
        "mouse",
        (0.22, 0.065, 0.045),
        "quadruped",
        (0.55, 0.52, 0.5),
        build=_quadruped(MOUSE, None, _mouse),
        splats=2000,
        nouns=("rat", "hamster", "gerbil", "vole"),
    ),
    Category(
        "monkey",
        (0.55, 0.72, 0.38),
        "biped",
        (0.42, 0.28, 0.16),
        build=_monkey,
        splats=3000,
        nouns=("ape", "chimpanzee", "chimp", "gorilla", "baboon", "macaque", "orangutan", "gibbon"),
    ),
    Category(
        "kangaroo",
        (1.4, 1.5, 0.42),
        "biped",
        (0.7, 0.45, 0.28),
        build=_kangaroo,
        splats=3000,
        nouns=("wallaby",),
    ),
)
