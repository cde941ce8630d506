"""Natural features that are things in a scene: rocks, clouds, the sun, water."""

from __future__ import annotations

from scenewright.tools.parts import Category

CATEGORIES: tuple[Category, ...] = ()
