"""Score-distillation layout refinement: C3V's stage 3 with a Stable Diffusion prior, through diffusers.

C3V (Zhu et al. 2024) refines its coarse layout with score distillation sampling (SDS; Poole et al. 2022,
DreamFusion) from a 2D diffusion prior: first each entity's scale, bounded as S + sigmoid(s)·τ − τ/2, then a
bounded offset per trajectory point. This module optimises exactly tools.refine.render_compare's parameters
(the same bounds,
decoding and write-back) by SDS instead of render-and-compare. Each step:

1. render every key frame of the composed instances (whole assets, tools.render.rasterize.rasterize_torch, so
the
   image is differentiable in every scale and offset) over a flat background;
2. resize the frames to the prior's resolution and encode them with the VAE: latents z (× scaling_factor);
3. draw a train step t uniformly from [t_min, t_max(step)], where the upper end falls linearly over the run
   (large noise first settles where things are, smaller noise then refines), and noise ε;
   z_t = √ᾱ_t·z + √(1 − ᾱ_t)·ε with the folder's scheduler's ᾱ (alphas_cumprod);
4. predict ε̂ with classifier-free guidance, ε̂ = ε̂_∅ + g·(ε̂_prompt − ε̂_∅), with no gradient through the UNet;
5. push w(t)·(ε̂ − ε), w(t) = 1 − ᾱ_t, into z through ½‖z − sg(z − w·(ε̂ − ε))‖² / V (V key frames), whose
   gradient in z is exactly that, and from z back through the VAE encoder and the rasterizer;
6. add tools.refine.render_compare's constraint loss measured on the same render (every plan relation with
the critic's
   margin, contact, penetration, frame, occlusion, and the weak stay and smooth pulls; the targets of the
   critic's failed layout checks when there are any), so that the prior cannot push instances through
   each other, off screen or out of the plan's relations.

As in C3V, the scale is refined first (the first `scale_fraction` of the steps), then the offsets, each stage
with Adam (tools.refine.render_compare.Adam) and a learning rate that falls linearly to 0. Every random draw
(t, ε) comes
from a torch.Generator seeded with the run seed.

Tested only on tiny randomly initialised models (tests/test_sds.py): the code path, gradients, bounds and
schedule are verified; whether it improves layouts with real Stable Diffusion weights is not.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import torch
import torch.nn.functional as F
from torch import Tensor

from scenewright.schema import Check, Layout, Motion, Plan
from scenewright.settings import RefineSettings, RunSettings, SdsSettings
from scenewright.tools.refine.render_compare import (
    WEIGHTS,
    Adam,
    Prepared,
    Problem,
    Refinement,
    Screen,
    apply_refinement,
    decode,
    describe_changes,
    describe_terms,
    displacements,
    measure,
    prepare,
)
from scenewright.tools.render.rasterize import rasterize_torch
from scenewright.tools.scene.gaussians import Gaussians

if TYPE_CHECKING:  # the modules themselves: diffusers' top level types them as its no-torch placeholders
    from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL
    from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel
    from transformers import CLIPTextModel, CLIPTokenizer

LAYOUT = (
    "unet/config.json",
    "vae/config.json",
    "text_encoder/config.json",
    "tokenizer",
    "scheduler/scheduler_config.json",
)
"""What a Stable Diffusion folder in diffusers' layout holds (besides the weights next to each config)."""
ADAM_BETAS = (0.9, 0.99)
"""The usual long memories, unlike tools.refine.render_compare's: every SDS gradient is noisy (a fresh t and
ε each step)
and only their average points somewhere."""
DIFFUSION_EXTRA = "diffusers and transformers: pip install 'scenewright[diffusion]'"


def folder_problem(folder: str | Path) -> str | None:
    """Why `folder` cannot be loaded as a Stable Diffusion folder, in one line, or None; without importing
    diffusers, so that a run can refuse a bad folder before any work (graphs.preflight)."""
    root = Path(folder)
    if not root.is_dir():
        return f"{root} is not a folder"
    missing = [name for name in LAYOUT if not (root / name).exists()]
    if missing:
        return f"{root} is not a Stable Diffusion folder in diffusers' layout: it has no {', '.join(missing)}"
    if importlib.util.find_spec("diffusers") is None or importlib.util.find_spec("transformers") is None:
        return f"a Stable Diffusion prior needs {DIFFUSION_EXTRA}"
    return None


