"""The director's LLM path: answer -> Plan conversion, its repair messages, the template; and the offline
director's sub-prompts (the same Plan fields the model fills)."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from scenewright.agents.director import direct_offline
from scenewright.agents.director_llm import DirectorAnswer, direct_llm, template_variables, to_plan
from scenewright.agents.llm import load_template
from scenewright.schema import Plan
from scenewright.tools.language import lexicon as lx
from scenewright.tools.scene.catalog import CATEGORIES

SCENE = "Two brown dogs run around a tree in a park while a red ball rolls to the left"
PROMPT = f"{SCENE}; the camera follows the ball."


def base_answer() -> dict[str, Any]:
    """A correct answer to PROMPT, as a model would write it."""
    return {
        "environment": "park",
        "scene": "a green park",
        "entities": [
            {"id": "dog", "name": "dog", "category": "dog", "count": 2, "color": "brown", "height_m": 0.6,
             "attributes": [], "description": "a brown dog"},
            {"id": "tree", "name": "tree", "category": "tree", "count": 1, "color": None, "height_m": 5.0,
             "attributes": [], "description": "a tree"},
            {"id": "ball", "name": "ball", "category": "ball", "count": 1, "color": "red", "height_m": 0.3,
             "attributes": [], "description": "a red ball"},
        ],
        "relations": [{"subject": "ball", "predicate": "in_front_of", "object": "tree"}],
        "actions": [
            {"entity": "dog", "verb": "run", "clip": "run", "direction": "around", "around": "tree",
             "description": "run around the tree"},
            {"entity": "ball", "verb": "rolls", "clip": "roll", "direction": "left", "around": None,
             "description": "rolls to the left"},
        ],
        "camera": "track",
        "camera_target": "ball",
    }  # fmt: skip


def plan_of(answer: dict[str, Any], prompt: str = PROMPT) -> Plan:
    """What the director's LLM path makes of a parsed answer: validation, then conversion."""
    return to_plan(DirectorAnswer.model_validate(answer), prompt)


