"""Pinhole cameras as gsplat takes them: world-to-camera view matrices and intrinsics K, and camera motion.

Camera space follows OpenCV (x right, y down, z forward), which is what gsplat's projection assumes.
A moving camera is a base pose (the camera at mid-clip, Layout.camera) plus a CameraSpec; `camera_at`
gives the pose of any frame, and everything that renders, frames or judges a frame goes through it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import torch
from torch import Tensor

from scenewright.schema import CameraPose, CameraSpec, Track, vec3
from scenewright.tools.scene.compose import root_pose_at


def look_at(eye: Tensor, target: Tensor, up: tuple[float, float, float] = (0.0, 1.0, 0.0)) -> Tensor:
    """World-to-camera matrix [4, 4] of a camera at `eye` [3] looking at `target` [3]."""
    forward = torch.nn.functional.normalize(target - eye, dim=0)  # camera +z
    up_t = torch.tensor(up, dtype=eye.dtype)
    right = torch.linalg.cross(forward, up_t)  # camera +x
    if float(right.norm()) < 1e-8:
        raise ValueError("camera looks straight along the up axis; its roll is undefined")
    right = torch.nn.functional.normalize(right, dim=0)
    down = torch.linalg.cross(forward, right)  # camera +y
    rotation = torch.stack([right, down, forward])  # [3, 3] rows: camera axes in world
    viewmat = torch.eye(4, dtype=eye.dtype)
    viewmat[:3, :3] = rotation
    viewmat[:3, 3] = -rotation @ eye
    return viewmat


def intrinsics(fov_deg: float, width: int, height: int) -> Tensor:
    """K [3, 3] for a vertical field of view, square pixels, principal point at the image centre."""
    focal = 0.5 * height / math.tan(math.radians(fov_deg) / 2)
    return torch.tensor([[focal, 0.0, width / 2], [0.0, focal, height / 2], [0.0, 0.0, 1.0]])


def camera_matrices(pose: CameraPose, width: int, height: int) -> tuple[Tensor, Tensor]:
    """A CameraPose -> (viewmat [4, 4], K [3, 3])."""
    eye = torch.tensor(pose.position, dtype=torch.float32)
    target = torch.tensor(pose.look_at, dtype=torch.float32)
    return look_at(eye, target), intrinsics(pose.fov_deg, width, height)


def project_points(points: Tensor, viewmat: Tensor, K: Tensor) -> tuple[Tensor, Tensor]:
    """World points [N, 3] -> (pixel coordinates [N, 2], camera depth z [N])."""
    cam = points @ viewmat[:3, :3].T + viewmat[:3, 3]  # [N, 3]
    z = cam[:, 2]
    uv = cam[:, :2] / z.clamp_min(1e-6)[:, None] * torch.stack([K[0, 0], K[1, 1]]) + K[:2, 2]
    return uv, z


def unproject_points(uv: Tensor, depth: Tensor, viewmat: Tensor, K: Tensor) -> Tensor:
    """Pixels [N, 2] at camera depths z [N] -> world points [N, 3]: the inverse of project_points."""
    focal = torch.stack([K[0, 0], K[1, 1]])  # [2]
    cam = torch.cat([(uv - K[:2, 2]) / focal * depth[:, None], depth[:, None]], dim=-1)  # [N, 3]
    return (cam - viewmat[:3, 3]) @ viewmat[:3, :3]  # R^T (cam - t), row-wise


# ------------------------------------------------------------------------------------- camera motion

UP = np.array([0.0, 1.0, 0.0])


def ease(u: float) -> float:
    """Smoothstep on [0, 1]: the camera starts and stops gently (zero speed at both ends)."""
    u = min(max(u, 0.0), 1.0)
    return u * u * (3.0 - 2.0 * u)


def camera_at(
    base: CameraPose, spec: CameraSpec, t: float, duration_s: float, tracks: Mapping[str, Track]
) -> CameraPose:
    """The camera at time t: the base pose (the camera at t = duration/2) moved by `spec.motion`.

    Orbit turns the camera about the vertical through the look-at point (the radius is kept); dolly moves
    it along its view axis; pan turns the view about the vertical through the camera, tilt about the
    camera's right axis; all four ease in and out and pass the base pose at mid-clip. Track translates the
    whole camera with the horizontal displacement since mid-clip of the target group's mean root position,
    read from `tracks` (keyed by instance id, as Plan.instance_ids names them); only that displacement is
    used, so tracks of offsets from the placements work too. Pure and deterministic.
    """
    if duration_s <= 0:
        raise ValueError(f"duration must be positive (got {duration_s})")
    progress = ease(t / duration_s) - 0.5  # -0.5 at the start, 0 at mid-clip, 0.5 at the end
    eye, target = np.array(base.position), np.array(base.look_at)  # [3], [3]
    motion = spec.motion
    if motion == "orbit":
        eye = target + _rotate(eye - target, UP, math.radians(spec.orbit_deg * progress))
    elif motion in ("dolly_in", "dolly_out"):
        toward = -1.0 if motion == "dolly_in" else 1.0
        eye = target + (eye - target) * (1.0 + toward * spec.dolly_fraction * progress)
    elif motion in ("pan_left", "pan_right"):
        turn = spec.pan_deg * progress * (1.0 if motion == "pan_left" else -1.0)  # +: the view turns left
        target = eye + _rotate(target - eye, UP, math.radians(turn))
    elif motion in ("tilt_up", "tilt_down"):
        right = np.cross(target - eye, UP)  # [3]
        if np.linalg.norm(right) < 1e-9:
            raise ValueError("a camera looking straight up or down cannot tilt")
        turn = spec.tilt_deg * progress * (1.0 if motion == "tilt_up" else -1.0)  # +: the view turns up
        target = eye + _rotate(target - eye, right / np.linalg.norm(right), math.radians(turn))
    elif motion == "track":
        assert spec.target is not None  # CameraSpec guarantees it
        followed = followed_tracks(spec.target, tracks)
        shift = _mean_root(followed, t) - _mean_root(followed, 0.5 * duration_s)  # [3]
        shift[1] = 0.0  # a tracking shot moves along the ground; climbs and hops show on screen
        eye, target = eye + shift, target + shift
    return CameraPose(position=vec3(eye.tolist()), look_at=vec3(target.tolist()), fov_deg=base.fov_deg)


def followed_tracks(group_id: str, tracks: Mapping[str, Track]) -> list[Track]:
    """The tracks of a group's instances: the group id itself, or id_1, id_2 ... (Plan.instance_ids)."""
    if group_id in tracks:
        return [tracks[group_id]]
    followed: list[Track] = []
    while f"{group_id}_{len(followed) + 1}" in tracks:
        followed.append(tracks[f"{group_id}_{len(followed) + 1}"])
    if not followed:
        raise ValueError(f"the camera tracks '{group_id}', but no track moves it")
    return followed


