"""The eval report: its numbers are the ones a reader acts on, and report.html opens anywhere, offline."""

import base64
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from scenewright.evals.report import SHEET_WIDTH, compare_reports, critic_confusion, write_reports
from scenewright.evals.runner import build_report
from scenewright.evals.schema import (
    Coverage,
    EvalItem,
    EvalReport,
    ItemResult,
    MetricResult,
    NounMapping,
    item_verdict,
)

DATA_URI = re.compile(r"data:image/(png|jpeg);base64,([A-Za-z0-9+/=]+)")


def _result(
    item_id: str,
    category: str = "spatial_relationships",
    *,
    passed: bool = True,
    critic_passed: bool = True,
    prompt: str = "a dog to the left of a cat",
    seconds: float = 5.0,
    rounds: int = 1,
    error: str | None = None,
    unmeasured: tuple[str, str] | None = None,
) -> ItemResult:
    """A run; `unmeasured` (metric, detail) adds a result that could not judge beside the others."""
    metrics = [
        MetricResult(name="visibility", passed=True, score=1.0, detail="dog seen in 100% of frames"),
        MetricResult(
            name="spatial",
            passed=passed,
            score=1.0 if passed else 0.2,
            detail="dog left_of cat in 20% of frames (needs 80%)"
            if not passed
            else "dog left_of cat in 100%",
        ),
    ]
    if unmeasured is not None:
        name, detail = unmeasured
        metrics.append(MetricResult(name=name, passed=False, judged=False, score=0.0, detail=detail))
    verdict, judged = item_verdict(metrics)
    return ItemResult(
        item=EvalItem(id=item_id, suite="dev", category=category, prompt=prompt),
        seed=0,
        out=f"runs/{item_id}-s0",
        passed=verdict and error is None,
        judged=judged or error is not None,
        metrics=[] if error else metrics,
        nouns=[NounMapping(noun="dog", category="dog", kind="known")],
        rounds=0 if error else rounds,
        critic_passed=critic_passed,
        critic_first_round_passed=critic_passed and rounds == 1,
        critic_failures=[] if critic_passed else ["spatial"],
        seconds=seconds,
        error=error,
    )


def _report(results: list[ItemResult], coverage: Coverage | None = None) -> EvalReport:
    """The report the runner builds of these results (with `coverage` in place of theirs)."""
    report = build_report(["dev"], {"max_rounds": 3, "director": "offline"}, results)
    return report if coverage is None else report.model_copy(update={"coverage": coverage})


def _write_sheet(out: Path, result: ItemResult, color: tuple[int, int, int], width: int = 1500) -> None:
    folder = out / result.out
    folder.mkdir(parents=True)
    Image.new("RGB", (width, width // 3), color).save(folder / "contact_sheet.png")


def _decoded(uri_match: re.Match[str]) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(uri_match.group(2))))


