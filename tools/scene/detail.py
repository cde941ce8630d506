"""Detail levels: how finely each entity's asset is built, from how large it appears on screen.

Once the layout has fixed every placement and the camera of every frame, an entity's largest on-screen
extent over the clip (`screen_extents`: its longest side at the depth of its placement box's nearest corner,
moved along its path, seen by the camera of each frame) picks its detail level, the rung of DETAIL_PX nearest,
and its asset is built for that many pixels (`assets.build_asset`'s `detail`: neighbouring splats
`assets.SPLAT_PX` apart on screen). A car that fills a 640x360 frame gets a few hundred thousand Gaussians;
the same car 60 pixels wide, a few thousand. The rungs are a fixed ladder, so the asset cache holds a few
sizes of an asset, not one per camera, and the same layout always gives the same recipes.

A scene's Gaussians are capped (`scene_cap`): while the levels would exceed the cap, the entity with the
most Gaussians drops a rung (`detail_levels`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from scenewright.schema import CameraPose, CameraSpec, Keyframe, Placement, Track
from scenewright.settings import RunSettings
from scenewright.tools.scene.camera import camera_at, camera_matrices, project_points
from scenewright.tools.scene.compose import root_pose_at
from scenewright.tools.scene.geometry import box_corners

DETAIL_PX: tuple[int, ...] = tuple(round(32 * 2 ** (k / 2)) for k in range(13))
"""The detail levels, pixels: 32, 45, 64 ... 2048, a factor of sqrt(2) apart (a rung is twice the
Gaussians). An entity smaller than 32 pixels still gets the bottom rung: its shape must read."""
SPLATS_PER_PIXEL = 2.0
"""The cap per pixel of the frame. A surface seen with its splats SPLAT_PX (2) pixels apart shows 0.25 of
them a pixel, and a closed asset's surface is about four times its silhouette (Cauchy's formula for convex
bodies): entities that fill the frame need about one Gaussian a pixel, twice that with the hidden inner
pieces and the environment. At 640x360 the cap is 460 800."""
NEAR_M = 0.05
"""Depths closer than this count as this (`screen_extents`): the top rung is reached well before."""
MAX_SCENE_SPLATS = 1_000_000
"""The cap whatever the frame size: the large scene of benchmarks/render.py (a million Gaussians at
1920x1080), which gsplat draws at 84 frames a second on an H100 (README); 64 MB of asset tensors and a
56 MB scene.ply."""


def scene_cap(width: int, height: int) -> int:
    """The most Gaussians a scene of this frame size holds, environment included."""
    return min(MAX_SCENE_SPLATS, round(SPLATS_PER_PIXEL * width * height))


def nearest_level(pixels: float) -> int:
    """The rung of DETAIL_PX nearest to `pixels` in ratio, the top or bottom one beyond the ladder (the
    bottom one for an entity never in front of the camera, 0 pixels)."""
    if not pixels >= 0:
        raise ValueError(f"an on-screen extent is a number of pixels, 0 or more (got {pixels})")
    return min(DETAIL_PX, key=lambda rung: abs(math.log(rung / max(pixels, 1.0))))


def screen_extents(
    placements: list[Placement],
    paths: Mapping[str, Track],
    camera: CameraPose,
    spec: CameraSpec,
    settings: RunSettings,
) -> dict[str, float]:
    """Each placement's largest on-screen extent over the clip, pixels: its longest side as long as it
    would be on screen at the depth of its box's nearest corner, the finest the asset is ever seen at.

    At every frame time the box is moved by its path (`paths`: offsets from the placement as
    `agents.motion.planned_path` gives them; a placement without one stays put) and seen by the camera of
    that time (`camera_at` from the base pose `camera` under `spec`). Depth, not the box's screen
    rectangle, sets the size: a splat's on-screen spacing shrinks with depth whichever way the asset is
    turned, and a car driving at the camera needs its splats as close as one crossing the frame. A box
    reaching to within NEAR_M of the camera's plane counts at NEAR_M; one never in front of it, 0."""
    largest = dict.fromkeys((p.entity for p in placements), 0.0)
    for t in settings.frame_times():
        pose = camera_at(camera, spec, t, settings.duration_s, paths)
        viewmat, K = camera_matrices(pose, settings.width, settings.height)
        for placement in placements:
            path = paths.get(placement.entity)
            if path is None:
                key = Keyframe(t=t, position=(0.0, 0.0, 0.0), yaw=placement.yaw)
            else:
                offset, yaw = root_pose_at(path, t)
                key = Keyframe(t=t, position=offset, yaw=yaw)
            _, depth = project_points(box_corners(placement, key), viewmat, K)  # [8]
            if bool((depth > 0).any()):
                nearest = max(float(depth.min()), NEAR_M)
                extent = float(K[1, 1]) * max(placement.extent_m) / nearest
                largest[placement.entity] = max(largest[placement.entity], extent)
    return largest


def detail_levels(
    extents: Mapping[str, float], splats: Callable[[str, int], int], cap: int
) -> tuple[dict[str, int], int]:
    """Each entity's detail level for its on-screen extent (pixels), coarsened under the cap.

    `splats(entity, level)` is how many Gaussians the entity's asset has at a level. Every entity starts at
    the rung nearest its extent; while their sum is over `cap`, the entity with the most Gaussians drops a
    rung (halving them), so the saving comes from where the Gaussians are and a small entity, which costs
    little, keeps its detail. Returns the levels and their sum, which is over the cap only when every entity
    is on the bottom rung (a scene of very many entities): the caller says so.
    """
    rungs = {entity: DETAIL_PX.index(nearest_level(pixels)) for entity, pixels in extents.items()}
    known: dict[tuple[str, int], int] = {}  # (entity, rung) -> Gaussians: each is counted once
    while True:
        for entity, rung in rungs.items():
            if (entity, rung) not in known:
                known[entity, rung] = splats(entity, DETAIL_PX[rung])
        counts = {entity: known[entity, rung] for entity, rung in rungs.items()}
        total = sum(counts.values())
        coarser = [entity for entity, rung in rungs.items() if rung > 0]
        if total <= cap or not coarser:
            return {entity: DETAIL_PX[rung] for entity, rung in rungs.items()}, total
        rungs[max(coarser, key=counts.__getitem__)] -= 1
