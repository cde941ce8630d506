"""The layout agent's LLM path: boxes lifted to the ground, bad answers refused, hints kept or overruled."""

from __future__ import annotations

import copy
import itertools
import json
import math
from typing import Any

import pytest
import torch
from test_layout import fake_assets, make_plan

from scenewright.agents.layout import Hints, layout_offline
from scenewright.agents.layout_llm import (
    BoxesAnswer,
    Drawn,
    Subject,
    TrajectoryAnswer,
    View,
    layout_llm,
    lift_boxes,
    lift_path,
)
from scenewright.agents.llm import load_template
from scenewright.schema import Action, CameraPose, Check, Layout
from scenewright.settings import RunSettings
from scenewright.tools.scene.camera import camera_matrices, project_points

SETTINGS = RunSettings()  # 640 × 360, 4 s
LEVEL = CameraPose(position=(0.0, 1.5, 10.0), look_at=(0.0, 1.5, 0.0), fov_deg=50.0)
"""A level camera 1.5 m up: the horizon is the middle row, and ground at depth d is f · 1.5 / d rows below."""
FOCAL = 180.0 / math.tan(math.radians(25.0))
GROUND_ROW = 180.0 + FOCAL * 1.5 / 5.0  # the ground 5 m from LEVEL


def subject(iid: str, height: float, direction: Any = None) -> Subject:
    return Subject(
        iid=iid,
        name=iid,
        height_m=height,
        width_m=0.9,
        body_m=0.9,
        start_y=0.0,
        end_y=0.0,
        base_y=0.0,
        support=None,
        direction=direction,
        action=f"runs {direction}" if direction else "",
        travel_m=2.7,
        circles=False,
        reference_row=GROUND_ROW,
        reference_metre_px=FOCAL / 5.0,
    )


def box_at(u: float, v: float, height_px: float, width_px: float = 40.0) -> list[float]:
    """A box whose bottom centre is (u, v)."""
    return [u - width_px / 2, v - height_px, u + width_px / 2, v]


SUBJECTS = {"dog": subject("dog", 0.6, "left"), "ball": subject("ball", 0.3)}
VALID: dict[str, Any] = {
    "boxes": [
        {
            "id": "dog",
            "box": box_at(320.0, GROUND_ROW, 0.6 * FOCAL / 5.0),
            "end": [320.0 - 2.5 * FOCAL / 5.0, GROUND_ROW],  # 2.5 m to the left
        },
        {"id": "ball", "box": box_at(500.0, GROUND_ROW, 0.3 * FOCAL / 5.0, 20.0)},
    ]
}


def lift(answer: dict[str, Any], subjects: dict[str, Subject] = SUBJECTS) -> dict[str, Drawn]:
    return lift_boxes(BoxesAnswer.model_validate(answer), View.of(LEVEL, SETTINGS), subjects)


# --------------------------------------------------------------------------------------------- lift


def test_the_bottom_centre_lands_where_its_ray_meets_the_ground() -> None:
    view = View.of(LEVEL, SETTINGS)
    assert view.horizon == pytest.approx(180.0, abs=1e-3)
    x, z, depth = view.lift(320.0 + FOCAL * 1.0 / 5.0, GROUND_ROW, 0.0) or (math.nan,) * 3
    assert (x, z, depth) == pytest.approx((1.0, 5.0, 5.0), abs=1e-3)  # 1 m right, 5 m in front of the eye
    assert view.lift(320.0, 150.0, 0.0) is None  # above the horizon: the ray never meets the ground


def test_the_lift_inverts_the_projection_of_a_pitched_camera() -> None:
    camera = CameraPose(position=(1.0, 3.0, 6.0), look_at=(0.0, 0.5, 0.0), fov_deg=40.0)
    viewmat, K = camera_matrices(camera, SETTINGS.width, SETTINGS.height)
    uv, depth = project_points(torch.tensor([[-0.7, 0.75, 1.2]]), viewmat, K)  # on a 0.75 m table top
    lifted = View.of(camera, SETTINGS).lift(float(uv[0, 0]), float(uv[0, 1]), 0.75)
    assert lifted == pytest.approx((-0.7, 1.2, float(depth[0])), abs=1e-3)


