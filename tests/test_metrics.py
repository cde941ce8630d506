"""The eval metrics: a correct render passes them, and each one fails when its own evidence is broken.

The scenes come from real runs of the whole pipeline on short prompts; the failing cases are copies of those
scenes with one thing changed (boxes swapped, a trajectory reversed, an instance hidden, colours or a clip
replaced, two entities pushed into each other), so each test shows the metric reads that evidence.
"""

from pathlib import Path
from typing import Any

import pytest

from scenewright import RunSettings, generate
from scenewright.evals.metrics import score_item, suite_nouns
from scenewright.evals.schema import (
    ActionExpectation,
    AttributeExpectation,
    CountExpectation,
    EvalItem,
    Expectations,
    MetricResult,
    MotionExpectation,
    NounMapping,
    SpatialExpectation,
)
from scenewright.schema import SceneDocument

TINY = RunSettings(width=160, height=90, fps=4, duration_s=2.0)
PROMPTS = {
    "dog_and_ball": "a dog runs to the left of a red ball",
    "cats_on_table": "three cats sit on a table",
    "puppy": "a puppy walks to the right",
    "spinning_hat": "a hat spins next to a cake",
}


@pytest.fixture(scope="module")
def scenes(tmp_path_factory) -> dict[str, SceneDocument]:
    root = tmp_path_factory.mktemp("runs")
    return {name: generate(prompt, root / name, TINY).scene for name, prompt in PROMPTS.items()}


def expect(**fields) -> EvalItem:
    """An item whose `objects` are every noun its expectations name."""
    expectations = Expectations(**fields)
    objects = expectations.objects or suite_nouns(expectations)
    return EvalItem(
        id="t",
        suite="test",
        category="test",
        prompt="p",
        expect=expectations.model_copy(update={"objects": objects}),
    )


def score(item: EvalItem, scene: SceneDocument) -> tuple[list[MetricResult], list[NounMapping]]:
    return score_item(item, scene, Path("unused: every metric reads scene.json"))


def metric(item: EvalItem, scene: SceneDocument, name: str) -> MetricResult:
    (result,) = [r for r in score(item, scene)[0] if r.name == name]
    return result


def edited(scene: SceneDocument, instance: str, **fields: Any) -> SceneDocument:
    """A copy with one instance's frame fields replaced: a list gives one value per frame."""
    frames = []
    for k, frame in enumerate(scene.frames):
        update = {name: value[k] if isinstance(value, list) else value for name, value in fields.items()}
        state = frame.entities[instance].model_copy(update=update)
        frames.append(frame.model_copy(update={"entities": {**frame.entities, instance: state}}))
    return scene.model_copy(update={"frames": frames})


def per_frame(scene: SceneDocument, instance: str, field: str) -> list[Any]:
    return [getattr(frame.entities[instance], field) for frame in scene.frames]


DOG_LEFT_OF_BALL = SpatialExpectation(subject="dog", relation="left_of", object="ball")


def test_real_runs_pass_what_their_prompts_say(scenes):
    items = {
        "dog_and_ball": expect(
            spatial=[DOG_LEFT_OF_BALL],
            motions=[MotionExpectation(object="dog", direction="left")],
            attributes=[AttributeExpectation(object="ball", words=["red"])],
            actions=[ActionExpectation(object="dog", action="runs")],
        ),
        "cats_on_table": expect(
            spatial=[SpatialExpectation(subject="cats", relation="on", object="table")],
            counts=[CountExpectation(object="cats", count=3)],
            actions=[ActionExpectation(object="cat", action="sit")],
        ),
        "puppy": expect(
            motions=[MotionExpectation(object="puppy", direction="right")],
            actions=[ActionExpectation(object="puppy", action="walks")],
        ),
    }
    for name, item in items.items():
        results, _ = score(item, scenes[name])
        assert {r.name for r in results} >= {"visibility", "interpenetration"}
        assert [r.detail for r in results if not r.passed] == [], name


def test_scene_json_carries_each_entitys_colour_shares(scenes):
    ball = [frame.entities["ball"] for frame in scenes["dog_and_ball"].frames if frame.entities["ball"].bbox]
    assert ball and all(sum(state.colors.values()) == pytest.approx(1.0, abs=0.01) for state in ball)
    assert all(max(state.colors, key=state.colors.__getitem__) == "red" for state in ball)
    assert all(share > 0 and round(share, 3) == share for state in ball for share in state.colors.values())


