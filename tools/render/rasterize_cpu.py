"""The fast CPU backend: gsplat 1.5.3 classic rasterization as numba kernels, forward only.

Same rules as `tools/render/rasterize.py` (and gsplat): EWA projection with the clamped Jacobian, eps2d blur,
opacity-aware per-axis 3.33-sigma footprints, alpha capped at 0.999 and skipped under 1/255, compositing
that stops before transmittance would fall to 1e-4, pixel centres at +0.5, background added as T * bg.

Why it is fast (see docs/architecture.md for the numbers):
- projection is one parallel loop over Gaussians;
- binning sorts the Gaussians by depth once, then a counting sort by tile keeps that order inside each tile,
  so no (tile, Gaussian) pair is ever sorted;
- each 16x16 tile is blended by one thread (parallel over tiles): Gaussian by Gaussian in depth order, over
  only the pixels of its footprint box inside the tile, with per-pixel early termination and the rest of
  the list skipped once all the pixels it could feed are done;
- the per-entity "alone" images come from the same walk of the same tile lists: each alpha is computed once
  and composited into the full image and into its entity's own image (per-tile state for both);
- a pixel row where every pixel has stopped (in each image a Gaussian feeds) is skipped before its setup.
The kernels are compiled on first use and cached next to this module (numba `cache=True`), so only the
first process after an install or an edit pays the compile time.
"""

from __future__ import annotations

import math

import numba
import numpy as np
import torch
from torch import Tensor

from scenewright.tools.render.rasterize import (
    ALPHA_THRESHOLD,
    EPS2D,
    INSTANCE_ALPHA,
    MAX_ALPHA,
    MAX_EXTEND,
    TILE_SIZE,
    TRANSMITTANCE_THRESHOLD,
    Region,
    RenderOutput,
    check_inputs,
    check_region,
)

# Columns of the per-Gaussian parameter table [N, PARAMS] (float32).
MX, MY, CONIC_A, CONIC_B, CONIC_C, OPACITY, SIGMA_LIMIT, DEPTH, RED, GREEN, BLUE = range(11)
PARAMS = 11
SIGMA_MARGIN = 1e-3
"""Slack on sigma <= log(255 o) (where alpha reaches 1/255) in the cheap pre-tests; the exact test follows."""


