"""Natural features that are things in a scene: rocks, clouds, the sun, water."""

from __future__ import annotations

import math

import torch

from scenewright.schema import vec3
from scenewright.tools.scene.parts import DARK, WOOD, Box, Category, Ellipsoid, Part, Piece, Tube, Vary, Vec

WATER_GLINT = (0.6, 0.8, 0.95)
CARROT = (0.95, 0.45, 0.1)


def _rock(vary: Vary, attributes: list[str]) -> list[Part]:
    """A rounded core inside turned slabs that give it facets (no slabs if 'smooth'); a small stone beside."""
    height = 0.6 * vary()
    smooth = any(word in attributes for word in ("round", "smooth", "rounded"))
    body = [
        Piece(
            Ellipsoid((0.0, 0.3 * height, 0.0), (0.47 * vary(), 0.7 * height, 0.38), yaw=0.3, cut_below=-0.43)
        ),
        Piece(Ellipsoid((-0.2, 0.25 * height, 0.1), (0.3, 0.6 * height, 0.3), pitch=0.3, cut_below=-0.42)),
    ]
    if not smooth:  # low wide slabs, each turned, so the sides break into flat faces
        slabs = (
            ((0.05, 0.02), (0.98, 0.55, 0.7), (0.6, 0.7), 0.1, 0.35),
            ((-0.06, 0.05), (0.8, 0.7, 0.78), (0.5, 0.55), -0.1, -0.55),
            ((0.1, -0.04), (0.66, 0.8, 0.55), (0.45, 0.5), 0.05, 1.25),
        )
        body += [
            Piece(Box((x, f * height / 2, z), (sx, f * height, sz), top_scale=top, top_shift=shift, yaw=yaw))
            for (x, z), (sx, f, sz), top, shift, yaw in slabs
        ]
    stone = Ellipsoid((0.43, 0.05, 0.3), (0.15, 0.12, 0.11), yaw=0.7, pitch=0.3, cut_below=-0.4)
    return [
        Part("body", (0.0, 0.0, 0.0), tuple(body)),
        Part("stone", (0.43, 0.0, 0.3), (Piece(stone, accent=True),), parent="body"),
    ]


def _cloud(vary: Vary, attributes: list[str]) -> list[Part]:
    """A flat-bottomed base with puffy lumps heaped on top, tallest in the middle."""
    base = Piece(Ellipsoid((0.0, 0.55, 0.0), (2.9, 0.55, 1.6), cut_below=-0.6))
    puffs = (
        ((-1.7, 0.9, 0.2), 0.8),
        ((-0.7, 1.3, -0.3), 1.05),
        ((0.5, 1.4, 0.25), 1.15),
        ((1.6, 1.0, -0.15), 0.85),
        ((-0.2, 1.0, 0.9), 0.75),
        ((0.8, 0.9, -0.95), 0.7),
        ((2.3, 0.75, 0.4), 0.55),
    )
    lumps = tuple(
        Piece(Ellipsoid(centre, (r * vary(), 0.9 * r, 0.95 * r), cut_below=-0.5)) for centre, r in puffs
    )
    return [
        Part("body", (0.0, 0.5, 0.0), (base,)),
        Part("puffs", (0.0, 1.0, 0.0), lumps, parent="body"),
    ]


def _directions(count: int) -> list[Vec]:
    """`count` unit vectors spread evenly over the sphere (a Fibonacci spiral)."""
    k = torch.arange(count, dtype=torch.float64) + 0.5  # [count]
    y = 1 - 2 * k / count
    ring = (1 - y * y).sqrt()
    phi = math.pi * (3 - math.sqrt(5)) * k
    return [vec3(v) for v in torch.stack([ring * phi.cos(), y, ring * phi.sin()], 1).tolist()]


