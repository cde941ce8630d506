"""Animals without the four-legged mammal body: reptiles, amphibians, fish, sea mammals, insects, molluscs."""

from __future__ import annotations

import math

from scenewright.schema import vec3
from scenewright.tools.scene.parts import (
    DARK,
    WHITE,
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

SKIN_OLIVE = (0.5, 0.55, 0.32)  # turtle skin
PALE_BELLY = (0.86, 0.84, 0.62)  # frog throat, turtle plastron
IRIS_GOLD = (0.85, 0.68, 0.2)
WING_CLEAR = (0.86, 0.9, 0.95)  # a bee's wings
SNAIL_FLESH = (0.72, 0.65, 0.52)
SHELL_LINE = (0.28, 0.17, 0.08)  # dark stripes and seams on shells


def _on(center: Vec, radii: Vec, direction: Vec) -> Vec:
    """The point of an (unrotated) ellipsoid's surface in `direction` from its centre."""
    norm = math.sqrt(sum(d * d for d in direction))
    return vec3(c + r * d / norm for c, r, d in zip(center, radii, direction, strict=True))


def _ball(center: Vec, r: float, paint: Vec | None = None, accent: bool = False) -> Piece:
    """A sphere: eyes, joints, spots."""
    return Piece(Ellipsoid(center, (r, r, r)), paint, accent)


def _chain(
    points: list[Vec], radii: list[float], paint: Vec | None = None, accent: bool = False
) -> list[Piece]:
    """A bending limb: tubes from point to point (radius radii[k] at points[k]), a ball at each joint."""
    tubes = [
        Piece(Tube(a, b, ra, rb, caps=False), paint, accent)
        for a, b, ra, rb in zip(points, points[1:], radii, radii[1:], strict=False)
    ]
    return tubes + [_ball(p, r, paint, accent) for p, r in zip(points[1:], radii[1:], strict=True)]


def _spots(center: Vec, radii: Vec, directions: list[Vec], r: float, paint: Vec = DARK) -> list[Piece]:
    """Round spots: balls centred on an ellipsoid's surface, so half of each shows as a disc."""
    return [_ball(_on(center, radii, d), r, paint) for d in directions]


def _bands(x_from: float, x_to: float, step: float, width: float, rgb: Vec) -> tuple[Decal, ...]:
    """Stripes across the body: every `step` along x, `width` wide."""
    count = int((x_to - x_from) / step) + 1
    return tuple(
        Decal((x_from + k * step, -1.0, -1.0), (x_from + k * step + width, 1.0, 1.0), rgb)
        for k in range(count)
    )


def _eye(center: Vec, r: float, outward: Vec, iris: Vec = WHITE) -> list[Piece]:
    """An eyeball (`iris` colour) with a dark pupil on its `outward` side."""
    return [
        _ball(center, r, iris),
        _ball(_on(center, (0.75 * r, 0.75 * r, 0.75 * r), outward), 0.55 * r, DARK),
    ]


def _wing(
    root: Vec,
    side: int,
    span: float,
    chord: float,
    tilt: float,
    sweep: float,
    paint: Vec | None = None,
    decals: tuple[Decal, ...] = (),
    accent: bool = False,
) -> Piece:
    """A flat wing from `root` out to `side` (-1: left), raised by `tilt`, swept forward by `sweep` (rad)."""
    direction = (math.cos(tilt) * math.sin(sweep), math.sin(tilt), side * math.cos(tilt) * math.cos(sweep))
    center = vec3(r + 0.85 * span * d for r, d in zip(root, direction, strict=True))
    # Local x (the span) is pitched up by the tilt, then yawed out to the side (and forward by the sweep).
    wing = Ellipsoid(center, (span, 0.03 * chord, chord), yaw=-side * (math.pi / 2 - sweep), pitch=tilt)
    return Piece(wing, paint, accent, decals)


# ---------------------------------------------------------------------------------------------------
# Reptiles and amphibians: the quadruped rig, legs sprawled to the sides.
# ---------------------------------------------------------------------------------------------------


def _turtle(vary: Vary, attributes: list[str]) -> list[Part]:
    """Domed shell with seams over a rim, head on a neck, stubby legs (a sea turtle's flippers), tail."""
    sea = any(word in attributes for word in ("sea", "marine", "ocean"))
    length, dome = 0.14 * vary(), (0.075 if sea else 0.095) * vary()
    shell_y, width = 0.045, 0.11
    seams = (
        Decal((-1.0, shell_y + 0.35 * dome, -1.0), (1.0, shell_y + 0.4 * dome, 1.0), SHELL_LINE),
        Decal((-1.0, shell_y + 0.5 * dome, -0.006), (1.0, 1.0, 0.006), SHELL_LINE),
        *(
            Decal((x - 0.003, shell_y + 0.4 * dome, -1.0), (x + 0.003, 1.0, 1.0), SHELL_LINE)
            for x in (-0.04, 0.04)
        ),
    )
    body = [
        Piece(Ellipsoid((0.0, shell_y, 0.0), (length, dome, width), cut_below=0.0), decals=seams),
        Piece(Ellipsoid((0.0, shell_y, 0.0), (length + 0.006, 0.016, width + 0.006))),
        Piece(Ellipsoid((0.0, shell_y - 0.008, 0.0), (length - 0.01, 0.02, width - 0.01)), PALE_BELLY),
    ]
    neck = (length - 0.03, shell_y, 0.0)
    head_c = (length + 0.05, shell_y + 0.025, 0.0)
    head_r = (0.032, 0.022, 0.021)
    head = [
        Piece(
            Tube(neck, (head_c[0] - 0.02, head_c[1], 0.0), 0.021, 0.019, caps=False), SKIN_OLIVE, accent=True
        ),
        Piece(Ellipsoid(head_c, head_r), SKIN_OLIVE, accent=True),
        *(_ball(_on(head_c, head_r, (0.55, 0.45, side * 0.7)), 0.0055, DARK) for side in (-1, 1)),
    ]
    parts = [
        Part("body", (0.0, shell_y, 0.0), tuple(body)),
        Part("head", neck, tuple(head), "body"),
        Part(
            "tail",
            (-length + 0.01, shell_y - 0.005, 0.0),
            (
                Piece(
                    Tube((-length + 0.01, shell_y - 0.005, 0.0), (-length - 0.035, 0.02, 0.0), 0.012, 0.002),
                    SKIN_OLIVE,
                    accent=True,
                ),
            ),
            "body",
        ),
    ]
    for name, front, side in (("leg_fl", 1, -1), ("leg_fr", 1, 1), ("leg_bl", -1, -1), ("leg_br", -1, 1)):
        hip = (front * 0.6 * length, shell_y, side * 0.6 * width)
        if sea:  # a flat flipper swept back, long in front
            span = 0.09 if front > 0 else 0.045
            flipper = _wing(
                hip, side, span, 0.025, -0.15, -0.7 if front > 0 else -1.0, SKIN_OLIVE, accent=True
            )
            parts.append(Part(name, hip, (flipper,), "body"))
            continue
        foot = (hip[0] + front * 0.012, 0.011, side * (width + 0.008))
        leg = (
            *_chain([hip, foot], [0.02, 0.018], SKIN_OLIVE, accent=True),
            Piece(
                Ellipsoid((foot[0] + 0.008, 0.009, foot[2]), (0.022, 0.009, 0.018)), SKIN_OLIVE, accent=True
            ),
        )
        parts.append(Part(name, hip, leg, "body"))
    return parts


def _frog(vary: Vary, attributes: list[str]) -> list[Part]:
    """Crouched body sloping up to a wide head with bulging eyes, folded hind legs, short front legs."""
    body_c, body_r = (0.0, 0.028, 0.0), (0.038, 0.02 * vary(), 0.027)
    head_c, head_r = (0.036, 0.039, 0.0), (0.022, 0.014, 0.025 * vary())
    body = [Piece(Ellipsoid(body_c, body_r, pitch=0.35))]
    if "spotted" in attributes:
        directions = [
            (-0.5, 1.0, 0.3),
            (0.1, 1.0, -0.5),
            (0.3, 0.8, 0.6),
            (-0.8, 0.6, -0.5),
            (-0.2, 0.5, 1.0),
        ]
        body += _spots(body_c, body_r, directions, 0.005, (0.12, 0.2, 0.08))
    head = [
        Piece(Ellipsoid(head_c, head_r, pitch=0.1)),
        Piece(
            Ellipsoid((head_c[0] - 0.002, head_c[1] - 0.008, 0.0), (0.02, 0.008, 0.021)),
            PALE_BELLY,
            accent=True,
        ),
    ]
    for side in (-1, 1):
        eye_c = (head_c[0] + 0.004, head_c[1] + 0.011, side * 0.015)
        head += [
            _ball(eye_c, 0.0085),
            *_eye(
                _on(eye_c, (0.004, 0.004, 0.004), (0.5, 0.3, side * 0.8)),
                0.0055,
                (0.5, 0.3, side * 0.8),
                IRIS_GOLD,
            ),
        ]
    parts = [
        Part("body", body_c, tuple(body)),
        Part("head", (0.025, 0.035, 0.0), tuple(head), "body"),
        Part("tail", (-0.038, 0.016, 0.0), (_ball((-0.036, 0.016, 0.0), 0.006),), "body"),
    ]
    for side in (-1, 1):
        suffix = "l" if side < 0 else "r"
        hip = (-0.024, 0.022, side * 0.018)
        knee, ankle = (0.004, 0.02, side * 0.043), (-0.03, 0.008, side * 0.048)
        foot = Ellipsoid((-0.012, 0.003, side * 0.053), (0.021, 0.003, 0.009), yaw=-side * 0.3)
        hind = (*_chain([hip, knee, ankle], [0.011, 0.008, 0.005]), Piece(foot))
        shoulder, elbow, wrist = (
            (0.026, 0.022, side * 0.017),
            (0.036, 0.012, side * 0.028),
            (0.04, 0.004, side * 0.028),
        )
        hand = Ellipsoid((0.045, 0.002, side * 0.03), (0.008, 0.002, 0.007), yaw=-side * 0.4)
        front = (*_chain([shoulder, elbow, wrist], [0.0055, 0.0048, 0.004]), Piece(hand))
        parts += [Part(f"leg_b{suffix}", hip, hind, "body"), Part(f"leg_f{suffix}", shoulder, front, "body")]
    return parts


def _lizard(vary: Vary, attributes: list[str]) -> list[Part]:
    """Low slim body, wedge head, sprawled bent legs and a long tapering tail curving to one side."""
    body_c, body_r = (0.0, 0.022, 0.0), (0.056 * vary(), 0.016, 0.022)
    decals: tuple[Decal, ...] = ()
    if "striped" in attributes:
        decals = _bands(-0.2, 0.06, 0.03, 0.011, (0.15, 0.2, 0.08))
    head_c, head_r = (0.074, 0.024, 0.0), (0.026, 0.012, 0.015)
    tail_points = [
        (-0.045, 0.021, 0.0),
        (-0.09, 0.014, 0.006),
        (-0.14, 0.008, 0.0),
        (-0.18, 0.005, -0.012),
        (-0.22 * vary(), 0.004, -0.014),
    ]
    body = [Piece(Ellipsoid(body_c, body_r), decals=decals)]
    if "spotted" in attributes:
        body += _spots(
            body_c,
            body_r,
            [(x, 1.0, z) for x in (-0.6, 0.0, 0.6) for z in (-0.5, 0.5)],
            0.004,
            (0.9, 0.85, 0.3),
        )
    parts = [
        Part("body", body_c, tuple(body)),
        Part(
            "head",
            (0.05, 0.023, 0.0),
            (
                Piece(Ellipsoid(head_c, head_r, pitch=-0.05)),
                Piece(Ellipsoid((0.094, 0.021, 0.0), (0.014, 0.008, 0.0095))),
                *(
                    p
                    for side in (-1, 1)
                    for p in _eye(
                        _on(head_c, head_r, (0.35, 0.5, side * 0.8)), 0.0035, (0.3, 0.3, side), IRIS_GOLD
                    )
                ),
            ),
            "body",
        ),
        Part(
            "tail",
            tail_points[0],
            tuple(
                Piece(p.shape, decals=decals)
                for p in _chain(tail_points, [0.014, 0.01, 0.007, 0.004, 0.0015])
            ),
            "body",
        ),
    ]
    for name, x, side in (
        ("leg_fl", 0.034, -1),
        ("leg_fr", 0.034, 1),
        ("leg_bl", -0.038, -1),
        ("leg_br", -0.038, 1),
    ):
        hip = (x, 0.02, side * 0.016)
        knee = (x - 0.004 * (1 if x > 0 else -1), 0.025, side * 0.042)
        foot = (x + 0.01 * (1 if x > 0 else -1), 0.003, side * 0.05)
        toes = Ellipsoid((foot[0] + 0.004, 0.002, foot[2] + side * 0.003), (0.008, 0.002, 0.007))
        parts.append(
            Part(name, hip, (*_chain([hip, knee, foot], [0.0065, 0.005, 0.004]), Piece(toes)), "body")
        )
    return parts


# ---------------------------------------------------------------------------------------------------
# Water animals: static, they glide.
# ---------------------------------------------------------------------------------------------------


def _fish(vary: Vary, attributes: list[str]) -> list[Part]:
    """Flattened oval body, forked tail fin, dorsal, anal and side fins, big round eyes."""
    body_y = 0.065
    body_c, body_r = (0.0, body_y, 0.0), (0.11, 0.045 * vary(), 0.022)
    decals: tuple[Decal, ...] = ()
    if "striped" in attributes:
        decals = _bands(-0.07, 0.06, 0.045, 0.016, DARK)
    body = [
        Piece(Ellipsoid(body_c, body_r), decals=decals),
        Piece(Tube((-0.09, body_y, 0.0), (-0.13, body_y, 0.0), 0.02, 0.008)),
    ]
    if "spotted" in attributes:
        body += _spots(
            body_c,
            body_r,
            [
                (x, y, z)
                for x, y in ((-0.4, 0.4), (0.0, 0.6), (0.3, 0.2), (-0.6, -0.1), (-0.1, -0.2))
                for z in (-1, 1)
            ],
            0.006,
        )
    for side in (-1, 1):
        body += _eye(_on(body_c, body_r, (0.82, 0.32, side * 0.7)), 0.0095, (0.4, 0.1, side))
        body.append(
            Piece(
                Ellipsoid(
                    (0.035, body_y - 0.012, side * 0.024), (0.024, 0.009, 0.002), yaw=-side * 0.3, pitch=-0.35
                )
            )
        )
    body.append(_ball((0.108, body_y - 0.008, 0.0), 0.004, DARK))
    fins = (
        Piece(Ellipsoid((0.0, body_y + 0.035, 0.0), (0.048, 0.028, 0.0025), cut_below=0.0, pitch=-0.15)),
        Piece(Ellipsoid((-0.055, body_y - 0.03, 0.0), (0.026, 0.018, 0.0025), cut_above=0.0, pitch=-0.3)),
        Piece(Ellipsoid((0.02, body_y - 0.038, 0.0), (0.018, 0.012, 0.002), cut_above=0.0)),
    )
    tail_root = (-0.128, body_y, 0.0)
    spread = 0.55 * vary()
    tail = tuple(
        Piece(
            Ellipsoid(
                (tail_root[0] - 0.03 * math.cos(spread), body_y + lobe * 0.03 * math.sin(spread), 0.0),
                (0.036, 0.013, 0.0025),
                pitch=-lobe * spread,
            )
        )
        for lobe in (-1, 1)
    )
    return [
        Part("body", body_c, tuple(body)),
        Part("fins", (0.0, body_y, 0.0), fins, "body"),
        Part("tail", tail_root, tail, "body"),
    ]


def _dolphin(vary: Vary, attributes: list[str]) -> list[Part]:
    """Long grey body with a melon and beak, swept dorsal fin, side flippers, tail stock and flat flukes."""
    y = 0.4
    belly = (Decal((-0.7, 0.0, -1.0), (1.4, y - 0.12, 1.0), (0.86, 0.86, 0.88)),)
    head_c, head_r = (0.78, y + 0.04, 0.0), (0.3, 0.2 * vary(), 0.17)
    body = [
        Piece(Ellipsoid((0.05, y, 0.0), (0.9, 0.25, 0.24)), decals=belly),
        Piece(Tube((-0.6, y + 0.01, 0.0), (-1.08, y + 0.05, 0.0), 0.19, 0.055, caps=False), decals=belly),
        Piece(
            Box((-0.1, y + 0.34, 0.0), (0.4, 0.28, 0.05), top_scale=(0.12, 0.3), top_shift=-0.26),
            accent=True,
        ),
    ]
    for side in (-1, 1):
        flipper = Ellipsoid((0.41, y - 0.19, side * 0.24), (0.16, 0.022, 0.06), yaw=side * 0.65, pitch=0.3)
        body.append(Piece(flipper))
    tip = (1.27 * vary(), y - 0.09, 0.0)
    head = (
        Piece(Ellipsoid(head_c, head_r), decals=belly),
        Piece(Tube((1.0, y - 0.07, 0.0), tip, 0.065, 0.045, caps=False), decals=belly),
        _ball(tip, 0.045),
        *(_ball(_on(head_c, head_r, (0.55, -0.05, side * 0.84)), 0.022, DARK) for side in (-1, 1)),
    )
    fluke_root = (-1.1, y + 0.05, 0.0)
    flukes = [_ball(fluke_root, 0.055)]
    for side in (-1, 1):
        direction = (-0.45, 0.0, side * 1.0)
        center = vec3(r + 0.19 * d for r, d in zip(fluke_root, direction, strict=True))
        flukes.append(Piece(Ellipsoid(center, (0.09, 0.02, 0.22), yaw=-side * 0.42)))
    return [
        Part("body", (0.0, y, 0.0), tuple(body)),
        Part("head", (0.7, y, 0.0), head, "body"),
        Part("tail", fluke_root, tuple(flukes), "body"),
    ]


def _seal(vary: Vary, attributes: list[str]) -> list[Part]:
    """Plump body lying on its belly tapering to rear flippers, raised round head and snout, fore flippers."""
    body_c, body_r = (0.0, 0.24, 0.0), (0.58, 0.23 * vary(), 0.26)
    body = [
        Piece(Ellipsoid(body_c, body_r)),
        *_chain([(-0.4, 0.2, 0.0), (-0.78, 0.11, 0.0)], [0.19, 0.07]),
        *(
            Piece(Ellipsoid((0.3, 0.07, side * 0.27), (0.14, 0.025, 0.06), yaw=side * 0.5, pitch=-0.2))
            for side in (-1, 1)
        ),
        *(
            Piece(Ellipsoid((-0.9, 0.09, side * 0.09), (0.13, 0.02, 0.06), yaw=side * 0.45))
            for side in (-1, 1)
        ),
    ]
    if "spotted" in attributes:
        directions = [(x, y, z) for x in (-0.6, -0.2, 0.2, 0.5) for y in (0.5, 1.0) for z in (-0.7, 0.1, 0.7)]
        body += _spots(body_c, body_r, directions, 0.03, (0.2, 0.19, 0.18))
    head_c, head_r = (0.66, 0.45 * vary(), 0.0), (0.15, 0.135, 0.135)
    head = (
        Piece(Tube((0.4, 0.3, 0.0), (0.6, head_c[1] - 0.03, 0.0), 0.19, 0.14, caps=False)),
        Piece(Ellipsoid(head_c, head_r)),
        Piece(Ellipsoid((0.8, head_c[1] - 0.03, 0.0), (0.075, 0.065, 0.085))),
        Piece(Ellipsoid((0.872, head_c[1] - 0.01, 0.0), (0.018, 0.022, 0.03)), DARK),
        *(_ball(_on(head_c, head_r, (0.6, 0.35, side * 0.7)), 0.028, DARK) for side in (-1, 1)),
    )
    return [Part("body", body_c, tuple(body)), Part("head", (0.45, 0.32, 0.0), head, "body")]


def _jellyfish(vary: Vary, attributes: list[str]) -> list[Part]:
    """A domed bell with a scalloped rim, four frilly oral arms and thin trailing tentacles."""
    bell_y, bell_r, bell_h = 0.36, 0.15, 0.13 * vary()
    rim_y = bell_y - 0.2 * bell_h
    bell = [
        Piece(Ellipsoid((0.0, bell_y, 0.0), (bell_r, bell_h, bell_r), cut_below=-0.2)),
        Piece(Ellipsoid((0.0, rim_y, 0.0), (bell_r - 0.003, 0.035, bell_r - 0.003), cut_above=0.0)),
        *(
            _ball((0.147 * math.cos(a), rim_y, 0.147 * math.sin(a)), 0.011)
            for a in (k * math.tau / 16 for k in range(16))
        ),
    ]
    arms = []
    for k in range(4):
        a = k * math.tau / 4
        u, t = (math.cos(a), math.sin(a)), (-math.sin(a), math.cos(a))
        wave = [0.0, 0.02, -0.02, 0.02, 0.0]
        points = [
            vec3((0.03 * u[0] + w * t[0], yy, 0.03 * u[1] + w * t[1]))
            for w, yy in zip(wave, (rim_y, 0.27, 0.2, 0.13, 0.07), strict=True)
        ]
        arms += _chain(points, [0.02, 0.017, 0.014, 0.01, 0.005])
    tentacles = []
    for k in range(10):
        a = (k + 0.5) * math.tau / 10
        u, t = (math.cos(a), math.sin(a)), (-math.sin(a), math.cos(a))
        swing = 0.02 if k % 2 else -0.02
        points = [
            vec3((r * u[0] + w * t[0], yy, r * u[1] + w * t[1]))
            for r, w, yy in (
                (0.13, 0.0, rim_y),
                (0.12, swing, 0.22),
                (0.13, -swing, 0.11),
                (0.12, swing, 0.0),
            )
        ]
        tentacles += _chain(points, [0.004, 0.0035, 0.003, 0.002])
    return [
        Part("bell", (0.0, bell_y, 0.0), tuple(bell)),
        Part("arms", (0.0, rim_y, 0.0), tuple(arms), "bell"),
        Part("tentacles", (0.0, rim_y, 0.0), tuple(tentacles), "bell"),
    ]


def _octopus(vary: Vary, attributes: list[str]) -> list[Part]:
    """Big mantle tilted back over a head with large eyes, eight tapering arms curling out over the ground."""
    head_c, head_r = (0.02, 0.11, 0.0), (0.08, 0.065, 0.085)
    body = (
        Piece(Ellipsoid((-0.05, 0.22, 0.0), (0.1, 0.13 * vary(), 0.095), pitch=0.4)),
        Piece(Ellipsoid(head_c, head_r)),
        *(
            p
            for side in (-1, 1)
            for p in _eye(
                _on(head_c, head_r, (0.5, 0.55, side * 0.7)), 0.018, (0.6, 0.1, side), (0.95, 0.9, 0.72)
            )
        ),
    )
    parts = [Part("body", head_c, body)]
    reach = 0.3 * vary()
    for k in range(8):
        a = (k + 0.5) * math.tau / 8
        u, t = (math.cos(a), math.sin(a)), (-math.sin(a), math.cos(a))
        curl = 1 if k % 2 else -1
        path = (
            (0.03, 0.08, 0.0),
            (0.3, 0.035, 0.0),
            (0.53, 0.02, 0.01),
            (0.73, 0.02, 0.03),
            (0.9, 0.03, 0.055),
            (1.0, 0.055, 0.07),
        )
        points = [
            vec3((head_c[0] + d * reach * u[0] + curl * w * t[0], yy, d * reach * u[1] + curl * w * t[1]))
            for d, yy, w in path
        ]
        parts.append(
            Part(
                f"arm_{k + 1}",
                points[0],
                tuple(_chain(points, [0.035, 0.026, 0.018, 0.012, 0.008, 0.004])),
                "body",
            )
        )
    return parts


def _crab(vary: Vary, attributes: list[str]) -> list[Part]:
    """Wide flat shell on four pairs of bent legs, eyes on stalks, two big pincers held forward."""
    shell_y, shell_r = 0.04, (0.056, 0.024 * vary(), 0.08)
    body = [Piece(Ellipsoid((0.0, shell_y, 0.0), shell_r))]
    for side in (-1, 1):
        stalk = (0.05, 0.07, side * 0.018)
        body += [
            Piece(Tube((0.038, shell_y + 0.01, side * 0.015), stalk, 0.003, 0.0025)),
            _ball(stalk, 0.005, DARK),
        ]
    parts = [Part("body", (0.0, shell_y, 0.0), tuple(body))]
    for side, suffix in ((-1, "l"), (1, "r")):
        legs = []
        for angle in (0.45, 0.1, -0.3, -0.7):  # fanned out, front ones forward (radians from the side)
            out = (math.sin(angle), 0.0, side * math.cos(angle))
            hip = _on((0.0, shell_y - 0.006, 0.0), (0.048, 0.02, 0.072), out)
            knee = (hip[0] + 0.035 * out[0], 0.052, hip[2] + 0.035 * out[2])
            foot = (hip[0] + 0.068 * out[0], 0.002, hip[2] + 0.068 * out[2])
            legs += _chain([hip, knee, foot], [0.0075, 0.006, 0.003])
        parts.append(Part(f"legs_{suffix}", (0.0, shell_y, side * 0.06), tuple(legs), "body"))
        shoulder, elbow, wrist = (
            (0.03, shell_y - 0.005, side * 0.055),
            (0.06, 0.035, side * 0.085),
            (0.082, 0.04, side * 0.072),
        )
        palm_c = (0.1 * vary(), 0.043, side * 0.062)
        claw = (
            *_chain([shoulder, elbow, wrist], [0.007, 0.0075, 0.009]),
            Piece(Ellipsoid(palm_c, (0.028, 0.017, 0.014), yaw=side * 0.35)),
            *_chain(
                [
                    (palm_c[0] + 0.016, 0.049, palm_c[2] - side * 0.006),
                    (0.142, 0.05, palm_c[2] - side * 0.02),
                ],
                [0.006, 0.002],
            ),
            *_chain(
                [
                    (palm_c[0] + 0.016, 0.036, palm_c[2] - side * 0.006),
                    (0.136, 0.034, palm_c[2] - side * 0.018),
                ],
                [0.005, 0.002],
            ),
        )
        parts.append(Part(f"claw_{suffix}", shoulder, claw, "body"))
    return parts


def _snail(vary: Vary, attributes: list[str]) -> list[Part]:
    """A soft foot with a raised head and eye stalks, under a coiled shell with a dark spiral line."""
    foot = (
        Piece(
            Ellipsoid((0.0, 0.0035, 0.0), (0.028, 0.006, 0.0075), cut_below=-0.5), SNAIL_FLESH, accent=True
        ),
        *_chain(
            [(0.018, 0.004, 0.0), (0.028, 0.012, 0.0), (0.031, 0.016, 0.0)],
            [0.005, 0.0045, 0.004],
            SNAIL_FLESH,
            accent=True,
        ),
    )
    head = [
        *(
            p
            for side in (-1, 1)
            for p in _chain(
                [(0.031, 0.018, side * 0.002), (0.036, 0.03, side * 0.005)], [0.0008, 0.0007], SNAIL_FLESH
            )
        ),
        *(_ball((0.036, 0.03, side * 0.005), 0.0012, DARK) for side in (-1, 1)),
        *(
            p
            for side in (-1, 1)
            for p in _chain(
                [(0.034, 0.014, side * 0.003), (0.04, 0.011, side * 0.005)], [0.001, 0.0007], SNAIL_FLESH
            )
        ),
    ]
    # The shell: a tube coiling inward along a logarithmic spiral in the side (x, y) plane, each whorl a
    # little thinner (ratio q per turn) and touching the next, its spire offset to the left (-z).
    center, outer, q = (-0.004, 0.03, 0.0), 0.018 * vary(), 0.38
    start, turns, step = -0.5 * math.pi + 0.4, 2.4, 0.55
    whorl = [
        (outer * q ** (k * step / math.tau), start + k * step)
        for k in range(int(turns * math.tau / step) + 1)
    ]
    spine = [
        (center[0] + r * math.cos(a), center[1] + r * math.sin(a), -0.35 * (outer - r)) for r, a in whorl
    ]
    widths = [0.45 * r for r, _ in whorl]
    shell = _chain(spine, widths)
    for side in (-1, 1):
        line = [(x, y, z + side * 0.97 * w) for (x, y, z), w in zip(spine, widths, strict=True)]
        shell += [
            Piece(Tube(a, b, 0.08 * w, 0.08 * w, caps=False), SHELL_LINE)
            for a, b, w in zip(line, line[1:], widths, strict=False)
        ]
    return [
        Part("body", (0.0, 0.005, 0.0), foot),
        Part("head", (0.028, 0.012, 0.0), tuple(head), "body"),
        Part("shell", center, tuple(shell), "body"),
    ]


# ---------------------------------------------------------------------------------------------------
# Insects: fliers on the bird rig, a crawler.
# ---------------------------------------------------------------------------------------------------


def _butterfly(vary: Vary, attributes: list[str]) -> list[Part]:
    """Slim dark body with knobbed antennae, big raised forewings with dark tips over rounder hindwings."""
    body_y, tilt = 0.01, 1.1 * vary()
    head_c = (0.012, body_y + 0.001, 0.0)
    parts = [
        Part(
            "body",
            (0.0, body_y, 0.0),
            (Piece(Ellipsoid((-0.004, body_y, 0.0), (0.014, 0.0025, 0.0025), pitch=0.1), DARK),),
        ),
        Part(
            "head",
            head_c,
            (
                _ball(head_c, 0.0026, DARK),
                *(
                    p
                    for side in (-1, 1)
                    for p in _chain(
                        [(0.013, body_y + 0.003, side * 0.001), (0.026, body_y + 0.014, side * 0.007)],
                        [0.0004, 0.0004],
                        DARK,
                    )
                ),
                *(_ball((0.026, body_y + 0.014, side * 0.007), 0.0009, DARK) for side in (-1, 1)),
            ),
            "body",
        ),
    ]
    for side, suffix in ((-1, "l"), (1, "r")):
        root = (0.002, body_y + 0.001, side * 0.0015)
        rim = 0.026 * math.cos(tilt)  # past it, the forewing's dark tip
        tip = Decal((0.003, -1.0, rim if side > 0 else -1.0), (1.0, 1.0, 1.0 if side > 0 else -rim), DARK)
        wings = (
            _wing(root, side, 0.024, 0.012, tilt, 0.5, decals=(tip,)),
            _wing(root, side, 0.016, 0.012, tilt - 0.1, -0.8),
        )
        parts.append(Part(f"wing_{suffix}", root, wings, "body"))
    return parts


def _bee(vary: Vary, attributes: list[str]) -> list[Part]:
    """Yellow abdomen with dark stripes and a sting, fuzzy thorax, dark head and legs, clear wings."""
    y = 0.0065
    abdomen = Ellipsoid((-0.0055, y - 0.0005, 0.0), (0.0075 * vary(), 0.005, 0.005), pitch=0.15)
    body = [
        Piece(abdomen, decals=_bands(-0.0105, -0.003, 0.0032, 0.0009, DARK)),
        *_chain([(-0.012, y - 0.0015, 0.0), (-0.0145, y - 0.002, 0.0)], [0.0007, 0.0002], DARK),
        _ball((0.003, y + 0.0003, 0.0), 0.0038),
    ]
    for side in (-1, 1):
        for x in (0.004, 0.002, -0.0005):
            body += _chain(
                [
                    (x, y - 0.0025, side * 0.0015),
                    (x - 0.0005, y - 0.0045, side * 0.0035),
                    (x - 0.0015, y - 0.0063, side * 0.0038),
                ],
                [0.0003, 0.00025, 0.0002],
                DARK,
            )
    head_c = (0.0075, y - 0.0003, 0.0)
    head = (
        Piece(Ellipsoid(head_c, (0.0018, 0.0023, 0.0025)), DARK),
        *(
            p
            for side in (-1, 1)
            for p in _chain(
                [
                    (0.0085, y + 0.0015, side * 0.001),
                    (0.0105, y + 0.004, side * 0.002),
                    (0.012, y + 0.003, side * 0.003),
                ],
                [0.0003, 0.0003, 0.0003],
                DARK,
            )
        ),
    )
    parts = [Part("body", (0.0, y, 0.0), tuple(body)), Part("head", head_c, head, "body")]
    for side, suffix in ((-1, "l"), (1, "r")):
        root = (0.002, y + 0.003, side * 0.0015)
        parts.append(
            Part(f"wing_{suffix}", root, (_wing(root, side, 0.0065, 0.0025, 0.35, -0.5, WING_CLEAR),), "body")
        )
    return parts


def _ladybug(vary: Vary, attributes: list[str]) -> list[Part]:
    """Red domed wing cases with black spots and a seam, black head with white cheeks, six short legs."""
    base = 0.0008
    dome_c, dome_r = (-0.0005, base, 0.0), (0.0042, 0.0034 * vary(), 0.0037)
    directions = [
        (0.5, 0.8, 0.0),
        (0.25, 0.5, 0.8),
        (0.25, 0.5, -0.8),
        (-0.35, 0.8, 0.45),
        (-0.35, 0.8, -0.45),
        (-0.65, 0.45, 0.6),
        (-0.65, 0.45, -0.6),
    ]
    seam = [_on(dome_c, dome_r, (math.cos(a), math.sin(a), 0.0)) for a in (0.9, 1.3, 1.7, 2.1, 2.5, 2.9)]
    body = (
        Piece(Ellipsoid(dome_c, dome_r, cut_below=0.0)),
        Piece(Ellipsoid((-0.0005, base, 0.0), (0.004, 0.0004, 0.0034)), DARK),
        *_spots(dome_c, dome_r, directions, 0.00052),
        *_chain(seam, [0.0001] * len(seam), DARK),
    )
    head = (
        Piece(Ellipsoid((0.0033, base, 0.0), (0.0012, 0.0019, 0.0024), cut_below=0.0), DARK),
        *(_ball((0.004, base + 0.0009, side * 0.0014), 0.0005, WHITE) for side in (-1, 1)),
        Piece(Ellipsoid((0.0046, base + 0.0002, 0.0), (0.0007, 0.0007, 0.0011)), DARK),
    )
    legs = tuple(
        p
        for side in (-1, 1)
        for x in (0.0022, 0.0, -0.0022)
        for p in _chain(
            [
                (x, base, side * 0.0022),
                (x + 0.0005 * (1 if x >= 0 else -1), 0.5 * base, side * 0.0037),
                (x + 0.0008 * (1 if x >= 0 else -1), 0.0, side * 0.0041),
            ],
            [0.00024, 0.0002, 0.00018],
            DARK,
        )
    )
    return [
        Part("body", (0.0, base, 0.0), body),
        Part("head", (0.0028, base, 0.0), head, "body"),
        Part("legs", (0.0, base, 0.0), legs, "body"),
    ]


CATEGORIES: tuple[Category, ...] = (
    Category(
        "turtle",
        (0.4, 0.15, 0.27),
        "quadruped",
        (0.33, 0.42, 0.2),
        build=_turtle,
        splats=3000,
        nouns=("tortoise", "terrapin"),
    ),
    Category(
        "frog",
        (0.1, 0.06, 0.13),
        "quadruped",
        (0.3, 0.62, 0.22),
        build=_frog,
        splats=2800,
        nouns=("toad", "bullfrog"),
    ),
    Category(
        "lizard",
        (0.33, 0.04, 0.12),
        "quadruped",
        (0.42, 0.58, 0.2),
        build=_lizard,
        splats=3000,
        nouns=("gecko", "skink", "chameleon", "anole"),
    ),
    Category(
        "fish",
        (0.3, 0.11, 0.06),
        "fish",
        (0.95, 0.55, 0.15),
        build=_fish,
        splats=2500,
        floats=False,
        nouns=(
            "goldfish",
            "koi",
            "carp",
            "trout",
            "minnow",
            "guppy",
            "clownfish",
            "catfish",
            "piranha",
            "angelfish",
        ),
    ),
    Category(
        "dolphin",
        (2.6, 0.73, 0.79),
        "static",
        (0.5, 0.56, 0.64),
        build=_dolphin,
        splats=3500,
        nouns=("porpoise",),
    ),
    Category(
        "seal",
        (1.9, 0.57, 0.71),
        "static",
        (0.5, 0.48, 0.46),
        build=_seal,
        splats=3000,
        nouns=("sea lion",),
    ),
    Category("snail", (0.069, 0.047, 0.017), "static", (0.6, 0.42, 0.22), build=_snail, splats=3000),
    Category(
        "jellyfish",
        (0.32, 0.49, 0.32),
        "static",
        (0.85, 0.55, 0.85),
        build=_jellyfish,
        splats=3000,
        flies=False,
    ),
    Category(
        "butterfly",
        (0.045, 0.043, 0.042),
        "bird",
        (0.95, 0.55, 0.1),
        build=_butterfly,
        splats=2500,
        flies=True,
    ),
    Category(
        "bee",
        (0.027, 0.014, 0.023),
        "bird",
        (0.95, 0.75, 0.12),
        build=_bee,
        splats=2200,
        flies=True,
        nouns=("honeybee", "bumblebee"),
    ),
    Category(
        "ladybug",
        (0.01, 0.0045, 0.0086),
        "static",
        (0.85, 0.08, 0.06),
        build=_ladybug,
        splats=2000,
        nouns=("ladybird",),
    ),
    Category("crab", (0.22, 0.077, 0.29), "static", (0.85, 0.3, 0.15), build=_crab, splats=3000),
    Category("octopus", (0.62, 0.34, 0.62), "static", (0.75, 0.35, 0.35), build=_octopus, splats=3500),
)
