"""MP4 encoding gives a browser-playable H.264 yuv420p file with every frame, or no file at all."""

import subprocess
from pathlib import Path

import numpy as np
import pytest

from scenewright.tools.media.contact_sheet import KeyFrame, contact_sheet, key_frame_indices
from scenewright.tools.media.video import Mp4Writer, ffmpeg_executable


def probe_video(path: Path) -> dict[str, str]:
    """Codec, pixel format, size and frame count of a video, read back by decoding it with ffmpeg."""
    result = subprocess.run(
        [ffmpeg_executable(), "-hide_banner", "-i", str(path), "-map", "0:v:0", "-f", "null", "-"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    info: dict[str, str] = {}
    for line in result.stderr.splitlines():
        line = line.strip()
        if line.startswith("Stream #0:0") and "Video:" in line and "codec" not in info:  # the input
            fields = line.split("Video:", 1)[1].split(",")
            info["codec"] = fields[0].split()[0]
            info["pix_fmt"] = fields[1].split("(")[0].strip()
            info["size"] = next(
                f.strip().split()[0] for f in fields[2:] if "x" in f and f.strip()[0].isdigit()
            )
        if line.startswith("frame="):
            info["frames"] = line.split("frame=", 1)[1].split()[0]
    return info


def test_frames_are_encoded_as_h264_yuv420p(tmp_path):
    path = tmp_path / "clip.mp4"
    with Mp4Writer(path, 96, 64, fps=8) as writer:
        for k in range(16):
            writer.write(np.full((64, 96, 3), k * 12, np.uint8))
    info = probe_video(path)
    assert info == {"codec": "h264", "pix_fmt": "yuv420p", "size": "96x64", "frames": "16"}
    assert not list(tmp_path.glob("*.part.mp4"))


@pytest.mark.parametrize("name", ["-o/clip.mp4", "pipe:1.mp4", "file:x.mp4"])
def test_any_relative_file_name_is_written_as_that_file(tmp_path, monkeypatch, name):
    """ffmpeg would read '-o/clip.mp4' as an option, 'pipe:1.mp4' as its stdout, 'file:x.mp4' as x.mp4."""
    monkeypatch.chdir(tmp_path)
    path = Path(name)
    path.parent.mkdir(exist_ok=True)
    with Mp4Writer(path, 96, 64, fps=8) as writer:
        for _ in range(4):
            writer.write(np.zeros((64, 96, 3), np.uint8))
    assert probe_video(tmp_path / name)["frames"] == "4"


def test_odd_sizes_and_wrong_frames_are_refused(tmp_path):
    with pytest.raises(ValueError, match="even"):
        Mp4Writer(tmp_path / "odd.mp4", 95, 64, fps=8)
    with (
        pytest.raises(ValueError, match=r"uint8 \[64, 96, 3\]"),
        Mp4Writer(tmp_path / "bad.mp4", 96, 64, 8) as w,
    ):
        w.write(np.zeros((64, 96), np.uint8))
    assert not list(tmp_path.iterdir())  # a failed encode leaves nothing behind


def test_contact_sheet_lays_out_key_frames_with_labels():
    assert key_frame_indices(48) == [0, 9, 19, 28, 38, 47]
    assert key_frame_indices(3) == [0, 1, 2]
    image = np.zeros((90, 160, 3), np.uint8)
    frames = [KeyFrame(t=k / 2, image=image, boxes={"dog": (10, 10, 60, 50), "ball": None}) for k in range(5)]
    sheet = contact_sheet(frames, columns=3)
    assert sheet.size == (3 * (160 + 4) + 4, 2 * (90 + 4) + 4)
    pixels = np.asarray(sheet)
    assert (pixels[14, 14:60] > 100).any()  # the box outline is drawn
