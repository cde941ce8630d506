"""The offline chat editor: messages -> edit operations -> the edited plan (no rendering)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from scenewright.agents.director import direct_offline
from scenewright.agents.editor import PROMPT_CHARS, Edit, EditError, apply_edits, read_edit
from scenewright.schema import Plan
from scenewright.tools.language import lexicon as lx

BASE = "a dog runs to the left of a ball near a tree"
DURATION = 4.0


@pytest.fixture(scope="module")
def base() -> Plan:
    return direct_offline(BASE)


def edit(plan: Plan, message: str, duration_s: float = DURATION) -> tuple[Plan, float]:
    """One chat turn: read the message against the plan and apply its edits."""
    request = read_edit(plan, message)
    assert request.command == "edit", request
    return apply_edits(plan, request.edits, duration_s)


def group(plan: Plan, entity_id: str) -> Any:
    return next(e for e in plan.entities if e.id == entity_id)


def action(plan: Plan, entity_id: str) -> Any:
    return next(a for a in plan.actions if a.entity == entity_id)


def relations(plan: Plan) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in plan.relations}


def test_base_scene(base: Plan) -> None:
    """The table below assumes this reading of BASE."""
    assert [e.id for e in base.entities] == ["dog", "ball", "tree"]
    assert relations(base) == {("dog", "left_of", "ball"), ("dog", "near", "tree")}
    assert (action(base, "dog").clip, base.camera.elevation_deg, base.camera.fov_deg) == ("run", 12.0, 50.0)


Probe = Callable[[Plan, float], object]
KINDS: list[tuple[str, list[tuple[str, str | None]], Probe, object]] = [
    ("make the dog red", [("set_color", "dog")], lambda p, d: group(p, "dog").color.name, "red"),
    ("the dog should be red", [("set_color", "dog")], lambda p, d: group(p, "dog").color.name, "red"),
    ("paint the ball blue", [("set_color", "ball")], lambda p, d: group(p, "ball").color.name, "blue"),
    ("make the puppy navy", [("set_color", "dog")], lambda p, d: group(p, "dog").color.name, "blue"),
    ("add a second ball", [("set_count", "ball")], lambda p, d: group(p, "ball").count, 2),
    ("add another ball", [("set_count", "ball")], lambda p, d: group(p, "ball").count, 2),
    ("one more ball", [("set_count", "ball")], lambda p, d: group(p, "ball").count, 2),
    ("two more balls", [("set_count", "ball")], lambda p, d: group(p, "ball").count, 3),
    ("three dogs", [("set_count", "dog")], lambda p, d: group(p, "dog").count, 3),
    ("make it five balls", [("set_count", "ball")], lambda p, d: group(p, "ball").count, 5),
    ("only two dogs", [("set_count", "dog")], lambda p, d: group(p, "dog").count, 2),
    (
        "add a red cube next to the dog",
        [("add_entity", "cube")],
        lambda p, d: (group(p, "cube").color.name, ("cube", "next_to", "dog") in relations(p)),
        ("red", True),
    ),
    (
        "remove the ball",
        [("remove_entity", "ball")],
        lambda p, d: [e.id for e in p.entities],
        ["dog", "tree"],
    ),
    (
        "delete the tree",
        [("remove_entity", "tree")],
        lambda p, d: [e.id for e in p.entities],
        ["dog", "ball"],
    ),
    ("no ball", [("remove_entity", "ball")], lambda p, d: [e.id for e in p.entities], ["dog", "tree"]),
    (
        "get rid of the ball",
        [("remove_entity", "ball")],
        lambda p, d: [e.id for e in p.entities],
        ["dog", "tree"],
    ),
    ("make the dog bigger", [("set_size", "dog")], lambda p, d: group(p, "dog").size_scale, 1.5),
    ("a smaller ball", [("set_size", "ball")], lambda p, d: group(p, "ball").size_scale, 0.6),
    ("make the tree huge", [("set_size", "tree")], lambda p, d: group(p, "tree").size_scale, 2.0),
    (
        "the dog should walk behind the tree",
        [("set_action", "dog"), ("set_relation", "dog")],
        lambda p, d: (action(p, "dog").clip, ("dog", "behind", "tree") in relations(p), len(p.relations)),
        ("walk", True, 2),  # the pair's 'near' is replaced, not kept beside 'behind'
    ),
    (
        "move the dog behind the tree",
        [("set_relation", "dog")],
        lambda p, d: (action(p, "dog").clip, ("dog", "behind", "tree") in relations(p)),
        ("run", True),  # placed, not set walking
    ),
    (
        "put the dog left of the ball",
        [("set_relation", "dog")],
        lambda p, d: ("dog", "left_of", "ball") in relations(p),
        True,
    ),
    (
        "the dog should run to the left",
        [("set_action", "dog")],
        lambda p, d: (action(p, "dog").clip, action(p, "dog").direction, action(p, "dog").description),
        ("run", "left", "runs to the left"),
    ),
    ("make the dog jump", [("set_action", "dog")], lambda p, d: action(p, "dog").clip, "jump"),
    ("the dog sits", [("set_action", "dog")], lambda p, d: action(p, "dog").clip, "sit"),
    ("the dog stops", [("set_action", "dog")], lambda p, d: action(p, "dog").clip, "idle"),
    ("the dog stands still", [("set_action", "dog")], lambda p, d: action(p, "dog").clip, "idle"),
    (
        "the dog runs around the tree",
        [("set_action", "dog")],
        lambda p, d: (action(p, "dog").direction, action(p, "dog").around),
        ("around", "tree"),
    ),
    ("slower", [("set_speed", None)], lambda p, d: action(p, "dog").speed, "slow"),
    ("make it slower", [("set_speed", None)], lambda p, d: action(p, "dog").speed, "slow"),
    ("the dog runs slower", [("set_speed", "dog")], lambda p, d: action(p, "dog").speed, "slow"),
    ("faster", [("set_speed", None)], lambda p, d: action(p, "dog").speed, "fast"),
    ("lower the camera", [("set_camera", None)], lambda p, d: p.camera.elevation_deg, 2.0),
    ("raise the camera", [("set_camera", None)], lambda p, d: p.camera.elevation_deg, 27.0),
    ("from above", [("set_camera", None)], lambda p, d: p.camera.elevation_deg, 55.0),
    ("low angle", [("set_camera", None)], lambda p, d: p.camera.elevation_deg, 2.0),
    ("orbit around the scene", [("set_camera", None)], lambda p, d: p.camera.motion, "orbit"),
    ("pan left", [("set_camera", None)], lambda p, d: p.camera.motion, "pan_left"),
    ("zoom in", [("set_camera", None)], lambda p, d: p.camera.fov_deg, 35.0),
    ("zoom out", [("set_camera", None)], lambda p, d: p.camera.fov_deg, 70.0),
    (
        "follow the dog",
        [("set_camera", None)],
        lambda p, d: (p.camera.motion, p.camera.target),
        ("track", "dog"),
    ),
    ("make it 6 seconds long", [("set_duration", None)], lambda p, d: d, 6.0),
    ("make it 6.5 seconds", [("set_duration", None)], lambda p, d: d, 6.5),
    ("longer", [("set_duration", None)], lambda p, d: d, 6.0),
    ("shorter", [("set_duration", None)], lambda p, d: d, 2.68),
    (
        "make the dog red and the ball blue",
        [("set_color", "dog"), ("set_color", "ball")],
        lambda p, d: (group(p, "dog").color.name, group(p, "ball").color.name),
        ("red", "blue"),
    ),
    (
        "add a ball and lower the camera",
        [("set_count", "ball"), ("set_camera", None)],
        lambda p, d: (group(p, "ball").count, p.camera.elevation_deg),
        (2, 2.0),
    ),
    (
        "make the dog red and bigger",
        [("set_color", "dog"), ("set_size", "dog")],
        lambda p, d: (group(p, "dog").color.name, group(p, "dog").size_scale),
        ("red", 1.5),
    ),
    (
        "add a cow and a cat",
        [("add_entity", "cow"), ("add_entity", "cat")],
        lambda p, d: [e.id for e in p.entities],
        ["dog", "ball", "tree", "cow", "cat"],
    ),
    (
        "the dog runs to the left of the screen",
        [("set_action", "dog")],
        lambda p, d: (action(p, "dog").direction, relations(p) == relations(direct_offline(BASE))),
        ("left", True),
    ),
    (
        "add a cat and make it red",
        [("add_entity", "cat"), ("set_color", "cat")],
        lambda p, d: group(p, "cat").color.name,
        "red",
    ),
]


@pytest.mark.parametrize(("message", "ops", "probe", "expected"), KINDS, ids=[row[0] for row in KINDS])
def test_message_kinds(
    base: Plan, message: str, ops: list[tuple[str, str | None]], probe: Probe, expected: object
):
    request = read_edit(base, message)
    assert [(e.op, e.entity) for e in request.edits] == ops
    plan, duration = apply_edits(base, request.edits, DURATION)
    assert probe(plan, duration) == expected
    assert all(e.describe() for e in request.edits)


@pytest.mark.parametrize(
    ("message", "command", "text"),
    [
        ("undo", "undo", "undo"),
        ("Go back!", "undo", "Go back!"),
        ("redo", "redo", "redo"),
        ("start over: a corgi runs on a beach", "new", "a corgi runs on a beach"),
        ("New scene - two cats sleep", "new", "two cats sleep"),
    ],
)
def test_commands(base: Plan, message: str, command: str, text: str) -> None:
    request = read_edit(base, message)
    assert (request.command, request.edits, request.text) == (command, [], text)


def test_first_message_is_a_new_scene() -> None:
    request = read_edit(None, "a corgi runs on a beach")
    assert (request.command, request.text) == ("new", "a corgi runs on a beach")
    assert read_edit(None, "undo").command == "undo"  # the chat answers 'nothing to undo'
    assert read_edit(None, "new scenery with a cat").text == "new scenery with a cat"


def test_six_turn_script() -> None:
    """A conversation as the chat graph runs it: each turn edits the previous turn's plan."""
    first = read_edit(None, "a dog runs to the left of a ball")
    plan, duration = direct_offline(first.text), DURATION
    plan, duration = edit(plan, "make the ball blue", duration)
    assert group(plan, "ball").color.name == "blue"
    plan, duration = edit(plan, "add a second ball", duration)
    assert group(plan, "ball").count == 2
    with pytest.raises(EditError, match="no tree"):
        read_edit(plan, "the dog should walk behind the tree")
    plan, duration = edit(plan, "add a tree to the right of the ball", duration)
    assert ("tree", "right_of", "ball") in relations(plan)
    plan, duration = edit(plan, "the dog should walk behind the tree", duration)
    assert action(plan, "dog").clip == "walk"
    assert ("dog", "behind", "tree") in relations(plan)
    plan, duration = edit(plan, "make it 6 seconds long and lower the camera", duration)
    assert (duration, plan.camera.elevation_deg) == (6.0, 2.0)
    assert [e.id for e in plan.entities] == ["dog", "ball", "tree"]
    assert plan.prompt.startswith(
        "a dog runs to the left of a ball; the ball is now blue; there are now 2 balls"
    )


