"""Provider settings: PROVIDER:MODEL, per-agent overrides, and flags > env > config file > defaults."""

import json

import pytest

from scenewright.cli import main
from scenewright.config import (
    LLMSettings,
    ProviderError,
    ProviderSpec,
    load_llm_settings,
    parse_provider,
    redact,
)

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


@pytest.mark.parametrize(
    "url",
    [
        "notaurl",
        "file:///etc/passwd",
        "ftp://box/v1",
        "http://",
        "http:///v1",
        "localhost:11434/v1",
        "http://box:99999/v1",
        "http://box:port/v1",
        " http://box/v1",
    ],
)
def test_a_base_url_that_is_not_http_with_a_host_is_refused_before_anything_starts(monkeypatch, url):
    with pytest.raises(
        ProviderError, match=r"^provider setting base_url: must be an http:// or https:// URL"
    ):
        load_llm_settings(base_url=url)
    monkeypatch.setenv("SCENEWRIGHT_BASE_URL", url)
    with pytest.raises(ProviderError, match="base_url"):
        load_llm_settings()


@pytest.mark.parametrize(
    "url", ["http://localhost:11434/v1", "https://my-vllm.example:8443/v1/", "http://[::1]:80"]
)
def test_an_http_base_url_is_taken(url):
    assert load_llm_settings(base_url=url).base_url == url


def test_cli_refuses_a_malformed_base_url_in_one_line_without_echoing_its_password(capsys, tmp_path):
    out = tmp_path / "out"
    url = f"file://user:{SECRET}@box/v1"
    assert main(["generate", "a dog", "-o", str(out), "--llm", "ollama:qwen", "--base-url", url]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "base_url: must be an http:// or https:// URL" in err
    assert "file://***@box/v1" in err and SECRET not in err
    assert not out.exists()


def test_the_secrets_are_the_keys_in_use_and_what_the_base_url_carries(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-not-in-use-123")
    url = "http://sk-user-7a6b5c4d:hunter2-passw0rd@box/v1?key=q-9f8e7d6c5b"
    settings = LLMSettings(llm="openai:gpt-4o-mini", base_url=url)
    assert set(settings.secrets()) == {SECRET, "sk-user-7a6b5c4d", "hunter2-passw0rd", "q-9f8e7d6c5b"}
    assert LLMSettings(llm="ollama:qwen", api_key="ollama").secrets() == ()  # too short to be a secret


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (f"Bearer {SECRET}", "Bearer ***"),
        (f'{{"auth": "{SECRET}"}}', '{"auth": "***"}'),
        (f"{SECRET}-v2 and x{SECRET}", "***-v2 and x" + SECRET),  # a longer token of letters is another word
        ("nothing secret here", "nothing secret here"),
    ],
)
def test_redact_masks_each_secret_where_it_stands_as_a_token(text, shown):
    assert redact(text, [SECRET]) == shown


def test_redact_leaves_a_short_key_alone_so_messages_stay_readable():
    message = "a 500 from the server: bad gateway (retry later)"
    assert redact(message, ["a", "ba", "500", "retry"]) == message


def test_redact_masks_a_secret_in_its_json_escaped_form():
    secret = 'sk-with"quote-and-more'
    assert redact(json.dumps({"echo": secret}), [secret]) == '{"echo": "***"}'


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"llm = [\n", "Invalid value"),
        (b"a = " + b"[" * 100_000, "nested too deep"),
        (b'llm = "\xff\xfe"\n', "can't decode byte 0xff"),
    ],
)
def test_a_malformed_config_file_is_named_in_one_line(tmp_path, capsys, content, reason):
    from scenewright.config import ConfigError, load_run_settings

    path = tmp_path / "broken.toml"
    path.write_bytes(content)
    for load in (load_llm_settings, load_run_settings):  # the provider settings' reader and the run's
        with pytest.raises(ConfigError, match=f"^config file {path} is not valid TOML: .*{reason}"):
            load(path)
    assert main(["chat", "--config", str(path)]) == 2
    error = capsys.readouterr().err
    assert (
        error.startswith(f"scenewright: error: config file {path} is not valid TOML")
        and error.count("\n") == 1
    )
