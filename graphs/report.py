"""report.md: what each agent decided, each critique round, what was regenerated, timings, provider use."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from scenewright.schema import SceneDocument
from scenewright.tools.scene.camera import describe_motion

if TYPE_CHECKING:
    from scenewright.graphs.state import GenerateState


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    cells = [[c.replace("|", "\\|") for c in row] for row in rows]
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(r) + " |" for r in cells),
    ]


def _vec(v: tuple[float, ...]) -> str:
    return "(" + ", ".join(f"{x:.2f}" for x in v) + ")"


def render_report(doc: SceneDocument, state: GenerateState) -> str:
    plan = doc.plan
    verdict = "all checks passed" if doc.passed else "some checks still fail"
    lines = [
        "# scenewright report",
        "",
        f"**Prompt:** {doc.prompt}",
        "",
        f"Seed {doc.seed}, {doc.width}x{doc.height}, {doc.fps} fps, {doc.duration_s:g} s "
        f"({len(doc.frames)} frames). Result: **{verdict}** after {doc.rounds} round(s).",
        "",
        "## Director",
        "",
        f"Environment: **{plan.environment}**.",
        "",
        *_table(
            ["group", "noun", "category", "count", "colour", "size", "attributes"],
            [
                [
                    e.id,
                    e.name,
                    e.category,
                    str(e.count),
                    e.color.name if e.color else "-",
                    f"x{e.size_scale:g}",
                    ", ".join(e.attributes) or "-",
                ]
                for e in plan.entities
            ],
        ),
        "",
        "Relations: "
        + ("; ".join(f"{r.subject} {r.predicate} {r.object}" for r in plan.relations) or "none"),
        "",
        "Actions: "
        + (
            "; ".join(
                f"{a.entity} {a.verb} -> {a.clip}"
                + (f" ({a.direction}" + (f" {a.around})" if a.around else ")") if a.direction else "")
                for a in plan.actions
            )
            or "none"
        ),
        "",
    ]
    if plan.style or plan.effects:
        lines += [
            f"Look: style **{plan.style or 'none'}**, effects **{', '.join(plan.effects) or 'none'}**.",
            "",
        ]
    if plan.nouns:
        lines += ["Every noun of the prompt, and what stands for it:", ""]
        lines += _table(
            ["noun", "class", "read as", "stands for", "built as", "similarity"],
            [
                [
                    n.noun,
                    n.noun_class,
                    n.basis + (f" ({n.read_as})" if n.read_as and n.read_as != n.noun else ""),
                    n.stands_for or "-",
                    n.category or "-",
                    f"{n.similarity:.2f}" if n.similarity is not None else "-",
                ]
                for n in plan.nouns
            ],
        )
        lines.append("")
    if plan.unknown_nouns:
        lines += [
            f"No procedural asset for: **{', '.join(plan.unknown_nouns)}** (built as generic assets).",
            "",
        ]
    lines += [
        "## Assets",
        "",
        *_table(
            ["instance", "category", "gaussians", "parts", "content hash"],
            [
                [
                    e.id,
                    e.asset.category,
                    str(e.asset.num_gaussians),
                    str(len(e.asset.parts)),
                    e.asset.content_hash,
                ]
                for e in doc.entities
            ],
        ),
        "",
        f"Asset cache: {doc.usage.tools['assets'].hits} hit(s), {doc.usage.tools['assets'].misses} miss(es).",
        "",
        "## Layout",
        "",
        f"Camera at mid-clip at {_vec(doc.layout.camera.position)} looking at "
        f"{_vec(doc.layout.camera.look_at)}, vertical field of view {doc.layout.camera.fov_deg:g}°. "
        f"Camera motion: **{describe_motion(doc.layout.camera_motion)}** "
        f"(every frame's camera is in scene.json).",
        "",
        *_table(
            ["instance", "position (m)", "yaw (°)", "size (m)", "on"],
            [
                [
                    p.entity,
                    _vec(p.position),
                    f"{math.degrees(p.yaw):.0f}",
                    _vec(p.extent_m),
                    p.support or "ground",
                ]
                for p in doc.layout.placements
            ],
        ),
        "",
        *(f"- {note}" for note in doc.layout.notes),
        "",
        "## Motion",
        "",
        *_table(
            ["instance", "clip", "start (m)", "end (m)"],
            [
                [t.entity, t.clip, _vec(t.keyframes[0].position), _vec(t.keyframes[-1].position)]
                for t in doc.motion.tracks
            ],
        ),
        "",
        "## Critique",
        "",
    ]
    for critique in doc.critique:
        failed = sum(not c.passed for c in critique.checks)
        lines += [
            f"### Round {critique.round}: {len(critique.checks) - failed}/{len(critique.checks)} passed",
            "",
        ]
        lines += _table(
            ["check", "passed", "score", "entities", "message", "routed to"],
            [
                [
                    c.name,
                    "yes" if c.passed else "**no**",
                    f"{c.score:.2f}",
                    ", ".join(c.entities),
                    c.message,
                    c.route or "-",
                ]
                for c in critique.checks
            ],
        )
        lines.append("")
    lines += ["## What happened", "", *(f"1. {event}" for event in state.get("events", [])), ""]
    lines += [
        "## Timings",
        "",
        *_table(["stage", "seconds"], [[k, f"{v:.2f}"] for k, v in state.get("timings", {}).items()]),
        "",
    ]
    usage_rows = [
        [name, u.provider, u.model, str(u.calls), str(u.tokens_in), str(u.tokens_out), f"{u.seconds:.2f}",
         str(u.repairs), str(u.retries), str(u.fallbacks),
         "n/a" if u.cost_usd is None else f"{u.cost_usd:.4f}"]
        for name, u in doc.usage.agents.items()
    ]  # fmt: skip
    header = [
        "agent",
        "provider",
        "model",
        "calls",
        "tokens in",
        "tokens out",
        "seconds",
        "repairs",
        "retries",
    ]
    lines += ["## Provider use", "", *_table([*header, "fallbacks", "cost (USD)"], usage_rows), ""]
    logged = [(name, line) for name, u in doc.usage.agents.items() for line in u.log]
    if logged:
        lines += ["Repairs, retries and fallbacks:", "", *(f"- {name}: {line}" for name, line in logged), ""]
    return "\n".join(lines)
