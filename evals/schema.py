"""The eval harness's data: suite items with their expectations, per-item results and the report.

A suite says what a video must show in words of the prompt (nouns, directions, counts, attribute words,
action phrases, camera motion); the metrics (evals/metrics.py) find those nouns among the run's entities and
measure them in scene.json and the frames. Nothing here reads the run's own plan as ground truth: a director
that misreads the prompt fails the metric even when its own critic is satisfied. The one exception is a
prompt list without fields (VBench's .txt files): which of its nouns are things is the plan's reading
(`named_things`), and each of those must then be seen.

A metric that cannot judge what an item asks (a state change, an interaction) says so (`judged=False`): such
an item is *not measured*, neither passed nor failed, unless a judged metric failed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from scenewright.schema import Model, NonNegative, Unit

CATEGORIES = (
    "spatial_relationships",
    "motion_binding",
    "generative_numeracy",
    "consistent_attribute_binding",
    "dynamic_attribute_binding",
    "action_binding",
    "object_interactions",
)
"""T2V-CompBench's seven categories, in its order; a suite may also use other category names."""

TARGETS: dict[str, float] = {
    "spatial_relationships": 0.95,
    "motion_binding": 0.95,
    "generative_numeracy": 0.95,
    "consistent_attribute_binding": 0.95,
    "action_binding": 0.90,
}
"""Pass rates the offline defaults must reach on the development split; other categories have none."""

SpatialRelation = Literal["left_of", "right_of", "in_front_of", "behind", "on", "under", "above", "below"]
MotionDirection = Literal["left", "right", "up", "down", "toward", "away"]
ClipPhase = Literal["clip", "start", "end"]
"""Where in the clip a relation must hold: throughout, in its first frames (before a change), in its last."""
CameraMotionName = Literal[
    "zoom_in", "zoom_out", "pan_left", "pan_right", "tilt_up", "tilt_down", "orbits", "static", "oblique"
]
"""VBench-2.0's camera motions (its Camera_Motion `auxiliary_info`)."""
Verdict = Literal["passed", "failed", "not_measured"]


class SpatialExpectation(Model):
    subject: str = Field(min_length=1, description="Noun phrase from the prompt, e.g. 'dog'.")
    relation: SpatialRelation
    object: str = Field(min_length=1, description="e.g. 'hot air balloon'.")
    during: ClipPhase = Field(
        default="clip", description="'start' / 'end': before / after a change the prompt describes."
    )


class MotionExpectation(Model):
    object: str = Field(min_length=1)
    direction: MotionDirection = Field(
        description="Direction of its screen centroid (or depth) over the clip."
    )


class CountExpectation(Model):
    object: str = Field(min_length=1)
    count: int = Field(ge=1)


class AttributeExpectation(Model):
    object: str = Field(min_length=1, description="The noun the attribute belongs to, e.g. 'car'.")
    words: list[str] = Field(min_length=1, description="Attribute words as the suite gives them: ['blue'].")
    phrase: str = Field(default="", description="The suite's phrase, for the report: 'a blue car'.")


class ActionExpectation(Model):
    object: str = Field(min_length=1)
    action: str = Field(min_length=1, description="What it does, verb first: 'runs through a field'.")


class CameraExpectation(Model):
    motion: CameraMotionName = Field(description="How the camera moves over the clip, judged from its poses.")


class Unmeasured(Model):
    """Something the item asks that no metric here can judge: reported as not measured, never as a pass."""

    metric: str = Field(min_length=1, description="The metric it belongs to: 'dynamic_attribute' ...")
    what: str = Field(min_length=1, description="What is asked, in the suite's words.")


class Expectations(Model):
    """What the video must show. `objects` lists every noun that must be visible, the others' included."""

    objects: list[str] = Field(default_factory=list)
    spatial: list[SpatialExpectation] = Field(default_factory=list)
    motions: list[MotionExpectation] = Field(default_factory=list)
    counts: list[CountExpectation] = Field(default_factory=list)
    attributes: list[AttributeExpectation] = Field(default_factory=list)
    actions: list[ActionExpectation] = Field(default_factory=list)
    camera: CameraExpectation | None = None
    named_things: bool = Field(
        default=False,
        description="Every noun the run's plan reads as a thing (plan.nouns) must be seen, and not as a "
        "placard: a prompt list without fields (VBench's .txt) names no nouns of its own.",
    )
    unmeasured: list[Unmeasured] = Field(default_factory=list)


