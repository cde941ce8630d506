"""Rigs and clips: forward kinematics, every rig playing every clip, planted feet that do not slide, blends
at a stop, and the clips' shapes (sit, wave, hop, swim)."""

from __future__ import annotations

import math
import typing

import pytest
import torch

from scenewright.agents.motion import clip_speed
from scenewright.schema import PACE, Clip, Keyframe, Placement, Speed, Track
from scenewright.tools.scene.assets import build_asset
from scenewright.tools.scene.compose import compose_scene, distance_travelled, moving_weight, pose_asset
from scenewright.tools.scene.gaussians import Gaussians, quat_to_rotmat
from scenewright.tools.scene.rigs import (
    GAITS,
    HEADROOM,
    ClipState,
    articulate_reference,
    forward_kinematics,
    pose_at,
    skeleton,
)

CLIPS: tuple[Clip, ...] = typing.get_args(Clip)
ONE_PER_RIG = ("person", "kangaroo", "dog", "elephant", "bird", "butterfly", "fish", "truck", "ball", "chair")

BIPED_PARTS = {
    "torso": None,
    "head": "torso",
    "arm_l": "torso",
    "arm_r": "torso",
    "forearm_l": "arm_l",
    "forearm_r": "arm_r",
    "leg_l": "torso",
    "leg_r": "torso",
    "shin_l": "leg_l",
    "shin_r": "leg_r",
}


@pytest.fixture(scope="module")
def assets() -> dict[str, Gaussians]:
    return {name: build_asset(name, None, [], seed=0) for name in (*ONE_PER_RIG, "child", "robot", "horse")}


def nothing() -> Gaussians:
    return Gaussians(
        torch.zeros(0, 3),
        torch.zeros(0, 4),
        torch.zeros(0, 3),
        torch.zeros(0),
        torch.zeros(0, 3),
        torch.zeros(0, dtype=torch.int64),
    )


def posed(asset: Gaussians, track: Track, t: float, support: str | None = None) -> Gaussians:
    """The asset at its own size, composed on its track at time t."""
    placement = Placement(entity="a", position=(0, 0, 0), yaw=0, extent_m=asset.extent(), support=support)
    return compose_scene(nothing(), {"a": asset}, {"a": placement}, {"a": track}, t).gaussians


def line(clip: Clip, speed: float, duration: float, hold: float = 0.0) -> Track:
    """Along +x at `speed` for `duration` seconds, then still for `hold` seconds."""
    keys = [
        Keyframe(t=0, position=(0, 0, 0), yaw=0),
        Keyframe(t=duration, position=(speed * duration, 0, 0), yaw=0),
    ]
    if hold:
        keys.append(Keyframe(t=duration + hold, position=(speed * duration, 0, 0), yaw=0))
    return Track(entity="a", clip=clip, keyframes=keys)


def part_points(asset: Gaussians, name: str) -> torch.Tensor:
    return asset.means[asset.part_ids == asset.parts.index(name)]


# ---------------------------------------------------------------------------------------- the hierarchy


@pytest.mark.parametrize("category", ["person", "elephant", "train"])
def test_forward_kinematics_matches_the_part_by_part_reference(assets, category):
    asset = assets.get(category) or build_asset(category, None, [], seed=0)
    gen = torch.Generator().manual_seed(0)
    parts = len(asset.parts)
    axes = torch.nn.functional.normalize(torch.randn(parts, 3, generator=gen), dim=1)
    angles = torch.rand(parts, generator=gen) * 2.0 - 1.0
    rotations = torch.stack(
        [
            quat_to_rotmat(torch.cat([torch.cos(a / 2)[None], torch.sin(a / 2) * n]))
            for a, n in zip(angles, axes, strict=True)
        ]
    )
    offsets = 0.05 * torch.randn(parts, 3, generator=gen)
    fast = pose_asset(asset, 1.0, (0.0, 0.0, 0.0), 0.0, rotations, offsets)
    means, quats = articulate_reference(asset, rotations, offsets)
    assert torch.allclose(fast.means, means, atol=1e-5)
    same = torch.minimum((fast.quats - quats).abs().amax(-1), (fast.quats + quats).abs().amax(-1))
    assert float(same.max()) < 1e-5


def test_a_child_part_is_carried_by_its_parent():
    """Turning the thigh alone moves the shin and foot with it; turning the shin leaves the thigh."""
    person = build_asset("person", None, [], seed=0)
    rotations = torch.eye(3).repeat(len(person.parts), 1, 1)
    thigh, shin = person.parts.index("leg_l"), person.parts.index("shin_l")
    rotations[thigh] = quat_to_rotmat(torch.tensor([math.cos(0.4), 0.0, 0.0, math.sin(0.4)]))  # 0.8 rad fwd
    moved = pose_asset(person, 1.0, (0.0, 0.0, 0.0), 0.0, rotations)
    knee = moved.pivots[shin]
    assert float(knee[0] - person.pivots[shin, 0]) > 0.2  # the knee swung forward with the thigh
    foot = moved.means[person.part_ids == shin]
    assert float(foot[:, 0].mean() - person.means[person.part_ids == shin, 0].mean()) > 0.4


