"""The motion agent's LLM path: the model's clips and timing animate the paths the layout reserved room for,
and every answer it cannot use goes back for repair with a message that says what is allowed."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from test_layout import fake_assets, make_plan

from scenewright.agents.layout import layout_offline, swept_box
from scenewright.agents.llm import load_template
from scenewright.agents.motion import MAX_GAIN, clip_speed, planned_path
from scenewright.agents.motion_llm import MotionAnswer, motion_llm
from scenewright.schema import Action, AgentUsage, Check, Layout, Motion, Placement, Plan, Track
from scenewright.settings import RunSettings
from scenewright.tools.scene.compose import root_pose_at
from scenewright.tools.scene.geometry import footprint_half_extents

SETTINGS = RunSettings()  # 4 s
T = SETTINGS.duration_s


class ScriptedLLM:
    """Stands in for AgentLLM: renders the motion template as `ask` does, then converts each scripted
    answer in turn (a failed one is a repair) and returns None when none converts."""

    def __init__(self, *answers: dict[str, Any]) -> None:
        self.answers = answers
        self.errors: list[str] = []
        self.rendered: dict[str, str] = {}
        self.usage = AgentUsage()
        self.on_event: Callable[[str], None] = lambda message: None

    def ask(
        self,
        schema: type[BaseModel],
        *,
        convert: Callable[[Any], Any],
        section: str = "user",
        variables: dict[str, object] | None = None,
    ) -> Any:
        values = {"schema": json.dumps(schema.model_json_schema())}
        values |= {key: str(value) for key, value in (variables or {}).items()}
        templates = load_template("motion")
        self.rendered = {name: templates[name].substitute(values) for name in ("system", section)}
        for answer in self.answers:
            try:
                return convert(schema.model_validate(answer))
            except (ValueError, ValidationError) as error:
                self.errors.append(str(error))
        return None


def item(entity: str, clip: str, start: float = 0.0, end: float = T, speed: str = "normal") -> dict[str, Any]:
    return {"entity": entity, "clip": clip, "start_s": start, "end_s": end, "speed": speed}


def runs_left(count: int = 1) -> Plan:
    return make_plan(
        [("dog", "dog", count), ("ball", "ball")],
        actions=[
            Action(entity="dog", verb="runs", clip="run", direction="left", description="runs to the left")
        ],
    )


def animate(
    plan: Plan,
    *answers: dict[str, Any],
    paths: dict[str, list[tuple[float, float, float]]] | None = None,
    feedback: list[Check] | None = None,
    attempt: int = 0,
) -> tuple[Layout, Motion | None, ScriptedLLM]:
    assets = fake_assets(plan)
    layout = layout_offline(plan, assets, SETTINGS, [], 0).model_copy(update={"paths": paths or {}})
    llm = ScriptedLLM(*answers)
    motion = motion_llm(plan, layout, assets, SETTINGS, feedback or [], attempt, llm)
    return layout, motion, llm


def track(motion: Motion | None, iid: str) -> Track:
    assert motion is not None
    return next(t for t in motion.tracks if t.entity == iid)


def placement(layout: Layout, iid: str) -> Placement:
    return next(p for p in layout.placements if p.entity == iid)


def x_at(motion: Motion | None, iid: str, t: float) -> float:
    return root_pose_at(track(motion, iid), t)[0][0]


def test_the_chosen_clip_moves_inside_its_window_and_holds_still_outside_it() -> None:
    answer = {"motions": [item("dog", "walk", 1.0, 3.5), item("ball", "idle")]}
    layout, motion, llm = animate(runs_left(), answer)
    dog = track(motion, "dog")
    assert dog.clip == "walk" and track(motion, "ball").clip == "idle" and not llm.errors
    assert dog.keyframes[0].t == 0.0 and dog.keyframes[-1].t == T
    assert x_at(motion, "dog", 0.0) == x_at(motion, "dog", 0.5) == x_at(motion, "dog", 1.0)
    assert x_at(motion, "dog", 3.5) == x_at(motion, "dog", 3.8) == x_at(motion, "dog", T)
    assert x_at(motion, "dog", 3.5) < x_at(motion, "dog", 2.0) < x_at(motion, "dog", 1.0) - 0.5  # left
    ball = placement(layout, "ball")
    assert {k.position for k in track(motion, "ball").keyframes} == {ball.position}


def test_a_load_rides_with_its_carrier_inside_the_chosen_window() -> None:
    plan = make_plan(
        [("truck", "truck"), ("ball", "ball")],
        [("ball", "on", "truck")],
        [Action(entity="truck", verb="drives", clip="drive", direction="right")],
    )
    _, motion, llm = animate(plan, {"motions": [item("truck", "drive", 1.0, 3.0), item("ball", "idle")]})
    assert not llm.errors
    gaps = {
        round(x_at(motion, "ball", t) - x_at(motion, "truck", t), 6) for t in (0.0, 1.0, 1.7, 2.4, 3.0, T)
    }
    assert len(gaps) == 1  # the ball keeps its place on the truck, still before and after the drive
    assert x_at(motion, "ball", T) - x_at(motion, "ball", 0.0) > 3.0


def test_travel_speed_is_the_clip_speed_times_the_speed_word() -> None:
    """The root covers the chosen clip's travel over the window (its speed, capped at a few body lengths)
    times the speed word, not whatever the room allows."""
    answer = {"motions": [item("dog", "walk", 0.5, 3.0, speed="slow"), item("ball", "idle")]}
    layout, motion, _ = animate(runs_left(), answer)
    extent = placement(layout, "dog").extent_m
    travelled = x_at(motion, "dog", 0.5) - x_at(motion, "dog", 3.0)
    assert travelled == pytest.approx(0.6 * min(2.5 * clip_speed("walk", extent), 3 * max(extent)))


def test_a_group_item_times_every_instance_unless_one_has_its_own() -> None:
    answer = {"motions": [item("dog", "run"), item("dog_2", "run", 2.0, T), item("ball", "idle")]}
    _, motion, llm = animate(runs_left(count=2), answer)
    assert not llm.errors
    assert x_at(motion, "dog_1", 1.0) < x_at(motion, "dog_1", 0.0)
    assert x_at(motion, "dog_2", 1.0) == x_at(motion, "dog_2", 0.0) > x_at(motion, "dog_2", 3.0)


def traffic() -> Plan:
    return make_plan(
        [("dog", "dog"), ("car", "car"), ("ball", "ball")],
        actions=[
            Action(entity="dog", verb="runs", clip="run", direction="left"),
            Action(entity="car", verb="drives", clip="drive", direction="right"),
        ],
    )


GOOD = [item("dog", "run"), item("car", "drive"), item("ball", "idle")]


@pytest.mark.parametrize(
    ("items", "problem"),
    [
        ([*GOOD, item("cat", "walk")], "motions[3].entity: unknown id 'cat'; use one of dog, car, ball"),
        (GOOD[:2], "motions: no item for ball"),
        ([*GOOD, item("dog", "walk")], "motions[3].entity: 'dog' appears twice"),
        ([GOOD[0], item("car", "walk"), GOOD[2]], "car is a car (wheeled rig) and cannot walk; use drive"),
        ([GOOD[0], GOOD[1], item("ball", "fly")], "ball is a ball (ball rig) and cannot fly; use idle"),
        (
            [item("dog", "idle"), *GOOD[1:]],
            "'idle' contradicts the prompt, where dog runs left; use run or walk",
        ),
        ([item("dog", "run", -1.0, 3.0), *GOOD[1:]], "must satisfy 0 <= start_s < end_s <= 4"),
        ([item("dog", "run", 1.0, 5.0), *GOOD[1:]], "must satisfy 0 <= start_s < end_s <= 4"),
        ([item("dog", "run", 3.0, 2.0), *GOOD[1:]], "must satisfy 0 <= start_s < end_s <= 4"),
        ([item("dog", "run", 2.0, 2.5), *GOOD[1:]], "dog acts for 0.5 s; an action must last at least 1 s"),
        ([item("dog", "gallop"), *GOOD[1:]], "motions.0.clip"),
    ],
)
def test_an_unusable_answer_is_sent_back_with_what_is_allowed(items: list[dict], problem: str) -> None:
    _, motion, llm = animate(traffic(), {"motions": items}, {"motions": GOOD})
    assert len(llm.errors) == 1 and problem in llm.errors[0]
    assert track(motion, "car").clip == "drive"  # the repaired answer is used


def test_no_usable_answer_means_the_offline_path() -> None:
    _, motion, llm = animate(traffic(), {"motions": GOOD[:2]}, {"moves": []})
    assert motion is None and len(llm.errors) == 2


def inside(placement: Placement, keys: list, room) -> bool:
    for key in keys:
        half_x, half_z = footprint_half_extents(placement.extent_m, key.yaw)
        x, y, z = key.position
        if not (
            room.lo[0] - 1e-9 <= x - half_x
            and x + half_x <= room.hi[0] + 1e-9
            and room.lo[2] - 1e-9 <= z - half_z
            and z + half_z <= room.hi[2] + 1e-9
            and room.lo[1] - 1e-9 <= y
            and y + placement.extent_m[1] <= room.hi[1] + 1e-9
        ):
            return False
    return True


@pytest.mark.parametrize(
    ("category", "clip", "direction"),
    [
        ("dog", "run", "left"),
        ("person", "walk", "toward"),
        ("bird", "fly", "up"),
        ("cat", "jump", "right"),
        ("bus", "drive", "right"),
    ],
)
def test_every_choice_stays_in_the_room_the_layout_reserved(category: str, clip: str, direction: str) -> None:
    plan = make_plan(
        [("mover", category), ("tree", "tree")],
        actions=[Action(entity="mover", verb="moves", clip=clip, direction=direction)],
    )
    feedback = [
        Check(name=f"motion:{direction}", passed=False, score=0.2, entities=["mover"], message="small")
    ]
    alternatives = {"run": ["run", "walk"], "walk": ["walk", "run"]}.get(clip, [clip])
    windows = [(0.0, T), (0.0, 1.0), (1.5, 3.5), (3.0, T)]
    for chosen, (start, end), speed in itertools.product(alternatives, windows, ["slow", "normal", "fast"]):
        answer = {"motions": [item("mover", chosen, start, end, speed), item("tree", "idle")]}
        layout, motion, llm = animate(plan, answer, feedback=feedback, attempt=2)
        mover = placement(layout, "mover")
        room = swept_box(mover, planned_path(plan, mover, {}, T, MAX_GAIN))
        keys = track(motion, "mover").keyframes
        assert not llm.errors and inside(mover, keys, room), (chosen, start, end, speed)
        assert keys[0].position != keys[-1].position


def test_a_route_that_goes_the_actions_way_is_followed() -> None:
    plan = runs_left()
    answer = {"motions": [item("dog", "run"), item("ball", "idle")]}
    layout, _, _ = animate(plan, answer)
    x, y, z = placement(layout, "dog").position
    route = [(x + 0.6, y, z), (x - 0.4, y, z + 0.3), (x - 1.4, y, z)]  # bows towards the camera
    _, motion, llm = animate(plan, answer, paths={"dog": route})
    keys = track(motion, "dog").keyframes
    assert keys[0].position == pytest.approx(route[0]) and keys[-1].position == pytest.approx(route[-1])
    assert max(k.position[2] for k in keys) == pytest.approx(z + 0.3)
    assert all(math.cos(k.yaw) < 0 for k in keys)  # faces left all the way
    assert llm.usage.log == []


@pytest.mark.parametrize(
    ("offsets", "reason"),
    [
        ([(-0.6, 0.0), (1.4, 0.0)], "it heads 180° away from 'left'"),
        ([(0.0, 0.0), (-0.3, 0.0)], "less than half the planned"),
        ([(0.0, 0.0), (0.0, 0.0)], "fewer than two distinct ground points"),
    ],
)
def test_a_route_that_contradicts_the_action_is_ignored_and_logged(offsets, reason: str) -> None:
    plan = runs_left()
    answer = {"motions": [item("dog", "run"), item("ball", "idle")]}
    layout, planned, _ = animate(plan, answer)
    x, y, z = placement(layout, "dog").position
    route = [(x + dx, y, z + dz) for dx, dz in offsets]
    _, motion, llm = animate(plan, answer, paths={"dog": route, "ball": route})
    assert track(motion, "dog") == track(planned, "dog")
    assert (
        llm.usage.log[0].startswith("dog: ignored the layout model's path (") and reason in llm.usage.log[0]
    )
    assert "ball: ignored the layout model's path (it travels nowhere" in llm.usage.log[1]


def test_the_template_gets_the_entities_their_clips_the_timing_limits_and_the_feedback() -> None:
    feedback = [
        Check(name="motion:left", passed=False, score=0.3, entities=["dog"], message="dog moved 9 px")
    ]
    answer = {"motions": [item("dog_1", "run"), item("dog_2", "walk"), item("ball", "idle")]}
    _, _, llm = animate(runs_left(count=2), answer, feedback=feedback, attempt=1)
    system, user = llm.rendered["system"], llm.rendered["user"]
    assert (
        json.dumps(MotionAnswer.model_json_schema()) in system
        and "Reply with one JSON object only." in system
    )
    assert "$" not in user
    assert "Duration: 4 s. Minimum action: 1 s." in user
    assert '- dog (dog, 2 instances: dog_1, dog_2): runs left ("runs to the left"); clips: run, walk' in user
    assert "- ball (ball): no action; clips: idle" in user
    assert "Feedback from the last round:\n- motion:left: dog moved 9 px" in user
