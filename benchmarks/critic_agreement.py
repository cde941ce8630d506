"""The offline critic as a detector of the eval metrics' failures, after its first round.

    python benchmarks/critic_agreement.py                      # T2V-CompBench's development split, 7 x 10
    python benchmarks/critic_agreement.py --limit 2            # a quick slice: the first 2 of each category
    python benchmarks/critic_agreement.py --folders DIR [DIR...]   # finished `scenewright eval` folders
    python benchmarks/critic_agreement.py --rejudge DIR [DIR...]   # the same, judged again by today's code

Without folders it runs `scenewright eval` on the suite with --max-rounds 1 into --out (kept: a rerun
resumes, and the run folders hold each video's contact sheet for a look at a disagreement), so that the
critic's first-round verdict and the metrics judge the same video. --rejudge runs today's critic and
metrics again on each run's scene.json instead of reading the verdicts recorded at the time: what the
critic reads of a frame (each instance's box, visible share, depth and colour shares, tools.judge.Sighting)
is all in scene.json, so a change to the critic or the metrics is measured without rendering again.

Positive = failed. For each run the critic's verdict after round 1 (every check of its first round passed)
is compared with the metrics' verdict (evals.report.critic_confusion's counting, which report.md uses):
precision = runs both failed / runs the critic failed; recall = runs both failed / runs the metrics
failed. Runs without a video and runs the metrics did not measure (no judged metric failed, one could not
judge) are left out. After the table, every disagreement with what each side failed: a false alarm (the
critic failed a run the metrics passed) with the critic's failed checks, a miss with the failed metrics.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scenewright.runtime import configure_process

configure_process()  # a process entry, as the CLI's: before the imports below load torch and numba
from pydantic import ValidationError  # noqa: E402

from scenewright.agents.critic import critique_offline  # noqa: E402
from scenewright.config import OFFLINE, LLMSettings  # noqa: E402
from scenewright.evals.metrics import score_item  # noqa: E402
from scenewright.evals.report import critic_confusion  # noqa: E402
from scenewright.evals.runner import REPORT_FILE, progress_line, run_eval  # noqa: E402
from scenewright.evals.schema import EvalReport, ItemResult, item_verdict  # noqa: E402
from scenewright.evals.suites import first_per_category, load_suites  # noqa: E402
from scenewright.schema import Check, SceneDocument  # noqa: E402
from scenewright.settings import RunSettings  # noqa: E402
from scenewright.tools.render.analysis import EntityFrameStats, FrameAnalysis  # noqa: E402

DEV_SPLIT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "t2v-compbench"
"""T2V-CompBench's development split, beside the checkout."""
DEFAULT_OUT = Path(tempfile.gettempdir()) / "scenewright-critic-agreement"
PIXELS = 1_000_000
"""scene.json keeps an instance's visible share, not its pixel counts: a frame read back for --rejudge gets
this many unoccluded pixels and its share of them visible (only the critic's messages name pixel counts)."""
HEADER = ["runs", "critic failed", "metrics failed", "both", "precision", "recall"]


@dataclass(frozen=True)
class Judged:
    """One run as both sides judged it: the critic after round 1 and the metrics."""

    result: ItemResult  # passed / judged / critic_first_round_passed as judged here
    checks: list[Check]  # the critic's failed checks of round 1
    metrics: list[str]  # the failed (judged) metrics, one line each


def scene_frames(scene: SceneDocument) -> list[FrameAnalysis]:
    """The critic's per-frame analysis as scene.json records it (see PIXELS)."""
    return [
        FrameAnalysis(
            t=frame.t,
            entities={
                instance: EntityFrameStats(
                    visible_pixels=round(state.visible_fraction * PIXELS) if state.bbox else 0,
                    unoccluded_pixels=PIXELS if state.bbox else 0,
                    bbox=state.bbox,
                    centroid=None,
                    depth_m=state.depth_m,
                    touches_border=False,
                    colors=state.colors,
                )
                for instance, state in frame.entities.items()
            },
        )
        for frame in scene.frames
    ]


def judge(folder: Path, result: ItemResult, rejudge: bool) -> Judged:
    """A run's verdicts: as recorded, or (rejudge) by today's critic and metrics on its scene.json."""
    scene = SceneDocument.model_validate_json((folder / result.out / "scene.json").read_text())
    if rejudge:
        settings = RunSettings(
            fps=scene.fps, duration_s=scene.duration_s, width=scene.width, height=scene.height
        )
        first = critique_offline(scene.plan, scene.layout, scene.motion, scene_frames(scene), settings, 1)
        metrics, _ = score_item(result.item, scene, folder / result.out)
        passed, judged = item_verdict(metrics)
        update = {
            "metrics": metrics,
            "passed": passed,
            "judged": judged,
            "critic_first_round_passed": first.passed,
        }
        result = result.model_copy(update=update)
    else:
        first = scene.critique[0]
    failed = [f"{m.name}: {m.detail}" for m in result.metrics if m.judged and not m.passed]
    return Judged(result, [check for check in first.checks if not check.passed], failed)


