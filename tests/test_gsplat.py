"""The gsplat backend: its plumbing on any machine (through a stand-in for gsplat), parity on CUDA."""

from typing import Any

import pytest
import torch
from torch import Tensor

from scenewright.tools.render.rasterize import RenderOutput, rasterize_reference
from scenewright.tools.render.rasterize_gsplat import _render, rasterize_gsplat
from scenewright.tools.scene.camera import intrinsics, look_at

WIDTH, HEIGHT = 20, 14
NUM_ENTITIES = 4
"""Entity 3 owns no Gaussian: its alone images must be empty."""


def scene(seed: int, n: int = 40) -> dict[str, Any]:
    """Overlapping Gaussians seen by two cameras, one with a background and an off-centre principal point."""
    g = torch.Generator().manual_seed(seed)
    eyes = [(0.0, 0.5, 4.0), (2.0, 1.0, 3.0)]
    Ks = torch.stack([intrinsics(60.0, WIDTH, HEIGHT)] * 2)  # [2, 3, 3]
    Ks[1, 0, 2], Ks[1, 1, 2] = 0.3 * WIDTH, 0.6 * HEIGHT
    opacities = torch.rand(n, generator=g) * 0.97 + 0.02  # [N]
    opacities[:3] = torch.tensor([1.0, 1.0 / 255.0, 0.003])  # capped, at and under the 1/255 cut
    return {
        "means": torch.randn(n, 3, generator=g) * torch.tensor([1.0, 0.7, 0.8]),
        "quats": torch.randn(n, 4, generator=g),
        "scales": torch.exp(torch.randn(n, 3, generator=g) * 0.5 - 1.6),
        "opacities": opacities,
        "colors": torch.rand(n, 3, generator=g),
        "viewmats": torch.stack([look_at(torch.tensor(eye), torch.zeros(3)) for eye in eyes]),
        "Ks": Ks,
        "width": WIDTH,
        "height": HEIGHT,
        "backgrounds": torch.tensor([[0.0, 0.0, 0.0], [0.2, 0.5, 0.9]]),
        "entity_ids": torch.randint(-1, NUM_ENTITIES - 1, (n,), generator=g),
        "num_entities": NUM_ENTITIES,
    }


def fake_gsplat_rasterization(
    means: Tensor,  # [..., N, 3]
    quats: Tensor,  # [..., N, 4]
    scales: Tensor,  # [..., N, 3]
    opacities: Tensor,  # [..., N]
    colors: Tensor,  # [..., N, D]
    viewmats: Tensor,  # [..., C, 4, 4]
    Ks: Tensor,  # [..., C, 3, 3]
    width: int,
    height: int,
    *,
    render_mode: str,
    backgrounds: Tensor | None = None,  # [..., C, 3]
    **settings: Any,
) -> tuple[Tensor, Tensor, dict[str, Any]]:
    """gsplat 1.5.3 `rasterization`'s contract (batch dimensions, "RGB+ED" / "ED" layouts) on the oracle."""
    assert settings["eps2d"] == 0.3 and settings["rasterize_mode"] == "classic"
    batch, n, num_cameras = means.shape[:-2], means.shape[-2], viewmats.shape[-3]
    # gsplat 1.5.3 checks backgrounds against the packed layout's shape, so packed mode cannot take them
    assert backgrounds is None or not settings["packed"], "gsplat rejects backgrounds when packed=True"
    if render_mode == "ED":  # gsplat renders the depth instead of the colours
        colors = torch.zeros(*batch, n, 3)
    if backgrounds is None:
        backgrounds = torch.zeros(*batch, num_cameras, 3)

    def flat(t: Tensor, dims: int) -> Tensor:
        """[..., *last dims] -> [B, *last dims]"""
        return t.reshape(-1, *t.shape[t.dim() - dims :])

    renders, alphas = [], []
    for args in zip(
        flat(means, 2), flat(quats, 2), flat(scales, 2), flat(opacities, 1), flat(colors, 2),
        flat(viewmats, 3), flat(Ks, 3), strict=True,
    ):  # fmt: skip
        out = rasterize_reference(
            *args, width, height, backgrounds=flat(backgrounds, 2)[len(renders)],
            near_plane=settings["near_plane"], far_plane=settings["far_plane"],
        )  # fmt: skip
        depth = out.depths[..., None]  # [C, H, W, 1]
        renders.append(torch.cat([out.colors, depth], -1) if render_mode == "RGB+ED" else depth)
        alphas.append(out.alphas[..., None])
    shape = (*batch, num_cameras, height, width)
    return torch.stack(renders).reshape(*shape, -1), torch.stack(alphas).reshape(*shape, 1), {}


