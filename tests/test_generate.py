"""The whole graph end to end, offline, on small short prompts: the output contract (docs/architecture.md)."""

import json
import os

import pytest
from test_video import probe_video

from scenewright import RunSettings, generate
from scenewright.agents.director import direct_offline
from scenewright.schema import SCHEMA_VERSION, SceneDocument
from scenewright.tools.scene.ply import read_ply

SMALL = RunSettings(seed=3, fps=6, duration_s=1.0, width=224, height=128, max_rounds=2)

PROMPTS = [
    ("a corgi runs to the left of a red ball on a beach", {"corgi", "ball"}),
    ("two cats sit next to a blue car in a street", {"cat", "car"}),
    ("a bird flies up above a tree in a park", {"bird", "tree"}),
    ("a person walks towards the camera in the snow", {"person"}),
    ("a purple zorblax stands on a table", {"zorblax", "table"}),
]


@pytest.mark.slow
@pytest.mark.parametrize(("prompt", "nouns"), PROMPTS)
def test_generate_writes_the_output_contract(tmp_path, prompt, nouns):
    events = []
    result = generate(prompt, tmp_path / "out", SMALL, on_event=events.append)
    out = result.out_dir
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["video.mp4", "contact_sheet.png", "scene.json", "scene.ply", "report.md"]
    )
    assert probe_video(out / "video.mp4") == {
        "codec": "h264",
        "pix_fmt": "yuv420p",
        "size": "224x128",
        "frames": str(SMALL.num_frames),
    }
    scene = SceneDocument.model_validate_json((out / "scene.json").read_text())
    assert json.loads((out / "scene.json").read_text())["schema_version"] == SCHEMA_VERSION
    assert (scene.prompt, scene.seed, scene.fps, scene.width, scene.height) == (prompt, 3, 6, 224, 128)
    assert {e.name for e in scene.entities} == nouns
    assert 1 <= scene.rounds <= SMALL.max_rounds == 2 and len(scene.critique) == scene.rounds
    assert scene.passed == all(check.passed for check in scene.critique[-1].checks)
    assert len(scene.frames) == SMALL.num_frames
    assert all(set(frame.entities) == {e.id for e in scene.entities} for frame in scene.frames)
    assert set(scene.usage.agents) == {"director", "layout", "motion", "critic"}
    assert all(u.provider == "offline" and u.calls >= 1 for u in scene.usage.agents.values())
    gaussians = read_ply(out / "scene.ply")
    assert len(gaussians) > sum(e.asset.num_gaussians for e in scene.entities)  # entities plus environment
    report = (out / "report.md").read_text()
    for section in (
        "## Director",
        "## Assets",
        "## Layout",
        "## Motion",
        "## Critique",
        "## Timings",
        "## Provider use",
    ):
        assert section in report
    stages = {event["stage"] for event in events}
    assert {"director", "assets", "layout", "motion", "render", "critic", "finalize"} <= stages
    assert [e["frame"] for e in events if "frame" in e][: SMALL.num_frames] == list(
        range(1, SMALL.num_frames + 1)
    )


@pytest.mark.slow
def test_unknown_nouns_become_named_generic_assets(tmp_path):
    scene = generate("a purple zorblax stands on a table", tmp_path / "out", SMALL).scene
    assert scene.plan.unknown_nouns == ["zorblax"]
    assert next(e for e in scene.entities if e.name == "zorblax").category == "generic"
    assert "zorblax" in (tmp_path / "out" / "report.md").read_text()


@pytest.mark.slow
def test_same_prompt_seed_and_settings_give_the_same_scene(tmp_path):
    prompt = "a dog jumps in front of a house"
    first = json.loads(generate(prompt, tmp_path / "a", SMALL).scene.model_dump_json())
    second = json.loads(generate(prompt, tmp_path / "b", SMALL).scene.model_dump_json())
    first.pop("usage"), second.pop("usage")  # usage holds wall-clock seconds
    assert first == second


@pytest.mark.slow
def test_nothing_is_written_outside_the_output_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = set(os.listdir(tmp_path))
    generate("a horse walks to the right", "out", SMALL)
    assert set(os.listdir(tmp_path)) - before == {"out"}


