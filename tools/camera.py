"""Pinhole cameras as gsplat takes them: world-to-camera view matrices and intrinsics K.

Camera space follows OpenCV (x right, y down, z forward), which is what gsplat's projection assumes.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from scenewright.schema import CameraPose


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
