"""Torch Gaussian-splat rasterizers that reproduce gsplat 1.5.3 `rasterization` in classic mode.

Every backend (this module, the numba one in `tools/render/rasterize_cpu.py`, gsplat in
`tools/render/rasterize_gsplat.py`) must give the same frames within 1/255 (architecture.md, Conventions),
so every rule here mirrors gsplat's kernels: EWA
projection with the clamped perspective Jacobian, eps2d blur, opacity-aware 3.33-sigma footprints, 16x16
tiles sorted by camera depth, alpha capped at 0.999 and skipped under 1/255, and compositing that stops
before transmittance would fall to 1e-4.

- `rasterize_torch` is tile-binned and differentiable: gradients reach means, quats, scales, opacities and
  colors through colours, alphas and depths; the discrete choices (culling, footprints, depth order, the
  early stop) are constants of the forward pass, as in gsplat's backward. It is for refinement, not speed.
- `rasterize_reference` is a per-pixel loop in float64 kept obvious on purpose: the tests' oracle.

Both also render each entity alone (its alpha and expected depth under the same rules) and derive the
instance-id map from that, which is what the critic needs to tell "off screen" from "hidden behind something".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import Tensor

from scenewright.tools.scene.gaussians import quat_to_rotmat

TILE_SIZE = 16
EPS2D = 0.3
MAX_EXTEND = 3.33
MAX_ALPHA = 0.999
ALPHA_THRESHOLD = 1.0 / 255.0
TRANSMITTANCE_THRESHOLD = 1e-4
INSTANCE_ALPHA = 0.5
"""An entity owns a pixel of the instance-id map where its alone-alpha is over this and it is front-most."""
BATCH_ELEMENTS = 1 << 21
"""(tile, list slot, pixel) triples evaluated at once by `rasterize_torch`: 8 MB per float32 buffer."""


@dataclass
class RenderOutput:
    colors: Tensor  # [C, H, W, 3] composited colour incl. background (not clamped)
    alphas: Tensor  # [C, H, W]
    depths: Tensor  # [C, H, W] expected depth sum(w_i z_i) / alpha, 0 where alpha == 0
    entity_alphas: Tensor  # [C, H, W, E] each entity rendered alone: 1 - prod(1 - a_i) over its Gaussians
    entity_depths: Tensor  # [C, H, W, E] each entity rendered alone: its expected depth (0 where alpha 0)
    instance_ids: Tensor  # [C, H, W] int64: front-most entity with entity_alphas > 0.5, else -1


Region = tuple[int, int, int, int]
"""Pixels [x0, x1) x [y0, y1) of a frame as (x0, y0, x1, y1); rendered regions' edges lie on the tile grid."""


def check_region(region: Region | None, width: int, height: int) -> Region:
    """The region to render (the whole frame for None); a ValueError when it is empty, leaves the frame, or
    cuts a tile (its edges must be multiples of TILE_SIZE or the frame's edge)."""
    if region is None:
        return 0, 0, width, height
    x0, y0, x1, y1 = region
    if not (0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height):
        raise ValueError(f"region {region} is empty or not inside the {width}x{height} frame")
    if (
        x0 % TILE_SIZE
        or y0 % TILE_SIZE
        or (x1 % TILE_SIZE and x1 != width)
        or (y1 % TILE_SIZE and y1 != height)
    ):
        raise ValueError(f"region {region} does not lie on the {TILE_SIZE}-pixel tile grid")
    return region