def test_people_are_jointed_bipeds_with_the_named_parts(assets):
    for category in ("person", "child", "robot"):
        asset = assets[category]
        parents = {
            name: None if parent < 0 else asset.parts[parent]
            for name, parent in zip(asset.parts, asset.part_parents, strict=True)
        }
        assert parents == BIPED_PARTS, category
        pivot = {name: asset.pivots[k] for k, name in enumerate(asset.parts)}
        hips = (pivot["leg_l"] + pivot["leg_r"]) / 2
        assert torch.allclose(pivot["torso"], hips, atol=1e-5)  # the torso turns about the hip centre
        for side, sign in (("l", -1), ("r", 1)):
            # hip above knee above the ground, elbow below shoulder, left on -z
            assert float(pivot[f"leg_{side}"][1]) > float(pivot[f"shin_{side}"][1]) > 0.0
            assert float(pivot[f"arm_{side}"][1]) > float(pivot[f"forearm_{side}"][1])
            assert sign * float(pivot[f"shin_{side}"][2]) > 0
        assert float(pivot["head"][1]) > float(pivot["arm_l"][1])


# --------------------------------------------------------------------------------- every rig, every clip


@pytest.mark.parametrize("category", ONE_PER_RIG)
def test_every_clip_poses_finite_and_keeps_children_on_their_parents(assets, category):
    asset = assets[category]
    hop = Track(
        entity="a",
        clip="idle",
        keyframes=[Keyframe(t=k * 0.25, position=(0.3 * k, 0.2 * (k % 2), 0), yaw=0) for k in range(5)],
    )
    for clip in CLIPS:
        track = hop.model_copy(update={"clip": clip})
        for t in (0.0, 0.3, 0.55, 0.9):
            state = ClipState(t=t, travelled=t / asset.extent()[1], airborne=0.5)
            pose = pose_at(asset, clip, state)
            assert torch.isfinite(pose.rotations).all() and math.isfinite(pose.lift), (clip, t)
            out = posed(asset, track, t)
            assert torch.isfinite(out.means).all() and torch.isfinite(out.quats).all(), (clip, t)
            # Each child's pivot is where its parent's motion carries it (plus its own small offset).
            world_r, world_t = forward_kinematics(
                pose.rotations, pose.offsets, asset.pivots, asset.part_parents
            )
            for k, parent in enumerate(asset.part_parents):
                if parent >= 0:
                    carried = world_r[parent] @ (asset.pivots[k] + pose.offsets[k]) + world_t[parent]
                    own = world_r[k] @ asset.pivots[k] + world_t[k]
                    assert torch.allclose(own, carried, atol=1e-5), (clip, asset.parts[k])


# ------------------------------------------------------------------------------------------- foot slide


def foot_slide(asset: Gaussians, clip: Clip, speed: float, samples: int = 48) -> tuple[float, list[int]]:
    """The worst horizontal speed of a planted foot, as a share of the root speed, over one gait cycle in
    the middle of a straight walk or run; and in how many sampled frames each foot was planted.

    Each foot's lowest splat is found in each sampled frame; the foot is planted when that splat is within
    PLANTED_M of the ground, and its velocity is that splat's, by central differences 1 ms apart."""
    sk = skeleton(asset)
    cycle_m = GAITS[(sk.rig, clip)].stride * sk.leg_length
    period = cycle_m / speed
    track = line(clip, speed, 4 * period)
    feet = [asset.parts.index(leg.lower or leg.upper) for leg in sk.legs]
    worst, planted = 0.0, [0] * len(feet)
    for k in range(samples):
        t = 2 * period + period * k / samples
        now, after, before = (posed(asset, track, t + dt).means for dt in (0.0, 1e-3, -1e-3))
        for n, foot in enumerate(feet):
            splats = (asset.part_ids == foot).nonzero().squeeze(1)
            lowest = splats[now[splats, 1].argmin()]
            if float(now[lowest, 1]) <= PLANTED_M:
                velocity = (after[lowest, [0, 2]] - before[lowest, [0, 2]]) / 2e-3
                worst = max(worst, float(velocity.norm()) / speed)
                planted[n] += 1
    return worst, planted


PLANTED_M = 0.003
MAX_SLIDE = 0.15
"""A planted foot moves at under 15% of the root's speed."""


