"""The generate-critique graph.

director -> assets -> layout -> motion -> render -> critic -> finalize, where a failing critique goes
back to the earliest agent that a failed check names (everything after it is rebuilt), until every check
passes or the round budget is spent. When the last round failed checks routed to layout, the rebuilt
layout and motion go through `refine` (tools.refine.render_compare: render-and-compare, C3V's stage 3) before
the
render; when the run names a Stable Diffusion folder (`--sd-model`), `refine` is score distillation
(tools.refine.sds) and also runs before the first render. Progress is streamed as custom events:
`{"stage": ..., "round": ..., "message": ...}` and, while rendering,
`{"stage": "render", "round": ..., "frame": k, "frames": n}`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any, Literal, Protocol

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from scenewright.agents.critic import critique_offline
from scenewright.agents.critic_llm import critique_llm
from scenewright.agents.director import direct_offline
from scenewright.agents.director_llm import direct_llm
from scenewright.agents.layout import layout_offline
from scenewright.agents.layout_llm import layout_llm
from scenewright.agents.llm import AgentLLM
from scenewright.agents.motion import MAX_GAIN, motion_offline, planned_path, with_mocap
from scenewright.agents.motion_llm import motion_llm
from scenewright.config import AgentName, LLMSettings
from scenewright.graphs.context import GenerateContext
from scenewright.graphs.output import write_outputs
from scenewright.graphs.state import ENVIRONMENT_RECIPE, GenerateInput, GenerateState
from scenewright.schema import AgentUsage, AssetInfo, Check, Layout, NounReading, Plan, Track
from scenewright.settings import RunSettings
from scenewright.tools.refine.render_compare import refine_layout
from scenewright.tools.refine.sds import SdsStep, refine_layout_sds, shared_prior
from scenewright.tools.render.render_video import render_clip
from scenewright.tools.scene.asset_cache import AssetRecipe
from scenewright.tools.scene.backends import Choice, choose_backends, describe_choices
from scenewright.tools.scene.detail import detail_levels, scene_cap, screen_extents
from scenewright.tools.scene.mocap import library_at, track_clips

PIPELINE: list[Literal["director", "assets", "layout", "motion"]] = ["director", "assets", "layout", "motion"]
"""Order of the stages the critic can send the graph back to; a retry re-runs everything after it."""


class Node(Protocol):
    def __call__(self, state: GenerateState, *, runtime: Runtime[GenerateContext]) -> dict[str, Any]: ...


def stage(name: str, agent: bool = False) -> Callable[[Node], Node]:
    """Announce the stage on the custom stream, time it, and record the time (and usage for agents)."""

    def decorate(node: Node) -> Node:
        @wraps(node)
        def run(state: GenerateState, *, runtime: Runtime[GenerateContext]) -> dict[str, Any]:
            finishing = state.get("next_stage") == "finalize"
            round_number = state.get("round", 0) + (0 if finishing else 1)
            runtime.stream_writer({"stage": name, "round": round_number, "message": "started"})
            start = time.perf_counter()
            update = node(state, runtime=runtime)
            seconds = time.perf_counter() - start
            update["timings"] = {name: seconds}
            if agent:  # an LLM agent reports its model use; the offline path counts one call
                update.setdefault("usage", {name: AgentUsage(calls=1, seconds=seconds)})
            for event in update.get("events", []):
                runtime.stream_writer({"stage": name, "round": round_number, "message": event})
            update["events"] = [f"round {round_number} · {name}: {e}" for e in update.get("events", [])]
            return update

        return run

    return decorate


def agent_llm(state: GenerateState, runtime: Runtime[GenerateContext], agent: AgentName) -> AgentLLM | None:
    """The agent's model, streaming its requests, repairs and fallbacks, on the run's shared budget and
    breaker (a server one agent found down is not asked again by the next); None when the agent is offline."""
    if runtime.context.llm.spec(agent).offline:
        return None
    llm = AgentLLM(agent, runtime.context.llm, budget=runtime.context.llm_budget)
    round_number = state.get("round", 0) + 1
    llm.on_event = lambda message: runtime.stream_writer(
        {"stage": agent, "round": round_number, "message": message}
    )
    return llm


def llm_update(agent: AgentName, llm: AgentLLM | None) -> dict[str, Any]:
    """The usage and report events of an LLM agent's node (nothing for an offline one)."""
    if llm is None:
        return {}
    return {"usage": {agent: llm.usage}, "events": list(llm.usage.log)}


