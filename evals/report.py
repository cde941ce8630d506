"""The eval's report: pass rates against targets, the critic against the metrics, coverage, every failure.

A run is passed, failed or not measured (ItemResult.verdict): rates and the critic's confusion count the
judged runs only, and what was not measured is listed in a section of its own.

report.md reads in a terminal or a review; report.html is one self-contained page (inline CSS, plots and
contact sheets as base64 images, no external reference) so that it can be attached or mailed as it is. Both
are built from the same sections, so the two never disagree; every string that comes from a suite or a run
(prompts, nouns, metric details, errors) is escaped for the format it is written in.
"""

from __future__ import annotations

import base64
import html
import io
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from PIL import Image

from scenewright.evals.schema import CATEGORIES, CategorySummary, EvalReport, ItemResult

SHEET_WIDTH = 960
"""Contact sheets are downscaled to this width (px) in the HTML: labels stay legible, the page stays small."""

PASS_COLOR, FAIL_COLOR, NEUTRAL_COLOR = "#2e7d32", "#c62828", "#90a4ae"
VERDICT_COLORS = {"passed": PASS_COLOR, "failed": FAIL_COLOR, "not_measured": NEUTRAL_COLOR}
NOT_MEASURED_EXAMPLES = 3
"""What the report quotes of each metric that could not judge: its first few different asks."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


Block: TypeAlias = str | Table
"""A paragraph of plain text or a table; the renderers escape every string for their format."""

PlotMaker: TypeAlias = Callable[[EvalReport], Figure]


@dataclass
class Section:
    anchor: str
    title: str
    blocks: list[Block]
    plots: list[PlotMaker] = field(default_factory=list)
    """Drawn only into the HTML page, under the section's text."""


@dataclass(frozen=True)
class CriticConfusion:
    """The run's own critic as a detector of failures, judged by the metrics: positive = failed.

    Runs that produced no video (ItemResult.error) have no critic verdict, and runs not measured no metrics'
    verdict: both are counted apart.
    """

    true_positives: int  # critic failed, metrics failed
    false_positives: int  # critic failed, metrics passed
    false_negatives: int  # critic passed, metrics failed
    true_negatives: int  # critic passed, metrics passed
    errors: int
    not_measured: int = 0

    @property
    def judged(self) -> int:
        return self.true_positives + self.false_positives + self.false_negatives + self.true_negatives

    @property
    def precision(self) -> float | None:
        """Of the runs the critic failed, the share the metrics failed too; None when it failed none."""
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        """Of the runs the metrics failed, the share the critic caught; None when the metrics failed none."""
        failed = self.true_positives + self.false_negatives
        return self.true_positives / failed if failed else None


def critic_confusion(items: Sequence[ItemResult]) -> CriticConfusion:
    ran = [r for r in items if r.error is None]
    pairs = Counter((not r.critic_passed, not r.passed) for r in ran if r.judged)
    return CriticConfusion(
        true_positives=pairs[True, True],
        false_positives=pairs[True, False],
        false_negatives=pairs[False, True],
        true_negatives=pairs[False, False],
        errors=len(items) - len(ran),
        not_measured=sum(not r.judged for r in ran),
    )


# ---------------------------------------------------------------- numbers and cells shared by both formats


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{100 * share:.1f}%"


def _ratio(part: int, whole: int) -> str:
    return f"{_percent(part / whole if whole else None)} ({part} of {whole})"


def _target_met(summary: CategorySummary) -> bool | None:
    """None for a category without a target or a judged run; rates and targets are compared with a rounding
    tolerance."""
    if summary.target is None or summary.rate is None:
        return None
    return summary.rate >= summary.target - 1e-9


def _target_cell(summary: CategorySummary) -> str:
    met = _target_met(summary)
    if summary.target is None:
        return "-"
    return f"{_percent(summary.target)} " + (
        "not measured" if met is None else "✓ met" if met else "✗ missed"
    )


def _ordered_categories(names: set[str]) -> list[str]:
    """T2V-CompBench's categories in its order, then any others alphabetically."""
    return [c for c in CATEGORIES if c in names] + sorted(names - set(CATEGORIES))


def _by_category(report: EvalReport) -> dict[str, list[ItemResult]]:
    grouped: dict[str, list[ItemResult]] = {}
    for result in report.items:
        grouped.setdefault(result.item.category, []).append(result)
    return grouped


