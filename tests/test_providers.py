"""The whole graph with every agent on a model served by tests/fake_llm.py (OpenAI protocol, real clients).

Each agent is answered from its own script, told apart by the answer schema its request asks for
(response_format json_schema name). The runs are tiny (160 x 96 px, 4 fps, 2 s): these tests are about what
the agents' answers do to the run — the plan that comes out, the checks, the recorded usage — and that faults
and bad answers never stop a video from being made.
"""

import io
import json
import re
from collections import deque
from collections.abc import Iterator

import pytest
from fake_llm import FakeProvider, Reply, Request, answer, status
from PIL import Image
from pydantic import BaseModel
from test_video import probe_video

from scenewright import GenerateError, RunSettings, generate
from scenewright.agents import llm as llm_module
from scenewright.agents.critic_llm import CritiqueAnswer
from scenewright.agents.director_llm import DirectorAnswer
from scenewright.agents.layout_llm import BoxesAnswer, TrajectoryAnswer
from scenewright.agents.motion_llm import MotionAnswer
from scenewright.config import AGENTS, LLMSettings
from scenewright.schema import SceneDocument

KEY = "sk-test-0b7d4e2a-providers"
MODEL = "test-model"
SMALL = RunSettings(seed=1, fps=4, duration_s=2.0, width=160, height=96, max_rounds=2)
PROMPT = "a brown dog runs to the left in front of a red ball in a park"

DIRECTOR = {
    "environment": "park",
    "scene": "a green park with short grass",
    "entities": [
        {"id": "dog", "name": "dog", "category": "dog", "count": 1, "color": "brown", "height_m": 0.7,
         "attributes": [], "description": "a brown dog with floppy ears"},
        {"id": "ball", "name": "ball", "category": "ball", "count": 1, "color": "red", "height_m": 0.25,
         "attributes": [], "description": "a shiny red ball"},
    ],
    "relations": [{"subject": "dog", "predicate": "in_front_of", "object": "ball"}],
    "actions": [{"entity": "dog", "verb": "runs", "clip": "run", "direction": "left", "around": None,
                 "description": "runs to the left across the grass"}],
    "camera": "static",
    "camera_target": None,
}  # fmt: skip
BOXES = {  # as a model reads the size guide at 160 x 96 px (horizon row 26; 1 m is about 29 px at row 62)
    "boxes": [
        {"id": "dog", "box": [100, 42, 130, 62], "end": [41, 62]},
        {"id": "ball", "box": [62, 47, 67, 52]},
    ]
}
TRAJECTORY = {"points": [[104, 62], [94, 62], [83, 62], [73, 62], [62, 62], [52, 62]]}
MOTION = {
    "motions": [
        {"entity": "dog", "clip": "run", "start_s": 0, "end_s": 2, "speed": "fast"},
        {"entity": "ball", "clip": "idle", "start_s": 0, "end_s": 2, "speed": "normal"},
    ]
}
CRITIC = {
    "checks": [
        {"name": "looks_like", "passed": True, "score": 0.9, "entities": ["dog"],
         "message": "the dog reads as a dog", "route": None},
    ]
}  # fmt: skip
SCHEMAS: dict[str, list[type[BaseModel]]] = {
    "director": [DirectorAnswer],
    "layout": [BoxesAnswer, TrajectoryAnswer],
    "motion": [MotionAnswer],
    "critic": [CritiqueAnswer],
}
"""The answers each agent asks for; the layout agent asks for boxes, then a trajectory per mover."""
USAGE = {
    "DirectorAnswer": (300, 120),
    "BoxesAnswer": (500, 80),
    "TrajectoryAnswer": (250, 50),
    "MotionAnswer": (200, 60),
    "CritiqueAnswer": (900, 40),
}
"""Tokens (in, out) the fake server reports for each kind of answer."""


def reply(schema: type[BaseModel], content: dict) -> Reply:
    tokens_in, tokens_out = USAGE[schema.__name__]
    return answer(json.dumps(content), tokens_in, tokens_out)


def scripted(script: dict[type[BaseModel], list[Reply]]):
    """A responder that answers each agent from its own list, in order; the last reply then repeats."""
    queues = {schema.__name__: deque(replies) for schema, replies in script.items()}

    def respond(request: Request) -> Reply:
        queue = queues[request.schema_name or ""]
        return queue.popleft() if len(queue) > 1 else queue[0]

    return respond


