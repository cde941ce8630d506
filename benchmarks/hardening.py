"""Hardening figures: hostile model servers, kill -9 mid-run, failures at each stage, hostile inputs.

    python benchmarks/hardening.py [--quick] [--areas providers,kill-eval,...] [--trials 2] [--timeout-s 5]

Every area runs what a user runs (the CLI in a child process, or `generate` / the CLI's `main` in this one),
at small settings, in a temporary folder, with a fresh asset cache and no SCENEWRIGHT_* variable of the
caller's. It prints one table of areas (cases tried, clean, what failed) and one of the hostile servers.
- providers: tests/fake_llm.py's FakeProvider as a server that answers 503 to every request, 429 with
  Retry-After: 0, an HTML page with status 200, a body trickled a byte every 50 ms, nothing at all (a stalled
  reply), or that writes the request's Authorization header into its answers. `scenewright generate` with
  every agent on it; `scenewright chat`, two turns (a scene, then an edit), with every agent on the 503
  server or the director on the reflecting one; `scenewright eval`, one item, the director on the
  reflecting one. Clean: exit 0, every video made, the key in no output (stdout, stderr, any file:
  threads.sqlite and the eval's runs included), a server that is down asked at most `breaker_failures` (3)
  times a run or chat turn, and a reflected key found masked. The second table gives each command's wall
  time (process start included) and the requests the server got.
- kill-eval: `scenewright eval` (3 items, 2 workers) killed with SIGKILL at a random moment of its runs (up
  to 90% of the time a measured eval takes from its first staging folder to its last result.json), then the
  same command again at once; clean: no process of the first left after 5 s, the rerun finishes every item,
  no scratch file left.
- kill-generate: `scenewright generate` killed with SIGKILL at a random moment of its run (from its staging
  folder's appearance to 90% of a measured run), into a new folder or over earlier outputs, then run again;
  clean: the five outputs are the earlier ones or all the new run's (none or all five in a new folder), and
  the rerun leaves exactly the five.
- faults: `generate` with an OSError (disk full) or a KeyboardInterrupt raised at each stage (director,
  layout, motion, render, an MP4 frame, the contact sheet, critic, finalize, scene.ply, report.md), into a
  new folder or with --overwrite over earlier outputs and a file of the user's; clean: the error reaches the
  caller and the folder is as it was (a new one: absent, with the parent the run made).
- prompts, folder names, item ids, assets show --size: the CLI's `main` with a prompt holding each byte that
  is not UTF-8 (as Python keeps it: a lone surrogate) and lone surrogates (refused in one line before any
  work), output folders named like flags or URLs (`-`, `--overwrite`, `pipe:1`, ...: written whole),
  eval item ids too long or unsafe (refused in one line at load) and `assets show --size` out of range
  (exit 2, no file).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from scenewright.runtime import configure_process

configure_process()  # a process entry, as the CLI's: before the imports below load torch and numba
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from fake_llm import FakeProvider, Reply, Request, answer, raw, stall, status, trickle  # noqa: E402
from test_eval_workers import descendants, survivors  # noqa: E402
from test_providers import DIRECTOR  # noqa: E402

from scenewright import RunSettings, generate  # noqa: E402
from scenewright.cli import main as cli_main  # noqa: E402
from scenewright.evals.schema import EvalReport  # noqa: E402
from scenewright.evals.suites import SuiteError, load_suites  # noqa: E402
from scenewright.graphs import generate as generate_graph  # noqa: E402
from scenewright.graphs import output  # noqa: E402
from scenewright.graphs.run import OUTPUT_FILES  # noqa: E402
from scenewright.tools.media import video  # noqa: E402
from scenewright.tools.render import render_video  # noqa: E402

KEY = "sk-hardening-4f3e2d1c0b9a-secret"
MODEL = "m"
PROMPT = "a dog runs to the left of a red ball"
CHAT_START = "a brown dog runs to the left in front of a red ball in a park"
CHAT_EDIT = "give the sphere the colour of the sky"
"""Beyond the offline editor: the model's answer makes the edit."""
OFFLINE_EDIT = "make the ball blue"
"""What the offline editor reads, when the model is down."""
BREAKER_FAILURES = 3
"""The default `breaker_failures`: the most requests a server that is down gets in one run or chat turn."""