def test_box_height_at_its_depth_gives_the_scale() -> None:
    drawn = lift(VALID)
    assert drawn["dog"].scale == pytest.approx(1.0, abs=1e-3)
    bigger = copy.deepcopy(VALID)
    bigger["boxes"][0]["box"] = box_at(320.0, GROUND_ROW, 1.5 * 0.6 * FOCAL / 5.0)
    assert lift(bigger)["dog"].scale == pytest.approx(1.5, abs=1e-3)
    assert lift(bigger)["dog"].start == pytest.approx((0.0, 5.0), abs=1e-3)
    assert lift(bigger)["dog"].end == pytest.approx((-2.5, 5.0), abs=1e-3)


# ------------------------------------------------------------------------------------- convert errors


def changed(index: int, **fields: Any) -> dict[str, Any]:
    answer = copy.deepcopy(VALID)
    answer["boxes"][index].update(fields)
    return answer


BAD_BOXES = {
    "outside the picture": (changed(1, box=[600.0, 260.0, 700.0, 290.0]), "leaves the picture"),
    "x0 >= x1": (changed(1, box=[500.0, 260.0, 500.0, 290.0]), "x0 < x1"),
    "y0 >= y1": (changed(1, box=[490.0, 290.0, 510.0, 270.0]), "y0 < y1"),
    "above the horizon": (changed(1, box=box_at(500.0, 150.0, 20.0)), "above the horizon"),
    "too far": (changed(1, box=box_at(500.0, 190.0, 2.0)), "row must lie between 199 and 360"),
    "too big": (changed(1, box=box_at(500.0, GROUND_ROW, 3.0 * 0.3 * FOCAL / 5.0)), "about 23 px tall"),
    "too small": (changed(0, box=box_at(320.0, GROUND_ROW, 10.0)), "about 46 px tall"),
    "unknown id": (changed(1, id="cat"), "unknown id 'cat'"),
    "missing id": ({"boxes": VALID["boxes"][:1]}, "no box for ball"),
    "twice": ({"boxes": [*VALID["boxes"], VALID["boxes"][1]]}, "a second box for 'ball'"),
    "end for a still thing": (changed(1, end=[400.0, 300.0]), "leave out 'end' for ball"),
    "no end for a mover": (changed(0, end=None), "dog runs left: give 'end'"),
    "end the wrong way": (
        changed(0, end=[320.0 + 2.5 * FOCAL / 5.0, GROUND_ROW]),
        "mostly left of its start",
    ),
    "end too close": (changed(0, end=[310.0, GROUND_ROW]), "put 'end' farther from its start"),
}


@pytest.mark.parametrize("name", BAD_BOXES)
def test_bad_boxes_are_sent_back_with_the_field_and_what_is_allowed(name: str) -> None:
    answer, message = BAD_BOXES[name]
    with pytest.raises(ValueError, match=message):
        lift(answer)


def test_a_toward_mover_must_end_lower_in_the_picture() -> None:
    toward = {"dog": subject("dog", 0.6, "toward"), "ball": SUBJECTS["ball"]}
    higher = changed(0, end=[320.0, 180.0 + FOCAL * 1.5 / 7.5])  # 7.5 m away: farther, not nearer
    with pytest.raises(ValueError, match="nearer than its start"):
        lift(higher, toward)
    nearer = lift(changed(0, end=[320.0, 180.0 + FOCAL * 1.5 / 3.5]), toward)
    assert nearer["dog"].end == pytest.approx((0.0, 6.5), abs=1e-3)  # 1.5 m toward the camera


