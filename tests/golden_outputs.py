"""Golden outputs: scene.json and the rendered frames of varied prompts, recorded before a refactor and held
by tests/test_golden.py so that moving code never changes what a run makes.

Record again (only when a change is meant to alter outputs): `python tests/golden_outputs.py`.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from scenewright import RunSettings, generate
from scenewright.tools.render.render_video import ClipMemory

FOLDER = Path(__file__).parent / "golden"

# (prompt, seed): relations, counts, colours, motion with directions, support, a stand-in, an unknown noun,
# a person's clip, camera words, environments, and prompts whose first critique round fails (refinement).
CASES: list[tuple[str, int]] = [
    ("a corgi runs to the left of a red ball on a beach", 0),
    ("two cats sit next to a blue car in a street", 3),
    ("a bird flies up above a tree in a park", 1),
    ("a person walks towards the camera in the snow", 2),
    ("a purple zorblax stands on a table", 0),
    ("three yellow apples on a wooden table in a kitchen", 5),
    ("a wolf chases a rabbit across a meadow, the camera pans right", 4),
    ("a red car drives behind a green bus on a city road", 6),
    ("a cat hides under a chair while a dog jumps", 7),
    ("a truck hauls pumpkins down a country road at sunset", 8),
    ("a small boat sails on a lake below a mountain, aerial view", 9),
    ("a woman waves next to a big brown horse", 10),
]

SETTINGS = RunSettings(fps=6, duration_s=1.0, width=160, height=96, max_rounds=2)


def normalised_scene(scene: dict[str, Any]) -> dict[str, Any]:
    """scene.json without what depends on time, on the cache's state (seconds, cache hits) or on the bytes of
    the generator's source files (an asset's content hash covers them, so moving code changes it)."""
    for entity in scene["entities"]:
        entity["asset"].pop("content_hash")
    usage = scene["usage"]
    for agent in usage["agents"].values():
        agent.pop("seconds")
    usage.pop("tools")
    return scene


def run_case(prompt: str, seed: int, out: Path) -> dict[str, Any]:
    """The outputs a refactor must not change: the normalised scene.json, each final frame's digest, and the
    digest of scene.ply."""
    clips = ClipMemory()
    settings = RunSettings(**{**SETTINGS.__dict__, "seed": seed})
    generate(prompt, out, settings, clips=clips, overwrite=True)
    assert clips.last is not None
    return {
        "prompt": prompt,
        "seed": seed,
        "scene": normalised_scene(json.loads((out / "scene.json").read_text())),
        "frames": [hashlib.sha256(frame.image.tobytes()).hexdigest() for frame in clips.last.frames],
        "ply": hashlib.sha256((out / "scene.ply").read_bytes()).hexdigest(),
    }


def case_file(index: int) -> Path:
    return FOLDER / f"case-{index:02d}.json"


def record() -> None:
    FOLDER.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for index, (prompt, seed) in enumerate(CASES):
            outputs = run_case(prompt, seed, Path(tmp) / f"{index}")
            case_file(index).write_text(json.dumps(outputs, indent=1, sort_keys=True) + "\n")
            print(f"recorded {case_file(index).name}: {prompt!r} (rounds {outputs['scene']['rounds']})")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    import conftest  # noqa: F401  (a fresh asset cache folder, as in the tests)

    record()