@dataclass(frozen=True)
class SdPrior:
    """The parts of a Stable Diffusion model that score distillation uses, frozen, on one device."""

    unet: UNet2DConditionModel
    vae: AutoencoderKL
    text_encoder: CLIPTextModel
    tokenizer: CLIPTokenizer
    alphas_cumprod: Tensor  # [T] ᾱ of every train step (float32, CPU)
    prediction_type: Literal["epsilon", "v_prediction"]
    folder: Path
    device: torch.device
    dtype: torch.dtype

    @property
    def vae_factor(self) -> int:
        """Pixels per latent along each side."""
        return 2 ** (len(self.vae.config["block_out_channels"]) - 1)

    @property
    def resolution(self) -> int:
        """The side, in pixels, of the images the UNet was trained on (512 for Stable Diffusion 1.5)."""
        return int(self.unet.config["sample_size"]) * self.vae_factor

    @functools.cached_property
    def empty(self) -> Tensor:
        """[1, L, D] the empty prompt's embedding, classifier-free guidance's unconditional half."""
        return self.embed("")

    @torch.no_grad()
    def embed(self, prompt: str) -> Tensor:
        """[1, L, D] the text encoder's last hidden states of `prompt`, padded to the encoder's length."""
        length = min(self.tokenizer.model_max_length, self.text_encoder.config.max_position_embeddings)
        ids = self.tokenizer(
            prompt, padding="max_length", max_length=length, truncation=True, return_tensors="pt"
        ).input_ids  # [1, L]
        return self.text_encoder(ids.to(self.device))[0]


def load_sd_prior(
    folder: str | Path, device: str | torch.device = "cpu", dtype: torch.dtype = torch.float32
) -> SdPrior:
    """Load a local Stable Diffusion 1.x / 2.x folder in diffusers' layout (unet/, vae/, text_encoder/,
    tokenizer/, scheduler/) without going to the network, frozen, on `device` in `dtype`. The scheduler is the
    folder's own class: its noise levels (alphas_cumprod) and prediction type are what the UNet learned."""
    try:
        import diffusers
        from diffusers import AutoencoderKL, SchedulerMixin, UNet2DConditionModel
        from transformers import CLIPTextModel, CLIPTokenizer
    except ImportError as error:
        raise ImportError(f"score distillation needs {DIFFUSION_EXTRA} ({error})") from error
    problem = folder_problem(folder)
    if problem is not None:
        raise ValueError(problem)
    root = Path(folder)
    scheduler_name = json.loads((root / "scheduler" / "scheduler_config.json").read_text()).get("_class_name")
    scheduler_class = getattr(diffusers, str(scheduler_name), None)
    if not (isinstance(scheduler_class, type) and issubclass(scheduler_class, SchedulerMixin)):
        raise ValueError(f"{root}/scheduler names {scheduler_name!r}, which is not a diffusers scheduler")
    scheduler = scheduler_class.from_pretrained(root / "scheduler", local_files_only=True)
    if not hasattr(scheduler, "alphas_cumprod"):
        raise ValueError(
            f"{root}/scheduler is a {scheduler_name} without alphas_cumprod: score distillation needs a "
            "DDPM-style noise schedule (Stable Diffusion 1.x / 2.x), not a flow-matching one"
        )
    prediction_type = scheduler.config.get("prediction_type", "epsilon")
    if prediction_type not in ("epsilon", "v_prediction"):
        raise ValueError(f"{root}: the UNet predicts {prediction_type!r}; only epsilon and v_prediction work")
    unet = UNet2DConditionModel.from_pretrained(root / "unet", torch_dtype=dtype, local_files_only=True)
    vae = AutoencoderKL.from_pretrained(root / "vae", torch_dtype=dtype, local_files_only=True)
    text_encoder = CLIPTextModel.from_pretrained(root / "text_encoder", local_files_only=True)
    tokenizer = CLIPTokenizer.from_pretrained(root / "tokenizer", local_files_only=True)
    if unet.config["addition_embed_type"] is not None:
        raise ValueError(
            f"{root}: the UNet also wants {unet.config['addition_embed_type']!r} conditioning (SDXL and "
            "the like); only Stable Diffusion 1.x / 2.x folders are supported"
        )
    if unet.config["in_channels"] != vae.config["latent_channels"]:
        raise ValueError(
            f"{root}: the UNet takes {unet.config['in_channels']} channels but the VAE makes "
            f"{vae.config['latent_channels']}"
        )
    if unet.config["cross_attention_dim"] != text_encoder.config.hidden_size:
        raise ValueError(
            f"{root}: the UNet attends to {unet.config['cross_attention_dim']}-wide text states but the text "
            f"encoder makes {text_encoder.config.hidden_size}-wide ones"
        )
    for model in (unet, vae):  # loaded in `dtype`: diffusers warns when a model is cast after loading
        model.requires_grad_(False).to(device)
    encoder: torch.nn.Module = text_encoder  # as a Module: mypy misreads transformers' decorated `to`
    encoder.requires_grad_(False).to(device=device, dtype=dtype)
    return SdPrior(
        unet=unet,
        vae=vae,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        alphas_cumprod=torch.as_tensor(scheduler.alphas_cumprod, dtype=torch.float32),
        prediction_type=prediction_type,
        folder=root,
        device=torch.device(device),
        dtype=dtype,
    )


