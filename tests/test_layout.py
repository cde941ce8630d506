"""The offline layout solver: relations hold in the world and on screen, nothing overlaps, all is in frame."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from scenewright.agents.layout import layout_offline
from scenewright.agents.motion import motion_offline
from scenewright.schema import (
    Action,
    AssetInfo,
    CameraSpec,
    Check,
    EntitySpec,
    Layout,
    Motion,
    Placement,
    Plan,
    Relation,
)
from scenewright.settings import RunSettings
from scenewright.tools.scene.camera import camera_at, camera_matrices, project_points
from scenewright.tools.scene.catalog import CATEGORIES
from scenewright.tools.scene.compose import root_pose_at
from scenewright.tools.scene.geometry import box_penetration
from scenewright.tools.scene.rigs import HEADROOM

SETTINGS = RunSettings()  # 640 × 360, 4 s
TIMES = [0.0, 0.5, 1.0, 1.7, 2.0, 2.6, 3.3, 4.0]


def make_plan(entities, relations=(), actions=()) -> Plan:
    specs = [EntitySpec(id=e[0], name=e[0], category=e[1], count=e[2] if len(e) > 2 else 1) for e in entities]
    return Plan(
        prompt="test",
        environment="park",
        entities=specs,
        relations=[Relation(subject=s, predicate=p, object=o) for s, p, o in relations],
        actions=list(actions),
    )


def fake_assets(plan: Plan) -> dict[str, AssetInfo]:
    """Assets at their catalog prior, as the assets tool reports them."""
    return {
        iid: AssetInfo(
            category=g.category,
            content_hash="0" * 8,
            num_gaussians=1,
            parts=["body"],
            extent_m=CATEGORIES[g.category].size_m,
        )
        for iid, g in plan.group_of().items()
    }


def solve(plan: Plan, feedback: list[Check] | None = None, attempt: int = 0) -> tuple[Layout, Motion]:
    assets = fake_assets(plan)
    layout = layout_offline(plan, assets, SETTINGS, feedback or [], attempt)
    return layout, motion_offline(plan, layout, assets, SETTINGS, [], 0)


def pose(motion: Motion, iid: str, t: float) -> tuple[tuple[float, float, float], float]:
    return root_pose_at(next(track for track in motion.tracks if track.entity == iid), t)


def corners(placement: Placement, position, yaw: float) -> torch.Tensor:
    """World corners [8, 3] of the placed box (extent x facing, y up, z sideways) at a pose."""
    ex, ey, ez = placement.extent_m
    c, s = math.cos(yaw), math.sin(yaw)
    points = []
    for fx in (-0.5, 0.5):
        for fz in (-0.5, 0.5):
            x, z = fx * ex, fz * ez
            for y in (0.0, ey):
                points.append([position[0] + c * x + s * z, position[1] + y, position[2] - s * x + c * z])
    return torch.tensor(points)


def world_box(placement: Placement, motion: Motion, t: float) -> tuple[torch.Tensor, torch.Tensor]:
    position, yaw = pose(motion, placement.entity, t)
    points = corners(placement, position, yaw)
    return points.min(0).values, points.max(0).values


def screen(layout: Layout, points: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    viewmat, K = camera_matrices(layout.camera, SETTINGS.width, SETTINGS.height)
    return project_points(points, viewmat, K)


def placed(layout: Layout) -> dict[str, Placement]:
    return {p.entity: p for p in layout.placements}


SCENES = {
    "dog runs left of ball": make_plan(
        [("dog", "dog"), ("ball", "ball")],
        [("dog", "left_of", "ball")],
        [Action(entity="dog", verb="runs", clip="run")],
    ),
    "person in front of tree": make_plan(
        [("person", "person"), ("tree", "tree")], [("person", "in_front_of", "tree")]
    ),
    "cat walks on table": make_plan(
        [("cat", "cat"), ("table", "table")],
        [("cat", "on", "table")],
        [Action(entity="cat", verb="walks", clip="walk")],
    ),
    "bird flies above dog": make_plan(
        [("bird", "bird"), ("dog", "dog")],
        [("bird", "above", "dog")],
        [Action(entity="bird", verb="flies", clip="fly")],
    ),
    "crowd and cars": make_plan(
        [("person", "person", 7), ("car", "car", 2), ("ball", "ball")],
        [("ball", "right_of", "car")],
        [Action(entity="car", verb="drives", clip="drive", direction="toward")],
    ),
    "dog circles tree, horse behind": make_plan(
        [("dog", "dog"), ("tree", "tree"), ("horse", "horse")],
        [("horse", "behind", "tree")],
        [Action(entity="dog", verb="runs", clip="run", direction="around", around="tree")],
    ),
    "ball under table, bird descends": make_plan(
        [("ball", "ball"), ("table", "table"), ("bird", "bird")],
        [("ball", "under", "table")],
        [Action(entity="bird", verb="lands", clip="fly", direction="down")],
    ),
}


@pytest.mark.parametrize("name", SCENES)
def test_everything_stays_in_frame_over_the_clip(name: str) -> None:
    layout, motion = solve(SCENES[name])
    for placement in layout.placements:
        for t in TIMES:
            position, yaw = pose(motion, placement.entity, t)
            uv, depth = screen(layout, corners(placement, position, yaw))
            assert (depth > 0.1).all()
            assert (uv[:, 0] >= 0).all() and (uv[:, 0] <= SETTINGS.width).all(), (placement.entity, t)
            assert (uv[:, 1] >= 0).all() and (uv[:, 1] <= SETTINGS.height).all(), (placement.entity, t)


@pytest.mark.parametrize("name", SCENES)
def test_nothing_interpenetrates_over_the_clip(name: str) -> None:
    plan = SCENES[name]
    layout, motion = solve(plan)
    stacked = {(p.entity, p.support) for p in layout.placements} | {("ball", "table")}
    for t in TIMES:
        boxes = {p.entity: world_box(p, motion, t) for p in layout.placements}
        for a in boxes:
            for b in boxes:
                if a >= b or (a, b) in stacked or (b, a) in stacked:
                    continue
                (lo_a, hi_a), (lo_b, hi_b) = boxes[a], boxes[b]
                apart = (hi_a <= lo_b + 1e-6) | (hi_b <= lo_a + 1e-6)  # [3] separated along each axis
                assert apart.any(), (a, b, t)


@pytest.mark.parametrize("name", SCENES)
def test_ground_things_stand_on_the_ground(name: str) -> None:
    layout, _ = solve(SCENES[name])
    for placement in layout.placements:
        category = SCENES[name].group_of()[placement.entity].category
        if placement.support is None and not CATEGORIES[category].flies:
            assert placement.position[1] == 0.0


def test_left_of_holds_every_frame_in_world_and_on_screen() -> None:
    layout, motion = solve(SCENES["dog runs left of ball"])
    p = placed(layout)
    for t in TIMES:
        (_, dog_hi), (ball_lo, _) = world_box(p["dog"], motion, t), world_box(p["ball"], motion, t)
        assert dog_hi[0] + 0.2 < ball_lo[0]
        uv_dog, _ = screen(layout, torch.tensor([pose(motion, "dog", t)[0]]))
        uv_ball, _ = screen(layout, torch.tensor([pose(motion, "ball", t)[0]]))
        assert uv_dog[0, 0] < uv_ball[0, 0]


def test_right_of_and_behind_hold() -> None:
    plan = make_plan([("cat", "cat"), ("car", "car")], [("cat", "right_of", "car"), ("cat", "behind", "car")])
    layout, motion = solve(plan)
    p = placed(layout)
    (cat_lo, cat_hi), (car_lo, car_hi) = world_box(p["cat"], motion, 2.0), world_box(p["car"], motion, 2.0)
    assert cat_lo[0] > car_hi[0] and cat_hi[2] < car_lo[2]
    uv, depth = screen(layout, torch.tensor([p["cat"].position, p["car"].position]))
    assert uv[0, 0] > uv[1, 0] and depth[0] > depth[1]


def test_in_front_is_nearer_and_offset_so_neither_hides_the_other() -> None:
    layout, motion = solve(SCENES["person in front of tree"])
    p = placed(layout)
    (person_lo, _), (_, tree_hi) = world_box(p["person"], motion, 2.0), world_box(p["tree"], motion, 2.0)
    assert person_lo[2] > tree_hi[2]
    uv, depth = screen(layout, torch.tensor([p["person"].position, p["tree"].position]))
    assert depth[0] < depth[1]
    assert abs(float(uv[0, 0] - uv[1, 0])) > 20  # pixels: the person stands off the trunk's line


def test_on_puts_the_subject_on_the_support_top_within_its_footprint() -> None:
    layout, motion = solve(SCENES["cat walks on table"])
    p = placed(layout)
    assert p["cat"].support == "table"
    for t in TIMES:
        (cat_lo, cat_hi), (table_lo, table_hi) = (
            world_box(p["cat"], motion, t),
            world_box(p["table"], motion, t),
        )
        assert cat_lo[1] == pytest.approx(0.75)
        assert (cat_lo[[0, 2]] >= table_lo[[0, 2]] - 1e-6).all() and (
            cat_hi[[0, 2]] <= table_hi[[0, 2]] + 1e-6
        ).all()


def test_on_scales_with_size_words() -> None:
    plan = Plan(
        prompt="test",
        environment="room",
        entities=[
            EntitySpec(id="cup", name="cup", category="generic", size_scale=0.3),
            EntitySpec(id="table", name="table", category="table", size_scale=1.5),
        ],
        relations=[Relation(subject="cup", predicate="on", object="table")],
    )
    layout, _ = solve(plan)
    p = placed(layout)
    assert p["table"].extent_m == pytest.approx((2.1, 1.125, 1.2))
    assert p["cup"].extent_m == pytest.approx((0.18, 0.18, 0.18))
    assert p["cup"].position[1] == pytest.approx(0.75 * 1.5)


def test_under_a_table_is_inside_its_footprint_and_below_its_top() -> None:
    layout, motion = solve(SCENES["ball under table, bird descends"])
    p = placed(layout)
    (ball_lo, ball_hi), (table_lo, table_hi) = (
        world_box(p["ball"], motion, 2.0),
        world_box(p["table"], motion, 2.0),
    )
    assert (ball_lo[[0, 2]] >= table_lo[[0, 2]]).all() and (ball_hi[[0, 2]] <= table_hi[[0, 2]]).all()
    assert ball_hi[1] < 0.75 and ball_lo[1] == 0.0


def test_flier_above_stays_above_the_object_top_all_clip() -> None:
    layout, motion = solve(SCENES["bird flies above dog"])
    p = placed(layout)
    dog_top = p["dog"].position[1] + p["dog"].extent_m[1]
    assert min(pose(motion, "bird", t)[0][1] for t in TIMES) > dog_top


def test_counts_give_rows_of_distinct_instances() -> None:
    plan = SCENES["crowd and cars"]
    layout, _ = solve(plan)
    people = [p for p in layout.placements if p.entity.startswith("person_")]
    assert len(people) == 7 and len([p for p in layout.placements if p.entity.startswith("car_")]) == 2
    assert len({round(p.position[2], 3) for p in people}) == 2  # a second row behind


def test_next_to_is_side_by_side_with_a_small_gap() -> None:
    layout, motion = solve(make_plan([("cat", "cat"), ("dog", "dog")], [("cat", "next_to", "dog")]))
    p = placed(layout)
    (cat_lo, cat_hi), (dog_lo, dog_hi) = world_box(p["cat"], motion, 2.0), world_box(p["dog"], motion, 2.0)
    gap = max(float(cat_lo[0] - dog_hi[0]), float(dog_lo[0] - cat_hi[0]))
    assert 0.0 < gap < 0.5
    assert abs(p["cat"].position[2] - p["dog"].position[2]) < 0.5


def test_still_animals_are_in_profile_and_people_face_the_camera() -> None:
    layout, _ = solve(make_plan([("dog", "dog"), ("person", "person"), ("horse", "horse")]))
    p = placed(layout)
    for animal in ("dog", "horse"):
        assert min(abs(math.remainder(p[animal].yaw, math.pi)), abs(p[animal].yaw)) < 1e-9
    heading_z = -math.sin(p["person"].yaw)
    assert heading_z > 0.8  # mostly towards the camera at +z


def test_unrelated_things_spread_out_and_are_not_tiny() -> None:
    layout, _ = solve(make_plan([("dog", "dog"), ("cat", "cat"), ("ball", "ball")]))
    p = placed(layout)
    xs = sorted(q.position[0] for q in p.values())
    assert xs[1] - xs[0] > 0.3 and xs[2] - xs[1] > 0.3
    uv, _ = screen(layout, corners(p["dog"], p["dog"].position, p["dog"].yaw))
    assert float(uv[:, 0].max() - uv[:, 0].min()) > 0.1 * SETTINGS.width


def test_layout_is_deterministic_and_has_notes() -> None:
    plan = SCENES["dog circles tree, horse behind"]
    first, _ = solve(plan)
    second, _ = solve(plan)
    assert first == second
    assert any("circle" in note for note in first.notes) and any("Camera" in note for note in first.notes)


def failed(name: str, *entities: str) -> Check:
    return Check(
        name=name, passed=False, score=0.2, entities=list(entities), message="failed", route="layout"
    )


def test_in_frame_feedback_backs_the_camera_off_further_each_attempt() -> None:
    plan = SCENES["dog runs left of ball"]
    distances = [
        math.dist(layout.camera.position, layout.camera.look_at)
        for layout, _ in (
            solve(plan),
            solve(plan, [failed("in_frame", "dog")], 1),
            solve(plan, [failed("in_frame")], 2),
        )
    ]
    assert distances[0] < distances[1] < distances[2]


def test_visibility_feedback_separates_more_and_raises_the_camera() -> None:
    plan = SCENES["person in front of tree"]
    base, _ = solve(plan)
    again, _ = solve(plan, [failed("visible", "tree")], 1)
    offset = [
        abs(placed(lay)["person"].position[0] - placed(lay)["tree"].position[0]) for lay in (base, again)
    ]
    assert offset[1] > offset[0]
    assert (
        again.camera.position[1] - again.camera.look_at[1] > base.camera.position[1] - base.camera.look_at[1]
    )


def test_relation_feedback_widens_that_relation_gap() -> None:
    plan = make_plan([("cat", "cat"), ("dog", "dog")], [("cat", "left_of", "dog")])
    gaps = []
    for feedback, attempt in (([], 0), ([failed("relation:left_of", "cat", "dog")], 1)):
        p = placed(solve(plan, feedback, attempt)[0])
        gaps.append(p["dog"].position[0] - p["cat"].position[0])
    assert gaps[1] > gaps[0] + 0.3


def test_missing_asset_is_a_clear_error() -> None:
    plan = make_plan([("dog", "dog", 2)])
    assets = fake_assets(plan)
    del assets["dog_2"]
    with pytest.raises(ValueError, match="dog_2"):
        layout_offline(plan, assets, SETTINGS, [], 0)


CAMERA_MOTIONS = [
    CameraSpec(motion="orbit"),
    CameraSpec(motion="orbit", orbit_deg=-120.0, elevation_deg=30.0),
    CameraSpec(motion="dolly_in", dolly_fraction=0.8),
    CameraSpec(motion="dolly_out"),
    CameraSpec(motion="pan_left", pan_deg=60.0),
    CameraSpec(motion="pan_right"),
    CameraSpec(motion="tilt_up", tilt_deg=30.0),
    CameraSpec(motion="tilt_down"),
    CameraSpec(motion="track", target="dog"),
]
MOVING_SCENE = make_plan(
    [("dog", "dog"), ("ball", "ball"), ("tree", "tree")],
    [("dog", "left_of", "ball")],
    [Action(entity="dog", verb="runs", clip="run", direction="left")],
)


@pytest.mark.parametrize("spec", CAMERA_MOTIONS, ids=lambda spec: spec.motion)
def test_every_entity_stays_in_frame_under_the_camera_motion(spec: CameraSpec) -> None:
    layout, motion = solve(MOVING_SCENE.model_copy(update={"camera": spec}))
    assert layout.camera_motion == spec
    tracks = {track.entity: track for track in motion.tracks}
    for t in [k * SETTINGS.duration_s / 40 for k in range(41)]:
        pose_t = camera_at(layout.camera, spec, t, SETTINGS.duration_s, tracks)
        viewmat, K = camera_matrices(pose_t, SETTINGS.width, SETTINGS.height)
        for placement in layout.placements:
            position, yaw = pose(motion, placement.entity, t)
            uv, depth = project_points(corners(placement, position, yaw), viewmat, K)
            assert (depth > 0.1).all()
            assert (uv >= 0).all() and (uv[:, 0] <= SETTINGS.width).all(), (spec.motion, placement.entity, t)
            assert (uv[:, 1] <= SETTINGS.height).all(), (spec.motion, placement.entity, t)


def test_tracking_camera_keeps_its_target_centred_across() -> None:
    spec = CameraSpec(motion="track", target="dog")
    layout, motion = solve(MOVING_SCENE.model_copy(update={"camera": spec}))
    tracks = {track.entity: track for track in motion.tracks}
    dog = placed(layout)["dog"]
    centres = []
    for t in TIMES:
        viewmat, K = camera_matrices(
            camera_at(layout.camera, spec, t, SETTINGS.duration_s, tracks), SETTINGS.width, SETTINGS.height
        )
        position, yaw = pose(motion, "dog", t)
        uv, _ = project_points(corners(dog, position, yaw).mean(0, keepdim=True), viewmat, K)
        centres.append(uv[0])
    centres = torch.stack(centres)  # [T, 2]
    torch.testing.assert_close(centres[:, 0], K[0, 2].expand(len(TIMES)), atol=2.0, rtol=0)  # across
    assert (centres[:, 1] - centres[0, 1]).abs().max() < 2.0  # steady up and down
    start, end = pose(motion, "dog", 0.0)[0], pose(motion, "dog", SETTINGS.duration_s)[0]
    assert end[0] < start[0] - 1.0  # the dog does run left in the world
    assert any("tracking dog" in note for note in layout.notes)


def test_orbit_needs_a_wider_framing_than_a_static_camera() -> None:
    static, _ = solve(MOVING_SCENE)
    orbit, _ = solve(MOVING_SCENE.model_copy(update={"camera": CameraSpec(motion="orbit")}))
    distance = {name: math.dist(layout.camera.position, layout.camera.look_at) for name, layout in
                (("static", static), ("orbit", orbit))}  # fmt: skip
    assert distance["orbit"] > distance["static"]
    assert static.placements == orbit.placements  # the camera moves, the scene does not


def test_under_something_without_an_underside_raises_it_over_the_subject_all_clip() -> None:
    """'A swan swimming under a bridge': the bridge hovers over the swan, which swims in place beneath it."""
    plan = make_plan(
        [("swan", "bird"), ("bridge", "generic")],
        [("swan", "under", "bridge")],
        [Action(entity="swan", verb="swims", clip="swim")],
    )
    layout, motion = solve(plan)
    p = placed(layout)
    assert any("Raised bridge above swan" in note for note in layout.notes)
    for t in TIMES:
        (swan_lo, swan_hi), (bridge_lo, bridge_hi) = (
            world_box(p["swan"], motion, t),
            world_box(p["bridge"], motion, t),
        )
        centre = (swan_lo + swan_hi) / 2
        assert bridge_lo[0] <= centre[0] <= bridge_hi[0] and bridge_lo[2] <= centre[2] <= bridge_hi[2]
        assert bridge_lo[1] >= swan_hi[1]


def test_depth_gap_grows_with_the_width_a_wide_mover_sweeps() -> None:
    """'A bus driving behind a man': the camera backs off to frame the bus's path, so the gap must too."""
    plan = make_plan(
        [("bus", "bus"), ("man", "person")],
        [("bus", "behind", "man")],
        [Action(entity="bus", verb="drives", clip="drive", direction="right")],
    )
    layout, _ = solve(plan)
    p = placed(layout)
    camera = torch.tensor(layout.camera.position)
    bus, man = (torch.tensor(p[name].position) for name in ("bus", "man"))
    distances = torch.linalg.norm(bus - camera), torch.linalg.norm(man - camera)
    assert float(distances[0] - distances[1]) > 0.05 * float(distances[1])