MAX_ITEM_ID_CHARS = 200
"""An id names its run folders, `<id>-s<seed>`, and a file system allows 255 bytes per name."""


class EvalItem(Model):
    id: str = Field(
        min_length=1,
        max_length=MAX_ITEM_ID_CHARS,
        pattern=r"^[A-Za-z0-9_.-]+$",
        description="Unique in the run; a folder name.",
    )
    suite: str = Field(description="Suite name: the file's stem or the folder's name.")
    category: str
    prompt: str = Field(min_length=1)
    expect: Expectations = Field(default_factory=Expectations)


class MetricResult(Model):
    name: str = Field(description="'spatial', 'motion', 'numeracy', 'attribute', 'action', 'visibility' ...")
    passed: bool
    score: Unit
    detail: str = Field(description="One line: what was measured against what was expected.")
    measured: bool = Field(
        default=True,
        description="False where the frames cannot show it (a shape word): checked on the record.",
    )
    judged: bool = Field(
        default=True,
        description="False where the metric cannot judge what is asked (a state change, an interaction): "
        "not measured, neither a pass nor a fail; `passed` is then False.",
    )


class NounMapping(Model):
    """How a suite noun became an asset: its own category, the nearest known one, or the generic asset."""

    noun: str
    category: str | None = Field(description="The matched entity's category; None when no entity matched.")
    kind: Literal["known", "nearest", "generic", "missing"] = Field(
        description="'generic': a placard, the generic asset with the noun printed on it."
    )


class ItemResult(Model):
    item: EvalItem
    seed: int
    out: str = Field(description="The run's output folder, relative to the eval folder.")
    passed: bool = Field(description="Every metric passed; False when the run failed or was not measured.")
    judged: bool = Field(
        default=True,
        description="False when no judged metric failed but one could not judge what the item asks: "
        "the item is not measured (`item_verdict`).",
    )
    metrics: list[MetricResult] = Field(default_factory=list)
    nouns: list[NounMapping] = Field(default_factory=list)
    rounds: int = Field(default=0, ge=0)
    critic_passed: bool = Field(
        default=False, description="The run's own verdict: every check of its last round."
    )
    critic_first_round_passed: bool = False
    critic_failures: list[str] = Field(
        default_factory=list, description="Names of the last round's failed checks."
    )
    seconds: NonNegative = 0.0
    error: str | None = Field(default=None, description="Why the run produced no video, in one line.")

    @property
    def verdict(self) -> Verdict:
        return "not_measured" if not self.judged else "passed" if self.passed else "failed"


def item_verdict(metrics: list[MetricResult]) -> tuple[bool, bool]:
    """(passed, judged) of an item from its metrics: a judged failure fails it; else a metric that could
    not judge leaves it not measured; else it passed."""
    failed = any(not metric.passed for metric in metrics if metric.judged)
    unjudged = any(not metric.judged for metric in metrics)
    return not failed and not unjudged, failed or not unjudged


class CategorySummary(Model):
    items: int
    passed: int
    not_measured: int = Field(default=0, ge=0, description="Items no metric failed and one could not judge.")
    rate: Unit | None = Field(description="passed / (items - not_measured); None when none was judged.")
    target: Unit | None = None
    mean_rounds: NonNegative = 0.0
    mean_seconds: NonNegative = 0.0


class Coverage(Model):
    """Suite nouns by how they were built (NounMapping.kind), over every item."""

    nouns: int = 0
    known: int = 0
    nearest: int = 0
    generic: int = 0
    missing: int = 0
    nearest_nouns: dict[str, str] = Field(
        default_factory=dict, description="noun -> category it stood in for"
    )
    generic_nouns: list[str] = Field(default_factory=list)


class EvalReport(Model):
    """DIR/report.json."""

    suites: list[str]
    settings: dict[str, str | int | float | None] = Field(description="Run settings and provider per agent.")
    items: list[ItemResult]
    categories: dict[str, CategorySummary]
    coverage: Coverage