@functools.lru_cache(maxsize=1)  # one prior (GBs, on the GPU where there is one); another folder replaces it
def shared_prior(folder: str) -> SdPrior:
    """`folder`'s prior on the GPU in float16 where CUDA works, else on the CPU in float32; the last folder's
    is kept, since the graph may refine in several rounds and a process may run many times."""
    if torch.cuda.is_available():
        return load_sd_prior(folder, "cuda", torch.float16)
    return load_sd_prior(folder)


# ------------------------------------------------------------------------------------------------ SDS


@dataclass(frozen=True)
class SdsStep:
    """One optimisation step, as the progress callback sees it."""

    step: int  # 0-based
    steps: int
    stage: Literal["scale", "offsets"]
    t: int
    """The train step of this step's noise level, drawn from t_range ..."""
    t_range: tuple[int, int]
    sds_loss: float
    constraint_loss: float
    """Weighted by tools.refine.render_compare.WEIGHTS and SdsSettings.constraint_weight."""


def render_views(
    problem: Problem, scale: Tensor, keys: Tensor, background: Tensor
) -> tuple[Tensor, list[Screen]]:
    """Every key frame of the whole assets composed with this scale [E] and these keyframe offsets [K, 3]
    over `background` [3], rendered differentiably: the frames [V, 3, H, W] in 0..1 (the padded canvas cut
    to the frame) and what each view shows of every instance (tools.refine.render_compare's constraint terms
    read that).
    One pass gives both: the rasterizer blends each entity's alone-alpha along with the image."""
    canvas = problem.canvas
    frames, screens = [], []
    for view in problem.views:
        whole = view.whole
        means, scales = whole.refined(view.roots, scale, displacements(problem, view.weights, keys, scale))
        out = rasterize_torch(
            means, whole.quats, scales, whole.opacities, whole.colors, view.viewmat[None], view.K[None],
            *canvas.size, backgrounds=background[None], entity_ids=whole.owner, num_entities=len(problem.ids),
        )  # fmt: skip
        screens.append(measure(canvas, out.entity_alphas[0], out.entity_depths[0]))
        rows = slice(canvas.pad_y, canvas.pad_y + canvas.height)
        columns = slice(canvas.pad_x, canvas.pad_x + canvas.width)
        frames.append(out.colors[0, rows, columns].permute(2, 0, 1))  # [3, H, W]
    return torch.stack(frames).clamp(0.0, 1.0), screens


def prior_size(prior: SdPrior, width: int, height: int) -> tuple[int, int]:
    """(height, width) the prior sees a width x height frame at: the longer side at the prior's
    resolution, the other keeping the aspect ratio, both multiples of the VAE's factor (the UNet takes any
    latent size)."""
    factor, side = prior.vae_factor, prior.resolution
    shorter = max(factor, round(side * min(width, height) / max(width, height) / factor) * factor)
    return (shorter, side) if width >= height else (side, shorter)


