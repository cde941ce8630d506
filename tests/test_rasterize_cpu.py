"""The numba backend against the float64 per-pixel reference and the torch path.

The first test of a fresh checkout compiles the kernels (about 15 s on 2 cores); later runs load them from
numba's cache in __pycache__.
"""

import pytest
import torch
from test_rasterize import HEIGHT, WIDTH, assert_close_renders, cameras, random_scene, single_gaussian

from scenewright.tools.render.rasterize import crop, rasterize_reference, rasterize_torch
from scenewright.tools.render.rasterize_cpu import footprints, rasterize_cpu
from scenewright.tools.scene.camera import intrinsics

GAUSSIAN_KEYS = ("means", "quats", "scales", "opacities", "colors")


def render_with(render, scene: dict[str, torch.Tensor], **kwargs):
    return render(*(scene[k] for k in GAUSSIAN_KEYS), **kwargs)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_matches_reference_on_random_scenes(seed: int) -> None:
    """Near-plane crossing, behind the camera, off screen, huge, faint; three cameras and backgrounds."""
    scene = random_scene(seed)
    viewmats, Ks = cameras()
    kwargs = {
        "viewmats": viewmats,
        "Ks": Ks,
        "width": WIDTH,
        "height": HEIGHT,
        "backgrounds": torch.tensor([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.2, 0.5, 0.9]]),
        "entity_ids": scene["entity_ids"],
        "num_entities": 3,
    }
    fast, ref = render_with(rasterize_cpu, scene, **kwargs), render_with(rasterize_reference, scene, **kwargs)
    assert set(ref.instance_ids.unique().tolist()) == {-1, 0, 1, 2}
    assert_close_renders(fast, ref)


def test_matches_reference_across_tiles_where_pixels_saturate() -> None:
    """40x36 spans 3x3 tiles with partial edge tiles; large opaque splats stop most pixels early."""
    scene = random_scene(11, n=120)
    scene["scales"] = scene["scales"] * 3
    scene["opacities"] = 0.85 + 0.15 * scene["opacities"]
    viewmats, Ks = cameras(40, 36)
    kwargs = {"viewmats": viewmats[:2], "Ks": Ks[:2], "width": 40, "height": 36}
    fast = render_with(rasterize_cpu, scene, **kwargs, entity_ids=scene["entity_ids"], num_entities=3)
    ref = render_with(rasterize_reference, scene, **kwargs, entity_ids=scene["entity_ids"], num_entities=3)
    assert (ref.alphas > 0.999).float().mean() > 0.5
    assert_close_renders(fast, ref)
    plain = render_with(rasterize_cpu, scene, **kwargs)  # no entities: empty entity outputs
    assert plain.entity_alphas.shape == (2, 36, 40, 0) and (plain.instance_ids == -1).all()
    torch.testing.assert_close(plain.colors, fast.colors)


def test_single_gaussian_and_early_stop_match_reference() -> None:
    """The by-hand cases of test_rasterize: an off-centre pixel grid and opaque splats stacked in depth."""
    K = torch.tensor([[[40.0, 0.0, 16.0], [0.0, 40.0, 16.0], [0.0, 0.0, 1.0]]])
    kwargs = {"viewmats": torch.eye(4)[None], "Ks": K, "width": 32, "height": 32}
    scene = single_gaussian(4.0, 0.25, 0.8)
    background = torch.tensor([[0.0, 0.0, 1.0]])
    assert_close_renders(
        render_with(rasterize_cpu, scene, **kwargs, backgrounds=background),
        render_with(rasterize_reference, scene, **kwargs, backgrounds=background),
    )
    depths = torch.tensor([2.0, 3.0, 4.0, 5.0])
    stacked = {
        "means": torch.stack([torch.zeros(4), torch.zeros(4), depths], dim=-1),
        "quats": torch.tensor([[1.0, 0.0, 0.0, 0.0]]).repeat(4, 1),
        "scales": (depths * 1.5)[:, None].repeat(1, 3),
        "opacities": torch.ones(4),
        "colors": torch.eye(3)[[0, 1, 2, 1]],
    }
    kwargs = {"viewmats": torch.eye(4)[None], "Ks": intrinsics(60.0, 16, 16)[None], "width": 16, "height": 16}
    out = render_with(rasterize_cpu, stacked, **kwargs, entity_ids=torch.arange(4), num_entities=4)
    assert_close_renders(
        out, render_with(rasterize_reference, stacked, **kwargs, entity_ids=torch.arange(4), num_entities=4)
    )
    assert out.entity_depths[0, 8, 8].tolist() == pytest.approx(depths.tolist(), rel=1e-5)