def feedback_for(state: GenerateState, agent: str) -> list[Check]:
    return [check for check in state.get("feedback", []) if check.route == agent]


def instance_seed(seed: int, key: str) -> int:
    """A per-instance seed that does not depend on the order instances are built in."""
    return int.from_bytes(hashlib.sha256(f"{seed}:{key}".encode()).digest()[:4], "little")


@stage("director", agent=True)
def director(state: GenerateState, *, runtime: Runtime[GenerateContext]) -> dict[str, Any]:
    if "given_plan" in state:
        plan = state["given_plan"]
        return {"plan": plan, "events": [f"built the given plan: {_described(plan)}"]}
    llm = agent_llm(state, runtime, "director")
    plan = (direct_llm(state["prompt"], llm) if llm else None) or direct_offline(
        state["prompt"], rereads=rejected_readings(state)
    )
    events = [_described(plan)]
    if plan.unknown_nouns:
        events.append(f"no procedural asset for {', '.join(plan.unknown_nouns)}: built as generic assets")
    update = llm_update("director", llm)
    return update | {"plan": plan, "events": [*update.get("events", []), *events]}


def rejected_readings(state: GenerateState) -> dict[str, NounReading]:
    """The stand-ins the critic's 'noun:<noun>' checks rejected last round: the offline director builds each
    as its next-nearest category."""
    failed = {
        check.name.removeprefix("noun:")
        for check in feedback_for(state, "director")
        if check.name.startswith("noun:")
    }
    previous = state.get("plan")
    if not failed or previous is None:
        return {}
    return {n.noun: n for n in previous.nouns if n.noun in failed and n.noun_class == "thing"}


def _described(plan: Plan) -> str:
    entities = ", ".join(f"{e.count} {e.name} ({e.category})" for e in plan.entities)
    return (
        f"{entities}; environment {plan.environment}; {len(plan.relations)} relation(s), "
        f"{len(plan.actions)} action(s)"
    )


def recipes_for(
    plan: Plan, seed: int, color_attempts: dict[str, int], choices: dict[str, Choice] | None = None
) -> dict[str, AssetRecipe]:
    """One recipe per instance (plus the environment); `color_attempts` holds each colour retry's level;
    `choices` (tools.scene.backends.choose_backends) the instances another backend builds, from a file or
    Shap-E,
    whose recipe is its source alone (no colour is painted over it)."""
    recipes = {ENVIRONMENT_RECIPE: AssetRecipe(f"environment:{plan.environment}", None, (), seed)}
    for instance, entity in plan.group_of().items():
        choice = (choices or {}).get(instance)
        if choice is not None and choice.source is not None:
            recipes[instance] = AssetRecipe(
                entity.category, None, (), instance_seed(seed, instance), backend=choice.backend,
                source=choice.source,
            )  # fmt: skip
            continue
        recipes[instance] = AssetRecipe(
            category=entity.category,
            rgb=entity.color.rgb if entity.color else None,
            attributes=tuple(entity.attributes),
            seed=instance_seed(seed, instance),
            attempt=color_attempts.get(instance, 0),
            label=entity.name if entity.category == "generic" else None,
        )
    return recipes


@stage("assets")
def assets(state: GenerateState, *, runtime: Runtime[GenerateContext]) -> dict[str, Any]:
    plan = state["plan"]
    recolor = {entity for check in feedback_for(state, "assets") for entity in check.entities}
    level = state.get("attempts", {}).get("assets", 0)
    # a retry keeps the stronger colour of instances fixed in earlier rounds
    color_attempts = {i: r.attempt for i, r in state.get("recipes", {}).items()} | dict.fromkeys(
        recolor, level
    )
    settings = runtime.context.settings
    seed = settings.seed
    choices = choose_backends(plan, settings, {i: instance_seed(seed, i) for i in plan.group_of()})
    recipes = recipes_for(plan, seed, color_attempts, choices)
    cache = runtime.context.asset_cache  # this run's own counter: only this run's lookups move it
    before = cache.counts()
    infos: dict[str, AssetInfo] = {}
    for instance, recipe in recipes.items():
        gaussians = cache.get(recipe)
        if instance != ENVIRONMENT_RECIPE:
            infos[instance] = recipe.info(gaussians)
    counts = {name: count - before[name] for name, count in cache.counts().items()}
    events = [f"{len(recipes)} assets ({counts['misses']} built, {counts['hits']} from cache)"]
    events += describe_choices(plan, settings, choices)
    if recolor:
        events.append(f"regenerated {', '.join(sorted(recolor))} with a stronger colour")
    return {
        "recipes": recipes,
        "assets": infos,
        "events": events,
        "asset_cache": counts,
    }