def score_distillation(
    prior: SdPrior, images: Tensor, prompt: Tensor, t: int, generator: torch.Generator, guidance_scale: float
) -> Tensor:
    """DreamFusion's SDS loss of images [V, 3, H, W] (0..1, at a size prior_size gives) for the prompt
    embedding [1, L, D] at train step t: its value is ½‖w·(ε̂ − ε)‖² / V and its gradient in the latents is
    w(t)·(ε̂ − ε), which backward() carries through the VAE encoder into the images."""
    batch = images.shape[0]
    # The posterior's mean: the only noise SDS needs is the ε it adds below.
    latents = prior.vae.encode(images.to(prior.device, prior.dtype) * 2.0 - 1.0).latent_dist.mean
    latents = latents.float() * prior.vae.config["scaling_factor"]  # [V, 4, h, w]
    alpha = float(prior.alphas_cumprod[t])
    noise = torch.randn(latents.shape, generator=generator).to(prior.device)  # [V, 4, h, w]
    with torch.no_grad():
        noisy = math.sqrt(alpha) * latents + math.sqrt(1.0 - alpha) * noise  # [V, 4, h, w]
        embeddings = torch.cat([prompt.expand(batch, -1, -1), prior.empty.expand(batch, -1, -1)])
        timestep = torch.tensor(t, device=prior.device)
        output = prior.unet(torch.cat([noisy, noisy]).to(prior.dtype), timestep, embeddings).sample.float()
        conditional, unconditional = output.chunk(2)  # [V, 4, h, w] each
        predicted = unconditional + guidance_scale * (conditional - unconditional)
        if prior.prediction_type == "v_prediction":  # v = √ᾱ·ε − √(1−ᾱ)·z, so ε = √(1−ᾱ)·z_t + √ᾱ·v
            predicted = math.sqrt(1.0 - alpha) * noisy + math.sqrt(alpha) * predicted
        gradient = torch.nan_to_num((1.0 - alpha) * (predicted - noise))  # [V, 4, h, w]
    target = (latents - gradient).detach()
    return 0.5 * (latents - target).square().sum() / batch