def _seconds_cells(results: Sequence[ItemResult]) -> list[str]:
    seconds = [r.seconds for r in results]
    if not seconds:
        return ["-", "-"]
    return [f"{statistics.fmean(seconds):.1f}", f"{statistics.median(seconds):.1f}"]


def _mean_rounds(results: Sequence[ItemResult]) -> str:
    """Over the runs with a video: a run that failed before its critic used no round, and says nothing."""
    rounds = [r.rounds for r in results if r.error is None]
    return f"{statistics.fmean(rounds):.2f}" if rounds else "-"


def _judged_rate(results: Sequence[ItemResult]) -> float | None:
    """Passed / judged (not-measured runs left out); None when none was judged."""
    judged = [r for r in results if r.judged]
    return sum(r.passed for r in judged) / len(judged) if judged else None


def _category_row(name: str, summary: CategorySummary, results: Sequence[ItemResult]) -> list[str]:
    return [
        name,
        str(summary.items),
        str(summary.passed),
        str(summary.not_measured),
        _percent(summary.rate),
        _target_cell(summary),
        _mean_rounds(results),
        *_seconds_cells(results),
    ]


def _category_table(report: EvalReport) -> Table:
    grouped = _by_category(report)
    rows = [
        _category_row(name, report.categories[name], grouped.get(name, []))
        for name in _ordered_categories(set(report.categories))
    ]
    rows.append(
        [
            "all",
            str(len(report.items)),
            str(sum(r.passed for r in report.items)),
            str(sum(not r.judged for r in report.items)),
            _percent(_judged_rate(report.items)),
            "-",
            _mean_rounds(report.items),
            *_seconds_cells(report.items),
        ]
    )
    header = [
        "category",
        "items",
        "passed",
        "not measured",
        "rate",
        "target",
        "mean rounds",
        "mean s",
        "median s",
    ]
    return Table(header, rows)


def category_table(report: EvalReport) -> str:
    """The per-category table in Markdown, for the CLI to print at the end of an eval."""
    return "\n".join(_markdown_table(_category_table(report)))


def _failure_lines(result: ItemResult) -> list[str]:
    """What went wrong with a run, a line each: its error, or its failed metrics (and those that could not
    judge) and the critic's verdict."""
    if result.error is not None:
        return [f"error: {result.error}"]
    lines = [
        f"{m.name} (score {m.score:.2f}): {m.detail}" + ("" if m.measured else " [checked on the record]")
        for m in result.metrics
        if m.judged and not m.passed
    ]
    lines += [f"{m.name}: {m.detail}" for m in result.metrics if not m.judged]
    verdict = "passed" if result.critic_passed else "failed " + (", ".join(result.critic_failures) or "-")
    return [*lines, f"critic after {result.rounds} round(s): {verdict}"]


def _failures(report: EvalReport) -> list[ItemResult]:
    order = {name: k for k, name in enumerate(_ordered_categories({r.item.category for r in report.items}))}
    failed = [r for r in report.items if r.verdict == "failed"]
    return sorted(failed, key=lambda r: (order[r.item.category], r.item.id, r.seed))


# ---------------------------------------------------------------- sections


def _summary_section(report: EvalReport) -> Section:
    prompts = len({r.item.id for r in report.items})
    seeds = len({r.seed for r in report.items})
    passed = sum(r.passed for r in report.items)
    unjudged = sum(not r.judged for r in report.items)
    errors = sum(r.error is not None for r in report.items)
    blocks: list[Block] = [
        "Suites: " + (", ".join(report.suites) or "-") + ".",
        f"{len(report.items)} run(s) of {prompts} prompt(s) with {seeds} seed(s): "
        f"{_ratio(passed, len(report.items) - unjudged)} of the judged runs passed every metric; "
        f"{unjudged} not measured; {errors} produced no video."
        if report.items
        else "No finished items yet.",
    ]
    if report.settings:
        blocks.append(Table(["setting", "value"], [[k, str(v)] for k, v in report.settings.items()]))
    return Section("summary", "Summary", blocks)


def _categories_section(report: EvalReport) -> Section:
    return Section(
        "categories",
        "Pass rate per category",
        [
            "A run passes when every metric passes, fails when a metric fails, and is not measured when "
            "none failed but one could not judge what the item asks (a state change, an interaction): the "
            "rate is passed / (items - not measured). Rounds are the critique rounds used by the runs with "
            "a video; seconds are per prompt (one seed's run), generation and metrics together.",
            _category_table(report),
        ],
        plots=[_pass_rate_plot, _seconds_plot],
    )


