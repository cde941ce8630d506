"""Render-speed benchmark: one static scene, an orbiting camera, frames per second of a backend.

    python benchmarks/render.py --scene standard --backend cpu [--frames 96] [--json PATH]

Scenes, built deterministically from the project's procedural assets (fixed seeds, no randomness here):
- standard: 200 000 Gaussians at 512x512. The "park" environment (ground, sky, tree line), eight entities
  (person, dog, cat, horse, car, bicycle, ball, bus) placed directly on a 4 m ring around the origin, then
  background scenery that belongs to no entity: trees and houses of increasing seed on rings from 18 m out,
  added until the count reaches the target; the last one is cut to its first Gaussians so that the total is
  exact.
- large: the same construction topped up to 1 000 000 Gaussians, at 1920x1080 (the GPU goal).
The camera orbits the origin once over the frames (10 m out, 3 m up, looking at (0, 1, 0), 50 degree fov).
One warm-up call (numba compilation, CUDA start-up) comes before the timed frames; each frame is one call
with one camera, as the render stage makes it. Peak RSS is the whole process's.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass

import torch

from scenewright.tools.render.rasterize import RenderOutput
from scenewright.tools.scene.assets import build_asset, build_environment
from scenewright.tools.scene.camera import intrinsics, look_at
from scenewright.tools.scene.compose import pose_asset
from scenewright.tools.scene.gaussians import Gaussians

SCENES = {"standard": (200_000, 512, 512), "large": (1_000_000, 1920, 1080)}
"""name -> (Gaussians, width, height)"""
ENTITIES = ("person", "dog", "cat", "horse", "car", "bicycle", "ball", "bus")
SCENERY = ("tree", "house")


@dataclass
class Scene:
    gaussians: Gaussians
    entity_ids: torch.Tensor  # [N] int64, -1 for environment and scenery
    num_entities: int


def _placed(category: str, seed: int, angle: float, radius: float) -> Gaussians:
    """An asset on the ground at `radius` metres in direction `angle`, facing along the ring."""
    asset = build_asset(category, None, [], seed=seed)
    position = (radius * math.cos(angle), 0.0, radius * math.sin(angle))
    return pose_asset(asset, 1.0, position, angle + math.pi / 2, torch.eye(3).expand(len(asset.parts), 3, 3))


def build_scene(total: int) -> Scene:
    """The benchmark scene with exactly `total` Gaussians (see the module docstring)."""
    parts = [build_environment("park", seed=0)]
    owners = [torch.full((len(parts[0]),), -1)]
    for index, category in enumerate(ENTITIES):
        parts.append(_placed(category, index, math.tau * index / len(ENTITIES), 4.0))
        owners.append(torch.full((len(parts[-1]),), index))
    count, k = sum(len(p) for p in parts), 0
    while count < total:
        ring, slot = divmod(k, 24)
        scenery = _placed(SCENERY[k % 2], 100 + k, math.tau * (slot + 0.5 * ring) / 24, 18.0 + 5.0 * ring)
        keep = min(len(scenery), total - count)
        parts.append(
            Gaussians(
                means=scenery.means[:keep],
                quats=scenery.quats[:keep],
                log_scales=scenery.log_scales[:keep],
                logit_opacities=scenery.logit_opacities[:keep],
                sh0=scenery.sh0[:keep],
                part_ids=scenery.part_ids[:keep],
                parts=scenery.parts,
                pivots=scenery.pivots,
            )
        )
        owners.append(torch.full((keep,), -1))
        count, k = count + keep, k + 1
    return Scene(Gaussians.concat(parts), torch.cat(owners), len(ENTITIES))


def orbit(frames: int, width: int, height: int) -> tuple[torch.Tensor, torch.Tensor]:
    """One turn around the origin: viewmats [F, 4, 4], Ks [F, 3, 3]."""
    angles = [math.tau * f / frames for f in range(frames)]
    eyes = [torch.tensor([10.0 * math.sin(a), 3.0, 10.0 * math.cos(a)]) for a in angles]
    viewmats = torch.stack([look_at(eye, torch.tensor([0.0, 1.0, 0.0])) for eye in eyes])
    return viewmats, intrinsics(50.0, width, height).expand(frames, 3, 3).clone()


def _backend(name: str) -> tuple[Callable[..., RenderOutput], torch.device]:
    if name == "cpu":
        from scenewright.tools.render.rasterize_cpu import rasterize_cpu

        return rasterize_cpu, torch.device("cpu")
    # Written by the gsplat backend; imported here only so that the CPU benchmark never needs it.
    from scenewright.tools.render.renderer import render

    return (lambda *args, **kwargs: render(*args, **kwargs, backend="gsplat")), torch.device("cuda")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scene", choices=sorted(SCENES), default="standard")
    parser.add_argument("--backend", choices=["cpu", "gsplat"], default="cpu")
    parser.add_argument("--frames", type=int, default=96)
    parser.add_argument(
        "--batch", type=int, default=1, help="cameras rendered per call (frames share a scene)"
    )
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON here")
    args = parser.parse_args()

    total, width, height = SCENES[args.scene]
    render, device = _backend(args.backend)
    scene = build_scene(total)
    g = scene.gaussians
    inputs = [t.to(device) for t in (g.means, g.quats, g.scales, g.opacities, g.colors)]
    entity_ids = scene.entity_ids.to(device)
    viewmats, Ks = (t.to(device) for t in orbit(args.frames, width, height))

    def frame(f: int) -> RenderOutput:
        return render(
            *inputs, viewmats[f : f + args.batch], Ks[f : f + args.batch], width, height,
            entity_ids=entity_ids, num_entities=scene.num_entities,
        )  # fmt: skip

    def sync() -> None:
        if device.type == "cuda":
            torch.cuda.synchronize()

    start = time.perf_counter()
    frame(0)
    sync()
    warmup_s = time.perf_counter() - start
    start = time.perf_counter()
    for f in range(0, args.frames, args.batch):
        frame(f)
    sync()
    seconds = time.perf_counter() - start
    result = {
        "backend": args.backend,
        "scene": args.scene,
        "gaussians": len(g),
        "size": f"{width}x{height}",
        "frames": args.frames,
        "cameras_per_call": args.batch,
        "fps": args.frames / seconds,
        "ms_per_frame": 1000.0 * seconds / args.frames,
        "warmup_s": warmup_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "threads": torch.get_num_threads(),
    }
    header = [
        "backend",
        "Gaussians",
        "size",
        "frames",
        "cameras/call",
        "frames/s",
        "ms/frame",
        "warm-up s",
        "peak RSS MB",
    ]
    row = [
        args.backend,
        f"{len(g):,}",
        result["size"],
        str(args.frames),
        str(args.batch),
        f"{result['fps']:.1f}",
        f"{result['ms_per_frame']:.1f}",
        f"{warmup_s:.2f}",
        f"{result['peak_rss_mb']:.0f}",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    print("| " + " | ".join(row) + " |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
