"""Every test process (and the CLI processes tests start) keeps its built assets in a fresh folder, so a
cache left by earlier runs never turns a test's expected build into a hit."""

import os
import tempfile

os.environ["SCENEWRIGHT_CACHE_DIR"] = tempfile.mkdtemp(prefix="scenewright-test-cache-")
