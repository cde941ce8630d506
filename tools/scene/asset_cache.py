"""Assets by recipe, built once and looked up by content hash: in memory, and on disk across processes.

Gaussians stay out of the graph state (which must serialise for checkpoints and the LangGraph
server); nodes pass recipes and hashes, and the run's `AssetCache` (`GenerateContext.asset_cache`) turns a
recipe into Gaussians. It is a per-run view, counting that run's hits and misses, over an `AssetStore` that
the runs of a process share: a memory bounded by bytes (least recently used assets go first) over the disk.
`default_store()` makes the process's store on first use, reading the environment then, not at import.

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
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

import torch

from scenewright.schema import AssetInfo
from scenewright.tools.scene.assets import GENERATOR_VERSION, asset_splats, build_asset, build_environment
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
MEMORY_BUDGET_BYTES = 1 << 30
"""An AssetStore keeps at most 1 GiB of asset tensors in memory (`tensor_bytes`): a procedural asset takes
0.05-0.6 MB at its category's own count and up to 30 MB at a detail level that fills a 640x360 frame
(tools/scene/detail.py caps a scene), so dozens of close-ups and thousands of small ones fit, while a
long-running process (the web UI, an eval worker) fed users' large splat files stays bounded. What is
evicted stays on disk."""


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
    detail: int | None = None  # on-screen pixels a procedural asset is built for (tools/scene/detail.py)
    backend: Backend = "procedural"  # what AssetInfo reports: procedural, folder, file or shap-e
    source: FileAsset | ShapEAsset | None = None  # None: the procedural generator builds it

    def content_hash(self) -> str:
        generator = {"generator": GENERATOR_VERSION, "code": GENERATOR_DIGEST}
        payload = json.dumps(generator | asdict(self), sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def __post_init__(self) -> None:
        if self.detail is not None and not self.procedural:
            raise ValueError(f"only a procedural entity's asset is built for a detail level ({self})")

    @property
    def procedural(self) -> bool:
        """Whether the procedural generator builds this entity's asset (so a detail level applies)."""
        return self.source is None and not self.category.startswith("environment:")

    def splats(self) -> int:
        """How many Gaussians `build` makes, without building: a procedural entity's recipe only."""
        if not self.procedural:
            raise ValueError(f"only a procedural entity's Gaussians are counted before building ({self})")
        return asset_splats(self.category, list(self.attributes), self.seed, self.detail, self.label)

    def info(self, gaussians: Gaussians) -> AssetInfo:
        """What scene.json reports of the asset this recipe built (`gaussians`)."""
        return AssetInfo(
            backend=self.backend,
            source=None if self.source is None else self.source.location,
            category=self.category,
            content_hash=self.content_hash(),
            num_gaussians=len(gaussians),
            parts=gaussians.parts,
            extent_m=gaussians.extent(),
        )

    def build(self) -> Gaussians:
        if self.source is not None:
            return self.source.build(self.seed)
        if self.category.startswith("environment:"):
            return build_environment(self.category.split(":", 1)[1], self.seed)
        return build_asset(
            self.category, self.rgb, list(self.attributes), self.seed, self.attempt, self.label, self.detail
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


Found = Literal["memory", "disk", "built", "rebuilt"]
"""Where a lookup found an asset: in memory, on disk, nowhere (built) or corrupted on disk (rebuilt)."""


def tensor_bytes(gaussians: Gaussians) -> int:
    """What an asset costs an AssetStore's memory: the bytes of its tensors (TENSORS), ~64 per Gaussian."""
    tensors = [getattr(gaussians, name) for name in TENSORS]
    return sum(tensor.nelement() * tensor.element_size() for tensor in tensors)


class AssetStore:
    """Built assets shared by the runs of a process (threads included): a least-recently-used memory of at
    most `max_bytes` of tensors (`tensor_bytes`), over the on-disk store in `folder` (None: memory only).

    An asset evicted from memory stays on disk and is read back from there when asked for again (without a
    folder it is rebuilt). An asset larger than the whole budget is returned but not kept in memory. The store
    counts nothing: each run counts its own lookups through its `AssetCache`. Two runs that ask for the same
    missing asset at the same moment both build it (the same Gaussians; the disk write is an atomic rename).
    """

    def __init__(self, folder: Path | None = None, max_bytes: int = MEMORY_BUDGET_BYTES) -> None:
        self.folder = None if folder is None else folder / "assets"
        self.max_bytes = max_bytes
        self._memory: OrderedDict[str, Gaussians] = OrderedDict()  # least recently used first
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def bytes_in_memory(self) -> int:
        """The `tensor_bytes` of the assets in memory, at most `max_bytes`."""
        return self._bytes

    @property
    def assets_in_memory(self) -> int:
        return len(self._memory)

    def lookup(self, recipe: AssetRecipe) -> tuple[Gaussians, Found]:
        """The recipe's asset and where it was found; a miss builds it and writes it to disk."""
        key = recipe.content_hash()
        with self._lock:
            kept = self._memory.get(key)
            if kept is not None:
                self._memory.move_to_end(key)
                return kept, "memory"
        stored, corrupted = self._read(key)
        found: Found = "disk"
        if stored is None:
            stored, found = recipe.build(), "rebuilt" if corrupted else "built"
            self._write(key, stored)
        self._keep(key, stored)
        return stored, found

    def _keep(self, key: str, gaussians: Gaussians) -> None:
        """Remember an asset, evicting the least recently used ones beyond the budget."""
        size = tensor_bytes(gaussians)
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._memory:  # another run kept it meanwhile
                self._memory.move_to_end(key)
                return
            self._memory[key] = gaussians
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, evicted = self._memory.popitem(last=False)
                self._bytes -= tensor_bytes(evicted)

    def _read(self, key: str) -> tuple[Gaussians | None, bool]:
        """(The stored asset, or None when there is none or it is corrupted; whether it was corrupted, which
        is logged)."""
        if self.folder is None or not (self.folder / f"{key}.pt").exists():
            return None, False
        path = self.folder / f"{key}.pt"
        try:
            saved = torch.load(path, weights_only=True)
            tensors = {name: saved[name] for name in TENSORS}
            parts, parents, rig = list(saved["parts"]), list(saved["part_parents"]), str(saved["rig"])
            if saved["digest"] != _digest(tensors, parts, parents, rig):
                raise ValueError("its digest does not match its contents")
            return Gaussians(parts=parts, part_parents=parents, rig=rig, **tensors), False
        except Exception as error:  # any unreadable entry is rebuilt, whatever broke it
            logger.warning("asset cache entry %s is corrupted (%s): rebuilding it", path, error)
            return None, True

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
            temporary = self.folder / f".{key}.{os.getpid()}.{threading.get_ident()}.tmp"
            torch.save(payload, temporary)
            temporary.replace(self.folder / f"{key}.pt")
        except OSError as error:  # a read-only or full disk costs a rebuild next time, not the run
            logger.warning("could not store asset %s in %s: %s", key, self.folder, error)


_DEFAULT_STORE: AssetStore | None = None
_DEFAULT_STORE_LOCK = threading.Lock()


def default_store() -> AssetStore:
    """The process's shared store, made on first use (not at import): its folder is `cache_folder()` as the
    environment says then, its memory bound MEMORY_BUDGET_BYTES. Runs that are given no store share it, so a
    process reuses what its earlier runs built."""
    global _DEFAULT_STORE
    with _DEFAULT_STORE_LOCK:
        if _DEFAULT_STORE is None:
            _DEFAULT_STORE = AssetStore(cache_folder())
        return _DEFAULT_STORE


class AssetCache:
    """One run's view of an AssetStore (default: `default_store()`, taken on first use), counting that run's
    lookups alone: hits (in memory or on disk), misses (built) and corrupted disk entries (rebuilt, also a
    miss). Two runs at once in one process each have their own, over the same store. One run's: it is used
    by one thread at a time."""

    def __init__(self, store: AssetStore | None = None) -> None:
        self._store = store
        self.hits = 0
        self.misses = 0
        self.corrupted = 0

    @property
    def store(self) -> AssetStore:
        if self._store is None:
            self._store = default_store()
        return self._store

    def get(self, recipe: AssetRecipe) -> Gaussians:
        """The recipe's asset (built on a miss), counted as this run's hit or miss."""
        gaussians, found = self.store.lookup(recipe)
        if found in ("memory", "disk"):
            self.hits += 1
        else:
            self.misses += 1
            if found == "rebuilt":
                self.corrupted += 1
        return gaussians

    def recall(self, recipe: AssetRecipe) -> Gaussians:
        """The asset of a recipe this run already got (the asset stage's lookup), not counted again: later
        stages read their assets this way. After an eviction it comes back from disk (or is rebuilt)."""
        return self.store.lookup(recipe)[0]

    def counts(self) -> dict[str, int]:
        """This run's hits and misses so far, as scene.json's usage.tools.assets reports them."""
        return {"hits": self.hits, "misses": self.misses}