def _sun(vary: Vary, attributes: list[str]) -> list[Part]:
    """A glowing ball (a disc from anywhere) ringed by short pointed rays."""
    r = 1.0 * vary()
    centre = (0.0, 1.5, 0.0)
    rays = tuple(
        Piece(
            Tube(
                vec3(c + 0.9 * r * d for c, d in zip(centre, u, strict=True)),
                vec3(c + 1.5 * d for c, d in zip(centre, u, strict=True)),
                0.16,
                0.01,
                caps=False,
            )
        )
        for u in _directions(26)
    )
    return [
        Part("disc", centre, (Piece(Ellipsoid(centre, (r, r, r))),)),
        Part("rays", centre, rays, parent="disc"),
    ]


def _sunbeam(vary: Vary, attributes: list[str]) -> list[Part]:
    """Thin golden rays fanning down to the ground from a small bright disc, with sky between them."""
    top = 4.6 * vary()
    centre = (0.0, top, 0.0)
    rays = []
    for k in range(9):  # alternately long and thin, short and broad, with sky showing between them
        angle, reach = math.tau * k / 9, 2.0 if k % 2 else 1.5
        foot = (reach * math.cos(angle), 0.0, reach * math.sin(angle))
        start = (0.08 * foot[0], top - 0.3, 0.08 * foot[2])
        rays.append(Piece(Tube(start, foot, 0.01, 0.09 if k % 2 else 0.14, caps=False)))
    return [
        Part("disc", centre, (Piece(Ellipsoid(centre, (0.32, 0.32, 0.32)), (1.0, 0.97, 0.82), accent=True),)),
        Part("rays", centre, tuple(rays), parent="disc"),
    ]


def _water(vary: Vary, attributes: list[str]) -> list[Part]:
    """A shallow pool of a few overlapping flat domes, with paler glints on the surface."""
    depth = 0.03
    blobs = (
        ((0.0, 0.0), (0.75, 0.6)),
        ((0.35, 0.25), (0.6, 0.5)),
        ((-0.4, -0.2), (0.55, 0.5)),
        ((-0.3, 0.35), (0.45, 0.38)),
        ((0.45, -0.3), (0.48, 0.4)),
    )
    pool = tuple(
        Piece(Ellipsoid((x, 0.0, z), (rx * vary(), depth, rz * vary()), yaw=0.5 * k, cut_below=0.0))
        for k, ((x, z), (rx, rz)) in enumerate(blobs)
    )
    glints = tuple(
        Piece(Ellipsoid((x, depth + 0.004, z), (rx, 0.002, 0.03), yaw=yaw), WATER_GLINT, accent=True)
        for x, z, rx, yaw in ((-0.2, 0.1, 0.3, 0.2), (0.3, -0.15, 0.22, -0.1), (0.05, 0.35, 0.18, 0.3))
    )
    return [Part("pool", (0.0, 0.0, 0.0), pool), Part("glints", (0.0, depth, 0.0), glints, parent="pool")]


def _river(vary: Vary, attributes: list[str]) -> list[Part]:
    """A flat ribbon of water winding along x, with paler streaks running with the flow."""
    length, width, swing, depth = 10.0, 1.6 * vary(), 0.45, 0.03
    count = 24
    step = length / count
    segments, streaks = [], []
    for k in range(count):
        x = -length / 2 + (k + 0.5) * step
        phase = math.tau * 1.1 * x / length
        z = swing * math.sin(phase)
        heading = -math.atan(swing * math.tau * 1.1 / length * math.cos(phase))  # yaw along the bank
        segments.append(
            Piece(Ellipsoid((x, 0.0, z), (0.9 * step, depth, width / 2), yaw=heading, cut_below=0.0))
        )
        if k % 3 == 1:
            offset = 0.18 * width * (1 if k % 2 else -1)
            streaks.append(
                Piece(
                    Ellipsoid((x, depth + 0.004, z + offset), (0.6 * step, 0.002, 0.04), yaw=heading),
                    WATER_GLINT,
                    accent=True,
                )
            )
    return [
        Part("water", (0.0, 0.0, 0.0), tuple(segments)),
        Part("streaks", (0.0, depth, 0.0), tuple(streaks), parent="water"),
    ]


