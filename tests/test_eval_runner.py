"""The eval runner: every item is generated and scored in worker processes, report.json always reads back, a
rerun keeps what finished, and a prompt that cannot be generated fails its item, not the eval."""

import json
import os
import threading

import pytest

from scenewright.cli import main
from scenewright.config import LLMSettings
from scenewright.evals import runner
from scenewright.evals.runner import (
    EvalError,
    Task,
    build_report,
    finished_result,
    progress_line,
    run_eval,
    run_task,
    write_atomically,
)
from scenewright.evals.schema import EvalItem, EvalReport, ItemResult, MetricResult, NounMapping
from scenewright.settings import RunSettings
from scenewright.tools.locks import claim_folder

SMALL = ["--size", "128x72", "--fps", "4", "--duration", "1", "--max-rounds", "1"]
TOO_LONG = "a dog " * 400  # over the prompt limit: generate refuses it


def item(item_id, category="spatial_relationships", prompt="a dog"):
    return EvalItem(id=item_id, suite="mine", category=category, prompt=prompt)


def result(item_id, category, passed, *, rounds=1, seconds=2.0, error=None, nouns=()):
    return ItemResult(
        item=item(item_id, category),
        seed=0,
        out=f"runs/{item_id}-s0",
        passed=passed,
        metrics=[MetricResult(name="spatial", passed=passed, score=float(passed), detail="-")],
        nouns=list(nouns),
        rounds=rounds,
        seconds=seconds,
        error=error,
    )


def test_an_eval_writes_every_run_and_a_rerun_only_redoes_what_is_missing(tmp_path, capsys):
    suite = tmp_path / "tiny.json"
    suite.write_text(
        json.dumps(
            [
                {
                    "prompt": "a dog left of a red ball",
                    "spatial": "left",
                    "object_1": "dog",
                    "object_2": "ball",
                },
                {"prompt": "two cats", "category": "generative_numeracy", "objects": "cat", "numbers": "2"},
                {"prompt": TOO_LONG, "id": "too-long", "category": "object_interactions"},
            ]
        )
    )
    out = tmp_path / "eval"
    assert main(["eval", str(suite), "--out", str(out), "--workers", "2", *SMALL]) == 0
    captured = capsys.readouterr()
    progress = [line for line in captured.err.splitlines() if line.startswith("[")]
    assert len(progress) == 3 and progress[-1].startswith("[3/3] ")
    assert "| tiny |" in captured.out and "report.json, report.md, report.html" in captured.out

    report = EvalReport.model_validate_json((out / "report.json").read_text())
    assert [r.item.id for r in report.items] == ["tiny-000", "tiny-001", "too-long"]  # task order
    for ran in report.items[:2]:
        assert ran.error is None and ran.metrics and ran.rounds == 1
        for name in ("video.mp4", "contact_sheet.png", "scene.json", "result.json"):
            assert (out / ran.out / name).is_file()
    failed = report.items[2]
    assert not failed.passed and "the limit is 2000" in failed.error
    assert (out / "runs/too-long-s0/result.json").is_file()
    assert (out / "report.md").is_file() and (out / "report.html").is_file()
    assert report.settings["width"] == 128 and report.settings["director_llm"] == "offline"

    kept = {r.out: (out / r.out / "result.json").stat().st_mtime_ns for r in report.items[:2]}
    videos = {r.out: (out / r.out / "video.mp4").stat().st_mtime_ns for r in report.items[:2]}
    assert main(["eval", str(suite), "--out", str(out), "--workers", "2", *SMALL]) == 0
    captured = capsys.readouterr()
    progress = [line for line in captured.err.splitlines() if line.startswith("[")]
    assert len(progress) == 1 and progress[0].startswith("[3/3] ERROR too-long s0")
    assert "1 run now, 2 kept from before" in captured.out  # the failed run is tried again, not kept
    assert {name: (out / name / "result.json").stat().st_mtime_ns for name in kept} == kept
    assert {name: (out / name / "video.mp4").stat().st_mtime_ns for name in videos} == videos
    again = EvalReport.model_validate_json((out / "report.json").read_text())
    assert again.items[:2] == report.items[:2] and again.items[2].error == failed.error


def test_resuming_with_other_settings_is_refused_before_any_run(tmp_path):
    out = tmp_path / "eval"
    out.mkdir()
    earlier = build_report(["mine"], {"width": 640, "height": 360}, [])
    write_atomically(out / "report.json", earlier.model_dump_json())
    with pytest.raises(EvalError, match=r"other settings \(width 640 -> 128, height 360 -> 72\)"):
        run_eval([item("a")], out, settings=RunSettings(width=128, height=72), llm=LLMSettings(llm="offline"))
    assert not (out / "runs").exists()