def test_overwrite_replaces_the_outputs_and_keeps_other_files(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "video.mp4").write_text("stale")
    generate(
        "a ball", out, RunSettings(fps=4, duration_s=0.5, width=96, height=64, max_rounds=1), overwrite=True
    )
    assert (out / "notes.txt").read_text() == "mine"
    assert probe_video(out / "video.mp4")["frames"] == "2"


def test_langgraph_json_points_at_the_compiled_graph():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    target = json.loads((root / "langgraph.json").read_text())["graphs"]["generate"]
    path, attribute = target.split(":")
    spec = importlib.util.spec_from_file_location("generate_graph", root / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    graph = getattr(module, attribute)
    assert set(graph.get_graph().nodes) >= {"director", "assets", "layout", "motion", "render", "critic"}


def test_an_entity_named_environment_is_built_like_any_other(tmp_path) -> None:
    """An entity named 'environment' (a chat edit or a model may name one) once collided with the backdrop's
    recipe."""
    prompt = "a robot plants a tree next to a box"
    plan = direct_offline(prompt)
    box = next(e for e in plan.entities if e.name == "box")
    renamed = [
        e.model_copy(update={"id": "environment", "name": "environment"}) if e is box else e
        for e in plan.entities
    ]
    relations = [
        r.model_copy(update={"object": "environment"}) if r.object == box.id else r for r in plan.relations
    ]
    plan = plan.model_copy(update={"entities": renamed, "relations": relations, "nouns": []})
    result = generate(
        prompt,
        tmp_path / "out",
        RunSettings(width=64, height=36, fps=2, duration_s=1.0, max_rounds=1),
        plan=plan,
    )
    assert "environment" in {e.id for e in result.scene.entities}
    assert (tmp_path / "out" / "video.mp4").stat().st_size > 0


def test_a_flat_thing_on_the_ground_shows_its_own_colour_under_what_rests_on_it(tmp_path) -> None:
    """The ground is a backdrop: its wide splats, centred nearer the camera, no longer cover a notebook."""
    scene = generate("a yellow pencil lies on a green notebook", tmp_path / "out", SMALL).scene
    shares = [frame.entities["notebook"].colors.get("green", 0.0) for frame in scene.frames]
    assert min(shares) > 0.5, shares


def test_a_given_plan_is_built_as_it_is_instead_of_reading_the_prompt(tmp_path) -> None:
    from scenewright.agents.director import direct_offline

    plan = direct_offline("a dog runs to the left of a ball")
    two_balls = plan.model_copy(
        update={"entities": [plan.entities[0], plan.entities[1].model_copy(update={"count": 2})]}
    )
    scene = generate("ignored words", tmp_path / "out", SMALL, plan=two_balls).scene
    assert scene.plan == two_balls
    assert sorted(e.id for e in scene.entities) == ["ball_1", "ball_2", "dog"]


@pytest.mark.slow
def test_two_runs_at_once_in_one_process_each_report_their_own_asset_counts(tmp_path):
    """Two generations at once on threads of one process (as the web UI runs them), over one asset store:
    each scene.json counts the hits and misses of its own run."""
    from concurrent.futures import ThreadPoolExecutor

    from scenewright.tools.scene.asset_cache import AssetStore

    store = AssetStore()  # the test's own, in memory
    tiny = RunSettings(fps=2, duration_s=1.0, width=64, height=48, max_rounds=1)
    beach, street = "a red ball on a beach", "a blue car in a street"

    def counts(result):
        assets = result.scene.usage.tools["assets"]
        return assets.hits, assets.misses

    # the beach, and the ball twice: its layout preview and its asset at the detail its screen size asks
    assert counts(generate(beach, tmp_path / "first", tiny, asset_store=store)) == (0, 3)
    with ThreadPoolExecutor(max_workers=2) as pool:
        again = pool.submit(generate, beach, tmp_path / "again", tiny, asset_store=store)
        other = pool.submit(generate, street, tmp_path / "street", tiny, asset_store=store)
        assert counts(again.result(timeout=300)) == (3, 0)
        assert counts(other.result(timeout=300)) == (0, 3)
