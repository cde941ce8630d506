"""Backend choice: gsplat on CUDA when it works here, the compiled CPU rasterizer otherwise.

Both backends give the same frames within 1/255 (architecture.md, Conventions), so "auto" can pick either
without changing a video. Whether gsplat works is probed once per process and remembered: gsplat
JIT-compiles its CUDA kernels on first use (about 75 s), and a build that failed once would fail again, so
it is never retried per frame.
"""

from __future__ import annotations

import functools
import logging

import torch
from torch import Tensor

from scenewright.settings import RENDERERS, Renderer
from scenewright.tools.render.rasterize import Region, RenderOutput, check_region, crop

logger = logging.getLogger(__name__)


@functools.cache  # bounded: no arguments, one answer per process (whether CUDA and gsplat work here)
def gsplat_problem() -> str | None:
    """Why gsplat cannot render in this process, or None when a tiny test render worked. Probed once."""
    if not torch.cuda.is_available():
        return "CUDA is not available"
    try:
        from scenewright.tools.render.rasterize_gsplat import rasterize_gsplat

        output = rasterize_gsplat(
            torch.tensor([[0.0, 0.0, 2.0]]),  # [1, 3] one Gaussian in front of the camera
            torch.tensor([[1.0, 0.0, 0.0, 0.0]]),
            torch.full((1, 3), 0.2),
            torch.tensor([0.9]),
            torch.tensor([[1.0, 0.5, 0.25]]),
            torch.eye(4)[None],  # [1, 4, 4]
            torch.tensor([[[16.0, 0.0, 8.0], [0.0, 16.0, 8.0], [0.0, 0.0, 1.0]]]),  # [1, 3, 3]
            16,
            16,
            entity_ids=torch.tensor([0]),
            num_entities=1,
        )
        problem = None
        if not (torch.isfinite(output.colors).all() and output.entity_alphas.max() > 0.5):
            problem = "gsplat's test render came out empty or not finite"
    except Exception as error:  # a missing package, a failed CUDA build, a kernel error: all mean "not here"
        problem = f"gsplat failed its test render ({type(error).__name__}: {error})"
    if problem is not None:
        logger.warning("%s; the gsplat renderer is off for this process", problem)
    return problem


def resolve_backend(requested: Renderer) -> str:
    """Map "auto" to "gsplat" or "cpu"; "gsplat" stays or raises a ValueError that says what to do instead."""
    if requested not in RENDERERS:
        raise ValueError(f"unknown renderer {requested!r}; choose one of {', '.join(RENDERERS)}")
    if requested == "cpu":
        return "cpu"
    problem = gsplat_problem()
    if problem is None:
        return "gsplat"
    if requested == "gsplat":
        raise ValueError(
            f"the gsplat renderer is not usable here: {problem}. It needs an NVIDIA GPU with CUDA and the "
            "GPU extra (pip install 'scenewright[gpu]'); pass --renderer cpu to render on the CPU."
        )
    return "cpu"


def render(
    means: Tensor,  # [N, 3]
    quats: Tensor,  # [N, 4] w-first
    scales: Tensor,  # [N, 3] activated
    opacities: Tensor,  # [N] in 0..1
    colors: Tensor,  # [N, 3] RGB
    viewmats: Tensor,  # [C, 4, 4] world-to-camera
    Ks: Tensor,  # [C, 3, 3]
    width: int,
    height: int,
    *,
    backgrounds: Tensor | None = None,  # [C, 3]
    entity_ids: Tensor | None = None,  # [N] int64, -1 = no entity
    num_entities: int = 0,
    near_plane: float = 0.01,
    far_plane: float = 1e10,
    backend: Renderer = "auto",
    region: Region | None = None,
) -> RenderOutput:
    """Render C cameras on the resolved backend (see `resolve_backend`), only `region`'s pixels when given
    (the CPU backend blends only its tiles; gsplat renders the frame and crops it).

    gsplat moves CPU inputs to CUDA and brings its outputs back to the CPU, where the frame analysis runs
    (CUDA inputs give CUDA outputs); the CPU backend moves its inputs to the CPU and returns CPU tensors.
    """
    if resolve_backend(backend) == "gsplat":
        from scenewright.tools.render.rasterize_gsplat import rasterize_gsplat

        whole = rasterize_gsplat(
            means, quats, scales, opacities, colors, viewmats, Ks, width, height, backgrounds=backgrounds,
            entity_ids=entity_ids, num_entities=num_entities, near_plane=near_plane, far_plane=far_plane,
        )  # fmt: skip
        return whole if region is None else crop(whole, check_region(region, width, height))
    from scenewright.tools.render.rasterize_cpu import rasterize_cpu

    return rasterize_cpu(
        means.cpu(), quats.cpu(), scales.cpu(), opacities.cpu(), colors.cpu(), viewmats.cpu(), Ks.cpu(),
        width, height, backgrounds=None if backgrounds is None else backgrounds.cpu(),
        entity_ids=None if entity_ids is None else entity_ids.cpu(), num_entities=num_entities,
        near_plane=near_plane, far_plane=far_plane, region=region,
    )  # fmt: skip
