"""Composition: every entity's asset posed at time t, plus the environment, as one Gaussian set."""

from __future__ import annotations

import math

from scenewright.schema import Track


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
