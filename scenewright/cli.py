"""The command line: `scenewright generate "PROMPT" -o OUT`, `scenewright plan PROMPT | --file FILE`,
`scenewright chat`, `scenewright ui`, `scenewright eval SUITE... --out DIR`, `scenewright assets list|show`
and `scenewright mocap list|show`."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenewright.config import (
    AGENTS,
    ConfigError,
    LLMSettings,
    ProviderError,
    load_llm_settings,
    load_run_settings,
)
from scenewright.errors import UsageError
from scenewright.runtime import TORCH_THREADS, configure_process
from scenewright.settings import ASSET_BACKENDS, MAX_SIDE_PX, RENDERERS, RunSettings

if TYPE_CHECKING:
    from scenewright.evals.schema import ItemResult
    from scenewright.schema import Action, EntitySpec, NounReading, Plan, SceneDocument

EXAMPLE_PROMPT = "a corgi runs to the left of a red ball on a beach"
MAX_PROMPT_FILE_BYTES = 16 << 20
"""The largest prompt list `plan --file` reads: VBench's 946 prompts take 40 KB."""


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[xX]\s*(\d+)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"--size must look like WIDTHxHEIGHT, e.g. 640x360 (got {text!r})")
    return int(match.group(1)), int(match.group(2))


def positive_int(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1 (got {text!r})")
    return int(text)


def view_side(text: str) -> int:
    """A turntable view's side in pixels, within a video frame's bounds: four views of `assets show --size
    100000` would take some 120 GB."""
    side = positive_int(text)
    if not 16 <= side <= MAX_SIDE_PX:
        raise argparse.ArgumentTypeError(f"must be between 16 and {MAX_SIDE_PX} pixels (got {side})")
    return side


def parse_asset_override(text: str) -> tuple[str, str]:
    """`--asset NAME=SPEC` as (NAME, SPEC)."""
    key, equals, spec = text.partition("=")
    if not equals or not key.strip() or not spec.strip():
        raise argparse.ArgumentTypeError(
            f"--asset must look like NAME=SPEC, e.g. dog=./corgi.ply or ball=procedural (got {text!r})"
        )
    return key.strip(), spec.strip()


def build_parser(pipeline: bool = True) -> argparse.ArgumentParser:
    """Every command's parser; without `pipeline`, chat and ui are left out: their parsers' modules import
    the whole pipeline (seconds), which `plan` does not need."""
    defaults = RunSettings()
    parser = argparse.ArgumentParser(
        prog="scenewright", description="A sentence becomes a short video, composed in 3D."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser(
        "generate", help="generate a video from a prompt (autonomous generate-critique loop)"
    )
    gen.add_argument("prompt", help=f'what the video shows, e.g. "{EXAMPLE_PROMPT}"')
    gen.add_argument("-o", "--out", required=True, help="output folder (must be empty unless --overwrite)")
    gen.add_argument("--seed", type=int, help=f"seed of every random choice ({defaults.seed})")
    add_run_arguments(gen)
    add_provider_arguments(gen)
    gen.add_argument("--overwrite", action="store_true", help="replace the outputs in a non-empty folder")
    gen.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    add_plan_parser(commands)
    add_eval_parser(commands)
    add_mocap_parser(commands)
    if not pipeline:
        return parser
    from scenewright.chat_repl import add_chat_parser

    add_chat_parser(commands, add_run_arguments, add_provider_arguments)
    from scenewright.ui import add_ui_parser

    add_ui_parser(commands, add_run_arguments, add_provider_arguments)
    return parser


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """The RunSettings flags that generate, chat, ui and eval share. None of them has a default here: a flag
    not given leaves the setting to the config file's [run] table, else RunSettings' default (shown)."""
    defaults = RunSettings()
    parser.add_argument("--duration", type=float, help=f"clip length in seconds ({defaults.duration_s:g})")
    parser.add_argument("--fps", type=int, help=f"frames per second ({defaults.fps})")
    parser.add_argument(
        "--size",
        type=parse_size,
        help=f"frame size WIDTHxHEIGHT, even numbers ({defaults.width}x{defaults.height})",
    )
    parser.add_argument(
        "--max-rounds", type=int, help=f"critique rounds before giving up ({defaults.max_rounds})"
    )
    parser.add_argument(
        "--renderer",
        choices=RENDERERS,
        help=f"rasterizer: gsplat on CUDA when it works, else the CPU one ({defaults.renderer})",
    )
    parser.add_argument(
        "--sd-model",
        metavar="DIR",
        help="a local Stable Diffusion 1.x/2.x folder (diffusers layout): refine each layout by score "
        "distillation from it, C3V's stage 3 (pip install 'scenewright[diffusion]'; a GPU is advised)",
    )
    parser.add_argument(
        "--mocap-folder",
        metavar="DIR",
        help="a folder of BVH motion capture: a person whose action a clip's label matches is driven by it "
        "(e.g. /usr/share/assimp/models/BVH, Debian's assimp-testmodels; pip install 'scenewright[mocap]')",
    )
    assets = parser.add_argument_group("asset backends", "Where each entity's 3D asset comes from.")
    assets.add_argument(
        "--assets",
        choices=ASSET_BACKENDS,
        help="procedural (built in), folder (files in --asset-folder matched by name, category or tags; "
        "procedural where none matches) or shap-e (text to 3D, --shap-e-model); default: folder with "
        "--asset-folder, else procedural",
    )
    assets.add_argument(
        "--asset-folder",
        metavar="DIR",
        help="your .ply splats and .glb/.gltf/.obj meshes, matched to entities by file name ('corgi.ply') "
        "or by the tags of a sidecar <stem>.json, which also sets its up and front axes",
    )
    assets.add_argument(
        "--shap-e-model",
        metavar="DIR",
        help="a local folder of diffusers Shap-E weights (pip install 'scenewright[diffusion]')",
    )
    assets.add_argument(
        "--asset",
        action="append",
        type=parse_asset_override,
        default=[],
        metavar="NAME=SPEC",
        help="one entity's asset, NAME its id, name or category; SPEC procedural, folder, shap-e or a "
        ".ply/.glb/.gltf/.obj file (repeatable)",
    )
    assets.add_argument(
        "--mesh-splats",
        type=positive_int,
        help=f"Gaussians sampled on an imported mesh ({defaults.mesh_splats})",
    )


def add_plan_parser(commands: argparse._SubParsersAction) -> None:
    plan = commands.add_parser(
        "plan",
        help="the director alone: each prompt's plan, nothing built or rendered",
        description="Print the plan generate's director makes of each prompt: every noun with its class "
        "and what would be built for it, the entities, setting, style, effects, relations, actions and "
        "camera. Nothing is built or rendered; output is written as each prompt is read.",
    )
    plan.add_argument("prompt", nargs="?", help=f'one prompt, e.g. "{EXAMPLE_PROMPT}"')
    plan.add_argument(
        "--file",
        metavar="FILE",
        help="one prompt a line (blank lines and lines starting with '#' are skipped), e.g. VBench's "
        "prompts/all_dimension.txt",
    )
    plan.add_argument(
        "--json", action="store_true", help="one JSON object a line per prompt: its plan, as in scene.json"
    )
    add_provider_arguments(plan)


def add_eval_parser(commands: argparse._SubParsersAction) -> None:
    evaluate = commands.add_parser(
        "eval",
        help="run prompt suites (e.g. T2V-CompBench) and measure pass rates per category",
        description="Generate every suite item, score it against the suite's expectations and write "
        "DIR/report.json, report.md and report.html. Rerunning the same command resumes: finished runs "
        "are kept. `scenewright eval --compare DIR DIR...` compares finished evals.",
    )
    evaluate.add_argument(
        "suites",
        nargs="*",
        metavar="SUITE",
        help="a T2V-CompBench meta_data or VBench-2.0 meta_info folder or file, a .json, .jsonl or .yaml "
        "file of prompts, or a .txt file of one prompt a line (VBench)",
    )
    evaluate.add_argument("-o", "--out", help="eval folder: runs/, report.json, report.md, report.html")
    evaluate.add_argument(
        "--compare", nargs="+", metavar="DIR", help="print a Markdown comparison of finished evals"
    )
    evaluate.add_argument(
        "--seeds", type=positive_int, default=1, help="runs per item, with seeds 0..N-1 (1)"
    )
    evaluate.add_argument(
        "--workers", type=positive_int, default=1, help="generate runs in parallel processes (1)"
    )
    evaluate.add_argument(
        "--limit", type=positive_int, metavar="K", help="only the first K items of each category"
    )
    add_run_arguments(evaluate)
    add_provider_arguments(evaluate)
    assets = commands.add_parser(
        "assets", help="list the procedural asset categories, or render one as a turntable sheet"
    )
    asset_commands = assets.add_subparsers(dest="assets_command", required=True)
    listing = asset_commands.add_parser(
        "list", help="every category with its size, rig, nouns and part hierarchy"
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    show = asset_commands.add_parser("show", help="render one category from four sides into a PNG")
    show.add_argument("name", help="a category name or a noun it is built for ('kitten')")
    show.add_argument("-o", "--out", required=True, help="the PNG to write")
    show.add_argument("--color", help="paint its main parts in a named colour ('red')")
    show.add_argument("--attributes", default="", help="attribute words, e.g. 'wooden square'")
    show.add_argument("--seed", type=int, default=0, help="per-seed proportions (0)")
    show.add_argument(
        "--size", type=view_side, default=512, help=f"pixels per view, 16 to {MAX_SIDE_PX} (512)"
    )


def add_provider_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "LLM providers",
        "Flags override SCENEWRIGHT_* environment variables, which override the config file. Keys come from "
        "OPENAI_API_KEY, ANTHROPIC_API_KEY, ... and are never printed or written.",
    )
    group.add_argument(
        "--llm",
        metavar="PROVIDER:MODEL",
        help="model for every agent: openai:gpt-4o-mini, anthropic:claude-sonnet-4-5, ollama:qwen2.5:7b, "
        "vllm:MODEL, llamacpp:MODEL, lmstudio:MODEL, or offline (the default)",
    )
    for agent in AGENTS:
        group.add_argument(
            f"--{agent}-llm", metavar="PROVIDER:MODEL", help=f"model for the {agent} agent only"
        )
    group.add_argument(
        "--base-url",
        metavar="URL",
        help="base URL of an OpenAI-compatible server, e.g. http://localhost:8080/v1",
    )
    group.add_argument(
        "--config",
        metavar="FILE",
        help="TOML settings file: provider settings, and run settings in its [run], [refine] and [sds] "
        "tables, which flags override (else $SCENEWRIGHT_CONFIG, else ./scenewright.toml)",
    )


def llm_settings_from(args: argparse.Namespace) -> LLMSettings:
    overrides = {f"{agent}_llm": getattr(args, f"{agent}_llm") for agent in AGENTS}
    return load_llm_settings(args.config, llm=args.llm, base_url=args.base_url, **overrides)


def usage_lines(scene: SceneDocument) -> list[str]:
    """One line per agent that used a model: calls, tokens, repairs, fallbacks, cost."""
    lines = []
    for agent, usage in scene.usage.agents.items():
        if usage.provider == "offline":
            continue
        cost = "" if usage.cost_usd is None else f", ${usage.cost_usd:.4f}"
        lines.append(
            f"  {agent}: {usage.provider}:{usage.model}, {usage.calls} call(s), {usage.tokens_in} tokens in, "
            f"{usage.tokens_out} out, {usage.seconds:.1f} s, {usage.repairs} repair(s), {usage.retries} "
            f"retry(ies), {usage.fallbacks} fallback(s){cost}"
        )
    return lines


class Progress:
    """Prints stage messages as they come; render progress as one updating line on a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.last_reported = -1

    def __call__(self, event: dict[str, Any]) -> None:
        if self.quiet:
            return
        prefix = f"[round {event['round']}] {event['stage']:<8}"
        if "frame" in event:
            done, total = event["frame"], event["frames"]
            if self.tty:
                print(
                    f"\r{prefix} frame {done}/{total}",
                    end="\n" if done == total else "",
                    file=sys.stderr,
                    flush=True,
                )
            elif done == total or done * 4 // total > self.last_reported:
                self.last_reported = done * 4 // total if done < total else -1
                print(f"{prefix} frame {done}/{total}", file=sys.stderr, flush=True)
        elif event.get("message") != "started":
            print(f"{prefix} {event['message']}", file=sys.stderr, flush=True)


def run_settings_from(args: argparse.Namespace, seed: int | None = None) -> RunSettings:
    """The run settings of a command's flags (those given; `seed`, else --seed where the command has it) over
    the config file's (`load_run_settings`); typed, not yet checked (`check_run_settings` does that)."""
    width, height = args.size or (None, None)
    return load_run_settings(
        args.config,
        seed=getattr(args, "seed", None) if seed is None else seed,
        fps=args.fps,
        duration_s=args.duration,
        width=width,
        height=height,
        max_rounds=args.max_rounds,
        renderer=args.renderer,
        assets_backend=args.assets,
        asset_folder=args.asset_folder,
        shap_e_model=args.shap_e_model,
        asset_overrides=tuple(args.asset) or None,
        mesh_splats=args.mesh_splats,
        sd_model=args.sd_model,
        mocap_folder=args.mocap_folder,
    )


def run_generate(args: argparse.Namespace) -> int:
    from scenewright.api import generate

    settings = run_settings_from(args)
    result = generate(
        args.prompt,
        args.out,
        settings,
        overwrite=args.overwrite,
        llm=llm_settings_from(args),
        on_event=Progress(args.quiet),
    )
    scene = result.scene
    last = scene.critique[-1]
    passed = sum(check.passed for check in last.checks)
    print(
        f"{'passed' if scene.passed else 'NOT passed'}: {passed}/{len(last.checks)} checks after "
        f"{scene.rounds} round(s) in {result.seconds:.1f} s"
    )
    for check in last.checks:
        if not check.passed:
            print(f"  failed {check.name}: {check.message}")
    for line in usage_lines(scene):
        print(line)
    print(
        f"wrote {result.out_dir}/video.mp4 ({len(scene.frames)} frames, {scene.width}x{scene.height}), "
        "contact_sheet.png, scene.json, scene.ply, report.md"
    )
    return 0


def run_plan(args: argparse.Namespace) -> int:
    """Each prompt's plan as soon as it is made; a reader that stops reading (`| head`) ends the command."""
    if (args.prompt is None) == (args.file is None):
        raise UsageError("give one PROMPT or --file FILE")
    from scenewright.api import GenerateError, plan

    llm = llm_settings_from(args)
    prompts = [(args.prompt, "")] if args.file is None else prompt_lines(Path(args.file))
    try:
        for prompt, where in prompts:
            try:
                made = plan(prompt, llm=llm)
            except GenerateError as error:
                raise GenerateError(f"{where}{error}") from None
            print(made.model_dump_json() if args.json else "\n".join([*plan_lines(made), ""]), flush=True)
    except BrokenPipeError:  # stdout now goes nowhere, so the flush at exit cannot fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def prompt_lines(path: Path) -> list[tuple[str, str]]:
    """(prompt, 'FILE line N: ') of each line that is neither blank nor a '#' comment."""
    from scenewright.tools.files import FileKind, read_text

    text = read_text(path, FileKind("a prompt file", MAX_PROMPT_FILE_BYTES, UsageError))
    lines = [(line.strip(), f"{path} line {n}: ") for n, line in enumerate(text.splitlines(), 1)]
    return [(line, where) for line, where in lines if line and not line.startswith("#")]


def plan_lines(plan: Plan) -> list[str]:
    """A plan as text: the prompt, a table of its nouns and what stands for each, then the rest of it."""
    header = ["noun", "class", "basis", "built as", "read as", "similarity"]
    rows = [
        [
            r.noun,
            r.noun_class,
            r.basis,
            _built_as(r),
            r.read_as or "-",
            "-" if r.similarity is None else f"{r.similarity:.2f}",
        ]
        for r in plan.nouns
    ]
    widths = [max(len(row[k]) for row in [header, *rows]) for k in range(len(header))]
    table = [
        "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    camera = plan.camera.model_dump(exclude_defaults=True, exclude={"motion"})
    fields = {
        "entities": "; ".join(_entity_line(e) for e in plan.entities),
        "environment": plan.environment + (f" ({plan.scene_description})" if plan.scene_description else ""),
        "style": plan.style or "-",
        "effects": ", ".join(plan.effects) or "-",
        "relations": "; ".join(f"{r.subject} {r.predicate} {r.object}" for r in plan.relations) or "-",
        "actions": "; ".join(_action_line(a) for a in plan.actions) or "-",
        "camera": ", ".join([plan.camera.motion, *(f"{k} {v}" for k, v in camera.items())]),
    }
    nouns = table if rows else ["  (the plan records no noun readings)"]
    return [plan.prompt, *nouns, *(f"  {name:<12} {text}" for name, text in fields.items())]


def _built_as(reading: NounReading) -> str:
    """What stands for a noun in the video: 'entity corgi (dog)', 'placard zorblax', 'style pixel_art' ..."""
    if reading.noun_class == "none" or not reading.stands_for:
        return "nothing"
    if reading.noun_class == "thing":
        if reading.basis == "placard":
            return f"placard {reading.stands_for}"
        return f"entity {reading.stands_for}" + (f" ({reading.category})" if reading.category else "")
    what = {"setting": "environment", "material": "material of"}.get(reading.noun_class, reading.noun_class)
    return f"{what} {reading.stands_for}"


def _entity_line(entity: EntitySpec) -> str:
    """'2 corgi [corgi] as dog, red, x1.5, 0.4 m, fluffy'."""
    said = [entity.color.name if entity.color else "", f"x{entity.size_scale:g}" * (entity.size_scale != 1)]
    said += [f"{entity.height_m:g} m" if entity.height_m else "", *entity.attributes]
    return ", ".join(
        [f"{entity.count} {entity.name} [{entity.id}] as {entity.category}", *filter(None, said)]
    )


def _action_line(action: Action) -> str:
    """'corgi runs (run, left, fast)'."""
    said = [action.clip, action.direction, action.around and f"around {action.around}"]
    said.append(None if action.speed == "normal" else action.speed)
    return f"{action.entity} {action.verb} ({', '.join(filter(None, said))})"


def run_eval_command(args: argparse.Namespace) -> int:
    if args.compare:
        if args.suites or args.out:
            raise UsageError("--compare takes only eval folders: scenewright eval --compare DIR DIR...")
        return run_compare([Path(folder) for folder in args.compare])
    if not args.suites:
        raise UsageError(
            "name at least one SUITE (a T2V-CompBench meta_data or VBench-2.0 meta_info folder, a "
            ".json/.jsonl/.yaml file or a .txt prompt list), or compare finished evals with --compare "
            "DIR DIR..."
        )
    if not args.out:
        raise UsageError("--out DIR is required: the eval folder for runs/ and the reports")
    from scenewright.api import check_providers, check_run_settings
    from scenewright.evals.report import category_table, write_reports
    from scenewright.evals.runner import run_eval
    from scenewright.evals.suites import first_per_category, load_suites

    settings = run_settings_from(args)
    try:  # before any work: settings that cannot run fail here, not once per item
        check_run_settings(settings)
    except ValueError as error:
        raise UsageError(str(error)) from None
    items = load_suites([Path(suite) for suite in args.suites])
    if args.limit is not None:
        items = first_per_category(items, args.limit)
    if not items:
        raise UsageError(f"the suites {' '.join(args.suites)} hold no items")
    llm = llm_settings_from(args)
    check_providers(llm)  # a missing key fails here, not once per item
    out = Path(args.out)
    print(
        f"eval: {len(items)} item(s) x {args.seeds} seed(s), {args.workers} worker(s), into {out}",
        file=sys.stderr,
        flush=True,
    )
    progress = EvalProgress()
    report = run_eval(
        items,
        out,
        settings=settings,
        llm=llm,
        seeds=args.seeds,
        workers=args.workers,
        on_result=progress,
    )
    write_reports(report, out)
    print(category_table(report))
    kept = len(report.items) - progress.ran
    print(
        f"wrote {out}/report.json, report.md, report.html ({progress.ran} run now, {kept} kept from before)"
    )
    return 0


class EvalProgress:
    """Prints one line per finished eval task on stderr and counts them."""

    def __init__(self) -> None:
        self.ran = 0

    def __call__(self, result: ItemResult, finished: int, total: int) -> None:
        from scenewright.evals.runner import progress_line

        self.ran += 1
        print(progress_line(result, finished, total), file=sys.stderr, flush=True)


def run_compare(folders: list[Path]) -> int:
    from pydantic import ValidationError

    from scenewright.evals.report import compare_reports
    from scenewright.evals.runner import REPORT_FILE
    from scenewright.evals.schema import EvalReport

    reports = []
    for folder in folders:
        path = folder / REPORT_FILE
        try:
            reports.append((str(folder), EvalReport.model_validate_json(path.read_text())))
        except OSError:
            raise UsageError(f"{folder} holds no {REPORT_FILE} (is it an eval folder?)") from None
        except ValidationError as error:
            raise UsageError(f"{path} is not an eval report: {error.errors()[0]['msg']}") from None
    print(compare_reports(reports))
    return 0


def run_assets(args: argparse.Namespace) -> int:
    """`assets list`: the catalog as a table or JSON; `assets show`: a turntable PNG of one category."""
    import json

    from scenewright.tools.scene.catalog import CATEGORIES

    if args.assets_command == "list":
        from scenewright.tools.scene.assets import describe_categories

        described = describe_categories()
        if args.json:
            print(json.dumps(described, indent=2))
            return 0
        print(f"{len(described)} categories")
        for entry in described:
            size = " x ".join(f"{side:g}" for side in entry["size_m"])
            nouns = f"  also: {', '.join(entry['nouns'])}" if entry["nouns"] else ""
            print(f"{entry['name']:<18} {size:<20} m  {entry['rig']:<10}{nouns}")
            print(f"{'':<18} parts: {'; '.join(_part_line(part) for part in entry['parts'])}")
        return 0
    from scenewright.tools.language.lexicon import COLORS, NOUN_CATEGORIES
    from scenewright.tools.render.turntable import turntable

    name = " ".join(args.name.lower().split())
    category = name if name in CATEGORIES else NOUN_CATEGORIES.get(name)
    if category is None:
        raise UsageError(f"no category or noun {args.name!r}; `scenewright assets list` shows them")
    if args.color is not None and args.color not in COLORS:
        raise UsageError(f"unknown colour {args.color!r}; known: {', '.join(COLORS)}")
    sheet = turntable(
        category,
        rgb=None if args.color is None else COLORS[args.color],
        attributes=args.attributes.split(),
        seed=args.seed,
        size=args.size,
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.image.save(out)
    size = " x ".join(f"{side:.2f}" for side in sheet.size_m)
    print(f"{category}: {size} m, {sheet.splats} Gaussians -> {out}")
    return 0


def add_mocap_parser(commands: argparse._SubParsersAction) -> None:
    mocap = commands.add_parser(
        "mocap", help="list BVH motion-capture clips, or draw one retargeted to the biped rig"
    )
    mocap_commands = mocap.add_subparsers(dest="mocap_command", required=True)
    listing = mocap_commands.add_parser("list", help="every clip of a folder with its label, frames, seconds")
    listing.add_argument(
        "--folder",
        help="a folder of .bvh files ($SCENEWRIGHT_MOCAP_DIR, else /usr/share/assimp/models/BVH)",
    )
    listing.add_argument(
        "--query", metavar="TEXT", help="rank the clips by similarity to TEXT, as the motion agent retrieves"
    )
    show = mocap_commands.add_parser("show", help="a contact sheet of a clip retargeted to the adult rig")
    show.add_argument("file", help="a .bvh file")
    show.add_argument("-o", "--out", required=True, help="the PNG to write")
    show.add_argument("--frames", type=positive_int, default=6, help="key frames on the sheet (6)")


def run_mocap(args: argparse.Namespace) -> int:
    """`mocap list`: a folder's clips (ranked against --query); `mocap show`: a PNG of one clip retargeted."""
    from scenewright.tools.scene import mocap
    from scenewright.tools.scene.bvh import BvhError, read_bvh

    try:
        if args.mocap_command == "list":
            library = mocap.MotionLibrary(args.folder or mocap.default_folder())
            scores = dict(library.scores(args.query)) if args.query else {}
            print(f"{len(library.clips)} clips in {library.folder}")
            for clip in sorted(library.clips, key=lambda clip: -scores.get(clip.name, 0.0)):
                score = f"{scores[clip.name]:5.2f}  " if scores else ""
                print(
                    f"{score}{clip.name:<16} {clip.num_frames:>6} frames {clip.duration_s:6.1f} s "
                    f"{clip.fps:5.0f} fps  {clip.label}  [{clip.label_from}]"
                )
            if args.query:
                best = library.retrieve(args.query)
                print(f"retrieved: {best.name}" if best else f"retrieved: none (all under {mocap.MIN_SCORE})")
            return 0
        motion = read_bvh(args.file)
        skeleton = mocap.adult_skeleton()
        clip = mocap.retarget(motion, skeleton)
        sheet = mocap.draw_sheet(clip, skeleton, mocap.source_in_clip(motion, skeleton), count=args.frames)
    except (OSError, BvhError, mocap.MocapError) as error:
        raise UsageError(str(error)) from None
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out)
    print(
        f"{clip.name}: {clip.num_frames} frames at {clip.fps:.0f} fps ({clip.duration_s:.1f} s), retargeted "
        f"to the adult rig -> {out}"
    )
    return 0


def _part_line(part: dict[str, Any]) -> str:
    return part["name"] if part["parent"] is None else f"{part['name']} < {part['parent']}"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    planning = argv[:1] == ["plan"]  # the director alone: no renderer, chat graph, evals or numba to load
    # first: the parser's imports load torch and numba (scenewright/runtime.py)
    configure_process(torch_threads=None if planning else TORCH_THREADS)
    from scenewright.api import GenerateError

    reported: tuple[type[Exception], ...] = (GenerateError, ProviderError, ConfigError, UsageError)
    if not planning:
        from scenewright.evals.runner import EvalError
        from scenewright.evals.suites import SuiteError

        reported += (SuiteError, EvalError)
    args = build_parser(pipeline=not planning).parse_args(argv)
    start = time.perf_counter()
    try:
        if args.command == "plan":
            return run_plan(args)
        if args.command == "assets":
            return run_assets(args)
        if args.command == "mocap":
            return run_mocap(args)
        if args.command == "chat":
            from scenewright.chat_repl import run_chat

            return run_chat(args, run_settings_from(args), llm_settings_from(args))
        if args.command == "ui":
            from scenewright.ui import run_ui

            return run_ui(args, run_settings_from(args), llm_settings_from(args))
        return run_eval_command(args) if args.command == "eval" else run_generate(args)
    except reported as error:
        print(f"scenewright: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"scenewright: interrupted after {time.perf_counter() - start:.1f} s", file=sys.stderr)
        return 130
    except Exception as error:  # a one-line reason instead of a traceback; SCENEWRIGHT_DEBUG=1 shows it
        if os.environ.get("SCENEWRIGHT_DEBUG"):
            raise
        print(
            f"scenewright: error: {type(error).__name__}: {error} "
            "(set SCENEWRIGHT_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