def refine_layout_sds(
    plan: Plan,
    layout: Layout,
    motion: Motion,
    assets: dict[str, Gaussians],
    settings: RunSettings,
    prior: SdPrior,
    config: SdsSettings | None = None,
    *,
    failed: Sequence[Check] = (),
    on_step: Callable[[SdsStep], None] | None = None,
) -> Refinement:
    """Refine every instance's scale, then its keyframe offsets, by score distillation from `prior` for the
    plan's prompt, under tools.refine.render_compare's constraints (with the targets of `failed`, the
    critic's failed checks
    routed to layout); see the module docstring. `assets` holds each placed instance's Gaussians; `config` is
    `settings.sds` unless given. Deterministic for a given `settings.seed` on a given device."""
    config = settings.sds if config is None else config
    start = time.perf_counter()
    refine_config = RefineSettings(width_px=config.width_px, key_frames=config.key_frames)
    prepared = prepare(plan, layout, motion, assets, settings, failed, config=refine_config)
    problem = prepared.problem
    run = _distil(prepared, prior, prior.embed(plan.prompt), settings.seed, config, on_step)
    with torch.no_grad():
        scale, keys = decode(problem, run.raw_scale, run.raw_offsets)
        screens = render_views(problem, scale, keys, torch.tensor(config.background))[1]
        after = _weighted(prepared.loss(run.raw_scale, run.raw_offsets, screens)[1], config)
        refined_layout, refined_motion, shifts = apply_refinement(
            problem, layout, motion, scale, keys, settings
        )
    window = max(1, config.steps // 10)  # SDS losses are noisy: report means over a tenth of the steps
    before = run.constraints_before | {"sds": sum(s.sds_loss for s in run.history[:window]) / window}
    after |= {"sds": sum(s.sds_loss for s in run.history[-window:]) / window}
    scales = dict(zip(problem.ids, scale.tolist(), strict=True))
    canvas, (height, width) = problem.canvas, prior_size(prior, problem.canvas.width, problem.canvas.height)
    summary = (
        f"score distillation from {prior.folder.name} (guidance {config.guidance_scale:g}): "
        f"{describe_changes(scales, shifts)}; SDS loss {before['sds']:.3g} -> {after['sds']:.3g} (means of "
        f"the first and last {window} steps), constraints {describe_terms(before, after) or 'all met'}; "
        f"{config.steps} steps ({run.scale_steps} scale, {config.steps - run.scale_steps} offsets) on "
        f"{len(problem.views)} key frames at {canvas.width}x{canvas.height}, seen at {width}x{height}"
    )
    return Refinement(
        layout=refined_layout.model_copy(update={"notes": [*layout.notes, f"refine: {summary}"]}),
        motion=refined_motion,
        scale=scales,
        shift_m=shifts,
        loss_before=sum(before.values()),
        loss_after=sum(after.values()),
        terms_before=before,
        terms_after=after,
        seconds=time.perf_counter() - start,
        summary=summary,
    )


@dataclass(frozen=True)
class _Run:
    """What the optimisation ended with and went through."""

    raw_scale: Tensor  # [E]
    raw_offsets: Tensor  # [P, 3]
    scale_steps: int
    history: list[SdsStep]
    constraints_before: dict[str, float]
    """The weighted constraint terms of the unrefined layout (the first step's)."""


def _distil(
    prepared: Prepared,
    prior: SdPrior,
    prompt: Tensor,
    seed: int,
    config: SdsSettings,
    on_step: Callable[[SdsStep], None] | None,
) -> _Run:
    """The optimisation: `config.steps` Adam steps on the scales, then on the offsets, of the SDS loss for
    the prompt embedding [1, L, D] plus the weighted constraint loss, from the unrefined layout."""
    problem = prepared.problem
    background = torch.tensor(config.background)  # [3]
    size = prior_size(prior, problem.canvas.width, problem.canvas.height)
    generator = torch.Generator().manual_seed(seed)
    raw_scale = torch.zeros(len(problem.ids), requires_grad=True)  # [E]
    raw_offsets = torch.zeros(len(problem.bounds), 3, requires_grad=True)  # [P, 3]
    optimisers = {"scale": Adam([raw_scale], ADAM_BETAS), "offsets": Adam([raw_offsets], ADAM_BETAS)}
    scale_steps = round(config.scale_fraction * config.steps)
    history: list[SdsStep] = []
    constraints_before: dict[str, float] = {}
    for step in range(config.steps):
        stage: Literal["scale", "offsets"] = "scale" if step < scale_steps else "offsets"
        first, length = (0, scale_steps) if stage == "scale" else (scale_steps, config.steps - scale_steps)
        scale, keys = decode(problem, raw_scale, raw_offsets)  # [E], [K, 3]
        images, screens = render_views(problem, scale, keys, background)  # [V, 3, H, W], V screens
        low, high = config.t_range(step, len(prior.alphas_cumprod))
        t = int(torch.randint(low, high + 1, (), generator=generator))
        resized = F.interpolate(images, size=size, mode="bilinear", align_corners=False)  # [V, 3, h, w]
        sds = score_distillation(prior, resized, prompt, t, generator, config.guidance_scale)
        constraint, terms = prepared.loss(raw_scale, raw_offsets, screens, (step + 1) / config.steps)
        (sds + config.constraint_weight * constraint).backward()
        optimisers[stage].step(config.learning_rate * (1.0 - (step - first) / length))
        raw_scale.grad = raw_offsets.grad = None  # the other stage's parameters wait
        if step == 0:  # the unrefined layout
            constraints_before = _weighted(terms, config)
        weighted = config.constraint_weight * constraint.item()
        history.append(SdsStep(step, config.steps, stage, t, (low, high), sds.item(), weighted))
        if on_step is not None:
            on_step(history[-1])
    return _Run(raw_scale.detach(), raw_offsets.detach(), scale_steps, history, constraints_before)


def _weighted(terms: dict[str, Tensor], config: SdsSettings) -> dict[str, float]:
    """tools.refine.render_compare's unweighted constraint terms as they enter the loss."""
    return {name: config.constraint_weight * WEIGHTS[name] * value.item() for name, value in terms.items()}
