"""The BVH parser reads hierarchies and frames exactly, says where a broken file breaks, and its forward
kinematics agrees with a slow per-frame reference written from the BVH definition."""

import math
import os
import warnings
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from scenewright.tools.scene import bvh
from scenewright.tools.scene.bvh import (
    BVH_FILES,
    MAX_DEPTH,
    MAX_JOINTS,
    BvhError,
    BvhWarning,
    forward_kinematics,
    parse_bvh,
    read_bvh,
    read_bvh_header,
    rest_positions,
)

CMU_FOLDER = Path("/usr/share/assimp/models/BVH")

# Four joints with different channel orders, a non-root joint with position channels and two End Sites.
CLIP = """HIERARCHY
ROOT Hips
{
  OFFSET 0 0 0
  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
  JOINT Chest
  {
    OFFSET 0 10 0
    CHANNELS 3 Yrotation Zrotation Xrotation
    End Site
    {
      OFFSET 0 5 0
    }
  }
  JOINT Leg
  {
    OFFSET 3 -1 0
    CHANNELS 3 Xrotation Yrotation Zrotation
    JOINT Shin
    {
      OFFSET 0 -8 0
      CHANNELS 6 Xposition Yposition Zposition Xrotation Zrotation Yrotation
      End Site
      {
        OFFSET 0 -8 1
      }
    }
  }
}
MOTION
Frames: 3
Frame Time: 0.04
1 2 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
1 2 3 30 -20 10 5 15 -25 40 -35 20 0.5 -0.25 1 60 -10 30
-4 2.5 7 170 80 -95 -60 45 120 -90 10 175 0 0 0 -30 135 -150
"""


def lines_replaced(text: str, line: int, new: str | None) -> str:
    """`text` with its 1-based `line` replaced by `new` (dropped when None)."""
    lines = text.splitlines()
    lines[line - 1 : line] = [] if new is None else [new]
    return "\n".join(lines) + "\n"


def reference_fk(motion) -> tuple[list, list]:
    """World positions and rotations per frame and joint, one frame and one joint at a time, in plain Python
    from the definition: translation = OFFSET + position channels, rotation = the Euler channels multiplied in
    the order they are listed, a child's frame = its parent's @ its own."""

    def matmul(a, b):
        return [[sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)] for i in range(3)]

    def axis_rotation(axis, degrees):
        c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
        return {
            "X": [[1, 0, 0], [0, c, -s], [0, s, c]],
            "Y": [[c, 0, s], [0, 1, 0], [-s, 0, c]],
            "Z": [[c, -s, 0], [s, c, 0], [0, 0, 1]],
        }[axis]

    positions, rotations = [], []
    for values in motion.frames.tolist():
        column, frame_positions, frame_rotations = 0, [], []
        for j, channels in enumerate(motion.channels):
            rotation = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
            translation = list(motion.offsets[j].tolist())
            for channel in channels:
                value = values[column]
                column += 1
                if channel.endswith("position"):
                    translation["XYZ".index(channel[0])] += value
                else:
                    rotation = matmul(rotation, axis_rotation(channel[0], value))
            parent = motion.parents[j]
            if parent < 0:
                frame_rotations.append(rotation)
                frame_positions.append(translation)
            else:
                above = frame_rotations[parent]
                moved = [sum(above[i][k] * translation[k] for k in range(3)) for i in range(3)]
                frame_positions.append([p + m for p, m in zip(frame_positions[parent], moved, strict=True)])
                frame_rotations.append(matmul(above, rotation))
        positions.append(frame_positions)
        rotations.append(frame_rotations)
    return positions, rotations


def test_parse_reads_hierarchy_channels_and_frames() -> None:
    motion = parse_bvh(CLIP, "clip.bvh")
    assert motion.names == ["Hips", "Chest", "Chest_end", "Leg", "Shin", "Shin_end"]
    assert motion.parents == [-1, 0, 1, 0, 3, 4]
    assert motion.offsets.tolist() == [[0, 0, 0], [0, 10, 0], [0, 5, 0], [3, -1, 0], [0, -8, 0], [0, -8, 1]]
    assert motion.channels[0] == (
        "Xposition",
        "Yposition",
        "Zposition",
        "Zrotation",
        "Xrotation",
        "Yrotation",
    )
    assert motion.channels[1] == ("Yrotation", "Zrotation", "Xrotation")
    assert motion.channels[2] == ()
    assert motion.channel_starts() == [0, 6, 9, 9, 12, 18]
    assert motion.frames.shape == (3, 18)
    assert motion.frames[2, :3].tolist() == [-4.0, 2.5, 7.0]
    assert motion.fps == pytest.approx(25.0)
    assert motion.duration_s == pytest.approx(0.08)
    assert motion.frames.dtype == torch.float64