GOOD = {
    DirectorAnswer: [reply(DirectorAnswer, DIRECTOR)],
    BoxesAnswer: [reply(BoxesAnswer, BOXES)],
    TrajectoryAnswer: [reply(TrajectoryAnswer, TRAJECTORY)],
    MotionAnswer: [reply(MotionAnswer, MOTION)],
    CritiqueAnswer: [reply(CritiqueAnswer, CRITIC)],
}


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    """Backoff without a Retry-After starts at 10 ms, so retries do not slow the runs down."""
    monkeypatch.setattr(llm_module, "BACKOFF_FIRST_S", 0.01)


@pytest.fixture
def fake() -> Iterator[FakeProvider]:
    with FakeProvider(api_key=KEY, models=[MODEL]) as server:
        yield server


def llm_settings(fake: FakeProvider, **overrides) -> LLMSettings:
    values = {"llm": f"openai:{MODEL}", "base_url": fake.openai_url, "api_key": KEY, "timeout_s": 5.0,
              "budget_s": 20.0} | overrides  # fmt: skip
    return LLMSettings(**values)


def run(fake: FakeProvider, tmp_path, **overrides) -> SceneDocument:
    result = generate(PROMPT, tmp_path / "out", SMALL, overwrite=True, llm=llm_settings(fake, **overrides))
    out = result.out_dir
    assert probe_video(out / "video.mp4")["frames"] == str(SMALL.num_frames)
    assert len(result.scene.frames) == SMALL.num_frames
    return result.scene


def requests_of(fake: FakeProvider, schema: type[BaseModel]) -> list[Request]:
    return [r for r in fake.completions() if r.schema_name == schema.__name__]


def test_every_agent_answers_through_the_provider(fake, tmp_path):
    fake.responder = scripted(GOOD)
    scene = run(fake, tmp_path)
    plan = scene.plan
    assert plan.scene_description == "a green park with short grass"  # the model's plan, not the offline one
    assert [(e.id, e.category, e.color.name if e.color else None, e.height_m) for e in plan.entities] == [
        ("dog", "dog", "brown", 0.7), ("ball", "ball", "red", 0.25)
    ]  # fmt: skip
    assert [e.description for e in plan.entities] == ["a brown dog with floppy ears", "a shiny red ball"]
    assert [(r.subject, r.predicate, r.object) for r in plan.relations] == [("dog", "in_front_of", "ball")]
    assert [(a.entity, a.clip, a.direction) for a in plan.actions] == [("dog", "run", "left")]
    assert len(scene.layout.paths["dog"]) == 2 + len(TRAJECTORY["points"])  # the model's path, ends included
    assert {t.entity: t.clip for t in scene.motion.tracks} == {"dog": "run", "ball": "idle"}
    model_checks = [c for c in scene.critique[0].checks if c.name.startswith("llm:")]
    assert [(c.name, c.passed, c.entities) for c in model_checks] == [("llm:looks_like", True, ["dog"])]
    for agent, schemas in SCHEMAS.items():
        usage = scene.usage.agents[agent]
        requests = [r for schema in schemas for r in requests_of(fake, schema)]
        tokens = [USAGE[r.schema_name or ""] for r in requests]
        assert (usage.provider, usage.model) == ("openai", MODEL)
        assert (usage.calls, usage.tokens_in, usage.tokens_out) == (
            len(requests), sum(t[0] for t in tokens), sum(t[1] for t in tokens)
        )  # fmt: skip
        assert usage.valid_at_once == len(requests)
        assert (usage.repairs, usage.retries, usage.fallbacks) == (0, 0, 0)
    assert scene.rounds == len(requests_of(fake, CritiqueAnswer))
    assert [len(requests_of(fake, schema)) for schema in SCHEMAS["layout"]] == [scene.rounds] * 2
    assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in fake.completions())
    report = (tmp_path / "out" / "report.md").read_text()
    assert f"| director | openai | {MODEL} | 1 | 300 | 120 |" in report


def test_the_critic_sees_the_contact_sheet(fake, tmp_path):
    fake.responder = scripted(GOOD)
    run(fake, tmp_path)
    [request] = requests_of(fake, CritiqueAnswer)
    [image] = request.images()
    with Image.open(io.BytesIO(image)) as sent, Image.open(tmp_path / "out" / "contact_sheet.png") as sheet:
        assert sent.format == "PNG"
        assert sent.convert("RGB").tobytes() == sheet.convert("RGB").tobytes()  # small enough to go as it is
    assert "dog" in request.last_text and "ball" in request.last_text  # and the scene graph, as text


