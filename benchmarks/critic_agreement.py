"""The critic as a detector of the metrics' failures, per finished eval folder.

    python benchmarks/critic_agreement.py DIR [DIR...]

DIR is a folder made by `scenewright eval SUITE --out DIR`; its report.json holds every run's metric verdict
(`passed`) and the critic's own verdicts after its first and its last round. For each folder this prints one
Markdown table: runs, how many the critic failed, how many the metrics failed, how many both, and the
critic's precision and recall as a detector of metric failures (positive = failed), after the last round and
after the first round. The counting is evals.report.critic_confusion's, the one report.md and
`scenewright eval --compare` use; runs without a video have no critic verdict and are left out.

The metrics judge the final video only. After the first round the critic's verdict is compared with that
same final verdict, so for a run the critic sent back (more than one round) the first-round row says whether
its first look foresaw a failure of the video the run ended with; in a `--max-rounds 1` eval both rows are
the same comparison.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from scenewright.evals.report import CriticConfusion, critic_confusion
from scenewright.evals.runner import REPORT_FILE
from scenewright.evals.schema import EvalReport, ItemResult

HEADER = ["critic verdict", "runs", "critic failed", "metrics failed", "both", "precision", "recall"]


def _share(part: int, whole: int) -> str:
    return "n/a" if whole == 0 else f"{100 * part / whole:.1f}% ({part} of {whole})"


def _row(label: str, confusion: CriticConfusion) -> list[str]:
    both = confusion.true_positives
    flagged = both + confusion.false_positives
    failed = both + confusion.false_negatives
    return [
        label,
        str(confusion.judged),
        str(flagged),
        str(failed),
        str(both),
        _share(both, flagged),
        _share(both, failed),
    ]


def first_round(items: Sequence[ItemResult]) -> list[ItemResult]:
    """The same runs with the critic's verdict after its first round in place of its last."""
    return [item.model_copy(update={"critic_passed": item.critic_first_round_passed}) for item in items]


def agreement_table(report: EvalReport) -> str:
    """The Markdown table of one eval: the critic against the metrics after its last and its first round."""
    rows = [
        _row("after the last round", critic_confusion(report.items)),
        _row("after the first round", critic_confusion(first_round(report.items))),
    ]
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def notes(report: EvalReport) -> str:
    """What the table leaves out: runs without a video, and how many runs the critic sent back."""
    judged = [item for item in report.items if item.error is None]
    sent_back = sum(item.rounds > 1 for item in judged)
    errors = len(report.items) - len(judged)
    return (
        f"{len(report.items)} run(s), {errors} without a video (left out); the critic sent {sent_back} of "
        f"{len(judged)} back for another round; max rounds {report.settings.get('max_rounds', '?')}."
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="finished `scenewright eval --out` folders")
    args = parser.parse_args(argv)
    status = 0
    for folder in args.folders:
        try:
            report = EvalReport.model_validate_json((folder / REPORT_FILE).read_text(encoding="utf-8"))
        except (OSError, ValidationError) as error:
            print(f"{folder}: no readable {REPORT_FILE} ({type(error).__name__})", file=sys.stderr)
            status = 2
            continue
        print(f"## {folder}\n\n{agreement_table(report)}\n\n{notes(report)}\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