def path_points(count: int = 6) -> list[list[float]]:
    """Points evenly between the start and the end of VALID's dog."""
    start, end = 320.0, 320.0 - 2.5 * FOCAL / 5.0
    return [[start + (end - start) * (k + 1) / (count + 1), GROUND_ROW] for k in range(count)]


BAD_PATHS = {
    "reversed": (path_points()[::-1], "go the other way"),
    "above the horizon": ([*path_points()[:3], [200.0, 120.0], *path_points()[4:]], r"points\[3\].*horizon"),
    "strays": ([*path_points()[:2], [220.0, 355.0], *path_points()[3:]], r"points\[2\].*strays"),
}


@pytest.mark.parametrize("name", BAD_PATHS)
def test_bad_paths_are_sent_back(name: str) -> None:
    points, message = BAD_PATHS[name]
    view = View.of(LEVEL, SETTINGS)
    with pytest.raises(ValueError, match=message):
        lift_path(TrajectoryAnswer(points=points), view, SUBJECTS["dog"], lift(VALID)["dog"])


def test_a_good_path_runs_from_start_to_end_on_the_ground() -> None:
    path = lift_path(
        TrajectoryAnswer(points=path_points()), View.of(LEVEL, SETTINGS), SUBJECTS["dog"], lift(VALID)["dog"]
    )
    assert len(path) == 8
    assert [x for x, _ in path] == pytest.approx([-2.5 * k / 7 for k in range(8)], abs=1e-3)
    assert all(z == pytest.approx(5.0, abs=1e-3) for _, z in path)


# -------------------------------------------------------------------------------------------- hints

STILL = make_plan([("dog", "dog"), ("ball", "ball")], [("dog", "left_of", "ball")])


def placed(layout: Layout) -> dict[str, tuple[float, float]]:
    return {p.entity: (p.position[0], p.position[2]) for p in layout.placements}


def test_hints_that_keep_every_rule_are_where_the_placement_ends() -> None:
    hints = Hints(ground={"dog": (-1.5, 0.5), "ball": (1.0, -0.5)}, scale={"dog": 1.2})
    layout = layout_offline(STILL, fake_assets(STILL), SETTINGS, [], 0, hints)
    assert placed(layout)["dog"] == pytest.approx((-1.5, 0.5), abs=1e-6)
    assert placed(layout)["ball"] == pytest.approx((1.0, -0.5), abs=1e-6)
    dog = next(p for p in layout.placements if p.entity == "dog")
    assert dog.extent_m == pytest.approx((0.9 * 1.2, 0.6 * 1.2, 0.3 * 1.2))
    assert not any("Moved" in note for note in layout.notes)


def test_a_hint_that_breaks_a_relation_is_overruled_with_a_note() -> None:
    hints = Hints(ground={"dog": (1.0, 0.0), "ball": (-1.0, 0.0)})  # the dog right of the ball
    layout = layout_offline(STILL, fake_assets(STILL), SETTINGS, [], 0, hints)
    by_id = {p.entity: p for p in layout.placements}
    dog_right = by_id["dog"].position[0] + by_id["dog"].extent_m[0] / 2
    assert dog_right + 0.3 < by_id["ball"].position[0] - by_id["ball"].extent_m[0] / 2
    assert any(note.startswith("Moved ball") and "'dog left of ball'" in note for note in layout.notes)


def test_the_solver_makes_room_for_a_hinted_path() -> None:
    plan = make_plan(
        [("dog", "dog"), ("ball", "ball")], actions=[Action(entity="dog", verb="runs", clip="run")]
    )
    path = tuple((x, 0.0) for x in (3.5, 1.5, -1.5, -3.5))  # longer than the planned run
    hints = Hints(ground={"dog": (0.0, 0.0), "ball": (3.0, 0.0)}, paths={"dog": path})
    layout = layout_offline(plan, fake_assets(plan), SETTINGS, [], 0, hints)
    dog_x, ball_x = placed(layout)["dog"][0], placed(layout)["ball"][0]
    assert ball_x - 0.15 > dog_x + 3.5 + 0.45  # the ball clears the end of the dog's path
    assert any(
        note.startswith("Moved ball") and "keeping dog and ball apart" in note for note in layout.notes
    )


