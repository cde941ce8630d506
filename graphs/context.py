"""Runtime context of the generate graph: per-run settings that are not part of the state."""

from __future__ import annotations

from dataclasses import dataclass, field

from scenewright.config import LLMSettings
from scenewright.settings import MESH_SPLATS, AssetBackend, Renderer, RunSettings
from scenewright.tools.render_video import ClipMemory


@dataclass(frozen=True)
class GenerateContext:
    """Passed as `context=` to `graph.invoke` / `graph.stream` (LangGraph runtime context schema)."""

    out_dir: str = field(default="out", metadata={"description": "Folder the output contract is written to."})
    seed: int = field(default=0, metadata={"description": "Seed of every random choice."})
    fps: int = field(default=12, metadata={"description": "Frames per second of the video."})
    duration_s: float = field(default=4.0, metadata={"description": "Clip length, seconds."})
    width: int = field(default=640, metadata={"description": "Frame width, pixels (even)."})
    height: int = field(default=360, metadata={"description": "Frame height, pixels (even)."})
    max_rounds: int = field(default=3, metadata={"description": "Critique rounds before giving up."})
    renderer: Renderer = field(
        default="auto", metadata={"description": "auto (gsplat when CUDA works, else cpu), cpu or gsplat."}
    )
    assets_backend: AssetBackend | None = field(
        default=None,
        metadata={"description": "procedural, folder or shap-e (default: folder when asset_folder is set)."},
    )
    asset_folder: str | None = field(
        default=None, metadata={"description": "A folder of .ply splats and .glb/.gltf/.obj meshes."}
    )
    shap_e_model: str | None = field(
        default=None, metadata={"description": "A local folder of diffusers ShapEPipeline weights."}
    )
    asset_overrides: tuple[tuple[str, str], ...] = field(
        default=(),
        metadata={"description": "(entity id, name or category; procedural, folder, shap-e or a file path)."},
    )
    mesh_splats: int = field(
        default=MESH_SPLATS, metadata={"description": "Gaussians sampled on an imported mesh."}
    )
    sd_model: str | None = field(
        default=None,
        metadata={"description": "A local Stable Diffusion folder: refine layouts by score distillation."},
    )
    mocap_folder: str | None = field(
        default=None,
        metadata={"description": "A folder of BVH clips: people whose action a clip matches play it."},
    )
    llm: LLMSettings = field(
        default_factory=LLMSettings,
        metadata={"description": "Each agent's model ('offline' by default); read from the environment."},
    )
    clips: ClipMemory | None = field(
        default=None,
        metadata={
            "description": "In-process only: the last rendered clip, which the next render redraws from."
        },
    )

    @property
    def settings(self) -> RunSettings:
        return RunSettings(
            seed=self.seed,
            fps=self.fps,
            duration_s=self.duration_s,
            width=self.width,
            height=self.height,
            max_rounds=self.max_rounds,
            renderer=self.renderer,
            assets_backend=self.assets_backend,
            asset_folder=self.asset_folder,
            shap_e_model=self.shap_e_model,
            asset_overrides=self.asset_overrides,
            mesh_splats=self.mesh_splats,
            sd_model=self.sd_model,
            mocap_folder=self.mocap_folder,
        ).validate()