@numba.njit(parallel=True, cache=True)
def _project(
    means: np.ndarray,  # [N, 3] float32 or float64, like the next four
    quats: np.ndarray,  # [N, 4] w-first
    scales: np.ndarray,  # [N, 3]
    opacities: np.ndarray,  # [N]
    colors: np.ndarray,  # [N, 3]
    viewmat: np.ndarray,  # [4, 4] float64
    K: np.ndarray,  # [3, 3]
    width: int,
    height: int,
    near_plane: float,
    far_plane: float,
    params: np.ndarray,  # [N, PARAMS] out
    radii: np.ndarray,  # [N, 2] int32 out, 0 where culled
) -> None:
    """gsplat's `fully_fused_projection` for one camera, in float64, one Gaussian per iteration."""
    fx, fy, cx, cy = K[0, 0], K[1, 1], K[0, 2], K[1, 2]
    lim_x_pos = (width - cx) / fx + 0.3 * (0.5 * width / fx)
    lim_x_neg = cx / fx + 0.3 * (0.5 * width / fx)
    lim_y_pos = (height - cy) / fy + 0.3 * (0.5 * height / fy)
    lim_y_neg = cy / fy + 0.3 * (0.5 * height / fy)
    for i in numba.prange(means.shape[0]):
        radii[i, 0] = 0
        radii[i, 1] = 0
        mean = means[i]  # float32 or float64; products with float64 operands below are float64
        x = viewmat[0, 0] * mean[0] + viewmat[0, 1] * mean[1] + viewmat[0, 2] * mean[2] + viewmat[0, 3]
        y = viewmat[1, 0] * mean[0] + viewmat[1, 1] * mean[1] + viewmat[1, 2] * mean[2] + viewmat[1, 3]
        z = viewmat[2, 0] * mean[0] + viewmat[2, 1] * mean[1] + viewmat[2, 2] * mean[2] + viewmat[2, 3]
        opacity = np.float64(opacities[i])  # widened: numba keeps float32 * float32 in float32
        if not (near_plane <= z <= far_plane) or opacity < ALPHA_THRESHOLD:
            continue
        w, qx, qy, qz = (
            np.float64(quats[i, 0]),
            np.float64(quats[i, 1]),
            np.float64(quats[i, 2]),
            np.float64(quats[i, 3]),
        )
        norm = math.sqrt(w * w + qx * qx + qy * qy + qz * qz)
        w, qx, qy, qz = w / norm, qx / norm, qy / norm, qz / norm
        # Columns of the rotation matrix: the world directions of the Gaussian's axes.
        axes = (
            (1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy + w * qz), 2 * (qx * qz - w * qy)),
            (2 * (qx * qy - w * qz), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz + w * qx)),
            (2 * (qx * qz + w * qy), 2 * (qy * qz - w * qx), 1 - 2 * (qx * qx + qy * qy)),
        )
        # T = J W R S, so cov2d = T T^T; J only has the rows (fx/z, 0, -fx tx/z^2), (0, fy/z, -fy ty/z^2).
        tx = z * min(lim_x_pos, max(-lim_x_neg, x / z))
        ty = z * min(lim_y_pos, max(-lim_y_neg, y / z))
        j00, j02 = fx / z, -fx * tx / (z * z)
        j11, j12 = fy / z, -fy * ty / (z * z)
        cov_a, cov_b, cov_c = EPS2D, 0.0, EPS2D
        for k in range(3):
            # Column k of W R: the camera-space direction of the k-th axis.
            r0, r1, r2 = axes[k]
            d0 = viewmat[0, 0] * r0 + viewmat[0, 1] * r1 + viewmat[0, 2] * r2
            d1 = viewmat[1, 0] * r0 + viewmat[1, 1] * r1 + viewmat[1, 2] * r2
            d2 = viewmat[2, 0] * r0 + viewmat[2, 1] * r1 + viewmat[2, 2] * r2
            u = (j00 * d0 + j02 * d2) * scales[i, k]
            v = (j11 * d1 + j12 * d2) * scales[i, k]
            cov_a += u * u
            cov_b += u * v
            cov_c += v * v
        det = cov_a * cov_c - cov_b * cov_b
        if not det > 0:
            continue
        extend = min(MAX_EXTEND, math.sqrt(2.0 * max(0.0, math.log(opacity / ALPHA_THRESHOLD))))
        radius_x = math.ceil(extend * math.sqrt(cov_a))
        radius_y = math.ceil(extend * math.sqrt(cov_c))
        mx, my = fx * x / z + cx, fy * y / z + cy
        if radius_x <= 0 and radius_y <= 0:
            continue
        if mx + radius_x <= 0 or mx - radius_x >= width or my + radius_y <= 0 or my - radius_y >= height:
            continue
        radii[i, 0] = radius_x
        radii[i, 1] = radius_y
        row = params[i]
        row[MX], row[MY], row[DEPTH], row[OPACITY] = mx, my, z, opacity
        row[CONIC_A], row[CONIC_B], row[CONIC_C] = cov_c / det, -cov_b / det, cov_a / det
        row[SIGMA_LIMIT] = math.log(opacity / ALPHA_THRESHOLD) + SIGMA_MARGIN
        row[RED], row[GREEN], row[BLUE] = colors[i, 0], colors[i, 1], colors[i, 2]


@numba.njit(cache=True)
def _sigma(row: np.ndarray, dx: float, dy: float) -> float:
    return 0.5 * (row[CONIC_A] * dx * dx + row[CONIC_C] * dy * dy) + row[CONIC_B] * dx * dy


@numba.njit(cache=True)
def _reaches_box(row: np.ndarray, x0: float, x1: float, y0: float, y1: float) -> bool:
    """Whether alpha can reach 1/255 at some pixel centre in [x0, x1] x [y0, y1]: smallest sigma over the box.

    The minimum is 0 when the mean is inside, else on an edge, where sigma is a parabola along the edge.
    """
    dx0, dx1, dy0, dy1 = x0 - row[MX], x1 - row[MX], y0 - row[MY], y1 - row[MY]
    if dx0 <= 0 <= dx1 and dy0 <= 0 <= dy1:
        return True
    a, b, c = row[CONIC_A], row[CONIC_B], row[CONIC_C]
    best = np.inf
    for dx in (dx0, dx1):
        dy = min(dy1, max(dy0, -b * dx / c))
        best = min(best, _sigma(row, dx, dy))
    for dy in (dy0, dy1):
        dx = min(dx1, max(dx0, -b * dy / a))
        best = min(best, _sigma(row, dx, dy))
    return best <= row[SIGMA_LIMIT]


