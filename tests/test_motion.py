"""The offline motion library: screen directions, facing, mid-clip placement, circling and escalation."""

from __future__ import annotations

import itertools
import math

import pytest
import torch
from test_layout import fake_assets

from scenewright.agents.layout import layout_offline
from scenewright.agents.motion import MAX_GAIN, SPIN_TURNS_PER_S, motion_offline, planned_path
from scenewright.schema import Action, Check, EntitySpec, Layout, Motion, Plan, Relation, Track
from scenewright.settings import RunSettings
from scenewright.tools.scene.camera import camera_matrices, project_points
from scenewright.tools.scene.compose import root_pose_at

SETTINGS = RunSettings()  # 640 × 360, 4 s
T = SETTINGS.duration_s


def make_plan(entities, relations=(), actions=()) -> Plan:
    return Plan(
        prompt="test",
        environment="park",
        entities=[EntitySpec(id=i, name=i, category=c) for i, c in entities],
        relations=[Relation(subject=s, predicate=p, object=o) for s, p, o in relations],
        actions=list(actions),
    )


def animate(plan: Plan, feedback: list[Check] | None = None, attempt: int = 0) -> tuple[Layout, Motion]:
    assets = fake_assets(plan)
    layout = layout_offline(plan, assets, SETTINGS, [], 0)
    return layout, motion_offline(plan, layout, assets, SETTINGS, feedback or [], attempt)


def track(motion: Motion, iid: str) -> Track:
    return next(t for t in motion.tracks if t.entity == iid)


def centre_on_screen(layout: Layout, motion: Motion, iid: str, t: float) -> tuple[float, float, float]:
    """(u, v, depth) of the instance's box centre at time t."""
    placement = next(p for p in layout.placements if p.entity == iid)
    (x, y, z), _ = root_pose_at(track(motion, iid), t)
    viewmat, K = camera_matrices(layout.camera, SETTINGS.width, SETTINGS.height)
    uv, depth = project_points(torch.tensor([[x, y + placement.extent_m[1] / 2, z]]), viewmat, K)
    return float(uv[0, 0]), float(uv[0, 1]), float(depth[0])


def mover(direction: str) -> Plan:
    category, clip = ("bird", "fly") if direction in ("up", "down") else ("dog", "run")
    return make_plan(
        [("mover", category), ("ball", "ball")],
        actions=[Action(entity="mover", verb="moves", clip=clip, direction=direction)],
    )


@pytest.mark.parametrize(
    ("direction", "axis", "sign"),
    [("left", 0, -1), ("right", 0, 1), ("up", 1, -1), ("down", 1, 1), ("toward", 2, -1), ("away", 2, 1)],
)
def test_each_direction_moves_the_projection_the_right_way(direction: str, axis: int, sign: int) -> None:
    layout, motion = animate(mover(direction))
    start, end = centre_on_screen(layout, motion, "mover", 0.0), centre_on_screen(layout, motion, "mover", T)
    change = sign * (end[axis] - start[axis])
    clear = 0.5 * start[2] if axis == 2 else 0.15 * SETTINGS.height  # metres of depth, or pixels
    assert change > clear


@pytest.mark.parametrize("direction", ["left", "right", "toward", "away"])
def test_yaw_faces_the_direction_of_travel(direction: str) -> None:
    _, motion = animate(mover(direction))
    keys = track(motion, "mover").keyframes
    for a, b in itertools.pairwise(keys):
        dx, dz = b.position[0] - a.position[0], b.position[2] - a.position[2]
        heading = (math.cos(a.yaw), -math.sin(a.yaw))
        assert (heading[0] * dx + heading[1] * dz) / math.hypot(dx, dz) > 0.99


