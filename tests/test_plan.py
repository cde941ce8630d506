"""`scenewright plan`: the director alone, one plan per prompt, each noun's reading shown in a table or the
plan as a JSON line, read from a prompt list and written as it goes, without loading the pipeline."""

import json
import subprocess
import sys

import pytest

from scenewright.api import plan
from scenewright.cli import main, plan_lines
from scenewright.schema import Action, CameraSpec, EntitySpec, NounReading, Plan, Relation

PROMPTS = ["a dog runs to the left of a red ball", "two cats sit on a table"]


def reading(noun: str, noun_class: str, basis: str, stands_for: str = "", **fields: object) -> NounReading:
    return NounReading.model_validate(
        {"noun": noun, "noun_class": noun_class, "basis": basis, "stands_for": stands_for, **fields}
    )


def test_the_table_shows_each_nouns_reading_and_what_would_be_built():
    made = Plan(
        prompt="a goldfish bowl on a leather suitcase in Blue Lagoon, a tranquil tableau, pixel art, rain",
        environment="lake",
        scene_description="Blue Lagoon",
        entities=[
            EntitySpec(id="bowl", name="goldfish bowl", category="vase"),
            EntitySpec(id="suitcase", name="suitcase", category="generic", count=2, attributes=["leather"]),
        ],
        relations=[Relation(subject="bowl", predicate="on", object="suitcase")],
        actions=[Action(entity="bowl", verb="spins", clip="spin", speed="slow")],
        camera=CameraSpec(motion="pan_left", pan_deg=20.0),
        nouns=[
            reading("goldfish bowl", "thing", "nearest", "bowl", category="vase", similarity=0.61),
            reading("suitcase", "thing", "placard", "suitcase", category="generic"),
            reading("leather", "material", "material", "suitcase"),
            reading("Blue Lagoon", "setting", "setting", "lake"),
            reading("tableau", "none", "none"),
            reading("pixel art", "style", "style", "pixel_art"),
            reading("rain", "effect", "effect", "rain"),
            reading("ballon", "thing", "typo", "", read_as="balloon"),
        ],
        style="pixel_art",
        effects=["rain"],
    )
    lines = plan_lines(made)
    assert lines[0] == made.prompt
    columns = [line.split() for line in lines[1:10]]
    assert columns[0] == ["noun", "class", "basis", "built", "as", "read", "as", "similarity"]
    assert " ".join(columns[1]) == "goldfish bowl thing nearest entity bowl (vase) - 0.61"
    assert " ".join(columns[2]) == "suitcase thing placard placard suitcase - -"
    assert " ".join(columns[3]) == "leather material material material of suitcase - -"
    assert " ".join(columns[4]) == "Blue Lagoon setting setting environment lake - -"
    assert " ".join(columns[5]) == "tableau none none nothing - -"
    assert " ".join(columns[6]) == "pixel art style style style pixel_art - -"
    assert " ".join(columns[8]) == "ballon thing typo nothing balloon -"
    rest = dict(line.split(maxsplit=1) for line in lines[10:])
    assert rest == {
        "entities": "1 goldfish bowl [bowl] as vase; 2 suitcase [suitcase] as generic, leather",
        "environment": "lake (Blue Lagoon)",
        "style": "pixel_art",
        "effects": "rain",
        "relations": "bowl on suitcase",
        "actions": "bowl spins (spin, slow)",
        "camera": "pan_left, pan_deg 20.0",
    }


def test_a_plan_without_noun_readings_says_so():
    made = Plan(
        prompt="a dog", environment="park", entities=[EntitySpec(id="dog", name="dog", category="dog")]
    )
    assert plan_lines(made)[1] == "  (the plan records no noun readings)"


def test_json_lines_are_the_plans_generate_would_build(tmp_path, capsys):
    prompts = tmp_path / "prompts.txt"
    prompts.write_text(f"# a comment\n{PROMPTS[0]}\n\n   {PROMPTS[1]}   \n")
    assert main(["plan", "--file", str(prompts), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [Plan.model_validate_json(line) for line in lines] == [plan(prompt) for prompt in PROMPTS]
    assert set(json.loads(lines[0])) == set(Plan.model_fields)  # the plan and nothing else

    assert main(["plan", PROMPTS[1]]) == 0
    assert capsys.readouterr().out.startswith(f"{PROMPTS[1]}\n  ")


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ([], "give one PROMPT or --file FILE"),
        (["a dog", "--file", "x.txt"], "give one PROMPT or --file FILE"),
        (["--file", "/nonexistent/prompts.txt"], "/nonexistent/prompts.txt: cannot read it"),
        (["   "], "the prompt is empty"),
    ],
)
def test_bad_plan_arguments_exit_2_with_one_line(args, reason, capsys):
    assert main(["plan", *args]) == 2
    error = capsys.readouterr().err
    assert reason in error and len(error.strip().splitlines()) == 1


def test_a_prompt_a_plan_cannot_be_made_of_names_its_line(tmp_path, capsys):
    prompts = tmp_path / "prompts.txt"
    prompts.write_text(f"{PROMPTS[0]}\n{'a dog ' * 400}\n")
    assert main(["plan", "--file", str(prompts), "--json"]) == 2
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1  # the first plan was written before the second line was read
    assert f"{prompts} line 2: the prompt has" in captured.err


def test_plan_streams_into_a_closed_pipe_quietly_without_loading_the_pipeline(tmp_path):
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("\n".join(PROMPTS * 200))  # more than a pipe holds: the writer meets the close
    loaded = (
        "langgraph",
        "numba",
        "scenewright.graphs.generate",
        "scenewright.tools.render",
        "scenewright.evals",
    )
    script = (
        "import sys; from scenewright.cli import main; code = main(sys.argv[1:]); "
        f"print(sorted(m for m in sys.modules if m.startswith({loaded!r})), file=sys.stderr); sys.exit(code)"
    )
    command = [sys.executable, "-c", script, "plan", "--file", str(prompts), "--json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # the reader stops, as `| head -1` does
        error = process.stderr.read()
        assert process.wait(timeout=120) == 0
    assert Plan.model_validate_json(first).prompt == PROMPTS[0]
    assert "Error" not in error and "Traceback" not in error
    assert error.strip().splitlines()[-1] == "[]"  # none of the pipeline's modules was imported