def test_items_sharing_an_id_are_refused_they_would_share_a_run_folder(tmp_path):
    with pytest.raises(EvalError, match=r"must be unique .*: a$"):
        run_eval([item("a"), item("b"), item("a")], tmp_path, settings=RunSettings(), llm=LLMSettings())


def test_a_result_of_another_item_or_an_unreadable_one_is_not_finished(tmp_path):
    task = Task(item("a", prompt="a dog"), seed=0)
    path = tmp_path / task.folder / "result.json"
    path.parent.mkdir(parents=True)
    assert finished_result(tmp_path, task) is None
    path.write_text("{not json")
    assert finished_result(tmp_path, task) is None
    stale = result("a", "spatial_relationships", True)  # same id, but its prompt was "a dog" ...
    path.write_text(stale.model_copy(update={"item": item("a", prompt="a cat")}).model_dump_json())
    assert finished_result(tmp_path, task) is None  # ... and the suite now says "a cat"
    path.write_text(stale.model_dump_json())
    assert finished_result(tmp_path, task) == stale


def test_the_report_summarizes_categories_against_targets_and_counts_noun_coverage():
    nouns = [
        NounMapping(noun="dog", category="dog", kind="known"),
        NounMapping(noun="llama", category="horse", kind="nearest"),
        NounMapping(noun="kazoo", category="generic", kind="generic"),
    ]
    results = [
        result("m1", "my_category", True, seconds=1.0),
        result("s1", "spatial_relationships", True, rounds=1, seconds=2.0, nouns=nouns),
        result("s2", "spatial_relationships", False, rounds=3, seconds=4.0, nouns=nouns[:1]),
        result("s3", "spatial_relationships", False, rounds=0, seconds=0.1, error="GenerateError: no"),
    ]
    report = build_report(["mine"], {"fps": 4}, results)
    assert list(report.categories) == ["spatial_relationships", "my_category"]  # the benchmark's first
    spatial = report.categories["spatial_relationships"]
    assert (spatial.items, spatial.passed, spatial.target) == (3, 1, 0.95)
    assert spatial.rate == pytest.approx(1 / 3)
    assert (spatial.mean_rounds, spatial.mean_seconds) == (2.0, 3.0)  # over the runs, not the failed one
    assert report.categories["my_category"].target is None
    coverage = report.coverage
    assert (coverage.nouns, coverage.known, coverage.nearest, coverage.generic) == (4, 2, 1, 1)
    assert coverage.nearest_nouns == {"llama": "horse"} and coverage.generic_nouns == ["kazoo"]


def test_runs_not_measured_leave_the_rate_and_say_so_in_their_progress_line():
    unjudged = MetricResult(name="interaction", passed=False, judged=False, score=0.0, detail="-")
    seen = MetricResult(name="visibility", passed=True, score=1.0, detail="-")
    results = [
        result("o1", "object_interactions", True),
        result("o2", "object_interactions", False).model_copy(
            update={"judged": False, "metrics": [seen, unjudged]}
        ),
        result("d1", "dynamic_attribute_binding", False).model_copy(
            update={"judged": False, "metrics": [unjudged]}
        ),
    ]
    report = build_report(["mine"], {}, results)
    interactions, dynamic = (
        report.categories["object_interactions"],
        report.categories["dynamic_attribute_binding"],
    )
    assert (interactions.items, interactions.passed, interactions.not_measured, interactions.rate) == (
        2,
        1,
        1,
        1.0,
    )
    assert (dynamic.not_measured, dynamic.rate) == (1, None)
    assert progress_line(results[1], 2, 3) == (
        "[2/3] NOT MEASURED o2 s0 2.0 s  a dog  not measured: interaction"
    )


