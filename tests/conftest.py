"""Every test process (and the CLI processes tests start) keeps its built assets in a fresh folder, so a
cache left by earlier runs never turns a test's expected build into a hit (the process's asset store reads
the variable when it is first used). The test session is a process entry: it sets its threads as the CLI's
`main()` does, before anything imports torch or numba."""

import os
import tempfile

from scenewright.runtime import configure_process

os.environ["SCENEWRIGHT_CACHE_DIR"] = tempfile.mkdtemp(prefix="scenewright-test-cache-")
configure_process()