def assert_same_frames(tested: RenderOutput, reference: RenderOutput) -> None:
    """Colour within 1/255, depth within 1e-3 relative where solid, (nearly) the same instance ids."""
    for name in ("colors", "alphas", "entity_alphas"):
        torch.testing.assert_close(getattr(tested, name), getattr(reference, name), atol=1 / 255, rtol=0)
    solid = reference.alphas > 0.5  # [C, H, W]
    torch.testing.assert_close(tested.depths[solid], reference.depths[solid], rtol=1e-3, atol=0)
    alone = reference.entity_alphas > 0.5  # [C, H, W, E]
    torch.testing.assert_close(tested.entity_depths[alone], reference.entity_depths[alone], rtol=1e-3, atol=0)
    assert tested.instance_ids.dtype == torch.int64
    assert (tested.instance_ids == reference.instance_ids).float().mean() > 0.99


@pytest.mark.parametrize("seed", [0, 1])
def test_gsplat_passes_give_the_reference_frames(seed: int) -> None:
    """The gsplat calls (the scene, then each entity alone) through a stand-in built on the reference."""
    s = scene(seed)
    inputs = [s.pop(k) for k in ("means", "quats", "scales", "opacities", "colors", "viewmats", "Ks")]
    width, height = s.pop("width"), s.pop("height")
    reference = rasterize_reference(*inputs, width, height, **s)
    tested = _render(fake_gsplat_rasterization, *inputs, width, height, near_plane=0.01, far_plane=1e10, **s)
    torch.testing.assert_close(tested.colors, reference.colors, atol=1e-6, rtol=0)
    torch.testing.assert_close(tested.entity_alphas, reference.entity_alphas, atol=1e-6, rtol=0)
    torch.testing.assert_close(tested.entity_depths, reference.entity_depths, atol=1e-5, rtol=1e-6)
    assert torch.equal(tested.instance_ids, reference.instance_ids)
    assert tested.entity_alphas[..., 3].max() == 0  # the entity without Gaussians
    assert (tested.instance_ids >= 0).any()


cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="gsplat renders on CUDA only")


@cuda
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gsplat_matches_the_reference(seed: int) -> None:
    pytest.importorskip("gsplat")
    s = scene(seed)
    args = [s.pop(k) for k in ("means", "quats", "scales", "opacities", "colors", "viewmats", "Ks")]
    width, height = s.pop("width"), s.pop("height")
    tested = rasterize_gsplat(*args, width, height, **s)
    assert tested.colors.device.type == "cpu"  # CPU in, CPU out
    assert_same_frames(tested, rasterize_reference(*args, width, height, **s))


@cuda
def test_gsplat_keeps_cuda_inputs_on_cuda() -> None:
    pytest.importorskip("gsplat")
    s = scene(0)
    args = [s.pop(k).cuda() for k in ("means", "quats", "scales", "opacities", "colors", "viewmats", "Ks")]
    width, height = s.pop("width"), s.pop("height")
    tested = rasterize_gsplat(*args, width, height, entity_ids=s["entity_ids"].cuda(), num_entities=4)
    assert all(value.device.type == "cuda" for value in vars(tested).values())