def _critic_section(report: EvalReport) -> Section:
    confusion = critic_confusion(report.items)
    judged = [r for r in report.items if r.error is None]
    table = Table(
        ["", "metrics failed", "metrics passed"],
        [
            ["critic failed", str(confusion.true_positives), str(confusion.false_positives)],
            ["critic passed", str(confusion.false_negatives), str(confusion.true_negatives)],
        ],
    )
    first_round_passed = sum(r.critic_first_round_passed for r in judged)
    last_round_passed = sum(r.critic_passed for r in judged)
    flagged = confusion.true_positives + confusion.false_positives
    failed = confusion.true_positives + confusion.false_negatives
    return Section(
        "critic",
        "Critic verdict against metric verdict",
        [
            f"The critic's verdict after its last round as a detector of failures (positive = failed), over "
            f"{confusion.judged} run(s); {confusion.errors} run(s) without a video and "
            f"{confusion.not_measured} not measured are left out.",
            table,
            f"Precision {_percent(confusion.precision)}: of the {flagged} run(s) the critic failed, "
            f"{confusion.true_positives} failed the metrics. Recall {_percent(confusion.recall)}: of the "
            f"{failed} run(s) that failed the metrics, the critic caught {confusion.true_positives}.",
            f"The critic passed {_ratio(first_round_passed, len(judged))} run(s) after the first round and "
            f"{_ratio(last_round_passed, len(judged))} after the last.",
        ],
        plots=[_rounds_plot],
    )


def _coverage_section(report: EvalReport) -> Section:
    coverage = report.coverage
    kinds = {
        "known": coverage.known,
        "nearest": coverage.nearest,
        "generic": coverage.generic,
        "missing": coverage.missing,
    }
    missing = sorted({n.noun for r in report.items for n in r.nouns if n.kind == "missing"})
    nearest = sorted(coverage.nearest_nouns.items())
    return Section(
        "coverage",
        "Noun coverage",
        [
            f"{coverage.nouns} suite noun(s) (for a prompt list: the nouns its plan read as things): known "
            "= a procedural asset of its own category, nearest = built as the nearest known category, "
            "generic = a placard (the generic asset with the noun printed on it, which never counts as "
            "showing the noun), missing = no entity matched the noun.",
            Table(
                ["kind", "nouns", "share"],
                [
                    [kind, str(count), _percent(count / coverage.nouns if coverage.nouns else None)]
                    for kind, count in kinds.items()
                ],
            ),
            Table(["noun", "built as"], [[noun, category] for noun, category in nearest])
            if nearest
            else "Nearest: none.",
            "Generic: " + (", ".join(coverage.generic_nouns) or "none") + ".",
            "Missing: " + (", ".join(missing) or "none") + ".",
        ],
    )


def _metrics_section(report: EvalReport) -> Section:
    checked = Counter(m.name for r in report.items for m in r.metrics if m.judged)
    failed = Counter(m.name for r in report.items for m in r.metrics if m.judged and not m.passed)
    names = sorted(checked, key=lambda name: (-failed[name], name))
    return Section(
        "metrics",
        "Failing metrics",
        [
            "How often each metric failed, over the runs where it judged.",
            Table(
                ["metric", "failed", "runs", "failure rate"],
                [[n, str(failed[n]), str(checked[n]), _percent(failed[n] / checked[n])] for n in names],
            )
            if names
            else "No metric results yet.",
        ],
    )


def _not_measured_section(report: EvalReport) -> Section:
    """Each metric that could not judge: in how many runs, and what it was asked (the first few)."""
    asked: dict[str, list[str]] = {}
    for result in report.items:
        for metric in result.metrics:
            if not metric.judged:
                asked.setdefault(metric.name, []).append(metric.detail)
    rows = [
        [name, str(len(details)), "; ".join(dict.fromkeys(details[:NOT_MEASURED_EXAMPLES]))]
        for name, details in sorted(asked.items())
    ]
    return Section(
        "not-measured",
        "Not measured",
        [
            "What the metrics cannot judge, neither a pass nor a fail; docs/evals.md says why.",
            Table(["metric", "runs", "what was asked (first examples)"], rows) if rows else "Nothing.",
        ],
    )