def tile_region(x0: int, y0: int, x1: int, y1: int, width: int, height: int) -> Region:
    """The smallest region on the tile grid that holds pixels [x0, x1) x [y0, y1) (clipped to the frame)."""
    return (
        max(0, x0) // TILE_SIZE * TILE_SIZE,
        max(0, y0) // TILE_SIZE * TILE_SIZE,
        min(width, -(-x1 // TILE_SIZE) * TILE_SIZE),
        min(height, -(-y1 // TILE_SIZE) * TILE_SIZE),
    )


def crop(render: RenderOutput, region: Region) -> RenderOutput:
    """The region's pixels of a whole-frame render."""
    x0, y0, x1, y1 = region
    return RenderOutput(*(image[:, y0:y1, x0:x1] for image in vars(render).values()))


def instance_ids_from(entity_alphas: Tensor, entity_depths: Tensor) -> Tensor:
    """[C, H, W, E] alone alphas and depths -> [C, H, W] int64: the nearest entity over 0.5 alpha, else -1."""
    if entity_alphas.shape[-1] == 0:
        return torch.full(entity_alphas.shape[:-1], -1, dtype=torch.int64)
    depths = torch.where(entity_alphas > INSTANCE_ALPHA, entity_depths, torch.inf)  # [C, H, W, E]
    nearest, index = depths.min(-1)  # [C, H, W]
    return torch.where(torch.isfinite(nearest), index, -1)


def expected_depth(weighted_depth: Tensor, alphas: Tensor) -> Tensor:
    """sum w_i z_i / alpha [...], 0 where alpha is 0 (without a NaN gradient there)."""
    covered = alphas > 0
    return torch.where(covered, weighted_depth / torch.where(covered, alphas, torch.ones_like(alphas)), 0.0)


def over(front: RenderOutput, back: RenderOutput) -> RenderOutput:
    """`front` (rendered without a background) composited over `back`, a backdrop that nothing in front
    passes behind. The entities are `front`'s: a backdrop has none."""
    through = 1.0 - front.alphas  # [C, H, W] light the front lets through
    alphas = 1.0 - through * (1.0 - back.alphas)  # [C, H, W]
    weighted = front.alphas * front.depths + through * back.alphas * back.depths  # [C, H, W]
    return RenderOutput(
        colors=front.colors + through[..., None] * back.colors,
        alphas=alphas,
        depths=expected_depth(weighted, alphas),
        entity_alphas=front.entity_alphas,
        entity_depths=front.entity_depths,
        instance_ids=front.instance_ids,
    )


def check_inputs(
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
    """Raise a ValueError naming the first argument whose shape or range does not fit the others."""
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
    """gsplat's `fully_fused_projection` (classic, eps2d blur, opacity-aware footprint), batched.

    Culled Gaussians get a harmless depth and determinant before any division, so that no inf or NaN of
    theirs reaches the gradients of the others; radii are discrete and computed without gradients.
    """
    rotmats = quat_to_rotmat(quats)  # [N, 3, 3]
    m = rotmats * scales[:, None, :]  # [N, 3, 3] R S
    covars = m @ m.transpose(1, 2)  # [N, 3, 3]
    view_r, view_t = viewmats[:, :3, :3], viewmats[:, :3, 3]  # [C, 3, 3], [C, 3]
    means_c = torch.einsum("cij,nj->cni", view_r, means) + view_t[:, None, :]  # [C, N, 3]
    covars_c = view_r[:, None] @ covars[None] @ view_r.transpose(1, 2)[:, None]  # [C, N, 3, 3]

    fx, fy, cx, cy = Ks[:, 0, 0, None], Ks[:, 1, 1, None], Ks[:, 0, 2, None], Ks[:, 1, 2, None]  # [C, 1]
    x, y, z = means_c.unbind(-1)  # [C, N]
    in_range = (z >= near_plane) & (z <= far_plane)  # [C, N]
    z = torch.where(in_range, z, torch.ones_like(z))
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
    positive = det > 0  # [C, N]
    det = torch.where(positive, det, torch.ones_like(det))
    conics = torch.stack([cov_c / det, -cov_b / det, cov_a / det], dim=-1)  # [C, N, 3]
    means2d = torch.stack([fx * x / z + cx, fy * y / z + cy], dim=-1)  # [C, N, 2]

    with torch.no_grad():
        extend = torch.sqrt(2.0 * torch.log(opacities / ALPHA_THRESHOLD).clamp_min(0)).clamp_max(
            MAX_EXTEND
        )  # [N]
        radii = torch.ceil(extend[:, None] * torch.sqrt(torch.stack([cov_a, cov_c], dim=-1)))  # [C, N, 2]
        visible = (
            in_range
            & positive
            & (opacities >= ALPHA_THRESHOLD)
            & ((radii[..., 0] > 0) | (radii[..., 1] > 0))
            & (means2d[..., 0] + radii[..., 0] > 0)
            & (means2d[..., 0] - radii[..., 0] < width)
            & (means2d[..., 1] + radii[..., 1] > 0)
            & (means2d[..., 1] - radii[..., 1] < height)
        )  # [C, N]
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


def _tile_alphas(
    centres: Tensor,  # [A, P, 2] pixel centres of each tile
    gaussians: Tensor,  # [A, L, 6] mean x, mean y, conic a, b, c, opacity
    valid: Tensor,  # [A, L] bool: a real list entry, not padding
) -> Tensor:
    """Alpha of every listed Gaussian at every pixel of its tile, 0 where gsplat skips it: [A, L, P]."""
    mx, my, ca, cb, cc, opacity = gaussians.unbind(-1)  # [A, L] each
    dx = mx[..., None] - centres[:, None, :, 0]  # [A, L, P]
    dy = my[..., None] - centres[:, None, :, 1]  # [A, L, P]
    sigma = 0.5 * (ca[..., None] * dx * dx + cc[..., None] * dy * dy) + cb[..., None] * dx * dy  # [A, L, P]
    alphas = torch.clamp_max(opacity[..., None] * torch.exp(-sigma), MAX_ALPHA)  # [A, L, P]
    skip = (sigma < 0) | (alphas < ALPHA_THRESHOLD) | ~valid[..., None]  # [A, L, P]
    return torch.where(skip, torch.zeros_like(alphas), alphas)


def _blend(alphas: Tensor, features: Tensor) -> tuple[Tensor, Tensor]:
    """Front to back along lists: alphas [A, L, P], features [A, L, F] -> (sum w f [A, P, F], alpha [A, P]).

    A Gaussian contributes iff the transmittance after it stays above 1e-4. Transmittance only falls, so
    the contributors are a prefix of the list and masking the rest equals gsplat's early break; the mask is
    a constant of the forward pass.
    """
    with torch.no_grad():
        keep = torch.cumprod(1.0 - alphas, dim=1) > TRANSMITTANCE_THRESHOLD  # [A, L, P]
    alphas = alphas * keep
    after = torch.cumprod(1.0 - alphas, dim=1)  # [A, L, P] transmittance after each Gaussian
    before = torch.cat([torch.ones_like(after[:, :1]), after[:, :-1]], dim=1)  # [A, L, P]
    weights = alphas * before  # [A, L, P]
    return torch.einsum("alp,alf->apf", weights, features), 1.0 - after[:, -1]


def _tile_batches(lists: _TileLists, pixels: int) -> list[Tensor]:
    """Non-empty tiles [A] grouped by list length, each group padded to at most BATCH_ELEMENTS triples."""
    lengths = lists.ends - lists.starts  # [tiles]
    order = torch.argsort(lengths, descending=True, stable=True)
    order = order[lengths[order] > 0]
    batches, first = [], 0
    while first < order.shape[0]:
        longest = int(lengths[order[first]])
        count = max(1, BATCH_ELEMENTS // (longest * pixels))
        batches.append(order[first : first + count])
        first += count
    return batches


def rasterize_torch(
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
    """Render C cameras the way gsplat 1.5.3 does, tile by tile, differentiably.

    Computes in float64 when `means` is float64 (for gradient checks), else in float32. Every tile's
    list is walked to its end (gradients need every factor), so it is several times slower than the
    numba backend and keeps (tile, list slot, pixel) intermediates alive for the backward pass.
    """
    inputs = (means, quats, scales, opacities, colors, viewmats, Ks)
    check_inputs(*inputs, width, height, backgrounds, entity_ids, num_entities)
    dtype = torch.float64 if means.dtype == torch.float64 else torch.float32
    means, quats, scales, opacities, colors, viewmats, Ks = (t.to(dtype) for t in inputs)
    num_cameras, n = viewmats.shape[0], means.shape[0]
    proj = _project(means, quats, scales, opacities, viewmats, Ks, width, height, near_plane, far_plane)
    grid = _Grid(num_cameras, width, height, TILE_SIZE)
    with torch.no_grad():
        lists = _tile_lists(proj, torch.log(opacities / ALPHA_THRESHOLD), grid)
    gaussians = torch.cat(
        [proj.means2d, proj.conics, opacities.expand(num_cameras, n)[..., None]], dim=-1
    ).reshape(-1, 6)  # [C * N, 6] flat over c * N + n
    features = torch.cat([colors.expand(num_cameras, n, 3), proj.depths[..., None]], dim=-1).reshape(
        -1, 4
    )  # [C * N, 4] rgb, z
    entities = (torch.full((n,), -1) if entity_ids is None else entity_ids).repeat(num_cameras)  # [C * N]

    num_tiles, pixels = num_cameras * grid.tiles_per_image, grid.pixels
    offsets = torch.stack(
        torch.meshgrid(torch.arange(TILE_SIZE), torch.arange(TILE_SIZE), indexing="xy"), dim=-1
    ).reshape(-1, 2)  # [P, 2] (x, y) within a tile
    image = torch.zeros(num_tiles, pixels, 5, dtype=dtype)  # [tiles, P, 5] rgb, sum w z, alpha
    alone = [torch.zeros(num_tiles, pixels, 2, dtype=dtype) for _ in range(num_entities)]  # E x [tiles, P, 2]
    for tiles in _tile_batches(lists, pixels):
        slots = lists.starts[tiles, None] + torch.arange(int(lists.ends[tiles[0]] - lists.starts[tiles[0]]))
        valid = slots < lists.ends[tiles, None]  # [A, L]
        ids = lists.pair_ids[torch.where(valid, slots, lists.starts[tiles, None])]  # [A, L]
        centres = (grid.tile_origins(tiles)[:, None, :] + offsets).to(dtype) + 0.5  # [A, P, 2]
        alphas = _tile_alphas(centres, gaussians[ids], valid)  # [A, L, P]
        accum, alpha = _blend(alphas, features[ids])  # [A, P, 4], [A, P]
        image = image.index_add(0, tiles, torch.cat([accum, alpha[..., None]], dim=-1))
        for entity in torch.unique(entities[ids][valid]).tolist():
            if entity < 0:
                continue
            members = (entities[ids] == entity)[..., None]  # [A, L, 1]
            depth, alpha = _blend(alphas * members, features[ids][..., 3:])  # [A, P, 1], [A, P]
            alone[entity] = alone[entity].index_add(0, tiles, torch.cat([alpha[..., None], depth], dim=-1))
    image = grid.to_image(image)  # [C, H, W, 5]
    entity_image = torch.stack(alone, dim=2) if alone else torch.zeros(num_tiles, pixels, 0, 2, dtype=dtype)
    entity_image = grid.to_image(entity_image.reshape(num_tiles, pixels, -1)).reshape(
        num_cameras, height, width, num_entities, 2
    )  # [C, H, W, E, 2]

    alphas = image[..., 4]  # [C, H, W]
    background = torch.zeros(num_cameras, 3, dtype=dtype) if backgrounds is None else backgrounds.to(dtype)
    colors_out = image[..., :3] + (1.0 - alphas)[..., None] * background[:, None, None, :]  # [C, H, W, 3]
    entity_alphas = entity_image[..., 0]  # [C, H, W, E]
    entity_depths = expected_depth(entity_image[..., 1], entity_alphas)  # [C, H, W, E]
    return RenderOutput(
        colors=colors_out,
        alphas=alphas,
        depths=expected_depth(image[..., 3], alphas),
        entity_alphas=entity_alphas,
        entity_depths=entity_depths,
        instance_ids=instance_ids_from(entity_alphas.detach(), entity_depths.detach()),
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
    check_inputs(*inputs, width, height, backgrounds, entity_ids, num_entities)
    means, quats, scales, opacities, colors, viewmats, Ks = (t.double() for t in inputs)
    num_cameras, n = viewmats.shape[0], means.shape[0]
    entities = [-1] * n if entity_ids is None else entity_ids.tolist()
    shape = (num_cameras, height, width)
    out_colors, out_alphas, out_depths = torch.zeros(*shape, 3), torch.zeros(shape), torch.zeros(shape)
    out_alone, out_alone_depths = torch.zeros(*shape, num_entities), torch.zeros(*shape, num_entities)
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
                # Layer 0 is the full image, layer 1 + e is entity e alone.
                transmittance, depth = [1.0] * (num_entities + 1), [0.0] * (num_entities + 1)
                done = [False] * (num_entities + 1)
                rgb = [0.0, 0.0, 0.0]
                for z, mx, my, ca, cb, cc, opacity, color, entity in splats:
                    dx, dy = mx - (px + 0.5), my - (py + 0.5)
                    sigma = 0.5 * (ca * dx * dx + cc * dy * dy) + cb * dx * dy
                    if sigma < 0:
                        continue
                    alpha = min(MAX_ALPHA, opacity * math.exp(-sigma))
                    if alpha < ALPHA_THRESHOLD:
                        continue
                    for layer in (0, 1 + entity) if entity >= 0 else (0,):
                        next_t = transmittance[layer] * (1.0 - alpha)
                        done[layer] = done[layer] or next_t <= TRANSMITTANCE_THRESHOLD
                        if done[layer]:
                            continue
                        weight = alpha * transmittance[layer]
                        if layer == 0:
                            rgb = [v + weight * c for v, c in zip(rgb, color, strict=True)]
                        depth[layer] += weight * z
                        transmittance[layer] = next_t
                alphas = [1.0 - t for t in transmittance]
                depths = [d / a if a > 0 else 0.0 for d, a in zip(depth, alphas, strict=True)]
                out_colors[cam, py, px] = torch.tensor(rgb) + transmittance[0] * torch.tensor(background)
                out_alphas[cam, py, px], out_depths[cam, py, px] = alphas[0], depths[0]
                out_alone[cam, py, px] = torch.tensor(alphas[1:])
                out_alone_depths[cam, py, px] = torch.tensor(depths[1:])
    return RenderOutput(
        out_colors,
        out_alphas,
        out_depths,
        out_alone,
        out_alone_depths,
        instance_ids_from(out_alone, out_alone_depths),
    )
