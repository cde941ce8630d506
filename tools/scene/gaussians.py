"""The Gaussian container every tool passes around, stored pre-activation as in the 3DGS PLY layout.

Quaternions are w-first, scales are log-scales, opacities are logits and colours are SH DC
coefficients, exactly as gsplat's trainers and the standard PLY keep them; `activated()` gives the
values the rasterizers take.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
from torch import Tensor

SH_C0 = 0.28209479177387814
"""Zeroth-order real spherical harmonic; colour = max(SH_C0 * dc + 0.5, 0) (architecture.md, Conventions)."""


def rgb_to_sh(rgb: Tensor) -> Tensor:
    """RGB in 0..1 -> SH DC coefficient, the inverse of `sh_to_rgb` for non-negative colours."""
    return (rgb - 0.5) / SH_C0


def sh_to_rgb(sh0: Tensor) -> Tensor:
    return torch.clamp_min(sh0 * SH_C0 + 0.5, 0.0)


def quat_to_rotmat(quats: Tensor) -> Tensor:
    """Quaternions [..., 4] (w, x, y, z; normalised here) -> rotation matrices [..., 3, 3]."""
    w, x, y, z = torch.nn.functional.normalize(quats, dim=-1).unbind(-1)
    return torch.stack(
        [
            1 - 2 * (y * y + z * z),
            2 * (x * y - w * z),
            2 * (x * z + w * y),
            2 * (x * y + w * z),
            1 - 2 * (x * x + z * z),
            2 * (y * z - w * x),
            2 * (x * z - w * y),
            2 * (y * z + w * x),
            1 - 2 * (x * x + y * y),
        ],
        dim=-1,
    ).reshape(*quats.shape[:-1], 3, 3)


def rotmat_to_quat(rotmats: Tensor) -> Tensor:
    """Rotation matrices [..., 3, 3] -> unit quaternions [..., 4] (w-first, w >= 0)."""
    m = rotmats
    trace = m[..., 0, 0] + m[..., 1, 1] + m[..., 2, 2]
    candidates = torch.stack(
        [
            torch.stack(
                [
                    1 + trace,
                    m[..., 2, 1] - m[..., 1, 2],
                    m[..., 0, 2] - m[..., 2, 0],
                    m[..., 1, 0] - m[..., 0, 1],
                ],
                -1,
            ),
            torch.stack(
                [
                    m[..., 2, 1] - m[..., 1, 2],
                    1 + m[..., 0, 0] - m[..., 1, 1] - m[..., 2, 2],
                    m[..., 0, 1] + m[..., 1, 0],
                    m[..., 0, 2] + m[..., 2, 0],
                ],
                -1,
            ),
            torch.stack(
                [
                    m[..., 0, 2] - m[..., 2, 0],
                    m[..., 0, 1] + m[..., 1, 0],
                    1 - m[..., 0, 0] + m[..., 1, 1] - m[..., 2, 2],
                    m[..., 1, 2] + m[..., 2, 1],
                ],
                -1,
            ),
            torch.stack(
                [
                    m[..., 1, 0] - m[..., 0, 1],
                    m[..., 0, 2] + m[..., 2, 0],
                    m[..., 1, 2] + m[..., 2, 1],
                    1 - m[..., 0, 0] - m[..., 1, 1] + m[..., 2, 2],
                ],
                -1,
            ),
        ],
        dim=-2,
    )  # [..., 4, 4]: row k is 4*q*q_k, best conditioned where |q_k| is largest
    diagonal = torch.stack(
        [
            trace,
            m[..., 0, 0] - m[..., 1, 1] - m[..., 2, 2],
            m[..., 1, 1] - m[..., 0, 0] - m[..., 2, 2],
            m[..., 2, 2] - m[..., 0, 0] - m[..., 1, 1],
        ],
        -1,
    )
    best = diagonal.argmax(-1)
    quat = torch.gather(candidates, -2, best[..., None, None].expand(*best.shape, 1, 4)).squeeze(-2)
    quat = torch.nn.functional.normalize(quat, dim=-1)
    return torch.where(quat[..., :1] < 0, -quat, quat)


def yaw_matrix(yaw: float | Tensor) -> Tensor:
    """Rotation about +y by `yaw` radians: [3, 3]."""
    yaw_t = torch.as_tensor(yaw, dtype=torch.float32)
    c, s = torch.cos(yaw_t), torch.sin(yaw_t)
    zero, one = torch.zeros_like(c), torch.ones_like(c)
    return torch.stack([c, zero, s, zero, one, zero, -s, zero, c]).reshape(3, 3)


@dataclass
class Gaussians:
    """A set of 3D Gaussians, pre-activation, with the part each belongs to.

    `parts[k]` names part k and `pivots[k]` is the point it rotates about when animated, so motion
    can swing a leg or spin a wheel without knowing how the asset was built. `part_parents[k]` is the
    index of the part that part k hangs from (-1 for a root; every part after its parent), so a forearm
    follows its upper arm; left empty, every part is a root. `rig` names how the asset moves (a
    `tools.scene.parts.Rig`: biped, quadruped, bird, fish, wheeled, ball, static).
    """

    means: Tensor  # [N, 3]
    quats: Tensor  # [N, 4] w-first
    log_scales: Tensor  # [N, 3]
    logit_opacities: Tensor  # [N]
    sh0: Tensor  # [N, 3]
    part_ids: Tensor  # [N] int64 index into parts
    parts: list[str] = field(default_factory=list)
    pivots: Tensor = field(default_factory=lambda: torch.zeros(0, 3))  # [P, 3]
    part_parents: list[int] = field(default_factory=list)
    rig: str = "static"
    _extent: tuple[float, float, float] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.part_parents:
            self.part_parents = [-1] * len(self.parts)
        n = self.means.shape[0]
        shapes = {
            "means": (self.means, (n, 3)),
            "quats": (self.quats, (n, 4)),
            "log_scales": (self.log_scales, (n, 3)),
            "logit_opacities": (self.logit_opacities, (n,)),
            "sh0": (self.sh0, (n, 3)),
            "part_ids": (self.part_ids, (n,)),
        }
        for name, (tensor, shape) in shapes.items():
            if tuple(tensor.shape) != shape:
                raise ValueError(f"Gaussians.{name} has shape {tuple(tensor.shape)}, expected {shape}")
        if self.pivots.shape != (len(self.parts), 3):
            raise ValueError(
                f"Gaussians.pivots has shape {tuple(self.pivots.shape)}, expected "
                f"({len(self.parts)}, 3) for {len(self.parts)} parts"
            )
        if n and (int(self.part_ids.min()) < 0 or int(self.part_ids.max()) >= max(len(self.parts), 1)):
            raise ValueError("Gaussians.part_ids index outside parts")
        if len(self.part_parents) != len(self.parts):
            raise ValueError(
                f"Gaussians.part_parents has {len(self.part_parents)} entries for {len(self.parts)} parts"
            )
        for k, parent in enumerate(self.part_parents):
            if not -1 <= parent < k:
                raise ValueError(
                    f"part {self.parts[k]!r} (index {k}) has parent index {parent}: a parent must come "
                    "before its child (or be -1 for a root)"
                )

    def __len__(self) -> int:
        return int(self.means.shape[0])

    def extent(self) -> tuple[float, float, float]:
        """Extent of the means along x, y, z: the size assets are scaled by. Computed once (compose asks
        every frame): a Gaussians is never changed in place."""
        if self._extent is None:
            span = self.means.max(dim=0).values - self.means.min(dim=0).values  # [3]
            self._extent = (float(span[0]), float(span[1]), float(span[2]))
        return self._extent

    @property
    def scales(self) -> Tensor:  # [N, 3]
        return torch.exp(self.log_scales)

    @property
    def opacities(self) -> Tensor:  # [N]
        return torch.sigmoid(self.logit_opacities)

    @property
    def colors(self) -> Tensor:  # [N, 3]
        return sh_to_rgb(self.sh0)

    def select(self, keep: Tensor) -> Gaussians:
        """The Gaussians where `keep` [N] (bool) is true; every part is kept, even one left empty."""
        return Gaussians(
            self.means[keep],
            self.quats[keep],
            self.log_scales[keep],
            self.logit_opacities[keep],
            self.sh0[keep],
            self.part_ids[keep],
            list(self.parts),
            self.pivots.clone(),
            list(self.part_parents),
            self.rig,
        )

    @staticmethod
    def concat(items: list[Gaussians]) -> Gaussians:
        """Concatenate sets, keeping every part and its parent (part names of later sets are kept as they
        are). The result is a composition, not one asset that moves: its rig is static."""
        offsets, total = [], 0
        for g in items:
            offsets.append(total)
            total += len(g.parts)
        return Gaussians(
            means=torch.cat([g.means for g in items]),
            quats=torch.cat([g.quats for g in items]),
            log_scales=torch.cat([g.log_scales for g in items]),
            logit_opacities=torch.cat([g.logit_opacities for g in items]),
            sh0=torch.cat([g.sh0 for g in items]),
            part_ids=torch.cat([g.part_ids + off for g, off in zip(items, offsets, strict=True)]),
            parts=[p for g in items for p in g.parts],
            pivots=torch.cat([g.pivots for g in items]),
            part_parents=[
                parent + off if parent >= 0 else -1
                for g, off in zip(items, offsets, strict=True)
                for parent in g.part_parents
            ],
        )


def quat_multiply(a: Tensor, b: Tensor) -> Tensor:
    """Hamilton product a * b of w-first quaternions [..., 4]: rotate by b, then by a."""
    aw, ax, ay, az = a.unbind(-1)
    bw, bx, by, bz = b.unbind(-1)
    return torch.stack(
        [
            aw * bw - ax * bx - ay * by - az * bz,
            aw * bx + ax * bw + ay * bz - az * by,
            aw * by - ax * bz + ay * bw + az * bx,
            aw * bz + ax * by - ay * bx + az * bw,
        ],
        dim=-1,
    )


def axis_angle_matrix(axis: tuple[float, float, float], angle: float) -> Tensor:
    """Rotation by `angle` radians about a unit `axis`: [3, 3] (Rodrigues)."""
    k = torch.tensor(axis, dtype=torch.float32)
    cross = torch.tensor([[0.0, -k[2], k[1]], [k[2], 0.0, -k[0]], [-k[1], k[0], 0.0]])
    return torch.eye(3) + math.sin(angle) * cross + (1 - math.cos(angle)) * (cross @ cross)
