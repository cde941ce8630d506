"""Bad input gets a one-line reason and a non-zero exit, never a traceback, and writes nothing."""

import subprocess
import sys

import numpy as np
import pytest
import torch

from scenewright.cli import main


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["", "-o", "{out}"], "prompt is empty"),
        (["   \n\t ", "-o", "{out}"], "prompt is empty"),
        (["a dog " * 20_000, "-o", "{out}"], "the limit is 2000"),
        (["a dog", "-o", "{out}", "--size", "0x0"], "--size width must be between"),
        (["a dog", "-o", "{out}", "--size", "641x360"], "even"),
        (["a dog", "-o", "{out}", "--fps", "0"], "--fps must be between"),
        (["a dog", "-o", "{out}", "--duration", "-1"], "--duration must be > 0"),
        (["a dog", "-o", "{out}", "--max-rounds", "0"], "--max-rounds"),
    ],
)
def test_bad_values_exit_non_zero_with_one_line(tmp_path, capsys, args, reason):
    out = tmp_path / "out"
    code = main(["generate", *(a.replace("{out}", str(out)) for a in args)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert reason in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()  # nothing was written


@pytest.mark.skipif(torch.cuda.is_available(), reason="gsplat may work where CUDA is")
def test_a_forced_gsplat_renderer_without_cuda_stops_before_anything_is_written(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["generate", "a dog", "-o", str(out), "--renderer", "gsplat"]) == 2
    err = capsys.readouterr().err.strip()
    assert "pass --renderer cpu" in err and len(err.splitlines()) == 1
    assert not out.exists()


def test_a_non_empty_output_folder_is_refused_without_overwrite(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert main(["generate", "a dog", "-o", str(out)]) == 2
    assert "is not empty (pass --overwrite" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_an_unwritable_output_path_is_refused(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["generate", "a dog", "-o", str(blocker / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert "cannot create output folder" in err and len(err.splitlines()) == 1


def test_malformed_size_is_an_argument_error_without_traceback(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scenewright.cli",
            "generate",
            "a dog",
            "-o",
            str(tmp_path / "o"),
            "--size",
            "big",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "--size must look like WIDTHxHEIGHT" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_generate_shows_progress_and_a_summary(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["generate", "a red ball rolls to the left", "-o", str(out), "--size", "160x96", "--fps", "4",
                 "--duration", "1", "--seed", "7"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0
    assert "[round 1] director" in captured.err and "[round 1] render   frame 4/4" in captured.err
    assert "checks after" in captured.out and f"wrote {out}/video.mp4 (4 frames, 160x96)" in captured.out
    assert (out / "scene.json").exists()


def test_assets_list_json_gives_every_category_with_its_parts_and_nouns(capsys):
    import json

    from scenewright.tools.scene.catalog import CATEGORIES

    assert main(["assets", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [entry["name"] for entry in listed] == list(CATEGORIES)
    by_name = {entry["name"]: entry for entry in listed}
    assert "calf" in by_name["cow"]["nouns"]
    legs = {part["name"]: part["parent"] for part in by_name["dog"]["parts"]}
    assert {"body", "head", "leg_fl", "tail"} <= set(legs)
    for entry in listed:
        names = {part["name"] for part in entry["parts"]}
        assert all(part["parent"] is None or part["parent"] in names for part in entry["parts"]), entry[
            "name"
        ]


def test_assets_show_renders_a_turntable_of_a_noun_and_refuses_unknown_ones(tmp_path, capsys):
    from PIL import Image

    out = tmp_path / "kitten.png"
    assert main(["assets", "show", "kitten", "-o", str(out), "--color", "orange", "--size", "96"]) == 0
    assert "cat:" in capsys.readouterr().out
    sheet = Image.open(out)
    assert sheet.size[0] == 4 * 96
    pixels = torch.from_numpy(np.array(sheet.convert("RGB"))).reshape(-1, 3).float()  # [H*W, 3]
    orange = (pixels[:, 0] > 150) & (pixels[:, 1] > 60) & (pixels[:, 1] < 170) & (pixels[:, 2] < 90)
    assert orange.sum() > 200  # the cat is painted, not only the background
    assert main(["assets", "show", "zorblax", "-o", str(tmp_path / "x.png")]) == 2
    assert "no category or noun 'zorblax'" in capsys.readouterr().err


@pytest.mark.parametrize("size", ["100000", "8"])
def test_assets_show_refuses_a_view_size_no_frame_may_have_before_rendering(tmp_path, capsys, size):
    out = tmp_path / "huge.png"
    with pytest.raises(SystemExit) as exited:
        main(["assets", "show", "kitten", "-o", str(out), "--size", size])
    assert exited.value.code == 2
    assert f"argument --size: must be between 16 and 4096 pixels (got {size})" in capsys.readouterr().err
    assert not out.exists()
