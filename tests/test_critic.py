"""The offline critic on synthetic frame analyses: a scene that passes, and one broken check at a time.

The base scene (200 x 100 px, 8 frames): a red dog runs right, left of a tree; two cats sit to the right.
"""

import math

import pytest

from scenewright.agents.critic import critique_offline
from scenewright.schema import (
    Action,
    CameraPose,
    CameraSpec,
    Color,
    EntitySpec,
    Keyframe,
    Layout,
    Motion,
    Placement,
    Plan,
    Relation,
    Track,
)
from scenewright.settings import RunSettings
from scenewright.tools.render.analysis import EntityFrameStats, FrameAnalysis

SETTINGS = RunSettings(fps=4, duration_s=2.0, width=200, height=100)
TIMES = SETTINGS.frame_times()  # 8 frames
CAMERA = CameraPose(position=(0.0, 1.5, 8.0), look_at=(0.0, 0.5, 0.0), fov_deg=50.0)
FOCAL_PX = 107.2  # intrinsics(50 deg, 200, 100)

RED = Color(name="red", rgb=(0.85, 0.1, 0.1))
DOG = EntitySpec(id="dog", name="dog", category="dog", color=RED)
TREE = EntitySpec(id="tree", name="tree", category="tree")
CATS = EntitySpec(id="cat", name="cats", category="cat", count=2)
DOG_LEFT_OF_TREE = Relation(subject="dog", predicate="left_of", object="tree")
RUNS_RIGHT = Action(entity="dog", verb="runs", clip="run", direction="right")


def stats(bbox, depth, colors=None, hidden=0.0, border=False) -> EntityFrameStats:
    """An entity seen as a filled box; `hidden` is the fraction of it occluded."""
    x0, y0, x1, y1 = bbox
    area = (x1 - x0) * (y1 - y0)
    return EntityFrameStats(
        visible_pixels=round(area * (1 - hidden)),
        unoccluded_pixels=area,
        bbox=bbox,
        centroid=((x0 + x1) / 2, (y0 + y1) / 2),
        depth_m=depth,
        touches_border=border,
        colors=colors or {"gray": 1.0},
    )


def fixed(entity_stats: EntityFrameStats):
    """The same stats in every frame."""
    return lambda k: entity_stats


def running_dog(k: int) -> EntityFrameStats:
    x0 = 10 + 8 * k  # centre x 20 -> 76 px, always left of the tree
    return stats((x0, 60, x0 + 20, 80), 8.0, {"red": 0.7, "black": 0.2, "gray": 0.1})


BASE = {
    "dog": running_dog,
    "tree": fixed(stats((120, 10, 160, 90), 10.0, {"green": 0.7, "brown": 0.3})),
    "cat_1": fixed(stats((165, 75, 177, 85), 9.0)),
    "cat_2": fixed(stats((180, 75, 192, 85), 9.0)),
}


def frames(**changes) -> list[FrameAnalysis]:
    """The base scene with some instances' per-frame stats replaced (None: not in the frames at all)."""
    makers = {**BASE, **changes}
    return [
        FrameAnalysis(t=t, entities={i: make(k) for i, make in makers.items() if make is not None})
        for k, t in enumerate(TIMES)
    ]


def plan(relations=(DOG_LEFT_OF_TREE,), actions=(RUNS_RIGHT,), entities=(DOG, TREE, CATS)) -> Plan:
    return Plan(
        prompt="a red dog runs right, left of a tree; two cats",
        environment="park",
        entities=list(entities),
        relations=list(relations),
        actions=list(actions),
    )


def layout(**moved) -> Layout:
    positions = {
        "dog": (-2.0, 0.0, 1.0),
        "tree": (2.0, 0.0, -2.0),
        "cat_1": (4.0, 0.0, 0.0),
        "cat_2": (5.0, 0.0, 0.0),
    }
    extents = {
        "dog": (0.9, 0.6, 0.3),
        "tree": (3.0, 5.0, 3.0),
        "cat_1": (0.5, 0.3, 0.18),
        "cat_2": (0.5, 0.3, 0.18),
    }
    placements = [
        Placement(entity=i, position=p, yaw=0.0, extent_m=extents[i])
        for i, p in {**positions, **moved}.items()
    ]
    return Layout(placements=placements, camera=CAMERA)


def dog_track(end: tuple[float, float, float], end_yaw: float = 0.0) -> Motion:
    keys = [Keyframe(t=0.0, position=(-2.0, 0.0, 1.0), yaw=0.0), Keyframe(t=2.0, position=end, yaw=end_yaw)]
    return Motion(tracks=[Track(entity="dog", clip="run", keyframes=keys)])