def test_a_size_hint_outside_the_band_is_refused() -> None:
    with pytest.raises(ValueError, match="size hint for dog"):
        Hints(scale={"dog": 1.8})


# ------------------------------------------------------------------------------------ the whole call


class ScriptedLLM:
    """Stands in for AgentLLM: fills the real template, then passes scripted answers through `convert` in
    turn, as a repair would, and returns None once they run out."""

    def __init__(self, answers: dict[str, list[dict[str, Any]]]) -> None:
        self.answers = answers
        self.prompts: list[str] = []
        self.problems: list[str] = []

    def ask(self, schema, *, convert, section, variables, images=()):  # type: ignore[no-untyped-def]
        templates = load_template("layout")
        values = {"schema": json.dumps(schema.model_json_schema())} | {
            k: str(v) for k, v in variables.items()
        }
        self.prompts.append(templates["system"].substitute(values) + templates[section].substitute(values))
        while self.answers.get(section):
            answer = schema.model_validate(self.answers[section].pop(0))
            try:
                return convert(answer)
            except ValueError as error:
                self.problems.append(str(error))
        return None


RUN_LEFT = make_plan(
    [("dog", "dog"), ("ball", "ball")],
    [("dog", "left_of", "ball")],
    [Action(entity="dog", verb="runs", clip="run", direction="left")],
)


def pixels(layout: Layout, points: list[tuple[float, float]]) -> tuple[list[list[float]], torch.Tensor]:
    """Ground points (x, z) seen by a layout's camera: pixels and depths."""
    viewmat, K = camera_matrices(layout.camera, SETTINGS.width, SETTINGS.height)
    uv, depth = project_points(torch.tensor([[x, 0.0, z] for x, z in points]), viewmat, K)
    return uv.tolist(), depth


DRAWN_PATH = [(-2.5 * k / 7, 0.3 * math.sin(math.pi * k / 7)) for k in range(8)]
"""The dog's drawn path: from x = 0, 2.5 m to the left along a slight bend."""
DRAWN_MIDDLE = (-1.25, 0.3 * math.sin(3 * math.pi / 7))
"""Where DRAWN_PATH is halfway through the clip."""


def drawn_answers(reference: Layout, ball_x: float = 2.2) -> dict[str, list[dict[str, Any]]]:
    """What a model that understood the view answers: the dog along DRAWN_PATH, the ball at `ball_x` (by
    default clear of the dog's path), each box at its real size; the first boxes send the dog right."""
    (dog, *between, end, ball), depth = pixels(reference, [*DRAWN_PATH, (ball_x, 0.0)])
    focal = SETTINGS.height / 2 / math.tan(math.radians(reference.camera.fov_deg) / 2)
    dog_px, ball_px = 0.6 * focal / float(depth[0]), 0.3 * focal / float(depth[-1])
    wrong_way = {"id": "dog", "box": box_at(*dog, dog_px), "end": [2 * dog[0] - end[0], end[1]]}
    return {
        "boxes": [
            {"boxes": [wrong_way, {"id": "ball", "box": box_at(*ball, ball_px, 20.0)}]},
            {
                "boxes": [
                    {"id": "dog", "box": box_at(*dog, dog_px), "end": end},
                    {"id": "ball", "box": box_at(*ball, ball_px, 20.0)},
                ]
            },
        ],
        "trajectory": [{"points": between}],
    }