def test_a_crowd_circling_one_target_keeps_clear_of_each_other_all_clip() -> None:
    """Ten animals of two kinds round one tree: one shared radius whose chord fits the widest of them."""
    plan = make_plan(
        [("horse", "horse", 4), ("dog", "dog", 6), ("tree", "tree")],
        actions=[
            Action(entity="horse", verb="walk", clip="walk", direction="around", around="tree"),
            Action(entity="dog", verb="walk", clip="walk", direction="around", around="tree"),
        ],
    )
    layout, motion = solve(plan)
    placements = layout.placements
    extent = np.array([p.extent_m for p in placements])  # [E, 3]
    for t in TIMES:
        poses = [pose(motion, p.entity, t) for p in placements]
        position = np.array([[position_ for position_, _ in poses]])  # [1, E, 3]
        yaw = np.array([[yaw_ for _, yaw_ in poses]])  # [1, E]
        depth = box_penetration(position, yaw, extent)[0]  # [E, E]
        np.fill_diagonal(depth, -1.0)
        assert depth.max() <= 1e-6, (t, depth.max())


def test_many_things_on_one_table_shrink_to_fit_its_top_without_touching() -> None:
    plan = make_plan(
        [("ball", "ball", 5), ("cat", "cat", 4), ("table", "table")],
        [("ball", "on", "table"), ("cat", "on", "table")],
    )
    layout, motion = solve(plan)
    p = placed(layout)
    on_top = [e for e in p if e != "table"]
    assert {p[e].support for e in on_top} == {"table"}
    assert p["cat_1"].extent_m[1] < CATEGORIES["cat"].size_m[1]  # shrunk to fit
    table_lo, table_hi = world_box(p["table"], motion, 0.0)
    for e in on_top:
        lo, hi = world_box(p[e], motion, 0.0)
        assert (lo[[0, 2]] >= table_lo[[0, 2]] - 1e-6).all() and (
            hi[[0, 2]] <= table_hi[[0, 2]] + 1e-6
        ).all(), e
    extent = np.array([p[e].extent_m for e in on_top])  # [E, 3]
    position = np.array([[pose(motion, e, 0.0)[0] for e in on_top]])  # [1, E, 3]
    yaw = np.array([[pose(motion, e, 0.0)[1] for e in on_top]])  # [1, E]
    depth = box_penetration(position, yaw, extent)[0]  # [E, E]
    np.fill_diagonal(depth, -1.0)
    assert depth.max() <= 1e-6


