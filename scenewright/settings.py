"""Run settings shared by every stage: what the user asked for on the command line or in the config file.

`RunSettings` is one run's settings, with the refinement (`RefineSettings`) and score-distillation
(`SdsSettings`) sections nested in it. `RunSettings.validate()` checks the values alone; the checks that read
the file system or look for optional packages run once before a run starts
(`scenewright.graphs.preflight.check_run_settings`). scenewright/config.py builds a run's settings from
flags, the config file and these defaults (`load_run_settings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Renderer = Literal["auto", "cpu", "gsplat"]
RENDERERS: tuple[Renderer, ...] = ("auto", "cpu", "gsplat")

MAX_PROMPT_CHARS = 2000
MAX_SIDE_PX = 4096
MAX_DURATION_S = 60.0
MAX_FPS = 60

AssetBackend = Literal["procedural", "folder", "shap-e"]
ASSET_BACKENDS: tuple[AssetBackend, ...] = ("procedural", "folder", "shap-e")
"""Run-wide asset backends (tools/scene/backends.py); an `--asset NAME=SPEC` also takes a file path."""
ASSET_FILE_SUFFIXES = (".ply", ".glb", ".gltf", ".obj")
"""Asset files a user can give: 3DGS splats or a mesh (.ply), glTF (.glb, .gltf), Wavefront OBJ."""
MESH_SPLATS = 6000
"""Gaussians sampled on an imported mesh by default: about a detailed procedural asset's count."""
MESH_SPLATS_RANGE = (100, 1_000_000)


@dataclass(frozen=True)
class RefineSettings:
    """How much work one refinement does; the defaults take a few seconds on a laptop CPU
    (tools.refine.render_compare; the config file's `[refine]` table)."""

    steps: int = 20
    learning_rate: float = 0.2
    """Adam's step at the start, in units of the view (half its height at the look-at distance)."""
    width_px: int = 96
    """Render width; the height keeps the frame's aspect ratio."""
    key_frames: int = 3
    gaussians_per_instance: int = 64
    """Gaussians drawn (seeded) from each instance: soft boxes need its silhouette, not its detail."""

    def __post_init__(self) -> None:
        if self.steps < 0 or self.key_frames < 1 or self.width_px < 16 or self.gaussians_per_instance < 1:
            raise ValueError(
                "RefineSettings needs steps >= 0, key_frames >= 1, width_px >= 16 and "
                f"gaussians_per_instance >= 1 (got {self.steps}, {self.key_frames}, {self.width_px}, "
                f"{self.gaussians_per_instance})"
            )
        if not self.learning_rate >= 0:
            raise ValueError(f"RefineSettings.learning_rate must be >= 0 (got {self.learning_rate})")


@dataclass(frozen=True)
class SdsSettings:
    """How one score-distillation refinement runs (tools.refine.sds; the config file's `[sds]` table). The
    defaults follow DreamFusion (guidance 100, t within 0.02..0.98 of the train steps) and anneal the largest
    t as threestudio does; none is tuned on real weights here."""

    steps: int = 100
    scale_fraction: float = 0.3
    """The first this share of the steps refine the scales alone, the rest the offsets alone (C3V's order)."""
    learning_rate: float = 0.05
    """Adam's step at the start of each stage, in tools.refine.render_compare's raw units; it falls linearly
    to 0."""
    guidance_scale: float = 100.0
    t_min: float = 0.02
    t_max: float = 0.98
    """t is drawn from [t_min, t_max] of the train steps at the first step ..."""
    t_max_end: float = 0.5
    """... and the upper end falls linearly to this at the last step."""
    width_px: int = 128
    """Render width (the height keeps the frame's aspect); the frames are then resized for the prior."""
    key_frames: int = 3
    constraint_weight: float = 1.0
    """Weight of tools.refine.render_compare's constraint loss against the SDS loss."""
    background: tuple[float, float, float] = (0.5, 0.5, 0.5)
    """RGB behind the instances: the environment is not rendered, so the prior judges the entities alone."""

    def __post_init__(self) -> None:
        if self.steps < 1 or self.key_frames < 2 or self.width_px < 16:
            raise ValueError(
                "SdsSettings needs steps >= 1, key_frames >= 2 (the first and the last frame at least) and "
                f"width_px >= 16 (got {self.steps}, {self.key_frames}, {self.width_px})"
            )
        if not 0.0 <= self.scale_fraction <= 1.0:
            raise ValueError(f"SdsSettings.scale_fraction must be within 0..1 (got {self.scale_fraction})")
        if not 0.0 <= self.t_min <= self.t_max_end <= self.t_max <= 1.0:
            raise ValueError(
                "SdsSettings needs 0 <= t_min <= t_max_end <= t_max <= 1 "
                f"(got {self.t_min}, {self.t_max_end}, {self.t_max})"
            )

    def t_range(self, step: int, train_steps: int) -> tuple[int, int]:
        """The train steps [low, high] that step `step` (0-based) draws t from."""
        progress = step / max(1, self.steps - 1)
        upper = self.t_max + (self.t_max_end - self.t_max) * progress
        last = train_steps - 1
        return min(last, round(self.t_min * train_steps)), min(last, round(upper * train_steps))


