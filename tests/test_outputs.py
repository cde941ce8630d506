"""A run's outputs appear whole or not at all: bad input is refused before any work, a run that fails after
rendering leaves no half folder (and an overwritten folder its previous outputs), any folder name works,
and one folder has one writer at a time."""

import hashlib
import threading

import pytest
from test_video import probe_video

from scenewright import RunSettings, generate
from scenewright.api import GenerateError
from scenewright.cli import main
from scenewright.graphs import output
from scenewright.graphs.run import OUTPUT_FILES
from scenewright.tools.locks import claim_folder

TINY = RunSettings(fps=4, duration_s=0.5, width=96, height=64, max_rounds=1)
TINY_FLAGS = ["--size", "96x64", "--fps", "4", "--duration", "0.5", "--max-rounds", "1"]


def digests(folder):
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in OUTPUT_FILES}


def fail_after_rendering(monkeypatch):
    """The last stage fails as an unserialisable scene.json or a full disk would, after video.mp4 and
    contact_sheet.png were written."""

    def write_ply(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output, "write_ply", write_ply)


def test_a_prompt_that_is_not_utf8_is_refused_before_any_work(tmp_path, capsys):
    out = tmp_path / "out"
    # what Python makes of the command-line bytes b"a dog \xff runs": the byte kept as a lone surrogate
    assert main(["generate", "a dog \udcff runs", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "scenewright: error: the prompt is not valid UTF-8: byte 0xff at character 7"
    with pytest.raises(GenerateError, match=r"not valid UTF-8: lone surrogate U\+D83D at character 3"):
        generate("a \ud83d cat", out, TINY)
    assert not out.exists()


def test_a_run_that_fails_after_rendering_leaves_no_folder(tmp_path, monkeypatch):
    fail_after_rendering(monkeypatch)
    with pytest.raises(OSError, match="No space left"):
        generate("a ball", tmp_path / "new" / "out", TINY)
    assert list(tmp_path.iterdir()) == []  # the folders the run made are gone again


def test_a_failed_overwrite_keeps_the_previous_outputs_whole(tmp_path, monkeypatch):
    out = tmp_path / "out"
    generate("a ball", out, TINY)
    (out / "notes.txt").write_text("mine")
    before = digests(out)
    fail_after_rendering(monkeypatch)
    with pytest.raises(OSError, match="No space left"):
        generate("a red car", out, TINY, overwrite=True)
    assert digests(out) == before
    assert sorted(path.name for path in out.iterdir()) == sorted([*OUTPUT_FILES, "notes.txt"])


def test_an_output_folder_whose_name_starts_with_a_dash_is_written(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "a ball", "-o", "-", *TINY_FLAGS]) == 0, capsys.readouterr().err
    assert probe_video(tmp_path / "-" / "video.mp4")["frames"] == "2"


def test_a_killed_runs_scratch_does_not_make_the_folder_anyones_and_is_removed(tmp_path):
    out = tmp_path / "out"
    (out / ".partial-k1ll3d").mkdir(parents=True)
    (out / ".partial-k1ll3d" / "video.mp4.part.mp4").write_bytes(b"half")
    (out / ".lock").write_text("12345\n")  # its claim's file; the kernel dropped the lock itself
    generate("a ball", out, TINY)  # without --overwrite
    assert sorted(path.name for path in out.iterdir()) == sorted(OUTPUT_FILES)


def test_a_folder_another_run_is_writing_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "out"
    generate("a ball", out, TINY)
    before = digests(out)
    held, release = threading.Event(), threading.Event()

    def other_run() -> None:
        with claim_folder(out):
            held.set()
            release.wait()

    writer = threading.Thread(target=other_run)
    writer.start()
    held.wait()
    try:
        with pytest.raises(GenerateError, match=r"out is being written by process \d+$"):
            generate("a red car", out, TINY, overwrite=True)
    finally:
        release.set()
        writer.join()
    assert digests(out) == before
