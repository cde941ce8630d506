"""Food, and the dishes it is served in."""

from __future__ import annotations

from scenewright.tools.parts import Category

CATEGORIES: tuple[Category, ...] = ()
