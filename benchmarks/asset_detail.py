"""Asset detail benchmark: Gaussians per entity, render time and sharpness, before and after detail levels.

    python benchmarks/asset_detail.py [--out DIR] [--size 640x360] [--backend cpu|gsplat] [--repeats 3]

Each scene is a prompt the offline agents build (director, layout, motion; seed 0): "before" builds every
entity at its category's own Gaussian count (`Category.splats`, what every asset had before detail
levels), "after" at the detail level its on-screen size asks for (`graphs.generate.with_detail`, as the
layout stage does). Both are composed at mid-clip and rendered with the layout's camera at that time, the
environment included; render ms is the median of `--repeats` full-frame renders after a warm-up, before
and after taking turns (a shared machine's changing load slows both alike). Per entity:
- screen px: its largest on-screen extent over the clip (tools/scene/detail.py) and the level it got;
- Laplacian: the variance of the Laplacian of the grey crop around the entity (the box of the pixels it
  covers in either render, 4 pixels of margin), the usual focus measure; finer splats also carry finer
  colour noise (3% per splat), which raises it too;
- edge px: the width of its silhouette's edge: the pixels where the entity alone is between 10% and 90%
  opaque, over the length of its outline (the boundary pixels of its 50% mask); a hard edge is ~1.
Frames and crops are written to --out as PNG: <scene>-before.png, <scene>-after.png and <scene>-crops.png
(the largest entity's crop before | after, doubled).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import torch

from scenewright import RunSettings
from scenewright.agents.director import direct_offline
from scenewright.agents.layout import layout_offline
from scenewright.agents.motion import motion_offline
from scenewright.graphs.context import GenerateContext
from scenewright.graphs.generate import recipes_for, screen_sizes, with_detail
from scenewright.graphs.state import ENVIRONMENT_RECIPE
from scenewright.schema import Layout, Motion, Plan
from scenewright.tools.render.rasterize import RenderOutput
from scenewright.tools.render.render_video import BACKGROUND_RGB, to_uint8
from scenewright.tools.render.renderer import render
from scenewright.tools.scene.asset_cache import AssetCache, AssetRecipe, AssetStore
from scenewright.tools.scene.camera import camera_at, camera_matrices
from scenewright.tools.scene.compose import compose_scene

Staged = tuple[Plan, Layout, Motion]

SCENES = {
    "close-up car": "a red car, close-up",
    "far-away car": "a red car next to a lighthouse",
    "far-away group": "a dog, a car and a person in front of a castle",
}


@dataclass
class Shot:
    """One scene's frame at mid-clip: how to draw it, the last frame drawn and its per-entity Gaussians."""

    draw: Callable[[], RenderOutput]
    gaussians: dict[str, int]
    total: int
    output: RenderOutput | None = None


def _shot(
    recipes: dict[str, AssetRecipe], staged: Staged, settings: RunSettings, cache: AssetCache, backend: str
) -> Shot:
    plan, layout, motion = staged
    assets = {i: cache.get(recipes[i]) for i in plan.group_of()}
    tracks = {track.entity: track for track in motion.tracks}
    placements = {p.entity: p for p in layout.placements}
    middle = 0.5 * settings.duration_s
    scene = compose_scene(cache.get(recipes[ENVIRONMENT_RECIPE]), assets, placements, tracks, middle)
    pose = camera_at(layout.camera, layout.camera_motion, middle, settings.duration_s, tracks)
    viewmat, K = camera_matrices(pose, settings.width, settings.height)
    g = scene.gaussians

    def draw() -> RenderOutput:
        output = render(
            g.means, g.quats, g.scales, g.opacities, g.colors, viewmat[None], K[None],
            settings.width, settings.height, backgrounds=torch.tensor([BACKGROUND_RGB]),
            entity_ids=scene.entity_index, num_entities=len(scene.entity_ids), backend=backend,
        )  # fmt: skip
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        return output

    return Shot(draw, {i: len(a) for i, a in assets.items()}, len(g))


def _timed(shots: list[Shot], repeats: int) -> list[float]:
    """Median ms of each shot's render, after a warm-up each; the shots take turns, so a machine whose load
    changes over the run slows them alike."""
    for shot in shots:
        shot.output = shot.draw()  # warm-up: numba compilation, CUDA start-up
    times: list[list[float]] = [[] for _ in shots]
    for _ in range(repeats):
        for shot, kept in zip(shots, times, strict=True):
            start = time.perf_counter()
            shot.output = shot.draw()
            kept.append(1000.0 * (time.perf_counter() - start))
    return [statistics.median(kept) for kept in times]