def test_tracks_span_the_clip_and_pass_through_the_layout_mid_clip() -> None:
    plan = make_plan(
        [("dog", "dog"), ("cat", "cat"), ("tree", "tree"), ("bird", "bird")],
        [("dog", "left_of", "tree")],
        [
            Action(entity="dog", verb="runs", clip="run"),
            Action(entity="cat", verb="jumps", clip="jump"),
            Action(entity="bird", verb="circles", clip="fly", direction="around", around="tree"),
        ],
    )
    layout, motion = animate(plan)
    assert sorted(t.entity for t in motion.tracks) == sorted(p.entity for p in layout.placements)
    clips = {t.entity: t.clip for t in motion.tracks}
    assert clips == {"dog": "run", "cat": "jump", "tree": "idle", "bird": "fly"}
    for placement in layout.placements:
        keys = track(motion, placement.entity).keyframes
        assert keys[0].t == 0.0 and keys[-1].t == T and len(keys) >= 3
        position, yaw = root_pose_at(track(motion, placement.entity), T / 2)
        assert position == pytest.approx(placement.position, abs=1e-9)
        assert math.remainder(yaw - placement.yaw, math.tau) == pytest.approx(0.0, abs=1e-9)


def test_default_direction_keeps_the_relation_every_frame() -> None:
    plan = make_plan(
        [("dog", "dog"), ("ball", "ball")],
        [("dog", "left_of", "ball")],
        [Action(entity="dog", verb="runs", clip="run")],
    )
    layout, motion = animate(plan)
    ball_x = next(p for p in layout.placements if p.entity == "ball").position[0]
    xs = [root_pose_at(track(motion, "dog"), k / 10 * T)[0][0] for k in range(11)]
    assert xs[-1] < xs[0] - 1.0  # it runs left, away from the ball
    assert max(xs) + 0.45 < ball_x - 0.15  # never reaches the ball


def test_around_circles_the_target_clear_of_both_footprints() -> None:
    plan = make_plan(
        [("dog", "dog"), ("tree", "tree")],
        actions=[Action(entity="dog", verb="runs", clip="run", direction="around", around="tree")],
    )
    layout, motion = animate(plan)
    tree = next(p for p in layout.placements if p.entity == "tree")
    angles, radii = [], []
    for k in range(41):
        (x, _, z), _ = root_pose_at(track(motion, "dog"), k / 40 * T)
        angles.append(math.atan2(x - tree.position[0], z - tree.position[2]))
        radii.append(math.hypot(x - tree.position[0], z - tree.position[2]))
    swept = sum(math.remainder(b - a, math.tau) for a, b in itertools.pairwise(angles))
    assert abs(swept) >= 1.5 * math.pi - 1e-6
    assert min(radii) > math.hypot(1.5, 1.5) + 0.45  # tree half-diagonal + half the dog's length
    keys = track(motion, "dog").keyframes
    assert all(abs(b.yaw - a.yaw) < math.pi / 2 for a, b in itertools.pairwise(keys))  # continuous


def test_jump_hops_in_place_and_lands_mid_clip() -> None:
    plan = make_plan([("cat", "cat")], actions=[Action(entity="cat", verb="jumps", clip="jump")])
    layout, motion = animate(plan)
    heights = [root_pose_at(track(motion, "cat"), k / 32 * T)[0] for k in range(33)]
    assert max(h[1] for h in heights) > 0.1
    assert heights[0][1] == heights[16][1] == heights[32][1] == 0.0
    assert {(h[0], h[2]) for h in heights} == {
        (layout.placements[0].position[0], layout.placements[0].position[2])
    }


def test_the_actions_speed_paces_the_travel() -> None:
    travelled = {}
    for speed in ("slow", "normal", "fast"):
        action = Action(entity="dog", verb="walks", clip="walk", direction="right", speed=speed)
        _, motion = animate(make_plan([("dog", "dog")], actions=[action]))
        travelled[speed] = math.dist(*(root_pose_at(track(motion, "dog"), t)[0] for t in (0.0, T)))
    assert travelled["slow"] < travelled["normal"] < travelled["fast"]


def test_a_spin_turns_in_place_the_same_way_throughout() -> None:
    plan = make_plan([("hat", "hat")], actions=[Action(entity="hat", verb="spins", clip="spin")])
    layout, motion = animate(plan)
    poses = [root_pose_at(track(motion, "hat"), k / 48 * T) for k in range(49)]
    assert {position for position, _ in poses} == {layout.placements[0].position}
    steps = [math.remainder(b[1] - a[1], math.tau) for a, b in itertools.pairwise(poses)]
    assert all(step > 0 for step in steps)
    assert sum(steps) == pytest.approx(math.tau * SPIN_TURNS_PER_S * T)