def test_swapped_boxes_turn_left_of_into_right_of(scenes):
    scene = scenes["dog_and_ball"]
    swapped = edited(scene, "dog", bbox=per_frame(scene, "ball", "bbox"))
    swapped = edited(swapped, "ball", bbox=per_frame(scene, "dog", "bbox"))
    right_of = SpatialExpectation(subject="dog", relation="right_of", object="ball")
    assert metric(expect(spatial=[DOG_LEFT_OF_BALL]), scene, "spatial").passed
    assert not metric(expect(spatial=[DOG_LEFT_OF_BALL]), swapped, "spatial").passed
    assert metric(expect(spatial=[right_of]), swapped, "spatial").passed


def test_depth_decides_in_front_and_behind(scenes):
    scene = scenes["dog_and_ball"]
    ball_depths = per_frame(scene, "ball", "depth_m")
    nearer = edited(scene, "dog", depth_m=[depth - 1.0 for depth in ball_depths])
    farther = edited(scene, "dog", depth_m=[depth + 1.0 for depth in ball_depths])
    in_front = expect(spatial=[SpatialExpectation(subject="dog", relation="in_front_of", object="ball")])
    assert metric(in_front, nearer, "spatial").passed
    assert not metric(in_front, farther, "spatial").passed


def test_on_is_not_under(scenes):
    scene = scenes["cats_on_table"]
    under = expect(spatial=[SpatialExpectation(subject="cat", relation="under", object="table")])
    result = metric(under, scene, "spatial")
    assert not result.passed and "cat" in result.detail


def test_reversed_trajectory_fails_the_direction(scenes):
    scene = scenes["dog_and_ball"]
    backwards = {field: per_frame(scene, "dog", field)[::-1] for field in ("bbox", "depth_m", "position")}
    reversed_run = edited(scene, "dog", **backwards)
    left = expect(motions=[MotionExpectation(object="dog", direction="left")])
    right = expect(motions=[MotionExpectation(object="dog", direction="right")])
    assert not metric(left, reversed_run, "motion").passed
    assert metric(right, reversed_run, "motion").passed
    assert not metric(right, scene, "motion").passed


def test_a_hidden_instance_changes_the_count(scenes):
    scene = scenes["cats_on_table"]
    hidden = edited(scene, "cat_3", bbox=None, visible_fraction=0.0)
    three = expect(counts=[CountExpectation(object="cat", count=3)])
    two = expect(counts=[CountExpectation(object="cat", count=2)])
    assert metric(three, scene, "numeracy").passed and not metric(two, scene, "numeracy").passed
    assert not metric(three, hidden, "numeracy").passed and metric(two, hidden, "numeracy").passed


def test_mostly_hidden_instances_are_not_seen(scenes):
    scene = scenes["cats_on_table"]
    sliver = edited(scene, "cat_3", visible_fraction=0.2)
    assert not metric(expect(counts=[CountExpectation(object="cat", count=3)]), sliver, "numeracy").passed


def test_the_colour_seen_decides_the_attribute(scenes):
    scene = scenes["dog_and_ball"]
    repainted = edited(scene, "ball", colors={"blue": 0.8, "black": 0.2})
    red = expect(attributes=[AttributeExpectation(object="ball", words=["red"])])
    crimson = expect(attributes=[AttributeExpectation(object="ball", words=["crimson"])])  # a synonym of red
    blue = expect(attributes=[AttributeExpectation(object="ball", words=["blue"])])
    assert metric(red, scene, "attribute").passed and metric(crimson, scene, "attribute").passed
    assert not metric(blue, scene, "attribute").passed
    assert not metric(red, repainted, "attribute").passed and metric(blue, repainted, "attribute").passed


def test_words_no_pixel_shows_are_checked_on_the_plan_and_marked_unmeasured(scenes):
    wooden = expect(attributes=[AttributeExpectation(object="ball", words=["wooden"])])
    result = metric(wooden, scenes["dog_and_ball"], "attribute")
    assert not result.measured and not result.passed and "wooden" in result.detail