def test_euler_channels_compose_in_the_files_order() -> None:
    """Rz(90) @ Rx(90) takes the child's +y offset to +z; Rx(90) @ Rz(90) takes it to -x."""
    for order, expected in (
        ("Zrotation Xrotation", [0.0, 0.0, 1.0]),
        ("Xrotation Zrotation", [-1.0, 0.0, 0.0]),
    ):
        text = f"""HIERARCHY
ROOT Root
{{
  OFFSET 0 0 0
  CHANNELS 5 Xposition Yposition Zposition {order}
  End Site
  {{
    OFFSET 0 1 0
  }}
}}
MOTION
Frames: 1
Frame Time: 0.1
1 2 3 90 90
"""
        positions = forward_kinematics(parse_bvh(text)).positions
        assert positions[0, 0].tolist() == [1.0, 2.0, 3.0]
        assert torch.allclose(
            positions[0, 1],
            torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64) + torch.tensor(expected, dtype=torch.float64),
            atol=1e-12,
        )


def test_forward_kinematics_matches_the_reference() -> None:
    motion = parse_bvh(CLIP)
    pose = forward_kinematics(motion)
    positions, rotations = reference_fk(motion)
    assert pose.positions.shape == (3, 6, 3) and pose.rotations.shape == (3, 6, 3, 3)
    assert torch.allclose(pose.positions, torch.tensor(positions, dtype=torch.float64), atol=1e-12)
    assert torch.allclose(pose.rotations, torch.tensor(rotations, dtype=torch.float64), atol=1e-12)
    # Frame 0 has every rotation at zero and the root at (1, 2, 3): the rest pose moved there.
    assert torch.allclose(
        pose.positions[0], rest_positions(motion) + torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    )
    # The Shin's position channels add to its offset.
    assert pose.positions[1, 4].tolist() != pose.positions[1, 3].tolist()


@pytest.mark.parametrize(
    ("line", "new", "message"),
    [
        (9, "    CHANNELS 3 Yrotation Wrotation Xrotation", r"clip\.bvh:9: unknown channel 'Wrotation'"),
        (7, None, r"clip\.bvh:7: expected '\{', got 'OFFSET'"),
        (
            9,
            "    CHANNELS x Yrotation Zrotation Xrotation",
            r"clip\.bvh:9: expected a channel count \(0 to 6\), got 'x'",
        ),
        (9, "    CHANNELS 99999 Yrotation", r"clip\.bvh:9: expected a channel count \(0 to 6\), got '99999'"),
        (4, "  OFFSET 0 zero 0", r"clip\.bvh:4: expected a y offset \(a number\), got 'zero'"),
        (4, "  OFFSET 0 nan 0", r"clip\.bvh:4: expected a y offset \(a finite number\), got 'nan'"),
        (4, "  OFFSET 0 1e999 0", r"clip\.bvh:4: expected a y offset \(a finite number\), got '1e999'"),
        (15, "  JOINT Chest", r"clip\.bvh:15: joint 'Chest' appears twice"),
        (
            18,
            "    CHANNELS 3 Xrotation Xrotation Zrotation",
            r"clip\.bvh:18: joint 'Leg' lists a channel twice",
        ),
        (29, "}\n}", r"clip\.bvh:30: expected MOTION after the root joint's block"),
        (
            33,
            "1 2 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
            r"clip\.bvh:33: frame 0 has 17 values, the hierarchy has 18",
        ),
        (
            35,
            "1 2 3 30 -20 10 5 15 -25 40 -35 20 0.5 -0.25 1 60 -10 abc",
            r"clip\.bvh:35: frame 2 holds a value",
        ),
        (
            35,
            "1 2 3 30 -20 10 5 15 -25 40 -35 20 0.5 -0.25 1 60 -10 nan",
            r"clip\.bvh:35: frame 2 holds a NaN",
        ),
        (31, "Frames: 4", r"clip\.bvh:35: the file ends after 3 of 4 frames"),
        (31, "Frames: three", r"clip\.bvh:31: Frames must be a whole number"),
        (31, "Frames: " + "9" * 5000, r"clip\.bvh:31: Frames must be a whole number"),
        (31, "Frames: \u00b2", r"clip\.bvh:31: Frames must be a whole number"),
        (31, "Frames: 0", r"clip\.bvh:31: the file declares no frames \(Frames: 0\)"),
        (32, "Frame Time: 0", r"clip\.bvh:32: Frame Time must be positive"),
        (32, "FrameTime: 0.04", r"clip\.bvh:32: expected 'Frame Time:' here"),
        (30, "MOTIONS", r"clip\.bvh:35: no MOTION section"),
    ],
)
def test_malformed_files_say_file_and_line(line: int, new: str | None, message: str) -> None:
    with pytest.raises(BvhError, match=message):
        parse_bvh(lines_replaced(CLIP, line, new), "clip.bvh")


def nested_joints(depth: int) -> str:
    """A chain of `depth` joints, each inside the last, with one frame."""
    opened = "".join(f"JOINT J{k}\n{{\nOFFSET 0 1 0\nCHANNELS 0\n" for k in range(1, depth))
    closed = "}\n" * depth
    return (
        f"HIERARCHY\nROOT J0\n{{\nOFFSET 0 0 0\nCHANNELS 1 Xrotation\n{opened}{closed}"
        "MOTION\nFrames: 1\nFrame Time: 0.04\n0\n"
    )


