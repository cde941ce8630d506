"""The output contract: scene.json, scene.ply and report.md (video.mp4 and contact_sheet.png come from
the render stage). See docs/architecture.md, "Output contract"."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scenewright.graphs.report import render_report
from scenewright.graphs.state import ENVIRONMENT_RECIPE
from scenewright.schema import (
    CacheUsage,
    EntityFrame,
    EntityRecord,
    FrameRecord,
    SceneDocument,
    Usage,
)
from scenewright.tools.scene.camera import camera_at
from scenewright.tools.scene.compose import compose_scene, root_pose_at
from scenewright.tools.scene.mocap import track_clips
from scenewright.tools.scene.ply import write_ply

COLOR_SHARE_DECIMALS = 3
"""0.1% of an entity's pixels is below what a colour check relies on; more digits only bloat scene.json."""

if TYPE_CHECKING:
    from scenewright.graphs.context import GenerateContext
    from scenewright.graphs.state import GenerateState


def scene_document(state: GenerateState, context: GenerateContext) -> SceneDocument:
    settings = context.settings
    plan, layout, motion = state["plan"], state["layout"], state["motion"]
    groups = plan.group_of()
    placements = {p.entity: p for p in layout.placements}
    tracks = {t.entity: t for t in motion.tracks}
    entities = [
        EntityRecord(
            id=instance,
            name=group.name,
            category=group.category,
            color=group.color,
            asset=state["assets"][instance],
            size_m=placements[instance].extent_m,
        )
        for instance, group in groups.items()
    ]
    frames = []
    for analysis in state["frames"]:
        records = {}
        for instance, stats in analysis.entities.items():
            position, _ = root_pose_at(tracks[instance], analysis.t)
            records[instance] = EntityFrame(
                bbox=stats.bbox,
                visible_fraction=stats.visible_fraction,
                depth_m=stats.depth_m,
                position=position,
                colors=_rounded_shares(stats.colors),
            )
        camera = camera_at(layout.camera, layout.camera_motion, analysis.t, settings.duration_s, tracks)
        frames.append(FrameRecord(t=analysis.t, camera=camera, entities=records))
    cache = context.asset_cache  # the run's own counter: its lookups alone, whatever else the process runs
    return SceneDocument(
        prompt=state["prompt"],
        seed=settings.seed,
        fps=settings.fps,
        duration_s=settings.duration_s,
        width=settings.width,
        height=settings.height,
        rounds=state["round"],
        passed=state["passed"],
        plan=plan,
        entities=entities,
        layout=layout,
        motion=motion,
        frames=frames,
        critique=state["critique"],
        usage=Usage(
            agents=state.get("usage", {}),
            tools={"assets": CacheUsage(hits=cache.hits, misses=cache.misses)},
        ),
    )


def _rounded_shares(shares: dict[str, float]) -> dict[str, float]:
    """Colour shares to COLOR_SHARE_DECIMALS, zeros dropped: one frame's colours stay a short line of JSON."""
    rounded = {name: round(share, COLOR_SHARE_DECIMALS) for name, share in shares.items()}
    return {name: share for name, share in rounded.items() if share > 0}


def write_outputs(state: GenerateState, context: GenerateContext) -> None:
    """Write scene.json, scene.ply (the composed Gaussians at t = 0) and report.md into the output folder."""
    out_dir = Path(context.out_dir)
    document = scene_document(state, context)
    (out_dir / "scene.json").write_text(document.model_dump_json(indent=2) + "\n")
    recipes = state["recipes"]
    cache = context.asset_cache
    assets = {i: cache.recall(recipes[i]) for i in document.plan.group_of()}
    scene = compose_scene(
        cache.recall(recipes[ENVIRONMENT_RECIPE]),
        assets,
        {p.entity: p for p in document.layout.placements},
        {t.entity: t for t in document.motion.tracks},
        0.0,
        track_clips(context.settings.mocap_folder, document.motion.tracks, assets),
    )
    write_ply(out_dir / "scene.ply", scene.gaussians)
    (out_dir / "report.md").write_text(render_report(document, state))