def small(size: str = "160x96", fps: int = 4, duration: float = 2.0, rounds: int = 1) -> list[str]:
    return ["--size", size, "--fps", str(fps), "--duration", f"{duration:g}", "--max-rounds", str(rounds)]


@dataclass
class Area:
    """One row of the areas table."""

    name: str
    tried: int = 0
    clean: int = 0
    failures: list[str] = field(default_factory=list)

    def count(self, ok: bool, case: str, why: str = "", *, show: bool = True) -> None:
        """One case; `show` prints it to stderr as it ends (a failure always)."""
        self.tried += 1
        self.clean += ok
        if not ok:
            self.failures.append(f"{case}: {why}" if why else case)
        if show or not ok:
            print(
                f"  [{self.name}] {case}: {'clean' if ok else 'FAILED ' + why}", file=sys.stderr, flush=True
            )


# ------------------------------------------------------------------------------------------- helpers


def cli(*args: str | Path) -> list[str]:
    """The command line of `scenewright ARGS` run by this Python."""
    return [sys.executable, "-m", "scenewright.cli", *map(str, args)]


def run_main(args: list[str]) -> tuple[int, str]:
    """The CLI's `main` in this process: its exit code and what it wrote to stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = cli_main(args)
        except SystemExit as exit:  # argparse's refusals
            code = exit.code if isinstance(exit.code, int) else 2
    return code, err.getvalue().strip()


def folder_state(folder: Path) -> dict[str, str] | None:
    """Each entry of `folder` with its content hash (a folder: "dir"); None when there is no folder."""
    if not folder.exists():
        return None
    return {
        entry.name: hashlib.sha256(entry.read_bytes()).hexdigest() if entry.is_file() else "dir"
        for entry in folder.iterdir()
    }


def files_under(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def wait_for(folder: Path, pattern: str, process: subprocess.Popen[bytes]) -> None:
    """Until something matches `pattern` under `folder` (a run's staging folder) or the process ends."""
    while not any(folder.glob(pattern)) and process.poll() is None:
        time.sleep(0.01)


def table(header: list[str], rows: list[list[str]]) -> str:
    cells = [[str(cell).replace("|", "\\|") for cell in row] for row in [header, *rows]]
    lines = [f"| {' | '.join(row)} |" for row in cells]
    lines.insert(1, f"|{'|'.join('---' for _ in header)}|")
    return "\n".join(lines)


# --------------------------------------------------------------------------------- hostile providers


def reflect(request: Request) -> Reply:
    """A director's (or chat editor's) answer carrying the request's Authorization header."""
    auth = request.headers.get("authorization", "")
    if request.schema_name == "EditAnswer":
        edit = {"op": "set_color", "entity": "ball", "color": "blue"}
        return answer(json.dumps({"command": "edit", "text": auth, "edits": [edit]}))
    return answer(json.dumps(DIRECTOR | {"scene": f"{auth} park"}))


@dataclass(frozen=True)
class Scenario:
    """One command against one hostile server."""

    server: str
    respond: Callable[[Request], Reply]
    command: str = "generate"
    """generate, chat (two turns) or eval (one item)."""
    models: tuple[str, ...] = ("--llm", f"openai:{MODEL}")
    env: Mapping[str, str] = field(default_factory=dict)
    most_requests: int | None = None
    """A server that is down: the most requests it may get (breaker_failures a run or chat turn)."""
    reflects: bool = False


REFLECTS = "writes the Authorization header into its answers"


def scenarios(timeout_s: float) -> list[Scenario]:
    waits = {"SCENEWRIGHT_TIMEOUT_S": f"{timeout_s:g}", "SCENEWRIGHT_BUDGET_S": f"{4 * timeout_s:g}"}
    director = ("--director-llm", f"openai:{MODEL}")
    down = BREAKER_FAILURES
    return [
        Scenario("503 on every request", lambda r: status(503), most_requests=down),
        Scenario("429, Retry-After: 0", lambda r: status(429, retry_after=0), most_requests=down),
        Scenario(
            "HTML page, status 200",
            lambda r: raw("<html>hi</html>", content_type="text/html"),
            most_requests=down,
        ),
        Scenario(
            f"body trickled 1 B / 50 ms (timeout_s={timeout_s:g})",
            lambda r: trickle('{"x": 1}' * 20, 0.05),
            env=waits,
            most_requests=down,
        ),
        Scenario(
            f"never answers (timeout_s={timeout_s:g})", lambda r: stall(60), env=waits, most_requests=down
        ),
        Scenario(REFLECTS, reflect, reflects=True),
        Scenario("503 on every request", lambda r: status(503), "chat", most_requests=2 * down),
        Scenario(REFLECTS, reflect, "chat", director, reflects=True),
        Scenario(REFLECTS, reflect, "eval", director, reflects=True),
    ]


def provider_run(scenario: Scenario, url: str, folder: Path) -> tuple[list[str], str, list[Path]]:
    """The command line, its stdin and the videos it is to make."""
    models = [*scenario.models, "--base-url", url]
    if scenario.command == "generate":
        return cli("generate", PROMPT, "-o", folder, *models, *small()), "", [folder / "video.mp4"]
    if scenario.command == "chat":
        messages = f"{CHAT_START}\n{CHAT_EDIT if scenario.reflects else OFFLINE_EDIT}\n"
        videos = [folder / "t" / f"turn-{n:03d}" / "video.mp4" for n in (1, 2)]
        return cli("chat", "--thread", "t", "-o", folder, *models, *small()), messages, videos
    suite = folder.parent / f"{folder.name}-suite.json"
    suite.write_text(json.dumps([{"id": "a", "prompt": PROMPT}]))
    command = cli("eval", suite, "-o", folder, "--workers", "1", *models, *small())
    return command, "", [folder / "runs" / "a-s0" / "video.mp4"]


def providers(root: Path, timeout_s: float) -> tuple[Area, list[list[str]]]:
    area, rows = Area("hostile providers"), []
    for index, scenario in enumerate(scenarios(timeout_s)):
        folder = root / f"{index}-{scenario.command}"
        with FakeProvider(api_key=KEY, models=[MODEL], responder=scenario.respond) as fake:
            command, stdin, videos = provider_run(scenario, fake.openai_url, folder)
            env = os.environ | {"OPENAI_API_KEY": KEY} | dict(scenario.env)
            start = time.monotonic()
            done = subprocess.run(command, input=stdin, capture_output=True, text=True, env=env, timeout=600)
            seconds = time.monotonic() - start
            requests = len(fake.completions())
        blobs = {"stdout": done.stdout.encode(), "stderr": done.stderr.encode()}
        blobs |= {str(path.relative_to(root)): data for path, data in files_under(folder).items()}
        leaks = [name for name, data in blobs.items() if KEY.encode() in data]
        masked = sum(data.count(b"Bearer ***") for data in blobs.values())
        made = all(path.is_file() and path.stat().st_size > 0 for path in videos)
        problems = [f"exit {done.returncode}: {done.stderr.strip()[-200:]}"] if done.returncode else []
        problems += [] if made else ["no video"]
        problems += [f"key in {', '.join(leaks)}"] if leaks else []
        if scenario.most_requests is not None and requests > scenario.most_requests:
            problems.append(f"{requests} requests (at most {scenario.most_requests})")
        if scenario.reflects and not masked:
            problems.append("no reflected key found masked (the check saw nothing)")
        area.count(not problems, f"{scenario.command}, {scenario.server}", "; ".join(problems))
        rows.append(
            [
                scenario.command,
                scenario.server,
                str(done.returncode),
                f"{seconds:.1f}",
                str(requests),
                "yes" if made else "no",
                ", ".join(leaks) or "nowhere",
                str(masked) if scenario.reflects else "-",
            ]
        )
    return area, rows


# ---------------------------------------------------------------------------------------- kill -9


def timed_run(
    command: list[str], out: Path, staging: str = ".partial-*", finished: str | None = None, count: int = 0
) -> float:
    """Seconds from a staging folder appearing under `out` to the end of the work: `count` files matching
    `finished` under `out`, else the end of the process (which must pass)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(out, staging, process)
    start = time.monotonic()
    while finished and len(list(out.glob(finished))) < count and process.poll() is None:
        time.sleep(0.01)
    seconds = time.monotonic() - start
    if process.wait():
        raise RuntimeError(f"{' '.join(command)} failed")
    return seconds if finished else time.monotonic() - start


def kill_eval(root: Path, trials: int, rng: random.Random) -> Area:
    area = Area("kill -9 eval, rerun")
    root.mkdir(parents=True)
    suite = root / "suite.json"
    prompts = ("a dog runs to the left", "a red ball on a table", "two cats sit")
    suite.write_text(json.dumps([{"prompt": prompt} for prompt in prompts]))

    def command(out: Path) -> list[str]:
        return cli("eval", suite, "--out", out, "--workers", "2", *small(fps=6))

    measured = root / "measured"
    window = timed_run(command(measured), measured, "runs/*/.partial-*", "runs/*/result.json", len(prompts))
    print(f"  [{area.name}] the runs take {window:.1f} s from the first staging folder", file=sys.stderr)
    for trial in range(trials):
        out = root / f"trial-{trial}"
        first = subprocess.Popen(command(out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(out, "runs/*/.partial-*", first)
        delay = rng.uniform(0, 0.9 * window)  # mid-render, between tasks, or with idle workers
        time.sleep(delay)
        tree = descendants(first.pid)
        if first.poll() is not None:
            print(f"  [{area.name}] finished before the kill: not counted", file=sys.stderr)
            continue
        first.send_signal(signal.SIGKILL)
        first.wait()
        again = subprocess.run(command(out), capture_output=True, text=True)
        left = survivors(tree, within_s=5)
        for pid in left:  # ours: the first eval's
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        report = (
            EvalReport.model_validate_json((out / "report.json").read_text())
            if again.returncode == 0
            else None
        )
        finished = (
            report is not None
            and len(report.items) == len(prompts)
            and all(r.error is None for r in report.items)
        )
        scratch = [str(path.relative_to(out)) for path in out.rglob(".*")]
        problems = [f"{len(left)} of {len(tree)} processes left"] if left else []
        problems += [] if finished else [f"rerun exit {again.returncode}, not every item finished"]
        problems += [f"scratch left: {', '.join(scratch)}"] if scratch else []
        area.count(
            not problems,
            f"trial {trial}, killed {delay:.1f} s in, {len(tree)} descendants",
            "; ".join(problems),
        )
    return area


def outputs(out: Path) -> dict[str, str]:
    """The output files present, with their hashes."""
    return {name: digest for name, digest in (folder_state(out) or {}).items() if name in OUTPUT_FILES}


def kill_generate(root: Path, trials: int, rng: random.Random) -> Area:
    area = Area("kill -9 generate, rerun")
    flags = small(size="224x128", fps=8, rounds=2)

    def command(out: Path, *extra: str) -> list[str]:
        return cli("generate", PROMPT, "-o", out, *flags, *extra)

    window = timed_run(command(root / "measured"), root / "measured")
    print(f"  [{area.name}] a run takes {window:.1f} s from its staging folder to its end", file=sys.stderr)
    trial = 0
    while area.tried < trials and trial < 3 * trials:
        out = root / f"trial-{trial}" / "out"
        over = trial % 2 == 1
        trial += 1
        before = None
        if over:
            subprocess.run(command(out, "--seed", "5"), check=True, capture_output=True)
            before = outputs(out)
        process = subprocess.Popen(
            command(out, "--overwrite"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for(out, ".partial-*", process)
        delay = rng.uniform(0, 0.9 * window)
        time.sleep(delay)
        if process.poll() is not None:
            print(f"  [{area.name}] finished before the kill: not counted", file=sys.stderr)
            continue
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = outputs(out)
        seed = json.loads((out / "scene.json").read_text())["seed"] if "scene.json" in after else None
        if after == (before or {}):
            kept = "the earlier outputs" if over else "no outputs"
        elif len(after) == len(OUTPUT_FILES) and after != before and seed == 0:
            kept = "the new outputs"  # its last rename came before the kill
        else:
            kept = f"a mix: {sorted(after)}"
        rerun = subprocess.run(
            command(out, *(["--overwrite"] if after else [])), capture_output=True, text=True
        )
        listing = sorted(path.name for path in out.iterdir())
        problems = [f"left {kept}"] if kept.startswith("a mix") else []
        problems += (
            [f"rerun exit {rerun.returncode}: {rerun.stderr.strip()[-200:]}"] if rerun.returncode else []
        )
        problems += [] if listing == sorted(OUTPUT_FILES) else [f"rerun left {listing}"]
        case = f"{'over earlier outputs' if over else 'new folder'}, killed {delay:.1f} s in ({kept})"
        area.count(not problems, case, "; ".join(problems))
    return area


# ------------------------------------------------------------------------------------ injected faults

TINY = RunSettings(fps=4, duration_s=1.0, width=96, height=64, max_rounds=2)
FAULT_POINTS: dict[str, tuple[object, str]] = {
    "director": (generate_graph, "direct_offline"),
    "layout": (generate_graph, "layout_offline"),
    "motion": (generate_graph, "motion_offline"),
    "render start": (generate_graph, "render_clip"),
    "mp4 frame": (video.Mp4Writer, "write"),
    "contact sheet": (render_video, "contact_sheet"),
    "critic": (generate_graph, "critique_offline"),
    "finalize": (generate_graph, "write_outputs"),
    "scene.ply": (output, "write_ply"),
    "report.md": (output, "render_report"),
}


def faults(root: Path, quick: bool) -> Area:
    area = Area("failure injected at each stage")
    earlier = root / "earlier"
    generate("a ball", earlier, TINY)
    (earlier / "notes.txt").write_text("mine")
    errors: list[BaseException] = [OSError(28, "No space left on device"), KeyboardInterrupt()]
    for name, (owner, attribute) in FAULT_POINTS.items():
        for error in errors[:1] if quick else errors:
            for over in (False, True):
                case_root = Path(tempfile.mkdtemp(dir=root))
                out = case_root / "a" / "out"
                if over:
                    shutil.copytree(earlier, out)
                before = folder_state(out)
                with mock.patch.object(owner, attribute, side_effect=error) as injected:
                    try:
                        generate(PROMPT, out, TINY, overwrite=True)
                        raised = None
                    except BaseException as caught:
                        raised = type(caught).__name__
                after = folder_state(out)
                problems = [] if injected.called else ["the stage was never reached"]
                problems += [] if raised else ["nothing raised"]
                problems += [] if after == before else [f"folder left as {sorted(after or {})}"]
                problems += [] if over or not (case_root / "a").exists() else ["the parent folder was left"]
                case = f"{name}, {type(error).__name__}, {'--overwrite' if over else 'new folder'}"
                area.count(not problems, case, "; ".join(problems))
    return area


# ----------------------------------------------------------------------------------- hostile inputs


def bad_prompts(root: Path) -> Area:
    area = Area("prompts not valid UTF-8")
    prompts = [f"a dog {chr(0xDC00 + byte)} runs" for byte in range(0x80, 0x100)]
    prompts += [f"a {chr(code)} cat" for code in range(0xD800, 0xE000, 64)]
    for index, prompt in enumerate(prompts):
        out = root / f"p{index}"
        code, err = run_main(["generate", prompt, "-o", str(out), *small(size="96x64", duration=0.5)])
        ok = code == 2 and len(err.splitlines()) == 1 and "not valid UTF-8" in err and not out.exists()
        area.count(ok, ascii(prompt), f"exit {code}, {err[-120:]}", show=False)
    print(
        f"  [{area.name}] {area.clean} of {area.tried} refused in one line before any work", file=sys.stderr
    )
    return area


def folder_names(root: Path) -> Area:
    area = Area("odd output folder names")
    names = ["-", "-o", "--overwrite", "-x/-y", "pipe:1", "file:x", "a b", "ünïcødé", "x:y", "tab\tname",
             "-.mp4"]  # fmt: skip
    with contextlib.chdir(root):
        for name in names:
            code, err = run_main(["generate", "a ball", f"--out={name}", *small(size="96x64", duration=0.5)])
            listing = sorted(os.listdir(name)) if Path(name).is_dir() else []
            ok = (
                code == 0
                and listing == sorted(OUTPUT_FILES)
                and (Path(name) / "video.mp4").stat().st_size > 0
            )
            area.count(ok, repr(name), "" if ok else f"exit {code}, {listing}, {err[-120:]}")
    return area


def item_ids(root: Path) -> Area:
    area = Area("eval item ids")
    accepted = {"x" * 200: True, "x" * 201: False, "x" * 255: False, "x" * 5000: False, "../up": False,
                "a/b": False, "a b": False, "": False, ".": True, "ok-1.2_x": True}  # fmt: skip
    for index, (item_id, expected) in enumerate(accepted.items()):
        suite = root / f"s{index}.json"
        suite.write_text(json.dumps([{"prompt": "a dog", "id": item_id}]))
        try:
            load_suites([suite])
            got, one_line = True, True
        except SuiteError as error:
            got, one_line = False, len(str(error).splitlines()) == 1
        shown = repr(item_id) if len(item_id) < 20 else f"'x' * {len(item_id)}"
        ok = got == expected and one_line
        area.count(
            ok, shown, f"{'accepted' if got else 'refused'}, expected {'accepted' if expected else 'refused'}"
        )
    return area


def show_sizes(root: Path) -> Area:
    area = Area("assets show --size")
    expected = {"0": 2, "8": 2, "15": 2, "16": 0, "4097": 2, "100000": 2, "-5": 2, "1e9": 2}
    for size, code_expected in expected.items():
        out = root / f"size-{size}.png"
        code, err = run_main(["assets", "show", "ball", "-o", str(out), "--size", size])
        ok = code == code_expected and (code_expected == 0) == out.exists()
        area.count(
            ok, f"--size {size}", f"exit {code}, file {'written' if out.exists() else 'absent'}: {err[-120:]}"
        )
    return area


# --------------------------------------------------------------------------------------------- main

AREAS = ("providers", "kill-eval", "kill-generate", "faults", "inputs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--areas", default=",".join(AREAS), help=f"comma-separated, of {', '.join(AREAS)}")
    parser.add_argument("--trials", type=int, default=2, help="kills per kill area (2; --quick: 1)")
    parser.add_argument(
        "--timeout-s", type=float, default=5.0, help="per request, slow servers (5; --quick: 2)"
    )
    parser.add_argument("--seed", type=int, default=0, help="of the kill moments")
    parser.add_argument(
        "--quick", action="store_true", help="one kill per kill area, 2 s time-outs, one error per stage"
    )
    args = parser.parse_args()
    chosen = args.areas.split(",")
    unknown = set(chosen) - set(AREAS)
    if unknown:
        parser.error(f"unknown area(s): {', '.join(sorted(unknown))}")
    trials = 1 if args.quick else args.trials
    timeout_s = 2.0 if args.quick else args.timeout_s
    rng = random.Random(args.seed)
    started = time.monotonic()
    areas: list[Area] = []
    provider_rows: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="scenewright-hardening-") as tmp:
        root = Path(tmp)
        for name in list(os.environ):  # the caller's provider and run settings would change what is measured
            if name.startswith("SCENEWRIGHT_"):
                del os.environ[name]
        os.environ["SCENEWRIGHT_CACHE_DIR"] = str(root / "asset-cache")  # this process and its children
        if "providers" in chosen:
            area, provider_rows = providers(root / "providers", timeout_s)
            areas.append(area)
        if "kill-eval" in chosen:
            areas.append(kill_eval(root / "kill-eval", trials, rng))
        if "kill-generate" in chosen:
            areas.append(kill_generate(root / "kill-generate", trials, rng))
        if "faults" in chosen:
            areas.append(faults(root / "faults", args.quick))
        if "inputs" in chosen:
            for check in (bad_prompts, folder_names, item_ids, show_sizes):
                folder = root / "inputs" / check.__name__
                folder.mkdir(parents=True)
                areas.append(check(folder))
    seconds = time.monotonic() - started
    quick = " (--quick)" if args.quick else ""
    print(f"{', '.join(chosen)}: {seconds:.0f} s on {os.cpu_count()} cores{quick}\n")
    rows = [[a.name, str(a.tried), str(a.clean), "; ".join(a.failures) or "none"] for a in areas]
    print(table(["area", "cases tried", "clean", "failures left"], rows))
    if provider_rows:
        print(
            f"\nHostile servers (tests/fake_llm.py), {' '.join(small())}, wall time of the whole process:\n"
        )
        header = [
            "command",
            "server",
            "exit",
            "seconds",
            "requests",
            "video",
            "key found in",
            "reflections masked",
        ]
        print(table(header, provider_rows))


if __name__ == "__main__":
    main()
