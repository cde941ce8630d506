"""Composition: every entity's asset posed at time t, plus the environment, as one Gaussian set.

Each instance is placed by its track (root position and yaw) and scaled uniformly to its placed
extent; its parts are articulated by the clip (legs swing, wings flap, wheels and balls spin) about the
pivots the asset generator recorded, so animation needs no knowledge of how an asset was built.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import Tensor

from scenewright.schema import Clip, Placement, Track
from scenewright.tools.gaussians import (
    Gaussians,
    axis_angle_matrix,
    quat_multiply,
    rotmat_to_quat,
    yaw_matrix,
)

SIDEWAYS_AXIS = (0.0, 0.0, 1.0)  # legs swing and wheels spin about the asset's z axis
FACING_AXIS = (1.0, 0.0, 0.0)  # wings flap about the asset's x axis

GAIT_HZ: dict[Clip, float] = {"walk": 1.8, "run": 3.0, "fly": 4.0, "swim": 1.2}
"""Cycle frequency of each periodic clip."""

LEG_SWING_RAD: dict[Clip, float] = {"walk": 0.35, "run": 0.6}

LEG_PHASE = {
    "leg_fl": 0.0,
    "leg_br": 0.0,
    "leg_fr": math.pi,
    "leg_bl": math.pi,
    "leg_l": 0.0,
    "leg_r": math.pi,
    "arm_l": math.pi,
    "arm_r": 0.0,
}
"""Diagonal legs of a quadruped move together; a biped's arms swing against its legs."""


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


def gait_phase(asset: Gaussians, clip: Clip, t: float, travelled_m: float) -> float:
    """Phase of the gait cycle, radians. Legs take one cycle per stride of ground covered (a leg of hip
    height h swinging by ±a carries the body 4·h·sin a per cycle), so planted feet do not slide at any root
    speed and legs rest while the root holds still; wings and fins beat at their clip's frequency.
    `travelled_m` is in the asset's own units, like its pivots."""
    hips = [float(asset.pivots[k, 1]) for k, part in enumerate(asset.parts) if part.startswith("leg")]
    if clip in LEG_SWING_RAD and hips:
        stride = 4.0 * max(min(hips), 1e-3) * math.sin(LEG_SWING_RAD[clip])
        return math.tau * travelled_m / stride
    return math.tau * GAIT_HZ.get(clip, 0.0) * t


def part_rotations(asset: Gaussians, clip: Clip, t: float, travelled_m: float) -> Tensor:
    """Local rotation of each part about its pivot for `clip` at time t: [P, 3, 3]."""
    rotations = torch.eye(3).repeat(len(asset.parts), 1, 1)  # [P, 3, 3]
    phase = gait_phase(asset, clip, t, travelled_m)
    for k, part in enumerate(asset.parts):
        if clip in LEG_SWING_RAD and part in LEG_PHASE:
            angle = LEG_SWING_RAD[clip] * math.sin(phase + LEG_PHASE[part])
            rotations[k] = axis_angle_matrix(SIDEWAYS_AXIS, angle)
        elif clip == "fly" and part in ("wing_l", "wing_r"):
            angle = 0.7 * math.sin(phase) * (1.0 if part == "wing_l" else -1.0)
            rotations[k] = axis_angle_matrix(FACING_AXIS, angle)
        elif (clip == "roll" and part == "ball") or (clip == "drive" and part.startswith("wheel")):
            radius = max(
                float(asset.pivots[k, 1]), 1e-3
            )  # the pivot of a ground-touching wheel is its radius
            rotations[k] = axis_angle_matrix(SIDEWAYS_AXIS, -travelled_m / radius)
    return rotations


def body_bob_m(clip: Clip, phase: float, height_m: float) -> float:
    """Vertical bounce of the whole body in a gait (twice per cycle), a small fraction of the body height."""
    if clip not in ("walk", "run", "swim"):
        return 0.0
    amplitude = {"walk": 0.015, "run": 0.04, "swim": 0.02}[clip] * height_m
    return amplitude * abs(math.sin(phase))


def pose_asset(
    asset: Gaussians, scale: float, position: tuple[float, float, float], yaw: float, local_rotations: Tensor
) -> Gaussians:
    """Articulate parts (local_rotations [P, 3, 3] about each part's pivot), then scale, turn and place."""
    per_gaussian = local_rotations[asset.part_ids]  # [N, 3, 3]
    pivots = asset.pivots[asset.part_ids]  # [N, 3]
    local = torch.einsum("nij,nj->ni", per_gaussian, asset.means - pivots) + pivots  # [N, 3]
    turn = yaw_matrix(yaw)  # [3, 3]
    means = (scale * local) @ turn.T + torch.tensor(position, dtype=torch.float32)  # [N, 3]
    part_quats = rotmat_to_quat(turn @ local_rotations)  # [P, 4]
    quats = quat_multiply(part_quats[asset.part_ids], asset.quats)  # [N, 4]
    return Gaussians(
        means=means,
        quats=quats,
        log_scales=asset.log_scales + math.log(scale),
        logit_opacities=asset.logit_opacities,
        sh0=asset.sh0,
        part_ids=asset.part_ids,
        parts=asset.parts,
        pivots=(scale * asset.pivots) @ turn.T + torch.tensor(position, dtype=torch.float32),
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
) -> ComposedScene:
    """The scene at time t. `assets`, `placements` and `tracks` are keyed by instance id (same keys)."""
    entity_ids = list(assets)
    posed, owners = [environment], [torch.full((len(environment),), -1, dtype=torch.int64)]
    for index, instance in enumerate(entity_ids):
        asset, placement, track = assets[instance], placements[instance], tracks[instance]
        scale = placement.extent_m[1] / asset.extent()[1]
        (x, y, z), yaw = root_pose_at(track, t)
        travelled = distance_travelled(track, t) / scale
        y += body_bob_m(track.clip, gait_phase(asset, track.clip, t, travelled), placement.extent_m[1])
        rotations = part_rotations(asset, track.clip, t, travelled)
        posed.append(pose_asset(asset, scale, (x, y, z), yaw, rotations))
        owners.append(torch.full((len(asset),), index, dtype=torch.int64))
    return ComposedScene(Gaussians.concat(posed), torch.cat(owners), entity_ids)
