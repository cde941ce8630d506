"""The render stage: compose every frame, rasterize it, analyse it, and stream it into the MP4.

Frame analysis happens in the same loop as encoding so that per-entity masks never outlive their frame;
only the key frames of the contact sheet are kept as images. Every frame has its own camera: the layout's
base pose moved by its camera motion (tools.scene.camera.camera_at).

Redrawing. A render returns the clip it drew (`RenderedClip`: each frame's image and analysis, and the region
each entity's Gaussians reach in it). Given the previous clip, a frame whose camera, size and environment are
unchanged redraws only what the changed entities (another asset, placement or track; added or removed) reach,
before or after the change:
- an entity reaches the pixels where one of its Gaussians has alpha >= 1/255 (its alone-alpha is over 0), so
  nothing outside that region can change when it does;
- the region grows by every entity it touches, so each entity whose stats are recomputed lies wholly inside
  it and the others' stats are the previous frame's;
- the region is snapped to the rasterizer's 16-pixel tiles, whose Gaussians and order do not depend on the
  region, so the redrawn pixels equal a whole-frame render's (the tests' oracle is that render).
That is what makes a chat edit ("make the ball blue") or a critic round that moved one entity fast.

The look. The plan's style and effects (tools.media.style) finish each frame after it is analysed, on its way
to the MP4 and the contact sheet: the analysis, and so the critic and scene.json, read the scene as built, and
the clip keeps the frames before the look (and their depth, which fog needs), so a render that changes only
the look redraws nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import Tensor

from scenewright.schema import Effect, Layout, Motion, VideoStyle
from scenewright.settings import RunSettings
from scenewright.tools.media.contact_sheet import KeyFrame, contact_sheet, key_frame_indices
from scenewright.tools.media.style import finish
from scenewright.tools.media.video import Mp4Writer
from scenewright.tools.render import renderer
from scenewright.tools.render.analysis import NO_PIXELS, FrameAnalysis, analyze_frame
from scenewright.tools.render.rasterize import Region, RenderOutput, crop, over, tile_region
from scenewright.tools.render.rasterize_cpu import footprints
from scenewright.tools.scene.camera import camera_at, camera_matrices
from scenewright.tools.scene.compose import ComposedScene, compose_scene
from scenewright.tools.scene.gaussians import Gaussians
from scenewright.tools.scene.mocap import MocapClip

BACKGROUND_RGB = (0.72, 0.82, 0.95)
"""Seen only where the environment's sky leaves a gap."""
Camera = tuple[Tensor, Tensor]
"""A view matrix [4, 4] and intrinsics [3, 3]."""
BACKDROP_PARTS = ("ground", "sky")
"""Environment parts rendered as a layer behind everything else while the camera is above the ground. Splats
are composited in the order of their centres' depth, so a wide ground splat centred nearer the camera than a
notebook lying on the ground was drawn over the notebook and hid it."""
REDRAW_MAX_FRACTION = 0.6
"""A frame whose region to redraw covers more of it than this is drawn whole: bookkeeping would not pay."""
KEEP_MAX_BYTES = 512 * 2**20
"""A clip keeps its images and depths for the next render only while they take at most this much memory: about
39 s of 640x360 at 12 fps (a 4 s clip takes 55 MB)."""
KEPT_BYTES_PER_PIXEL = 3 + 2
"""An RGB uint8 image and a float16 depth."""


@dataclass
class RenderedFrame:
    """One frame as rendered (before the look), its analysis, and the region each on-screen entity reaches."""

    image: np.ndarray | None  # [H, W, 3] uint8 before the look; None when the clip was too long to keep
    analysis: FrameAnalysis
    reach: dict[str, Region]  # instance -> the tile region its Gaussians reach; absent when they reach none
    view: str  # digest of everything but the entities the frame depends on: time, size, camera, environment
    depth: np.ndarray | None = None  # [H, W] float16 camera depth in metres, 0 where nothing; None with image


