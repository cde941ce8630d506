"""A turntable contact sheet of one procedural asset: the asset alone, seen from several sides.

`scenewright assets show` draws it, so a category can be judged at a glance (does a dog read as a dog?).
The camera circles the asset at a slight elevation, framing its bounding sphere, on a neutral background.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from PIL import Image, ImageDraw, ImageFont

from scenewright.schema import CameraPose
from scenewright.tools.render.renderer import render
from scenewright.tools.scene.assets import build_asset
from scenewright.tools.scene.camera import camera_matrices

BACKGROUND = (0.78, 0.8, 0.84)
ELEVATION_DEG = 15.0
FOV_DEG = 40.0


@dataclass
class Turntable:
    """The sheet and what it shows."""

    image: Image.Image
    category: str
    size_m: tuple[float, float, float]  # the asset's measured extent (x, y, z)
    splats: int


def turntable(
    category: str,
    *,
    rgb: tuple[float, float, float] | None = None,
    attributes: list[str] | None = None,
    seed: int = 0,
    views: int = 4,
    size: int = 512,
    label: str | None = None,
) -> Turntable:
    """`views` renders of `category` at `size`x`size`, turned by equal steps starting side-on, in one row."""
    asset = build_asset(category, rgb, attributes or [], seed, label=label)
    low, high = asset.means.min(0).values, asset.means.max(0).values  # [3]
    centre = (low + high) / 2  # [3]
    radius = float((high - low).norm()) / 2
    distance = 1.15 * radius / math.sin(math.radians(FOV_DEG) / 2)
    elevation = math.radians(ELEVATION_DEG)
    images = []
    for k in range(views):
        azimuth = math.pi / 2 + math.tau * k / views  # the first view looks at the asset's left side (-z)
        offset = torch.tensor(
            [
                math.cos(elevation) * math.cos(azimuth),
                math.sin(elevation),
                math.cos(elevation) * math.sin(azimuth),
            ]
        )
        eye = centre + distance * offset  # [3]
        pose = CameraPose(position=tuple(eye.tolist()), look_at=tuple(centre.tolist()), fov_deg=FOV_DEG)
        viewmat, K = camera_matrices(pose, size, size)
        out = render(
            asset.means,
            asset.quats,
            asset.scales,
            asset.opacities,
            asset.colors,
            viewmat[None],
            K[None],
            size,
            size,
            backgrounds=torch.tensor([BACKGROUND]),
        )
        pixels = (out.colors[0].clamp(0, 1) * 255).round().to(torch.uint8).numpy()
        images.append(Image.fromarray(pixels))
    sheet = Image.new("RGB", (views * size, size + 28), (24, 24, 24))
    for k, image in enumerate(images):
        sheet.paste(image, (k * size, 28))
    extent = tuple(float(v) for v in (high - low))
    caption = f"{category}: {extent[0]:.2f} x {extent[1]:.2f} x {extent[2]:.2f} m, {len(asset)} splats"
    ImageDraw.Draw(sheet).text((6, 6), caption, fill=(255, 255, 255), font=ImageFont.load_default(size=16))
    return Turntable(sheet, category, (extent[0], extent[1], extent[2]), len(asset))