def test_unknown_entity_names_it_and_lists_the_scene(base: Plan) -> None:
    with pytest.raises(EditError, match=r"no cat in the scene \(it has: dog, ball, tree\)"):
        read_edit(base, "make the cat red")
    with pytest.raises(EditError, match="no cat"):
        read_edit(base, "three cats")
    with pytest.raises(EditError, match="no sofa"):
        read_edit(base, "put the dog next to the sofa")
    with pytest.raises(EditError, match="no 'cat'"):
        apply_edits(base, [Edit(op="set_color", entity="cat", color="red")], DURATION)


@pytest.mark.parametrize("message", ["sing me a song", "a corgi runs on a beach", "make the dog happy", "  "])
def test_unknown_message_lists_what_is_understood(base: Plan, message: str) -> None:
    """Never a silent no-op: the error says what the editor can do."""
    with pytest.raises(EditError) as error:
        read_edit(base, message)
    assert "make the dog red" in str(error.value)


def test_a_message_half_understood_is_refused(base: Plan) -> None:
    with pytest.raises(EditError, match="sing a song"):
        read_edit(base, "make the dog red and sing a song")


def test_camera_error_says_what_the_camera_can_do(base: Plan) -> None:
    with pytest.raises(EditError, match="lower/raise the camera"):
        read_edit(base, "the camera should be purple")


