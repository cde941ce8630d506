"""Composition: every entity's asset posed at time t, plus the environment, as one Gaussian set.

Each instance is placed by its track (root position and yaw) and scaled uniformly to its placed
extent; its parts are articulated by its rig's clip (`tools/scene/rigs.py`: legs step, wings flap, wheels and
balls spin) about the pivots the asset generator recorded, chained by the parts' hierarchy (forward
kinematics), so animation needs no knowledge of how an asset was built.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

import torch
from torch import Tensor

from scenewright.schema import Placement, Track
from scenewright.tools.scene.gaussians import Gaussians, quat_multiply, rotmat_to_quat, yaw_matrix
from scenewright.tools.scene.mocap import MocapClip
from scenewright.tools.scene.rigs import BLEND_S, TRAVELLING, ClipState, forward_kinematics, pose_at


def root_pose_at(track: Track, t: float) -> tuple[tuple[float, float, float], float]:
    """The root (bottom-centre) position and yaw of a track at time t, linear between keyframes.

    Times before the first / after the last keyframe hold that keyframe. Yaw takes the short way round.
    """
    keys = track.keyframes
    if t <= keys[0].t:
        return keys[0].position, keys[0].yaw
    if t >= keys[-1].t:
        return keys[-1].position, keys[-1].yaw
    upper = next(i for i, k in enumerate(keys) if k.t > t)
    a, b = keys[upper - 1], keys[upper]
    w = (t - a.t) / (b.t - a.t)
    position = tuple(pa + w * (pb - pa) for pa, pb in zip(a.position, b.position, strict=True))
    turn = math.remainder(b.yaw - a.yaw, math.tau)
    return (position[0], position[1], position[2]), a.yaw + w * turn


def distance_travelled(track: Track, t: float) -> float:
    """Path length of the root from the start of the track to time t, metres (spins wheels and balls)."""
    total = 0.0
    previous, _ = root_pose_at(track, 0.0)
    for key in track.keyframes:
        if key.t >= t:
            break
        total += math.dist(previous, key.position)
        previous = key.position
    here, _ = root_pose_at(track, t)
    return total + math.dist(previous, here)


def airborne_at(track: Track, t: float) -> float:
    """How high the root is within the track's range of heights, 0 (lowest) .. 1 (highest): where a jump or
    hop is between crouch and tuck. 0 for a track that keeps one height."""
    heights = [k.position[1] for k in track.keyframes]
    low, high = min(heights), max(heights)
    if high - low < 1e-9:
        return 0.0
    return (root_pose_at(track, t)[0][1] - low) / (high - low)


def moving_weight(track: Track, t: float, window: float = BLEND_S) -> float:
    """How much a travelling clip plays at time t against idle, 0..1: the share of the `window` seconds
    around t in which the root moves, eased (smoothstep), so the body fades from idle into the clip as the
    root starts and back as it stops. Before the first and after the last keyframe the root does what it
    does in the first and last segment (a walk over the whole clip plays fully from the first frame)."""
    keys = track.keyframes
    if len(keys) == 1:
        return 0.0
    low, high = t - window / 2, t + window / 2
    moving = 0.0
    for k, (a, b) in enumerate(pairwise(keys)):
        if math.dist(a.position, b.position) < 1e-9:
            continue
        start = -math.inf if k == 0 else a.t
        end = math.inf if k == len(keys) - 2 else b.t
        moving += max(0.0, min(high, end) - max(low, start))
    share = min(moving / window, 1.0)
    return share * share * (3 - 2 * share)


def pose_asset(
    asset: Gaussians,
    scale: float,
    position: tuple[float, float, float],
    yaw: float,
    local_rotations: Tensor,
    local_offsets: Tensor | None = None,
) -> Gaussians:
    """Articulate the parts by forward kinematics (local_rotations [P, 3, 3] about each part's pivot, then
    local_offsets [P, 3], both in the parent's posed frame), then scale, turn and place the asset."""
    offsets = torch.zeros(len(asset.parts), 3) if local_offsets is None else local_offsets
    world_r, world_t = forward_kinematics(local_rotations, offsets, asset.pivots, asset.part_parents)
    per_gaussian = world_r[asset.part_ids]  # [N, 3, 3]
    local = torch.einsum("nij,nj->ni", per_gaussian, asset.means) + world_t[asset.part_ids]  # [N, 3]
    pivots = torch.einsum("pij,pj->pi", world_r, asset.pivots) + world_t  # [P, 3]
    turn = yaw_matrix(yaw)  # [3, 3]
    place = torch.tensor(position, dtype=torch.float32)  # [3]
    part_quats = rotmat_to_quat(turn @ world_r)  # [P, 4]
    return Gaussians(
        means=(scale * local) @ turn.T + place,
        quats=quat_multiply(part_quats[asset.part_ids], asset.quats),
        log_scales=asset.log_scales + math.log(scale),
        logit_opacities=asset.logit_opacities,
        sh0=asset.sh0,
        part_ids=asset.part_ids,
        parts=asset.parts,
        pivots=(scale * pivots) @ turn.T + place,
        part_parents=asset.part_parents,
        rig=asset.rig,
    )


@dataclass
class ComposedScene:
    """All Gaussians of one instant and which entity each belongs to."""

    gaussians: Gaussians
    entity_index: Tensor  # [N] int64, index into entity_ids; -1 for the environment
    entity_ids: list[str]


def compose_scene(
    environment: Gaussians,
    assets: dict[str, Gaussians],
    placements: dict[str, Placement],
    tracks: dict[str, Track],
    t: float,
    mocap: dict[str, MocapClip] | None = None,
) -> ComposedScene:
    """The scene at time t. `assets`, `placements` and `tracks` are keyed by instance id (same keys); the
    instances in `mocap` (those whose track names a capture) take their joints from it, their root from the
    track (which follows the capture's root)."""
    entity_ids = list(assets)
    posed, owners = [environment], [torch.full((len(environment),), -1, dtype=torch.int64)]
    for index, instance in enumerate(entity_ids):
        asset, placement, track = assets[instance], placements[instance], tracks[instance]
        scale = placement.extent_m[1] / asset.extent()[1]
        (x, y, z), yaw = root_pose_at(track, t)
        state = ClipState(
            t=t,
            travelled=distance_travelled(track, t) / scale,
            airborne=airborne_at(track, t),
            seated=placement.support is not None,
        )
        if mocap is not None and instance in mocap:
            rotations = mocap[instance].sample(track.mocap_start_s + t).rotations  # [P, 3, 3]
            posed.append(pose_asset(asset, scale, (x, y, z), yaw, rotations))
        else:
            weight = moving_weight(track, t) if track.clip in TRAVELLING else 1.0
            pose = pose_at(asset, track.clip, state, weight)
            posed.append(
                pose_asset(asset, scale, (x, y + scale * pose.lift, z), yaw, pose.rotations, pose.offsets)
            )
        owners.append(torch.full((len(asset),), index, dtype=torch.int64))
    return ComposedScene(Gaussians.concat(posed), torch.cat(owners), entity_ids)
