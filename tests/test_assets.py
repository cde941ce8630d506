"""The procedural generator: sizes, frames, rigs, determinism, colour and environment budgets."""

from __future__ import annotations

import pytest
import torch

from scenewright.tools.language.lexicon import COLORS
from scenewright.tools.scene.assets import ENVIRONMENTS, build_asset, build_environment
from scenewright.tools.scene.catalog import CATEGORIES
from scenewright.tools.scene.gaussians import quat_to_rotmat

RIG_PARTS = {
    "biped": {"torso", "head", "arm_l", "arm_r", "leg_l", "leg_r"},
    "quadruped": {"body", "head", "tail", "leg_fl", "leg_fr", "leg_bl", "leg_br"},
    "bird": {"body", "head", "wing_l", "wing_r"},
    "fish": {"body", "tail"},
    "wheeled": {"body"},
    "ball": {"ball"},
    "static": set(),
}


@pytest.fixture(scope="module")
def assets():
    return {name: build_asset(name, None, [], seed=3) for name in CATEGORIES}


@pytest.mark.parametrize("category", sorted(CATEGORIES))
def test_asset_fits_its_catalog_prior(assets, category):
    asset = assets[category]
    prior = CATEGORIES[category]
    assert 1000 <= len(asset) <= 13000  # a ferris wheel's spokes and gondolas are many small pieces
    for got, want in zip(asset.extent(), prior.size_m, strict=True):
        assert abs(got - want) <= 0.15 * want
    low, high = asset.means.min(0).values, asset.means.max(0).values
    assert abs(float(low[1])) < 1e-4  # bottom at y = 0
    for axis in (0, 2):  # centred in x and z
        assert abs(float(low[axis] + high[axis])) / 2 < 0.05 * prior.size_m[axis]
    assert float(asset.opacities.min()) > 0.9
    assert torch.isfinite(asset.log_scales).all() and torch.isfinite(asset.quats).all()


@pytest.mark.parametrize("category", sorted(CATEGORIES))
def test_rig_parts_and_pivots(assets, category):
    asset = assets[category]
    assert RIG_PARTS[CATEGORIES[category].rig] <= set(asset.parts)
    assert set(asset.part_ids.unique().tolist()) == set(range(len(asset.parts)))  # no empty part


def test_left_is_minus_z_and_wheels_pivot_at_their_centres(assets):
    person = assets["person"]
    for side, sign in (("l", -1), ("r", 1)):
        for limb in ("arm", "leg"):
            k = person.parts.index(f"{limb}_{side}")
            assert sign * float(person.means[person.part_ids == k, 2].mean()) > 0
    car = assets["car"]
    for k, part in enumerate(car.parts):
        if part.startswith("wheel"):
            wheel = car.means[car.part_ids == k]  # [n, 3]
            centre = (wheel.max(0).values + wheel.min(0).values) / 2
            assert torch.allclose(car.pivots[k], centre, atol=0.03)
            assert abs(float(car.pivots[k, 1]) - float(wheel[:, 1].max() - wheel[:, 1].min()) / 2) < 0.03
    ball = assets["ball"]
    assert torch.allclose(ball.pivots[0], torch.tensor([0.0, 0.15, 0.0]), atol=0.02)


def test_deterministic_per_seed():
    a, b, c = (build_asset("dog", None, [], seed) for seed in (7, 7, 8))
    for field in ("means", "quats", "log_scales", "logit_opacities", "sh0", "part_ids"):
        assert torch.equal(getattr(a, field), getattr(b, field))
    assert not torch.equal(a.means, c.means)


def _nearest_colour_share(colors: torch.Tensor, name: str) -> float:
    palette = torch.tensor(list(COLORS.values()))  # [K, 3]
    nearest = torch.cdist(colors, palette).argmin(dim=1)  # [N]
    return float((nearest == list(COLORS).index(name)).float().mean())


@pytest.mark.parametrize(
    ("category", "main_part", "colour"),
    [
        ("ball", "ball", "red"),
        ("car", "body", "blue"),
        ("dog", "body", "white"),
        ("bus", "body", "yellow"),
        ("person", "torso", "green"),
    ],
)
def test_named_colour_dominates_the_main_part(category, main_part, colour):
    asset = build_asset(category, COLORS[colour], [], seed=1)
    part = asset.colors[asset.part_ids == asset.parts.index(main_part)]
    assert _nearest_colour_share(part, colour) > 0.6


def test_colour_retry_paints_more_of_the_asset():
    first = build_asset("person", COLORS["red"], [], seed=1, attempt=0)
    retry = build_asset("person", COLORS["red"], [], seed=1, attempt=1)
    assert _nearest_colour_share(retry.colors, "red") > _nearest_colour_share(first.colors, "red") + 0.1


def test_unknown_category_lists_the_known_ones():
    with pytest.raises(ValueError, match="person"):
        build_asset("spaceship", None, [], seed=0)
    with pytest.raises(ValueError, match="beach"):
        build_environment("moon", seed=0)


@pytest.mark.parametrize("environment", sorted(ENVIRONMENTS))
def test_environment_budget_and_flat_ground(environment):
    env = build_environment(environment, seed=0)
    assert len(env) <= 12_000
    assert {"ground", "sky"} <= set(env.parts)
    ground = env.part_ids == env.parts.index("ground")
    assert float(env.means[ground, 1].abs().max()) < 0.02
    rotations = quat_to_rotmat(env.quats[ground])  # [G, 3, 3]
    vertical = (rotations[:, 1, :] ** 2 * env.scales[ground] ** 2).sum(1).sqrt()  # [G] world-y std
    assert float(vertical.max()) <= 0.021  # flat: never covers what stands on it
    x, z = env.means[ground, 0], env.means[ground, 2]
    assert float(x.min()) < -25 and float(x.max()) > 25 and float(z.min()) < -35 and float(z.max()) > 10
    features = (
        env.part_ids == env.parts.index("features") if "features" in env.parts else torch.zeros_like(ground)
    )
    central = (env.means[:, 0].abs() < 8) & (env.means[:, 2] > -15)
    assert not (features & central).any()  # background features keep out of where entities stand