def test_a_director_answer_with_an_invented_id_is_repaired(fake, tmp_path):
    invented = DIRECTOR | {"relations": [{"subject": "cat", "predicate": "in_front_of", "object": "ball"}]}
    fake.responder = scripted(
        GOOD | {DirectorAnswer: [reply(DirectorAnswer, invented), *GOOD[DirectorAnswer]]}
    )
    scene = run(fake, tmp_path)
    usage = scene.usage.agents["director"]
    assert (usage.calls, usage.repairs, usage.valid_after_repair, usage.fallbacks) == (2, 1, 1, 0)
    assert usage.log[0].startswith("repair 1:") and "cat" in usage.log[0]
    assert "cat" in requests_of(fake, DirectorAnswer)[1].last_text  # the repair request names the problem
    assert scene.plan.scene_description == "a green park with short grass"
    assert [(r.subject, r.object) for r in scene.plan.relations] == [("dog", "ball")]


def test_faults_in_the_middle_of_a_run_are_retried(fake, tmp_path):
    fake.responder = scripted(
        GOOD
        | {
            MotionAnswer: [status(429, retry_after=0.1), *GOOD[MotionAnswer]],
            CritiqueAnswer: [status(503), *GOOD[CritiqueAnswer]],
        }
    )
    scene = run(fake, tmp_path)
    for agent in ("motion", "critic"):
        usage = scene.usage.agents[agent]
        assert (usage.retries, usage.fallbacks) == (1, 0)
        assert usage.log[0].startswith("retry in")
    assert {t.entity: t.clip for t in scene.motion.tracks} == {"dog": "run", "ball": "idle"}
    assert any(c.name == "llm:looks_like" for c in scene.critique[0].checks)


def test_a_failed_model_check_sends_the_graph_back_and_usage_adds_up_over_rounds(fake, tmp_path):
    floats = {"name": "pose", "passed": False, "score": 0.2, "entities": ["dog"],
              "message": "the dog floats above the grass", "route": "motion"}  # fmt: skip
    fake.responder = scripted(
        GOOD | {CritiqueAnswer: [reply(CritiqueAnswer, {"checks": [floats]}), *GOOD[CritiqueAnswer]]}
    )
    scene = run(fake, tmp_path)
    assert scene.rounds == 2 and scene.passed
    assert [c.passed for c in scene.critique[0].checks if c.name == "llm:pose"] == [False]
    calls = {agent: scene.usage.agents[agent].calls for agent in AGENTS}
    assert calls == {"director": 1, "layout": 2, "motion": 2, "critic": 2}  # motion and critic ran twice
    assert scene.usage.agents["critic"].tokens_in == 2 * USAGE["CritiqueAnswer"][0]
    retried = requests_of(fake, MotionAnswer)[1]
    assert "the dog floats above the grass" in retried.last_text  # the failed check, as feedback


def test_garbage_from_every_agent_still_makes_a_video_with_the_fallbacks_recorded(fake, tmp_path):
    fake.responder = lambda request: "Sorry, I cannot help with that."
    scene = run(fake, tmp_path, max_repairs=1)
    assert scene.plan.scene_description == "a park"  # the offline director's plan
    for agent in AGENTS:
        usage = scene.usage.agents[agent]
        assert usage.provider == "openai" and usage.fallbacks >= 1
        assert usage.repairs == usage.fallbacks  # one repair per question, then the offline path
        assert usage.calls == 2 * usage.fallbacks
        assert "fell back to the offline" in usage.log[-1]
    report = (tmp_path / "out" / "report.md").read_text()
    assert "fell back to the offline director" in report


def test_a_wrong_key_stops_the_run_at_once(fake, tmp_path):
    with pytest.raises(GenerateError, match="OPENAI_API_KEY") as error:
        generate(PROMPT, tmp_path / "out", SMALL, llm=llm_settings(fake, api_key="sk-wrong-key"))
    message = str(error.value)
    assert "\n" not in message and "sk-wrong-key" not in message
    assert len(fake.completions()) == 1  # the director's first request; nothing retried
    assert not (tmp_path / "out" / "video.mp4").exists()