def _crop_box(
    outputs: list[RenderOutput], index: int, width: int, height: int
) -> tuple[int, int, int, int] | None:
    """(x0, y0, x1, y1) around the pixels entity `index` covers (alone over 50%) in any of the renders."""
    covered = torch.stack([o.entity_alphas[0, ..., index] > 0.5 for o in outputs]).any(0)  # [H, W]
    ys, xs = covered.nonzero(as_tuple=True)
    if len(xs) == 0:
        return None
    return (
        max(0, int(xs.min()) - 4), max(0, int(ys.min()) - 4),
        min(width, int(xs.max()) + 5), min(height, int(ys.max()) + 5),
    )  # fmt: skip


def _laplacian(image: np.ndarray, box: tuple[int, int, int, int]) -> float:
    x0, y0, x1, y1 = box
    grey = cv2.cvtColor(image[y0:y1, x0:x1], cv2.COLOR_RGB2GRAY).astype(np.float64)
    return float(cv2.Laplacian(grey, cv2.CV_64F).var())


def _edge_px(alpha: np.ndarray) -> float:
    """The silhouette's edge width, pixels: partly opaque pixels over the outline's length."""
    solid = (alpha > 0.5).astype(np.uint8)
    outline = solid - cv2.erode(solid, np.ones((3, 3), np.uint8))
    return float(((alpha > 0.1) & (alpha < 0.9)).sum()) / max(1, int(outline.sum()))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default="asset-detail", help="folder for the PNGs")
    parser.add_argument("--size", default="640x360")
    parser.add_argument("--backend", choices=["cpu", "gsplat"], default="cpu")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    settings = RunSettings(width=width, height=height)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cache = AssetCache(AssetStore(None))  # memory only: every asset is built here
    context = GenerateContext(settings=settings, asset_cache=cache)

    print(
        "| scene | entity | screen px | level | Gaussians before | after "
        "| Laplacian before | after | edge px before | after |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    totals: list[tuple[str, list[Shot], list[float]]] = []
    for name, prompt in SCENES.items():
        plan = direct_offline(prompt)
        before = recipes_for(plan, settings.seed, {})
        infos = {i: before[i].info(cache.get(before[i])) for i in plan.group_of()}
        layout = layout_offline(plan, infos, settings, [], 0)
        detailed = with_detail({"plan": plan, "recipes": before, "assets": infos}, layout, context)
        after = detailed["recipes"]
        motion = motion_offline(plan, layout, infos, settings, [], 0)
        shots = [_shot(r, (plan, layout, motion), settings, cache, args.backend) for r in (before, after)]
        ms = _timed(shots, args.repeats)
        outputs = [s.output for s in shots if s.output is not None]
        images = [to_uint8(output.colors[0]) for output in outputs]
        for label, image in zip(("before", "after"), images, strict=True):
            cv2.imwrite(str(out / f"{name.replace(' ', '-')}-{label}.png"), image[..., ::-1])
        entity_ids = list(plan.group_of())
        boxes = {i: _crop_box(outputs, k, width, height) for k, i in enumerate(entity_ids)}
        extents = screen_sizes(plan, layout, settings)
        for k, i in enumerate(entity_ids):
            box = boxes[i]
            sharp = ["-", "-"] if box is None else [f"{_laplacian(im, box):.0f}" for im in images]
            edges = [f"{_edge_px(o.entity_alphas[0, ..., k].numpy()):.2f}" for o in outputs]
            print(
                f"| {name} | {i} | {extents[i]:.0f} | {after[i].detail} | {shots[0].gaussians[i]:,} | "
                f"{shots[1].gaussians[i]:,} | {sharp[0]} | {sharp[1]} | {edges[0]} | {edges[1]} |"
            )
        largest = max((i for i in entity_ids if boxes[i]), key=lambda i: shots[1].gaussians[i])
        crop = boxes[largest]
        assert crop is not None  # the largest is chosen among the entities seen
        x0, y0, x1, y1 = crop
        crops = np.concatenate([im[y0:y1, x0:x1] for im in images], axis=1)
        crops = cv2.resize(crops, None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)
        cv2.imwrite(str(out / f"{name.replace(' ', '-')}-crops.png"), crops[..., ::-1])
        totals.append((name, shots, ms))
    print()
    print(
        f"| scene ({args.backend}, {width}x{height}) | Gaussians before | after | render ms before | after |"
    )
    print("|---|---|---|---|---|")
    for name, (first, second), (ms_before, ms_after) in totals:
        print(f"| {name} | {first.total:,} | {second.total:,} | {ms_before:.0f} | {ms_after:.0f} |")
    print(f"\nPNGs in {out.resolve()}")


if __name__ == "__main__":
    main()
