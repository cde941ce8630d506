"""Household things: appliances, decor, soft furnishings."""

from __future__ import annotations

from scenewright.tools.parts import Category

CATEGORIES: tuple[Category, ...] = ()
