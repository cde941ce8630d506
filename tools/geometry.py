"""Scene-graph geometry shared by the critic and the eval metrics: how deep posed boxes penetrate.

Both judge non-penetration from the same oriented boxes (a bottom-centre position, a yaw about +y and an
extent), so they share one routine: a disagreement between the critic and the metrics is then about their
tolerances and exemptions, never about the geometry.
"""

from __future__ import annotations

import numpy as np


def box_penetration(position: np.ndarray, yaw: np.ndarray, extent: np.ndarray) -> np.ndarray:
    """Penetration depth (m, <= 0 when apart) of every pair of boxes [T, E, E].

    position [T, E, 3] bottom centres, yaw [T, E], extent [E, 3] (x facing, y up, z sideways). Two boxes
    penetrate by the smallest overlap over the separating axes: the vertical axis and the four footprint edges
    (separating axis theorem for yaw-rotated rectangles).
    """
    # Footprint axes in the ground plane (x, z): facing (cos, -sin) and sideways (sin, cos).
    cos, sin = np.cos(yaw), np.sin(yaw)  # [T, E]
    axes = np.stack([np.stack([cos, -sin], -1), np.stack([sin, cos], -1)], -2)  # [T, E, 2 axes, 2]
    half = extent[:, [0, 2]] / 2  # [E, 2]
    centre = position[..., [0, 2]]  # [T, E, 2]
    # Overlap of boxes i and j along box i's axis k: half_i,k + radius of j on that axis - centre gap.
    dots = np.abs(np.einsum("tikd,tjld->tijkl", axes, axes))  # [T, E, E, 2, 2]
    radius_j = (dots * half[None, None, :, None, :]).sum(-1)  # [T, E, E, 2]
    gap = np.abs(np.einsum("tijd,tikd->tijk", centre[:, None] - centre[:, :, None], axes))  # [T, E, E, 2]
    overlap_on_i = (half[None, :, None, :] + radius_j - gap).min(-1)  # [T, E, E]
    footprint = np.minimum(overlap_on_i, overlap_on_i.transpose(0, 2, 1))  # [T, E, E]
    bottom = position[..., 1]  # [T, E]
    top = bottom + extent[:, 1]  # [T, E]
    vertical = np.minimum(top[:, :, None], top[:, None]) - np.maximum(bottom[:, :, None], bottom[:, None])
    return np.minimum(footprint, vertical)