def _sections(report: EvalReport) -> list[Section]:
    return [
        _summary_section(report),
        _categories_section(report),
        _critic_section(report),
        _coverage_section(report),
        _metrics_section(report),
        _not_measured_section(report),
    ]


# ---------------------------------------------------------------- Markdown


def _md_text(text: str) -> str:
    """Suite text as Markdown that renders literally: no raw HTML from a prompt reaches a viewer."""
    return html.escape(text, quote=False)


def _markdown_table(table: Table) -> list[str]:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(_md_text(c).replace("|", "\\|") for c in cells) + " |"

    return [row(table.header), "|" + "---|" * len(table.header), *(row(r) for r in table.rows)]


def render_markdown(report: EvalReport, out: Path) -> str:
    """report.md; `out` is the eval folder, whose run folders the failures link to."""
    lines = ["# scenewright eval", "", "Plots and the failures' contact sheets are in report.html.", ""]
    for section in _sections(report):
        lines += [f"## {section.title}", ""]
        for block in section.blocks:
            lines += [*(_markdown_table(block) if isinstance(block, Table) else [_md_text(block)]), ""]
    failures = _failures(report)
    lines += ["## Failures", "", f"{len(failures)} run(s) failed." if failures else "None.", ""]
    for result in failures:
        links = f"[output folder]({result.out}/)"
        if (out / result.out / "contact_sheet.png").is_file():
            links += f" · [contact sheet]({result.out}/contact_sheet.png)"
        lines += [
            f"### {result.item.id} · seed {result.seed} · {result.item.category}",
            "",
            f"Prompt: {_md_text(result.item.prompt)}",
            "",
            *(f"- {_md_text(line)}" for line in _failure_lines(result)),
            "",
            links,
            "",
        ]
    return "\n".join(lines)


# ---------------------------------------------------------------- plots (matplotlib's Agg canvas, no pyplot)


def _category_labels(names: Sequence[str]) -> list[str]:
    return [name.replace("_", " ") for name in names]


def _pass_rate_plot(report: EvalReport) -> Figure:
    names = _ordered_categories(set(report.categories))
    figure = Figure(figsize=(8, 1.6 + 0.45 * len(names)), layout="constrained")
    axes = figure.add_subplot()
    for y, name in enumerate(names):
        summary = report.categories[name]
        met = _target_met(summary)
        rate = summary.rate or 0.0
        color = NEUTRAL_COLOR if met is None else PASS_COLOR if met else FAIL_COLOR
        axes.barh(y, 100 * rate, height=0.6, color=color)
        label_x = 100 * max(rate, summary.target or 0.0) + 1.5  # right of the bar and its target tick
        judged = summary.items - summary.not_measured
        label = f"{_percent(summary.rate)} ({summary.passed}/{judged})"
        if summary.not_measured:
            label += f", {summary.not_measured} not measured"
        axes.text(label_x, y, label, va="center", fontsize=9)
        if summary.target is not None:
            axes.plot([100 * summary.target] * 2, [y - 0.42, y + 0.42], color="black", linewidth=2.5)
    axes.set_yticks(range(len(names)), _category_labels(names))
    axes.invert_yaxis()
    axes.set_xlim(0, 125)
    axes.set_xticks(range(0, 101, 20))
    axes.set_xlabel("pass rate (%)")
    axes.set_title("Pass rate per category")
    handles = [
        Patch(color=PASS_COLOR, label="target met"),
        Patch(color=FAIL_COLOR, label="target missed"),
        Patch(color=NEUTRAL_COLOR, label="no target or not measured"),
        Line2D([], [], color="black", linewidth=2.5, label="target"),
    ]
    figure.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False)
    return figure


