"""Redrawing only what changed (tools.render.render_video): the oracle is a render of the changed scene from
scratch.

The scene everywhere: the offline agents' "a dog runs to the left of a red ball", small and short.
"""

import dataclasses

import numpy as np
import pytest
from offline_scene import offline_scene

from scenewright import RunSettings
from scenewright.graphs.generate import recipes_for
from scenewright.graphs.state import ENVIRONMENT_RECIPE
from scenewright.schema import Motion
from scenewright.tools.render import render_video
from scenewright.tools.render.render_video import RenderedClip, RenderedFrame, redraw_region, render_clip
from scenewright.tools.scene.asset_cache import AssetCache

SETTINGS = RunSettings(seed=0, fps=4, duration_s=1.5, width=160, height=96, renderer="cpu")


@pytest.fixture(scope="module")
def scene():
    """(environment, assets, layout, motion) of the offline agents."""
    plan, assets, layout, motion = offline_scene("a dog runs to the left of a red ball", SETTINGS)
    environment = AssetCache().get(recipes_for(plan, SETTINGS.seed, {})[ENVIRONMENT_RECIPE])
    return environment, assets, layout, motion


def render(scene, folder, previous=None, settings=SETTINGS) -> RenderedClip:
    environment, assets, layout, motion = scene
    folder.mkdir(exist_ok=True)
    labels = {i: i for i in assets}
    return render_clip(environment, assets, layout, motion, settings, folder, labels, previous=previous)


def assert_same_clip(redrawn: RenderedClip, fresh: RenderedClip) -> None:
    assert len(redrawn.frames) == len(fresh.frames)
    for a, b in zip(redrawn.frames, fresh.frames, strict=True):
        np.testing.assert_array_equal(a.image, b.image)
        np.testing.assert_array_equal(a.depth, b.depth)  # fog reads it
        assert a.analysis == b.analysis
        assert a.reach == b.reach


def without(scene, instance: str):
    environment, assets, layout, motion = scene
    return (
        environment,
        {i: g for i, g in assets.items() if i != instance},
        layout.model_copy(update={"placements": [p for p in layout.placements if p.entity != instance]}),
        Motion(tracks=[t for t in motion.tracks if t.entity != instance]),
    )


def test_a_recoloured_entity_redraws_only_its_pixels_and_matches_a_fresh_render(scene, tmp_path):
    before = render(scene, tmp_path / "a")
    environment, assets, layout, motion = scene
    ball = assets["ball"]
    blue = (environment, {**assets, "ball": dataclasses.replace(ball, sh0=ball.sh0.flip(-1))}, layout, motion)
    redrawn = render(blue, tmp_path / "b", previous=before)
    assert before.redrawn_fraction == 1.0
    assert 0.0 < redrawn.redrawn_fraction < 0.5
    assert_same_clip(redrawn, render(blue, tmp_path / "c"))
    assert (tmp_path / "b" / "video.mp4").stat().st_size > 0 and (
        tmp_path / "b" / "contact_sheet.png"
    ).exists()


def test_a_moved_entity_matches_a_fresh_render(scene, tmp_path):
    before = render(scene, tmp_path / "a")
    environment, assets, layout, motion = scene

    def shifted(position):
        return (position[0] + 0.4, position[1], position[2] - 0.3)

    placements = [
        p.model_copy(update={"position": shifted(p.position)}) if p.entity == "ball" else p
        for p in layout.placements
    ]
    tracks = [
        t.model_copy(
            update={
                "keyframes": [k.model_copy(update={"position": shifted(k.position)}) for k in t.keyframes]
            }
        )
        if t.entity == "ball"
        else t
        for t in motion.tracks
    ]
    moved = (environment, assets, layout.model_copy(update={"placements": placements}), Motion(tracks=tracks))
    assert_same_clip(render(moved, tmp_path / "b", previous=before), render(moved, tmp_path / "c"))


def test_removing_and_adding_an_entity_match_fresh_renders(scene, tmp_path):
    full = render(scene, tmp_path / "a")
    alone = without(scene, "ball")
    removed = render(alone, tmp_path / "b", previous=full)
    assert removed.redrawn_fraction < 1.0
    assert_same_clip(removed, render(alone, tmp_path / "c"))
    added = render(scene, tmp_path / "d", previous=removed)
    assert_same_clip(added, full)


def test_an_unchanged_scene_redraws_nothing_and_a_new_camera_everything(scene, tmp_path):
    before = render(scene, tmp_path / "a")
    again = render(scene, tmp_path / "b", previous=before)
    assert again.redrawn_fraction == 0.0
    assert_same_clip(again, before)
    environment, assets, layout, motion = scene
    camera = layout.camera.model_copy(update={"fov_deg": layout.camera.fov_deg * 0.8})
    zoomed = (environment, assets, layout.model_copy(update={"camera": camera}), motion)
    redrawn = render(zoomed, tmp_path / "c", previous=before)
    assert redrawn.redrawn_fraction == 1.0
    assert_same_clip(redrawn, render(zoomed, tmp_path / "d"))


def test_a_clip_too_large_to_keep_is_drawn_whole_next_time(scene, tmp_path, monkeypatch):
    monkeypatch.setattr(render_video, "KEEP_MAX_BYTES", 1000)
    before = render(scene, tmp_path / "a")
    assert all(frame.image is None for frame in before.frames)
    assert render(scene, tmp_path / "b", previous=before).redrawn_fraction == 1.0


def frame_reaching(reach: dict[str, tuple[int, int, int, int]]) -> RenderedFrame:
    return RenderedFrame(image=None, analysis=None, reach=reach, view="")  # type: ignore[arg-type]


def test_the_redraw_region_grows_over_every_entity_it_touches():
    """b changed; its old box touches c, whose box touches d; e lies apart and keeps its stats."""
    previous = frame_reaching({"b": (0, 0, 32, 32), "c": (16, 16, 64, 48), "d": (48, 32, 96, 64)})
    now = {"b": (96, 0, 112, 16), "c": (16, 16, 64, 48), "d": (48, 32, 96, 64), "e": (128, 80, 160, 96)}
    region, recompute = redraw_region(previous, {"b"}, now)
    assert region == (0, 0, 112, 64)
    assert recompute == {"b", "c", "d"}
    assert redraw_region(previous, {"gone"}, now) == (None, {"gone"})  # off screen before and after