def test_the_disk_cache_serves_another_process_and_rebuilds_a_corrupted_entry(tmp_path, caplog) -> None:
    from scenewright.tools.scene.asset_cache import AssetCache, AssetRecipe, AssetStore

    recipe = AssetRecipe("dog", (0.8, 0.2, 0.1), ("fluffy",), seed=7)
    first = AssetCache(AssetStore(tmp_path))
    built = first.get(recipe)
    assert (first.hits, first.misses) == (0, 1)
    (entry,) = (tmp_path / "assets").glob("*.pt")
    assert entry.stem == recipe.content_hash()

    second = AssetCache(AssetStore(tmp_path))  # a new process: nothing in memory
    loaded = second.get(recipe)
    assert (second.hits, second.misses) == (1, 0)
    assert loaded.parts == built.parts and torch.equal(loaded.means, built.means)
    assert torch.equal(loaded.sh0, built.sh0) and torch.equal(loaded.pivots, built.pivots)

    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte inside the tensors
    entry.write_bytes(bytes(data))
    third = AssetCache(AssetStore(tmp_path))
    rebuilt = third.get(recipe)
    assert (third.corrupted, third.misses) == (1, 1) and "corrupted" in caplog.text
    assert torch.equal(rebuilt.means, built.means)
    entry.write_bytes(entry.read_bytes()[:100])  # truncated
    fourth = AssetCache(AssetStore(tmp_path))
    assert torch.equal(fourth.get(recipe).means, built.means) and fourth.corrupted == 1
    assert AssetCache(AssetStore(tmp_path)).get(recipe) is not None  # the rewritten entry reads back
    assert not list((tmp_path / "assets").glob(".*.tmp"))


def test_an_edited_generator_source_changes_every_content_hash(monkeypatch) -> None:
    from scenewright.tools.scene import asset_cache

    recipe = asset_cache.AssetRecipe("dog", None, (), seed=1)
    before = recipe.content_hash()
    monkeypatch.setattr(asset_cache, "GENERATOR_DIGEST", "0" * 16)
    assert recipe.content_hash() != before


def test_the_store_keeps_at_most_its_byte_budget_and_an_evicted_asset_comes_back_from_disk(tmp_path) -> None:
    """An LRU bounded by the bytes of the assets' tensors: the least recently used asset goes first, and
    stays on disk, so asking for it again reads it from there (a hit), equal to the one built."""
    from scenewright.tools.scene.asset_cache import AssetCache, AssetRecipe, AssetStore, tensor_bytes

    balls = [AssetRecipe("ball", None, (), seed=seed) for seed in range(3)]
    sizes = {tensor_bytes(AssetStore().lookup(recipe)[0]) for recipe in balls}
    (size,) = sizes  # balls of any seed have as many Gaussians
    store = AssetStore(tmp_path, max_bytes=2 * size)  # room for two balls
    run = AssetCache(store)
    built = [run.get(recipe) for recipe in balls[:2]]
    assert store.lookup(balls[0])[1] == "memory"  # now the most recently used
    run.get(balls[2])  # over the budget: ball 1, the least recently used, goes
    assert (run.hits, run.misses) == (0, 3)
    assert store.assets_in_memory == 2 and store.bytes_in_memory == 2 * size <= store.max_bytes
    assert store.lookup(balls[0])[1] == "memory"
    again, found = store.lookup(balls[1])
    assert found == "disk" and torch.equal(again.means, built[1].means) and again.parts == built[1].parts
    assert AssetCache(store).get(balls[2]) is not None  # a hit for another run

    memory_only = AssetStore(None, max_bytes=size)  # without a folder an evicted asset is built again
    assert [memory_only.lookup(recipe)[1] for recipe in (balls[0], balls[1], balls[0])] == ["built"] * 3
    too_small = AssetStore(tmp_path, max_bytes=size - 1)  # an asset over the whole budget is not kept
    assert too_small.lookup(balls[0])[1] == "disk"
    assert too_small.assets_in_memory == 0 == too_small.bytes_in_memory


def test_two_runs_at_once_each_count_their_own_hits_and_misses(tmp_path) -> None:
    """Two threads look up assets over one store at the same time, step by step in turn: each run's
    AssetCache counts its own lookups alone (a process-wide counter would mix them)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from scenewright.tools.scene.asset_cache import AssetCache, AssetRecipe, AssetStore

    store = AssetStore(tmp_path)
    shared = AssetRecipe("ball", None, (), seed=40)
    store.lookup(shared)  # built before either run: a hit for both
    steps = threading.Barrier(2)

    def run(seeds: list[int]) -> tuple[int, int]:
        cache = AssetCache(store)
        for seed in seeds:
            steps.wait()  # the two runs' lookups interleave
            cache.get(AssetRecipe("ball", None, (), seed=seed))
        return cache.hits, cache.misses

    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(run, [41, 42, 40, 41])
        second = pool.submit(run, [40, 43, 44, 45])
        assert first.result(timeout=120) == (2, 2)  # 40 built before, 41 by itself
        assert second.result(timeout=120) == (1, 3)