def test_deep_or_huge_hierarchies_are_refused_in_one_line() -> None:
    assert len(parse_bvh(nested_joints(MAX_DEPTH), "chain.bvh").names) == MAX_DEPTH
    with pytest.raises(BvhError, match=rf"chain\.bvh:\d+: joints nest more than {MAX_DEPTH} deep"):
        parse_bvh(nested_joints(100_000), "chain.bvh")  # deeper than Python's recursion limit
    siblings = "".join(f"JOINT J{k}\n{{\nOFFSET 0 1 0\nCHANNELS 0\n}}\n" for k in range(MAX_JOINTS))
    text = (
        f"HIERARCHY\nROOT R\n{{\nOFFSET 0 0 0\nCHANNELS 0\n{siblings}}}\nMOTION\nFrames: 1\nFrame Time: 1\n\n"
    )
    with pytest.raises(BvhError, match=rf"bush\.bvh:\d+: more than {MAX_JOINTS} joints"):
        parse_bvh(text, "bush.bvh")


def test_files_that_are_not_regular_or_too_large_are_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "x.bvh"
    os.mkfifo(fifo)  # opening it for reading the usual way would wait for a writer forever
    for read in (read_bvh, read_bvh_header):
        with pytest.raises(BvhError, match=r"x\.bvh: a BVH file must be a regular file, this is a FIFO"):
            read(fifo)
        with pytest.raises(
            BvhError, match=r"/dev/zero: a BVH file must be a regular file, this is a character"
        ):
            read("/dev/zero")
    (tmp_path / "clip.bvh").write_text(CLIP)
    monkeypatch.setattr(bvh, "BVH_FILES", replace(BVH_FILES, max_bytes=100))
    with pytest.raises(BvhError, match=r"clip\.bvh: \d+ bytes, over the 100 bytes a BVH file may have"):
        read_bvh(tmp_path / "clip.bvh")


def test_a_hierarchy_cut_short_says_where() -> None:
    text = "\n".join(CLIP.splitlines()[:26] + CLIP.splitlines()[29:]) + "\n"
    with pytest.raises(BvhError, match=r"clip\.bvh:26: file ends where JOINT, End Site or '\}' was expected"):
        parse_bvh(text, "clip.bvh")


def test_extra_frame_lines_warn_and_keep_the_declared_frames() -> None:
    with pytest.warns(BvhWarning, match=r"clip\.bvh:36: frame lines after the 3 that Frames declares"):
        motion = parse_bvh(CLIP + "0 " * 18 + "\n", "clip.bvh")
    assert motion.num_frames == 3


def test_header_reads_frames_without_the_motion(tmp_path: Path) -> None:
    path = tmp_path / "clip.bvh"
    path.write_text(CLIP)
    assert read_bvh_header(path) == (3, 0.04)
    path.write_text(CLIP.replace("Frame Time: 0.04", "Frame Time: soon"))
    with pytest.raises(BvhError, match=r"clip\.bvh:32: Frame Time must be a number, got 'soon'"):
        read_bvh_header(path)


@pytest.fixture(scope="module")
def cmu_folder() -> Path:
    if not CMU_FOLDER.is_dir():
        pytest.skip(f"{CMU_FOLDER} is missing: install Debian's assimp-testmodels for the CMU BVH clips")
    return CMU_FOLDER


@pytest.mark.parametrize(
    ("stem", "joints", "frames", "fps"),
    [("01_01", 38, 2752, 120.0), ("01_03", 38, 4511, 120.0), ("Boxing_Toes", 26, 3069, 100.0)],
)
def test_real_files_parse(cmu_folder: Path, stem: str, joints: int, frames: int, fps: float) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore", BvhWarning
        )  # Boxing_Toes.bvh has one frame line more than it declares
        motion = read_bvh(cmu_folder / f"{stem}.bvh")
    assert len(motion.names) == joints
    assert motion.num_frames == frames
    assert motion.fps == pytest.approx(fps, rel=1e-4)
    assert read_bvh_header(cmu_folder / f"{stem}.bvh") == (frames, motion.frame_time)
    assert torch.isfinite(forward_kinematics(motion).positions).all()


def test_real_file_forward_kinematics_matches_the_reference(cmu_folder: Path) -> None:
    motion = read_bvh(cmu_folder / "01_01.bvh")
    motion.frames = motion.frames[::500]  # six frames across the clip: the reference is slow
    positions, rotations = reference_fk(motion)
    pose = forward_kinematics(motion)
    assert torch.allclose(pose.positions, torch.tensor(positions, dtype=torch.float64), atol=1e-9)
    assert torch.allclose(pose.rotations, torch.tensor(rotations, dtype=torch.float64), atol=1e-12)
