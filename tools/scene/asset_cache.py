"""Assets by recipe, built once and looked up by content hash: in memory, and on disk across processes.

Gaussians stay out of the graph state (which must serialise for checkpoints and the LangGraph
server); nodes pass recipes and hashes, and this cache turns a recipe into Gaussians.

The on-disk store (`cache_folder()`: $SCENEWRIGHT_CACHE_DIR, else $XDG_CACHE_HOME/scenewright, else
~/.cache/scenewright; an empty $SCENEWRIGHT_CACHE_DIR turns it off) keeps one file per content hash under
assets/. The hash covers the recipe and a digest of the generator's source files, so an edited builder
never serves an old asset. Each file carries a digest of its own tensors: a truncated or altered entry is
detected on reading, rebuilt and written again. Files are written to a temporary name and renamed, so
processes sharing the folder (eval workers) never read half a file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import torch

from scenewright.tools.scene.assets import GENERATOR_VERSION, build_asset, build_environment
from scenewright.tools.scene.backends import Backend, FileAsset, ShapEAsset
from scenewright.tools.scene.gaussians import Gaussians

logger = logging.getLogger(__name__)

TOOLS = Path(__file__).resolve().parent
GENERATOR_SOURCES = sorted(
    [
        TOOLS / "assets.py", TOOLS / "parts.py", TOOLS / "gaussians.py", TOOLS / "backends.py",
        TOOLS / "ply.py", *(TOOLS / "library").glob("*.py"),
    ]
)  # fmt: skip
"""The files whose code decides what an asset looks like."""
GENERATOR_DIGEST = hashlib.sha256(b"".join(path.read_bytes() for path in GENERATOR_SOURCES)).hexdigest()[:16]
TENSORS = ("means", "quats", "log_scales", "logit_opacities", "sh0", "part_ids", "pivots")


@dataclass(frozen=True)
class AssetRecipe:
    """Everything an asset depends on: the procedural generator's inputs, or the `source` another backend
    builds from (tools/scene/backends.py: a user's file with its digest, or a Shap-E model and prompt)."""

    category: str  # a catalog category, or "environment:<name>"
    rgb: tuple[float, float, float] | None
    attributes: tuple[str, ...]
    seed: int
    attempt: int = 0
    label: str | None = None  # the noun a generic asset shows on its placards
    backend: Backend = "procedural"  # what AssetInfo reports: procedural, folder, file or shap-e
    source: FileAsset | ShapEAsset | None = None  # None: the procedural generator builds it

    def content_hash(self) -> str:
        generator = {"generator": GENERATOR_VERSION, "code": GENERATOR_DIGEST}
        payload = json.dumps(generator | asdict(self), sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def build(self) -> Gaussians:
        if self.source is not None:
            return self.source.build(self.seed)
        if self.category.startswith("environment:"):
            return build_environment(self.category.split(":", 1)[1], self.seed)
        return build_asset(
            self.category, self.rgb, list(self.attributes), self.seed, self.attempt, label=self.label
        )


def cache_folder() -> Path | None:
    """Where built assets persist between processes; None when $SCENEWRIGHT_CACHE_DIR is set empty."""
    chosen = os.environ.get("SCENEWRIGHT_CACHE_DIR")
    if chosen is not None:
        return Path(chosen).expanduser() if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "scenewright"


def _digest(tensors: dict[str, torch.Tensor], parts: list[str], parents: list[int], rig: str) -> str:
    hasher = hashlib.sha256(json.dumps([parts, parents, rig]).encode())
    for name in TENSORS:
        hasher.update(tensors[name].contiguous().numpy().tobytes())
    return hasher.hexdigest()


class AssetCache:
    """Content-addressed store of built assets, in memory and (with a folder) on disk, counting hits
    (memory or disk), misses (built) and corrupted disk entries (rebuilt)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = None if folder is None else folder / "assets"
        self._store: dict[str, Gaussians] = {}
        self.hits = 0
        self.misses = 0
        self.corrupted = 0

    def get(self, recipe: AssetRecipe) -> Gaussians:
        key = recipe.content_hash()
        if key not in self._store:
            stored = self._read(key)
            if stored is None:
                self.misses += 1
                stored = recipe.build()
                self._write(key, stored)
            else:
                self.hits += 1
            self._store[key] = stored
        else:
            self.hits += 1
        return self._store[key]

    def _read(self, key: str) -> Gaussians | None:
        """The stored asset, or None when there is none or it is corrupted (counted and logged)."""
        if self.folder is None or not (self.folder / f"{key}.pt").exists():
            return None
        path = self.folder / f"{key}.pt"
        try:
            saved = torch.load(path, weights_only=True)
            tensors = {name: saved[name] for name in TENSORS}
            parts, parents, rig = list(saved["parts"]), list(saved["part_parents"]), str(saved["rig"])
            if saved["digest"] != _digest(tensors, parts, parents, rig):
                raise ValueError("its digest does not match its contents")
            return Gaussians(parts=parts, part_parents=parents, rig=rig, **tensors)
        except Exception as error:  # any unreadable entry is rebuilt, whatever broke it
            self.corrupted += 1
            logger.warning("asset cache entry %s is corrupted (%s): rebuilding it", path, error)
            return None

    def _write(self, key: str, gaussians: Gaussians) -> None:
        if self.folder is None:
            return
        tensors = {name: getattr(gaussians, name).detach().cpu() for name in TENSORS}
        parts, parents, rig = list(gaussians.parts), list(gaussians.part_parents), gaussians.rig
        payload = {
            **tensors,
            "parts": parts,
            "part_parents": parents,
            "rig": rig,
            "digest": _digest(tensors, parts, parents, rig),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{key}.{os.getpid()}.tmp"
            torch.save(payload, temporary)
            temporary.replace(self.folder / f"{key}.pt")
        except OSError as error:  # a read-only or full disk costs a rebuild next time, not the run
            logger.warning("could not store asset %s in %s: %s", key, self.folder, error)


ASSET_CACHE = AssetCache(cache_folder())
"""The process-wide cache the graph's nodes share."""