def test_more_things_than_supports_are_dealt_round_the_supports() -> None:
    plan = make_plan([("cat", "cat", 5), ("chair", "chair", 3)], [("cat", "on", "chair")])
    layout, _ = solve(plan)
    supports = [p.support for p in layout.placements if p.entity.startswith("cat")]
    assert sorted(supports.count(chair) for chair in ("chair_1", "chair_2", "chair_3")) == [1, 2, 2]


def look_down_deg(layout: Layout, point: tuple[float, float, float]) -> float:
    """The angle below the horizon at which the camera sees `point`."""
    eye = np.array(layout.camera.position)
    to_point = np.array(point) - eye
    return math.degrees(math.atan2(-to_point[1], math.hypot(to_point[0], to_point[2])))


def test_things_on_a_table_are_seen_from_above_its_top_unless_a_low_view_is_asked() -> None:
    plan = make_plan([("apple", "apple", 4), ("table", "table")], [("apple", "on", "table")])
    layout, _ = solve(plan)
    apple = placed(layout)["apple_1"]
    assert look_down_deg(layout, apple.position) > 25.0  # the default 12° barely clears a 0.75 m top
    on_ground = make_plan([("apple", "apple", 4), ("table", "table")], [("apple", "next_to", "table")])
    plain, _ = solve(on_ground)
    assert look_down_deg(plain, placed(plain)["table"].position) < 20.0
    low = plan.model_copy(update={"camera": CameraSpec(elevation_deg=2.0)})
    kept, _ = solve(low)
    assert look_down_deg(kept, placed(kept)["apple_1"].position) < 10.0


def test_a_waving_hand_is_framed_above_the_standing_height() -> None:
    """The raised hand of 'a woman waves' reaches above her standing height (tools.scene.rigs.HEADROOM): the
    camera frames that height, so the hand stays in frame; a standing person is framed as before."""
    waving = make_plan([("woman", "person")], actions=[Action(entity="woman", verb="waves", clip="wave")])
    standing = make_plan([("woman", "person")])
    layout, _ = solve(waving)
    woman = placed(layout)["woman"]
    hand = corners(woman, woman.position, woman.yaw)
    hand[:, 1] = woman.position[1] + HEADROOM["wave"] * woman.extent_m[1]
    uv, _ = screen(layout, hand)
    assert (uv[:, 1] >= 0).all()  # the top of the raised hand is below the top edge of the frame
    unchanged, _ = solve(standing)
    assert layout.camera != unchanged.camera  # the waver's framing made room; the stander's did not need it