def test_untouched_entities_keep_ids_order_and_fields(base: Plan) -> None:
    plan, _ = edit(base, "paint the ball blue and remove the tree")
    assert [e.id for e in plan.entities] == ["dog", "ball"]
    assert group(plan, "dog") == group(base, "dog")
    assert action(plan, "dog") == action(base, "dog")
    plan, _ = edit(base, "add a red cube next to the dog")
    assert plan.entities[:3] == base.entities


def test_colour_uses_the_lexicon_and_rewrites_the_sub_prompt(base: Plan) -> None:
    plan, _ = edit(base, "paint the ball crimson")
    ball = group(plan, "ball")
    assert (ball.color.name, ball.color.rgb) == ("red", lx.COLORS["red"])
    assert ball.description == "a red ball"
    plan, _ = edit(plan, "make the ball orange")
    assert group(plan, "ball").description == "an orange ball"


def test_added_entity_is_the_directors(base: Plan) -> None:
    """Category, size and colour as the director gives them for the phrase; a generic noun is listed."""
    plan, _ = edit(base, "add a red blorptang next to the dog")
    directed = direct_offline("a red blorptang next to the dog").entities[0]
    assert group(plan, "blorptang") == directed
    assert "blorptang" in plan.unknown_nouns
    plan, _ = edit(plan, "remove the blorptang")
    assert "blorptang" not in plan.unknown_nouns


