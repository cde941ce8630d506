"""The offline critic on synthetic frame analyses: a scene that passes, and one broken check at a time.

The base scene (200 x 100 px, 8 frames): a red dog runs right, left of a tree; two cats sit to the right.
The critic judges what the eval metrics judge (seen = a box of enough pixels with 30% showing, a group in
half the frames, the median count, relations in the frames where both are seen), so these tests state the
metrics' rules as the critic applies them to a plan.
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
    NounReading,
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
    assert names.count("visible") == 3 and names.count("in_frame") == 4 and names.count("count") == 3
    assert {"no_interpenetration", "relation:left_of", "motion:right", "action:run", "color"} <= set(names)
    assert all(c.route is None and 0.0 <= c.score <= 1.0 for c in result.checks)
    assert not any(name.startswith("noun:") for name in names)  # a plan without noun readings


def test_left_of_swapped():
    dog_right = fixed(stats((165, 60, 185, 80), 8.0, {"red": 1.0}))
    scene = frames(dog=dog_right, cat_1=None, cat_2=None)
    check = only_failure(critique(plan(actions=[], entities=[DOG, TREE]), frames_=scene))
    assert (check.name, check.route, check.entities) == ("relation:left_of", "layout", ["dog", "tree"])
    assert "holds in 0/8 frames" in check.message and "dog box (165, 60, 185, 80)" in check.message


def test_motion_going_the_wrong_way():
    check = only_failure(critique(frames_=frames(dog=lambda k: running_dog(7 - k))))
    assert (check.name, check.route, check.entities) == ("motion:right", "motion", ["dog"])
    assert "box centre x moves -56 px" in check.message


def test_toward_and_away_from_depth():
    def approaching(k: int) -> EntityFrameStats:
        return stats((50 - k, 50 - 2 * k, 70 + k, 70 + 2 * k), 9.0 - 0.5 * k, {"red": 1.0})

    toward = Action(entity="dog", verb="runs", clip="run", direction="toward")
    assert critique(plan(actions=[toward]), frames_=frames(dog=approaching)).passed
    away = Action(entity="dog", verb="runs", clip="run", direction="away")
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
    """Under 30% showing is not seen: the cats are seen as a group, but counted one."""
    mostly_hidden = fixed(stats((180, 75, 192, 85), 9.5, hidden=0.8))
    check = only_failure(critique(frames_=frames(cat_2=mostly_hidden)))
    assert (check.name, check.route, check.entities) == ("count", "layout", ["cat_2"])
    assert "the plan has 2; a median of 1 seen per frame" in check.message


def test_the_count_is_the_median_over_the_frames():
    """cat_2 is seen in 5 of the 8 frames: most frames show two cats; in 3 of them, most show one."""
    for seen_in, passes in ((5, True), (3, False)):

        def cat_2(k: int, seen_in: int = seen_in) -> EntityFrameStats:
            return stats((180, 75, 192, 85), 9.0, hidden=0.0 if k < seen_in else 1.0)

        cats = [c for c in critique(frames_=frames(cat_2=cat_2)).checks if c.name == "count"][-1]
        assert cats.passed == passes, cats.message
        assert cats.entities == (["cat_1", "cat_2"] if passes else ["cat_2"])


def test_wrong_colour():
    def brown_dog(k: int) -> EntityFrameStats:
        return stats(running_dog(k).bbox, 8.0, {"brown": 0.8, "black": 0.15, "red": 0.05})

    check = only_failure(critique(frames_=frames(dog=brown_dog)))
    assert (check.name, check.route, check.entities) == ("color", "assets", ["dog"])
    assert "red: 5% of its pixels, needs >= 25%" in check.message and "80% brown" in check.message


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
    """Two cats on a 2 m stump: their boxes stand on its top, inside its footprint."""
    cats_on_tree = Relation(subject="cat", predicate="on", object="tree")
    sitting = {
        "cat_1": fixed(stats((125, 30, 137, 40), 10.0)),
        "cat_2": fixed(stats((142, 30, 154, 40), 10.0)),
        "tree": fixed(stats((120, 40, 160, 90), 10.0, {"green": 0.7, "brown": 0.3})),
    }
    stump = layout(cat_1=(1.8, 2.0, -2.0), cat_2=(2.4, 2.0, -2.0))
    stump.placements[1] = stump.placements[1].model_copy(update={"extent_m": (3.0, 2.0, 3.0)})
    result = critique(plan([DOG_LEFT_OF_TREE, cats_on_tree]), stump, frames_=frames(**sitting))
    assert result.passed, [c.message for c in failed(result)]


def test_invisible_instance():
    tiny = fixed(stats((50, 50, 53, 53), 8.0, {"red": 1.0}))  # a 9 px box, under the 16 px floor
    result = critique(frames_=frames(dog=tiny))
    check = named(result, "visible")
    assert (check.passed, check.route, check.entities) == (False, "layout", ["dog"])
    assert "dog 0/8" in check.message and "would cover a median 9 px unoccluded" in check.message


def test_seen_is_the_box_area_with_enough_of_it_showing():
    """A 20 px box half hidden shows 10 px: seen, as the metrics count it; 80% hidden is not."""
    assert named(
        critique(frames_=frames(dog=fixed(stats((50, 50, 55, 54), 8.0, hidden=0.5)))), "visible"
    ).passed
    hidden = named(critique(frames_=frames(dog=fixed(stats((50, 50, 55, 54), 8.0, hidden=0.8)))), "visible")
    assert not hidden.passed


def test_a_group_is_visible_when_any_instance_is_seen_in_half_the_frames():
    """cat_2 is never seen: the cats are still in the video (the count check says one is missing)."""
    result = critique(frames_=frames(cat_2=None))
    cats = next(c for c in result.checks if c.name == "visible" and "cat_1" in c.entities)
    assert cats.passed
    assert [(c.name, c.entities) for c in failed(result)] == [("count", ["cat_2"])]
    away = named(
        critique(frames_=frames(dog=lambda k: running_dog(k) if k < 3 else stats((0, 0, 0, 0), 8.0))),
        "visible",
    )
    assert not away.passed and "38% of the frames (needs >= 50%)" in away.message


@pytest.mark.parametrize(("x", "passes"), [(7.0, True), (10.0, False)])
def test_cut_off_by_the_frame_edge(x, passes):
    """The tree's 3 m box at 10 m depth: a little past the edge (x = 7 m) is in frame, mostly out is not."""
    result = critique(
        plan(entities=[DOG, TREE]), layout(tree=(x, 0.0, -2.0)), frames_=frames(cat_1=None, cat_2=None)
    )
    check = next(c for c in result.checks if c.name == "in_frame" and c.entities == ["tree"])
    assert check.passed == passes, check.message
    assert check.route == (None if passes else "layout")


