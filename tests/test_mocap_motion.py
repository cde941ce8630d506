"""People driven by motion capture: the motion agent picks a clip by the action's words and follows its root;
compose poses the joints from it; a run with --mocap-folder plays it in the video."""

import json
import math
import os
from pathlib import Path

import pytest
import torch
from hostile_files import deadline

from scenewright import RunSettings, generate
from scenewright.agents.director import direct_offline
from scenewright.agents.motion import mocap_keyframes, with_mocap
from scenewright.api import check_run_settings
from scenewright.schema import Layout, Motion, Placement, Track
from scenewright.tools.scene.compose import compose_scene
from scenewright.tools.scene.gaussians import Gaussians
from scenewright.tools.scene.mocap import MocapClip, library_at, track_clips

CMU_FOLDER = Path("/usr/share/assimp/models/BVH")
needs_cmu = pytest.mark.skipif(
    not CMU_FOLDER.is_dir(),
    reason="the CMU BVH files come with Debian's assimp-testmodels (.ci/run installs it)",
)


def stepping_clip(frames: int = 41, fps: float = 10.0) -> MocapClip:
    """A torso-only clip that stands still for its first half, then walks +x 1 unit per second with a
    rising hip: its busiest window is its second half."""
    t = torch.arange(frames, dtype=torch.float32) / fps  # [F]
    moving = (t - t[frames // 2]).clamp_min(0.0)  # [F]
    roots = torch.stack([moving, 0.1 * moving, torch.zeros(frames)], dim=-1)  # [F, 3]
    angle = 0.3 * torch.sin(4 * moving)  # [F] the torso rocks while it moves
    c, s = torch.cos(angle), torch.sin(angle)
    rotations = torch.zeros(frames, 1, 3, 3)
    rotations[:, 0, 0, 0], rotations[:, 0, 0, 1], rotations[:, 0, 1, 0], rotations[:, 0, 1, 1] = c, -s, s, c
    rotations[:, 0, 2, 2] = 1.0
    return MocapClip("steps", fps, ["torso"], rotations, roots, torch.zeros(frames))


def test_the_busiest_window_is_where_the_clip_moves():
    clip = stepping_clip()
    assert clip.busiest_start(2.0) == pytest.approx(2.0)
    assert clip.busiest_start(10.0) == 0.0  # longer than the clip


@pytest.mark.parametrize(("direction", "sign"), [("right", 1.0), ("left", -1.0)])
def test_mocap_keyframes_head_the_way_asked_and_pass_the_placement_at_mid_clip(direction, sign):
    clip = stepping_clip()
    placement = Placement(entity="man", position=(1.0, 0.0, -2.0), yaw=math.pi / 2, extent_m=(0.5, 1.8, 0.4))
    keys = mocap_keyframes(placement, clip, 2.0, 2.0, direction, 2.0)
    middle = min(keys, key=lambda k: abs(k.t - 1.0))
    assert middle.position[::2] == pytest.approx(placement.position[::2], abs=1e-5)  # on the ground plane
    assert middle.position[1] == pytest.approx(2.0 * 0.1 * 1.0, rel=1e-3)  # heights are the capture's, scaled
    travel = [b - a for a, b in zip(keys[0].position, keys[-1].position, strict=True)]
    assert sign * travel[0] == pytest.approx(2.0 * 2.0, rel=1e-3)  # 2 s at 1 unit/s, 2 m per unit
    assert travel[2] == pytest.approx(0.0, abs=1e-4)
    assert keys[-1].position[1] == pytest.approx(2.0 * 0.1 * 2.0, rel=1e-3)  # the hip rise, scaled
    facing = math.cos(keys[0].yaw), -math.sin(keys[0].yaw)
    assert facing[0] == pytest.approx(sign, abs=1e-6)  # it faces the way it goes


def test_compose_poses_a_mocap_track_by_its_clip():
    """A two-point torso: the point at the pivot follows the track's root, the other turns by the clip's
    rotation at the track's time in the capture."""
    clip = stepping_clip()
    asset = Gaussians(
        means=torch.tensor([[0.0, 1.0, 0.0], [0.0, 2.0, 0.0]]),
        quats=torch.tensor([[1.0, 0.0, 0.0, 0.0]] * 2),
        log_scales=torch.full((2, 3), -3.0),
        logit_opacities=torch.zeros(2),
        sh0=torch.zeros(2, 3),
        part_ids=torch.zeros(2, dtype=torch.int64),
        parts=["torso"],
        pivots=torch.tensor([[0.0, 1.0, 0.0]]),
    )
    empty = Gaussians(
        torch.zeros(0, 3), torch.zeros(0, 4), torch.zeros(0, 3), torch.zeros(0), torch.zeros(0, 3),
        torch.zeros(0, dtype=torch.int64),
    )  # fmt: skip
    placement = Placement(entity="a", position=(0.0, 0.0, 0.0), yaw=0.0, extent_m=(0.1, 1.0, 0.1))
    keys = mocap_keyframes(placement, clip, 2.0, 1.0, None, 2.0)
    track = Track(entity="a", clip="walk", keyframes=keys, mocap="steps", mocap_start_s=2.0)
    means = compose_scene(
        empty, {"a": asset}, {"a": placement}, {"a": track}, 0.5, {"a": clip}
    ).gaussians.means
    turned = torch.nn.functional.normalize(means[1] - means[0], dim=0)
    want = clip.sample(2.5).rotations[0] @ torch.tensor([0.0, 1.0, 0.0])
    assert turned.tolist() == pytest.approx(want.tolist(), abs=1e-5)
    assert abs(float(want[0])) > 0.1  # the clip does turn the torso at that time
    plain = compose_scene(empty, {"a": asset}, {"a": placement}, {"a": track}, 0.5).gaussians.means
    assert not torch.allclose(plain[1], means[1])  # without the capture the walk clip poses it


def test_a_track_naming_a_capture_needs_the_folder():
    track = Track(
        entity="a", clip="walk", keyframes=[{"t": 0.0, "position": (0, 0, 0), "yaw": 0.0}], mocap="x"
    )
    with pytest.raises(ValueError, match="no mocap folder"):
        track_clips(None, [track], {})


def test_the_mocap_folder_must_hold_clips(tmp_path):
    with pytest.raises(ValueError, match=r"not a folder of \.bvh files"):
        check_run_settings(RunSettings(mocap_folder=str(tmp_path)))
    (tmp_path / "cut.bvh").write_text("HIERARCHY\nROOT Hips\n")
    os.mkfifo(tmp_path / "pipe.bvh")
    with deadline(10), pytest.raises(ValueError, match=r"--mocap-folder: .* holds no usable \.bvh file"):
        check_run_settings(RunSettings(mocap_folder=str(tmp_path)))


@needs_cmu
def test_unusable_clips_beside_good_ones_are_skipped_and_noted(tmp_path):
    """A FIFO, and a clip whose label matches best but whose frames are cut short, cost a note each, not
    the run: the man plays the next best capture."""
    for clip in CMU_FOLDER.glob("*.bvh"):
        (tmp_path / clip.name).symlink_to(clip)
    os.mkfifo(tmp_path / "pipe.bvh")
    (tmp_path / "leap.bvh").write_text((CMU_FOLDER / "01_01.bvh").read_text()[:200_000])
    (tmp_path / "leap.txt").write_text("a man jumps to the right")
    plan = direct_offline("a man jumps to the right")
    from scenewright.graphs.generate import recipes_for
    from scenewright.graphs.state import ENVIRONMENT_RECIPE
    from scenewright.tools.scene.asset_cache import AssetCache

    recipes = recipes_for(plan, 0, {})
    assets = {i: AssetCache().get(r) for i, r in recipes.items() if i != ENVIRONMENT_RECIPE}
    placement = Placement(entity="man", position=(0.0, 0.0, 0.0), yaw=0.0, extent_m=(0.5, 1.8, 0.5))
    layout = Layout(
        placements=[placement], camera={"position": (0, 1.5, 6), "look_at": (0, 0.8, 0), "fov_deg": 50}
    )
    still = Track(entity="man", clip="walk", keyframes=[{"t": 0.0, "position": (0, 0, 0), "yaw": 0.0}])
    with deadline(60):
        motion, notes = with_mocap(
            plan, layout, Motion(tracks=[still]), library_at(str(tmp_path)), assets, 4.0
        )
    assert motion.tracks[0].mocap == "01_01"
    skipped = [note for note in notes if note.startswith("motion capture skipped")]
    assert len(skipped) == 2
    assert "pipe.bvh: a BVH file must be a regular file, this is a FIFO" in skipped[0]
    assert "leap.bvh" in skipped[1] and "the file ends after" in skipped[1]


@needs_cmu
def test_a_jumping_man_plays_the_jumping_capture_and_a_dog_keeps_its_gait():
    plan = direct_offline("a man jumps to the right and a dog runs to the left")
    from scenewright.graphs.generate import recipes_for
    from scenewright.graphs.state import ENVIRONMENT_RECIPE
    from scenewright.tools.scene.asset_cache import AssetCache

    recipes = recipes_for(plan, 0, {})
    cache = AssetCache()
    assets = {i: cache.get(r) for i, r in recipes.items() if i != ENVIRONMENT_RECIPE}
    placements = [
        Placement(entity="man", position=(-1.0, 0.0, 0.0), yaw=0.0, extent_m=(0.5, 1.8, 0.5)),
        Placement(entity="dog", position=(1.0, 0.0, 0.0), yaw=0.0, extent_m=(0.9, 0.6, 0.3)),
    ]
    layout = Layout(
        placements=placements, camera={"position": (0, 1.5, 6), "look_at": (0, 0.8, 0), "fov_deg": 50}
    )
    still = [
        Track(entity=p.entity, clip="walk", keyframes=[{"t": 0.0, "position": p.position, "yaw": 0.0}])
        for p in placements
    ]
    motion, notes = with_mocap(plan, layout, Motion(tracks=still), library_at(str(CMU_FOLDER)), assets, 4.0)
    man, dog = motion.tracks
    assert man.mocap == "01_01" and len(man.keyframes) > 40
    assert man.keyframes[-1].position[0] > man.keyframes[0].position[0]  # it jumps to the right
    assert max(k.position[1] for k in man.keyframes) > 0.2  # off the ground
    assert dog == still[1]
    assert any("01_01" in note for note in notes)


@needs_cmu
def test_a_run_with_a_mocap_folder_records_and_renders_the_capture(tmp_path):
    settings = RunSettings(
        width=96, height=64, fps=6, duration_s=1.0, max_rounds=1, mocap_folder=str(CMU_FOLDER)
    )
    result = generate("a man jumps to the right", tmp_path / "run", settings)
    track = next(t for t in result.scene.motion.tracks if t.entity == "man")
    assert track.mocap == "01_01"
    scene = json.loads((tmp_path / "run" / "scene.json").read_text())
    assert scene["motion"]["tracks"][0]["mocap"] == "01_01"
    assert "motion capture 01_01" in (tmp_path / "run" / "report.md").read_text()