@stage("layout", agent=True)
def layout(state: GenerateState, *, runtime: Runtime[GenerateContext]) -> dict[str, Any]:
    arguments = (
        state["plan"], state["assets"], runtime.context.settings, feedback_for(state, "layout"),
        state.get("attempts", {}).get("layout", 0),
    )  # fmt: skip
    llm = agent_llm(state, runtime, "layout")
    result = (layout_llm(*arguments, llm) if llm else None) or layout_offline(*arguments)
    update = llm_update("layout", llm)
    detailed = with_detail(state, result, runtime.context)
    events = [*update.get("events", []), *result.notes, *detailed.pop("events")]
    return update | detailed | {"layout": result, "events": events}


def screen_sizes(plan: Plan, layout: Layout, settings: RunSettings) -> dict[str, float]:
    """Each instance's largest on-screen extent over the clip, pixels (tools.scene.detail.screen_extents),
    along the paths the layout framed: offsets from the placements, at the longest travel."""
    by_id = {p.entity: p for p in layout.placements}
    paths = {
        i: Track(entity=i, clip="idle", keyframes=planned_path(plan, p, by_id, settings.duration_s, MAX_GAIN))
        for i, p in by_id.items()
    }
    return screen_extents(layout.placements, paths, layout.camera, layout.camera_motion, settings)


def with_detail(state: GenerateState, layout: Layout, context: GenerateContext) -> dict[str, Any]:
    """Each procedural asset rebuilt for its largest on-screen extent over the clip, under the scene's cap
    (tools.scene.detail): the recipes the later stages recall, the infos scene.json reports, the lookups."""
    plan, settings, cache = state["plan"], context.settings, context.asset_cache
    recipes, infos = state["recipes"], state["assets"]
    extents = screen_sizes(plan, layout, settings)
    scaled = [i for i in plan.group_of() if recipes[i].procedural]
    fixed = len(cache.recall(recipes[ENVIRONMENT_RECIPE])) + sum(
        infos[i].num_gaussians for i in plan.group_of() if i not in scaled
    )
    cap = scene_cap(settings.width, settings.height)
    levels, total = detail_levels(
        {i: extents[i] for i in scaled}, lambda i, px: replace(recipes[i], detail=px).splats(), cap - fixed
    )
    detailed = {i: replace(recipes[i], detail=levels[i]) for i in scaled}
    before = cache.counts()
    updated = {
        i: infos[i].model_copy(update={"content_hash": r.content_hash(), "num_gaussians": len(cache.get(r))})
        for i, r in detailed.items()
    }
    counts = {name: count - before[name] for name, count in cache.counts().items()}
    sizes = ", ".join(f"{i} {extents[i]:.0f} px -> {levels[i]}" for i in scaled)
    events = [f"detail (largest on-screen extent -> level): {sizes}; {fixed + total} Gaussians, cap {cap}"]
    if fixed + total > cap:
        events.append(f"even the coarsest detail levels exceed the cap of {cap} Gaussians")
    return {"recipes": recipes | detailed, "assets": infos | updated, "asset_cache": counts, "events": events}


@stage("motion", agent=True)
def motion(state: GenerateState, *, runtime: Runtime[GenerateContext]) -> dict[str, Any]:
    arguments = (
        state["plan"], state["layout"], state["assets"], runtime.context.settings,
        feedback_for(state, "motion"), state.get("attempts", {}).get("motion", 0),
    )  # fmt: skip
    llm = agent_llm(state, runtime, "motion")
    result = (motion_llm(*arguments, llm) if llm else None) or motion_offline(*arguments)
    settings, notes = runtime.context.settings, []
    if settings.mocap_folder is not None:
        cache = runtime.context.asset_cache
        assets = {i: cache.recall(state["recipes"][i]) for i in state["plan"].group_of()}
        result, notes = with_mocap(
            state["plan"],
            state["layout"],
            result,
            library_at(settings.mocap_folder),
            assets,
            settings.duration_s,
        )
    moving = [t.entity for t in result.tracks if t.clip != "idle"]
    update = llm_update("motion", llm)
    summary = f"{len(result.tracks)} tracks; moving: {', '.join(moving) or 'none'}"
    return update | {"motion": result, "events": [*update.get("events", []), summary, *notes]}