@pytest.mark.parametrize("category", ["person", "child", "robot", "dog", "horse"])
@pytest.mark.parametrize("clip", ["walk", "run"])
@pytest.mark.parametrize("pace", ["slow", "normal", "fast"])
def test_planted_feet_do_not_slide_at_any_speed(assets, category: str, clip: Clip, pace: Speed):
    asset = assets[category]
    speed = clip_speed(clip, asset.extent()) * PACE[pace]
    worst, planted = foot_slide(asset, clip, speed)
    assert min(planted) >= 3  # every foot stands on the ground in part of the cycle
    assert worst < MAX_SLIDE, f"a planted foot slides at {worst:.0%} of the root speed"


@pytest.mark.parametrize("clip", ["walk", "run"])
def test_a_swinging_long_foot_never_carries_the_body(assets, clip: Clip):
    """The robot's long box feet tip toe-down as the knee bends: a swinging foot is kept clear of the ground
    (before, its toe dragged along it and carried the body in early swing)."""
    robot = assets["robot"]
    sk = skeleton(robot)
    speed = clip_speed(clip, robot.extent())
    gait = GAITS[("biped", clip)]
    period = gait.stride * sk.leg_length / speed
    track = line(clip, speed, 4 * period)
    for k in range(24):
        t = 2 * period + period * k / 24
        out = posed(robot, track, t)
        for leg in sk.legs:
            c = (speed * t / (gait.stride * sk.leg_length) - dict(gait.starts)[leg.upper]) % 1.0
            s = (c - gait.duty) / (1 - gait.duty)
            if 0.15 < s < 0.85:  # well into the swing
                foot = out.means[robot.part_ids == robot.parts.index(leg.lower or leg.upper), 1]
                assert float(foot.min()) > 0.02 * sk.leg_length, (clip, k, leg.upper)


def test_the_walk_bends_the_knees_and_swings_the_arms(assets):
    person = assets["person"]
    sk = skeleton(person)
    bends = []
    for k in range(12):
        pose = pose_at(person, "walk", ClipState(t=0.0, travelled=1.2 * sk.leg_length * k / 12))
        shin = pose.rotations[person.parts.index("shin_l")]
        bends.append(math.acos(max(-1.0, min(1.0, (float(torch.trace(shin)) - 1) / 2))))
    assert max(bends) > 0.5  # the swinging knee bends by ~30° or more
    arms = [pose_at(person, "walk", ClipState(t=0.0, travelled=1.2 * sk.leg_length * k / 4)) for k in (0, 2)]
    arm = person.parts.index("arm_l")
    assert not torch.allclose(arms[0].rotations[arm], arms[1].rotations[arm], atol=0.1)


# ------------------------------------------------------------------------------------------------ blends


def joint_steps(asset: Gaussians, track: Track, fps: float, duration: float, blend: bool) -> list[float]:
    """The largest change of any joint's local rotation from each frame to the next, radians."""
    steps, previous = [], None
    for frame in range(int(duration * fps)):
        t = frame / fps
        travelled = distance_travelled(track, t)  # the asset is at its own size: its units are metres
        weight = moving_weight(track, t) if blend else float(t < track.keyframes[1].t)
        rotations = pose_at(asset, track.clip, ClipState(t=t, travelled=travelled), weight).rotations
        if previous is not None:
            relative = previous.transpose(1, 2) @ rotations  # [P, 3, 3]
            cos = ((relative.diagonal(dim1=1, dim2=2).sum(-1) - 1) / 2).clamp(-1, 1)
            steps.append(float(torch.acos(cos).max()))
        previous = rotations
    return steps


def test_a_walker_that_stops_fades_into_idle_without_a_pop(assets):
    person = assets["person"]  # its extent is its placed size, so asset units are metres
    speed = clip_speed("walk", person.extent())
    period = GAITS[("biped", "walk")].stride * skeleton(person).leg_length / speed
    stop = 2.8 * period  # late in a swing: a knee bent far from standing
    track = line("walk", speed, stop, hold=1.5)
    blended = joint_steps(person, track, 12, stop + 1.0, blend=True)
    popped = joint_steps(person, track, 12, stop + 1.0, blend=False)
    stopped = math.ceil(stop * 12) - 1  # the first step into a frame with the root still
    assert max(popped[stopped:]) > 1.0  # snapping to idle would turn the knee by ~60° in one frame
    assert max(blended[stopped:]) < 0.5 * max(popped[stopped:])  # the fade spreads that over frames
    steady = max(joint_steps(person, line("walk", speed, 4 * period), 12, 3 * period, blend=True))
    assert max(blended) <= steady + 1e-6  # and turns no joint faster than the walk itself does
    last = pose_at(
        person, "walk", ClipState(t=stop + 1.0, travelled=speed * stop), moving_weight(track, stop + 1.0)
    )
    idle = pose_at(person, "idle", ClipState(t=stop + 1.0, travelled=speed * stop))
    assert torch.allclose(last.rotations, idle.rotations, atol=1e-5)  # and then stands idle