@numba.njit(cache=True)
def _tile_range(mean: float, radius: int, tiles: int) -> tuple[int, int]:
    """Tiles [first, last) that a footprint mean +- radius touches along one axis (gsplat's isect_tiles)."""
    first = min(tiles, max(0, math.floor((mean - radius) / TILE_SIZE)))
    last = min(tiles, max(0, math.ceil((mean + radius) / TILE_SIZE)))
    return first, last


@numba.njit(parallel=True, cache=True)
def _candidate_tiles(
    order: np.ndarray,  # [V] visible Gaussians front to back
    params: np.ndarray,  # [N, PARAMS]
    radii: np.ndarray,  # [N, 2]
    width: int,
    height: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Every tile each Gaussian's footprint box touches, -1 where alpha cannot reach 1/255 in it.

    Returns tiles [K] and offsets [V + 1]: Gaussian order[i] owns tiles[offsets[i]:offsets[i + 1]].
    """
    tiles_x, tiles_y = -(-width // TILE_SIZE), -(-height // TILE_SIZE)
    offsets = np.zeros(order.shape[0] + 1, dtype=np.int64)
    for i in numba.prange(order.shape[0]):
        g = order[i]
        x_first, x_last = _tile_range(params[g, MX], radii[g, 0], tiles_x)
        y_first, y_last = _tile_range(params[g, MY], radii[g, 1], tiles_y)
        offsets[i + 1] = (x_last - x_first) * (y_last - y_first)
    offsets = np.cumsum(offsets)
    tiles = np.empty(offsets[-1], dtype=np.int32)
    for i in numba.prange(order.shape[0]):
        g = order[i]
        row = params[g]
        x_first, x_last = _tile_range(row[MX], radii[g, 0], tiles_x)
        y_first, y_last = _tile_range(row[MY], radii[g, 1], tiles_y)
        k = offsets[i]
        for ty in range(y_first, y_last):
            y0, y1 = ty * TILE_SIZE + 0.5, min(ty * TILE_SIZE + TILE_SIZE - 0.5, height - 0.5)
            for tx in range(x_first, x_last):
                x0, x1 = tx * TILE_SIZE + 0.5, min(tx * TILE_SIZE + TILE_SIZE - 0.5, width - 0.5)
                tiles[k] = ty * tiles_x + tx if _reaches_box(row, x0, x1, y0, y1) else -1
                k += 1
    return tiles, offsets


@numba.njit(cache=True)
def _sort_by_tile(
    order: np.ndarray,  # [V]
    tiles: np.ndarray,  # [K]
    offsets: np.ndarray,  # [V + 1]
    num_tiles: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Counting sort of the (tile, Gaussian) pairs by tile; stable, so depth order holds inside a tile."""
    starts = np.zeros(num_tiles + 1, dtype=np.int64)  # [T + 1]
    for tile in tiles:
        if tile >= 0:
            starts[tile + 1] += 1
    starts = np.cumsum(starts)
    cursor = starts[:-1].copy()  # [T]
    ids = np.empty(starts[-1], dtype=np.int32)  # [M]
    for i in range(order.shape[0]):
        for k in range(offsets[i], offsets[i + 1]):
            tile = tiles[k]
            if tile >= 0:
                ids[cursor[tile]] = order[i]
                cursor[tile] += 1
    return starts, ids


@numba.njit(cache=True)
def _blend_gaussian(
    row: np.ndarray,  # [PARAMS] one Gaussian
    state: int,  # 0: only the full image; e + 1: also entity e's alone image
    x_first: int,  # the tile's pixels [x_first, x_last) x [y_first, y_last)
    x_last: int,
    y_first: int,
    y_last: int,
    transmittance: np.ndarray,  # [S, P] per state and tile pixel, row-major TILE_SIZE wide
    done: np.ndarray,  # [S, P] bool: compositing stopped
    depth_sum: np.ndarray,  # [S, P] sum w_i z_i
    rgb: np.ndarray,  # [P, 3] sum w_i (r, g, b)_i of the full image
    finished: np.ndarray,  # [S, TILE_SIZE + 1] pixels stopped per state and tile row, then in all rows
) -> None:
    """Blend one Gaussian over the tile pixels where alpha can reach 1/255: full image and its entity's.

    Each alpha is computed once and composited into both states. Rows whose pixels have all stopped in both
    states are skipped before any setup. Per pixel row, the columns with sigma <= log(255 o) solve a
    quadratic, so no pixel outside the footprint ellipse is visited; the exact gsplat tests then run on the
    ones inside.
    """
    mx, my, a, b, c = row[MX], row[MY], row[CONIC_A], row[CONIC_B], row[CONIC_C]
    opacity, limit = row[OPACITY], row[SIGMA_LIMIT]
    red, green, blue, depth = row[RED], row[GREEN], row[BLUE], row[DEPTH]
    # sigma = 0.5 a dx^2 + b dx dy + 0.5 c dy^2 with dx = px + 0.5 - mx: its rows span dy^2 <= 2 L a / det.
    det = a * c - b * b
    reach_y = math.sqrt(2.0 * limit * a / det)
    y0 = max(y_first, math.ceil(my - reach_y - 0.5))
    y1 = min(y_last, math.floor(my + reach_y - 0.5) + 1)
    # Along a row sigma is quadratic in dx, so exp(-sigma) steps by a ratio that itself steps by exp(-a):
    # two products per pixel instead of an exp (double precision keeps it exact to ~1e-15).
    ratio_step = math.exp(-a)
    inv_a = 1.0 / a
    row_pixels = x_last - x_first
    for py in range(y0, y1):
        tile_row = py - y_first
        if finished[0, tile_row] == row_pixels and (state == 0 or finished[state, tile_row] == row_pixels):
            continue
        dy = py + 0.5 - my
        # 0.5 a dx^2 + b dy dx + (0.5 c dy^2 - L) <= 0
        disc = b * b * dy * dy - a * (c * dy * dy - 2.0 * limit)
        if disc < 0:
            continue
        root = math.sqrt(disc)
        x0 = max(x_first, math.ceil(mx + (-b * dy - root) * inv_a - 0.5))
        x1 = min(x_last, math.floor(mx + (-b * dy + root) * inv_a - 0.5) + 1)
        p = tile_row * TILE_SIZE + (x0 - x_first)
        # Pixels stopped in both states at either end of the run need no alpha.
        while x0 < x1 and done[0, p] and (state == 0 or done[state, p]):
            x0 += 1
            p += 1
        while x1 > x0 and done[0, p + x1 - 1 - x0] and (state == 0 or done[state, p + x1 - 1 - x0]):
            x1 -= 1
        if x0 == x1:
            continue
        dx = x0 + 0.5 - mx
        gaussian = opacity * math.exp(-(0.5 * (a * dx * dx + c * dy * dy) + b * dx * dy))
        ratio = math.exp(-(a * dx + b * dy + 0.5 * a))
        for _ in range(x0, x1):
            alpha = min(MAX_ALPHA, gaussian)
            gaussian *= ratio
            ratio *= ratio_step
            # sigma >= 0 always: the conic is positive definite (det > 0 after the eps2d blur).
            if alpha >= ALPHA_THRESHOLD:
                if not done[0, p]:
                    t = transmittance[0, p]
                    next_t = t * (1.0 - alpha)
                    if next_t <= TRANSMITTANCE_THRESHOLD:
                        done[0, p] = True
                        finished[0, tile_row] += 1
                        finished[0, TILE_SIZE] += 1
                    else:
                        weight = alpha * t
                        rgb[p, 0] += weight * red
                        rgb[p, 1] += weight * green
                        rgb[p, 2] += weight * blue
                        depth_sum[0, p] += weight * depth
                        transmittance[0, p] = next_t
                if state > 0 and not done[state, p]:
                    t = transmittance[state, p]
                    next_t = t * (1.0 - alpha)
                    if next_t <= TRANSMITTANCE_THRESHOLD:
                        done[state, p] = True
                        finished[state, tile_row] += 1
                        finished[state, TILE_SIZE] += 1
                    else:
                        depth_sum[state, p] += alpha * t * depth
                        transmittance[state, p] = next_t
            p += 1


@numba.njit(parallel=True, cache=True)
def _rasterize_tiles(
    tile_order: np.ndarray,  # [T] the tiles, in the order threads take them
    starts: np.ndarray,  # [T + 1]
    ids: np.ndarray,  # [M]
    params: np.ndarray,  # [N, PARAMS]
    entity_ids: np.ndarray,  # [N] int32, -1 = no entity
    background: np.ndarray,  # [3]
    width: int,  # the frame's; the outputs cover its region from (origin_x, origin_y)
    height: int,
    origin_x: int,
    origin_y: int,
    colors: np.ndarray,  # [H, W, 3] out
    alphas: np.ndarray,  # [H, W] out
    depths: np.ndarray,  # [H, W] out
    entity_alphas: np.ndarray,  # [H, W, E] out
    entity_depths: np.ndarray,  # [H, W, E] out
    instance_ids: np.ndarray,  # [H, W] out
) -> None:
    """Blend each tile on one thread in one walk: full image (state 0) and each entity alone (state e + 1)."""
    num_entities = entity_alphas.shape[2]
    tiles_x = -(-width // TILE_SIZE)
    pixels = TILE_SIZE * TILE_SIZE
    states = num_entities + 1
    for i in numba.prange(tile_order.shape[0]):
        tile = tile_order[i]
        x_first, y_first = (tile % tiles_x) * TILE_SIZE, (tile // tiles_x) * TILE_SIZE
        x_last, y_last = min(width, x_first + TILE_SIZE), min(height, y_first + TILE_SIZE)
        live = (x_last - x_first) * (y_last - y_first)
        transmittance = np.ones((states, pixels))
        done = np.zeros((states, pixels), dtype=np.bool_)
        depth_sum = np.zeros((states, pixels))
        rgb = np.zeros((pixels, 3))
        finished = np.zeros((states, TILE_SIZE + 1), dtype=np.int64)
        for k in range(starts[tile], starts[tile + 1]):
            g = ids[k]
            state = entity_ids[g] + 1
            if finished[0, TILE_SIZE] < live or (state > 0 and finished[state, TILE_SIZE] < live):
                _blend_gaussian(
                    params[g], state, x_first, x_last, y_first, y_last,
                    transmittance, done, depth_sum, rgb, finished,
                )  # fmt: skip
        for py in range(y_first, y_last):
            oy = py - origin_y
            for px in range(x_first, x_last):
                ox = px - origin_x
                p = (py - y_first) * TILE_SIZE + (px - x_first)
                t = transmittance[0, p]
                for channel in range(3):
                    colors[oy, ox, channel] = rgb[p, channel] + t * background[channel]
                alphas[oy, ox] = 1.0 - t
                depths[oy, ox] = depth_sum[0, p] / (1.0 - t) if t < 1.0 else 0.0
                instance_ids[oy, ox] = -1
                nearest = np.inf
                for entity in range(num_entities):
                    t = transmittance[entity + 1, p]
                    alpha = 1.0 - t
                    depth = depth_sum[entity + 1, p] / alpha if t < 1.0 else 0.0
                    entity_alphas[oy, ox, entity] = alpha
                    entity_depths[oy, ox, entity] = depth
                    if alpha > INSTANCE_ALPHA and depth < nearest:
                        instance_ids[oy, ox], nearest = entity, depth


def _as_numpy(tensor: Tensor, dtype: type) -> np.ndarray:
    """A view where the tensor already has this dtype and layout, else a copy."""
    return np.ascontiguousarray(tensor.detach().cpu().numpy(), dtype=dtype)


def footprints(
    means: Tensor,  # [N, 3]
    quats: Tensor,  # [N, 4] w-first
    scales: Tensor,  # [N, 3] activated
    opacities: Tensor,  # [N] in 0..1
    owners: Tensor,  # [N] int64 in 0..num_owners-1
    num_owners: int,
    viewmat: Tensor,  # [4, 4]
    K: Tensor,  # [3, 3]
    width: int,
    height: int,
    near_plane: float = 0.01,
    far_plane: float = 1e10,
) -> list[Region | None]:
    """Per owner, the pixels [x0, x1) x [y0, y1) holding the footprint boxes (gsplat's radii) of its
    Gaussians on screen, clipped to the frame; None when none is. No Gaussian changes a pixel outside its
    owner's box: the rasterizer evaluates each only in the tiles its box touches."""
    n = means.shape[0]
    params = np.empty((n, PARAMS), dtype=np.float32)  # [N, PARAMS]
    radii = np.empty((n, 2), dtype=np.int32)  # [N, 2]
    dtype = np.float64 if means.dtype == torch.float64 else np.float32  # as rasterize_cpu projects them
    _project(
        _as_numpy(means, dtype), _as_numpy(quats, dtype), _as_numpy(scales, dtype),
        _as_numpy(opacities, dtype), np.zeros((n, 3), dtype), _as_numpy(viewmat, np.float64),
        _as_numpy(K, np.float64), width, height, near_plane, far_plane, params, radii,
    )  # fmt: skip
    visible = np.flatnonzero(radii[:, 0] | radii[:, 1])  # [V]
    owner = _as_numpy(owners, np.int64)[visible]  # [V]
    mx, my = params[visible, MX], params[visible, MY]  # [V]
    boxes: list[Region | None] = []
    for k in range(num_owners):
        mine = owner == k  # [V]
        if not mine.any():
            boxes.append(None)
            continue
        rx, ry = radii[visible[mine], 0], radii[visible[mine], 1]
        x0, x1 = math.floor((mx[mine] - rx).min()), math.ceil((mx[mine] + rx).max())
        y0, y1 = math.floor((my[mine] - ry).min()), math.ceil((my[mine] + ry).max())
        boxes.append((max(0, x0), max(0, y0), min(width, x1), min(height, y1)))
    return boxes


def rasterize_cpu(
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
    region: Region | None = None,
) -> RenderOutput:
    """Render C cameras the way gsplat 1.5.3 does, with compiled kernels, in float32 out; no gradients.

    With `region` only the tiles inside it are blended and the outputs cover just it: exactly the pixels a
    whole-frame render gives there, since every tile keeps the same Gaussians in the same order.
    """
    check_inputs(
        means, quats, scales, opacities, colors, viewmats, Ks,
        width, height, backgrounds, entity_ids, num_entities,
    )  # fmt: skip
    x0, y0, x1, y1 = check_region(region, width, height)
    n, num_cameras = means.shape[0], viewmats.shape[0]
    # Kept in their own precision (no 200 000-row float64 copies per call): _project widens as it reads.
    gaussian_dtype = np.float64 if means.dtype == torch.float64 else np.float32
    means_np, quats_np, scales_np, opacities_np, colors_np = (
        _as_numpy(t, gaussian_dtype) for t in (means, quats, scales, opacities, colors)
    )
    entities = np.full(n, -1, np.int32) if entity_ids is None else _as_numpy(entity_ids, np.int32)
    background = np.zeros((num_cameras, 3)) if backgrounds is None else _as_numpy(backgrounds, np.float64)
    params = np.empty((n, PARAMS), dtype=np.float32)  # [N, PARAMS], rows of culled Gaussians never read
    radii = np.empty((n, 2), dtype=np.int32)  # [N, 2], all written by _project
    tiles_x, tiles_y = -(-width // TILE_SIZE), -(-height // TILE_SIZE)
    tile_rows, tile_cols = (
        np.arange(y0 // TILE_SIZE, -(-y1 // TILE_SIZE)),
        np.arange(x0 // TILE_SIZE, -(-x1 // TILE_SIZE)),
    )
    region_tiles = (tile_rows[:, None] * tiles_x + tile_cols[None, :]).ravel()  # [T]
    # Thread k of K takes tiles k, k + K, ...: neighbouring tiles cost alike, so every thread gets a share
    # of the sky and of the ground under the static schedule.
    tile_order = region_tiles[
        np.argsort(np.arange(region_tiles.size) % numba.get_num_threads(), kind="stable")
    ]  # [T]
    h, w = y1 - y0, x1 - x0
    out = RenderOutput(
        colors=torch.empty(num_cameras, h, w, 3),
        alphas=torch.empty(num_cameras, h, w),
        depths=torch.empty(num_cameras, h, w),
        entity_alphas=torch.empty(num_cameras, h, w, num_entities),
        entity_depths=torch.empty(num_cameras, h, w, num_entities),
        instance_ids=torch.empty(num_cameras, h, w, dtype=torch.int64),
    )
    images = [t.numpy() for t in vars(out).values()]  # views the kernel writes into
    for cam in range(num_cameras):
        _project(
            means_np, quats_np, scales_np, opacities_np, colors_np,
            _as_numpy(viewmats[cam], np.float64), _as_numpy(Ks[cam], np.float64),
            width, height, near_plane, far_plane, params, radii,
        )  # fmt: skip
        visible = np.flatnonzero(radii[:, 0] | radii[:, 1])  # [V]
        # Stable, as gsplat's radix sort: Gaussians at equal depths (a regular ground grid has many) keep
        # their input order, so a render of a subset in the same order blends every tile it shares alike.
        order = visible[np.argsort(params[visible, DEPTH], kind="stable")].astype(
            np.int32
        )  # [V] front to back
        tiles, offsets = _candidate_tiles(order, params, radii, width, height)
        starts, ids = _sort_by_tile(order, tiles, offsets, tiles_x * tiles_y)
        _rasterize_tiles(
            tile_order, starts, ids, params, entities, background[cam], width, height, x0, y0,
            *(image[cam] for image in images),
        )  # fmt: skip
    return out
