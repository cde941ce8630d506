"""Words the offline agents understand. Colours are also the critic's palette."""

from __future__ import annotations

COLORS: dict[str, tuple[float, float, float]] = {
    "red": (0.85, 0.1, 0.1),
    "orange": (0.95, 0.5, 0.08),
    "yellow": (0.95, 0.85, 0.1),
    "green": (0.15, 0.65, 0.2),
    "blue": (0.12, 0.3, 0.85),
    "purple": (0.5, 0.2, 0.7),
    "pink": (0.95, 0.5, 0.7),
    "brown": (0.45, 0.28, 0.12),
    "black": (0.06, 0.06, 0.06),
    "white": (0.95, 0.95, 0.95),
    "gray": (0.5, 0.5, 0.5),
}
"""Colour words -> RGB (0..1) used to paint assets and to classify rendered pixels."""