@dataclass
class RenderedClip:
    """A rendered clip, kept so that the next render of a slightly changed scene redraws only what changed."""

    frames: list[RenderedFrame]
    entities: dict[str, str]  # instance -> digest of what poses it: asset, placement, track, capture
    redrawn_fraction: float  # pixels drawn / pixels in the clip: 1.0 for a clip drawn from scratch
    backdrop: tuple[str, RenderOutput] | None  # the last backdrop layer drawn and its view's digest

    @property
    def analyses(self) -> list[FrameAnalysis]:
        return [frame.analysis for frame in self.frames]


@dataclass
class ClipMemory:
    """The last clip a run (or a chat thread) rendered: its next render redraws from it."""

    last: RenderedClip | None = None


def split_backdrop(environment: Gaussians) -> tuple[Gaussians, Gaussians]:
    """The environment's backdrop (BACKDROP_PARTS) and the rest (background features, walls)."""
    parts = [k for k, name in enumerate(environment.parts) if name in BACKDROP_PARTS]
    in_backdrop = torch.isin(environment.part_ids, torch.tensor(parts, dtype=torch.int64))  # [N]
    return environment.select(in_backdrop), environment.select(~in_backdrop)


def to_uint8(colors: torch.Tensor) -> np.ndarray:
    """Colours [H, W, 3] in 0..1 (not clamped) -> uint8 [H, W, 3]."""
    return (colors.clamp(0.0, 1.0) * 255.0 + 0.5).to(torch.uint8).numpy()


def to_depth(render: RenderOutput) -> np.ndarray:
    """The first camera's expected depth [H, W] in metres as float16 (0 where nothing was drawn): what fog
    needs, at two thirds of an image's memory."""
    return render.depths[0].numpy().astype(np.float16)


def digest(*items: object) -> str:
    """A content digest of tensors, Gaussians (every field) and anything else by its repr."""
    hasher = hashlib.blake2b(digest_size=16)
    for item in items:
        fields = (
            [getattr(item, f.name) for f in dataclasses.fields(item) if f.compare]
            if isinstance(item, Gaussians)
            else [item]
        )
        for value in fields:
            if isinstance(value, Tensor):
                hasher.update(f"{value.dtype}{tuple(value.shape)}".encode())
                hasher.update(value.detach().cpu().contiguous().numpy().tobytes())
            else:
                hasher.update(repr(value).encode())
    return hasher.hexdigest()


def _union(a: Region | None, b: Region | None) -> Region | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _overlap(a: Region, b: Region) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def redraw_region(
    previous: RenderedFrame, changed: set[str], reach_now: dict[str, Region]
) -> tuple[Region | None, set[str]]:
    """(The region to redraw, None when nothing changed on screen; the entities whose stats to recompute).

    `changed` holds the instances added, removed or posed differently; `reach_now` the current reach of every
    instance on screen (the previous frame's for the unchanged ones).
    """
    region: Region | None = None
    for instance in changed:
        region = _union(region, _union(previous.reach.get(instance), reach_now.get(instance)))
    recompute = set(changed)
    touched = {
        i for i in reach_now if region is not None and i not in recompute and _overlap(reach_now[i], region)
    }
    while touched:  # every entity the region touches is redrawn whole, which may touch more
        recompute |= touched
        for instance in touched:
            region = _union(region, reach_now[instance])
        assert region is not None
        touched = {i for i in reach_now if i not in recompute and _overlap(reach_now[i], region)}
    return region, recompute