def _snowman(vary: Vary, attributes: list[str]) -> list[Part]:
    """Three stacked snowballs, coal eyes and buttons, a carrot nose and twig arms."""
    r0, r1, r2 = 0.4 * vary(), 0.28, 0.19 * vary()
    y0 = 0.85 * r0
    y1 = y0 + r0 + 0.75 * r1
    y2 = y1 + r1 + 0.8 * r2
    coal = 0.028
    head = (
        Piece(Ellipsoid((0.0, y2, 0.0), (r2, r2, r2))),
        *(
            Piece(Ellipsoid((0.88 * r2, y2 + 0.3 * r2, side * 0.35 * r2), (coal, coal, coal)), DARK)
            for side in (-1, 1)
        ),
        Piece(Tube((0.9 * r2, y2, 0.0), (r2 + 0.17, y2 - 0.01, 0.0), 0.03, 0.004), CARROT),
    )
    buttons = tuple(
        Piece(Ellipsoid((r * math.cos(a), y + r * math.sin(a), 0.0), (coal, coal, coal)), DARK)
        for r, y, a in ((r1, y1, 0.35), (r1, y1, -0.05), (r0, y0, 0.55))
    )
    parts = [
        Part("base", (0.0, 0.0, 0.0), (Piece(Ellipsoid((0.0, y0, 0.0), (r0, r0, r0), cut_below=-0.85)),)),
        Part(
            "body", (0.0, y1, 0.0), (Piece(Ellipsoid((0.0, y1, 0.0), (r1, r1, r1))), *buttons), parent="base"
        ),
        Part("head", (0.0, y2 - r2, 0.0), head, parent="body"),
    ]
    for side, suffix in ((-1, "l"), (1, "r")):
        shoulder = (0.0, y1 + 0.1, side * 0.8 * r1)
        hand = (0.02, y1 + 0.35, side * (r1 + 0.45))
        fork = (0.03, y1 + 0.45, side * (r1 + 0.32))
        twig = (0.05, y1 + 0.28, side * (r1 + 0.55))
        parts.append(
            Part(
                f"arm_{suffix}",
                shoulder,
                (
                    Piece(Tube(shoulder, hand, 0.016, 0.009), WOOD),
                    Piece(Tube((0.01, y1 + 0.27, side * (r1 + 0.25)), fork, 0.008, 0.004), WOOD),
                    Piece(Tube(hand, twig, 0.008, 0.004), WOOD),
                ),
                parent="body",
            )
        )
    return parts


CATEGORIES: tuple[Category, ...] = (
    Category(
        "rock",
        (1.0, 0.6, 0.8),
        "static",
        (0.5, 0.49, 0.47),
        build=_rock,
        splats=2000,
        nouns=("stone", "boulder"),
    ),
    Category("cloud", (6.0, 2.4, 3.6), "static", (0.96, 0.96, 0.97), build=_cloud, splats=4000, flies=True),
    Category("sun", (3.0, 3.0, 3.0), "static", (1.0, 0.85, 0.2), build=_sun, splats=3000, flies=True),
    Category(
        "sunbeam",
        (4.0, 5.0, 4.0),
        "static",
        (1.0, 0.85, 0.45),
        build=_sunbeam,
        splats=2500,
        nouns=("sunlight", "sunray", "ray"),
    ),
    Category(
        "water",
        (2.0, 0.04, 1.6),
        "static",
        (0.2, 0.45, 0.7),
        build=_water,
        splats=2000,
        nouns=("pond", "puddle", "pool"),
    ),
    Category(
        "river",
        (10.0, 0.04, 2.5),
        "static",
        (0.2, 0.45, 0.7),
        build=_river,
        splats=4000,
        nouns=("stream", "creek", "brook"),
    ),
    Category("snowman", (0.8, 1.65, 1.5), "static", (0.95, 0.96, 0.98), build=_snowman, splats=3000),
)