def _seconds_plot(report: EvalReport) -> Figure:
    """Every run as a dot (green passed, red failed, grey not measured), with each category's mean and median
    marked."""
    grouped = _by_category(report)
    names = _ordered_categories(set(grouped))
    figure = Figure(figsize=(8, 1.6 + 0.45 * len(names)), layout="constrained")
    axes = figure.add_subplot()
    for y, name in enumerate(names):
        results = grouped[name]
        seconds = [r.seconds for r in results]
        # spread the dots vertically so that runs of equal time stay visible
        offsets = [((k % 5) - 2) * 0.08 for k in range(len(results))]
        colors = [VERDICT_COLORS[r.verdict] for r in results]
        axes.scatter(seconds, [y + o for o in offsets], s=16, c=colors, alpha=0.7, linewidths=0)
        axes.plot([statistics.fmean(seconds)] * 2, [y - 0.4, y + 0.4], color="black", linewidth=2)
        axes.plot(
            [statistics.median(seconds)] * 2, [y - 0.4, y + 0.4], color="#1565c0", linewidth=2, linestyle="--"
        )
    axes.set_yticks(range(len(names)), _category_labels(names))
    axes.invert_yaxis()
    axes.set_xlim(left=0)
    axes.set_xlabel("seconds per prompt")
    axes.set_title("Seconds per prompt")
    handles = [
        Line2D([], [], marker="o", linestyle="", color=PASS_COLOR, label="passed"),
        Line2D([], [], marker="o", linestyle="", color=FAIL_COLOR, label="failed"),
        Line2D([], [], marker="o", linestyle="", color=NEUTRAL_COLOR, label="not measured"),
        Line2D([], [], color="black", linewidth=2, label="mean"),
        Line2D([], [], color="#1565c0", linewidth=2, linestyle="--", label="median"),
    ]
    figure.legend(handles=handles, loc="outside lower center", ncols=5, frameon=False)
    return figure


def _rounds_plot(report: EvalReport) -> Figure:
    """How many critique rounds runs used, split by the metrics' verdict: do extra rounds end in a pass?"""
    judged = [r for r in report.items if r.error is None]
    rounds = list(range(min(r.rounds for r in judged), max(r.rounds for r in judged) + 1)) if judged else []
    figure = Figure(figsize=(6, 3.4), layout="constrained")
    axes = figure.add_subplot()
    bottom = [0] * len(rounds)
    for verdict, color in VERDICT_COLORS.items():
        counts = Counter(r.rounds for r in judged if r.verdict == verdict)
        heights = [counts[k] for k in rounds]
        label = "not measured" if verdict == "not_measured" else f"metrics {verdict}"
        axes.bar(rounds, heights, bottom=bottom, color=color, label=label)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.set_xticks(rounds)
    axes.set_xlabel("critique rounds used")
    axes.set_ylabel("runs")
    axes.set_title(f"Rounds used ({len(judged)} runs with a video)")
    figure.legend(loc="outside lower center", ncols=3, frameon=False)
    return figure


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()


