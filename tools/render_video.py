"""The render stage: compose every frame, rasterize it, analyse it, and stream it into the MP4.

Frame analysis happens in the same loop as encoding so that per-entity masks never outlive their frame;
only the key frames of the contact sheet are kept as images. Every frame has its own camera: the layout's
base pose moved by its camera motion (tools.camera.camera_at).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from torch import Tensor

from scenewright.schema import Layout, Motion
from scenewright.settings import RunSettings
from scenewright.tools import renderer
from scenewright.tools.analysis import FrameAnalysis, analyze_frame
from scenewright.tools.camera import camera_at, camera_matrices
from scenewright.tools.compose import ComposedScene, compose_scene
from scenewright.tools.contact_sheet import KeyFrame, contact_sheet, key_frame_indices
from scenewright.tools.gaussians import Gaussians
from scenewright.tools.rasterize import RenderOutput, over
from scenewright.tools.video import Mp4Writer

BACKGROUND_RGB = (0.72, 0.82, 0.95)
"""Seen only where the environment's sky leaves a gap."""
Camera = tuple[Tensor, Tensor]
"""A view matrix [4, 4] and intrinsics [3, 3]."""
BACKDROP_PARTS = ("ground", "sky")
"""Environment parts rendered as a layer behind everything else while the camera is above the ground. Splats
are composited in the order of their centres' depth, so a wide ground splat centred nearer the camera than a
notebook lying on the ground was drawn over the notebook and hid it."""


def split_backdrop(environment: Gaussians) -> tuple[Gaussians, Gaussians]:
    """The environment's backdrop (BACKDROP_PARTS) and the rest (background features, walls)."""
    parts = [k for k, name in enumerate(environment.parts) if name in BACKDROP_PARTS]
    in_backdrop = torch.isin(environment.part_ids, torch.tensor(parts, dtype=torch.int64))  # [N]
    return environment.select(in_backdrop), environment.select(~in_backdrop)


def to_uint8(colors: torch.Tensor) -> np.ndarray:
    """Colours [H, W, 3] in 0..1 (not clamped) -> uint8 [H, W, 3]."""
    return (colors.clamp(0.0, 1.0) * 255.0 + 0.5).to(torch.uint8).numpy()


def render_clip(
    environment: Gaussians,
    assets: dict[str, Gaussians],
    layout: Layout,
    motion: Motion,
    settings: RunSettings,
    out_dir: Path,
    labels: dict[str, str],
    on_frame: Callable[[int, int], None] = lambda done, total: None,
) -> list[FrameAnalysis]:
    """Render the clip to OUT/video.mp4 and OUT/contact_sheet.png; return every frame's analysis.

    `assets` is keyed by instance id; `labels` maps instance ids to the text drawn on the contact sheet.
    """
    placements = {p.entity: p for p in layout.placements}
    tracks = {track.entity: track for track in motion.tracks}
    background = torch.tensor([BACKGROUND_RGB])  # [1, 3]
    backdrop, features = split_backdrop(environment)
    backdrop_scene = compose_scene(backdrop, {}, {}, {}, 0.0)
    backdrop_view: tuple[torch.Tensor, RenderOutput] | None = None  # the last one: a still camera reuses it
    times = settings.frame_times()
    keep = set(key_frame_indices(len(times)))
    analyses: list[FrameAnalysis] = []
    key_frames: list[KeyFrame] = []

    def draw(scene: ComposedScene, camera: Camera, fill: Tensor | None) -> RenderOutput:
        viewmat, K = camera
        g = scene.gaussians
        return renderer.render(
            g.means, g.quats, g.scales, g.opacities, g.colors, viewmat[None], K[None],
            settings.width, settings.height, backgrounds=fill, entity_ids=scene.entity_index,
            num_entities=len(scene.entity_ids), backend=settings.renderer,
        )  # fmt: skip

    with Mp4Writer(out_dir / "video.mp4", settings.width, settings.height, settings.fps) as writer:
        for index, t in enumerate(times):
            pose = camera_at(layout.camera, layout.camera_motion, t, settings.duration_s, tracks)
            camera = camera_matrices(pose, settings.width, settings.height)
            above_ground = pose.position[1] > 0.0  # the backdrop is then behind everything else
            scene = compose_scene(features if above_ground else environment, assets, placements, tracks, t)
            render = draw(scene, camera, None if above_ground else background)
            if above_ground:
                if backdrop_view is None or not torch.equal(backdrop_view[0], camera[0]):
                    backdrop_view = camera[0], draw(backdrop_scene, camera, background)
                render = over(render, backdrop_view[1])
            analysis = analyze_frame(render, 0, scene.entity_ids, t)
            analyses.append(analysis)
            image = to_uint8(render.colors[0])
            writer.write(image)
            if index in keep:
                boxes = {labels[i]: stats.bbox for i, stats in analysis.entities.items()}
                key_frames.append(KeyFrame(t=t, image=image, boxes=boxes))
            on_frame(index + 1, len(times))
    contact_sheet(key_frames).save(out_dir / "contact_sheet.png")
    return analyses