# ------------------------------------------------------------------------------------- the clips' shapes


def standing(asset: Gaussians) -> Track:
    return Track(entity="a", clip="idle", keyframes=[Keyframe(t=0, position=(0, 0, 0), yaw=0)])


def test_sitting_lowers_the_hips_onto_the_seat(assets):
    person = assets["person"]
    torso = person.parts.index("torso")
    hips = float(person.pivots[torso, 1])
    on_ground = posed(person, standing(person).model_copy(update={"clip": "sit"}), 0.5)
    on_chair = posed(person, standing(person).model_copy(update={"clip": "sit"}), 0.5, support="chair")
    assert float(on_ground.pivots[torso, 1]) < 0.4 * hips
    assert float(on_chair.pivots[torso, 1]) < 0.25 * hips  # the seat is at the root: the chair's top
    seat = on_chair.means[person.part_ids == torso, 1].min()
    assert abs(float(seat)) < 1e-4
    assert float(on_ground.means[:, 1].min()) > -1e-4  # nothing sinks into the ground


def test_waving_raises_a_hand_above_the_head(assets):
    for category in ("person", "child", "robot"):
        asset = assets[category]
        head_top = float(part_points(asset, "head")[:, 1].max())
        for t in (0.0, 0.2, 0.45):
            out = posed(asset, standing(asset).model_copy(update={"clip": "wave"}), t)
            hand = out.means[asset.part_ids == asset.parts.index("forearm_r"), 1]
            assert float(hand.max()) > head_top, (category, t)
            other = out.means[asset.part_ids == asset.parts.index("forearm_l"), 1]
            assert float(other.max()) < head_top


@pytest.mark.parametrize("category", ONE_PER_RIG)
def test_no_pose_reaches_above_the_height_the_layout_frames(assets, category):
    """The layout frames a clip's pose up to HEADROOM x the standing height (1 for clips it does not list): a
    waving hand or a reared-up climber stays under it, and a wave does reach above standing."""
    asset = assets[category]
    height = asset.extent()[1]
    for clip in CLIPS:
        if (category, clip) == ("bird", "wave"):
            continue  # a raised wing reaches 1.44 x a bird's height: known, not framed (see HEADROOM)
        top = max(
            float(posed(asset, standing(asset).model_copy(update={"clip": clip}), 0.1 * k).means[:, 1].max())
            for k in range(20)
        )
        assert top <= HEADROOM.get(clip, 1.0) * height + 0.02 * height, (clip, top / height)
    person = assets["person"]
    top = float(posed(person, standing(person).model_copy(update={"clip": "wave"}), 0.5).means[:, 1].max())
    assert top > 1.05 * person.extent()[1]


@pytest.mark.parametrize("clip", ["jump", "hop"])
@pytest.mark.parametrize("category", ["person", "dog"])
def test_jumps_and_hops_crouch_then_leave_the_ground(assets, category: str, clip: Clip):
    asset = assets[category]
    rise = 0.3 * asset.extent()[1]
    track = Track(
        entity="a",
        clip=clip,
        keyframes=[Keyframe(t=0.25 * k, position=(0, rise * (k % 2), 0), yaw=0) for k in range(5)],
    )
    root = skeleton(asset).spec.root
    assert root is not None
    rest_root = float(asset.pivots[asset.parts.index(root), 1])
    landing, top = posed(asset, track, 0.5), posed(asset, track, 0.25)
    assert float(top.means[:, 1].min()) > 0.5 * rise  # off the ground
    assert abs(float(landing.means[:, 1].min())) < 1e-3  # on the ground between hops
    assert (
        float(landing.pivots[asset.parts.index(root), 1]) < rest_root - 0.02 * asset.extent()[1]
    )  # crouched


def test_a_fish_sways_its_tail_from_side_to_side(assets):
    fish = assets["fish"]
    track = line("swim", 0.3, 2.0)
    sides = [float(part_points(posed(fish, track, 0.05 * k), "tail")[:, 2].mean()) for k in range(30)]
    assert min(sides) < -0.004 and max(sides) > 0.004  # both ways, more than a few mm at 0.3 m long
    body = [float(part_points(posed(fish, track, 0.05 * k), "body")[:, 2].mean()) for k in range(30)]
    assert max(body) - min(body) < max(sides) - min(sides)  # the body bends less than the tail


def test_wheels_and_balls_turn_with_the_ground_covered_in_every_clip(assets):
    truck = assets["truck"]
    for clip in ("drive", "idle", "run"):
        moved = posed(truck, line(clip, 2.0, 1.0), 0.5)
        wheel = truck.parts.index("wheel_fl")
        still = posed(truck, standing(truck), 0.5)
        turned = moved.quats[truck.part_ids == wheel][0]
        assert not torch.allclose(turned, still.quats[truck.part_ids == wheel][0], atol=1e-2), clip