def test_a_chat_directs_its_first_scene_with_the_directors_model_and_falls_back_to_the_offline_editor(
    fake, tmp_path
) -> None:
    from scenewright.agents.editor_llm import EditAnswer
    from scenewright.chat import ChatSession

    fake.responder = scripted(GOOD | {EditAnswer: [answer("I would paint it blue.", 300, 10)]})
    settings = llm_settings(fake, llm="offline", director_llm=f"openai:{MODEL}")
    with ChatSession("t", tmp_path, SMALL, settings) as chat:
        chat.send(PROMPT)
        assert chat.plan is not None
        assert [e.description for e in chat.plan.entities] == [
            "a brown dog with floppy ears",
            "a shiny red ball",
        ]
        chat.send("make the ball blue")  # the model never answers with JSON: the offline editor reads it
        assert chat.plan.entities[1].color is not None and chat.plan.entities[1].color.name == "blue"
    assert [r.schema_name for r in fake.requests][:2] == ["DirectorAnswer", "EditAnswer"]


def test_the_directors_model_reads_a_chat_edit_and_a_bad_one_is_repaired(fake, tmp_path) -> None:
    from scenewright.agents.editor_llm import EditAnswer
    from scenewright.chat import ChatSession

    unknown = {
        "command": "edit",
        "text": "x",
        "edits": [{"op": "set_color", "entity": "cat", "color": "blue"}],
    }
    good = {"command": "edit", "text": "x", "edits": [{"op": "set_color", "entity": "ball", "color": "blue"}]}
    fake.responder = scripted(
        GOOD | {EditAnswer: [answer(json.dumps(unknown), 300, 40), answer(json.dumps(good), 300, 40)]}
    )
    settings = llm_settings(fake, llm="offline", director_llm=f"openai:{MODEL}")
    with ChatSession("t", tmp_path, SMALL, settings) as chat:
        chat.send(PROMPT)
        turn = chat.send("give the sphere the colour of the sky")  # beyond the offline editor
        assert turn is not None and turn.changes == ["the ball is now blue"]
        assert chat.plan is not None and chat.plan.entities[1].color is not None
        assert chat.plan.entities[1].color.name == "blue"
    edits = [r for r in fake.requests if r.schema_name == "EditAnswer"]
    assert len(edits) == 2 and "cat" in json.dumps(
        edits[1].body
    )  # the repair quotes the bad answer's problem


def test_a_dead_provider_is_asked_by_one_agent_only_and_the_run_still_makes_its_video(fake, tmp_path):
    fake.responder = lambda request: status(503)
    scene = run(fake, tmp_path)
    assert len(fake.completions()) == 3  # the director's three tries trip the run's breaker
    assert scene.plan.scene_description == "a park"  # the offline director's plan
    director = scene.usage.agents["director"]
    assert (director.calls, director.retries, director.fallbacks) == (3, 2, 1)
    assert (
        "is down for this run (3 failed request(s) in a row, the last: 503 server error" in director.log[-1]
    )
    for agent in ("layout", "motion", "critic"):
        usage = scene.usage.agents[agent]
        assert usage.calls == 0 and usage.fallbacks >= 1
        assert all(line.startswith(f"fell back to the offline {agent}: not asked:") for line in usage.log)
    report = (tmp_path / "out" / "report.md").read_text()
    assert "not asked" in report


def reflecting(script: dict[type[BaseModel], list[Reply]]):
    """`scripted`, by a server that writes the request's Authorization header into every text field of its
    answers (descriptions, messages), as a proxy that echoes headers would."""
    respond = scripted(script)

    def reflect(request: Request) -> Reply:
        reply = respond(request)
        echoed = json.dumps(request.headers["authorization"])[1:-1]
        text = re.sub(r'("(?:scene|description|message)": ")', rf"\g<1>{echoed} ", reply.text)
        return answer(text, reply.tokens_in, reply.tokens_out)

    return reflect


def test_a_key_the_server_reflects_never_reaches_an_output(fake, tmp_path, monkeypatch, capsys):
    from scenewright.cli import main

    fake.responder = reflecting(GOOD)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    out = tmp_path / "out"
    size = f"{SMALL.width}x{SMALL.height}"
    model = ["--llm", f"openai:{MODEL}", "--base-url", fake.openai_url]
    arguments = ["generate", PROMPT, "-o", str(out), *model,
                 "--size", size, "--fps", str(SMALL.fps), "--duration", "2", "--max-rounds", "1"]  # fmt: skip
    assert main(arguments) == 0
    scene = SceneDocument.model_validate_json((out / "scene.json").read_text())
    assert scene.plan.scene_description == "Bearer *** a green park with short grass"  # it was reflected
    captured = capsys.readouterr()
    outputs = [captured.out, captured.err, *(path.read_bytes().decode("latin-1") for path in out.iterdir())]
    assert not [text for text in outputs if KEY in text]
