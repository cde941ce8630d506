"""Layout refinement by render-and-compare (tools.refine.render_compare) and the graph's use of it.

The failing case everywhere: "a dog to the left of a red ball" with the coarse layout's two places swapped, so
the dog stands right of the ball and the critic fails relation:left_of.
"""

import itertools
import math

import pytest
import torch
from offline_scene import offline_scene

import scenewright.graphs.generate as generate_graph
from scenewright import RunSettings, generate
from scenewright.agents.critic import critique_offline
from scenewright.graphs.generate import after_motion, recipes_for
from scenewright.graphs.state import ENVIRONMENT_RECIPE
from scenewright.schema import Check, Layout
from scenewright.settings import RefineSettings
from scenewright.tools.refine import render_compare as refine
from scenewright.tools.refine.render_compare import CoarseBox, refine_layout
from scenewright.tools.render.render_video import render_clip
from scenewright.tools.scene.asset_cache import AssetCache
from scenewright.tools.scene.camera import camera_matrices
from scenewright.tools.scene.geometry import heading_yaw

SETTINGS = RunSettings(seed=0, fps=4, duration_s=1.0, width=160, height=90, renderer="cpu")
LEFT_OF_FAILED = Check(
    name="relation:left_of", passed=False, score=0.0, entities=["dog", "ball"], message="", route="layout"
)


def swapped(layout: Layout, a: str, b: str) -> Layout:
    """The layout with the ground x of instances a and b exchanged."""
    x = {p.entity: p.position[0] for p in layout.placements}
    x[a], x[b] = x[b], x[a]
    return layout.model_copy(
        update={
            "placements": [
                p.model_copy(update={"position": (x[p.entity], *p.position[1:])}) for p in layout.placements
            ]
        }
    )


def scene(prompt: str, swap: tuple[str, str] | None = None):
    """(plan, Gaussians per instance, layout, motion) of the offline agents, optionally with two swapped."""
    return offline_scene(prompt, SETTINGS, lambda layout: layout if swap is None else swapped(layout, *swap))


@pytest.fixture(scope="module")
def wrong_sides():
    return scene("a dog to the left of a red ball", swap=("dog", "ball"))


@pytest.fixture(scope="module")
def refined(wrong_sides):
    plan, assets, layout, motion = wrong_sides
    return refine_layout(plan, layout, motion, assets, SETTINGS, [LEFT_OF_FAILED])


def failed_checks(plan, assets, layout, motion, folder) -> set[str]:
    """The names of the offline critic's failed checks on a render of the layout."""
    recipes = recipes_for(plan, SETTINGS.seed, {})
    frames = render_clip(
        AssetCache().get(recipes[ENVIRONMENT_RECIPE]),
        assets,
        layout,
        motion,
        SETTINGS,
        folder,
        {i: i for i in assets},
    ).analyses
    return {
        c.name for c in critique_offline(plan, layout, motion, frames, SETTINGS, 1).checks if not c.passed
    }


def test_gradients_reach_every_scale_and_ground_offset(wrong_sides):
    plan, assets, layout, motion = wrong_sides
    problem = refine._problem(plan, layout, motion, assets, SETTINGS, (), RefineSettings())
    unrefined = refine._calibrate(problem, torch.ones(2), torch.zeros(len(problem.key_param), 3))
    targets = refine._targets(problem, unrefined.whole, [LEFT_OF_FAILED], ())
    raw_scale = torch.zeros(len(problem.ids), requires_grad=True)
    raw_offsets = torch.zeros(len(problem.bounds), 3, requires_grad=True)
    screens = refine._calibrated(problem, raw_scale, raw_offsets, unrefined)
    terms = refine._terms(problem, raw_scale, raw_offsets, targets, screens)
    refine._loss(terms).backward()
    assert raw_scale.grad is not None and raw_offsets.grad is not None
    assert (raw_scale.grad != 0).all()  # the box terms see both sizes
    assert (raw_offsets.grad[:, [0, 2]] != 0).all()  # both move on the ground (x, z) ...
    assert (raw_offsets.grad[:, 1] == 0).all()  # ... and neither flies