def _mean_root(tracks: list[Track], t: float) -> np.ndarray:
    return np.mean([root_pose_at(track, t)[0] for track in tracks], axis=0)  # [3]


def _rotate(v: np.ndarray, axis: np.ndarray, angle: float) -> np.ndarray:
    """Rodrigues: v [3] turned by `angle` radians about the unit `axis` [3] (right-handed)."""
    c, s = math.cos(angle), math.sin(angle)
    return v * c + np.cross(axis, v) * s + axis * float(axis @ v) * (1.0 - c)


def describe_motion(spec: CameraSpec) -> str:
    """The camera motion and its parameters in words, for report.md and layout notes."""
    if spec.motion == "orbit":
        way = "counter-clockwise" if spec.orbit_deg >= 0 else "clockwise"
        return f"orbit {abs(spec.orbit_deg):g}° {way} seen from above"
    if spec.motion in ("dolly_in", "dolly_out"):
        return f"{spec.motion.replace('_', ' ')} by {spec.dolly_fraction:.0%} of the mid-clip distance"
    if spec.motion in ("pan_left", "pan_right"):
        return f"{spec.motion.replace('_', ' ')} {spec.pan_deg:g}°"
    if spec.motion in ("tilt_up", "tilt_down"):
        return f"{spec.motion.replace('_', ' ')} {spec.tilt_deg:g}°"
    if spec.motion == "track":
        return f"tracking {spec.target}"
    return "static"