def test_layout_llm_lifts_repaired_boxes_and_a_path_into_a_solved_layout() -> None:
    assets = fake_assets(RUN_LEFT)
    reference = layout_offline(RUN_LEFT, assets, SETTINGS, [], 0)
    llm = ScriptedLLM(drawn_answers(reference))
    layout = layout_llm(RUN_LEFT, assets, SETTINGS, [], 0, llm)  # type: ignore[arg-type]
    assert layout is not None
    assert len(llm.problems) == 1 and "dog runs left" in llm.problems[0]  # the first boxes were sent back
    assert "dog left of ball" in llm.prompts[0] and "dog: runs left" in llm.prompts[0]
    assert placed(layout)["dog"] == pytest.approx(DRAWN_MIDDLE, abs=0.02)
    assert placed(layout)["ball"] == pytest.approx((2.2, 0.0), abs=0.02)
    assert not any("Moved" in note for note in layout.notes)
    path = layout.paths["dog"]
    assert len(path) == 8 and set(layout.paths) == {"dog"}
    assert path[0] == pytest.approx((0.0, 0.0, 0.0), abs=0.02) and path[-1] == pytest.approx(
        (-2.5, 0.0, 0.0), abs=0.02
    )
    assert all(b[0] < a[0] for a, b in itertools.pairwise(path))


def test_layout_llm_falls_back_when_no_boxes_validate_and_passes_feedback_on() -> None:
    failed = Check(
        name="relation:left_of", passed=False, score=0.1, message="dog is right of ball", route="layout"
    )
    llm = ScriptedLLM({"boxes": [{"boxes": [{"id": "cat", "box": [0, 0, 10, 10]}]}]})
    assert layout_llm(RUN_LEFT, fake_assets(RUN_LEFT), SETTINGS, [failed], 1, llm) is None  # type: ignore[arg-type]
    assert "relation:left_of: dog is right of ball" in llm.prompts[0]
    assert "unknown id 'cat'" in llm.problems[0]


def test_a_drawn_layout_that_breaks_a_relation_is_fixed_and_the_path_moves_with_its_mover() -> None:
    plan = make_plan(
        [("dog", "dog"), ("ball", "ball")],
        [("ball", "left_of", "dog")],
        [Action(entity="dog", verb="runs", clip="run", direction="left")],
    )
    assets = fake_assets(plan)
    answers = drawn_answers(layout_offline(plan, assets, SETTINGS, [], 0), ball_x=-1.0)  # in the dog's way
    answers["boxes"].pop(0)
    layout = layout_llm(plan, assets, SETTINGS, [], 0, ScriptedLLM(answers))  # type: ignore[arg-type]
    assert layout is not None
    by_id = {p.entity: p for p in layout.placements}
    dog, ball = by_id["dog"], by_id["ball"]
    shift = dog.position[0] - DRAWN_MIDDLE[0]
    assert shift > 1.0 and ball.position[0] == pytest.approx(-1.0, abs=0.02)
    assert any(note.startswith("Moved dog") and "'ball left of dog'" in note for note in layout.notes)
    path = layout.paths["dog"]
    assert [p[0] for p in path] == pytest.approx([x + shift for x, _ in DRAWN_PATH], abs=0.02)
    assert min(p[0] for p in path) - dog.extent_m[0] / 2 > ball.position[0] + ball.extent_m[0] / 2


@pytest.mark.parametrize("size", [(320, 180), (640, 360), (1280, 720), (256, 256)])
def test_the_worked_examples_fit_the_picture_asked_about(size):
    """Small models copy the example's numbers: at 320x180 an example drawn for 640x360 leaves the picture."""
    from types import SimpleNamespace

    from scenewright.agents.layout_llm import _examples

    width, height = size
    examples = _examples(SimpleNamespace(width=width, height=height))
    boxes = json.loads(examples["example_boxes"])["boxes"]
    points = json.loads(examples["example_points"])["points"]
    xy = [b["box"][0:2] for b in boxes] + [b["box"][2:4] for b in boxes] + [boxes[0]["end"], *points]
    assert all(0 <= x <= width and 0 <= y <= height for x, y in xy)
    assert f"{width} x {height} picture" in examples["example_view"]