def changed(edit: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    answer = base_answer()
    edit(answer)
    return answer


def entity(answer: dict[str, Any], entity_id: str) -> dict[str, Any]:
    return next(e for e in answer["entities"] if e["id"] == entity_id)


# ------------------------------------------------------------------------------------ valid answers


def test_a_valid_answer_becomes_the_plan_it_describes() -> None:
    plan = plan_of(base_answer())
    assert plan.prompt == PROMPT
    assert (plan.environment, plan.scene_description) == ("park", "a green park")
    dog, tree, ball = plan.entities
    assert (dog.id, dog.name, dog.category, dog.count) == ("dog", "dog", "dog", 2)
    assert dog.description == "a brown dog"
    assert dog.color is not None and (dog.color.name, dog.color.rgb) == ("brown", lx.COLORS["brown"])
    assert (tree.color, tree.height_m, tree.size_scale) == (None, 5.0, 1.0)
    assert ball.color is not None and ball.color.name == "red"
    assert [(r.subject, r.predicate, r.object) for r in plan.relations] == [("ball", "in_front_of", "tree")]
    run, roll = plan.actions
    assert (run.entity, run.clip, run.direction, run.around) == ("dog", "run", "around", "tree")
    assert roll.model_dump() == {
        "entity": "ball",
        "verb": "rolls",
        "clip": "roll",
        "direction": "left",
        "around": None,
        "description": "rolls to the left",
        "speed": "normal",
    }
    assert (plan.camera.motion, plan.camera.target) == ("track", "ball")
    assert plan.unknown_nouns == []


def test_height_sets_the_size_scale_against_the_catalog_prior() -> None:
    answer = changed(lambda a: entity(a, "dog").update(height_m=0.9, attributes=["big"]))
    dog = plan_of(answer).entities[0]
    assert dog.height_m == 0.9
    assert dog.size_scale == pytest.approx(0.9 / CATEGORIES["dog"].size_m[1])
    assert dog.attributes == ["big"]


def test_the_template_example_is_an_answer_the_conversion_accepts() -> None:
    """The worked example in prompts/director.md must itself pass every check, or it teaches errors."""
    text = resources.files("scenewright.prompts").joinpath("director.md").read_text(encoding="utf-8")
    prompt = re.search(r'Example\. Prompt: "(.*?)"', text)
    example = re.search(r"Answer:\n(\{.*?\})\n\nReply", text, re.DOTALL)
    assert prompt is not None and example is not None
    plan = plan_of(json.loads(example.group(1)), prompt.group(1))
    assert [(e.name, e.category, e.count) for e in plan.entities] == [
        ("dog", "dog", 2),
        ("sculpture", "generic", 1),
    ]
    assert plan.unknown_nouns == ["sculpture"]
    assert (plan.camera.motion, plan.camera.target) == ("track", "dog")


def test_ids_are_normalised_the_same_way_wherever_they_are_used() -> None:
    def shout(answer: dict[str, Any]) -> None:
        entity(answer, "ball")["id"] = "Red Ball"
        answer["relations"][0]["subject"] = "red ball"
        answer["actions"][1]["entity"] = "RED_BALL"
        answer["camera_target"] = "Red ball"

    plan = plan_of(changed(shout))
    assert plan.entities[2].id == "red_ball"
    assert plan.relations[0].subject == plan.actions[1].entity == plan.camera.target == "red_ball"


# ------------------------------------------------------------------------------------ synonyms


def edit_entity(entity_id: str, **fields: object) -> Callable[[dict[str, Any]], object]:
    return lambda answer: entity(answer, entity_id).update(fields)


def edit_relation(**fields: object) -> Callable[[dict[str, Any]], object]:
    return lambda answer: answer["relations"][0].update(fields)


def edit_action(index: int, **fields: object) -> Callable[[dict[str, Any]], object]:
    return lambda answer: answer["actions"][index].update(fields)


SYNONYMS = [
    (edit_entity("dog", category="puppy"), lambda p: p.entities[0].category, "dog"),
    (edit_entity("dog", category="Dog"), lambda p: p.entities[0].category, "dog"),
    (edit_entity("dog", category="generic"), lambda p: p.entities[0].category, "dog"),
    (edit_entity("dog", category="animal"), lambda p: p.entities[0].category, "dog"),
    (edit_entity("ball", color="crimson"), lambda p: p.entities[2].color.name, "red"),
    (edit_entity("ball", color="Light Red"), lambda p: p.entities[2].color.name, "red"),
    (edit_entity("tree", color="none"), lambda p: p.entities[1].color, None),
    (edit_entity("dog", count="two"), lambda p: p.entities[0].count, 2),
    (edit_entity("dog", height_m="0.6 m"), lambda p: p.entities[0].height_m, 0.6),
    (edit_entity("dog", name="Dogs"), lambda p: p.entities[0].name, "dog"),
    (edit_entity("tree", attributes="tall, old"), lambda p: p.entities[1].attributes, ["tall", "old"]),
    (edit_relation(predicate="in front of"), lambda p: p.relations[0].predicate, "in_front_of"),
    (edit_relation(predicate="on top of"), lambda p: p.relations[0].predicate, "on"),
    (edit_relation(predicate="Left_Of"), lambda p: p.relations[0].predicate, "left_of"),
    (edit_action(1, direction="to the left"), lambda p: p.actions[1].direction, "left"),
    (edit_action(0, clip="running"), lambda p: p.actions[0].clip, "run"),
    (edit_action(0, clip="sprint"), lambda p: p.actions[0].clip, "run"),
    (lambda a: a.update(environment="playground"), lambda p: p.environment, "park"),
    (lambda a: a.update(environment="living room"), lambda p: p.environment, "room"),
    (lambda a: a.update(camera="follow"), lambda p: p.camera.motion, "track"),
    ]  # fmt: skip


@pytest.mark.parametrize(("edit", "read", "expected"), SYNONYMS)
def test_synonyms_map_onto_the_allowed_values(
    edit: Callable[[dict[str, Any]], object], read: Callable[[Plan], object], expected: object
) -> None:
    assert read(plan_of(changed(edit))) == expected


@pytest.mark.parametrize(
    ("camera", "motion"), [("zoom out", "dolly_out"), ("pan left", "pan_left"), ("none", "static")]
)
def test_camera_synonyms(camera: str, motion: str) -> None:
    plan = plan_of(changed(lambda a: a.update(camera=camera, camera_target=None)), SCENE)
    assert plan.camera.motion == motion and plan.camera.target is None


@pytest.mark.parametrize(
    ("name", "category"),
    [("stapler", "office"), ("stapler", "generic"), ("gizmo", "gizmo"), ("gizmo", None)],
)
def test_nouns_without_an_asset_become_generic_and_unknown_nouns(name: str, category: str | None) -> None:
    answer = {
        "environment": "field",
        "scene": "a field",
        "entities": [
            {"id": name, "name": name, "category": category, "height_m": 1.0, "description": f"a {name}"}
        ],
    }
    plan = plan_of(answer, f"A {name} stands in a field")
    assert plan.entities[0].category == "generic"
    assert plan.unknown_nouns == [name]


def test_a_synonym_the_prompt_uses_counts_as_naming_the_entity() -> None:
    plan = plan_of(changed(edit_entity("dog", name="corgi", description="a brown corgi")))
    assert plan.entities[0].name == "corgi"


# ------------------------------------------------------------------------------------ what the rigs can play


@pytest.mark.parametrize(
    ("prompt", "name", "category", "clip", "direction", "expected"),
    [
        ("a car races to the right", "car", "car", "run", "right", ("drive", "right")),
        ("a boat moves to the left", "boat", "boat", "walk", "left", ("swim", "left")),
        ("a dog sits down", "dog", "dog", "sit", "down", ("sit", None)),
    ],
)
def test_clips_become_what_the_rig_plays(
    prompt: str, name: str, category: str, clip: str, direction: str, expected: tuple[str, str | None]
) -> None:
    height = CATEGORIES[category].size_m[1]
    answer = {
        "environment": "field",
        "scene": "a field",
        "entities": [
            {"id": name, "name": name, "category": category, "height_m": height, "description": name}
        ],
        "actions": [
            {"entity": name, "verb": "moves", "clip": clip, "direction": direction, "description": "m"}
        ],
    }
    action = plan_of(answer, prompt).actions[0]
    assert (action.clip, action.direction) == expected


def test_the_prompts_camera_framing_is_kept() -> None:
    prompt = "A close-up of a dog sitting while the camera orbits 180 degrees"
    answer = {
        "environment": "field",
        "scene": "a field",
        "entities": [
            {"id": "dog", "name": "dog", "category": "dog", "height_m": 0.6, "description": "a dog"}
        ],
        "camera": "orbit",
    }
    camera = plan_of(answer, prompt).camera
    assert (camera.motion, camera.fov_deg, camera.orbit_deg) == ("orbit", 30.0, 180.0)


# ------------------------------------------------------------------------------------ repairs


def drop_tree(answer: dict[str, Any]) -> None:
    answer["entities"] = [e for e in answer["entities"] if e["id"] != "tree"]
    answer["relations"] = []
    answer["actions"][0].update(direction="left", around=None)


ERRORS = [
    # invented ids, with the known ids listed
    (edit_relation(object="cat"), "relations.0.object", "dog, tree, ball"),
    (edit_action(1, entity="kitten"), "actions.1.entity", "dog, tree, ball"),
    (edit_action(0, around="house"), "actions.0.around", "dog, tree, ball"),
    (lambda a: a.update(camera_target="cat"), "camera_target", "dog, tree, ball"),
    # ids
    (edit_entity("ball", id="dog"), "entities.2.id", "used twice"),
    (edit_entity("ball", id="dog_2"), "entities.2.id", "one of the dog entities"),
    (edit_entity("ball", id="!!"), "entities.2.id", "no letters"),
    # relations, actions, camera
    (edit_relation(object="ball"), "relations.0", "itself"),
    (edit_relation(predicate="beside of"), "relations.0.predicate", "next_to"),
    (edit_action(0, around=None), "actions.0.around", "needs the id"),
    (edit_action(1, around="tree"), "actions.1.around", "only when direction is 'around'"),
    (edit_action(0, around="dog"), "actions.0.around", "itself"),
    (edit_action(1, clip="idle"), "actions.1.direction", "walk, run"),
    (lambda a: a["actions"].append(dict(a["actions"][1])), "actions.2", "already has an action"),
    (edit_action(0, clip="levitate"), "actions.0.clip", "idle"),
    (lambda a: a.update(camera_target=None), "camera_target", "'track' camera follows"),
    (lambda a: a.update(camera="orbit"), "camera_target", "only a 'track' camera"),
    (lambda a: a.update(environment="moon"), "environment", "beach"),
    # entities
    (edit_entity("dog", height_m=60), "entities.0.height_m", "0.6 m"),
    (edit_entity("dog", height_m=0.01), "entities.0.height_m", "between 0.06 and 2.4"),
    (edit_entity("dog", count=0), "entities.0.count", "greater than or equal to 1"),
    (edit_entity("dog", count=13), "entities.0.count", "less than or equal to 12"),
    (edit_entity("ball", color="sparkly"), "entities.2.color", "red, orange"),
    (edit_entity("dog", name="!"), "entities.0.name", "no noun"),
    (lambda a: a["entities"].append(a["entities"][2] | {"id": "cat", "name": "cat", "category": "cat"}),
     "entities.3.name", "never mentions 'cat'"),
    (lambda a: a["entities"].append(a["entities"][1] | {"id": "park", "name": "park", "category": "generic"}),
     "entities.3", "part of the setting"),
    # contradictions with the prompt
    (edit_entity("dog", count=3), "entities.0.count", "'two brown dogs' (2)"),
    (edit_entity("ball", color="blue"), "entities.2.color", "the ball is red"),
    (drop_tree, "entities", "also names 'tree'"),
    (lambda a: a.update(camera="static", camera_target=None), "camera", "(track)"),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "field", "hint"), ERRORS)