def test_the_named_entity_must_play_the_verbs_clip(scenes):
    scene = scenes["dog_and_ball"]
    tracks = [t.model_copy(update={"clip": "idle"}) if t.entity == "dog" else t for t in scene.motion.tracks]
    resting = scene.model_copy(update={"motion": scene.motion.model_copy(update={"tracks": tracks})})
    runs = expect(actions=[ActionExpectation(object="dog", action="runs")])
    assert metric(runs, scene, "action").passed
    assert not metric(runs, resting, "action").passed
    ball_runs = metric(expect(actions=[ActionExpectation(object="ball", action="runs")]), scene, "action")
    assert not ball_runs.passed and "played by dog instead" in ball_runs.detail


def test_a_running_clip_that_does_not_travel_fails(scenes):
    scene = scenes["dog_and_ball"]
    frozen = edited(scene, "dog", position=scene.frames[0].entities["dog"].position)
    runs = expect(actions=[ActionExpectation(object="dog", action="runs")])
    assert metric(runs, scene, "action").passed and not metric(runs, frozen, "action").passed


def test_a_spin_must_turn_the_body(scenes):
    scene = scenes["spinning_hat"]
    spins = expect(actions=[ActionExpectation(object="hat", action="twirls")])
    assert metric(spins, scene, "action").passed
    still = [
        t.model_copy(update={"keyframes": [k.model_copy(update={"yaw": 0.0}) for k in t.keyframes]})
        for t in scene.motion.tracks
    ]
    unturned = scene.model_copy(update={"motion": scene.motion.model_copy(update={"tracks": still})})
    result = metric(spins, unturned, "action")
    assert not result.passed and "turns 0.00 times" in result.detail


def test_an_unknown_verb_expects_idle_and_says_so(scenes):
    scene = scenes["dog_and_ball"]
    dog = metric(expect(actions=[ActionExpectation(object="dog", action="frobnicates")]), scene, "action")
    ball = metric(expect(actions=[ActionExpectation(object="ball", action="frobnicates")]), scene, "action")
    assert not dog.passed and "unknown verb" in dog.detail
    assert ball.passed and "unknown verb" in ball.detail


def test_entities_pushed_into_each_other_fail_interpenetration(scenes):
    scene = scenes["dog_and_ball"]
    merged = edited(scene, "ball", position=per_frame(scene, "dog", "position"))
    assert metric(expect(objects=["dog"]), scene, "interpenetration").passed
    result = metric(expect(objects=["dog"]), merged, "interpenetration")
    assert not result.passed and "dog and ball overlap" in result.detail


def test_things_resting_on_a_table_do_not_count_as_penetrating(scenes):
    assert metric(expect(objects=["table"]), scenes["cats_on_table"], "interpenetration").passed


def test_suite_nouns_match_by_name_then_head_noun_then_category(scenes):
    item = expect(objects=["puppy", "dog", "young puppies", "squirrel"])
    results, nouns = score(item, scenes["puppy"])
    assert nouns == [
        NounMapping(noun="puppy", category="dog", kind="known"),
        NounMapping(noun="dog", category="dog", kind="known"),
        NounMapping(noun="young puppies", category="dog", kind="known"),
        NounMapping(noun="squirrel", category=None, kind="missing"),
    ]
    visibility = [r for r in results if r.name == "visibility"]
    assert [r.passed for r in visibility] == [True, True, True, False]
    assert ["(name)" in visibility[0].detail, "(category)" in visibility[1].detail] == [True, True]
    assert "(head noun)" in visibility[2].detail


def test_stand_ins_and_generic_assets_are_reported_and_never_matched_by_their_borrowed_category(tmp_path):
    scene = generate("a purple zorblax stands next to a squirrel", tmp_path / "out", TINY).scene
    assert {(e.name, e.category) for e in scene.entities} == {("zorblax", "generic"), ("squirrel", "cat")}
    _, nouns = score(expect(objects=["zorblax", "squirrel", "lion", "cat"]), scene)
    assert nouns == [
        NounMapping(noun="zorblax", category="generic", kind="generic"),
        NounMapping(noun="squirrel", category="cat", kind="nearest"),
        NounMapping(noun="lion", category=None, kind="missing"),  # also built as a cat: not the squirrel
        NounMapping(noun="cat", category=None, kind="missing"),
    ]


def test_without_suite_nouns_every_built_entity_must_be_visible(scenes):
    scene = scenes["dog_and_ball"]
    results, nouns = score(expect(), scene)
    assert nouns == [] and [r.name for r in results] == ["visibility", "visibility", "interpenetration"]
    gone = edited(scene, "ball", bbox=None, visible_fraction=0.0)
    assert [r.passed for r in score(expect(), gone)[0]] == [True, False, True]
