import math

import pytest
import torch

from scenewright.tools.render.rasterize import RenderOutput, over, rasterize_reference, rasterize_torch
from scenewright.tools.scene.camera import intrinsics, look_at

WIDTH, HEIGHT = 24, 16
EYES = [(0.0, 0.5, 4.0), (2.5, 1.0, 2.5), (-1.0, -0.5, 3.0)]


def cameras(width: int = WIDTH, height: int = HEIGHT) -> tuple[torch.Tensor, torch.Tensor]:
    """Three cameras around the origin; the last has an off-centre principal point."""
    viewmats = torch.stack([look_at(torch.tensor(eye), torch.zeros(3)) for eye in EYES])  # [3, 4, 4]
    Ks = torch.stack([intrinsics(60.0, width, height)] * 3)  # [3, 3, 3]
    Ks[2, 0, 2], Ks[2, 1, 2] = 0.3 * width, 0.7 * height
    return viewmats, Ks


def random_scene(seed: int, n: int = 50, num_entities: int = 3) -> dict[str, torch.Tensor]:
    """Overlapping Gaussians plus the awkward cases: near-plane crossing, behind the camera, off screen,
    huge, and opacities around the 1/255 cut-off."""
    g = torch.Generator().manual_seed(seed)
    means = torch.randn(n, 3, generator=g) * torch.tensor([1.2, 0.8, 1.0])  # [N, 3]
    scales = torch.exp(torch.randn(n, 3, generator=g) * 0.6 - 1.8)  # [N, 3]
    opacities = torch.rand(n, generator=g) * 0.97 + 0.02  # [N]
    eye, forward = torch.tensor(EYES[0]), -torch.nn.functional.normalize(torch.tensor(EYES[0]), dim=0)
    means[0] = eye + 0.05 * forward  # crosses the near plane
    scales[0] = 0.2
    means[1] = eye + 0.005 * forward  # nearer than the near plane: culled
    means[2] = eye - 0.5 * forward  # behind the camera
    means[3] = torch.tensor([9.0, 0.0, 0.0])  # far off screen, large: clamped Jacobian
    scales[3] = torch.tensor([2.0, 0.5, 1.0])
    means[4] = torch.tensor([0.0, 0.0, -30.0])  # huge and far behind everything
    scales[4] = 8.0
    opacities[5:9] = torch.tensor([0.002, 1.0 / 255.0, 0.0045, 0.01])
    opacities[9] = 1.0  # alpha capped at 0.999
    entity_ids = torch.randint(-1, num_entities, (n,), generator=g)
    entity_ids[:5] = torch.arange(5) % num_entities  # the awkward cases belong to entities too
    return {
        "means": means,
        "quats": torch.randn(n, 4, generator=g),
        "scales": scales,
        "opacities": opacities,
        "colors": torch.rand(n, 3, generator=g),
        "entity_ids": entity_ids,
    }


def render_both(scene: dict[str, torch.Tensor], **kwargs) -> tuple[RenderOutput, RenderOutput]:
    args = [scene[k] for k in ("means", "quats", "scales", "opacities", "colors")]
    return rasterize_torch(*args, **kwargs), rasterize_reference(*args, **kwargs)


