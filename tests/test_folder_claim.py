"""One writer per folder: a claimant is refused (or waits, and says so) while another process or thread
holds the folder, gets it as soon as the holder ends however it ends, and leaves nothing in the folder."""

import signal
import subprocess
import sys
import threading

import pytest

from scenewright.tools.locks import FolderBusy, claim_folder

HOLDER = """
import sys
from pathlib import Path
from scenewright.tools.locks import claim_folder

with claim_folder(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes stdin (or kills this process)
"""


@pytest.fixture
def holder(tmp_path):
    """Another process holding tmp_path / "run"."""
    folder = tmp_path / "run"
    folder.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    yield folder, process
    process.kill()
    process.wait()


def test_a_second_claimant_is_refused_with_the_holders_process_id(holder):
    folder, process = holder
    busy = rf"run is being written by process {process.pid}$"
    with pytest.raises(FolderBusy, match=busy), claim_folder(folder):
        pass


def test_a_waiting_claimant_says_so_once_and_gets_the_folder_when_the_holder_lets_go(holder):
    folder, process = holder
    told = []
    assert process.stdin is not None
    threading.Timer(0.5, process.stdin.close).start()
    with claim_folder(folder, wait_s=30, on_wait=told.append):
        assert process.wait(timeout=5) == 0  # the holder had let go before this claim got the folder
    assert len(told) == 1 and f"written by process {process.pid}; waiting up to 30 s" in told[0]
    assert list(folder.iterdir()) == []  # the lock file goes with the claim


def test_a_holder_killed_with_sigkill_frees_the_folder_at_once(holder):
    folder, process = holder
    process.send_signal(signal.SIGKILL)
    process.wait()
    with claim_folder(folder):  # no waiting allowed: the kernel dropped the dead holder's lock
        pass


def test_the_holding_thread_may_claim_again_and_another_thread_may_not(tmp_path):
    refused = []

    def other_thread() -> None:
        try:
            with claim_folder(tmp_path):
                refused.append(False)
        except FolderBusy:
            refused.append(True)

    with claim_folder(tmp_path):
        with claim_folder(tmp_path):  # an eval task's claim, then its generate run's
            pass
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
    assert refused == [True]
    with claim_folder(tmp_path):  # free again once the outer claim ended
        pass
