"""Provider settings: PROVIDER:MODEL, per-agent overrides, and flags > env > config file > defaults."""

import pytest

from scenewright.cli import main
from scenewright.config import LLMSettings, ProviderError, ProviderSpec, load_llm_settings, parse_provider

SECRET = "sk-config-test-5f1e9c"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    """No provider variable or config file of the machine running the tests leaks in."""
    for name in ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SCENEWRIGHT_CONFIG"]:
        monkeypatch.delenv(name, raising=False)
    for agent in ["", "DIRECTOR_", "LAYOUT_", "MOTION_", "CRITIC_"]:
        monkeypatch.delenv(f"SCENEWRIGHT_{agent}LLM", raising=False)
    monkeypatch.delenv("SCENEWRIGHT_BASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("offline", ("offline", "builtin")),
        ("openai:gpt-4o-mini", ("openai", "gpt-4o-mini")),
        ("ollama:qwen2.5:7b", ("ollama", "qwen2.5:7b")),
        ("Anthropic:claude-sonnet-4-5", ("anthropic", "claude-sonnet-4-5")),
    ],
)
def test_parse_provider(text, expected):
    assert parse_provider(text) == expected


@pytest.mark.parametrize("text", ["gpt-4o", "openai:", ":gpt-4o", ""])
def test_parse_provider_refuses_what_is_not_provider_model(text):
    with pytest.raises(ProviderError, match="PROVIDER:MODEL"):
        parse_provider(text)


def test_offline_is_the_default():
    settings = load_llm_settings()
    assert settings.offline
    assert settings.public() == dict.fromkeys(["director", "layout", "motion", "critic"], "offline")


def test_one_model_for_all_and_an_override_for_one():
    settings = LLMSettings(llm="openai:gpt-4o-mini", critic_llm="anthropic:claude-sonnet-4-5")
    assert settings.spec("director") == ProviderSpec("openai", "gpt-4o-mini")
    assert settings.spec("critic") == ProviderSpec("anthropic", "claude-sonnet-4-5")


def test_local_servers_get_their_usual_base_url_and_base_url_overrides_it():
    assert LLMSettings(llm="ollama:qwen2.5:7b").spec("layout").base_url == "http://localhost:11434/v1"
    spec = LLMSettings(llm="llamacpp:qwen", base_url="http://box:9000/v1/").spec("layout")
    assert (spec.base_url, spec.protocol) == ("http://box:9000/v1", "openai")
    assert (
        LLMSettings(llm="anthropic:claude-haiku-4-5", base_url="http://x/v1").spec("critic").base_url is None
    )


def test_flags_beat_environment_which_beats_the_config_file(monkeypatch, tmp_path):
    (tmp_path / "scenewright.toml").write_text(
        'llm = "openai:from-file"\nmotion_llm = "ollama:file-motion"\nmax_repairs = 4\n'
    )
    monkeypatch.setenv("SCENEWRIGHT_LLM", "openai:from-env")
    settings = load_llm_settings(director_llm="anthropic:from-flag", layout_llm=None)
    assert str(settings.spec("director")) == "anthropic:from-flag"
    assert str(settings.spec("layout")) == "openai:from-env"
    assert str(settings.spec("motion")) == "ollama:file-motion"
    assert settings.max_repairs == 4


def test_an_explicit_config_file(tmp_path):
    path = tmp_path / "elsewhere.toml"
    path.write_text('critic_llm = "openai:gpt-4o"\ncritic_images = false\n')
    settings = load_llm_settings(path)
    assert (str(settings.spec("critic")), settings.critic_images) == ("openai:gpt-4o", False)
    with pytest.raises(ProviderError, match="does not exist"):
        load_llm_settings(tmp_path / "missing.toml")


def test_a_bad_value_in_the_config_file_names_the_setting_and_the_file(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("max_repairs = -1\n")
    with pytest.raises(ProviderError, match=r"max_repairs.*bad\.toml"):
        load_llm_settings(path)


def test_keys_come_from_the_provider_variable_and_never_show(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    settings = LLMSettings(llm="openai:gpt-4o-mini")
    assert settings.key_for(settings.spec("director")) == SECRET
    assert settings.key_for(ProviderSpec("anthropic", "claude-haiku-4-5")) is None
    with_key = LLMSettings(llm="anthropic:claude-haiku-4-5", api_key=SECRET)
    for shown in (repr(with_key), str(with_key), with_key.model_dump_json(), str(with_key.public())):
        assert SECRET not in shown


def test_cli_refuses_a_malformed_provider_in_one_line(capsys, tmp_path):
    assert main(["generate", "a dog", "-o", str(tmp_path / "out"), "--llm", "gpt-4o"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "PROVIDER:MODEL" in err


def test_cli_says_which_key_to_set_before_any_work(capsys, tmp_path):
    out = tmp_path / "out"
    assert main(["generate", "a dog", "-o", str(out), "--critic-llm", "anthropic:claude-haiku-4-5"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "ANTHROPIC_API_KEY" in err
    assert not (out / "video.mp4").exists()


def test_cli_names_the_missing_integration_package(capsys, tmp_path):
    assert main(["generate", "a dog", "-o", str(tmp_path / "out"), "--llm", "nosuchprovider:model"]) == 2
    assert "nosuchprovider" in capsys.readouterr().err
