"""`scenewright generate "PROMPT" -o OUT`: the command line."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from typing import TYPE_CHECKING, Any

from scenewright.config import AGENTS, LLMSettings, ProviderError, load_llm_settings
from scenewright.settings import RENDERERS, RunSettings

if TYPE_CHECKING:
    from scenewright.schema import SceneDocument

EXAMPLE_PROMPT = "a corgi runs to the left of a red ball on a beach"


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[xX]\s*(\d+)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"--size must look like WIDTHxHEIGHT, e.g. 640x360 (got {text!r})")
    return int(match.group(1)), int(match.group(2))


def build_parser() -> argparse.ArgumentParser:
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
    gen.add_argument(
        "--seed", type=int, default=defaults.seed, help=f"seed of every random choice ({defaults.seed})"
    )
    gen.add_argument(
        "--duration",
        type=float,
        default=defaults.duration_s,
        help=f"clip length in seconds ({defaults.duration_s:g})",
    )
    gen.add_argument("--fps", type=int, default=defaults.fps, help=f"frames per second ({defaults.fps})")
    gen.add_argument(
        "--size",
        type=parse_size,
        default=(defaults.width, defaults.height),
        help=f"frame size WIDTHxHEIGHT, even numbers ({defaults.width}x{defaults.height})",
    )
    gen.add_argument(
        "--max-rounds",
        type=int,
        default=defaults.max_rounds,
        help=f"critique rounds before giving up ({defaults.max_rounds})",
    )
    gen.add_argument(
        "--renderer",
        choices=RENDERERS,
        default=defaults.renderer,
        help="rasterizer: gsplat on CUDA when it works, else the CPU one (auto)",
    )
    add_provider_arguments(gen)
    gen.add_argument("--overwrite", action="store_true", help="replace the outputs in a non-empty folder")
    gen.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    return parser


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
        help="TOML settings file (else $SCENEWRIGHT_CONFIG, else ./scenewright.toml)",
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


def run_generate(args: argparse.Namespace) -> int:
    from scenewright.api import generate

    width, height = args.size
    settings = RunSettings(
        seed=args.seed,
        fps=args.fps,
        duration_s=args.duration,
        width=width,
        height=height,
        max_rounds=args.max_rounds,
        renderer=args.renderer,
    )
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


def main(argv: list[str] | None = None) -> int:
    from scenewright.api import GenerateError

    args = build_parser().parse_args(argv)
    start = time.perf_counter()
    try:
        return run_generate(args)
    except (GenerateError, ProviderError) as error:
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