def test_html_is_self_contained_with_plots_and_every_failures_contact_sheet(tmp_path):
    failures = {
        "spatial_relationships-001": (200, 30, 30),
        "motion_binding-002": (30, 30, 200),
    }
    results = [
        _result("spatial_relationships-000"),
        _result("spatial_relationships-001", passed=False),
        _result("motion_binding-002", "motion_binding", passed=False, critic_passed=False),
    ]
    for result in results:
        if result.item.id in failures:
            _write_sheet(tmp_path, result, failures[result.item.id])

    write_reports(_report(results), tmp_path)

    assert (tmp_path / "report.md").is_file()
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert all(src.startswith("data:image/") for src in re.findall(r'src="([^"]*)"', page))
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', page))
    without_images = DATA_URI.sub("", page)
    for reference in ("http", "//", "url(", "@import", str(tmp_path)):
        assert reference not in without_images
    plots = [m for m in DATA_URI.finditer(page) if m.group(1) == "png"]
    assert plots and all(_decoded(m).format == "PNG" for m in plots)
    # each failure's own sheet sits in its block, downscaled to SHEET_WIDTH
    for item_id, color in failures.items():
        block = page[page.index(f"<h3>{item_id}") :]
        sheet = next(m for m in DATA_URI.finditer(block) if m.group(1) == "jpeg")
        image = _decoded(sheet).convert("RGB")
        assert image.width == SHEET_WIDTH
        pixel = image.getpixel((SHEET_WIDTH // 2, image.height // 2))
        assert all(abs(a - b) < 12 for a, b in zip(pixel, color, strict=True))


def test_prompts_are_escaped_in_both_formats(tmp_path):
    prompt = 'a dog <script>alert("x")</script> & a cat'
    write_reports(_report([_result("spatial_relationships-000", passed=False, prompt=prompt)]), tmp_path)

    for name in ("report.md", "report.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "<script>" not in text
        assert "&lt;script&gt;alert(" in text


def test_critic_precision_and_recall_count_failures_as_positives(tmp_path):
    def results(n: int, *, passed: bool, critic_passed: bool, start: int) -> list[ItemResult]:
        return [
            _result(f"spatial_relationships-{start + k:03d}", passed=passed, critic_passed=critic_passed)
            for k in range(n)
        ]

    items = [
        *results(3, passed=False, critic_passed=False, start=0),  # caught
        *results(1, passed=True, critic_passed=False, start=10),  # false alarm
        *results(2, passed=False, critic_passed=True, start=20),  # missed
        *results(4, passed=True, critic_passed=True, start=30),
        _result("spatial_relationships-099", error="renderer ran out of memory"),
    ]

    confusion = critic_confusion(items)
    assert (confusion.true_positives, confusion.false_positives) == (3, 1)
    assert (confusion.false_negatives, confusion.true_negatives, confusion.errors) == (2, 4, 1)
    assert confusion.precision == pytest.approx(0.75)
    assert confusion.recall == pytest.approx(0.6)

    write_reports(_report(items), tmp_path)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "over 10 run(s); 1 run(s) without a video and 0 not measured are left out" in markdown
    assert "| critic failed | 3 | 1 |" in markdown
    assert "| critic passed | 2 | 4 |" in markdown
    assert "Precision 75.0%" in markdown and "Recall 60.0%" in markdown


def test_precision_and_recall_are_not_applicable_without_positives():
    confusion = critic_confusion([_result("spatial_relationships-000")])
    assert confusion.precision is None and confusion.recall is None


def test_category_table_marks_targets_met_and_missed(tmp_path):
    items = [_result(f"spatial_relationships-{k:03d}", passed=k != 0, seconds=2.0 + k) for k in range(20)]
    items += [_result(f"action_binding-{k:03d}", "action_binding", passed=k >= 2) for k in range(10)]
    items += [_result(f"action_binding-{k:03d}", "action_binding", passed=False) for k in range(10, 12)]
    items += [_result("object_interactions-000", "object_interactions", passed=False)]

    write_reports(_report(items), tmp_path)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")

    # 19/20 meets 95% exactly; 8/12 misses 90%; a category without a target has no mark
    assert "| spatial_relationships | 20 | 19 | 0 | 95.0% | 95.0% ✓ met | 1.00 | 11.5 | 11.5 |" in markdown
    assert "| action_binding | 12 | 8 | 0 | 66.7% | 90.0% ✗ missed |" in markdown
    assert "| object_interactions | 1 | 0 | 0 | 0.0% | - |" in markdown
    assert "| all | 33 | 27 | 0 | 81.8% | - |" in markdown
    # the table follows T2V-CompBench's category order
    assert markdown.index("| spatial_relationships") < markdown.index("| action_binding")


def test_failures_list_failed_metrics_link_their_folder_and_show_errors(tmp_path):
    failed = _result("spatial_relationships-001", passed=False, critic_passed=False)
    broken = _result("motion_binding-000", "motion_binding", error="generate failed: no asset for 'zeppelin'")
    _write_sheet(tmp_path, failed, (10, 120, 10))
    write_reports(_report([_result("spatial_relationships-000"), failed, broken]), tmp_path)

    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "- spatial (score 0.20): dog left_of cat in 20% of frames (needs 80%)" in markdown
    assert "- critic after 1 round(s): failed spatial" in markdown
    assert "[output folder](runs/spatial_relationships-001-s0/)" in markdown
    assert "[contact sheet](runs/spatial_relationships-001-s0/contact_sheet.png)" in markdown
    assert "spatial_relationships-000" not in markdown.split("## Failures")[1]
    assert "- error: generate failed: no asset for 'zeppelin'" in markdown
    assert "<li>error: generate failed: no asset for &#x27;zeppelin&#x27;</li>" in page
    assert "No contact sheet in the output folder." in page


def test_coverage_and_failing_metrics_are_counted(tmp_path):
    coverage = Coverage(
        nouns=10,
        known=6,
        nearest=2,
        generic=1,
        missing=1,
        nearest_nouns={"puppy": "dog", "pickup truck": "car"},
        generic_nouns=["zeppelin"],
    )
    items = [_result("spatial_relationships-000", passed=False), _result("spatial_relationships-001")]
    write_reports(_report(items, coverage), tmp_path)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")

    assert "| nearest | 2 | 20.0% |" in markdown
    assert "| puppy | dog |" in markdown and "| pickup truck | car |" in markdown
    assert "Generic: zeppelin." in markdown
    assert "| spatial | 1 | 2 | 50.0% |" in markdown
    assert "| visibility | 0 | 2 | 0.0% |" in markdown


def test_empty_report_still_renders(tmp_path):
    write_reports(
        EvalReport(suites=["dev"], settings={}, items=[], categories={}, coverage=Coverage()), tmp_path
    )

    assert "No finished items yet." in (tmp_path / "report.md").read_text(encoding="utf-8")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>") and "<img" not in page


def test_compare_reports_shows_each_runs_rates_side_by_side():
    one_round = _report(
        [_result("spatial_relationships-000", passed=False), _result("spatial_relationships-001")]
    )
    default = _report(
        [
            _result("spatial_relationships-000", rounds=2),
            _result("spatial_relationships-001"),
            _result("motion_binding-000", "motion_binding"),
        ]
    )

    table = compare_reports([("max-rounds 1", one_round), ("default", default)])

    lines = table.splitlines()
    assert lines[0] == "|  | target | max-rounds 1 | default |"
    assert "| spatial_relationships | 95.0% | 50.0% (1/2) ✗ | 100.0% (2/2) ✓ |" in lines
    assert "| motion_binding | 95.0% | - | 100.0% (1/1) ✓ |" in lines
    assert "| mean rounds | - | 1.00 | 1.33 |" in lines
    assert any(line.startswith("| critic recall | - | 0.0% | n/a |") for line in lines)


def test_compare_reports_needs_a_report():
    with pytest.raises(ValueError, match="at least one"):
        compare_reports([])


def test_runs_not_measured_are_neither_passes_nor_failures(tmp_path):
    interaction = ("interaction", "the collision: not measured")
    change = ("dynamic_attribute", "'A green leaf' becoming 'A red leaf': not measured")
    items = [
        _result("spatial_relationships-000"),
        _result("object_interactions-000", "object_interactions", unmeasured=interaction),
        _result("object_interactions-001", "object_interactions", unmeasured=interaction),
        _result("object_interactions-002", "object_interactions", passed=False, unmeasured=interaction),
        _result("dynamic_attribute_binding-000", "dynamic_attribute_binding", unmeasured=change),
    ]
    assert [r.verdict for r in items] == ["passed", "not_measured", "not_measured", "failed", "not_measured"]
    report = _report(items)
    write_reports(report, tmp_path)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")

    # rates over the judged runs; a category of which nothing was judged has none
    assert "| object_interactions | 3 | 0 | 2 | 0.0% | - |" in markdown
    assert "| dynamic_attribute_binding | 1 | 0 | 1 | n/a | - |" in markdown
    assert "| all | 5 | 1 | 3 | 50.0% | - |" in markdown
    # the critic is judged on the judged runs only; failures list only what failed
    assert critic_confusion(items).judged == 2 and critic_confusion(items).not_measured == 3
    failures = markdown.split("## Failures")[1]
    assert "object_interactions-002" in failures and "object_interactions-000" not in failures
    assert "- interaction: the collision: not measured" in failures  # said for a failed run too
    not_measured = markdown.split("## Not measured")[1].split("## Failures")[0]
    assert "| dynamic_attribute | 1 | 'A green leaf' becoming 'A red leaf': not measured |" in not_measured
    assert "| interaction | 3 | the collision: not measured |" in not_measured
    assert "| interaction |" not in markdown.split("## Failing metrics")[1].split("## Not measured")[0]
    assert (tmp_path / "report.html").read_text(encoding="utf-8").count("<img") >= 3  # plots draw n/a rates
    table = compare_reports([("offline", report)])
    assert "| dynamic_attribute_binding | - | n/a (0/0, 1 not measured) |" in table
    assert "| all | - | 50.0% (1 of 2), 3 not measured |" in table