def test_matches_torch_path_on_a_mid_size_scene() -> None:
    """A few thousand Gaussians at 64x48: long tile lists, many entities per tile."""
    g = torch.Generator().manual_seed(3)
    n = 3000
    scene = {
        "means": torch.randn(n, 3, generator=g) * torch.tensor([1.5, 1.0, 1.0]),
        "quats": torch.randn(n, 4, generator=g),
        "scales": torch.exp(torch.randn(n, 3, generator=g) * 0.5 - 2.5),
        "opacities": torch.rand(n, generator=g),
        "colors": torch.rand(n, 3, generator=g),
    }
    entity_ids = torch.randint(-1, 5, (n,), generator=g)
    viewmats, Ks = cameras(64, 48)
    kwargs = {
        "viewmats": viewmats,
        "Ks": Ks,
        "width": 64,
        "height": 48,
        "backgrounds": torch.rand(3, 3, generator=g),
        "entity_ids": entity_ids,
        "num_entities": 5,
    }
    fast = render_with(rasterize_cpu, scene, **kwargs)
    torch_out = render_with(rasterize_torch, scene, **kwargs)
    assert (fast.instance_ids >= 0).float().mean() > 0.3
    assert_close_renders(fast, torch_out)


def test_rejects_bad_inputs() -> None:
    scene = random_scene(0, n=10)
    viewmats, Ks = cameras()
    with pytest.raises(ValueError, match="Ks"):
        render_with(rasterize_cpu, scene, viewmats=viewmats, Ks=Ks[:2], width=8, height=8)


def test_float64_inputs_render_like_their_float32_values() -> None:
    """float32 Gaussians are widened in the kernel, so they render exactly like their float64 copies."""
    scene = random_scene(5)
    viewmats, Ks = cameras()
    kwargs = {"viewmats": viewmats, "Ks": Ks, "width": WIDTH, "height": HEIGHT}
    kwargs |= {"entity_ids": scene["entity_ids"], "num_entities": 3}
    single = render_with(rasterize_cpu, scene, **kwargs)
    double = render_with(rasterize_cpu, {k: scene[k].double() for k in GAUSSIAN_KEYS}, **kwargs)
    for name, value in vars(single).items():
        torch.testing.assert_close(value, getattr(double, name), rtol=0, atol=0)


@pytest.mark.parametrize("region", [(16, 16, 48, 32), (0, 0, 16, 45), (48, 32, 70, 45), (0, 0, 70, 45)])
def test_a_region_renders_exactly_the_whole_frame_s_pixels(region: tuple[int, int, int, int]) -> None:
    """Inner, edge and partial edge tiles (70x45 ends mid-tile): bit-identical to the whole frame's crop."""
    scene = random_scene(7, n=400)
    viewmats, Ks = cameras(70, 45)
    kwargs = {"viewmats": viewmats, "Ks": Ks, "width": 70, "height": 45}
    kwargs |= {"entity_ids": scene["entity_ids"], "num_entities": 3, "backgrounds": torch.rand(3, 3)}
    whole = render_with(rasterize_cpu, scene, **kwargs)
    part = render_with(rasterize_cpu, scene, **kwargs, region=region)
    for name, value in vars(crop(whole, region)).items():
        torch.testing.assert_close(getattr(part, name), value, rtol=0, atol=0)


def test_regions_off_the_tile_grid_or_outside_the_frame_are_refused() -> None:
    scene = random_scene(0, n=10)
    viewmats, Ks = cameras(40, 36)
    for region, reason in [
        ((8, 0, 32, 16), "tile grid"),
        ((0, 0, 48, 16), "not inside"),
        ((16, 0, 16, 16), "empty"),
    ]:
        with pytest.raises(ValueError, match=reason):
            render_with(rasterize_cpu, scene, viewmats=viewmats, Ks=Ks, width=40, height=36, region=region)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_footprints_hold_every_pixel_an_entity_reaches(seed: int) -> None:
    """Wherever an entity's alone-alpha is over 0, its footprint box holds the pixel, so a redraw of the box
    cannot miss a pixel the entity changes; the boxes are not much larger than the pixels reached."""
    scene = random_scene(seed, n=300)
    viewmats, Ks = cameras(64, 48)
    render = render_with(
        rasterize_cpu, scene, viewmats=viewmats, Ks=Ks, width=64, height=48,
        entity_ids=scene["entity_ids"], num_entities=3,
    )  # fmt: skip
    placed = scene["entity_ids"] >= 0
    for cam in range(3):
        boxes = footprints(
            *(scene[k][placed] for k in ("means", "quats", "scales", "opacities")),
            scene["entity_ids"][placed], 3, viewmats[cam], Ks[cam], 64, 48,
        )  # fmt: skip
        for e, box in enumerate(boxes):
            reached = render.entity_alphas[cam, ..., e] > 0  # [H, W]
            if box is None:
                assert not reached.any()
                continue
            x0, y0, x1, y1 = box
            inside = torch.zeros_like(reached)
            inside[y0:y1, x0:x1] = True
            assert not (reached & ~inside).any()
            assert reached.any()