def test_unusable_answers_are_sent_back_naming_the_field_and_what_is_allowed(
    edit: Callable[[dict[str, Any]], object], field: str, hint: str
) -> None:
    with pytest.raises(ValueError) as error:
        plan_of(changed(edit))
    message = str(error.value)
    assert field in message and hint in message


@pytest.mark.parametrize("category", [[], {"name": "dog"}, 3, None])
def test_a_category_that_is_not_a_word_comes_from_the_name_as_a_missing_one_does(category: object) -> None:
    plan = plan_of(changed(edit_entity("dog", category=category)))  # a list once raised TypeError (fuzz)
    assert plan.entities[0].category == "dog"


def test_each_problem_is_its_own_line() -> None:
    def three_problems(answer: dict[str, Any]) -> None:
        entity(answer, "dog")["height_m"] = 60
        answer["relations"][0]["object"] = "cat"
        answer["camera_target"] = None

    with pytest.raises(ValueError) as error:
        plan_of(changed(three_problems))
    lines = str(error.value).splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "entities.0.height_m",
        "relations.0.object",
        "camera_target",
    ]


@pytest.mark.parametrize(
    ("prompt", "entities"),
    [
        (
            "A black dog and two white dogs play",
            [("black dog", "black_dog", 1), ("white dog", "white_dog", 2)],
        ),
        ("Two boys kick a ball", [("boy", "boy", 2), ("ball", "ball", 1)]),
        ("40 birds fly over a lake", [("bird", "bird", 12)]),
        ("A herd of cows grazes", [("cow", "cow", 7)]),
    ],
)
def test_counts_the_prompt_does_not_state_plainly_are_the_models_call(
    prompt: str, entities: list[tuple[str, str, int]]
) -> None:
    answer = {
        "environment": "field",
        "scene": "a field",
        "entities": [
            {
                "id": id_,
                "name": name,
                "category": "generic",
                "count": count,
                "height_m": 0.6,
                "description": name,
            }
            for name, id_, count in entities
        ],
    }
    assert [e.count for e in plan_of(answer, prompt).entities] == [count for *_, count in entities]


