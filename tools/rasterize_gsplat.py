"""The CUDA backend: gsplat 1.5.3 `rasterization` in classic mode, with the shared RenderOutput.

gsplat is the implementation the CPU backends reproduce (DESIGN.md), so this module only asks it for what
RenderOutput needs: one "RGB+ED" pass of every Gaussian for colour, alpha and expected depth, and one
batched "ED" pass in which each entity's Gaussians are rendered on their own (batch dimension = entity),
which is what "alone" means in the spec. gsplat is imported on first use: it is an optional extra and
JIT-compiles its CUDA kernels then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import Tensor

from scenewright.tools.rasterize import EPS2D, TILE_SIZE, RenderOutput, check_inputs, instance_ids_from


def _entity_batches(entity_ids: Tensor, num_entities: int) -> Tensor:
    """Index [E, M] of each entity's Gaussians, padded with N (a transparent sentinel), M >= 1."""
    n = entity_ids.shape[0]
    members = torch.nonzero(entity_ids >= 0).flatten()  # [K]
    members = members[torch.argsort(entity_ids[members], stable=True)]  # [K] grouped by entity
    owners = entity_ids[members]  # [K]
    counts = torch.bincount(owners, minlength=num_entities)  # [E]
    firsts = torch.cumsum(counts, 0) - counts  # [E] where each entity's run starts in members
    slots = torch.arange(members.shape[0], device=entity_ids.device) - firsts[owners]  # [K]
    index = torch.full((num_entities, max(int(counts.max()), 1)), n, device=entity_ids.device)  # [E, M]
    index[owners, slots] = members
    return index


Rasterization = Callable[..., tuple[Tensor, Tensor, dict[str, Any]]]
"""gsplat's `rasterization`, or a stand-in with its signature and layouts in the tests."""


def _render(
    rasterization: Rasterization,
    means: Tensor,  # [N, 3]
    quats: Tensor,  # [N, 4]
    scales: Tensor,  # [N, 3]
    opacities: Tensor,  # [N]
    colors: Tensor,  # [N, 3]
    viewmats: Tensor,  # [C, 4, 4]
    Ks: Tensor,  # [C, 3, 3]
    width: int,
    height: int,
    *,
    backgrounds: Tensor | None,  # [C, 3]
    entity_ids: Tensor,  # [N] int64
    num_entities: int,
    near_plane: float,
    far_plane: float,
) -> RenderOutput:
    """The two gsplat passes on float32 tensors that are already on one device."""
    device = means.device
    num_cameras = viewmats.shape[0]
    settings: dict[str, Any] = dict(
        near_plane=near_plane,
        far_plane=far_plane,
        eps2d=EPS2D,
        tile_size=TILE_SIZE,
        packed=True,
        rasterize_mode="classic",
    )
    render, alphas, _ = rasterization(
        means,
        quats,
        scales,
        opacities,
        colors,
        viewmats,
        Ks,
        width,
        height,
        backgrounds=backgrounds,
        render_mode="RGB+ED",
        **settings,
    )  # [C, H, W, 4] rgb + expected depth, [C, H, W, 1]
    alphas = alphas[..., 0]  # [C, H, W]

    entity_alphas = torch.zeros(num_cameras, height, width, num_entities, device=device)  # [C, H, W, E]
    entity_depths = torch.zeros_like(entity_alphas)  # [C, H, W, E]
    if num_entities:
        index = _entity_batches(entity_ids, num_entities)  # [E, M]

        def padded(values: Tensor, sentinel: list[float]) -> Tensor:
            """values [N, ...] -> [E, M, ...], the sentinel where an entity has fewer than M Gaussians."""
            row = torch.tensor(sentinel, device=device).reshape(1, *values.shape[1:])
            return torch.cat([values, row])[index].contiguous()

        alone_depths, alone_alphas, _ = rasterization(
            padded(means, [0.0, 0.0, 0.0]),
            padded(quats, [1.0, 0.0, 0.0, 0.0]),
            padded(scales, [1.0, 1.0, 1.0]),
            padded(opacities, [0.0]),  # [E, M]; opacity 0 never reaches 1/255
            torch.zeros(*index.shape, 1, device=device),  # [E, M, 1] unused: "ED" renders depth only
            viewmats.expand(num_entities, -1, -1, -1).contiguous(),  # [E, C, 4, 4]
            Ks.expand(num_entities, -1, -1, -1).contiguous(),  # [E, C, 3, 3]
            width,
            height,
            render_mode="ED",
            **settings,
        )  # [E, C, H, W, 1] each
        entity_alphas = alone_alphas[..., 0].permute(1, 2, 3, 0)  # [C, H, W, E]
        entity_depths = torch.where(entity_alphas > 0, alone_depths[..., 0].permute(1, 2, 3, 0), 0.0)

    return RenderOutput(
        colors=render[..., :3],
        alphas=alphas,
        depths=torch.where(alphas > 0, render[..., 3], 0.0),
        entity_alphas=entity_alphas,
        entity_depths=entity_depths,
        instance_ids=instance_ids_from(entity_alphas, entity_depths),
    )


@torch.no_grad()
def rasterize_gsplat(
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
) -> RenderOutput:
    """Render C cameras with gsplat on CUDA, in one call for all cameras.

    Inputs on the CPU are moved to CUDA and the outputs brought back to the CPU, where the frame
    analysis runs; inputs already on CUDA give outputs on CUDA, so a caller that keeps its frames on
    the GPU pays no transfer.
    """
    from gsplat import rasterization

    inputs = (means, quats, scales, opacities, colors, viewmats, Ks)
    check_inputs(*inputs, width, height, backgrounds, entity_ids, num_entities)
    if entity_ids is None:
        entity_ids = torch.full((means.shape[0],), -1)
    home = means.device
    device = home if home.type == "cuda" else torch.device("cuda")

    def moved(tensor: Tensor) -> Tensor:
        return tensor.to(device).float().contiguous()

    output = _render(
        rasterization,
        moved(means),
        moved(quats),
        moved(scales),
        moved(opacities),
        moved(colors),
        moved(viewmats),
        moved(Ks),
        width,
        height,
        backgrounds=None if backgrounds is None else moved(backgrounds),
        entity_ids=entity_ids.to(device),
        num_entities=num_entities,
        near_plane=near_plane,
        far_plane=far_plane,
    )
    return RenderOutput(**{name: value.to(home).contiguous() for name, value in vars(output).items()})