@dataclass(frozen=True)
class RunSettings:
    """The knobs of one generate run. `validate()` raises ValueError with a one-line reason."""

    seed: int = 0
    fps: int = 12
    duration_s: float = 4.0
    width: int = 640
    height: int = 360
    max_rounds: int = 3
    renderer: Renderer = "auto"
    assets_backend: AssetBackend | None = None  # None: "folder" when asset_folder is set, else "procedural"
    asset_folder: str | None = None  # a folder of .ply splats and .glb/.gltf/.obj meshes
    shap_e_model: str | None = None  # a local folder of diffusers ShapEPipeline weights
    asset_overrides: tuple[tuple[str, str], ...] = ()  # (entity id/name/category, SPEC) per --asset flag
    mesh_splats: int = MESH_SPLATS
    sd_model: str | None = None  # a local Stable Diffusion folder: layout refinement by score distillation
    mocap_folder: str | None = None  # a folder of .bvh clips that drive the people whose action they match
    refine: RefineSettings = RefineSettings()  # render-and-compare refinement (the config file's [refine])
    sds: SdsSettings = SdsSettings()  # score distillation with `sd_model` (the config file's [sds])

    @property
    def asset_backend(self) -> AssetBackend:
        """The run-wide asset backend, `assets_backend` resolved."""
        if self.assets_backend is not None:
            return self.assets_backend
        return "folder" if self.asset_folder is not None else "procedural"

    @property
    def num_frames(self) -> int:
        return round(self.duration_s * self.fps)

    def frame_times(self) -> list[float]:
        return [k / self.fps for k in range(self.num_frames)]

    def validate(self) -> RunSettings:
        """Check the values alone (no file is read, nothing is imported): the preflight
        (scenewright.graphs.preflight.check_run_settings) adds the folder, file and package checks."""
        if not self.fps > 0 or self.fps > MAX_FPS:
            raise ValueError(f"--fps must be between 1 and {MAX_FPS} (got {self.fps})")
        if not self.duration_s > 0 or self.duration_s > MAX_DURATION_S:
            raise ValueError(
                f"--duration must be > 0 and <= {MAX_DURATION_S:g} seconds (got {self.duration_s:g})"
            )
        if self.num_frames < 1:
            raise ValueError(f"--duration {self.duration_s:g} at --fps {self.fps} gives no frame")
        for name, side in (("width", self.width), ("height", self.height)):
            if not 16 <= side <= MAX_SIDE_PX:
                raise ValueError(f"--size {name} must be between 16 and {MAX_SIDE_PX} pixels (got {side})")
            if side % 2:
                raise ValueError(f"--size {name} must be even for H.264 yuv420p video (got {side})")
        if self.max_rounds < 1:
            raise ValueError(f"--max-rounds must be at least 1 (got {self.max_rounds})")
        if self.renderer not in RENDERERS:
            raise ValueError(f"--renderer must be one of {', '.join(RENDERERS)} (got {self.renderer!r})")
        if not 0 <= self.seed < 2**63:
            raise ValueError(f"--seed must be a non-negative integer (got {self.seed})")
        self._validate_assets()
        return self

    def _validate_assets(self) -> None:
        if self.assets_backend is not None and self.assets_backend not in ASSET_BACKENDS:
            raise ValueError(
                f"--assets must be one of {', '.join(ASSET_BACKENDS)} (got {self.assets_backend!r})"
            )
        low, high = MESH_SPLATS_RANGE
        if not low <= self.mesh_splats <= high:
            raise ValueError(f"--mesh-splats must be between {low} and {high} (got {self.mesh_splats})")
        for key, spec in self.asset_overrides:
            flag = f"--asset {key}={spec}"
            if not key.strip():
                raise ValueError(f"{flag}: name an entity (its id, name or category) before '='")
            if spec not in ASSET_BACKENDS and Path(spec).suffix.lower() not in ASSET_FILE_SUFFIXES:
                raise ValueError(
                    f"{flag}: SPEC is {', '.join(ASSET_BACKENDS)} or a file ending in "
                    f"{', '.join(ASSET_FILE_SUFFIXES)}"
                )
        for flag, spec in self.asset_flags():
            if spec == "folder" and self.asset_folder is None:
                raise ValueError(f"{flag} needs --asset-folder DIR (a folder of .ply, .glb, .gltf, .obj)")
            if spec == "shap-e" and self.shap_e_model is None:
                raise ValueError(
                    f"{flag} needs --shap-e-model DIR, a local folder of diffusers Shap-E weights "
                    "(e.g. a download of openai/shap-e)"
                )

    def asset_flags(self) -> list[tuple[str, str]]:
        """(the flag as the user writes it, its SPEC): `--assets BACKEND`, then each `--asset KEY=SPEC`."""
        return [
            (f"--assets {self.asset_backend}", self.asset_backend),
            *((f"--asset {key}={spec}", spec) for key, spec in self.asset_overrides),
        ]
