"""The look of a video (tools.media.style): every style and effect changes the frames, the same way every
time; rain and snow fall; a styled run shows its look in the video while scene.json's analysis stays the
scene's."""

import subprocess
from pathlib import Path
from typing import get_args

import cv2
import numpy as np
import pytest
from PIL import Image

from scenewright import RunSettings, generate
from scenewright.agents.director import direct_offline
from scenewright.schema import Effect, VideoStyle
from scenewright.tools.media.style import FOG_RGB, apply_effects, finish, stylize
from scenewright.tools.media.video import ffmpeg_executable
from scenewright.tools.render.render_video import ClipMemory

H, W = 128, 224


def scene_frame() -> np.ndarray:
    """A small frame with what the looks work on: a sky, a textured ground, a red ball, a brown box."""
    frame = np.zeros((H, W, 3), np.uint8)
    frame[: H // 3] = np.linspace((150, 190, 240), (200, 220, 245), H // 3).astype(np.uint8)[:, None]
    ground = np.random.default_rng(0).normal(0, 6, (H - H // 3, W, 1))
    frame[H // 3 :] = np.clip(np.array([70, 140, 60]) + ground, 0, 255).astype(np.uint8)
    cv2.circle(frame, (160, 80), 18, (210, 30, 30), -1, cv2.LINE_AA)
    cv2.rectangle(frame, (40, 60), (90, 110), (120, 80, 40), -1)
    return frame


FRAME = scene_frame()
DEPTH = np.linspace(40.0, 2.0, H, dtype=np.float32)[:, None].repeat(W, axis=1)  # the ground recedes upwards


def change(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference in 0..255 levels."""
    return float(np.abs(a.astype(np.float32) - b.astype(np.float32)).mean())


@pytest.mark.parametrize("style", get_args(VideoStyle))
def test_every_style_changes_the_frame_the_same_way_every_time(style):
    styled = stylize(FRAME, style, seed=1, t=0.5)
    assert styled.shape == FRAME.shape and styled.dtype == np.uint8
    assert change(styled, FRAME) > 8
    np.testing.assert_array_equal(styled, stylize(FRAME, style, seed=1, t=0.5))


def test_no_two_styles_look_alike():
    styled = {style: stylize(FRAME, style, seed=1) for style in get_args(VideoStyle)}
    for a in styled:
        for b in styled:
            assert a == b or change(styled[a], styled[b]) > 5, (a, b)


@pytest.mark.parametrize("effect", get_args(Effect))
def test_every_effect_changes_the_frame_the_same_way_every_time(effect):
    shown = apply_effects(FRAME, [effect], DEPTH, seed=1, t=0.5)
    assert shown.shape == FRAME.shape and shown.dtype == np.uint8
    assert change(shown, FRAME) > 8
    np.testing.assert_array_equal(shown, apply_effects(FRAME, [effect], DEPTH, seed=1, t=0.5))


@pytest.mark.parametrize(("effect", "seconds"), [("rain", 0.02), ("snow", 0.3)])
def test_rain_and_snow_fall_from_frame_to_frame(effect, seconds):
    """Between two close times the particles moved down: the shift that best lines them up is downward."""
    grey = np.full((H, W, 3), 60, np.uint8)  # the particles alone show
    before, after = (apply_effects(grey, [effect], seed=1, t=t)[..., 1] for t in (1.0, 1.0 + seconds))
    assert change(before, after) > 1
    (dx, dy), _ = cv2.phaseCorrelate(before.astype(np.float32), after.astype(np.float32))
    assert dy > 1 and abs(dx) < dy


def test_fog_thickens_with_depth_and_without_a_depth_map_up_the_screen():
    fog = np.asarray(FOG_RGB) * 255
    grey = np.full((H, W, 3), 40, np.uint8)
    near_far = np.full((H, W), 2.0, np.float32)
    near_far[:, W // 2 :] = 60.0
    shown = apply_effects(grey, ["fog"], near_far, seed=1, t=0)
    assert change(shown[:, W // 2 :], fog) < change(shown[:, : W // 2], fog) - 40
    shown = apply_effects(grey, ["fog"], seed=1, t=0)
    assert change(shown[: H // 4], fog) < change(shown[-H // 4 :], fog) - 40


def test_effects_apply_in_the_order_of_the_light_whatever_their_order():
    np.testing.assert_array_equal(
        apply_effects(FRAME, ["night", "rain", "fog"], DEPTH, seed=2, t=0.25),
        apply_effects(FRAME, ["fog", "rain", "night"], DEPTH, seed=2, t=0.25),
    )


def test_a_frame_without_a_look_is_left_as_it_is_and_bad_input_is_refused():
    assert finish(FRAME, None, [], DEPTH, seed=0, t=0.0) is FRAME
    with pytest.raises(ValueError, match="uint8"):
        stylize(FRAME.astype(np.float32), "cartoon", seed=0)
    with pytest.raises(ValueError, match="unknown style"):
        stylize(FRAME, "cubism", seed=0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="does not match"):
        apply_effects(FRAME, ["fog"], DEPTH[:-1], seed=0, t=0.0)


def video_frames(path: Path, width: int, height: int) -> np.ndarray:
    """[F, H, W, 3] uint8: the video decoded by ffmpeg."""
    raw = subprocess.run(
        [ffmpeg_executable(), "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    return np.frombuffer(raw, np.uint8).reshape(-1, height, width, 3)


@pytest.mark.slow
def test_a_styled_run_shows_its_look_and_keeps_the_scene_analysis(tmp_path):
    """The style and rain show in the video and the contact sheet; the frame analysis, the critique and
    everything else of scene.json are the un-styled scene's. Re-styled from the previous run's clip, no pixel
    is drawn again, and the video is the one a run from scratch makes."""
    tiny = RunSettings(seed=3, fps=4, duration_s=1.0, width=96, height=64, max_rounds=1)
    prompt = "a red ball on a beach"
    plain_plan = direct_offline(prompt)
    styled_plan = plain_plan.model_copy(update={"style": "pencil_sketch", "effects": ["rain"]})
    clips = ClipMemory()
    plain = generate(prompt, tmp_path / "plain", tiny, plan=plain_plan, clips=clips).scene
    styled = generate(prompt, tmp_path / "styled", tiny, plan=styled_plan, clips=clips).scene
    assert clips.last is not None and clips.last.redrawn_fraction == 0.0
    fresh = generate(prompt, tmp_path / "fresh", tiny, plan=styled_plan).scene

    assert (styled.plan.style, styled.plan.effects) == ("pencil_sketch", ["rain"])
    assert styled.frames == plain.frames == fresh.frames
    assert [r.checks for r in styled.critique] == [r.checks for r in plain.critique]
    plain_video, styled_video, fresh_video = (
        video_frames(tmp_path / name / "video.mp4", tiny.width, tiny.height)
        for name in ("plain", "styled", "fresh")
    )
    assert len(styled_video) == len(plain_video) == tiny.num_frames
    assert change(styled_video, plain_video) > 20
    assert change(styled_video, fresh_video) < 1  # the same frames, up to the encoder
    plain_sheet, styled_sheet, fresh_sheet = (
        np.asarray(Image.open(tmp_path / name / "contact_sheet.png")) for name in ("plain", "styled", "fresh")
    )
    assert change(styled_sheet, plain_sheet) > 20
    np.testing.assert_array_equal(styled_sheet, fresh_sheet)
