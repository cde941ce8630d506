"""How a real model does as each agent: answers valid at once, after repair, or fallen back; seconds per call.

Runs the generate graph on prompts from a T2V-CompBench meta_data folder (one JSON list per category, each
item with a "prompt") with the given provider settings, keeps every run's output folder (finished prompts
are skipped on a rerun), and prints one table per agent from the usage recorded in each scene.json.

    python benchmarks/llm_agents.py --suite ../shared/benchmarks/t2v-compbench --per-category 4 \\
        --llm llamacpp:qwen2.5-coder-1.5b --base-url http://localhost:8080/v1 --out /tmp/llm-bench
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from scenewright.runtime import configure_process

configure_process()  # a process entry, as the CLI's: before the imports below load torch and numba
from scenewright.api import GenerateError, generate  # noqa: E402
from scenewright.cli import parse_size  # noqa: E402
from scenewright.config import AGENTS, load_llm_settings  # noqa: E402
from scenewright.graphs.state import add_usage  # noqa: E402
from scenewright.schema import AgentUsage, SceneDocument  # noqa: E402
from scenewright.settings import RunSettings  # noqa: E402

CATEGORIES = (
    "spatial_relationships",
    "motion_binding",
    "generative_numeracy",
    "consistent_attribute_binding",
    "action_binding",
)


def suite_prompts(folder: Path, categories: list[str], per_category: int) -> list[tuple[str, str]]:
    """(category, prompt) pairs: the first `per_category` prompts of each category file."""
    prompts = []
    for category in categories:
        items = json.loads((folder / f"{category}.json").read_text())
        prompts += [(category, item["prompt"]) for item in items[:per_category]]
    return prompts


def run(args: argparse.Namespace) -> list[tuple[str, str, SceneDocument | None, float]]:
    llm = load_llm_settings(args.config, llm=args.llm, base_url=args.base_url)
    width, height = args.size
    settings = RunSettings(
        seed=args.seed, fps=args.fps, duration_s=args.duration, width=width, height=height,
        max_rounds=args.max_rounds, renderer="auto",
    )  # fmt: skip
    prompts = suite_prompts(args.suite, args.categories.split(","), args.per_category)
    results = []
    for index, (category, prompt) in enumerate(prompts):
        out = args.out / f"{index:03d}"
        if (out / "scene.json").exists():
            scene = SceneDocument.model_validate_json((out / "scene.json").read_text())
            results.append((category, prompt, scene, float("nan")))
            continue
        print(f"[{index + 1}/{len(prompts)}] {prompt}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            scene = generate(prompt, out, settings, overwrite=True, llm=llm).scene
        except GenerateError as error:
            print(f"  error: {error}", file=sys.stderr)
            scene = None
        results.append((category, prompt, scene, time.perf_counter() - start))
    return results


def agent_rows(scenes: list[SceneDocument]) -> list[list[str]]:
    rows = []
    for agent in AGENTS:
        usages = [scene.usage.agents[agent] for scene in scenes if agent in scene.usage.agents]
        total = AgentUsage()
        for usage in usages:
            total = add_usage({agent: total}, {agent: usage})[agent]
        questions = total.valid_at_once + total.valid_after_repair + total.fallbacks
        if not questions:
            continue
        per_call = [u.seconds / u.calls for u in usages if u.calls]
        rows.append(
            [
                agent,
                str(questions),
                f"{total.valid_at_once} ({100 * total.valid_at_once / questions:.0f}%)",
                f"{total.valid_after_repair} ({100 * total.valid_after_repair / questions:.0f}%)",
                f"{total.fallbacks} ({100 * total.fallbacks / questions:.0f}%)",
                str(total.calls),
                f"{total.seconds / max(total.calls, 1):.1f}",
                f"{statistics.median(per_call):.1f}" if per_call else "-",
                f"{total.tokens_in / max(total.calls, 1):.0f}",
                f"{total.tokens_out / max(total.calls, 1):.0f}",
            ]
        )
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = [
        " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suite", type=Path, required=True, help="T2V-CompBench meta_data folder")
    parser.add_argument("--categories", default=",".join(CATEGORIES))
    parser.add_argument("--per-category", type=int, default=4)
    parser.add_argument("--llm", required=True, help="PROVIDER:MODEL for every agent")
    parser.add_argument("--base-url")
    parser.add_argument("--config")
    parser.add_argument("--out", type=Path, required=True, help="one output folder per prompt (kept)")
    parser.add_argument("--size", type=parse_size, default=(320, 180))
    parser.add_argument("--fps", type=int, default=6)
    parser.add_argument("--duration", type=float, default=2.0)
    parser.add_argument("--max-rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    results = run(args)
    scenes = [scene for _, _, scene, _ in results if scene is not None]
    print(f"{len(scenes)} of {len(results)} prompts produced a video with {args.llm}\n")
    runs = [
        [prompt[:60], category, str(s.passed) if s else "-", str(s.rounds) if s else "-", f"{seconds:.0f}"]
        for category, prompt, s, seconds in results
    ]
    print(table(["prompt", "category", "passed", "rounds", "seconds"], runs))
    print()
    header = ["agent", "questions", "valid at once", "after repair", "fell back", "calls", "mean s/call",
              "median s/call", "tokens in/call", "tokens out/call"]  # fmt: skip
    print(table(header, agent_rows(scenes)))


if __name__ == "__main__":
    main()