def render_clip(
    environment: Gaussians,
    assets: dict[str, Gaussians],
    layout: Layout,
    motion: Motion,
    settings: RunSettings,
    out_dir: Path,
    labels: dict[str, str],
    on_frame: Callable[[int, int], None] = lambda done, total: None,
    previous: RenderedClip | None = None,
    mocap: dict[str, MocapClip] | None = None,
    style: VideoStyle | None = None,
    effects: Sequence[Effect] = (),
) -> RenderedClip:
    """Render the clip to OUT/video.mp4 and OUT/contact_sheet.png; return it with every frame's analysis.

    `assets` is keyed by instance id; `labels` maps instance ids to the text drawn on the contact sheet;
    `mocap` holds the captures that pose the instances whose tracks name one (tools.scene.mocap.track_clips).
    With `previous` (the clip this scene was edited from) each frame redraws only what changed (see the module
    docstring). The video and the contact sheet show the frames finished with `style` and `effects`
    (tools.media.style, seeded by the run's seed); the returned clip holds them before that, and keeps its
    images for the next render only when they fit KEEP_MAX_BYTES.
    """
    placements = {p.entity: p for p in layout.placements}
    tracks = {track.entity: track for track in motion.tracks}
    captures = mocap or {}
    entities = {
        i: digest(
            assets[i], placements[i].model_dump_json(), tracks[i].model_dump_json(),
            captures[i].local_rotations if i in captures else None,
        )
        for i in assets
    }  # fmt: skip
    background = torch.tensor([BACKGROUND_RGB])  # [1, 3]
    backdrop, features = split_backdrop(environment)
    backdrop_scene = compose_scene(backdrop, {}, {}, {}, 0.0)
    # The last backdrop layer drawn, by its view: a still camera (and the next render's) reuses it.
    backdrop_view = None if previous is None else previous.backdrop
    scene_view = digest(environment, settings.width, settings.height, settings.renderer)
    frame_size = (settings.width, settings.height)
    whole_frame: Region = (0, 0, *frame_size)
    times = settings.frame_times()
    keep_images = len(times) * settings.width * settings.height * KEPT_BYTES_PER_PIXEL <= KEEP_MAX_BYTES
    keep = set(key_frame_indices(len(times)))
    frames: list[RenderedFrame] = []
    key_frames: list[KeyFrame] = []
    drawn_pixels = 0

    def draw(
        scene: ComposedScene, camera: Camera, fill: Tensor | None, region: Region | None = None
    ) -> RenderOutput:
        viewmat, K = camera
        g = scene.gaussians
        return renderer.render(
            g.means, g.quats, g.scales, g.opacities, g.colors, viewmat[None], K[None],
            settings.width, settings.height, backgrounds=fill, entity_ids=scene.entity_index,
            num_entities=len(scene.entity_ids), backend=settings.renderer, region=region,
        )  # fmt: skip

    def reach(scene: ComposedScene, camera: Camera) -> dict[str, Region]:
        """The tile region each entity reaches: its Gaussians' footprint boxes, on the tile grid."""
        placed = scene.entity_index >= 0  # [N]
        g, owners = scene.gaussians.select(placed), scene.entity_index[placed]
        boxes = footprints(
            g.means, g.quats, g.scales, g.opacities, owners, len(scene.entity_ids), *camera, *frame_size
        )
        return {
            i: tile_region(*box, *frame_size) for i, box in zip(scene.entity_ids, boxes, strict=True) if box
        }

    def draw_region(
        scene: ComposedScene, camera: Camera, camera_view: str, above_ground: bool, t: float, region: Region
    ) -> tuple[RenderOutput, FrameAnalysis, np.ndarray]:
        """The region's render (over the backdrop while the camera is above ground), analysis and pixels.
        `camera_view` digests what the backdrop layer depends on."""
        nonlocal backdrop_view, drawn_pixels
        render = draw(scene, camera, None if above_ground else background, region)
        if above_ground:
            if backdrop_view is None or backdrop_view[0] != camera_view:
                backdrop_view = camera_view, draw(backdrop_scene, camera, background)
            render = over(render, crop(backdrop_view[1], region))
        patch = to_uint8(render.colors[0])  # [h, w, 3]
        drawn_pixels += patch.shape[0] * patch.shape[1]
        return render, analyze_frame(render, 0, scene.entity_ids, t, region, frame_size), patch

    def compose(t: float, above_ground: bool, instances: set[str] | None = None) -> ComposedScene:
        """The environment (less its backdrop above ground) and `instances` (default: all) at time t, in the
        clip's order: a subset keeps the whole scene's Gaussian order, so the tiles they share blend alike."""
        chosen = assets if instances is None else {i: a for i, a in assets.items() if i in instances}
        return compose_scene(features if above_ground else environment, chosen, placements, tracks, t, mocap)

    def redraw(
        old: RenderedFrame, changed: set[str], camera: Camera, camera_view: str, above_ground: bool, t: float
    ) -> RenderedFrame:
        """`old` with what the changed entities reach redrawn, or the whole frame where that is most of it.

        Only the entities to recompute are composed: no other one reaches the region."""
        assert old.image is not None and old.depth is not None
        reach_now = {i: r for i, r in old.reach.items() if i in entities and i not in changed}
        posed = compose(t, above_ground, changed)
        reach_now |= reach(posed, camera)
        region, recompute = redraw_region(old, changed, reach_now)
        if region is None:  # nothing on screen changed: only entities off screen came, went or moved
            stats = {i: NO_PIXELS if i in changed else old.analysis.entities[i] for i in assets}
            return RenderedFrame(
                old.image, FrameAnalysis(t=t, entities=stats), reach_now, old.view, old.depth
            )
        x0, y0, x1, y1 = region
        if (x1 - x0) * (y1 - y0) > REDRAW_MAX_FRACTION * settings.width * settings.height:
            return draw_whole(compose(t, above_ground), camera, camera_view, above_ground, t, old.view)
        scene = (
            posed
            if recompute & entities.keys() == changed & entities.keys()
            else compose(t, above_ground, recompute)
        )
        render, analysis, patch = draw_region(scene, camera, camera_view, above_ground, t, region)
        image, depth = old.image.copy(), old.depth.copy()
        image[y0:y1, x0:x1] = patch
        depth[y0:y1, x0:x1] = to_depth(render)
        stats = {i: (analysis if i in recompute else old.analysis).entities[i] for i in assets}
        return RenderedFrame(image, FrameAnalysis(t=t, entities=stats), reach_now, old.view, depth)

    def draw_whole(
        scene: ComposedScene, camera: Camera, camera_view: str, above_ground: bool, t: float, view: str
    ) -> RenderedFrame:
        render, analysis, image = draw_region(scene, camera, camera_view, above_ground, t, whole_frame)
        return RenderedFrame(image, analysis, reach(scene, camera), view, to_depth(render))

    with Mp4Writer(out_dir / "video.mp4", settings.width, settings.height, settings.fps) as writer:
        for index, t in enumerate(times):
            pose = camera_at(layout.camera, layout.camera_motion, t, settings.duration_s, tracks)
            camera = camera_matrices(pose, settings.width, settings.height)
            above_ground = pose.position[1] > 0.0  # the backdrop is then behind everything else
            camera_view = digest(scene_view, camera[0], camera[1])  # what the backdrop layer depends on
            view = digest(camera_view, t)
            old = previous.frames[index] if previous is not None and index < len(previous.frames) else None
            if previous is not None and old is not None and old.image is not None and old.view == view:
                changed = {
                    i
                    for i in entities.keys() | previous.entities.keys()
                    if entities.get(i) != previous.entities.get(i)
                }
                frame = redraw(old, changed, camera, camera_view, above_ground, t)
            else:
                frame = draw_whole(compose(t, above_ground), camera, camera_view, above_ground, t, view)
            assert frame.image is not None
            shown = finish(frame.image, style, effects, frame.depth, seed=settings.seed, t=t)  # [H, W, 3]
            writer.write(shown)
            if index in keep:
                boxes = {labels[i]: stats.bbox for i, stats in frame.analysis.entities.items()}
                key_frames.append(KeyFrame(t=t, image=shown, boxes=boxes))
            frames.append(frame if keep_images else dataclasses.replace(frame, image=None, depth=None))
            on_frame(index + 1, len(times))
    contact_sheet(key_frames).save(out_dir / "contact_sheet.png", compress_level=1)  # 3x faster than 6, +50 %
    drawn = drawn_pixels / (len(times) * settings.width * settings.height)
    return RenderedClip(frames, entities, drawn, backdrop_view)