@pytest.mark.parametrize(
    ("predicate", "dog", "holds"),
    [
        ("in_front_of", stats((60, 50, 80, 70), 6.0), True),
        ("behind", stats((60, 50, 80, 70), 6.0), False),
        ("in_front_of", stats((125, 50, 135, 70), 10.05), True),  # same depth, but the tree is the hidden one
        ("left_of", stats((60, 50, 80, 70), 6.0), True),
        ("right_of", stats((60, 50, 80, 70), 6.0), False),
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


@pytest.mark.parametrize(
    ("predicate", "dog_at", "dog_box", "holds"),
    [
        ("on", (2.0, 5.0, -2.0), (130, 2, 150, 12), True),  # resting on the tree's top
        ("on", (2.0, 3.0, -2.0), (130, 2, 150, 12), False),  # higher on screen, but sunk into the tree
        ("on", (6.0, 5.0, -2.0), (130, 2, 150, 12), False),  # at the height of its top, beside it
        ("above", (2.0, 6.0, -2.0), (130, 0, 150, 8), True),
        ("above", (2.0, 0.0, 2.0), (130, 0, 150, 8), False),  # higher on screen only: nearer the camera
        ("under", (2.0, 0.0, -2.0), (130, 80, 150, 95), True),
    ],
)
def test_relations_in_the_world(predicate, dog_at, dog_box, holds):
    """on, above and under also ask where the dog stands (as the metrics do): the screen alone cannot tell
    'on the tree' from 'in front of it, higher in the picture'."""
    relation = Relation(subject="dog", predicate=predicate, object="tree")
    scene = frames(dog=fixed(stats(dog_box, 10.0)), cat_1=None, cat_2=None)
    still = Motion(
        tracks=[Track(entity="dog", clip="idle", keyframes=[Keyframe(t=0.0, position=dog_at, yaw=0.0)])]
    )
    result = critique(plan([relation], actions=[], entities=[DOG, TREE]), layout(dog=dog_at), still, scene)
    check = named(result, f"relation:{predicate}")
    assert check.passed == holds, check.message


def test_group_relation_names_the_failing_instance():
    relation = Relation(subject="cat", predicate="right_of", object="tree")
    result = critique(
        plan([relation], actions=[]), frames_=frames(cat_1=fixed(stats((90, 75, 102, 85), 9.0)))
    )
    check = named(result, "relation:right_of")
    assert not check.passed and check.entities == ["cat_1", "tree"]
    assert "against every seen tree instance" in check.message


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


def test_relations_are_judged_in_every_frame_as_the_viewer_sees_them():
    """An orbit shows the scene from behind, where the dog is right of the tree: the viewer (and the metrics)
    sees that, so it counts as for a static camera."""

    def dog(k: int) -> EntityFrameStats:
        x0 = 60 if TIMES[k] == 1.0 else 170
        return stats((x0, 60, x0 + 20, 80), 8.0, {"red": 1.0})

    scene = frames(dog=dog, cat_1=None, cat_2=None)
    left_of = plan([DOG_LEFT_OF_TREE], actions=[], entities=[DOG, TREE])
    for camera in (moving(CameraSpec(motion="orbit")), layout()):
        check = named(critique(left_of, camera, frames_=scene), "relation:left_of")
        assert not check.passed and "holds in 1/8 frames" in check.message


def test_a_tracking_camera_may_cut_the_others_off_but_not_hide_them():
    """The dog runs 28 m left and the camera follows (centred on it at mid-clip, x = -16 m): a 2 m tree is
    in the frames at t = 0.25 .. 1.25 s. Leaving the frame is what the layout allows; seen in 5 of 8 frames,
    it is still in the video."""
    far = dog_track((-30.0, 0.0, 1.0))

    def tree(k: int) -> EntityFrameStats:
        in_view = 0.2 < TIMES[k] < 1.3
        return stats((120, 10, 160, 90) if in_view else (0, 0, 0, 0), 10.0, {"green": 1.0})

    scene = frames(dog=CENTRED_DOG, tree=tree, cat_1=None, cat_2=None)
    left = plan([], actions=[RUNS_LEFT], entities=[DOG, TREE])
    tracked = Layout(
        placements=[
            Placement(entity="dog", position=(-16.0, 0.0, 1.0), yaw=0.0, extent_m=(0.9, 0.6, 0.3)),
            Placement(entity="tree", position=(2.0, 0.0, -2.0), yaw=0.0, extent_m=(1.0, 2.0, 1.0)),
        ],
        camera=CameraPose(position=(-16.0, 1.5, 8.0), look_at=(-16.0, 0.5, 0.0), fov_deg=50.0),
        camera_motion=CameraSpec(motion="track", target="dog"),
    )
    tracking = critique(left, tracked, far, scene)
    assert tracking.passed, [c.message for c in failed(tracking)]
    visible = next(c for c in tracking.checks if c.name == "visible" and "tree" in c.entities)
    assert "tree 5/8" in visible.message
    static = critique(left, tracked.model_copy(update={"camera_motion": CameraSpec()}), far, scene)
    assert ("in_frame", ["dog"]) in [(c.name, c.entities) for c in failed(static)]  # it runs out of view


# ----------------------------------------------------------------------------------------------- actions


def test_an_action_plays_its_clip_and_moves_as_it_says():
    still = Motion(
        tracks=[
            Track(entity="dog", clip="run", keyframes=[Keyframe(t=0.0, position=(-2.0, 0.0, 1.0), yaw=0.0)])
        ]
    )
    on_the_spot = named(
        critique(plan(actions=[RUNS_RIGHT.model_copy(update={"direction": None})]), motion=still),
        "action:run",
    )
    assert (on_the_spot.passed, on_the_spot.route) == (False, "motion")
    assert "moves 0.00 m (length 0.90 m), needs >= 0.5 lengths" in on_the_spot.message
    idle = Motion(
        tracks=[Track(entity="dog", clip="idle", keyframes=dog_track((0.0, 0.0, 1.0)).tracks[0].keyframes)]
    )
    other_clip = named(
        critique(plan(actions=[RUNS_RIGHT.model_copy(update={"direction": None})]), motion=idle), "action:run"
    )
    assert not other_clip.passed and "(the plan says run)" in other_clip.message


# ------------------------------------------------------------------------------------------------ nouns


def reading(noun: str, noun_class: str, basis: str, stands_for: str = "", **more) -> NounReading:
    return NounReading(noun=noun, noun_class=noun_class, basis=basis, stands_for=stands_for, **more)


def read(*readings: NounReading, entities=(DOG, TREE), **more) -> Plan:
    return plan([], actions=[], entities=entities).model_copy(update={"nouns": list(readings), **more})


def noun_checks(plan_: Plan) -> dict[str, tuple[bool, str | None, str]]:
    result = critique(plan_, frames_=frames(cat_1=None, cat_2=None))
    return {c.name: (c.passed, c.route, c.message) for c in result.checks if c.name.startswith("noun:")}


def test_every_noun_the_scene_stands_for_passes():
    checks = noun_checks(
        read(
            reading("dog", "thing", "own", "dog", category="dog"),
            reading("oak", "thing", "nearest", "tree", category="tree", similarity=0.71),
            reading("park", "setting", "setting", "park"),
            reading("day", "setting", "setting", ""),
            reading("rain", "effect", "effect", "rain"),
            reading("watercolor", "style", "style", "watercolor"),
            reading("fur", "material", "material", "dog"),
            reading("tail", "part", "part", "dog"),
            reading("tableau", "none", "none"),
            effects=["rain"],
            style="watercolor",
        )
    )
    assert all(passed for passed, _, _ in checks.values()), checks
    assert "nearest category by meaning, similarity 0.71" in checks["noun:oak"][2]


def test_a_noun_nothing_stands_for_goes_back_to_the_director():
    checks = noun_checks(
        read(
            reading("goldfish bowl", "thing", "nearest", ""),
            reading("beach", "setting", "setting", "beach"),
            reading("fog", "effect", "effect", "fog"),
            reading("pixel art", "style", "style", "pixel_art"),
        )
    )
    assert {name: (passed, route) for name, (passed, route, _) in checks.items()} == {
        name: (False, "director")
        for name in ("noun:goldfish bowl", "noun:beach", "noun:fog", "noun:pixel art")
    }
    assert "nothing in the scene stands for it" in checks["noun:goldfish bowl"][2]
    assert "environment park" in checks["noun:beach"][2]


def test_a_placard_fails_with_the_next_nearest_readings():
    lantern = EntitySpec(id="lantern", name="lantern", category="generic")
    checks = noun_checks(
        read(
            reading("lantern", "thing", "placard", "lantern", alternatives=["lamp", "candle"]),
            entities=[DOG, lantern],
        )
    )
    passed, route, message = checks["noun:lantern"]
    assert (passed, route) == (False, "director")
    assert "placard" in message and "next-nearest readings: lamp, candle" in message


def test_a_placard_no_noun_reads_as_a_thing_fails():
    """'growing moldy': 'moldy' is no thing, yet a placard was built for it."""
    moldy = EntitySpec(id="moldy", name="moldy", category="generic")
    checks = noun_checks(
        read(reading("dog", "thing", "own", "dog"), reading("moldy", "none", "none"), entities=[DOG, moldy])
    )
    assert checks["noun:dog"][0]
    failures = [
        c
        for c in critique(
            read(reading("moldy", "none", "none"), entities=[DOG, moldy]),
            frames_=frames(cat_1=None, cat_2=None),
        ).checks
        if c.name == "noun:moldy" and not c.passed
    ]
    assert len(failures) == 1 and failures[0].route == "director" and failures[0].entities == ["moldy"]


def test_a_plan_without_noun_readings_has_no_noun_checks():
    """scene.json before 1.6, or a model's plan: a placard there is not judged as a noun."""
    placard = EntitySpec(id="lantern", name="lantern", category="generic")
    assert noun_checks(read(entities=[DOG, placard])) == {}
