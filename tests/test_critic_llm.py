"""The critic's LLM path without a server: a fake model applies `convert` to hand-written answers.

The scene (200 x 100 px, 8 frames, 6 key frames): a red dog left of a tree, two cats; cat_2 walks out of view
halfway. The built-in round has one failure (the dog is not left of the tree), routed to layout.
"""

import io
import json

import pytest
from PIL import Image
from pydantic import BaseModel, ValidationError

from scenewright.agents.critic_llm import MAX_IMAGE_SIDE_PX, MAX_MODEL_CHECKS, critique_llm
from scenewright.agents.llm import load_template
from scenewright.config import LLMSettings
from scenewright.graphs.generate import retry_target
from scenewright.schema import (
    Action,
    CameraPose,
    Check,
    Color,
    CritiqueRound,
    EntitySpec,
    Layout,
    Motion,
    NounReading,
    Placement,
    Plan,
    Relation,
)
from scenewright.settings import RunSettings
from scenewright.tools.media.contact_sheet import key_frame_indices
from scenewright.tools.render.analysis import EntityFrameStats, FrameAnalysis

SETTINGS = RunSettings(fps=4, duration_s=2.0, width=200, height=100)

PLAN = Plan(
    prompt="a red dog left of a tree, two cats, $5 budget",
    environment="park",
    entities=[
        EntitySpec(id="dog", name="dog", category="dog", color=Color(name="red", rgb=(0.85, 0.1, 0.1))),
        EntitySpec(id="tree", name="tree", category="tree"),
        EntitySpec(id="cat", name="cats", category="cat", count=2),
    ],
    relations=[Relation(subject="dog", predicate="left_of", object="tree")],
    actions=[Action(entity="dog", verb="runs", clip="run", direction="right")],
)
LAYOUT = Layout(
    placements=[
        Placement(entity=i, position=(float(x), 0.0, 0.0), yaw=0.0, extent_m=(0.5, 0.5, 0.5))
        for x, i in enumerate(PLAN.group_of())
    ],
    camera=CameraPose(position=(0.0, 1.5, 8.0), look_at=(0.0, 0.5, 0.0), fov_deg=50.0),
)
MOTION = Motion(tracks=[])


def stats(bbox: tuple[int, int, int, int], depth: float) -> EntityFrameStats:
    x0, y0, x1, y1 = bbox
    area = (x1 - x0) * (y1 - y0)
    return EntityFrameStats(
        visible_pixels=area // 2,
        unoccluded_pixels=area,
        bbox=bbox,
        centroid=((x0 + x1) / 2, (y0 + y1) / 2),
        depth_m=depth,
        touches_border=False,
        colors={"gray": 1.0},
    )


FRAMES = [
    FrameAnalysis(
        t=t,
        entities={
            "dog": stats((150 + k, 60, 170 + k, 80), 8.0),
            "tree": stats((100, 10, 140, 90), 10.0),
            "cat_1": stats((20, 75, 32, 85), 9.0),
            **({"cat_2": stats((40, 75, 52, 85), 9.0)} if k < 4 else {}),
        },
    )
    for k, t in enumerate(SETTINGS.frame_times())
]


def builtin(relation_passed: bool = False) -> CritiqueRound:
    relation = Check(
        name="relation:left_of",
        passed=relation_passed,
        score=1.0 if relation_passed else 0.0,
        entities=["dog", "tree"],
        message="dog left_of tree: dog: 0/8 frames; e.g. at t=0.00 s dog centre x=160 px, tree x=120 px",
        route=None if relation_passed else "layout",
    )
    return CritiqueRound(
        round=2,
        checks=[
            Check(name="visible", passed=True, score=1.0, entities=["dog"], message="dog is visible"),
            Check(name="visible", passed=True, score=1.0, entities=["cat_1"], message="cat_1 is visible"),
            relation,
            Check(name="color", passed=True, score=1.0, entities=["dog"], message="dog is red"),
            Check(name="count", passed=True, score=1.0, entities=["cat_1", "cat_2"], message="2 cats"),
        ],
    )