def critique(plan_=None, layout_=None, motion=None, frames_=None):
    return critique_offline(
        plan_ or plan(),
        layout_ or layout(),
        motion or dog_track((0.0, 0.0, 1.0)),
        frames_ or frames(),
        SETTINGS,
        round=1,
    )


def failed(result):
    return [c for c in result.checks if not c.passed]


def only_failure(result):
    failures = failed(result)
    assert len(failures) == 1, [c.message for c in failures]
    return failures[0]


def named(result, name):
    return next(c for c in result.checks if c.name == name)


def test_base_scene_passes_every_check():
    result = critique()
    assert result.passed, [c.message for c in failed(result)]
    names = [c.name for c in result.checks]
    assert names.count("visible") == 4 and names.count("in_frame") == 4 and names.count("count") == 3
    assert {"no_interpenetration", "relation:left_of", "motion:right", "color"} <= set(names)
    assert all(c.route is None and 0.0 <= c.score <= 1.0 for c in result.checks)


def test_left_of_swapped():
    dog_right = fixed(stats((165, 60, 185, 80), 8.0, {"red": 1.0}))
    scene = frames(dog=dog_right, cat_1=None, cat_2=None)
    check = only_failure(critique(plan(actions=[], entities=[DOG, TREE]), frames_=scene))
    assert (check.name, check.route, check.entities) == ("relation:left_of", "layout", ["dog", "tree"])
    assert "0/8 frames" in check.message and "dog centre x=175 px, tree x=140 px" in check.message


def test_motion_going_the_wrong_way():
    check = only_failure(critique(frames_=frames(dog=lambda k: running_dog(7 - k))))
    assert (check.name, check.route, check.entities) == ("motion:right", "motion", ["dog"])
    assert "moves -56 px" in check.message


def test_toward_and_away_from_depth_and_box_growth():
    def approaching(k: int) -> EntityFrameStats:
        return stats((50 - k, 50 - 2 * k, 70 + k, 70 + 2 * k), 9.0 - 0.5 * k, {"red": 1.0})

    toward = Action(entity="dog", verb="walks", clip="walk", direction="toward")
    assert critique(plan(actions=[toward]), frames_=frames(dog=approaching)).passed
    away = Action(entity="dog", verb="walks", clip="walk", direction="away")
    check = only_failure(critique(plan(actions=[away]), frames_=frames(dog=approaching)))
    assert (check.name, check.route, check.entities) == ("motion:away", "motion", ["dog"])


def test_around_needs_more_than_half_a_circle():
    def circling(k: int) -> EntityFrameStats:
        angle = 2 * math.pi * k / len(TIMES)  # a full turn of radius 2 m around the tree, 10 m away
        x = round(140 + 2.0 * math.cos(angle) * FOCAL_PX / 10.0)
        return stats((x - 5, 60, x + 5, 70), 10.0 + 2.0 * math.sin(angle), {"red": 1.0})

    around = plan(actions=[Action(entity="dog", verb="runs", clip="run", direction="around", around="tree")])
    assert named(critique(around, frames_=frames(dog=circling)), "motion:around").passed
    straight = named(critique(around), "motion:around")
    assert not straight.passed and straight.route == "motion" and straight.entities == ["dog", "tree"]


def test_occluded_instance_breaks_the_count():
    mostly_hidden = fixed(stats((180, 75, 192, 85), 9.5, hidden=0.8))
    check = only_failure(critique(frames_=frames(cat_2=mostly_hidden)))
    assert (check.name, check.route, check.entities) == ("count", "layout", ["cat_2"])
    assert "the plan has 2; 0/6 key frames" in check.message


def test_wrong_colour():
    def brown_dog(k: int) -> EntityFrameStats:
        return stats(running_dog(k).bbox, 8.0, {"brown": 0.8, "black": 0.15, "red": 0.05})

    check = only_failure(critique(frames_=frames(dog=brown_dog)))
    assert (check.name, check.route, check.entities) == ("color", "assets", ["dog"])
    assert "red: 5% of its pixels" in check.message and "80% brown" in check.message


def test_dominant_hue_passes_below_the_share():
    def red_car(k: int) -> EntityFrameStats:  # tyres and windows outweigh the paint
        return stats(running_dog(k).bbox, 8.0, {"black": 0.5, "gray": 0.3, "red": 0.2})

    assert critique(frames_=frames(dog=red_car)).passed


