"""The categories the procedural generator builds: real-world size priors, rigs and default colours.

Sizes are the extent of an adult/typical instance in the asset frame, metres: x is the way it faces,
y is up, z is sideways. The layout agent scales assets to these priors (times the size words).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Rig = Literal["biped", "quadruped", "bird", "wheeled", "ball", "static"]


@dataclass(frozen=True)
class Category:
    name: str
    size_m: tuple[float, float, float]  # x (facing), y (up), z (sideways)
    rig: Rig
    default_rgb: tuple[float, float, float]
    surface_height_m: float | None = None  # things can stand on it at this height (tables, chairs)
    flies: bool = False
    floats: bool = False  # lives on water (boats)


CATEGORIES: dict[str, Category] = {
    c.name: c
    for c in [
        Category("person", (0.35, 1.7, 0.5), "biped", (0.25, 0.35, 0.6)),
        Category("dog", (0.9, 0.6, 0.3), "quadruped", (0.62, 0.42, 0.22)),
        Category("cat", (0.5, 0.3, 0.18), "quadruped", (0.55, 0.55, 0.55)),
        Category("bird", (0.3, 0.22, 0.45), "bird", (0.35, 0.3, 0.25), flies=True),
        Category("horse", (2.2, 1.7, 0.6), "quadruped", (0.45, 0.28, 0.15)),
        Category("car", (4.4, 1.5, 1.8), "wheeled", (0.2, 0.3, 0.7)),
        Category("bicycle", (1.7, 1.05, 0.5), "wheeled", (0.15, 0.15, 0.15)),
        Category("bus", (11.0, 3.2, 2.5), "wheeled", (0.95, 0.75, 0.1)),
        Category("boat", (5.0, 1.6, 2.0), "static", (0.9, 0.9, 0.88), floats=True),
        Category("tree", (3.0, 5.0, 3.0), "static", (0.2, 0.5, 0.18)),
        Category("house", (8.0, 6.0, 7.0), "static", (0.85, 0.78, 0.65)),
        Category("table", (1.4, 0.75, 0.8), "static", (0.55, 0.36, 0.2), surface_height_m=0.75),
        Category("chair", (0.5, 0.9, 0.5), "static", (0.5, 0.33, 0.18), surface_height_m=0.45),
        Category("ball", (0.3, 0.3, 0.3), "ball", (0.9, 0.9, 0.9)),
        Category("flower", (0.15, 0.4, 0.15), "static", (0.9, 0.2, 0.4)),
        Category("generic", (0.6, 0.6, 0.6), "static", (0.6, 0.6, 0.6)),
    ]
}
"""Every category the procedural generator builds; 'generic' stands in for unknown nouns."""
