"""Parity of the gsplat backend with the CPU rasterizers: run by hand on a CUDA machine.

    PYTHONPATH=. python benchmarks/parity_gpu.py [--json PATH]

Each scene (random Gaussians, small enough for the per-pixel reference and large; one composed from the
procedural assets, with entities) is rendered by gsplat and by every CPU rasterizer that applies: the
per-pixel reference (small scenes only), the tile-binned torch path and the compiled numba backend (when
numba imports). The table gives, per pair, the largest colour difference in 8-bit levels, the fraction of
pixels off by more than 1/255, the largest relative depth difference where alpha > 0.5 (in the full image,
its 99.9th percentile, and for each entity alone), the largest alone-alpha difference in levels, and how
many pixels get the same instance id. The exit status is 1 when colour is off by more than 1/255 or depth
by more than 1e-3.

Third-party imports: torch, numpy, gsplat (with packaging, which it does not declare) and pydantic (the
asset generator imports the scene schema); numba is optional. The first gsplat call JIT-compiles its CUDA
kernels (about 75 s on an H100 with TORCH_CUDA_ARCH_LIST=9.0).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import Tensor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import scenewright  # noqa: E402

if importlib.util.find_spec("scenewright.tools") is None:
    # A plain checkout on PYTHONPATH: pyproject maps tools/ to scenewright.tools, so do the same here.
    scenewright.__path__.append(str(ROOT))

from scenewright.tools.render.rasterize import RenderOutput, rasterize_reference, rasterize_torch  # noqa: E402
from scenewright.tools.render.rasterize_gsplat import rasterize_gsplat  # noqa: E402
from scenewright.tools.scene.assets import build_asset, build_environment  # noqa: E402
from scenewright.tools.scene.camera import intrinsics, look_at  # noqa: E402
from scenewright.tools.scene.compose import pose_asset  # noqa: E402
from scenewright.tools.scene.gaussians import Gaussians  # noqa: E402

COLOR_TOLERANCE = 1.0 / 255.0
DEPTH_TOLERANCE = 1e-3
REFERENCE_BUDGET = 2_000_000
"""The per-pixel reference runs where pixels x Gaussians x cameras stays under this (it is plain Python)."""

Rasterizer = Callable[..., RenderOutput]

COLUMNS = {
    "color_levels": ("Δcolour", 8, ".3f"),
    "pixels_over_1_255": (">1/255", 8, ".5f"),
    "depth_rel": ("Δdepth", 9, ".2e"),
    "depth_rel_p999": ("p99.9", 9, ".2e"),
    "entity_depth_rel": ("Δdepth_e", 9, ".2e"),
    "entity_alpha_levels": ("Δalpha_e", 8, ".3f"),
    "instance_id_agreement": ("ids", 7, ".4f"),
}
"""What `compare` measures: table title, column width and number format."""


@dataclass
class Scene:
    name: str
    gaussians: Gaussians
    entity_ids: Tensor  # [N] int64, -1 = no entity
    num_entities: int
    viewmats: Tensor  # [C, 4, 4]
    Ks: Tensor  # [C, 3, 3]
    width: int
    height: int
    backgrounds: Tensor  # [C, 3]

    def render(self, rasterizer: Rasterizer) -> RenderOutput:
        g = self.gaussians
        return rasterizer(
            g.means, g.quats, g.scales, g.opacities, g.colors, self.viewmats, self.Ks,
            self.width, self.height,
            backgrounds=self.backgrounds, entity_ids=self.entity_ids, num_entities=self.num_entities,
        )  # fmt: skip


def orbit_cameras(
    count: int, radius: float, height_m: float, target: tuple[float, float, float], width: int, height: int
) -> tuple[Tensor, Tensor]:
    """`count` cameras on an arc around `target`, 50 degree field of view: viewmats [C, 4, 4], Ks [C, 3, 3]"""
    angles = [math.radians(-40.0 + 80.0 * i / max(count - 1, 1)) for i in range(count)]
    eyes = [(target[0] + radius * math.sin(a), height_m, target[2] + radius * math.cos(a)) for a in angles]
    viewmats = torch.stack([look_at(torch.tensor(eye), torch.tensor(target)) for eye in eyes])
    return viewmats, torch.stack([intrinsics(50.0, width, height)] * count)


def random_scene(name: str, n: int, width: int, height: int, cameras: int, seed: int) -> Scene:
    """n Gaussians in a cloud around the origin, sized so that they overlap a few deep, in 4 entities."""
    g = torch.Generator().manual_seed(seed)
    size = 0.4 / n ** (1 / 3)  # mean spacing of n points in the cloud, about
    gaussians = Gaussians(
        means=torch.randn(n, 3, generator=g) * 0.6,
        quats=torch.randn(n, 4, generator=g),
        log_scales=torch.randn(n, 3, generator=g) * 0.5 + math.log(size),
        logit_opacities=torch.randn(n, generator=g) * 1.5,
        sh0=torch.randn(n, 3, generator=g),
        part_ids=torch.zeros(n, dtype=torch.int64),
        parts=["all"],
        pivots=torch.zeros(1, 3),
    )
    viewmats, Ks = orbit_cameras(cameras, 3.0, 0.5, (0.0, 0.0, 0.0), width, height)
    entity_ids = torch.randint(-1, 4, (n,), generator=g)
    backgrounds = torch.rand(cameras, 3, generator=g)
    return Scene(name, gaussians, entity_ids, 4, viewmats, Ks, width, height, backgrounds)


def composed_scene(width: int, height: int, cameras: int, seed: int) -> Scene:
    """A beach with a dog, a red ball and a person from the procedural generators, seen from an arc."""
    placed = [
        ("dog", None, (-1.0, 0.0, 0.2), 0.3),
        ("ball", (0.9, 0.1, 0.1), (0.7, 0.0, 0.5), 0.0),
        ("person", None, (0.2, 0.0, -1.2), -0.5),
    ]
    parts, owners = [build_environment("beach", seed)], [-1]
    for index, (category, rgb, position, yaw) in enumerate(placed):
        asset = build_asset(category, rgb, [], seed + index)
        rest = torch.eye(3).repeat(len(asset.parts), 1, 1)  # [P, 3, 3] no articulation
        parts.append(pose_asset(asset, 1.0, position, yaw, rest))
        owners.append(index)
    entity_ids = torch.cat(
        [torch.full((len(p),), o, dtype=torch.int64) for p, o in zip(parts, owners, strict=True)]
    )
    viewmats, Ks = orbit_cameras(cameras, 5.0, 1.6, (0.0, 0.5, 0.0), width, height)
    backgrounds = torch.tensor([0.55, 0.75, 0.95]).repeat(cameras, 1)
    return Scene(
        "composed", Gaussians.concat(parts), entity_ids, len(placed), viewmats, Ks, width, height, backgrounds
    )


def compare(gpu: RenderOutput, cpu: RenderOutput) -> dict[str, float]:
    """How far gsplat's frames are from a CPU rasterizer's (see the module docstring)."""
    gpu_colors, cpu_colors = gpu.colors.clamp(0, 1), cpu.colors.clamp(0, 1)  # [C, H, W, 3] what gets encoded
    color_error = (gpu_colors - cpu_colors).abs().amax(-1)  # [C, H, W]

    def depth_errors(tested: Tensor, reference: Tensor, solid: Tensor) -> Tensor:
        """Relative depth differences [K] where both are solid (an empty set counts as 0)."""
        relative = ((tested - reference).abs() / reference.abs().clamp_min(1e-12))[solid]
        return relative if relative.numel() else torch.zeros(1)

    solid = (gpu.alphas > 0.5) & (cpu.alphas > 0.5)  # [C, H, W]
    alone = (gpu.entity_alphas > 0.5) & (cpu.entity_alphas > 0.5)  # [C, H, W, E]
    entity_alpha_error = (gpu.entity_alphas - cpu.entity_alphas).abs()
    return {
        "color_levels": 255.0 * float(color_error.max()),
        "pixels_over_1_255": float((color_error > COLOR_TOLERANCE).float().mean()),
        "depth_rel": float(depth_errors(gpu.depths, cpu.depths, solid).max()),
        "depth_rel_p999": float(np.quantile(depth_errors(gpu.depths, cpu.depths, solid).numpy(), 0.999)),
        "entity_depth_rel": float(depth_errors(gpu.entity_depths, cpu.entity_depths, alone).max()),
        "entity_alpha_levels": 255.0 * float(entity_alpha_error.max()) if entity_alpha_error.numel() else 0.0,
        "instance_id_agreement": float((gpu.instance_ids == cpu.instance_ids).float().mean()),
    }


def cpu_rasterizers() -> tuple[dict[str, Rasterizer], list[str]]:
    """The CPU rasterizers to compare with, and notes on the ones that cannot run here."""
    rasterizers: dict[str, Rasterizer] = {"reference": rasterize_reference, "torch": rasterize_torch}
    notes = []
    try:
        from scenewright.tools.render.rasterize_cpu import rasterize_cpu

        rasterizers["numba"] = rasterize_cpu
    except ImportError as error:
        notes.append(f"numba backend skipped: {error}")
    return rasterizers, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the table here")
    args = parser.parse_args(argv)
    if not torch.cuda.is_available():
        print("parity_gpu needs CUDA: gsplat renders on the GPU only", file=sys.stderr)
        return 2
    import gsplat

    scenes = [
        random_scene("random-small", 60, 24, 16, 3, seed=0),
        random_scene("random", 20_000, 320, 240, 4, seed=1),
        random_scene("random-200k", 200_000, 512, 512, 2, seed=2),
        composed_scene(480, 270, 4, seed=0),
    ]
    rasterizers, notes = cpu_rasterizers()
    started = time.perf_counter()
    scenes[0].render(rasterize_gsplat)  # the first call builds gsplat's CUDA kernels
    print(f"gsplat {gsplat.__version__} ready in {time.perf_counter() - started:.1f} s", flush=True)

    rows = []
    titles = " ".join(f"{title:>{width}}" for title, width, _ in COLUMNS.values())
    header = f"{'scene':<13} {'cpu':<9} {'gaussians':>9} {'size':>9} {'cams':>4} {titles}"
    print(header)
    for scene in scenes:
        gpu = scene.render(rasterize_gsplat)
        work = scene.width * scene.height * len(scene.gaussians) * scene.viewmats.shape[0]
        for cpu_name, rasterizer in rasterizers.items():
            if cpu_name == "reference" and work > REFERENCE_BUDGET:
                continue
            metrics = compare(gpu, scene.render(rasterizer))
            passed = (
                metrics["color_levels"] <= 255.0 * COLOR_TOLERANCE
                and metrics["depth_rel"] <= DEPTH_TOLERANCE
                and metrics["entity_depth_rel"] <= DEPTH_TOLERANCE
            )
            cells = " ".join(
                format(metrics[key], f">{width}{spec}") for key, (_, width, spec) in COLUMNS.items()
            )
            size, cameras = f"{scene.width}x{scene.height}", scene.viewmats.shape[0]
            line = f"{scene.name:<13} {cpu_name:<9} {len(scene.gaussians):>9} {size:>9} {cameras:>4}"
            print(f"{line} {cells}{'' if passed else '  FAIL'}", flush=True)
            rows.append(
                {
                    "scene": scene.name,
                    "cpu": cpu_name,
                    "gaussians": len(scene.gaussians),
                    "width": scene.width,
                    "height": scene.height,
                    "cameras": cameras,
                    **metrics,
                    "passed": passed,
                }
            )
    for note in notes:
        print(note)
    passed = all(row["passed"] for row in rows)
    print("parity: " + ("PASS" if passed else "FAIL") + " (colour <= 1/255, depth <= 1e-3 relative)")
    if args.json:
        report = {
            "device": torch.cuda.get_device_name(),
            "torch": torch.__version__,
            "gsplat": gsplat.__version__,
            "color_tolerance": COLOR_TOLERANCE,
            "depth_tolerance": DEPTH_TOLERANCE,
            "passed": passed,
            "rows": rows,
            "notes": notes,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