def test_overlapping_boxes():
    check = only_failure(critique(layout_=layout(cat_1=(5.3, 0.0, 0.1))))
    assert (check.name, check.route, check.entities) == ("no_interpenetration", "layout", ["cat_1", "cat_2"])
    assert "overlap by 0.08 m" in check.message


def test_a_track_into_a_box_collides():
    check = only_failure(critique(motion=dog_track((2.0, 0.0, -1.5), end_yaw=0.5)))
    assert (check.name, check.route, check.entities) == ("no_interpenetration", "layout", ["dog", "tree"])


def test_resting_on_a_support_is_not_a_collision():
    cats_on_tree = Relation(subject="cat", predicate="on", object="tree")
    sitting = {
        "cat_1": fixed(stats((125, 2, 137, 12), 10.0)),
        "cat_2": fixed(stats((142, 2, 154, 12), 10.0)),
    }
    result = critique(
        plan([DOG_LEFT_OF_TREE, cats_on_tree]),
        layout(cat_1=(1.8, 4.9, -2.0), cat_2=(2.4, 4.9, -2.0)),
        frames_=frames(**sitting),
    )
    assert result.passed, [c.message for c in failed(result)]


def test_invisible_instance():
    tiny = fixed(stats((50, 50, 53, 53), 8.0, {"red": 1.0}))  # 9 px, under the 16 px floor
    result = critique(frames_=frames(dog=tiny))
    check = named(result, "visible")
    assert (check.passed, check.route, check.entities) == (False, "layout", ["dog"])
    assert "0/8 frames" in check.message and "would cover a median 9 px unoccluded" in check.message


def test_cut_off_by_the_frame_edge():
    cut = fixed(stats((150, 10, 200, 90), 10.0, {"green": 1.0}, border=True))
    check = only_failure(
        critique(plan(entities=[DOG, TREE]), frames_=frames(tree=cut, cat_1=None, cat_2=None))
    )
    assert (check.name, check.route, check.entities) == ("in_frame", "layout", ["tree"])


@pytest.mark.parametrize(
    ("predicate", "dog", "holds"),
    [
        ("in_front_of", stats((60, 50, 80, 70), 6.0), True),
        ("behind", stats((60, 50, 80, 70), 6.0), False),
        ("in_front_of", stats((125, 50, 135, 70), 10.05), True),  # same depth, but the tree is the hidden one
        ("on", stats((130, 0, 150, 10), 10.0), True),
        ("on", stats((130, 70, 150, 90), 10.0), False),
        ("above", stats((130, 0, 150, 10), 10.0), True),
        ("under", stats((130, 80, 150, 95), 10.0), True),
        ("next_to", stats((162, 60, 180, 80), 10.3), True),
        ("next_to", stats((20, 60, 40, 80), 10.3), False),
        ("near", stats((100, 60, 115, 80), 11.0), True),
    ],
)
def test_relations_on_screen(predicate, dog, holds):
    partly_hidden_tree = fixed(stats((120, 10, 160, 90), 10.0, hidden=0.2))
    relation = Relation(subject="dog", predicate=predicate, object="tree")
    scene = frames(dog=fixed(dog), tree=partly_hidden_tree, cat_1=None, cat_2=None)
    check = named(
        critique(plan([relation], actions=[], entities=[DOG, TREE]), frames_=scene), f"relation:{predicate}"
    )
    assert check.passed == holds, check.message
    assert check.route == (None if holds else "layout")


def test_group_relation_names_the_failing_instance():
    relation = Relation(subject="cat", predicate="right_of", object="tree")
    result = critique(
        plan([relation], actions=[]), frames_=frames(cat_1=fixed(stats((90, 75, 102, 85), 9.0)))
    )
    check = named(result, "relation:right_of")
    assert not check.passed and check.entities == ["cat_1", "tree"]
    assert "every tree instance" in check.message


def test_no_frames_is_an_error():
    with pytest.raises(ValueError, match="at least one frame"):
        critique_offline(plan(), layout(), dog_track((0.0, 0.0, 1.0)), [], SETTINGS, round=1)


# ----------------------------------------------------------------------------------- moving cameras

RUNS_LEFT = Action(entity="dog", verb="runs", clip="run", direction="left")
CENTRED_DOG = fixed(stats((90, 55, 110, 70), 7.5, {"red": 1.0}))
"""A tracking camera keeps the dog in the middle of every frame."""