def test_scale_and_offsets_stay_in_their_bounds_for_any_raw_value(wrong_sides):
    plan, assets, layout, motion = wrong_sides
    problem = refine._problem(plan, layout, motion, assets, SETTINGS, (), RefineSettings())
    raw = torch.tensor([-math.inf, -1e9, -30.0, -1.0, 0.0, 0.5, 30.0, 1e9, math.inf])
    scale = refine.bounded(raw, 1.0, refine.SCALE_SPAN)
    assert (scale >= 1.0 - refine.SCALE_SPAN / 2).all() and (scale <= 1.0 + refine.SCALE_SPAN / 2).all()
    assert scale[4] == 1.0  # raw 0 is the coarse layout
    for value in raw.tolist():
        offsets = refine._offsets(problem, torch.full((len(problem.bounds), 3), value))
        assert (offsets.abs() <= problem.bounds).all()
        assert (offsets[:, 1] == 0).all()  # walkers keep their ground contact


def test_refinement_puts_the_subject_left_of_the_object_and_lowers_the_loss(wrong_sides, refined, tmp_path):
    plan, assets, layout, motion = wrong_sides
    assert "relation:left_of" in failed_checks(plan, assets, layout, motion, tmp_path)
    assert refined.loss_after < 0.1 * refined.loss_before
    assert refined.terms_before["relation"] > 0 and refined.terms_after["relation"] == 0
    assert "relation:left_of" not in failed_checks(plan, assets, refined.layout, refined.motion, tmp_path)
    low, high = 1 - refine.SCALE_SPAN / 2, 1 + refine.SCALE_SPAN / 2
    assert all(low <= factor <= high for factor in refined.scale.values())
    before = {p.entity: p for p in layout.placements}
    for placement in refined.layout.placements:
        ratio = placement.extent_m[1] / before[placement.entity].extent_m[1]
        assert ratio == pytest.approx(refined.scale[placement.entity], rel=1e-5)
        assert placement.position[1] == before[placement.entity].position[1]  # still on the ground
    assert refined.layout.notes[-1] == f"refine: {refined.summary}"
    assert "loss" in refined.summary and "moved dog" in refined.summary


def test_refinement_is_deterministic_for_a_seed(wrong_sides):
    plan, assets, layout, motion = wrong_sides
    config = RefineSettings(steps=4)
    first, second = (
        refine_layout(plan, layout, motion, assets, SETTINGS, [LEFT_OF_FAILED], config=config)
        for _ in range(2)
    )
    assert first.layout.placements == second.layout.placements
    assert first.motion == second.motion
    assert first.terms_after == second.terms_after


def test_a_coarse_box_pulls_its_instance_to_where_it_was_drawn():
    plan, assets, layout, motion = scene("a dog to the left of a red ball")
    problem = refine._problem(plan, layout, motion, assets, SETTINGS, (), RefineSettings())
    start = problem.views[0]
    unrefined = refine._calibrate(problem, torch.ones(2), torch.zeros(len(problem.key_param), 3))
    x0, y0, x1, y1 = unrefined.whole[0].boxes[problem.ids.index("ball")].tolist()
    drawn = CoarseBox("ball", start.t, start.camera, (x0 - 0.08, y0, x1 - 0.08, y1))  # 8% of the frame left
    result = refine_layout(plan, layout, motion, assets, SETTINGS, [], [drawn], RefineSettings(steps=10))
    assert result.terms_after["box"] < 0.2 * result.terms_before["box"]
    viewmat, _ = camera_matrices(start.camera, SETTINGS.width, SETTINGS.height)
    was = {p.entity: torch.tensor(p.position) for p in layout.placements}
    moved = {p.entity: torch.tensor(p.position) - was[p.entity] for p in result.layout.placements}
    assert float(viewmat[0, :3] @ moved["ball"]) < -0.08  # along the camera's right, metres
    assert float(moved["dog"].norm()) < 0.02


