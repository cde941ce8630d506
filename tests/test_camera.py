"""Camera motion: camera_at for every motion at the start, middle and end of the clip, and end to end."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from scenewright import RunSettings, generate
from scenewright.schema import CameraPose, CameraSpec, Keyframe, SceneDocument, Track
from scenewright.tools.scene.camera import (
    camera_at,
    camera_matrices,
    describe_motion,
    ease,
    project_points,
    unproject_points,
)

DURATION = 4.0
BASE = CameraPose(position=(1.0, 3.0, 10.0), look_at=(1.0, 1.0, 0.0), fov_deg=50.0)
NO_TRACKS: dict[str, Track] = {}


def at(spec: CameraSpec, t: float, tracks=NO_TRACKS) -> tuple[np.ndarray, np.ndarray]:
    pose = camera_at(BASE, spec, t, DURATION, tracks)
    assert pose.fov_deg == BASE.fov_deg
    return np.array(pose.position), np.array(pose.look_at)


def heading_deg(direction: np.ndarray) -> float:
    """Horizontal angle of a direction, counter-clockwise seen from above, 0 along -z."""
    return math.degrees(math.atan2(-direction[0], -direction[2]))


def pitch_deg(direction: np.ndarray) -> float:
    return math.degrees(math.atan2(direction[1], math.hypot(direction[0], direction[2])))


@pytest.mark.parametrize("motion", ["static", "orbit", "dolly_in", "dolly_out", "pan_left", "tilt_up"])
def test_every_motion_passes_the_base_pose_at_mid_clip(motion):
    eye, target = at(CameraSpec(motion=motion), DURATION / 2)
    np.testing.assert_allclose(eye, BASE.position, atol=1e-9)
    np.testing.assert_allclose(target, BASE.look_at, atol=1e-9)


def test_static_never_moves():
    for t in (0.0, 1.3, DURATION):
        eye, target = at(CameraSpec(), t)
        assert tuple(eye) == BASE.position and tuple(target) == BASE.look_at


def test_ease_starts_and_stops_gently():
    assert (ease(0.0), ease(0.5), ease(1.0)) == (0.0, 0.5, 1.0)
    assert ease(-1.0) == 0.0 and ease(2.0) == 1.0
    assert ease(0.01) < 0.001 and 1.0 - ease(0.99) < 0.001  # slow near both ends


@pytest.mark.parametrize("sweep", [360.0, 90.0, -120.0])
def test_orbit_keeps_the_radius_and_height_and_sweeps_the_stated_angle(sweep):
    spec = CameraSpec(motion="orbit", orbit_deg=sweep)
    radius = math.dist(BASE.position, BASE.look_at)
    for t in (0.0, 0.7, DURATION / 2, 3.1, DURATION):
        eye, target = at(spec, t)
        np.testing.assert_allclose(target, BASE.look_at, atol=1e-9)
        assert math.dist(eye, target) == pytest.approx(radius)
        assert eye[1] == pytest.approx(BASE.position[1])
    start, end = at(spec, 0.0)[0] - BASE.look_at, at(spec, DURATION)[0] - BASE.look_at
    turned = math.remainder(heading_deg(-end) - heading_deg(-start), 360.0)
    assert turned == pytest.approx(math.remainder(sweep, 360.0), abs=1e-6)
    quarter = at(spec, DURATION * 0.75)[0]
    if sweep > 0:  # counter-clockwise seen from above: the camera first moves to its right (+x)
        assert quarter[0] > BASE.position[0]


@pytest.mark.parametrize(("motion", "sign"), [("dolly_in", -1.0), ("dolly_out", 1.0)])
def test_dolly_changes_the_distance_by_the_fraction_along_the_view_axis(motion, sign):
    spec = CameraSpec(motion=motion, dolly_fraction=0.5)
    distance = math.dist(BASE.position, BASE.look_at)
    start, end = (math.dist(at(spec, t)[0], BASE.look_at) for t in (0.0, DURATION))
    assert end - start == pytest.approx(sign * 0.5 * distance)
    assert start == pytest.approx(distance * (1 - sign * 0.25))
    axis = np.subtract(BASE.position, BASE.look_at) / distance
    for t in (0.0, 1.0, DURATION):
        eye, target = at(spec, t)
        np.testing.assert_allclose(target, BASE.look_at, atol=1e-9)
        np.testing.assert_allclose((eye - target) / np.linalg.norm(eye - target), axis, atol=1e-9)


@pytest.mark.parametrize(("motion", "sign"), [("pan_left", 1.0), ("pan_right", -1.0)])
def test_pan_turns_the_view_about_the_vertical_by_the_stated_angle(motion, sign):
    spec = CameraSpec(motion=motion, pan_deg=40.0)
    base_heading = heading_deg(np.subtract(BASE.look_at, BASE.position))
    for t, turn in ((0.0, -20.0), (DURATION / 2, 0.0), (DURATION, 20.0)):
        eye, target = at(spec, t)
        np.testing.assert_allclose(eye, BASE.position)  # the camera stays put
        view = target - eye
        assert heading_deg(view) - base_heading == pytest.approx(sign * turn)
        assert pitch_deg(view) == pytest.approx(pitch_deg(np.subtract(BASE.look_at, BASE.position)))
    end_view = at(spec, DURATION)[1] - BASE.position
    assert (end_view[0] < 0) == (motion == "pan_left")  # the view ends turned to screen-left (-x)


@pytest.mark.parametrize(("motion", "sign"), [("tilt_up", 1.0), ("tilt_down", -1.0)])
def test_tilt_turns_the_view_up_or_down_by_the_stated_angle(motion, sign):
    spec = CameraSpec(motion=motion, tilt_deg=20.0)
    base_pitch = pitch_deg(np.subtract(BASE.look_at, BASE.position))
    for t, turn in ((0.0, -10.0), (DURATION, 10.0)):
        eye, target = at(spec, t)
        np.testing.assert_allclose(eye, BASE.position)
        assert pitch_deg(target - eye) - base_pitch == pytest.approx(sign * turn)
        assert heading_deg(target - eye) == pytest.approx(0.0, abs=1e-9)


def runner(entity: str, start_x: float, end_x: float, hop: float = 0.0) -> Track:
    keys = [
        Keyframe(t=0.0, position=(start_x, 0.0, 0.0), yaw=math.pi),
        Keyframe(t=DURATION / 2, position=((start_x + end_x) / 2, hop, 0.0), yaw=math.pi),
        Keyframe(t=DURATION, position=(end_x, 0.0, 0.0), yaw=math.pi),
    ]
    return Track(entity=entity, clip="run", keyframes=keys)


def test_track_follows_the_target_on_the_ground_keeping_the_base_offset():
    spec = CameraSpec(motion="track", target="dog")
    tracks = {"dog": runner("dog", 3.0, -3.0, hop=0.5), "tree": runner("tree", 0.0, 0.0)}
    offset = np.subtract(BASE.position, BASE.look_at)
    for t, dog_x in ((0.0, 3.0), (1.0, 1.5), (DURATION / 2, 0.0), (DURATION, -3.0)):
        eye, target = at(spec, t, tracks)
        np.testing.assert_allclose(target, np.add(BASE.look_at, [dog_x, 0.0, 0.0]), atol=1e-9)
        np.testing.assert_allclose(eye - target, offset, atol=1e-9)  # a pure translation


def test_track_follows_the_mean_of_a_group():
    spec = CameraSpec(motion="track", target="dog")
    tracks = {
        "dog_1": runner("dog_1", 2.0, 0.0),
        "dog_2": runner("dog_2", 4.0, 0.0),
        "dog_10": runner("x", 9, 9),
    }
    _, target = at(spec, 0.0, tracks)
    assert target[0] == pytest.approx(BASE.look_at[0] + 1.5)  # mean x: 3 m at the start, 1.5 m mid-clip
    with pytest.raises(ValueError, match="tracks 'cat'"):
        at(CameraSpec(motion="track", target="cat"), 0.0, tracks)


def test_track_needs_a_target_and_only_track_takes_one():
    with pytest.raises(ValueError, match="target"):
        CameraSpec(motion="track")
    with pytest.raises(ValueError, match="target"):
        CameraSpec(motion="orbit", target="dog")


def test_camera_at_is_deterministic_and_refuses_a_zero_duration():
    spec = CameraSpec(motion="orbit", orbit_deg=200.0)
    assert camera_at(BASE, spec, 1.234, DURATION, {}) == camera_at(BASE, spec, 1.234, DURATION, {})
    with pytest.raises(ValueError, match="duration"):
        camera_at(BASE, spec, 0.0, 0.0, {})


def test_unproject_inverts_project():
    pose = camera_at(BASE, CameraSpec(motion="orbit"), 1.1, DURATION, {})
    viewmat, K = camera_matrices(pose, 320, 180)
    points = torch.tensor([[0.0, 0.0, 0.0], [1.0, 2.0, -1.0], [-2.0, 0.5, 1.5]])  # [3, 3]
    uv, depth = project_points(points, viewmat, K)
    torch.testing.assert_close(unproject_points(uv, depth, viewmat, K), points, atol=1e-4, rtol=0)


def test_describe_motion_names_the_parameters():
    assert describe_motion(CameraSpec()) == "static"
    assert describe_motion(CameraSpec(motion="orbit", orbit_deg=-90)) == "orbit 90° clockwise seen from above"
    assert describe_motion(CameraSpec(motion="dolly_in", dolly_fraction=0.3)) == (
        "dolly in by 30% of the mid-clip distance"
    )
    assert describe_motion(CameraSpec(motion="pan_right", pan_deg=20)) == "pan right 20°"
    assert describe_motion(CameraSpec(motion="track", target="dog")) == "tracking dog"


# ------------------------------------------------------------------------------------------ end to end

TINY = RunSettings(seed=1, fps=6, duration_s=1.0, width=128, height=72, max_rounds=1)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("prompt", "motion"),
    [
        ("the camera orbits a dog next to a tree in a park", "orbit"),
        ("a cat sits on a chair, the camera slowly zooms in", "dolly_in"),
        ("the camera pulls back to reveal a car", "dolly_out"),
        ("a horse walks in a field while the camera pans to the left", "pan_left"),
        ("pan right across a beach with a boat", "pan_right"),
        ("the camera tilts up to a bird above a tree", "tilt_up"),
        ("a tilt down shot of a fountain", "tilt_down"),
        ("a dog runs to the left past a tree, the camera follows the dog", "track"),
    ],
)
def test_generate_records_every_frames_camera(tmp_path, prompt, motion):
    out = generate(prompt, tmp_path / "out", TINY).out_dir
    scene = SceneDocument.model_validate_json((out / "scene.json").read_text())
    assert scene.plan.camera.motion == scene.layout.camera_motion.motion == motion
    tracks = {track.entity: track for track in scene.motion.tracks}
    assert [f.camera for f in scene.frames] == [
        camera_at(scene.layout.camera, scene.layout.camera_motion, f.t, scene.duration_s, tracks)
        for f in scene.frames
    ]
    assert len({f.camera for f in scene.frames}) == len(scene.frames)  # it moves every frame
    assert describe_motion(scene.layout.camera_motion) in (out / "report.md").read_text()