class FakeLLM:
    """Stands in for AgentLLM: renders prompts/critic.md as AgentLLM does, then validates and converts the
    scripted answers in turn (a failed one counts as a repair), recording the prompt, images and problems."""

    def __init__(self, *answers: dict, critic_images: bool = True) -> None:
        self.settings = LLMSettings(llm="openai:test-model", critic_images=critic_images)
        self.answers = answers
        self.prompt: dict[str, str] = {}
        self.images: list[bytes] = []
        self.problems: list[str] = []

    def ask(self, schema: type[BaseModel], *, convert, section="user", variables=None, images=()):
        values = {"schema": json.dumps(schema.model_json_schema())} | {
            key: str(value) for key, value in (variables or {}).items()
        }
        self.prompt = {
            name: template.substitute(values) for name, template in load_template("critic").items()
        }
        self.images = list(images)
        for answer in self.answers:
            try:
                return convert(schema.model_validate(answer))
            except (ValueError, ValidationError) as error:
                self.problems.append(str(error))
        return None


def check(**fields) -> dict:
    """A model check as JSON; `fields` replace the defaults."""
    return {
        "name": "looks_like",
        "passed": False,
        "score": 0.2,
        "entities": ["dog"],
        "message": "dog is a grey block",
        "route": "assets",
    } | fields


@pytest.fixture
def sheet(tmp_path):
    """A contact sheet as large as the real one (3 x 480 px thumbnails, 2 rows)."""
    path = tmp_path / "contact_sheet.png"
    Image.new("RGB", (1456, 496), (40, 90, 40)).save(path)
    return path


def critique(llm: FakeLLM, sheet, verdict: CritiqueRound | None = None) -> CritiqueRound | None:
    return critique_llm(PLAN, LAYOUT, MOTION, FRAMES, SETTINGS, verdict or builtin(), sheet, llm)  # type: ignore[arg-type]


def test_model_checks_join_the_builtin_ones_under_llm_names(sheet):
    pose = check(name="pose", passed=True, score=0.9, entities=["cat"], message="", route="motion")
    result = critique(FakeLLM({"checks": [check(), pose]}), sheet)
    assert result is not None and result.round == 2
    assert result.checks[:5] == builtin().checks
    looks_like, passed_pose = result.checks[5:]
    assert looks_like == Check(
        name="llm:looks_like", passed=False, score=0.2, entities=["dog"], message="dog is a grey block",
        route="assets",
    )  # fmt: skip
    # a group id names its instances; a passed check carries no route
    assert (passed_pose.name, passed_pose.entities, passed_pose.route) == (
        "llm:pose",
        ["cat_1", "cat_2"],
        None,
    )


def test_an_empty_answer_keeps_the_builtin_round(sheet):
    assert critique(FakeLLM({"checks": []}), sheet) == builtin()


@pytest.mark.parametrize(("route", "target"), [("assets", "assets"), (None, None)])
def test_a_failed_model_check_routes_the_graph_only_with_a_route(sheet, route, target):
    result = critique(FakeLLM({"checks": [check(route=route)]}), sheet, builtin(relation_passed=True))
    assert result is not None and not result.passed
    assert retry_target([c for c in result.checks if not c.passed]) == target


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ([check(entities=["doggo"])], "unknown id 'doggo'; use instance ids (dog, tree, cat_1, cat_2)"),
        ([check(entities=["cat_1 (cats)"])], "unknown id 'cat_1 (cats)'"),
        ([check(route="renderer")], "route"),
        ([check(message="  ")], "checks[0].message: a failed check needs a message"),
        ([check(), check(name="color")], "checks[1].name: 'color' is a built-in check"),
        ([check(name="relation:left_of")], "'relation:left_of' is a built-in check"),
        ([check(name="llm:looks_like")], "must be snake_case"),
        ([check()] * (MAX_MODEL_CHECKS + 1), f"at most {MAX_MODEL_CHECKS} items"),
    ],
)
def test_an_unusable_answer_is_sent_back_for_repair(sheet, bad, problem):
    llm = FakeLLM({"checks": bad}, {"checks": [check()]})
    result = critique(llm, sheet)
    assert len(llm.problems) == 1 and problem in llm.problems[0]
    assert result is not None and [c.name for c in result.checks[5:]] == ["llm:looks_like"]


