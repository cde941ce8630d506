"""Score-distillation refinement (tools.refine.sds) on a tiny random Stable Diffusion built here, and the
graph's
use of it. The models are random, so these tests check the code path (loading, gradients, bounds, the t
schedule, determinism, selection), not that a real prior improves a layout."""

import dataclasses
import json
import string
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch
from offline_scene import offline_scene

from scenewright import RunSettings, generate
from scenewright.cli import build_parser, run_settings_from
from scenewright.graphs.context import GenerateContext
from scenewright.graphs.generate import after_motion
from scenewright.graphs.preflight import check_run_settings
from scenewright.schema import Check
from scenewright.settings import RefineSettings, SdsSettings
from scenewright.tools.refine import render_compare as refine
from scenewright.tools.refine.sds import (
    load_sd_prior,
    prior_size,
    refine_layout_sds,
    render_views,
    score_distillation,
)

SETTINGS = RunSettings(seed=0, fps=4, duration_s=1.0, width=160, height=90, renderer="cpu")
PROMPT = "a dog to the left of a ball"
CONFIG = SdsSettings(
    steps=3, scale_fraction=1 / 3, learning_rate=5.0, t_min=0.1, t_max=0.9, t_max_end=0.3, width_px=32,
    key_frames=2,
)  # fmt: skip  # a learning rate far too large for use, so that the bounds are what holds the parameters


def write_tokenizer_files(folder: Path) -> None:
    """A byte-level BPE vocabulary of single letters plus merges spelling the prompt's words."""
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    for letter in string.ascii_lowercase:
        vocab[letter] = len(vocab)
        vocab[f"{letter}</w>"] = len(vocab)
    merges = ["#version: 0.2"]
    for word in PROMPT.split():
        piece = word[0]
        for k, letter in enumerate(word[1:], start=1):
            following = letter + ("</w>" if k == len(word) - 1 else "")
            merges.append(f"{piece} {following}")
            piece += following
            vocab.setdefault(piece, len(vocab))
    folder.mkdir(parents=True)
    (folder / "vocab.json").write_text(json.dumps(vocab))
    (folder / "merges.txt").write_text("\n".join(merges) + "\n")


@pytest.fixture(scope="module")
def sd_folder(tmp_path_factory) -> Path:
    """A tiny random Stable Diffusion in diffusers' folder layout, each part saved with save_pretrained."""
    # the modules themselves: diffusers' top level types its classes as its no-torch placeholders
    from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL
    from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel
    from diffusers.schedulers.scheduling_ddpm import DDPMScheduler
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer

    root = tmp_path_factory.mktemp("tiny-sd")
    write_tokenizer_files(root / "tokenizer-files")
    with torch.random.fork_rng():
        torch.manual_seed(0)
        UNet2DConditionModel(
            block_out_channels=(32, 64), layers_per_block=1, sample_size=8, in_channels=4, out_channels=4,
            down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
            up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"), cross_attention_dim=32,
        ).save_pretrained(root / "sd" / "unet")  # fmt: skip
        AutoencoderKL(
            block_out_channels=(32, 64), in_channels=3, out_channels=3, latent_channels=4,
            down_block_types=("DownEncoderBlock2D",) * 2, up_block_types=("UpDecoderBlock2D",) * 2,
        ).save_pretrained(root / "sd" / "vae")  # fmt: skip
        text = CLIPTextConfig(
            bos_token_id=0, eos_token_id=1, pad_token_id=1, hidden_size=32, intermediate_size=37,
            num_attention_heads=4, num_hidden_layers=2, vocab_size=1000,
        )  # fmt: skip
        CLIPTextModel(text).save_pretrained(root / "sd" / "text_encoder")
    tokenizer = CLIPTokenizer.from_pretrained(root / "tokenizer-files", model_max_length=77)
    tokenizer.save_pretrained(root / "sd" / "tokenizer")
    scheduler = DDPMScheduler(beta_schedule="scaled_linear", beta_start=0.00085, beta_end=0.012)
    scheduler.save_pretrained(root / "sd" / "scheduler")
    return root / "sd"


@pytest.fixture(scope="module")
def prior(sd_folder):
    return load_sd_prior(sd_folder)


@pytest.fixture(scope="module")
def dog_and_ball():
    """(plan, Gaussians per instance, layout, motion) of the offline agents."""
    return offline_scene(PROMPT, SETTINGS)


@pytest.fixture(scope="module")
def distilled(dog_and_ball, prior):
    """A refinement and the steps it reported."""
    steps = []
    plan, assets, layout, motion = dog_and_ball
    result = refine_layout_sds(plan, layout, motion, assets, SETTINGS, prior, CONFIG, on_step=steps.append)
    return result, steps


