"""Vehicles: wheeled ones with spinning wheels, and boats."""

from __future__ import annotations

import math

import torch

from scenewright.tools.parts import (
    DARK,
    GLASS,
    METAL,
    TYRE,
    WHITE,
    WOOD,
    Box,
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


def _wheel(name: str, center: Vec, radius: float, tyre: float, hub: float) -> Part:
    """A tyre (torus) around a hub disc, spinning about z at its centre."""
    x, y, z = center
    return Part(
        name,
        center,
        (
            Piece(Torus(center, radius - tyre, tyre), TYRE),
            Piece(Tube((x, y, z - 0.6 * tyre), (x, y, z + 0.6 * tyre), hub, hub), METAL),
        ),
    )


def _car(vary: Vary, attributes: list[str]) -> list[Part]:
    wheel_r, track = 0.34, 0.78
    cabin_h = 0.55 * vary()
    body = (
        Piece(Box((0.0, 0.68, 0.0), (4.3, 0.62, 1.78), top_scale=(0.97, 0.97))),
        Piece(
            Box((-0.25, 0.99 + cabin_h / 2, 0.0), (2.3, cabin_h, 1.6), top_scale=(0.6, 0.82), top_shift=-0.2),
            GLASS,
        ),
        Piece(Box((-0.35, 0.99 + cabin_h + 0.02, 0.0), (1.4, 0.05, 1.34))),
        Piece(Box((2.14, 0.45, 0.0), (0.08, 0.16, 1.8)), (0.15, 0.15, 0.16), accent=True),
        Piece(Box((-2.14, 0.45, 0.0), (0.08, 0.16, 1.8)), (0.15, 0.15, 0.16), accent=True),
        *(Piece(Box((2.15, 0.8, side * 0.62), (0.04, 0.1, 0.3)), (1.0, 0.97, 0.8)) for side in (-1, 1)),
        *(Piece(Box((-2.15, 0.8, side * 0.66), (0.04, 0.1, 0.25)), (0.8, 0.05, 0.05)) for side in (-1, 1)),
    )
    parts = [Part("body", (0.0, 0.0, 0.0), body)]
    for name, x, side in (
        ("wheel_fl", 1.4, -1),
        ("wheel_fr", 1.4, 1),
        ("wheel_bl", -1.35, -1),
        ("wheel_br", -1.35, 1),
    ):
        parts.append(_wheel(name, (x, wheel_r, side * track), wheel_r, 0.11, 0.2))
    return parts


def _bus(vary: Vary, attributes: list[str]) -> list[Part]:
    wheel_r, length, width, floor = 0.5, 11.0, 2.5, 0.6
    height = 2.6 * vary()
    window_low, window_high = floor + 0.4 * height, floor + 0.85 * height
    front, side = length / 2, width / 2
    # Windows are decals on the body's own surface: no coplanar layers to flicker through each other.
    windows = [
        Decal(
            (front - 0.05, window_low - 0.3, -side + 0.15), (front + 0.05, window_high, side - 0.15), GLASS
        ),
        Decal(
            (front - 1.5, floor + 0.1 * height, side - 0.05), (front - 0.5, window_high, side + 0.05), GLASS
        ),
        Decal((-front - 0.05, window_low, -side + 0.3), (-front + 0.05, window_high, side - 0.3), GLASS),
        *(
            Decal((x, window_low, -side - 0.05), (x + 1.3, window_high, side + 0.05), GLASS)
            for x in torch.arange(-front + 0.5, front - 1.7, 1.5).tolist()
        ),
        Decal((-front - 0.1, floor, -side - 0.1), (front + 0.1, floor + 0.25, side + 0.1), (0.2, 0.2, 0.22)),
        *(
            Decal(
                (front - 0.05, floor + 0.35, z - 0.2), (front + 0.05, floor + 0.55, z + 0.2), (1.0, 0.97, 0.8)
            )
            for z in (-0.9, 0.9)
        ),
    ]
    body = Piece(
        Box((0.0, floor + height / 2, 0.0), (length, height, width), open_bottom=True), decals=tuple(windows)
    )
    parts = [Part("body", (0.0, 0.0, 0.0), (body,))]
    for name, x, z in (
        ("wheel_fl", 3.6, -1),
        ("wheel_fr", 3.6, 1),
        ("wheel_bl", -3.4, -1),
        ("wheel_br", -3.4, 1),
    ):
        parts.append(_wheel(name, (x, wheel_r, z * 1.05), wheel_r, 0.18, 0.25))
    return parts


def _bicycle(vary: Vary, attributes: list[str]) -> list[Part]:
    r, tube = 0.35, 0.022
    back, front = (-0.52, r, 0.0), (0.52, r, 0.0)
    crank = (0.0, 0.3, 0.0)
    seat_top = (-0.12, 0.86 * vary(), 0.0)
    head_top, head_low = (0.4, 0.88, 0.0), (0.43, 0.75, 0.0)
    frame = [
        Piece(Tube(crank, seat_top, tube, tube)),  # seat tube
        Piece(Tube(seat_top, head_top, tube, tube)),  # top tube
        Piece(Tube(crank, head_low, tube, tube)),  # down tube
        Piece(Tube(crank, back, tube, tube)),  # chain stay
        Piece(Tube(seat_top, back, tube, tube)),  # seat stay
        Piece(Tube(head_low, front, tube, 0.8 * tube)),  # fork
        Piece(Tube(head_top, (0.38, 0.98, 0.0), tube, tube)),  # stem
        Piece(Tube((0.36, 0.98, -0.25), (0.36, 0.98, 0.25), tube, tube), DARK),  # handlebar
        Piece(Ellipsoid((-0.14, seat_top[1] + 0.04, 0.0), (0.12, 0.03, 0.06)), DARK),  # saddle
        Piece(Tube((crank[0], crank[1], -0.06), (crank[0], crank[1], 0.06), 0.08, 0.08), METAL),  # chain ring
    ]
    parts = [Part("body", (0.0, 0.0, 0.0), tuple(frame))]
    for name, centre in (("wheel_b", back), ("wheel_f", front)):
        wheel = _wheel(name, centre, r, 0.025, 0.035)
        rim = Piece(Torus(centre, r - 0.05, 0.012), METAL)
        spokes = tuple(
            Piece(
                Tube(
                    centre, (centre[0] + 0.3 * math.cos(a), centre[1] + 0.3 * math.sin(a), 0.0), 0.004, 0.004
                ),
                METAL,
            )
            for a in torch.linspace(0, math.tau, 9)[:-1].tolist()
        )
        parts.append(Part(name, centre, (*wheel.pieces, rim, *spokes)))
    return parts


def _boat(vary: Vary, attributes: list[str]) -> list[Part]:
    keel_y, deck_y = 0.5, 0.85
    cabin_h = 0.65 * vary()
    # Rounded bottom (lower half of an ellipsoid) below near-vertical topsides (a thin band of a tall one).
    windows = Decal((-1.3, deck_y + 0.45 * cabin_h, -0.7), (0.5, deck_y + 0.8 * cabin_h, 0.7), GLASS)
    return [
        Part(
            "hull",
            (0.0, 0.0, 0.0),
            (
                Piece(Ellipsoid((0.0, keel_y, 0.0), (2.5, keel_y, 1.0), cut_above=0.0)),
                Piece(
                    Ellipsoid(
                        (0.0, keel_y, 0.0), (2.5, 2.2, 1.0), cut_below=0.0, cut_above=(deck_y - keel_y) / 2.2
                    ),
                ),
                Piece(Ellipsoid((0.0, deck_y, 0.0), (2.48, 0.02, 0.98)), WOOD),  # deck
            ),
        ),
        Part(
            "cabin",
            (0.0, deck_y, 0.0),
            (
                Piece(
                    Box((-0.4, deck_y + cabin_h / 2, 0.0), (1.6, cabin_h, 1.2), top_scale=(0.85, 0.9)),
                    WHITE,
                    accent=True,
                    decals=(windows,),
                ),
                Piece(Box((-0.45, deck_y + cabin_h + 0.03, 0.0), (1.5, 0.06, 1.15))),
                Piece(Tube((-0.5, deck_y + cabin_h, 0.0), (-0.5, 1.6, 0.0), 0.03, 0.02), METAL),  # mast
            ),
        ),
    ]


CATEGORIES = (
    Category("car", (4.4, 1.5, 1.8), "wheeled", (0.2, 0.3, 0.7), build=_car, splats=4500),
    Category("bicycle", (1.7, 1.05, 0.5), "wheeled", (0.15, 0.15, 0.15), build=_bicycle, splats=3000),
    Category("bus", (11.0, 3.2, 2.5), "wheeled", (0.95, 0.75, 0.1), build=_bus, splats=7000),
    Category("boat", (5.0, 1.6, 2.0), "static", (0.9, 0.9, 0.88), build=_boat, splats=4000, floats=True),
)