def moving(spec: CameraSpec) -> Layout:
    return layout().model_copy(update={"camera_motion": spec})


@pytest.mark.parametrize(("end_x", "passes"), [(-4.0, True), (0.0, False)])
def test_motion_under_a_tracking_camera_is_judged_in_the_world(end_x, passes):
    """The dog stays centred on screen; it runs left (or right) in the world, and the camera follows it."""
    scene = frames(dog=CENTRED_DOG, cat_1=None, cat_2=None)
    track = CameraSpec(motion="track", target="dog")
    left = plan([], actions=[RUNS_LEFT], entities=[DOG, TREE])
    check = named(critique(left, moving(track), dog_track((end_x, 0.0, 1.0)), scene), "motion:left")
    assert check.passed == passes, check.message
    assert "camera's own motion removed" in check.message
    static = named(critique(left, layout(), dog_track((end_x, 0.0, 1.0)), scene), "motion:left")
    assert not static.passed and "moves +0 px" in static.message  # raw screen motion: none


def test_relations_under_an_orbit_are_judged_from_the_front_arc():
    """Seen from behind (every frame but mid-clip's) the dog is right of the tree; from the front, left."""

    def dog(k: int) -> EntityFrameStats:
        x0 = 60 if TIMES[k] == 1.0 else 170
        return stats((x0, 60, x0 + 20, 80), 8.0, {"red": 1.0})

    scene = frames(dog=dog, cat_1=None, cat_2=None)
    left_of = plan([DOG_LEFT_OF_TREE], actions=[], entities=[DOG, TREE])
    orbit = named(critique(left_of, moving(CameraSpec(motion="orbit")), frames_=scene), "relation:left_of")
    assert orbit.passed and "1/1 frames" in orbit.message
    static = named(critique(left_of, frames_=scene), "relation:left_of")
    assert not static.passed and "1/8 frames" in static.message


def test_a_tracking_camera_may_leave_the_others_behind():
    """The dog runs 28 m left and the camera follows: a 2 m tree is in view only at t = 0.5 .. 1.25 s."""
    far = dog_track((-30.0, 0.0, 1.0))

    def tree(k: int) -> EntityFrameStats:
        in_view = 0.4 < TIMES[k] < 1.3
        return stats((120, 10, 160, 90) if in_view else (0, 0, 0, 0), 10.0, {"green": 1.0})

    scene = frames(dog=CENTRED_DOG, tree=tree, cat_1=None, cat_2=None)
    left = plan([], actions=[RUNS_LEFT], entities=[DOG, TREE])
    small_tree = Placement(entity="tree", position=(2.0, 0.0, -2.0), yaw=0.0, extent_m=(1.0, 2.0, 1.0))
    tracked = moving(CameraSpec(motion="track", target="dog"))
    tracked = tracked.model_copy(
        update={"placements": [small_tree if p.entity == "tree" else p for p in tracked.placements]}
    )
    tracking = critique(left, tracked, far, scene)
    assert tracking.passed, [c.message for c in failed(tracking)]
    assert (
        "in 4/4 frames"
        in next(c for c in tracking.checks if c.name == "visible" and c.entities == ["tree"]).message
    )
    static = failed(critique(left, layout(), far, scene))
    assert {(c.name, tuple(c.entities)) for c in static} >= {
        ("visible", ("tree",)),
        ("motion:left", ("dog",)),
    }


@pytest.mark.parametrize(("clip", "holds"), [("sit", True), ("idle", False)])
def test_a_body_sitting_on_its_support_is_on_it_though_its_legs_hang_below_the_top(clip, holds):
    """A dog seated on the tree's top: its box spans the top edge (y 10), its legs hang far below it.
    Standing (idle), a box reaching that far down is sunk into the tree, which is not 'on'."""
    relation = Relation(subject="dog", predicate="on", object="tree")
    scene = frames(dog=fixed(stats((130, 2, 150, 60), 10.0)), cat_1=None, cat_2=None)
    seat = layout(dog=(2.0, 5.0, -2.0))
    seat.placements[0] = seat.placements[0].model_copy(update={"support": "tree"})
    keys = [Keyframe(t=0.0, position=(2.0, 5.0, -2.0), yaw=0.0)]
    motion = Motion(tracks=[Track(entity="dog", clip=clip, keyframes=keys)])
    result = critique(plan([relation], actions=[], entities=[DOG, TREE]), seat, motion, scene)
    assert named(result, "relation:on").passed == holds