def test_a_stable_diffusion_folder_loads_with_its_schedule_and_prompt_embeddings(prior):
    assert prior.resolution == 16  # sample_size 8 latents, 2 pixels per latent
    assert prior.prediction_type == "epsilon"
    assert len(prior.alphas_cumprod) == 1000 and (prior.alphas_cumprod.diff() < 0).all()
    assert not any(p.requires_grad for p in prior.unet.parameters())
    dog = prior.embed(PROMPT)
    assert dog.shape == prior.empty.shape == (1, 77, 32)
    assert not torch.equal(dog, prior.empty)
    assert prior_size(prior, 160, 90) == (8, 16)  # (height, width): the longer side at 16, multiples of 2


def test_a_folder_that_is_not_stable_diffusion_is_refused_in_one_line(sd_folder, tmp_path):
    for part in ("vae", "text_encoder", "tokenizer", "scheduler"):  # everything but the UNet
        (tmp_path / part).symlink_to(sd_folder / part)
    with pytest.raises(ValueError, match=r"not a Stable Diffusion folder.*no unet/config\.json"):
        load_sd_prior(tmp_path)
    with pytest.raises(ValueError, match=r"--sd-model: .*no unet/config\.json"):
        check_run_settings(RunSettings(sd_model=str(tmp_path)))
    with pytest.raises(ValueError, match=r"--sd-model: .* is not a folder"):
        check_run_settings(RunSettings(sd_model=str(tmp_path / "missing")))


def test_without_diffusers_the_error_names_the_extra(sd_folder, monkeypatch):
    monkeypatch.setitem(sys.modules, "diffusers", None)
    with pytest.raises(ImportError, match=r"pip install 'scenewright\[diffusion\]'"):
        load_sd_prior(sd_folder)
    with pytest.raises(ValueError, match=r"--sd-model: .*pip install 'scenewright\[diffusion\]'"):
        check_run_settings(RunSettings(sd_model=str(sd_folder)))


def test_the_sds_gradient_reaches_every_scale_and_ground_offset(dog_and_ball, prior):
    plan, assets, layout, motion = dog_and_ball
    config = RefineSettings(width_px=CONFIG.width_px, key_frames=CONFIG.key_frames)
    problem = refine.prepare(plan, layout, motion, assets, SETTINGS, [], config=config).problem
    raw_scale = torch.zeros(len(problem.ids), requires_grad=True)
    raw_offsets = torch.zeros(len(problem.bounds), 3, requires_grad=True)
    images, _ = render_views(problem, *refine.decode(problem, raw_scale, raw_offsets), torch.full((3,), 0.5))
    resized = torch.nn.functional.interpolate(images, size=prior_size(prior, 32, 18), mode="bilinear")
    generator = torch.Generator().manual_seed(0)
    score_distillation(prior, resized, prior.embed(PROMPT), 500, generator, 100.0).backward()
    assert raw_scale.grad is not None and raw_offsets.grad is not None
    assert torch.isfinite(raw_scale.grad).all() and (raw_scale.grad != 0).all()
    ground = raw_offsets.grad[:, [0, 2]]
    assert torch.isfinite(ground).all() and (ground != 0).all()
    assert (raw_offsets.grad[:, 1] == 0).all()  # walkers do not leave the ground


def test_scales_and_offsets_stay_within_their_c3v_bounds(dog_and_ball, distilled):
    _, _, layout, motion = dog_and_ball
    result, _ = distilled
    half = refine.SCALE_SPAN / 2
    assert all(1 - half <= factor <= 1 + half for factor in result.scale.values())
    assert any(abs(factor - 1) > 0.01 for factor in result.scale.values())  # it did move
    before = {p.entity: p for p in layout.placements}
    for placement in result.layout.placements:
        ratio = placement.extent_m[1] / before[placement.entity].extent_m[1]
        assert ratio == pytest.approx(result.scale[placement.entity], rel=1e-5)
    tracks = {t.entity: t for t in motion.tracks}
    for track in result.motion.tracks:
        extent = before[track.entity].extent_m
        bound = max(refine.OFFSET_MIN_M, refine.OFFSET_BODY_LENGTHS * max(extent[0], extent[2]))
        for old, new in zip(tracks[track.entity].keyframes, track.keyframes, strict=True):
            moved = torch.tensor(new.position) - torch.tensor(old.position)
            assert (moved[[0, 2]].abs() <= bound + 1e-6).all()
            assert moved[1] == 0  # still on the ground
    assert max(result.shift_m.values()) > 0.01


def test_t_is_drawn_under_an_upper_end_that_anneals_and_the_scale_comes_first(distilled):
    _, steps = distilled
    assert [s.stage for s in steps] == ["scale", "offsets", "offsets"]
    # t_min 0.1; t_max falls linearly from 0.9 to 0.3 (t_max_end) of the 1000 train steps
    assert [s.t_range for s in steps] == [(100, 900), (100, 600), (100, 300)]
    assert all(low <= s.t <= high for s in steps for low, high in [s.t_range])
    assert all(s.sds_loss > 0 and s.constraint_loss >= 0 for s in steps)


