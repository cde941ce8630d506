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
from collections.abc import Callable, Iterator
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
    tx = z * torch.minimum(
        (width - cx) / fx + 0.3 * tan_fovx, torch.maximum(-(cx / fx + 0.3 * tan_fovx), x / z)
    )
    ty = z * torch.minimum(
        (height - cy) / fy + 0.3 * tan_fovy, torch.maximum(-(cy / fy + 0.3 * tan_fovy), y / z)
    )
    zeros = torch.zeros_like(z)
    jacobian = torch.stack([fx / z, zeros, -fx * tx / z**2, zeros, fy / z, -fy * ty / z**2], dim=-1).reshape(
        *z.shape, 2, 3
    )  # [C, N, 2, 3]
    covars2d = jacobian @ covars_c @ jacobian.transpose(-1, -2)  # [C, N, 2, 2]
    cov_a = covars2d[..., 0, 0] + EPS2D  # [C, N]
    cov_b = covars2d[..., 0, 1]
    cov_c = covars2d[..., 1, 1] + EPS2D
    det = cov_a * cov_c - cov_b * cov_b  # [C, N]
    conics = torch.stack([cov_c / det, -cov_b / det, cov_a / det], dim=-1)  # [C, N, 3]
    means2d = torch.stack([fx * x / z + cx, fy * y / z + cy], dim=-1)  # [C, N, 2]

    extend = torch.sqrt(2.0 * torch.log(opacities / ALPHA_THRESHOLD).clamp_min(0)).clamp_max(
        MAX_EXTEND
    )  # [N]
    radii = torch.ceil(extend[:, None] * torch.sqrt(torch.stack([cov_a, cov_c], dim=-1)))  # [C, N, 2]
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
class _Grid:
    """C images of width x height cut into square tiles; tile t of camera c has global index c * tiles + t."""

    num_cameras: int
    width: int
    height: int
    tile_size: int

    @property
    def tiles_x(self) -> int:
        return -(-self.width // self.tile_size)

    @property
    def tiles_y(self) -> int:
        return -(-self.height // self.tile_size)

    @property
    def tiles_per_image(self) -> int:
        return self.tiles_x * self.tiles_y

    @property
    def pixels(self) -> int:
        return self.tile_size * self.tile_size

    def tile_origins(self, tile_ids: Tensor) -> Tensor:
        """Top-left pixel corner of each tile [A] -> [A, 2] (x, y)."""
        in_image = tile_ids % self.tiles_per_image  # [A]
        return torch.stack([in_image % self.tiles_x, in_image // self.tiles_x], dim=-1) * self.tile_size

    def to_tiles(self, image: Tensor) -> Tensor:
        """[C, H, W, F] -> [C * tiles, P, F], zero past the image edge."""
        s, features = self.tile_size, image.shape[-1]
        padded = image.new_zeros(self.num_cameras, self.tiles_y * s, self.tiles_x * s, features)
        padded[:, : self.height, : self.width] = image
        tiles = padded.reshape(self.num_cameras, self.tiles_y, s, self.tiles_x, s, features)
        return tiles.permute(0, 1, 3, 2, 4, 5).reshape(-1, self.pixels, features)

    def to_image(self, tiles: Tensor) -> Tensor:
        """[C * tiles, P, F] -> [C, H, W, F]."""
        s, features = self.tile_size, tiles.shape[-1]
        image = tiles.reshape(self.num_cameras, self.tiles_y, self.tiles_x, s, s, features)
        image = image.permute(0, 1, 3, 2, 4, 5).reshape(
            self.num_cameras, self.tiles_y * s, self.tiles_x * s, -1
        )
        return image[:, : self.height, : self.width]


@dataclass
class _TileLists:
    """Per tile, the Gaussians that touch it front to back: pair_ids[starts[t]:ends[t]]."""

    pair_ids: Tensor  # [M] flat index c * N + n, grouped by tile, sorted by depth within a tile
    starts: Tensor  # [C * tiles]
    ends: Tensor  # [C * tiles]


def _min_sigma_in_rect(conics: Tensor, low: Tensor, high: Tensor) -> Tensor:
    """Smallest sigma [M] over offsets [low, high] [M, 2] from the mean: 0 inside the box, else on an edge."""
    a, b, c = conics.unbind(-1)  # [M]
    candidates = []
    for dx in low[:, 0], high[:, 0]:
        dy = torch.clamp(-b * dx / c, low[:, 1], high[:, 1])  # [M] best row offset on this column
        candidates.append(0.5 * (a * dx * dx + c * dy * dy) + b * dx * dy)
    for dy in low[:, 1], high[:, 1]:
        dx = torch.clamp(-b * dy / a, low[:, 0], high[:, 0])
        candidates.append(0.5 * (a * dx * dx + c * dy * dy) + b * dx * dy)
    inside = (low <= 0).all(-1) & (high >= 0).all(-1)  # [M]
    return torch.where(inside, 0.0, torch.stack(candidates).amin(0))


def _tile_lists(proj: _Projected, sigma_limits: Tensor, grid: _Grid) -> _TileLists:
    """gsplat's `isect_tiles` + sort: one (tile, Gaussian) pair per tile the footprint box touches.

    Pairs whose tile holds no pixel centre with sigma <= sigma_limit (where alpha would reach 1/255)
    are dropped: they change nothing and are most of the work for tilted or far-away splats.
    """
    num_cameras, n = proj.depths.shape
    centre = proj.means2d / grid.tile_size  # [C, N, 2] in tiles
    extent = proj.radii / grid.tile_size  # [C, N, 2]
    limit = torch.tensor([grid.tiles_x, grid.tiles_y])
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
    tile_xy = torch.stack([tile_xy[:, 0] + local % span_x, tile_xy[:, 1] + local // span_x], dim=-1)  # [M, 2]

    first_centre = tile_xy * grid.tile_size + 0.5  # [M, 2]
    last_centre = torch.minimum(
        first_centre + grid.tile_size - 1, torch.tensor([grid.width - 0.5, grid.height - 0.5])
    )  # [M, 2]
    mean = proj.means2d.reshape(-1, 2)[pair_ids]  # [M, 2]
    sigma = _min_sigma_in_rect(proj.conics.reshape(-1, 3)[pair_ids], first_centre - mean, last_centre - mean)
    touches = sigma <= sigma_limits.repeat(num_cameras)[pair_ids] + 1e-3  # [M]; margin for rounding
    pair_ids, tile_xy = pair_ids[touches], tile_xy[touches]

    tile_ids = (pair_ids // n) * grid.tiles_per_image + tile_xy[:, 1] * grid.tiles_x + tile_xy[:, 0]  # [M]
    tile_ids, perm = torch.sort(tile_ids, stable=True)
    ends = torch.cumsum(torch.bincount(tile_ids, minlength=num_cameras * grid.tiles_per_image), 0)
    return _TileLists(pair_ids=pair_ids[perm], starts=torch.cat([ends.new_zeros(1), ends[:-1]]), ends=ends)


_LOG_ALPHA_FLOOR = math.log(ALPHA_THRESHOLD) - 1.0
_BELOW_ALPHA_THRESHOLD = float(
    torch.nextafter(torch.tensor(ALPHA_THRESHOLD, dtype=torch.float32), torch.tensor(0.0))
)


def _box_alphas(
    origins: Tensor,  # [A, 2] top-left pixel corner (x, y) of each box
    size: int,
    gaussians: Tensor,  # [G, A, 6] mean x, mean y, conic a, b, c, log opacity (-inf for padding)
    out: Tensor,  # [G, A, P] buffer, P = size * size
) -> Tensor:
    """Alpha of every Gaussian at every pixel of its square box, 0 where gsplat skips it: [G, A, P]."""
    g_count, a_count = gaussians.shape[:2]
    centres = origins.float() + 0.5  # [A, 2]
    mx, my, ca, cb, cc, log_opacity = gaussians.unbind(-1)  # [G, A] each
    dx = (mx - centres[:, 0])[..., None] - torch.arange(size)  # [G, A, S], S = size
    dy = (my - centres[:, 1])[..., None] - torch.arange(size)  # [G, A, S]
    # log alpha = log o - sigma, sigma = 0.5 (a dx^2 + c dy^2) + b dx dy, split by row and column.
    log_alpha_x = log_opacity[..., None] - 0.5 * ca[..., None] * dx * dx  # [G, A, S]
    log_alpha_y = -0.5 * cc[..., None] * dy * dy  # [G, A, S]
    log_alpha = out.view(g_count, a_count, size, size)  # [G, A, S (y), S (x)]
    torch.add(log_alpha_y[..., :, None], log_alpha_x[..., None, :], out=log_alpha)
    log_alpha.addcmul_((-cb[..., None] * dy)[..., :, None], dx[..., None, :])
    # The cap goes in before exp; the floor keeps exp off its slow underflow path and lands under 1/255.
    # gsplat's sigma < 0 test is left out: det > 0 makes the conic positive definite, so sigma >= 0.
    alphas = out.clamp_(_LOG_ALPHA_FLOOR, math.log(MAX_ALPHA)).exp_()  # [G, A, P]
    # threshold_ keeps values strictly above its threshold; gsplat keeps alpha >= 1/255.
    return torch.threshold_(alphas, _BELOW_ALPHA_THRESHOLD, 0.0)


@dataclass
class _Scene:
    """What a tile step gathers per (camera, Gaussian), flat over c * N + n, and the tiles to walk."""

    grid: _Grid
    lists: _TileLists
    gaussians: Tensor  # [C * N, 6] mean x, mean y, conic a, b, c, log opacity
    features: Tensor  # [C * N, F] what the blend weights accumulate


def _sweep(
    scene: _Scene, still_needed: Callable[[Tensor], Tensor]
) -> Iterator[tuple[Tensor, Tensor, Tensor]]:
    """Walk all tile lists front to back in chunks: yields tiles [A], pair ids [G, A], alphas [G, A, P].

    The list position leads (G first) so that each blending step reads and writes contiguous memory.
    A tile leaves when its list ends or `still_needed(tiles)` says so; chunks grow because the tiles
    left after the first steps are the ones with long lists.
    """
    lists, pixels = scene.lists, scene.grid.pixels
    buffer = torch.empty(BATCH_ELEMENTS)
    cursor = lists.starts.clone()  # [tiles]
    active = torch.nonzero(lists.ends > lists.starts).flatten()  # [A]
    step = 0
    while active.numel():
        # Tiles with similar remaining lists share a batch, so that little of it is padding.
        active = active[torch.argsort(lists.ends[active] - cursor[active], descending=True)]
        chunk = CHUNK_SIZES[min(step, len(CHUNK_SIZES) - 1)]
        for tiles in active.split(BATCH_ELEMENTS // (chunk * pixels)):
            count = min(chunk, int((lists.ends[tiles[0]] - cursor[tiles[0]]).item()))
            slots = cursor[tiles] + torch.arange(count)[:, None]  # [G, A]
            ids = lists.pair_ids[slots.clamp_max(lists.pair_ids.shape[0] - 1)]  # [G, A]
            gaussians = scene.gaussians[ids]  # [G, A, 6]
            gaussians[..., 5].masked_fill_(slots >= lists.ends[tiles], -math.inf)  # padding: alpha 0
            out = buffer[: count * tiles.shape[0] * pixels].view(count, tiles.shape[0], pixels)
            yield (
                tiles,
                ids,
                _box_alphas(scene.grid.tile_origins(tiles), scene.grid.tile_size, gaussians, out),
            )
            cursor[tiles] += count
        active = active[(cursor[active] < lists.ends[active]) & still_needed(active)]
        step += 1


def _blend(alphas: Tensor, transmittance: Tensor, after: Tensor) -> tuple[Tensor, Tensor]:
    """Front-to-back weights w_i = a_i T_i [G, A, P] (in place of alphas) and the transmittance left [A, P].

    A Gaussian contributes iff the transmittance after it stays above 1e-4; since transmittance only
    falls, the contributors are a prefix and masking afterwards equals gsplat's early break. A finished
    pixel carries transmittance 0, so nothing after it contributes in later chunks either, and only the
    pixels that finish within this chunk need the mask: indexed when they are few, dense otherwise.
    """
    current = transmittance  # [A, P]
    for g in range(alphas.shape[0]):
        weight = torch.mul(current, alphas[g], out=alphas[g])  # [A, P]
        current = torch.sub(current, weight, out=after[g])
    finishing = torch.nonzero(
        ((current <= TRANSMITTANCE_THRESHOLD) & (transmittance > 0)).flatten()
    ).flatten()  # [K] index into [A * P]
    if finishing.numel() * 4 > current.numel():
        alphas.masked_fill_(after <= TRANSMITTANCE_THRESHOLD, 0.0)
    elif finishing.numel():
        flat = finishing + torch.arange(alphas.shape[0])[:, None] * current.numel()  # [G, K] into [G, A, P]
        alphas.view(-1)[flat[after.view(-1)[flat] <= TRANSMITTANCE_THRESHOLD]] = 0.0
    return alphas, current.masked_fill(current <= TRANSMITTANCE_THRESHOLD, 0.0)


def _composite(scene: _Scene, transmittance: Tensor) -> Tensor:
    """Blend every tile front to back until all its pixels are done: sum w_i features_i [tiles, P, F]."""
    accum = torch.zeros(*transmittance.shape, scene.features.shape[1])  # [tiles, P, F]
    after = torch.empty(BATCH_ELEMENTS)
    for tiles, ids, alphas in _sweep(scene, lambda active: (transmittance[active] > 0).any(1)):
        weights, transmittance[tiles] = _blend(
            alphas, transmittance[tiles], after[: alphas.numel()].view_as(alphas)
        )
        features = scene.features[ids.T]  # [A, G, F]
        accum.index_add_(0, tiles, torch.bmm(weights.permute(1, 2, 0), features))  # [A, P, F]
    return accum


def _alone_log_transmittance(
    proj: _Projected, gaussians: Tensor, entity_ids: Tensor, num_entities: int, width: int, height: int
) -> Tensor:
    """sum log(1 - a_i) over each entity's Gaussians, no early stop: [C, H, W, E].

    The sum does not depend on order, so each Gaussian is splatted over its own footprint box (clipped
    to the image, side rounded up to a multiple of 4 to batch them) and scattered into the image: for
    the small splats entities are made of, a box holds far fewer pixels than the tiles it touches.
    """
    num_cameras, n = proj.depths.shape
    radii = proj.radii.reshape(-1, 2)  # [C * N, 2]
    entities = entity_ids.repeat(num_cameras)  # [C * N]
    ids = torch.nonzero((radii > 0).any(-1) & (entities >= 0)).flatten()  # [K] flat c * N + n
    # Pixels first .. first + 2 r hold every pixel centre within the footprint mean +- r.
    first = torch.ceil(gaussians[ids, :2] - radii[ids] - 0.5).long()  # [K, 2]
    last = torch.minimum(first + 2 * radii[ids], torch.tensor([width - 1, height - 1]))  # [K, 2]
    first = first.clamp_min(0)
    sizes = ((last - first).amax(-1).clamp_min(0) + 4) // 4 * 4  # [K]
    # One pixel of margin on every side catches the box pixels that fall off the image.
    accum = torch.zeros(num_cameras, height + 2, width + 2, num_entities)  # [C, H + 2, W + 2, E]
    index_type = torch.int32 if accum.numel() < 2**31 else torch.int64  # int32 adds twice as fast
    buffer = torch.empty(BATCH_ELEMENTS)
    for size in torch.unique(sizes).tolist():
        members = torch.nonzero(sizes == size).flatten()  # [B] into ids
        for part in members.split(max(1, BATCH_ELEMENTS // size**2)):
            batch, origins = ids[part], first[part]  # [B], [B, 2]
            out = buffer[: part.shape[0] * size * size].view(1, part.shape[0], size * size)
            alphas = _box_alphas(origins, size, gaussians[None, batch], out)  # [1, B, S * S]
            x = origins[:, None, 0] + torch.arange(size)  # [B, S]
            y = origins[:, None, 1] + torch.arange(size)  # [B, S]
            x = torch.where(x < width, x + 1, 0)  # [B, S] column in the margined image
            y = torch.where(y < height, y + 1, 0)  # [B, S] row in the margined image
            rows = ((batch // n)[:, None] * (height + 2) + y) * (width + 2) * num_entities  # [B, S]
            columns = x * num_entities + entities[batch, None]  # [B, S]
            index = rows.to(index_type)[:, :, None] + columns.to(index_type)[:, None, :]  # [B, S, S]
            accum.view(-1).index_add_(0, index.flatten(), alphas.neg_().log1p_().flatten())
    return accum[:, 1:-1, 1:-1]


@torch.no_grad()
def rasterize(
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
    """Render C cameras the way gsplat 1.5.3 does, tile by tile, in float32 on the CPU."""
    inputs = (means, quats, scales, opacities, colors, viewmats, Ks)
    _check_inputs(*inputs, width, height, backgrounds, entity_ids, num_entities)
    means, quats, scales, opacities, colors, viewmats, Ks = (t.float() for t in inputs)
    num_cameras, n = viewmats.shape[0], means.shape[0]
    proj = _project(means, quats, scales, opacities, viewmats, Ks, width, height, near_plane, far_plane)
    sigma_limits = torch.log(opacities / ALPHA_THRESHOLD)  # [N] alpha >= 1/255 iff sigma <= this
    gaussians = torch.cat(
        [proj.means2d, proj.conics, torch.log(opacities).expand(num_cameras, n)[..., None]], dim=-1
    ).reshape(-1, 6)  # [C * N, 6]
    if entity_ids is None:
        entity_ids = torch.full((n,), -1, dtype=torch.int64)
    one_hot = F.one_hot(entity_ids + 1, num_entities + 1)[:, 1:].float()  # [N, E]; -1 -> all zero

    grid = _Grid(num_cameras, width, height, TILE_SIZE)
    features = torch.cat(
        [
            colors.expand(num_cameras, n, 3),
            proj.depths[..., None],
            torch.ones(num_cameras, n, 1),
            one_hot.expand(num_cameras, n, num_entities),
        ],
        dim=-1,
    ).reshape(num_cameras * n, 5 + num_entities)  # [C * N, F]: rgb, z, 1, one-hot entity
    scene = _Scene(grid, _tile_lists(proj, sigma_limits, grid), gaussians, features)
    # Pixels past the image edge start finished, so that they never keep a tile alive.
    transmittance = grid.to_tiles(torch.ones(num_cameras, height, width, 1))[..., 0]  # [C * tiles, P]
    accum = grid.to_image(_composite(scene, transmittance))  # [C, H, W, F]

    alphas = accum[..., 4]  # [C, H, W]
    background = torch.zeros(num_cameras, 3) if backgrounds is None else backgrounds.float()
    colors_out = accum[..., :3] + (1.0 - alphas)[..., None] * background[:, None, None, :]  # [C, H, W, 3]
    depths = torch.where(alphas > 0, accum[..., 3] / alphas.clamp_min(1e-10), 0.0)  # [C, H, W]

    entity_alphas = torch.zeros(num_cameras, height, width, num_entities)  # [C, H, W, E]
    if num_entities:
        log_keep = _alone_log_transmittance(proj, gaussians, entity_ids, num_entities, width, height)
        entity_alphas = 1.0 - torch.exp(log_keep)
    return RenderOutput(
        colors=colors_out.contiguous(),
        alphas=alphas.contiguous(),
        depths=depths.contiguous(),
        entity_weights=accum[..., 5:].contiguous(),
        entity_alphas=entity_alphas.contiguous(),
    )


def _reference_splat(
    mean: Tensor, quat: Tensor, scale: Tensor, viewmat: Tensor, K: Tensor, width: int, height: int
) -> tuple[float, float, float, float, float, float]:
    """One Gaussian's camera depth z, pixel mean (x, y) and conic (a, b, c), spelled out in float64."""
    rotation = quat_to_rotmat(quat)  # [3, 3]
    covar = rotation @ torch.diag(scale**2) @ rotation.T  # [3, 3]
    view_r = viewmat[:3, :3]  # [3, 3]
    x, y, z = (view_r @ mean + viewmat[:3, 3]).tolist()
    fx, fy, cx, cy = K[0, 0].item(), K[1, 1].item(), K[0, 2].item(), K[1, 2].item()
    tan_fovx, tan_fovy = 0.5 * width / fx, 0.5 * height / fy
    tx = z * min((width - cx) / fx + 0.3 * tan_fovx, max(-(cx / fx + 0.3 * tan_fovx), x / z))
    ty = z * min((height - cy) / fy + 0.3 * tan_fovy, max(-(cy / fy + 0.3 * tan_fovy), y / z))
    jacobian = torch.tensor(
        [[fx / z, 0.0, -fx * tx / z**2], [0.0, fy / z, -fy * ty / z**2]], dtype=torch.float64
    )
    covar2d = jacobian @ view_r @ covar @ view_r.T @ jacobian.T + EPS2D * torch.eye(2, dtype=torch.float64)
    (cov_a, cov_b), (_, cov_c) = covar2d.tolist()
    det = cov_a * cov_c - cov_b * cov_b
    return z, fx * x / z + cx, fy * y / z + cy, cov_c / det, -cov_b / det, cov_a / det


def rasterize_reference(
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
    """The test oracle: every pixel walks every depth-sorted Gaussian in plain Python, in float64.

    It has no tiles and no footprints: those only drop alphas under 1/255, which is what the tests
    check by comparing the two paths.
    """
    inputs = (means, quats, scales, opacities, colors, viewmats, Ks)
    _check_inputs(*inputs, width, height, backgrounds, entity_ids, num_entities)
    means, quats, scales, opacities, colors, viewmats, Ks = (t.double() for t in inputs)
    num_cameras, n = viewmats.shape[0], means.shape[0]
    entities = [-1] * n if entity_ids is None else entity_ids.tolist()
    shape = (num_cameras, height, width)
    out_colors, out_alphas, out_depths = torch.zeros(*shape, 3), torch.zeros(shape), torch.zeros(shape)
    out_weights, out_alone = torch.zeros(*shape, num_entities), torch.zeros(*shape, num_entities)
    for cam in range(num_cameras):
        splats = []
        for i in range(n):
            z = (viewmats[cam, 2, :3] @ means[i] + viewmats[cam, 2, 3]).item()
            opacity = opacities[i].item()
            if not near_plane <= z <= far_plane or opacity < ALPHA_THRESHOLD:
                continue
            splat = _reference_splat(means[i], quats[i], scales[i], viewmats[cam], Ks[cam], width, height)
            splats.append((*splat, opacity, colors[i].tolist(), entities[i]))
        splats.sort(key=lambda s: s[0])
        background = [0.0, 0.0, 0.0] if backgrounds is None else backgrounds[cam].tolist()
        for py in range(height):
            for px in range(width):
                transmittance, rgb, depth, done = 1.0, [0.0, 0.0, 0.0], 0.0, False
                weights, alone = [0.0] * num_entities, [1.0] * num_entities
                for z, mx, my, ca, cb, cc, opacity, color, entity in splats:
                    dx, dy = mx - (px + 0.5), my - (py + 0.5)
                    sigma = 0.5 * (ca * dx * dx + cc * dy * dy) + cb * dx * dy
                    if sigma < 0:
                        continue
                    alpha = min(MAX_ALPHA, opacity * math.exp(-sigma))
                    if alpha < ALPHA_THRESHOLD:
                        continue
                    if entity >= 0:
                        alone[entity] *= 1.0 - alpha
                    done = done or transmittance * (1.0 - alpha) <= TRANSMITTANCE_THRESHOLD
                    if done:
                        continue
                    weight = alpha * transmittance
                    rgb = [v + weight * c for v, c in zip(rgb, color, strict=True)]
                    depth += weight * z
                    if entity >= 0:
                        weights[entity] += weight
                    transmittance *= 1.0 - alpha
                out_colors[cam, py, px] = torch.tensor(rgb) + transmittance * torch.tensor(background)
                out_alphas[cam, py, px] = 1.0 - transmittance
                out_depths[cam, py, px] = depth / (1.0 - transmittance) if transmittance < 1.0 else 0.0
                out_weights[cam, py, px] = torch.tensor(weights)
                out_alone[cam, py, px] = 1.0 - torch.tensor(alone)
    return RenderOutput(out_colors, out_alphas, out_depths, out_weights, out_alone)