def test_put_a_new_thing_on_an_existing_one() -> None:
    plan = direct_offline("a dog next to a table")
    plan, _ = edit(plan, "put a cat on the table")
    assert [e.id for e in plan.entities] == ["dog", "table", "cat"]
    assert ("cat", "on", "table") in relations(plan)


def test_added_ids_never_clash_with_instances(base: Plan) -> None:
    """A second ball group gets an id that no count of the first ball group can give an instance."""
    plan, _ = edit(base, "add a red ball")
    assert [e.id for e in plan.entities] == ["dog", "ball", "tree", "red_ball"]
    plan, _ = edit(plan, "add a ball on the tree")
    new = plan.entities[-1].id
    assert new not in {"ball", "red_ball"}
    plan, _ = edit(plan, "twelve balls")
    ids = [iid for e in plan.entities for iid in plan.instance_ids(e)]
    assert len(ids) == len(set(ids)) and new in ids


def test_remove_cleans_up_relations_actions_and_the_camera(base: Plan) -> None:
    plan, _ = edit(base, "follow the dog")
    plan, _ = edit(plan, "the ball rolls around the dog")
    plan, _ = edit(plan, "remove the dog")
    assert [e.id for e in plan.entities] == ["ball", "tree"]
    assert plan.relations == []
    assert (plan.camera.motion, plan.camera.target) == ("static", None)
    ball = action(plan, "ball")
    assert (ball.direction, ball.around, ball.description) == (None, None, "rolls")


def test_remove_one_of_several_lowers_the_count(base: Plan) -> None:
    plan, _ = edit(base, "three balls")
    plan, _ = edit(plan, "remove a ball")
    assert group(plan, "ball").count == 2
    plan, _ = edit(plan, "remove the balls")
    assert "ball" not in [e.id for e in plan.entities]


def test_the_last_entity_cannot_be_removed() -> None:
    plan = direct_offline("a dog")
    with pytest.raises(EditError, match="new scene"):
        read_edit(plan, "remove the dog")


def test_counts_stay_within_one_to_twelve(base: Plan) -> None:
    plan, _ = edit(base, "twelve balls")
    with pytest.raises(EditError, match="1 to 12"):
        read_edit(plan, "add another ball")
    with pytest.raises(EditError, match="1 to 12"):
        read_edit(base, "13 dogs")
    with pytest.raises(EditError, match="1 to 12"):
        apply_edits(base, [Edit(op="set_count", entity="dog", count=0)], DURATION)


def test_relation_to_itself_is_refused(base: Plan) -> None:
    with pytest.raises(EditError, match="itself"):
        apply_edits(base, [Edit(op="set_relation", entity="dog", predicate="near", object="dog")], DURATION)
    with pytest.raises(EditError, match="itself"):
        read_edit(base, "put the dog next to the dog")


def test_actions_keep_what_is_not_said(base: Plan) -> None:
    plan, _ = edit(base, "the dog should run to the left")
    plan, _ = edit(plan, "make the dog walk")
    assert (action(plan, "dog").clip, action(plan, "dog").direction) == ("walk", "left")
    plan, _ = edit(plan, "the dog runs slower")
    plan, _ = edit(plan, "the dog stops")
    assert (action(plan, "dog").clip, action(plan, "dog").direction) == ("idle", None)
    assert action(plan, "dog").speed == "slow"