def test_score_distillation_is_deterministic_for_a_seed(dog_and_ball, prior, distilled):
    plan, assets, layout, motion = dog_and_ball
    first, first_steps = distilled
    steps = []
    again = refine_layout_sds(plan, layout, motion, assets, SETTINGS, prior, CONFIG, on_step=steps.append)
    assert again.layout == first.layout and again.motion == first.motion
    assert [s.t for s in steps] == [s.t for s in first_steps]
    assert again.terms_after == first.terms_after
    assert again.layout.notes[-1] == f"refine: {again.summary}"
    assert again.summary.startswith("score distillation from sd (guidance 100)")


def test_the_scale_stage_alone_leaves_every_keyframe_where_it_was(dog_and_ball, prior):
    plan, assets, layout, motion = dog_and_ball
    config = SdsSettings(steps=2, scale_fraction=1.0, learning_rate=1.0, width_px=32, key_frames=2)
    result = refine_layout_sds(plan, layout, motion, assets, SETTINGS, prior, config)
    assert any(abs(factor - 1) > 1e-3 for factor in result.scale.values())
    for old, new in zip(motion.tracks, result.motion.tracks, strict=True):
        assert [k.position[::2] for k in new.keyframes] == [k.position[::2] for k in old.keyframes]


def test_an_sds_config_out_of_order_is_refused():
    with pytest.raises(ValueError, match="t_min <= t_max_end <= t_max"):
        SdsSettings(t_min=0.5, t_max_end=0.2)
    with pytest.raises(ValueError, match="key_frames >= 2"):
        SdsSettings(key_frames=1)


def test_a_prior_also_refines_before_the_first_render(sd_folder):
    with_prior = SimpleNamespace(context=GenerateContext(settings=RunSettings(sd_model=str(sd_folder))))
    failed = Check(name="relation:left_of", passed=False, score=0.0, message="", route="layout")
    motion_only = Check(name="motion:left", passed=False, score=0.0, message="", route="motion")
    assert after_motion({"feedback": []}, runtime=with_prior) == "refine"  # the first round
    assert after_motion({"feedback": [motion_only], "critique": [object()]}, runtime=with_prior) == "render"
    assert after_motion({"feedback": [failed], "critique": [object()]}, runtime=with_prior) == "refine"
    assert after_motion({"feedback": []}, runtime=SimpleNamespace(context=GenerateContext())) == "render"


def test_sd_model_on_the_command_line_reaches_the_settings(sd_folder):
    args = build_parser().parse_args(["generate", PROMPT, "-o", "out", "--sd-model", str(sd_folder)])
    assert run_settings_from(args).sd_model == str(sd_folder)


def test_the_graph_distils_when_the_run_names_a_stable_diffusion_folder(sd_folder, tmp_path):
    settings = RunSettings(
        seed=0,
        fps=2,
        duration_s=1.0,
        width=64,
        height=64,
        max_rounds=1,
        renderer="cpu",
        sd_model=str(sd_folder),
        sds=SdsSettings(steps=2, width_px=32, key_frames=2),
    )
    events = []
    result = generate(PROMPT, tmp_path / "out", settings, on_event=events.append)
    refine_events = [e["message"] for e in events if e["stage"] == "refine" and e["round"] == 1]
    assert refine_events[0] == "started" and any(m.startswith("SDS step 2/2") for m in refine_events)
    notes = [note for note in result.scene.layout.notes if note.startswith("refine: ")]
    assert len(notes) == 1 and notes[0].startswith("refine: score distillation from sd")
    report = (tmp_path / "out" / "report.md").read_text()
    assert "round 1 · refine: score distillation" in report


@pytest.mark.parametrize("prediction_type", ["epsilon", "v_prediction"])
def test_a_perfect_denoiser_leaves_nothing_to_distil(prior, prediction_type):
    """A UNet that predicts exactly the noise added (as ε, or as v = √ᾱ·ε − √(1−ᾱ)·z) gives a zero SDS
    gradient at any guidance: the loss reads the prediction in the prior's own parametrisation."""
    images = torch.rand(2, 3, 8, 16, generator=torch.Generator().manual_seed(1))
    t, alpha = 400, float(prior.alphas_cumprod[400])
    generator = torch.Generator().manual_seed(2)
    noise = torch.randn((2, 4, 4, 8), generator=torch.Generator().set_state(generator.get_state()))

    def denoiser(sample, timestep, states):
        clean = (sample - (1 - alpha) ** 0.5 * noise.repeat(2, 1, 1, 1)) / alpha**0.5
        v = alpha**0.5 * noise.repeat(2, 1, 1, 1) - (1 - alpha) ** 0.5 * clean
        return SimpleNamespace(sample=noise.repeat(2, 1, 1, 1) if prediction_type == "epsilon" else v)

    perfect = dataclasses.replace(prior, unet=denoiser, prediction_type=prediction_type)
    loss = score_distillation(perfect, images, prior.embed(PROMPT), t, generator, 100.0)
    assert float(loss) < 1e-8