def test_a_colour_of_clothes_is_not_held_against_the_wearer() -> None:
    answer = {
        "environment": "street",
        "scene": "a street",
        "entities": [
            {"id": "man", "name": "man", "category": "person", "color": "blue", "height_m": 1.8,
             "attributes": ["red shirt"], "description": "a man in a red shirt and blue jeans"},
        ],
    }  # fmt: skip
    man = plan_of(answer, "A man in a red shirt and blue jeans walks down a street").entities[0]
    assert man.color is not None and man.color.name == "blue"


# ------------------------------------------------------------------------------------ safety


EDITS = [edit for edit, *_ in ERRORS + SYNONYMS]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(EDITS), max_size=4))
def test_an_answer_either_makes_a_valid_plan_or_gets_a_repair_message(
    edits: list[Callable[[dict[str, Any]], object]],
) -> None:
    """Whatever validates converts, or fails with the conversion's own message: never an invalid Plan."""
    answer = base_answer()
    for edit in edits:
        with contextlib.suppress(IndexError, StopIteration):  # an earlier edit removed what it edits
            edit(answer)
    try:
        parsed = DirectorAnswer.model_validate(answer)
    except ValidationError:
        return
    try:
        plan = to_plan(parsed, PROMPT)
    except ValidationError as error:  # a Plan the conversion should have refused with a message
        pytest.fail(f"an invalid plan slipped through: {error}")
    except ValueError:
        return
    assert Plan.model_validate(plan.model_dump()) == plan


