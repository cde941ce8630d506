"""Composition poses, scales and articulates assets the way the layout and motion agents describe."""

import math

import torch

from scenewright.schema import Keyframe, Placement, Track
from scenewright.tools.scene.compose import compose_scene, distance_travelled, moving_weight, root_pose_at
from scenewright.tools.scene.gaussians import Gaussians, quat_to_rotmat


def make_asset(parts: dict[str, tuple[list[list[float]], list[float]]], rig: str = "static") -> Gaussians:
    """An asset with the given parts: name -> (means, pivot), every part a root."""
    means, part_ids = [], []
    for k, (points, _) in enumerate(parts.values()):
        means += points
        part_ids += [k] * len(points)
    n = len(means)
    return Gaussians(
        means=torch.tensor(means),
        quats=torch.tensor([[1.0, 0, 0, 0]]).repeat(n, 1),
        log_scales=torch.full((n, 3), math.log(0.02)),
        logit_opacities=torch.full((n,), 3.0),
        sh0=torch.zeros(n, 3),
        part_ids=torch.tensor(part_ids),
        parts=list(parts),
        pivots=torch.tensor([pivot for _, pivot in parts.values()]),
        rig=rig,
    )


def quadruped() -> Gaussians:
    return make_asset(
        {
            "body": ([[-0.4, 0.5, 0.0], [0.4, 0.6, 0.0]], [0.0, 0.5, 0.0]),
            "leg_fl": ([[0.3, 0.0, -0.1]], [0.3, 0.4, -0.1]),
            "leg_fr": ([[0.3, 0.0, 0.1]], [0.3, 0.4, 0.1]),
            "leg_bl": ([[-0.3, 0.0, -0.1]], [-0.3, 0.4, -0.1]),
            "leg_br": ([[-0.3, 0.0, 0.1]], [-0.3, 0.4, 0.1]),
        }
    )


def track(clip, points, duration=2.0, yaw=0.0):
    times = [duration * k / (len(points) - 1) for k in range(len(points))] if len(points) > 1 else [0.0]
    return Track(
        entity="a",
        clip=clip,
        keyframes=[Keyframe(t=t, position=p, yaw=yaw) for t, p in zip(times, points, strict=True)],
    )


def test_root_pose_interpolates_and_holds_the_ends():
    tr = Track(
        entity="a",
        clip="walk",
        keyframes=[Keyframe(t=0, position=(0, 0, 0), yaw=3.0), Keyframe(t=2, position=(2, 0, -4), yaw=-3.0)],
    )
    assert root_pose_at(tr, 1.0)[0] == (1.0, 0.0, -2.0)
    assert math.isclose(root_pose_at(tr, 1.0)[1], 3.0 + (math.tau - 6.0) / 2)  # the short way round
    assert root_pose_at(tr, -1.0)[0] == (0.0, 0.0, 0.0) and root_pose_at(tr, 9.0)[0] == (2.0, 0.0, -4.0)
    assert math.isclose(distance_travelled(tr, 2.0), math.hypot(2, 4), rel_tol=1e-6)


def test_idle_asset_is_scaled_turned_and_placed_by_its_placement_and_track():
    asset = quadruped()
    placement = Placement(entity="a", position=(2, 0, -1), yaw=0, extent_m=(1.6, 1.2, 0.4))  # twice the asset
    scene = compose_scene(
        make_asset({"ground": ([[0.0, 0.0, 0.0]], [0.0, 0.0, 0.0])}),
        {"a": asset},
        {"a": placement},
        {"a": track("idle", [(2, 0, -1)], yaw=math.pi / 2)},
        0.0,
    )
    assert scene.entity_ids == ["a"]
    assert scene.entity_index.tolist() == [-1] + [0] * len(asset)
    posed = scene.gaussians.means[1:]
    assert torch.allclose(posed[:, 1].min(), torch.tensor(0.0), atol=1e-6)  # still stands on the ground
    expected = torch.stack([2 * asset.means[:, 2], 2 * asset.means[:, 1], -2 * asset.means[:, 0]], 1)
    assert torch.allclose(posed, expected + torch.tensor([2.0, 0, -1]), atol=1e-5)  # yaw 90°: +x turns to -z
    assert torch.allclose(scene.gaussians.log_scales[1:], asset.log_scales + math.log(2.0))
    rotation = quat_to_rotmat(scene.gaussians.quats[1])
    assert torch.allclose(rotation @ torch.tensor([1.0, 0, 0]), torch.tensor([0.0, 0, -1]), atol=1e-6)


def test_a_rolling_ball_turns_by_distance_over_radius():
    ball = make_asset({"ball": ([[0.0, 0.3, 0.0], [0.0, 0.0, 0.0]], [0.0, 0.15, 0.0])}, rig="ball")
    placement = Placement(entity="a", position=(0, 0, 0), yaw=0, extent_m=(0.3, 0.3, 0.3))
    quarter_turn = math.pi / 2 * 0.15
    roll = track("roll", [(0, 0, 0), (quarter_turn, 0, 0)], duration=1.0)
    env = make_asset({"ground": ([[0.0, 0.0, 0.0]], [0.0, 0.0, 0.0])})
    top = compose_scene(env, {"a": ball}, {"a": placement}, {"a": roll}, 1.0).gaussians.means[1]
    # rolling towards +x by a quarter circumference brings the top point to the front
    assert torch.allclose(top, torch.tensor([quarter_turn + 0.15, 0.15, 0.0]), atol=1e-5)


def test_a_travelling_clip_plays_fully_while_the_root_moves_and_fades_out_when_it_stops():
    walk = Track(
        entity="a",
        clip="walk",
        keyframes=[
            Keyframe(t=0, position=(0, 0, 0), yaw=0),
            Keyframe(t=2, position=(2, 0, 0), yaw=0),
            Keyframe(t=4, position=(2, 0, 0), yaw=0),
        ],
    )
    assert moving_weight(walk, 0.0) == 1.0  # a walk from the first frame walks from the first frame
    assert moving_weight(walk, 1.0) == 1.0
    assert moving_weight(walk, 3.0) == 0.0 and moving_weight(walk, 4.0) == 0.0
    fading = [moving_weight(walk, 1.8 + 0.05 * k) for k in range(9)]  # across the stop at t = 2
    assert fading == sorted(fading, reverse=True) and 0.0 < fading[4] < 1.0