def test_no_usable_answer_falls_back(sheet):
    assert critique(FakeLLM({"checks": [check(entities=["doggo"])]}), sheet) is None


def test_without_critic_images_no_image_is_sent(sheet):
    llm = FakeLLM({"checks": []}, critic_images=False)
    critique(llm, sheet)
    assert llm.images == []
    assert "No image is attached" in llm.prompt["user"]


def test_the_contact_sheet_is_sent_as_a_bounded_png(sheet):
    llm = FakeLLM({"checks": []})
    critique(llm, sheet)
    [png] = llm.images
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert max(image.size) <= MAX_IMAGE_SIDE_PX
    assert image.size == (MAX_IMAGE_SIDE_PX, round(496 * MAX_IMAGE_SIDE_PX / 1456))
    assert "The attached image is the contact sheet" in llm.prompt["user"]


def test_the_template_carries_the_scene_graph(sheet):
    llm = FakeLLM({"checks": []})
    critique(llm, sheet)
    system, user = llm.prompt["system"], llm.prompt["user"]
    assert '"route"' in system and "Reply with one JSON object only." in system
    assert "Prompt: a red dog left of a tree, two cats, $5 budget" in user
    assert "entity cat: 2 x cats (category cat); instance ids: cat_1, cat_2" in user
    assert "entity dog: 1 x dog (category dog, red)" in user
    assert "relation: dog left_of tree" in user and "action: dog runs (clip run, direction right)" in user
    key_frames = [line for line in user.splitlines() if line.startswith("t=")]
    assert [line.split(" s:")[0] for line in key_frames] == [
        f"t={FRAMES[k].t:.2f}" for k in key_frame_indices(len(FRAMES))
    ]
    assert "dog box 150,60,170,80 shown 50% depth 8.0" in key_frames[0]
    assert "cat_2 not visible" in key_frames[-1]
    assert "passed: visible (dog, cat_1); color (dog); count (cat_1, cat_2)" in user
    assert "FAILED relation:left_of (dog, tree) -> layout: dog left_of tree" in user
    assert "Built-in names you must not use: color, count, relation, relation:left_of, visible" in user


def test_the_model_sees_how_each_noun_was_read_and_the_noun_findings(sheet):
    """The director's noun readings are in the plan; the noun checks' failures among the built-in ones."""
    readings = [
        NounReading(noun="dog", noun_class="thing", basis="own", stands_for="dog", category="dog"),
        NounReading(
            noun="goldfish bowl",
            noun_class="thing",
            basis="nearest",
            stands_for="tree",
            category="tree",
            similarity=0.42,
            alternatives=["bowl", "vase"],
        ),
        NounReading(noun="park", noun_class="setting", basis="setting", stands_for="park"),
    ]
    placard = Check(
        name="noun:lantern",
        passed=False,
        score=0.0,
        entities=[],
        message="'lantern' is a thing, but nothing in the scene stands for it",
        route="director",
    )
    verdict = CritiqueRound(round=2, checks=[*builtin(relation_passed=True).checks, placard])
    llm = FakeLLM({"checks": []})
    critique_llm(
        PLAN.model_copy(update={"nouns": readings}), LAYOUT, MOTION, FRAMES, SETTINGS, verdict, sheet, llm
    )  # type: ignore[arg-type]
    user = llm.prompt["user"]
    assert 'noun "dog": thing, its own category -> dog (dog)' in user
    assert (
        'noun "goldfish bowl": thing, the nearest category by meaning (similarity 0.42) -> tree (tree); '
        "next-nearest: bowl, vase" in user
    )
    assert 'noun "park": setting -> park' in user
    assert "FAILED noun:lantern () -> director: 'lantern' is a thing, but nothing" in user
    assert "noun:<noun>" in llm.prompt["system"]
