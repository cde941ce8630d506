"""Runs every (item, seed) of a suite through `generate`, scores it and keeps DIR/report.json current.

Each task runs in a spawned worker process (a crash or leak in one run cannot take the eval with it) that
dies with the eval (evals/worker.py) and writes its outputs to DIR/runs/<item>-s<seed>/, result.json last:
a task whose result.json reads back is finished, so rerunning the same command after a kill only runs what
is missing. One writer at a time: the eval claims DIR, each task its run folder (tools/locks.py).
report.json is rewritten atomically after every task, so it is always a valid report of what has finished.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import asdict, dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from scenewright.api import check_run_settings
from scenewright.config import AGENTS, LLMSettings
from scenewright.evals.schema import (
    TARGETS,
    CategorySummary,
    Coverage,
    EvalItem,
    EvalReport,
    ItemResult,
    item_verdict,
)
from scenewright.evals.suites import category_rank
from scenewright.evals.worker import start_worker
from scenewright.settings import RunSettings
from scenewright.tools.locks import FolderBusy, claim_folder

RESULT_FILE = "result.json"
REPORT_FILE = "report.json"
RUNS_FOLDER = "runs"
CLAIM_WAIT_S = 10.0
"""How long a task waits for its run folder while another process writes it (an orphan of a killed eval
ends within a second, see evals/worker.py) before it fails, to be tried again on the next resume."""

SettingsRecord = dict[str, str | int | float | None]
OnResult = Callable[[ItemResult, int, int], None]
"""Called in the main process after each newly finished task: (result, finished so far, total)."""


class EvalError(ValueError):
    """An eval that cannot start as asked, in one line."""


@dataclass(frozen=True)
class Task:
    """One generate run of one item with one seed."""

    item: EvalItem
    seed: int

    @property
    def folder(self) -> str:
        """The run's output folder, relative to the eval folder."""
        return f"{RUNS_FOLDER}/{self.item.id}-s{self.seed}"


def run_eval(
    items: Sequence[EvalItem],
    out: Path,
    *,
    settings: RunSettings,
    llm: LLMSettings,
    seeds: int = 1,
    workers: int = 1,
    on_result: OnResult | None = None,
) -> EvalReport:
    """Generate and score every item `seeds` times with `workers` processes; returns the final report.

    Tasks already finished in `out` (an earlier, interrupted run of the same items) are not rerun.
    A failed generate is a failed result with its error; a failure of the scoring itself stops the eval.
    An eval folder another eval is writing is refused.
    """
    if seeds < 1:
        raise EvalError(f"--seeds must be at least 1 (got {seeds})")
    if workers < 1:
        raise EvalError(f"--workers must be at least 1 (got {workers})")
    repeated = sorted(item_id for item_id, n in Counter(item.id for item in items).items() if n > 1)
    if repeated:
        raise EvalError(f"item ids must be unique (they name the run folders): {', '.join(repeated)}")
    try:  # once, before any run (each run's generate checks its own settings again)
        check_run_settings(settings)
        out.mkdir(parents=True, exist_ok=True)
    except (ValueError, OSError) as error:
        raise EvalError(str(error)) from None
    with ExitStack() as claimed:
        try:
            claimed.enter_context(claim_folder(out))
        except FolderBusy as error:
            raise EvalError(f"{error}, another eval: wait for it to end or use another --out") from None
        except OSError as error:
            raise EvalError(f"cannot claim {out}: {error.strerror or error}") from None
        record = _settings_record(settings, llm, seeds)
        _check_same_settings(out, record)
        tasks = [Task(item, seed) for item in items for seed in range(seeds)]
        results: dict[int, ItemResult] = {}
        for index, task in enumerate(tasks):
            finished = finished_result(out, task)
            if finished is not None:
                results[index] = finished
        recorded = _Recorder(out, tasks, results, record)
        recorded.write()
        pending = [index for index in range(len(tasks)) if index not in results]
        if pending:
            _run_pending(tasks, pending, out, settings, llm, workers, recorded, on_result)
        return recorded.report()


def finished_result(out: Path, task: Task) -> ItemResult | None:
    """The task's result.json when it reads back, is this very task (same item and seed) and made a video.

    A run that failed (a provider time-out, a crash) is tried again on resume rather than kept as a failure.
    """
    try:
        result = ItemResult.model_validate_json((out / task.folder / RESULT_FILE).read_text())
    except (OSError, ValidationError):
        return None
    same_task = result.item == task.item and result.seed == task.seed
    return result if same_task and result.error is None else None


