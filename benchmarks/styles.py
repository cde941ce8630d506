"""Look benchmark: milliseconds to finish one rendered frame in each style and effect (tools/media/style.py).

    python benchmarks/styles.py [--size 640x360] [--repeats 10]

The frames are those of one offline run of PROMPT at the size (1 s at 4 fps), kept with their depth from the
run's clip. Per look, on those frames in turn: the first frame (which builds the look's textures for the seed
and size, cached for the clip) and then the median of `repeats` frames, as the render stage finishes them:
wall time, and the process's CPU time (all threads), which a machine busy with other work inflates less (the
load average is printed above the table). For scale, the last row is what the render stage itself took per
frame in that run (compose, rasterize, analyse, encode, no look), timed from its start event to its last
frame event. OpenCV uses its default threads (cv2.getNumThreads(), printed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from typing import Any, get_args

from scenewright import RunSettings, configure_process, generate

configure_process()  # a process entry, as the CLI's: before the imports below load torch and numba
import cv2  # noqa: E402

from scenewright.schema import Effect, VideoStyle  # noqa: E402
from scenewright.tools.media.style import finish  # noqa: E402
from scenewright.tools.render.render_video import ClipMemory  # noqa: E402

PROMPT = "a dog runs to the left of a red ball in a park"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="640x360")
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    width, height = (int(side) for side in args.size.split("x"))
    settings = RunSettings(width=width, height=height, fps=4, duration_s=1.0, max_rounds=1)
    clips = ClipMemory()
    stamps: list[tuple[float, float]] = []  # (wall, CPU) seconds of the render's start and frame events

    def on_event(event: dict[str, Any]) -> None:
        if event.get("stage") == "render" and (event.get("message") == "started" or "frame" in event):
            stamps.append((time.perf_counter(), time.process_time()))

    generate(PROMPT, tempfile.mkdtemp(), settings, clips=clips, on_event=on_event)
    assert clips.last is not None
    frames = [(f.image, f.depth, f.analysis.t) for f in clips.last.frames]
    looks: list[tuple[str, VideoStyle | None, tuple[Effect, ...]]] = [
        *((style, style, ()) for style in get_args(VideoStyle)),
        *((effect, None, (effect,)) for effect in get_args(Effect)),
    ]
    print(f"{PROMPT!r} at {width}x{height}, seed {settings.seed}; OpenCV {cv2.__version__}, "
          f"{cv2.getNumThreads()} threads; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
          f"medians of {args.repeats} frames")  # fmt: skip
    print("| look             | first frame ms | ms per frame | CPU ms per frame |")
    print("|------------------|---------------:|-------------:|-----------------:|")
    for name, style, effects in looks:
        wall, cpu = [], []
        for k in range(args.repeats + 1):
            image, depth, t = frames[k % len(frames)]
            start, start_cpu = time.perf_counter(), time.process_time()
            finish(image, style, effects, depth, seed=settings.seed, t=t)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        median_wall, median_cpu = statistics.median(wall[1:]), statistics.median(cpu[1:])
        print(f"| {name:<16} | {wall[0]:14.1f} | {median_wall:12.1f} | {median_cpu:16.1f} |")
    (wall_0, cpu_0), (wall_1, cpu_1) = stamps[0], stamps[-1]
    render_ms, render_cpu_ms = ((b - a) * 1000 / len(frames) for a, b in ((wall_0, wall_1), (cpu_0, cpu_1)))
    print(f"| {'(render stage)':<16} | {'':14} | {render_ms:12.1f} | {render_cpu_ms:16.1f} |")


if __name__ == "__main__":
    main()