def assert_close_renders(fast: RenderOutput, ref: RenderOutput, depth_rtol: float = 1e-3) -> None:
    """Colour within 1/255 per 8-bit channel, alphas within 1/255, depths within `depth_rtol` where solid."""

    def to_8bit(colors: torch.Tensor) -> torch.Tensor:
        return torch.round(colors.clamp(0, 1) * 255)

    assert fast.colors.shape == ref.colors.shape
    assert fast.entity_alphas.shape == fast.entity_depths.shape == ref.entity_alphas.shape
    fast_out, ref_out = ({k: v.detach().double() for k, v in vars(o).items()} for o in (fast, ref))
    assert (to_8bit(fast_out["colors"]) - to_8bit(ref_out["colors"])).abs().max() <= 1
    for alphas, depths in (("alphas", "depths"), ("entity_alphas", "entity_depths")):
        torch.testing.assert_close(fast_out[alphas], ref_out[alphas], atol=1 / 255, rtol=0)
        solid = ref_out[alphas] > 0.5
        torch.testing.assert_close(fast_out[depths][solid], ref_out[depths][solid], rtol=depth_rtol, atol=0)
    assert torch.equal(fast.instance_ids, ref.instance_ids)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_fast_path_matches_reference_on_random_scenes(seed: int) -> None:
    scene = random_scene(seed)
    viewmats, Ks = cameras()
    backgrounds = torch.tensor([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.2, 0.5, 0.9]])
    fast, ref = render_both(
        scene,
        viewmats=viewmats,
        Ks=Ks,
        width=WIDTH,
        height=HEIGHT,
        backgrounds=backgrounds,
        entity_ids=scene["entity_ids"],
        num_entities=3,
    )
    assert fast.entity_alphas.shape == (3, HEIGHT, WIDTH, 3)
    assert ref.alphas.max() > 0.9 and ref.alphas.min() < 0.1  # the scene has both cover and holes
    assert_close_renders(fast, ref)


def test_fast_path_matches_reference_across_tiles_without_entities() -> None:
    """40x36 spans 3x3 tiles with partial edge tiles; no entities gives empty entity outputs."""
    scene = random_scene(7, n=60)
    viewmats, Ks = cameras(40, 36)
    fast, ref = render_both(scene, viewmats=viewmats[:1], Ks=Ks[:1], width=40, height=36)
    assert fast.entity_alphas.shape == (1, 36, 40, 0) and (fast.instance_ids == -1).all()
    assert_close_renders(fast, ref)


def test_fast_path_matches_reference_where_pixels_saturate() -> None:
    """Many large, nearly opaque Gaussians: most pixels stop early, at different places in their lists."""
    scene = random_scene(11, n=120)
    scene["scales"] = scene["scales"] * 3
    scene["opacities"] = 0.85 + 0.15 * scene["opacities"]
    viewmats, Ks = cameras()
    fast, ref = render_both(
        scene,
        viewmats=viewmats[:2],
        Ks=Ks[:2],
        width=WIDTH,
        height=HEIGHT,
        entity_ids=scene["entity_ids"],
        num_entities=3,
    )
    assert (ref.alphas > 0.999).float().mean() > 0.5
    assert_close_renders(fast, ref)


def single_gaussian(depth: float, scale: float, opacity: float) -> dict[str, torch.Tensor]:
    return {
        "means": torch.tensor([[0.0, 0.0, depth]]),
        "quats": torch.tensor([[1.0, 0.0, 0.0, 0.0]]),
        "scales": torch.full((1, 3), scale),
        "opacities": torch.tensor([opacity]),
        "colors": torch.tensor([[1.0, 0.5, 0.25]]),
    }