def _share(part: int, whole: int) -> str:
    return "n/a" if whole == 0 else f"{100 * part / whole:.1f}% ({part} of {whole})"


def agreement(judged: Sequence[Judged], errors: int) -> str:
    """The table, what the false alarms failed, what the misses failed, and every disagreement; `errors`
    runs made no video."""
    first_round = [
        j.result.model_copy(update={"critic_passed": j.result.critic_first_round_passed}) for j in judged
    ]
    confusion = critic_confusion(first_round)
    both, flagged = confusion.true_positives, confusion.true_positives + confusion.false_positives
    failed = confusion.true_positives + confusion.false_negatives
    row = [
        str(confusion.judged),
        str(flagged),
        str(failed),
        str(both),
        _share(both, flagged),
        _share(both, failed),
    ]
    lines = [
        "Positive = a failed run. Precision = runs both failed / runs the critic failed after round 1 (some "
        "check of its first round failed); recall = runs both failed / runs the metrics failed (some judged "
        "metric failed).",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
        "| " + " | ".join(row) + " |",
        "",
    ]
    lines.append(
        f"Left out: {errors} run(s) without a video, {confusion.not_measured} not measured by the metrics."
    )
    alarms = [
        j for j in judged if j.result.judged and j.result.passed and not j.result.critic_first_round_passed
    ]
    misses = [
        j for j in judged if j.result.judged and not j.result.passed and j.result.critic_first_round_passed
    ]
    for label, runs, names in (
        ("False alarms by failed check", alarms, lambda j: {c.name.partition(":")[0] for c in j.checks}),
        ("Misses by failed metric", misses, lambda j: {line.partition(":")[0] for line in j.metrics}),
    ):
        counts = Counter(name for j in runs for name in names(j))
        lines.append(f"{label}: " + (", ".join(f"{n} {k}" for n, k in counts.most_common()) or "none") + ".")
    lines.append("")
    for tag, runs in (("FALSE ALARM", alarms), ("MISS", misses)):
        for j in runs:
            lines.append(f"- {tag} {j.result.item.id} ({j.result.out}): {j.result.item.prompt}")
            lines += [f"  - critic {c.name} -> {c.route}: {c.message}" for c in j.checks]
            lines += [f"  - metric {line}" for line in j.metrics]
    return "\n".join(lines)


def run_dev_split(suite: Path, limit: int, out: Path, workers: int) -> Path:
    """`scenewright eval SUITE --limit LIMIT --max-rounds 1 --out OUT`, offline, resuming what OUT holds."""
    items = first_per_category(load_suites([suite]), limit)
    llm = LLMSettings(llm=OFFLINE, director_llm=None, layout_llm=None, motion_llm=None, critic_llm=None)
    print(f"eval: {len(items)} item(s) of {suite}, max rounds 1, into {out}", file=sys.stderr, flush=True)
    run_eval(
        items,
        out,
        settings=RunSettings(max_rounds=1),
        llm=llm,
        workers=workers,
        on_result=lambda result, done, total: print(
            progress_line(result, done, total), file=sys.stderr, flush=True
        ),
    )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--folders", nargs="+", type=Path, metavar="DIR", help="finished eval folders, as judged"
    )
    source.add_argument(
        "--rejudge", nargs="+", type=Path, metavar="DIR", help="finished eval folders, judged again"
    )
    parser.add_argument("--suite", type=Path, default=DEV_SPLIT, help=f"the suite to run ({DEV_SPLIT})")
    parser.add_argument("--limit", type=int, default=10, help="items of each category to run (10)")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"the eval folder to run into ({DEFAULT_OUT})"
    )
    parser.add_argument("--workers", type=int, default=1, help="eval worker processes (1)")
    args = parser.parse_args(argv)
    folders = args.folders or args.rejudge or [run_dev_split(args.suite, args.limit, args.out, args.workers)]
    status = 0
    for folder in folders:
        try:
            report = EvalReport.model_validate_json((folder / REPORT_FILE).read_text(encoding="utf-8"))
        except (OSError, ValidationError) as error:
            print(f"{folder}: no readable {REPORT_FILE} ({type(error).__name__})", file=sys.stderr)
            status = 2
            continue
        ran = [result for result in report.items if result.error is None]
        judged = [judge(folder, result, args.rejudge is not None) for result in ran]
        rounds = report.settings.get("max_rounds", "?")
        if args.rejudge:
            how = "both judged again by today's code on each run's saved video"
        else:
            how = "as the eval judged them" + (
                "" if rounds == 1 else f" (max rounds {rounds}: the metrics judged the last round's video)"
            )
        print(f"## {folder}: the critic after round 1 against the metrics, {how}\n")
        print(f"{agreement(judged, len(report.items) - len(ran))}\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