def test_a_path_moved_round_an_obstacle_keeps_facing_its_next_position():
    plan, assets, layout, motion = scene("a dog runs to the right past a red ball")
    run = next(t for t in motion.tracks if t.entity == "dog")
    middle = run.keyframes[len(run.keyframes) // 2].position  # put the ball in the dog's way at mid-clip
    layout = layout.model_copy(
        update={
            "placements": [
                p.model_copy(update={"position": middle}) if p.entity == "ball" else p
                for p in layout.placements
            ]
        }
    )
    motion = motion.model_copy(
        update={
            "tracks": [
                t.model_copy(
                    update={"keyframes": [k.model_copy(update={"position": middle}) for k in t.keyframes]}
                )
                if t.entity == "ball"
                else t
                for t in motion.tracks
            ]
        }
    )
    blocked = Check(
        name="no_interpenetration",
        passed=False,
        score=0.0,
        entities=["dog", "ball"],
        message="",
        route="layout",
    )
    result = refine_layout(plan, layout, motion, assets, SETTINGS, [blocked])
    assert result.terms_after["penetration"] < 0.1 * result.terms_before["penetration"]
    keys = next(t for t in result.motion.tracks if t.entity == "dog").keyframes
    assert len({k.position for k in keys}) == len(keys)  # still a path, not a point
    for a, b in itertools.pairwise(keys):
        heading = heading_yaw(b.position[0] - a.position[0], b.position[2] - a.position[2])
        assert math.remainder(a.yaw - heading, math.tau) == pytest.approx(0.0, abs=1e-4)


def test_a_layout_with_nothing_wrong_is_left_as_it_is():
    plan, assets, layout, motion = scene("a dog to the left of a red ball")
    result = refine_layout(plan, layout, motion, assets, SETTINGS, [])
    assert result.loss_before < refine.GOOD_ENOUGH
    assert result.layout.placements == layout.placements and result.motion == motion
    assert result.summary.startswith("nothing to improve")


def test_only_a_round_with_layout_failures_is_refined():
    def failed(name: str, route: str) -> Check:
        return Check(name=name, passed=False, score=0.0, message=name, route=route)

    assert after_motion({"feedback": []}) == "render"
    assert after_motion({"feedback": [failed("motion:left", "motion")]}) == "render"
    assert after_motion({"feedback": [failed("relation:left_of", "layout")]}) == "refine"


@pytest.mark.slow
def test_the_graph_refines_a_layout_the_critic_failed(tmp_path, monkeypatch):
    """A layout agent that keeps putting the dog right of the ball: only refinement can pass the check."""
    solve = generate_graph.layout_offline
    monkeypatch.setattr(
        generate_graph, "layout_offline", lambda *a, **k: swapped(solve(*a, **k), "dog", "ball")
    )
    settings = RunSettings(seed=3, fps=4, duration_s=1.0, width=160, height=90, max_rounds=2, renderer="cpu")
    events = []
    result = generate("a dog to the left of a red ball", tmp_path / "out", settings, on_event=events.append)
    first, last = result.scene.critique[0], result.scene.critique[-1]
    assert any(c.name == "relation:left_of" and not c.passed and c.route == "layout" for c in first.checks)
    assert result.scene.rounds == 2 and last.passed and result.scene.passed
    assert [e["round"] for e in events if e["stage"] == "refine" and e["message"] == "started"] == [2]
    assert any(note.startswith("refine: ") for note in result.scene.layout.notes)
    report = (tmp_path / "out" / "report.md").read_text()
    assert "| refine |" in report  # timings
    assert "round 2 · refine: " in report and "- refine: " in report  # what happened, layout notes
