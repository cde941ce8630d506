"""Animals without the four-legged mammal body: reptiles, amphibians, fish, sea mammals, insects, molluscs."""

from __future__ import annotations

from scenewright.tools.parts import Category

CATEGORIES: tuple[Category, ...] = ()
