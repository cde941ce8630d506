"""CPU Gaussian-splat rasterizer that reproduces gsplat 1.5.3 `rasterization` in classic mode.

The CUDA backend (gsplat) and this one must give the same frames within 1/255 (DESIGN.md), so every rule
here mirrors gsplat's kernels: EWA projection with the clamped perspective Jacobian, eps2d blur,
opacity-aware 3.33-sigma footprints, 16x16 tiles sorted by camera depth, alpha capped at 0.999 and
skipped under 1/255, and compositing that stops before transmittance would fall to 1e-4.

`rasterize` is the fast, tile-binned, vectorised path; `rasterize_reference` is a per-pixel loop kept
obvious on purpose so that tests can check the fast path against it. Both also return, per entity, the
blend weight it received in the full render and the alpha it would have rendered alone, which is what
the critic needs to tell "off screen" from "hidden behind something".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor

from scenewright.tools.gaussians import quat_to_rotmat

TILE_SIZE = 16
EPS2D = 0.3
MAX_EXTEND = 3.33
MAX_ALPHA = 0.999
ALPHA_THRESHOLD = 1.0 / 255.0
TRANSMITTANCE_THRESHOLD = 1e-4
BATCH_ELEMENTS = 1 << 22
"""Pixel-gaussian pairs evaluated at once: 16 MB per float32 buffer, about 100 MB in all."""
CHUNK_SIZES = (8, 16, 32, 64)
"""Gaussians per tile per step; most tiles end early, the ones left have long lists, so chunks grow."""


@dataclass
class RenderOutput:
    colors: Tensor  # [C, H, W, 3] composited colour incl. background (not clamped)
    alphas: Tensor  # [C, H, W]
    depths: Tensor  # [C, H, W] expected depth sum(w_i z_i) / alpha, 0 where alpha == 0
    entity_weights: Tensor  # [C, H, W, E] sum of blend weights w_i of each entity's Gaussians
    entity_alphas: Tensor  # [C, H, W, E] alpha of each entity rendered alone: 1 - prod(1 - a_i)


def _check_inputs(
    means: Tensor,
    quats: Tensor,
    scales: Tensor,
    opacities: Tensor,
    colors: Tensor,
    viewmats: Tensor,
    Ks: Tensor,
    width: int,
    height: int,
    backgrounds: Tensor | None,
    entity_ids: Tensor | None,
    num_entities: int,
) -> None:
    n = means.shape[0] if means.dim() == 2 else -1
    c = viewmats.shape[0] if viewmats.dim() == 3 else -1
    expected = {
        "means": (means, (n, 3)),
        "quats": (quats, (n, 4)),
        "scales": (scales, (n, 3)),
        "opacities": (opacities, (n,)),
        "colors": (colors, (n, 3)),
        "viewmats": (viewmats, (c, 4, 4)),
        "Ks": (Ks, (c, 3, 3)),
    }
    if backgrounds is not None:
        expected["backgrounds"] = (backgrounds, (c, 3))
    if entity_ids is not None:
        expected["entity_ids"] = (entity_ids, (n,))
    for name, (tensor, shape) in expected.items():
        if n < 0 or c < 0 or tuple(tensor.shape) != shape:
            raise ValueError(f"{name} has shape {tuple(tensor.shape)}, expected {shape} (N = {n}, C = {c})")
    if width <= 0 or height <= 0:
        raise ValueError(f"image size must be positive, got {width}x{height}")
    if num_entities < 0:
        raise ValueError(f"num_entities must be >= 0, got {num_entities}")
    if entity_ids is not None:
        if entity_ids.dtype != torch.int64:
            raise ValueError(f"entity_ids must be int64, got {entity_ids.dtype}")
        if n and (int(entity_ids.min()) < -1 or int(entity_ids.max()) >= num_entities):
            raise ValueError(f"entity_ids must lie in [-1, {num_entities})")


@dataclass
class _Projected:
    means2d: Tensor  # [C, N, 2] pixel coordinates
    conics: Tensor  # [C, N, 3] inverse 2D covariance (a, b, c) = [[a, b], [b, c]]
    depths: Tensor  # [C, N] camera-space z of the mean
    radii: Tensor  # [C, N, 2] int64 footprint half-size in pixels, 0 where culled


def _project(
    means: Tensor,  # [N, 3]
    quats: Tensor,  # [N, 4]
    scales: Tensor,  # [N, 3]
    opacities: Tensor,  # [N]
    viewmats: Tensor,  # [C, 4, 4]
    Ks: Tensor,  # [C, 3, 3]
    width: int,
    height: int,
    near_plane: float,
    far_plane: float,
) -> _Projected:
    """gsplat's `fully_fused_projection` (classic, eps2d blur, opacity-aware footprint), batched."""
    rotmats = quat_to_rotmat(quats)  # [N, 3, 3]
    m = rotmats * scales[:, None, :]  # [N, 3, 3] R S
    covars = m @ m.transpose(1, 2)  # [N, 3, 3]
    view_r, view_t = viewmats[:, :3, :3], viewmats[:, :3, 3]  # [C, 3, 3], [C, 3]
    means_c = torch.einsum("cij,nj->cni", view_r, means) + view_t[:, None, :]  # [C, N, 3]
    covars_c = view_r[:, None] @ covars[None] @ view_r.transpose(1, 2)[:, None]  # [C, N, 3, 3]

    fx, fy, cx, cy = Ks[:, 0, 0, None], Ks[:, 1, 1, None], Ks[:, 0, 2, None], Ks[:, 1, 2, None]  # [C, 1]
    x, y, z = means_c.unbind(-1)  # [C, N]
    # gsplat clamps the Jacobian (not the mean) to 1.3x the half field of view.
    tan_fovx, tan_fovy = 0.5 * width / fx, 0.5 * height / fy  # [C, 1]
    tx = z * torch.minimum((width - cx) / fx + 0.3 * tan_fovx, torch.maximum(-(cx / fx + 0.3 * tan_fovx), x / z))
    ty = z * torch.minimum((height - cy) / fy + 0.3 * tan_fovy, torch.maximum(-(cy / fy + 0.3 * tan_fovy), y / z))
    zeros = torch.zeros_like(z)
    jacobian = torch.stack(
        [fx / z, zeros, -fx * tx / z**2, zeros, fy / z, -fy * ty / z**2], dim=-1
    ).reshape(*z.shape, 2, 3)  # [C, N, 2, 3]
    covars2d = jacobian @ covars_c @ jacobian.transpose(-1, -2)  # [C, N, 2, 2]
    cov_a = covars2d[..., 0, 0] + EPS2D  # [C, N]
    cov_b = covars2d[..., 0, 1]
    cov_c = covars2d[..., 1, 1] + EPS2D
    det = cov_a * cov_c - cov_b * cov_b  # [C, N]
    conics = torch.stack([cov_c / det, -cov_b / det, cov_a / det], dim=-1)  # [C, N, 3]
    means2d = torch.stack([fx * x / z + cx, fy * y / z + cy], dim=-1)  # [C, N, 2]

    extend = torch.sqrt(2.0 * torch.log(opacities / ALPHA_THRESHOLD).clamp_min(0)).clamp_max(MAX_EXTEND)  # [N]
    radii = torch.ceil(extend * torch.sqrt(torch.stack([cov_a, cov_c], dim=-1)))  # [C, N, 2]
    visible = (
        (z >= near_plane)
        & (z <= far_plane)
        & (det > 0)
        & (opacities >= ALPHA_THRESHOLD)
        & ((radii[..., 0] > 0) | (radii[..., 1] > 0))
        & (means2d[..., 0] + radii[..., 0] > 0)
        & (means2d[..., 0] - radii[..., 0] < width)
        & (means2d[..., 1] + radii[..., 1] > 0)
        & (means2d[..., 1] - radii[..., 1] < height)
    )  # [C, N]; NaN from culled z <= 0 compares False
    radii = torch.where(visible[..., None], radii, 0).long()
    return _Projected(means2d=means2d, conics=conics, depths=z, radii=radii)