def test_progress_lines_name_the_verdict_and_what_failed():
    assert progress_line(result("s2", "spatial_relationships", False), 12, 250) == (
        "[12/250] FAIL s2 s0 2.0 s  a dog  failed: spatial"
    )
    assert progress_line(result("s1", "spatial_relationships", True), 1, 2) == "[1/2] PASS s1 s0 2.0 s  a dog"
    errored = result("s3", "spatial_relationships", False, error="GenerateError: no")
    assert progress_line(errored, 2, 2).endswith("ERROR s3 s0 2.0 s  a dog  error: GenerateError: no")


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ([], "name at least one SUITE"),
        (["{suite}"], "--out DIR is required"),
        (["{suite}", "--out", "{out}", "--size", "641x360"], "--size width must be even"),
        (["{suite}", "--compare", "{out}"], "--compare takes only eval folders"),
        (["--compare", "{out}"], "holds no report.json"),
        (["{tmp}/missing.yaml", "--out", "{out}"], "does not exist"),
        (["{long}", "--out", "{out}"], "id has 5000 characters; the limit is 200"),
    ],
)
def test_bad_eval_arguments_exit_2_with_one_line(tmp_path, capsys, args, reason):
    suite = tmp_path / "s.json"
    suite.write_text('[{"prompt": "a dog"}]')
    long_id = tmp_path / "long.json"
    long_id.write_text(json.dumps([{"prompt": "a dog", "id": "x" * 5000}]))
    values = {"{suite}": str(suite), "{long}": str(long_id), "{out}": str(tmp_path / "out")}
    argv = [values.get(arg, arg.replace("{tmp}", str(tmp_path))) for arg in args]
    assert main(["eval", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert reason in err and len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_compare_prints_a_markdown_comparison_of_finished_evals(tmp_path, capsys):
    for name, passed in (("before", False), ("after", True)):
        (tmp_path / name).mkdir()
        report = build_report(["mine"], {"fps": 4}, [result("s1", "spatial_relationships", passed)])
        (tmp_path / name / "report.json").write_text(report.model_dump_json())
    assert main(["eval", "--compare", str(tmp_path / "before"), str(tmp_path / "after")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert str(tmp_path / "before") in lines[0] and str(tmp_path / "after") in lines[0]
    spatial = next(line for line in lines if line.startswith("| spatial_relationships"))
    assert spatial.index("0.0% (0/1)") < spatial.index("100.0% (1/1)")


def hold_in_another_thread(folder, release, then=None):
    """Claim `folder` from another thread (as another writer would) until `release` is set; run `then` while
    still holding it. Returns the thread, once the claim is held."""
    held = threading.Event()

    def hold() -> None:
        with claim_folder(folder):
            held.set()
            release.wait()
            if then is not None:
                then()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait()
    return thread


def test_a_second_eval_into_a_folder_in_use_is_refused_before_any_run(tmp_path):
    release = threading.Event()
    holder = hold_in_another_thread(tmp_path, release)
    try:
        with pytest.raises(EvalError, match=r"is being written by process \d+, another eval: wait for it"):
            run_eval([item("a")], tmp_path, settings=RunSettings(), llm=LLMSettings(llm="offline"))
    finally:
        release.set()
        holder.join()
    assert not (tmp_path / "runs").exists() and not (tmp_path / "report.json").exists()


def test_a_task_waits_for_its_run_folder_and_keeps_what_the_other_writer_finished(tmp_path, monkeypatch):
    def must_not_run(*args):
        raise AssertionError("the task ran although the other writer finished it")

    monkeypatch.setattr(runner, "generate_and_score", must_not_run)
    task = Task(item("a"), seed=0)
    run_dir = tmp_path / task.folder
    run_dir.mkdir(parents=True)
    finished = result("a", "spatial_relationships", True)
    release = threading.Event()
    writer = hold_in_another_thread(
        run_dir, release, then=lambda: write_atomically(run_dir / "result.json", finished.model_dump_json())
    )
    threading.Timer(0.3, release.set).start()
    assert run_task(task, tmp_path, RunSettings(), LLMSettings().model_dump()) == finished
    writer.join()


def test_a_run_folder_that_stays_claimed_or_cannot_be_made_fails_its_task_not_the_eval(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "CLAIM_WAIT_S", 0.2)
    task = Task(item("a"), seed=0)
    (tmp_path / task.folder).mkdir(parents=True)
    release = threading.Event()
    holder = hold_in_another_thread(tmp_path / task.folder, release)
    try:
        busy = run_task(task, tmp_path, RunSettings(), LLMSettings().model_dump())
    finally:
        release.set()
        holder.join()
    assert not busy.passed and f"runs/a-s0 is being written by process {os.getpid()}" in (busy.error or "")
    (tmp_path / "elsewhere").write_text("a file where the runs folder would go")
    blocked = run_task(task, tmp_path / "elsewhere", RunSettings(), LLMSettings().model_dump())
    assert blocked.error == "cannot write its run folder runs/a-s0: Not a directory"