# ------------------------------------------------------------------------------------ template and wiring


def test_the_template_renders_with_the_variables_the_director_passes() -> None:
    templates = load_template("director")
    schema = json.dumps(DirectorAnswer.model_json_schema())
    values = template_variables(PROMPT) | {"schema": schema}
    assert {name for t in templates.values() for name in t.get_identifiers()} <= set(values)
    system, user = templates["system"].substitute(values), templates["user"].substitute(values)
    assert PROMPT in user
    assert schema in system and "Reply with one JSON object only." in system
    for allowed in [*CATEGORIES, *lx.COLORS, "in_front_of", "drive", "around", "dolly_in", "desert"]:
        assert allowed in system


def test_direct_llm_asks_once_for_a_director_answer_and_converts_it() -> None:
    class Recorder:
        """Stands in for AgentLLM: answers with `answer` through the convert function it is given."""

        def __init__(self, answer: dict[str, Any]) -> None:
            self.answer, self.calls = answer, []

        def ask(self, schema: type[DirectorAnswer], *, convert: Any, variables: dict[str, str]) -> Plan:
            self.calls.append((schema, variables))
            return convert(schema.model_validate(self.answer))

    llm = Recorder(base_answer())
    plan = direct_llm(PROMPT, llm)  # type: ignore[arg-type]
    assert plan is not None and [e.id for e in plan.entities] == ["dog", "tree", "ball"]
    [(schema, variables)] = llm.calls
    assert schema is DirectorAnswer and variables == template_variables(PROMPT)


# ------------------------------------------------------------------------------------ offline sub-prompts


@pytest.mark.parametrize(
    ("prompt", "name", "description"),
    [
        ("a small red ball rolls on the grass", "ball", "a small red ball"),
        ("an old wooden chair in a garden", "chair", "an old wooden chair"),
        ("Girl in pink sweater holding a golden trophy", "girl", "a girl in pink sweater"),
        ("the car is blue", "car", "a blue car"),
        ("a crimson car drives", "car", "a crimson car"),
        ("three dogs play", "dog", "a dog"),
    ],
)
def test_offline_entity_sub_prompts_describe_one_instance_as_said(
    prompt: str, name: str, description: str
) -> None:
    group = next(e for e in direct_offline(prompt).entities if e.name == name)
    assert group.description == description


@pytest.mark.parametrize(
    ("prompt", "scene"),
    [
        ("a dog runs on a sandy beach", "a sandy beach"),
        ("a fox in the snowy forest", "the snowy forest"),
        ("a cat sleeps", "a grassy field"),
        ("a dog wags its tail in their backyard", "a backyard"),
    ],
)
def test_offline_scene_sub_prompt_quotes_the_place(prompt: str, scene: str) -> None:
    assert direct_offline(prompt).scene_description == scene


@pytest.mark.parametrize(
    ("prompt", "description"),
    [
        ("a red ball rolls to the left", "rolls to the left"),
        ("a dog runs around a tree", "runs around the tree"),
        ("a bird flies up", "flies upward"),
        ("a cat sleeps", "sleeps"),
    ],
)
def test_offline_motion_sub_prompts(prompt: str, description: str) -> None:
    assert direct_offline(prompt).actions[0].description == description


def test_offline_sub_prompts_fit_the_schema_for_long_prompts() -> None:
    prompt = f"a {'shiny ' * 80}ball rolls to the left on a {'sandy ' * 80}beach"
    plan = direct_offline(prompt)
    assert 0 < len(plan.entities[0].description) <= 200 and 0 < len(plan.scene_description) <= 300
