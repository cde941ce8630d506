"""Vehicles: wheeled ones with spinning wheels, boats and submarines, aircraft, rockets."""

from __future__ import annotations

import math

import torch

from scenewright.tools.scene.parts import (
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

RED_TRIM = (0.62, 0.1, 0.08)
LAMP = (1.0, 0.95, 0.75)
MODERN_TRAIN = ("modern", "electric", "diesel", "bullet", "express", "commuter")


def _wheel(
    name: str,
    center: Vec,
    radius: float,
    tyre: float,
    hub: float,
    parent: str | None = None,
    tyre_rgb: Vec = TYRE,
    hub_rgb: Vec = METAL,
) -> Part:
    """A tyre (torus) around a hub disc, spinning about z at its centre."""
    x, y, z = center
    return Part(
        name,
        center,
        (
            Piece(Torus(center, radius - tyre, tyre), tyre_rgb),
            Piece(Tube((x, y, z - 0.6 * tyre), (x, y, z + 0.6 * tyre), hub, hub), hub_rgb),
        ),
        parent,
    )


def _car(vary: Vary, attributes: list[str]) -> list[Part]:
    """A body slab under a tapered glass cabin with a roof, bumpers and lamps, on four wheels."""
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
    """A long box with window, door, skirt and lamp decals, on four wheels."""
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
    """A diamond frame of tubes with fork, handlebar, saddle and chain ring, and two spoked wheels."""
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
    """A rounded hull with a wooden deck, and a windowed cabin with a roof and a mast."""
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


def _axle(
    label: str,
    x: float,
    radius: float,
    track: float,
    tyre: float,
    hub: float,
    parent: str = "body",
    tyre_rgb: Vec = TYRE,
    hub_rgb: Vec = METAL,
) -> list[Part]:
    """The left (-z) and right wheels 'wheel_<label>l', 'wheel_<label>r' of an axle, `track` off centre."""
    return [
        _wheel(
            f"wheel_{label}{side}", (x, radius, sign * track), radius, tyre, hub, parent, tyre_rgb, hub_rgb
        )
        for side, sign in (("l", -1), ("r", 1))
    ]


def _nose(center: Vec, length: float, radius: tuple[float, float], forward: bool = True) -> Ellipsoid:
    """Half an ellipsoid pointing along +x (or -x) from `center`: a nose, bow or tail of round section."""
    ry, rz = radius
    # Pitching by a right angle turns the ellipsoid's y axis onto x, so the y cut keeps one end.
    return Ellipsoid(center, (ry, length, rz), pitch=-math.pi / 2 if forward else math.pi / 2, cut_below=0.0)


def _truck(vary: Vary, attributes: list[str]) -> list[Part]:
    """A cab with windscreen, grille and bumper on a dark chassis, a cargo box (an open bed when 'open' or
    'flatbed'), and six wheels."""
    wheel_r, width, front, back = 0.5, 2.45, 4.0, -4.0
    cab_len, cab_h = 1.9 * vary(), 2.25 * vary()
    cab_back, cab_low = front - cab_len, 0.75
    cab_glass = (cab_low + 0.55 * cab_h, cab_low + 0.9 * cab_h)
    cab_decals = (
        Decal((front - 0.3, cab_glass[0], -1.05), (front + 0.1, cab_glass[1], 1.05), GLASS),  # windscreen
        Decal((cab_back + 0.3, cab_glass[0], -2.0), (front - 0.3, cab_glass[1], 2.0), GLASS),  # side windows
        Decal((front - 0.1, 1.05, -0.75), (front + 0.1, 1.65, 0.75), (0.16, 0.16, 0.17)),  # grille
        *(Decal((front - 0.1, 1.05, z - 0.16), (front + 0.1, 1.3, z + 0.16), LAMP) for z in (-0.98, 0.98)),
    )
    body = (
        Piece(Box((0.0, 0.85, 0.0), (front - back - 0.1, 0.3, 1.0), open_bottom=True), DARK),  # chassis
        Piece(
            Box(
                (front - cab_len / 2, cab_low + cab_h / 2, 0.0),
                (cab_len, cab_h, width),
                top_scale=(0.9, 0.96),
                top_shift=-0.08,
            ),
            decals=cab_decals,
        ),
        Piece(Box((front, 0.8, 0.0), (0.25, 0.3, width + 0.04)), DARK, accent=True),  # bumper
    )
    box_front = cab_back - 0.3
    box_len, box_low, box_h = box_front - back, 1.05, 2.35 * vary()
    box_center = ((box_front + back) / 2, box_low + box_h / 2, 0.0)
    if "open" in attributes or "flatbed" in attributes:
        wall_h, mid, wall = 0.45 * box_h, box_center[0], 0.08
        cargo = (
            Piece(Box((mid, box_low + wall / 2, 0.0), (box_len, wall, width))),  # floor
            *(
                Piece(Box((mid, box_low + wall_h / 2, s * (width - wall) / 2), (box_len, wall_h, wall)))
                for s in (-1, 1)
            ),  # sides
            Piece(Box((back + wall / 2, box_low + wall_h / 2, 0.0), (wall, wall_h, width))),  # tailgate
            Piece(Box((box_front - wall / 2, box_center[1], 0.0), (wall, box_h, width))),  # headboard
        )
    else:
        doors = Decal((back - 0.1, box_low + 0.05, -0.03), (back + 0.1, box_low + box_h - 0.05, 0.03), DARK)
        rail = Decal((back - 0.1, box_low - 0.1, -2.0), (box_front + 0.1, box_low + 0.15, 2.0), DARK)
        cargo = (Piece(Box(box_center, (box_len, box_h, width)), decals=(doors, rail)),)
    parts = [Part("body", (0.0, 0.0, 0.0), body), Part("cargo", (box_front, box_low, 0.0), cargo, "body")]
    track = width / 2 - 0.17
    for label, x in (("f", front - 0.55 * cab_len), ("m", back + 1.75), ("b", back + 0.65)):
        parts += _axle(label, x, wheel_r, track, 0.17, 0.24)
    return parts


def _steam_train(vary: Vary) -> list[Part]:
    """A steam locomotive: boiler with smokebox, chimney and dome, cab, cowcatcher, cylinders, three driving
    and two leading axles, coupled to a coal tender on four axles."""
    width, deck, front = 2.9, 1.7, 9.3
    boiler_r = 0.9 * vary()
    boiler_y = deck + boiler_r
    cab_back, cab_front, roof = -0.5, 2.2, 4.05 * vary()
    mid = (cab_back + front) / 2
    windows = (
        Decal((0.1, 2.85, -2.0), (1.6, 3.6, 2.0), GLASS),
        *(
            Decal(
                (cab_front - 0.1, boiler_y + boiler_r + 0.1, z - 0.4),
                (cab_front + 0.1, roof - 0.25, z + 0.4),
                GLASS,
            )
            for z in (-0.85, 0.85)
        ),
    )
    body = [
        Piece(Box((mid, 1.15, 0.0), (front - cab_back, 0.9, 1.1), open_bottom=True), DARK),  # frame
        Piece(Box((mid, deck - 0.06, 0.0), (front - cab_back, 0.12, width)), DARK),  # running board
        Piece(Tube((cab_front, boiler_y, 0.0), (front - 0.6, boiler_y, 0.0), boiler_r, boiler_r)),
        Piece(
            Tube((front - 0.6, boiler_y, 0.0), (front, boiler_y, 0.0), boiler_r + 0.04, boiler_r + 0.04), DARK
        ),
        Piece(
            Tube((front - 0.9, boiler_y + 0.6 * boiler_r, 0.0), (front - 0.9, roof + 0.25, 0.0), 0.3, 0.42),
            DARK,
        ),
        Piece(Ellipsoid((5.0, boiler_y + 0.9 * boiler_r, 0.0), (0.5, 0.5, 0.45), cut_below=0.0)),  # dome
        Piece(
            Box(
                ((cab_back + cab_front) / 2, (deck + roof) / 2, 0.0),
                (cab_front - cab_back, roof - deck, width),
            ),
            decals=windows,
        ),
        Piece(
            Box(
                ((cab_back + cab_front) / 2, roof + 0.07, 0.0),
                (cab_front - cab_back + 0.4, 0.14, width + 0.15),
            ),
            DARK,
        ),
        Piece(Box((front + 0.1, 1.3, 0.0), (0.25, 0.55, width)), RED_TRIM, accent=True),  # buffer beam
        Piece(Box((front + 0.55, 0.55, 0.0), (0.9, 0.75, 2.4), top_scale=(0.3, 1.0), top_shift=-0.3), DARK),
        Piece(Ellipsoid((front + 0.05, boiler_y + 0.75 * boiler_r, 0.0), (0.12, 0.16, 0.16)), LAMP),
        *(
            Piece(Tube((front + 0.2, 1.3, s * 0.95), (front + 0.55, 1.3, s * 0.95), 0.09, 0.16), METAL)
            for s in (-1, 1)
        ),  # buffers
        *(
            Piece(Tube((6.9, 1.05, s * 1.07), (8.3, 1.05, s * 1.07), 0.38, 0.38), DARK) for s in (-1, 1)
        ),  # cylinders
        *(
            Piece(Tube((0.6, 0.75, s * 0.98), (4.1, 0.75, s * 0.98), 0.05, 0.05), METAL) for s in (-1, 1)
        ),  # rods
    ]
    tender = (
        Piece(Box((-4.9, 0.95, 0.0), (8.2, 0.5, 1.1), open_bottom=True), DARK),
        Piece(Box((-4.9, 2.3, 0.0), (8.2, 2.2, width))),
        Piece(Ellipsoid((-3.6, 3.4, 0.0), (3.2, 0.4, 1.3), cut_below=0.0), DARK),  # coal
    )
    parts = [Part("body", (0.0, 0.0, 0.0), tuple(body)), Part("tender", (cab_back, 1.3, 0.0), tender, "body")]
    for k, x in enumerate((0.6, 2.35, 4.1)):
        parts += _axle(f"d{k}", x, 0.8, 0.75, 0.1, 0.68, tyre_rgb=DARK, hub_rgb=RED_TRIM)
    for k, x in enumerate((7.0, 8.2)):
        parts += _axle(f"p{k}", x, 0.45, 0.75, 0.08, 0.36, tyre_rgb=DARK, hub_rgb=RED_TRIM)
    for k, x in enumerate((-1.9, -3.15, -6.65, -7.9)):
        parts += _axle(f"t{k}", x, 0.5, 0.75, 0.08, 0.4, "tender", DARK, RED_TRIM)
    return parts


def _modern_train(vary: Vary) -> list[Part]:
    """A streamlined power car: a long body with a window band and a rounded, glazed nose, on two bogies."""
    width, low, back, nose_x = 2.9, 0.9, -9.0, 7.1
    height = 3.4 * vary()
    axis_y = low + height / 2
    band = (low + 0.5 * height, low + 0.75 * height)
    decals = (
        Decal((back + 1.0, band[0], -2.0), (nose_x - 0.5, band[1], 2.0), GLASS),
        Decal((back - 0.1, low, -2.0), (nose_x + 0.1, low + 0.25, 2.0), (0.2, 0.2, 0.22)),
    )
    body = (
        Piece(
            Box(((back + nose_x) / 2, axis_y, 0.0), (nose_x - back, height, width), open_bottom=True),
            decals=decals,
        ),
        Piece(
            _nose((nose_x, axis_y, 0.0), 3.2 * vary(), (height / 2, width / 2)),
            decals=(
                Decal((nose_x + 1.2, axis_y + 0.1 * height, -1.2), (nose_x + 3.0, band[1] + 0.2, 1.2), GLASS),
            ),
        ),
        Piece(Box((-1.0, 0.65, 0.0), (15.0, 0.5, 1.6), open_bottom=True), DARK),  # underframe
    )
    parts = [Part("body", (0.0, 0.0, 0.0), body)]
    for k, x in enumerate((-7.4, -5.6, 2.4, 4.2)):
        parts += _axle(f"{k}", x, 0.45, 0.75, 0.08, 0.3, tyre_rgb=DARK)
    return parts


def _train(vary: Vary, attributes: list[str]) -> list[Part]:
    """A steam locomotive and its tender, or a streamlined power car if 'modern', 'electric', 'bullet' ..."""
    return _modern_train(vary) if set(attributes) & set(MODERN_TRAIN) else _steam_train(vary)


def _tractor(vary: Vary, attributes: list[str]) -> list[Part]:
    """A narrow bonnet with grille and exhaust ahead of a glazed cab, big rear wheels under mudguards and
    small front wheels, on yellow hubs."""
    rear_r, front_r, rear_x, front_x = 0.8 * vary(), 0.46, -0.85, 1.45
    cab_low, cab_h, cab_back, cab_front = 1.3, 1.45 * vary(), -1.7, -0.2
    hub = (0.95, 0.78, 0.1)
    glass = (cab_low + 0.2, cab_low + cab_h - 0.12)
    cab_windows = (
        Decal((cab_back + 0.15, glass[0] + 0.1, -2.0), (cab_front - 0.15, glass[1], 2.0), GLASS),
        Decal((cab_front - 0.1, glass[0], -0.55), (cab_front + 0.1, glass[1], 0.55), GLASS),
        Decal((cab_back - 0.1, glass[0], -0.55), (cab_back + 0.1, glass[1], 0.55), GLASS),
    )
    body = (
        Piece(
            Box((0.85, 1.2, 0.0), (2.1, 0.75, 0.85), top_scale=(1.0, 0.85)),
            decals=(Decal((1.8, 0.9, -0.33), (2.0, 1.45, 0.33), (0.15, 0.15, 0.16)),),
        ),  # bonnet, grille
        Piece(Box((1.8, 0.62, 0.0), (0.5, 0.45, 0.9)), DARK),  # front weights
        Piece(Box((-0.55, 0.9, 0.0), (1.5, 0.8, 0.95))),  # transmission
        Piece(
            Box(((cab_back + cab_front) / 2, cab_low + cab_h / 2, 0.0), (cab_front - cab_back, cab_h, 1.35)),
            decals=cab_windows,
        ),
        Piece(Box(((cab_back + cab_front) / 2, cab_low + cab_h + 0.05, 0.0), (1.75, 0.1, 1.5))),  # roof
        Piece(Tube((1.25, 1.55, 0.28), (1.25, 2.55, 0.28), 0.05, 0.05), DARK),  # exhaust
        *(Piece(Box((rear_x, 2 * rear_r + 0.1, s * 0.85), (1.5, 0.06, 0.58))) for s in (-1, 1)),  # mudguards
        *(Piece(Box((1.2, 1.25, s * 0.43), (0.04, 0.12, 0.12)), LAMP) for s in (-1, 1)),
    )
    return [
        Part("body", (0.0, 0.0, 0.0), body),
        *_axle("b", rear_x, rear_r, 0.85, 0.26, 0.46, hub_rgb=hub),
        *_axle("f", front_x, front_r, 0.72, 0.15, 0.27, hub_rgb=hub),
    ]


def _motorcycle(vary: Vary, attributes: list[str]) -> list[Part]:
    """A fuel tank, fairing, seat, side panels, belly pan and mudguards around an engine and exhaust, a fork
    with headlight and handlebar, and two wheels."""
    r = 0.32
    back, front = (-0.72, r, 0.0), (0.74 * vary(), r, 0.0)
    bar = (0.5, 1.02, 0.0)
    body = (
        Piece(Ellipsoid((0.17, 0.86, 0.0), (0.34, 0.15, 0.19))),  # tank
        Piece(Box((-0.38, 0.7, 0.0), (0.6, 0.3, 0.26), top_scale=(1.1, 1.0))),  # side panels
        Piece(Box((-0.82, 0.82, 0.0), (0.36, 0.1, 0.16), top_scale=(0.8, 0.8))),  # tail
        Piece(Ellipsoid(back, (0.4, 0.4, 0.08), cut_below=0.45)),  # rear mudguard
        Piece(Ellipsoid(front, (0.38, 0.38, 0.07), cut_below=0.55)),  # front mudguard
        Piece(Ellipsoid((-0.35, 0.87, 0.0), (0.38, 0.06, 0.15)), DARK),  # seat
        Piece(Box((0.04, 0.47, 0.0), (0.36, 0.3, 0.26)), METAL, accent=True),  # engine
        Piece(Box((0.12, 0.36, 0.0), (0.5, 0.16, 0.3), top_scale=(1.3, 1.0))),  # belly pan
        Piece(Ellipsoid((0.52, 0.8, 0.0), (0.3, 0.16, 0.18), pitch=-0.7)),  # fairing
        Piece(Tube((0.1, 0.3, 0.17), (-0.9, 0.5, 0.17), 0.05, 0.045), METAL),  # exhaust
        *(Piece(Tube((-0.1, 0.45, s * 0.1), (back[0], r, s * 0.1), 0.025, 0.025), DARK) for s in (-1, 1)),
        *(
            Piece(Tube((front[0], r, s * 0.09), (bar[0] + 0.02, bar[1] - 0.04, s * 0.09), 0.03, 0.03), METAL)
            for s in (-1, 1)
        ),  # fork
        Piece(Tube((bar[0], bar[1], -0.36), (bar[0], bar[1], 0.36), 0.018, 0.018), DARK),
        Piece(Ellipsoid((0.74, 0.8, 0.0), (0.05, 0.08, 0.08)), LAMP),
        *(
            Piece(
                Tube((bar[0], bar[1], s * 0.28), (bar[0] - 0.03, bar[1] + 0.12, s * 0.3), 0.008, 0.008), DARK
            )
            for s in (-1, 1)
        ),  # mirror stalks
    )
    return [
        Part("body", (0.0, 0.0, 0.0), body),
        _wheel("wheel_b", back, r, 0.065, 0.16, "body"),
        _wheel("wheel_f", front, r, 0.06, 0.15, "body"),
    ]


def _scooter(vary: Vary, attributes: list[str]) -> list[Part]:
    """A rounded rear body over the engine, seat, floorboard, leg shield, a steering column with headlight
    and handlebar, and two small wheels."""
    r = 0.22
    back, front = (-0.55, r, 0.0), (0.6, r, 0.0)
    top = 1.06 * vary()
    body = (
        Piece(Ellipsoid((-0.42, 0.5, 0.0), (0.5, 0.27, 0.26), cut_below=-0.55)),  # rear body
        Piece(Box((0.1, 0.3, 0.0), (0.65, 0.08, 0.36))),  # floorboard
        Piece(
            Box(
                (0.47, (0.28 + top) / 2, 0.0), (0.12, top - 0.28, 0.44), top_scale=(1.0, 0.75), top_shift=-0.1
            )
        ),
        Piece(Ellipsoid(front, (0.28, 0.28, 0.1), cut_below=0.3)),  # front mudguard
        Piece(Tube(front, (0.4, top, 0.0), 0.04, 0.04)),  # steering column
        Piece(Ellipsoid((0.4, top + 0.02, 0.0), (0.12, 0.07, 0.13))),  # headset
        Piece(Ellipsoid((0.5, top + 0.02, 0.0), (0.04, 0.05, 0.05)), LAMP),
        Piece(Tube((0.38, top + 0.03, -0.33), (0.38, top + 0.03, 0.33), 0.018, 0.018), DARK),
        Piece(Ellipsoid((-0.36, 0.79, 0.0), (0.38, 0.07, 0.15)), DARK),  # seat
        Piece(Box((-0.9, 0.55, 0.0), (0.04, 0.06, 0.12)), (0.8, 0.05, 0.05)),  # tail light
    )
    return [
        Part("body", (0.0, 0.0, 0.0), body),
        _wheel("wheel_b", back, r, 0.055, 0.12, "body"),
        _wheel("wheel_f", front, r, 0.055, 0.12, "body"),
    ]


def _swept(root: Vec, span: float, chord: float, thickness: float, sweep: float) -> tuple[Box, Box]:
    """A left (-z) and right flat surface (wing, tailplane) from `root`, swept back by `sweep` radians."""
    x, y, z = root
    back, out = span / 2 * math.sin(sweep), span / 2 * math.cos(sweep)
    return (
        Box((x - back, y, z - out), (chord, thickness, span), yaw=sweep),
        Box((x - back, y, z + out), (chord, thickness, span), yaw=-sweep),
    )


def _airplane(vary: Vary, attributes: list[str]) -> list[Part]:
    """An airliner: a round fuselage with a window band and cockpit glazing, an upswept tail cone, swept low
    wings with two engines, a tail fin and tailplanes."""
    r, axis_y, nose_x, tail_x = 2.0, 3.0, 11.0, -12.0
    sweep, span = 0.47, 19.0 * vary()
    wing_root = (1.5, axis_y - 1.2, 0.0)
    windows = Decal((tail_x + 1.0, axis_y + 0.3, -3.0), (nose_x + 0.5, axis_y + 0.75, 3.0), GLASS)
    cockpit = Decal((nose_x + 2.2, axis_y + 0.4, -1.4), (nose_x + 3.5, axis_y + 1.1, 1.4), GLASS)
    tail_end = (tail_x - 6.0, axis_y + 1.3, 0.0)
    fin_h = 6.2 * vary()
    fuselage = (
        Piece(Tube((tail_x, axis_y, 0.0), (nose_x, axis_y, 0.0), r, r, caps=False), decals=(windows,)),
        Piece(_nose((nose_x, axis_y, 0.0), 4.2, (r, r)), decals=(cockpit,)),
        Piece(Tube((tail_x, axis_y, 0.0), tail_end, r, 0.35)),
        Piece(
            Box(
                (tail_x - 3.8, axis_y + 1.0 + fin_h / 2, 0.0),
                (5.5, fin_h, 0.35),
                top_scale=(0.5, 0.6),
                top_shift=-2.6,
            )
        ),  # fin
        *(Piece(shape) for shape in _swept((tail_x - 3.5, axis_y + 0.7, 0.0), 6.5, 2.6, 0.22, 0.55)),
    )
    wings = [Piece(shape) for shape in _swept(wing_root, span, 3.6, 0.35, sweep)]
    wings += [Piece(shape) for shape in _swept(wing_root, 7.0, 6.0, 0.4, sweep)]  # wider root
    engine_grey = (0.75, 0.76, 0.78)
    for s in (-1, 1):
        x = wing_root[0] - 6.0 * math.tan(sweep)
        y, z = wing_root[1] - 1.15, s * 6.0
        wings += [
            Piece(Tube((x - 1.0, y, z), (x + 3.2, y, z), 0.85, 1.0), engine_grey, accent=True),
            Piece(Tube((x + 3.2, y, z), (x + 3.25, y, z), 0.9, 0.9), DARK),  # intake
            Piece(Box((x + 1.0, y + 0.9, z), (2.6, 0.8, 0.25)), engine_grey),  # pylon
        ]
    return [
        Part("fuselage", (0.0, axis_y, 0.0), fuselage),
        Part("wings", wing_root, tuple(wings), "fuselage"),
    ]


def _helicopter(vary: Vary, attributes: list[str]) -> list[Part]:
    """A rounded cabin with a glazed nose, an engine housing, a tapering tail boom with fin and tail rotor,
    skids, and the main rotor (part 'rotor') on its mast."""
    mast_x, hub_y = 0.2, 3.05
    blade = 5.3 * vary()
    glass = (
        Decal((1.55, 1.3, -1.2), (3.0, 2.8, 1.2), GLASS),
        Decal((-0.1, 1.6, -1.2), (1.1, 2.1, 1.2), GLASS),
    )
    tail = (-7.2, 2.4, 0.0)
    body = (
        Piece(Ellipsoid((0.6, 1.55, 0.0), (2.1, 1.05, 0.95)), decals=glass),  # cabin
        Piece(Box((-0.2, 2.45, 0.0), (2.0, 0.5, 0.9), top_scale=(0.8, 0.8))),  # engine housing
        Piece(Tube((-1.0, 1.85, 0.0), tail, 0.45, 0.15)),  # tail boom
        Piece(Box((tail[0], tail[1] + 0.5, 0.0), (0.9, 1.3, 0.08), top_scale=(0.6, 1.0), top_shift=-0.35)),
        Piece(Box((-6.2, 2.25, 0.0), (0.55, 0.05, 1.7))),  # stabiliser
        Piece(Tube((mast_x, 2.6, 0.0), (mast_x, hub_y, 0.0), 0.09, 0.09), METAL),
        *(
            Piece(shape, DARK)
            for s in (-1, 1)
            for shape in (
                Tube((-1.2, 0.06, s * 0.95), (1.9, 0.06, s * 0.95), 0.06, 0.06),
                Tube((1.9, 0.06, s * 0.95), (2.3, 0.3, s * 0.95), 0.06, 0.06),
                Tube((-0.6, 0.06, s * 0.95), (-0.4, 0.85, s * 0.6), 0.045, 0.045),
                Tube((1.2, 0.06, s * 0.95), (1.2, 0.85, s * 0.6), 0.045, 0.045),
            )
        ),
    )
    blades = (0.2, 0.2, 0.22)
    rotor = (
        Piece(Ellipsoid((mast_x, hub_y + 0.03, 0.0), (0.25, 0.1, 0.25)), DARK),
        *(
            Piece(Box((mast_x, hub_y + 0.05, 0.0), (2 * blade, 0.05, 0.26), yaw=yaw), blades, accent=True)
            for yaw in (math.pi / 4, -math.pi / 4)
        ),
    )
    tail_hub = (tail[0] + 0.05, tail[1] + 0.45, 0.13)
    tail_rotor = (
        Piece(Box(tail_hub, (1.3, 0.12, 0.03)), blades),
        Piece(Box(tail_hub, (0.12, 1.3, 0.03)), blades),
    )
    return [
        Part("body", (0.0, 0.0, 0.0), body),
        Part("rotor", (mast_x, hub_y, 0.0), rotor, "body"),
        Part("tail_rotor", tail_hub, tail_rotor, "body"),
    ]


def _hot_air_balloon(vary: Vary, attributes: list[str]) -> list[Part]:
    """A round envelope tapering to its mouth, with bands, over a burner and a wicker basket on ropes."""
    radius, centre_y, mouth_y, mouth_r = 8.0 * vary(), 13.5, 4.2, 1.5
    cut = -0.6
    ring_y, ring_r = centre_y + cut * radius, radius * math.sqrt(1 - cut * cut)
    band = (0.98, 0.8, 0.15)
    bands = (
        Decal((-20.0, centre_y - 0.1 * radius, -20.0), (20.0, centre_y + 0.1 * radius, 20.0), band),
        Decal((-20.0, centre_y + 0.62 * radius, -20.0), (20.0, centre_y + 0.72 * radius, 20.0), band),
        Decal((-20.0, ring_y - 1.6, -20.0), (20.0, ring_y - 0.8, 20.0), band),
    )
    envelope = (
        Piece(Ellipsoid((0.0, centre_y, 0.0), (radius, radius, radius), cut_below=cut), decals=bands),
        Piece(Tube((0.0, ring_y, 0.0), (0.0, mouth_y, 0.0), ring_r, mouth_r, caps=False), decals=bands),
    )
    wicker, rim = (0.6, 0.42, 0.22), (0.4, 0.26, 0.14)
    corners = [(sx * 0.7, sz * 0.7) for sx in (-1, 1) for sz in (-1, 1)]
    basket = (
        Piece(Box((0.0, 0.55, 0.0), (1.5, 1.1, 1.5)), wicker),
        Piece(Box((0.0, 1.13, 0.0), (1.62, 0.08, 1.62)), rim),
        Piece(Tube((0.0, 2.6, 0.0), (0.0, 3.1, 0.0), 0.35, 0.3), METAL),  # burner
        *(Piece(Tube((x, 1.15, z), (x * 1.4, mouth_y + 0.1, z * 1.4), 0.05, 0.05), DARK) for x, z in corners),
    )
    return [
        Part("envelope", (0.0, centre_y, 0.0), envelope),
        Part("basket", (0.0, mouth_y, 0.0), basket, "envelope"),
    ]


def _drone(vary: Vary, attributes: list[str]) -> list[Part]:
    """A quadcopter: a rounded body with a camera, four arms with motors and landing legs, and a two-bladed
    propeller on each motor (parts 'rotor_fl' ...)."""
    reach = 0.17 * vary()
    body = [
        Piece(Ellipsoid((0.0, 0.1, 0.0), (0.13, 0.05, 0.085))),
        Piece(Box((-0.02, 0.145, 0.0), (0.14, 0.03, 0.07))),  # battery
        Piece(Ellipsoid((0.12, 0.055, 0.0), (0.028, 0.028, 0.028)), DARK),  # camera
        *(
            Piece(Tube((-0.13, 0.0, s * 0.55 * reach), (0.13, 0.0, s * 0.55 * reach), 0.007, 0.007))
            for s in (-1, 1)
        ),  # skids
    ]
    rotors = []
    for name, sx, sz in (("fl", 1, -1), ("fr", 1, 1), ("bl", -1, -1), ("br", -1, 1)):
        x, z = sx * reach, sz * reach
        body += [
            Piece(Tube((0.0, 0.11, 0.0), (x, 0.12, z), 0.013, 0.013)),  # arm
            Piece(Tube((x, 0.1, z), (x, 0.15, z), 0.022, 0.022), DARK),  # motor
            Piece(Tube((0.6 * x, 0.07, 0.25 * z), (0.6 * x, 0.0, 0.55 * z), 0.006, 0.006)),  # strut
        ]
        hub = (x, 0.155, z)
        rotors.append(
            Part(
                f"rotor_{name}",
                hub,
                (Piece(Box(hub, (0.24, 0.004, 0.025), yaw=sx * sz * 0.5)),),
                "body",
            )
        )
    return [Part("body", (0.0, 0.1, 0.0), tuple(body)), *rotors]


def _rocket(vary: Vary, attributes: list[str]) -> list[Part]:
    """A tall round body with portholes above a flared nozzle, an ogive nose cone and four swept fins."""
    r, base = 1.8, 1.2
    top = 20.0 * vary()
    portholes = tuple(
        Decal(low, high, GLASS)
        for low, high in (
            ((-3.0, top - 4.5, -0.5), (3.0, top - 3.5, 0.5)),
            ((-0.5, top - 4.5, -3.0), (0.5, top - 3.5, 3.0)),
        )
    )
    body = (
        Piece(Tube((0.0, base, 0.0), (0.0, top, 0.0), r, r), decals=portholes),
        Piece(Tube((0.0, base, 0.0), (0.0, 0.3, 0.0), 0.9, 1.3), METAL),  # nozzle
    )
    nose = (Piece(Ellipsoid((0.0, top, 0.0), (r, 7.5 * vary(), r), cut_below=0.0), RED_TRIM, accent=True),)
    fins = tuple(
        Piece(
            Box(
                (math.cos(a) * (r + 0.7), 3.0, math.sin(a) * (r + 0.7)),
                (1.8, 6.0, 0.2),
                top_scale=(0.25, 1.0),
                top_shift=-0.65,
                yaw=-a,
            ),
            RED_TRIM,
            accent=True,
        )
        for a in (0.0, math.pi / 2, math.pi, 3 * math.pi / 2)
    )
    return [
        Part("body", (0.0, 0.0, 0.0), body),
        Part("nose_cone", (0.0, top, 0.0), nose, "body"),
        Part("fins", (0.0, 0.0, 0.0), fins, "body"),
    ]


def _submarine(vary: Vary, attributes: list[str]) -> list[Part]:
    """A long round hull with a bow dome and tapering stern, a sail (conning tower) with diving planes, a
    cruciform tail and a propeller."""
    r, axis_y, front, back = 4.0, 4.0, 16.0, -20.0
    stern = back - 12.0 * vary()
    sail_x, sail_top = 8.0, axis_y + r + 4.5 * vary()
    hull = (
        Piece(Tube((back, axis_y, 0.0), (front, axis_y, 0.0), r, r, caps=False)),
        Piece(_nose((front, axis_y, 0.0), 9.0, (r, r))),
        Piece(Tube((back, axis_y, 0.0), (stern, axis_y, 0.0), r, 0.5)),
        Piece(Box((stern + 2.2, axis_y, 0.0), (2.4, 6.5, 0.25), top_scale=(0.6, 1.0), top_shift=-0.4)),
        Piece(Box((stern + 2.2, axis_y, 0.0), (2.4, 0.25, 6.5))),
    )
    sail = (
        Piece(
            Box(
                (sail_x, (axis_y + r - 0.5 + sail_top) / 2, 0.0),
                (6.5, sail_top - axis_y - r + 0.5, 1.6),
                top_scale=(0.9, 0.9),
            )
        ),
        Piece(Box((sail_x + 0.8, sail_top - 1.3, 0.0), (1.6, 0.2, 6.4))),  # diving planes
    )
    bronze = (0.6, 0.45, 0.2)
    hub = (stern - 0.3, axis_y, 0.0)
    propeller = (
        Piece(Ellipsoid(hub, (0.5, 0.45, 0.45)), DARK),
        Piece(Box(hub, (0.15, 3.2, 0.5)), bronze),
        Piece(Box(hub, (0.15, 0.5, 3.2)), bronze),
    )
    return [
        Part("hull", (0.0, axis_y, 0.0), hull),
        Part("sail", (sail_x, axis_y + r, 0.0), sail, "hull"),
        Part("propeller", hub, propeller, "hull"),
    ]


def _skateboard(vary: Vary, attributes: list[str]) -> list[Part]:
    """A deck with kicked-up nose and tail on two metal trucks, each with two small wheels."""
    deck_y, length = 0.095, 0.54 * vary()
    body = [
        Piece(Box((0.0, deck_y, 0.0), (length, 0.016, 0.2))),
        *(
            Piece(
                Ellipsoid((s * (length / 2 + 0.04), deck_y + 0.016, 0.0), (0.1, 0.008, 0.1), pitch=s * 0.35)
            )
            for s in (-1, 1)
        ),  # nose and tail
    ]
    for x in (-0.21, 0.21):
        body += [
            Piece(Box((x, deck_y - 0.014, 0.0), (0.07, 0.012, 0.06)), METAL),  # baseplate
            Piece(Box((x, 0.055, 0.0), (0.03, 0.04, 0.035)), METAL),  # kingpin
            Piece(Tube((x, 0.028, -0.085), (x, 0.028, 0.085), 0.01, 0.01), METAL),  # hanger
        ]
    urethane = (0.93, 0.9, 0.8)
    return [
        Part("body", (0.0, 0.0, 0.0), tuple(body)),
        *_axle("f", 0.21, 0.028, 0.095, 0.013, 0.01, tyre_rgb=urethane),
        *_axle("b", -0.21, 0.028, 0.095, 0.013, 0.01, tyre_rgb=urethane),
    ]


CATEGORIES: tuple[Category, ...] = (
    Category("car", (4.4, 1.5, 1.8), "wheeled", (0.2, 0.3, 0.7), build=_car, splats=4500),
    Category("bicycle", (1.7, 1.05, 0.5), "wheeled", (0.15, 0.15, 0.15), build=_bicycle, splats=3000),
    Category("bus", (11.0, 3.2, 2.5), "wheeled", (0.95, 0.75, 0.1), build=_bus, splats=7000),
    Category("boat", (5.0, 1.6, 2.0), "static", (0.9, 0.9, 0.88), build=_boat, splats=4000, floats=True),
    Category(
        "truck",
        (8.1, 3.4, 2.5),
        "wheeled",
        (0.75, 0.12, 0.1),
        build=_truck,
        splats=5500,
        nouns=("lorry", "firetruck", "fire truck", "delivery truck", "box truck", "semi truck"),
    ),
    Category(
        "train",
        (19.3, 4.3, 3.0),
        "wheeled",
        (0.12, 0.35, 0.2),
        build=_train,
        splats=6000,
        nouns=("locomotive", "steam train", "steam locomotive", "steam engine"),
    ),
    Category(
        "tractor",
        (3.9, 2.85, 2.3),
        "wheeled",
        (0.2, 0.5, 0.15),
        build=_tractor,
        splats=4000,
        nouns=("farm tractor",),
    ),
    Category(
        "motorcycle",
        (2.1, 1.15, 0.72),
        "wheeled",
        (0.7, 0.08, 0.08),
        build=_motorcycle,
        splats=3500,
        nouns=("motorbike", "dirt bike"),
    ),
    Category(
        "scooter",
        (1.78, 1.15, 0.66),
        "wheeled",
        (0.55, 0.8, 0.72),
        build=_scooter,
        splats=3000,
        nouns=("moped", "vespa", "motor scooter"),
    ),
    Category(
        "airplane",
        (35.2, 10.5, 35.2),
        "static",
        (0.93, 0.93, 0.95),
        build=_airplane,
        splats=6000,
        flies=True,
        nouns=(
            "plane",
            "aeroplane",
            "airliner",
            "jetliner",
            "aircraft",
            "jumbo jet",
            "passenger plane",
        ),
    ),
    Category(
        "helicopter",
        (11.9, 3.55, 7.7),
        "static",
        (0.8, 0.15, 0.1),
        build=_helicopter,
        splats=4500,
        flies=True,
        nouns=("chopper",),
    ),
    Category(
        "hot air balloon",
        (16.0, 21.5, 16.0),
        "static",
        (0.85, 0.18, 0.12),
        build=_hot_air_balloon,
        splats=4500,
        flies=True,
    ),
    Category(
        "drone",
        (0.56, 0.16, 0.48),
        "static",
        (0.92, 0.92, 0.93),
        build=_drone,
        splats=2000,
        flies=True,
        nouns=("quadcopter", "quadrotor"),
    ),
    Category(
        "rocket",
        (6.7, 27.5, 6.7),
        "static",
        (0.93, 0.93, 0.95),
        build=_rocket,
        splats=4000,
        nouns=("spacecraft", "spaceship", "rocketship", "rocket ship", "space rocket"),
    ),
    Category(
        "submarine",
        (57.8, 12.5, 8.0),
        "static",
        (0.22, 0.24, 0.27),
        build=_submarine,
        splats=4500,
        floats=True,
        nouns=("submersible",),
    ),
    Category(
        "skateboard",
        (0.8, 0.15, 0.22),
        "wheeled",
        (0.85, 0.35, 0.1),
        build=_skateboard,
        splats=1500,
        nouns=("longboard",),
    ),
)