@pytest.mark.parametrize("render", [rasterize_torch, rasterize_reference])
def test_single_isotropic_gaussian_by_hand(render) -> None:
    """On the optical axis the Jacobian is diag(f/z), so cov2d = ((f s / z)^2 + 0.3) I; the mean
    projects onto the corner of pixel (W/2, H/2), whose centre is half a pixel off in x and y."""
    width, height, focal, depth, scale, opacity = 32, 32, 40.0, 4.0, 0.25, 0.8
    K = torch.tensor([[[focal, 0.0, width / 2], [0.0, focal, height / 2], [0.0, 0.0, 1.0]]])
    background = torch.tensor([[0.0, 0.0, 1.0]])
    scene = single_gaussian(depth, scale, opacity)
    out = render(
        **scene, viewmats=torch.eye(4)[None], Ks=K, width=width, height=height, backgrounds=background
    )

    variance = (focal * scale / depth) ** 2 + 0.3
    sigma = 0.5 * (0.5**2 + 0.5**2) / variance
    alpha = min(0.999, opacity * math.exp(-sigma))
    pixel = (0, height // 2, width // 2)
    assert out.alphas[pixel].item() == pytest.approx(alpha, rel=1e-5)
    expected_rgb = [alpha * 1.0, alpha * 0.5, alpha * 0.25 + (1 - alpha)]
    assert out.colors[pixel].tolist() == pytest.approx(expected_rgb, rel=1e-5)
    assert out.depths[pixel].item() == pytest.approx(depth, rel=1e-5)
    assert out.alphas[0, 0, 0].item() == 0.0 and out.depths[0, 0, 0].item() == 0.0
    assert out.colors[0, 0, 0].tolist() == [0.0, 0.0, 1.0]


@pytest.mark.parametrize("render", [rasterize_torch, rasterize_reference])
def test_compositing_stops_before_transmittance_reaches_limit(render) -> None:
    """Opaque Gaussians stacked in depth: the first leaves T = 0.001, the second would take T to 1e-6
    <= 1e-4, so it and everything behind it contribute nothing, although alone each covers the pixel
    (each entity alone is one Gaussian that leaves T = 0.001, above the limit)."""
    depths = torch.tensor([2.0, 3.0, 4.0, 5.0])
    n = depths.shape[0]
    args = {
        "means": torch.stack([torch.zeros(n), torch.zeros(n), depths], dim=-1),
        "quats": torch.tensor([[1.0, 0.0, 0.0, 0.0]]).repeat(n, 1),
        "scales": (depths * 1.5)[:, None].repeat(1, 3),
        "opacities": torch.ones(n),
        "colors": torch.eye(3)[[0, 1, 2, 1]],
    }
    K = intrinsics(60.0, 16, 16)[None]
    out = render(
        **args,
        viewmats=torch.eye(4)[None],
        Ks=K,
        width=16,
        height=16,
        entity_ids=torch.arange(n),
        num_entities=n,
    )
    centre = (0, 8, 8)
    assert out.alphas[centre].item() == pytest.approx(0.999, abs=1e-6)
    assert out.colors[centre].tolist() == pytest.approx([0.999, 0.0, 0.0], abs=1e-6)
    assert out.depths[centre].item() == pytest.approx(2.0, rel=1e-5)
    assert out.entity_alphas[centre].tolist() == pytest.approx([0.999] * n, abs=1e-6)
    assert out.entity_depths[centre].tolist() == pytest.approx(depths.tolist(), rel=1e-5)
    assert out.instance_ids[centre].item() == 0


def test_rejects_bad_inputs() -> None:
    scene = random_scene(0, n=10)
    viewmats, Ks = cameras()
    base = {k: scene[k] for k in ("means", "quats", "scales", "opacities", "colors")}
    with pytest.raises(ValueError, match="quats"):
        rasterize_torch(
            **{**base, "quats": base["quats"][:, :3]}, viewmats=viewmats, Ks=Ks, width=8, height=8
        )
    with pytest.raises(ValueError, match="Ks"):
        rasterize_torch(**base, viewmats=viewmats, Ks=Ks[:2], width=8, height=8)
    with pytest.raises(ValueError, match="entity_ids"):
        rasterize_torch(
            **base,
            viewmats=viewmats,
            Ks=Ks,
            width=8,
            height=8,
            entity_ids=scene["entity_ids"],
            num_entities=1,
        )


def test_gradients_match_finite_differences() -> None:
    """Autograd of the torch path against central differences, in float64, for every input kind.

    The loss weighs colours, alphas, depths and the entity outputs at random, so every path back to the
    parameters is exercised; the scene keeps clear of the discrete cut-offs (1/255, T = 1e-4).
    """
    g = torch.Generator().manual_seed(5)
    n = 6
    params = {
        "means": torch.randn(n, 3, generator=g, dtype=torch.float64) * 0.5,
        "quats": torch.randn(n, 4, generator=g, dtype=torch.float64),
        "scales": torch.rand(n, 3, generator=g, dtype=torch.float64) * 0.3 + 0.2,
        "opacities": torch.rand(n, generator=g, dtype=torch.float64) * 0.5 + 0.3,
        "colors": torch.rand(n, 3, generator=g, dtype=torch.float64),
    }
    viewmats, Ks = cameras(16, 12)
    backgrounds = torch.tensor([[0.2, 0.3, 0.4], [0.9, 0.1, 0.5]], dtype=torch.float64)
    entity_ids = torch.tensor([0, 0, 1, 1, -1, 0])
    weights = [torch.rand(shape, generator=g, dtype=torch.float64) for shape in
               [(2, 12, 16, 3), (2, 12, 16), (2, 12, 16), (2, 12, 16, 2), (2, 12, 16, 2)]]  # fmt: skip

    def loss(p: dict[str, torch.Tensor]) -> torch.Tensor:
        out = rasterize_torch(
            **p, viewmats=viewmats[:2].double(), Ks=Ks[:2].double(), width=16, height=12,
            backgrounds=backgrounds, entity_ids=entity_ids, num_entities=2,
        )  # fmt: skip
        terms = [out.colors, out.alphas, out.depths, out.entity_alphas, out.entity_depths]
        return sum(((w * t).sum() for w, t in zip(weights, terms, strict=True)), torch.zeros(()))

    leaves = {k: v.clone().requires_grad_(True) for k, v in params.items()}
    loss(leaves).backward()
    step = 1e-6
    for name, value in params.items():
        gradient = leaves[name].grad
        assert gradient is not None and gradient.abs().sum() > 0, name
        for index in torch.randperm(value.numel(), generator=g)[:3].tolist():
            plus, minus = value.clone(), value.clone()
            plus.view(-1)[index] += step
            minus.view(-1)[index] -= step
            numeric = (loss({**params, name: plus}) - loss({**params, name: minus})).item() / (2 * step)
            assert gradient.view(-1)[index].item() == pytest.approx(numeric, rel=1e-5, abs=1e-6), (
                name,
                index,
            )


def test_a_front_over_a_backdrop_behind_it_is_the_single_render() -> None:
    """`over` is exact when every backdrop Gaussian is behind every front one (the renderers' oracle)."""
    front = random_scene(3, n=30)
    front["means"] = torch.randn(30, 3, generator=torch.Generator().manual_seed(5)) * 0.3  # near the origin
    back = random_scene(4, n=30)
    back["means"][:, 2] = -6.0 - back["means"][:, 2].abs()  # all far behind the origin
    back["entity_ids"] = torch.full((30,), -1)
    viewmats = look_at(torch.tensor(EYES[0]), torch.zeros(3))[None]  # [1, 4, 4]: looks down -z
    Ks = intrinsics(60.0, WIDTH, HEIGHT)[None]  # [1, 3, 3]
    fill = torch.tensor([[0.2, 0.4, 0.9]])  # [1, 3]
    keys = ("means", "quats", "scales", "opacities", "colors")

    def draw(*scenes: dict[str, torch.Tensor], backgrounds: torch.Tensor | None) -> RenderOutput:
        args = [torch.cat([s[k] for s in scenes]) for k in (*keys, "entity_ids")]
        return rasterize_reference(
            *args[:5],
            viewmats,
            Ks,
            WIDTH,
            HEIGHT,
            backgrounds=backgrounds,
            entity_ids=args[5],
            num_entities=3,
        )

    layered = over(draw(front, backgrounds=None), draw(back, backgrounds=fill))
    # A single render stops before transmittance would fall under 1e-4, dropping the last backdrop Gaussians
    # behind a nearly opaque front that the layers keep: expected depth differs there by a fraction of 1%.
    assert_close_renders(layered, draw(front, back, backgrounds=fill), depth_rtol=1e-2)