def test_speed_of_one_entity_or_all(base: Plan) -> None:
    plan, _ = edit(base, "the ball rolls to the right")
    plan, _ = edit(plan, "the dog runs faster")
    assert (action(plan, "dog").speed, action(plan, "ball").speed) == ("fast", "normal")
    plan, _ = edit(plan, "slow down")
    assert (action(plan, "dog").speed, action(plan, "ball").speed) == ("slow", "slow")


def test_speed_needs_something_that_moves() -> None:
    plan = direct_offline("a red ball")
    with pytest.raises(EditError, match="does not move"):
        read_edit(plan, "faster")


def test_camera_steps_stop_at_their_limits(base: Plan) -> None:
    plan, _ = edit(base, "lower the camera")
    with pytest.raises(EditError, match="already as low"):
        read_edit(plan, "lower the camera")
    for expected in (27.0, 42.0, 57.0, 70.0):
        base, _ = edit(base, "raise the camera")
        assert base.camera.elevation_deg == expected
    with pytest.raises(EditError, match="already as high"):
        read_edit(base, "raise the camera")


def test_zoom_out_stops_at_the_widest_view(base: Plan) -> None:
    plan, _ = edit(base, "zoom out")
    plan, _ = edit(plan, "zoom out")
    assert plan.camera.fov_deg == 98.0
    plan, _ = edit(plan, "zoom out")
    assert plan.camera.fov_deg == 120.0
    with pytest.raises(EditError, match="already as wide"):
        read_edit(plan, "zoom out")


def test_static_camera_after_an_orbit(base: Plan) -> None:
    plan, _ = edit(base, "orbit around the scene")
    plan, _ = edit(plan, "static camera")
    assert plan.camera.motion == "static"


@pytest.mark.parametrize(
    ("message", "duration", "expected"),
    [("longer", 18.0, 20.0), ("shorter", 1.2, 1.0), ("make it 20 seconds", 4.0, 20.0)],
)
def test_duration_is_bounded(base: Plan, message: str, duration: float, expected: float) -> None:
    assert edit(base, message, duration)[1] == expected


@pytest.mark.parametrize(
    ("message", "duration", "reason"),
    [("longer", 20.0, "already as long"), ("make it 30 seconds", 4.0, "lasts 1 to 20 seconds, not 30")],
)
def test_duration_beyond_bounds_is_refused(base: Plan, message: str, duration: float, reason: str) -> None:
    with pytest.raises(EditError, match=reason):
        edit(base, message, duration)


def test_apply_is_pure(base: Plan) -> None:
    edits = read_edit(base, "make the dog red, add a cube next to the ball and zoom in").edits
    dumped = base.model_dump()
    first = apply_edits(base, edits, DURATION)
    assert apply_edits(base, edits, DURATION) == first
    assert base.model_dump() == dumped


def test_prompt_keeps_the_history_within_bounds(base: Plan) -> None:
    plan, _ = edit(base, "make the dog red")
    assert plan.prompt == f"{BASE}; the dog is now red"
    for _ in range(40):
        plan, _ = edit(plan, "make the dog blue and the dog red")
    assert len(plan.prompt) <= PROMPT_CHARS
    assert plan.prompt.startswith(f"{BASE}; …; ")
    assert plan.prompt.endswith("the dog is now blue; the dog is now red")


def test_references_by_id_name_colour_and_category(base: Plan) -> None:
    plan, _ = edit(base, "add a red ball")
    plan, _ = edit(plan, "paint the red ball green and the ball yellow")
    assert (group(plan, "ball").color.name, group(plan, "red_ball").color.name) == ("yellow", "green")
    two_dogs = direct_offline("a poodle and a corgi")
    with pytest.raises(EditError, match="which puppy do you mean: poodle, corgi"):
        read_edit(two_dogs, "make the puppy red")
    assert [e.entity for e in read_edit(two_dogs, "make the corgi red").edits] == ["corgi"]


@pytest.mark.parametrize(
    "fields",
    [
        {"op": "set_color", "entity": "dog"},
        {"op": "set_color", "entity": "dog", "color": "chartreuse"},
        {"op": "set_camera"},
        {"op": "set_duration", "duration_s": 5.0, "scale": 1.5},
        {"op": "set_relation", "entity": "dog", "predicate": "beside", "object": "ball"},
    ],
)
def test_malformed_edits_fail_on_construction(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Edit.model_validate(fields)
