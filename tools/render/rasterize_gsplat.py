"""The CUDA backend: gsplat 1.5.3 `rasterization` in classic mode, with the shared RenderOutput.

gsplat is the implementation the CPU backends reproduce (architecture.md, Conventions), so this module only
asks it for what
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

from scenewright.tools.render.rasterize import EPS2D, TILE_SIZE, RenderOutput, check_inputs, instance_ids_from

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
        render_mode="RGB+ED",
        **settings,
    )  # [C, H, W, 4] rgb + expected depth, [C, H, W, 1]
    alphas = alphas[..., 0]  # [C, H, W]

    entity_alphas = torch.zeros(num_cameras, height, width, num_entities, device=device)  # [C, H, W, E]
    entity_depths = torch.zeros_like(entity_alphas)  # [C, H, W, E]
    for entity in range(num_entities):  # each entity alone: a few thousand Gaussians, one small call each
        members = entity_ids == entity  # [N]
        if not bool(members.any()):
            continue
        alone_depths, alone_alphas, _ = rasterization(
            means[members], quats[members], scales[members], opacities[members],
            torch.zeros(int(members.sum()), 1, device=device),  # [M, 1] unused: "ED" renders depth only
            viewmats, Ks, width, height, render_mode="ED", **settings,
        )  # fmt: skip
        entity_alphas[..., entity] = alone_alphas[..., 0]  # [C, H, W]
        entity_depths[..., entity] = torch.where(alone_alphas[..., 0] > 0, alone_depths[..., 0], 0.0)

    colors = render[..., :3]  # [C, H, W, 3]
    if backgrounds is not None:
        # gsplat 1.5.3 rejects backgrounds in packed mode (it checks their shape against the packed
        # layout); its background term is T * bg = (1 - alpha) * bg, added here instead.
        colors = colors + (1.0 - alphas[..., None]) * backgrounds[:, None, None, :]
    return RenderOutput(
        colors=colors,
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
