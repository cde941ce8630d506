"""Backend choice: probed once per process, "auto" falls back to the CPU, "gsplat" fails clearly."""

from collections.abc import Iterator

import pytest
import torch

from scenewright.tools.render import rasterize_gsplat, renderer
from scenewright.tools.render.rasterize import RenderOutput, rasterize_reference
from scenewright.tools.render.rasterize_cpu import rasterize_cpu
from scenewright.tools.render.renderer import render, resolve_backend


@pytest.fixture(autouse=True)
def fresh_probe() -> Iterator[None]:
    """Each test starts as a new process would: nothing probed yet."""
    renderer.gsplat_problem.cache_clear()
    yield
    renderer.gsplat_problem.cache_clear()


def count_calls(monkeypatch: pytest.MonkeyPatch, target: object, name: str, result: object) -> list[int]:
    """Replace target.name by a function returning `result` (raising it if an exception); count the calls."""
    calls: list[int] = []

    def replacement(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if isinstance(result, Exception):
            raise result
        return result

    monkeypatch.setattr(target, name, replacement)
    return calls


def small_scene() -> tuple[list[torch.Tensor], torch.Tensor]:
    """Gaussians in front of two cameras, and their entity ids (3 entities)."""
    g = torch.Generator().manual_seed(0)
    n = 30
    viewmats = torch.eye(4)[None].repeat(2, 1, 1)  # [2, 4, 4]
    viewmats[1, 0, 3] = 0.4
    Ks = torch.tensor([[20.0, 0.0, 12.0], [0.0, 20.0, 8.0], [0.0, 0.0, 1.0]]).repeat(2, 1, 1)  # [2, 3, 3]
    means = torch.randn(n, 3, generator=g) * 0.5 + torch.tensor([0.0, 0.0, 3.0])
    args = [
        means,
        torch.randn(n, 4, generator=g),
        torch.exp(torch.randn(n, 3, generator=g) * 0.4 - 2.0),
        torch.rand(n, generator=g),
        torch.rand(n, 3, generator=g),
        viewmats,
        Ks,
    ]
    return args, torch.randint(-1, 3, (n,), generator=g)


def test_auto_resolves_to_cpu_without_cuda(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_backend("auto") == "cpu"
    assert resolve_backend("cpu") == "cpu"


def test_gsplat_without_cuda_names_the_alternatives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(ValueError, match="CUDA is not available") as error:
        resolve_backend("gsplat")
    assert "--renderer cpu" in str(error.value) and "scenewright[gpu]" in str(error.value)


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown renderer 'vulkan'"):
        resolve_backend("vulkan")  # type: ignore[arg-type]


def test_probe_runs_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    probes = count_calls(monkeypatch, torch.cuda, "is_available", False)
    for _ in range(3):
        assert resolve_backend("auto") == "cpu"
    with pytest.raises(ValueError):
        resolve_backend("gsplat")
    assert len(probes) == 1


def test_a_failing_gsplat_build_is_never_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    builds = count_calls(
        monkeypatch,
        rasterize_gsplat,
        "rasterize_gsplat",
        RuntimeError("Error building extension 'gsplat_cuda'"),
    )
    assert [resolve_backend("auto") for _ in range(3)] == ["cpu"] * 3
    with pytest.raises(ValueError, match="Error building extension") as error:
        resolve_backend("gsplat")
    assert "--renderer cpu" in str(error.value)
    assert len(builds) == 1


def test_auto_picks_a_working_gsplat_and_render_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in for a working CUDA gsplat: the probe's test render passes, so frames come from gsplat."""
    args, entity_ids = small_scene()
    frames = rasterize_reference(*args, 24, 16, entity_ids=entity_ids, num_entities=3)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    calls = count_calls(monkeypatch, rasterize_gsplat, "rasterize_gsplat", frames)
    assert resolve_backend("auto") == "gsplat"
    assert render(*args, 24, 16, entity_ids=entity_ids, num_entities=3) is frames
    assert render(*args, 24, 16, backend="gsplat", entity_ids=entity_ids, num_entities=3) is frames
    assert len(calls) == 3  # the probe and two renders


def test_an_empty_test_render_counts_as_broken(monkeypatch: pytest.MonkeyPatch) -> None:
    empty = RenderOutput(
        colors=torch.zeros(1, 16, 16, 3),
        alphas=torch.zeros(1, 16, 16),
        depths=torch.zeros(1, 16, 16),
        entity_alphas=torch.zeros(1, 16, 16, 1),
        entity_depths=torch.zeros(1, 16, 16, 1),
        instance_ids=torch.full((1, 16, 16), -1),
    )
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    count_calls(monkeypatch, rasterize_gsplat, "rasterize_gsplat", empty)
    assert resolve_backend("auto") == "cpu"


def test_cpu_backend_renders_the_cpu_rasterizers_frames() -> None:
    args, entity_ids = small_scene()
    got = render(*args, 24, 16, backend="cpu", entity_ids=entity_ids, num_entities=3)
    want = rasterize_cpu(*args, 24, 16, entity_ids=entity_ids, num_entities=3)
    for name, value in vars(want).items():
        assert torch.equal(getattr(got, name), value), name
    assert (got.instance_ids >= 0).any()
