"""People."""

from __future__ import annotations

from scenewright.tools.parts import DARK, HAIR, SKIN, TROUSERS, Category, Ellipsoid, Part, Piece, Tube, Vary


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


CATEGORIES = (Category("person", (0.35, 1.7, 0.5), "biped", (0.25, 0.35, 0.6), build=_person, splats=3500),)
