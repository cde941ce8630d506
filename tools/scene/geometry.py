"""Scene-graph geometry of posed boxes: headings, footprints, corners and how deep boxes penetrate.

An instance is an oriented box: a bottom-centre position, a yaw about +y (yaw θ faces (cos θ, 0, -sin θ)) and
an extent (x facing, y up, z sideways). The layout and motion agents, the critic, layout refinement and the
eval metrics all read boxes this way, so they share these routines: a disagreement between the critic and
the metrics is then about their tolerances and exemptions (tools.judge), never about the geometry.
"""

from __future__ import annotations

import math

import numpy as np
import torch

from scenewright.schema import Keyframe, Placement


def heading_yaw(dx: float, dz: float) -> float:
    """The yaw that faces the horizontal direction (dx, dz): an entity with yaw θ faces (cos θ, 0, -sin θ)."""
    return math.atan2(-dz, dx)


def footprint_half_extents(extent: tuple[float, float, float], yaw: float) -> tuple[float, float]:
    """Half sizes in world x and z of the footprint (extent x by z) turned by yaw: its axis-aligned box."""
    c, s = abs(math.cos(yaw)), abs(math.sin(yaw))
    return 0.5 * (c * extent[0] + s * extent[2]), 0.5 * (s * extent[0] + c * extent[2])


def box_corners(placement: Placement, key: Keyframe) -> torch.Tensor:
    """The 8 world corners [8, 3] of a placement's box moved by a path key and turned by its yaw."""
    ex, ey, ez = placement.extent_m
    local = torch.tensor(
        [[sx * ex / 2, sy * ey, sz * ez / 2] for sx in (-1, 1) for sy in (0, 1) for sz in (-1, 1)]
    )  # [8, 3]
    c, s = math.cos(key.yaw), math.sin(key.yaw)
    rotation = torch.tensor([[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]])  # [3, 3] +x -> (c, 0, -s)
    origin = torch.tensor([p + o for p, o in zip(placement.position, key.position, strict=True)])  # [3]
    return local @ rotation.T + origin


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
