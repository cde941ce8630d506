"""Chat-edit benchmark: one chat turn that changes one entity against generating the same scene from scratch.

    python benchmarks/chat_edit.py [--repeats 3] [--size 640x360]

For each repeat, in a fresh temporary folder:
- scratch, new process: `scenewright generate "<final prompt>"` as a user reruns it (imports, numba's
  compiled-kernel cache load, director, assets, layout, motion, render, critic), wall time of the process;
- scratch, warm process: `generate()` of the final prompt in this process after a warm-up run of another
  prompt (nothing of this scene is in the asset cache: its entities' seeds differ from the warm-up's);
- chat edit: in a warm thread whose first turn built the starting prompt, the turn "make the ball blue"
  (interpret, rebuild through the asset cache, layout, motion, render, critic), its `ChatTurn.seconds`.
Prints the median of each and the edit's share of each scratch time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scenewright import RunSettings, configure_process, generate

configure_process()  # a process entry, as the CLI's: before the import below loads torch and numba
from scenewright.chat import ChatSession  # noqa: E402

START = "a dog runs to the left of a ball"
EDIT = "make the ball blue"
FINAL = "a dog runs to the left of a blue ball"  # the scene the edit gives, for the from-scratch runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--size", default="640x360")
    args = parser.parse_args()
    width, height = (int(side) for side in args.size.split("x"))
    settings = RunSettings(width=width, height=height)
    generate("a cat sits next to a tree", tempfile.mkdtemp(), settings)  # warm-up: imports, kernels
    cold, warm, edit = [], [], []
    for repeat in range(args.repeats):
        root = Path(tempfile.mkdtemp())
        seed = 100 + repeat  # new seeds: no asset of this scene is cached yet
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "scenewright.cli", "generate", FINAL, "-o", str(root / "cold"), "-q",
             "--seed", str(seed), "--size", args.size],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        generate(FINAL, root / "warm", RunSettings(seed=seed, width=width, height=height))
        warm.append(time.perf_counter() - start)
        chat_settings = RunSettings(seed=seed + 50, width=width, height=height)
        with ChatSession("bench", root / "chats", chat_settings) as chat:
            chat.send(START)
            turn = chat.send(EDIT)
            assert turn is not None
            edit.append(turn.seconds)
    rows = [
        ("scratch, new process (scenewright generate)", statistics.median(cold)),
        ("scratch, warm process (generate())", statistics.median(warm)),
        (f"chat edit '{EDIT}'", statistics.median(edit)),
    ]
    print(f"{args.repeats} repeat(s), {args.size}, 12 fps, 4 s, offline agents; medians")
    print("| run | seconds | edit / this |")
    print("|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {rows[2][1] / seconds:.0%} |")


if __name__ == "__main__":
    main()