@stage("refine")
def refine(state: GenerateState, *, runtime: Runtime[GenerateContext]) -> dict[str, Any]:
    """Fit scales and keyframe offsets: by score distillation from the run's Stable Diffusion prior, under
    the failed layout checks as constraints (tools.refine.sds), or without a prior to those checks
    (tools.refine.render_compare), each as the run's settings say (`settings.sds`, `settings.refine`)."""
    plan, recipes, settings = state["plan"], state["recipes"], runtime.context.settings
    cache = runtime.context.asset_cache
    arguments = (
        plan, state["layout"], state["motion"], {i: cache.recall(recipes[i]) for i in plan.group_of()},
        settings,
    )  # fmt: skip
    if settings.sd_model is None:
        result = refine_layout(*arguments, feedback_for(state, "layout"), config=settings.refine)
        return {"layout": result.layout, "motion": result.motion, "events": [result.summary]}
    round_number, every = state.get("round", 0) + 1, max(1, settings.sds.steps // 20)  # about 20 lines

    def progress(step: SdsStep) -> None:
        if (step.step + 1) % every == 0 or step.step + 1 == step.steps:
            message = (
                f"SDS step {step.step + 1}/{step.steps} ({step.stage}, t {step.t}): "
                f"loss {step.sds_loss:.3g}, constraints {step.constraint_loss:.3g}"
            )
            runtime.stream_writer({"stage": "refine", "round": round_number, "message": message})

    prior = shared_prior(settings.sd_model)
    result = refine_layout_sds(
        *arguments, prior, settings.sds, failed=feedback_for(state, "layout"), on_step=progress
    )
    return {"layout": result.layout, "motion": result.motion, "events": [result.summary]}


def after_motion(
    state: GenerateState, *, runtime: Runtime[GenerateContext] | None = None
) -> Literal["refine", "render"]:
    """Refine when the critic's last round failed checks that the layout agent answers for, and, when the
    run names a Stable Diffusion prior, before the first render too: score distillation is C3V's third
    stage, after every coarse layout. A retry for motion or assets alone keeps the refined layout, so it
    is not distilled again (scales would compound). `runtime` is None outside a run."""
    distils = runtime is not None and runtime.context.settings.sd_model is not None
    first = not state.get("critique")
    return "refine" if feedback_for(state, "layout") or (distils and first) else "render"


@stage("render")
def render(state: GenerateState, *, runtime: Runtime[GenerateContext]) -> dict[str, Any]:
    settings = runtime.context.settings
    out_dir = Path(runtime.context.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan = state["plan"]
    groups = plan.group_of()
    recipes = state["recipes"]
    cache = runtime.context.asset_cache
    instance_assets = {i: cache.recall(recipes[i]) for i in groups}
    labels = {i: i if groups[i].name == i else f"{i} ({groups[i].name})" for i in groups}

    def progress(done: int, total: int) -> None:
        runtime.stream_writer(
            {"stage": "render", "round": state.get("round", 0) + 1, "frame": done, "frames": total}
        )

    memory = runtime.context.clips
    captures = track_clips(settings.mocap_folder, state["motion"].tracks, instance_assets)
    clip = render_clip(
        cache.recall(recipes[ENVIRONMENT_RECIPE]), instance_assets, state["layout"], state["motion"],
        settings, out_dir, labels, progress, previous=None if memory is None else memory.last, mocap=captures,
        style=plan.style, effects=plan.effects,
    )  # fmt: skip
    if memory is not None:
        memory.last = clip
    drawn = "" if clip.redrawn_fraction == 1.0 else f" ({clip.redrawn_fraction:.0%} of the pixels redrawn)"
    looks = [f"{plan.style.replace('_', ' ')} style"] if plan.style else []
    look = f"; look: {', '.join([*looks, *plan.effects])}" if looks or plan.effects else ""
    return {"frames": clip.analyses, "events": [f"rendered {len(clip.frames)} frames{drawn}{look}"]}


@stage("critic", agent=True)
def critic(state: GenerateState, *, runtime: Runtime[GenerateContext]) -> dict[str, Any]:
    round_number = state.get("round", 0) + 1
    verdict = critique_offline(
        state["plan"], state["layout"], state["motion"], state["frames"],
        runtime.context.settings, round_number,
    )  # fmt: skip
    llm = agent_llm(state, runtime, "critic")
    if llm is not None:  # the model's checks join the built-in ones, which it cannot overturn
        contact_sheet = Path(runtime.context.out_dir) / "contact_sheet.png"
        verdict = critique_llm(
            state["plan"], state["layout"], state["motion"], state["frames"], runtime.context.settings,
            verdict, contact_sheet, llm,
        ) or verdict  # fmt: skip
    failed = [check for check in verdict.checks if not check.passed]
    max_rounds = runtime.context.settings.max_rounds
    can_retry = round_number < max_rounds
    unpainted = frozenset(i for i, info in state["assets"].items() if info.backend != "procedural")
    rereadable = frozenset(n.noun for n in state["plan"].nouns if n.alternatives)
    acting = actionable(failed, runtime.context.llm, unpainted, rereadable)
    target = retry_target(acting) if can_retry else None
    summary = f"round {round_number}: {len(verdict.checks) - len(failed)}/{len(verdict.checks)} checks passed"
    update: dict[str, Any] = {"round": round_number, "critique": [verdict], "feedback": failed,
                              "passed": not failed, "next_stage": target or "finalize"}  # fmt: skip
    if target is not None:
        update["attempts"] = {target: 1}
        summary += f"; back to {target} for {', '.join(sorted({c.name for c in failed}))}"
    elif failed:
        summary += "; round budget spent" if round_number >= max_rounds else "; no agent can fix it"
    update["events"] = [*llm_update("critic", llm).get("events", []), summary]
    if llm is not None:
        update["usage"] = {"critic": llm.usage}
    return update


def actionable(
    failed: list[Check],
    llm: LLMSettings,
    unpainted: frozenset[str] = frozenset(),
    rereadable: frozenset[str] = frozenset(),
) -> list[Check]:
    """The failed checks whose agent can act on them: a model's check (`llm:`) names a problem in words,
    which only an LLM agent reads, and the offline assets agent (it rebuilds the named instances); a colour
    the assets agent cannot paint (`unpainted`: instances from a user's file or Shap-E keep their own
    colours) stays failed without a retry that would rebuild the same asset. A noun the offline director
    cannot read otherwise (not in `rereadable`: no next-nearest category left) stays failed too."""

    def acts(check: Check) -> bool:
        if check.name == "color" and set(check.entities) <= unpainted:
            return False
        if check.name.startswith("noun:") and llm.spec("director").offline:
            return check.name.removeprefix("noun:") in rereadable
        route = check.route
        if not check.name.startswith("llm:") or route is None or route == "assets":
            return True
        return not llm.spec(route).offline

    return [check for check in failed if acts(check)]


def retry_target(failed: list[Check]) -> str | None:
    """The earliest pipeline stage any failed check is routed to."""
    routes = {check.route for check in failed if check.route is not None}
    return next((agent for agent in PIPELINE if agent in routes), None)


@stage("finalize")
def finalize(state: GenerateState, *, runtime: Runtime[GenerateContext]) -> dict[str, Any]:
    write_outputs(state, runtime.context)
    return {"events": ["wrote scene.json, scene.ply and report.md"]}


def build_graph() -> StateGraph:
    builder = StateGraph(GenerateState, context_schema=GenerateContext, input_schema=GenerateInput)
    builder.add_node("director", director)
    builder.add_node("assets", assets)
    builder.add_node("layout", layout)
    builder.add_node("motion", motion)
    builder.add_node("refine", refine)
    builder.add_node("render", render)
    builder.add_node("critic", critic)
    builder.add_node("finalize", finalize)
    builder.add_edge(START, "director")
    for a, b in zip(["director", "assets", "layout", "render"],
                    ["assets", "layout", "motion", "critic"], strict=True):  # fmt: skip
        builder.add_edge(a, b)
    builder.add_conditional_edges("motion", after_motion, ["refine", "render"])
    builder.add_edge("refine", "render")
    builder.add_conditional_edges("critic", lambda state: state["next_stage"], [*PIPELINE, "finalize"])
    builder.add_edge("finalize", END)
    return builder


graph = build_graph().compile(name="generate")
"""The compiled generate-critique graph (langgraph.json points here)."""
call_graph = build_graph().compile(checkpointer=False, name="generate")
"""The same graph never checkpointed, even when it runs inside another graph's node: `scenewright.generate`
writes a run's outputs to its folder, and a chat turn must not store a whole generate run in its thread."""