def test_walking_on_a_table_stays_on_its_top() -> None:
    plan = make_plan(
        [("cat", "cat"), ("table", "table")],
        [("cat", "on", "table")],
        [Action(entity="cat", verb="walks", clip="walk")],
    )
    layout, motion = animate(plan)
    table = next(p for p in layout.placements if p.entity == "table")
    for k in range(9):
        (x, y, _), _ = root_pose_at(track(motion, "cat"), k / 8 * T)
        assert y == pytest.approx(0.75) and abs(x - table.position[0]) + 0.25 <= 0.7 + 1e-9


def rest_offset(layout: Layout, motion: Motion, rider: str, support: str, t: float) -> tuple[float, float]:
    """The rider's ground offset from its support, turned back into the support's placed frame."""
    placed_yaw = next(p for p in layout.placements if p.entity == support).yaw
    (x, _, z), _ = root_pose_at(track(motion, rider), t)
    (sx, _, sz), yaw = root_pose_at(track(motion, support), t)
    c, s = math.cos(yaw - placed_yaw), math.sin(yaw - placed_yaw)
    dx, dz = x - sx, z - sz
    return c * dx - s * dz, s * dx + c * dz


@pytest.mark.parametrize(
    "action",
    [
        Action(entity="truck", verb="drives", clip="drive", direction="right"),
        Action(entity="truck", verb="drives", clip="drive", direction="around", around="tree"),
    ],
)
def test_a_load_rides_with_its_moving_support(action: Action) -> None:
    plan = make_plan(
        [("truck", "truck"), ("ball", "ball"), ("tree", "tree")], [("ball", "on", "truck")], [action]
    )
    balls = plan.entities[1].model_copy(update={"count": 3})  # ball_1 rides off the truck's centre
    plan = plan.model_copy(update={"entities": [plan.entities[0], balls, plan.entities[2]]})
    layout, motion = animate(plan)

    def yaw_gap(t: float) -> float:
        ball_yaw, truck_yaw = (root_pose_at(track(motion, e), t)[1] for e in ("ball_1", "truck"))
        return math.remainder(ball_yaw - truck_yaw, math.tau)

    start = (*rest_offset(layout, motion, "ball_1", "truck", 0.0), yaw_gap(0.0))
    assert math.hypot(start[0], start[1]) > 0.5
    for k in range(17):  # between keys both paths are linear: on a circle the load lags by a few mm
        t = k / 16 * T
        assert (*rest_offset(layout, motion, "ball_1", "truck", t), yaw_gap(t)) == pytest.approx(
            start, abs=0.02
        )
    travelled = math.dist(*(root_pose_at(track(motion, "ball_1"), t)[0] for t in (0.0, T)))
    assert travelled > 5.0  # it drove off with the truck


def test_motion_feedback_stretches_the_path_and_stays_in_reserved_room() -> None:
    layout, plain = animate(mover("left"))
    feedback = [Check(name="motion:left", passed=False, score=0.1, entities=["mover"], message="too little")]
    _, stronger = animate(mover("left"), feedback, 1)
    _, strongest = animate(mover("left"), feedback, 2)

    def travel(motion: Motion) -> float:
        keys = track(motion, "mover").keyframes
        return keys[0].position[0] - keys[-1].position[0]

    assert travel(plain) < travel(stronger) < travel(strongest)
    mover_placement = next(p for p in layout.placements if p.entity == "mover")
    reserved = planned_path(mover("left"), mover_placement, {}, T, MAX_GAIN)  # what layout made room for
    assert travel(strongest) <= reserved[0].position[0] - reserved[-1].position[0] + 1e-9
    u = [centre_on_screen(layout, strongest, "mover", t)[0] for t in (0.0, T)]
    assert 0 < u[1] < u[0] < SETTINGS.width
