"""Run settings: one RunSettings from flags > config file > defaults (its [run], [refine] and [sds] tables),
carried whole in the graph's context and checked once, before the graph starts."""

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest
from langgraph.runtime import Runtime
from offline_scene import offline_scene

import scenewright.graphs.generate as generate_graph
import scenewright.graphs.preflight as preflight
from scenewright import generate
from scenewright.cli import build_parser, main, run_settings_from
from scenewright.config import ConfigError, load_llm_settings, load_run_settings
from scenewright.graphs.context import GenerateContext
from scenewright.graphs.generate import recipes_for
from scenewright.schema import Check
from scenewright.settings import RefineSettings, RunSettings, SdsSettings

ROOT = Path(__file__).resolve().parents[1]
PROMPT = "a dog to the left of a red ball"
CONFIG = """\
llm = "offline"

[run]
fps = 6
duration_s = 1
width = 224
height = 128
asset_overrides = { ball = "procedural", dog = "procedural" }

[refine]
steps = 7
width_px = 64

[sds]
steps = 9
guidance_scale = 50
background = [0.2, 0.2, 0.2]
"""


@pytest.fixture(autouse=True)
def no_config_of_the_machine(monkeypatch, tmp_path):
    """Neither $SCENEWRIGHT_CONFIG nor a ./scenewright.toml of the machine running the tests leaks in."""
    monkeypatch.delenv("SCENEWRIGHT_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def write_config(tmp_path: Path, text: str = CONFIG) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text)
    return path


def test_without_a_file_or_a_flag_the_settings_are_the_defaults():
    assert load_run_settings() == RunSettings()
    assert RunSettings().refine == RefineSettings() and RunSettings().sds == SdsSettings()


def test_the_config_files_tables_reach_the_run_settings_and_flags_win(tmp_path):
    path = write_config(tmp_path)
    settings = load_run_settings(path, fps=12, asset_overrides=(("dog", "shap-e"),))
    assert (settings.fps, settings.duration_s, settings.width, settings.height) == (12, 1.0, 224, 128)
    assert isinstance(settings.duration_s, float)
    assert settings.asset_overrides == (("ball", "procedural"), ("dog", "shap-e"))
    assert settings.refine == RefineSettings(steps=7, width_px=64)
    assert settings.sds == SdsSettings(steps=9, guidance_scale=50.0, background=(0.2, 0.2, 0.2))
    # the provider settings read the same file and leave its run tables alone
    assert load_llm_settings(path).offline


def test_the_command_line_reads_the_file_named_by_the_environment(tmp_path, monkeypatch):
    path = write_config(tmp_path)
    args = build_parser().parse_args(["generate", PROMPT, "-o", "out", "--size", "320x180"])
    assert run_settings_from(args) == RunSettings(width=320, height=180)  # no file here
    monkeypatch.setenv("SCENEWRIGHT_CONFIG", str(path))
    settings = run_settings_from(args)
    assert (settings.width, settings.height, settings.fps, settings.seed) == (320, 180, 6, 0)
    assert settings.refine.steps == 7 and settings.sds.steps == 9
    chat = build_parser().parse_args(["chat", "--seed", "4", "--config", str(path)])
    assert run_settings_from(chat).seed == 4 and run_settings_from(chat).sds.guidance_scale == 50.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[refine]\nstpes = 3\n", r"unknown key 'stpes' in \[refine\] \(known: steps, "),
        ("[sds]\nguidance = 3.0\n", r"unknown key 'guidance' in \[sds\]"),
        ("[run]\nframes = 3\n", r"unknown key 'frames' in \[run\]"),
        ("[run]\n[run.refine]\nsteps = 3\n", r"unknown key 'refine' in \[run\]"),
        ("[sds]\nt_min = 0.9\n", r"\[sds\]: SdsSettings needs 0 <= t_min <= t_max_end"),
        ("[refine]\nsteps = 'many'\n", r"\[refine\] steps: Input should be a valid integer"),
        ("[run]\nrenderer = 'vulkan'\n", r"\[run\] renderer: Input should be 'auto', 'cpu' or 'gsplat'"),
        ("refine = 3\n", r"refine must be a table"),
    ],
)
def test_a_bad_key_or_value_names_the_key_and_the_file(tmp_path, text, message):
    path = write_config(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as error:
        load_run_settings(path)
    assert str(path) in str(error.value) and "\n" not in str(error.value)


def test_the_command_line_refuses_an_unknown_key_in_one_line(tmp_path, capsys):
    path = write_config(tmp_path, "[refine]\nstpes = 3\n")
    out = tmp_path / "out"
    assert main(["generate", PROMPT, "-o", str(out), "--config", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "'stpes'" in err and str(path) in err
    assert not out.exists()


def scene_state(settings: RunSettings) -> dict:
    plan, _, layout, motion = offline_scene(PROMPT, settings)
    failed = Check(name="relation:left_of", passed=False, score=0.0, message="", route="layout")
    recipes = recipes_for(plan, settings.seed, {})
    return {"plan": plan, "recipes": recipes, "layout": layout, "motion": motion, "feedback": [failed]}


def test_the_config_files_refine_steps_are_the_refine_nodes(tmp_path, monkeypatch):
    settings = load_run_settings(write_config(tmp_path), renderer="cpu")
    state = scene_state(settings)
    used = []

    def refine_layout(*arguments, config):
        used.append(config)
        return SimpleNamespace(layout=state["layout"], motion=state["motion"], summary="refined")

    monkeypatch.setattr(generate_graph, "refine_layout", refine_layout)
    runtime = Runtime(context=GenerateContext(settings=settings), stream_writer=lambda event: None)
    update = generate_graph.refine(state, runtime=runtime)
    assert used == [RefineSettings(steps=7, width_px=64)] and update["events"] == [
        "round 1 · refine: refined"
    ]


def test_the_config_files_sds_section_is_the_distillation_nodes(tmp_path, monkeypatch):
    settings = load_run_settings(write_config(tmp_path), renderer="cpu", sd_model=str(tmp_path))
    state = scene_state(settings)
    used = []

    def refine_layout_sds(*arguments, failed, on_step):
        used.append(arguments[-1])
        return SimpleNamespace(layout=state["layout"], motion=state["motion"], summary="distilled")

    monkeypatch.setattr(generate_graph, "shared_prior", lambda folder: None)
    monkeypatch.setattr(generate_graph, "refine_layout_sds", refine_layout_sds)
    runtime = Runtime(context=GenerateContext(settings=settings), stream_writer=lambda event: None)
    generate_graph.refine(state, runtime=runtime)
    assert used == [SdsSettings(steps=9, guidance_scale=50.0, background=(0.2, 0.2, 0.2))]


def test_the_settings_are_checked_once_before_the_graph_not_per_node(tmp_path, monkeypatch):
    """Every node reads the context's settings; the value and file checks run once, in api.generate."""
    calls = {"validate": 0, "files": 0}
    validate, check_assets = RunSettings.validate, preflight._check_assets

    def counted_validate(self):
        calls["validate"] += 1
        return validate(self)

    def counted_check_assets(settings):
        calls["files"] += 1
        check_assets(settings)

    monkeypatch.setattr(RunSettings, "validate", counted_validate)
    monkeypatch.setattr(preflight, "_check_assets", counted_check_assets)
    folder = tmp_path / "assets"
    folder.mkdir()
    settings = RunSettings(
        fps=2, duration_s=1.0, width=64, height=36, max_rounds=2, renderer="cpu", asset_folder=str(folder)
    )
    result = generate("a ball", tmp_path / "out", settings)
    assert result.scene.frames and calls == {"validate": 1, "files": 1}


def test_a_context_given_as_json_becomes_checked_settings(tmp_path):
    context = GenerateContext(settings={"width": 224, "height": 128, "refine": {"steps": 2}})
    assert context.settings == RunSettings(width=224, height=128, refine=RefineSettings(steps=2))
    with pytest.raises(ConfigError, match=r"context: unknown key 'widht' in settings \(known"):
        GenerateContext(settings={"widht": 224})
    with pytest.raises(ValueError, match=r"--asset-folder .* is not a folder"):
        GenerateContext(settings={"asset_folder": str(tmp_path / "missing")})
    with pytest.raises(ValueError, match="--fps must be between"):
        GenerateContext(settings={"fps": 0})


@pytest.mark.parametrize("module", ["scenewright/settings.py", "scenewright/config.py"])
def test_the_core_settings_import_nothing_above_the_core(module):
    tree = ast.parse((ROOT / module).read_text())
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    ]
    above = ("scenewright.tools", "scenewright.agents", "scenewright.graphs", "scenewright.api")
    assert not [name for name in imported if name.startswith(above)]