@dataclass
class _TileLists:
    """Per tile, the Gaussians that touch it front to back: pair_ids[starts[t]:ends[t]]."""

    pair_ids: Tensor  # [M] flat index c * N + n, grouped by tile, sorted by depth within a tile
    starts: Tensor  # [C * tiles]
    ends: Tensor  # [C * tiles]


def _tile_lists(proj: _Projected, tiles_x: int, tiles_y: int) -> _TileLists:
    """gsplat's `isect_tiles` + sort: one (tile, Gaussian) pair per tile the footprint box touches."""
    num_cameras, n = proj.depths.shape
    centre = proj.means2d / TILE_SIZE  # [C, N, 2] in tiles
    extent = proj.radii / TILE_SIZE  # [C, N, 2]
    limit = torch.tensor([tiles_x, tiles_y])
    tile_min = torch.minimum(torch.floor(centre - extent).clamp_min(0), limit).long()  # [C, N, 2]
    tile_max = torch.minimum(torch.ceil(centre + extent).clamp_min(0), limit).long()  # [C, N, 2]
    span = torch.where(proj.radii > 0, tile_max - tile_min, 0)  # [C, N, 2]
    counts = (span[..., 0] * span[..., 1]).flatten()  # [C * N]

    # Front to back first; the stable sort by tile below keeps that order inside each tile.
    order = torch.argsort(proj.depths, dim=1, stable=True)  # [C, N]
    flat_order = (order + torch.arange(num_cameras)[:, None] * n).flatten()  # [C * N]
    pair_ids = torch.repeat_interleave(flat_order, counts[flat_order])  # [M]
    first_pair = torch.cumsum(counts[flat_order], 0) - counts[flat_order]  # [C * N]
    local = torch.arange(pair_ids.shape[0]) - torch.repeat_interleave(first_pair, counts[flat_order])  # [M]
    span_x = span.reshape(-1, 2)[pair_ids, 0]  # [M]
    tile_xy = tile_min.reshape(-1, 2)[pair_ids]  # [M, 2]
    tile_ids = (
        (pair_ids // n) * (tiles_x * tiles_y)
        + (tile_xy[:, 1] + local // span_x) * tiles_x
        + (tile_xy[:, 0] + local % span_x)
    )  # [M]
    tile_ids, perm = torch.sort(tile_ids, stable=True)
    ends = torch.cumsum(torch.bincount(tile_ids, minlength=num_cameras * tiles_x * tiles_y), 0)  # [C * tiles]
    starts = torch.cat([ends.new_zeros(1), ends[:-1]])
    return _TileLists(pair_ids=pair_ids[perm], starts=starts, ends=ends)


def _tile_alphas(
    tile_ids: Tensor,  # [A] global tile index
    gaussians: Tensor,  # [A, G, 6] mean x, mean y, conic a, b, c, log opacity (-inf for padding)
    tiles_x: int,
    tiles_per_image: int,
    out: Tensor,  # [A, G, TILE_SIZE * TILE_SIZE] buffer
) -> Tensor:
    """Alpha of every Gaussian at every pixel of its tile, 0 where gsplat skips it: [A, G, P]."""
    a_count, g_count = gaussians.shape[:2]
    offsets = torch.arange(TILE_SIZE, dtype=torch.float32) + 0.5  # [16] pixel centres
    tile_in_image = tile_ids % tiles_per_image  # [A]
    px = (tile_in_image % tiles_x * TILE_SIZE)[:, None].float() + offsets  # [A, 16]
    py = (tile_in_image // tiles_x * TILE_SIZE)[:, None].float() + offsets  # [A, 16]
    mx, my, ca, cb, cc, log_opacity = gaussians.unbind(-1)  # [A, G] each
    dx = mx[..., None] - px[:, None, :]  # [A, G, 16]
    dy = my[..., None] - py[:, None, :]  # [A, G, 16]
    # log alpha = log o - sigma, sigma = 0.5 (a dx^2 + c dy^2) + b dx dy, split by row and column.
    log_alpha_x = log_opacity[..., None] - 0.5 * ca[..., None] * dx * dx  # [A, G, 16]
    log_alpha_y = -0.5 * cc[..., None] * dy * dy  # [A, G, 16]
    log_alpha = out.view(a_count, g_count, TILE_SIZE, TILE_SIZE)  # [A, G, 16 (y), 16 (x)]
    torch.add(log_alpha_y[..., :, None], log_alpha_x[..., None, :], out=log_alpha)
    log_alpha.addcmul_((-cb[..., None] * dy)[..., :, None], dx[..., None, :])
    alphas = out.exp_().clamp_max_(MAX_ALPHA)  # [A, G, P]
    # threshold_ keeps values strictly above its threshold; gsplat keeps alpha >= 1/255.
    return F.threshold_(alphas, _BELOW_ALPHA_THRESHOLD, 0.0)


_BELOW_ALPHA_THRESHOLD = float(
    torch.nextafter(torch.tensor(ALPHA_THRESHOLD, dtype=torch.float32), torch.tensor(0.0))
)