def _check_same_settings(out: Path, record: SettingsRecord) -> None:
    """One eval folder, one configuration: resuming with other settings would mix their runs in one report."""
    try:
        earlier = EvalReport.model_validate_json((out / REPORT_FILE).read_text()).settings
    except (OSError, ValidationError):
        return
    changed = [key for key in record if key != "seeds" and earlier.get(key, record[key]) != record[key]]
    if changed:
        differences = ", ".join(f"{key} {earlier[key]} -> {record[key]}" for key in changed)
        raise EvalError(f"{out} holds an eval with other settings ({differences}): use another --out")


def _run_pending(
    tasks: list[Task],
    pending: list[int],
    out: Path,
    settings: RunSettings,
    llm: LLMSettings,
    workers: int,
    recorded: _Recorder,
    on_result: OnResult | None,
) -> None:
    threads = max(1, (os.cpu_count() or 1) // workers)
    llm_fields = llm.model_dump()  # a settings class built for a config file does not pickle; its fields do
    executor = ProcessPoolExecutor(
        max_workers=min(workers, len(pending)),
        mp_context=get_context("spawn"),
        initializer=start_worker,
        initargs=(os.getpid(), threads),
    )
    try:
        running: dict[Future[ItemResult], int] = {
            executor.submit(run_task, tasks[index], out, settings, llm_fields): index for index in pending
        }
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                result = future.result()
                recorded.add(running.pop(future), result)
                if on_result is not None:
                    on_result(result, len(recorded.results), len(tasks))
    finally:  # on an error or Ctrl-C: drop the queued tasks, keep what finished (report.json is current)
        executor.shutdown(wait=True, cancel_futures=True)


def run_task(task: Task, out: Path, settings: RunSettings, llm_fields: dict[str, Any]) -> ItemResult:
    """Claim the task's run folder, then generate, score and write result.json (last); runs in a worker.

    A task that another writer finished while this one waited for its folder is not run again; a folder that
    stays claimed or cannot be written fails the task (tried again on the next resume), not the eval.
    """
    run_dir = out / task.folder
    try:
        run_dir.mkdir(parents=True, exist_ok=True)
        with claim_folder(run_dir, wait_s=CLAIM_WAIT_S, on_wait=_tell):
            finished = finished_result(out, task)
            if finished is not None:
                return finished
            result = generate_and_score(task, out, settings, llm_fields)
            write_atomically(run_dir / RESULT_FILE, result.model_dump_json(indent=2))
    except FolderBusy as error:
        return _failed(task, 0.0, str(error))
    except OSError as error:
        return _failed(task, 0.0, f"cannot write its run folder {task.folder}: {error.strerror or error}")
    return result


def _tell(message: str) -> None:
    print(f"scenewright eval: {message}", file=sys.stderr, flush=True)


def _failed(task: Task, seconds: float, error: str) -> ItemResult:
    return ItemResult(
        item=task.item, seed=task.seed, out=task.folder, passed=False, seconds=seconds, error=error
    )


def generate_and_score(
    task: Task, out: Path, settings: RunSettings, llm_fields: dict[str, Any]
) -> ItemResult:
    """The task's run and its metrics; a generate that raises is a failed result with its error."""
    from scenewright.api import generate
    from scenewright.evals.metrics import score_item

    run_dir = out / task.folder
    start = time.perf_counter()
    try:
        generated = generate(
            task.item.prompt,
            run_dir,
            replace(settings, seed=task.seed),
            overwrite=True,
            llm=LLMSettings.model_validate(llm_fields),
        )
    except Exception as error:  # one bad prompt fails its item, not the eval
        return _failed(task, time.perf_counter() - start, _one_line(error))
    seconds = time.perf_counter() - start
    scene = generated.scene
    metrics, nouns = score_item(task.item, scene, run_dir)
    passed, judged = item_verdict(metrics)
    return ItemResult(
        item=task.item,
        seed=task.seed,
        out=task.folder,
        passed=passed,
        judged=judged,
        metrics=metrics,
        nouns=nouns,
        rounds=scene.rounds,
        critic_passed=scene.passed,
        critic_first_round_passed=scene.critique[0].passed if scene.critique else False,
        critic_failures=[check.name for check in scene.critique[-1].checks if not check.passed]
        if scene.critique
        else [],
        seconds=seconds,
    )


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


# ---------------------------------------------------------------------------------------------- report


class _Recorder:
    """The results so far, in task order, and report.json kept in step with them."""

    def __init__(
        self, out: Path, tasks: list[Task], results: dict[int, ItemResult], settings: SettingsRecord
    ) -> None:
        self.out = out
        self.tasks = tasks
        self.results = results
        self.settings = settings

    def add(self, index: int, result: ItemResult) -> None:
        self.results[index] = result
        self.write()

    def report(self) -> EvalReport:
        suites = list(dict.fromkeys(task.item.suite for task in self.tasks))
        return build_report(suites, self.settings, [self.results[i] for i in sorted(self.results)])

    def write(self) -> None:
        write_atomically(self.out / REPORT_FILE, self.report().model_dump_json(indent=2))


def _settings_record(
    settings: RunSettings, llm: LLMSettings, seeds: int
) -> dict[str, str | int | float | None]:
    """What the results depend on: the run settings (the seed is each task's), seeds, each agent's model.
    --asset overrides and the refine and sds sections are one JSON string each."""
    record: dict[str, str | int | float | None] = {
        key: json.dumps(value) if isinstance(value, tuple | dict) else value
        for key, value in asdict(settings).items()
        if key != "seed"
    }
    record["seeds"] = seeds
    record.update({f"{agent}_llm": str(llm.spec(agent)) for agent in AGENTS})
    return record


def build_report(suites: list[str], settings: SettingsRecord, results: list[ItemResult]) -> EvalReport:
    """The report of `results`: per-category pass rates against TARGETS, and the nouns' coverage."""
    by_category: dict[str, list[ItemResult]] = {}
    for result in results:
        by_category.setdefault(result.item.category, []).append(result)
    order = sorted(by_category, key=category_rank)
    return EvalReport(
        suites=suites,
        settings=settings,
        items=results,
        categories={name: summarize(name, by_category[name]) for name in order},
        coverage=coverage(results),
    )


def summarize(category: str, results: list[ItemResult]) -> CategorySummary:
    """Pass rate over the judged results (a failed run counts as failed, a result not measured is left
    out); rounds and seconds over the runs."""
    passed = sum(result.passed for result in results)
    unjudged = sum(not result.judged for result in results)
    ran = [result for result in results if result.error is None]
    return CategorySummary(
        items=len(results),
        passed=passed,
        not_measured=unjudged,
        rate=passed / (len(results) - unjudged) if len(results) > unjudged else None,
        target=TARGETS.get(category),
        mean_rounds=sum(result.rounds for result in ran) / len(ran) if ran else 0.0,
        mean_seconds=sum(result.seconds for result in ran) / len(ran) if ran else 0.0,
    )


def coverage(results: list[ItemResult]) -> Coverage:
    """How each suite noun (or, for a prompt list, each noun its plan read as a thing) was built, counted
    once per result it appears in."""
    mappings = [mapping for result in results for mapping in result.nouns]
    return Coverage(
        nouns=len(mappings),
        known=sum(mapping.kind == "known" for mapping in mappings),
        nearest=sum(mapping.kind == "nearest" for mapping in mappings),
        generic=sum(mapping.kind == "generic" for mapping in mappings),
        missing=sum(mapping.kind == "missing" for mapping in mappings),
        nearest_nouns={
            mapping.noun: mapping.category
            for mapping in mappings
            if mapping.kind == "nearest" and mapping.category is not None
        },
        generic_nouns=sorted({mapping.noun for mapping in mappings if mapping.kind == "generic"}),
    )


def progress_line(result: ItemResult, finished: int, total: int) -> str:
    """`[12/250] PASS spatial_relationships-004 s0 8.1 s  A dog ...  failed: spatial` for stderr."""
    verdicts = {"passed": "PASS", "failed": "FAIL", "not_measured": "NOT MEASURED"}
    verdict = "ERROR" if result.error else verdicts[result.verdict]
    prompt = result.item.prompt if len(result.item.prompt) <= 60 else result.item.prompt[:57] + "..."
    line = f"[{finished}/{total}] {verdict} {result.item.id} s{result.seed} {result.seconds:.1f} s  {prompt}"
    if result.error:
        return f"{line}  error: {result.error}"
    failed = [metric.name for metric in result.metrics if metric.judged and not metric.passed]
    unjudged = [metric.name for metric in result.metrics if not metric.judged]
    notes = [
        f"{say}: {', '.join(names)}"
        for say, names in (("failed", failed), ("not measured", unjudged))
        if names
    ]
    return "  ".join([line, *notes])