def _contact_sheet_jpeg(path: Path) -> bytes:
    """The sheet downscaled to SHEET_WIDTH (never upscaled), as JPEG bytes."""
    with Image.open(path) as image:
        sheet = image.convert("RGB")
    if sheet.width > SHEET_WIDTH:
        height = max(1, round(sheet.height * SHEET_WIDTH / sheet.width))
        sheet = sheet.resize((SHEET_WIDTH, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    sheet.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


# ---------------------------------------------------------------- HTML

_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; color: #212121; max-width: 1000px; margin: 2em auto;
       padding: 0 1em; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
nav a { margin-right: 1em; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
th { background: #f3f3f3; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
img { display: block; max-width: 100%; margin: 0.8em 0; }
.failure { border: 1px solid #e0e0e0; border-left: 4px solid #c62828; padding: 0.2em 1em; margin: 1em 0; }
.prompt { font-size: 1.05em; font-style: italic; }
.note { color: #757575; }
code { background: #f5f5f5; padding: 0 0.3em; }
"""


def _data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def _html_cell(text: str, tag: str) -> str:
    numeric = tag == "td" and text.replace(".", "", 1).replace("%", "").isdigit()
    attributes = ' class="num"' if numeric else ""
    return f"<{tag}{attributes}>{html.escape(text)}</{tag}>"


def _html_table(table: Table) -> str:
    head = "".join(_html_cell(c, "th") for c in table.header)
    body = "".join("<tr>" + "".join(_html_cell(c, "td") for c in row) + "</tr>" for row in table.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html_section(section: Section, report: EvalReport) -> list[str]:
    parts = [f'<section id="{section.anchor}"><h2>{html.escape(section.title)}</h2>']
    for block in section.blocks:
        parts.append(_html_table(block) if isinstance(block, Table) else f"<p>{html.escape(block)}</p>")
    if report.items:
        for make_plot in section.plots:
            figure = make_plot(report)
            title = figure.axes[0].get_title()
            parts.append(f'<img src="{_data_uri(_png(figure), "image/png")}" alt="{html.escape(title)}">')
    parts.append("</section>")
    return parts


def _html_failure(result: ItemResult, out: Path) -> str:
    sheet_path = out / result.out / "contact_sheet.png"
    folder = html.escape(result.out)
    parts = [
        '<div class="failure">',
        f"<h3>{html.escape(f'{result.item.id} · seed {result.seed} · {result.item.category}')}</h3>",
        f'<p class="prompt">{html.escape(result.item.prompt)}</p>',
        "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in _failure_lines(result)) + "</ul>",
        f"<p>Output folder: <code>{folder}</code></p>",
    ]
    if not sheet_path.is_file():
        parts.append('<p class="note">No contact sheet in the output folder.</p>')
    else:
        try:
            uri = _data_uri(_contact_sheet_jpeg(sheet_path), "image/jpeg")
            parts.append(f'<img src="{uri}" alt="contact sheet of {html.escape(result.item.id)}">')
        except OSError as error:  # a sheet Pillow cannot read is reported on the page, not skipped
            parts.append(f'<p class="note">Contact sheet unreadable: {html.escape(str(error))}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def render_html(report: EvalReport, out: Path) -> str:
    """report.html: one page with no external reference; `out` is the eval folder holding the run folders."""
    sections = _sections(report)
    failures = _failures(report)
    nav = "".join(f'<a href="#{s.anchor}">{html.escape(s.title)}</a>' for s in sections)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>scenewright eval</title>',
        f"<style>{_CSS}</style></head><body>",
        "<h1>scenewright eval</h1>",
        f'<nav>{nav}<a href="#failures">Failures</a></nav>',
    ]
    for section in sections:
        parts += _html_section(section, report)
    parts.append(f'<section id="failures"><h2>Failures</h2><p>{len(failures)} run(s) failed.</p>')
    parts += [_html_failure(result, out) for result in failures]
    parts += ["</section>", "</body></html>", ""]
    return "\n".join(parts)


def write_reports(report: EvalReport, out: Path) -> None:
    """Write out/report.md and out/report.html; `out` is the eval folder (run folders are relative to it)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(render_markdown(report, out), encoding="utf-8")
    (out / "report.html").write_text(render_html(report, out), encoding="utf-8")


# ---------------------------------------------------------------- comparison of evals


def compare_reports(reports: Sequence[tuple[str, EvalReport]]) -> str:
    """Finished evals side by side (e.g. `--max-rounds 1` against the default), as one Markdown table."""
    if not reports:
        raise ValueError("compare_reports needs at least one (label, report) pair")
    names = _ordered_categories({name for _, report in reports for name in report.categories})
    rows: list[list[str]] = []
    for name in names:
        summaries = [report.categories.get(name) for _, report in reports]
        target = next((s.target for s in summaries if s is not None and s.target is not None), None)
        rows.append(
            [
                name,
                _percent(target) if target is not None else "-",
                *("-" if s is None else _rate_with_mark(s) for s in summaries),
            ]
        )
    confusions = [critic_confusion(report.items) for _, report in reports]
    rows += [
        ["all", "-", *(_judged_ratio(report.items) for _, report in reports)],
        ["mean rounds", "-", *(_mean_rounds(report.items) for _, report in reports)],
        ["critic precision", "-", *(_percent(c.precision) for c in confusions)],
        ["critic recall", "-", *(_percent(c.recall) for c in confusions)],
        [
            "seconds per prompt (mean / median)",
            "-",
            *(" / ".join(_seconds_cells(r.items)) for _, r in reports),
        ],
        ["runs without a video", "-", *(str(c.errors) for c in confusions)],
    ]
    return "\n".join(_markdown_table(Table(["", "target", *(label for label, _ in reports)], rows)))


def _judged_ratio(results: Sequence[ItemResult]) -> str:
    judged = [r for r in results if r.judged]
    unjudged = f", {len(results) - len(judged)} not measured" if len(judged) < len(results) else ""
    return _ratio(sum(r.passed for r in judged), len(judged)) + unjudged


def _rate_with_mark(summary: CategorySummary) -> str:
    met = _target_met(summary)
    mark = "" if met is None else " ✓" if met else " ✗"
    unjudged = f", {summary.not_measured} not measured" if summary.not_measured else ""
    judged = summary.items - summary.not_measured
    return f"{_percent(summary.rate)} ({summary.passed}/{judged}{unjudged}){mark}"
